"""Stitch: per-chunk PCM -> one programme, with the profile's pauses, in linear time.

Each chunk's own leading and trailing silence is trimmed first, so the pauses
you hear are exactly the profile's. Samples go straight to the encoder: no
growing buffer is ever copied, and caption timings come from real sample counts.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

with warnings.catch_warnings():
    # pydub warns at import about ffmpeg (absent) and audioop; we use only its in-memory PCM tools.
    warnings.simplefilter("ignore")
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from .models import Chunk, SentenceTiming


class PcmSink(Protocol):
    def write(self, samples: np.ndarray) -> None: ...


@dataclass(frozen=True)
class StitchConfig:
    silence_threshold_dbfs: float = -45.0
    """Quieter than this at a chunk's ends counts as silence to trim."""
    trim_step_ms: int = 5
    keep_margin_ms: int = 20
    """Silence kept at each end so soft onsets and releases are not clipped."""


def trim_silence(samples: np.ndarray, sample_rate: int, config: StitchConfig = StitchConfig()) -> np.ndarray:
    """Drop leading and trailing silence (pydub's detector), keeping a small margin."""
    if samples.size == 0:
        return samples
    seg = AudioSegment(samples.tobytes(), sample_width=2, frame_rate=sample_rate, channels=1)
    lead_ms = detect_leading_silence(seg, config.silence_threshold_dbfs, config.trim_step_ms)
    if lead_ms >= len(seg):
        return samples[:0]
    trail_ms = detect_leading_silence(seg.reverse(), config.silence_threshold_dbfs, config.trim_step_ms)
    per_ms = sample_rate / 1000
    start = max(0, int((lead_ms - config.keep_margin_ms) * per_ms))
    end = min(samples.size, samples.size - int((trail_ms - config.keep_margin_ms) * per_ms))
    return samples[start:end]


def silence(ms: int, sample_rate: int) -> np.ndarray:
    return np.zeros(int(round(ms * sample_rate / 1000)), dtype=np.int16)


def stitch(
    audio: Iterable[tuple[Chunk, np.ndarray]],
    *,
    sample_rate: int,
    sink: PcmSink,
    sentences: Sequence[str],
    config: StitchConfig = StitchConfig(),
) -> tuple[tuple[SentenceTiming, ...], int]:
    """Write trimmed speech and pauses to ``sink``; return sentence timings and total samples."""
    position = 0
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for chunk, samples in audio:
        speech = trim_silence(samples, sample_rate, config)
        begin = position
        starts.setdefault(chunk.first_sentence, begin)
        sink.write(speech)
        position += speech.size
        if chunk.ends_sentence:
            _place_sentences(chunk, sentences, begin, position, starts, ends)
        if chunk.pause_after_ms:
            gap = silence(chunk.pause_after_ms, sample_rate)
            sink.write(gap)
            position += gap.size
    timings = tuple(
        SentenceTiming(sentences[i], starts[i] / sample_rate, ends[i] / sample_rate)
        for i in sorted(ends)
        if i < len(sentences)
    )
    return timings, position


def _place_sentences(
    chunk: Chunk,
    sentences: Sequence[str],
    begin: int,
    end: int,
    starts: dict[int, int],
    ends: dict[int, int],
) -> None:
    """Time the sentences a chunk completes.

    One sentence: its real span. Several sentences synthesised together (online
    engines group them): the chunk's span shared out by their lengths in characters.
    """
    indices = range(chunk.first_sentence, chunk.last_sentence + 1)
    if len(indices) == 1:
        ends[chunk.first_sentence] = end
        return
    weights = [max(1, len(sentences[i])) if i < len(sentences) else 1 for i in indices]
    total = sum(weights)
    cursor = begin
    for index, weight in zip(indices, weights):
        starts[index] = cursor if index != chunk.first_sentence else starts[index]
        cursor += (end - begin) * weight // total
        ends[index] = cursor
    ends[chunk.last_sentence] = end
