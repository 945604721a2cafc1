"""The command line's options, declared once and shared by every command that briefs articles.

Each declaration is an ``Annotated`` type that typer reads: the flag, its help text and its limits.
``summarize``, ``entities``, ``dates`` and ``batch`` take them from here, so a flag means the same
thing, with the same limits, wherever it appears.
"""

from enum import Enum, StrEnum
from typing import Annotated

import typer

from ..reading import MAX_MAX_BYTES
from ..reading.fetching import check_timeout
from ..summary import ALGORITHMS


class Format(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


Algorithm = Enum("Algorithm", {name.replace("-", "_"): name for name in ALGORITHMS}, type=str)


def _checked_timeout(value: float) -> float:
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
RatioOpt = Annotated[
    float | None,
    typer.Option(
        "--ratio", min=0.001, max=1.0, help="Select this share of the sentences instead (0-1)."
    ),
]
AlgorithmOpt = Annotated[
    Algorithm | None,
    typer.Option("--algorithm", "-a", help="Sentence ranker (default: news).", show_default=False),
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
        callback=_checked_timeout,
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


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    tsv = "tsv"


ListFormatOpt = Annotated[
    ListFormat | None,
    typer.Option(
        "--format", "-f", help="Output format. Default: table on a terminal, tsv in a pipe."
    ),
]
