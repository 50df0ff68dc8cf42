"""Synthesise: chunks -> PCM, in script order, a bounded number in flight.

Audio is yielded chunk by chunk so the stitcher can encode as it goes; nothing
here holds more than the in-flight window of chunks. Engines say how they may
run concurrently: online voices in threads (waiting on the network), espeak-ng
in worker processes (its library is process-global and not thread-safe), Piper
in-line (onnxruntime already uses every core for one call).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from .engines import Engine
from .models import Chunk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SynthesisConfig:
    threads: int = 4
    """Requests in flight for engines that allow threads (online voices)."""
    processes: int = 0
    """Worker processes for engines that want them; 0 = one per core."""
    min_chunks_for_processes: int = 12
    """Below this, starting workers costs more than it saves."""


Prepare = Callable[[str], str]

_worker_engine: Engine | None = None
_worker_prepare: Prepare | None = None


def _init_worker(cls: type[Engine], options: dict[str, Any], speed: float, prepare: Prepare) -> None:
    global _worker_engine, _worker_prepare
    _worker_engine = cls(options, speed=speed)
    _worker_prepare = prepare


def _speak_in_worker(text: str) -> np.ndarray:
    assert _worker_engine is not None and _worker_prepare is not None
    return _worker_engine.synthesize(_worker_prepare(text))


def _ordered(pool: Executor, fn: Callable[[str], np.ndarray], chunks: Sequence[Chunk], window_size: int
             ) -> Iterator[tuple[Chunk, np.ndarray]]:
    window: deque[tuple[Chunk, Future[np.ndarray]]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(fn, chunk.text)))
            if len(window) >= window_size:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()
    finally:
        for _, future in window:
            future.cancel()


def synthesize(
    chunks: Sequence[Chunk],
    engine: Engine,
    *,
    prepare: Prepare = str,
    config: SynthesisConfig = SynthesisConfig(),
) -> Iterator[tuple[Chunk, np.ndarray]]:
    """Yield (chunk, samples) in order. ``prepare`` turns written text into what the engine should say
    (it must be picklable when the engine runs in processes: a module-level function or a partial)."""
    if engine.parallel == "threads" and config.threads > 1:
        with ThreadPoolExecutor(max_workers=config.threads, thread_name_prefix="readaloud-synth") as pool:
            yield from _ordered(pool, lambda text: engine.synthesize(prepare(text)), chunks, config.threads)
        return
    workers = config.processes or os.cpu_count() or 1
    if engine.parallel == "processes" and workers > 1 and len(chunks) >= config.min_chunks_for_processes:
        # fork: workers start in milliseconds and inherit the loaded modules.
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(type(engine), engine.options, engine.speed, prepare),
        )
        try:
            yield from _ordered(pool, _speak_in_worker, chunks, workers * 4)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    for chunk in chunks:
        yield chunk, engine.synthesize(prepare(chunk.text))
