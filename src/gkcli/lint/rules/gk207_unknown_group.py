"""## 作用
检查单位的 `groups:` 中写的每个分组都已在 `groups:` 下定义（名称或别名），并且确实是分组而不是单位。

## 为什么
`groups:` 里的错别字不会报错，而是悄悄造出一个新的分组：单位没有加入本该加入的分组，派给那个分组的任务就少了它。

没有定义的分组是**警告**：数据照样读得通（这样的分组视为存在，成员就是写了它的单位，见 docs/decisions.md），
多半是笔误，但也可能是有意只靠单位的 `groups:` 组成的分组。写的是一个单位的名称（“是单位，不是分组”）则是**错误**：
单位不能作分组，这一项读不出任何意思，被略去。

## 错误示例
```yaml
units:
  - name: 县财政局
    kind: department
    groups: [先型单位]
groups:
  - name: 先行单位
    members: []
```

## 正确示例
```yaml
units:
  - name: 县财政局
    kind: department
    groups: [先行单位]
groups:
  - name: 先行单位
    members: []
```

## 修复
改成已定义的分组名称；如果是新分组，在 `groups:` 中定义它（`members` 可以为空，单位通过自己的 `groups:` 加入）。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...units import name_key
from ._util import did_you_mean, nearest

CODE = "GK207"
NAME = "unknown-group"
SEVERITY = "warning"
SUMMARY = "单位的 groups 中写了未定义的分组"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    spellings: dict[str, str] = {}
    for g in ctx.repo.groups:
        for s in (g.name, *g.aliases):
            spellings.setdefault(name_key(s), g.name)
    for ref in ctx.refs:
        if ref.where != "unit_group":
            continue
        if name_key(ref.text) in spellings or ctx.maybe_dropped("units", ref.text):
            continue
        r = ctx.resolve(ref.text)  # as the resolver reads it: 县发展和改革局 is 县发改局 (its full name without the county)
        if r.problem == "ambiguous":
            continue  # GK203 says it, here
        if r.name is not None and not r.is_group:
            yield ctx.finding(
                ref.file, ref.path,
                f"“{ref.text}”是单位，不是分组",
                "groups: 只写分组名称；单位之间的上下级关系不在这里表示",
                severity="error",  # a unit is no group: the entry reads as nothing and is left out
            )
            continue
        near = nearest(ref.text, [g.name for g in ctx.repo.groups])
        yield ctx.finding(
            ref.file, ref.path,
            f"单位“{ref.owner.name}”所属的分组“{ref.text}”没有定义",
            did_you_mean(near, "在 groups: 中定义该分组（members 可以为空，单位通过自己的 groups: 加入）"),
        )
