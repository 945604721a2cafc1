"""Train the shipped NER model (two-stage CRF) from CoNLL-2003, with names from GMB.

Run from the repository root; one process on one core, about ten minutes:

    .venv/bin/python -m training.train_ner --rebuild-clusters

Steps: word clusters and usual spellings from unlabeled news (``training.ner_clusters``,
``training.ner_truecase``; reused if present unless ``--rebuild-clusters``); a gazetteer of the names in
the CoNLL training data plus names seen at least twice in GMB; all-caps and all-lower copies of 15%
of the training documents each, so casing-free text is tagged from words, clusters and gazetteer;
stage one trained with gazetteer features computed the way they will be at run time on unseen text
(each training document sees a gazetteer built from the *other* folds); stage one re-trained per
fold to tag the held-out fold (jackknifing), so that stage two learns from first-pass labels as
noisy as the shipped stage one's on new text; stage two trained on top; dev F1 on CoNLL's own tokens
printed last. Fixed seeds and sorted iteration make the output depend only on the data and these
options. GMB sentences as training data (``--gmb``) are off: their conventions differ (titles inside
names, nationalities as places) and they lowered dev F1 in trials.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from brief.entities import tagger as ner
from training import ner_clusters, ner_truecase
from training.ner_data import Doc, read_conll, read_gmb
from training.paths import data_dir

SEED = 20240601


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gazetteer_counts(docs: Sequence[Doc]) -> Counter[tuple[tuple[str, ...], str]]:
    """How often each lower-cased name was tagged with each label."""
    counts: Counter[tuple[tuple[str, ...], str]] = Counter()
    for doc in docs:
        for words, tags in zip(doc.sentences, doc.tags, strict=True):
            for a, b, label in ner.entity_spans(tags):
                if b - a <= ner.GAZETTEER_MAX_WORDS:
                    counts[tuple(w.lower() for w in words[a:b]), label] += 1
    return counts


def build_gazetteer(
    counts: Counter[tuple[tuple[str, ...], str]], min_count: int = 1, min_share: float = 0.25
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Names with every label they carry in at least ``min_share`` of their occurrences."""
    totals: Counter[tuple[str, ...]] = Counter()
    for (phrase, _), c in counts.items():
        totals[phrase] += c
    gaz: dict[tuple[str, ...], tuple[str, ...]] = {}
    for (phrase, label), c in sorted(counts.items()):
        if totals[phrase] >= min_count and c >= min_share * totals[phrase]:
            gaz[phrase] = (*gaz.get(phrase, ()), label)
    return gaz


def gmb_names(docs: Sequence[Doc], min_count: int = 2) -> Counter[tuple[tuple[str, ...], str]]:
    """Name counts from GMB, keeping names seen at least ``min_count`` times (its labels are noisy)."""
    counts = gazetteer_counts(docs)
    totals: Counter[tuple[str, ...]] = Counter()
    for (phrase, _), c in counts.items():
        totals[phrase] += c
    return Counter({k: c for k, c in counts.items() if totals[k[0]] >= min_count})


def write_gazetteer(gaz: dict[tuple[str, ...], tuple[str, ...]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for phrase in sorted(gaz):
            for label in gaz[phrase]:
                f.write(f"{label}\t{' '.join(phrase)}\n")


def fold_of(docs: Sequence[Doc], folds: int) -> list[int]:
    """A fixed, shuffled assignment of documents to folds."""
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    fold = [0] * len(docs)
    for rank, i in enumerate(order):
        fold[i] = rank % folds
    return fold


def add_case_copies(docs: list[Doc], fold: list[int], n_conll: int, share: float) -> None:
    """Append all-caps and all-lower copies of a share of the CoNLL documents, each in its fold.

    News arrives in capitals (wire headlines, some feeds) and lower case (scraped, normalised);
    copies teach the tagger to find names from words, clusters and gazetteer when casing is gone.
    """
    rng = random.Random(SEED + 1)
    picks = rng.sample(range(n_conll), round(n_conll * share * 2))
    for n, i in enumerate(picks):
        recase = str.upper if n % 2 == 0 else str.lower
        original = docs[i]
        docs.append(Doc([[recase(w) for w in s] for s in original.sentences], original.tags))
        fold.append(fold[i])


def stage1_features(
    docs: Sequence[Doc], fold: Sequence[int], gazetteers: Sequence[dict], clusters: dict
) -> list[list[ner.Features]]:
    """Stage-one features per document, each with the gazetteer that excludes its own fold."""
    extractors = [ner.FeatureExtractor(ner.Resources(clusters, g)) for g in gazetteers]
    return [
        extractors[k].document(d.sentences, ner.doc_context(d.sentences))
        for d, k in zip(docs, fold, strict=True)
    ]


def train_crf(
    feats: Sequence[Sequence[ner.Features]],
    docs: Sequence[Doc],
    path: Path,
    args: argparse.Namespace,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc_feats, doc in zip(feats, docs, strict=True):
        for x, y in zip(doc_feats, doc.tags, strict=True):
            if x:
                trainer.append(x, y)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def tag_with(path: Path, feats: Sequence[Sequence[ner.Features]]) -> list[list[list[str]]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [[tagger.tag(x) if x else [] for x in doc] for doc in feats]


def evaluate(docs: Sequence[Doc], predicted: Sequence[Sequence[Sequence[str]]]) -> dict[str, float]:
    """Entity-level exact-match F1 per label and micro over PER/ORG/LOC, on the gold tokens."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for doc, pred in zip(docs, predicted, strict=True):
        for gold_tags, pred_tags in zip(doc.tags, pred, strict=True):
            g = set(ner.entity_spans(gold_tags))
            p = set(ner.entity_spans(pred_tags))
            for s in g:
                n_gold[s[2]] += 1
            for s in p:
                n_pred[s[2]] += 1
                tp[s[2]] += s in g
    scores = {}
    for label in (*ner.LABELS, "micro"):
        keys = ("PER", "ORG", "LOC") if label == "micro" else (label,)
        t = sum(tp[k] for k in keys)
        p = t / max(1, sum(n_pred[k] for k in keys))
        r = t / max(1, sum(n_gold[k] for k in keys))
        scores[label] = 2 * p * r / (p + r) if p + r else 0.0
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder ($BRIEF_DATA)")
    parser.add_argument("--out", type=Path, default=ner.MODEL_DIR, help="where model files go")
    parser.add_argument("--gmb", action="store_true", help="add GMB sentences to the training data")
    parser.add_argument("--gmb-share", type=float, default=1.0, help="share of GMB to train on")
    parser.add_argument(
        "--gmb-gazetteer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="add names seen twice or more in GMB to the gazetteer (default: yes)",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (keeps the model small)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument(
        "--case-copies", type=float, default=0.15, help="share of documents copied in each casing"
    )
    parser.add_argument("--no-stage2", action="store_true", help="ship stage one only")
    parser.add_argument(
        "--rebuild-clusters", action="store_true", help="recompute clusters and usual spellings"
    )
    args = parser.parse_args(argv)

    root = args.data or data_dir()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()

    clusters_path = out / ner.CLUSTERS_FILE
    if args.rebuild_clusters or not clusters_path.exists():
        log("building word clusters")
        ner_clusters.main(["--data", str(root), "--out", str(clusters_path)])
    clusters = ner.read_clusters(clusters_path)
    truecase_path = out / ner.TRUECASE_FILE
    if args.rebuild_clusters or not truecase_path.exists():
        log("collecting usual spellings")
        ner_truecase.main(["--data", str(root), "--out", str(truecase_path)])

    train = read_conll(root / "ner/conll2003/train.txt")
    dev = read_conll(root / "ner/conll2003/dev.txt")
    extra = read_gmb(root / "ner/gmb/gmb.conll.txt") if args.gmb else []
    if extra and args.gmb_share < 1:
        extra = random.Random(SEED).sample(extra, round(len(extra) * args.gmb_share))
    docs = train + extra
    n_tokens = sum(d.n_tokens() for d in docs)
    log(f"{len(train)} CoNLL + {len(extra)} GMB documents, {n_tokens} tokens")

    # Gazetteers: shipped = all training names; per fold = names from the other folds only.
    fold = fold_of(docs, args.folds)
    counts = [gazetteer_counts([d for d, f in zip(docs, fold, strict=True) if f == k]) for k in
              range(args.folds)]  # fmt: skip
    full_counts = sum(counts, Counter())
    if args.gmb_gazetteer and not args.gmb:
        # External names: every fold may see them, none of a fold's own names leak through them.
        full_counts += gmb_names(read_gmb(root / "ner/gmb/gmb.conll.txt"))
    write_gazetteer(build_gazetteer(full_counts), out / ner.GAZETTEER_FILE)
    fold_gaz = [build_gazetteer(full_counts - counts[k]) for k in range(args.folds)]
    add_case_copies(docs, fold, len(train), args.case_copies)
    log(f"{len(docs)} documents with case copies, {sum(d.n_tokens() for d in docs)} tokens")
    feats = stage1_features(docs, fold, fold_gaz, clusters)
    log("stage one features ready")

    stage1 = out / ner.STAGE1_FILE
    train_crf(feats, docs, stage1, args)
    log(f"stage one trained ({stage1.stat().st_size / 1e6:.1f} MB)")

    stage2 = out / ner.STAGE2_FILE
    if args.no_stage2:
        stage2.unlink(missing_ok=True)
    else:
        first_pass: list[list[list[str]]] = [[] for _ in docs]
        tmp = out / "ner_fold.tmp"
        for k in range(args.folds):
            train_idx = [i for i, f in enumerate(fold) if f != k]
            held = [i for i, f in enumerate(fold) if f == k]
            train_crf([feats[i] for i in train_idx], [docs[i] for i in train_idx], tmp, args)
            for i, tags in zip(held, tag_with(tmp, [feats[i] for i in held]), strict=True):
                first_pass[i] = tags
            log(f"fold {k + 1}/{args.folds} tagged")
        tmp.unlink()
        feats2 = [
            ner.stage2_features(d.sentences, ner.doc_context(d.sentences).modes, f, p)
            for d, f, p in zip(docs, feats, first_pass, strict=True)
        ]
        train_crf(feats2, docs, stage2, args)
        log(f"stage two trained ({stage2.stat().st_size / 1e6:.1f} MB)")

    tagger = ner.NerTagger(out)
    predicted = [tagger.tag_document(d.sentences) for d in dev]
    scores = evaluate(dev, predicted)
    log("dev F1 on gold tokens: " + "  ".join(f"{k} {v:.4f}" for k, v in scores.items()))
    log(f"done in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
