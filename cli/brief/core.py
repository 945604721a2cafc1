"""The pipeline from text to Brief, importable without the CLI.

``analyze`` is the Python API; ``brief_source`` is what the commands call for a file already read.
Both run the same steps in one direction: document structure, then the summary, the entities and the
dates (each from the Document), then the Brief record. Nothing here prints or knows about terminals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from . import document as documents
from . import summary
from .briefing import Brief, DatelineInfo, KeySentence, SourceInfo
from .errors import EmptyInputError, UsageError
from .reading import Source, source_from_text, where_of
from .tokens import words


@dataclass(frozen=True, slots=True)
class Options:
    """How to brief: the analysis choices shared by every command."""

    sentences: int | None = None
    ratio: float | None = None
    algorithm: str | None = None
    published: date | None = None
    words: int | None = None  # a word budget for the summary, instead of a sentence count
    explain: str | None = None  # None, "selected" (components of chosen sentences) or "all"
    entities: bool = True  # find people, organizations and places
    dates: bool = True  # find and resolve date expressions
    include_text: bool = False  # carry the article text in the brief (always done for web pages)

    def __post_init__(self) -> None:
        # One place for the limits, so the Python API, summarize and batch refuse the same values.
        _check_options(self)


# Publication dates outside this range are typing mistakes, and date arithmetic near the ends of
# Python's calendar (years 1 and 9999) would overflow.
EARLIEST_DATE = date(1000, 1, 1)
LATEST_DATE = date(8999, 12, 31)
EXPLAIN_MODES = ("selected", "all")


def _check_options(options: Options) -> None:
    """Raise ``UsageError`` for a value no brief can be made with."""
    from .summary import ALGORITHMS

    def integer(name: str, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(name, f"must be a whole number of at least 1, not {value!r}")

    integer("sentences", options.sentences)
    integer("words", options.words)
    ratio = options.ratio
    if ratio is not None and (
        isinstance(ratio, bool)
        or not isinstance(ratio, int | float)
        or not math.isfinite(ratio)
        or not 0 < ratio <= 1
    ):
        raise UsageError("ratio", f"must be a share above 0 and at most 1, not {ratio!r}")
    if options.algorithm is not None and options.algorithm not in ALGORITHMS:
        raise UsageError(
            "algorithm", f"unknown ranker {options.algorithm!r}; one of {', '.join(ALGORITHMS)}"
        )
    if options.explain is not None and options.explain not in EXPLAIN_MODES:
        raise UsageError("explain", f"must be 'selected' or 'all', not {options.explain!r}")
    when = options.published
    if when is not None and (
        not isinstance(when, date) or not EARLIEST_DATE <= _as_date(when) <= LATEST_DATE
    ):
        raise UsageError(
            "date", f"must be a date between {EARLIEST_DATE} and {LATEST_DATE}, not {when}"
        )


def _as_date(value: date) -> date:
    # A datetime is a date too; compare its calendar day only.
    return date(value.year, value.month, value.day)


def parse_date(value: date | str | None, where: str = "--date") -> date | None:
    """A ``date`` from a date or an ISO ``YYYY-MM-DD`` string; ``UsageError`` if it is neither."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise UsageError(where, f"not a date in YYYY-MM-DD form: {value!r}")
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(where, f"not a date in YYYY-MM-DD form: {value!r}") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise UsageError(where, f"must be between {EARLIEST_DATE} and {LATEST_DATE}, not {parsed}")
    return parsed


def analyze(
    text: str,
    *,
    published: date | str | None = None,
    sentences: int | None = None,
    algorithm: str | None = None,
    ratio: float | None = None,
    words: int | None = None,
    explain: str | None = None,
    entities: bool = True,
    dates: bool = True,
    include_text: bool = False,
) -> Brief:
    """Brief an article given as text (plain, or a web page's HTML). ``published`` overrides the
    date the text carries; ``sentences=None`` picks a length suited to the article (3 for most news
    stories)."""
    source = source_from_text(text)
    when = parse_date(published, "published")
    options = Options(
        sentences, ratio, algorithm, when, words, explain, entities, dates, include_text
    )
    return brief_source(source, options)


def brief_source(source: Source, options: Options) -> Brief:
    """Brief an article already read and decoded; ``EmptyInputError`` if it has no sentence."""
    return brief_and_document(source, options)[0]


def brief_and_document(source: Source, options: Options) -> tuple[Brief, documents.Document]:
    """The Brief and the Document it was made from (views that quote sentences need both)."""
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
    ranking = None
    if options.explain == "all":
        share = max(1, len(chosen)) / len(document.sentences)
        ranking = summary.rank(document, algorithm, len(document.sentences), share=share)
    page = source.page
    brief = Brief(
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
        dateline=_dateline_info(document),
        sentence_count=len(document.sentences),
        algorithm=algorithm,
        summary=[_key_sentence(c, options.explain is not None) for c in chosen],
        entities=entities,
        dates=dates,
        ranking=[_key_sentence(c, True) for c in ranking] if ranking is not None else None,
        text=source.text if options.include_text or source.format == "html" else None,
        warnings=list(source.warnings),
    )
    return brief, document


def find_entities(document: documents.Document) -> list:
    """Entities of the title, dek, dateline, headings and body sentences (``brief.entities``)."""
    from .entities import extract_entities

    lines = [document.title, document.dek, document.dateline, *document.headings]
    spans = [(line.start, line.end, None) for line in lines if line is not None]
    spans += [(s.start, s.end, s.index) for s in document.sentences]
    return extract_entities(document.text, spans)


def find_dates(document: documents.Document, published: date | None) -> list:
    """Date expressions of the body, resolved against ``published`` (``brief.dates``)."""
    from .dates import extract_dates

    mentions = extract_dates(
        document.text, published, [(s.start, s.end) for s in document.sentences]
    )
    # The metadata line states the publication date itself; it is not an event of the story.
    meta = document.metadata
    if meta is None:
        return mentions
    return [m for m in mentions if not (meta.start <= m.start and m.end <= meta.end)]


def warm_up() -> None:
    """Load every model once (punkt, the entity tagger, the date rules, the ranker weights), so that
    worker processes pay for it before the first article rather than during it."""
    analyze(
        "Warm up\n\nMOSCOW (Reuters) - Sergei Lavrov met NATO officials on Tuesday. They talked."
    )


def _key_sentence(selection: summary.Selection, explain: bool) -> KeySentence:
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
    if source.page is not None and source.page.published is not None:
        return source.page.published, source.page.published_source
    return document.published, document.published_source


def _dateline_info(document: documents.Document) -> DatelineInfo | None:
    line = document.dateline
    if line is None:
        return None
    return DatelineInfo(line.text, line.start, line.end, line.place, line.date_text, line.agency)
