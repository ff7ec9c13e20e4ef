"""## 作用
检查任务的完成时限不晚于方案的年份 5 年以上（方案的年份取自 `issued_on`、标题或编号，见 GK310）。

## 为什么
政务公开方案的任务少有五年以后才到期的：`2042年6月底前` 写在 2024 年的方案里，多半是 `2024年` 打错了数字的顺序。
这样的任务要到那一年才会显示“已逾期”，督办就漏掉了它。原文确实如此的（长远规划）也有，所以这是警告，不是错误。

## 错误示例
```yaml
plan:
  id: xh2024
  title: 2024年政务公开工作要点
  issued_on: 2024-03-01
tasks:
  - id: xh2024-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2042年6月底前
```

## 正确示例
```yaml
plan:
  id: xh2024
  title: 2024年政务公开工作要点
  issued_on: 2024-03-01
tasks:
  - id: xh2024-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2024年6月底前
```

## 修复
对照原文件改正时限的年份；原文确实如此的不必改。不能自动修复。
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

from ... import deadlines
from ...findings import Finding

CODE = "GK312"
NAME = "deadline-far-after-plan"
SEVERITY = "warning"
SUMMARY = "完成时限晚于方案的年份 5 年以上"
FIXABLE = False

_YEARS = 5  # a three-year plan (2024—2026年) ends well within; a year beyond this is most likely mistyped


def check(ctx) -> Iterator[Finding]:
    for info in ctx.model.tasks:
        dl, plan = info.deadline, info.plan
        if dl is None or dl.due is None:
            continue
        year = deadlines.plan_year_of(plan.issued_on, plan.id, plan.title)
        if year is None or dl.due.year - year <= _YEARS:
            continue
        if (plan.ends_on is not None and dl.due <= plan.ends_on) or dl.due.year <= _title_end(plan.title):
            continue  # a long plan says so (2021—2035年…规划, ends_on 2035-12-31): its last years are no typo
        typo = _swapped(dl.due.year, year)
        yield ctx.finding(
            info.file, info.task.path + ("deadline",),
            f"完成时限“{info.task.deadline}”（{dl.due.isoformat()}）比方案的年份 {year} 年晚 {dl.due.year - year} 年",
            (f"{dl.due.year} 年多半是 {typo} 年之误（两位数字颠倒）；" if typo else "") + "对照原文件核对时限的年份；原文确实如此的照原文保留",
        )


def _swapped(wrong: int, year: int) -> int | None:
    """The plan's year or the next, when two digits of `wrong` swapped give it (2042 → 2024, 2204 → 2024)."""
    digits = str(wrong)
    for i, j in combinations(range(len(digits)), 2):
        d = list(digits)
        d[i], d[j] = d[j], d[i]
        if int("".join(d)) in (year, year + 1):
            return int("".join(d))
    return None


def _title_end(title: str | None) -> int:
    """The last year a plan's title names (2021—2035年法治政府建设规划 → 2035), else 0."""
    import re
    import unicodedata

    m = re.search(r"((?:19|20)\d{2})\s*年?\s*[-—–―~至到]\s*((?:19|20)\d{2})\s*年", unicodedata.normalize("NFKC", title or ""))
    return int(m[2]) if m else 0
