"""## 作用
检查任务的完成时限不晚于方案的结束日期 `plan.ends_on`。

## 为什么
方案在 `ends_on` 结束，其中的任务却要到结束之后才到期：通常是年份抄错（`2023年6月底前` 写成了 `2024年…`），
或方案的结束日期写错。方案结束后这项任务仍按其时限判断（到期未完成即为“已逾期”），不会因方案结束而不再显示。
也可能原文确实如此，所以这是警告：核对原文后照原文保留即可。周期任务的最后一期在方案结束之后到期
（`每季度结束后10个工作日内`）是正常的，不报告。

## 错误示例
```yaml
plan:
  id: wp2023
  title: 2023年全县政务公开工作要点
  issued_on: 2023-03-01
  ends_on: 2023-12-31
tasks:
  - id: wp2023-01
    title: 全面完成基层政务公开标准化规范化任务
    units: [县政府办]
    deadline: 2024年7月底前
```

## 正确示例
```yaml
plan:
  id: wp2023
  title: 2023年全县政务公开工作要点
  issued_on: 2023-03-01
  ends_on: 2023-12-31
tasks:
  - id: wp2023-01
    title: 全面完成基层政务公开标准化规范化任务
    units: [县政府办]
    deadline: 2023年7月底前
```

## 修复
对照原文件改正时限的年份，或改正 `ends_on`；原文确实如此的不必改。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK309"
NAME = "deadline-after-plan-end"
SEVERITY = "warning"
SUMMARY = "完成时限晚于方案结束日期"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for info in ctx.model.tasks:
        dl, ends, issued = info.deadline, info.plan.ends_on, info.plan.issued_on
        if dl is None or dl.due is None or ends is None:
            continue
        if issued is not None and ends < issued:  # the end date itself is wrong: GK308 says it, once
            continue
        if dl.due > ends:
            yield ctx.finding(
                info.file, info.task.path + ("deadline",),
                f"完成时限“{info.task.deadline}”（{dl.due.isoformat()}）晚于方案结束日期 {ends.isoformat()}",
                "对照原文件核对时限的年份，或方案的 ends_on；原文确实如此的照原文保留（方案结束后仍按此时限判断）",
            )
