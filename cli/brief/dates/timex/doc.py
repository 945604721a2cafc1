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

_WORD_BEFORE_RE = re.compile(r"([\w.'’]+)\W*$")
_WORD_AFTER_RE = re.compile(r"\W{0,3}?([\w'’]+)")
# Words of a match report: the action of a game, not the business of sport.
_GAME_CUES_RE = re.compile(
    r"\b(half[- ]time|full[- ]time|extra[- ]time|injury[- ]time|stoppage[- ]time|kick[- ]off"
    r"|equali[sz](?:er|ed)|goalkeeper|striker|midfielder|penalty|free[- ]kick|touchdown|innings"
    r"|wicket|quarterback|yellow[- ]card|red[- ]card|sin[- ]bin|\d+(?:st|nd|rd|th)[- ]minute"
    r"|hat[- ]trick|fly[- ]half|scrum|line-?out|the whistle|scored|the match|goal)\b"
)
_GAME_NUMBER_RE = re.compile(r"\d+")
# Values naming a day or a month, known or not: 2021-10-19, XXXX-04-03, XXXX-WXX-4, XXXX-08.
_DAY_PART_RE = re.compile(r"(?:\d{4}|XXXX)-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}-[1-7])(?:T|$)")
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
    reported: bool = True  # False for a quarter still running and not reported on ("will cut")
    start: int | None = None  # set when the rule trims the matched span
    end: int | None = None
    # For the document-level reading (``discourse``): mentions of the same day or month by the
    # same words share a ``key`` ("weekday", 6); ``lean`` is the direction their clause gave
    # (0 when none did), ``firm`` when a cue right by it did (the document does not override
    # it), ``explicit`` marks one whose day the text states ("Saturday, Nov. 1").
    key: tuple[object, ...] | None = None
    lean: int = 0
    firm: bool = False
    explicit: bool = False


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
        self._match_report: bool | None = None
        # What the clause around a mention says (its tense cues) depends on the text alone:
        # kept across the two readings of ``tagger``.
        self._cues: dict[tuple[str, int, int], object] = {}
        self.restart()

    def restart(self, fixed: dict[int, str] | None = None) -> None:
        """Forget what was said so far, for a new left-to-right reading with ``fixed``."""
        self.last_point: Point | None = None
        # The day (or month) last mentioned, as the date part of its value: without a reference
        # date "Thursday" is "XXXX-WXX-4", and "at 9:27 p.m." after it is still that Thursday.
        self.last_day: str | None = None
        self.last_quarter: Point | None = None
        # True after "the first nine months": the reporting period is not a quarter any more.
        self.period_not_quarter = False
        # Readings the document imposes on single mentions, by the start of their match: the
        # date part of the value to use ("2021-10-23", "XXXX-11-01"); see ``discourse``.
        self.fixed: dict[int, str] = fixed or {}

    @property
    def match_report(self) -> bool:
        """Whether the text reports a game: "the first half" and "54 minutes" are then the
        match's clock, not the calendar. Two distinct words of the game are enough; found once."""
        if self._match_report is None:
            cues = {_GAME_NUMBER_RE.sub("", cue) for cue in _GAME_CUES_RE.findall(self.low)}
            self._match_report = len(cues) >= 2
        return self._match_report

    def original(self, m: re.Match[str], group: str | int = 0) -> str:
        """The original-case text of a group of a match made on the lower-cased text."""
        return self.text[m.start(group) : m.end(group)]

    def skip_space(self, pos: int) -> int:
        """The first non-space position at or after ``pos``: where the next word starts."""
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        return pos

    def capitalized(self, word: str) -> bool:
        """Whether ``word`` starts with a capital (always true of lower-cased input)."""
        return not self.cased or word[:1].isupper()

    def title_word(self, pos: int) -> bool:
        """A capitalised common word mid-sentence: part of a title ("This Week", "60 Minutes")."""
        if not self.cased or not self.text[pos : pos + 1].isupper():
            return False
        return not sentence_initial(self.text, pos) and self.text[max(0, pos - 2) : pos] != ": "

    def direction(self, start: int, end: int) -> int:
        """context.PAST / NEUTRAL / FUTURE for the mention at ``start:end``."""
        return int(self._cue("direction", start, end))

    def told_as_past(self, start: int) -> bool:
        """Whether the words before the mention are in the past tense."""
        return bool(self._cue("told_as_past", start, start))

    def firmly_placed(self, start: int, end: int) -> bool:
        """Whether a tense cue right by the mention places it (see ``discourse``)."""
        return bool(self._cue("firmly_placed", start, end))

    def will_happen(self, start: int, end: int) -> bool:
        """Whether a future auxiliary or "ahead of" marks the mention as still to come."""
        return bool(self._cue("will_happen", start, end))

    def _cue(self, name: str, start: int, end: int) -> object:
        key = (name, start, end)
        if key not in self._cues:
            bounds = self.sentences.bounds(start)
            if name == "told_as_past":
                self._cues[key] = context.told_as_past(self.text, start, bounds)
            else:
                self._cues[key] = _CLAUSE_READERS[name](self.text, start, end, bounds)
        return self._cues[key]

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
            # the quarter discussed before no longer anchors it; the year does.
            self.last_quarter = None
            self.period_not_quarter = True
            if self.ref is not None:
                self.last_point = Point(self.ref, "year")
        if resolved.memorable and _DAY_PART_RE.match(resolved.value):
            self.last_day = resolved.value.partition("T")[0]
        point = resolved.point
        # Periods derived from an earlier mention ("a year earlier") do not move the reference
        # time of the narrative; otherwise each "a year ago" would shift the next one again.
        if point is None or resolved.anchor == "mention" or not resolved.memorable:
            return
        self.last_point = point
        # The quarter "under discussion" is one whose results are reported: it is over, or (a
        # fiscal quarter) reported in the past tense. The quarter in progress ("will result in a
        # fourth-quarter charge") or forecasts for later ones ("the third quarter of 1990") do
        # not become what "the quarter" or "a year ago" refer to.
        if point.granularity in ("quarter", "half") and (
            self.ref is None
            or ended(point, self.ref)
            or (resolved.reported and point.day <= self.ref)
        ):
            self.last_quarter = point
            self.period_not_quarter = False


_CLAUSE_READERS = {
    "direction": context.direction,
    "firmly_placed": context.firmly_placed,
    "will_happen": context.will_happen,
}


def as_day(value: str) -> dt.date | str:
    """A date part of a value as a date when fully known ("2021-10-23"), else as it is."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def day_known(value: str | None) -> bool:
    """Whether a remembered date part names a day ("XXXX-WXX-4", "XXXX-04-03"), not a month."""
    return value is not None and (value.count("-") == 2)


def ended(point: Point, ref: dt.date) -> bool:
    """Whether the quarter or half-year ``point`` was over by ``ref``."""
    months = 3 if point.granularity == "quarter" else 6
    # Counted in whole periods, not dates: the quarter after one ending in 9999 is off the calendar.
    return _period_number(ref, months) > _period_number(point.day, months)


def _period_number(day: dt.date, months: int) -> int:
    return (day.year * 12 + day.month - 1) // months


def word_before(text: str, pos: int) -> str:
    """The lower-cased word ending before ``pos`` (punctuation in between skipped)."""
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def word_after(text: str, pos: int) -> str:
    """The word starting after ``pos``, in its original case."""
    m = _WORD_AFTER_RE.match(text, pos, pos + 40)
    return m.group(1) if m else ""


def sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence (opening quotes and brackets allowed)."""
    head = text[max(0, pos - 4) : pos].rstrip(" \"'`‘“(")
    return not head or head[-1] in ".!?\n"


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping any character whose lower case is longer (Turkish dotted I)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def underspecified(granularity: str) -> str:
    return _UNDERSPECIFIED[granularity]
