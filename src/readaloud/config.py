"""Settings, one dataclass per concern, loadable from one TOML file.

A settings file (``--config``, ``READALOUD_CONFIG`` or ``config.toml`` in the
user config directory) has one table per concern::

    [ingest]
    max_bytes = 5_000_000
    [audio]
    bitrate_kbps = 64

Unknown keys are errors that name the key and the file.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

import platformdirs

from .errors import ConfigError

APP_NAME = "readaloud"


@dataclass(frozen=True)
class IngestConfig:
    """Limits on what we read, so a mistaken input fails fast."""

    max_bytes: int = 5_000_000
    fetch_timeout_s: float = 20.0
    user_agent: str = "readaloud/0.1 (+article-to-audio; offline text-to-speech)"


@dataclass(frozen=True)
class AudioConfig:
    """How the finished programme is encoded."""

    bitrate_kbps: int = 64
    mp3_quality: int = 5
    """LAME's algorithm quality, 0 (best, slowest) to 9. 5 is LAME's "good" setting and
    encodes 2.7x faster than 2 ("near best"); set 2 here if encoding time does not matter."""
    vorbis_compression: float = 0.5
    """Ogg Vorbis: libsndfile's 0 (best quality) to 1 (smallest); 0.5 is about 64 kbit/s for mono speech."""


@dataclass(frozen=True)
class LoudnessConfig:
    """Podcast delivery loudness (see loudness.py)."""

    enabled: bool = True
    target_lufs: float = -16.0
    """Apple Podcasts and Spotify ask for about -16 LUFS integrated for spoken word."""
    true_peak_dbtp: float = -1.0
    peak_margin_db: float = 1.0
    """True peaks are held this far under the ceiling before encoding: lossy codecs overshoot a little."""
    lookahead_ms: float = 5.0
    max_gain_db: float = 30.0
    """Never lift a near-silent programme by more than this."""
    probe_seconds: float = 30.0
    """How much of a long programme is run through the limiter (and encoder) to correct the gain."""
    probe_window_s: float = 1.0
    correction_rounds: int = 3
    """How many gains are tried on the probe (the first two side by side) before the last secant step."""
    tolerance_lu: float = 0.1
    """Stop correcting once the probe is this close to the target."""
    codec_probe_s: float = 10.0
    """How much audio is encoded and decoded again to measure a lossy format's loudness loss and overshoot."""
    codec_peak_slack_db: float = 0.3


@dataclass(frozen=True)
class CacheConfig:
    """The chunk cache (see cache.py)."""

    enabled: bool = True
    max_bytes: int = 2_000_000_000
    """About 6 hours of speech at 22 kHz; least recently used chunks go first."""
    directory: str | None = None
    """Default: the user cache directory (READALOUD_CACHE_DIR overrides)."""


@dataclass(frozen=True)
class Settings:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    audio: AudioConfig = field(default_factory=AudioConfig)
    loudness: LoudnessConfig = field(default_factory=LoudnessConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    voice: str | None = None
    """Default voice name; READALOUD_VOICE overrides it."""
    locale: str = "en-GB"
    """How numbers, dates and money are said (en-GB or en-US): a setting of the article, not the voice."""


T = TypeVar("T")


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def user_cache_dir() -> Path:
    env = os.environ.get("READALOUD_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP_NAME))


def _build(cls: type[T], data: dict[str, Any], where: str) -> T:
    names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            raise ConfigError(
                f"unknown setting '{key}' in {where}",
                fix=f"use one of: {', '.join(sorted(names))}",
            )
        kwargs[key] = value
    return cls(**kwargs)


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path``, else READALOUD_CONFIG, else the user config file."""
    if path is None:
        env = os.environ.get("READALOUD_CONFIG")
        path = Path(env) if env else user_config_dir() / "config.toml"
        if not path.exists():
            return _with_env(Settings())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"settings file {path} does not exist", fix="check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc})", fix="fix the syntax") from None
    sections: dict[str, type] = {
        "ingest": IngestConfig,
        "audio": AudioConfig,
        "loudness": LoudnessConfig,
        "cache": CacheConfig,
    }
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in sections:
            if not isinstance(value, dict):
                raise ConfigError(f"'{key}' in {path} must be a table", fix=f"write it as [{key}]")
            kwargs[key] = _build(sections[key], value, f"[{key}] of {path}")
        elif key in ("voice", "locale"):
            if not isinstance(value, str):
                raise ConfigError(f"'{key}' in {path} must be a string", fix=f'write {key} = "..."')
            kwargs[key] = value
        else:
            raise ConfigError(
                f"unknown section '{key}' in {path}",
                fix="use [ingest], [audio], [loudness], [cache], voice = \"NAME\" or locale = \"en-GB\"",
            )
    return _with_env(Settings(**kwargs))


def _with_env(settings: Settings) -> Settings:
    voice = os.environ.get("READALOUD_VOICE")
    return dataclasses.replace(settings, voice=voice) if voice else settings
