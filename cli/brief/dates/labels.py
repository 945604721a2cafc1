"""Dates written for people: a TIMEX3 type and value as a reader would say it.

``label("DATE", "2021-10-19")`` is "Tue 19 Oct 2021"; "2021-W42" is "week of 18 Oct 2021", "2021-SU"
"summer 2021", "196" "the 1960s", "P20Y" "for 20 years", "XXXX-WXX-1" (a SET) "every Monday",
"2021-10-20T15:00" "3 p.m. Wed 20 Oct 2021", and a value with unknown parts says what is unknown
("a Tuesday", "March, year unknown"). ``range_label`` writes two dates a text joins ("3–7 Mar 2022",
"9 and 10 Nov 2021") and ``calendar_span`` gives the stretch of time a resolved value covers, for
putting a timeline in order. Everything here is a pure function of TIMEX3 strings; a value of a shape
brief does not know falls back to a plain word for its type ("a date"), never to the code itself,
because the human views print these labels and must not show raw TIMEX3.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["calendar_span", "label", "range_label"]

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
# TIMEX3 seasons as months of the year they are named by (winter 2021 = Dec 2021 to Feb 2022).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PARTS_OF_DAY = {
    "MO": "morning of",
    "AF": "afternoon of",
    "EV": "evening of",
    "NI": "night of",
    "MI": "midday",
    "DT": "daytime",
}
_PART_WORDS = {
    "MO": "morning",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "MI": "midday",
    "DT": "daytime",
}
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
# What a value of a shape brief does not know is called: never the code itself.
FALLBACK = {"DATE": "a date", "TIME": "a time", "DURATION": "a while", "SET": "regularly"}

# Duration units: TIMEX3 letter -> (singular, plural).
_UNITS = {
    "Y": ("year", "years"),
    "M": ("month", "months"),
    "W": ("week", "weeks"),
    "D": ("day", "days"),
    "DE": ("decade", "decades"),
    "CE": ("century", "centuries"),
    "ML": ("millennium", "millennia"),
    "E": ("decade", "decades"),  # E, C and L: the older TimeML letters for DE, CE and ML
    "C": ("century", "centuries"),
    "L": ("millennium", "millennia"),
    "WE": ("weekend", "weekends"),
    "Q": ("quarter", "quarters"),
    "H": ("hour", "hours"),
    "TM": ("minute", "minutes"),  # M after the T: minutes, not months
    "S": ("second", "seconds"),
}
_DURATION_RE = re.compile(
    r"P(?P<date>(?:(?:\d+(?:\.\d+)?|X)(?:DE|CE|ML|WE|Y|M|W|D|Q|X|E|C|L))*)"
    r"(?:T(?P<time>(?:(?:\d+(?:\.\d+)?|X)[HMS])+))?"
)
_PART_RE = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|ML|WE|Y|M|W|D|Q|X|H|S|E|C|L)")

_TIME_RE = re.compile(
    r"T(?:(?P<h>\d\d)(?::(?P<m>\d\d)(?::(?P<s>\d\d(?:\.\d+)?))?)?|(?P<part>MO|AF|EV|NI|MI|DT))"
    r"(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?"
)
_DATE_RES = (
    (
        "day",
        re.compile(r"(?P<y>\d{4}|XXXX)-(?P<mo>0[1-9]|1[0-2]|XX)-(?P<d>0[1-9]|[12]\d|3[01]|XX)"),
    ),
    ("weekday", re.compile(r"(?P<y>\d{4}|XXXX)-W(?P<w>\d\d?|XX)-(?P<wd>[1-7])")),
    ("weekend", re.compile(r"(?P<y>\d{4}|XXXX)-W(?P<w>\d\d?|XX)-WE")),
    ("week", re.compile(r"(?P<y>\d{4}|XXXX)-W(?P<w>\d\d?|XX)")),
    ("month", re.compile(r"(?P<y>\d{4}|XXXX)-(?P<mo>0[1-9]|1[0-2]|XX)")),
    ("season", re.compile(r"(?P<y>\d{4}|XXXX)-(?P<season>SP|SU|FA|WI)")),
    ("quarter", re.compile(r"(?P<y>\d{4}|XXXX)-Q(?P<q>[1-4X])")),
    ("half", re.compile(r"(?P<y>\d{4}|XXXX)-H(?P<h>[12X])")),
    ("year", re.compile(r"(?P<y>\d{4}|XXXX|\d\d[\dX]X)")),  # 199X, 19XX: a decade, a century
    ("decade", re.compile(r"(?P<de>\d{3}|XXX)")),
    ("century", re.compile(r"(?P<ce>\d\d|XX)")),
)


def label(type_: str, value: str) -> str:
    """``value`` (a TIMEX3 value of type ``type_``: DATE, TIME, DURATION or SET) for a reader. A
    value that does not fit its type (a DURATION "1997", a DATE "P1W", as hand annotation has them)
    is read as what it looks like."""
    if value in REFERENCES:
        return REFERENCES[value]
    readers = [_as_set] if type_ == "SET" else []
    readers += [_as_duration, _point] if type_ == "DURATION" else [_point, _as_duration]
    for read in readers:
        try:
            written = read(value)
        except (ValueError, OverflowError):  # a date off the calendar (week 54, 30 Feb)
            written = None
        if written:
            return written
    return FALLBACK.get(type_, "a date")


def _as_duration(value: str) -> str | None:
    written = _duration(value)
    return f"for {written}" if written else None


def _as_set(value: str) -> str | None:
    return _set(value)


def range_label(first: str, last: str, joiner: str = "range") -> str:
    """Two dates joined: ``joiner`` "range" for a span ("3–7 Mar 2022", "2001–2004",
    "30 Oct – 2 Nov 2021"), "pair" for two dates said together ("9 and 10 Nov 2021")."""
    link = "–" if joiner == "range" else " and "
    a, b = _parse_point(first), _parse_point(last)
    short = _short_range(a, b, link) if a and b and a[0] == b[0] else None
    if short:
        return short
    return f"{label('DATE', first)}{_spaced(link)}{label('DATE', last)}"


def _short_range(
    a: tuple[str, dict[str, Any]], b: tuple[str, dict[str, Any]], link: str
) -> str | None:
    """The shortest form of two dates of one kind, where there is one: "Mar–May 2021"."""
    kind, p, q = a[0], a[1], b[1]
    if p["time"] or q["time"]:
        same_day = all(p.get(k) == q.get(k) for k in ("y", "mo", "d", "w", "wd"))
        if kind in ("day", "weekday") and same_day and p["time"]["h"] and q["time"]["h"]:
            clocks = f"{_clock(p['time'])}{link}{_clock(q['time'])}"  # "9 a.m.–5 p.m. Tue 19 Oct"
            day = _date(kind, p) or ""
            return f"{clocks} on {day}" if day.startswith("a ") else f"{clocks} {day}"
        return None
    if kind == "day":
        return _day_pair(p, q, link)
    same_year = p.get("y") == q.get("y") and "X" not in (p.get("y") or "X")
    if kind == "month" and same_year and "X" not in p["mo"] + q["mo"]:
        return f"{_month(p['mo'])}{link}{_month(q['mo'])} {p['y']}"
    if kind == "quarter" and same_year and "X" not in p["q"] + q["q"]:
        return f"Q{p['q']}{link}Q{q['q']} {p['y']}"
    if kind == "year" and "X" not in p["y"] + q["y"]:
        return f"{p['y']}{link}{q['y']}"
    if kind == "decade" and "X" not in p["de"] + q["de"]:
        return f"the {p['de']}0s{link}{q['de']}0s"
    return None


def calendar_span(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    """The first and last moment of a fully resolved DATE or TIME value (2021-W42: Monday 18 Oct
    00:00 to Sunday 24 Oct 23:59:59), for ordering a timeline; None when any part is unknown."""
    if "X" in value:
        return None
    parsed = _parse_point(value)
    if parsed is None:
        return None
    kind, parts = parsed
    try:
        first, last = _date_span(kind, parts)
    except (ValueError, OverflowError):
        return None
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last, dt.time(23, 59, 59))
    time = parts["time"]
    if time and time["h"] is not None:
        hour = min(int(time["h"]), 23)  # TIMEX3 writes midnight at the end of a day as T24:00
        start = start.replace(hour=hour, minute=min(int(time["m"] or 0), 59))
        end = start
    elif time and time["part"]:
        hours = {"MO": (6, 11), "AF": (12, 17), "EV": (18, 21), "NI": (21, 23), "MI": (11, 13)}
        begin, finish = hours.get(time["part"], (6, 20))
        start, end = start.replace(hour=begin), start.replace(hour=finish, minute=59)
    return start, end


# -- points on the calendar -----------------------------------------------------------------------


def _parse_point(value: str) -> tuple[str, dict[str, Any]] | None:
    """(kind, parts) of a DATE or TIME value: kind "day", "week", "month", ...; parts the regex
    groups plus ``time`` (the groups of a time of day, or None)."""
    date_part, sep, time_part = value.partition("T")
    time = None
    if sep:
        matched = _TIME_RE.fullmatch("T" + time_part)
        if matched is None:
            return None
        time = matched.groupdict()
    for kind, pattern in _DATE_RES:
        found = pattern.fullmatch(date_part)
        if found:
            parts: dict[str, Any] = {**found.groupdict(), "time": time}
            return kind, parts
    return None


def _point(value: str) -> str | None:
    parsed = _parse_point(value)
    if parsed is None:
        return None
    kind, parts = parsed
    time = parts["time"]
    if time:
        return _with_time(kind, parts, time)
    return _date(kind, parts)


def _date(kind: str, p: dict[str, Any]) -> str | None:
    year: str = p.get("y") or ""  # decades and centuries have none
    known_year = year not in ("", "XXXX")
    if kind == "day":
        return _day(p)
    if kind == "weekday":
        if p["w"] == "XX" or not known_year:
            return f"a {WEEKDAY_NAMES[int(p['wd']) - 1]}"
        return _day_of(dt.date.fromisocalendar(int(year), int(p["w"]), int(p["wd"])))
    if kind in ("week", "weekend"):
        if p["w"] == "XX":
            return f"a {kind} in {year}" if known_year else f"{kind} unknown"
        monday = dt.date.fromisocalendar(int(year), int(p["w"]), 1)
        if kind == "week":
            return f"week of {_day_month_year(monday)}"
        saturday = monday + dt.timedelta(days=5)
        return f"weekend of {_day_pair_dates(saturday, saturday + dt.timedelta(days=1), '–')}"
    if kind == "month":
        if p["mo"] == "XX":
            return f"a month in {year}" if known_year else "month unknown"
        if not known_year:
            return f"{_month_name(p['mo'])}, year unknown"
        return f"{_month(p['mo'])} {year}"
    if kind == "season":
        name = SEASON_NAMES[p["season"]]
        if not known_year:
            return f"{name}, year unknown"
        if p["season"] == "WI":
            return f"winter {year}–{(int(year) + 1) % 100:02d}"
        return f"{name} {year}"
    if kind == "quarter":
        quarter = "a quarter" if p["q"] == "X" else f"Q{p['q']}"
        return f"{quarter} {year}" if known_year else f"{quarter}, year unknown"
    if kind == "half":
        half = {"1": "first half", "2": "second half", "X": "a half"}[p["h"]]
        return f"{half} of {year}" if known_year else f"{half}, year unknown"
    if kind == "year":
        if year == "XXXX":
            return "year unknown"
        if year.endswith("XX"):
            return f"the {year[:2]}00s"
        if year.endswith("X"):
            return f"the {year[:3]}0s"
        return year
    if kind == "decade":
        return "decade unknown" if p["de"] == "XXX" else f"the {p['de']}0s"
    if kind == "century":
        return "century unknown" if p["ce"] == "XX" else f"the {_ordinal(int(p['ce']) + 1)} century"
    return None


def _day(p: dict[str, Any]) -> str:
    year, month, day = p["y"], p["mo"], p["d"]
    if month == "XX":
        if year == "XXXX":
            return "day unknown"
        return f"a day in {year}"
    if day == "XX":
        return f"a day in {_month(month)} {year}" if year != "XXXX" else f"a day in {_month(month)}"
    if year == "XXXX":
        return f"{int(day)} {_month(month)}, year unknown"
    return _day_of(dt.date(int(year), int(month), int(day)))


def _with_time(kind: str, p: dict[str, Any], time: dict[str, Any]) -> str | None:
    if kind not in ("day", "weekday"):
        return None
    if kind == "day" and p["mo"] == "XX" == p["d"] and p["y"] == "XXXX":
        day = None
    else:
        day = _date(kind, p)
    if time["part"]:
        word = _PART_WORDS[time["part"]]
        if day is None:
            return f"{word}, day unknown"
        if day.startswith("a "):  # "a Wednesday" -> "a Wednesday afternoon"
            return f"{day} {word}"
        return f"{PARTS_OF_DAY[time['part']]} {day}"
    clock = _clock(time)
    if day is None:
        return f"{clock}, day unknown"
    return f"{clock} on {day}" if day.startswith("a ") else f"{clock} {day}"


def _clock(time: dict[str, Any]) -> str:
    """ "3 p.m.", "3:30 p.m.", "noon", "midnight", with a zone when the value has one."""
    hour, minute = int(time["h"]), int(time["m"] or 0)
    seconds = time["s"]
    if minute == 0 and not seconds and hour in (0, 24):
        text = "midnight"
    elif minute == 0 and not seconds and hour == 12:
        text = "noon"
    else:
        suffix = "a.m." if hour % 24 < 12 else "p.m."
        twelve = hour % 12 or 12
        shown = f"{twelve}" if minute == 0 and not seconds else f"{twelve}:{minute:02d}"
        if seconds and float(seconds):
            shown += f":{int(float(seconds)):02d}"
        text = f"{shown} {suffix}"
    zone = time["zone"]
    if zone:
        text += " UTC" if zone == "Z" else f" (UTC{zone})"
    return text


def _date_span(kind: str, p: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """First and last day of a resolved point (no X in it)."""
    if kind == "day":
        day = dt.date(int(p["y"]), int(p["mo"]), int(p["d"]))
        return day, day
    if kind == "weekday":
        day = dt.date.fromisocalendar(int(p["y"]), int(p["w"]), int(p["wd"]))
        return day, day
    if kind in ("week", "weekend"):
        monday = dt.date.fromisocalendar(int(p["y"]), int(p["w"]), 1)
        return (
            monday + dt.timedelta(days=5) if kind == "weekend" else monday
        ), monday + dt.timedelta(days=6)
    year = int(p.get("y") or 0)  # decades and centuries have none
    if kind == "month":
        return _months(year, int(p["mo"]), int(p["mo"]))
    if kind == "season":
        first, last = _SEASON_MONTHS[p["season"]]
        return _months(year, first, last)
    if kind == "quarter":
        q = int(p["q"])
        return _months(year, 3 * q - 2, 3 * q)
    if kind == "half":
        h = int(p["h"])
        return _months(year, 6 * h - 5, 6 * h)
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "decade":
        start = int(p["de"]) * 10
        return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
    start = int(p["ce"]) * 100
    return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """First day of month ``first`` to last day of month ``last`` of ``year`` (months past 12 run
    into the next year, as winter does)."""
    begin = dt.date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    after = dt.date(year + last // 12, last % 12 + 1, 1)
    return begin, after - dt.timedelta(days=1)


# -- durations and recurrences --------------------------------------------------------------------


def _duration(value: str) -> str | None:
    """ "20 years", "2 years and 6 months", "decades", "an hour": a duration without its "for"."""
    parts = _duration_parts(value)
    if not parts:
        return None
    words = [_amount(amount, unit) for amount, unit in parts]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _duration_parts(value: str) -> list[tuple[str, str]] | None:
    """[(amount, unit key)] of a TIMEX3 duration ("P2Y6M" -> [("2", "Y"), ("6", "M")])."""
    found = _DURATION_RE.fullmatch(value)
    if found is None or not (found["date"] or found["time"]):
        return None
    parts = [(a, u) for a, u in _PART_RE.findall(found["date"] or "")]
    parts += [(a, "TM" if u == "M" else u) for a, u in _PART_RE.findall(found["time"] or "")]
    return parts


def _amount(amount: str, unit: str) -> str:
    if unit == "X":
        return "some time"
    one, many = _UNITS[unit]
    if amount == "X":
        return many
    number = float(amount)
    if unit == "Y" and number == 100:
        return "a century"  # the tagger writes "a century" as 100 years
    if number == 1:
        return ("an " if one == "hour" else "a ") + one
    shown = f"{int(number):,}" if number.is_integer() else f"{number:g}"
    return f"{shown} {many}"


def _set(value: str) -> str | None:
    """ "every Monday", "every 2 weeks", "every day at 3 p.m.": a recurrence."""
    parts = _duration_parts(value) if value.startswith("P") else None
    if parts is not None:
        if len(parts) != 1:
            return None
        amount, unit = parts[0]
        if unit == "X":
            return None
        one, many = _UNITS[unit]
        if amount == "X":
            return f"every few {many}"
        number = float(amount)
        if number == 1:
            return f"every {one}"
        return f"every {_amount(amount, unit)}"
    parsed = _parse_point(value)
    if parsed is None:
        return None
    kind, p = parsed
    if p.get("y") not in (None, "XXXX"):
        return None  # a recurrence within one year: not a shape brief writes
    time = p["time"]
    if kind == "weekday":
        what = WEEKDAY_NAMES[int(p["wd"]) - 1]
    elif kind == "weekend":
        what = "weekend"
    elif kind == "week":
        what = "week"
    elif kind == "month" and p["mo"] != "XX":
        what = _month_name(p["mo"])
    elif kind == "month" or (kind == "day" and p["mo"] == "XX" and p["d"] == "XX"):
        what = "day" if kind == "day" else "month"
    elif kind == "season":
        what = SEASON_NAMES[p["season"]]
    elif kind == "year":
        what = "year"  # XXXX: "annually"
    elif kind == "quarter" and p["q"] != "X":
        what = f"{_ordinal(int(p['q']))} quarter"
    elif kind == "day" and p["mo"] != "XX" and p["d"] != "XX":
        what = f"{int(p['d'])} {_month(p['mo'])}"
    else:
        return None
    if time and time["part"]:
        word = _PART_WORDS[time["part"]]
        return f"every {word}" if what == "day" else f"every {what} {word}"
    if time:
        return f"every {what} at {_clock(time)}"
    return f"every {what}"


# -- small pieces ---------------------------------------------------------------------------------


def _month(number: str) -> str:
    return MONTH_ABBR[int(number) - 1]


def _month_name(number: str) -> str:
    return dt.date(2000, int(number), 1).strftime("%B")


def _day_of(day: dt.date) -> str:
    return f"{WEEKDAY_ABBR[day.weekday()]} {_day_month_year(day)}"


def _day_month_year(day: dt.date) -> str:
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def _day_pair(a: dict[str, Any], b: dict[str, Any], link: str) -> str:
    """Two days from parsed parts, shortest form: "3–7 Mar 2022", "9 and 10 Nov, year unknown"."""
    if a["y"] == b["y"] == "XXXX" and "X" not in a["mo"] + a["d"] + b["mo"] + b["d"]:
        if a["mo"] == b["mo"]:
            return f"{int(a['d'])}{link}{int(b['d'])} {_month(a['mo'])}, year unknown"
        left = f"{int(a['d'])} {_month(a['mo'])}"
        right = f"{int(b['d'])} {_month(b['mo'])}"
        return f"{left}{_spaced(link)}{right}, year unknown"
    if "X" in "".join(str(a[k]) + str(b[k]) for k in ("y", "mo", "d")):
        return f"{_day(a)}{_spaced(link)}{_day(b)}"
    first = dt.date(int(a["y"]), int(a["mo"]), int(a["d"]))
    last = dt.date(int(b["y"]), int(b["mo"]), int(b["d"]))
    return _day_pair_dates(first, last, link)


def _day_pair_dates(first: dt.date, last: dt.date, link: str) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{link}{last.day} {MONTH_ABBR[first.month - 1]} {first.year}"
    if first.year == last.year:
        left = f"{first.day} {MONTH_ABBR[first.month - 1]}"
        return f"{left}{_spaced(link)}{last.day} {MONTH_ABBR[last.month - 1]} {last.year}"
    return f"{_day_month_year(first)}{_spaced(link)}{_day_month_year(last)}"


def _spaced(link: str) -> str:
    """An en dash between multi-word dates reads better with spaces: "30 Oct – 2 Nov"."""
    return " – " if link == "–" else link


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
