"""## 作用
检查每项任务、每个标准目录领域都落实到至少一个具体的责任单位。以下情形都算没有落实：
`units: []` 空列表；只写了开放式的 `others`（如“等县级有关部门”）；写的分组没有任何成员单位；
任务没有 `units`，方案也没有默认的 `plan.units`。

## 为什么
这是台账的根本：没有具体单位的任务谁也不会去做，到期也不会有人报送进度，`gk status` 里它永远“未启动”，却找不到可以催办的人。

## 错误示例
```yaml
tasks:
  - id: xh2023-05
    title: 规范政府信息公开申请办理
    others: 等县级有关部门
    deadline: 2023年底前
```

## 正确示例
```yaml
tasks:
  - id: xh2023-05
    title: 规范政府信息公开申请办理
    units: [县政府信息公开办, 县司法局]
    others: 等县级有关部门
    deadline: 2023年底前
```

## 修复
在 `units` 中写上至少一个具体单位（第一个是牵头单位），或写一个有成员的分组；面向所有单位的工作要点可在方案里写默认的 `plan.units`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK201"
NAME = "no-responsible-unit"
SEVERITY = "error"
SUMMARY = "任务或目录领域没有具体责任单位"
FIXABLE = False

_REPORTED_ELSEWHERE = ("unknown", "ambiguous", "cycle")


def check(ctx) -> Iterator[Finding]:
    plans_done: set[str] = set()
    for info in ctx.model.tasks:
        if info.units or any(r.problem in _REPORTED_ELSEWHERE for r in info.refs):
            continue
        if ctx.unreadable("units") and any(r.problem == "empty" for r in info.refs):
            continue  # a group's members may be in the units file that could not be read: one mistake, one finding
        t, file = info.task, info.file
        if info.from_plan_units:  # the plan's default names only empty groups: say it once, there
            if file not in plans_done:
                plans_done.add(file)
                yield ctx.finding(
                    file, ("plan", "units"),
                    "方案的默认责任单位（plan.units）没有任何成员单位",
                    "未写 units 的任务都由 plan.units 负责：给其中的分组添加成员，或写具体单位",
                )
            continue
        if t.units:  # written, but every reference is a group with no member
            j = next((j for j, r in enumerate(info.refs) if r.problem == "empty"), 0)
            name = info.refs[j].name or info.refs[j].ref
            yield ctx.finding(
                file, t.path + ("units", j),
                f"任务 {t.id} 没有具体责任单位：分组“{name}”没有任何成员单位",
                "给该分组添加成员（members，或单位的 groups:），或改写具体单位",
            )
        elif t.others:
            where = ("units",) if t.units is not None else ("others",)
            yield ctx.finding(
                file, t.path + where,
                f"任务 {t.id} 只写了“{t.others}”，没有具体责任单位",
                "others 只原样保留开放式的表述，不指向任何单位：在 units 中写上牵头单位等具体单位",
            )
        elif t.units is not None:
            yield ctx.finding(
                file, t.path + ("units",),
                f"任务 {t.id} 的责任单位为空",
                "在 units 中写上至少一个具体单位，第一个为牵头单位",
            )
        elif not ctx.misspelt(t, "units"):  # (unist: [县财政局]: GK104 says it)
            yield ctx.finding(
                file, t.path,
                f"任务 {t.id} 没有责任单位（units），方案也没有默认责任单位（plan.units）",
                "给任务写 units: [牵头单位, …]，或在方案中写 plan.units",
            )
    for d in ctx.repo.catalog:
        refs = [*d.county_units, *d.township_units]
        units, res = ctx.resolver.expand_all(refs)
        if units or any(r.problem in _REPORTED_ELSEWHERE for r in res) or ctx.misspelt(d, "county_units") or ctx.misspelt(d, "township_units"):
            continue
        where = next(((k,) for k in ("county_units", "township_units") if ctx.written(d.file, d.path + (k,))), ("name",))
        yield ctx.finding(
            d.file, d.path + where,
            f"标准目录领域“{d.name}”没有具体编制单位",
            "在 county_units（县级编制单位）和 township_units（乡级编制单位）中写上具体单位或有成员的分组",
        )
