"""The commands that brief one article: ``summarize``, ``entities`` and ``dates``.

Each reads its input (``reading``), runs the pipeline (``core``), prints the brief's warnings on stderr
and hands the Brief to a view (``render``): Rich on a terminal, plain text, Markdown, JSON or TSV in a
pipe. No analysis happens here.
"""

import contextlib
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import typer

from ..errors import UsageError
from ..reading import DEFAULT_MAX_BYTES, where_of
from ..reading.fetching import DEFAULT_TIMEOUT
from .options import (
    AlgorithmOpt,
    ArticleArg,
    DateOpt,
    ExplainAllOpt,
    ExplainOpt,
    Format,
    FormatOpt,
    IncludeTextOpt,
    JsonOpt,
    ListFormat,
    ListFormatOpt,
    MaxBytesOpt,
    NoColorOpt,
    NoDatesOpt,
    NoEntitiesOpt,
    RatioOpt,
    SentencesOpt,
    TimeoutOpt,
    WordsOpt,
    analysis_options,
)
from .streams import say

_COMMANDS: list[tuple[Callable[..., None], dict[str, Any]]] = []


def _command(**settings: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a function as a command; ``register`` adds the marked ones to the app, in this order."""

    def mark(function: Callable[..., None]) -> Callable[..., None]:
        _COMMANDS.append((function, settings))
        return function

    return mark


def register(app: typer.Typer) -> None:
    """Add ``summarize``, ``entities`` and ``dates`` to ``app``."""
    for function, settings in _COMMANDS:
        app.command(**settings)(function)


@_command(
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
    explain_all: ExplainAllOpt = False,
    published: DateOpt = None,
    no_entities: NoEntitiesOpt = False,
    no_dates: NoDatesOpt = False,
    include_text: IncludeTextOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    no_color: NoColorOpt = False,
) -> None:
    """Brief one article: headline, source, date, reading time, key sentences, who and when."""
    fmt_name = _choose_format(fmt, as_json)  # conflicting flags are refused before any work
    options = analysis_options(
        sentences=sentences,
        words=words,
        ratio=ratio,
        algorithm=algorithm,
        explain=explain,
        explain_all=explain_all,
        published=published,
        no_entities=no_entities,
        no_dates=no_dates,
        include_text=include_text,
    )
    brief = _read_and_brief(article, options, max_bytes, timeout)
    _emit(brief, fmt_name, no_color)


@_command(
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
    fmt_name = _list_format(fmt, as_json)
    brief = _brief_only(article, analysis_options(no_dates=True), max_bytes, timeout)
    _emit_listing(brief, "entities", fmt_name, no_color)


@_command(
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
    fmt_name = _list_format(fmt, as_json)
    options = analysis_options(published=published, no_entities=True)
    brief = _brief_only(article, options, max_bytes, timeout)
    _emit_listing(brief, "dates", fmt_name, no_color)


def _brief_only(article: str, options, max_bytes: int, timeout: float):
    from dataclasses import replace

    # A listing needs no summary: the cheap "lead" ranker stands in.
    return _read_and_brief(article, replace(options, algorithm="lead"), max_bytes, timeout)


def _read_and_brief(article: str, options, max_bytes: int, timeout: float):
    """Read the article, brief it, and say the brief's warnings on stderr (every command's path)."""
    from ..core import brief_source
    from ..reading import read_source

    _hint_if_waiting(article)
    source = read_source(article, max_bytes=max_bytes, timeout=timeout)
    brief = brief_source(source, options)
    _warn(brief)
    return brief


def _hint_if_waiting(article: str) -> None:
    # `brief summarize -` typed at a terminal would otherwise wait in silence.
    if article == "-" and sys.stdin.isatty():
        say("brief: reading the article from standard input; end it with Ctrl-D")


def _list_format(fmt: ListFormat | None, as_json: bool) -> str:
    _refuse_two_formats(fmt, as_json)
    if as_json:
        return "json"
    if fmt is not None:
        return fmt.value
    return "table" if sys.stdout.isatty() else "tsv"


def _emit_listing(brief, kind: str, fmt: str, no_color: bool) -> None:
    from .. import render

    with _stdout():
        if fmt == "table" and kind == "entities":
            render.print_entities_table(brief, _console(no_color))
        elif fmt == "table":
            render.print_dates_table(brief, _console(no_color))
        else:
            renderer = render.render_entities if kind == "entities" else render.render_dates
            sys.stdout.write(renderer(brief.to_dict(), fmt))


def _refuse_two_formats(fmt: StrEnum | None, as_json: bool) -> None:
    """``--json -f markdown`` asks for two outputs: refused (exit 2), not settled in silence."""
    if as_json and fmt is not None and fmt.value != "json":
        raise UsageError("--json", f"asks for JSON, and --format for {fmt.value}; give one of them")


def _choose_format(fmt: Format | None, as_json: bool) -> str:
    _refuse_two_formats(fmt, as_json)
    if as_json:
        return "json"
    if fmt is not None:
        return fmt.value
    return "rich" if sys.stdout.isatty() else "text"


def _emit(brief, fmt: str, no_color: bool) -> None:
    from .. import render

    with _stdout():
        if fmt == "rich":
            render.print_rich(brief, _console(no_color))
        else:
            sys.stdout.write(render.render(brief, fmt))


def _console(no_color: bool):
    from rich.console import Console

    return Console(no_color=no_color or None, highlight=False)


@contextlib.contextmanager
def _stdout():
    """Write the command's output, flushed at the end. A reader that went away (``| head``) or a
    failed write surfaces as ``OutputError`` (see ``stdio``), which ``main`` turns into an exit code."""
    yield
    sys.stdout.flush()


def _warn(brief) -> None:
    """The brief's notices for the reader (a repaired encoding, a foreign text), one line each."""
    where = where_of(brief.source.path)
    for warning in brief.warnings:
        say(f"brief: {where}: warning: {warning}")
