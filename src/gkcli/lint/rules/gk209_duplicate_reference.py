"""## 作用
检查同一个列表（任务的 `units`、分组的 `members`、目录的 `county_units` 等）中没有把同一个单位或分组写两次，包括用别名写第二次。

## 为什么
重复的写法不会多出一个责任单位，却常常说明原本想写的是另一个单位（复制粘贴时漏改）。

## 错误示例
```yaml
tasks:
  - id: xh2023-09
    title: 公开就业创业政策
    units: [县人社局, 县人力资源社会保障局]
```

## 正确示例
```yaml
tasks:
  - id: xh2023-09
    title: 公开就业创业政策
    units: [县人社局, 县农民工服务中心]
    deadline: 2023-12-31
```

## 修复
删去重复的一项，或改成原本想写的单位。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK209"
NAME = "duplicate-reference"
SEVERITY = "warning"
SUMMARY = "同一列表中重复写了同一个单位"
FIXABLE = False

LISTS = ("task", "plan", "county", "township", "member", "unit_group")


def check(ctx) -> Iterator[Finding]:
    seen: dict[tuple, tuple[int, str]] = {}
    for ref in ctx.refs:
        if ref.where not in LISTS:
            continue
        r = ctx.resolve(ref.text)
        if r.name is None:
            continue
        lst = (ref.file, ref.path[:-1])
        key = (lst, r.is_group, r.name)
        if key in seen:
            j, first = seen[key]
            same = "同一分组" if r.is_group else "同一单位"
            yield ctx.finding(
                ref.file, ref.path,
                f"“{ref.text}”与本列表第 {j + 1} 项“{first}”是{same}（{r.name}）",
                "删去重复的一项，或改成原本想写的单位",
            )
        else:
            seen[key] = (ref.path[-1], ref.text)
