"""HTML extraction on small handmade pages in the shapes of common CMSs.

Each page carries the furniture its CMS really serves (navigation, share bars, related
links, newsletter boxes, captions, comments, footers) around a known article, so the
tests check by rule: every article paragraph present, in order; no furniture string;
headline, byline and date found; headline not repeated in the body.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import lxml.html
import pytest

from readaloud.htmlextract import extract_html, prestrip

TITLE = "Ferry operator cuts winter timetable after engine failures"
AUTHOR = "Ruth Calloway"
DATE_ISO = "2024-11-19"
PARAS = [
    "The island's only car ferry will run four crossings a day instead of seven from next month, its operator said on Tuesday, after two engine failures in a fortnight left the older of its two vessels in dry dock.",
    "Harbourline said the reduced timetable would last until at least the end of February, when a replacement engine is due to arrive from the manufacturer in Finland.",
    "“We know this is hard for people who commute to the mainland,” said Deborah Quayle, the company's operations director. “But we would rather run fewer sailings than cancel them at short notice.”",
    "The island council said it had asked the operator to keep an early crossing for hospital appointments and would meet the company's board on Friday to discuss compensation for season-ticket holders.",
    "Residents have complained about reliability since the summer, when a third of sailings were delayed by more than half an hour, according to figures published by the harbour authority.",
]
FURNITURE = [
    "Sign up for our morning briefing",
    "Share on Facebook",
    "Related stories",
    "Council tax to rise by five per cent",
    "Photograph: Ian Moss",
    "Most read",
    "All rights reserved",
    "This comment section is moderated",
    "Subscribe now",
]


def _p(paras: list[str]) -> str:
    return "".join(f"<p>{p.replace('’', '&rsquo;')}</p>\n" for p in paras)


def wordpress() -> str:
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>{TITLE} &#8211; Island Echo</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="{DATE_ISO}T08:30:00+00:00">
</head><body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><nav class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-4411" class="post-4411 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{TITLE}</h1>
<div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ruth/">{AUTHOR}</a></span></span>
<span class="posted-on"><time class="entry-date published" datetime="{DATE_ISO}T08:30:00+00:00">November 19, 2024</time></span></div></header>
<div class="entry-content">
{_p(PARAS[:2])}
<figure class="wp-block-image"><img src="/ferry.jpg" alt=""><figcaption>The MV Solway in dry dock. Photograph: Ian Moss</figcaption></figure>
{_p(PARAS[2:])}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Share on Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related stories</h3><p><a href="/council-tax">Council tax to rise by five per cent</a></p></div>
</div>
<footer class="entry-footer">Posted in <a href="/news">News</a></footer>
</article>
<div id="comments" class="comments-area"><h2>3 thoughts</h2><p>This comment section is moderated and a lot of people have opinions about the ferry service on this island.</p></div>
</main><aside id="secondary" class="widget-area"><section class="widget"><h2>Most read</h2><ul><li><a href="/x">Council tax to rise by five per cent</a></li></ul></section>
<section class="widget widget_newsletter"><p>Sign up for our morning briefing</p><form><input type="email"><button>Subscribe now</button></form></section></aside></div>
<footer class="site-footer"><p>© 2024 Island Echo. All rights reserved.</p></footer>
</body></html>"""


def drupal() -> str:
    return f"""<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>{TITLE} | Valley Record</title>
<meta name="dcterms.date" content="{DATE_ISO}T06:00:00-05:00"></head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><header role="banner"><div class="region region-header"><a href="/">Valley Record</a></div>
<nav role="navigation" aria-labelledby="block-main-menu"><h2 class="visually-hidden">Main navigation</h2><ul class="menu"><li><a href="/news">News</a></li></ul></nav></header>
<main role="main"><div class="region region-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{TITLE}</span></h1>
<footer class="node__meta"><div class="field field--name-field-byline">By <a href="/author/rc">{AUTHOR}</a>, Staff Reporter</div>
<div class="node__submitted">Published <time datetime="{DATE_ISO}T11:00:00Z">Nov. 19, 2024</time></div></footer>
<div class="node__content">
<div class="social-share block"><ul><li><a href="https://facebook.com/sharer">Share on Facebook</a></li></ul></div>
<div class="field field--name-field-image"><figure><img src="/f.jpg"><figcaption class="caption">Photograph: Ian Moss</figcaption></figure></div>
<div class="clearfix text-formatted field field--name-body field__item">
{_p(PARAS[:3])}
<div class="field field--name-field-related-articles related-inline"><h3 class="field__label">Related stories</h3><div class="field__item"><a href="/tax">Council tax to rise by five per cent</a></div></div>
{_p(PARAS[3:])}
</div></div>
<section class="comments"><h2>Comments</h2><article class="comment"><p>This comment section is moderated and a lot of people have opinions about the ferry service on this island.</p></article></section>
</article></div>
<div class="region region-sidebar"><div class="block-most-read"><h2>Most read</h2><a href="/tax">Council tax to rise by five per cent</a></div>
<div class="block-newsletter-signup"><p>Sign up for our morning briefing</p><button>Subscribe now</button></div></div></main>
<footer role="contentinfo"><p>© 2024 Valley Record. All rights reserved.</p></footer></div></body></html>"""


def substack() -> str:
    return f"""<!DOCTYPE html><html><head><title>{TITLE} - by {AUTHOR}</title>
<meta property="og:title" content="{TITLE}"><meta name="author" content="{AUTHOR}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{TITLE}","datePublished":"{DATE_ISO}T12:00:00+00:00","author":[{{"@type":"Person","name":"{AUTHOR}"}}]}}</script>
</head><body><div class="main-menu"><a href="/">Island Letters</a><a href="/subscribe">Subscribe now</a></div>
<article class="typography newsletter-post post"><div class="post-header"><h1 class="post-title published">{TITLE}</h1>
<div class="post-meta"><a href="/profile">{AUTHOR}</a><div class="pencraft">Nov 19, 2024</div></div></div>
<div class="available-content"><div dir="auto" class="body markup">
<p>{PARAS[0]}<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a></p>
{_p(PARAS[1:3])}
<div class="subscription-widget-wrap-editor"><div class="subscription-widget"><p class="cta-caption">Sign up for our morning briefing</p><form><input type="email"><button>Subscribe now</button></form></div></div>
{_p(PARAS[3:])}
<p class="button-wrapper"><a class="button primary" href="/p/ferry?action=share"><span>Share on Facebook</span></a></p>
<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a><div class="footnote-content"><p>The older vessel, the MV Solway, entered service in 1987 and has been refitted twice.</p></div></div>
</div></div></article>
<div class="post-footer"><div class="like-button-container"><button>212</button></div></div>
<div id="discussion" class="comments-page"><h4>Discussion about this post</h4><p>This comment section is moderated and a lot of people have opinions about the ferry service on this island.</p></div>
<div class="footer"><p>© 2024 {AUTHOR}. All rights reserved.</p></div></body></html>"""


def bbc_like() -> str:
    return f"""<!DOCTYPE html><html lang="en-GB"><head><title>{TITLE} - Regional News</title>
<meta property="og:title" content="{TITLE}"></head><body>
<header role="banner"><a href="#main-content">Skip to content</a><nav><a href="/news">Home</a><a href="/news/uk">UK</a></nav></header>
<div id="main-content"><main role="main"><article>
<header><h1 id="main-heading" class="ssrcss-15xko80-StyledHeading">{TITLE}</h1></header>
<div data-component="byline-block" class="ssrcss-1qxqr1k-Container"><div>By {AUTHOR}</div><div>BBC News, Isle of Man</div></div>
<div data-component="timestamp-block"><time datetime="{DATE_ISO}T07:15:00.000Z">19 November 2024</time></div>
<div data-component="image-block"><figure><img src="/f.jpg"><figcaption class="ssrcss-caption"><span class="visually-hidden">Image caption, </span>Photograph: Ian Moss</figcaption></figure></div>
{"".join(f'<div data-component="text-block" class="ssrcss-text"><p class="ssrcss-paragraph">{p}</p></div>' for p in PARAS[:4])}
<div data-component="links-block"><h2>Related stories</h2><ul><li><a href="/tax">Council tax to rise by five per cent</a></li></ul></div>
<div data-component="text-block" class="ssrcss-text"><p class="ssrcss-paragraph">{PARAS[4]}</p></div>
<div data-component="tag-list"><h2>Related Topics</h2><ul><li><a href="/t">Ferries</a></li></ul></div>
</article>
<section data-component="share-tools"><button>Share on Facebook</button></section>
<div data-component="most-read"><h2>Most read</h2><ol><li><a href="/tax">Council tax to rise by five per cent</a></li></ol></div>
<div data-component="newsletter-promo"><p>Sign up for our morning briefing</p><a href="/n">Subscribe now</a></div>
</main></div>
<footer role="contentinfo"><p>Copyright 2024 BBC-like. All rights reserved. This comment section is moderated.</p></footer></body></html>"""


def guardian_like() -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><title>{TITLE} | World news | The Sentinel</title>
<meta property="og:title" content="{TITLE}"><meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="{DATE_ISO}T09:00:00.000Z"></head><body>
<header data-component="nav3"><div>Support the Sentinel</div><nav><a href="/">News</a><a href="/sport">Sport</a></nav></header>
<main data-layout="StandardLayout"><article class="dcr-0">
<div data-gu-name="headline"><h1 class="dcr-h1">{TITLE}</h1></div>
<div data-gu-name="standfirst"><p>Four sailings a day instead of seven until at least February</p></div>
<div data-gu-name="media"><figure><img src="/f.jpg"><figcaption class="dcr-x">The MV Solway. Photograph: Ian Moss</figcaption></figure></div>
<div data-gu-name="meta"><address aria-label="Contributor info" data-component="meta-byline"><a rel="author" href="/profile/ruth">{AUTHOR}</a></address>
<details data-gu-name="dateline"><summary>Tue 19 Nov 2024 09.00 GMT</summary></details>
<gu-island name="ShareButton"><button>Share on Facebook</button></gu-island></div>
<div data-gu-name="body"><div id="maincontent" class="article-body-commercial-selector article-body-viewer-selector">
{_p(PARAS[:2])}
<aside data-spacefinder-role="richLink"><a href="/tax"><span>Related stories: </span><span>Council tax to rise by five per cent</span></a></aside>
{_p(PARAS[2:3])}
<a href="#EmailSignup-skip-link-3">skip past newsletter promotion</a>
<div><gu-island name="SecureSignup"><div data-component="newsletter-signup"><p>Sign up for our morning briefing</p><form><label>Enter your email address</label><button>Subscribe now</button></form></div></gu-island></div>
<div id="EmailSignup-skip-link-3" aria-label="after newsletter promotion" role="note">after newsletter promotion</div>
<aside data-spacefinder-role="supporting"><blockquote><p>We would rather run fewer sailings than cancel them</p></blockquote></aside>
{_p(PARAS[3:])}
</div></div>
<div id="slot-body-end"><gu-island name="SlotBodyEnd"><div data-testid="contributions-epic"><p>We have a small favour to ask. Subscribe now and support independent journalism that stays free for everyone to read, today and every day.</p></div></gu-island></div>
</article>
<section data-component="most-popular"><h2>Most read</h2><ol><li><a href="/tax">Council tax to rise by five per cent</a></li></ol></section>
<section id="comments" data-component="discussion"><p>This comment section is moderated and a lot of people have opinions about the ferry service on this island.</p></section>
</main><footer data-component="footer"><p>© 2024 Sentinel News. All rights reserved.</p></footer></body></html>"""


CMS_PAGES: dict[str, Callable[[], str]] = {
    "wordpress": wordpress,
    "drupal": drupal,
    "substack": substack,
    "bbc": bbc_like,
    "guardian": guardian_like,
}


@pytest.fixture(params=sorted(CMS_PAGES))
def cms_page(request: pytest.FixtureRequest) -> str:
    return CMS_PAGES[request.param]()


def test_metadata_found(cms_page: str) -> None:
    doc = extract_html(cms_page)
    assert doc.kind == "html"
    assert doc.title == TITLE
    assert doc.byline is not None and AUTHOR in doc.byline
    assert doc.date == DATE_ISO


def test_every_body_paragraph_present_in_order(cms_page: str) -> None:
    doc = extract_html(cms_page)
    paras = doc.text.rstrip("\n").split("\n\n")
    positions = [paras.index(p) for p in PARAS]  # ValueError if a paragraph is missing or altered
    assert positions == sorted(positions)


def test_no_furniture(cms_page: str) -> None:
    doc = extract_html(cms_page)
    for furniture in FURNITURE:
        assert furniture.lower() not in doc.text.lower(), furniture


def test_headline_not_repeated_in_body(cms_page: str) -> None:
    doc = extract_html(cms_page)
    assert TITLE not in doc.text


def test_one_paragraph_per_line_blank_line_between(cms_page: str) -> None:
    text = extract_html(cms_page).text
    assert text.endswith("\n") and "\n\n\n" not in text
    assert all(line.strip() for line in text.rstrip("\n").split("\n\n"))
    assert all("\n" not in block for block in text.rstrip("\n").split("\n\n"))


def test_footnote_marker_dropped_and_footnote_text_kept() -> None:
    doc = extract_html(substack())
    assert PARAS[0] in doc.text.split("\n\n")  # no trailing "1" glued to the sentence
    assert "The older vessel, the MV Solway, entered service in 1987" in doc.text


def test_pull_quote_aside_and_rich_link_dropped() -> None:
    text = extract_html(guardian_like()).text
    assert "We would rather run fewer sailings than cancel them\n" not in text
    assert "skip past" not in text and "after newsletter promotion" not in text
    assert "favour to ask" not in text


def test_misleading_class_on_article_container_keeps_article() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    page = f"<html><body><div class='article-body share-enabled related-content'>{body}</div><nav>Home</nav></body></html>"
    text = extract_html(page).text
    assert all(p in text for p in PARAS)


def test_short_page_falls_back_to_block_text() -> None:
    page = "<html><body><nav>Home News</nav><article><p>Just one short line.</p></article></body></html>"
    assert extract_html(page).text == "Just one short line.\n"


def test_entities_decoded() -> None:
    page = wordpress().replace(PARAS[1], "Harbourline &amp; the council met&nbsp;today &mdash; twice, said the company in a statement to reporters.")
    text = extract_html(page).text
    assert "Harbourline & the council met" in text and "today \u2014 twice" in text and "&" + "mdash;" not in text


def test_url_passes_through_and_no_network_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> object:
        raise AssertionError("HTML extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    doc = extract_html(guardian_like(), url="https://www.sentinel.test/world/2024/nov/19/ferry")
    assert doc.url == "https://www.sentinel.test/world/2024/nov/19/ferry"
    assert PARAS[-1] in doc.text


def test_empty_and_fragment_html() -> None:
    assert extract_html("").text == ""
    assert extract_html("<?xml version='1.0' encoding='utf-8'?><html><body><p>Hi there.</p></body></html>").text == "Hi there.\n"


def test_prestrip_keeps_tail_text_of_removed_marker() -> None:
    import lxml.html

    root = lxml.html.fromstring("<div><p>Rates rose<sup><a href='#fn1'>1</a></sup> again today.</p></div>")
    prestrip(root)
    assert root.text_content() == "Rates rose again today."


def test_title_prefers_page_headline_over_site_suffix() -> None:
    page = drupal().replace(f"<title>{TITLE} | Valley Record</title>", f"<title>{TITLE} | Valley Record</title>")
    assert extract_html(page).title == TITLE


def test_title_longer_headline_beats_shortened_title_tag() -> None:
    page = drupal().replace(f"<title>{TITLE} | Valley Record</title>", "<title>Ferry operator cuts winter timetable | Valley Record</title>")
    assert extract_html(page).title == TITLE


def test_title_site_suffix_removed_without_h1() -> None:
    page = (
        "<html><head><title>Ferry cuts - Island Echo</title><meta property='og:site_name' content='Island Echo'>"
        f"</head><body><article>{''.join(f'<p>{p}</p>' for p in PARAS)}</article></body></html>"
    )
    assert extract_html(page).title == "Ferry cuts"


@pytest.mark.parametrize("prefix", ["By ", "View all posts by ", "Written by: "])
def test_byline_prefix_removed(prefix: str) -> None:
    page = wordpress().replace(f'<a class="url fn n" href="/author/ruth/">{AUTHOR}</a>', f'<a class="url fn n" href="/author/ruth/">{prefix}{AUTHOR}</a>')
    assert extract_html(page).byline == AUTHOR


def test_labelled_link_teaser_dropped_but_bare_cited_link_kept() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    body += "<p><strong>READ MORE:</strong> <a href='/other'>Council tax to rise by five per cent</a></p>"
    body += "<p><a href='https://example.org/report'>The harbour authority's punctuality report for 2024</a></p>"
    body += "".join(f"<p>{p}</p>" for p in PARAS[3:])
    root = prestrip(lxml.html.document_fromstring(f"<html><body><article>{body}</article></body></html>"))
    text = root.text_content()
    assert "Council tax to rise" not in text
    assert "punctuality report for 2024" in text


def test_nested_inline_markup_keeps_word_order() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    body += "<p>The <b>new <i>winter</i> timetable</b> starts <a href='/t'>on <em>Monday</em></a> at <span>dawn</span>, said the operator.</p>"
    text = extract_html(f"<html><body><article>{body}</article></body></html>").text
    assert "The new winter timetable starts on Monday at dawn, said the operator." in text


def test_line_breaks_separate_paragraphs() -> None:
    page = f"<html><body><div class='story'>{'<br><br>'.join(PARAS)}</div></body></html>"
    assert extract_html(page).text.rstrip("\n").split("\n\n") == PARAS
