"""The ``brief`` command line: parse arguments, wire the pipeline, print, exit with a documented code.

This module holds no analysis: it reads the input (``reading``), calls the pipeline (``core``) and hands
the Brief to a renderer (``render``). It also owns the promises made to shell users: data on stdout,
messages on stderr, one line per problem, exit codes 0 (ok), 1 (input could not be briefed), 2 (usage),
130 (Ctrl-C), and a quiet exit when the reader of a pipe goes away (``brief ... | head``).
"""

import contextlib
import sys
from enum import Enum, StrEnum
from typing import Annotated

import typer

from . import __version__
from .errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, BriefError, UsageError
from .fetching import DEFAULT_TIMEOUT, check_timeout
from .reading import DEFAULT_MAX_BYTES, MAX_MAX_BYTES
from .stdio import OutputError, silence_stdout
from .summary import ALGORITHMS
from .visible import one_line

# Typer raises click's exceptions (vendored as typer._click since typer 0.22): find their base class
# through a public name instead of importing a private module.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program stopped by a closed pipe

app = typer.Typer(
    name="brief",
    help="Turn a news article into a brief: key sentences, who and what, and when. Works offline.",
    epilog="Example: brief summarize article.txt   ·   cat article.txt | brief summarize - --json",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


Algorithm = Enum("Algorithm", {name.replace("-", "_"): name for name in ALGORITHMS}, type=str)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a news article into a brief: key sentences, who and what, and when. Works offline."""


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


@app.command(
    epilog="Examples:  brief summarize story.txt  ·  brief summarize story.txt --json | jq .summary  "
    "·  brief summarize https://example.com/story  ·  curl -s URL | brief summarize - -n 5",
)
def summarize(
    article: ArticleArg,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    algorithm: AlgorithmOpt = None,
    explain: ExplainOpt = False,
    explain_all: Annotated[bool, typer.Option("--explain-all", hidden=True)] = False,
    published: DateOpt = None,
    no_entities: NoEntitiesOpt = False,
    no_dates: NoDatesOpt = False,
    include_text: IncludeTextOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    no_color: NoColorOpt = False,
) -> None:
    """Brief one article: headline, source, date, reading time, key sentences, who and when."""
    from .core import Options, brief_and_document, parse_date
    from .reading import read_source

    options = Options(
        sentences=sentences,
        ratio=ratio,
        algorithm=algorithm.value if algorithm else None,
        published=parse_date(published),
        words=words,
        explain="all" if explain_all else "selected" if explain else None,
        entities=not no_entities,
        dates=not no_dates,
        include_text=include_text,
    )
    _hint_if_waiting(article)
    source = read_source(article, max_bytes=max_bytes, timeout=timeout)
    brief, document = brief_and_document(source, options)
    _warn(brief)
    _emit(brief, _choose_format(fmt, as_json), no_color, _sentences(document))


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


@app.command(
    epilog="Examples:  brief entities story.txt  ·  brief entities story.txt -f tsv | cut -f1,2  "
    "·  brief entities story.txt -f jsonl | jq -r .name",
)
def entities(
    article: ArticleArg,
    fmt: ListFormatOpt = None,
    as_json: JsonOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    no_color: NoColorOpt = False,
) -> None:
    """List the people, organizations and places an article names, each once, with mention counts."""
    from .core import Options

    brief, document = _brief_only(article, Options(dates=False), max_bytes, timeout)
    _emit_listing(brief, document, "entities", _list_format(fmt, as_json), no_color)


@app.command(
    epilog="Examples:  brief dates story.txt  ·  brief dates story.txt --date 2021-10-19 -f json  "
    "·  brief dates story.txt -f tsv | cut -f1,3",
)
def dates(
    article: ArticleArg,
    fmt: ListFormatOpt = None,
    as_json: JsonOpt = False,
    published: DateOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    no_color: NoColorOpt = False,
) -> None:
    """List every date and time expression, resolved against the publication date, as a timeline."""
    from .core import Options, parse_date

    options = Options(published=parse_date(published), entities=False)
    brief, document = _brief_only(article, options, max_bytes, timeout)
    _emit_listing(brief, document, "dates", _list_format(fmt, as_json), no_color)


def _brief_only(article: str, options, max_bytes: int, timeout: float):
    from dataclasses import replace

    from .core import brief_and_document
    from .reading import read_source

    # A listing needs no summary: the cheap "lead" ranker stands in.
    _hint_if_waiting(article)
    source = read_source(article, max_bytes=max_bytes, timeout=timeout)
    brief, document = brief_and_document(source, replace(options, algorithm="lead"))
    _warn(brief)
    return brief, document


def _hint_if_waiting(article: str) -> None:
    # `brief summarize -` typed at a terminal would otherwise wait in silence.
    if article == "-" and sys.stdin.isatty():
        _say("brief: reading the article from standard input; end it with Ctrl-D")


def _list_format(fmt: ListFormat | None, as_json: bool) -> str:
    if as_json:
        return "json"
    if fmt is not None:
        return fmt.value
    return "table" if sys.stdout.isatty() else "tsv"


def _emit_listing(brief, document, kind: str, fmt: str, no_color: bool) -> None:
    from . import render

    data = brief.to_dict()
    with _stdout():
        if fmt == "table" and kind == "entities":
            render.print_entities_table(data, _console(no_color))
        elif fmt == "table":
            render.print_dates_table(data, _sentences(document), _console(no_color))
        else:
            renderer = render.render_entities if kind == "entities" else render.render_dates
            sys.stdout.write(renderer(data, fmt))


def _choose_format(fmt: Format | None, as_json: bool) -> str:
    if as_json:
        return "json"
    if fmt is not None:
        return fmt.value
    return "rich" if sys.stdout.isatty() else "text"


def _emit(brief, fmt: str, no_color: bool, sentences: dict) -> None:
    from . import render

    with _stdout():
        if fmt == "rich":
            render.print_rich(brief, _console(no_color), sentences)
        else:
            sys.stdout.write(render.render(brief, fmt, sentences))


def _sentences(document) -> dict[int, tuple[int, str]]:
    """Each sentence's start and text by index, for views that quote a date's sentence."""
    return {s.index: (s.start, s.text) for s in document.sentences}


def _console(no_color: bool):
    from rich.console import Console

    return Console(no_color=no_color or None, highlight=False)


@contextlib.contextmanager
def _stdout():
    """Write the command's output, flushed at the end. A reader that went away (``| head``) or a
    failed write surfaces as ``OutputError`` (see ``stdio``), which ``main`` turns into an exit code."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Only when stdout is not brief's own writer (the app run in-process, say).
        raise typer.Exit(_quiet_broken_pipe()) from None


def _warn(brief) -> None:
    """The brief's notices for the reader (a repaired encoding, a foreign text), one line each."""
    where = brief.source.path if brief.source.path != "-" else "<stdin>"
    for warning in brief.warnings:
        _say(f"brief: {where}: warning: {warning}")


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the app and turn every outcome into an exit code."""
    command = typer.main.get_command(app)
    args = _explain_all(sys.argv[1:] if argv is None else argv)
    try:
        code = command.main(args=args, prog_name="brief", standalone_mode=False)
        code = code if isinstance(code, int) else EXIT_OK
        if code == EXIT_OK:
            sys.stdout.flush()
    except BriefError as error:
        _say(f"brief: {_flag_named(error)}")
        code = error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        code = EXIT_INTERRUPTED
    except _CLICK_EXCEPTION as error:
        error.show()
        code = error.exit_code
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except OutputError as error:
        code = _output_failed(error)
    except typer.Exit as done:
        code = done.exit_code
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _say(message: str) -> None:
    """One line on stderr, whatever the message quotes (names, URLs, article text)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(one_line(message) + "\n")
        sys.stderr.flush()


# The library names its options by keyword; the command line names them by flag.
_FLAGS = {
    "sentences": "--sentences",
    "words": "--words",
    "ratio": "--ratio",
    "algorithm": "--algorithm",
    "explain": "--explain",
    "date": "--date",
    "published": "--date",
}


def _flag_named(error: BriefError) -> str:
    if isinstance(error, UsageError) and error.where in _FLAGS:
        return f"{_FLAGS[error.where]}: {error.message}"
    return str(error)


def _output_failed(error: OutputError) -> int:
    """Exit 141 when the reader of a pipe left; otherwise one line naming the write error, exit 1."""
    silence_stdout()
    if error.reader_left:
        return EXIT_BROKEN_PIPE
    _say(f"brief: write error: {error.reason}")
    return EXIT_INPUT


def _explain_all(args: list[str]) -> list[str]:
    """Read ``--explain all`` as the hidden flag ``--explain-all`` (click has no optional values)."""
    rewritten = []
    for arg in args:
        if arg == "all" and rewritten and rewritten[-1] == "--explain":
            rewritten[-1] = "--explain-all"
        else:
            rewritten.append(arg)
    return rewritten


def _quiet_broken_pipe() -> int:
    # Python would complain again when it flushes stdout at exit; point stdout at /dev/null first.
    silence_stdout()
    return EXIT_BROKEN_PIPE


from .batch_command import register as _register_batch  # noqa: E402  (uses the options above)

_register_batch(app)


__all__ = ["EXIT_INPUT", "EXIT_USAGE", "app", "main"]
