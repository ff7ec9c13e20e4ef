"""## 作用
检查任务编号 `id` 在整个数据仓库中唯一，包括不同方案文件之间；只差大小写或序号前的 0 的（`xh2023-1` 与 `xh2023-01`）也算重复。

## 为什么
进度条目用任务编号指向任务。编号重复时，单位报送的进度会记到另一项任务上，两项任务的状态都不可信。

## 错误示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
  - id: xh2023-01
    title: 推进政策解读
    units: [县政府办]
```

## 正确示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023-12-31
  - id: xh2023-02
    title: 推进政策解读
    units: [县政府办]
    deadline: 2023-12-31
```

## 修复
给后一项任务换一个未用过的编号。已有进度指向这个编号时，同时核对那些进度条目属于哪一项。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model import id_key

CODE = "GK301"
NAME = "duplicate-task-id"
SEVERITY = "error"
SUMMARY = "任务编号重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    first: dict[str, tuple[str, tuple, str]] = {}  # id as people type it → (file, path, id): located only for a duplicate
    for pd in ctx.repo.plans:
        for t in pd.tasks:
            key = id_key(t.id)  # xh2023-1 beside xh2023-01: `progress add xh2023-1` could mean either
            if key in first:
                f, path, seen = first[key]
                line = ctx.locate(f, path)[0]
                alike = "" if seen == t.id else f"：与“{seen}”只差大小写或序号前的 0"
                yield ctx.finding(
                    pd.file, t.path + ("id",),
                    f"任务编号“{t.id}”重复（{f}:{line} 已使用{alike}）",
                    "每项任务的编号在全部方案中唯一：给这一项换一个未用过的编号",
                )
            else:
                first[key] = (pd.file, t.path + ("id",), t.id)
