"""## 作用
找出日期早于其任务所属方案生效日的进度条目。方案的生效日是它的发布日期 `issued_on`；没有写发布日期时，取方案编号或标题中年份的 1 月 1 日。
方案生效之后、本季度之前的日期（上个季度的进展补报）不在此列。

## 为什么
方案还没有发布，就不会有针对它的进展：这样的日期多半是从去年的文件复制来、忘了改年份（2022-09-25 写在 2023 年的方案下）。
gk 照样按这个日期计算状态，报告里的完成日期和是否逾期都会跟着错。

## 错误示例
```yaml
# 方案 xh2023 发布于 2023-04-10
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-06
    status: done
    date: 2022-09-25
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-06
    status: done
    date: 2023-09-25
```

## 修复
改正日期（多半是年份）。不能自动修复。
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...findings import Finding
from ...model import plan_starts
from ...periods import Quarter

CODE = "GK410"
NAME = "entry-before-plan"
SEVERITY = "warning"
SUMMARY = "进度条目的日期早于方案生效日"
FIXABLE = False


def _this_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 02-29
        return None


def check(ctx) -> Iterator[Finding]:
    starts: dict[str, dt.date | None] = {}
    for rep in ctx.repo.progress:
        try:
            q = Quarter.parse(rep.period)
        except ValueError:
            q = None
        for e in rep.entries:
            info = ctx.model.by_id.get(e.task)
            if info is None:
                continue  # GK402
            plan = info.plan
            if plan.id not in starts:
                starts[plan.id] = plan_starts(plan)
            start = starts[plan.id]
            if start is None or e.date >= start:
                continue
            what = f"发布日期 {start.isoformat()}" if plan.issued_on is not None else f"生效日 {start.isoformat()}（方案没有写 issued_on，按其年份的 1 月 1 日）"
            meant = _this_year(e.date, q.year) if q is not None else None
            if meant is not None and start <= meant <= q.last_day:
                hint = f"年份多半写错了（从旧文件复制？）：是不是 {meant.isoformat()}？"
            else:
                hint = "改正日期：方案生效以前不会有它的进展"
            yield ctx.finding(
                rep.file, e.path + ("date",),
                f"条目日期 {e.date.isoformat()} 早于任务 {e.task} 所属方案 {plan.id} 的{what}",
                hint,
            )
