"""Sentence selection: every algorithm runs offline, picks body sentences, keeps document order."""

from __future__ import annotations

import pytest

from brief.document import parse
from brief.summary import ALGORITHMS, sentence_count, summarize

from .helpers import SAMPLES


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


def test_news_is_the_default_and_explains_its_scores(wire) -> None:
    from brief.summary import DEFAULT_ALGORITHM

    assert DEFAULT_ALGORITHM == "news"
    chosen = summarize(wire, 3)
    for selection in chosen:
        parts = selection.components
        assert {"position", "centrality", "title", "length", "bias", "redundancy"} <= parts.keys()
        # the parts add up to the score that ranked the sentence
        assert abs(sum(parts.values()) - selection.score) < 1e-3


def test_news_ranking_is_deterministic_and_mmr_ordered(wire) -> None:
    from brief.summary import rank

    first = [(s.sentence.index, round(s.score, 9)) for s in rank(wire, "news", 10)]
    assert first == [(s.sentence.index, round(s.score, 9)) for s in rank(wire, "news", 10)]
    assert [s.rank for s in rank(wire, "news", 10)] == list(range(1, 11))
    # with the same weights, the first picks of a longer ranking are those of a shorter one (greedy MMR)
    longer = [s.sentence.index for s in rank(wire, "news", 10, share=0.1)]
    assert [s.sentence.index for s in rank(wire, "news", 3, share=0.1)] == longer[:3]


@pytest.mark.parametrize("budget", [1, 20, 45, 80, 150])
def test_word_budget_is_never_exceeded_except_by_one_long_sentence(wire, budget: int) -> None:
    from brief.document.tokens import words

    chosen = summarize(wire, 0, words_budget=budget)
    used = sum(len(words(c.sentence.text)) for c in chosen)
    assert chosen, "a budget always yields at least one sentence"
    assert used <= budget or len(chosen) == 1
    assert [c.sentence.index for c in chosen] == sorted(c.sentence.index for c in chosen)


def test_default_length_grows_with_long_articles() -> None:
    from brief.summary import default_sentence_count

    assert [default_sentence_count(n) for n in (1, 2, 10, 40, 41, 80, 81, 120, 1000)] == [
        1,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
        7,
    ]


def test_lower_cased_tokenized_text_and_tiny_articles() -> None:
    text = (
        "( cnn ) the council voted on monday to close the library . residents said they were "
        'angry . " we will fight this , " one said . the vote was 7 - 2 . a new library may open '
        "in 2026 ."
    )
    document = parse(text)
    assert len(document.sentences) == 5
    chosen = summarize(document, 3)
    assert len(chosen) == 3
    for tiny in ("Headline\n\nOnly one sentence here.\n", "Headline\n\nOne sentence. And two.\n"):
        document = parse(tiny)
        assert len(summarize(document, 3)) == len(document.sentences)


def test_very_long_articles_use_linear_memory() -> None:
    from brief.summary import ranker

    sentences = [
        f"Sentence number {i} talks about topic {i % 17} and item {i % 5}." for i in range(450)
    ]
    document = parse("Headline\n\n" + " ".join(sentences) + "\n")
    matrix, similarity = ranker.features(document)
    assert matrix.shape == (450, len(ranker.FEATURES))
    assert similarity.matrix is None  # past the pairwise limit, rows are computed on demand
    assert len(summarize(document, 5)) == 5
