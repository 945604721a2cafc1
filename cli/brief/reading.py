"""Read an article from a path or stdin and decode it to text, exactly once.

This is where bytes become the one string every later offset indexes: BOMs are honoured (UTF-8,
UTF-16, UTF-32), UTF-8 is tried first, and anything else goes to charset-normalizer, with Western
European guesses read as Windows-1252, the encoding English news files actually come in. Line ends
are kept as they are (CRLF, CR or LF), so ``text[start:end]`` is always the span the user sees in the
file. Every failure is an ``InputError`` naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import sys
from dataclasses import dataclass

from .errors import EmptyInputError, InputError

DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# charset-normalizer often names a close cousin of Windows-1252 for English text with curly quotes
# (cp1250, latin-1); for these the bytes are read as Windows-1252 itself.
_WESTERN = {"cp1252", "cp1250", "latin_1", "iso8859_15", "iso8859_2", "cp1257", "mac_roman"}


@dataclass(frozen=True, slots=True)
class Source:
    """An input as read: where it came from, its decoded text, and facts about its bytes."""

    path: str
    text: str
    sha256: str
    encoding: str
    size: int


def read_source(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read ``path`` (or stdin for ``-``) and decode it; raise ``InputError`` on any problem."""
    data = _read_stdin(max_bytes) if path == STDIN else _read_file(path, max_bytes)
    return source_from_bytes(data, path)


def source_from_bytes(data: bytes, path: str = STDIN) -> Source:
    """Decode bytes already read; ``path`` only names them in errors and in the brief."""
    where = "<stdin>" if path == STDIN else path
    text, encoding = decode(data, where)
    if not text.strip():
        raise EmptyInputError(
            where, "the file is empty" if not text else "the file holds only white space"
        )
    return Source(path, text, hashlib.sha256(data).hexdigest(), encoding, len(data))


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Text and encoding name of ``data``; a BOM, when present, is not part of the text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    where, f"not valid {encoding} text despite its byte-order mark"
                ) from None
    if b"\x00" in data:
        raise InputError(where, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _guess(data, where)


def _guess(data: bytes, where: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(where, "binary or undecodable file, not text in a known encoding")
    encoding = best.encoding
    if encoding in _WESTERN:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding


def _read_file(path: str, max_bytes: int) -> bytes:
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not a file (use 'brief batch' for folders)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    return _check_size(data, path, max_bytes)


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    return _check_size(data, "<stdin>", max_bytes)


def _check_size(data: bytes, where: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputError(where, f"larger than --max-bytes ({max_bytes:,} bytes)")
    return data
