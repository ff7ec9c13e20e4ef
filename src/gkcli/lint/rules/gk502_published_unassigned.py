"""## 作用
检查标准目录领域的每条发布记录（`published`）来自该领域的编制单位（`county_units` 或 `township_units` 展开后的单位）。

## 为什么
发布记录说明谁已经公开了本领域的目录。不是编制单位的发布记录不能说明本领域已经落实，往往是领域选错了或单位名称写错了。

## 错误示例
```yaml
name: 财政预算决算
county_units: [县财政局]
township_units: [各乡镇人民政府、街道办事处]
published:
  - unit: 县民政局
    url: https://www.xuanhan.gov.cn/xxgk/czyjs
    date: 2023-09-28
```

## 正确示例
```yaml
name: 财政预算决算
county_units: [县财政局]
township_units: [各乡镇人民政府、街道办事处]
published:
  - unit: 县财政局
    url: https://www.xuanhan.gov.cn/xxgk/czyjs
    date: 2023-09-28
```

## 修复
核对领域和单位：把记录移到正确的领域，或改正单位名称。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK502"
NAME = "published-unassigned"
SEVERITY = "error"
SUMMARY = "发布记录来自不负责该目录领域的单位"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for d in ctx.repo.catalog:
        if not d.published:
            continue
        responsible, _ = ctx.resolver.expand_all([*d.county_units, *d.township_units])
        resp = set(responsible)
        for k, p in enumerate(d.published):
            r = ctx.resolve(p.unit)
            if not r.ok:
                continue  # unknown / ambiguous: GK202 / GK203
            outside = [u for u in r.units if u not in resp]
            if outside:
                who = p.unit if not r.is_group else "、".join(outside[:5])
                yield ctx.finding(
                    d.file, d.path + ("published", k, "unit"),
                    f"{who} 不是领域“{d.name}”的编制单位，却登记了发布记录",
                    "核对领域与单位：把记录移到正确的领域，或在 county_units / township_units 中加上该单位",
                )
