"""benchmarks.eval_reader scores a brief exactly as reader_dev/README.md defines, on a tiny fixture.

The fixture (``fixtures/reader/``) is a short article written for this test and its gold in the
reader_dev shape. The scoring tests feed a hand-made brief whose every verdict is known (a split, a
wrong type, a junk row, an unfit sentence, a spurious date...) and assert the figures a hand
computation gives; one test runs the whole script on the fixture with the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import eval_reader as er

FIXTURE = Path(__file__).parent / "fixtures" / "reader"
GOLD = json.loads((FIXTURE / "gold" / "rtest00.json").read_text(encoding="utf-8"))


def _text() -> str:
    return er.load_article(FIXTURE, GOLD["source"], {})


def _row(name: str, label: str, *aliases: str) -> dict[str, Any]:
    return {"name": name, "label": label, "aliases": list(aliases or [name])}


def _date_row(text: str, needle: str, value: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle), "value": value}


def _hand_brief() -> dict[str, Any]:
    """A brief whose verdicts are known: see each line's comment."""
    text = _text()
    return {
        "title": "Harbour council backs bridge repairs",  # right
        "dek": None,  # right (both empty)
        "byline": None,  # right
        "publisher": "BBC",  # wrong: the gold names none
        "dateline": None,  # right
        "published": "2005-01-15",  # not scored: --date is given for a bbc file
        "entities": [
            _row("the Harbour Council", "ORG"),  # correct ("the " dropped)
            _row("Price", "PER"),  # correct: a form of Ann Price
            _row("Ann Price", "PER"),  # split: Ann Price already covered
            _row("Kelso Regatta", "PER"),  # wrong type (gold OTHER)
            _row("Mayor", "MISC"),  # junk
            _row("DUNMORE", "LOC"),  # correct (case-insensitive)
        ],
        "dates": [
            _date_row(text, "Monday", "2005-01-10"),  # right value
            _date_row(text, "March", "2004-03"),  # overlapped, wrong value
            _date_row(text, "too long", "PXY"),  # spurious: no gold there
        ],
        "text": text,
    }


SELECTED = [
    "The Harbour Council voted on Monday to fund repairs to the bridge in Dunmore before the "
    "Kelso Regatta.",  # the news
    "\u201cWe waited too long.\u201d",  # unfit (curly quotes straightened)
    "Mayor Ann Price said work would start in March.",
]


def test_normalize_follows_the_readme() -> None:
    assert er.normalize("  The \u201cBig\u201d\n  Apple ") == '"big" apple'
    assert er.normalize("Theatre Royal") == "theatre royal"  # only the word "the " goes
    assert er.normalize(None) == ""


def test_entities_over_all_groups() -> None:
    score, verdicts = er.score_entities(_hand_brief()["entities"], GOLD["entities"])
    assert verdicts == ["correct", "correct", "split", "wrong_type", "junk", "correct"]
    assert (score.rows, score.correct, score.gold, score.covered) == (6, 3, 4, 3)
    # core gold: Harbour Council, Kelso Regatta, Ann Price; Kelso Regatta not covered.
    assert score.figures() == {"precision": 0.5, "recall": 0.75, "core_recall": 0.6667}


def test_entities_over_per_org_loc_only() -> None:
    score, verdicts = er.score_entities(
        _hand_brief()["entities"], GOLD["entities"], core_types_only=True
    )
    # The MISC row and the OTHER gold are left out, so the PER "Kelso Regatta" matches nothing.
    assert verdicts == ["correct", "correct", "split", "junk", "correct"]
    assert score.figures() == {"precision": 0.6, "recall": 1.0, "core_recall": 1.0}


def test_a_row_named_like_a_gold_entity_prefers_it() -> None:
    gold = [
        {"name": "Paris Hilton", "type": "PER", "forms": ["Paris Hilton", "Paris"], "core": True},
        {"name": "Paris", "type": "LOC", "forms": ["Paris"], "core": True},
    ]
    _, verdicts = er.score_entities([_row("Paris", "LOC")], gold)
    assert verdicts == ["correct"]


def test_header_fields() -> None:
    right = er.score_header(_hand_brief(), GOLD["header"], date_given=er.date_given(GOLD))
    assert right == {
        "title": True,
        "dek": True,
        "byline": True,
        "publisher": False,
        "dateline": True,
    }
    assert er.header_field_right("byline", "Jane Doe", "By Jane Doe, CNN")
    assert er.header_field_right("dateline", "MOSCOW", "Moscow")
    dated = er.score_header(
        {"dateline": {"place": "Tokyo"}}, {"dateline": "TOKYO"}, date_given=False
    )
    assert dated == {"dateline": True}  # the brief's dateline record is scored by its place
    assert not er.header_field_right("published", "2016-03-03", "2016-03-04")
    assert er.header_field_right("title", "A" * 40 + "x", "a" * 40 + "y")


def test_key_sentences() -> None:
    score = er.score_sentences(SELECTED, GOLD)
    assert score.figures() == {"news_hit": 1.0, "unfit_share": 0.3333}
    missed = er.score_sentences(SELECTED[1:], GOLD)
    assert (missed.news_hits, missed.articles) == (0, 1)


def test_dates() -> None:
    brief = _hand_brief()
    spans = er.locate_dates(brief["text"], GOLD["dates"])
    assert [brief["text"][start:end] for start, end in spans] == ["Monday", "March", "2003"]
    score = er.score_dates(brief["text"], brief["dates"], GOLD["dates"])
    assert (score.rows, score.spurious, score.unlocated) == (3, 1, 0)
    assert score.figures() == {
        "calendar_recall": 0.3333,
        "value_accuracy": 0.5,
        "spurious_share": 0.3333,
    }


def test_dates_are_located_in_order_never_reusing_a_span() -> None:
    text = "On Monday he left. On Monday she came back."
    gold = [{"text": "Monday", "context": "On Monday"}] * 2 + [{"text": "Friday", "context": ""}]
    assert er.locate_dates(text, gold) == [(3, 9), (22, 28), None]


def test_whole_article_and_totals() -> None:
    result = er.score_article(GOLD, _hand_brief(), {"news": SELECTED, "lead": SELECTED[:1]})
    summary = er.totals([result, result], ["news", "lead"])
    assert summary["header"] == {"right": 0.8, "fields": 10}
    assert summary["sentences"]["news"]["unfit_share"] == 0.3333
    assert summary["sentences"]["lead"]["unfit_share"] == 0.0
    assert summary["entities"]["counts"]["split"] == 2
    assert summary["dates"]["calendar_recall"] == 0.3333


def test_the_script_briefs_the_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    assert er.main([str(FIXTURE / "gold"), "--json", "--algorithm", "news,lead"]) == 0
    payload = json.loads(capsys.readouterr().out)
    totals = payload["totals"]
    assert [row["id"] for row in payload["articles"]] == ["rtest00"]
    assert totals["header"]["fields"] == 5  # published unscored under --date
    assert set(totals["sentences"]) == {"news", "lead"}
    assert totals["sentences"]["lead"]["news_hit"] == 1.0  # lead-3 always has the lead
    assert totals["dates"]["counts"]["gold"] == 3
    assert totals["dates"]["counts"]["unlocated"] == 0
    counts = totals["entities"]["counts"]
    assert counts["rows"] == sum(counts[v] for v in ("correct", "split", "wrong_type", "junk"))


def test_bad_algorithm_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        er.main([str(FIXTURE / "gold"), "--algorithm", "nope"])
    assert exit_info.value.code == 2
    assert "--algorithm" in capsys.readouterr().err
