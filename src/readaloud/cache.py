"""A content-addressed cache of synthesised chunks.

The key is everything that decides the sound: engine, its identity (options,
model), speed, sample rate and the exact text the engine is given. So a rerun
after a failure or Ctrl-C synthesises only what is missing, and re-converting an
edited article re-synthesises only the sentences that changed. Entries are raw
16-bit PCM written atomically; the oldest are evicted past a size cap.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import CacheConfig, user_cache_dir
from .engines import Engine

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
SUFFIX = ".pcm"


@dataclass(frozen=True)
class CacheStats:
    directory: Path
    entries: int
    bytes: int
    max_bytes: int


class ChunkCache:
    """Picklable (a path and a cap), so worker processes share it through the filesystem."""

    def __init__(self, directory: Path, max_bytes: int) -> None:
        self.directory = directory
        self.max_bytes = max_bytes

    @classmethod
    def from_config(cls, config: CacheConfig) -> ChunkCache:
        return cls(Path(config.directory).expanduser() if config.directory else user_cache_dir() / "chunks",
                   config.max_bytes)

    @staticmethod
    def key(engine: Engine, text: str) -> str:
        identity = json.dumps(
            [FORMAT_VERSION, engine.name, engine.cache_identity(), engine.speed, engine.sample_rate, text],
            sort_keys=True, default=str, ensure_ascii=False,
        )
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> np.ndarray | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        os.utime(path)  # recently used entries are evicted last
        return np.frombuffer(data, dtype="<i2").astype(np.int16, copy=False)

    def put(self, key: str, samples: np.ndarray) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(np.ascontiguousarray(samples, dtype="<i2").tobytes())
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only cache must never fail a conversion
            log.warning("could not cache a chunk in %s: %s", self.directory, exc)

    def _entries(self) -> list[tuple[float, int, Path]]:
        found = []
        if self.directory.is_dir():
            for path in self.directory.glob(f"*/*{SUFFIX}"):
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append((st.st_mtime, st.st_size, path))
        return found

    def stats(self) -> CacheStats:
        entries = self._entries()
        return CacheStats(self.directory, len(entries), sum(e[1] for e in entries), self.max_bytes)

    def prune(self) -> int:
        """Evict least recently used entries until the cache is under its cap; return bytes freed."""
        entries = sorted(self._entries())
        total = sum(e[1] for e in entries)
        freed = 0
        for _, size, path in entries:
            if total - freed <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            freed += size
        return freed

    def clear(self) -> int:
        removed = 0
        for _, _, path in self._entries():
            path.unlink(missing_ok=True)
            removed += 1
        return removed
