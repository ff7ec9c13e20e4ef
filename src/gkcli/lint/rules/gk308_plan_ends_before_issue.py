"""## 作用
检查方案的结束日期 `plan.ends_on` 不早于其发布日期 `plan.issued_on`。

## 为什么
方案结束之后，周期任务不再有新的一期，长期任务不再要求报告，各单位也不再为它报送进度（`gk status` 据此判断）。
结束日期早于发布日期，方案一发布就已结束，这不可能是原文：多半是年份抄错（`2024-12-31` 写成了 `2023-12-31`），
或两个日期写反了。据此判断出的状态都是错的，所以这是错误。

## 错误示例
```yaml
plan:
  id: wp2024
  title: 2024年全县政务公开工作要点
  issued_on: 2024-03-15
  ends_on: 2023-12-31
tasks: []
```

## 正确示例
```yaml
plan:
  id: wp2024
  title: 2024年全县政务公开工作要点
  issued_on: 2024-03-15
  ends_on: 2024-12-31
tasks: []
```

## 修复
对照原文件改正 `ends_on` 或 `issued_on`；原文没有写结束日期的，删去 `ends_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK308"
NAME = "plan-ends-before-issue"
SEVERITY = "error"
SUMMARY = "方案结束日期早于发布日期"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for pd in ctx.repo.plans:
        ends, issued = pd.plan.ends_on, pd.plan.issued_on
        if ends is not None and issued is not None and ends < issued:
            yield ctx.finding(
                pd.file, ("plan", "ends_on"),
                f"方案结束日期 {ends.isoformat()} 早于发布日期 {issued.isoformat()}",
                "对照原文件改正 ends_on 或 issued_on 的年份；原文没有写结束日期的，删去 ends_on",
            )
