"""Sentence selection: every algorithm runs offline, picks body sentences, keeps document order."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- the word budget -------------------------------------------------------------------------------

LIBRARY = """Council votes to close the central library

The city council voted on Monday night to close the central library on Elm Street by the end of next \
year, citing a budget shortfall of four million dollars and falling visitor numbers since the \
pandemic began.

Residents were angry. Many of them had used the library for decades.

The vote was seven to two. Mayor Ann Porter said the decision was painful but necessary.

A smaller branch may open in the new civic centre in 2026. Opponents plan a petition.
"""

FLOODS = """Floods force thousands from their homes in the river valley

Heavy rain swelled the Marren river overnight, forcing more than 4,000 people from their homes in \
six towns and cutting the main road to the coast.

"The water came up faster than anyone expected," said Tom Reyes, a fire chief in Lowbridge.

Emergency crews used boats to reach families stranded on rooftops. Two people were taken to \
hospital with minor injuries.

The weather service said more rain was expected on Thursday. Schools in the valley will stay shut \
until the weekend.

It was the worst flooding in the region since 1998, when the river broke its banks twice in a month.

Officials opened three shelters. Volunteers brought food and blankets.

The regional governor promised money for repairs. Insurers said claims could run to tens of millions.
"""

BRIEF_ARTICLES = {"library": LIBRARY, "floods": FLOODS}


@cache
def _document(name: str):
    if name == "wire":
        return parse((SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8"))
    return parse(BRIEF_ARTICLES[name])


def _chosen(document, budget: int, algorithm: str = "news") -> set[int]:
    return {c.sentence.index for c in summarize(document, 0, algorithm, words_budget=budget)}


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(["library", "floods", "wire"]),
    algorithm=st.sampled_from(["news", "lead"]),
    smaller=st.integers(1, 400),
    more=st.integers(1, 400),
)
def test_a_larger_word_budget_keeps_every_sentence_a_smaller_one_chose(
    name: str, algorithm: str, smaller: int, more: int
) -> None:
    document = _document(name)
    assert _chosen(document, smaller, algorithm) <= _chosen(document, smaller + more, algorithm)


@pytest.mark.parametrize("name", ["library", "floods"])
def test_the_lede_is_kept_whenever_it_fits_and_comes_alone_when_it_does_not(name: str) -> None:
    from brief.document.tokens import words

    document = _document(name)
    first = summarize(document, 1)
    assert [c.sentence.index for c in first] == [0], "these ledes are the one-sentence brief"
    lede = len(words(document.sentences[0].text))
    shortest = min(len(words(s.text)) for s in document.sentences)
    # a budget too small for the lede, even one that would fit shorter sentences, gives the lede alone
    for budget in (1, shortest, lede - 1):
        assert _chosen(document, budget) == {0}
    for budget in (lede, lede + shortest, 2 * lede, 10 * lede):
        assert 0 in _chosen(document, budget)


def test_a_first_choice_longer_than_the_budget_comes_alone() -> None:
    from brief.document.tokens import words

    document = _document("wire")
    for algorithm in ("news", "lead", "luhn"):
        first = summarize(document, 1, algorithm)[0].sentence
        too_small = len(words(first.text)) - 1
        chosen = summarize(document, 0, algorithm, words_budget=too_small)
        assert [c.sentence.index for c in chosen] == [first.index]


def test_a_budget_takes_the_ranking_in_order_until_a_choice_does_not_fit() -> None:
    from brief.document.tokens import words
    from brief.summary import rank

    document = _document("floods")
    order = [
        s.sentence
        for s in rank(document, "news", len(document.sentences), share=1 / len(document.sentences))
    ]
    lengths = [len(words(sentence.text)) for sentence in order]
    for taken in range(1, len(order) + 1):
        budget = sum(lengths[:taken])
        assert _chosen(document, budget) == {sentence.index for sentence in order[:taken]}
        # one word short of the next choice: nothing shorter further down slips in instead
        if taken < len(order):
            assert _chosen(document, budget + lengths[taken] - 1) == _chosen(document, budget)
