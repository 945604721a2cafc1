"""The ``brief batch`` command: parse its options, show progress, print records and the summary.

All the work is ``batch.run_batch``; this module only turns the command line into ``BatchOptions``,
writes each JSONL record to stdout as it arrives, draws a Rich progress bar on stderr when stderr is a
terminal, prints the final summary on stderr, and maps the outcome to an exit code: 0 when every input
was briefed (or skipped as up to date), 1 when any failed or stdout could not be written (one line,
``brief: write error: ...``), 2 for usage errors, 130 on Ctrl-C, 143 on SIGTERM and 129 on SIGHUP
(each stops the workers and removes their temp files; a record is never cut in half), 141 when the
reader of stdout goes away.
"""

import contextlib
import errno
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Annotated, BinaryIO

import typer

from ..errors import ExitCode
from ..options import DEFAULT_GLOBS
from ..reading import DEFAULT_MAX_BYTES
from ..reading.fetching import DEFAULT_TIMEOUT
from .options import (
    AlgorithmOpt,
    BatchFormat,
    DateOpt,
    ExplainAllOpt,
    ExplainOpt,
    IncludeTextOpt,
    MaxBytesOpt,
    NoDatesOpt,
    NoEntitiesOpt,
    RatioOpt,
    SentencesOpt,
    ShipMode,
    WordsOpt,
    analysis_options,
    checked_timeout,
)
from .streams import OutputError, stdout_closed

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Folders (walked recursively) or files to brief; - reads their paths from stdin.",
        metavar="PATH",
        show_default=False,
    ),
]
GlobOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        "-g",
        help="File-name pattern to brief in folders, any case; repeatable. "
        f"Default: {', '.join(DEFAULT_GLOBS)}.",
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
KeepExtensionOpt = Annotated[
    bool,
    typer.Option(
        "--keep-extension",
        help="Name outputs after the whole input name (story.txt.json), so story.txt and "
        "story.md do not both map to story.json.",
    ),
]
# Checked as summarize's is, so a script can pass the same options to both; batch reads only files
# (folders and listed paths), so no input of a batch waits on it: it bounds the wait for a cluster.
BatchTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.1,
        callback=checked_timeout,
        help="Seconds to reach the --scheduler and see a worker (summarize: for a URL).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on a Dask cluster: tcp://HOST:8786 or tls://HOST:8786, or local:N for N "
        "worker processes here (local: one per core). Needs the dask extra of brief-news.",
        metavar="ADDRESS",
        show_default=False,
    ),
]
ShipOpt = Annotated[
    ShipMode | None,
    typer.Option(
        "--ship",
        help="With --scheduler: send the workers each file's bytes (default), or only its path "
        "(workers that share this file system).",
        show_default=False,
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", help="With --scheduler: show Dask's log messages.")
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
    keep_extension: KeepExtensionOpt = False,
    from_stdin: FromStdinOpt = False,
    null: NullOpt = False,
    quiet: QuietOpt = False,
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
    timeout: BatchTimeoutOpt = DEFAULT_TIMEOUT,
    scheduler: SchedulerOpt = None,
    ship: ShipOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Brief every article in folders (or listed on stdin), in parallel: JSONL or one file each."""
    from ..batch import BatchOptions

    # `brief batch -` reads the paths from stdin, as --from-stdin does (a file named - is ./-).
    paths_on_stdin = paths == ["-"]
    with _StopSignals() as signals:
        try:
            options = BatchOptions(
                paths=() if paths_on_stdin else tuple(paths or ()),
                from_stdin=from_stdin or null or paths_on_stdin,
                null_separated=null,
                globs=tuple(globs) if globs else DEFAULT_GLOBS,
                hidden=hidden,
                jobs=jobs,
                ordered=ordered,
                out_dir=out,
                fmt=fmt.value,
                force=force,
                fail_fast=fail_fast,
                keep_extension=keep_extension,
                analysis=analysis_options(
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
                ),
                max_bytes=max_bytes,
                scheduler=scheduler,
                ship=ship.value if ship is not None else None,
                timeout=timeout,
                verbose=verbose,
            )
            options.validate()  # every usage error (exit 2) before any work
            code = _run(options, quiet, signals)
        except _Stopped as stopped:
            code = ExitCode(128 + stopped.number)
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
    raise typer.Exit(code)


def _run(options, quiet: bool, signals: "_StopSignals") -> int:
    """Run the batch, writing each record whole to stdout; return the exit code."""
    from ..batch import format_summary, run_batch

    stdout = _stdout(needed=options.out_dir is None)
    show_progress = not quiet and sys.stderr.isatty()
    with _progress(options) if show_progress else nullcontext() as bar:

        def emit(outcome) -> None:
            line = outcome.jsonl()
            if line is not None:
                with signals.held():
                    stdout.write(line.encode("utf-8"))
                    stdout.flush()
            if bar is not None:
                bar.advance()

        tally = run_batch(options, emit)
    if tally.failed or not quiet:
        sys.stderr.write(format_summary(tally))
    return ExitCode.INPUT if tally.failed else ExitCode.OK


# -- stdout ----------------------------------------------------------------------------------------


def _stdout(needed: bool) -> BinaryIO:
    """Stdout's bytes, written whole or failing with ``OutputError`` (see ``stdio``); a run whose
    records were to go to a closed stdout is refused before any work."""
    if needed and stdout_closed():
        raise OutputError(errno.EBADF, "standard output is closed")
    return sys.stdout.buffer


# -- signals ---------------------------------------------------------------------------------------


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: the run ends like Ctrl-C (and is one to any code that stops on
    Ctrl-C), with exit code 128 + ``number``."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _StopSignals:
    """Ctrl-C, SIGTERM and SIGHUP stop the run between two records, never inside one.

    The handler raises in the main thread (KeyboardInterrupt for SIGINT, ``_Stopped`` for the others),
    which unwinds ``run_batch``: workers stopped, temp files and lock removed. While a record is being
    written (``held``) a signal waits until the record is whole, so stdout never ends in half a JSON
    line; a second one stops at once, since a reader that stopped reading blocks the write for ever.
    Once stopping, further signals are ignored, so that the clean-up is not cut short.
    """

    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.writing = False
        self.waiting: int | None = None
        self.stopping = False

    def __enter__(self) -> "_StopSignals":
        if threading.current_thread() is threading.main_thread():
            for number in _STOP_SIGNALS:
                self.previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, signal.SIG_IGN if self.stopping else handler)

    def _handle(self, number: int, _frame) -> None:
        if self.stopping:
            return
        if self.writing and self.waiting is None:
            self.waiting = number
            return
        self._stop(number)

    def _stop(self, number: int) -> None:
        self.stopping = True
        if number == signal.SIGINT:
            raise KeyboardInterrupt
        raise _Stopped(number)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold stop signals during the block; one that came meanwhile acts when it ends."""
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.waiting is not None:
            self._stop(self.waiting)


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
        from ..batch import count_inputs

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


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command(
        epilog="Examples:  brief batch articles/ > briefs.jsonl  ·  "
        "brief batch articles/ --out briefs/ -f markdown  ·  "
        "find . -name '*.txt' -print0 | brief batch -0  ·  "
        "brief batch articles/ --scheduler tcp://HOST:8786 > briefs.jsonl",
    )(batch)
