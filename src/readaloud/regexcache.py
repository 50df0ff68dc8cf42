"""Compiled regular expressions kept between runs, the way Python keeps compiled bytecode.

The cleaner's ~190 patterns cost Python's ``re`` 60-70 ms to parse and compile at every
start: a tenth of converting a short article with the fast voice. ``re`` cannot pickle a
compiled pattern, but what its compiler produces is plain data (a list of integers and the
group names), handed to the C engine by one last call. This module keeps that data in the
user cache directory and makes the same call with it.

The file is keyed by the exact interpreter (``sys.implementation.cache_tag`` and
``sys.hexversion``: a patch release may fix the compiler without changing the engine's
``_sre.MAGIC``, which is in the name too), so no other Python ever reads it. It carries a
SHA-256 of its contents, so a damaged file is rebuilt rather than trusted (the engine's own
check catches bad code, not a wrong literal); an entry the engine refuses is compiled again;
and anything else unexpected (an interpreter whose ``re`` is built differently, a read-only
cache directory) falls back to ``re.compile``. Patterns built here behave exactly like
``re.compile``'s: the tests compare them match for match.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import re
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

try:  # the compiler's internals: re._parser/_compiler on 3.11+, sre_parse/sre_compile before
    import _sre  # type: ignore[import-not-found]

    if sys.version_info >= (3, 11):
        from re import _compiler as _sre_compiler  # type: ignore[attr-defined]
        from re import _parser as _sre_parser  # type: ignore[attr-defined]
    else:  # pragma: no cover - exercised on 3.10 only
        import sre_compile as _sre_compiler
        import sre_parse as _sre_parser
    _INTERNALS: bool = all(hasattr(m, n) for m, n in ((_sre, "compile"), (_sre, "MAGIC"),
                                                        (_sre_compiler, "_code"), (_sre_parser, "parse")))
except ImportError:  # pragma: no cover - an interpreter without CPython's regex engine
    _INTERNALS = False

_DIGEST_BYTES = 32
"""The file starts with the SHA-256 of the rest."""

Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
"""What ``re`` hands its C engine: flags, code, groups - 1, group index, index group."""


def _compile_entry(pattern: str, flags: int) -> Entry:
    """What ``re.compile`` computes for ``pattern``, as data (its own last steps, verbatim)."""
    parsed = _sre_parser.parse(pattern, flags)
    code = _sre_compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # opcodes are int subclasses; the file wants plain ints
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


class PatternCache:
    """Patterns for one module, compiled once per interpreter and then read back."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[tuple[str, int], Entry] = {}
        self._used: dict[tuple[str, int], Entry] = {}
        self._missed = 0
        self._dirty = False
        self.enabled = _INTERNALS and path is not None
        if self.enabled and path is not None and path.exists():
            try:
                data = path.read_bytes()
                digest, payload = data[:_DIGEST_BYTES], data[_DIGEST_BYTES:]
                if hashlib.sha256(payload).digest() != digest:
                    raise ValueError("checksum mismatch")
                stored = marshal.loads(payload)
                self._stored = stored if isinstance(stored, dict) else {}
            except (OSError, EOFError, ValueError, TypeError) as exc:
                log.debug("regex cache %s unreadable (%s); compiling afresh", path, exc)
                self._dirty = True  # rewrite it

    @classmethod
    def open(cls, name: str, directory: Path | None = None) -> PatternCache:
        """The cache file for ``name`` in ``directory`` (default: the user cache directory)."""
        if not _INTERNALS:
            return cls(None)
        if directory is None:
            from .config import user_cache_dir

            directory = user_cache_dir() / "regex"
        tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}"
        return cls(directory / f"{name}.{tag}.marshal")

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if not self.enabled:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        compiled = None
        entry = self._stored.get(key)
        if entry is not None:
            try:
                compiled = _build(pattern, entry)
            except Exception as exc:  # noqa: BLE001 - the engine refused it: compile it again below
                log.debug("regex cache entry refused (%s: %s)", type(exc).__name__, exc)
        if compiled is None or entry is None:
            try:
                self._missed += 1
                self._dirty = True
                entry = _compile_entry(pattern, flags)
                compiled = _build(pattern, entry)
            except Exception as exc:  # noqa: BLE001 - any surprise: do what re does, and stop caching
                log.debug("regex cache disabled (%s: %s)", type(exc).__name__, exc)
                self.enabled = False
                return re.compile(pattern, flags)
        self._used[key] = entry
        return compiled

    @property
    def compiled_afresh(self) -> int:
        """Patterns this process had to compile because the file did not have them yet."""
        return self._missed

    def save(self) -> None:
        """Write the patterns this process used, if any had to be compiled (temp file, then rename)."""
        if not self.enabled or not self._dirty or self.path is None:
            return
        from .encode import (
            atomic_file,  # only when writing: the audio stack is not the cleaner's
        )
        from .errors import OutputError

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = marshal.dumps(self._used)
            with atomic_file(self.path) as fh:
                fh.write(hashlib.sha256(payload).digest() + payload)
        except (OSError, ValueError, OutputError) as exc:  # ValueError: something marshal cannot write
            log.debug("regex cache not saved (%s)", exc)
            return
        self._dirty = False
