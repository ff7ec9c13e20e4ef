"""## 作用
检查方案（任务的 `units`、方案的 `plan.units`）没有点名在方案印发（生效）之前就已撤销的单位（写有结束日期 `ends_on`）。

## 为什么
单位撤销之后印发的方案不会再把任务派给它：多半是照抄了旧方案中的单位名称，或单位的撤销日期写错了。
gk 照样把这项任务记到接续单位 `successor` 名下（表中写作“接续单位（承接原单位）”）；没有接续单位的，
这项分派没有人承担（显示为“不再承担”）。原文确实如此的，照原文保留即可，所以这是警告。
通过分组（`各部门`、按类别的分组）派给它的，不报告：印发时它已不在分组中，gk 不会派给它。

## 错误示例
```yaml
# 县粮食局 ends_on: 2024-03-31, successor: 县发改局
plan:
  id: t2025
  title: 2025年政务公开工作要点
  issued_on: 2025-03-01
tasks:
  - id: t2025-01
    title: 公开粮食收储政策
    units: [县粮食局]
    deadline: 2025-06-30
```

## 正确示例
```yaml
plan:
  id: t2025
  title: 2025年政务公开工作要点
  issued_on: 2025-03-01
tasks:
  - id: t2025-01
    title: 公开粮食收储政策
    units: [县发改局]
    deadline: 2025-06-30
```

## 修复
核对原文件：改写为提示中的接续单位，或照原文保留（gk 按接续单位计算）；单位的撤销日期写错的，改正 `ends_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK216"
NAME = "plan-names-ended-unit"
SEVERITY = "warning"
SUMMARY = "方案点名了在它印发之前已撤销的单位"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    model = ctx.model
    if not model.ends:
        return
    from ...model import plan_starts

    starts: dict[int, object] = {}
    for ref in ctx.refs:
        if ref.where not in ("task", "plan"):
            continue
        plan = ref.owner if ref.where == "plan" else _plan_of(ctx, ref.owner)
        if plan is None:
            continue
        if id(plan) not in starts:
            starts[id(plan)] = plan_starts(plan)
        start = starts[id(plan)]
        r = ctx.resolve(ref.text)
        end = model.ends.get(r.name) if r.ok and not r.is_group else None  # type: ignore[arg-type]
        if end is None or start is None or not end.ends_on < start:  # type: ignore[operator]
            continue
        when = f"于 {plan.issued_on} 印发" if plan.issued_on is not None else f"自 {start} 起生效"  # type: ignore[attr-defined]
        holder = model.holder(r.name, start)  # type: ignore[arg-type]
        yield ctx.finding(
            ref.file, ref.path,
            f"{r.name}已于 {end.ends_on} 撤销，而方案 {plan.id} {when}",  # type: ignore[attr-defined]
            f"改写为接续单位“{holder}”，或照原文保留（它的任务由{holder}承接）" if holder
            else f"{r.name}没有接续单位（successor），这项分派没有人承担：改写为承接其职责的单位，或核对 ends_on",
        )


def _plan_of(ctx, task):
    info = ctx.info(task)
    return info.plan if info is not None else None
