"""## 作用
检查单位的名称和别名不是多个单位的统称：以“各”“所有”“全县”开头，含“各部门”“有关单位”“相关部门”，
或就是“街道办事处”“乡镇”“社区”这类泛称。

## 为什么
`各乡镇人民政府`、`县级各部门` 是分组，不是一个单位（`../shared/DESIGN.md`）。写成单位时，派给它的任务只算
一个单位的一项任务，由“它”一家报送；真正该负责的各乡镇既看不到任务，也不会被列入未报送。

## 错误示例
```yaml
units:
  - name: 城关镇
    kind: township
  - name: 各乡镇人民政府
    kind: township
```

## 正确示例
```yaml
units:
  - name: 城关镇
    kind: township
groups:
  - name: 各乡镇人民政府
    members: {kind: [township]}
```

## 修复
把它从 `units:` 移到 `groups:`，`members` 写出成员单位的名称，或按类别写 `{kind: [township, street]}`。不能自动修复：
成员是哪些单位只有人能确定。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...units import name_key, names_many

CODE = "GK212"
NAME = "unit-named-like-group"
SEVERITY = "warning"
SUMMARY = "单位的名称是多个单位的统称，应为分组"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for u in ctx.repo.units:
        for i, written in enumerate((u.name, *u.aliases)):
            if names_many(name_key(written)):
                yield ctx.finding(
                    u.file, u.path + (("name",) if i == 0 else ("aliases", i - 1)),
                    f"单位名称“{u.name}”是多个单位的统称" if i == 0 else f"单位“{u.name}”的别名“{written}”是多个单位的统称",
                    "把它写成分组（groups: 下，members 列出成员单位，或写 {kind: [township, street]}），而不是一个单位",
                )
                break
