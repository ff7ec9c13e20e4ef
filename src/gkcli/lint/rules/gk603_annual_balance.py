"""## 作用
对表三的每一列检查：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。
问题报告在 `carried_out`（四、结转下年度继续办理）一行。

## 为什么
这是表头注明的勾稽关系（“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”）：
每一件申请要么本年办结，要么结转下年，不能凭空多出或丢失。

## 错误示例
```yaml
  received:    [36, 2, 0, 0, 1, 0, 39]
  carried_in:  [3, 0, 0, 0, 0, 0, 3]
  total:       [37, 2, 0, 0, 1, 0, 40]
  carried_out: [1, 0, 0, 0, 0, 0, 1]   # 39 + 3 = 42，而 40 + 1 = 41
```

## 正确示例
```yaml
  carried_out: [2, 0, 0, 0, 0, 0, 2]   # 39 + 3 = 40 + 2
```

## 修复
核对新收、结转与办理结果，找出漏计或多计的申请。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK603"
NAME = "annual-balance"
SEVERITY = "error"
SUMMARY = "申请数不平衡：新收 + 上年结转 ≠ 办理结果总计 + 结转下年度"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
