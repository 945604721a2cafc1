"""The command line as users meet it: formats, pipes, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import jsonschema
import pytest

from brief import __version__

from .helpers import ROOT, SAMPLES, run_brief

SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
WIRE = str(SAMPLES / "wire_lavrov.txt")


def assert_one_line_error(result, *words: str, code: int = 1) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    for word in words:
        assert word in stderr


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_json_validates_and_offsets_reproduce_every_span(sample: str) -> None:
    result = run_brief("summarize", str(SAMPLES / sample), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    from brief.reading import read_source

    text = read_source(str(SAMPLES / sample)).text
    spans = [*data["summary"], *data["dates"]]
    spans += [m for entity in data["entities"] for m in entity["mentions"]]
    if data["dateline"]:
        spans.append(data["dateline"])
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_piped_output_is_plain_text() -> None:
    result = run_brief("summarize", WIRE)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert out.startswith("Russia's Lavrov says Moscow will close NATO mission")
    assert "Reuters · Tue 19 Oct 2021" in out and "Key sentences" in out
    assert "\x1b[" not in out


def test_jsonl_is_one_line_of_the_same_object() -> None:
    as_json = json.loads(run_brief("summarize", WIRE, "--format", "json").stdout)
    lines = run_brief("summarize", WIRE, "-f", "jsonl").stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == as_json


def test_markdown_and_forced_rich() -> None:
    markdown = run_brief("summarize", WIRE, "-f", "markdown").stdout.decode()
    assert markdown.startswith("# Russia's Lavrov") and "## Key sentences" in markdown
    rich = run_brief("summarize", WIRE, "-f", "rich", env={"COLUMNS": "100"}).stdout.decode()
    assert "Key sentences" in rich and "╭" in rich


def test_colour_only_when_asked_and_no_color_honoured() -> None:
    forced = {"FORCE_COLOR": "1", "COLUMNS": "100", "TERM": "xterm-256color"}
    coloured = run_brief("summarize", WIRE, "-f", "rich", env=forced)
    assert b"\x1b[" in coloured.stdout
    for extra_env, args in (({"NO_COLOR": "1"}, ()), ({}, ("--no-color",))):
        plain = run_brief("summarize", WIRE, "-f", "rich", *args, env={**forced, **extra_env})
        # styles such as bold or italic may stay; colours (SGR 30-38, 90-97) may not
        assert not re.search(rb"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]", plain.stdout)


def test_stdin_dash() -> None:
    data = (SAMPLES / "wire_lavrov.txt").read_bytes()
    result = run_brief("summarize", "-", "--json", stdin=data)
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_explain_in_text_and_json() -> None:
    text = run_brief("summarize", WIRE, "--explain").stdout.decode()
    assert "score" in text and "centrality" in text and "position" in text
    data = json.loads(run_brief("summarize", WIRE, "--json", "--explain", "all").stdout)
    jsonschema.validate(data, SCHEMA)
    assert len(data["ranking"]) == data["sentence_count"]
    assert all("components" in s for s in data["summary"])
    rich = run_brief("summarize", WIRE, "-f", "rich", "--explain", "all", env={"COLUMNS": "120"})
    assert "Ranking of every sentence" in rich.stdout.decode()


def test_word_budget_option() -> None:
    data = json.loads(run_brief("summarize", WIRE, "--json", "--words", "70").stdout)
    from brief.document.tokens import words

    assert sum(len(words(s["text"])) for s in data["summary"]) <= 70


def test_sentences_ratio_algorithm_and_date_options() -> None:
    data = json.loads(run_brief("summarize", WIRE, "--json", "-n", "5", "-a", "textrank").stdout)
    assert len(data["summary"]) == 5 and data["algorithm"] == "textrank"
    data = json.loads(run_brief("summarize", WIRE, "--json", "--ratio", "0.5").stdout)
    assert len(data["summary"]) == -(-data["sentence_count"] // 2)
    data = json.loads(run_brief("summarize", WIRE, "--json", "--date", "2020-01-01").stdout)
    assert (data["published"], data["published_source"]) == ("2020-01-01", "option")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: str(tmp / "missing.txt"), ["missing.txt", "no such file"]),
        (lambda tmp: str(tmp), ["is a directory"]),
        (lambda tmp: _write(tmp / "empty.txt", b""), ["empty.txt", "empty"]),
        (lambda tmp: _write(tmp / "blank.txt", b" \n\n\t "), ["blank.txt", "white space"]),
        (lambda tmp: _write(tmp / "nul.bin", b"abc\x00def" * 50), ["nul.bin", "binary"]),
        (lambda tmp: _write(tmp / "noise.bin", bytes(range(256)) * 8), ["noise.bin", "binary"]),
        (
            lambda tmp: _write(tmp / "title.txt", b"Only a headline\n"),
            ["title.txt", "no sentences"],
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, make, words) -> None:
    assert_one_line_error(run_brief("summarize", make(tmp_path)), "brief:", *words)


def test_too_large_input(tmp_path) -> None:
    result = run_brief("summarize", WIRE, "--max-bytes", "100")
    assert_one_line_error(result, "wire_lavrov.txt", "larger than the limit of 100 bytes")


def test_bad_date_is_a_usage_error() -> None:
    assert_one_line_error(run_brief("summarize", WIRE, "--date", "2021-02-30"), "--date", code=2)


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (
        ["summarize"],
        ["summarize", WIRE, "-n", "0"],
        ["summarize", WIRE, "-f", "xml"],
        ["nope"],
    ):
        result = run_brief(*args)
        assert result.returncode == 2, args
        assert b"Traceback" not in result.stderr and result.stdout == b""


def test_version_and_help_with_examples() -> None:
    assert run_brief("--version").stdout.decode().strip() == f"brief {__version__}"
    top = run_brief("--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "Example" in top and "brief summarize" in top and "--install-completion" in top
    sub = run_brief("summarize", "--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "Examples" in sub and "--sentences" in sub


def test_closed_pipe_ends_quietly() -> None:
    # As in `brief summarize a.txt | true`: the reader is gone before brief writes a byte.
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "summarize", WIRE, "--json"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(write_end)
    os.close(read_end)
    _, err = process.communicate(timeout=60)
    assert err == b""
    assert process.returncode == 141


def test_ctrl_c_exits_130_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "summarize", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    time.sleep(1.5)  # let it start and block reading stdin
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err and out == b""
    process.stdin.close() if process.stdin and not process.stdin.closed else None


def _write(path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_no_traceback_even_for_an_unreadable_special_file() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    result = run_brief("summarize", "/dev/null")
    assert_one_line_error(result, "/dev/null", "empty")


def test_entities_command_in_every_format() -> None:
    tsv = run_brief("entities", WIRE, "-f", "tsv").stdout.decode().splitlines()
    assert tsv[0] == "name\tlabel\tcount\taliases"
    rows = {line.split("\t")[0]: line.split("\t") for line in tsv[1:]}
    assert rows["Sergei Lavrov"][1] == "PER" and "Lavrov" in rows["Sergei Lavrov"][3].split("|")
    lines = run_brief("entities", WIRE, "-f", "jsonl").stdout.decode().splitlines()
    assert {json.loads(line)["name"] for line in lines} == set(rows)
    data = json.loads(run_brief("entities", WIRE, "--json").stdout)
    assert data["source"]["path"].endswith("wire_lavrov.txt") and len(data["entities"]) == len(rows)
    table = run_brief("entities", WIRE, "-f", "table", env={"COLUMNS": "120"}).stdout.decode()
    assert "Sergei Lavrov" in table and "People" in table


def test_dates_command_resolves_against_the_given_date() -> None:
    own = json.loads(run_brief("dates", WIRE, "--json").stdout)
    assert own["published"] == "2021-10-19"
    values = [d["value"] for d in own["dates"]]
    assert values == sorted(v for v in values if v[:1].isdigit()) + [
        v for v in values if not v[:1].isdigit()
    ]
    later = json.loads(run_brief("dates", WIRE, "--json", "--date", "2022-03-01").stdout)
    assert later["published"] == "2022-03-01" and later["published_source"] == "option"
    month = {d["text"]: d["value"] for d in later["dates"]}
    assert month["next month"] == "2022-04"
    tsv = run_brief("dates", WIRE, "-f", "tsv").stdout.decode().splitlines()
    assert tsv[0].split("\t") == [
        *("value", "type", "text", "start", "end", "sentence_index", "label")
    ]
    assert len(tsv) == len(own["dates"]) + 1
    jsonl = run_brief("dates", WIRE, "-f", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line)["value"] for line in jsonl] == values
    table = run_brief("dates", WIRE, "-f", "table", env={"COLUMNS": "140"}).stdout.decode()
    assert "reference date Tue 19 Oct 2021" in table


def test_summarize_shows_entities_and_timeline() -> None:
    out = run_brief("summarize", WIRE).stdout.decode()
    assert "People" in out and "Sergei Lavrov" in out and "Timeline" in out
    assert "Mon 18 Oct 2021" in out  # "on Monday", before the Tuesday the story was published


def test_summarize_timeline_quotes_each_dates_sentence() -> None:
    brief = json.loads(run_brief("summarize", WIRE, "--json", "--include-text").stdout)
    text = run_brief("summarize", WIRE).stdout.decode()
    timeline = text.split("\nTimeline\n", 1)[1].splitlines()
    summer = next(d for d in brief["dates"] if d["text"] == "the summer")
    assert summer["label"] == "summer 2021"
    row = next(line for line in timeline if line.startswith("  summer 2021 "))
    said, _, sentence = row.partition(" — ")
    assert said.split() == ["summer", "2021", "the", "summer"]
    assert "quietly cancelled in the summer" in sentence and sentence.strip("…") in brief["text"]
    markdown = run_brief("summarize", WIRE, "-f", "markdown").stdout.decode()
    assert "| summer 2021 | the summer | Those calls were quietly cancelled" in markdown


def test_snippet_cuts_long_sentences_around_the_mention_at_word_boundaries() -> None:
    from brief.render import snippet

    sentence = "word " * 30 + "on Tuesday the ministry said " + "more " * 30
    start = 1000
    at = sentence.index("Tuesday")
    mention = {"text": "Tuesday", "start": start + at, "end": start + at + 7, "sentence_index": 4}
    cut = snippet(mention, {4: (start, sentence.strip())}, width=40)
    assert "Tuesday" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 42
    inner = cut.strip("…")
    assert inner == inner.strip() and f" {inner} " in f" {sentence} "  # whole words only
    assert snippet({**mention, "sentence_index": 9}, {4: (start, sentence)}) == ""


# -- help and flags a new user trips on (issue #12) --------------------------------------------------


def _help(*command: str, columns: int = 100) -> str:
    result = run_brief(*command, "--help", env={"COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr.decode()
    # Rich draws boxes: keep the words, one space between them.
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout.decode()).split())


@pytest.mark.parametrize("command", ["summarize", "entities", "dates"])
def test_help_shows_what_the_article_argument_is(command: str) -> None:
    assert "Article to read: a text or HTML file" in _help(command)


def test_batch_help_shows_the_path_argument_and_the_real_default_globs() -> None:
    from brief.options import DEFAULT_GLOBS

    shown = _help("batch")
    assert "Folders (walked recursively) or files to brief" in shown
    for pattern in DEFAULT_GLOBS:
        assert pattern in shown
    for flag in ("--no-entities", "--no-dates", "--include-text", "--timeout", "--keep-extension"):
        assert flag in shown


@pytest.mark.parametrize("columns", [80, 100])
def test_the_algorithm_names_are_never_cut_in_the_help(columns: int) -> None:
    from brief.summary import ALGORITHMS

    words = set(re.findall(r"[\w-]+", _help("summarize", columns=columns)))
    assert set(ALGORITHMS) <= words


def test_explain_equals_all_ranks_every_sentence() -> None:
    data = json.loads(run_brief("summarize", WIRE, "--json", "--explain=all").stdout)
    assert len(data["ranking"]) == data["sentence_count"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["-n", "2", "-w", "30", "--ratio", ".5"], "--sentences, --words and --ratio"),
        (["-w", "30", "--ratio", ".5"], "--words and --ratio"),
        (["--json", "-f", "markdown"], "--format"),
    ],
)
def test_conflicting_options_are_refused_in_one_line(args: list[str], named: str) -> None:
    assert_one_line_error(run_brief("summarize", WIRE, *args), named, code=2)


def test_a_listing_refuses_two_formats_too() -> None:
    assert_one_line_error(run_brief("entities", WIRE, "--json", "-f", "tsv"), "--json", code=2)
    assert run_brief("entities", WIRE, "--json", "-f", "json").returncode == 0


def test_a_terminal_on_stdin_is_told_what_brief_waits_for() -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "brief", "summarize", "-"],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        os.close(follower)
        os.write(leader, b"\x04")  # Ctrl-D at the start of a line: the end of the input
        _, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
    assert "reading the article from standard input; end it with Ctrl-D" in err.decode()
    assert process.returncode == 1  # nothing typed: an empty article
