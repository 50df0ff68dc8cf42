"""Speech engines and their registry.

Built-ins (espeak, piper, gtts) are declared in pyproject.toml under the
``readaloud.engines`` entry-point group exactly like a third-party plugin::

    [project.entry-points."readaloud.engines"]
    myengine = "my_package.engine:MyEngine"

``register()`` adds an engine class at run time (tests, embedding apps).
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import entry_points

from ..errors import VoiceError
from .base import Availability, Engine

__all__ = ["Availability", "Engine", "engine_class", "engine_names", "register"]

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "readaloud.engines"

# Fallback for running from a source tree that was never installed.
_BUILTINS = {
    "espeak": "readaloud.engines.espeak:EspeakEngine",
    "piper": "readaloud.engines.piper:PiperEngine",
    "gtts": "readaloud.engines.gtts:GttsEngine",
}

_registered: dict[str, type[Engine]] = {}


def register(name: str, cls: type[Engine]) -> None:
    """Make an engine class available under ``name`` for this process."""
    _registered[name] = cls


def _declared() -> dict[str, str]:
    found = dict(_BUILTINS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found[ep.name] = ep.value
    return found


def engine_names() -> list[str]:
    return sorted(set(_declared()) | set(_registered))


def engine_class(name: str) -> type[Engine]:
    """The engine class registered as ``name``."""
    if name in _registered:
        return _registered[name]
    target = _declared().get(name)
    if target is None:
        raise VoiceError(
            f"unknown engine '{name}'",
            fix=f"use one of: {', '.join(engine_names())}, or install the plugin that provides it",
        )
    module_name, _, attr = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise VoiceError(
            f"engine '{name}' could not be loaded ({exc})",
            fix="reinstall the package that provides it",
        ) from None
    if not (isinstance(cls, type) and issubclass(cls, Engine)):
        raise VoiceError(f"engine '{name}' ({target}) is not a readaloud Engine", fix="fix the plugin")
    return cls
