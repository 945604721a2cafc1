"""Who and what an article names: tagged mentions rolled up into entities.

The document step hands over its tagging units (sentences, plus title, dek and dateline lines) as
character spans; each is tokenized with ``brief.tokens``, the whole document is tagged at once by
``brief.ner`` and every name found becomes a ``Mention`` whose offsets point into the input text.
Mentions are then rolled up: the same name in any casing or with a possessive is one entity, "US",
"U.S." and "the United States" are one place, a surname or a first name alone joins the one full
name it completes ("Lavrov" joins "Sergei Lavrov"), an acronym joins the name it abbreviates, and
each entity takes the label most of its mentions got and its fullest name, in normal case (a
dateline's "MOSCOW" is "Moscow"). Entities come out ordered by importance: mentions, then first
appearance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..briefing import Entity, EntityLabel, Mention
from ..document.tokens import token_matches, token_texts
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
}
_POSSESSIVES = {"'s", "’s", "'S", "’S"}
_HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.", "sir"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "de", "&"}
_DATELINE_FOLLOWERS = {",", "(", "-", "--", "–", "—", ":"}


@dataclass(slots=True)
class TaggedMention:
    """A mention as tagged, with what roll-up needs to know about it."""

    mention: Mention
    label: EntityLabel
    words: list[str]
    caps_context: bool  # all caps because of where it stands (headline, dateline), not an acronym


@dataclass
class _Group:
    key: tuple[str, ...]
    items: list[TaggedMention] = field(default_factory=list)

    @property
    def label(self) -> EntityLabel:
        votes = Counter(t.label for t in self.items)
        # Ties go to the label of the first mention, where names are usually introduced in full.
        return max(votes, key=lambda lab: (votes[lab], lab == self.items[0].label))

    @property
    def first(self) -> int:
        return min(t.mention.start for t in self.items)

    @property
    def first_in_body(self) -> float:
        """Where the body (not a headline or dateline) first mentions it; infinity if it does not."""
        body = [t.mention.start for t in self.items if t.mention.sentence_index is not None]
        return min(body) if body else float("inf")


def extract_entities(text: str, spans: Iterable[tuple[int, int, int | None]]) -> list[Entity]:
    """Entities named in ``text``, tagging each span (start, end, sentence index or None)."""
    return roll_up(tag_mentions(text, spans))


def tag_mentions(text: str, spans: Iterable[tuple[int, int, int | None]]) -> list[TaggedMention]:
    """Every tagged name in the spans, in text order, trimmed of possessives and a leading "the"."""
    units = sorted({(s, e, i) for s, e, i in spans if e > s}, key=lambda u: (u[0], u[1]))
    # Words only, one string object per distinct word: a long article repeats its words, and its
    # tokens' offsets are looked up again only in the units that turn out to name something.
    spelled: dict[str, str] = {}
    kept, sentences = [], []
    for unit in units:
        found = token_texts(text, unit[0], unit[1])
        if found:
            kept.append(unit)
            sentences.append([spelled.setdefault(word, word) for word in found])
    if not kept:
        return []
    tags = ner.get_tagger().tag_document(sentences)
    out: list[TaggedMention] = []
    seen: set[tuple[int, int]] = set()
    for (unit_start, unit_end, index), words, sent_tags in zip(kept, sentences, tags, strict=True):
        found_spans = ner.entity_spans(sent_tags)
        if not found_spans:
            continue
        ms = token_matches(text, unit_start, unit_end)
        mode = ner.line_mode(words)
        caps_line = mode == ner.UPPER
        for a, b, label in found_spans:
            a, b = _trim(words, a, b, label, mode)
            if a >= b:
                continue
            start, end = ms[a].start(), ms[b - 1].end()
            if (start, end) in seen:  # overlapping units (a dateline inside a sentence)
                continue
            seen.add((start, end))
            caps = caps_line or _is_dateline(words, a, b)
            # A name's text repeats; one string object serves all its mentions.
            surface = text[start:end]
            mention = Mention(start, end, spelled.setdefault(surface, surface), index)
            out.append(TaggedMention(mention, label, words[a:b], caps))
    out.sort(key=lambda t: t.mention.start)
    return out


def _trim(words: Sequence[str], a: int, b: int, label: str, mode: str) -> tuple[int, int]:
    """Drop stray symbols at the edges, a leading "the", a person's "Mr." and, in mixed-case text,
    leading lower-case words ("fellow White House"; short particles such as "de" or "van" stay).

    A possessive "'s" is its own token and the tagger leaves it outside a name ("Russia" of
    "Russia's"); one it puts inside belongs to the name ("McDonald's"), so it stays.
    """
    while b > a and not words[b - 1][0].isalnum() and words[b - 1] not in _POSSESSIVES:
        b -= 1
    while a < b and (
        not words[a][0].isalnum()
        or words[a].lower() == "the"
        or (label == "PER" and words[a].lower() in _HONORIFICS)
        or (mode == ner.MIXED and b - a > 1 and _is_plain_lower_word(words[a]))
    ):
        a += 1
    return a, b


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
    """Same name and label, then short forms into the full name they complete."""
    groups: dict[tuple[tuple[str, ...], str], _Group] = {}
    for t in tagged:
        key = _key(t.words)
        groups.setdefault((key, t.label), _Group(key)).items.append(t)
    merged = _merge_short_forms(_fold_stray_labels(groups))
    entities = [_entity(g) for g in merged]
    entities.sort(key=lambda e: (-e.count, e.mentions[0].start))
    return entities


def _fold_stray_labels(groups: dict[tuple[tuple[str, ...], str], _Group]) -> list[_Group]:
    """A name tagged once with a label its other mentions do not share takes theirs.

    Only a lone stray is folded: the same words can name two things in one story (New York the
    city in the dateline, New York the team in the results), each mentioned more than once.
    """
    by_key: dict[tuple[str, ...], list[_Group]] = {}
    for (key, _), group in groups.items():
        by_key.setdefault(key, []).append(group)
    out: list[_Group] = []
    for same in by_key.values():
        same.sort(key=lambda g: (-len(g.items), g.first))
        main = same[0]
        out.append(main)
        for other in same[1:]:
            stray = len(other.items) == 1 and not other.items[0].caps_context
            if stray and len(main.items) >= 2:
                main.items.extend(other.items)
                main.items.sort(key=lambda t: t.mention.start)
            else:
                out.append(other)
    return out


def _merge_short_forms(groups: list[_Group]) -> list[_Group]:
    """Fold each group into the one longer group of its label that contains or expands it."""
    labels = {id(g): g.label for g in groups}  # as tagged, before any merging moves votes
    by_word: dict[str, list[_Group]] = {}
    by_initials: dict[str, list[_Group]] = {}
    for g in groups:
        if len(g.key) > 1:
            for w in set(g.key):
                by_word.setdefault(w, []).append(g)
            by_initials.setdefault(_initials(g.key), []).append(g)
    absorbed: set[int] = set()
    for short in sorted(groups, key=lambda g: (len(g.key), g.first)):
        label = labels[id(short)]
        acronym = _acronym(short)
        candidates = by_word.get(short.key[0], []) + by_initials.get(acronym, [])
        targets = {
            id(g): g
            for g in candidates
            if len(g.key) > len(short.key)
            and id(g) not in absorbed
            and labels[id(g)] == label
            and _completes(g, short, label, acronym)
        }
        if not targets:
            continue
        target = _pick_target(list(targets.values()))
        if target is not None:
            target.items.extend(short.items)
            absorbed.add(id(short))
    return [g for g in groups if id(g) not in absorbed]


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
        return short[0] == long[0] and short[-1] == long[-1]
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
    items = sorted(group.items, key=lambda t: t.mention.start)
    name = _name(group)
    # The name's own spelling leads the aliases, the rest follow in order of appearance.
    forms = [" ".join(t.mention.text.split()) for t in items]
    aliases = sorted(dict.fromkeys(forms), key=lambda form: form != name)
    return Entity(
        name=name,
        label=group.label,
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
