"""Turn a web page into the article it carries: clean text with its paragraphs, and the page's metadata.

One job: HTML in, a ``Page`` out. trafilatura finds the main text (menus, adverts, comments and
related links left behind) and the headline, author and site name; htmldate finds the publication
date, and the order in which we ask it says where the date came from (``json-ld``, ``html-meta``,
``url``, else ``html-text``). The article text is written the way brief reads a saved article:
headline, byline, then one block per heading or paragraph separated by blank lines, so the
``document`` step finds the same structure it finds in a .txt file, and every offset of the brief
indexes this text (which the JSON then carries as ``text``). trafilatura, htmldate and lxml load here
and only here, on the first HTML input.

libxml2 (under lxml) stops reading a page at 256 levels of nesting and keeps only what came before, so
a page whose article sits deeper (wrapper upon wrapper, or a hostile page) would lose its text without
a word. A tree that reaches that depth is therefore parsed again from a flattened copy of the page
(``flatten``: the tags nested deeper than ``FLAT_DEPTH`` left out, all text kept), in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import EmptyInputError

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
# libxml2's nesting limit for HTML is 256; a tree that gets near it was probably cut off there.
_NEAR_PARSER_LIMIT = 240
FLAT_DEPTH = 100  # deeper tags are left out when a page has to be flattened
_REACHES_LIMIT = "boolean(/" + "/".join(["*"] * _NEAR_PARSER_LIMIT) + ")"  # O(elements) in C
# A start or end tag. Possessive: a "<" that opens no tag costs a scan to the next "<" or ">", never
# a backtrack, so a page of "<a<a<a..." is still read in linear time.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*+)([^<>]*+)>")
# Raw-text elements: kept whole, their content skipped (a "<div>" inside a script is code, not markup).
_RAW_TEXT = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp")
}
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
# Elements a new one of the same name closes (<p>a<p>b), so they never nest by themselves.
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd tr td th option".split())
# The blocks an article's text is read from: kept a little deeper than wrappers, so an article under
# thousands of <div>s keeps its headings and paragraphs apart.
_TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre ul ol article main".split())
_TEXT_BLOCK_ALLOWANCE = 50
_END_TAG_LOOKBACK = 64  # how far up the open elements an end tag looks for its start tag


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
    # trafilatura and htmldate log odd pages to their own loggers, which carry a NullHandler, so
    # nothing reaches stderr unless the application configures logging; their loggers are theirs.
    import trafilatura

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
    page's body, and a page nested too deep for libxml2 from its flattened copy."""
    tree = _load(html)
    if tree is not None and tree.xpath(_REACHES_LIMIT):
        tree = _load(flatten(html))
    if tree is not None:
        # trafilatura reads the headline from <h1> before it cleans the page: a script inside one
        # would become the title. JSON-LD stays, for the metadata and the date.
        for code in tree.xpath(_CODE):
            code.drop_tree()
    return tree


def _load(html: str):
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    return tree


def flatten(html: str, depth: int = FLAT_DEPTH) -> str:
    """``html`` without the start and end tags of elements that would sit deeper than ``depth``
    kept elements (text blocks: ``_TEXT_BLOCK_ALLOWANCE`` more); every piece of text stays, in
    order. One pass over the tags, each handled in bounded (amortised) time."""
    kept: list[str] = []
    open_elements = _OpenElements()
    position = 0
    while match := _TAG.search(html, position):
        closing, name, attributes = match[1], match[2].lower(), match[3]
        end = match.end()
        keep = True
        if name in _RAW_TEXT:
            if not closing:  # kept whole (a leaf, one level at most): jump to its end tag
                closer = _RAW_TEXT[name].search(html, end)
                end = closer.start() if closer else len(html)
        elif closing:
            keep = open_elements.close(name)
        elif name not in _VOID and not attributes.endswith("/"):
            if name in _SELF_CLOSING_SIBLINGS:
                open_elements.close_sibling(name)
            room = depth + (_TEXT_BLOCK_ALLOWANCE if name in _TEXT_BLOCKS else 0)
            keep = open_elements.kept < room
            open_elements.open(name, keep)
        kept.append(html[position : match.start()])  # the text before the tag
        if keep:
            kept.append(match[0])
        kept.append(html[match.end() : end])  # a raw-text element's content; empty otherwise
        position = end
    kept.append(html[position:])
    return "".join(kept)


class _OpenElements:
    """The elements open at a point of the page as ``flatten`` reads it, and how many it keeps."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, bool]] = []  # (name, whether its tags are kept)
        self.kept = 0

    def open(self, name: str, keep: bool) -> None:
        self.stack.append((name, keep))
        self.kept += keep

    def close_sibling(self, name: str) -> None:
        """A <p> or <li> ends the one of its name open right above it, as the HTML parser does."""
        if self.stack and self.stack[-1][0] == name:
            self.kept -= self.stack.pop()[1]

    def close(self, name: str) -> bool:
        """Close the innermost open ``name`` (and what is open inside it); whether its end tag is
        kept. An end tag with no start tag among the innermost few is kept: the parser ignores it."""
        bottom = max(0, len(self.stack) - _END_TAG_LOOKBACK)
        for index in range(len(self.stack) - 1, bottom - 1, -1):
            if self.stack[index][0] == name:
                keep = self.stack[index][1]
                self.kept -= sum(kept for _, kept in self.stack[index:])
                del self.stack[index:]
                return keep
        return True


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
