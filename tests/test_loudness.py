"""The streaming loudness meter against pyloudnorm, and the gain + limiter against the podcast target."""

from __future__ import annotations

import io

import numpy as np
import pyloudnorm
import pytest

from readaloud.config import LoudnessConfig
from readaloud.loudness import Limiter, LoudnessMeter, plan_gain


def true_peak_dbtp(samples: np.ndarray) -> float:
    """BS.1770 annex 2 true peak, independently of readaloud's own interpolator: scipy's 4x polyphase resampler."""
    from scipy.signal import resample_poly

    up = resample_poly(samples.astype(np.float64) / 32768, 4, 1)
    return 20 * float(np.log10(np.abs(up).max()))

RATE = 22050


def speechlike(seconds: float, seed: int = 3) -> np.ndarray:
    """Bursts of harmonic tone with gaps and an occasional loud syllable: peaky like speech."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    f0 = 110 + 30 * np.sin(2 * np.pi * 0.3 * t)
    voice = sum(np.sin(2 * np.pi * k * f0 * t) / k for k in range(1, 8))
    envelope = (np.sin(2 * np.pi * 3 * t) > -0.2).astype(float) * rng.uniform(0.2, 1.0, t.size // RATE * 4 + 4).repeat(RATE // 4 + 1)[: t.size]
    x = voice * envelope * 4000
    x[(rng.random(t.size) < 0.0004)] *= 6
    return np.clip(x, -32768, 32767).astype(np.int16)


def reference(samples: np.ndarray) -> float:
    return float(pyloudnorm.Meter(RATE).integrated_loudness(samples.astype(np.float64) / 32768))


@pytest.mark.parametrize("piece", [1, 777, 22050, 100_000])
def test_streaming_meter_matches_pyloudnorm_whatever_the_pieces(piece: int) -> None:
    x = speechlike(30)
    meter = LoudnessMeter(RATE)
    for i in range(0, x.size, piece):
        meter.add(x[i : i + piece])
    assert meter.integrated() == pytest.approx(reference(x), abs=0.05)


def test_meter_of_silence_is_minus_infinity() -> None:
    meter = LoudnessMeter(RATE)
    meter.add(np.zeros(RATE * 3, dtype=np.int16))
    assert meter.integrated() == float("-inf")


@pytest.mark.parametrize("target", [-16.0, -19.0, -23.0])
def test_gain_and_limiter_hit_the_target_and_the_peak_ceiling(target: float) -> None:
    x = speechlike(40)
    config = LoudnessConfig(target_lufs=target)
    meter = LoudnessMeter(RATE)
    meter.add(x)
    raw = io.BytesIO(x.astype("<i2").tobytes())
    plan = plan_gain(raw, x.size, RATE, meter.integrated(), config)
    out = np.concatenate(list(Limiter(RATE, plan.gain, config, plan.margin_db).process(raw, x.size, block=5000)))
    assert out.size == x.size
    assert reference(out) == pytest.approx(target, abs=0.5)
    assert true_peak_dbtp(out) <= config.true_peak_dbtp + 0.05


def test_limiter_is_the_same_in_any_block_size() -> None:
    x = speechlike(10)
    config = LoudnessConfig()
    raw = io.BytesIO(x.astype("<i2").tobytes())
    a = np.concatenate(list(Limiter(RATE, 4.0, config).process(raw, x.size, block=1000)))
    b = np.concatenate(list(Limiter(RATE, 4.0, config).process(raw, x.size, block=1 << 16)))
    assert np.array_equal(a, b)


def test_quiet_parts_are_only_scaled() -> None:
    x = (speechlike(5) // 20).astype(np.int16)
    out = np.concatenate(list(Limiter(RATE, 2.0, LoudnessConfig()).process_array(x)))
    assert np.allclose(out, np.clip(x.astype(float) * 2, -32768, 32767), atol=1)


@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_a_converted_article_meets_the_podcast_spec(tmp_path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """End to end, measured on what a listener's decoder gets: -16 LUFS, true peak <= -1 dBTP."""
    from pathlib import Path

    import soundfile

    import readaloud

    article = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
    out = tmp_path / f"a.{fmt}"
    readaloud.convert(str(article), out, voice="fast")
    decoded, rate = soundfile.read(out, dtype="int16")
    loudness = float(pyloudnorm.Meter(rate).integrated_loudness(decoded.astype(np.float64) / 32768))
    assert loudness == pytest.approx(-16.0, abs=0.5)
    assert true_peak_dbtp(decoded) <= -1.0


@pytest.mark.parametrize("rounds", [0, 1, 3])
def test_the_codec_loss_is_made_up_however_many_correction_rounds(rounds: int) -> None:
    """A codec that takes 1 LU off and overshoots the peaks: the plan aims higher and holds
    peaks lower, even with a single correction round (one used to go on the new ceiling)."""
    x = speechlike(20)
    meter = LoudnessMeter(RATE)
    meter.add(x)
    raw = io.BytesIO(x.astype("<i2").tobytes())
    config = LoudnessConfig(correction_rounds=rounds)

    def lossy(samples: np.ndarray) -> np.ndarray:
        out = (samples.astype(np.float64) * 10 ** (-1 / 20)).astype(np.int16)
        out[len(out) // 2] = 32000  # one overshooting peak
        return out

    plain = plan_gain(raw, x.size, RATE, meter.integrated(), config)
    coded = plan_gain(raw, x.size, RATE, meter.integrated(), config, lossy)
    assert 20 * np.log10(coded.gain / plain.gain) > 0.7
    assert coded.margin_db > plain.margin_db
