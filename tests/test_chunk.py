"""Chunking: indices, pauses, grouping for online engines, cutting over-long sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readaloud.chunk import CLAUSE_PAUSE_MS, chunk, split_long_sentence
from readaloud.models import Script

PAUSES = {"sentence_pause_ms": 300, "paragraph_pause_ms": 700, "title_pause_ms": 1100}


def make_script(title: str | None = "Headline here") -> Script:
    return Script(
        title=title,
        byline=None,
        date=None,
        paragraphs=(("One two.", "Three four five.", "Six."), ("Seven.", "Eight nine.")),
    )


def test_one_chunk_per_sentence_with_indices_and_pauses() -> None:
    script = make_script()
    chunks = chunk(script, max_chars=100, **PAUSES)
    assert [c.text for c in chunks] == script.sentences
    assert [(c.first_sentence, c.last_sentence) for c in chunks] == [(i, i) for i in range(6)]
    assert [c.pause_after_ms for c in chunks] == [1100, 300, 300, 700, 300, 0]
    assert all(c.ends_sentence for c in chunks)


def test_without_title_indices_start_at_first_body_sentence() -> None:
    chunks = chunk(make_script(title=None), max_chars=100, **PAUSES)
    assert chunks[0].text == "One two." and chunks[0].first_sentence == 0
    assert [c.pause_after_ms for c in chunks] == [300, 300, 700, 300, 0]


def test_empty_script_gives_no_chunks() -> None:
    assert chunk(Script(None, None, None, ()), max_chars=100, **PAUSES) == []


def test_grouping_joins_sentences_of_one_paragraph_within_limit() -> None:
    script = make_script()
    chunks = chunk(script, max_chars=25, group=True, **PAUSES)
    assert [(c.text, c.first_sentence, c.last_sentence, c.pause_after_ms) for c in chunks] == [
        ("Headline here", 0, 0, 1100),
        ("One two. Three four five.", 1, 2, 300),
        ("Six.", 3, 3, 700),
        ("Seven. Eight nine.", 4, 5, 0),
    ]
    assert all(len(c.text) <= 25 for c in chunks)


def test_grouping_never_crosses_the_headline_or_paragraphs() -> None:
    chunks = chunk(make_script(), max_chars=1000, group=True, **PAUSES)
    assert [(c.first_sentence, c.last_sentence) for c in chunks] == [(0, 0), (1, 3), (4, 5)]


def test_overlong_sentence_is_cut_into_pieces() -> None:
    long = "The council met on Monday, and after a long debate it voted to close the old library for good."
    script = Script(None, None, None, (("Short one.", long, "Last."),))
    chunks = chunk(script, max_chars=40, **PAUSES)
    pieces = [c for c in chunks if c.first_sentence == 1]
    assert len(pieces) >= 3
    assert " ".join(c.text for c in pieces).split() == long.split()
    assert all(len(c.text) <= 40 for c in pieces)
    assert [c.ends_sentence for c in pieces] == [False] * (len(pieces) - 1) + [True]
    assert all(c.last_sentence == 1 for c in pieces)
    assert all(c.pause_after_ms in (0, CLAUSE_PAUSE_MS) for c in pieces[:-1])
    assert pieces[-1].pause_after_ms == 300
    assert pieces[0].text == "The council met on Monday,"  # clause break nearest the limit
    assert pieces[0].pause_after_ms == CLAUSE_PAUSE_MS


def test_overlong_sentence_is_not_grouped_with_neighbours() -> None:
    long = "word " * 20 + "end."
    script = Script(None, None, None, (("A.", long.strip(), "B."),))
    chunks = chunk(script, max_chars=30, group=True, **PAUSES)
    assert chunks[0].text == "A." and chunks[-1].text == "B."


def test_split_long_sentence_prefers_clause_punctuation() -> None:
    sentence = "Prices rose sharply in the spring; wages, however, did not keep up with them at all."
    # the clause break nearest the limit wins, not the first one
    assert split_long_sentence(sentence, 50) == [
        "Prices rose sharply in the spring; wages, however,",
        "did not keep up with them at all.",
    ]
    assert split_long_sentence(sentence, 45)[0] == "Prices rose sharply in the spring; wages,"


def test_split_long_sentence_uses_dashes() -> None:
    sentence = "The plan was announced in March - long before the vote - and then quietly dropped."
    assert split_long_sentence(sentence, 50) == [
        "The plan was announced in March -",
        "long before the vote - and then quietly dropped.",
    ]


def test_split_long_sentence_falls_back_to_last_space() -> None:
    sentence = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    assert split_long_sentence(sentence, 20) == ["alpha beta gamma", "delta epsilon zeta", "eta theta iota kappa"]


def test_single_word_longer_than_limit_is_its_own_piece() -> None:
    assert split_long_sentence("see https://example.com/a/very/long/path now", 10) == [
        "see",
        "https://example.com/a/very/long/path",
        "now",
    ]


def test_short_sentence_is_unchanged() -> None:
    assert split_long_sentence("Fits fine.", 100) == ["Fits fine."]


def test_bad_limit_is_rejected() -> None:
    with pytest.raises(ValueError):
        split_long_sentence("x", 0)
    with pytest.raises(ValueError):
        chunk(make_script(), max_chars=0, **PAUSES)


_word = st.text(alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=15)
_sep = st.sampled_from([" ", "  ", " - ", ", ", "; ", " — ", ": "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_word, _sep), min_size=1, max_size=40), st.integers(min_value=1, max_value=80))
def test_split_long_sentence_never_breaks_a_word(parts: list[tuple[str, str]], max_chars: int) -> None:
    sentence = "".join(w + s for w, s in parts).strip()
    pieces = split_long_sentence(sentence, max_chars)
    assert " ".join(pieces).split() == sentence.split()
    words = set(sentence.split())
    for piece in pieces:
        assert piece == piece.strip() and piece
        assert len(piece) <= max_chars or piece in words  # only a lone over-long word may exceed
