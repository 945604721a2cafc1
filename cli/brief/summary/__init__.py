"""Choose the key sentences of a Document.

Every algorithm here ranks the body sentences; the summary keeps the best of them, by count or by a
word budget, in document order. ``news`` (the default) is brief's own trained ranker (``ranker``);
``lead`` takes the opening sentences, as an editor's baseline; the others are sumy's summarizers, fed
through brief's own sentence and word tokenization so that sumy never looks for NLTK data. Title, dek
and headings go to sumy as headings (Edmundson reads them) but can never be chosen.

Most of sumy's rankers take time growing with the square of the sentences or faster, so each of those
has a sentence limit (``SENTENCE_LIMITS``): a longer article is refused with ``TooLargeError`` before
sumy starts, rather than running for minutes or exhausting memory. ``news``, ``lead`` and Edmundson
grow linearly and have none.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from ..document import Document, Sentence
from ..document.tokens import words
from ..errors import TooLargeError

DEFAULT_ALGORITHM = "news"
DEFAULT_SENTENCES = 3
# Long articles get a longer default brief: one more sentence per this many beyond the first ones.
_LONG_ARTICLE = 40
_MAX_DEFAULT_SENTENCES = 7
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
ALGORITHMS = ("news", "lead", *SUMY_ALGORITHMS)
# The most sentences each sumy ranker is given: what it ranks in about 10 s on one core of the
# project's 2-core machine (benchmarks/bench_growth.py measures them). Their time grows with the
# square of the sentences (lexrank, textrank, lsa, reduction, sum-basic, luhn) or faster (kl); lsa's
# memory too. Edmundson grows linearly and needs none.
SENTENCE_LIMITS = {
    "lexrank": 1_200,
    "textrank": 2_000,
    "lsa": 1_600,
    "luhn": 6_000,
    "sum-basic": 3_500,
    "kl": 240,
    "reduction": 1_400,
}
# Cue words for Edmundson's method, which needs some: reporting verbs and hedges of news prose.
_STIGMA_WORDS = ("hardly", "perhaps", "reportedly", "allegedly", "meanwhile", "also")


@dataclass(frozen=True, slots=True)
class Selection:
    """A ranked sentence, the score that ranked it (higher is better, scale per algorithm), and the
    parts that score is made of (for ``news``; other algorithms report their one score).

    The summary step's result for every algorithm: ``news`` turns the ranker's ``Pick`` (a sentence
    index) into one, and ``core`` turns each into the Brief's ``briefing.KeySentence``."""

    sentence: Sentence
    score: float
    components: dict[str, float]
    rank: int  # 1 = the algorithm's first choice


def default_sentence_count(available: int) -> int:
    """3 sentences, and one more per 40 sentences beyond the first 40, up to 7."""
    extra = max(0, math.ceil((available - _LONG_ARTICLE) / _LONG_ARTICLE))
    return min(available, _MAX_DEFAULT_SENTENCES, DEFAULT_SENTENCES + extra)


def sentence_count(document: Document, sentences: int | None, ratio: float | None) -> int:
    """How many sentences to select: ``ratio`` of the body when given, else ``sentences``, else the
    default for the article's length."""
    available = len(document.sentences)
    if ratio is not None:
        return min(available, max(1, math.ceil(ratio * available)))
    if sentences is None:
        return default_sentence_count(available)
    return min(sentences, available)


def summarize(
    document: Document,
    count: int,
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    words_budget: int | None = None,
    where: str = "article",
) -> list[Selection]:
    """The best body sentences by ``algorithm``, in document order: ``count`` of them, or as many as
    fit in ``words_budget`` words (``_within_budget``: the ranking's opening choices while they fit; a
    first choice longer than the budget is returned alone rather than nothing). ``where`` names the
    input in a ``TooLargeError``.

    With a budget the sentences are ranked as for a one-sentence brief, whatever the budget, so the
    first choice is ``-n 1``'s: the order must not depend on the budget, or a larger budget could
    lose a sentence a smaller one kept (``news`` weighs sentences by the share asked for)."""
    if words_budget is None:
        ranked = _story_only(document, rank(document, algorithm, count, where=where))
    else:
        available = len(document.sentences)
        everything = rank(document, algorithm, available, share=1 / max(1, available), where=where)
        # The budget is spent on story sentences only: boilerplate never enters a summary.
        ranked = _within_budget(_story_only(document, everything), words_budget)
    return sorted(ranked, key=lambda selection: selection.sentence.index)


def rank(
    document: Document,
    algorithm: str,
    count: int,
    *,
    share: float | None = None,
    where: str = "article",
) -> list[Selection]:
    """The ``count`` best sentences by ``algorithm``, best first. ``share`` is the part of the
    article the reader wants (``news`` weighs sentences differently for a short brief and a long
    digest); by default ``count`` over the number of sentences. ``TooLargeError`` (naming
    ``where``) if the article has more sentences than a sumy ranker's limit."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    if count <= 0 or not document.sentences:
        return []
    check_length(document, algorithm, where)
    # Boilerplate (credits, promos, sign-offs...) ranks after every sentence of the story: rank
    # enough sentences to have ``count`` of the story's first.
    excluded = _boilerplate(document)
    wanted = min(len(document.sentences), count + len(excluded))
    if algorithm == "news":
        ranked = _news(document, wanted, share, frozenset(excluded))
    else:
        ratings = (
            _lead_ratings(document) if algorithm == "lead" else _sumy_ratings(document, algorithm)
        )
        order = sorted(range(len(ratings)), key=lambda index: (-ratings[index], index))[:wanted]
        ranked = [
            Selection(document.sentences[i], ratings[i], {algorithm: ratings[i]}, position)
            for position, i in enumerate(order, 1)
        ]
    if not excluded:
        return ranked
    story = [s for s in ranked if s.sentence.index not in excluded]
    demoted = story + [s for s in ranked if s.sentence.index in excluded]
    return [replace(s, rank=position) for position, s in enumerate(demoted[:count], 1)]


def _story_only(document: Document, ranked: list[Selection]) -> list[Selection]:
    """``ranked`` without boilerplate: ``rank`` puts it last, a summary never holds it."""
    excluded = _boilerplate(document)
    return [selection for selection in ranked if selection.sentence.index not in excluded]


def _boilerplate(document: Document) -> set[int]:
    """The sentences that are never key sentences: the Document's boilerplate, unless the text
    has nothing else (then it is briefed from what it has)."""
    excluded = document.boilerplate_sentences()
    return excluded if len(excluded) < len(document.sentences) else set()


def check_length(document: Document, algorithm: str, where: str = "article") -> None:
    """Raise ``TooLargeError`` if ``algorithm`` has a sentence limit and the article exceeds it."""
    limit = SENTENCE_LIMITS.get(algorithm)
    available = len(document.sentences)
    if limit is not None and available > limit:
        raise TooLargeError(
            where,
            f"the article has {available:,} sentences and {algorithm} ranks at most {limit:,} "
            f"(its time grows faster than the article); the default ranker, {DEFAULT_ALGORITHM}, "
            "briefs articles of any length",
        )


def _news(
    document: Document, count: int, share: float | None, skip: frozenset[int]
) -> list[Selection]:
    from .ranker import rank as news_rank

    return [
        Selection(document.sentences[pick.index], pick.score, pick.components, position)
        for position, pick in enumerate(news_rank(document, count, share, skip), 1)
    ]


def _within_budget(ranked: list[Selection], budget: int) -> list[Selection]:
    """The longest opening run of ``ranked`` that fits in ``budget`` words, or the first choice
    alone when even it is longer.

    Stopping at the first choice that does not fit, rather than skipping it for shorter, lower-ranked
    sentences, is what makes the budget monotonic: the run only grows with the budget, so a larger
    budget keeps every sentence a smaller one chose, and a long lede is never traded for a later
    sentence that happens to be short."""
    chosen: list[Selection] = []
    used = 0
    for selection in ranked:
        used += len(words(selection.sentence.text))
        if used > budget:
            return chosen or [selection]
        chosen.append(selection)
    return chosen


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
        from ..document.sentences import sentence_spans

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
        # LexRank divides by a zero norm on one- or two-sentence articles and LSA warns when an
        # article has fewer words than sentences; the ratings are still usable (NaN becomes 0 below),
        # and users should not see library warnings.
        warnings.simplefilter("ignore")
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
