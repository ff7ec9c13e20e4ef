"""## 作用
检查引用的名称只指向一个单位或分组。当同一个名称（或别名、全称）同时属于两个单位时，引用它的每一处都无法确定指的是谁。

## 为什么
有歧义的名称会把任务派给错误的单位，或者谁也没派到。名称重复本身由 GK204 在 data/units/ 中报告，本规则指出受影响的每一处引用；同一个名称是两条单位或分组的名称（一个单位写了两遍，或单位与分组同名）时，只由 GK204 报告一次，删去重复的那一条就都好了。

## 错误示例
```yaml
# data/units/units.yaml 中 县司法局 和 县审计局 都把 县法制局 写成了别名
tasks:
  - id: xh2023-07
    title: 公开行政执法结果
    units: [县法制局]
```

## 正确示例
```yaml
tasks:
  - id: xh2023-07
    title: 公开行政执法结果
    units: [县司法局]
    deadline: 2023-12-31
```

## 修复
改用该单位唯一的名称，并按 GK204 的提示删去 data/units/ 中重复的别名。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...lists import quoted, quoted_or
from ...units import name_key

CODE = "GK203"
NAME = "ambiguous-name"
SEVERITY = "error"
SUMMARY = "名称有歧义：同时指向多个单位或分组"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    # a name two entries of data/units/ both have as their name (written twice, or a unit and a group):
    # GK204 says that once where it is defined, not here at every use of the name
    defined_twice = {key for key, recs in ctx.resolver.conflicts()
                     if sum(1 for r in recs if r.file) >= 2 and {name_key(r.name) for r in recs} == {key}}
    for ref in ctx.refs:
        r = ctx.resolve(ref.text)
        if r.problem == "ambiguous":
            if r.one_name and {name_key(c.rsplit("（", 1)[0]) for c in r.candidates} <= defined_twice:
                continue
            if not r.one_name and name_key(ref.text) in {name_key(c) for c in r.candidates}:
                continue  # 县财政局, one unit's name and another's alias: the use is right, GK204 says the alias is wrong
            names = quoted(r.candidates)
            if r.one_name:  # one name twice: no rewriting helps here
                hint = "这个名称被几个单位或分组共用：先改正 data/units/ 中重复的名称（见 GK204），这里才能指向唯一的一个"
            else:
                hint = f"改写为{quoted_or(r.candidates)}之一，并删去 data/units/ 中重复的名称（见 GK204）"
            yield ctx.finding(ref.file, ref.path, f"名称“{ref.text}”有歧义：同时指向 {names}", hint)
