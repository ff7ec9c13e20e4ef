"""How many terminal columns a text takes: the status table's cells and the help's
columns (zh.py) measure alike. Its own module: `gk --help` needs this, not the tables."""

from __future__ import annotations

import unicodedata

_WIDTH_CACHE: dict[str, int] = {}


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
