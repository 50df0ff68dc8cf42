"""The one interface every speech engine implements.

An engine turns a short text (one chunk) into mono 16-bit PCM at its own sample
rate. Engines are found through the ``readaloud.engines`` entry-point group, so
built-ins and third-party plugins register the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np


@dataclass(frozen=True)
class Availability:
    """Whether an engine (with given options) can synthesise right now, and if not, how to fix it."""

    usable: bool
    reason: str = ""
    fix: str = ""


class Engine(ABC):
    """Base class for speech engines.

    Subclasses set the class attributes and implement ``synthesize``. Options
    come from the voice profile's ``[options]`` table; ``speed`` from the profile.
    """

    name: ClassVar[str]
    offline: ClassVar[bool] = True
    max_chars: ClassVar[int] = 1000
    """Longest chunk the engine accepts in one call."""
    group_sentences: ClassVar[bool] = False
    """Whether to join sentences into bigger chunks (saves round trips for online engines)."""
    normalize: ClassVar[bool] = True
    """Whether the engine wants the spoken form (numbers, money...) written out for it."""
    parallel: ClassVar[str] = "none"
    """How chunks may run concurrently: "none", "threads" or "processes"."""
    cacheable: ClassVar[bool] = True
    """Whether finished chunks are worth keeping (False when synthesis is cheaper than a disk read)."""

    def __init__(self, options: Mapping[str, Any] | None = None, *, speed: float = 1.0) -> None:
        self.options: dict[str, Any] = dict(options or {})
        self.speed = speed

    @property
    @abstractmethod
    def sample_rate(self) -> int:
        """Sample rate of the PCM that ``synthesize`` returns."""

    @abstractmethod
    def synthesize(self, text: str) -> np.ndarray:
        """Speak ``text``; return mono int16 samples."""

    def cache_identity(self) -> str:
        """Everything besides the text and speed that decides the sound, for the chunk cache."""
        import json

        return json.dumps(self.options, sort_keys=True, default=str)

    @classmethod
    def check(cls, options: Mapping[str, Any] | None = None) -> Availability:
        """Can this engine run here with these options? Cheap: no synthesis, no network."""
        return Availability(True)

    def close(self) -> None:  # noqa: B027 - a no-op by default, on purpose
        """Release native resources; the engine is not used afterwards."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
