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
本方案两项以上的任务都不以方案编号开头、却都以另一个相同的前缀开头时（多半是方案编号改了），只在 `plan.id` 报告一次，不逐项报告。

把编号改为“方案编号-序号”；是方案编号改错了，就改回方案编号。已有进度指向旧编号时，一并修改那些进度条目的 `task`。不能自动修复。
"""

from __future__ import annotations

import os
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
        other = _other_prefix(pd.tasks, prefix)
        if other is not None:  # the plan's id was changed, not its tasks': said once, at plan.id
            old = other[:-1]
            yield ctx.finding(
                pd.file, ("plan", "id"),
                f"方案编号“{pd.plan.id}”与任务编号不符：本方案 {len(pd.tasks)} 项任务的编号都以“{other}”开头",
                f"方案编号改了？改回“{old}”；确要用“{pd.plan.id}”，就把任务编号都改为“{prefix}序号”，"
                "已有进度指向它们时一并修改进度条目的 task",
            )
            continue
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


def _other_prefix(tasks, prefix: str) -> str | None:
    """The prefix all of two or more tasks share ("xh2023-") when none has the plan's (`prefix`): the
    longest one ending in "-" (a plan id may hold a "-" itself); None when there is no such prefix."""
    ids = [t.id for t in tasks]
    if len(ids) < 2 or any(i.startswith(prefix) for i in ids):
        return None
    common = os.path.commonprefix(ids)
    cut = common.rfind("-")
    if cut <= 0 or not all(len(i) > cut + 1 for i in ids):
        return None
    return common[: cut + 1]


_ASCII_ID = re.compile(r"[A-Za-z0-9_.\-]+")


def _shown(text: str) -> str:
    """An id with what cannot be seen written out (U+200B), so the message shows the difference."""
    return "".join(c if c.isprintable() and not c.isspace() and ord(c) not in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)
                   else f"<U+{ord(c):04X}>" for c in text)
