"""Turn [[sources]] entries into a list of articles to read: files, feed items, listed URLs.

Only links are gathered here (cheap); the articles themselves are read by the
per-article job. A source that cannot be read (feed unreachable, list missing)
is reported and skipped like a bad article, and the other sources still count.
"""

from __future__ import annotations

import glob
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..config import Settings
from ..errors import FetchError, InputError, ReadaloudError
from .config import FeedConfig, SourceConfig

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


@dataclass(frozen=True)
class ArticleRef:
    """One article to publish: its stable identity and where to read it."""

    identity: str
    """The URL, or the path relative to the config file (POSIX form): the guid comes from this."""
    location: str
    """What ingest reads: an absolute path or an http(s) URL."""
    link: str | None = None
    date_hint: str | None = None
    """A date the listing gave (an RSS pubDate), used when the article itself has none."""


@dataclass(frozen=True)
class SourceProblem:
    source: str
    message: str


def gather(config: FeedConfig, settings: Settings) -> tuple[list[ArticleRef], list[SourceProblem]]:
    """Every article the sources list, in order, without duplicates; and the sources that failed."""
    refs: list[ArticleRef] = []
    problems: list[SourceProblem] = []
    seen: set[str] = set()
    for source in config.sources:
        try:
            found = _gather_one(source, config, settings)
        except ReadaloudError as exc:
            problems.append(SourceProblem(f"{source.kind} {source.value}", str(exc)))
            continue
        if source.limit is not None:
            found = found[: source.limit]
        for ref in found:
            if ref.identity not in seen:
                seen.add(ref.identity)
                refs.append(ref)
    return refs, problems


def _gather_one(source: SourceConfig, config: FeedConfig, settings: Settings) -> list[ArticleRef]:
    if source.kind == "path":
        return _files(source.value, config)
    if source.kind == "urls":
        return _url_list(config.resolve(source.value), source.value)
    return _feed_items(source.value, config, settings)


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def _files(pattern: str, config: FeedConfig) -> list[ArticleRef]:
    matches = sorted(glob.glob(str(config.root / pattern), recursive=True))
    paths = [Path(m).resolve() for m in matches if Path(m).is_file() and Path(m).suffix.lower() in ARTICLE_SUFFIXES]
    if not paths:
        log.warning("%s: no .txt, .md or .html files match %r", config.path, pattern)
    return [ArticleRef(identity=_relative(p, config.root), location=str(p)) for p in paths]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _url_list(path: Path, name: str) -> list[ArticleRef]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"the URL list {name} cannot be read ({exc.strerror})", fix="check the 'urls' path in [[sources]]") from None
    except UnicodeDecodeError:
        raise InputError(f"the URL list {name} is not UTF-8 text", fix="write one http(s) URL a line") from None
    refs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _is_url(line):
            log.warning("%s line %d: %r is not an http(s) URL; skipped", name, number, line)
            continue
        refs.append(ArticleRef(identity=line, location=line, link=line))
    return refs


def _feed_items(location: str, config: FeedConfig, settings: Settings) -> list[ArticleRef]:
    from ..ingest import fetch_url

    if _is_url(location):
        data, _, final_url = fetch_url(location, settings.ingest)
        base = final_url
    else:
        path = config.resolve(location)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"the feed {location} cannot be read ({exc.strerror})", fix="check the 'rss' value") from None
        base = path.as_uri()
    items = parse_feed_links(data, base)
    if not items:
        raise FetchError(f"{location} lists no article links", fix="check that it is an RSS or Atom feed")
    return [ArticleRef(identity=link, location=link, link=link, date_hint=date) for link, date in items]


def parse_feed_links(data: bytes, base: str) -> list[tuple[str, str | None]]:
    """(article URL, date or None) for each item of an RSS 2.0, RSS 1.0 or Atom document."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise FetchError(f"{base} is not an RSS or Atom feed (not XML)", fix="check the 'rss' URL")
    found: list[tuple[str, str | None]] = []
    for item in root.iter("item", f"{RSS1}item", f"{ATOM}entry"):
        link = _item_link(item)
        if not link:
            continue
        link = urljoin(base, link)
        if not _is_url(link):
            continue
        date = None
        for tag in ("pubDate", DC_DATE, f"{ATOM}published", f"{ATOM}updated"):
            node = item.find(tag)
            if node is not None and (node.text or "").strip():
                date = node.text.strip()
                break
        found.append((link, date))
    return found


def _item_link(item: object) -> str | None:
    for child in item.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("link", f"{RSS1}link") and (child.text or "").strip():
            return child.text.strip()
        if tag == f"{ATOM}link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
            return child.get("href")
    guid = item.find("guid")  # type: ignore[attr-defined]
    if guid is not None and guid.get("isPermaLink", "true") == "true" and _is_url((guid.text or "").strip()):
        return guid.text.strip()
    return None
