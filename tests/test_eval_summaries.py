"""The summary benchmark script, on a two-document fixture whose ROUGE is known by construction."""

from __future__ import annotations

import json
import subprocess
import sys

from .helpers import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "summ_two_docs.jsonl"


def test_lead_scores_100_then_0_so_the_mean_is_50() -> None:
    # Document 1's reference is exactly its first three sentences; document 2's shares no word with
    # the article. lead-3 therefore scores 100 and 0 on every ROUGE variant: 50 on average.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.eval_summaries",
            str(FIXTURE),
            "--algorithm",
            "lead,news",
            "--json",
        ],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    lead = report["results"]["lead"]["rouge"]["overall"]
    assert report["documents"] == 2
    assert (lead["rouge1"], lead["rouge2"], lead["rougeLsum"], lead["docs"]) == (
        50.0,
        50.0,
        50.0,
        2,
    )
    news = report["results"]["news"]["rouge"]["overall"]
    assert 0 <= news["rouge2"] <= 50.0  # no ranker can score on document 2
    assert report["results"]["news"]["ranker_docs_per_second"] > 0
