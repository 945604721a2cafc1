"""Fuzzing brief.analyze: random and mutated texts give a sound brief or a BriefError, nothing else.

The properties and strategies live in ``fuzz_properties`` so that ``benchmarks/fuzz.py`` runs the
very same ones at scale; here they run a few hundred times, within the suite's time.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

import brief

from .fuzz_properties import (
    MUTATED_ARTICLES,
    NOT_TEXT,
    OPTIONS,
    TEXTS,
    Crash,
    check_brief,
    check_not_text,
    check_text,
    sample_texts,
)

_FUZZ = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@settings(_FUZZ, max_examples=200)
@given(TEXTS, OPTIONS)
def test_any_text_and_options_give_a_sound_brief_or_a_brief_error(text: str, options: dict) -> None:
    check_text(text, options)


@settings(_FUZZ, max_examples=150)
@given(MUTATED_ARTICLES)
def test_mutated_articles_give_a_sound_brief_or_a_brief_error(text: str) -> None:
    check_text(text, {})


@settings(max_examples=50, deadline=None)
@given(NOT_TEXT)
def test_anything_but_str_is_a_type_error(value: object) -> None:
    check_not_text(value)


def test_the_properties_catch_what_they_promise_to() -> None:
    # A property that cannot fail proves nothing: a broken offset and a wrong exception are caught.
    text = sample_texts()[-1]
    result = brief.analyze(text)
    first = result.summary[0]
    result.summary[0] = replace(first, start=first.start + 1)
    with pytest.raises(Crash, match="offsets"):
        check_brief(result, text)
    with pytest.raises(Crash, match="TypeError"):
        check_text(text, {"sentences": 3, "no_such_option": 1})
