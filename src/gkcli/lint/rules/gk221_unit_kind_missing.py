"""## 作用
找出没有写 `kind`（类别）的单位：名称看得出类别（`城西镇`、`相南街道`、`县水务局`），而有分组按这个类别选定成员
（`members: {kind: [township, street]}`）。

## 为什么
没写 `kind` 的单位按 `other`（其他）计，不属于任何按类别选定成员的分组。新加的乡镇忘了写 `kind: township`，
派给“各乡镇人民政府、街道办事处”的任务就都没有它：它看不到这些任务，也不会被列入未报送，台账上一切如常。

## 错误示例
```yaml
units:
  - name: 城东镇
    kind: township
  - name: 城西镇
groups:
  - name: 各乡镇
    members: {kind: [township]}
```

## 正确示例
```yaml
units:
  - name: 城东镇
    kind: township
  - name: 城西镇
    kind: township
groups:
  - name: 各乡镇
    members: {kind: [township]}
```

## 修复
按单位的性质写上 `kind`：`department`（政府工作部门）、`township`（乡镇）、`street`（街道）、`vertical`（垂直管理）、
`party`（党委部门）、`institution`（事业单位）、`office`（议事协调机构、内设机构）或 `other`（其他；写明即不再提示）。
不能自动修复：单位的性质只有人能确定。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...records import KindSelector

CODE = "GK221"
NAME = "unit-kind-missing"
SEVERITY = "warning"
SUMMARY = "单位没有写类别 kind：不属于按类别选定成员的分组"
FIXABLE = False

# the kind a unit's name plainly says (城西镇, 相南街道, 县水务局); a 局 may be vertical (县税务局): said in the hint
_LIKELY = (("街道办事处", "street"), ("街道", "street"), ("镇人民政府", "township"), ("乡人民政府", "township"),
           ("镇", "township"), ("乡", "township"), ("局", "department"))
_SAID = {"street": "街道", "township": "乡镇", "department": "政府工作部门（垂直管理的写 vertical）"}


def check(ctx) -> Iterator[Finding]:
    by_kind = [g for g in ctx.repo.groups if isinstance(g.members, KindSelector)]
    for u in ctx.repo.units if by_kind else ():
        likely = next((k for end, k in _LIKELY if u.name.endswith(end)), None)
        groups = [g for g in by_kind if likely in g.members.kind]
        if not groups or ctx.written(u.file, u.path + ("kind",)):  # (a name that says no kind: no guess, no warning)
            continue
        shown = "、".join(f"“{g.name}”" for g in groups[:2]) + ("等" if len(groups) > 2 else "")
        yield ctx.finding(u.file, u.path + ("name",), f"单位“{u.name}”没有写 kind（类别），按 other 计：不属于按类别选定成员的"
                          f"分组{shown}，这些分组的任务都不派给它", f"看名称是{_SAID[likely]}：写 kind: {likely}")
