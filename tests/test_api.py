"""The Python API: brief.analyze() and Brief.to_dict(), the JSON contract."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest

import brief
from brief.core import NOT_ENGLISH_WARNING
from brief.dates import EARLIEST_DATE, LATEST_DATE
from brief.errors import EmptyInputError, InputError, OptionError, UsageError
from brief.reading import DEFAULT_MAX_BYTES, MAX_MAX_BYTES

from .helpers import ROOT, SAMPLES

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
    with pytest.raises(OptionError):
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


# ---- the contract: TypeError for a text that is not str, BriefError for everything else -----------

LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
SHORT = "Headline\n\nThe council met on Tuesday. It voted.\n"


@pytest.mark.parametrize(
    "text", [None, b"Headline\n\nThe council met.", bytearray(b"x"), 42, ["a"]]
)
def test_a_text_that_is_not_str_is_a_type_error(text: object) -> None:
    with pytest.raises(TypeError, match="takes the article as str"):
        brief.analyze(text)  # type: ignore[arg-type]


def test_unpaired_surrogates_are_an_input_error_naming_the_first() -> None:
    text = "Headline\n\nThe council met\ud800 on Tuesday. It voted \udcff again.\n"
    with pytest.raises(InputError, match="unpaired surrogate") as raised:
        brief.analyze(text)
    assert raised.value.where == "<text>"
    assert f"character {text.index(chr(0xD800))}" in raised.value.message


def test_text_beyond_max_bytes_is_refused_by_its_utf8_size() -> None:
    with pytest.raises(
        InputError, match=r"larger than the limit of 10,000,000 bytes of UTF-8 \(max_bytes\)"
    ):
        brief.analyze("a" * (DEFAULT_MAX_BYTES + 1))  # the CLI's default limit applies
    accented = "Headline\n\n" + "Café crème. " * 10  # 130 characters, 150 bytes of UTF-8
    assert len(accented) < 140 < len(accented.encode("utf-8"))
    with pytest.raises(InputError, match=r"larger than the limit of 140 bytes"):
        brief.analyze(accented, max_bytes=140)
    assert brief.analyze(accented, max_bytes=150).sentence_count == 10


@pytest.mark.parametrize("value", [0, -1, True, "10", 1.5, MAX_MAX_BYTES + 1])
def test_bad_max_bytes_is_an_option_error(value: object) -> None:
    with pytest.raises(OptionError, match="max_bytes"):
        brief.analyze(SHORT, max_bytes=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [
        {"sentences": 0},
        {"sentences": 2.5},
        {"ratio": 2},
        {"ratio": 0},
        {"ratio": math.nan},
        {"ratio": math.inf},
        {"words": -5},
        {"algorithm": "bogus"},
        {"explain": "x"},
        {"published": date.max},
        {"published": date.min},
        {"published": date(999, 12, 31)},
        {"published": date(9000, 1, 1)},
        {"published": datetime(9999, 12, 31, 23, 59)},
        {"published": "9999-12-31"},
        {"published": 20211019},
        {"entities": "no"},
        {"dates": None},
        {"include_text": 1},
    ],
)
def test_bad_option_values_are_option_errors(options: dict) -> None:
    # An option error is a usage error (exit 2 on the command line) and a ValueError for Python.
    with pytest.raises(OptionError) as raised:
        brief.analyze(SHORT, **options)
    assert isinstance(raised.value, UsageError) and isinstance(raised.value, ValueError)
    assert raised.value.exit_code == 2


def test_the_ends_of_the_date_range_are_accepted() -> None:
    for day in (EARLIEST_DATE, LATEST_DATE):
        result = brief.analyze(SHORT, published=day)
        assert result.published == day and result.dates  # "Tuesday" resolves near either end


def test_errors_about_the_text_name_it() -> None:
    for text, error in (
        ("", EmptyInputError),
        ("  \n", EmptyInputError),
        ("Just a headline", None),
    ):
        with pytest.raises(EmptyInputError) as raised:
            brief.analyze(text)
        assert raised.value.where == "<text>"
        assert error is None or isinstance(raised.value, error)


@pytest.mark.parametrize(
    "header",
    ["date 9999-12-31 Reuters\nHeadline\n\n", "Headline\n\nLONDON, Dec 31, 9999 (Reuters) - "],
)
def test_a_publication_date_off_the_range_in_the_text_is_ignored(header: str) -> None:
    text = (
        header + "The council met on Tuesday. It ended 800000 days ago, or 2147483648 days ago.\n"
    )
    result = brief.analyze(text)
    assert result.published is None and result.published_source is None
    assert {(m.text, m.value) for m in result.dates} == {
        ("Tuesday", "XXXX-WXX-2"),  # no reference: left underspecified
        ("800000 days ago", "XXXX-XX-XX"),
        ("2147483648 days ago", "XXXX-XX-XX"),
    }
    # With a reference, the two that fall off the calendar are dropped.
    dated = brief.analyze(text, published="2021-10-21")
    assert {(m.text, m.value) for m in dated.dates} == {("Tuesday", "2021-10-19")}


# ---- language -------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_english_samples_read_as_english_without_a_warning(sample: Path) -> None:
    from .golden import golden_brief

    data = golden_brief(sample)
    assert data["language"] == "en"
    assert NOT_ENGLISH_WARNING not in data["warnings"]


@pytest.mark.parametrize("sample", sorted(LANGUAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_other_languages_are_flagged(sample: Path) -> None:
    data = brief.analyze(sample.read_text(encoding="utf-8"), entities=False).to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["language"] == "und"
    assert data["warnings"] == [NOT_ENGLISH_WARNING]


def test_a_french_article_is_flagged_with_its_entities_still_offered() -> None:
    text = (LANGUAGES / "fr.txt").read_text(encoding="utf-8")
    result = brief.analyze(text)
    assert result.language == "und" and result.warnings == [NOT_ENGLISH_WARNING]
    assert result.summary and all(text[s.start : s.end] == s.text for s in result.summary)


def test_too_few_words_are_not_judged() -> None:
    short_french = (
        "Titre\n\nLe conseil municipal a voté mardi soir. Les travaux commenceront en été.\n"
    )
    for text in (SHORT, short_french):
        result = brief.analyze(text)
        assert result.language is None and result.warnings == []
