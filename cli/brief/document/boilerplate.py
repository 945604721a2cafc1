"""Recognise the parts of a news page that are not story text: boilerplate.

Pages copied from news sites carry, between and after the story's paragraphs, text that no editor
would quote as a key sentence: editor's notes, photo credits glued before a sentence, promo teasers
and related-story links, follow-us lines, contributor bios, reporting credits and sign-offs, team
sheets and stats tables. ``document.parse`` asks this module about each paragraph and sentence and
keeps what it finds in ``Document.boilerplate``: the text stays in the Document with exact offsets,
but the summary never chooses it and the entity list skips it.

The rules are about shape (a label opening a short standalone line, a line with no lowercase words,
a credit of all-caps words around a slash), never about particular strings of particular sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds, as the reader_dev guide names them.
EDITOR_NOTE = "editor-note"
CREDIT = "credit"
PROMO = "promo"
FOLLOW = "follow-us"
BIO = "bio"
SIGN_OFF = "sign-off"
TEAM_SHEET = "team-sheet"
FRAGMENT = "fragment"

# Kinds that name the newsroom's staff, not the story's people: they stay out of the entity list.
# An editor's note, a promo and a team sheet name the story's own subjects (the corrected fact, the
# linked story, the players), so their names are real mentions; they are only never key sentences.
NOT_STORY_NAMES = frozenset({CREDIT, FOLLOW, BIO, SIGN_OFF})

# A teaser or a link is a short line; a longer paragraph opening with "Watch" is prose.
_SHORT_LINE_WORDS = 20
_TEASER_WORDS = 12
_LIST_WORDS = 60

_EDITOR_NOTE = re.compile(
    r"[(\[]?[ \t]*(?i:editor'?s?'?[ \t]*note|eds?\.?[ \t]+note|note[ \t]+to[ \t]+editors)\b"
)
# "Read more about ...", "Related: ...", "WATCH: ...", "Listen to ... describe ...", "Click here".
_LINK_LABEL = re.compile(
    r"(?i:read[ \t]+more|related(?:[ \t]+(?:stories|story|articles?|links?|content|coverage))?"
    r"|see[ \t]+also|more[ \t]+on[ \t]+this(?:[ \t]+story)?|more[ \t]+from|also[ \t]+read|click[ \t]+here"
    r"|watch|listen|video|photos?|gallery|in[ \t]+pictures|opinion|analysis|live[ \t]+updates"
    r"|sign[ \t]+up|subscribe|download)\b"
)
_NETWORK = r"(?i:twitter|facebook|instagram|linkedin|tiktok|threads|bluesky|x)\b"
# "Follow us on Twitter", "Follow Jane Roe on Facebook", "Like us on Facebook", "Follow @cnnphotos".
_FOLLOW = re.compile(
    r"\b(?i:follow|like)[ \t]+(?:(?i:us|me|him|her|them)|@\w+|[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"[ \t]+(?i:on|at|via)[ \t]+" + _NETWORK + r"|\b(?i:follow)[ \t]+@\w+"
)
_BIO = re.compile(
    r"(?:[A-Z][\w.'’-]*[ \t]+){1,4}is[ \t]+(?:a|an|the)[ \t]+(?:[\w.'’-]+[ \t]+){0,6}?"
    r"(?i:contributor|columnist|commentator|contributing[ \t]+\w+|senior[ \t]+fellow"
    r"|author[ \t]+of)\b"
)
_VIEWS = re.compile(r"(?i:the[ \t]+(?:views|opinions)[ \t]+expressed[ \t]+in[ \t]+this)\b")
# "Reporting by ...; Editing by ...", "Additional reporting by ...", "Compiled by ...".
_SIGN_OFF_OPEN = re.compile(
    r"[(\[]?[ \t]*(?i:(?:additional[ \t]+)?reporting|writing|editing|compiled|edited"
    r"|research|graphics)[ \t]+by\b"
)
# The words a sign-off holds besides names: its labels and connectors.
_SIGN_OFF_WORDS = frozenset(
    "additional reporting writing editing compiled edited research graphics by and in from at the "
    "with of our bureau bureaus staff newsroom team".split()
)
_SIGN_OFF_MAX_WORDS = 30
# "CNN's Jane Doe contributed to this report.", "Jane Doe reported from Tokyo and ... wrote from ...".
_CONTRIBUTED = re.compile(
    r"\b(?:contributed|contributing)[ \t]+(?:reporting[ \t]+)?(?:to[ \t]+)?(?:this|the)[ \t]+"
    r"(?:report|story|article|piece)\b"
)
_REPORTED_FROM = re.compile(
    r"[A-Z][\w&.-]*'s[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]+"
    r"(?:reported|wrote|reporting)[ \t]+from\b"
)
# "Pence: 'Was I expecting this?'" — a name and a colon before a quotation, standing alone: the
# title of a linked video or story.
_NAMED_QUOTE = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}:[ \t]*[\"'“‘]")
# An all-caps credit glued before a sentence: "JANE DOE / THE DAILY TIMES In his new book...",
# "AFP/GETTY IMAGES The ...". Two all-caps runs around a slash, then a capitalised word in mixed case.
_CAPS_RUN = r"[A-Z][A-Z.'’&-]*(?:[ \t]+[A-Z][A-Z.'’&-]*){0,5}"
_GLUED_CREDIT = re.compile(_CAPS_RUN + r"[ \t]*/[ \t]*" + _CAPS_RUN + r"[ \t]+(?=[A-Z][a-z])")
# Words a results line or team sheet carries in lower case: own goals, penalties, extra time.
_LIST_LOWER = frozenset({"og", "pen", "pens", "aet", "and", "v", "vs", "min", "mins", "c", "wk"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A stretch of text that is not story text: ``document.text[start:end]``, and its ``kind``."""

    kind: str
    start: int
    end: int


def paragraph_kind(text: str, sentences: int = 1) -> str | None:
    """The boilerplate kind of a whole paragraph of ``sentences`` sentences, or None when it reads
    as story text. Headings are asked about as one-sentence paragraphs."""
    text = text.strip()
    if not text:
        return None
    words = text.split()
    if _EDITOR_NOTE.match(text):
        return EDITOR_NOTE
    if _is_sign_off(text):
        return SIGN_OFF
    if len(words) <= 60 and sentences <= 2 and (_VIEWS.match(text) or _BIO.match(text)):
        return BIO
    if len(words) <= _SHORT_LINE_WORDS and sentences <= 3 and _NAMED_QUOTE.match(text):
        return PROMO
    if sentences == 1 and len(words) <= _SHORT_LINE_WORDS:
        kind = _short_line_kind(text, words)
        if kind:
            return kind
    if len(words) <= _LIST_WORDS and _is_list(text):
        return TEAM_SHEET
    return None


def sentence_kind(text: str) -> str | None:
    """The boilerplate kind of one sentence inside a paragraph of story text (a sign-off or a
    follow-us line run into the last paragraph), or None."""
    text = text.strip()
    if _EDITOR_NOTE.match(text):
        return EDITOR_NOTE
    if _is_sign_off(text) or _CONTRIBUTED.search(text) or _REPORTED_FROM.match(text):
        return SIGN_OFF
    if _VIEWS.match(text):
        return BIO
    if len(text.split()) <= _SHORT_LINE_WORDS and _FOLLOW.search(text):
        return FOLLOW
    return None


def glued_credit_end(text: str, start: int, end: int) -> int:
    """Where the sentence ``text[start:end]`` begins once an all-caps photo credit glued before it is
    cut off; ``start`` when it opens with none."""
    match = _GLUED_CREDIT.match(text, start, end)
    if match is None or len(text[match.end() : end].split()) < 3:
        return start
    return match.end()


def _short_line_kind(text: str, words: list[str]) -> str | None:
    """Kinds of a short standalone line: links and labels, follow-us, credits, teasers, fragments."""
    if (_LINK_LABEL.match(text) and not text.endswith((".", "!"))) or _label_colon(text):
        return PROMO
    if _FOLLOW.search(text):
        return FOLLOW
    if _CONTRIBUTED.search(text) or _REPORTED_FROM.match(text):
        return SIGN_OFF
    # A lone short question that no one asks in the story: "Who will be on the move this summer?"
    if len(words) <= _TEASER_WORDS and text.endswith("?") and text[0] not in "\"'“‘":
        return PROMO
    # A line that is no sentence: it starts in lower case and has no final punctuation.
    if text[0].islower() and not re.search(r"[.!?…][\"'”’)]*$", text):
        return FRAGMENT
    return None


def _is_sign_off(text: str) -> bool:
    """ "Reporting by Jane Doe; Editing by John Roe": a sign-off label, then names and its own
    connectors only ("Produced by Happy Madison as part of a deal..." is prose)."""
    if not _SIGN_OFF_OPEN.match(text):
        return False
    words = _WORD.findall(text)
    return len(words) <= _SIGN_OFF_MAX_WORDS and all(
        word[0].isupper() or word.lower() in _SIGN_OFF_WORDS for word in words
    )


def _label_colon(text: str) -> bool:
    """An all-caps label and a colon opening a line: "WATCH: ...", "READ MORE: ...", "PHOTOS:"."""
    match = re.match(r"([A-Z][A-Z'’]+(?:[ \t][A-Z][A-Z'’]+){0,2})[ \t]*:", text)
    return bool(match) and _LINK_LABEL.fullmatch(match.group(1)) is not None


def _is_list(text: str) -> bool:
    """A team sheet, a results or stats line: names and numbers with no lowercase word of prose
    ("Dudek, Finnan, Carragher (Biscan 67)", "Gerrard 79 og, Drogba 107", "78,000")."""
    words = _WORD.findall(text)
    if any(word[0].islower() and word.lower() not in _LIST_LOWER for word in words):
        return False
    # An all-caps shout or a one-word exclamation is no list; a list has items or numbers.
    return (
        bool(re.search(r"\d", text))
        or text.count(",") + text.count(";") >= 1
        or (len(words) <= 3 and text.rstrip(".").count(" ") <= 2 and "(" in text)
    )
