"""Fetch an article from an http(s) URL, within limits a user can trust on any network.

One job: a URL in, the response bytes and what the server said about them out. Only http and https
are spoken (``file://`` and the rest are refused, so a URL can never read the local disk).

The limits:

- ``--timeout`` is a deadline for the whole request: name lookup, connect, status line and headers,
  every redirect and every read. The request runs in a helper thread that the caller waits for no
  longer than the time left; when time runs out its sockets are shut down, so a server that trickles
  its headers one byte at a time cannot hold brief (a per-read socket timeout alone could not see that).
- ``--max-bytes`` caps the declared length, the bytes as they arrive, and the body once gzip or deflate
  is undone (a small compressed "bomb" cannot grow past it).
- at most ``MAX_REDIRECTS`` redirects, and only to http(s).
- a body shorter than its Content-Length, or a chunked body cut off, is an error, not an article.

A password in the URL (``http://alice:secret@host/``) is sent as HTTP basic authentication, to that
host only (never to another host a redirect names), and every message and record shows the URL as
``alice:***@host``. Every failure (DNS, refused connection, TLS, HTTP 4xx/5xx, a content type that is
not a web page or text, too large, too slow) becomes a one-line ``FetchError`` naming the URL. Only the
standard library is used: nothing here needs more, and it keeps the import cheap.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .._version import __version__
from ..errors import FetchError, OptionError
from ..visible import one_line

DEFAULT_TIMEOUT = 20.0  # seconds for the whole request: connect, redirects and body
MAX_TIMEOUT = 86_400.0  # a day: longer than any fetch worth waiting for, short enough for the OS
MAX_REDIRECTS = 5
# No public home yet: the User-Agent names the distribution (brief-news on PyPI), not a web page.
USER_AGENT = f"brief/{__version__} (+brief-news; news article briefing tool)"
# What a brief can be made of: web pages and plain text. A missing type is sniffed later.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CHUNK = 64 * 1024
# zlib window bits: gzip framing, zlib framing, and the bare deflate some servers send as "deflate".
_GZIP, _ZLIB, _RAW_DEFLATE = 16 + 15, 15, -15
_ENCODINGS = {"gzip": _GZIP, "x-gzip": _GZIP, "deflate": _ZLIB}

T = TypeVar("T")


class _RedirectRefused(Exception):
    """A redirect brief will not follow; reported against the URL the user gave."""


class _Expired(Exception):
    """The deadline passed while the request was still running."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response as received: the final URL (after redirects), its body and declared type."""

    url: str  # without any password the URL carried
    data: bytes  # decompressed when the server sent gzip or deflate
    content_type: str | None  # the media type alone, lower case, e.g. "text/html"
    charset: str | None  # the charset parameter of Content-Type, if any


def is_url(argument: str) -> bool:
    """Whether a command-line argument is a URL (any scheme) rather than a path."""
    return bool(_URL.match(argument))


def redact_url(url: str) -> str:
    """``url`` with the password of its user information shown as ``***``; other text unchanged."""
    parts = _userinfo_parts(url)
    if parts is None or parts[2] is None:
        return url
    scheme, user, _, rest = parts
    return f"{scheme}://{user}:***@{rest}"


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int) -> Fetched:
    """GET ``url``; raise ``FetchError`` for anything but a readable page within the limits."""
    check_timeout(timeout)
    where = one_line(redact_url(url))
    target, credentials = _without_userinfo(url)
    _check_scheme(target, where)
    deadline = _Deadline(timeout)
    try:
        return deadline.run(lambda: _get(target, credentials, where, max_bytes, deadline))
    except FetchError:
        raise
    except _RedirectRefused as refused:
        raise FetchError(where, str(refused)) from None
    except Exception as error:  # urllib raises a zoo of types; each becomes one line
        if deadline.expired:  # whatever broke once the sockets were shut: the deadline did it
            raise FetchError(where, deadline.message) from None
        raise FetchError(where, one_line(" ".join(_describe(error, timeout).split()))) from None


class _Deadline:
    """The moment a whole request must be over by, and the means to end it then."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._connections: list = []
        self._lock = threading.Lock()

    @property
    def message(self) -> str:
        return f"timed out after {self.seconds:g} s"

    def left(self) -> float:
        """Seconds left; ``_Expired`` once there are none (checked between reads of the body)."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise _Expired
        return left

    def run(self, work: Callable[[], T]) -> T:
        """``work()``, run in a helper thread and waited for no longer than the time left.

        Name lookups and blocking reads cannot be interrupted from outside, and a socket timeout
        bounds each read rather than all of them; waiting in this thread bounds the whole."""
        outcome: dict[str, object] = {}

        def target() -> None:
            try:
                outcome["value"] = work()
            except BaseException as error:  # handed to the caller's thread, raised there
                outcome["error"] = error

        helper = threading.Thread(target=target, name="brief-fetch", daemon=True)
        helper.start()
        helper.join(max(0.0, self.end - time.monotonic()))
        if helper.is_alive():
            self.expire()
            raise _Expired
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]

    def connection_class(self, http_class):
        """A factory for ``http_class`` connections that this deadline can shut down."""

        def connect(*args, **kwargs):
            connection = http_class(*args, **kwargs)
            with self._lock:
                self._connections.append(connection)
            return connection

        return connect

    def expire(self) -> None:
        """Shut every socket of the request, so the helper thread stops waiting on it at once."""
        import contextlib
        import socket

        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):  # closed already, or never connected
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the fd, TLS or not


def _get(
    url: str, credentials: tuple[str, str] | None, where: str, max_bytes: int, deadline: _Deadline
) -> Fetched:
    """The request itself, run by ``_Deadline.run``."""
    request = _request(url, credentials)
    with _opener(deadline, credentials, url).open(request, timeout=deadline.left()) as response:
        content_type, charset = _content_type(response.headers.get("Content-Type"))
        if content_type is not None and content_type not in READABLE_TYPES:
            raise FetchError(where, f"served {one_line(content_type)}, not a web page or text")
        _check_declared_length(where, response.headers.get("Content-Length"), max_bytes)
        decoder = _Decompressor.for_encoding(where, response.headers.get("Content-Encoding"))
        raw = _read_body(where, response, max_bytes, deadline)
        data = decoder.decompress_all(raw, max_bytes) if decoder else b"".join(raw)
        return Fetched(redact_url(response.geturl()), data, content_type, charset)


def _userinfo_parts(url: str) -> tuple[str, str, str | None, str] | None:
    """(scheme, user, password or None, rest after the ``@``) of a URL with user information.

    The authority ends at the first ``/``, ``?`` or ``#`` and the user information at its last
    ``@``, the way urllib reads a URL, so what is redacted is exactly what would be sent."""
    if not is_url(url):
        return None
    scheme, _, rest = url.partition("://")
    end = next((i for i, char in enumerate(rest) if char in "/?#"), len(rest))
    userinfo, at, _ = rest[:end].rpartition("@")
    if not at:
        return None
    user, colon, password = userinfo.partition(":")
    return scheme, user, password if colon else None, rest[len(userinfo) + 1 :]


def _without_userinfo(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL to request, and the (user, password) it carried, percent-decoded, if any."""
    from urllib.parse import unquote

    parts = _userinfo_parts(url)
    if parts is None:
        return url, None
    scheme, user, password, rest = parts
    return f"{scheme}://{rest}", (unquote(user), unquote(password or ""))


def check_timeout(timeout: object) -> None:
    """A deadline must be a time: NaN, infinity or nothing at all would wait forever or fail."""
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise OptionError("timeout", f"must be a number of seconds, not {timeout!r}")
    if not 0 < timeout <= MAX_TIMEOUT:  # also false for NaN
        raise OptionError("timeout", f"must be more than 0 and at most {MAX_TIMEOUT:,g} seconds")


def _check_scheme(url: str, where: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        hostname, _ = parts.hostname, parts.port  # .port raises for a port out of range
    except ValueError as error:
        raise FetchError(where, one_line(f"not a valid URL ({error})")) from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = one_line(parts.scheme)
        raise FetchError(where, f"unsupported URL scheme {scheme!r} (only http and https)")
    if not hostname:
        raise FetchError(where, "URL has no host name")


def _request(url: str, credentials: tuple[str, str] | None):
    from urllib.request import Request

    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",  # undone here, with --max-bytes on the result
    }
    request = Request(url, headers=headers)
    _authorize(request, credentials)
    return request


def _authorize(request, credentials: tuple[str, str] | None) -> None:
    """Basic authentication, as an unredirected header: urllib carries it to no other URL."""
    import base64

    if credentials is not None:
        token = base64.b64encode(":".join(credentials).encode("utf-8")).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")


def _origin(url: str) -> tuple[str, str | None, int | None]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), parts.hostname, parts.port or default


def _opener(deadline: _Deadline, credentials: tuple[str, str] | None, url: str):
    """urllib with the deadline on every connection and brief's rules for redirects."""
    from urllib.parse import urlsplit
    from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, build_opener

    class LimitedRedirects(HTTPRedirectHandler):
        """Follow at most MAX_REDIRECTS redirects, only to http(s) URLs; credentials stay with the
        origin they were given for."""

        max_redirections = max_repeats = MAX_REDIRECTS + 1  # our own count below speaks first

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            scheme = urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise _RedirectRefused(f"redirected to a {scheme}: URL (only http and https)")
            hops = getattr(req, "redirect_dict", {})
            if sum(hops.values()) >= MAX_REDIRECTS:
                raise _RedirectRefused(f"more than {MAX_REDIRECTS} redirects")
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
            if new is not None and _origin(new.full_url) == _origin(url):
                _authorize(new, credentials)
            return new

    class WatchedHTTP(HTTPHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(deadline.connection_class(http_class), req, **kwargs)

    class WatchedHTTPS(HTTPSHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(deadline.connection_class(http_class), req, **kwargs)

    return build_opener(LimitedRedirects, WatchedHTTP, WatchedHTTPS)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media.strip().lower() or None, charset[1] if charset else None


def _check_declared_length(where: str, length: str | None, max_bytes: int) -> None:
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(
            where,
            f"larger than the limit of {max_bytes:,} bytes (max_bytes): {int(length):,} bytes",
        )


def _read_body(where: str, response, max_bytes: int, deadline: _Deadline) -> list[bytes]:
    """The body as it arrived, in chunks; an error if it is over the cap or shorter than declared."""
    from http.client import IncompleteRead

    chunks, size = [], 0
    read = getattr(response, "read1", response.read)  # read1: whatever has arrived, no waiting
    try:
        while chunk := read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(where, f"larger than the limit of {max_bytes:,} bytes (max_bytes)")
            deadline.left()
            chunks.append(chunk)
    except IncompleteRead:  # a chunked body that stopped before its last chunk
        raise FetchError(where, f"the connection closed mid-body (after {size:,} bytes)") from None
    missing = getattr(response, "length", None)  # what Content-Length promised and never came
    if missing:
        raise FetchError(
            where, f"the connection closed mid-body ({size:,} of {size + missing:,} bytes)"
        )
    return chunks


class _Decompressor:
    """Undoes one Content-Encoding (gzip or deflate), never producing more than a cap."""

    def __init__(self, where: str, name: str, wbits: int) -> None:
        self.where, self.name, self.wbits = where, name, wbits

    @classmethod
    def for_encoding(cls, where: str, header: str | None) -> _Decompressor | None:
        """The decompressor a Content-Encoding header asks for; ``None`` for identity."""
        codings = [c.strip().lower() for c in (header or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if not codings:
            return None
        if len(codings) > 1 or codings[0] not in _ENCODINGS:
            shown = one_line(", ".join(codings))
            raise FetchError(
                where, f"served with Content-Encoding {shown}, which brief cannot undo"
            )
        return cls(where, codings[0], _ENCODINGS[codings[0]])

    def decompress_all(self, chunks: list[bytes], cap: int) -> bytes:
        """The decompressed body; a ``FetchError`` past ``cap`` bytes or for a broken stream."""
        import zlib

        data = b"".join(chunks)
        if not data:
            return data  # nothing was compressed: an empty page, reported as such later
        try:
            return self._decompress(data, cap, self.wbits)
        except zlib.error as error:
            if self.wbits == _ZLIB:  # "deflate" sent without its zlib header, as some servers do
                try:
                    return self._decompress(data, cap, _RAW_DEFLATE)
                except zlib.error:
                    pass
            raise FetchError(self.where, f"the {self.name} body is corrupt ({error})") from None

    def _decompress(self, data: bytes, cap: int, wbits: int) -> bytes:
        import zlib

        out: list[bytes] = []
        size = 0
        while True:  # one pass per gzip member; bounded, as each consumes input
            engine = zlib.decompressobj(wbits)
            piece = engine.decompress(data, cap - size + 1)  # one byte more than room: "too large"
            size += len(piece)
            if size > cap:
                raise FetchError(
                    self.where,
                    f"larger than the limit of {cap:,} bytes (max_bytes) once decompressed",
                )
            out.append(piece)
            if not engine.eof:
                raise FetchError(self.where, f"the {self.name} body is cut off")
            data = engine.unused_data
            # Bytes after the stream that start no new gzip member are ignored, as gzip(1) does.
            if wbits != _GZIP or not data.startswith(b"\x1f\x8b"):
                return b"".join(out)


def _describe(error: Exception, timeout: float) -> str:
    """One line for a failed request, in a user's words rather than urllib's."""
    import socket
    import ssl
    from http.client import HTTPException, InvalidURL
    from urllib.error import HTTPError, URLError

    if isinstance(error, _Expired):
        return f"timed out after {timeout:g} s"
    if isinstance(error, HTTPError) and 300 <= error.code < 400:
        return f"redirect not followed: {error.reason}"
    if isinstance(error, HTTPError):
        return f"HTTP {error.code} {error.reason}".rstrip()
    reason = error.reason if isinstance(error, URLError) else error
    if isinstance(reason, TimeoutError | socket.timeout | _Expired):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name (no network, or no such host)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted: {reason.verify_message or reason.reason}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionError):
        return "connection closed by the server"
    if isinstance(reason, InvalidURL):
        return "not a valid URL"
    if isinstance(reason, HTTPException):
        return f"bad HTTP response ({type(reason).__name__})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect: {reason.strerror}"
    return f"cannot fetch: {reason}"
