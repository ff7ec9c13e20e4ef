"""Writing YAML text by hand, one scalar at a time.

gk writes small, regular files (a progress entry, a plan from a table). Emitting
them as text keeps full control of the layout people see; every scalar goes
through `scalar()`, which writes it plain only when every YAML reader (YAML 1.1
and 1.2, gk's own loader, PyYAML, the editor's language server) reads it back as
the same string, and double-quoted otherwise. Callers re-read what they wrote
before they replace a file.
"""

from __future__ import annotations

import re

# characters YAML allows in a stream (PyYAML's list), minus the ones that read as
# line breaks or BOMs in some reader: those are escaped inside double quotes
_PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_BREAKS = "\u2028\u2029"  # line breaks to YAML 1.1 readers: always escaped


def _printable(ch: str) -> bool:
    return bool(_PRINTABLE.match(ch)) and ch not in _BREAKS


_LEADING = set("-?:,[]{}#&*!|>'\"%@`=+~. ")
_FLOW = set(",[]{}:#?&*!|>'\"%@`")
_BLOCK_BAD = (": ", " #", "\t")
# plain words that YAML 1.1 reads as something other than text
_SPECIAL = re.compile(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        |null|Null|NULL|~
        |[-+]?[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
        |\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?
        |<<|=)$""",
    re.X,
)


def plain_ok(s: str, flow: bool = False) -> bool:
    """True when `s` can be written without quotes and reads back as the same text."""
    if not s or s != s.strip() or s[0] in _LEADING:
        return False
    if any(not _printable(ch) or ch in "\r\n" for ch in s):
        return False
    if any(b in s for b in _BLOCK_BAD) or s.endswith(":"):
        return False
    if flow and any(ch in _FLOW for ch in s):
        return False
    return not _SPECIAL.match(s)


def quoted(s: str) -> str:
    """A double-quoted YAML scalar with every non-printable character escaped."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif _printable(ch):
            out.append(ch)
        else:
            n = ord(ch)
            out.append(f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}")
    out.append('"')
    return "".join(out)


def scalar(s: str, flow: bool = False) -> str:
    """`s` as a YAML scalar: plain when that is safe, double-quoted otherwise."""
    return s if plain_ok(s, flow) else quoted(s)


def flow_list(items: list[str]) -> str:
    """`[a, b, "c, d"]`."""
    return "[" + ", ".join(scalar(x, flow=True) for x in items) + "]"


def comment(text: str) -> str:
    """One or more `# …` lines (a comment cannot hold a line break)."""
    lines = str(text).replace("\r", "").split("\n")
    return "\n".join(("# " + line).rstrip() for line in lines)
