"""Run ``brief batch`` on a Dask cluster: the same records as the process pool, from many machines.

``connect`` reaches the cluster named by ``--scheduler`` (``tcp://`` or ``tls://``, or ``local[:N]``,
a LocalCluster bound to 127.0.0.1 whose workers fork from the pool's fork server with the models
loaded), refuses with one line (exit 2) when it is unreachable, has no worker, or runs another
version of brief or of the libraries that carry the work, and registers the ``brief`` worker plugin,
which loads the models once per worker process. ``DaskRunner`` is the pool runner's twin: the client
discovers the inputs, settles on its own what needs no briefing (problems, outputs up to date) and,
by default, reads each file and ships its bytes (``--ship paths`` ships paths to workers on a shared
file system); inputs travel in chunks of 8 to 32, with a bounded number of chunks and of bytes in
flight, and results stream back as they complete (``as_completed``) or in input order. Workers
render; the client writes ``--out`` files (atomically, so a chunk run twice is harmless) and prints
JSONL. A chunk whose workers kept dying (``KilledWorker``) is rerun one input at a time, so only
the input that kills its worker again becomes a ``WorkerCrashed`` record. What runs on the workers
(the plugin and the task) is ``dask_worker``; ``distributed`` is imported only when this module
connects, so the pool never pays for it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import re
import secrets
import time
import warnings
from collections import deque
from collections.abc import Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass, field

from ..errors import BriefError, UsageError
from ..visible import one_line
from . import (
    FAILED,
    BatchOptions,
    Outcome,
    Prepared,
    Task,
    _crashed,
    _mp_context,
    _sha256,
    _WorkerSettings,
    parse_scheduler,
    prepare,
    printable,
    write_output,
)

MIN_CHUNK, MAX_CHUNK = 8, 32  # inputs per task: never millions of tiny tasks, nor long tails
CHUNK_BYTES = 4_000_000  # a chunk closes early once it carries this many bytes of articles
BYTES_IN_FLIGHT = 64_000_000  # shipped and not yet answered; at least one chunk is always allowed
SETTLED_RUN = 256  # inputs settled on the client (skips) given back without waiting for a chunk
WORKER_COUNT_EVERY = 2.0  # seconds between looks at how many workers there are (they come and go)
# What client, scheduler and workers must share: brief itself, and what pickles the work.
SAME_EVERYWHERE = ("brief-news", "python", "dask", "distributed", "cloudpickle")
INSTALL = "pip install 'brief-news[dask]'"


# -- reaching the cluster --------------------------------------------------------------------------


@contextlib.contextmanager
def connect(options: BatchOptions) -> Iterator[Cluster]:
    """The cluster ``options.scheduler`` names, checked and ready, closed quietly at the end."""
    address, workers = parse_scheduler(options.scheduler or "")
    shown = address or f"local:{workers}"
    _require_distributed()
    if address is None:
        # Started first: the fork server loads the models and distributed while this process
        # imports distributed too.
        _mp_context(preload=(f"{__package__}.dask_worker",))
    import dask
    import distributed  # noqa: F401 - it configures its loggers on import: quieted after that

    _quiet(options.verbose)

    with dask.config.set(_config(options, local=address is None)):
        local = _start_local(workers, options.verbose) if address is None else None
        client = None
        try:
            client = _client(local or address, shown, options.timeout)
            _preflight(client, shown, options.timeout)
            yield Cluster(client, options)
        finally:
            _close(client, local)


def _require_distributed() -> None:
    try:  # found without importing it: the fork server of a local cluster starts first
        found = importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise UsageError("--scheduler", f"needs Dask's distributed: {INSTALL}")


def _quiet(verbose: bool) -> None:
    """Dask's loggers and warnings stay quiet (they would be tracebacks and noise to a user of a
    command line) unless ``--verbose``, which shows what distributed logs from INFO up."""
    if verbose:
        logging.getLogger("distributed").setLevel(logging.INFO)
        return
    # distributed gives some of its loggers their own level (distributed.client: WARNING): each
    # logger already made is silenced, and those made later inherit from their silenced parents.
    loggers = logging.root.manager.loggerDict
    for name in ["distributed", "tornado", "asyncio", *loggers]:
        if name.split(".")[0] in _NOISY:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    for module in ("distributed", "dask", "tornado"):
        warnings.filterwarnings("ignore", module=rf"{module}(\.|$)")


_NOISY = {"distributed", "tornado", "asyncio"}


def _config(options: BatchOptions, *, local: bool) -> dict:
    config = {
        "distributed.comm.timeouts.connect": f"{options.timeout}s",
        # A chunk of long articles is a large "graph" to Dask; BYTES_IN_FLIGHT bounds them.
        "distributed.admin.large-graph-warning-threshold": "1GB",
        # Dask keeps its last messages for debugging (1,000 by default), each task's articles
        # with them: the client's memory would grow with the batch.
        "distributed.admin.low-level-log-length": 10,
        # Its event loops wake every 20 ms to see whether they were blocked: once a second will do.
        "distributed.admin.tick.interval": "1s",
    }
    if local:
        # Worker processes fork from the pool's fork server: models loaded, Ctrl-C ignored.
        config["distributed.worker.multiprocessing-method"] = "forkserver"
        # This process hosts the scheduler and the nannies too: their monitoring (for dashboards
        # nobody looks at here) and the workers' profiler cost CPU that the articles need. Measured
        # idle, the process then uses 9 ms of CPU a second instead of 30 to 45.
        config["distributed.admin.system-monitor.interval"] = "2s"
        config["distributed.worker.memory.monitor-interval"] = "1s"
        config["distributed.worker.profile.enabled"] = False
    return config


def _start_local(workers: int, verbose: bool):
    """A LocalCluster of ``workers`` single-threaded processes, reachable only from this machine.
    Its workers fork from the pool's fork server (started with SIGINT and SIGHUP ignored, models
    and distributed loaded), so Ctrl-C reaches only this process, which then closes the cluster."""
    from distributed import LocalCluster

    try:
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # its HTTP server (metrics, health) too
            silence_logs=logging.INFO if verbose else logging.CRITICAL,
        )
    except Exception as error:
        raise UsageError(
            "--scheduler", f"cannot start a local cluster ({_reason(error)})"
        ) from None


def _client(target, shown: str, timeout: float):
    from distributed import Client

    if shown.startswith("tls://"):
        _require_tls()
    try:
        return Client(target, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise UsageError(
            "--scheduler", f"cannot reach {one_line(shown)} in {timeout:g} s ({_reason(error)})"
        ) from None


def _require_tls() -> None:
    """A tls:// scheduler needs the client's certificate, key and CA in Dask's configuration."""
    from distributed.security import Security

    if Security().get_connection_args("client")["ssl_context"] is None:
        raise UsageError(
            "--scheduler",
            "tls:// needs Dask's TLS settings: set DASK_DISTRIBUTED__COMM__TLS__CA_FILE, "
            "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT and DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY "
            "(or distributed.comm.tls in ~/.config/dask)",
        )


def _reason(error: BaseException) -> str:
    """The first line of an error, without Dask's description of the connection it was on."""
    lines = str(error).strip().splitlines()
    return _CONNECTION.sub("", one_line(lines[0])) if lines else type(error).__name__


_CONNECTION = re.compile(r"^in <[^>]*>: ")


def _preflight(client, shown: str, timeout: float) -> None:
    """Refuse a cluster whose parts run other versions than this client (brief's, or those of the
    libraries that pickle the work), or that has no worker; load brief on every worker."""
    seen_workers = _check_versions(client, shown)  # the scheduler's at once, without waiting
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise UsageError(
            "--scheduler", f"{one_line(shown)} has no worker (waited {timeout:g} s)"
        ) from None
    if not seen_workers:
        _check_versions(client, shown)
    from .dask_worker import BriefPlugin

    try:
        client.register_plugin(BriefPlugin())
    except Exception as error:
        raise UsageError(
            "--scheduler", f"the workers of {one_line(shown)} cannot load brief ({_reason(error)})"
        ) from None


def _check_versions(client, shown: str) -> bool:
    """``UsageError`` unless scheduler and workers run this client's versions; whether any worker
    was there to ask."""
    versions = client.get_versions(packages=[SAME_EVERYWHERE[0]])
    if (differences := _version_differences(versions)) is not None:
        raise UsageError(
            "--scheduler",
            f"{one_line(shown)} runs other versions than this client: {differences}; "
            "install the same brief-news[dask] on the client, the scheduler and every worker",
        )
    return bool(versions["workers"])


def _version_differences(versions: dict) -> str | None:
    """'brief-news 0.1.0 here, 0.0.9 on the scheduler, missing on 2 workers', or None if all agree."""
    mine = _packages(versions.get("client"))
    places = {"the scheduler": _packages(versions.get("scheduler"))}
    places |= {f"worker {name}": _packages(info) for name, info in versions["workers"].items()}
    for package in SAME_EVERYWHERE:
        other: dict[str, list[str]] = {}
        for place, packages in places.items():
            if packages.get(package) != mine.get(package):
                other.setdefault(packages.get(package) or "missing", []).append(place)
        if other:
            elsewhere = ", ".join(
                f"{version} on {_places(where)}" for version, where in sorted(other.items())
            )
            return f"{package} {mine.get(package) or 'missing'} here, {elsewhere}"
    return None


def _packages(info) -> dict[str, str | None]:
    """Package versions of one place; Python's as major.minor (pickles cross patch releases)."""
    packages = dict((info or {}).get("packages") or {})
    if packages.get("python"):
        packages["python"] = ".".join(str(packages["python"]).split(".")[:2])
    return packages


def _places(where: list[str]) -> str:
    workers = [place for place in where if place.startswith("worker ")]
    named = [place for place in where if place not in workers]
    if len(workers) > 1:
        named.append(f"{len(workers)} workers")
    else:
        named += workers
    return " and ".join(named)


def _close(client, local) -> None:
    """Close the client, then the local cluster, quietly: no heartbeat tracebacks at exit."""
    for part in (client, local):
        if part is not None:
            with contextlib.suppress(Exception):
                part.close(timeout=10)


@dataclass
class Cluster:
    """A checked connection to a cluster, making one runner per batch."""

    client: object
    options: BatchOptions

    def runner(self, settings: _WorkerSettings) -> DaskRunner:
        return DaskRunner(self.client, settings, self.options.ordered, self.options.ship == "paths")


# -- the run ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Chunk:
    """Inputs in input order: those settled on the client (Outcomes) and those shipped (Prepared),
    with the future of the task briefing the shipped ones (None when nothing was shipped)."""

    entries: list[Outcome | Prepared] = field(default_factory=list)
    nbytes: int = 0
    future: object = None

    @property
    def shipped(self) -> list[Prepared]:
        return [entry for entry in self.entries if isinstance(entry, Prepared)]


class DaskRunner:
    """Feeds a Dask cluster with chunks of inputs and streams the outcomes back, like ``_Runner``.

    At most ``window`` chunks (two per worker, four with --ordered, and one more) and
    ``BYTES_IN_FLIGHT`` bytes are out at a time, so the client's memory stays flat however many
    inputs there are and however slowly stdout is read.
    """

    def __init__(self, client, settings: _WorkerSettings, ordered: bool, ship_paths: bool) -> None:
        from distributed import as_completed

        self.client = client
        self.settings = settings
        self.ordered = ordered
        self.ship_paths = ship_paths
        self.completed = as_completed(loop=client.loop)
        self.pending: deque[_Chunk] = deque()  # in submission order
        self.nbytes = 0
        self.workers, self.counted = max(1, len(client.nthreads())), time.monotonic()
        self.keys = (f"brief-{secrets.token_hex(4)}-{n}" for n in range(1 << 62))

    def stream(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        chunks = self._chunks(tasks)
        exhausted = False
        while True:
            while not exhausted and self._room():
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                elif chunk.shipped or (self.ordered and self.pending):
                    self._submit(chunk)
                else:  # nothing to brief, nothing to wait for
                    yield from self._outcomes(chunk, [])
            if not self.pending:
                return
            yield from self._finish(self._next_ready())

    def _room(self) -> bool:
        if not self.pending:
            return True
        return len(self.pending) < self._window() and self.nbytes < BYTES_IN_FLIGHT

    def _window(self) -> int:
        now = time.monotonic()
        if now - self.counted > WORKER_COUNT_EVERY:
            with contextlib.suppress(Exception):
                self.workers = max(1, len(self.client.nthreads()))
            self.counted = now
        return (4 if self.ordered else 2) * self.workers + 1

    def _chunks(self, tasks: Iterator[Task]) -> Iterator[_Chunk]:
        """Chunks of MIN_CHUNK shipped inputs at first (early results, balanced small batches),
        growing to MAX_CHUNK; each input is checked (and read, unless shipping paths) as its chunk
        is filled, so no more of them are in memory than the window holds."""
        chunk, number = _Chunk(), 0
        for task in tasks:
            entry = prepare(task, self.settings, read=not self.ship_paths)
            chunk.entries.append(entry)
            if isinstance(entry, Prepared):
                chunk.nbytes += len(entry.data or b"")
            size = min(MAX_CHUNK, MIN_CHUNK << (number // (2 * self.workers)))
            if (
                len(chunk.shipped) >= size
                or chunk.nbytes >= CHUNK_BYTES
                or len(chunk.entries) >= SETTLED_RUN
            ):
                yield chunk
                chunk, number = _Chunk(), number + 1
        if chunk.entries:
            yield chunk

    def _submit(self, chunk: _Chunk) -> None:
        if chunk.shipped:
            chunk.future = self._send(chunk.shipped)
            if not self.ordered:  # --ordered waits on the oldest chunk instead
                self.completed.add(chunk.future)
        self.pending.append(chunk)
        self.nbytes += chunk.nbytes

    def _send(self, shipped: list[Prepared]):
        from .dask_worker import brief_chunk

        return self.client.submit(
            brief_chunk, shipped, self.settings, key=next(self.keys), pure=False
        )

    def _next_ready(self) -> _Chunk:
        """The next chunk to report: the first in input order (--ordered), else the first done."""
        if self.ordered or self.pending[0].future is None:
            chunk = self.pending.popleft()  # its results are waited for as they are read
        else:
            done = next(self.completed)
            chunk = next(c for c in self.pending if c.future is done)
            self.pending.remove(chunk)
        self.nbytes -= chunk.nbytes
        return chunk

    def _finish(self, chunk: _Chunk) -> Iterator[Outcome]:
        results = [] if chunk.future is None else self._results(chunk.future, chunk.shipped)
        return self._outcomes(chunk, results)

    def _results(self, future, shipped: list[Prepared], alone: bool = False) -> list[Outcome]:
        """What a task sent back. After ``KilledWorker`` (each worker that ran it died) a chunk is
        rerun one input per task, so that only an input that kills a worker again is reported as
        such (Dask suspects every task queued on a dying worker, not only the one that killed it)."""
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            if alone:
                return [_crashed(shipped[0].task)]
            # One input at a time: one that does not kill its worker never shares a dying worker
            # with one that does, so it cannot be suspected with it.
            return [
                outcome
                for ready in shipped
                for outcome in self._results(self._send([ready]), [ready], alone=True)
            ]
        except CancelledError:
            raise BriefError(
                "--scheduler", "the cluster dropped the work: is the scheduler still running?"
            ) from None
        except Exception as error:
            # brief never ran: the worker could not unpickle the task, say (brief_chunk never raises)
            return [_lost(ready, error) for ready in shipped]

    def _outcomes(self, chunk: _Chunk, results: list[Outcome]) -> Iterator[Outcome]:
        """The chunk's outcomes in input order, output files written here."""
        answers = iter(results)
        for entry in chunk.entries:
            if isinstance(entry, Outcome):
                yield entry
                continue
            outcome = next(answers)
            if outcome.unwritten is not None and entry.task.output is not None:
                outcome = write_output(outcome, entry.task.output, self.settings.run)
            yield outcome

    def close(self, clean: bool) -> None:
        """Drop what is still out (after --fail-fast or Ctrl-C): the scheduler forgets it."""
        futures = [chunk.future for chunk in self.pending if chunk.future is not None]
        self.pending.clear()
        if futures and not clean:
            with contextlib.suppress(Exception):
                self.client.cancel(futures)
        self.completed.clear()


def _lost(ready: Prepared, error: BaseException) -> Outcome:
    """The record of an input whose task failed on the cluster, not in brief."""
    message = f"the cluster could not run it: {type(error).__name__}: {_reason(error)}"
    return Outcome(
        printable(ready.task.path), _sha256(ready.data), FAILED, None, "WorkerError", message
    )
