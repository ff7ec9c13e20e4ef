"""Interactive `gk progress add` (TASK omitted, at a terminal): pick from lists.

Asks only for what the command line did not give: the unit, then one of that
unit's tasks (with its current status), the status, the date, a note and links;
shows the entry and asks to confirm. Every answer is checked by the same
`progress.check` as the non-interactive command.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import typer

from ..cells import clip
from ..errors import GkError
from . import progress as wp


def _ask(text: str, **kw) -> str:  # type: ignore[no-untyped-def]
    """A prompt ending in a full-width colon, as Chinese text does (click writes “: ”). An answer with bytes
    that are no text in the terminal's encoding (they come as lone surrogates) is asked again: never
    written, never shown back."""
    while True:
        raw = typer.prompt(text, prompt_suffix="：", **kw)
        try:
            raw.encode("utf-8")
            return raw
        except UnicodeEncodeError:
            typer.echo("  输入中有无法识别的字符（终端的字符编码不是 UTF-8？）：请重新输入", err=True)


def _utf8_input() -> None:
    """Under LC_ALL=C (or POSIX) GNU readline takes each byte of a Chinese character for a Meta key (2!协商会议
    for 已召开政务协商会议) and Python reads the terminal as UTF-8 all the same: the character type is made
    C.UTF-8 before readline is loaded. Python's readline sets it from the environment at each prompt, so
    the environment says it too; where no UTF-8 locale exists, readline is told to take 8-bit bytes as
    they come."""
    import locale
    import os

    if locale.setlocale(locale.LC_CTYPE) not in ("C", "POSIX"):
        return
    for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
        except locale.Error:
            continue
        os.environ["LC_ALL" if os.environ.get("LC_ALL") else "LC_CTYPE"] = name
        return
    try:
        import readline

        for setting in ("input-meta on", "convert-meta off", "output-meta on"):
            readline.parse_and_bind(f"set {setting}")
    except ImportError:
        pass


def _yes(text: str) -> bool:
    """是 or 否, asked in Chinese (click's confirm shows [Y/n]); Enter is 是."""
    while True:
        raw = _ask(f"{text}（是/否，直接回车为“是”）", default="", show_default=False).strip().lower()
        if raw in ("", "是", "y", "yes", "确认", "好", "对"):
            return True
        if raw in ("否", "n", "no", "不", "取消"):
            return False
        typer.echo("  请回答“是”或“否”", err=True)


def _number(raw: str) -> int | None:
    """A number as typed: ASCII, full-width (３), circled (③) or superscript digits; else None."""
    text = unicodedata.normalize("NFKC", raw.strip())
    return int(text) if text.isascii() and text.isdecimal() else None


def _pick(prompt: str, options: list[str], default: int | None = None, alias=None,
          key=None) -> int:  # type: ignore[no-untyped-def]
    """Index of the option chosen by its number, its text (compared by `key`), or a word `alias`
    says it means (已完成)."""
    while True:
        raw = _ask(prompt, default=str(default + 1) if default is not None else None, show_default=default is not None)
        raw = raw.strip()
        n = _number(raw)
        if n is not None and 1 <= n <= len(options):
            return n - 1
        raw = (alias(raw) if alias is not None else None) or raw
        if raw in options:
            return options.index(raw)
        if key is not None and (hits := [i for i, o in enumerate(options) if key(o) == key(raw)]):
            return hits[0]
        slip = wp.status_slip(raw) if raw and alias is wp.status_code else ""  # (doen at the status menu)
        typer.echo(f"  {slip}请输入 1—{len(options)} 之间的编号", err=True)


def _pick_task(model, name: str, tasks: list):  # type: ignore[no-untyped-def]
    """The task chosen by its number on the list or its id (full-width too, as an IME types it). An id that is no
    task's gets 是不是…？; a real task not on the unit's list is taken when the task admits others (等县级有关部门,
    as the command line does, its warning shown before 确认写入), else said to be another unit's."""
    while True:
        raw = unicodedata.normalize("NFKC", _ask("任务（编号）")).strip()
        n = _number(raw)
        if n is not None and 1 <= n <= len(tasks):
            return tasks[n - 1]
        if n is not None or not raw:
            typer.echo(f"  请输入 1—{len(tasks)} 之间的编号，或任务编号", err=True)
            continue
        if hits := [info for info in tasks if wp.id_key(info.id) == wp.id_key(raw)]:
            return hits[0]
        try:
            info = wp.find_task(model, raw)
        except GkError as e:
            near = wp.nearest_ids(model, raw)
            typer.echo(f"  {e.message}：{f'是不是{chr(8220)}{near[0]}{chr(8221)}？' if near else ''}请输入上面列出的编号或任务编号", err=True)
            continue
        if info.task.others:
            return info
        typer.echo(f"  {info.id} 不是{name}的任务（责任单位：{'、'.join(info.units[:6])}{'等' if len(info.units) > 6 else ''}）："
                   f"请输入上面列出的编号或任务编号", err=True)


def _pasted_lines() -> str:
    """The rest of a note pasted in several lines: the lines that came with the first at once (a paste
    arrives whole, a person types slower than 50 ms a line), each after a line break. At a terminal only;
    the line break used to end the note and make the next line the evidence."""
    import select
    import sys

    more = ""
    try:
        while sys.stdin.isatty() and select.select([sys.stdin], [], [], 0.05)[0]:
            more += "\n" + input()
    except (OSError, ValueError, EOFError):
        pass
    return more


def _links(text: str) -> list[str]:
    """Links and paths as typed: split at spaces, and at 、，； as a Chinese list is written (https://a/1、https://a/2
    was one bogus link); a quoted one whole ("佐证/9月 会议纪要.pdf")."""
    import re

    out: list[str] = []
    for m in re.finditer(r'"([^"]*)"|“([^”]*)”|[^\s"“”]+', text):  # (a quote after 、 starts a quoted one)
        if m[1] is not None or m[2] is not None:
            out += [m[1] if m[1] is not None else m[2]] if (m[1] or m[2] or "").strip() else []
        else:
            out += [p for p in re.split(r"[、，；;]", m[0]) if p.strip('"“” ')]
    return out


def ask(
    model,
    today: dt.date,
    unit: str | None = None,
    status: str | None = None,
    date: str | None = None,
    note: str | None = None,
    evidence: list[str] | None = None,
    period: str | None = None,
    late: bool = False,
    confirm: bool = True,
    task: str | None = None,
) -> wp.Request:
    from .. import status as st
    from ..periods import Quarter

    _utf8_input()
    try:  # line editing (←, →, Home), no 4095-byte limit on a line (a long note was cut), a pasted line break kept
        import readline  # noqa: F401  (input(), which the prompts use, takes it up; there is none on Windows)
    except ImportError:
        pass
    typer.echo("登记进度（按 Ctrl+C 取消）")
    # 1. the unit
    if unit:
        name = wp.resolve_unit(model, unit)
    else:
        # a unit that has ended is listed while it may still file its last quarter (the one before today's); a
        # successor is listed for the work it took over (docs/decisions.md, 单位的撤销与合并)
        since = Quarter.of(today).prev().first_day
        # the task given (gk progress add xh2023-06 at a terminal): its units, not every unit of the county
        given = [info for info in model.tasks if task and wp.id_key(info.id) == wp.id_key(task)]
        pool = given or model.tasks
        assigned = {u for info in pool for u in info.units if not model.gone(u, since)}
        assigned |= model.carriers([u for info in pool for u in info.units], today)
        names = [u for u in model.resolver.unit_names() if u in assigned and not model.unborn(u, today)]  # (not one formed later)
        if not names:
            raise GkError("数据仓库中还没有分配给任何单位的任务", "先在 data/tasks/ 中写入方案与任务（或用 gk import 导入任务分解表）")
        for i, n in enumerate(names, 1):
            typer.echo(f"  {i:>3}. {n}")
        while True:
            raw = _ask("报送单位（编号或名称）").strip()
            n = _number(raw)
            if n is not None and 1 <= n <= len(names):
                name = names[n - 1]
                break
            if n is not None:  # a number off the list is no unit's name
                typer.echo(f"  没有编号 {raw}：请输入 1—{len(names)} 之间的编号，或单位名称", err=True)
                continue
            try:
                name = wp.resolve_unit(model, raw, asked=True)
                if given and name not in names and not given[0].task.others:  # asked again, as at every prompt (it ended the session)
                    typer.echo(f"  {name} 不是任务 {given[0].id} 的责任单位：请输入上面列出的单位的编号或名称", err=True)
                    continue
                break
            except GkError as e:
                typer.echo(f"  {e.message}{('；' + e.hint) if e.hint else ''}", err=True)
    # 2. the task, from that unit's tasks
    # (with those of units it took over: an abolished unit's tasks are its successor's, docs/decisions.md)
    tasks = [info for info in model.tasks if name in info.units or model.carries(info, name, today)]
    if not tasks:
        raise GkError(f"{name} 没有被分配任何任务", "检查 data/tasks/ 中各任务的 units")
    days = model.repo.settings.due_soon_days
    if task:  # gk progress add xh2023-06 at a terminal, the unit or status not given: asked, the task as given
        found = [info for info in model.tasks if wp.id_key(info.id) == wp.id_key(task)]
        if not found or found[0] not in tasks:  # no such task, or not this unit's: the command line's refusal
            wp.check(model, wp.Request(task, name, "in_progress", today, None, [], period, late), today)
        info = found[0] if found else tasks[0]
        typer.echo(f"任务 {info.id}：{info.task.title}")
    else:
        typer.echo(f"{name} 的任务：")
        for i, info in enumerate(tasks, 1):
            # the unit's one assignment as status shows it: its own merged with what it carries (the worst of them)
            ts = st.task_status(model, info, today, days, {name})
            key = ts.assignments[0].key if ts.assignments else ts.key
            typer.echo(f"  {i:>3}. {info.id:<14} [{st.LABELS[key]}] {clip(info.task.title, 36)}")
        info = _pick_task(model, name, tasks)
    # 3. the status
    if status:
        code = wp.parse_status(status)
    else:
        for i, s in enumerate(wp.STATUSES, 1):
            typer.echo(f"  {i}. {wp.STATUS_LABELS[s]}（{s}）")
        code = wp.STATUSES[_pick("状态（编号）", list(wp.STATUSES), alias=wp.status_code)]  # no default: one Enter too many must not record 已完成
    # 4. the quarter, in the days last quarter is still being filed (Enter for the date filed it under this one unawares)
    window = model.repo.settings.report_window_days
    last = Quarter.of(today).prev()
    default_day: dt.date | None = today
    if not date and not period and today <= last.closes_on(window):
        now = Quarter.of(today)
        typer.echo(f"  1. {last}（{last.label}，报送到 {last.closes_on(window)} 截止）\n  2. {now}（{now.label}）")
        if _pick("记入哪个季度（编号）", [str(last), str(now)], default=0) == 0:
            period = str(last)
    if period and today > wp.parse_period(period, today).last_day:
        # an ended quarter: no day is guessed (its last day made work done on time 逾期完成), as the command line
        default_day = None
    # 5. date, note, evidence
    again = None  # a date to check again, marked late
    while True:  # the date is checked here (future, closed quarter), not after the note is typed
        text = again or date or (_ask("日期", default=default_day.isoformat()) if default_day is not None else
                                 _ask(f"日期（{wp.parse_period(period, today).label}已经结束，请写明达到该状态的日期）"))
        again = None
        try:
            day, said = wp.entry_date(text, today)
            if said:
                typer.echo(f"  {said}", err=True)
            chosen_q = wp.parse_period(period, today) if period else None
            if not date and day > today:  # said in the prompt's terms (the command line's hints name --note, --period)
                typer.echo(f"  日期 {day} 晚于今天（{today}）：进度记录已经发生的事，计划中的事可以写在说明里；请重新输入日期", err=True)
                continue
            if not date and chosen_q is not None and day > chosen_q.last_day:
                typer.echo(f"  日期 {day} 在 {chosen_q}（{chosen_q.label}）结束之后：请输入 {chosen_q.last_day} 或之前的日期"
                           f"（{day} 的工作属于 {Quarter.of(day)}，请另行登记，季度选 {Quarter.of(day)}）", err=True)
                continue
            found = wp.check(model, wp.Request(info.id, name, code, day, None, [], period, late), today)
            break
        except wp.ClosedQuarter as e:
            typer.echo(f"  {e.message}", err=True)
            # what docs/writing.md recommends comes first and is the Enter default: recorded in the quarter being filed
            # now, the closed quarter's file (filed on time) stays as it was; a late filing makes it 逾期报送
            closed = wp.parse_period(period, today) if period else Quarter.of(day)
            open_q = last if today <= last.closes_on(window) else Quarter.of(today)
            into_open = f"记入 {open_q}（{open_q.label}，推荐：{closed}的报送不受影响）"
            choices = [into_open] if not wp._ended_before_open(model, name, today, window) else []
            choices += [f"补报到 {closed}（报告中{name}的{closed.label}显示为逾期报送）", "重新输入日期"]
            for i, c in enumerate(choices, 1):
                typer.echo(f"  {i}. {c}")
            chosen = choices[_pick("怎样登记（编号）", choices, default=0)]
            if chosen == into_open:
                period, again = str(open_q), text
                continue
            if chosen.startswith("补报"):
                late, again = True, text
                continue
            date = None
        except GkError as e:
            if date:  # given on the command line: nothing to ask again
                raise
            typer.echo(f"  {e.message}；{e.hint}", err=True)
            date = None
    wp.check_file(found)  # a file that cannot be appended to is said now, before the note is typed (it was lost)
    from ..yamlio import CONTROL

    while note is None:
        note = _ask("说明（可留空）", default="", show_default=False) + _pasted_lines()
        if CONTROL.search(note):  # asked again here: the check after every answer would end the session
            typer.echo("  说明中含有控制字符（可能是从网页或 Word 复制来的）：请重新输入", err=True)
            note = None
    if not evidence:
        links = _ask("佐证链接或路径（可留空；多个用空格或顿号分隔，含空格或标点的路径加引号）", default="", show_default=False)
        evidence = _links(links)
    req = wp.Request(info.id, name, code, day, note or None, evidence, period, late)
    if not confirm:  # --dry-run: the command shows what it would write, and asks nothing
        return req
    target = wp.check(model, req, today)
    typer.echo(f"任务 {info.id}：{info.task.title}")  # what the number picked, in words: a slip is seen before it is written
    typer.echo(f"将写入 {target.rel}：")
    typer.echo(wp.block_entry(target.entry, 2, 4, "\n"), nl=False)
    dl = info.deadline
    if code == "done" and dl is not None and dl.kind not in ("ongoing", "as_needed", "recurring") and dl.due and day > dl.due:
        typer.echo(f"  注意：按此日期计为逾期完成（完成时限 {dl.due}）；如果实际按时完成，请写明完成日期", err=True)
    if (bad := wp.file_errors(model, target)) is not None:
        typer.echo(f"  注意：{bad}", err=True)
    for w in target.warnings:  # before the answer, not after the write (the command then says no more)
        if w and w == target.late_append:  # in the clerk's terms, not gk lint --base, GK407, --period
            w = (f"{target.quarter}（{target.quarter.label}）已截止，本条追加到已报送的 {target.rel}：该文件的报送日期改为今天，"
                 f"报告中显示为逾期报送，改动已截止季度的文件还需向政务公开办说明理由；不想这样，请回答“否”，重新登记时选“记入本季度”")
        typer.echo(f"  注意：{w}", err=True)
    if not _yes("确认写入？"):
        typer.echo("未写入", err=True)
        raise typer.Exit(1)  # a choice, not an interruption (Ctrl-C is 130)
    return req
