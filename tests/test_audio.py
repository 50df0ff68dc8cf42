"""Stitching order and pauses, silence trimming, encoders and atomic output."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile

from readaloud.config import AudioConfig
from readaloud.encode import format_for, open_encoder
from readaloud.errors import OutputError
from readaloud.models import Chunk
from readaloud.stitch import StitchConfig, silence, stitch, trim_silence

RATE = 16000


def tone(seconds: float, freq: float = 220.0, level: float = 8000.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * freq * t) * level).astype(np.int16)


def padded(samples: np.ndarray, lead_s: float, trail_s: float) -> np.ndarray:
    return np.concatenate([silence(int(lead_s * 1000), RATE), samples, silence(int(trail_s * 1000), RATE)])


class Collect:
    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []

    def write(self, samples: np.ndarray) -> None:
        self.parts.append(samples.copy())

    @property
    def samples(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, np.int16)


def test_trim_silence_keeps_only_a_margin() -> None:
    cfg = StitchConfig(keep_margin_ms=20)
    out = trim_silence(padded(tone(1.0), 0.5, 0.7), RATE, cfg)
    assert abs(out.size / RATE - 1.04) < 0.015


def test_trim_silence_of_pure_silence_is_empty() -> None:
    assert trim_silence(silence(300, RATE), RATE).size == 0


def test_stitch_puts_chunks_in_order_with_exact_pauses() -> None:
    a, b, c = tone(0.5, 200), tone(0.25, 400), tone(0.75, 800)
    chunks = [
        Chunk("A.", 1000, 0, 0),
        Chunk("B.", 300, 1, 1),
        Chunk("C.", 0, 2, 2),
    ]
    audio = [(chunks[0], padded(a, 0.3, 0.3)), (chunks[1], padded(b, 0.2, 0.4)), (chunks[2], c)]
    sink = Collect()
    cfg = StitchConfig(keep_margin_ms=0)
    timings, total = stitch(audio, sample_rate=RATE, sink=sink, sentences=["A.", "B.", "C."], config=cfg)
    out = sink.samples
    assert total == out.size
    assert [t.text for t in timings] == ["A.", "B.", "C."]
    # Each sentence's span is its own speech; the gaps are the pauses asked for.
    assert timings[0].start == 0
    assert timings[0].end == pytest.approx(0.5, abs=0.01)
    assert timings[1].start - timings[0].end == pytest.approx(1.0, abs=0.001)
    assert timings[2].start - timings[1].end == pytest.approx(0.3, abs=0.001)
    assert total / RATE == pytest.approx(0.5 + 1.0 + 0.25 + 0.3 + 0.75, abs=0.02)
    # Order: the dominant frequency of each span is the chunk's tone.
    for timing, freq in zip(timings, (200, 400, 800)):
        span = out[int(timing.start * RATE): int(timing.end * RATE)].astype(float)
        peak = np.argmax(np.abs(np.fft.rfft(span))) * RATE / span.size
        assert peak == pytest.approx(freq, rel=0.05)


def test_stitch_times_pieces_of_a_split_sentence_as_one() -> None:
    chunks = [Chunk("first half,", 0, 0, 0, ends_sentence=False), Chunk("second half.", 0, 0, 0)]
    sink = Collect()
    timings, total = stitch(
        [(chunks[0], tone(0.5)), (chunks[1], tone(0.5))], sample_rate=RATE, sink=sink,
        sentences=["first half, second half."], config=StitchConfig(keep_margin_ms=0),
    )
    assert len(timings) == 1
    assert timings[0].start == 0 and timings[0].end == pytest.approx(1.0, abs=0.01)


def test_stitch_shares_a_grouped_chunk_by_length() -> None:
    chunk = Chunk("One. Three four five.", 0, 0, 1)
    timings, _ = stitch([(chunk, tone(1.0))], sample_rate=RATE, sink=Collect(),
                        sentences=["One.", "Three four five."], config=StitchConfig(keep_margin_ms=0))
    assert timings[0].start == 0
    assert timings[0].end == pytest.approx(timings[1].start)
    assert timings[0].end < timings[1].end
    assert timings[1].end == pytest.approx(1.0, abs=0.01)


def test_stitch_is_linear_in_chunks(tmp_path: Path) -> None:
    """Thousands of chunks stream straight through: the sink sees each once."""
    chunks = [(Chunk(f"s{i}.", 10, i, i), tone(0.02)) for i in range(3000)]
    sink = Collect()
    timings, total = stitch(iter(chunks), sample_rate=RATE, sink=sink, sentences=[f"s{i}." for i in range(3000)])
    assert len(timings) == 3000
    assert sum(p.size for p in sink.parts) == total


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_encoders_write_playable_files(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    with open_encoder(out, fmt, RATE, AudioConfig()) as enc:
        for _ in range(4):
            enc.write(tone(0.5))
    data, rate = soundfile.read(out, dtype="int16")
    assert rate == RATE
    assert data.size / rate == pytest.approx(2.0, abs=0.1)
    if fmt == "wav":
        with wave.open(str(out)) as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)


def test_mp3_is_64_kbit_mono(tmp_path: Path) -> None:
    out = tmp_path / "x.mp3"
    with open_encoder(out, "mp3", 22050, AudioConfig(bitrate_kbps=64)) as enc:
        enc.write((np.random.default_rng(1).standard_normal(22050 * 10) * 3000).astype(np.int16))
    kbps = out.stat().st_size * 8 / 10 / 1000
    assert 55 < kbps < 75
    info = soundfile.info(str(out))
    assert info.channels == 1


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "x.mp3"
    with pytest.raises(RuntimeError):
        with open_encoder(out, "mp3", RATE) as enc:
            enc.write(tone(0.2))
            raise RuntimeError("engine died")
    assert list(tmp_path.iterdir()) == []


def test_existing_output_survives_a_failed_rewrite(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    out.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt):
        with open_encoder(out, "wav", RATE) as enc:
            enc.write(tone(0.2))
            raise KeyboardInterrupt
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]


def test_format_from_extension_or_flag(tmp_path: Path) -> None:
    assert format_for(Path("a.mp3")) == "mp3"
    assert format_for(Path("a.WAV")) == "wav"
    assert format_for(Path("a.bin"), "wav") == "wav"
    with pytest.raises(OutputError, match="--format"):
        format_for(Path("a.aiff"))


def test_missing_output_directory_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        with open_encoder(tmp_path / "nope" / "x.mp3", "mp3", RATE):
            pass


def test_wav_bytes_roundtrip() -> None:
    buf = io.BytesIO()
    from readaloud.encode import WavEncoder

    enc = WavEncoder(buf, RATE, AudioConfig())
    enc.write(tone(0.1))
    enc.finish()
    data, rate = soundfile.read(io.BytesIO(buf.getvalue()), dtype="int16")
    assert np.array_equal(data, tone(0.1))


@pytest.mark.parametrize("n", [22050, 22051, 21935, 100000])
def test_mp3_seam_silence_matches_what_a_decoder_plays(n: int) -> None:
    """Two parts encoded separately and joined decode to part one, the predicted silence, part two."""
    import io

    from readaloud.encode import LAME_ENCODER_DELAY, encode_mp3_parts, mp3_seam_silence

    rate = 22050
    rng = np.random.default_rng(n)
    first = (np.sin(np.arange(n) / 5) * 8000).astype(np.int16)
    second = (rng.standard_normal(20000) * 3000).astype(np.int16)  # noise: one clear correlation peak
    buf = io.BytesIO()
    encode_mp3_parts(buf, [iter([first]), iter([second])], rate, AudioConfig())
    decoded, _ = soundfile.read(io.BytesIO(buf.getvalue()), dtype="int16")
    gap = mp3_seam_silence(n, rate)
    assert gap is not None
    onset = LAME_ENCODER_DELAY + n + gap  # where part two should start
    lag = np.argmax(np.correlate(decoded[onset - 200 : onset + 1200].astype(float), second[:800].astype(float), "valid"))
    assert lag == 200


def test_one_long_vorbis_write_is_safe() -> None:
    """libsndfile's Vorbis encoder crashed the process on one write of a few minutes."""
    from readaloud.encode import SoundfileEncoder

    rng = np.random.default_rng(0)
    samples = (rng.standard_normal(22050 * 200) * 3000).astype(np.int16)
    buf = io.BytesIO()
    encoder = SoundfileEncoder(buf, 22050, AudioConfig(), "ogg")
    encoder.write(samples)
    encoder.finish()
    buf.seek(0)
    decoded, rate = soundfile.read(buf, dtype="int16")
    assert rate == 22050 and abs(decoded.size - samples.size) < 22050
