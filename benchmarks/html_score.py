#!/usr/bin/env python3
"""Score HTML ingest (+ the cleaner) on annotated pages: content recall and furniture leak.

Each PAGE.html needs a PAGE.annot.txt beside it (see corpus/dev-html/README.md).

    python benchmarks/html_score.py                      # `readaloud clean PAGE.html`, all dev-html pages
    python benchmarks/html_score.py --ingest-only        # read_source(PAGE).text, no cleaner
    python benchmarks/html_score.py --show-leaks DIR_OR_FILES...

Totals pool words over all pages (not an average of per-page ratios).
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("READALOUD_SHARED", "/work/shared")) / "corpus" / "dev-html"
TOOLS = Path(os.environ.get("READALOUD_SHARED", "/work/shared")) / "tools"
CLI_TIMEOUT_S = 120


def _pages(args: list[str]) -> list[Path]:
    paths = [Path(a) for a in args] or [DEFAULT_CORPUS]
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.html")) if p.is_dir() else [p])
    return [p for p in out if p.with_suffix(".annot.txt").exists()]


def _spoken(page: Path, ingest_only: bool) -> str:
    if ingest_only:
        from readaloud.ingest import read_source

        doc = read_source(str(page))
        return (doc.title + "\n\n" if doc.title else "") + doc.text
    exe = Path(sys.executable).with_name("readaloud")
    cmd = [str(exe) if exe.exists() else "readaloud", "clean", str(page)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CLI_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[-300:])
    return proc.stdout


def _leaked_lines(annot: Path, script: str, cleanscore: object) -> list[str]:
    """Furniture lines some of whose words were matched in the script."""
    doc: list[str] = []
    owner: list[int] = []
    lines = cleanscore.parse(str(annot))  # type: ignore[attr-defined]
    for i, (kind, text) in enumerate(lines):
        for w in cleanscore.words(text):  # type: ignore[attr-defined]
            doc.append(w)
            owner.append(i)
    said = cleanscore.words(script)  # type: ignore[attr-defined]
    hit: set[int] = set()
    for a, _b, n in difflib.SequenceMatcher(None, doc, said, autojunk=False).get_matching_blocks():
        hit.update(owner[a : a + n])
    return [lines[i][1] for i in sorted(hit) if lines[i][0] == "furniture"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="PAGE.html files or directories (default: dev-html)")
    parser.add_argument("--ingest-only", action="store_true", help="score ingest output without the cleaner")
    parser.add_argument("--show-leaks", action="store_true", help="list furniture lines that were spoken")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(TOOLS))
    import cleanscore

    pages = _pages(args.paths)
    if not pages:
        print("no PAGE.html with PAGE.annot.txt found", file=sys.stderr)
        return 2
    total = {"content": 0, "furniture": 0}
    hits = {"content": 0, "furniture": 0}
    failed = 0
    for page in pages:
        annot = page.with_suffix(".annot.txt")
        try:
            script = _spoken(page, args.ingest_only)
        except Exception as exc:  # report and carry on: one bad page must not hide the rest
            failed += 1
            print(f"{page.name}: FAILED {exc}")
            continue
        tot, hit = cleanscore.score(str(annot), script)
        for k in total:
            total[k] += tot[k]
            hits[k] += hit[k]
        recall = hit["content"] / max(1, tot["content"])
        leak = hit["furniture"] / max(1, tot["furniture"])
        print(f"{page.name}: content recall {recall:.4f}  furniture leak {leak:.4f}")
        if args.show_leaks:
            for line in _leaked_lines(annot, script, cleanscore):
                print(f"    leak: {line[:100]}")
    recall = hits["content"] / max(1, total["content"])
    leak = hits["furniture"] / max(1, total["furniture"])
    mode = "ingest only" if args.ingest_only else "readaloud clean"
    print(f"TOTAL ({mode}) pages {len(pages)} failed {failed} content_recall {recall:.4f} furniture_leak {leak:.4f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
