"""Ingest: turn a path, '-' (stdin) or an http(s) URL into a decoded, normalised Document.

Every input goes through the same bytes -> Document path (``read_bytes``) so files,
stdin and URLs get identical checks: size cap, binary sniffing, encoding detection,
character normalisation, and kind detection (text / markdown / html).
"""

from __future__ import annotations

import codecs
import html
import logging
import re
import socket
import sys
import time
import unicodedata
import urllib.parse
import zlib
from collections.abc import Callable
from pathlib import Path

from .config import IngestConfig
from .errors import FetchError, InputError
from .models import Document, SourceKind

log = logging.getLogger(__name__)

# --- constants ---------------------------------------------------------------------------

FETCH_CHUNK_BYTES = 64 * 1024
SNIFF_CHARS = 1024
"""How far into the input we look for an <html> or <!doctype html> tag."""

EXTENSION_KINDS: dict[str, SourceKind] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}  # fmt: skip

CONTENT_TYPE_KINDS: dict[str, SourceKind] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
    "text/plain": "text",
}  # fmt: skip

BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the article as text, HTML or a URL"),
    (b"\xff\xd8\xff", "a JPEG image", "give the article as text, HTML or a URL"),
    (b"GIF87a", "a GIF image", "give the article as text, HTML or a URL"),
    (b"GIF89a", "a GIF image", "give the article as text, HTML or a URL"),
    (b"%PDF-", "a PDF document", "convert it to text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.epub)", "save the article as .txt or .html first"),
    (b"PK\x05\x06", "a ZIP archive", "unpack it and give the article file"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first (gunzip)"),
    (b"BZh", "a bzip2 archive", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz archive", "decompress it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the article file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file", "save it as .txt or .html first"),
    (b"\x7fELF", "a program (ELF binary)", "give the article as text, HTML or a URL"),
    (b"ID3", "an MP3 audio file", "give the article text, not audio"),
    (b"OggS", "an Ogg audio file", "give the article text, not audio"),
    (b"fLaC", "a FLAC audio file", "give the article text, not audio"),
)  # fmt: skip
"""Leading bytes of formats people plausibly pass by mistake, with what to do instead."""

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one."""

UTF16_NUL_SHARE = 0.3
"""Share of NUL bytes in one byte lane (and almost none in the other) that means UTF-16."""

FALLBACK_ENCODINGS: tuple[str, ...] = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251", "cp1253", "cp1254",
    "koi8_r", "iso8859_2", "iso8859_7", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
"""Candidates charset-normalizer may choose from: legacy encodings news text is really in."""

WESTERN_ENCODINGS: frozenset[str] = frozenset({"cp1252", "latin_1", "iso8859_1", "iso8859_15"})

TYPOGRAPHIC_CP1252 = frozenset("‘’‚“”„–—…•€™‹›")
"""Characters that cp1252 puts in 0x80-0x9F and that latin-1 would turn into C1 controls."""

CONTROL_SHARE_MAX = 0.01
"""More control characters than this (per character) means the input is binary."""

CHARSET_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252",
}  # fmt: skip
"""Declared charsets that really mean cp1252 on the web (as browsers treat them)."""

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
KNOWN_URL_SCHEMES = frozenset({"file", "ftp", "ftps", "sftp", "data", "mailto", "javascript", "ws", "wss", "gopher"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# --- public API ----------------------------------------------------------------------------


def read_source(source: str, config: IngestConfig | None = None) -> Document:
    """Read a path, '-' (stdin) or http(s) URL into a Document."""
    config = config or IngestConfig()
    if source == "-":
        return read_bytes(_read_stdin(config), source="-", config=config)
    scheme = _url_scheme(source)
    if scheme in ("http", "https"):
        data, content_type, final_url = fetch_url(source, config)
        doc = read_bytes(data, source=final_url, config=config, content_type=content_type)
        return doc if doc.url else _replace(doc, url=final_url)
    if scheme is not None:
        raise InputError(
            f"{source}: '{scheme}:' URLs are not supported",
            fix="give an http:// or https:// URL, a local file path, or '-' for stdin",
        )
    return read_bytes(_read_file(Path(source), source, config), source=source, config=config)


def read_bytes(
    data: bytes,
    *,
    source: str,
    config: IngestConfig | None = None,
    content_type: str | None = None,
) -> Document:
    """Shared bytes -> Document path for files, stdin and URLs."""
    config = config or IngestConfig()
    _check_size(len(data), source, config)
    _check_binary(data, source)
    if not data.strip(b" \t\r\n\x00\x0b\x0c") or not _strip_bom(data).strip():
        raise _empty_error(source)
    text = _decode_declared(data, content_type) or decode_bytes(data)
    _check_decoded(text, source)
    text = normalize_characters(text)
    if not text.strip():
        raise _empty_error(source)
    kind = detect_kind(source, content_type, text)
    log.debug("%s: read %d bytes as %s", source, len(data), kind)
    if kind == "html":
        from .htmlextract import extract_html

        url = source if _url_scheme(source) in ("http", "https") else None
        doc = extract_html(text, url=url)
        return Document(
            text=normalize_characters(doc.text),
            source=source,
            kind="html",
            title=_norm_meta(doc.title),
            byline=_norm_meta(doc.byline),
            date=_norm_meta(doc.date),
            url=doc.url,
        )
    if kind == "markdown":
        body, title = markdown_to_text(text)
        return Document(text=body, source=source, kind="markdown", title=title)
    return Document(text=text, source=source, kind="text")


def detect_kind(source: str, content_type: str | None, text: str) -> SourceKind:
    """Extension first, then the declared content type, then a look at the text itself."""
    path = urllib.parse.urlsplit(source).path if _url_scheme(source) else source
    ext = Path(path).suffix.lower()
    if ext in EXTENSION_KINDS:
        return EXTENSION_KINDS[ext]
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in CONTENT_TYPE_KINDS:
            return CONTENT_TYPE_KINDS[mime]
    return sniff_kind(text)


def sniff_kind(text: str) -> SourceKind:
    """html if the text opens with markup and has an <html>/<!doctype html> tag near the
    start; markdown if it opens with a '# ' heading or front matter; else text."""
    head = text[:SNIFF_CHARS].lstrip().lower()
    if head.startswith("<") and (
        "<!doctype html" in head or re.search(r"<html[\s>]", head) or re.search(r"<(head|body)[\s>]", head)
    ):
        return "html"
    first_line = head.split("\n", 1)[0]
    if re.match(r"#\s+\S", first_line) or (first_line == "---" and re.search(r"\ntitle\s*:", head)):
        return "markdown"
    return "text"


# --- decoding ------------------------------------------------------------------------------


def decode_bytes(data: bytes) -> str:
    """Decode without guessing wrong: BOM, strict UTF-8, BOM-less UTF-16, then legacy 8-bit."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_by_nul_pattern(data)
    if utf16 is None and _mostly_utf8(data):
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            log.debug("NUL pattern suggested %s but it does not decode", utf16)
    return _decode_legacy(data)


MOSTLY_UTF8_RATIO = 3
"""UTF-8 text with a few stray legacy bytes (pasted-in cp1252 quotes) is still UTF-8 when
valid multi-byte characters outnumber invalid bytes this many times over."""

_CP1252_FALLBACK = "readaloud-cp1252-fallback"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) >= 0x80) - bad
    return good > 0 and good >= MOSTLY_UTF8_RATIO * bad


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text puts NULs in one byte lane only."""
    sample = data[: 2 * SNIFF_CHARS * 4]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if odd_nul >= UTF16_NUL_SHARE and even_nul < UTF16_NUL_SHARE / 10:
        return "utf-16-le"
    if even_nul >= UTF16_NUL_SHARE and odd_nul < UTF16_NUL_SHARE / 10:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    """8-bit text: cp1252 when it reads as Western text, else charset-normalizer's pick."""
    western = _try_decode(data, "cp1252")
    if western is not None and _looks_western(western):
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is not None:
        encoding = codecs.lookup(best.encoding).name.replace("-", "_")
        log.debug("charset-normalizer chose %s", encoding)
        if encoding not in WESTERN_ENCODINGS:
            return str(best)
    if western is not None:
        return western
    return data.decode("latin_1")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_western(text: str) -> bool:
    """True when every non-ASCII character is a Latin letter, common sign or typographic mark."""
    for ch in set(text):
        if ord(ch) < 0x80 or ch in TYPOGRAPHIC_CP1252:
            continue
        if not 0xA0 <= ord(ch) <= 0xFF:
            return False
    # Latin-1 letters in runs of several (e.g. Cyrillic read as cp1252) are not Western text.
    return not re.search(r"[\u00c0-\u00ff]{4,}", text)


def _decode_declared(data: bytes, content_type: str | None) -> str | None:
    """Honour a charset named by the HTTP header or an HTML <meta>, if it decodes cleanly."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    declared = None
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
        declared = m.group(1) if m else None
    if declared is None:
        m = _META_CHARSET.search(data[: SNIFF_CHARS * 4])
        declared = m.group(1).decode("ascii", "ignore") if m else None
    if not declared:
        return None
    name = CHARSET_ALIASES.get(declared.lower(), declared)
    try:
        codecs.lookup(name)
    except LookupError:
        log.debug("unknown declared charset %r", declared)
        return None
    text = _try_decode(data, name)
    if text is None:
        log.debug("declared charset %s does not decode; detecting instead", name)
    return text


# --- character normalisation ----------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
)  # fmt: skip
_SPACES = str.maketrans(
    {c: " " for c in "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"}
)
_ZERO_WIDTH = str.maketrans({c: None for c in "\u200b\u200c\u200d\u2060\ufeff"})


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files) become LF; Unicode line/paragraph separators too."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def decode_entities(text: str) -> str:
    """HTML entities survive in copied text and feeds; only well-formed ones (with ';')
    are decoded, so 'AT&T' or '&notice' are left alone."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def remove_zero_width(text: str) -> str:
    """Invisible joiners and BOMs confuse word splitting and TTS."""
    return text.translate(_ZERO_WIDTH)


def remove_soft_hyphens(text: str) -> str:
    """Soft hyphens are hyphenation hints, not characters to speak."""
    return text.replace("\u00ad", "")


def normalize_spaces(text: str) -> str:
    """Non-breaking and typographic spaces become plain spaces."""
    return text.translate(_SPACES)


def straighten_quotes(text: str) -> str:
    """Curly quotes and primes become ' and " so later rules match one form."""
    return text.translate(_QUOTES)


def nfc(text: str) -> str:
    """Composed form, so 'e' + combining accent equals 'é'."""
    return unicodedata.normalize("NFC", text)


def strip_trailing_spaces(text: str) -> str:
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


NORMALIZERS: tuple[Callable[[str], str], ...] = (
    normalize_newlines,
    decode_entities,
    remove_zero_width,
    remove_soft_hyphens,
    normalize_spaces,
    straighten_quotes,
    nfc,
    strip_trailing_spaces,
)
"""Order matters: entities first (&nbsp; must become a space), NFC after all insertions."""


def normalize_characters(text: str) -> str:
    """Apply every normaliser in order. Dashes are kept: they carry meaning downstream."""
    for step in NORMALIZERS:
        text = step(text)
    return text


def _norm_meta(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(normalize_characters(value).split())
    return value or None


# --- markdown ------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s*")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _inline(text: str) -> str:
    """Inline markdown -> plain text: links keep their text, images and markers go."""
    code: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        code.append(m.group(2))
        return f"\x00{len(code) - 1}\x00"

    text = re.sub(r"(`+)(.+?)\1", keep_code, text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"!\[[^\]]*\]\[[^\]]*\]", "", text)
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = re.sub(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)", r"\1", text)  # [text](url "title")
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # [text][ref]
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)  # autolinks
    text = re.sub(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", "", text)  # inline HTML tags
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
    text = re.sub(r"~~(?=\S)(.+?)(?<=\S)~~", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>|~])", r"\1", text)  # backslash escapes
    text = re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], text)
    return " ".join(text.split())


def _table_row(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return ", ".join(c for c in cells if c)


def markdown_to_text(md: str) -> tuple[str, str | None]:
    """Markdown -> (plain text, title). One paragraph a line, blank line between;
    the first level-1 heading becomes the title and leaves the body (the script
    speaks the title first, so keeping it would say it twice)."""
    lines = _HTML_COMMENT.sub("", normalize_newlines(md)).split("\n")
    lines, front_title = _front_matter(lines)
    title: str | None = None
    paragraphs: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def flush(raw: bool = False) -> None:
        text = " ".join(current) if raw else _inline(" ".join(current))
        if text.strip():
            paragraphs.append(text.strip())
        current.clear()

    def heading(text: str, level_one: bool) -> None:
        nonlocal title
        text = _inline(text)
        if level_one and title is None:
            title = text or None
        elif text:
            paragraphs.append(text)

    for line in lines:
        if fence is not None:  # inside a code block: keep the words, skip the markup
            if line.strip().startswith(fence):
                fence = None
                flush(raw=True)
            elif line.strip():
                current.append(line.strip())
            continue
        if m := _FENCE.match(line):
            flush()
            fence = m.group(1)[0] * 3
            continue
        if not line.strip():
            flush()
            continue
        if current and _SETEXT.match(line):
            text = " ".join(current)
            current.clear()
            heading(text, level_one=line.strip().startswith("="))
            continue
        if _RULE.match(line):
            flush()
            continue
        if m := _ATX.match(line):
            flush()
            heading(m.group(2) or "", level_one=len(m.group(1)) == 1)
            continue
        if _REF_DEF.match(line) or ("|" in line and _TABLE_SEP.match(line)):
            continue
        text = _FOOTNOTE_DEF.sub("", _QUOTE.sub("", line))
        if not text.strip():
            flush()
            continue
        if text.strip().startswith("|") and text.strip().endswith("|"):
            flush()
            current.append(_table_row(text))
            flush()
            continue
        if bullet := _BULLET.match(text):
            flush()
            text = text[bullet.end() :]
        current.append(text.strip())
    flush(raw=fence is not None)
    text = "\n\n".join(paragraphs) + ("\n" if paragraphs else "")
    return text, title or front_title


def _front_matter(lines: list[str]) -> tuple[list[str], str | None]:
    """Drop a leading YAML front-matter block, keeping its title if it has one."""
    if not lines or lines[0].strip() != "---":
        return lines, None
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            title = None
            for meta in lines[1:end]:
                if m := re.match(r"\s*title\s*:\s*(.+)", meta):
                    title = _inline(m.group(1).strip().strip("\"'")) or None
            return lines[end + 1 :], title
    return lines, None


# --- file, stdin and URL readers -------------------------------------------------------------


def _url_scheme(source: str) -> str | None:
    """The URL scheme of ``source`` if it is a URL (not a Windows drive letter or a file)."""
    m = URL_SCHEME.match(source)
    if not m:
        return None
    scheme = m.group(1).lower()
    if source[m.end() :].startswith("//") or scheme in KNOWN_URL_SCHEMES:
        return scheme
    return None


def _human(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _too_large(source: str, size: int | None, config: IngestConfig, cls: type[InputError] = InputError) -> InputError:
    what = f"is {_human(size)} ({size:,} bytes)" if size is not None else "is larger than"
    return cls(
        f"{source} {what}, over the {config.max_bytes:,}-byte limit"
        if size is not None
        else f"{source} {what} the {config.max_bytes:,}-byte limit",
        fix="raise max_bytes under [ingest] in your settings file (config.toml), or give a smaller input",
    )


def _check_size(size: int, source: str, config: IngestConfig) -> None:
    if size > config.max_bytes:
        raise _too_large(source, size, config)


def _empty_error(source: str) -> InputError:
    return InputError(f"{source} is empty", fix="check that the article text was saved into it")


def _check_binary(data: bytes, source: str) -> None:
    for signature, what, fix in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{source} looks like {what}, not an article", fix=fix)
    if b"\x00" in data[: SNIFF_CHARS * 8] and not any(data.startswith(b) for b, _ in BOMS):
        if _utf16_by_nul_pattern(data) is None:
            raise InputError(
                f"{source} is a binary file (it contains NUL bytes)",
                fix="give a .txt, .md or .html file, '-' for stdin, or an http(s) URL",
            )


def _check_decoded(text: str, source: str) -> None:
    """Undecodable binary shows up as control characters once decoded."""
    controls = len(_CONTROL_CHARS.findall(text)) + text.count("\ufffd")
    if text and controls / len(text) > CONTROL_SHARE_MAX:
        raise InputError(
            f"{source} is not text (it does not decode in any text encoding)",
            fix="give a .txt, .md or .html file, '-' for stdin, or an http(s) URL",
        )


def _strip_bom(data: bytes) -> bytes:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace").encode("utf-8")
    return data


def _read_file(path: Path, source: str, config: IngestConfig) -> bytes:
    if not path.exists():
        raise InputError(f"{source}: no such file", fix="check the path, or give an http(s) URL or '-' for stdin")
    if path.is_dir():
        raise InputError(f"{source} is a directory", fix="give the article file inside it, not the folder")
    try:
        size = path.stat().st_size
        _check_size(size, source, config)
        with path.open("rb") as fh:
            data = fh.read(config.max_bytes + 1)
    except PermissionError:
        raise InputError(f"{source}: permission denied", fix="check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{source} could not be read ({exc.strerror or exc})", fix="check the path") from None
    _check_size(len(data), source, config)
    return data


def _read_stdin(config: IngestConfig) -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError("no standard input to read", fix="pipe an article in, or give a path or URL")
    if stream.isatty():
        raise InputError("'-' reads the article from stdin, but nothing is piped in", fix="pipe an article in, e.g. cat article.txt | readaloud ... -")
    buffer = getattr(stream, "buffer", None)
    data = buffer.read(config.max_bytes + 1) if buffer is not None else stream.read().encode("utf-8")
    if len(data) > config.max_bytes:
        raise _too_large("stdin", None, config)
    return data


def fetch_url(url: str, config: IngestConfig) -> tuple[bytes, str | None, str]:
    """GET ``url`` with a timeout, a size cap and our User-Agent: (body, content type, final URL)."""
    import http.client  # here, not at the top: files and stdin need no HTTP stack (ssl is slow to import)
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + config.fetch_timeout_s
    try:
        with urllib.request.urlopen(request, timeout=config.fetch_timeout_s) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > config.max_bytes:
                raise _too_large(url, int(length), config, FetchError)
            data = _read_capped(response, url, config, deadline)
            encoding = (response.headers.get("Content-Encoding") or "identity").lower()
            if encoding in ("gzip", "x-gzip", "deflate"):
                data = _decompress(data, encoding, url, config)
            return data, response.headers.get("Content-Type"), response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise FetchError(
            f"{url} answered HTTP {exc.code} {exc.reason}".rstrip(),
            fix="check the URL in a browser" if exc.code < 500 else "the site is failing; try again later",
        ) from None
    except urllib.error.URLError as exc:
        raise _network_error(url, exc.reason, config) from None
    except (TimeoutError, socket.timeout) as exc:
        raise _network_error(url, exc, config) from None
    except OSError as exc:  # connection reset, refused mid-way, ...
        raise _network_error(url, exc, config) from None
    except http.client.HTTPException as exc:  # truncated or malformed response
        raise FetchError(f"{url}: bad HTTP response ({exc.__class__.__name__})", fix="try again later") from None
    except ValueError as exc:
        raise InputError(f"{url} is not a valid URL ({exc})", fix="check the URL") from None


def _read_capped(response: object, url: str, config: IngestConfig, deadline: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(FETCH_CHUNK_BYTES)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > config.max_bytes:
            raise _too_large(url, None, config, FetchError)
        if time.monotonic() > deadline:
            raise FetchError(
                f"{url} took longer than {config.fetch_timeout_s:g} s to download",
                fix="try again later, or raise fetch_timeout_s under [ingest] in your settings file",
            )
        chunks.append(chunk)


def _decompress(data: bytes, encoding: str, url: str, config: IngestConfig) -> bytes:
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, config.max_bytes + 1)
    except zlib.error:
        raise FetchError(f"{url} sent a corrupt {encoding} body", fix="try again later") from None
    if len(out) > config.max_bytes:
        raise _too_large(url, None, config, FetchError)
    return out


def _network_error(url: str, reason: object, config: IngestConfig) -> FetchError:
    host = urllib.parse.urlsplit(url).hostname or url
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return FetchError(
            f"{url} did not answer within {config.fetch_timeout_s:g} s",
            fix="check your connection, or raise fetch_timeout_s under [ingest] in your settings file",
        )
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(f"{host} refused the connection ({url})", fix="check the URL and port")
    if isinstance(reason, socket.gaierror):
        return FetchError(f"cannot find the host {host}", fix="check the URL's spelling and your internet connection")
    return FetchError(f"could not fetch {url} ({reason})", fix="check the URL and your internet connection")


def _replace(doc: Document, **changes: object) -> Document:
    import dataclasses

    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]
