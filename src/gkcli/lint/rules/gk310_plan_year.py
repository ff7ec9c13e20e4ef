"""## 作用
方案标题（或方案编号）中的年份与发布日期 `plan.issued_on` 的年份不同，而方案中有没写年份的完成时限（`年底前`、`6月底前`、`年内`）
或周期任务时，说明 gk 按哪一年计算它们：

- 标题写的是发布日期的**下一年**（`2024年全县政务公开工作要点`，2023-12-20 印发；或编号 `yd2024`，2023-09-28 印发）：这是提前
  印发的下一年的方案，没写年份的时限按标题的年份（2024 年）计，周期任务从该年 1 月 1 日起计；
- 其他不同（标题写 2021 年，2023 年印发）：按发布日期的年份计。

没有发布日期时，年份先看标题、再看编号；两者不同（标题 `2023年…`，编号 `xh2021`）时说明按标题的年份计，方案也从该年 1 月 1 日起计。

标题中的年份指紧跟“年”的四位数（`2024年…`、`2024—2026年…` 取第一个），文号中的年份（`〔2023〕12号`）不算；标题中没有年份时看编号。

## 为什么
没写年份的时限要借方案的年份才有到期日。提前印发的下一年方案若按印发年份计，`年底前` 就成了印发当年的 12 月 31 日，
方案一印发就“已逾期”（或差不多）；反过来，发布日期的年份写错时，所有这样的时限都会错一年。这里说明取了哪一年，请核对。

## 错误示例
```yaml
plan:
  id: zwgk
  title: 2024年全县政务公开工作要点
  issued_on: 2023-12-20
tasks:
  - id: zwgk-01
    title: 公开财政预决算
    units: [县财政局]
    deadline: 年底前
```

## 正确示例
```yaml
plan:
  id: zwgk
  title: 2024年全县政务公开工作要点
  issued_on: 2023-12-20
tasks:
  - id: zwgk-01
    title: 公开财政预决算
    units: [县财政局]
    deadline: 2024年底前
```

## 修复
核对原文件：年份无误的，给这些时限写上年份（如 `2024年底前`），提示即不再出现（也可以 `--ignore GK310`）；不对的，改正 `title`、
方案编号或 `issued_on`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ... import deadlines
from ...findings import Finding

CODE = "GK310"
NAME = "plan-year"
SEVERITY = "warning"
SUMMARY = "标题中的年份与发布日期（或没有发布日期时与编号）不同：说明没写年份的时限按哪一年计"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for pd in ctx.repo.plans:
        plan, issued = pd.plan, pd.plan.issued_on
        if issued is None:
            yield from _undated_plan(ctx, pd)
            continue
        named, src = deadlines.named_year(plan.title), f"标题《{plan.title}》"
        if named is None:
            named, src = deadlines.plan_year(None, plan.id)[0], f"编号 {plan.id}"
        if named is None or named == issued.year:
            continue
        year, where = deadlines.plan_year(issued, plan.id, plan.title)
        undated = [t.deadline for t in pd.tasks if t.deadline and deadlines.needs_a_year(t.deadline)]
        recurring = where != "issued_on" and any(_recurring(t.deadline, year) for t in pd.tasks)
        if not undated and not recurring:
            continue
        ahead = where != "issued_on"
        what = []
        if undated:
            shown = "”“".join(list(dict.fromkeys(undated))[:2])
            what.append(f"没写年份的完成时限（如“{shown}”，共 {len(undated)} 项）按{'' if ahead else '发布日期的年份'} {year} 年计")
        if recurring:
            what.append(f"周期任务从 {year}-01-01 起计")
        why = "是提前印发的下一年的方案" if ahead else "不是发布日期的下一年"
        yield ctx.finding(
            pd.file, ("plan", "issued_on"),
            f"方案{src}中的年份是 {named} 年，发布日期 issued_on 是 {issued.isoformat()}：{why}，{'，'.join(what)}",
            f"核对原文件：年份无误的，给这些时限写上年份（如 {year}年底前）即不再提示；不对的，改正 title、方案编号或 issued_on",
        )


def _undated_plan(ctx, pd) -> Iterator[Finding]:
    """No issued_on, and the title names another year than the id (title 2023年…, id xh2021): the title's is
    taken, silently; say so, for the undated deadlines and for the day the plan starts counting (January 1)."""
    plan = pd.plan
    titled, coded = deadlines.named_year(plan.title), deadlines.plan_year(None, plan.id)[0]
    if titled is None or coded is None or titled == coded:
        return
    year = titled  # (deadlines.plan_year: with no issue day, the title's year first)
    undated = [t.deadline for t in pd.tasks if t.deadline and deadlines.needs_a_year(t.deadline)]
    what = []
    if undated:
        shown = "”“".join(list(dict.fromkeys(undated))[:2])
        what.append(f"没写年份的完成时限（如“{shown}”，共 {len(undated)} 项）按 {year} 年计")
    what.append(f"方案从 {year}-01-01 起计（此前的状态、报告与未报送不计入它）")
    yield ctx.finding(
        pd.file, ("plan", "title"),
        f"方案没有发布日期 issued_on，标题《{plan.title}》中的年份是 {titled} 年，编号 {plan.id} 中是 {coded} 年：按标题的年份，{'，'.join(what)}",
        "核对原文件：补上 issued_on（印发日期）即不再提示；年份不对的，改正 title 或方案编号",
    )


def _recurring(text: str | None, year: int | None) -> bool:
    try:
        return bool(text) and deadlines.parse(text, year).kind == "recurring"  # type: ignore[arg-type]
    except deadlines.DeadlineError:
        return False
