"""Rules for lengths of time and repetitions: "two years", "the past three months", "five-year",
"recent weeks", "every Monday", "daily", "$5 million a year".

Durations are values like P2Y (PXY when the count is vague); sets are TIMEX3 SETs whose value is the
period that repeats (P1D for "daily", XXXX-WXX-1 for "every Monday"). Ages ("52 years old") are
left alone, as TimeML does.
"""

from __future__ import annotations

import datetime as dt
import re

from .doc import Doc, Resolved, Rule, word_after, word_before
from .lexicon import (
    COUNT_RE,
    MONTH_RE,
    MONTHS,
    SEASONS,
    SET_ADVERBS,
    UNIT_PLURALS,
    UNIT_RE,
    UNIT_TOKENS,
    UNITS,
    WEEKDAY_FULL_RE,
    WEEKDAYS,
    alternation,
    parse_count,
    word_set,
)
from .values import Point, duration_value, year_for

_I = re.IGNORECASE

_APPROX = (
    r"(?P<approx>nearly|almost|roughly|approximately|more\s+than|less\s+than|fewer\s+than"
    r"|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|at\s+least|at\s+most|up\s+to|just\s+over"
    r"|just\s+under|well\s+over|well\s+under|under|upwards\s+of|the\s+better\s+part\s+of)"
)
_DURATION_RE = re.compile(
    rf"(?<![\w$£€#.,-])(?:{_APPROX}\s+)?(?:(?P<det>the|each\s+of\s+the|all|those|these)\s+)?"
    r"(?:(?P<rel>past|last|next|first|previous|coming|following|final|latest|initial|remaining|"
    r"preceding|ensuing|subsequent|intervening|early|closing|opening)\s+)?"
    rf"(?P<n>{COUNT_RE})(?:\s*(?:to|or|-|–|and)\s*(?P<n2>{COUNT_RE}))?"
    r"(?:\s+(?P<adj>more|additional|straight|consecutive|full|long|trading|business|"
    r"working|school|extra|further|successive|short|brief))?"
    rf"[\s-]+(?P<unit>{UNIT_RE})(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?"
    r"(?P<suffix>\s?-\s?old\b|-long|\s+old\b)?(?![\w-])",
)
_VAGUE_RE = re.compile(
    r"(?<![\w-])(?:(?P<det>the)\s+)?(?:(?P<adj>recent|coming|past|next|early|last|following|"
    r"ensuing|intervening|previous|future|upcoming)\s+)?"
    r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters)"
    r"(?:\s+(?P<or>or|and)\s+(?P<unit2>years|months|weeks|days|decades|hours|minutes))?"
    r"(?P<suffix>-long|-old|\s+ahead)?(?![\w-])",
)
# "a day-long meeting", "a month-long strike": one unit, adjectival.
_LONG_RE = re.compile(r"(?<![\w-])(?P<unit>day|week|month|year|hour|minute|night)-long(?![\w-])")
# "a long time" is left out: an idiom of degree ("it would take a long time") more than a length.
_WHILE_RE = re.compile(
    r"(?<![\w-])(?:a\s+(?:little\s+|short\s+|long\s+)?while|some\s+time"
    r"|a\s+(?:fairly\s+|very\s+)?(?:lengthy|long|short|brief)\s+period)"
    r"(?![\w-])",
)
_SET_UNITS = alternation(
    word_set(
        "year month week day hour minute quarter night morning evening afternoon weekend summer "
        "winter spring fall autumn decade"
    )
)
_SET_RE = re.compile(
    r"(?<![\w-])(?:(?:every|each)\s+(?:(?P<n>\d+|other|two|three|four|five|six|few)\s+)?"
    rf"(?P<unit>{_SET_UNITS}|{UNIT_RE}|{WEEKDAY_FULL_RE}|{MONTH_RE})"
    rf"|(?P<adv>{alternation(SET_ADVERBS)})"
    r"|(?P<freq>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|an|per|each|every)\s+"
    r"(?P<unit2>year|month|week|day|hour|minute|quarter|night)"
    r"|(?P<per>per)\s+(?P<unit3>year|month|week|day|hour|minute|quarter|night))(?![\w-])",
)

_PUBLICATIONS = word_set(
    "magazine magazines newspaper newspapers paper papers tabloid tabloids journal newsletter "
    "digest publication"
)
_TO_MONTH_RE = re.compile(
    rf"\s+(?:to|ended|ending|through|until)\s+(?:the\s+end\s+of\s+)?(?P<mon>{MONTH_RE})"
)
_MATCH_CLOCK_UNITS = frozenset({"minute", "second"})
_MODALS = word_set("will would could might may can shall should must")
_VAGUE_PREPOSITIONS = word_set(
    "for within in over after during than took take takes taking spent spend lasted"
)
_OF_NOT_YEAR_RE = re.compile(r"\s+of\s+(?!\d)")
_RELATIVE_AFTER_RE = re.compile(r"\s+(?:ago|later|earlier|before|after)\b")
_NOT_RATE_AFTER_RE = re.compile(r"\s*(?:ago|earlier|later|before|after|or|of|and|from)\b")
_NOT_DURATION_AFTER_RE = re.compile(r"\s+(?:of\s+age|older|younger)\b", _I)
_AMOUNT_WORD_RE = re.compile(
    r"(?:\d[\d,.]*|million|billion|trillion|thousand|hundred|percent|per\s+cent|%|dollars|cents|"
    r"times|once|twice|[a-z]+s)\W*$",
    _I,
)


def _unit(text: str) -> str:
    word = text.lower()
    return UNIT_PLURALS.get(word, word)


def _check_duration(m: re.Match[str], doc: Doc) -> bool:
    suffix = m.group("suffix") or ""
    if "old" in suffix:
        return False  # ages: "52 years old", "a 6-year-old boy"
    if suffix == "-long" and m.group("n") in ("a", "an"):
        return False  # "a month-long strike": the "long" rule takes "month-long"
    unit_text = doc.original(m, "unit")
    if doc.cased and unit_text[0].isupper() and not unit_text.isupper():
        return False  # "60 Minutes", "Seven Days": titles
    if m.group("unit") in ("quarter", "quarters") and _is_fraction(m, doc):
        return False  # "three-quarters of its food", "a quarter of the shares"
    if _NOT_DURATION_AFTER_RE.match(doc.text, m.end()):
        return False
    count = m.group("n").lower()
    unit = _unit(m.group("unit"))
    if unit in _MATCH_CLOCK_UNITS and doc.match_report:
        return False  # "on 54 minutes", "with six minutes left": the clock of a game
    if count in ("a", "an") and not m.group("approx") and not m.group("rel"):
        # "$5 million a year" is a rate, not a length: "a year" right after an amount.
        before = doc.text[max(0, m.start() - 25) : m.start()]
        words = before.split()
        if (
            _AMOUNT_WORD_RE.search(before)
            and words
            and words[-1].lower() not in _VAGUE_PREPOSITIONS
        ):
            return False
    if unit == "second" and count in ("a", "the"):
        return False
    return not (count == "some" and unit in ("day", "year", "month", "week"))


def _is_fraction(m: re.Match[str], doc: Doc) -> bool:
    hyphen = doc.low[m.start("unit") - 1] == "-"
    fraction_count = hyphen or m.group("n") in ("a", "one", "three")
    return fraction_count and bool(_OF_NOT_YEAR_RE.match(doc.low, m.end()))


def resolve_duration(m: re.Match[str], doc: Doc) -> Resolved:
    unit = _unit(m.group("unit"))
    count = parse_count(m.group("n"))
    if m.group("half") and count is not None:
        count += 0.5
    det = (m.group("det") or "").lower()
    if _someday(m, doc, det, count, unit):
        # "Islam will one day be ...": an unspecified time ahead, not a length of 24 hours.
        return Resolved("DATE", "FUTURE_REF", "ref", True, "published" if doc.ref else "none")
    if unit == "quarter" and count is not None:
        unit, count = "month", count * 3
    value = duration_value(count, unit)
    start = m.start()
    adjectival = "-" in doc.low[m.end("n") : m.start("unit")] or (
        m.group("unit") in UNITS and count not in (None, 1) and not m.group("rel")
    )
    if det in ("those", "these", "all") or (det == "the" and adjectival):
        start = doc.skip_space(m.end("det"))
    resolved = Resolved("DURATION", value, "duration", False, "none", start=start)
    quarter = _quarter_ending(m, doc) if count == 3 and unit == "month" else None
    if quarter is not None:
        # "for the three months to December": a quarter, the one the report is about, so that
        # "year-earlier" is the same quarter a year before.
        resolved.point = quarter
    else:
        resolved.new_period = det == "the" and unit == "month" and not adjectival
    return resolved


def _quarter_ending(m: re.Match[str], doc: Doc) -> Point | None:
    """The quarter named as "three months to/ended <month>", in the year the clause points to."""
    after = _TO_MONTH_RE.match(doc.low, m.end())
    if after is None or doc.ref is None:
        return None
    month = MONTHS[after.group("mon").rstrip(".")]
    if month % 3:
        return None  # not the last month of a calendar quarter
    year = year_for(doc.ref, month, None, doc.direction(m.start(), m.end()))
    return Point(dt.date(year, month - 2, 1), "quarter")


def _someday(m: re.Match[str], doc: Doc, det: str, count: float | None, unit: str) -> bool:
    """ "one day" as an adverb of the future: right after a modal ("will one day be")."""
    if unit != "day" or count != 1 or det or m.group("rel") or m.group("approx"):
        return False
    if m.group("n").lower() != "one" or m.group("n2") or m.group("adj"):
        return False
    return word_before(doc.text, m.start()) in _MODALS


def _check_vague(m: re.Match[str], doc: Doc) -> bool:
    if _unit(m.group("unit")) in _MATCH_CLOCK_UNITS and doc.match_report:
        return False
    if (m.group("adj") or "").lower() == "early" and m.group("unit").lower() == "hours":
        return False  # "the early hours of Saturday": a time of night, not a length
    if m.group("suffix") and m.group("suffix").lower() == "-old":
        return m.group("unit").lower() == "years"
    if m.group("adj") or m.group("det") or m.group("suffix"):
        if m.group("det") and not m.group("adj"):
            # "the years that followed", "over the years"
            nxt = doc.text[m.end() : m.end() + 15].lower()
            prev = doc.text[max(0, m.start() - 8) : m.start()].lower().split()
            return nxt.startswith((" that", " since", " ahead", " to come")) or (
                bool(prev) and prev[-1] in ("over", "in", "through")
            )
        return True
    prev = doc.text[max(0, m.start() - 20) : m.start()].lower().split()
    if not prev or prev[-1] not in _VAGUE_PREPOSITIONS:
        return False
    nxt = doc.text[m.end() : m.end() + 12].lower()
    # "for years", "within weeks"; not "months ago" (the offset rule) or "days before".
    return not _RELATIVE_AFTER_RE.match(nxt)


def resolve_vague(m: re.Match[str], doc: Doc) -> Resolved:
    resolved = _vague(m, doc)
    if m.group("det"):
        resolved.start = doc.skip_space(m.end("det"))  # "in the coming years": "the" left out
    return resolved


def _vague(m: re.Match[str], doc: Doc) -> Resolved:
    adj = (m.group("adj") or "").lower()
    unit = _unit(m.group("unit"))
    if adj in ("future", "upcoming"):
        return Resolved("DATE", "FUTURE_REF", "ref", True, "published" if doc.ref else "none")
    if adj in ("past", "previous") and unit == "year" and not m.group("det"):
        return Resolved("DATE", "PAST_REF", "ref", True, "published" if doc.ref else "none")
    if adj == "recent" and unit == "year":
        return Resolved("DATE", "PAST_REF", "ref", True, "published" if doc.ref else "none")
    if unit == "quarter":
        return Resolved("DURATION", "PXM", "duration")
    return Resolved("DURATION", duration_value(None, unit), "duration")


def resolve_long(m: re.Match[str], doc: Doc) -> Resolved:
    unit = "day" if m.group("unit") == "night" else m.group("unit")
    return Resolved("DURATION", duration_value(1, unit), "duration")


def resolve_while(m: re.Match[str], doc: Doc) -> Resolved:
    text = m.group().lower()
    value = "PXM" if text.startswith("some") else "PXX"
    return Resolved("DURATION", value, "duration")


def _check_set(m: re.Match[str], doc: Doc) -> bool:
    if m.group("per"):
        before = doc.text[max(0, m.start() - 25) : m.start()]
        words = before.split()
        if (
            not words
            or words[-1].lower() in _VAGUE_PREPOSITIONS
            or words[-1].lower()
            in (
                "than",
                "about",
                "nearly",
                "almost",
                "least",
            )
        ):
            return False
        if not _AMOUNT_WORD_RE.search(before):
            return False
        after = doc.text[m.end() : m.end() + 12].lower()
        return not _NOT_RATE_AFTER_RE.match(after)
    if m.group("adv"):
        if m.group("adv").lower() == "quarterly":
            return False  # "a quarterly dividend" is a kind of payment, not a recurrence annotated
        return not _publication(m, doc)
    unit = m.group("unit")
    if unit and unit.rstrip(".") in MONTHS and doc.cased:
        return doc.original(m, "unit")[0].isupper()
    return True


def _publication(m: re.Match[str], doc: Doc) -> bool:
    """ "The Daily Mirror", "Trade Weekly", "a weekly magazine": a publication, not a repetition."""
    word = doc.original(m, "adv")
    after = word_after(doc.text, m.end())
    if word[0].isupper() and doc.cased and not word.isupper():
        return doc.title_word(m.start()) or after[:1].isupper()
    return after.lower() in _PUBLICATIONS


def resolve_set(m: re.Match[str], doc: Doc) -> Resolved:
    if m.group("adv"):
        return Resolved("SET", SET_ADVERBS[m.group("adv").lower()], "set")
    unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
    key = unit.rstrip(".")
    if key in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[key]}", "set")
    if key in MONTHS:
        return Resolved("SET", f"XXXX-{MONTHS[key]:02d}", "set")
    if key in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[key]}", "set")
    if key in ("morning", "afternoon", "evening", "night"):
        code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[key]
        return Resolved("SET", f"XXXX-XX-XXT{code}", "set")
    count: float | None = 1
    n = (m.group("n") or "").lower()
    if n == "other":
        count = 2
    elif n:
        count = parse_count(n)
    return Resolved("SET", duration_value(count, _unit(key)), "set")


_PLURAL_UNITS = frozenset(UNIT_PLURALS)
# Every set names its repetition: "every", "each", "per", "twice", "times" or an adverb.
_SET_ANCHORS = word_set("every each per once twice thrice times") | frozenset(SET_ADVERBS)

RULES: list[Rule] = [
    Rule("duration", _DURATION_RE, resolve_duration, _check_duration, UNIT_TOKENS, 50, 30),
    Rule("vague_duration", _VAGUE_RE, resolve_vague, _check_vague, _PLURAL_UNITS, 30, 30),
    Rule("while", _WHILE_RE, resolve_while, None, frozenset({"while", "time", "period"}), 30, 5),
    Rule("long", _LONG_RE, resolve_long, None, frozenset({"long"}), 8, 2),
    Rule("set", _SET_RE, resolve_set, _check_set, _SET_ANCHORS, 12, 40),
]
