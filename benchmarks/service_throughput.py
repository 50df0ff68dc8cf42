"""Service throughput: 200 short articles through a real `readaloud serve`, 1 and 2 workers.

Reports audio hours produced per wall-clock hour (first POST to last job done)
and the 2-worker / 1-worker scaling ratio. Everything stays on 127.0.0.1.

    python benchmarks/service_throughput.py [--articles 200] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

TOKEN = "bench-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEED = 7
SUBJECTS = ["The council", "A local charity", "The new museum", "Regional rail operators", "The hospital trust",
            "Farmers in the valley", "The city library", "Two schools", "A start-up firm", "The harbour board"]
VERBS = ["announced", "delayed", "approved", "rejected", "celebrated", "reviewed", "funded", "questioned"]
OBJECTS = ["a plan for {n} homes", "repairs costing {n} thousand pounds", "a festival for {n} visitors",
           "a study of {n} streets", "longer opening hours", "a bid for {n} new buses", "a cycling scheme"]
TAILS = ["on Monday", "after a long debate", "despite objections", "for the second time this year",
         "to widespread surprise", "in a short statement", "following a public vote"]


def make_article(rng: random.Random) -> tuple[str, str]:
    """A title and 3-5 varied sentences (varied, so the chunk cache rarely helps)."""
    sentences = []
    for _ in range(rng.randint(3, 5)):
        obj = rng.choice(OBJECTS).format(n=rng.randint(2, 999))
        sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj} {rng.choice(TAILS)}.")
    return sentences[0].rstrip("."), " ".join(sentences[1:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(workers: int, articles: list[tuple[str, str]]) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(prefix="readaloud-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from readaloud.service.cli import serve; serve()", "--port", str(port),
         "--data", str(data), "--workers", str(workers), "--max-queue", str(len(articles) + 1),
         "--log-level", "warning"],
        env={**os.environ, "READALOUD_API_TOKEN": TOKEN}, start_new_session=True,
    )
    try:
        with httpx.Client(base_url=base, headers=AUTH, timeout=30) as client:
            for _ in range(200):
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            # warm the process pool (spawn + imports) so we time conversions, not start-up
            warm = [client.post("/v1/conversions", json={"text": "Warm up. Second sentence.", "voice": "fast"}).json()["id"]
                    for _ in range(workers)]
            while any(client.get(f"/v1/conversions/{j}").json()["status"] != "done" for j in warm):
                time.sleep(0.1)
            warm_audio = _metric(client, "readaloud_audio_seconds_total")
            start = time.monotonic()
            for title, text in articles:
                r = client.post("/v1/conversions", json={"text": text, "title": title, "voice": "fast"})
                assert r.status_code == 202, r.text
            target = len(articles) + len(warm)
            while _metric(client, 'readaloud_jobs_finished_total{outcome="done"}') + \
                    _metric(client, 'readaloud_jobs_finished_total{outcome="failed"}') < target:
                time.sleep(0.05)
            wall = time.monotonic() - start
            failed = _metric(client, 'readaloud_jobs_finished_total{outcome="failed"}')
            audio = _metric(client, "readaloud_audio_seconds_total") - warm_audio
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    return {"workers": workers, "wall_s": wall, "audio_s": audio, "failed": failed, "ratio": audio / wall}


def _metric(client: httpx.Client, name: str) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    rng = random.Random(SEED)
    articles = [make_article(rng) for _ in range(args.articles)]
    results = [run(w, articles) for w in args.workers]
    print(f"{args.articles} articles, voice 'fast', {os.cpu_count()} CPUs")
    for r in results:
        print(f"workers={r['workers']:.0f}: {r['audio_s'] / 3600:.3f} h of audio in {r['wall_s']:.1f} s wall"
              f" -> {r['ratio']:.1f} audio hours per wall hour ({r['failed']:.0f} failed)")
    if len(results) >= 2:
        print(f"scaling {results[-1]['workers']:.0f} vs {results[0]['workers']:.0f} workers:"
              f" {results[-1]['ratio'] / results[0]['ratio']:.2f}x")


if __name__ == "__main__":
    main()
