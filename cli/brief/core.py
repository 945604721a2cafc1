"""The pipeline from text to Brief, importable without the CLI.

``brief_source`` briefs an article already read (the commands, batch and the Python API in ``api``
all call it). It runs the steps in one direction: document structure, then the summary, the
entities and the dates (each from the Document), then the Brief record. Nothing here prints or
knows about terminals. ``Options`` checks every value it is given, raising ``OptionError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import islice
from typing import cast

from . import document as documents
from . import summary
from .briefing import (
    Algorithm,
    Brief,
    DateMention,
    Entity,
    KeySentence,
    QuotedLines,
    QuotedSentences,
    SourceInfo,
)
from .dates import EARLIEST_DATE, LATEST_DATE, plausible_date
from .document.boilerplate import NOT_STORY_NAMES, paragraph_kind
from .document.tokens import words
from .errors import EmptyInputError, OptionError
from .loading import load_once
from .options import Options
from .reading import Source, source_from_text, where_of


def parse_date(value: date | str | None, where: str = "--date") -> date | None:
    """A ``date`` from a date or an ISO ``YYYY-MM-DD`` string; ``OptionError`` if it is neither, or
    is not a ``plausible_date``."""
    if value is None:
        return None
    if isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise OptionError(where, f"not a date in YYYY-MM-DD form: {value!r}") from None
    else:
        raise OptionError(where, f"not a date in YYYY-MM-DD form: {value!r}")
    if not plausible_date(parsed):
        raise OptionError(where, f"must be between {EARLIEST_DATE} and {LATEST_DATE}, not {parsed}")
    return parsed


def brief_source(source: Source, options: Options) -> Brief:
    """Brief an article already read and decoded; ``EmptyInputError`` if it has no sentence. The
    Brief carries everything its views need, so the Document it was made from is dropped here."""
    document = documents.parse(source.text)
    if not document.sentences:
        raise EmptyInputError(where_of(source.path), "no sentences found to brief")
    published, published_source = _publication_date(source, document, options)
    algorithm = options.algorithm or summary.DEFAULT_ALGORITHM
    count = summary.sentence_count(document, options.sentences, options.ratio)
    chosen = summary.summarize(
        document, count, algorithm, words_budget=options.words, where=where_of(source.path)
    )
    entities = find_entities(document) if options.entities else []
    dates = find_dates(document, published) if options.dates else []
    # Body sentences only: headlines are telegraphic ("Yeading face Newcastle in FA Cup").
    language = judge_language(sentence.text for sentence in document.sentences)
    ranking = None
    if options.explain == "all":
        share = max(1, len(chosen)) / len(document.sentences)
        ranking = summary.rank(document, algorithm, len(document.sentences), share=share)
    page = source.page
    return Brief(
        source=SourceInfo(
            source.path,
            source.sha256,
            len(source.text),
            len(words(source.text)),
            source.encoding,
            source.format,
            source.url,
        ),
        title=(page and page.title) or (document.title.text if document.title else None),
        dek=document.dek.text if document.dek else None,
        byline=document.byline.text if document.byline else None,
        published=published,
        published_source=published_source,
        publisher=(page and page.site_name) or document.publisher,
        dateline=document.dateline,
        sentence_count=len(document.sentences),
        algorithm=cast(Algorithm, algorithm),
        summary=[_key_sentence(c, options.explain is not None) for c in chosen],
        entities=entities,
        dates=dates,
        ranking=[_key_sentence(c, True) for c in ranking] if ranking is not None else None,
        text=source.text if options.include_text or source.format == "html" else None,
        language=language,
        warnings=[*source.warnings, *([NOT_ENGLISH_WARNING] if language == UNDETERMINED else [])],
        quoted_sentences=_quoted_sentences(document, dates),
        quoted_lines=_quoted_lines(document.text, dates),
    )


# -- language -------------------------------------------------------------------------------------

ENGLISH = "en"
UNDETERMINED = "und"  # BCP 47 for "not determined": brief only knows that the text is not English
NOT_ENGLISH_WARNING = (
    "the text does not look like English; brief's models are English-only, so this brief may be"
    " unreliable"
)
# Measured by benchmarks/language.py over the body sentences: English articles (5,556 of BBC,
# CNN/DailyMail, TimeBank, AQUAINT and the samples) have shares of 0.136 (a list of golf tee
# times) to 0.58, median 0.45; French, Spanish, German, Italian, Portuguese, Dutch, Russian and
# Chinese news 0.00 to 0.08. The threshold sits between, with margin on both sides.
ENGLISH_MIN_STOPWORD_SHARE = 0.11
# From 40 words on, no English opening scores below 0.15 and no foreign one above 0.075; below 30,
# one sentence can be all names and numbers, so the share is too noisy to judge.
MIN_WORDS_TO_JUDGE = 40
# The opening of an article says what language it is in; a bounded sample keeps the cost bounded.
SAMPLE_WORDS = 5_000
# Letters only, so that figures and tables do not dilute the share; in scripts written without
# spaces (Chinese, Japanese) each character counts as a word.
_WORD_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\d_]+(?:['’][^\W\d_]+)*")


def stopword_share(pieces: Iterable[str]) -> tuple[float, int]:
    """The share of English stop words among the first ``SAMPLE_WORDS`` words of ``pieces`` (the
    sentences of a text, say), and how many words that share was taken over."""
    from .summary.ranker import _stop_words  # the list the ranker already loads

    stop = _stop_words()
    found = (m.group().lower() for piece in pieces for m in _WORD_RE.finditer(piece))
    sample = list(islice(found, SAMPLE_WORDS))
    if not sample:
        return 0.0, 0
    return sum(word in stop for word in sample) / len(sample), len(sample)


def judge_language(pieces: Iterable[str]) -> str | None:
    """``"en"`` when the text of ``pieces`` reads as English, ``"und"`` when it does not, None when
    it has too few words to tell. Every model brief ships was trained on English news; the reader of
    a French brief should know that its entities and key sentences are guesses."""
    share, count = stopword_share(pieces)
    if count < MIN_WORDS_TO_JUDGE:
        return None
    return ENGLISH if share >= ENGLISH_MIN_STOPWORD_SHARE else UNDETERMINED


def find_entities(document: documents.Document) -> list[Entity]:
    """Entities of the title, dek, dateline, headings and body sentences (``brief.entities``)."""
    from .entities import extract_entities

    # Credits, bios, follow-us lines and sign-offs name the newsroom's staff, not the story's people.
    headings = [h for h in document.headings if paragraph_kind(h.text) not in NOT_STORY_NAMES]
    lines = [document.title, document.dek, document.dateline, *headings]
    spans = [(line.start, line.end, None) for line in lines if line is not None]
    skipped = document.boilerplate_sentences(NOT_STORY_NAMES)
    spans += [(s.start, s.end, s.index) for s in document.sentences if s.index not in skipped]
    # A dateline says where the story was filed: its place counts when the story names it too.
    dateline = (document.dateline.start, document.dateline.end) if document.dateline else None
    return extract_entities(document.text, spans, dateline)


def find_dates(document: documents.Document, published: date | None) -> list[DateMention]:
    """Date expressions of the body, resolved against ``published`` (``brief.dates``)."""
    from .dates import extract_dates
    from .dates.ranges import describe

    mentions = extract_dates(
        document.text, published, [(s.start, s.end) for s in document.sentences]
    )
    # The metadata line and date stamps state the publication date itself; not events of the story.
    labels = [*([document.metadata] if document.metadata else []), *document.stamps]
    kept = [m for m in mentions if not any(x.start <= m.start and m.end <= x.end for x in labels)]
    return describe(document.text, kept)


@load_once
def warm_up() -> None:
    """Load every model (punkt, the entity tagger, the date rules, the ranker weights) and the code
    that runs them, once per process, so that worker processes pay for it before the first article
    rather than during it. Each model loads through its own ``load_once`` loader; briefing a short
    article reaches all of them."""
    warm = "Warm up\n\nMOSCOW (Reuters) - Sergei Lavrov met NATO officials on Tuesday. They talked."
    brief_source(source_from_text(warm), Options())


def _quoted_sentences(document: documents.Document, dates: list[DateMention]) -> QuotedSentences:
    """Start and text of each sentence a date sits in: what the timelines of the human views quote.
    Only those sentences, so a long article's brief does not hold its whole text twice over."""
    found = {m.sentence_index for m in dates if m.sentence_index is not None}
    return {i: (document.sentences[i].start, document.sentences[i].text) for i in sorted(found)}


QUOTED_LINE_CHARS = 300  # of a line quoted around a date outside any sentence, either side


def _quoted_lines(text: str, dates: list[DateMention]) -> QuotedLines:
    """Start and text of the line around each date that sits in no sentence (a headline, a heading,
    a "Read more" link), keyed by the date's start offset: the human timelines quote it so that a
    reader sees where the date comes from. At most ``QUOTED_LINE_CHARS`` either side of the date."""
    lines = {}
    for mention in dates:
        if mention.sentence_index is None:
            # Searches bounded to the quote's reach: a long text with no line break stays linear.
            reach = max(0, mention.start - QUOTED_LINE_CHARS)
            start = max(text.rfind("\n", reach, mention.start) + 1, reach)
            limit = min(len(text), mention.end + QUOTED_LINE_CHARS)
            end = text.find("\n", mention.end, limit)
            end = limit if end < 0 else end
            line = text[start:end]
            lines[mention.start] = (start + len(line) - len(line.lstrip()), line.strip())
    return lines


def _key_sentence(selection: summary.Selection, explain: bool) -> KeySentence:
    """The record of a sentence the summary step chose (see ``briefing`` for the chain)."""
    sentence = selection.sentence
    return KeySentence(
        sentence.text,
        sentence.start,
        sentence.end,
        sentence.index,
        selection.score,
        selection.rank,
        selection.components if explain else None,
    )


def _publication_date(source: Source, document: documents.Document, options: Options):
    """``--date`` wins, then the date a web page states in its markup, then the date the text
    carries; never today."""
    if options.published is not None:
        return options.published, "option"
    if source.page is not None and plausible_date(source.page.published):
        return source.page.published, source.page.published_source
    return document.published, document.published_source
