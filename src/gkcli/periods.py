"""Quarters (2023Q3): parsing, bounds, and the reporting period of a date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_Q = re.compile(r"^(\d{4})Q([1-4])$")
YEARS = range(1900, 3000)  # as the schema's PERIOD_PATTERN and dates on the command line (clock.FIRST_DAY…LAST_DAY)
_Q_WRITTEN = re.compile(r"^(\d{4})年(?:第)?([1-4一二三四])季度?$")


class NoSuchQuarter(ValueError):
    """A quarter written in the right form that does not exist (2023Q5)."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        m = _Q.match(text.strip().upper())
        if not m:
            if re.fullmatch(r"\d{4}Q\d+", text.strip().upper()):  # 2023Q5: the form is right, the quarter is not
                raise NoSuchQuarter(f"季度“{text.strip()}”不存在：一年只有 Q1—Q4 四个季度")
            raise ValueError(f"季度应写作 2023Q3 这样的形式（年份加 Q1—Q4）：{text}")
        if int(m[1]) not in YEARS:
            raise ValueError(f"季度 {text.strip()} 超出 gk 支持的范围（{YEARS[0]}—{YEARS[-1]} 年）")
        return cls(int(m[1]), int(m[2]))

    @classmethod
    def from_option(cls, text: str) -> "Quarter":
        """A quarter given on the command line: 2023Q3, or 2023q3, 2023-Q3, 2023年第三季度,
        2023年三季度, 2023年第3季度 (data files keep the one spelling, `parse`)."""
        import unicodedata

        s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
        m = _Q_WRITTEN.match(s)
        if m:
            s = f"{m[1]}Q{'一二三四'.index(m[2]) + 1 if m[2] in '一二三四' else m[2]}"
        return cls.parse(s.replace("-Q", "Q"))

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return month_end(self.year, 3 * self.q)

    def closes_on(self, window_days: int) -> dt.date:
        """The last day a submission for this quarter is on time."""
        return self.last_day + dt.timedelta(days=window_days)

    def prev(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{'一二三四'[self.q - 1]}季度"


_PROGRESS_FILE = re.compile(r"^data/progress/(\d{4}Q[1-4])/[^/]+\.ya?ml$")


def quarter_of_file(path: str) -> Quarter | None:
    """The quarter a progress file is filed under (data/progress/2023Q3/…), or None."""
    m = _PROGRESS_FILE.match(path)
    if m is None:
        return None
    try:
        return Quarter.parse(m[1])
    except (ValueError, OverflowError):  # a year gk does not reason about: no quarter of its
        return None


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def reporting_period(day: dt.date) -> Quarter:
    """The last quarter that ended before `day` (on 2024-01-15: 2023Q4)."""
    return Quarter.of(day).prev()
