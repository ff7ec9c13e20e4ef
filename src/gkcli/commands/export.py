"""gk export: the 工作台账 as an Excel workbook."""

from __future__ import annotations

from typing import Optional

import typer

from .common import AsOfOpt, DataOpt, as_of_date, load_model, units_of, warn_data_errors


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk export -o 台账-2023Q4.xlsx --as-of 2023-12-31
gk export -u 县财政局,县教育局 -o 两局台账.xlsx
gk export --force                    # 覆盖 台账.xlsx，原文件另存备份
"""

def export(
    ctx: typer.Context,
    out: str = typer.Option("台账.xlsx", "--output", "-o", help="输出文件（.xlsx）"),
    as_of: Optional[str] = AsOfOpt,
    unit: Optional[list[str]] = typer.Option(None, "--unit", "-u", help="只导出这些单位（名称、别名或分组；可多次给出，或用逗号、顿号隔开）", show_default=False),
    plan: Optional[list[str]] = typer.Option(None, "--plan", "-p", help="只导出这些方案（方案编号）", show_default=False),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖它；原文件先另存为 <文件名>.备份-<时间>.xlsx"),
    data: Optional[list[str]] = DataOpt,  # repeatable only to refuse several (common.data_dir)
) -> None:
    """导出工作台账（Excel）：每个任务的每个责任单位一行，含状态、到期日、逾期天数与最新进度；另有按单位汇总与说明。

    输出文件已存在时不覆盖（其中可能有手工添加的内容）：加 --force 覆盖，原文件先另存为备份。"""
    import os
    from pathlib import Path

    from .. import status as st
    from ..errors import GkError
    from ..write import atomic
    from ..write import export as ex

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise GkError(f"输出文件应为 .xlsx：{out}", "例如 -o 台账.xlsx")
    if path.is_dir():
        raise GkError(f"{out} 是一个目录", "-o 后面写文件名，例如 -o 台账.xlsx")
    day = as_of_date(as_of)
    model = load_model(ctx, data)
    units = units_of(model, unit) if unit else None
    plans = model.require_plans(plan) if plan else None
    if os.path.lexists(path) and not force:  # said before the work; ex.save refuses one made meanwhile too
        raise GkError(f"{out} 已存在，未覆盖（其中可能有手工添加的内容）", atomic.exists_hint(path, str(path.with_name(f"{path.stem}-{day.isoformat()}{path.suffix}"))))
    report = st.compute(model, day, units, plans)
    _refuse_empty_for_unread_plans(model, report)
    errors = model.data_errors()  # as gk status says them: unread records, unknown units, tasks with none
    wb = ex.build(model, report, errors)
    backup = ex.save(wb, path, force)
    n = sum(max(1, len(t.assignments)) + len(t.others) for t in report.tasks)
    typer.echo(f"已导出工作台账：{path}（{len(report.tasks)} 项任务，{n} 行，统计日期 {day}）")
    if backup is not None:
        typer.echo(f"注意：已覆盖原文件；原文件另存为 {backup}", err=True)
    for p in report.not_issued:  # as gk status and gk report say it
        typer.echo(f"注意：方案《{p.title}》（{p.id}）{st.plan_not_yet(p, day)}，晚于 {day}，其任务未列入台账", err=True)
    if cut := ex.cut_cells(wb):
        typer.echo(f"gk: 警告：{cut} 个单元格超过 Excel 的 32767 字上限，已截断（单元格末尾注明；全文见进度来源文件）", err=True)
    if errors:
        from ..model import lost_file

        for f in model.unread_backbone():  # every row of its units or tasks is missing: said in words
            typer.echo(f"gk: 警告：{lost_file(f)}。台账缺少相应的行", err=True)
        warn_data_errors(errors, "台账")


def _refuse_empty_for_unread_plans(model, report) -> None:  # type: ignore[no-untyped-def]
    """A 台账 of no task while a plan file could not be read would look like a county with nothing
    to do: refused, as gk report refuses (gk status, on the screen only, warns). With tasks left
    it is written, its 说明 sheet saying what is missing."""
    from ..errors import GkError
    from ..model import lost_file

    from .common import plan_files_in_error

    if report.tasks:
        return
    lost = [f for f in model.unread_backbone() if f.path.startswith("data/tasks/")]
    if lost:
        more = f"；另有 {len(lost) - 1} 个方案文件也是这样" if len(lost) > 1 else ""
        raise GkError(f"{lost_file(lost[0])}{more}。台账中将没有任何任务，未生成台账", "运行 gk lint 查看并改正后再导出")
    if not any(pd.tasks for pd in model.repo.plans) and (broken := plan_files_in_error(model.repo)):
        # read, but every task left out (a misspelt deadlien:): as empty a 台账, for the same reason
        raise GkError(f"没有读到任何任务：{broken} 有错误，其中的任务未计入。台账中将没有任何任务，未生成台账", "运行 gk lint 查看并改正后再导出")


def register(app: typer.Typer) -> None:
    app.command("export", epilog=EXAMPLES)(export)
