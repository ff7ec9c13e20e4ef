"""## 作用
检查已撤销的单位（写有结束日期 `ends_on`）没有报送开始于撤销之后的季度的进度文件，进度条目的日期也不晚于撤销日期。

## 为什么
单位撤销后不再承担任务，也不再要求它报送进度：它的任务由接续单位 `successor` 承接，撤销之后的进展由接续单位
在自己的进度文件中报送（`gk status` 把原单位此前的进度与接续单位此后的进度当作同一项任务的历史）。以原单位的名义报送，
接续单位仍显示未报送，进度文件也不在接续单位名下。撤销当季的进度仍由原单位报送（它在该季度中存在过）。

## 错误示例
```yaml
# 文件：data/progress/2024Q2/县粮食局.yaml（县粮食局 ends_on: 2024-03-31, successor: 县发改局）
unit: 县粮食局
period: 2024Q2
entries:
  - task: t2023-01
    status: done
    date: 2024-05-20
```

## 正确示例
```yaml
# 文件：data/progress/2024Q2/县发改局.yaml
unit: 县发改局
period: 2024Q2
entries:
  - task: t2023-01
    status: done
    date: 2024-05-20
```

## 修复
把条目移到接续单位同一季度的进度文件（没有就新建，或用 `gk progress add 任务 --unit 接续单位`），删去原单位的文件；
单位的撤销日期写错的，改正 `ends_on`。没有接续单位的，撤销后的工作不再登记。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ._util import reports_of

CODE = "GK215"
NAME = "progress-after-unit-end"
SEVERITY = "error"
SUMMARY = "已撤销的单位报送了撤销之后的进度"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    model = ctx.model
    if not model.ends:
        return
    for rep, unit, end, q in reports_of(ctx, model.ends):
        if q.first_day > end.ends_on:
            holder = model.holder(unit, q.first_day)  # type: ignore[arg-type]
            yield ctx.finding(
                rep.file, ("unit",),
                f"{unit}已于 {end.ends_on} 撤销，不再报送 {q}（{q.label}）的进度",
                f"由接续单位报送：把条目移到 data/progress/{q}/{holder}.yaml，删去本文件" if holder
                else f"{unit}没有接续单位（successor）：撤销后的工作不再登记，删去本文件；由别的单位承接时，在 {unit} 的 successor 写明",
            )
            continue
        for e in rep.entries:
            if e.date > end.ends_on:
                holder = model.holder(unit, e.date)  # type: ignore[arg-type]
                yield ctx.finding(
                    rep.file, e.path + ("date",),
                    f"条目日期 {e.date} 晚于{unit}撤销的日期 {end.ends_on}",
                    f"撤销之后的进展由{holder}报送（写进 {holder} 的进度文件）；或改正日期" if holder
                    else "撤销之后的工作不再登记：改正日期，或删去这一条",
                )
