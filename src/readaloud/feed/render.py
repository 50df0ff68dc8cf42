"""The two published documents: feed.xml (RSS 2.0 + iTunes + Podcasting 2.0) and index.html.

Both are rendered from the state rows and the files on disk (enclosure lengths
are the real sizes at render time) and written atomically, so a podcast app or
browser sees either the previous version or the new one, never half of either.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from ..encode import atomic_file
from ..models import Chapter
from .config import FeedConfig
from .state import Episode

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
TRANSCRIPT_TYPE = "text/vtt"
CHAPTERS_TYPE = "application/json+chapters"
CHAPTERS_VERSION = "1.2.0"
FEED_FILE = "feed.xml"
INDEX_FILE = "index.html"
GENERATOR = "readaloud feed"
AUDIO_MIME = {"mp3": "audio/mpeg", "wav": "audio/wav", "flac": "audio/flac", "ogg": "audio/ogg", "m4a": "audio/mp4"}


@dataclass(frozen=True)
class PublishedEpisode:
    """An episode as the documents show it: its row plus the live size of its audio file."""

    episode: Episode
    audio_bytes: int


def public_url(config: FeedConfig, relative: str) -> str:
    """Absolute URL of a file under the output directory."""
    return config.base_url + quote(relative)


def cover_url(config: FeedConfig) -> str | None:
    if config.image is None:
        return None
    if "://" in config.image:
        return config.image
    return public_url(config, cover_name(config))


def cover_name(config: FeedConfig) -> str:
    """The local cover's name in the output directory."""
    assert config.image is not None
    suffix = Path(config.image).suffix.lower()
    return "cover" + (".jpg" if suffix == ".jpeg" else suffix)


def format_duration(seconds: float) -> str:
    """itunes:duration form, H:MM:SS (whole seconds, rounded)."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def _human_duration(seconds: float) -> str:
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def _mime(audio_file: str) -> str:
    return AUDIO_MIME.get(Path(audio_file).suffix.lstrip(".").lower(), "application/octet-stream")


def _podcastindex_extension():  # type: ignore[no-untyped-def]
    """A feedgen extension for <podcast:transcript> and <podcast:chapters>, which feedgen lacks."""
    from feedgen.ext.base import BaseEntryExtension, BaseExtension
    from lxml import etree

    class PodcastIndex(BaseExtension):
        def extend_ns(self) -> dict[str, str]:
            return {"podcast": PODCAST_NS}

    class PodcastIndexEntry(BaseEntryExtension):
        def __init__(self) -> None:
            self.transcripts: list[tuple[str, str]] = []
            self.chapters: tuple[str, str] | None = None

        def extend_ns(self) -> dict[str, str]:
            return {"podcast": PODCAST_NS}

        def extend_rss(self, entry):  # type: ignore[no-untyped-def]
            for url, kind in self.transcripts:
                etree.SubElement(entry, f"{{{PODCAST_NS}}}transcript", url=url, type=kind)
            if self.chapters:
                url, kind = self.chapters
                etree.SubElement(entry, f"{{{PODCAST_NS}}}chapters", url=url, type=kind)
            return entry

    return PodcastIndex, PodcastIndexEntry


def render_feed(config: FeedConfig, episodes: Sequence[PublishedEpisode], built: datetime) -> bytes:
    """RSS 2.0 bytes for ``episodes`` (already newest first)."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.load_extension("podcast")
    feed_ext, entry_ext = _podcastindex_extension()
    fg.register_extension("podcastindex", feed_ext, entry_ext, atom=False, rss=True)
    fg.title(config.title)
    fg.description(config.description)
    fg.link(href=public_url(config, FEED_FILE), rel="self")
    fg.link(href=config.link or config.base_url, rel="alternate")  # after "self": RSS <link> takes the last
    fg.language(config.language)
    fg.generator(GENERATOR)
    fg.lastBuildDate(built)
    author = config.author or config.title
    fg.author(name=author, email=config.owner_email) if config.owner_email else fg.author(name=author)
    fg.podcast.itunes_author(author)
    fg.podcast.itunes_summary(config.description)
    fg.podcast.itunes_explicit("yes" if config.explicit else "no")
    if config.owner_email:
        fg.podcast.itunes_owner(name=config.owner_name or author, email=config.owner_email)
    image = cover_url(config)
    if image:
        fg.podcast.itunes_image(image)
        fg.image(url=image, title=config.title, link=config.link or config.base_url)
    if config.category:
        cat, _, sub = (part.strip() for part in config.category.partition("/"))
        fg.podcast.itunes_category({"cat": cat, "sub": sub} if sub else {"cat": cat})
    for item in episodes:
        ep = item.episode
        fe = fg.add_entry(order="append")
        fe.guid(ep.guid, permalink=False)
        fe.title(ep.title)
        fe.description(ep.description or ep.title)
        if ep.link:
            fe.link(href=ep.link)
        fe.pubDate(datetime.fromisoformat(ep.pub_date))
        fe.enclosure(public_url(config, ep.audio_file), str(item.audio_bytes), _mime(ep.audio_file))
        fe.podcast.itunes_duration(format_duration(ep.duration))
        if ep.transcript_file:
            fe.podcastindex.transcripts.append((public_url(config, ep.transcript_file), TRANSCRIPT_TYPE))
        if ep.chapters_file:
            fe.podcastindex.chapters = (public_url(config, ep.chapters_file), CHAPTERS_TYPE)
    return fg.rss_str(pretty=True)


def _display_date(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {moment:%B %Y}"


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed}">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
article {{ border-top: 1px solid #ccc; padding: 1rem 0; }}
audio {{ width: 100%; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{description}</p>
<p><a href="{feed}">Subscribe: podcast feed (RSS)</a></p>
</header>
<main>
<h2>Episodes</h2>
{episodes}
</main>
<footer><p>Updated <time datetime="{built_iso}">{built}</time>.</p></footer>
</body>
</html>
"""

EPISODE_TEMPLATE = """<article>
<h3>{title}</h3>
<p><time datetime="{date_iso}">{date}</time> &middot; {duration}</p>
<audio controls preload="none"><source src="{audio}" type="{mime}"><a href="{audio}">Download the audio</a></audio>
<p>{description}</p>
<p>{links}</p>
</article>"""

NO_EPISODES = "<p>No episodes yet.</p>"


def render_index(config: FeedConfig, episodes: Sequence[PublishedEpisode], built: datetime) -> str:
    """A plain page listing the episodes newest first: no JavaScript, every value escaped."""
    e = html.escape
    items = []
    for item in episodes:
        ep = item.episode
        links = [f'<a href="{e(ep.audio_file)}" download>Download audio</a>']
        if ep.transcript_file:
            links.append(f'<a href="{e(ep.transcript_file)}">Transcript (WebVTT)</a>')
        if ep.chapters_file:
            links.append(f'<a href="{e(ep.chapters_file)}">Chapters (JSON)</a>')
        if ep.link:
            links.append(f'<a href="{e(ep.link)}">Original article</a>')
        items.append(EPISODE_TEMPLATE.format(
            title=e(ep.title),
            date_iso=e(ep.pub_date),
            date=e(_display_date(ep.pub_date)),
            duration=e(_human_duration(ep.duration)),
            audio=e(ep.audio_file),
            mime=e(_mime(ep.audio_file)),
            description=e(ep.description),
            links=" &middot; ".join(links),
        ))
    return INDEX_TEMPLATE.format(
        lang=e(config.language),
        title=e(config.title),
        description=e(config.description),
        feed=e(FEED_FILE),
        episodes="\n".join(items) or NO_EPISODES,
        built_iso=e(built.isoformat()),
        built=e(_display_date(built.isoformat())),
    )


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace)."""
    items = []
    for chapter in chapters:
        entry: dict[str, object] = {"startTime": round(chapter.start, 3), "endTime": round(chapter.end, 3), "title": chapter.title}
        if chapter.url:
            entry["url"] = chapter.url
        items.append(entry)
    return json.dumps({"version": CHAPTERS_VERSION, "chapters": items}, indent=2, ensure_ascii=False) + "\n"


def write_text(path: Path, text: str | bytes) -> None:
    """Atomically replace ``path``; skipped when the content is already the same (no mtime churn)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    with atomic_file(path) as fh:
        fh.write(data)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)
