"""Entity-level NER scores and speed of brief's entity extraction on a CoNLL-format file.

Each ``-DOCSTART-`` document becomes the text a user would pass (tokens joined by spaces, one
sentence per line) and goes through ``brief.entities.extract_entities`` exactly as an article would:
our own tokenizer on the raw text, both tagging stages, roll-up. Every mention, with its entity's
label, is mapped back to the gold tokens by character offsets; a mention whose edges fall inside a
gold token counts as wrong. Reported: exact-match precision, recall and F1 per label, micro F1 over
PER/ORG/LOC (and over all four), tokens per second end to end, model size and load time.

    .venv/bin/python -m benchmarks.eval_ner [FILE]   # default: ner/conll2003/dev.txt in the shared data
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Gold IOB tags are read by the same rule the tagger's output is: one place for it.
from brief.entities.tagger import entity_spans as bio_spans
from training.paths import data_dir

LABELS = ("PER", "ORG", "LOC", "MISC")
MAIN_LABELS = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]  # first token, last token + 1, label (document-wide token indices)


@dataclass
class Document:
    """A CoNLL document as a user would pass it, with the gold tokens' offsets and names."""

    text: str
    lines: list[tuple[int, int, int]]  # (start, end, sentence index)
    token_starts: list[int]
    token_ends: list[int]
    gold: set[Span] = field(default_factory=set)


def read_documents(path: Path, recase: Callable[[str], str] | None = None) -> list[Document]:
    """CoNLL-format file (token first column, IOB1/IOB2 tag last) into user-style documents,
    optionally re-cased (``str.lower``, ``str.upper``) to see how names fare without capitals."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in [*f, ""]:
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                docs.append([])
            elif cols:
                sentence.append((recase(cols[0]) if recase else cols[0], cols[-1]))
            elif sentence:
                if not docs:
                    docs.append([])
                docs[-1].append(sentence)
                sentence = []
    return [build_document(d) for d in docs if d]


def build_document(sentences: Sequence[Sequence[tuple[str, str]]]) -> Document:
    parts: list[str] = []
    lines: list[tuple[int, int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    gold: set[Span] = set()
    pos = 0
    for index, sent in enumerate(sentences):
        line_start = pos
        offset = len(starts)
        for k, (word, _) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            parts.append(word)
            pos += len(word)
            ends.append(pos)
        lines.append((line_start, pos, index))
        parts.append("\n")
        pos += 1
        gold |= {(a + offset, b + offset, lab) for a, b, lab in bio_spans([t for _, t in sent])}
    return Document("".join(parts), lines, starts, ends, gold)


# What is evaluated: text and spans in, (start, end, label) character spans out.
Extractor = Callable[[str, Iterable[tuple[int, int, int | None]]], list[tuple[int, int, str]]]


def brief_extractor(text: str, spans: Iterable[tuple[int, int, int | None]]) -> list[Span]:
    from brief.entities import extract_entities

    return [(m.start, m.end, e.label) for e in extract_entities(text, spans) for m in e.mentions]


def predicted_spans(doc: Document, mentions: Iterable[tuple[int, int, str]]) -> set[Span]:
    """Character mentions as gold-token spans; one cutting through a token never matches."""
    first = {s: i for i, s in enumerate(doc.token_starts)}
    last = {e: i for i, e in enumerate(doc.token_ends)}
    out: set[Span] = set()
    for start, end, label in mentions:
        if start in first and end in last:
            out.add((first[start], last[end] + 1, label))
        else:
            out.add((-start - 1, -end - 1, label))  # never equal to a gold span
    return out


@dataclass
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    tokens: int = 0
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process on its core: fair on a busy machine

    def add(self, gold: set[Span], pred: set[Span]) -> None:
        for s in gold:
            self.gold[s[2]] += 1
        for s in pred:
            self.predicted[s[2]] += 1
            self.tp[s[2]] += s in gold

    def prf(self, labels: Sequence[str]) -> tuple[float, float, float]:
        tp = sum(self.tp[x] for x in labels)
        p = tp / max(1, sum(self.predicted[x] for x in labels))
        r = tp / max(1, sum(self.gold[x] for x in labels))
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: Sequence[Document], extract: Extractor = brief_extractor) -> Scores:
    scores = Scores()
    # Clocks are read once around the whole run: some systems take ~1 ms to read CPU time.
    t0, c0 = time.perf_counter(), time.process_time()
    predicted = [extract(doc.text, doc.lines) for doc in docs]
    scores.seconds = time.perf_counter() - t0
    scores.cpu_seconds = time.process_time() - c0
    for doc, mentions in zip(docs, predicted, strict=True):
        scores.tokens += len(doc.token_starts)
        scores.add(doc.gold, predicted_spans(doc, mentions))
    return scores


def load_stats(model_dir: Path | None = None) -> dict[str, float]:
    """Model size on disk and the one-off load time (import of crfsuite included)."""
    from brief.entities import tagger as ner

    model_dir = model_dir or ner.MODEL_DIR
    size = sum(p.stat().st_size for p in model_dir.glob("ner*") if p.is_file())
    t0 = time.perf_counter()
    if model_dir == ner.MODEL_DIR:
        ner.get_tagger()
    else:
        ner.use_model(model_dir)
    return {"model_mb": size / 1e6, "load_s": time.perf_counter() - t0}


def report(scores: Scores, stats: dict[str, float]) -> str:
    rows = [f"{'label':<16}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    for name, labels in [
        *((lab, (lab,)) for lab in LABELS),
        ("micro PER/ORG/LOC", MAIN_LABELS),
        ("micro all", LABELS),
    ]:
        p, r, f = scores.prf(labels)
        g = sum(scores.gold[x] for x in labels)
        n = sum(scores.predicted[x] for x in labels)
        rows.append(f"{name:<16}{p:>8.4f}{r:>8.4f}{f:>8.4f}{g:>8}{n:>8}")
    rate = scores.tokens / scores.seconds if scores.seconds else 0.0
    cpu_rate = scores.tokens / scores.cpu_seconds if scores.cpu_seconds else 0.0
    rows.append(
        f"tokens: {scores.tokens}  wall: {scores.seconds:.2f} s  tokens/s: {rate:,.0f}"
        f"  (CPU: {scores.cpu_seconds:.2f} s, {cpu_rate:,.0f} tokens/s)"
    )
    if stats:
        rows.append(f"model files: {stats['model_mb']:.1f} MB  load: {stats['load_s']:.3f} s")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "file",
        type=Path,
        nargs="?",
        default=data_dir() / "ner" / "conll2003" / "dev.txt",
        help="CoNLL-format file with -DOCSTART- documents (default: CoNLL-2003 dev in the shared data)",
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--model-dir", type=Path, default=None, help="evaluate another model")
    parser.add_argument(
        "--case", choices=("as-is", "lower", "upper"), default="as-is", help="re-case the text"
    )
    args = parser.parse_args(argv)

    recase = {"lower": str.lower, "upper": str.upper}.get(args.case)
    docs = read_documents(args.file, recase)
    # Load first, so that tokens/s is the steady state a long run sees.
    stats = load_stats(args.model_dir)
    scores = evaluate(docs)
    if args.json:
        out = {lab: dict(zip("prf", scores.prf((lab,)), strict=True)) for lab in LABELS} | {
            "micro": dict(zip("prf", scores.prf(MAIN_LABELS), strict=True))
        }
        rates = {
            "tokens_per_s": scores.tokens / scores.seconds if scores.seconds else 0.0,
            "tokens_per_cpu_s": scores.tokens / scores.cpu_seconds if scores.cpu_seconds else 0.0,
        }
        print(json.dumps(out | rates | stats, indent=2))
    else:
        print(report(scores, stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
