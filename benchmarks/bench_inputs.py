"""The limits of reading inputs, measured: how close the fetch deadline holds, and what the worst
inputs ``--max-bytes`` accepts cost to read (a gzip bomb, a page nested millions deep, 10 MB of
almost-UTF-8).

- deadline: ``fetch`` against a local server (127.0.0.1) that sends its headers one byte every
  0.5 s, for several ``--timeout`` values; the figure is the overshoot past the deadline.
- gzip bomb: 11 MB of spaces compressed to ~11 KB, refused at the 10 MB cap; time and peak memory
  (tracemalloc) of the refusal.
- deep HTML: a page of N nested ``<div>``s around a short article, up to the 10 MB default cap; time
  of ``extract_page`` (parse, flatten, re-parse, extraction), beside ordinary pages of 1 and 10 MB.
- decoding: 10 MB of UTF-8 with one stray byte in 10,000 (the almost-UTF-8 rule), against valid UTF-8
  and against Windows-1252 (which pays for the rule's check before charset-normalizer).

    python -m benchmarks.bench_inputs [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import statistics
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from brief.reading import decode_bytes
from brief.reading.fetching import FetchError, fetch
from brief.reading.webpage import extract_page

MAX_BYTES = 10_000_000
ARTICLE = (
    "<h1>Bridge to close</h1><p>The council voted on Monday to close the harbour bridge.</p>"
    "<p>Officials said ferries would run every twenty minutes while it is shut.</p>"
)


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for byte in b"Content-Type: text/html\r\nX-Padding: " + b"a" * 30:  # 17 s at most
                self.wfile.write(bytes([byte]))
                time.sleep(0.5)
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def deadline_overshoot(runs: int) -> dict[str, float]:
    server = _Server(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    figures = {}
    try:
        for timeout in (0.5, 1.0, 2.0):
            overshoots = []
            for _ in range(runs):
                started = time.perf_counter()
                with contextlib.suppress(FetchError):
                    fetch(url, timeout=timeout, max_bytes=MAX_BYTES)
                overshoots.append(time.perf_counter() - started - timeout)
            figures[f"timeout {timeout:g} s: overshoot (s, max)"] = round(max(overshoots), 3)
    finally:
        server.shutdown()
        server.server_close()
    return figures


def gzip_bomb() -> dict[str, float]:
    from brief.reading.fetching import _Decompressor

    bomb = gzip.compress(b" " * 11_000_000, compresslevel=9)
    decompressor = _Decompressor("bomb", "gzip", 16 + 15)
    tracemalloc.start()
    started = time.perf_counter()
    with contextlib.suppress(FetchError):
        decompressor.decompress_all([bomb], MAX_BYTES)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "compressed bytes": len(bomb),
        "refusal (s)": round(elapsed, 3),
        "peak memory (MB)": round(peak / 1e6, 1),
    }


def deep_pages(runs: int) -> dict[str, float]:
    figures = {}
    for depth in (300, 5_000, 100_000, 900_000):  # the last: 9.9 MB
        page = "<html><body>" + "<div>" * depth + ARTICLE + "</div>" * depth + "</body></html>"
        seconds = statistics.median(timed(lambda p=page: extract_page(p, "x")) for _ in range(runs))
        figures[f"{depth:,} nested divs, {len(page) / 1e6:.1f} MB (s)"] = round(seconds, 3)
    # For scale: ordinary pages, whose cost is trafilatura's own (measured once: a minute at 10 MB).
    paragraph = "<div><p>Officials said on <b>Monday</b> that the bridge would reopen.</p></div>"
    for size in (1_000_000, MAX_BYTES):
        normal = "<html><body>" + paragraph * (size // len(paragraph) - 1) + "</body></html>"
        figures[f"ordinary page, {len(normal) / 1e6:.1f} MB (s, once)"] = round(
            timed(lambda p=normal: extract_page(p, "x")), 3
        )
    return figures


def decoding(runs: int) -> dict[str, float]:
    sentence = "“Workers in Zürich joined the strike,” officials said on Monday. "
    text = sentence * (MAX_BYTES // len(sentence.encode("utf-8")))
    valid = text.encode("utf-8")
    stray = bytearray(valid)
    for index in range(0, len(stray), 10_000):  # one byte in 10,000 made invalid
        if stray[index] < 0x80:
            stray[index] = 0x92
    cp1252 = text.encode("cp1252")[:1_000_000]  # charset-normalizer's own cost grows with size
    cases = {"valid UTF-8, 10 MB": valid, "almost UTF-8, 10 MB": bytes(stray)}
    cases["Windows-1252, 1 MB"] = cp1252
    figures = {}
    for name, data in cases.items():
        seconds = statistics.median(timed(lambda d=data: decode_bytes(d, "x")) for _ in range(runs))
        figures[f"{name}: {decode_bytes(data, 'x').encoding} (s)"] = round(seconds, 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {
        "deadline": deadline_overshoot(args.runs),
        "gzip bomb": gzip_bomb(),
        "deep HTML": deep_pages(args.runs),
        "decoding": decoding(args.runs),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for section, figures in results.items():
        print(section)
        for name, value in figures.items():
            print(f"  {name:<45} {value}")


if __name__ == "__main__":
    main()
