"""Things that look like dates but are not: names of publications, people and clubs, awards, the
clock of a game, idioms of degree. Each must be tagged nothing (or only the real date beside it)."""

from __future__ import annotations

import datetime as dt

import pytest

from brief.dates import DateMention, extract_dates

REF = dt.date(2021, 10, 21)  # a Thursday


def tag(text: str, reference: dt.date | None = REF) -> list[DateMention]:
    return extract_dates(text, reference)


def texts(text: str) -> list[str]:
    return [m.text for m in tag(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Daily Mirror printed the pictures.",
        "A report in Trade Weekly named the buyer.",
        "Daily Telegraph readers wrote in.",
        "In 1970 the band won an award from a weekly magazine run by fans.",
    ],
)
def test_publications_are_not_repetitions(text: str) -> None:
    assert [m.value for m in tag(text) if m.type == "SET"] == []


def test_a_real_repetition_is_still_found() -> None:
    assert [(m.text, m.value) for m in tag("The ferry sails daily from the harbour.")] == [
        ("daily", "P1D")
    ]
    assert [(m.text, m.value) for m in tag("Daily, the ferry sails at dawn.")] == [("Daily", "P1D")]


@pytest.mark.parametrize(
    "text",
    [
        "The witness, Jack T. Friday, told the court what he saw.",
        "The lawyer for Mrs Monday declined to comment.",
    ],
)
def test_weekdays_in_peoples_names(text: str) -> None:
    assert tag(text) == []


def test_a_club_named_after_a_weekday_in_a_match_report() -> None:
    text = (
        "Rovers scored twice after half-time but lost their last match at home to "
        "Hillsborough Wednesday. Their goalkeeper was sent off."
    )
    assert "Wednesday" not in texts(text)
    # Outside a match report a capitalised word before a weekday is a wire-style date.
    assert [m.value for m in tag("The High Court Tuesday rejected the appeal.")] == ["2021-10-19"]


@pytest.mark.parametrize(
    "text",
    [
        "She was named player of the year by her club.",
        "The Canadian music industry made him man of the year.",
        "The record won album of the year at the ceremony.",
    ],
)
def test_awards_of_the_year(text: str) -> None:
    assert tag(text) == []


def test_the_year_itself_is_still_found() -> None:
    assert [m.value for m in tag("Profit for the year rose 5%.")] == ["2021"]


_MATCH = (
    "United took the lead after 12 minutes when their striker scored from a free-kick. "
    "The visitors equalised on 54 minutes and had the better of the second half, but a "
    "penalty with six minutes left settled it. The first half was dull."
)


def test_the_clock_of_a_game_is_not_the_calendar() -> None:
    assert tag(_MATCH) == []


def test_halves_and_minutes_outside_a_match_report_are_kept() -> None:
    found = {
        m.text: m.value for m in tag("Sales fell in the second half, after a 45 minutes delay.")
    }
    assert found["the second half"] == "2021-H2"
    assert {m.text: m.value for m in tag("The speech lasted 49 minutes.")} == {
        "49 minutes": "PT49M"
    }


def test_a_half_of_a_named_year_is_a_date_even_in_a_match_report() -> None:
    text = _MATCH + " The club lost money in the first half of 2020."
    assert [(m.text, m.value) for m in tag(text)] == [("the first half of 2020", "2020-H1")]


def test_the_early_hours_and_a_long_time_are_not_durations() -> None:
    text = "Police came in the early hours of Saturday. It would take a long time to rebuild."
    assert [(m.text, m.value) for m in tag(text)] == [("Saturday", "2021-10-16")]


@pytest.mark.parametrize(
    "text",
    [
        "The plan will go ahead, according to The Mail on Sunday.",
        "A columnist for Scotland on Sunday disagreed.",
    ],
)
def test_newspapers_named_on_sunday(text: str) -> None:
    assert tag(text) == []


def test_a_real_sunday_after_on_is_kept() -> None:
    assert [m.value for m in tag("Voters in Paris went to the polls on Sunday.")] == ["2021-10-17"]


@pytest.mark.parametrize(
    "text",
    [
        "Prices have risen 2.5 per cent a year since then.",
        "It was just the ordinary Tuesday when it rains.",
        "On a typical Monday, the office is full.",
        "He starred in Midnight Express.",
        "An hour earlier, police had arrived.",
        "Nearly a quarter of voters agreed.",
    ],
)
def test_rates_fractions_generic_days_titles_and_moments(text: str) -> None:
    assert tag(text) == []


def test_an_indefinite_weekday_that_is_anchored_or_names_its_event_stays() -> None:
    assert [m.text for m in tag("Police came on a Saturday morning last November.")] == [
        "Saturday morning",
        "last November",
    ]
    assert [m.value for m in tag("About 500 people attended a Sunday night service.")] == [
        "2021-10-17TNI"
    ]


def test_a_short_month_alone_needs_a_preposition_or_another_month() -> None:
    assert tag("The show was hosted by Ant and Dec.") == []
    assert [m.text for m in tag("Sales fell in Dec. and Jan.")] == ["Dec.", "Jan."]
