"""Cold start of ``brief summarize`` against the bare cost of importing NLTK and numpy.

Each run is a fresh process, as a user's is. The ratio of the medians is the figure: brief must not
cost much more than the libraries it cannot avoid loading. Issue #2's target is a ratio <= 1.5.

    python benchmarks/bench_cli.py [--runs 7] [--sample sample_inputs/wire_lavrov.txt] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT / "sample_inputs" / "wire_lavrov.txt"


def wall_times(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` executions of ``command`` (one warm-up run not counted)."""
    subprocess.run(command, check=True, capture_output=True)  # warm the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def brief_command(extra: list[str]) -> list[str]:
    script = shutil.which("brief", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "brief", *extra][:3] + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    words = len(args.sample.read_text(encoding="utf-8").split())
    brief = [*brief_command([]), "summarize", str(args.sample), "--format", "text"]
    baseline = [sys.executable, "-c", "import nltk, numpy"]
    brief_times = wall_times(brief, args.runs)
    baseline_times = wall_times(baseline, args.runs)
    result = {
        "sample": str(
            args.sample.relative_to(ROOT) if args.sample.is_relative_to(ROOT) else args.sample
        ),
        "words": words,
        "runs": args.runs,
        "brief_median_s": round(statistics.median(brief_times), 3),
        "import_nltk_numpy_median_s": round(statistics.median(baseline_times), 3),
    }
    result["ratio"] = round(result["brief_median_s"] / result["import_nltk_numpy_median_s"], 2)
    if args.json:
        print(json.dumps(result))
        return
    print(f"sample: {result['sample']} ({words} words), {args.runs} runs each, medians")
    print(f"  brief summarize         {result['brief_median_s']:.3f} s")
    print(f"  import nltk, numpy      {result['import_nltk_numpy_median_s']:.3f} s")
    print(f"  ratio                   {result['ratio']:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
