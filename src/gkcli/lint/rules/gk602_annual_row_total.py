"""## 作用
对表三的 25 行逐行检查：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
问题报告在该行所在的位置。

## 为什么
总计一栏是六类申请人的合计；写错一个数，该行和“（七）总计”都会对不上，
上级和社会公众一眼就能看出报告有误。

## 错误示例
```yaml
  granted: [30, 4, 1, 0, 2, 1, 37]   # 30+4+1+0+2+1 = 38
```

## 正确示例
```yaml
  granted: [30, 4, 1, 0, 2, 1, 38]
```

## 修复
核对该行各数，改正写错的那一个（分项或总计）。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK602"
NAME = "annual-row-total"
SEVERITY = "error"
SUMMARY = "表三某行的“总计”不等于六类申请人之和"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
