"""Rules for expressions that only mean something against a reference: weekdays, "yesterday",
"last week", "this summer", "two years ago", "that day", clock times and "now".

A weekday or "the weekend" goes back or ahead depending on the sentence (see ``context``);
"earlier", "that year" and "the following day" lean on the previous mention; everything else is
counted from the reference (publication) date.
"""

from __future__ import annotations

import datetime as dt
import re

from . import context
from .doc import (
    Doc,
    Resolved,
    Rule,
    as_day,
    day_known,
    sentence_initial,
    underspecified,
    word_before,
)
from .lexicon import (
    CLOCK_TOKEN,
    COUNT_RE,
    DAYNUM_RE,
    MONTH_RE,
    MONTHS,
    PART_OF_DAY_RE,
    PART_OF_DAY_TOKENS,
    PARTS_OF_DAY,
    SEASON_RE,
    SEASON_TOKENS,
    SEASONS,
    TIMEZONE_RE,
    UNIT_PLURALS,
    UNIT_RE,
    WEEKDAY_FULL_RE,
    WEEKDAY_TOKENS,
    WEEKDAYS,
    parse_count,
    word_set,
)
from .values import (
    GRANULARITIES,
    Point,
    clamp_day,
    format_point,
    season_of,
    season_point,
    season_year,
    shift,
    weekday_near,
    year_for,
)

_WEEKDAY_RE = re.compile(
    r"(?<![\w-])(?:(?P<mod>early|late|earlier|later|last|next|this(?:\s+(?:coming|past))?|coming"
    r"|past|the\s+previous|the\s+following|the\s+next|that)\s+)?"
    rf"(?P<wd>{WEEKDAY_FULL_RE})(?P<pl>s)?(?![\w])"
    rf"(?:\s+(?P<pod>{PART_OF_DAY_RE})(?P<pl2>s)?(?![\w]))?",
)
_DEICTIC_RE = re.compile(
    r"(?<![\w-])(?:(?P<mod>early|late|earlier|later)\s+)?(?:"
    rf"(?P<word>today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{PART_OF_DAY_RE}))?"
    r"|the\s+day\s+(?P<ba>before\s+yesterday|after\s+tomorrow)"
    rf"|(?P<this>this|last|tomorrow|yesterday)\s+(?P<pod2>{PART_OF_DAY_RE})"
    r"|(?P<pod3>mid[\s-]?(?:afternoon|morning)|midday)(?:\s+(?P<word2>today|yesterday|tomorrow))?"
    r")(?![\w-])",
)
_REL = (
    r"(?P<rel>this(?:\s+(?:past|coming))?|last|next|that(?:\s+same)?|past|coming"
    r"|the\s+(?:past|last|previous|coming|following|next|current|latest|same|preceding|prior)|the"
    r"|our|its|their|his|her)"
)
_REL_UNIT_RE = re.compile(
    r"(?<![\w-])(?:(?P<pre>early|late|earlier|later|the\s+(?:end|beginning|start|middle|rest|"
    r"remainder|close|balance)\s+of|mid)[\s-]+)?(?P<inthe>(?<=earlier\s)in\s+|(?<=later\s)in\s+)?"
    rf"{_REL}\s+(?:(?P<pre2>early|late|mid)[\s-]+)?(?:(?P<fiscal>fiscal|calendar|full)[\s-]+)?"
    r"(?P<holiday>(?:bank\s+|long\s+|easter\s+|christmas\s+)?holiday\s+|long\s+)?"
    rf"(?P<unit>week|month|year|weekend|decade|day|morning|afternoon|evening|night|season"
    rf"|{SEASON_RE})(?P<orso>\s+or\s+so)?(?![\w-])",
)
# Possessive determiners: "their summer tour", "our full-year objectives".
_POSSESSIVES = word_set("our its their his her")
_YEAR_END_RE = re.compile(
    r"(?<![\w-])(?:around\s+)?(?:(?:the\s+)?year[\s-]end|year['’]s\s+end|the\s+end\s+of\s+the\s+"
    r"(?P<unit>year|month|week))(?![\w-])",
)
_OFFSET_RE = re.compile(
    r"(?<![\w-])(?:(?P<approx>about|nearly|almost|some|roughly|approximately|more\s+than|less\s+than"
    r"|at\s+least|(?:just\s+|well\s+|a\s+little\s+)?(?:over|under)|around)\s+)?"
    rf"(?:(?P<n>{COUNT_RE})[\s-]+)?(?P<unit>{UNIT_RE})(?P<orso>\s+or\s+(?:so|more|two|three))?"
    r"\s+(?P<dir>ago|earlier|from\s+now|hence)(?![\w])",
)
# "in two weeks' time": the day that far ahead ("in" itself left out of the span).
_IN_TIME_RE = re.compile(
    rf"(?<![\w-])in\s+(?P<n>{COUNT_RE})[\s-]+(?P<unit>{UNIT_RE})['’]?\s+time(?![\w])"
)
_WEEK_OF_RE = re.compile(
    rf"(?<![\w-])the\s+week\s+of\s+(?P<mon>{MONTH_RE})\s*(?P<day>{DAYNUM_RE})(?![\w])",
)
_CLOCK = (
    r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])(?=\s*(?:" + TIMEZONE_RE + r"|hours?\b))"
    # "1945 GMT", "0600 hours": the 24-hour clock of British and military usage.
    r"|(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)(?=\s*(?:"
    + TIMEZONE_RE
    + r"|hrs|hours|local\s+time)\b)"
    r"|(?P<noon>noon|midnight)"
    r"|(?P<hw>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+o['’]clock|\s+in\s+the\s+(?P<inpod>morning|afternoon|evening))"
    # "at 8:00", "shortly before 9:30": a bare clock reading, kept only after a preposition.
    r"|(?P<hb>[01]?\d|2[0-3]):(?P<mib>[0-5]\d)(?![\d:]))"
)
_TIME_RE = re.compile(
    r"(?<![\w:.$])(?:(?P<approx>around|approximately|shortly\s+(?:before|after))\s+)?"
    + _CLOCK
    + rf"(?:\s*(?P<tz>{TIMEZONE_RE}|local\s+time)\b)?"
    rf"(?:,?\s+(?P<wd>{WEEKDAY_FULL_RE}|today|yesterday|tomorrow|tonight)(?![\w])"
    # "at 3 p.m. on Wednesday", "at midnight on 1 February": two expressions, the time taking
    # its day from the one after it.
    rf"|(?=\s+on\s+(?P<onwd>{WEEKDAY_FULL_RE})(?![\w]))"
    rf"|(?=\s+(?:on|of)\s+(?:(?P<onday>{DAYNUM_RE})\s+(?P<onmon>{MONTH_RE})"
    rf"|(?P<onmon2>{MONTH_RE})\s*(?P<onday2>{DAYNUM_RE}))(?![\w]))"
    rf"|,?\s+(?P<mon>{MONTH_RE})\s*(?P<day>{DAYNUM_RE})(?:,\s*(?P<year>\d{{4}}))?(?![\w]))?",
)
_REF_WORDS_RE = re.compile(
    r"(?<![\w-])(?:(?P<present>now|currently|current|these\s+days|nowadays|"
    r"at\s+present|presently|at\s+the\s+moment)"
    r"|(?P<past>(?:more\s+|most\s+|only\s+)?recently|the\s+past|in\s+the\s+past|previously)"
    r"|(?P<future>the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future"
    r"|as\s+soon\s+as\s+possible|a\s+later\s+date"
    r"|the\s+(?:near|short|long)\s+term))(?![\w-])",
)

# Capitalised words that make "Sunday ..." a name: newspapers, programmes, institutions.
_CURRENT_NOT_TIME_RE = re.compile(
    r"\s+(?:account|accounts|affairs|events|price|prices|rate|rates|crisis|system|levels?|law|"
    r"laws|policy|form)\b"
)
_COUNTED_UNIT_RE = re.compile(rf"\s+(?:{COUNT_RE}\s+)?(?:{UNIT_RE}|few|several)")
_NAME_AFTER_RE = re.compile(r"\s+([A-Z][\w'’]*)")
_NAME_ADJECTIVE_BEFORE_RE = re.compile(r"\b(?:Bloody|Black|Cyber|Super)\s+$")
_OF_NOT_YEAR_RE = re.compile(r"\s+of\s+(?!\d)")
# Titles given once a year: "man of the year", "album of the year", "young player of the year".
_AWARD_BEFORE_RE = re.compile(
    r"\b(?:man|woman|person|player|coach|manager|team|club|album|song|single|record|book|film|"
    r"movie|show|car|newcomer|rookie|athlete|sportsman|sportswoman|personality|entertainer|"
    r"artist|act|band|writer|author|word|goal|try|businessman|businesswoman|designer|"
    r"photographer|journalist|reporter|teacher|employee|breakthrough|comeback|achievement)"
    r"\s+of\s+$"
)
_NOT_THE_YEAR_RE = re.compile(r"\s+(?:before|after|earlier|later|when|that|in\s+which)\b")
_THE_WEEK_RE = re.compile(r"['’]s\b|,|\s+(?:ended|ending)\b")
_ENDED_RE = re.compile(r"\s+(?:ended|ending)\b")
_SENTENCE_GOES_ON_RE = re.compile(r"\s+[A-Z]|\s*$")
_DIGITS_RE = re.compile(r"\d+")
# A middle initial or a title before the weekday: "Jack T. Friday", "Mrs Monday".
_PERSON_BEFORE_RE = re.compile(r"(?:\b[A-Z][a-z]+\s+[A-Z]\.|\b(?:Mrs?|Ms|Dr|Miss)\.?)\s$")
_CAPITALISED_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+ $")
_PAPER_ON_RE = re.compile(r"\b([A-Z][a-z]+) on $")
# Events set on a calendar in advance, named after a possessive weekday (up to three words on:
# "Saturday's IRB Rugby Aid match").
_SCHEDULED_AFTER_RE = re.compile(
    r"['’]s(?:\s+[\w-]+){0,3}?\s+(?:match|game|final|semi-final|tie|race|fixture|derby|clash|"
    r"test|opener|vote|election|poll|referendum|meeting|summit|talks|hearing|debate|concert|show|"
    r"ceremony|launch|deadline|session|parade|rally|march|premiere|auction|service)\b"
)
_APPOSED_DATE_RE = re.compile(rf",\s*(?P<mon>{MONTH_RE})\s*(?P<day>{DAYNUM_RE})(?![\w])")
_SEASON_EVENT_AFTER_RE = re.compile(
    r"\s+(?:tour|break|holiday|holidays|recess|visit|trip|camp|campaign|concert|festival|"
    r"session|sale|sales|transfer|launch|release|election|exams?)\b"
)
_RESULTS_SEASON_END = 3  # annual results for last year come out in its first three months
_NIGHT_VERBS = word_set("spent spend spending spends during through throughout overnight all")
# Only these make "the fall" autumn: "blamed for the fall", "after the fall" are a drop.
_SEASON_PREPOSITIONS = word_set("in during until till")
_FALL_NOUN_AFTER_RE = re.compile(r"\s+(?:of|in|from)\b")
_OF_RE = re.compile(r"\s+of\b")
_GENERIC_BEFORE_RE = re.compile(
    r"\b(?:a|an|any|one|the\s+(?:ordinary|typical|average|usual|normal))\s+"
    r"(?:(?:typical|ordinary|normal|average|usual|given|particular|quiet|busy|rainy|wet|sunny)\s+)?$"
)
# After a generic-looking weekday: a date that anchors it, or the noun it describes.
_ANCHORED_AFTER_RE = re.compile(rf",?\s+(?:(?:last|this|next|in|of|early|late)\b|{MONTH_RE})")
_NOUN_AFTER_RE = re.compile(
    r"\s+(?!when|and|or|in|at|on|is|was|every|each|the|a|to|for)[a-z]{3,}\b"
)
_CLOCK_PREPOSITIONS = word_set("at before after around until till by from")
_SUNDAY_NAMES = word_set(
    "times telegraph express mirror herald post tribune independent star sport people mail "
    "observer business school service edition magazine review scotland wales"
)
_GRAN_ORDER = {g: i for i, g in enumerate(GRANULARITIES)}


# ---- weekdays -----------------------------------------------------------------------------------


def _check_weekday(m: re.Match[str], doc: Doc) -> bool:
    wd = doc.original(m, "wd")
    if not doc.capitalized(wd):
        return False
    text = doc.text
    nxt = _NAME_AFTER_RE.match(text, m.end("wd"), m.end("wd") + 30)
    if m.group("pod") and doc.title_word(m.start("pod")):
        return False  # "Saturday Night Live", "Sunday Morning": programmes
    if nxt and not m.group("pod"):
        word = nxt.group(1)
        prev = word_before(text, m.start())
        # "the Sunday Times", "London's Sunday Telegraph": a name, not a date.
        if word.lower() in _SUNDAY_NAMES:
            return False
        if (prev in ("the", "a") or prev.endswith(("'s", "’s"))) and word.lower().rstrip(
            "."
        ) not in MONTHS:
            return False
    # "Bloody Sunday", "Black Monday": named events, not dates.
    if _NAME_ADJECTIVE_BEFORE_RE.search(text, max(0, m.start() - 10), m.start()):
        return False
    return not _weekday_in_a_name(m, doc) and not _any_weekday(m, doc)


def _any_weekday(m: re.Match[str], doc: Doc) -> bool:
    """ "on a typical Monday", "the ordinary Tuesday when it rains": a kind of day, not one on
    the calendar; but "a Saturday morning last November" is anchored, and "a Sunday night
    service" names the service's day."""
    if m.group("mod") or not _GENERIC_BEFORE_RE.search(doc.low, max(0, m.start() - 30), m.start()):
        return False
    after = doc.low[m.end() : m.end() + 30]
    return not (_ANCHORED_AFTER_RE.match(after) or _NOUN_AFTER_RE.match(after))


def _weekday_in_a_name(m: re.Match[str], doc: Doc) -> bool:
    """ "Jack T. Friday", "Mr Friday": a surname; "drew with Sheffield Wednesday": a club;
    "The Mail on Sunday", "Scotland on Sunday": a newspaper."""
    if m.group("mod"):
        return False
    before = doc.text[max(0, m.start() - 20) : m.start()]
    if _PERSON_BEFORE_RE.search(before):
        return True
    paper = _PAPER_ON_RE.search(before)
    if paper and paper.group(1).lower() in _SUNDAY_NAMES and m.group("wd").lower() == "sunday":
        return True  # but "The New York Times on Friday" is a date
    # A capitalised word glued to the weekday: AP style dates ("The World Court Friday
    # rejected"), except in a match report, where it names a team.
    glued = _CAPITALISED_BEFORE_RE.search(before)
    return (
        bool(glued)
        and doc.match_report
        and not sentence_initial(doc.text, m.start() - len(glued.group()))
    )


def resolve_weekday(m: re.Match[str], doc: Doc) -> Resolved:
    weekday = WEEKDAYS[m.group("wd").lower()]
    pod = m.group("pod")
    code = PARTS_OF_DAY[pod.lower()] if pod else None
    if m.group("pl") or m.group("pl2"):
        value = f"XXXX-WXX-{weekday}" + (f"T{code}" if code else "")
        return Resolved("SET", value, "set", False, "none")
    mod = (m.group("mod") or "").lower()
    mod = " ".join(mod.split())
    if mod in ("", "early", "late", "earlier", "later"):
        return _bare_weekday(m, doc, weekday, code)
    if mod in ("past", "coming"):
        mod = "last" if mod == "past" else "next"
    base, anchor = doc.ref, "published"
    if mod in ("the following", "the next", "the previous", "that") and _day_anchor(doc):
        base, anchor = _day_anchor(doc), "mention"
    if base is None:
        return day_reading(f"XXXX-WXX-{weekday}", code, "none")
    if mod in ("last", "this past", "the previous"):
        day = weekday_near(base - dt.timedelta(days=1), weekday, -1)
    elif mod in ("next", "this coming", "the following", "the next"):
        day = weekday_near(base + dt.timedelta(days=1), weekday, 1)
    elif mod == "this":
        day = weekday_near(base, weekday, 1)
    else:  # "that Friday"
        day = weekday_near(base, weekday, 0)
    return day_reading(day, code, anchor)


def _bare_weekday(m: re.Match[str], doc: Doc, weekday: int, code: str | None) -> Resolved:
    """ "Saturday", "early Sunday", "Tuesday's vote": the day the clause's tense points to, the
    date the text puts beside it ("Saturday morning, November 1"), or the reading the whole
    document settled on (``discourse``)."""
    fixed = doc.fixed.get(m.start())
    apposed = _apposed_date(m, doc, weekday)
    lean, explicit = 0, False
    if fixed is not None:
        day: dt.date | str = as_day(fixed)
    elif apposed is not None:
        day, explicit = apposed, True
    elif doc.ref is None:
        day = f"XXXX-WXX-{weekday}"
    elif doc.text.startswith(("'s", "’s"), m.end()) and not code:
        # "Wednesday's ruling", "Friday's close": an event already reported on, whatever the
        # tense of the clause ("would look for ways around Wednesday's ruling"); but a fixture
        # the clause says is still to come ("will miss Sunday's final") lies ahead.
        # Read as past by default, which is no vote on which Saturday the article means unless
        # the clause before it is in the past tense too.
        lean = context.PAST if doc.told_as_past(m.start()) else NO_CUE
        if _scheduled_event(m, doc) and doc.will_happen(m.start(), m.end()):
            lean = WILL_HAPPEN
        day = weekday_by_tense(doc.ref, weekday, lean)
    else:
        lean = _weekday_direction(m, doc)
        day = weekday_by_tense(doc.ref, weekday, lean)
    resolved = day_reading(day, code, "published" if doc.ref else "none")
    resolved.key, resolved.lean, resolved.explicit = ("weekday", weekday), lean, explicit
    resolved.firm = lean == WILL_HAPPEN or doc.firmly_placed(m.start(), m.end())
    return resolved


def _apposed_date(m: re.Match[str], doc: Doc, weekday: int) -> dt.date | str | None:
    """The date set beside a weekday: "Saturday morning, November 1" is that Saturday."""
    after = _APPOSED_DATE_RE.match(doc.low, m.end())
    if after is None:
        return None
    month = MONTHS[after.group("mon").rstrip(".")]
    day = _day_number(after.group("day"))
    if doc.ref is None:
        return f"XXXX-{month:02d}-{day:02d}"
    for year in (doc.ref.year, doc.ref.year - 1, doc.ref.year + 1):
        candidate = clamp_day(year, month, day)
        if candidate.day == day and candidate.isoweekday() == weekday:
            return candidate
    return None


def day_reading(day: dt.date | str, code: str | None, anchor: str) -> Resolved:
    """A DATE for a day, or a TIME for a part of it ("Saturday evening": "...T EV"); ``day`` is
    a date, or the date part of a value that is not fully known ("XXXX-WXX-6")."""
    if isinstance(day, str):
        value, point, anchor = day, None, "none" if day.startswith("X") else anchor
    else:
        value, point = day.isoformat(), Point(day, "day")
    if code:
        return Resolved("TIME", f"{value}T{code}", "time", True, anchor, point)
    return Resolved("DATE", value, "day", True, anchor, point)


def _scheduled_event(m: re.Match[str], doc: Doc) -> bool:
    """ "Saturday's final", "Sunday's charity match": the possessive names a fixture."""
    return bool(_SCHEDULED_AFTER_RE.match(doc.low, m.end()))


def _weekday_direction(m: re.Match[str], doc: Doc) -> int:
    """PAST, NEUTRAL or FUTURE for a weekday; ``WILL_HAPPEN`` when a future auxiliary says so."""
    if doc.will_happen(m.start(), m.end()):
        return WILL_HAPPEN
    return doc.direction(m.start(), m.end())


# A direction stronger than FUTURE: "will meet on Saturday", not only "plans to meet Saturday".
WILL_HAPPEN = 2
NO_CUE = 0  # no tense cue: a weekday alone is read as the last one


def weekday_by_tense(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` a sentence looking back, ahead or neither (then back) points to. The
    reference's own weekday is that day, even in a plan ("vowed Saturday to ..."), but a week
    ahead when a future auxiliary says it is still to come: a writer would name that day
    "today" or "later on Saturday"."""
    if direction == WILL_HAPPEN and ref.isoweekday() == weekday:
        return ref + dt.timedelta(days=7)
    direction = max(-1, min(1, direction))
    return weekday_near(ref, weekday, direction if direction else context.PAST)


def _day_anchor(doc: Doc) -> dt.date | None:
    point = doc.last_point
    if point is not None and point.granularity == "day":
        return point.day
    return None


# ---- today, yesterday, this morning ---------------------------------------------------------------


_GENERIC_AFTER_TODAY_RE = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|children|kids|economy|technology|computers|"
    r"standards|culture|politics|life|young)\b"
)


def _check_deictic(m: re.Match[str], doc: Doc) -> bool:
    word = m.group("word") or ""
    if word and doc.title_word(m.start("word")):
        return False  # "VOA Today", "the Today show"
    if word in ("today", "tomorrow"):
        # "today's world", "the people of tomorrow": the present or future in general.
        if doc.low[max(0, m.start() - 3) : m.start()] == "of ":
            return False
        return not _GENERIC_AFTER_TODAY_RE.match(doc.low, m.end())
    return True


def resolve_deictic(m: re.Match[str], doc: Doc) -> Resolved:
    word = (m.group("word") or m.group("word2") or m.group("this") or "today").lower()
    pod = m.group("pod") or m.group("pod2") or m.group("pod3")
    if word == "tonight":
        pod = "night"
    if word == "last":
        word, pod = ("yesterday", "night") if (pod or "").lower() == "night" else ("today", pod)
    if word == "this":
        word = "today"
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if m.group("ba"):
        offset = -2 if m.group("ba").lower().startswith("before") else 2
    code = PARTS_OF_DAY.get(" ".join(pod.lower().split())) if pod else None
    if doc.ref is None:
        value = "XXXX-XX-XX" + (f"T{code}" if code else "")
        return Resolved("TIME" if code else "DATE", value, "time" if code else "day", True)
    day = doc.ref + dt.timedelta(days=offset)
    point = Point(day, "day")
    if code:
        return Resolved("TIME", f"{day.isoformat()}T{code}", "time", True, "published", point)
    return Resolved("DATE", day.isoformat(), "day", True, "published", point)


# ---- this week, last year, the following day, this summer ----------------------------------------


def _check_rel_unit(m: re.Match[str], doc: Doc) -> bool:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    text = doc.text
    after = text[m.end() : m.end() + 12]
    if doc.title_word(m.start("unit")):
        return False  # "ABC's This Week": a programme, not a week
    if m.group("holiday"):
        return unit == "weekend"  # "the holiday weekend", "the long weekend"
    if rel in _POSSESSIVES:
        # "their summer tour", "our full-year objectives"; not "his day", "its week", nor a
        # habit ("his winter training").
        if unit in SEASONS:
            return bool(_SEASON_EVENT_AFTER_RE.match(doc.low, m.end()))
        return (m.group("fiscal") or "").lower() == "full" and unit == "year"
    if unit == "season":
        # "last season", "next season" (of a sport): not "the last season of the show".
        return rel in ("last", "next", "this", "the previous", "the following") and not (
            _OF_RE.match(after)
        )
    if m.group("inthe"):
        return rel == "the" and unit in ("year", "month", "week")
    if unit in ("morning", "afternoon", "evening", "night"):
        # "this morning" is deictic (another rule); here only anchored ones: "the next morning",
        # and "spent the night", "during the night" after a day of the story.
        if rel == "the" and unit == "night":
            return word_before(text, m.start()) in _NIGHT_VERBS
        return rel in ("the next", "the following", "the same", "that", "the previous")
    if unit == "day":
        return rel in ("the next", "the following", "the same", "that", "that same", "the previous")
    if unit in SEASONS:
        if unit == "fall" and rel in ("the", "that"):
            # "the fall of the Berlin Wall", "the fall in prices"; "back to school in the fall".
            preposition = word_before(text, m.start()) in _SEASON_PREPOSITIONS
            return preposition and not _FALL_NOUN_AFTER_RE.match(after)
        return not (rel == "the" and _OF_NOT_YEAR_RE.match(after))
    if rel == "the":
        if unit == "weekend" or m.group("pre2"):
            return True
        if unit == "year":
            # "for the year", "the fiscal year ended June 30"; "the year before" is relative to
            # another mention and left to a reader; "player of the year" is an award.
            if _AWARD_BEFORE_RE.search(doc.low, max(0, m.start() - 40), m.start()):
                return False
            return not _NOT_THE_YEAR_RE.match(after)
        if unit == "week":
            return bool(_THE_WEEK_RE.match(after))
        return False
    if rel in ("past", "coming"):
        return unit in ("decade", "year", "week", "month")
    if m.group("fiscal") and m.group("fiscal").lower() == "full":
        return rel in ("the", "this", "last", "next", "the current")
    return True


def resolve_rel_unit(m: re.Match[str], doc: Doc) -> Resolved | None:
    resolved = _rel_unit(m, doc)
    if resolved is not None and m.group("rel").lower() in _POSSESSIVES:
        # "their summer tour": the determiner belongs to the noun phrase, not to the time.
        resolved.start = doc.skip_space(m.end("rel"))
    return resolved


def _rel_unit(m: re.Match[str], doc: Doc) -> Resolved | None:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    if rel in _POSSESSIVES:
        rel = "the"
    if unit == "season":
        return _sports_season(m, doc, rel)
    if unit == "year" and rel == "the" and (m.group("fiscal") or "").lower() == "full":
        return _full_year(m, doc)
    if unit in SEASONS:
        return _season(m, doc, rel, SEASONS[unit])
    if unit in ("morning", "afternoon", "evening", "night"):
        return _anchored_part_of_day(m, doc, rel, PARTS_OF_DAY[unit])
    if rel == "the" and unit in ("year", "week"):
        after = doc.text[m.end() : m.end() + 12]
        before = doc.low[max(0, m.start() - 12) : m.start()]
        # "the year ended March 31", "throughout the fiscal year": a length, not a date.
        if _ENDED_RE.match(after) or before.endswith("throughout "):
            value = "P1Y" if unit == "year" else "P1W"
            return Resolved("DURATION", value, "duration", False, "none")
    granularity = unit
    if rel in ("that", "the same", "that same"):
        return _anchored(doc, granularity, 0)
    ahead = rel == "the next" and doc.ref is not None and doc.direction(m.start(), m.end()) > 0
    if rel in ("the following", "the next") and doc.last_point is not None and not ahead:
        # "the following year" in a story told in the past; but "over the next year, sales
        # should rise" counts from now, not from a year mentioned in passing.
        return _anchored(doc, granularity, 1)
    if rel in ("the previous", "the preceding", "the prior") and doc.last_point is not None:
        return _anchored(doc, granularity, -1)
    if doc.ref is None:
        return Resolved("DATE", underspecified(granularity), granularity, True, "none")
    base = Point(doc.ref, granularity)
    if unit == "weekend":
        return _weekend(m, doc, rel)
    delta = {
        "last": -1,
        "past": -1,
        "the past": -1,
        "the last": -1,
        "the previous": -1,
        "the preceding": -1,
        "the prior": -1,
        "this past": -1,
        "next": 1,
        "coming": 1,
        "the coming": 1,
        "the following": 1,
        "the next": 1,
        "this coming": 1,
    }.get(rel, 0)
    if rel == "the latest" and unit == "year":
        delta = -1  # "the latest fiscal year": the last one completed
    return doc.date_value(shift(base, unit, delta), granularity)


def _sports_season(m: re.Match[str], doc: Doc, rel: str) -> Resolved:
    """ "last season", "next season": named by the year a season starts in; next season is this
    year's until the summer, when this year's is under way."""
    if doc.ref is None:
        return Resolved("DATE", "XXXX", "year", True, "none")
    year = doc.ref.year
    if rel in ("last", "the previous"):
        year -= 1
    elif rel in ("next", "the following") and doc.ref.month > 6:
        year += 1
    return doc.date_value(Point(dt.date(year, 1, 1), "year"), "year")


def _full_year(m: re.Match[str], doc: Doc) -> Resolved:
    """ "For the full year, the firm made $3bn": a whole year reported on is over. Early in the
    year, in a clause looking back, that is last year; later on it is this (fiscal) year, which
    may have ended in the spring or summer."""
    if doc.ref is None:
        return Resolved("DATE", "XXXX", "year", True, "none")
    year = doc.ref.year
    if doc.direction(m.start(), m.end()) < 0 and doc.ref.month <= _RESULTS_SEASON_END:
        year -= 1
    return doc.date_value(Point(dt.date(year, 1, 1), "year"), "year")


def _anchored(doc: Doc, granularity: str, delta: int) -> Resolved:
    """ "that year", "the same day", "the following month": the previous mention, moved."""
    point = doc.last_point
    if (
        point is not None
        and delta == 0
        and _GRAN_ORDER[point.granularity] > _GRAN_ORDER.get(granularity, 0)
    ):
        # "In March 2003 ... that week": a week of the month the story is in, which one the
        # text does not say; the year (and month) it does.
        return Resolved("DATE", _within(point, granularity), granularity, True, "mention")
    if point is None or _GRAN_ORDER[point.granularity] > _GRAN_ORDER.get(granularity, 0):
        if doc.ref is None:
            return Resolved("DATE", underspecified(granularity), granularity, True, "none")
        resolved = doc.date_value(
            shift(Point(doc.ref, granularity), granularity, delta), granularity
        )
        return resolved
    moved = shift(Point(point.day, granularity), granularity, delta)
    return Resolved("DATE", format_point(moved), granularity, True, "mention", moved)


def _within(point: Point, granularity: str) -> str:
    """The value of an unknown ``granularity`` period inside the coarser ``point``."""
    year = f"{point.day.year:04d}"
    if granularity in ("week", "weekend"):
        return f"{year}-WXX" + ("-WE" if granularity == "weekend" else "")
    if granularity == "day" and point.granularity in ("month",):
        return f"{year}-{point.day.month:02d}-XX"
    return year + underspecified(granularity)[4:]


def _anchored_part_of_day(m: re.Match[str], doc: Doc, rel: str, code: str) -> Resolved:
    delta = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    base = _day_anchor(doc)
    anchor = "mention"
    if base is None:
        base, anchor = doc.ref, "published"
    if base is None:
        return Resolved("TIME", f"{_partial_day(doc.last_day, delta)}T{code}", "time", True, "none")
    day = base + dt.timedelta(days=delta)
    return Resolved("TIME", f"{day.isoformat()}T{code}", "time", True, anchor, Point(day, "day"))


def _partial_day(last: str | None, delta: int) -> str:
    """What is known of the day ``delta`` days after a day known only in part: "XXXX-WXX-4"
    moves to "XXXX-WXX-5"; of "XXXX-08" (a month) only the month stays."""
    if last is None:
        return "XXXX-XX-XX"
    parts = last.split("-")
    if len(parts) == 2:
        return f"{last}-XX"
    if parts[1].startswith("W") and parts[2].isdigit():
        return f"{parts[0]}-{parts[1]}-{(int(parts[2]) - 1 + delta) % 7 + 1}"
    return last if delta == 0 else "-".join([*parts[:2], "XX"])


def _weekend(m: re.Match[str], doc: Doc, rel: str) -> Resolved:
    assert doc.ref is not None
    ref = doc.ref
    if rel in ("last", "the past", "the last", "this past", "the previous"):
        saturday = weekday_near(ref - dt.timedelta(days=2), 6, -1)
    elif rel in ("next", "the coming", "the next", "this coming", "the following"):
        saturday = weekday_near(ref + dt.timedelta(days=1), 6, 1)
    elif rel == "this":
        saturday = ref - dt.timedelta(days=1) if ref.isoweekday() == 7 else weekday_near(ref, 6, 1)
    else:
        direction = doc.direction(m.start(), m.end())
        if ref.isoweekday() in (6, 7):
            saturday = ref - dt.timedelta(days=ref.isoweekday() - 6)
        else:
            saturday = weekday_near(ref, 6, direction if direction else context.PAST)
    return doc.date_value(Point(saturday, "weekend"), "weekend")


def _season(m: re.Match[str], doc: Doc, rel: str, season: str) -> Resolved:
    if doc.ref is None:
        return Resolved("DATE", f"XXXX-{season}", "season", True, "none")
    ref = doc.ref
    current = Point(ref, "season", season_of(ref))
    current_year = season_year(current)
    candidates = [
        season_point(y, season) for y in (current_year - 1, current_year, current_year + 1)
    ]
    order = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}

    def key(p: Point) -> tuple[int, int]:
        return season_year(p), order[p.season or "SP"]

    now = key(current)
    if rel in ("last", "the past", "the last", "this past", "the previous", "past"):
        point = max((p for p in candidates if key(p) < now), key=key)
    elif rel in ("next", "the coming", "the next", "this coming", "the following", "coming"):
        point = min((p for p in candidates if key(p) > now), key=key)
    elif rel == "this" or current.season == season:
        point = current if current.season == season else season_point(ref.year, season)
    else:
        direction = doc.direction(m.start(), m.end())
        if direction < 0:
            point = max((p for p in candidates if key(p) <= now), key=key)
        elif direction > 0:
            point = min((p for p in candidates if key(p) >= now), key=key)
        else:
            point = season_point(ref.year, season)
    return doc.date_value(point, "season")


def resolve_year_end(m: re.Match[str], doc: Doc) -> Resolved:
    unit = (m.group("unit") or "year").lower()
    if doc.ref is None:
        return Resolved("DATE", underspecified(unit), unit, True, "none")
    point = Point(doc.ref, unit)
    if unit == "year" and doc.ref.month < 12 and doc.direction(m.start(), m.end()) < 0:
        point = shift(point, "year", -1)  # "rose 5% since year-end": the one already passed
    return doc.date_value(point, unit)


# ---- two years ago, a year earlier ----------------------------------------------------------------


def resolve_in_time(m: re.Match[str], doc: Doc) -> Resolved | None:
    resolved = resolve_offset(m, doc)
    if resolved is not None:
        resolved.start = m.start("n")
    return resolved


def resolve_offset(m: re.Match[str], doc: Doc) -> Resolved | None:
    unit = m.group("unit").lower()
    unit = UNIT_PLURALS.get(unit, unit)
    count = parse_count(m.group("n")) if m.group("n") else None
    direction = (m.groupdict().get("dir") or "from now").lower()
    sign = 1 if direction in ("from now", "hence") else -1
    if count is None or count != int(count):
        ref_value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return Resolved("DATE", ref_value, "ref", True, "published" if doc.ref else "none")
    amount = int(count) * sign
    if unit == "decade":
        unit, amount = "year", amount * 10
    elif unit == "century":
        unit, amount = "year", amount * 100
    elif unit == "fortnight":
        unit, amount = "week", amount * 2
    elif unit in ("hour", "minute", "second"):
        # "an hour earlier", "minutes ago": a moment of the story with no clock time to give;
        # as a row it would only repeat the day.
        return None
    if unit == "year" and amount == -1 and doc.last_quarter is not None:
        # "up from $10 million a year ago": the same quarter of the year before.
        point = shift(doc.last_quarter, "year", -1)
        return Resolved("DATE", format_point(point), point.granularity, True, "mention", point)
    if direction == "earlier" and doc.last_point is not None:
        base = doc.last_point
        if _GRAN_ORDER[base.granularity] <= _GRAN_ORDER.get(unit, 0) or base.granularity == unit:
            point = shift(base, unit, amount)
            return Resolved("DATE", format_point(point), point.granularity, True, "mention", point)
    if doc.ref is None:
        return Resolved("DATE", underspecified(unit), unit, True, "none")
    point = shift(Point(doc.ref, unit), unit, amount)
    return doc.date_value(point, unit)


def resolve_week_of(m: re.Match[str], doc: Doc) -> Resolved:
    month = MONTHS[m.group("mon").lower().rstrip(".")]
    day = _day_number(m.group("day"))
    if doc.ref is None:
        return Resolved("DATE", "XXXX-WXX", "week", True, "none")
    year = year_for(doc.ref, month, day, doc.direction(m.start(), m.end()))
    return doc.date_value(Point(clamp_day(year, month, day), "week"), "week")


# ---- clock times ----------------------------------------------------------------------------------


def resolve_time(m: re.Match[str], doc: Doc) -> Resolved:
    hour, minute = _clock(m)
    day, anchor, unknown = _time_day(m, doc)
    if hour == 24 and anchor == "mention":
        # "Midnight Friday" ends Friday (T24:00, TimeML); a midnight on a day the story gave
        # before ("on July 20 ... the midnight showing") is the one that opens it.
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    end = m.end()
    ampm = m.group("ampm") or ""
    # "at 6 a.m. Police said": the period also ends the sentence; TimeML leaves it out.
    if (
        ampm.endswith(".")
        and end == m.end("ampm")
        and _SENTENCE_GOES_ON_RE.match(doc.text[end : end + 3])
    ):
        end -= 1
    if day is None:
        resolved = Resolved("TIME", unknown + clock, "time", True, anchor, end=end)
    else:
        point = Point(day, "day")
        relative = anchor != "none"
        resolved = Resolved(
            "TIME", day.isoformat() + clock, "time", relative, anchor, point, end=end
        )
    weekday = WEEKDAYS.get((m.group("wd") or m.group("onwd") or "").lower())
    if weekday and not (m.group("mon") or m.group("onmon") or m.group("onmon2")):
        # "9 a.m. Tuesday" is the Tuesday the rest of the article means.
        resolved.key = ("weekday", weekday)
        if doc.ref is not None:
            resolved.lean = _weekday_direction(m, doc)
            resolved.firm = resolved.lean == WILL_HAPPEN or doc.firmly_placed(m.start(), m.end())
    return resolved


def _day_number(text: str) -> int:
    digits = _DIGITS_RE.match(text)
    return int(digits.group()) if digits else 1


def _clock(m: re.Match[str]) -> tuple[int, int]:
    if m.group("noon"):
        return (12, 0) if m.group("noon").lower() == "noon" else (24, 0)
    for hour_group, minute_group in (("h24", "mi24"), ("h4", "mi4"), ("hb", "mib")):
        if m.group(hour_group):
            return int(m.group(hour_group)), int(m.group(minute_group))
    if m.group("hw"):
        word = m.group("hw").lower()
        hour = int(word) if word.isdigit() else int(parse_count(word) or 0)
        if (m.group("inpod") or "").lower() in ("afternoon", "evening") and hour < 12:
            hour += 12
        return hour, 0
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    pm = m.group("ampm").lower().startswith("p")
    if pm and hour < 12:
        hour += 12
    if not pm and hour == 12:
        hour = 0
    return hour, minute


def _time_day(m: re.Match[str], doc: Doc) -> tuple[dt.date | None, str, str]:
    """The day a clock time falls on, how it was found, and what is known of it without a
    reference date ("XXXX-04-03" for "12:21 a.m. April 3", "XXXX-WXX-4" for "on Thursday")."""
    word = (m.group("wd") or m.group("onwd") or "").lower()
    month_text = m.group("mon") or m.group("onmon") or m.group("onmon2")
    if month_text:
        month = MONTHS[month_text.lower().rstrip(".")]
        day = _day_number(m.group("day") or m.group("onday") or m.group("onday2"))
        if m.group("year"):
            return clamp_day(int(m.group("year")), month, day), "none", ""
        if doc.ref is None:
            return None, "none", f"XXXX-{month:02d}-{day:02d}"
        year = year_for(doc.ref, month, day, doc.direction(m.start(), m.end()))
        return clamp_day(year, month, day), "published", ""
    ref = doc.ref
    fixed = doc.fixed.get(m.start())
    if fixed is not None:
        day = as_day(fixed)
        return (None, "none", day) if isinstance(day, str) else (day, "published", "")
    if ref is None:
        if word in WEEKDAYS:
            return None, "none", f"XXXX-WXX-{WEEKDAYS[word]}"
        if not word and day_known(doc.last_day):
            return None, "mention", str(doc.last_day)
        return None, "none", "XXXX-XX-XX"
    if word in ("today", "tonight"):
        return ref, "published", ""
    if word in ("yesterday", "tomorrow"):
        return ref + dt.timedelta(days=-1 if word == "yesterday" else 1), "published", ""
    if word:
        return weekday_by_tense(ref, WEEKDAYS[word], _weekday_direction(m, doc)), "published", ""
    anchor = _day_anchor(doc)
    if anchor is not None:
        return anchor, "mention", ""
    return ref, "published", ""


def _check_time(m: re.Match[str], doc: Doc) -> bool:
    if m.group("noon") and doc.low[max(0, m.start() - 5) : m.start()] == "high ":
        return False
    if m.group("noon") and doc.title_word(m.start("noon")):
        return False  # "Midnight Express", "Midnight Mass": a title
    if m.group("hw") and not m.group("hw").isdigit() and not m.group("inpod"):
        # "one o'clock" is fine; "at three" alone is not matched by the pattern anyway.
        return True
    if m.group("hb") and not m.group("approx"):
        # "at 8:00" reads as a time; "won 3:10" or "John 3:16" do not.
        return word_before(doc.text, m.start()) in _CLOCK_PREPOSITIONS
    return not (m.group("h") and int(m.group("h")) > 12)


# ---- now, recently, the future --------------------------------------------------------------------


def resolve_ref_word(m: re.Match[str], doc: Doc) -> Resolved:
    if m.group("present"):
        value = "PRESENT_REF"
    elif m.group("past"):
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    start = m.start()
    if m.group().lower().startswith("in the past"):
        start = m.start() + 3
    return Resolved("DATE", value, "ref", True, "published" if doc.ref else "none", start=start)


def _check_ref_word(m: re.Match[str], doc: Doc) -> bool:
    word = m.group()
    if word == "current":
        # "the current account", "current prices": an ordinary adjective, not the present.
        return not _CURRENT_NOT_TIME_RE.match(doc.low, m.end())
    if word == "previously":
        # As a sentence adverb ("Previously, it offered ...") it places the clause in the past;
        # before a participle ("a previously announced deal") it does not.
        return sentence_initial(doc.text, m.start())
    # "the past" alone; "the past two months" and "the past year" belong to other rules.
    return "past" not in word or not _COUNTED_UNIT_RE.match(doc.low, m.end())


_TIME_ANCHORS = word_set(
    "m am pm noon midnight clock morning afternoon evening est edt cst cdt mst mdt pst pdt gmt "
    "utc bst cet cest hours hour hrs local"
) | {CLOCK_TOKEN}
_DEICTIC_ANCHORS = word_set("today tonight yesterday tomorrow midday mid") | PART_OF_DAY_TOKENS
_REL_ANCHORS = word_set("week month year weekend decade day season") | PART_OF_DAY_TOKENS
_REF_ANCHORS = word_set(
    "now currently current days nowadays present presently moment recently past future term "
    "previously possible date"
)

RULES: list[Rule] = [
    Rule("time", _TIME_RE, resolve_time, _check_time, _TIME_ANCHORS, 40, 40),
    Rule("week_of", _WEEK_OF_RE, resolve_week_of, None, frozenset({"week"}), 5, 25),
    Rule("in_time", _IN_TIME_RE, resolve_in_time, None, frozenset({"time"}), 40, 3),
    Rule(
        "offset",
        _OFFSET_RE,
        resolve_offset,
        None,
        frozenset({"ago", "earlier", "now", "hence"}),
        70,
        5,
    ),
    Rule("weekday", _WEEKDAY_RE, resolve_weekday, _check_weekday, WEEKDAY_TOKENS, 25, 20),
    Rule("deictic", _DEICTIC_RE, resolve_deictic, _check_deictic, _DEICTIC_ANCHORS, 25, 25),
    Rule(
        "rel_unit",
        _REL_UNIT_RE,
        resolve_rel_unit,
        _check_rel_unit,
        _REL_ANCHORS | SEASON_TOKENS,
        50,
        5,
    ),
    Rule("year_end", _YEAR_END_RE, resolve_year_end, None, frozenset({"end"}), 20, 25),
    Rule("ref_word", _REF_WORDS_RE, resolve_ref_word, _check_ref_word, _REF_ANCHORS, 25, 5),
]
