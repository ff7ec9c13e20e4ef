"""## 作用
找出一个单位在同一季度中，对同一项任务、同一天写了两个不同状态的条目（例如上面新写了 `done`，下面旧的 `in_progress` 忘了删）。

## 为什么
同一天只能有一个状态。gk 按写在后面的那条计算，不会提示：新写的“已完成”放在旧条目上面时，任务仍算作推进中，台账与实际不符。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-06
    status: done
    date: 2023-09-25
    note: 已公开
  - task: xh2023-06
    status: in_progress
    date: 2023-09-25
    note: 正在整理
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-06
    status: done
    date: 2023-09-25
    note: 已公开
```

## 修复
删去已经过时的那条；两条确实是不同日子的进展时，改正日期。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...status import ENTRY_LABELS

CODE = "GK409"
NAME = "same-day-statuses"
SEVERITY = "warning"
SUMMARY = "同一任务同一天写了两个不同的状态"
FIXABLE = False

def check(ctx) -> Iterator[Finding]:
    # history is sorted by (quarter, date, place in file): entries of one day of one quarter are
    # neighbours, and the last of them is the one gk status counts
    for (task, _unit), refs in ctx.model.history.items():
        for before, ref in zip(refs, refs[1:]):
            a, b = before.entry, ref.entry
            if before.report.period != ref.report.period or a.date != b.date or a.status == b.status:
                continue
            line = ctx.locate(before.report.file, a.path)[0]
            # (a path is set apart by spaces: …yaml:5是旧的 read as one word)
            where = f"第 {line} 行" if before.report.file == ref.report.file else f" {before.report.file}:{line} "
            yield ctx.finding(
                ref.report.file, b.path,
                f"任务 {task} 在 {b.date.isoformat()} 有两个状态：{where.lstrip()}写 {a.status}（{ENTRY_LABELS.get(a.status, a.status)}），"
                f"这条写 {b.status}（{ENTRY_LABELS.get(b.status, b.status)}）；gk 按这条计算",
                f"同一天只保留一条：这条是旧的就删去这条，{where}是旧的就删去{where}的那条",
            )
