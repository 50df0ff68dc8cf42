"""readaloud: turn a published news article into one clean, podcast-ready audio file.

The public API::

    import readaloud
    script = readaloud.clean(article_text)          # -> Script: what will be spoken
    result = readaloud.convert("story.html", "story.mp3", voice="fast")
    result.duration, result.sentences               # seconds; per-sentence start/end

Everything not listed in ``__all__`` is private and may change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import (
    ConfigError,
    EmptyArticleError,
    EngineError,
    FetchError,
    InputError,
    OutputError,
    ReadaloudError,
    VoiceError,
)
from .models import Document, Result, Script, SentenceTiming
from .pipeline import ProgressCallback, convert
from .voice import Voice, available_voices, get_voice

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Document",
    "EmptyArticleError",
    "EngineError",
    "FetchError",
    "InputError",
    "OutputError",
    "ProgressCallback",
    "ReadaloudError",
    "Result",
    "Script",
    "SentenceTiming",
    "Voice",
    "VoiceError",
    "__version__",
    "available_voices",
    "clean",
    "convert",
    "get_voice",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def clean(text: str | Document, *, rules: str | Path | None = None) -> Script:
    """The spoken script of an article given as text (or a Document with metadata)."""
    from .pipeline import script_from_document

    doc = text if isinstance(text, Document) else Document(text=text, source="<text>")
    return script_from_document(doc, rules=Path(rules) if rules else None)
