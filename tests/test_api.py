"""The public Python API: what it exports, and that calls from several threads do not interfere."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import readaloud

ARTICLES = {
    "rail": "Rail fares to rise in March\n\nFares will go up by 4.6% from 2 March, the operators said.\n\nCommuters' groups called the rise unfair.",
    "parks": "Parks get new opening hours\n\nCity parks will stay open until 10pm in the summer.\n\nThe change starts on Monday.",
    "port": "Port handles record cargo\n\nThe port handled 1.2 million containers last year, a record.\n\nBosses expect growth to continue.",
}


def test_public_api_is_what_is_documented() -> None:
    for name in readaloud.__all__:
        assert hasattr(readaloud, name), name
    assert callable(readaloud.clean) and callable(readaloud.convert)
    assert issubclass(readaloud.FetchError, readaloud.InputError)
    assert issubclass(readaloud.InputError, readaloud.ReadaloudError)
    assert (Path(readaloud.__file__).parent / "py.typed").exists()


def test_clean_takes_text_or_a_document_with_metadata() -> None:
    script = readaloud.clean(readaloud.Document(text="The port handled a record year.", source="cms:1",
                                                title="Port record", byline="By A Writer", url="https://example.org/p"))
    assert script.title == "Port record" and script.url == "https://example.org/p"
    assert script.sentences == ["Port record", "The port handled a record year."]


def convert_one(name: str, out_dir: Path) -> tuple[str, list[str], float]:
    doc = readaloud.Document(text=ARTICLES[name], source=f"test:{name}")
    result = readaloud.convert(doc, out_dir / f"{name}.wav", voice="fast", loudness=False)
    return name, [s.text for s in result.sentences], result.duration


def test_concurrent_conversions_match_serial_ones(tmp_path: Path) -> None:
    serial_dir, threaded_dir = tmp_path / "serial", tmp_path / "threads"
    serial_dir.mkdir()
    threaded_dir.mkdir()
    serial = {name: convert_one(name, serial_dir) for name in ARTICLES}
    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = dict(pool.map(lambda n: (n, convert_one(n, threaded_dir)), list(ARTICLES) * 2))
    for name in ARTICLES:
        assert threaded[name][1] == serial[name][1]
        assert threaded[name][2] == pytest.approx(serial[name][2], abs=0.05)


def test_progress_callback_counts_every_chunk(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    readaloud.convert(readaloud.Document(text=ARTICLES["rail"], source="t"), tmp_path / "a.mp3", voice="fast",
                      progress=lambda done, total: seen.append((done, total)))
    assert [d for d, _ in seen] == list(range(1, seen[-1][1] + 1))


def test_user_errors_are_readaloud_errors(tmp_path: Path) -> None:
    with pytest.raises(readaloud.InputError) as err:
        readaloud.convert(str(tmp_path / "missing.txt"), tmp_path / "x.mp3", voice="fast")
    assert err.value.fix
