"""Words of English temporal expressions and the regex fragments built from them.

Everything the grammar needs to recognise a month, a weekday, a unit or a number lives here as a
lookup table plus a regex fragment made from the same table, so the two can never disagree. Number
words ("twenty-four", "a couple of", "2 1/2") are parsed here too, because durations, offsets and
spelled-out years all need them.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip

# TIMEX3 part-of-day codes.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "mid-day": "MI", "daytime": "DT", "mid-afternoon": "AF",
    "mid afternoon": "AF", "mid-morning": "MO",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

# Units of duration in the singular; ``values.duration_value`` knows their TIMEX3 letters.
UNITS = frozenset(
    {
        *("second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year"),
        *("decade", "century", "millennium", "weekend"),
    }
)

UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
    "fortnights": "fortnight", "months": "month", "quarters": "quarter", "years": "year",
    "decades": "decade", "centuries": "century", "millennia": "millennium",
    "weekends": "weekend",
}  # fmt: skip

ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}  # fmt: skip
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# Counts that say "some number of": their durations get an X ("PXY").
VAGUE_COUNTS = frozenset(
    {"few", "a few", "several", "some", "many", "various", "numerous", "the", "recent"}
)

SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
    "yearly": "P1Y", "biannually": "P6M", "semiannually": "P6M",
}  # fmt: skip

# Fixed-date holidays (month, day) and the Easter-relative ones (days after Easter Sunday).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
    "veterans day": (11, 11), "armistice day": (11, 11), "st. patrick's day": (3, 17),
    "bastille day": (7, 14), "may day": (5, 1), "new year": (1, 1),
    "international women's day": (3, 8), "women's day": (3, 8), "world aids day": (12, 1),
    "remembrance day": (11, 11), "bonfire night": (11, 5), "guy fawkes night": (11, 5),
    "burns night": (1, 25), "st george's day": (4, 23), "st david's day": (3, 1),
    "st andrew's day": (11, 30), "earth day": (4, 22), "hogmanay": (12, 31),
}  # fmt: skip
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2, "palm sunday": -7,
    "ash wednesday": -46, "pentecost": 49, "whit monday": 50, "shrove tuesday": -47,
    "maundy thursday": -3, "mothering sunday": -21, "ascension day": 39,
}  # fmt: skip
# (month, weekday 1-7, n-th occurrence; -1 = last)
NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "columbus day": (10, 1, 2),
}  # fmt: skip


# Anchor words: tokens (as ``[a-z]+|\d+`` splits the lower-cased text) that rules start from.
MONTH_TOKENS = frozenset(MONTHS)
WEEKDAY_TOKENS = frozenset(w for w in WEEKDAYS if w.endswith("day")) | frozenset(
    w + "s" for w in WEEKDAYS if w.endswith("day")
)
UNIT_TOKENS = frozenset(UNITS) | frozenset(UNIT_PLURALS)
SEASON_TOKENS = frozenset(SEASONS)
PART_OF_DAY_TOKENS = frozenset({"morning", "afternoon", "evening", "night", "overnight", "midday"})
YEAR_TOKEN = "<year>"  # any four-digit number from 1000 to 2999
DECADE_TOKEN = "<decade>"  # "80" in "'80s" or "1980s"
SLASH_TOKEN = "<slash>"  # "10/1" in "10/19/21"
CLOCK_TOKEN = "<clock>"  # "8" in "8:00"


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (word lists read better as text)."""
    return frozenset(text.split())


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first so that a prefix never shadows a word."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


MONTH_FULL_RE = alternation(w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july"))
MONTH_ABBR_RE = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
# A month name, or an abbreviation with its period (a bare "Mar" or "Dec" is too ambiguous).
MONTH_RE = rf"(?:{MONTH_FULL_RE}|{MONTH_ABBR_RE}\.)(?![\w-])"
WEEKDAY_FULL_RE = alternation(w for w in WEEKDAYS if w.endswith("day"))
WEEKDAY_ABBR_RE = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\."
DAYNUM_RE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR_RE = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
ORDINAL_RE = alternation(ORDINALS)
SEASON_RE = alternation(SEASONS)
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night|overnight)"

_UNIT_NAMES = list(UNITS) + list(UNIT_PLURALS)
UNIT_RE = rf"(?:{alternation(_UNIT_NAMES)})(?![\w])"

_CARDINAL_SMALL = rf"(?:(?:{alternation(TENS)})(?:[\s-]+(?:{alternation(ONES)}))?|{alternation(TEENS)}|{alternation(ONES)})"
_CARDINAL_WORD = (
    rf"(?:(?:(?:a|one|two|three|four|five|six|seven|eight|nine|{_CARDINAL_SMALL})\s+)?"
    rf"(?:hundred|thousand)(?:\s+(?:and\s+)?{_CARDINAL_SMALL})?|{_CARDINAL_SMALL})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+[13]/[24])?"
# A count in front of a unit: "two", "24", "2 1/2", "a couple of", "several", "a".
COUNT_RE = (
    rf"(?:{_DIGITS}|{_CARDINAL_WORD}|(?:a\s+)?couple\s+of|a\s+couple|a\s+few|a\s+dozen|dozens\s+of|"
    rf"several|few|some|many|half\s+an?|an?)(?![\w])"
)
_TZ_RE = r"(?:[ecmp][sd]t|gmt|utc|bst|cet|cest)"
TIMEZONE_RE = _TZ_RE

_WORD_TOKEN_RE = re.compile(r"[a-z]+")


def parse_count(text: str) -> float | None:
    """The number a count phrase stands for; None for vague ones ("several", "a few")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE_COUNTS or t.endswith("few") or t.startswith("dozens"):
        return None
    if t in ("a", "an"):
        return 1
    if t in ("a couple", "a couple of", "couple of"):
        return 2
    if t == "a dozen":
        return 12
    if t.startswith("half"):
        return 0.5
    digits = _parse_digits(t)
    if digits is not None:
        return digits
    return _parse_cardinal_words(t)


def _parse_digits(t: str) -> float | None:
    head, _, frac = t.partition(" ")
    try:
        value = float(head.replace(",", ""))
    except ValueError:
        return None
    if frac:
        num, _, den = frac.partition("/")
        if num.isdigit() and den.isdigit() and int(den):
            value += int(num) / int(den)
    return value


def _parse_cardinal_words(t: str) -> float | None:
    total = 0
    current = 0
    seen = False
    for word in _WORD_TOKEN_RE.findall(t):
        if word == "and":
            continue
        if word in ("a", "one") and not seen:
            current, seen = 1, True
        elif word in ONES:
            current += ONES[word]
        elif word in TEENS:
            current += TEENS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def spelled_year(text: str) -> int | None:
    """The year in "nineteen ninety-six", "two thousand", "two thousand and one"; else None."""
    words = _WORD_TOKEN_RE.findall(text.lower())
    if not words:
        return None
    if words[0] in ("two",) and "thousand" in words:
        rest = _parse_cardinal_words(" ".join(words[words.index("thousand") + 1 :]) or "")
        return 2000 + int(rest or 0)
    century = TEENS.get(words[0])
    if century is None or century < 10:
        return None
    rest = [w for w in words[1:] if w not in ("hundred", "and")]
    if rest and rest[0] == "oh":
        rest = rest[1:]
    tail = _parse_cardinal_words(" ".join(rest)) if rest else 0.0
    if tail is None or tail >= 100:
        return None
    return century * 100 + int(tail)
