"""The ``brief batch`` command: parse its options, show progress, print records and the summary.

All the work is ``batch.run_batch``; this module only turns the command line into ``BatchOptions``,
writes each JSONL record to stdout as it arrives, draws a Rich progress bar on stderr when stderr is a
terminal, prints the final summary on stderr, and maps the outcome to an exit code: 0 when every input
was briefed (or skipped as up to date), 1 when any failed, 2 for usage errors, 130 on Ctrl-C, 141 when
the reader of stdout goes away.
"""

import contextlib
import os
import sys
import threading
from contextlib import nullcontext
from enum import StrEnum
from typing import Annotated

import typer

from .app import (
    EXIT_BROKEN_PIPE,
    AlgorithmOpt,
    DateOpt,
    ExplainOpt,
    MaxBytesOpt,
    RatioOpt,
    SentencesOpt,
    WordsOpt,
)
from .errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK
from .reading import DEFAULT_MAX_BYTES


class BatchFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    markdown = "markdown"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Folders (walked recursively) or files to brief.", metavar="PATH", show_default=False
    ),
]
GlobOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        "-g",
        help="File-name pattern to brief in folders; repeatable. Default: *.txt and *.md.",
        show_default=False,
    ),
]
HiddenOpt = Annotated[bool, typer.Option("--hidden", help="Also brief hidden files and folders.")]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
]
OrderedOpt = Annotated[
    bool, typer.Option("--ordered", help="Print records in input order, not as they complete.")
]
BatchFormatOpt = Annotated[
    BatchFormat,
    typer.Option(
        "--format",
        "-f",
        help="jsonl: one JSON line per article on stdout (or DIR/a/b.json with --out); "
        "json and markdown: one DIR/a/b.json or .md file per article (need --out).",
    ),
]
OutOpt = Annotated[
    str | None,
    typer.Option(
        "--out",
        "-o",
        help="Write one file per article under this folder, mirroring the input tree.",
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Rewrite outputs that are already up to date.")
]
FailFastOpt = Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failure.")]
FromStdinOpt = Annotated[
    bool, typer.Option("--from-stdin", help="Read the paths to brief from stdin, one per line.")
]
NullOpt = Annotated[
    bool,
    typer.Option("--null", "-0", help="Paths on stdin are NUL-separated (find -print0)."),
]
QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar, and no summary unless something failed."),
]


def batch(
    paths: PathsArg = None,
    globs: GlobOpt = None,
    hidden: HiddenOpt = False,
    jobs: JobsOpt = None,
    ordered: OrderedOpt = False,
    fmt: BatchFormatOpt = BatchFormat.jsonl,
    out: OutOpt = None,
    force: ForceOpt = False,
    fail_fast: FailFastOpt = False,
    from_stdin: FromStdinOpt = False,
    null: NullOpt = False,
    quiet: QuietOpt = False,
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    algorithm: AlgorithmOpt = None,
    explain: ExplainOpt = False,
    published: DateOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
) -> None:
    """Brief every article in folders (or listed on stdin), in parallel: JSONL or one file each."""
    from .batch import DEFAULT_GLOBS, BatchOptions, format_summary, run_batch
    from .core import Options, parse_date

    options = BatchOptions(
        paths=tuple(paths or ()),
        from_stdin=from_stdin or null,
        null_separated=null,
        globs=tuple(globs) if globs else DEFAULT_GLOBS,
        hidden=hidden,
        jobs=jobs,
        ordered=ordered,
        out_dir=out,
        fmt=fmt.value,
        force=force,
        fail_fast=fail_fast,
        analysis=Options(
            sentences=sentences,
            ratio=ratio,
            algorithm=algorithm.value if algorithm else None,
            published=parse_date(published),
            words=words,
            explain="selected" if explain else None,
        ),
        max_bytes=max_bytes,
    )
    options.validate()
    stdout = sys.stdout.buffer
    show_progress = not quiet and sys.stderr.isatty()
    try:
        with _progress(options) if show_progress else nullcontext() as bar:

            def emit(outcome) -> None:
                line = outcome.jsonl()
                if line is not None:
                    stdout.write(line.encode("utf-8"))
                    stdout.flush()
                if bar is not None:
                    bar.advance()

            tally = run_batch(options, emit)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        raise typer.Exit(_quiet_broken_pipe()) from None
    if tally.failed or not quiet:
        sys.stderr.write(format_summary(tally))
    raise typer.Exit(EXIT_INPUT if tally.failed else EXIT_OK)


class _Bar:
    """A Rich progress bar on stderr whose total is counted in the background."""

    def __init__(self, options) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("briefing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("briefing", total=None)
        if not options.from_stdin:  # stdin can be read only once: its total stays unknown
            threading.Thread(target=self._count, args=(options,), daemon=True).start()

    def _count(self, options) -> None:
        from .batch import count_inputs

        # The bar is a courtesy: a folder that cannot be counted is reported by the run itself.
        with contextlib.suppress(Exception):
            self.progress.update(self.task, total=count_inputs(options))

    def advance(self) -> None:
        self.progress.advance(self.task)

    def __enter__(self) -> "_Bar":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()


def _progress(options) -> _Bar:
    return _Bar(options)


def _quiet_broken_pipe() -> int:
    # Python would complain again when it flushes stdout at exit; point stdout at /dev/null first.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command(
        epilog="Examples:  brief batch articles/ > briefs.jsonl  ·  "
        "brief batch articles/ --out briefs/ -f markdown  ·  "
        "find . -name '*.txt' -print0 | brief batch -0",
    )(batch)
