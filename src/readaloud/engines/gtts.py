"""gTTS: Google Translate's voices. Online; natural; normalises numbers on the server.

Network errors, 429s and 5xx answers are retried with exponential backoff and
jitter; the final error names the chunk that failed. Tests fake the HTTP layer.
"""

from __future__ import annotations

import io
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..errors import EngineError
from .base import Availability, Engine

log = logging.getLogger(__name__)

GTTS_SAMPLE_RATE = 24000
"""Google's TTS answers in 24 kHz mono MP3."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0
    timeout_s: float = 15.0

    def delay(self, attempt: int) -> float:
        """Full-jitter exponential backoff (AWS architecture blog's recommendation)."""
        return random.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


def _retryable(exc: Exception) -> bool:
    rsp = getattr(exc, "rsp", None)
    status = getattr(rsp, "status_code", None)
    return status is None or status == 429 or status >= 500


def decode_mp3(data: bytes) -> tuple[np.ndarray, int]:
    """MP3 bytes -> mono int16 samples, without ffmpeg (libsndfile's mpg123)."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="int16", always_2d=True)
    return np.ascontiguousarray(samples[:, 0]), int(rate)


class GttsEngine(Engine):
    """Options: ``lang`` (e.g. "en"), ``tld`` (accent: "co.uk", "us", "com.au", "co.in"),
    ``attempts``, ``timeout_s``."""

    name: ClassVar[str] = "gtts"
    offline: ClassVar[bool] = False
    max_chars: ClassVar[int] = 500
    group_sentences: ClassVar[bool] = True
    normalize: ClassVar[bool] = False
    parallel: ClassVar[str] = "threads"
    sleep = staticmethod(time.sleep)
    """Backoff waits go through here (tests make them instant)."""

    def __init__(self, options: Mapping[str, Any] | None = None, *, speed: float = 1.0) -> None:
        super().__init__(options, speed=speed)
        self.lang = str(self.options.get("lang", "en"))
        self.tld = str(self.options.get("tld", "com"))
        self.retry = RetryPolicy(
            attempts=int(self.options.get("attempts", RetryPolicy.attempts)),
            timeout_s=float(self.options.get("timeout_s", RetryPolicy.timeout_s)),
        )

    @property
    def sample_rate(self) -> int:
        return GTTS_SAMPLE_RATE

    def _fetch(self, text: str) -> bytes:
        from gtts import gTTS

        tts = gTTS(text, lang=self.lang, tld=self.tld, slow=self.speed < 0.75,
                   lang_check=False, timeout=self.retry.timeout_s)
        buf = io.BytesIO()
        tts.write_to_fp(buf)
        return buf.getvalue()

    def synthesize(self, text: str) -> np.ndarray:
        from gtts import gTTSError

        last: Exception | None = None
        for attempt in range(self.retry.attempts):
            try:
                data = self._fetch(text)
                samples, rate = decode_mp3(data)
            except gTTSError as exc:
                last = exc
                if not _retryable(exc):
                    break
            except (RuntimeError, ValueError) as exc:  # soundfile: not audio
                last = exc
            else:
                if rate != GTTS_SAMPLE_RATE:
                    samples = _resample(samples, rate, GTTS_SAMPLE_RATE)
                return samples
            if attempt + 1 < self.retry.attempts:
                delay = self.retry.delay(attempt)
                log.info("gTTS attempt %d failed (%s); retrying in %.1fs", attempt + 1, last, delay)
                self.sleep(delay)
        raise EngineError(
            f"gTTS failed on the chunk {text[:60]!r} after {self.retry.attempts} attempts: {last}",
            fix="check the network and try again (finished chunks are not lost), or use an offline voice such as 'joe'",
        )

    @classmethod
    def check(cls, options: Mapping[str, Any] | None = None) -> Availability:
        try:
            import gtts  # noqa: F401
        except ImportError:
            return Availability(False, "gTTS is not installed", "pip install gTTS")
        return Availability(True, "needs network access to Google Translate")


def _resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    from ..stitch import AudioSegment

    seg = AudioSegment(samples.tobytes(), sample_width=2, frame_rate=rate, channels=1)
    return np.frombuffer(seg.set_frame_rate(target).raw_data, dtype=np.int16)
