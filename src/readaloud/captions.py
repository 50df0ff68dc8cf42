"""Captions: one cue per sentence, timed from the real audio timeline, in WebVTT or SRT.

Cues show the written text (what the article says), not the spoken form.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .encode import atomic_file
from .errors import OutputError
from .models import SentenceTiming

CAPTION_FORMATS = ("vtt", "srt")


def _stamp(seconds: float, separator: str) -> str:
    millis = int(round(max(0.0, seconds) * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cue_text(text: str) -> str:
    # "-->" would end a cue's timing line early; blank lines would end the cue.
    return " ".join(text.replace("-->", "->").split())


def to_vtt(sentences: Sequence[SentenceTiming]) -> str:
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(sentences, 1):
        lines += [str(index), f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}", _cue_text(cue.text), ""]
    return "\n".join(lines)


def to_srt(sentences: Sequence[SentenceTiming]) -> str:
    lines: list[str] = []
    for index, cue in enumerate(sentences, 1):
        lines += [str(index), f"{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}", _cue_text(cue.text), ""]
    return "\n".join(lines)


def write_captions(sentences: Sequence[SentenceTiming], path: Path, fmt: str | None = None) -> Path:
    """Write a caption sidecar atomically; the format is ``fmt`` or the file's extension."""
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in CAPTION_FORMATS:
        raise OutputError(f"unknown caption format '{kind}'", fix="use --captions vtt or --captions srt")
    text = to_vtt(sentences) if kind == "vtt" else to_srt(sentences)
    with atomic_file(path) as fh:
        fh.write(text.encode("utf-8"))
    return path
