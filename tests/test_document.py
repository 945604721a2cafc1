"""Document structure: metadata, title, dek, byline, headings, datelines, paragraphs, offsets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import brief
from brief.document import parse

WIRE = """  date 2021-10-19 Reuters/File
Russia suspends its mission to NATO

MOSCOW (Reuters) - Russia will suspend its mission to NATO, Sergei Lavrov said on Monday. The move deepens a rift.

Tensions rise

"We will respond," Lavrov told reporters.
"""


def test_wire_story_structure() -> None:
    document = parse(WIRE)
    assert document.metadata.text == "date 2021-10-19 Reuters/File"
    assert document.title.text == "Russia suspends its mission to NATO"
    assert document.dek is None
    assert document.published == date(2021, 10, 19)
    assert document.published_source == "metadata-line"
    assert document.publisher == "Reuters"
    assert document.dateline.text == "MOSCOW (Reuters) -"
    assert document.dateline.place == "MOSCOW" and document.dateline.agency == "Reuters"
    assert [h.text for h in document.headings] == ["Tensions rise"]
    assert [s.text for s in document.sentences] == [
        "Russia will suspend its mission to NATO, Sergei Lavrov said on Monday.",
        "The move deepens a rift.",
        '"We will respond," Lavrov told reporters.',
    ]
    assert [s.paragraph_index for s in document.sentences] == [0, 0, 1]


def test_dek_directly_under_the_title_and_byline() -> None:
    text = "Sea walls rise in Port Carrick\nThe city bets $1.13bn on defences.\n\nBy Ana Whitfield\n\nThe water came again. It always does.\n"
    document = parse(text)
    assert document.title.text == "Sea walls rise in Port Carrick"
    assert document.dek.text == "The city bets $1.13bn on defences."
    assert document.byline.text == "By Ana Whitfield"
    assert [s.text for s in document.sentences] == ["The water came again.", "It always does."]


def test_lone_line_before_a_dateline_is_a_dek() -> None:
    text = (
        "Acme launches Widget\n\nNew service cuts costs for small firms\n\n"
        "SAN FRANCISCO, Oct. 19, 2021 /PRNewswire/ -- Acme Inc. today launched Widget. It is fast.\n"
    )
    document = parse(text)
    assert document.dek.text == "New service cuts costs for small firms"
    assert document.dateline.text == "SAN FRANCISCO, Oct. 19, 2021 /PRNewswire/ --"
    assert document.published == date(2021, 10, 19)
    assert document.published_source == "dateline"
    assert document.publisher == "PRNewswire"
    assert document.sentences[0].text == "Acme Inc. today launched Widget."


def test_first_paragraph_after_a_title_is_not_a_dek() -> None:
    text = "Ad sales boost profit\n\nQuarterly profits jumped 76%. The firm did well.\n\nMore follows here.\n"
    document = parse(text)
    assert document.dek is None
    assert document.sentences[0].text == "Quarterly profits jumped 76%."


def test_a_note_in_brackets_under_the_title_is_its_dek() -> None:
    text = (
        "Chelsea win the cup in extra time\n\n(after extra time - score at 90 mins 1-1)\n\n"
        "Chelsea beat Liverpool 3-2 in the final. The winner came late.\n"
    )
    document = parse(text)
    assert document.dek.text == "(after extra time - score at 90 mins 1-1)"
    assert document.sentences[0].text == "Chelsea beat Liverpool 3-2 in the final."
    # a paragraph that only opens with brackets is the body
    body = "Chelsea win the cup\n\n(Reuters) Chelsea beat Liverpool 3-2 in the final on Sunday.\n"
    assert parse(body).dek is None


@pytest.mark.parametrize(
    ("opening", "dateline", "place", "agency", "date_text"),
    [
        ("MOSCOW: Russia said", "MOSCOW:", "MOSCOW", None, None),
        (
            "WASHINGTON (Reuters) - The U.S. said",
            "WASHINGTON (Reuters) -",
            "WASHINGTON",
            "Reuters",
            None,
        ),
        (
            "LONDON, Oct 19 (Reuters) - Prices rose",
            "LONDON, Oct 19 (Reuters) -",
            "LONDON",
            "Reuters",
            "Oct 19",
        ),
        ("NEW YORK — Stocks fell", "NEW YORK —", "NEW YORK", None, None),
        (
            "Marseille, France (CNN)The French prosecutor said",
            "Marseille, France (CNN)",
            "Marseille, France",
            "CNN",
            None,
        ),
    ],
)
def test_datelines(opening, dateline, place, agency, date_text) -> None:
    text = f"Headline here\n\n{opening} something happened. Then more.\n"
    document = parse(text)
    line = document.dateline
    assert (line.text, line.place, line.agency, line.date_text) == (
        dateline,
        place,
        agency,
        date_text,
    )
    assert not document.sentences[0].text.startswith(dateline)
    assert document.published is None  # a dateline without a year dates nothing


def test_not_datelines() -> None:
    for opening in (
        "US - China talks resumed",
        "NOTE: this is a test",
        "It was 5 - 3 at half time",
    ):
        document = parse(f"Headline here\n\n{opening}. Then more.\n")
        assert document.dateline is None, opening


def test_subheadings_inside_a_block_and_wrapped_paragraphs() -> None:
    text = (
        "Title line\n\n"
        "A paragraph that was hard wrapped at a fixed width so that it\n"
        "continues on the next line. And ends here.\n\n"
        "The new plan\n"
        "Officials unveiled a plan on Monday that would change the rules entirely.\n"
    )
    document = parse(text)
    assert [h.text for h in document.headings] == ["The new plan"]
    assert document.sentences[0].text == (
        "A paragraph that was hard wrapped at a fixed width so that it\ncontinues on the next line."
    )
    assert len(document.paragraphs) == 2


def test_markdown_headings() -> None:
    document = parse("# The title\n\nBody text here. More text.\n\n## A section\n\nLast words.\n")
    assert document.title.text == "The title"
    assert [h.text for h in document.headings] == ["A section"]
    assert len(document.sentences) == 3


def test_crlf_and_cr_line_ends_keep_offsets() -> None:
    for newline in ("\r\n", "\r"):
        text = WIRE.replace("\n", newline)
        document = parse(text)
        assert document.title.text == "Russia suspends its mission to NATO"
        for element in [document.title, document.metadata, document.dateline, *document.sentences]:
            assert text[element.start : element.end] == element.text


def test_article_without_headline_starts_with_the_body() -> None:
    document = parse("The council voted on Monday to close the library. Residents were angry.\n")
    assert document.title is None
    assert len(document.sentences) == 2


_LINES = st.sampled_from(
    [
        "date 2021-10-19 Reuters",
        "A headline without a period",
        "MOSCOW (Reuters) - Something happened on Monday.",
        "Mr. Smith said it was over. Then he left!",
        "",
        "   ",
        "Short heading",
        "By Jane Doe",
        "“Quoted,” she said.",
    ]
)


@given(
    st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_parse_never_raises_and_offsets_reproduce_spans(lines, newline) -> None:
    text = newline.join(lines)
    document = parse(text)
    elements = [document.title, document.dek, document.byline, document.metadata, document.dateline]
    for element in [*elements, *document.headings, *document.sentences]:
        if element is not None:
            assert text[element.start : element.end] == element.text
    indexes = [s.index for s in document.sentences]
    assert indexes == list(range(len(indexes)))


def test_a_long_unspaced_line_is_body_text_not_a_headline() -> None:
    line = "長い文章" * 100 + "。"
    document = parse(line + "\n")
    assert document.title is None
    assert document.sentences and document.sentences[0].text == line


def test_a_list_item_bullet_is_not_part_of_its_sentence():
    text = (
        "Shopping list\n\nThe council published its list on Monday.\n\n"
        "- bread for the shelter\n* milk for the school\n\n"
        "A dash - inside a line stays.\n"
    )
    sentences = [s.text for s in parse(text).sentences]
    assert "bread for the shelter" in sentences and "milk for the school" in sentences
    assert "A dash - inside a line stays." in sentences
    for sentence in parse(text).sentences:
        assert text[sentence.start : sentence.end] == sentence.text


# ---- date stamps --------------------------------------------------------------------------------

STAMP_REPRO = (
    "Updated Jul 7, 2012 6:40 PM ET The council voted on Monday to fund repairs to the bridge. "
    "The mayor said he accepted the outcome.\n"
)


def _assert_offsets(document) -> None:
    for element in [*document.sentences, *document.stamps]:
        assert document.text[element.start : element.end] == element.text


def test_stamp_opening_the_only_paragraph_dates_the_story_and_leaves_its_lead() -> None:
    document = parse(STAMP_REPRO)
    assert [s.text for s in document.sentences] == [
        "The council voted on Monday to fund repairs to the bridge.",
        "The mayor said he accepted the outcome.",
    ]
    assert [s.text for s in document.stamps] == ["Updated Jul 7, 2012 6:40 PM ET"]
    assert (document.published, document.published_source) == (date(2012, 7, 7), "text-stamp")
    assert document.metadata is None and document.publisher is None
    _assert_offsets(document)


def test_stamp_opening_the_lead_does_not_swallow_it_when_more_paragraphs_follow() -> None:
    text = STAMP_REPRO + "\nRepairs start in the spring. They will take a year.\n"
    document = parse(text)
    assert document.sentences[0].text.startswith("The council voted")
    assert [p.index for p in document.paragraphs] == [0, 1]
    assert document.published == date(2012, 7, 7)


def test_stamp_alone_on_its_line_under_headline_and_byline() -> None:
    text = (
        "Council funds bridge repairs\n\nBy Ana Whitfield\n"
        "Last modified on Tue 3 Mar 2016 10.00 GMT\n\n"
        "The council voted on Monday. Work starts soon.\n"
    )
    document = parse(text)
    assert document.title.text == "Council funds bridge repairs"
    assert document.byline.text == "By Ana Whitfield"
    assert [s.text for s in document.stamps] == ["Last modified on Tue 3 Mar 2016 10.00 GMT"]
    assert document.headings == []
    assert [s.text for s in document.sentences] == [
        "The council voted on Monday.",
        "Work starts soon.",
    ]
    assert (document.published, document.published_source) == (date(2016, 3, 3), "text-stamp")
    _assert_offsets(document)


def test_stamp_line_right_under_the_headline_is_not_its_dek() -> None:
    text = (
        "Council funds bridge repairs\nPublished 3 March 2016\n\nThe council voted. Work starts.\n"
    )
    document = parse(text)
    assert document.dek is None
    assert [s.text for s in document.stamps] == ["Published 3 March 2016"]
    assert document.published == date(2016, 3, 3)


def test_original_story_stamp_opening_a_later_paragraph() -> None:
    text = (
        "The inquiry reopened on Friday. Witnesses return next week.\n\n"
        "Original story (Published March 3, 2016): The inquiry was closed on Tuesday after two"
        " years. Its report was never published.\n"
    )
    document = parse(text)
    assert [s.text for s in document.stamps] == ["Original story (Published March 3, 2016):"]
    assert document.sentences[2].text == "The inquiry was closed on Tuesday after two years."
    assert (document.published, document.published_source) == (date(2016, 3, 3), "text-stamp")
    _assert_offsets(document)


def test_first_version_stamp_is_preferred_over_an_update() -> None:
    text = (
        "Updated 18:40 GMT, 7 July 2012 | First published 3rd July 2012\n\n"
        "The council voted on Monday. Work starts soon.\n"
    )
    document = parse(text)
    assert len(document.stamps) == 2
    assert document.published == date(2012, 7, 3)
    assert [s.text for s in document.sentences] == [
        "The council voted on Monday.",
        "Work starts soon.",
    ]
    _assert_offsets(document)


def test_a_dated_dateline_outranks_a_stamp() -> None:
    text = (
        "Prices rise\nUpdated Oct 22, 2021\n\n"
        "LONDON, Oct 19 2021 (Reuters) - Prices rose. Traders cheered.\n"
    )
    document = parse(text)
    assert (document.published, document.published_source) == (date(2021, 10, 19), "dateline")


@pytest.mark.parametrize(
    "text",
    [
        # mid-sentence: the story's own words, not a label
        "The page was updated Jul 7, 2012 6:40 PM ET after the vote. The mayor spoke.\n",
        "Officials said the rules were Published March 3, 2016 in the gazette. Few read them.\n",
        # opening a paragraph but running on as prose
        "Published March 3, 2016, the report found the bridge unsafe. The council agreed.\n",
        # a stamp word with no date the parser can read
        "Updated 2 hours ago The council voted. The mayor spoke.\n",
    ],
)
def test_stamp_words_inside_prose_are_left_alone(text: str) -> None:
    document = parse(text)
    assert document.stamps == [] and document.published is None
    assert "".join(s.text for s in document.sentences).replace(" ", "") == text.replace(
        " ", ""
    ).replace("\n", "")


def test_metadata_line_keeps_a_time_out_of_the_publisher() -> None:
    document = parse("Updated Jul 7, 2012 6:40 PM ET\nBridge vote\n\nThe council voted. It met.\n")
    assert document.metadata.text == "Updated Jul 7, 2012 6:40 PM ET"
    assert document.publisher is None
    assert (document.published, document.published_source) == (date(2012, 7, 7), "metadata-line")
    assert document.title.text == "Bridge vote"


@given(st.text(alphabet="Updated Jul7,2016:PMET() \n.Theaxb", max_size=80))
def test_stamps_never_break_offsets(text: str) -> None:
    _assert_offsets(parse(text))


def test_the_stamp_repro_briefs_its_lead_and_resolves_monday_against_the_stamp() -> None:
    result = brief.analyze(STAMP_REPRO, entities=False)
    assert result.summary[0].text == "The council voted on Monday to fund repairs to the bridge."
    assert (str(result.published), result.published_source) == ("2012-07-07", "text-stamp")
    # 2012-07-07 was a Saturday; the stamp's own date is not an event of the story.
    assert [(m.text, m.value) for m in result.dates] == [("Monday", "2012-07-02")]


# -- agency markers and datelines (issue #13) ----------------------------------------------------

STORM = "the storm hit, the harbour flooded. Officials said the town was ready.\n"


def _spans_exact(document) -> None:
    for line in [document.dateline, document.title, document.dek, *document.highlights]:
        if line is not None:
            assert document.text[line.start : line.end] == line.text
    _assert_offsets(document)


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("(CNN)When ", None, "CNN"),  # glued to the first word
        ("(CNN) When ", None, "CNN"),
        ("(CNN) -- When ", None, "CNN"),
        ("( CNN ) -- When ", None, "CNN"),  # spaces inside the brackets
        ("(Reuters) - When ", None, "Reuters"),
        ("WASHINGTON (AP) — When ", "WASHINGTON", "AP"),
        ("LONDON, Oct 19 (Reuters) - When ", "LONDON", "Reuters"),
        ("Tokyo (CNN)When ", "Tokyo", "CNN"),
        ("MOSCOW: When ", "MOSCOW", None),
    ],
)
def test_agency_markers_become_publisher_and_dateline_and_leave_the_first_sentence(
    opening: str, place: str | None, agency: str | None
) -> None:
    document = parse(opening + STORM)
    assert document.dateline is not None
    assert (document.dateline.place, document.dateline.agency) == (place, agency)
    assert document.dateline.date_text == ("Oct 19" if "Oct 19" in opening else None)
    assert document.publisher == agency
    assert document.sentences[0].text == "When the storm hit, the harbour flooded."
    assert document.sentences[0].start == len(opening) - len("When ")
    _spans_exact(document)


def test_a_dated_wire_dateline_dates_the_story() -> None:
    document = parse("LONDON, Oct. 19, 2021 (Reuters) - Prices rose. Traders said so.\n")
    assert (document.published, document.published_source) == (date(2021, 10, 19), "dateline")


@pytest.mark.parametrize(
    "text",
    [
        # a parenthesis that is prose, not a name
        "(and this is an aside) When the storm hit, the harbour flooded.\n",
        # a kicker in brackets names no agency
        "(UPDATE) When the storm hit, the harbour flooded.\n",
        # lower-case text after the bracket: not a marker glued to a sentence
        "(CNN) was the first to report that the storm hit. It flooded.\n",
    ],
)
def test_brackets_that_are_no_agency_marker_stay_in_the_text(text: str) -> None:
    document = parse(text)
    assert document.dateline is None and document.publisher is None
    assert document.sentences[0].start == 0


def test_the_marker_stays_out_of_the_brief() -> None:
    result = brief.analyze("(CNN)When " + STORM, entities=False)
    assert result.summary[0].text.startswith("When the storm hit")
    assert all("(CNN)" not in sentence.text for sentence in result.summary)


HIGHLIGHTS = """Russia cuts its ties with the alliance after a row over spies.

Moscow says the expulsions were a provocation.

The alliance says its door stays open.

MOSCOW: Russia will suspend its mission to NATO, Sergei Lavrov said on Monday. The move deepens a rift.

The alliance expelled eight diplomats this month. Officials in Brussels called them spies.
"""


def test_a_dateline_after_dek_and_highlights_marks_where_the_body_starts() -> None:
    document = parse(HIGHLIGHTS)
    assert document.title is None  # the dek is a sentence, not a headline
    assert document.dek.text == "Russia cuts its ties with the alliance after a row over spies."
    assert [line.text for line in document.highlights] == [
        "Moscow says the expulsions were a provocation.",
        "The alliance says its door stays open.",
    ]
    assert document.dateline.place == "MOSCOW"
    assert document.sentences[0].text.startswith("Russia will suspend its mission to NATO")
    assert document.paragraphs[0].index == 0 and len(document.paragraphs) == 2
    _spans_exact(document)


def test_dek_and_highlights_are_never_key_sentences() -> None:
    result = brief.analyze(HIGHLIGHTS, entities=False)
    assert result.dek == "Russia cuts its ties with the alliance after a row over spies."
    body_start = HIGHLIGHTS.index("MOSCOW:")
    assert result.summary and all(s.start > body_start for s in result.summary)


def test_a_headline_above_the_dek_and_highlights_is_the_title() -> None:
    document = parse("Russia cuts NATO ties\n\n" + HIGHLIGHTS)
    assert document.title.text == "Russia cuts NATO ties"
    assert document.dek.text.startswith("Russia cuts its ties")
    assert len(document.highlights) == 2 and document.dateline.place == "MOSCOW"


def test_a_dateline_after_a_long_paragraph_is_not_a_body_start() -> None:
    long_lead = " ".join(["The council voted to fund the bridge repairs on Monday."] * 8)
    document = parse(long_lead + "\n\nMOSCOW: Russia said it would act. Officials agreed.\n")
    assert document.highlights == [] and document.dek is None
    assert document.sentences[0].text.startswith("The council voted")


@given(st.text(alphabet="(CNN) -—:MOSCOW\n.Theaxb ", max_size=80))
def test_markers_never_break_offsets(text: str) -> None:
    _spans_exact(parse(text))
