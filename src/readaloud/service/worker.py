"""Worker threads that claim jobs and run each conversion through the executor seam.

The threads only wait; the conversion itself runs in ``run_conversion`` (a
top-level function, so a process pool or Dask can run it elsewhere). It writes
into a per-attempt scratch directory; the thread then moves the files into
place and only then marks the job done, so a crash at any moment leaves either
no visible output or complete output.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ReadaloudError
from ..executor import JobExecutor
from .jobs import Job, JobStore, record_progress

log = logging.getLogger(__name__)

IDLE_WAIT_S = 0.5
"""How long an idle worker sleeps before looking at the queue again (new jobs wake it at once)."""
PROGRESS_INTERVAL_S = 0.5
"""Progress is written to the database at most this often per job."""
MAX_ATTEMPTS = 3
"""A job whose worker crashed (not a user error) is retried this many times in all."""
AUDIO_STEM = "audio"
SCRATCH_PREFIX = ".attempt-"


@dataclasses.dataclass(frozen=True)
class ConversionSpec:
    """Everything a worker process needs: plain values only (it is pickled)."""

    job_id: str
    attempt: int
    db_path: str
    scratch: str
    request: dict[str, Any]
    allow_private_urls: bool
    cache_dir: str | None


def _document(spec: ConversionSpec) -> Any:
    """The request's input as a Document (URLs fetched here, with SSRF checks on every hop)."""
    from ..config import load_settings
    from ..ingest import read_bytes
    from ..models import Document
    from .security import safe_fetch

    request = spec.request
    ingest = load_settings().ingest
    source = f"job:{spec.job_id}"
    if request.get("url"):
        data, content_type, final_url = safe_fetch(
            request["url"], allow_private=spec.allow_private_urls, max_bytes=ingest.max_bytes,
            timeout_s=ingest.fetch_timeout_s, user_agent=ingest.user_agent,
        )
        doc = read_bytes(data, source=final_url, config=ingest, content_type=content_type)
        doc = doc if doc.url else dataclasses.replace(doc, url=final_url)
    elif request.get("html") is not None:
        doc = read_bytes(request["html"].encode("utf-8"), source=source, config=ingest,
                         content_type="text/html; charset=utf-8")
    else:
        doc = Document(text=request["text"], source=source, kind="text")
    if request.get("title"):
        doc = dataclasses.replace(doc, title=request["title"])
    return doc


def run_conversion(spec: ConversionSpec) -> dict[str, Any]:
    """Convert one job's input into ``spec.scratch``; returns the files written and the duration."""
    from ..config import load_settings
    from ..pipeline import convert

    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= PROGRESS_INTERVAL_S:
            last[0] = now
            record_progress(spec.db_path, spec.job_id, spec.attempt, done, total)

    settings = load_settings()
    if spec.cache_dir:
        settings = dataclasses.replace(settings, cache=dataclasses.replace(settings.cache, directory=spec.cache_dir))
    request = spec.request
    fmt = request.get("format") or "mp3"
    scratch = Path(spec.scratch)
    result = convert(
        _document(spec),
        scratch / f"{AUDIO_STEM}.{fmt}",
        voice=request.get("voice"),
        format=fmt,
        captions=request.get("captions"),
        settings=settings,
        progress=progress,
    )
    files = [result.path.name] + ([result.captions.name] if result.captions else [])
    return {"files": files, "duration": result.duration, "title": result.title,
            "seconds": time.monotonic() - started}


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class WorkerPool:
    """``threads`` threads, each claiming one job at a time and waiting on the executor."""

    def __init__(
        self,
        store: JobStore,
        executor: JobExecutor,
        *,
        threads: int,
        allow_private_urls: bool = False,
        cache_dir: str | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.executor = executor
        self.threads = threads
        self.allow_private_urls = allow_private_urls
        self.cache_dir = cache_dir
        self.on_finished = on_finished
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for n in range(self.threads):
            thread = threading.Thread(target=self._loop, name=f"readaloud-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """A job was queued: let one idle worker take it now instead of at its next poll."""
        with self._wake:
            self._wake.notify()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self.executor.shutdown()

    def _loop(self) -> None:
        while not self._stop.is_set():
            job = self.store.claim()
            if job is None:
                with self._wake:
                    self._wake.wait(IDLE_WAIT_S)
                continue
            try:
                self.run(job)
            except Exception:  # noqa: BLE001 - a worker thread must survive any one job
                log.exception("job %s: unexpected failure in the worker thread", job.id)

    def run(self, job: Job) -> None:
        """Run one claimed job to done or failed."""
        final = self.store.job_dir(job.id)
        scratch = final / f"{SCRATCH_PREFIX}{job.attempt}"
        for stale in final.glob(f"{SCRATCH_PREFIX}*"):  # left by attempts a crash interrupted
            shutil.rmtree(stale, ignore_errors=True)
        scratch.mkdir(parents=True)
        spec = ConversionSpec(job.id, job.attempt, str(self.store.path), str(scratch), job.request,
                              self.allow_private_urls, self.cache_dir)
        log.info("job %s: attempt %d started", job.id, job.attempt)
        try:
            outcome = self.executor.submit(run_conversion, spec).result()
        except ReadaloudError as exc:
            self.store.fail(job.id, job.attempt, str(exc))
            shutil.rmtree(scratch, ignore_errors=True)
            log.info("job %s: failed: %s", job.id, exc)
            self._wake_webhooks()
            return
        except Exception as exc:  # noqa: BLE001 - a crash of our own (or a broken pool)
            log.exception("job %s: attempt %d crashed", job.id, job.attempt)
            shutil.rmtree(scratch, ignore_errors=True)
            if job.attempt < MAX_ATTEMPTS and not self._stop.is_set():
                self.store.requeue(job.id, job.attempt)
            else:
                self.store.fail(job.id, job.attempt, f"internal error ({exc.__class__.__name__})")
                self._wake_webhooks()
            return
        for name in outcome["files"]:
            os.replace(scratch / name, final / name)  # same filesystem: atomic
        _fsync_dir(final)
        shutil.rmtree(scratch, ignore_errors=True)
        if self.store.finish(job.id, job.attempt, duration=outcome["duration"],
                             synthesis_seconds=outcome["seconds"], title=outcome["title"]):
            log.info("job %s: done (%.1f s of audio in %.1f s)", job.id, outcome["duration"], outcome["seconds"])
            self._wake_webhooks()
        elif self.store.get(job.id) is None:  # deleted while it ran
            shutil.rmtree(final, ignore_errors=True)

    def _wake_webhooks(self) -> None:
        if self.on_finished is not None:
            self.on_finished()
