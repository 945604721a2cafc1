"""Show a Brief: as a Rich layout for terminals, plain text or Markdown for people, JSON for programs.

Every view takes a Brief and nothing else. Renderers read ``Brief.to_dict()``, the JSON contract, so
every view shows what the JSON says and nothing a pipe would miss; the one addition is the sentence
around each date of the timeline, which the Brief carries (``Brief.quoted_sentences``) beside the JSON's
sentence index. So ``summarize`` and ``batch`` write the same Markdown for the same article.
Text, Markdown and JSON come back as strings; the Rich views print to the console they are given.
Rich is imported only when such a view is asked for.

Article text is a stranger's: human views show its control characters as visible escapes
(``visible``), and the Rich view hands it to Rich as ``Text``, never as markup, so a "[the plan]" in
a quote prints as written. JSON keeps the text exactly.
"""

from __future__ import annotations

import json
from typing import Any

from .briefing import Brief, QuotedSentences
from .visible import visible

SNIPPET_WIDTH = 90  # characters of a sentence shown around a date in the brief's timeline

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
    sentences = brief.quoted_sentences
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
        facts.append(data["published"])
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
    """Date mentions sorted by resolved value (unresolved ones last), then by position."""
    return sorted(
        data["dates"], key=lambda d: (d["value"][:1].isdigit() is False, d["value"], d["start"])
    )


def snippet(mention: dict[str, Any], sentences: QuotedSentences, width: int = SNIPPET_WIDTH) -> str:
    """The sentence a mention sits in, cut to about ``width`` characters around the mention at word
    boundaries ("…" marks a cut); empty when the sentence is not known."""
    index = mention.get("sentence_index")
    if index is None or index not in sentences:
        return ""
    start, text = sentences[index]
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


def _text(data: dict[str, Any], sentences: QuotedSentences) -> str:
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
    if data["dates"]:
        lines += ["", "Timeline"]
        for mention in timeline(data):
            context = snippet(mention, sentences)
            lines.append(f"  {mention['value']:<16} {mention['text']}")
            if context:
                lines.append(f"  {'':<16} {context}")
    return "\n".join(lines) + "\n"


def _markdown(data: dict[str, Any], sentences: QuotedSentences) -> str:
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
    if data["dates"]:
        lines += ["", "## Timeline", "", "| date | phrase | type | sentence |", "|---|---|---|---|"]
        lines += [
            f"| {d['value']} | {_cell(d['text'])} | {d['type']} | {_cell(snippet(d, sentences))} |"
            for d in timeline(data)
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

    if data["dates"]:
        dates = Table(title="Timeline", title_justify="left")
        dates.add_column("Date", style="cyan")
        dates.add_column("Phrase", style="bold")
        dates.add_column("Type", style="dim")
        dates.add_column("Sentence", ratio=1)
        for mention in timeline(data):
            dates.add_row(
                _plain(mention["value"]),
                _plain(mention["text"]),
                mention["type"],
                _plain(snippet(mention, brief.quoted_sentences)),
            )
        console.print(dates)


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
    (one mention a line) or TSV (value, type, text, start, end, sentence index)."""
    ordered = {**data, "dates": timeline(data)}
    if fmt == "tsv":
        keys = ["value", "type", "text", "start", "end", "sentence_index"]
        rows = [
            [str(d[key]) if d[key] is not None else "" for key in keys] for d in ordered["dates"]
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
    """``brief dates`` at a terminal: the timeline, each date with its whole sentence."""
    from rich.table import Table

    data = brief.to_dict()
    reference = data["published"] or "none (relative dates stay unresolved)"
    table = Table(title=_plain(f"Timeline — reference date {reference}"), title_justify="left")
    table.add_column("Date", style="cyan", no_wrap=True)
    table.add_column("Phrase", style="bold")
    table.add_column("Type", style="dim")
    table.add_column("Sentence", ratio=1)
    for mention in timeline(data):
        _, sentence = brief.quoted_sentences.get(mention["sentence_index"], (0, ""))
        table.add_row(
            _plain(mention["value"]), _plain(mention["text"]), mention["type"], _plain(sentence)
        )
    console.print(table)
