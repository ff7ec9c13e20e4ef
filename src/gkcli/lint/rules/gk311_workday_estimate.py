"""## 作用
按工作日计算的完成时限（`…起20个工作日内`、`每季度结束后10个工作日内`、`每月最后一个工作日`、`（节假日顺延）`），到期日落在 gk
所用的节假日日历（chinesecalendar 库）还没有收入放假安排的年份时，提醒这个到期日是估算的。

一次性的时限看它的到期日；周期性的时限看方案期内（方案的年份，写了 `ends_on` 的到结束日期）各期的到期日，报第一个估算的。

## 为什么
工作日要除去法定节假日、加上调休上班的周六日。国务院每年年底才公布下一年的放假安排，日历库随后更新；还没有这一年的安排时，
gk 只能按周一至周五（除去元旦、五一、国庆这几个日期固定的假日）计算，春节、清明、端午、中秋的假日与调休都没有算进去，
到期日可能早几天或晚几天。gk 不悄悄这样算：这里说明哪一项、哪一天是估算的。

## 错误示例
```yaml
plan:
  id: gk2030
  title: 2030年政务公开工作要点
  issued_on: 2030-01-10
tasks:
  - id: gk2030-01
    title: 报送工作进展
    units: [县政府办]
    deadline: 每季度结束后10个工作日内
```

## 正确示例
```yaml
plan:
  id: gk2030
  title: 2030年政务公开工作要点
  issued_on: 2030-01-10
tasks:
  - id: gk2030-01
    title: 报送工作进展
    units: [县政府办]
    deadline: 每季度结束后15日内
```

## 修复
多半不必改：放假安排公布后，升级 chinesecalendar（`pip install -U chinesecalendar`，或升级 gk）即按实际的工作日计算，提醒随之消失。
等不及时，可改写成按日历日计的时限（`每季度结束后15日内`），或直接写出日期。不能自动修复。
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ... import deadlines
from ...findings import Finding

CODE = "GK311"
NAME = "workday-estimate"
SEVERITY = "warning"
SUMMARY = "按工作日计的到期日落在节假日安排未知的年份（估算）"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for info in ctx.model.tasks:
        dl = info.deadline
        if dl is None or not dl.workdays:
            continue
        start, end = _span(info)
        if start is None or end is None:
            continue
        due = deadlines.estimated_due(dl, start, end)
        if due is None:
            continue
        what = f"其中 {due.isoformat()} 及以后各期的到期日" if dl.kind == "recurring" else f"到期日 {due.isoformat()} "
        yield ctx.finding(
            info.file, info.task.path + ("deadline",),
            f"完成时限“{info.task.deadline}”按工作日计算，{what}是估算的：节假日日历（chinesecalendar 库）还没有 {due.year} 年的放假安排，"
            f"暂按周一至周五（除元旦、五一、国庆）计算，春节等假日与调休没有算进去",
            "放假安排公布后升级 chinesecalendar（pip install -U chinesecalendar）即按实际工作日计算；等不及时，"
            + ("可改写成按日历日计的时限（如 每季度结束后15日内）" if dl.kind == "recurring" else "可直接写出到期的日期"),
        )


def _span(info) -> tuple[dt.date | None, dt.date | None]:
    """The days a task's due days are judged in: the plan's year (from its issue day), to its ends_on when it has one."""
    plan = info.plan
    year = deadlines.plan_year_of(plan.issued_on, plan.id, plan.title)
    if info.deadline.kind != "recurring":
        return dt.date.min, dt.date.max
    if year is None:
        return None, None
    start = max(dt.date(year, 1, 1), plan.issued_on) if plan.issued_on and plan.issued_on.year == year else dt.date(year, 1, 1)
    return start, plan.ends_on or dt.date(year, 12, 31)
