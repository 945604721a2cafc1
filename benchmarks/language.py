"""How well the stop-word share tells English from other languages: the figures behind
``core.ENGLISH_MIN_STOPWORD_SHARE`` and ``core.MIN_WORDS_TO_JUDGE``.

Usage: ``python -m benchmarks.language [--data DIR]``. ``DIR`` (default ``$BRIEF_DATA`` or
``../shared/data``) holds the English corpora: ``summ/bbc_dev.jsonl``, ``summ/cnn_cased_sample.jsonl``,
``summ/cnndm_dev.jsonl`` (lower-cased, tokenized) and ``timex/*.jsonl``; ``sample_inputs/`` adds the
project's samples. The other languages are the short news texts written for the tests in
``tests/fixtures/languages/`` (French, Spanish, German, Italian, Portuguese, Dutch, Russian, Chinese).

Printed: for each corpus, the share's minimum, 1st percentile, median and maximum over whole
articles; then, for openings of N words (what a short text is), the lowest English share and the
highest foreign share, with how many English openings fall below the threshold, so that
``MIN_WORDS_TO_JUDGE`` can be read off as the length above which the two never meet.
"""

from __future__ import annotations

import argparse
import json
import statistics
from itertools import islice
from pathlib import Path

from brief.core import (
    _WORD_RE,
    ENGLISH_MIN_STOPWORD_SHARE,
    MIN_WORDS_TO_JUDGE,
    judge_language,
    stopword_share,
)
from brief.document import parse
from training.paths import ROOT, data_dir

_FOREIGN = ROOT / "tests" / "fixtures" / "languages"
_OPENINGS = (10, 15, 20, 25, 30, 40, 60, 100)


def english_corpora(data: Path) -> dict[str, list[str]]:
    """Article texts by corpus name; corpora missing under ``data`` are left out."""
    corpora: dict[str, list[str]] = {
        "sample_inputs": [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((ROOT / "sample_inputs").glob("*.txt"))
        ]
    }
    for name, relative, key in (
        ("bbc_dev", "summ/bbc_dev.jsonl", "article"),
        ("cnn_cased_sample", "summ/cnn_cased_sample.jsonl", "article"),
        ("cnndm_dev (lower-cased)", "summ/cnndm_dev.jsonl", "article"),
        ("timebank", "timex/timebank.jsonl", "text"),
        ("aquaint", "timex/aquaint.jsonl", "text"),
    ):
        path = data / relative
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                corpora[name] = [json.loads(line)[key] for line in lines if line.strip()]
    return corpora


def foreign_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(_FOREIGN.glob("*.txt"))}


def body(text: str) -> list[str]:
    """The body sentences of an article: what ``core`` judges."""
    return [sentence.text for sentence in parse(text).sentences]


def opening(sentences: list[str], words: int) -> list[str]:
    """The sentences up to the end of their ``words``-th word."""
    kept, count = [], 0
    for sentence in sentences:
        ends = [m.end() for m in islice(_WORD_RE.finditer(sentence), words - count)]
        if not ends:
            continue
        kept.append(sentence[: ends[-1]])
        count += len(ends)
        if count >= words:
            break
    return kept


def describe(shares: list[float]) -> str:
    ordered = sorted(shares)
    p1 = ordered[len(ordered) // 100]
    return (
        f"min {ordered[0]:.3f}  p1 {p1:.3f}  median {statistics.median(ordered):.3f}  "
        f"max {ordered[-1]:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    args = parser.parse_args()

    english = {name: [body(t) for t in texts] for name, texts in english_corpora(args.data).items()}
    foreign = {name: body(text) for name, text in foreign_texts().items()}
    print(f"threshold {ENGLISH_MIN_STOPWORD_SHARE}, judged from {MIN_WORDS_TO_JUDGE} words\n")
    print("Whole articles (body sentences)")
    for name, bodies in english.items():
        shares = [share for share, count in map(stopword_share, bodies) if count]
        wrong = sum(judge_language(b) == "und" for b in bodies)
        print(
            f"  {name:24} {len(bodies):5} articles  {describe(shares)}  judged not English: {wrong}"
        )
    for name, sentences in foreign.items():
        share, count = stopword_share(sentences)
        print(
            f"  {name:24} {count:5} words     share {share:.3f}  judged: {judge_language(sentences)}"
        )

    print("\nOpenings of N words: lowest English share, highest foreign share")
    all_english = [b for bodies in english.values() for b in bodies]
    for n in _OPENINGS:
        en = [stopword_share(opening(b, n))[0] for b in all_english if stopword_share(b)[1] >= n]
        fo = [stopword_share(opening(b, n))[0] for b in foreign.values()]
        below = sum(s < ENGLISH_MIN_STOPWORD_SHARE for s in en)
        above = sum(s >= ENGLISH_MIN_STOPWORD_SHARE for s in fo)
        print(
            f"  N={n:3}  English min {min(en):.3f} p0.1 {sorted(en)[len(en) // 1000]:.3f}"
            f" ({below} of {len(en)} below the threshold)"
            f"  foreign max {max(fo):.3f} ({above} of {len(fo)} at or above)"
        )


if __name__ == "__main__":
    main()
