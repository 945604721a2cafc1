"""The timeline a reader sees (issue #15): every TIMEX3 value written for people, ranges kept whole,
one row per date with its mentions grouped, calendar dates in time order, durations and recurrences
apart, vague references left out, no raw TIMEX3 code in any human view, and article text that
never drives the terminal. Articles here are short ones written for these tests."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brief
from brief.dates.labels import calendar_span, label, range_label
from brief.render import print_dates_table, print_rich, render, timeline_rows

from .helpers import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
PUBLISHED = "2021-10-19"  # a Tuesday
# What no reader should see: ISO dates, weeks, seasons, quarters, halves, durations, references,
# unknown parts, times of day. (Decades and centuries, "196" and "19", are checked by column.)
TIMEX_CODE_RE = re.compile(
    r"\b\d{4}-(?:\d\d|W\d\d?|Q\d|H\d|SU|SP|FA|WI)\b|\bP(?:T)?(?:\d+(?:\.\d+)?|X)"
    r"(?:DE|CE|ML|WE|[YMWDHSQXECL])\b|_REF\b|XX|\bT\d\d:\d\d|\bT(?:MO|AF|EV|NI|MI|DT)\b"
)
BARE_NUMBER_RE = re.compile(r"^\d{2,3}$")  # a decade or century code as a whole cell


# -- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        ("DATE", "2021-10-19", "Tue 19 Oct 2021"),
        ("DATE", "2021-W42", "week of 18 Oct 2021"),
        ("DATE", "2021-W42-WE", "weekend of 23–24 Oct 2021"),
        ("DATE", "2021-10", "Oct 2021"),
        ("DATE", "2021", "2021"),
        ("DATE", "2021-SU", "summer 2021"),
        ("DATE", "2021-FA", "autumn 2021"),
        ("DATE", "2021-WI", "winter 2021–22"),
        ("DATE", "2004-Q3", "Q3 2004"),
        ("DATE", "2021-H1", "first half of 2021"),
        ("DATE", "196", "the 1960s"),
        ("DATE", "19", "the 20th century"),
        ("DATE", "20", "the 21st century"),
        ("DATE", "199X", "the 1990s"),
        ("TIME", "2021-10-20T15:00", "3 p.m. Wed 20 Oct 2021"),
        ("TIME", "2021-10-20T09:30", "9:30 a.m. Wed 20 Oct 2021"),
        ("TIME", "2021-10-20T12:00", "noon Wed 20 Oct 2021"),
        ("TIME", "2021-10-20T24:00", "midnight Wed 20 Oct 2021"),
        ("TIME", "2021-10-20TMO", "morning of Wed 20 Oct 2021"),
        ("DURATION", "P20Y", "for 20 years"),
        ("DURATION", "P1Y", "for a year"),
        ("DURATION", "PT1H", "for an hour"),
        ("DURATION", "P2Y6M", "for 2 years and 6 months"),
        ("DURATION", "PT5M", "for 5 minutes"),
        ("DURATION", "PXDE", "for decades"),
        ("DURATION", "PXY", "for years"),
        ("DURATION", "P100Y", "for a century"),
        ("DURATION", "P2000Y", "for 2,000 years"),
        ("SET", "XXXX-WXX-1", "every Monday"),
        ("SET", "P1D", "every day"),
        ("SET", "P2W", "every 2 weeks"),
        ("SET", "XXXX-07", "every July"),
        ("SET", "XXXX-XX-XXTNI", "every night"),
        ("SET", "XXXX-WXX-2TEV", "every Tuesday evening"),
        ("SET", "XXXX-XX-XXT15:00", "every day at 3 p.m."),
        # Unknown parts, said as a reader would.
        ("DATE", "XXXX-WXX-2", "a Tuesday"),
        ("DATE", "XXXX-03", "March, year unknown"),
        ("DATE", "XXXX-10-19", "19 Oct, year unknown"),
        ("DATE", "XXXX-SU", "summer, year unknown"),
        ("DATE", "XXXX-Q3", "Q3, year unknown"),
        ("DATE", "XXXX-WXX", "week unknown"),
        ("DATE", "XXXX", "year unknown"),
        ("DATE", "XXX", "decade unknown"),
        ("TIME", "XXXX-XX-XXT02:00", "2 a.m., day unknown"),
        ("TIME", "XXXX-WXX-3TAF", "a Wednesday afternoon"),
        ("DATE", "PRESENT_REF", "now"),
        ("DATE", "PAST_REF", "the past"),
        ("DATE", "FUTURE_REF", "the future"),
        # A value of the wrong type is read as what it looks like; nonsense gets a plain word.
        ("DURATION", "1997", "1997"),
        ("DATE", "P1W", "for a week"),
        ("DATE", "2021-02-30", "a date"),
        ("SET", "not a value", "regularly"),
    ],
)
def test_every_value_is_written_for_people(type_: str, value: str, expected: str) -> None:
    assert label(type_, value) == expected


_YEAR = st.one_of(st.integers(1000, 2999).map(str), st.just("XXXX"))
_TWO = st.one_of(st.integers(0, 99).map(lambda n: f"{n:02d}"), st.just("XX"))
_AMOUNT = st.one_of(st.integers(0, 5000).map(str), st.just("X"), st.just("1.5"))
_UNIT = st.sampled_from(["Y", "M", "W", "D", "DE", "CE", "ML", "WE", "Q", "X", "E", "C", "L"])
_TIME = st.one_of(
    st.just(""),
    st.builds(lambda h, m: f"T{h}:{m}", _TWO, _TWO),
    st.sampled_from(["TMO", "TAF", "TEV", "TNI", "TMI", "TDT", "T15:00Z", "T15:00:30"]),
)
TIMEX_VALUES = st.one_of(
    st.builds(lambda y, m, d, t: f"{y}-{m}-{d}{t}", _YEAR, _TWO, _TWO, _TIME),
    st.builds(lambda y, w, s: f"{y}-W{w}{s}", _YEAR, _TWO, st.sampled_from(["", "-WE", "-3"])),
    st.builds(lambda y, m: f"{y}-{m}", _YEAR, _TWO),
    st.builds(
        lambda y, s: f"{y}-{s}", _YEAR, st.sampled_from(["SP", "SU", "FA", "WI", "Q2", "H1", "QX"])
    ),
    _YEAR,
    st.from_regex(r"\A[0-9X]{2,4}\Z"),
    st.builds(lambda a, u: f"P{a}{u}", _AMOUNT, _UNIT),
    st.builds(lambda a, u: f"PT{a}{u}", _AMOUNT, st.sampled_from(["H", "M", "S"])),
    st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF", "XXXX-WXX-1", "XXXX-XX-XXTNI"]),
    st.text(max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["DATE", "TIME", "DURATION", "SET"]), TIMEX_VALUES)
def test_no_value_becomes_a_code_or_an_error(type_: str, value: str) -> None:
    written = label(type_, value)
    assert written and not TIMEX_CODE_RE.search(written), (value, written)
    assert not BARE_NUMBER_RE.match(written), (value, written)
    span = calendar_span(value)
    assert span is None or span[0] <= span[1]


def test_calendar_spans_put_dates_in_time_order() -> None:
    def by_start_widest_first(value: str) -> tuple:
        start, end = calendar_span(value)  # type: ignore[misc]
        return start, start - end

    values = ["2021", "196", "2021-SU", "2021-10-19", "2021-W42", "2021-10-20T15:00", "2021-11"]
    ordered = sorted(values, key=by_start_widest_first)
    assert ordered == [
        "196",
        "2021",
        "2021-SU",
        "2021-W42",
        "2021-10-19",
        "2021-10-20T15:00",
        "2021-11",
    ]
    assert calendar_span("XXXX-03") is None and calendar_span("PAST_REF") is None


@pytest.mark.parametrize(
    ("first", "last", "kind", "expected"),
    [
        ("2022-03-03", "2022-03-07", "range", "3–7 Mar 2022"),
        ("2021-11-09", "2021-11-10", "pair", "9 and 10 Nov 2021"),
        ("2021-10-30", "2021-11-02", "range", "30 Oct – 2 Nov 2021"),
        ("2021-12-30", "2022-01-02", "range", "30 Dec 2021 – 2 Jan 2022"),
        ("2001", "2004", "range", "2001–2004"),
        ("2021-03", "2021-05", "range", "Mar–May 2021"),
        ("2004-Q1", "2004-Q3", "range", "Q1–Q3 2004"),
        ("197", "198", "range", "the 1970s–1980s"),
        ("XXXX-03-03", "XXXX-03-07", "range", "3–7 Mar, year unknown"),
        ("2021-10-19T09:00", "2021-10-19T17:00", "range", "9 a.m.–5 p.m. Tue 19 Oct 2021"),
        ("2021-W42", "2021-W44", "range", "week of 18 Oct 2021 – week of 1 Nov 2021"),
    ],
)
def test_ranges_are_written_whole(first: str, last: str, kind: str, expected: str) -> None:
    assert range_label(first, last, kind) == expected


# -- ranges in text -------------------------------------------------------------------------------

RANGES = """Harbour works timetable

The harbour festival will run 3-7 March. Inspectors visited the port on Nov. 9 and 10, 2020. \
The old pier was rebuilt from 2001 to 2004. Traffic doubled between 1971 and 2001. Storms hit \
the coast in 2006 and 2008. The vote was postponed from June to August. On Oct. 4 and 10 people \
were hurt in a crash on the quay. Divers will search the wreck from 12 to 14 January.
"""


def _ranges(made: brief.Brief) -> dict[str, dict]:
    return {d["range"]["text"]: d["range"] for d in made.to_dict()["dates"] if d["range"]}


def test_ranges_the_text_makes_are_kept_whole() -> None:
    made = brief.analyze(RANGES, published=PUBLISHED)
    found = _ranges(made)
    assert {text: (r["label"], r["kind"]) for text, r in found.items()} == {
        "3-7 March": ("3–7 Mar 2022", "range"),
        "Nov. 9 and 10, 2020": ("9 and 10 Nov 2020", "pair"),
        "2001 to 2004": ("2001–2004", "range"),
        "1971 and 2001": ("1971–2001", "range"),  # "between ... and": a range
        "12 to 14 January": ("12–14 Jan 2022", "range"),
    }
    for r in found.values():
        assert RANGES[r["start"] : r["end"]] == r["text"]
    # Each range is one row; the dates inside it do not get rows of their own.
    rows = [row.label for row in timeline_rows(made.to_dict())[0]]
    assert rows.count("2001–2004") == 1 and "2004" not in rows and "Mon 7 Mar 2022" not in rows


def test_dates_that_are_not_a_range_stay_apart() -> None:
    made = brief.analyze(RANGES, published=PUBLISHED)
    apart = {d["text"] for d in made.to_dict()["dates"] if d["range"] is None}
    assert {"2006", "2008"} <= apart  # "in 2006 and 2008": two dates
    assert {"June", "August"} <= apart  # "postponed from June to August": a move, not a stretch
    assert "Oct. 4" in apart  # "Oct. 4 and 10 people": a count follows, not a day
    backwards = brief.analyze("Prices fell from 2004 to 2001 levels.\n", published=PUBLISHED)
    assert all(d["range"] is None for d in backwards.to_dict()["dates"])


# -- the timeline a reader sees -------------------------------------------------------------------

FERRY = """Ferry strike to end next month

The ferry strike began on Monday. Crews walked out this week after talks failed this week. Unions \
said this week that a deal was close. This week the company wrote to every passenger. Now the \
government wants a deal, and recently it offered more money. The strike has lasted for two weeks. \
Boats leave every Monday. The harbour opened in the 1960s and was rebuilt in the summer of 2019. \
The ferry will resume service at 3 p.m. Wednesday. In the 1960s the port was busier.

Read more: Harbour strikes of 2015
"""


def _text_timeline(made: brief.Brief) -> list[str]:
    view = render(made, "text")
    return view.split("\nTimeline\n", 1)[1].splitlines()


def test_one_row_per_date_with_its_mentions_grouped() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    lines = _text_timeline(made)
    week = [line for line in lines if line.startswith("  week of 18 Oct 2021 ")]
    assert len(week) == 1 and "this week ×4 — " in week[0]  # "This week" counts too
    sixties = [line for line in lines if line.startswith("  the 1960s ")]
    assert len(sixties) == 1 and "the 1960s ×2" in sixties[0]


def test_calendar_dates_come_first_in_time_order_then_durations_and_recurrences() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    lines = _text_timeline(made)
    labels = [line[2:].split("  ")[0] for line in lines]
    heading = labels.index("How long, how often")
    assert labels[:heading] == [
        "the 1960s",
        "2015",
        "summer 2019",
        "week of 18 Oct 2021",
        "Mon 18 Oct 2021",
        "3 p.m. Wed 20 Oct 2021",
        "Nov 2021",
    ]
    assert labels[heading + 1 :] == ["for 2 weeks", "every Monday"]


def test_vague_references_are_left_out_of_the_human_views_but_kept_in_the_json() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    values = {d["value"]: d["label"] for d in made.to_dict()["dates"]}
    assert values["PRESENT_REF"] == "now" and values["PAST_REF"] == "the past"
    text = "\n".join(_text_timeline(made))
    assert "Now" not in text and "recently" not in text and "the past" not in text
    markdown = render(made, "markdown")
    assert "| now |" not in markdown and "recently" not in markdown.split("## Timeline")[1]


def test_a_date_in_no_sentence_quotes_its_line() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    headline = next(d for d in made.dates if d.text == "next month")
    link = next(d for d in made.dates if d.text == "2015")
    assert headline.sentence_index is None and link.sentence_index is None
    lines = _text_timeline(made)
    assert any(line.endswith("next month — Ferry strike to end next month") for line in lines)
    assert any(line.endswith("2015 — Read more: Harbour strikes of 2015") for line in lines)
    markdown = render(made, "markdown")
    assert "| Nov 2021 | next month | Ferry strike to end next month |" in markdown


def test_a_date_in_a_sentence_is_quoted_from_the_sentence_not_the_headline() -> None:
    article = "Vote on Oct. 25\n\nThe council votes on Oct. 25 on the harbour plan.\n"
    made = brief.analyze(article, published=PUBLISHED)
    (row,) = timeline_rows(made.to_dict())[0]
    assert row.said_as() == "Oct. 25 ×2"
    assert _text_timeline(made)[0].endswith("— The council votes on Oct. 25 on the harbour plan.")


def test_json_keeps_every_mention_with_its_value_and_adds_the_label() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    data = made.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == "1.3"
    assert len([d for d in data["dates"] if d["value"] == "2021-W42"]) == 4
    assert all(d["label"] for d in data["dates"])
    ranged = brief.analyze(RANGES, published=PUBLISHED).to_dict()
    jsonschema.validate(ranged, SCHEMA)


def test_the_views_agree_on_rows() -> None:
    made = brief.analyze(FERRY, published=PUBLISHED)
    dates, durations = timeline_rows(made.to_dict())
    markdown = render(made, "markdown")
    for row in dates + durations:
        assert f"| {row.label} | {row.said_as()} |" in markdown
    rich = _rich(made)
    assert all(row.label in rich for row in dates + durations)
    assert "How long, how often" in rich


# -- no code, no escape ---------------------------------------------------------------------------


def _rich(made: brief.Brief, dates_table: bool = False) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=False, color_system=None)
    (print_dates_table if dates_table else print_rich)(made, console)
    return out.getvalue()


def _when_cells(view: str) -> list[str]:
    """The first column of every table row and text timeline row."""
    cells = [line.split("│")[1].strip() for line in view.splitlines() if line.startswith("│")]
    cells += [line.split("|")[1].strip() for line in view.splitlines() if line.startswith("| ")]
    if "\nTimeline\n" in view:
        cells += [line[2:].split("  ")[0] for line in view.split("\nTimeline\n")[1].splitlines()]
    return cells


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if p.is_file()))
def test_no_timex_code_in_any_human_view_of_a_sample(sample: str) -> None:
    made = brief.analyze_file(SAMPLES / sample)
    views = {
        "text": render(made, "text"),
        "markdown": render(made, "markdown"),
        "rich": _rich(made),
        "dates table": _rich(made, dates_table=True),
    }
    for name, view in views.items():
        codes = TIMEX_CODE_RE.findall(view)
        assert not codes, (name, codes)
        bare = [cell for cell in _when_cells(view) if BARE_NUMBER_RE.match(cell)]
        assert not bare, (name, bare)


def test_the_three_minute_sample_timeline_takes_half_the_rows_it_took() -> None:
    from benchmarks.timeline_rows import measure

    wire = measure(SAMPLES / "wire_lavrov.txt")
    assert wire["minutes"] == 3
    assert wire["rows_after"] * 2 <= wire["rows_before"] and wire["codes_shown"] == []


HOSTILE = """Storm warning for Tuesday\x1b]0;pwned\x07

The storm reaches [bold red]Portmere[/] on Tuesday.\x1b[2J Ferries stop \u202eevery Monday.
"""


def test_article_text_in_the_timeline_never_drives_the_terminal() -> None:
    made = brief.analyze(HOSTILE, published=PUBLISHED)
    for view in (render(made, "text"), render(made, "markdown")):
        timeline = view.split("Timeline", 1)[1]
        assert "\x1b" not in timeline and "\u202e" not in timeline
        assert "\\x1b[2J" in timeline and "\\u202e" in timeline
    for dates_table in (False, True):
        rich = _rich(made, dates_table)
        assert "\x1b" not in rich and "\u202e" not in rich
        assert "[bold red]Portmere[/]" in rich  # shown as written, never read as markup
