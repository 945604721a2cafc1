"""How a golden brief is made: the one definition shared by the test and the regeneration script."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from brief.core import brief_source
from brief.options import Options
from brief.reading import read_source


def golden_brief(sample: Path) -> dict:
    """The JSON brief of a sample, with the path made relative so it is the same on every machine."""
    source = read_source(str(sample))
    source = replace(source, path=f"sample_inputs/{sample.name}")
    return brief_source(source, Options()).to_dict()
