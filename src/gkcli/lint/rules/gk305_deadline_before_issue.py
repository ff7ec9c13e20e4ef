"""## 作用
检查任务的完成时限不早于方案的发布日期 `plan.issued_on`；方案没有写发布日期时，不早于方案的年份（标题中的年份，
没有时取编号中的年份，如 `xh2023`）。

## 为什么
方案发布之前就已到期的任务一发布就是“已逾期”：通常是年份抄错（`2022年6月底前` 写成了 `2021年…`），或方案的发布日期写错。
也有原文确实如此的（文件印发晚于其中的时限），所以这是警告，不是错误：核对原文后照原文保留即可。

## 错误示例
```yaml
plan:
  id: xh2023
  title: 宣汉县深化政务公开促进基层政府治理能力提升实施方案
  issued_on: 2023-03-01
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2022年6月底前
```

## 正确示例
```yaml
plan:
  id: xh2023
  title: 宣汉县深化政务公开促进基层政府治理能力提升实施方案
  issued_on: 2023-03-01
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023年6月底前
```

## 修复
对照原文件改正时限的年份，或改正 `issued_on`；原文确实如此的不必改。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK305"
NAME = "deadline-before-issue"
SEVERITY = "warning"
SUMMARY = "完成时限早于方案发布日期（没有发布日期时，早于方案的年份）"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    from ... import deadlines

    early: dict[int, list] = {}  # per plan without issued_on: its tasks due before the year it names
    dated: dict[int, int] = {}
    for info in ctx.model.tasks:
        dl, plan = info.deadline, info.plan
        if dl is None or dl.due is None:
            continue
        if plan.issued_on is not None:
            if dl.due < plan.issued_on:
                yield ctx.finding(
                    info.file, info.task.path + ("deadline",),
                    f"完成时限“{info.task.deadline}”（{dl.due.isoformat()}）早于方案发布日期 {plan.issued_on.isoformat()}",
                    "对照原文件核对时限的年份，或方案的 issued_on；原文确实如此的照原文保留",
                )
            continue
        # no issue day: the year the plan names (title, else id) bounds it, as GK312 does from above
        year, where = deadlines.plan_year(None, plan.id, plan.title)
        if year is None or (where == "id" and not info.id.startswith(plan.id + "-")):
            continue  # (an id its tasks do not share: GK302 says the id is wrong, its year is no bound)
        dated[id(plan)] = dated.get(id(plan), 0) + 1
        if dl.due.year < year:
            early.setdefault(id(plan), []).append((info, year, where))
    for key, found in early.items():
        info, year, where = found[0]
        source = "标题" if where == "title" else "编号"
        if len(found) >= 3 and 2 * len(found) >= dated[key]:  # most of the plan: its year is what is wrong, said once
            yield ctx.finding(
                info.file, ("plan", "title" if where == "title" else "id"),
                f"方案的年份 {year} 年（取自方案{source}）晚于其中 {len(found)} 项任务的完成时限（如“{info.task.deadline}”）",
                f"核对方案{source}中的年份；方案没有写发布日期，写上 issued_on 后按发布日期检查",
            )
            continue
        for info, year, where in found:
            yield ctx.finding(
                info.file, info.task.path + ("deadline",),
                f"完成时限“{info.task.deadline}”（{info.deadline.due.isoformat()}）早于方案的年份 {year} 年（取自方案{source}；"
                "方案没有写发布日期）",
                "多半是年份抄错（沿用了往年方案的时限）：对照原文件核对；原文确实如此的照原文保留，并写上方案的 issued_on",
            )
