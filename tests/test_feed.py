"""readaloud feed: the produced feed checked against the files on disk, incremental runs, safety.

Sources are files and a local HTTP server on 127.0.0.1 (never the internet); the
voice is "fast" (espeak-ng) except in the one init+build test, which uses the default.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree
from mutagen.mp3 import MP3

from readaloud.config import Settings
from readaloud.errors import ConfigError, EngineError
from readaloud.dates import parse_date
from readaloud.feed.build import build_feed, make_guid, slug_base, unique_slug
from readaloud.feed.cli import feed
from readaloud.feed.config import load_feed_config
from readaloud.feed.render import PODCAST_NS
from readaloud.feed.sources import parse_feed_links
from readaloud.tags import read_chapters, read_tags

BASE = "https://audio.example.org/evening/"
ENV = {k: v for k, v in os.environ.items() if k not in ("READALOUD_VOICE", "READALOUD_CONFIG")}


@pytest.fixture(autouse=True)
def _no_user_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READALOUD_VOICE", raising=False)


def text_article(title: str, day: int | None, *paragraphs: str) -> str:
    dateline = f"Published {day} November 2026\n\n" if day else ""
    return f"{title}\n\n{dateline}" + "\n\n".join(paragraphs) + "\n"


def html_page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title} | Example News</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Example News</footer></body></html>")


def write_config(root: Path, sources: list[str], *, keep: int = 200, extra: str = "", digest: str = "",
                 voice: str = "fast") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    text = (f'[feed]\ntitle = "Evening Read"\ndescription = "Today\'s articles, read aloud."\n'
            f'author = "Example News"\nbase_url = "{BASE}"\nlanguage = "en-gb"\nvoice = "{voice}"\n'
            f'output = "public"\nkeep = {keep}\n{extra}\n')
    text += "".join(f"[[sources]]\n{s}\n" for s in sources)
    text += digest
    path = root / "feed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def add_articles(root: Path, articles: dict[str, str]) -> None:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")


THREE = {
    "library.txt": text_article("Library hours to be extended", 3,
                                "The council voted to keep the library open until eight in the evening.",
                                "Volunteers will staff the extra hours."),
    "river.txt": text_article("New riverside path opens", 4, "A two-mile path along the river opened this morning."),
    "market.txt": text_article("Saturday market returns", 5, "The weekly market is back with forty stalls."),
}


def build(cfg: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return build_feed(cfg, settings=Settings(), **kwargs)  # type: ignore[arg-type]


def parsed(out: Path) -> feedparser.FeedParserDict:
    result = feedparser.parse((out / "feed.xml").read_bytes())
    assert not result.bozo, result.get("bozo_exception")
    return result


def seconds(duration: str) -> int:
    total = 0
    for part in duration.split(":"):
        total = total * 60 + int(part)
    return total


def podcast_elements(out: Path, name: str) -> dict[str, dict[str, str]]:
    root = etree.parse(str(out / "feed.xml")).getroot()
    found = {}
    for item in root.iter("item"):
        node = item.find(f"{{{PODCAST_NS}}}{name}")
        if node is not None:
            found[item.findtext("guid")] = dict(node.attrib)
    return found


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(out)): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(out.rglob("*")) if p.is_file()}


def check_against_disk(out: Path) -> feedparser.FeedParserDict:
    """Every item's enclosure, duration and transcript agree with the files on disk."""
    result = parsed(out)
    transcripts = podcast_elements(out, "transcript")
    for entry in result.entries:
        (enclosure,) = entry.enclosures
        assert enclosure.href.startswith(BASE) and enclosure.type == "audio/mpeg"
        path = out / enclosure.href[len(BASE):]
        assert int(enclosure.length) == path.stat().st_size
        assert abs(seconds(entry.itunes_duration) - MP3(path).info.length) <= 1.0
        assert entry.guidislink is False
        transcript = transcripts[entry.id]
        assert transcript["type"] == "text/vtt" and transcript["url"].startswith(BASE)
        vtt = out / transcript["url"][len(BASE):]
        assert vtt.read_text(encoding="utf-8").startswith("WEBVTT")
        assert read_tags(path).title == entry.title
    return result


class Balance(HTMLParser):
    """Well-formedness check: every non-void element closes, in order; records what it saw."""

    VOID = {"meta", "link", "source", "br", "img", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


# --- the full feed against the files ---------------------------------------------------------


def test_feed_fields_match_files(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "site"
    add_articles(root, {
        **THREE,
        "chips.txt": text_article('Fish & chips <shop> wins "best" award', 6, "The judges praised the batter & the peas."),
    })
    (root / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    school = http_server.route("/a/school.html", html_page("School roof repaired",
                               "The primary school roof was repaired over half term.", "Pupils return on Monday."),
                               content_type="text/html; charset=utf-8")
    bridge = http_server.route("/a/bridge.html", html_page("Bridge reopens early", "The old bridge reopened two weeks early."),
                               content_type="text/html; charset=utf-8")
    council = http_server.route("/a/council.html", html_page("Council tax frozen", "Council tax will not rise next year."),
                                content_type="text/html; charset=utf-8")
    rss = http_server.route("/news.rss", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
        <item><title>School</title><link>{school}</link><pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate></item>
        <item><title>Bridge</title><link>/a/bridge.html</link><pubDate>Sun, 01 Nov 2026 08:00:00 GMT</pubDate></item>
        </channel></rss>""", content_type="application/rss+xml")
    (root / "urls.txt").write_text(f"# one a line\n{council}\n\n", encoding="utf-8")
    extra = ('image = "cover.png"\ncategory = "News/Daily News"\nexplicit = true\n'
             'owner_email = "pod@example.org"\nlink = "https://example.org/"\n')
    cfg = write_config(root, ['path = "articles/*.txt"', f'rss = "{rss}"', 'urls = "urls.txt"'], extra=extra)

    report = build(cfg)
    assert (len(report.new), len(report.skipped)) == (7, 0), report.skipped
    out = root / "public"
    result = check_against_disk(out)
    channel = result.feed
    assert channel.title == "Evening Read"
    assert channel.link == "https://example.org/"
    assert channel.subtitle == "Today's articles, read aloud."
    assert channel.language == "en-gb"
    assert channel.author == "Example News"
    assert channel.image.href == BASE + "cover.png" and (out / "cover.png").is_file()
    assert channel.tags[0].term == "News"
    assert channel.itunes_explicit is True

    entries = {e.title: e for e in result.entries}
    assert len(entries) == 7
    assert entries['Fish & chips <shop> wins "best" award'].summary == "The judges praised the batter & the peas."
    assert entries["School roof repaired"].link == school
    assert entries["Bridge reopens early"].link == bridge  # relative RSS link resolved
    assert entries["Council tax frozen"].link == council
    assert "link" not in entries["Library hours to be extended"]
    # The article's own date, else the listing's date, else first seen (now).
    assert entries["Library hours to be extended"].published_parsed[:3] == (2026, 11, 3)
    assert entries["School roof repaired"].published_parsed[:5] == (2026, 11, 2, 9, 30)
    assert entries["Bridge reopens early"].published_parsed[:3] == (2026, 11, 1)
    assert abs(time.mktime(entries["Council tax frozen"].published_parsed) - time.mktime(time.gmtime())) < 600
    assert entries["School roof repaired"].id == make_guid(school)
    assert entries["Library hours to be extended"].id == make_guid("articles/library.txt")
    # Newest first.
    dates = [e.published_parsed for e in result.entries]
    assert dates == sorted(dates, reverse=True)

    page = (out / "index.html").read_text(encoding="utf-8")
    checker = Balance()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    tags = [t for t, _ in checker.seen]
    assert "script" not in tags and "h1" in tags and "h3" in tags
    assert dict(checker.seen)["html"].get("lang") == "en-gb"
    audios = [a for t, a in checker.seen if t == "audio"]
    sources = [a["src"] for t, a in checker.seen if t == "source"]
    assert len(audios) == 7 and all("controls" in a and a.get("preload") == "none" for a in audios)
    assert [BASE + s for s in sources] == [e.enclosures[0].href for e in result.entries]
    assert "Fish &amp; chips &lt;shop&gt; wins &quot;best&quot; award" in page and "<shop>" not in page
    assert page.count(".vtt\">Transcript") == 7 and page.count("<time datetime=") >= 7


# --- incremental runs -------------------------------------------------------------------------


def test_second_run_rewrites_nothing_then_an_edit_keeps_its_guid(tmp_path: Path) -> None:
    add_articles(tmp_path, THREE)
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'])
    out = tmp_path / "public"
    started = time.perf_counter()
    first = build(cfg)
    first_s = time.perf_counter() - started
    assert len(first.new) == 3
    before = snapshot(out)

    started = time.perf_counter()
    second = build(cfg)
    second_s = time.perf_counter() - started
    assert (len(second.new), len(second.updated), len(second.unchanged)) == (0, 0, 3)
    assert second.summary() == "new 0, updated 0, unchanged 3, skipped 0, removed 0"
    after = snapshot(out)
    assert {k: v for k, v in after.items() if not k.startswith(".readaloud")} == \
           {k: v for k, v in before.items() if not k.startswith(".readaloud")}
    assert second_s < first_s * 0.5, (first_s, second_s)

    guids = {e.title: e.id for e in parsed(out).entries}
    old_audio = (out / "episodes" / "river.mp3").read_bytes()
    add_articles(tmp_path, {"river.txt": text_article("New riverside path opens", 4,
                 "A two-mile path along the river opened this morning, a week late.", "Cyclists are welcome.")})
    third = build(cfg)
    assert (len(third.new), len(third.updated), len(third.unchanged)) == (0, 1, 2)
    assert (out / "episodes" / "river.mp3").read_bytes() != old_audio
    assert snapshot(out)["episodes/library.mp3"] == before["episodes/library.mp3"]
    result = check_against_disk(out)
    assert {e.title: e.id for e in result.entries} == guids
    assert len(result.entries) == 3


def test_retention_keeps_the_newest(tmp_path: Path) -> None:
    add_articles(tmp_path, THREE)
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'], keep=2)
    out = tmp_path / "public"
    report = build(cfg)
    assert report.removed == ["articles/library.txt"]  # dated 3 Nov, the oldest
    assert not list((out / "episodes").glob("library.*"))
    assert [e.title for e in check_against_disk(out).entries] == ["Saturday market returns", "New riverside path opens"]

    again = build(cfg)  # still listed, but retired: not synthesised again
    assert (len(again.new), len(again.removed), len(again.unchanged)) == (0, 0, 2)
    add_articles(tmp_path, {"fair.txt": text_article("Winter fair announced", 9, "The fair opens in December.")})
    newer = build(cfg)
    assert (newer.new, newer.removed) == (["articles/fair.txt"], ["articles/river.txt"])
    assert sorted(p.name for p in (out / "episodes").iterdir()) == ["fair.mp3", "fair.vtt", "market.mp3", "market.vtt"]
    assert len(check_against_disk(out).entries) == 2


def test_digest_has_chapters(tmp_path: Path) -> None:
    add_articles(tmp_path, {k: THREE[k] for k in ("library.txt", "river.txt")})
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'], digest='[digest]\nenabled = true\ntitle = "Evening digest"\n')
    out = tmp_path / "public"
    report = build(cfg)
    assert report.digest is not None and len(report.new) == 3
    result = check_against_disk(out)
    digest = next(e for e in result.entries if e.title.startswith("Evening digest"))
    chapters_ref = podcast_elements(out, "chapters")[digest.id]
    assert chapters_ref["type"] == "application/json+chapters"
    data = json.loads((out / chapters_ref["url"][len(BASE):]).read_text(encoding="utf-8"))
    titles = ["Library hours to be extended", "New riverside path opens"]
    assert [c["title"] for c in data["chapters"]] == titles
    assert data["chapters"][0]["startTime"] == 0 and data["chapters"][1]["startTime"] > 1
    id3 = read_chapters(out / digest.enclosures[0].href[len(BASE):])
    assert [c.title for c in id3] == titles
    assert id3[1].start == pytest.approx(data["chapters"][1]["startTime"], abs=0.01)
    again = build(cfg)
    assert again.digest is None and len(again.new) == 0


# --- safety -----------------------------------------------------------------------------------


def test_lock_makes_a_second_build_fail_fast(tmp_path: Path) -> None:
    add_articles(tmp_path, THREE)
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'])
    out = tmp_path / "public"
    out.mkdir()
    with open(out / ".readaloud-feed.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = time.perf_counter()
        result = CliRunner().invoke(feed, ["build", str(cfg)])
        assert time.perf_counter() - started < 2
    assert result.exit_code == 1
    assert "another build of this feed is running" in result.output
    assert not (out / "feed.xml").exists() and not list(out.rglob("*.mp3"))


def test_kill_mid_run_leaves_the_old_feed_and_the_next_run_finishes(tmp_path: Path) -> None:
    add_articles(tmp_path, {k: THREE[k] for k in ("library.txt", "river.txt")})
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'])
    out = tmp_path / "public"
    build(cfg)
    old_feed = (out / "feed.xml").read_bytes()
    old = {p.name for p in (out / "episodes").glob("*.mp3")}
    body = " ".join(["The committee will publish its findings in the spring, after a public consultation."] * 3)
    add_articles(tmp_path, {f"extra{n}.txt": text_article(f"Extra story number {n}", 10 + n, body, body) for n in range(6)})
    command = [sys.executable, "-m", "readaloud", "feed", "build", str(cfg)]
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if {p.name for p in (out / "episodes").glob("*.mp3")} - old:
                break
            time.sleep(0.005)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert (out / "feed.xml").read_bytes() == old_feed
    for mp3 in (out / "episodes").glob("*.mp3"):  # complete: tagged before the rename, transcript beside it
        assert read_tags(mp3).title and MP3(mp3).info.length > 1
        assert mp3.with_suffix(".vtt").read_text(encoding="utf-8").startswith("WEBVTT")

    report = build(cfg)
    assert len(report.new) + len(report.unchanged) == 8 and not report.skipped
    assert len(check_against_disk(out).entries) == 8
    assert not [p for p in out.rglob(".*") if p.name not in (".readaloud-feed.sqlite", ".readaloud-feed.lock")]


def test_bad_articles_are_skipped_and_the_rest_published(tmp_path: Path, http_server, closed_port_url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    add_articles(tmp_path, {
        "good.txt": THREE["library.txt"],
        "explode.txt": text_article("Explosive engine failure", 7, "This one makes the engine fail."),
    })
    (tmp_path / "articles" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "articles" / "furniture.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>Copyright</footer></body></html>", encoding="utf-8")
    good_url = http_server.route("/a/ok.html", html_page("Park reopens", "The park reopened today after repairs."),
                                 content_type="text/html; charset=utf-8")
    missing = http_server.url("/a/missing.html")
    (tmp_path / "urls.txt").write_text(f"{closed_port_url}\n{missing}\n{good_url}\n", encoding="utf-8")
    cfg = write_config(tmp_path, ['path = "articles/*"', 'urls = "urls.txt"', f'rss = "{http_server.url("/gone.rss")}"'])

    import readaloud.pipeline as pipeline

    real = pipeline.speak_script

    def flaky(script, out, **kwargs):  # type: ignore[no-untyped-def]
        if script.title and script.title.startswith("Explosive"):
            raise EngineError("espeak-ng failed on this text", fix="try another voice")
        return real(script, out, **kwargs)

    monkeypatch.setattr(pipeline, "speak_script", flaky)
    result = CliRunner(mix_stderr=False).invoke(feed, ["build", str(cfg)])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "new 2, updated 0, unchanged 0, skipped 6, removed 0"
    for name in ("binary.txt", "furniture.html", "explode.txt", closed_port_url, missing, "gone.rss"):
        assert name in result.stderr
    out = tmp_path / "public"
    assert sorted(e.title for e in check_against_disk(out).entries) == ["Library hours to be extended", "Park reopens"]
    assert not list((out / "episodes").glob("explode*")) and not list((out / "episodes").glob(".*"))


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    add_articles(tmp_path, THREE)
    cfg = write_config(tmp_path, ['path = "articles/*.txt"'], keep=3)
    result = CliRunner().invoke(feed, ["build", str(cfg), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "public").exists()
    assert "would add articles/market.txt" in result.output
    assert result.output.strip().splitlines()[-1].endswith("new 3, updated 0, unchanged 0, skipped 0, removed 0")

    build(cfg)
    before = snapshot(tmp_path / "public")
    add_articles(tmp_path, {"river.txt": text_article("New riverside path opens", 4, "Edited text."),
                            "fair.txt": text_article("Winter fair announced", 9, "The fair opens in December.")})
    report = build(cfg, dry_run=True)
    assert (report.new, report.updated, report.removed) == (["articles/fair.txt"], ["articles/river.txt"], ["articles/library.txt"])
    assert snapshot(tmp_path / "public") == before


@pytest.mark.parametrize(("body", "key"), [
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\ncolour = "red"\n[[sources]]\npath = "*.txt"\n', "colour"),
    ('[feed]\ndescription = "D"\nbase_url = "https://x.org/"\n[[sources]]\npath = "*.txt"\n', "title"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\nkeep = "ten"\n[[sources]]\npath = "*.txt"\n', "keep"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\nexplicit = "no"\n[[sources]]\npath = "*.txt"\n', "explicit"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "x.org"\n[[sources]]\npath = "*.txt"\n', "base_url"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\n', "sources"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\n[[sources]]\npath = "a"\nrss = "b"\n', "path"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\n[[sources]]\nfeed = "a"\n', "feed"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\n[[sources]]\npath = "a"\n[digest]\nenabled = 1\n', "enabled"),
    ('[feed]\ntitle = "T"\ndescription = "D"\nbase_url = "https://x.org/"\nimage = "cover.gif"\n[[sources]]\npath = "a"\n', "image"),
])
def test_config_errors_name_the_key_and_file(tmp_path: Path, body: str, key: str) -> None:
    cfg = tmp_path / "feed.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_feed_config(cfg)
    assert f"'{key}'" in str(caught.value) and str(cfg) in str(caught.value)
    result = CliRunner().invoke(feed, ["build", str(cfg)])
    assert result.exit_code == 1 and f"'{key}'" in result.output and not (tmp_path / "public").exists()


def test_init_then_build_works_offline_with_the_default_voice(tmp_path: Path) -> None:
    runner = CliRunner()
    demo = tmp_path / "demo"
    result = runner.invoke(feed, ["init", str(demo)])
    assert result.exit_code == 0, result.output
    assert "OnCalendar=" in result.output and "crontab" in result.output
    assert runner.invoke(feed, ["init", str(demo)]).exit_code == 1  # never overwrites silently
    empty = tmp_path / "settings.toml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(feed, ["build", str(demo / "feed.toml"), "--settings", str(empty)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "new 3, updated 0, unchanged 0, skipped 0, removed 0"
    assert len(check_against_disk(demo / "public").entries) == 3


def _items(out: Path) -> list[tuple[str, str, str, str, int]]:
    # Durations, not byte lengths: in-process espeak-ng keeps global state, so audio made after
    # other tests in the same process may differ by a few milliseconds.
    return [(e.id, e.title, e.summary, e.published, seconds(e.itunes_duration)) for e in check_against_disk(out).entries]


def _same(got: list[tuple[str, str, str, str, int]], expected: list[tuple[str, str, str, str, int]]) -> None:
    assert [g[:4] for g in got] == [e[:4] for e in expected]
    assert all(abs(g[4] - e[4]) <= 1 for g, e in zip(got, expected))


def test_process_pool_and_dask_give_the_same_feed(tmp_path: Path) -> None:
    from readaloud.executor import DaskExecutor, ProcessExecutor

    def site(name: str) -> Path:
        add_articles(tmp_path / name, THREE)
        return write_config(tmp_path / name, ['path = "articles/*.txt"'])

    build(site("serial"))
    expected = _items(tmp_path / "serial" / "public")
    build(site("pool"), executor=ProcessExecutor(2))
    _same(_items(tmp_path / "pool" / "public"), expected)
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        report = build(site("dask"), executor=DaskExecutor(cluster))
    assert len(report.new) == 3
    _same(_items(tmp_path / "dask" / "public"), expected)


# --- small pure parts -------------------------------------------------------------------------


def test_feed_links_from_atom_and_rss() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/x/1"/>
        <updated>2026-11-02T10:00:00Z</updated></entry><entry><link href="https://o.org/2"/></entry></feed>"""
    assert parse_feed_links(atom, "https://e.org/feed") == [("https://e.org/x/1", "2026-11-02T10:00:00Z"),
                                                          ("https://o.org/2", None)]
    rss = b"<rss><channel><item><guid>https://e.org/g</guid></item><item><link>mailto:x@y</link></item></channel></rss>"
    assert parse_feed_links(rss, "https://e.org/") == [("https://e.org/g", None)]


def test_dates_slugs_and_guids() -> None:
    assert parse_date("3 November 2026").isoformat() == "2026-11-03T00:00:00+00:00"
    assert parse_date("Mon, 02 Nov 2026 09:30:00 +0100").isoformat() == "2026-11-02T08:30:00+00:00"
    assert parse_date("next Tuesday-ish") is None and parse_date("2999-01-01") is None
    taken: set[str] = set()
    assert [unique_slug(slug_base(s), taken) for s in ("a/Café Story.txt", "https://e.org/news/cafe-story.html",
                                                       "https://e.org/")] == ["cafe-story", "cafe-story-2", "e-org"]
    assert make_guid("articles/a.txt") == make_guid("articles/a.txt") != make_guid("articles/b.txt")
