"""## 作用
检查每个字段的值类型正确（列表、日期、文字、整数），必填字段（如单位的 `name`、任务的 `id` 与 `title`、进度的 `unit` 与 `period`）都已填写，取值在允许范围内（如 `status`、`kind`），文件不是空的。

## 为什么
类型不对的值无法使用。计算状态要用的字段（任务的 `id`、`title`、`units`，进度的 `task`、`status`、`date`，方案的 `id`、`issued_on` 等）写错时，gk 只好跳过整条记录，于是这条任务或这条进度在台账中消失。例如 `date: 2023-9-12`（月份未补零）不是日期。其余字段写错时按没有写处理，记录照样计入：任务的 `detail`、`category`、`others`，方案的 `issued_by`、`categories`，进度的 `note`、`evidence`，单位与分组除名称外的字段；任务的 `deadline` 写错（如写成列表）按没有时限计（与无法识别的时限相同）。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: 已完成
    date: 2023-9-12
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: done
    date: 2023-09-12
```

## 修复
按提示改正取值：日期写作 2023-09-12，状态用 not_started / in_progress / done / blocked，列表写作 [甲, 乙]。
`gk lint --fix` 可以自动修复进度文件中意思明确的几种：状态写成中文（已完成、推进中、进行中、未启动、受阻…）或大小写、全角不同（Done、ｄｏｎｅ），日期写成 2023.9.25、2023年9月25日、2023/9/25、2023-9-25（改为 2023-09-25），季度写成 2023年第三季度、2023年三季度、2023-Q3、2023q3（改为 2023Q3；`gk report --quarter` 等命令的选项接受这些写法，文件中只写 2023Q3）；没写年份的日期（`9月25日`、`9-25`），
月份是文件所属季度的月份的，补上该季度的年份（2023Q3 的文件中 `9月25日` → 2023-09-25；`12月1日`、2023Q4 文件中的 `1月8日`
是哪一年说不清，只给提示）。拼错的状态（doen）只给提示，不自动改。
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from ...findings import Finding
from ..fix import Edit

CODE = "GK105"
NAME = "wrong-type"
SEVERITY = "error"
SUMMARY = "字段类型不对或缺少必填字段"
FIXABLE = True

_STATUSES = ["not_started", "in_progress", "done", "blocked"]
# a whole date with the year, in the ways people write one (2023.9.25, 2023年9月25日, 2023/9/25, 2023-9-25)
_WRITTEN = re.compile(r"^(\d{4})\s*(?:-|年|\.|/)\s*(\d{1,2})\s*(?:-|月|\.|/)\s*(\d{1,2})\s*日?$")


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)


def _iso(value) -> str | None:
    import datetime as dt

    if not isinstance(value, str):
        return None
    m = _WRITTEN.match(unicodedata.normalize("NFKC", value).strip())
    if m is None:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None  # 2023-2-30: not a date to guess at
    return None if day.isoformat() == value else day.isoformat()


def _quarter(value) -> str | None:
    """The quarter a period plainly means, in the one spelling a file keeps (2024年第三季度, 2024年三季度,
    2024-Q3, 2024q3 → 2024Q3: what --quarter takes); None when it is none (第三季度, 2024Q5)."""
    from ...periods import Quarter

    if not isinstance(value, str):
        return None
    try:
        return str(Quarter.from_option(value))
    except ValueError:
        return None


def _in_year(value, period) -> str | None:
    """A date written without its year (9月25日, 9-25) in a file of `period` (2023Q3): that year's
    date when the month is one of the quarter's; else None (a Q1 file's 12月20日: which December? a Q4
    file's 1月8日: nine months before, or the report window's January?)."""
    import datetime as dt

    from ...repo import _NO_YEAR

    p = re.fullmatch(r"\s*(\d{4})\s*Q([1-4])\s*", period) if isinstance(period, str) else None
    m = _NO_YEAR.match(unicodedata.normalize("NFKC", value)) if isinstance(value, str) and p else None
    if m is None or not 3 * int(p[2]) - 2 <= int(m[1]) <= 3 * int(p[2]):
        return None
    try:
        return dt.date(int(p[1]), int(m[1]), int(m[2])).isoformat()
    except ValueError:
        return None


def fixes(ctx) -> Iterator[Edit]:
    """Progress values whose meaning is plain: a status in Chinese or in another case, a date with
    its year written another way. A typo (doen) is only hinted at: a guess is not a fix."""
    from ...meant import literal

    for rel, doc in sorted(ctx.repo.docs.items()):
        if not rel.startswith("data/progress/") or not isinstance(doc.data, dict):
            continue
        period = doc.data.get("period")
        if (quarter := _quarter(period)) is not None and quarter != period:
            yield Edit(rel, ("period",), period, quarter, CODE, f"period “{period}” → {quarter}")
        if (iso := _iso(doc.data.get("submitted_on"))) is not None:
            old = doc.data["submitted_on"]
            yield Edit(rel, ("submitted_on",), old, iso, CODE, f"submitted_on “{old}” → {iso}")
        entries = doc.data.get("entries")
        for i, e in enumerate(entries if isinstance(entries, list) else ()):
            if not isinstance(e, dict):
                continue
            status = e.get("status")
            if isinstance(status, str) and status not in _STATUSES:
                meant = literal(status, _STATUSES)
                if meant is not None and meant[1] in ("case", "word"):
                    yield Edit(rel, ("entries", i, "status"), status, meant[0], CODE, f"status “{status}” → {meant[0]}")
            if (iso := _iso(e.get("date")) or _in_year(e.get("date"), quarter or period)) is not None:
                yield Edit(rel, ("entries", i, "date"), e["date"], iso, CODE, f"date “{e['date']}” → {iso}")
