"""## 作用
检查撤销的单位的接续单位 `successor` 不晚于撤销日期 `ends_on` 的次日成立（接续单位的成立日期 `starts_on`）。

## 为什么
单位撤销的次日起，它的任务由接续单位承接。接续单位成立得更晚时，中间的日子里没有单位承担这些任务：原单位已不存在，
接续单位还没有成立，这段时间的季度不要求任何一方报送，接续单位只从成立之日起报送承接的工作（`gk status` 仍把任务记在
接续单位名下，到期未完成照样是已逾期）。多半是两个日期中有一个写错（常见的是原单位撤销在 3 月 31 日、新单位 4 月 1 日成立）；
确实如此的照原文保留。

## 错误示例
```yaml
units:
  - name: 县农业局
    kind: department
    ends_on: 2024-03-31
    successor: 县农业农村局
  - name: 县农业农村局
    kind: department
    starts_on: 2024-07-01
```

## 正确示例
```yaml
units:
  - name: 县农业局
    kind: department
    ends_on: 2024-03-31
    successor: 县农业农村局
  - name: 县农业农村局
    kind: department
    starts_on: 2024-04-01
```

## 修复
对照机构改革的文件核对原单位的 `ends_on`（最后一天）与接续单位的 `starts_on`（第一天）；中间确实有空档的，照原文保留。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK218"
NAME = "successor-starts-late"
SEVERITY = "warning"
SUMMARY = "接续单位在原单位撤销之后过了一段时间才成立"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    model = ctx.model
    if not model.starts or not model.ends:
        return
    for u in ctx.repo.units:
        end = model.ends.get(u.name)
        if end is None or end.successor is None or u.name in model.lost or ctx.resolver.units.get(u.name) is not u:
            continue
        start = model.starts.get(end.successor)
        if start is None or start <= end.day_after:
            continue
        yield ctx.finding(
            u.file, u.path + ("successor",),
            f"接续单位“{end.successor}”于 {start} 成立，{u.name}在 {end.ends_on} 撤销，中间 {(start - end.day_after).days} 天没有单位承担它的任务",
            f"核对{u.name}的 ends_on 与{end.successor}的 starts_on（通常是撤销的次日 {end.day_after} 成立）；确有空档的照原文保留：这期间不要求报送，{end.successor}从 {start} 起承接",
        )
