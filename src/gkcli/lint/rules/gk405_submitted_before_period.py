"""## 作用
检查进度文件的报送日期 `submitted_on` 不早于所在季度的第一天。

## 为什么
季度还没开始就报送了这个季度的进度，几乎总是把 `period` 或日期写错了年份或季度。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-04-08
entries: []
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries: []
```

## 修复
改正 `submitted_on` 或 `period`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...periods import Quarter

CODE = "GK405"
NAME = "submitted-before-period"
SEVERITY = "error"
SUMMARY = "报送日期早于季度开始"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for rep in ctx.repo.progress:
        sub = rep.header.submitted_on
        if sub is None:
            continue
        try:
            q = Quarter.parse(rep.period)
        except ValueError:
            continue
        if sub < q.first_day:
            yield ctx.finding(
                rep.file, ("submitted_on",),
                f"报送日期 {sub.isoformat()} 早于 {q} 的第一天（{q.first_day.isoformat()}）",
                "核对 submitted_on 与 period 的年份和季度",
            )
