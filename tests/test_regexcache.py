"""Patterns read back from the regex cache behave exactly like ``re.compile``'s."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import readaloud.cleaner as cleaner_module
from readaloud.regexcache import PatternCache

TRICKY = [
    (r"(?P<day>\d{1,2}) (?P<month>jan|feb|mar)\w*\.? (?P<year>\d{4})", re.I),
    (r"^(?:read more|related)\s*[:|»>]\s*\S+(?:\s+\S+){0,29}\s*$", re.I),
    (r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b", 0),
    (r"[\"“”]|\b(?:said|says)\b", 0),
    (r"(?m)^\s*[-•*]\s+(.+)$", 0),
    (r"café|naïve|[^\W\d_]+", re.I),
]
TEXTS = ["Read more: Council approves 3 Feb 2025 budget", "related | Storm death toll rises to 146",
         "“We will,” she said. Then Anna Smith left.", "- first item\n• second item", "Café naïve Zoë 12 Jan. 2024"]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.groups() or m.group() for m in a.finditer(text)] == [m.groups() or m.group() for m in b.finditer(text)]
        assert bool(a.search(text)) == bool(b.search(text))


def test_patterns_read_back_from_the_file_match_like_re_compile(tmp_path: Path) -> None:
    first = PatternCache.open("t", tmp_path)
    if not first.enabled:
        pytest.skip("this interpreter's re has no compiler internals to cache")
    built = [first.compile(p, f) for p, f in TRICKY]
    assert first.compiled_afresh == len(TRICKY)
    first.save()
    second = PatternCache.open("t", tmp_path)
    again = [second.compile(p, f) for p, f in TRICKY]
    assert second.compiled_afresh == 0  # every one came from the file
    for (pattern, flags), a, b in zip(TRICKY, built, again):
        _same(a, re.compile(pattern, flags))
        _same(b, re.compile(pattern, flags))


def test_a_damaged_file_falls_back_to_compiling(tmp_path: Path) -> None:
    cache = PatternCache.open("t", tmp_path)
    if not cache.enabled:
        pytest.skip("this interpreter's re has no compiler internals to cache")
    cache.compile(*TRICKY[0])
    cache.save()
    assert cache.path is not None
    cache.path.write_bytes(b"\x00garbage" * 10)
    fresh = PatternCache.open("t", tmp_path)
    _same(fresh.compile(*TRICKY[0]), re.compile(*TRICKY[0]))
    assert fresh.compiled_afresh == 1  # nothing trusted from the damaged file
    # A wrong literal passes the engine's own check: the checksum is what catches it.
    import hashlib
    import marshal

    pattern, flags = r"\bsaid\b", 0
    good = PatternCache.open("said", tmp_path)
    good.compile(pattern, flags)
    good.save()
    assert good.path is not None
    data = good.path.read_bytes()
    good.path.write_bytes(data[:32] + data[32:].replace(b"said", b"sand"))
    tampered = PatternCache.open("said", tmp_path)
    assert tampered.compile(pattern, flags).search("he said") is not None
    assert tampered.compile(pattern, flags).search("he sand") is None
    # Well-formed, checksummed, but code the engine refuses: that entry is compiled again and the
    # cache stays on (and is rewritten).
    payload = marshal.dumps({(pattern, flags): (int(flags | re.UNICODE), [999, 1, 2], 0, {}, (None,))})
    good.path.write_bytes(hashlib.sha256(payload).digest() + payload)
    refused = PatternCache.open("said", tmp_path)
    _same(refused.compile(pattern, flags), re.compile(pattern, flags))
    assert refused.enabled and refused.compiled_afresh == 1
    refused.save()
    assert PatternCache.open("said", tmp_path).compile(pattern, flags).search("he said")


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = PatternCache.open("t", blocker / "regex")
    _same(cache.compile(*TRICKY[1]), re.compile(*TRICKY[1]))
    cache.save()  # logs and carries on


def test_every_cleaner_pattern_matches_like_a_fresh_compile() -> None:
    patterns = [v for v in vars(cleaner_module).values() if isinstance(v, re.Pattern)]
    patterns += [r.pattern for r in cleaner_module.BUILTIN_RULES if r.pattern is not None]
    assert len(patterns) > 150
    for compiled in patterns:
        fresh = re.compile(compiled.pattern, compiled.flags)
        assert (compiled.flags, compiled.groups, compiled.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
        for text in TEXTS:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in fresh.finditer(text)]
