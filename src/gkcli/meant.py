"""What a clerk obviously meant by a value or key gk does not take: 进行中 is in_progress, `Done`
and full-width ｄｏｎｅ are done, 备注 is note. Used by the hints (GK104, GK105) and by `--fix`."""

from __future__ import annotations

import re
import unicodedata

# progress status: the words clerks write for each code (the codes' own labels first)
STATUS_WORDS = {
    "done": ("已完成", "完成", "已办结", "办结", "已落实", "已完结", "完结", "finished", "complete", "completed"),
    "in_progress": ("推进中", "进行中", "正在推进", "正在进行", "实施中", "办理中", "正在办理", "持续推进", "推进", "进行",
                    "ongoing", "doing", "in_process"),
    "not_started": ("未启动", "未开始", "尚未启动", "尚未开始", "未开展", "尚未开展"),
    "blocked": ("受阻", "阻塞", "停滞", "暂停"),
}

# keys written in Chinese (or as the label gk shows): 状态 → status
KEY_WORDS = {
    "任务": "task", "任务编号": "task", "编号": "task", "状态": "status", "进度": "status", "日期": "date", "时间": "date",
    "说明": "note", "备注": "note", "情况": "note", "进展": "note", "进展情况": "note", "佐证": "evidence",
    "附件": "evidence", "链接": "evidence", "佐证材料": "evidence", "单位": "unit", "季度": "period",
    "报送日期": "submitted_on", "条目": "entries", "进度条目": "entries",
}

_QUOTES = "“”‘’\"'「」『』《》"


def normalize(text: str) -> str:
    """ｄｏｎｅ → done, “Done” → done, in progress / in-progress → in_progress."""
    s = unicodedata.normalize("NFKC", text).strip().strip(_QUOTES).strip().casefold()
    return re.sub(r"[\s\-]+", "_", s)


def literal(value: object, expected: list[str]) -> tuple[str, str] | None:
    """(code, how) for a value that obviously means one of `expected`; how is "case" (Done, ｄｏｎｅ,
    “done”, in progress), "word" (进行中, finished, done（已完成）) or "typo" (doen); None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = normalize(value)
    if v in expected:
        return v, "case"
    said = re.search(r"[(（]([^()（）]*)[)）]$", v)
    bare = v[: said.start()].strip("_") if said else v  # done（已完成）
    if bare != v and bare in expected:
        words = STATUS_WORDS.get(bare)
        if words is None or said is None or said[1].strip("_") in {normalize(w) for w in words}:
            return bare, "word"
        return bare, "typo"  # done（已公开）: the brackets say more than the code; a fix would drop those words
    for code, words in STATUS_WORDS.items():
        if code in expected and v in {normalize(w) for w in words}:
            return code, "word"
    if v.isascii() and len(v) >= 3:
        from rapidfuzz import fuzz, process

        found = process.extract(v, expected, scorer=fuzz.ratio, limit=2, score_cutoff=70)
        if len(found) == 1 or (len(found) == 2 and found[0][1] > found[1][1]):
            neg = re.match(r"(?:un|non|not|no)_?", v)  # undone is no typo of done: its opposite
            if neg is None or found[0][0].startswith(neg[0]):
                return found[0][0], "typo"
    return None


def key(name: str, fields: list[str]) -> str | None:
    """The field a Chinese key name means, when it is one of `fields`."""
    f = KEY_WORDS.get(unicodedata.normalize("NFKC", name).strip())
    return f if f in fields else None


def written_date(value: object) -> str | None:
    """2023.9.25, 2023年9月25日, 2023/9/25, 2023-9-25 → 2023-09-25; None when it is no such date or
    is written so already (2023-2-30: not a date to guess at). The forms are the command line's (clock)."""
    import datetime as dt

    from .clock import _WRITTEN

    if not isinstance(value, str):
        return None
    m = _WRITTEN.match(unicodedata.normalize("NFKC", value).strip())
    if m is None:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None if day.isoformat() == value else day.isoformat()


def date_in_quarter(value: object, period: object) -> str | None:
    """A date written without its year (9月25日, 9-25) in a file of `period` (2023Q3): that year's
    date when the month is one of the quarter's; else None (a Q1 file's 12月20日: which December? a Q4
    file's 1月8日: nine months before, or the report window's January?)."""
    import datetime as dt

    from .repo import _NO_YEAR

    p = re.fullmatch(r"\s*(\d{4})\s*Q([1-4])\s*", period) if isinstance(period, str) else None
    m = _NO_YEAR.match(unicodedata.normalize("NFKC", value)) if isinstance(value, str) and p else None
    if m is None or not 3 * int(p[2]) - 2 <= int(m[1]) <= 3 * int(p[2]):
        return None
    try:
        return dt.date(int(p[1]), int(m[1]), int(m[2])).isoformat()
    except ValueError:
        return None


def entry(item: object, period: object) -> dict | None:
    """A progress entry as `gk lint --fix` would write it (已完成 → done, 2023年9月25日 → 2023-09-25), or
    None when nothing in it is fixed so. A typo (doen) is no fix: a guess."""
    if not isinstance(item, dict):
        return None
    fixed = dict(item)
    status = item.get("status")
    if isinstance(status, str) and status not in _STATUS_CODES:
        meant = literal(status, _STATUS_CODES)
        if meant is not None and meant[1] in ("case", "word"):
            fixed["status"] = meant[0]
    day = written_date(item.get("date")) or date_in_quarter(item.get("date"), period)
    if day is not None:
        fixed["date"] = day
    return fixed if fixed != item else None


_STATUS_CODES = list(STATUS_WORDS)
