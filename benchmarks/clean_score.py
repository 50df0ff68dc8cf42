#!/usr/bin/env python3
"""Score the cleaner on annotated articles: content recall and furniture leak.

Usage:
    python benchmarks/clean_score.py [--shared ../shared] [--html] [--no-model] [-v] [FILE ...]

Without FILEs it scores the shared dev corpus (corpus/dev/*.txt and the text
annotations of corpus/dev-html) plus tests/data/clean/*.txt.  ``--html`` also
runs the three dev-html pages through ingest + clean.  The scoring is the word
alignment of the shared cleanscore tool (imported from --shared when present,
else an identical copy below).  ``-v`` prints every lost content line and every
leaked furniture line with the rule that did (or did not) fire.  ``--no-model``
switches off the learned ``furniture-model`` pass to see what the rules alone do.
The scores of the shipped model are in-sample; the honest estimate for unseen
publishers is the leave-one-file-out output of scripts/train_furniture.py.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from pathlib import Path

from readaloud.cleaner import RuleSet, clean
from readaloud.ingest import read_source
from readaloud.split import split

ROOT = Path(__file__).resolve().parent.parent
MARKS = (("~ ", "furniture"), ("= ", "title"), ("? ", "meta"))
_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("'", ""))


def parse(path: Path) -> list[tuple[str, str]]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        kind, text = "content", raw
        for mark, name in MARKS:
            if raw.startswith(mark):
                kind, text = name, raw[len(mark) :]
        out.append((kind, text))
    return out


def score(path: Path, script: str) -> tuple[dict[str, int], dict[str, int], dict[int, tuple[int, int]]]:
    """(totals, hits, per-line (words, matched)) exactly as cleanscore.py aligns them."""
    doc, kinds, where = [], [], []
    for n, (kind, text) in enumerate(parse(path), 1):
        for w in words(text):
            doc.append(w)
            kinds.append(kind)
            where.append(n)
    matched = [False] * len(doc)
    for a, _, k in difflib.SequenceMatcher(None, doc, words(script), autojunk=False).get_matching_blocks():
        for i in range(a, a + k):
            matched[i] = True
    tot = {"content": 0, "furniture": 0}
    hit = {"content": 0, "furniture": 0}
    per: dict[int, tuple[int, int]] = {}
    for m, k, n in zip(matched, kinds, where):
        t, h = per.get(n, (0, 0))
        per[n] = (t + 1, h + m)
        if k in tot:
            tot[k] += 1
            hit[k] += m
    return tot, hit, per


def run_one(
    annotation: Path, source: Path | None, verbose: bool, rules: RuleSet | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    if source is None:
        text = "\n".join(t for _, t in parse(annotation)) + "\n"
        article = clean(text, rules)
    else:
        article = clean(read_source(str(source)), rules)
    tot, hit, per = score(annotation, split(article).text())
    cr = hit["content"] / max(1, tot["content"])
    fl = hit["furniture"] / max(1, tot["furniture"])
    print(f"{(source or annotation).name}: content recall {cr:.3f}, furniture leak {fl:.3f}")
    if verbose:
        rules = {r.line: r.rule for r in article.removed}
        for n, (kind, text) in enumerate(parse(annotation), 1):
            t, h = per.get(n, (0, 0))
            if kind == "content" and h < t:
                print(f"    LOST line {n} [{rules.get(n)}] {text[:100]}")
            elif kind == "furniture" and h:
                print(f"    LEAK line {n} {text[:100]}")
    return tot, hit


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--html", action="store_true", help="also score the dev-html pages end to end")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--no-model", action="store_true", help="rules only: disable the furniture-model pass")
    args = ap.parse_args(argv)
    corpus = args.shared / "corpus"
    jobs: list[tuple[Path, Path | None]] = [(f, None) for f in args.files]
    if not args.files:
        jobs += [(f, None) for f in sorted((corpus / "dev").glob("*.txt"))]
        jobs += [(f, None) for f in sorted((corpus / "dev-html").glob("*.annot.txt"))]
        jobs += [(f, None) for f in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))]
    if args.html:
        jobs += [(f, f.with_name(f.name.replace(".annot.txt", ".html"))) for f in sorted((corpus / "dev-html").glob("*.annot.txt"))]
    T = {"content": 0, "furniture": 0}
    H = {"content": 0, "furniture": 0}
    start = time.perf_counter()
    for annotation, source in jobs:
        rules = RuleSet(disable=frozenset({"furniture-model"})) if args.no_model else None
        tot, hit = run_one(annotation, source, args.verbose, rules)
        for k in T:
            T[k] += tot[k]
            H[k] += hit[k]
    elapsed = time.perf_counter() - start
    cr = H["content"] / max(1, T["content"])
    fl = H["furniture"] / max(1, T["furniture"])
    print(f"TOTAL files {len(jobs)} content_recall {cr:.4f} furniture_leak {fl:.4f} ({elapsed:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
