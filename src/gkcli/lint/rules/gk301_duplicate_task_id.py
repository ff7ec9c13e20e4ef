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
报告在复制出来的那一项上，原有的一项不动：`gk lint --base` 时是本次改动新增或修改的文件中的那一项，否则是文件名与方案编号不符的文件（如 `xh2023 - 副本.yaml`）中的、编号不以所在方案编号开头的（复制到别的方案里的），都分不出时是后一项。整个方案文件复制了一份时，由 GK306 在副本上报告一次，不再逐项报告任务编号。

给这一项任务换一个未用过的编号。已有进度指向这个编号时，同时核对那些进度条目属于哪一项。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model import id_key
from ._util import copy_rank

CODE = "GK301"
NAME = "duplicate-task-id"
SEVERITY = "error"
SUMMARY = "任务编号重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    by_key: dict[str, list] = {}  # id as people type it → its tasks with their plans, in file order
    for pd in ctx.repo.plans:
        for t in pd.tasks:
            by_key.setdefault(id_key(t.id), []).append((pd, t))  # xh2023-1 beside xh2023-01: `progress add xh2023-1` could mean either
    for found in by_key.values():
        if len(found) < 2:
            continue
        # the original is kept: the copy is in the file the change added, or a file not named after its plan,
        # or a plan whose id is not the task's prefix (a task copied into wp2023); else the later one
        ranked = sorted(range(len(found)), key=lambda i: (*copy_rank(ctx, found[i][0].file, found[i][0].plan.id),
                                                           not found[i][1].id.startswith(found[i][0].plan.id + "-"), i))
        first_pd, first = found[ranked[0]]
        line = ctx.locate(first_pd.file, first.path + ("id",))[0]
        for i in ranked[1:]:
            pd, t = found[i]
            if pd.file != first_pd.file and pd.plan.id.lower() == first_pd.plan.id.lower():
                continue  # a copied plan file: GK306 says it once at the copy's plan id, not once per task
            alike = "" if first.id == t.id else f"：与“{first.id}”只差大小写或序号前的 0"
            yield ctx.finding(
                pd.file, t.path + ("id",),
                f"任务编号“{t.id}”重复（{first_pd.file}:{line} 已使用{alike}）",
                "每项任务的编号在全部方案中唯一：给这一项换一个未用过的编号",
            )
