"""The house plan holds: every module of the package imports on its own, in a fresh interpreter,
and no module of a lower floor imports one above it (the pipeline reads in one direction)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

PACKAGE = ROOT / "cli" / "brief"
# Floors from the bottom: a module may import its own floor and the floors below, never above.
FLOORS = [
    {"_version", "errors", "visible", "runtime", "loading", "briefing"},
    {"reading", "document", "dates", "entities", "summary", "render", "options"},
    {"core", "api"},
    {"batch"},
    {"commands", "__main__", "__init__"},
]


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_on_its_own():
    # One interpreter per module would take a minute; a fresh interpreter per module *group* still
    # catches a module that only imports because another one was imported first.
    script = (
        "import importlib, subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    code = f'import {name}'\n"
        "    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)\n"
        "    if result.returncode: failed.append((name, result.stderr.strip().splitlines()[-1]))\n"
        "print(failed)\n"
    )
    modules = _modules()
    assert "brief.commands.batch" in modules and "brief.dates.timex.tagger" in modules
    result = subprocess.run(
        [sys.executable, "-c", script, *modules], capture_output=True, text=True, timeout=300
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def _floor(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    for level, rooms in enumerate(FLOORS):
        if top in rooms:
            return level
    raise AssertionError(f"{module} is on no floor of the plan")


def _imports(path: Path, module: str) -> set[str]:
    """brief modules that ``path`` imports (relative imports resolved)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("brief"):
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("brief")}
    return found


@pytest.mark.parametrize("module", _modules())
def test_no_import_runs_back_up(module):
    path = PACKAGE.parent.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    here = _floor(module)
    upward = [t for t in _imports(path, module) if t != "brief" and _floor(t) > here]
    assert not upward, f"{module} (floor {here}) imports {upward} from above"
