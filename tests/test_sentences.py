"""The sentence splitter on the cases news text throws at it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brief.document.sentences import sentence_spans


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations that must not end a sentence
        (
            "Mr. Smith met Sen. Jones and Gov. Brown on Jan. 5 in the U.S. capital. They talked.",
            [
                "Mr. Smith met Sen. Jones and Gov. Brown on Jan. 5 in the U.S. capital.",
                "They talked.",
            ],
        ),
        (
            "The talks began at 9 a.m. on Monday. Officials said little.",
            ["The talks began at 9 a.m. on Monday.", "Officials said little."],
        ),
        ("Mrs. Dalloway said so. Dr. Who agreed.", ["Mrs. Dalloway said so.", "Dr. Who agreed."]),
        # ...but do end one when the next sentence starts
        (
            "He moved to the U.S. The move was sudden.",
            ["He moved to the U.S.", "The move was sudden."],
        ),
        ("It was 5 p.m. The crowd left.", ["It was 5 p.m.", "The crowd left."]),
        # initials
        ("Author J.K. Rowling spoke. She left.", ["Author J.K. Rowling spoke.", "She left."]),
        # a title before a name, whatever the name (Punkt breaks before words that open sentences)
        (
            "It was confirmed by the owner, Mr. Strong, on Tuesday. He met Dr. Little. It rained.",
            [
                "It was confirmed by the owner, Mr. Strong, on Tuesday.",
                "He met Dr. Little.",
                "It rained.",
            ],
        ),
        # a quoted question or exclamation that the sentence goes on from
        (
            '"Why close the only bridge?" asked Ann Lee. "Enough!" he shouted. "Why?" Nobody knew.',
            [
                '"Why close the only bridge?" asked Ann Lee.',
                '"Enough!" he shouted.',
                '"Why?"',
                "Nobody knew.",
            ],
        ),
        (
            "President George W. Bush spoke. He left.",
            ["President George W. Bush spoke.", "He left."],
        ),
        ("He joined A.C. Milan. Fans cheered.", ["He joined A.C. Milan.", "Fans cheered."]),
        ("The band R.E.M. played. Fans cheered.", ["The band R.E.M. played.", "Fans cheered."]),
        # decimals and money
        (
            "Profits rose 76% to $1.13bn (£600m). Sales grew 2.5 per cent.",
            ["Profits rose 76% to $1.13bn (£600m).", "Sales grew 2.5 per cent."],
        ),
        # quotes that end sentences
        (
            '"We will not back down," Price said. He left the room.',
            ['"We will not back down," Price said.', "He left the room."],
        ),
        (
            "“It is over.” Then she left.",
            ["“It is over.”", "Then she left."],
        ),
        # ellipses inside a sentence do not split it
        (
            'He paused... and then went on. "Well..." she said. It ended.',
            ["He paused... and then went on.", '"Well..." she said.', "It ended."],
        ),
        ("Are you sure? Yes! Fine.", ["Are you sure?", "Yes!", "Fine."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_index_the_whole_text_from_an_offset() -> None:
    text = "Headline\n\nFirst one. Second one."
    start = text.index("First")
    spans = sentence_spans(text, start)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_spans_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
