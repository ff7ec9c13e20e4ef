"""## 作用
找出写成中文的固定日期时限（如 `2023年6月底前`、`8月底前`），并给出等价的 ISO 日期（`2023-06-30`）。
这是一条按需启用的规则（`gk lint --extend-select GK307`）：中文写法本身完全有效。

## 为什么
有的单位希望方案文件里的日期一律写成 ISO 形式，便于用表格软件和其他工具处理；不写年份的 `8月底前` 改写后也不再依赖方案的发布日期。

## 错误示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023年6月底前
```

## 正确示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023-06-30
```

## 修复
只在明确要求时自动修复：`gk lint --fix --fix-deadlines`，或选用了本规则时的 `gk lint --fix`（`--extend-select GK307`、gk.toml 的 `[lint] extend-select`），与其他规则一样“报告了就修复”；`--diff` 同样。改写后丢失原文的写法（如“前”“底”），所以本规则默认不选用，`--fix` 也就默认不做。时间段、长期、适时、周期性的时限不改写。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..fix import Edit

CODE = "GK307"
NAME = "deadline-iso"
SEVERITY = "warning"
SUMMARY = "固定日期的时限未写成 ISO 日期（可改写）"
FIXABLE = True
DEFAULT = False
FIX_OPT_IN = "--fix-deadlines"


def _candidates(ctx):
    for info in ctx.model.tasks:
        dl = info.deadline
        if dl is None or dl.iso is None or info.task.deadline is None:
            continue
        if info.task.deadline.strip() != dl.iso:
            yield info, dl.iso


def check(ctx) -> Iterator[Finding]:
    for info, iso in _candidates(ctx):
        yield ctx.finding(
            info.file, info.task.path + ("deadline",),
            f"完成时限“{info.task.deadline}”可写作 {iso}",
            "gk lint --fix --fix-deadlines 可自动改写",
        )


def fixes(ctx) -> Iterator[Edit]:
    for info, iso in _candidates(ctx):
        yield Edit(info.file, info.task.path + ("deadline",), info.task.deadline, iso, CODE, f"“{info.task.deadline}” → {iso}")
