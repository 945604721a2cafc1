"""``brief batch`` never hangs, never leaves litter, ends cleanly (issue #11).

FIFOs swapped in after discovery, NUL bytes and endless lines in path lists, a full or closed stdout,
SIGTERM and SIGHUP, temp files of killed runs (zombie pids included), ``--out`` inside the inputs, and
option values no brief can be made with. What a user sees (exit codes, stderr, signals) is checked on
the real command in a subprocess; the rest in-process.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from brief.batch import (
    FAILED,
    OK,
    BatchOptions,
    _WorkerSettings,
    brief_one,
    discover,
    read_input,
    run_batch,
    sweep_temp_files,
)
from brief.commands.batch import _Stopped, _StopSignals
from brief.errors import InputError
from brief.options import Options

from .helpers import ROOT, run_brief
from .test_batch import TEMP, articles, copy, descendants, outputs, records


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "brief", "batch", *args]


def assert_one_line(stderr: bytes, start: str = "brief: ") -> str:
    text = stderr.decode("utf-8")
    assert text.startswith(start) and text.count("\n") == 1 and text.endswith("\n"), text
    return text


def open_fifo_writer_briefly(fifo: Path) -> None:
    """Unblock a reader stuck on opening ``fifo`` (if any), so that a failing test cannot hang."""
    with contextlib.suppress(OSError):  # no reader waiting: nothing to unblock
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


# -- FIFOs: refused, never read --------------------------------------------------------------------


class SwapOnThirdRead(io.RawIOBase):
    """A --from-stdin list that replaces the file it last listed by a FIFO before it says more.

    Reads: 1st lists ``first``, 2nd lists ``second``; the 3rd, which discovery makes only after it
    has checked ``second`` (a regular file then) and before the chunk holding it goes to a worker,
    swaps ``second`` for a FIFO and ends the list."""

    def __init__(self, first: Path, second: Path) -> None:
        self.pieces = [f"{first}\n".encode(), f"{second}\n".encode()]
        self.second = second

    def read(self, size: int = -1) -> bytes:
        if self.pieces:
            return self.pieces.pop(0)
        if self.second.is_file():
            self.second.unlink()
            os.mkfifo(self.second)
        return b""


def test_a_file_swapped_for_a_fifo_after_discovery_is_one_record_not_a_hang(
    tmp_path: Path,
) -> None:
    first = copy("wire_lavrov.txt", tmp_path / "a.txt")
    second = copy("press_release.txt", tmp_path / "b.txt")
    options = BatchOptions(from_stdin=True, stdin=SwapOnThirdRead(first, second), jobs=1)
    seen = []
    runner = threading.Thread(target=lambda: seen.extend(collect_outcomes(options)), daemon=True)
    runner.start()
    runner.join(timeout=30)
    hung = runner.is_alive()
    if hung:
        open_fifo_writer_briefly(second)
        runner.join(timeout=30)
    assert not hung, "a worker blocked opening the FIFO"
    assert second.is_fifo()  # the swap did happen, after discovery
    by_path = {o.path: o for o in seen}
    assert by_path[str(first)].status == OK
    swapped = by_path[str(second)]
    assert (swapped.status, swapped.error_type, swapped.sha256) == (FAILED, "InputError", None)
    assert "not a regular file" in swapped.error_message


def collect_outcomes(options: BatchOptions) -> list:
    seen: list = []
    run_batch(options, seen.append)
    return seen


def test_the_worker_checks_what_it_opened_not_what_discovery_saw(tmp_path: Path) -> None:
    path = copy("wire_lavrov.txt", tmp_path / "a.txt")
    (task,) = discover(BatchOptions(paths=(str(path),)))
    assert task.problem is None
    path.unlink()
    os.mkfifo(path)
    settings = _WorkerSettings(Options(), 10_000_000, None, "jsonl")
    result = []
    worker = threading.Thread(target=lambda: result.append(brief_one(task, settings)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        open_fifo_writer_briefly(path)
    assert result, "brief_one blocked on the FIFO"
    assert (result[0].status, result[0].error_type) == (FAILED, "InputError")
    with pytest.raises(InputError, match="not a regular file"):
        read_input(str(path), 1000)
    with pytest.raises(InputError, match="is a folder"):
        read_input(str(tmp_path), 1000)


def test_read_input_keeps_to_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert read_input(str(path), 1000) == b"x" * 1000
    # the same words as summarize's reader
    with pytest.raises(InputError, match=r"larger than the limit of 999 bytes \(max_bytes\)"):
        read_input(str(path), 999)


def test_a_fifo_named_on_stdin_or_found_in_a_folder_is_a_record(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    copy("wire_lavrov.txt", folder / "a.txt")
    os.mkfifo(folder / "pipe.txt")
    listed = f"{folder / 'pipe.txt'}\n{folder / 'a.txt'}\n".encode()
    for args, stdin in ((["--from-stdin"], listed), ([str(folder)], None)):
        result = run_brief("batch", *args, "--jobs", "1", stdin=stdin, timeout=60)
        assert result.returncode == 1, result.stderr.decode()
        found = {r["source"]["path"]: r for r in records(result.stdout)}
        assert "summary" in found[str(folder / "a.txt")]
        assert found[str(folder / "pipe.txt")]["error"]["type"] == "InputError"
        assert "not a regular file" in found[str(folder / "pipe.txt")]["error"]["message"]
        assert "Traceback" not in result.stderr.decode()


# -- path lists ------------------------------------------------------------------------------------


def test_a_nul_byte_in_a_path_list_is_one_record(tmp_path: Path) -> None:
    good = copy("wire_lavrov.txt", tmp_path / "good.txt")
    listed = b"a.txt\0b.txt\n" + os.fsencode(good) + b"\n"
    result = run_brief("batch", "--from-stdin", stdin=listed)
    assert result.returncode == 1, result.stderr.decode()
    found = {r["source"]["path"]: r for r in records(result.stdout)}
    assert found["a.txt\0b.txt"]["error"] == {
        "type": "InputError",
        "message": "not a path: it holds a NUL byte",
    }
    assert "summary" in found[str(good)]
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr and "a.txt\\x00b.txt: InputError" in stderr
    # The Python API takes paths with a NUL byte the same way.
    (task,) = discover(BatchOptions(paths=("x\0y",)))
    assert task.problem == ("InputError", "not a path: it holds a NUL byte")


def test_an_endless_line_on_stdin_is_one_record_and_the_list_goes_on(tmp_path: Path) -> None:
    good = copy("wire_lavrov.txt", tmp_path / "good.txt")
    listed = b"y" * 300_000 + b"\n" + os.fsencode(good) + b"\n" + b"z" * 100_000
    options = BatchOptions(from_stdin=True, stdin=io.BytesIO(listed), jobs=1, ordered=True)
    seen = collect_outcomes(options)
    assert [(o.status, o.error_type) for o in seen] == [
        (FAILED, "InputError"),
        (OK, None),
        (FAILED, "InputError"),
    ]
    assert "longer than 65,536 bytes" in seen[0].error_message
    assert len(seen[0].path) < 100 and seen[1].path == str(good)


# -- stdout that cannot be written -----------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    articles(tmp_path / "in", 6)
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            command(str(tmp_path / "in"), "--jobs", "2"),
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == b"brief: write error: No space left on device\n"


def close_stdout() -> None:
    os.close(1)  # like `brief batch ... >&-`


def test_a_closed_stdout_is_one_line_and_exit_1_unless_out_is_given(tmp_path: Path) -> None:
    articles(tmp_path / "in", 3)
    result = subprocess.run(
        command(str(tmp_path / "in"), "--jobs", "1"),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        preexec_fn=close_stdout,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == b"brief: write error: standard output is closed\n"

    out = tmp_path / "out"
    result = subprocess.run(
        command(str(tmp_path / "in"), "--jobs", "1", "--out", str(out), "-q"),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        preexec_fn=close_stdout,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"" and len(outputs(out)) == 3


def test_head_c_ends_the_batch_quietly_with_141(tmp_path: Path) -> None:
    articles(tmp_path / "in", 20)
    script = 'set -o pipefail; "$@" | head -c 10 >/dev/null; echo "status ${PIPESTATUS[0]}" >&2'
    result = subprocess.run(
        ["bash", "-c", script, "bash", *command(str(tmp_path / "in"), "--jobs", "2")],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert result.stderr == b"status 141\n"


# -- signals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "whole_group", "to_stdout"),
    [
        (signal.SIGTERM, False, True),  # kill PID: JSONL on stdout
        (signal.SIGHUP, True, False),  # the terminal closed: the whole group, files under --out
        (signal.SIGTERM, True, False),  # kill -TERM -PGID
    ],
)
def test_sigterm_and_sighup_stop_cleanly(
    tmp_path: Path, number: int, whole_group: bool, to_stdout: bool
) -> None:
    articles(tmp_path / "in", 200)
    out = tmp_path / "out"
    temp = tmp_path / "tmp"  # multiprocessing's own temp files land here: they must go too
    temp.mkdir()
    args = [str(tmp_path / "in"), "--jobs", "2", *([] if to_stdout else ["--out", str(out)])]
    process = subprocess.Popen(
        command(*args),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temp)},
        start_new_session=True,
    )
    first = wait_for_first_record(process, out, to_stdout)
    workers = [pid for pid, depth in descendants(process.pid).items() if depth == 2]
    assert workers
    if whole_group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    stdout, stderr = process.communicate(timeout=60)
    stdout = first + stdout

    assert process.returncode == 128 + number, stderr.decode()
    assert stderr == b""  # no traceback, no leaked-semaphore warning, no summary
    if to_stdout:
        done = records(stdout)  # every line whole JSON, the last one ended
        assert 1 <= len(done) < 200
    else:
        left = outputs(out)
        assert 1 <= len(left) < 200
        assert not [p for p in left if TEMP.search(p.name)], "temp files left behind"
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # the lock too
        for path in left:
            json.loads(path.read_bytes())
    assert list(temp.iterdir()) == []
    assert_gone(workers)


@pytest.mark.skipif(not os.path.exists("/proc/self/wchan"), reason="needs Linux /proc")
def test_sigterm_while_stdout_is_full_waits_for_the_record_to_end(tmp_path: Path) -> None:
    # The reader is slow: the pipe fills and brief blocks in the middle of writing a record. The
    # signal must not cut that record; once the reader drains the pipe, brief stops after it.
    articles(tmp_path / "in", 200)
    process = subprocess.Popen(
        command(str(tmp_path / "in"), "--jobs", "2"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while "pipe_write" not in Path(f"/proc/{process.pid}/wchan").read_text():
        assert time.monotonic() < deadline and process.poll() is None, "never blocked on stdout"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    assert process.poll() is None  # still finishing the record it was writing
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr.decode()
    assert stderr == b""
    assert 1 <= len(records(stdout)) < 200


def wait_for_first_record(process: subprocess.Popen, out: Path, to_stdout: bool) -> bytes:
    if to_stdout:
        line = process.stdout.readline()
        assert line.endswith(b"\n"), process.stderr.read()
        return line
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    return b""


def assert_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if os.path.exists(f"/proc/{pid}")]
        if not alive:
            return
        time.sleep(0.05)
    raise AssertionError(f"workers still running: {alive}")


def test_a_signal_during_a_record_waits_until_the_record_is_whole() -> None:
    numbers = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {number: signal.getsignal(number) for number in numbers}
    steps = []
    try:
        with pytest.raises(_Stopped) as stopped, _StopSignals() as signals:
            with signals.held():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)  # the handler has run by now: it must not have raised
                steps.append("record written")
            steps.append("after the record")  # not reached: the held signal acts first
        # Stopping: a second signal cannot cut the clean-up short.
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
    assert steps == ["record written"]
    assert stopped.value.number == signal.SIGTERM


def test_a_second_signal_stops_even_a_write_that_cannot_end() -> None:
    numbers = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {number: signal.getsignal(number) for number in numbers}
    steps = []
    try:
        with pytest.raises(_Stopped) as stopped, _StopSignals() as signals, signals.held():
            os.kill(os.getpid(), signal.SIGHUP)  # held: the record may still end
            steps.append("first held")
            os.kill(os.getpid(), signal.SIGTERM)  # the reader is stuck: stop now
            time.sleep(0.05)
            steps.append("not reached")
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
    assert steps == ["first held"]
    assert stopped.value.number == signal.SIGTERM


# -- temp files of killed runs ---------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from brief.batch import _run_lock
with _run_lock(sys.argv[1]) as run:
    print(run, flush=True)
    time.sleep(120)
"""


def test_temp_files_go_when_their_run_is_gone_even_as_a_zombie(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, cwd=ROOT
    )
    try:
        run = holder.stdout.readline().decode().strip()
        live = tmp_path / "sub" / f".a.json.tmp-{run}-0123abcd"
        unknown = tmp_path / ".b.json.tmp-00000000deadbeef-0123abcd"  # no lock: a run long gone
        old_style = tmp_path / f".c.json.tmp-{os.getpid()}-0123abcd"  # a pid, alive, means nothing
        output = tmp_path / "x.json"
        for path in (live, unknown, old_style, output):
            path.write_text("{", encoding="utf-8")
        assert sweep_temp_files(str(tmp_path)) == 2
        assert live.exists() and output.exists()
        assert not unknown.exists() and not old_style.exists()

        holder.kill()
        time.sleep(0.2)  # not waited for: the holder stays a zombie, its pid still taken
        assert os.path.exists(f"/proc/{holder.pid}")
        assert sweep_temp_files(str(tmp_path)) == 1
        assert not live.exists() and output.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["sub", "x.json"]  # lock file gone
    finally:
        holder.kill()
        holder.wait()


# -- usage errors before any work -------------------------------------------------------------------


def test_out_inside_an_input_folder_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    copy("wire_lavrov.txt", folder / "a.txt")
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    for out in (folder, folder / "briefs", tmp_path / "link"):
        result = run_brief("batch", str(folder), "--out", str(out))
        assert result.returncode == 2, result.stderr.decode()
        assert result.stdout == b""
        assert (
            "--out" in assert_one_line(result.stderr) and "input folder" in result.stderr.decode()
        )
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    # A folder listed on stdin is checked when its turn comes: one record, the list goes on.
    listed = io.BytesIO(f"{folder}\n".encode())
    seen = collect_outcomes(
        BatchOptions(from_stdin=True, stdin=listed, out_dir=str(folder / "o"), jobs=1)
    )
    assert [(o.status, o.error_type) for o in seen] == [(FAILED, "UsageError")]


@pytest.mark.parametrize(
    "option",
    [
        ["--ratio", "nan"],
        ["--date", "9999-12-31"],
        ["--max-bytes", "100000000000000000000"],
        ["--max-bytes", "0"],
        ["--jobs", "100000"],
        ["--sentences", "0"],
    ],
)
def test_bad_option_values_are_refused_before_any_work(tmp_path: Path, option: list[str]) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    result = run_brief("batch", str(tmp_path / "in"), "--out", str(out), *option)
    assert result.returncode == 2, result.stderr.decode()
    assert result.stdout == b"" and "Traceback" not in result.stderr.decode()
    assert result.stderr.decode().strip()
    assert not out.exists()
