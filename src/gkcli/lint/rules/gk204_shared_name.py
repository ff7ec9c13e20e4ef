"""## 作用
检查单位和分组的名称、别名、全称互不重复：一个写法只能属于一个单位或分组。报告在重复出现的那一处（第二次及以后）。

## 为什么
名称与别名共用一个命名空间。两个单位共有一个别名时，凡是写了这个名称的任务和进度都无法确定是谁的；单位更名后把旧名加成别名时最容易发生。

## 错误示例
```yaml
units:
  - name: 县司法局
    kind: department
    aliases: [县法制局]
  - name: 县审计局
    kind: department
    aliases: [县法制局]
```

## 正确示例
```yaml
units:
  - name: 县司法局
    kind: department
    aliases: [县法制局]
  - name: 县审计局
    kind: department
```

## 修复
确定这个写法属于哪个单位，删去另一处。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...units import name_key

CODE = "GK204"
NAME = "shared-name"
SEVERITY = "error"
SUMMARY = "两个单位或分组使用了同一个名称或别名"
FIXABLE = False


def _spelling_paths(rec, key: str) -> list[tuple]:
    out = []
    if name_key(rec.name) == key:
        out.append(("name",))
    for i, a in enumerate(rec.aliases):
        if name_key(a) == key:
            out.append(("aliases", i))
    full = getattr(rec, "full_name", None)
    if full and name_key(full) == key:
        out.append(("full_name",))
    return out


def _what(rec) -> str:
    return "分组" if not hasattr(rec, "kind") else "单位"


def check(ctx) -> Iterator[Finding]:
    for key, records in ctx.resolver.conflicts():
        recs = [r for r in records if r.file]  # a group known only from units' `groups:` has no place
        if len(recs) < 2:
            continue
        located = []
        for rec in recs:
            for p in _spelling_paths(rec, key):
                located.append((ctx.locate(rec.file, rec.path + p), rec, p))
                break
        located.sort(key=lambda x: (x[1].file, x[0]))
        (first_lc, first, _), rest = located[0], located[1:]
        for lc, rec, p in rest:
            written = rec.name if p == ("name",) else rec.full_name if p == ("full_name",) else rec.aliases[p[1]]
            yield ctx.finding(
                rec.file, rec.path + p,
                f"名称“{written}”已被{_what(first)}“{first.name}”使用（{first.file}:{first_lc[0]}）",
                f"一个名称（含别名、全称）只能属于一个单位或分组：删去{_what(rec)}“{rec.name}”或“{first.name}”中的这一写法",
            )
