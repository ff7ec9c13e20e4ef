"""Compile the pydantic models into plain-Python checks: `python -m gkcli.schemas.compile`
writes `src/gkcli/records.py` (tests/test_records.py fails while it is out of date).

Each model becomes a slotted record class and a function that returns the record,
or None when the data is not *plainly* valid: then pydantic itself validates it
(gkcli/record.py says why). So the compiled check may refuse more than pydantic,
never less, and what it accepts must come out exactly as pydantic makes it; the
differential test in tests/test_records.py holds it to that. A field type this
compiler does not know stops it, rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from . import catalog, plans, progress, settings, units

# in dependency order: a model's nested models come first
MODELS: list[type[BaseModel]] = [
    units.Unit, units.KindSelector, units.Group,
    plans.Plan, plans.Task,
    progress.ProgressEntry, progress.ProgressHeader,
    catalog.Published, catalog.CatalogItem, catalog.CatalogDomain,
    settings.ReportSettings, settings.LintSettings, settings.Settings,
]
TARGET = Path(__file__).resolve().parents[1] / "records.py"
_INT = r"-?(?:0|[1-9][0-9]{0,17})"


class _Gen:
    def __init__(self) -> None:
        self.consts: list[str] = []

    def const(self, expr: str) -> str:
        for line in self.consts:
            name, _, known = line.partition(" = ")
            if known == expr:
                return name
        name = f"_C{len(self.consts)}"
        self.consts.append(f"{name} = {expr}")
        return name

    def check(self, ann: Any, meta: list, ind: str) -> list[str]:
        """Lines that check `v` against `ann` (converting it in place) or `return None`."""
        fail = f"{ind}    return None"
        origin = get_origin(ann)
        if origin in (typing.Union, types.UnionType):
            return self._union(ann, meta, ind)
        if ann is str:
            return [f"{ind}if type(v) is not str:", fail, *self._constraints(meta, ind, str)]
        if ann is bool and any(type(c).__name__ == "Strict" and c.strict for c in meta):  # true or false, nothing else
            return [f"{ind}if type(v) is not bool:", fail]
        if ann is int and any(type(c).__name__ == "Strict" and c.strict for c in meta):  # a number, not text
            return [f"{ind}if type(v) is not int:", fail, *self._constraints(meta, ind, int)]
        if ann is int:
            rx = self.const(f"re.compile({_INT!r}).fullmatch")
            return [f"{ind}if type(v) is str and {rx}(v):", f"{ind}    v = int(v)",
                    f"{ind}elif type(v) is not int:", fail, *self._constraints(meta, ind, int)]
        if ann is dt.date:
            return [f"{ind}v = _date(v)", f"{ind}if v is _FAIL:", fail, *self._constraints(meta, ind, None)]
        if origin is Literal:
            values = get_args(ann)
            if not all(type(x) is str for x in values):
                raise NotImplementedError(f"Literal of non-text values: {ann}")
            s = self.const(f"frozenset({sorted(values)!r})")
            return [f"{ind}if type(v) is not str or v not in {s}:", fail, *self._constraints(meta, ind, None)]
        if ann is list or origin is list:
            out = [f"{ind}if type(v) is not list:", fail]
            item = get_args(ann)[0] if get_args(ann) else Any
            if item is Any:
                out.append(f"{ind}v = v[:]")
            elif isinstance(item, type) and issubclass(item, BaseModel):
                out += [f"{ind}v = [_check_{item.__name__}(x) for x in v]",
                        f"{ind}if any(x is None for x in v):", fail]
            elif item is str:
                out += [f"{ind}for x in v:", f"{ind}    if type(x) is not str:", f"{ind}        return None", f"{ind}v = v[:]"]
            elif get_origin(item) is Literal and all(type(x) is str for x in get_args(item)):
                s = self.const(f"frozenset({sorted(get_args(item))!r})")
                out += [f"{ind}for x in v:", f"{ind}    if type(x) is not str or x not in {s}:", f"{ind}        return None",
                        f"{ind}v = v[:]"]
            else:
                raise NotImplementedError(f"no compiled check for a list of {item!r}")
            return out + self._constraints(meta, ind, list)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return [f"{ind}v = _check_{ann.__name__}(v)", f"{ind}if v is None:", fail, *self._constraints(meta, ind, None)]
        if origin is dict and get_args(ann) == (str, list[str]):  # [lint] per-file-ignores: glob → rules
            return [f"{ind}if type(v) is not dict:", fail,
                    f"{ind}for k, x in v.items():",
                    f"{ind}    if type(k) is not str or type(x) is not list or any(type(y) is not str for y in x):",
                    f"{ind}        return None",
                    f"{ind}v = {{k: x[:] for k, x in v.items()}}"]
        raise NotImplementedError(f"no compiled check for {ann!r}")

    def _union(self, ann: Any, meta: list, ind: str) -> list[str]:
        # pydantic's smart union: with one member per input type the member is plain to pick
        tests = []
        for m in get_args(ann):
            if m is type(None):
                tests.append(("v is None", None))
            elif m in (str, dt.date) or get_origin(m) is Literal:
                tests.append(("type(v) is str", m))
            elif m is int:
                tests.append(("type(v) is str or type(v) is int", m))
            elif m is list or get_origin(m) is list:
                tests.append(("type(v) is list", m))
            elif isinstance(m, type) and issubclass(m, BaseModel):
                tests.append(("type(v) is dict", m))
            else:
                raise NotImplementedError(f"no compiled check for {m!r} in {ann!r}")
        seen = [t for t, _ in tests]
        if len(set(seen)) != len(seen) or ("type(v) is str" in seen and "type(v) is str or type(v) is int" in seen):
            raise NotImplementedError(f"union members that take the same input: {ann!r}")
        out = []
        for i, (test, m) in enumerate(tests):
            out.append(f"{ind}{'if' if i == 0 else 'elif'} {test}:")
            out += self.check(m, meta, ind + "    ") if m is not None else [f"{ind}    pass"]
        return out + [f"{ind}else:", f"{ind}    return None"]

    def _constraints(self, meta: list, ind: str, kind: Any) -> list[str]:
        out = []
        for c in meta:
            name = type(c).__name__
            if name == "MinLen" and kind in (str, list):
                out += [f"{ind}if len(v) < {c.min_length}:", f"{ind}    return None"]
            elif name == "MaxLen" and kind in (str, list):
                out += [f"{ind}if len(v) > {c.max_length}:", f"{ind}    return None"]
            elif name == "Ge" and kind is int:
                out += [f"{ind}if v < {c.ge!r}:", f"{ind}    return None"]
            elif name == "Strict" and c.strict:  # the compiled checks take exact types anyway
                pass
            elif name == "Le" and kind is int:
                out += [f"{ind}if v > {c.le!r}:", f"{ind}    return None"]
            elif name == "_PydanticGeneralMetadata" and set(vars(c)) == {"pattern"} and kind is str:
                p = c.pattern
                if not (p.startswith("^") and p.endswith("$")) or "$" in p[:-1] or "^" in p[1:].replace("[^", ""):
                    raise NotImplementedError(f"pattern not anchored at both ends: {p!r}")
                # Python's $ also matches before a final newline, Rust's (pydantic's) does not
                rx = self.const(f"re.compile({p[1:-1]!r}).fullmatch")
                out += [f"{ind}if not v.isascii() or not {rx}(v):", f"{ind}    return None"]
            else:
                raise NotImplementedError(f"no compiled check for the constraint {c!r}")
        return out

    def _short(self, f: str, info: Any) -> list[str] | None:
        """The two commonest fields in two lines: required text, and optional text."""
        meta = list(info.metadata)
        if info.annotation is str and info.default is PydanticUndefined and all(type(c).__name__ == "MinLen" for c in meta):
            n = meta[0].min_length if meta else 0
            test = f"type(v) is not str or len(v) < {n}" if n else "type(v) is not str"
            return [f"    v = d.get({f!r})", f"    if {test}:", "        return None", f"    r.{f} = v"]
        if info.annotation == (str | None) and info.default is None and not meta:
            return [f"    v = d.get({f!r})", "    if v is not None and type(v) is not str:", "        return None", f"    r.{f} = v"]
        return None

    def model(self, m: type[BaseModel]) -> list[str]:
        if m.model_config.get("extra") != "forbid":
            raise NotImplementedError(f"{m.__name__}: only extra='forbid' models are compiled")
        name = m.__name__
        fields = list(m.model_fields)
        doc = (m.__doc__ or "").strip().splitlines()[0] if m.__doc__ and m.__doc__ is not BaseModel.__doc__ else ""
        keys = self.const(f"frozenset({fields!r})")
        out = ["", "", f"class {name}(Record):"]
        if doc:
            out.append(f'    """{doc}"""')
        out += [f"    __slots__ = {tuple(fields)!r}", "    FIELDS = __slots__"]
        for f, info in m.model_fields.items():
            out.append(f"    {f}: {_hint(info.annotation)}")
        out += ["", "", f"def _check_{name}(d: Any) -> {name} | None:"]
        zh = getattr(m, "KEYS_ZH", None)  # keys that may be written by their Chinese names (CatalogItem)
        if zh:
            names = self.const(f"{dict(zh)!r}")
            out += ["    if type(d) is not dict:", "        return None",
                    f"    if not {keys}.issuperset(d):", f"        d = _english_keys(d, {names})",
                    f"        if not {keys}.issuperset(d):", "            return None"]
        else:
            out += [f"    if type(d) is not dict or not {keys}.issuperset(d):", "        return None"]
        out += [f"    r = _new({name})"]
        for f, info in m.model_fields.items():
            short = self._short(f, info)
            if short:
                out += short
                continue
            out.append(f"    v = d.get({f!r}, _MISSING)")
            out.append("    if v is _MISSING:")
            if info.default_factory is not None:
                raise NotImplementedError(f"{name}.{f}: default_factory")
            if info.default is PydanticUndefined:
                out.append("        return None")
            elif isinstance(info.default, BaseModel):
                out.append(f"        v = _check_{type(info.default).__name__}({info.default.model_dump()!r})")
            elif isinstance(info.default, (str, int, float, bool, type(None), list, dict)):
                out.append(f"        v = {info.default!r}")
            else:
                raise NotImplementedError(f"{name}.{f}: default {info.default!r}")
            out.append("    else:")
            out += self.check(info.annotation, list(info.metadata), "        ")
            out.append(f"    r.{f} = v")
        out.append("    return r")
        return out


def _hint(ann: Any) -> str:
    """The annotation as text for the record class (documentation; nothing reads it)."""
    text = repr(ann) if not isinstance(ann, type) else ann.__name__
    text = re.sub(r"\b(?:typing|datetime|gkcli\.[\w.]+)\.", "", text)
    return repr(text.replace("date", "dt.date") if "date" in text else text)


def source() -> str:
    g = _Gen()
    body: list[str] = []
    for m in MODELS:
        body += g.model(m)
    checks = ", ".join(f"{m.__name__}: _check_{m.__name__}" for m in MODELS)
    head = [
        '"""Records and their compiled checks. Generated by `python -m gkcli.schemas.compile`',
        "from the pydantic models in gkcli/schemas/: do not edit (gkcli/record.py says why).",
        '"""',
        "",
        "# ruff: noqa",
        "from __future__ import annotations",
        "",
        "import datetime as dt",
        "import re",
        "from typing import Any",
        "",
        "from .record import FAIL as _FAIL, MISSING as _MISSING, Record, date as _date, english_keys as _english_keys, new as _new",
        "",
        *g.consts,
    ]
    tail = ["", "", f"CHECKS = {{{checks}}}", ""]
    return "\n".join(head + body + tail)


def main() -> None:
    text = source()
    if "--check" in sys.argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python -m gkcli.schemas.compile")
            sys.exit(1)
        return
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
