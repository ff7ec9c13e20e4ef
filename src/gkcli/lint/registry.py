"""Discover the rule modules: adding a file under rules/ adds a rule."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Callable, Iterable, Optional

from ..findings import Finding


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    doc: str
    fixable: bool
    check: Callable[..., Iterable[Finding]]
    default: bool = True  # run unless deselected; False: only with --select / --extend-select
    fixes: Optional[Callable[..., Iterable]] = None  # yields fix.Edit values (FIXABLE rules)
    fix_opt_in: str = ""  # a fix applied only when asked by this flag, e.g. "--fix-deadlines"
    module: str = ""

    @property
    def severity_label(self) -> str:
        return "错误" if self.severity == "error" else "警告"


def _rule(mod: ModuleType) -> Rule:
    return Rule(
        code=mod.CODE,
        name=mod.NAME,
        severity=mod.SEVERITY,
        summary=mod.SUMMARY,
        doc=(mod.__doc__ or "").strip(),
        fixable=getattr(mod, "FIXABLE", False),
        check=mod.check,
        default=getattr(mod, "DEFAULT", True),
        fixes=getattr(mod, "fixes", None),
        fix_opt_in=getattr(mod, "FIX_OPT_IN", ""),
        module=mod.__name__,
    )


@lru_cache(maxsize=1)
def _all() -> tuple[Rule, ...]:
    from . import rules

    out = []
    for info in pkgutil.iter_modules(rules.__path__):
        if info.name.startswith("gk"):
            out.append(_rule(importlib.import_module(f"{rules.__name__}.{info.name}")))
    return tuple(sorted(out, key=lambda r: r.code))


def all_rules() -> list[Rule]:
    return list(_all())


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in _all()}


def find(text: str) -> Rule | None:
    """A rule by its code (GK202, gk202, 202) or its name (unknown-unit)."""
    t = text.strip()
    for r in _all():
        if t == r.name or t.upper() in (r.code, r.code[2:]):
            return r
    return None
