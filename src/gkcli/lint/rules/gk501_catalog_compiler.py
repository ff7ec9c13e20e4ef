"""## 作用
检查标准目录的每个领域既有县级编制单位（`county_units`），也有乡级编制单位（`township_units`），且都能展开成具体单位。两级都没有时由 GK201 报告。

## 为什么
基层政务公开标准目录要县、乡两级分别编制：缺了一级，那一级的目录就没人编，检查时才发现已经来不及。

这是**警告**：领域只要能落到至少一个具体单位，数据就是对的（DESIGN.md 只要求这一点，两级都没有是 GK201 的错误）；
缺一级多半是漏写，但也有只在一级编制的领域。

## 错误示例
```yaml
name: 重大建设项目
"no": 1
county_units: [县发改局]
township_units: []
```

## 正确示例
```yaml
name: 重大建设项目
"no": 1
county_units: [县发改局]
township_units: [各乡镇人民政府、街道办事处]
```

## 修复
按标准目录编制分工补上缺少的一级单位（可以写分组）。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK501"
NAME = "catalog-compiler"
SEVERITY = "warning"
SUMMARY = "目录领域缺少县级或乡级编制单位"
FIXABLE = False

_LEVELS = (("county_units", "县级编制单位"), ("township_units", "乡级编制单位"))


def check(ctx) -> Iterator[Finding]:
    for d in ctx.repo.catalog:
        found = {}
        problem = False
        for key, _ in _LEVELS:
            units, res = ctx.resolver.expand_all(getattr(d, key))
            found[key] = units
            # (an empty group: GK208 says it once, at the group, not here for every domain naming it)
            problem |= any(r.problem in ("unknown", "ambiguous", "cycle", "empty") for r in res)
        if problem or not any(found.values()):
            continue  # reported by GK202/GK203/GK208, or by GK201 when both are empty
        for key, label in _LEVELS:
            if not found[key] and not ctx.misspelt(d, key):
                where = (key,) if ctx.written(d.file, d.path + (key,)) else ("name",)
                yield ctx.finding(
                    d.file, d.path + where,
                    f"领域“{d.name}”没有{label}（{key}）",
                    "按标准目录编制分工补上该级的编制单位（可写分组，如 各乡镇人民政府、街道办事处）",
                )
