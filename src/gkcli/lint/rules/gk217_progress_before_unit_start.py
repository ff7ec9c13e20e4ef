"""## 作用
检查机构改革中新组建的单位（写有成立日期 `starts_on`）没有报送结束于成立之前的季度的进度文件，进度条目的日期也不早于成立日期。

## 为什么
单位成立之前不存在，不承担任务，也不要求它报送那些季度的进度（`gk status` 的“未报送”不列它）。成立之前的工作
是它承接的原单位的：原单位撤销前的进展由原单位在自己的进度文件中报送。写进新单位名下的，多半是日期或季度写错，
或是把原单位的进展记到了新单位名下。这样的条目不计入任何数字（任务不因此完成，文件也不算“已报送”）。
成立当季的进度由新单位报送（它在该季度结束时已经存在）。

## 错误示例
```yaml
# 文件：data/progress/2024Q1/县农业农村局.yaml（县农业农村局 starts_on: 2024-04-01，承接县农业局）
unit: 县农业农村局
period: 2024Q1
entries:
  - task: t2023-01
    status: in_progress
    date: 2024-03-10
```

## 正确示例
```yaml
# 文件：data/progress/2024Q1/县农业局.yaml（县农业局 ends_on: 2024-03-31, successor: 县农业农村局）
unit: 县农业局
period: 2024Q1
entries:
  - task: t2023-01
    status: in_progress
    date: 2024-03-10
```

## 修复
成立之前的进展移到原单位同一季度的进度文件（原单位是写了 `successor` 为本单位的单位），删去新单位的这个文件；
日期写错的改正日期；单位的成立日期写错的，改正 `starts_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...periods import Quarter
from ._util import reports_of

CODE = "GK217"
NAME = "progress-before-unit-start"
SEVERITY = "error"
SUMMARY = "单位报送了成立之前的进度"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    model = ctx.model
    if not model.starts:
        return
    for rep, unit, start, q in reports_of(ctx, model.starts):
        if q.last_day < start:
            before = model.predecessors(unit, q.first_day, {e.task for e in rep.entries}, q.last_day)  # type: ignore[arg-type]
            if len(before) == 1:
                move = f"把条目移到 data/progress/{q}/{before[0]}.yaml，删去本文件"
            else:
                move = f"把每一条移到承担该任务的原单位的进度文件（data/progress/{q}/<单位>.yaml），删去本文件"
            yield ctx.finding(
                rep.file, ("unit",),
                f"{unit}于 {start} 成立，不报送成立之前的 {q}（{q.label}）的进度",
                f"成立之前的进展由原单位{'、'.join(before)}报送：{move}；或核对 starts_on"
                if before else f"核对季度与日期（成立之后的写进 {Quarter.of(start)} 或之后的季度），或核对{unit}的 starts_on",
            )
            continue
        for e in rep.entries:
            if e.date < start:
                before = model.predecessors(unit, e.date, {e.task})  # type: ignore[arg-type]
                yield ctx.finding(
                    rep.file, e.path + ("date",),
                    f"条目日期 {e.date} 早于{unit}成立的日期 {start}",
                    f"成立之前的进展由原单位{'、'.join(before)}报送（写进它的进度文件）；或改正日期" if before
                    else f"改正日期（{start} 或之后），或核对{unit}的 starts_on",
                )
