"""## 作用
检查单位的撤销日期 `ends_on` 不早于它的成立日期 `starts_on`。

## 为什么
`starts_on` 是单位存在的第一天，`ends_on` 是最后一天。撤销早于成立，单位就从未存在过：多半是两个日期中有一个年份
写错，或把另一个单位的日期抄了过来。哪一个错了无从判断，gk 不按成立日期计算（仍按撤销日期计算），直到改正。

## 错误示例
```yaml
units:
  - name: 县数据局
    kind: department
    starts_on: 2024-04-01
    ends_on: 2023-12-31
```

## 正确示例
```yaml
units:
  - name: 县数据局
    kind: department
    starts_on: 2024-04-01
    ends_on: 2025-12-31
```

## 修复
对照机构改革的文件改正 `starts_on` 或 `ends_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK219"
NAME = "unit-ends-before-start"
SEVERITY = "error"
SUMMARY = "单位的撤销日期早于成立日期"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for u in ctx.repo.units:
        if u.starts_on is None or u.ends_on is None or u.ends_on >= u.starts_on or ctx.resolver.units.get(u.name) is not u:
            continue
        yield ctx.finding(
            u.file, u.path + ("ends_on",),
            f"{u.name}的撤销日期 {u.ends_on} 早于成立日期 {u.starts_on}",
            "对照原文件改正 starts_on（成立的第一天）或 ends_on（撤销前的最后一天）；改正之前 gk 不按成立日期计算",
        )
