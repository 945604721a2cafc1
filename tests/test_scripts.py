"""The training and benchmark scripts as packages: each imports on its own (no ``sys.path`` tricks),
and all of them find the shared data by the one rule in ``training.paths``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from training import paths

from .helpers import ROOT

SCRIPTS = sorted(
    f"{folder}.{path.stem}"
    for folder in ("training", "benchmarks")
    for path in (ROOT / folder).glob("*.py")
    if path.stem != "__init__"
)

# Imports each module named on the command line in this one fresh interpreter, from the repository
# root as `python -m` would, and prints which failed: one process instead of one per script.
_IMPORT_EACH = """
import importlib, json, sys, traceback
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException:
        failed[name] = traceback.format_exc(limit=-2)
print(json.dumps(failed))
"""


def test_every_script_is_found() -> None:
    assert {
        "training.train_ner",
        "training.paths",
        "benchmarks.eval_ner",
        "benchmarks.fuzz",
    } <= set(SCRIPTS)


def test_every_script_imports_as_a_module_from_the_root() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *SCRIPTS],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}


@pytest.mark.parametrize("folder", ["training", "benchmarks", "tests"])
def test_no_script_edits_sys_path(folder: str) -> None:
    # Scripts run as modules from the root; a path hack would hide an import that only works by luck.
    offenders = [
        path.name
        for path in (ROOT / folder).glob("*.py")
        if "sys.path.insert" in path.read_text(encoding="utf-8") and path.name != "test_scripts.py"
    ]
    assert offenders == []


def test_shared_data_comes_from_brief_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEF_DATA", str(tmp_path))
    assert paths.data_dir() == tmp_path


def test_shared_data_defaults_beside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEF_DATA", raising=False)
    assert paths.data_dir() == (ROOT.parent / "shared" / "data").resolve()
    assert (paths.ROOT / "cli" / "brief").is_dir()
