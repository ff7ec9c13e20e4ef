"""## 作用
当仓库中有上一年度的数据文件（如检查 2023.yaml 时有 2022.yaml），逐列比较本年的 `carried_in`
与上年的 `carried_out`，问题报告在 `carried_in` 一行。没有上年文件时不检查。
上年文件有误（无法读取，或 `carried_out` 一行缺少、某格不是数）时，没能比较的列不会悄悄跳过：
在 `carried_in` 一行报一个警告“上年结转未核对”，说明原因（错误本身报告在上年文件中）。

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
    from dataclasses import replace

    docs = ctx.repo.annual_docs()
    if not docs:
        return  # (the annual schema imports pydantic: not for nothing)
    from ...schemas.annual import UNCHECKED, unread_last_year, year_of_file

    for f in ctx.annual_findings(CODE, SEVERITY):
        # a carry-over left uncompared is a warning here: the error is last year's file, said there
        yield replace(f, severity="warning") if f.message.startswith(UNCHECKED) else f
    for file, doc in sorted(docs.items()):
        y = year_of_file(file)
        data = getattr(doc, "data", None)
        if y is None or not isinstance(data, dict) or not isinstance(data.get("requests"), dict):
            continue
        issue = unread_last_year(ctx.repo.findings, y)
        if issue is not None:  # last year's file is there but unreadable: not checked, and said so
            yield replace(ctx.repo.finding(file, issue.path, CODE, "warning", issue.message, issue.hint, key=issue.key))
