"""The tagging pipeline: run every rule, keep the best non-overlapping matches, resolve in order.

Candidates come from all rules at once; a rule's ``check`` may veto a match, in which case the
search resumes one character later so a shorter reading can still be found. Overlaps go to the
longest match (TimeML marks the maximal expression: "Friday, Oct. 13" over "Friday"), ties to the
rule listed first. Resolution runs left to right because "a year earlier" or "the quarter" depend
on what was mentioned before them.

Numbers in a text are unbounded ("2147483648 days ago", "9000 years from now"), so a rule's date
arithmetic can leave Python's calendar (years 1 to 9999). Such an expression names no date: it is
dropped here, once for every rule, rather than clamped to a wrong day or raised as a traceback.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from . import discourse, rules_calendar, rules_durations, rules_ranges, rules_relative
from .doc import Doc, Resolved, Rule
from .lexicon import CLOCK_TOKEN, DECADE_TOKEN, SLASH_TOKEN, YEAR_TOKEN

RULES: tuple[Rule, ...] = (
    *rules_calendar.RULES,
    *rules_ranges.RULES,
    *rules_relative.RULES,
    *rules_durations.RULES,
)
_PRIORITY = {rule.name: i for i, rule in enumerate(RULES)}


@dataclass(slots=True)
class Timex:
    """One resolved expression: span, TIMEX3 type and value, and how it was resolved."""

    start: int
    end: int
    rule: str
    resolved: Resolved


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def tag(
    text: str,
    reference: dt.date | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[Timex]:
    """All temporal expressions of ``text`` in text order, resolved against ``reference``."""
    doc = Doc(text, reference, sentences)
    chosen = _select(_candidates(doc))
    first = _resolve_all(chosen, doc)
    fixed = discourse.plan(_readings(first), doc)
    if not fixed:
        return [timex for _, timex in first]
    # Read again with the document's corrections, so that what leans on a corrected mention
    # ("the following day") moves with it.
    doc.restart(fixed)
    return [timex for _, timex in _resolve_all(chosen, doc)]


def _resolve_all(chosen: list[_Candidate], doc: Doc) -> list[tuple[_Candidate, Timex]]:
    """Resolve the chosen candidates left to right, each seeing what was said before it."""
    out: list[tuple[_Candidate, Timex]] = []
    for cand in chosen:
        resolved = _resolve(cand, doc)
        if resolved is None:
            continue
        start = cand.start if resolved.start is None else resolved.start
        end = cand.end if resolved.end is None else resolved.end
        if start >= end:
            continue
        out.append((cand, Timex(start, end, cand.rule.name, resolved)))
        doc.remember(resolved)
    return out


def _readings(resolved: list[tuple[_Candidate, Timex]]) -> list[discourse.Reading]:
    """The keyed mentions of a first reading, for ``discourse.plan``."""
    return [
        discourse.Reading(
            cand.start,
            timex.end,
            r.key,
            r.lean,
            r.firm,
            r.explicit,
            r.value.partition("T")[0],
        )
        for cand, timex in resolved
        if (r := timex.resolved).key is not None
    ]


# What datetime raises for a day off its calendar: OverflowError from timedelta and date sums,
# ValueError from date(10000, 1, 1) (and from int() of a number too long to convert).
_OFF_CALENDAR = (OverflowError, ValueError)


def _resolve(cand: _Candidate, doc: Doc) -> Resolved | None:
    """The candidate's reading, or None when its date falls off the calendar."""
    try:
        return cand.rule.handler(cand.match, doc)
    except _OFF_CALENDAR:
        return None


_ANCHOR_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _rule in enumerate(RULES):
    for _word in _rule.anchors or ():
        _ANCHOR_INDEX[_word] = (*_ANCHOR_INDEX.get(_word, ()), _i)
# Anchors that are shapes of numbers rather than words.
_YEAR_RULES = _ANCHOR_INDEX.pop(YEAR_TOKEN, ())
_DECADE_RULES = _ANCHOR_INDEX.pop(DECADE_TOKEN, ())
_SLASH_RULES = _ANCHOR_INDEX.pop(SLASH_TOKEN, ())
_CLOCK_RULES = _ANCHOR_INDEX.pop(CLOCK_TOKEN, ())
# One pass over the words of the text finds every anchor: a dictionary lookup per word is much
# faster than one big alternation tried at every position.
_TOKEN_RE = re.compile(r"[a-z]+|\d+(?:/\d)?")


def _number_rules(low: str, word: str, end: int) -> tuple[int, ...]:
    """Rules anchored on a number: "1990" (years, decades), "80" in "'80s", "10/1" in dates,
    "8" in "8:00"."""
    if "/" in word:
        return _SLASH_RULES
    if low[end : end + 1] == ":":
        return _CLOCK_RULES
    if len(word) == 4 and word[0] in "12":
        return _YEAR_RULES
    if len(word) == 2 and word[1] == "0" and low[end : end + 2].lstrip("'’")[:1] == "s":
        return _DECADE_RULES
    return ()


def _anchor_windows(low: str) -> list[list[tuple[int, int]]]:
    """Per rule, the merged (start, end) windows around its anchor words in ``low``."""
    hits: list[list[tuple[int, int]]] = [[] for _ in RULES]
    lookup = _ANCHOR_INDEX.get
    for m in _TOKEN_RE.finditer(low):
        word = m.group()
        rules = lookup(word)
        if rules is None:
            if not word[0].isdigit():
                continue
            rules = _number_rules(low, word, m.end())
        span = m.span()
        for i in rules:
            hits[i].append(span)
    windows: list[list[tuple[int, int]]] = []
    size = len(low)
    for rule, spans in zip(RULES, hits, strict=True):
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            lo, hi = max(0, start - rule.back), min(size, end + rule.forward)
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        windows.append(merged)
    return windows


def _candidates(doc: Doc) -> list[_Candidate]:
    low = doc.low
    found: list[_Candidate] = []
    windows = _anchor_windows(low)
    for rule, spans in zip(RULES, windows, strict=True):
        if rule.anchors is None:
            spans = [(0, len(low))]
        search = rule.pattern.search
        check = rule.check
        for lo, hi in spans:
            pos = lo
            while True:
                m = search(low, pos, hi)
                if m is None:
                    break
                if m.end() == m.start():
                    pos = m.end() + 1
                    continue
                if check is not None and not check(m, doc):
                    pos = m.start() + 1
                    continue
                found.append(_Candidate(m.start(), m.end(), rule, m))
                pos = m.end()
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest-first greedy choice of non-overlapping candidates, returned in text order."""
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, c.start, _PRIORITY[c.rule.name]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[_Candidate] = []
    for cand in ordered:
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and ends[i - 1] > cand.start:
            continue
        if i < len(starts) and starts[i] < cand.end:
            continue
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
        kept.insert(i, cand)
    return kept
