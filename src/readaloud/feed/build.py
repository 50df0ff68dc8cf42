"""Build (or bring up to date) a podcast feed from a feed config: the nightly job.

Order of a run, chosen so that a kill at any moment is harmless:

1. check the config and the voice; take the output directory's lock;
2. list the articles (sources), then for each one run ``convert_article`` through
   the executor: it reads, cleans and splits the article, compares the hash of the
   spoken script + voice with the last run's, and only when it differs synthesises
   to a hidden temporary file, tags it, writes the transcript and renames the audio
   into place. The parent (owner of the SQLite state) records the episode only after
   that, so a row always describes a complete file;
3. optionally join the new articles into one digest episode with chapters;
4. write feed.xml and index.html atomically; only then delete the files of
   episodes that retention dropped.

Scheduling examples (copy into the README)::

    # cron: every evening at 18:30, log to a file
    30 18 * * *  cd /srv/evening && readaloud feed build feed.toml >> build.log 2>&1

    # /etc/systemd/system/readaloud-feed.service
    [Unit]
    Description=Build the readaloud podcast feed
    [Service]
    Type=oneshot
    WorkingDirectory=/srv/evening
    ExecStart=/usr/local/bin/readaloud feed build feed.toml

    # /etc/systemd/system/readaloud-feed.timer
    [Unit]
    Description=Build the readaloud podcast feed nightly
    [Timer]
    OnCalendar=*-*-* 18:30
    Persistent=true
    [Install]
    WantedBy=timers.target

    # then: systemctl enable --now readaloud-feed.timer
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..config import Settings, load_settings
from ..dates import parse_date
from ..errors import OutputError, ReadaloudError, VoiceError
from ..executor import Executor, SerialExecutor
from ..models import Script
from ..tags import TagInfo, write_tags
from ..voice import Voice, get_voice
from . import render
from .config import DEFAULT_VOICE, FeedConfig, load_feed_config
from .sources import ArticleRef, gather
from .state import (
    ACTIVE,
    ARTICLE,
    DIGEST,
    STATE_FILE,
    Episode,
    FeedState,
    script_from_json,
    script_to_json,
)

log = logging.getLogger(__name__)

LOCK_FILE = ".readaloud-feed.lock"
EPISODES_DIR = "episodes"
AUDIO_FORMAT = "mp3"
HASH_VERSION = 1
"""Bump when what an episode sounds like changes for the same script and voice."""
SLUG_MAX = 60
TEMP_PATTERNS = (".*.part", ".*.tmp")
GUID_NAMESPACE = uuid.UUID("6f1d3c52-8f0b-5a57-9d3e-6a1f0e4c2b71")
"""Fixed namespace for uuid5 guids: the same source always gets the same guid."""

Event = Callable[[str], None]


# --- the per-article job (runs in a worker: top-level, picklable in and out) ---------------


@dataclass(frozen=True)
class ArticleJob:
    """Everything a worker needs to turn one article into one episode."""

    location: str
    identity: str
    slug: str
    episodes_dir: str
    voice: str | None
    """Voice name or profile path; None = the user's default voice."""
    settings: Settings
    locale: str
    known_hash: str | None
    """The hash of the published episode (None: none on disk); equal = nothing to do."""
    first_seen: str
    link: str | None = None
    date_hint: str | None = None
    artist: str = ""
    album: str = ""
    language: str = ""
    cover: str | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class ArticleOutcome:
    """What the worker found and made. ``changed`` False means no file was touched."""

    identity: str
    changed: bool
    content_hash: str
    title: str
    description: str
    link: str | None
    pub_date: str
    duration: float = 0.0
    audio_file: str | None = None
    transcript_file: str | None = None
    script_json: str | None = None


def voice_fingerprint(voice: Voice) -> dict[str, object]:
    """The parts of a voice that change the sound (not its description or file location)."""
    return {
        "name": voice.name,
        "engine": voice.engine,
        "speed": voice.speed,
        "pauses": [voice.sentence_pause_ms, voice.paragraph_pause_ms, voice.title_pause_ms],
        "normalize": voice.wants_normalization,
        "options": {k: str(v) for k, v in sorted(voice.options.items())},
    }


def episode_hash(script: Script, voice: Voice, settings: Settings, locale: str) -> str:
    """Same hash = same audio: spoken script, voice, locale and encoding settings."""
    payload = json.dumps(
        {
            "v": HASH_VERSION,
            "script": [list(p) for p in script.spoken_paragraphs],
            "voice": voice_fingerprint(voice),
            "locale": locale,
            "audio": [settings.audio.bitrate_kbps, settings.audio.mp3_quality, AUDIO_FORMAT],
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_paragraph(script: Script) -> str:
    return " ".join(script.paragraphs[0]) if script.paragraphs else ""


def fallback_title(identity: str) -> str:
    """A readable title from a file name or URL, for articles without a headline."""
    stem = Path(unquote(urlsplit(identity).path) if "://" in identity else identity).stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else identity


def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")


def convert_article(job: ArticleJob) -> ArticleOutcome:
    """Read one article; if its script or voice changed, (re)make its audio and transcript."""
    from ..captions import write_captions
    from ..pipeline import read_script, speak_script

    script = read_script(job.location, settings=job.settings)
    voice = get_voice(job.voice, configured=job.settings.voice)
    content_hash = episode_hash(script, voice, job.settings, job.locale)
    pub = parse_date(script.date) or parse_date(job.date_hint) or datetime.fromisoformat(job.first_seen)
    outcome = ArticleOutcome(
        identity=job.identity,
        changed=content_hash != job.known_hash,
        content_hash=content_hash,
        title=script.title or fallback_title(job.identity),
        description=first_paragraph(script),
        link=script.url or job.link,
        pub_date=pub.isoformat(),
        script_json=script_to_json(script),
    )
    if not outcome.changed or job.dry_run:
        return outcome
    directory = Path(job.episodes_dir)
    audio = directory / f"{job.slug}.{AUDIO_FORMAT}"
    transcript = directory / f"{job.slug}.vtt"
    temp = _temp_name(audio)
    try:
        result = speak_script(script, temp, voice=voice, fmt=AUDIO_FORMAT, settings=job.settings, locale=job.locale)
        info = TagInfo(
            title=outcome.title,
            artist=job.artist or None,
            album=job.album or None,
            date=pub.date().isoformat(),
            url=outcome.link,
            language=job.language or None,
            comment=outcome.description or None,
            cover=Path(job.cover) if job.cover else None,
        )
        write_tags(temp, AUDIO_FORMAT, info)
        write_captions(result.sentences, transcript, "vtt")
        os.replace(temp, audio)
    finally:
        temp.unlink(missing_ok=True)
    return replace(
        outcome,
        duration=result.duration,
        audio_file=f"{EPISODES_DIR}/{audio.name}",
        transcript_file=f"{EPISODES_DIR}/{transcript.name}",
    )


# --- the digest -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestJob:
    scripts: tuple[Script, ...]
    slug: str
    title: str
    episodes_dir: str
    voice: str | None
    settings: Settings
    locale: str
    date: str
    artist: str = ""
    album: str = ""
    language: str = ""
    cover: str | None = None


@dataclass(frozen=True)
class DigestOutcome:
    duration: float
    audio_file: str
    transcript_file: str
    chapters_file: str
    description: str


def convert_digest(job: DigestJob) -> DigestOutcome:
    """Join several articles into one episode with ID3 and JSON chapters, one per article."""
    from ..captions import write_captions
    from ..pipeline import speak_scripts

    voice = get_voice(job.voice, configured=job.settings.voice)
    directory = Path(job.episodes_dir)
    audio = directory / f"{job.slug}.{AUDIO_FORMAT}"
    transcript = directory / f"{job.slug}.vtt"
    chapters_path = directory / f"{job.slug}.chapters.json"
    temp = _temp_name(audio)
    description = "In this edition: " + "; ".join(s.title or "Untitled" for s in job.scripts) + "."
    try:
        result = speak_scripts(list(job.scripts), temp, voice=voice, fmt=AUDIO_FORMAT, settings=job.settings, locale=job.locale)
        info = TagInfo(title=job.title, artist=job.artist or None, album=job.album or None, date=job.date[:10],
                       language=job.language or None, comment=description, cover=Path(job.cover) if job.cover else None)
        write_tags(temp, AUDIO_FORMAT, info, result.chapters)
        write_captions(result.sentences, transcript, "vtt")
        render.write_text(chapters_path, render.chapters_json(result.chapters))
        os.replace(temp, audio)
    finally:
        temp.unlink(missing_ok=True)
    return DigestOutcome(
        duration=result.duration,
        audio_file=f"{EPISODES_DIR}/{audio.name}",
        transcript_file=f"{EPISODES_DIR}/{transcript.name}",
        chapters_file=f"{EPISODES_DIR}/{chapters_path.name}",
        description=description,
    )


# --- the build ------------------------------------------------------------------------------


@dataclass
class BuildReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    digest: str | None = None
    feed_path: Path | None = None
    dry_run: bool = False

    def summary(self) -> str:
        line = (f"new {len(self.new)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"skipped {len(self.skipped)}, removed {len(self.removed)}")
        return ("dry run (nothing written): " + line) if self.dry_run else line


def make_guid(identity: str) -> str:
    """A stable, opaque guid for a source identity (URL or config-relative path)."""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, identity)}"


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:SLUG_MAX].strip("-")
    return slug or "episode"


def slug_base(identity: str) -> str:
    if "://" in identity:
        parts = urlsplit(identity)
        segments = [s for s in unquote(parts.path).split("/") if s]
        return slugify(Path(segments[-1]).stem if segments else parts.netloc)
    return slugify(Path(identity).stem)


def unique_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


@contextlib.contextmanager
def feed_lock(output: Path) -> Iterator[None]:
    """Exclusive, non-blocking: a second build of the same output stops at once."""
    import fcntl

    path = output / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReadaloudError(
                f"another build of this feed is running (lock {path} is held)",
                fix="wait for it to finish; this run changed nothing",
            ) from None
        yield
    finally:
        os.close(fd)


def _resolve_voice(config: FeedConfig, settings: Settings) -> tuple[str | None, Voice]:
    name: str | None = None if config.voice == DEFAULT_VOICE else config.voice
    if name and (name.endswith(".toml") or "/" in name):
        name = str(config.resolve(name))
    voice = get_voice(name, configured=settings.voice)
    availability = voice.availability()
    if not availability.usable:
        raise VoiceError(f"voice '{voice.name}' (voice in [feed] of {config.path}) cannot be used here: {availability.reason}",
                         fix=availability.fix or "pick another voice with 'readaloud voices'")
    return name, voice


def _remove_temp_files(directory: Path) -> None:
    """Leftovers of a killed run: hidden temporaries, never under a final name."""
    for pattern in TEMP_PATTERNS:
        for path in directory.glob(pattern):
            with contextlib.suppress(OSError):
                path.unlink()


def _published(output: Path, episodes: list[Episode]) -> list[render.PublishedEpisode]:
    found = []
    for ep in episodes:
        try:
            size = (output / ep.audio_file).stat().st_size
        except OSError:
            log.warning("%s: %s is missing; left out of the feed (rebuilt next run)", ep.source, ep.audio_file)
            continue
        found.append(render.PublishedEpisode(ep, size))
    return found


def _files_of(ep: Episode) -> list[str]:
    return [f for f in (ep.audio_file, ep.transcript_file, ep.chapters_file) if f]


def build_feed(
    config_path: Path,
    *,
    executor: Executor | None = None,
    dry_run: bool = False,
    settings: Settings | None = None,
    on_event: Event | None = None,
) -> BuildReport:
    """Bring the feed of ``config_path`` up to date; see the module docstring for the order."""
    config = load_feed_config(config_path)
    settings = settings or load_settings()
    voice_ref, _ = _resolve_voice(config, settings)
    emit = on_event or (lambda message: log.info("%s", message))
    executor = executor or SerialExecutor()
    output = config.output
    report = BuildReport(dry_run=dry_run)
    if dry_run:
        with FeedState(output / STATE_FILE, readonly=True) as state:
            _run(config, settings, voice_ref, executor, state, report, emit, dry_run=True)
        return report
    try:
        (output / EPISODES_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output directory {output} ({exc.strerror})",
                          fix=f"check 'output' in [feed] of {config.path} and its permissions") from None
    with feed_lock(output), FeedState(output / STATE_FILE) as state:
        _remove_temp_files(output / EPISODES_DIR)
        _remove_temp_files(output)
        try:
            _run(config, settings, voice_ref, executor, state, report, emit, dry_run=False)
        except (OSError, sqlite3.Error) as exc:  # disk full, permissions, a broken state file
            raise OutputError(f"the feed in {output} could not be written ({exc})",
                              fix="check free space and permissions; the previous feed is intact") from None
    return report


def _copy_cover(config: FeedConfig) -> str | None:
    """Publish a local cover image as <output>/cover.ext; returns its path for APIC frames."""
    if config.image is None or "://" in config.image:
        return None
    source = config.resolve(config.image)
    target = config.output / render.cover_name(config)
    try:
        if not target.exists() or target.read_bytes() != source.read_bytes():
            with render.atomic_file(target) as fh, source.open("rb") as src:
                shutil.copyfileobj(src, fh)
    except OSError as exc:
        raise OutputError(f"cannot copy the cover image {source} ({exc.strerror})", fix="check 'image' in [feed]") from None
    return str(source)


def _run(config: FeedConfig, settings: Settings, voice_ref: str | None, executor: Executor, state: FeedState,
         report: BuildReport, emit: Event, *, dry_run: bool) -> None:
    started = render.now()
    cover = None if dry_run else _copy_cover(config)
    refs, problems = gather(config, settings)
    for problem in problems:
        report.skipped.append((problem.source, problem.message))
        emit(f"skipped {problem.source}: {problem.message}")

    taken = state.slugs()
    planned: list[Episode] = []
    jobs: list[ArticleJob] = []
    known: dict[str, Episode | None] = {}
    for ref in refs:
        guid = make_guid(ref.identity)
        row = state.get(guid)
        if row is not None and row.status != ACTIVE:
            log.debug("%s: retired by retention earlier; not published again", ref.identity)
            continue
        known[ref.identity] = row
        jobs.append(_job(ref, row, config, settings, voice_ref, cover, taken, started, dry_run))

    for job, result in executor.map(convert_article, jobs):
        if isinstance(result, BaseException):
            message = str(result) if isinstance(result, ReadaloudError) else f"{type(result).__name__}: {result}"
            if not isinstance(result, ReadaloudError):
                log.debug("%s failed", job.identity, exc_info=result)
            report.skipped.append((job.identity, message))
            emit(f"skipped {job.identity}: {message}")
            continue
        row = known[job.identity]
        if not result.changed:
            report.unchanged.append(job.identity)
            continue
        verb = "new" if row is None else "updated"
        (report.new if row is None else report.updated).append(job.identity)
        if dry_run:
            emit(f"would {'add' if row is None else 'update'} {job.identity}")
            if row is None:  # so retention below counts it
                planned.append(_planned(job, result))
            continue
        assert result.audio_file is not None
        size = (config.output / result.audio_file).stat().st_size
        state.put(Episode(
            guid=make_guid(job.identity),
            source=job.identity,
            kind=ARTICLE,
            status=ACTIVE,
            slug=job.slug,
            content_hash=result.content_hash,
            title=result.title,
            description=result.description,
            link=result.link,
            pub_date=result.pub_date,
            first_seen=job.first_seen,
            updated=started.isoformat(),
            duration=result.duration,
            audio_file=result.audio_file,
            audio_bytes=size,
            transcript_file=result.transcript_file,
            digest_pending=1 if (config.digest.enabled and row is None) else (row.digest_pending if row else 0),
            script_json=result.script_json if config.digest.enabled else None,
        ))
        emit(f"{verb} {job.identity} -> {result.audio_file} ({render.format_duration(result.duration)})")

    if config.digest.enabled:
        _digest(config, settings, voice_ref, cover, state, report, emit, started, dry_run)

    active = sorted(state.active() + planned, key=lambda ep: (ep.pub_date, ep.first_seen), reverse=True)
    kept, dropped = active[: config.keep], active[config.keep :]
    report.removed.extend(ep.source for ep in dropped)
    if dry_run:
        for ep in dropped:
            emit(f"would remove {ep.source} (beyond keep = {config.keep})")
        return
    published = _published(config.output, kept)
    built = max((datetime.fromisoformat(p.episode.updated) for p in published), default=started)
    render.write_text(config.output / render.FEED_FILE, render.render_feed(config, published, built))
    render.write_text(config.output / render.INDEX_FILE, render.render_index(config, published, built))
    report.feed_path = config.output / render.FEED_FILE
    for ep in dropped:
        for name in _files_of(ep):
            with contextlib.suppress(FileNotFoundError):
                (config.output / name).unlink()
        state.retire(ep.guid)
        emit(f"removed {ep.source} (beyond keep = {config.keep})")


def _planned(job: ArticleJob, result: ArticleOutcome) -> Episode:
    """The row a dry run would have added (for retention's arithmetic only)."""
    return Episode(guid=make_guid(job.identity), source=job.identity, kind=ARTICLE, status=ACTIVE, slug=job.slug,
                   content_hash=result.content_hash, title=result.title, description=result.description,
                   link=result.link, pub_date=result.pub_date, first_seen=job.first_seen, updated=job.first_seen,
                   duration=0.0, audio_file="", audio_bytes=0)


def _job(ref: ArticleRef, row: Episode | None, config: FeedConfig, settings: Settings, voice_ref: str | None,
         cover: str | None, taken: set[str], started: datetime, dry_run: bool) -> ArticleJob:
    if row is not None:
        on_disk = all((config.output / f).is_file() for f in _files_of(row))
        slug, known_hash, first_seen = row.slug, (row.content_hash if on_disk else None), row.first_seen
    else:
        slug, known_hash, first_seen = unique_slug(slug_base(ref.identity), taken), None, started.isoformat()
    return ArticleJob(
        location=ref.location,
        identity=ref.identity,
        slug=slug,
        episodes_dir=str(config.output / EPISODES_DIR),
        voice=voice_ref,
        settings=settings,
        locale=config.locale,
        known_hash=known_hash,
        first_seen=first_seen,
        link=ref.link,
        date_hint=ref.date_hint,
        artist=config.author or config.title,
        album=config.title,
        language=config.language,
        cover=cover,
        dry_run=dry_run,
    )


def _digest(config: FeedConfig, settings: Settings, voice_ref: str | None, cover: str | None, state: FeedState,
            report: BuildReport, emit: Event, started: datetime, dry_run: bool) -> None:
    """One episode joining the articles added since the last digest (this run's, or a killed run's)."""
    pending = state.digest_pending()
    if dry_run:
        count = len(pending) + len(report.new)
        if count:
            emit(f"would add a digest of {count} articles")
        return
    if not pending:
        return
    stamp = started.strftime("%Y-%m-%d-%H%M%S")
    slug = unique_slug(f"digest-{stamp}", state.slugs())
    title = f"{config.digest.title}, {started.day} {started:%B %Y}"
    scripts = tuple(script_from_json(ep.script_json) for ep in pending if ep.script_json)
    try:
        outcome = convert_digest(DigestJob(
            scripts=scripts, slug=slug, title=title, episodes_dir=str(config.output / EPISODES_DIR), voice=voice_ref,
            settings=settings, locale=config.locale, date=started.isoformat(), artist=config.author or config.title,
            album=config.title, language=config.language, cover=cover))
    except ReadaloudError as exc:
        report.skipped.append(("digest", str(exc)))
        emit(f"skipped digest: {exc}")
        return
    identity = f"digest:{stamp}"
    state.put(Episode(
        guid=make_guid(identity), source=identity, kind=DIGEST, status=ACTIVE, slug=slug,
        content_hash=hashlib.sha256("\n".join(ep.content_hash for ep in pending).encode()).hexdigest(),
        title=title, description=outcome.description, link=config.link, pub_date=started.isoformat(),
        first_seen=started.isoformat(), updated=started.isoformat(), duration=outcome.duration,
        audio_file=outcome.audio_file, audio_bytes=(config.output / outcome.audio_file).stat().st_size,
        transcript_file=outcome.transcript_file, chapters_file=outcome.chapters_file,
    ))
    state.clear_digest_pending([ep.guid for ep in pending])
    report.digest = outcome.audio_file
    report.new.append(identity)
    emit(f"new {identity} -> {outcome.audio_file} ({len(scripts)} chapters, {render.format_duration(outcome.duration)})")
