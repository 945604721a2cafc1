"""Turn an article's text into a Document: its metadata, title, dek, headings, paragraphs and sentences.

News files come in a loose but recognisable shape: perhaps a metadata line (``date 2021-10-19
Reuters/File``), a headline, a dek or standfirst, a byline, a dateline opening the first paragraph
(``MOSCOW (Reuters) -``), paragraphs separated by blank lines and short subheadings between them. This
module recognises that shape so that only body sentences reach the summary, and so that the article's
own publication date and publisher are known. Every element keeps character offsets into the text as
read, so ``text[start:end]`` is always the element; nothing here rewrites the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from ..briefing import Dateline
from ..dates import plausible_date
from . import boilerplate as boilerplate_rules
from .boilerplate import Boilerplate
from .sentences import sentence_spans

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FINAL_PUNCTUATION = re.compile(r"""[.!?:;,…]["'”’)\]]*$""")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+")
# "By Jane Doe and John Roe", optionally with a role: "By Jane Doe, transport correspondent".
_BYLINE = re.compile(
    r"(?i:by)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w.'’-]*,?){0,7}"
    r"(?:,[ \t]+(?:[\w'’-]+[ \t]+){0,4}(?i:correspondent|editor|reporter|writer|columnist"
    r"|contributor|staff|producer|critic|analyst|chief)s?)?$"
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
    for name in [names]
}
# A clock time with an optional zone: "6:40 PM ET", "18.40 GMT", "08:15:00Z", "9am (UTC+1)".
_MERIDIEM = r"[ \t]*[AaPp]\.?[Mm]\.?(?![A-Za-z])"
_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2}){1,2}(?!\d)(?:" + _MERIDIEM + r")?|\d{1,2}" + _MERIDIEM + r")"
_ZONE = r"(?:\(?(?:[A-Z]{1,4}T|UTC|Z|MSK)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?|[+-]\d{2}:?\d{2})(?![\w])"
_TIME = r"(?:" + _CLOCK + r"(?:[ \t]*" + _ZONE + r")?)"
# Metadata lines: "date 2021-10-19 Reuters/File", "Date: 2021-10-19", "Published: 19 October 2021".
# The credit after the date is a few words and no sentence: a longer tail is text, and a line that
# only opens with a date stamp is a paragraph (see _STAMP), never metadata.
_METADATA = re.compile(
    r"[ \t]*(?i:date|published|updated|posted|dateline)[ \t]*[:=]?[ \t]*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[ \t]+"
    + _MONTH
    + r"[ \t]+\d{4}|"
    + _MONTH
    + r"[ \t]+\d{1,2},?[ \t]+\d{4})"
    r"(?:(?:T|[ \t]+)" + _TIME + r")?"
    r"(?:[ \t]+(?P<publisher>\S+(?:[ \t]+\S+){0,4}?(?<![.!?])))?[ \t]*$"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:[a-z]*day)?\.?,?[ \t]+"
_STAMP_DATE = (
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?[ \t]+"
    + _MONTH
    + r",?[ \t]+\d{4}|"
    + _MONTH
    + r"[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4})(?!\d)"
)
# A date stamp: "Updated Jul 7, 2012 6:40 PM ET", "Last modified on Tue 3 Mar 2016 10.00 GMT",
# "Original story (Published March 3, 2016):". A stamp word, then a date that _parse_date reads,
# then perhaps a time and zone; a time may also come first ("Updated 18:40 GMT, 7 July 2012").
_STAMP = re.compile(
    r"(?P<lead>(?i:original|earlier|previous|first)[ \t]+(?i:story|article|version|post|report)"
    r"[ \t]*[:–—-]?[ \t]*)?"
    r"[(\[]?[ \t]*"
    r"(?P<word>(?i:(?:first|originally|last|latest)[ \t]+)?(?i:published|updated|modified|posted"
    r"|revised|update))(?![A-Za-z])"
    r"(?:[ \t]+(?i:on|at))?[ \t]*[:=|–—-]?[ \t]*"
    r"(?:" + _TIME + r"[ \t]*,?[ \t]*(?i:on[ \t]+)?)?"
    r"(?:"
    + _WEEKDAY
    + r")?"
    + _STAMP_DATE
    + r"(?:(?:T|[ \t]*(?:,|(?i:at)|@|[-–—|·])?[ \t]*)"
    + _TIME
    + r")?"
    r"[ \t]*[)\]]?[ \t]*(?:--|[:|·•,;.–—-])?[ \t]*"
)
# Stamp words that date the first version of a story, rather than a later change to it.
_FIRST_VERSION_WORDS = ("published", "posted")


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date stamp in the text, kept out of every sentence: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    published: date
    first_version: bool


_SOURCE_LINE = re.compile(r"[ \t]*(?i:source|publisher)[ \t]*:[ \t]*(?P<publisher>\S.*?)[ \t]*$")
_DATELINE_DATE = (
    r"(?P<date>"
    + _MONTH
    + r"[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?|\d{1,2}[ \t]+"
    + _MONTH
    + r"(?:[ \t]+\d{4})?)"
)
# "(Reuters)", "( CNN )", "/PRNewswire/": spaces inside the brackets are layout, not the name.
_AGENCY = (
    r"(?:\([ \t]*(?P<agency>[A-Za-z][\w.&'-]*(?:[ \t]+[\w.&'-]+){0,3})[ \t]*\)"
    r"|/(?P<wire>[A-Za-z][\w .&'-]{0,30})/)"
)
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,3}(?:,[ \t][A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?"
_PLACE_MIXED = r"[A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+){0,3}(?:,[ \t][A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+){0,2})?"
_SEPARATOR = r"(?:--|[-–—:])"
# "LONDON, Oct 19 (Reuters) -", "MOSCOW:", "SAN FRANCISCO, Oct. 19, 2021 /PRNewswire/ --"
_DATELINE_CAPS = re.compile(
    r"(?P<place>" + _PLACE_CAPS + r")(?:,?[ \t]+" + _DATELINE_DATE + r")?"
    r"(?:[ \t]*" + _AGENCY + r")?[ \t]*" + _SEPARATOR + r"[ \t]*"
)
# "Marseille, France (CNN)The French prosecutor": a mixed-case place needs the agency to be sure.
_DATELINE_AGENCY = re.compile(
    r"(?P<place>"
    + _PLACE_MIXED
    + r")(?:,?[ \t]+"
    + _DATELINE_DATE
    + r")?[ \t]*"
    + _AGENCY
    + r"[ \t]*"
    + _SEPARATOR
    + r"?[ \t]*"
)
# An opening "(CNN) -- " with no place.
_DATELINE_BARE = re.compile(r"(?P<place>)(?P<date>)" + _AGENCY + r"[ \t]*" + _SEPARATOR + r"[ \t]*")
# "(CNN)When the storm..." or "(CNN) When...": no place and no separator, so the marker must look
# like a name (capitalised words) and the text after it must open a sentence.
_DATELINE_GLUED = re.compile(
    r"(?P<place>)(?P<date>)\([ \t]*(?P<agency>[A-Z][\w.&'-]*(?:[ \t]+[A-Z&][\w.&'-]*){0,2})"
    r"[ \t]*\)(?P<wire>)[ \t]*(?=[A-Z0-9\"'“‘])"
)

# All-caps labels that open a paragraph the way a dateline does but name no place.
_KICKERS = {
    "NOTE",
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "WARNING",
    "CORRECTION",
    "ANALYSIS",
    "OPINION",
    "COMMENT",
    "REVIEW",
    "WATCH",
    "LIVE",
    "EDITOR'S NOTE",
    "EDITORS NOTE",
    "FILE",
}
_MAX_HEADING_WORDS = 12
_MAX_TITLE_WORDS = 30
# Headlines and subheadings are short in characters too: a long line of unspaced text (CJK, a URL
# dump) has few "words" but is body text.
_MAX_TITLE_CHARS = 300
_MAX_DEK_WORDS = 60
_CASE_SAMPLE = 5000  # characters read to tell whether the text is cased
_PARENTHESISED = re.compile(r"[(\[][^()\[\]]+[)\]]")


@dataclass(frozen=True, slots=True)
class Line:
    """A one-line element (title, dek, heading, byline, metadata): ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A body sentence, numbered in document order across paragraphs."""

    text: str
    start: int
    end: int
    index: int
    paragraph_index: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph; its sentences are ``document.sentences[first:last]``."""

    start: int
    end: int
    index: int
    first: int
    last: int


@dataclass(slots=True)
class Document:
    """An article's structure. ``published`` is the date the text itself carries, if any."""

    text: str
    title: Line | None = None
    dek: Line | None = None
    byline: Line | None = None
    metadata: Line | None = None
    dateline: Dateline | None = None
    headings: list[Line] = field(default_factory=list)
    # Highlight lines between the dek and a dateline; also in ``headings`` so that they are read
    # for entities and never chosen as key sentences.
    highlights: list[Line] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    published: date | None = None
    published_source: str | None = None
    publisher: str | None = None
    # Text that is not story text (credits, promos, sign-offs...): never a key sentence.
    boilerplate: list[Boilerplate] = field(default_factory=list)

    def is_cased(self) -> bool:
        """Whether the text uses capitals: some corpora are lower-cased, and in them capitals and
        lowercase openings say nothing about names or sentence starts."""
        head = self.text[:_CASE_SAMPLE]
        return head != head.lower()

    def paragraph_sentences(self, paragraph: Paragraph) -> list[Sentence]:
        return self.sentences[paragraph.first : paragraph.last]

    def boilerplate_sentences(self, kinds: frozenset[str] | None = None) -> set[int]:
        """Indices of the sentences inside boilerplate (of ``kinds``, or of any kind)."""
        spans = sorted(
            (b.start, b.end) for b in self.boilerplate if kinds is None or b.kind in kinds
        )
        if not spans:
            return set()
        starts = [start for start, _ in spans]
        # reach[i]: the furthest end of spans[:i + 1]; a sentence is inside boilerplate when a span
        # opening at or before it reaches its end (linear in sentences, however many spans).
        reach = list(accumulate((end for _, end in spans), max))
        found = set()
        for sentence in self.sentences:
            last = bisect_right(starts, sentence.start) - 1
            if last >= 0 and reach[last] >= sentence.end:
                found.add(sentence.index)
        return found


def parse(text: str) -> Document:
    """The Document for ``text``; never raises, even on text with no recognisable structure."""
    document = Document(text)
    blocks = _blocks(_lines(text))
    blocks = _take_header(document, blocks)
    blocks = _take_lines_before_dateline(document, blocks)
    for block in blocks:
        _add_block(document, block)
    _take_dates_and_publisher(document)
    return document


# -- lines and blocks ---------------------------------------------------------------------------


def _lines(text: str) -> list[Line]:
    """Lines without their line ends and without surrounding white space (offsets still exact)."""
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            break
        raw = match.group().rstrip("\r\n")
        stripped = raw.strip()
        start = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(stripped, start, start + len(stripped)))
    return lines


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines: what a blank line separates."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _word_count(text: str) -> int:
    return len(text.split())


# -- header: metadata, title, dek, byline --------------------------------------------------------


def _take_header(document: Document, blocks: list[list[Line]]) -> list[list[Line]]:
    """Fill in the header elements and return the blocks that remain for the body."""
    queue = [line for block in blocks for line in block]
    block_of = {id(line): number for number, block in enumerate(blocks) for line in block}
    position = 0

    while position < len(queue) and _is_metadata(queue[position]):
        _take_metadata(document, queue[position])
        position += 1
    position = _take_stamp_lines(document, queue, position)
    if position < len(queue) and _looks_like_title(queue[position]):
        document.title = _without_markdown(queue[position])
        position += 1
        position = _take_dek(document, queue, position, block_of)
        position = _take_stamp_lines(document, queue, position)
    if position < len(queue) and _BYLINE.fullmatch(queue[position].text):
        document.byline = queue[position]
        position += 1
        position = _take_stamp_lines(document, queue, position)

    taken = {id(line) for line in queue[:position]}
    remaining = [[line for line in block if id(line) not in taken] for block in blocks]
    return [block for block in remaining if block]


def _is_metadata(line: Line) -> bool:
    return bool(_METADATA.fullmatch(line.text) or _SOURCE_LINE.fullmatch(line.text))


def _take_metadata(document: Document, line: Line) -> None:
    document.metadata = document.metadata or line
    match = _METADATA.fullmatch(line.text) or _SOURCE_LINE.fullmatch(line.text)
    publisher = match.group("publisher")
    if publisher and not document.publisher:
        # "Reuters/File" is a wire credit: the publisher is the part before the slash.
        document.publisher = publisher.split("/")[0].strip() or None
    if "date" in match.groupdict() and match.group("date") and document.published is None:
        document.published = _parse_date(match.group("date"))
        if document.published:
            document.published_source = "metadata-line"


def _looks_like_title(line: Line) -> bool:
    if _MARKDOWN_HEADING.match(line.text):
        return True
    words = _word_count(line.text)
    if _DATELINE_CAPS.match(line.text) and words > _MAX_TITLE_WORDS // 2:
        return False
    if line.text.endswith((".", "…")) and not line.text.endswith(".."):
        return False
    return words <= _MAX_TITLE_WORDS and len(line.text) <= _MAX_TITLE_CHARS


def _take_dek(document: Document, queue: list[Line], position: int, block_of: dict) -> int:
    """A dek is the line right under the title (same block), or a lone line before a dateline."""
    if position >= len(queue) or document.title is None:
        return position
    candidate = queue[position]
    if _BYLINE.fullmatch(candidate.text) or _word_count(candidate.text) > _MAX_DEK_WORDS:
        return position
    if _stamp_line(document.text, candidate) is not None:
        return position
    title_block = block_of[id(queue[position - 1])]
    same_block = block_of[id(candidate)] == title_block
    block_size = sum(1 for line in queue if block_of[id(line)] == block_of[id(candidate)])
    following = queue[position + 1] if position + 1 < len(queue) else None
    before_dateline = (
        block_size == 1 and following is not None and _dateline_match(following.text) is not None
    )
    # "(after extra-time - score at 90 mins 1-1)" alone under a headline: a note on the story.
    note = block_size == 1 and _PARENTHESISED.fullmatch(candidate.text) is not None
    if (same_block and _dateline_match(candidate.text) is None) or before_dateline or note:
        document.dek = candidate
        return position + 1
    return position


def _without_markdown(line: Line) -> Line:
    marker = _MARKDOWN_HEADING.match(line.text)
    if not marker:
        return line
    return Line(line.text[marker.end() :], line.start + marker.end(), line.end)


# At most this many short paragraphs (dek and highlights) come before a dateline that opens the body.
_MAX_LINES_BEFORE_DATELINE = 5


def _take_lines_before_dateline(document: Document, blocks: list[list[Line]]) -> list[list[Line]]:
    """Paragraphs before the one a dateline opens are the dek and highlights, not the body.

    News pages often print a standfirst and a few highlight lines above "MOSCOW: ..."; the
    dateline is where the story begins, so the lines above it become the title (when none was
    found and the first one reads as a headline), the dek and the highlights.
    """
    if document.dateline is not None:
        return blocks
    opening = _dateline_block(blocks)
    if opening is None:
        return blocks
    lines = []
    for line in (line for block in blocks[:opening] for line in block):
        stamps = _stamp_line(document.text, line)
        if stamps is None:
            lines.append(line)
        else:
            document.stamps.extend(stamps)  # "Updated ..." above the dateline dates the story
    if not lines:
        return blocks[opening:]
    if document.title is None and lines[0] is blocks[0][0] and _looks_like_title(lines[0]):
        document.title = _without_markdown(lines.pop(0))
    if document.dek is None and lines:
        document.dek = lines.pop(0)
    document.highlights.extend(lines)
    document.headings.extend(lines)
    return blocks[opening:]


def _dateline_block(blocks: list[list[Line]]) -> int | None:
    """The index of the block a dateline opens, when only a few short blocks come before it."""
    for number, block in enumerate(blocks[: _MAX_LINES_BEFORE_DATELINE + 1]):
        first = block[0]
        match = _dateline_match(first.text)
        if match is not None:
            return number or None
        if len(block) > 2 or _word_count(" ".join(line.text for line in block)) > _MAX_DEK_WORDS:
            return None
    return None


# -- body: headings, paragraphs, sentences -------------------------------------------------------


def _add_block(document: Document, block: list[Line]) -> None:
    """Split a block into headings and paragraphs (a wrapped paragraph is one block of many lines)."""
    paragraph: list[Line] = []
    for number, line in enumerate(block):
        following = block[number + 1] if number + 1 < len(block) else None
        stamps, rest = _opening_stamps(document.text, line.start, line.end)
        if stamps and rest >= line.end:
            # A stamp on its own line is neither a heading nor part of a paragraph.
            _add_paragraph(document, paragraph)
            paragraph = []
            document.stamps.extend(stamps)
            continue
        if stamps and not paragraph:
            # A stamp opening a paragraph: the paragraph is the text after it.
            document.stamps.extend(stamps)
            line = Line(document.text[rest : line.end], rest, line.end)
        if _is_heading(line, following, alone=len(block) == 1):
            _add_paragraph(document, paragraph)
            paragraph = []
            document.headings.append(_without_markdown(line))
            continue
        if paragraph and _LIST_MARKER.match(line.text):
            _add_paragraph(document, paragraph)  # a list item starts its own paragraph
            paragraph = []
        paragraph.append(line)
        if following is not None and _SENTENCE_END.search(line.text):
            # A line ending a sentence, followed by another line, ends a paragraph: files with one
            # paragraph per line and no blank lines between them are common.
            _add_paragraph(document, paragraph)
            paragraph = []
    _add_paragraph(document, paragraph)


def _is_heading(line: Line, following: Line | None, *, alone: bool) -> bool:
    if _MARKDOWN_HEADING.match(line.text):
        return True
    too_long = _word_count(line.text) > _MAX_HEADING_WORDS or len(line.text) > _MAX_TITLE_CHARS // 2
    if _FINAL_PUNCTUATION.search(line.text) or too_long:
        return False
    if not line.text[0].isupper() and not line.text[0].isdigit():
        return False
    if alone:
        return True
    # Inside a block, only a line clearly shorter than the text under it is a heading; otherwise it
    # is a hard-wrapped line of a paragraph.
    return following is not None and len(line.text) < 0.6 * len(following.text)


def _add_paragraph(document: Document, lines: list[Line]) -> None:
    if not lines:
        return
    start, end = lines[0].start, lines[-1].end
    if not document.paragraphs and document.dateline is None:
        start = _take_dateline(document, start, end)
    first = len(document.sentences)
    spans = sentence_spans(document.text, start, end)
    _mark_boilerplate(document, start, end, spans)
    for span_start, sentence_end in spans:
        sentence_start = _after_list_marker(document.text, span_start, sentence_end)
        sentence_start = _after_glued_credit(document, sentence_start, sentence_end)
        document.sentences.append(
            Sentence(
                document.text[sentence_start:sentence_end],
                sentence_start,
                sentence_end,
                len(document.sentences),
                len(document.paragraphs),
            )
        )
    if len(document.sentences) > first:
        index = len(document.paragraphs)
        document.paragraphs.append(Paragraph(start, end, index, first, len(document.sentences)))


def _mark_boilerplate(
    document: Document, start: int, end: int, spans: list[tuple[int, int]]
) -> None:
    """Record the paragraph ``text[start:end]`` as boilerplate when it is, else its boilerplate
    sentences (a sign-off run into the last paragraph)."""
    kind = boilerplate_rules.paragraph_kind(document.text[start:end], len(spans))
    if kind is not None:
        document.boilerplate.append(Boilerplate(kind, start, end))
        return
    for sentence_start, sentence_end in spans:
        kind = boilerplate_rules.sentence_kind(document.text[sentence_start:sentence_end])
        if kind is not None:
            document.boilerplate.append(Boilerplate(kind, sentence_start, sentence_end))


def _after_glued_credit(document: Document, start: int, end: int) -> int:
    """``start`` moved past a photo credit glued before the sentence, recorded as boilerplate."""
    text_start = boilerplate_rules.glued_credit_end(document.text, start, end)
    if text_start > start:
        credit_end = start + len(document.text[start:text_start].rstrip())
        document.boilerplate.append(Boilerplate(boilerplate_rules.CREDIT, start, credit_end))
    return text_start


# A bullet that opens a line ("- item", "* item", "• item") marks a list item; it is layout, not
# part of the sentence (a Markdown view would otherwise print "- - item").
_LIST_MARKER = re.compile(r"[-*•‣◦]\s+(?=\S)")


def _after_list_marker(text: str, start: int, end: int) -> int:
    """``start`` moved past a list item's bullet when the sentence opens its line with one."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start
    marker = _LIST_MARKER.match(text, start, end)
    return marker.end() if marker else start


def _dateline_match(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    stop = len(text) if end is None else end
    for pattern in (_DATELINE_CAPS, _DATELINE_AGENCY, _DATELINE_BARE, _DATELINE_GLUED):
        match = pattern.match(text, start, stop)
        if match and match.end() < stop and _dateline_is_plausible(match):
            return match
    return None


def _dateline_is_plausible(match: re.Match) -> bool:
    place = match.group("place")
    agency = match.group("agency") or ""
    if place.upper() in _KICKERS or agency.upper() in _KICKERS:
        return False
    # One all-caps word followed by a colon or dash is a dateline ("MOSCOW:"); a short acronym such as
    # "NOTE:" or "US -" rarely is.
    return (
        bool(match.group("agency") or match.group("wire") or match.group("date")) or len(place) > 3
    )


def _take_dateline(document: Document, start: int, end: int) -> int:
    """Record the dateline opening the first paragraph; return where the paragraph's text begins."""
    match = _dateline_match(document.text, start, end)
    if match is None:
        return start
    text = document.text[match.start() : match.end()].rstrip()
    date_text = match.group("date") or None  # the bare patterns' empty group is no date
    document.dateline = Dateline(
        text,
        match.start(),
        match.start() + len(text),
        match.group("place") or None,
        date_text,
        match.group("agency") or match.group("wire") or None,
        _parse_date(date_text) if date_text else None,
    )
    return match.end()


# -- dates and publisher -------------------------------------------------------------------------


def _take_dates_and_publisher(document: Document) -> None:
    """The metadata line's date wins, then a dated dateline (the day the news was filed), then a
    date stamp: the weakest, as an "Updated" stamp may be days after the story."""
    dateline = document.dateline
    if dateline is not None:
        if document.published is None and dateline.published is not None:
            document.published = dateline.published
            document.published_source = "dateline"
        if document.publisher is None and dateline.agency:
            document.publisher = dateline.agency
    if document.published is None and document.stamps:
        # The first version's date is what the story's "on Monday" was written against.
        stamp = min(document.stamps, key=lambda stamp: not stamp.first_version)
        document.published = stamp.published
        document.published_source = "text-stamp"


# -- date stamps ---------------------------------------------------------------------------------


def _opening_stamps(text: str, start: int, end: int) -> tuple[list[Stamp], int]:
    """The date stamps that open ``text[start:end]``, and where the text after them begins.

    A stamp counts only when it reads as a label, not prose: it ends the line, or what follows it
    opens a new sentence (a capital, a digit, a quote). "Published March 3, 2016, the report
    found..." is a sentence, not a stamp.
    """
    stamps: list[Stamp] = []
    position = start
    while position < end:
        match = _STAMP.match(text, position, end)
        if match is None or not _opens_text(text, match.end(), end):
            break
        published = _parse_date(match.group("date"))
        if published is None:
            break
        stamp_text = match.group().rstrip()
        word = match.group("word").lower()
        first_version = word.endswith(_FIRST_VERSION_WORDS) and not word.startswith(
            ("last", "latest")
        )
        stamps.append(
            Stamp(
                stamp_text, match.start(), match.start() + len(stamp_text), published, first_version
            )
        )
        position = match.end()
    return stamps, position


def _opens_text(text: str, position: int, end: int) -> bool:
    return position >= end or text[position].isupper() or text[position] in "0123456789\"'“‘([«"


def _stamp_line(text: str, line: Line) -> list[Stamp] | None:
    """The stamps making up the whole of ``line``, or None when it holds anything else."""
    stamps, rest = _opening_stamps(text, line.start, line.end)
    return stamps if stamps and rest >= line.end else None


def _take_stamp_lines(document: Document, queue: list[Line], position: int) -> int:
    """Take the stamp lines at ``queue[position:]`` (a stamp under a headline or byline)."""
    while position < len(queue):
        stamps = _stamp_line(document.text, queue[position])
        if stamps is None:
            break
        document.stamps.extend(stamps)
        position += 1
    return position


def _parse_date(text: str) -> date | None:
    """An ISO date, "19 October 2021" or "Oct. 19, 2021"; None when the text lacks a year, is
    invalid, or is no plausible publication date ("date 9999-12-31": a text's word is not trusted
    with dates that would overflow the arithmetic resolving the article's relative dates)."""
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.strip())
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        year, month, day = (int(group) for group in iso.groups())
    else:
        parts = re.findall(r"[A-Za-z]+|\d+", text)
        month_names = [p for p in parts if p.isalpha()]
        numbers = [int(p) for p in parts if p.isdigit()]
        if len(month_names) != 1 or len(numbers) != 2:
            return None
        month = _MONTH_NUMBERS.get(month_names[0][:3].lower())
        day, year = (numbers[0], numbers[1]) if numbers[0] <= 31 else (numbers[1], numbers[0])
        if month is None or year < 1000:
            return None
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if plausible_date(parsed) else None
