"""Split: Article -> Script, one paragraph at a time into sentences.

Sentence boundaries come from NLTK's Punkt, run fully offline with parameters
trained by ``scripts/train_punkt.py`` on text written for this project and
shipped as ``readaloud/data/punkt_en.json`` (no ``nltk.download``, no
``nltk.data.load``). Punkt finds the candidate ends, decides plain full stops,
"?" and "!", keeps closing quotes/brackets with their sentence and knows the
abbreviations; it has known blind spots in news prose, so a few small fix-up
rules run on its output:

merge (remove a Punkt boundary)
  M1 the next sentence would start with a lower-case word ("?" she asked.)
  M2 "?"/"!" + closing quote, then a capitalised name and a speech verb
     ("Why?" Mr. Chen asked.)
  M3 after a title or prefix abbreviation (Sen., St., Feb., No., J.) unless a
     pronoun/determiner-like sentence starter follows
  M4 after any abbreviation when a number follows (Feb. 3, No. 10)
  M5 never leave a "sentence" that is a lone abbreviation ("U.S." + "President ...")

split (add a boundary Punkt missed)
  S1 an abbreviation that can end a sentence (U.S., a.m., Inc., Jr., ...)
     followed by a common sentence starter (The, It, She, ...); for
     capital-letter acronyms (U.S., U.K., D.C.) and prefix abbreviations that
     is the only way to end a sentence; for company suffixes and the like
     (Inc., Ltd., Jr.) a following title (Mr., Dr.) may also end it
  S2 an ellipsis followed by a capitalised word
  S3 "etc." followed by any capitalised word
  S4 "a.m."/"p.m." followed by a capitalised word that is not a day, month or
     time zone ("at 5 p.m. Police said" vs "at 5 p.m. Monday")
  S5 after a plain full stop, a camel-case brand starts a sentence ("eBay", "iPhone")
  S6 a month abbreviation before a capitalised word ("in late Nov. Funding ...")
  S7 a name suffix (Inc., Ltd., Jr.) before a capitalised word and then a lower-case
     one ("Apple Inc. Shares fell" vs "Apple Inc. Chief Executive Tim Cook")

Punkt's own orthographic evidence after abbreviations is not used: trained on
a few thousand words it is too sparse to separate "Acme Inc. Chief Executive
Jane Doe" from a new sentence, and the starter-word test is more reliable.

Where no rule fires Punkt's decision stands. Text is never altered: sentences
are slices of the paragraph with the whitespace between them dropped.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import ModuleType

from .errors import ConfigError
from .models import Article, Script


def _import_punkt() -> ModuleType:
    """nltk.tokenize.punkt, without running nltk's and nltk.tokenize's package __init__s.

    ``import nltk`` loads every corner of NLTK, scipy.stats among them: half a second
    on each command, three times the cost of synthesising an article with espeak-ng.
    Punkt needs four small modules. The two packages are entered bare just long
    enough to import it; then every nltk module is taken out of sys.modules again
    (this module keeps the classes it needs), so a later ``import nltk`` in the
    caller's own code loads NLTK fresh and whole. Falls back to a plain import.
    """
    if "nltk.tokenize.punkt" in sys.modules or "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    bare: list[str] = []
    try:
        for name in ("nltk", "nltk.tokenize"):
            spec = importlib.util.find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                raise ImportError(name)
            package = ModuleType(name)
            package.__path__ = list(spec.submodule_search_locations)
            package.__spec__ = spec
            package.__file__ = spec.origin
            sys.modules[name] = package
            bare.append(name)
        return importlib.import_module("nltk.tokenize.punkt")
    except Exception:  # any surprise: the ordinary, slower import
        for name in list(sys.modules):
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
        bare.clear()
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        if bare:
            for name in list(sys.modules):
                if name == "nltk" or name.startswith("nltk."):
                    del sys.modules[name]


_punkt = _import_punkt()
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer

log = logging.getLogger(__name__)

PARAMS_RESOURCE = "punkt_en.json"
"""Punkt parameters inside the readaloud.data package directory."""

# --- word classes used by the fix-up rules --------------------------------

TITLE_ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mmes prof gen lt col sgt capt gov sen rep rev hon pres supt
    cmdr adm maj cpl pvt insp det fr brig cllr amb atty lieut
    """.split()
)
"""Titles before a name: never end a sentence, but may start one."""

NEVER_FINAL_ABBREVIATIONS = TITLE_ABBREVIATIONS | frozenset("e.g i.e vs cf approx".split())
"""Titles and connectives: always followed by more of the same sentence."""

PREFIX_ABBREVIATIONS = frozenset(
    """
    dr st mt ft no nos fig figs vol vols p pp univ dept
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
"""Abbreviations that normally precede a name or number, but *can* end a
sentence (Elm St., "said no.") - then only before a clear sentence starter."""

SENTENCE_STARTERS = frozenset(
    """
    the a an this that these those there it its he his him she her they their
    them we our us i you your my me one
    but and or so yet nor however meanwhile still instead also then now later
    earlier today yesterday tomorrow
    in on at by for from with without after before during since until when
    while where if as although though because despite once under over among
    some many most several few all both each every no none nobody nothing
    neither either not only even such other others another
    what who whom whose why how which here
    """.split()
)
"""Function words that begin sentences but essentially never continue a name
after an abbreviation ("... in the U.S. The deal ..." vs "U.S. Supreme Court")."""

MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
"""A month abbreviation before a capitalised word ends a sentence ("in late Nov. Funding
comes ..."): in a date a number would follow ("Nov. 14")."""

SUFFIX_ABBREVIATIONS = frozenset("inc ltd co corp plc llc bros jr sr".split())
"""Name suffixes: before a capitalised word followed by a lower-case one they end the
sentence ("Apple Inc. Shares fell"); before two capitalised words they do not
("Apple Inc. Chief Executive Tim Cook")."""

TIME_ABBREVIATIONS = frozenset({"a.m", "p.m"})
TIME_CONTINUATIONS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
    thur thurs fri sat sun
    january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    eastern central mountain pacific atlantic local gmt bst utc cet cest est edt
    cst cdt mst mdt pst pdt et ct pt ist aest jst
    """.split()
)
"""After "5 p.m." only a day, month or time zone continues the sentence."""

SPEECH_VERBS = frozenset(
    """
    said says asked asks added adds replied replies told tells wrote writes
    shouted shouts cried cries whispered whispers insisted insists explained
    explains continued continues demanded demands wondered wonders recalled
    recalls argued argues noted notes declared declares exclaimed exclaimed
    """.split()
)
"""Attribution verbs after a quoted question/exclamation: '"Why?" Mr Lee asked.'"""

ATTRIBUTION_MAX_NAME_WORDS = 4
"""How many capitalised words (title + names) may stand before the speech verb."""

# --- patterns ---------------------------------------------------------------

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
# A place where a sentence may end: terminal punctuation, any closing quotes or
# brackets, then whitespace and more text.
_CANDIDATE = re.compile(rf"(?:\.\.\.|…|[.?!])+[{re.escape(_CLOSERS)}]*(?=\s+\S)")
_ELLIPSIS_END = re.compile(rf"(?:\.\.\.|…)[{re.escape(_CLOSERS)}]*$")
_WORD_BEFORE = re.compile(rf"(\S*?)[.?!…]*[{re.escape(_CLOSERS)}]*$")
_LAST_TOKEN = re.compile(r"\S+$")
_TOKEN_LOOKBEHIND = 200
"""Characters searched back for the word before a full stop (bounded for speed)."""
_NEXT_WORDS = re.compile(r"\S+")
_INTERNAL_PERIODS = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Candidate:
    end: int
    """Offset just after the punctuation and closers: where the sentence would end."""
    punct: str
    word: str
    """The word the punctuation is attached to, without the punctuation."""
    following: tuple[str, ...]
    """The next few whitespace-separated tokens."""


@lru_cache(maxsize=1)
def _params() -> PunktParameters:
    """Load the shipped Punkt parameters (once); a damaged install is a ConfigError."""
    try:
        raw = resources.files("readaloud").joinpath("data", PARAMS_RESOURCE).read_text(encoding="utf-8")
        data = json.loads(raw)
        params = PunktParameters()
        params.abbrev_types = set(data["abbrev_types"])
        params.collocations = {(a, b) for a, b in data["collocations"]}
        params.sent_starters = set(data["sent_starters"])
        params.ortho_context = defaultdict(int, {k: int(v) for k, v in data["ortho_context"].items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"the sentence splitter's data file readaloud/data/{PARAMS_RESOURCE} is missing or damaged ({exc})",
            fix="reinstall readaloud, or regenerate it with scripts/train_punkt.py",
        ) from exc
    return params


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(_params())


def _bare(token: str) -> str:
    """A token without surrounding quotes/brackets, for word-class lookups."""
    return token.lstrip(_OPENERS).rstrip(_CLOSERS + ".,;:?!…")


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for m in _CANDIDATE.finditer(text):
        token = _LAST_TOKEN.search(text, max(0, m.start() - _TOKEN_LOOKBEHIND), m.end())
        word_match = _WORD_BEFORE.match(token.group(0) if token else "")
        word = (word_match.group(1) if word_match else "").lstrip(_OPENERS)
        following = tuple(_NEXT_WORDS.findall(text, m.end(), m.end() + 120)[: ATTRIBUTION_MAX_NAME_WORDS + 2])
        found.append(_Candidate(m.end(), m.group(0), word, following))
    return found


def _is_abbreviation(word: str) -> bool:
    low = word.lower()
    if low in _params().abbrev_types or low.split("-")[-1] in _params().abbrev_types:
        return True
    # U.S, Ph.D, a.m-style tokens: letters with internal full stops
    return bool(_INTERNAL_PERIODS.match(word))


def _first_letter(token: str) -> str:
    m = _LETTER.search(token.lstrip(_OPENERS)[:1] or "")
    return m.group(0) if m else ""


def _starts_lower(token: str) -> bool:
    """Lower-case start, brands such as eBay and iPhone excepted (they start sentences)."""
    return _first_letter(token).islower() and not _is_camel(token)


def _is_camel(token: str) -> bool:
    bare = _bare(token)
    return bool(bare[:1].islower() and any(ch.isupper() for ch in bare[1:]))


def _starts_upper(token: str) -> bool:
    return _first_letter(token).isupper()


def _is_starter(token: str) -> bool:
    bare = _bare(token)
    if len(bare) == 1 and token.rstrip(_CLOSERS).endswith("."):
        return False  # "A." / "I." is another initial, not the article/pronoun
    return bare.lower() in SENTENCE_STARTERS or bare.lower() in _params().sent_starters


def _is_attribution(following: tuple[str, ...]) -> bool:
    """'"Why now?" Mr. Chen asked' - capitalised name words then a speech verb."""
    for i, token in enumerate(following[: ATTRIBUTION_MAX_NAME_WORDS + 1]):
        bare = _bare(token)
        if bare.lower() in SPEECH_VERBS:
            return i > 0
        if not _starts_upper(token) or _is_starter(token) or token.endswith((",", ";", ":")):
            return False
    return False


def _decide(c: _Candidate, punkt_break: bool) -> bool:
    """Apply the fix-up rules to one candidate; fall back to Punkt's decision."""
    if not c.following:
        return punkt_break
    nxt = c.following[0]
    if _starts_lower(nxt):
        return False  # M1
    is_ellipsis = bool(_ELLIPSIS_END.search(c.punct.rstrip(_CLOSERS)) or c.punct.startswith(("...", "…")))
    if is_ellipsis:
        return _starts_upper(nxt)  # S2 (and no break before digits/symbols)
    if c.punct[0] in "?!":
        if any(q in c.punct for q in _CLOSERS) and _is_attribution(c.following):
            return False  # M2
        return punkt_break or _starts_upper(nxt) or nxt[:1].isdigit()
    # a full stop
    low = c.word.lower()
    if not _is_abbreviation(c.word):
        return punkt_break or _is_camel(nxt)  # S5: "... the company said. eBay, meanwhile, ..."
    if nxt.lstrip(_OPENERS)[:1].isdigit() and not any(q in c.punct for q in _CLOSERS):
        return False  # M4
    if low in NEVER_FINAL_ABBREVIATIONS:
        return False  # M3
    upper_next = _starts_upper(nxt)
    starter = _is_starter(nxt) and upper_next
    if low in MONTH_ABBREVIATIONS and upper_next:
        return True  # S6
    if (low in SUFFIX_ABBREVIATIONS and upper_next and nxt[-1:].isalpha()
            and len(c.following) > 1 and _starts_lower(c.following[1])):
        return True  # S7
    if low in PREFIX_ABBREVIATIONS or len(low) == 1 or _ACRONYM.match(c.word):
        return starter  # M3 / S1: "U.S. President ..." is a modifier, not an ending
    if low == "etc" and upper_next:
        return True  # S3
    if low in TIME_ABBREVIATIONS and upper_next:
        return _bare(nxt).lower() not in TIME_CONTINUATIONS  # S4
    title_next = _bare(nxt).lower() in TITLE_ABBREVIATIONS | {"dr"} and upper_next
    return starter or title_next  # S1 ("Apple Inc. Chief Executive ..." continues)


def split_sentences(paragraph: str) -> list[str]:
    """One paragraph of prose -> its sentences, each an unchanged slice of the text."""
    text = paragraph.strip()
    if not text:
        return []
    punkt_ends = {end for _, end in _tokenizer().span_tokenize(text)}
    sentences: list[str] = []
    start = 0
    for c in _candidates(text):
        piece_words = text[start : c.end].split()
        if len(piece_words) == 1 and _is_abbreviation(c.word):
            continue  # M5
        if _decide(c, c.end in punkt_ends):
            piece = text[start : c.end].strip()
            if piece:
                sentences.append(piece)
            start = c.end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split(article: Article) -> Script:
    """Split every paragraph; the headline and metadata pass through untouched."""
    paragraphs = tuple(tuple(s) for s in (split_sentences(p) for p in article.paragraphs) if s)
    log.debug("split %d paragraphs into %d sentences", len(paragraphs), sum(map(len, paragraphs)))
    return Script(
        title=article.title,
        byline=article.byline,
        date=article.date,
        paragraphs=paragraphs,
        removed=article.removed,
        url=article.url,
    )
