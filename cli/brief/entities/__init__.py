"""Who and what an article names: tagged mentions rolled up into entities.

The document step hands over its tagging units (sentences, plus title, dek and dateline lines) as
character spans; each is tokenized with ``brief.tokens``, the whole document is tagged at once by
``brief.ner`` and every name found becomes a ``Mention`` whose offsets point into the input text.
Each tagged span is first read as a reader would (``rules``): words a sentence put before the name
are trimmed ("But Umaga", "CEO Maria Lund"), a title inside a span parts an organisation from a
person, words that are never names are dropped ("I've", "Christmas"), and the words around the
mention say what it names ("shares in X", "X, which"). A name found once is then found wherever
the article repeats it. Mentions are rolled up into entities, one row per entity and one type per
row: the same name in any casing or spacing or with a possessive is one entity, "US", "U.S." and
"the United States" are one place, a surname or a first name alone joins the one full name it
completes ("Lavrov" joins "Sergei Lavrov"), an acronym joins the name it abbreviates, and each
entity's type is decided from all its mentions: the tagger's labels, the words around them, and
the name's head noun ("... Stadium" is a place). Its name is its fullest, in normal case (a
headline's "MOSCOW" is "Moscow"). A dateline's place counts only when the story names it too.
Entities come out ordered by importance: mentions, then first appearance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, takewhile

from ..briefing import Entity, EntityLabel, Mention
from ..document.tokens import token_matches, token_texts
from ..loading import load_once, read_model_text
from . import rules
from . import tagger as ner

__all__ = ["Entity", "Mention", "TaggedMention", "extract_entities", "roll_up", "tag_mentions"]

# Names with well-known short forms that look nothing alike: key (lower-case) -> canonical name.
_CANONICAL = {
    **dict.fromkeys(
        ["us", "u.s.", "usa", "u.s.a.", "united states", "united states of america"],
        "United States",
    ),
    **dict.fromkeys(["uk", "u.k.", "united kingdom", "great britain"], "United Kingdom"),
    **dict.fromkeys(["eu", "e.u.", "european union"], "European Union"),
    **dict.fromkeys(["un", "u.n.", "united nations"], "United Nations"),
    **dict.fromkeys(["uae", "u.a.e.", "united arab emirates"], "United Arab Emirates"),
    **dict.fromkeys(["ussr", "u.s.s.r.", "soviet union"], "Soviet Union"),
    # a British party by its nickname, its members or its adjective: one party
    **dict.fromkeys(
        ["tory", "tories", "conservative", "conservatives", "conservative party"],
        "Conservative Party",
    ),
    **dict.fromkeys(
        ["lib dem", "lib dems", "liberal democrat", "liberal democrats"], "Liberal Democrats"
    ),
}
# The capitals that name those entities in any running text ("US films", "UN troops"): a tagger
# that leaves one out has missed a name, not read a word.
_SHORT_FORM_LABELS = {
    **dict.fromkeys(["US", "U.S.", "USA", "UK", "U.K.", "UAE", "USSR"], "LOC"),
    **dict.fromkeys(["EU", "E.U.", "UN", "U.N."], "ORG"),
    # and the parties and armed groups known by their initials ("GOP", "SNP", "ISIS")
    **{name.upper(): "ORG" for name in rules.ORG_NAMES if name.isalpha() and len(name) <= 4},
}
_POSSESSIVES = {"'s", "’s", "'S", "’S"}
_HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.", "sir"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "de", "&"}
_DATELINE_FOLLOWERS = {",", "(", "-", "--", "–", "—", ":"}
# "X-based", "X-born": the name is X, and a company or a person is based in or born in a place.
_PLACE_SUFFIXES = {"based", "born", "headquartered"}
# Arabic and other articles written in lower case before a name the tagger starts after them.
_NAME_PARTICLES = {"al", "el"}
# How much a word around a mention ("drugmaker X") weighs against one tagged label.
_CUE_WEIGHT = 2
# And what its head noun says ("... Stadium"): more than a few tagged labels, less than many.
_HEAD_WEIGHT = 3.5
_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|org\.uk|gov|edu|io)\b(?!\.\w)")
_WORD_SEPARATORS = re.compile(r"[\s.\-–’']")
# Countries and continents (``training/places_countries.py``).
_PLACES_FILE = "places_countries.txt"
# A year says nothing of a table: "the Xbox 2, out in 2005".
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(slots=True)
class TaggedMention:
    """A mention as tagged, with what roll-up needs to know about it."""

    mention: Mention
    label: EntityLabel
    words: list[str]
    caps_context: bool  # all caps because of where it stands (headline, dateline), not an acronym
    cue: str | None = None  # the label the words around it suggest ("shares in X": ORG)
    initial: bool = False  # first word of a sentence or a headline, where every word is capitalised
    common: bool = False  # one word the article also writes in lower case ("Mother", "turkey")
    weak: bool = False  # not enough alone: a dateline's place, "X-led", a name found by repetition
    alias_of: TaggedMention | None = None  # "Zeppo, whose real name is X": another name of it


@dataclass
class _Group:
    key: tuple[str, ...]
    items: list[TaggedMention] = field(default_factory=list)
    decided: str | None = None

    @property
    def label(self) -> EntityLabel:
        if self.decided is None:
            self.decided = _decide_label(self)
        return self.decided  # type: ignore[return-value]

    def add(self, items: Iterable[TaggedMention]) -> None:
        self.items.extend(items)
        self.decided = None

    @property
    def first(self) -> int:
        return min(t.mention.start for t in self.items)

    @property
    def first_in_body(self) -> float:
        """Where the body (not a headline or dateline) first mentions it; infinity if it does not."""
        body = [t.mention.start for t in self.items if t.mention.sentence_index is not None]
        return min(body) if body else float("inf")


def extract_entities(
    text: str,
    spans: Iterable[tuple[int, int, int | None]],
    dateline: tuple[int, int] | None = None,
) -> list[Entity]:
    """Entities named in ``text``, tagging each span (start, end, sentence index or None); names in
    the ``dateline`` span count only when the story names them elsewhere too."""
    return roll_up(tag_mentions(text, spans, dateline))


@dataclass
class _Unit:
    start: int
    end: int
    index: int | None
    words: list[str]
    matches: list[re.Match[str]] | None = None
    taken: list[tuple[int, int]] = field(default_factory=list)

    @property
    def cased(self) -> bool:
        """Mixed-case running text, where a lower-case word is no name: a short line of a
        lower-cased text ("london 1996-08-30") reads as mixed but has no capital at all."""
        return ner.line_mode(self.words) == ner.MIXED and any(w[:1].isupper() for w in self.words)

    def offsets(self, text: str) -> list[re.Match[str]]:
        if self.matches is None:
            self.matches = token_matches(text, self.start, self.end)
        return self.matches


def tag_mentions(
    text: str,
    spans: Iterable[tuple[int, int, int | None]],
    dateline: tuple[int, int] | None = None,
) -> list[TaggedMention]:
    """Every tagged name in the spans, in text order, trimmed to the name itself, plus the other
    occurrences of the names found."""
    ordered = sorted({(s, e, i) for s, e, i in spans if e > s}, key=lambda u: (u[0], u[1]))
    # Words only, one string object per distinct word: a long article repeats its words, and its
    # tokens' offsets are looked up again only in the units that turn out to name something.
    spelled: dict[str, str] = {}
    units: list[_Unit] = []
    for start, end, index in ordered:
        found = token_texts(text, start, end)
        if found:
            units.append(_Unit(start, end, index, [spelled.setdefault(w, w) for w in found]))
    if not units:
        return []
    tags = ner.get_tagger().tag_document([u.words for u in units])
    lower = _lower_case_words(units)
    out: list[TaggedMention] = []
    seen: set[tuple[int, int]] = set()
    common_initials: set[str] = set()  # "PML" of "progressive multifocal leukoencephalopathy"
    for unit, sent_tags in zip(units, tags, strict=True):
        found_spans = ner.entity_spans(sent_tags)
        if not found_spans:
            continue
        words = unit.words
        mode = ner.line_mode(words)
        if mode == ner.MIXED:
            found_spans = _with_version_right(words, found_spans)
            found_spans = _with_head_right(words, found_spans)
        if mode == ner.MIXED:
            found_spans = _with_particle_right(words, found_spans)
        found_spans = rules.glue(words, found_spans)
        if mode == ner.MIXED and unit.index is not None:
            found_spans = _with_series_left(words, found_spans)
        if mode == ner.MIXED and unit.index is not None:
            found_spans = _with_capitalised_left(words, found_spans)
        in_dateline = dateline is not None and dateline[0] <= unit.start < dateline[1]
        here: list[tuple[int, int, TaggedMention]] = []
        for a0, b0, label0 in found_spans:
            for a1, b1, label1, cue1 in _pieces(words, a0, b0, label0, mode):
                for a, b, label, cue, alone in _place_and_acronym(
                    words, a1, b1, label1, cue1, mode
                ):
                    mention = _mention(text, unit, a, b, label, cue, mode, spelled, lower, seen)
                    if mention is not None:
                        mention.weak = mention.weak or in_dateline or not alone
                        here.append((a, b, mention))
        common_initials |= {
            m.words[0] for a, b, m in here if _spelled_out_in_lower_case(words, a, b)
        }
        _label_lists(words, here)
        _label_pairs(words, here)
        _link_aliases(words, here)
        _label_place_pairs(words, here)
        here = _without_peerages(words, here)
        out += [m for _, _, m in here]
    out += _titled_names(text, units, spelled, seen)
    out += _short_forms(text, units, spelled, seen)
    out = [t for t in out if t.words[0] not in common_initials or len(t.words) > 1]
    out += _repeated_names(text, units, out, lower, spelled)
    out.sort(key=lambda t: t.mention.start)
    return out


def _with_capitalised_left(
    words: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A capitalised word the tagger left just before a name, inside a sentence, belongs to it
    ("the Liberal Democrats", "Religious Freedom Restoration Act") unless it is a title, a word a
    sentence puts before names, a day or month, or part of another name."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        left = a - 1
        if (
            left >= 1
            and words[left][:1].isupper()
            and words[left].isalpha()
            and not words[left].isupper()
            and not (out and out[-1][1] > left)
            and not rules.is_title_word(words[left])
            and not rules.opens_no_name(words[left], rules.PER)
            and not rules.is_not_a_name([words[left]])
        ):
            a = left
        out.append((a, b, label))
    return out


# Lower-case particles inside a family name ("Greta von Halder-Voss", "Charles de Gaulle"); those
# that name only people make the name a person's.
_SURNAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "bin",
    "ibn",
}
_PERSON_PARTICLES = {"von", "van", "bin", "ibn"}


def _with_particle_right(
    words: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A name the tagger ended before a lower-case particle goes on through the capitalised words
    after it: "Greta" + "von Halder-Voss" is one person."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if out and out[-1][1] > a:
            pa, pb, plabel = out[-1]  # tagged after the particle: part of the name before it
            out[-1] = (pa, max(pb, b), plabel)
            continue
        end = b
        if b + 1 < len(words) and words[b] in _SURNAME_PARTICLES:
            while end + 1 < len(words) and _capitalised(words[end + 1]) and end - b < 2:
                end += 1
        if end > b:
            label = rules.PER if words[b] in _PERSON_PARTICLES else label
            b = end + 1
        out.append((a, b, label))
    return out


# An acronym after a place in one span is what the place qualifies: "the Nebraska QLRA".
_ACRONYM_AFTER_PLACE = 3


def _place_and_acronym(
    words: Sequence[str], a: int, b: int, label: str, cue: str | None, mode: str
) -> list[tuple[int, int, str, str | None, bool]]:
    """The span ``words[a:b]`` as one name, or, when a known place ends just before an acronym
    ("the Nebraska QLRA"), the place and the acronym; the acronym alone is no entity of its own
    but joins the name it abbreviates (False: not enough alone)."""
    last = words[b - 1] if b > a else ""
    if (
        mode == ner.MIXED
        and b - a >= 2
        and last.isalpha()
        and last.isupper()
        and len(last) >= _ACRONYM_AFTER_PLACE
        and _is_place(words[a : b - 1])
    ):
        return [(a, b - 1, rules.LOC, None, True), (b - 1, b, label, None, False)]
    return [(a, b, label, cue, True)]


def _is_place(name: Sequence[str]) -> bool:
    """A name that the countries list or the tagger's names know as a place."""
    key = tuple(w.lower() for w in name)
    return " ".join(key) in _places() or rules.LOC in _known_labels(key)


def _with_series_left(
    words: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A name after a colon inside a sentence, the colon after capitalised words that follow a
    lower-case one, is a work's subtitle: "fans greeted Moon Raiders: Dustfall" names one game, a
    work (the tagger's spans before the colon are part of it)."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        j = a - 1
        if j >= 2 and words[j] == ":" and _capitalised(words[j - 1]):
            while j > 0 and _capitalised(words[j - 1]) and words[j - 1].isalpha():
                j -= 1
            if j >= 1 and words[j - 1].isalpha() and words[j - 1].islower():
                while out and out[-1][1] > j:
                    out.pop()
                out.append((j, b, rules.MISC))
                continue
        out.append((a, b, label))
    return out


def _with_version_right(
    words: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A digit the tagger left just after a name belongs to it ("Xbox 2", "Channel 4"), unless the
    name is a person's, the digit is a score ("Arsenal 2 Chelsea 1", "Leeds 2-1") or counts
    something ("Rabobank 8 seconds"), or the line has other numbers (``_is_count``)."""
    if not any(b < len(words) and rules.is_version(words[b]) for _, b, _ in spans):
        return list(spans)  # most lines: no digit after a name, no need to count numbers
    if sum(_is_count(w) for w in words) > 1:
        return list(spans)
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        after = words[b + 1] if b + 1 < len(words) else ""
        if (
            label != rules.PER
            and not (after.isalpha() and after.islower() and after.endswith("s"))
            and b < len(words)
            and rules.is_version(words[b])
            and not (a > 0 and words[a - 1][:1].isdigit())
            and not after[:1].isupper()
            and not after[:1].isdigit()
            and after not in ("-", "–")
        ):
            b += 1
        out.append((a, b, label))
    return out


def _with_head_right(
    words: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A capitalised head noun the tagger left just after a name ends it ("National Book" +
    "Awards", "International Women's" + "Day"), unless another name starts there; the head says
    what the whole is."""
    out: list[tuple[int, int, str]] = []
    starts = {a for a, _, _ in spans}
    for a, b, label in spans:
        end = rules.head_after(words, b)
        if end > b and not starts & set(range(b, end)):
            b, label = end, rules.head_label(words[a:end]) or label
        out.append((a, b, label))
    return out


def _is_count(word: str) -> bool:
    """A number that is not a year: more than one in a line ("Leicester 22 points, Derby 4.",
    "5. Jan Vos (Belgium) Velox 9") makes it a table of results, where a digit is a score."""
    return any(c.isdigit() for c in word) and not _YEAR.fullmatch(word)


def _spelled_out_in_lower_case(words: Sequence[str], a: int, b: int) -> bool:
    """An acronym the sentence spells out in lower case, in brackets after it or before it in
    front of its bracket: "CAD (computer-aided dispatch)", "a rare condition (PML)" after
    "progressive multifocal leukoencephalopathy". Initials of a common noun, not a name."""
    if b - a != 1 or not words[a].isupper() or not words[a].isalpha():
        return False
    letters = words[a].lower()
    if a > 0 and words[a - 1] == "(" and b < len(words) and words[b] == ")":
        before = list(reversed(words[max(0, a - 1 - len(letters)) : a - 1]))
        return _lower_initials(before, reverse=True).endswith(letters[::-1])
    if b + 1 < len(words) and words[b] == "(":
        inside = list(takewhile(lambda w: w != ")", words[b + 1 : b + 2 + len(letters)]))
        return _lower_initials(inside) == letters
    return False


def _lower_initials(run: Sequence[str], reverse: bool = False) -> str:
    """The first letters of a run of lower-case words, each part of a hyphenated word counting
    ("computer-aided" -> "ca"); stops at the first word that is not lower case."""
    out = []
    for word in run:
        if not word.islower() or not word[0].isalpha():
            break
        parts = [p for p in re.split("[-–]", word) if p]
        out.append("".join(p[0] for p in (reversed(parts) if reverse else parts)))
    return "".join(out)


def _lower_case_words(units: Sequence[_Unit]) -> set[str]:
    """Words the article writes in lower case in mixed-case running text."""
    return {w for u in units if u.index is not None and u.cased for w in u.words if w.islower()}


def _mention(
    text: str,
    unit: _Unit,
    a: int,
    b: int,
    label: str,
    cue: str | None,
    mode: str,
    spelled: dict[str, str],
    lower: set[str],
    seen: set[tuple[int, int]],
) -> TaggedMention | None:
    """The mention of ``unit.words[a:b]``, or None when the words are no name."""
    words = unit.words
    name = list(words[a:b])
    if rules.is_not_a_name(name) or (unit.cased and all(w.islower() for w in name)):
        return None
    ms = unit.offsets(text)
    start, end = ms[a].start(), ms[b - 1].end()
    weak = False
    if "-" in name[-1] or "–" in name[-1]:
        compound = _compound_stem(name[-1])
        if compound is None:
            return None
        stem, suffix = compound
        if stem != name[-1]:
            name, end = [*name[:-1], stem], ms[b - 1].start() + len(stem)
            if rules.is_not_a_name(name):
                return None  # "PC-based": initials of a common noun
            cue = None  # the words around "Ireland-based" speak of what is based there
            if suffix == "based":
                label = rules.LOC
            weak = suffix not in _PLACE_SUFFIXES
    domain = _DOMAIN.match(text, end)
    if domain:  # "OneStat.com": a website's name ends with its domain
        name, end = [*name[:-1], name[-1] + domain.group()], domain.end()
    if (start, end) in seen:  # overlapping units (a dateline inside a sentence)
        return None
    seen.add((start, end))
    unit.taken.append((a, b))
    caps = mode == ner.UPPER or _is_dateline(words, a, b)
    initial = a == 0 or (unit.index is None and mode != ner.LOWER)
    # A name's text repeats; one string object serves all its mentions.
    surface = text[start:end]
    mention = Mention(start, end, spelled.setdefault(surface, surface), unit.index)
    common = len(name) == 1 and name[0].lower() in lower
    return TaggedMention(mention, label, name, caps, cue, initial, common, weak)  # type: ignore[arg-type]


# "anti-LGBT", "pro-Kremlin": an adjective, not a name; "al-Zawahiri" keeps its particle.
_ADJECTIVE_PREFIXES = {"anti", "pro", "ex", "non", "post", "pre", "mid", "neo", "pan", "all"}
# "Ireland-based", "Kremlin-backed", "Soviet-era", "NATO-style": the name is the first part.
_ADJECTIVE_SUFFIXES = {"born", "run", "made", "style", "like", "era", "wide", "type", "built"}


def _compound_stem(word: str) -> tuple[str, str] | None:
    """ "Ireland-based" -> ("Ireland", "based"); a name with a hyphen stays whole ("Bergen-Belsen",
    "Ki-moon", "al-Zawahiri"); "anti-LGBT" -> None (an adjective, no name)."""
    parts = re.split("[-–]", word)
    if parts[0].lower() in _ADJECTIVE_PREFIXES and parts[0].islower():
        return None
    last = parts[-1]
    if last.islower() and (last.endswith("ed") or last in _ADJECTIVE_SUFFIXES):
        return word[: len(word) - len(last) - 1], last
    return word, ""


def _pieces(
    words: Sequence[str], a: int, b: int, label: str, mode: str
) -> list[tuple[int, int, str, str | None]]:
    """The names in the tagged span ``words[a:b]``: edges trimmed (``_trim``), and a span with a
    title inside parted in two, the person after it ("U.S. Army Sgt. Bowe Bergdahl")."""
    a, b, cue = _trim(words, a, b, label, mode)
    if a >= b:
        return []
    out: list[tuple[int, int, str, str | None]] = []
    for i in range(a + 1, b):
        end = rules.title_run(words, i, b)
        if end == i:
            continue
        # the part before a lower-case role ("Western musician Jerry Scoggins") is an adjective
        if i > a and not words[i].islower() and label != rules.PER:
            out.append((a, i, label, _context(words, a, i, label)))
        if end < b:
            out += [
                (x, y, rules.PER, rules.PER) for x, y, _, _ in _pieces(words, end, b, "PER", mode)
            ]
        return out
    if label == rules.PER and b - a > 1 and rules.is_title_word(words[b - 1]):
        # "Labour MP", "Foreign Minister": what is left before a role is who the person works for
        while b > a and rules.is_title_word(words[b - 1]):
            b -= 1
        label = rules.ORG
    if a < b:
        out.append((a, b, label, cue or _context(words, a, b, label)))
    return out


def _context(words: Sequence[str], a: int, b: int, label: str) -> str | None:
    return rules.context_label(words, a, b, label)


def _trim(
    words: Sequence[str], a: int, b: int, label: str, mode: str
) -> tuple[int, int, str | None]:
    """Drop stray symbols at the edges, a leading "the", a person's "Mr." (which says it is a
    person), the words a sentence put before a name ("But", "If", a person's "Six" or "CEO") and,
    in mixed-case text, leading lower-case words ("fellow White House"; short particles such as
    "de" or "van" stay). An "al" or an initial just before the span joins it ("al Qaeda",
    "S Bennett"), and so does a saint's possessive ("St Mary's").

    A possessive "'s" is its own token and the tagger leaves it outside a name ("Russia" of
    "Russia's"); one it puts inside belongs to the name ("McDonald's"), so it stays.
    """
    cue = None
    while b > a and not words[b - 1][0].isalnum() and words[b - 1] not in _POSSESSIVES:
        b -= 1
    while a < b:
        word = words[a]
        low = word.lower()
        if b - a > 1 and low in _HONORIFICS:
            cue = rules.PER
        elif not (
            not word[0].isalnum()
            or low == "the"
            or (b - a > 1 and word[0].isupper() and rules.opens_no_name(word, label))
            or (
                label == rules.PER
                and b - a > 1
                and rules.is_title_word(word)
                and low not in rules.KEPT_TITLES
            )
            or (mode == ner.MIXED and b - a > 1 and _is_plain_lower_word(word))
        ):
            break
        a += 1
    # "members of Tarvik Front holding him": a lower-case word ending a span is the sentence's
    while mode == ner.MIXED and b - a > 1 and _is_plain_lower_word(words[b - 1]):
        b -= 1
    if mode == ner.MIXED and a < b:
        if a > 0 and (words[a - 1] in _NAME_PARTICLES or _is_initial(words[a - 1], label)):
            a -= 1  # "al Qaeda", "S Bennett"
        if b < len(words) and words[b] in _POSSESSIVES and words[a].rstrip(".") in _SAINTS:
            b += 1  # "St Mary's" is the ground's name, not Mary's
    return a, b, cue


_SAINTS = {"St", "Saint", "Ste"}


def _is_initial(word: str, label: str) -> bool:
    """A lone capital before a person's name: "S Bennett" ("A" opens sentences too often)."""
    return label == rules.PER and len(word) == 1 and word.isupper() and word != "A"


# Between the items of a list of names: "Dudek, Finnan, Carragher and Hyypia".
_LIST_GLUE = {",", "and", "&"}
# Three is too few: "Dayton, Ohio, and Kessler Components" is a place and a firm.
_LIST_ITEMS = 4


def _label_lists(words: Sequence[str], here: Sequence[tuple[int, int, TaggedMention]]) -> None:
    """In a list of four names or more, the items are of one kind: the few the tagger labelled
    otherwise than three quarters of the list get the list's label as their cue (a team sheet's
    players, a list of countries)."""
    run: list[TaggedMention] = []
    last_end = -1
    for a, b, mention in [*here, (-1, -1, None)]:
        joined = mention is not None and run and all(w in _LIST_GLUE for w in words[last_end:a])
        if not joined:
            if len(run) >= _LIST_ITEMS:
                votes = Counter(t.label for t in run)
                label, n = votes.most_common(1)[0]
                if 4 * n >= 3 * len(run):
                    for t in run:
                        if t.label != label and t.cue is None:
                            t.cue = label
            run = []
        if mention is not None:
            run.append(mention)
            last_end = b


def _label_pairs(words: Sequence[str], here: Sequence[tuple[int, int, TaggedMention]]) -> None:
    """ "box-office flops X and Y", "to pilot a X or Y,": what the words say of the first of two
    names joined by "and" or "or", tagged alike, they say of the second, when the pair ends its
    phrase (not "in X and Smith said")."""
    for (_, pb, prev), (a, b, cur) in pairwise(here):
        if (
            a == pb + 1
            and words[pb] in ("and", "or")
            and prev.cue is not None
            and cur.cue is None
            and prev.label == cur.label
            and (b == len(words) or not words[b][:1].isalnum())
        ):
            cur.cue = prev.cue


# What stands between a name and another name of the same entity: "Zeppo, whose real name is X",
# "the city police, also known as X", "Also known as X, Mirasih was".
_ALIAS_LINKS = {
    (",", "whose", "real", "name", "is"),
    (",", "also", "known", "as"),
    (",", "better", "known", "as"),
    (",", "known", "as"),
    (",", "aka"),
    (",", "a.k.a."),
}
_ALIAS_OPENERS = (("also", "known", "as"), ("better", "known", "as"))


def _link_aliases(words: Sequence[str], here: Sequence[tuple[int, int, TaggedMention]]) -> None:
    """Mark the second of two names that a sentence says name one entity as the first's alias."""
    for (pa, pb, prev), (a, _, cur) in pairwise(here):
        between = tuple(w.lower() for w in words[pb:a])
        opener = tuple(w.lower() for w in words[:pa])
        if between in _ALIAS_LINKS or (between == (",",) and opener in _ALIAS_OPENERS):
            cur.alias_of = prev


def _label_place_pairs(
    words: Sequence[str], here: Sequence[tuple[int, int, TaggedMention]]
) -> None:
    """ "Columbus, Ohio": a name before a comma and a place, the pair standing alone (not in a list),
    is a place in that place."""
    for (pa, pb, prev), (a, b, cur) in pairwise(here):
        alone_before = pa == 0 or words[pa - 1] not in _LIST_GLUE
        alone_after = b == len(words) or words[b] in (",", ".", ";", ")", "-", "--")
        if (
            a == pb + 1
            and words[pb] == ","
            and cur.label == rules.LOC
            and prev.cue is None
            and alone_before
            and alone_after
        ):
            prev.cue = rules.LOC


def _without_peerages(
    words: Sequence[str], here: list[tuple[int, int, TaggedMention]]
) -> list[tuple[int, int, TaggedMention]]:
    """Drop the place of a peer's title: "Lord Walker of Gestingthorpe" names a judge, and the
    village is part of his title, not a place in the story."""
    out: list[tuple[int, int, TaggedMention]] = []
    for a, b, mention in here:
        if out:
            _, pb, prev = out[-1]
            peer = prev.words[0].lower() in rules.KEPT_TITLES and prev.label == rules.PER
            if peer and a == pb + 1 and words[pb] == "of":
                continue
        out.append((a, b, mention))
    return out


def _titled_names(
    text: str, units: Sequence[_Unit], spelled: dict[str, str], seen: set[tuple[int, int]]
) -> list[TaggedMention]:
    """People the tagger missed after an honorific ("Mr. Strong said"): the capitalised words
    after "Mr", "Mrs", "Ms" or "Dr" in running text are a person's name."""
    out: list[TaggedMention] = []
    for unit in units:
        words = unit.words
        if unit.index is None or ner.line_mode(words) != ner.MIXED:
            continue
        for i, word in enumerate(words[:-1]):
            if word.lower() not in _HONORIFICS or not _capitalised(words[i + 1]):
                continue
            j = i + 1
            while j < len(words) and j - i <= 3 and words[j][:1].isupper() and words[j].isalpha():
                j += 1
            if j == i + 1 or _overlaps(unit.taken, i + 1, j):
                continue
            ms = unit.offsets(text)
            start, end = ms[i + 1].start(), ms[j - 1].end()
            if (start, end) in seen:
                continue
            seen.add((start, end))
            unit.taken.append((i + 1, j))
            surface = text[start:end]
            mention = Mention(start, end, spelled.setdefault(surface, surface), unit.index)
            out.append(TaggedMention(mention, "PER", list(words[i + 1 : j]), False, rules.PER))
    return out


def _short_forms(
    text: str, units: Sequence[_Unit], spelled: dict[str, str], seen: set[tuple[int, int]]
) -> list[TaggedMention]:
    """ "US", "UK", "EU", "UN" standing alone in mixed-case running text where the tagger left them
    out ("popular US TV show"): in capitals, each names one thing."""
    out: list[TaggedMention] = []
    for unit in units:
        words = unit.words
        if unit.index is None:
            continue
        for i, word in enumerate(words):
            label = _SHORT_FORM_LABELS.get(word)
            if label is None or _overlaps(unit.taken, i, i + 1) or not unit.cased:
                continue
            # "US TV show": a common noun's initials after it are no part of a longer name
            j = i + 2 if i + 1 < len(words) and rules.is_not_a_name([words[i + 1]]) else i + 1
            if not _stands_alone(words, i, j):
                continue
            match = unit.offsets(text)[i]
            if (match.start(), match.end()) in seen:
                continue
            seen.add((match.start(), match.end()))
            unit.taken.append((i, i + 1))
            mention = Mention(
                match.start(), match.end(), spelled.setdefault(word, word), unit.index
            )
            out.append(TaggedMention(mention, label, [word], False, None, i == 0))  # type: ignore[arg-type]
    return out


def _repeated_names(
    text: str,
    units: Sequence[_Unit],
    found: Sequence[TaggedMention],
    lower: set[str],
    spelled: dict[str, str],
) -> list[TaggedMention]:
    """The other occurrences of each name found, as written, where the tagger missed them: a
    capitalised run equal to a found name and not part of a longer one ("Washington" in
    "Washington Post" is not one). A sentence's first word counts only when the article never
    writes it in lower case ("Brown said", not "Turkey" of "Turkey sandwiches are")."""
    names: dict[str, dict[tuple[str, ...], TaggedMention]] = {}
    for t in found:
        if not t.weak and not t.caps_context and t.words[0][:1].isupper():
            names.setdefault(t.words[0], {}).setdefault(tuple(t.words), t)
    if not names:
        return []
    out: list[TaggedMention] = []
    for unit in units:
        words = unit.words
        if unit.index is None or ner.line_mode(words) != ner.MIXED:
            continue
        for i, word in enumerate(words):
            known = names.get(word)
            if not known:
                continue
            for name, model in sorted(known.items(), key=lambda kv: -len(kv[0])):
                j = i + len(name)
                if tuple(words[i:j]) != name or _overlaps(unit.taken, i, j):
                    continue
                if not _stands_alone(words, i, j) or (i == 0 and name[0].lower() in lower):
                    break
                ms = unit.offsets(text)
                start, end = ms[i].start(), ms[j - 1].end()
                surface = text[start:end]
                mention = Mention(start, end, spelled.setdefault(surface, surface), unit.index)
                out.append(
                    TaggedMention(
                        mention, model.label, list(name), False, None, i == 0, False, True
                    )
                )
                unit.taken.append((i, j))
                break
    return out


def _overlaps(taken: Sequence[tuple[int, int]], i: int, j: int) -> bool:
    return any(a < j and i < b for a, b in taken)


def _stands_alone(words: Sequence[str], i: int, j: int) -> bool:
    """Whether ``words[i:j]`` is not part of a longer capitalised name."""
    if (
        i > 0
        and _capitalised(words[i - 1])
        and not (i == 1 and rules.opens_no_name(words[0], "PER"))
    ):
        return False
    return not (j < len(words) and _capitalised(words[j]))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_plain_lower_word(word: str) -> bool:
    return word.islower() and word.isalpha() and len(word) > 3


def _is_dateline(words: Sequence[str], a: int, b: int) -> bool:
    """An all-caps place opening a unit and followed by "," "(" or a dash: "MOSCOW (Reuters) -"."""
    if a != 0 or not all(w.isupper() for w in words[a:b]):
        return False
    return b == len(words) or words[b] in _DATELINE_FOLLOWERS or words[b][0].isdigit()


def _key(words: Sequence[str]) -> tuple[str, ...]:
    joined = " ".join(w.lower() for w in words)
    canonical = _CANONICAL.get(joined) or _CANONICAL.get(joined.replace(" ", ""))
    if canonical:
        return tuple(canonical.lower().split())
    return tuple(joined.split())


def roll_up(tagged: Sequence[TaggedMention]) -> list[Entity]:
    """One group per name whatever its labels, then short forms into the full name they complete;
    each group's type decided from all its mentions."""
    groups: dict[str, _Group] = {}
    for t in tagged:
        key = _key(t.words)
        # "Time Warner" and "TimeWarner", "U.S." and "US": one name however it is spaced or dotted
        groups.setdefault(_squashed(key), _Group(key)).items.append(t)
    merged = _merge_aliases(_merge_short_forms(list(groups.values())))
    _label_series(merged)
    kept = [g for g in merged if _is_named(g)]
    entities = [_entity(g) for g in kept]
    entities.sort(key=lambda e: (-e.count, e.mentions[0].start))
    return entities


def _merge_aliases(groups: list[_Group]) -> list[_Group]:
    """Join the groups of two names a sentence gave as one entity's ("whose real name is")."""
    owner = {id(t): g for g in groups for t in g.items}
    absorbed: set[int] = set()
    for g in groups:
        for t in list(g.items):
            if t.alias_of is None or id(t.alias_of) not in owner:
                continue
            mine, theirs = owner[id(t)], owner[id(t.alias_of)]
            if mine is theirs:
                continue
            theirs.add(mine.items)
            for moved in mine.items:
                owner[id(moved)] = theirs
            mine.items = []
            absorbed.add(id(mine))
    return [g for g in groups if id(g) not in absorbed]


def _label_series(groups: Sequence[_Group]) -> None:
    """What comes before a work's subtitle is a work too, the series: "Moon Raiders" of "Moon
    Raiders: Dustfall", however it was tagged elsewhere ("Moon Raiders fans")."""
    series = {g.key[: g.key.index(":")] for g in groups if ":" in g.key and g.label == rules.MISC}
    for g in groups:
        if g.key in series:
            g.decided = rules.MISC


def _squashed(key: Sequence[str]) -> str:
    return _WORD_SEPARATORS.sub("", "".join(key))


def _is_named(group: _Group) -> bool:
    """Whether a group is an entity of the story: not only a dateline's place or names found by
    repetition, and not a word the article also writes in lower case that was capitalised only by
    standing first ("Mother said" where the story says "his mother")."""
    strong = [t for t in group.items if not t.weak]
    if not strong:
        return False
    return not all(t.common and t.initial for t in strong)


def _decide_label(group: _Group) -> str:
    """The type of a group (``_voted_label``), except that a party or an armed group of the news
    is an organisation, and a country or a continent is a place even when it acts ("Russia
    said") or qualifies ("US films"); a person named like one ("Jordan") stays a person."""
    name = " ".join(group.key)
    if name in rules.ORG_NAMES:
        return rules.ORG
    if _is_demonym(group.key):
        return rules.MISC  # "Londoners", "Qataris": people of a place, as "British" is
    fullest = max(group.items, key=lambda t: len(t.words)).words
    if rules.version_label(fullest) == rules.MISC or ":" in fullest[1:-1]:
        # "Xbox 2": a product, however its maker's name is tagged; "Moon Raiders: Dustfall": a
        # work, however its subtitle alone is
        return rules.MISC
    voted = _voted_label(group)
    if voted in (rules.ORG, rules.MISC) and name in _places():
        return rules.LOC
    return voted


# How English names the people of a place: London-ers, Qatar-is, Kenya-ns, Ulster-man.
_DEMONYM_SUFFIXES = ("ers", "ians", "is", "ns", "man", "men")
_DEMONYM_STEM = 4


def _is_demonym(key: tuple[str, ...]) -> bool:
    """A one-word name made of a known place and a suffix for its people, itself no known name."""
    if len(key) != 1 or _known_labels(key):
        return False
    word = key[0]
    for suffix in _DEMONYM_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= _DEMONYM_STEM:
            for place in (stem, stem + "e"):  # "Ukrain-ians"
                if place in _places() or rules.LOC in _known_labels((place,)):
                    return True
    return False


@load_once
def _places() -> frozenset[str]:
    """Lower-case names that are always places."""
    return frozenset(line for line in read_model_text(_PLACES_FILE).splitlines() if line)


def _voted_label(group: _Group) -> str:
    """The type of a group: a vote of its mentions' tagged labels and, weighing more, the words
    around them ("shares in X") and its name's head noun ("... Stadium"). A name that
    the tagger calls a person or a thing but that the text never treats as one, and treats as
    something else ("X, which", "drugmaker X"), takes the kind its context gives."""
    items = group.items
    fullest = max(items, key=lambda t: (len(t.words), not t.weak)).words
    votes: Counter[str] = Counter()
    head = rules.head_label(fullest)
    if head is None and any(
        t.mention.sentence_index is not None and not t.caps_context and rules.is_work_title(t.words)
        for t in items
    ):
        head = rules.MISC
    if head is not None:
        votes[head] += _HEAD_WEIGHT
    for t in items:
        votes[t.label] += 0.5 if t.weak else 1
    cues = Counter(t.cue for t in items if t.cue)
    for label, n in cues.items():
        votes[label] += _CUE_WEIGHT * n
    first = min(items, key=lambda t: t.mention.start).label
    top = max(votes.values())
    tied = [lab for lab in votes if votes[lab] == top]
    if len(tied) > 1:
        # what the words around its mentions say, then what the names the tagger was trained on
        # say of this one (a browser named like a city), then the first mention's label
        known = _known_labels(group.key)
        tied.sort(key=lambda lab: (cues[lab] > 0, lab in known, lab == first), reverse=True)
    best = tied[0]
    if best in (rules.PER, rules.MISC) and not cues[best] and best != head:
        # a person or a thing only by the tagger's word, an organisation by the text's
        # only a firm or a product: "in X" or a list can be said of a person too
        other = [lab for lab in cues if lab in (rules.ORG, rules.MISC) and lab != best]
        if other:
            return max(other, key=lambda lab: cues[lab])
    return best


def _known_labels(key: tuple[str, ...]) -> tuple[str, ...]:
    """The labels the tagger's gazetteer knows a name under ("google": ORG)."""
    return ner.get_tagger().features.resources.gazetteer.get(key, ())


def _merge_short_forms(groups: list[_Group]) -> list[_Group]:
    """Fold each group into the one longer group that contains or expands it (``_joins``)."""
    by_word: dict[str, list[_Group]] = {}
    by_initials: dict[str, list[_Group]] = {}
    for g in groups:
        if len(g.key) > 1:
            for w in set(g.key):
                by_word.setdefault(w, []).append(g)
            by_initials.setdefault(_initials(g.key), []).append(g)
    labels = {id(g): g.label for g in groups}  # decided before any merging moves votes
    absorbed: set[int] = set()
    for short in sorted(groups, key=lambda g: (len(g.key), g.first)):
        acronym = _acronym(short)
        candidates = [
            *by_word.get(short.key[0], []),
            *by_word.get(short.key[-1], []),
            *by_initials.get(acronym, []),
        ]
        targets = {
            id(g): g
            for g in candidates
            if len(g.key) > len(short.key)
            and id(g) not in absorbed
            and _joins(g, short, labels[id(g)], labels[id(short)], acronym)
        }
        if not targets:
            continue
        target = _pick_target(list(targets.values()))
        if target is not None:
            target.add(short.items)
            absorbed.add(id(short))
    return [g for g in groups if id(g) not in absorbed]


def _joins(long: _Group, short: _Group, long_label: str, short_label: str, acronym: str) -> bool:
    """Whether ``short`` is a short form of ``long``: of the same kind, its acronym or a part of
    it (``_completes``); or a surname the tagger mistyped ("Hunter" of "Duncan Hunter") when
    nothing around it says it is not a person; or a one-word "person" that opens an organisation's
    name ("Corinthian" of "Corinthian Colleges Inc."). A place never joins an organisation named
    after it ("Washington" is not "The Washington Post")."""
    if long_label == short_label:
        return _completes(long, short, short_label, acronym)
    if acronym and _initials(long.key) == acronym:
        return True  # "GDC" of "Game Developers Conference", however each was tagged
    if (
        long.key[-len(short.key) :] == short.key
        and "of" not in long.key  # "Nigeria" is no head of "News Agency of Nigeria"
        and rules.head_label(long.key) == long_label
    ):
        return True  # "the Mirror" of "the Daily Mirror": the head word alone, however tagged
    if long.key[:-1] == short.key and rules.is_version(long.key[-1]):
        return True  # "Xbox" of "Xbox 2"
    if ":" in long.key[:-1] and long.key[-len(short.key) :] == short.key:
        return True  # "Dustfall" of "Moon Raiders: Dustfall": a work by its subtitle
    if len(short.key) != 1:
        return False
    cues = {t.cue for t in short.items if t.cue}
    if long_label == rules.PER:
        return (
            not cues - {long_label} and short.key[0] == long.key[-1] and short_label != rules.MISC
        )
    if short_label == rules.PER and short.key[0] == long.key[-1] and len(long.key) <= 3:
        # "Hamann" (a person, twice, "(Hamann 67)" says so) and "Dietmar Hamann" (tagged
        # otherwise, once): one person
        return (
            not cues - {long_label, rules.PER}
            and rules.head_label(long.key) is None
            and len(short.items) >= len(long.items)
        )
    return (
        not cues - {long_label}
        and short_label == rules.PER
        and long.key[0] == short.key[0]
        and rules.head_label(long.key) == rules.ORG  # "Corinthian Colleges Inc.", not "Johnny Cash"
    )


def _pick_target(targets: list[_Group]) -> _Group | None:
    """The completion a short form joins: the closest of nested ones ("Anne" -> "Anne Frank",
    not "Anne Frank House"), else the most mentioned; "Clinton" after one Bill and one Hillary
    Clinton is ambiguous and joins neither."""
    targets.sort(key=lambda g: (len(g.key), -len(g.items), g.first))
    closest = targets[0]
    if all(_contains(g.key, closest.key, "") for g in targets[1:]):
        return closest
    targets.sort(key=lambda g: -len(g.items))
    if len(targets[0].items) > len(targets[1].items):
        return targets[0]
    return None


def _completes(long: _Group, short: _Group, label: str, acronym: str) -> bool:
    """Whether ``short`` is a short form of ``long``: its acronym, a part of a person's name, or a
    part of another name that the story used in full first ("Foreign Ministry" after "Russian
    Foreign Ministry", but not "Reuters" before "Reuters Moscow bureau")."""
    if acronym and _initials(long.key) == acronym:
        return True
    if not _contains(long.key, short.key, label):
        return False
    return label == "PER" or long.first_in_body < short.first_in_body


def _contains(long: tuple[str, ...], short: tuple[str, ...], label: str) -> bool:
    """Whether ``short`` is in ``long``: a person's surname, given name or name without middle
    parts; any run of words for other names."""
    if label == "PER":
        # "Lavrov" or "Sergei" of "Sergei Lavrov"; "George Bush" of "George W. Bush"
        if len(short) == 1:
            return short[0] in (long[0], long[-1])
        # "George Bush" of "George W. Bush"; "El Guerrouj" of "Hicham El Guerrouj"
        return (short[0] == long[0] and short[-1] == long[-1]) or long[-len(short) :] == short
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _initials(key: Sequence[str]) -> str:
    return "".join(w[0] for w in key if w not in _ACRONYM_SKIP)


def _acronym(group: _Group) -> str:
    """The letters of a one-word all-caps name ("NATO" -> "nato"), or "" if it is not one."""
    if len(group.key) != 1:
        return ""
    surface = group.items[0].words[0].replace(".", "")
    return surface.lower() if surface.isupper() and len(surface) >= 2 else ""


def _entity(group: _Group) -> Entity:
    label = group.label
    items = sorted(group.items, key=lambda t: t.mention.start)
    if any(t.label == label or not t.caps_context for t in items):
        # a line in capitals (a headline, a dateline) is where the tagger knows least: a mention
        # there tagged as another kind is the other thing of that name ("DETROIT" the city in a
        # dateline, Detroit the team in the results), not a mention of this one
        items = [t for t in items if t.label == label or not t.caps_context]
    name = _name(group)
    # The name's own spelling leads the aliases, the rest follow in order of appearance.
    forms = [" ".join(t.mention.text.split()) for t in items]
    aliases = sorted(dict.fromkeys(forms), key=lambda form: form != name)
    return Entity(
        name=name,
        label=label,
        count=len(items),
        aliases=aliases,
        mentions=[t.mention for t in items],
    )


def _name(group: _Group) -> str:
    """The fullest form as written in running text; capitals from a headline or dateline undone."""
    canonical = _CANONICAL.get(" ".join(group.key))
    if canonical:
        return canonical

    def rank(t: TaggedMention) -> tuple[int, int, int]:
        return (len(t.words), not t.caps_context, -t.mention.start)

    best = max(group.items, key=rank)
    text = " ".join(best.mention.text.split())
    if best.caps_context or (text.isupper() and len(best.words) > 1) or text.islower():
        return _title_case(text)
    return text


def _title_case(text: str) -> str:
    """Each word as usually written ("NATO", "McDonald") or capitalised ("NEW YORK" -> "New York")."""
    return " ".join(ner.usual_spelling(w) or _capitalise(w) for w in text.split())


def _capitalise(word: str) -> str:
    """ "O'BRIEN" -> "O'Brien", "bosnia-herzegovina" -> "Bosnia-Herzegovina", "ABC'S" -> "Abc's"."""
    return re.sub(r"(?<=\w)['’]S\b", lambda m: m.group().lower(), word.title())
