"""Spoken-form text normalisation: written news text -> the words a newsreader says.

The output goes to espeak-ng (directly or through Piper), so we spell out what
espeak-ng gets wrong ("£5bn", "3-1", "Charles III", "NHS" in some contexts) and
leave what it already says right. On ambiguity a rule declines and the text is
left as espeak-ng would read it: a missing rewrite is cheaper than a wrong one.

Rules run in this fixed order; each claims spans of the *input*, and a later
rule never touches a span an earlier one claimed (so "£3-4bn" is money, not a
range, and "F-16" is a name, not a negative number):

 1. lexicon     user/shipped ``[patterns]`` then ``[words]`` entries (9/11, vs, e.g., Supt)
 2. url         e-mail addresses, then web addresses ("nhs.uk" -> "N H S dot U K")
 3. symbol      @handles, #hashtags and "#2" -> "number two"
 4. phone       UK/international and US numbers in groups; digit groups after "call",
                "ring", "helpline on" ("116 123"); 999/111/911/988/116 xxx after "call"
                or before "helpline"/"Lifeline"
 5. time        durations (3h 45m, 1m 2s), lap times (1:23.45), 7-10am, 6.30pm, 7am,
                2:01:09, 13:45 (10.30 only where a time is
                expected), 0500 GMT
 6. date        2024-07-04, 15/08/2024, 4 July 2024, 2-4 July, March 3, Mon-Fri
 7. ordinal     1st, 22nd, 101st (the suffix must fit: "12st" is a weight)
 8. score       tennis sets (6-1 6-2); single scores with a sports word nearby
                (football "two nil", tennis "six love", cricket "310-4" and, with a cricket
                word or county side nearby, "112/3" -> "for three");
                a falling pair with no context ("voted 5-4") -> "five to four"
 9. currency    £ $ € US$ ... with bn/m/k, ranges (£3-4bn), attributive ("a £100m
                stadium", "£12m-a-year"), 50p
10. percent     19.1%, 3-5%, 4pc (en-GB)
11. unit        4x100m, 4x4, 5ft 10in, 12st 4lb, km kg mph °C ...; "2m" only as metres in sport or
                measuring context (else it is a million, rule 12)
12. magnitude   2.3bn, 4m households, 80k; "10k run" -> "ten K"
13. year        decades (1960s, '80s, 80s)
14. range       4-3-3 chains, 2023/24 seasons, 3:1 ratios, 2016-2019, 30-40
15. year        1100-2099 unless it counts something ("1500 homes")
16. fraction    betting odds ("at 5/1"), ½, 1½, 2 1/2, 1/4 (a < b, common denominators only);
                "½ a length" -> "half a length"
17. alnum       Boeing 737, F-16, G7, A380, M25, COP28, 3G, Covid-19, 76ers
18. roman       Charles III -> "Charles the third", World War II -> "World War two";
                "I" only for a named monarch, never the pronoun
19. abbrev      St (Saint/Street), Dr (Doctor/Drive), No 10, Lt Col, Gen, v (versus), c. 1850
20. acronym     B&Q-style pairs; lexicon capitals spelled ("G C S E's") or read as
                words ("Nato"); capitals not in the lexicon are left to espeak-ng
21. symbol      &, + ("A+", "C++", "£250 + VAT", "1+1"; "+44" is a phone), ~
22. cardinal    remaining numbers: separators, decimals, minus; "a hundred and
                twenty" when counting in en-GB

Locales: "en-GB" (default: "and" in numbers, "per cent", "two nil", "a hundred
and twenty", "nought point five") and "en-US" ("percent", "two to nothing",
"two thousand five" written without "and").

The pronunciation lexicon format is documented in ``readaloud.normalize.lexicon``;
in short a TOML file with ``[acronyms] spell = [...]``, ``words = [...]``, and
``[words]`` / ``[patterns]`` tables of written -> spoken.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from . import rules as r
from .lexicon import Lexicon, default_lexicon, load_lexicon

__all__ = ["Lexicon", "Normalized", "Rewrite", "default_lexicon", "load_lexicon", "normalize", "RULES"]

log = logging.getLogger(__name__)
LOCALES = ("en-GB", "en-US")


@dataclass(frozen=True)
class Rewrite:
    """One replaced span of the input text and why."""

    start: int
    end: int
    rule: str
    written: str
    spoken: str


@dataclass(frozen=True)
class Normalized:
    written: str
    spoken: str
    rewrites: tuple[Rewrite, ...]


# (rule name, pattern, handler) in priority order; see the module docstring.
RULES: tuple[tuple[str, re.Pattern[str], r.Handler], ...] = (
    ("url", r.EMAIL_RX, r.email),
    ("url", r.URL_RX, r.url),
    ("symbol", r.HANDLE_RX, r.handle),
    ("symbol", r.HASH_RX, r.hashtag),
    ("phone", r.PHONE_RX, r.phone),
    ("phone", r.US_PHONE_RX, r.us_phone),
    ("phone", r.CONTEXT_PHONE_RX, r.context_phone),
    ("phone", r.SHORT_RX, r.short_number),
    ("time", r.DURATION_RX, r.duration),
    ("time", r.LAP_TIME_RX, r.lap_time),
    ("time", r.TIME_RANGE_RX, r.time_range),
    ("time", r.TIME_AMPM_RX, r.time_ampm),
    ("time", r.RACE_TIME_RX, r.race_time),
    ("time", r.TIME_24_RX, r.time_24),
    ("time", r.MIL_TIME_RX, r.mil_time),
    ("date", r.ISODATE_RX, r.date_iso),
    ("date", r.NUMDATE_RX, r.date_numeric),
    ("date", r.DMY_RX, r.date_dmy),
    ("date", r.MDY_RX, r.date_mdy),
    ("date", r.DAY_RANGE_RX, r.day_range),
    ("ordinal", r.ORDINAL_RX, r.ordinal),
    ("score", r.SETS_RX, r.tennis_sets),
    ("score", r.SCORE_RX, r.score),
    ("score", r.CRICKET_RX, r.cricket),
    ("currency", r.MONEY_RX, r.money),
    ("currency", r.PENCE_RX, r.pence),
    ("percent", r.PERCENT_RX, r.percent),
    ("unit", r.BY_RX, r.by),
    ("unit", r.HEIGHT_RX, r.height),
    ("unit", r.STONE_RX, r.stone),
    ("unit", r.UNIT_RX, r.unit),
    ("magnitude", r.MAGNITUDE_RX, r.magnitude),
    ("year", r.DECADE_RX, r.decade),
    ("range", r.CHAIN_RX, r.chain),
    ("range", r.SEASON_RX, r.season),
    ("range", r.RATIO_RX, r.ratio),
    ("range", r.RANGE_RX, r.num_range),
    ("year", r.YEAR_RX, r.year),
    ("fraction", r.ODDS_RX, r.odds),
    ("fraction", r.MIXED_RX, r.mixed),
    ("fraction", r.VULGAR_RX, r.vulgar),
    ("fraction", r.FRACTION_RX, r.fraction),
    ("alnum", r.AIRCRAFT_RX, r.aircraft),
    ("alnum", r.ALNUM_RX, r.alnum),
    ("alnum", r.NUM_ALPHA_RX, r.num_alpha),
    ("alnum", r.ERS_RX, r.ers),
    ("alnum", r.WORD_NUM_RX, r.word_num),
    ("roman", r.ROMAN_RX, r.roman),
    ("abbrev", r.ST_RX, r.saint_street),
    ("abbrev", r.DR_RX, r.doctor_drive),
    ("abbrev", r.NO_RX, r.number_abbrev),
    ("abbrev", r.TITLE_RX, r.title),
    ("abbrev", r.VERSUS_RX, r.versus),
    ("abbrev", r.CIRCA_RX, r.circa),
    ("acronym", r.AMP_ACRONYM_RX, r.amp_acronym),
    ("acronym", r.ACRONYM_RX, r.acronym),
    ("symbol", r.AMP_RX, r.ampersand),
    ("symbol", r.GRADE_RX, r.grade),
    ("symbol", r.PLUS_RX, r.plus),
    ("symbol", r.TILDE_RX, r.tilde),
    ("cardinal", r.CARDINAL_RX, r.cardinal),
)
_QUICK = re.compile(r"[\d@#&+~%£$€¥₹½¼¾⅓⅔⅛/.–—-]|[A-Z][A-Za-z]*[A-Z]|\b(?:St|Dr|No|v|c|" +
                    "|".join(r.TITLES) + r")\b")


def _sentence_stop(text: str, written: str, end: int, spoken: str) -> str:
    """An abbreviation's dot that also ended the sentence ("Mill St.") must survive."""
    if not written.endswith(".") or spoken.endswith("."):
        return ""
    rest = text[end:end + 3]
    nxt = re.match(r"\s+([A-Za-z]+)", text[end:end + 8])
    if nxt and nxt.group(1).isupper() and nxt.group(1).lower() in r.TIME_ZONES:
        return ""  # "5 p.m. ET": the zone belongs to the time
    return "." if rest.strip() == "" or re.match(r"\s+[\"'“‘(]?[A-Z]", rest) else ""


def _free(claimed: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in claimed)


def normalize(text: str, *, locale: str = "en-GB", lexicon: Lexicon | None = None) -> Normalized:
    """The spoken form of one line or sentence, with every rewrite recorded against the input."""
    if locale not in LOCALES:
        from ..errors import ConfigError
        raise ConfigError(f"unknown locale '{locale}'", fix=f"use one of: {', '.join(LOCALES)}")
    lex = lexicon if lexicon is not None else default_lexicon()
    ctx = r.Ctx(text, locale == "en-GB", lex)
    found: list[Rewrite] = []
    claimed: list[tuple[int, int]] = []
    for start, end, spoken in r.lexicon_rewrites(ctx):
        if start < end and _free(claimed, start, end):
            claimed.append((start, end))
            found.append(Rewrite(start, end, "lexicon", text[start:end], spoken))
    if _QUICK.search(text):
        for name, rx, handler in RULES:
            for m in rx.finditer(text):
                start, end = m.span()
                if start == end or not _free(claimed, start, end):
                    continue
                spoken = handler(m, ctx)
                if spoken is None or spoken == m.group():
                    continue
                spoken += _sentence_stop(text, m.group(), end, spoken)
                claimed.append((start, end))
                found.append(Rewrite(start, end, name, m.group(), spoken))
    found.sort(key=lambda w: w.start)
    out, pos = [], 0
    for w in found:
        out.append(text[pos:w.start])
        out.append(w.spoken)
        pos = w.end
    out.append(text[pos:])
    spoken_text = "".join(out)
    if found:
        log.debug("normalised %d spans in %r", len(found), text[:60])
    return Normalized(text, spoken_text, tuple(found))
