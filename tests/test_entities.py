"""Entity extraction and roll-up: mentions point into the text, names are grouped as a reader would."""

from __future__ import annotations

import re

import pytest

from brief import document
from brief.document.tokens import words
from brief.entities import Entity, Mention, TaggedMention, extract_entities, roll_up

from .helpers import SAMPLES


def tagged(
    text: str, phrase: str, label: str, nth: int = 0, caps: bool = False, index: int | None = 0
) -> TaggedMention:
    """The ``nth`` occurrence of ``phrase`` in ``text`` as a mention the tagger labelled ``label``."""
    match = [m for m in re.finditer(re.escape(phrase), text)][nth]
    mention = Mention(match.start(), match.end(), phrase, index)
    return TaggedMention(mention, label, phrase.split(), caps)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def spans_of(text: str) -> list[tuple[int, int, int | None]]:
    """Tagging units as the document step hands them over: sentences, then title and dateline."""
    doc = document.parse(text)
    spans: list[tuple[int, int, int | None]] = [(s.start, s.end, s.index) for s in doc.sentences]
    spans += [(x.start, x.end, None) for x in (doc.title, doc.dek, doc.dateline) if x]
    return spans


# Roll-up rules, on mentions given directly so that they hold whatever the tagger does.


def test_surname_joins_the_full_name() -> None:
    text = "Sergei Lavrov spoke. Lavrov left. Then Lavrov came back."
    ents = roll_up([tagged(text, "Sergei Lavrov", "PER")] + [
        tagged(text, "Lavrov", "PER", n) for n in (1, 2)
    ])  # fmt: skip
    assert len(ents) == 1
    e = ents[0]
    assert (e.name, e.label, e.count) == ("Sergei Lavrov", "PER", 3)
    assert e.aliases == ["Sergei Lavrov", "Lavrov"]
    assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)


def test_ambiguous_surname_stays_apart() -> None:
    text = "Bill Clinton and Hillary Clinton met. Clinton spoke."
    ents = by_name(
        roll_up(
            [
                tagged(text, "Bill Clinton", "PER"),
                tagged(text, "Hillary Clinton", "PER"),
                tagged(text, "Clinton", "PER", 2),
            ]
        )
    )
    assert set(ents) == {"Bill Clinton", "Hillary Clinton", "Clinton"}
    assert ents["Bill Clinton"].count == 1


def test_short_name_joins_the_closest_of_nested_completions() -> None:
    text = "Anne Frank wrote. Anne hid. The Anne Frank House opened."
    ents = by_name(
        roll_up(
            [
                tagged(text, "Anne Frank", "PER", 0),
                tagged(text, "Anne", "PER", 1),
                tagged(text, "Anne Frank House", "PER"),
            ]
        )
    )
    assert ents["Anne Frank"].aliases == ["Anne Frank", "Anne"]
    assert ents["Anne Frank House"].count == 1


def test_us_spellings_are_one_place() -> None:
    text = "The US said the United States and the U.S. envoy agreed."
    ents = roll_up(
        [
            tagged(text, "US", "LOC"),
            tagged(text, "United States", "LOC"),
            tagged(text, "U.S.", "LOC"),
        ]
    )
    assert len(ents) == 1
    assert (ents[0].name, ents[0].label, ents[0].count) == ("United States", "LOC", 3)
    assert set(ents[0].aliases) == {"US", "United States", "U.S."}


def test_dateline_capitals_are_named_in_normal_case() -> None:
    text = "MOSCOW (Reuters) - Officials in Russia spoke."
    ents = roll_up(
        [tagged(text, "MOSCOW", "LOC", caps=True, index=None), tagged(text, "Russia", "LOC")]
    )
    assert by_name(ents)["Moscow"].aliases == ["MOSCOW"]


def test_mixed_case_spelling_wins_over_capitals() -> None:
    text = "NEW YORK (Reuters) - Rain fell on New York. New York shrugged."
    ents = roll_up(
        [
            tagged(text, "NEW YORK", "LOC", caps=True),
            tagged(text, "New York", "LOC", 0),
            tagged(text, "New York", "LOC", 1),
        ]
    )
    assert [(e.name, e.count) for e in ents] == [("New York", 3)]
    assert ents[0].aliases == ["New York", "NEW YORK"]


def test_acronym_joins_the_name_it_abbreviates() -> None:
    text = "The North Atlantic Treaty Organization met. NATO said no."
    ents = roll_up(
        [tagged(text, "North Atlantic Treaty Organization", "ORG"), tagged(text, "NATO", "ORG")]
    )
    assert [(e.name, e.count) for e in ents] == [("North Atlantic Treaty Organization", 2)]


def test_part_of_a_name_joins_only_after_the_full_name() -> None:
    text = "The Russian Foreign Ministry said no. The Foreign Ministry repeated it."
    ents = roll_up(
        [
            tagged(text, "Russian Foreign Ministry", "ORG"),
            tagged(text, "Foreign Ministry", "ORG", 1),
        ]
    )
    assert [(e.name, e.count) for e in ents] == [("Russian Foreign Ministry", 2)]
    # A name used alone first is its own entity, even when a longer one contains it later.
    text = "Reuters reported it. Reuters said so. (Reporting by Reuters Moscow bureau)"
    ents = roll_up(
        [tagged(text, "Reuters", "ORG", n) for n in (0, 1)]
        + [tagged(text, "Reuters Moscow bureau", "ORG")]
    )
    assert [(e.name, e.count) for e in ents] == [("Reuters", 2), ("Reuters Moscow bureau", 1)]


def test_acronym_does_not_join_a_longer_name_it_starts() -> None:
    text = "NATO MISSION CLOSES\nNATO said the mission would close."
    ents = roll_up(
        [tagged(text, "NATO MISSION", "ORG", caps=True, index=None), tagged(text, "NATO", "ORG", 1)]
    )
    assert sorted(e.name for e in ents) == ["NATO", "NATO Mission"]  # as usually written


def test_label_is_the_majority_of_mentions() -> None:
    text = "Jordan won. Jordan lost. Jordan drew."
    ents = roll_up([tagged(text, "Jordan", lab, n) for n, lab in enumerate(["LOC", "PER", "LOC"])])
    assert [(e.name, e.label, e.count) for e in ents] == [("Jordan", "LOC", 3)]


def test_order_is_mentions_then_first_position() -> None:
    text = "Oslo and Bergen. Bergen again. Paris."
    ents = roll_up(
        [
            tagged(text, "Oslo", "LOC"),
            tagged(text, "Bergen", "LOC", 0),
            tagged(text, "Bergen", "LOC", 1),
            tagged(text, "Paris", "LOC"),
        ]
    )
    assert [e.name for e in ents] == ["Bergen", "Oslo", "Paris"]


def test_to_dict_is_the_json_contract() -> None:
    text = "Lavrov spoke."
    ent = roll_up([tagged(text, "Lavrov", "PER")])[0]
    assert ent.to_dict() == {
        "name": "Lavrov",
        "label": "PER",
        "count": 1,
        "aliases": ["Lavrov"],
        "mentions": [{"start": 0, "end": 6, "text": "Lavrov", "sentence_index": 0}],
    }


# The whole path with the shipped model.


def test_wire_story_entities() -> None:
    text = (SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8")
    ents = extract_entities(text, spans_of(text))
    named = by_name(ents)
    assert ents[0].name == "Moscow" and ents[0].label == "LOC"
    assert "MOSCOW" in ents[0].aliases  # the dateline
    lavrov = named["Sergei Lavrov"]
    assert lavrov.label == "PER" and lavrov.aliases[:2] == ["Sergei Lavrov", "Lavrov"]
    assert lavrov.count >= 8
    assert named["Russia"].label == "LOC"
    assert named["NATO"].label == "ORG"
    assert named["Vladimir Putin"].label == "PER"
    assert named["Irina Belova"].label == "PER"
    us = named["United States"]
    assert us.label == "LOC" and {"United States", "U.S.", "US"} <= set(us.aliases)
    assert named["European Union"].label == "ORG" and "EU" in named["European Union"].aliases
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
            assert not m.text.endswith("'s")  # possessives dropped: "Russia's" -> "Russia"


def test_possessive_is_not_part_of_the_name() -> None:
    text = "Russia's foreign minister said Russia's position had not changed."
    ents = extract_entities(text, [(0, len(text), 0)])
    assert [(e.name, e.label, e.count) for e in ents] == [("Russia", "LOC", 2)]
    assert all(m.text == "Russia" for m in ents[0].mentions)


def test_title_is_not_part_of_the_name() -> None:
    text = "Sergei Lavrov arrived on Monday. Mr. Lavrov said the talks had ended."
    ents = extract_entities(text, [(0, 32, 0), (33, len(text), 1)])
    lavrov = by_name(ents)["Sergei Lavrov"]
    assert lavrov.aliases == ["Sergei Lavrov", "Lavrov"]
    assert [m.text for m in lavrov.mentions] == ["Sergei Lavrov", "Lavrov"]


def test_sentence_index_and_offsets() -> None:
    text = "Angela Merkel visited Paris.\nShe met Emmanuel Macron there."
    first_end = text.index("\n")
    ents = by_name(extract_entities(text, [(0, first_end, 0), (first_end + 1, len(text), 1)]))
    assert ents["Angela Merkel"].mentions == [Mention(0, 13, "Angela Merkel", 0)]
    assert ents["Paris"].label == "LOC"
    macron = ents["Emmanuel Macron"].mentions[0]
    assert macron.sentence_index == 1 and text[macron.start : macron.end] == "Emmanuel Macron"


@pytest.mark.parametrize("recase", [str.lower, str.upper])
def test_casing_lost_does_not_make_every_word_a_name(recase) -> None:
    text = recase((SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8"))
    ents = extract_entities(text, spans_of(text))
    mentions = sum(e.count for e in ents)
    assert mentions <= 0.15 * len(words(text))
    # still found, and named as usually written
    assert {"Moscow", "NATO", "Sergei Lavrov"} <= set(by_name(ents))


def test_no_spans_no_entities() -> None:
    assert extract_entities("Moscow", []) == []
    assert extract_entities("   ", [(0, 3, 0)]) == []
