"""## 作用
检查单位的接续单位 `successor` 能识别为一个单位（不是分组、不是本单位自己），写了 `successor` 的单位也写了
结束日期 `ends_on`，接续关系没有循环，接续单位也没有在本单位之前就已撤销。

## 为什么
单位撤销或并入其他单位（机构改革）后，它的任务由 `successor` 写的单位承接：`gk status`、报告和台账据此把任务
记到接续单位名下，并要求接续单位报送进度。接续单位认不出来、是分组或循环时，任务就没有人承接，显示为“不再承担”；
没有 `ends_on` 的 `successor` 则不起任何作用。接续单位早已撤销，多半是写成了中间的旧单位。

## 错误示例
```yaml
units:
  - name: 县粮食局
    kind: department
    ends_on: 2024-03-31
    successor: 县发展改革局
  - name: 县发改局
    full_name: 测试县发展和改革局
    kind: department
```

## 正确示例
```yaml
units:
  - name: 县粮食局
    kind: department
    ends_on: 2024-03-31
    successor: 县发改局
  - name: 县发改局
    full_name: 测试县发展和改革局
    kind: department
```

## 修复
把 `successor` 改成承接工作的那个单位在 data/units/ 中的名称（或别名）；单位的职责分给了几个单位时，写承接主要工作的
那一个，其余的在新方案中点名。原文没有撤销日期的，补上 `ends_on`（撤销前的最后一天）。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...lists import quoted
from ...units import name_key
from ._util import did_you_mean

CODE = "GK214"
NAME = "unit-successor"
SEVERITY = "error"
SUMMARY = "接续单位无法识别、是分组、循环或没有结束日期"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    units = ctx.resolver.units
    cycles = list(_cycles(ctx))
    in_cycle = {name for _, cycle in cycles for name in cycle}
    for u in ctx.repo.units:
        if u.successor is None or units.get(u.name) is not u:  # (a name written twice is GK204's)
            continue
        at = u.path + ("successor",)
        r = ctx.resolve(u.successor)
        if not name_key(u.successor):
            yield ctx.finding(u.file, at, f"{u.name} 的接续单位是空的", "写承接其工作的单位；没有接续单位的，删去 successor")
        elif r.problem == "unknown":
            if not ctx.maybe_dropped("units", u.successor):
                yield ctx.finding(u.file, at, f"接续单位“{u.successor}”无法识别",
                                  did_you_mean(r.candidates, "写承接工作的单位在 data/units/ 中的名称或别名；新组建的单位先在 data/units/ 中添加"))
        elif r.problem == "ambiguous":
            yield ctx.finding(u.file, at, f"接续单位“{u.successor}”有歧义：同时指向 {quoted(r.candidates)}",
                              "写接续单位在 data/units/ 中的名称（name）")
        elif r.is_group:
            yield ctx.finding(u.file, at, f"接续单位“{u.successor}”是分组，应为一个单位",
                              "写承接主要工作的那一个单位；其余单位在新方案中点名")
        elif r.name == u.name:
            yield ctx.finding(u.file, at, f"{u.name} 的接续单位是它自己",
                              "写承接其工作的另一个单位；单位只是更名的，不写 ends_on 与 successor，把旧名写进 aliases")
        elif u.ends_on is None:
            yield ctx.finding(u.file, at, f"{u.name} 写了接续单位“{u.successor}”，却没有结束日期 ends_on",
                              "补上单位撤销或并入的日期 ends_on（撤销前的最后一天，如 2024-03-31）；没有撤销的，删去 successor")
        else:
            succ = units.get(r.name)  # type: ignore[arg-type]
            if succ is not None and succ.ends_on is not None and succ.ends_on < u.ends_on and u.name not in in_cycle:
                yield ctx.finding(u.file, at, f"接续单位“{r.name}”已于 {succ.ends_on} 撤销，早于{u.name}的结束日期 {u.ends_on}",
                                  f"写实际承接工作的单位{_next(ctx, r.name)}；或核对两个 ends_on")
    for f, _ in cycles:
        yield f


def _next(ctx, name: str) -> str:
    """（如“县乙局”，县甲局的接续单位）"""
    end = ctx.model.ends.get(name)
    return f"（如“{end.successor}”，{name}的接续单位）" if end is not None and end.successor else ""


def _cycles(ctx) -> Iterator[tuple[Finding, list[str]]]:
    """A → B → A: each unit's work goes to the other, and no one in being carries it. Said once, at the
    first unit of the cycle in file order."""
    from ...model import successor_cycles

    on: dict[str, list[str]] = {u: c for c in successor_cycles(ctx.model.ends) for u in c}
    said: set[frozenset] = set()
    for u in ctx.repo.units:
        if u.name not in on or ctx.resolver.units.get(u.name) is not u or frozenset(on[u.name]) in said:
            continue
        c = on[u.name]
        cycle = c[c.index(u.name):] + c[:c.index(u.name)]  # from the first of it in file order
        said.add(frozenset(cycle))
        yield ctx.finding(u.file, u.path + ("successor",), "接续单位循环：" + " → ".join([*cycle, cycle[0]]),
                          "改正其中一个单位的 successor，写实际承接工作的、仍在运行的单位"), cycle
