"""Discover the rule modules: adding a file under rules/ adds a rule."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, Iterable

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


def _rule(mod: ModuleType) -> Rule:
    return Rule(
        code=mod.CODE,
        name=mod.NAME,
        severity=mod.SEVERITY,
        summary=mod.SUMMARY,
        doc=(mod.__doc__ or "").strip(),
        fixable=getattr(mod, "FIXABLE", False),
        check=mod.check,
    )


def all_rules() -> list[Rule]:
    from . import rules

    out = []
    for info in pkgutil.iter_modules(rules.__path__):
        if info.name.startswith("gk"):
            out.append(_rule(importlib.import_module(f"{rules.__name__}.{info.name}")))
    return sorted(out, key=lambda r: r.code)
