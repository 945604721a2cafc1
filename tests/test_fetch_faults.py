"""Servers that misbehave on purpose: slow, cut off, compressed unasked, password-protected.

Each route is a fault a real server or network produces. The server runs on 127.0.0.1 in a thread
started by these tests; every slow route sends a bounded number of bytes and stops as soon as the
client hangs up, so no test can hang and no thread outlives the module by more than a few seconds.
"""

from __future__ import annotations

import base64
import gzip
import json
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from brief.reading import read_source
from brief.reading.fetching import FetchError, fetch, redact_url

from .helpers import SAMPLES, run_brief

PAGE = (SAMPLES / "harbour_gazette.html").read_bytes()
TITLE = "Council backs tram line to the river docks"
TRICKLE_PAUSE = 0.5  # seconds between the bytes a trickling server sends
TRICKLE_LIMIT = 40  # bytes a trickling server sends at most (20 s): bounded even if nobody hangs up
HOP_PAUSE = 0.3  # seconds each of the slow redirects waits
USER, PASSWORD = "alice", "s3cret:pw"  # a colon in the password: only the first one separates
NO_PROXY = {"no_proxy": "*", "NO_PROXY": "*", "http_proxy": "", "https_proxy": ""}
# More than the default --max-bytes once decompressed, a few kilobytes on the wire.
BOMB = gzip.compress(b" " * 11_000_000, compresslevel=9)


class _Faults(BaseHTTPRequestHandler):
    """The routes: each one a way a server can go wrong (or a page behind a password)."""

    protocol_version = "HTTP/1.1"  # chunked bodies need it
    seen: ClassVar[list[dict[str, str]]] = []  # the headers of every request, in order

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers))
        route = self.path
        if route == "/page":
            self._send(PAGE)
        elif route == "/trickle-status":
            self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        elif route == "/trickle-headers":
            self._raw(b"HTTP/1.1 200 OK\r\n")
            self._trickle(b"Content-Type: text/html\r\nX-Padding: " + b"a" * 60 + b"\r\n\r\n")
        elif route.startswith("/hop/"):
            hops = int(route.rsplit("/", 1)[1])
            time.sleep(HOP_PAUSE)
            self._redirect(f"/hop/{hops - 1}" if hops > 1 else "/page")
        elif route == "/truncated":
            self._raw(self._head({"Content-Length": str(len(PAGE))}) + PAGE[: len(PAGE) // 2])
            self.close_connection = True
        elif route == "/chunked-cut":
            first = PAGE[:1000]
            head = self._head({"Transfer-Encoding": "chunked"})
            self._raw(head + f"{len(first):x}\r\n".encode() + first + b"\r\n")
            self.close_connection = True  # no last chunk: the body stops mid-way
        elif route == "/chunked":
            head = self._head({"Transfer-Encoding": "chunked"})
            chunks = [PAGE[i : i + 4000] for i in range(0, len(PAGE), 4000)]
            body = b"".join(f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in chunks)
            self._raw(head + body + b"0\r\n\r\n")
        elif route == "/gzip":
            self._send(gzip.compress(PAGE), {"Content-Encoding": "gzip"})
        elif route == "/deflate":
            self._send(zlib.compress(PAGE), {"Content-Encoding": "deflate"})
        elif route == "/raw-deflate":  # "deflate" as some servers send it: no zlib header
            engine = zlib.compressobj(wbits=-15)
            self._send(engine.compress(PAGE) + engine.flush(), {"Content-Encoding": "deflate"})
        elif route == "/brotli":
            self._send(b"\x1b\x00\x00", {"Content-Encoding": "br"})
        elif route == "/bad-gzip":
            self._send(b"\x1f\x8b\x08\x00not gzip at all", {"Content-Encoding": "gzip"})
        elif route == "/bomb":
            self._send(BOMB, {"Content-Encoding": "gzip"})
        elif route.startswith("/private"):
            self._private(route)
        else:
            self._send(b"no such route", status=404)

    def _private(self, route: str) -> None:
        expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if route == "/private/moved":  # same origin: the credentials go along
            self._redirect("/private/page")
        elif route.startswith("/private/elsewhere/"):  # another origin (a port): they must not
            port = route.rsplit("/", 1)[1]
            self._redirect(f"http://127.0.0.1:{port}/private/page")
        elif self.headers.get("Authorization") == f"Basic {expected}":
            self._send(PAGE)
        else:
            self._send(b"who are you?", {"WWW-Authenticate": 'Basic realm="x"'}, status=401)

    def _head(self, headers: dict[str, str], status: int = 200) -> bytes:
        lines = [f"HTTP/1.1 {status} {self.responses[status][0]}", "Content-Type: text/html"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def _send(self, body: bytes, headers: dict | None = None, status: int = 200) -> None:
        self._raw(self._head({**(headers or {}), "Content-Length": str(len(body))}, status) + body)

    def _redirect(self, location: str) -> None:
        self._raw(self._head({"Location": location, "Content-Length": "0"}, 302))

    def _raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _trickle(self, data: bytes) -> None:
        """Send ``data`` a byte at a time, at most TRICKLE_LIMIT bytes; stop when the client leaves."""
        try:
            for byte in data[:TRICKLE_LIMIT]:
                self._raw(bytes([byte]))
                time.sleep(TRICKLE_PAUSE)
        except OSError:  # the client hung up: what a deadline is for
            pass
        self.close_connection = True

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up leaves a broken pipe behind; expected here


def _serve() -> tuple[_QuietServer, str]:
    server = _QuietServer(("127.0.0.1", 0), _Faults)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server, url = _serve()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def other_site() -> Iterator[str]:
    """A second server: another origin, to which credentials must not travel."""
    server, url = _serve()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in NO_PROXY.items():
        monkeypatch.setenv(name, value)


def _fails_in_one_line(*args: str) -> str:
    result = run_brief("summarize", *args, env=NO_PROXY, timeout=30)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert result.stdout == b""
    assert stderr.count("\n") == 1 and stderr.startswith("brief: "), stderr
    return stderr


# -- the deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/trickle-status", "/trickle-headers"])
def test_a_server_trickling_its_head_is_cut_off_at_the_deadline(site: str, route: str) -> None:
    started = time.monotonic()
    line = _fails_in_one_line(f"{site}{route}", "--timeout", "1")
    elapsed = time.monotonic() - started
    assert line == f"brief: {site}{route}: timed out after 1 s\n"
    assert 1.0 <= elapsed < 2.5  # process start-up included; the trickle alone would take 20 s


def test_the_deadline_holds_to_a_fraction_of_a_second_in_process(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.6 s"):
        fetch(f"{site}/trickle-headers", timeout=0.6, max_bytes=10_000_000)
    assert 0.6 <= time.monotonic() - started < 0.9


def test_slow_redirects_share_one_deadline(site: str) -> None:
    # Five hops of 0.3 s: each is quick, together they are over a 1 s deadline.
    started = time.monotonic()
    line = _fails_in_one_line(f"{site}/hop/5", "--timeout", "1")
    assert line.endswith(": timed out after 1 s\n")
    assert time.monotonic() - started < 2.5
    # The same chain within a longer deadline arrives: it was the deadline, not the chain.
    assert fetch(f"{site}/hop/5", timeout=10, max_bytes=10_000_000).url == f"{site}/page"


# -- bodies that stop short -------------------------------------------------------------------------


def test_a_body_shorter_than_its_content_length_is_an_error(site: str) -> None:
    line = _fails_in_one_line(f"{site}/truncated")
    half, whole = len(PAGE) // 2, len(PAGE)
    assert f"the connection closed mid-body ({half:,} of {whole:,} bytes)" in line


def test_a_chunked_body_cut_off_is_an_error(site: str) -> None:
    line = _fails_in_one_line(f"{site}/chunked-cut")
    assert "the connection closed mid-body" in line


def test_a_whole_chunked_body_is_read(site: str) -> None:
    assert fetch(f"{site}/chunked", max_bytes=10_000_000).data == PAGE


# -- compression ------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/gzip", "/deflate", "/raw-deflate"])
def test_compressed_responses_are_decompressed(site: str, route: str) -> None:
    _Faults.seen.clear()
    fetched = fetch(f"{site}{route}", max_bytes=10_000_000)
    assert fetched.data == PAGE
    assert _Faults.seen[0]["Accept-Encoding"] == "gzip, deflate"
    assert read_source(f"{site}{route}").page.title == TITLE


def test_a_gzip_bomb_is_refused_by_the_decompressed_size(site: str) -> None:
    assert len(BOMB) < 100_000  # small on the wire: only the decompressed size can catch it
    line = _fails_in_one_line(f"{site}/bomb")
    assert "larger than the limit of 10,000,000 bytes (max_bytes) once decompressed" in line


@pytest.mark.parametrize(
    ("route", "expected"),
    [("/brotli", "Content-Encoding br, which brief cannot undo"), ("/bad-gzip", "gzip body")],
)
def test_undecodable_compression_is_one_line(site: str, route: str, expected: str) -> None:
    assert expected in _fails_in_one_line(f"{site}{route}")


# -- passwords in URLs ------------------------------------------------------------------------------


def _with_password(site: str, password: str = PASSWORD) -> str:
    from urllib.parse import quote

    return site.replace("://", f"://{USER}:{quote(password, safe=':')}@", 1)


def test_a_password_in_the_url_is_sent_and_never_shown(site: str) -> None:
    url = _with_password(site) + "/private/page"
    result = run_brief("summarize", url, "--json", env=NO_PROXY)
    assert result.returncode == 0, result.stderr.decode()
    brief = json.loads(result.stdout)
    assert brief["title"] == TITLE
    shown = site.replace("://", f"://{USER}:***@") + "/private/page"
    assert brief["source"]["path"] == shown
    assert brief["source"]["url"] == f"{site}/private/page"
    assert b"s3cret" not in result.stdout + result.stderr


def test_a_wrong_password_is_one_line_without_it(site: str) -> None:
    line = _fails_in_one_line(_with_password(site, "wrong-guess") + "/private/page")
    assert (
        line
        == f"brief: {site.replace('://', '://alice:***@')}/private/page: HTTP 401 Unauthorized\n"
    )


def test_credentials_follow_a_redirect_on_the_same_origin_only(site: str, other_site: str) -> None:
    assert fetch(_with_password(site) + "/private/moved", max_bytes=10**7).url.endswith("/page")
    _Faults.seen.clear()
    other_port = other_site.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="HTTP 401"):
        fetch(f"{_with_password(site)}/private/elsewhere/{other_port}", max_bytes=10**7)
    assert "Authorization" in _Faults.seen[0]  # sent to the origin it was given for
    assert "Authorization" not in _Faults.seen[1]  # not to the one it was redirected to


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:secret@host/x", "http://alice:***@host/x"),
        ("https://alice:p@ss@host:8443/", "https://alice:***@host:8443/"),
        ("http://alice@host/x", "http://alice@host/x"),  # no password: nothing to hide
        ("http://host/a:b@c", "http://host/a:b@c"),  # an "@" in the path is no user information
        ("http://:secret@host/", "http://:***@host/"),
        ("page.html", "page.html"),
    ],
)
def test_redaction(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_messages_about_unreachable_urls_hide_the_password() -> None:
    line = _fails_in_one_line("http://alice:secret@127.0.0.1:1/x", "--timeout", "3")
    assert "secret" not in line and "alice:***@127.0.0.1:1/x" in line


@pytest.mark.parametrize("timeout", ["nan", "inf", "1e300"])
def test_a_timeout_that_is_no_time_is_a_usage_error(timeout: str) -> None:
    result = run_brief("summarize", "http://127.0.0.1:1/x", "--timeout", timeout, env=NO_PROXY)
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == "brief: --timeout: must be more than 0 and at most 86,400 seconds\n"
    )
