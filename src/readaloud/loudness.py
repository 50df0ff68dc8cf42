"""Loudness: measure a programme as it streams past (ITU-R BS.1770-4), then set it to
a target (podcast delivery: -16 LUFS integrated, true peak at most -1 dBTP).

K-weighting uses the same filter formulas as pyloudnorm, applied by FFT
convolution; the gating is BS.1770's, computed from 100 ms sub-block energies so
memory stays flat however long the programme is (an hour is 36,000 floats).
pyloudnorm itself holds the whole signal in memory (640 MB of floats an hour),
so it is the reference in ``tests/test_loudness.py``, not the meter here.

The gain that reaches the target would push speech peaks over full scale, so a
look-ahead peak limiter (minimum filter then moving average on the gain curve:
gain falls before a peak, never after the fact) holds peaks under the ceiling.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from .config import LoudnessConfig

FULL_SCALE = 32768.0
BLOCK_S = 0.4
"""BS.1770 gating block."""
SUB_BLOCKS = 4
"""Blocks overlap by 75%: each is four 100 ms sub-blocks."""
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
LOUDNESS_OFFSET = -0.691
IMPULSE_S = 0.1
"""K-weighting's impulse response is under 1e-9 of its peak after 100 ms (the 38 Hz high-pass decays fastest of all)."""
FFT_SIZE = 1 << 14


def _biquad(kind: str, gain_db: float, q: float, fc: float, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """BS.1770's two K-weighting stages at any sample rate (the same formulas as pyloudnorm's IIRfilter)."""
    a_gain = 10 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * (fc / rate)
    alpha = math.sin(w0) / (2.0 * q)
    cos_w0 = math.cos(w0)
    if kind == "high_shelf":
        sq = 2 * math.sqrt(a_gain) * alpha
        b = [a_gain * ((a_gain + 1) + (a_gain - 1) * cos_w0 + sq),
             -2 * a_gain * ((a_gain - 1) + (a_gain + 1) * cos_w0),
             a_gain * ((a_gain + 1) + (a_gain - 1) * cos_w0 - sq)]
        a = [(a_gain + 1) - (a_gain - 1) * cos_w0 + sq,
             2 * ((a_gain - 1) - (a_gain + 1) * cos_w0),
             (a_gain + 1) - (a_gain - 1) * cos_w0 - sq]
    else:  # high_pass
        b = [(1 + cos_w0) / 2, -(1 + cos_w0), (1 + cos_w0) / 2]
        a = [1 + alpha, -2 * cos_w0, 1 - alpha]
    return np.array(b) / a[0], np.array(a) / a[0]


@functools.lru_cache(maxsize=8)
def k_weighting_impulse(rate: int, taps: int) -> np.ndarray:
    """The K-weighting filter's impulse response, long enough to have died away."""
    stages = (_biquad("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0, rate), _biquad("high_pass", 0.0, 0.5, 38.0, rate))
    signal = np.zeros(taps)
    signal[0] = 1.0
    for b, a in stages:
        out = np.zeros(taps)
        x1 = x2 = y1 = y2 = 0.0
        for n in range(taps):  # once per meter, a few thousand steps
            x0 = signal[n]
            y0 = b[0] * x0 + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
            out[n] = y0
            x2, x1, y2, y1 = x1, x0, y1, y0
        signal = out
    return signal


class LoudnessMeter:
    """Integrated loudness of mono int16 audio fed in order, in constant memory.

    K-weighting is applied by FFT convolution with the filters' impulse response
    (overlap-add), which needs only numpy: the IIR filters in scipy.signal cost more
    to import (0.6 s) than readaloud spends speaking a whole article with espeak-ng.
    """

    def __init__(self, sample_rate: int) -> None:
        self.rate = sample_rate
        taps = int(sample_rate * IMPULSE_S)
        self._fft_size = FFT_SIZE if FFT_SIZE > 2 * taps else 1 << (2 * taps).bit_length()
        self._step = self._fft_size - taps + 1
        self._response = np.fft.rfft(k_weighting_impulse(sample_rate, taps), self._fft_size)
        self._tail = np.zeros(taps - 1)
        self._pending = np.zeros(0)
        self._sub_len = int(round(sample_rate * BLOCK_S / SUB_BLOCKS))
        self._partial = 0.0
        self._partial_n = 0
        self._sub_energies: list[float] = []

    def write(self, samples: np.ndarray) -> None:
        """The meter is a sink too: it can sit behind a ``BackgroundSink`` while the programme streams."""
        self.add(samples)

    def finish(self) -> None:
        pass

    def add(self, samples: np.ndarray) -> None:
        if samples.size == 0:
            return
        data = samples.astype(np.float64) / FULL_SCALE
        if self._pending.size:
            data = np.concatenate([self._pending, data])
        whole = data.size - data.size % self._step
        for start in range(0, whole, self._step):
            self._filtered(data[start : start + self._step])
        self._pending = data[whole:]

    def _filtered(self, block: np.ndarray) -> None:
        y = np.fft.irfft(np.fft.rfft(block, self._fft_size) * self._response, self._fft_size)
        n = block.size
        tail_len = self._tail.size
        y[:tail_len] += self._tail
        self._tail = y[n : n + tail_len].copy()
        self._energy(y[:n])

    def _energy(self, x: np.ndarray) -> None:
        sq = x * x
        pos = 0
        if self._partial_n:
            take = min(self._sub_len - self._partial_n, sq.size)
            self._partial += float(sq[:take].sum())
            self._partial_n += take
            pos = take
            if self._partial_n == self._sub_len:
                self._sub_energies.append(self._partial)
                self._partial, self._partial_n = 0.0, 0
        whole = (sq.size - pos) // self._sub_len
        if whole:
            blocks = sq[pos : pos + whole * self._sub_len].reshape(whole, self._sub_len).sum(axis=1)
            self._sub_energies.extend(blocks.tolist())
            pos += whole * self._sub_len
        if pos < sq.size:
            self._partial = float(sq[pos:].sum())
            self._partial_n = sq.size - pos

    def _flush(self) -> None:
        if self._pending.size:
            self._filtered(self._pending)
            self._pending = np.zeros(0)

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS; -inf for silence or less than one block."""
        self._flush()
        subs = np.asarray(self._sub_energies, dtype=np.float64)
        if subs.size < SUB_BLOCKS:
            return float("-inf")
        window = np.convolve(subs, np.ones(SUB_BLOCKS), mode="valid") / (self._sub_len * SUB_BLOCKS)
        with np.errstate(divide="ignore"):
            block_lufs = LOUDNESS_OFFSET + 10 * np.log10(window)
        gated = window[block_lufs >= ABSOLUTE_GATE_LUFS]
        if gated.size == 0:
            return float("-inf")
        relative = LOUDNESS_OFFSET + 10 * math.log10(gated.mean()) + RELATIVE_GATE_LU
        final = window[(block_lufs > relative) & (block_lufs > ABSOLUTE_GATE_LUFS)]
        return LOUDNESS_OFFSET + 10 * math.log10(final.mean()) if final.size else float("-inf")


def gain_for(measured_lufs: float, config: LoudnessConfig) -> float:
    """Linear gain that brings ``measured_lufs`` to the target (1.0 for silence)."""
    if not math.isfinite(measured_lufs):
        return 1.0
    gain_db = min(config.target_lufs - measured_lufs, config.max_gain_db)
    return 10 ** (gain_db / 20)


OVERSAMPLE = 4
TAPS_PER_PHASE = 12
"""BS.1770-4 annex 2 measures true peak by 4x oversampling with a 48-tap interpolation filter."""
GAIN_GRID = 8
"""The limiter's gain curve is computed per group of this many samples (0.4 ms at 22 kHz)."""
_GRID_FRACTIONS = (np.arange(GAIN_GRID) + 0.5) / GAIN_GRID
"""Where each sample sits between two group centres (GAIN_GRID is even)."""
INTER_SAMPLE_HEADROOM_DB = 3.0
"""Between samples a peak can rise up to about 3 dB over the largest sample."""


def _interpolation_phases() -> list[np.ndarray]:
    """The three in-between phases of a 4x windowed-sinc interpolator (phase 0 is the samples)."""
    n = np.arange(OVERSAMPLE * TAPS_PER_PHASE) - (OVERSAMPLE * TAPS_PER_PHASE - 1) / 2
    prototype = np.sinc(n / OVERSAMPLE) * np.kaiser(n.size, 8.0)
    phases = [prototype[p::OVERSAMPLE] for p in range(OVERSAMPLE)]
    return [phase / phase.sum() for phase in phases]


def true_peak_envelope(x: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Per sample, the largest magnitude of the signal between it and its neighbours (4x oversampled).

    Only samples louder than ``floor`` (and their neighbours) are interpolated: a peak
    between samples is never more than INTER_SAMPLE_HEADROOM_DB above the samples
    around it, so quieter stretches keep their sample magnitudes, at no cost.
    """
    envelope = np.abs(x)
    loud = envelope > floor
    loud[:-1] |= loud[1:]  # the stretch before a loud sample may peak too
    candidates = np.flatnonzero(loud)
    if candidates.size == 0:
        return envelope
    half = TAPS_PER_PHASE // 2
    candidates = candidates[(candidates >= half) & (candidates < x.size - half)]
    windows = x[candidates[:, None] + np.arange(-half + 1, half + 1)[None, :]]
    between = np.abs(windows @ _PHASE_MATRIX).max(axis=1)
    envelope[candidates] = np.maximum(envelope[candidates], between)
    return envelope


_PHASES = _interpolation_phases()
_PHASE_MATRIX = np.stack([phase[::-1] for phase in _PHASES], axis=1)
"""Window (12 samples) @ matrix = the four interpolated values after the window's centre sample."""


class Limiter:
    """Apply a gain and hold true peaks (between samples too) under a ceiling, block by block."""

    def __init__(self, sample_rate: int, gain: float, config: LoudnessConfig, margin_db: float | None = None) -> None:
        self.gain = gain
        margin = config.peak_margin_db if margin_db is None else margin_db
        self.ceiling = FULL_SCALE * 10 ** ((config.true_peak_dbtp - margin) / 20)
        self._quick_ceiling = self.ceiling * 10 ** (-INTER_SAMPLE_HEADROOM_DB / 20)
        self.reach = max(1, int(sample_rate * config.lookahead_ms / 1000))

    def _gain_curve(self, x: np.ndarray, first: int) -> np.ndarray | None:
        """Per sample gain for ``x`` (whose first sample is sample ``first`` of the programme);
        None when nothing in ``x`` reaches the ceiling.

        The curve is built on a grid of GAIN_GRID-sample groups (each group's smallest need),
        then interpolated back: a gain that moves over milliseconds needs no per-sample
        resolution, and the work drops by the grid factor. Groups are aligned to the
        programme, not to ``x``, so any block size gives the same result.
        """
        envelope = true_peak_envelope(x, self._quick_ceiling)
        peaks = np.flatnonzero(envelope > self.ceiling)
        if peaks.size == 0:
            return None
        need = self.ceiling / envelope[peaks]
        lead = first % GAIN_GRID
        groups = np.ones(-(-(x.size + lead) // GAIN_GRID))
        np.minimum.at(groups, (peaks + lead) // GAIN_GRID, need)
        held = sliding_min(groups, -(-self.reach // GAIN_GRID))
        smooth = moving_average(held, max(1, self.reach // 2 // GAIN_GRID))
        # Linear interpolation between group centres, on the programme's grid.
        steps = np.diff(smooth, append=smooth[-1])
        curve = np.repeat(smooth, GAIN_GRID) + np.repeat(steps, GAIN_GRID) * np.tile(_GRID_FRACTIONS, smooth.size)
        # curve[i] is the value half a group past sample i's group start; shift it into place.
        curve = np.concatenate([np.full(GAIN_GRID // 2, smooth[0]), curve])[lead : lead + x.size]
        # A moving average of a held minimum never exceeds the need at a peak; this
        # only guards against rounding.
        curve[peaks] = np.minimum(curve[peaks], need)
        return curve

    def process_array(self, samples: np.ndarray) -> Iterator[np.ndarray]:
        import io

        return self.process(io.BytesIO(samples.astype("<i2").tobytes()), samples.size)

    def process(
        self, raw: BinaryIO, total_samples: int, block: int = 1 << 16, *, start: int = 0, end: int | None = None
    ) -> Iterator[np.ndarray]:
        """Yield limited int16 blocks of samples [start, end) of the raw little-endian int16 file ``raw``.

        Reads are positional (os.pread where the file has a descriptor), so two ranges of
        one file can be processed in two threads at once.
        """
        end = total_samples if end is None else end
        pad = 3 * self.reach
        read = _positional_reader(raw)
        for first in range(start, end, block):
            lo, hi = max(0, first - pad), min(total_samples, first + block + pad)
            x = np.frombuffer(read(lo * 2, (hi - lo) * 2), dtype="<i2").astype(np.float64) * self.gain
            if np.abs(x).max(initial=0.0) > self._quick_ceiling:
                curve = self._gain_curve(x, lo)
                if curve is not None:
                    x *= curve
            body = x[first - lo : first - lo + min(block, end - first)]
            yield np.clip(np.rint(body), -32768, 32767).astype(np.int16)


def _positional_reader(raw: BinaryIO) -> Callable[[int, int], bytes]:
    try:
        fd = raw.fileno()
    except (AttributeError, OSError, ValueError):  # in-memory buffers
        def read_buffer(offset: int, size: int) -> bytes:
            raw.seek(offset)
            return raw.read(size)

        return read_buffer
    raw.flush()
    return lambda offset, size: os.pread(fd, size, offset)


def sliding_min(x: np.ndarray, radius: int) -> np.ndarray:
    """Minimum over [i - radius, i + radius] for every i, edges held (van Herk / Gil-Werman, O(n))."""
    width = 2 * radius + 1
    padded = np.concatenate([np.full(radius, x[0]), x, np.full(radius + (-(x.size + 2 * radius)) % width, x[-1])])
    blocks = padded.reshape(-1, width)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[: x.size], prefix[width - 1 : width - 1 + x.size])


def moving_average(x: np.ndarray, radius: int) -> np.ndarray:
    """Mean over [i - radius, i + radius], edges held."""
    if radius <= 0:
        return x
    padded = np.concatenate([np.full(radius, x[0]), x, np.full(radius, x[-1])])
    sums = np.cumsum(np.concatenate([[0.0], padded]))
    return (sums[2 * radius + 1 :] - sums[: -2 * radius - 1]) / (2 * radius + 1)


def _measure(samples: np.ndarray, rate: int) -> float:
    meter = LoudnessMeter(rate)
    meter.add(samples)
    return meter.integrated()


def _sample_windows(raw: BinaryIO, total: int, rate: int, config: LoudnessConfig) -> np.ndarray:
    """Evenly spaced windows of the programme (all of it, if it is short enough)."""
    budget = int(config.probe_seconds * rate)
    if total <= budget:
        raw.seek(0)
        return np.frombuffer(raw.read(total * 2), dtype="<i2")
    window = int(config.probe_window_s * rate)
    count = max(1, budget // window)
    step = (total - window) // max(1, count - 1) if count > 1 else 0
    # Faded ends: a window cut mid-word must not hand the limiter a click to work on.
    fade = np.sin(np.linspace(0, math.pi / 2, max(1, int(PROBE_FADE_S * rate)))) ** 2
    read = _positional_reader(raw)
    parts = []
    for i in range(count):
        part = np.frombuffer(read(i * step * 2, window * 2), dtype="<i2").astype(np.float64)
        part[: fade.size] *= fade[: part.size]
        part[max(0, part.size - fade.size) :] *= fade[::-1][-part.size :]
        parts.append(np.rint(part).astype(np.int16))
    return np.concatenate(parts)


PROBE_FADE_S = 0.005


FIRST_STEP_DB = 1.0
"""The second gain tried beside the first: about what the limiter takes off espeak-ng's speech."""


def _next_gain(points: Sequence[tuple[float, float]], target: float) -> float:
    """The gain whose limited loudness hits ``target``: along the secant through the two points
    nearest it, or (one point) by the shortfall, as if limiting took nothing."""
    near = sorted(points, key=lambda p: abs(target - p[1]))[:2]
    g1, l1 = near[0]
    slope = 1.0
    if len(near) > 1:
        g0, l0 = near[1]
        if g1 != g0:
            slope = min(1.5, max(0.3, (l1 - l0) / (g1 - g0)))
    return g1 + (target - l1) / slope


@dataclass(frozen=True)
class LoudnessPlan:
    """What pass two applies: a gain, and how far under the true-peak ceiling to hold peaks."""

    gain: float
    margin_db: float


def _peak_db(samples: np.ndarray) -> float:
    x = samples.astype(np.float64)
    floor = float(np.abs(x).max(initial=0.0)) * 10 ** (-INTER_SAMPLE_HEADROOM_DB / 20)
    peak = float(true_peak_envelope(x, floor).max(initial=0.0))
    return 20 * math.log10(peak / FULL_SCALE) if peak > 0 else float("-inf")


def plan_gain(
    raw: BinaryIO,
    total: int,
    rate: int,
    measured_lufs: float,
    config: LoudnessConfig,
    roundtrip: Callable[[np.ndarray], np.ndarray] | None = None,
    min_margin_db: float = 0.0,
) -> LoudnessPlan:
    """The gain that lands on the target in the finished file, *after* limiting and encoding.

    Limiting takes a little loudness off peaky speech (espeak-ng: about 0.8 LU) and a
    lossy encoder another little (64 kbit/s MP3 trims the highs that K-weighting
    favours: about 0.5 LU), so the gain is corrected on a probe of the programme (the
    whole of a short one, evenly spaced windows of a long one) limited and, with
    ``roundtrip``, encoded and decoded again. The same round trip shows how far the
    codec overshoots the limiter's peaks (Vorbis: over 1 dB), and the margin grows to match.
    """
    margin = max(config.peak_margin_db, min_margin_db)
    gain = gain_for(measured_lufs, config)
    if gain == 1.0:
        return LoudnessPlan(gain, margin)
    probe = _sample_windows(raw, total, rate, config)
    target = config.target_lufs
    # The probe's own loudness differs a little from the programme's; what carries over
    # from probe to programme is what the limiter takes off, so that is what is measured.
    probe_lufs = measured_lufs

    def codec_effects() -> tuple[float, float]:
        """(loudness lost, peak overshoot) through the codec; they hardly depend on the gain,
        so this runs beside the first gain round, at the first estimate, on an excerpt."""
        excerpt = np.concatenate(
            list(Limiter(rate, gain, config, margin).process_array(probe[: int(config.codec_probe_s * rate)]))
        )
        decoded = roundtrip(excerpt)  # type: ignore[misc]
        return _measure(excerpt, rate) - _measure(decoded, rate), _peak_db(decoded) - _peak_db(excerpt)

    def codec_correction(measured: Future[tuple[float, float]]) -> tuple[float, float]:
        """(LU the codec takes off, the margin its overshoot needs) from the measured effects."""
        loss, overshoot = measured.result()
        loss = loss if math.isfinite(loss) and 0 < loss < config.max_gain_db else 0.0
        return loss, max(margin, overshoot + config.codec_peak_slack_db) if math.isfinite(overshoot) else margin

    def limited_loudness(gain_db: float, ceiling_margin: float) -> float:
        limited = Limiter(rate, 10 ** (gain_db / 20), config, ceiling_margin).process_array(probe)
        return _measure(np.concatenate(list(limited)), rate)

    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="readaloud-loudness-plan") as pool:
        codec = pool.submit(codec_effects) if roundtrip is not None else None
        probe_loudness = pool.submit(_measure, probe, rate) if probe.size < total else None
        # Loudness after limiting, as a function of gain in dB, bends below the identity as the
        # limiter works harder: the gains tried are the first estimate, one step above it (the
        # two side by side, beside the codec's probe), then the secant through the nearest points.
        gain_db = 20 * math.log10(gain)
        tries = [gain_db, min(gain_db + FIRST_STEP_DB, config.max_gain_db)][: max(0, config.correction_rounds)]
        points: list[tuple[float, float]] = []
        while tries:
            measured = [(g, pool.submit(limited_loudness, g, margin)) for g in tries]
            if probe_loudness is not None:
                probe_lufs = probe_loudness.result()
            points += [(g, f.result() + (measured_lufs - probe_lufs)) for g, f in measured]
            if codec is not None:
                # What the codec takes off, the limiter must leave on: aim that much higher, and
                # hold peaks further down if the codec overshoots them.
                loss, codec_margin = codec_correction(codec)
                codec = None
                target += loss
                if codec_margin > margin:
                    margin = codec_margin
                    tries = [g for g, _ in points]
                    points = []
                    continue  # a new ceiling: measure again under it (these tries do not count)
            best_g, best_l = min(points, key=lambda p: abs(target - p[1]))
            if not math.isfinite(best_l) or abs(target - best_l) < config.tolerance_lu:
                gain_db = best_g
                break
            gain_db = min(_next_gain(points, target), config.max_gain_db)
            tries = [gain_db] if len(points) < config.correction_rounds else []
        if codec is not None:  # no correction rounds at all: apply the codec's effects as measured
            loss, margin = codec_correction(codec)
            gain_db = min(gain_db + loss, config.max_gain_db)
        gain = 10 ** (gain_db / 20)
    return LoudnessPlan(gain, margin)
