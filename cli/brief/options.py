"""The analysis options record: how to brief an article, checked once for every way in.

``Options`` is what the Python API, ``summarize``, ``entities``, ``dates`` and every worker of
``batch`` pass to the pipeline (``core``). It is keyword-only, so a call names each choice, and
frozen, so a worker cannot change what the next article gets. Its values are checked when it is made:
a value no brief can be made with is an ``OptionError`` (a ``UsageError`` and a ``ValueError``) whose ``where`` is the keyword's name (the
command line names the flag instead), never an exception from deep inside a ranker.

The names of the other choices a caller makes (output formats, the files a batch picks in a folder)
are here too, each defined once for the command line and the library below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .dates import EARLIEST_DATE, LATEST_DATE, plausible_date
from .errors import OptionError

EXPLAIN_MODES = ("selected", "all")

# What ``summarize`` prints, what ``entities`` and ``dates`` print, and what ``batch`` writes.
BRIEF_FORMATS = ("rich", "text", "markdown", "json", "jsonl")
LIST_FORMATS = ("table", "json", "jsonl", "tsv")
BATCH_FORMATS = ("jsonl", "json", "markdown")  # json and markdown only with an output folder
# What a ``batch`` on a Dask cluster sends its workers: the files' bytes (workers need no access to
# the client's disk), or their paths (workers that see the same files, on a shared file system).
SHIP_MODES = ("bytes", "paths")
# The files ``batch`` briefs in a folder, matched without regard to case (STORY.TXT too).
DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How to brief: the analysis choices shared by every command."""

    sentences: int | None = None
    ratio: float | None = None
    algorithm: str | None = None
    published: date | None = None
    words: int | None = None  # a word budget for the summary, instead of a sentence count
    explain: str | None = None  # None, "selected" (components of chosen sentences) or "all"
    entities: bool = True  # find people, organizations and places
    dates: bool = True  # find and resolve date expressions
    include_text: bool = False  # carry the article text in the brief (always done for web pages)

    def __post_init__(self) -> None:
        # One place for the limits, so the Python API, summarize and batch refuse the same values.
        _check_options(self)


def _check_options(options: Options) -> None:
    """Raise ``OptionError`` for a value no brief can be made with."""
    from .summary import ALGORITHMS  # the rankers load lazily; their names are cheap

    _check_count("sentences", options.sentences)
    _check_count("words", options.words)
    _check_ratio(options.ratio)
    if options.algorithm is not None and options.algorithm not in ALGORITHMS:
        raise OptionError(
            "algorithm", f"unknown ranker {options.algorithm!r}; one of {', '.join(ALGORITHMS)}"
        )
    if options.explain is not None and options.explain not in EXPLAIN_MODES:
        raise OptionError("explain", f"must be 'selected' or 'all', not {options.explain!r}")
    for name in ("entities", "dates", "include_text"):
        if not isinstance(getattr(options, name), bool):
            raise OptionError(name, f"must be True or False, not {getattr(options, name)!r}")
    when = options.published
    if when is not None and (not isinstance(when, date) or not plausible_date(when)):
        raise OptionError(
            "published", f"must be a date between {EARLIEST_DATE} and {LATEST_DATE}, not {when}"
        )


def _check_count(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise OptionError(name, f"must be a whole number of at least 1, not {value!r}")


def _check_ratio(ratio: object) -> None:
    if ratio is not None and (
        isinstance(ratio, bool)
        or not isinstance(ratio, int | float)
        or not math.isfinite(ratio)
        or not 0 < ratio <= 1
    ):
        raise OptionError("ratio", f"must be a share above 0 and at most 1, not {ratio!r}")
