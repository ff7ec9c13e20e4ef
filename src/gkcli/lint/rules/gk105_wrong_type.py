"""## 作用
检查每个字段的值类型正确（列表、日期、文字、整数），必填字段（如单位的 `name`、任务的 `id` 与 `title`、进度的 `unit` 与 `period`）都已填写，取值在允许范围内（如 `status`、`kind`），文件不是空的。

## 为什么
类型不对的记录无法使用，gk 会跳过它，于是这条任务、这个单位或这条进度在台账中消失。例如 `date: 2023-9-12`（月份未补零）不是日期。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: 已完成
    date: 2023-9-12
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: done
    date: 2023-09-12
```

## 修复
按提示改正取值：日期写作 2023-09-12，状态用 not_started / in_progress / done / blocked，列表写作 [甲, 乙]。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK105"
NAME = "wrong-type"
SEVERITY = "error"
SUMMARY = "字段类型不对或缺少必填字段"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
