"""## 作用
沿着一个单位对一项任务的全部进度历史（各季度文件按时间排列），找出状态从“已完成”（done）退回“未启动”（not_started）的地方。

## 为什么
已经完成的工作很少会变回没有开始：多半是从旧模板复制了条目，或选错了状态。它会让已完成的任务在台账里重新变成未完成甚至逾期。确属重新启动时（例如上级要求返工），保留即可。

## 错误示例
```yaml
# data/progress/2023Q2/县财政局.yaml 中 xh2023-03 已是 done；这是 2023Q3 的文件
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: not_started
    date: 2023-07-05
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: in_progress
    date: 2023-07-05
    note: 按市里要求补充公开 2022 年决算说明，重新推进
```

## 修复
改正状态；确属重新推进的，用 `in_progress` 并在 `note` 中说明原因。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK406"
NAME = "status-regression"
SEVERITY = "warning"
SUMMARY = "进度状态从已完成退回未启动"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for (task, unit), refs in ctx.model.history.items():
        prev = None
        for ref in refs:
            if prev is not None and prev.entry.status == "done" and ref.entry.status == "not_started":
                e = ref.entry
                yield ctx.finding(
                    ref.report.file, e.path + ("status",),
                    f"任务 {task} 的状态从“已完成”（{prev.report.period}，{prev.entry.date.isoformat()}）退回“未启动”",
                    "确属重新推进时写 in_progress 并在 note 中说明原因；否则改正 status",
                )
            prev = ref
