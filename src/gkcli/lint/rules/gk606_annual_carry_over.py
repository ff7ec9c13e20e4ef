"""## 作用
当仓库中有上一年度的数据文件（如检查 2023.yaml 时有 2022.yaml），逐列比较本年的 `carried_in`
与上年的 `carried_out`，问题报告在 `carried_in` 一行。没有上年文件时不检查。

## 为什么
上年结转的申请就是上年报告中结转下年度继续办理的那些申请，两个数必须相同；
不一致说明其中一年的报告有误。

## 错误示例
```yaml
# data/annual/2022.yaml
  carried_out: [3, 1, 0, 0, 1, 0, 5]
# data/annual/2023.yaml
  carried_in:  [4, 1, 0, 0, 1, 0, 6]
```

## 正确示例
```yaml
# data/annual/2023.yaml
  carried_in:  [3, 1, 0, 0, 1, 0, 5]
```

## 修复
照抄上年度报告的“四、结转下年度继续办理”一行；如上年报告确有错误，请在“六、其他需要报告的事项”中说明。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK606"
NAME = "annual-carry-over"
SEVERITY = "error"
SUMMARY = "上年结转与上年度“结转下年度继续办理”不一致"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
