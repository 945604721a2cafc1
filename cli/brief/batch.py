"""Brief many articles at once: find the inputs, fan them out to worker processes, stream the results.

``run_batch`` is the whole job of ``brief batch``, with plain parameters (``BatchOptions``) and no
argument parsing or terminal code. Inputs come from folders (walked recursively in sorted order,
hidden entries skipped, each folder walked once however many symlinks lead to it) or from a list of
paths on stdin. Worker processes, forked from a server that has loaded the models once, run the
single-article pipeline (``reading.read_source``, then ``core.brief_source``) on chunks of inputs.
A worker returns either the JSONL line to print or, with an output folder, writes the file itself
(temp file, fsync, rename) and returns a small status, so the main process stays lean. Results stream
back as they complete (or in input order) with a bounded number in flight; one bad file becomes an
error record, never the end of the batch. A rerun skips an input whose output records the same source
sha256 (``source.sha256`` in JSON, a comment on the first line of Markdown) and removes the temp files
of runs that were killed.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from typing import BinaryIO

from .core import Options
from .errors import BriefError, UsageError
from .reading import DEFAULT_MAX_BYTES, printable

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")
FORMATS = ("jsonl", "json", "markdown")  # json and markdown only with an output folder
EXTENSIONS = {"jsonl": ".json", "json": ".json", "markdown": ".md"}

OK, SKIPPED, FAILED = "ok", "skipped", "failed"
MAX_CHUNK = 8  # inputs per task once ramped up: IPC cost per article becomes negligible
LISTED_FAILURES = 50  # failures kept for the summary; the rest are only counted

# Markdown has no field for the source hash, so the first line of a Markdown output carries it in a
# comment (invisible when rendered); resume reads it back from there.
MARKDOWN_STAMP = "<!-- brief: source sha256 {sha256} -->\n"
_STAMP = re.compile(r"<!-- brief: source sha256 ([0-9a-f]{64}) -->")
# Temp files are ".NAME.tmp-PID-RANDOM" beside their final output; a rerun removes those of dead pids.
_TEMP = re.compile(r"^\..+\.tmp-(\d+)-[0-9a-f]{8}$")
_FORKSERVER_FLAG = "BRIEF_BATCH_FORKSERVER"
# Used to warm up when core has no warm_up(): enough sentences for the rankers to run in full.
_WARM_TEXT = (
    "Warm-up headline for the workers\n\nLONDON (Reuters) - The models load once per worker. "
    "Later articles reuse them on Tuesday. Officials said the first article should not wait. "
    "Analysts in Paris and Berlin agreed with the plan. The ranking step runs on every sentence.\n"
)


@dataclass(frozen=True)
class BatchOptions:
    """What to brief and how: everything ``brief batch`` takes, as plain values."""

    paths: tuple[str, ...] = ()
    from_stdin: bool = False
    null_separated: bool = False
    globs: tuple[str, ...] = DEFAULT_GLOBS
    hidden: bool = False
    jobs: int | None = None
    ordered: bool = False
    out_dir: str | None = None
    fmt: str = "jsonl"
    force: bool = False
    fail_fast: bool = False
    analysis: Options = field(default_factory=Options)
    max_bytes: int = DEFAULT_MAX_BYTES
    stdin: BinaryIO | None = None  # where --from-stdin reads; default sys.stdin.buffer

    def validate(self) -> None:
        """Raise ``UsageError`` (exit 2) for combinations that cannot work."""
        if self.fmt not in FORMATS:
            raise UsageError("--format", f"batch writes {', '.join(FORMATS)}, not {self.fmt!r}")
        if self.fmt != "jsonl" and self.out_dir is None:
            raise UsageError("--format", f"{self.fmt} needs --out DIR; stdout carries JSONL")
        if self.paths and self.from_stdin:
            raise UsageError("--from-stdin", "give folders or --from-stdin, not both")
        if not self.paths and not self.from_stdin:
            raise UsageError("brief batch", "give at least one folder, or --from-stdin")
        if self.jobs is not None and self.jobs < 1:
            raise UsageError("--jobs", "must be at least 1")
        if (
            self.out_dir is not None
            and os.path.exists(self.out_dir)
            and not os.path.isdir(self.out_dir)
        ):
            raise UsageError("--out", f"{self.out_dir} exists and is not a folder")

    def job_count(self) -> int:
        return self.jobs or default_jobs()


@dataclass(frozen=True, slots=True)
class Task:
    """One input for a worker: its path, where its output goes, or a problem found on the way."""

    path: str  # as given or found; may hold surrogate escapes for non-UTF-8 names
    output: str | None = None  # absolute output file, or None when the brief goes to stdout
    problem: tuple[str, str] | None = None  # (type, message) known before reading, e.g. a loop


@dataclass(slots=True)
class Outcome:
    """What became of one input. ``line`` is the brief as a JSONL line when it goes to stdout."""

    path: str  # printable (non-UTF-8 bytes shown as \\xNN)
    sha256: str | None
    status: str  # OK, SKIPPED or FAILED
    line: str | None = None
    error_type: str | None = None
    error_message: str | None = None

    def jsonl(self) -> str | None:
        """The line this outcome puts on stdout: the brief, an error record, or nothing."""
        if self.status == FAILED:
            record = {
                "source": {"path": self.path, "sha256": self.sha256},
                "error": {"type": self.error_type, "message": self.error_message},
            }
            return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        return self.line


@dataclass
class Tally:
    """Running counts of a batch and the failures worth listing in its summary."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Outcome] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    wall: float = 0.0
    stopped_early: bool = False

    def add(self, outcome: Outcome) -> None:
        if outcome.status == OK:
            self.processed += 1
        elif outcome.status == SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1
            if len(self.failures) < LISTED_FAILURES:
                self.failures.append(outcome)

    @property
    def rate(self) -> float:
        return self.processed / self.wall if self.wall > 0 else 0.0


def default_jobs() -> int:
    """Cores this process may use (the affinity mask, where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


# -- the run ---------------------------------------------------------------------------------------


def run_batch(options: BatchOptions, on_outcome: Callable[[Outcome], None] | None = None) -> Tally:
    """Brief every input of ``options``, calling ``on_outcome`` for each as it completes.

    Returns the tally; with ``fail_fast`` it stops after the first failure. Ctrl-C (or an exception in
    ``on_outcome``) stops the workers and removes their temp files before it propagates.
    """
    options.validate()
    tally = Tally()
    out_root = _prepare_out_dir(options.out_dir) if options.out_dir is not None else None
    settings = _WorkerSettings(
        options.analysis, options.max_bytes, out_root, options.fmt, options.force
    )
    runner = _Runner(options.job_count(), settings, options.ordered)
    clean = False
    try:
        for outcome in runner.stream(discover(options, out_root)):
            tally.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            if options.fail_fast and outcome.status == FAILED:
                tally.stopped_early = True
                break
        clean = not tally.stopped_early
    finally:
        runner.close(clean)
        if out_root is not None and not clean:
            sweep_temp_files(out_root)  # what the stopped workers had half-written
    tally.wall = time.perf_counter() - tally.started
    return tally


def format_summary(tally: Tally) -> str:
    """The summary for stderr: counts, wall time, rate, and one line per listed failure."""
    lines = [
        f"brief batch: {tally.processed} processed, {tally.skipped} skipped, {tally.failed} failed"
        f" in {tally.wall:.1f} s ({tally.rate:.1f} articles/s)"
        + (" — stopped at the first failure (--fail-fast)" if tally.stopped_early else "")
    ]
    for outcome in tally.failures:
        lines.append(f"  failed: {outcome.path}: {outcome.error_type}: {outcome.error_message}")
    if tally.failed > len(tally.failures):
        lines.append(f"  ... and {tally.failed - len(tally.failures)} more failures")
    return "\n".join(lines) + "\n"


def _prepare_out_dir(out_dir: str) -> str:
    """Create the output folder, clear stale temp files, and return its resolved path."""
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        raise UsageError("--out", f"cannot create {out_dir}: {error.strerror or error}") from None
    root = os.path.realpath(out_dir)
    sweep_temp_files(root)
    return root


def sweep_temp_files(root: str) -> int:
    """Remove temp files under ``root`` left by brief processes that are gone; return how many."""
    removed = 0
    for folder, _dirs, names in os.walk(root):  # does not follow symlinks: stays inside root
        for name in names:
            match = _TEMP.match(name)
            if match and not _pid_alive(int(match[1])):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
                    removed += 1
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


# -- discovery -------------------------------------------------------------------------------------


def discover(options: BatchOptions, out_root: str | None = None) -> Iterator[Task]:
    """Every input of ``options`` as a Task, lazily, in a stable order (sorted, depth-first)."""
    walker = _Walker(options, out_root)
    if options.from_stdin:
        stream = options.stdin if options.stdin is not None else sys.stdin.buffer
        separator = b"\0" if options.null_separated else b"\n"
        for raw in _split_stream(stream, separator):
            path = os.fsdecode(raw.rstrip(b"\r") if separator == b"\n" else raw)
            if path:
                yield from walker.entry(path, _mirrored(path))
        return
    base = _common_base(options.paths)
    for path in options.paths:
        rel = os.path.relpath(os.path.abspath(path), base) if base else _mirrored(path)
        yield from walker.entry(path, "" if rel == os.curdir else rel)


def count_inputs(options: BatchOptions) -> int:
    """How many inputs a run of ``options`` would brief (for a progress bar's total)."""
    out_root = os.path.realpath(options.out_dir) if options.out_dir is not None else None
    return sum(1 for task in discover(options, out_root) if task.problem is None)


def _split_stream(stream: BinaryIO, separator: bytes) -> Iterator[bytes]:
    pending = b""
    while chunk := stream.read(65536):
        pieces = (pending + chunk).split(separator)
        pending = pieces.pop()
        yield from pieces
    if pending:
        yield pending


def _common_base(paths: Iterable[str]) -> str | None:
    """The deepest folder holding every argument: outputs mirror the tree below it."""
    folders = [
        os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
        for p in paths
    ]
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives on Windows
        return None


def _mirrored(path: str) -> str:
    """Where a path from stdin lands under --out: as given, minus its root and leading '..'s."""
    parts = [p for p in os.path.normpath(path).split(os.sep) if p not in ("", os.curdir)]
    while parts and parts[0] == os.pardir:
        parts.pop(0)
    drive = os.path.splitdrive(path)[0]
    if drive and parts and parts[0].startswith(drive):
        parts.pop(0)
    return os.path.join(*parts) if parts else ""


class _Walker:
    """Turns arguments into Tasks: files as they are, folders walked with loops and hidden skipped."""

    def __init__(self, options: BatchOptions, out_root: str | None) -> None:
        self.out_root = out_root
        self.ext = EXTENSIONS[options.fmt]
        self.hidden = options.hidden
        self.match = re.compile("|".join(fnmatch.translate(g) for g in options.globs)).match
        self.seen: set[tuple[int, int]] = set()  # folders walked already, by (st_dev, st_ino)
        self.claimed: set[str] = set()  # outputs of explicitly named files
        if out_root is not None:
            self._mark_seen(out_root)  # never brief our own outputs

    def entry(self, path: str, rel: str) -> Iterator[Task]:
        """The tasks for one argument (or line of stdin): a file, or every file of a folder."""
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            yield Task(path, problem=("InputError", _missing(path, error)))
            return
        if stat.S_ISDIR(mode):
            yield from self._walk(path, rel)
            return
        if not stat.S_ISREG(mode):
            yield Task(path, problem=_NOT_REGULAR)
            return
        task = self._task(path, rel)
        if task.output is not None and task.output in self.claimed:
            task = replace(task, problem=_collision(task.output))
        elif task.output is not None:
            self.claimed.add(task.output)
        yield task

    def _walk(self, top: str, top_rel: str) -> Iterator[Task]:
        if not self._mark_seen(top):
            return
        stack = [(top, top_rel)]
        while stack:
            folder, rel = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as error:
                yield Task(folder, problem=("InputError", f"cannot list folder: {_why(error)}"))
                continue
            subfolders, outputs = [], set()
            for entry in entries:
                if entry.name.startswith(".") and not self.hidden:
                    continue
                if _is_dir(entry):
                    subfolders.append(entry)
                elif self.match(entry.name):
                    task = self._file_task(entry, os.path.join(rel, entry.name))
                    if task.output is not None and task.output in outputs:
                        task = replace(task, problem=_collision(task.output))
                    outputs.add(task.output)
                    yield task
            # Marked in sorted order (the first name for a folder wins), pushed in reverse so that
            # they pop in sorted order: a depth-first, sorted walk.
            fresh = [entry for entry in subfolders if self._mark_seen(entry.path)]
            stack += [(e.path, os.path.join(rel, e.name)) for e in reversed(fresh)]

    def _file_task(self, entry: os.DirEntry, rel: str) -> Task:
        try:
            if entry.is_file():
                return self._task(entry.path, rel)
            os.stat(entry.path)
        except OSError as error:
            return Task(entry.path, problem=("InputError", _missing(entry.path, error)))
        return Task(entry.path, problem=_NOT_REGULAR)

    def _task(self, path: str, rel: str) -> Task:
        if self.out_root is None:
            return Task(path)
        stem = os.path.splitext(rel or os.path.basename(path))[0]
        return Task(path, os.path.join(self.out_root, stem + self.ext))

    def _mark_seen(self, folder: str) -> bool:
        """True the first time a folder is met, by identity: a symlink loop is walked once."""
        try:
            info = os.stat(folder)
        except OSError:
            return True  # let scandir report the problem
        key = (info.st_dev, info.st_ino)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows symlinks; loops are caught by _mark_seen
    except OSError:
        return False


# A fifo, socket or device: reading one could block forever, and it is no article anyway.
_NOT_REGULAR = ("InputError", "not a regular file (a FIFO, socket or device)")


def _missing(path: str, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    return f"cannot open: {_why(error)}"


def _collision(output: str) -> tuple[str, str]:
    shown = printable(output)
    return ("OutputError", f"another input in this batch also maps to {shown}; not overwritten")


def _why(error: OSError) -> str:
    return error.strerror or str(error)


# -- the pool --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WorkerSettings:
    """What every worker needs, sent once when it starts rather than with every task."""

    analysis: Options
    max_bytes: int
    out_root: str | None
    fmt: str
    force: bool = False


@dataclass(frozen=True, slots=True)
class _Pending:
    """A chunk of tasks in flight."""

    tasks: list[Task]
    future: Future


class _Runner:
    """A process pool fed with chunks of tasks, at most ``window`` of them in flight.

    A bounded window keeps memory flat however many inputs there are and however slowly stdout is
    read. If a worker dies (a crash, the OOM killer), every chunk the pool held is lost; those are
    rerun one input at a time in a fresh pool, so an input that kills a worker again is the one
    reported as failed and the others are briefed as usual.
    """

    def __init__(self, jobs: int, settings: _WorkerSettings, ordered: bool) -> None:
        self.jobs = jobs
        self.settings = settings
        self.ordered = ordered
        self.window = (4 if ordered else 2) * jobs + 1
        self.executor: ProcessPoolExecutor | None = None
        self.lifeline: Connection | None = None  # the write end; workers hold the read end
        self.lifeline_reader: Connection | None = None

    def stream(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        pending: deque[_Pending] = deque()
        chunks = _chunks(tasks, self.jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append(_Pending(chunk, self._submit(chunk)))
            if not pending:
                return
            ready = self._take_ready(pending)
            if any(_lost(item) for item in ready):
                yield from self._recover([*ready, *pending])
                pending.clear()
                continue
            for item in ready:
                yield from item.future.result()

    def _take_ready(self, pending: deque[_Pending]) -> list[_Pending]:
        if self.ordered:
            wait([pending[0].future])
            return [pending.popleft()]
        futures = [item.future for item in pending]
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        ready = [item for item in pending if item.future in done]
        remaining = [item for item in pending if item.future not in done]
        pending.clear()
        pending.extend(remaining)
        return ready

    def _recover(self, items: list[_Pending]) -> Iterator[Outcome]:
        """After a worker died: keep what finished, rerun the lost inputs alone, in order."""
        self._drop_pool()
        for item in items:
            if _lost(item):
                for task in item.tasks:
                    yield from self._solo(task)
            else:
                yield from item.future.result()

    def _solo(self, task: Task) -> list[Outcome]:
        try:
            return self._submit([task]).result()
        except BrokenProcessPool:
            self._drop_pool()
            return [_crashed(task)]

    def _drop_pool(self) -> None:
        broken, self.executor = self.executor, None
        if broken is not None:
            broken.shutdown(wait=True)  # after this every lost future carries its exception

    def _submit(self, chunk: list[Task]) -> Future:
        if self.executor is None:
            context = _mp_context()
            if self.lifeline is None:
                reader, self.lifeline = context.Pipe(duplex=False)
                self.lifeline_reader = reader
            self.executor = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.settings, self.lifeline_reader),
            )
        return self.executor.submit(_work, chunk)

    def close(self, clean: bool) -> None:
        """Shut the pool: let it finish when ``clean``, else stop its workers at once."""
        executor, self.executor = self.executor, None
        if executor is not None:
            if not clean:
                _terminate(executor)
            executor.shutdown(wait=True, cancel_futures=True)
        if self.lifeline is not None:
            self.lifeline.close()
            self.lifeline_reader.close()
            self.lifeline = None


def _lost(item: _Pending) -> bool:
    return item.future.done() and isinstance(item.future.exception(), BrokenProcessPool)


def _crashed(task: Task) -> Outcome:
    message = "the worker process died while briefing this file (a crash, or out of memory)"
    return Outcome(printable(task.path), None, FAILED, None, "WorkerCrashed", message)


def _chunks(tasks: Iterator[Task], jobs: int) -> Iterator[list[Task]]:
    """Chunks growing from 1 to MAX_CHUNK: early results and small batches stay balanced."""
    for number in itertools.count():
        size = min(MAX_CHUNK, 1 + number // jobs)
        chunk = list(itertools.islice(tasks, size))
        if not chunk:
            return
        yield chunk


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: safe with threads, and workers fork from a server that has
    loaded the models already, so they start fast and share the models' memory copy-on-write. The
    server is started with SIGINT ignored, which its workers inherit: Ctrl-C reaches only the main
    process, which then stops them itself."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    # "__main__" spares each worker re-running the main script; importing this module with the flag
    # set makes the server load the models (see the end of this file).
    context.set_forkserver_preload(["__main__", __name__])
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
    os.environ[_FORKSERVER_FLAG] = "1"
    try:
        forkserver.ensure_running()  # a no-op when this process started its server already
    finally:
        del os.environ[_FORKSERVER_FLAG]
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    return context


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, mid-article if need be (their temp files are swept afterwards)."""
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    processes = getattr(executor, "_processes", None) or {}  # the same, before 3.14
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()


# -- in the worker ---------------------------------------------------------------------------------

_SETTINGS: _WorkerSettings | None = None


def _init_worker(settings: _WorkerSettings, lifeline: Connection) -> None:
    """Once per worker: ignore Ctrl-C, exit with the main process, load the models."""
    global _SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SETTINGS = settings
    threading.Thread(target=_exit_with_main_process, args=(lifeline,), daemon=True).start()
    _warm_up()  # nearly free when the fork server has done it
    from .runtime import relax_gc

    relax_gc(freeze=True)


def _warm_up() -> None:
    """Load the models now, so that the first article does not pay for it."""
    from . import core

    # A model that fails to load fails each article instead, with a record naming the problem.
    with contextlib.suppress(Exception):
        warm_up = getattr(core, "warm_up", None)
        if warm_up is not None:
            warm_up()
        else:
            core.analyze(_WARM_TEXT)


def _exit_with_main_process(lifeline: Connection) -> None:
    # Workers wait on a task queue that they hold open themselves, and their parent is the fork
    # server, which waits for them: if the main process is killed (kill -9), nothing would ever end
    # them. Only the main process holds the write end of the lifeline, so its death, however it
    # comes, is an end-of-file here.
    with contextlib.suppress(EOFError, OSError):
        while True:
            lifeline.recv_bytes()
    os._exit(1)


def _work(chunk: list[Task]) -> list[Outcome]:
    return [brief_one(task, _SETTINGS) for task in chunk]


def brief_one(task: Task, settings: _WorkerSettings) -> Outcome:
    """Brief one input: print line, written file, skip, or a failure record; never raises."""
    shown = printable(task.path)
    if task.problem is not None:
        return Outcome(shown, None, FAILED, None, *task.problem)
    sha256 = None
    try:
        if task.output is not None and not _inside(settings.out_root, task.output):
            message = f"output {printable(task.output)} would be outside --out; not written"
            return Outcome(shown, None, FAILED, None, "OutputError", message)
        from .core import brief_source
        from .reading import read_source

        source = read_source(task.path, max_bytes=settings.max_bytes)
        sha256 = source.sha256
        if not settings.force and _up_to_date(task.output, settings.fmt, sha256):
            return Outcome(shown, sha256, SKIPPED)
        brief = brief_source(replace(source, path=shown), settings.analysis)
        return _deliver(brief, shown, task.output, settings.fmt)
    except BriefError as error:
        sha256 = sha256 or _sha256_or_none(task.path, settings.max_bytes)
        return Outcome(shown, sha256, FAILED, None, error.kind, _clean(error.message))
    except Exception as error:  # one bad file must never stop the batch
        message = _clean(f"{type(error).__name__}: {error}")
        return Outcome(shown, sha256, FAILED, None, "InternalError", message)


def _deliver(brief, shown: str, output: str | None, fmt: str) -> Outcome:
    from .render import render

    sha256 = brief.source.sha256
    if output is None:
        return Outcome(shown, sha256, OK, render(brief, "jsonl"))
    text = render(brief, fmt)
    if fmt == "markdown":
        text = MARKDOWN_STAMP.format(sha256=sha256) + text
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:  # a full disk, a read-only folder, a name too long
        message = _clean(f"cannot write {printable(output)}: {_why(error)}")
        return Outcome(shown, sha256, FAILED, None, "OutputError", message)
    return Outcome(shown, sha256, OK)


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never half."""
    folder, name = os.path.split(path)
    os.makedirs(folder, exist_ok=True)
    temp = os.path.join(folder, f".{name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points at them
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _inside(root: str | None, output: str) -> bool:
    """Whether ``output``'s folder, symlinks resolved, is ``root`` or below it."""
    if root is None:
        return False
    folder = os.path.realpath(os.path.dirname(output))
    return os.path.commonpath([root, folder]) == root


def _up_to_date(output: str | None, fmt: str, sha256: str) -> bool:
    """Whether an output exists and records this very source (the rule for skipping on a rerun)."""
    return output is not None and _recorded_sha(output, fmt) == sha256


def _recorded_sha(output: str, fmt: str) -> str | None:
    """The source sha256 an existing output records, or None if there is none or it is unreadable."""
    try:
        if fmt == "markdown":
            with open(output, encoding="utf-8", errors="replace") as handle:
                match = _STAMP.match(handle.readline(200))
            return match[1] if match else None
        with open(output, "rb") as handle:
            return json.load(handle)["source"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _sha256_or_none(path: str, max_bytes: int) -> str | None:
    """The hash of a file that failed, if it can be read in full (None: unreadable or too large)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest() if len(data) <= max_bytes else None


def _clean(text: str) -> str:
    # Messages may quote file names with undecodable bytes; JSON on stdout must stay valid UTF-8.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# The fork server started by _mp_context imports this module with the flag set: it loads the models
# before it forks any worker, so they are loaded once per batch and shared, not once per worker.
if os.environ.get(_FORKSERVER_FLAG) == "1":
    _warm_up()
