"""ROUGE of brief's summaries on a JSONL of {id, article, summary}, per source/category and overall.

Each article goes through brief's own pipeline (document structure, sentence splitting, ranking); the
chosen sentences, one per line, are scored against the reference (one sentence per line) with Google's
``rouge-score`` (ROUGE-1, ROUGE-2, ROUGE-Lsum F1, Porter stemming on). Summary length: the reference's
sentence count for BBC (whose reference is extractive), else ``--sentences`` (3 for CNN/DM). Several
algorithms can be run in one call, so baselines (lead, sumy's rankers) and brief's default are measured
side by side on the same documents.

    python -m benchmarks.eval_summaries ../shared/data/summ/cnndm_dev.jsonl --algorithm news,lead,textrank
    python -m benchmarks.eval_summaries ../shared/data/summ/bbc_dev.jsonl --algorithm all --limit 300
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from brief.document import parse
from brief.summary import ALGORITHMS, summarize
from training.paths import data_dir

METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass
class Totals:
    """Running sums of F1 per metric, by group."""

    sums: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, group: str, scores: dict[str, float]) -> None:
        for name in (group, "overall"):
            self.counts[name] += 1
            for metric, value in scores.items():
                self.sums[name][metric] += value

    def means(self) -> dict[str, dict[str, float]]:
        return {
            group: {m: round(100 * self.sums[group][m] / n, 2) for m in METRICS} | {"docs": n}
            for group, n in sorted(self.counts.items())
        }


def load(path: Path, limit: int | None) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def summary_length(record: dict, default: int) -> int:
    """BBC references are extractive: match their sentence count. Others: ``default``."""
    if "category" in record:
        return max(1, len([s for s in record["summary"].split("\n") if s.strip()]))
    return default


def group_of(record: dict) -> str:
    return record.get("source") or record.get("category") or "all"


def run(records: list[dict], algorithm: str, default_sentences: int) -> tuple[dict, float]:
    """Mean ROUGE per group, and the ranker's own documents per second (parsing excluded)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = Totals()
    ranking_seconds = 0.0
    for record in records:
        document = parse(record["article"])
        count = summary_length(record, default_sentences)
        started = time.perf_counter()
        chosen = summarize(document, count, algorithm) if document.sentences else []
        ranking_seconds += time.perf_counter() - started
        prediction = "\n".join(c.sentence.text for c in chosen)
        reference = "\n".join(s for s in record["summary"].split("\n") if s.strip())
        scores = scorer.score(reference, prediction)
        totals.add(group_of(record), {m: scores[m].fmeasure for m in METRICS})
    return totals.means(), len(records) / ranking_seconds if ranking_seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file",
        type=Path,
        nargs="?",
        default=data_dir() / "summ" / "cnndm_dev.jsonl",
        help="JSONL of {id, article, summary} (default: CNN/DailyMail dev in the shared data)",
    )
    parser.add_argument("--algorithm", default="lead,lexrank", help="comma-separated, or 'all'")
    parser.add_argument("--sentences", type=int, default=3, help="summary length unless BBC")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    algorithms = list(ALGORITHMS) if args.algorithm == "all" else args.algorithm.split(",")
    records = load(args.file, args.limit)
    results = {}
    for algorithm in algorithms:
        means, docs_per_second = run(records, algorithm, args.sentences)
        results[algorithm] = {"rouge": means, "ranker_docs_per_second": round(docs_per_second, 1)}
        if not args.json:
            overall = means["overall"]
            print(
                f"{algorithm:<10} R1 {overall['rouge1']:6.2f}  R2 {overall['rouge2']:6.2f}  "
                f"RLsum {overall['rougeLsum']:6.2f}  ({overall['docs']} docs, "
                f"ranker {docs_per_second:,.0f} docs/s)",
                flush=True,
            )
            for group, values in means.items():
                if group != "overall":
                    print(
                        f"    {group:<14} R1 {values['rouge1']:6.2f}  R2 {values['rouge2']:6.2f}  "
                        f"RLsum {values['rougeLsum']:6.2f}  ({values['docs']})"
                    )
    if args.json:
        print(json.dumps({"file": str(args.file), "documents": len(records), "results": results}))


if __name__ == "__main__":
    main()
