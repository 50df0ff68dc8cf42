"""Sentence splitting: the hard news cases one by one, metadata, offline use, speed, F1."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readaloud.models import Article, Removal
from readaloud.split import split, split_sentences

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).parent / "data" / "sentences"

# Each case: the expected sentences; the input is them joined by single spaces.
HARD_CASES = {
    "title abbreviation": ["Mrs. Patel opened the shop on Monday.", "Customers queued."],
    "time mid-sentence": ["The vote opens at 7 a.m. sharp and closes at noon."],
    "time then sentence": ["The parade starts at 5 p.m.", "The roads close an hour earlier."],
    "question in quote + attribution": ['"Why now?" she asked.', "Nobody replied."],
    "exclamation in quote + name attribution": ['"Stop!" Ms. Grant shouted.', "The car kept going."],
    "quote after full stop": ['"It is over," he said.', '"We lost."', "Nobody replied."],
    "full stop inside quote ends sentence": ['He called it "a mess."', "Nobody disagreed."],
    "ellipsis then capital": ["She hesitated...", "Then she signed."],
    "ellipsis then lower case": ["We waited... and waited, but nobody came."],
    "unicode ellipsis": ["The line went dead…", "Nobody called back."],
    "U.S. ends sentence": ["The drug is not yet approved in the U.S.", "It is sold in Canada."],
    "U.K. mid-sentence": ["Firms in the U.K., France and Spain were hit."],
    "U.S. as modifier": ["The U.S. Navy sent two ships."],
    "initials": ["The prize went to J. R. Hartley, a retired fisherman."],
    "middle initial": ["George W. Bush opened the library in 2013."],
    "No. 10": ["No. 10 refused to comment.", "The minister was unavailable."],
    "month abbreviation": ["The trial opens on Oct. 9 in Denver.", "It may last weeks."],
    "St. Louis": ["The team moved to St. Louis in 1960."],
    "Sen. and Gov.": ["Sen. Ann Mills met Gov. Tim Reyes on Friday."],
    "decimal percent": ["Output rose 0.8% in the quarter.", "Exports fell."],
    "quarter label": ["Sales fell in Q3.", "Managers blamed the weather."],
    "url": ["Details are at www.example.org/news today.", "Entry is free."],
    "email at end": ["Write to tips@example.com.", "We read everything."],
    "Inc. mid-sentence": ["Dalton Inc. said it would close the plant."],
    "Inc. at end": ["She ran Dalton Inc.", "It had 90 staff."],
    "Jr. at end": ["The award went to Sam Cole Jr.", "He accepted it in person."],
    "etc. at end": ["They sell maps, guides, etc.", "Prices start at $5."],
    "e.g. mid-sentence": ["Some cities, e.g. Leeds and York, saw floods."],
    "lower-case no. at end": ["Asked if he would quit, he said no.", "He stayed."],
    "bracketed sentence": ["The firm was fined.", "(It plans to appeal.)", "Shares fell."],
    "time then non-starter capital": ["Polls closed at 10 p.m.", "Counting began at once."],
    "time then day": ["The statement came at 11 p.m. Sunday from the palace."],
    "time then title": ["They met at 9 a.m.", "Mr. Obi arrived late."],
    "company suffix then job title": ["Orbit Inc. Chief Executive Jo Park resigned."],
    "company suffix at end": ["The mill was sold to Tarn Ltd.", "Its staff kept their jobs."],
    "lone acronym never a sentence": ["U.S. President Ada Price spoke first."],
}


@pytest.mark.parametrize("expected", HARD_CASES.values(), ids=HARD_CASES.keys())
def test_hard_case(expected: list[str]) -> None:
    assert split_sentences(" ".join(expected)) == expected


def test_empty_and_whitespace_paragraphs() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_text_is_unchanged_except_whitespace_between_sentences() -> None:
    paragraph = "First one.\n  Second   one with  odd spacing!  Third?"
    assert split_sentences(paragraph) == ["First one.", "Second   one with  odd spacing!", "Third?"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["The", "a.m.", "U.S.", "Mr.", "it", "said.", "Why?", '"no."', "...", "3.5", "Inc."]), max_size=25))
def test_splitting_never_loses_or_changes_text(words: list[str]) -> None:
    paragraph = " ".join(words)
    sentences = split_sentences(paragraph)
    assert " ".join(sentences).split() == paragraph.split()
    assert all(s == s.strip() and s for s in sentences)


def test_split_keeps_title_and_metadata() -> None:
    removal = Removal("Share this", "share-links", 3)
    article = Article(
        title="Rates held at 5.25%",
        byline="By A. N. Other",
        date="2024-03-01",
        paragraphs=("The bank held rates. It meets again in May.", "  ", "Markets rose."),
        removed=(removal,),
        url="https://example.com/a",
    )
    script = split(article)
    assert script.title == article.title
    assert script.byline == article.byline
    assert script.date == article.date
    assert script.removed == (removal,)
    assert script.url == article.url
    assert script.paragraphs == (("The bank held rates.", "It meets again in May."), ("Markets rose.",))
    assert script.sentences[0] == "Rates held at 5.25%"


def _load_benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sentence_f1", ROOT / "benchmarks" / "sentence_f1.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sentence_f1"] = module
    spec.loader.exec_module(module)
    return module


def test_f1_on_own_hard_sentences() -> None:
    bench = _load_benchmark()
    files = sorted(GOLD_DIR.glob("*.txt"))
    assert sum(len(s) for f in files for s in bench.read_gold(f)) >= 60
    score = bench.evaluate(files, split_sentences)
    assert score.f1 >= 0.98, (score.precision, score.recall)


def test_f1_scoring_counts_errors() -> None:
    """The F1 helper itself must punish missing and extra boundaries."""
    bench = _load_benchmark()
    gold = ["One two.", "Three four.", "Five."]
    perfect, _ = bench.score_paragraph(gold, lambda text: gold)
    none, _ = bench.score_paragraph(gold, lambda text: [text])
    extra, _ = bench.score_paragraph(gold, lambda text: text.split())
    assert perfect.f1 == 1.0
    assert none.recall == 0.0
    assert extra.precision < 1.0 and extra.recall == 1.0


def test_works_offline_with_empty_nltk_data(tmp_path: Path) -> None:
    """A fresh machine has no punkt download; import and split must not need one."""
    code = (
        "import nltk\n"
        "import nltk.data\n"
        "def refuse(*a, **k):\n"
        "    raise AssertionError('splitter tried to fetch or load NLTK data')\n"
        "nltk.download = nltk.data.load = nltk.data.find = refuse\n"
        "from readaloud.split import split_sentences\n"
        "print(len(split_sentences('Dr. Lee left at 5 p.m. The office closed.')))\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"


def test_ten_thousand_words_split_fast() -> None:
    paragraph = (
        'Sen. Mark Ruiz met Gov. Ellen Hart in St. Louis at 8 a.m. on Feb. 3. "Why now?" she asked. '
        "Growth slowed to 0.8% in Q3... Shares of Acme Inc. fell in the U.S. The firm, based in the U.K., "
        "employs 300 people. "
    )
    words_per_paragraph = len(paragraph.split())
    paragraphs = [paragraph * 5] * (10_000 // (5 * words_per_paragraph) + 1)
    split_sentences("Warm up.")
    started = time.perf_counter()
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    elapsed = time.perf_counter() - started
    assert sum(len(s.split()) for s in sentences) >= 10_000
    assert elapsed < 0.5, elapsed
