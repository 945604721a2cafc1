"""The growth benchmark's article builders and its measuring run (on small inputs)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from benchmarks.bench_growth import article, parse_size, run, sample_texts, with_sentences
from brief.document import parse
from brief.summary import SENTENCE_LIMITS


def test_sizes_read_as_people_write_them() -> None:
    assert parse_size("100KB") == 100_000
    assert parse_size("1MB") == 1_000_000
    assert parse_size("2.5mb") == 2_500_000
    assert parse_size("512") == 512
    with pytest.raises(argparse.ArgumentTypeError):
        parse_size("lots")


@pytest.mark.parametrize("kind", ["samples", "repeated"])
def test_articles_fill_their_size_without_passing_it(kind: str, tmp_path: Path) -> None:
    text = article(kind, 60_000, tmp_path)
    assert 50_000 < len(text.encode("utf-8")) <= 60_000


def test_an_article_cut_to_a_sentence_count_has_that_many() -> None:
    assert len(parse(with_sentences(sample_texts(), 120)).sentences) == 120


def test_run_reports_a_brief_and_a_refusal(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    limit = SENTENCE_LIMITS["kl"]
    path.write_text(with_sentences(sample_texts(), limit + 5), encoding="utf-8")
    briefed = run(path, "news", timeout=120, memory_mb=4000)
    assert briefed["status"] == "ok"
    assert briefed["sentences"] == limit + 5
    assert briefed["peak_mb"] > 20 and briefed["seconds"] > 0
    refused = run(path, "kl", timeout=120, memory_mb=4000)
    assert refused["status"] == "refused"
    assert refused["sentences"] == limit + 5
