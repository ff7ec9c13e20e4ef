"""## 作用
检查进度条目属于一项派给本单位的任务：任务的 `units`（展开分组后，或方案的默认 `plan.units`）中有这个单位。
任务写有开放式的 `others`（如“等县级有关部门”）时只是警告：这条进度会显示，但不计入完成情况。

## 为什么
不属于本单位的进度不会计入任何一个责任单位：通常是任务编号抄错了，或方案里漏写了这个单位。

## 错误示例
```yaml
# xh2023-03 的责任单位是 [县财政局]
unit: 县民政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-12
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-12
```

## 修复
核对任务编号；确实由本单位承担时，请方案的管理部门在任务的 `units` 中加上本单位。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK403"
NAME = "unassigned-unit"
SEVERITY = "error"
SUMMARY = "进度来自不是该任务责任单位的单位"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for rep in ctx.repo.progress:
        unit = ctx.resolver.canonical(rep.unit)
        if unit is None or unit not in ctx.resolver.units:
            continue  # unknown or a group: GK202 / GK401
        for e in rep.entries:
            info = ctx.model.by_id.get(e.task)
            if info is None or unit in info.units or ctx.model.carries(info, unit, e.date):
                continue  # (a successor reports on the work it took over from a unit that ended: docs/decisions.md)
            if ctx.model.starts and ctx.model.entry_before_start(unit, rep.period, e.date):
                continue  # filed before the unit was formed: GK217 says so, once
            if any(r.problem in ("unknown", "ambiguous") for r in info.refs):
                continue  # a name in the task's units could not be resolved (GK202/GK203): it may be this unit
            if _successor_unread(ctx, info, unit):
                continue  # its unit's successor: is wrongly written (GK214, GK105): that one finding says it
            names = "、".join(info.units[:6]) + ("等" if len(info.units) > 6 else "")
            if info.task.others:
                yield ctx.finding(
                    rep.file, e.path + ("task",),
                    f"{unit} 不在任务 {e.task} 列出的责任单位中（任务写有“{info.task.others}”）",
                    "这条进度会显示，但不计入完成情况；确由本单位承担时，请在任务的 units 中加上本单位",
                    severity="warning",
                )
            elif later := _taken_over_later(ctx, info, unit):
                yield ctx.finding(
                    rep.file, e.path + ("task",),
                    f"{unit} 自 {later[2]} 起才承接{later[0]}的任务 {e.task}，条目日期 {e.date} 在此之前",
                    f"此前的进展由{later[1]}报送；承接之后的进展写 {later[2]} 或之后的日期",
                )
            else:
                yield ctx.finding(
                    rep.file, e.path + ("task",),
                    f"{unit} 不是任务 {e.task} 的责任单位",
                    f"该任务的责任单位：{names or '（无）'}；核对任务编号，或请方案管理部门在 units 中加上本单位",
                )


def _taken_over_later(ctx, info, unit: str):
    """(the ended unit, the one reporting its work before `unit`, the day `unit` took it over) when `unit`
    is its successor (or theirs, down a chain), else None."""
    model = ctx.model
    if ctx.dropped("units", unit):  # written in a field the loader left out (successor: [县农业农村局])
        return True
    for u in info.units:
        if u in model.ends and (t := model.takeover(u, unit)) is not None:
            return u, t[0], t[1]
    return None


def _successor_unread(ctx, info, unit: str) -> bool:
    """Is one of the task's units an ended unit whose `successor:` cannot be followed (misspelt, a group:
    model.lost), or one that names `unit` as successor without an ends_on, or is `unit` written in a unit's
    field the loader left out (successor: [县农业农村局])? Then `unit` may well be the successor meant, and
    the finding on units.yaml is the one to fix, not this file."""
    model = ctx.model
    if ctx.dropped("units", unit):  # written in a field the loader left out (successor: [县农业农村局])
        return True
    for u in info.units:
        if u in model.lost:
            return True
        rec = ctx.resolver.units.get(u)
        written = getattr(rec, "successor", None) if rec is not None else None
        if written and getattr(rec, "ends_on", None) is None and ctx.resolver.canonical(written) == unit:
            return True
    return False
