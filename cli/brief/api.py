"""The Python API: brief an article given as text (``analyze``) or as a file or URL (``analyze_file``).

Both keep the command line's promises to Python callers. Options are checked before any work: a
bad value is an ``OptionError`` (a ``UsageError`` and a ``ValueError``) naming the keyword. A text
that is not ``str`` is a ``TypeError``. Everything wrong with the article itself (empty, too large,
undecodable, unpaired surrogates, no sentence, a URL that cannot be fetched) is a ``BriefError``
subclass with a one-line message, never another exception from deep inside. ``analyze_file`` reads
and decodes exactly as ``brief summarize`` does (``reading.read_source``), then runs the same
pipeline (``core.brief_source``), so both give the same Brief for the same input.
"""

from __future__ import annotations

import json
import os
from datetime import date
from importlib import resources
from typing import Any

from .briefing import Brief
from .core import brief_source, parse_date
from .errors import EmptyInputError, InputError
from .options import Options
from .reading import (
    DEFAULT_MAX_BYTES,
    STDIN,
    check_max_bytes,
    read_source,
    source_from_text,
    where_of,
)
from .reading.fetching import check_timeout

__all__ = ["analyze", "analyze_file", "schema"]

# The JSON Schema of ``Brief.to_dict()``, shipped inside the package (docs/ holds a copy).
SCHEMA_FILE = "brief.schema.json"

# How errors about the text given to ``analyze`` name it (the CLI names a file, a URL or <stdin>).
TEXT_WHERE = "<text>"


def analyze(
    text: str,
    *,
    published: date | str | None = None,
    sentences: int | None = None,
    algorithm: str | None = None,
    ratio: float | None = None,
    words: int | None = None,
    explain: str | None = None,
    entities: bool = True,
    dates: bool = True,
    include_text: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Brief:
    """Brief an article given as text (plain, or a web page's HTML).

    ``published`` (a ``date`` or ``"YYYY-MM-DD"``) overrides the date the text carries;
    ``sentences=None`` picks a length suited to the article (3 for most news stories), ``ratio`` a
    share of its sentences, ``words`` a word budget; ``explain`` is None, ``"selected"`` or
    ``"all"``. Text larger than ``max_bytes`` in UTF-8 is refused: memory and time grow with the
    article.

    Raises ``TypeError`` when ``text`` is not a ``str``, ``OptionError`` for a bad option value,
    ``InputError`` (``TooLargeError`` among them) or ``EmptyInputError`` for a text that cannot be
    briefed."""
    options = _options(
        published, sentences, algorithm, ratio, words, explain, entities, dates, include_text
    )
    _check_text(text, check_max_bytes(max_bytes))
    try:
        return brief_source(source_from_text(text), options)
    except (InputError, EmptyInputError) as error:
        if error.where != where_of(STDIN):
            raise
        # The reading and parsing steps name text without a path as standard input.
        raise type(error)(TEXT_WHERE, error.message) from None


def analyze_file(
    path_or_url: str | os.PathLike[str],
    *,
    published: date | str | None = None,
    sentences: int | None = None,
    algorithm: str | None = None,
    ratio: float | None = None,
    words: int | None = None,
    explain: str | None = None,
    entities: bool = True,
    dates: bool = True,
    include_text: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
) -> Brief:
    """Brief a file (text or HTML, in whatever encoding it came in), an http(s) URL, or ``"-"`` for
    standard input, exactly as ``brief summarize`` does. The options are those of ``analyze``;
    ``timeout`` (seconds, default 20) bounds fetching a URL.

    Raises ``OptionError`` for a bad option value, ``InputError`` for a file that cannot be read or
    decoded (or is larger than ``max_bytes``), ``FetchError`` for a URL that cannot be fetched or
    serves no article, ``EmptyInputError`` for one with no sentence; ``TypeError`` when
    ``path_or_url`` is neither a ``str`` nor a path."""
    options = _options(
        published, sentences, algorithm, ratio, words, explain, entities, dates, include_text
    )
    path = _checked_path(path_or_url)
    limit = check_max_bytes(max_bytes)
    if timeout is not None:
        check_timeout(timeout)
    return brief_source(read_source(path, max_bytes=limit, timeout=timeout), options)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``Brief.to_dict()`` and ``--json`` output
    follows; a new dict on each call, so callers may change it."""
    text = resources.files(__package__ or "brief").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _options(
    published: object,
    sentences: object,
    algorithm: object,
    ratio: object,
    words: object,
    explain: object,
    entities: object,
    dates: object,
    include_text: object,
) -> Options:
    """The checked ``Options``: every value is tested at run time, whatever its static type."""
    when = parse_date(published, "published")  # type: ignore[arg-type]
    return Options(
        sentences=sentences,  # type: ignore[arg-type]
        ratio=ratio,  # type: ignore[arg-type]
        algorithm=algorithm,  # type: ignore[arg-type]
        published=when,
        words=words,  # type: ignore[arg-type]
        explain=explain,  # type: ignore[arg-type]
        entities=entities,  # type: ignore[arg-type]
        dates=dates,  # type: ignore[arg-type]
        include_text=include_text,  # type: ignore[arg-type]
    )


def _checked_path(path_or_url: object) -> str:
    """The path as the str ``read_source`` takes; ``TypeError`` for anything that is no path."""
    if isinstance(path_or_url, str):
        return path_or_url
    if isinstance(path_or_url, os.PathLike):
        path = os.fspath(path_or_url)
        if isinstance(path, str):
            return path
    raise TypeError(
        f"brief.analyze_file() takes a path or URL as str or os.PathLike[str], not "
        f"{type(path_or_url).__name__}"
    )


def _check_text(text: object, max_bytes: int) -> None:
    """``TypeError`` for a text that is not ``str``; ``InputError`` for one too large, or holding
    unpaired surrogates (from ``surrogateescape`` decoding or broken JSON), which no encoding can
    write and which the entity tagger's C code cannot take."""
    if not isinstance(text, str):
        hint = "; decode the bytes first" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(
            f"brief.analyze() takes the article as str, not {type(text).__name__}{hint}"
        )
    too_large = InputError(
        TEXT_WHERE, f"larger than the limit of {max_bytes:,} bytes of UTF-8 (max_bytes)"
    )
    if len(text) > max_bytes:  # every character takes at least one byte
        raise too_large
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise InputError(
            TEXT_WHERE,
            f"the text holds unpaired surrogate code points (the first at character {error.start}),"
            " which are not Unicode text; decode its bytes with errors='replace'",
        ) from None
    if size > max_bytes:
        raise too_large
