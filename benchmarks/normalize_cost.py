"""Cost of text normalisation per article: it must stay a rounding error of a conversion.

Normalises every sentence of examples/article.txt ROUNDS times and compares with
a plain copy of the same strings. Prints milliseconds per article.

    /work/venv/bin/python benchmarks/normalize_cost.py
"""

from __future__ import annotations

import time
from pathlib import Path

from readaloud.normalize import normalize
from readaloud.split import split_sentences

ROUNDS = 200
ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
BUDGET_MS = 20.0


def sentences(path: Path) -> list[str]:
    paras = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    return [s for p in paras for s in split_sentences(p)]


def main() -> None:
    sents = sentences(ARTICLE)
    normalize("warm-up £5bn 3-1 NHS")  # first call loads the lexicon and compiles nothing else
    t0 = time.perf_counter()
    for _ in range(ROUNDS):
        for s in sents:
            normalize(s)
    t1 = time.perf_counter()
    for _ in range(ROUNDS):
        for s in sents:
            "".join([s])
    t2 = time.perf_counter()
    per = (t1 - t0) * 1000 / ROUNDS
    copy = (t2 - t1) * 1000 / ROUNDS
    words = sum(len(s.split()) for s in sents)
    print(f"{len(sents)} sentences, {words} words, {ROUNDS} rounds")
    print(f"normalize: {per:.2f} ms per article (budget {BUDGET_MS:.0f} ms)")
    print(f"plain copy: {copy:.3f} ms per article")


if __name__ == "__main__":
    main()
