"""The one finding type shared by the loader, lint rules and every output format."""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the data repo, with forward slashes
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = ("Cc", "Cf", "Zl", "Zp", "Cs", "Cn")  # controls, bidi and zero-width marks, line breaks, non-characters


_QUOTED_MAX = 60
_LONG_QUOTE = re.compile("“([^”]{%d,})”" % (_QUOTED_MAX + 1))


def shown(text: str) -> str:
    """A message or hint as it may be printed: a value quoted in it (a task id, a note) can
    hold a line break, a terminal escape or a bidi override, which would forge output lines,
    CI annotations or XML, or reorder what a reviewer sees; each is written as its escape
    (\\n, \\u202e). Spaces, full-width ones too, stay. A quoted value longer than a line
    (a task id of 2,000 digits) is cut, with its length said."""
    if len(text) > 2 * _QUOTED_MAX and "“" in text:
        text = _LONG_QUOTE.sub(lambda m: f"“{m[1][:_QUOTED_MAX // 2]}…（共 {len(m[1])} 个字符）”", text)
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for ch in text:
        if ch.isprintable() or ch == " " or unicodedata.category(ch) == "Zs":
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in _HIDDEN:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)
