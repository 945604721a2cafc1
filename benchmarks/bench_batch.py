"""Throughput and memory of ``brief batch`` on generated ~600-word news articles.

Articles are stitched from the BBC and CNN texts in ``<data>/summ`` (``--data``, or ``BRIEF_DATA``,
default ``../shared/data``) into a temporary folder that is deleted afterwards: each takes the headline
of one text and paragraphs of it and the texts after it up to ~600 words. The throughput runs brief
``--articles`` of them with each ``--jobs-list`` value (stdout to /dev/null) and report articles per
second end to end (start-up included) and after start-up (a one-article run's wall time taken off), and
the speed-up over the first jobs value. The memory runs brief 1,000 and then 10,000 articles with the
largest jobs value and report the peak RSS of the whole process tree (main process, fork server and
workers, summed, sampled every 50 ms from /proc). Issue #6's targets: >= 60 articles/s with --jobs 2,
>= 1.7x --jobs 1, peak RSS for 10k within 10% of 1k and <= 400 MB.

    python -m benchmarks.bench_batch [--articles 1000] [--jobs-list 1,2] [--memory 1000,10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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


def run(paths: list[str], jobs: int, extra: list[str]) -> dict:
    """Run ``brief batch`` once: wall seconds, and peak RSS and PSS of its process tree."""
    command = [sys.executable, "-m", "brief", "batch", *paths, "--jobs", str(jobs), "-q", *extra]
    peak_rss = peak_pss = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = tree_memory_kb(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"brief batch failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return {"wall_s": wall, "peak_rss_mb": peak_rss / 1024, "peak_pss_mb": peak_pss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per throughput run")
    parser.add_argument("--jobs-list", default="1,2", help="comma-separated --jobs values")
    parser.add_argument(
        "--memory", default="1000,10000", help="article counts of the memory runs ('' to skip)"
    )
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--out", action="store_true", help="write files with --out, not stdout")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs_list.split(",") if j]
    memory_sizes = [int(n) for n in args.memory.split(",") if n]

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
        for jobs in jobs_list:
            startup = run(first_article, jobs, extra())["wall_s"]
            measured = run(folders_for(articles, args.articles), jobs, extra())
            result["throughput"].append(
                {
                    "jobs": jobs,
                    "wall_s": round(measured["wall_s"], 2),
                    "startup_s": round(startup, 2),
                    "articles_per_s": round(args.articles / measured["wall_s"], 1),
                    "articles_per_s_after_startup": round(
                        (args.articles - 1) / max(1e-9, measured["wall_s"] - startup), 1
                    ),
                    "peak_rss_mb": round(measured["peak_rss_mb"], 1),
                    "peak_pss_mb": round(measured["peak_pss_mb"], 1),
                }
            )
        base = result["throughput"][0]["articles_per_s"]
        for row in result["throughput"]:
            row["speedup"] = round(row["articles_per_s"] / base, 2)
        memory_jobs = max(jobs_list)
        result["memory"] = []
        for n in memory_sizes:
            measured = run(folders_for(articles, n), memory_jobs, extra())
            result["memory"].append(
                {
                    "articles": n,
                    "jobs": memory_jobs,
                    "wall_s": round(measured["wall_s"], 2),
                    "peak_rss_mb": round(measured["peak_rss_mb"], 1),
                    "peak_pss_mb": round(measured["peak_pss_mb"], 1),
                }
            )
    if len(result["memory"]) >= 2:
        low, high = result["memory"][0]["peak_rss_mb"], result["memory"][-1]["peak_rss_mb"]
        result["memory_growth"] = round(high / low - 1, 3)
    report(result, args.json)


def report(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} articles of ~{result['words_per_article']} words per run")
    for row in result["throughput"]:
        print(
            f"  --jobs {row['jobs']}: {row['articles_per_s']:6.1f} articles/s end to end "
            f"({row['wall_s']:.1f} s), {row['articles_per_s_after_startup']:6.1f} after a "
            f"{row['startup_s']:.1f} s start-up; speed-up {row['speedup']:.2f}x; "
            f"peak RSS {row['peak_rss_mb']:.0f} MB (PSS {row['peak_pss_mb']:.0f} MB)"
        )
    for row in result["memory"]:
        print(
            f"  {row['articles']:>6} articles, --jobs {row['jobs']} ({row['wall_s']:.0f} s): "
            f"peak RSS {row['peak_rss_mb']:.0f} MB (PSS {row['peak_pss_mb']:.0f} MB)"
        )
    if "memory_growth" in result:
        print(f"  memory growth {result['memory_growth']:+.1%} (target within 10%, and <= 400 MB)")
    print("targets: >= 60 articles/s with --jobs 2, >= 1.7x --jobs 1")


if __name__ == "__main__":
    main()
