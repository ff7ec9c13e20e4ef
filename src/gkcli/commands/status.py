"""gk status: tasks by deadline status, worst first."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from .common import AsOfOpt, DataOpt_many, as_of_date, fresh_schemas, load_model, no_tasks, units_of, warn_data_errors


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class By(str, Enum):
    unit = "unit"
    category = "category"
    单位 = "单位"  # as the office says it (--by 单位)
    类别 = "类别"


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk status --as-of 2023-10-15
gk status -u 县财政局、县教育局 -s 已逾期,临期
gk status --by unit                  # 按单位汇总
gk status -f json --fail-on overdue  # CI：有逾期任务时退出码为 1
"""

def status(
    ctx: typer.Context,
    unit: Optional[list[str]] = typer.Option(None, "--unit", "-u", help="只看这些单位（名称、别名或分组；可多次给出，或用逗号、顿号隔开）"),
    plan: Optional[list[str]] = typer.Option(None, "--plan", "-p", help="只看这些方案（方案编号，如 xh2023）"),
    category: Optional[list[str]] = typer.Option(None, "--category", "-c", help="只看这些类别（包含该文字即可）"),
    state: Optional[list[str]] = typer.Option(
        None, "--state", "-s", help="只看这些状态：overdue due_soon blocked ongoing not_started in_progress done_late done as_needed unit_ended，或中文如 已逾期、不再承担（完成 = 已完成与逾期完成，未完成 = 已逾期、临期、受阻、未启动、推进中）；missed：周期任务上一期有单位未完成"
    ),
    by: Optional[By] = typer.Option(None, "--by", help="按单位或类别汇总"),
    as_of: Optional[str] = AsOfOpt,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="输出格式（json、csv 供程序读取：英文键名与状态码；给人看的表格用 gk export 导出 Excel）"),
    fail_on: Optional[list[str]] = typer.Option(None, "--fail-on", help="有这些状态的任务时以退出码 1 结束（供 CI 使用），如 overdue；missed：周期任务上一期有单位未完成"),
    tasks_too: bool = typer.Option(False, "--tasks", help="多个县汇总时，在汇总表后列出每一项任务"),
    data: Optional[list[str]] = DataOpt_many,
) -> None:
    """查看任务完成状态：逾期、临期、推进中、已完成……最紧要的排在最前。

    给出多个 --data（或 gk.toml 中 workspace 列出各县仓库）时按县汇总。"""
    from .. import status as st
    from .. import workspace
    from ..errors import GkError
    from ..status_view import select, to_csv, to_json

    day = as_of_date(as_of)
    roots = workspace.resolve(ctx, data)
    if workspace.is_many(roots):
        _rollup(roots, day, unit, plan, category, _states(state), _states(fail_on), by, fmt, tasks_too)
        return
    model = load_model(ctx, str(roots[0]))
    units = units_of(model, unit) if unit else None
    states = _states(state)
    fails = _states(fail_on)
    report = st.compute(model, day, units, model.require_plans(plan) if plan else None)
    report.tasks = select(report.tasks, categories=category, states=states)
    grouping = {"单位": "unit", "类别": "category"}.get(by.value, by.value) if by else None
    if grouping is not None and fmt != Format.table:  # the summary table's rows, for a program
        from ..status_view import category_rows, grouped_csv, grouped_json, unit_rows

        rows = unit_rows(model, report) if grouping == "unit" else category_rows(report)
        if fmt == Format.json:
            typer.echo(grouped_json(report, grouping, rows))
        else:
            typer.echo(grouped_csv(grouping, rows), nl=False)
    elif fmt == Format.json:
        typer.echo(to_json(report, model.repo))
    elif fmt == Format.csv:
        typer.echo(to_csv(report), nl=False)
    else:
        from ..status_view import render_table

        render_table(model, report, by=grouping)
    for p in report.not_issued:
        typer.echo(f"注意：方案《{p.title}》（{p.id}）{st.plan_not_yet(p, day)}，晚于 {day}，其任务未列出", err=True)
    for p in report.ended:  # said, so that a 长期·未报告 of an earlier period is not taken for this one's
        assert p.ends_on is not None
        typer.echo(f"注意：方案《{p.title}》（{p.id}）已于 {p.ends_on} 结束：其周期任务按最后一期判断，长期任务按"
                   f"{st.last_period(p.ends_on).label}判断，此后的季度不再要求报送进度", err=True)
    for unit, ends_on, holder in report.units_ended:  # where the work of an abolished or merged unit went
        if holder is not None:
            typer.echo(f"注意：{unit}已于 {ends_on} 撤销，其任务由{holder}承接（写作“{holder}（承接{unit}）”）", err=True)
        else:
            typer.echo(f"注意：{unit}已于 {ends_on} 撤销，没有接续单位：其未完成的任务不再承担，此后的季度不再要求它报送进度", err=True)
    for u in sorted(units or ()):  # --unit names a unit not yet formed then: why it has nothing
        if model.unborn(u, day):
            typer.echo(f"注意：{u}于 {model.starts[u]} 成立，晚于 {day}：此前没有它的任务，也不要求它报送进度", err=True)
    if said := no_tasks(model.repo):
        typer.echo(f"注意：{said}", err=True)
    warn_data_errors(model.data_errors(), "状态", model)
    if said := fresh_schemas(roots[0]):
        typer.echo(f"注意：{said}", err=True)
    if fails and any(t.key in fails or t.code in fails or ("missed" in fails and t.missed) for t in report.tasks):
        raise typer.Exit(1)


def _rollup(roots, day, unit, plan, category, states, fails, by, fmt, tasks_too) -> None:
    """gk status over many county repos: per-county figures, each as if run alone."""
    from .. import cache, workspace
    from ..errors import GkError
    from ..texttable import terminal_width, use_color

    if by is not None:
        raise GkError("多个县汇总时不支持 --by", "去掉 --by，或对单个县的仓库运行")
    counties = workspace.counties(roots)

    def work(c):
        return workspace.county_status(c, day, unit, plan, category, states, use_cache=not cache.disabled(), sources=fmt == Format.json)

    results = [r for _, r in workspace.each(counties, work, "汇总")]
    if not results:
        raise typer.Exit(2)  # every county failed, each said why
    nowhere = set.intersection(*(set(r.get("unknown", ())) for r in results))
    if nowhere:  # a typo must not pass as "0 tasks" (and --fail-on as clean)
        raise GkError(f"没有一个县有“{'、'.join(sorted(nowhere))}”（单位、分组或方案编号）", "检查写法；在某个县的仓库中运行可得到“是不是”的建议")
    if fmt == Format.json:
        typer.echo(workspace.rollup_json(results))
    elif fmt == Format.csv:
        typer.echo(workspace.rollup_csv(results), nl=False)
    else:
        import sys

        sys.stdout.write(workspace.rollup_table(results, use_color(), terminal_width(), with_tasks=tasks_too))
        lacking = [(r["county"], r.get("unknown", [])) for r in results]
        lacking = [(c, us) for c, us in lacking if us]
        if lacking:  # 0 tasks there because the county has no such unit or plan, not because it has done them
            typer.echo("以下县没有所查的单位或方案，表中它们的任务数为 0：" + "；".join(f"{c}（{'、'.join(us)}）" for c, us in lacking))
    errors = sum(r["errors"] for r in results)
    if errors and fmt != Format.table:
        typer.echo(f"注意：数据中有 {errors} 个错误，相关记录未计入状态；在各县仓库运行 gk lint 查看全部。", err=True)
    if workspace.FAILED:  # before --fail-on: CI must tell "a county is broken" from "tasks are overdue"
        if fmt == Format.table:
            typer.echo("未计入：" + "；".join(f"{c.name}（{workspace.WHY.get(c.root, '无法读取')}）" for c in workspace.FAILED))
        raise typer.Exit(2)
    if fails and any(t["key"] in fails or t["status"] in fails
                     or ("missed" in fails and any("missed_previous" in a for a in t["assignments"])) for r in results for t in r["tasks"]):
        raise typer.Exit(1)


def _states(values: Optional[list[str]]) -> set[str] | None:
    from .. import lists
    from ..errors import GkError
    from ..status import LABELS, STATE_ALIASES, STATE_GROUPS

    if not values:
        return None
    out: set[str] = set()
    for part in lists.split(values):  # --state 已逾期,临期 (，、 too)
        if part in STATE_GROUPS:
            out.update(STATE_GROUPS[part])
            continue
        if part not in STATE_ALIASES:
            words = "、".join(k for k in STATE_ALIASES if not k.isascii() and ":" not in k)
            groups = "、".join(f"{g}（{'、'.join(LABELS[c] for c in codes)}）" for g, codes in STATE_GROUPS.items())
            raise GkError(f"未知状态“{part}”", f"可用：{words}；几种合称：{groups}；也可写英文代码（gk status -h 列出）")
        out.add(STATE_ALIASES[part])
    return out


def register(app: typer.Typer) -> None:
    app.command("status", epilog=EXAMPLES)(status)
