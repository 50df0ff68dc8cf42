"""HTML page -> article Document: strip page furniture from the DOM, then let trafilatura
find the article body, and read title/byline/date from the untouched page.

Two passes because they want different inputs: metadata lives in the page head,
header and footer (which we cut away before body extraction), while body
extraction works better once the obvious non-article blocks are gone.

Nothing here touches the network: trafilatura's extract functions only parse the
string they are given.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator

import lxml.html
from lxml import etree

from .models import Document

log = logging.getLogger(__name__)

# --- pre-strip rules ---------------------------------------------------------------------

STRIP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
        "canvas", "form", "button", "input", "select", "textarea", "label", "dialog",
        "nav", "aside", "header", "footer", "figcaption", "audio", "video",
    }
)  # fmt: skip
"""Elements that never carry spoken article prose (figcaption: captions are furniture)."""

STRIP_ROLES: frozenset[str] = frozenset(
    {"complementary", "navigation", "banner", "contentinfo", "search", "dialog",
     "alertdialog", "button", "menu", "menubar", "toolbar", "tablist", "tab"}
)  # fmt: skip

FURNITURE_WORDS: frozenset[str] = frozenset(
    {
        "ad", "ads", "adslot", "advert", "adverts", "advertisement", "advertising",
        "sponsor", "sponsored", "promo", "promotion", "promoted", "outbrain", "taboola",
        "newsletter", "newsletters", "signup", "subscribe", "subscription", "subscriptions",
        "paywall", "donate", "donation", "contribute", "contributions", "membership",
        "social", "share", "sharing", "sharebar", "related", "recommended",
        "recommendations", "trending", "popular", "mostread", "mostviewed", "mostpopular", "readmore",
        "comment", "comments", "discussion", "disqus", "breadcrumb", "breadcrumbs",
        "nav", "navbar", "navigation", "menu", "masthead", "sidebar", "rail",
        "caption", "credit", "credits", "byline", "dateline", "timestamp", "meta",
        "tags", "topics", "keywords", "player", "audio", "podcast", "listen",
        "skip", "skiplink", "cookie", "cookies", "consent", "modal", "popup", "overlay",
        "button", "toolbar", "print", "epic", "tweet", "twitter", "instagram", "tiktok",
        "embed", "embedded",
    }
)  # fmt: skip
"""Words that mark a block as furniture when they appear as a token of its class,
id, role, data-component, data-gu-name, data-testid, name or aria-label."""

FURNITURE_CLASSES: frozenset[str] = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden"}
)
"""Whole class names of text meant for screen readers or hidden from view."""

INLINE_TAGS: frozenset[str] = frozenset(
    {"span", "em", "strong", "b", "i", "u", "a", "sup", "sub", "abbr", "small", "mark", "q", "cite"}
)

MARKED_ATTRIBUTES: tuple[str, ...] = (
    "class", "id", "role", "data-component", "data-component-name", "data-gu-name",
    "data-testid", "name", "aria-label",
)  # fmt: skip

PROTECT_SHARE = 0.4
"""Never strip a block holding at least this share of the page's paragraph text:
a matching word on the article container itself must not cost the article."""

LINK_BLOCK_TAGS: frozenset[str] = frozenset({"div", "section"})
LINK_BLOCK_LINK_SHARE = 0.6
LINK_BLOCK_MAX_PLAIN_WORDS = 15
"""A container that is mostly link text with only a few plain words around it (a
heading, a date) is a list of teasers, not prose. Bare lists are left alone: a list
of links inside the article body is usually part of it."""

LINK_ONLY_MAX_WORDS = 25
LINK_ONLY_LINK_SHARE = 0.7
"""A short paragraph that is mostly one link plus a label is a teaser."""

TEASER_LABEL = re.compile(r":|\b(read|more|related|see also|also|watch|listen|latest|recommended|opinion)\b", re.IGNORECASE)
"""What the non-link words of a teaser paragraph say."""

CTA_WORDS: frozenset[str] = frozenset(
    {"subscribe", "subscription", "signup", "newsletter", "paywall", "donate", "donation",
     "contribute", "membership", "button"}
)  # fmt: skip
"""Furniture words of a call-to-action block (subscribe box, upgrade button)."""

CTA_LEAD_MAX_WORDS = 40
"""A short, wholly emphasised paragraph just before a call-to-action block is its lead-in
("X is free to read. If this is useful, a paid subscription...")."""

FOOTNOTE_MARKER = re.compile(r"^\s*[\[(]?(\d{1,3}|[a-z]|[*†‡§¶]+)[\])]?\s*$|^\s*[↩↑^]\s*$")
"""Text of an in-page link that is a footnote reference or back-link, not prose."""

BLOCK_TAGS: frozenset[str] = frozenset({"p", "head", "item", "row", "code", "quote"})
"""Block elements of trafilatura's XML body that become one paragraph each."""

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


PREFIX_WORDS: tuple[str, ...] = (
    "related", "newsletter", "subscri", "sharing", "share", "social", "promo", "advert",
    "sponsor", "breadcrumb", "paywall", "outbrain", "taboola", "disqus", "signup",
)  # fmt: skip
"""Furniture words also recognised at the start of a run-together token
("sharedaddy", "relatedposts", "subscribebox")."""

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def _tokens(value: str) -> Iterator[str]:
    """Lower-case words of an attribute value, camelCase and kebab-case split, plus each
    adjacent pair run together ("most-read" also yields "mostread")."""
    words = [w for w in _TOKEN_SPLIT.split(_CAMEL.sub(r"\1 \2", value).lower()) if w]
    yield from words
    for a, b in zip(words, words[1:]):
        yield a + b


def _is_furniture_token(token: str) -> bool:
    return token in FURNITURE_WORDS or (len(token) > 6 and token.startswith(PREFIX_WORDS))


def _is_marked(el: etree._Element) -> bool:
    """True when an attribute names the block as furniture (newsletter, share, related...)."""
    classes = (el.get("class") or "").lower().split()
    if any(c in FURNITURE_CLASSES for c in classes):
        return True
    for attr in MARKED_ATTRIBUTES:
        value = el.get(attr)
        if value and any(_is_furniture_token(t) for t in _tokens(value)):
            return True
    return False


def _is_hidden(el: etree._Element) -> bool:
    """Hidden from everyone; aria-hidden only counts on blocks, since an inline
    aria-hidden span may be a drop cap whose letter belongs to the first word."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or (el.get("aria-hidden") == "true" and el.tag not in INLINE_TAGS)
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _text_len(el: etree._Element) -> int:
    return len(_SPACE.sub(" ", el.text_content()).strip())


def _paragraph_mass(root: etree._Element) -> int:
    return sum(_text_len(p) for p in root.iter("p"))


def _protected(el: etree._Element, total: int) -> bool:
    """True when removing ``el`` would take a large share of the page's prose with it."""
    if total <= 0:
        return False
    own = sum(_text_len(p) for p in el.iter("p"))
    return own >= PROTECT_SHARE * total


def _drop(el: etree._Element) -> None:
    """Remove an element (and its content) but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_footnote_link(el: etree._Element) -> bool:
    href = el.get("href") or ""
    classes = el.get("class") or ""
    if "footnote" in classes.lower() and FOOTNOTE_MARKER.match(el.text_content() or ""):
        return True
    return href.startswith("#") and bool(FOOTNOTE_MARKER.match(el.text_content() or ""))


def _is_skip_link(el: etree._Element) -> bool:
    href = el.get("href") or ""
    return href.startswith("#") and el.text_content().strip().lower().startswith("skip")


def _link_words(el: etree._Element) -> int:
    return sum(
        len(a.text_content().split()) for a in el.iter("a") if not (a.get("href") or "#").startswith("#")
    )


def _is_link_block(el: etree._Element) -> bool:
    """Related/most-read lists: most words are links, few plain words around them."""
    words = len(el.text_content().split())
    if not words:
        return False
    linked = _link_words(el)
    return linked > 0 and linked >= LINK_BLOCK_LINK_SHARE * words and words - linked <= LINK_BLOCK_MAX_PLAIN_WORDS


def _is_link_teaser(p: etree._Element) -> bool:
    """A short labelled link to another page ("READ MORE: headline", "Related: ...").

    A bare link paragraph is kept: blogs cite the article they discuss that way.
    """
    words = p.text_content().split()
    if not words or len(words) > LINK_ONLY_MAX_WORDS:
        return False
    links = [a for a in p.iter("a") if not (a.get("href") or "#").startswith("#")]
    if not links:
        return False
    link_text = " ".join(a.text_content() for a in links)
    link_words = len(link_text.split())
    if link_words < LINK_ONLY_LINK_SHARE * len(words):
        return False
    label = p.text_content()
    for a in links:
        label = label.replace(a.text_content(), " ", 1)
    return bool(TEASER_LABEL.search(label))


def _is_cta(el: etree._Element) -> bool:
    if el.tag in ("button", "form"):
        return True
    return any(
        t in CTA_WORDS for attr in MARKED_ATTRIBUTES for t in _tokens(el.get(attr) or "")
    )


def _is_emphasised_lead_in(el: etree._Element | None) -> bool:
    """A short paragraph whose whole text sits inside <em>/<i>/<strong>/<b>."""
    if el is None or not isinstance(el.tag, str) or el.tag != "p":
        return False
    words = el.text_content().split()
    if not words or len(words) > CTA_LEAD_MAX_WORDS:
        return False
    emphasised = sum(
        len(e.text_content().split()) for e in el if isinstance(e.tag, str) and e.tag in ("em", "i", "strong", "b")
    )
    return emphasised == len(words)


def prestrip(root: etree._Element) -> etree._Element:
    """Remove obvious non-article blocks in place (and return ``root``).

    Blocks that hold a large share of the page's paragraph text are kept whatever
    they are called, so a misleading class name cannot delete the article.
    """
    for comment in root.xpath("//comment()|//processing-instruction()"):
        _drop(comment)
    total = _paragraph_mass(root)
    doomed: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        tag = el.tag.lower()
        if (
            tag in STRIP_TAGS
            or (el.get("role") or "").lower() in STRIP_ROLES
            or _is_hidden(el)
            or _is_marked(el)
            or (tag == "a" and (_is_footnote_link(el) or _is_skip_link(el)))
            or (tag == "sup" and any(_is_footnote_link(a) for a in el.iter("a")))
            or (tag == "p" and _is_link_teaser(el))
            or (tag in LINK_BLOCK_TAGS and _is_link_block(el))
        ):
            if tag in ("a", "sup") or not _protected(el, total):
                doomed.append(el)
                lead_in = el.getprevious()
                if _is_cta(el) and _is_emphasised_lead_in(lead_in):
                    doomed.append(lead_in)
            else:
                log.debug("kept <%s class=%r>: it holds most of the page text", tag, el.get("class"))
    removed: set[int] = set()
    for el in doomed:
        if any(id(a) in removed for a in el.iterancestors()):
            continue
        removed.add(id(el))
        _drop(el)
    return root


# --- body serialisation --------------------------------------------------------------------


def _clean_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _block_texts(el: etree._Element) -> list[str]:
    """The paragraph(s) of one block: a <lb/> (an HTML <br>) starts a new one."""
    if el.tag == "row":
        cells = [_clean_space("".join(c.itertext())) for c in el]
        return [", ".join(c for c in cells if c)]
    if el.tag == "code":
        return [_clean_space(" ".join(el.itertext()))]
    pieces: list[str] = [""]

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            pieces.append("")
        else:
            pieces[-1] += node.text or ""
            for child in node:
                if isinstance(child.tag, str):
                    walk(child)
                pieces[-1] += child.tail or ""

    walk(el)
    return [t for piece in pieces if (t := _clean_space(piece))]


def body_paragraphs(body: etree._Element) -> list[str]:
    """One string per block of trafilatura's XML body, outermost block wins."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            has_blocks = any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in child.iterdescendants())
            if child.tag in BLOCK_TAGS and not (child.tag in ("quote", "item") and has_blocks):
                out.extend(_block_texts(child))
            else:
                walk(child)

    walk(body)
    return out


def _fallback_paragraphs(root: etree._Element) -> list[str]:
    """Plain block text when trafilatura finds nothing (tiny pages)."""
    scope = next(iter(root.xpath("//*[@itemprop='articleBody']|//article|//main|//body")), root)
    blocks = scope.xpath(".//p|.//h2|.//h3|.//h4|.//li|.//blockquote[not(.//p)]|.//pre")
    nested = {id(d) for b in blocks for d in b.iterdescendants()}
    return [t for b in blocks if id(b) not in nested and (t := _clean_space(b.text_content()))]


# --- metadata ------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Comparison key: case, quotes, accents and punctuation don't matter."""
    text = unicodedata.normalize("NFKD", text).lower()
    return " ".join(w for w in _TOKEN_SPLIT.split(text) if w)


def _h1_texts(root: etree._Element) -> list[str]:
    return [t for h in root.iter("h1") if (t := _clean_space(h.text_content()))]


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•-]|::)\s+")


def _best_title(meta_title: str | None, h1s: list[str], sitename: str | None = None) -> str | None:
    """Prefer the page's own headline over a <title> padded with the site name."""
    if not meta_title:
        return h1s[0] if h1s else None
    meta_title = _clean_space(meta_title)
    first = _TITLE_SEPARATOR.split(meta_title)[0]
    for h in h1s:
        key = _key(h)
        if key and (key in _key(meta_title) or (len(first) > 10 and key.startswith(_key(first)))):
            return h
    separators = list(_TITLE_SEPARATOR.finditer(meta_title))
    if separators and sitename and _key(meta_title[separators[-1].end() :]) == _key(sitename):
        return meta_title[: separators[-1].start()]
    return meta_title


_BYLINE_PREFIX = re.compile(
    r"^\s*(?:view all posts by|posted by|written by|words by|story by|by)\s*[:\-]?\s+", re.IGNORECASE
)


def _clean_byline(value: str | None) -> str | None:
    """'By Jane Smith' / 'View all posts by Jane Smith' -> 'Jane Smith'."""
    if not value:
        return None
    value = _BYLINE_PREFIX.sub("", _clean_space(value))
    return value or None


TITLE_SEARCH_PARAGRAPHS = 3
"""The headline is dropped from the body if it appears among its first few paragraphs
(after a section label or kicker, say); the script speaks it once, from Document.title."""

BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' author ')"
    " or contains(@class, 'byline') or contains(@data-component, 'byline')]"
)
BYLINE_MAX_CHARS = 80


def _byline_fallback(root: etree._Element) -> str | None:
    """The author's name from a byline block when the page has no author metadata."""
    for el in root.xpath(BYLINE_XPATH):
        for chunk in el.itertext():
            text = _BYLINE_PREFIX.sub("", _clean_space(chunk))
            if text and text.lower() not in ("by", "and") and len(text) <= BYLINE_MAX_CHARS:
                return text.split(",")[0].strip() or None
    return None


def _dedupe(paragraphs: Iterable[str], title: str | None) -> list[str]:
    """Drop the headline where it leads the body, and immediate repeats."""
    out: list[str] = []
    title_key = _key(title) if title else None
    for para in paragraphs:
        key = _key(para)
        if title_key and key == title_key and len(out) < TITLE_SEARCH_PARAGRAPHS:
            continue
        if out and key and key == _key(out[-1]):
            continue
        out.append(para)
    return out


def _parse(html: str) -> etree._Element:
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return lxml.html.fromstring(f"<html><body>{html}</body></html>")


def extract_html(html: str, url: str | None = None) -> Document:
    """Article text (one paragraph a line, blank line between) plus title, byline and date."""
    import trafilatura  # heavy import; only HTML inputs pay for it
    from trafilatura.metadata import extract_metadata

    original = _parse(html)
    h1s = _h1_texts(original)
    meta = extract_metadata(original, default_url=url)
    stripped = prestrip(_parse(html))

    result = trafilatura.bare_extraction(
        stripped,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=False,
        with_metadata=False,
    )
    body = getattr(result, "body", None) if result is not None else None
    paragraphs = body_paragraphs(body) if body is not None else []
    if not paragraphs:
        log.info("trafilatura found no article body; falling back to plain block text")
        paragraphs = _fallback_paragraphs(stripped)

    title = _best_title(meta.title if meta else None, h1s, meta.sitename if meta else None)
    paragraphs = _dedupe(paragraphs, title)
    return Document(
        text="\n\n".join(paragraphs) + ("\n" if paragraphs else ""),
        source=url or "<html>",
        kind="html",
        title=title,
        byline=_clean_byline((meta.author if meta else None) or _byline_fallback(original)),
        date=(meta.date or None) if meta else None,
        url=(meta.url or url) if meta else url,
    )
