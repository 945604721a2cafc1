"""Throughput and memory of ``brief batch`` on generated ~600-word news articles.

Articles are stitched from the BBC and CNN texts in ``<data>/summ`` (``--data``, or ``BRIEF_DATA``,
default ``../shared/data``) into a temporary folder that is deleted afterwards: each takes the headline
of one text and paragraphs of it and the texts after it up to ~600 words. The throughput runs brief
``--articles`` of them with each ``--jobs-list`` value (stdout to /dev/null) and report articles per
second end to end (start-up included) and after start-up (a one-article run's wall time taken off), and
the speed-up over the first jobs value. The memory runs brief 1,000 and then 10,000 articles with the
largest jobs value and report the peak RSS of the whole process tree (main process, fork server and
workers, summed, sampled every 50 ms from /proc). Issue #6's targets: >= 60 articles/s with --jobs 2,
>= 1.7x --jobs 1, peak RSS for 10k within 10% of 1k and <= 400 MB. With ``--scheduler local:2``
(comma-separated clusters) every run is repeated on that Dask cluster right after the pool's, and the
report adds its throughput as a fraction of the pool's with as many workers, and the client process's
own CPU time per article (start-up taken off) and peak RSS. With local:N that process also hosts the
scheduler and the nannies, so its figures are an upper bound; ``processes:N`` starts ``dask
scheduler`` and ``dask worker --nworkers N`` here first, so the client is measured alone (issue
#16's targets: >= 0.8x the pool, <= 1 ms of client CPU per article, <= 150 MB for 10,000 articles).

    python -m benchmarks.bench_batch [--articles 1000] [--jobs-list 1,2] [--memory 1000,10000]
        [--scheduler local:2,processes:2] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from training.paths import data_dir

SOURCES = ("summ/bbc_dev.jsonl", "summ/cnn_cased_sample.jsonl")
WORDS = 600
PER_FOLDER = 500  # articles per subfolder, so that a run can take a prefix of them by folder


def load_texts(data: Path) -> list[str]:
    texts = []
    for name in SOURCES:
        with open(data / name, encoding="utf-8") as handle:
            texts += [json.loads(line)["article"] for line in handle if line.strip()]
    if not texts:
        raise SystemExit(f"no articles found in {data}/summ")
    return texts


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def make_article(texts: list[str], number: int) -> str:
    """About WORDS words: the headline of one text, then paragraphs of it and of the next texts."""
    first = paragraphs(texts[number % len(texts)])
    title, body, count = first[0], [], 0
    queue = first[1:]
    following = number + 1
    while count < WORDS:
        if not queue:
            queue = paragraphs(texts[following % len(texts)])[1:]
            following += 1
            continue
        paragraph = queue.pop(0)
        words = paragraph.split()
        if count + len(words) > WORDS:  # trim the last paragraph to a sentence end near the limit
            kept = " ".join(words[: WORDS - count])
            cut = kept.rfind(". ")
            paragraph = kept[: cut + 1] if cut > 0 else kept + "."
            words = paragraph.split()
        body.append(paragraph)
        count += len(words)
    return title + "\n\n" + "\n\n".join(body) + "\n"


def generate(texts: list[str], folder: Path, count: int) -> None:
    for number in range(count):
        sub = folder / f"part{number // PER_FOLDER:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article{number:05d}.txt").write_text(make_article(texts, number), encoding="utf-8")


def folders_for(folder: Path, count: int) -> list[str]:
    """The subfolders that hold the first ``count`` articles (count must be a multiple of 500
    or less than it)."""
    parts = max(1, -(-count // PER_FOLDER))
    return [str(folder / f"part{n:03d}") for n in range(parts)]


# -- measuring -------------------------------------------------------------------------------------


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """RSS and PSS of ``pid`` and all its descendants, summed, in kB (processes gone count 0).

    RSS counts pages shared between processes (the fork server's models, copy-on-write) once per
    process; PSS splits them among their sharers, so it is what the tree really costs."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rss += _field_kb(f"/proc/{current}/status", "VmRSS:")
            pss += _field_kb(f"/proc/{current}/smaps_rollup", "Pss:")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def _field_kb(path: str, name: str) -> int:
    with open(path) as handle:
        for line in handle:
            if line.startswith(name):
                return int(line.split()[1])
    return 0


def tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return found


def cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) ``pid`` has used, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except (OSError, ValueError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_usage(pid: int) -> tuple[int, float]:
    """RSS in kB and CPU seconds (user + system) of ``pid`` alone, its children not counted."""
    try:
        rss = _field_kb(f"/proc/{pid}/status", "VmRSS:")
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except (OSError, ValueError):
        return 0, 0.0
    return rss, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(paths: list[str], workers: list[str], extra: list[str], cluster: list[int] = ()) -> dict:
    """Run ``brief batch`` once (``workers``: ``--jobs N`` or ``--scheduler ADDRESS``): wall seconds,
    peak RSS and PSS of its process tree, the peak RSS and the CPU time of the main process alone
    (with --scheduler, the client; with local:N it also hosts the scheduler), and the CPU time of
    every process that did the work (its tree, and the ``cluster`` processes' trees, counted from
    now): unlike wall time, a figure that other work on the machine hardly changes."""
    command = [sys.executable, "-m", "brief", "batch", *paths, *workers, "-q", *extra]
    peak_rss = peak_pss = peak_main = 0
    cpu_main = 0.0
    before = {pid: cpu_s(pid) or 0.0 for top in cluster for pid in tree_pids(top)}
    used: dict[int, float] = {}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss, peak_main, cpu_main
        while not done.is_set():
            rss, pss = tree_memory_kb(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            main_rss, main_cpu = own_usage(process.pid)
            peak_main, cpu_main = max(peak_main, main_rss), max(cpu_main, main_cpu)
            for top in [process.pid, *cluster]:
                for pid in tree_pids(top):
                    if (seconds := cpu_s(pid)) is not None:
                        used[pid] = max(used.get(pid, 0.0), seconds - before.get(pid, 0.0))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"brief batch failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return {
        "wall_s": wall,
        "peak_rss_mb": peak_rss / 1024,
        "peak_pss_mb": peak_pss / 1024,
        "main_peak_rss_mb": peak_main / 1024,
        "main_cpu_s": cpu_main,  # sampled: the last 50 ms before exit are not counted
        "cpu_s": sum(used.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per throughput run")
    parser.add_argument("--jobs-list", default="1,2", help="comma-separated --jobs values")
    parser.add_argument(
        "--memory", default="1000,10000", help="article counts of the memory runs ('' to skip)"
    )
    parser.add_argument(
        "--scheduler",
        default="",
        help="comma-separated Dask clusters to run on too, right after the pool: what brief takes "
        "(local:2, tcp://HOST:PORT), or processes:N for a `dask scheduler` and N `dask worker` "
        "processes started here (so that the client process is the client alone)",
    )
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--out", action="store_true", help="write files with --out, not stdout")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs_list.split(",") if j]
    memory_sizes = [int(n) for n in args.memory.split(",") if n]
    clusters = [spec for spec in args.scheduler.split(",") if spec]
    runners = [{"jobs": jobs} for jobs in jobs_list] + [{"scheduler": spec} for spec in clusters]

    texts = load_texts(args.data)
    result: dict = {"articles": args.articles, "words_per_article": WORDS, "throughput": []}
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        articles = Path(tmp) / "articles"
        generate(texts, articles, max([args.articles, *memory_sizes]))

        def extra() -> list[str]:
            if not args.out:
                return []
            out = Path(tmp) / "out"
            shutil.rmtree(out, ignore_errors=True)  # fresh each run, or everything would be skipped
            return ["--out", str(out)]

        first_article = [str(articles / "part000" / "article00000.txt")]
        for runner in runners:
            with flags_for(runner) as (workers, cluster):
                startup = run(first_article, workers, extra(), cluster)
                measured = run(folders_for(articles, args.articles), workers, extra(), cluster)
            row = throughput_row(runner, args.articles, startup, measured)
            result["throughput"].append(row)
        base = result["throughput"][0]["articles_per_s"]
        for row in result["throughput"]:
            row["speedup"] = round(row["articles_per_s"] / base, 2)
        compare_with_pool(result["throughput"])
        result["memory"] = []
        for n in memory_sizes:
            for runner in [{"jobs": max(jobs_list)}, *runners[len(jobs_list) :]]:
                with flags_for(runner) as (workers, cluster):  # the pool, then Dask, back to back
                    measured = run(folders_for(articles, n), workers, extra(), cluster)
                result["memory"].append(memory_row(runner, n, measured))
    pool_memory = [row for row in result["memory"] if "jobs" in row]
    if len(pool_memory) >= 2:
        low, high = pool_memory[0]["peak_rss_mb"], pool_memory[-1]["peak_rss_mb"]
        result["memory_growth"] = round(high / low - 1, 3)
    report(result, args.json)


@contextlib.contextmanager
def flags_for(runner: dict) -> Iterator[tuple[list[str], list[int]]]:
    """The flags that choose ``runner`` (``--jobs N`` or ``--scheduler ADDRESS``), and the processes
    of a cluster started for it: processes:N is a `dask scheduler` and N workers started here for
    the block (their start-up is not measured)."""
    if "jobs" in runner:
        yield ["--jobs", str(runner["jobs"])], []
        return
    spec = runner["scheduler"]
    if not spec.startswith("processes:"):
        yield ["--scheduler", spec], []
        return
    workers = spec.partition(":")[2]
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        file = Path(tmp) / "scheduler.json"
        common = ["--host", "127.0.0.1", "--no-dashboard"]
        scheduler = [
            "--port",
            "0",
            "--dashboard-address",
            "127.0.0.1:0",
            "--scheduler-file",
            str(file),
        ]
        processes = [_start("distributed.cli.dask_scheduler", *common, *scheduler)]
        try:
            address = _address(file)
            worker = ["--nthreads", "1", "--nworkers", workers, "--local-directory", tmp]
            processes.append(_start("distributed.cli.dask_worker", address, *common, *worker))
            _wait_for_workers(address, int(workers))
            yield ["--scheduler", address], [process.pid for process in processes]
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait()


def _start(module: str, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", module, *args]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _address(scheduler_file: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError, KeyError):
            return json.loads(scheduler_file.read_text())["address"]
        time.sleep(0.1)
    raise SystemExit("the dask scheduler did not start")


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(count, timeout=120)


def throughput_row(runner: dict, articles: int, startup: dict, measured: dict) -> dict:
    wall, startup_s = measured["wall_s"], startup["wall_s"]
    row = {
        **runner,
        "wall_s": round(wall, 2),
        "startup_s": round(startup_s, 2),
        "articles_per_s": round(articles / wall, 1),
        "articles_per_s_after_startup": round((articles - 1) / max(1e-9, wall - startup_s), 1),
        "peak_rss_mb": round(measured["peak_rss_mb"], 1),
        "peak_pss_mb": round(measured["peak_pss_mb"], 1),
        # every process's CPU per article, start-up taken off
        "cpu_ms_per_article": round(
            1000 * (measured["cpu_s"] - startup["cpu_s"]) / max(1, articles - 1), 2
        ),
    }
    if "scheduler" in row:  # what one client costs per article: its CPU, start-up taken off
        extra_cpu = measured["main_cpu_s"] - startup["main_cpu_s"]
        row["client_cpu_ms_per_article"] = round(1000 * extra_cpu / max(1, articles - 1), 3)
        row["client_peak_rss_mb"] = round(measured["main_peak_rss_mb"], 1)
    return row


def compare_with_pool(rows: list[dict]) -> None:
    """Each Dask row's throughput as a fraction of the pool's with as many workers (local:N and
    processes:N against --jobs N; another cluster against the largest --jobs)."""
    pools = {row["jobs"]: row for row in rows if "jobs" in row}
    for row in rows:
        if "scheduler" not in row or not pools:
            continue
        name, _, count = row["scheduler"].partition(":")
        workers = int(count) if name in ("local", "processes") and count.isdigit() else 0
        pool = pools.get(workers) or pools[max(pools)]
        row["vs_pool_jobs"] = pool["jobs"]
        row["vs_pool"] = round(row["articles_per_s"] / pool["articles_per_s"], 2)
        row["vs_pool_after_startup"] = round(
            row["articles_per_s_after_startup"] / pool["articles_per_s_after_startup"], 2
        )
        # What the throughput ratio comes to on a machine with nothing else to do (CPU-bound work
        # on as many cores): the pool's CPU per article over Dask's.
        row["vs_pool_by_cpu"] = round(pool["cpu_ms_per_article"] / row["cpu_ms_per_article"], 2)


def memory_row(runner: dict, articles: int, measured: dict) -> dict:
    row = {
        "articles": articles,
        **runner,
        "wall_s": round(measured["wall_s"], 2),
        "peak_rss_mb": round(measured["peak_rss_mb"], 1),
        "peak_pss_mb": round(measured["peak_pss_mb"], 1),
    }
    if "scheduler" in row:
        row["client_peak_rss_mb"] = round(measured["main_peak_rss_mb"], 1)
        row["client_cpu_ms_per_article"] = round(1000 * measured["main_cpu_s"] / articles, 3)
    return row


def _name(row: dict) -> str:
    return f"--jobs {row['jobs']}" if "jobs" in row else f"--scheduler {row['scheduler']}"


def report(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} articles of ~{result['words_per_article']} words per run")
    for row in result["throughput"]:
        print(
            f"  {_name(row)}: {row['articles_per_s']:6.1f} articles/s end to end "
            f"({row['wall_s']:.1f} s), {row['articles_per_s_after_startup']:6.1f} after a "
            f"{row['startup_s']:.1f} s start-up; speed-up {row['speedup']:.2f}x; "
            f"peak RSS {row['peak_rss_mb']:.0f} MB (PSS {row['peak_pss_mb']:.0f} MB); "
            f"{row['cpu_ms_per_article']:.1f} ms CPU per article, all processes"
        )
        if "vs_pool" in row:
            print(
                f"      {row['vs_pool']:.2f}x the pool's --jobs {row['vs_pool_jobs']} end to end, "
                f"{row['vs_pool_after_startup']:.2f}x after start-up, {row['vs_pool_by_cpu']:.2f}x "
                f"by CPU per article; client "
                f"{row['client_cpu_ms_per_article']:.3f} ms CPU per article, peak RSS "
                f"{row['client_peak_rss_mb']:.0f} MB"
            )
    for row in result["memory"]:
        client = ""
        if "client_peak_rss_mb" in row:
            client = (
                f"; client alone {row['client_peak_rss_mb']:.0f} MB, "
                f"{row['client_cpu_ms_per_article']:.3f} ms CPU per article"
            )
        print(
            f"  {row['articles']:>6} articles, {_name(row)} ({row['wall_s']:.0f} s): "
            f"peak RSS {row['peak_rss_mb']:.0f} MB (PSS {row['peak_pss_mb']:.0f} MB){client}"
        )
    if "memory_growth" in result:
        print(f"  memory growth {result['memory_growth']:+.1%} (target within 10%, and <= 400 MB)")
    print("targets: >= 60 articles/s with --jobs 2, >= 1.7x --jobs 1")
    if any("scheduler" in row for row in result["throughput"]):
        print(
            "  Dask: >= 0.8x the pool with as many workers, client <= 1 ms CPU per article and "
            "<= 150 MB for 10,000 articles"
        )


if __name__ == "__main__":
    main()
