"""readaloud feed build: first run vs. a second run with nothing new.

Builds a feed of ``--articles`` short generated articles twice, each run in its
own process (as cron would run it), and prints both wall times and their ratio.
The second run reads and cleans every article again (to notice edits) but must
synthesise nothing and rewrite no audio file; it also checks that.

    python benchmarks/feed_incremental.py                    # 20 articles, voice fast
    python benchmarks/feed_incremental.py --voice joe --workers 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "The council met on {day} to discuss the plan for the {thing}.",
    "Members agreed that work on the {thing} should start before the end of the year.",
    "A spokesperson said residents would be consulted at every stage.",
    "The cost is expected to be met from the existing budget.",
]
THINGS = ["library", "bridge", "market", "park", "school", "pool", "station", "museum", "harbour", "theatre"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_site(root: Path, count: int, voice: str) -> Path:
    articles = root / "articles"
    articles.mkdir(parents=True)
    for n in range(count):
        thing, day = THINGS[n % len(THINGS)], DAYS[n % len(DAYS)]
        body = " ".join(s.format(day=day, thing=thing) for s in SENTENCES)
        text = f"Plans for the {thing}, part {n + 1}\n\nPublished {1 + n % 28} November 2026\n\n{body}\n\n{body}\n"
        (articles / f"story-{n:02d}.txt").write_text(text, encoding="utf-8")
    config = root / "feed.toml"
    config.write_text(
        f'[feed]\ntitle = "Benchmark"\ndescription = "Generated articles."\nbase_url = "https://example.org/b/"\n'
        f'voice = "{voice}"\n[[sources]]\npath = "articles/*.txt"\n',
        encoding="utf-8",
    )
    return config


def run(config: Path, workers: int) -> tuple[float, str]:
    command = [sys.executable, "-c", "from readaloud.feed.cli import feed; feed()", "build", str(config),
               "--workers", str(workers), "--quiet"]
    env = {k: v for k, v in os.environ.items() if k != "READALOUD_VOICE"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--voice", default="fast")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = write_site(Path(tmp), args.articles, args.voice)
        first_s, first_summary = run(config, args.workers)
        audio = sorted((Path(tmp) / "public" / "episodes").glob("*.mp3"))
        mtimes = [p.stat().st_mtime_ns for p in audio]
        second_s, second_summary = run(config, args.workers)
        rewritten = sum(a != p.stat().st_mtime_ns for a, p in zip(mtimes, audio))
    print(f"articles: {args.articles}, voice: {args.voice}, workers: {args.workers}")
    print(f"first run:  {first_s:7.2f} s  ({first_summary})")
    print(f"second run: {second_s:7.2f} s  ({second_summary})")
    print(f"ratio second/first: {second_s / first_s:.3f}; audio files rewritten by the second run: {rewritten}")


if __name__ == "__main__":
    main()
