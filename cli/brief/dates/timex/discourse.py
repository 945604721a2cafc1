"""The document's reading of its own dates: one article, one Saturday.

Each mention is first resolved on its own, from the words of its clause. A reader does more: the
same weekday, month or "Nov. 6" said several times in one story names one day unless the text
says otherwise, so a tense cue misread once is outvoted by the others, and a date the text states
("Saturday morning, November 1") tells which Saturday the other "Saturday"s are; a run of weekdays
in one sentence ("12 on Monday, 30 on Tuesday and 8 on Wednesday") is a run of consecutive days.
``plan`` turns the first reading into per-mention corrections, by the start of each match, that
the tagger applies in a second pass (so that "the following day" leans on the corrected date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .doc import Doc, as_day

# A mention that states its day settles the others only if it is near the reference date: a
# "Saturday, Nov. 1" three weeks back does not tell which Saturday "on Saturday" is.
_EXPLICIT_REACH = dt.timedelta(days=7)
# What may stand between two weekdays of one run: "12 on Monday, 30 on Tuesday and 8 on".
_RUN_GAP_RE = re.compile(r"[^.;:!?()\n]{0,40}")
_RUN_JOINER_RE = re.compile(r",|\band\b|\bthen\b|\bor\b|\bto\b|\bthrough\b|-|–")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the first pass made of one keyed mention (see ``Resolved.key``)."""

    start: int  # start of the rule's match: the key of ``Doc.fixed``
    end: int
    key: tuple[object, ...]
    lean: int  # the clause's direction, 0 when it gave none
    firm: bool  # a cue right by the mention placed it: kept whatever the others say
    explicit: bool  # the text states the day ("Saturday, Nov. 1")
    day: str  # date part of the value: "2021-10-23", "XXXX-WXX-6", "2004-03"


def plan(readings: Sequence[Reading], doc: Doc) -> dict[int, str]:
    """Corrections for ``Doc.fixed``: match start -> the date part to use instead."""
    fixed: dict[int, str] = {}
    groups: dict[tuple[object, ...], list[Reading]] = {}
    for reading in readings:
        groups.setdefault(reading.key, []).append(reading)
    for group in groups.values():
        if len({r.day for r in group}) > 1:
            agreed = _agreed_day(group, doc.ref)
            if agreed is not None:
                fixed.update({r.start: agreed for r in group if r.day != agreed and not r.lean})
    weekdays = [r for r in readings if r.key[0] == "weekday" and not r.explicit]
    for run in _runs(weekdays, doc):
        fixed.update(_consecutive(run, doc, fixed))
    return fixed


def _agreed_day(group: list[Reading], ref: dt.date | None) -> str | None:
    """The day a group of same-worded mentions means: the one the text states (near the
    reference), else the one most clauses point to; None when they are evenly split."""
    stated = {r.day for r in group if r.explicit and _near(r.day, ref)}
    if len(stated) == 1:
        return stated.pop()
    if stated:
        return None
    if ref is None:
        # Without a reference, only a stated day is better than "XXXX-WXX-6".
        return None
    votes: Counter[str] = Counter()
    for r in group:
        if r.lean:
            votes[r.day] += 2 if r.firm else 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _near(day: str, ref: dt.date | None) -> bool:
    if ref is None:
        return True
    value = as_day(day)
    return isinstance(value, dt.date) and abs(value - ref) <= _EXPLICIT_REACH


def _runs(weekdays: list[Reading], doc: Doc) -> list[list[Reading]]:
    """Lists of weekdays in one sentence, each after the one before in the week."""
    runs: list[list[Reading]] = []
    current: list[Reading] = []
    for reading in weekdays:
        if current and _continues(current[-1], reading, doc):
            current.append(reading)
            continue
        if len(current) > 1:
            runs.append(current)
        current = [reading]
    if len(current) > 1:
        runs.append(current)
    return runs


def _continues(before: Reading, after: Reading, doc: Doc) -> bool:
    gap = doc.text[before.end : after.start]
    if not _RUN_GAP_RE.fullmatch(gap) or not _RUN_JOINER_RE.search(gap):
        return False
    if doc.sentences.bounds(before.start) != doc.sentences.bounds(after.start):
        return False
    return _weekday(before) < _weekday(after)


def _weekday(reading: Reading) -> int:
    return int(str(reading.key[1]))


def _consecutive(run: list[Reading], doc: Doc, fixed: dict[int, str]) -> dict[int, str]:
    """Days for a run so that it stays one stretch of the week: looking ahead, it starts at the
    first weekday's coming date; otherwise it ends at the last one's past date."""
    days = [as_day(fixed.get(r.start, r.day)) for r in run]
    if not all(isinstance(d, dt.date) for d in days):
        return {}
    dates = [d for d in days if isinstance(d, dt.date)]
    first, last = _weekday(run[0]), _weekday(run[-1])
    if all((d - dates[0]).days == _weekday(r) - first for d, r in zip(dates, run, strict=True)):
        return {}
    ahead = any(r.lean > 0 for r in run) and not any(r.lean < 0 for r in run)
    start = dates[0] if ahead else dates[-1] - dt.timedelta(days=last - first)
    moved = {r.start: (start + dt.timedelta(days=_weekday(r) - first)).isoformat() for r in run}
    return {r.start: day for r in run if (day := moved[r.start]) != r.day}
