"""What ``readaloud feed init DIR`` writes: a config that builds offline as it stands, and articles."""

from __future__ import annotations

from pathlib import Path

from ..encode import atomic_file
from ..errors import OutputError

CONFIG_NAME = "feed.toml"

EXAMPLE_CONFIG = """\
# readaloud feed: build with `readaloud feed build {config}`.
# Paths are relative to this file. Every key is checked: a typo is an error.

[feed]
title = "Evening Read"
description = "Today's articles, read aloud."
author = "Example News"
base_url = "https://audio.example.org/evening/"   # where the output directory is served
language = "en-gb"
voice = "default"          # "default" = your default voice; or "fast", "joe", a .toml profile
output = "public"          # feed.xml, index.html, episodes/ go here
keep = 200                 # newest N episodes stay in the feed and on disk
# image = "cover.jpg"      # .jpg/.png, square, 1400-3000 px; or an https:// URL
# category = "News/Daily News"
# explicit = false
# owner_name = "Example News"
# owner_email = "podcast@example.org"
# link = "https://example.org/"

[[sources]]
path = "articles/*.txt"    # files: .txt, .md, .html

# [[sources]]
# rss = "https://example.org/news.rss"   # an RSS/Atom feed of article links
# limit = 20                             # at most this many of its items

# [[sources]]
# urls = "urls.txt"                      # one article URL a line

# [digest]
# enabled = true           # also one episode a run joining that run's new articles, with chapters
# title = "Evening digest"
"""

EXAMPLE_ARTICLES = {
    "library-hours.txt": """\
Library hours to be extended from next month

By Jane Smith
Published 3 November 2026

The town council voted on Tuesday to keep the central library open until eight in the evening on weekdays.

Councillors said the change would cost little, because volunteers have offered to staff the extra hours.
""",
    "river-path.txt": """\
New riverside path opens to walkers and cyclists

Published 4 November 2026

A two-mile path along the river opened this morning, linking the railway station with the old mill.

The path took eighteen months to build. Residents can report problems on the council's website.
""",
    "market-returns.txt": """\
Saturday market returns to the square

Published 5 November 2026

The weekly market is back after a winter break, with more than forty stalls selling food, plants and crafts.

Organisers hope to add an evening market in the summer.
""",
}

SCHEDULING = """\
Run it every evening (copy one of these):

  # cron (crontab -e):
  30 18 * * *  cd {root} && readaloud feed build {config} >> build.log 2>&1

  # systemd: /etc/systemd/system/readaloud-feed.service
  [Unit]
  Description=Build the readaloud podcast feed
  [Service]
  Type=oneshot
  WorkingDirectory={root}
  ExecStart=readaloud feed build {config}

  # systemd: /etc/systemd/system/readaloud-feed.timer
  [Unit]
  Description=Build the readaloud podcast feed nightly
  [Timer]
  OnCalendar=*-*-* 18:30
  Persistent=true
  [Install]
  WantedBy=timers.target

  # then: systemctl enable --now readaloud-feed.timer
"""


def init_feed(directory: Path, *, force: bool = False) -> list[Path]:
    """Write a working example feed into ``directory``; refuses to overwrite unless ``force``."""
    directory = Path(directory)
    files = {directory / CONFIG_NAME: EXAMPLE_CONFIG.format(config=CONFIG_NAME)}
    files.update({directory / "articles" / name: text for name, text in EXAMPLE_ARTICLES.items()})
    existing = [p for p in files if p.exists()]
    if existing and not force:
        raise OutputError(f"{existing[0]} already exists", fix="pick an empty directory, or pass --force to overwrite")
    try:
        (directory / "articles").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {directory} ({exc.strerror})", fix="check the path and permissions") from None
    for path, text in files.items():
        with atomic_file(path) as fh:
            fh.write(text.encode("utf-8"))
    return list(files)


def scheduling_help(directory: Path) -> str:
    return SCHEDULING.format(root=Path(directory).resolve(), config=CONFIG_NAME)
