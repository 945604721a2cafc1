"""Fit the weights of brief's news ranker on the CNN/DailyMail and BBC dev files.

Every article is parsed by brief's own pipeline, and every body sentence gets the ranker's features
(``brief.summary.ranker.features``: the same code that runs at brief time) and a label:
- *highlights* weights, from CNN/DailyMail: 1 for the sentences of the greedy ROUGE oracle (the 3
  sentences that together best match the highlights, by unigram + bigram F1), else 0;
- *digest* weights, from BBC: 1 if the sentence is in the extractive reference, else 0.
Labels are standardised within each article (the ranker only compares sentences of one article) and
each article weighs the same. A ridge regression gives the weights. The MMR redundancy trade-off is
chosen by ROUGE-2 on a fixed sample. Everything is first measured by 2-fold cross-validation (fit on
one half of each file, score the other half), then refitted on the whole files; both sets of numbers
are written into ``cli/brief/models/news_ranker.json`` beside the weights.

    python -m training.train_ranker [--data ../shared/data]     # about 4 minutes on one core

Deterministic: folds are by position in the file, no random numbers are drawn.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from brief.document import parse
from brief.document.tokens import words
from brief.summary import ranker
from training.paths import ROOT, data_dir

OUT = ROOT / "cli" / "brief" / "models" / "news_ranker.json"
RIDGE = 1.0
REDUNDANCY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
TUNE_DOCS = 600  # articles of the held-out half used to choose the redundancy trade-off
# Shares of the article asked for: up to 30% is a brief (highlights weights), from 40% a digest.
BLEND = {"from": 0.30, "to": 0.40}


class Article:
    """An article's features, label and ROUGE reference, computed once."""

    def __init__(self, record: dict, extractive: bool) -> None:
        self.document = parse(record["article"])
        self.reference = "\n".join(s for s in record["summary"].split("\n") if s.strip())
        self.length = len(self.reference.split("\n")) if extractive else 3
        self.sentences = [s.text for s in self.document.sentences]
        if len(self.sentences) < 2:
            self.x = None
            return
        self.x, self.similarity = ranker.features(self.document)
        # A brief's standalone rules (the lead first, leaning sentences after their referent), as
        # ranker.rank applies them; a digest, as BBC's references are, has none.
        self.leaning, self.lead = None, None
        if not extractive:
            skip = frozenset(self.document.boilerplate_sentences())
            self.leaning, self.lead = ranker.standalone_plan(self.document, skip)
        self.label = self._membership() if extractive else self._oracle()

    def _membership(self) -> np.ndarray:
        reference = {" ".join(s.split()) for s in self.reference.split("\n")}
        return np.array([float(" ".join(s.split()) in reference) for s in self.sentences])

    def _oracle(self) -> np.ndarray:
        """Greedy oracle: add the sentence that most raises unigram + bigram F1, up to 3."""
        reference = [w.lower() for w in words(self.reference)]
        targets = (_ngrams(reference, 1), _ngrams(reference, 2))
        tokens = [[w.lower() for w in words(s)] for s in self.sentences]
        chosen: list[int] = []
        best = 0.0
        while len(chosen) < self.length:
            candidate = None
            for i in range(len(tokens)):
                if i in chosen:
                    continue
                summary = [w for j in sorted([*chosen, i]) for w in tokens[j]]
                value = sum(_f1(_ngrams(summary, n + 1), targets[n]) for n in range(2))
                if value > best + 1e-9:
                    best, candidate = value, i
            if candidate is None:
                break
            chosen.append(candidate)
        label = np.zeros(len(tokens))
        label[chosen] = 1.0
        return label


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(candidate: Counter, reference: Counter) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def load(path: Path, extractive: bool) -> list[Article]:
    with path.open(encoding="utf-8") as lines:
        return [Article(json.loads(line), extractive) for line in lines]


def fit(articles: list[Article]) -> tuple[np.ndarray, float]:
    """Weighted ridge regression (intercept unpenalised), each article weighing the same."""
    usable = [a for a in articles if a.x is not None and a.label.std() > 0]
    x = np.vstack([a.x for a in usable])
    y = np.concatenate([(a.label - a.label.mean()) / a.label.std() for a in usable])
    w = np.concatenate([np.full(len(a.label), 1.0 / len(a.label)) for a in usable])
    mean_x = np.average(x, axis=0, weights=w)
    mean_y = np.average(y, weights=w)
    xc, yc = x - mean_x, y - mean_y
    gram = (xc * w[:, None]).T @ xc
    penalty = RIDGE * np.eye(x.shape[1]) * w.sum() / len(w)
    coefficients = np.linalg.solve(gram + penalty, (xc * w[:, None]).T @ yc)
    return coefficients, float(mean_y - mean_x @ coefficients)


def select(article: Article, scores: np.ndarray, redundancy: float) -> list[int]:
    """The sentences brief.summary.ranker.rank would pick, on precomputed scores."""
    picks = ranker.mmr(
        scores,
        article.similarity,
        article.length,
        redundancy,
        leaning=article.leaning,
        first=article.lead,
    )
    return sorted(pick.index for pick in picks)


def rouge(articles: list[Article], pick) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    totals = np.zeros(2)
    for article in articles:
        chosen = pick(article) if article.x is not None else list(range(len(article.sentences)))
        scores = scorer.score(article.reference, "\n".join(article.sentences[i] for i in chosen))
        totals += [scores["rouge1"].fmeasure, scores["rouge2"].fmeasure]
    r1, r2 = 100 * totals / max(1, len(articles))
    return {"rouge1": round(float(r1), 2), "rouge2": round(float(r2), 2)}


def train_weights(articles: list[Article], name: str) -> dict:
    """Cross-validate, choose the redundancy, refit on everything; return the weight set as JSON."""
    halves = (articles[0::2], articles[1::2])
    coefficients, bias = fit(halves[0])
    held_out = halves[1][:TUNE_DOCS]
    lead = rouge(held_out, lambda a: list(range(min(a.length, len(a.sentences)))))
    grid = {}
    for redundancy in REDUNDANCY_GRID:
        grid[redundancy] = rouge(
            held_out, lambda a, r=redundancy: select(a, a.x @ coefficients + bias, r)
        )
    redundancy = max(grid, key=lambda r: grid[r]["rouge2"])
    cross = {
        "half": f"fit on the even-numbered articles, scored on {len(held_out)} odd-numbered ones",
        "lead": lead,
        "by_redundancy": {str(r): v for r, v in grid.items()},
    }
    coefficients, bias = fit(articles)
    print(f"{name}: lead {lead}; held-out {grid}; chose redundancy {redundancy}", flush=True)
    return {
        "weights": {
            f: round(float(v), 6) for f, v in zip(ranker.FEATURES, coefficients, strict=True)
        },
        "bias": round(bias, 6),
        "redundancy": redundancy,
        "cross_validation": cross,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    args = parser.parse_args()
    started = time.time()
    cnndm = load(args.data / "summ" / "cnndm_dev.jsonl", extractive=False)
    bbc = load(args.data / "summ" / "bbc_dev.jsonl", extractive=True)
    print(f"features and labels in {time.time() - started:.0f} s", flush=True)
    data = {
        "description": "Weights of brief's news ranker, written by python -m training.train_ranker.",
        "features": list(ranker.FEATURES),
        "blend": BLEND,
        "highlights": {
            "learned_from": "summ/cnndm_dev.jsonl: greedy ROUGE oracle of 3 sentences",
            **train_weights(cnndm, "highlights"),
        },
        "digest": {
            "learned_from": "summ/bbc_dev.jsonl: sentences of the extractive reference",
            **train_weights(bbc, "digest"),
        },
        "method": f"weighted ridge regression (alpha {RIDGE}) on per-article standardised labels",
        "seconds": round(time.time() - started),
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
