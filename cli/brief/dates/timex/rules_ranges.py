"""Rules for dates written as ranges and lists: "20-30 January", "March 3-7", "Nov. 9 and 10",
"9 and 10 November", "between March and October 2004", "the June-July tour".

A span of days inside one month ("3-7 March") is one expression whose value is that month, the
period that holds it, as the reader gold writes it; the words keep the exact days for whoever
shows it. A list of days ("Nov. 9 and 10") is two expressions, TimeML style: "Nov. 9" (the date
rules) and "10", which borrows its month and year from the date before it. The first month of a
pair written with one year ("March and October 2004") takes that year.
"""

from __future__ import annotations

import datetime as dt
import re

from .doc import Doc, Resolved, Rule, day_known
from .lexicon import DAYNUM_RE, MONTH_RE, MONTH_TOKENS, MONTHS, YEAR_RE
from .values import Point, clamp_day, year_for

_DASH = r"\s*(?:-|–|—|to|until|till|through)\s*"
# "20-30 January", "3 to 7 March 2005"
_DAYS_MONTH_RE = re.compile(
    rf"(?<![\w.,$/-])(?P<d1>{DAYNUM_RE}){_DASH}(?P<d2>{DAYNUM_RE})\s+(?:of\s+)?"
    rf"(?P<mon>{MONTH_RE})(?:,?[ \t]+(?P<year>{YEAR_RE}))?(?![\w])"
)
# "March 3-7", "Nov. 9 to 12, 2004"
_MONTH_DAYS_RE = re.compile(
    rf"(?<![\w])(?P<mon>{MONTH_RE})\s*(?P<d1>{DAYNUM_RE})\s*(?:-|–|—)\s*(?P<d2>{DAYNUM_RE})"
    rf"(?:,?[ \t]+(?P<year>{YEAR_RE}))?(?![\w])"
)
# "9" in "9 and 10 November", "14" and "20" in "14, 20 and 27 April": the first days of a list,
# whose month comes after the last one.
_LEADING_DAY_RE = re.compile(
    rf"(?<![\w.,$/-])(?P<day>{DAYNUM_RE})(?=(?:\s*,\s*{DAYNUM_RE})*\s*,?\s+(?:and|&|or)\s+"
    rf"{DAYNUM_RE}\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?:,?[ \t]+(?P<year>{YEAR_RE}))?(?![\w]))"
)
# "10" in "Nov. 9 and 10": a day after a date, the date's month.
_TRAILING_DAY_RE = re.compile(rf"(?<=\s)(?:and|&|or)\s+(?P<day>{DAYNUM_RE})(?![\w]|[.,:]\d)")
_DATE_BEFORE_RE = re.compile(rf"(?:{MONTH_RE})\s*{DAYNUM_RE}(?:,\s*{YEAR_RE})?\s+$")
_NOT_A_DAY_AFTER_RE = re.compile(
    r"\s*(?:%|per\s*cent|percent|million|billion|people|of|times|years?|months?|weeks?|days?)\b"
)
_DIGITS_RE = re.compile(r"\d+")


def _day(text: str) -> int:
    digits = _DIGITS_RE.match(text)
    return int(digits.group()) if digits else 0


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def _check_days(m: re.Match[str], doc: Doc) -> bool:
    if not doc.original(m, "mon")[:1].isupper() and doc.cased:
        return False
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    return 1 <= d1 < d2 <= 31


def resolve_days(m: re.Match[str], doc: Doc) -> Resolved:
    """A run of days in one month: the month, in the year given or the tense's."""
    month = _month(m)
    if m.group("year"):
        point = Point(dt.date(int(m.group("year")), month, 1), "month")
        return doc.date_value(point, "month", relative=False)
    if doc.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}", "month", True, "none")
    year = year_for(doc.ref, month, _day(m.group("d1")), doc.direction(m.start(), m.end()))
    return doc.date_value(Point(dt.date(year, month, 1), "month"), "month")


def _check_leading(m: re.Match[str], doc: Doc) -> bool:
    return doc.original(m, "mon")[:1].isupper() or not doc.cased


def resolve_leading(m: re.Match[str], doc: Doc) -> Resolved:
    """ "9" of "9 and 10 November": that month, in the year given or the tense's."""
    month, day = _month(m), _day(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    elif doc.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", "day", True, "none")
    else:
        year = year_for(doc.ref, month, day, doc.direction(m.start(), m.end()))
    point = Point(clamp_day(year, month, day), "day")
    relative = not m.group("year")
    return Resolved("DATE", point.day.isoformat(), "day", relative, "none", point)


def _check_trailing(m: re.Match[str], doc: Doc) -> bool:
    if not _DATE_BEFORE_RE.search(doc.low, max(0, m.start() - 30), m.start()):
        return False
    if _NOT_A_DAY_AFTER_RE.match(doc.low, m.end()):
        return False
    return 1 <= _day(m.group("day")) <= 31


def resolve_trailing(m: re.Match[str], doc: Doc) -> Resolved | None:
    """ "10" of "Nov. 9 and 10": the month and year of the date just read."""
    day = _day(m.group("day"))
    point = doc.last_point
    if point is not None and point.granularity == "day":
        moved = Point(clamp_day(point.day.year, point.day.month, day), "day")
        if moved.day.day != day:
            return None
        return Resolved(
            "DATE", moved.day.isoformat(), "day", True, "mention", moved, start=m.start("day")
        )
    if day_known(doc.last_day) and str(doc.last_day).count("-") == 2:
        month = str(doc.last_day).split("-")[1]
        if month.isdigit():
            return Resolved(
                "DATE", f"XXXX-{month}-{day:02d}", "day", True, "none", start=m.start("day")
            )
    return None


RULES: list[Rule] = [
    Rule("days_month", _DAYS_MONTH_RE, resolve_days, _check_days, MONTH_TOKENS, 30, 20),
    Rule("month_days", _MONTH_DAYS_RE, resolve_days, _check_days, MONTH_TOKENS, 5, 25),
    Rule("leading_day", _LEADING_DAY_RE, resolve_leading, _check_leading, MONTH_TOKENS, 30, 5),
    Rule("trailing_day", _TRAILING_DAY_RE, resolve_trailing, _check_trailing, MONTH_TOKENS, 5, 30),
]
