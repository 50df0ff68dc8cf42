"""Ingest: encodings, character normalisation, markdown, bad inputs, stdin and URL fetching.

Every fixture is generated here (tmp_path, the local http_server); nothing touches the
real internet.
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from readaloud import ingest
from readaloud.config import IngestConfig
from readaloud.errors import FetchError, InputError
from readaloud.ingest import (
    decode_bytes,
    decode_entities,
    markdown_to_text,
    nfc,
    normalize_characters,
    normalize_newlines,
    normalize_spaces,
    read_bytes,
    read_source,
    remove_soft_hyphens,
    remove_zero_width,
    straighten_quotes,
    strip_trailing_spaces,
)

NEWS = (
    "Fares rose to £5.20 on Monday, and the café owner, Zoë Müller, said the “über-fee” "
    "was ‘unfair’ — a rise of €1.10 in a year.\n"
    "The council said it would review the charge.\n"
)
"""News text with every character class the legacy encodings disagree about."""

NEWS_LATIN1 = "Fares rose to £5.20 at the café; Zoë Müller said the über-fee was unfair.\n"
"""latin-1 has no €, curly quotes or dashes, so its sample sticks to Latin-1 letters."""

PAGE = """<!DOCTYPE html><html><head><title>Tram fares to rise | The Gazette</title>
<meta name="author" content="Ann Smith"><meta property="article:published_time" content="2024-05-02T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tram fares to rise</h1>
<p>Tram fares in the city will rise by 10p from June, the transport authority said on Thursday.</p>
<p>The authority said the rise was needed to cover higher energy costs and staff pay.</p>
<p>Passenger groups said the increase would hit the lowest-paid commuters hardest this year.</p>
</article><footer>© The Gazette</footer></body></html>"""


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_decode_bytes_round_trips_news_text(encoding: str) -> None:
    data = NEWS.encode(encoding)
    if encoding == "utf-16":  # Python's utf-16 codec writes a BOM; check both byte orders explicitly too
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert decode_bytes(data) == NEWS


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_with_explicit_bom(bom: bytes) -> None:
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    assert decode_bytes(bom + NEWS.encode(codec)) == NEWS


def test_latin1_text_decodes() -> None:
    assert decode_bytes(NEWS_LATIN1.encode("latin-1")) == NEWS_LATIN1


def test_cp1252_preferred_over_latin1_for_typographic_bytes() -> None:
    data = "“Quoted” — costs €3 ‘now’…".encode("cp1252")
    assert any(0x80 <= b <= 0x9F for b in data)
    text = decode_bytes(data)
    assert text == "“Quoted” — costs €3 ‘now’…"
    assert not any(0x80 <= ord(c) <= 0x9F for c in text)  # no C1 controls from a latin-1 misread


def test_cyrillic_legacy_text_is_not_read_as_western() -> None:
    text = "Правительство объявило о новых мерах поддержки экономики в четверг."
    assert decode_bytes(text.encode("cp1251")) == text


def test_utf8_bom_is_not_kept() -> None:
    assert not decode_bytes(NEWS.encode("utf-8-sig")).startswith("\ufeff")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_read_source_decodes_and_normalises_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(NEWS.replace("\n", "\r\n").encode(encoding))
    doc = read_source(str(path))
    assert doc.kind == "text"
    assert doc.text == normalize_characters(NEWS)
    assert "£5.20" in doc.text and "€1.10" in doc.text and "Zoë Müller" in doc.text
    assert '"über-fee"' in doc.text and "'unfair'" in doc.text and " — " in doc.text
    assert "\r" not in doc.text


def test_read_source_latin1(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(NEWS_LATIN1.encode("latin-1"))
    assert read_source(str(path)).text == NEWS_LATIN1


def test_declared_charset_of_html_is_honoured() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("10p", "10p “extra”")
    doc = read_bytes(page.encode("cp1252"), source="page.html")
    assert '10p "extra"' in doc.text


# --- character normalisers, one by one -------------------------------------------------------


def test_straighten_quotes() -> None:
    assert straighten_quotes("“Hi,” she said, ‘it’s „fine‟’") == "\"Hi,\" she said, 'it's \"fine\"'"


def test_straighten_quotes_keeps_dashes() -> None:
    assert straighten_quotes("a – b — c") == "a – b — c"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007", "\u2009"])
def test_normalize_spaces(space: str) -> None:
    assert normalize_spaces(f"£5{space}million") == "£5 million"


def test_remove_soft_hyphens() -> None:
    assert remove_soft_hyphens("inter\u00adnational") == "international"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_remove_zero_width(char: str) -> None:
    assert remove_zero_width(f"news{char}paper") == "newspaper"


def test_decode_entities() -> None:
    assert decode_entities("Tom &amp; Jerry&nbsp;&#8217;s &mdash; &#x20AC;5") == "Tom & Jerry\u00a0\u2019s \u2014 \u20ac5"


def test_decode_entities_leaves_bare_ampersands() -> None:
    assert decode_entities("AT&T and R&D &notice") == "AT&T and R&D &notice"


def test_nfc_composes() -> None:
    assert nfc("cafe\u0301") == "café"


def test_normalize_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_strip_trailing_spaces() -> None:
    assert strip_trailing_spaces("one  \ntwo\t\n three ") == "one\ntwo\n three"


def test_normalize_characters_composes_all_steps() -> None:
    raw = "“It’s\u00a0a deal,”\u200b she said &mdash; in\u00adternational cafe\u0301  \r\nNext &amp; last"
    assert normalize_characters(raw) == "\"It's a deal,\" she said \u2014 international café\nNext & last"


def test_entity_for_nbsp_becomes_plain_space() -> None:
    assert normalize_characters("10&nbsp;km") == "10 km"


# --- markdown ----------------------------------------------------------------------------

MARKDOWN = """# The **Big** Story

Some *emphasis*, __strong__ and a [link](https://example.com/a "title") here,
continued on a second line with `code_x` and a snake_case_word.

![A photo](photo.jpg)

## What happened

- first point
* second _point_
1. numbered point

> A quoted line
> that continues.

```
print("not markup # here")
```

Footnote ref[^1] and [a reference link][ref].

[^1]: The footnote text.
[ref]: https://example.com/ref
"""


def test_markdown_title_from_first_h1_and_not_in_body() -> None:
    text, title = markdown_to_text(MARKDOWN)
    assert title == "The Big Story"
    assert "Big Story" not in text


def test_markdown_inline_markup_removed() -> None:
    text, _ = markdown_to_text(MARKDOWN)
    paras = text.split("\n\n")
    assert paras[0] == (
        "Some emphasis, strong and a link here, continued on a second line with code_x and a snake_case_word."
    )
    assert "photo" not in text.lower() and "https://" not in text and "*" not in text


def test_markdown_blocks() -> None:
    text, _ = markdown_to_text(MARKDOWN)
    paras = text.rstrip("\n").split("\n\n")
    for expected in (
        "What happened",
        "first point",
        "second point",
        "numbered point",
        "A quoted line that continues.",
        'print("not markup # here")',
        "Footnote ref and a reference link.",
        "The footnote text.",
    ):
        assert expected in paras
    assert not any(p.startswith(("#", "-", ">", "```", "[")) for p in paras)


def test_markdown_without_h1_has_no_title() -> None:
    text, title = markdown_to_text("## Only a subhead\n\nBody text.\n")
    assert title is None
    assert text == "Only a subhead\n\nBody text.\n"


def test_markdown_setext_h1_and_front_matter() -> None:
    assert markdown_to_text("Headline here\n=============\n\nBody.\n") == ("Body.\n", "Headline here")
    assert markdown_to_text("---\ntitle: From front matter\n---\nBody.\n") == ("Body.\n", "From front matter")


def test_markdown_file_read(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_source(str(path))
    assert (doc.kind, doc.title) == ("markdown", "The Big Story")


# --- kind detection ------------------------------------------------------------------------


def test_kind_by_extension_content_type_and_sniffing() -> None:
    assert ingest.detect_kind("a.HTM", None, "plain") == "html"
    assert ingest.detect_kind("a.txt", "text/html", "<html>") == "text"
    assert ingest.detect_kind("https://x.test/story", "text/html; charset=utf-8", "x") == "html"
    assert ingest.detect_kind("https://x.test/story.md?x=1", "text/plain", "x") == "markdown"
    assert ingest.detect_kind("-", None, "  \n<!DOCTYPE html><html>") == "html"
    assert ingest.detect_kind("-", None, "<html lang='en'><p>x") == "html"
    assert ingest.detect_kind("-", None, "# Heading\n\ntext") == "markdown"
    assert ingest.detect_kind("-", None, "Plain words about <html> tags later on.") == "text"


def test_html_file_goes_through_extraction(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_source(str(path))
    assert doc.kind == "html"
    assert doc.title == "Tram fares to rise"
    assert doc.byline == "Ann Smith"
    assert doc.date == "2024-05-02"
    assert "Tram fares in the city will rise" in doc.text
    assert "Home" not in doc.text and "©" not in doc.text


# --- bad input -----------------------------------------------------------------------------


def _problem(exc: pytest.ExceptionInfo[InputError]) -> str:
    assert exc.value.fix, "every input error names a fix"
    assert "\n" not in str(exc.value)
    return str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_source(str(tmp_path / "nope.txt"))
    assert "no such file" in _problem(exc)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_source(str(tmp_path))
    assert "directory" in _problem(exc)


@pytest.mark.parametrize(
    ("head", "word"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binary_signatures(tmp_path: Path, head: bytes, word: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(head + bytes(range(256)) * 4)
    with pytest.raises(InputError) as exc:
        read_source(str(path))
    assert word in _problem(exc)


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"abc\x00\x01\x02\x00\x00\x07 def" * 50)
    with pytest.raises(InputError) as exc:
        read_source(str(path))
    assert "binary" in _problem(exc)


def test_undecodable_binary_without_nuls() -> None:
    data = bytes(b for b in range(1, 256) if b not in (9, 10, 13)) * 20
    with pytest.raises(InputError):
        read_bytes(data, source="blob")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n", "\u00a0\u200b\n".encode()])
def test_empty_or_whitespace_only(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_source(str(path))
    assert "empty" in _problem(exc)


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 400)
    with pytest.raises(InputError) as exc:
        read_source(str(path), IngestConfig(max_bytes=1000))
    message = _problem(exc)
    assert "2,000 bytes" in message and "1,000-byte limit" in message and "max_bytes" in message


def test_default_limit_is_five_megabytes() -> None:
    assert IngestConfig().max_bytes == 5_000_000


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "data:text/plain,hi"])
def test_non_http_scheme(url: str) -> None:
    with pytest.raises(InputError) as exc:
        read_source(url)
    assert not isinstance(exc.value, FetchError)
    assert "not supported" in _problem(exc)


def test_path_with_colon_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "note:1.txt"
    path.write_text("A short note.\n", encoding="utf-8")
    assert read_source(str(path)).text == "A short note.\n"


# --- stdin -----------------------------------------------------------------------------------


class _FakeStdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(io.BytesIO(data)))


def test_stdin_reads_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, NEWS.encode("cp1252"))
    doc = read_source("-")
    assert doc.source == "-" and doc.text == normalize_characters(NEWS)


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, PAGE.encode("utf-8"))
    doc = read_source("-")
    assert doc.kind == "html" and doc.title == "Tram fares to rise"


def test_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"x" * 2000)
    with pytest.raises(InputError) as exc:
        read_source("-", IngestConfig(max_bytes=1000))
    assert "limit" in _problem(exc)


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    with pytest.raises(InputError):
        read_source("-")


# --- URL fetching ------------------------------------------------------------------------------

FAST = IngestConfig(fetch_timeout_s=0.5)


def test_fetch_text(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/story.txt", NEWS)
    doc = read_source(url, FAST)
    assert doc.kind == "text" and doc.text == normalize_characters(NEWS)
    assert doc.source == url and doc.url == url


def test_fetch_html_by_content_type(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/news/tram-fares", PAGE, content_type="text/html; charset=utf-8")
    doc = read_source(url, FAST)
    assert doc.kind == "html" and doc.title == "Tram fares to rise" and doc.url == url
    assert "Passenger groups said" in doc.text


def test_fetch_uses_header_charset(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/legacy", NEWS.encode("cp1252"), content_type="text/plain; charset=windows-1252")
    assert read_source(url, FAST).text == normalize_characters(NEWS)


def test_fetch_sends_user_agent(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/ua.txt", "Some text.")
    read_source(url, IngestConfig(user_agent="readaloud-test/9.9"))
    assert http_server.requests[-1].headers["User-Agent"] == "readaloud-test/9.9"


def test_default_user_agent_names_the_tool(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/ua.txt", "Some text.")
    read_source(url, FAST)
    assert http_server.requests[-1].headers["User-Agent"].startswith("readaloud/")


@pytest.mark.parametrize("status", [404, 500, 503])
def test_fetch_non_2xx(http_server, status: int) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/x", "error page", status=status)
    with pytest.raises(FetchError) as exc:
        read_source(url, FAST)
    assert str(status) in _problem(exc)


def test_fetch_unknown_path_is_404(http_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError, match="404"):
        read_source(http_server.url("/never-registered"), FAST)


def test_fetch_slow_response_times_out(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/slow", "late", delay_s=5)
    with pytest.raises(FetchError) as exc:
        read_source(url, IngestConfig(fetch_timeout_s=0.3))
    assert "0.3 s" in _problem(exc)


def test_fetch_trickling_body_hits_overall_deadline(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/drip", b"word " * 40_000, chunk_size=20_000, chunk_delay_s=0.2)
    with pytest.raises(FetchError):
        read_source(url, IngestConfig(fetch_timeout_s=0.5))


def test_fetch_too_large_by_content_length(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/big", b"a " * 5000)
    with pytest.raises(FetchError) as exc:
        read_source(url, IngestConfig(max_bytes=1000))
    assert "1,000-byte limit" in _problem(exc)


def test_fetch_too_large_without_content_length(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/big-stream", b"a " * 100_000, send_length=False, chunk_size=8192)
    with pytest.raises(FetchError, match="limit"):
        read_source(url, IngestConfig(max_bytes=10_000))


def test_fetch_gzip_body_is_decompressed(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/gz.txt", gzip.compress(NEWS.encode()), headers={"Content-Encoding": "gzip"})
    assert read_source(url, FAST).text == normalize_characters(NEWS)


def test_fetch_refused_connection(closed_port_url: str) -> None:
    with pytest.raises(FetchError) as exc:
        read_source(closed_port_url, FAST)
    assert "refused" in _problem(exc)


def test_fetch_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError) as exc:
        read_source("http://no-such-host.invalid/story", FAST)
    assert "no-such-host.invalid" in _problem(exc)


def test_utf8_with_a_stray_cp1252_byte_stays_utf8() -> None:
    data = NEWS.encode("utf-8") + " He said \x93fine\x94.".encode("latin-1")
    assert decode_bytes(data) == NEWS + " He said “fine”."


def test_large_input_is_checked_quickly(tmp_path: Path) -> None:
    import time

    path = tmp_path / "long.txt"
    path.write_bytes((NEWS * 20_000).encode("cp1252"))  # ~4 MB of legacy-encoded text
    start = time.monotonic()
    doc = read_source(str(path))
    assert doc.text.count("Zoë Müller") == 20_000
    assert time.monotonic() - start < 10


def test_fetch_follows_redirect_and_reports_final_url(http_server) -> None:  # type: ignore[no-untyped-def]
    final = http_server.route("/final.txt", NEWS)
    start = http_server.route("/moved", "", status=301, headers={"Location": final})
    doc = read_source(start, FAST)
    assert doc.url == final and doc.text == normalize_characters(NEWS)
