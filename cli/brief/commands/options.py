"""The command line's options, declared once and shared by every command that briefs articles.

Each declaration is an ``Annotated`` type that typer reads: the flag, its help text and its limits.
``summarize``, ``entities``, ``dates`` and ``batch`` take them from here, so a flag means the same
thing, with the same limits, wherever it appears. ``analysis_options`` is the one way from those
flags to the analysis ``Options`` record, for ``summarize`` and ``batch`` alike.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..options import BATCH_FORMATS, BRIEF_FORMATS, LIST_FORMATS, SHIP_MODES
from ..reading import MAX_MAX_BYTES
from ..reading.fetching import check_timeout
from ..summary import ALGORITHMS

if TYPE_CHECKING:
    from ..options import Options


def _choices(name: str, values: tuple[str, ...]) -> type[StrEnum]:
    """A typer choice type over names defined once in ``brief.options``."""
    return StrEnum(name, {value.replace("-", "_"): value for value in values})  # type: ignore[return-value]


Format = _choices("Format", BRIEF_FORMATS)
ListFormat = _choices("ListFormat", LIST_FORMATS)
BatchFormat = _choices("BatchFormat", BATCH_FORMATS)
ShipMode = _choices("ShipMode", SHIP_MODES)
Algorithm = Enum("Algorithm", {name.replace("-", "_"): name for name in ALGORITHMS}, type=str)


def checked_timeout(value: float) -> float:
    """A ``--timeout`` value, checked by the fetcher's own rule (a NaN or an infinity is refused)."""
    # Checked for every input, not only URLs, so a NaN or an infinity is refused before any work.
    check_timeout(value)
    return value


# Options shared by the commands that brief articles.
ArticleArg = Annotated[
    str,
    typer.Argument(
        help="Article to read: a text or HTML file, an http(s) URL, or - for standard input."
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format. Default: rich on a terminal, text in a pipe."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
SentencesOpt = Annotated[
    int | None,
    typer.Option(
        "--sentences",
        "-n",
        min=1,
        help="How many key sentences to select (default: 3, more for long articles).",
        show_default=False,
    ),
]
WordsOpt = Annotated[
    int | None,
    typer.Option(
        "--words", "-w", min=1, help="Select key sentences up to this many words instead."
    ),
]
ExplainOpt = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show why each key sentence was chosen (score components); '--explain all' ranks every sentence.",
    ),
]
# ``--explain all`` and ``--explain=all`` arrive as this hidden flag (see ``commands._explain_all``).
ExplainAllOpt = Annotated[bool, typer.Option("--explain-all", hidden=True)]
RatioOpt = Annotated[
    float | None,
    typer.Option(
        "--ratio", min=0.001, max=1.0, help="Select this share of the sentences instead (0-1)."
    ),
]
AlgorithmOpt = Annotated[
    Algorithm | None,
    typer.Option(
        "--algorithm",
        "-a",
        # The names go in the help text, where the help wraps between words; as a metavar they
        # would be one long word, cut anywhere.
        metavar="NAME",
        help=f"Sentence ranker: {', '.join(ALGORITHMS)} (default: news).",
        show_default=False,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="Publication date (YYYY-MM-DD), overriding the one the article carries."
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_MAX_BYTES,
        help="Refuse inputs (files, stdin, downloads) larger than this.",
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.1,
        callback=checked_timeout,
        help="Give up on a URL after this many seconds (whole request).",
    ),
]
IncludeTextOpt = Annotated[
    bool,
    typer.Option(
        "--include-text", help="Put the article text in the JSON (always there for web pages)."
    ),
]
NoEntitiesOpt = Annotated[
    bool, typer.Option("--no-entities", help="Skip people, organizations and places (faster).")
]
NoDatesOpt = Annotated[
    bool, typer.Option("--no-dates", help="Skip the timeline of dates (faster).")
]
NoColorOpt = Annotated[
    bool, typer.Option("--no-color", help="No colour in the terminal view (or set NO_COLOR).")
]


ListFormatOpt = Annotated[
    ListFormat | None,
    typer.Option(
        "--format", "-f", help="Output format. Default: table on a terminal, tsv in a pipe."
    ),
]


def analysis_options(
    *,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    algorithm: Enum | None = None,
    explain: bool = False,
    explain_all: bool = False,
    published: str | None = None,
    no_entities: bool = False,
    no_dates: bool = False,
    include_text: bool = False,
) -> Options:
    """The analysis ``Options`` for the flags of a command: the one way in from the command line,
    so ``summarize`` and ``batch`` read a flag alike. Flags that ask for two summary lengths at once
    are refused (exit 2) rather than one of them being dropped in silence."""
    from ..core import parse_date
    from ..options import Options

    given = (("--sentences", sentences), ("--words", words), ("--ratio", ratio))
    lengths = [flag for flag, value in given if value is not None]
    if len(lengths) > 1:
        raise UsageError(
            lengths[1], f"give one of --sentences, --words or --ratio, not {_and(lengths)}"
        )
    return Options(
        sentences=sentences,
        words=words,
        ratio=ratio,
        algorithm=algorithm.value if algorithm is not None else None,
        explain="all" if explain_all else "selected" if explain else None,
        published=parse_date(published),
        entities=not no_entities,
        dates=not no_dates,
        include_text=include_text,
    )


def _and(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1]
