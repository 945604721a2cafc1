"""The Python API: brief.analyze() and Brief.to_dict(), the JSON contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

import brief
from brief.errors import EmptyInputError, UsageError
from conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))


def test_analyze_returns_a_brief_whose_dict_matches_the_schema() -> None:
    text = (SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8")
    result = brief.analyze(text)
    assert isinstance(result, brief.Brief)
    data = result.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["published"] == "2021-10-19" and data["published_source"] == "metadata-line"
    assert len(data["summary"]) == 3  # a 600-word story gets the default three
    assert data["algorithm"] == "news"
    for sentence in data["summary"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_published_overrides_the_article_date_as_date_or_string() -> None:
    text = (SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8")
    for value in (date(2022, 1, 2), "2022-01-02"):
        data = brief.analyze(text, published=value).to_dict()
        assert (data["published"], data["published_source"]) == ("2022-01-02", "option")
    with pytest.raises(UsageError):
        brief.analyze(text, published="next Tuesday")


def test_no_date_in_the_text_means_none_never_today() -> None:
    data = brief.analyze("Headline\n\nThe council met. It voted.\n").to_dict()
    assert data["published"] is None and data["published_source"] is None


def test_sentences_and_algorithm() -> None:
    text = Path(SAMPLES / "long_feature.txt").read_text(encoding="utf-8")
    data = brief.analyze(text, sentences=5, algorithm="lead").to_dict()
    assert [s["sentence_index"] for s in data["summary"]] == [0, 1, 2, 3, 4]
    assert data["algorithm"] == "lead"


def test_explain_and_word_budget() -> None:
    text = (SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8")
    data = brief.analyze(text, explain="all", words=60).to_dict()
    jsonschema.validate(data, SCHEMA)
    assert all("components" in s for s in data["summary"])
    assert [s["rank"] for s in data["ranking"]] == list(range(1, data["sentence_count"] + 1))
    assert "ranking" not in brief.analyze(text).to_dict()
    assert "components" not in brief.analyze(text).to_dict()["summary"][0]


def test_text_without_sentences_is_an_error() -> None:
    with pytest.raises(EmptyInputError, match="no sentences"):
        brief.analyze("Just a headline")


def test_reading_time_rounds_up() -> None:
    text = "Headline\n\n" + "Word " * 460 + "end.\n"
    assert brief.analyze(text).to_dict()["reading_time_minutes"] == 3


def test_the_metadata_line_is_not_an_event_of_the_timeline() -> None:
    text = (SAMPLES / "wire_lavrov.txt").read_text(encoding="utf-8")
    metadata_end = text.index("\n")
    dates = brief.analyze(text).to_dict()["dates"]
    assert dates and all(d["start"] > metadata_end for d in dates)
