"""What ``brief`` offers Python callers: analyze_file like the CLI, every name exported lazily, the
error types, the packaged schema, and arbitrary option values raising only BriefError subclasses."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brief
from brief import errors

from .helpers import ROOT, SAMPLES, run_brief

SHORT = "Headline\n\nThe council met on Tuesday. It voted.\n"


@pytest.mark.parametrize(
    "name", ["wire_lavrov.txt", "cp1252_crlf.txt", "harbour_gazette.html"], ids=lambda n: n
)
def test_analyze_file_briefs_like_the_command_line(name: str) -> None:
    path = SAMPLES / name
    result = run_brief("summarize", "--json", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert brief.analyze_file(path).to_dict() == json.loads(result.stdout)
    assert brief.analyze_file(str(path)).to_dict() == json.loads(result.stdout)


def test_analyze_file_decodes_what_analyze_would_misread() -> None:
    # cp1252 bytes read with the locale's encoding (the old README's open().read()) are mojibake or
    # an error; analyze_file reads them as brief summarize does.
    path = SAMPLES / "cp1252_crlf.txt"
    data = brief.analyze_file(path).to_dict()
    assert data["source"]["encoding"] == "cp1252"
    text = path.read_bytes().decode("cp1252")
    for sentence in data["summary"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_analyze_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(brief.InputError, match="no such file") as raised:
        brief.analyze_file(tmp_path / "missing.txt")
    assert raised.value.where.endswith("missing.txt")
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(brief.EmptyInputError):
        brief.analyze_file(tmp_path / "empty.txt")
    with pytest.raises(brief.InputError, match=r"limit of 100 bytes \(max_bytes\)"):
        brief.analyze_file(SAMPLES / "wire_lavrov.txt", max_bytes=100)
    with pytest.raises(brief.FetchError, match=r"unsupported URL scheme|no host"):
        brief.analyze_file("http://")
    with pytest.raises(TypeError):
        brief.analyze_file(b"story.txt")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"timeout": float("nan")}, {"timeout": "5"}, {"max_bytes": 0}, {"ratio": 3}],
)
def test_analyze_file_checks_options_before_reading(options: dict) -> None:
    # The path does not exist: the option is refused first.
    with pytest.raises(brief.OptionError) as raised:
        brief.analyze_file("/nonexistent/story.txt", **options)
    assert raised.value.where in {"timeout", "max_bytes", "ratio"}
    assert "--" not in str(raised.value)  # the library names keywords, not flags


def test_every_exported_name_resolves_and_matches_its_home() -> None:
    from brief import _EXPORTS

    assert set(brief.__all__) == {*_EXPORTS, "__version__"}
    for name, home in _EXPORTS.items():
        module, _, attribute = home.partition(":")
        value = getattr(brief, name)
        assert value is getattr(sys.modules[f"brief.{module}"], attribute or name)
    assert brief.Brief.__name__ == "Brief" and callable(brief.analyze_file)
    with pytest.raises(AttributeError):
        _ = brief.no_such_name  # type: ignore[attr-defined]


def test_every_error_is_a_brief_error_and_option_errors_are_value_errors() -> None:
    for name in ("InputError", "EmptyInputError", "TooLargeError", "FetchError", "UsageError"):
        assert issubclass(getattr(brief, name), brief.BriefError)
    assert issubclass(brief.TooLargeError, brief.InputError)
    assert issubclass(brief.OptionError, brief.UsageError)
    assert issubclass(brief.OptionError, ValueError)
    assert brief.OptionError("sentences", "bad").exit_code == errors.ExitCode.USAGE == 2
    from brief.reading.fetching import FetchError

    assert FetchError is brief.FetchError


def test_import_brief_loads_nothing_heavy() -> None:
    code = (
        "import sys, brief; brief.__version__; brief.BriefError;"
        "print(sorted(m for m in ('brief.core', 'brief.api', 'nltk', 'numpy', 'sumy', 'trafilatura')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_packaged_schema_is_the_documented_one_and_ships_in_the_package() -> None:
    documented = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    assert brief.schema() == documented
    assert brief.schema() is not brief.schema()  # a fresh dict for each caller
    package = Path(brief.__file__).parent
    assert (package / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed", "brief.schema.json"' in pyproject  # both are package data


# Web pages that make trafilatura and htmldate log (no article, broken markup, impossible dates).
_ODD_PAGES = [
    "<html><body></body></html>",
    "<html><head><title>x</title></head><body><div><div><div>",
    '<html><head><meta property="article:published_time" content="0000-99-99"></head>'
    "<body><p>Short.</p></body></html>",
    "<html><body><p>" + "word " * 50 + "</p><p>Dated 31/31/2031. It rained.</p></body></html>",
]


def test_odd_web_pages_print_nothing_and_leave_other_loggers_alone(tmp_path: Path) -> None:
    # In a fresh interpreter, with no logging configured, as a library user's script would be.
    pages = []
    for number, page in enumerate(_ODD_PAGES):
        pages.append(tmp_path / f"page{number}.html")
        pages[-1].write_text(page, encoding="utf-8")
    code = (
        "import logging, sys, brief, trafilatura, htmldate\n"
        "names = ('trafilatura', 'htmldate', 'courlan', 'justext')\n"
        "before = [(logging.getLogger(n).propagate, len(logging.getLogger(n).handlers)) for n in names]\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        brief.analyze_file(path)\n"
        "    except brief.BriefError:\n"
        "        pass\n"
        "after = [(logging.getLogger(n).propagate, len(logging.getLogger(n).handlers)) for n in names]\n"
        "print(before == after)\n"
        "seen = []\n"
        "class Keep(logging.Handler):\n"
        "    def emit(self, record):\n"
        "        seen.append(record.levelno)\n"
        "logging.getLogger().addHandler(Keep())\n"
        "logging.getLogger().setLevel(logging.DEBUG)\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        brief.analyze_file(path)\n"
        "    except brief.BriefError:\n"
        "        pass\n"
        "print(max(seen, default=0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, pages)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    unchanged, loudest = result.stdout.split()
    assert unchanged == "True"
    # They did log, at a level Python's last-resort handler would print were it reached.
    assert int(loudest) >= logging.WARNING
    assert logging.getLogger("trafilatura").propagate  # in this process too


# -- arbitrary argument values ---------------------------------------------------------------------

_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["selected", "all", "news", "lead", "lexrank", "2021-10-19", "9999-12-31"]),
    st.lists(st.integers(), max_size=2),
)
_KEYWORDS = (
    "published",
    "sentences",
    "algorithm",
    "ratio",
    "words",
    "explain",
    "entities",
    "dates",
    "include_text",
    "max_bytes",
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.sampled_from([SHORT, "", "   ", "Just a headline"]), st.text(max_size=60)),
    options=st.dictionaries(st.sampled_from(_KEYWORDS), _ANY, max_size=4),
)
def test_analyze_raises_only_brief_errors_for_any_argument_values(text: str, options: dict) -> None:
    try:
        result = brief.analyze(text, **options)
    except brief.BriefError as error:
        assert "\n" not in str(error) and "--" not in error.where
        return
    assert isinstance(result, brief.Brief)
    json.dumps(result.to_dict())


@settings(max_examples=20, deadline=None)
@given(text=st.one_of(st.binary(max_size=8), st.integers(), st.none(), st.lists(st.text())))
def test_a_text_that_is_not_str_is_a_type_error(text: object) -> None:
    with pytest.raises(TypeError):
        brief.analyze(text)  # type: ignore[arg-type]


def test_option_error_values_are_checked_whatever_their_type() -> None:
    # A date of the right type but out of range, and a datetime, go through the same check.
    with pytest.raises(brief.OptionError):
        brief.analyze(SHORT, published=date(1, 1, 1))
    assert brief.analyze(SHORT, published=datetime(2021, 10, 19, 8, 0)).published is not None
