"""Key sentences that stand alone: the rules that find sentences leaning on the one before them,
and the news ranker's use of them (the lead first, leaning sentences only after their referent)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.document import parse
from brief.summary import summarize
from brief.summary.standalone import (
    DANGLING,
    FRAGMENT,
    QUESTION,
    QUOTE_FRAGMENT,
    UNINTRODUCED,
    reliances,
)

from .helpers import SAMPLES

LEAD = "The city council voted on Monday to close the Harbour Street bridge for repairs."


def kind_of(sentence: str, before: str = LEAD, paragraph: bool = False) -> str | None:
    """The reliance found for ``sentence`` when it follows ``before`` in a short article (in the
    same paragraph, or in the next one)."""
    document = parse(
        f"Council closes bridge\n\n{before}{chr(10) * 2 if paragraph else ' '}{sentence}"
    )
    assert len(document.sentences) == 2, [s.text for s in document.sentences]
    found = reliances(document).get(1)
    return found.kind if found else None


@pytest.mark.parametrize(
    "sentence",
    [
        "He spent the summer recovering from a knee injury in Madrid.",
        "She has denied every one of the charges against her.",
        "They said the work would take at least three months to finish.",
        "That was seen as a first step towards a wider settlement of the dispute.",
        "This is the third time in a decade that the bridge has been closed.",
        "These are some of the mistakes found under the current system.",
        "Those feelers came to nothing in the end, officials said later.",
        "Many of these schools are career colleges that operate mostly online.",
        "The 30-year-old has set his sights on a world title in Helsinki.",
        "Another was found inside a suitcase on the balcony of the flat.",
        "There they found a woman lying on the floor of the kitchen.",
        "Or maybe those biases are having a rebirth we had underestimated.",
        "According to the official, nothing came of those talks in the end.",
        "Other than that, few details are known about the engineer's plans.",
        "In 2004, he moved to the city to work for a large engineering firm.",
        "But it didn't have to be that way for the people of the town.",
        '"History has been created today," he said after the vote.',
    ],
)
def test_openers_that_point_back_are_dangling(sentence: str) -> None:
    assert kind_of(sentence) == DANGLING


@pytest.mark.parametrize(
    "sentence",
    [
        "Engineers found cracks in two of the bridge's steel supports last year.",
        "It is expected that the bridge will reopen in the spring of next year.",
        "It's been predicted that repairs could cost more than the council expects.",
        "This year the council has set aside four million pounds for the roads.",
        "There is no other crossing within five miles of the town centre.",
        "Those who live on the north bank face a detour of twenty minutes.",
        "That said, most residents support the decision to close the bridge.",
        "One woman said the closure would double her journey to work.",
        "US officials have offered to pay for part of the repair work.",
        "The former mayor of the town, Ann Lee, called the vote a mistake.",
        '"We had no choice but to close it," said Ann Lee, the council leader.',
        'Council leader Ann Lee said: "We had no choice but to close it."',
        '"We\'re winning" is a phrase the council leader has used a lot recently.',
        "But new research released by the council shows the cracks are spreading.",
    ],
)
def test_sentences_that_name_what_they_are_about_stand_alone(sentence: str) -> None:
    assert kind_of(sentence) is None


def test_a_quotation_without_its_speaker_is_a_fragment() -> None:
    assert kind_of("\"It is what it is, that's all.") == QUOTE_FRAGMENT
    assert kind_of('"We want to win, of course we do."') == QUOTE_FRAGMENT


def test_a_quotation_continued_from_the_sentence_before_is_a_fragment() -> None:
    # News copy quotes on over several sentences: the second one has no marks and no speaker.
    text = (
        "Council closes bridge\n\n"
        'Ann Lee, the council leader, said: "We had no choice. The cracks are getting worse '
        'every week. We will reopen it as soon as it is safe."\n\n'
        "Engineers expect the repairs to take three months."
    )
    document = parse(text)
    kinds = {index: r.kind for index, r in reliances(document).items()}
    assert kinds == {1: QUOTE_FRAGMENT, 2: QUOTE_FRAGMENT}


def test_a_reopened_quotation_without_a_closing_mark_is_read_as_reopened() -> None:
    # BBC style: each new paragraph of a quotation reopens it and the last one is never closed.
    text = (
        "Allen fears the worst\n\n"
        "Brentford boss Martin Allen: \"After eight goals in three games, I'm not confident.\n\n"
        "\"There's no doubt we're the underdogs and it's not looking good.\"\n\n"
        "Brentford play Southampton in the cup on Tuesday evening."
    )
    kinds = {index: r.kind for index, r in reliances(parse(text)).items()}
    assert kinds == {1: QUOTE_FRAGMENT}


def test_a_surname_met_for_the_first_time_after_but_or_a_title_is_unintroduced() -> None:
    assert kind_of("But Mr Hart said the repairs were long overdue.") == UNINTRODUCED
    assert kind_of("But Hart said the repairs were long overdue.") == UNINTRODUCED
    introduced = "Engineer Tom Hart inspected the bridge last week for the council."
    assert kind_of("But Mr Hart said the repairs were long overdue.", before=introduced) is None
    # Titles that introduce a person are not pointers.
    assert kind_of("Lord Hoffmann said the ruling was a matter of principle.") is None


def test_fragments_and_questions_lean_on_their_neighbours() -> None:
    assert kind_of("and then the bridge was closed to all traffic.", paragraph=True) == FRAGMENT
    assert kind_of("... a decision the council will regret for years.", paragraph=True) == FRAGMENT
    assert kind_of("He was.") == FRAGMENT
    assert kind_of("Because the cracks were spreading faster than expected.") == FRAGMENT
    assert kind_of("Why would the council close the only bridge in town?") == QUESTION
    # A question someone asked, in quotation marks with a speaker, is a report of it.
    assert kind_of('"Why close the only bridge in town?" asked Ann Lee.') is None


def test_lower_cased_text_has_no_capitals_to_judge() -> None:
    # Corpora like CNN/DailyMail's are lower-cased: a lowercase opening is no fragment there.
    document = parse("the council voted to close the bridge . engineers found cracks in it .")
    assert reliances(document) == {}


# -- the news ranker ------------------------------------------------------------------------------

STORY = """Bridge closed after cracks found

The city council voted on Monday to close the Harbour Street bridge after engineers found cracks \
in two of its steel supports.

He said the decision had been the hardest of his career and that the cracks were spreading \
faster than the council's engineers had expected when they inspected the Harbour Street bridge.

"It is what it is, and the Harbour Street bridge has to close until the repairs are done."

Engineers expect the repairs to the Harbour Street bridge to take at least three months and to \
cost about four million pounds.

Drivers face a detour of twenty minutes while the bridge is closed, the council said.

The bridge, which opened in 1932, carries about 18,000 vehicles a day.

Shops on Harbour Street say they expect to lose trade while the bridge is closed for repairs.

A ferry across the harbour will run every half hour from Wednesday, the council said.

Cyclists and pedestrians will be able to use a temporary walkway beside the bridge.

The council will ask the government for money to pay for part of the repairs.

The bridge was last closed for repairs in 1998, when it was shut for six weeks.
"""


def test_the_brief_prefers_sentences_that_stand_alone() -> None:
    document = parse(STORY)
    leaning = set(reliances(document))
    assert leaning == {1, 2}
    for count in (1, 2, 3):  # a brief: a small share of the article
        chosen = [c.sentence.index for c in summarize(document, count)]
        assert chosen[0] == 0, "the lead is the first pick"
        assert not leaning & set(chosen), chosen


def test_a_lead_that_leans_gives_way_to_the_first_sentence_that_stands() -> None:
    document = parse(STORY.replace("The city council voted", "It voted"))
    assert 0 in reliances(document)
    assert [c.sentence.index for c in summarize(document, 1)] == [3]


def test_leaning_sentences_are_taken_when_nothing_else_is_left() -> None:
    document = parse(STORY)
    everything = summarize(document, len(document.sentences))
    assert [c.sentence.index for c in everything] == list(range(len(document.sentences)))


def test_explain_shows_what_leaning_cost() -> None:
    from brief.summary import rank

    document = parse(STORY)
    ranked = rank(document, "news", len(document.sentences))
    leaning = set(reliances(document))
    for selection in ranked:
        if "standalone" in selection.components:
            assert selection.sentence.index in leaning
            assert selection.components["standalone"] < 0
        assert abs(sum(selection.components.values()) - selection.score) < 1e-3


def test_a_digest_keeps_what_the_digest_weights_choose() -> None:
    # A large share of the article is read as a whole, in order: the brief-only rules fade out,
    # as BBC's extractive digests keep sentences that lean on the one before.
    from brief.summary import ranker

    document = parse(STORY)
    model = ranker.model()
    assert model.digest_part(3 / len(document.sentences)) == 0.0
    assert model.digest_part(0.5) == 1.0
    digest = summarize(document, len(document.sentences) // 2)
    assert all("standalone" not in c.components for c in digest)


@settings(max_examples=40, deadline=None)
@given(
    sample=st.sampled_from(["wire_lavrov.txt", "long_feature.txt", "press_release.txt"]),
    share=st.floats(0.01, 0.3),
)
def test_a_leaning_sentence_comes_only_after_its_referent_or_when_nothing_fit_is_left(
    sample: str, share: float
) -> None:
    document = parse((SAMPLES / sample).read_text(encoding="utf-8"))
    count = max(1, int(share * len(document.sentences)))
    leaning = set(reliances(document))
    skipped = document.boilerplate_sentences()
    chosen = {c.sentence.index for c in summarize(document, count)}
    fit_left = set(range(len(document.sentences))) - leaning - skipped - chosen
    for index in chosen & leaning:
        assert index - 1 in chosen or not fit_left, (sample, count, index)
