"""Fixtures only; the values and functions tests share live in ``tests.helpers``."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DATA


@pytest.fixture
def data_dir() -> Path:
    """The shared data folder, or a skip when it is absent (set ``BRIEF_DATA``)."""
    if not DATA.is_dir():
        pytest.skip(f"shared data not found at {DATA} (set BRIEF_DATA)")
    return DATA
