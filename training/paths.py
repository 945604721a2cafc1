"""Where the repository and the shared data live: the one rule for training, benchmarks and tests.

The corpora never enter the repository; they sit in ``$BRIEF_DATA`` or, by default, in
``../shared/data`` beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The shared data folder: ``$BRIEF_DATA`` or ``../shared/data`` beside the repository.

    Read at each call, not at import, so a test or a shell that sets ``BRIEF_DATA`` late is heard.
    """
    env = os.environ.get("BRIEF_DATA")
    return Path(env) if env else (ROOT.parent / "shared" / "data").resolve()
