"""Dates on the calendar: every date, time, duration and recurrence in an article, as TIMEX3.

``extract_dates`` finds temporal expressions with rules written in this project (``brief.timex``)
and resolves relative ones ("Tuesday", "last year", "two weeks ago") against the publication
date, choosing the past or the coming occurrence from the tense of the sentence. Offsets index the
text exactly as given, spans follow TimeML ("Tuesday", not "on Tuesday"), and without a reference
date relative values stay underspecified ("XXXX-WXX-2") instead of guessing today.

Any web page can say "800000 days ago" or carry a dateline dated 9999: expressions whose date falls
off the calendar are dropped, and a reference outside ``EARLIEST_DATE``..``LATEST_DATE`` is no
reference at all, so nothing here raises on what a text says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from ..briefing import DateAnchor, DateMention, DateType
from ..loading import load_once

if TYPE_CHECKING:
    from .timex.context import SentenceIndex
    from .timex.tagger import Timex

__all__ = ["EARLIEST_DATE", "LATEST_DATE", "DateMention", "extract_dates", "plausible_date"]

# Publication dates outside this range are typing mistakes (or mischief), and date arithmetic near
# the ends of Python's calendar (years 1 and 9999) would overflow: "next week" of 9999-12-31.
EARLIEST_DATE = dt.date(1000, 1, 1)
LATEST_DATE = dt.date(8999, 12, 31)


def plausible_date(day: dt.date | None) -> bool:
    """Whether ``day`` can be an article's publication date (and so a reference to resolve on)."""
    if day is None:
        return False
    return EARLIEST_DATE <= dt.date(day.year, day.month, day.day) <= LATEST_DATE


def extract_dates(
    text: str,
    reference: dt.date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Temporal expressions of ``text`` in text order, resolved against ``reference``.

    ``sentences`` are (start, end) spans from the document step; they set ``sentence_index``
    and help find each mention's clause. Without them the tagger finds sentences itself and
    ``sentence_index`` stays None. A reference that is not a ``plausible_date`` is ignored.
    Each mention carries its human ``label`` and the ``range`` it is part of (``ranges``).
    """
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    if not plausible_date(reference):
        reference = None
    tag, sentence_index = _engine()
    spans = [(int(s), int(e)) for s, e in sentences] if sentences else None
    index = sentence_index(text, spans) if spans else None
    mentions = []
    for timex in tag(text, reference, spans):
        r = timex.resolved
        mentions.append(
            DateMention(
                text=text[timex.start : timex.end],
                start=timex.start,
                end=timex.end,
                type=cast(DateType, r.type),
                value=r.value,
                precision=r.precision,
                relative=r.relative,
                anchor=cast(DateAnchor, r.anchor),
                sentence_index=index.index(timex.start) if index else None,
            )
        )
    from .ranges import describe  # labels and ranges, so that library callers get them too

    return describe(text, mentions)


@load_once
def _engine() -> tuple[
    Callable[[str, dt.date | None, list[tuple[int, int]] | None], list[Timex]],
    type[SentenceIndex],
]:
    """The tagger, imported on first use: its rule modules compile a few hundred regular
    expressions (~0.1 s), which commands that never look at dates should not pay for."""
    from .timex.context import SentenceIndex
    from .timex.tagger import tag

    return tag, SentenceIndex
