"""How many rows the text view's timeline takes, per article of ``sample_inputs/`` (issue #15).

For each sample: its reading time, its date mentions, and the rows (lines, heading included) of the
``Timeline`` section of ``brief summarize -f text``, beside the rows the earlier layout took for the
same mentions (a heading, then one line per mention and a second one quoting its sentence when the
sentence was known), and the share kept. It also says whether any raw TIMEX3 code shows in the
text view's timeline.

    python -m benchmarks.timeline_rows [--json] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import brief
from brief.render import render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
# Values no reader should see: ISO dates and weeks, seasons, quarters, durations, references, X's.
TIMEX_CODE_RE = re.compile(
    r"\b\d{4}-(?:\d\d|W\d\d|Q\d|H\d|SU|SP|FA|WI)\b|\bP(?:T)?(?:\d+|X)(?:DE|CE|ML|WE|[YMWDHSQX])\b"
    r"|_REF\b|XX|\bT\d\d:\d\d|\bT(?:MO|AF|EV|NI|MI|DT)\b"
)


def timeline_section(text_view: str) -> list[str]:
    """The lines of the text view's ``Timeline`` section, its heading first; [] without one."""
    lines = text_view.splitlines()
    if "Timeline" not in lines:
        return []
    start = lines.index("Timeline")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def rows_before(data: dict) -> int:
    """Rows of the per-mention layout: a heading, a line per mention, a line per known sentence."""
    if not data["dates"]:
        return 0
    return 1 + sum(1 + (d["sentence_index"] is not None) for d in data["dates"])


def measure(path: Path) -> dict:
    made = brief.analyze_file(path)
    data = made.to_dict()
    section = timeline_section(render(made, "text"))
    before, after = rows_before(data), len(section)
    return {
        "file": path.name,
        "minutes": data["reading_time_minutes"],
        "mentions": len(data["dates"]),
        "rows_before": before,
        "rows_after": after,
        "share": round(after / before, 2) if before else None,
        "codes_shown": sorted({m.group() for m in TIMEX_CODE_RE.finditer("\n".join(section))}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="articles (default: sample_inputs/*)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    files = args.files or sorted(p for p in SAMPLES.iterdir() if p.is_file())
    results = [measure(path) for path in files]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'file':<26} {'min':>3} {'dates':>5} {'before':>6} {'after':>5} {'share':>5}  codes")
    for r in results:
        share = f"{r['share']:.2f}" if r["share"] is not None else "-"
        codes = ", ".join(r["codes_shown"]) or "none"
        print(
            f"{r['file']:<26} {r['minutes']:>3} {r['mentions']:>5} {r['rows_before']:>6}"
            f" {r['rows_after']:>5} {share:>5}  {codes}"
        )
    before = sum(r["rows_before"] for r in results)
    after = sum(r["rows_after"] for r in results)
    print(f"{'all':<26} {'':>3} {'':>5} {before:>6} {after:>5} {after / max(1, before):>5.2f}")


if __name__ == "__main__":
    main()
