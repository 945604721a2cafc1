"""Boilerplate (editor's notes, credits, promos, links, follow-us lines, bios, sign-offs, team sheets)
stays in the Document with exact offsets but is never a key sentence, and credits, bios, follow-us
lines and sign-offs (the newsroom's staff) name no entity of the brief."""

from __future__ import annotations

import pytest

import brief
from brief.document import parse
from brief.document.boilerplate import paragraph_kind, sentence_kind

LEAD = (
    "The city council voted on Monday to fund repairs to the Harbour Bridge after engineers found "
    "cracks in its main span. Mayor Alice Grant said the work would start in March."
)
MORE = (
    "The bridge carries about forty thousand cars a day across the river. Engineers from Halden "
    "University inspected the span twice last year. Repairs are expected to take two summers."
)


def article(*extra: str) -> str:
    return "\n\n".join([LEAD, *extra, MORE]) + "\n"


def boilerplate_texts(text: str) -> dict[str, str]:
    document = parse(text)
    return {text[b.start : b.end]: b.kind for b in document.boilerplate}


def summary_texts(text: str, **options) -> list[str]:
    return [row["text"] for row in brief.analyze(text, **options).to_dict()["summary"]]


def entity_names(text: str) -> set[str]:
    return {row["name"] for row in brief.analyze(text).to_dict()["entities"]}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "Editor's note (June 2, 2016) -- An earlier version of this story misstated the "
            "cost of the repairs. It was 4 million dollars.",
            "editor-note",
        ),
        ("Who will be on the move this summer?", "promo"),
        ("Mayor Grant: 'Was I expecting this kind of backlash? Heavens no.'", "promo"),
        ("WATCH: Traffic crawls across the bridge.", "promo"),
        ("Follow Jane Roe on Twitter at @janeroe.", "follow-us"),
        (
            "Jane Roe is a CNN contributor and the author of two books about city government.",
            "bio",
        ),
        ("Reporting by Tom Black; Editing by Sam White.", "sign-off"),
        ("CNN's Kathy Quist contributed to this report.", "sign-off"),
        (
            "Dudek, Finnan, Carragher, Hyypia, Traore (Biscan 67), Luis Garcia, Gerrard (Baros 74).",
            "team-sheet",
        ),
        ("Gerrard 79 og, Drogba 107, Kezman 112.", "team-sheet"),
        ("home to Manchester United in the quarter-finals", "fragment"),
    ],
)
def test_each_kind_is_recognised_kept_in_the_document_and_never_a_key_sentence(
    line: str, kind: str
) -> None:
    text = article(line)
    found = boilerplate_texts(text)
    assert found == {line: kind}
    # Kept in the Document with exact offsets: its sentences are still there.
    document = parse(text)
    start = text.index(line)
    assert any(s.start >= start and s.end <= start + len(line) for s in document.sentences)
    # ...but never chosen, even when the reader asks for every sentence but one.
    chosen = summary_texts(text, sentences=len(document.sentences) - 1)
    assert not any(sentence in line for sentence in chosen)
    assert len(chosen) == len(document.sentences) - len(document.boilerplate_sentences())


def test_story_text_is_not_boilerplate() -> None:
    story = [
        "Watch crews worked through the night to close the bridge.",
        "Who pays for the repairs is still unclear, the mayor said on Tuesday.",
        "Alice Grant is a former engineer who ran the city's roads department for a decade, and "
        "she said the council had known about the cracks since 2019. She wants an inquiry.",
        "Read the report, she told reporters, and you will see the council was warned.",
        "Related costs, such as detours, will be paid by the state.",
        "Produced by Halden Studios as part of a deal with the city, the film shows the cracks.",
        '"He cries and is afraid like us and then he is gone," the mayor said of a worker.',
        "Long before the vote the mayor had warned about the cracks, and she said that the views "
        "expressed in this paragraph were shared across the council, the state and the engineers "
        "who inspected the span in the spring and again in the autumn, in the rain and the wind "
        "that batter the river valley most of the year.",
    ]
    for line in story:
        assert boilerplate_texts(article(line)) == {}, line


def test_a_caption_credit_glued_to_a_sentence_is_cut_off_not_the_sentence() -> None:
    caption = "JANE DOE / THE DAILY TIMES "
    sentence = "In his new book, Tom Hale argues that the bridge was doomed from the start."
    text = article(caption + sentence)
    document = parse(text)
    credit = [b for b in document.boilerplate if b.kind == "credit"]
    assert [text[b.start : b.end] for b in credit] == [caption.strip()]
    kept = [s for s in document.sentences if s.text == sentence]
    assert len(kept) == 1 and text[kept[0].start : kept[0].end] == sentence
    names = entity_names(text)
    assert "Tom Hale" in names
    assert not any("JANE" in name or "DAILY TIMES" in name.upper() for name in names)


def test_a_sign_off_run_into_the_last_paragraph_leaves_the_story_sentence_a_candidate() -> None:
    last = "The council will vote again next week. CNN's Kathy Quist contributed to this report."
    text = article() + "\n" + last + "\n"
    found = boilerplate_texts(text)
    assert found == {"CNN's Kathy Quist contributed to this report.": "sign-off"}
    chosen = summary_texts(text, sentences=20)
    assert "The council will vote again next week." in chosen
    assert "Kathy Quist" not in entity_names(text)


def test_credits_bios_and_sign_offs_name_no_entity_but_team_sheets_and_notes_do() -> None:
    text = article(
        "Reporting by Tom Black; Editing by Sam White.",
        "Jane Roe is a CNN contributor and the author of two books about city government.",
        "Follow Peter Stone on Twitter at @pstone.",
        "Subs Not Used: Pellegrino, Carson.",
        "Editor's note: An earlier version of this story misnamed Halden University.",
    )
    names = entity_names(text)
    assert "Alice Grant" in names
    assert not names & {"Tom Black", "Sam White", "Jane Roe", "Peter Stone"}
    assert {"Pellegrino", "Carson"} & names
    assert "Halden University" in names


def test_a_word_budget_never_spends_words_on_boilerplate() -> None:
    text = article("Who will be on the move this summer?", "Gerrard 79 og, Drogba 107.")
    for budget in (5, 20, 40, 80, 400):
        chosen = summary_texts(text, words=budget)
        assert chosen and not any(s.startswith(("Who will", "Gerrard")) for s in chosen)


def test_explain_all_ranks_every_sentence_with_boilerplate_last() -> None:
    text = article("Who will be on the move this summer?")
    data = brief.analyze(text, explain="all").to_dict()
    ranking = [row["text"] for row in data["ranking"]]
    assert len(ranking) == data["sentence_count"]
    assert ranking[-1] == "Who will be on the move this summer?"


def test_a_text_of_boilerplate_alone_is_still_briefed() -> None:
    text = "Reporting by Tom Black; Editing by Sam White.\n"
    assert summary_texts(text) == ["Reporting by Tom Black; Editing by Sam White."]


def test_sentence_kinds_inside_story_paragraphs() -> None:
    assert sentence_kind("Additional reporting by Tom Black in Paris.") == "sign-off"
    assert sentence_kind("The views expressed in this commentary are solely hers.") == "bio"
    assert sentence_kind("The mayor reported the cracks to the state.") is None
    assert paragraph_kind("The mayor spoke. She left.", 2) is None


def test_a_long_paragraph_of_names_and_numbers_is_classified_in_linear_time() -> None:
    # Many boilerplate paragraphs: finding their sentences must not be quadratic.
    text = article(*["Riise 1, Nunez 113."] * 5000)
    document = parse(text)
    assert len(document.boilerplate_sentences()) == 5000
    assert len(summary_texts(text, sentences=3)) == 3
