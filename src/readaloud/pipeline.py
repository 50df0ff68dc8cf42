"""The whole path, article to audio file: the library the CLI is a thin layer over.

ingest -> clean -> split -> chunk -> synthesise -> stitch -> encode. Each stage
is a function of plain values; this module only wires them together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config import Settings, load_settings
from .encode import format_for, open_encoder
from .errors import EmptyArticleError
from .models import Document, Result, Script
from .stitch import stitch
from .synthesize import synthesize
from .voice import Voice, get_voice

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
"""Called with (chunks done, chunks in all) as synthesis goes."""


@dataclass(frozen=True)
class ConvertOptions:
    """Per-call choices on top of the settings."""

    format: str | None = None
    rules: Path | None = None
    locale: str = "en-GB"
    lexicon: Path | None = None


def _rules(path: Path | None) -> object | None:
    if path is None:
        return None
    from .clean import load_rules  # type: ignore[attr-defined]

    return load_rules(path)


def script_from_document(doc: Document, *, rules: Path | None = None) -> Script:
    """Clean and split an already-read document."""
    from .clean import clean as clean_article
    from .split import split

    script = split(clean_article(doc, _rules(path=rules)))  # type: ignore[arg-type]
    if not script.paragraphs:
        raise EmptyArticleError(
            f"{doc.source}: nothing is left to read once page furniture is removed",
            fix="check that the input is an article; 'readaloud clean --explain' shows what was removed",
        )
    return script


def read_script(source: str, *, rules: Path | None = None, settings: Settings | None = None) -> Script:
    """Ingest, clean and split ``source`` (a path, '-' or a URL)."""
    from .ingest import read_source

    settings = settings or load_settings()
    return script_from_document(read_source(source, settings.ingest), rules=rules)


def default_output(source: str, fmt: str = "mp3") -> Path:
    """``article.txt`` -> ``article.mp3``; stdin and URLs -> ``article.mp3`` here."""
    if source == "-" or "://" in source:
        return Path(f"article.{fmt}")
    return Path(source).with_suffix(f".{fmt}")


def speak_script(
    script: Script,
    out: Path,
    *,
    voice: Voice,
    fmt: str,
    settings: Settings,
    locale: str = "en-GB",
    lexicon: Path | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Synthesise ``script`` with ``voice`` and write it to ``out``."""
    from .chunk import chunk

    sentences = script.sentences
    engine = voice.create_engine()
    pieces = chunk(
        script,
        max_chars=engine.max_chars,
        sentence_pause_ms=voice.sentence_pause_ms,
        paragraph_pause_ms=voice.paragraph_pause_ms,
        title_pause_ms=voice.title_pause_ms,
        group=engine.group_sentences,
    )
    prepare = _speaker(locale, lexicon) if voice.wants_normalization else (lambda text: text)
    audio = synthesize(pieces, engine, prepare=prepare)
    if progress is not None:
        audio = _counting(audio, len(pieces), progress)
    with open_encoder(out, fmt, engine.sample_rate, settings.audio) as encoder:
        timings, samples = stitch(audio, sample_rate=engine.sample_rate, sink=encoder, sentences=sentences)
    engine.close()
    return Result(
        path=out,
        duration=samples / engine.sample_rate,
        format=fmt,
        sentences=timings,
        title=script.title,
    )


def _speaker(locale: str, lexicon: Path | None) -> Callable[[str], str]:
    from .normalize import load_lexicon, normalize

    lex = load_lexicon(lexicon) if lexicon else None
    return lambda text: normalize(text, locale=locale, lexicon=lex).spoken


def _counting(audio, total: int, progress: ProgressCallback):  # type: ignore[no-untyped-def]
    for done, item in enumerate(audio, 1):
        yield item
        progress(done, total)


def convert(
    source: str | Document,
    out: str | Path | None = None,
    *,
    voice: str | Voice | None = None,
    format: str | None = None,
    rules: str | Path | None = None,
    locale: str = "en-GB",
    lexicon: str | Path | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Convert an article (path, '-', URL, or a Document you built) into one audio file."""
    settings = settings or load_settings()
    rules_path = Path(rules) if rules else None
    if isinstance(source, Document):
        script = script_from_document(source, rules=rules_path)
        name = source.source
    else:
        script = read_script(source, rules=rules_path, settings=settings)
        name = source
    out_path = Path(out) if out else default_output(name, (format or "mp3").lower())
    fmt = format_for(out_path, format)
    chosen = get_voice(voice, configured=settings.voice)
    return speak_script(
        script,
        out_path,
        voice=chosen,
        fmt=fmt,
        settings=settings,
        locale=locale,
        lexicon=Path(lexicon) if lexicon else None,
        progress=progress,
    )
