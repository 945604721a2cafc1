"""Golden briefs: the full JSON for every sample is pinned; regenerate with ``make golden``."""

from __future__ import annotations

import json

import pytest

from .golden import golden_brief
from .helpers import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.*")))
def test_sample_brief_matches_golden(sample: str) -> None:
    expected_path = GOLDEN / (sample.rsplit(".", 1)[0] + ".json")
    assert expected_path.exists(), f"no golden file for {sample}: run `make golden`"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert golden_brief(SAMPLES / sample) == expected


def test_every_golden_file_has_a_sample() -> None:
    stems = {p.stem for p in SAMPLES.glob("*.*")}
    assert {p.stem for p in GOLDEN.glob("*.json")} <= stems
