"""The shared state of one tagging run: the text, its reference date and what was said so far.

Rules read the document through ``Doc`` (text, reference date, sentence bounds, casing) and
resolve into a ``Resolved`` record. ``Doc`` also remembers the last calendar period mentioned, so
that "a year earlier", "that day" or "the quarter" can lean on the mention before them, the way
a reader does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import context
from .values import Point, format_point

_UNDERSPECIFIED = {
    "day": "XXXX-XX-XX",
    "weekend": "XXXX-WXX-WE",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "season": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


@dataclass(slots=True)
class Resolved:
    """What a rule made of a match: TIMEX3 type and value, plus how it was resolved."""

    type: str
    value: str
    precision: str
    relative: bool = False
    anchor: str = "none"
    point: Point | None = None  # the calendar period, remembered for later mentions
    memorable: bool = True  # False for periods derived from others ("the year-ago quarter")
    new_period: bool = False  # a reporting period that is not a quarter ("the first nine months")
    start: int | None = None  # set when the rule trims the matched span
    end: int | None = None


Handler = Callable[[re.Match[str], "Doc"], "Resolved | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One expression class: a compiled pattern and the handler that resolves its matches.

    Patterns are lower-case and run on the lower-cased text. ``anchors`` are words (lower case;
    "<year>" for a four-digit year) of which every match contains at least one: the pattern is
    only tried from ``back`` characters before to ``forward`` characters after each of them,
    which keeps tagging fast. None means the pattern scans the whole text.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    check: Callable[[re.Match[str], Doc], bool] | None = None  # cheap veto before overlaps
    anchors: frozenset[str] | None = None
    back: int = 40
    forward: int = 30


class Doc:
    """The text being tagged and everything rules need to know about it."""

    def __init__(
        self,
        text: str,
        reference: dt.date | None,
        sentences: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.low = lower_same_length(text)
        self.ref = reference
        self.sentences = context.SentenceIndex(text, sentences)
        # Lower-cased input (some corpora) cannot rely on capitals to tell "May" from "may".
        self.cased = text != text.lower()
        self.last_point: Point | None = None
        self.last_quarter: Point | None = None

    def original(self, m: re.Match[str], group: str | int = 0) -> str:
        """The original-case text of a group of a match made on the lower-cased text."""
        return self.text[m.start(group) : m.end(group)]

    def direction(self, start: int, end: int) -> int:
        """context.PAST / NEUTRAL / FUTURE for the mention at ``start:end``."""
        return context.direction(self.text, start, end, self.sentences.bounds(start))

    def date_value(self, point: Point | None, granularity: str, relative: bool = True) -> Resolved:
        """A DATE resolution of ``point`` (None when there is no reference date to resolve on)."""
        if point is None:
            return Resolved("DATE", _UNDERSPECIFIED[granularity], granularity, relative, "none")
        anchor = "published" if relative else "none"
        return Resolved("DATE", format_point(point), granularity, relative, anchor, point)

    def remember(self, resolved: Resolved) -> None:
        """Keep an absolute-enough period for anchoring the mentions that follow."""
        if resolved.new_period:
            # After "in the first nine months, ...", "a year earlier" compares nine-month periods:
            # the quarter discussed before no longer anchors it.
            self.last_quarter = None
        point = resolved.point
        # Periods derived from an earlier mention ("a year earlier") do not move the reference
        # time of the narrative; otherwise each "a year ago" would shift the next one again.
        if point is None or resolved.anchor == "mention" or not resolved.memorable:
            return
        self.last_point = point
        # The quarter "under discussion" is one that has begun: forecasts for later quarters
        # ("the third quarter of 1990") do not become what "the quarter" refers to.
        if point.granularity in ("quarter", "half") and (self.ref is None or point.day <= self.ref):
            self.last_quarter = point


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping any character whose lower case is longer (Turkish dotted I)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def underspecified(granularity: str) -> str:
    return _UNDERSPECIFIED[granularity]
