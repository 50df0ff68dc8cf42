"""The pronunciation lexicon: which capitals are spelled, which are words, and user entries.

File format (TOML; the shipped ``readaloud/data/lexicon.toml`` uses the same)::

    [acronyms]
    spell = ["NHS", "DVLA", "MoJ"]   # said letter by letter: "N H S"
    words = ["NATO", "Ofsted"]       # said as a word, whatever the capitals

    [words]                          # a whole word (case-sensitive) -> spoken form
    Zelenskyy = "Zelensky"
    FTSE = "Footsie"

    [patterns]                       # a Python regex -> spoken form (re.sub template)
    '\\b9/11\\b' = "nine eleven"

A user file extends the shipped lexicon: its lists are added, and its
``[words]``/``[patterns]`` entries win over shipped ones with the same key.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import ConfigError

_TABLES = {"acronyms", "words", "patterns"}


@dataclass(frozen=True)
class Lexicon:
    """Spelled acronyms, word-acronyms and user entries (word or pattern -> spoken)."""

    spell: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    """Stored upper-case: any capitalisation of these is read as a word."""
    entries: tuple[tuple[str, str], ...] = ()
    patterns: tuple[tuple[str, str], ...] = ()
    _entry_map: dict[str, str] = field(init=False, repr=False, compare=False)
    _compiled: tuple[tuple[re.Pattern[str], str], ...] = field(init=False, repr=False, compare=False)
    _entry_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_entry_map", dict(self.entries))
        compiled = []
        for pat, spoken in self.patterns:
            try:
                compiled.append((re.compile(pat), spoken))
            except re.error as exc:
                raise ConfigError(f"lexicon pattern {pat!r} is not a valid regex ({exc})",
                                  fix="fix or quote the pattern (TOML single quotes keep backslashes)") from None
        object.__setattr__(self, "_compiled", tuple(compiled))
        keys = sorted(self._entry_map, key=len, reverse=True)
        # not inside a handle, hashtag or web address ("@UNESCO", "unesco.org")
        rx = re.compile(r"(?<![\w@#/.-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w-]|\.\w)") \
            if keys else None
        object.__setattr__(self, "_entry_re", rx)

    def spoken_entry(self, word: str) -> str | None:
        return self._entry_map.get(word)

    def extend(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s lists added and its entries winning."""
        entries = dict(self.entries) | dict(other.entries)
        patterns = dict(self.patterns) | dict(other.patterns)
        return Lexicon(self.spell | other.spell, self.words | other.words,
                       tuple(entries.items()), tuple(patterns.items()))


def _str_list(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of strings", fix='write it as ["NHS", "BBC"]')
    return frozenset(v.strip() for v in value)


def _str_table(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{where} must be a table of word = \"spoken form\"",
                          fix='write entries as Zelenskyy = "Zelensky"')
    return tuple((k, v) for k, v in value.items())


def parse_lexicon(data: dict[str, Any], where: str) -> Lexicon:
    """A Lexicon from parsed TOML, with errors naming the table and file."""
    unknown = set(data) - _TABLES
    if unknown:
        raise ConfigError(f"unknown table '{sorted(unknown)[0]}' in lexicon {where}",
                          fix="use [acronyms], [words] or [patterns]")
    acr = data.get("acronyms", {})
    if not isinstance(acr, dict) or set(acr) - {"spell", "words"}:
        raise ConfigError(f"[acronyms] in {where} may only hold 'spell' and 'words' lists",
                          fix='write spell = ["NHS"] and words = ["NATO"]')
    spell = _str_list(acr.get("spell", []), f"[acronyms] spell in {where}")
    words = frozenset(w.upper() for w in _str_list(acr.get("words", []), f"[acronyms] words in {where}"))
    entries = _str_table(data.get("words", {}), f"[words] in {where}")
    patterns = _str_table(data.get("patterns", {}), f"[patterns] in {where}")
    return Lexicon(spell, words, entries, patterns)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon of news acronyms and abbreviations."""
    text = resources.files("readaloud").joinpath("data/lexicon.toml").read_text(encoding="utf-8")
    return parse_lexicon(tomllib.loads(text), "readaloud/data/lexicon.toml")


def load_lexicon(path: Path, base: Lexicon | None = None) -> Lexicon:
    """A user lexicon file layered over ``base`` (the shipped lexicon by default)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"lexicon file {path} does not exist", fix="check the --lexicon path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"lexicon file {path} cannot be read ({exc})", fix="pass a UTF-8 TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"lexicon {path} is not valid TOML ({exc})", fix="fix the syntax") from None
    return (base if base is not None else default_lexicon()).extend(parse_lexicon(data, str(path)))
