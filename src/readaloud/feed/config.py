"""The feed's TOML file, checked whole before any work starts.

Every unknown key, missing required key or wrongly typed value is a ConfigError
naming the key and the file, so a nightly job fails at once with a useful line
rather than halfway through a build. Paths are relative to the config file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import ConfigError

DEFAULT_VOICE = "default"
"""The config value meaning "the user's default voice" (READALOUD_VOICE, settings, joe)."""
DEFAULT_KEEP = 200
DEFAULT_OUTPUT = "public"
DEFAULT_LANGUAGE = "en"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
URL_IMAGE_SUFFIXES = (".jpg", ".png")
"""iTunes (and feedgen) take cover URLs ending .jpg or .png only; a local .jpeg is published as cover.jpg."""
SOURCE_KINDS = ("path", "rss", "urls")


@dataclass(frozen=True)
class SourceConfig:
    """One [[sources]] entry: a glob of files, an RSS/Atom feed, or a file of URLs."""

    kind: str
    """"path", "rss" or "urls"."""
    value: str
    limit: int | None = None
    """At most this many articles from this source (newest first for feeds)."""


@dataclass(frozen=True)
class DigestConfig:
    enabled: bool = False
    title: str = "Digest"


@dataclass(frozen=True)
class FeedConfig:
    path: Path
    """The config file itself (messages name it; relative paths start from its folder)."""
    title: str
    description: str
    base_url: str
    author: str = ""
    language: str = DEFAULT_LANGUAGE
    voice: str = DEFAULT_VOICE
    output: Path = Path(DEFAULT_OUTPUT)
    keep: int = DEFAULT_KEEP
    image: str | None = None
    """A local .jpg/.png (copied into the output) or an absolute URL."""
    category: str | None = None
    """iTunes category, optionally with a subcategory: "News" or "News/Daily News"."""
    explicit: bool = False
    owner_name: str | None = None
    owner_email: str | None = None
    link: str | None = None
    """The website the feed belongs to (default: base_url)."""
    sources: tuple[SourceConfig, ...] = ()
    digest: DigestConfig = field(default_factory=DigestConfig)

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def locale(self) -> str:
        """How numbers and dates are said: en-US for American feeds, else en-GB."""
        return "en-US" if self.language.lower().replace("_", "-") == "en-us" else "en-GB"

    def resolve(self, relative: str) -> Path:
        return (self.root / Path(relative).expanduser()).resolve()


# key -> (type(s), required)
_FEED_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "title": (str, True),
    "description": (str, True),
    "base_url": (str, True),
    "author": (str, False),
    "language": (str, False),
    "voice": (str, False),
    "output": (str, False),
    "keep": (int, False),
    "image": (str, False),
    "category": (str, False),
    "explicit": (bool, False),
    "owner_name": (str, False),
    "owner_email": (str, False),
    "link": (str, False),
}
_DIGEST_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {"enabled": (bool, False), "title": (str, False)}
_SOURCE_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "path": (str, False),
    "rss": (str, False),
    "urls": (str, False),
    "limit": (int, False),
}
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false"}


def _check(table: dict[str, Any], keys: dict[str, tuple[Any, bool]], where: str, path: Path) -> None:
    for key, value in table.items():
        if key not in keys:
            raise ConfigError(f"unknown key '{key}' in {where} of {path}", fix=f"use one of: {', '.join(keys)}")
        expected, _ = keys[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"'{key}' in {where} of {path} must be {_TYPE_NAMES.get(expected, expected)}, not {value!r}",
                fix="see 'readaloud feed init' for an example",
            )
    for key, (_, required) in keys.items():
        if required and key not in table:
            raise ConfigError(f"missing key '{key}' in {where} of {path}", fix=f"add {key} = ... to {where}")


def load_feed_config(path: Path) -> FeedConfig:
    """Read and check a feed config; every problem names the key and the file."""
    path = Path(path).expanduser().resolve()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"feed config {path} does not exist", fix="check the path, or create one with 'readaloud feed init DIR'") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"feed config {path} is not valid TOML ({exc})", fix="fix its syntax") from None
    for key in data:
        if key not in ("feed", "sources", "digest"):
            raise ConfigError(f"unknown key '{key}' in {path}", fix="use the [feed], [[sources]] and [digest] sections")
    feed = data.get("feed")
    if not isinstance(feed, dict):
        raise ConfigError(f"missing section [feed] in {path}" if feed is None else f"'feed' in {path} must be a table",
                          fix="add a [feed] section with title, description and base_url")
    _check(feed, _FEED_KEYS, "[feed]", path)
    sources = _sources(data.get("sources"), path)
    digest_table = data.get("digest", {})
    if not isinstance(digest_table, dict):
        raise ConfigError(f"'digest' in {path} must be a table", fix="write it as [digest]")
    _check(digest_table, _DIGEST_KEYS, "[digest]", path)

    base_url = feed["base_url"]
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).netloc:
        raise ConfigError(f"'base_url' in [feed] of {path} must be an absolute http(s) URL, not {base_url!r}",
                          fix='e.g. base_url = "https://audio.example.org/evening/"')
    if not base_url.endswith("/"):
        base_url += "/"
    keep = feed.get("keep", DEFAULT_KEEP)
    if keep < 1:
        raise ConfigError(f"'keep' in [feed] of {path} must be 1 or more, not {keep}", fix="e.g. keep = 200")
    image = feed.get("image")
    if image is not None:
        is_url = urlsplit(image).scheme in ("http", "https")
        if not image.lower().endswith(IMAGE_SUFFIXES if not is_url else URL_IMAGE_SUFFIXES):
            raise ConfigError(f"'image' in [feed] of {path} must be a .jpg or .png, not {image!r}",
                              fix="podcast apps accept JPEG or PNG cover art")
        if not is_url and not (path.parent / image).is_file():
            raise ConfigError(f"'image' in [feed] of {path}: {image} does not exist", fix="check the path (relative to the config file)")
    category = feed.get("category")
    if category is not None and not category.strip():
        raise ConfigError(f"'category' in [feed] of {path} is empty", fix='e.g. category = "News/Daily News"')
    for key in ("title", "description"):
        if not feed[key].strip():
            raise ConfigError(f"'{key}' in [feed] of {path} is empty", fix=f"give the feed a {key}")
    return FeedConfig(
        path=path,
        title=feed["title"],
        description=feed["description"],
        base_url=base_url,
        author=feed.get("author", ""),
        language=feed.get("language", DEFAULT_LANGUAGE),
        voice=feed.get("voice", DEFAULT_VOICE),
        output=(path.parent / feed.get("output", DEFAULT_OUTPUT)).resolve(),
        keep=keep,
        image=image,
        category=category,
        explicit=feed.get("explicit", False),
        owner_name=feed.get("owner_name"),
        owner_email=feed.get("owner_email"),
        link=feed.get("link"),
        sources=sources,
        digest=DigestConfig(**digest_table),
    )


def _sources(value: Any, path: Path) -> tuple[SourceConfig, ...]:
    if value is None:
        raise ConfigError(f"missing key 'sources' in {path}", fix='add at least one [[sources]] with path = "articles/*.txt", rss = URL or urls = FILE')
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        raise ConfigError(f"'sources' in {path} must be a list of tables", fix="write each as [[sources]]")
    found = []
    for number, table in enumerate(value, 1):
        where = f"[[sources]] #{number}"
        _check(table, _SOURCE_KEYS, where, path)
        kinds = [k for k in SOURCE_KINDS if k in table]
        if len(kinds) != 1:
            raise ConfigError(f"{where} of {path} must have exactly one of 'path', 'rss', 'urls'",
                              fix="split it into one [[sources]] per kind")
        if "limit" in table and table["limit"] < 1:
            raise ConfigError(f"'limit' in {where} of {path} must be 1 or more", fix="remove it or raise it")
        found.append(SourceConfig(kind=kinds[0], value=table[kinds[0]], limit=table.get("limit")))
    if not found:
        raise ConfigError(f"'sources' in {path} is empty", fix="add at least one [[sources]]")
    return tuple(found)
