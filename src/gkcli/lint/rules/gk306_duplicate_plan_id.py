"""## 作用
检查每个方案的编号 `plan.id` 在数据仓库中唯一。

## 为什么
方案编号是任务编号的前缀，也是 `gk status --plan` 的筛选条件。两个文件用同一个编号，任务编号就会撞车，报告也会把两个方案混在一起。

## 错误示例
```yaml
# data/tasks/xh2023.yaml 中已有 id: xh2023，这是另一个文件 data/tasks/wp2023.yaml
plan:
  id: xh2023
  title: 2023年全县政务公开工作要点
```

## 正确示例
```yaml
plan:
  id: wp2023
  title: 2023年全县政务公开工作要点
```

## 修复
报告在复制出来的那个文件上，原有的文件不动：`gk lint --base` 时是本次改动新增或修改的文件，否则是文件名与方案编号不符的文件（`xh2023 - 副本.yaml` 与 `xh2023.yaml` 都是方案 xh2023 时，报告前者），都分不出时是排在后面的文件。

不需要的副本就删去；确是另一个方案，就给它换一个编号，并同时修改它的任务编号前缀。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ._util import copy_rank

CODE = "GK306"
NAME = "duplicate-plan-id"
SEVERITY = "error"
SUMMARY = "方案编号重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    by_id: dict[str, list] = {}  # lower-case id → its plans: XH2021 and xh2021 are one id to
    for pd in ctx.repo.plans:      # gk progress add, and one file name on Windows and macOS
        by_id.setdefault(pd.plan.id.lower(), []).append(pd)
    for plans in by_id.values():
        if len(plans) < 2:
            continue
        # the original is kept; the copy (added by the change, or not named after its id) is said
        order = {id(pd): i for i, pd in enumerate(plans)}
        first, *rest = sorted(plans, key=lambda pd: (copy_rank(ctx, pd.file, pd.plan.id), order[id(pd)]))
        seen = (first.plan.id, first.file)
        for pd in rest:
            pid = pd.plan.id
            if seen[0] == pid:
                copied = {t.id for t in first.tasks} >= {t.id for t in pd.tasks} and pd.tasks
                yield ctx.finding(
                    pd.file, ("plan", "id"),
                    f"方案编号“{pid}”重复（{seen[1]} 已使用）",
                    f"这个文件像是 {seen[1]} 的副本（任务编号都相同）：不需要就删去这个文件；"
                    "是另一个方案就换一个编号，并同时改它的任务编号前缀" if copied else
                    "每个方案文件用一个唯一的编号，它也是本方案任务编号的前缀",
                )
            else:
                yield ctx.finding(
                    pd.file, ("plan", "id"),
                    f"方案编号“{pid}”与 {seen[1]} 的“{seen[0]}”只差大小写",
                    "换一个编号：任务编号不分大小写，Windows 与 macOS 上两个文件名也会冲突",
                )
