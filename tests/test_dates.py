"""Tests for brief.dates: every expression class, past/future resolution, false positives,
offsets, and the score on the TimeBank/AQUAINT data when it is present."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brief
from brief.dates import EARLIEST_DATE, LATEST_DATE, DateMention, extract_dates, plausible_date
from brief.dates.timex.values import clamp_day
from brief.document import parse

from .helpers import DATA

# A Thursday, so that "Tuesday" is two days back and "Saturday" two days ahead.
REF = dt.date(2021, 10, 21)


def tag(text: str, reference: dt.date | None = REF) -> list[DateMention]:
    return extract_dates(text, reference)


def only(text: str, reference: dt.date | None = REF) -> DateMention:
    mentions = tag(text, reference)
    assert len(mentions) == 1, mentions
    return mentions[0]


def values(text: str, reference: dt.date | None = REF) -> dict[str, str]:
    return {m.text: m.value for m in tag(text, reference)}


# ---- absolute dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The deal closed on Oct. 19, 2021, in Paris.", "Oct. 19, 2021", "2021-10-19"),
        ("It opened on 4 July 1999 to crowds.", "4 July 1999", "1999-07-04"),
        ("She arrived the 3rd of March 2004.", "the 3rd of March 2004", "2004-03-03"),
        ("The filing is dated 2020-02-29 here.", "2020-02-29", "2020-02-29"),
        ("The form says 12/25/1998 at the top.", "12/25/1998", "1998-12-25"),
        ("They met on Monday, Nov. 2, 1998, at noon.", "Monday, Nov. 2, 1998", "1998-11-02"),
    ],
)
def test_full_dates(text: str, span: str, value: str) -> None:
    m = tag(text)[0]
    assert (m.text, m.value, m.type, m.precision) == (span, value, "DATE", "day")
    assert m.relative is False and m.anchor == "none"


def test_month_and_year_keep_their_precision() -> None:
    assert values("Prices fell in July 1997 and rose in 2004.") == {
        "July 1997": "1997-07",
        "2004": "2004",
    }
    march = only("Sales rose in March.")
    assert (march.value, march.precision) == ("2021-03", "month")


def test_month_day_without_year_follows_the_tense() -> None:
    # Written in October: a past-tense December is last year's, a future one this year's.
    assert only("The plant closed on Dec. 3.").value == "2020-12-03"
    assert only("The plant will close on Dec. 3.").value == "2021-12-03"
    assert only("He was hired in December.").value == "2020-12"
    assert only("He will start in December.").value == "2021-12"


def test_month_modifying_a_noun_is_the_nearest_one() -> None:
    # The clause's tense dates its verb, not the thing the month names: an agreement signed in
    # June, a vote due in November.
    assert only("The firm is still bound by a June agreement with its lenders.").value == (
        "2021-06"
    )
    assert only("The board will review the March report again.").value == "2021-03"
    assert only("Both parties are preparing for the November vote.").value == "2021-11"
    # A month on its own still follows the tense.
    assert only("He will start in June.").value == "2022-06"


def test_weekday_before_a_date_settles_the_year() -> None:
    # Said in January 2022, "Dec. 31" alone would be the coming one in a future sentence, but
    # Dec. 31 was a Friday in 2021 (and a Saturday in 2022), so the weekday decides.
    assert only("The fair will reopen Friday, Dec. 31.", dt.date(2022, 1, 5)).value == "2021-12-31"


def test_decades_centuries_and_spelled_years() -> None:
    assert values("Growth in the 1990s beat the late 1970s.") == {
        "the 1990s": "199",
        "the late 1970s": "197",
    }
    assert only("It was a 20th century idea.").value == "19"
    assert only("A bomb went off in nineteen ninety-six.").value == "1996"
    assert only("The rule dates from the year two thousand.").value == "2000"


def test_quarters_halves_and_fiscal_years() -> None:
    assert only("Profit rose in the third quarter.").value == "2021-Q3"
    assert only("Third-quarter profit rose.").value == "2021-Q3"
    assert only("Sales grew in the second half of 1990.").value == "1990-H2"
    assert only("The loss hit fiscal 1989 results.").value == "1989"
    # A quarter not reached yet, reported in the past tense, is last year's.
    assert only("Profit rose in the fourth quarter.", dt.date(2022, 1, 20)).value == "2021-Q4"


def test_year_ago_comparisons_keep_the_quarter() -> None:
    text = "Third-quarter profit rose to $5 million from $4 million a year ago."
    assert values(text) == {"Third-quarter": "2021-Q3", "a year ago": "2020-Q3"}
    # "that" after a reporting verb opens a clause; it does not point back to another quarter.
    clause = "The chain reported that third-quarter sales fell 8% from a year ago."
    assert values(clause) == {"third-quarter": "2021-Q3", "a year ago": "2020-Q3"}
    later = tag(text + " A year earlier, it lost money.")
    assert later[-1].value == "2020-Q3"
    assert later[-1].anchor == "mention"


# Early November: the third quarter is over and reported, the fourth is under way.
NOV = dt.date(2021, 11, 3)


def test_the_quarter_under_discussion_is_a_reported_one() -> None:
    # A charge expected in the running quarter does not make it "the latest quarter".
    text = (
        "Acme's third-quarter profit rose. It expects a fourth-quarter charge. Profit in the "
        "latest quarter was $5 million, against $4 million a year ago."
    )
    assert values(text, NOV) == {
        "third-quarter": "2021-Q3",
        "fourth-quarter": "2021-Q4",
        "the latest quarter": "2021-Q3",
        "a year ago": "2020-Q3",
    }
    # A running (fiscal) quarter reported in the past tense is the one discussed.
    text = "Acme reported lower fourth-quarter sales. Sales in the latest period fell 3%."
    assert values(text, NOV)["the latest period"] == "2021-Q4"


def test_an_aside_about_another_quarter_does_not_move_the_comparison() -> None:
    text = (
        "Acme's third-quarter sales rose. After a weak second quarter, margins widened; costs "
        "were lower than a year ago."
    )
    found = values(text, NOV)
    assert found["second quarter"] == "2021-Q2"
    assert found["a year ago"] == "2020-Q3"
    # As the first quarter mentioned, the same phrase is the one reported on.
    text = "Acme had a record third quarter. Costs were lower than a year ago."
    assert values(text, NOV)["a year ago"] == "2020-Q3"


def test_the_current_quarter_is_the_one_in_progress() -> None:
    text = "Third-quarter profit doubled, and the current quarter has started well."
    assert values(text, NOV)["the current quarter"] == "2021-Q4"


def test_a_year_labelled_period_after_a_nine_month_period_is_that_year() -> None:
    text = "In the first nine months, net rose to $9 million from $7 million in the 2020 period."
    assert values(text, NOV)["the 2020 period"] == "2020"
    # After a quarter, the same words name that quarter of the other year.
    text = "Third-quarter net rose to $3 million from $2 million in the 2020 period."
    assert values(text, NOV)["the 2020 period"] == "2020-Q3"


def test_seasons_and_holidays() -> None:
    assert only("Talks resume this summer.").value == "2021-SU"
    assert only("The strike began last fall.", dt.date(2022, 2, 10)).value == "2021-FA"
    assert only("It snowed in the winter of 1994.").value == "1994-WI"
    assert only("They met on Christmas Day.").value == "2020-12-25"
    assert only("The vote is on Thanksgiving.", dt.date(2021, 11, 1)).value == "2021-11-25"


# ---- relative dates -------------------------------------------------------------------------------


def test_deictic_days() -> None:
    assert values("He left yesterday, returns tomorrow and speaks today.") == {
        "yesterday": "2021-10-20",
        "tomorrow": "2021-10-22",
        "today": "2021-10-21",
    }
    evening = only("The vote was held last night.")
    assert (evening.value, evening.type) == ("2021-10-20TNI", "TIME")
    assert only("She spoke this morning.").value == "2021-10-21TMO"


def test_relative_units() -> None:
    assert values("Sales fell last week, rose this week and may slip next month.") == {
        "last week": "2021-W41",
        "this week": "2021-W42",
        "next month": "2021-11",
    }
    assert only("Revenue doubled last year.").value == "2020"
    assert only("The index rose earlier this month.").value == "2021-10"


def test_deadlines_look_ahead() -> None:
    # A perfect in an earlier clause does not govern the "by" phrase.
    text = "The sale, which had been expected, is part of a plan to repay the loan by February."
    assert values(text)["February"] == "2022-02"
    assert only("The board had approved the plan by February.").value == "2021-02"
    # "until <day>" after giving, extending, postponing: the coming day.
    assert only("The agency gave the family until Tuesday to reply.").value == "2021-10-26"
    assert only("The judge postponed the hearing until Monday.").value == "2021-10-25"
    # ... but "not until" and "up until" look back.
    assert only("It was not until Tuesday that he spoke.").value == "2021-10-19"


def test_possessive_weekday_is_a_reported_event() -> None:
    # "Tuesday's ruling" has happened, even in a clause about what will follow it.
    assert only("Lawyers will look for ways around Tuesday's ruling.").value == "2021-10-19"
    assert only("Shares jumped after Wednesday's report.").value == "2021-10-20"
    assert only("Next Tuesday's vote will decide.").value == "2021-10-26"


def test_one_day_after_a_modal_is_the_future() -> None:
    m = only("She says the town will one day be a city.")
    assert (m.text, m.type, m.value) == ("one day", "DATE", "FUTURE_REF")
    assert only("The strike lasted one day.").value == "P1D"


def test_offsets() -> None:
    assert only("The firm was founded two years ago.").value == "2019"
    assert only("He moved here three weeks ago.").value == "2021-W39"
    assert only("They met 10 days ago.").value == "2021-10-11"
    assert only("It will open two months from now.").value == "2021-12"
    assert only("He left several years ago.").value == "PAST_REF"


def test_anchored_to_the_previous_mention() -> None:
    mentions = tag("The plant opened in 1995. The following year it doubled output.")
    assert [m.value for m in mentions] == ["1995", "1996"]
    assert mentions[1].anchor == "mention"


def test_present_past_and_future_references() -> None:
    assert values("Prices are now high; they recently fell; in the future they may rise.") == {
        "now": "PRESENT_REF",
        "recently": "PAST_REF",
        "the future": "FUTURE_REF",
    }


def test_clock_times() -> None:
    blast = only("The blast came at 10:35 a.m. EST and shook the city.")
    assert (blast.value, blast.type, blast.precision) == ("2021-10-21T10:35", "TIME", "time")
    assert only("Talks broke off at noon Tuesday.").value == "2021-10-19T12:00"
    assert only("He was shot at 10 p.m. Police said nothing.").text == "10 p.m"


# ---- past or future by the sentence -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister said on Tuesday that talks failed.", "2021-10-19"),
        ("The ministers will meet on Wednesday in Paris.", "2021-10-27"),
        ("The city is hosting talks on Wednesday.", "2021-10-27"),
        ("Talks are scheduled to resume Monday.", "2021-10-25"),
        ("The team planned to leave on Saturday.", "2021-10-23"),
        # After the weekday, a past-tense "planned" dates the planning: Saturday is behind us.
        ("On Saturday, the team planned its next steps.", "2021-10-16"),
        ("A rally on Saturday is planned by the union.", "2021-10-23"),
        ("Police arrested him on Saturday.", "2021-10-16"),
        ("Last Friday the board resigned.", "2021-10-15"),
        ("The board meets next Tuesday.", "2021-10-26"),
        ("On Tuesday, the two sides conferred in Geneva.", "2021-10-19"),
        ("The vote had been due to take place Friday.", "2021-10-15"),
    ],
)
def test_weekday_direction(text: str, value: str) -> None:
    weekday = [m for m in tag(text) if m.precision == "day"]
    assert [m.value for m in weekday] == [value]


def test_same_day_weekday_is_today() -> None:
    # News agencies name the current day by its weekday.
    assert only("The president said Thursday that he would resign.").value == "2021-10-21"


# ---- durations and sets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The strike lasted three days.", "three days", "P3D"),
        ("He served 20 years in prison.", "20 years", "P20Y"),
        ("Talks ran for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("It took a minute and a half.", "a minute and a half", "PT1M30S"),
        ("Profit rose in the first nine months.", "the first nine months", "P9M"),
        ("Rates fell over the past two months.", "the past two months", "P2M"),
        ("The war lasted for years.", "years", "PXY"),
        ("He signed a five-year contract.", "five-year", "P5Y"),
        ("The two sides met for several hours.", "several hours", "PTXH"),
        ("It lasted more than four hours.", "more than four hours", "PT4H"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.type, m.precision) == (span, value, "DURATION", "duration")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The club meets every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The paper is printed daily.", "daily", "P1D"),
        ("Orangemen march each July.", "each July", "XXXX-07"),
        ("Fees are paid every quarter.", "every quarter", "P1Q"),
        ("The fair is held annually.", "annually", "P1Y"),
    ],
)
def test_sets(text: str, span: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.type) == (span, value, "SET")


def test_ages_are_not_durations() -> None:
    assert tag("The 52-year-old driver, 52 years old, was unhurt.") == []


# ---- false positives ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Investors may sell their shares.",
        "Theresa May said the deal was dead.",
        "Protesters plan to march on the capital.",
        "They will March on Washington.",
        "The home side won 77-18 in the final.",
        "The Sunday Times reported the story.",
        "Call the office at 555-1990 for details.",
        "The claim falls under Section 1983 of the code.",
        "April Glaspie met the president.",
        "He has 2000 employees and 1,990 shares.",
        "The show 60 Minutes aired the interview.",
        "About three-quarters of its food is imported.",
    ],
)
def test_false_positives(text: str) -> None:
    assert tag(text) == []


def test_may_the_month_is_still_found() -> None:
    assert only("The talks end in May.").value == "2021-05"
    assert only("The law took effect May 5.").value == "2021-05-05"


# ---- no reference date ----------------------------------------------------------------------------


def test_without_reference_relative_values_stay_underspecified() -> None:
    found = values("He left on Tuesday, once last week and once in March.", None)
    assert found == {
        "Tuesday": "XXXX-WXX-2",
        "last week": "XXXX-WXX",
        "March": "XXXX-03",
    }
    assert all(m.anchor == "none" for m in tag("Yesterday and today.", None))
    assert only("It ended on Oct. 19, 2021.", None).value == "2021-10-19"
    assert only("It ends on Oct. 19.", None).value == "XXXX-10-19"


# ---- contract --------------------------------------------------------------------------------------


def test_sentence_index_and_dict() -> None:
    text = "He left on Monday. She stayed until Friday."
    sentences = [(0, 18), (19, len(text))]
    mentions = extract_dates(text, REF, sentences)
    assert [m.sentence_index for m in mentions] == [0, 1]
    assert set(mentions[0].to_dict()) == {
        "text",
        "start",
        "end",
        "type",
        "value",
        "precision",
        "relative",
        "anchor",
        "sentence_index",
        "label",  # "" here: the pipeline labels mentions (dates.ranges.describe)
        "range",
    }
    assert all(m.sentence_index is None for m in tag(text))


def test_import_is_cheap_and_rules_compile_on_first_use() -> None:
    import subprocess
    import sys

    code = (
        "import sys, brief.dates\n"
        "assert 'brief.dates.timex.tagger' not in sys.modules, 'rules compiled at import'\n"
        "brief.dates.extract_dates('Sales rose in 1999.')\n"
        "assert 'brief.dates.timex.tagger' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_datetime_reference_is_accepted() -> None:
    assert only("He left yesterday.", dt.datetime(2021, 10, 21, 15, 0)).value == "2021-10-20"


_TEMPORAL_WORDS = st.sampled_from(
    [
        *("May", "March", "Tuesday", "today", "last week", "1990", "the third quarter"),
        *("two years ago", "10:30 a.m.", "daily", "every Monday", "Oct. 19, 2021", "the 1990s"),
        *("recently", "now", "77-18", "555-1990", "mid-1996", "a.m.", "the year", "next month"),
        *("earlier this year", "fiscal 1989", "Jan. 2", "the Sunday Times", "may"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_TEMPORAL_WORDS, st.text(max_size=12)), max_size=25))
def test_offsets_always_reproduce_the_spans(parts: list[str]) -> None:
    text = " ".join(parts)
    mentions = extract_dates(text, REF)
    last_end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end  # in text order, never overlapping
        assert m.type in ("DATE", "TIME", "DURATION", "SET")
        last_end = m.end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates()))
def test_never_raises_on_arbitrary_text(text: str, reference: dt.date | None) -> None:
    for m in extract_dates(text, reference):
        assert text[m.start : m.end] == m.text


# ---- dates off the calendar ------------------------------------------------------------------------
# Any web page can write "2147483648 days ago" or date itself 9999: nothing may raise, and no mention
# may carry a day that is not on the calendar.


@pytest.mark.parametrize(
    "text",
    [
        "It ended 800000 days ago.",  # the year -170
        "It ended 2147483648 days ago.",  # beyond what a timedelta holds
        "It ended 3000000 weeks ago.",
        "It ended 99999999999 months ago.",
        "It starts 9000 years from now.",  # the year 11021
        "It lasted " + "9" * 400 + " years.",  # a count past any float
        "It happens every " + "9" * 400 + " days.",
    ],
)
def test_expressions_off_the_calendar_are_dropped(text: str) -> None:
    assert tag(text) == []


def test_far_but_real_dates_still_resolve() -> None:
    assert only("It ended 700000 days ago.").value == (REF - dt.timedelta(days=700000)).isoformat()
    # "2000 years earlier" than 1005 is off the calendar; the year itself stays.
    assert values("In 1005, it began. 2000 years earlier, nothing.") == {"1005": "1005"}


def test_a_reference_at_either_end_of_the_accepted_range_resolves() -> None:
    text = "It happens tomorrow, next week and next winter. It happened last winter on Dec. 31."
    assert values(text, LATEST_DATE) == {
        "tomorrow": "9000-01-01",
        "next week": "9000-W02",
        "next winter": "9000-WI",
        "last winter": "8998-WI",
        "Dec. 31": "8999-12-31",
    }
    assert values("It happened yesterday.", EARLIEST_DATE) == {"yesterday": "0999-12-31"}


@pytest.mark.parametrize("reference", [dt.date.max, dt.date.min, dt.date(9000, 1, 1)])
def test_an_implausible_reference_is_no_reference(reference: dt.date) -> None:
    # "next winter" of 9999-12-31 would be in the year 10000.
    assert values("It happens tomorrow and next winter.", reference) == {
        "tomorrow": "XXXX-XX-XX",
        "next winter": "XXXX-WI",
    }
    assert not plausible_date(reference)


def test_clamp_day_pulls_the_day_back_but_never_moves_the_year() -> None:
    assert clamp_day(2021, 2, 30) == dt.date(2021, 2, 28)
    with pytest.raises(ValueError):
        clamp_day(10000, 1, 1)


def test_publication_dates_from_the_text_off_the_range_are_ignored() -> None:
    metadata = parse("date 9999-12-31 Reuters\nHeadline\n\nThe council met on Tuesday. It voted.\n")
    assert metadata.metadata is not None and metadata.publisher == "Reuters"
    assert metadata.published is None and metadata.published_source is None
    for year, published in (("9999", None), ("8999", dt.date(8999, 12, 31))):
        wire = parse(f"Headline\n\nLONDON, Dec 31, {year} (Reuters) - The council met. It voted.\n")
        assert wire.dateline is not None and wire.dateline.date_text == f"Dec 31, {year}"
        assert wire.dateline.published == published and wire.published == published


_COUNTS = st.one_of(
    st.integers(0, 10**6), st.integers(10**6, 10**30), st.integers(10**30, 10**400)
).map(str)
_UNITS = st.sampled_from(
    "day days week weeks fortnight month months quarter quarters year years decade decades "
    "century centuries hours".split()
)
_DIRECTIONS = st.sampled_from(["ago", "later", "earlier", "from now", "hence", "before", "after"])
_NUMBERS = st.one_of(st.integers(0, 99), st.integers(0, 99999), st.integers(0, 10**30))
_PHRASES = st.one_of(
    st.builds("{} {} {}".format, _COUNTS, _UNITS, _DIRECTIONS),
    st.builds("{} {}".format, st.sampled_from(["in", "since", "every", "the", "fiscal"]), _NUMBERS),
    st.builds("{:04d}-{:02d}-{:02d}".format, _NUMBERS, _NUMBERS, _NUMBERS),
    st.builds("{}/{}/{}".format, _NUMBERS, _NUMBERS, _NUMBERS),
    st.builds("Dec. {}, {}".format, _NUMBERS, _NUMBERS),
    st.builds("the {}th century".format, _NUMBERS),
    _TEMPORAL_WORDS,
)


def _assert_on_the_calendar(mention: DateMention, text: str) -> None:
    assert text[mention.start : mention.end] == mention.text
    if mention.precision == "day" and mention.value[:1].isdigit():
        dt.date.fromisoformat(mention.value[:10])  # a real day, not a clamped or broken one


@settings(max_examples=150, deadline=None)
@given(st.lists(_PHRASES, min_size=1, max_size=6), st.one_of(st.none(), st.dates()))
def test_huge_numbers_in_date_phrases_never_raise(phrases: list[str], reference) -> None:
    text = " ".join(f"It happened {phrase}." for phrase in phrases)
    for mention in extract_dates(text, reference):
        _assert_on_the_calendar(mention, text)


@settings(max_examples=60, deadline=None)
@given(_NUMBERS, _NUMBERS, _NUMBERS, _PHRASES)
def test_datelines_and_metadata_lines_with_huge_numbers_never_raise(
    day: int, year: int, month: int, phrase: str
) -> None:
    for header in (
        f"date {year:04d}-{month:02d}-{day:02d}\nHeadline\n\n",
        f"Published: {day} December {year}\nHeadline\n\n",
        f"Headline\n\nLONDON, Dec {day}, {year} (Reuters) - ",
    ):
        text = header + f"The council met {phrase}. It voted on Tuesday.\n"
        result = brief.analyze(text, entities=False)
        assert result.published is None or plausible_date(result.published)
        for mention in result.dates:
            _assert_on_the_calendar(mention, text)


# ---- the wire-story sample -------------------------------------------------------------------------

_WIRE = Path(__file__).resolve().parents[1] / "sample_inputs" / "wire_lavrov.txt"
REF_WIRE = dt.date(2021, 10, 19)


@pytest.mark.skipif(not _WIRE.exists(), reason="sample_inputs/wire_lavrov.txt not present")
def test_wire_story_timeline() -> None:
    # Published Tuesday 2021-10-19 (its date line): what happened, and what is coming.
    found = {(m.text, m.value) for m in extract_dates(_WIRE.read_text(encoding="utf-8"), REF_WIRE)}
    assert {
        ("Tuesday", "2021-10-19"),  # "Lavrov said on Tuesday": the day of publication
        ("next month", "2021-11"),
        ("Monday", "2021-10-18"),  # "NATO officials said on Monday": the day before
        ("3 p.m. local time", "2021-10-20T15:00"),  # "at 3 p.m. local time on Wednesday"
        ("Oct. 1", "2021-10-01"),
        ("2014", "2014"),
        ("20 years", "P20Y"),
        ("every Monday", "XXXX-WXX-1"),
        ("this week", "2021-W42"),
        ("Wednesday", "2021-10-20"),  # "ministers will meet on Wednesday": the coming one
        ("Thursday", "2021-10-21"),  # "the EU, which is hosting talks on Thursday"
        ("March", "2021-03"),
        ("last year", "2020"),
        ("two years ago", "2019"),
        ("2004", "2004"),
    } <= found


# ---- corpus score ---------------------------------------------------------------------------------

_TIMEX = [DATA / "timex" / "timebank.jsonl", DATA / "timex" / "aquaint.jsonl"]


@pytest.mark.skipif(
    not all(p.exists() for p in _TIMEX), reason=f"TimeBank/AQUAINT not found under {DATA}/timex"
)
def test_scores_on_timebank_and_aquaint() -> None:
    from benchmarks.eval_dates import load, run, summarise

    results, seconds, size = run(load(_TIMEX))
    summary = summarise(results, seconds, size)
    overall = summary["overall"]
    # Measured 0.904 strict and 0.833 value F1; the floors leave a small margin.
    assert overall["strict"]["f"] >= 0.895, json.dumps(overall)
    assert overall["value"]["f"] >= 0.825, json.dumps(overall)


# ---- clock times on the 24-hour clock, and times without a reference ----------------------------


def test_four_digit_clock_times_with_a_zone() -> None:
    text = "Lyon v Nice\n\nStade Gerland\n\nTuesday, 2 November\n\n2000 GMT\n\nReferee: A Smith"
    found = values(text)
    # The time on its own line is not the year of the date above it.
    assert found == {"Tuesday, 2 November": "2021-11-02", "2000 GMT": "2021-11-02T20:00"}
    assert only("Shares were up 2% by 1030 GMT.").value == "2021-10-21T10:30"


def test_a_bare_clock_reading_needs_a_preposition() -> None:
    assert only("The van came back shortly before 8:00 and left.").value == "2021-10-21T08:00"
    assert only("The doors open at 9:30 for the public.").value == "2021-10-21T09:30"
    assert tag("Read John 3:16 in the hall.") == []
    assert tag("The vote was 12:10 against the plan.") == []


def test_times_without_a_reference_keep_the_day_the_text_gives() -> None:
    text = (
        "The alarm rang at 12:21 a.m. April 3. Staff locked up at 9:19 p.m. on Thursday. "
        "At 9:27 p.m., a van arrived."
    )
    # "at 9:19 p.m. on Thursday" is two expressions: the time on that Thursday, and Thursday.
    assert [m.value for m in tag(text, None)] == [
        "XXXX-04-03T00:21",
        "XXXX-WXX-4T21:19",
        "XXXX-WXX-4",
        "XXXX-WXX-4T21:27",
    ]


# ---- ranges and lists of days and months --------------------------------------------------------


def test_a_span_of_days_in_one_month_is_that_month() -> None:
    assert values("The fair runs 20-30 January in Leeds.") == {"20-30 January": "2022-01"}
    assert values("Hearings are planned for March 3-7.") == {"March 3-7": "2022-03"}
    assert values("It ran 3 to 7 March 1999.") == {"3 to 7 March 1999": "1999-03"}
    assert values("The fair runs 20-30 January.", None) == {"20-30 January": "XXXX-01"}


def test_a_list_of_days_gives_each_day() -> None:
    # TimeML style: "Nov. 9" and "10", the second borrowing the month and year of the first.
    assert [(m.text, m.value) for m in tag("They met on Nov. 9 and 10, aides said.")] == [
        ("Nov. 9", "2021-11-09"),
        ("10", "2021-11-10"),
    ]
    assert [(m.text, m.value) for m in tag("Polls open on 9 and 10 November 2004.")] == [
        ("9", "2004-11-09"),
        ("10 November 2004", "2004-11-10"),
    ]
    assert [m.value for m in tag("They met on Nov. 9 and 10.", None)] == [
        "XXXX-11-09",
        "XXXX-11-10",
    ]
    # A count after a date is no day.
    assert [m.text for m in tag("On Nov. 9 and 10 people were hurt.")] == ["Nov. 9"]


def test_two_months_share_the_year_written_once() -> None:
    assert values("He was active between March and October 2004.") == {
        "March": "2004-03",
        "October 2004": "2004-10",
    }
    assert values("The squad for the June-July tour will be named soon.") == {
        "June": "2022-06",
        "July": "2022-07",
    }


def test_the_attacks_named_after_their_day() -> None:
    assert only("Security tightened after the 11 September attacks.").value == "2001-09-11"
    assert only("It was delayed by the September 11 terrorist attacks.").value == "2001-09-11"
    # Any other 11 September is read as usual.
    assert only("The vote was held on 11 September.").value == "2021-09-11"


def test_a_participle_describing_a_noun_takes_the_tense_of_the_clause() -> None:
    text = "Tighter border checks will be part of government plans unveiled on Monday."
    assert only(text).value == "2021-10-25"
    text = "The firm is saving its new console, codenamed Xenon, for a show in May."
    assert only(text).value == "2022-05"
    # After its subject the participle is the verb.
    assert only("They unveiled the plans on Monday.").value == "2021-10-18"


def test_until_a_month_is_ahead() -> None:
    assert only("The chancellor froze fuel duty until September.").value == "2022-09"
    assert only("He had been in jail until September.").value == "2021-09"


# ---- seasons, sports seasons, whole years, nights and holiday weekends ----------------------------


def test_a_possessive_season_names_an_event_of_that_season() -> None:
    found = tag("The Lions will be strong opponents ahead of their summer tour.")
    assert [(m.text, m.value) for m in found] == [("summer", "2022-SU")]
    # A habit is not on the calendar.
    assert tag("He will judge how his winter training is going.") == []


def test_the_fall_after_a_preposition_is_autumn() -> None:
    assert values("Pupils go back to school in the fall.", None) == {"the fall": "XXXX-FA"}
    assert [m.text for m in tag("He wrote about the fall of the Berlin Wall.")] == []
    assert [m.text for m in tag("Analysts expect the fall in prices to stop.")] == []


def test_sports_seasons_are_years() -> None:
    january = dt.date(2005, 1, 15)
    assert values("She played few matches last season.", january) == {"last season": "2004"}
    assert values("She will need a wild card next season.", january) == {"next season": "2005"}
    assert values("She will need a wild card next season.") == {"next season": "2022"}
    assert tag("Fans mourned the last season of the show.") == []


def test_the_full_year_reported_early_in_the_year_is_last_year() -> None:
    january = dt.date(2005, 1, 15)
    text = "For the full-year, the firm posted a profit of $3bn."
    assert values(text, january) == {"the full-year": "2004"}
    assert values("It met all of our full-year objectives, he said.", january) == {
        "full-year": "2004"
    }
    # In the autumn a reported full (fiscal) year is this one; a forecast is this one too.
    assert values("Sales for the full year were $6bn.") == {"the full year": "2021"}
    assert values("It expects growth for the full year.", january) == {"the full year": "2005"}


def test_the_night_and_the_holiday_weekend_of_the_story() -> None:
    text = "Staff left at 9 p.m. on Thursday. The thieves spent the night in the vault."
    assert values(text, None)["the night"] == "XXXX-WXX-4TNI"
    assert values("Shops stay shut over the holiday weekend.", None) == {
        "the holiday weekend": "XXXX-WXX-WE"
    }
    text = "The pair checked in during August. They were found the following morning."
    assert values(text, None)["the following morning"] == "XXXX-08-XXTMO"


# ---- offsets, holidays, and a story's own time without a publication date ------------------------


def test_offsets_with_a_margin_and_in_so_much_time() -> None:
    assert only("The tax was brought in just over three years ago.").value == "2018"
    assert values("He will race again in two weeks' time.") == {"two weeks' time": "2021-W44"}
    assert values("He will race again in two weeks time.", None) == {"two weeks time": "XXXX-WXX"}


def test_more_holidays_and_their_weekends() -> None:
    assert only("They marched on International Women's Day.", None).value == "XXXX-03-08"
    # The New Year weekend just gone, in a story written in February.
    february = dt.date(2005, 2, 15)
    assert values("Trains were late over the New Year weekend.", february) == {
        "New Year weekend": "2004-W53-WE"
    }
    assert tag("She was knighted in the New Year Honours.") == []
    assert tag("Chinese New Year falls late this time.") == []


def test_a_movable_feast_without_a_year_takes_the_month_just_named() -> None:
    text = "The alarm rang at 12:21 a.m. April 3. Over the Easter holiday, thieves broke in."
    assert values(text, None)["Easter holiday"] == "XXXX-04"
    assert values("Over the Easter holiday, thieves broke in.", None) == {
        "Easter holiday": "XXXX-XX-XX"
    }


def test_a_story_without_a_date_keeps_its_own_time() -> None:
    text = (
        "Witnesses saw her there in December 1944. She is unlikely to have survived until "
        "March, because she was ill before February 7."
    )
    assert [(m.text, m.value) for m in tag(text, None)] == [
        ("December 1944", "1944-12"),
        ("March", "1945-03"),
        ("February 7", "1945-02-07"),
    ]
    # A bare year before is no such anchor: "in November" stays unknown.
    text = "She worked there between 2011 and 2013. She went home in November."
    assert values(text, None)["November"] == "XXXX-11"


def test_years_in_titles_are_names_but_headlines_keep_theirs() -> None:
    assert tag('The report, "Death Sentences and Executions 2014," was published.') == []
    assert tag("He presents Film 2005 on Mondays.")[0].text != "2005"
    text = "Its headline: Senator Mulls 2016 Run for President."
    assert values(text) == {"2016": "2016"}
    assert values("In 2014 the rules changed.") == {"2014": "2014"}


def test_the_three_months_to_a_quarter_end_are_that_quarter() -> None:
    january = dt.date(2005, 1, 15)
    text = "Profit jumped to $1bn for the three months to December, from $600m year-earlier."
    assert values(text, january)["year-earlier"] == "2003-Q4"


def test_a_time_before_on_and_a_date_takes_that_date() -> None:
    assert [(m.text, m.value) for m in tag("The firms have until midnight on 1 November.")] == [
        ("midnight", "2021-11-01T24:00"),
        ("1 November", "2021-11-01"),
    ]
    assert values("The euro traded at 2100GMT near a record.") == {"2100GMT": "2021-10-21T21:00"}


def test_the_new_year_is_a_holiday_only_as_a_weekend_or_break() -> None:
    assert tag("Sales usually pick up in the New Year.") == []
    assert values("Stations were shut for the New Year holiday.", dt.date(2005, 1, 15)) == {
        "New Year holiday": "2005-01-01"
    }


def test_lists_of_days_before_a_month() -> None:
    text = "Previews will be held on 14, 20 and 27 April."
    assert [m.value for m in tag(text)] == ["2022-04-14", "2022-04-20", "2022-04-27"]
    assert tag("He scored 14, 20 and 27 points.") == []
    assert only("The festivals, to be held on 26 August, sold out.").value == "2022-08-26"


def test_a_future_auxiliary_is_trusted_for_the_whole_coming_year() -> None:
    january = dt.date(2005, 1, 15)
    assert only("The laws are coming into force on 1 January.", january).value == "2006-01-01"
    assert only("The rules will come into force on 1 January.", january).value == "2006-01-01"
    # A weaker cue (a deadline) two weeks past is still the recent date.
    assert only("They had to repatriate the child by Jan. 14.", january).value == "2005-01-14"


def test_midnight_on_a_day_given_before_opens_that_day() -> None:
    text = "The shooting came on July 20, 2012. He had bought a ticket for the midnight showing."
    assert values(text, None)["midnight"] == "2012-07-20T00:00"
    # Attached to its day, midnight ends it (TimeML).
    assert values("The offer expires at midnight Friday.")["midnight Friday"] == "2021-10-22T24:00"


def test_a_fall_in_something_is_not_autumn() -> None:
    assert tag("Weaker exports were blamed for the fall.") == []
    assert values("The shop reopens in the fall.", None) == {"the fall": "XXXX-FA"}


def test_a_new_sentence_after_a_colon_is_no_title() -> None:
    assert values("He said: Well 1981 was a good year for him.")["1981"] == "1981"
    assert values("It airs from 1700 local time.") == {"1700 local time": "2021-10-21T17:00"}
