"""## 作用
检查进度条目的 `date`（达到该状态的日期）不晚于所在季度的最后一天，也不晚于文件的报送日期 `submitted_on`。

## 为什么
报送时还没有发生的事不能写进报送：`2023Q3` 的文件里写 10 月的完成日期，会让任务在季度报告里提前显示“已完成”。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries:
  - task: xh2023-03
    status: done
    date: 2023-10-20
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries:
  - task: xh2023-03
    status: in_progress
    date: 2023-09-25
```

## 修复
写达到该状态的真实日期；季度结束后才完成的，写进下一季度的进度文件。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...periods import Quarter

CODE = "GK404"
NAME = "entry-after-period"
SEVERITY = "error"
SUMMARY = "进度条目的日期晚于季度末或报送日期"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for rep in ctx.repo.progress:
        try:
            q = Quarter.parse(rep.period)
        except ValueError:
            continue
        sub, last = rep.header.submitted_on, q.last_day
        for e in rep.entries:
            if e.date > last:
                yield ctx.finding(
                    rep.file, e.path + ("date",),
                    f"条目日期 {e.date.isoformat()} 晚于 {q} 的最后一天（{q.last_day.isoformat()}）",
                    f"季度结束后的进展写进 {q.next()} 的进度文件",
                )
            elif sub is not None and e.date > sub:
                yield ctx.finding(
                    rep.file, e.path + ("date",),
                    f"条目日期 {e.date.isoformat()} 晚于报送日期 submitted_on（{sub.isoformat()}）",
                    "报送时还没有发生的事不能写进报送：改正日期或 submitted_on",
                )
