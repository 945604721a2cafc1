"""Calendar arithmetic and TIMEX3 value strings.

A resolved point in time is kept as a ``Point``: a date plus the granularity it is known at ("day",
"month", "quarter", ...). Shifting a point ("a year before the third quarter") and printing it in
TIMEX3 form ("1988-Q3", "1998-W08", "1997-FA") happen here, with nothing but ``datetime``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

# Granularities from finest to coarsest; a Point's date is any day inside the period.
GRANULARITIES = (
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)

_SEASON_OF_MONTH = {
    12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
    6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
}  # fmt: skip
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: ``day`` lies inside it and ``granularity`` says how wide it is."""

    day: dt.date
    granularity: str
    season: str | None = None  # for "season": the TIMEX3 code, since winter spans two years


def clamp_day(year: int, month: int, day: int) -> dt.date:
    """The date, with the day pulled back into the month ("Feb. 30" -> Feb. 28/29). A year off the
    calendar (before 1 or after 9999) raises ValueError, as ``date`` does: moving it to 9999 would
    print a wrong date, while the tagger drops the expression instead."""
    for d in (day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, keeping the day of month where it exists."""
    index = day.year * 12 + day.month - 1 + months
    return clamp_day(index // 12, index % 12 + 1, day.day)


def shift(point: Point, unit: str, amount: int) -> Point:
    """``point`` moved by ``amount`` units (day, week, weekend, month, quarter, half, year, ...)."""
    day = point.day
    if unit == "day":
        day = day + dt.timedelta(days=amount)
    elif unit in ("week", "weekend"):
        day = day + dt.timedelta(weeks=amount)
    elif unit in ("month", "season", "quarter", "half", "year", "decade", "century"):
        months = {
            "month": 1,
            "season": 3,
            "quarter": 3,
            "half": 6,
            "year": 12,
            "decade": 120,
            "century": 1200,
        }[unit]
        day = add_months(day, months * amount)
    season = point.season
    if point.granularity == "season" and unit == "season" and season:
        order = ["WI", "SP", "SU", "FA"]
        season = order[(order.index(season) + amount) % 4]
    return replace(point, day=day, season=season)


def season_of(day: dt.date) -> str:
    return _SEASON_OF_MONTH[day.month]


def season_point(year: int, season: str) -> Point:
    """Season ``season`` of ``year``; winter is the one starting in December of ``year``."""
    month = 12 if season == "WI" else SEASON_MONTH[season]
    return Point(dt.date(year, month, 1), "season", season)


def season_year(point: Point) -> int:
    """The year TIMEX3 names a season by (winter 1994 = Dec 1994 to Feb 1995)."""
    if point.season == "WI" and point.day.month <= 2:
        return point.day.year - 1
    return point.day.year


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_point(year: int, quarter: int) -> Point:
    return Point(dt.date(year, 3 * (quarter - 1) + 1, 1), "quarter")


def format_point(point: Point) -> str:
    """The TIMEX3 value of ``point``: 2021-10-19, 2021-W42, 2021-W42-WE, 2021-10, 2021-Q3, ..."""
    day = point.day
    g = point.granularity
    if g == "day":
        return day.isoformat()
    if g in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if g == "weekend" else "")
    if g == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if g == "season":
        return f"{season_year(point):04d}-{point.season or season_of(day)}"
    if g == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if g == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if g == "year":
        return f"{day.year:04d}"
    if g == "decade":
        return f"{day.year // 10:03d}"
    if g == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {g!r}")


def weekday_near(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` (1=Monday) nearest ``ref``: on or before it (-1), on or after (+1), or
    whichever is closer (0, ties going back: news mostly reports what happened)."""
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if direction < 0 or (direction == 0 and back <= ahead):
        return ref - dt.timedelta(days=back)
    return ref + dt.timedelta(days=ahead)


def year_for(ref: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year of "<month> <day>" said at ``ref`` in a sentence looking back (-1), ahead (+1, or
    2 when a future auxiliary says so) or neither (0). The occurrence on the side the tense points to wins when it lies within eleven
    months of ``ref``; otherwise (or with no tense) the nearest occurrence does: a past-tense "Nov.
    6" written on Oct. 30 is more likely a deadline reported as past than last year's date."""
    candidates = [
        (year, _middle(year, month, day)) for year in (ref.year - 1, ref.year, ref.year + 1)
    ]
    if direction:
        # A future auxiliary (``direction`` 2) is trusted for the whole coming year: "will come
        # into force on 1 January", said on 15 January.
        reach = 366 if direction > 1 else 330
        direction = max(-1, min(1, direction))
        sided = [
            (abs((d - ref).days), year)
            for year, d in candidates
            if (d - ref).days * direction >= -_same_period_days(day)
        ]
        best = min(sided)
        if best[0] <= reach:
            return best[1]
    # With no tense to go by, news more often looks back: a date ahead counts as twice as far.
    return min((_weighted_days(d, ref), -year) for year, d in candidates)[1] * -1


def year_nearest(anchor: dt.date, month: int, day: int | None) -> int:
    """The year of the "<month> <day>" nearest ``anchor``, the later one on a tie: a story told
    in order moves forward from the date it last gave."""
    candidates = [
        (abs((_middle(y, month, day) - anchor).days), -y)
        for y in range(anchor.year - 1, anchor.year + 2)
    ]
    return -min(candidates)[1]


def _weighted_days(day: dt.date, ref: dt.date) -> int:
    days = (day - ref).days
    return 2 * days if days > 0 else -days


def _middle(year: int, month: int, day: int | None) -> dt.date:
    return clamp_day(year, month, day if day else 15)


def _same_period_days(day: int | None) -> int:
    # A whole month still counts as "now" for the half of it around the reference day.
    return 0 if day else 15


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (1=Monday) of the month; ``n = -1`` for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (2, "year") -> P2Y, (None, "week") -> PXW, (1.5, "hour") -> PT1H30M."""
    if unit == "fortnight":
        amount, unit = (None if amount is None else amount * 2), "week"
    if unit == "decade" and amount is not None:
        amount, unit = amount * 10, "year"
    if unit == "century" and amount is not None:
        amount, unit = amount * 100, "year"
    letter = {
        "second": "S",
        "minute": "M",
        "hour": "H",
        "day": "D",
        "week": "W",
        "weekend": "WE",
        "month": "M",
        "quarter": "Q",
        "year": "Y",
        "decade": "DE",
        "century": "CE",
        "millennium": "ML",
    }[unit]
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    whole = int(amount)
    frac = amount - whole
    if frac < 1e-9:
        return f"{prefix}{whole}{letter}"
    smaller = {
        "year": (12, "M", "P"),
        "month": (4, "W", "P"),
        "week": (7, "D", "P"),
        "day": (24, "H", "PT"),
        "hour": (60, "M", "PT"),
        "minute": (60, "S", "PT"),
        "quarter": (3, "M", "P"),
    }.get(unit)
    if smaller is None:
        return f"{prefix}{amount:g}{letter}"
    factor, small_letter, small_prefix = smaller
    part = round(frac * factor)
    if whole == 0:
        return f"{small_prefix}{part}{small_letter}"
    if small_prefix == "PT" and prefix == "P":
        return f"P{whole}{letter}T{part}{small_letter}"
    return f"{prefix}{whole}{letter}{part}{small_letter}"
