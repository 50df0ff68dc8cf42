"""The command line, through click's CliRunner: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile
from click.testing import CliRunner

from readaloud import __version__
from readaloud.cli import main

ARTICLE = """\
Council backs new cycle lanes for city centre
By Jo Reed, Transport correspondent
Listen to this article
Loading audio...
The city council has approved a network of protected cycle lanes across the centre.

Councillors voted 31 to 12 in favour after a three-hour debate on Tuesday.

Work is expected to begin in the spring. Share this article
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", ["convert", "clean", "normalize", "voices"])
def test_every_command_has_help_with_examples(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_convert_writes_mp3_next_to_the_input(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "--voice", "fast"])
    assert result.exit_code == 0, result.output
    out = article.with_suffix(".mp3")
    assert f"Wrote {out}" in result.output
    info = soundfile.info(str(out))
    assert info.channels == 1 and 4 < info.duration < 30
    assert not [p for p in article.parent.iterdir() if p.name.endswith(".part")]


def test_convert_manifest_matches_the_file(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    result = runner.invoke(main, ["convert", str(article), "-o", str(out), "--voice", "fast", "--json", "--captions", "vtt"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.output)
    assert manifest["path"] == str(out) and manifest["format"] == "wav"
    assert manifest["duration"] == pytest.approx(soundfile.info(str(out)).duration, abs=0.01)
    sentences = manifest["sentences"]
    assert sentences[0]["text"] == "Council backs new cycle lanes for city centre"
    assert all(a["end"] <= b["start"] for a, b in zip(sentences, sentences[1:]))
    assert sentences[-1]["end"] <= manifest["duration"]
    vtt = Path(manifest["captions"]).read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(sentences)


def test_convert_speaks_exactly_the_clean_script(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    cleaned = runner.invoke(main, ["clean", str(article)])
    assert cleaned.exit_code == 0
    script_sentences = [line for line in cleaned.output.splitlines() if line]
    result = runner.invoke(main, ["convert", str(article), "-o", str(tmp_path / "a.mp3"), "--voice", "fast", "--json"])
    spoken = [s["text"] for s in json.loads(result.output)["sentences"]]
    assert spoken == script_sentences
    assert "Listen to this article" not in cleaned.output
    assert "Share this article" not in cleaned.output


def test_format_flag_and_unknown_extension(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "-o", str(tmp_path / "a.aiff"), "--voice", "fast"])
    assert result.exit_code == 1
    assert "Error: cannot write 'aiff'" in result.output and "--format" in result.output
    assert not (tmp_path / "a.aiff").exists()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "missing.txt"),
        (lambda d: d, "directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(runner: CliRunner, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    source = make(tmp_path)
    result = runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "out.mp3"), "--voice", "fast"])
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert not (tmp_path / "out.mp3").exists()


def test_empty_after_cleaning_is_a_user_error(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "furniture.txt"
    page.write_text("Listen to this article\nLoading audio...\nShare\n", encoding="utf-8")
    result = runner.invoke(main, ["convert", str(page), "-o", str(tmp_path / "o.mp3"), "--voice", "fast"])
    assert result.exit_code == 1
    assert "nothing is left to" in result.output
    assert not (tmp_path / "o.mp3").exists()


def test_unknown_voice_names_the_choices(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "--voice", "nobody"])
    assert result.exit_code == 1 and "unknown voice 'nobody'" in result.output and "joe" in result.output


def test_bad_loudness_value(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["convert", str(article), "--loudness", "loud"])
    assert result.exit_code == 2 and "--loudness" in result.output


def test_clean_json_has_metadata_and_removals(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["clean", str(article), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["title"] == "Council backs new cycle lanes for city centre"
    assert data["byline"] and "Jo Reed" in data["byline"]
    assert all(isinstance(p, list) for p in data["paragraphs"])
    rules = {r["rule"] for r in data["removed"]}
    assert rules and all(rules)


def test_clean_explain_goes_to_stderr(article: Path) -> None:
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    result = runner.invoke(main, ["clean", str(article), "--explain"])
    assert result.exit_code == 0
    assert "Loading audio" in result.stderr and "Loading audio" not in result.stdout


def test_voices_lists_and_marks_the_default(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READALOUD_VOICE", raising=False)
    result = runner.invoke(main, ["voices"])
    assert result.exit_code == 0
    lines = {line.split()[1] if line.startswith("*") else line.split()[0]: line for line in result.output.splitlines() if line.strip() and not line.startswith(("(", "      "))}
    assert lines["joe"].startswith("*")
    data = json.loads(runner.invoke(main, ["voices", "--json"]).output)
    by_name = {v["name"]: v for v in data}
    assert by_name["joe"]["default"] and by_name["joe"]["offline"] and by_name["joe"]["usable"]
    assert not by_name["gtts-uk"]["offline"]


def test_normalize_is_line_for_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["normalize", "-"], input="The deal is worth £5bn.\n\nPlain words stay.\n")
    assert result.exit_code == 0
    lines = result.output.split("\n")
    assert lines[:3] == ["The deal is worth five billion pounds.", "", "Plain words stay."]


def test_convert_tags_the_file(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    from readaloud.tags import read_cover, read_tags

    cover = tmp_path / "cover.png"
    cover.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    out = tmp_path / "tagged.mp3"
    result = runner.invoke(main, ["convert", str(article), "-o", str(out), "--voice", "fast",
                                  "--album", "Evening Read", "--cover", str(cover)])
    assert result.exit_code == 0, result.output
    tags = read_tags(out)
    assert tags.title == "Council backs new cycle lanes for city centre"
    assert tags.album == "Evening Read" and "Jo Reed" in (tags.artist or "")
    assert read_cover(out) == cover.read_bytes()


@pytest.mark.parametrize("fmt", ["flac", "ogg"])
def test_convert_other_formats_without_ffmpeg(runner: CliRunner, article: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"a.{fmt}"
    result = runner.invoke(main, ["convert", str(article), "-o", str(out), "--voice", "fast", "-q"])
    assert result.exit_code == 0, result.output
    assert soundfile.info(str(out)).duration > 4


def test_m4a_without_ffmpeg_says_how_to_fix(runner: CliRunner, article: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READALOUD_FFMPEG", "definitely-not-ffmpeg")
    result = runner.invoke(main, ["convert", str(article), "-o", str(tmp_path / "a.m4a"), "--voice", "fast"])
    assert result.exit_code == 1
    assert "needs ffmpeg" in result.output and "mp3" in result.output
    assert [p for p in tmp_path.iterdir() if "m4a" in p.name] == []


@pytest.mark.skipif(__import__("shutil").which("ffmpeg") is None, reason="ffmpeg is not installed (m4a is optional)")
def test_m4a_with_ffmpeg(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    import mutagen

    out = tmp_path / "a.m4a"
    result = runner.invoke(main, ["convert", str(article), "-o", str(out), "--voice", "fast"])
    assert result.exit_code == 0, result.output
    audio = mutagen.File(out)
    assert audio.info.length > 4 and audio.tags["\xa9nam"] == ["Council backs new cycle lanes for city centre"]
