"""Chunk: Script -> synthesis units (text plus the silence after it).

Offline engines get one chunk per sentence, so every sentence can be timed.
Online engines have a per-request size limit and a per-request cost, so with
``group=True`` consecutive sentences of a paragraph share a request while they
fit. A sentence longer than the engine's limit is cut at the clause break
nearest the limit (a natural breath), else at a space, never inside a word.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from .models import Chunk, Script

log = logging.getLogger(__name__)

CLAUSE_PAUSE_MS = 120
"""Silence after a piece of an over-long sentence cut at clause punctuation."""

MIN_CLAUSE_PIECE_FRACTION = 0.3
"""A clause break is only used if the piece before it is at least this share of
``max_chars``; otherwise a cut at the last space gives fewer, more even pieces."""

_CLAUSE_END_CHARS = ";:,—–"
_DASH_WORDS = frozenset({"-", "—", "–", "--"})
_TRAILING_CLOSERS = "\"'”’»)]}"
_WORD = re.compile(r"\S+")


def _is_clause_break(words: list[str], i: int) -> bool:
    """Whether a cut right after ``words[i]`` falls at clause punctuation."""
    word = words[i]
    if word in _DASH_WORDS:
        return True
    if word.rstrip(_TRAILING_CLOSERS).endswith(tuple(_CLAUSE_END_CHARS)):
        return True
    return i + 1 < len(words) and words[i + 1] in _DASH_WORDS


def split_long_sentence(sentence: str, max_chars: int) -> list[str]:
    """Cut ``sentence`` into pieces of at most ``max_chars`` at word boundaries.

    Joining the pieces with single spaces gives back the sentence's words; a
    single word longer than ``max_chars`` becomes a piece of its own.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    text = sentence.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    min_clause_len = MIN_CLAUSE_PIECE_FRACTION * max_chars
    pieces: list[str] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        fit = i  # words i..fit-1 fit within max_chars
        while fit < len(spans) and spans[fit][1] - start <= max_chars:
            fit += 1
        if fit == len(spans):
            pieces.append(text[start:])
            break
        if fit == i:  # one word longer than the limit
            pieces.append(words[i])
            i += 1
            continue
        last = fit - 1
        for j in range(fit - 1, i - 1, -1):
            if spans[j][1] - start < min_clause_len:
                break
            if _is_clause_break(words, j):
                last = j
                break
        pieces.append(text[start : spans[last][1]])
        i = last + 1
    return pieces


def _ends_clause(piece: str) -> bool:
    words = piece.split()
    return bool(words) and _is_clause_break(words, len(words) - 1)


def _paragraph_chunks(
    paragraph: tuple[str, ...], first_index: int, *, max_chars: int, sentence_pause_ms: int, group: bool
) -> list[Chunk]:
    """One paragraph's chunks, each followed by ``sentence_pause_ms`` (the caller fixes the last)."""
    units: list[Chunk] = []
    pending: list[str] = []  # whole sentences waiting to be joined into one chunk
    pending_first = first_index
    for index, sentence in enumerate(paragraph, start=first_index):
        fits_with_pending = len(" ".join([*pending, sentence])) <= max_chars
        if pending and not (group and fits_with_pending and len(sentence) <= max_chars):
            units.append(Chunk(" ".join(pending), sentence_pause_ms, pending_first, index - 1))
            pending = []
        if len(sentence) <= max_chars:
            if not pending:
                pending_first = index
            pending.append(sentence)
            continue
        pieces = split_long_sentence(sentence, max_chars)
        for k, piece in enumerate(pieces):
            is_last = k == len(pieces) - 1
            pause = sentence_pause_ms if is_last else (CLAUSE_PAUSE_MS if _ends_clause(piece) else 0)
            units.append(Chunk(piece, pause, index, index, ends_sentence=is_last))
        log.debug("sentence %d (%d chars) cut into %d pieces", index, len(sentence), len(pieces))
    if pending:
        units.append(Chunk(" ".join(pending), sentence_pause_ms, pending_first, first_index + len(paragraph) - 1))
    return units


def chunk(
    script: Script,
    *,
    max_chars: int,
    sentence_pause_ms: int,
    paragraph_pause_ms: int,
    title_pause_ms: int,
    group: bool = False,
) -> list[Chunk]:
    """Script -> chunks in speaking order; indices refer to ``script.sentences``.

    Pauses: ``title_pause_ms`` after the headline, ``paragraph_pause_ms`` after a
    paragraph's last chunk, ``sentence_pause_ms`` between sentences, 0 at the end.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    chunks: list[Chunk] = []
    index = 0
    for p_no, paragraph in enumerate(script.spoken_paragraphs):
        units = _paragraph_chunks(
            paragraph, index, max_chars=max_chars, sentence_pause_ms=sentence_pause_ms, group=group
        )
        index += len(paragraph)
        if units:
            end_pause = title_pause_ms if p_no == script.headline_index else paragraph_pause_ms
            units[-1] = replace(units[-1], pause_after_ms=end_pause)
            chunks.extend(units)
    if chunks:
        chunks[-1] = replace(chunks[-1], pause_after_ms=0)
    return chunks
