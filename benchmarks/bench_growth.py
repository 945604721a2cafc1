"""How time and peak memory of ``brief summarize --json`` grow with the article, per ranker.

Issue #11: every input ``--max-bytes`` accepts (10 MB by default) must be briefed in bounded time
and memory. Articles of each size are built in a temporary folder, of two kinds:

- ``samples``: the project's own ``sample_inputs/*.txt`` articles concatenated (normal news prose,
  a small vocabulary that repeats);
- ``repeated``: the issue's repro, one short sentence a line whose number makes every sentence's
  vocabulary new ("Lavrov spoke on Tuesday 17.");
- ``corpus`` (not by default; needs ``BRIEF_DATA`` or ``../shared/data``): the BBC and CNN/DailyMail
  dev articles concatenated, whose vocabulary keeps growing as real news does.

Each run is a fresh ``python -m brief summarize FILE --json -a ALGORITHM`` of this tree (its ``cli``
first on ``PYTHONPATH``), started by a small fresh process that measures it; the table gives its wall
time and its peak RSS (that process's ``RUSAGE_CHILDREN`` ``ru_maxrss``), and the status: ``ok``, ``refused`` (an algorithm's sentence limit,
exit 1 with its one-line message), ``failed`` or ``timeout``. ``--limits`` also times each capped
sumy ranker on an article of exactly its limit (``corpus`` articles if that kind is asked for, else
``samples``), to check the limit's ~10 s. Targets: the
default ranker briefs 10 MB in <= 60 s and <= 1.5 GB, 1 MB in <= 400 MB, memory growing about
linearly. A run whose resident memory passes ``--memory-limit`` MB is stopped (``killed``), so a
regression fails instead of taking the machine's memory. (An address-space rlimit would be simpler
but is not neutral: under one, numpy's SVD in sumy's LSA runs seven times slower.)

    python -m benchmarks.bench_growth [--sizes 100KB,1MB,3MB,10MB] [--algorithms news,lexrank,...]
        [--kinds samples,repeated] [--limits] [--timeout 300] [--memory-limit 4000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from training.paths import ROOT, data_dir

SAMPLES = ROOT / "sample_inputs"
CORPUS = ("summ/bbc_dev.jsonl", "summ/cnndm_dev.jsonl")
DEFAULT_SIZES = "100KB,1MB,3MB,10MB"
DEFAULT_ALGORITHMS = "news,lexrank,textrank,lsa,luhn,edmundson,sum-basic,kl,reduction"
_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2}


def parse_size(text: str) -> int:
    """``"100KB"``, ``"1MB"``, ``"2.5MB"`` or a number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KM]?B?)\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (say 100KB, 1MB or 3.5MB)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def label(size: int) -> str:
    return f"{size / 1000**2:.3g} MB" if size >= 1000**2 else f"{size / 1000:.0f} KB"


# -- articles --------------------------------------------------------------------------------------


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the Windows-1252 sample


def sample_texts() -> list[str]:
    return [_decoded(path.read_bytes()) for path in sorted(SAMPLES.glob("*.txt"))]


def corpus_texts(data: Path) -> list[str]:
    texts = []
    for name in CORPUS:
        path = data / name
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["article"] for line in lines if line.strip()]
    if not texts:
        raise SystemExit(f"kind 'corpus' needs the dev files of {data}/summ")
    return texts


def concatenated(texts: list[str], size: int) -> str:
    """Whole articles, one after another with a blank line between, up to ``size`` UTF-8 bytes."""
    parts, used, number = [], 0, 0
    while True:
        text = texts[number % len(texts)].strip() + "\n\n"
        length = len(text.encode("utf-8"))
        if used + length > size and parts:
            break
        parts.append(text)
        used += length
        number += 1
    return "".join(parts)


def repeated(size: int) -> str:
    """The issue's repro: ``Lavrov spoke on Tuesday N.`` lines, up to ``size`` bytes."""
    lines, used, number = [], 0, 0
    while True:
        line = f"Lavrov spoke on Tuesday {number}.\n"
        if used + len(line) > size:
            return "".join(lines)
        lines.append(line)
        used += len(line)
        number += 1


def article(kind: str, size: int, data: Path) -> str:
    if kind == "samples":
        return concatenated(sample_texts(), size)
    if kind == "repeated":
        return repeated(size)
    if kind == "corpus":
        return concatenated(corpus_texts(data), size)
    raise SystemExit(f"unknown kind {kind!r}: samples, repeated or corpus")


def with_sentences(texts: list[str], count: int) -> str:
    """Articles of ``texts`` cut to exactly ``count`` body sentences (as brief's document step
    counts them)."""
    from brief.document import parse

    size = 200 * count
    while True:
        text = concatenated(texts, size)
        document = parse(text)
        if len(document.sentences) >= count:
            break
        size *= 2
    for cut in range(count, 0, -1):  # a cut can change the header; keep the longest that fits
        prefix = text[: document.sentences[cut - 1].end] + "\n"
        if len(parse(prefix).sentences) <= count:
            return prefix
    raise SystemExit(f"cannot build an article of {count} sentences")


# -- runs ------------------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "cli"), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: with bytecode caches
    return env


# Runs brief in a fresh, small process that measures it: a child's peak RSS (``ru_maxrss``) starts
# from its parent's size at fork, so brief must not be forked from this process, which holds the
# articles. It stops brief past the time or memory limit and writes what it saw as JSON.
_RUNNER = r"""
import json, resource, subprocess, sys, time

result, timeout, memory_mb, *command = sys.argv[1:]


def resident_mb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


start = time.perf_counter()
child = subprocess.Popen(command)
stopped = None
while True:
    try:
        child.wait(timeout=0.05)
        break
    except subprocess.TimeoutExpired:
        if time.perf_counter() - start > float(timeout):
            stopped = "timeout"
        elif resident_mb(child.pid) > float(memory_mb):
            stopped = f"killed: over {memory_mb} MB"
        if stopped:
            child.kill()
            child.wait()
            break
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(result, "w", encoding="utf-8") as out:
    json.dump({"seconds": seconds, "peak_kb": peak_kb, "code": child.returncode, "stopped": stopped}, out)
"""


def run(path: Path, algorithm: str, timeout: float, memory_mb: int) -> dict:
    """One fresh ``brief summarize`` of ``path``: seconds, its own peak RSS, status, sentences."""
    command = [sys.executable, "-m", "brief", "summarize", str(path), "--json", "-a", algorithm]
    result = path.with_suffix(".result.json")
    runner = [sys.executable, "-c", _RUNNER, str(result), str(timeout), str(memory_mb), *command]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        subprocess.run(runner, stdout=out, stderr=err, env=_environment(), check=True)
        measured = json.loads(result.read_text(encoding="utf-8"))
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
        sentences = None
        if measured["code"] == 0:
            out.seek(0)
            sentences = json.load(out).get("sentence_count")
        elif match := re.search(r"has ([\d,]+) sentences", message):
            sentences = int(match.group(1).replace(",", ""))
    code = measured["code"]
    if measured["stopped"]:
        state = measured["stopped"]
    elif code == 0:
        state = "ok"
    elif code == 1 and "ranks at most" in message:
        state = "refused"
    else:
        state = f"failed ({code}): {message.splitlines()[-1] if message else ''}"
    return {
        "algorithm": algorithm,
        "seconds": round(measured["seconds"], 2),
        "peak_mb": round(measured["peak_kb"] / 1024),
        "status": state,
        "sentences": sentences,
    }


def table(rows: list[dict]) -> str:
    lines = [
        f"{'kind':<9} {'size':>7} {'algorithm':<10} {'sentences':>9} {'seconds':>8} "
        f"{'peak MB':>8}  status"
    ]
    for row in rows:
        sentences = "" if row["sentences"] is None else f"{row['sentences']:,}"
        lines.append(
            f"{row['kind']:<9} {row['size_label']:>7} {row['algorithm']:<10} {sentences:>9} "
            f"{row['seconds']:>8.2f} {row['peak_mb']:>8}  {row['status']}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default {DEFAULT_SIZES}")
    parser.add_argument("--algorithms", default=DEFAULT_ALGORITHMS, help="comma-separated")
    parser.add_argument("--kinds", default="samples,repeated", help="samples, repeated, corpus")
    parser.add_argument(
        "--limits", action="store_true", help="also time sumy rankers at their limit"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run (300)")
    parser.add_argument("--memory-limit", type=int, default=4000, help="resident MB per run (4000)")
    parser.add_argument("--data", type=Path, default=data_dir(), help="for kind 'corpus'")
    parser.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]

    rows: list[dict] = []

    def record(row: dict) -> None:
        rows.append(row)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(table([row]).splitlines()[1], file=sys.stderr, flush=True)  # progress

    with tempfile.TemporaryDirectory(prefix="bench_growth_") as folder:
        for kind in kinds:
            for size in sizes:
                path = Path(folder) / f"{kind}_{size}.txt"
                path.write_text(article(kind, size, args.data), encoding="utf-8")
                for algorithm in algorithms:
                    row = run(path, algorithm, args.timeout, args.memory_limit)
                    record({"kind": kind, "size": size, "size_label": label(size), **row})
        if args.limits:
            from brief.summary import SENTENCE_LIMITS

            texts = corpus_texts(args.data) if "corpus" in kinds else sample_texts()
            for algorithm, limit in SENTENCE_LIMITS.items():
                if algorithm not in algorithms:
                    continue
                path = Path(folder) / f"limit_{algorithm}.txt"
                path.write_text(with_sentences(texts, limit), encoding="utf-8")
                size = path.stat().st_size
                row = run(path, algorithm, args.timeout, args.memory_limit)
                record({"kind": "at limit", "size": size, "size_label": label(size), **row})
    if not args.json:
        print(table(rows))


if __name__ == "__main__":
    main()
