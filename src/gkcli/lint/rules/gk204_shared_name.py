"""## 作用
检查单位和分组的名称、别名、全称互不重复：一个写法只能属于一个单位或分组。报告在重复出现的那一处：`gk lint --base` 时是本次改动新增或修改的那一处；单位与分组同名时是分组；否则是后出现的那一处。提示给出两处的行号，说明删去哪一条。

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
from ._util import copy_rank

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
        # the one kept: not the entry the change added or edited (--base), not a group named like a
        # unit (units are what a name means first: GK212 says a unit named like a group); else the earlier
        located.sort(key=lambda x: (copy_rank(ctx, x[1].file)[0], _what(x[1]) == "分组", x[1].file, x[0]))
        (first_lc, first, first_p), rest = located[0], located[1:]
        at = f"{first.file}:{first_lc[0]}"
        for lc, rec, p in rest:
            written = rec.name if p == ("name",) else rec.full_name if p == ("full_name",) else rec.aliases[p[1]]
            same = rec.file == first.file  # within one file its lines say which entry is which
            here, there = (f"第 {lc[0]} 行", f"第 {first_lc[0]} 行") if same else (f" {rec.file}:{lc[0]} ", f" {at} ")
            if p == first_p == ("name",) and _what(rec) == _what(first):  # one entry written twice
                message = f"{_what(rec)}“{rec.name}”重复定义（{at} 已有同名{_what(first)}）"
                hint = f"删去{here}的这一条；两条的内容不同时，先把要保留的写进{there}那一条"
            elif p == first_p == ("name",):  # a unit and a group of one name
                message = f"{_what(rec)}“{rec.name}”与{_what(first)}“{first.name}”同名（{at}）"
                hint = f"单位和分组不能同名：给{here}的{_what(rec)}换一个名称，或删去它"
            else:
                message = f"名称“{written}”已被{_what(first)}“{first.name}”使用（{at}）"
                hint = (f"一个名称（含别名、全称）只能属于一个单位或分组：从{here}的{_what(rec)}“{rec.name}”"
                        f"或{there}的{_what(first)}“{first.name}”中删去这一写法")
            yield ctx.finding(rec.file, rec.path + p, message, hint)
