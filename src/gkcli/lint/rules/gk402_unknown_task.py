"""## 作用
检查进度条目的 `task` 是某个方案中已有的任务编号，写错时给出最接近的编号。

## 为什么
指向不存在任务的进度不会记到任何任务上：单位以为报送了，台账里那项任务却仍是“未启动”或“已逾期”。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-3
    status: done
    date: 2023-09-12
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-12
```

## 修复
改成方案中的任务编号（`gk status --unit 本单位` 列出本单位的全部任务）。
编号只是大小写或补零不同（XH2023-06、xh2023-6），且恰好对应一项任务时，`gk lint --fix` 可以自动修复（改为方案中的写法）。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding
from ...model import id_key
from ..fix import Edit
from ._util import nearest

CODE = "GK402"
NAME = "unknown-task"
SEVERITY = "error"
SUMMARY = "进度条目指向不存在的任务"
FIXABLE = True


def check(ctx) -> Iterator[Finding]:
    # with a plan file that could not be read, an id of no loaded plan may be in it
    unsure = ctx.unreadable("tasks")
    plans = {pd.plan.id for pd in ctx.repo.plans}
    ids = list(ctx.model.by_id)
    own: dict[str, list[str]] | None = None
    by_key: dict[str, list[str]] = {}  # id_key → ids: looked up, not compared with every id per entry (t4, session 10:
    hints: dict[tuple[str, str], str] = {}  # a renumbered plan's thousand orphaned entries took status 6 s)
    for rep in (*ctx.repo.progress, *ctx.repo.partial_progress):  # (a file whose period cannot be read too)
        for e in rep.entries:
            if e.task in ctx.model.by_id or ctx.dropped("tasks", e.task):
                continue
            if not (unsure and e.task.split("-")[0] not in plans):
                if own is None:  # unit → its tasks' ids: the id it meant is most likely one of its own
                    own = {}
                    for info in ctx.model.tasks:
                        for u in info.units:
                            own.setdefault(u, []).append(info.id)
                    for i in ids:
                        by_key.setdefault(id_key(i), []).append(i)
                unit = ctx.model.resolver.canonical(rep.unit) or rep.unit
                hint = hints.get((e.task, unit))
                if hint is None:
                    # the id as typed (T2023-3 is t2023-03, as progress add takes it), else the unit's own, else any
                    titled = _written_with_title(e.task, by_key)
                    same = by_key.get(id_key(e.task), []) or titled
                    near = same or nearest(e.task, own.get(unit, ())) or nearest(e.task, ids)
                    hint = hints[(e.task, unit)] = _id_hint(ctx, near, bool(titled), guess=not same)
                yield ctx.finding(rep.file, e.path + ("task",), f"任务“{e.task}”不存在", hint)


def _written_with_title(text: str, by_key: dict[str, list[str]]) -> list[str]:
    """xh2023-06（主动公开…）, xh2023-06 主动公开…: an id with its title copied after it."""
    m = _LEADING_ID.match(text)
    return by_key.get(id_key(m[1]), [])[:1] if m and m.end() < len(text) else []


_LEADING_ID = re.compile(r"\s*([A-Za-z]+\d{4}-\d+)(?![\d-])")


def _id_hint(ctx, near: list[str], titled: bool = False, guess: bool = False) -> str:
    """只写编号 xh2023-06 (the code alone, the title said apart: a hint is copied as it stands). A `guess`
    (an id near the written one, not the same) is asked, not told: the task may have been taken out of
    the plan, and its progress written over to a neighbour's id would count for a task not done."""
    if not near:
        return "运行 gk status --unit 本单位 查看本单位的任务编号"
    near = near[:2]
    what = "；".join(f"{i} 是“{_title(ctx.model.by_id[i].task.title)}”" for i in near)
    if guess:
        return (f"是不是 {' 或 '.join(near)}（{what}）？对照进度说的工作核对编号；这项任务已从方案中删去的，"
                "这条进度不计入任何任务，不要改成别的任务的编号（文件已截止、不能再改的，在 gk.toml 的 [lint] per-file-ignores 中为它关掉 GK402）")
    return f"只写编号 {' 或 '.join(near)}（{what}）" if len(near) > 1 else f"只写编号 {near[0]}" + ("，不写标题" if titled else "") + f"（{what}）"


def _title(title: str) -> str:
    return title if len(title) <= 16 else title[:15] + "…"


def fixes(ctx) -> Iterator[Edit]:
    """XH2023-06, xh2023-6 → xh2023-06: the id as the plan writes it, when exactly one task is that id.
    Read from the files as written: an entry the loader refused for another value (status: 已完成,
    fixed by GK105 in the same run) is fixed here too."""
    by_key: dict[str, list[str]] = {}
    for i in ctx.model.by_id:
        by_key.setdefault(id_key(i), []).append(i)
    for rel, doc in sorted(ctx.repo.docs.items()):
        if not rel.startswith("data/progress/") or not isinstance(doc.data, dict):
            continue
        entries = doc.data.get("entries")
        for i, e in enumerate(entries if isinstance(entries, list) else ()):
            task = e.get("task") if isinstance(e, dict) else None
            if not isinstance(task, str) or task in ctx.model.by_id:
                continue
            same = by_key.get(id_key(task), [])
            if len(same) == 1:
                yield Edit(rel, ("entries", i, "task"), task, same[0], CODE, f"task “{task}” → {same[0]}")
