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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from brief import ner
from brief.tokens import Token, tokenize

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
_ACRONYM_SKIP = {"of", "the", "and", "for", "de", "&"}
_DATELINE_FOLLOWERS = {",", "(", "-", "--", "–", "—", ":"}


@dataclass
class Mention:
    """One occurrence of a name: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    sentence_index: int | None


@dataclass
class Entity:
    """A person, organization, place or other name, with every mention of it in the document."""

    name: str
    label: str  # "PER" | "ORG" | "LOC" | "MISC"
    count: int
    aliases: list[str]
    mentions: list[Mention]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass
class _Tagged:
    """A mention as tagged, with what roll-up needs to know about it."""

    mention: Mention
    label: str
    words: list[str]
    caps_context: bool  # all caps because of where it stands (headline, dateline), not an acronym


@dataclass
class _Group:
    key: tuple[str, ...]
    items: list[_Tagged] = field(default_factory=list)

    @property
    def label(self) -> str:
        votes = Counter(t.label for t in self.items)
        # Ties go to the label of the first mention, where names are usually introduced in full.
        return max(votes, key=lambda lab: (votes[lab], lab == self.items[0].label))

    @property
    def first(self) -> int:
        return self.items[0].mention.start


def extract_entities(text: str, spans: Iterable[tuple[int, int, int | None]]) -> list[Entity]:
    """Entities named in ``text``, tagging each span (start, end, sentence index or None)."""
    return roll_up(tag_mentions(text, spans))


def tag_mentions(text: str, spans: Iterable[tuple[int, int, int | None]]) -> list[_Tagged]:
    """Every tagged name in the spans, in text order, trimmed of possessives and a leading "the"."""
    units = sorted({(s, e, i) for s, e, i in spans if e > s}, key=lambda u: (u[0], u[1]))
    toks = [[t for t in tokenize(text, s, e)] for s, e, _ in units]
    kept = [(u, t) for u, t in zip(units, toks, strict=True) if t]
    if not kept:
        return []
    sentences = [[t.text for t in ts] for _, ts in kept]
    tags = ner.get_tagger().tag_document(sentences)
    out: list[_Tagged] = []
    seen: set[tuple[int, int]] = set()
    for ((_, _, index), ts), words, sent_tags in zip(kept, sentences, tags, strict=True):
        caps_line = ner.line_mode(words) == ner.UPPER
        for a, b, label in ner.entity_spans(sent_tags):
            a, b = _trim(ts, a, b)
            if a >= b or (ts[a].start, ts[b - 1].end) in seen:
                continue
            seen.add((ts[a].start, ts[b - 1].end))
            start, end = ts[a].start, ts[b - 1].end
            caps = caps_line or _is_dateline(ts, a, b)
            mention = Mention(start, end, text[start:end], index)
            out.append(_Tagged(mention, label, [t.text for t in ts[a:b]], caps))
    out.sort(key=lambda t: t.mention.start)
    return out


def _trim(toks: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    """Drop stray symbols at the edges and a leading lower-case "the".

    A possessive "'s" is its own token and the tagger leaves it outside a name ("Russia" of
    "Russia's"); one it puts inside belongs to the name ("McDonald's"), so it stays.
    """
    while b > a and not toks[b - 1].text[0].isalnum() and toks[b - 1].text not in _POSSESSIVES:
        b -= 1
    while a < b and (toks[a].text in ("the", "THE") or not toks[a].text[0].isalnum()):
        a += 1
    return a, b


def _is_dateline(toks: Sequence[Token], a: int, b: int) -> bool:
    """An all-caps place opening a unit and followed by "," "(" or a dash: "MOSCOW (Reuters) -"."""
    if a != 0 or not all(t.text.isupper() for t in toks[a:b]):
        return False
    return b == len(toks) or toks[b].text in _DATELINE_FOLLOWERS or toks[b].text[0].isdigit()


def _key(words: Sequence[str]) -> tuple[str, ...]:
    joined = " ".join(w.lower() for w in words)
    canonical = _CANONICAL.get(joined) or _CANONICAL.get(joined.replace(" ", ""))
    if canonical:
        return tuple(canonical.lower().split())
    return tuple(joined.split())


def roll_up(tagged: Sequence[_Tagged]) -> list[Entity]:
    """Same name, then short forms into the full name they complete."""
    groups: dict[tuple[str, ...], _Group] = {}
    for t in tagged:
        groups.setdefault(_key(t.words), _Group(_key(t.words))).items.append(t)
    merged = _merge_short_forms(list(groups.values()))
    entities = [_entity(g) for g in merged]
    entities.sort(key=lambda e: (-e.count, e.mentions[0].start))
    return entities


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
            and (acronym or _contains(g.key, short.key, label))
        }
        if not targets:
            continue
        # Only an unambiguous completion joins: "Clinton" with both Bill and Hillary stays apart.
        longest = max(len(g.key) for g in targets.values())
        best = [g for g in targets.values() if len(g.key) == longest]
        if len(best) == 1:
            best[0].items.extend(short.items)
            absorbed.add(id(short))
    return [g for g in groups if id(g) not in absorbed]


def _contains(long: tuple[str, ...], short: tuple[str, ...], label: str) -> bool:
    """Whether ``short`` is in ``long``: a surname or given name for people, any run otherwise."""
    if label == "PER":
        return short == long[-len(short) :] or short == long[: len(short)]
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
    aliases = list(dict.fromkeys(t.mention.text for t in items))
    return Entity(
        name=_name(group),
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

    def rank(t: _Tagged) -> tuple[int, int, int]:
        return (len(t.words), not t.caps_context, -t.mention.start)

    best = max(group.items, key=rank)
    text = " ".join(best.mention.text.split())
    if best.caps_context or (text.isupper() and len(best.words) > 1):
        return text.title()
    return text
