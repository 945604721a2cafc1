"""Turn a web page into the article it carries: clean text with its paragraphs, and the page's metadata.

One job: HTML in, a ``Page`` out. trafilatura finds the main text (menus, adverts, comments and
related links left behind) and the headline, author and site name; htmldate finds the publication
date, and the order in which we ask it says where the date came from (``json-ld``, ``html-meta``,
``url``, else ``html-text``). The article text is written the way brief reads a saved article:
headline, byline, then one block per heading or paragraph separated by blank lines, so the
``document`` step finds the same structure it finds in a .txt file, and every offset of the brief
indexes this text (which the JSON then carries as ``text``). trafilatura, htmldate and lxml load here
and only here, on the first HTML input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import EmptyInputError

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
# A page starts (after white space, a BOM, comments or an XML prolog) with a doctype or one of these.
_HTML_START = re.compile(
    r"\A(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
# The block elements of trafilatura's output that become paragraphs of the article text.
_BLOCKS = ("head", "p", "quote", "item")
_SPACE = re.compile(r"\s+")
# Elements that hold code or styling, never article text (JSON-LD scripts hold metadata: kept).
_CODE = "//script[not(contains(@type, 'ld+json'))]|//style|//noscript|//template"


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page says about its article; ``text`` is the article as brief reads it."""

    text: str
    title: str | None
    author: str | None
    site_name: str | None
    published: date | None
    published_source: str | None  # "json-ld", "html-meta", "url" or "html-text"


def looks_like_html(text: str, path: str | None = None) -> bool:
    """Whether an input is a web page: by its file name, else by how its text begins."""
    if path and path.lower().endswith(HTML_EXTENSIONS):
        return True
    return bool(_HTML_START.match(text[:4096]))


def extract_page(html: str, where: str, url: str | None = None) -> Page:
    """The article of a web page; ``EmptyInputError`` when the page holds no article text."""
    import trafilatura

    _silence_libraries()
    tree = _parse(html)
    if tree is None:
        raise EmptyInputError(where, "not a readable HTML page")
    published, published_source = publication_date(tree, url)
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    blocks = _body_blocks(extracted.body) if extracted is not None else []
    if not blocks:
        blocks = _paragraphs_of(_parse(html))
    if not blocks:
        raise EmptyInputError(where, "no article text found in the HTML page")
    title = _clean(getattr(extracted, "title", None)) or _first_heading(blocks)
    author = _clean(getattr(extracted, "author", None))
    return Page(
        text=_article_text(title, author, blocks),
        title=title,
        author=author,
        site_name=_clean(getattr(extracted, "sitename", None)),
        published=published,
        published_source=published_source,
    )


def _parse(html: str):
    """An lxml tree of the page without its code; a bare fragment (``<p>...</p>``) is parsed as a
    page's body."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is not None:
        # trafilatura reads the headline from <h1> before it cleans the page: a script inside one
        # would become the title. JSON-LD stays, for the metadata and the date.
        for code in tree.xpath(_CODE):
            code.drop_tree()
    return tree


def publication_date(tree, url: str | None) -> tuple[date | None, str | None]:
    """The page's publication date and where it was found, most explicit statement first."""
    from htmldate.core import find_date

    try:  # htmldate's stages, to know which one found the date; not all are public API
        from htmldate.core import examine_header, extract_url_date, json_search
        from htmldate.utils import Extractor
        from htmldate.validators import get_max_date, get_min_date
    except ImportError:
        found = find_date(tree, extensive_search=False, original_date=True, url=url)
        return (date.fromisoformat(found[:10]), "html") if found else (None, None)
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    canonical = tree.find('.//link[@rel="canonical"]')
    page_url = url or (canonical.get("href") if canonical is not None else None)
    stages = (
        ("json-ld", lambda: json_search(tree, options)),
        ("html-meta", lambda: examine_header(tree, options)),
        ("url", lambda: extract_url_date(page_url, options)),
        ("html-text", lambda: find_date(tree, extensive_search=False, original_date=True)),
    )
    for name, stage in stages:
        found = stage()
        if found:
            return date.fromisoformat(found[:10]), name
    return None, None


def _body_blocks(body) -> list[tuple[str, str]]:
    """(kind, text) for each heading and paragraph of trafilatura's output, in order."""
    blocks = []
    for element in body.iter(*_BLOCKS):
        if _inside(element, *_BLOCKS):
            continue  # a paragraph in a quote or list item is part of that block's text
        text = _clean("".join(element.itertext()))
        if text:
            blocks.append(("heading" if element.tag == "head" else "paragraph", text))
    return blocks


def _inside(element, *tags: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _paragraphs_of(tree) -> list[tuple[str, str]]:
    """The fallback for pages too small for trafilatura's heuristics: their paragraphs as written."""
    if tree is None:
        return []
    for junk in tree.xpath("//nav|//footer"):
        junk.drop_tree()
    texts = [_clean(p.text_content()) for p in tree.iter("p", "h1", "h2", "h3", "li")]
    return [("paragraph", text) for text in texts if text]


def _first_heading(blocks: list[tuple[str, str]]) -> str | None:
    return blocks[0][1] if blocks and blocks[0][0] == "heading" else None


def _article_text(title: str | None, author: str | None, blocks: list[tuple[str, str]]) -> str:
    """Headline, byline and blocks, a blank line apart: the layout brief reads in a .txt article."""
    if title and blocks and _same(blocks[0][1], title):
        blocks = blocks[1:]  # the page's own <h1> repeats the headline
    lines = [title] if title else []
    if author:
        lines.append(f"By {author}")
    lines += [text for _, text in blocks]
    return "\n\n".join(lines) + "\n"


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _clean(text: str | None) -> str | None:
    """One line of text with runs of white space (newlines, nbsp) made single spaces."""
    if not text:
        return None
    return _SPACE.sub(" ", text).strip() or None


def _silence_libraries() -> None:
    # trafilatura and htmldate log warnings for odd pages; a user sees one line from brief or none.
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
