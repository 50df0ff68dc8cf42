"""The chunk cache: resume after failure, re-synthesise only edits, size cap, CLI."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from click.testing import CliRunner

from readaloud.cache import ChunkCache
from readaloud.cli import main
from readaloud.engines import Engine, register
from readaloud.errors import EngineError
from readaloud.models import Chunk
from readaloud.synthesize import synthesize


class CountingEngine(Engine):
    """A fake voice: a tone as long as the text; counts calls; can be told to fail."""

    name: ClassVar[str] = "counting"
    parallel: ClassVar[str] = "threads"
    calls: ClassVar[list[str]] = []
    fail_on: ClassVar[set[str]] = set()

    @property
    def sample_rate(self) -> int:
        return 8000

    def synthesize(self, text: str) -> np.ndarray:
        if text in self.fail_on:
            raise EngineError(f"failed on {text!r}")
        self.calls.append(text)
        return (np.ones(len(text) * 80) * 1000).astype(np.int16)


@pytest.fixture
def engine() -> CountingEngine:
    CountingEngine.calls = []
    CountingEngine.fail_on = set()
    return CountingEngine({"v": 1})


@pytest.fixture
def cache(tmp_path: Path) -> ChunkCache:
    return ChunkCache(tmp_path / "cache", max_bytes=10_000_000)


def chunks(texts: list[str]) -> list[Chunk]:
    return [Chunk(t, 100, i, i) for i, t in enumerate(texts)]


def run(texts: list[str], engine: Engine, cache: ChunkCache) -> list[np.ndarray]:
    return [pcm for _, pcm in synthesize(chunks(texts), engine, cache=cache)]


def test_rerun_after_a_failure_only_synthesises_what_is_missing(engine: CountingEngine, cache: ChunkCache) -> None:
    texts = [f"Sentence number {i}." for i in range(10)]
    CountingEngine.fail_on = {texts[6]}
    with pytest.raises(EngineError):
        run(texts, engine, cache)
    done_before = set(CountingEngine.calls)
    assert texts[0] in done_before
    CountingEngine.fail_on = set()
    CountingEngine.calls = []
    out = run(texts, engine, cache)
    assert len(out) == 10
    assert not set(CountingEngine.calls) & done_before
    assert texts[6] in CountingEngine.calls


def test_an_edit_resynthesises_only_the_changed_sentence(engine: CountingEngine, cache: ChunkCache) -> None:
    run(["One.", "Two.", "Three."], engine, cache)
    CountingEngine.calls = []
    run(["One.", "Two, edited.", "Three."], engine, cache)
    assert CountingEngine.calls == ["Two, edited."]


def test_cached_audio_is_identical(engine: CountingEngine, cache: ChunkCache) -> None:
    first = run(["Alpha beta.", "Gamma."], engine, cache)
    second = run(["Alpha beta.", "Gamma."], engine, cache)
    assert all(np.array_equal(a, b) for a, b in zip(first, second))


def test_voice_options_are_part_of_the_key(cache: ChunkCache) -> None:
    a, b = CountingEngine({"v": 1}), CountingEngine({"v": 2})
    assert ChunkCache.key(a, "Hello.") != ChunkCache.key(b, "Hello.")
    assert ChunkCache.key(a, "Hello.") != ChunkCache.key(CountingEngine({"v": 1}, speed=1.5), "Hello.")
    assert ChunkCache.key(a, "Hello.") == ChunkCache.key(CountingEngine({"v": 1}), "Hello.")


def test_prune_keeps_the_cache_under_its_cap(engine: CountingEngine, tmp_path: Path) -> None:
    small = ChunkCache(tmp_path / "c", max_bytes=20_000)
    run([f"A fairly long sentence number {i} for the cache." for i in range(20)], engine, small)
    assert small.stats().bytes > 20_000
    small.prune()
    assert 0 < small.stats().bytes <= 20_000


def test_cache_info_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: CountingEngine) -> None:
    monkeypatch.setenv("READALOUD_CACHE_DIR", str(tmp_path / "cc"))
    run(["One.", "Two."], engine, ChunkCache(tmp_path / "cc" / "chunks", 10**9))
    runner = CliRunner()
    info = runner.invoke(main, ["cache", "info"])
    assert info.exit_code == 0 and "2 chunks" in info.output
    cleared = runner.invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and "Removed 2" in cleared.output
    assert "0 chunks" in runner.invoke(main, ["cache", "info"]).output


def test_interrupted_gtts_conversion_resumes_without_refetching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's acceptance case: a gTTS conversion fails halfway; the rerun fetches only the rest."""
    import requests

    from test_engines import FakeTransport, batchexecute_body, fake_mp3

    import readaloud
    from readaloud.engines.gtts import GttsEngine

    monkeypatch.setenv("READALOUD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(GttsEngine, "max_chars", 60)  # one request per sentence
    body = batchexecute_body(fake_mp3(0.3))
    sent: list[str] = []

    def healthy(self, request, **kw):  # type: ignore[no-untyped-def]
        sent.append(request.body)
        return FakeTransport([(200, body)])(self, request)

    article = tmp_path / "a.txt"
    sentences = [f"Paragraph {w} has its own short sentence." for w in ("one", "two", "three", "four", "five", "six")]
    article.write_text("A headline for the test\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    calls = {"n": 0}

    def flaky(self, request, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 3:
            return FakeTransport([(500, b"down")])(self, request)
        return healthy(self, request)

    monkeypatch.setattr(requests.Session, "send", flaky)
    monkeypatch.setattr(GttsEngine, "sleep", staticmethod(lambda s: None))
    voice = readaloud.get_voice("gtts-uk")
    with pytest.raises(EngineError):
        readaloud.convert(str(article), tmp_path / "a.mp3", voice=voice, loudness=False)
    assert not (tmp_path / "a.mp3").exists()
    fetched_first = len(sent)
    assert 1 <= fetched_first < 7
    sent.clear()
    monkeypatch.setattr(requests.Session, "send", healthy)
    result = readaloud.convert(str(article), tmp_path / "a.mp3", voice=voice, loudness=False)
    assert len(result.sentences) == 7
    assert len(sent) == 7 - fetched_first
