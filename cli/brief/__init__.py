"""brief: turn a news article into a brief a busy reader can trust.

``brief.analyze(text)`` returns a ``Brief``; ``Brief.to_dict()`` is the JSON contract. The heavy parts
(NLTK, sumy, numpy, the models) load on first use, so importing brief is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__

__all__ = ["Brief", "BriefError", "__version__", "analyze"]

if TYPE_CHECKING:
    from .briefing import Brief
    from .core import analyze
    from .errors import BriefError


def __getattr__(name: str):
    # Lazy re-exports keep `import brief` (and `brief --version`) fast.
    if name == "analyze":
        from .core import analyze

        return analyze
    if name == "Brief":
        from .briefing import Brief

        return Brief
    if name == "BriefError":
        from .errors import BriefError

        return BriefError
    raise AttributeError(f"module 'brief' has no attribute {name!r}")
