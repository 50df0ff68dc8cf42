"""Score a cleaner against annotated articles, the way ../shared/tools/cleanscore.py does.

An annotated article marks each line: ``~ `` page furniture (must not be spoken),
``= `` the headline and ``? `` metadata (not scored), anything else article text
(every word must be spoken). Words are aligned with difflib. One implementation
for the tests, ``benchmarks/clean_score.py`` and ``scripts/train_furniture.py``;
use it to check your own rules against pages you have annotated.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

MARKS = (("~ ", "furniture"), ("= ", "title"), ("? ", "meta"))
SCORED = ("content", "furniture")
_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes dropped (as cleanscore.py counts them)."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("'", ""))


def parse_annotated(annotated: str) -> list[tuple[str, str]]:
    """(kind, text) for each line: kind is content, furniture, title or meta."""
    out = []
    for raw in annotated.splitlines():
        kind, text = "content", raw
        for mark, name in MARKS:
            if raw.startswith(mark):
                kind, text = name, raw[len(mark) :]
        out.append((kind, text))
    return out


def raw_text(annotated: str) -> str:
    """The article as the page had it: the annotation marks removed."""
    return "\n".join(text for _, text in parse_annotated(annotated)) + "\n"


@dataclass
class Score:
    """Word totals and words spoken, by kind, and per line (number from 1: (words, spoken))."""

    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED, 0))
    spoken: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED, 0))
    per_line: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.spoken["content"] / max(1, self.total["content"])

    @property
    def leak(self) -> float:
        return self.spoken["furniture"] / max(1, self.total["furniture"])

    def add(self, other: Score) -> None:
        for kind in SCORED:
            self.total[kind] += other.total[kind]
            self.spoken[kind] += other.spoken[kind]


def score(lines: list[tuple[str, str]], script: str) -> Score:
    """How much of each kind of line ``script`` (what the cleaner would have spoken) says."""
    doc, kinds, where = [], [], []
    for number, (kind, text) in enumerate(lines, 1):
        for word in words(text):
            doc.append(word)
            kinds.append(kind)
            where.append(number)
    matched = [False] * len(doc)
    for a, _, n in difflib.SequenceMatcher(None, doc, words(script), autojunk=False).get_matching_blocks():
        for i in range(a, a + n):
            matched[i] = True
    result = Score()
    for hit, kind, number in zip(matched, kinds, where):
        count, said = result.per_line.get(number, (0, 0))
        result.per_line[number] = (count + 1, said + hit)
        if kind in result.total:
            result.total[kind] += 1
            result.spoken[kind] += hit
    return result
