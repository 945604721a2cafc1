"""Dates a text joins into one, and the human label of every mention.

"3-7 March", "Nov. 9 and 10", "from 2001 to 2004" and "between 1971 and 2001" each say one stretch of
time (or one pair of days), though the tagger finds them as separate expressions, or finds only one
side when the other is a bare day number ("3-", "and 10"). ``find_ranges`` joins them: two mentions of
the same shape next to each other, or a day mention and the bare day number beside it, with nothing
between them but a dash, "to", "through", "until", or "and" (which makes a range after "between" and a
pair of days otherwise). ``describe`` gives each mention its label (``labels.label``) and the range it
is part of, which the JSON carries and the human timelines show whole. Like a mention's, a range's
span leaves out the word before it ("2001 to 2004", not "from 2001 to 2004"). A range goes forward in time:
"from 2004 to 2001" or a value resolved the wrong way round is left as two dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..briefing import DateMention, DateRange
from .labels import calendar_span, label, range_label

__all__ = ["Joined", "describe", "find_ranges"]

_DASH = r"\s*[-\u2013]\s*"  # a hyphen or an en dash; an em dash sets off a clause instead
_WORD_LINK = r"\s+(?:to|through|thru|until|till|and)\s+"
_LINK_RE = re.compile(rf"(?:{_DASH}|{_WORD_LINK})", re.IGNORECASE)
# "from" or "between" just before the first date: "between" turns "and" into a range.
_OPENER_RE = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)
# "postponed from March to May" moves one date to another: not a stretch of time.
_MOVED_RE = re.compile(
    r"\b(?:moved|moving|postponed|delayed|pushed|rescheduled|brought|switched|changed|shifted|"
    r"advanced|deferred|put|bumped|cut|raised|extended)\b(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
# A bare day number before a day date: "3-7 March", "from 3 to 7 March", "9 and 10 November".
_DAY_BEFORE_RE = re.compile(
    rf"(?<![\w.,:/$£€%-])(?P<n>\d{{1,2}})(?:st|nd|rd|th)?(?P<link>{_DASH}|{_WORD_LINK})$",
    re.IGNORECASE,
)
# A bare day number after a day date: "Nov. 9 and 10", "March 3-7".
_DAY_AFTER_RE = re.compile(
    rf"(?P<link>{_DASH}|{_WORD_LINK})(?P<n>\d{{1,2}})(?:st|nd|rd|th)?(?![\w.,:/%-]\w|[\w%])",
    re.IGNORECASE,
)
# After "Nov. 9 and 10" comes punctuation, the end, or a small word: "and 10 people" is a count.
_AFTER_DAY_OK_RE = re.compile(
    r"\s*(?:$|[,.;:)!?'\"\u2019\u201d\]]|\n|(?:in|at|on|of|for|when|while|with|after|before|and|"
    r"or|but|as|this|that|which|where|the|respectively|last|next|to|from|until|during)\b)",
    re.IGNORECASE,
)
_DAY_VALUE_RE = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")
_MONTH_VALUE_RE = re.compile(r"(\d{4}|XXXX)-(\d\d)")
# The run of days inside one mention's words: "3-7" of "3-7 March", "12 to 14" of "12 to 14 Jan".
_DAY_RUN_RE = re.compile(
    rf"(?<![\d.,])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}|\s+(?:to|through|thru|until|till)\s+)"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,:]\d|\d)",
    re.IGNORECASE,
)
_LOOK = 40  # characters looked at beside a mention for a bare day number and its link


@dataclass(frozen=True, slots=True)
class Joined:
    """Dates the text joins: the span ``start:end`` (``text[start:end]`` says it all), the first
    and last TIMEX3 values, "range" or "pair", and the indexes of the mentions inside it."""

    start: int
    end: int
    first: str
    last: str
    kind: Literal["range", "pair"]
    members: tuple[int, ...]


def describe(text: str, mentions: Sequence[DateMention]) -> list[DateMention]:
    """``mentions`` of ``text`` with their human ``label`` and, for those the text joins with
    another date, their ``range``."""
    ranges: dict[int, DateRange] = {}
    for joined in find_ranges(text, mentions):
        record = DateRange(
            text=text[joined.start : joined.end],
            start=joined.start,
            end=joined.end,
            first=joined.first,
            last=joined.last,
            kind=joined.kind,
            label=range_label(joined.first, joined.last, joined.kind),
        )
        ranges |= dict.fromkeys(joined.members, record)
    return [
        replace(m, label=label(m.type, m.value), range=ranges.get(i))
        for i, m in enumerate(mentions)
    ]


def find_ranges(text: str, mentions: Sequence[DateMention]) -> list[Joined]:
    """The ranges and pairs of days ``text`` makes of its ``mentions`` (in text order). Every
    mention inside a range's span is one of its members: the tagger finds the "10" of "Nov. 9
    and 10" and the year of "Nov. 9 and 10, 2020" as mentions of their own."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    taken: set[int] = set()
    found = []
    for position, i in enumerate(order):
        if i in taken:
            continue
        following = order[position + 1] if position + 1 < len(order) else None
        joined = (
            _days_inside(text, mentions, i)
            or _two_mentions(text, mentions, i, following)
            or _day_before(text, mentions, i)
            or _day_after(text, mentions, i, order[position + 1 :])
        )
        if joined is None:
            continue
        members = tuple(
            j for j in order if joined.start <= mentions[j].start and mentions[j].end <= joined.end
        )
        if not taken.intersection(members):
            taken.update(members)
            found.append(replace(joined, members=members))
    return found


def _days_inside(text: str, mentions: Sequence[DateMention], i: int) -> Joined | None:
    """ "3-7 March", "March 3-7", "12 to 14 January": one mention, valued at its month, whose
    words name a run of its days."""
    mention = mentions[i]
    month = _MONTH_VALUE_RE.fullmatch(mention.value) if mention.type == "DATE" else None
    days = _DAY_RUN_RE.search(mention.text)
    if month is None or days is None:
        return None
    year, number = month[1], month[2]
    first, last = int(days["d1"]), int(days["d2"])
    if not 1 <= first < last <= _days_in(year, number):
        return None
    return Joined(
        mention.start,
        mention.end,
        f"{year}-{number}-{first:02d}",
        f"{year}-{number}-{last:02d}",
        "range",
        (i,),
    )


def _two_mentions(
    text: str, mentions: Sequence[DateMention], i: int, j: int | None
) -> Joined | None:
    """ "from 2001 to 2004", "Monday to Friday", "between 1971 and 2001": two dates of one shape."""
    if j is None:
        return None
    a, b = mentions[i], mentions[j]
    link = _LINK_RE.fullmatch(text, a.end, b.start)
    if link is None or a.type not in ("DATE", "TIME") or a.type != b.type:
        return None
    if _shape(a.value) != _shape(b.value) or not _forward(a.value, b.value):
        return None
    opener, start = _opener(text, a.start)
    if _is_and(link.group()) and opener != "between":
        return None  # "in 2004 and 2008": two dates, each its own row
    if _moved(text, opener, start):
        return None
    return Joined(a.start, b.end, a.value, b.value, "range", (i, j))


def _day_before(text: str, mentions: Sequence[DateMention], i: int) -> Joined | None:
    """ "3-7 March", "from 3 to 7 March", "9 and 10 November": a day number, then a day date."""
    b = mentions[i]
    day = _day_parts(b)
    if day is None or not b.text[:1].isdigit():
        return None
    found = _DAY_BEFORE_RE.search(text, max(0, b.start - _LOOK), b.start)
    if found is None:
        return None
    year, month, last = day
    first = int(found["n"])
    if not 1 <= first < last:
        return None
    opener, start = _opener(text, found.start())
    if _moved(text, opener, start):
        return None
    kind: Literal["range", "pair"] = (
        "pair" if _is_and(found["link"]) and opener != "between" else "range"
    )
    return Joined(found.start(), b.end, f"{year}-{month}-{first:02d}", b.value, kind, (i,))


def _day_after(
    text: str, mentions: Sequence[DateMention], i: int, later: Sequence[int]
) -> Joined | None:
    """ "Nov. 9 and 10", "March 3-7", "Nov. 9 and 10, 2021": a day date, then a day number."""
    a = mentions[i]
    day = _day_parts(a)
    if day is None or not a.text[-1:].isdigit():
        return None
    found = _DAY_AFTER_RE.match(text, a.end, min(len(text), a.end + _LOOK))
    if found is None or not _AFTER_DAY_OK_RE.match(text, found.end()):
        return None
    year, month, first = day
    last = int(found["n"])
    if not first < last <= _days_in(year, month):
        return None
    opener, start = _opener(text, a.start)
    if _moved(text, opener, start):
        return None
    kind: Literal["range", "pair"] = (
        "pair" if _is_and(found["link"]) and opener != "between" else "range"
    )
    start, end = a.start, found.end()
    year_mention = next((j for j in later if mentions[j].start >= end), None)
    if year_mention is not None and _year_after(text, end, mentions[year_mention]):
        # "Nov. 9 and 10, 2020": the year said after both days is theirs
        year, end = mentions[year_mention].value, mentions[year_mention].end
    first_value = f"{year}-{month}-{first:02d}"
    return Joined(start, end, first_value, f"{year}-{month}-{last:02d}", kind, (i,))


def _year_after(text: str, end: int, mention: DateMention) -> bool:
    """Whether ``mention`` is a year right after a pair of days (", 2020"), dating both days."""
    if mention.type != "DATE" or not re.fullmatch(r"\d{4}", mention.value):
        return False
    gap = text[end : mention.start]
    return gap.strip() in (",", "") and len(gap) <= 2


def _day_parts(mention: DateMention) -> tuple[str, str, int] | None:
    """(year, month, day) of a DATE mention resolved to a day (the year may be XXXX)."""
    found = _DAY_VALUE_RE.fullmatch(mention.value) if mention.type == "DATE" else None
    return (found[1], found[2], int(found[3])) if found else None


def _days_in(year: str, month: str) -> int:
    if month == "02":
        leap = year != "XXXX" and int(year) % 4 == 0 and (int(year) % 100 or int(year) % 400 == 0)
        return 29 if leap or year == "XXXX" else 28
    return 30 if month in ("04", "06", "09", "11") else 31


def _opener(text: str, start: int) -> tuple[str, int]:
    """("from" or "between", where it starts) just before ``start``; ("", start) without one."""
    found = _OPENER_RE.search(text, max(0, start - 12), start)
    return (found[1].lower(), found.start()) if found else ("", start)


def _moved(text: str, opener: str, start: int) -> bool:
    """Whether "from" opens a move ("postponed from March to May") rather than a stretch."""
    return opener == "from" and _MOVED_RE.search(text, max(0, start - 60), start) is not None


def _is_and(link: str) -> bool:
    return link.strip().lower() == "and"


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def _forward(first: str, last: str) -> bool:
    """Whether ``last`` starts after ``first`` (month and day compared when the year is unknown)."""
    a, b = calendar_span(first), calendar_span(last)
    if a and b:
        return a[0] < b[0]
    if first.startswith("XXXX-") and _DAY_VALUE_RE.fullmatch(first):
        return _DAY_VALUE_RE.fullmatch(last) is not None and first[5:] < last[5:]
    return False
