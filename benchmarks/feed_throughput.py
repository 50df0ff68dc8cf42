"""Feed-build throughput: 200 short articles through `readaloud feed build`, 1 and 2 workers.

The same generated articles as benchmarks/service_throughput.py. Reports audio hours
per wall-clock hour of a first (full) build and the 2-worker / 1-worker scaling.

    python benchmarks/feed_throughput.py [--articles 200] [--workers 1 2] [--voice fast]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mutagen.mp3 import MP3

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_throughput import SEED, make_article  # noqa: E402

CONFIG = """\
[feed]
title = "Throughput"
description = "Benchmark feed."
author = "readaloud"
base_url = "https://audio.example.org/bench/"
language = "en-gb"
voice = "{voice}"
output = "public"
keep = 1000

[[sources]]
path = "articles/*.txt"
"""


def build(workers: int, articles: list[tuple[str, str]], voice: str) -> tuple[float, float]:
    root = Path(tempfile.mkdtemp(prefix="readaloud-feed-bench-"))
    (root / "articles").mkdir()
    for n, (title, body) in enumerate(articles):
        (root / "articles" / f"a{n:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    (root / "feed.toml").write_text(CONFIG.format(voice=voice), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "readaloud", "feed", "build", str(root / "feed.toml"), "-q",
                    "--workers", str(workers)], check=True)
    wall = time.perf_counter() - start
    audio = sum(MP3(str(p)).info.length for p in (root / "public" / "episodes").glob("*.mp3"))
    return wall, audio


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--voice", default="fast")
    args = ap.parse_args()
    rng = random.Random(SEED)
    articles = [make_article(rng) for _ in range(args.articles)]
    rates = {}
    for workers in args.workers:
        wall, audio = build(workers, articles, args.voice)
        rates[workers] = audio / wall
        print(f"feed build, {workers} worker(s): {audio / 3600:.3f} h of audio in {wall:.1f} s = "
              f"{audio / wall:.1f} audio hours per wall hour")
    if 1 in rates and 2 in rates:
        print(f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
