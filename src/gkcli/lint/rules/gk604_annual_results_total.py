"""## 作用
对每一列检查：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开 1–8 +
（四）无法提供 1–3 + （五）不予处理 1–5 + （六）其他处理 1–3。问题报告在 `total` 一行。

## 为什么
“部分公开”一栏注明“区分处理的，只计这一情形，不计其他情形”：每件申请只计一种办理结果，
所以各结果之和必须等于总计。

## 错误示例
```yaml
  granted:        [20, 1, 0, 0, 0, 0, 21]
  partly_granted: [6, 0, 0, 0, 1, 0, 7]
  # 其余各行均为 0
  total:          [25, 1, 0, 0, 1, 0, 27]   # 应为 26 与 28
```

## 正确示例
```yaml
  total:          [26, 1, 0, 0, 1, 0, 28]
```

## 修复
重新汇总各办理结果行，或找出被计入两种结果的申请。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK604"
NAME = "annual-results-total"
SEVERITY = "error"
SUMMARY = "“（七）总计”不等于各项办理结果之和"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
