"""Web pages and URLs: HTML files and stdin, fetching from a local server, and every way a fetch fails.

Pages are served by an HTTP server on 127.0.0.1 that the tests start themselves; nothing here touches
the network beyond this machine. The fixtures are pages written for this project.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief import __version__, analyze
from brief.core import brief_source
from brief.errors import BriefError, EmptyInputError
from brief.options import Options
from brief.reading import read_source, source_from_bytes
from brief.reading.fetching import FetchError, fetch, is_url
from brief.reading.webpage import flatten, looks_like_html

from .helpers import ROOT, SAMPLES, run_brief

WEB = ROOT / "tests" / "fixtures" / "web"
NEWS_PAGE = SAMPLES / "harbour_gazette.html"
NEWS_TEXT = WEB / "harbour_gazette.txt"
JSONLD_PAGE = WEB / "island_courier.html"
# The news page without its dated meta tag and time element, so only its URL says when.
UNDATED_PAGE = (
    NEWS_PAGE.read_text(encoding="utf-8")
    .replace('<meta property="article:published_time" content="2026-03-10T08:15:00+00:00">', "")
    .replace('<time datetime="2026-03-10T08:15:00+00:00">10 March 2026</time>', "")
)
SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
SLOW_SECONDS = 3.0
NO_PROXY = {"no_proxy": "*", "NO_PROXY": "*", "http_proxy": "", "https_proxy": ""}


class _Handler(BaseHTTPRequestHandler):
    """The routes of the test site; each one a page or a failure a real site can produce."""

    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        route = self.path.split("?")[0]
        if route == "/news/tram":
            self._send(200, "text/html; charset=utf-8", NEWS_PAGE.read_bytes())
        elif route == "/ferry-strike":
            self._send(200, "text/html", JSONLD_PAGE.read_bytes())
        elif route == "/2026/03/12/tram-line.html":
            self._send(200, "text/html; charset=utf-8", UNDATED_PAGE.encode("utf-8"))
        elif route == "/plain":
            self._send(200, "text/plain; charset=utf-8", NEWS_TEXT.read_bytes())
        elif route == "/old-address":
            self._redirect("/news/tram")
        elif route.startswith("/loop"):
            self._redirect(f"/loop{len(route)}x")  # a new URL every time: never a repeat
        elif route == "/to-file":
            self._redirect("file:///etc/passwd")
        elif route == "/missing":
            self._send(404, "text/html", b"<h1>Not found</h1>")
        elif route == "/broken":
            self._send(500, "text/html", b"<h1>Internal error</h1>")
        elif route == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", NEWS_PAGE.read_bytes())
        elif route == "/huge":
            self._send(200, "text/html", b"<p>" + b"word " * 400_000 + b"</p>")
        elif route == "/huge-undeclared":
            self._stream(b"<p>" + b"word " * 400_000 + b"</p>")
        elif route == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        else:
            self._send(404, "text/plain", b"no such route")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, body: bytes) -> None:
        """A body with no Content-Length: only counting while reading can catch its size."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass  # keep pytest's output clean


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout tests) leaves a broken pipe behind; expected


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The base URL of a local test site, served from a thread for this module's tests."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy set in the environment must not carry requests for 127.0.0.1 off this machine.
    for name, value in NO_PROXY.items():
        monkeypatch.setenv(name, value)


def _essentials(brief: dict) -> dict:
    """What the issue compares: the key sentences and the entities (names, kinds, counts)."""
    return {
        "summary": [s["text"] for s in brief["summary"]],
        "entities": [(e["name"], e["label"], e["count"]) for e in brief["entities"]],
    }


def _brief_json(*args: str, stdin: bytes | None = None) -> dict:
    result = run_brief("summarize", *args, "--json", stdin=stdin, env=NO_PROXY)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def _fails_in_one_line(*args: str) -> str:
    """Run brief expecting exit 1 and a single stderr line; return that line."""
    result = run_brief("summarize", *args, env=NO_PROXY, timeout=30)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert result.stdout == b""
    assert stderr.count("\n") == 1 and stderr.startswith("brief: "), stderr
    assert "Traceback" not in stderr
    return stderr


# -- HTML files and stdin ---------------------------------------------------------------------------


def test_news_page_brief_equals_the_brief_of_its_article_text() -> None:
    page = _brief_json(str(NEWS_PAGE))
    text = _brief_json(str(NEWS_TEXT), "--date", "2026-03-10")
    assert _essentials(page) == _essentials(text)
    assert len(page["summary"]) >= 3 and len(page["entities"]) >= 5
    assert page["title"] == text["title"] == "Council backs tram line to the river docks"


def test_boilerplate_is_left_out_of_the_article() -> None:
    page = read_source(str(NEWS_PAGE)).text
    assert "Northport City Council on Monday approved" in page
    for boilerplate in ("cookies", "Subscribe", "RailSaver", "Related stories", "docksider77"):
        assert boilerplate not in page
    assert "About time!" not in page  # a reader's comment


def test_page_metadata_fills_the_brief_and_dates_resolve_against_it() -> None:
    brief = _brief_json(str(NEWS_PAGE))
    jsonschema.validate(brief, SCHEMA)
    assert brief["published"] == "2026-03-10"
    assert brief["published_source"] == "html-meta"
    assert brief["publisher"] == "The Harbour Gazette"
    assert brief["byline"] == "By Maria Okafor"
    assert brief["source"]["format"] == "html"
    monday = next(d for d in brief["dates"] if d["text"] == "Monday")
    assert monday["value"] == "2026-03-09"  # "on Monday" in a story of Tuesday 10 March


def test_offsets_index_the_extracted_text_the_json_carries() -> None:
    brief = _brief_json(str(NEWS_PAGE))
    text = brief["text"]
    for item in brief["summary"] + brief["dates"]:
        assert text[item["start"] : item["end"]] == item["text"]
    for entity in brief["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    assert brief["source"]["chars"] == len(text)


def test_plain_text_carries_its_text_only_when_asked() -> None:
    assert "text" not in _brief_json(str(NEWS_TEXT))
    text = _brief_json(str(NEWS_TEXT), "--include-text")["text"]
    assert text == NEWS_TEXT.read_text(encoding="utf-8")


def test_html_on_stdin_is_recognised_by_its_content() -> None:
    from_stdin = _brief_json("-", stdin=NEWS_PAGE.read_bytes())
    from_file = _brief_json(str(NEWS_PAGE))
    assert from_stdin["source"]["format"] == "html"
    assert _essentials(from_stdin) == _essentials(from_file)
    assert from_stdin["published"] == "2026-03-10"


def test_json_ld_metadata_is_used() -> None:
    brief = _brief_json(str(JSONLD_PAGE))
    assert brief["title"] == "Ferry strike halts crossings to the outer islands"
    assert (brief["published"], brief["published_source"]) == ("2025-07-02", "json-ld")
    assert brief["publisher"] == "Island Courier"
    assert brief["byline"] == "By Tom Ellis"
    assert "01234 567890" not in brief["text"]  # the footer is not the article
    wednesday = next(d for d in brief["dates"] if d["text"] == "Wednesday")
    assert wednesday["value"] == "2025-07-02"


def test_a_page_with_no_article_text_is_one_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>")
    line = _fails_in_one_line(str(empty))
    assert str(empty) in line and "no article text" in line
    with pytest.raises(EmptyInputError):
        analyze("<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_a_short_page_still_gives_its_paragraphs() -> None:
    brief = analyze("<p>Dock workers voted to strike on Monday. The port will close.</p>")
    assert brief.summary[0].text == "Dock workers voted to strike on Monday."
    assert brief.text is not None and brief.source.format == "html"


def test_html_is_recognised_by_name_or_by_how_it_begins() -> None:
    assert looks_like_html("Just text", "story.HTM")
    assert looks_like_html("\ufeff  <!-- saved -->\n<!doctype html><html>", None)
    assert looks_like_html("<html lang='en'>", None)
    assert not looks_like_html("A headline about <html> tags\n\nBody.", "story.txt")
    assert not looks_like_html("Prices rose 3% <b>", None)


def test_a_charset_declared_in_a_meta_tag_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners said on Monday that \u201cprices\u201d rose.</p></body></html>'
    source = source_from_bytes(html.encode("cp1252"), "cafe.html")
    assert "Café owners" in source.text and "“prices”" in source.text


def test_batch_picks_up_html_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tram.html").write_bytes(NEWS_PAGE.read_bytes())
    (folder / "ferry.htm").write_bytes(JSONLD_PAGE.read_bytes())
    (folder / "story.txt").write_bytes(NEWS_TEXT.read_bytes())
    result = run_brief("batch", str(folder), "--jobs", "1")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    formats = {Path(r["source"]["path"]).name: r["source"]["format"] for r in records}
    assert formats == {"tram.html": "html", "ferry.htm": "html", "story.txt": "text"}


# -- URLs ---------------------------------------------------------------------------------------------


def test_url_brief_equals_the_file_brief(site: str) -> None:
    from_url = _brief_json(f"{site}/news/tram")
    from_file = _brief_json(str(NEWS_PAGE))
    assert _essentials(from_url) == _essentials(from_file)
    assert from_url["source"]["path"] == f"{site}/news/tram"
    assert from_url["source"]["url"] == f"{site}/news/tram"
    assert from_url["published"] == "2026-03-10"


def test_requests_name_brief_and_its_version(site: str) -> None:
    _Handler.seen_agents.clear()
    fetch(f"{site}/news/tram", max_bytes=10_000_000)
    assert len(_Handler.seen_agents) == 1
    assert _Handler.seen_agents[0].startswith(f"brief/{__version__} (")


def test_json_ld_page_over_http(site: str) -> None:
    brief = _brief_json(f"{site}/ferry-strike")
    jsonschema.validate(brief, SCHEMA)
    assert (brief["published"], brief["published_source"]) == ("2025-07-02", "json-ld")


def test_redirects_are_followed_and_the_final_url_recorded(site: str) -> None:
    brief = _brief_json(f"{site}/old-address")
    assert brief["source"]["path"] == f"{site}/old-address"
    assert brief["source"]["url"] == f"{site}/news/tram"
    assert brief["title"] == "Council backs tram line to the river docks"


def test_a_date_in_the_url_is_the_last_resort(site: str) -> None:
    brief = _brief_json(f"{site}/2026/03/12/tram-line.html")
    assert (brief["published"], brief["published_source"]) == ("2026-03-12", "url")


def test_a_plain_text_url_is_briefed_as_text(site: str) -> None:
    brief = _brief_json(f"{site}/plain")
    assert brief["source"]["format"] == "text"
    assert _essentials(brief) == _essentials(_brief_json(str(NEWS_TEXT)))


@pytest.mark.parametrize(
    ("route", "args", "expected"),
    [
        ("/missing", (), "HTTP 404 Not Found"),
        ("/broken", (), "HTTP 500 Internal Server Error"),
        ("/report.pdf", (), "served application/pdf, not a web page or text"),
        ("/huge", ("--max-bytes", "100000"), "larger than the limit of 100,000 bytes"),
        ("/huge-undeclared", ("--max-bytes", "100000"), "larger than the limit of 100,000 bytes"),
        ("/loop", (), "more than 5 redirects"),
        ("/to-file", (), "redirect not followed"),
        ("/slow", ("--timeout", "0.5"), "timed out after 0.5 s"),
    ],
)
def test_every_url_failure_is_one_line_and_exit_1(
    site: str, route: str, args: tuple[str, ...], expected: str
) -> None:
    started = time.monotonic()
    line = _fails_in_one_line(f"{site}{route}", *args)
    assert line.startswith(f"brief: {site}{route}: ")
    assert expected in line
    assert time.monotonic() - started < SLOW_SECONDS + 10


def test_tls_failure_is_one_line(site: str) -> None:
    # An https request to a server that speaks plain HTTP: the TLS handshake fails, locally.
    line = _fails_in_one_line(site.replace("http://", "https://") + "/news/tram")
    assert "TLS" in line


def test_a_refused_connection_is_one_line() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        line = _fails_in_one_line(f"http://127.0.0.1:{port}/story")
    assert "connection refused" in line


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/story.txt", "gopher://127.0.0.1/1"]
)
def test_other_schemes_are_refused(url: str) -> None:
    assert is_url(url)
    line = _fails_in_one_line(url)
    assert line.startswith(f"brief: {url}: ") and "only http and https" in line
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, max_bytes=1000)


def test_the_deadline_covers_the_whole_request(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{site}/slow", timeout=0.3, max_bytes=10_000_000)
    assert time.monotonic() - started < SLOW_SECONDS


def test_published_date_from_the_page_yields_to_the_date_option(site: str) -> None:
    source = read_source(f"{site}/news/tram")
    brief = brief_source(source, Options(published=date(2026, 3, 11)))
    assert (brief.published, brief.published_source) == (date(2026, 3, 11), "option")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1", "not a valid URL"),
        ("http://host:99999/", "not a valid URL"),
        ("https://exa mple.com/", "not a valid URL"),
        ("http://", "URL has no host name"),
    ],
)
def test_malformed_urls_are_one_line(url: str, expected: str) -> None:
    assert expected in _fails_in_one_line(url)


_PAGE_PIECES = st.lists(
    st.one_of(
        st.sampled_from(
            ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<br>", "<li>", "<nav>"]
        ),
        st.sampled_from(["<script>x()</script>", "&amp;", "&nbsp;", "<!-- c -->", "<table><td>"]),
        # No "<" in free text: "0<A" before "<script>" makes one tag named "a<script" (as a browser
        # reads it too), whose "x()" is then text on the page, not code.
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<"),
            max_size=40,
        ),
        st.just("Officials said on Monday that the bridge would reopen. "),
    ),
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(_PAGE_PIECES)
def test_any_page_gives_an_article_or_one_clear_error(pieces: list[str]) -> None:
    html = "<!DOCTYPE html><html><body>" + "".join(pieces)
    try:
        source = source_from_bytes(html.encode("utf-8"), "page.html")
    except BriefError:  # one clear error: no article text, or not text at all (a NUL byte)
        return
    assert source.format == "html" and source.text.strip()
    assert "<script" not in source.text and "x()" not in source.text
    assert source.page.title is None or "x()" not in source.page.title
    try:
        brief = brief_source(source, Options(entities=False))
    except EmptyInputError:
        return  # an article with no sentence in it
    for sentence in brief.summary:
        assert source.text[sentence.start : sentence.end] == sentence.text


# -- pages nested deeper than the HTML parser goes --------------------------------------------------

_DEEP_ARTICLE = (
    "<h1>Bridge to close for repairs</h1>"
    "<p>The council voted on Monday to close the harbour bridge for six weeks.</p>"
    "<p>Officials said ferries would run every twenty minutes while it is shut.</p>"
)


def _deep_page(depth: int, tag: str = "div") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Bridge</title>"
        "<script>var wrapper = '<div><div><div>';</script></head><body>"
        + f"<{tag} class='w'>" * depth
        + _DEEP_ARTICLE
        + f"</{tag}>" * depth
        + "<footer>Harbour Gazette</footer></body></html>"
    )


@pytest.mark.parametrize(
    ("depth", "tag"), [(255, "div"), (300, "div"), (300, "span"), (5000, "div"), (5000, "b")]
)
def test_an_article_nested_too_deep_for_the_parser_keeps_its_text(depth: int, tag: str) -> None:
    source = source_from_bytes(_deep_page(depth, tag).encode("utf-8"), "deep.html")
    paragraphs = source.text.strip().split("\n\n")
    assert "Bridge to close for repairs" in paragraphs[0]
    assert "The council voted on Monday to close the harbour bridge for six weeks." in paragraphs
    assert "Officials said ferries would run every twenty minutes while it is shut." in paragraphs
    assert "wrapper" not in source.text  # the script stays code


def test_a_deep_page_is_briefed_from_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_page(5000), encoding="utf-8")
    brief = _brief_json(str(page))
    assert brief["summary"][0]["text"].startswith("The council voted on Monday")


def test_flatten_keeps_every_piece_of_text_and_caps_the_depth() -> None:
    from lxml import html as lxml_html

    page = "<div>" * 3000 + "<p>a<p>b</p><b>c</b>" + "</div>" * 3000 + "<div>d</div>"
    flat = flatten(page, depth=50)
    tree = lxml_html.document_fromstring(flat)
    assert "".join(tree.body.itertext()) == "abcd"
    deepest = max(len(list(element.iterancestors("div", "p", "b"))) for element in tree.iter())
    assert deepest == 50  # above the paragraph: the 50 wrappers kept; the <b> below it is gone
    assert flatten("<p>short</p><div><b>x</b></div>", depth=50) == "<p>short</p><div><b>x</b></div>"


def test_flatten_takes_linear_time_on_broken_tags() -> None:
    # "<a<a<a..." never closes a tag: a backtracking tag pattern would take quadratic time here.
    started = time.monotonic()
    flat = flatten("<div>" * 300 + "<a" * 200_000, depth=50)
    assert flat.endswith("<a" * 1000)
    assert time.monotonic() - started < 2.0
