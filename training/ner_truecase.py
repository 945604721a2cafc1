"""The usual spelling of capitalised words, so that names found in all-caps or lower-case text can be
shown as a reader expects ("NATO", "Moscow", "McDonald"), not merely title-cased ("Nato").

Counts every word's surface forms in mixed-case running text (CoNLL-2003 train, GMB, BBC News and the
cased CNN sample in the shared data folder), skipping sentence-initial words whose capital says
nothing, and keeps the words whose most frequent form is not all lower case. Output: one
``lower<TAB>Form`` line per word, sorted. Run from the repository root:

    .venv/bin/python -m training.ner_truecase   # writes cli/brief/models/ner_truecase.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from brief.document import tokens
from brief.entities import tagger as ner
from training.ner_data import cased_article_paragraphs, labelled_corpus_words
from training.paths import data_dir


def cased_sentences(root: Path) -> Iterator[list[str]]:
    """Word lists of cased running text from every source."""
    yield from labelled_corpus_words(root)
    for para in cased_article_paragraphs(root):
        yield [m.group() for m in tokens.token_matches(para)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Usual spellings of capitalised words.")
    parser.add_argument("--data", type=Path, default=None, help="shared data folder ($BRIEF_DATA)")
    parser.add_argument("--out", type=Path, default=ner.MODEL_DIR / ner.TRUECASE_FILE)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args(argv)

    forms: Counter[str] = Counter()
    for words in cased_sentences(args.data or data_dir()):
        if ner.line_mode(words) != ner.MIXED:
            continue  # headlines in capitals
        forms.update(w for w in words[1:] if w[0].isalpha())
    best: dict[str, tuple[int, str]] = {}
    for form, n in sorted(forms.items()):
        low = ner.fold(form)
        if n > best.get(low, (0, ""))[0]:
            best[low] = (n, form)
    with args.out.open("w", encoding="utf-8") as f:
        for low, (n, form) in sorted(best.items()):
            if n >= args.min_count and not form.islower() and form.lower() == low:
                f.write(f"{low}\t{form}\n")
    print(f"usual spellings -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
