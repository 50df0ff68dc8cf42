"""Sentence-boundary F1 of readaloud's splitter, with untrained Punkt for reference.

Gold files have one sentence a line and a blank line between paragraphs. Each
paragraph is rebuilt by joining its sentences with single spaces; a boundary is
the character offset where a sentence ends. Precision and recall count
predicted vs gold boundaries inside each paragraph (a paragraph's own end is
not a boundary), summed over all paragraphs.

    python benchmarks/sentence_f1.py [FILE ...] [--errors]

Default files: tests/data/sentences/*.txt and, if present,
/work/shared/corpus/dev-sentences.txt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "data" / "sentences"
DEV_FILE = Path("/work/shared/corpus/dev-sentences.txt")

Splitter = Callable[[str], list[str]]


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    def add(self, other: Score) -> None:
        self.true_pos += other.true_pos
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: Path) -> list[list[str]]:
    """Paragraphs (lists of sentences) from a one-sentence-a-line file."""
    paragraphs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def boundaries(text: str, sentences: Iterable[str]) -> set[int]:
    """End offsets of all but the last sentence, located in ``text``."""
    ends: list[int] = []
    pos = 0
    for sentence in sentences:
        found = text.find(sentence, pos)
        if found < 0:  # splitter changed the text: count by length instead
            found = pos
        pos = found + len(sentence)
        ends.append(pos)
    return set(ends[:-1])


def score_paragraph(gold: list[str], splitter: Splitter) -> tuple[Score, list[str]]:
    text = " ".join(gold)
    want = boundaries(text, gold)
    got_sentences = splitter(text)
    got = boundaries(text, got_sentences)
    score = Score(len(want & got), len(got - want), len(want - got))
    return score, got_sentences


def evaluate(files: list[Path], splitter: Splitter, show_errors: bool = False) -> Score:
    total = Score()
    for path in files:
        for gold in read_gold(path):
            score, got = score_paragraph(gold, splitter)
            total.add(score)
            if show_errors and (score.false_pos or score.false_neg):
                print(f"  {path.name}:\n    gold: {gold}\n    got:  {got}")
    return total


def default_files() -> list[Path]:
    files = sorted(DEFAULT_DIR.glob("*.txt"))
    if DEV_FILE.exists():
        files.append(DEV_FILE)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true", help="print paragraphs readaloud gets wrong")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if not files:
        print("no gold files found", file=sys.stderr)
        return 1

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from readaloud.split import split_sentences

    untrained = PunktSentenceTokenizer()
    groups = [(f.name, [f]) for f in files]
    if len(files) > 1:
        groups.append(("ALL", files))
    print(f"{'file':<28} {'splitter':<16} {'P':>6} {'R':>6} {'F1':>6}  (tp/fp/fn)")
    for name, group in groups:
        for label, splitter in (("readaloud", split_sentences), ("untrained-punkt", untrained.tokenize)):
            s = evaluate(group, splitter)
            print(
                f"{name:<28} {label:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f"  ({s.true_pos}/{s.false_pos}/{s.false_neg})"
            )
    if args.errors:
        print("\nreadaloud errors:")
        evaluate(files, split_sentences, show_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
