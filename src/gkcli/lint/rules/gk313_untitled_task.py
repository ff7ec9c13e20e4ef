"""## 作用
检查任务有标题：`title` 不是 `gk import` 为没有工作任务的行写的占位标题“（无标题）”。

## 为什么
任务分解表中工作任务一格空着、却写了责任单位或完成时限的一行，`gk import` 按任务导入（不丢掉这一行，它的单位和时限
可能就是一项真实的任务），标题写作“（无标题）”并在导入时说明是第几行。这样的任务在报告、台账和各单位的进度报送中都认不出是哪项工作，
必须补写标题后才能使用。

## 错误示例
```yaml
plan:
  id: fj2025
  title: 某某县2025年政务公开工作任务分解表
tasks:
  - id: fj2025-02
    title: （无标题）
    units: [县财政局]
    deadline: 2025年8月底前
```

## 正确示例
```yaml
plan:
  id: fj2025
  title: 某某县2025年政务公开工作任务分解表
tasks:
  - id: fj2025-02
    title: 公开部门预算
    units: [县财政局]
    deadline: 2025年8月底前
```

## 修复
对照原文件，把任务的标题写进 `title`；原表这一行确实不是任务（多余的行）的，删去这项任务。不能自动修复。
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ...findings import Finding

CODE = "GK313"
NAME = "untitled-task"
SEVERITY = "error"
SUMMARY = "任务没有标题（导入时工作任务一格是空的）"
FIXABLE = False

PLACEHOLDER = "（无标题）"  # what gk import writes for a row with units or a deadline and no task


def untitled(title: str | None) -> bool:
    """Is `title` empty, or gk import's placeholder (in any width: (无标题))?"""
    words = "".join(unicodedata.normalize("NFKC", title or "").split())
    return words in ("", unicodedata.normalize("NFKC", PLACEHOLDER))


def check(ctx) -> Iterator[Finding]:
    for pd in ctx.repo.plans:
        for t in pd.tasks:
            if untitled(t.title):
                yield ctx.finding(
                    pd.file, t.path + ("title",),
                    f"任务 {t.id} 没有标题（“{t.title}”）：原表这一行的工作任务是空的",
                    "对照原文件补写标题；这一行不是任务的，删去这项任务",
                )
