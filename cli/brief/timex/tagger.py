"""The tagging pipeline: run every rule, keep the best non-overlapping matches, resolve in order.

Candidates come from all rules at once; a rule's ``check`` may veto a match, in which case the
search resumes one character later so a shorter reading can still be found. Overlaps go to the
longest match (TimeML marks the maximal expression: "Friday, Oct. 13" over "Friday"), ties to the
rule listed first. Resolution runs left to right because "a year earlier" or "the quarter" depend
on what was mentioned before them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from . import rules_calendar, rules_durations, rules_relative
from .doc import Doc, Resolved, Rule
from .lexicon import DECADE_TOKEN, SLASH_TOKEN, YEAR_TOKEN

RULES: tuple[Rule, ...] = (
    *rules_calendar.RULES,
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
    out: list[Timex] = []
    for cand in chosen:
        resolved = cand.rule.handler(cand.match, doc)
        if resolved is None:
            continue
        start = cand.start if resolved.start is None else resolved.start
        end = cand.end if resolved.end is None else resolved.end
        if start >= end:
            continue
        out.append(Timex(start, end, cand.rule.name, resolved))
        doc.remember(resolved)
    return out


def _trie_pattern(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes so it scans fast."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


_ANCHOR_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _rule in enumerate(RULES):
    for _word in _rule.anchors or ():
        _ANCHOR_INDEX[_word] = (*_ANCHOR_INDEX.get(_word, ()), _i)
# Anchors that are shapes rather than words, by the group name that finds them.
_SHAPES = {"year": YEAR_TOKEN, "decade": DECADE_TOKEN, "slash": SLASH_TOKEN}
_SHAPE_RULES = {group: _ANCHOR_INDEX.pop(token, ()) for group, token in _SHAPES.items()}
# Word anchors are whole tokens as "[a-z]+" would cut the lower-cased text.
_ANCHOR_RE = re.compile(
    rf"(?<![a-z])(?:{_trie_pattern(sorted(_ANCHOR_INDEX))})(?![a-z])"
    r"|(?P<year>(?<!\d)[12]\d{3})(?!\d)"
    r"|(?<![\d'’])['’]?(?P<decade>\d0)(?=['’]?s(?![a-z]))"
    r"|(?P<slash>(?<!\d)\d{1,2}/\d)"
)


def _anchor_windows(low: str) -> list[list[tuple[int, int]]]:
    """Per rule, the merged (start, end) windows around its anchor words in ``low``."""
    hits: list[list[tuple[int, int]]] = [[] for _ in RULES]
    index = _ANCHOR_INDEX
    for m in _ANCHOR_RE.finditer(low):
        shape = m.lastgroup
        rules = _SHAPE_RULES[shape] if shape else index[m.group()]
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
