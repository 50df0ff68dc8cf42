"""The whole path, article to audio file: the library the CLI is a thin layer over.

ingest -> clean -> split -> chunk -> synthesise -> stitch -> encode. Each stage
is a function of plain values; this module only wires them together.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from .cache import ChunkCache
from .captions import CAPTION_FORMATS, write_captions
from .config import Settings, load_settings
from .encode import (
    CODEC_PEAK_HEADROOM_DB,
    BackgroundSink,
    atomic_file,
    decoder_offset,
    encode_mp3_parts,
    format_for,
    mp3_seam_silence,
    open_encoder,
    roundtrip,
)
from .errors import EmptyArticleError, OutputError
from .loudness import Limiter, LoudnessMeter, plan_gain
from .models import Chapter, Chunk, Document, Result, Script, SentenceTiming
from .stitch import stitch
from .synthesize import early_workers, synthesize
from .tags import TagInfo, write_tags
from .voice import Voice, get_voice

if TYPE_CHECKING:
    from .cleaner import RuleSet

log = logging.getLogger(__name__)

MIN_SAMPLES_TO_SPLIT_S = 20.0
"""Programmes longer than this are MP3-encoded in two parallel halves."""
SEAM_GUARD_S = 0.05
"""Pause left on both sides of the cut, beyond the silence the decoder adds there."""

ARTICLE_GAP_MS = 2000
"""Silence between two articles joined into one programme."""

ProgressCallback = Callable[[int, int], None]
"""Called with (chunks done, chunks in all) as synthesis goes."""


def with_loudness(settings: Settings, loudness: float | bool | None) -> Settings:
    """Settings with the loudness choice of one call applied."""
    if loudness is None or loudness is True:
        return settings
    if loudness is False:
        return replace(settings, loudness=replace(settings.loudness, enabled=False))
    target = float(loudness)
    if not -40.0 <= target <= -5.0:
        raise OutputError(f"a loudness target of {target:g} LUFS is out of range", fix="use -40 to -5 (podcasts: -16), or 'off'")
    return replace(settings, loudness=replace(settings.loudness, enabled=True, target_lufs=target))


def _rules(path: Path | None) -> RuleSet | None:
    if path is None:
        return None
    from .cleaner import load_rules

    return load_rules(path)


def script_from_document(doc: Document, *, rules: Path | None = None) -> Script:
    """Clean and split an already-read document."""
    from .cleaner import clean as clean_article
    from .split import split

    script = split(clean_article(doc, _rules(path=rules)))
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


def speak_script(script: Script, out: Path, **kwargs: Any) -> Result:
    """Synthesise one script into ``out``; see ``speak_scripts`` for the options."""
    return speak_scripts([script], out, **kwargs)


def speak_scripts(
    scripts: Sequence[Script],
    out: Path,
    *,
    voice: Voice,
    fmt: str,
    settings: Settings,
    locale: str = "en-GB",
    lexicon: Path | None = None,
    progress: ProgressCallback | None = None,
    between_ms: int = ARTICLE_GAP_MS,
    tags: TagInfo | None = None,
    workers: Executor | None = None,
) -> Result:
    """Synthesise scripts one after another into ``out``, one chapter each; tag it with ``tags``
    (and, for several scripts, ID3 chapters) before it appears under its name. ``workers``:
    speech workers already started for this voice (``synthesize.early_workers``)."""
    from .chunk import chunk

    engine = voice.create_engine()
    pieces: list[Chunk] = []
    sentences: list[str] = []
    first_sentences: list[int] = []
    for number, script in enumerate(scripts):
        offset = len(sentences)
        first_sentences.append(offset)
        script_chunks = chunk(
            script,
            max_chars=engine.max_chars,
            sentence_pause_ms=voice.sentence_pause_ms,
            paragraph_pause_ms=voice.paragraph_pause_ms,
            title_pause_ms=voice.title_pause_ms,
            group=engine.group_sentences,
        )
        if number < len(scripts) - 1 and script_chunks:
            script_chunks[-1] = replace(script_chunks[-1], pause_after_ms=between_ms)
        pieces.extend(
            replace(c, first_sentence=c.first_sentence + offset, last_sentence=c.last_sentence + offset)
            for c in script_chunks
        )
        sentences.extend(script.sentences)
    prepare = _speaker(locale, lexicon) if voice.wants_normalization else _as_written
    cache = ChunkCache.from_config(settings.cache) if settings.cache.enabled and engine.cacheable else None
    audio = synthesize(pieces, engine, prepare=prepare, cache=cache, workers=workers)
    if progress is not None:
        audio = _counting(audio, len(pieces), progress)
    delay_s = decoder_offset(fmt) / engine.sample_rate
    # Chapters are known once the audio is stitched; the tags go on before the rename.
    stitched: dict[str, Any] = {}

    def on_stitched(timings: tuple[SentenceTiming, ...], samples: int) -> None:
        stitched.update(timings=timings, samples=samples)

    def tag(tmp: Path) -> None:
        if tags is not None:
            chapters = (
                _chapters(scripts, first_sentences, _shifted(stitched["timings"], delay_s),
                          (stitched["samples"] + decoder_offset(fmt)) / engine.sample_rate)
                if len(scripts) > 1 else ()
            )
            write_tags(tmp, fmt, tags, chapters)

    try:
        if settings.loudness.enabled:
            _stitch_normalised(audio, out, fmt, engine.sample_rate, sentences, settings, on_stitched, tag)
        else:
            with open_encoder(out, fmt, engine.sample_rate, settings.audio, tag, background=True) as encoder:
                on_stitched(*stitch(audio, sample_rate=engine.sample_rate, sink=encoder, sentences=sentences))
    finally:
        engine.close()
        if cache is not None:
            cache.prune()
    timings, samples = _shifted(stitched["timings"], delay_s), stitched["samples"]
    duration = (samples + decoder_offset(fmt)) / engine.sample_rate
    return Result(
        path=out,
        duration=duration,
        format=fmt,
        sentences=timings,
        title=scripts[0].title if len(scripts) == 1 else None,
        chapters=_chapters(scripts, first_sentences, timings, duration),
    )


class _Spool:
    """Pass one: raw PCM to a temporary file while the loudness meter listens (in a thread
    of its own, so metering overlaps with waiting for speech)."""

    def __init__(self, fh: BinaryIO, meter: LoudnessMeter) -> None:
        self.fh = fh
        self.meter = meter
        self._metering: BackgroundSink | None = None

    def write(self, samples: np.ndarray) -> None:
        if self._metering is None:
            # Started with the first samples, not before: by then the speech workers have been
            # forked, and a process should not fork while another of its threads holds locks.
            self._metering = BackgroundSink(self.meter, name="readaloud-meter")
        self._metering.write(samples)
        self.fh.write(np.ascontiguousarray(samples, dtype="<i2").tobytes())

    def integrated(self) -> float:
        """The programme's loudness, once every sample is written."""
        if self._metering is not None:
            self._metering.finish()
        return self.meter.integrated()

    def abandon(self) -> None:
        """Stop the meter's thread after a failure (the failure, not the meter's, is the news)."""
        if self._metering is not None:
            with contextlib.suppress(BaseException):
                self._metering.finish()


def _stitch_normalised(
    audio: Iterable[tuple[Chunk, np.ndarray]],
    out: Path,
    fmt: str,
    rate: int,
    sentences: Sequence[str],
    settings: Settings,
    on_stitched: Callable[[tuple[SentenceTiming, ...], int], None],
    before_rename: Callable[[Path], None],
) -> None:
    """Two passes over a disk spool, so memory stays flat: measure, then gain + limit + encode."""
    config = settings.loudness
    with tempfile.TemporaryFile(prefix="readaloud-") as spool:
        sink = _Spool(spool, LoudnessMeter(rate))
        try:
            timings, samples = stitch(audio, sample_rate=rate, sink=sink, sentences=sentences)
        except BaseException:
            sink.abandon()
            raise
        loudness = sink.integrated()
        on_stitched(timings, samples)
        plan = plan_gain(spool, samples, rate, loudness, config, roundtrip(fmt, rate, settings.audio),
                         CODEC_PEAK_HEADROOM_DB.get(fmt, 0.0))
        log.debug("programme at %.1f LUFS; gain %.2f dB, peaks %.1f dB under the ceiling",
                  loudness, 20 * np.log10(plan.gain), plan.margin_db)
        limiter = Limiter(rate, plan.gain, config, plan.margin_db)
        seam = _mp3_seam(timings, samples, rate) if fmt == "mp3" else None
        if seam is not None:
            split, gap = seam
            with atomic_file(out, before_rename) as fh:
                encode_mp3_parts(fh, [limiter.process(spool, samples, end=split),
                                      limiter.process(spool, samples, start=split + gap)], rate, settings.audio)
            return
        with open_encoder(out, fmt, rate, settings.audio, before_rename, background=True) as encoder:
            for block in limiter.process(spool, samples):
                encoder.write(block)


def _mp3_seam(timings: Sequence[SentenceTiming], total: int, rate: int) -> tuple[int, int] | None:
    """Where to cut a long programme in two for parallel MP3 encoding, and how much pause to
    drop there: inside the pause nearest the middle, the silence the decoder adds at the seam.
    Timings stay exact. None when the programme is short or no pause is long enough."""
    if total < MIN_SAMPLES_TO_SPLIT_S * rate:
        return None
    best: tuple[int, int] | None = None
    for before, after in zip(timings, timings[1:]):
        start, stop = int(round(before.end * rate)), int(round(after.start * rate))
        gap = mp3_seam_silence(start, rate)
        if gap is None or stop - start < gap + int(SEAM_GUARD_S * rate):
            continue
        if best is None or abs(start - total // 2) < abs(best[0] - total // 2):
            best = (start, gap)
    return best


def with_bookends(script: Script, intro: str, outro: str) -> Script:
    """The script with intro and outro sentences; templates may use {title}, {byline}, {date}, {source}."""
    from .split import split_sentences

    if not intro and not outro:
        return script
    fields = {"title": script.title or "", "byline": script.byline or "", "date": script.date or "",
              "source": _site(script.url) or "the web"}

    def render(template: str) -> tuple[str, ...]:
        try:
            text = template.format_map(fields)
        except (KeyError, ValueError, IndexError) as exc:
            raise OutputError(f"the intro/outro text {template!r} has a bad field ({exc})",
                              fix="use only {title}, {byline}, {date} and {source}") from None
        return tuple(split_sentences(" ".join(text.split()))) if text.strip() else ()

    return replace(script, intro=render(intro), outro=render(outro))


def _shifted(timings: tuple[SentenceTiming, ...], offset: float) -> tuple[SentenceTiming, ...]:
    """Timings on the decoded file's clock (an MP3 decoder plays LAME's delay first)."""
    if not offset:
        return timings
    return tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in timings)


def _chapters(
    scripts: Sequence[Script], firsts: Sequence[int], timings: Sequence[SentenceTiming], duration: float
) -> tuple[Chapter, ...]:
    starts = [timings[i].start if i < len(timings) else duration for i in firsts]
    if starts:
        starts[0] = 0.0  # the first chapter owns the lead-in
    ends = starts[1:] + [duration]
    return tuple(
        Chapter(title=s.title or f"Article {n}", start=a, end=b, url=s.url)
        for n, (s, a, b) in enumerate(zip(scripts, starts, ends), 1)
    )


def _iso_day(text: str | None) -> str | None:
    from .dates import parse_date

    moment = parse_date(text)
    return moment.date().isoformat() if moment else None


def _site(url: str | None) -> str | None:
    from urllib.parse import urlparse

    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _version() -> str:
    from . import __version__

    return __version__


def _as_written(text: str) -> str:
    return text


def _speaker(locale: str, lexicon: Path | None) -> Callable[[str], str]:
    """The written -> spoken rewrite for the engine (picklable, for worker processes)."""
    lex = None
    if lexicon:
        # Only then: the normaliser itself is imported where the speaking happens (the workers).
        from .normalize import load_lexicon

        lex = load_lexicon(lexicon)
    return functools.partial(_spoken, locale=locale, lexicon=lex)


def _spoken(text: str, *, locale: str, lexicon: Any) -> str:
    from .normalize import normalize

    return normalize(text, locale=locale, lexicon=lexicon).spoken


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
    locale: str | None = None,
    lexicon: str | Path | None = None,
    captions: str | None = None,
    loudness: float | bool | None = None,
    cache: bool = True,
    intro: str | None = None,
    outro: str | None = None,
    album: str | None = None,
    cover: str | Path | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Convert an article (path, '-', URL, or a Document you built) into one audio file.

    ``captions`` ("vtt" or "srt") also writes a sidecar beside the audio, one cue per sentence.
    ``loudness``: a target in LUFS, False for none, None for the settings' (-16 LUFS).
    ``cache=False`` synthesises every chunk afresh and keeps nothing.
    ``intro``/``outro``: text said before the headline / after the article (None: the voice's own).
    ``album`` and ``cover`` (an image) go into the file's tags with the headline, byline, date and URL.
    """
    settings = with_loudness(settings or load_settings(), loudness)
    if not cache:
        settings = replace(settings, cache=replace(settings.cache, enabled=False))
    rules_path = Path(rules) if rules else None
    chosen = get_voice(voice, configured=settings.voice)
    if isinstance(source, Document):
        doc, name = source, source.source
    else:
        from .ingest import read_source

        doc, name = read_source(source, settings.ingest), source
    out_path = Path(out) if out else default_output(name, (format or "mp3").lower())
    fmt = format_for(out_path, format)
    if captions and captions not in CAPTION_FORMATS:
        raise OutputError(f"unknown caption format '{captions}'", fix="use vtt or srt")
    preload = ("readaloud.normalize",) if chosen.wants_normalization else ()
    with early_workers(chosen.engine_class, chosen.options, chosen.speed, input_chars=len(doc.text),
                       preload=preload) as workers:
        script = script_from_document(doc, rules=rules_path)
        script = with_bookends(script, chosen.intro if intro is None else intro,
                               chosen.outro if outro is None else outro)
        tag_info = TagInfo(
            title=script.title,
            artist=script.byline or _site(script.url),
            album=album or _site(script.url) or "readaloud",
            date=_iso_day(script.date),
            url=script.url,
            language=chosen.language,
            comment=f"Read aloud by readaloud {_version()} ({chosen.name} voice)",
            cover=Path(cover) if cover else None,
        )
        result = speak_script(
            script,
            out_path,
            voice=chosen,
            fmt=fmt,
            settings=settings,
            locale=locale or settings.locale,
            lexicon=Path(lexicon) if lexicon else None,
            progress=progress,
            tags=tag_info,
            workers=workers,
        )
    if captions:
        path = write_captions(result.sentences, out_path.with_suffix(f".{captions}"), captions)
        result = replace(result, captions=path)
    return result
