"""## 作用
检查进度文件放在 `data/progress/<季度>/<单位名称>.yaml`：目录名等于文件中的 `period`，文件名等于 `unit` 所指单位的名称 `name`（不是别名），且 `unit` 是一个单位而不是分组；一个单位每个季度只有一个进度文件。

单位更名后旧名成为别名：更名前报送的文件，文件名与其中的 `unit` 都是旧名，照样有效（进度是只追加的历史，已截止季度的文件不再改名，见 GK407）。

## 为什么
每个单位每季度一个文件，文件名就是“谁、哪个季度”：`gk status` 据此判断谁未报送，拉取请求的审核人据此确认单位只改了自己的文件。放错目录或用别名命名，同一单位同一季度就可能出现两个文件。

## 错误示例
```yaml
# 文件：data/progress/2023Q3/县人力资源社会保障局.yaml
unit: 县人社局
period: 2023Q4
entries:
  - task: xh2021-01
    status: done
    date: 2023-09-20
```

## 正确示例
```yaml
# 文件：data/progress/2023Q3/县人社局.yaml
unit: 县人社局
period: 2023Q3
entries:
  - task: xh2021-01
    status: done
    date: 2023-09-20
```

## 修复
把文件移到正确的目录并以单位名称命名（`git mv`），或改正文件中的 `period` / `unit`。不能自动修复。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding
from ...repo import file_unit

CODE = "GK401"
NAME = "progress-path"
SEVERITY = "error"
SUMMARY = "进度文件的路径与 unit / period 不符"
FIXABLE = False

_Q = re.compile(r"^\d{4}Q[1-4]$")


def check(ctx) -> Iterator[Finding]:
    misplaced: set[str] = set()
    for f in _paths(ctx):
        misplaced.add(f.path)
        yield f
    yield from _twice(ctx, misplaced)


def _twice(ctx, misplaced: set[str]) -> Iterator[Finding]:
    """One unit, one quarter, one file: a second one (县财政局.yml beside .yaml, or one under
    the unit's old name) would be read as a later report and silently supersede the first.
    (A file already told to move is not told this too.)"""
    files: dict[tuple[str, str], list] = {}
    for rep in ctx.repo.progress:
        if rep.file in misplaced:
            continue
        canon = ctx.resolver.canonical(rep.unit)
        if canon is None or not _Q.match(rep.period):
            continue
        files.setdefault((canon, rep.period), []).append(rep)
    for (canon, period), reps in files.items():
        if len({r.file for r in reps}) < 2:
            continue
        # the file named by the unit's name is the one to keep (not the first in sort order,
        # which may be the one under an old name)
        keep = next((r.file for r in reps if file_unit(r.file) == canon), reps[0].file)
        for rep in reps:
            if rep.file != keep:
                yield ctx.finding(
                    rep.file, ("unit",),
                    f"{canon} 的 {period} 进度已有文件 {keep}，一个单位每季度只报送一个文件",
                    f"把条目并入 {keep}，删去本文件",
                )


def _paths(ctx) -> Iterator[Finding]:
    for rep in ctx.repo.progress:
        parts = rep.file.split("/")
        unit, period = rep.unit, rep.period
        canon = ctx.resolver.canonical(unit)
        want = f"data/progress/{period}/{canon or unit}.yaml"
        if len(parts) != 4 or not _Q.match(parts[2]):
            yield ctx.finding(
                rep.file, (),
                "进度文件应放在 data/progress/<季度>/<单位名称>.yaml",
                f"移到 {want}",
            )
            continue
        if canon is not None and ctx.resolve(unit).is_group:
            yield ctx.finding(
                rep.file, ("unit",),
                f"“{unit}”是分组，进度文件的 unit 应为一个单位",
                "分组中的每个单位各自报送自己的文件：data/progress/<季度>/<单位名称>.yaml",
            )
            continue
        folder, stem = parts[2], file_unit(rep.file)
        if folder != period:
            yield ctx.finding(
                rep.file, ("period",),
                f"文件在 {folder} 目录中，但 period 写的是 {period}",
                f"改正 period，或把文件移到 {want}",
            )
        if canon is None or stem == canon:
            continue  # an unknown unit is GK202's
        if stem == unit.strip() and ctx.resolver.canonical(stem) == canon:
            continue  # named, inside and out, by what the unit was called then (renamed since: now an alias)
        if ctx.resolver.canonical(stem) == canon:
            yield ctx.finding(
                rep.file, ("unit",),
                f"文件名应为单位名称“{canon}”，而不是“{stem}”",
                f"把文件改名为 data/progress/{folder}/{canon}.yaml（git mv）",
            )
        else:
            yield ctx.finding(
                rep.file, ("unit",),
                f"文件名“{stem}”与 unit“{unit}”不符",
                f"每个单位只报送自己的文件：文件名用单位名称，即 data/progress/{folder}/{canon}.yaml",
            )
