"""Encode: stream PCM into the output file, written under a temporary name and renamed.

MP3 comes from LAME through the ``lameenc`` wheel, WAV from the standard
library, FLAC and Ogg Vorbis from libsndfile (the ``soundfile`` wheel), so none
needs an ffmpeg binary. M4A/M4B (AAC) need ffmpeg, found on PATH when present.
An interrupted run leaves no file under the output name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import wave
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np

from .config import AudioConfig
from .errors import OutputError

MIME_TYPES = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "ogg": "audio/ogg",
    "m4a": "audio/mp4",
    "m4b": "audio/mp4",
}


class Encoder(Protocol):
    def write(self, samples: np.ndarray) -> None: ...
    def finish(self) -> None: ...


LAME_ENCODER_DELAY = 576 + 529
"""Samples of silence LAME puts before the audio (one granule plus its filterbank delay).
lameenc writes no gapless-playback header, so every decoder plays them."""


CODEC_PEAK_HEADROOM_DB = {"mp3": 1.0, "ogg": 2.5, "m4a": 1.0, "m4b": 1.0}
"""Least room to leave under the true-peak ceiling for a lossy codec's overshoot (Vorbis at
about 64 kbit/s overshoots speech peaks by up to 2.5 dB); the measured overshoot can raise it."""


def mp3_seam_silence(first_part_samples: int, sample_rate: int) -> int | None:
    """Samples of silence a decoder plays where two separately encoded MP3 parts meet: the
    first part's end padding plus the second part's encoder delay. None where not known
    (MPEG-1 rates, whose 1152-sample frames we have not measured)."""
    if sample_rate >= 32000:
        return None
    frame = 576
    padding = frame * ((first_part_samples + LAME_ENCODER_DELAY) // frame + 1) - first_part_samples - LAME_ENCODER_DELAY
    return padding + LAME_ENCODER_DELAY


def decoder_offset(fmt: str) -> int:
    """Samples a decoder plays before the first sample we wrote: captions shift by this much."""
    return LAME_ENCODER_DELAY if fmt == "mp3" else 0


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


class SoundfileEncoder:
    """FLAC or Ogg Vorbis through libsndfile, written as samples arrive."""

    FORMATS: dict[str, tuple[str, str]] = {"flac": ("FLAC", "PCM_16"), "ogg": ("OGG", "VORBIS")}

    def __init__(self, fh: BinaryIO, sample_rate: int, config: AudioConfig, fmt: str) -> None:
        import soundfile

        container, subtype = self.FORMATS[fmt]
        level = config.vorbis_compression if fmt == "ogg" else None
        self._file = soundfile.SoundFile(
            fh, "w", sample_rate, 1, format=container, subtype=subtype, compression_level=level
        )

    WRITE_SAMPLES = 1 << 16
    """libsndfile's Vorbis encoder can crash on one very large write (a few minutes of audio)."""

    def write(self, samples: np.ndarray) -> None:
        samples = np.ascontiguousarray(samples, dtype=np.int16)
        for start in range(0, samples.size, self.WRITE_SAMPLES):
            self._file.write(samples[start : start + self.WRITE_SAMPLES])

    def finish(self) -> None:
        self._file.close()


class FfmpegEncoder:
    """AAC in an MP4 container (m4a, or m4b for audiobook players), piped through ffmpeg."""

    def __init__(self, fh: BinaryIO, sample_rate: int, config: AudioConfig, fmt: str) -> None:
        import subprocess

        ffmpeg = find_ffmpeg()
        if ffmpeg is None:
            raise OutputError(
                f"writing {fmt} needs ffmpeg, which is not installed",
                fix="install ffmpeg (apt install ffmpeg, brew install ffmpeg) or choose mp3, ogg, flac or wav",
            )
        self._fh = fh
        # MP4 needs a seekable output to write its index, so ffmpeg writes a file we then copy in.
        self._tmp = tempfile.NamedTemporaryFile(suffix=f".{fmt}", delete=False)
        self._tmp.close()
        self._proc = subprocess.Popen(
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "s16le", "-ar", str(sample_rate),
             "-ac", "1", "-i", "pipe:0", "-c:a", "aac", "-b:a", f"{config.bitrate_kbps}k",
             "-f", "ipod" if fmt == "m4b" else "mp4", self._tmp.name],
            stdin=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def write(self, samples: np.ndarray) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.write(np.ascontiguousarray(samples, dtype="<i2").tobytes())

    def finish(self) -> None:
        import shutil

        assert self._proc.stdin is not None
        self._proc.stdin.close()
        err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
        code = self._proc.wait()
        try:
            if code != 0:
                raise OutputError(f"ffmpeg failed ({err.strip()[:200]})", fix="check your ffmpeg has the AAC encoder")
            with open(self._tmp.name, "rb") as src:
                shutil.copyfileobj(src, self._fh)
        finally:
            os.unlink(self._tmp.name)


class BackgroundSink:
    """Runs a sink (an encoder, a loudness meter) in its own thread, fed through a short queue.

    LAME, libsndfile and numpy's FFT release the GIL while they work, so the sink's work
    overlaps with whatever produces the samples (the limiter, the next chunk); the
    queue's bound keeps memory flat.
    """

    QUEUE_BLOCKS = 8

    def __init__(self, inner: Encoder, name: str = "readaloud-encode") -> None:
        import queue
        import threading

        self._inner = inner
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(maxsize=self.QUEUE_BLOCKS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            block = self._queue.get()
            if block is None:
                return
            if self._error is None:
                try:
                    self._inner.write(block)
                except BaseException as exc:  # handed to the producer on its next call
                    self._error = exc

    def write(self, samples: np.ndarray) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(samples)

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._inner.finish()
        if self._error is not None:
            raise self._error


def encode_mp3_parts(
    out: BinaryIO,
    parts: Sequence[Iterator[np.ndarray]],
    sample_rate: int,
    config: AudioConfig,
) -> None:
    """Encode each part in its own thread (LAME releases the GIL) and write them one after the
    other to ``out``. MP3 frames carry no state across such a seam; a decoder hears the
    seam's padding as a little extra silence, which the caller places inside a pause."""
    import shutil
    import threading

    spools = [tempfile.TemporaryFile(prefix="readaloud-part-") for _ in parts]
    errors: list[BaseException] = []

    def run(blocks: Iterator[np.ndarray], fh: BinaryIO) -> None:
        try:
            encoder = Mp3Encoder(fh, sample_rate, config)
            for block in blocks:
                encoder.write(block)
            encoder.finish()
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(blocks, fh), name="readaloud-mp3-part")
               for blocks, fh in zip(parts, spools)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        for fh in spools:
            fh.seek(0)
            shutil.copyfileobj(fh, out)
    finally:
        for fh in spools:
            fh.close()


def find_ffmpeg() -> str | None:
    import shutil

    return shutil.which(os.environ.get("READALOUD_FFMPEG", "ffmpeg"))


def _soundfile(fmt: str) -> Callable[[BinaryIO, int, AudioConfig], Encoder]:
    return lambda fh, rate, config: SoundfileEncoder(fh, rate, config, fmt)


def _ffmpeg(fmt: str) -> Callable[[BinaryIO, int, AudioConfig], Encoder]:
    return lambda fh, rate, config: FfmpegEncoder(fh, rate, config, fmt)


_ENCODERS: dict[str, Callable[[BinaryIO, int, AudioConfig], Encoder]] = {
    "mp3": Mp3Encoder,
    "wav": WavEncoder,
    "flac": _soundfile("flac"),
    "ogg": _soundfile("ogg"),
    "m4a": _ffmpeg("m4a"),
    "m4b": _ffmpeg("m4b"),
}
FORMATS = tuple(_ENCODERS)


def roundtrip(fmt: str, sample_rate: int, config: AudioConfig = AudioConfig()) -> Callable[[np.ndarray], np.ndarray] | None:
    """For a lossy format: samples -> what a listener's decoder gets back (None for lossless)."""
    if fmt not in ("mp3", "ogg"):
        return None

    def through_codec(samples: np.ndarray) -> np.ndarray:
        import io

        import soundfile

        buf = io.BytesIO()
        encoder = Mp3Encoder(buf, sample_rate, config) if fmt == "mp3" else SoundfileEncoder(buf, sample_rate, config, fmt)
        encoder.write(samples)
        encoder.finish()
        buf.seek(0)
        decoded, _ = soundfile.read(buf, dtype="int16")
        return np.asarray(decoded, dtype=np.int16)

    return through_codec


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
def atomic_file(path: Path, before_rename: Callable[[Path], None] | None = None) -> Iterator[BinaryIO]:
    """Write to a temporary file beside ``path``; rename over it only on success.

    ``before_rename(temp_path)`` runs on the complete file first (to tag it, say).
    """
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
        if before_rename is not None:
            before_rename(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def open_encoder(
    path: Path,
    fmt: str,
    sample_rate: int,
    config: AudioConfig = AudioConfig(),
    before_rename: Callable[[Path], None] | None = None,
    background: bool = False,
) -> Iterator[Encoder]:
    """An encoder writing ``path`` atomically; the file appears only if the block succeeds.
    ``background`` encodes in a thread of its own (see BackgroundSink)."""
    with atomic_file(path, before_rename) as fh:
        encoder = _ENCODERS[fmt](fh, sample_rate, config)
        if background:
            encoder = BackgroundSink(encoder)
        try:
            yield encoder
        finally:
            # On failure too: the encoder lets go of the file before it is deleted.
            encoder.finish()
