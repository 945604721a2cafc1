"""What reaches the user's terminal and shell: article text never drives the terminal, output is
written whole or fails with one line, and option values that make no sense are refused (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from brief.render import render_dates
from brief.visible import one_line, visible

from .helpers import ROOT, SAMPLES, run_brief

WIRE = str(SAMPLES / "wire_lavrov.txt")
ESC = "\x1b"
# Clear screen, set the window title, write the clipboard, and a right-to-left override.
HOSTILE = "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;ZWNobyBoaQ==\x07", "\u202e"

MARKUP_ARTICLE = """Council backs bridge plan

The city council voted on Tuesday to repair the old bridge. "[the plan] is fair to everyone," said \
Mayor Anna Berg of Riverton. Critics wrote [/b] and [bold red]loud[/] notes in the margins of the \
report. The work starts in May and should take two years.
"""

HOSTILE_ARTICLE = f"""Storm closes harbour{HOSTILE[1]}

Heavy storms closed the harbour at Portmere on Monday.{HOSTILE[0]} The port authority said ships \
would wait offshore until Wednesday.{HOSTILE[2]} Fishermen in Portmere said the closure cost them a \
week of work.{HOSTILE[3]} Repairs to the sea wall begin next month.
"""


def _article(tmp_path, text: str, name: str = "story.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _rich(*args: str) -> subprocess.CompletedProcess:
    # -f rich in a pipe still draws the terminal view; a wide console keeps sentences on one line.
    return run_brief(*args, env={"COLUMNS": "300", "TERM": "xterm-256color"})


# -- article text is never markup ---------------------------------------------------------------


def test_rich_view_prints_square_brackets_as_written(tmp_path):
    result = _rich("summarize", _article(tmp_path, MARKUP_ARTICLE), "-f", "rich", "-n", "4")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "[the plan] is fair" in out
    assert "[/b]" in out and "[bold red]loud[/]" in out


@pytest.mark.parametrize("command", ["entities", "dates"])
def test_tables_print_square_brackets_as_written(tmp_path, command):
    text = "Bridge plan\n\n[/b] Anna Berg of [Riverton] spoke on Tuesday, May 4, 2021 [/i].\n"
    result = _rich(command, _article(tmp_path, text), "-f", "table")
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_dates_table_keeps_bracketed_sentence(tmp_path):
    text = "Plan\n\nThe mayor said [the plan] starts on May 4, 2021.\n"
    result = _rich("dates", _article(tmp_path, text), "-f", "table")
    assert "[the plan] starts" in result.stdout.decode()


# -- article text never drives the terminal -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_human_views_show_control_characters_as_escapes(tmp_path, fmt):
    result = _rich("summarize", _article(tmp_path, HOSTILE_ARTICLE), "-f", fmt, "-n", "4")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "\u202e" not in out and "\x07" not in out
    # Rich's own colours are escape sequences too: only theirs (ESC followed by "[" and digits) pass.
    assert ESC + "]" not in out and ESC + "[2J" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_json_keeps_the_text_exactly(tmp_path):
    result = run_brief("summarize", _article(tmp_path, HOSTILE_ARTICLE), "--json", "-n", "4")
    data = json.loads(result.stdout)
    joined = " ".join(sentence["text"] for sentence in data["summary"])
    assert HOSTILE[0] in joined and HOSTILE[3] in joined


def test_entity_table_and_tsv_stay_safe(tmp_path):
    path = _article(tmp_path, HOSTILE_ARTICLE)
    table = _rich("entities", path, "-f", "table").stdout.decode()
    assert ESC + "]" not in table and "\u202e" not in table


def test_visible_and_one_line():
    assert visible("a\x1b[2Jb\u202ec\td\ne") == "a\\x1b[2Jb\\u202ec\td\ne"
    assert one_line("bad\nname\udcff.txt") == "bad\\x0aname\\xff.txt"
    assert visible("plain text, quotes “ok” and é") == "plain text, quotes “ok” and é"


def test_tsv_fields_never_hold_a_tab_or_line_break():
    mention = {"value": "2021-10-19", "type": "DATE", "text": "on\tTues\nday", "start": 0}
    data = {"dates": [mention | {"end": 14, "sentence_index": 0}]}
    rows = render_dates(data, "tsv").splitlines()
    assert len(rows) == 2
    assert rows[1].split("\t")[:3] == ["2021-10-19", "DATE", "on Tues day"]


# -- names in messages --------------------------------------------------------------------------


def test_error_naming_a_file_with_a_line_break_is_one_line(tmp_path):
    result = run_brief("summarize", str(tmp_path / "no\nsuch\x1b[2J.txt"))
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert ESC not in stderr and "no\\x0asuch" in stderr


# -- output written whole, or one line ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("summarize", WIRE, "--json"), ("--version",), ("entities", WIRE), ("batch", str(SAMPLES))],
)
def test_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "brief", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
        )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert stderr.strip().splitlines()[-1] == "brief: write error: No space left on device"
    assert "Traceback" not in stderr


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, cwd=ROOT, timeout=60, text=True
    )


def test_closed_stdout_is_one_line():
    result = _shell(f"exec '{sys.executable}' -m brief summarize '{WIRE}' >&-")
    assert result.returncode == 1
    assert result.stderr.strip() == "brief: write error: standard output is closed"


def test_closed_stdin_is_one_line():
    result = _shell(f"exec '{sys.executable}' -m brief summarize - <&-")
    assert result.returncode == 1
    assert result.stderr.strip() == "brief: <stdin>: standard input is closed"


def test_reader_leaving_mid_write_gives_141(tmp_path):
    # The JSON (with the text) is far larger than a pipe holds, so the write is cut short.
    story = (SAMPLES / "long_feature.txt").read_text(encoding="utf-8")
    path = _article(tmp_path, story * 12)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "brief",
            "summarize",
            path,
            "--json",
            "--include-text",
            "-a",
            "lead",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout.read(10) == b'{\n  "schem'
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""


def test_help_into_a_closed_pipe_gives_141():
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "summarize", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"},
    )
    process.stdout.close()  # gone before brief writes a byte
    assert process.wait(timeout=60) == 141
    assert b"Traceback" not in process.stderr.read()


# -- option values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--ratio", "nan"),
        ("--timeout", "nan"),
        ("--timeout", "inf"),
        ("--max-bytes", "100000000000000000000"),
        ("--date", "0001-01-01"),
        ("--date", "9999-12-31"),
        ("--sentences", "0"),
    ],
)
def test_option_values_that_make_no_sense_are_usage_errors(option, value):
    result = run_brief("summarize", WIRE, option, value)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert option in stderr
    assert result.stdout == b""


@pytest.mark.parametrize(("option", "value"), [("--ratio", "nan"), ("--date", "9999-12-31")])
def test_batch_refuses_bad_option_values_before_any_work(option, value):
    result = run_brief("batch", str(SAMPLES), option, value)
    assert result.returncode == 2, result.stderr.decode()
    assert result.stdout == b""
