"""`gk lint --fix`: safe rewrites of single scalar values, every other byte kept.

A fixable rule yields `Edit(file, path, old, new)`: "the scalar at `path` reads
`old`; write `new`". Each edit replaces exactly the characters of that scalar in
the file's text, found from the node's position, in the quoting style it was
written in. Comments, blank lines, key order, indentation, flow lists, CRLF line
ends and a BOM are untouched because nothing else is rewritten.

(ruamel.yaml's round-trip dump was tried first: on the built-in xh2021.yaml one
changed unit re-indents every list and folds every long line, hundreds of lines
of diff. A span edit cannot touch what it does not replace.)

Every file's result is read back with gk's own reader and must equal the old
data with exactly the edited values changed; otherwise the file is left alone
and the edit is reported as skipped. Writes are atomic (a temporary file in the
same folder, then os.replace) and refuse a file that changed since it was read.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .. import yamlio
from ..errors import GkError, os_reason

BOM = b"\xef\xbb\xbf"
# what libyaml counts as a line break (its marks count lines by these)
_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
# a plain scalar ends at one of these (or the line's end)
_PLAIN_END = set(" \t,]}#")
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESERVED = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off"}


@dataclass(frozen=True)
class Edit:
    file: str
    path: tuple
    old: str
    new: str
    code: str = ""
    title: str = ""  # what the fix does, in Chinese (shown when it is skipped)


@dataclass
class FileFix:
    file: str
    before: bytes
    after: bytes
    edits: list[Edit]

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        a = _decode(self.before).splitlines(keepends=True)
        b = _decode(self.after).splitlines(keepends=True)
        lines = list(difflib.unified_diff(a, b, f"a/{self.file}", f"b/{self.file}"))
        return "".join(x if x.endswith(("\n", "\r")) else x + "\n\\ No newline at end of file\n" for x in lines)


@dataclass
class FixResult:
    files: list[FileFix] = field(default_factory=list)
    skipped: list[tuple[Edit, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(f.edits) for f in self.files if f.changed)


def _decode(raw: bytes) -> str:
    return raw.removeprefix(BOM).decode("utf-8", errors="replace")


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    for p in path[:-1]:
        data = data[p]
    data[path[-1]] = value


_MISSING = object()
UNREADABLE = "无法读取文件"  # a skipped edit's reason when the file could not be read (an I/O failure, as a refused write)


def _plain_ok(value: str) -> bool:
    if value in _RESERVED or value != value.strip() or not value:
        return False
    if value[0] in _PLAIN_BAD_START or any(c in value for c in ",[]{}#\n\r\t\\\"'"):
        return False
    if ": " in value or value.endswith(":"):
        return False
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # gk reads a plain ISO date as its text, like every date in the data
        return True
    return not re.fullmatch(r"[-+.0-9:_eE]+", value)  # would read as a number elsewhere


def _double(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _span(line: str, col: int, old: str) -> tuple[int, int, str] | None:
    """(start, end, style) of the scalar `old` written at `col` (0-based) of `line`, if it is there."""
    s = line[col:]
    for style, written in (("double", _double(old)), ("double", f'"{old}"'), ("single", _single(old))):
        if s.startswith(written):
            return col, col + len(written), style
    if s.startswith(old):
        end = col + len(old)
        rest = line[end:]
        if not rest or rest[0] in _PLAIN_END or _BREAK.match(rest):
            return col, end, "plain"
    return None


def _render(new: str, style: str) -> str:
    if style == "single":
        return _single(new)
    if style == "plain" and _plain_ok(new):
        return new
    return _double(new)


def plan(root: Path, edits: Iterable[Edit]) -> FixResult:
    """Work out every file's new bytes without writing anything."""
    result = FixResult()
    by_file: dict[str, dict[tuple, Edit]] = {}
    for e in edits:
        by_file.setdefault(e.file, {}).setdefault(tuple(e.path), e)
    for file in sorted(by_file):
        es = list(by_file[file].values())
        try:
            raw = (root / file).read_bytes()
        except OSError as err:
            result.skipped += [(e, f"{UNREADABLE}：{os_reason(err)}") for e in es]
            continue
        doc, problems = yamlio.read(raw)
        if doc is None or any(p.code != "GK103" for p in problems):
            result.skipped += [(e, "文件有读取错误，先改正它") for e in es]
            continue
        text = doc.text
        parts = _BREAK.split(text)
        breaks = _BREAK.findall(text)
        expected = copy.deepcopy(doc.data)
        done: list[Edit] = []
        placed = []
        for e in es:
            if _get(doc.data, e.path) != e.old:
                result.skipped.append((e, "文件内容已变，未修改"))
                continue
            line, col = doc.locate(e.path)
            if not (1 <= line <= len(parts)):
                result.skipped.append((e, "找不到该值的位置"))
                continue
            sp = _span(parts[line - 1], col - 1, e.old)
            if sp is None:
                result.skipped.append((e, "该值跨行或写法特殊，请手工修改"))
                continue
            placed.append((line, sp, e))
        # right to left within a line, so earlier columns stay valid
        for line, (start, end, style), e in sorted(placed, key=lambda x: (x[0], x[1][0]), reverse=True):
            s = parts[line - 1]
            parts[line - 1] = s[:start] + _render(e.new, style) + s[end:]
            _set(expected, e.path, e.new)
            done.append(e)
        if not done:
            continue
        new_text = "".join(p + (breaks[i] if i < len(breaks) else "") for i, p in enumerate(parts))
        after = (BOM if raw.startswith(BOM) else b"") + new_text.encode("utf-8")
        check, probs = yamlio.read(after)
        if check is None or check.data != expected:
            result.skipped += [(e, "改写后读回的内容与预期不符，未修改") for e in done]
            continue
        result.files.append(FileFix(file, raw, after, sorted(done, key=lambda e: doc.locate(e.path))))
    return result


def leave_history(edits: list[Edit], today: Any, window_days: int, changes: dict[str, str] | None = None,
                  committed: dict[str, Any] | None = None, current: dict[str, Any] | None = None) -> tuple[list[Edit], list[Edit]]:
    """The edits to make, and those left: in a progress file whose quarter has closed by `today`
    (`window_days` after its last day, as GK407 judges) an edit of what was already submitted is a
    change of history only the office may merge (GK407).

    With --base (`changes`): a closed quarter's file is fixed only when the branch adds it (A, a late
    filing). Without: `committed` maps each closed quarter's file to its data in HEAD (None: HEAD has
    no such file), `current` to its data now; an edit is left when what it rewrites is committed (an
    entry HEAD's file holds as it is, a header value HEAD has): a file not yet committed, or entries
    added to it since, are a new submission and fixed. `committed` None: no git repository or no
    commit yet, so nothing is history and everything is fixed (GK407 is a check of git's history)."""
    from ..periods import quarter_of_file

    def closed(file: str) -> bool:
        q = quarter_of_file(file)
        return q is not None and today > q.closes_on(window_days)

    def history(e: Edit) -> bool:
        if changes is not None:
            return changes.get(e.file) != "A"
        if committed is None:
            return False
        if e.file not in committed:  # HEAD's version could not be read: nothing told apart, all of it kept
            return True
        head, now = committed[e.file], (current or {}).get(e.file)
        if head is None:
            return False  # not in HEAD: untracked or only added, a new submission
        if not isinstance(head, dict) or not isinstance(now, dict):
            return True
        if e.path[0] == "entries" and len(e.path) > 1:
            entries = head.get("entries")
            return isinstance(entries, list) and _get(now, e.path[:2]) in entries
        return _get(head, e.path[:1]) == _get(now, e.path[:1])

    kept: list[Edit] = []
    left: list[Edit] = []
    for e in edits:
        (left if closed(e.file) and history(e) else kept).append(e)
    return kept, left


def write(root: Path, result: FixResult) -> list[str]:
    """Write the planned files atomically. Returns the files it did not write, and why (changed
    on disk meanwhile, read-only, no space)."""
    from ..write import atomic

    refused: list[tuple[str, str]] = []  # (file, why): each file on its own, the others still written
    for ff in result.files:
        if not ff.changed:
            continue
        target = root / ff.file
        try:
            atomic.confine(root, target)
            # under the folder's lock, as gk progress add writes: an entry it adds meanwhile, or a
            # hand edit, makes this file's fix refused (expect), never silently undone
            with atomic.locked(target.parent):
                atomic.replace(target, ff.after, expect=ff.before)
        except atomic.Changed:
            refused.append((ff.file, "读取后文件已被改动，请重新运行"))
        except GkError as e:
            refused.append((ff.file, e.message))
        except OSError as e:  # read-only, disk full: this file stays as it was
            refused.append((ff.file, os_reason(e)))
    return refused


def collect(ctx, rules) -> list[Edit]:
    """The edits of the given fixable rules."""
    out: list[Edit] = []
    for rule in rules:
        if rule.fixes is None:
            continue
        ctx.rule = rule
        try:
            out.extend(rule.fixes(ctx))
        finally:
            ctx.rule = None
    return out
