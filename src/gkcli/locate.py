"""Where a node of a plain block-style file is, read off its lines.

A file the fast path read has no node positions; libyaml can compose it again for
them, at ≈ 0.1 ms a file, which is most of a cold `gk lint` that reports on many
files. Data files are block mappings and sequences of one-line scalars, so the
line a path leads to can be found by indentation alone. Anything less plain (block
or multi-line scalars, quoted keys, a path into a flow collection, a value that does
not read back as the data has it) answers None, and libyaml decides.
tests/test_yamlio_fuzz.py holds the answers to libyaml's marks.
"""

from __future__ import annotations

import re
from typing import Any

from .yamlio import _COMMENT_LINE

_BLOCK_SCALAR = re.compile(r"(?:^|[ :-])[|>][-+0-9]*[ ]*(?:#.*)?$", re.M)
_QUOTED = re.compile(r"""'(?:[^'\n]|'')*'|"(?:[^"\\\n]|\\.)*\"""")


class Lines(list):
    """A file's lines, with each block node's entries indexed once they are first looked
    up: a walk to item n of a long list then costs no scan (thousands of findings in one
    file, each located, would otherwise rescan the list: quadratic)."""

    __slots__ = ("blocks",)

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.blocks: dict[tuple[str, int, int], Any] = {}


def plain_lines(text: str) -> Lines | None:
    """The text's lines, if it is plain enough to be walked by them: no block scalar,
    and every quote closed on its own line (an apostrophe in plain text says no too)."""
    if ("|" in text or ">" in text) and _BLOCK_SCALAR.search(text):  # (the regex alone scans slowly)
        return None
    if "'" in text or '"' in text:
        bare = _COMMENT_LINE.sub("", text) if "#" in text else text  # a comment may say anything
        if "'" in (t := _QUOTED.sub("", bare)) or '"' in t:
            return None
    return Lines(text.split("\n"))


def _content(lines: list[str], i: int) -> int:
    """The index of the first line from i that holds content (not blank, not a comment)."""
    while i < len(lines):
        s = lines[i].lstrip(" ")
        if s and not s.startswith("#"):
            return i
        i += 1
    return i


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _scalar_ok(rest: str, value: Any) -> bool:
    """Does the text `rest` (from a value's first character) read as `value`?"""
    if type(value) is str and rest[:1] in ("'", '"'):
        q = _QUOTED.match(rest)
        if q is None:
            return False
        inner = q.group()[1:-1]
        if rest[0] == "'":
            return inner.replace("''", "'") == value
        return "\\" not in inner and inner == value
    plain = rest.split(" #", 1)[0].rstrip(" ")
    if type(value) is str:
        return plain == value and plain != ""
    return plain in _SPELLINGS.get(value, ())


_SPELLINGS = {True: ("true", "True", "TRUE"), False: ("false", "False", "FALSE"), None: ("null", "Null", "NULL", "~")}


def _node_start(lines: list[str], i: int, col: int, value: Any, parent_col: int, in_seq: bool) -> tuple[int, int] | None:
    """Where the value that follows an indicator (a key's colon, or an item's dash)
    ending at column `col` of line i starts: on that line, or on a later one."""
    line = lines[i]
    rest = line[col:].lstrip(" ")
    if rest and not rest.startswith("#"):
        return i, len(line) - len(rest)
    j = _content(lines, i + 1)
    if j >= len(lines):
        return None
    c = _indent(lines[j])
    if c > parent_col or (c == parent_col and not in_seq and lines[j][c:c + 2] in ("- ", "-") and type(value) is list):
        return j, c
    return None  # an empty value: libyaml puts the null where it likes


def walk(lines: Lines, data: Any, path: tuple, key: bool) -> tuple[int, int] | None:
    """1-based (line, col) of the node at `path` (or of its nearest existing parent, as
    Doc.locate answers), or None when the lines do not say for sure."""
    i = _content(lines, 0)
    if i >= len(lines):
        return None
    col = _indent(lines[i])
    value = data
    best = (i + 1, col + 1)
    for n, step in enumerate(path):
        if type(value) is dict and isinstance(step, str):
            if step not in value:
                return best
            found = _find_key(lines, i, col, step)
            if found is None:
                return None
            i = found
            if key and n == len(path) - 1:
                return i + 1, col + 1
            value = value[step]
            start = _node_start(lines, i, col + len(step) + 1, value, col, False)
        elif type(value) is list and isinstance(step, int) and not isinstance(step, bool):
            if not 0 <= step < len(value):
                return best
            found = _find_item(lines, i, col, step)
            if found is None:
                return None
            i = found
            value = value[step]
            start = _node_start(lines, i, col + 1, value, col, True)
        else:
            return best
        if start is None:
            return None
        i, col = start
        rest = lines[i][col:]
        if type(value) is dict:
            if rest[:1] == "{":
                return (i + 1, col + 1) if n == len(path) - 1 else None
            first = next(iter(value), None)
            if not isinstance(first, str) or not rest.startswith(first + ":"):
                return None
        elif type(value) is list:
            if rest[:1] == "[":
                return (i + 1, col + 1) if n == len(path) - 1 else None
            if rest[:2] not in ("- ", "-") or not value:
                return None
        elif n != len(path) - 1 or not _scalar_ok(rest, value):
            return None
        best = (i + 1, col + 1)
    return best


def _block(lines: list[str], i: int, col: int):
    """(line, text from `col`) of each entry of the block node whose first entry is at
    (i, col): that line, then every later line indented exactly `col` (deeper lines are
    the entries' own content; a shallower one ends the node)."""
    yield i, lines[i][col:]
    for j in range(i + 1, len(lines)):
        line = lines[j]
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        c = len(line) - len(stripped)
        if c < col:
            return
        if c == col:
            yield j, stripped


_KEY_END = re.compile(":(?= |$)")


def _find_key(lines: Lines, i: int, col: int, step: str) -> int | None:
    """The line of the key `step` in the block mapping whose first key is at (i, col):
    the first of its lines that starts with `step:` and a space or the line's end."""
    keys = lines.blocks.get(("map", i, col))
    if keys is None:
        keys = lines.blocks["map", i, col] = {}
        for j, s in _block(lines, i, col):
            for m in _KEY_END.finditer(s):  # every prefix such a line starts with
                keys.setdefault(s[:m.start()], j)
    return keys.get(step)


def _find_item(lines: Lines, i: int, col: int, index: int) -> int | None:
    """The line of item `index` of the block sequence whose first dash is at (i, col)."""
    items = lines.blocks.get(("seq", i, col))
    if items is None:
        items = lines.blocks["seq", i, col] = []
        for j, s in _block(lines, i, col):
            if s[:2] != "- " and s != "-":
                break  # the sequence ended (a same-indent key of the parent follows)
            items.append(j)
    return items[index] if index < len(items) else None
