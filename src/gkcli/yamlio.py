"""Located YAML reading.

Every data file becomes a `Doc`: plain Python values (dict / list / str / bool /
None) plus a way to find the line and column of any node by its path
(`("tasks", 3, "units", 0)`).

Value semantics are gk's own, the same on both read paths: a scalar is its text,
except a plain `true`/`false` (bool) and a plain empty, `~` or `null` (None).
Numbers and dates stay text until the schema asks for an int or a date, so
`note: 010` keeps its zero and `deadline: 2022-06` is never mistaken for
anything else.

Two read paths give the same values:
- fast: rapidyaml (C++) parses and emits JSON, which the C JSON decoder reads.
  It gives no node positions, so a `Doc` read this way finds positions lazily,
  by composing the file once with libyaml, only when something asks for one.
- exact: libyaml through PyYAML's C composer, with every node's mark. Used for
  any file the fast path could read differently (anchors, tags, tabs, `~`, CR,
  BOM, ...) and for every file the fast path rejects, so errors are always
  libyaml's, with libyaml's positions.
Nothing here raises on bad input: problems come back as `Problem`s.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 2 * 1024 * 1024  # a hand-written data file is a few KB; refuse the rest unread
MAX_DEPTH = 32  # gk's records nest 6 deep; deeper is a bomb or a mistake
MAX_NODES = 200_000

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """A reading problem: a finding before it has a file name."""

    code: str
    message: str
    hint: str = ""
    line: int = 1
    col: int = 1


@dataclass
class Doc:
    data: Any
    text: str
    _marks: dict[Path, tuple[int, int]] | None = None
    _keymarks: dict[Path, tuple[int, int]] | None = field(default=None)
    json: str | None = field(default=None, repr=False, compare=False)  # what the fast path decoded `data` from

    def _ensure_marks(self) -> None:
        if self._marks is None:
            node = _compose(self.text)
            conv = _Converter(_placer(self.text))
            try:
                conv.convert(node, ())
            except _Stop:  # a limit the fast path did not check: keep the marks found so far
                pass
            self._marks, self._keymarks = conv.marks, conv.keymarks

    def locate(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at `path`, or of its nearest existing parent.

        With `key`, the position of the mapping key rather than its value.

        A Doc read by the fast path has no marks: the first call composes the text
        with libyaml once and later calls walk that node tree along their path only
        (the whole-tree conversion cost more than the composing). Answers are kept
        in `located`, which the cache stores with the file's records."""
        p = tuple(path)
        memo = self.__dict__.get("_located")
        if memo is None:
            memo = self.__dict__["_located"] = {}
        hit = memo.get((p, key))
        if hit is not None:
            return hit
        if self._marks is not None:
            assert self._keymarks is not None
            q = p
            if key and q in self._keymarks:
                hit = self._keymarks[q]
            else:
                while q and q not in self._marks:
                    q = q[:-1]
                hit = self._marks.get(q, (1, 1))
        else:
            hit = self._walk(p, key)
        memo[(p, key)] = hit
        return hit

    @property
    def located(self) -> dict[tuple[Path, bool], tuple[int, int]]:
        """Every (path, key) → (line, col) answered so far."""
        return self.__dict__.setdefault("_located", {})

    def _walk(self, p: Path, key: bool) -> tuple[int, int]:
        lines = self.__dict__.get("_lines", _SLOW)
        if lines is _SLOW:
            from .locate import plain_lines

            lines = self.__dict__["_lines"] = plain_lines(self.text)
        if lines is not None:  # a plain file: its lines say where, without composing it again
            from .locate import walk

            hit = walk(lines, self.data, p, key)
            if hit is not None:
                return hit
        return self._compose_walk(p, key)

    def _compose_walk(self, p: Path, key: bool) -> tuple[int, int]:
        import yaml

        root = self.__dict__.get("_root", _SLOW)
        if root is _SLOW:
            try:
                root = _compose(self.text)
            except (yaml.YAMLError, RecursionError):
                root = None
            self.__dict__["_root"] = root
        if root is None:
            return (1, 1)
        node = root
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        keyed = self.__dict__.setdefault("_keyed", {})  # id(mapping node) → its keys: no rescan per path
        for i, step in enumerate(p):
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                keys = keyed.get(id(node))
                if keys is None:  # the last of duplicate keys wins, as in the data
                    keys = keyed[id(node)] = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
                found = keys.get(step)
                if found is None:
                    break
                if key and i == len(p) - 1:
                    return (found[0].start_mark.line + 1, found[0].start_mark.column + 1)
                node = found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                break
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best

    @classmethod
    def cached(cls, load_text: Any, located: dict | None = None) -> "Doc":
        """A Doc whose text is read (by `load_text()`), and values read again from it,
        only when something needs them (the cache keeps a file's records, not its values)."""
        doc = cls.__new__(_LazyDoc)
        doc.__dict__.update(_data=_SLOW, _text=None, _load_text=load_text, _marks=None, _keymarks=None, json=None, _located=located if located is not None else {})
        return doc


class _LazyDoc(Doc):
    @property  # type: ignore[override]
    def data(self) -> Any:
        d = self.__dict__["_data"]
        if d is _SLOW and self.json is not None:  # what the fast path read (the cache, repo._load_in_two)
            d = self.__dict__["_data"] = _from_json(self.json)
        if d is _SLOW:
            d = _fast(self.text)
            if d is _SLOW:
                doc, _ = _exact(self.text)
                d = doc.data if doc is not None else None
            self.__dict__["_data"] = d
        return d

    @data.setter
    def data(self, value: Any) -> None:
        self.__dict__["_data"] = value

    @property  # type: ignore[override]
    def text(self) -> str:
        if self.__dict__["_text"] is None:
            self.__dict__["_text"] = self.__dict__["_load_text"]() or ""
        return self.__dict__["_text"]

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["_text"] = value


# what a file that is no text at all starts with: said as what it is, not as an encoding
_NOT_TEXT = ((b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"), (b"%PDF", "PDF 文件"),
             (b"PK\x03\x04", "压缩包或 Word/Excel 文件（.docx、.xlsx）"), (b"\xd0\xcf\x11\xe0", "旧版 Word/Excel 文件（.doc、.xls）"))
_SAVE_AS_UTF8 = "用记事本或 WPS 打开，“另存为”时编码选 UTF-8"


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Bytes to text. UTF-8 (with or without BOM) only; name GBK files, UTF-16 files and
    files that are no text (an image, a Word file) as such."""
    for magic, what in _NOT_TEXT:
        if raw.startswith(magic):
            return None, Problem("GK102", f"这不是文本文件，看起来是 {what}", "删除该文件：数据只写在 .yaml 文本文件中（Word、Excel 的任务表可用 gk import 导入）", 1, 1)
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, Problem("GK102", "文件是 UTF-32 编码，不是 UTF-8", f"{_SAVE_AS_UTF8}", 1, 1)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("GK102", "文件是 UTF-16 编码（记事本的“Unicode”），不是 UTF-8", f"{_SAVE_AS_UTF8}（不要选 Unicode 或 UTF-16）", 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            guess, hint = "看起来是 GBK/GB18030 编码（Windows 记事本、WPS 的默认编码）", f"{_SAVE_AS_UTF8}；或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件"
        except UnicodeDecodeError:
            guess, hint = "不是有效的文本编码", f"若是文本文件，{_SAVE_AS_UTF8}；否则删除该文件"
        return None, Problem("GK102", f"文件不是 UTF-8 编码：{guess}", hint, line, 1)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem("GK102", "文件含有 NUL 字节，不是文本文件", "删除该文件，或重新以 UTF-8 文本保存", line, 1)
    return text, None


def read(raw: bytes) -> tuple[Doc | None, list[Problem]]:
    """Read one file's bytes into a Doc, or the problems that stop it."""
    if len(raw) > MAX_BYTES:
        return None, [
            # only the first MAX_BYTES + 1 bytes are ever read: the size is "over the limit", not a figure
            Problem("GK107", f"文件过大（超过上限 {MAX_BYTES // 1024} KB），未读取", "把数据拆分到多个文件")
        ]
    text, problem = decode(raw)
    if problem:
        return None, [problem]
    assert text is not None
    data, js = _fast_json(text)
    if data is _TOO_MANY:
        return None, [Problem("GK107", f"文件节点过多（超过 {MAX_NODES:,} 个），未读取", "把数据拆分到多个文件")]
    if data is not _SLOW:
        return Doc(data, text, json=js), []
    return _exact(text)


# --- fast path -------------------------------------------------------------

_SLOW = object()
_TOO_MANY = object()
_QUIET = False  # True while quiet_parser(): fd 2 is already set aside
# Anything whose meaning rapidyaml and libyaml might not share goes the exact way.
_SLOW_MARKS = ("~", "\t", "\r", "\ufeff", "<<", "\n---", "\n...", "? ", "\\",
               "\x85", "\u2028", "\u2029")  # libyaml (YAML 1.1) breaks lines at NEL, LS and PS too


def _fast(text: str) -> Any:
    """The text's values, read by rapidyaml; _SLOW when libyaml must read it."""
    data = _fast_json(text)[0]
    return _SLOW if data is _TOO_MANY else data


def _fast_json(text: str) -> tuple[Any, str | None]:
    """_fast's values, and the JSON rapidyaml wrote them as (a cheaper thing to send)."""
    if not text.strip() or text.startswith(("---", "%", "...")) or "\t" in text or "\r" in text:
        return _SLOW, None
    if not text.endswith("\n") and ("|" in text or ">" in text):  # a block scalar at the very end: rapidyaml
        return _SLOW, None  # adds the line break the file lacks (`note: |` + `  块`: 块\n, libyaml 块)
    # Most files are lines of one plain form (key: value, - item, # comment) that no guard
    # below could fire on: one pass of a regex says so for half of what the guards cost.
    plain = _plain(text)
    if not plain and _UNPRINTABLE.search(text):  # rapidyaml takes raw control characters; libyaml says where (GK101)
        return _SLOW, None  # (_plain has asked)
    if _maybe_deep(text):  # libyaml has a nesting limit; rapidyaml's emitter prints and fails
        return _SLOW, None
    # Each guard below only ever sends a file the exact way, so they may be generous.
    # They look at the whole text first; only when one fires are whole-line comments
    # (which may say anything) set aside and the guards asked again. (A "#" line inside
    # a block scalar is content, but text there is literal to both parsers.)
    if not plain and _risky(text) and ("#" not in text or _risky(_COMMENT_LINE.sub("", text))):
        return _SLOW, None
    try:
        import ryml
    except ImportError:  # an install without the wheel still works, only slower
        return _SLOW, None
    try:
        with _quiet_stderr():  # rapidyaml prints its parse errors to fd 2 before raising
            tree = ryml.parse_in_arena(text.encode("utf-8"))
            if tree.size() > MAX_NODES:  # a bomb of a list: said at once, never converted or located
                return _TOO_MANY, None
            js = ryml.emit_json(tree)
        data = _from_json(js)
    except Exception:  # any disagreement: let libyaml say what is wrong, and where
        return _SLOW, None
    # A duplicate key collapses in the dict, which then has fewer nodes than the tree
    # (counting afterwards costs a tenth of an object_pairs_hook on every mapping).
    if _count(data) != tree.size():
        return _SLOW, None
    return data, js


def _glued(order: list[tuple[str, tuple[int, int]]]) -> list[tuple[str, tuple[int, int]]]:
    """The first key of each list item glued onto the one before (its "- " forgotten): the keys split where one
    comes again into runs, each after the first holding the mapping's first key (an item's id or task), in any
    order, and at least two keys of the first run (one key twice is just that); a key the first lacks
    (evidence) may be among them. [] when they do not split so."""
    names = [k for k, _ in order]
    starts, seen = [], set()
    for i, k in enumerate(names):
        if k in seen:
            starts.append(i)
            seen = set()
        seen.add(k)
    if not starts:
        return []
    first = set(names[:starts[0]])
    runs = [names[a:b] for a, b in zip(starts, [*starts[1:], len(names)])]
    if all(names[0] in run and len(set(run) & first) >= 2 for run in runs):
        return [order[i] for i in starts]
    return []


def _from_json(js: str) -> Any:
    """gk's values of rapidyaml's JSON: numbers stay text (see the module's docstring).
    rapidyaml writes a float as JSON spells it (.5 as 0.5, 5. as 5.0): a text with one
    goes the exact way, where it stays as written (ValueError: _fast's "disagreement")."""
    return json.loads(js, parse_int=str, parse_float=_no_float, parse_constant=str)


def _no_float(text: str) -> Any:
    raise ValueError("a float: libyaml keeps its spelling")


def _risky(text: str) -> bool:
    """Could rapidyaml and libyaml read this text differently?"""
    for m in _SLOW_MARKS:  # (a loop, not any(…): this runs for every file of every cold run)
        if m in text:
            return True
    return _lenient(text) or _multiline_flow(text)


def _plain(text: str) -> bool:
    """Is every line of this text in _PLAIN_LINES' forms? Then _risky finds nothing in it
    (tests/test_yamlio_fuzz.py checks that this never says yes where it would), at half its cost."""
    if _PLAIN_LINES.fullmatch(text) is None or _UNPRINTABLE.search(text) or _nan_inf(text):
        return False
    for m in _NOT_ASCII_MARKS:
        if m in text:
            return False
    return True


def _nan_inf(text: str) -> bool:
    guard, rx = _LENIENT[_NAN_INF]
    return any(g in text for g in guard) and rx.search(text) is not None


_UNICODE_BREAK = re.compile("[\x85\u2028\u2029]")
# what YAML does not allow in a stream, raw (libyaml refuses it: "unacceptable character")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_DEEP_LINE = re.compile(r"(?:- +){%d,}" % (MAX_DEPTH // 2))


_COMMENT_LINE = re.compile(r"^ *#[^\n]*$", re.M)
_IND = "[?:%@`!&*\\]},]"  # indicators that may not start a plain scalar (or mark a key, tag, anchor, alias)
_LENIENT = [  # forms rapidyaml reads and libyaml refuses or reads otherwise; each found by tests/test_yamlio_fuzz.py
    (None, re.compile("\n[ -]*" + _IND)),  # an indicator (or an empty key) where a line's key or value starts
    (None, re.compile(": *" + _IND)),  # … where a value starts, or a colon right before a flow indicator
    (None, re.compile("(?:, *" + _IND + "|\\[ *" + _IND.replace("\\]", "") + "|\\{ *" + _IND.replace("}", "") + ")")),  # … where a flow item starts ([] and {} are empty, not odd)
    (None, re.compile("['\"\\]}] +[^\\s#:,\\]}]")),  # more after a closing quote or bracket (in text: only slower)
    ((" '", ' "'), re.compile("[^\\s\\[{,:?-] +['\"]")),  # a quote after plain text
    (("nan", "inf", ".N", ".I"), re.compile("(?<![\\w.])[-+]?\\.?(?i:nan|inf)(?!\\w)")),  # JSON gets .nan / .inf
    # a block scalar's header with more than a comment after it (`note: |2 text`, `- |2task: x`):
    # libyaml refuses it, rapidyaml dropped that line's text
    (("|", ">"), re.compile("(?:^|[:-] )[ -]*[|>][-+0-9]*+(?! +#| *$)", re.M)),
]


_NAN_INF = 5  # the _LENIENT guard the plain forms cannot rule out (a value may be the word `inf`)
assert "nan" in _LENIENT[_NAN_INF][0]  # type: ignore[operator]
_FIRST_LINE = re.compile("[ -]*" + _IND)

# The plain forms: `key: value`, `- key: value`, `- value`, `key:`, a comment, a blank line,
# every line ending in a line break. A value is plain text, quoted text or a one-line flow
# list of such, and holds no YAML indicator, quote, bracket, ASCII control character or other
# character a guard of _risky looks for (": " neither: a colon only before a letter, digit or /,
# as in a URL or a time); the characters beyond ASCII that a guard looks for are _plain's own
# test (a class holding them costs 15 ms to compile). Atomic groups and possessive repeats:
# linear on any text. A bare value only after "- " (else it is a plain scalar's next line).
_BANNED = "\\n:#'\"\\[\\]{}\\\\~?<|>%@`!&*,\\x00-\\x09\\x0b-\\x1f\\x7f"
_TEXT = f"[^{_BANNED}]*+(?::[0-9A-Za-z/][^{_BANNED}]*+)*+"  # a comment
_INNER = f"(?:[^{_BANNED} ]++| ++(?=[^{_BANNED} ])|:[0-9A-Za-z/])*+"  # no space at the end


def _item(q: str) -> str:
    """Plain text, or quoted text (no space at either end: `' a'`, `'a '` make a guard fire) between
    two like quotes (group `q`: the pattern spells each class once, not once per kind of quote)."""
    return f"(?:[^\\s\\-{_BANNED}]{_INNER}|(?P<{q}>['\"])(?:[^{_BANNED} ]{_INNER})?(?P={q}))"


_VALUE = f"(?:{_item('a')}|\\[ *+(?:{_item('b')} *+(?:, *+{_item('c')} *+)*+)?\\])"
_NAME = "[A-Za-z_][A-Za-z0-9_]*+:"
# a line: [- ]key: value, [- ]key:, or - value (each value written once in the pattern: compiling it
# is what a run pays, ≈ 3 ms for the pattern that spelled it out three times)
_LINE = f" *+(?:(?:(?:- ++)?{_NAME} ++|- ++){_VALUE}|(?:- ++)?{_NAME})?"
_PLAIN_LINES = re.compile(f"(?>{_LINE}(?: +#{_TEXT})? *+\\n| *+#{_TEXT}\\n)*+")
_NOT_ASCII_MARKS = tuple(m for m in _SLOW_MARKS if not m.isascii())  # NEL, LS, PS, BOM


def _lenient(text: str) -> bool:
    if _FIRST_LINE.match(text):
        return True
    # a quoted scalar with more glued on: 'a'b (the characters right after each one, found in C)
    if ("'" in text or '"' in text) and not _OK_AFTER_QUOTE.issuperset(_AFTER_QUOTE.findall(text)):
        return True
    for guard, rx in _LENIENT:
        if guard is not None:  # the regex can only match where one of these is
            for g in guard:
                if g in text:
                    break
            else:
                continue
        if rx.search(text):
            return True
    return False


_QUOTED = r"'[^'\n]*'|\"(?:[^\"\\\n]|\\.)*\""
_AFTER_QUOTE = re.compile(f"(?:{_QUOTED})(?=([^\\n]?))")
_OK_AFTER_QUOTE = frozenset([*" :,]}#", ""])  # "": the line or the text ends


def _multiline_flow(text: str) -> bool:
    """Could a flow collection ([…] or {…}) go on past its line? (rapidyaml joins such
    lines more freely than libyaml.) Flat collections closed on their own line are taken
    out, innermost first; any bracket left over says maybe (a bracket inside quotes too:
    generous, never blind)."""
    opens = text.count("[") + text.count("{")
    if opens == 0 and "]" not in text and "}" not in text:
        return False
    # the common case in one pass: every bracket in a flat collection closed on its line
    if opens == text.count("]") + text.count("}") and len(_FLAT_FLOW.findall(text)) == opens:
        return False
    for _ in range(MAX_DEPTH):
        text, n = _FLAT_FLOW.subn("", text)
        if not n:
            break
    return "[" in text or "{" in text or "]" in text or "}" in text


_FLAT_FLOW = re.compile(r"[\[{][^\n\[\]{}]*[\]}]")


def _maybe_deep(text: str) -> bool:
    """Could this text nest deeper than MAX_DEPTH? Cheap and generous: a yes only
    sends the file to the exact path, which measures the depth and says where."""
    if "\n" + " " * (2 * MAX_DEPTH) in text or ("- - " in text and _DEEP_LINE.search(text)):
        return True
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = top = 0
    for ch in text.translate(_BRACKETS_ONLY):
        depth += 1 if ch in "[{" else -1
        top = max(top, depth)
    return top > MAX_DEPTH


class _BracketsOnly(dict):
    def __missing__(self, key: int) -> None:
        return None


_BRACKETS_ONLY = _BracketsOnly({ord(c): c for c in "[]{}"})


def _count(o: Any) -> int:
    """Nodes in a value; -1 for an empty key (rapidyaml reads "[:]" and ": x", libyaml does not)."""
    n = 1
    if type(o) is dict and "" in o:
        return -1 << 40
    for v in o.values() if type(o) is dict else o if type(o) is list else ():
        n += _count(v) if type(v) is dict or type(v) is list else 1
    return n


class quiet_parser:
    """Around many reads: rapidyaml's error printing is set aside once, not per file."""

    def __enter__(self) -> None:
        global _QUIET
        import threading

        # not while another thread (a progress bar) may be writing to stderr: then per read
        self.q = _quiet_stderr() if not _QUIET and threading.active_count() == 1 else None
        if self.q is not None:
            self.q.__enter__()
            _QUIET = True

    def __exit__(self, *exc: object) -> None:
        global _QUIET
        if self.q is not None:
            _QUIET = False
            self.q.__exit__()


class _quiet_stderr:
    """fd 2 set aside (to /dev/null) while inside; nothing to do inside a quiet_parser."""

    def __enter__(self) -> None:
        import os
        import sys

        self.saved = None
        if _QUIET:
            return
        try:
            sys.stderr.flush()
            self.saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except OSError:
            self.saved = None

    def __exit__(self, *exc: object) -> None:
        import os

        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)


# --- exact path ------------------------------------------------------------


def _compose(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def _exact(text: str) -> tuple[Doc | None, list[Problem]]:
    import yaml

    brk = _UNICODE_BREAK.search(text)
    if brk:  # libyaml (YAML 1.1) breaks a line there, editors and git show none: `note: x<LS>status: done` hid a key
        return None, [Problem("GK101", f"含有看不见的 Unicode 换行符 U+{ord(brk[0]):04X}（常从 Word 或网页复制而来）",
                              "删除该字符；需要换行时另起一行", *_line_col(text, brk.start()))]
    conflict = _conflict_marker(text)
    if conflict is not None:  # a merge left unresolved: both sides are in the file, neither is the data
        return None, [conflict]
    place = _placer(text)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = place(mark) if mark else (1, 1)
        if "nesting depth" in str(getattr(e, "problem", "")):  # libyaml's own limit (1000): said where gk's is passed
            return None, [Problem("GK107", "嵌套层级过深，未读取", f"数据文件不需要超过 {MAX_DEPTH} 层嵌套", *_too_deep(text, line))]
        typed = _typing_slip(e, text, line, col)  # a full-width colon, a Tab…: said as such, where it is
        if typed is not None:
            what, hint, line, col = typed
            return None, [Problem("GK101", f"YAML 语法错误：{what}", hint, line, col)]
        what = _syntax_message(e)
        return None, [Problem("GK101", f"YAML 语法错误：{what}", _syntax_hint(e, text, line), line, col)]
    except yaml.reader.ReaderError as e:  # a character YAML does not allow raw (BS, DEL, C1, U+FFFE): where it is
        m = _UNPRINTABLE.search(text)  # the first one (libyaml's position counts from its buffer)
        char = ord(m[0]) if m else (e.character if isinstance(e.character, int) else 0)
        return None, [Problem("GK101", f"含有不允许的控制字符 U+{char:04X}（可能是从网页或 Word 复制来的）",
                              "删除该字符", *_line_col(text, m.start() if m else 0))]
    except yaml.YAMLError as e:
        return None, [Problem("GK101", f"YAML 语法错误：{e}", "检查缩进与冒号", 1, 1)]
    except RecursionError:
        return None, [Problem("GK107", "嵌套层级过深，未读取", f"数据文件不需要超过 {MAX_DEPTH} 层嵌套")]
    if node is None:
        return Doc(None, text, {(): (1, 1)}, {}), []
    if "!" in text and (tagged := _explicit_tag(text, place)) is not None:
        return None, [tagged]
    conv = _Converter(place)
    try:
        data = conv.convert(node, ())
    except _Stop as stop:
        return None, [stop.problem]
    doc = Doc(data, text, conv.marks, conv.keymarks)
    return doc, conv.problems


# git's conflict markers at a line's start, as pre-commit's check-merge-conflict finds them (and diff3's |||||||)
_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |\r?$)|^={7}\r?$", re.M)


def _conflict_marker(text: str) -> Problem | None:
    """An unresolved merge in the file: said at its <<<<<<< line (else the first marker), not as a
    syntax error on the line after it nor read as values (a marker inside a multi-line flow list
    is a plain scalar). Only the exact way reads it: every conflict has a <<<<<<<, and "<<" sends
    a text here (_SLOW_MARKS), so a plain file pays nothing for this."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text and "|||||||" not in text:
        return None
    found = list(_CONFLICT.finditer(text))
    if not found:
        return None
    first = next((m for m in found if m[0].startswith("<")), found[0])
    line = _line_col(text, first.start())[0]
    return Problem("GK101", f"文件中有未解决的合并冲突标记（{first[0].strip()[:7]}）",
                   "合并时两边都改了这里：对照 <<<<<<< 与 ======= 之间、======= 与 >>>>>>> 之间两边的内容，"
                   "保留正确的一边（或把两边合起来），删去 <<<<<<<、|||||||、=======、>>>>>>> 这些标记行，再 git add",
                   line, 1)


def _too_deep(text: str, line: int) -> tuple[int, int]:
    """Where a nest libyaml gave up on (at its 1000th level) passes gk's MAX_DEPTH: the first
    bracket past it on that line, else the line's first character (not column 1000-odd)."""
    lines = text.split("\n")
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    depth = 0
    for i, ch in enumerate(row):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, i + 1
        elif ch in "]}":
            depth -= 1
    return line, len(row) - len(row.lstrip()) + 1


def _explicit_tag(text: str, place: Any) -> Problem | None:
    """The first tag written out (`!!str x`, `!!null 备注`, `! x`): a standard one too, which
    the composed node cannot tell from the value's own type, and which other readers honour
    (PyYAML reads `!!null 备注` as nothing) where gk would read the text."""
    import yaml

    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        tag = getattr(event, "tag", None)
        if tag:
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            return Problem("GK108", f"不支持的 YAML 标签 {shown}", "删除以 ! 开头的标签，只写普通的值", *place(event.start_mark))
    return None


def _placer(text: str) -> Any:
    """A libyaml mark → 1-based (line, col) as editors count them. libyaml (YAML 1.1) also
    breaks lines at a CR alone; editors and GitHub count only line feeds, so in a text that
    has one, the place is counted again from the mark's character index. (NEL, LS and PS,
    the other breaks only libyaml sees, never get here: _exact refuses them first.) A text with
    no line feed at all (old Mac line ends, CR only) is lines of CRs to every editor that opens it:
    libyaml's count stands (counted by line feeds, every finding was at line 1, column 95)."""
    if "\r" not in text or "\r" not in text.replace("\r\n", "") or "\n" not in text:
        return lambda m: (m.line + 1, m.column + 1)
    return lambda m: _line_col(text, min(m.index, len(text)))


def _line_col(text: str, at: int) -> tuple[int, int]:
    """The 1-based (line, col) of character `at`, lines counted by line feeds."""
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


# Characters a double-quoted scalar can only hold by escape ("\x00", "\e", "\a"…): libyaml
# refuses them raw (GK101), and they would reach terminals and Word files from an escape.
# U+FFFE/U+FFFF and lone surrogates too: no XML (Word, Excel) can hold them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")

def _no_control(node: Any, mark: tuple[int, int]) -> None:
    """Only a double-quoted scalar can hold control characters (by escape): stop there."""
    if node.style == '"' and (m := CONTROL.search(node.value)):
        code = ord(m[0])
        char = _ESCAPED.get(m[0], f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04X}")
        hint = "删除它；要换行写 \\n（Windows 的 \\r\\n 也只写 \\n）" if m[0] == "\r" else "删除这些字符"
        raise _Stop(Problem("GK101", f"双引号中用转义写出了控制字符 {char}：数据中只允许 \\n 换行和 \\t", hint, *mark))


_ESCAPED = {"\r": "\\r（回车）", "\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e"}


_SYNTAX = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（同一行出现了两个冒号？值中含“: ”时请加引号）",
    "found character '\\t' that cannot start any token": "含有制表符 Tab（YAML 只能用空格缩进）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "did not find expected '-' indicator": "列表缩进不一致，找不到预期的“-”",
    "found undefined alias": "引用了未定义的锚点",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected node content": "缺少内容",
    "found unknown escape character": "双引号字符串中有无法识别的转义符“\\”",
    "found a tab character that violates indentation": "含有制表符 Tab（YAML 只能用空格缩进）",
    "found character that cannot start any token": "含有不能作为开头的字符（如 @ 或 `，请给值加引号）",
    "expected <block end>, but found": "缩进不一致",
    "did not find expected ',' or ']'": "方括号列表未闭合，缺少“,”或“]”",
    "did not find expected ',' or '}'": "花括号未闭合，缺少“,”或“}”",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（缩进不对，或值中含“: ”时未加引号）",
    "but found another document": "一个文件只能有一个 YAML 文档（删除 --- 之后的第二部分）",
    "expected a single document": "一个文件只能有一个 YAML 文档（删除 --- 之后的第二部分）",
    "unacceptable character": "含有不允许的控制字符（可能是从网页或 Word 复制来的）",
    "control characters are not allowed": "含有不允许的控制字符（可能是从网页或 Word 复制来的）",
    "found incompatible YAML document": "不支持的 YAML 版本指令",
    "found duplicate %YAML directive": "重复的 %YAML 指令",
    "found unexpected ':'": "此处不能出现冒号（值中含冒号时请加引号）",
    "found unexpected end of stream while scanning a quoted scalar": "引号未闭合",
    "did not find expected whitespace or line break": "此处应有空格或换行（“!”“&”“*”开头的写法是 YAML 的特殊记号，文字中有它时请加引号）",
    "found invalid Unicode character escape code": "双引号中的 \\u 转义写错了（不是有效的字符）",
    "did not find expected hexdecimal number": "双引号中的 \\x 或 \\u 转义后应是十六进制数字",
    "did not find expected alphabetic or numeric character": "“&”或“*”后面缺少名称（文字中有它们时请加引号）",
    "did not find expected comment or line break": "该行末尾多了内容（引号或括号之后还有文字？）",
    "mapping keys are not allowed in this context": "此处不能出现“? ”键",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（缩进不对？）",
    "did not find expected <document start>": "文件开头的结构不对",
    "found undefined tag handle": "未定义的标签（以 ! 开头的写法）",
    "did not find expected tag URI": "标签（以 ! 开头的写法）写错了",
    "did not find URI escaped octet": "标签（以 ! 开头的写法）中的 % 转义写错了",
    "found an incorrect leading UTF-8 octet": "标签（以 ! 开头的写法）中的 % 转义写错了",
    "found an incorrect trailing UTF-8 octet": "标签（以 ! 开头的写法）中的 % 转义写错了",
    "found a tab character where an indentation space is expected": "含有制表符 Tab（YAML 只能用空格缩进）",
    "found duplicate %TAG directive": "重复的 %TAG 指令",
    "did not find expected digit or '.' character": "%YAML 指令的版本号写错了",
    "did not find expected directive name": "以 % 开头的行是 YAML 指令：文字中有 % 时请加引号",
    "found unexpected document indicator": "多出的 --- 或 ...（一个文件只能有一个 YAML 文档）",
    "found unknown directive name": "未知的 YAML 指令（以 % 开头的行；文字中有 % 时请加引号）",
    "found an indentation indicator equal to 0": "块文字（| 或 >）后的缩进数字不能是 0",
    "second occurrence": "同一个锚点（&名称）定义了两次",
    "did not find the expected '>'": "标签 !<…> 缺少“>”（以 ! 开头的写法是 YAML 的标签）",
}


def _syntax_message(e: Any) -> str:
    problem = str(getattr(e, "problem", "") or e)
    for k, v in _SYNTAX.items():
        if problem.startswith(k):
            return v
    return problem


def _syntax_hint(e: Any, text: str, line: int) -> str:
    problem = str(getattr(e, "problem", "") or "")
    if "tab" in problem or "\\t" in problem:
        return "把行首的 Tab 换成空格（每级 2 个空格）"
    if problem.startswith("mapping values"):
        return "值里有冒号时用引号括起来，例如 title: \"甲: 乙\""
    if problem.startswith("found unknown escape character"):  # "D:\政务公开\…": a Windows path in double quotes
        return "含反斜杠“\\”的值（如 Windows 路径）改用半角单引号括起来，例如 'D:\\政务公开\\惠企.docx'；或把“\\”都换成“/”"
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""  # (the mark may be past the last line)
    if problem.startswith("did not find expected node content") and re.search(r"[\[,]\s*(?:,|\])", row):
        return "方括号中有空着的格子：表中空白的格子写 0，例如 [1, 0, 0]"  # a blank cell, as a printed table shows it
    return "对照上下文检查该行的缩进、冒号和引号"


# libyaml's errors that say where it gave up, not what was typed: a slip a Chinese keyboard makes
# (a full-width colon or space, no space after the colon), a Tab or an unclosed bracket is looked
# for in the text instead (on this error path only: it costs nothing to a file that reads)
_GENERIC = ("mapping values are not allowed", "could not find expected ':'", "did not find expected key",
            "did not find expected '-' indicator", "found character that cannot start any token",
            "did not find expected node content", "expected <block end>", "found unexpected end of stream",
            "did not find expected ',' or", "found a tab character", "found character '\\t'",
            "block sequence entries are not allowed", "mapping keys are not allowed")
_FULL_COLON = re.compile(r"^ *(?:- +)?([^\s:#'\"\[\]{},：-][^:#'\"\[\]{},：]*)：")  # 键：值 (no ASCII colon before it)
_NO_SPACE = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*):(?=[^ \t\r\n])")  # period:2024Q1 (gk's keys are English)


# spaces that look like one but are not YAML's (an input method's, or pasted from Word or a web page)
_ODD_SPACES = {"\u3000": "全角空格“　”", "\u00a0": "不间断空格（U+00A0，从网页或 Word 复制来的）",
               "\u2002": "特殊空格（U+2002）", "\u2003": "特殊空格（U+2003）", "\u2009": "特殊空格（U+2009）",
               "\u202f": "不间断空格（U+202F）", "\u200b": "看不见的零宽空格（U+200B）"}
_KEY_OR_ITEM = re.compile(r"- |[A-Za-z_][\w-]*\s*[:：]")


_KEY_LIKE = re.compile(r"[a-z_][a-z0-9_]*")  # gk's keys, annual figures' too, are lower-case English words


def _is_key(word: str) -> bool:
    """Could this be one of gk's keys (a slip is looked for only at one): not https:// nor 网址：…"""
    return bool(_KEY_LIKE.fullmatch(word)) and word not in ("http", "https", "ftp", "file", "mailto")


def _typing_slip(e: Any, text: str, line: int, col: int) -> tuple[str, str, int, int] | None:
    """(message, hint, line, col) of the slip behind a generic libyaml error, if the text shows one."""
    problem = str(getattr(e, "problem", "") or "")
    if not problem.startswith(_GENERIC) or getattr(e, "context", "") == "while scanning a quoted scalar":
        return None
    lines = text.split("\n")
    mark = e.problem_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())  # the file ended inside it: said past the last line
    if at_end and problem.startswith("did not find expected ',' or") and e.context_mark is not None:  # libyaml knows the bracket
        bracket = e.context_mark
        return _unclosed("{" if problem.endswith("'}'") else "[", *_line_col(text, min(bracket.index, len(text))))
    # the line it stopped on and the content line before it (libyaml often stops on the next line)
    rows = [r for r in (_content_before(lines, line), line) if r is not None and 0 < r <= len(lines)]
    for row in rows:
        raw = lines[row - 1].rstrip("\r")
        lead = raw[: len(raw) - len(raw.lstrip(" \t\u3000\u00a0"))]
        if row != line and not _KEY_OR_ITEM.match(raw, len(lead)):
            continue  # the line before: only a key or an item may be the slip (　　本季度… in a note is text)
        if "\u3000" in lead:
            return ("行首用了全角空格“　”（中文输入法的空格），YAML 只能用半角空格缩进", "把行首的全角空格换成半角空格（每级 2 个空格）",
                    row, lead.index("\u3000") + 1)
        if "\u00a0" in lead:  # pasted from a web page or Word: looks like spaces, is not
            return ("行首是不间断空格（U+00A0，从网页或 Word 复制来的），YAML 只能用半角空格缩进",
                    "删去行首的空白，重新用键盘上的空格键缩进，与上一行对齐", row, lead.index("\u00a0") + 1)
        if "\t" in lead:
            return ("行首有制表符 Tab（YAML 只能用空格缩进）", "把行首的 Tab 换成空格（每级 2 个空格）", row, lead.index("\t") + 1)
        if raw.startswith("-\t", len(lead)):  # -⇥task: (copied from a Word or WPS table)
            return ("列表的“-”后面是制表符 Tab（YAML 只认空格）", f"把“-”后面的 Tab 换成一个空格：- {raw[len(lead) + 2:].strip()}",
                    row, len(lead) + 2)
        if raw.lstrip().startswith("#"):
            continue
        m = _FULL_COLON.match(raw)
        if m and _is_key(m[1].strip()):  # unit：… (a key of gk's); 网址：http://… in a value is text
            return (f"“{m[1].strip()}”后面用了全角冒号“：”（中文输入法），YAML 只认半角冒号“:”",
                    f"改为半角冒号加一个空格：{m[1].strip()}: …", row, m.end())
        m = _NO_SPACE.match(raw)
        if m and _is_key(m[1]):  # period:2024Q1; not https://…
            after = raw[m.end()]
            blank = _ODD_SPACES.get(after)
            what = f"冒号后是{blank}" if blank else "冒号后缺少空格"
            # the odd space is where it is told (it is what to replace); the hint never holds it
            # (a clerk copies the hint: an invisible NBSP would come with it)
            value = raw[m.end():].lstrip("".join(_ODD_SPACES) + " ")
            return (f"{what}（YAML 的“键: 值”中冒号后要有一个半角空格）", f"写作 {m[1]}: {value}", row, m.end() + (1 if blank else 0))
    slip = _value_slip(lines, line) if problem.startswith(("mapping values are not allowed", "block sequence entries are not allowed")) else None
    if slip is not None:
        return slip
    opened = _last_open_bracket(text) if problem.startswith(("did not find expected node content", "found unexpected end of stream")) else None
    if opened is not None:
        return _unclosed(text[opened], *_line_col(text, opened))
    return None


_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):(?: +(.*))?$")


def _single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _value_slip(lines: list[str], line: int) -> tuple[str, str, int, int] | None:
    """A key one space off its neighbours (5 spaces under 4), a value starting with “- ”, a value in
    Chinese quotes holding “: ”: what libyaml only calls a misplaced “键: 值” or list item."""
    if not 0 < line <= len(lines):
        return None
    raw = lines[line - 1].rstrip("\r")
    m = _KEY_LINE.match(raw)
    if m is None:
        return None
    key, value = m[3], (m[4] or "").split(" #")[0].rstrip()
    if value.startswith("- "):  # note: - 在门户网站公开…: a dash and a space begin a list item
        return (f"{key} 的值以“- ”开头，YAML 把它当作列表项",
                f"把整个值用半角单引号括起来：{key}: {_single_quoted(value)}；或去掉开头的“- ”", line, len(raw) - len(raw.lstrip(" -")) + len(key) + 3)
    if value[:1] in "“‘" and ": " in value:  # note: “具体: 情况”: Chinese quotes are text, not YAML's quotes
        return ("中文引号“”不是 YAML 的引号，值中的“: ”被当作了“键: 值”",
                f"把整个值用半角单引号括起来：{key}: {_single_quoted(value)}", line, raw.index(value) + 1)
    before = _content_before(lines, line)
    p = _KEY_LINE.match(lines[before - 1].rstrip("\r")) if before else None
    if p is not None and m[2] is None:
        want = len(p[1]) + len(p[2] or "")  # the column of the key above (after its “- ”)
        have = len(m[1])
        if have != want and abs(have - want) <= 2 and p[4]:  # the key above has its value: a sibling, misaligned
            return (f"{key} 的缩进（{have} 个空格）与上一行的 {p[3]}（{want} 个空格）不一致",
                    f"与上一行对齐：{key} 前面用 {want} 个空格", line, min(have, want) + 1)
    return None


def _unclosed(bracket: str, line: int, col: int) -> tuple[str, str, int, int]:
    close = "]" if bracket == "[" else "}"
    what = "方括号" if bracket == "[" else "花括号"
    return (f"{what}“{bracket}”没有闭合（缺少“{close}”）", f"在最后一项之后补上“{close}”，各项之间用半角逗号“,”分隔", line, col)


def _content_before(lines: list[str], line: int) -> int | None:
    """The last line before `line` (1-based) that is not blank or a comment."""
    for row in range(min(line, len(lines) + 1) - 1, 0, -1):
        s = lines[row - 1].strip()
        if s and not s.startswith("#"):
            return row
    return None


def _last_open_bracket(text: str) -> int | None:
    """Where the last [ or { still open at the end of the text is (quotes and comments skipped)."""
    stack: list[int] = []
    quote = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"" and (i == 0 or text[i - 1] in " \t\n[{,:"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif ch in "[{":
            stack.append(i)
        elif ch in "]}" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


_NULLS = ("", "~", "null")
_BOOLS = {"true": True, "false": False}
_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}


class _Converter:
    """libyaml nodes → gk values, with marks; refuses aliases, tags and bombs."""

    def __init__(self, place: Any) -> None:
        self.place = place  # libyaml mark → (line, col): _placer
        self.marks: dict[Path, tuple[int, int]] = {}
        self.keymarks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def convert(self, node: Any, path: Path, depth: int = 0, where: tuple[int, int] | None = None) -> Any:
        import yaml

        mark = self.place(node.start_mark)
        if id(node) in self.seen:  # composed aliases are the same node object again
            at = where or self.marks.get(path[:-1], mark)  # the alias's own place is not kept: its key's
            raise _Stop(Problem("GK106", "不支持 YAML 锚点与别名（& 和 *）", "把被引用的内容直接写出来", *at))
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise _Stop(Problem("GK107", "文件节点过多，未读取", "把数据拆分到多个文件", *mark))
        if depth > MAX_DEPTH:
            raise _Stop(Problem("GK107", "嵌套层级过深，未读取", f"数据文件不需要超过 {MAX_DEPTH} 层嵌套", *mark))
        self.marks[path] = mark
        tag = node.tag
        explicit = tag not in _STD_TAGS
        if explicit:
            raise _Stop(Problem("GK108", f"不支持的 YAML 标签 {tag}", "删除以 ! 开头的标签，只写普通的值", *mark))
        if isinstance(node, yaml.ScalarNode):
            _no_control(node, mark)
            if not node.style:  # plain (libyaml says "", the pure-Python composer None)
                if node.value in _NULLS:
                    return None
                if node.value in _BOOLS:
                    return _BOOLS[node.value]
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        # mapping
        out: dict[str, Any] = {}
        order: list[tuple[str, tuple[int, int]]] = []  # the keys as written, for a list item glued onto the one before
        twice: list[Problem] = []
        for knode, vnode in node.value:
            kmark = self.place(knode.start_mark)
            if knode.tag == "tag:yaml.org,2002:merge":
                raise _Stop(Problem("GK106", "不支持 YAML 合并键（<<）", "把被合并的内容直接写出来", *kmark))
            if not isinstance(knode, yaml.ScalarNode):
                raise _Stop(Problem("GK105", "键必须是简单的文字", "", *kmark))
            _no_control(knode, kmark)
            key = knode.value
            if key in out:
                first = self.keymarks.get(path + (key,), kmark)
                twice.append(
                    Problem(
                        "GK103",
                        f"重复的键 `{key}`（第 {first[0]} 行已有）",
                        "删除其中一个；YAML 只保留最后一个，前面的会被悄悄丢掉",
                        *kmark,
                    )
                )
                self.problems.append(twice[-1])
            order.append((key, kmark))
            self.keymarks[path + (key,)] = kmark
            out[key] = self.convert(vnode, path + (key,), depth + 1, kmark)
        glued = _glued(order) if twice and path and isinstance(path[-1], int) else []
        if glued:
            # the next item(s) of the list written without their "- ": one mistake each, and deleting the
            # "duplicates" as GK103 says would delete those items
            self.problems[:] = [p for p in self.problems if all(p is not t for t in twice)]
        for key, (line, col) in glued:
            self.problems.append(
                Problem(
                    "GK103",
                    f"第 {line} 行前是否少了“- ”（列表的新一项）？从这一行起的键与上一项的重复",
                    f"在第 {line} 行的 {key} 前加上“- ”，与上一项的“- ”对齐，使它成为单独的一项；不要删除这些键，那会丢掉一整项",
                    line,
                    col,
                )
            )
        return out
