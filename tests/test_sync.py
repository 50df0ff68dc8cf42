"""Captions stay in sync with the audio actually decoded from the file, for an hour."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
import soundfile

from readaloud.config import Settings
from readaloud.engines import Engine, register
from readaloud.models import Script
from readaloud.pipeline import speak_script
from readaloud.voice import Voice

RATE = 8000


class ToneEngine(Engine):
    """A 'voice' whose every sentence is a tone as long as its text, with a little silence around it."""

    name: ClassVar[str] = "tone"

    @property
    def sample_rate(self) -> int:
        return RATE

    def synthesize(self, text: str) -> np.ndarray:
        seconds = 0.05 * len(text)
        t = np.arange(int(seconds * RATE)) / RATE
        tone = (np.sin(2 * np.pi * 440 * t) * 6000).astype(np.int16)
        pad = np.zeros(int(0.15 * RATE), dtype=np.int16)
        return np.concatenate([pad, tone, pad])


def tone_spans(samples: np.ndarray) -> list[tuple[float, float]]:
    """Start and end of every burst of tone in decoded audio (10 ms resolution)."""
    hop = RATE // 100
    frames = np.abs(samples[: samples.size // hop * hop].astype(np.float64)).reshape(-1, hop).max(axis=1)
    loud = frames > 1000
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    starts = [(e + 1) * hop / RATE for e in edges if not loud[e]]
    ends = [(e + 1) * hop / RATE for e in edges if loud[e]]
    return list(zip(starts, ends))


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_an_hour_of_captions_stays_within_50ms(tmp_path: Path, fmt: str) -> None:
    register("tone", ToneEngine)
    rng = np.random.default_rng(7)
    words = ["word"] * 40
    sentences = [" ".join(words[: rng.integers(8, 40)]) + "." for _ in range(560)]
    paragraphs = tuple(tuple(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    script = Script(title="An hour of tone", byline=None, date=None, paragraphs=paragraphs)
    voice = Voice(name="tone", engine="tone", sentence_pause_ms=400, paragraph_pause_ms=900, title_pause_ms=1000)
    out = tmp_path / f"hour.{fmt}"
    result = speak_script(script, out, voice=voice, fmt=fmt, settings=Settings())
    assert result.duration > 3600
    decoded, rate = soundfile.read(out, dtype="int16")
    assert rate == RATE
    spans = tone_spans(decoded)
    assert len(spans) == len(result.sentences) == len(sentences) + 1
    worst = max(max(abs(s - cue.start), abs(e - cue.end)) for (s, e), cue in zip(spans, result.sentences))
    assert worst <= 0.05, worst
    last_start, last_end = spans[-1]
    assert abs(last_end - result.sentences[-1].end) <= 0.05  # no drift at the end of the hour
