"""Plain-text tables for the terminal, drawn like rich's default table, at a tenth of its cost.

rich lays out a 300-row table in ≈0.3 s; this module does it in a few ms, which is
most of what a cold `gk status` is allowed. It knows what gk's tables need:
East-Asian wide characters count two columns, long cells end in "…", columns
align left or right, and colour (ANSI) is used only on a terminal and never when
NO_COLOR is set (FORCE_COLOR forces it).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import IO, Sequence

from .cells import width

_SGR = {
    "bold": "1", "dim": "2", "italic": "3", "underline": "4",
    "black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36", "white": "37",
    "bright_black": "90", "bright_red": "91", "bright_green": "92", "bright_yellow": "93", "bright_blue": "94",
    "bright_magenta": "95", "bright_cyan": "96", "bright_white": "97",
}


def use_color(stream: IO[str] | None = None) -> bool:
    """Colour on a terminal; NO_COLOR turns it off, FORCE_COLOR on, TERM=dumb off."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def paint(text: str, style: str | None, color: bool) -> str:
    if not color or not style or not text:
        return text
    codes = ";".join(_SGR[s] for s in style.split() if s in _SGR)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` columns, ending in "…" when cut."""
    if width(text) <= limit:
        return text
    if limit <= 0:
        return ""
    out, w = [], 0
    for ch in text:
        cw = width(ch)
        if w + cw > limit - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out) + "…"


# the widest a column gets with no terminal (a pipe, a file): 200 Chinese characters; the longest real title
# seen is 123. Longer cells end in "…" there (--format csv/json keep them whole): a 5,000-character title
# padded all 77 rows of `gk status > 状态.txt` to it, 0.9 MB of spaces
PIPE_CAP = 400


@dataclass
class Column:
    header: str
    justify: str = "left"  # left | right | center
    min_width: int = 0
    max_width: int | None = None
    flexible: bool = False  # shrinks first when the table is too wide, grows into a wide terminal
    header_style: str | None = None
    drop: int = 0  # 1, 2, …: left out, in that order, when even shrunk columns do not fit; 0: never
    whole: bool = False  # never cut while a narrow terminal has room for it (状态: 长期·… is either 长期 status)


@dataclass
class Table:
    columns: list[Column]
    rows: list[tuple[Sequence[str], Sequence[str | None]]] = field(default_factory=list)

    def add_row(self, *cells: str, styles: Sequence[str | None] | None = None) -> None:
        from .findings import shown

        # a cell is a task's title or a note: a line break or bidi override in it would forge a row
        self.rows.append((tuple(shown(c) for c in cells), styles or ()))

    def widths(self, max_total: int | None, compact: bool = False) -> list[int]:
        """Each column's width; 0 for a column left out (a narrow terminal). `compact`: laid out without
        the box (a space between columns), the columns marked `whole` never cut while they fit."""
        gap, edge = (1, -1) if compact else (3, 1)
        ws, full = [], []
        for i, c in enumerate(self.columns):
            w = self._full(i)
            full.append(w)
            if c.max_width is not None:
                w = min(w, max(c.max_width, c.min_width))
            ws.append(w)
        if max_total is None:  # a pipe or a file: whole cells, but one absurd cell does not pad every row to it
            return [min(w, PIPE_CAP) for w in ws]
        floors = [max(c.min_width, min(width(c.header), 4), 1) for c in self.columns]
        # too narrow for every column to say something (a column that may be left out needs 8, 牵头单… not 牵…):
        # leave columns out, least needed first
        # a figure (剩余/逾期, 完成: no max_width) is shown whole or not at all; text may be cut to 8
        # the long text (a task's title) is what the table is for: 24 columns of it before any other column is kept
        # (laid out without the box, a column kept whole is as wide as it is: a 32-character plan id leaves the title
        # less, and the columns that may go then go first)
        useful = [(min(ws[i], max(floors[i], 8)) if c.max_width else ws[i]) if c.drop
                  else min(ws[i], max(floors[i], 24)) if c.flexible else ws[i] if compact and c.whole else floors[i]
                  for i, c in enumerate(self.columns)]
        for i, c in sorted((ic for ic in enumerate(self.columns) if ic[1].drop), key=lambda ic: ic[1].drop):
            if sum(f for f, w in zip(useful, ws) if w) + gap * sum(1 for w in ws if w) + edge <= max_total:
                break
            ws[i] = 0
        fits = sum(u for u, w in zip(useful, ws) if w) + gap * sum(1 for w in ws if w) + edge <= max_total
        # shrink no column below what keeping it was counted at (very narrow: the title gives way too)
        least = floors
        floors = [useful[i] if c.drop or (c.flexible and fits) else f for i, (c, f) in enumerate(zip(self.columns, floors))]
        if compact:  # the essentials whole, the long text down to a word or two (根据…)
            floors = [ws[i] if c.whole else min(f, 4) if c.flexible and not fits else f for i, (c, f) in enumerate(zip(self.columns, floors))]
        over = sum(ws) + gap * sum(1 for w in ws if w) + edge - max_total
        # shrink the long text first, then the columns that would be left out first
        # (compact and still too wide, under 40 columns or so: then the essentials too, as the box does)
        for floors in (floors, least) if compact else (floors,):
            for i, c in sorted(enumerate(self.columns), key=lambda ic: (not ic[1].flexible, ic[1].drop or 1 << 20)):
                if over <= 0 or not ws[i]:
                    continue
                cut = min(over, ws[i] - floors[i])
                if cut > 0:
                    ws[i] -= cut
                    over -= cut
        # a wide terminal: the long text gets the room there is, then a capped column (牵头单位) what is left
        for i, c in sorted(enumerate(self.columns), key=lambda ic: not ic[1].flexible):
            if over < 0 and (c.flexible or c.max_width is not None) and ws[i] and full[i] > ws[i]:
                grow = min(-over, full[i] - ws[i])
                ws[i] += grow
                over += grow
        return ws

    def render(self, color: bool = False, max_total: int | None = None) -> str:
        ws = self.widths(max_total)
        if max_total is not None and any(c.whole for c in self.columns) and (
                sum(ws) + 3 * sum(1 for w in ws if w) + 1 > max_total
                or any(c.whole and w < self._full(i) for i, (c, w) in enumerate(zip(self.columns, ws)))):
            return self._compact(self.widths(max_total, compact=True), color)
        shown_cols = [i for i, w in enumerate(ws) if w]
        columns = [self.columns[i] for i in shown_cols]
        ws = [ws[i] for i in shown_cols]
        heads = _header_rows(columns, ws)
        lines = [
            "┏" + "┳".join("━" * (w + 2) for w in ws) + "┓",
            *("┃" + "┃".join(" " + _fit(h, w, c.justify, c.header_style or "bold", color) + " " for c, h, w in zip(columns, row, ws)) + "┃"
              for row in heads),
            "┡" + "╇".join("━" * (w + 2) for w in ws) + "┩",
        ]
        for cells, styles in self.rows:
            parts = []
            for i, c, w in zip(shown_cols, columns, ws):
                parts.append(" " + _fit(cells[i], w, c.justify, styles[i] if i < len(styles) else None, color) + " ")
            lines.append("│" + "│".join(parts) + "│")
        lines.append("└" + "┴".join("─" * (w + 2) for w in ws) + "┘")
        return "\n".join(lines) + "\n"

    def _full(self, i: int) -> int:
        """Column i's width with every cell whole."""
        return max([width(self.columns[i].header), self.columns[i].min_width, *(width(r[0][i]) for r in self.rows)])

    def _compact(self, ws: list[int], color: bool) -> str:
        """A terminal too narrow for the box (each column costs 3 more): a row is still one line, the
        columns a space apart, a rule under the headers (as taskwarrior's narrow reports)."""
        shown_cols = [i for i, w in enumerate(ws) if w]
        ws_shown = [ws[i] for i in shown_cols]
        columns = [self.columns[i] for i in shown_cols]
        heads = [" ".join(_fit(h, w, c.justify, c.header_style or "bold", color) for c, h, w in zip(columns, row, ws_shown)).rstrip()
                 for row in _header_rows(columns, ws_shown)]
        lines = [*heads, "─" * (sum(ws_shown) + len(ws_shown) - 1)]
        for cells, styles in self.rows:
            lines.append(" ".join(_fit(cells[i], w, self.columns[i].justify, styles[i] if i < len(styles) else None, color)
                                  for i, w in zip(shown_cols, ws_shown)).rstrip())
        return "\n".join(lines) + "\n"


def _header_rows(columns: list[Column], ws: list[int]) -> list[list[str]]:
    """The header line(s): a header wider than its column goes on over lines (已逾 / 期, as rich does), never cut
    to “已…”, which 已逾期 and 已完成 (or 长期·未报告 and 长期·已报告) would both read as."""
    parts = [_wrapped(c.header, w) for c, w in zip(columns, ws)]
    rows = max((len(p) for p in parts), default=1)
    return [[p[k] if k < len(p) else "" for p in parts] for k in range(rows)]


def _wrapped(text: str, w: int) -> list[str]:
    if width(text) <= w or w < 2:
        return [text]
    out = [""]
    for ch in text:
        if out[-1] and width(out[-1] + ch) > w:
            out.append("")
        out[-1] += ch
    return out


def _fit(text: str, w: int, justify: str, style: str | None, color: bool) -> str:
    text = truncate(text, w)
    pad = w - width(text)
    body = paint(text, style, color)
    if justify == "right":
        return " " * pad + body
    if justify == "center":
        return " " * (pad // 2) + body + " " * (pad - pad // 2)
    return body + " " * pad


def terminal_width(stream: IO[str] | None = None) -> int | None:
    """The terminal's width when writing to one; else $COLUMNS when set (as ls does), else None
    (no limit: pipes and files get whole cells)."""
    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            cols = os.environ.get("COLUMNS", "")
            return int(cols) if cols.isdigit() and int(cols) >= 20 else None
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return None
