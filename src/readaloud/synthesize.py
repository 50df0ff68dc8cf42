"""Synthesise: chunks -> PCM, in script order, a bounded number in flight.

Audio is yielded chunk by chunk so the stitcher can encode as it goes; nothing
here holds more than the in-flight window of chunks.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .engines import Engine
from .models import Chunk

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
"""Requests in flight for engines that allow threads (online voices)."""


def synthesize(
    chunks: Sequence[Chunk],
    engine: Engine,
    *,
    prepare: Callable[[str], str] = lambda text: text,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> Iterator[tuple[Chunk, np.ndarray]]:
    """Yield (chunk, samples) in order. ``prepare`` turns written text into what the engine should say."""

    def run(chunk: Chunk) -> np.ndarray:
        return engine.synthesize(prepare(chunk.text))

    if engine.parallel != "threads" or concurrency <= 1:
        for chunk in chunks:
            yield chunk, run(chunk)
        return
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="readaloud-synth") as pool:
        window: deque[tuple[Chunk, Future[np.ndarray]]] = deque()
        pending = iter(chunks)
        try:
            for chunk in pending:
                window.append((chunk, pool.submit(run, chunk)))
                if len(window) >= concurrency:
                    done_chunk, future = window.popleft()
                    yield done_chunk, future.result()
            while window:
                done_chunk, future = window.popleft()
                yield done_chunk, future.result()
        finally:
            for _, future in window:
                future.cancel()
