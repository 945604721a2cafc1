"""Make text from an article, a file name or a URL safe to show on a terminal.

Article text and names come from strangers: an escape sequence in them could clear the screen, retitle
the window or write to the clipboard, and a bidi override could make a line read backwards. Human views
and messages pass such text through ``visible`` (or ``one_line`` for a message that must stay one
line), which shows those characters as escapes (``\\x1b``, ``\\u202e``) instead of sending them. JSON
keeps the text exactly; its encoder escapes control characters itself.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; the bidi embeddings, overrides and isolates; and
# lone surrogates (undecodable bytes of a file name), which a terminal cannot show either.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with terminal controls and bidi overrides shown as escapes; tabs and newlines kept."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` as one safe line: line breaks and tabs escaped too (for names in messages)."""
    return _UNSAFE_ONE_LINE.sub(_escape, text)
