"""One exception hierarchy: every user-facing failure names the problem and the fix.

The CLI maps any ``ReadaloudError`` to a one-line message and exit status 1;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class ReadaloudError(Exception):
    """Base class for errors a user can act on."""

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.problem = message
        self.fix = fix
        super().__init__(f"{message}. {fix[:1].upper()}{fix[1:]}" if fix else message)


class InputError(ReadaloudError):
    """The input could not be read: missing, binary, too large, empty, unreachable."""


class EmptyArticleError(InputError):
    """Nothing is left to speak once page furniture is removed."""


class FetchError(InputError):
    """A URL could not be fetched (network error, timeout, non-2xx, too large)."""


class ConfigError(ReadaloudError):
    """A configuration, rules, lexicon or voice profile file is invalid."""


class VoiceError(ReadaloudError):
    """A voice is unknown or cannot be used here (engine or model missing)."""


class EngineError(ReadaloudError):
    """A speech engine failed while synthesising."""


class OutputError(ReadaloudError):
    """The audio file could not be written (format, encoder or filesystem problem)."""
