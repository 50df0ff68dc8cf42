"""The README's promises: the two quick-start commands, CI running the same test
command, and its examples (commands, TOML snippets) working as shown."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readaloud.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_the_two_commands() -> None:
    first = blocks("sh")[0].strip().splitlines()
    assert len(first) == 2
    install_and_convert, test = first
    assert "pip install ." in install_and_convert
    assert "readaloud convert examples/article.txt -o article.mp3" in install_and_convert
    assert (ROOT / "examples" / "article.txt").is_file()
    assert test == "pip install -e '.[test]' && pytest"
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_has_no_unfilled_placeholders() -> None:
    assert not re.search(r"\b[A-Z]+_TABLE\b|TODO|TBD", README)


def toml_block(marker: str) -> str:
    return next(b for b in blocks("toml") if marker in b)


def test_readme_rules_example_loads(tmp_path: Path) -> None:
    from readaloud.cleaner import load_rules

    path = tmp_path / "rules.toml"
    path.write_text(toml_block("house-promo"), encoding="utf-8")
    load_rules(path)


def test_readme_lexicon_example_loads_and_applies(tmp_path: Path) -> None:
    from readaloud.normalize import load_lexicon, normalize

    path = tmp_path / "lexicon.toml"
    path.write_text(toml_block("Taoiseach"), encoding="utf-8")
    lexicon = load_lexicon(path)
    assert "Tee-shock" in normalize("The Taoiseach spoke.", lexicon=lexicon).spoken
    assert "Prime Minister Ann Lee" in normalize("PM Ann Lee spoke.", lexicon=lexicon).spoken


def test_readme_settings_example_loads(tmp_path: Path) -> None:
    from readaloud.config import load_settings

    path = tmp_path / "config.toml"
    path.write_text(toml_block("[loudness]"), encoding="utf-8")
    settings = load_settings(path)
    assert settings.loudness.target_lufs == -16.0 and settings.audio.bitrate_kbps == 64


def test_readme_voice_example_parses(tmp_path: Path) -> None:
    from readaloud.voice import load_voice_file

    path = tmp_path / "amy.toml"
    path.write_text(toml_block('name = "amy"'), encoding="utf-8")
    voice = load_voice_file(path)
    assert voice.engine == "piper" and voice.options["model"].endswith("en_US-amy-medium.onnx")


OFFLINE_EXAMPLES = [
    "readaloud clean story.txt",
    "readaloud clean story.txt --explain",
    "readaloud clean page.html --json",
    "readaloud voices",
    "readaloud cache info",
    "readaloud convert story.txt --voice fast -o story.ogg --loudness -19",
]


@pytest.mark.parametrize("line", OFFLINE_EXAMPLES)
def test_readme_usage_examples_run(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert line in README
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text((ROOT / "examples" / "article.txt").read_text(encoding="utf-8")[:1500], encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Page</title></head><body><article><h1>Storm hits coast</h1>"
        "<p>High winds brought down trees across the county on Monday night.</p>"
        "<p>Power was restored to most homes by the morning.</p></article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, shlex.split(line)[1:])
    assert result.exit_code == 0, result.output


def test_readme_normalize_example() -> None:
    assert 'readaloud normalize - <<< "The £5bn deal was agreed in the 1960s."' in README
    result = CliRunner().invoke(main, ["normalize", "-"], input="The £5bn deal was agreed in the 1960s.\n")
    assert result.output.strip() == "The five billion pound deal was agreed in the nineteen sixties."


def test_python_api_example(tmp_path: Path) -> None:
    import readaloud

    script = readaloud.clean("Storm hits coast\n\nHigh winds brought down trees on Monday. Power is back.\n")
    assert script.title == "Storm hits coast"
    doc = readaloud.Document(text="Power is back across the county after the storm.", source="cms:1234",
                             title="Headline", url="https://example.org/a")
    seen: list[tuple[int, int]] = []
    result = readaloud.convert(doc, tmp_path / "1234.mp3", voice="fast", progress=lambda d, t: seen.append((d, t)))
    assert result.duration > 1 and seen and seen[-1][0] == seen[-1][1]
    assert [s.text for s in result.sentences][0] == "Headline"


def test_python_is_supported() -> None:
    assert sys.version_info >= (3, 10)
