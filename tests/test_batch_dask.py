"""``brief batch --scheduler``: the process pool's records, made on a Dask cluster.

A LocalCluster's records are compared with the pool's byte for byte. A real cluster (``dask
scheduler`` and two ``dask worker`` processes on 127.0.0.1, started once for the module) serves what
a cluster adds: a worker killed mid-run, an article that kills every worker that reads it (the
test-only preload ``tests.dask_poison``), resume after the client is killed, and the refusals made
before any work. Everything that needs distributed is skipped without it; the checks that the pool
never imports it are not.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from brief.batch import FAILED, OK, BatchOptions, parse_scheduler, run_batch
from brief.errors import UsageError

from .dask_poison import POISON
from .helpers import ROOT, SAMPLES, run_brief
from .test_batch import articles, descendants, mixed_folder, outputs, records, summary_counts

HAS_DISTRIBUTED = importlib.util.find_spec("distributed") is not None
needs_distributed = pytest.mark.skipif(
    not HAS_DISTRIBUTED, reason="needs distributed: pip install 'brief-news[dask]'"
)


def cluster_env(**extra: str) -> dict[str, str]:
    """The environment of the cluster's processes: brief and the tests importable, as here."""
    path = os.pathsep.join([str(ROOT), str(ROOT / "cli"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, **extra}


def python_m(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen]


def start_scheduler(folder: Path, env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """A ``dask scheduler`` on a free port of 127.0.0.1, and its address once it listens."""
    file = folder / f"scheduler-{time.monotonic_ns()}.json"
    process = subprocess.Popen(
        [
            *python_m("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0"),
            "--dashboard-address",  # its HTTP server would take port 8787 otherwise
            "127.0.0.1:0",
            "--scheduler-file",
            str(file),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            return json.loads(file.read_text())["address"], process
        except (OSError, ValueError, KeyError):
            time.sleep(0.05)
    process.kill()
    raise AssertionError("the scheduler did not start")


def start_worker(address: str, folder: Path) -> subprocess.Popen:
    """A ``dask worker`` (a nanny, which restarts its worker process if it dies) with one thread."""
    return subprocess.Popen(
        [
            *python_m(
                "distributed.cli.dask_worker", address, "--nthreads", "1", "--host", "127.0.0.1"
            ),
            "--no-dashboard",
            "--local-directory",
            str(folder),
            "--preload",
            "tests.dask_poison",
        ],
        cwd=ROOT,
        env=cluster_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(count, timeout=120)


def stop(processes: list[subprocess.Popen]) -> None:
    """Kill the cluster's processes and the worker processes below them (no graceful close: the
    tests are done with them)."""
    below = [pid for process in processes for pid in descendants(process.pid)]
    for pid in below:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    for process in processes:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    if not HAS_DISTRIBUTED:
        pytest.skip("needs distributed: pip install 'brief-news[dask]'")
    folder = tmp_path_factory.mktemp("cluster")
    # One death too many and a task is given up (KilledWorker): two deaths, not Dask's four, keep
    # the poison test short; no other test kills a worker twice.
    env = cluster_env(DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1")
    address, scheduler = start_scheduler(folder, env)
    workers = [start_worker(address, folder) for _ in range(2)]
    try:
        wait_for_workers(address, 2)
        yield Cluster(address, scheduler, workers)
    finally:
        stop([*workers, scheduler])


def dask_run(options: BatchOptions) -> tuple:
    seen: list = []
    tally = run_batch(options, seen.append)
    return tally, seen


def assert_one_line(stderr: bytes, *parts: str) -> str:
    text = stderr.decode()
    assert text.startswith("brief: --scheduler: ") and text.count("\n") == 1, text
    for part in parts:
        assert part in text, text
    return text


# -- the same records as the pool ------------------------------------------------------------------


@needs_distributed
def test_a_local_cluster_gives_the_pools_records_byte_for_byte(tmp_path: Path) -> None:
    top = mixed_folder(tmp_path)
    pool_tally, pool = dask_run(BatchOptions(paths=(str(top),), jobs=2, ordered=True))
    tally, seen = dask_run(BatchOptions(paths=(str(top),), scheduler="local:2", ordered=True))
    assert [o.jsonl() for o in seen] == [o.jsonl() for o in pool]
    assert (tally.processed, tally.skipped, tally.failed) == (6, 0, 2)
    assert (pool_tally.processed, pool_tally.failed) == (6, 2)
    kinds = {o.path.rpartition("/")[2]: o.error_type for o in seen if o.status == FAILED}
    assert kinds == {"binary.txt": "InputError", "empty.txt": "EmptyInputError"}


@needs_distributed
def test_the_command_on_a_cluster_prints_what_the_pool_prints(cluster: Cluster, tmp_path) -> None:
    top = mixed_folder(tmp_path)
    _, pool = dask_run(BatchOptions(paths=(str(top),), jobs=2, ordered=True))
    result = run_brief("batch", str(top), "--ordered", "--scheduler", cluster.address)
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout == "".join(o.jsonl() for o in pool).encode() and records(result.stdout)
    assert summary_counts(result.stderr) == (6, 0, 2)
    assert "Traceback" not in result.stderr.decode()

    options = BatchOptions(paths=(str(top),), scheduler=cluster.address, fail_fast=True)
    tally, seen = dask_run(options)
    assert tally.stopped_early and tally.failed == 1 and seen[-1].status == FAILED


@needs_distributed
@pytest.mark.parametrize("ship", ["bytes", "paths"])
def test_output_files_match_the_pools_and_a_rerun_skips_them(
    cluster: Cluster, tmp_path: Path, ship: str
) -> None:
    top = mixed_folder(tmp_path)
    common = {"paths": (str(top),), "fmt": "markdown"}
    dask_run(BatchOptions(**common, out_dir=str(tmp_path / "pool"), jobs=2))
    options = BatchOptions(
        **common, out_dir=str(tmp_path / "dask"), scheduler=cluster.address, ship=ship
    )
    tally, _ = dask_run(options)
    assert (tally.processed, tally.failed) == (6, 2)
    pool_files = outputs(tmp_path / "pool")
    dask_files = outputs(tmp_path / "dask")
    assert [p.relative_to(tmp_path / "dask") for p in dask_files] == [
        p.relative_to(tmp_path / "pool") for p in pool_files
    ]
    for ours, theirs in zip(dask_files, pool_files, strict=True):
        assert ours.read_bytes() == theirs.read_bytes()

    again, seen = dask_run(options)
    assert (again.processed, again.skipped, again.failed) == (0, 6, 2)
    assert all(o.status != OK for o in seen)


@needs_distributed
def test_the_client_does_not_keep_what_it_sent(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from brief.batch import dask_backend

    monkeypatch.setattr(dask_backend, "MIN_CHUNK", 1)
    monkeypatch.setattr(dask_backend, "MAX_CHUNK", 1)  # one task per article: 40 of them
    articles(tmp_path / "in", 40)
    kept = []

    def count_sent(outcome) -> None:
        # Each task went to the scheduler in an "update-graph" message holding its articles.
        sent = [
            o for o in gc.get_objects() if isinstance(o, dict) and o.get("op") == "update-graph"
        ]
        kept.append(len(sent))

    run_batch(BatchOptions(paths=(str(tmp_path / "in"),), scheduler=cluster.address), count_sent)
    assert len(kept) == 40 and max(kept) <= 20, kept


# -- failures on the cluster -----------------------------------------------------------------------


def worker_processes(nanny: subprocess.Popen) -> list[int]:
    """The worker process a ``dask worker`` nanny runs (its multiprocessing child)."""
    found = []
    for pid in descendants(nanny.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command or b"forkserver" in command:
            found.append(pid)
    return found


@needs_distributed
def test_a_worker_killed_mid_run_costs_no_input_and_repeats_none(
    cluster: Cluster, tmp_path: Path
) -> None:
    inputs = articles(tmp_path / "in", 48)
    stdout = tmp_path / "stdout.jsonl"
    with stdout.open("wb") as sink:
        process = subprocess.Popen(
            python_m("brief", "batch", str(tmp_path / "in"), "-q", "--scheduler", cluster.address),
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.PIPE,
        )
    deadline = time.monotonic() + 120
    while b"\n" not in stdout.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.005)  # the first chunk is back: the others are on the workers
    before = stdout.read_bytes().count(b"\n")
    victims = [pid for nanny in cluster.workers for pid in worker_processes(nanny)]
    assert victims, "each dask worker runs its worker in a child process"
    os.kill(victims[0], signal.SIGKILL)  # as the OOM killer would
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    paths = [record["source"]["path"] for record in records(stdout.read_bytes())]
    assert sorted(paths) == sorted(str(path) for path in inputs)  # each once, none lost
    assert before < len(inputs), "the kill should land part-way"
    wait_for_workers(cluster.address, 2)  # the nanny has started a new worker


@needs_distributed
def test_an_article_that_kills_its_worker_is_the_only_failure(
    cluster: Cluster, tmp_path: Path
) -> None:
    inputs = articles(tmp_path / "in", 6)
    poisoned = inputs[2]
    poisoned.write_text(poisoned.read_text() + "\n" + POISON + "\n")
    result = run_brief(
        "batch", str(tmp_path / "in"), "--scheduler", cluster.address, "--ordered", timeout=180
    )
    assert result.returncode == 1, result.stderr.decode()
    found = records(result.stdout)
    assert [r["source"]["path"] for r in found] == [str(path) for path in inputs]
    failures = [r for r in found if "error" in r]
    assert [r["source"]["path"] for r in failures] == [str(poisoned)]
    assert failures[0]["error"]["type"] == "WorkerCrashed"
    assert summary_counts(result.stderr) == (5, 0, 1)
    wait_for_workers(cluster.address, 2)


@needs_distributed
def test_a_rerun_after_the_client_was_killed_skips_what_was_written(
    cluster: Cluster, tmp_path: Path
) -> None:
    inputs = articles(tmp_path / "in", 48)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            *python_m("brief", "batch", str(tmp_path / "in"), "-q", "--scheduler", cluster.address),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    process.kill()  # SIGKILL: no clean-up of any kind
    process.communicate()
    done = [p for p in outputs(out) if p.suffix == ".json"]
    assert 1 <= len(done) < len(inputs), "the kill should land part-way"

    result = run_brief(
        "batch", str(tmp_path / "in"), "--scheduler", cluster.address, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr.decode()
    assert summary_counts(result.stderr) == (len(inputs) - len(done), len(done), 0)
    final = outputs(out)  # the dead run's temp file, if any, was swept
    assert [p.name for p in final] == [p.with_suffix(".json").name for p in inputs]
    for source, output in zip(inputs, final, strict=True):
        assert json.loads(output.read_bytes())["source"]["path"] == str(source)


# -- refused before any work -----------------------------------------------------------------------


@needs_distributed
def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    result = run_brief("batch", str(SAMPLES), "--scheduler", address, "--timeout", "1")
    assert result.returncode == 2 and result.stdout == b""
    assert_one_line(result.stderr, f"cannot reach {address} in 1 s")


@needs_distributed
def test_a_cluster_on_other_versions_is_one_line_and_exit_2(cluster: Cluster, tmp_path) -> None:
    # This client claims another brief-news release than the one the cluster runs.
    fake = tmp_path / "fake" / "brief_news-0.0.1.dist-info"
    fake.mkdir(parents=True)
    (fake / "METADATA").write_text("Metadata-Version: 2.1\nName: brief-news\nVersion: 0.0.1\n")
    env = {"PYTHONPATH": os.pathsep.join([str(fake.parent), cluster_env()["PYTHONPATH"]])}
    result = run_brief("batch", str(SAMPLES), "--scheduler", cluster.address, env=env)
    assert result.returncode == 2 and result.stdout == b""
    assert_one_line(result.stderr, "brief-news 0.0.1 here", "on the scheduler and 2 workers")


@needs_distributed
def test_a_scheduler_without_workers_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from distributed import LocalCluster

    bare_scheduler = {"host": "127.0.0.1", "protocol": "tcp://", "dashboard_address": "127.0.0.1:0"}
    with LocalCluster(n_workers=0, processes=False, **bare_scheduler) as bare:
        address = bare.scheduler_address
        result = run_brief("batch", str(SAMPLES), "--scheduler", address, "--timeout", "1")
    assert result.returncode == 2 and result.stdout == b""
    assert_one_line(result.stderr, f"{address} has no worker")


@needs_distributed
def test_tls_without_certificates_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if "TLS" not in key}
    result = subprocess.run(
        python_m("brief", "batch", str(SAMPLES), "--scheduler", "tls://127.0.0.1:1"),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == b""
    assert_one_line(result.stderr, "tls:// needs Dask's TLS settings")


def test_cluster_options_are_checked_before_any_work(tmp_path: Path) -> None:
    cases = {
        ("--ship", "paths"): "--ship: needs --scheduler",
        ("--scheduler", "local:2", "--jobs", "2"): "--jobs: sizes the process pool",
        ("--scheduler", "http://host:8786"): "--scheduler: give tcp://HOST:PORT",
        ("--scheduler", "local:0"): "--scheduler: local:N takes 1 to",
    }
    for flags, message in cases.items():
        result = run_brief("batch", str(tmp_path), *flags)
        assert result.returncode == 2, (flags, result.stderr)
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"brief: {message}"), (flags, lines)


def test_without_distributed_a_scheduler_is_refused_with_what_to_install(tmp_path) -> None:
    code = (
        "import sys; sys.modules['distributed'] = None\n"  # as if it were not installed
        "from brief.commands import main\n"
        f"main(['batch', {str(SAMPLES)!r}, '--scheduler', 'local'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "brief: --scheduler: needs Dask's distributed: pip install 'brief-news[dask]'\n"
    )


def test_scheduler_addresses() -> None:
    assert parse_scheduler("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", 0)
    assert parse_scheduler("tls://sched.example.org") == ("tls://sched.example.org:8786", 0)
    assert parse_scheduler("10.0.0.5:9000") == ("tcp://10.0.0.5:9000", 0)
    assert parse_scheduler("tcp://[::1]:8786") == ("tcp://[::1]:8786", 0)
    assert parse_scheduler("local:1") == (None, 1)
    assert parse_scheduler("local")[0] is None and parse_scheduler("local")[1] >= 1
    for wrong in ("ucx://host:8786", "tcp://host:port", "tcp://", "local:x", "tcp://h:1/path"):
        with pytest.raises(UsageError):
            parse_scheduler(wrong)


def test_the_pool_never_imports_distributed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    articles(tmp_path / "in", 2)
    code = (
        "import sys\n"
        "from brief.commands import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(repr(sorted({'dask', 'distributed'} & set(sys.modules))))\n"
    )
    for args in (["batch", "--help"], ["--version"], ["batch", str(tmp_path / "in"), "-q"]):
        result = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, timeout=120
        )
        assert result.stderr.decode().endswith("[]"), (args, result.stderr.decode())


# -- Ctrl-C ------------------------------------------------------------------------------------------


@needs_distributed
def test_ctrl_c_closes_a_local_cluster_quietly_with_exit_130(tmp_path: Path) -> None:
    articles(tmp_path / "in", 40)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            *python_m("brief", "batch", str(tmp_path / "in"), "--scheduler", "local:2"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 120
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    below = list(descendants(process.pid))
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets SIGINT
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert stdout == b"" and stderr.strip() == b""
    assert not [p for p in outputs(out) if ".tmp-" in p.name]
    time.sleep(0.5)
    assert not [pid for pid in below if _alive(pid)], "the cluster's processes are gone"


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False
