"""The document's reading of its dates: the same weekday, month or date said again means the
same day; runs of weekdays stay consecutive; future auxiliaries beat a past main verb; the date a
text states beside a weekday settles the others; times and anchors follow the narrative."""

from __future__ import annotations

import datetime as dt

from brief.dates import DateMention, extract_dates

THURSDAY = dt.date(2021, 10, 21)
SATURDAY = dt.date(2021, 10, 23)


def tag(text: str, reference: dt.date | None = THURSDAY) -> list[DateMention]:
    return extract_dates(text, reference)


def pairs(text: str, reference: dt.date | None = THURSDAY) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in tag(text, reference)]


def test_one_weekday_is_one_day_in_an_article() -> None:
    text = (
        "The ministry hosts talks on Saturday with its neighbours. "
        "Delegates arrived ahead of Saturday's talks, which will be broadcast. "
        "Saturday's talks are the first since the border closed."
    )
    # The last possessive alone reads as a past event; the article means one coming Saturday.
    assert {value for text_, value in pairs(text) if "Saturday" in text_} == {"2021-10-23"}


def test_a_weekday_its_own_clause_places_is_kept() -> None:
    text = (
        "The ministry hosts talks on Saturday with its neighbours. "
        "Delegates will arrive ahead of the talks on Saturday. "
        "The minister said on Saturday that the border would stay shut."
    )
    assert [value for text_, value in pairs(text) if "Saturday" in text_] == [
        "2021-10-23",
        "2021-10-23",
        "2021-10-16",
    ]


def test_an_even_split_keeps_each_reading() -> None:
    text = "Police said on Tuesday that the march will go ahead. Organisers will meet on Tuesday."
    assert [value for _, value in pairs(text)] == ["2021-10-19", "2021-10-26"]


def test_a_run_of_weekdays_stays_consecutive() -> None:
    # Written on a Thursday: Wednesday alone would be yesterday, Tuesday the day before...
    text = "Cases rose: 12 on Tuesday, 30 on Wednesday and 8 on Thursday, officials said."
    assert [value for _, value in pairs(text)] == ["2021-10-19", "2021-10-20", "2021-10-21"]
    # ... and on a Tuesday, a past run Monday-Wednesday is last week's.
    tuesday = dt.date(2021, 10, 19)
    text = "Cases rose: 12 on Monday, 30 on Tuesday and 8 on Wednesday, officials said."
    assert [value for _, value in pairs(text, tuesday)] == [
        "2021-10-11",
        "2021-10-12",
        "2021-10-13",
    ]


def test_a_coming_run_starts_at_the_first_day() -> None:
    text = "The festival will run on Friday, Saturday and Sunday."
    assert [value for _, value in pairs(text)] == ["2021-10-22", "2021-10-23", "2021-10-24"]


def test_future_auxiliaries_beat_a_past_main_verb() -> None:
    text = "He spoke ahead of talks on Saturday which will be attended by ten ministers."
    assert [value for _, value in pairs(text)] == ["2021-10-23"]


def test_a_fixture_still_to_come_lies_ahead_even_as_a_possessive() -> None:
    assert pairs("The captain will miss Sunday's final with a knee injury.") == [
        ("Sunday", "2021-10-24")
    ]
    assert pairs("Fans queued ahead of Sunday's charity match.") == [("Sunday", "2021-10-24")]
    # A result stays in the past, whatever the modal of the clause.
    assert pairs("Lawyers will look for ways around Sunday's ruling.") == [("Sunday", "2021-10-17")]


def test_the_reference_weekday_still_to_come_is_next_week() -> None:
    # Published on a Saturday: "will be shown on Saturday" is not today (that would be "today").
    assert pairs("The game will be shown at 1400 GMT on Saturday.", SATURDAY) == [
        ("1400 GMT", "2021-10-30T14:00"),
        ("Saturday", "2021-10-30"),
    ]
    # A reported Saturday is today, as in agency copy.
    assert pairs("The minister said Saturday that he would resign.", SATURDAY) == [
        ("Saturday", "2021-10-23")
    ]


def test_a_date_beside_a_weekday_names_it_for_the_whole_article() -> None:
    text = (
        "Police answered a call on a Saturday morning last November. "
        "In the early hours of Saturday morning, November 1, a neighbour called them."
    )
    found = pairs(text, None)
    assert ("Saturday morning", "XXXX-11-01TMO") in found
    assert [v for t, v in found if t == "Saturday morning"] == ["XXXX-11-01TMO"] * 2


def test_a_repeated_month_is_one_month() -> None:
    # Said in October: "the March deadline" alone would be the nearest March, last spring.
    text = "Regulators will check shops in March. Firms are scrambling to meet the March deadline."
    assert {value for text_, value in pairs(text) if text_ == "March"} == {"2022-03"}
    # Two clauses that each place their March keep them: a law passed one March, in force the next.
    text = "The law was passed in March, officials said. It will take effect in March."
    assert [value for _, value in pairs(text)] == ["2021-03", "2022-03"]


def test_narrative_anchors_follow_the_last_date_given() -> None:
    text = "In 1916 he moved to Paris. The following May he married."
    assert pairs(text, None) == [("1916", "1916"), ("The following May", "1917-05")]
    text = "He arrived in March 1990. The following May he left."
    assert pairs(text)[1] == ("The following May", "1990-05")
    # A week or day inside a month the story gave: the year and month are known, not which one.
    text = "In March 2003 the war began. That week, markets fell."
    assert pairs(text)[1] == ("That week", "2003-WXX")


def test_the_next_year_in_a_forecast_counts_from_now() -> None:
    text = "Sales fell in 2001. Over the next year, sales should rise."
    assert pairs(text)[1] == ("the next year", "2022")
    assert pairs("Sales fell in 2001. The next year they rose.")[1] == ("The next year", "2002")


def test_reported_quarters_are_the_last_completed_ones() -> None:
    february = dt.date(2005, 2, 10)
    text = "Profit rose 10% in the fourth quarter, up from the previous quarter."
    assert pairs(text, february) == [
        ("the fourth quarter", "2004-Q4"),
        ("the previous quarter", "2004-Q3"),
    ]
    assert pairs("The firm expects growth in the fourth quarter.", february) == [
        ("the fourth quarter", "2005-Q4")
    ]


def test_last_as_an_adjective_is_no_tense() -> None:
    february = dt.date(2005, 2, 10)
    assert pairs("She will give her last concert on 12 April.", february) == [
        ("12 April", "2005-04-12")
    ]


def test_a_printed_publication_date_anchors_the_whole_brief() -> None:
    from brief.api import analyze

    text = (
        "Quake toll rises\n\n(Published April 27, 2015)\n\n"
        "Rescuers reached the village on Saturday. Aid will arrive on Wednesday."
    )
    found = {row["text"]: row["value"] for row in analyze(text).to_dict()["dates"]}
    assert found["Saturday"] == "2015-04-25"
    assert found["Wednesday"] == "2015-04-29"
