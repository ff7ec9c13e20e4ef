"""One unit's quarterly progress report (data/progress/<YYYYQn>/<unit>.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..record import ProgressReport  # noqa: F401  (re-exported: loaded progress is plain records)
from .base import Record, dates_as_written

EntryStatus = Literal["not_started", "in_progress", "done", "blocked"]
PERIOD_PATTERN = r"^(?:19|2[0-9])[0-9]{2}Q[1-4]$"  # years 1900–2999, as dates on the command line (clock.FIRST_DAY…LAST_DAY)


class ProgressEntry(Record):
    task: str = Field(min_length=1)
    status: EntryStatus
    date: dt.date
    """达到该状态的日期。"""
    note: str | None = None
    evidence: list[str] = []
    """链接或仓库内相对路径。"""

    _dates = dates_as_written("date")


class ProgressHeader(Record):
    unit: str = Field(min_length=1)
    period: str = Field(pattern=PERIOD_PATTERN)
    submitted_on: dt.date | None = None
    entries: list = []

    _dates = dates_as_written("submitted_on")
