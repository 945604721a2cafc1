"""Which body sentences can stand alone as key sentences, and which lean on one before them.

A key sentence is read out of its paragraph. One that opens with a pronoun ("He spent the summer
..."), a demonstrative ("That was seen as a first step"), a bare description ("The 30-year-old"),
"But Mr Hart" with Hart named nowhere before, or that is a quotation with no speaker in it, leaves
the reader asking who or what. These are rules of English news prose, read off the words that open
a sentence and the quotation marks around it; they are not learned, because no training set marks
them. The news ranker (``ranker.rank``) takes a sentence that leans on another only right after the
sentence before it, so that the referent is shown just above it, or when nothing else is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Sentence

# Why a sentence cannot stand alone (the reader_dev guide's words).
QUOTE_FRAGMENT = "quote-fragment"  # a quotation whose speaker is not in the sentence
DANGLING = "dangling"  # its subject points back: a pronoun, "this/that", "the 30-year-old"
UNINTRODUCED = "unintroduced-name"  # "But Mr Hart said" where Hart was named nowhere before
FRAGMENT = "fragment"  # begins mid-sentence: a lowercase word or an ellipsis
QUESTION = "question"  # the writer's own question: its answer is in the sentences around it

# Words that join a sentence to the one before without naming anything: skipped to find the subject.
_CONNECTIVES = frozenset(
    "but and or yet so still also however instead then meanwhile moreover indeed besides "
    "nevertheless nonetheless because though although while plus thus hence if when as since "
    "once after before unless until whether".split()
)
# A sentence opening with one of these and no comma is a subordinate clause with no main clause.
_SUBORDINATORS = frozenset("because although though whereas".split())
_PERSONAL = frozenset(
    "he she they it him his her hers their theirs them its we our us i my me you your".split()
)
_DEMONSTRATIVES = frozenset("this that these those such".split())
# "This year", "these days": deixis to the time of writing, which the reader shares.
_TIME_NOUNS = frozenset(
    "year years week weeks month months morning afternoon evening night weekend season summer "
    "winter spring autumn fall time times day days decade century quarter term".split()
)
# "Another was stuffed...", "Both are...", "Many of these...": a quantifier standing for a noun.
_QUANTIFIERS = frozenset(
    "another others both neither either each one some many most few several all none".split()
)
_AUXILIARIES = frozenset(
    "is was are were be been has have had will would could can may might must should shall did "
    "do does said says 's 're 've 'd 'll".split()
)
_OBJECT_WORDS = frozenset("them these those us which whom its his her their our this that".split())
# "It is expected that...", "It's alleged...": "it" as a placeholder subject, pointing nowhere.
_PLACEHOLDER_WORDS = frozenset(
    "alleged said reported believed thought understood expected estimated feared claimed known "
    "rumoured rumored hoped predicted likely unlikely unclear clear possible impossible important "
    "essential vital crucial necessary unknown true hard difficult easy worth too understandable "
    "surprising obvious".split()
)
_DESCRIPTIONS = frozenset("pair duo trio couple".split())
_FORMER_LATTER = frozenset(("former", "latter"))
_YEAR_OLD = re.compile(r"(?i)\d+-year-old|[a-z]+-year-old")
# Titles that go with a surname the reader has already met; "Sir Alex", "Lord Hoffmann" and "Dr"
# are how those people are introduced too.
_HONORIFICS = frozenset("mr mrs ms miss".split())
# Verbs that name a speaker: a quotation with one of them outside its marks has its speaker.
_SPEECH_VERBS = frozenset(
    """say says said saying tell tells told add adds added ask asks asked explain explains explained
    insist insists insisted according write writes wrote recall recalls recalled note notes noted
    continue continues continued state states stated declare declares declared argue argues argued
    warn warns warned admit admits admitted claim claims claimed tweet tweets tweeted reply replies
    replied acknowledge acknowledged confirm confirms confirmed announce announces announced urge
    urges urged suggest suggests suggested comment comments commented quote quotes quoted post
    posts posted joke jokes joked remark remarks remarked observe observes observed concede
    concedes conceded stress stresses stressed predict predicts predicted describe describes
    described recount recounts recounted reflect reflects reflected testify testifies testified
    shout shouted cry cries cried whisper whispered laugh laughed agree agrees agreed counter
    counters countered respond responds responded exclaim exclaimed report reports reported
    texted emailed e-mailed mused sighed boasted vowed vows pledged promised
    maintained maintains contended contends lamented lamenting complained complains
    recalling adding explaining noting insisting warning telling asking describing""".split()
)
# Words, with clitics split off ("It's" -> "It", "'s") and punctuation kept: the opening words are
# read one by one.
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|['’][A-Za-z]+|\d[\w-]*|[,.;:!?]")
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
# After "those": words that make it "the people who" ("those not familiar", "those in power").
_NOT_NOUNS = frozenset(
    "who whose whom which that not of in with at on for from by under over without among".split()
)
_QUESTION_END = re.compile(r"\?[\s)\]]*$")
_MIN_WORDS = 4  # fewer words than this make no statement a brief can show
# "these/those" pointing back, near the start of a sentence; later they often point within it.
_DETERMINER_REACH = 8
# A quotation with this many words outside its marks, and no speaker, is still prose that quotes a
# phrase ("'We're winning' is a phrase I've heard a lot"), not a fragment of a speech.
_MIN_OUTSIDE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Reliance:
    """Why sentence ``index`` cannot stand alone; it can after sentence ``index - 1``."""

    index: int
    kind: str


def reliances(document: Document) -> dict[int, Reliance]:
    """The body sentences that lean on the one before them, by index."""
    found: dict[int, Reliance] = {}
    seen = _Seen(document)
    cased = document.is_cased()
    for paragraph in document.paragraphs:
        quoted = False  # inside a quotation at the sentence's start
        for sentence in document.paragraph_sentences(paragraph):
            kind, quoted = _reliance(sentence, quoted, seen, cased)
            if kind is not None:
                found[sentence.index] = Reliance(sentence.index, kind)
            seen.add(sentence)
    return found


class _Seen:
    """The capitalised words of the text read so far (header, then each sentence in turn): whether
    a surname opening a sentence was introduced before it."""

    def __init__(self, document: Document) -> None:
        header = [line.text for line in (document.title, document.dek) if line is not None]
        header += [line.text for line in document.highlights]
        self.names: set[str] = set()
        for text in header:
            self._read(text)

    def _read(self, text: str) -> None:
        self.names.update(w for w in _WORD.findall(text) if w[:1].isupper())

    def add(self, sentence: Sentence) -> None:
        self._read(sentence.text)


def _reliance(
    sentence: Sentence, quoted: bool, seen: _Seen, cased: bool
) -> tuple[str | None, bool]:
    """Why ``sentence`` leans on the one before (or None), and whether a quotation is still open
    at its end. ``quoted``: a quotation was open at its start; ``cased``: the text uses capitals
    (in lower-cased text a lowercase opening and a capitalised surname say nothing)."""
    text = sentence.text
    outside, inside, still_open = _split_quotation(text, quoted)
    if inside:
        speaker = _speaker(outside, text)
        opens_quoted = quoted or text.lstrip()[:1] in ('"', "“")
        if speaker is None and len(outside) < _MIN_OUTSIDE_WORDS:
            return QUOTE_FRAGMENT, still_open
        if opens_quoted and speaker == _PRONOUN_SPEAKER:
            return DANGLING, still_open  # '"...," he said': who is "he"?
        if opens_quoted:
            # The quotation's own "we", "it" and "this" are its speaker's, who is named, or a
            # phrase the sentence goes on to talk about ('"We're winning" is a phrase...').
            return None, still_open
    if not still_open and _QUESTION_END.search(text) and not (quoted or inside):
        return QUESTION, still_open
    return _opening_reliance(text, seen, cased) or _pointing_determiner(text), still_open


def _split_quotation(text: str, quoted: bool) -> tuple[list[str], list[str], bool]:
    """The words outside and inside quotation marks, and whether a quotation is open at the end.
    Curly quotes say which way they face; a straight one opens after a space and closes before
    one (news copy reopens a quotation at each new paragraph and sentence without closing the
    last), and otherwise toggles."""
    outside: list[str] = []
    inside: list[str] = []
    piece: list[str] = []

    def flush() -> None:
        words = [w for w in _WORD.findall("".join(piece)) if w[0].isalnum()]
        (inside if quoted else outside).extend(words)
        piece.clear()

    for position, character in enumerate(text):
        if character == '"':
            flush()
            before = text[position - 1] if position else " "
            after = text[position + 1] if position + 1 < len(text) else " "
            opens = (before.isspace() or before in "([{—–-") and not after.isspace()
            closes = (after.isspace() or after in ".,;:!?)]}—–-") and not before.isspace()
            # Between two spaces or two letters, a '"' is the other side of the last one.
            quoted = opens if opens != closes else not quoted
        elif character in _OPEN_QUOTES or character in _CLOSE_QUOTES:
            flush()
            quoted = character in _OPEN_QUOTES
        else:
            piece.append(character)
    flush()
    return outside, inside, quoted


_NAMED_SPEAKER = "named"
_PRONOUN_SPEAKER = "pronoun"


def _speaker(outside: list[str], text: str) -> str | None:
    """Who a quotation is attributed to in its own sentence: a named speaker ("..., Aspell said",
    "Brentford boss Martin Allen: '...'"), a pronoun ("..., he added"), or nobody."""
    for number, word in enumerate(outside):
        if word.lower() not in _SPEECH_VERBS:
            continue
        neighbours = [outside[n] for n in (number - 1, number + 1) if 0 <= n < len(outside)]
        if any(_folded(n) in _PERSONAL for n in neighbours) and not any(
            n[:1].isupper() and _folded(n) not in _PERSONAL for n in neighbours
        ):
            return _PRONOUN_SPEAKER
        return _NAMED_SPEAKER
    if re.search(r"\w[:,]\s*[\"“]", text) and any(w[:1].isupper() for w in outside):
        return _NAMED_SPEAKER
    return None


def _opening_reliance(text: str, seen: _Seen, cased: bool) -> str | None:
    """Why the words opening ``text`` point back to something before it, if they do."""
    stripped = text.lstrip(" \t\"'“‘(-–—•*")
    if stripped.startswith(("...", "…")):
        return FRAGMENT
    tokens = _WORD.findall(stripped)
    if not tokens or sum(1 for token in tokens if token[0].isalnum()) < _MIN_WORDS:
        return FRAGMENT  # "No.", "He was.": not a statement a brief can show
    first = tokens[0]
    if cased and first[0].islower() and not (len(first) > 1 and first[1].isupper()):
        return FRAGMENT  # "iPhone", "eBay" are names
    if first.lower() in ("or", "nor"):
        return DANGLING  # an alternative to something said before
    if first.lower() in _SUBORDINATORS and "," not in tokens:
        return FRAGMENT  # "Because there's a wing of his party that...": an answer, not a statement
    position = 0
    while position < len(tokens) - 1 and tokens[position].lower() in _CONNECTIVES:
        position += 1
        if tokens[position] == ",":
            position += 1
    after_connective = position > 0
    words = [_folded(token) for token in tokens[position : position + 10]]
    head, following = words[0], words[1] if len(words) > 1 else ""
    if head in _PERSONAL:
        return None if head == "it" and _placeholder_it(words) else DANGLING
    if head == "that" and following == "said":
        return None  # "That said, ...": an idiom, not a pointer
    if head in _DEMONSTRATIVES:
        if head in ("this", "these") and following in _TIME_NOUNS:
            return None
        if head == "those" and following in ("who", "whose"):
            return None  # "Those who...": people the sentence itself defines
        return DANGLING
    if head == "there" and following not in _AUXILIARIES and following not in ("seems", "appears"):
        return DANGLING  # "There they found...": a place named before; "There is..." points nowhere
    if head in _QUANTIFIERS and (
        following in _AUXILIARIES
        or (following == "of" and len(words) > 2 and words[2] in _OBJECT_WORDS)
    ):
        return DANGLING
    if head == "the" and _description(words[1:]):
        return DANGLING
    if words[:3] == ["according", "to", "the"] and _source_described(tokens[position + 3 :]):
        return DANGLING  # "According to the official, ...": which official?
    if _points_back_early(words):
        return DANGLING
    return _unintroduced_name(tokens[position:], after_connective, seen) if cased else None


def _description(words: list[str]) -> bool:
    """After "The": "30-year-old ...", "former said", "pair ...": someone described, not named."""
    if not words:
        return False
    if words[0] in _DESCRIPTIONS or _described_by_age(words[:2]):
        return True
    return words[0] in _FORMER_LATTER and len(words) > 1 and words[1] in _AUXILIARIES


def _source_described(tokens: list[str]) -> bool:
    """ "the official,", "the senior Pakistani official,": a source described by a common noun,
    where "the New York Times," names one (``tokens`` as written, after "according to the")."""
    if "," not in tokens[:5]:
        return False
    last = tokens[tokens.index(",") - 1]
    return last.isalpha() and last.islower()


def _pointing_determiner(text: str) -> str | None:
    """ "these colleges", "those feelers" near the start: things the sentence does not name, pointed
    at as already known (later in a sentence they point within it). "this" + noun is as often the
    writer's own here and now ("this season", "this country"); at the very start it is caught by
    ``_opening_reliance``."""
    words = [_folded(token) for token in _WORD.findall(text)[: _DETERMINER_REACH + 1]]
    for number, word in enumerate(words[:-1]):
        following = words[number + 1]
        if not following.isalpha() or following in _TIME_NOUNS:
            continue
        if word in ("these", "those") and following not in _NOT_NOUNS:
            return DANGLING
    return None


def _folded(token: str) -> str:
    """A token lower-cased for the word lists; "US" and "IT" in capitals are names, not pronouns."""
    if len(token) > 1 and token.isupper():
        return token
    return token.lower().replace("’", "'")


def _placeholder_it(words: list[str]) -> bool:
    """ "It is expected that", "it's been predicted that", "It's alleged ...": "it" standing for the
    clause that follows, not for a thing named before."""
    rest = words[1:]
    if not rest or rest[0] not in (
        "is",
        "was",
        "'s",
        "has",
        "had",
        "will",
        "would",
        "may",
        "seems",
    ):
        return False
    return any(word in _PLACEHOLDER_WORDS for word in rest[:4])


def _described_by_age(words: list[str]) -> bool:
    """ "The 30-year-old ...", "the 40-year-old Ulsterman": someone described, not named."""
    return any(_YEAR_OLD.fullmatch(word) for word in words[:2])


def _points_back_early(words: list[str]) -> bool:
    """ "Other than that, ...", "Because of this, ...": an opening phrase that ends by pointing at
    what came before; "In 2004, he ...", "Once there, they ...": a subject that does."""
    for number, word in enumerate(words[:6]):
        following = words[number + 1] if number + 1 < len(words) else ""
        if word in ("this", "that", "these", "those") and following in (",", "."):
            return True
        if word == "," and following in _PERSONAL:
            return not (following == "it" and _placeholder_it(words[number + 1 :]))
    return False


def _unintroduced_name(tokens: list[str], after_connective: bool, seen: _Seen) -> str | None:
    """ "But Mr Hart said", "Mr Balls ...": a surname the reader has not met. With a title the
    surname is a person's for certain; without one only after "But/And", where the sentence
    itself says it continues another."""
    if not tokens:
        return None
    if tokens[0].lower() in _HONORIFICS:
        rest = tokens[2:] if tokens[1:2] == ["."] else tokens[1:]
        surname = rest[0] if rest else ""
        if surname[:1].isupper() and surname not in seen.names:
            return UNINTRODUCED
        return None
    if after_connective and tokens[0][:1].isupper() and len(tokens) > 1:
        verb = tokens[1]
        if verb[:1].islower() and verb.lower() in _SPEECH_VERBS and tokens[0] not in seen.names:
            return UNINTRODUCED
    return None
