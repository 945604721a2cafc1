"""Word tokens with character offsets.

Every later step (entities, summary word counts, sumy's tokenizer) needs words that point back into
the input text, so tokenization lives here, once. The rules follow the Penn Treebank conventions
that CoNLL-2003 and most news corpora use closely enough for a tagger trained on them: possessive
"'s" and "n't" are split off, abbreviations and initials keep their periods ("U.S.", "J.K."),
numbers keep their separators ("1,200", "1.13") and hyphenated words stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that keep their period, as in CoNLL-2003 and the Penn Treebank: titles, company
# suffixes, months and US states. A name tagger needs "Corp." and "Fla." whole to see a name's end.
# fmt: off
_ABBREVIATIONS = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "St", "Ste", "Mt", "Ft", "Jr", "Sr", "Gen", "Lt",
    "Col", "Sgt", "Capt", "Cmdr", "Adm", "Sen", "Rep", "Gov", "Pres", "Inc", "Corp", "Co", "Ltd",
    "Bros", "Cie", "Plc", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
    "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo"
]
# fmt: on
# Longest first, so that "Sept" is tried before "Sep"; capitals too, for headlines ("ST. LOUIS").
_ABBREV_ALT = "|".join(
    sorted({*_ABBREVIATIONS, *(a.upper() for a in _ABBREVIATIONS)}, key=len, reverse=True)
)

# Order matters: the first alternative that matches at a position wins.
_TOKEN_RE = re.compile(
    r"""
    https?://[^\s<>"]+[^\s<>".,;:!?)\]'’]           # URLs
  | [\w.+-]+@\w+(?:\.\w+)+                          # e-mail addresses
  | (?:[A-Za-z]\.){2,}(?![A-Za-z])                  # U.S.  J.K.  a.m.
  | [A-Z]\.(?=\s+[A-Z])                             # an initial: J. Smith
  | (?:"""
    + _ABBREV_ALT
    + r""")\.(?!\w)                                  # Corp.  St.  Fla.
  | [A-Z]{1,3}\$                                    # currencies: US$  C$
  | \d+(?:[.,:/]\d+)+                               # 1,200  1.13  14:30  10/19/2021
  | \w+(?=n['’]t\b)                                 # do|n't
  | n['’]t\b
  | ['’][sS]\b                                      # possessive 's
  | \w+(?:[-–]\w+)*(?=['’][sS]\b)                   # Russia|'s
  | \w+(?:['’]\w+)?(?:[-–]\w+(?:['’]\w+)?)*         # words, hyphenated words, O'Brien
  | \.\.\.|…                                        # ellipses
  | --+|[–—]                                        # dashes
  | \S                                              # any other single symbol
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word or symbol: ``text`` equals ``source[start:end]``."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into the whole of ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, stop)]


def token_matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches behind ``tokenize``: cheaper where only a few tokens need their offsets."""
    return list(_TOKEN_RE.finditer(text, start, len(text) if end is None else end))


def token_texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The strings of ``tokenize``'s tokens, without offsets: the cheapest form to hold many of."""
    return _TOKEN_RE.findall(text, start, len(text) if end is None else end)


# Runs of letters and digits, with inner apostrophes ("O'Brien", "don't"): what a reader counts as a
# word. Word counts and term overlap need nothing finer, and this runs on every sentence of every
# article, so it is kept far cheaper than the tagger's tokenization above.
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


def words(text: str) -> list[str]:
    """Word strings of ``text``, symbols left out: what counts as a word for readers and rankers."""
    return _WORD_RE.findall(text)
