"""Read an article from a path or stdin and decode it to text, exactly once.

This is where bytes become the one string every later offset indexes: BOMs are honoured (UTF-8,
UTF-16, UTF-32), UTF-8 is tried first, and anything else goes to charset-normalizer, with Western
European guesses read as Windows-1252, the encoding English news files actually come in. A file that is
UTF-8 but for a few stray bytes stays UTF-8, those bytes shown as U+FFFD and counted in a warning
(``Source.warnings``), rather than turning the whole file into mojibake. Line ends are kept as they
are (CRLF, CR or LF), so ``text[start:end]`` is always the span the user sees in the file. Every
failure is an ``InputError`` naming the file.

Names come from strangers too: ``Source.path`` is the name in printable form (valid UTF-8, a URL
without its password), so a brief's JSON is valid UTF-8 for any file name, and ``where_of`` gives the
one-line form every message uses.

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

from ..errors import EmptyInputError, InputError, OptionError
from ..visible import one_line
from .fetching import is_url, redact_url

if TYPE_CHECKING:
    from .webpage import Page

DEFAULT_MAX_BYTES = 10_000_000
# The largest --max-bytes accepted. A brief's memory grows linearly with the article, up to ~90 MB
# per MB of text for the worst shape measured (one short sentence per line; benchmarks/bench_growth.py),
# so this ceiling keeps every accepted input under ~2 GB and about two minutes.
MAX_MAX_BYTES = 20_000_000
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
# Text that fails strict UTF-8 is still read as UTF-8 when at least this share of its non-ASCII
# characters decode. Each valid multi-byte sequence is strong evidence: Windows-1252 prose almost never
# forms one (it needs an accented capital followed by a byte from 0x80-0xBF), while a stray byte in a
# UTF-8 article (a pasted Windows-1252 quote, a character cut in two) is common.
UTF8_SHARE = 0.9
_STRAY = re.compile("[\udc80-\udcff]")  # an undecodable byte, as surrogateescape shows it
_HIGH_BYTES = bytes(range(0x80, 0x100))


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding it was read in, and what the user should know."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


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

    decoded = decode_bytes(data, where_of(path), charset or _meta_charset(data))
    html = content_type in HTML_TYPES or looks_like_html(decoded.text, None if url else path)
    sha256 = hashlib.sha256(data).hexdigest()
    return _source(
        path,
        decoded.text,
        sha256,
        decoded.encoding,
        len(data),
        html=html,
        url=url,
        warnings=decoded.warnings,
    )


def source_from_text(text: str, path: str = STDIN) -> Source:
    """A Source for text already decoded (the Python API); a web page is recognised by content."""
    from .webpage import looks_like_html

    data = text.encode("utf-8", "surrogatepass")
    sha256 = hashlib.sha256(data).hexdigest()
    return _source(path, text, sha256, "utf-8", len(data), html=looks_like_html(text))


def _source(
    path: str,
    text: str,
    sha256: str,
    encoding: str,
    size: int,
    *,
    html: bool,
    url: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Source:
    where = where_of(path)
    if not text.strip():
        raise EmptyInputError(
            where, "the file is empty" if not text else "the file holds only white space"
        )
    name = recorded_name(path)
    url = recorded_name(url) if url is not None else None
    if not html:
        return Source(name, text, sha256, encoding, size, "text", url, warnings=warnings)
    from .webpage import extract_page

    page = extract_page(text, where, url)
    return Source(name, page.text, sha256, encoding, size, "html", url, page, warnings)


def printable(path: str) -> str:
    """``path`` as valid UTF-8 text: undecodable bytes of the file name shown as ``\\xNN``.

    Python hands such bytes over as lone surrogates, which no UTF-8 output (JSON, a terminal) can
    carry; ``\\xNN`` is how ``ls -b`` and Python's own messages show them."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file system produced (a name given to the API)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def recorded_name(path: str) -> str:
    """The name a brief records for an input: printable, and a URL without its password."""
    return printable(redact_url(path) if is_url(path) else path)


def check_max_bytes(max_bytes: object) -> int:
    """The size limit, if it is one brief accepts (1 to ``MAX_MAX_BYTES``); ``OptionError`` if not."""
    if (
        not isinstance(max_bytes, int)
        or isinstance(max_bytes, bool)
        or not 1 <= max_bytes <= MAX_MAX_BYTES
    ):
        raise OptionError(
            "max_bytes", f"must be a whole number from 1 to {MAX_MAX_BYTES:,}, not {max_bytes!r}"
        )
    return max_bytes


def where_of(path: str) -> str:
    """How messages name an input: its printable path or password-free URL, or ``<stdin>``; always
    one line (a newline or a terminal control in a name is shown escaped)."""
    return "<stdin>" if path == STDIN else one_line(recorded_name(path))


def decode(data: bytes, where: str, declared: str | None = None) -> tuple[str, str]:
    """Text and encoding name of ``data`` (``decode_bytes`` without the warnings)."""
    decoded = decode_bytes(data, where, declared)
    return decoded.text, decoded.encoding


def decode_bytes(data: bytes, where: str, declared: str | None = None) -> Decoded:
    """``data`` decoded; a BOM, when present, is not part of the text. Valid UTF-8 is read as UTF-8
    whatever a page declares (servers mislabel it as ISO-8859-1 more often than Windows-1252 text
    happens to be valid UTF-8), and so is text that is UTF-8 but for a few stray bytes (see
    ``UTF8_SHARE``); otherwise a declared charset (HTTP header, HTML meta tag) comes before guessing."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                raise InputError(
                    where, f"not valid {encoding} text despite its byte-order mark"
                ) from None
    if b"\x00" in data:
        raise InputError(where, "binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return mostly
    if declared is not None and (found := _decode_declared(data, declared)) is not None:
        return Decoded(*found)
    return Decoded(*_guess(data, where))


def _mostly_utf8(data: bytes) -> Decoded | None:
    """``data`` as UTF-8 with U+FFFD for its stray bytes, when nearly all its non-ASCII text is
    valid UTF-8 (``UTF8_SHARE``); ``None`` when it reads better in another encoding."""
    escaped = data.decode("utf-8", "surrogateescape")  # one surrogate per undecodable byte
    stray = _STRAY.subn("", escaped)[1]  # counted in C: no list of millions of matches
    ascii_chars = len(data.translate(None, _HIGH_BYTES))  # an ASCII byte is always its own char
    valid = len(escaped) - ascii_chars - stray
    if valid < UTF8_SHARE * (valid + stray):
        return None
    noun = "byte is" if stray == 1 else "bytes are"
    warning = f"{stray:,} {noun} not valid UTF-8; shown as \ufffd"
    return Decoded(data.decode("utf-8", "replace"), "utf-8", (warning,))


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
        url,  # recorded without its password, like the final URL
        url=fetched.url,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )


def _read_file(path: str, max_bytes: int) -> bytes:
    where = where_of(path)
    if os.path.isdir(path):
        raise InputError(where, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except OSError as error:
        why = error.strerror or type(error).__name__  # str(error) would repeat the raw name
        raise InputError(where, f"cannot read: {why}") from None
    return _check_size(data, where, max_bytes)


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    return _check_size(data, where_of(STDIN), max_bytes)


def _check_size(data: bytes, where: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise too_large(where, max_bytes)
    return data


def too_large(where: str, max_bytes: int) -> InputError:
    """The error for an input past ``max_bytes``: one wording wherever an input is read."""
    return InputError(where, f"larger than the limit of {max_bytes:,} bytes (max_bytes)")
