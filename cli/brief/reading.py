"""Read an article from a path or stdin and decode it to text, exactly once.

This is where bytes become the one string every later offset indexes: BOMs are honoured (UTF-8,
UTF-16, UTF-32), UTF-8 is tried first, and anything else goes to charset-normalizer, with Western
European guesses read as Windows-1252, the encoding English news files actually come in. Line ends
are kept as they are (CRLF, CR or LF), so ``text[start:end]`` is always the span the user sees in the
file. Every failure is an ``InputError`` naming the file.

An http(s) URL is fetched (``fetching``) and a web page, known by its name, its declared type or how
it begins, becomes the article it carries (``webpage``); for those the text every offset indexes is
the extracted article, which the brief then carries itself.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import EmptyInputError, InputError

if TYPE_CHECKING:
    from .webpage import Page

DEFAULT_MAX_BYTES = 10_000_000
# The largest --max-bytes accepted: memory grows with the article, and beyond this a brief would need
# more memory than a laptop has (benchmarks/bench_growth.py measures the growth).
MAX_MAX_BYTES = 100_000_000
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
# Browsers read these declared charsets as Windows-1252 (WHATWG Encoding), and so do we.
_AS_CP1252 = {"iso8859-1", "ascii", "cp1252"}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Source:
    """An input as read: where it came from, its decoded text, and facts about its bytes."""

    path: str
    text: str
    sha256: str
    encoding: str
    size: int
    format: str = "text"  # "text", or "html" when ``text`` was extracted from a web page
    url: str | None = None  # the final URL (after redirects) of a fetched input
    page: Page | None = None  # what a web page said about its article
    warnings: tuple[str, ...] = ()  # one-line notices for the user (a repaired encoding, say)


def read_source(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None
) -> Source:
    """Read ``path`` (a file, ``-`` for stdin, or an http(s) URL) and decode it; raise a
    ``BriefError`` (exit 1) naming the input on any problem."""
    from .fetching import is_url

    if is_url(path):
        return _read_url(path, max_bytes, timeout)
    data = _read_stdin(max_bytes) if path == STDIN else _read_file(path, max_bytes)
    return source_from_bytes(data, path)


def source_from_bytes(
    data: bytes,
    path: str = STDIN,
    *,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> Source:
    """Decode bytes already read; ``path`` only names them in errors and in the brief. A web page
    (by name, declared type or content) becomes the text of its article."""
    from .webpage import looks_like_html

    text, encoding = decode(data, where_of(path), charset or _meta_charset(data))
    html = content_type in HTML_TYPES or looks_like_html(text, None if url else path)
    sha256 = hashlib.sha256(data).hexdigest()
    return _source(path, text, sha256, encoding, len(data), html=html, url=url)


def source_from_text(text: str, path: str = STDIN) -> Source:
    """A Source for text already decoded (the Python API); a web page is recognised by content."""
    from .webpage import looks_like_html

    data = text.encode("utf-8", "surrogatepass")
    sha256 = hashlib.sha256(data).hexdigest()
    return _source(path, text, sha256, "utf-8", len(data), html=looks_like_html(text))


def _source(
    path: str, text: str, sha256: str, encoding: str, size: int, *, html: bool, url=None
) -> Source:
    where = where_of(path)
    if not text.strip():
        raise EmptyInputError(
            where, "the file is empty" if not text else "the file holds only white space"
        )
    if not html:
        return Source(path, text, sha256, encoding, size, "text", url)
    from .webpage import extract_page

    page = extract_page(text, where, url)
    return Source(path, page.text, sha256, encoding, size, "html", url, page)


def where_of(path: str) -> str:
    """How messages name an input: its path or URL, or ``<stdin>``."""
    return "<stdin>" if path == STDIN else path


def decode(data: bytes, where: str, declared: str | None = None) -> tuple[str, str]:
    """Text and encoding name of ``data``; a BOM, when present, is not part of the text. Valid UTF-8
    is read as UTF-8 whatever a page declares (servers mislabel it as ISO-8859-1 more often than
    Windows-1252 text happens to be valid UTF-8); otherwise a declared charset (HTTP header, HTML
    meta tag) comes before guessing."""
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
        pass
    if declared is not None and (found := _decode_declared(data, declared)) is not None:
        return found
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


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    try:
        encoding = codecs.lookup(declared).name
    except LookupError:
        return None  # an unknown charset name: guess instead
    if encoding in _AS_CP1252:
        encoding = "cp1252"
    elif encoding.startswith(("utf-16", "utf-32")):
        return None  # a page served as UTF-16 carries a BOM; a declaration without one is wrong
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def _read_url(url: str, max_bytes: int, timeout: float | None) -> Source:
    from .fetching import DEFAULT_TIMEOUT, fetch

    fetched = fetch(url, timeout=timeout or DEFAULT_TIMEOUT, max_bytes=max_bytes)
    return source_from_bytes(
        fetched.data,
        url,
        url=fetched.url,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )


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
    return _check_size(data, where_of(STDIN), max_bytes)


def _check_size(data: bytes, where: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputError(where, f"larger than --max-bytes ({max_bytes:,} bytes)")
    return data
