"""Fuzz ``brief.analyze`` at scale: the properties of ``tests/test_fuzz.py``, many more cases.

    python -m benchmarks.fuzz [--cases 10000] [--seed 0] [--show 5] [--json]

Runs ``--cases`` texts (with options, as the test draws them) through the text property and one
in twenty as many values that are not ``str`` through the ``TypeError`` property, all drawn by
Hypothesis from the strategies in ``tests/fuzz_properties.py`` with a fixed ``--seed``, so that a
run can be repeated. Unlike the test, a crash does not stop the run: every case runs, and the
report is "N cases, K crashes", the crashes grouped by message, then the first ``--show`` crashing
inputs (shortened) to reproduce them with.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.fuzz_properties import NOT_TEXT, OPTIONS, TEXTS, Crash, check_not_text, check_text

_VARYING = re.compile(r"0x[0-9a-f]+|\\u[0-9a-f]{4}|'.'|\d+")


@dataclass
class Tally:
    cases: int = 0
    crashes: list[tuple[object, dict[str, Any], str]] = field(default_factory=list)

    def run(self, value: object, options: dict[str, Any], check) -> None:
        self.cases += 1
        try:
            check()
        except Crash as crash:
            self.crashes.append((value, options, str(crash)))


def fuzz(cases: int, seed_value: int) -> tuple[Tally, float]:
    """Run the properties over ``cases`` texts and ``cases // 20`` other values."""
    tally = Tally()
    every_case = settings(
        database=None,
        deadline=None,
        phases=[Phase.generate],  # no shrinking: count every crash, not the smallest one
        suppress_health_check=list(HealthCheck),
    )

    @seed(seed_value)
    @settings(every_case, max_examples=cases)
    @given(TEXTS, OPTIONS)
    def texts(text: str, options: dict[str, Any]) -> None:
        tally.run(text, options, lambda: check_text(text, options))

    @seed(seed_value)
    @settings(every_case, max_examples=max(1, cases // 20))
    @given(NOT_TEXT)
    def not_texts(value: object) -> None:
        tally.run(value, {}, lambda: check_not_text(value))

    started = time.perf_counter()
    texts()
    not_texts()
    return tally, time.perf_counter() - started


def _kind(message: str) -> str:
    """A crash message with its numbers and code points blanked, so that like crashes group."""
    return _VARYING.sub("…", message.split("\n")[0])[:120]


def _short(value: object, limit: int = 300) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown):,} characters)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="texts to try (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    parser.add_argument("--show", type=int, default=5, help="crashing inputs to print")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()

    tally, seconds = fuzz(args.cases, args.seed)
    kinds = Counter(_kind(message) for _, _, message in tally.crashes)
    if args.json:
        print(
            json.dumps(
                {
                    "cases": tally.cases,
                    "crashes": len(tally.crashes),
                    "kinds": dict(kinds),
                    "seconds": round(seconds, 1),
                    "seed": args.seed,
                }
            )
        )
        return
    print(f"{tally.cases} cases, {len(tally.crashes)} crashes ({seconds:.0f} s, seed {args.seed})")
    for message, count in kinds.most_common():
        print(f"  {count:5}  {message}")
    for value, options, message in tally.crashes[: args.show]:
        print(f"\n{message}\n  options: {options!r}\n  input:   {_short(value)}")


if __name__ == "__main__":
    main()
