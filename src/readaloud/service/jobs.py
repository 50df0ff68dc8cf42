"""The durable job queue: one SQLite table of jobs under the service's data directory.

Every state change is one SQL statement (or one IMMEDIATE transaction), so a
crash at any point leaves each job in exactly one state. A job is claimed by an
``UPDATE ... WHERE status='queued' ... RETURNING``, so two workers never get the
same one; finishing a job checks the attempt number it was claimed with, so a
stale worker (from before a restart) can never mark it done a second time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DB_NAME = "jobs.sqlite3"
BUSY_TIMEOUT_MS = 10_000
STATUSES = ("queued", "running", "done", "failed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    request TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    duration REAL,
    format TEXT,
    captions TEXT,
    title TEXT,
    progress_done INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    synthesis_seconds REAL,
    callback_url TEXT,
    webhook_state TEXT,
    webhook_attempts INTEGER NOT NULL DEFAULT 0,
    webhook_next REAL
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, created);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value REAL NOT NULL);
"""


class QueueFull(Exception):
    """More jobs are queued than the service accepts."""


class IdempotencyConflict(Exception):
    """An Idempotency-Key was reused with a different request body."""


@dataclass(frozen=True)
class Job:
    id: str
    status: str
    request: dict[str, Any]
    created: float
    updated: float
    attempt: int
    error: str | None
    duration: float | None
    format: str | None
    captions: str | None
    title: str | None
    progress_done: int
    progress_total: int
    synthesis_seconds: float | None
    callback_url: str | None
    webhook_state: str | None
    webhook_attempts: int
    webhook_next: float | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        data = dict(row)
        data.pop("request_hash", None)
        data.pop("idempotency_key", None)
        data["request"] = json.loads(data["request"])
        return cls(**data)


def request_hash(request: dict[str, Any]) -> str:
    """A stable fingerprint of a request body (key order does not matter)."""
    return hashlib.sha256(json.dumps(request, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode (readers never block the writer) with a busy timeout."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def record_progress(db_path: str, job_id: str, attempt: int, done: int, total: int) -> None:
    """Progress from a worker process (its own short connection); ignored if the attempt is stale."""
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(
            "UPDATE jobs SET progress_done=?, progress_total=? WHERE id=? AND attempt=? AND status='running'",
            (done, total, job_id, attempt),
        )
    finally:
        conn.close()


class JobStore:
    """All job state; thread-safe (one connection behind a lock)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        self._conn = connect(self.path)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def job_dir(self, job_id: str) -> Path:
        """Where a job's files live: built from the server-made id only, never from the request."""
        return self.data_dir / "jobs" / str(uuid.UUID(job_id))

    # --- writes -------------------------------------------------------------------------

    def create(
        self, request: dict[str, Any], *, idempotency_key: str | None = None, max_queued: int | None = None
    ) -> tuple[Job, bool]:
        """A new queued job, or (same key, same body) the existing one; (job, created)."""
        digest = request_hash(request)
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                if idempotency_key is not None:
                    row = self._conn.execute(
                        "SELECT * FROM jobs WHERE idempotency_key=?", (idempotency_key,)
                    ).fetchone()
                    if row is not None:
                        self._conn.execute("COMMIT")
                        if row["request_hash"] != digest:
                            raise IdempotencyConflict(idempotency_key)
                        return Job.from_row(row), False
                if max_queued is not None:
                    (queued,) = self._conn.execute("SELECT COUNT(*) FROM jobs WHERE status='queued'").fetchone()
                    if queued >= max_queued:
                        self._conn.execute("COMMIT")
                        raise QueueFull(queued)
                job_id = str(uuid.uuid4())
                callback = request.get("callback_url")
                row = self._conn.execute(
                    "INSERT INTO jobs (id, status, request, request_hash, idempotency_key, created, updated,"
                    " format, captions, title, callback_url) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " RETURNING *",
                    (job_id, json.dumps(request), digest, idempotency_key, now, now, request.get("format"),
                     request.get("captions"), request.get("title"), callback),
                ).fetchone()
                self._conn.execute("COMMIT")
            except (IdempotencyConflict, QueueFull):
                raise
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return Job.from_row(row), True

    def claim(self) -> Job | None:
        """Atomically take the oldest queued job (status -> running, attempt + 1)."""
        with self._lock:
            row = self._conn.execute(
                "UPDATE jobs SET status='running', attempt=attempt+1, updated=?, progress_done=0, progress_total=0"
                " WHERE id=(SELECT id FROM jobs WHERE status='queued' ORDER BY created, rowid LIMIT 1)"
                " AND status='queued' RETURNING *",
                (time.time(),),
            ).fetchone()
        return Job.from_row(row) if row else None

    def finish(self, job_id: str, attempt: int, *, duration: float, synthesis_seconds: float, title: str | None) -> bool:
        """running -> done for this attempt only; True if this call made the change."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            cur = self._conn.execute(
                "UPDATE jobs SET status='done', updated=?, duration=?, synthesis_seconds=?, title=COALESCE(title, ?),"
                " progress_done=progress_total, error=NULL,"
                " webhook_state=CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END, webhook_next=?"
                " WHERE id=? AND attempt=? AND status='running'",
                (time.time(), duration, synthesis_seconds, title, time.time(), job_id, attempt),
            )
            if cur.rowcount:
                self._bump("jobs_done", 1)
                self._bump("synthesis_seconds", synthesis_seconds)
                self._bump("audio_seconds", duration)
            self._conn.execute("COMMIT")
            return cur.rowcount == 1

    def fail(self, job_id: str, attempt: int, error: str) -> bool:
        """running -> failed for this attempt only."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            cur = self._conn.execute(
                "UPDATE jobs SET status='failed', updated=?, error=?,"
                " webhook_state=CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END, webhook_next=?"
                " WHERE id=? AND attempt=? AND status='running'",
                (time.time(), error, time.time(), job_id, attempt),
            )
            if cur.rowcount:
                self._bump("jobs_failed", 1)
            self._conn.execute("COMMIT")
            return cur.rowcount == 1

    def requeue(self, job_id: str, attempt: int) -> bool:
        """running -> queued again (a crashed attempt), for this attempt only."""
        with self._lock:
            cur = self._conn.execute(
                "UPDATE jobs SET status='queued', updated=? WHERE id=? AND attempt=? AND status='running'",
                (time.time(), job_id, attempt),
            )
            return cur.rowcount == 1

    def requeue_running(self, max_attempts: int) -> int:
        """At start-up: jobs that were running when the last process died go back to the queue,
        unless they have already been tried ``max_attempts`` times (they may be what kills us)."""
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "UPDATE jobs SET status='failed', updated=?, error=?,"
                " webhook_state=CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END, webhook_next=?"
                " WHERE status='running' AND attempt>=?",
                (now, f"gave up after {max_attempts} interrupted attempts", now, max_attempts),
            )
            cur = self._conn.execute("UPDATE jobs SET status='queued', updated=? WHERE status='running'", (now,))
            self._conn.execute("COMMIT")
            return cur.rowcount

    def delete(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._conn.execute("DELETE FROM jobs WHERE id=? RETURNING *", (job_id,)).fetchone()
        return Job.from_row(row) if row else None

    def webhook_due(self, now: float) -> list[Job]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM jobs WHERE webhook_state='pending' AND webhook_next<=? ORDER BY webhook_next", (now,)
            ).fetchall()
        return [Job.from_row(r) for r in rows]

    def webhook_result(self, job_id: str, *, delivered: bool, next_try: float | None) -> None:
        """Record one delivery attempt: delivered, retry at ``next_try``, or given up (None)."""
        state = "delivered" if delivered else ("pending" if next_try is not None else "gave_up")
        with self._lock:
            self._conn.execute(
                "UPDATE jobs SET webhook_state=?, webhook_attempts=webhook_attempts+1, webhook_next=? WHERE id=?",
                (state, next_try, job_id),
            )
            self._bump("webhook_" + state, 1)

    def _bump(self, name: str, amount: float) -> None:
        self._conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=value+?",
            (name, amount, amount),
        )

    # --- reads --------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return Job.from_row(row) if row else None

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall()
        found = {status: n for status, n in rows}
        return {status: found.get(status, 0) for status in STATUSES}

    def counters(self) -> dict[str, float]:
        with self._lock:
            return {name: value for name, value in self._conn.execute("SELECT name, value FROM counters")}
