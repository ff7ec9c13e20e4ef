"""Today, as gk sees it: $GK_TODAY (ISO) replaces the clock for every command."""

from __future__ import annotations

import datetime as dt
import os

from .errors import GkError


# Days gk reasons about: a quarter before or a report window after any of them is still a date.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def parse_date(text: str, what: str = "日期") -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise GkError(f"{what}“{text}”不是有效日期", "日期写作 2023-10-15（年-月-日）") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise GkError(f"{what}“{text}”超出 gk 支持的范围（{FIRST_DAY.year}—{LAST_DAY.year} 年）", "写一个实际的日期，如 2023-10-15")
    return day


def today() -> dt.date:
    env = os.environ.get("GK_TODAY", "").strip()
    if env:
        return parse_date(env, "环境变量 GK_TODAY 的值")
    return dt.date.today()
