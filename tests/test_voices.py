"""Voices as data: shipped profiles, user directories, --voice PATH, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from readaloud.errors import ConfigError, VoiceError
from readaloud.voice import available_voices, default_voice_name, get_voice, load_voice_file

SHIPPED = {"joe", "fast", "fast-us", "gtts-uk", "gtts-us", "gtts-au", "gtts-in"}


def test_shipped_voices_are_all_there() -> None:
    voices = available_voices()
    assert SHIPPED <= set(voices)
    assert voices["joe"].engine == "piper" and voices["joe"].offline
    assert voices["fast"].engine == "espeak" and voices["fast"].language == "en-GB"
    assert voices["fast-us"].options["voice"] == "en-us"
    assert {voices[f"gtts-{a}"].options["tld"] for a in ("uk", "us", "au", "in")} == {"co.uk", "us", "com.au", "co.in"}
    assert not voices["gtts-uk"].offline and not voices["gtts-uk"].wants_normalization
    assert voices["fast"].wants_normalization


def test_offline_shipped_voices_are_usable_here() -> None:
    voices = available_voices()
    for name in ("joe", "fast", "fast-us"):
        assert voices[name].availability().usable, name


def test_default_is_joe_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READALOUD_VOICE", raising=False)
    assert default_voice_name() == "joe"
    assert default_voice_name("fast") == "fast"
    monkeypatch.setenv("READALOUD_VOICE", "fast-us")
    assert default_voice_name("fast") == "fast-us"
    assert get_voice().name == "fast-us"


def write_profile(directory: Path, name: str, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_user_voices_dir_adds_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_profile(tmp_path, "slow", 'engine = "espeak"\nspeed = 0.8\n[options]\nvoice = "en"\n')
    write_profile(tmp_path, "fast", 'name = "fast"\nengine = "espeak"\ndescription = "mine"\n')
    monkeypatch.setenv("READALOUD_VOICES", str(tmp_path))
    voices = available_voices()
    assert voices["slow"].speed == 0.8
    assert voices["fast"].description == "mine"


def test_voice_by_path(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "mine", 'engine = "espeak"\nsentence_pause_ms = 100\n')
    voice = get_voice(str(path))
    assert voice.name == "mine" and voice.sentence_pause_ms == 100


def test_relative_model_paths_are_relative_to_the_profile(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "p", 'engine = "piper"\n[options]\nmodel = "models/v.onnx"\n')
    assert load_voice_file(path).options["model"] == str(tmp_path / "models" / "v.onnx")


@pytest.mark.parametrize(
    "body, message",
    [
        ('engine = "espeak"\npitch = 3\n', "unknown key 'pitch'"),
        ('engine = "espeak"\nspeed = "fast"\n', "'speed'.*wrong type"),
        ('language = "en"\n', "no 'engine'"),
        ('engine = "espeak"\nsentence_pause_ms = -5\n', "negative"),
        ('engine = "espeak"\nspeed = 9.0\n', "out of range"),
        ('engine = [\n', "not valid TOML"),
    ],
)
def test_bad_profiles_name_the_key_and_file(tmp_path: Path, body: str, message: str) -> None:
    path = write_profile(tmp_path, "bad", body)
    with pytest.raises(ConfigError, match=message) as err:
        load_voice_file(path)
    assert "bad.toml" in str(err.value)


def test_unknown_voice_lists_the_choices() -> None:
    with pytest.raises(VoiceError, match="joe"):
        get_voice("nobody")


def test_unknown_engine_makes_a_voice_unusable(tmp_path: Path) -> None:
    voice = load_voice_file(write_profile(tmp_path, "x", 'engine = "nonesuch"\n'))
    state = voice.availability()
    assert not state.usable and "nonesuch" in state.reason and state.fix
