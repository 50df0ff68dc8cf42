"""Rewrite rules by category: each a compiled regex and a pure handler.

A handler gets the match and the sentence context and returns the spoken form,
or ``None`` to decline (the text is then left for a later rule, or for
espeak-ng). Declining is the safe answer on ambiguity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import numbers as nw
from .lexicon import Lexicon


@dataclass(frozen=True)
class Ctx:
    """What a handler may look at besides its match."""

    text: str
    gb: bool
    lex: Lexicon


Handler = Callable[[re.Match[str], Ctx], "str | None"]

CONTEXT_CHARS = 80
"""How far handlers look either side of a match for context words."""
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def prev_words(c: Ctx, pos: int, n: int = 4, lower: bool = True) -> list[str]:
    words = _WORD.findall(c.text[max(0, pos - CONTEXT_CHARS):pos])[-n:]
    return [w.lower() for w in words] if lower else words


def next_words(c: Ctx, pos: int, n: int = 3, lower: bool = True) -> list[str]:
    words = _WORD.findall(c.text[pos:pos + CONTEXT_CHARS])[:n]
    return [w.lower() for w in words] if lower else words


def next_raw(c: Ctx, pos: int) -> str:
    """The next word as written, or "" if punctuation (other than a space) comes first."""
    m = re.match(r"[ \t]+([A-Za-z][A-Za-z'’-]*)", c.text[pos:pos + CONTEXT_CHARS])
    return m.group(1) if m else ""


def prev_raw(c: Ctx, pos: int) -> str:
    m = re.search(r"([A-Za-z][A-Za-z'’.-]*)[ \t]+$", c.text[max(0, pos - CONTEXT_CHARS):pos])
    return m.group(1) if m else ""


# Words that follow a quantity without being the thing counted or measured.
FUNCTION_WORDS = frozenset("""
a an the of in on at to for from by with and or but nor so than then as per over under
into onto off out up down about above below after before since until till during through
across against between among around near within without via each every this that these those
is was are were be been being has have had will would can could may might must shall should
it its he she they we you i his her their our your who which what when where while if
less more higher lower last next ago away apiece ahead behind back instead too also already
yet still just only even again later earlier now today yesterday tomorrow tonight
""".split())
DETERMINERS = frozenset("a an the this that its his her their our your whose new planned proposed "
                        "record estimated".split())
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_NAMES = {i: m.capitalize() for m, i in MONTHS.items()}
_MONTH_RX = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
N = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DASH = r"[ \t]?[-–—][ \t]?"


def _month(s: str) -> int:
    s = s.rstrip(".").lower()
    return MONTHS.get(s) or MONTH_ABBR[s]


def _int(s: str) -> int:
    return int(s.replace(",", ""))


def _is_int(s: str) -> bool:
    return "." not in s


def _lead(c: Ctx, start: int, n: int = 0) -> bool:
    """Is the quantity right after "a"/"an" (then "a hundred", not "a one hundred")?

    After "the", only a hundred-and-something drops its "a" ("the hundred metre final").
    """
    p = prev_words(c, start, 1)
    return bool(p) and (p[0] in ("a", "an") or (p[0] == "the" and 100 <= n < 200))


def attributive(c: Ctx, start: int, end: int) -> bool:
    """A quantity used as an adjective ("a £100m stadium", "the 10km race") takes a singular unit."""
    if re.match(r"-(?:a|an|per)-", c.text[end:end + 5]):
        return True  # "£12m-a-year"
    p = prev_words(c, start, 1)
    nxt = next_raw(c, end)
    det = bool(p) and (p[0] in DETERMINERS or p[0].endswith(("'s", "’s")))
    return det and bool(nxt) and nxt.lower() not in FUNCTION_WORDS


def amount(num: str, c: Ctx, start: int) -> str:
    """A count: "a hundred and twenty" in British English, plain cardinal otherwise."""
    if _is_int(num) and not num.startswith("0"):
        return nw.counted(_int(num), c.gb, after_article=_lead(c, start, _int(num)))
    return nw.number(num, c.gb)


def letters(s: str) -> str:
    """Spaced capitals that espeak-ng spells; a lone A needs a dot not to be the article."""
    if len(s) > 2 and s.endswith("s") and s[:-1].isupper():
        return letters(s[:-1]) + "'s"  # plural: "M P's", "G C S E's"
    out = []
    for ch in s.upper():
        if ch == "&":
            out.append("and")
        elif ch.isalnum():
            out.append("A-" if ch == "A" else ch)
    return " ".join(out)


def as_word(word: str, lex: Lexicon) -> str:
    """A word-acronym as espeak-ng should read it: its [words] respelling ("Unesco" ->
    "Yoonesco") if the lexicon has one for the capitalised form, else just "Nato"."""
    cap = word.capitalize()
    return lex.spoken_entry(word.upper()) or lex.spoken_entry(cap) or cap


def spell_token(word: str, lex: Lexicon) -> str:
    """A capitals word read as espeak should: lexicon word, spelled, or left alone."""
    if word.upper() in lex.words and sum(ch.isupper() for ch in word) > 1:
        return as_word(word, lex)
    if word in lex.spell or (word.isupper() and len(word) <= 4 and word.isalpha()):
        return letters(word)
    return word


# --- lexicon ------------------------------------------------------------------------

def lexicon_rewrites(c: Ctx) -> list[tuple[int, int, str]]:
    """User and shipped entries: patterns first, then whole words."""
    out = []
    for rx, spoken in c.lex._compiled:
        out += [(m.start(), m.end(), m.expand(spoken)) for m in rx.finditer(c.text)]
    if c.lex._entry_re is not None:
        out += [(m.start(), m.end(), c.lex._entry_map[m.group()]) for m in c.lex._entry_re.finditer(c.text)]
    return out


# --- URLs, emails, handles ----------------------------------------------------------

_TLDS = ("com|org|net|gov|edu|uk|co|io|ac|eu|info|news|tv|me|us|de|fr|ie|au|nz|ca|int|app|ly|fm"
         "|biz|online|scot|wales|london|in|jp|cn|es|it|nl|ch|se|no|dk|be|at|ru|za")
SPELLED_LABELS = frozenset("uk us eu de fr ie au nz ca io tv fm ac www bbc nhs ons itv cnn".split())
URL_RX = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?![\w-])(?:/[\w\-./?=&%#~+]*[\w/])?",
    re.I)
EMAIL_RX = re.compile(r"(?<![\w.])[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w])")


def _label(label: str, c: Ctx) -> str:
    low = label.lower()
    if low in SPELLED_LABELS or label.upper() in c.lex.spell or (
            len(low) <= 3 and not re.search(r"[aeiouy]", low)):
        return letters(label)
    if label.isdigit():
        return nw.digits(label, c.gb)
    return label.replace("-", " dash ")


def say_address(addr: str, c: Ctx) -> str:
    """Domain labels joined by "dot", path parts by "slash"."""
    addr = re.sub(r"^https?://", "", addr, flags=re.I)
    host, _, path = addr.partition("/")
    words = [" dot ".join(_label(p, c) for p in host.split("."))]
    for part in path.split("/") if path else []:
        if part:
            words.append("slash " + " dot ".join(_label(p, c) for p in part.split(".") if p))
    return " ".join(words)


def url(m: re.Match[str], c: Ctx) -> str | None:
    s = m.group()
    if "." not in s or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", s):  # initials, "e.g"
        return None
    if not s.lower().startswith(("http", "www.")) and re.match(r"[A-Z][a-z]+\.[A-Z]", s):
        return None  # "end.Then": a missing space, not an address
    return say_address(s, c)


def email(m: re.Match[str], c: Ctx) -> str:
    user, _, host = m.group().partition("@")
    return " dot ".join(_label(p, c) for p in user.split(".")) + " at " + say_address(host, c)


HANDLE_RX = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{2,})")
HASH_RX = re.compile(r"(?<![\w#&])#(?:(\d+)|([A-Za-z]\w*))")
_CAMEL = re.compile(r"[A-Z]{2,}(?=[a-z](?![a-z]))|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def camel(word: str, c: Ctx) -> str:
    parts = _CAMEL.findall(word)
    return " ".join(nw.cardinal(int(p), c.gb) if p.isdigit() else spell_token(p, c.lex) for p in parts)


def handle(m: re.Match[str], c: Ctx) -> str:
    return "at " + camel(m.group(1), c)


def hashtag(m: re.Match[str], c: Ctx) -> str:
    if m.group(1):
        return "number " + nw.cardinal(int(m.group(1)), c.gb)
    p = prev_words(c, m.start(), 1)
    said = camel(m.group(2), c)
    return said if p and p[0] in ("hashtag", "hashtags") else "hashtag " + said  # "the hashtag #X"


# --- phone numbers ------------------------------------------------------------------

PHONE_RX = re.compile(
    r"(?<![\w£$€.,+])(?:(\+\d{1,3})[ \t]?(?:\(0\)[ \t]?)?)?(\(?0?\d{2,4}\)?(?:[ \t-]\d{3,6}){1,2}|0\d{9,10})(?![\w%]|[.,]\d)")
US_PHONE_RX = re.compile(r"(?<![\w$£€])(\(\d{3}\)[ \t]?|\d{3}[-.])\d{3}[-.]\d{4}(?!\w)")
SHORT_RX = re.compile(r"(?<![\w£$€.,])(999|911|988|111|112|101|116[ \t]?\d{3}|105)(?![\w%]|[.,]\d)")
EMERGENCY_NUMBERS = frozenset({"999", "911", "111", "112"})
PHONE_PREV = frozenset("call calls calling called dial dials dialled dialed dialling ring rang "
                       "phone phoned phoning text texted contact contacted contacting via nhs on".split())
PHONE_NEXT = frozenset("call calls caller callers operator operators service line number "
                       "calls handler handlers".split())
PHONE_GROUP_PAUSE = ", "
HELPLINE_WORDS = frozenset("lifeline lifelines helpline helplines hotline hotlines line".split())
HELPLINE_REACH = 4
"""How many words may sit between a service number and "Lifeline" ("988 Suicide & Crisis Lifeline")."""


def _group(g: str, first: bool, gb: bool) -> str:
    if first and len(g) == 4 and g[0] == "0" and g.endswith("00") and g[1] != "0":
        return "oh " + nw.DIGIT_WORDS[int(g[1])] + " hundred"
    return nw.digits(g, gb, zero="oh")


def phone(m: re.Match[str], c: Ctx) -> str | None:
    s = m.group()
    nd = sum(ch.isdigit() for ch in s)
    if not (s.lstrip("(").startswith("0") or m.group(1)) or not 9 <= nd <= 13:
        return None
    head = ""
    if m.group(1):
        head = "plus " + nw.digits(m.group(1), c.gb, zero="oh") + PHONE_GROUP_PAUSE
    groups = re.findall(r"\d+", m.group(2))
    if len(groups) == 1 and len(groups[0]) >= 10:  # unspaced: 5-3-3 or 4-3-4 by convention
        g = groups[0]
        groups = [g[:5], g[5:8], g[8:]] if g.startswith("07") else [g[:4], g[4:7], g[7:]]
    return head + PHONE_GROUP_PAUSE.join(_group(g, i == 0, c.gb) for i, g in enumerate(groups))


def us_phone(m: re.Match[str], c: Ctx) -> str:
    groups = re.findall(r"\d+", m.group())
    return PHONE_GROUP_PAUSE.join(nw.digits(g, c.gb, zero="oh") for g in groups)


CONTEXT_PHONE_RX = re.compile(r"(?<![\w£$€.,+])\d{3,5}(?:[ \t]\d{3,6}){1,2}(?![\w%]|[.,]\d)")
PHONE_LEAD = frozenset("call dial ring text phone phoned called ringing calling dialling texting "
                       "helpline hotline freephone line number on".split())
PHONE_CUES = PHONE_PREV | frozenset("helpline hotline freephone free line number reached reach "
                                    "samaritans childline anonymously".split())


def context_phone(m: re.Match[str], c: Ctx) -> str | None:
    """Digit groups right after "call"/"ring"/"on" in a phoning context: "116 123", "0345 300 4000"."""
    p = prev_words(c, m.start(), 6)
    if not p or p[-1] not in PHONE_LEAD:
        return None
    if p[-1] in ("on", "number", "line") and not set(p[:-1]) & PHONE_CUES:
        return None  # "rose on 116 123": no sign of a telephone
    return PHONE_GROUP_PAUSE.join(nw.digits(g, c.gb, zero="oh") for g in m.group().split())


def short_number(m: re.Match[str], c: Ctx) -> str | None:
    """"Call 999" is nine nine nine; "Room 101" and "999 days" are numbers."""
    p = prev_words(c, m.start(), 2)
    n = next_words(c, m.end(), 1)
    after_verb = bool(set(p) & (PHONE_PREV - {"on"}))
    wide = set(prev_words(c, m.start(), 6))
    on_emergency = bool(p) and p[-1] == "on" and (m.group() in EMERGENCY_NUMBERS or bool(wide & PHONE_CUES - {"on"}))
    before_noun = bool(n) and n[0] in PHONE_NEXT or bool(set(next_words(c, m.end(), HELPLINE_REACH)) & HELPLINE_WORDS)
    if not (after_verb or on_emergency or before_noun):
        return None
    groups = re.match(r"(116)[ \t]?(\d{3})$", m.group())
    parts = groups.groups() if groups else m.group().split()
    return PHONE_GROUP_PAUSE.join(nw.digits(g, c.gb, zero="oh") for g in parts)


# --- times --------------------------------------------------------------------------

_AMPM = r"(?:([ap])(?:\.m\.|m)(?![\w]))"
TIME_RANGE_RX = re.compile(
    r"(?<![\w.:£$€])(\d{1,2})(?:[:.](\d\d))?[ \t]?(?:([ap])(?:\.m\.|m))?" + DASH +
    r"(\d{1,2})(?:[:.](\d\d))?[ \t]?" + _AMPM, re.I)
TIME_AMPM_RX = re.compile(r"(?<![\w.:£$€])(\d{1,2})(?:[:.](\d\d))?[ \t]?" + _AMPM, re.I)
TIME_24_RX = re.compile(r"(?<![\w.:£$€])([01]?\d|2[0-3])(:|\.|h)([0-5]\d)(?![\w:%°]|[.,]\d|[ \t]?(?:%|per))")
TIME_PREV = frozenset("at by until till before after".split())
TIME_ZONES = frozenset("gmt bst cet cest est edt et pt pst pdt ct cst cdt mt utc".split())
"""Written in capitals after "p.m.", these belong to the time and do not end the sentence."""
TIME_NEXT = frozenset("gmt bst cet est edt pst utc local am pm hrs hours".split())


def _clock(h: int, mm: str | None, gb: bool, twelve: bool) -> str:
    hour = nw.cardinal(h, gb) if h or twelve else "zero"
    if not mm or mm == "00":
        return hour
    mi = int(mm)
    return f"{hour} {'oh ' + nw.cardinal(mi, gb) if mi < 10 else nw.cardinal(mi, gb)}"


def _half(ap: str | None) -> str:
    return "" if not ap else (" AM" if ap.lower() == "a" else " PM")


def _keep_stop(m: re.Match[str], c: Ctx) -> str:
    """"a.m." at the end of a sentence also ends the sentence: keep its full stop."""
    if next_raw(c, m.end()).isupper() and next_raw(c, m.end()).lower() in TIME_ZONES:
        return ""  # "5 p.m. ET": the zone belongs to the time
    rest = c.text[m.end():m.end() + 2]
    return "." if m.group().endswith(".") and (rest == "" or rest[:1] in "\n" or rest.startswith(" ") and rest[1:].isupper()) else ""


def time_range(m: re.Match[str], c: Ctx) -> str | None:
    h1, h2 = int(m.group(1)), int(m.group(4))
    if not (1 <= h1 <= 12 and 1 <= h2 <= 12):
        return None
    first = _clock(h1, m.group(2), c.gb, True) + _half(m.group(3))
    return f"{first} to {_clock(h2, m.group(5), c.gb, True)}{_half(m.group(6))}{_keep_stop(m, c)}"


def time_ampm(m: re.Match[str], c: Ctx) -> str | None:
    h = int(m.group(1))
    if not 1 <= h <= 12:
        return None
    return _clock(h, m.group(2), c.gb, True) + _half(m.group(3)) + _keep_stop(m, c)


def time_24(m: re.Match[str], c: Ctx) -> str | None:
    h, sep, mm = int(m.group(1)), m.group(2), m.group(3)
    if sep == ".":  # "10.30" is a time only where a time is expected
        p, n = prev_words(c, m.start(), 1), next_words(c, m.end(), 1)
        if not ((p and p[0] in TIME_PREV) or (n and n[0] in TIME_NEXT)):
            return None
    if mm == "00":
        if h == 12:
            return "twelve noon"
        if h == 0:
            return "midnight"
        return nw.cardinal(h, c.gb) + " hundred"
    return _clock(h, mm, c.gb, True) if h else "zero zero " + _clock(0, mm, c.gb, True).split(" ", 1)[1]


MIL_TIME_RX = re.compile(r"(?<![\w.,:])([01]\d|2[0-3])([0-5]\d)(?=[ \t]?(?:GMT|BST|UTC|CET|CEST|EST|hrs|hours|local time)(?![\w]))")
RACE_TIME_RX = re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\w:]|[.,]\d)")
RATIO_RX = re.compile(r"(?<![\w.:])(\d{1,2}):(\d)(?![\w:]|[.,]\d)")


def mil_time(m: re.Match[str], c: Ctx) -> str:
    h, mm = int(m.group(1)), m.group(2)
    hour = ("oh " if m.group(1).startswith("0") else "") + nw.cardinal(h, c.gb) if h else "zero"
    return f"{hour} hundred" if mm == "00" else f"{hour} {_clock(0, mm, c.gb, True).split(' ', 1)[1]}"


LAP_TIME_RX = re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d)\.(\d{1,3})(?![\w:]|[.,]\d)")
_DUR_UNIT = r"(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)"
DURATION_RX = re.compile(r"(?<![\w.,£$€:])\d{1,3}[ \t]?" + _DUR_UNIT + r"(?:[ \t]+\d{1,2}(?:\.\d+)?[ \t]?"
                         + _DUR_UNIT + r"){1,2}(?![\w])")
_DUR_NAMES = {"h": ("hour", "hours"), "m": ("minute", "minutes"), "s": ("second", "seconds")}


def lap_time(m: re.Match[str], c: Ctx) -> str:
    """"1:23.45" (a lap or race): "one minute twenty-three point four five seconds"."""
    mins = int(m.group(1))
    secs = nw.number(f"{int(m.group(2))}.{m.group(3)}", c.gb)
    return f"{nw.cardinal(mins, c.gb)} {'minute' if mins == 1 else 'minutes'} {secs} seconds"


def duration(m: re.Match[str], c: Ctx) -> str | None:
    """"3h 45m", "1m 2s", "2hrs 10mins": parts that fall hours > minutes > seconds."""
    parts = re.findall(r"(\d+(?:\.\d+)?)[ \t]?([hms])[a-z]*", m.group())
    order = [("hms".index(u)) for _, u in parts]
    if len(parts) != len(re.findall(r"\d+(?:\.\d+)?", m.group())) or order != sorted(set(order)):
        return None  # "5m 3m" or "2s 1h": not one duration
    if any("." in n for n, _ in parts[:-1]) or any(int(float(n)) >= 60 for n, _ in parts[1:]):
        return None
    out = []
    for n, u in parts:
        one, many = _DUR_NAMES[u]
        out.append(f"{nw.number(n, c.gb)} {one if n == '1' else many}")
    return " ".join(out)


def race_time(m: re.Match[str], c: Ctx) -> str:
    """"2:01:09" as a commentator reads it: "two oh one oh nine"."""
    parts = [nw.cardinal(int(m.group(1)), c.gb)]
    for g in m.group(2), m.group(3):
        parts.append(("oh " + nw.DIGIT_WORDS[int(g)]) if g.startswith("0") else nw.cardinal(int(g), c.gb))
    return " ".join(parts)


def ratio(m: re.Match[str], c: Ctx) -> str:
    return f"{nw.cardinal(int(m.group(1)), c.gb)} to {nw.cardinal(int(m.group(2)), c.gb)}"


# --- dates --------------------------------------------------------------------------

DMY_RX = re.compile(
    r"(?<![\w.,£$€])(\d{1,2})(?:st|nd|rd|th)?(?:" + DASH + r"(\d{1,2})(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?("
    + _MONTH_RX + r")(?![\w])(?:,?[ \t]+(\d{4})(?![\w]|[.,]\d))?")
MDY_RX = re.compile(
    r"(?<![\w])(" + _MONTH_RX + r")[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?:" + DASH +
    r"(\d{1,2})(?:st|nd|rd|th)?)?(?![\w:]|[.,]\d)(?:,?[ \t]+(\d{4})(?![\w]|[.,]\d))?")
NUMDATE_RX = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/])")
ISODATE_RX = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def _dom(d: int, gb: bool) -> str:
    return nw.ordinal(d, gb)


def _date(c: Ctx, start: int, day: int, day2: int | None, month: int, yr: str | None,
          day_first: bool) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12) or (day2 is not None and not day < day2 <= 31):
        return None
    p = prev_words(c, start, 1)
    the = "" if p and p[0] == "the" else "the "
    days = f"{the}{_dom(day, c.gb)}" + (f" to the {_dom(day2, c.gb)}" if day2 else "")
    name = MONTH_NAMES[month]
    if day_first:
        out = f"{days} of {name}"
    elif c.gb:
        out = f"{name} the {_dom(day, c.gb)}" + (f" to the {_dom(day2, c.gb)}" if day2 else "")
    else:
        out = f"{name} {_dom(day, c.gb)}" + (f" to {_dom(day2, c.gb)}" if day2 else "")
    if yr:
        out += ("" if day_first else ",") + " " + nw.year(int(yr), c.gb)
    return out


_DAYS = {"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
         "thur": "Thursday", "thurs": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
_DAY_RX = (r"(Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:(?<=Mon)day|(?<=Tue)sday|(?<=Tues)day"
           r"|(?<=Wed)nesday|(?<=Thu)rsday|(?<=Thurs)day|(?<=Fri)day|(?<=Sat)urday|(?<=Sun)day)?\.?")
DAY_RANGE_RX = re.compile(r"(?<![\w-])" + _DAY_RX + r"[ \t]?[-–—][ \t]?" + _DAY_RX + r"(?![\w-])")


def day_range(m: re.Match[str], c: Ctx) -> str:
    """"Monday-Friday", "Mon-Sat": opening days, said "Monday to Friday"."""
    return f"{_DAYS[m.group(1).lower()]} to {_DAYS[m.group(2).lower()]}"


def date_dmy(m: re.Match[str], c: Ctx) -> str | None:
    mon = m.group(3)
    return _date(c, m.start(), int(m.group(1)), int(m.group(2)) if m.group(2) else None,
                 _month(mon), m.group(4), True)


def date_mdy(m: re.Match[str], c: Ctx) -> str | None:
    mon = m.group(1)
    if mon.rstrip(".") == "May" and not m.group(4):
        p = prev_raw(c, m.start())
        if p[:1].isupper() and p not in ("On", "In", "From", "Since", "Until", "By"):
            return None  # "Theresa May 67" style: a surname
    return _date(c, m.start(), int(m.group(2)), int(m.group(3)) if m.group(3) else None,
                 _month(mon), m.group(4), False)


def date_numeric(m: re.Match[str], c: Ctx) -> str | None:
    a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
    day, month = (a, b) if c.gb else (b, a)
    yr = str(2000 + int(y)) if len(y) == 2 else y
    return _date(c, m.start(), day, None, month, yr, c.gb)


def date_iso(m: re.Match[str], c: Ctx) -> str | None:
    return _date(c, m.start(), int(m.group(3)), None, int(m.group(2)), m.group(1), c.gb)


# --- scores -------------------------------------------------------------------------

SETS_RX = re.compile(
    r"(?<![\w.£$€-])[0-7]" + r"[-–][0-7](?:[ \t]?\(\d{1,2}[-–]\d{1,2}\))?"
    r"(?:,?[ \t]+[0-7][-–][0-7](?:[ \t]?\(\d{1,2}[-–]\d{1,2}\))?)+(?![\w%-])")
SCORE_RX = re.compile(r"(?<![\w.,£$€/-])(\d{1,3})[ \t]?[-–][ \t]?(\d{1,3})(?![\w%°/-]|[.,]\d)")
SCORE_PREV = frozenset("""won win wins winning beat beats beating beaten lost lose loses losing drew
draw draws drawn defeat defeated thrashed thrash hammered edged led lead leads leading trail trailed
trailing trails victory scoreline score scored thumped routed crushed stunned triumph triumphed
comeback eased cruised overcame squeezed swept downed outclassed humbled held finished ended
equalised equaliser""".split())
SCORE_NEXT = frozenset("""win wins victory victories defeat defeats draw draws loss losses lead
scoreline thrashing triumph aggregate home away win, half-time full-time thumping success
hammering drubbing reverse up down""".split())
TENNIS = frozenset("""set sets tennis wimbledon seed seeded tie-break tiebreak slam grand open
atp wta serve serving match-point quarter-final semi-final""".split())
CRICKET = frozenset("""stumps declared innings wickets wicket tea lunch overs batting bowled
test ashes closed reply chase chasing all-out bowling batting wickets overs""".split())
CRICKET_SIDES = frozenset("""surrey yorkshire lancashire essex kent somerset middlesex hampshire sussex
warwickshire nottinghamshire notts durham glamorgan gloucestershire leicestershire derbyshire
northamptonshire worcestershire""".split())
CRICKET_REACH = 8
"""Words either side of "112/3" searched for a cricket cue."""
CRICKET_RX = re.compile(r"(?<![\w.,£$€/-])(\d{1,3})/(\d{1,2})(?![\w%°/]|[.,]\d)")


US_SPORT = frozenset("""nba nfl nhl mlb wnba ncaa touchdown touchdowns quarterback super bowl playoff
playoffs lakers celtics knicks warriors bulls heat nets cavaliers yankees dodgers chiefs eagles
packers cowboys patriots 49ers overtime innings basketball baseball""".split())
BIG_SCORE = 100
"""Scores this high are basketball: said the American way, "one hundred twelve to one hundred eight"."""


def _nil(n: int, gb: bool, love: bool = False) -> str:
    if n == 0:
        return "love" if love else ("nil" if gb else "nothing")
    return nw.cardinal(n, gb)


def _score(a: int, b: int, gb: bool, love: bool = False) -> str:
    if love:
        return f"{_nil(a, gb, True)} {_nil(b, gb, True)}"
    if not gb:
        return f"{_nil(a, gb)} to {_nil(b, gb)}"
    if a == b:
        return f"{_nil(a, gb)} all" if a else "nil nil"
    return f"{_nil(a, gb)} {_nil(b, gb)}"


def tennis_sets(m: re.Match[str], c: Ctx) -> str | None:
    sets = re.findall(r"(\d+)[-–](\d+)(?:[ \t]?\((\d+)[-–](\d+)\))?", m.group())
    if not all(max(int(a), int(b)) in (6, 7) for a, b, _, _ in sets):
        return None
    out = []
    for a, b, ta, tb in sets:
        s = _score(int(a), int(b), c.gb, love=True)
        if ta:
            s += f", {nw.cardinal(int(ta), c.gb)} {nw.cardinal(int(tb), c.gb)}"
        out.append(s)
    return ", ".join(out)


def _cricket_context(c: Ctx, start: int, end: int) -> bool:
    words = set(prev_words(c, start, CRICKET_REACH)) | set(next_words(c, end, CRICKET_REACH))
    return bool(words & (CRICKET | CRICKET_SIDES)) or "all out" in c.text[end:end + 12].lower()


def _runs_for(a: int, b: int, c: Ctx, end: int) -> str:
    """A cricket total: "one hundred and twelve for three"; ten wickets down is "all out"."""
    if b < 10:
        return f"{nw.cardinal(a, c.gb)} for {nw.cardinal(b, c.gb)}"
    said = "all out" in c.text[end:end + 12].lower()
    return nw.cardinal(a, c.gb) + ("" if said else " all out")


def cricket(m: re.Match[str], c: Ctx) -> str | None:
    """"Surrey were 112/3 at lunch": runs/wickets, only with a cricket word or county nearby."""
    a, b = int(m.group(1)), int(m.group(2))
    if not (b <= 10 and a > b and a >= 10) or not _cricket_context(c, m.start(), m.end()):
        return None
    return _runs_for(a, b, c, m.end())


def score(m: re.Match[str], c: Ctx) -> str | None:
    a, b = int(m.group(1)), int(m.group(2))
    before = set(prev_words(c, m.start(), 6))
    after = next_words(c, m.end(), 2)
    nxt = next_raw(c, m.end())
    if _cricket_context(c, m.start(), m.end()) or (
            a >= 20 and b <= 10 and a > b and set(prev_words(c, m.start(), 2)) &
            {"on", "at", "to", "were", "reached", "was", "finished", "closed", "for"}):
        if a > b and b <= 10 and a >= 20:
            return _runs_for(a, b, c, m.end())
    if max(a, b) > 200:
        return None
    near = set(prev_words(c, m.start(), 8)) | set(next_words(c, m.end(), 8))
    cue = bool(before & SCORE_PREV or (after and after[0] in SCORE_NEXT))
    if (max(a, b) >= BIG_SCORE and (a >= b or cue)) or (near & US_SPORT and cue):
        if nxt and nxt.islower() and nxt not in FUNCTION_WORDS and nxt not in SCORE_NEXT \
                and nxt not in ("points", "pts"):
            return None
        return f"{_nil(a, False)} to {_nil(b, False)}"
    if before & TENNIS and max(a, b) in (6, 7):
        return _score(a, b, c.gb, love=True)
    if before & SCORE_PREV or (after and after[0] in SCORE_NEXT):
        if nxt and nxt.islower() and nxt not in FUNCTION_WORDS and nxt not in SCORE_NEXT \
                and nxt not in ("goals", "goal", "points", "tries"):
            return None  # "won 3-5 seats": a range of things
        return _score(a, b, c.gb)
    if a >= b and not (nxt and nxt.islower() and nxt not in FUNCTION_WORDS):
        # "the vote was 5-4", "Liverpool 3-1 Chelsea": never a range (ranges rise)
        if a == b or (b == 0 and c.gb):
            return _score(a, b, c.gb)
        return f"{_nil(a, c.gb)} to {_nil(b, c.gb)}"
    return None


# --- money --------------------------------------------------------------------------

CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    # symbol: singular, plural, minor singular, minor plural
    "£": ("pound", "pounds", "penny", "pence"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("U S dollar", "U S dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
MAGNITUDES = {"k": "thousand", "thousand": "thousand", "m": "million", "mn": "million",
              "million": "million", "bn": "billion", "b": "billion", "billion": "billion",
              "tn": "trillion", "trillion": "trillion"}
_CUR = r"(US\$|AU?\$|C\$|NZ\$|HK\$|S\$|£|\$|€|¥|₹)"
_MAG = r"(?:[ \t]?(k|m|mn|bn|b|tn)|[ \t]?(thousand|million|billion|trillion))(?![\w])"
MONEY_RX = re.compile(
    r"(?<![\w$£€])" + _CUR + r"[ \t]?(" + N + r")(?:" + _MAG + r")?(?:" + DASH + r"(?:" + _CUR
    + r")?[ \t]?(" + N + r")(?:" + _MAG + r")?)?(?![\w%])")
PENCE_RX = re.compile(r"(?<![\w.,£$€])(?:(\d{1,3})p?" + DASH + r")?(\d{1,3})p(?![\w])")


def _mag(m: re.Match[str], i: int) -> str | None:
    s = m.group(i) or m.group(i + 1)
    return MAGNITUDES[s.lower()] if s else None


def money(m: re.Match[str], c: Ctx) -> str | None:
    sym = m.group(1)
    one, many, minor1, minors = CURRENCIES[sym]
    n1, mag1 = m.group(2), _mag(m, 3)
    n2, mag2 = m.group(6), _mag(m, 7)
    single = attributive(c, m.start(), m.end())
    if n2 is None and mag1 is None:
        whole, _, cents = n1.replace(",", "").partition(".")
        if len(cents) == 2:
            w, ce = int(whole), int(cents)
            if w == 0:
                return f"{nw.cardinal(ce, c.gb)} {minor1 if ce == 1 else minors}"
            unit = one if w == 1 or single else many
            tail = f" {nw.cardinal(ce, c.gb)}" if ce else ""
            return f"{amount(whole, c, m.start())} {unit}{tail}"
        unit = one if (n1 == "1" or single) else many
        return f"{amount(n1, c, m.start())} {unit}"
    unit = one if single else many
    first = amount(n1, c, m.start()) + (f" {mag1}" if mag1 else "")
    if n2 is None:
        return f"{first} {unit}"
    second = nw.number(n2, c.gb) + (f" {mag2}" if mag2 else "")
    return f"{first} to {second} {unit}"


def pence(m: re.Match[str], c: Ctx) -> str | None:
    if not c.gb:
        return None
    n = int(m.group(2))
    if m.group(1):
        return f"{nw.cardinal(int(m.group(1)), c.gb)} to {nw.cardinal(n, c.gb)} pence"  # "20-30p"
    return "one penny" if n == 1 else f"{nw.cardinal(n, c.gb)} pence"


# --- per cent -----------------------------------------------------------------------

PERCENT_RX = re.compile(
    r"(?<![\w.,])([-−]?(?:" + N + r"))(?:%?" + DASH + r"(" + N + r"))?[ \t]?(%|per[ \t]?cent(?![\w])|percent(?![\w])|pc(?![\w]))")


def percent(m: re.Match[str], c: Ctx) -> str | None:
    if m.group(3) == "pc" and not c.gb:
        return None
    word = "per cent" if c.gb else "percent"
    first = nw.number(m.group(1), c.gb)
    if m.group(2):
        both = "%" in c.text[m.end(1):m.start(2)]  # "3%-4%": the sign is said twice, as written
        return f"{first}{' ' + word if both else ''} to {nw.number(m.group(2), c.gb)} {word}"
    return f"{first} {word}"


# --- units --------------------------------------------------------------------------

# written: (GB singular, GB plural, US singular, US plural)
UNITS: dict[str, tuple[str, str, str, str]] = {}


def _u(keys: str, gb1: str, gb2: str, us1: str | None = None, us2: str | None = None) -> None:
    for k in keys.split("|"):
        UNITS[k] = (gb1, gb2, us1 or gb1, us2 or gb2)


_u("km", "kilometre", "kilometres", "kilometer", "kilometers")
_u("m", "metre", "metres", "meter", "meters")
_u("cm", "centimetre", "centimetres", "centimeter", "centimeters")
_u("mm", "millimetre", "millimetres", "millimeter", "millimeters")
_u("kg|kgs", "kilogram", "kilograms")
_u("g", "gram", "grams")
_u("mg", "milligram", "milligrams")
_u("t", "tonne", "tonnes", "ton", "tons")
_u("lb|lbs", "pound", "pounds")
_u("oz", "ounce", "ounces")
_u("st", "stone", "stone")
_u("ft", "foot", "feet")
_u("in", "inch", "inches")
_u("yd|yds", "yard", "yards")
_u("mi", "mile", "miles")
_u("mph", "mile per hour", "miles per hour")
_u("km/h|kph|kmh", "kilometre per hour", "kilometres per hour", "kilometer per hour", "kilometers per hour")
_u("ml", "millilitre", "millilitres", "milliliter", "milliliters")
_u("l|ltr", "litre", "litres", "liter", "liters")
_u("ha", "hectare", "hectares")
_u("sq ft|sqft", "square foot", "square feet")
_u("sq m|m2|m²", "square metre", "square metres", "square meter", "square meters")
_u("km2|km²|sq km", "square kilometre", "square kilometres", "square kilometer", "square kilometers")
_u("kW", "kilowatt", "kilowatts")
_u("kWh", "kilowatt hour", "kilowatt hours")
_u("MW", "megawatt", "megawatts")
_u("MWh", "megawatt hour", "megawatt hours")
_u("GW", "gigawatt", "gigawatts")
_u("GWh", "gigawatt hour", "gigawatt hours")
_u("TWh", "terawatt hour", "terawatt hours")
_u("GB", "gigabyte", "gigabytes")
_u("MB", "megabyte", "megabytes")
_u("TB", "terabyte", "terabytes")
_u("Mbps", "megabit per second", "megabits per second")
_u("Gbps", "gigabit per second", "gigabits per second")
_u("mAh", "milliamp hour", "milliamp hours")
_u("Hz", "hertz", "hertz")
_u("kHz", "kilohertz", "kilohertz")
_u("MHz", "megahertz", "megahertz")
_u("GHz", "gigahertz", "gigahertz")
_u("bhp", "brake horsepower", "brake horsepower")
_u("hp", "horsepower", "horsepower")
_u("mpg", "mile per gallon", "miles per gallon")
_u("ppm", "part per million", "parts per million")
_u("dB", "decibel", "decibels")
_u("mins|min", "minute", "minutes")
_u("hrs|hr", "hour", "hours")
_u("secs|sec", "second", "seconds")
_u("°C|ºC|C|° C", "degree Celsius", "degrees Celsius")
_u("°F|ºF|F", "degree Fahrenheit", "degrees Fahrenheit")
_u("°", "degree", "degrees")
TEMPERATURE = frozenset({"°C", "ºC", "C", "° C", "°F", "ºF", "F", "°"})
RATE_UNITS = frozenset({"mph", "km/h", "kph", "kmh", "Mbps", "Gbps", "mpg", "ppm", "bhp", "hp", "Hz", "kHz",
                        "MHz", "GHz"})
UNIT_RX = re.compile(
    r"(?<![\w.,£$€])([-−]?(?:" + N + r"))([½¼¾⅓⅔⅛])?(?:" + DASH + r"([-−]?(?:" + N + r")))?[ \t]?("
    + "|".join(re.escape(k) for k in sorted(UNITS, key=len, reverse=True)) + r")(?![\w/²°])")
HEIGHT_RX = re.compile(r"(?<![\w.])(\d)[ \t]?(?:ft|')[ \t]?(\d{1,2})(?:[ \t]?(?:in|\"|”)(?![\w]))?(?=[\s,.;:)]|$)")
STONE_RX = re.compile(r"(?<![\w.])(\d{1,2})[ \t]?st[ \t]?(\d{1,2})[ \t]?lbs?(?![\w])")
METRE_SPORT = frozenset("""sprint sprints race races hurdles freestyle butterfly backstroke breaststroke
medley relay final finals dash run event events title champion record tall high long wide deep
away from above below under of-the up down in-the""".split())
METRE_PREV = frozenset("""cleared jumped vaulted threw thrown throw leapt leaped measuring measured
measures measure stands stood standing height depth width length diameter radius dived swam rose
fell plunged deep high tall long wide reaching reached up to about nearly almost just""".split())
RACE_METRES = frozenset({60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})


def metres_not_million(c: Ctx, start: int, end: int) -> bool:
    """Is "2m" two metres? Sport and measuring contexts say so; everything else is a million."""
    nxt = next_words(c, end, 1)
    prev = prev_words(c, start, 2)
    if nxt and nxt[0] in METRE_SPORT:
        return True
    if prev and prev[-1] in ("the", "a", "an") and (
            (nxt and nxt[0] in METRE_SPORT) or _int(c.text[start:end].rstrip("m ")) in RACE_METRES):
        return True
    if prev and prev[-1] in METRE_PREV and prev[-1] not in ("up", "to", "about", "nearly", "almost", "just"):
        return not (nxt and nxt[0] not in FUNCTION_WORDS and nxt[0].isalpha())
    return False


BY_RX = re.compile(r"(?<![\w.,])(\d{1,2})[x×](\d{1,4})(m|km)?(?![\w])")


def by(m: re.Match[str], c: Ctx) -> str:
    """"4x100m relay" -> "four by a hundred metre", "a 4x4" -> "four by four"."""
    out = f"{nw.cardinal(int(m.group(1)), c.gb)} by {nw.counted(int(m.group(2)), c.gb)}"
    return out + (" " + UNITS[m.group(3)][0 if c.gb else 2] if m.group(3) else "")


def height(m: re.Match[str], c: Ctx) -> str:
    return f"{nw.cardinal(int(m.group(1)), c.gb)} foot {nw.cardinal(int(m.group(2)), c.gb)}"


def stone(m: re.Match[str], c: Ctx) -> str:
    return f"{nw.cardinal(int(m.group(1)), c.gb)} stone {nw.cardinal(int(m.group(2)), c.gb)}"


def unit(m: re.Match[str], c: Ctx) -> str | None:
    n1, vf, n2, u = m.groups()
    if u == "m" and not metres_not_million(c, m.start(), m.end()):
        return None
    if u in ("in", "t", "st", "l", "g", "mi") and not re.fullmatch(r"[\d.,½¼¾⅓⅔⅛]+" + u, m.group()):
        return None  # "in", "t", "st" after a space or a range are words, not units
    if u in ("C", "F") and (next_raw(c, m.end()) or "").startswith(("-", "–")):
        return None
    gb1, gb2, us1, us2 = UNITS[u]
    one, many = (gb1, gb2) if c.gb else (us1, us2)
    single = n2 is None and n1 in ("1", "-1", "−1")
    if u not in TEMPERATURE and u not in RATE_UNITS and attributive(c, m.start(), m.end()):
        single = True
    first = nw.number(n1, c.gb) if not _is_int(n1) or n1.startswith(("-", "−", "0")) else amount(n1, c, m.start())
    if vf:
        first, single = f"{first} and {_fraction(*VULGAR[vf], c.gb)}", False
    if n2:
        return f"{first} to {nw.number(n2, c.gb)} {many}"
    return f"{first} {one if single else many}"


# --- magnitudes ---------------------------------------------------------------------

MAGNITUDE_RX = re.compile(r"(?<![\w.,£$€])(" + N + r")(?:" + DASH + r"(" + N + r"))?(?:[ \t]?(bn|m|mn|k|tn)|"
                          r"(million|billion|trillion))(?![\w])")  # "1.2million" glued
K_NAMES = frozenset("run runs race races runner runners walk challenge".split())


def magnitude(m: re.Match[str], c: Ctx) -> str | None:
    mag = m.group(3) or m.group(4)
    if mag == "k" and next_words(c, m.end(), 1)[:1] and next_words(c, m.end(), 1)[0] in K_NAMES:
        return f"{nw.number(m.group(1), c.gb)} K"
    word = MAGNITUDES[mag]
    first = amount(m.group(1), c, m.start())
    if m.group(2):
        return f"{first} to {nw.number(m.group(2), c.gb)} {word}"
    return f"{first} {word}"


# --- years and decades --------------------------------------------------------------

DECADE_RX = re.compile(r"(?<![\w'’])(?:(1[0-9]\d0|20\d0)s|['’](\d0)s|([2-9]0)s)(?![\w])")


def decade(m: re.Match[str], c: Ctx) -> str | None:
    if m.group(1):
        y = int(m.group(1))
        if y % 100 == 0:
            return nw.cardinal(y // 100, c.gb) + " hundreds" if y != 2000 else "two thousands"
        return nw.plural_word(nw.year(y, c.gb))
    return nw.plural_word(nw.cardinal(int(m.group(2) or m.group(3)), c.gb))


YEAR_RX = re.compile(r"(?<![\w.,£$€#/:])(?<!\d[-–])(1\d\d\d|20\d\d)(?![\w%°]|[.,:]\d)")
EARLY_YEAR = 1100
"""Below this a four-digit number is a year only right after "in", "since", "of" ... ("in 1066")."""
YEAR_PREV = frozenset("""in since of from until till by before after during early late mid end start
the summer spring autumn winter year season class census january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
christmas easter between and to around circa c born died election budget for""".split())


NOT_YEAR_NAMES = frozenset("exactly precisely estimated nearly almost roughly approximately extra further "
                           "additional some another".split())


def year(m: re.Match[str], c: Ctx) -> str | None:
    p = prev_words(c, m.start(), 1)
    nxt = next_raw(c, m.end())
    if int(m.group(1)) < EARLY_YEAR:
        if not (p and p[0] in YEAR_PREV - {"the", "and", "to", "for", "between"}):
            return None
        return nw.year(int(m.group(1)), c.gb)
    if p and (p[0] in YEAR_PREV or p[0].endswith(("'s", "’s"))):
        return nw.year(int(m.group(1)), c.gb)
    name = prev_raw(c, m.start())
    if name[:1].isupper() and name.lower() not in FUNCTION_WORDS | QUANTIFIERS | NOT_YEAR_NAMES:
        return nw.year(int(m.group(1)), c.gb)  # "Euro 2024", "Paris 2024": an event's year
    if nxt and nxt.islower() and nxt not in FUNCTION_WORDS:
        return None  # "1500 homes": a count
    return nw.year(int(m.group(1)), c.gb)


# --- ranges -------------------------------------------------------------------------

RANGE_RX = re.compile(r"(?<![\w.,£$€/:-])(" + N + r")[ \t]?[-–—][ \t]?(" + N + r")(?![\w%°/]|[.,]\d|[-–]\d)")
SEASON_RX = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)/(\d\d)(?![\w/]|[.,]\d)")


def season(m: re.Match[str], c: Ctx) -> str | None:
    a, b = m.group(1), m.group(2)
    if int(b) != (int(a[2:]) + 1) % 100:
        return None
    return f"{nw.year(int(a), c.gb)} to {nw.cardinal(int(b), c.gb) if b != '00' else 'two thousand'}"
CHAIN_RX = re.compile(r"(?<![\w.,/-])(\d)-(\d)-(\d)(?:-(\d))?(?![\w-])")


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1100 <= int(s) <= 2099


def num_range(m: re.Match[str], c: Ctx) -> str | None:
    a, b = m.group(1), m.group(2)
    if _is_year(a) and (_is_year(b) or (len(b) == 2 and int(b) > int(a[2:]))):
        second = nw.year(int(b), c.gb) if len(b) == 4 else nw.cardinal(int(b), c.gb)
        return f"{nw.year(int(a), c.gb)} to {second}"
    if _is_int(a) and _is_int(b) and _int(a) >= _int(b):
        return None  # "3-1" without a score context: espeak reads the parts; don't guess
    return f"{amount(a, c, m.start())} to {nw.number(b, c.gb)}"


def chain(m: re.Match[str], c: Ctx) -> str:
    return " ".join(nw.cardinal(int(g), c.gb) for g in m.groups() if g)


# --- ordinals, fractions ------------------------------------------------------------

ORDINAL_RX = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})*|\d+)(st|nd|rd|th)(?![\w])", re.I)


def ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal(m: re.Match[str], c: Ctx) -> str | None:
    n = _int(m.group(1))
    if m.group(2).lower() != ordinal_suffix(n):
        return None  # "12st" is twelve stone, not an ordinal
    return nw.ordinal(n, c.gb)


VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
          "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
          "⅞": (7, 8)}
VULGAR_RX = re.compile(r"(?<![\w.,])(\d+)?[ \t]?([" + "".join(VULGAR) + r"])")
FRACTION_RX = re.compile(r"(?<![\w/.,])(\d{1,2})/(\d{1,3})(?![\w/]|[.,]\d)")
FRACTION_DENOMS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 100})
MIXED_RX = re.compile(r"(?<![\w.,/£$€-])(\d{1,3})[ \t]+(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)")


def _half_a(c: Ctx, end: int) -> bool:
    """"½ a length" is "half a length", never "a half a length"."""
    nxt = next_words(c, end, 1)
    return bool(nxt) and nxt[0] in ("a", "an", "the")


def _fraction(n: int, d: int, gb: bool, article: bool = True) -> str:
    name = {2: "half", 4: "quarter"}.get(d) or nw.ordinal(d, gb)
    if d == 100:
        name = "hundredth"
    if n == 1:
        return ("a " if article else "one ") + name
    plural = "halves" if d == 2 else name + "s"
    return f"{nw.cardinal(n, gb)} {plural}"


ODDS_RX = re.compile(r"(?<![\w/.,£$€])(\d{1,3})/(\d{1,2})(?![\w/]|[.,]\d)")
ODDS_CUES = frozenset("""odds at bet bets betting bookmakers bookies favourite favorite outsider shot
price priced backed chance""".split())


def odds(m: re.Match[str], c: Ctx) -> str | None:
    """Betting odds: "at 5/1" -> "five to one", "a 100/1 outsider" -> "a hundred to one"."""
    a, b = int(m.group(1)), int(m.group(2))
    near = set(prev_words(c, m.start(), 3)) | set(next_words(c, m.end(), 2))
    if a < b or b == 0 or not near & ODDS_CUES:
        return None
    return f"{amount(m.group(1), c, m.start())} to {nw.cardinal(b, c.gb)}"


def vulgar(m: re.Match[str], c: Ctx) -> str:
    n, d = VULGAR[m.group(2)]
    if m.group(1):
        return f"{nw.cardinal(int(m.group(1)), c.gb)} and {_fraction(n, d, c.gb)}"
    if (n, d) == (1, 2) and _half_a(c, m.end()):
        return "half"
    return _fraction(n, d, c.gb)


def mixed(m: re.Match[str], c: Ctx) -> str | None:
    """"2 1/2 inches" is "two and a half inches" (a whole number, then a proper fraction)."""
    n, d = int(m.group(2)), int(m.group(3))
    if not (0 < n < d and d in FRACTION_DENOMS):
        return None
    return f"{nw.cardinal(int(m.group(1)), c.gb)} and {_fraction(n, d, c.gb)}"


def fraction(m: re.Match[str], c: Ctx) -> str | None:
    n, d = int(m.group(1)), int(m.group(2))
    if not (0 < n < d and d in FRACTION_DENOMS):
        return None
    p = prev_words(c, m.start(), 1)
    if (n, d) == (1, 2) and _half_a(c, m.end()):
        return "half"
    if n == 1 and p and p[0] == "the":
        return _fraction(n, d, c.gb)[2:]  # "the 1/2 marathon"
    return _fraction(n, d, c.gb, article=not _lead(c, m.start()))


# --- alphanumeric names -------------------------------------------------------------

ALNUM_RX = re.compile(r"(?<![\w&.-])([A-Z]{1,4})[-‐]?(\d{1,4})([A-Z]{0,2})(?![\w-]|[.,]\d)")
NUM_ALPHA_RX = re.compile(r"(?<![\w.,£$€-])(\d{1,2})([A-Z]{1,2})(?![\w])")
WORD_NUM_RX = re.compile(r"(?<![\w-])([A-Z][a-z]{2,})-(\d{1,3})(?![\w-]|[.,]\d)")


AIRCRAFT_RX = re.compile(r"(?<=Boeing )(7\d7)(?![\w])")
AMP_ACRONYM_RX = re.compile(r"(?<![\w&])([A-Z]{1,3})&([A-Z]{1,3})(?![\w&])")


def aircraft(m: re.Match[str], c: Ctx) -> str:
    return nw.digits(m.group(1), c.gb, zero="oh")


def amp_acronym(m: re.Match[str], c: Ctx) -> str:
    return f"{letters(m.group(1))} and {letters(m.group(2))}"


def _model_number(d: str, gb: bool) -> str:
    """How designations are read: "sixteen", "three eighty", "three oh three", "twelve thirty-four"."""
    if len(d) <= 2 and not d.startswith("0"):
        return nw.cardinal(int(d), gb)
    if len(d) == 3:
        head, tail = nw.DIGIT_WORDS[int(d[0])], d[1:]
        if tail == "00":
            return f"{head} hundred"
        if tail[0] == "0":
            return f"{head} oh {nw.DIGIT_WORDS[int(tail[1])]}"
        return f"{head} {nw.cardinal(int(tail), gb)}"
    if len(d) == 4 and not d.startswith("0") and d[2] != "0":
        return f"{nw.cardinal(int(d[:2]), gb)} {nw.cardinal(int(d[2:]), gb)}"
    return nw.digits(d, gb)


def _letters_for(name: str, c: Ctx) -> str:
    if name.upper() in c.lex.words:
        return as_word(name, c.lex)
    if name == "A":
        return "A-"
    return letters(name)


def alnum(m: re.Match[str], c: Ctx) -> str | None:
    head, d, tail = m.groups()
    out = f"{_letters_for(head, c)} {_model_number(d, c.gb)}"
    if tail:
        out += " " + letters(tail)
    return out


ERS_RX = re.compile(r"(?<![\w.,£$€-])(\d{1,3})ers(?![\w])")


def ers(m: re.Match[str], c: Ctx) -> str:
    """Team names: "76ers" -> "seventy-sixers", "49ers" -> "forty-niners"."""
    words = nw.cardinal(int(m.group(1)), c.gb)
    return (words[:-1] if words.endswith("e") else words) + "ers"


def num_alpha(m: re.Match[str], c: Ctx) -> str | None:
    return f"{nw.cardinal(int(m.group(1)), c.gb)} {letters(m.group(2)).replace('A.', 'A-')}"


def word_num(m: re.Match[str], c: Ctx) -> str | None:
    if m.group(1) in MONTH_NAMES.values():
        return None
    return f"{m.group(1)} {nw.cardinal(int(m.group(2)), c.gb)}"


# --- Roman numerals -----------------------------------------------------------------

ROMAN_RX = re.compile(r"(?<=[A-Za-z] )(?=[IVXLC])(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?![\w&-])")
REGNAL_TITLES = frozenset("king queen pope emperor empress tsar tsarina prince princess kaiser "
                          "pharaoh sultan shah duke saint st".split())
REGNAL_NAMES = frozenset("""elizabeth charles james henry edward george william mary richard john
louis peter catherine paul pius benedict leo gregory alexander nicholas frederick philip felipe
juan carlos willem harald olav gustaf ramesses rameses napoleon victor umberto constantine ivan
anne stephen david robert francis innocent clement urban boniface alfonso ferdinand
wilhelm otto rudolf selim mehmed mohammed hussein abdullah albert rainier margrethe haakon
frederik christian carl gustav oscar baudouin leopold sobhuza mswati amenhotep thutmose seti ptolemy
cleopatra sixtus julius adrian hadrian celestine honorius martin eugene eugenius callixtus marcellus
sergius felix sylvester edmund ethelred harold duncan kenneth sancho pedro manuel joao
sebastian emmanuel ludwig maximilian joseph karl franz friedrich sigismund casimir boris simeon
carol michael basil justinian theodosius darius xerxes cyrus ramses hassan faisal fuad reza rama
tupou kamehameha menelik matthias andrew vladimir dmitri vasili mikhail fyodor jaime isabella
isabel margaret victoria philippe henri jean guillaume hans-adam adam""".split())
PRONOUN_FOLLOWERS = frozenset("""am think know want feel believe hope guess mean said say told love
like do did don't didn't can't won't would will could can should have had just really never also
wish need must thought felt knew wanted went got""".split())
COUNTED_BY = frozenset("""war grade type phase part act chapter book volume vol section stage class
category article title mark mk tier level series bowl apollo episode league division schedule
version gen generation""".split())
TEAM_SIDES = frozenset({"XV", "XI", "XIII", "VII", "VIII"})
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def roman(m: re.Match[str], c: Ctx) -> str | None:
    s = m.group(1)
    if not s:
        return None
    prev = prev_raw(c, m.start())
    pw = prev_words(c, m.start(), 2)
    if s in TEAM_SIDES and re.search(r"(?:\d(?:st|nd|rd|th)|\b(?:first|second|third|fourth))[ \t]+$",
                                     c.text[max(0, m.start() - 12):m.start()], re.I):
        return nw.cardinal(roman_value(s), c.gb)  # "the 1st XV": a team of fifteen
    if not prev or not prev[0].isupper() or prev.isupper():
        return None
    low = prev.lower()
    value = roman_value(s)
    if low in COUNTED_BY:
        return nw.cardinal(value, c.gb)
    if set(s) & {"L", "C"}:
        return None
    titled = len(pw) == 2 and pw[0] in REGNAL_TITLES
    if len(s) > 1 and low not in REGNAL_NAMES and not titled and not (len(pw) == 2 and pw[0] in REGNAL_NAMES):
        return nw.cardinal(value, c.gb)  # "Grand Theft Auto VI", "Rocky II": a sequel, not a reign
    if len(s) == 1:  # I, V, X alone are letters or the pronoun unless a monarch is named
        if low not in REGNAL_NAMES:
            return None
        after = c.text[m.end():m.end() + 1]
        nxt = next_words(c, m.end(), 1)
        if s == "I" and not titled and after not in ("'", "’", ".", ",", ";", ":", ")", "") \
                and (not nxt or nxt[0] in PRONOUN_FOLLOWERS):
            return None
    return "the " + nw.ordinal(value, c.gb)


# --- abbreviations ------------------------------------------------------------------

ST_RX = re.compile(r"(?<![\w.])St\.?(?![\w])")
DR_RX = re.compile(r"(?<![\w.])Dr\.?(?![\w])")
NO_RX = re.compile(r"(?<![\w.])(No|Nos|no)\.?(?=[ \t]?\d)")
TITLE_RX = re.compile(r"(?<![\w.])(Col|Gen|Maj|Gov|Sen|Rep|Fr|Lt|Sgt|Cdr|Cmdr|Pres|Supt|Insp|Det|Mt)\.?(?=[ \t]+[A-Z])")
VERSUS_RX = re.compile(r"(?<=[A-Za-z] )(v\.?)(?= [A-Z])")
CIRCA_RX = re.compile(r"(?<![\w.])c\.[ \t]?(?=\d{3,4}(?![\w]))")
TITLES = {"Col": "Colonel", "Gen": "General", "Maj": "Major", "Gov": "Governor", "Sen": "Senator",
          "Rep": "Representative", "Fr": "Father", "Lt": "Lieutenant", "Sgt": "Sergeant",
          "Cdr": "Commander", "Cmdr": "Commander", "Pres": "President", "Supt": "Superintendent",
          "Insp": "Inspector", "Det": "Detective", "Mt": "Mount"}


def saint_street(m: re.Match[str], c: Ctx) -> str:
    nxt = next_raw(c, m.end())
    prev = prev_raw(c, m.start())
    if nxt and nxt[0].isupper():
        return "Saint"
    if prev and prev[0].isupper():
        return "Street"
    return "Saint"


def doctor_drive(m: re.Match[str], c: Ctx) -> str:
    nxt = next_raw(c, m.end())
    prev = prev_raw(c, m.start())
    if not (nxt and nxt[0].isupper()) and prev and prev[0].isupper() and prev not in ("The", "A"):
        return "Drive"
    return "Doctor"


def number_abbrev(m: re.Match[str], c: Ctx) -> str | None:
    if m.group(1) == "no" and not m.group().endswith("."):
        return None  # "no 5 is" is ambiguous; "no." is not
    return "numbers" if m.group(1) == "Nos" else "number"


def title(m: re.Match[str], c: Ctx) -> str | None:
    return TITLES[m.group(1)]


def versus(m: re.Match[str], c: Ctx) -> str:
    return "versus"


def circa(m: re.Match[str], c: Ctx) -> str:
    return "circa "


# --- acronyms and symbols -----------------------------------------------------------

ACRONYM_RX = re.compile(r"(?<![\w&.@#])([A-Za-z][A-Za-z&]*[A-Z][A-Za-z]*|[A-Z])(['’]s|s['’]?|['’])?(?![\w&])")


def acronym(m: re.Match[str], c: Ctx) -> str | None:
    word, suffix = m.group(1), m.group(2) or ""
    if sum(ch.isupper() for ch in word) < 2:
        return None
    if suffix == "s" and word + "s" in c.lex.spell and word not in c.lex.spell:
        return letters(word + "s")  # a lexicon entry that ends in s, e.g. "SATs"
    if word in c.lex.spell or (word.upper() in c.lex.spell and not word.isupper() and word.isalpha()
                               and word[0].isupper() and not word[1:].islower()):
        spelled = letters(word)
        if suffix in ("'", "’") and spelled.endswith("'s"):
            pass  # "MPs'": the plural's apostrophe is already said
        elif suffix:
            spelled += "'s"
        return spelled
    if word.upper() in c.lex.words and word.isupper():
        return as_word(word, c.lex) + suffix
    return None


AMP_RX = re.compile(r"(?<=\w)[ \t]?&[ \t]?(?=\w)|(?<= )&(?= )")
PLUS_RX = re.compile(r"(?<=\w)\+\+?(?![\w+])|(?<=[\w%)])[ \t]?\+[ \t]?(?=[\w£$€(])")
GRADE_RX = re.compile(r"(?<![\w'’.+-])([A-F])\+(?![\w+])")
TILDE_RX = re.compile(r"(?<![\w])~(?=\d)")


def ampersand(m: re.Match[str], c: Ctx) -> str:
    return " and "


def plus(m: re.Match[str], c: Ctx) -> str:
    """"A+", "18+", "C++", "£250 + VAT", "1+1"; a leading "+44" is the phone rule's."""
    said = " ".join(["plus"] * m.group().count("+"))
    nxt = c.text[m.end():m.end() + 1]
    return " " + said + (" " if nxt and (nxt.isalnum() or nxt in "£$€(") else "")


def grade(m: re.Match[str], c: Ctx) -> str:
    """"an A+": the letter must be said as a letter, not the article."""
    return f"{letters(m.group(1))} plus"


def tilde(m: re.Match[str], c: Ctx) -> str:
    return "about "


# --- cardinals ----------------------------------------------------------------------

CARDINAL_RX = re.compile(r"(?<![\w.,])((?<![\w-])[-−])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w]|[.,]\d)")
QUANTIFIERS = frozenset("only about some around nearly almost just over under more fewer less "
                        "roughly approximately another all".split())
GLUED_RANGE_END = re.compile(r"[-–]\d+[A-Za-z]")
NOT_COUNT_PREV = frozenset("number no room page platform route chapter flight bus line gate "
                           "channel junction section article clause track".split())


def cardinal(m: re.Match[str], c: Ctx) -> str | None:
    sign, whole, frac = m.group(1) or "", m.group(2), m.group(3) or ""
    if len(whole) > 1 and whole.startswith("0") and not frac:
        return nw.digits(whole, c.gb)
    if sign and c.text[max(0, m.start() - 1):m.start()].strip() == "" and m.start() > 0 \
            and c.text[m.start() - 2:m.start() - 1].isdigit():
        sign = ""  # "5 -3": arithmetic, not minus
    if frac or sign:
        return nw.number(sign + whole + frac, c.gb)
    if GLUED_RANGE_END.match(c.text, m.end()):
        return None  # "20-30p" where no rule read the unit (en-US): half a rewrite garbles it
    prev = prev_raw(c, m.start())
    n = _int(whole)
    if prev and ((prev[0].isupper() and prev.lower() not in FUNCTION_WORDS | QUANTIFIERS)
                 or prev.lower() in NOT_COUNT_PREV):
        return nw.cardinal(n, c.gb)
    nxt = next_raw(c, m.end())
    if _lead(c, m.start(), n) or (nxt and nxt.islower()):
        return nw.counted(n, c.gb, after_article=_lead(c, m.start(), n))
    return nw.cardinal(n, c.gb)
