"""## 作用
检查每项任务的编号以其方案编号加连字符开头：方案 `xh2023` 的任务写作 `xh2023-01`、`xh2023-02`……；
其后只用英文字母、数字、`-`、`_` 和 `.`（全角数字、空格、看不见的字符会造出看起来一样的另一个编号）。

## 为什么
编号的前缀说明任务出自哪个方案：进度文件里只写任务编号，看到 `xh2023-07` 就知道是 2023 年实施方案的第 7 项；不同方案的编号也就不会撞车。

## 错误示例
```yaml
plan:
  id: xh2023
  title: 宣汉县深化政务公开促进基层政府治理能力提升实施方案
tasks:
  - id: 2023-01
    title: 推进决策公开
    units: [县政府办]
```

## 正确示例
```yaml
plan:
  id: xh2023
  title: 宣汉县深化政务公开促进基层政府治理能力提升实施方案
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023-12-31
```

## 修复
把编号改为“方案编号-序号”。已有进度指向旧编号时，一并修改那些进度条目的 `task`。不能自动修复。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding

CODE = "GK302"
NAME = "task-id-prefix"
SEVERITY = "error"
SUMMARY = "任务编号没有以方案编号开头"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for pd in ctx.repo.plans:
        prefix = pd.plan.id + "-"
        for t in pd.tasks:
            if not t.id.startswith(prefix) or t.id == prefix:
                yield ctx.finding(
                    pd.file, t.path + ("id",),
                    f"任务编号“{_shown(t.id)}”应以方案编号“{prefix}”开头",
                    f"写作 {prefix}序号，如 {prefix}01",
                )
            elif not _ASCII_ID.fullmatch(t.id[len(prefix):]):
                # xh2023-０１, xh2023-01 + U+200B: another id that looks the same (progress for it goes astray)
                bad = dict.fromkeys(_shown(c) if not c.isspace() else "空格" for c in t.id[len(prefix):] if not _ASCII_ID.fullmatch(c))
                yield ctx.finding(
                    pd.file, t.path + ("id",),
                    f"任务编号“{_shown(t.id)}”中有不能用于编号的字符：{'、'.join(bad)}",
                    "编号只用半角的英文字母、数字、-、_ 和 .（全角数字、空格、括号等都不行），如 " + prefix + "01",
                )


_ASCII_ID = re.compile(r"[A-Za-z0-9_.\-]+")


def _shown(text: str) -> str:
    """An id with what cannot be seen written out (U+200B), so the message shows the difference."""
    return "".join(c if c.isprintable() and not c.isspace() and ord(c) not in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)
                   else f"<U+{ord(c):04X}>" for c in text)
