"""``brief batch``: records, exit codes, mirrored outputs, resume after a kill, stdin lists, odd trees.

Folders are built in tmp_path at run time from the samples. Behaviour a user sees (exit codes, stderr,
signals) is checked on the real command in a subprocess; the rest calls ``run_batch`` in-process, which
is faster: the pytest process keeps one fork server for all of them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from brief.batch import (
    FAILED,
    OK,
    SKIPPED,
    BatchOptions,
    _run_lock,
    discover,
    printable,
    run_batch,
    sweep_temp_files,
)
from brief.core import brief_source
from brief.options import Options
from brief.reading import read_source

from .helpers import ROOT, SAMPLES, run_brief

NON_UTF8_NAME = b"caf\xe9.txt"  # Latin-1 bytes: not valid UTF-8
SUMMARY = re.compile(r"(\d+) processed, (\d+) skipped, (\d+) failed")
TEMP = re.compile(r"\.tmp-\d+-[0-9a-f]{8}$")


def copy(sample: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / sample, target)
    return target


def mixed_folder(root: Path) -> Path:
    """Good articles (one Windows-1252, one .md, one nested, one with a non-UTF-8 name), a binary
    file, an empty file, hidden entries, a file that is not an article, and a symlink loop."""
    top = root / "in"
    copy("wire_lavrov.txt", top / "wire.txt")
    copy("press_release.txt", top / "press.txt")
    copy("cp1252_crlf.txt", top / "cp1252.txt")
    copy("no_metadata.txt", top / "nested" / "no_meta.md")
    copy("features_subheadings.txt", top / "nested" / "deeper" / "feature.txt")
    copy(
        "no_metadata.txt",
        Path(os.fsdecode(os.path.join(os.fsencode(top), NON_UTF8_NAME))),
    )
    (top / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (top / "empty.txt").write_bytes(b"")
    copy("wire_lavrov.txt", top / ".hidden.txt")
    copy("wire_lavrov.txt", top / ".cache" / "old.txt")
    (top / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (top / "nested" / "loop").symlink_to("..", target_is_directory=True)
    return top


def records(stdout: bytes) -> list[dict]:
    """Every stdout line as JSON: fails the test if any line is not a complete JSON object."""
    lines = stdout.decode("utf-8").splitlines()
    assert stdout.endswith(b"\n") or not stdout
    return [json.loads(line) for line in lines]


def summary_counts(stderr: bytes) -> tuple[int, int, int]:
    match = SUMMARY.search(stderr.decode("utf-8", "replace"))
    assert match, stderr
    return int(match[1]), int(match[2]), int(match[3])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles(folder: Path, count: int) -> list[Path]:
    """``count`` good articles f00.txt, f01.txt, ... cycling through the samples."""
    samples = sorted(p.name for p in SAMPLES.glob("*.txt"))
    return [copy(samples[n % len(samples)], folder / f"f{n:02d}.txt") for n in range(count)]


def outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


def collect(options: BatchOptions):
    seen = []
    tally = run_batch(options, seen.append)
    return tally, seen


# -- the command as users meet it -------------------------------------------------------------------


def test_mixed_folder_gives_a_record_per_file_and_exit_1(tmp_path: Path) -> None:
    top = mixed_folder(tmp_path)
    result = run_brief("batch", str(top), "--jobs", "2")
    assert result.returncode == 1, result.stderr.decode()
    by_path = {record["source"]["path"]: record for record in records(result.stdout)}
    shown = printable(str(top))
    good = [
        "wire.txt",
        "press.txt",
        "cp1252.txt",
        "nested/no_meta.md",
        "nested/deeper/feature.txt",
    ]
    good.append("caf\\xe9.txt")
    bad = {"binary.txt": "InputError", "empty.txt": "EmptyInputError"}
    assert set(by_path) == {f"{shown}/{name}" for name in [*good, *bad]}
    for name in good:
        record = by_path[f"{shown}/{name}"]
        assert record["summary"] and "error" not in record
        real = top / name.replace("caf\\xe9.txt", os.fsdecode(NON_UTF8_NAME))
        assert record["source"]["sha256"] == sha256(real)
    assert by_path[f"{shown}/cp1252.txt"]["source"]["encoding"] == "cp1252"
    for name, kind in bad.items():
        record = by_path[f"{shown}/{name}"]
        assert set(record) == {"source", "error"}
        assert record["source"]["sha256"] == sha256(top / name)
        assert record["error"]["type"] == kind and record["error"]["message"]

    # A brief in the stream is exactly what the single-article pipeline makes of that file.
    wire = str(top / "wire.txt")
    expected = brief_source(replace(read_source(wire), path=f"{shown}/wire.txt"), Options())
    assert by_path[f"{shown}/wire.txt"] == expected.to_dict()

    stderr = result.stderr.decode()
    assert summary_counts(result.stderr) == (6, 0, 2)
    assert "binary.txt: InputError" in stderr and "empty.txt: EmptyInputError" in stderr
    assert "Traceback" not in stderr


def test_ordered_keeps_input_order(tmp_path: Path) -> None:
    # Long articles first: completion order would put the short ones ahead of them.
    folder = tmp_path / "in"
    names = [f"a{n:02d}.txt" for n in range(10)]
    for n, name in enumerate(names):
        copy("long_feature.txt" if n < 3 else "no_metadata.txt", folder / name)
    copy("wire_lavrov.txt", folder / "b" / "z.txt")
    result = run_brief("batch", str(folder), "--ordered", "--jobs", "2")
    assert result.returncode == 0, result.stderr.decode()
    paths = [record["source"]["path"] for record in records(result.stdout)]
    assert paths == [str(folder / name) for name in names] + [str(folder / "b" / "z.txt")]


def test_killed_run_then_rerun_leaves_one_complete_output_per_input(
    tmp_path: Path,
) -> None:
    inputs = articles(tmp_path / "in", 40)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "brief",
        "batch",
        str(tmp_path / "in"),
        "--jobs",
        "1",
    ]
    command += ["--out", str(out), "-q"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    process.kill()  # SIGKILL: no cleanup of any kind in the main process
    process.communicate()
    time.sleep(0.3)  # the orphaned worker sees its lifeline closed and exits at once
    done = [p for p in outputs(out) if p.suffix == ".json"]
    assert 1 <= len(done) < len(inputs), "the kill should land part-way"
    for path in done:  # nothing half-written under a final name
        assert json.loads(path.read_bytes())["source"]["sha256"]

    result = run_brief("batch", str(tmp_path / "in"), "--jobs", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert summary_counts(result.stderr) == (len(inputs) - len(done), len(done), 0)
    final = outputs(out)
    assert [p.name for p in final] == [p.with_suffix(".json").name for p in inputs]
    for source, output in zip(inputs, final, strict=True):
        data = json.loads(output.read_bytes())
        assert data["source"]["sha256"] == sha256(source)
        assert data["source"]["path"] == str(source)


def test_ctrl_c_stops_quietly_with_exit_130_and_no_partial_output(
    tmp_path: Path,
) -> None:
    articles(tmp_path / "in", 40)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "brief",
        "batch",
        str(tmp_path / "in"),
        "--jobs",
        "2",
    ]
    process = subprocess.Popen(
        [*command, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets SIGINT
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr.decode()
    assert stdout == b"" and stderr.strip() == b""
    left = outputs(out)
    assert left and not [p for p in left if TEMP.search(p.name)]
    for path in left:
        json.loads(path.read_bytes())


def test_a_worker_that_dies_costs_no_input(tmp_path: Path) -> None:
    inputs = articles(tmp_path / "in", 30)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "brief",
        "batch",
        str(tmp_path / "in"),
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(
        [*command, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    workers = [pid for pid, depth in descendants(process.pid).items() if depth == 2]
    assert workers, "workers are forked by the fork server, a child of the main process"
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert summary_counts(stderr)[2] == 0
    assert len([p for p in outputs(out) if p.suffix == ".json"]) == len(inputs)


def descendants(pid: int) -> dict[int, int]:
    """Every process below ``pid`` with its depth (1 = child), from /proc."""
    found, stack = {}, [(pid, 0)]
    while stack:
        current, depth = stack.pop()
        for task in os.listdir(f"/proc/{current}/task"):
            with open(f"/proc/{current}/task/{task}/children") as handle:
                for child in handle.read().split():
                    found[int(child)] = depth + 1
                    stack.append((int(child), depth + 1))
    return found


def test_paths_from_stdin_newline_and_nul_separated(tmp_path: Path) -> None:
    odd = copy("wire_lavrov.txt", tmp_path / "a\nline break.txt")  # only -0 can carry this name
    plain = copy("press_release.txt", tmp_path / "plain.txt")
    result = run_brief("batch", "-0", stdin=f"{odd}\0{plain}\0".encode())
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(r["source"]["path"] for r in records(result.stdout)) == sorted(
        [str(odd), str(plain)]
    )

    result = run_brief(
        "batch",
        "--from-stdin",
        stdin=f"{plain}\n\n{tmp_path / 'missing.txt'}\n".encode(),
    )
    assert result.returncode == 1
    found = {r["source"]["path"]: r for r in records(result.stdout)}
    assert set(found) == {str(plain), str(tmp_path / "missing.txt")}
    missing = found[str(tmp_path / "missing.txt")]
    assert missing["error"] == {
        "type": "InputError",
        "message": "no such file or folder",
    }
    assert missing["source"]["sha256"] is None


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (
        ["batch"],
        ["batch", str(tmp_path), "--format", "markdown"],
        ["batch", str(tmp_path), "--date", "someday"],
    ):
        result = run_brief(*args)
        assert result.returncode == 2, (args, result.stderr.decode())
        assert result.stdout == b"" and "Traceback" not in result.stderr.decode()


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    articles(tmp_path / "in", 12)
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "batch", str(tmp_path / "in"), "--jobs", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.readline()
    process.stdout.close()  # like `brief batch ... | head -1`
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


# -- outputs, resume and discovery (in-process) ----------------------------------------------------


def test_out_mirrors_the_tree_and_a_rerun_skips_what_is_up_to_date(
    tmp_path: Path,
) -> None:
    top = tmp_path / "in"
    copy("wire_lavrov.txt", top / "a" / "b.txt")
    copy("press_release.txt", top / "c.md")
    copy("no_metadata.txt", top / "a" / "d" / "e.txt")
    out = tmp_path / "out"
    options = BatchOptions(paths=(str(top),), out_dir=str(out), jobs=2)
    tally, seen = collect(options)
    assert (tally.processed, tally.skipped, tally.failed) == (3, 0, 0)
    assert all(outcome.line is None for outcome in seen)  # nothing for stdout
    assert [p.relative_to(out).as_posix() for p in outputs(out)] == [
        "a/b.json",
        "a/d/e.json",
        "c.json",
    ]
    assert json.loads((out / "a" / "b.json").read_bytes())["title"].startswith("Russia's Lavrov")

    tally, _ = collect(options)
    assert (tally.processed, tally.skipped) == (0, 3)

    copy("long_feature.txt", top / "a" / "b.txt")  # changed source: its sha256 differs now
    tally, seen = collect(options)
    assert (tally.processed, tally.skipped) == (1, 2)
    assert [o.path for o in seen if o.status == OK] == [str(top / "a" / "b.txt")]
    assert json.loads((out / "a" / "b.json").read_bytes())["source"]["sha256"] == sha256(
        top / "a" / "b.txt"
    )

    tally, _ = collect(replace(options, force=True))
    assert (tally.processed, tally.skipped) == (3, 0)


def test_markdown_outputs_carry_the_source_hash_for_resume(tmp_path: Path) -> None:
    source = copy("wire_lavrov.txt", tmp_path / "in" / "w.txt")
    out = tmp_path / "out"
    options = BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(out), fmt="markdown", jobs=1)
    assert collect(options)[0].processed == 1
    first, second = (out / "w.md").read_text(encoding="utf-8").split("\n")[:2]
    assert first == f"<!-- brief: source sha256 {sha256(source)} -->"
    assert second.startswith("# Russia's Lavrov")
    assert collect(options)[0].skipped == 1


def test_a_run_keeps_its_temp_files_while_it_holds_its_lock(tmp_path: Path) -> None:
    with _run_lock(str(tmp_path)) as run:
        mine = tmp_path / f".a.json.tmp-{run}-0123abcd"
        mine.write_text("{", encoding="utf-8")
        assert sweep_temp_files(str(tmp_path)) == 0 and mine.exists()  # another run's sweep
        assert sweep_temp_files(str(tmp_path), own=run) == 1  # its own, once its workers stopped
    assert list(tmp_path.iterdir()) == []  # and its lock file goes when it ends


def test_output_paths_never_escape_out(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "sub" / "x.txt")
    copy("press_release.txt", tmp_path / "in" / "y.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)  # a trap inside the output folder
    tally, seen = collect(BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(out), jobs=1))
    by_path = {o.path: o for o in seen}
    escaped = by_path[str(tmp_path / "in" / "sub" / "x.txt")]
    assert escaped.status == FAILED and escaped.error_type == "OutputError"
    assert "outside --out" in escaped.error_message
    assert by_path[str(tmp_path / "in" / "y.txt")].status == OK
    assert list(outside.iterdir()) == []

    # Paths from stdin that climb out ("..") or are absolute are mirrored inside --out too.
    work = tmp_path / "work"
    work.mkdir()
    listed = f"../in/y.txt\n{tmp_path / 'in' / 'y.txt'}\n".encode()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        tally, seen = collect(
            BatchOptions(from_stdin=True, stdin=io.BytesIO(listed), out_dir="o2", jobs=1)
        )
    finally:
        os.chdir(cwd)
    assert tally.failed == 0, seen
    written = {p.relative_to(work / "o2").as_posix() for p in outputs(work / "o2")}
    assert written == {str(tmp_path / "in" / "y.json").lstrip("/"), "in/y.json"}


def test_two_inputs_for_one_output_name_are_not_overwritten(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "a.md")
    copy("press_release.txt", tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    _tally, seen = collect(BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(out), jobs=1))
    assert [o.status for o in seen] == [OK, FAILED]  # a.md sorts first and wins
    assert "also maps to" in seen[1].error_message
    assert json.loads((out / "a.json").read_bytes())["title"].startswith("Russia's Lavrov")


def test_hidden_entries_are_skipped_unless_asked_for(tmp_path: Path) -> None:
    top = tmp_path / "in"
    for name in (
        "visible.txt",
        ".hidden.txt",
        ".dir/inside.txt",
        "sub/.x.md",
        "sub/y.md",
    ):
        copy("no_metadata.txt", top / name)
    found = [t.path for t in discover(BatchOptions(paths=(str(top),)))]
    assert found == [str(top / "visible.txt"), str(top / "sub" / "y.md")]
    found = [t.path for t in discover(BatchOptions(paths=(str(top),), hidden=True))]
    assert len(found) == 5
    # A hidden folder named on the command line is walked: the user asked for it.
    found = [t.path for t in discover(BatchOptions(paths=(str(top / ".dir"),)))]
    assert found == [str(top / ".dir" / "inside.txt")]


def test_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    top = tmp_path / "in"
    copy("no_metadata.txt", top / "a" / "x.txt")
    (top / "a" / "up").symlink_to("..", target_is_directory=True)
    (top / "self").symlink_to(".", target_is_directory=True)
    (top / "again").symlink_to("a", target_is_directory=True)
    (top / "dangling.txt").symlink_to("nowhere.txt")
    tasks = list(discover(BatchOptions(paths=(str(top),))))
    assert [(t.path, t.problem) for t in tasks] == [
        (str(top / "dangling.txt"), ("InputError", "broken symbolic link")),
        (str(top / "a" / "x.txt"), None),
    ]


def test_globs_choose_the_files(tmp_path: Path) -> None:
    top = tmp_path / "in"
    for name in ("a.txt", "b.md", "c.text", "d/e.text"):
        copy("no_metadata.txt", top / name)
    found = [t.path for t in discover(BatchOptions(paths=(str(top),), globs=("*.text",)))]
    assert found == [str(top / "c.text"), str(top / "d" / "e.text")]


def test_date_option_overrides_each_articles_own_date(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "w.txt")
    _, seen = collect(BatchOptions(paths=(str(tmp_path / "in"),), jobs=1))
    own = json.loads(seen[0].line)
    assert (own["published"], own["published_source"]) == (
        "2021-10-19",
        "metadata-line",
    )
    options = BatchOptions(
        paths=(str(tmp_path / "in"),),
        jobs=1,
        analysis=Options(sentences=2, algorithm="lead", published=date(2020, 1, 2)),
    )
    _, seen = collect(options)
    given = json.loads(seen[0].line)
    assert (given["published"], given["published_source"]) == ("2020-01-02", "option")
    assert len(given["summary"]) == 2 and given["algorithm"] == "lead"


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    top = tmp_path / "in"
    (top / "a_empty.txt").parent.mkdir(parents=True)
    (top / "a_empty.txt").write_bytes(b"   \n")
    articles(top, 6)
    tally, seen = collect(BatchOptions(paths=(str(top),), jobs=1, ordered=True, fail_fast=True))
    assert tally.stopped_early and tally.failed == 1
    assert seen[-1].status == FAILED and len(seen) < 7
    tally, seen = collect(BatchOptions(paths=(str(top),), jobs=1))
    assert (tally.processed, tally.failed, tally.stopped_early) == (6, 1, False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_record_without_hash(tmp_path: Path) -> None:
    locked = copy("wire_lavrov.txt", tmp_path / "in" / "locked.txt")
    locked.chmod(0)
    try:
        _, seen = collect(BatchOptions(paths=(str(tmp_path / "in"),), jobs=1))
    finally:
        locked.chmod(0o644)
    assert (seen[0].status, seen[0].sha256, seen[0].error_type) == (
        FAILED,
        None,
        "InputError",
    )
    assert "permission denied" in seen[0].error_message


def test_skipped_outcomes_are_not_printed(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "w.txt")
    options = BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(tmp_path / "out"), jobs=1)
    collect(options)
    _, seen = collect(options)
    assert [(o.status, o.jsonl()) for o in seen] == [(SKIPPED, None)]


def test_an_output_that_cannot_be_written_is_a_record(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "a.txt")
    copy("press_release.txt", tmp_path / "in" / "b.txt")
    (tmp_path / "out" / "a.json").mkdir(parents=True)  # a folder where the file should go
    options = BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(tmp_path / "out"), jobs=1)
    tally, seen = collect(options)
    assert (tally.processed, tally.failed) == (1, 1)
    failed = next(o for o in seen if o.status == FAILED)
    assert failed.error_type == "OutputError" and "cannot write" in failed.error_message
    assert failed.sha256 == sha256(tmp_path / "in" / "a.txt")
    assert not [p for p in (tmp_path / "out").iterdir() if TEMP.search(p.name)]


def test_a_fifo_is_reported_not_read(tmp_path: Path) -> None:
    copy("wire_lavrov.txt", tmp_path / "in" / "a.txt")
    os.mkfifo(tmp_path / "in" / "pipe.txt")  # reading it would block the batch for ever
    _, seen = collect(BatchOptions(paths=(str(tmp_path / "in"),), jobs=1, ordered=True))
    assert [(o.status, o.error_type) for o in seen] == [(OK, None), (FAILED, "InputError")]
    assert "not a regular file" in seen[1].error_message


# -- the analysis options of summarize, and the mends of issue #12 ----------------------------------


@pytest.mark.parametrize(
    "flags",
    [
        ["--no-entities"],
        ["--no-dates"],
        ["--include-text"],
        ["--explain", "all"],
        ["--explain=all", "-n", "2"],
        ["--timeout", "5", "-a", "lead"],
    ],
    ids=["no-entities", "no-dates", "include-text", "explain-all", "explain-equals-all", "timeout"],
)
def test_batch_takes_every_analysis_option_of_summarize(tmp_path: Path, flags: list[str]) -> None:
    # The same flags make the same brief, whichever command reads them.
    article = copy("wire_lavrov.txt", tmp_path / "w.txt")
    batch = run_brief("batch", str(article), "-q", "-j", "1", *flags)
    assert batch.returncode == 0, batch.stderr.decode()
    [record] = records(batch.stdout)
    single = json.loads(run_brief("summarize", str(article), "--json", *flags).stdout)
    assert record == single
    assert single != json.loads(run_brief("summarize", str(article), "--json").stdout) or (
        flags[0] == "--timeout"  # a file waits on no URL: the brief is the default one
    )


def test_batch_refuses_what_summarize_refuses(tmp_path: Path) -> None:
    article = copy("wire_lavrov.txt", tmp_path / "w.txt")
    for flags, named in (
        (["-n", "2", "-w", "30"], "--sentences and --words"),
        (["--timeout", "nan"], "--timeout"),
        (["--explain=bogus"], "--explain"),
    ):
        result = run_brief("batch", str(article), *flags)
        stderr = result.stderr.decode()
        assert result.returncode == 2, (flags, stderr)
        assert named in stderr and len(stderr.strip().splitlines()) == 1, stderr
        assert result.stdout == b""


def test_a_usage_error_names_batch_once() -> None:
    result = run_brief("batch")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("brief: batch: ")


def test_a_dash_reads_the_paths_from_stdin(tmp_path: Path) -> None:
    listed = [copy("wire_lavrov.txt", tmp_path / "a.txt"), copy("no_metadata.txt", tmp_path / "b")]
    stdin = "".join(f"{path}\n" for path in listed).encode()
    result = run_brief("batch", "-", "-q", "-j", "1", "--ordered", stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    assert [r["source"]["path"] for r in records(result.stdout)] == [str(p) for p in listed]
    # A file named "-" is still reachable as ./-.
    copy("wire_lavrov.txt", tmp_path / "-")
    tasks = list(discover(BatchOptions(paths=(os.path.join(str(tmp_path), "-"),))))
    assert [t.problem for t in tasks] == [None]


def test_default_globs_match_any_case(tmp_path: Path) -> None:
    for name in ("STORY.TXT", "Notes.Md", "page.HTML", "other.csv"):
        copy("no_metadata.txt", tmp_path / name)
    found = sorted(os.path.basename(t.path) for t in discover(BatchOptions(paths=(str(tmp_path),))))
    assert found == ["Notes.Md", "STORY.TXT", "page.HTML"]


def test_keep_extension_gives_each_input_its_own_output(tmp_path: Path) -> None:
    for name in ("story.txt", "story.md"):
        copy("no_metadata.txt", tmp_path / "in" / name)
    copy("harbour_gazette.html", tmp_path / "in" / "story.html")
    out = tmp_path / "out"
    options = BatchOptions(paths=(str(tmp_path / "in"),), out_dir=str(out))
    clashing = list(discover(options, str(out)))
    assert [t.problem is None for t in clashing] == [True, False, False]
    message = clashing[1].problem[1]
    assert "also maps to" in message and "--keep-extension would write story.md.json" in message
    kept = list(discover(replace(options, keep_extension=True), str(out)))
    assert [t.problem for t in kept] == [None, None, None]
    assert sorted(os.path.basename(t.output) for t in kept) == [
        "story.html.json",
        "story.md.json",
        "story.txt.json",
    ]
    result = run_brief(
        "batch", str(tmp_path / "in"), "-q", "-j", "1", "-o", str(out), "--keep-extension"
    )
    assert result.returncode == 0, result.stderr.decode()
    assert [p.name for p in outputs(out)] == ["story.html.json", "story.md.json", "story.txt.json"]
