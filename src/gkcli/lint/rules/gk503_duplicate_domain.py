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
报告在复制出来的那一份上：`gk lint --base` 时是本次改动新增或修改的文件中的，否则是文件名与领域名称不符的文件（`01-重大建设项目 - 副本.yaml`）中的，都分不出时是后一份；名称和序号都重复时只报告一次。

把两份合并成一个领域（复制出来的文件删去即可），或改正其中一个的名称和序号。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...units import name_key
from ._util import copy_rank

CODE = "GK503"
NAME = "duplicate-domain"
SEVERITY = "error"
SUMMARY = "标准目录领域重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    domains = list(ctx.repo.catalog)
    # the original is kept: the copy is in the file the change added, or one not named after its domain
    # (`01-重大建设项目 - 副本.yaml`); else the later one
    ranked = sorted(range(len(domains)), key=lambda i: (*copy_rank(ctx, domains[i].file, domains[i].name), i))
    names: dict[str, object] = {}
    numbers: dict[int, object] = {}
    for i in ranked:
        d = domains[i]
        k = name_key(d.name)
        first = names.setdefault(k, d)
        if first is not d:
            both = d.no is not None and d.no == first.no  # a copied domain: said once, here
            yield ctx.finding(
                d.file, d.path + ("name",),
                f"领域“{d.name}”{f'（序号 {d.no}）' if both else ''}重复（{first.file} 已有）",
                "把两份合并成一个领域" + ("（复制出来的文件就删去它）" if d.file != first.file else "")
                + "，或改正名称" + ("和序号" if both else ""),
            )
        if d.no is not None:
            seen = numbers.setdefault(d.no, d)
            if seen is not d and not (seen is first and first is not d):  # a copied domain: its name said it
                yield ctx.finding(
                    d.file, d.path + ("no",),
                    f"领域序号 {d.no} 重复（{seen.file} 已用）",
                    "改正序号",
                )
