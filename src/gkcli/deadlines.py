"""The deadline grammar (完成时限) of DESIGN.md.

`parse("2023年6月底前", plan_year=2023)` → Deadline(kind="date", due=2023-06-30).
Every due date is inclusive: the task is due at the end of that day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .periods import month_end

Kind = Literal["date", "window", "ongoing", "as_needed", "recurring"]
Every = Literal["month", "quarter", "half", "year"]



class DeadlineError(ValueError):
    """Text that is not a deadline; the message quotes it."""


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: Kind
    due: dt.date | None = None
    start: dt.date | None = None
    every: Every | None = None

    @property
    def iso(self) -> str | None:
        """The ISO spelling of a fixed deadline (the safe `--fix` target), else None."""
        if self.kind != "date" or self.due is None:
            return None
        return self.due.isoformat()

    def occurrence(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """For a recurring deadline: (first, last) day of the occurrence holding `day`."""
        assert self.every is not None
        if self.every == "month":
            return day.replace(day=1), month_end(day.year, day.month)
        if self.every == "quarter":
            m = 3 * ((day.month - 1) // 3) + 1
            return dt.date(day.year, m, 1), month_end(day.year, m + 2)
        if self.every == "half":
            m = 1 if day.month <= 6 else 7
            return dt.date(day.year, m, 1), month_end(day.year, m + 5)
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_BEFORE = r"(?:之前|以前|前)?"
_NUM = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_Y = r"(?:(\d{4})年)"

_ONGOING = {"长期", "长期坚持", "长期推进", "持续推进", "常态化", "持续", "常态化推进", "常态化开展", "持续开展"}
_AS_NEEDED = {"适时", "及时", "根据需要", "按需", "根据工作需要", "根据上级部署", "按上级部署", "根据上级要求", "按上级要求"}
_EVERY = {
    "每月": "month",
    "每季度": "quarter",
    "每季": "quarter",
    "每半年": "half",
    "每年": "year",
    "每年度": "year",
}
_EVERY_RE = re.compile(r"^(每月|每季度?|每半年|每年度?)(?:末|底)?(?:至少)?(?:\d+|[一二三四五六七八九十两])?次?$")

_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_CN_DAY = re.compile(rf"^{_Y}?{_NUM}月{_NUM}日{_BEFORE}$")
_CN_MONTH = re.compile(rf"^{_Y}?{_NUM}月(?:份)?(?:底|末|底前|末前|底之前|份前)?$")
_CN_YEAR_END = re.compile(rf"^(\d{{4}})年(?:年)?(?:底|末|内){_BEFORE}$")
_CN_HALF = re.compile(rf"^{_Y}?(上|下)半年(?:底|末)?{_BEFORE}$")
_CN_QUARTER = re.compile(rf"^{_Y}?第?([1-4一二三四])季度(?:底|末)?{_BEFORE}$")
_SEP = re.compile(r"(?:至|到|~|～|—|–|―|－)")


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_NUM[s]


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"\s+", "", s)


def _need_year(year: str | None, plan_year: int | None, text: str) -> int:
    if year:
        return int(year)
    if plan_year is None:
        raise DeadlineError(f"完成时限“{text}”没有写年份，方案也没有发布日期（issued_on）可推断年份")
    return plan_year


def _date(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise DeadlineError(f"完成时限“{text}”不是有效的日期") from None


def _month_end(y: int, m: int, text: str) -> dt.date:
    if not 1 <= m <= 12:
        raise DeadlineError(f"完成时限“{text}”的月份无效")
    return month_end(y, m)


def _point(s: str, plan_year: int | None, text: str) -> tuple[dt.date, dt.date] | None:
    """A single point in time: (first day it covers, due day). None if not one."""
    if m := _ISO_DAY.match(s):
        d = _date(int(m[1]), int(m[2]), int(m[3]), text)
        return d, d
    if m := _ISO_MONTH.match(s):
        end = _month_end(int(m[1]), int(m[2]), text)
        return end.replace(day=1), end
    if m := _CN_DAY.match(s):
        y = _need_year(m[1], plan_year, text)
        d = _date(y, _num(m[2]), _num(m[3]), text)
        return d, d
    if m := _CN_MONTH.match(s):
        y = _need_year(m[1], plan_year, text)
        end = _month_end(y, _num(m[2]), text)
        return end.replace(day=1), end
    if m := _CN_YEAR_END.match(s):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if s in ("年内", "年底", "年底前", "年末", "年末前", "本年度", "年度内"):
        y = _need_year(None, plan_year, text)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if m := _CN_HALF.match(s):
        y = _need_year(m[1], plan_year, text)
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m[2] == "上" else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if m := _CN_QUARTER.match(s):
        y = _need_year(m[1], plan_year, text)
        q = _num(m[2])
        return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    return None


def parse(text: str, plan_year: int | None = None) -> Deadline:
    """Parse one 完成时限. Raises DeadlineError (quoting the text) when it is none."""
    if not isinstance(text, str) or not text.strip():
        raise DeadlineError("完成时限为空")
    s = _normalize(text)
    s = re.sub(r"(?<=[前底末日月])完成$", "", s)  # 2024年6月底前完成: the same deadline
    if s in _ONGOING:
        return Deadline(text, "ongoing")
    if s in _AS_NEEDED:
        return Deadline(text, "as_needed")
    if m := _EVERY_RE.match(s):
        word = m[1]
        every = _EVERY.get(word) or _EVERY.get(word + "度")
        return Deadline(text, "recurring", every=every)  # type: ignore[arg-type]
    p = _point(s, plan_year, text)
    if p is not None:
        return Deadline(text, "date", due=p[1])
    parts = _SEP.split(s)
    if len(parts) != 2:  # ISO dates hold "-" too: split on it only when it gives two halves
        parts = s.split("-")
    if len(parts) == 2:
        a, b = parts
        first = _point(a, plan_year, text)
        if first is not None:
            year = first[0].year
            if not re.match(r"^\d{4}", b):  # 2023年9月至10月: the end takes the start's year
                b = f"{year}年{b}"
            second = _point(b, year, text)
            if second is not None:
                if second[1] < first[0]:
                    raise DeadlineError(f"完成时限“{text}”的结束早于开始")
                return Deadline(text, "window", due=second[1], start=first[0])
    raise DeadlineError(f"无法识别的完成时限“{text}”")


def plan_year_of(issued_on: dt.date | None, plan_id: str) -> int | None:
    """The year a deadline without one belongs to: the plan's issue year, else the plan id's."""
    if issued_on is not None:
        return issued_on.year
    m = re.search(r"(19|20)\d{2}", plan_id)
    return int(m[0]) if m else None
