"""Word clusters for the NER features, computed from unlabeled news text in the shared data folder.

Names of one kind keep the same company ("minister X said", "in X on"), so words that share contexts
share a cluster, and a name the tagger never saw in training still lands near the ones it did. Each
lower-cased word (lower-cased so that headline capitals and lower-cased input find the same cluster)
gets a vector from a positive-PMI matrix of its ±2 neighbours, reduced by a seeded randomized SVD;
the vectors are then split by spherical k-means into a three-level tree (16, 16x16, 16x16x8), so
each word has a path "a.b.c" whose prefixes are coarse-to-fine cluster features, like Brown
clusters. The CoNLL dev and test files are not used. Run from the repository root:

    .venv/bin/python -m training.ner_clusters   # writes cli/brief/models/ner_clusters.tsv, ~2 min
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

# One core, and the same sums in the same order on every run.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from brief.document import tokens  # noqa: E402
from training.ner_data import cased_article_paragraphs, labelled_corpus_words  # noqa: E402
from training.paths import data_dir  # noqa: E402

SEED = 20240601
OFFSETS = (-2, -1, 1, 2)
BRANCHING = (16, 16, 8)


def corpus(root: Path) -> Iterator[list[str]]:
    """Lower-cased token lists, one per sentence or paragraph, from every unlabeled source."""
    for words in labelled_corpus_words(root):
        yield [word.lower() for word in words]
    for para in cased_article_paragraphs(root):
        yield [t.text.lower() for t in tokens.tokenize(para)]
    with (root / "summ/cnndm_dev.jsonl").open(encoding="utf-8") as f:
        for line in f:  # already lower-cased and tokenized
            yield json.loads(line)["article"].split()


def cooccurrence(
    sentences: list[list[str]], vocab: dict[str, int], contexts: dict[str, int]
) -> np.ndarray:
    """Counts of (word, context word at offset) as a dense float32 matrix, one block per offset."""
    n_ctx = len(contexts)
    keys = []
    for sent in sentences:
        w = np.array([vocab.get(t, -1) for t in sent], dtype=np.int64)
        c = np.array([contexts.get(t, -1) for t in sent], dtype=np.int64)
        for k, off in enumerate(OFFSETS):
            if off < 0:
                ww, cc = w[-off:], c[: len(c) + off]
            else:
                ww, cc = w[: len(w) - off], c[off:]
            ok = (ww >= 0) & (cc >= 0)
            keys.append(ww[ok] * (len(OFFSETS) * n_ctx) + k * n_ctx + cc[ok])
    flat, counts = np.unique(np.concatenate(keys), return_counts=True)
    matrix = np.zeros((len(vocab), len(OFFSETS) * n_ctx), dtype=np.float32)
    matrix.flat[flat] = counts
    return matrix


def ppmi(matrix: np.ndarray) -> np.ndarray:
    """Positive PMI with context-distribution smoothing (alpha 0.75), in place."""
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True)
    cols = matrix.sum(axis=0, keepdims=True) ** 0.75
    cols *= total / cols.sum()
    with np.errstate(divide="ignore"):
        np.log(matrix * total / (rows * cols + 1e-9) + 1e-30, out=matrix)
    np.maximum(matrix, 0, out=matrix)
    return matrix


def randomized_svd(matrix: np.ndarray, rank: int, rng: np.random.Generator) -> np.ndarray:
    """Word vectors U·sqrt(S) of a rank-``rank`` randomized SVD (two power iterations)."""
    omega = rng.standard_normal((matrix.shape[1], rank + 20)).astype(np.float32)
    q, _ = np.linalg.qr(matrix @ omega)
    for _ in range(2):
        q, _ = np.linalg.qr(matrix.T @ q)
        q, _ = np.linalg.qr(matrix @ q)
    u, s, _ = np.linalg.svd(q.T @ matrix, full_matrices=False)
    vectors = (q @ u[:, :rank]) * np.sqrt(s[:rank])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vectors


def spherical_kmeans(
    x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 20
) -> np.ndarray:
    """Cluster ids of unit vectors ``x``; k-means++ seeding, cosine similarity."""
    if len(x) <= k:
        return np.arange(len(x))
    centers = [x[rng.integers(len(x))]]
    dist = 1 - x @ centers[0]
    for _ in range(k - 1):
        p = np.maximum(dist, 0) ** 2
        p = p / p.sum() if p.sum() > 0 else np.full(len(x), 1 / len(x))
        centers.append(x[rng.choice(len(x), p=p)])
        dist = np.minimum(dist, 1 - x @ centers[-1])
    c = np.stack(centers)
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / (np.linalg.norm(m) + 1e-9)
    return assign


def cluster_paths(
    vectors: np.ndarray, rng: np.random.Generator, branching: tuple[int, ...] = BRANCHING
) -> list[str]:
    """A path "a.b.c" for every row, splitting each cluster again at the next level."""
    paths = [""] * len(vectors)
    groups = [np.arange(len(vectors))]
    for k in branching:
        next_groups = []
        for idx in groups:
            assign = spherical_kmeans(vectors[idx], k, rng)
            for j in range(int(assign.max()) + 1):
                members = idx[assign == j]
                for i in members:
                    paths[i] = f"{paths[i]}.{j}" if paths[i] else str(j)
                if len(members):
                    next_groups.append(members)
        groups = next_groups
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compute word clusters for the NER features.")
    parser.add_argument("--data", type=Path, default=None, help="shared data folder ($BRIEF_DATA)")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "cli/brief/models"
    )
    parser.add_argument("--vocab", type=int, default=40_000, help="words to cluster")
    parser.add_argument("--contexts", type=int, default=2_000, help="context words per offset")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--rank", type=int, default=100)
    parser.add_argument(
        "--branching",
        default=",".join(map(str, BRANCHING)),
        help="clusters per level, e.g. 16,16,8",
    )
    args = parser.parse_args(argv)
    out = args.out / "ner_clusters.tsv" if args.out.is_dir() else args.out
    t0 = time.perf_counter()

    sentences = list(corpus(args.data or data_dir()))
    freq = Counter(t for s in sentences for t in s)
    print(f"{len(sentences)} segments, {sum(freq.values())} tokens", file=sys.stderr)
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    words = [w for w, c in ranked[: args.vocab] if c >= args.min_count]
    vocab = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, (w, _) in enumerate(ranked[: args.contexts])}

    rng = np.random.default_rng(SEED)
    matrix = ppmi(cooccurrence(sentences, vocab, contexts))
    vectors = randomized_svd(matrix, args.rank, rng)
    del matrix
    paths = cluster_paths(vectors, rng, tuple(int(k) for k in args.branching.split(",")))
    with out.open("w", encoding="utf-8") as f:
        for w, p in sorted(zip(words, paths, strict=True)):
            f.write(f"{w}\t{p}\n")
    took = time.perf_counter() - t0
    print(f"{len(words)} words clustered in {took:.0f} s -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
