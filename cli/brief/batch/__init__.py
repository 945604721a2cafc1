"""Brief many articles at once: find the inputs, fan them out to worker processes, stream the results.

``run_batch`` is the whole job of ``brief batch``, with plain parameters (``BatchOptions``) and no
argument parsing or terminal code. Inputs come from folders (walked recursively in sorted order,
hidden entries skipped, each folder walked once however many symlinks lead to it) or from a list of
paths on stdin. Worker processes, forked from a server that has loaded the models once, run the
single-article pipeline (``reading.source_from_bytes``, then ``core.brief_source``) on chunks of
inputs; they open each input themselves without blocking and refuse anything but a regular file, so a
FIFO swapped in after discovery cannot hang the batch.
A worker returns either the JSONL line to print or, with an output folder, writes the file itself
(temp file, fsync, rename) and returns a small status, so the main process stays lean. Results stream
back as they complete (or in input order) with a bounded number in flight; one bad file becomes an
error record, never the end of the batch. A rerun skips an input whose output records the same source
sha256 (``source.sha256`` in JSON, a comment on the first line of Markdown). A run holds a lock file in
its output folder while it may write temp files there, so the next run removes the temp files of runs
that were killed (and only those), whatever became of their process ids. With ``scheduler`` the same
tasks run on a Dask cluster instead (``dask_backend``): this process checks and reads the inputs
(``prepare``), the workers brief them (``brief_prepared``), and this process writes the outputs.
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

from ..errors import BriefError, InputError, UsageError
from ..options import BATCH_FORMATS, DEFAULT_GLOBS, SHIP_MODES, Options
from ..reading import DEFAULT_MAX_BYTES, STDIN, check_max_bytes, printable, too_large
from ..reading.fetching import DEFAULT_TIMEOUT, check_timeout
from ..visible import one_line

try:
    import fcntl
except ImportError:  # no advisory locks (Windows): the temp files of other runs are then kept
    fcntl = None  # type: ignore[assignment]

EXTENSIONS = {"jsonl": ".json", "json": ".json", "markdown": ".md"}

OK, SKIPPED, FAILED = "ok", "skipped", "failed"
MAX_CHUNK = 8  # inputs per task once ramped up: IPC cost per article becomes negligible
LISTED_FAILURES = 50  # failures kept for the summary; the rest are only counted
# Workers are CPU-bound: more than this per core only adds memory (each holds its own working set).
MAX_JOBS_PER_CORE = 4
# A line of --from-stdin longer than this is no path (PATH_MAX is 4096 on Linux); it is reported, not
# held, so a stream without separators cannot fill memory.
MAX_LISTED_PATH = 65_536

# Markdown has no field for the source hash, so the first line of a Markdown output carries it in a
# comment (invisible when rendered); resume reads it back from there.
MARKDOWN_STAMP = "<!-- brief: source sha256 {sha256} -->\n"
_STAMP = re.compile(r"<!-- brief: source sha256 ([0-9a-f]{64}) -->")
# Temp files are ".NAME.tmp-RUN-RANDOM" beside their final output; RUN names the run that writes them,
# which holds ".brief-batch-RUN.lock" at the top of --out while it lives (older versions put a pid
# where RUN is: no lock file has that name, so those count as litter).
_TEMP = re.compile(r"^\..+\.tmp-([0-9a-f]+)-[0-9a-f]{8}$")
_LOCK = re.compile(r"^\.brief-batch-([0-9a-f]+)\.lock$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Inputs are opened without blocking, since opening a FIFO waits for a writer and a device may never
# answer, and never become a controlling terminal; only a regular file is then read.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
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
    keep_extension: bool = False  # name outputs story.txt.json, not story.json
    analysis: Options = field(default_factory=Options)
    max_bytes: int = DEFAULT_MAX_BYTES
    stdin: BinaryIO | None = None  # where --from-stdin reads; default sys.stdin.buffer
    scheduler: str | None = None  # a Dask cluster instead of the process pool (see parse_scheduler)
    ship: str | None = None  # with a scheduler: "bytes" (the default) or "paths" (see SHIP_MODES)
    timeout: float = DEFAULT_TIMEOUT  # seconds to reach the scheduler and see a worker
    verbose: bool = False  # with a scheduler: let Dask's log messages through

    def validate(self) -> None:
        """Raise ``UsageError`` (exit 2) for combinations that cannot work."""
        if self.fmt not in BATCH_FORMATS:
            raise UsageError(
                "--format", f"batch writes {', '.join(BATCH_FORMATS)}, not {self.fmt!r}"
            )
        if self.fmt != "jsonl" and self.out_dir is None:
            raise UsageError("--format", f"{self.fmt} needs --out DIR; stdout carries JSONL")
        if self.paths and self.from_stdin:
            raise UsageError("--from-stdin", "give folders or --from-stdin, not both")
        if not self.paths and not self.from_stdin:
            raise UsageError(
                "batch", "give at least one folder or file, or - to read paths on stdin"
            )
        if self.jobs is not None and self.jobs < 1:
            raise UsageError("--jobs", "must be at least 1")
        if self.jobs is not None and self.jobs > (most := MAX_JOBS_PER_CORE * default_jobs()):
            raise UsageError(
                "--jobs", f"at most {most} here ({MAX_JOBS_PER_CORE} per core), not {self.jobs}"
            )
        check_max_bytes(self.max_bytes)
        self._validate_cluster()
        if self.out_dir is not None:
            self._validate_out(self.out_dir)

    def _validate_cluster(self) -> None:
        if self.scheduler is None:
            if self.ship is not None:
                raise UsageError("--ship", "needs --scheduler: the process pool reads the files")
            return
        if self.jobs is not None:
            raise UsageError(
                "--jobs",
                "sizes the process pool; a --scheduler cluster has its own workers "
                "(local:N starts N here)",
            )
        if self.ship is not None and self.ship not in SHIP_MODES:
            raise UsageError("--ship", f"one of {', '.join(SHIP_MODES)}, not {self.ship!r}")
        check_timeout(self.timeout)
        parse_scheduler(self.scheduler)

    def _validate_out(self, out_dir: str) -> None:
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise UsageError("--out", f"{one_line(out_dir)} exists and is not a folder")
        for path in self.paths:
            if os.path.isdir(path) and _holds(path, out_dir):
                # Its outputs would be read back as inputs by the next run over that folder.
                raise UsageError("--out", _out_in_input(out_dir, path))

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
    unwritten: str | None = None  # an output file rendered by a worker, for the client to write

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


def _holds(folder: str, out_dir: str) -> bool:
    """Whether ``out_dir`` is ``folder`` or lies inside it, symlinks resolved."""
    folder, out = os.path.realpath(folder), os.path.realpath(out_dir)
    return os.path.commonpath([folder, out]) == folder


def _out_in_input(out_dir: str, folder: str) -> str:
    if os.path.realpath(out_dir) == os.path.realpath(folder):
        where = "is an input folder"
    else:
        where = f"is inside the input folder {one_line(folder)}"
    return (
        f"{one_line(out_dir)} {where}; outputs there would be read as inputs: "
        "choose a folder outside the inputs"
    )


def default_jobs() -> int:
    """Cores this process may use (the affinity mask, where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


DASK_PORT = 8786  # the port `dask scheduler` listens on unless told otherwise
_LOCAL = re.compile(r"local(?::(\d+))?")


def parse_scheduler(value: str) -> tuple[str | None, int]:
    """What ``--scheduler`` names: ``(None, N)`` for ``local[:N]``, a cluster of N worker processes
    started here (one per core by default); ``(address, 0)`` for ``tcp://HOST[:PORT]`` or
    ``tls://HOST[:PORT]`` (a bare ``HOST:PORT`` is tcp, the port defaults to 8786). ``UsageError``
    for anything else."""
    local = _LOCAL.fullmatch(value.strip())
    if local is not None:
        workers = int(local[1]) if local[1] else default_jobs()
        most = MAX_JOBS_PER_CORE * default_jobs()
        if not 1 <= workers <= most:
            raise UsageError(
                "--scheduler", f"local:N takes 1 to {most} workers here, not {workers}"
            )
        return None, workers
    address = value.strip() if "://" in value else f"tcp://{value.strip()}"
    scheme, _, netloc = address.partition("://")
    if ":" in netloc and not netloc.endswith("]"):  # [::1] is a host without a port
        host, _, port = netloc.rpartition(":")
    else:
        host, port = netloc, ""
    if scheme not in ("tcp", "tls") or not host or "/" in netloc or (port and not port.isdigit()):
        raise UsageError(
            "--scheduler",
            f"give tcp://HOST:PORT, tls://HOST:PORT or local[:N], not {one_line(value)!r}",
        )
    return f"{scheme}://{host}:{port or DASK_PORT}", 0


# -- the run ---------------------------------------------------------------------------------------


def run_batch(options: BatchOptions, on_outcome: Callable[[Outcome], None] | None = None) -> Tally:
    """Brief every input of ``options``, calling ``on_outcome`` for each as it completes.

    Returns the tally; with ``fail_fast`` it stops after the first failure. Ctrl-C, any other
    exception (one raised by ``on_outcome`` or by a signal handler) stops the workers and removes
    their temp files before it propagates.
    """
    options.validate()
    tally = Tally()
    with _workers(options) as start, contextlib.ExitStack() as stack:
        out_root = _prepare_out_dir(options.out_dir) if options.out_dir is not None else None
        run = stack.enter_context(_run_lock(out_root))
        if out_root is not None:
            sweep_temp_files(out_root)  # what killed runs left behind
        settings = _WorkerSettings(
            options.analysis, options.max_bytes, out_root, options.fmt, options.force, run
        )
        runner = start(settings)
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
                sweep_temp_files(out_root, own=run)  # what the stopped workers had half-written
    tally.wall = time.perf_counter() - tally.started
    return tally


@contextlib.contextmanager
def _workers(options: BatchOptions) -> Iterator[Callable[[_WorkerSettings], _Runner]]:
    """A maker of the runner that fans the tasks out: the process pool, or a Dask cluster reached
    (and checked) before any work, closed when the block ends."""
    if options.scheduler is None:
        yield lambda settings: _Runner(options.job_count(), settings, options.ordered)
        return
    from .dask_backend import connect  # distributed is imported only here

    with connect(options) as cluster:
        yield cluster.runner


def format_summary(tally: Tally) -> str:
    """The summary for stderr: counts, wall time, rate, and one line per listed failure."""
    lines = [
        f"brief batch: {tally.processed} processed, {tally.skipped} skipped, {tally.failed} failed"
        f" in {tally.wall:.1f} s ({tally.rate:.1f} articles/s)"
        + (" — stopped at the first failure (--fail-fast)" if tally.stopped_early else "")
    ]
    for outcome in tally.failures:
        shown = one_line(f"{outcome.path}: {outcome.error_type}: {outcome.error_message}")
        lines.append(f"  failed: {shown}")
    if tally.failed > len(tally.failures):
        lines.append(f"  ... and {tally.failed - len(tally.failures)} more failures")
    return "\n".join(lines) + "\n"


def _prepare_out_dir(out_dir: str) -> str:
    """Create the output folder and return its resolved path."""
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        raise UsageError("--out", f"cannot create {one_line(out_dir)}: {_why(error)}") from None
    return os.path.realpath(out_dir)


# -- the run's lock and the sweep of temp files ----------------------------------------------------


@contextlib.contextmanager
def _run_lock(out_root: str | None) -> Iterator[str]:
    """The name of this run, locked in ``out_root`` (if any) for as long as the block lasts."""
    run = secrets.token_hex(8)
    if out_root is None or fcntl is None:
        yield run
        return
    path = _lock_path(out_root, run)
    try:
        descriptor = _create_locked(path)
    except OSError as error:
        raise UsageError("--out", f"cannot write in {one_line(out_root)}: {_why(error)}") from None
    try:
        yield run
    finally:
        # Unlinked while still locked: other runs see a locked file or none, never a free one.
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(descriptor)


def _lock_path(root: str, run: str) -> str:
    return os.path.join(root, f".brief-batch-{run}.lock")


def _create_locked(path: str) -> int:
    """Create ``path`` and hold an exclusive lock on it; the kernel drops it when the process ends."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | _NOFOLLOW, 0o644)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if _still_named(descriptor, path):
            return descriptor
        # A sweep took the file for a dead run's between our open and our lock: make a new one.
        os.close(descriptor)


def _still_named(descriptor: int, path: str) -> bool:
    """Whether ``path`` still names the file open as ``descriptor`` (no one unlinked it meanwhile)."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _run_alive(root: str, run: str) -> bool:
    """Whether the run named ``run`` still holds its lock in ``root`` (when unsure: yes)."""
    if fcntl is None:
        return True
    try:
        descriptor = os.open(_lock_path(root, run), os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: held by a live run; anything else: cannot tell
        return True
    finally:
        os.close(descriptor)
    return False


def _remove_if_unlocked(path: str) -> bool:
    """Remove a lock file no live run holds (a run killed with SIGKILL leaves its file)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if _still_named(descriptor, path):
            os.unlink(path)
            return True
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return False


def sweep_temp_files(root: str, own: str | None = None) -> int:
    """Remove temp files under ``root`` whose run holds no lock any more, and this run's own
    (``own``, once its workers are stopped); return how many. Process ids play no part: a pid is
    reused, and a killed process can linger as a zombie, but a lock ends with its process."""
    removed = 0
    alive: dict[str, bool] = {}
    for folder, _dirs, names in os.walk(root):  # does not follow symlinks: stays inside root
        for name in names:
            match = _TEMP.match(name)
            if match is None:
                continue
            run = match[1]
            if run != own and alive.setdefault(run, _run_alive(root, run)):
                continue
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
                removed += 1
    if fcntl is not None:
        with contextlib.suppress(OSError):
            for name in os.listdir(root):
                match = _LOCK.match(name)
                if match and match[1] != own:
                    _remove_if_unlocked(os.path.join(root, name))
    return removed


# -- discovery -------------------------------------------------------------------------------------


def discover(options: BatchOptions, out_root: str | None = None) -> Iterator[Task]:
    """Every input of ``options`` as a Task, lazily, in a stable order (sorted, depth-first)."""
    walker = _Walker(options, out_root)
    if options.from_stdin:
        stream = options.stdin if options.stdin is not None else sys.stdin.buffer
        separator = b"\0" if options.null_separated else b"\n"
        for raw, whole in _split_stream(stream, separator, MAX_LISTED_PATH):
            path = os.fsdecode(raw.rstrip(b"\r") if separator == b"\n" else raw)
            if not whole:
                problem = f"a listed path longer than {MAX_LISTED_PATH:,} bytes; not a path"
                yield Task(path[:80] + "...", problem=("InputError", problem))
            elif path:
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


def _split_stream(stream: BinaryIO, separator: bytes, limit: int) -> Iterator[tuple[bytes, bool]]:
    """The items of ``stream`` between separators, each with whether it is whole: an item longer
    than ``limit`` bytes comes once, cut to its start, and the rest of it is dropped unread into
    memory, so the memory used stays bounded whatever the stream holds."""
    pending, overflowed = b"", False
    while chunk := stream.read(65536):
        pieces = (pending + chunk).split(separator)
        pending = pieces.pop()
        for piece in pieces:
            if not overflowed:
                yield piece, True
            overflowed = False  # a separator ends the overlong item
        if len(pending) > limit:
            if not overflowed:
                yield pending[:limit], False
            pending, overflowed = b"", True
    if pending and not overflowed:
        yield pending, True


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
        self.keep_extension = options.keep_extension
        self.hidden = options.hidden
        # Case-insensitive on every system, so STORY.TXT is briefed as story.txt is.
        patterns = "|".join(fnmatch.translate(g) for g in options.globs)
        self.match = re.compile(patterns, re.IGNORECASE).match
        self.seen: set[tuple[int, int]] = set()  # folders walked already, by (st_dev, st_ino)
        self.claimed: set[str] = set()  # outputs of explicitly named files
        if out_root is not None:
            self._mark_seen(out_root)  # never brief our own outputs

    def entry(self, path: str, rel: str) -> Iterator[Task]:
        """The tasks for one argument (or line of stdin): a file, or every file of a folder."""
        if "\0" in path:  # no file name holds one; the OS would refuse it with a ValueError
            yield Task(path, problem=("InputError", "not a path: it holds a NUL byte"))
            return
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            yield Task(path, problem=("InputError", _missing(path, error)))
            return
        if stat.S_ISDIR(mode):
            if self.out_root is not None and _holds(path, self.out_root):
                yield Task(path, problem=("UsageError", _out_in_input(self.out_root, path)))
                return
            yield from self._walk(path, rel)
            return
        if not stat.S_ISREG(mode):
            yield Task(path, problem=_NOT_REGULAR)
            return
        task = self._task(path, rel)
        if task.output is not None and task.output in self.claimed:
            task = replace(task, problem=self._collision(task))
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
                        task = replace(task, problem=self._collision(task))
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
        name = rel or os.path.basename(path)
        stem = name if self.keep_extension else os.path.splitext(name)[0]
        return Task(path, os.path.join(self.out_root, stem + self.ext))

    def _collision(self, task: Task) -> tuple[str, str]:
        whole = None if self.keep_extension else os.path.basename(task.path) + self.ext
        return _collision(task.output, whole)

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


def _collision(output: str, whole_name: str | None) -> tuple[str, str]:
    """The problem of an input whose output another input already claimed (story.txt and story.md
    both make story.json); ``whole_name`` is the name ``--keep-extension`` would give it, if any."""
    message = f"another input in this batch also maps to {printable(output)}; not overwritten"
    if whole_name is not None:
        message += f" (--keep-extension would write {printable(whole_name)})"
    return ("OutputError", message)


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
    run: str = "0"  # the run's name, which its temp files carry (see sweep_temp_files)


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


def _mp_context(preload: tuple[str, ...] = ()) -> multiprocessing.context.BaseContext:
    """forkserver where there is one: safe with threads, and workers fork from a server that has
    loaded the models already, so they start fast and share the models' memory copy-on-write. The
    server (and multiprocessing's resource tracker) start with SIGINT and SIGHUP ignored, which the
    workers inherit: Ctrl-C or a closed terminal, which signal the whole process group, reach only the
    main process, which then stops the workers itself (SIGTERM) and removes their temp files.
    ``preload`` names more modules for the server to import (those of a local Dask cluster's workers);
    it counts only in the run that starts the server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    # "__main__" spares each worker re-running the main script; importing ``_preload`` makes the
    # server load the models (core.warm_up) before it forks any worker.
    context.set_forkserver_preload(["__main__", __name__, f"{__name__}._preload", *preload])
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = _ignore(_GROUP_SIGNALS) if in_main_thread else {}
    try:
        forkserver.ensure_running()  # a no-op when this process started its server already
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return context


# Signals a terminal sends to the whole foreground process group, that only the main process handles.
_GROUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name)
)


def _ignore(numbers: Iterable[int]) -> dict[int, Callable | int | None]:
    """Ignore these signals; return the handlers they had."""
    return {number: signal.signal(number, signal.SIG_IGN) for number in numbers}


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
    """Once per worker: ignore Ctrl-C and hang-ups (the main process stops the workers with SIGTERM),
    exit with the main process, load the models."""
    global _SETTINGS
    _ignore(_GROUP_SIGNALS)
    _SETTINGS = settings
    threading.Thread(target=_exit_with_main_process, args=(lifeline,), daemon=True).start()
    _warm_up()  # nearly free when the fork server has done it
    from ..runtime import relax_gc

    relax_gc(freeze=True)


def _warm_up() -> None:
    """Load the models now, so that the first article does not pay for it."""
    from .. import core

    # A model that fails to load fails each article instead, with a record naming the problem.
    with contextlib.suppress(Exception):
        core.warm_up()


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """An input that passed the checks made before briefing, ready for a worker.

    ``data`` holds its bytes when they were read already (a Dask client ships them); otherwise the
    worker reads ``read_from`` (or the task's path). ``recorded`` is the source sha256 its existing
    output records (None: no output yet, stdout, or --force): the input is skipped if it matches."""

    task: Task
    data: bytes | None = None
    read_from: str | None = None
    recorded: str | None = None


def brief_one(task: Task, settings: _WorkerSettings) -> Outcome:
    """Brief one input: print line, written file, skip, or a failure record; never raises."""
    ready = prepare(task, settings, read=True)
    return ready if isinstance(ready, Outcome) else brief_prepared(ready, settings)


def prepare(task: Task, settings: _WorkerSettings, *, read: bool) -> Prepared | Outcome:
    """What is settled before briefing: a problem discovery found, an output outside --out, the
    hash the output records, and with ``read`` the input's bytes and whether that output is up to
    date (a skip). The Outcome when that settles it, else the ``Prepared`` input; never raises."""
    shown = printable(task.path)
    if task.problem is not None:
        return Outcome(shown, None, FAILED, None, *task.problem)
    data = None
    try:
        if task.output is not None and not _inside(settings.out_root, task.output):
            message = f"output {printable(task.output)} would be outside --out; not written"
            return Outcome(shown, None, FAILED, None, "OutputError", message)
        recorded = None
        if task.output is not None and not settings.force:
            recorded = _recorded_sha(task.output, settings.fmt)
        if not read:
            return Prepared(task, read_from=os.path.abspath(task.path), recorded=recorded)
        data = read_input(task.path, settings.max_bytes)
        return _up_to_date(shown, data, recorded) or Prepared(task, data, recorded=recorded)
    except Exception as error:  # one bad file must never stop the batch
        return _failure(shown, data, error)


def brief_prepared(ready: Prepared, settings: _WorkerSettings, *, write: bool = True) -> Outcome:
    """Brief a prepared input: its JSONL line, its output file written (with ``write``) or rendered
    for the caller to write (``Outcome.unwritten``), a skip, or a failure record; never raises."""
    task = ready.task
    shown = printable(task.path)
    data = ready.data
    try:
        if data is None:
            data = read_input(ready.read_from or task.path, settings.max_bytes)
            if (skipped := _up_to_date(shown, data, ready.recorded)) is not None:
                return skipped
        from ..core import brief_source
        from ..reading import source_from_bytes

        # "-" names a file here, not stdin as it does for reading.read_source.
        source = source_from_bytes(
            data, os.path.join(os.curdir, STDIN) if task.path == STDIN else task.path
        )
        brief = brief_source(replace(source, path=shown), settings.analysis)
        return _deliver(brief, shown, task.output, settings.fmt, settings.run if write else None)
    except Exception as error:  # one bad file must never stop the batch
        return _failure(shown, data, error)


def _up_to_date(shown: str, data: bytes, recorded: str | None) -> Outcome | None:
    """A skip when the output already records this input's hash (decided without decoding it)."""
    if recorded is None:
        return None
    sha256 = hashlib.sha256(data).hexdigest()
    return Outcome(shown, sha256, SKIPPED) if sha256 == recorded else None


def _failure(shown: str, data: bytes | None, error: Exception) -> Outcome:
    """The record of an input that failed: brief's own errors by kind, anything else as internal."""
    if isinstance(error, BriefError):
        return Outcome(shown, _sha256(data), FAILED, None, error.kind, _clean(error.message))
    message = _clean(f"{type(error).__name__}: {error}")
    return Outcome(shown, _sha256(data), FAILED, None, "InternalError", message)


def read_input(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them, or an ``InputError``.

    A file found by the walk can be replaced before a worker gets to it: it is opened without
    blocking and checked after opening (``fstat`` of what was opened, not of the name), so a FIFO,
    socket or device is one error record instead of a worker waiting for ever.
    """
    try:
        handle, size = _open_regular(path)
    except _NotRegular as error:
        raise InputError(path, error.problem) from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {_why(error)}") from None
    with handle:
        if size > max_bytes:  # refused before a byte is read
            data = b""
        else:
            try:
                data = handle.read(min(size, max_bytes) + 1)  # +1: it may have grown since
            except OSError as error:
                raise InputError(path, f"cannot read: {_why(error)}") from None
    if size > max_bytes or len(data) > max_bytes:
        raise too_large(path, max_bytes)
    return data


class _NotRegular(Exception):
    """What was opened is a folder, FIFO, socket or device, not a file to read."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _open_regular(path: str) -> tuple[BinaryIO, int]:
    """``path`` open for reading, and its size; ``_NotRegular`` unless it is a regular file."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _NotRegular("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(_NOT_REGULAR[1])
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb"), info.st_size


def _sha256(data: bytes | None) -> str | None:
    """The hash of an input that failed, if it was read (None: unreadable or too large)."""
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _deliver(brief, shown: str, output: str | None, fmt: str, run: str | None) -> Outcome:
    """The brief as a JSONL line for stdout, or as its output file: written when ``run`` names the
    run that writes it, else rendered for the caller to write (``write_output``)."""
    from ..render import render

    sha256 = brief.source.sha256
    if output is None:
        return Outcome(shown, sha256, OK, render(brief, "jsonl"))
    text = render(brief, fmt)
    if fmt == "markdown":
        text = MARKDOWN_STAMP.format(sha256=sha256) + text
    rendered = Outcome(shown, sha256, OK, unwritten=text)
    return rendered if run is None else write_output(rendered, output, run)


def write_output(rendered: Outcome, output: str, run: str) -> Outcome:
    """Write a rendered output file (``rendered.unwritten``) atomically; a write error is the record."""
    try:
        write_atomically(output, (rendered.unwritten or "").encode("utf-8"), run)
    except OSError as error:  # a full disk, a read-only folder, a name too long
        message = _clean(f"cannot write {printable(output)}: {_why(error)}")
        return Outcome(rendered.path, rendered.sha256, FAILED, None, "OutputError", message)
    return Outcome(rendered.path, rendered.sha256, OK)


def write_atomically(path: str, data: bytes, run: str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never half.
    The temp file carries ``run``, the name of the run that holds the lock vouching for it."""
    folder, name = os.path.split(path)
    os.makedirs(folder, exist_ok=True)
    temp = os.path.join(folder, f".{name}.tmp-{run}-{secrets.token_hex(4)}")
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


def _recorded_sha(output: str, fmt: str) -> str | None:
    """The source sha256 an existing output records, or None if there is none or it is unreadable
    (a FIFO or device in its place included: it is not read)."""
    try:
        handle, _size = _open_regular(output)
        with handle:
            if fmt == "markdown":
                match = _STAMP.match(handle.readline(200).decode("utf-8", "replace"))
                return match[1] if match else None
            return json.load(handle)["source"]["sha256"]
    except (OSError, _NotRegular, ValueError, KeyError, TypeError):
        return None


def _clean(text: str) -> str:
    # Messages may quote file names with undecodable bytes; JSON on stdout must stay valid UTF-8.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
