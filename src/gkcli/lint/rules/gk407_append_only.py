"""## 作用
拉取请求模式（`gk lint --base REV`）下，检查没有修改或删除已截止季度的进度文件。
一个季度在最后一天之后再过 `report_window_days`（gk.toml，默认 10 天）截止：2023Q3 到 2023-10-10 为止可以报送和修改，之后就是历史。
新增文件（包括补报已截止季度的文件）和修改未截止季度的文件都是允许的。“今天”取 `$GK_TODAY`，否则取北京时间的当天。

## 为什么
进度是只追加的历史：已经报送、已经写进季度报告的数字不能事后悄悄改动，否则报告与台账对不上，也无从追溯。新的进展写进当前季度的新文件，它会取代旧的状态。

## 错误示例
```yaml
# 2024 年 1 月的拉取请求修改了 data/progress/2023Q3/县财政局.yaml：
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-02   # 原为 2023-09-01
```

## 正确示例
```yaml
# 同一拉取请求改为新增 data/progress/2024Q1/县财政局.yaml：
unit: 县财政局
period: 2024Q1
entries:
  - task: xh2023-03
    status: done
    date: 2024-01-10
    note: 补充公开了决算说明
```

## 修复
撤销对旧文件的修改（`git checkout 基准版本 -- 文件`），把新的进展写进当前季度的文件（`gk progress add`）。确需更正历史时，由政务公开办在说明理由后直接合并。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ._util import changed_progress, undo

CODE = "GK407"
NAME = "append-only"
SEVERITY = "error"
SUMMARY = "修改或删除了已截止季度的进度文件（拉取请求模式）"
FIXABLE = False

def check(ctx) -> Iterator[Finding]:
    window = ctx.base_window if ctx.base_window is not None else ctx.settings.report_window_days
    for path, status, q, closed in changed_progress(ctx):
        if not closed:
            continue
        what = "被修改" if status == "M" else "被删除"
        if status == "M" and path in ctx.line_ends_only:  # an editor saved LF as CRLF (or back): nothing else to look for
            yield ctx.finding_at(
                path, ctx.first_lines.get(path, 1), 1,
                f"已截止季度 {q} 的进度文件被修改：只改了换行符（LF 与 CRLF）或文件开头的 BOM 标记，多是编辑器（如记事本）"
                f"保存时转换的，内容没有变"
                f"（该季度 {q.closes_on(window).isoformat()} 截止报送）",
                f"撤销对此文件的改动{undo(ctx, path)}；编辑器中设置保存时保留原来的换行符与编码（UTF-8，不带 BOM）",
            )
            continue
        yield ctx.finding_at(
            path, ctx.first_lines.get(path, 1) if status == "M" else 1, 1,  # at the first changed line: shown inline in the diff
            f"已截止季度 {q} 的进度文件{what}（该季度 {q.closes_on(window).isoformat()} 截止报送）",
            f"已截止季度的进度不能再改动：撤销对此文件的改动{undo(ctx, path)}，把新的进度写进当前季度的文件（gk progress add）",
        )
