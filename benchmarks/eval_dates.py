"""TempEval-3 task A scores of brief's temporal tagger on TIMEX3-annotated JSONL documents.

Usage: ``python -m benchmarks.eval_dates [FILE.jsonl ...] [--json] [--errors N] [--repeat N]``.
With no FILE, the TimeBank and AQUAINT files under ``$BRIEF_DATA/timex`` are used (``BRIEF_DATA``
defaults to ``../shared/data`` next to the repository). Each line is ``{"id", "dct", "text",
"timexes": [{"start", "end", "type", "value"}, ...]}``; the tagger gets ``text`` and the ``dct``
as reference date.

What is computed, following the TempEval-3 scorer (UzZaman et al., 2013):

- strict span P/R/F1: a system mention matches a gold one with exactly the same offsets;
- relaxed span P/R/F1: the spans overlap. Matching is one-to-one (each gold and each system
  mention is used once; pairs are formed greedily by largest overlap), so a long system span
  covering two gold spans counts once;
- type and value: attribute F1 as TempEval-3 defines it, P = (relaxed matches whose attribute is
  equal) / (system mentions), R = same / (gold mentions). This equals attribute accuracy over the
  relaxed matches times relaxed F1; both are reported. Values are compared as exact strings;
- a per-type table by gold type: the same span/value counts restricted to mentions of that type
  on both sides (a gold DATE matched by a system DURATION counts for neither);
- throughput: UTF-8 megabytes of text tagged per second of ``extract_dates`` time (single
  process; the best of ``--repeat`` runs; the one-off compilation of the rules on the first
  call is done before timing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from brief.dates import DateMention, extract_dates
from training.paths import data_dir

_DEFAULT_FILES = ("timebank.jsonl", "aquaint.jsonl")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class Span:
    """A gold or system mention as the scorer sees it."""

    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Counts:
    """Match counts for one set of documents (or one type)."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class DocResult:
    """Scores and mismatches for one document."""

    doc_id: str
    counts: Counts
    by_type: dict[str, Counts]
    errors: list[dict[str, object]] = field(default_factory=list)


def default_files() -> list[Path]:
    return [data_dir() / "timex" / name for name in _DEFAULT_FILES]


def load(paths: list[Path]) -> list[dict[str, object]]:
    docs = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            docs.extend(json.loads(line) for line in handle if line.strip())
    return docs


def prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from a hit count and the two totals."""
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping gold and system spans, largest overlap first."""
    pairs = []
    for g in gold:
        for s in system:
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((overlap, g.start, s.start, id(g), id(s), g, s))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    out = []
    for _, _, _, gid, sid, g, s in pairs:
        if gid in used_gold or sid in used_system:
            continue
        used_gold.add(gid)
        used_system.add(sid)
        out.append((g, s))
    return out


def score(gold: list[Span], system: list[Span]) -> Counts:
    pairs = match(gold, system)
    exact = {(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system}
    return Counts(
        gold=len(gold),
        system=len(system),
        strict=len(exact),
        relaxed=len(pairs),
        type_ok=sum(g.type == s.type for g, s in pairs),
        value_ok=sum(g.value == s.value for g, s in pairs),
    )


def evaluate_doc(doc: dict[str, object], mentions: list[DateMention]) -> DocResult:
    gold = [
        Span(t["start"], t["end"], t["type"], t["value"], t["text"])  # type: ignore[index]
        for t in doc["timexes"]  # type: ignore[union-attr]
    ]
    system = [Span(m.start, m.end, m.type, m.value, m.text) for m in mentions]
    by_type = {
        kind: score([g for g in gold if g.type == kind], [s for s in system if s.type == kind])
        for kind in TYPES
    }
    result = DocResult(str(doc["id"]), score(gold, system), by_type)
    result.errors = _errors(str(doc["id"]), str(doc["text"]), gold, system)
    return result


def _errors(
    doc_id: str, text: str, gold: list[Span], system: list[Span]
) -> list[dict[str, object]]:
    """Missed, spurious, mis-spanned and mis-valued mentions, with a little context."""
    pairs = match(gold, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    out: list[dict[str, object]] = []

    def ctx(start: int, end: int) -> str:
        return (
            text[max(0, start - 50) : start] + "[[" + text[start:end] + "]]" + text[end : end + 30]
        ).replace("\n", " ")

    for g in gold:
        if id(g) not in matched_gold:
            out.append(
                {"kind": "missed", "doc": doc_id, "gold": g.__dict__, "ctx": ctx(g.start, g.end)}
            )
    for s in system:
        if id(s) not in matched_system:
            out.append(
                {"kind": "spurious", "doc": doc_id, "sys": s.__dict__, "ctx": ctx(s.start, s.end)}
            )
    for g, s in pairs:
        kinds = []
        if (g.start, g.end) != (s.start, s.end):
            kinds.append("span")
        if g.value != s.value:
            kinds.append("value")
        if g.type != s.type:
            kinds.append("type")
        if kinds:
            out.append(
                {
                    "kind": "+".join(kinds),
                    "doc": doc_id,
                    "gold": g.__dict__,
                    "sys": s.__dict__,
                    "ctx": ctx(g.start, g.end),
                }
            )
    return out


def run(docs: list[dict[str, object]], repeat: int = 1) -> tuple[list[DocResult], float, int]:
    """Tag and score every document; returns results, best tagging seconds and bytes tagged."""
    parsed = [(d, str(d["text"]), dt.date.fromisoformat(str(d["dct"]))) for d in docs]
    # The tagger compiles its rules on first use (a one-off start-up cost, not a per-text one):
    # pay it before the clock starts.
    extract_dates("", None)
    best = float("inf")
    outputs: list[list[DateMention]] = []
    for _ in range(max(1, repeat)):
        outputs = []
        elapsed = 0.0
        for _doc, text, dct in parsed:
            t0 = time.perf_counter()
            outputs.append(extract_dates(text, dct))
            elapsed += time.perf_counter() - t0
        best = min(best, elapsed)
    results = [evaluate_doc(d, out) for (d, _, _), out in zip(parsed, outputs, strict=True)]
    size = sum(len(text.encode("utf-8")) for _, text, _ in parsed)
    return results, best, size


def summarise(results: list[DocResult], seconds: float, size: int) -> dict[str, object]:
    total = Counts()
    by_type = {kind: Counts() for kind in TYPES}
    for r in results:
        total.add(r.counts)
        for kind in TYPES:
            by_type[kind].add(r.by_type[kind])

    def block(c: Counts) -> dict[str, object]:
        strict = prf(c.strict, c.system, c.gold)
        relaxed = prf(c.relaxed, c.system, c.gold)
        type_f = prf(c.type_ok, c.system, c.gold)
        value_f = prf(c.value_ok, c.system, c.gold)
        return {
            "gold": c.gold,
            "system": c.system,
            "strict": dict(zip("prf", strict, strict=True)),
            "relaxed": dict(zip("prf", relaxed, strict=True)),
            "type": {"f": type_f[2], "accuracy": c.type_ok / c.relaxed if c.relaxed else 0.0},
            "value": {
                "p": value_f[0],
                "r": value_f[1],
                "f": value_f[2],
                "accuracy": c.value_ok / c.relaxed if c.relaxed else 0.0,
            },
        }

    return {
        "documents": len(results),
        "overall": block(total),
        "by_type": {kind: block(c) for kind, c in by_type.items()},
        "throughput": {
            "bytes": size,
            "seconds": seconds,
            "mb_per_second": size / 1e6 / seconds if seconds else 0.0,
        },
    }


def render(summary: dict[str, object]) -> str:
    o = summary["overall"]  # type: ignore[index]
    lines = [
        f"documents {summary['documents']}, gold {o['gold']}, system {o['system']}",
        "",
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}",
    ]
    for name in ("strict", "relaxed"):
        p, r, f = (o[name][k] for k in "prf")
        lines.append(f"{name:10}{p:8.3f}{r:8.3f}{f:8.3f}")
    lines.append(f"{'type':10}{'':16}{o['type']['f']:8.3f}{o['type']['accuracy']:8.3f}")
    v = o["value"]
    lines.append(f"{'value':10}{v['p']:8.3f}{v['r']:8.3f}{v['f']:8.3f}{v['accuracy']:8.3f}")
    lines += ["", f"{'type':10}{'gold':>6}{'sys':>6}{'strictF':>9}{'relaxF':>9}{'valueF':>9}"]
    for kind, b in summary["by_type"].items():  # type: ignore[union-attr]
        lines.append(
            f"{kind:10}{b['gold']:6d}{b['system']:6d}{b['strict']['f']:9.3f}"
            f"{b['relaxed']['f']:9.3f}{b['value']['f']:9.3f}"
        )
    t = summary["throughput"]  # type: ignore[index]
    lines += [
        "",
        f"throughput {t['mb_per_second']:.2f} MB/s ({t['bytes']} bytes in {t['seconds']:.3f} s)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="TIMEX3 JSONL files")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N mismatches")
    parser.add_argument("--repeat", type=int, default=1, help="time the tagger N times, keep best")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        print(f"missing data: {', '.join(missing)} (set BRIEF_DATA)", file=sys.stderr)
        return 2
    results, seconds, size = run(load(files), args.repeat)
    summary = summarise(results, seconds, size)
    if args.json:
        summary["files"] = [str(f) for f in files]
        print(json.dumps(summary, indent=2))
    else:
        print(render(summary))
    if args.errors:
        errors = [e for r in results for e in r.errors][: args.errors]
        for e in errors:
            print(json.dumps(e), file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
