"""Rules for calendar names: dates, months, years, decades, centuries, quarters, seasons, holidays.

Each rule pairs a compiled pattern with a ``check`` (cheap veto of false positives such as "may"
the verb, "March" the verb, "May" the surname, years that are quantities) and a handler that
fills in the TIMEX3 value, completing a missing year from the reference date and the direction of
the sentence ("in March" said in October of a past event is the March before).
"""

from __future__ import annotations

import datetime as dt
import re

from . import context
from .doc import Doc, Resolved, Rule, sentence_initial, underspecified, word_after, word_before
from .lexicon import (
    DAYNUM_RE,
    DECADE_TOKEN,
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    MONTH_ABBR_RE,
    MONTH_FULL_RE,
    MONTH_RE,
    MONTH_TOKENS,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    ORDINAL_RE,
    ORDINALS,
    SEASON_RE,
    SEASON_TOKENS,
    SEASONS,
    SLASH_TOKEN,
    WEEKDAY_ABBR_RE,
    WEEKDAY_FULL_RE,
    WEEKDAYS,
    YEAR_RE,
    YEAR_TOKEN,
    alternation,
    spelled_year,
    word_set,
)
from .values import (
    Point,
    clamp_day,
    easter,
    format_point,
    nth_weekday,
    quarter_of,
    quarter_point,
    season_point,
    shift,
    year_for,
    year_nearest,
)

_I = re.IGNORECASE

_SPELLED_YEAR_RE = (
    r"(?:(?:nineteen|eighteen|twenty)(?:\s+hundred)?[\s-]+(?:and\s+)?(?:oh[\s-]+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
    r"|two\s+thousand(?:(?:\s+and)?[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
    r"(?![\w-])"
)
_WEEKDAY_PREFIX = rf"(?:(?P<wd>{WEEKDAY_FULL_RE}|{WEEKDAY_ABBR_RE}),?\s+(?:the\s+)?)?"
_SHORT_YEAR = r"['’]\d\d(?![\d'’])"
# Space that may wrap a line but never crosses a blank one: a year after a blank line starts
# another paragraph ("Tuesday, 1 March" then "1945 GMT" on a fixture card).
_LINE_SPACE = r"[ \t]*\n?[ \t]*"

# "Tuesday, Oct. 19, 2021", "Oct. 19", "March 12 1999", "Friday Oct. 13"
_MDY_RE = re.compile(
    rf"(?<![\w]){_WEEKDAY_PREFIX}(?P<mon>{MONTH_RE})\s*"
    rf"(?P<day>{DAYNUM_RE}|(?:the\s+)?{ORDINAL_RE}(?![\w-]))"
    rf"(?:(?:[ \t]*,{_LINE_SPACE}|{_LINE_SPACE}(?<=\s))(?P<year>{YEAR_RE}|{_SHORT_YEAR}))?(?![\w])",
)
# ", 10, 2020" / " and 10, 2020" after "Nov. 9": more days of that month, then their year.
_DAYS_THEN_YEAR_RE = re.compile(
    rf"(?:\s*,\s*{DAYNUM_RE})*\s*,?\s*(?:and|&|or)\s+{DAYNUM_RE}\s*,\s*(?P<year>{YEAR_RE})(?!\w)"
)
# "19 October 2021", "the 19th of October", "Tuesday 19 October"
_DMY_RE = re.compile(
    rf"(?<![\w.,$]){_WEEKDAY_PREFIX}(?P<the>the\s+)?(?P<day>{DAYNUM_RE})(?P<of>\s+of)?\s+"
    rf"(?P<mon>{MONTH_RE})(?:,?{_LINE_SPACE}(?<=\s)(?P<year>{YEAR_RE}))?(?![\w])",
)
# 2021-10-19, 10/19/2021, 19/10/21
_NUMERIC_RE = re.compile(
    r"(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:t(?P<ih>[0-2]\d):(?P<imi>[0-5]\d))?"
    r"|(?P<a>[01]?\d|[23][01]?)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d))(?![\w/]|[.:-]\d)"
)
_MONTH_WORD = rf"(?:{MONTH_FULL_RE}|{MONTH_ABBR_RE}\.)"  # MONTH_RE without its end check
_MOD = r"(?P<mod>early|late|mid|the\s+(?:middle|beginning|start|end|close)\s+of)"
# "July 1997", "January nineteen ninety-seven", "June last year", "early March 1999"
_MONTH_YEAR_RE = re.compile(
    rf"(?<![\w-])(?:{_MOD}[\s-]+)?(?P<mon>{MONTH_RE}),?\s+(?:of\s+)?"
    rf"(?:(?P<year>{YEAR_RE}|{_SHORT_YEAR})|(?P<syear>{_SPELLED_YEAR_RE})|(?P<rel>this|last|next)\s+year(?!['’]))"
    r"(?![\w])",
)
# "March", "early March", "last April", "mid-November", "the end of November"
_MONTH_RE = re.compile(
    rf"(?:(?<![\w-])|(?<=[a-z.]-))(?:(?P<mod>early|late|mid|the\s+(?:middle|beginning|start|end|close)\s+of|"
    rf"(?P<rel>last|next|this(?:\s+(?:past|coming))?|the\s+(?:following|next|previous)))[\s-]+)?"
    rf"(?P<mon>{_MONTH_WORD})"
    rf"(?!\w|-(?!{MONTH_RE})|\s*\d)",
)
# "March" in "between March and October 2004": the year written once serves both months.
_SHARED_YEAR_RE = re.compile(
    rf"\s*(?:and|or|to|through|until|till|-|–)\s*(?:{MONTH_RE})\s*,?\s*(?P<year>{YEAR_RE})(?!\w)"
)
# A month glued by a hyphen to the month before it: "the June-July tour".
_MONTH_HYPHEN_BEFORE_RE = re.compile(rf"(?<![\w-])(?:{_MONTH_WORD})-$")
_YEAR_MOD = (
    r"(?P<mod>early|late|mid|pre|post|the\s+(?:middle|beginning|start|end|close|rest)\s+of|"
    r"(?:the\s+)?(?P<half>first|second|last|latter)\s+half\s+of|(?:the\s+)?(?:fiscal|calendar)"
    r"(?:\s+year)?|the\s+year)"
)
# "1990", "fiscal 1989", "mid-1996", "the end of 1990", "the year 2000"
_YEAR_RE = re.compile(
    rf"(?<![\w$£€#.,/:'’-])(?:{_YEAR_MOD}[\s-]+)?(?P<year>{YEAR_RE})"
    r"(?![\w%]|[.,:]\d|-\d|\s*(?:%|percent\b))",
)
_SPELLED_RE = re.compile(
    rf"(?<![\w-])(?:(?P<pre>in|since|of|by|until|from|during|before|after|to)\s+)?"
    rf"(?P<body>(?P<theyear>the\s+year\s+)?(?P<syear>{_SPELLED_YEAR_RE}))",
)
_DECADE_RE = re.compile(
    rf"(?<![\w'’])(?P<the>the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<dec>1\d\d0|20\d0)['’]?s"
    rf"|['’](?P<dec2>\d0)['’]?s|(?P<decw>{alternation(DECADE_WORDS)}))(?![\w])",
)
_CENTURY_RE = re.compile(
    rf"(?<![\w])(?:the\s+)?(?:(?P<ord>{ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century"
    r"|(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next|the\s+current|the\s+previous)"
    r"\s+century)(?![\w-])",
)
_QN = r"(?P<qn>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_QPRE = (
    rf"(?:(?P<qyear>{YEAR_RE})[\s-]+|(?P<fiscal>fiscal)[\s-]+(?:(?P<fyear>{YEAR_RE})\s+)?"
    r"|(?P<qrel>this|last|next)\s+year['’]s\s+|(?P<qago>year[\s-](?:ago|earlier))\s+"
    r"|(?P<adj>comparable|corresponding|same|latest|current|recent|flat|previous|prior)\s+)*"
)
_QOF = (
    rf"(?:\s+of\s+(?:(?P<oyear>{YEAR_RE})|(?:fiscal|calendar)\s+(?P<ofyear>{YEAR_RE})"
    r"|(?P<orel>this|last|next|the\s+current|the\s+previous|the\s+next)\s+(?:fiscal\s+)?year"
    r"|the\s+year)|\s+(?P<post>a\s+year\s+(?:ago|earlier)|last\s+year|this\s+year))?"
)
# "the third quarter", "third-quarter", "the 1988 second quarter", "the year-ago quarter",
# "the first half of 1990", "the latest period"
_QUARTER_RE = re.compile(
    rf"(?<![\w-])(?:(?P<det>the|this|that)\s+)?{_QPRE}"
    rf"(?:{_QN}[\s-]+(?:fiscal[\s-]+)?(?:quarter|qtr\.?)|(?P<hn>first|second|last|latter)[\s-]+half"
    rf"|(?P<bare>quarter|period))(?![\w-]){_QOF}",
)
# "year-ago results", "year-earlier profit": the period a year before the one discussed.
_YEAR_AGO_RE = re.compile(
    r"(?<![\w-])year[\s-](?:ago|earlier)(?![\w-]|\s+(?:quarter|period|third|second|first|fourth))"
)
_SEASON_YEAR_RE = re.compile(
    rf"(?<![\w-])(?:(?P<the>the)\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>{SEASON_RE})"
    rf"(?:\s+of)?,?\s+(?:(?P<year>{YEAR_RE})|(?P<syear>{_SPELLED_YEAR_RE}))",
)
_HOLIDAY_NAMES = list(FIXED_HOLIDAYS) + list(EASTER_HOLIDAYS) + list(NTH_WEEKDAY_HOLIDAYS)
_HOLIDAY_RE = re.compile(
    rf"(?<![\w-])(?:(?P<rel>last|next|this)\s+)?(?P<name>{alternation(_HOLIDAY_NAMES)}"
    rf"|election\s+day)(?:\s+(?P<week>week)|\s+(?P<weekend>weekend)|\s+(?P<break>holidays?|break))?"
    rf"(?:,?\s+(?P<year>{YEAR_RE}))?(?![\w-])",
)
# Other calendars' new years ("Chinese New Year") fall elsewhere; "New Year Honours" is a list.
_OTHER_NEW_YEAR_BEFORE_RE = re.compile(
    r"(?:chinese|lunar|jewish|persian|iranian|vietnamese|tibetan|islamic|muslim|hindu|thai|"
    r"korean|tamil|sikh|bengali|orthodox)\s+$"
)
_NEW_YEAR_NAME_AFTER_RE = re.compile(
    r"['’]?s?\s+(?:honours|honors|list|resolutions?|message|address|speech|cards?|greetings?)\b"
)

_YEAR_PREPOSITIONS = word_set(
    "in since of from until till by before after during circa year years to through and or "
    "between early late mid fiscal around about the"
)
_NOT_YEAR_BEFORE = word_set(
    "no no. number section sections article articles rule rules chapter title room suite flight "
    "route highway resolution page pages box model version form code item items unit units "
    "platform lot gate exit bus line interstate channel cell account pin hp"
)
_NOT_YEAR_AFTER_RE = re.compile(
    r"\s*(?:[-–]\s*\d|(?:gmt|bst|utc|hrs|hours|local\s+time|people|persons|troops|soldiers|shares|points|votes|tons|barrels|"
    r"employees|workers|jobs|cars|units|members|men|women|children|residents|students|"
    r"feet|meters|metres|miles|kilometers|yards|pounds|acres|calories|dollars|yen|marks|"
    r"francs|pesos|euros|rupees|hours|minutes|seconds|days|times|copies|homes|houses|"
    r"refugees|prisoners|delegates|patients|pages|words|signatures|plants|stores)\b)",
    _I,
)
_TITLE_WORD_BEFORE_RE = re.compile(r"\b([A-Z][a-z]{2,})\s$")
_WORDS_RE = re.compile(r"[A-Za-z][\w'’-]*")
_HEADLINE_START_RE = re.compile(r"[:;\"“”\n]")
# Short words a title leaves in lower case.
_TITLE_SMALL_WORDS = word_set("a an the of for and or in on to at by with from as vs v")
# Capitalised words that say a year is a date: months, seasons, holidays, "In 2004".
_DATE_WORDS = (
    MONTH_TOKENS
    | SEASON_TOKENS
    | word_set("in since until by during before after from of circa christmas easter year fiscal")
)
_ABBREVIATED_MONTH_BEFORE = word_set("in since until till by from through during of before after")
_MONTH_AND_RE = re.compile(rf"(?:{MONTH_RE})\s+(?:and|or|to|through)\s+$")
_GLUED_DIGITS_RE = re.compile(r"\d[-/]\s?$")
_NAME_AFTER_RE = re.compile(r"\s+[A-Z][a-z]")
_NAME_BEFORE_RE = re.compile(r"(?:[A-Z][a-z]+|['’]s)\s$")
_OF_RE = re.compile(r"\s+of\b")
_INDEFINITE_BEFORE_RE = re.compile(r"\ban?\s+(?:[a-z]+\s+)?$")
_DIGITS_RE = re.compile(r"\d+")
_HYPHEN_QUARTER_RE = re.compile(r"-(?:fiscal-)?quarter$")
_NAME_TITLES_RE = re.compile(
    r"(?:\b(?:Mrs?|Ms|Dr|Prof|Sen|Rep|Gov|Lt|Gen)\.?|\b[A-Z][a-z]+)\s+$",
)
# Words after "may" the modal verb: "in May be" is never the month.
_AFTER_MODAL_MAY = word_set(
    "be have not also well never still help need want take make get see go seem come"
)
_AFTER_MARCH_VERB = word_set("on to for against through into past of in across")
_MONTH_NAMES_AS_NAMES = frozenset({"april", "may", "june", "august", "july", "january"})
_REPORTING_VERBS = word_set(
    "said says reported reports announced announces estimated estimates expects expected "
    "predicted predicts forecast noted notes added indicated indicates warned warns showed "
    "shows confirmed confirms disclosed discloses believes believed projected projects"
)
# "a June agreement", "the October slaying": a month naming an event or document.
_DETERMINER_BEFORE_RE = re.compile(r"(?:\b(?:an?|the|its|his|her|their|our)|['’]s)\s+$", _I)
_NOUN_AFTER_RE = re.compile(r"\s+([a-z][a-z-]+)\b")
_NOT_NOUNS = word_set(
    "and or to of in on at for by from with is was are were will would has had have as that "
    "than through until when after before"
)


# Events named by their day alone, with the year they happened: "the 11 September attacks".
NAMED_EVENT_DAYS: dict[tuple[int, int], int] = {(9, 11): 2001}
_EVENT_NOUN_AFTER_RE = re.compile(r"\s+(?:terrorist\s+|terror\s+)?(?:attacks?|hijackings?)\b")


def _year_value(doc: Doc, text: str | None, start: int) -> int | None:
    """A four-digit or apostrophe year ("'98") as an int; None when absent."""
    if not text:
        return None
    if text[0] in "'’":
        short = int(text[1:])
        base = doc.ref.year if doc.ref else 1950
        # "'98" is the nearest 19xx/20xx year, not more than 20 years ahead of the reference.
        year = (base // 100) * 100 + short
        return year - 100 if year > base + 20 else year
    return int(text)


# ---- checks -------------------------------------------------------------------------------------


def _month_token_ok(m: re.Match[str], doc: Doc) -> bool:
    """A month word must look like a month: capitalised, and not "may" the verb."""
    mon = doc.original(m, "mon")
    if not doc.capitalized(mon):
        return False
    # "MAY" in an all-capitals headline is as likely the verb as the month.
    return not (mon.lower() == "may" and doc.cased and mon.isupper() and len(m.group()) == 3)


def _check_date(m: re.Match[str], doc: Doc) -> bool:
    if not _month_token_ok(m, doc):
        return False
    return 1 <= _day_number(m.group("day")) <= 31


def _check_dmy(m: re.Match[str], doc: Doc) -> bool:
    if not _check_date(m, doc):
        return False
    # "5 May" needs the ordinal, "the" or "of", or the month after a bare number in a date-like
    # spot; "3 May be" is a count followed by a verb, which the capital check already excludes.
    return bool(m.group("the") or m.group("of") or doc.original(m, "mon")[0].isupper())


def _check_month(m: re.Match[str], doc: Doc) -> bool:
    if not _month_token_ok(m, doc):
        return False
    if doc.low[m.start() - 1 : m.start()] == "-" and not _MONTH_HYPHEN_BEFORE_RE.search(
        doc.low, max(0, m.start() - 12), m.start()
    ):
        return False
    if _MONTH_HYPHEN_BEFORE_RE.search(doc.low, max(0, m.start() - 12), m.start()):
        return True  # "June-July"
    mon = m.group("mon")
    key = mon.lower().rstrip(".")
    text = doc.text
    before = word_before(text, m.start("mon"))
    after = word_after(text, m.end())
    has_mod = m.group("mod") is not None or (m.groupdict().get("rel") is not None)
    if key == "may" and not has_mod:
        return _may_is_month(text, m, before, after, doc)
    if mon.endswith(".") and not has_mod and before not in _ABBREVIATED_MONTH_BEFORE:
        # "Ant and Dec.": a short form alone is a month only after "in", "since"... or another
        # month ("in Dec. and Jan.").
        return bool(_MONTH_AND_RE.search(doc.low, max(0, m.start() - 30), m.start()))
    if has_mod or (before in _YEAR_PREPOSITIONS and before != "the"):
        return True
    if key == "march" and after.lower() in _AFTER_MARCH_VERB:
        return False  # "March on Washington", "March to the sea": the verb or the noun
    if key in _MONTH_NAMES_AS_NAMES:
        # "April Glaspie", "June Carter": a first name before a capitalised word; "Sen. April
        # Smith", "Mrs. June": a name after a title or another name.
        if after[:1].isupper() and after.lower().rstrip(".") not in MONTHS:
            return False
        if _NAME_TITLES_RE.search(text[max(0, m.start() - 20) : m.start()]):
            return sentence_initial(text, m.start())
    return True


def _may_is_month(text: str, m: re.Match[str], before: str, after: str, doc: Doc) -> bool:
    """ "May" alone is a month only where a month can go: after "in", "since", "until", ..."""
    if before in _YEAR_PREPOSITIONS and before not in ("and", "or", "the", "to", "about"):
        return after.lower() not in _AFTER_MODAL_MAY
    if before in ("and", "or", "to", "through"):
        # "April and May", "March to May": a month when the other side is a month too.
        return bool(_MONTH_AND_RE.search(doc.low, max(0, m.start() - 30), m.start()))
    return False


def _check_year(m: re.Match[str], doc: Doc) -> bool:
    year = int(m.group("year"))
    text = doc.text
    before = word_before(text, m.start("year"))
    if m.group("mod"):
        return 1000 <= year <= 2099
    if before in _NOT_YEAR_BEFORE or text[max(0, m.start() - 2) : m.start()].strip() in ("#", "No"):
        return False
    if _NOT_YEAR_AFTER_RE.match(text, m.end()):
        return False
    # A phone number, an address or a score: digits glued by "-" or "/" before the year.
    if _GLUED_DIGITS_RE.search(text, max(0, m.start() - 3), m.start()):
        return False
    # "Kopp's 1987 Chevrolet", "Orion 1980 said": a model year or part of a name; "Film 2005",
    # "Review 2019": the title of a show or a report. (In a headline written in title case,
    # "Mulls 2016 Run" is a year.)
    named = _between_names(text, m.start(), m.end()) or _title_before(text, m.start())
    if named and doc.cased and before not in _YEAR_PREPOSITIONS and not _title_case_around(text, m):
        return False
    if 1900 <= year <= 2099:
        return True
    return 1000 <= year < 1900 and before in _YEAR_PREPOSITIONS


def _title_before(text: str, start: int) -> bool:
    """A capitalised word right before the year, not opening the sentence: "Executions 2014"."""
    word = _TITLE_WORD_BEFORE_RE.search(text, max(0, start - 25), start)
    if word is None or sentence_initial(text, word.start()):
        return False
    if text[max(0, word.start() - 2) : word.start()] == ": ":
        return False  # ": Well 1981 was the year": a new sentence after a colon
    return word.group(1).lower().rstrip(".") not in _DATE_WORDS


def _title_case_around(text: str, m: re.Match[str]) -> bool:
    """Whether the words around the year are all capitalised (a headline in title case)."""
    # A headline quoted after a colon or a quotation mark starts there.
    head = _HEADLINE_START_RE.split(text[max(0, m.start() - 40) : m.start()])[-1]
    left = _WORDS_RE.findall(head)[-3:]
    right = _WORDS_RE.findall(text, m.end(), m.end() + 40)[:3]
    words = [w for w in left + right if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _between_names(text: str, start: int, end: int) -> bool:
    after_name = _NAME_AFTER_RE.match(text, end, end + 3) is not None
    return after_name and _NAME_BEFORE_RE.search(text, max(0, start - 14), start) is not None


def _check_quarter(m: re.Match[str], doc: Doc) -> bool:
    if m.group("bare"):
        word = m.group("bare").lower()
        has_pre = any(m.group(g) for g in ("qyear", "fiscal", "qrel", "qago", "adj"))
        if word == "period" and not has_pre:
            return False
        if word == "quarter":
            if not (has_pre or m.group("det")):
                return False
            # "a quarter of the shares", "the quarter-point cut": a fraction, not a period.
            fraction = _OF_RE.match(doc.low, m.end())
            if fraction and not (m.group("oyear") or m.group("orel")):
                return False
    if not m.group("hn"):
        return True
    if doc.match_report and not any(m.group(g) for g in _HALF_OF_A_YEAR):
        return False  # "the first half" of a game
    return bool(m.group("det") or m.group("oyear") or m.group("qyear"))


# Groups that make "the first half" a half of a year: "of 2004", "of next year", "fiscal".
_HALF_OF_A_YEAR = ("qyear", "fiscal", "qrel", "oyear", "ofyear", "orel", "post")


def _check_holiday(m: re.Match[str], doc: Doc) -> bool:
    if not doc.capitalized(doc.original(m, "name")):
        return False
    if " ".join(m.group("name").split()) != "new year":
        return True
    if not (m.group("week") or m.group("weekend") or m.group("break")):
        return False  # "into the New Year": the coming year, not a holiday
    if _OTHER_NEW_YEAR_BEFORE_RE.search(doc.low, max(0, m.start() - 12), m.start()):
        return False
    return not _NEW_YEAR_NAME_AFTER_RE.match(doc.low, m.end("name"))


def _check_decade(m: re.Match[str], doc: Doc) -> bool:
    # "the nineties" needs its article; "nineties" alone is usually an age or a temperature.
    return not m.group("decw") or bool(m.group("the"))


# ---- handlers -----------------------------------------------------------------------------------


def _direction_for(doc: Doc, m: re.Match[str]) -> int:
    rel = (m.groupdict().get("rel") or "").lower()
    if rel.startswith("last") or rel == "this past":
        return context.PAST
    if rel.startswith("next") or rel == "this coming":
        return context.FUTURE
    before = word_before(doc.text, m.start())
    if before in ("last", "since"):
        return context.PAST
    if before == "next":
        return context.FUTURE
    if before == "through":
        # The end of a span ("loans through January", "sales through August") lies on either
        # side of now whatever the verb says: the nearest occurrence is the best guess.
        return context.NEUTRAL
    return doc.direction(m.start(), m.end())


def _resolve_day(doc: Doc, m: re.Match[str], month: int, day: int, year: int | None) -> Resolved:
    weekday = m.groupdict().get("wd")
    weekday_number = WEEKDAYS[weekday.lower().rstrip(".")] if weekday else None
    if year is not None:
        point = Point(clamp_day(year, month, day), "day")
        resolved = Resolved("DATE", point.day.isoformat(), "day", False, "none", point)
    elif doc.ref is None:
        resolved = _in_the_narrative(doc, month, day)
    else:
        resolved = _day_of_the_year(doc, m, month, day, weekday_number)
    if weekday_number:
        # "Saturday, Nov. 1" says which Saturday the article's other "Saturday"s mean.
        resolved.key, resolved.explicit = ("weekday", weekday_number), True
    return resolved


def _in_the_narrative(doc: Doc, month: int, day: int | None) -> Resolved:
    """ "March", "February 7" in a text with no publication date: after "in December 1944" a
    story goes on in its own time, so the nearest such month to the last dated one (forward
    on a tie); without such a month or day before it, the year stays unknown."""
    granularity = "day" if day else "month"
    anchor = doc.last_point
    if anchor is None or anchor.granularity not in ("day", "month"):
        unknown = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
        return Resolved("DATE", unknown, granularity, True, "none")
    year = year_nearest(anchor.day, month, day)
    point = Point(clamp_day(year, month, day or 1), granularity)
    return Resolved("DATE", format_point(point), granularity, True, "mention", point)


def _day_of_the_year(
    doc: Doc, m: re.Match[str], month: int, day: int, weekday: int | None
) -> Resolved:
    """ "Nov. 6" said on ``doc.ref``: the year its weekday fixes, or the document's reading of
    the same words, or the one the tense points to."""
    assert doc.ref is not None
    year, lean = None, 0
    fixed = doc.fixed.get(m.start())
    if weekday:
        year = _year_matching_weekday(doc.ref, month, day, weekday)
    elif fixed is not None:
        year = int(fixed[:4])
    if year is None:
        lean = _direction_for(doc, m)
        strength = 2 if lean > 0 and doc.will_happen(m.start(), m.end()) else lean
        year = year_for(doc.ref, month, day, strength)
    point = Point(clamp_day(year, month, day), "day")
    resolved = Resolved("DATE", point.day.isoformat(), "day", True, "published", point)
    if not weekday:
        resolved.key, resolved.lean = ("date", month, day), lean
        resolved.firm = doc.firmly_placed(m.start(), m.end())
    return resolved


def _year_matching_weekday(ref: dt.date, month: int, day: int, weekday: int) -> int | None:
    """The year near ``ref`` in which month/day falls on ``weekday`` ("Friday, Oct. 13")."""
    for year in (ref.year, ref.year - 1, ref.year + 1):
        d = clamp_day(year, month, day)
        if d.day == day and d.isoweekday() == weekday:
            return year
    return None


def _day_number(text: str) -> int:
    digits = _DIGITS_RE.match(text)
    if digits:
        return int(digits.group())
    return ORDINALS.get(text.split()[-1], 0)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def resolve_mdy(m: re.Match[str], doc: Doc) -> Resolved:
    year = _year_value(doc, m.group("year"), m.start())
    if year is None:
        # "Nov. 9 and 10, 2020": the year written after the list of days is the first day's too.
        shared = _DAYS_THEN_YEAR_RE.match(doc.low, m.end())
        year = int(shared.group("year")) if shared else None
    month, day = _month_number(m.group("mon")), _day_number(m.group("day"))
    named = NAMED_EVENT_DAYS.get((month, day))
    if year is None and named and _EVENT_NOUN_AFTER_RE.match(doc.low, m.end()):
        # "the September 11 attacks": the day the event is named after, whatever the year of
        # writing; an allusion, so it does not become the narrative's "that day".
        year = named
        resolved = _resolve_day(doc, m, month, day, year)
        resolved.memorable = False
    else:
        resolved = _resolve_day(doc, m, month, day, year)
    if m.groupdict().get("the") and not m.group("of") and not m.group("wd"):
        resolved.start = m.start("day")  # "on the 19 December": "the" left out
    return resolved


def resolve_numeric(m: re.Match[str], doc: Doc) -> Resolved | None:
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        a, b = int(m.group("a")), int(m.group("b"))
        month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
        year = int(m.group("y"))
        if year < 100:
            year += 1900 if year > 50 else 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    point = Point(clamp_day(year, month, day), "day")
    if m.groupdict().get("ih"):
        value = f"{point.day.isoformat()}T{m.group('ih')}:{m.group('imi')}"
        return Resolved("TIME", value, "time", False, "none", point)
    return Resolved("DATE", point.day.isoformat(), "day", False, "none", point)


def _check_numeric(m: re.Match[str], doc: Doc) -> bool:
    # Not the tail of a longer number ("1.10/19/2021", "a-10/19"); tested here, not in the
    # pattern, so that the pattern starts with a digit and scans fast.
    if m.start() and doc.low[m.start() - 1] in "abcdefghijklmnopqrstuvwxyz0123456789_/.:-":
        return False
    if m.group("iy"):
        return 1 <= int(m.group("im")) <= 12 and 1 <= int(m.group("id")) <= 31
    a, b = int(m.group("a")), int(m.group("b"))
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 13 <= a <= 31)


def resolve_month_year(m: re.Match[str], doc: Doc) -> Resolved:
    month = _month_number(m.group("mon"))
    if m.group("rel"):
        if doc.ref is None:
            return Resolved("DATE", f"XXXX-{month:02d}", "month", True, "none")
        delta = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
        point = Point(dt.date(doc.ref.year + delta, month, 1), "month")
        return doc.date_value(point, "month")
    year = _year_value(doc, m.group("year"), m.start()) or spelled_year(m.group("syear") or "")
    if year is None:
        return Resolved("DATE", f"XXXX-{month:02d}", "month", True, "none")
    point = Point(dt.date(year, month, 1), "month")
    return doc.date_value(point, "month", relative=False)


def resolve_month(m: re.Match[str], doc: Doc) -> Resolved:
    month = _month_number(m.group("mon"))
    shared = _SHARED_YEAR_RE.match(doc.low, m.end())
    if shared and not m.group("rel"):
        point = Point(dt.date(int(shared.group("year")), month, 1), "month")
        return doc.date_value(point, "month", relative=False)
    rel = " ".join((m.group("rel") or "").lower().split())
    if rel.startswith("the ") and doc.last_point is not None:
        return _month_after_mention(doc, month, rel)
    rel = {"the following": "next", "the next": "next", "the previous": "last"}.get(rel, rel)
    if doc.ref is None:
        if rel:
            return Resolved("DATE", f"XXXX-{month:02d}", "month", True, "none")
        return _in_the_narrative(doc, month, None)
    ref = doc.ref
    if rel in ("last", "this past"):
        # The month just gone is "last month"; "last February" said in March means a year ago.
        year = ref.year if month < ref.month - (rel == "last") else ref.year - 1
    elif rel in ("next", "this coming"):
        year = ref.year if month > ref.month + (rel == "next") else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        return _bare_month(m, doc, month)
    return doc.date_value(Point(dt.date(year, month, 1), "month"), "month")


def _month_after_mention(doc: Doc, month: int, rel: str) -> Resolved:
    """ "The following May" after "in 1916": the first May after the time last mentioned (after
    a year, in the next one); "the previous May" the last one before it."""
    anchor = doc.last_point
    assert anchor is not None
    step = -1 if rel == "the previous" else 1
    if anchor.granularity in ("year", "decade", "century"):
        year = anchor.day.year + step
    else:
        year = anchor.day.year
        ahead = (month - anchor.day.month) * step
        if ahead <= 0:
            year += step
    point = Point(dt.date(year, month, 1), "month")
    return Resolved("DATE", format_point(point), "month", True, "mention", point)


def _bare_month(m: re.Match[str], doc: Doc, month: int) -> Resolved:
    """ "in March", "early March": the one the tense points to, or the document's reading."""
    assert doc.ref is not None
    fixed = doc.fixed.get(m.start())
    lean = context.NEUTRAL
    if fixed is not None:
        year = int(fixed[:4])
    elif not m.group("mod") and _attributive(doc, m):
        # The tense of the clause dates its verb, not the noun the month describes: "is trying
        # to sell itself under a June agreement" reports an agreement already made.
        year = year_for(doc.ref, month, None, lean)
    else:
        lean = _direction_for(doc, m)
        year = year_for(doc.ref, month, None, lean)
    resolved = doc.date_value(Point(dt.date(year, month, 1), "month"), "month")
    resolved.key, resolved.lean = ("month", month), lean
    resolved.firm = doc.firmly_placed(m.start(), m.end())
    return resolved


def _attributive(doc: Doc, m: re.Match[str]) -> bool:
    """A month used as a modifier between a determiner and its noun ("a June agreement")."""
    if not _DETERMINER_BEFORE_RE.search(doc.text, max(0, m.start() - 12), m.start()):
        return False
    after = _NOUN_AFTER_RE.match(doc.text, m.end())
    return after is not None and after.group(1) not in _NOT_NOUNS


def resolve_year(m: re.Match[str], doc: Doc) -> Resolved:
    year = int(m.group("year"))
    if m.group("half"):
        half = 1 if m.group("half").lower() == "first" else 2
        point = Point(dt.date(year, 1 if half == 1 else 7, 1), "half")
        return doc.date_value(point, "half", relative=False)
    return doc.date_value(Point(dt.date(year, 1, 1), "year"), "year", relative=False)


def resolve_spelled(m: re.Match[str], doc: Doc) -> Resolved | None:
    year = spelled_year(m.group("syear"))
    if year is None or not 1000 <= year <= 2099:
        return None
    resolved = doc.date_value(Point(dt.date(year, 1, 1), "year"), "year", relative=False)
    resolved.start = m.start("body")
    return resolved


def _check_spelled(m: re.Match[str], doc: Doc) -> bool:
    year = spelled_year(m.group("syear"))
    if year is None or not 1000 <= year <= 2099:
        return False
    # "nineteen ninety-six" reads as a year anywhere; "two thousand" only where a year can go.
    words = m.group("syear").split()
    return bool(m.group("pre") or m.group("theyear")) or (
        words[0] in ("nineteen", "eighteen") and len(words) > 1
    )


def resolve_decade(m: re.Match[str], doc: Doc) -> Resolved:
    if m.group("dec"):
        decade = int(m.group("dec")) // 10
    elif m.group("dec2"):
        century = (doc.ref.year // 100) if doc.ref else 19
        decade = century * 10 + int(m.group("dec2")) // 10
        if doc.ref and decade * 10 > doc.ref.year:
            decade -= 10
    else:
        decade = 190 + DECADE_WORDS[m.group("decw").lower()]
    point = Point(dt.date(decade * 10, 1, 1), "decade")
    return doc.date_value(point, "decade", relative=bool(m.group("dec2") or m.group("decw")))


def resolve_century(m: re.Match[str], doc: Doc) -> Resolved:
    if m.group("ord"):
        word = m.group("ord").lower()
        number = ORDINALS.get(word) or _day_number(word)
        point = Point(dt.date(max(1, (number - 1) * 100), 1, 1), "century")
        return doc.date_value(point, "century", relative=False)
    if doc.ref is None:
        return Resolved("DATE", "XX", "century", True, "none")
    rel = m.group("rel").lower()
    delta = -1 if rel in ("last", "the past", "the last", "the previous") else 0
    delta = 1 if rel in ("next", "the next") else delta
    point = shift(Point(doc.ref, "century"), "century", delta)
    return doc.date_value(point, "century")


_QUARTER_NUMBERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_NUMBERS.update({"fourth": 4, "4th": 4, "final": 4})


def resolve_quarter(m: re.Match[str], doc: Doc) -> Resolved:
    resolved = _quarter(m, doc)
    det = m.group("det")
    if det and _HYPHEN_QUARTER_RE.search(m.group()):
        # "the third-quarter loss": the article belongs to the noun, not to the period.
        resolved.start = doc.skip_space(m.end("det"))
    if det and det.lower() == "that" and not m.group("bare"):
        if word_before(doc.text, m.start()) in _REPORTING_VERBS:
            # "reported that third-quarter profit rose": "that" opens a clause and refers back
            # to nothing, so the quarter is the one under discussion from here on.
            resolved.start = doc.skip_space(m.end("det"))
        else:
            resolved.anchor = "mention"
    hyphen = _HYPHEN_QUARTER_RE.search(m.group())
    indefinite = _INDEFINITE_BEFORE_RE.search(doc.low, max(0, m.start() - 30), m.start())
    if indefinite and not det and not hyphen and doc.last_quarter is not None:
        # "after a flat second quarter" once the report is about another one (but not "a
        # third-quarter loss", where "a" goes with the noun): an aside, so later "a year ago"
        # and "the period" still refer to the quarter reported on.
        resolved.memorable = False
    return resolved


def _quarter(m: re.Match[str], doc: Doc) -> Resolved:
    explicit = m.group("qyear") or m.group("fyear") or m.group("oyear") or m.group("ofyear")
    year_shift = 0
    if m.group("qago") or (m.group("post") and not m.group("post").lower().startswith("this")):
        year_shift = -1
    rel = (m.group("qrel") or m.group("orel") or "").lower().replace("the ", "")
    year_shift += {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    if m.group("hn"):
        return _half(m, doc, explicit, year_shift, rel)
    granularity = "quarter"
    if m.group("bare"):
        base = _base_quarter(m, doc)
        if explicit and doc.period_not_quarter and m.group("bare").lower() == "period":
            # "the first nine months ... the 1988 period": the same months of another year,
            # known only to the year.
            point = Point(dt.date(int(explicit), 1, 1), "year")
            resolved = doc.date_value(point, "year", relative=False)
            resolved.memorable = False
            return resolved
        if explicit:
            # "the 1988 period": the same quarter in another year, a comparison, not the news.
            point = quarter_point(int(explicit), quarter_of(base.day) if base else 4)
            resolved = doc.date_value(point, granularity, relative=base is not None)
            resolved.memorable = False
            return resolved
        if base is None:
            return Resolved("DATE", underspecified(granularity), granularity, True, "none")
        anchor = "mention" if doc.last_quarter is not None else "published"
        point = shift(base, "year", year_shift)
        before = (m.group("adj") or "").lower() in ("previous", "prior")
        if before:
            # "up from the previous quarter": the one before the quarter reported on.
            point = shift(point, "quarter", -1)
        resolved = doc.date_value(point, granularity)
        resolved.anchor = anchor
        resolved.memorable = not (year_shift or before)
        return resolved
    number = _QUARTER_NUMBERS[m.group("qn").lower()]
    if explicit:
        return doc.date_value(quarter_point(int(explicit), number), granularity, relative=False)
    if doc.ref is None:
        return Resolved("DATE", f"XXXX-Q{number}", granularity, True, "none")
    if rel or year_shift:
        year = doc.ref.year + year_shift
    else:
        year = _nearest_quarter_year(doc.ref, number, _direction_for(doc, m))
    resolved = doc.date_value(quarter_point(year, number), granularity)
    resolved.memorable = not year_shift
    resolved.reported = _direction_for(doc, m) == context.PAST
    return resolved


def _nearest_quarter_year(ref: dt.date, number: int, direction: int) -> int:
    """Year of "the <number> quarter" said at ``ref``: quarters are reported once they have
    started, so one not reached yet is last year's in a past-tense sentence, else this year's."""
    if number <= quarter_of(ref):
        return ref.year
    return ref.year - 1 if direction < 0 else ref.year


def _base_quarter(m: re.Match[str], doc: Doc) -> Point | None:
    """The quarter a bare "the quarter" / "the latest period" talks about."""
    adj = (m.group("adj") or "").lower()
    if adj == "current" and doc.ref is not None:
        return Point(doc.ref, "quarter")  # the quarter in progress, whatever was discussed
    if doc.last_quarter is not None and doc.last_quarter.granularity == "quarter":
        return doc.last_quarter
    if doc.ref is None:
        return None
    if adj == "current" or (m.group("det") or "").lower() == "this":
        return Point(doc.ref, "quarter")
    # News reports results for the last completed quarter.
    return shift(Point(doc.ref, "quarter"), "quarter", -1)


def _half(m: re.Match[str], doc: Doc, explicit: str | None, year_shift: int, rel: str) -> Resolved:
    half = 1 if m.group("hn").lower() == "first" else 2
    if explicit:
        year = int(explicit)
    elif doc.ref is None:
        return Resolved("DATE", f"XXXX-H{half}", "half", True, "none")
    else:
        year = doc.ref.year + year_shift
        # "the second half" said in spring of a past event is last year's.
        early_in_year = not rel and not year_shift and half == 2 and doc.ref.month <= 6
        if early_in_year and _direction_for(doc, m) == context.PAST:
            year -= 1
    point = Point(dt.date(year, 1 if half == 1 else 7, 1), "half")
    return doc.date_value(point, "half", relative=not explicit)


def resolve_year_ago(m: re.Match[str], doc: Doc) -> Resolved:
    if doc.last_quarter is not None:
        point = shift(doc.last_quarter, "year", -1)
        return Resolved("DATE", format_point(point), point.granularity, True, "mention", point)
    if doc.ref is None:
        return Resolved("DATE", "XXXX", "year", True, "none")
    return doc.date_value(shift(Point(doc.ref, "year"), "year", -1), "year")


def resolve_season_year(m: re.Match[str], doc: Doc) -> Resolved:
    season = SEASONS[m.group("season").lower()]
    year = int(m.group("year")) if m.group("year") else spelled_year(m.group("syear") or "")
    if year is None:
        return Resolved("DATE", f"XXXX-{season}", "season", True, "none")
    return doc.date_value(season_point(year, season), "season", relative=False)


def _check_season_year(m: re.Match[str], doc: Doc) -> bool:
    return m.group("year") is not None or spelled_year(m.group("syear") or "") is not None


def resolve_holiday(m: re.Match[str], doc: Doc) -> Resolved:
    name = " ".join(m.group("name").lower().split())
    explicit = int(m.group("year")) if m.group("year") else None
    ref = doc.ref
    if explicit is None and ref is None:
        return _holiday_without_year(name, doc)
    rel = (m.group("rel") or "").lower()

    def on(year: int) -> dt.date:
        return _holiday_date(name, year)

    if explicit is not None:
        day, relative = on(explicit), False
    else:
        assert ref is not None
        direction = {"last": -1, "next": 1}.get(rel)
        if direction is None:
            direction = _direction_for(doc, m)
        candidates = [on(ref.year - 1), on(ref.year), on(ref.year + 1)]
        nearest = min(candidates, key=lambda d: abs((d - ref).days))
        if abs((nearest - ref).days) <= 7:
            day = nearest  # the holiday of this very week, whatever the tense
        elif direction < 0:
            day = max(d for d in candidates if d <= ref)
        elif direction > 0:
            day = min(d for d in candidates if d >= ref)
        else:
            day = min(candidates, key=lambda d: abs((d - ref).days))
        relative = True
    if m.group("week"):
        point = Point(day, "week")
        return doc.date_value(point, "week", relative)
    if m.group("weekend"):
        return doc.date_value(Point(_weekend_of(day), "weekend"), "weekend", relative)
    return doc.date_value(Point(day, "day"), "day", relative)


def _weekend_of(day: dt.date) -> dt.date:
    """The Saturday of the weekend a holiday falls on or next to (a Monday one: the one before)."""
    back = (day.isoweekday() - 6) % 7
    return (
        day - dt.timedelta(days=back)
        if back <= 2
        else day + dt.timedelta(days=6 - day.isoweekday())
    )


def _holiday_without_year(name: str, doc: Doc) -> Resolved:
    """A holiday with no year to place it: a fixed one keeps its day ("XXXX-12-25"); a movable
    feast its month when the day just mentioned is in a month it can fall in ("the Easter
    holiday" after "April 3" is "XXXX-04")."""
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", "day", True, "none")
    last = doc.last_day or ""
    months = _MOVABLE_MONTHS.get(name, ())
    if last.startswith("XXXX-") and last[5:7] in months:
        return Resolved("DATE", last[:7], "month", True, "none")
    return Resolved("DATE", underspecified("day"), "day", True, "none")


# Months an Easter-dated feast can fall in (Easter: 22 March to 25 April).
_MOVABLE_MONTHS = {
    name: tuple(
        f"{d.month:02d}"
        for d in sorted(
            {
                dt.date(2000, 3, 22) + dt.timedelta(days=offset),
                dt.date(2000, 4, 25) + dt.timedelta(days=offset),
            }
        )
    )
    for name, offset in EASTER_HOLIDAYS.items()
}


def _holiday_date(name: str, year: int) -> dt.date:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return dt.date(year, month, day)
    if name in EASTER_HOLIDAYS:
        return easter(year) + dt.timedelta(days=EASTER_HOLIDAYS[name])
    if name in NTH_WEEKDAY_HOLIDAYS:
        return nth_weekday(year, *NTH_WEEKDAY_HOLIDAYS[name])
    # US Election Day: the Tuesday after the first Monday of November.
    return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)


_HOLIDAY_HEADS = frozenset(re.sub(r"['’]s?$|\.$", "", name.split()[0]) for name in _HOLIDAY_NAMES)
_MONTHS = MONTH_TOKENS
_YEAR = frozenset({YEAR_TOKEN})

RULES: list[Rule] = [
    Rule("date_mdy", _MDY_RE, resolve_mdy, _check_date, _MONTHS, 30, 20),
    Rule("date_dmy", _DMY_RE, resolve_mdy, _check_dmy, _MONTHS, 40, 20),
    Rule(
        "date_numeric", _NUMERIC_RE, resolve_numeric, _check_numeric, _YEAR | {SLASH_TOKEN}, 10, 15
    ),
    Rule("month_year", _MONTH_YEAR_RE, resolve_month_year, _month_token_ok, _MONTHS, 40, 40),
    Rule(
        "season_year",
        _SEASON_YEAR_RE,
        resolve_season_year,
        _check_season_year,
        SEASON_TOKENS,
        25,
        40,
    ),
    Rule(
        "holiday",
        _HOLIDAY_RE,
        resolve_holiday,
        _check_holiday,
        _HOLIDAY_HEADS | {"election"},
        10,
        40,
    ),
    Rule("year_ago", _YEAR_AGO_RE, resolve_year_ago, None, frozenset({"ago", "earlier"}), 6, 30),
    Rule(
        "quarter",
        _QUARTER_RE,
        resolve_quarter,
        _check_quarter,
        frozenset({"quarter", "qtr", "half", "period"}),
        60,
        40,
    ),
    Rule(
        "decade",
        _DECADE_RE,
        resolve_decade,
        _check_decade,
        frozenset(DECADE_WORDS) | {DECADE_TOKEN, YEAR_TOKEN},
        30,
        5,
    ),
    Rule("century", _CENTURY_RE, resolve_century, None, frozenset({"century"}), 30, 5),
    Rule("year", _YEAR_RE, resolve_year, _check_year, _YEAR, 45, 10),
    Rule(
        "spelled_year",
        _SPELLED_RE,
        resolve_spelled,
        _check_spelled,
        frozenset({"nineteen", "eighteen", "twenty", "thousand"}),
        30,
        30,
    ),
    Rule("month", _MONTH_RE, resolve_month, _check_month, _MONTHS, 30, 10),
]
