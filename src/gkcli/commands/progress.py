"""gk progress add: record one unit's progress on one task, without hand-editing YAML."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from ..cells import clip
from .common import DataOpt

# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk progress add xh2021-06 -u 县财政局 -s done -n 已公开
gk progress add xh2021-06 -u 县财政局 -s 推进中 --dry-run
gk progress add                      # 在终端中逐项选择
"""

progress_app = typer.Typer(
    name="progress",
    help="登记季度工作进度（写入 data/progress/<季度>/<单位>.yaml）。",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
)


def stdin_is_tty() -> bool:
    """Interactive mode needs a person at a terminal (tests replace this)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@progress_app.command("add", epilog=EXAMPLES)
def add(
    ctx: typer.Context,
    task: Optional[str] = typer.Argument(None, metavar="任务编号", help="任务编号，如 xh2021-06（在终端中省略则逐项选择）", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="报送单位（名称或别名）", show_default=False),
    status: Optional[str] = typer.Option(
        None, "--status", "-s", help="状态：done 已完成 | in_progress 推进中 | not_started 未启动 | blocked 受阻", show_default=False
    ),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="达到该状态的日期，如 2023-09-12、昨天、上周五（默认今天）", show_default=False),
    note: Optional[str] = typer.Option(None, "--note", "-n", help="说明", show_default=False),
    evidence: Optional[list[str]] = typer.Option(None, "--evidence", "-e", help="佐证：链接或仓库内路径（可多次给出）", show_default=False),
    period: Optional[str] = typer.Option(None, "--period", help="记入哪个季度，如 2023Q3（默认：日期所在季度）", show_default=False),
    late: bool = typer.Option(False, "--late", help="补报：允许写入已截止报送的季度"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并显示将写入的内容，不写文件"),
    data: Optional[list[str]] = DataOpt,  # repeatable only to refuse several (common.data_dir)
) -> None:
    """登记一条进度：检查任务、单位、状态与日期，追加到该单位本季度的进度文件（不改动文件中的其他内容）。"""
    from ..clock import today
    from ..errors import GkError
    from ..write import progress as wp
    from .common import load_model

    day = today()
    # TASK omitted at a terminal, or given without --unit or --status: what is missing is asked
    interactive = task is None or (not (unit and status) and stdin_is_tty())
    if interactive and not stdin_is_tty():
        raise GkError("缺少任务编号", "用法：gk progress add 任务编号 --unit 单位 --status 状态；在终端中省略任务编号可逐项选择")
    if not interactive:
        missing = [o for o, v in (("--unit", unit), ("--status", status)) if not v]
        if missing:
            raise GkError(f"缺少 {' 和 '.join(missing)}", "例如：gk progress add xh2021-06 --unit 县财政局 --status done")
    if period is not None:  # a quarter that does not exist is said before any other check (and before any prompt:
        wp.parse_period(period, day)  # interactively, asking for a date again and again would never mend it)
    model = load_model(ctx, data)
    if unit:  # 县财政局,县教育局 pasted: each checked, then said to be one too many
        from .common import one_unit

        unit = one_unit(model.resolver, unit, "一条进度由一个单位报送，记入该单位自己的进度文件：每个单位各登记一次",
                        require=lambda ref: wp.resolve_unit(model, ref))
    if interactive:
        from ..write.interactive import ask

        req = ask(model, day, unit=unit, status=status, date=date, note=note, evidence=evidence or [], period=period, late=late,
                  confirm=not dry_run, task=task)
    else:
        assert task is not None and unit is not None and status is not None
        entry_day, said = wp.entry_date(date, day, "--date") if date is not None else (None, None)
        if said:
            typer.echo(f"gk: 注意：{said}", err=True)
        req = wp.Request(
            task=task,
            unit=unit,
            status=status,
            date=entry_day,
            note=note,
            evidence=list(evidence or []),
            period=period,
            late=late,
        )
    target = wp.check(model, req, day)
    for w in target.warnings if not (interactive and not dry_run) else ():  # (asked interactively: said before the answer)
        typer.echo(f"gk: 警告：{w}", err=True)
    if not (interactive and not dry_run) and (bad := wp.file_errors(model, target)) is not None:
        typer.echo(f"gk: 警告：{bad}", err=True)
    label = wp.STATUS_LABELS[target.entry["status"]]
    info = model.by_id.get(target.entry["task"])  # its title beside the id: a 序号 typed for the id shows
    title = f"（{clip(info.task.title, 20)}）" if info is not None else ""  # the wrong task at once
    what = f"{target.entry['task']}{title} {target.unit} {label} {target.entry['date']}"
    if dry_run:
        typer.echo(f"检查通过（未写入）：{what} → {target.rel}")
        typer.echo(wp.block_entry(target.entry, 2, 4, "\n"), nl=False)
        return
    try:
        out = wp.write(target)
    except GkError as e:
        if interactive:  # what was typed is not lost: the command that files it once the file is mended
            import re
            import shlex

            unit_arg = target.unit if re.fullmatch(r"[\w（）·-]+", target.unit) else shlex.quote(target.unit)
            again = (f"gk progress add {target.entry['task']} --unit {unit_arg} --status {target.entry['status']}"
                     f" --date {target.entry['date']} --period {target.quarter}{' --late' if target.late else ''}{wp._also(req)}")
            raise GkError(e.message, f"{e.hint}；修正后可运行：{again}" if e.hint else f"修正后可运行：{again}", e.path, e.at) from None
        raise
    if not out.written:
        typer.echo(f"相同的条目已在 {target.rel} 第 {out.line} 行，未重复写入")
        return
    extra = "（新建文件）" if out.created else ""
    typer.echo(f"已登记：{what} → {target.rel} 第 {out.line} 行{extra}")
    if out.submitted_on_updated:
        why = "截止后补报（--late），报告中显示为逾期报送" if target.late else "新条目晚于原报送日期"
        typer.echo(f"  submitted_on 已更新为 {target.today}（{why}）")


def register(app: typer.Typer) -> None:
    app.add_typer(progress_app, name="progress")

