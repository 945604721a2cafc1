"""The Brief: everything brief found in one article, and the one home of its JSON contract.

``Brief.to_dict()`` is the contract that ``docs/brief.schema.json`` documents and that tools downstream
(``jq``, databases, the batch command) consume: snake_case keys, offsets into the decoded input, keys
only ever added, never renamed. Every record's ``to_dict`` is here and nothing else decides what the
JSON says; the stages produce these records (the document step its ``Dateline``, entities ``Entity``
and ``Mention``, dates ``DateMention``) and ``core`` assembles the ``Brief``. A Brief carries all a
view needs, the sentences its timeline quotes included, so ``render`` takes nothing else.

The key sentences travel ``summary.ranker.Pick`` (the trained ranker's pick: a sentence index) ->
``summary.Selection`` (any algorithm's choice: the document's ``Sentence``) -> ``KeySentence`` here
(offsets and text, components only when explained).

This module imports nothing of brief's: it is the bottom of the house.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

# The words the JSON uses for closed sets of values (``docs/brief.schema.json`` lists them too).
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
DateAnchor = Literal["published", "mention", "none"]  # what a relative date was resolved against
SourceFormat = Literal["text", "html"]
Algorithm = Literal[
    "news",
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "sum-basic",
    "kl",
    "reduction",
]

# 1.1 added source.format, source.url and text; 1.2 language, warnings; 1.3 dates[].label, .range
SCHEMA_VERSION = "1.3"
WORDS_PER_MINUTE = 230  # a common figure for adults reading news prose on screen


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where the text came from and what it is: path (or "-" for stdin, or the URL given), hash and
    size of the input's bytes, size of the text briefed, and whether that text came from a web page."""

    path: str
    sha256: str
    chars: int
    words: int
    encoding: str = "utf-8"
    format: SourceFormat = (
        "text"  # "text", or "html" when the text is the article extracted from a page
    )
    url: str | None = None  # the final URL, after redirects, of a fetched input

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "chars": self.chars,
            "words": self.words,
            "encoding": self.encoding,
            "format": self.format,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class KeySentence:
    """A ranked sentence: ``text == input[start:end]``; ``score`` is the ranker's own scale, and
    ``components`` (with --explain) the parts the score is made of."""

    text: str
    start: int
    end: int
    sentence_index: int
    score: float
    rank: int
    components: dict[str, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence_index": self.sentence_index,
            "score": round(self.score, 6),
            "rank": self.rank,
        }
        if self.components is not None:
            data["components"] = {name: round(value, 6) for name, value in self.components.items()}
        return data


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place, date and agency opening a wire story ("MOSCOW, Oct 19 (Reuters) -"); ``text`` is
    the whole prefix. The document step finds it; ``published`` is the date it states, read by the
    pipeline to date the article and not part of the JSON (``date_text`` is)."""

    text: str
    start: int
    end: int
    place: str | None
    date_text: str | None
    agency: str | None
    published: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "date_text": self.date_text,
            "agency": self.agency,
        }


@dataclass(slots=True)  # slots, not frozen: a long article has hundreds of thousands of mentions
class Mention:
    """One occurrence of a name: ``text == source[start:end]``; ``sentence_index`` is None in a
    title, dek, dateline or heading."""

    start: int
    end: int
    text: str
    sentence_index: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence_index": self.sentence_index,
        }


@dataclass(slots=True)
class Entity:
    """A person, organization, place or other name, with every mention of it in the article:
    ``name`` its fullest form, ``aliases`` every spelling used (the name's first)."""

    name: str
    label: EntityLabel
    count: int
    aliases: list[str]
    mentions: list[Mention]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class DateRange:
    """Dates the text joins into one ("3-7 March", "Nov. 9 and 10", "from 2001 to 2004"):
    ``text == source[start:end]``; ``first`` and ``last`` the TIMEX3 values of its ends; ``kind``
    "range" for a stretch of time, "pair" for two days said together; ``label`` for people."""

    text: str
    start: int
    end: int
    first: str
    last: str
    kind: Literal["range", "pair"]
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "first": self.first,
            "last": self.last,
            "kind": self.kind,
            "label": self.label,
        }


@dataclass(slots=True)
class DateMention:
    """One temporal expression: ``text == source[start:end]``, its TIMEX3 reading, the reading
    written for people (``label``: "Tue 19 Oct 2021", "for 20 years") and the range the text makes
    of it with a date beside it, if any."""

    text: str
    start: int
    end: int
    type: DateType
    value: str  # TIMEX3 value: 2021-10-19, 2021-W42, P3D, PRESENT_REF, XXXX-10-19, ...
    # day, week, weekend, month, season, quarter, half, year, decade, century (DATE);
    # time (TIME); duration; set; ref (PRESENT_REF, PAST_REF, FUTURE_REF)
    precision: str
    relative: bool  # resolved against something (the published date or another mention)
    anchor: DateAnchor
    sentence_index: int | None
    label: str = ""  # set by ``dates.ranges.describe``, as the pipeline does for every mention
    range: DateRange | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "precision": self.precision,
            "relative": self.relative,
            "anchor": self.anchor,
            "sentence_index": self.sentence_index,
            "label": self.label,
            "range": self.range.to_dict() if self.range else None,
        }


# sentence_index -> (start offset, text) of a sentence a date mention sits in: the timeline of the
# human views quotes it. The JSON gives each mention's sentence index and offsets, not the sentence.
QuotedSentences = Mapping[int, tuple[int, str]]
# start offset of a date mention in no sentence (a headline, a link line) -> (start offset, text) of
# the line around it, which the human timelines quote instead.
QuotedLines = Mapping[int, tuple[int, str]]


@dataclass(frozen=True, slots=True)
class Brief:
    """A brief of one article: what ``to_dict`` writes, plus ``quoted_sentences`` for the views."""

    source: SourceInfo
    title: str | None
    dek: str | None
    byline: str | None
    published: date | None
    published_source: str | None
    publisher: str | None
    dateline: Dateline | None
    sentence_count: int
    algorithm: Algorithm
    summary: list[KeySentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    ranking: list[KeySentence] | None = None  # every sentence, best first (--explain all)
    # The text every offset indexes, when it is not the input file itself (a web page's article)
    # or when asked for (--include-text).
    text: str | None = None
    # The article's language as far as brief can tell ("en", or "und" when it is not English), and
    # one-line notices a reader should see beside the brief (a repaired encoding, a foreign text).
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    # The sentences that ``dates`` sit in, for the timeline of the human views; not in the JSON.
    quoted_sentences: QuotedSentences = field(default_factory=dict, repr=False)
    # The lines around dates that sit in no sentence, for the same timeline; not in the JSON.
    quoted_lines: QuotedLines = field(default_factory=dict, repr=False)

    @property
    def reading_time_minutes(self) -> int:
        """Minutes to read the whole article, rounded up; at least one."""
        return max(1, -(-self.source.words // WORDS_PER_MINUTE))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "title": self.title,
            "dek": self.dek,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "publisher": self.publisher,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "reading_time_minutes": self.reading_time_minutes,
            "sentence_count": self.sentence_count,
            "algorithm": self.algorithm,
            "summary": [sentence.to_dict() for sentence in self.summary],
            "entities": [entity.to_dict() for entity in self.entities],
            "dates": [mention.to_dict() for mention in self.dates],
            "language": self.language,
            "warnings": list(self.warnings),
        } | self._optional()

    def _optional(self) -> dict[str, Any]:
        """Keys present only when they carry something: --explain all's ranking, and the text."""
        extra: dict[str, Any] = {}
        if self.ranking is not None:
            extra["ranking"] = [s.to_dict() for s in self.ranking]
        if self.text is not None:
            extra["text"] = self.text
        return extra
