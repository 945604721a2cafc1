"""Cold start of ``brief summarize`` against the bare cost of importing NLTK and numpy.

Each run is a fresh process, as a user's is, alternating with the baseline so both see the same
machine load. The ratio of the medians is the figure: brief must not cost much more than the
libraries it cannot avoid loading. Issue #2's target is a ratio <= 1.5, set for the summary alone;
the full brief (entity tagger and date rules loaded too) is measured beside it.

    python -m benchmarks.bench_cli [--runs 11] [--sample sample_inputs/wire_lavrov.txt] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from training.paths import ROOT

DEFAULT_SAMPLE = ROOT / "sample_inputs" / "wire_lavrov.txt"
# The full brief, and the summary alone (what `brief summarize` was when the target was set).
VARIANTS = {
    "summarize (full brief)": [],
    "summarize --no-entities --no-dates": ["--no-entities", "--no-dates"],
}


# A user's installed brief has bytecode caches, as pip writes them for every package; an editable
# install under PYTHONDONTWRITEBYTECODE (set on some CI machines) would recompile brief's own
# modules on every run while NLTK and numpy load from their caches, which is not what users see.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_ENV)
    return time.perf_counter() - start


def interleaved_times(
    first: list[str], second: list[str], runs: int
) -> tuple[list[float], list[float]]:
    """Wall-clock seconds of ``runs`` executions of each command, alternating between them so that
    both see the same machine load (one warm-up run of each is not counted)."""
    wall_time(first), wall_time(second)  # warm the OS file cache and the bytecode caches
    pairs = [(wall_time(first), wall_time(second)) for _ in range(runs)]
    return [a for a, _ in pairs], [b for _, b in pairs]


def brief_command(extra: list[str]) -> list[str]:
    script = shutil.which("brief", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "brief", *extra][:3] + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    words = len(args.sample.read_text(encoding="utf-8").split())
    brief = [*brief_command([]), "summarize", str(args.sample), "--format", "text"]
    baseline = [sys.executable, "-c", "import nltk, numpy"]
    sample = args.sample.relative_to(ROOT) if args.sample.is_relative_to(ROOT) else args.sample
    result = {"sample": str(sample), "words": words, "runs": args.runs, "variants": {}}
    for name, extra in VARIANTS.items():
        brief_times, baseline_times = interleaved_times([*brief, *extra], baseline, args.runs)
        brief_s, base_s = statistics.median(brief_times), statistics.median(baseline_times)
        result["variants"][name] = {
            "brief_median_s": round(brief_s, 3),
            "import_nltk_numpy_median_s": round(base_s, 3),
            "ratio": round(brief_s / base_s, 2),
        }
    if args.json:
        print(json.dumps(result))
        return
    print(f"sample: {sample} ({words} words), {args.runs} runs of each, alternating; medians")
    for name, figures in result["variants"].items():
        print(
            f"  {name:<36} {figures['brief_median_s']:.3f} s   import nltk, numpy "
            f"{figures['import_nltk_numpy_median_s']:.3f} s   ratio {figures['ratio']:.2f}"
        )


if __name__ == "__main__":
    main()
