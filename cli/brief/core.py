"""The pipeline from text to Brief, importable without the CLI.

``analyze`` is the Python API; ``brief_source`` is what the commands call for a file already read.
Both run the same steps in one direction: document structure, then the summary, the entities and the
dates (each from the Document), then the Brief record. Nothing here prints or knows about terminals.

``analyze`` keeps the CLI's promises to Python callers: a text that is not ``str`` is a
``TypeError``; every bad value or bad text (empty, too large, unpaired surrogates, no sentence) is a
``BriefError`` subclass with a one-line message, never another exception from deep inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import islice

from . import document as documents
from . import summary
from .briefing import Brief, DatelineInfo, KeySentence, SourceInfo
from .dates import EARLIEST_DATE, LATEST_DATE, plausible_date
from .document.tokens import words
from .errors import EmptyInputError, InputError, UsageError
from .options import Options
from .reading import DEFAULT_MAX_BYTES, MAX_MAX_BYTES, STDIN, Source, source_from_text, where_of

# How errors about the text given to ``analyze`` name it (the CLI names a file, a URL or <stdin>).
TEXT_WHERE = "<text>"


def parse_date(value: date | str | None, where: str = "--date") -> date | None:
    """A ``date`` from a date or an ISO ``YYYY-MM-DD`` string; ``UsageError`` if it is neither, or
    is not a ``plausible_date``."""
    if value is None:
        return None
    if isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise UsageError(where, f"not a date in YYYY-MM-DD form: {value!r}") from None
    else:
        raise UsageError(where, f"not a date in YYYY-MM-DD form: {value!r}")
    if not plausible_date(parsed):
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
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Brief:
    """Brief an article given as text (plain, or a web page's HTML). ``published`` overrides the
    date the text carries; ``sentences=None`` picks a length suited to the article (3 for most news
    stories). Text larger than ``max_bytes`` in UTF-8 is refused, as the CLI's ``--max-bytes``
    refuses files: memory and time grow with the article.

    Raises ``TypeError`` when ``text`` is not a ``str``, ``UsageError`` for a bad option value, and
    ``InputError`` or ``EmptyInputError`` for a text that cannot be briefed."""
    _check_text(text, _checked_max_bytes(max_bytes))
    when = parse_date(published, "published")
    options = Options(
        sentences=sentences,
        ratio=ratio,
        algorithm=algorithm,
        published=when,
        words=words,
        explain=explain,
        entities=entities,
        dates=dates,
        include_text=include_text,
    )
    try:
        return brief_source(source_from_text(text), options)
    except (InputError, EmptyInputError) as error:
        if error.where != where_of(STDIN):
            raise
        # The reading and parsing steps name text without a path as standard input.
        raise type(error)(TEXT_WHERE, error.message) from None


def _checked_max_bytes(max_bytes: object) -> int:
    if (
        not isinstance(max_bytes, int)
        or isinstance(max_bytes, bool)
        or not 1 <= max_bytes <= MAX_MAX_BYTES
    ):
        raise UsageError(
            "max_bytes", f"must be a whole number from 1 to {MAX_MAX_BYTES:,}, not {max_bytes!r}"
        )
    return max_bytes


def _check_text(text: object, max_bytes: int) -> None:
    """``TypeError`` for a text that is not ``str``; ``InputError`` for one too large, or holding
    unpaired surrogates (from ``surrogateescape`` decoding or broken JSON), which no encoding can
    write and which the entity tagger's C code cannot take."""
    if not isinstance(text, str):
        hint = "; decode the bytes first" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(
            f"brief.analyze() takes the article as str, not {type(text).__name__}{hint}"
        )
    too_large = InputError(TEXT_WHERE, f"larger than max_bytes ({max_bytes:,} bytes of UTF-8)")
    if len(text) > max_bytes:  # every character takes at least one byte
        raise too_large
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise InputError(
            TEXT_WHERE,
            f"the text holds unpaired surrogate code points (the first at character {error.start}),"
            " which are not Unicode text; decode its bytes with errors='replace'",
        ) from None
    if size > max_bytes:
        raise too_large


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
    # Body sentences only: headlines are telegraphic ("Yeading face Newcastle in FA Cup").
    language = judge_language(sentence.text for sentence in document.sentences)
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
        language=language,
        warnings=[*source.warnings, *([NOT_ENGLISH_WARNING] if language == UNDETERMINED else [])],
    )
    return brief, document


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
    if source.page is not None and plausible_date(source.page.published):
        return source.page.published, source.page.published_source
    return document.published, document.published_source


def _dateline_info(document: documents.Document) -> DatelineInfo | None:
    line = document.dateline
    if line is None:
        return None
    return DatelineInfo(line.text, line.start, line.end, line.place, line.date_text, line.agency)
