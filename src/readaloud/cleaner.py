"""Clean: Document -> Article, by explainable rules.

A news page, once converted to text, is the article plus *furniture*: audio
player widgets, bylines, timestamps, share bars, newsletter pleas, captions,
"Read more" promos, tag lists, comments, footers.  The cleaner removes the
furniture line by line and records every removal as ``Removal(text, rule,
line)`` so a listener (or a bug report) can see why something was not spoken.

Two kinds of rules do the work:

* pattern rules (``Rule``): a regular expression tested against one logical
  line; built-ins live in ``BUILTIN_RULES``; users and plugins add more;
* shape rules (named passes in this module): they judge a line by its shape
  and neighbours - runs of short unpunctuated lines, the caption next to a
  photo credit, the list under a "Topics" header, a pull quote repeating a
  paragraph, the page header above the headline.

Every rule has a name; a rule set can disable any of them by name.

Pattern rules: audio-player, presenter-slot, article-age, copyright, url,
navigation, share, tip-line, counter, account, newsletter, plea, cookie,
advert, caption, byline, wire-credits, timestamp, punctuation, form-message,
dateline, promo (also list headers such as "Related Topics", event/webinar
promos, "X news: ... and more" link labels, lines ending in a "Register now"
button), comments (a comment-section header: everything after it goes),
alerts (app / push-notification / WhatsApp-channel / "preferred source on
Google" / "follow X on Instagram" pleas), callout ("Tell us: ...", "Were you
affected? Get in touch", and the form's privacy boilerplate), comment-form
(comment-form and bookmark widgets: "Post Comment", "Save my name, email...",
"Removed from bookmarks", "124 View comments"), sports-data (player ratings,
line-ups, "Referee:", "Man of the match:"), press-release ("News provided by",
media-contact blocks, "Photo - https://...", "SOURCE Company"), site-footer
("Proudly powered by WordPress | Theme: ...").
Shape rules: headline (text headline detection), page-header (short lines
above the headline), list (items under a list header), tail, plea-block
(paragraphs of a reader-funding appeal, the pitch above a Subscribe button),
pull-quote (also a quoted sentence lifted out of a longer paragraph),
caption-context (the caption next to a credit or after "Image caption,"; a
line with a picture cue such as "pictured" or "(left)"; and, on a page whose
paragraphs end in full stops, a long unstopped line between paragraphs),
author-bio (a bio naming the byline's author, or "X is a reporter ... / X
covers ... She previously ..." among the last paragraphs), short-line (unpunctuated lines that are neither
subhead, list item nor standfirst), standfirst (disable to drop the
standfirst too), furniture-run (short line between furniture), trailer
(short lines after the story once a sign-up/credits/tags block began),
furniture-model (the learned pass below).

Learned pass ``furniture-model``: wording rules only know the publishers they
were written for, so after all rules a small logistic regression
(``FurnitureModel``, weights in ``data/furniture_model.json``, trained and
cross-validated by ``scripts/train_furniture.py``) judges the lines the rules
left by shape and register: talks to the reader, sells, links, labels,
credits, sits in a run of furniture, before the headline or after the story.
It runs twice (a removal makes its neighbours suspect), only on pages where
the rules found some furniture, and never removes a line with positive
evidence of prose (reported speech, a long multi-sentence body paragraph, a
plain full-stopped statement with no furniture register, a sentence-case
subhead over a paragraph, an item of a list the story introduces).  Its
probability is logged at DEBUG with each removal.

Bylines and timestamps are removed from the spoken text and also fill
Article.byline / Article.date (Document metadata from ingest wins).

User rules file (``load_rules``), TOML::

    disable = ["byline", "short-line"]   # built-in rule names to switch off

    [[rule]]
    name = "my-promo"              # recorded in Article.removed
    pattern = '^Watch: '           # Python regex, searched in each line
    scope = "line"                 # line | prefix | list | tail (default line)
    ignore_case = true             # default true

Scopes: ``line`` removes a matching line; ``prefix`` removes only the matched
text at the start of a line and keeps the rest; ``list`` removes a header line
and the short unpunctuated lines listed under it; ``tail`` removes the line
and everything after it (use for comment sections and footers; it only fires
once article prose has started).

Plugins add rules through the entry-point group ``readaloud.rules``: the
object is a ``RuleSet`` or a callable returning one.
"""

from __future__ import annotations

import logging
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from .errors import ConfigError, EmptyArticleError
from .models import Article, Document, Removal
from .regexcache import PatternCache

log = logging.getLogger(__name__)

Scope = Literal["line", "prefix", "list", "tail"]
SCOPES: tuple[str, ...] = ("line", "prefix", "list", "tail")
ENTRY_POINT_GROUP = "readaloud.rules"

# --- shape thresholds (named so they can be tuned and tested) ---------------
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_PREFER_WORDS = 5
STANDFIRST_MAX_WORDS = 40
"""A prose line this short right under a headline candidate may be its standfirst (the byline follows it)."""
"""Shorter candidates (site slogans, 'Heard on Morning Edition') lose to a full-length one."""
HEADLINE_TITLE_CASE = 0.75
"""A full-stopped line this Title-Cased is a headline ('Here's How To Spot Them.'), not prose."""
BODY_PROSE_MIN_WORDS = 10
TAIL_MIN_BODY_PARAGRAPHS = 1
"""A comments/footer header ends the story only after this many body paragraphs."""
TAIL_MAX_REPORTED_AFTER = 3
TAIL_MIN_SHARE_BEFORE = 0.35
"""...and only if the story's prose above it is at least this share of the prose below it."""
"""...and only if fewer than this many substantial lines after it report speech."""
"""A punctuated line this long is article prose; the headline comes before it."""
LIST_STOP_MIN_WORDS = 8
LIST_SUBHEAD_WORDS = 5
"""A list of promo headlines ends at a subhead this short (promo headlines are longer)."""
"""A punctuated line this long ends a promo/topic list."""
LONG_WEAK_WORDS = 12
"""An unpunctuated line this long after prose is a paragraph missing its full stop."""
SANDWICH_MAX_WORDS = 12
SANDWICH_NEIGHBOURS = 2
SANDWICH_PROSE_WORDS = 8
"""A full sentence this long survives between furniture lines."""
CAPTION_MAX_WORDS = 40
PULL_QUOTE_MIN_WORDS = 8
SUBHEAD_MAX_WORDS = 12
PLEA_MAX_WORDS = 40
TEASER_MAX_WORDS = 25
TEASER_FOLLOW_WORDS = 6
PITCH_SKIP = 3
PITCH_NAME_WORDS = 4
BIO_MAX_WORDS = 40
PREAMBLE_CAPTION_WORDS = 8
TRAILER_MAX_WORDS = 12
TRAILER_SENTENCE_WORDS = 6
"""A full sentence this long after the last long paragraph is the story's ending, not a trailer."""
ATTRIBUTION_MAX_WORDS = 4
META_WINDOW = 8
KICKER_MAX_WORDS = 3
HEADLINE_META_SPAN = 10
"""Lines after a headline candidate searched for its byline and dates."""
"""Lines after the headline that may hold byline, date and standfirst."""
WRAP_MIN_WIDTH = 50
WRAP_MAX_WIDTH = 100
WRAP_NEAR_FULL = 0.85
WRAP_MIN_FULL_LINES = 3
WRAP_MIN_BROKEN = 2
"""Full-width lines broken mid-sentence needed to call a text hard-wrapped (one may be a headline)."""
WRAP_BROKEN_SHARE = 0.5
"""In wrapped text most full-width lines end mid-sentence."""
WRAP_DANGLING_FULL = 0.7
"""A wrapped line this full that ends on 'at'/'the'/'on' always continues on the next line."""
WRAP_OVERLONG_SHARE = 0.25
"""Lines wider than the wrap width may be at most this share of the full lines (captions, URLs)."""
MAX_RULE_LINE_WORDS = 60
"""Pattern rules for furniture never fire on lines longer than this."""
TITLE_MATCH_RATIO = 0.85
TITLE_MIN_SHARE = 0.5


# --- rules ------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One named pattern rule; ``test`` is for built-ins a regex cannot express."""

    name: str
    pattern: re.Pattern[str] | None = None
    scope: Scope = "line"
    test: Callable[[str], bool] | None = field(default=None, compare=False)

    def matches(self, line: str) -> re.Match[str] | bool | None:
        if self.test is not None:
            return self.test(line)
        assert self.pattern is not None
        return self.pattern.search(line)


@dataclass(frozen=True)
class RuleSet:
    """Pattern rules plus names of rules (pattern or shape) to switch off."""

    rules: tuple[Rule, ...] = ()
    disable: frozenset[str] = frozenset()

    def __add__(self, other: RuleSet) -> RuleSet:
        return RuleSet(self.rules + other.rules, self.disable | other.disable)

    def enabled(self, name: str) -> bool:
        return name not in self.disable

    def active(self, scope: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.scope == scope and r.name not in self.disable)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(r.name for r in self.rules) | SHAPE_RULES


_PATTERN_CACHE = PatternCache.open("cleaner")
"""The ~190 patterns below compile in 60-70 ms; kept between runs they load in a few (see regexcache)."""


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return _PATTERN_CACHE.compile(pattern, flags)


_MARKDOWN_PREFIX = _compile(r"^(?:#{1,6}\s+|>\s?)+")
_MARKDOWN_EMPHASIS = _compile(r"\*\*((?:(?!\*\*).)+)\*\*|__((?:(?!__).)+)__|\*([^*]+)\*|_([^_]+)_")


def without_markdown(text: str) -> str:
    """'### Advertisement', '> **Related:**', '*Photo: AP*': the words a rule should see in a
    Markdown copy of a page (rules are tried on the line as it is first)."""
    bare = _MARKDOWN_PREFIX.sub("", text).strip()
    emphasis = _MARKDOWN_EMPHASIS.fullmatch(bare)
    return next(g for g in emphasis.groups() if g is not None).strip() if emphasis else bare


def _rx(pattern: str, ignore_case: bool = True) -> re.Pattern[str]:
    return _compile(pattern, re.IGNORECASE if ignore_case else 0)


# Building blocks
_END = r"[\s\"'”’»)\]]*"
_NAME = r"[A-Z][\w'’.\-]*"
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
    "sep|sept|september|oct|october|nov|november|dec|december"
)
_DAYS = "mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday"
_AGENCIES = (
    r"getty images|getty|afp|reuters|ap|ap photo|associated press|pa|pa media|pa wire|epa|epa-efe|"
    r"shutterstock|alamy|bloomberg|anadolu|anadolu agency|xinhua|rex|rex features|rex/shutterstock|"
    r"handout|supplied|file photo|sipa|nurphoto|zuma|zuma press|eyevine|bbc|cnn|al jazeera|"
    r"afp via getty images|reuters/\w+|getty images for .{1,40}"
)
_NOT_REPORTED = r"(?!.*\b(?:said|says|told|vowed|warned|cautioned|added|insisted|claimed|argued|stated|announced|show|shows|showed|found)\b)"
"""Not reported speech: a plea or notice quoted in the story ("..., the charity said") is prose."""
_NOT_ATTRIBUTED = (
    r"(?!.*\b(?:said|says|told|vowed|warned|cautioned|added|insisted|claimed|argued|stated|announced|admitted|confirmed|"
    r"explained|wrote|writes|noted|reported|acknowledged|according to|revealed|disclosed|found|show|shows|showed)\b)"
)
"""Not reported speech: for rules about the page's own notes, which never attribute themselves."""
_SPEECH_VERBS = (
    "said|says|told|according|recalled|wrote|writes|added|explained|warned|urged|asked|insisted|admitted|"
    "claimed|argued|announced|reported|noted"
)
"""A line with one of these is reported speech about a plea, not the plea itself."""
_SOCIAL = (
    r"facebook|twitter|x|linkedin|reddit|pinterest|instagram|youtube|tiktok|threads|bluesky|"
    r"flipboard|messenger|whatsapp|telegram|email|e-mail|mastodon|snapchat"
)


def _is_timestamp(line: str) -> bool:
    """A line made only of date/time words, numbers and publish/update labels
    (optionally behind a short agency or desk label: 'TNN / Jun 3, 2025, 14:22 IST')."""
    if len(line) > 120:
        return False
    m = _AGENCY_PREFIX.match(line)
    if m and _is_date_only(m.group(2)):
        return True
    return _is_date_only(line)


_AGENCY_PREFIX = _compile(r"^((?:[A-Z][\w&.'’\-]*\s?){1,4})\s*[/|•·]\s*(.+)$")


def _is_date_only(line: str) -> bool:
    line = _POSTED_BY.sub(r"\1", _GLUED.sub(" ", line))  # "20253:15 PM GMTUpdated" as scraped from some pages
    tokens = [t for t in re.split(r"[\s,|·•/()\[\]]+", line.lower()) if t]
    if not tokens or len(tokens) > 18:
        return False
    has_anchor = False
    for tok in tokens:
        tok = tok.strip(".:;")
        if not tok:
            continue
        if _DATE_WORD.fullmatch(tok):
            if _DATE_WITH_NUMBER.fullmatch(tok):
                has_anchor = True
            elif tok in ("ago", "yesterday", "today") and _DATE_LABEL.match(line):
                has_anchor = True
            continue
        if _DATE_NUMBER.fullmatch(tok):
            has_anchor = True
            continue
        return False
    return has_anchor


_DATE_WORD = _compile(
    rf"(?:{_MONTHS}|{_DAYS}|published|updated|update|last|modified|first|posted|on|at|"
    r"gmt|bst|utc|est|edt|cet|cest|et|pt|pst|pdt|ist|aest|aedt|cst|cdt|sast|eat|wat|jst|hkt|sgt|"
    r"a\.m|p\.m|am|pm|ago|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|"
    r"yesterday|today|just|now|date|time|-|–|—|\+|and|an|a|of|the|edited|created|"
    r"\d{1,2}(?:am|pm|a\.m|p\.m)|\d+(?:st|nd|rd|th)|\d+[hmd])"
)
_GLUED = _compile(r"(?<=\d)(?=[A-Za-z])|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DATE_LABEL = _compile(r"^\W*(?:published|updated|posted|last (?:updated|modified)|first published)\b", re.I)
_POSTED_BY = _compile(r"^(\W*(?i:posted|published)\b.{4,60}?)\s+(?i:by)\s+[A-Z][\w'’.\- ]{1,60}$")
_DATE_WITH_NUMBER = _compile(r"\d.*")
_DATE_NUMBER = _compile(r"\d{1,6}(?:[:.\-]\d{1,4}){0,2}(?:am|pm|a\.m|p\.m)?|[+-]\d{1,4}")


def _is_wire_credit(line: str) -> bool:
    """'Reporting by X; Editing by Y' - every non-connector word is a name."""
    if not _WIRE_START.match(line):
        return False
    words = re.findall(r"[\w'’.\-]+", line)
    for w in words:
        if w.lower() in _WIRE_CONNECTORS:
            continue
        if not w[:1].isupper():
            return False
    return True


_SPORTS_LABEL = _compile(
    r"^(?:player ratings|match ratings|ratings|line-?ups?|teams?|starting (?:xi|xv|line-?ups?)|subs(?:titutes)?(?: not used)?|"
    r"unused subs(?:titutes)?|replacements|bench|scorers?|goalscorers?|try scorers|tries|cons|pens|drop goals?|bookings?|booked|"
    r"yellow cards?|red cards?|sent off|sin bin|attendance|att|crowd|referee|ref|umpires?|venue|toss|"
    r"(?:man|player|woman|star) of the (?:match|game|series|tournament)|motm|potm|half-time|ht|full-time|ft)\s*:\s*(.*)$",
    re.I,
)
_RATED = _compile(r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2} \((?:\d{1,2}(?:\.\d)?|n/?a|-)\)")
_DATA_TOKEN = _compile(
    r"(?:[A-Z][\w'’.\-]*|\d[\d,.:'’+]*(?:st|nd|rd|th|mins?|m)?|\([^()]{1,30}\)|and|&|of|the|for|de|da|van|von|der|al|el|"
    r"pen|og|min|mins|n/a|a|vs?|v\.)[.,;:]?",
)
_LINEUP_ITEM = _compile(r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2}(?: \([^()]{1,30}\))?(?: \d{1,3}'?)?")
LINEUP_MIN_NAMES = 6
"""A team label followed by this many bare names is a line-up."""
SPORTS_MIN_RATED = 2
"""'Name (7), Name (6)': this many rated names make a ratings line."""


def _is_sports_data(line: str) -> bool:
    """Match data under a report: 'Subs: Mensah (8), Harlow (n/a).', 'Referee: Anthony Taylor'."""
    if len(line) > 400:
        return False
    m = _SPORTS_LABEL.match(line)
    rest = m.group(1) if m else line.split(":", 1)[1] if ":" in line[:40] else line
    items = [it.strip(" .;") for it in re.split(r"[,;]", rest) if it.strip(" .;")]
    rated = sum(bool(_RATED.fullmatch(it)) for it in items)
    if rated >= SPORTS_MIN_RATED and rated >= len(items) - 1:
        return True  # a ratings line, whatever its team label
    if not m:
        label = line.split(":", 1)[0] if ":" in line[:40] else ""
        return (
            bool(label)
            and all(w[:1].isupper() for w in label.split())
            and len(items) >= LINEUP_MIN_NAMES
            and all(_LINEUP_ITEM.fullmatch(it) for it in items)
        )  # "Arsenal: Raya; White, Saliba, Gabriel, ..."
    if not rest.strip():
        return True  # "Player ratings:" header
    return all(_DATA_TOKEN.fullmatch(tok) for tok in rest.split())


_WIRE_START = _rx(
    r"^(?:additional |further |with additional )?(?:reporting|writing|editing|compiled|"
    r"research|graphics|fact[- ]checking|produced|photography|video|translation) by "
)
_WIRE_CONNECTORS = frozenset(
    "by and in from with additional further reporting writing editing compiled research graphics "
    "fact-checking fact checking produced photography video translation of for at".split()
)

_BYLINE_ROLE = (
    r"reporter|correspondent|editor|writer|columnist|journalist|producer|staff|contributor|"
    r"analyst|critic|presenter|reporters|correspondents|editors|writers|team|desk|bureau|chief"
)
_ROLE_QUALIFIERS = frozenset("senior chief deputy political economics business health science environment "
    "technology sports culture arts foreign home security education local news staff".split())
_NAME_TOKEN = _compile(r"(?:[A-Z][\w'’\-]*\.?|(?:de|da|van|von|der|bin|al|el|la|le|du|dos|di)\b)")
_BYLINE_BY = _compile(
    rf"^(?:by|words by|written by|story by|posted by|author:?|reporting by)\s+{_NAME}",
    re.IGNORECASE,
)


def _is_byline(line: str) -> bool:
    """'By Amira Shah, Environment reporter' or 'By Daniel Ortiz | Reuters'."""
    line = line.lstrip("/|-–—•· ")
    if len(line.split()) > 16 or re.search(r"[.!?]" + _END + "$", line) and not re.search(
        r"\b[A-Z]\.$", line
    ):
        return False
    m = _BYLINE_BY.match(line)
    if not m:
        return False
    rest = line[m.start() :].split(None, 1)[1] if line.lower().startswith("by ") else line
    # every word before a comma/bar is a name token; the rest is a role or outlet
    head = re.split(r"[,|•·–—]| - ", rest)[0].split()
    head = [w for w in head if w.lower() not in ("by", "words", "written", "story", "posted", "author", "author:")]
    return bool(head) and all(_NAME_TOKEN.fullmatch(w) or w.lower() == "and" for w in head)


_TITLE_WORDS = frozenset(
    "the a an who what why how when where is are was were to for with in on at after over as from into "
    "this that these those it its my your our their not no can will".split()
)
"""Words of a title-case headline ('The Man Who Keeps Time') that a person's name never has."""


def is_name_line(line: str) -> bool:
    """Two to five capitalised words, optionally followed by a role: a bare byline."""
    words = line.replace(",", " ").replace("|", " ").split()
    if words and re.fullmatch(_BYLINE_ROLE, words[-1], re.I):
        words = words[:-1]
        while len(words) > 2 and words[-1][:1].islower() or len(words) > 3 and words[-1].lower() in _ROLE_QUALIFIERS:
            words = words[:-1]
        if len(words) > 2:
            words = words[:-1]  # "Environment correspondent", "Local Journalism Initiative Reporter"
    if not 2 <= len(words) <= 5 or any(w.lower() in _TITLE_WORDS for w in words):
        return False
    caps = [w for w in words if w.lower() not in ("and", "&")]
    return all(_NAME_TOKEN.fullmatch(w) for w in caps) and sum(w[0].isupper() for w in caps) >= 2


# (name, pattern, scope) - case-insensitive, tested against a stripped logical line.
_PATTERNS: tuple[tuple[str, str, Scope], ...] = (
    # audio/video player widgets
    ("audio-player", r"^(?:listen to (?:this |the )?(?:article|story|podcast|episode|report)\b.{0,30}|"
     r"listen(?: now)?|loading(?: audio| player| video)?\W*|play(?:/pause)?|pause|resume|replay|mute|"
     r"audio (?:player|version)\W*|(?:\d+ )?min(?:ute)?s? (?:listen|read)|\d+[- ]min(?:ute)? (?:read|listen)|"
     r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?|[0-9.]+x|speed:?\s*[0-9.]+x|"
     r"powered by(?: \S+){1,4}|voiced by .{1,60}|narrated by .{1,60}|"
     r"this (?:article|story) (?:is|was|has been) (?:narrated|read|voiced) by .{1,80}|"
     r"(?:the )?audio (?:version )?(?:of|for) this (?:article|story|page) (?:is|was|has been) (?:generated|produced|created|narrated|read)\b.{0,200}|"
     r"your browser does not support the (?:audio|video) element\.?|audio is not supported.{0,60}|"
     r"listen and subscribe to .{1,80}|listen (?:to .{1,60} )?on (?:global player|spotify|apple podcasts|"
     r"google podcasts|bbc sounds|youtube|the app)\b.{0,60}|download (?:the )?(?:audio|mp3|podcast)|"
     r"\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*source:.{1,40}|"
     r"media playback is (?:not supported|unsupported) on (?:this|your) device|watch(?: now| live| again)?|"
     r"(?:duration|length|running time|runtime)\s*:?\s*\d{1,2}(?::\d{2}){1,2}|\d{1,2}(?::\d{2}){1,2}\s*(?:mins?|minutes)?\s*(?:video|clip))$",
     "line"),
    # radio presenter / programme slot: "Ian Payne 4am - 7am"
    ("presenter-slot", rf"^(?:{_NAME}\s+){{1,4}}(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm)|midnight|noon)\s*"
     rf"[-–—to]+\s*(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm)|midnight|noon)$", "line"),
    ("presenter-slot", r"^(?:on air now|live on air|now playing|up next|listen live|now airing|now on air|on now)(?:\s*[:|\-–—].{0,60})?$", "line"),
    # article age, copyright
    ("article-age", r"^this (?:article|story|content) (?:is|was published) (?:more|over) than .{1,20} (?:old|ago)\.?$", "line"),
    # what a browser prints around a page, and email wrappers of newsletter editions
    ("print-header", r"^\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?:\s?[ap]m)?\s+\S.{3,250}$|^(?:https?://|www\.)\S+\s+\d{1,3}/\d{1,3}$", "line"),
    ("newsletter", r"^(?:forwarded this (?:email|newsletter)|was this (?:email|newsletter) forwarded to you)\b.{0,120}$|"
     r"^saved (?:from|to) (?:https?://|www\.|pocket\b|instapaper\b)\S*.{0,80}$", "line"),
    ("navigation", r"^skip (?:to|past) [\w'’& ]{1,40}$", "line"),
    # press releases: the notes for journalists at the end, the press office
    ("press-release", r"^notes? (?:to|for) (?:editors?|journalists|media)\s*:?$", "tail"),
    ("press-release", r"^(?:media|press|news) (?:contacts?|enquiries|inquiries|office)\s*:\s*.{1,200}$", "line"),
    ("wire-credits", r"^[-–—]+\s*with (?:assistance|reporting) (?:from|by) .{2,120}$", "line"),
    # who paid, and whose views these are not
    ("disclaimer", r"^(?:full )?disclosures?\s*:.{0,400}\b(?:financial supporters?|sponsors?|donors?|funders?|advertisers?|"
     r"(?:is|are|was|were) funded|paid partnership|partner(?:ed)? with)\b.{0,300}$", "line"),
    ("disclaimer", r"^(?=.{0,500}$)" + _NOT_REPORTED + r".*(?:\b(?:views|opinions) (?:expressed )?(?:here |in this \w+ )?"
     r"(?:are|is) (?:those of the (?:author|writer|contributor)s?|the (?:author|writer)(?:'|’)?s? own)|"
     r"\b(?:do|does) not necessarily (?:reflect|represent) (?:those|the (?:views|opinions|position|policy)) of (?-i:(?:the )?[A-Z])).*$", "line"),
    ("promo", r"^(?:read|watch|listen to|get|follow|see|download|catch up on)\b.{0,100}\b(?:on|in|via|with) (?:the |our )?"
     r"(?:[\w+\-]+ ){0,3}app\.?$", "line"),
    # reader-facing offers and page tools, by their shape
    ("share", rf"^share (?:this|the) (?:\w+ )?(?:on|via|to|with) (?:{_SOCIAL}|email|whatsapp)\W*$", "line"),
    ("newsletter", r"^(?=(?:\S+\s+){0,40}\S+$)" + _NOT_REPORTED + r"(?![\"“‘']).*\bwe(?:'ll|’ll| will) (?:send|email|deliver|bring)(?: you)? (?:the |our |a |an |your )?(?:[\w'’]+ ){0,3}(?:stories|news|newsletters?|briefings?|updates|headlines|emails?|digest|edition|alerts)\b.*$|"
     r"^(?=.{0,300}$)" + _NOT_REPORTED + r"(?:.*(?:[—–]|[.!?])\s*)?sign up (?:for|to) (?:\S+ ){0,5}(?:newsletters?|emails?|e-?mail alerts?|alerts?|updates|briefings?)\b.*$", "line"),
    ("cookie", r"^(?=.{0,300}$)" + _NOT_REPORTED + r".*\b(?:in accordance with|subject to|governed by|as described in) (?:our|the) "
     r"(?:[\w'’]+ ){0,3}(?:privacy|cookie|data protection|data collection) (?:policy|statement|notice|collection statement)\b.*$|"
     r"^(?:cookie|privacy) (?:policy|statement|notice|settings|preferences)\.?$", "line"),
    ("advert", r"^advertise (?:with|on) (?:us|[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,2})\.?$|^(?:shop|buy|order) (?:it )?now\.?$", "line"),
    ("plea", r"^(?=.{0,200}$)(?=.*\byour?\b)" + _NOT_REPORTED + r".*\balready (?:have|get) (?:digital )?access\b.*$|^explore (?:more |our )?(?:offers|subscriptions|plans)\.?$|"
     r"^(?:only |just |then |from )[£$€]\d[\d.,]* (?:for|per|a|/|every) (?:\d+ )?(?:weeks?|months?|years?|wk|mo|yr)\b.{0,200}$|"
     r"^[£$€]\d[\d.,]* (?:for|per|a|/|every) (?:\d+ )?(?:weeks?|months?|years?|wk|mo|yr)\b"
     r"(?=.*\b(?:access|subscri\w*|trial|cancel\w*|digital|offer|members?hip|unlimited)\b).{0,200}$", "line"),
    ("caption", r"^open this (?:photo|image|picture|video) in (?:the )?gallery\s*:?$", "line"),
    ("syndication", r"^story source\s*:?$|^materials? (?:provided|supplied) by .{2,120}$|(?:^|\.\s)note: content may be edited for style and length\.?$", "line"),
    ("weather", r"^(?:(?:[A-Za-z]{2,9}\.?\s+)?-?\d{1,3}\s?°[CF]?\s*){2,}$", "line"),
    ("promo", r"^for more (?:\w+ ){0,3}(?:stories|news|articles|updates|coverage)\b[^.]{0,40},? (?:check|visit|see|go to|head to|follow|read|browse)\b.{0,80}$", "line"),
    # captions and embeds that name no agency, by their shape
    ("caption", r"^(?=.{0,300}$)" + _NOT_REPORTED + r".*\((?:stock|file|library|archive|handout|supplied|pool|generic|illustrative|"
     r"representational|submitted|contributed) (?:image|photo|picture|pic|photograph|footage)\)\s*$|"
     r"^(?=(?:\S+\s+){0,15}\S+$)(?!.*[.!?]$)(?!.*\b(?:said|says|told|according)\b)(?:footage|video|the video|this video|dashcam footage|cctv footage)"
     r"(?: also)? (?:shows?|showed|captures?|captured)\b.*$|"
     r"^a (?:post|photo|video|reel) shared by (?:[^.!?]{1,60}\(@[\w.]+\)|@?[\w.]+)\s*$|^@\w{2,30}(?:\s*/\s*(?:x|twitter|instagram|tiktok|facebook))?$|"
     r"^(?-i:[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,3})\s*/\s*(?:[A-Za-z][\w\-]*(?: [A-Z][\w\-]*){0,2})$|"
     r"^(?:article |featured |hero |main |lead )?image (?:for|of) .{1,200}$", "line"),
    ("player", r"^(?:listen|watch|read) (?:back |again |live |the full (?:interview|report|story|segment) )?(?:here|below|now)\s*:?$|"
     r"^\d{1,3}\s?(?:m|min|mins)\s?\d{1,2}\s?(?:s|sec|secs)$", "line"),
    ("advert", r"^(?=.{0,300}$).*(?:\bbegambleaware(?:\.org)?\b|\bgamble ?aware\b|\bwhen the fun stops,? stop\b|\bplease gamble responsibly\b|"
     r"\b18\+\s*(?:only|\||t&cs|new customers))\b.*$", "line"),
    ("comment-form", r"^(?:something went wrong|oops)[,.!]?\s*(?:please )?try again(?: later)?\.?$", "line"),
    ("copyright", r"^(?=.{0,300}$).*\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed|republished)\b.*$", "line"),
    ("comments", r"^(?=.{0,500}$)" + _NOT_REPORTED +
     r"(?:.*\b(?:we want our comments|our (?:comments? (?:policy|guidelines)|community (?:guidelines|standards|rules)|house rules))\b.*|"
     r"(?:please )?(?:read|see|view|follow|respect|check) (?:our|the) (?:comments? (?:policy|guidelines)|community (?:guidelines|standards|rules)|house rules)\b.*)$", "line"),
    # page upkeep, disclaimers, email and forum chrome, shop buttons, donation asks
    ("timestamp", r"^(?:page|media|content|article) (?:last )?(?:reviewed|updated|checked)\s*:?\s*.{0,40}$|^(?:next|media) review due\s*:?\s*.{0,40}$|"
     r"^\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)-\d{2,4}$", "line"),
    ("disclaimer", r"^disclaimer\s*:\s*.{5,400}$|^(?=.{0,300}$).*\b(?:data (?:is|are) delayed (?:at least |by )?\d+ minutes|real-time snapshot)\b.*$", "line"),
    ("advert", r"^(?=.{0,300}$).*(?:\b1-800-gambler\b|\bgambling problem\?|\bodds (?:and lines )?(?:are )?subject to change\b).*$", "line"),
    ("newsletter", r"^(?:fwd?|fw):\s.{1,200}$|^in (?:this|today's|this week's) (?:issue|edition|newsletter)\s*:.{0,300}$", "line"),
    ("player", r"^(?:video |audio )?(?:duration|length|running time)\s*:?\s*\d{1,2}:\d{2}(?::\d{2})?$", "line"),
    ("site-footer", r"^(?=.{0,500}$)" + _NOT_REPORTED + r"(?=.*\backnowledges?\b)(?=.*\btraditional (?:owners|custodians)\b)"
     r"(?=.*\brespects?\b).*$", "line"),
    ("comments", r"^i am a bot\b.{0,300}$|^[\w\-]{3,30}\s*[•·]\s*\d{1,2}\s?(?:[hmdwy]|hrs?|mins?|days?) ago$", "line"),
    ("navigation", r"^r/\w{2,30}$|^go to .{1,30} home(?:page)?$|^(?:\w+ ){0,3}icon$", "line"),
    ("share", r"^share all sharing options\b.{0,200}$", "line"),
    ("affiliate", r"^[£$€]\d[\d.,]* (?:at|from) (?-i:[A-Z][\w&'’.\-]*(?: [A-Z][\w&'’.\-]*){0,2})$", "line"),
    ("promo", r"^(?:secure|save|book|reserve|grab|claim) your (?:spot|seat|place|ticket|pass)(?:es|s)?\b.{0,200}$", "line"),
    ("plea", r"^" + _NOT_REPORTED + r"[£$€]\d[\d.,]* (?:could|can|will) (?:pay for|buy|provide|fund|help|cover)\b.{0,150}$", "line"),
    # support asks, embed tools, funding notes, syndicated-feed notes
    ("plea", r"^(?=.{0,500}$)" + _NOT_REPORTED + r".*(?:\b(?:you can|you could|will you|can you) (?:help|support) (?:us|our|keep|fund|sustain)\b|"
     r"(?:^|[.!?]\s+)become a (?:friend|member|supporter|patron|subscriber|donor|founding member)\b|(?:^|[.!?]\s+)(?:[A-Z]\w* (?:an? )?\w+ and )?"
     r"join (?:a|our) (?:growing )?community of\b).*$", "line"),
    ("share", r"^copy(?:/paste)? (?:the |this )?(?:[\w-]+ ){0,3}(?:embed )?(?:link|code|url)\b.{0,40}$|^copy(?: link| url| code| embed)?$", "line"),
    ("affiliate", r"^(?=.{0,500}$)" + _NOT_REPORTED + r".*(?:\bparticipates? in (?:various )?affiliate\b|\baffiliate (?:marketing |advertising )?"
     r"(?:programs?|programmes?|partnerships?)\b|\bwe (?:may|might|could) (?:get paid|earn|receive) (?:an? )?(?:affiliate |small )?(?:commissions?|compensation|fees?)\b|\bwhen you (?:buy|shop|purchase) (?:something |anything )?(?:through|via|using) (?:our |the )?links\b).*$", "line"),
    ("disclaimer", r"^(?-i:[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,3}) receives? funding from (?!.* to [a-z]+ )[^.]{3,200}\.$|"
     r"\b(?:does not|doesn't|do not|don't) work for, consult, own shares in or receive funding\b", "line"),
    ("syndication", r"\bpublished from a syndicated feed\b|\bhas not been edited by (?:\S+ ){1,4}staff\b", "line"),
    ("advert", r"^(?:story|article) continues (?:below|after)(?: (?:this|the))?(?: ad| advert| advertisement)?\.?$", "line"),
    ("promo", r"^(?:catch up on|stream)\b.{0,120}\b(?:on|via) (?-i:[A-Z0-9][\w+]*(?: [A-Z0-9][\w+]*)?)\.?$", "line"),
    # Markdown copies: a line that is only a link (or a bar of them), browser and script notices
    ("promo", r"^(?:>\s*|[-*+]\s+)?(?:\*\*[^*]{1,40}\*\*:?\s*)?\[[^\]]{2,200}\]\([^)\s]*\)\s*\d{0,6}$|"
     r"^(?:\*\*[^*]{1,30}\*\*\s*)?(?:\|?\s*\[[^\]]{1,40}\]\([^)\s]*\)\s*){2,}\|?$", "line"),
    ("navigation", r"^(?:\w+ )?skip to (?:the )?main content$|^please (?:turn on|enable) javascript\b.{0,120}$|"
     r"^[\w'’&.\-]+(?: [\w'’&.\-]+){0,3}(?: / [\w'’&.\-]+(?: [\w'’&.\-]+){0,3}){1,6}(?: /)?$", "line"),
    ("player", r"^(?=.{0,200}$).*\bvideo,?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$", "line"),
    ("caption", r"^(?:illustration|photo(?:graph)?|photo illustration|image|graphic|artwork) by [^.]{2,60}\.(?:\s*source:[^.]{2,40}\.?)?$|"
     r"^(?=.{0,300}$)" + _NOT_REPORTED + r".*\((?:supplied|handout|file|pool)\)\s*$", "line"),
    # reader callouts, paywall walls, page tools and placeholders
    ("advert", r"^[\[(<]\s*(?:advertisement|advert|ad|sponsored(?: content)?)\s*[\])>]$|^scroll (?:down )?to continue(?: reading)?\.?$", "line"),
    ("navigation", r"^(?:(?:(?:very |extra )?(?:small|medium|large|larger|default|normal) )?text(?: size)?\s*){1,4}$|^(?:end of section|skip (?:next )?section)\b.{0,40}$|"
     r"^(?:\s*\|?\s*(?:\*\*[^*]{1,30}\*\*|\[[^\]]{1,40}\]\([^)\s]*\)))(?:\s*\|\s*(?:\*\*[^*]{1,30}\*\*|\[[^\]]{1,40}\]\([^)\s]*\))){2,}\s*\|?$", "line"),
    ("comments", r"^join the (?:conversation|discussion|debate)\b.{0,100}$|^(?:the )?rules (?:of|for) (?:replying|commenting|comments?)\s*:?$", "line"),
    ("plea", r"^(?=.{0,500}$)" + _NOT_REPORTED + r".*(?:(?:^|[.!?]\s+)(?:please )?write to the editor\b|\bletters? to the editor (?:are|is) (?:always )?welcome\b|\bwe want to hear from you\b|"
     r"\byou(?:'ve|’ve| have) reached (?:your|the) (?:free )?(?:article|story) limit\b|^like what (?:we do|you(?:'re|’re| are) reading|you read)\?|"
     r"^send us your (?:\w+ ){0,3}(?:photos?|pictures?|videos?|stories|story tips?|tips)\b|\bwe update (?:our|this) articles?\b|"
     r"\bour (?:experts|editors) (?:continually|regularly|constantly) (?:monitor|review)\b|^don'?t miss (?:out on )?(?:the )?(?:latest |biggest )?(?:headlines|news|stories)\b).*$", "line"),
    ("comment-form", r"^(?=.{0,200}$).*\bwas (?:it|this|this (?:article|page|story|information)) (?:helpful|useful)\?\s*$", "line"),
    ("caption", r"^\[(?:image|photo|picture|video|graphic|chart|map|illustration)\s*:?[^\]]{0,200}\]$|^photographer\s*:\s*.{2,80}$", "line"),
    ("ai-summary", r"^(?=.{0,300}$).*\bai[- ](?:generated|assisted|powered)\b.{0,40}\b(?:summary|summari[sz]ation|key points)\b.*$|"
     r"^(?:ai[- ](?:generated|assisted) )?(?:summary|key points)\s*\((?:ai|beta)\)$", "line"),
    ("promo", r"^(?:read|also read|read also|watch|listen)\s*[:|]\s*.{3,200}$", "line"),
    # menus and media lists, station strap lines, comment policies
    ("navigation", r"^(?:[\w'’]+(?: [\w'’]+){0,2}:\s*)?[\w'’&.+\-]+(?: [\w'’&.+\-]+){0,4}"
     r"(?:\s*\|\s*[\w'’&.:+\-]+(?: [\w'’&.:+\-]+){0,4}){3,}\s*\|?$|^part of the .{2,40} network$", "line"),
    ("player", r"^(?=(?:\S+\s+){0,16}\S+$)(?!.*\b(?:said|says)\b).*(?:\(\d{1,2}:\d{2}(?::\d{2})?\)|\|\s*\d{1,2}:\d{2}(?::\d{2})?)\s*$", "line"),
    ("comment-form", r"^(?:leave|give|send|share) (?:us )?(?:your )?feedback\.?$", "line"),
    ("comments", r"^(?=.{0,500}$)(?:.*\bwe reserve the right to (?:close|remove|moderate|disable|turn off) comments\b.*|"
     r"comments? (?:may be|are|have been|will be) (?:now )?(?:closed|disabled|turned off|moderated|pre-moderated)\b.*)$", "line"),
    ("site-footer", r"^(?=.{0,300}$).*(?:\bregistered charity(?: number| no\.?| #)?\s*:?\s*\(?(?:no\.?\s*)?\d{5,8}\b|"
     r"\bcompany limited by guarantee\b|\bregistered in england(?: and wales)?\b.{0,40}\b(?:no|number)\.?\s*:?\s*\d).*$", "line"),
    ("cookie", r"^(?:(?:accept|reject|view|manage|allow|decline|change)(?: all| analytics| additional| optional| essential)? cookies(?: settings)?\s*){1,4}$", "line"),
    ("author-box", r"^about the (?:author|writer|reporter|contributor|authors)s?:?$", "line"),
    ("download", r"^(?=.{0,200}$).*\((?:pdf|docx?|xlsx?|csv|zip|pptx?)(?:,\s*[\d.]+\s*[kmg]b)?\)\s*$", "line"),
    ("plea", r"^(?:are you|not yet|not) a member\?\s.{0,300}$", "line"),
    ("wire-credits", r"^(?=.{0,200}$).*\bjournalism (?:is |was )?co-?funded by\b.*$", "line"),
    ("caption", r"(?:^|[.!?*]\s+)(?:photo|picture|image|photograph)s?\s*:\s*[^.!?]{2,80}$", "line"),
    # syndication and print-edition trailers: where else the story ran
    ("syndication", r"^" + _NOT_REPORTED + r"(?-i:The post [A-Z0-9‘'\"“]).{3,250} appeared first on .{2,80}$|"
     r"^(?:read|see|view) the original (?:article|story|post) (?:on|at|here)\b.{0,80}$|"
     r"^this (?:article|story|piece|post) (?:was |is )?(?:originally|first) (?:published|appeared|ran|posted) (?:on|in|at|by) .{2,160}$|"
     r"^originally published (?:on|in|at|as|by) [^,]{2,160}$|^published in the print edition of .{3,200}$|"
     r"^(?:this|the) (?:article|story|piece) (?:appears|appeared) in the .{3,80}\bissue\b.{0,160}$", "line"),
    # shopping disclosures on review and lifestyle pages
    ("affiliate", r"^(?=.{0,400}$)" + _NOT_REPORTED + r".*\b(?:may|might) (?:receive|earn|get|collect) (?:a )?(?:small )?"
     r"(?:compensation|commission|share of (?:the )?(?:sales?|revenue))\b.*\b(?:links?|this (?:site|website|page))\b.*$|"
     r"^prices? (?:were|are|was|is) (?:correct|accurate|valid) (?:at|as of) (?:the )?(?:time of )?(?:publication|writing|publishing|going to press)\b.{0,60}$", "line"),
    ("copyright", r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})).{0,200}$|\ball rights reserved\b", "line"),
    # bare URLs and e-mail addresses
    ("url", r"^(?:<?(?:https?://|www\.)\S+>?|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)$", "line"),
    ("url", r"(?:,\s*)?\(?opens (?:in )?(?:a )?new (?:tab|window)\)?\s*$", "line"),
    # navigation, skip links, crumbs, editions
    ("navigation", r"^(?:skip to (?:main )?(?:content|navigation|search|footer|menu|section).{0,30}|"
     r"jump to .{1,40}|skip (?:next |this )?section\b.{0,40}|back to (?:top|home)|.{0,40} - back to home|home(?:page)?|menu|open menu|close(?: menu)?|"
     r"search(?: \w+){0,3}|main (?:navigation|menu)|breadcrumbs?|footer|navigation|sections|"
     r"(?:uk|us|international|europe|australia|asia|global|[a-z]+) edition|e-edition|print edition|"
     r"todays? paper|today's paper|sitemap|site map|all (?:topics|writers|sections)|"
     r"about us|contact us|help|faqs?|terms(?: of (?:use|service))?(?: & conditions)?|terms & conditions|"
     r"privacy(?: policy| notice| settings)?|cookie (?:policy|settings|preferences)|accessibility(?: statement)?|"
     r"complaints & corrections|corrections|advertise(?: with us)?|careers|work (?:for|with) us|"
     r"submit a letter|letters to the editor|rss(?: feeds?)?|newsletters|podcasts|apps?|"
     r"get the app|download the app|more|show more|load more|see all|view all|next|previous|"
     r"next article|previous article|top|latest|discussions|archive|learn more|find out more)$", "line"),
    ("navigation", r"^[\w'’&.\-]+(?: [\w'’&.\-]+){0,3}(?:\s+[>›»∙·|/]\s+[\w'’&.\-]+(?: [\w'’&.\-]+){0,3}){1,8}\s*$", "line"),
    # share / follow / comment prompts and reaction counters
    ("share", rf"^(?:share|save|saved|share this(?: \w+)?|share (?:on|via|to) (?:{_SOCIAL})|(?:{_SOCIAL})|"
     r"copy(?: the)? link|link copied|print(?: this (?:article|page))?|reuse this content|gift (?:this )?article|"
     r"give this article|bookmark|add to (?:my )?(?:list|saved)|like|comment|reply|permalink|restack|"
     r"tweet|pin|share (?:this )?(?:article|story|page)|leave a (?:comment|reply)|add a comment|post a comment|"
     r"read (?:all )?comments?|view (?:all )?comments|show (?:more )?comments|\d+ more comments?\W*|"
     r"comments? are closed\.?|this discussion is closed(?: for comments)?\.?|"
     r"(?:sign|log) in or (?:register|create|sign up).{0,80}|.{0,40}to join the (?:discussion|conversation)\.?|"
     r"join the (?:discussion|conversation)|be the first to comment\.?|"
     r"report (?:a typo|an error|a correction|this)(?: or error)?|submit a (?:correction|tip)|"
     r"(?:like|reply|share|comment|restack)\s*\(\d+\)|follow|following|share (?:this )?full article|"
     r"(?:share|like|follow|print|email) this\s*:?|like loading\W*|share or comment on this (?:article|story)\s*:?|"
     r"share (?:your )?(?:thoughts|views|feedback)\s*:?|share what you think|add your comment|"
     r"(?:view|show|hide|read) (?:all )?(?:\d+ )?comments|comments|in this (?:article|story)\s*:?|go to accessibility shortcuts|(?:join|start) the debate)[\s!:]*$", "line"),
    ("share", r"^(?=.{0,120}$)" + _NOT_REPORTED + r"(?:share|tell us|let us know|leave|post|add|give)\b.{0,60}\b(?:in|into|using) "
     r"the comments?(?: (?:below|section|box))?\W*$", "line"),
    ("share", rf"^follow (?:us$|@\w+|.{{1,60}}? on (?:{_SOCIAL}|google news))\b(?:(?!\bsaid\b|\bsays\b).){{0,200}}$", "line"),
    ("tip-line", r"^(?=.{0,300}$)(?!.*\b(?:said|says)\b)(?:send (?:us )?your (?:story ideas|stories|news|tips?|pictures|photos|videos)|"
     r"(?:email|e-mail|contact|write to|get in touch with|message) (?:us|the \w+ team|the newsroom)\b|"
     r"if you have (?:a story|information|been affected)\b.{0,120}(?:contact|email|get in touch)|"
     r"(?:do you|have you) (?:have|got) (?:a story|information|photos?|video)\b.{0,120}(?:contact|email|get in touch|send)|"
     r"(?:have|got) a (?:\w+ ){0,2}tip\b[^.]{0,40}\?|get in touch\W*$|do you have a story\b|contact (?:the )?(?:author|newsroom|us)\b).*$", "line"),
    ("counter", r"^[+\[]?[\d][\d,.]*[km]?\]?$|^\d[\d,.]*[km]?\s+(?:comments?|likes?|shares?|restacks?|replies|"
     r"responses?|views|reads|reactions|claps|notes)$|^(?:comments?|replies|shares|likes)\s*\(\d[\d,]*\)$", "line"),
    ("account", r"^(?:sign in|sign out|log ?in|log ?out|register|my account|create (?:an )?account|"
     r"already have an account\?.{0,30}|subscribe|subscribe now|subscribers? only|sign up|start writing|"
     r"upgrade to paid|upgrade|donate|support us|support the .{1,30}|continue reading\W*|"
     r"print subscriptions?|subscriptions?|free trial|try \d+ \w+ free)$", "line"),
    # newsletter and subscription pleas
    ("newsletter", r"^(?:sign up (?:to|for) .{1,80}|sign up here\.?|subscribe (?:to|for|now|today) .{0,80}|"
     r"get (?:our|the) .{1,40} newsletter.{0,60}|get (?:our|the) (?:free )?.{1,40} (?:email|bulletin|briefing)\b.{0,100}|(?:our )?(?:free )?(?:weekly |daily |monthly )?newsletter\W*|"
     r"(?:free|weekly|daily|monthly) .{0,30}newsletter.{0,30}|(?:enter|type|add|insert|your) (?:your )?e-?mail(?: address)?(?: here)?\W*|e-?mail address\W*|"
     r"you can unsubscribe at any time\.?|unsubscribe.{0,40}|by (?:subscribing|signing up|clicking|registering|submitting|entering)\b.{0,500}|"
     r"privacy notice:.{0,300}|(?:skip past|after) newsletter promotion|newsletter promotion|"
     r"thanks? (?:you )?for (?:reading|subscribing|signing up)\b.{0,160}|over [\d,.]+k? subscribers|"
     r"discover more from .{1,60}|ready for more\?)$", "line"),
    ("newsletter", r"^(?=(?:\S+\s+){0,20}\S+$)(?!.*\b(?:said|says|warned|told)\b).*\b(?:in|to) your inbox\b.*$", "line"),
    ("plea", r"\b(?:is a reader-supported publication|consider becoming a (?:free or )?paid subscriber|"
     r"a paid subscription keeps|subscribe for free to receive|to receive new posts and support|"
     r"funded by (?:our )?readers|small favou?r to ask|you(?:'|’)ve read \d+ articles?|"
     r"please consider (?:supporting|subscribing|donating|making a contribution)|"
     r"support (?:our|independent|quality) journalism|^remind me (?:in|on|later)\b.{0,20}$|^accepted payment methods\b|"
     r"become a (?:member|subscriber|supporter|patron) (?:today|now)|our (?:journalists|reporters|newsroom|team|editors) works? hard to\b|"
     r"\b(?:support|back|join) us (?:today|now|from (?:just|only))\b|how you can (?:continue to )?(?:access|support|read) our\b|"
     r"subscribe to (?:continue|keep) reading)", "line"),
    ("plea", r"^(?=(?:\S+\s+){0,15}\S+$)(?!.*\b(?:said|says)\b).*\b(?:(?:fund|support|back) (?:independent|quality|our|local) "
     r"journalism|(?:access|read) (?:the best )?member-only|distraction-free reading|"
     r"read our privacy (?:notice|policy)|unlimited access|"
     r"already a (?:subscriber|member))\b.*$", "line"),
    ("plea", r"^(?=.{0,300}$)i would like to (?:be emailed|receive) .*$", "line"),
    # cookie and consent banners
    ("cookie", r"^(?=.{0,200}$)(?!.*\b(?:said|says|according|found|reported)\b).*\b(?:learn|find out|read) more about how we "
     r"(?:use|collect|process|store|handle|protect) (?:your )?(?:personal )?(?:data|information|details|cookies)\b.*$", "line"),
    ("cookie", r"^(?=.{0,400}$)(?!.*\b(?:said|says|according|found|reported)\b)(?=.*\bcookies?\b)(?=.*\b(?:we use|"
     r"(?:this|our) (?:site|website|partners)|your (?:experience|device|browser|consent|preferences|privacy)|"
     r"cookie (?:policy|settings|preferences|notice|consent)|by continuing)\b).*$|"
     r"^(?:(?:accept|reject|allow|manage|necessary)(?: all)? cookies(?: only)?|accept(?: all)?|reject(?: all)?|"
     r"agree and close|i agree|manage (?:preferences|options|settings)|got it|allow all|deny|"
     r"your privacy choices|do not sell(?: or share)? my personal information)\W*$", "line"),
    # advertisement markers
    ("advert", r"^(?:advertisements?|advert|ad|ads|sponsored(?: content| post| by .{1,40})?|promoted(?: content)?|"
     r"paid (?:content|post|partnership)(?: .{1,40})?|partner content|(?:story|article) continues(?: below)?(?: advertisement)?|"
     r"continue reading (?:below|the main story)|scroll to continue(?: with content)?|supported by|ad feedback|"
     r"skip advert(?:isement)?|remove ads|report this ad|advertisement - scroll to continue|"
     r"\[?ad\]?|content continues below)$", "line"),
    # image captions and photo credits
    ("caption", r"^(?:image|images|picture|pictures|pic|photo|photos|photograph|photographs|video|graphic|illustration|"
     r"credit|image source|image caption|media caption|caption|source|copyright|getty)\s*:\s*.{0,160}$", "line"),
    ("caption", r"^(?:image source|image caption|media caption|image copyright|picture source|photo source|"
     r"caption|credit)\s*,\s*.{0,160}$|^(?:image|media|video) caption\s*,?$", "line"),
    ("caption", rf"^(?:[\w .'’\-]+/)?(?:{_AGENCIES})(?:\s+via\s+(?:getty images|reuters|afp))?$", "line"),
    ("caption", r"(?:^|[.!?]\s+|\s{2,})(?-i:Photograph|Photo|Picture|Image|Illustration|Composite|Photos|"
     r"Photographs|Video|Credit)s?\s*:\s*[^.!?]{2,100}$", "line"),
    ("caption", r"(?:^|[.!?]\s+)(?-i:Photo|Photos|Photograph|Photography|Picture|Image|Illustration|Video|Graphic|Animation)s? (?:and (?:\w+ ){1,2})?(?:by|courtesy(?: of)?) (?:the author|(?:the )?(?-i:[A-Z])[^.!?]{1,80})\.?$", "line"),
    ("caption", r"\((?:photo|picture|image|credit|file photo|photo by)(?:\s*:|\s)[^()]{2,80}\)\s*$", "line"),
    ("caption", r"\((?-i:[A-Z][\w.'’\- ]{1,40})\s*[/:]\s*(?-i:[A-Z][\w.'’&\- ]{1,60})\)\s*$", "line"),
    ("caption", r"\[(?:file|photo|image|picture)?:?\s*[^\[\]]{1,80}/[^\[\]]{1,40}\]\s*$|\[file(?: photo)?:[^\]]{1,80}\]\s*$", "line"),
    ("caption", r"(?-i:\b(?:REUTERS|AFP|AP|EPA|PA|ANADOLU|XINHUA|UPI|KYODO|YONHAP|BLOOMBERG))/[\w .'’\-/]{2,80}$", "line"),
    ("caption", r"(?:[.!?]\s*\|?|\|)\s*(?-i:[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})\s*/\s*(?-i:[A-Z][\w.'’&\- ]{1,40})$", "line"),
    ("caption", r"^(?:representative|file|stock|archive|illustrative) (?:image|photo|picture|pic)s?\W*$|"
     r"^(?:image|photo|picture)s? (?:used )?(?:for )?(?:representation|illustration|illustrative)(?: only| purposes?(?: only)?)?\W*$", "line"),
    ("caption", r"(?-i:Credit)\s*(?:\.{2,}|…)\s*\S.{0,100}$", "line"),
    # bylines (also become Article.byline) and wire credits
    ("byline", "", "line"),
    ("wire-credits", "", "line"),
    ("wire-credits", r"^(?:our standards:.{0,120}|the thomson reuters trust principles\.?.{0,40}|"
     r"(?:\(|\[)?(?:reuters|ap|afp|ani|pti|pa)(?:\)|\])|purchase licensing rights|(?:©|\(c\)) .{0,80}|"
     r"(?:this|(?-i:(?:[A-Z][\w\-]* ){0,2}[A-Z][\w\-]*)(?:'s|’s)) (?:reporting|journalism|coverage|story|article|series) "
     r"(?:is|was) (?:funded|supported|made possible|produced) (?:by|in partnership with|with support from) .{0,160}|"
     r"(?:information|material|reporting|additional reporting) from .{1,80} (?:was|were) (?:used|included) in this (?:report|article|story)\.?|"
     r"\w+ contributed (?:to )?(?:this )?report(?:ing)?\.?|.{0,120} contributed (?:to )?this (?:report|article|story)\.?)$", "line"),
    ("timestamp", "", "line"),
    ("punctuation", r"^[\W_]+$", "line"),
    ("form-message", r"^(?:success|error|oops|sorry|thank you|thanks|done)!\s.{0,160}$|^\S*\{\{\s*\w+\s*\}\}.{0,160}$|"
     r"^.{0,80}\{\{\s*\w+\s*\}\}\S*$|^(?:get )?(?:e-?mail|push) notifications\b.{0,160}$|"
     r"^your (?:notification|preferences|settings|comment|subscription) (?:has|have) been (?:saved|updated|submitted)\.?$|"
     r"^there was (?:a problem|an error) (?:saving|processing|submitting|loading) .{0,80}$", "line"),
    ("dateline", r"^(?-i:[A-Z][A-Z .'’\-]{2,})(?:, (?-i:[A-Z][\w.]+)(?: [A-Z][\w.]+)?)?\s*(?:\((?:AP|Reuters|AFP|CNN|UPI)\))?\s*[-–—]+\s*$", "line"),
    ("dateline", rf"^(?:[A-Z][A-Z .'’\-]{{2,}}),? (?:[A-Z][a-z]+\.? ?)?(?:(?:{_MONTHS})\.? \d{{1,2}}|\d{{1,2}} (?:{_MONTHS}))"
     r"(?:,? \d{4})?(?:\s*\((?:\w+)\))?\s*[-–—]?$", "line"),
    # promos that stand on one line: "Read more: ...", "Related: ..."
    ("promo", r"^(?:read more|related|see also|also read|read next|more|watch|listen|recommended|must read|"
     r"related (?:story|article|content|link|coverage)|editor'?s pick|in pictures|in depth|analysis|explainer|"
     r"live|live updates|opinion|video|gallery|podcast|tags|tagged(?: with)?|topics|filed under|categories|"
     r"category|posted in|more about|see more on|more on|explore|related topics|keywords)\s*[:|»>]\s*\S+(?:\s+\S+){0,29}\s*$", "line"),
    ("promo", r"^(?:for (?:more|all the latest|the latest) (?:\w+ ){0,3}(?:stories|news|articles|updates|coverage|content)\b"
     r"(?: like this)?,? (?:check|visit|see|go to|head to|follow|read|browse)\b.{0,80}|click here|tap here|download (?:the|our) (?:free )?app|get the (?:free )?\w+ (?:news )?app|"
     r"why you can trust .{1,40}|save (?:articles|stories|this (?:article|story)) (?:to|for) .{0,80}|"
     r"view (?:this|the) (?:email|newsletter|message|story) (?:in your browser|online|on the web)|"
     r"a version of this (?:article|story) (?:appears|appeared) in print\b.{0,200}|"
     r"(?:order|purchase|buy) (?:reprints|licensing rights|photo)\b.{0,60}|forward this (?:email|newsletter)\b.{0,60}|"
     r"update (?:your )?(?:email |subscription )?preferences\b.{0,40}|exclusive\s*:|breaking\s*:|"
     r"click here to .{1,80}|(?:\d+ )?(?:weather|traffic|travel) (?:alerts?|warnings?)\b.{0,40}|(?:\[\d+/\d+\]|item \d+ of \d+)\b.{0,300})\W*$", "line"),
    ("promo", r"^(?:more on this story|related (?:topics?|articles?|stories|story|content|coverage|(?:internet )?links|reading|news|posts?)|"
     r"read more(?: from .{1,40})?|more about|see more on|suggested (?:topics|reading|articles|stories)|"
     r"(?:[\w'’]+ ){0,3}(?:topics|tags|keywords)|more (?:top )?stories|"
     r"explore more(?: on these topics)?|more on (?:these|this) topics?|topics|tags|tagged(?: with)?|filed under|categories|"
     r"more (?:stories|news|articles|from .{1,40})|most (?:read|viewed|popular|shared|commented|watched)(?: from .{1,40})?|"
     r"latest(?: news| stories| articles| headlines)?|recommended(?: for you| stories| reading)?|"
     r"you (?:may|might) (?:also )?(?:like|be interested in|have missed)|trending(?: now| stories)?|top stories|"
     r"editor'?s picks|in other news|don'?t miss|read next|related|see also|elsewhere on .{1,40}|across the .{1,40}|"
     r"in (?!(?:numbers|figures|brief|short|summary|full|detail|details|context|focus|quotes|depth|a nutshell)\b)\w+|"
     r"more in .{1,40}|what to read next|popular(?: now)?|more to explore|keep reading|around the web)\s*(?::|\.\.\.|…)?(?<![!?])(?<![^.]\.)$",
     "list"),
    # app, alert and "preferred source" pleas: every way of asking for a follow outside the page
    ("alerts", rf"^(?=(?:\S+\s+){{0,24}}\S+$)(?!.*\b(?:{_SPEECH_VERBS})\b)(?:"
     r"(?:[\w.'’&\-]+ ){1,4}(?:is|are) (?:now )?on (?:instagram|facebook|twitter|x|tiktok|youtube|threads|bluesky|whatsapp|"
     r"telegram|linkedin|snapchat|google news|apple news)\b(?:[.!]\s.{0,120})?|"
     r"(?:add|make|set|choose) (?:us |[\w.'’&\- ]{1,30}? )?(?:as )?(?:a |your )?(?:preferred|trusted|favou?rite|top) "
     r"(?:(?:news )?(?:source|publisher)s?\b.{0,40}|(?:on|in) google\b.{0,30})|"
     r"(?:get|receive|have) .{1,60}?(?:(?:direct(?:ly)?|straight|sent|delivered) )?to your (?:phone|device|mobile|smartphone|lock ?screen|desktop|browser|watch)\b.{0,40}|"
     r"(?:get|receive|sign up for|turn on|switch on|enable|allow|set up) (?:[\w'’\-]+ ){0,4}(?:alerts?|notifications?)\b.{0,60}|"
     r"(?:download|get|install|try) (?:the|our) (?:free |new )?(?:[\w'’.&\-]+ ){0,4}app\b.{0,80}|"
     r"(?:follow|join|find|add) (?:us|[\w.'’&\- ]{1,30}) (?:on|to|in) (?:whatsapp|telegram|google news|google discover|apple news|flipboard|"
     r"the app|your (?:google|apple) news(?: feed)?|signal|viber)\b.{0,80}|"
     r".{0,80}\b(?:straight|direct(?:ly)?|sent|delivered) to your (?:phone|device|mobile|smartphone|inbox|lock ?screen)\b.{0,60}|"
     r"(?:join|follow|subscribe to) (?:us on |our |the )?(?:[\w.'’&\-]+ ){0,3}(?:whatsapp|telegram|signal|viber|youtube|broadcast) "
     r"(?:channel|group|community|list)\b.{0,100}|"
     r"(?:[^.!?]{0,80}\s[–—\-:|]\s*)?follow (?:us|[\w.'’&\- ]{1,30}) on (?:[\w ,&]{0,40}\b(?:facebook|twitter|x|instagram|tiktok|youtube|"
     r"linkedin|threads|bluesky|whatsapp|telegram|google news|snapchat))\b.{0,60}|"
     r"(?:catch|get|find|check out|stay (?:updated|tuned|informed)(?: with)?|for) (?:all )?(?:the )?(?:latest|breaking|top|live)\b.{0,40}?"
     r"\b(?:news|updates|stories|headlines|scores)\b.{0,160}"
     r"\b(?:on|at|with|from|visit|go to|head to|download) (?:the )?(?-i:[A-Z])[\w.'’&\- ]{1,40}|"
     r"never miss (?:a|an|the|another) (?:story|update|thing|beat|headline|moment|episode|post)\b.{0,80}|"
     r"(?:click|tap) (?:the )?(?:bell|follow|star|\+) (?:icon |button )?to .{1,80})\W*$", "line"),
    # reader call-outs and the form boilerplate under them
    ("callout", rf"^(?=.{{0,400}}$)(?!.*\b(?:{_SPEECH_VERBS})\b)(?:"
     r"(?:are|were|have|did|do|has|is) (?:you|your) .{1,120}\?\s*(?:share|tell us|get in touch|contact us|email us|let us know|send us)\b.{0,120}|"
     r"(?:e-?mail|whatsapp|phone|tel|telephone|mobile|text|sms|signal|telegram)\.?\s*:\s*(?:\+?[\d ()\-]{7,}|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)\W*|"
     r"(?:please )?(?:read|see|view) our (?:terms|privacy|community|house rules|guidelines|comment(?:ing)? (?:policy|guidelines))\b.{0,100}|"
     r"(?:tell us|share your (?:story|stories|experiences?|views|photos|pictures|videos)|have your say|we want to hear from you|"
     r"we(?:'|’)d like to hear from you)\s*[:\-–—?!.]\s*.{0,200}|"
     r".{0,120}\b(?:fill(?:ing)? (?:in|out) (?:this|our) form|(?:using|via|through) (?:this|our) (?:secure )?form|form (?:below|above))\b.{0,300}|"
     r".{0,200}\byour (?:responses?|submissions?|contact details|contributions?|personal (?:data|details|information)|data|details) "
     r"(?:are|is|will be|will remain|remain)\b.{0,20}\b(?:secure|optional|encrypted|confidential|anonymous|only|not be (?:published|shared))\b.{0,300}|"
     r".{0,200}\bfor the purposes? of this (?:feature|callout|call-out|article|story|report|project|survey)\b.{0,200}|"
     r".{0,200}\b(?:one of our journalists|a member of our team|our (?:journalists|reporters|team)) (?:may|might|will|could) "
     r"(?:contact|get in touch|be in touch)\b.{0,200})$", "line"),
    # comment-form and bookmark widgets
    ("comment-form", r"^(?:save my name,? e-?mail,? (?:and|&) website\b.{0,100}|notify me of (?:follow-up comments|new (?:posts|comments)|replies)\b.{0,80}|"
     r"(?:post|submit|publish|add|send|leave|write) (?:a |your )?(?:comment|reply|response)(?: cancel reply)?|cancel reply|"
     r"your e-?mail address will not be published\b.{0,100}|required fields are (?:marked|indicated)\b.{0,20}|"
     r"(?:name|e-?mail|website|comment|message)\s*\*|(?:added to|removed from|saved to|remove from|add to) (?:your )?"
     r"(?:bookmarks|saved(?: (?:articles|stories|items))?|reading list|favou?rites|my (?:list|news|saved))|"
     r"bookmark(?: (?:popover|this|article|icon|story))?|\d[\d,.]*[km]? (?:view|read|see|show) (?:all )?comments?|"
     r"(?:view|read|see|show) (?:all )?\d[\d,.]*[km]? comments?|(?:share|comment) or (?:comment|share) on this (?:article|story|post)\s*:.{0,200}|"
     r"(?:this (?:site|blog) uses akismet|comments are moderated|comment moderation)\b.{0,160}|"
     r"(?:comments|commenting|replies) (?:have been|has been|are|is) (?:now )?(?:closed|disabled|turned off|switched off)\b.{0,60}|"
     r"(?:you must be|please) (?:logged in|log in|sign in|register) to (?:post|leave|add|write) a comment\b.{0,40}|"
     r"(?:e-?mail|print|send|save|gift|download) (?:this|the) (?:article|story|page|link)(?: to a friend)?)\W*$", "line"),
    # sports data blocks: ratings, line-ups, officials
    ("sports-data", "", "line"),
    # press-release furniture: distributor labels, media-contact blocks, asset links, SOURCE line
    ("press-release", r"^(?:for immediate release|(?:press|news|media) release|embargoed?(?: until| till)?\b.{0,60})\W*$|"
     r"^(?:news provided by|provided by|press release (?:from|by|issued by)|distributed by|issued by|released by)\W*$|"
     r"^(?:photo|logo|video|image|multimedia|infographic|audio|pdf|download|fact sheet)s?\s*(?:\d+\s*)?[-–—:]\s*<?(?:https?://|www\.)\S+$|"
     r"^(?:to )?(?:view|see|read) (?:the )?(?:original|full|complete) (?:content|release|version|story|press release)\b.{0,200}$|"
     r"^(?-i:SOURCE [A-Z][\w&.,'’\-]*(?: [\w&.,'’\-]+){0,8})$|"
     r"^(?:want|get) your (?:company|business|brand|organi[sz]ation)(?:'s|’s)? (?:news|story|release|press release|announcement)s?\b.{0,80}$|"
     r"^(?:distributed|issued|published) (?:by|via|through|on behalf of) (?:cision|pr ?newswire|business ?wire|globe ?newswire|accesswire|ein ?presswire|newswire)\b.{0,80}$", "line"),
    ("press-release", r"^(?:(?:media|press|investor|public|news ?room|pr)(?: (?:relations|and (?:media|investor) relations))? "
     r"(?:contacts?|enquiries|inquiries|information)|contacts?|for (?:more|further|additional) (?:information|details),? (?:please )?contact(?: us)?)\s*:?$", "list"),
    # site footers: CMS / theme credits
    ("site-footer", r"^(?:proudly )?powered by \S+(?: \S+){0,2}\s*[|·•]\s*.{1,100}$|^proudly powered by .{1,40}$|"
     r"^(?:wordpress |blog )?theme\s*:?\s*.{1,40} by .{1,40}$|^(?:site|website|web) (?:design(?:ed)?|built|developed|by)\b.{0,40}(?<![.!?])$|"
     r"^(?:designed|developed|hosted|built) (?:by|with)\s+\S+(?: \S+){0,3}(?:\s*[|·•]\s*.{1,100})?(?<![.!?])$", "line"),
    # event and webinar promos, link labels ending in "and more", lines ending in a call-to-action button
    ("promo", r"^(?=.{0,400}$)(?:upcoming |free |live |on-demand |virtual |sponsored )?(?:webinar|virtual event|live event|masterclass|workshop|"
     r"conference|summit|online event|giveaway|competition|sponsored)s?\s*:.{1,300}$|"
     r"^(?=.{0,160}$)(?!.*\b(?:said|says)\b)[\w'’ ]{1,30}:\s.{1,120}\b(?:and|&) (?:lots |much |many )?more\W*$|"
     r"^(?=.{0,400}$)(?!.*[\"”’]$).*(?-i:[.!?:|]\s+(?:(?:Register|Book|Buy|Join|Download|Subscribe|Apply|Enrol|Reserve|Claim|Shop|Watch|Listen|Sign up)"
     r" (?:now|today|here|free|online|your (?:place|seat|spot|ticket))|Get (?:your )?tickets|Learn more|Find out more|Sign up|RSVP|"
     r"Save your (?:seat|place|spot)))\W*$", "line"),
    # the page's own notes about the page: amendment notices, machine-made audio
    ("correction", rf"^{_NOT_ATTRIBUTED}"
     r"this (?:article|story|piece|report|post) (?:was|has been) (?:amended|updated|corrected|edited|changed) "
     r"(?:on|at|to (?:correct|clarify|remove|reflect|include|add|update|amend|fix))\b.{0,250}$",
     "line"),
    ("audio-player", rf"^{_NOT_ATTRIBUTED}"
     r"this (?:audio|narration|voice-?over|reading|audio version) (?:is|was|has been) (?:generated|created|produced|read|narrated|voiced) "
     r"(?:by|using|with) (?:an? )?(?:ai|artificial intelligence|automated|computer-generated|synthetic|text-to-speech)\b.{0,150}$", "line"),
    ("player", r"^(?:video |audio )?(?:duration|length|running time)\s*:?\s*(?:\d{1,2} (?:hours?|hrs?|minutes?|mins?)"
     r"(?:,? (?:and )?\d{1,2} (?:minutes?|mins?|seconds?|secs?))?|\d{1,2} (?:seconds?|secs?))$", "line"),
    # an embedded post's signature line: "— Name (@handle) May 11, 2025"
    ("social-embed", rf"^[—–-]\s*.{{1,80}}\(@\w{{1,30}}\)\s+(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}$", "line"),
    # market tickers and their buttons: "NIFTY 50 24,781.10 -98.35 (-0.40%)", "| NGX ASI | 141,208.55 | ▲ 0.45% |"
    ("ticker", r"^(?-i:[A-Z][\w&.'’\-]*(?: [A-Z0-9][\w&.'’\-]*){0,3}\s+)?[+\-−]?[\d,]+(?:\.\d+)?\s+[+\-−▲▼]\s?[\d,]*\.?\d+"
     r"\s*\(\s*[+\-−]?\d+(?:\.\d+)?%\s*\)$|^[+\-−▲▼]\s?[\d,]*\.?\d+\s*\(\s*[+\-−]?\d+(?:\.\d+)?%\s*\)$|"
     r"^\|?\s*[^|]{1,30}\|\s*[\d,]+(?:\.\d+)?\s*\|\s*[▲▼+\-−]\s?\d+(?:\.\d+)?%\s*\|?$|^(?:buy|sell|hold|trade)(?: now)?$", "line"),
    # in-page jumps, live-blog and weather widgets, wire update notes, bare DOIs
    ("navigation", r"^(?:jump|skip|go) to\s*:?$|^scroll (?:down|up) (?:for|to see|to read) (?:the )?(?:latest|live|all|full)\b.{0,40}$", "line"),
    ("weather", r"^see (?:the )?(?:full|7-day|10-day|hourly|extended|detailed) forecast$", "line"),
    ("wire-credits", r"^\((?-i:Updates|Adds|Recasts|Rewrites|Corrects|Changes|Refiles|Repeats|Fixes)\b[^()]{0,100}"
     r"\b(?:paragraphs?|paras?|byline|headline|dateline|throughout|details|comments?|quotes?|background|prices?|shares|"
     r"figures|links?|photos?|graphics?|spelling|context|reaction)\b[^()]{0,60}\)$", "line"),
    ("url", r"^doi:\s*\S+$", "line"),
    # Markdown breadcrumbs: "[Home](/) › [News](/news/) › [Cities](/news/cities/)"
    ("navigation", r"^\[[^\]]{1,40}\]\([^)\s]*\)(?:\s*[›>»/|]\s*\[[^\]]{1,40}\]\([^)\s]*\))+(?:\s*[›>»/|]\s*[^\[\]()]{1,60})?$", "line"),
    # a press release's end mark ("ENDS", "- End -", "-30-"): notes to editors and contacts follow
    ("press-release", r"^[\s\-–—*]*(?:ends?|-30-)[\s\-–—*.]*$", "tail"),
    ("comments", r"^(?:comments?|comments? \(?\d[\d,]*\)?|the comments below have not been moderated\.?|discussion about this post|\d[\d,]* comments? on .{1,80}|"
     r"\d+ (?:responses?|replies|thoughts) (?:to|on) .{1,120}|conversation|join the conversation|"
     r"log in or register to post comments|reader comments|what (?:you|readers) (?:are )?say(?:ing)?|footer)$", "tail"),
)


def _builtin_rules() -> tuple[Rule, ...]:
    tests: dict[str, Callable[[str], bool]] = {
        "byline": _is_byline,
        "wire-credits": _is_wire_credit,
        "timestamp": _is_timestamp,
        "sports-data": _is_sports_data,
    }
    out: list[Rule] = []
    for name, pattern, scope in _PATTERNS:
        if pattern == "":
            out.append(Rule(name, None, scope, test=tests[name]))
        else:
            out.append(Rule(name, _rx(pattern), scope))
    return tuple(out)


BUILTIN_RULES: tuple[Rule, ...] = _builtin_rules()

SHAPE_RULES: frozenset[str] = frozenset(
    {
        "headline",
        "repeated-label",
        "page-header",
        "short-line",
        "furniture-run",
        "caption-context",
        "pull-quote",
        "plea-block",
        "list",
        "tail",
        "standfirst",
        "trailer",
        "author-bio",
        "furniture-model",
    }
)
"""Names of the shape passes; each can be disabled like a pattern rule."""


# --- loading rule sets --------------------------------------------------------


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """Built-in rules plus every RuleSet registered under ``readaloud.rules``."""
    rules = RuleSet(BUILTIN_RULES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            extra = obj() if callable(obj) and not isinstance(obj, RuleSet) else obj
        except Exception as exc:  # a broken plugin must name itself
            raise ConfigError(
                f"rules plugin '{ep.name}' ({ep.value}) failed to load: {exc}",
                fix=f"fix or uninstall the package providing '{ep.name}'",
            ) from exc
        if not isinstance(extra, RuleSet):
            raise ConfigError(
                f"rules plugin '{ep.name}' ({ep.value}) gave {type(extra).__name__}, not a RuleSet",
                fix="make the entry point a RuleSet or a callable returning one",
            )
        log.debug("loaded %d rules from plugin %s", len(extra.rules), ep.name)
        rules = rules + extra
    return rules


_RULE_KEYS = frozenset({"name", "pattern", "scope", "ignore_case"})


def rules_from_dict(data: dict[str, Any], where: str) -> RuleSet:
    """Validate parsed TOML; ``where`` names the file in error messages."""
    for key in data:
        if key not in ("rule", "disable"):
            raise ConfigError(f"unknown key '{key}' in {where}", fix="use [[rule]] tables and disable = [...]")
    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        raise ConfigError(f"'disable' in {where} must be a list of rule names", fix='write disable = ["byline"]')
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(f"'rule' in {where} must be an array of tables", fix="write each rule as [[rule]]")
    rules: list[Rule] = []
    for i, table in enumerate(tables, 1):
        label = f"rule #{i} in {where}"
        if not isinstance(table, dict):
            raise ConfigError(f"{label} is not a table", fix="write each rule as [[rule]]")
        for key in table:
            if key not in _RULE_KEYS:
                raise ConfigError(f"unknown key '{key}' in {label}", fix=f"use {', '.join(sorted(_RULE_KEYS))}")
        name, pattern = table.get("name"), table.get("pattern")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{label} has no 'name'", fix='add name = "my-rule"')
        if not isinstance(pattern, str) or not pattern:
            raise ConfigError(f"'pattern' of rule '{name}' in {where} is missing", fix="add pattern = '^Watch: '")
        scope = table.get("scope", "line")
        if scope not in SCOPES:
            raise ConfigError(f"'scope' of rule '{name}' in {where} is '{scope}'", fix=f"use one of {', '.join(SCOPES)}")
        ignore_case = table.get("ignore_case", True)
        if not isinstance(ignore_case, bool):
            raise ConfigError(f"'ignore_case' of rule '{name}' in {where} must be true or false", fix="write true or false")
        try:
            compiled = _rx(pattern, ignore_case)
        except re.error as exc:
            raise ConfigError(f"'pattern' of rule '{name}' in {where} is not a valid regex ({exc})", fix="fix the regex") from None
        rules.append(Rule(name.strip(), compiled, scope))
    known = default_rules().names | {r.name for r in rules}
    names: set[str] = set()
    for d in disable:
        if d not in known and d.rstrip("s") in known:
            d = d.rstrip("s")  # "bylines" -> "byline"
        if d not in known:
            raise ConfigError(f"'disable' in {where} names unknown rule '{d}'", fix=f"use one of: {', '.join(sorted(known))}")
        names.add(d)
    return RuleSet(tuple(rules), frozenset(names))


def load_rules(path: Path) -> RuleSet:
    """Read a user rules TOML file (format in the module docstring)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"rules file {path} does not exist", fix="check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"rules file {path} is not valid TOML ({exc})", fix="fix the syntax") from None
    return rules_from_dict(data, str(path))


# --- line shapes ----------------------------------------------------------------

_SENTENCE_END = _compile(r"[.!?…;:]" + _END + r"$")
_WORD = _compile(r"[0-9a-z]+")


def is_punctuated(text: str) -> bool:
    """Ends like a sentence (or a list item / list intro)."""
    return bool(_SENTENCE_END.search(text))


def word_count(text: str) -> int:
    return len(text.split())


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "").replace("'", "")))


@dataclass
class _Line:
    text: str
    lineno: int
    rule: str | None = None  # set once the line is furniture
    last_lineno: int = 0  # last physical line joined into this one

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def prose(self) -> bool:
        return is_punctuated(self.text)

    @property
    def wrapped(self) -> bool:
        return self.last_lineno > self.lineno

    @property
    def body_prose(self) -> bool:
        """Still standing, punctuated and long enough to be a paragraph of the story."""
        return self.rule is None and self.prose and self.words >= BODY_PROSE_MIN_WORDS


# --- logical lines: undo hard wrapping ---------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def _raw_lines(text: str) -> list[tuple[int, str]]:
    text = text.translate(_INVISIBLE).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return [(i, " ".join(line.split())) for i, line in enumerate(text.split("\n"), 1)]


def _is_hard_wrapped(lines: list[str]) -> tuple[bool, int]:
    """Text wrapped at a fixed width: many lines near the widest, some broken mid-sentence."""
    lengths = [len(s) for s in lines if s]
    if not lengths:
        return False, 0
    fitting = [n for n in lengths if n <= WRAP_MAX_WIDTH]  # a few long furniture lines do not hide the wrap
    if not fitting or max(fitting) < WRAP_MIN_WIDTH:
        return False, max(lengths)
    # the wrap width is the one most lines fill nearly to the end
    width = max(
        (n for n in set(fitting) if n >= WRAP_MIN_WIDTH),
        key=lambda w: (sum(WRAP_NEAR_FULL * w <= n <= w for n in fitting), w),
    )
    full = [s for s in lines if WRAP_NEAR_FULL * width <= len(s) <= width]
    broken = [s for s in full if not is_punctuated(s)]
    overlong = len(lengths) - len(fitting)
    # a wrapped paragraph goes on in lower case on the next line somewhere
    lower_after = any(
        a and b[:1].islower() and WRAP_NEAR_FULL * width <= len(a) <= width for a, b in zip(lines, lines[1:])
    )
    return (
        len(full) >= WRAP_MIN_FULL_LINES
        and len(broken) >= max(WRAP_MIN_BROKEN, WRAP_BROKEN_SHARE * len(full))
        and overlong <= WRAP_OVERLONG_SHARE * len(full)
        and lower_after
    ), width


def _logical_lines(text: str, rule_hit: Callable[[str], bool]) -> list[_Line]:
    raw = _raw_lines(text)
    wrapped, width = _is_hard_wrapped([s for _, s in raw])
    out: list[_Line] = []
    prev = ""  # previous physical line, "" after a blank line
    for lineno, s in raw:
        if out and prev and s and _continues(prev, s, wrapped, width, rule_hit):
            out[-1].text += " " + s
            out[-1].last_lineno = lineno
        elif s:
            out.append(_Line(s, lineno, last_lineno=lineno))
        prev = s
    for ln in out:
        ln.text = " ".join(_LINK_MARKER.sub("", ln.text).split())
    return [ln for ln in out if ln.text]


_LINK_MARKER = _compile(r"\[\d{1,4}\](?=\S)|(?<=\w)\[\d{1,3}\]")
"""Text browsers' link numbers ("[12]Council tax") and footnote marks ("rise[3]"): not words to say."""


_DANGLING = _compile(
    r"\b(?:at|on|in|of|to|the|a|an|and|or|by|from|with|for|as|into|onto|than|between|via|per|until|about|around|"
    r"nearly|almost|over|under|after|before|since|is|are|was|were|be|his|her|their|its|our|my|your)$",
    re.I,
)
SHORT_JOIN_WORDS = 4
"""Unwrapped lines both shorter than this are separate labels, not one sentence broken in two."""


def _continues(prev: str, nxt: str, wrapped: bool, width: int, rule_hit: Callable[[str], bool]) -> bool:
    """Is physical line ``nxt`` the continuation of ``prev`` (a wrapped paragraph)?"""
    if wrapped and _DANGLING.search(prev) and len(prev) >= WRAP_DANGLING_FULL * width and not rule_hit(prev) and (nxt[:1].isdigit() or nxt[:1].islower()):
        return True  # "... queen at" / "4pm." - a sentence cannot end on a preposition
    if rule_hit(nxt) or rule_hit(prev):
        return False
    lower_next = nxt[:1].islower()
    if not wrapped and word_count(prev) < SHORT_JOIN_WORDS and word_count(nxt) < SHORT_JOIN_WORDS and not is_punctuated(nxt):
        return False  # "City News" / "pune News": two menu labels, not a broken sentence
    if not is_punctuated(prev) and lower_next and prev[-1:].isalnum() or prev.endswith(","):
        return lower_next or wrapped
    if wrapped:
        first = nxt.split()[0]
        return len(prev) + 1 + len(first) > width
    return False


# --- the cleaner ------------------------------------------------------------------


def clean(doc: Document | str, rules: RuleSet | None = None, model: FurnitureModel | None = None) -> Article:
    """Remove page furniture; return headline, metadata and prose paragraphs.

    ``model`` replaces the shipped furniture model (training and cross-validation use this)."""
    if isinstance(doc, str):
        doc = Document(text=doc, source="<string>")
    ruleset = default_rules() + rules if rules is not None else default_rules()
    return _Cleaner(doc, ruleset, model).run()


class _Cleaner:
    """One cleaning run; passes mark ``_Line.rule`` in order."""

    def __init__(self, doc: Document, rules: RuleSet, model: FurnitureModel | None = None) -> None:
        self.doc = doc
        self.model = model
        self.rules = rules
        self.line_rules = rules.active("line")
        self.prefix_rules = rules.active("prefix")
        self.list_rules = rules.active("list")
        self.tail_rules = rules.active("tail")
        self._pattern_pool = self.line_rules + self.list_rules
        self._boundary_rules = self._pattern_pool + self.tail_rules
        self._verdicts: dict[tuple[str, int], str | None] = {}  # a line is often asked about more than once
        self.removed: list[Removal] = []
        self.title: str | None = doc.title.strip() if doc.title and doc.title.strip() else None
        self.byline: str | None = doc.byline
        self.date: str | None = doc.date
        self.lines: list[_Line] = []
        self.headline_at: int | None = None
        self.first_body = 0
        self.probabilities: dict[int, float] = {}
        self.body_list: set[int] = set()  # a list the story introduces: kept by every later pass

    # -- helpers
    def _rule_for(self, text: str, pool: tuple[Rule, ...]) -> str | None:
        key = (text, id(pool))  # pools are the tuples above, alive as long as this cleaner
        if key not in self._verdicts:
            self._verdicts[key] = None
            if word_count(text) <= MAX_RULE_LINE_WORDS:
                verdict = next((rule.name for rule in pool if rule.matches(text)), None)
                plain = without_markdown(text)
                if verdict is None and plain != text:  # line rules only: '### In numbers' is no list header
                    verdict = next((rule.name for rule in pool if rule.scope == "line" and rule.matches(plain)), None)
                self._verdicts[key] = verdict
        return self._verdicts[key]

    def _any_rule(self, text: str) -> bool:
        return self._rule_for(text, self._boundary_rules) is not None

    def _mark(self, i: int, rule: str) -> None:
        if self.lines[i].rule is None:
            self.lines[i].rule = rule

    def _free(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and self.lines[i].rule is None

    def _on(self, name: str) -> bool:
        return self.rules.enabled(name)

    # -- passes
    def run(self) -> Article:
        self._rule_passes()
        if self._on("furniture-model"):
            self._model_pass()
        return self._article()

    def _rule_passes(self) -> None:
        self.lines = _logical_lines(self.doc.text, self._any_rule)
        self._prefixes()
        self._pattern_rules()
        if self._on("navigation"):
            self._section_menus()  # before the headline: a menu of section names is not one
        self._headline()
        if self._on("repeated-label"):
            self._repeated_labels()
        first = self.first_body = self._first_body()
        if self._on("tail"):
            self._tail(first)
        if self._on("list"):
            self._lists()
        if self._on("plea-block"):
            self._plea_block()
        if self._on("pull-quote"):
            self._pull_quotes()
        self._metadata()
        if self._on("caption-context"):
            self._captions()
            self._media_blurbs()
            self._bare_captions()
        if self._on("short-line"):
            self._short_lines()
        if self._on("furniture-run"):
            self._sandwiched()
        if self._on("trailer"):
            self._trailer()
            self._after_footer()
        self._body_lists()

    def _model_pass(self) -> None:
        """Lines the rules left alone but the learned model calls furniture (see ``FurnitureModel``)."""
        model = self.model or shipped_model()
        if model is None or not any(ln.rule not in (None, "headline") for ln in self.lines):
            return  # the rules found no furniture at all: plain text, nothing for the model to judge
        for _ in range(MODEL_ROUNDS):  # furniture comes in runs: a removal makes its neighbours suspect
            rows = _feature_rows(self, model.lexicon)
            marks = []
            for i, ln in enumerate(self.lines):
                if ln.rule is not None:
                    continue
                if _protected(self, i):
                    continue
                p = model.probability(rows[i])
                if p >= model.threshold:
                    marks.append((i, p))
            if marks and all(ln.rule is not None for k, ln in enumerate(self.lines) if k not in {i for i, _ in marks}):
                log.debug("furniture-model would leave nothing to read; keeping %d lines", len(marks))
                break  # a one-paragraph story: the model may trim furniture, never the whole article
            for i, p in marks:
                log.debug("furniture-model p=%.3f line %d: %s", p, self.lines[i].lineno, self.lines[i].text[:80])
                self.lines[i].rule = MODEL_RULE
                self.probabilities[self.lines[i].lineno] = p
            if not marks:
                break

    def _prefixes(self) -> None:
        for ln in self.lines:
            for rule in self.prefix_rules:
                m = rule.matches(ln.text)
                if isinstance(m, re.Match) and m.start() == 0 and m.end() > 0:
                    self.removed.append(Removal(m.group(0).strip(), rule.name, ln.lineno))
                    ln.text = ln.text[m.end() :].strip()
                    if not ln.text:
                        ln.rule = rule.name

    def _pattern_rules(self) -> None:
        for ln in self.lines:
            if ln.rule is None:
                ln.rule = self._rule_for(ln.text, self._pattern_pool)

    def _headline(self) -> None:
        """Find the headline: Document.title's line, else the first headline-shaped line."""
        lines = self.lines
        given = self.title
        if given:
            want = _norm(given)
            for i, ln in enumerate(lines[: max(40, len(lines) // 3)]):
                got = _norm(ln.text)
                if _same_title(got, want):
                    self.headline_at = i
                    if got != want and got in want:  # drop a " | Site name" tail from the given title
                        self.title = ln.text
                    break
        if self.headline_at is None and self._on("headline"):
            limit = next((i for i in range(len(lines)) if self._prose_start(i)), len(lines))
            candidates = self._headline_candidates(limit)
            if not any(lines[c].words >= HEADLINE_PREFER_WORDS for c in candidates):
                # only slogans above the first prose line (a cookie notice, a blog description):
                # look on to where paragraphs follow each other
                limit = next((i for i in range(len(lines)) if self._body_starts(i)), len(lines))
                candidates = self._headline_candidates(limit)
            # a headline is followed (or, on blogs, preceded) by its byline and dates; else skip
            # mastheads and menus; a full-length line beats a short site slogan or programme label
            cset = set(candidates)
            # dates above a line count only when no candidate has its metadata right below it
            # (else the line under a byline is a standfirst or caption, not a blog post title)
            below = any(c + 1 < len(lines) and lines[c + 1].rule in _META_RULES for c in candidates)
            scores = [
                (lines[c].words >= HEADLINE_PREFER_WORDS, self._meta_after(c, cset) + (0 if below else self._meta_before(c)),
                 not below and self._meta_adjacent(c), -c)
                for c in candidates
            ]
            meta_scores = [s for s in scores if s[1] > 0]
            if meta_scores:
                self.headline_at = -max(meta_scores)[3]
            ordered = sorted(candidates, key=lambda c: (lines[c].words < HEADLINE_PREFER_WORDS, c))
            for c in ordered if self.headline_at is None else ():
                if not self._nav_run_between(c + 1, limit):
                    self.headline_at = c
                    break
            if self.headline_at is not None and not given:
                self.title = lines[self.headline_at].text
        if self.headline_at is not None:
            h = self.headline_at
            self.lines[h].rule = "headline"
            if self._on("page-header"):
                for i in range(h):
                    if self._free(i) and not (lines[i].prose and lines[i].words >= BODY_PROSE_MIN_WORDS):
                        self._mark(i, "page-header")

    def _meta_after(self, c: int, candidates: set[int]) -> int:
        """How much byline/date furniture follows line ``c`` before the next headline candidate
        (candidates directly below it are its standfirst, so they do not end the search)."""
        score = run = 0
        chained = True
        via_standfirst = False
        for k in range(c + 1, min(len(self.lines), c + 1 + HEADLINE_META_SPAN)):
            ln = self.lines[k]
            if ln.body_prose:
                if k == c + 1 and ln.words <= STANDFIRST_MAX_WORDS:
                    via_standfirst = True
                    continue  # a short standfirst between the headline and its byline
                break  # the story has started: later dates belong to entries, not to this line
            if via_standfirst and score and self._headline_shaped(k) and not _CTA_START.match(ln.text):
                return 0  # site name, description, date, post title: the date is the post's
            if k in candidates:
                if not chained:
                    break
                continue
            if not (ln.rule is not None and ln.text.endswith(":") and ln.words <= KICKER_MAX_WORDS):
                chained = False  # a kicker label such as "Exclusive:" does not end the standfirst
            if ln.rule in _META_RULES:
                score += 2
            elif ln.rule is None and not ln.prose and is_name_line(ln.text):
                score += 1
            elif ln.rule is None and not ln.prose and ln.words <= 3:
                run += 1
                if run >= 2:
                    break  # a menu between this line and the metadata: not the headline
        return score

    def _headline_candidates(self, limit: int) -> list[int]:
        lines = self.lines
        return [
            i
            for i in range(limit)
            if self._headline_shaped(i)
            and not is_name_line(lines[i].text)
            and not self._above_button(i)
            and not _talks_to_reader(lines[i].text)
        ]

    def _headline_shaped(self, i: int) -> bool:
        ln = self.lines[i]
        return (
            ln.rule is None and (not ln.prose or _title_cased_headline(ln.text))
            and HEADLINE_MIN_WORDS <= ln.words <= HEADLINE_MAX_WORDS
        )

    def _prose_start(self, i: int) -> bool:
        ln = self.lines[i]
        return ln.body_prose and not _title_cased_headline(ln.text)

    def _body_starts(self, i: int) -> bool:
        """A long free prose line followed by more prose (or nothing): the story, not a blog
        description or a cookie notice above the headline."""
        ln = self.lines[i]
        if ln.rule is not None or not ln.prose or ln.words < BODY_PROSE_MIN_WORDS or _title_cased_headline(ln.text):
            return False
        nxt = next((k for k in range(i + 1, len(self.lines)) if self.lines[k].rule is None), None)
        return nxt is None or self.lines[nxt].prose or self.lines[nxt].words > HEADLINE_MAX_WORDS

    def _meta_before(self, c: int) -> int:
        """A date or byline line right above a candidate (blog layouts put the date first)."""
        if c == 0 or self.lines[c - 1].rule not in _META_RULES:
            return 0
        return 2

    def _meta_adjacent(self, c: int) -> bool:
        """Metadata touching the line (a site name reaches its date only through a description)."""
        return any(0 <= k < len(self.lines) and self.lines[k].rule in _META_RULES for k in (c - 1, c + 1))

    def _above_button(self, i: int) -> bool:
        """A slogan right above a 'Learn more' / 'Subscribe' button is an advert, not a headline."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return nxt is not None and nxt.rule in ("account", "navigation") and bool(_BUTTON.match(nxt.text))

    def _nav_run_between(self, start: int, stop: int) -> bool:
        run = 0
        for i in range(start, stop):
            ln = self.lines[i]
            if ln.rule is None and not ln.prose and ln.words <= 3 and not is_name_line(ln.text):
                run += 1
                if run >= 2:
                    return True
            elif ln.rule is None:
                run = 0
        return False

    def _first_body(self) -> int:
        start = (self.headline_at or -1) + 1
        for i in range(start, len(self.lines)):
            ln = self.lines[i]
            if ln.body_prose:
                return i
        return len(self.lines)

    def _tail(self, first: int) -> None:
        """A comment-section or footer header after the story (or a first comment: a
        '<name> <date>' line with a Reply button under it): it and everything below go.

        A "Comments" label in a share bar near the top looks the same, so the header must
        follow some of the story, and what follows it must not read like more of it."""
        for i in range(first + 1, len(self.lines)):
            name = self._rule_for(self.lines[i].text, self.tail_rules)
            if name is None and (self._comment_entry(i) or self._comment_count_header(i)):
                name = "comments"
            if name and not self._story_ended(first, i):
                continue
            if name:
                self.lines[i].rule = name
                for j in range(i + 1, len(self.lines)):
                    self._mark(j, "tail")
                return

    def _story_ended(self, first: int, at: int) -> bool:
        """Has the story been told by line ``at``? Enough body before it, and no reported
        speech in several substantial lines after it (comment threads quote nobody)."""
        body_before = sum(
            1 for ln in self.lines[first:at] if ln.body_prose
        )
        if body_before < TAIL_MIN_BODY_PARAGRAPHS:
            return False
        # A review or an essay quotes nobody either: a "Comment" button above most of the
        # story's prose is a share bar, not the start of the comments.
        prose_before = sum(ln.words for ln in self.lines[first:at] if ln.rule is None and ln.prose)
        prose_after = sum(ln.words for ln in self.lines[at + 1 :] if ln.prose and ln.words >= BODY_PROSE_MIN_WORDS)
        if prose_before < TAIL_MIN_SHARE_BEFORE * prose_after:
            return False
        reported_after = sum(
            1 for ln in self.lines[at + 1 :] if ln.words >= BODY_PROSE_MIN_WORDS and _SPEECH.search(ln.text)
        )
        return reported_after < TAIL_MAX_REPORTED_AFTER

    def _comment_count_header(self, i: int) -> bool:
        """'3 comments:' opening the thread (a bare '14 Comments' counter in a share bar is not one,
        unless a commenter line follows)."""
        text = self.lines[i].text
        if not _COMMENT_COUNT.match(text):
            return False
        below = self.lines[i + 1 : i + 1 + COMMENT_REPLY_WINDOW]
        return text.endswith(":") or any(_is_commenter(ln.text) for ln in below)

    def _comment_entry(self, i: int) -> bool:
        """A commenter line: a short name then a date/time ('Anonymous 9 June 2025 at 10:15'),
        with a Reply button within the next few lines."""
        if not _is_commenter(self.lines[i].text):
            return False
        window = self.lines[i + 1 : i + 1 + COMMENT_REPLY_WINDOW]
        return any(_REPLY_BUTTON.match(ln.text) for ln in window)

    def _lists(self) -> None:
        """Under a list header, drop headline-shaped lines until prose resumes."""
        list_names = {r.name for r in self.list_rules}
        i = 0
        while i < len(self.lines):
            ln = self.lines[i]
            if ln.rule in list_names and self._rule_for(ln.text, self.list_rules):
                j = i + 1
                while j < len(self.lines):
                    nxt = self.lines[j]
                    if nxt.rule is None:
                        if nxt.text.endswith(":"):
                            break
                        if nxt.prose and nxt.words >= LIST_STOP_MIN_WORDS and not self._teaser(j) and not _title_cased_headline(nxt.text):
                            break
                        if self._subhead(j):
                            break
                        nxt.rule = "list"
                    elif nxt.rule in ("headline",):
                        break
                    j += 1
                i = j
            else:
                i += 1

    def _subhead(self, j: int) -> bool:
        """A short sentence-case line over a long paragraph: the story resumes under a subhead."""
        ln = self.lines[j]
        nxt = next((k for k in range(j + 1, len(self.lines)) if self.lines[k].rule is None), None)
        return (
            nxt is not None and (not ln.prose or _QUESTION_SUBHEAD.search(ln.text)) and ln.words <= LIST_SUBHEAD_WORDS
            and _title_ratio(ln.text.split()) < PROTECT_SUBHEAD_TITLE_RATIO
            and self.lines[nxt].body_prose
            and (bool(_TWO_SENTENCES.search(self.lines[nxt].text)) or self.lines[nxt].words >= LIST_SUBHEAD_BODY_WORDS)
            and not self._teaser(nxt)
        )

    def _teaser(self, j: int) -> bool:
        """A promo's one-sentence blurb: short, and the list goes on (section label, date) after it."""
        after = self.lines[j + 1 : j + 3]
        return (
            self.lines[j].words <= TEASER_MAX_WORDS
            and not _TWO_SENTENCES.search(self.lines[j].text)
            and len(after) == 2
            and (after[0].rule is None and not after[0].prose and after[0].words <= TEASER_FOLLOW_WORDS or after[0].rule == "timestamp")
            and after[1].rule in ("timestamp", "counter")
        )

    def _plea_block(self) -> None:
        """After a reader-funding plea header, its paragraphs and buttons are furniture too."""
        i = 0
        while i < len(self.lines):
            if self.lines[i].rule == "plea":
                j = i + 1
                while j < len(self.lines):
                    ln = self.lines[j]
                    if ln.rule is None:
                        if _PLEA_CUES.search(ln.text) and _READER_ADDRESS.search(ln.text) and not _SPEECH.search(ln.text):
                            ln.rule = "plea-block"
                        else:
                            break
                    elif _BUTTON.match(ln.text):
                        j += 1
                        break  # the plea's own button closes it: the story resumes below
                    j += 1
                i = j
            else:
                i += 1
        for i, ln in enumerate(self.lines):
            if ln.rule in ("account", "navigation") and _BUTTON.match(ln.text):
                if i > 0 and self._above_button(i - 1) and self._free(i - 1) and not self.lines[i - 1].prose and i - 1 < self.first_body:
                    self._mark(i - 1, "plea-block")  # an advert slogan above its button
                self._pitch_before(i)

    def _pitch_before(self, button: int) -> None:
        """The sales pitch (and newsletter name) just above a Subscribe / Sign up button."""
        marked = skipped = 0
        for j in range(button - 1, -1, -1):
            ln = self.lines[j]
            if ln.rule is not None:
                skipped += 1
                if skipped > PITCH_SKIP:
                    return
                continue
            if ln.words <= PLEA_MAX_WORDS and _PITCH_CUES.search(ln.text) and not _SPEECH.search(ln.text):
                ln.rule = "plea-block"
                marked += 1
            elif marked and not ln.prose and ln.words <= PITCH_NAME_WORDS:
                ln.rule = "plea-block"
                return
            else:
                return

    def _captions(self) -> None:
        lines = self.lines
        for i, ln in enumerate(lines):
            if ln.rule != "caption":
                continue
            if _CAPTION_LABEL.match(ln.text):  # "Image caption," - the caption follows
                if self._free(i + 1) and lines[i + 1].words <= CAPTION_MAX_WORDS:
                    self._mark(i + 1, "caption-context")
                continue
            if not _CREDIT_ONLY.match(ln.text):
                continue
            after = lines[i + 1] if i + 1 < len(lines) else None
            if (
                after is not None
                and after.rule is None
                and not after.prose
                and after.words <= CAPTION_MAX_WORDS
                and (i == 0 or lines[i - 1].rule is not None)
                and not (i + 2 < len(lines) and lines[i + 2].rule is None and lines[i + 2].prose and after.words <= SUBHEAD_MAX_WORDS // 2)
            ):
                self._mark(i + 1, "caption-context")  # credit above an unpunctuated caption
                continue
            if not self._free(i - 1):
                continue
            if i + 1 < len(lines) and _CAPTION_LABEL.match(lines[i + 1].text):
                continue  # BBC order: credit, label, caption
            cap = lines[i - 1]
            before = lines[i - 2] if i >= 2 else None
            furniture_before = before is None or before.rule is not None and (before.rule != "headline" or not cap.prose)
            if furniture_before and cap.words <= CAPTION_MAX_WORDS and not (cap.prose and _SPEECH.search(cap.text)):
                self._mark(i - 1, "caption-context")

    def _media_blurbs(self) -> None:
        """The one-sentence description under a video's 'Duration 1:58' line."""
        for i in range(1, len(self.lines)):
            ln, prev = self.lines[i], self.lines[i - 1]
            if (
                ln.rule is None and prev.rule == "audio-player" and _MEDIA_DURATION.match(prev.text)
                and ln.words <= CAPTION_MAX_WORDS and not _TWO_SENTENCES.search(ln.text) and not _SPEECH.search(ln.text)
            ):
                ln.rule = "caption-context"

    def _bare_captions(self) -> None:
        """Captions with no credit or label: a picture cue ('pictured', '(left)'), or - on a page
        whose paragraphs all end in full stops - a long unpunctuated line between paragraphs."""
        lines = self.lines

        def candidate(i: int) -> bool:
            ln = lines[i]
            if ln.rule is not None or ln.prose or _SPEECH.search(ln.text) or ln.words > CAPTION_MAX_WORDS:
                return False
            # a sentence broken across lines is not a caption
            return not (ln.text.endswith(",") or _DANGLING.search(ln.text) or self._free(i + 1) and lines[i + 1].text[:1].islower())

        for i, ln in enumerate(lines):
            if candidate(i) and ln.words >= CAPTION_CUE_MIN_WORDS and _PICTURE_CUE.search(ln.text):
                ln.rule = "caption-context"
        body = [ln for ln in lines[self.first_body :] if ln.rule is None and ln.words >= CAPTION_DISCIPLINE_WORDS]
        stopped = sum(ln.prose for ln in body)
        if (
            _is_hard_wrapped([s for _, s in _raw_lines(self.doc.text)])[0]
            or stopped < CAPTION_DISCIPLINE_MIN
            or len(body) - stopped > CAPTION_DISCIPLINE_SHARE * stopped
        ):
            return  # this page does not end its paragraphs with full stops reliably
        for i in range(self.first_body + 1, len(lines)):
            if candidate(i) and lines[i].words >= LONG_WEAK_WORDS and self._free(i - 1) and lines[i - 1].prose:
                lines[i].rule = "caption-context"

    def _section_menus(self) -> None:
        """"Politics Local Africa World Sport Lifestyle": a run of capitalised section names, no sentence."""
        for i, ln in enumerate(self.lines):
            words = ln.text.split()
            if ln.rule is not None or len(words) < SECTION_MENU_MIN_WORDS or not all(w[:1].isupper() or w == "&" for w in words):
                continue
            known = sum(w.lower().strip("&") in _SECTION_WORDS for w in words)
            if known >= SECTION_MENU_KNOWN_SHARE * len(words):
                self._mark(i, "navigation")

    def _repeated_labels(self) -> None:
        """A short unpunctuated line that comes back again and again ("Article content",
        "Continue reading in the app") is the page's, not the story's: a story does not repeat itself."""
        counts = Counter(_norm(ln.text) for ln in self.lines if ln.words <= REPEATED_LABEL_MAX_WORDS)
        for i, ln in enumerate(self.lines):
            if (ln.rule is None and i != self.headline_at and ln.words <= REPEATED_LABEL_MAX_WORDS
                    and not is_punctuated(ln.text)
                    and counts[_norm(ln.text)] >= (2 if ln.words <= REPEATED_LABEL_TWICE_WORDS else REPEATED_LABEL_MIN_COUNT)):
                self._mark(i, "repeated-label")

    def _pull_quotes(self) -> None:
        """An unpunctuated line repeating a longer paragraph's words is a pull quote (and a short
        name after it, its attribution); a paragraph repeated word for word is spoken once."""
        free = [i for i, ln in enumerate(self.lines) if ln.rule is None]
        normed = {i: " " + _norm(self.lines[i].text) + " " for i in free}
        big = "\n".join(normed.values())
        twins = Counter(normed.values())
        seen: set[str] = set()
        for i in free:
            s = normed[i]
            if word_count(s) < PULL_QUOTE_MIN_WORDS:
                continue
            if s in seen:
                self._mark(i, "pull-quote")
                continue
            seen.add(s)
            if self.lines[i].prose:
                if self.lines[i].words <= CAPTION_MAX_WORDS and big.count(s) > twins[s]:
                    self._mark(i, "pull-quote")  # a quoted sentence lifted out of a longer paragraph
                continue
            if self._free(i + 1) and self.lines[i + 1].prose and word_count(s) <= SUBHEAD_MAX_WORDS:
                continue  # a subhead quoting the text below it
            if big.count(s) > twins[s]:  # also inside a longer line
                self._mark(i, "pull-quote")
                k = i + 1
                if self._free(k) and self.lines[k].words <= ATTRIBUTION_MAX_WORDS and not self.lines[k].prose:
                    self._mark(k, "pull-quote")

    def _metadata(self) -> None:
        """Byline and date: from the document, else the first ones found near the headline."""
        start = self.headline_at + 1 if self.headline_at is not None else 0
        window = range(start, max(start, min(len(self.lines), start + META_WINDOW, self.first_body)))
        order = list(window) + list(range(start)) + list(range(window.stop, len(self.lines)))
        for i in order:
            ln = self.lines[i]
            if ln.rule == "byline" and self.byline is None:
                self.byline = _clean_byline(ln.text)
            if ln.rule == "timestamp" and self.date is None and i < window.stop:
                self.date = _clean_date(ln.text)
        if not self._on("byline"):
            return
        for i in window:
            ln = self.lines[i]
            if ln.rule is None and not ln.prose and is_name_line(ln.text):
                ln.rule = "byline"
                if self.byline is None:
                    self.byline = ln.text
        if self.byline:
            self._author_lines(self.byline)
        if self._on("author-bio"):
            self._closing_bios()

    def _author_lines(self, byline: str) -> None:
        """The byline's names again (author box) or an author bio sentence about one of them."""
        names = [n.strip() for n in re.split(r"[,|;]| and | & | - ", byline) if len(n.split()) >= 2]
        if not names:
            return
        fulls = {_norm(n) for n in names}
        forms = sorted({f for n in names for f in (n, n.split()[-1])}, key=len, reverse=True)
        bio = re.compile(rf"^(?:{'|'.join(map(re.escape, forms))})(?:'s?|’s?)? {_BIO_VERB}", re.I)
        firsts = sorted({n.split()[0] for n in names}, key=len, reverse=True)
        first_bio = re.compile(rf"^(?:{'|'.join(map(re.escape, firsts))}) {_BIO_VERB}", re.I)
        for ln in self.lines:
            if ln.rule is not None:
                continue
            if _norm(ln.text) in fulls:
                ln.rule = "byline"
            elif ln.words > BIO_MAX_WORDS or _SPEECH.search(ln.text) or not self._on("author-bio"):
                continue
            elif bio.match(ln.text) or first_bio.match(ln.text) and _BIO_SECOND.search(ln.text):
                ln.rule = "author-bio"  # a first name alone needs a second bio sentence ("She previously ...")

    def _closing_bios(self) -> None:
        """'Jo Bloggs is a reporter covering X. She previously ...' after the story, with no byline to match."""
        body = [i for i, ln in enumerate(self.lines) if ln.body_prose]
        for i in body[-BIO_TAIL_LINES:]:
            ln = self.lines[i]
            later = [j for j in body if j > i and not _GENERIC_BIO.match(self.lines[j].text)]
            if later or ln.words > BIO_MAX_WORDS or _SPEECH.search(ln.text):
                continue
            if _GENERIC_BIO.match(ln.text) and (_ROLE_BIO.match(ln.text) or _BIO_SECOND.search(ln.text)):
                ln.rule = "author-bio"

    def _short_lines(self) -> None:
        """Unpunctuated lines survive as subheads (before prose), list items (after ':'), a
        standfirst (right after the headline) or a paragraph missing its full stop (after prose)."""
        lines = self.lines
        in_list = False
        for i, ln in enumerate(lines):
            if ln.rule is not None:
                continue
            if ln.prose:
                in_list = ln.text.endswith(":")
                continue
            if in_list:
                continue
            prev = lines[i - 1] if i > 0 else None
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            after_furniture = prev is not None and prev.rule not in (None, "headline")
            if self.headline_at is not None and self.headline_at < i < self.first_body:
                if after_furniture and ln.words >= PREAMBLE_CAPTION_WORDS:
                    ln.rule = "caption-context"  # lead-image caption between the metadata and the story
                    continue
                if prev is not None and prev.rule == "headline" and ln.words >= LONG_WEAK_WORDS and self._on("standfirst"):
                    continue
            if nxt is not None and nxt.rule is None and nxt.prose:
                continue  # subhead
            if ln.words >= LONG_WEAK_WORDS and prev is not None and prev.rule is None and prev.prose:
                continue  # paragraph missing its full stop
            ln.rule = "short-line"

    def _list_intro(self, i: int) -> str | None:
        """'The charity asks for three things:' or a sentence-case subhead right under a body
        paragraph: the story introduces a list here ('colon' / 'subhead'); None otherwise."""
        ln, prev = self.lines[i], self.lines[i - 1] if i > 0 else None
        if prev is None or i - 1 < self.first_body or prev.rule is not None or not prev.prose or prev.words < BODY_PROSE_MIN_WORDS:
            return None
        if _LINKISH.search(ln.text) or _talks_to_reader(ln.text) or _CTA_START.match(ln.text):
            return None
        if ln.rule is None and ln.text.endswith(":") and ln.words >= PROTECT_LIST_INTRO_WORDS and not _LABEL_COLON.match(ln.text):
            return "colon"
        if (
            ln.rule in _WEAK_RULES and (not ln.prose or ln.text.endswith("?")) and ln.words <= SUBHEAD_MAX_WORDS
            and _title_ratio(ln.text.split()) < PROTECT_SUBHEAD_TITLE_RATIO and not self._any_rule(ln.text)
        ):
            return "subhead"
        return None

    def _body_lists(self) -> None:
        """Keep a list the story introduces (opening times, dates, advice bullets): the items
        share one shape - 'Label: detail with digits or running words', a bullet before running
        words, or (under a ':') plain sentence-case lines - unlike link headlines and labels."""
        i = self.first_body + 1
        while i < len(self.lines):
            intro = self._list_intro(i)
            if intro is None:
                i += 1
                continue
            shape, j = None, i + 1
            while j < len(self.lines) and j - i <= PROTECT_LIST_ITEMS and self.lines[j].rule in _WEAK_RULES:
                kind = _item_shape(self.lines[j].text)
                if kind is None or kind == "plain" and intro != "colon" or shape not in (None, kind):
                    break
                shape, j = kind, j + 1
            if j - i - 1 >= (BODY_LIST_MIN_ITEMS if intro == "subhead" else 1):
                for k in range(i, j):
                    if self.lines[k].rule is not None:
                        log.debug("body list keeps line %d [%s]: %s", self.lines[k].lineno, self.lines[k].rule, self.lines[k].text[:60])
                    self.lines[k].rule = None
                    self.body_list.add(k)
                i = j
            else:
                i += 1

    def _sandwiched(self) -> None:
        """A short line with furniture on both sides is part of the furniture."""
        lines = self.lines
        k = SANDWICH_NEIGHBOURS
        marks = []
        for i, ln in enumerate(lines):
            if ln.rule is not None or ln.words > SANDWICH_MAX_WORDS or i < k or i + k >= len(lines):
                continue
            if ln.prose and ln.words >= SANDWICH_PROSE_WORDS and not ln.text.endswith(":"):
                continue  # a one-sentence live-blog entry between timestamps is still news
            around = lines[i - k : i] + lines[i + 1 : i + 1 + k]
            if all(a.rule not in (None, "headline") for a in around):
                marks.append(i)
        for i in marks:
            self._mark(i, "furniture-run")

    def _trailer(self) -> None:
        """After the last real paragraph, once a closing signal (sign-up, credits, tags...) appears,
        the short lines that follow are page furniture, not a closing paragraph."""
        lines = self.lines
        last = max(
            (i for i, ln in enumerate(lines) if ln.body_prose),
            default=None,
        )
        if last is None:
            return
        closed = False
        for ln in lines[last + 1 :]:
            if ln.rule in _CLOSING_RULES:
                closed = True
            elif ln.rule is None and closed and ln.words <= TRAILER_MAX_WORDS:
                if ln.prose and ln.words >= TRAILER_SENTENCE_WORDS and not ln.text.endswith(":") and not _READER_ADDRESS.search(ln.text):
                    continue  # a short closing sentence of the story, after a mid-story promo
                ln.rule = "trailer"

    def _after_footer(self) -> None:
        """Once a long run of furniture follows the story, the few free lines left below it
        (a bio without the byline's name, a video blurb) are page furniture too - unless they
        report (quotes, said)."""
        lines = self.lines
        run = 0
        for i in range(self.first_body + 1, len(lines)):
            run = run + 1 if lines[i].rule not in (None, "headline") else 0
            if run < TAIL_RUN_LINES or (i + 1 < len(lines) and lines[i + 1].rule not in (None, "headline")):
                continue
            author_box = any(ln.rule in ("byline", "author-bio") for ln in lines[i - run + 1 : i + 1])
            if not author_box and run < TAIL_RUN_LONG:
                continue  # a related-stories block in mid-story: the story may go on below it
            rest = [k for k in range(i + 1, len(lines)) if lines[k].rule is None]
            if len(rest) > TAIL_RUN_MAX_FREE:
                continue
            if any(lines[k].words > BIO_MAX_WORDS or _SPEECH.search(lines[k].text) or _REPORTING.search(lines[k].text) for k in rest):
                continue
            for k in rest:
                lines[k].rule = "trailer"
            return

    def _article(self) -> Article:
        paragraphs: list[str] = []
        for ln in self.lines:
            if ln.rule is None:
                paragraphs.append(ln.text)
            else:
                self.removed.append(Removal(ln.text, ln.rule, ln.lineno))
        self.removed.sort(key=lambda r: r.line)
        log.debug("%s: kept %d paragraphs, removed %d spans", self.doc.source, len(paragraphs), len(self.removed))
        if not paragraphs and not self.title:
            raise EmptyArticleError(
                f"nothing is left to speak in {self.doc.source} once page furniture is removed",
                fix="check the input is an article, or disable the rule that removed it (--rules)",
            )
        return Article(
            title=self.title,
            byline=self.byline,
            date=self.date,
            paragraphs=tuple(paragraphs),
            removed=tuple(self.removed),
            url=self.doc.url,
        )


_COMMENTER_JOIN = _compile(r"^(?:says|wrote|on)?\s*[:,|·•\-–—]?\s*", re.I)


def _is_commenter(text: str) -> bool:
    """One to three capitalised words (a commenter's name) followed only by a date/time."""
    words = text.split()
    for k in range(1, min(3, len(words) - 1) + 1):
        name = " ".join(words[:k]).rstrip(",:|·•-–—")
        if not all(w[:1].isupper() for w in name.split()):
            break
        rest = _COMMENTER_JOIN.sub("", " ".join(words[k:]), count=1)
        if any(c.isdigit() for c in rest) and _is_date_only(rest):
            return True
    return False


_REPLY_BUTTON = _compile(r"^(?:reply|report|like|\d+ likes?|reply to this comment|flag)\W*$", re.I)
_MEDIA_DURATION = _compile(r"^(?:duration|length|running time|runtime)\b", re.I)
_COMMENT_COUNT = _compile(r"^(?:showing )?\d[\d,]* (?:reader )?(?:comments?|responses?|replies|thoughts)\s*:?$", re.I)
COMMENT_REPLY_WINDOW = 3
"""A comment's Reply button sits under its (usually short) body."""
_PICTURE_CUE = _compile(
    r"\bpictured\b|\((?:left|right|centre|center|middle|above|below|top|bottom|inset|front|back|far (?:left|right)|"
    r"second (?:left|right|from (?:left|right))|l|r|l-r|r-l|from left|clockwise from (?:top )?left)\)|"
    r"^(?:above|below|top|bottom|left|right|inset|main (?:picture|image|photo)|pictured)\s*[:,]",
    re.I,
)
CAPTION_CUE_MIN_WORDS = 4
CAPTION_DISCIPLINE_MIN = 5
CAPTION_DISCIPLINE_WORDS = 8
"""Body lines this long count towards the page's full-stop discipline."""
"""A page needs this many full-stopped long paragraphs before an unstopped one reads as a caption."""
CAPTION_DISCIPLINE_SHARE = 0.2
"""...and at most this share of unstopped long lines (else missing full stops are the page's style)."""

_CAPTION_LABEL = _compile(r"^(?:image|media|video) caption\s*[,:]?\s*$", re.I)
_CREDIT_ONLY = _compile(
    rf"^(?:(?:image|picture|photo|photograph|credit|image source)\s*[:,]\s*.{{1,80}}|(?:[\w .'’\-]+/)?(?:{_AGENCIES}).*)$",
    re.I,
)
_TWO_SENTENCES = _compile(r"[.!?][\"'”’]?\s+[A-Z\"“‘]")
_CLOSING_RULES = frozenset(
    {"newsletter", "plea", "plea-block", "copyright", "comments", "tail", "wire-credits", "author-bio", "promo", "list", "tip-line",
     "alerts", "callout", "comment-form", "sports-data", "press-release", "site-footer"}
)
_BUTTON = _compile(
    r"^(?:subscribe(?: now)?|sign up|upgrade(?: to paid)?|join(?: now)?|donate|support us|learn more|find out more|"
    r"get started|try (?:it )?(?:for )?free|start (?:your )?free trial)$",
    re.I,
)
_READER_ADDRESS = _compile(r"\b(?:you|your|yours|we|us|our|this (?:article|story|page|post|site|newsletter|blog))\b", re.I)
"""Page furniture talks to the reader; a story's closing sentence talks about the news."""
_META_RULES = frozenset({"byline", "timestamp", "article-age"})
_WIDGET_RULES = frozenset(
    {"newsletter", "comment-form", "callout", "form-message", "audio-player"}
)
"""Forms and players: a short line right under one is the widget's own label, not a subhead (a bare
Subscribe button is left out: newsletters put their subheads right under it)."""
_PITCH_CUES = _compile(
    r"\b(?:free to read|weekly|daily|every (?:week|day|morning|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|newsletters?|subscri\w*|inbox|new posts|support\w*|paid|members?|journalism)\b",
    re.I,
)
_SPEECH = _compile(r"[\"“”]|\b(?:said|says|told|according to|added)\b", re.I)
_PLEA_CUES = _compile(
    r"\b(?:support\w*|fund\w*|journalism|contribut\w*|donat\w*|subscri\w*|readers?|paywall|"
    r"shareholders?|billionaire|free for everyone|thank you)\b",
    re.I,
)


_BIO_VERB = (
    r"(?:is|was|covers|covered|reports|reported|writes|wrote|joined|previously|has (?:been|covered|reported|written|worked)|"
    r"worked|lives|is based|specialises|specializes|leads|edits|hosts|presents)\b"
)
_BIO_NAME = r"(?-i:[A-Z][\w'’\-]+)(?: (?-i:[A-Z][\w'’\-]+)){0,3}"
_GENERIC_BIO = _compile(rf"^{_BIO_NAME} {_BIO_VERB}", re.I)
_ROLE_BIO = _compile(
    rf"^{_BIO_NAME} (?:is|was) (?:an? |the )(?:[\w\-]+ ){{0,4}}(?:{_BYLINE_ROLE}|photographer|photojournalist|author|fellow|intern|"
    r"freelancer|freelance \w+|host|novelist|researcher)\b",
    re.I,
)
_BIO_SECOND = _compile(
    r"[.!?]\s+(?:she|he|they|her|his|their)\s+(?:previously|has|had|was|were|is|are|lives|joined|worked|also|last|covers|reports|writes)\b"
    r"|\b(?:joined|before joining) (?:the|us|[A-Z]\w+) (?:in|from) \d{4}\b",
    re.I,
)
TAIL_RUN_LINES = 6
"""This many furniture lines in a row after the story, holding the author's box, start the page footer..."""
TAIL_RUN_LONG = 12
"""...or this many without one (with an author box in the run, TAIL_RUN_LINES will do)."""
TAIL_RUN_MAX_FREE = 2
"""...when no more than this many unremoved lines follow it."""
BIO_TAIL_LINES = 3
"""Only the last few paragraphs are searched for an author bio without a byline match."""


def _title_cased_headline(text: str) -> bool:
    """Headline-style capitalisation (most words capitalised) even when it ends in a full stop."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= HEADLINE_TITLE_CASE and not _SPEECH.search(text)


def _same_title(got: str, want: str) -> bool:
    """The text's headline line vs Document.title (which may carry a ' | Site name' suffix)."""
    if not got or not want:
        return False
    if got == want:
        return True
    if len(got) >= TITLE_MIN_SHARE * len(want) and (got in want or want in got):
        return True
    return SequenceMatcher(None, got, want).ratio() >= TITLE_MATCH_RATIO


def _clean_byline(text: str) -> str:
    return re.sub(r"^(?:by|words by|written by|story by|posted by|author:?)\s+", "", text.strip(), flags=re.I)


def _clean_date(text: str) -> str:
    first = re.split(r"\s*\|\s*|,?\s+(?=updated\b|last modified\b)", text.strip(), flags=re.I)[0]
    return re.sub(r"^(?:published|posted|first published|updated|last modified)(?: on)?:?\s*", "", first, flags=re.I) or text


# --- learned furniture model -----------------------------------------------------
#
# Wording rules only know the publishers they were written for.  The model judges
# what the rules left by the *shape and register* of a line and its neighbours:
# furniture talks to the reader, sells, labels and links, comes in runs of short
# unstopped lines, sits before the headline or after the story; prose reports
# (said/told, quotes) in long multi-sentence paragraphs.  It is a logistic
# regression over the named features below, trained by scripts/train_furniture.py.

MODEL_RULE = "furniture-model"
MODEL_ROUNDS = 2
"""Passes of the model; each sees the previous pass's removals as neighbouring furniture."""
MODEL_PATH = Path(__file__).with_name("data") / "furniture_model.json"
SECTION_MENU_MIN_WORDS = 4
SECTION_MENU_KNOWN_SHARE = 0.6
_SECTION_WORDS = frozenset(
    "news world uk us local national international politics business money economy markets tech technology science "
    "health sport sports football cricket rugby opinion comment lifestyle life style culture arts entertainment "
    "music film tv travel food weather video videos podcasts audio live latest home property motoring cars education "
    "environment climate crime courts africa asia europe americas australia pacific india china middle east "
    "features analysis investigations obituaries puzzles games horoscopes jobs classifieds events awards magazine letters "
    "reviews products photos pictures galleries community council schools homes autos newsletters podcast shop".split()
)
HEADLINE_LIKE_WORDS = (6, 16)
"""Unpunctuated, capitalised and this long: shaped like a headline (another story's, or a subhead)."""
REPEATED_LABEL_MAX_WORDS = 5
REPEATED_LABEL_MIN_COUNT = 3
REPEATED_LABEL_TWICE_WORDS = 3
"""...or twice, if it is this short ("Article content", "Hide Ad")."""
"""A short unpunctuated line seen this often in one page is a label of the page's."""
LIST_SUBHEAD_BODY_WORDS = 30
"""...a paragraph this long under it is the story, even in one sentence."""
PROTECT_PLAIN_WORDS = 5
"""A full-stopped sentence this long with no furniture register at all is kept."""
PROTECT_SPEECH_WORDS = 8
"""A line this long with reported speech (quote + said/told) is news, whatever the model says."""
PROTECT_BODY_WORDS = 40
"""A body paragraph this long with two or more sentences and no reader address is prose."""
PROTECT_SUBHEAD_TITLE_RATIO = 0.6
"""A short body line above a paragraph with fewer capitalised words than this is a subhead, not a promo headline."""
PROTECT_LIST_INTRO_WORDS = 3
"""...if that line is a sentence ('The worst-hit areas were:'), not a label ('3 comments:')."""
PROTECT_LIST_ITEMS = 12
"""Short lines this close under a body line ending in ':' are the story's list items."""

_CTA = _compile(
    r"\b(?:sign(?:ing)? up|subscrib\w*|support\w*|join\w*|follow\w*|download\w*|click\w*|tap|share|contribut\w*|"
    r"donat\w*|register\w*|listen\w*|watch\w*|read more|get in touch|learn more|see more|view|contact\w*|email\w*|"
    r"log ?in|sign in|upgrade|become a|try|visit)\b",
    re.I,
)
_CTA_START = _compile(
    r"^\W*(?:sign|subscribe|support|join|follow|download|click|tap|share|contribute|donate|register|listen|watch|"
    r"read|get|learn|see|view|contact|email|log|try|visit|find|discover|explore|check|keep|stay|press|want|"
    r"become|help|don't miss|never miss)\b(?![-‐])",  # "Sign up", not "Sign-ups rose"
    re.I,
)
_MARKETING = _compile(
    r"\b(?:free|offer\w*|today|now|premium|membership|members?|exclusive|unlimited|newsletters?|subscription\w*|"
    r"paywall|deal|sale|discount|trial|per cent off|% off|tickets?|sponsor\w*|advert\w*|ad|ads|cookies?|privacy|"
    r"terms|licen[cs]e|rights reserved|follow(?:ers|ing)|comments?|posts?|labels?|tags?|related|topics?|more)\b",
    re.I,
)
_SELLING = _compile(
    r"\b(?:free trial|offers?|premium|membership|exclusive|unlimited|newsletters?|subscriptions?|paywall|discount|"
    r"per cent off|% off|sponsored|advert\w*|ads|cookies?|privacy (?:policy|notice|settings)|terms (?:of|and) |"
    r"rights reserved|followers)\b",
    re.I,
)
"""The words of a sales line. ``_MARKETING`` is wider (today, members, more, trial...) and fine as a
feature's count, but a story's plain sentence ("The trial continues on Monday.") must keep its protection."""
_ADDRESS2 = _compile(r"\b(?:you|your|yours|we|us|our|we're|you're|we've|you'll)\b", re.I)
_SELF_REFERENCE = _compile(
    r"\b(?:this (?:article|story|page|post|site|website|newsletter|blog|piece|feature|podcast|episode)|"
    r"our (?:reporting|journalism|journalists|newsroom|team|news team|site|website|app|newsletters?|readers|"
    r"coverage|work|mission|privacy|cookie)|readers like you|the audio version|text-to-speech|"
    r"(?:this|the) (?:audio|video) (?:version|player))\b",
    re.I,
)
_SOCIAL_NAME = _compile(rf"\b(?:{_SOCIAL}|podcast|app|newsletter)\b", re.I)
_FIRST_SINGULAR = _compile(r"\b(?:I|my|me|I'm|I've)\b")
_REPORTING = _compile(
    r"\b(?:said|says|told|according to|added|explained|warned|argued|estimated|found|showed|reported|announced|"
    r"(?:has|have|had|was|were) (?:approached|contacted)|declined to comment|did not (?:immediately )?respond)\b",
    re.I
)
_QUOTE = _compile(r"[\"“”]|(?:^|\s)[‘'][A-Z]")
_LINKISH = _compile(r"https?://|www\.|\b[\w.\-]+\.(?:com|org|net|co\.uk|uk|gov|io|ke|in|sg|ca)\b|@\w|[\w.\-]+@[\w\-]+\.")
_SYMBOLS = _compile(r"[|•·›»→↗▶►©®™#]|\.{3}$|…$")
_LABEL_COLON = _compile(r"^[\w'’&\- ]{1,30}:(?:\s|$)")
_TIME_SHAPE = _compile(rf"\b\d{{1,2}}[:.]\d{{2}}\b|\b\d{{1,2}}\s*(?:am|pm)\b|\b(?:{_MONTHS})\b\.?\s*\d|\b\d{{1,2}}\s+(?:{_MONTHS})\b", re.I)
_COUNT_NOUN = _compile(r"^\W*[\d.,]+\s*[km]?\s+\w+\W*$|\b\d[\d.,]*[km]?\s+(?:followers|comments|replies|likes|views|shares)\b", re.I)
_CREDIT_SHAPE = _compile(
    r"(?:\b(?:photo(?:graph)?|picture|image|credit|file photo|illustration|graphic|chart|data|source)s?\b\s*(?::|by\b|credit\b|courtesy\b).{0,40}$)|"
    r"(?:\bcourtesy(?: of)?\b.{0,40}$)|(?:\((?:photo|picture|image|file)\b[^()]{0,40}\)\s*$)|"
    r"(?:[A-Z][a-z]+ [A-Z][\w'’\-]+/[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2}\s*$)|(?:\b[A-Z]{2,}(?: [A-Z]{2,})*:? [A-Z .]{3,}$)",
)
_COMMERCE = _compile(
    r"[£$€¥₹]\s?\d[\d.,]*(?!\d|[.,]\d|\s?(?:m|bn|k|million|billion|trillion)\b)|\b(?:tickets?|on sale|sale now|"
    r"offers?|discount code|early[- ]bird|book (?:now|today|online|your)|buy (?:now|today|online|your)|deals?|voucher|"
    r"promo(?:tion)? code|season tickets?|renew (?:now|today|your)|deadline|while stocks last|limited (?:time|offer|places)|"
    r"(?:t&cs?|terms and conditions|restrictions|conditions) apply|available (?:now|online|to (?:order|buy|book)))\b",
    re.I,
)
_SCENE_CUE = _compile(
    r"\bpictured\b|\((?:left|right|centre|center|l|r|l-r|above|below|top|bottom|inset)\)|\b(?:left|right|centre|"
    r"center)\b(?=\s*[,)]|\s+to\s+right)|,\s*\d{1,3},|\(\d{1,3}\)|\bseen (?:here|at|in|on)\b|"
    r"^\w+(?: \w+){0,3} (?:pose|poses|posing|stands|stand|standing|sits|sit|sitting|walks|walk|walking|holds|hold|"
    r"holding|look|looks|looking|take|takes|taking|cool|cools|gather|gathers|arrive|arrives|celebrate|celebrates|"
    r"wait|waits|work|works|kneel|kneels|block|blocks|fill|fills|guard|guards|clear|clears|watch|watches|wave|waves|"
    r"march|marches|queue|queues|ride|rides|carry|carries|inspect|inspects|shelter|shelters|attend|attends|survey|surveys|"
    r"play|plays|rally|rallies|hug|hugs|greet|greets|visit|visits|protest|protests|prepare|prepares|rest|rests)\b",
    re.I,
)
_PAST = _compile(
    r"\b(?:\w{3,}ed|was|were|had|did|said|told|went|came|took|made|found|began|became|been|rose|fell|grew|won|lost|paid|"
    r"sold|spent|left|led|met|ran|saw|gave|got|held|kept|brought|bought|built|chose|drew|drove|fought|flew|heard|knew|"
    r"meant|rode|shot|stood|struck|threw|wrote|broke|caught|sank|swung|slid|shrank|hit|cut|put|set|quit|spread)\b",
    re.I,
)
_FINITE = _compile(
    r"\b(?:is|are|am|was|were|be|has|have|had|do|does|did|will|would|can|could|may|might|must|shall|should|"
    r"says|said|gets|goes|makes|takes|comes|says|seems|remains|includes|means|needs|wants|plans|faces|"
    r"isn't|aren't|wasn't|weren't|hasn't|haven't|don't|doesn't|didn't|won't|can't|it's|there's|that's)\b",
    re.I,
)
"""Words that make a clause finite, with ``_PAST``: a caption ("Crofters gathering sheep near Barvas.") has none."""
_CAPTION_TIME_END = _compile(
    rf"\b(?:(?:in|on|during|at|from) (?:(?:early|late|mid-?)\s?)?(?:(?:{_MONTHS})\.?(?: \d{{1,2}})?(?:,? \d{{4}})?|\d{{4}}|"
    rf"(?:{_DAYS})(?: (?:morning|afternoon|evening|night))?)|(?:this|last) (?:week|month|year|spring|summer|autumn|fall|winter))"
    r"[\s\"'”’)]*\.?[\s\"'”’)]*$",
    re.I,
)
"""A caption's closing 'when' ("... near Ulverston in February 2024."): stories put the date beside a past-tense verb."""
_HEADLINE_VERB = _compile(r"\b[a-z]{3,}(?<!ss)(?<!us)(?<!is)(?<!ous)s\b (?:[a-z]|\d|[£$€])")
"""Headline grammar: a present-tense verb for a past event ("Whisky giant cuts 90 jobs")."""
_CAPS_NAME = _compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
_FEATURE_NAMES: tuple[str, ...] = (
    "bias", "log_words", "words_le_3", "words_le_8", "words_ge_25", "punctuated", "ends_full_stop", "ends_question",
    "ends_exclaim", "title_case_ratio", "all_caps_ratio", "reader_address", "first_person_singular", "cta_verb",
    "starts_cta", "marketing_words", "publisher_name", "digit_ratio", "time_or_date", "link_email_handle",
    "symbols", "label_colon", "count_noun", "credit_shape", "sentences", "reporting_verb", "quote_marks",
    "before_headline", "after_last_paragraph", "relative_position", "prev_rule", "next_rule", "rule_neighbours",
    "prev_short_free", "next_short_free", "headline_overlap", "wrapped", "avg_word_len", "prev_reader_address",
    "next_reader_address", "prev_cta", "next_cta", "in_body", "address_unquoted", "self_reference", "plea_words",
    "reader_question", "sell_score", "subhead_shape", "closing_above", "pre_body", "prev_credit", "next_credit",
    "social_name", "commerce", "scene_cue", "past_tense", "shorter_than_neighbours", "shares_names_next",
    "commenter", "between_paragraphs", "next_is_header_like",
    "lexical_mean", "lexical_max", "lexical_prev", "lexical_next", "headline_like", "overlap_below",
    "verbless", "caption_when", "headlinese",
)
"""Feature names, in the order the model's weights use (the JSON lists them too; they must match)."""
FEATURE_CACHE_LINES = 4096
"""A line's own features are the same in every model round (and the trainer asks many times)."""
LEXICAL_FEATURES = ("lexical_mean", "lexical_max", "lexical_prev", "lexical_next")
"""What the model's word table says of a line and its neighbours (see ``lexical_columns``)."""
_LEXICAL_TOKEN = _compile(r"[a-z][a-z'’]+")


@lru_cache(maxsize=FEATURE_CACHE_LINES)
def lexical_tokens(text: str) -> frozenset[str]:
    """The distinct lower-case words and word pairs of a line, as the word table counts them
    (pairs: "sign up", "appeared first", "privacy statement" say more than their words)."""
    found = _LEXICAL_TOKEN.findall(text.lower())
    return frozenset(found) | frozenset(f"{a} {b}" for a, b in zip(found, found[1:]))


def lexical_columns(texts: Sequence[str], lexicon: Mapping[str, float]) -> list[tuple[float, float, float, float]]:
    """Per line: the mean and the largest furniture log-odds of its known words, and the mean of
    the lines above and below. Furniture speaks a register of its own ("sign up", "privacy",
    "gallery", "offers") across publishers; the table learns it from every annotated page."""
    own: list[tuple[float, float]] = []
    for text in texts:
        values = [lexicon[w] for w in lexical_tokens(text) if w in lexicon]
        own.append((math.fsum(values) / len(values), max(values)) if values else (0.0, 0.0))  # fsum: any set order
    return [
        (mean, top, own[i - 1][0] if i > 0 else 0.0, own[i + 1][0] if i + 1 < len(own) else 0.0)
        for i, (mean, top) in enumerate(own)
    ]


@dataclass(frozen=True)
class FurnitureModel:
    """Standardised-feature logistic regression; ``threshold`` was picked in cross-validation."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    lexicon: Mapping[str, float] = field(default_factory=dict)
    """Word -> log-odds that a line holding it is furniture (words seen on several pages only)."""

    def probability(self, row: list[float]) -> float:
        z = sum(w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.mean, self.scale))
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
            "lexicon": {w: round(v, 3) for w, v in sorted(self.lexicon.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FurnitureModel:
        feats = tuple(data["features"])
        if feats != _FEATURE_NAMES:
            raise ConfigError(
                "the furniture model was trained on different features than this cleaner computes",
                fix="retrain it: python scripts/train_furniture.py",
            )
        return cls(feats, tuple(data["weights"]), tuple(data["mean"]), tuple(data["scale"]), float(data["threshold"]),
                   dict(data.get("lexicon", {})))


def feature_names() -> tuple[str, ...]:
    """The model's input features, in weight order."""
    return _FEATURE_NAMES


def load_model(path: Path) -> FurnitureModel:
    """Read a model JSON written by scripts/train_furniture.py."""
    import json

    try:
        return FurnitureModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the furniture model {path}: {exc}", fix="retrain it: python scripts/train_furniture.py") from exc


@lru_cache(maxsize=1)
def shipped_model() -> FurnitureModel | None:
    """The model shipped in readaloud/data (None, with a warning, if it is missing)."""
    if not MODEL_PATH.exists():
        log.warning("no furniture model at %s; only the rules clean", MODEL_PATH)
        return None
    return load_model(MODEL_PATH)


def _title_ratio(words: list[str]) -> float:
    alpha = [w for w in words if w[:1].isalpha()]
    return sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0


@lru_cache(maxsize=FEATURE_CACHE_LINES)
def _own_features(text: str) -> dict[str, float]:
    words = text.split()
    n = max(1, len(words))
    chars = max(1, len(text))
    return {
        "log_words": math.log1p(len(words)),
        "words_le_3": float(len(words) <= 3),
        "words_le_8": float(len(words) <= 8),
        "words_ge_25": float(len(words) >= 25),
        "punctuated": float(is_punctuated(text)),
        "ends_full_stop": float(bool(re.search(r"\." + _END + "$", text))),
        "ends_question": float(bool(re.search(r"\?" + _END + "$", text))),
        "ends_exclaim": float(bool(re.search(r"!" + _END + "$", text))),
        "title_case_ratio": _title_ratio(words),
        "all_caps_ratio": sum(w.isupper() and len(w) > 1 for w in words) / n,
        "reader_address": min(3.0, len(_ADDRESS2.findall(text))) / max(1.0, n / 10),
        "first_person_singular": float(bool(_FIRST_SINGULAR.search(text))),
        "cta_verb": min(2.0, len(_CTA.findall(text))),
        "starts_cta": float(bool(_CTA_START.match(text))),
        "marketing_words": min(3.0, len(_MARKETING.findall(text))) / max(1.0, n / 10),
        "digit_ratio": sum(c.isdigit() for c in text) / chars,
        "time_or_date": float(bool(_TIME_SHAPE.search(text))),
        "link_email_handle": float(bool(_LINKISH.search(text))),
        "symbols": float(bool(_SYMBOLS.search(text))),
        "label_colon": float(bool(_LABEL_COLON.match(text))),
        "count_noun": float(bool(_COUNT_NOUN.search(text))),
        "credit_shape": float(bool(_CREDIT_SHAPE.search(text))),
        "sentences": min(4.0, len(_TWO_SENTENCES.findall(text)) + float(is_punctuated(text))),
        "reporting_verb": float(bool(_REPORTING.search(text))),
        "quote_marks": float(bool(_QUOTE.search(text))),
        "avg_word_len": sum(len(w) for w in words) / n,
        "social_name": float(bool(_SOCIAL_NAME.search(text))),
        "address_unquoted": float(bool(_ADDRESS2.search(text)) and not _QUOTE.search(text) and not _REPORTING.search(text)),
        "self_reference": float(bool(_SELF_REFERENCE.search(text))),
        "plea_words": min(3.0, len(_PLEA_CUES.findall(text))),
        "reader_question": float(text.rstrip().endswith("?") and bool(_ADDRESS2.search(text))),
        "commerce": min(3.0, len(_COMMERCE.findall(text))) / max(1.0, n / 10),
        "scene_cue": float(bool(_SCENE_CUE.search(text))),
        "past_tense": min(3.0, len(_PAST.findall(text))) / max(1.0, n / 10),
        "commenter": float(_is_commenter(text)),
        "verbless": float(len(words) >= 4 and not _FINITE.search(text) and not _PAST.search(text)),
        "caption_when": float(bool(_CAPTION_TIME_END.search(text)) and not _PAST.search(text) and not _REPORTING.search(text)),
        "sell_score": min(6.0, len(_CTA.findall(text)) + len(_MARKETING.findall(text)) + len(_ADDRESS2.findall(text))
                          + len(_PLEA_CUES.findall(text)) - 2 * len(_REPORTING.findall(text))),
    }


_COMMON_CAPS = _TITLE_WORDS | frozenset("i and or but if by of we you your our us more new read".split())


def _publisher_names(c: _Cleaner) -> frozenset[str]:
    """Capitalised words repeated across the rule-marked furniture: the site naming itself."""
    counts: Counter[str] = Counter()
    for ln in c.lines:
        if ln.rule is not None and ln.rule != "headline":
            caps = {w.strip(".,:;!?'’\"()") for w in ln.text.split() if w[:1].isupper()}
            counts.update(w for w in caps if len(w) > 2 and w.lower() not in _COMMON_CAPS)
    return frozenset(w for w, k in counts.items() if k >= 2)


def _feature_rows(c: _Cleaner, lexicon: Mapping[str, float]) -> list[list[float]]:
    """One feature row per logical line, from the cleaner's state after the rule passes."""
    lines = c.lines
    own = [_own_features(ln.text) for ln in lines]
    lexical = lexical_columns([ln.text for ln in lines], lexicon)
    names = _publisher_names(c)
    long_idx = [i for i, ln in enumerate(lines) if ln.body_prose]
    last = long_idx[-1] if long_idx else len(lines)
    head = c.headline_at if c.headline_at is not None else -1
    head_words = set(_norm(lines[head].text).split()) if head >= 0 else set()
    marked = [ln.rule is not None and ln.rule != "headline" for ln in lines]
    short_free = [ln.rule is None and not ln.prose and ln.words <= SUBHEAD_MAX_WORDS for ln in lines]
    rows = []
    closing_seen = False  # a sign-up/tags/comments block has begun above this line
    total = max(1, len(lines) - 1)
    for i, ln in enumerate(lines):
        f = dict(own[i])
        f["bias"] = 1.0
        caps = {w.strip(".,:;!?'’\"()") for w in ln.text.split() if w[:1].isupper()}
        f["publisher_name"] = float(bool(caps & names))
        f["before_headline"] = float(i < head)
        f["after_last_paragraph"] = float(i > last)
        f["relative_position"] = i / total
        f["prev_rule"] = float(i > 0 and marked[i - 1])
        f["next_rule"] = float(i + 1 < len(lines) and marked[i + 1])
        f["rule_neighbours"] = sum(marked[j] for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i) / 4
        f["prev_short_free"] = float(i > 0 and short_free[i - 1])
        f["next_short_free"] = float(i + 1 < len(lines) and short_free[i + 1])
        mine = set(_norm(ln.text).split())
        f["headline_overlap"] = len(mine & head_words) / max(1, len(mine)) if i != head else 0.0
        f["wrapped"] = float(ln.wrapped)
        for side, j in (("prev", i - 1), ("next", i + 1)):
            ok = 0 <= j < len(lines)
            f[f"{side}_reader_address"] = own[j]["reader_address"] if ok else 0.0
            f[f"{side}_cta"] = own[j]["cta_verb"] if ok else 0.0
        f["in_body"] = float(c.first_body <= i <= last)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        f["subhead_shape"] = float(
            not ln.prose and ln.words <= SUBHEAD_MAX_WORDS and c.first_body <= i < last and nxt is not None
            and nxt.body_prose
        )
        f["closing_above"] = float(closing_seen)
        f["pre_body"] = float(head < i < c.first_body)
        f["prev_credit"] = own[i - 1]["credit_shape"] if i > 0 else 0.0
        f["next_credit"] = own[i + 1]["credit_shape"] if i + 1 < len(lines) else 0.0
        prose_above = i > 0 and lines[i - 1].body_prose
        prose_below = nxt is not None and nxt.body_prose
        f["between_paragraphs"] = float(prose_above and prose_below)
        around = [lines[j].words for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j].rule is None]
        f["shorter_than_neighbours"] = (
            max(0.0, 1.0 - ln.words / (sum(around) / len(around))) if around and ln.words else 0.0
        )
        mine_names = set(_CAPS_NAME.findall(ln.text))
        f["shares_names_next"] = (
            len(mine_names & set(_CAPS_NAME.findall(nxt.text))) / len(mine_names) if nxt is not None and mine_names else 0.0
        )
        f["next_is_header_like"] = float(
            nxt is not None and nxt.rule is None and not nxt.prose and nxt.words <= SUBHEAD_MAX_WORDS
            and _title_ratio(nxt.text.split()) >= PROTECT_SUBHEAD_TITLE_RATIO
        )
        f.update(zip(LEXICAL_FEATURES, lexical[i]))
        f["headline_like"] = float(
            HEADLINE_LIKE_WORDS[0] <= ln.words <= HEADLINE_LIKE_WORDS[1] and not is_punctuated(ln.text) and ln.text[:1].isupper()
        )
        f["headlinese"] = float(f["headline_like"] and bool(_HEADLINE_VERB.search(ln.text)))
        # A subhead introduces what follows and shares its words; a promo for another story does not.
        mine_words = {w for w in _norm(ln.text).split() if len(w) > 3}
        below = " ".join(lines[k].text for k in range(i + 1, min(len(lines), i + 3)) if lines[k].rule is None)
        f["overlap_below"] = len(mine_words & set(_norm(below).split())) / len(mine_words) if mine_words else 0.0
        if ln.rule in _CLOSING_RULES and i > c.first_body:
            closing_seen = True
        rows.append([f[name] for name in _FEATURE_NAMES])
    return rows


BODY_LIST_MIN_ITEMS = 2
"""A subhead needs this many same-shaped items under it to count as the story's list."""
BODY_LIST_LABEL_WORDS = 6
"""'Central Library: ...' - an item's label is at most this many words..."""
BODY_LIST_DETAIL_WORDS = 3
"""...and its detail at least this many."""
BODY_LIST_ITEM_WORDS = 4
"""A bulleted or plain item has at least this many words."""
BODY_LIST_RUNNING = 0.5
"""An item's running words: fewer than this share of them capitalised (not a Title Case link)."""
_WEAK_RULES = frozenset({None, "short-line", "furniture-run", "trailer", "list"})
"""Rules that judge a line by its shape alone; a story's list may undo them (not pattern hits)."""
_ITEM_BULLET = _compile(r"^\s*(?:[•·▪◦‣*\-–—]|\d{1,2}[.)])\s+(\S.*)$")
_ITEM_LABEL = _compile(r"^([^:]{2,40}):\s+(\S.*)$")


_QUESTION_SUBHEAD = _compile(r"^[^.!?]+\?$")
"""'What does the union want?': a one-question subhead (no sentence before it)."""


def _item_shape(text: str) -> str | None:
    """The shape of a list item of the story itself, or None (a link, a label, a headline)."""
    if _LINKISH.search(text) or _talks_to_reader(text):
        return None
    m = _ITEM_BULLET.match(text)
    if m:
        rest = m.group(1).split()
        return "bullet" if len(rest) >= BODY_LIST_ITEM_WORDS and _title_ratio(rest[1:]) < BODY_LIST_RUNNING else None
    m = _ITEM_LABEL.match(text)
    if m:
        label, detail = m.group(1).split(), m.group(2).split()
        if len(label) <= BODY_LIST_LABEL_WORDS and len(detail) >= BODY_LIST_DETAIL_WORDS and (
            any(ch.isdigit() for ch in m.group(2)) or _title_ratio(detail[1:]) < BODY_LIST_RUNNING
        ):
            return "label"
        return None
    words = text.split()
    return "plain" if len(words) >= BODY_LIST_ITEM_WORDS and _title_ratio(words[1:]) < BODY_LIST_RUNNING else None


def _talks_to_reader(text: str) -> bool:
    """'Press play to listen to this article': the page about itself, never a headline."""
    return bool(_SELF_REFERENCE.search(text) or _CTA_START.match(text) and _ADDRESS2.search(text))


def _beside_credit(c: _Cleaner, i: int) -> bool:
    """A statement right above or below a photo credit may be that photo's caption."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(c.lines):
            other = c.lines[j]
            if other.words <= CAPTION_MAX_WORDS and (other.rule in ("caption", "caption-context") or _CREDIT_SHAPE.search(other.text)):
                return True
    return False


BRIDGE_MIN_WORDS = 2
"""A subhead between two body paragraphs has at least this many words ('Road closures')..."""
BRIDGE_MAX_WORDS = 5
"""...and at most this many; a lone word ('Share', '2') there is a button or a counter."""


_BRIDGE_AGENCY = _compile(rf"\b(?:{_AGENCIES})\b", re.I)


def _bridge_subhead(c: _Cleaner, i: int) -> bool:
    """'NO SHAME', 'Road closures', 'So what changed?': a few words straight between two kept body
    paragraphs, naming nothing outside the story (no link, reader address, marketing or sign-up
    'Support HuffPost')."""
    if not 0 < i < len(c.lines) - 1 or i - 1 <= c.first_body:
        return False
    ln, prev, nxt = c.lines[i], c.lines[i - 1], c.lines[i + 1]
    text = ln.text
    if not BRIDGE_MIN_WORDS <= ln.words <= BRIDGE_MAX_WORDS or ln.prose and not _QUESTION_SUBHEAD.search(text):
        return False
    if not all(b.body_prose for b in (prev, nxt)):
        return False
    rest = text.split()[1:]
    if _LINKISH.search(text) or _ADDRESS2.search(text) or _MARKETING.search(text) or _talks_to_reader(text) or _LABEL_COLON.match(text):
        return False
    if any(_LINKISH.search(b.text) or _talks_to_reader(b.text) for b in (prev, nxt)):
        return False  # a disclaimer or sign-off paragraph below the credit, not the story
    if _CTA_START.match(text) and _title_ratio(rest) > 0 or c._any_rule(text) or _BRIDGE_AGENCY.search(text):
        return False
    return not {w.strip(".,:;!?'’\"()") for w in text.split()} & _publisher_names(c)


_FOR_COMMENT = _compile(
    r"\b(?:approached|contacted|asked) .{1,80} for (?:further |a )?comment\b|\b(?:was|were|is|are|has been|have been) "
    r"(?:not )?(?:unavailable|available|reached) for comment\b|\bdeclined to comment\b|\b(?:did not|didn't) "
    r"(?:immediately )?respond to (?:a |our )?requests? for comment\b",
    re.I,
)
QUESTION_SUBHEAD_MAX_WORDS = 8
PROTECT_FACT_WORDS = 6


def _body_prose(c: _Cleaner, i: int) -> bool:
    return 0 <= i < len(c.lines) and c.lines[i].body_prose


def _protected(c: _Cleaner, i: int) -> bool:
    """Positive evidence of prose: the model may not remove this line."""
    ln = c.lines[i]
    text = ln.text
    if i in c.body_list or _bridge_subhead(c, i):
        return True  # the story's own list (see _Cleaner._body_lists), or a subhead between paragraphs
    head = c.headline_at if c.headline_at is not None else -1
    after_run = i > c.first_body and i >= 2 and all(c.lines[j].rule not in (None, "headline") for j in (i - 1, i - 2))
    if (
        ln.words >= PROTECT_PLAIN_WORDS
        and ln.text.endswith(".")
        and i > head
        and not (after_run and not _TWO_SENTENCES.search(text))
        and not (_ADDRESS2.search(text) or _CTA.search(text) or _SELLING.search(text) or _LINKISH.search(text)
                 or _CREDIT_SHAPE.search(text) or _LABEL_COLON.match(text) or _SELF_REFERENCE.search(text)
                 or _beside_credit(c, i))
    ):
        return True  # a plain statement: nothing in it sells, links, credits or talks to the reader
    if ln.words >= PROTECT_SPEECH_WORDS and _QUOTE.search(text) and _REPORTING.search(text):
        return True
    if _FOR_COMMENT.search(text) and not _ADDRESS2.search(text):
        return True  # "X has approached the council for comment": the reporter's own line
    if (
        i > c.first_body and ln.words >= PROTECT_FACT_WORDS and text.endswith(".") and any(ch.isdigit() for ch in text)
        and _PAST.search(text) and not _ADDRESS2.search(text) and not _CTA_START.match(text) and not _LINKISH.search(text)
    ):
        return True  # "Sign-ups to the newsletter rose by 40% last year.": a reported fact, whatever its words
    if (
        c.first_body < i and ln.words <= QUESTION_SUBHEAD_MAX_WORDS and _QUESTION_SUBHEAD.match(text)
        and not _ADDRESS2.search(text) and _body_prose(c, i - 1) and _body_prose(c, i + 1)
    ):
        return True  # "Why now?" between two paragraphs: a question subhead
    under_meta = i == c.first_body - 1 and i > 0 and c.lines[i - 1].rule in _META_RULES | {"headline"}
    under_widget = i > 0 and c.lines[i - 1].rule in _WIDGET_RULES  # 'This field is required' under a sign-up button
    if (
        (c.first_body < i or under_meta) and (c.headline_at or -1) < i and not ln.prose and ln.words <= SUBHEAD_MAX_WORDS
        and not under_widget
    ):
        nxt = c.lines[i + 1] if i + 1 < len(c.lines) else None
        if (
            nxt is not None and nxt.rule is None and nxt.prose
            and (nxt.words >= TRAILER_SENTENCE_WORDS or nxt.text.endswith(":") and nxt.words >= PROTECT_LIST_INTRO_WORDS)
            and _title_ratio(text.split()) < PROTECT_SUBHEAD_TITLE_RATIO and not _ADDRESS2.search(text)
            and not _talks_to_reader(text) and not _CTA_START.match(text)
        ):
            return True  # a sentence-case subhead over a paragraph ("Follow the money")
        j = i - 1
        while j >= 0 and c.lines[j].rule is None and not c.lines[j].prose and c.lines[j].words <= SUBHEAD_MAX_WORDS:
            j -= 1
        intro = c.lines[j] if j >= 0 else None
        if (
            intro is not None and j >= c.first_body and intro.rule is None and intro.text.endswith(":")
            and intro.words >= PROTECT_LIST_INTRO_WORDS and i - j <= PROTECT_LIST_ITEMS
        ):
            return True  # an item of a list the story introduces ("The affected areas are:")
    if (
        ln.words >= PROTECT_BODY_WORDS
        and len(_TWO_SENTENCES.findall(text)) >= 1
        and not _ADDRESS2.search(text)
        and c.first_body <= i
    ):
        return True
    return False


@dataclass(frozen=True)
class FeatureRow:
    """A logical line after the rule passes, with the model's features (for training)."""

    lineno: int
    last_lineno: int
    text: str
    rule: str | None
    protected: bool
    features: tuple[float, ...]


def furniture_rows(
    doc: Document | str, rules: RuleSet | None = None, lexicon: Mapping[str, float] | None = None
) -> list[FeatureRow]:
    """Run the rule passes only and return every logical line with its model features
    (the lexical ones from ``lexicon``; the trainer fills them in per fold)."""
    if isinstance(doc, str):
        doc = Document(text=doc, source="<string>")
    ruleset = default_rules() + rules if rules is not None else default_rules()
    c = _Cleaner(doc, ruleset)
    c._rule_passes()
    rows = _feature_rows(c, lexicon or {})
    return [
        FeatureRow(ln.lineno, ln.last_lineno, ln.text, ln.rule, _protected(c, i), tuple(rows[i]))
        for i, ln in enumerate(c.lines)
    ]


_PATTERN_CACHE.save()  # after the last module-level pattern: the next start reads them back
