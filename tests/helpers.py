"""What tests share: where the samples and the shared data live, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys

from training.paths import ROOT, data_dir

SAMPLES = ROOT / "sample_inputs"
DATA = data_dir()

__all__ = ["DATA", "ROOT", "SAMPLES", "run_brief"]


def run_brief(
    *args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m brief ARGS`` as a user would, capturing bytes of stdout and stderr."""
    # The caller's FORCE_COLOR (set by some CI systems) would change what "piped" output looks like.
    inherited = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    full_env = {**inherited, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "brief", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )
