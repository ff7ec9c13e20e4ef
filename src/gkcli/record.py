"""What a loaded record is: a plain slotted object checked by code compiled from the
pydantic models (see `gkcli/records.py` and `gkcli/schemas/compile.py`).

The pydantic models in `gkcli/schemas/` are the schema: the JSON Schema, the error
messages and every write are theirs. Importing pydantic and building those models
costs ≈ 0.1 s, as long as a cold `gk status` spends on a county's data, so loading
checks records with the compiled code instead; a record it does not accept goes to
pydantic, which either accepts it after all (lax conversions the compiled code leaves
out) or says what is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar


class Record:
    """One record of a data file; it remembers where it was written."""

    __slots__ = ("_file", "_path")
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def at(self, file: str, path: tuple) -> "Record":
        self._file, self._path = file, path
        return self

    @property
    def file(self) -> str:
        return getattr(self, "_file", "")

    @property
    def path(self) -> tuple:
        return getattr(self, "_path", ())

    def fields(self) -> dict[str, Any]:
        """The record's values by field name (nested records as dicts)."""
        return {f: _plain(getattr(self, f)) for f in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable, as pydantic models are

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS) + ")"


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.fields()
    if type(v) is list:
        return [_plain(x) for x in v]
    return v


class ProgressReport:
    """A progress file's header plus its valid entries (each entry checked on its own)."""

    __slots__ = ("header", "entries", "file")

    def __init__(self, header: Any, entries: list, file: str):
        self.header, self.entries, self.file = header, entries, file

    @property
    def unit(self) -> str:
        return self.header.unit

    @property
    def period(self) -> str:
        return self.header.period


def date(v: Any) -> Any:
    """A `YYYY-MM-DD` text as a date, as pydantic reads it; FAIL for anything else."""
    if type(v) is str and len(v) == 10 and v[4] == "-" and v[7] == "-" and v.isascii():
        try:  # with the shape fixed above, fromisoformat takes exactly YYYY-MM-DD
            return _fromisoformat(v)
        except ValueError:
            pass
    return FAIL


_fromisoformat = dt.date.fromisoformat


def english_keys(d: dict, names: dict[str, str]) -> dict:
    """`d` with its keys written by their Chinese names (公开事项) as the fields they name (matter), in
    place and order; a Chinese key whose field is written as well stays as written (an unknown key)."""
    if not any(k in names for k in d):
        return d
    return {(names[k] if k in names and names[k] not in d else k): v for k, v in d.items()}


FAIL = object()
MISSING = object()
new = object.__new__


def from_model(cls: type[Record], m: Any) -> Record:
    """The record of a pydantic model instance (one the compiled check left to pydantic)."""
    import sys

    mod = sys.modules[cls.__module__]
    r = new(cls)
    for f in cls.FIELDS:
        setattr(r, f, _convert(mod, getattr(m, f)))
    return r


def _convert(mod: Any, v: Any) -> Any:
    if type(v) is list:
        return [_convert(mod, x) for x in v]
    cls = getattr(mod, type(v).__name__, None)
    if isinstance(cls, type) and issubclass(cls, Record) and hasattr(type(v), "model_fields"):
        return from_model(cls, v)
    return v
