"""Today, as gk sees it: $GK_TODAY (ISO) replaces the clock for every command."""

from __future__ import annotations

import datetime as dt
import os
import re

from .errors import GkError


_WRITTEN = re.compile(r"^(\d{4})\s*(?:-|年|\.|/)\s*(\d{1,2})\s*(?:-|月|\.|/)\s*(\d{1,2})\s*[日号]?$")

# Days gk reasons about: a quarter before or a report window after any of them is still a date.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
# 上周五, 本周五/这个星期五, 礼拜五, 周五: weeks run Monday to Sunday (ISO, as a Chinese calendar prints them)
WEEKDAY = re.compile(r"(?:(上|本|这)个?)?(?:周|星期|礼拜)([一二三四五六日天])")


def relative_day(text: str) -> dt.date | None:
    """The day a word said on the command line means, today being today(): 今天, 昨天, 前天; 上周五 (the previous
    week's), 本周五 or 这周五 (this week's, maybe still to come); a bare 周五 is the latest Friday not after today
    (“周五报的” on a Monday is three days ago; today, on a Friday), as 9月15日 is the latest 15 September.
    None for anything else. Never for a data file: there nothing says when it was written."""
    text = text.strip()
    if (back := _DAYS_BACK.get(text)) is not None:
        return today() - dt.timedelta(days=back)
    m = WEEKDAY.fullmatch(text)
    if m is None:
        return None
    now = today()
    day = now - dt.timedelta(days=now.weekday()) + dt.timedelta(days=min("一二三四五六日天".index(m[2]), 6))
    if m[1] == "上":
        return day - dt.timedelta(days=7)
    return day if m[1] or day <= now else day - dt.timedelta(days=7)


def is_relative(text: str) -> bool:
    """今天, 上周五, 周五 …: words relative_day reads."""
    return text.strip() in _DAYS_BACK or WEEKDAY.fullmatch(text.strip()) is not None


def parse_date(text: str, what: str = "日期", relative: bool = True) -> dt.date:
    """A date given on the command line: 2023-10-15, or as people write it, 2023年10月15日,
    2023.10.15, 2023/10/15 (full-width digits too); 今天, 昨天, 上周五, 周五 … as the days they are
    (relative_day; not with relative=False: $GK_TODAY is what today() is, so 今天 there is no answer)."""
    if relative and (day := relative_day(text)) is not None:  # what a clerk says
        return day
    m = _WRITTEN.match(text.strip())
    if m is None and not text.isascii():  # 二〇二四年十月十五日, 15号, full-width digits: as deadlines read them
        from .deadlines import _normalize

        m = _WRITTEN.match(_normalize(text))
    try:
        if m is None:
            raise ValueError(text)
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        now = today() if relative else now_in_china().date()  # ($GK_TODAY itself wrong: the clock's, not itself again)
        why = no_such_day(text)
        if why:  # written right, but the calendar has no such day: the format is not the mistake
            raise GkError(f"{what}“{text}”不是有效日期：{why}", "改为实际存在的日期") from None
        import unicodedata

        from .repo import _NO_YEAR

        if (n := _NO_YEAR.match(unicodedata.normalize("NFKC", text))) and 1 <= int(n[1]) <= 12:  # 12月31日: which year?
            example = f"{now.year}-{int(n[1]):02d}-{int(n[2]):02d}"
            if (why := no_such_day(example)) is not None:  # 9月31日: no year has it
                raise GkError(f"{what}“{text}”不是有效日期：{why}", "改为实际存在的日期，并写上年份") from None
            raise GkError(f"{what}“{text}”没有写年份", f"写上年份，如 {example}") from None
        day = now  # (the example is a real day, never a fixed one a clerk might copy: today's)
        raise GkError(f"{what}“{text}”不是有效日期", f"日期写作 {day.isoformat()}（年-月-日），或 {day.year}年{day.month}月{day.day}日") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise GkError(f"{what}“{text}”超出 gk 支持的范围（{FIRST_DAY.year}—{LAST_DAY.year} 年）", "写一个实际的日期，如 2023-10-15")
    return day


def no_such_day(text: str) -> str | None:
    """“2023 年 2 月没有 30 日” for a date written in a right form that the calendar does not
    have (2023-02-30, 2023-13-01); None otherwise."""
    import calendar

    m = _WRITTEN.match(text.strip()) if isinstance(text, str) else None
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12:
        return f"一年只有 12 个月，没有 {month} 月"
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        return f"{year} 年 {month} 月只有 {last} 天，没有 {day} 日"
    return None


def today() -> dt.date:
    env = os.environ.get("GK_TODAY", "").strip()
    if env:
        return parse_date(env, "环境变量 GK_TODAY 的值", relative=False)
    # China's day (UTC+8, no daylight saving), wherever gk runs: a CI runner on UTC would
    # keep a quarter open for the first eight hours of the day it closes (GK407)
    return now_in_china().date()


def now_in_china() -> dt.datetime:
    return dt.datetime.now(_CHINA)


_CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
