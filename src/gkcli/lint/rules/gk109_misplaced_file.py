"""## 作用
报告 `data/` 下 gk 不会读取的 YAML 文件：放在 `data/units`、`data/tasks`、`data/catalog`、`data/progress`、`data/annual` 之外（如拼错的 `data/task/`），或扩展名不是小写的 `.yaml` / `.yml`（如 `县财政局.YAML`），或在 `.yaml` 之后又加了扩展名（记事本的 `县财政局.yaml.txt`、合并留下的 `.yaml.orig`），或像单位名称却没有扩展名（`县财政局`）。`README.md`、`.gitkeep` 这类文件不管。

也报告放错了数据目录的文件：顶层的键正是另一个目录的文件的（`data/units/` 中的 `plan:`、`tasks:`，`data/tasks/` 中的标准目录领域），只报这一处并说明应移到哪里，不再逐个键报未知字段（GK104）。

## 为什么
这样的文件既不计入状态和报告，也不经过任何检查：合并请求里放错位置的方案或进度，会带着错误悄悄通过 CI，之后又“找不到方案”。

## 错误示例
```yaml
# 文件：data/task/xh2024.yaml（目录名少了 s；扩展名写成 .YAML 同样不读取）
plan:
  id: xh2024
  title: 2024年政务公开工作要点
tasks: []
```

## 正确示例
```yaml
# 文件：data/tasks/xh2024.yaml
plan:
  id: xh2024
  title: 2024年政务公开工作要点
tasks: []
```

## 修复
把文件移到对应的目录（`git mv`），扩展名改为小写 `.yaml`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK109"
NAME = "misplaced-file"
SEVERITY = "error"
SUMMARY = "文件不在 gk 读取的目录中，或扩展名不是小写的 .yaml、.yml"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code; a move onto a file that is there already (a stray copy of
    it) is no move to make: said so (the loader, a function of one file, cannot know)."""
    import dataclasses
    import re

    for f in ctx.loader_findings(CODE):
        m = re.match(r"移到 (\S+)：git mv ", f.hint)
        if m and (ctx.repo.root / m[1]).exists():
            f = dataclasses.replace(f, hint=f"{m[1]} 已经有了（这个文件多半是它的副本）：比较两个文件，留下对的那个，删去另一个")
        yield f
