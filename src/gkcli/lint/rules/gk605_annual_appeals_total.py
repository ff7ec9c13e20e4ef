"""## 作用
对 `appeals` 的三行（行政复议；行政诉讼：未经复议直接起诉；复议后起诉）逐行检查。
问题报告在该行。

## 为什么
每一件复议或诉讼案件只有一种结果（含尚未审结），总计必须等于四项之和。

## 错误示例
```yaml
appeals:
  review: [2, 1, 0, 0, 4]
```

## 正确示例
```yaml
appeals:
  review: [2, 1, 0, 0, 3]
```

## 修复
核对案件结果，改正写错的数。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK605"
NAME = "annual-appeals-total"
SEVERITY = "error"
SUMMARY = "表四某行的“总计”不等于前四项之和"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
