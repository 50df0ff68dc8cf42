"""What the feed has published, in SQLite beside the output, so reruns do only new work.

One row per episode, keyed by a guid derived from the source's identity. A row is
written only after its audio file is in place, so a run killed at any moment
leaves rows that describe real files (a file without a row is simply redone).
Episodes dropped by retention keep a 'removed' row, so a source that is still
listed is not synthesised again only to be dropped again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import OutputError
from ..models import Script

STATE_FILE = ".readaloud-feed.sqlite"
SCHEMA_VERSION = 1
ACTIVE = "active"
REMOVED = "removed"
ARTICLE = "article"
DIGEST = "digest"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS episodes (
    guid TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    link TEXT,
    pub_date TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    updated TEXT NOT NULL,
    duration REAL NOT NULL,
    audio_file TEXT NOT NULL,
    audio_bytes INTEGER NOT NULL,
    transcript_file TEXT,
    chapters_file TEXT,
    digest_pending INTEGER NOT NULL DEFAULT 0,
    script_json TEXT
);
"""


@dataclass(frozen=True)
class Episode:
    """One published (or retired) episode; file names are relative to the output directory."""

    guid: str
    source: str
    kind: str
    status: str
    slug: str
    content_hash: str
    title: str
    description: str
    link: str | None
    pub_date: str
    """ISO 8601 with a UTC offset."""
    first_seen: str
    updated: str
    duration: float
    audio_file: str
    audio_bytes: int
    transcript_file: str | None = None
    chapters_file: str | None = None
    digest_pending: int = 0
    script_json: str | None = None


_COLUMNS = [f.name for f in fields(Episode)]


def script_to_json(script: Script) -> str:
    return json.dumps({"title": script.title, "byline": script.byline, "date": script.date,
                       "paragraphs": [list(p) for p in script.paragraphs], "url": script.url})


def script_from_json(text: str) -> Script:
    data = json.loads(text)
    return Script(title=data["title"], byline=data["byline"], date=data["date"],
                  paragraphs=tuple(tuple(p) for p in data["paragraphs"]), url=data["url"])


class FeedState:
    """The episodes table. Each write commits at once: the DB is always consistent with disk."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        try:
            if readonly:
                if path.exists():
                    self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                else:
                    self._db = sqlite3.connect(":memory:")
                    self._db.executescript(_SCHEMA)
            else:
                self._db = sqlite3.connect(path, timeout=5)
                self._db.executescript(_SCHEMA)
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"the feed state {path} cannot be opened ({exc})",
                              fix="move it away to rebuild every episode from scratch") from None
        self._db.row_factory = sqlite3.Row

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> FeedState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> Iterator[Episode]:
        for row in self._db.execute(sql, args):
            yield Episode(**{k: row[k] for k in _COLUMNS})

    def get(self, guid: str) -> Episode | None:
        return next(self._rows("SELECT * FROM episodes WHERE guid = ?", (guid,)), None)

    def all(self) -> list[Episode]:
        return list(self._rows("SELECT * FROM episodes"))

    def active(self) -> list[Episode]:
        """Published episodes, newest first."""
        return list(self._rows(
            "SELECT * FROM episodes WHERE status = ? ORDER BY pub_date DESC, first_seen DESC, rowid DESC", (ACTIVE,)))

    def digest_pending(self) -> list[Episode]:
        return list(self._rows(
            "SELECT * FROM episodes WHERE status = ? AND kind = ? AND digest_pending = 1 ORDER BY rowid",
            (ACTIVE, ARTICLE)))

    def slugs(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT slug FROM episodes")}

    def put(self, episode: Episode) -> None:
        values = asdict(episode)
        self._db.execute(
            f"INSERT OR REPLACE INTO episodes ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            [values[k] for k in _COLUMNS],
        )
        self._db.commit()

    def clear_digest_pending(self, guids: list[str]) -> None:
        self._db.executemany("UPDATE episodes SET digest_pending = 0 WHERE guid = ?", [(g,) for g in guids])
        self._db.commit()

    def retire(self, guid: str) -> None:
        self._db.execute("UPDATE episodes SET status = ?, digest_pending = 0, script_json = NULL WHERE guid = ?",
                         (REMOVED, guid))
        self._db.commit()
