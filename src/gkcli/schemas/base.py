"""One strict base for every record: unknown keys are errors, and each record
remembers where it was written (file and path inside the file)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr


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
