"""Encode: stream PCM into the output file, written under a temporary name and renamed.

MP3 comes from LAME through the ``lameenc`` wheel and WAV from the standard
library, so neither needs an ffmpeg binary. An interrupted run leaves no file
under the output name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np

from .config import AudioConfig
from .errors import OutputError

FORMATS = {"mp3": "audio/mpeg", "wav": "audio/wav"}


class Encoder(Protocol):
    def write(self, samples: np.ndarray) -> None: ...
    def finish(self) -> None: ...


class Mp3Encoder:
    """Constant-bitrate mono MP3; LAME is fed as samples arrive."""

    def __init__(self, fh: BinaryIO, sample_rate: int, config: AudioConfig) -> None:
        import lameenc

        self._fh = fh
        self._lame = lameenc.Encoder()
        self._lame.set_bit_rate(config.bitrate_kbps)
        self._lame.set_in_sample_rate(sample_rate)
        self._lame.set_channels(1)
        self._lame.set_quality(config.mp3_quality)

    def write(self, samples: np.ndarray) -> None:
        if samples.size:
            self._fh.write(self._lame.encode(np.ascontiguousarray(samples, dtype=np.int16).tobytes()))

    def finish(self) -> None:
        self._fh.write(self._lame.flush())


class WavEncoder:
    """16-bit mono PCM WAV; the header's sizes are patched on close."""

    def __init__(self, fh: BinaryIO, sample_rate: int, config: AudioConfig) -> None:
        self._wav = wave.open(fh, "wb")
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)

    def write(self, samples: np.ndarray) -> None:
        if samples.size:
            self._wav.writeframesraw(np.ascontiguousarray(samples, dtype="<i2").tobytes())

    def finish(self) -> None:
        self._wav.close()


_ENCODERS = {"mp3": Mp3Encoder, "wav": WavEncoder}


def format_for(path: Path, requested: str | None = None) -> str:
    """The output format: ``requested`` if given, else the file's extension."""
    fmt = (requested or path.suffix.lstrip(".") or "mp3").lower()
    if fmt not in _ENCODERS:
        raise OutputError(
            f"cannot write '{fmt}' audio ({path.name})",
            fix=f"use --format {' or '.join(_ENCODERS)}, or an output name ending in one of: "
            + ", ".join("." + f for f in _ENCODERS),
        )
    return fmt


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside ``path``; rename over it only on success."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"the output directory {directory} does not exist", fix="create it first or pick another -o")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory}: {exc.strerror}", fix="check permissions and free space") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def open_encoder(path: Path, fmt: str, sample_rate: int, config: AudioConfig = AudioConfig()) -> Iterator[Encoder]:
    """An encoder writing ``path`` atomically; the file appears only if the block succeeds."""
    with atomic_file(path) as fh:
        encoder = _ENCODERS[fmt](fh, sample_rate, config)
        try:
            yield encoder
        finally:
            # On failure too: the encoder lets go of the file before it is deleted.
            encoder.finish()
