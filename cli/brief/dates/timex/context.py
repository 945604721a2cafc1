"""Where a mention sits: its sentence, and whether that sentence looks back or ahead.

Relative expressions such as "Tuesday" or "in March" are resolved to the past or the coming
occurrence depending on the clause around them. Without a parser we read the cues a parser would
use: the nearest tense marker before the mention ("said", "had", "will", "is hosting", "plans
to"), else the first one after it, plus prepositions that fix the direction on their own ("since",
"as early as").
"""

from __future__ import annotations

import bisect
import re

from .lexicon import MONTHS, ONES, SEASONS, TEENS, TENS, UNIT_PLURALS, UNITS, WEEKDAYS, word_set

PAST, NEUTRAL, FUTURE = -1, 0, 1

_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof gen col lt sgt sen rep gov st jr sr inc corp co ltd no vs jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s a.m p.m e.g i.e rev gov fig"
)

# End of a sentence: terminal punctuation (plus closing quotes) followed by space, or a blank line.
_BOUNDARY_RE = re.compile(r"[.!?]+['\"’”)\]]*\s+|\n\s*\n")
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[;:]")
_WORD_OR_COMMA_RE = re.compile(r"(,\s*)?([A-Za-z]+(?:['’][a-z]+)?|[;:])")

# "could" is left out: as often the past of "can" ("could not be located Wednesday").
_MODALS_FUTURE = word_set("will 'll shall wo gonna would might may must should can")
_PAST_AUX = word_set("was were had did been")
_PRESENT_AUX = word_set("is are am 's 're")
_AUX_BE = word_set("be being will would to had has have")
# Verbs of planning: inflected forms look ahead on their own ("planned a rally on Saturday",
# "expected in December"); "had been scheduled to" looks back.
_INTENT_INFLECTED = word_set("""planned plans planning scheduled schedules slated expected expects expecting intends
    intended intending proposed proposes proposing poised payable effective upcoming
    awaiting awaited""")
# These look ahead only with an infinitive: "agreed to meet Friday", "hopes to sign".
_INTENT_WITH_TO = word_set("""plan expect intend propose aim aims aimed hope hopes hoped agree agrees agreed decide
    decides decided vow vows vowed promise promises promised threaten threatens threatened
    prepare prepares prepared likely set ready want wants wanted seek seeks sought""")
# Words after "last" that make it look back ("last week", "last three years", "last March").
_TIME_AFTER_LAST = (
    frozenset(UNITS)
    | frozenset(UNIT_PLURALS)
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(SEASONS)
    | frozenset(ONES)
    | frozenset(TEENS)
    | frozenset(TENS)
    | word_set("few several couple time night half quarter season christmas easter thanksgiving")
)
_SUBJECTS = word_set("i you he she it we they who which that there")
_DETERMINERS = word_set(
    "the a an its their his her our my your this that these those some any no every each"
)
_SCHEDULE_PRESENT = word_set(
    "begins starts opens closes resumes ends expires arrives leaves meets takes goes returns "
    "visits heads travels votes comes convenes reconvenes kicks meet begin start resume expire "
    "arrive convene reconvene hosts holds stages plays faces launches unveils publishes releases"
)
_IRREGULAR_PAST = word_set("""said told met went came took made gave held left saw found began brought fell rose won
    lost sold bought got put ran set kept sent spent thought knew wrote spoke broke chose drove
    flew fought led paid struck stood sat shot hit cut quit became grew drew threw forced
    ended died killed announced reported""")
_NOT_VERBS_ED = word_set("""red bed shed hundred united limited based related interested concerned alleged
    so-called detailed supposed unprecedented naked wicked sacred kindred hatred""")
_PAST_EED = word_set("agreed disagreed freed guaranteed decreed refereed")
# Words that make a following participle an adjective: "a still unspecified date".
_ADJECTIVE_MARKERS = word_set("still very most more less well newly highly fully partly so too")
_FUTURE_AUX = word_set("will 'll shall")
_AHEAD_OF_RE = re.compile(
    r"\b(?:ahead\s+of|in\s+time\s+for|(?:is|are)\s+due\s+to\s+\w+"
    r"|(?:comes?|coming)\s+into\s+(?:force|effect))\s+(?:[\w'’]+\s+){0,3}$",
    re.IGNORECASE,
)
_FUTURE_PHRASES_RE = re.compile(
    r"(?:as\s+(?:early|soon|late)\s+as|no\s+later\s+than|starting|beginning|"
    r"from\s+now|ahead\s+of|in\s+time\s+for)\s*$",
    re.IGNORECASE,
)


class SentenceIndex:
    """Sentence spans of a text: given ones, or found around a position with a punctuation rule."""

    def __init__(self, text: str, sentences: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.starts = [s for s, _ in sentences] if sentences else []
        self.ends = [e for _, e in sentences] if sentences else []
        self._bounds: dict[int, tuple[int, int]] = {}

    def index(self, pos: int) -> int | None:
        """Index of the given sentence containing ``pos`` (None without sentences or between)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.ends[i]:
            return None
        return i

    def bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the sentence around ``pos``."""
        found = self._bounds.get(pos)
        if found is None:
            found = self._bounds[pos] = self._find_bounds(pos)
        return found

    def _find_bounds(self, pos: int) -> tuple[int, int]:
        if self.starts:
            i = bisect.bisect_right(self.starts, pos) - 1
            if i >= 0:
                return self.starts[i], max(self.ends[i], pos)
        # Only the neighbourhood matters for tense cues, so look no further than 400 characters.
        return _local_start(self.text, pos), _local_end(self.text, pos)


def _local_start(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    start = lo
    for m in _BOUNDARY_RE.finditer(text, lo, pos):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        start = m.end()
    return start


def _local_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + 400)
    for m in _BOUNDARY_RE.finditer(text, pos, hi):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        return m.start() + 1
    return hi


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    # Single letters are initials ("J. Smith"); listed words are titles and short forms.
    return len(word) == 1 or word in _ABBREVIATIONS


def direction(text: str, start: int, end: int, bounds: tuple[int, int]) -> int:
    """PAST, FUTURE or NEUTRAL for the mention ``text[start:end]`` inside sentence ``bounds``."""
    left = text[max(bounds[0], start - 160) : start]
    if _FUTURE_PHRASES_RE.search(left):
        return FUTURE
    left_words, comma_led = _words_and_commas(left, 20)
    before = left_words[-1] if left_words else ""
    if before in ("since", "ago"):
        return PAST
    verdict = _scan_left(left_words, comma_led)
    if before == "by":
        # "by Friday" sets a deadline ahead, unless in the past perfect ("had filed by Friday").
        # The perfect must govern the "by" phrase, not a clause before it ("The sale, which had
        # been expected, is part of a plan to repay the loan by February").
        return PAST if verdict == PAST and "had" in left_words[-8:] else FUTURE
    if before in ("until", "till") and (left_words[-2:-1] or [""])[0] not in ("not", "up"):
        # "gave them until Tuesday", "postponed until Friday": a deadline, ahead of the news
        # ("not until Tuesday did he ..." and "up until Thursday" look back).
        return PAST if verdict == PAST and "had" in left_words[-8:] else FUTURE
    if verdict is None and text.startswith(("'s", "’s"), end):
        return PAST  # "Tuesday's declaration": an event being reported
    if verdict is not None:
        return verdict
    right = text[end : min(bounds[1], end + 200)]
    verdict = _scan_right([_norm(w) for w in _WORD_RE.findall(right)][:24])
    return NEUTRAL if verdict is None else verdict


def told_as_past(text: str, start: int, bounds: tuple[int, int]) -> bool:
    """Whether the clause before the mention is in the past tense ("was sent off in the final
    minute of Sunday's match"); what follows it may be another clause."""
    left, comma_led = _words_and_commas(text[max(bounds[0], start - 160) : start], 20)
    return _scan_left(left, comma_led) == PAST


def firmly_placed(text: str, start: int, end: int, bounds: tuple[int, int]) -> bool:
    """Whether a tense cue sits right by the mention ("said on Wednesday", "Wednesday, he
    said", "will meet on Wednesday"): its own clause then places it, whatever the rest of the
    article says about the same weekday."""
    left = [_norm(w) for w in _WORD_RE.findall(text[max(bounds[0], start - 120) : start])][-20:]
    if any(_cue(left, i) is not None for i in range(max(0, len(left) - 3), len(left))):
        return True
    right = [_norm(w) for w in _WORD_RE.findall(text[end : min(bounds[1], end + 60)])][:3]
    return any(w not in (";", ":") and _cue(right, i) is not None for i, w in enumerate(right))


def will_happen(text: str, start: int, end: int, bounds: tuple[int, int]) -> bool:
    """Whether the clause marks the mention as still to come with a future auxiliary ("will",
    "'ll", "shall", "is going to") or "ahead of" before it, or "which will" right after it:
    stronger evidence than a verb of intent ("vowed", "by Friday"). A verb right before the
    mention owns it ("said Monday they will ..." is the day of saying)."""
    left = text[max(bounds[0], start - 80) : start]
    if _AHEAD_OF_RE.search(left):
        return True
    words = [_norm(w) for w in _WORD_RE.findall(left)][-12:]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _FUTURE_AUX or (w == "going" and _next(words, i) == "to"):
            return True
        cue = _cue(words, i)
        if cue == PAST:
            if len(words) - 1 - i <= 1:
                return False
            break
    right = [_norm(w) for w in _WORD_RE.findall(text[end : min(bounds[1], end + 60)])][:4]
    return any(w in _FUTURE_AUX for w in right)


def _norm(word: str) -> str:
    """Lower case for cue words and ordinary words; names keep their capital ("to Paris")."""
    low = word.lower()
    return low if word.islower() or low in _KNOWN else word


def _words_and_commas(text: str, last: int) -> tuple[list[str], frozenset[int]]:
    """The last ``last`` cue words of ``text`` and the indices of those right after a comma."""
    words: list[str] = []
    comma_led: set[int] = set()
    for m in _WORD_OR_COMMA_RE.finditer(text):
        if m.group(1):
            comma_led.add(len(words))
        words.append(_norm(m.group(2)))
    cut = max(0, len(words) - last)
    return words[cut:], frozenset(i - cut for i in comma_led if i >= cut)


def _scan_left(words: list[str], comma_led: frozenset[int] = frozenset()) -> int | None:
    for i in range(len(words) - 1, -1, -1):
        cue = _cue(words, i)
        if cue == PAST and _reduced_participle(words, i, i in comma_led):
            # "will be part of plans unveiled on Monday", "is saving it, codenamed X, for the
            # show in May": the participle describes a noun; a future verb before it rules.
            return FUTURE if _plainly_future(words[: i - 1]) else PAST
        if cue is not None:
            return cue
    return None


def _plainly_future(words: list[str]) -> bool:
    """Whether the nearest tense cue in ``words`` is "will", "shall" or "is ...ing" (not
    "would", which as often reports the past)."""
    for i in range(len(words) - 1, -1, -1):
        cue = _cue(words, i)
        if cue is not None:
            w = words[i]
            return cue == FUTURE and (w in _FUTURE_AUX or w in _PRESENT_AUX)
    return False


def _reduced_participle(words: list[str], i: int, after_comma: bool = False) -> bool:
    """A bare participle right after a common noun ("plans unveiled") or set off by a comma
    ("the console, codenamed Xenon,"), not a verb after its subject ("they unveiled", "Cuba
    predicted") or an auxiliary ("had unveiled")."""
    if not _is_participle(words[i]) or i == 0:
        return False
    if after_comma:
        return True
    prev = words[i - 1]
    if not prev.islower():
        return False  # a name as subject
    return not (prev in _PAST_AUX or prev in _PRESENT_AUX or prev in _AUX_BE or prev in _SUBJECTS)


def _scan_right(words: list[str]) -> int | None:
    for i in range(len(words)):
        if words[i] in (";", ":"):
            return None
        if _planned_in_the_past(words, i):
            return PAST
        cue = _cue(words, i)
        if cue is not None:
            return cue
    return None


def _cue(words: list[str], i: int) -> int | None:
    """The direction word ``i`` signals in context, or None if it says nothing about tense."""
    w = words[i]
    prev = words[i - 1] if i > 0 else ""
    prev2 = words[i - 2] if i > 1 else ""
    nxt = _next(words, i)
    if w in _MODALS_FUTURE or (w == "going" and nxt == "to"):
        return FUTURE
    if w in ("is", "are", "am", "was", "were") and nxt == "to":
        return FUTURE  # "is to resume trading Tuesday"
    adjective = prev in _DETERMINERS or prev in _ADJECTIVE_MARKERS or prev.endswith("ly")
    if w in _INTENT_INFLECTED or (w == "due" and not _causal_due(words, i)):
        if adjective and nxt != "to":
            return None  # "the hastily planned trip"
        return PAST if "had" in (prev, prev2) else FUTURE
    if w in _INTENT_WITH_TO:
        if nxt == "to":
            return PAST if "had" in (prev, prev2) else FUTURE
        past_form = w.endswith("ed") or w in ("sought", "set")
        return PAST if past_form and not adjective else None
    if w in _PRESENT_AUX:
        return FUTURE if nxt.endswith("ing") else None
    if w in _SCHEDULE_PRESENT:
        # "to expire Friday" is governed by what comes before "to" ("had been scheduled").
        return None if prev == "to" else FUTURE
    if w in _PAST_AUX or w in _IRREGULAR_PAST:
        if prev == "be" and prev2 == "to" and w != "been":
            return FUTURE  # "to be held on 26 August"
        return None if prev in ("be", "been", "being") and w != "been" else PAST
    if _is_participle(w):
        if prev in _DETERMINERS or prev in _ADJECTIVE_MARKERS:
            return None  # "the preferred shares": an adjective
        if prev == "be" and prev2 == "to":
            return FUTURE  # "to be published in early November"
        if prev in ("be", "been", "being"):
            return None  # passive: the auxiliary before it says when ("will be paid")
        return PAST
    if w == "last" and nxt.lower() not in _TIME_AFTER_LAST and not nxt.isdigit():
        return None  # "her last concert": the final one, not the previous one
    if w in ("ago", "last", "yesterday", "earlier", "previously"):
        return PAST
    if w in ("next", "tomorrow", "coming") and nxt != "to":
        return FUTURE
    return None


def _planned_in_the_past(words: list[str], i: int) -> bool:
    """ "On Friday, the government planned to ...": after the mention, a past-tense verb of
    planning dates the planning, not the plan (before it, "planned a rally on Friday" looks
    ahead). Passives ("is planned", "was expected") are left to their auxiliary."""
    w = words[i]
    if w not in _INTENT_INFLECTED or not w.endswith("ed"):
        return False
    prev = words[i - 1] if i > 0 else ""
    return prev not in _PAST_AUX and prev not in _PRESENT_AUX and prev not in _AUX_BE


def _is_participle(w: str) -> bool:
    """A regular past tense or participle ("announced"), not "succeed" or "hundred"."""
    if not w.endswith("ed") or len(w) <= 4 or w in _NOT_VERBS_ED or not w.islower():
        return False
    return not w.endswith("eed") or w in _PAST_EED


def _causal_due(words: list[str], i: int) -> bool:
    """ "due to the strike" gives a cause, "due to expire" a schedule."""
    if _next(words, i) != "to":
        return False
    after = _next(words, i + 1)
    return after in _DETERMINERS or after.endswith(("ing", "s", "ed")) or not after


def _next(words: list[str], i: int) -> str:
    return words[i + 1] if i + 1 < len(words) else ""


_KNOWN = (
    _MODALS_FUTURE
    | _PAST_AUX
    | _PRESENT_AUX
    | _INTENT_INFLECTED
    | _INTENT_WITH_TO
    | _SCHEDULE_PRESENT
    | _IRREGULAR_PAST
    | _DETERMINERS
    | word_set("to going due ago last yesterday earlier previously next tomorrow coming on in")
)
