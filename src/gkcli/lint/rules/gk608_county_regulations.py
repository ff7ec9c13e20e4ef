"""## 作用
报告主体 `body` 没有规章制定权时，检查“规章”一行（`proactive.regulations`）全为 0：县（旗、区）、乡镇、街道的政府，
以及任何一级政府的工作部门（如 `宣汉县财政局`、`达州市财政局`）。按 `body` 中最后写出的地名判断（`镇江市人民政府` 是市政府）；
县级市（如 `万源市人民政府`）从名称上看不出，不检查。

## 为什么
规章只能由国务院部门和省、设区的市人民政府制定：县级和乡级机关、地方政府的工作部门都没有规章制定权，它们的年度报告
“规章”一行照例为 0（或“/”）。这里出现数字，几乎总是把行政规范性文件填到了上一行。

## 错误示例
```yaml
body: 宣汉县人民政府
proactive:
  regulations:         {issued: 11, repealed: 4, in_force: 54}   # 规章
  normative_documents: {issued: 0, repealed: 0, in_force: 0}     # 行政规范性文件
```

## 正确示例
```yaml
body: 宣汉县人民政府
proactive:
  regulations:         {issued: 0, repealed: 0, in_force: 0}     # 规章
  normative_documents: {issued: 11, repealed: 4, in_force: 54}   # 行政规范性文件
```

## 修复
把数字移到 `normative_documents` 一行，`regulations` 写 0。确属设区的市的报告时，改正 `body`。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK608"
NAME = "county-regulations"
SEVERITY = "warning"
SUMMARY = "报告主体没有规章制定权，而“规章”一行不是 0"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
