"""Tests for the TempEval-3 style scorer in benchmarks/eval_dates.py, on hand-made spans and a
tiny hand-written JSONL fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.eval_dates import Span, load, main, match, prf, run, score, summarise

FIXTURE = Path(__file__).parent / "fixtures" / "dates_tiny.jsonl"


def span(start: int, end: int, value: str = "2021", kind: str = "DATE") -> Span:
    return Span(start, end, kind, value, "x" * (end - start))


def test_prf() -> None:
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_strict_relaxed_and_attributes() -> None:
    gold = [span(0, 7), span(10, 20, "P2D", "DURATION"), span(30, 35)]
    system = [span(0, 7), span(12, 20, "P2D", "DURATION"), span(40, 44), span(31, 33, "1999")]
    c = score(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed) == (3, 4, 1, 3)
    assert (c.type_ok, c.value_ok) == (3, 2)


def test_matching_is_one_to_one() -> None:
    # One long system span over two gold spans matches only one of them.
    pairs = match([span(0, 5), span(6, 10)], [span(0, 10)])
    assert len(pairs) == 1
    assert pairs[0][0].start == 0  # the larger overlap wins


def test_run_and_summary_on_fixture() -> None:
    docs = load([FIXTURE])
    results, seconds, size = run(docs)
    summary = summarise(results, seconds, size)
    overall = summary["overall"]
    assert overall["gold"] == sum(len(d["timexes"]) for d in docs)
    assert overall["strict"]["f"] == pytest.approx(1.0)
    assert overall["value"]["f"] == pytest.approx(1.0)
    assert summary["throughput"]["bytes"] == sum(len(d["text"].encode()) for d in docs)


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FIXTURE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["by_type"]) == {"DATE", "TIME", "DURATION", "SET"}
    assert out["overall"]["relaxed"]["r"] == pytest.approx(1.0)


def test_cli_missing_file(tmp_path: Path) -> None:
    assert main([str(tmp_path / "absent.jsonl")]) == 2


def test_error_groups_mask_digits_and_sort_by_size() -> None:
    from benchmarks.timex_errors import grouped, shape

    assert shape("1998-W07") == "9999-W99"
    missed = {"kind": "missed", "doc": "d", "gold": {"type": "DATE", "value": "1999"}, "ctx": ""}
    wrong = {
        "kind": "value",
        "doc": "d",
        "gold": {"type": "DATE", "value": "2001-W03"},
        "sys": {"type": "DATE", "value": "2001-W04"},
        "ctx": "",
    }
    spanned = {"kind": "span", "doc": "d", "gold": {}, "sys": {}, "ctx": ""}
    groups = grouped([missed, wrong, dict(wrong), spanned])
    assert list(groups) == [("value", "9999-W99 -> 9999-W99"), ("missed", "DATE 9999")]
    assert [len(v) for v in groups.values()] == [2, 1]
