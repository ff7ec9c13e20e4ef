"""One strict base for every record: unknown keys are errors, and each record
remembers where it was written (file and path inside the file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from .. import record


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, use_attribute_docstrings=True)

    _file: str = PrivateAttr(default="")
    _path: tuple = PrivateAttr(default=())

    def at(self, file: str, path: tuple) -> "Record":
        self._file, self._path = file, path
        return self

    @property
    def file(self) -> str:
        return self._file

    @property
    def path(self) -> tuple:
        return self._path


def dates_as_written(*fields: str) -> Any:
    """A validator of these date fields: a date is its YYYY-MM-DD text, and nothing else, as the
    compiled checks read it (record.date) and an editor's schema says. pydantic's lax date also
    takes a number of seconds since 1970 (`date: 0` as 1970-01-01) and a date-time at midnight."""

    def check(cls: Any, v: Any) -> Any:
        if v is None or isinstance(v, dt.date) or record.date(v) is not record.FAIL:
            return v
        raise PydanticCustomError("date_parsing", "应为日期")

    return field_validator(*fields, mode="before")(check)
