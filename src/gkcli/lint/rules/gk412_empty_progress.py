"""## 作用
找出没有任何进度条目的进度文件（`entries: []`、`entries:` 后面什么也没有，或没有写 `entries`）。

## 为什么
有进度文件，这个单位在这个季度就算“已报送”，不再出现在未报送名单中；可文件里一项任务的进展也没有，
等于什么也没报。通常是只建了文件、忘了填写，或填写的内容写到了别的文件里。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries: []
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries:
  - task: xh2023-03
    status: in_progress
    date: 2023-09-25
    note: 正在整理决算说明
```

## 修复
用 `gk progress add 任务编号 --unit 单位 --status …` 填写本季度各项任务的进展；本季度确实没有要报的任务时，
不交这个文件。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK412"
NAME = "empty-progress"
SEVERITY = "warning"
SUMMARY = "进度文件没有进度条目（按已报送计）"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    spoiled = {f.path for f in ctx.repo.findings if f.severity == "error"}
    for rep in ctx.repo.progress:
        if rep.entries or rep.file in spoiled:  # entries dropped as wrong: the error that dropped them says so
            continue
        yield ctx.finding(
            rep.file, ("entries",),
            f"进度文件没有进度条目：{rep.unit} 的 {rep.period} 按已报送计，但没有报任何任务的进展",
            "用 gk progress add 填写本季度各项任务的进展；本季度没有要报的任务时，不交这个文件"
            "（已截止的季度不能再改：在 gk.toml 的 [lint] per-file-ignores 中为它关掉 GK412）",
        )
