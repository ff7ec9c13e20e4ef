"""## 作用
检查每个定义的分组至少展开出一个单位：`members` 列表、按类别选择的 `{kind: [...]}`，或单位自己的 `groups:`。

## 为什么
空分组通常是类别写错（如 `kind: [streets]`）或成员都拼错了。派给空分组的任务没有任何单位负责（见 GK201）。

## 错误示例
```yaml
units:
  - name: 蒲江街道
    kind: township
groups:
  - name: 各街道
    members: {kind: [street]}
```

## 正确示例
```yaml
units:
  - name: 蒲江街道
    kind: street
groups:
  - name: 各街道
    members: {kind: [street]}
```

## 修复
给分组添加成员，改正成员单位的 `kind`，或删除不用的分组。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK208"
NAME = "empty-group"
SEVERITY = "warning"
SUMMARY = "分组没有任何成员单位"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    if ctx.unreadable("units"):  # its members may be in the units file that could not be read (GK101 says so)
        return
    for g in ctx.repo.groups:
        r = ctx.resolve(g.name)
        if r.problem == "empty" and not ctx.misspelt(g, "members"):  # (member: [县财政局]: GK104 says it)
            kinds = list(getattr(g.members, "kind", None) or [])
            if kinds and not any(u.kind in kinds for u in ctx.repo.units):
                # a new repo (gk init, gk import --add-units): the townships are not written yet — the group's
                # tasks then have no township, which is the thing to say, not the kind
                from ...repo import _VALUE_LABELS

                said = "、".join(f"“{_VALUE_LABELS.get(k, k)}”（kind: {k}）" for k in kinds)
                yield ctx.finding(
                    g.file, g.path + ("members",),
                    f"分组“{g.name}”没有任何成员单位：data/units/ 中还没有类别为{said}的单位，分到这个分组的任务没有这些单位负责",
                    f"把各{_VALUE_LABELS.get(kinds[0], kinds[0])}写进 data/units/（每个写 kind: {kinds[0]}），或在 members 中列出单位名称",
                )
                continue
            yield ctx.finding(
                g.file, g.path + ("members",),
                f"分组“{g.name}”没有任何成员单位",
                "检查 members 中的名称和 kind 类别，或让单位在自己的 groups: 中加入该分组",
            )
