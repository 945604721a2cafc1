"""Temporal-tagger mistakes on TIMEX3 JSONL files, grouped by the shape of the values involved.

Usage: ``python -m benchmarks.timex_errors [FILE.jsonl ...] [--kind value|missed|spurious]
[--top N] [--show N]``. Files default to the ones ``benchmarks.eval_dates`` uses. Each group is keyed by
the kind of mistake and the values with digits replaced by 9 (gold "1998-W07" against system
"1998-W08" is ``value 9999-W99 -> 9999-W99``), largest group first, with ``--show`` examples in
context. Value F1 counts every group: a wrong value on a matched span, a missed gold mention and
a spurious system one all cost it, so the largest groups are where to look first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.eval_dates import default_files, load, run

_DIGIT_RE = re.compile(r"\d")


def shape(value: str) -> str:
    """The value with its digits masked: what a convention or a rule class looks like."""
    return _DIGIT_RE.sub("9", value)


def group_key(error: dict[str, object]) -> tuple[str, str] | None:
    """(kind, "gold -> system" value shapes) for value mistakes, misses and spurious mentions."""
    kind = str(error["kind"])
    gold = error.get("gold") or {}
    system = error.get("sys") or {}
    if kind == "missed":
        return "missed", f"{gold['type']} {shape(gold['value'])}"  # type: ignore[index]
    if kind == "spurious":
        return "spurious", f"{system['type']} {shape(system['value'])}"  # type: ignore[index]
    if "value" in kind:
        return "value", f"{shape(gold['value'])} -> {shape(system['value'])}"  # type: ignore[index]
    return None


def grouped(errors: list[dict[str, object]]) -> dict[tuple[str, str], list[dict[str, object]]]:
    groups: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for error in errors:
        key = group_key(error)
        if key is not None:
            groups[key].append(error)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


def describe(error: dict[str, object]) -> str:
    gold = error.get("gold") or {}
    system = error.get("sys") or {}
    return (
        f"  {error['doc']}: gold={gold.get('value', '-')} sys={system.get('value', '-')}"  # type: ignore[union-attr]
        f" | {error['ctx']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="TIMEX3 JSONL files")
    parser.add_argument("--kind", choices=("value", "missed", "spurious"), help="one kind only")
    parser.add_argument("--top", type=int, default=40, help="number of groups to list")
    parser.add_argument("--show", type=int, default=0, help="examples to print per group")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    results, _, _ = run(load(files))
    groups = grouped([e for r in results for e in r.errors])
    shown = [(k, v) for k, v in groups.items() if args.kind in (None, k[0])][: args.top]
    for (kind, pattern), errors in shown:
        print(f"{len(errors):4d}  {kind:9} {pattern}")
        for error in errors[: args.show]:
            print(describe(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
