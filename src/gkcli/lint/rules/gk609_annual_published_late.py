"""## 作用
检查年度报告的发布日期 `published_on` 不晚于《政府信息公开条例》第四十九条规定的日期：本级人民政府的年度报告
次年 3 月 31 日前、政府部门的年度报告次年 1 月 31 日前（按 `body` 是否以“人民政府”结尾判断）。
发布日期在统计年度之内或之前是格式错误（GK601）。

## 为什么
发布日期印在报告的落款处。晚于法定日期多半是写错了年份或月份；确实逾期发布的，应在报告中说明。

## 错误示例
```yaml
year: 2023
body: 宣汉县人民政府
published_on: 2024-05-10
```

## 正确示例
```yaml
year: 2023
body: 宣汉县人民政府
published_on: 2024-03-22
```

## 修复
核对发布日期；确实逾期发布的，在“六、其他需要报告的事项”中说明原因。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK609"
NAME = "annual-published-late"
SEVERITY = "warning"
SUMMARY = "年度报告的发布日期晚于《条例》规定的日期"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
