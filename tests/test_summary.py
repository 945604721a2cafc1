"""Sentence selection: every algorithm runs offline, picks body sentences, keeps document order."""

from __future__ import annotations

import pytest

from brief.document import parse
from brief.summary import ALGORITHMS, sentence_count, summarize
from conftest import SAMPLES


@pytest.fixture(scope="module")
def wire():
    return parse((SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_selects_body_sentences_in_order(wire, algorithm: str) -> None:
    chosen = summarize(wire, 3, algorithm)
    indexes = [c.sentence.index for c in chosen]
    assert len(indexes) == 3
    assert indexes == sorted(indexes)
    body = {s.text for s in wire.sentences}
    assert all(c.sentence.text in body for c in chosen)
    assert wire.title.text not in {c.sentence.text for c in chosen}


def test_lead_takes_the_opening_sentences(wire) -> None:
    assert [c.sentence.index for c in summarize(wire, 4, "lead")] == [0, 1, 2, 3]


def test_selection_is_deterministic(wire) -> None:
    first = [(c.sentence.index, c.score) for c in summarize(wire, 3, "lexrank")]
    assert first == [(c.sentence.index, c.score) for c in summarize(wire, 3, "lexrank")]


def test_count_from_sentences_or_ratio(wire) -> None:
    total = len(wire.sentences)
    assert sentence_count(wire, 5, None) == 5
    assert sentence_count(wire, None, None) == 3
    assert sentence_count(wire, 3, 0.5) == -(-total // 2)
    assert sentence_count(wire, 1000, None) == total


def test_short_article_gets_what_it_has() -> None:
    document = parse("Headline\n\nOnly one sentence here.\n")
    chosen = summarize(document, 3, "lexrank")
    assert [c.sentence.text for c in chosen] == ["Only one sentence here."]


def test_unknown_algorithm_is_refused(wire) -> None:
    with pytest.raises(ValueError, match="unknown algorithm"):
        summarize(wire, 3, "magic")
