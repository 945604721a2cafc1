"""Fetch an article from an http(s) URL, within limits a user can trust on any network.

One job: a URL in, the response bytes and what the server said about them out. Only http and https
are spoken (``file://`` and the rest are refused, so a URL can never read the local disk); there is a
whole-request deadline (``--timeout``), a size cap checked on the declared length and again while
reading (``--max-bytes``), at most ``MAX_REDIRECTS`` redirects and only to http(s), and a User-Agent
that names brief and its version. Every failure (DNS, refused connection, TLS, HTTP 4xx/5xx, a content
type that is not a web page or text, too large, too slow) becomes a ``FetchError`` naming the URL.
Only the standard library is used: nothing here needs more, and it keeps the import cheap.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from . import __version__
from .errors import BriefError

DEFAULT_TIMEOUT = 20.0  # seconds for the whole request: connect, redirects and body
MAX_REDIRECTS = 5
USER_AGENT = f"brief/{__version__} (news article briefing tool; +https://pypi.org/project/brief/)"
# What a brief can be made of: web pages and plain text. A missing type is sniffed later.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CHUNK = 64 * 1024


class FetchError(BriefError):
    """The URL could not be fetched, or what it served is not an article."""


class _RedirectRefused(Exception):
    """A redirect brief will not follow; reported against the URL the user gave."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response as received: the final URL (after redirects), its body and declared type."""

    url: str
    data: bytes
    content_type: str | None  # the media type alone, lower case, e.g. "text/html"
    charset: str | None  # the charset parameter of Content-Type, if any


def is_url(argument: str) -> bool:
    """Whether a command-line argument is a URL (any scheme) rather than a path."""
    return bool(_URL.match(argument))


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int) -> Fetched:
    """GET ``url``; raise ``FetchError`` for anything but a readable page within the limits."""
    _check_scheme(url)
    deadline = time.monotonic() + timeout
    opener = _opener()
    request = _request(url)
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            if content_type is not None and content_type not in READABLE_TYPES:
                raise FetchError(url, f"served {content_type}, not a web page or text")
            _check_declared_length(url, response.headers.get("Content-Length"), max_bytes)
            data = _read_body(url, response, max_bytes, deadline, timeout)
            return Fetched(response.geturl(), data, content_type, charset)
    except FetchError:
        raise
    except _RedirectRefused as refused:
        raise FetchError(url, str(refused)) from None
    except Exception as error:  # urllib raises a zoo of types; each becomes one line
        raise FetchError(url, " ".join(_describe(error, timeout).split())) from None


def _check_scheme(url: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        hostname, _ = parts.hostname, parts.port  # .port raises for a port out of range
    except ValueError as error:
        raise FetchError(url, f"not a valid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not hostname:
        raise FetchError(url, "URL has no host name")


def _request(url: str):
    from urllib.request import Request

    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "Accept-Encoding": "identity",  # the size cap applies to the bytes as they arrive
    }
    return Request(url, headers=headers)


def _opener():
    from urllib.parse import urlsplit
    from urllib.request import HTTPRedirectHandler, build_opener

    class LimitedRedirects(HTTPRedirectHandler):
        """Follow at most MAX_REDIRECTS redirects, and only to http(s) URLs."""

        max_redirections = max_repeats = MAX_REDIRECTS + 1  # our own count below speaks first

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            scheme = urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise _RedirectRefused(f"redirected to a {scheme}: URL (only http and https)")
            hops = getattr(req, "redirect_dict", {})
            if sum(hops.values()) >= MAX_REDIRECTS:
                raise _RedirectRefused(f"more than {MAX_REDIRECTS} redirects")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return build_opener(LimitedRedirects)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media.strip().lower() or None, charset[1] if charset else None


def _check_declared_length(url: str, length: str | None, max_bytes: int) -> None:
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(url, f"larger than --max-bytes ({int(length):,} > {max_bytes:,} bytes)")


def _read_body(url: str, response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, read in chunks so that neither a huge nor a trickling response can hold us."""
    chunks, size = [], 0
    read = getattr(response, "read1", response.read)  # read1: whatever has arrived, no waiting
    while chunk := read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"larger than --max-bytes ({max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(error: Exception, timeout: float) -> str:
    """One line for a failed request, in a user's words rather than urllib's."""
    import socket
    import ssl
    from http.client import HTTPException, InvalidURL
    from urllib.error import HTTPError, URLError

    if isinstance(error, HTTPError) and 300 <= error.code < 400:
        return f"redirect not followed: {error.reason}"
    if isinstance(error, HTTPError):
        return f"HTTP {error.code} {error.reason}".rstrip()
    reason = error.reason if isinstance(error, URLError) else error
    if isinstance(reason, TimeoutError | socket.timeout):
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
