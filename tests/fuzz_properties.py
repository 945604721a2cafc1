"""The fuzz properties of ``brief.analyze``, in one place for the test suite and the benchmark.

``tests/test_fuzz.py`` runs each property a few hundred times in the suite; ``benchmarks/fuzz.py``
runs the same ones thousands of times and counts the crashes. A case passes when ``analyze`` either
raises a ``BriefError`` (a ``TypeError`` for a text that is not ``str``) or returns a brief whose
JSON is serialisable, valid against ``docs/brief.schema.json``, and whose every offset reproduces
its span: ``text[start:end] == its text``, ``text`` being the brief's own text or the input.

The texts are random Unicode (surrogates included) and the project's sample articles mutated the
ways web pages and careless pipelines break text: unpaired surrogates, huge numbers in date phrases,
datelines and metadata lines, Rich markup, control and bidi characters, HTML, very long words and
lines, changed line ends and case.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from hypothesis import event
from hypothesis import strategies as st

import brief
from brief.errors import BriefError

from .helpers import ROOT, SAMPLES


class Crash(AssertionError):
    """A property failed: ``analyze`` raised something else than it promises, or broke an offset."""


# -- the properties --------------------------------------------------------------------------------


def check_text(text: str, options: dict[str, Any]) -> None:
    """``analyze(text, **options)`` gives a sound brief or a ``BriefError``; raises ``Crash``."""
    try:
        result = brief.analyze(text, **options)
    except BriefError as error:
        event(f"refused: {error.kind}")
        return
    except Exception as error:
        raise Crash(f"{type(error).__name__}: {error}") from error
    event(f"briefed: {result.source.format}, language {result.language}")
    check_brief(result, text)


def check_not_text(value: object) -> None:
    """``analyze`` of anything but a ``str`` is a ``TypeError``; raises ``Crash``."""
    try:
        brief.analyze(value)  # type: ignore[arg-type]
    except TypeError:
        return
    except Exception as error:
        raise Crash(f"{type(error).__name__} instead of TypeError: {error}") from error
    raise Crash("no TypeError for a text that is not str")


def check_brief(result: brief.Brief, given: str) -> None:
    """Raise ``Crash`` unless ``result`` is valid JSON for the schema with every offset exact."""
    data = result.to_dict()
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # printable as the CLI prints it
    except (TypeError, ValueError) as error:  # UnicodeEncodeError is a ValueError
        raise Crash(f"not printable as JSON: {error}") from error
    errors = sorted(_validator().iter_errors(data), key=str)
    if errors:
        raise Crash(f"schema: {errors[0].message}")
    text = result.text if result.text is not None else given
    spans = [*result.summary, *(result.ranking or [])]
    spans += [mention for entity in result.entities for mention in entity.mentions]
    spans += result.dates
    if result.dateline is not None:
        spans.append(result.dateline)
    for span in spans:
        if text[span.start : span.end] != span.text:
            raise Crash(
                f"offsets {span.start}:{span.end} give {text[span.start : span.end]!r}, "
                f"not {span.text!r}"
            )


@cache
def _validator():
    import jsonschema

    schema = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


# -- what goes into a text -------------------------------------------------------------------------


@cache
def sample_texts() -> tuple[str, ...]:
    """The sample articles as decoded text (one is Windows-1252), plain text and HTML."""
    from brief.reading import decode

    return tuple(decode(p.read_bytes(), p.name)[0] for p in sorted(SAMPLES.glob("*.*")))


_HUGE = st.one_of(
    st.integers(0, 10**6),
    st.sampled_from([800_000, 3_000_000, 2**31, 10**9, 10**12]),  # past the calendar or timedelta
    st.integers(10**6, 10**400),
).map(str)
_YEARS = st.one_of(st.integers(0, 99999), st.sampled_from([0, 1, 999, 1000, 8999, 9000, 9999]))
_UNITS = st.sampled_from(["days", "weeks", "months", "years", "decades", "centuries", "hours"])
_DATE_PHRASES = st.one_of(
    st.builds("{} {} {}".format, _HUGE, _UNITS, st.sampled_from(["ago", "later", "from now"])),
    st.builds("in {}".format, _YEARS),
    st.builds("{:04d}-{:02d}-{:02d}".format, _YEARS, st.integers(0, 99), st.integers(0, 99)),
    st.builds("on Dec. {}, {}".format, st.integers(0, 99), _YEARS),
    st.builds("\n\nLONDON, Dec {}, {} (Reuters) - ".format, st.integers(0, 99), _YEARS),
    st.builds("\ndate {:04d}-12-31 Reuters\n".format, _YEARS),
).map(" {} ".format)  # words of their own wherever they land
_MARKUP = st.sampled_from(
    ["[/b]", "[bold red]", "[link=https://x]", "[/]", "\\[", "[", "]", ":smile:", "%s", "{0}"]
)
_CONTROL = st.one_of(
    st.characters(max_codepoint=0x1F),
    st.sampled_from(["\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\ufffd"]),
)
_HTML = st.sampled_from(
    [
        "<p>",
        "</div>",
        "<script>alert(1)</script>",
        "&amp;",
        "&#xD800;",
        "<!DOCTYPE html>",
        "<html><body><h1>Title</h1>",
        "<br/>",
        "<!-- x -->",
    ]
)
_LONG = st.one_of(
    st.integers(50, 20_000).map(lambda n: "x" * n),
    st.integers(50, 5_000).map(lambda n: "9" * n),
    st.integers(10, 2_000).map(lambda n: "word " * n),  # a line with no sentence end
)
INSERTIONS = st.one_of(_DATE_PHRASES, _MARKUP, _CONTROL, _HTML, _LONG, st.text(max_size=40))
SURROGATES = st.characters(categories=["Cs"])
# Whole-text changes: one line, other line ends, all capitals, a cut.
_RESHAPES: dict[str, Callable[[str], str]] = {
    "as is": lambda t: t,
    "one line": lambda t: t.replace("\n", " "),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "upper": str.upper,
    "lower": str.lower,
    "first half": lambda t: t[: len(t) // 2],
}


def mutate(text: str, reshape: str, insertions: list[tuple[float, str]]) -> str:
    """``text`` reshaped, then each insertion put at its relative position."""
    text = _RESHAPES[reshape](text)
    for where, piece in insertions:
        at = min(len(text), int(where * len(text)))
        text = text[:at] + piece + text[at:]
    return text


_ARTICLES = st.sampled_from(sample_texts())
_SHAPES = st.sampled_from(sorted(_RESHAPES))
MUTATED_ARTICLES = st.builds(
    mutate, _ARTICLES, _SHAPES, st.lists(st.tuples(st.floats(0, 1), INSERTIONS), max_size=8)
)
# A surrogate anywhere makes the whole text refused, so surrogates get cases of their own.
SURROGATE_ARTICLES = st.builds(
    mutate,
    _ARTICLES,
    _SHAPES,
    st.lists(st.tuples(st.floats(0, 1), st.one_of(SURROGATES, INSERTIONS)), min_size=1),
)
RANDOM_TEXTS = st.one_of(
    st.text(max_size=500),
    st.text(st.characters(categories=["L", "Nd", "P", "Zs", "Cc", "Cs"]), max_size=500),
    st.lists(st.one_of(st.text(max_size=30), INSERTIONS), max_size=30).map("".join),
)
TEXTS = st.one_of(MUTATED_ARTICLES, MUTATED_ARTICLES, RANDOM_TEXTS, SURROGATE_ARTICLES)

# Options: mostly the defaults (the point is the text), sometimes anything at all.
_ANY_OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "sentences": st.one_of(st.none(), st.integers(-2, 12), st.floats(allow_nan=True)),
        "ratio": st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
        "words": st.one_of(st.none(), st.integers(-5, 300)),
        "algorithm": st.one_of(
            st.none(), st.sampled_from(["news", "lead", "lexrank", "luhn", "bogus"])
        ),
        "explain": st.sampled_from([None, "selected", "all", "x"]),
        "published": st.one_of(
            st.none(), st.dates(), st.dates().map(date.isoformat), st.text(max_size=12)
        ),
        "entities": st.one_of(st.booleans(), st.none()),
        "dates": st.booleans(),
        "include_text": st.booleans(),
        "max_bytes": st.one_of(st.integers(-1, 20_000), st.just(math.inf)),
    },
)
OPTIONS = st.one_of(st.just({}), st.just({}), st.just({"entities": False}), _ANY_OPTIONS)
NOT_TEXT = st.one_of(
    st.none(), st.binary(max_size=50), st.integers(), st.floats(), st.lists(st.text(max_size=5))
)
