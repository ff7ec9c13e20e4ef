"""Lists written into one option value: `--state 已逾期,临期`, `--select GK2，GK304`, `-u 县财政局、县教育局`.

People paste lists as they write them in documents: with `,`, the full-width `，` or the enumeration
comma `、`. Every option that takes a list splits them here, the same way (status's --state and
--fail-on, lint's --select/--extend-select/--ignore/--severity, --unit of status, export and report).

Unit names are the exception that needs care: nothing forbids a `、` in a unit's or group's name or
alias (`县委办、县政府办`; lint's GK213 checks for invisible characters, not these), so `unit_refs`
takes a value as written when it is itself a known name, and splits it only otherwise.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

SEPARATORS = ",，、"
_SPLIT = re.compile(f"([{SEPARATORS}])")


def split(values: Iterable[str] | None) -> list[str]:
    """Every item of an option given once or more, each value perhaps a list; blanks dropped."""
    out: list[str] = []
    for v in values or ():
        out += [p.strip() for p in _SPLIT.split(v)[::2] if p.strip()]
    return out


def unit_refs(values: Iterable[str] | None, known: Callable[[str], bool]) -> list[str]:
    """The unit references in `--unit` values: a value that is a known name (`known`: a unit's or
    group's name, alias or full name) as it is; any other split at the separators, where pieces
    that together (with the separator between them) make a known name stay one (`县委办、县政府办,
    县财政局`). A piece that is no name is kept as written: the caller's resolver says "找不到单位…
    是不是…" of it, as of a single unknown name. A value of separators only stays as it was."""
    out: list[str] = []
    for value in values or ():
        if known(value) or not _SPLIT.search(value):
            out.append(value)
            continue
        tokens = _SPLIT.split(value)
        pieces, seps = tokens[::2], tokens[1::2]
        found: list[str] = []
        i = 0
        while i < len(pieces):
            j = i
            for k in range(len(pieces) - 1, i, -1):  # the longest run of pieces from i that is a name
                joined = "".join(p + s for p, s in zip(pieces[i:k], seps[i:k])) + pieces[k]
                if joined.strip() and known(joined.strip()):
                    j = k
                    break
            ref = ("".join(p + s for p, s in zip(pieces[i:j], seps[i:j])) + pieces[j]).strip()
            if ref:
                found.append(ref)
            i = j + 1
        out += found or [value]
    return out


def quoted(names: Iterable[str]) -> str:
    """“甲”、“乙”: names listed so that a name with a 、 or ， in it (`各乡镇人民政府、街道办事处`, a group) reads as one."""
    return "、".join(f"“{n}”" for n in names)


def quoted_or(names: Iterable[str]) -> str:
    """“甲”或“乙”; “甲”、“乙”或“丙”"""
    names = [f"“{n}”" for n in names]
    return "或".join(["、".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def did_you_mean(names: Iterable[str], fallback: str = "") -> str:
    """是不是“甲”或“乙”？ — the one way gk suggests names (gk lint's hints, gk import's list of units it could not
    read, --unit of progress add, status, export and report): each name quoted, so that 是不是：各乡镇人民政府、各乡镇人民政府、
    街道办事处？ (two groups, read as three names) cannot happen. `fallback` when there is none."""
    names = list(names)
    return f"是不是{quoted_or(names)}？" if names else fallback
