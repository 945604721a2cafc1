"""brief: turn a news article into a brief a busy reader can trust.

``brief.analyze(text)`` and ``brief.analyze_file(path_or_url)`` return a ``Brief``;
``Brief.to_dict()`` is the JSON contract, described by ``brief.schema()``. Every error brief raises
is a ``BriefError``. The heavy parts (NLTK, sumy, numpy, the models) load on first use, and the
names below are imported when first used, so ``import brief`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import analyze, analyze_file, schema
    from .briefing import Brief, Dateline, DateMention, Entity, KeySentence, Mention, SourceInfo
    from .errors import (
        BriefError,
        EmptyInputError,
        FetchError,
        InputError,
        OptionError,
        TooLargeError,
        UsageError,
    )

# Each public name and the module it lives in (``module:attribute`` when the names differ): one
# table, so a record that moves between modules moves here in one line.
_EXPORTS = {
    "analyze": "api",
    "analyze_file": "api",
    "schema": "api",
    "Brief": "briefing",
    "KeySentence": "briefing",
    "Entity": "briefing",
    "Mention": "briefing",
    "DateMention": "briefing",
    "SourceInfo": "briefing",
    "Dateline": "briefing",
    "BriefError": "errors",
    "InputError": "errors",
    "EmptyInputError": "errors",
    "TooLargeError": "errors",
    "FetchError": "errors",
    "UsageError": "errors",
    "OptionError": "errors",
}

__all__ = [  # spelled out for linters and type checkers; the same names as _EXPORTS
    "Brief",
    "BriefError",
    "DateMention",
    "Dateline",
    "EmptyInputError",
    "Entity",
    "FetchError",
    "InputError",
    "KeySentence",
    "Mention",
    "OptionError",
    "SourceInfo",
    "TooLargeError",
    "UsageError",
    "__version__",
    "analyze",
    "analyze_file",
    "schema",
]


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import brief` (and `brief --version`) fast.
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module 'brief' has no attribute {name!r}")
    module, _, attribute = where.partition(":")
    value = getattr(importlib.import_module(f".{module}", __name__), attribute or name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
