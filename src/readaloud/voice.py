"""Voices as data: one TOML profile per voice.

Profiles are looked up by name in, first to last wins: the shipped ``voices/``
directory, the user's voices directory (``<user config dir>/voices``), then
every directory in ``READALOUD_VOICES`` (``os.pathsep``-separated). A value
ending in ``.toml`` is read as a path. A profile file looks like::

    name = "fast"
    engine = "espeak"              # any registered engine
    language = "en-GB"
    description = "one line"
    speed = 1.0                    # 1.0 = the engine's natural pace
    sentence_pause_ms = 300
    paragraph_pause_ms = 700
    title_pause_ms = 900
    normalize = true               # optional; default: what the engine wants
    intro = "An audio version of an article from {source}."   # optional
    outro = "Thanks for listening."                           # optional
    [options]                      # handed to the engine as they are
    voice = "en"
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .config import user_config_dir
from .engines import Availability, Engine, engine_class
from .errors import ConfigError, VoiceError

DEFAULT_VOICE = "joe"
VOICES_ENV = "READALOUD_VOICES"
VOICE_ENV = "READALOUD_VOICE"


@dataclass(frozen=True)
class Voice:
    """A named way of speaking: an engine, its options, and the pacing around sentences."""

    name: str
    engine: str
    language: str = "en"
    description: str = ""
    speed: float = 1.0
    sentence_pause_ms: int = 300
    paragraph_pause_ms: int = 700
    title_pause_ms: int = 900
    normalize: bool | None = None
    intro: str = ""
    """Said before the headline; may use {title}, {byline}, {date}, {source}."""
    outro: str = ""
    """Said after the article; the same fields."""
    options: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def engine_class(self) -> type[Engine]:
        return engine_class(self.engine)

    @property
    def offline(self) -> bool:
        return self.engine_class.offline

    @property
    def wants_normalization(self) -> bool:
        return self.engine_class.normalize if self.normalize is None else self.normalize

    def availability(self) -> Availability:
        """Whether this voice works right now, and how to fix it if not."""
        try:
            cls = self.engine_class
        except VoiceError as exc:
            return Availability(False, exc.problem, exc.fix or "")
        return cls.check(self.options)

    def create_engine(self) -> Engine:
        return self.engine_class(self.options, speed=self.speed)


_FIELDS = {
    "name": str,
    "engine": str,
    "language": str,
    "description": str,
    "speed": (int, float),
    "sentence_pause_ms": int,
    "paragraph_pause_ms": int,
    "title_pause_ms": int,
    "normalize": bool,
    "intro": str,
    "outro": str,
    "options": dict,
}


def load_voice_file(path: Path) -> Voice:
    """Read one profile, checking every key and type so mistakes name the key and file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VoiceError(f"voice profile {path} does not exist", fix="check the path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"voice profile {path} is not valid TOML ({exc})", fix="fix its syntax") from None
    for key, value in data.items():
        expected = _FIELDS.get(key)
        if expected is None:
            raise ConfigError(
                f"unknown key '{key}' in voice profile {path}",
                fix=f"use only: {', '.join(_FIELDS)}",
            )
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"'{key}' in voice profile {path} has the wrong type", fix="see the README's voice format")
    for key in ("engine",):
        if key not in data:
            raise ConfigError(f"voice profile {path} has no '{key}'", fix=f"add {key} = \"...\"")
    for key in ("sentence_pause_ms", "paragraph_pause_ms", "title_pause_ms"):
        if data.get(key, 0) < 0:
            raise ConfigError(f"'{key}' in voice profile {path} is negative", fix="use 0 or more")
    if not 0.25 <= float(data.get("speed", 1.0)) <= 4.0:
        raise ConfigError(f"'speed' in voice profile {path} is out of range", fix="use 0.25 to 4.0")
    data.setdefault("name", path.stem)
    options = dict(data.pop("options", {}))
    # Relative model paths are relative to the profile file.
    for key in ("model", "config"):
        if key in options and not Path(str(options[key])).expanduser().is_absolute():
            options[key] = str((path.parent / str(options[key])).resolve())
    return Voice(path=path, options=options, speed=float(data.pop("speed", 1.0)), **data)


def voice_dirs() -> list[Path]:
    """Directories searched for profiles, lowest precedence first."""
    dirs = [Path(str(files("readaloud.voices")))]
    dirs.append(user_config_dir() / "voices")
    env = os.environ.get(VOICES_ENV)
    if env:
        dirs.extend(Path(p).expanduser() for p in env.split(os.pathsep) if p)
    return dirs


def available_voices() -> dict[str, Voice]:
    """Every profile found, by name; later directories override earlier ones."""
    found: dict[str, Voice] = {}
    for directory in voice_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            voice = load_voice_file(path)
            found[voice.name] = voice
    return found


def default_voice_name(configured: str | None = None) -> str:
    """READALOUD_VOICE, else the settings file's voice, else joe."""
    return os.environ.get(VOICE_ENV) or configured or DEFAULT_VOICE


def get_voice(name_or_path: str | Voice | None = None, *, configured: str | None = None) -> Voice:
    """Resolve a voice name, a path to a profile, or None (the default voice)."""
    if isinstance(name_or_path, Voice):
        return name_or_path
    name = name_or_path or default_voice_name(configured)
    if name.endswith(".toml") or os.sep in name:
        return load_voice_file(Path(name).expanduser())
    voices = available_voices()
    if name not in voices:
        raise VoiceError(
            f"unknown voice '{name}'",
            fix=f"use one of: {', '.join(sorted(voices))} (see 'readaloud voices'), or a path to a .toml profile",
        )
    return voices[name]
