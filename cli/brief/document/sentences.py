"""Sentence boundaries with character offsets, from brief's own Punkt parameters.

NLTK's Punkt algorithm does the deciding; the parameters are the plain-text ``punkt_tab`` files that
``training/train_punkt.py`` writes into ``brief/models/punkt``. They are read here with a few lines of
code instead of ``nltk.data``, so nothing consults NLTK's data path or a download, and nothing is
unpickled. The tokenizer is built once per process, on first use.

Punkt reads a long paragraph a window at a time (``_WINDOW`` characters): NLTK runs its regular
expressions under a 5-second wall-clock limit and raises ``TimeoutError`` past it, which one paragraph
of a few hundred thousand sentences reaches. Punkt decides each break from the words on either side of
it, so reading window by window, each from the start of the previous window's last (perhaps cut)
sentence, finds the same sentences; a run of text with no break in a whole window is cut at white
space, so no sentence is longer than a window.
"""

from __future__ import annotations

import re

from ..loading import load_once, read_model_text

_MODEL = "punkt"
# Characters Punkt reads at once: about 0.05-0.3 s of work, far from NLTK's 5 s regex limit, and
# hundreds of times longer than a real sentence. Also the longest sentence brief makes.
_WINDOW = 20_000

# Punkt's known misses, mended after it decides (see _mend):
# a span ending in initials such as "J.K." or "A.C." that Punkt has not learned as an abbreviation
_INITIALS_END = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,3})$")
# a span ending in any dotted token ("R.E.M.", "a.m.", "Inc.")
_DOTTED_END = re.compile(r"(?<![\w.])(?:\w+\.)+$")
# a span ending in a title that always comes before a name ("the owner, Mr. | Strong"): Punkt
# breaks after one when the next word is one it has seen opening sentences
_TITLE_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Messrs|Dr|Prof|Rev|Fr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj"
    r"|Pres|Hon|Supt|Insp|Det)\.$"
)
# a span ending in a quoted question or exclamation ('"Why close it?"'), which a lower-case word
# goes on ('asked Ann Lee.'): the quotation is the sentence's first part
_QUOTED_QUESTION_END = re.compile(r"[?!][\"'”’]+$")
# the start of the next span: optional opening quotes or brackets, then its first letter
_NEXT_START = re.compile(r"""["'“‘(\[]*(\w)""")


def _text(name: str) -> str:
    return read_model_text(f"{_MODEL}/{name}")


def _lines(name: str) -> list[str]:
    return [line for line in _text(name).split("\n") if line]


@load_once
def _tokenizer():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_lines("abbrev_types.txt"))
    params.sent_starters = set(_lines("sent_starters.txt"))
    params.collocations = {tuple(line.split("\t")) for line in _lines("collocations.tab")}
    # ortho_context must stay the defaultdict PunktParameters made (unseen words look up as 0). Its
    # 32,000 "word<TAB>flags" lines are read in one split: Punkt types never contain white space.
    fields = iter(_text("ortho_context.tab").split())
    params.ortho_context.update(zip(fields, map(int, fields), strict=False))
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, as offsets into the whole ``text``.

    Spans are trimmed of surrounding white space; a closing quote or bracket after the final period
    belongs to the sentence it closes (``...," Price said.`` ends one sentence, not two).
    """
    stop = len(text) if end is None else end
    spans = _punkt_spans(text, start, stop, _WINDOW)
    return _mend(text, [span for span in spans if span[0] < span[1]])


def _punkt_spans(text: str, start: int, stop: int, window: int) -> list[tuple[int, int]]:
    """Punkt's trimmed spans in ``text[start:stop]``, read ``window`` characters at a time."""
    tokenizer = _tokenizer()
    spans: list[tuple[int, int]] = []
    position = start
    while position < stop:
        limit = (
            stop if stop - position <= window else _window_end(text, position, position + window)
        )
        chunk = text[position:limit]
        found = [_trim(chunk, s, e, position) for s, e in tokenizer.span_tokenize(chunk)]
        if limit == stop:
            spans += found
            break
        if len(found) > 1 and found[-1][0] > position:
            # The last sentence may go on past the window: it is read again, whole, in the next one.
            spans += found[:-1]
            position = found[-1][0]
        else:  # no break in a whole window: not a sentence a reader could use; cut it here
            spans += found
            position = limit
    return spans


def _window_end(text: str, start: int, limit: int) -> int:
    """Where a window ending near ``limit`` stops: after the last white space in its second half,
    so that its last word is whole (Punkt decides a break by the word after it), else at ``limit``."""
    for index in range(limit, start + (limit - start) // 2, -1):
        if text[index - 1].isspace():
            return index
    return limit


def _trim(chunk: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """Shrink a span to exclude white space Punkt does not know as such (NEL, NBSP and the like)."""
    piece = chunk[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return offset + start + left, offset + start + max(left, right)


def _mend(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans that Punkt split after initials ("J.K. | Rowling"), after a title ("Mr. |
    Strong") or before a lower-case word (after a dotted token, or after a quoted question:
    '"Why?" | asked Ann Lee.')."""
    if len(spans) < 2:
        return spans
    abbreviations = _tokenizer()._params.abbrev_types
    mended = [spans[0]]
    for span in spans[1:]:
        previous = text[mended[-1][0] : mended[-1][1]]
        first = _NEXT_START.match(text, span[0])
        # A join never makes a sentence longer than a window: a run with no break is cut.
        short = span[1] - mended[-1][0] <= _WINDOW
        if first and short and _splits_a_sentence(previous, first.group(1), abbreviations):
            mended[-1] = (mended[-1][0], span[1])
        else:
            mended.append(span)
    return mended


def _splits_a_sentence(previous: str, next_letter: str, abbreviations: set[str]) -> bool:
    if next_letter.isupper() and _TITLE_END.search(previous):
        return True
    if next_letter.islower() and _DOTTED_END.search(previous):
        return True
    # In lower-cased text every sentence starts lower-case: only cased text says "goes on".
    if (
        next_letter.islower()
        and _QUOTED_QUESTION_END.search(previous)
        and previous != previous.lower()
    ):
        return True
    initials = _INITIALS_END.search(previous)
    return bool(initials) and initials.group(1)[:-1].lower() not in abbreviations
