"""One options record, one way in from the command line, one table of exit codes.

``brief.options.Options`` is what every caller hands the pipeline: keyword-only, frozen, checked when
made, its errors named after the keyword. ``commands.options.analysis_options`` is the only road from
flags to it. The project's metadata (distribution name, licence, User-Agent) is checked here too.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from datetime import date

import pytest

from brief import errors
from brief.commands import _explain_all
from brief.commands.options import BatchFormat, Format, ListFormat, analysis_options
from brief.errors import BriefError, ExitCode, UsageError
from brief.options import BATCH_FORMATS, BRIEF_FORMATS, LIST_FORMATS, Options
from brief.reading.fetching import USER_AGENT

from .helpers import ROOT


def test_options_are_keyword_only_and_frozen() -> None:
    with pytest.raises(TypeError):
        Options(3)  # type: ignore[misc]
    options = Options(sentences=3, algorithm="lead")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.sentences = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("keyword", "value"),
    [
        ("sentences", 0),
        ("sentences", True),
        ("words", -1),
        ("ratio", 0.0),
        ("ratio", float("nan")),
        ("ratio", 1.5),
        ("algorithm", "magic"),
        ("explain", "bogus"),
        ("entities", "yes"),
        ("include_text", 1),
        ("published", date(1, 1, 1)),
        ("published", "2021-10-19"),
    ],
)
def test_a_bad_value_is_a_usage_error_named_after_its_keyword(keyword: str, value: object) -> None:
    with pytest.raises(UsageError) as raised:
        Options(**{keyword: value})
    assert raised.value.where == keyword
    assert raised.value.exit_code == ExitCode.USAGE


def test_analysis_options_reads_every_flag() -> None:
    from brief.commands.options import Algorithm

    options = analysis_options(
        words=40,
        algorithm=Algorithm("sum-basic"),
        explain=True,
        explain_all=True,
        published="2021-10-19",
        no_entities=True,
        no_dates=True,
        include_text=True,
    )
    assert options == Options(
        words=40,
        algorithm="sum-basic",
        explain="all",
        published=date(2021, 10, 19),
        entities=False,
        dates=False,
        include_text=True,
    )
    assert analysis_options(explain=True).explain == "selected"
    assert analysis_options() == Options()


@pytest.mark.parametrize(
    ("lengths", "named"),
    [
        ({"sentences": 2, "words": 30}, "--sentences and --words"),
        ({"words": 30, "ratio": 0.5}, "--words and --ratio"),
        ({"sentences": 2, "words": 30, "ratio": 0.5}, "--sentences, --words and --ratio"),
    ],
)
def test_two_summary_lengths_are_refused(lengths: dict, named: str) -> None:
    with pytest.raises(UsageError) as raised:
        analysis_options(**lengths)
    assert named in raised.value.message


def test_explain_all_spellings() -> None:
    assert _explain_all(["summarize", "a.txt", "--explain", "all"]) == [
        "summarize",
        "a.txt",
        "--explain-all",
    ]
    assert _explain_all(["--explain=all", "a"]) == ["--explain-all", "a"]
    assert _explain_all(["--explain=selected", "a"]) == ["--explain", "a"]
    # After "--" every argument is a name: a file called --explain=all stays one.
    assert _explain_all(["a", "--", "--explain=all"]) == ["a", "--", "--explain=all"]
    assert _explain_all(["all", "--explain"]) == ["all", "--explain"]


def test_exit_codes_are_one_enum() -> None:
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0,
        "INPUT": 1,
        "USAGE": 2,
        "SIGHUP": 129,
        "INTERRUPTED": 130,
        "BROKEN_PIPE": 141,
        "SIGTERM": 143,
    }
    assert not [name for name in vars(errors) if name.startswith("EXIT_")]
    for kind in (BriefError, *BriefError.__subclasses__()):
        assert isinstance(kind.exit_code, ExitCode)


def test_format_names_are_defined_once() -> None:
    assert tuple(Format) == BRIEF_FORMATS
    assert tuple(ListFormat) == LIST_FORMATS
    assert tuple(BatchFormat) == BATCH_FORMATS


# -- the project's metadata -------------------------------------------------------------------------

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_file_matches_the_metadata() -> None:
    assert PYPROJECT["license"] == "MIT"
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Copyright (c) 2026 the brief authors" in licence


def test_the_distribution_is_not_named_after_an_unrelated_package() -> None:
    # "brief" on PyPI is someone else's; the command and the import name stay brief.
    assert PYPROJECT["name"] != "brief"
    assert PYPROJECT["scripts"] == {"brief": "brief.__main__:main"}
    assert "urls" not in PYPROJECT  # no public home yet: no made-up addresses


def test_the_user_agent_names_brief_and_no_other_project() -> None:
    assert re.fullmatch(r"brief/\S+ \(\+.*\)", USER_AGENT)
    assert PYPROJECT["name"] in USER_AGENT
    assert "://" not in USER_AGENT
