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
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", v).strip("_")  # done（已完成）
    if bare != v and bare in expected:
        return bare, "word"
    for code, words in STATUS_WORDS.items():
        if code in expected and v in {normalize(w) for w in words}:
            return code, "word"
    if v.isascii() and len(v) >= 3:
        from rapidfuzz import fuzz, process

        found = process.extract(v, expected, scorer=fuzz.ratio, limit=2, score_cutoff=70)
        if len(found) == 1 or (len(found) == 2 and found[0][1] > found[1][1]):
            return found[0][0], "typo"
    return None


def key(name: str, fields: list[str]) -> str | None:
    """The field a Chinese key name means, when it is one of `fields`."""
    f = KEY_WORDS.get(unicodedata.normalize("NFKC", name).strip())
    return f if f in fields else None
