"""Show a Brief: as a Rich layout for terminals, plain text or Markdown for people, JSON for programs.

Every view takes a Brief and nothing else. Renderers read ``Brief.to_dict()``, the JSON contract, so
every view shows what the JSON says and nothing a pipe would miss; the one addition is the sentence
around each date of the timeline, which the Brief carries (``Brief.quoted_sentences``, and
``quoted_lines`` for a date in a headline or a link line) beside the JSON's sentence index. So
``summarize`` and ``batch`` write the same Markdown for the same article.
Text, Markdown and JSON come back as strings; the Rich views print to the console they are given.
Rich is imported only when such a view is asked for.

The timeline of the human views is for a reader, not a TIMEX3 checker (``timeline_rows``): one row per
date however often the article says it ("this week ×4"), dates on the calendar first in time order,
then dates the article leaves open ("a Tuesday"), then durations and recurrences in a short section of
their own; vague references ("now", "recently") are left out, ranges ("3–7 Mar 2022") kept whole, and
every date written as people write it (the JSON's ``label``), never as a TIMEX3 code.

Article text is a stranger's: human views show its control characters as visible escapes
(``visible``), and the Rich view hands it to Rich as ``Text``, never as markup, so a "[the plan]" in
a quote prints as written. JSON keeps the text exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .briefing import Brief, QuotedLines, QuotedSentences
from .dates.labels import calendar_span
from .dates.labels import label as date_label
from .visible import visible

SNIPPET_WIDTH = 90  # characters of a sentence shown around a date in the brief's timeline
ROW_SNIPPET_WIDTH = 70  # the same, in the one-line rows of the text view's timeline
LABEL_WIDTH = 24  # the text view's date column grows up to this many characters
DURATIONS_HEADING = "How long, how often"

ENTITY_GROUPS = (
    ("PER", "People"),
    ("ORG", "Organizations"),
    ("LOC", "Places"),
    ("MISC", "Other"),
)


def render(brief: Brief, fmt: str) -> str:
    """The brief as a string in ``fmt`` (any format but ``rich``), ending with a newline; the text
    and Markdown timelines quote each date's sentence."""
    data = brief.to_dict()
    sentences = Quotes(brief.quoted_sentences, brief.quoted_lines)
    if fmt == "json":
        return _indented_json(data)
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    if fmt == "markdown":
        return visible(_markdown(data, sentences))
    if fmt == "text":
        return visible(_text(data, sentences))
    raise ValueError(f"unknown format {fmt!r}")


# -- shared pieces --------------------------------------------------------------------------------


def byline_facts(data: dict[str, Any]) -> list[str]:
    """Publisher, date, byline, dateline place and reading time, for the line under the title."""
    facts = []
    if data["publisher"]:
        facts.append(data["publisher"])
    if data["published"]:
        facts.append(date_label("DATE", data["published"]))
    if data.get("byline"):
        facts.append(data["byline"])
    if data["dateline"] and data["dateline"]["place"]:
        facts.append(data["dateline"]["place"])
    facts.append(f"{data['reading_time_minutes']} min read")
    return facts


def entity_groups(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Entities grouped as People, Organizations, Places, Other; empty groups left out."""
    groups = []
    for label, heading in ENTITY_GROUPS:
        members = [entity for entity in data["entities"] if entity["label"] == label]
        if members:
            groups.append((heading, members))
    return groups


def timeline(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Date mentions sorted by resolved value (unresolved ones last), then by position: the order
    of ``brief dates`` listings for programs (the human views group them: ``timeline_rows``)."""
    return sorted(
        data["dates"], key=lambda d: (d["value"][:1].isdigit() is False, d["value"], d["start"])
    )


@dataclass(frozen=True, slots=True)
class Quotes:
    """What a timeline quotes around a date: its sentence, or the line around it when the date is
    in no sentence (a headline, a heading, a link line)."""

    sentences: QuotedSentences
    lines: QuotedLines = field(default_factory=dict)

    def around(self, mention: dict[str, Any]) -> tuple[int, str] | None:
        """(start, text) of the sentence or line ``mention`` sits in; None when not known."""
        index = mention.get("sentence_index")
        if index is not None:
            return self.sentences.get(index)
        return self.lines.get(mention["start"])


@dataclass(slots=True)
class TimelineRow:
    """One date of a human timeline: its label and every mention of it, in text order."""

    label: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    phrases: dict[str, list[str]] = field(default_factory=dict)  # casefolded -> forms as written

    def add(self, mention: dict[str, Any], phrase: str) -> None:
        self.mentions.append(mention)
        self.phrases.setdefault(" ".join(phrase.split()).casefold(), []).append(
            " ".join(phrase.split())
        )

    def said_as(self) -> str:
        """ "this week ×4; Tuesday": each phrase once, with how often the article says it."""
        parts = []
        for forms in self.phrases.values():
            shown = min(forms, key=lambda form: form[:1].isupper())  # "this week" over "This week"
            parts.append(f"{shown} ×{len(forms)}" if len(forms) > 1 else shown)
        return "; ".join(parts)  # a phrase may hold a comma: "Tuesday, Oct. 19"


def timeline_rows(data: dict[str, Any]) -> tuple[list[TimelineRow], list[TimelineRow]]:
    """The human timeline of a brief's dict: (dates, durations and recurrences). One row per date
    (a range counts as one date): dates on the calendar in time order, then those with an unknown
    part ("a Tuesday") in text order; durations then recurrences in text order. Vague references
    (PRESENT_REF and the like) are left out."""
    rows: dict[tuple[str, ...], TimelineRow] = {}
    key: tuple[str, ...]
    spans: dict[tuple[str, ...], Any] = {}
    seen_ranges: set[int] = set()
    for mention in sorted(data["dates"], key=lambda d: d["start"]):
        if mention["value"].endswith("_REF"):
            continue
        joined = mention.get("range")
        if joined:
            if joined["start"] in seen_ranges:
                continue  # the other end of a range already counted
            seen_ranges.add(joined["start"])
            key = ("range", joined["first"], joined["last"], joined["kind"])
            text, shown = joined["text"], joined["label"]
            first, last = calendar_span(joined["first"]), calendar_span(joined["last"])
            spans.setdefault(key, first and last and (first[0], last[1]))
        else:
            key = (mention["type"], mention["value"])
            text = mention["text"]
            shown = mention.get("label") or date_label(mention["type"], mention["value"])
            if mention["type"] in ("DATE", "TIME"):
                spans.setdefault(key, calendar_span(mention["value"]))
        rows.setdefault(key, TimelineRow(shown)).add(mention, text)
    keys = list(rows)  # in text order of first mention
    calendar = sorted(
        (k for k in keys if spans.get(k)), key=lambda k: (spans[k][0], spans[k][0] - spans[k][1])
    )
    open_dates = [k for k in keys if k not in spans or (k in spans and not spans[k])]
    open_dates = [k for k in open_dates if k[0] in ("DATE", "TIME", "range")]
    how = [k for k in keys if k[0] == "DURATION"] + [k for k in keys if k[0] == "SET"]
    return [rows[k] for k in calendar + open_dates], [rows[k] for k in how]


def row_snippet(row: TimelineRow, quotes: Quotes, width: int = SNIPPET_WIDTH) -> str:
    """The sentence of the row's first mention that has one (else the line around its first
    mention), cut to about ``width`` characters around the mention."""
    for mention in row.mentions:
        if mention.get("sentence_index") is not None:
            return snippet(mention, quotes, width)
    return snippet(row.mentions[0], quotes, width)


def snippet(
    mention: dict[str, Any], sentences: QuotedSentences | Quotes, width: int = SNIPPET_WIDTH
) -> str:
    """The sentence (or, for a date in no sentence, the line) a mention sits in, cut to about
    ``width`` characters around the mention at word boundaries ("…" marks a cut); empty when
    neither is known."""
    quotes = sentences if isinstance(sentences, Quotes) else Quotes(sentences)
    found = quotes.around(mention)
    if found is None:
        return ""
    start, text = found
    if len(text) <= width:
        return text
    left = max(0, mention["start"] - start - (width - len(mention["text"])) // 2)
    right = min(len(text), left + width)
    left = max(0, right - width)
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text):
        right = text.rfind(" ", left, right) if " " in text[left:right] else right
    cut = text[left:right].strip()
    return ("…" if left > 0 else "") + cut + ("…" if right < len(text) else "")


def explanation(sentence: dict[str, Any]) -> str:
    """ "position +1.20 · centrality +0.31 · ..." for a sentence with score components, largest first."""
    parts = sorted(sentence.get("components", {}).items(), key=lambda item: -abs(item[1]))
    return " · ".join(f"{name} {value:+.2f}" for name, value in parts if abs(value) >= 0.005)


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _title(data: dict[str, Any]) -> str:
    return data["title"] or "(untitled)"


def _entity_line(entity: dict[str, Any]) -> str:
    others = [alias for alias in entity["aliases"] if alias != entity["name"]]
    mentions = "mention" if entity["count"] == 1 else "mentions"
    extra = f" ({', '.join(others)})" if others else ""
    return f"{entity['name']} — {entity['count']} {mentions}{extra}"


# -- plain text and Markdown ----------------------------------------------------------------------


def _text(data: dict[str, Any], sentences: Quotes) -> str:
    lines = [_title(data)]
    if data["dek"]:
        lines.append(data["dek"])
    lines.append(" · ".join(byline_facts(data)))
    lines += ["", "Key sentences"]
    for number, sentence in enumerate(data["summary"], 1):
        lines.append(f"  {number}. {sentence['text']}")
        if "components" in sentence:
            lines.append(
                f"     score {sentence['score']:.3f} (rank {sentence['rank']}): {explanation(sentence)}"
            )
    if "ranking" in data:
        lines += ["", "Ranking of every sentence"]
        for sentence in data["ranking"]:
            lines.append(
                f"  {sentence['rank']:>3}. [{sentence['score']:+.3f}] #{sentence['sentence_index']} {sentence['text']}"
            )
            lines.append(f"       {explanation(sentence)}")
    for heading, members in entity_groups(data):
        lines += ["", heading]
        lines += [f"  - {_entity_line(entity)}" for entity in members]
    dates, durations = timeline_rows(data)
    if dates or durations:
        width = min(LABEL_WIDTH, max(len(row.label) for row in dates + durations))
        lines += ["", "Timeline"]
        lines += [_text_row(row, width, sentences) for row in dates]
        if durations:
            lines.append(f"  {DURATIONS_HEADING}")
            lines += [_text_row(row, width, sentences) for row in durations]
    return "\n".join(lines) + "\n"


def _text_row(row: TimelineRow, width: int, quotes: Quotes) -> str:
    """One line: the date, how the article says it, and its sentence cut short."""
    context = row_snippet(row, quotes, ROW_SNIPPET_WIDTH)
    said = row.said_as() + (f" — {context}" if context else "")
    return f"  {row.label:<{width}}  {' '.join(said.split())}"


def _markdown(data: dict[str, Any], sentences: Quotes) -> str:
    lines = [f"# {_title(data)}", ""]
    if data["dek"]:
        lines += [f"*{data['dek']}*", ""]
    lines += [" · ".join(byline_facts(data)), "", "## Key sentences", ""]
    for sentence in data["summary"]:
        lines.append(f"- {sentence['text']}")
        if "components" in sentence:
            lines.append(f"  *score {sentence['score']:.3f}: {explanation(sentence)}*")
    if "ranking" in data:
        lines += [
            "",
            "## Ranking of every sentence",
            "",
            "| rank | score | sentence | why |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {s['rank']} | {s['score']:.3f} | {s['text']} | {explanation(s)} |"
            for s in data["ranking"]
        ]
    for heading, members in entity_groups(data):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {_entity_line(entity)}" for entity in members]
    dates, durations = timeline_rows(data)
    if dates or durations:
        lines += ["", "## Timeline"]
    # The second table's first column names its section: "how long, how often".
    for rows, column in ((dates, "when"), (durations, DURATIONS_HEADING.lower())):
        if rows:
            lines += ["", f"| {column} | mentioned as | sentence |", "|---|---|---|"]
            lines += [
                f"| {row.label} | {_cell(row.said_as())} | {_cell(row_snippet(row, sentences))} |"
                for row in rows
            ]
    return "\n".join(lines) + "\n"


# -- Rich -----------------------------------------------------------------------------------------


def print_rich(brief: Brief, console) -> None:
    """Print the brief as panels and tables on a Rich ``console``; the timeline quotes each date's
    sentence."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    data = brief.to_dict()
    header = Text(visible(_title(data)), style="bold")
    if data["dek"]:
        header.append("\n" + visible(data["dek"]), style="italic")
    header.append("\n" + visible(" · ".join(byline_facts(data))), style="dim")
    console.print(Panel(header, border_style="cyan"))

    key = Table.grid(padding=(0, 1))
    key.add_column(style="cyan", justify="right")
    key.add_column()
    for number, sentence in enumerate(data["summary"], 1):
        key.add_row(f"{number}.", _plain(sentence["text"]))
        if "components" in sentence:
            why = f"score {sentence['score']:.3f} · {explanation(sentence)}"
            key.add_row("", Text(why, style="dim"))
    console.print(Panel(key, title="Key sentences", title_align="left", border_style="green"))

    if "ranking" in data:
        ranking = Table(title="Ranking of every sentence", title_justify="left")
        ranking.add_column("Rank", justify="right", style="cyan")
        ranking.add_column("Score", justify="right")
        ranking.add_column("Sentence", ratio=3)
        ranking.add_column("Why", style="dim", ratio=2)
        for sentence in data["ranking"]:
            ranking.add_row(
                str(sentence["rank"]),
                f"{sentence['score']:.3f}",
                _plain(sentence["text"]),
                explanation(sentence),
            )
        console.print(ranking)

    if data["entities"]:
        console.print(_entity_table(data, "Who and what"))

    quotes = Quotes(brief.quoted_sentences, brief.quoted_lines)
    for table in _timeline_tables(data, "Timeline", lambda row: row_snippet(row, quotes)):
        console.print(table)


# -- `brief entities` and `brief dates` -----------------------------------------------------------


def render_entities(data: dict[str, Any], fmt: str) -> str:
    """The entities of a brief: JSON (with the source), JSONL (one entity a line) or TSV
    (name, label, count, aliases joined by "|"); ``data`` is a brief's ``to_dict()``."""
    entities = data["entities"]
    if fmt == "tsv":
        rows = [[e["name"], e["label"], str(e["count"]), "|".join(e["aliases"])] for e in entities]
        return _tsv([["name", "label", "count", "aliases"], *rows])
    return _listing(data, "entities", fmt)


def render_dates(data: dict[str, Any], fmt: str) -> str:
    """The dates of a brief, in timeline order: JSON (with the source and reference date), JSONL
    (one mention a line) or TSV (value, type, text, start, end, sentence index, label)."""
    ordered = {**data, "dates": timeline(data)}
    if fmt == "tsv":
        keys = ["value", "type", "text", "start", "end", "sentence_index", "label"]
        rows = [
            [str(d[key]) if d.get(key) is not None else "" for key in keys]
            for d in ordered["dates"]
        ]
        return _tsv([keys, *rows])
    return _listing(ordered, "dates", fmt)


def _listing(data: dict[str, Any], key: str, fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(
            json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n" for item in data[key]
        )
    if fmt == "json":
        header = {
            k: data[k]
            for k in ("schema_version", "source", "title", "published", "published_source")
        }
        return _indented_json({**header, key: data[key]})
    raise ValueError(f"unknown format {fmt!r}")


def _indented_json(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, joined in batches: with an
    indent, json's encoder yields a small string per token, and holding them all at once took seven
    times the output's size (900 MB for the brief of a 10 MB article of one-line sentences)."""
    from itertools import islice

    chunks = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    parts = []
    while batch := list(islice(chunks, 65536)):
        parts.append("".join(batch))
    parts.append("\n")
    return "".join(parts)


def _tsv(rows: list[list[str]]) -> str:
    # A tab or line break inside a field would break the grid; in a name or phrase it means a space.
    return "".join("\t".join(" ".join(field.split()) for field in row) + "\n" for row in rows)


def print_entities_table(brief: Brief, console) -> None:
    """``brief entities`` at a terminal: the brief's entity table under the article's title."""
    data = brief.to_dict()
    console.print(_entity_table(data, data["title"] or data["source"]["path"]))


def _entity_table(data: dict[str, Any], title: str):
    """People, organizations, places and others as one Rich table (the brief's and ``brief entities``')."""
    from rich.table import Table

    table = Table(title=_plain(title), title_justify="left", expand=False)
    table.add_column("Kind", style="magenta")
    table.add_column("Name", style="bold")
    table.add_column("Mentions", justify="right")
    table.add_column("Also as", style="dim")
    for heading, members in entity_groups(data):
        for entity in members:
            others = ", ".join(a for a in entity["aliases"] if a != entity["name"])
            table.add_row(heading, _plain(entity["name"]), str(entity["count"]), _plain(others))
    return table


def _plain(text: str):
    """Article text for a Rich cell: a ``Text`` (never parsed as markup), controls made visible."""
    from rich.text import Text

    return Text(visible(text))


def print_dates_table(brief: Brief, console) -> None:
    """``brief dates`` at a terminal: the timeline, each date with the whole sentence (or line)
    of its first mention."""
    data = brief.to_dict()
    quotes = Quotes(brief.quoted_sentences, brief.quoted_lines)
    if data["published"]:
        reference = date_label("DATE", data["published"])
    else:
        reference = "none (relative dates stay unresolved)"

    def whole(row: TimelineRow) -> str:
        with_sentence = [m for m in row.mentions if m.get("sentence_index") is not None]
        found = quotes.around((with_sentence or row.mentions)[0])
        return found[1] if found else ""

    title = f"Timeline — reference date {reference}"
    tables = _timeline_tables(data, title, whole)
    if not tables:
        console.print(_plain(f"{title}: no dates found"))
    for table in tables:
        console.print(table)


def _timeline_tables(data: dict[str, Any], title: str, quote) -> list:
    """The Rich tables of a human timeline under ``title``: the dates, then durations and
    recurrences (each only when it has a row); ``quote(row)`` gives the sentence column."""
    from rich.table import Table

    dates, durations = timeline_rows(data)
    tables: list[Any] = []
    # The second table follows the first under its title; its first column names it.
    for rows, column in ((dates, "When"), (durations, DURATIONS_HEADING)):
        if not rows:
            continue
        table = Table(title=None if tables else _plain(title), title_justify="left")
        table.add_column(column, style="cyan", no_wrap=True)
        table.add_column("Mentioned as", style="bold")
        table.add_column("Sentence", ratio=1)
        for row in rows:
            table.add_row(row.label, _plain(row.said_as()), _plain(quote(row)))
        tables.append(table)
    return tables
