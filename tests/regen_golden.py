"""Regenerate the golden briefs in tests/golden/ from sample_inputs/: ``make golden``.

Run it after a deliberate change to what brief finds, then review ``git diff tests/golden`` before
committing: the diff is the change users will see.
"""

from __future__ import annotations

import json
from pathlib import Path

from .golden import golden_brief

HERE = Path(__file__).resolve().parent


def main() -> None:
    out = HERE / "golden"
    out.mkdir(exist_ok=True)
    for sample in sorted((HERE.parent / "sample_inputs").glob("*.*")):
        target = out / f"{sample.stem}.json"
        text = json.dumps(golden_brief(sample), ensure_ascii=False, indent=2) + "\n"
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
