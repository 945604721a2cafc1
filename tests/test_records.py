"""The records of a brief (``brief.briefing``): one set, one JSON contract, and a Brief that renders
itself, so every command that writes a view of the same article writes the same view."""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest

import brief
from brief import briefing, render

from .helpers import ROOT, SAMPLES, run_brief

WIRE = SAMPLES / "wire_lavrov.txt"
# A wire story with a dateline, a cp1252 file with CRLF lines and a web page: three ways in.
MARKDOWN_SAMPLES = ("wire_lavrov.txt", "cp1252_crlf.txt", "harbour_gazette.html")
TIMELINE_ROW = re.compile(r"^\| (?P<when>[^|]+) \| (?P<phrase>.+?) \| (?P<s>.*) \|$")
TIMELINE_HEADERS = ("when", "how long, how often")


@pytest.fixture(scope="module")
def wire_brief() -> briefing.Brief:
    return brief.analyze(WIRE.read_text(encoding="utf-8"))


def test_batch_markdown_is_summarize_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in MARKDOWN_SAMPLES:
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "out"
    done = run_brief("batch", str(folder), "-f", "markdown", "--out", str(out), "--jobs", "1", "-q")
    assert done.returncode == 0, done.stderr.decode()
    for name in MARKDOWN_SAMPLES:
        written = (out / (Path(name).stem + ".md")).read_text(encoding="utf-8")
        stamp, _, batch_markdown = written.partition("\n")
        assert stamp.startswith("<!-- brief: source sha256 ")
        single = run_brief("summarize", str(folder / name), "-f", "markdown")
        assert single.returncode == 0, single.stderr.decode()
        assert batch_markdown.encode("utf-8") == single.stdout, name
        rows = [TIMELINE_ROW.match(line) for line in batch_markdown.splitlines()]
        quoted = [row["s"] for row in rows if row and row["when"] not in TIMELINE_HEADERS]
        # The timeline quotes each date's sentence in batch too (it used to leave the column empty).
        assert quoted and all(quoted), name


def test_quoted_sentences_are_the_dated_sentences_and_stay_out_of_the_json(wire_brief) -> None:
    text = WIRE.read_text(encoding="utf-8")
    dated = {m.sentence_index for m in wire_brief.dates if m.sentence_index is not None}
    assert dated and set(wire_brief.quoted_sentences) == dated
    for start, sentence in wire_brief.quoted_sentences.values():
        assert text[start : start + len(sentence)] == sentence
    for mention in wire_brief.dates:
        start, sentence = wire_brief.quoted_sentences[mention.sentence_index]
        assert start <= mention.start and mention.end <= start + len(sentence)
    data = wire_brief.to_dict()
    assert "quoted_sentences" not in data
    assert "quoted_sentences" not in repr(wire_brief)


def test_a_brief_without_dates_quotes_nothing() -> None:
    made = brief.analyze(WIRE.read_text(encoding="utf-8"), dates=False)
    assert made.dates == [] and made.quoted_sentences == {}
    assert "## Timeline" not in render.render(made, "markdown")


def test_render_needs_only_the_brief(wire_brief) -> None:
    # A library user's Brief renders the same timeline as the CLI's: the sentence column is filled.
    markdown = render.render(wire_brief, "markdown")
    assert "| summer 2021 | the summer | Those calls were quietly cancelled" in markdown
    text = render.render(wire_brief, "text")
    assert "calls were quietly cancelled in the summer" in text


def test_the_brief_is_frozen_and_its_lists_are_typed(wire_brief) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        wire_brief.title = "changed"  # type: ignore[misc]
    hints = {f.name: f.type for f in dataclasses.fields(briefing.Brief)}
    assert hints["summary"] == "list[KeySentence]"
    assert hints["entities"] == "list[Entity]"
    assert hints["dates"] == "list[DateMention]"
    assert all(isinstance(e, briefing.Entity) for e in wire_brief.entities)
    assert all(isinstance(m, briefing.Mention) for e in wire_brief.entities for m in e.mentions)
    assert all(isinstance(d, briefing.DateMention) for d in wire_brief.dates)
    assert all(isinstance(s, briefing.KeySentence) for s in wire_brief.summary)


def test_one_dateline_record_from_document_to_json(wire_brief) -> None:
    from brief import document

    assert document.Dateline is briefing.Dateline
    assert not hasattr(briefing, "DatelineInfo")
    line = wire_brief.dateline
    assert isinstance(line, briefing.Dateline) and line.place == "MOSCOW"
    # The date it states dates the article; the JSON keeps its six keys.
    assert set(line.to_dict()) == {"text", "start", "end", "place", "date_text", "agency"}
    text = WIRE.read_text(encoding="utf-8")
    assert text[line.start : line.end] == line.text


def test_the_stages_produce_the_records_of_briefing() -> None:
    from brief.dates import DateMention
    from brief.entities import Entity, Mention

    assert (Entity, Mention, DateMention) == (
        briefing.Entity,
        briefing.Mention,
        briefing.DateMention,
    )


def test_every_to_dict_lives_in_briefing() -> None:
    """The JSON contract has one home: no other module of the package defines a ``to_dict``."""
    package = ROOT / "cli" / "brief"
    owners = []
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        if "to_dict" in names:
            owners.append(path.relative_to(package).as_posix())
    assert owners == ["briefing.py"]


def test_briefing_is_the_bottom_of_the_house() -> None:
    tree = ast.parse((ROOT / "cli" / "brief" / "briefing.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("brief"), node.module
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith("brief") for alias in node.names)


def test_the_literal_aliases_name_what_the_code_uses(wire_brief) -> None:
    from brief.summary import ALGORITHMS

    assert get_args(briefing.Algorithm) == ALGORITHMS
    assert set(get_args(briefing.EntityLabel)) == {label for label, _ in render.ENTITY_GROUPS}
    assert {e.label for e in wire_brief.entities} <= set(get_args(briefing.EntityLabel))
    assert {d.type for d in wire_brief.dates} <= set(get_args(briefing.DateType))
    assert {d.anchor for d in wire_brief.dates} <= set(get_args(briefing.DateAnchor))
    assert wire_brief.source.format in get_args(briefing.SourceFormat)


def test_record_json_keys_are_the_contract() -> None:
    mention = briefing.Mention(4, 10, "Lavrov", 2)
    entity = briefing.Entity("Sergei Lavrov", "PER", 1, ["Lavrov"], [mention])
    assert entity.to_dict() == {
        "name": "Sergei Lavrov",
        "label": "PER",
        "count": 1,
        "aliases": ["Lavrov"],
        "mentions": [{"start": 4, "end": 10, "text": "Lavrov", "sentence_index": 2}],
    }
    when = briefing.DateMention("Tuesday", 0, 7, "DATE", "2021-10-19", "day", True, "published", 0)
    assert list(when.to_dict()) == [
        "text",
        "start",
        "end",
        "type",
        "value",
        "precision",
        "relative",
        "anchor",
        "sentence_index",
        "label",  # 1.3
        "range",  # 1.3
    ]
