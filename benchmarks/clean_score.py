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
import sys
import time
from pathlib import Path

from readaloud.cleaner import RuleSet, clean
from readaloud.evaluation import Score, parse_annotated, raw_text, score
from readaloud.ingest import read_source
from readaloud.split import split

ROOT = Path(__file__).resolve().parent.parent
def run_one(annotation: Path, source: Path | None, verbose: bool, rules: RuleSet | None = None) -> Score:
    annotated = annotation.read_text(encoding="utf-8")
    lines = parse_annotated(annotated)
    article = clean(raw_text(annotated) if source is None else read_source(str(source)), rules)
    result = score(lines, split(article).text())
    print(f"{(source or annotation).name}: content recall {result.recall:.3f}, furniture leak {result.leak:.3f}")
    if verbose:
        removed_by = {r.line: r.rule for r in article.removed}
        for n, (kind, text) in enumerate(lines, 1):
            t, h = result.per_line.get(n, (0, 0))
            if kind == "content" and h < t:
                print(f"    LOST line {n} [{removed_by.get(n)}] {text[:100]}")
            elif kind == "furniture" and h:
                print(f"    LEAK line {n} {text[:100]}")
    return result


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
    total = Score()
    start = time.perf_counter()
    for annotation, source in jobs:
        rules = RuleSet(disable=frozenset({"furniture-model"})) if args.no_model else None
        total.add(run_one(annotation, source, args.verbose, rules))
    elapsed = time.perf_counter() - start
    print(f"TOTAL files {len(jobs)} content_recall {total.recall:.4f} furniture_leak {total.leak:.4f} ({elapsed:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
