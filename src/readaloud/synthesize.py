"""Synthesise: chunks -> PCM, in script order, a bounded number in flight.

Audio is yielded chunk by chunk so the stitcher can encode as it goes; nothing
here holds more than the in-flight window of chunks. Engines say how they may
run concurrently: online voices in threads (waiting on the network), espeak-ng
in worker processes (its library is process-global and not thread-safe), Piper
in-line (onnxruntime already uses every core for one call). Finished chunks go
to the chunk cache as soon as they exist, so an interrupted run loses nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from .cache import ChunkCache
from .engines import Engine
from .models import Chunk

log = logging.getLogger(__name__)

Prepare = Callable[[str], str]


@dataclass(frozen=True)
class SynthesisConfig:
    threads: int = 4
    """Requests in flight for engines that allow threads (online voices)."""
    processes: int = 0
    """Worker processes for engines that want them; 0 = one per core."""
    min_chunks_for_processes: int = 12
    """Below this, starting workers costs more than it saves."""
    min_chars_for_early_start: int = 2000
    """Input at least this long starts its workers before it is cleaned (see ``early_workers``)."""


class _InlineExecutor(Executor):
    """Runs each call at once in this thread: one code path for every mode."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed back through the future, as a pool would
            future.set_exception(exc)
        return future


@dataclass(frozen=True)
class _Job:
    """One chunk's work: the text as the engine should get it, and where to keep the result."""

    text: str
    key: str | None


class _Speaker:
    """Prepare, synthesise, cache. Picklable when its parts are, so it can ride to a worker."""

    def __init__(self, engine: Engine | None, prepare: Prepare | None, cache: ChunkCache | None) -> None:
        self.engine = engine
        self.prepare = prepare
        self.cache = cache

    def __call__(self, job: _Job) -> np.ndarray:
        engine = self.engine if self.engine is not None else _worker_engine
        assert engine is not None
        text = self.prepare(job.text) if self.prepare is not None else job.text
        samples = engine.synthesize(text)
        if self.cache is not None and job.key is not None:
            self.cache.put(job.key, samples)
        return samples

    def __getstate__(self) -> dict[str, Any]:
        return {"engine": None, "prepare": self.prepare, "cache": self.cache}


_worker_engine: Engine | None = None


def _init_worker(cls: type[Engine], options: dict[str, Any], speed: float, preload: tuple[str, ...] = ()) -> None:
    global _worker_engine
    for module in preload:
        importlib.import_module(module)
    _worker_engine = cls(options, speed=speed)


def _worker_count(config: SynthesisConfig) -> int:
    return config.processes or os.cpu_count() or 1


def _process_pool(
    cls: type[Engine], options: Mapping[str, Any], speed: float, config: SynthesisConfig, preload: tuple[str, ...] = ()
) -> ProcessPoolExecutor:
    # fork: workers start in milliseconds and inherit the loaded modules.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=_worker_count(config), mp_context=context, initializer=_init_worker,
                               initargs=(cls, dict(options), speed, preload))


def _noop() -> None:
    return None


def _single_threaded() -> bool:
    """Forking a process that runs other threads (a service, a pool) can deadlock the child."""
    return threading.active_count() == 1


@contextlib.contextmanager
def early_workers(
    cls: type[Engine],
    options: Mapping[str, Any],
    speed: float,
    *,
    input_chars: int,
    preload: Sequence[str] = (),
    config: SynthesisConfig = SynthesisConfig(),
) -> Iterator[Executor | None]:
    """Speech workers started before the article is cleaned, or None where they would not pay.

    Cleaning runs on one core; meanwhile the workers load the engine's library and import
    ``preload`` (the normaliser) on the others, so speech starts the moment chunks exist
    instead of after every worker's start-up. Pass the pool to ``synthesize``; it is shut
    down here in any case (after a bad input, too)."""
    if (cls.parallel != "processes" or _worker_count(config) < 2 or input_chars < config.min_chars_for_early_start
            or not _single_threaded()):
        yield None
        return
    cls(options, speed=speed)  # a broken engine fails here, once and plainly, not in every worker
    pool = _process_pool(cls, options, speed, config, tuple(preload))
    try:
        pool.submit(_noop)  # forks every worker now, before this process starts any thread
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _executor(engine: Engine, jobs: int, config: SynthesisConfig, workers: Executor | None) -> tuple[Executor, int]:
    if engine.parallel == "threads" and config.threads > 1:
        return ThreadPoolExecutor(max_workers=config.threads, thread_name_prefix="readaloud-synth"), config.threads
    count = _worker_count(config)
    if workers is not None and engine.parallel == "processes":
        return workers, count * 4
    if engine.parallel == "processes" and count > 1 and jobs >= config.min_chunks_for_processes:
        return _process_pool(type(engine), engine.options, engine.speed, config), count * 4
    return _InlineExecutor(), 1


def synthesize(
    chunks: Sequence[Chunk],
    engine: Engine,
    *,
    prepare: Prepare = str,
    config: SynthesisConfig = SynthesisConfig(),
    cache: ChunkCache | None = None,
    workers: Executor | None = None,
) -> Iterator[tuple[Chunk, np.ndarray]]:
    """Yield (chunk, samples) in order. ``prepare`` turns written text into what the engine
    should say; it must be picklable (a module-level function or a partial) for process engines.
    ``workers``: a pool from ``early_workers`` for this engine (shut down when done)."""
    cache = cache if engine.cacheable else None
    pool, window_size = _executor(engine, len(chunks), config, workers)
    in_process = isinstance(pool, ProcessPoolExecutor)
    if cache is not None:
        # The key needs the spoken text, so prepare here; workers then take it as it is.
        speaker = _Speaker(None if in_process else engine, None, cache)
    else:
        speaker = _Speaker(None if in_process else engine, prepare, None)
    window: deque[tuple[Chunk, Future[np.ndarray]]] = deque()
    hits = 0
    with contextlib.ExitStack() as stack:
        stack.callback(pool.shutdown, wait=True, cancel_futures=True)
        try:
            for chunk in chunks:
                if cache is not None:
                    text = prepare(chunk.text)
                    key = ChunkCache.key(engine, text)
                    cached = cache.get(key)
                    if cached is not None:
                        hits += 1
                        done: Future[np.ndarray] = Future()
                        done.set_result(cached)
                        window.append((chunk, done))
                    else:
                        window.append((chunk, pool.submit(speaker, _Job(text, key))))
                else:
                    window.append((chunk, pool.submit(speaker, _Job(chunk.text, None))))
                while len(window) >= window_size or (window and window[0][1].done() and len(window) > 1):
                    head, future = window.popleft()
                    yield head, future.result()
            while window:
                head, future = window.popleft()
                yield head, future.result()
        finally:
            for _, future in window:
                future.cancel()
    if cache is not None:
        log.info("chunk cache: %d of %d chunks reused", hits, len(chunks))
