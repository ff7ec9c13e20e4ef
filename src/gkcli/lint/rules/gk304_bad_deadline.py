"""## 作用
检查每项任务的完成时限 `deadline` 能被识别。可用的写法：

| 写法 | 含义 |
|---|---|
| `2022-06-30`、`2023年9月20日`、`2023年9月20日前` | 当天 |
| `2022-06`、`2022年6月`、`2022年6月底前` | 该月最后一天 |
| `2023年底前`、`年内`（方案当年） | 该年 12 月 31 日 |
| `2023年上半年` / `下半年` | 6 月 30 日 / 12 月 31 日 |
| `8月底前`（不写年份） | 方案当年（取 `issued_on`，否则取方案编号中的年份） |
| `2023年9月-2023年10月` | 时间段：9 月 1 日起，10 月 31 日到期 |
| `长期`、`持续推进`、`常态化推进` | 长期：没有到期日，每季度都应报送进度 |
| `适时`、`及时`、`根据需要`、`根据上级部署` | 适时：没有到期日 |
| `每季度`、`每季度末`、`每年`、`每年至少1次` | 周期：每个季度 / 每年末到期 |
| `2023年6月底前完成` | 末尾的“完成”不改变时限 |

## 为什么
识别不了的时限没有到期日：这项任务永远不会显示“已逾期”，督办就漏掉了它。

## 错误示例
```yaml
tasks:
  - id: xh2023-12
    title: 公开财政预决算
    units: [县财政局]
    deadline: 尽快
```

## 正确示例
```yaml
tasks:
  - id: xh2023-12
    title: 公开财政预决算
    units: [县财政局]
    deadline: 2023年6月底前
```

## 修复
改成上表中的一种写法；原文时限含糊（如“尽快”）时，与牵头单位商定一个日期，或写 `适时`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK304"
NAME = "bad-deadline"
SEVERITY = "error"
SUMMARY = "完成时限无法识别"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for info in ctx.model.tasks:
        if info.deadline_error:
            yield ctx.finding(
                info.file, info.task.path + ("deadline",),
                info.deadline_error,
                "可写作 2023-06-30、2023年6月底前、2023年底前、长期、适时、每季度 等（gk lint --explain GK304 列出全部写法）",
            )
