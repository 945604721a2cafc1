"""Reader-level scoreboard: brief the hand-annotated real articles of ``reader_dev`` and score them.

Usage: ``python -m benchmarks.eval_reader [DIR] [--json] [--algorithm news,lead,textrank]``.
DIR defaults to ``$BRIEF_DATA/reader_dev`` (``training.paths.data_dir()``). Each gold file names
its article by ``source.file`` (relative to DIR's parent, the shared data folder) and
``source.line`` (0-based JSONL line; the article is its ``"article"`` field).

Scoring follows "How a brief is scored" in ``reader_dev/README.md`` exactly, so that everyone
computes the same numbers:

- entities: a brief row matches a gold entity when its name or an alias equals a gold ``form`` or
  ``name`` (normalised); the gold entity whose name equals the row's name is preferred, otherwise
  the first matching one in gold order. A matched row of the gold type is *correct* unless an
  earlier correct row already covered that entity (a *split*); another type is *wrong type*; an
  unmatched row is *junk*. MISC counts as OTHER. Precision, recall and core recall, over all groups
  and over PER/ORG/LOC only (rows and gold of other types dropped before matching);
- header: each gold ``header`` field right or wrong (``published`` unscored when ``--date`` is
  passed, i.e. for the BBC files);
- key sentences: *news hit* and *unfit share*, for each ``--algorithm`` in the same run (entities,
  dates and header do not depend on the summary algorithm and are computed once);
- dates: gold expressions located in the brief's text by context, then text; *spurious* rows,
  *calendar recall* and *value accuracy*. The README defines no duplicate-row figure.

Totals are micro-averages over all articles (sums of counts, then ratios).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from training.paths import data_dir

HEADER_FIELDS = ("title", "dek", "byline", "publisher", "dateline", "published")
CORE_TYPES = frozenset({"PER", "ORG", "LOC"})
PREFIX_CHARS = 40  # "the first 40 normalised characters" of the README
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------------------------------------
# Normalisation and matching


def normalize(text: str | None) -> str:
    """The README's comparison form: case-folded, whitespace collapsed, curly quotes straight,
    a leading "the " dropped."""
    if not text:
        return ""
    folded = _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()
    return folded[4:] if folded.startswith("the ") else folded


def prefix_matches(sentence: str, prefix: str) -> bool:
    """A selected sentence starts with, or contains, the first 40 normalised chars of ``prefix``."""
    key = normalize(prefix)[:PREFIX_CHARS]
    return bool(key) and key in normalize(sentence)


def row_type(label: str) -> str:
    """The brief's label in the gold's vocabulary: MISC (and anything else) counts as OTHER."""
    return label if label in CORE_TYPES else "OTHER"


# ---------------------------------------------------------------------------------------------
# Entities


@dataclass
class EntityScore:
    """Counts for one article (or a total): rows by verdict and gold coverage."""

    rows: int = 0
    correct: int = 0
    split: int = 0
    wrong_type: int = 0
    junk: int = 0
    gold: int = 0
    covered: int = 0
    core_gold: int = 0
    core_covered: int = 0

    def add(self, other: EntityScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | None]:
        return {
            "precision": _ratio(self.correct, self.rows),
            "recall": _ratio(self.covered, self.gold),
            "core_recall": _ratio(self.core_covered, self.core_gold),
        }


def _match_gold(row: dict[str, Any], gold: list[dict[str, Any]]) -> int | None:
    """The index of the gold entity a brief row matches, preferring the one named like the row."""
    keys = {normalize(row["name"])} | {normalize(alias) for alias in row.get("aliases", [])}
    keys.discard("")
    candidates = [
        index
        for index, entity in enumerate(gold)
        if keys & {normalize(form) for form in [entity["name"], *entity.get("forms", [])]}
    ]
    if not candidates:
        return None
    row_name = normalize(row["name"])
    named = [index for index in candidates if normalize(gold[index]["name"]) == row_name]
    return (named or candidates)[0]


def score_entities(
    rows: list[dict[str, Any]], gold: list[dict[str, Any]], *, core_types_only: bool = False
) -> tuple[EntityScore, list[str]]:
    """Score the brief's entity rows against the gold entities; also return each row's verdict
    ("correct", "split", "wrong_type", "junk") in row order, for error reading."""
    if core_types_only:
        rows = [row for row in rows if row_type(row["label"]) in CORE_TYPES]
        gold = [entity for entity in gold if entity["type"] in CORE_TYPES]
    score = EntityScore(
        rows=len(rows), gold=len(gold), core_gold=sum(bool(e.get("core")) for e in gold)
    )
    covered: set[int] = set()
    verdicts = []
    for row in rows:
        index = _match_gold(row, gold)
        if index is None:
            verdict = "junk"
        elif row_type(row["label"]) != gold[index]["type"]:
            verdict = "wrong_type"
        elif index in covered:
            verdict = "split"
        else:
            verdict = "correct"
            covered.add(index)
        setattr(score, verdict, getattr(score, verdict) + 1)
        verdicts.append(verdict)
    score.covered = len(covered)
    score.core_covered = sum(bool(gold[index].get("core")) for index in covered)
    return score, verdicts


# ---------------------------------------------------------------------------------------------
# Header


def _header_value(brief: dict[str, Any], name: str) -> str | None:
    value = brief.get(name)
    if isinstance(value, dict):  # the brief's dateline is a record; its place is what is scored
        value = value.get("place")
    return value or None


def header_field_right(name: str, gold: str | None, shown: str | None) -> bool:
    """One header field as the README scores it."""
    if isinstance(gold, dict):
        gold = gold.get("place")
    gold_norm, shown_norm = normalize(gold), normalize(shown)
    if not gold_norm or not shown_norm:
        return not gold_norm and not shown_norm
    if name in ("title", "dek"):
        return gold_norm[:PREFIX_CHARS] == shown_norm[:PREFIX_CHARS]
    if name in ("publisher", "byline"):
        return gold_norm in shown_norm or shown_norm in gold_norm
    return gold_norm == shown_norm


def score_header(
    brief: dict[str, Any], gold_header: dict[str, Any], *, date_given: bool
) -> dict[str, bool]:
    """Each scored gold header field -> right or wrong (``published`` skipped under ``--date``)."""
    return {
        name: header_field_right(name, gold_header.get(name), _header_value(brief, name))
        for name in HEADER_FIELDS
        if name in gold_header and not (date_given and name == "published")
    }


# ---------------------------------------------------------------------------------------------
# Key sentences


@dataclass
class SentenceScore:
    """News hit and unfit counts for one article (or a total) and one algorithm."""

    articles: int = 0
    news_hits: int = 0
    selected: int = 0
    unfit: int = 0

    def add(self, other: SentenceScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | None]:
        return {
            "news_hit": _ratio(self.news_hits, self.articles),
            "unfit_share": _ratio(self.unfit, self.selected),
        }


def score_sentences(selected: list[str], gold: dict[str, Any]) -> SentenceScore:
    """Does a selected sentence carry the news; how many selected sentences are unfit."""
    news = gold.get("news_sentences", [])
    unfit_prefixes = [entry["prefix"] for entry in gold.get("unfit_sentences", [])]
    hit = any(prefix_matches(text, prefix) for text in selected for prefix in news)
    unfit = sum(any(prefix_matches(text, p) for p in unfit_prefixes) for text in selected)
    return SentenceScore(
        articles=1 if news else 0,
        news_hits=int(hit and bool(news)),
        selected=len(selected),
        unfit=unfit,
    )


# ---------------------------------------------------------------------------------------------
# Dates


@dataclass
class DateScore:
    """Date counts for one article (or a total)."""

    gold: int = 0
    unlocated: int = 0
    rows: int = 0
    spurious: int = 0
    calendar: int = 0
    calendar_overlapped: int = 0
    calendar_right: int = 0

    def add(self, other: DateScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | None]:
        return {
            "calendar_recall": _ratio(self.calendar_right, self.calendar),
            "value_accuracy": _ratio(self.calendar_right, self.calendar_overlapped),
            "spurious_share": _ratio(self.spurious, self.rows),
        }


def _occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text``: exact first, else case- and space-insensitive."""
    if not needle:
        return []
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    if starts:
        return starts
    pattern = r"\s+".join(re.escape(part) for part in needle.split())
    return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]


def _span_in(text: str, start: int, expression: str) -> tuple[int, int] | None:
    """The span of ``expression`` inside the context found at ``start`` (None if absent)."""
    window = text[start : start + len(expression) + 400]
    found = _occurrences(window, expression)
    return (start + found[0], start + found[0] + len(expression)) if found else None


def locate_dates(text: str, gold_dates: list[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """Each gold expression's span in ``text``, found by its context (then its text), in order:
    the first free occurrence after the previous one, else the first free one anywhere; a span
    is never used twice. None when it cannot be found."""
    used: set[tuple[int, int]] = set()
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for entry in gold_dates:
        candidates: list[tuple[int, int]] = []
        for start in _occurrences(text, entry.get("context", "")):
            span = _span_in(text, start, entry["text"])
            if span:
                candidates.append(span)
        if not candidates:
            candidates = [(s, s + len(entry["text"])) for s in _occurrences(text, entry["text"])]
        free = [span for span in candidates if span not in used]
        ordered = [span for span in free if span[0] >= cursor] or free
        span = ordered[0] if ordered else None
        if span:
            used.add(span)
            cursor = span[0]
        spans.append(span)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_dates(
    text: str, rows: list[dict[str, Any]], gold_dates: list[dict[str, Any]]
) -> DateScore:
    """Spurious rows, calendar recall and value accuracy as the README defines them."""
    spans = locate_dates(text, gold_dates)
    located = [span for span in spans if span]
    row_spans = [(row["start"], row["end"]) for row in rows]
    score = DateScore(
        gold=len(gold_dates),
        unlocated=len(spans) - len(located),
        rows=len(rows),
        spurious=sum(not any(_overlaps(r, g) for g in located) for r in row_spans),
    )
    for entry, span in zip(gold_dates, spans, strict=True):
        if not entry.get("calendar"):
            continue
        score.calendar += 1
        hits = [row for row, r in zip(rows, row_spans, strict=True) if span and _overlaps(r, span)]
        score.calendar_overlapped += bool(hits)
        score.calendar_right += any(row.get("value") == entry["value"] for row in hits)
    return score


# ---------------------------------------------------------------------------------------------
# One article, the whole set


@dataclass
class ArticleResult:
    """Everything scored for one gold file."""

    id: str
    header: dict[str, bool]
    entities: EntityScore
    entities_core: EntityScore
    sentences: dict[str, SentenceScore]
    dates: DateScore
    verdicts: Counter[str]


def date_given(gold: dict[str, Any]) -> bool:
    """The README's rule: BBC articles are briefed with ``--date reference_date``, CNN never."""
    return bool(gold.get("reference_date")) and "bbc" in gold["source"]["file"]


def score_article(
    gold: dict[str, Any], brief: dict[str, Any], selected: dict[str, list[str]]
) -> ArticleResult:
    """Score one brief (``to_dict()`` with text) and each algorithm's selected sentences."""
    entities, verdicts = score_entities(brief["entities"], gold["entities"])
    core, _ = score_entities(brief["entities"], gold["entities"], core_types_only=True)
    return ArticleResult(
        id=gold["id"],
        header=score_header(brief, gold["header"], date_given=date_given(gold)),
        entities=entities,
        entities_core=core,
        sentences={name: score_sentences(texts, gold) for name, texts in selected.items()},
        dates=score_dates(brief["text"], brief["dates"], gold.get("dates", [])),
        verdicts=Counter(verdicts),
    )


def load_article(root: Path, source: dict[str, Any], cache: dict[str, list[str]]) -> str:
    """The article a gold file names: line ``source.line`` of ``root/source.file``."""
    name = source["file"]
    if name not in cache:
        cache[name] = (root / name).read_text(encoding="utf-8").splitlines()
    return json.loads(cache[name][source["line"]])["article"]


def brief_article(text: str, gold: dict[str, Any], algorithms: list[str]) -> tuple[dict, dict]:
    """Brief the article once in full with the first algorithm, then only the summary for the
    others (entities and dates do not depend on the summary algorithm)."""
    from brief.api import analyze  # heavy: loaded when briefing starts

    published = date.fromisoformat(gold["reference_date"]) if date_given(gold) else None
    first = analyze(text, published=published, algorithm=algorithms[0], include_text=True)
    brief = first.to_dict()
    selected = {algorithms[0]: [row["text"] for row in brief["summary"]]}
    for name in algorithms[1:]:
        other = analyze(text, published=published, algorithm=name, entities=False, dates=False)
        selected[name] = [row["text"] for row in other.to_dict()["summary"]]
    return brief, selected


def evaluate(directory: Path, algorithms: list[str]) -> list[ArticleResult]:
    """Brief and score every gold file of ``directory``, in name order."""
    cache: dict[str, list[str]] = {}
    results = []
    for path in sorted(directory.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = load_article(directory.parent, gold["source"], cache)
        brief, selected = brief_article(text, gold, algorithms)
        results.append(score_article(gold, brief, selected))
    return results


def totals(results: list[ArticleResult], algorithms: list[str]) -> dict[str, Any]:
    """Micro-averaged totals over all articles."""
    entities, core, dates = EntityScore(), EntityScore(), DateScore()
    sentences = {name: SentenceScore() for name in algorithms}
    header_right = header_scored = 0
    verdicts: Counter[str] = Counter()
    for result in results:
        entities.add(result.entities)
        core.add(result.entities_core)
        dates.add(result.dates)
        for name in algorithms:
            sentences[name].add(result.sentences[name])
        header_right += sum(result.header.values())
        header_scored += len(result.header)
        verdicts.update(result.verdicts)
    return {
        "articles": len(results),
        "entities": {**entities.figures(), "counts": vars(entities)},
        "entities_per_org_loc": {**core.figures(), "counts": vars(core)},
        "header": {"right": _ratio(header_right, header_scored), "fields": header_scored},
        "sentences": {
            name: {**score.figures(), "counts": vars(score)} for name, score in sentences.items()
        },
        "dates": {**dates.figures(), "counts": vars(dates)},
    }


def result_dict(result: ArticleResult) -> dict[str, Any]:
    """One article's row for ``--json``."""
    return {
        "id": result.id,
        "header": result.header,
        "entities": {**result.entities.figures(), "counts": vars(result.entities)},
        "entities_per_org_loc": {
            **result.entities_core.figures(),
            "counts": vars(result.entities_core),
        },
        "sentences": {
            name: {**score.figures(), "counts": vars(score)}
            for name, score in result.sentences.items()
        },
        "dates": {**result.dates.figures(), "counts": vars(result.dates)},
    }


# ---------------------------------------------------------------------------------------------
# Printing


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def print_table(
    results: list[ArticleResult], summary: dict[str, Any], algorithms: list[str]
) -> None:
    """Per-article rows, then the totals."""
    heads = ["article", "hdr", "ent P", "ent R", "core R"]
    heads += [f"{name[:6]} hit/unfit" for name in algorithms] + ["cal R", "val acc", "spur"]
    print("  ".join(heads))
    for r in results:
        wrong = [name for name, right in r.header.items() if not right]
        cells = [
            f"{r.id:<7}",
            f"{sum(r.header.values())}/{len(r.header)}",
            _fmt(r.entities.figures()["precision"]),
            _fmt(r.entities.figures()["recall"]),
            _fmt(r.entities.figures()["core_recall"]),
        ]
        for name in algorithms:
            s = r.sentences[name]
            cells.append(f"{'hit ' if s.news_hits else 'MISS'} {s.unfit}/{s.selected}".ljust(16))
        d = r.dates
        cells += [f"{d.calendar_right}/{d.calendar}", _fmt(d.figures()["value_accuracy"])]
        cells.append(f"{d.spurious}/{d.rows}")
        if wrong:
            cells.append("header wrong: " + ",".join(wrong))
        print("  ".join(cells))
    print()
    print(f"Totals over {summary['articles']} articles")
    for key, label in (("entities", "all groups"), ("entities_per_org_loc", "PER/ORG/LOC")):
        e = summary[key]
        c = e["counts"]
        print(
            f"  entities {label:<12} P {_fmt(e['precision'])}  R {_fmt(e['recall'])}  "
            f"core R {_fmt(e['core_recall'])}  (rows {c['rows']}: correct {c['correct']}, "
            f"split {c['split']}, wrong type {c['wrong_type']}, junk {c['junk']}; "
            f"gold {c['gold']}, core {c['core_gold']})"
        )
    print(
        f"  header fields right {_fmt(summary['header']['right'])} "
        f"(of {summary['header']['fields']} fields)"
    )
    for name, s in summary["sentences"].items():
        c = s["counts"]
        print(
            f"  key sentences {name:<9} news hit {_fmt(s['news_hit'])} "
            f"({c['news_hits']}/{c['articles']})  unfit share {_fmt(s['unfit_share'])} "
            f"({c['unfit']}/{c['selected']})"
        )
    d, c = summary["dates"], summary["dates"]["counts"]
    print(
        f"  dates calendar recall {_fmt(d['calendar_recall'])} ({c['calendar_right']}/"
        f"{c['calendar']})  value accuracy {_fmt(d['value_accuracy'])} ({c['calendar_right']}/"
        f"{c['calendar_overlapped']})  spurious rows {c['spurious']}/{c['rows']}  "
        f"(gold not located in text: {c['unlocated']}/{c['gold']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, help="reader_dev folder of gold files")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--algorithm", default="news", help="comma-separated summary algorithms (default: news)"
    )
    args = parser.parse_args(argv)
    directory = args.directory or data_dir() / "reader_dev"
    algorithms = [name.strip() for name in args.algorithm.split(",") if name.strip()]
    from brief.summary import ALGORITHMS

    unknown = [name for name in algorithms if name not in ALGORITHMS]
    if not algorithms or unknown:
        parser.error(f"--algorithm: choose from {', '.join(ALGORITHMS)}")
    if not directory.is_dir() or not any(directory.glob("*.json")):
        parser.error(f"{directory}: no gold files (*.json) there")
    results = evaluate(directory, algorithms)
    summary = totals(results, algorithms)
    if args.json:
        payload = {"articles": [result_dict(r) for r in results], "totals": summary}
        print(json.dumps(payload, indent=1))
    else:
        print_table(results, summary, algorithms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
