"""Choose the key sentences of a Document.

Every algorithm here rates the body sentences and keeps the best ``count`` of them, in document order.
``lead`` takes the opening sentences, as an editor's baseline; the others are sumy's summarizers, fed
through brief's own sentence and word tokenization so that sumy never looks for NLTK data. Title, dek
and headings go to sumy as headings (Edmundson reads them) but can never be chosen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .document import Document, Sentence
from .tokens import words

DEFAULT_ALGORITHM = "lexrank"
DEFAULT_SENTENCES = 3
SUMY_ALGORITHMS = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "edmundson": ("sumy.summarizers.edmundson", "EdmundsonSummarizer"),
    "sum-basic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "reduction": ("sumy.summarizers.reduction", "ReductionSummarizer"),
}
ALGORITHMS = ("lead", *SUMY_ALGORITHMS)
# Cue words for Edmundson's method, which needs some: reporting verbs and hedges of news prose.
_STIGMA_WORDS = ("hardly", "perhaps", "reportedly", "allegedly", "meanwhile", "also")


@dataclass(frozen=True, slots=True)
class Selection:
    """A chosen sentence and the score that chose it (higher is better, scale per algorithm)."""

    sentence: Sentence
    score: float


def sentence_count(document: Document, sentences: int | None, ratio: float | None) -> int:
    """How many sentences to select: ``ratio`` of the body when given, else ``sentences``."""
    available = len(document.sentences)
    if ratio is not None:
        wanted = max(1, math.ceil(ratio * available))
    else:
        wanted = DEFAULT_SENTENCES if sentences is None else sentences
    return min(wanted, available)


def summarize(
    document: Document, count: int, algorithm: str = DEFAULT_ALGORITHM
) -> list[Selection]:
    """The ``count`` best body sentences by ``algorithm``, in document order."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    if count <= 0 or not document.sentences:
        return []
    ratings = _lead_ratings(document) if algorithm == "lead" else _sumy_ratings(document, algorithm)
    ranked = sorted(range(len(ratings)), key=lambda index: (-ratings[index], index))
    chosen = sorted(ranked[:count])
    return [Selection(document.sentences[index], ratings[index]) for index in chosen]


def _lead_ratings(document: Document) -> list[float]:
    return [1.0 / (1 + sentence.index) for sentence in document.sentences]


# -- sumy ------------------------------------------------------------------------------------------


class _Tokenizer:
    """The tokenizer object sumy expects, backed by brief's word rules (no NLTK data needed)."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return words(text)

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        from .sentences import sentence_spans

        return [text[start:end] for start, end in sentence_spans(text)]


class _RatingRecorder:
    """Passed to sumy as the sentence count: sumy hands it every rated sentence, so we keep them all."""

    def __init__(self) -> None:
        self.ratings: dict[int, float] = {}

    def __call__(self, infos):
        for info in infos:
            self.ratings[info.order] = float(info.rating)
        return infos


def _sumy_ratings(document: Document, algorithm: str) -> list[float]:
    import warnings

    summarizer = _summarizer(algorithm)
    recorder = _RatingRecorder()
    with warnings.catch_warnings():
        # LexRank divides by a zero norm on one- or two-sentence articles; the ratings are still usable
        # (NaN becomes 0 below), and users should not see numpy's warning.
        warnings.simplefilter("ignore", RuntimeWarning)
        summarizer(_sumy_document(document), recorder)
    return [_finite(recorder.ratings.get(index, 0.0)) for index in range(len(document.sentences))]


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _sumy_document(document: Document):
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _Tokenizer()
    header = [line for line in (document.title, document.dek) if line is not None]
    paragraphs = [
        Paragraph([SumySentence(line.text, tokenizer, is_heading=True) for line in header])
    ]
    for paragraph in document.paragraphs:
        paragraphs.append(
            Paragraph(
                [SumySentence(s.text, tokenizer) for s in document.paragraph_sentences(paragraph)]
            )
        )
    return ObjectDocumentModel(paragraphs)


@cache
def _summarizer(algorithm: str) -> Callable:
    """One configured sumy summarizer per algorithm and process (stemmer and stop words load once)."""
    import importlib

    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module_name, class_name = SUMY_ALGORITHMS[algorithm]
    summarizer = getattr(importlib.import_module(module_name), class_name)(Stemmer("english"))
    stop_words = frozenset(get_stop_words("english"))
    if algorithm == "edmundson":
        summarizer.null_words = stop_words
        summarizer.bonus_words = ("said", "announced", "according", "will", "new")
        summarizer.stigma_words = _STIGMA_WORDS
    else:
        summarizer.stop_words = stop_words
    return summarizer
