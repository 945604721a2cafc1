"""Load each model once per process, and find the files the models are made of.

Every model brief ships (the Punkt parameters, the ranker weights, the stop words, the entity
tagger, the date rules) is read by a function wrapped in ``load_once``: nothing is read at import
time, the first caller pays, and callers on other threads (a library user's thread pool) wait for
that one load instead of each doing it again. ``model_path`` is the one place that knows where the
model files live: inside the package, so they travel in the wheel.

A leaf module: it imports nothing of brief's, so any stage can use it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import update_wrapper
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

_MODELS = "models"


class Once(Generic[T]):
    """A thread-safe lazy singleton: calling it returns what ``load()`` returned the first time.

    A load that raises leaves nothing behind, so the next call tries again (a file fixed meanwhile
    loads then). ``set`` replaces the value (benchmarks comparing models, tests)."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._loaded = False
        self._value: T | None = None
        update_wrapper(self, load)

    def __call__(self) -> T:
        if not self._loaded:  # the lock is taken only until the first load has finished
            with self._lock:
                if not self._loaded:
                    self._value = self._load()
                    self._loaded = True
        return self._value  # type: ignore[return-value]  # set by the load above

    @property
    def loaded(self) -> bool:
        """Whether the value is there already (calling would not load)."""
        return self._loaded

    def set(self, value: T) -> T:
        """Make ``value`` what every later call returns."""
        with self._lock:
            self._value, self._loaded = value, True
        return value


def load_once(load: Callable[[], T]) -> Once[T]:
    """Decorate a function of no arguments that loads a model: it runs once per process."""
    return Once(load)


def model_path(name: str = "") -> Path:
    """The file ``name`` (``"punkt/abbrev_types.txt"``, say) of the models shipped in the package;
    without a name, their folder."""
    parts = [part for part in name.split("/") if part]
    return Path(str(resources.files("brief").joinpath(_MODELS, *parts)))


def read_model_text(name: str) -> str:
    """The text of a shipped model file, read as UTF-8 whatever the locale."""
    return model_path(name).read_text(encoding="utf-8")
