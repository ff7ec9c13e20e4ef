"""Today, as gk sees it: $GK_TODAY (ISO) replaces the clock for every command."""

from __future__ import annotations

import datetime as dt
import os

from .errors import GkError


def parse_date(text: str, what: str = "日期") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise GkError(f"{what}“{text}”不是有效日期", "日期写作 2023-10-15（年-月-日）") from None


def today() -> dt.date:
    env = os.environ.get("GK_TODAY", "").strip()
    if env:
        return parse_date(env, "环境变量 GK_TODAY 的值")
    return dt.date.today()
