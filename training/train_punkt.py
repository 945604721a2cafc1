"""Train brief's Punkt sentence-splitter parameters on raw news text and write them as plain text.

The NLTK ``punkt_tab`` data package is not on PyPI and brief never downloads, so the project trains its
own English parameters with NLTK's ``PunktTrainer`` on the raw (cased, untokenized) news text in
``../shared/data``: BBC News articles, the cased CNN sample and the TimeBank/AQUAINT documents. The
hand-curated abbreviations in ``punkt_abbreviations.txt`` are merged in afterwards, because titles such
as "Sen." or "Gov." are too rare in any corpus for the trainer to be sure of them. The output is the
``punkt_tab`` layout (four tab/line files) in ``cli/brief/models/punkt/``, loaded without pickle.

    python -m training.train_punkt [--data ../shared/data] [--out cli/brief/models/punkt]

Training is deterministic: the corpus is read in a fixed order and PunktTrainer has no randomness.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from training.paths import ROOT, data_dir

DEFAULT_OUT = ROOT / "cli" / "brief" / "models" / "punkt"
CURATED = Path(__file__).resolve().parent / "punkt_abbreviations.txt"


def corpus(data: Path) -> Iterator[str]:
    """Raw article texts, in a fixed order (BBC, cased CNN, TimeBank, AQUAINT)."""
    sources = [
        (data / "summ" / "bbc_dev.jsonl", "article"),
        (data / "summ" / "cnn_cased_sample.jsonl", "article"),
        (data / "timex" / "timebank.jsonl", "text"),
        (data / "timex" / "aquaint.jsonl", "text"),
    ]
    for path, field in sources:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)[field]


def curated_abbreviations() -> set[str]:
    lines = CURATED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def train(data: Path):
    from nltk.tokenize.punkt import PunktTrainer

    # Collocations are learned only in Punkt's default, conservative way: with INCLUDE_ALL_COLLOCS
    # it also learned pairs such as "euros. Sales" and "Hoover. As" and stopped splitting there.
    trainer = PunktTrainer()
    for text in corpus(data):
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types = {a for a in params.abbrev_types if _trusted(a)} | curated_abbreviations()
    return params


def _trusted(abbreviation: str) -> bool:
    """Keep learned abbreviations with an inner period ("a.d", "s.p.a") or hyphen ("r-ind").

    Punkt also learns plain words that happen to precede a period in mid-sentence positions of the
    corpus ("cab", "fad", surnames, "6pm"); each of those would glue two sentences together, so
    single-word abbreviations come only from the curated list.
    """
    return ("." in abbreviation or "-" in abbreviation) and not any(
        c.isdigit() for c in abbreviation
    )


def write_params(params, out: Path) -> None:
    """The four ``punkt_tab`` files, sorted so that retraining gives identical files."""
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "abbrev_types.txt": sorted(params.abbrev_types),
        "sent_starters.txt": sorted(params.sent_starters),
        "collocations.tab": sorted(f"{a}\t{b}" for a, b in params.collocations),
        "ortho_context.tab": sorted(f"{k}\t{v}" for k, v in params.ortho_context.items()),
    }
    for name, rows in files.items():
        (out / name).write_text("".join(row + "\n" for row in rows), encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    params = train(args.data)
    write_params(params, args.out)
    print(
        f"wrote {args.out}: {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters, "
        f"{len(params.ortho_context)} ortho contexts"
    )


if __name__ == "__main__":
    main()
