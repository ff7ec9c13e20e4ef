"""## 作用
检查任务点名的单位（任务的 `units`，不经分组）在任务到期时已经成立：一次性任务的到期日不早于该单位的成立日期 `starts_on`。

## 为什么
单位成立之前到期的任务，它不可能按时完成：gk 照样把这项分派算作“已逾期”。多半是把新单位的名称写进了旧任务
（原单位的任务应写原单位，撤销后由 `successor` 承接），或单位的成立日期写错了。原文确实如此的照原文保留，所以这是警告。
通过分组派给它的不报告：方案生效时它还没有成立的，分组不会把任务派给它。

## 错误示例
```yaml
# 县数据局 starts_on: 2024-08-15
tasks:
  - id: t2024-01
    title: 公开数据资源目录
    units: [县数据局]
    deadline: 2024-06-30
```

## 正确示例
```yaml
tasks:
  - id: t2024-01
    title: 公开数据资源目录
    units: [县政府办]   # 当时承担这项工作的单位；县数据局成立后由 successor 承接
    deadline: 2024-06-30
```

## 修复
核对原文件：任务写当时承担的单位；单位的成立日期写错的，改正 `starts_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK220"
NAME = "task-due-before-unit-start"
SEVERITY = "warning"
SUMMARY = "任务点名的单位在任务到期之后才成立"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    model = ctx.model
    if not model.starts:
        return
    for ref in ctx.refs:
        if ref.where != "task":
            continue
        r = ctx.resolve(ref.text)
        start = model.starts.get(r.name) if r.ok and not r.is_group else None  # type: ignore[arg-type]
        info = ctx.info(ref.owner) if start is not None else None
        dl = info.deadline if info is not None else None
        if dl is None or dl.kind != "date" or dl.due is None or not dl.due < start:  # type: ignore[operator]
            continue
        yield ctx.finding(
            ref.file, ref.path,
            f"{r.name}于 {start} 成立，而任务 {info.id} 在 {dl.due} 到期",  # type: ignore[union-attr]
            "任务写当时承担这项工作的单位（成立后由 successor 承接）；成立日期写错的，改正 starts_on",
        )
