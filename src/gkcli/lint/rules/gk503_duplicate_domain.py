"""## 作用
检查标准目录的领域名称 `name` 和序号 `no` 不重复。

## 为什么
同一个领域写了两份，两份的编制单位和发布记录各说各的，报告里这个领域会出现两次。

## 错误示例
```yaml
domains:
  - name: 重大建设项目
    "no": 1
    county_units: [县发改局]
    township_units: [各乡镇人民政府、街道办事处]
  - name: 重大建设项目
    "no": 2
    county_units: [县住建局]
    township_units: [各乡镇人民政府、街道办事处]
```

## 正确示例
```yaml
domains:
  - name: 重大建设项目
    "no": 1
    county_units: [县发改局, 县住建局]
    township_units: [各乡镇人民政府、街道办事处]
```

## 修复
把两份合并成一个领域，或改正其中一个的名称和序号。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...units import name_key

CODE = "GK503"
NAME = "duplicate-domain"
SEVERITY = "error"
SUMMARY = "标准目录领域重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    names: dict[str, str] = {}
    numbers: dict[int, str] = {}
    for d in ctx.repo.catalog:
        k = name_key(d.name)
        if k in names:
            yield ctx.finding(
                d.file, d.path + ("name",),
                f"领域“{d.name}”重复（{names[k]} 已有）",
                "把两份合并成一个领域，或改正名称",
            )
        else:
            names[k] = d.file
        if d.no is not None:
            if d.no in numbers:
                yield ctx.finding(
                    d.file, d.path + ("no",),
                    f"领域序号 {d.no} 重复（{numbers[d.no]} 已用）",
                    "改正序号",
                )
            else:
                numbers[d.no] = d.file
