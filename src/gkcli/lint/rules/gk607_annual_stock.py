"""## 作用
当仓库中有上一年度的数据文件时，检查 现行有效 = 上年现行有效 + 本年制发 − 本年废止，
问题报告在该行（`regulations` 或 `normative_documents`）。没有上年文件时不检查。

## 为什么
这是最常见的跨年度不一致。但文件除“废止”外还会因清理、宣布失效、有效期届满而减少，
真实报告常常合理地不满足这个等式，所以只是警告：请核对，并在报告中说明差异的原因。

## 错误示例
```yaml
# 2022.yaml: normative_documents: {issued: 9, repealed: 2, in_force: 47}
# 2023.yaml:
  normative_documents: {issued: 11, repealed: 4, in_force: 51}   # 47 + 11 − 4 = 54
```

## 正确示例
```yaml
  normative_documents: {issued: 11, repealed: 4, in_force: 54}
```

## 修复
核对现行有效件数；差异属实（如集中清理）时保留，并在“六、其他需要报告的事项”中说明。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK607"
NAME = "annual-stock"
SEVERITY = "warning"
SUMMARY = "现行有效件数 ≠ 上年现行有效 + 本年制发 − 本年废止"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
