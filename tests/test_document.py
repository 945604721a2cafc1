"""Document structure: metadata, title, dek, byline, headings, datelines, paragraphs, offsets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
