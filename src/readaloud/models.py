"""Plain typed values that flow one way through the pipeline.

ingest -> Document -> clean -> Article -> split -> Script -> chunk -> [Chunk]
-> synthesise -> PCM -> stitch -> encode/tag -> Result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SourceKind = Literal["text", "markdown", "html"]


@dataclass(frozen=True)
class Document:
    """Decoded input text and whatever metadata the source itself carried."""

    text: str
    source: str
    kind: SourceKind = "text"
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Removal:
    """A span the cleaner removed and the rule that removed it (explainability)."""

    text: str
    rule: str
    line: int
    score: float | None = None
    """For learned rules: the model's furniture probability."""


@dataclass(frozen=True)
class Article:
    """The article after cleaning: headline, metadata and prose paragraphs."""

    title: str | None
    byline: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Script:
    """Exactly what will be spoken: paragraphs of sentences, headline first."""

    title: str | None
    byline: str | None
    date: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    removed: tuple[Removal, ...] = ()
    url: str | None = None
    intro: tuple[str, ...] = ()
    """Sentences said before the headline (e.g. "An audio version of an article from ...")."""
    outro: tuple[str, ...] = ()
    """Sentences said after the article."""

    @property
    def sentences(self) -> list[str]:
        return [s for para in self.spoken_paragraphs for s in para]

    @property
    def spoken_paragraphs(self) -> tuple[tuple[str, ...], ...]:
        """Intro, the headline (its own paragraph), the body paragraphs, outro."""
        head: tuple[tuple[str, ...], ...] = ((self.title,),) if self.title else ()
        intro: tuple[tuple[str, ...], ...] = (self.intro,) if self.intro else ()
        outro: tuple[tuple[str, ...], ...] = (self.outro,) if self.outro else ()
        return intro + head + self.paragraphs + outro

    @property
    def headline_index(self) -> int | None:
        """Where the headline sits in spoken_paragraphs (it is followed by a longer pause)."""
        if not self.title:
            return None
        return 1 if self.intro else 0

    def text(self) -> str:
        """One sentence a line, a blank line between paragraphs."""
        return "\n\n".join("\n".join(p) for p in self.spoken_paragraphs) + "\n"


@dataclass(frozen=True)
class Chunk:
    """One unit of synthesis: some text and the silence that follows it.

    A chunk holds whole sentences of one paragraph, or one piece of a single
    over-long sentence (then ``ends_sentence`` is False for all but the last piece).
    """

    text: str
    pause_after_ms: int
    first_sentence: int
    """Index into Script.sentences (headline included) of the chunk's first sentence."""
    last_sentence: int
    """Inclusive index of the chunk's last sentence."""
    ends_sentence: bool = True


@dataclass(frozen=True)
class SentenceTiming:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Chapter:
    """One article's span in a programme that joins several (a digest)."""

    title: str
    start: float
    end: float
    url: str | None = None


@dataclass(frozen=True)
class Result:
    """What convert() produced: the file, its length, and where each sentence is."""

    path: Path
    duration: float
    format: str
    sentences: tuple[SentenceTiming, ...] = field(default=())
    title: str | None = None
    chapters: tuple[Chapter, ...] = field(default=())
    captions: Path | None = None
