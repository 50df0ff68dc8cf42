"""espeak-ng, in-process through the ``espeakng-loader`` wheel.

The wheel ships libespeak-ng and its data, so this works with pip alone: no
system package, no subprocess. libespeak-ng keeps global state, so one process
has one initialised library, guarded by a lock; parallelism uses processes.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from ..errors import EngineError, VoiceError
from .base import Availability, Engine

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_CHARS_UTF8 = 1
ESPEAK_RATE = 1
DEFAULT_RATE_WPM = 175
"""espeak-ng's own default speaking rate."""

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Library:
    """The process-wide libespeak-ng handle."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError:  # pragma: no cover - it is a hard dependency
            raise VoiceError(
                "espeak-ng is not installed", fix="pip install espeakng-loader"
            ) from None
        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data = espeakng_loader.get_data_path().encode()
        self.sample_rate = int(self.lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0))
        if self.sample_rate <= 0:
            raise EngineError("espeak-ng failed to initialise", fix="reinstall espeakng-loader")
        self._pieces: list[bytes] = []
        self._callback = _SynthCallback(self._collect)  # keep a reference: C holds the pointer
        self.lib.espeak_SetSynthCallback(self._callback)
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lock = threading.Lock()

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self._pieces.append(ctypes.string_at(wav, count * 2))
        return 0

    def synth(self, text: str, voice: str, rate: int) -> np.ndarray:
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise VoiceError(
                    f"espeak-ng has no voice '{voice}'",
                    fix="set options.voice to an espeak-ng voice such as 'en' or 'en-us'",
                )
            self.lib.espeak_SetParameter(ESPEAK_RATE, rate, 0)
            data = text.encode("utf-8")
            self._pieces = []
            status = self.lib.espeak_Synth(
                data, len(data) + 1, 0, 1, 0, ESPEAK_CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            if status != 0:
                raise EngineError(f"espeak-ng failed with status {status}", fix="try a shorter text")
            pcm = b"".join(self._pieces)
            self._pieces = []
        return np.frombuffer(pcm, dtype=np.int16)


_library: _Library | None = None
_library_lock = threading.Lock()


def _get_library() -> _Library:
    global _library
    with _library_lock:
        if _library is None:
            _library = _Library()
        return _library


class EspeakEngine(Engine):
    """Fast, robotic, fully offline. Options: ``voice`` (espeak-ng voice name), ``rate`` (words a minute)."""

    name: ClassVar[str] = "espeak"
    max_chars: ClassVar[int] = 2000
    parallel: ClassVar[str] = "processes"
    cacheable: ClassVar[bool] = False  # 100x real time: re-synthesising beats reading back

    def __init__(self, options: Mapping[str, Any] | None = None, *, speed: float = 1.0) -> None:
        super().__init__(options, speed=speed)
        self.voice = str(self.options.get("voice", "en"))
        self.rate = int(round(int(self.options.get("rate", DEFAULT_RATE_WPM)) * speed))
        self._lib = _get_library()

    @property
    def sample_rate(self) -> int:
        return self._lib.sample_rate

    def synthesize(self, text: str) -> np.ndarray:
        return self._lib.synth(text, self.voice, self.rate)

    @classmethod
    def check(cls, options: Mapping[str, Any] | None = None) -> Availability:
        try:
            import espeakng_loader  # noqa: F401
        except ImportError:
            return Availability(False, "espeakng-loader is not installed", "pip install espeakng-loader")
        return Availability(True)
