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
给其中一个方案换一个编号，并同时修改它的任务编号前缀。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK306"
NAME = "duplicate-plan-id"
SEVERITY = "error"
SUMMARY = "方案编号重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    first: dict[str, tuple[str, str]] = {}  # lower-case id → (id, file): XH2021 and xh2021 are one id to
    for pd in ctx.repo.plans:              # gk progress add, and one file name on Windows and macOS
        pid = pd.plan.id
        seen = first.get(pid.lower())
        if seen is None:
            first[pid.lower()] = (pid, pd.file)
        elif seen[0] == pid:
            yield ctx.finding(
                pd.file, ("plan", "id"),
                f"方案编号“{pid}”重复（{seen[1]} 已使用）",
                "每个方案文件用一个唯一的编号，它也是本方案任务编号的前缀",
            )
        else:
            yield ctx.finding(
                pd.file, ("plan", "id"),
                f"方案编号“{pid}”与 {seen[1]} 的“{seen[0]}”只差大小写",
                "换一个编号：任务编号不分大小写，Windows 与 macOS 上两个文件名也会冲突",
            )
