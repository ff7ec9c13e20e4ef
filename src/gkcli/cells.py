"""How a text fits a cell: how many terminal columns it takes (the status table's cells and the
help's columns, zh.py, measure alike), a long one cut to a few characters with an ellipsis
(a task's title beside its id, a cell quoted in a message), and a CSV cell that a spreadsheet must
not run as a formula. Its own module: `gk --help` needs this, not the tables."""

from __future__ import annotations

import re
import unicodedata

_WIDTH_CACHE: dict[str, int] = {}


def clip(text: str, n: int) -> str:
    """`text` on one line (its whitespace runs one space), cut to `n` characters with a closing “…”."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def width(text: str) -> int:
    """Terminal columns of `text`: wide and full-width characters count two, combining marks none."""
    if text.isascii():
        return len(text)
    w = _WIDTH_CACHE.get(text)
    if w is None:
        w = 0
        for ch in text:
            if ch.isascii():
                w += 1
            elif unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
                continue
            else:
                w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if len(_WIDTH_CACHE) < 100_000:
            _WIDTH_CACHE[text] = w
    return w


_COLOUR = re.compile(r"\x1b\[[\d;]*m")


def painted_width(text: str) -> int:
    """Terminal columns of a text that may hold colour codes (they take none)."""
    return width(_COLOUR.sub("", text)) if "\x1b" in text else width(text)


# what a spreadsheet opening a CSV reads as a formula (=, +, -, @; a tab or CR before one); a number
# (-3, +86) or a lone - (a placeholder) is none
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def csv_text(text: str) -> str:
    """A text cell of a CSV as a spreadsheet must show it: one that Excel would run as a formula
    (=HYPERLINK(…), =cmd|…, +1+1, @SUM(…), written by a pull request into a title or a unit's name)
    gets a leading ' (OWASP's escape: Excel shows the text, without the ')."""
    if text and _FORMULA.match(text) and not _NUMBER.fullmatch(text) and text not in ("-", "+"):
        return "'" + text
    return text
