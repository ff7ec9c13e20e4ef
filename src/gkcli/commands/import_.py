"""gk import: a 任务分解表 (.docx / .xlsx / .html / .tsv / .csv) into a plan file."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any, Iterator, Optional

import typer

from ..lists import did_you_mean, quoted_or
from .common import DataOpt


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk import 任务分解表.docx --plan xh2024
gk import 任务分解表.xlsx --plan xh2024 --add-units
gk import 修订版.docx --plan xh2024 --force
gk import 方案.docx --plan xh2023 --deadline 2023年底前
"""

def _one_year_plan(title: str) -> int | None:
    """The year of a plan made for one year (2024年全县政务公开工作要点, 2024年度…任务分解), else None
    (a 2024—2026年 three-year plan, or a title naming no year)."""
    from .. import deadlines

    year = deadlines.named_year(title)
    if year is None or re.search(r"\d{4}\s*(?:年)?\s*[-—–~至到－]\s*\d{2,4}", title):
        return None
    return year if re.search(r"要点|年度|全年|工作方案|工作计划|工作的通知|任务清单|任务分解|上半年|下半年", title) else None


# files whose paragraphs are read when they hold no task table (prose.py)
_PARAGRAPH_KINDS = (".docx", ".html", ".htm", ".mht", ".mhtml", ".txt", ".md", ".markdown")


def import_(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="文件", help="任务分解表（或每个条目写明责任单位的实施方案）：.docx（Word 表格或段落）、.xlsx、.html 或 .mht（网页）、.tsv、.csv、.txt 或 .md（Markdown 表格）；另存为网页或表格的 .doc、.xls 按内容识别", show_default=False),
    plan: str = typer.Option(..., "--plan", "-p", help="方案编号（英文字母开头，如 xh2024），也是任务编号的前缀", show_default=False),
    title: Optional[str] = typer.Option(None, "--title", help="方案标题（默认：表格上方的标题，或文件名）", show_default=False),
    issued_by: Optional[str] = typer.Option(None, "--issued-by", help="发文单位（默认：gk.toml 的 office）", show_default=False),
    issued_on: Optional[str] = typer.Option(None, "--issued-on", help="发布日期，如 2023-03-01", show_default=False),
    ends_on: Optional[str] = typer.Option(None, "--ends-on", help="方案结束日期（最后一天），如年度工作要点写 2024-12-31", show_default=False),
    out: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件（默认 data/tasks/<方案编号>.yaml；- 表示输出到屏幕）", show_default=False),
    sheet: Optional[str] = typer.Option(None, "--sheet", metavar="表", help="只读这一个工作表（Excel：名称或序号）或表格（Word：第几个表格）；默认读全部有任务表头的", show_default=False),
    task_column: Optional[str] = typer.Option(None, "--task-column", metavar="表头", help="任务列的表头（gk 认不出时指明，如 --task-column 三级指标）", show_default=False),
    deadline: Optional[str] = typer.Option(None, "--deadline", metavar="时限", help="按条目读取时，没有写完成时限的条目的时限（如 --deadline 2023年底前）", show_default=False),
    paragraphs: bool = typer.Option(False, "--paragraphs", help="按编号条目读取，不读文件中的表格（方案写在段落中、另附有表格时）"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的输出文件"),
    strict: bool = typer.Option(False, "--strict", help="有未识别的单位或时限时不写文件，以退出码 1 结束"),
    add_units: bool = typer.Option(False, "--add-units", help="把未能识别的责任单位写进 data/units/待核对.yaml（类别按名称猜，请核对）"),
    data: Optional[list[str]] = DataOpt,  # repeatable only to refuse several (common.data_dir)
) -> None:
    """导入任务分解表，生成方案文件（data/tasks/<方案编号>.yaml）。

    表头按名称识别：序号、类别、主要任务、具体工作、责任单位（或牵头单位、配合单位）、完成时限（或完成时间）。
    责任单位经 data/units/ 解析：能识别的写单位名称，不能识别的按原文保留并列出（附相近的名称）。
    没有任务分解表时，读取按编号条目写成的方案中写明责任单位的条目（条目末尾如〔责任单位：县政府办、县财政局〕，
    标注中可写完成时限；没有的用 --deadline）；没有写责任单位的条目列出、不导入。
    """
    from .. import deadlines
    from ..clock import parse_date, today
    from ..errors import GkError
    from ..model import build
    from ..repo import inside, plan_place, settings_or_data
    from ..write import atomic
    from ..write import importer as im
    from .common import load_repo

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", plan):
        raise GkError(f"方案编号“{plan}”格式不对", "只用英文字母、数字和下划线，并以字母开头，如 xh2024")
    when = parse_date(issued_on, "--issued-on") if issued_on is not None else None
    ends = parse_date(ends_on, "--ends-on") if ends_on is not None else None
    if ends is not None and when is not None and ends < when:
        raise GkError(f"--ends-on {ends} 早于印发日期 {when}", "结束日期是方案有效的最后一天，应在印发日期之后")
    repo = load_repo(ctx, data)
    to_stdout = out == "-"
    path = None if to_stdout else (Path(out) if out else repo.root / "data" / "tasks" / f"{plan}.yaml")
    if path is not None and path.is_dir():
        raise GkError(f"{out or path} 是一个目录，未写入", "-o 后面写文件名，例如 -o data/tasks/xh2024.yaml")
    if path is not None and out and not plan_place(repo.root, path):  # -o gk.toml, -o data/units/units.yaml: a plan over them
        if not inside(repo.root, path):
            what = "不在数据仓库中"
        elif inside(repo.root / "data" / "tasks", path):
            what = "的扩展名不是小写的 .yaml（gk 不读取这样的文件）" if path.name.lower().endswith((".yaml", ".yml")) else "不是 .yaml 文件"
        elif settings_or_data(path) and path.name.lower() == "gk.toml":
            what = "是设置文件"
        elif settings_or_data(path) and inside(repo.root / "data", path):
            what = "是其他数据（单位、进度等）的位置"
        else:
            what = "不在 data/tasks/ 下"
        raise GkError(f"-o {out} {what}，未写入：gk import 只写方案文件（数据仓库 data/tasks/ 下的 .yaml 文件）",
                      "如 -o data/tasks/xh2024.yaml；只看结果用 -o -；未识别的单位用 --add-units 写进 data/units/待核对.yaml")
    if path is not None and path.exists() and not force:
        raise GkError(f"{_rel(path, repo.root)} 已存在，未覆盖", "加 --force 覆盖，或用 -o 指定另一个文件")
    for pd in repo.plans:
        same_file = path is not None and (repo.root / pd.file).resolve() == path.resolve()
        if pd.plan.id.lower() == plan.lower() and not same_file and not to_stdout:  # -o - only shows it
            said = plan if pd.plan.id == plan else f"{plan}（与 {pd.plan.id} 只差大小写）"
            raise GkError(f"方案编号 {said} 已在 {pd.file} 中使用", "换一个方案编号")

    src = Path(file)
    no_tables = None
    if paragraphs and sheet is not None:
        raise GkError("--paragraphs 与 --sheet 不能同时使用", "--sheet 选一个表格读取；--paragraphs 不读表格，读段落中的编号条目")
    try:
        tables, encoding = im.read_tables(src, sheet) if not paragraphs else ([], "")
    except im.NoTables as e:  # a Word file or web page with no table: its paragraphs may hold the plan
        tables, encoding, no_tables = [], "", e
    try:
        raw, guessed, notes, read_warnings = im.parse(tables, task_column)
    except GkError as e:  # (the table's own words; the file named, as every other refusal of it is)
        raise GkError(f"{src.name}：{e.message}", e.hint) from None
    prose = None
    if raw and sheet is None and src.suffix.lower() in _PARAGRAPH_KINDS:
        # a table found: the plan's own marked items in the text beside it (附件1's items, 附件3 a table) are said,
        # never dropped without a word
        beside = im.read_prose(src, deadline)
        if beside.tasks:
            read_warnings = [*read_warnings, f"文件的段落中另有 {len(beside.tasks)} 个写明责任单位的编号条目，未导入（有任务表时只读表格）；"
                                              f"要按条目导入，加 --paragraphs"]
    if not raw:  # no task table: a plan written as numbered items, each with its 责任单位 marker
        prose = im.read_prose(src, deadline)
        if not prose.tasks:
            for w in read_warnings:  # (a hidden sheet with the tasks: said before the refusal)
                typer.echo(f"gk: 警告：{w}", err=True)
            why = [im.prose.why_not(prose, src.name)] if prose.items else []
            if no_tables is not None:
                raise GkError("\n  ".join([no_tables.message, *why]), no_tables.hint)
            seen = [] if why and src.suffix.lower() in (".txt", ".md", ".markdown") else im.why_no_table(tables, task_column)
            raise GkError(
                "\n  ".join([f"{src.name} 中没有找到任务分解表：", *seen, *why]),
                ("" if why and not seen else "表头应含有：序号、类别、主要任务、具体工作、责任单位、完成时限（或相近的名称）；"
                 "任务列的表头 gk 认不出时，用 --task-column 指明（如 --task-column 三级指标）。") + im.NO_TABLE,
            )
        raw, guessed, tables = prose.tasks, prose.title, [im.prose.as_table(prose)]
        notes = [f"按条目读取：{len(raw)} 项任务（{src.name} 中没有任务分解表，读取写明责任单位的编号条目）"]
        read_warnings = im.prose.summary(prose)
        if deadline is None and (undated := sum(1 for t in raw if not t.deadline.strip())):  # (gk lint: GK304 each)
            # the plan's year: the 印发 date given or read from the file, its title, its id; else this year
            example = deadlines.plan_year_of(when or im.issued_guess(tables), plan, title or prose.title) or today().year
            read_warnings.append(f"{undated} 个条目没有写完成时限：可加 --deadline 给它们同一个时限（如 --deadline {example}年底前）"
                                 "重新导入，或导入后在方案文件中逐项填写")
        if paragraphs:
            notes = [f"按条目读取：{len(raw)} 项任务（--paragraphs：不读文件中的表格）"]
    elif deadline is not None:
        raise GkError(f"--deadline 只用于按条目读取的方案，{src.name} 是任务分解表", "任务分解表的完成时限写在表中；去掉 --deadline")
    model = build(repo)
    before = next((pd for pd in repo.plans if path is not None and (repo.root / pd.file).resolve() == path.resolve()), None)
    if before is not None and before.plan.id != plan and before.plan.id.lower() == plan.lower():
        raise GkError(f"{_rel(path, repo.root)} 中的方案编号是 {before.plan.id}，与 --plan {plan} 只差大小写：任务编号会全部改变，已报送的进度将找不到任务",
                      f"用 --plan {before.plan.id}")
    found_on = None
    if when is None and (found_on := im.issued_guess(tables)) is not None:
        when = found_on  # 2024年3月5日印发 above the table: 3月底前 is then in 2024
    # --force over the plan: what the table does not say (an issued_on typed in by hand, the plan's
    # default units) is kept from the old file, with the comment on its line, rather than dropped
    from_old: dict[str, Any] = {}
    if before is not None and before.plan.id == plan:
        from_old = im.carried_over(before.plan, issued_on=when, title=title, guessed_title=guessed,
                                   issued_by=issued_by, office=repo.settings.office)
        when = from_old.get("issued_on", when)
    year = deadlines.plan_year_of(when, plan, from_old.get("title") or title or guessed)
    if ends is not None and when is None and year and ends < dt.date(year, 1, 1):  # as with --issued-on: the plan counts from its year's start
        raise GkError(f"--ends-on {ends} 早于方案的开始（没有印发日期，方案按 {year}-01-01 起计）",
                      f"结束日期是方案有效的最后一天，如 --ends-on {year}-12-31；印发日期不对时用 --issued-on 写明")
    if ends is not None and found_on is not None and ends < found_on:  # the 印发 date read from the file, as --issued-on
        raise GkError(f"--ends-on {ends} 早于文件中的印发日期 {found_on}", "结束日期是方案有效的最后一天，应在印发日期之后；印发日期读错时用 --issued-on 写明")
    result = im.convert(raw, model.resolver, plan, year)
    renamed: list[str] = []
    similar: list[str] = []
    gone: list[str] = []
    led: list[str] = []  # tasks that keep their id under another lead unit
    if before is not None and before.plan.id == plan:  # a revised table over its plan: tasks keep their ids, and so their progress
        canon = lambda n: model.resolver.canonical(n) or n  # noqa: E731  (the new tasks' units are canonical names)
        old = [(t.id, t.title, t.detail, tuple(canon(n) for n in t.units or []), t.deadline) for t in before.tasks]
        renamed, similar, gone = im.keep_ids(result, old, plan)
        leads = {o[0]: o[3][0] for o in old if o[3]}
        led = [f"{t.id}（{t.title}）：{leads[t.id]} → {t.units[0]}" for t in result.tasks
               if t.units and leads.get(t.id) not in (None, t.units[0])]
    old_text = path.read_text(encoding="utf-8-sig", errors="replace") if before is not None and path is not None else ""
    old_notes = im.comments(old_text)
    meta = {
        "id": plan,
        "title": from_old.get("title") or (title or guessed or src.stem).strip(),
        "issued_by": from_old.get("issued_by") or issued_by or repo.settings.office,
        "issued_on": when,
        "ends_on": ends or from_old.get("ends_on"),
        "units": from_old.get("units"),
        "comments": {k: c for k in from_old if (c := im.plan_comment(old_text, old_notes, k))},
    }
    text = im.render(result, meta, src.name, today(), paragraphs=prose is not None)
    _verify(text, im.expected_data(result, meta))
    lost = im.lost_comments(old_notes, text)  # a hand note on a task the new text has not: named, not dropped unseen

    added: list[str] = []
    slips: dict[str, tuple[str, ...]] = {}
    spaced: dict[str, str] = {}
    spellings: set[str] = set()
    same_unit: dict[str, list[str]] = {}
    odd: dict[str, str] = {}
    if add_units and not to_stdout:  # names no unit has yet: a units file to check, so the plan resolves at once
        from ..write import new_units

        added, slips, spaced, spellings, same_unit, odd = new_units.sort_names(result.unresolved, repo.settings.county)
        result.unresolved = [u for u in result.unresolved if not new_units.written_for(u.written, added, slips, same_unit)]
    bad = bool(result.unresolved) or result.bad_deadlines > 0
    kept = "（--strict：不写文件）" if strict and bad else "（已按原文写入，gk lint 会报错）"
    # what is said before the file is written is held till it is: `gk import … | head` closes the pipe
    # after two lines, and a write to it then would stop the command before the file is written
    held: list[tuple[str, bool]] = []
    say = (lambda m: held.append((m, True))) if to_stdout else (lambda m: held.append((m, False)))
    warn = lambda m: held.append((m, True))
    if encoding:
        say(f"按 {encoding} 编码读取 {src.name}")
    if when is None:  # said, not guessed quietly: the plan's start decides which quarters count it
        undated = any(_needs_year(t.deadline) for t in result.tasks)
        if year:
            said = f"方案按 {year}-01-01 起计入状态与报告" + (f"，不写年份的完成时限按 {year} 年推算" if undated else "")
        else:
            said = "方案编号中也没有年份，此前各季度的状态与报告也会计入它" + ("，不写年份的完成时限无法推算（gk lint 会报错）" if undated else "")
        from_issue = [t.id for t in result.tasks if _from_issue(t.deadline)]
        if from_issue:  # 本方案印发后1个月内: no due day at all without it (GK304)
            which = (f"任务 {from_issue[0]} " if len(from_issue) == 1
                     else f"{'、'.join(from_issue[:3])}{'等' if len(from_issue) > 3 else ''} {len(from_issue)} 项任务")
            said += (f"；{which}的完成时限从方案印发之日起算，"
                     "没有印发日期就没有到期日（gk lint 会报错）")
        warn(f"gk: 警告：文件中没有找到印发日期，未写 issued_on：{said}；用 --issued-on 写明印发日期")
    elif issued_on is not None and (dues := _dues(result.tasks, year)) and max(dues) < when:  # lint says it later (GK305), task by task
        warn(f"gk: 警告：--issued-on {when} 晚于全部 {len(dues)} 个有日期的完成时限（最晚 {max(dues)}）：印发日期多半写错了（年份？），"
             "否则这些任务一印发就已逾期；核对后重新导入")
    if meta["ends_on"] is None and (one := _one_year_plan(meta["title"])) is not None:
        warn(f"gk: 警告：《{meta['title']}》是 {one} 年的方案，没有写结束日期：{one + 1} 年起 gk 仍按当年判断它的周期任务与长期任务，"
             f"并要求各单位继续报送进度；用 --ends-on {one}-12-31 写明（以后也可在方案文件中加 ends_on）")
    if found_on is not None:
        say(f"印发日期取自文件：{found_on.isoformat()}（{'写入 issued_on' if not (strict and bad) else 'issued_on'}；不对时用 --issued-on 指定）")
    for n in notes:
        say(f"  {n}")
    for w in read_warnings:
        warn(f"gk: 警告：{w}")
    for w in result.warnings:
        warn(f"gk: 警告：{w.replace(im.AS_WRITTEN, kept)}")
    if result.unresolved:
        warn(f"gk: 警告：{len(result.unresolved)} 处责任单位未能在 data/units/ 中识别{kept}：")
        for u in result.unresolved:
            near = ("" if not u.candidates else f" — 有歧义，可能是{quoted_or(u.candidates)}？" if u.problem == "ambiguous"
                    else f" — {did_you_mean(u.candidates)}")
            warn(f"  {u.where}（{u.task}）：{u.written}{near}")
        unknown = {u.written for u in result.unresolved if u.problem == "unknown"}
        # a new repo, or one that lacks many of the table's units: --add-units writes them for checking
        fresh = not add_units and unknown and (not model.resolver.units or len(unknown) >= 5)
        warn("  提示：把这些单位（或其别名）加入 data/units/，或在方案文件中改正写法"
             + (f"；单位名单还没建好时，可加 --add-units 重新导入{'（并加 --force）' if not to_stdout else ''}，"
                "把它们写进 data/units/待核对.yaml 后逐个核对" if fresh else ""))
    if strict and bad:
        _tell(held)
        typer.echo("gk: 错误：--strict：有未识别的单位或完成时限，未写入文件", err=True)
        raise typer.Exit(1)
    if to_stdout:
        _tell(held)
        typer.echo(text, nl=False)
        return
    assert path is not None
    atomic.confine(repo.root, path)  # data/tasks/ (or -o's folder under it) may be a link out of the repo
    replaced = next((pd for pd in repo.plans if (repo.root / pd.file).resolve() == path.resolve()), None)
    backup = _write_plan(repo.root, path, text.encode("utf-8"), force)
    _tell(held)  # the plan is written: now it may be said
    typer.echo(f"已导入 {len(result.tasks)} 项任务 → {_rel(path, repo.root)}（方案 {plan}：{meta['title']}）")
    if added and all(n in slips for n in added):  # only names near known units: a file of comments adds nothing
        typer.echo(f"没有要写入单位名单的新单位（未生成 待核对.yaml）；以下 {len(slips)} 个名称与已有单位相近，"
                   "请改正方案中的写法，或把它写进该单位的 aliases：")
    elif added:
        from ..write import new_units

        first = repo.root / "data" / "units" / "待核对.yaml"
        atomic.confine(repo.root, first)
        text_units = new_units.render(added, repo.settings.county, src.name, today(), slips, spellings, same_unit)
        target = atomic.create_free(_free(first), text_units.encode("utf-8"))  # never over another's (a concurrent import's)
        many = sum(new_units.is_group_name(n) for n in added if n not in slips)
        typer.echo(f"已把 {len(added) - len(slips) - many} 个单位、{many} 个分组写入 {_rel(target, repo.root)}：类别（kind）是按名称猜的，"
                   "请逐个核对，同一单位的几种写法合并（其余写进 aliases）"
                   + (f"；与已有单位相近的 {len(slips)} 个名称写成了注释，确是另一个单位时去掉行首的 #：" if slips else ""))
    if added:
        for n, near in slips.items():
            why = "可能是它的另一种写法（是的话写进它的 aliases）" if n in spellings else "可能是写错了"
            typer.echo(f"  {n}：与已有的“{'”“'.join(near)}”相近，{why}")
    if spaced:
        typer.echo(f"gk: 注意：{len(spaced)} 个名称中有空格，未写入单位名单（可能是几个单位写在一起，或多了空格）："
                   f"{'、'.join(f'“{w}”' for w in spaced.values())}；请在方案文件中改正写法", err=True)
    if odd:
        typer.echo(f"gk: 注意：{len(odd)} 个名称不是单位，未写入单位名单：{'、'.join(f'“{w}”（{why}）' for w, why in odd.items())}；"
                   "请在方案文件中改正写法", err=True)
    if backup is not None:
        what = f"原方案《{replaced.plan.title}》的 {len(replaced.tasks)} 项任务" if replaced is not None else "原文件"
        typer.echo(f"gk: 注意：已覆盖{what}；原文件另存为 {_rel(backup, repo.root)}", err=True)
        if from_old:
            shown = {"issued_on": lambda v: v.isoformat(), "ends_on": lambda v: v.isoformat(), "units": lambda v: "、".join(v)}
            said = {"issued_on": "印发日期", "ends_on": "结束日期", "title": "标题", "issued_by": "发文机关", "units": "默认责任单位"}
            typer.echo("gk: 注意：新表格中没有、沿用原方案文件的："
                       + "；".join(f"{said.get(k, k)}（{k}）{shown.get(k, str)(v)}" for k, v in from_old.items())
                       + "（要改时用 --title、--issued-by、--issued-on，或导入后修改）", err=True)
        if lost:
            typer.echo(f"gk: 注意：原方案文件中的 {len(lost)} 条注释没有保留（需要时从 {_rel(backup, repo.root)} 抄回）：", err=True)
            for line, c in lost:
                typer.echo(f"  第 {line} 行：# {c}", err=True)
    if backup is not None and replaced is not None and (closed := _closed_quarters(replaced.plan, today())):
        typer.echo(f"gk: 注意：以后重新生成 {closed[0]}—{closed[-1]} 的报告，按修订后的方案计算（新增、删去、改了时限的任务都算进这些季度）："
                   "已报出的报告请保留原件；要按修订前的方案重新生成，在修订前的提交上运行 gk report"
                   "（如 git worktree add ../修订前 HEAD，再加 --data ../修订前）", err=True)
    if renamed:
        typer.echo(f"gk: 注意：{len(renamed)} 项任务的编号不按原表序号（已有的进度仍记在原来的任务上）：", err=True)
        for r in renamed:
            typer.echo(f"  {r}", err=True)
    if similar:
        typer.echo(f"gk: 注意：{len(similar)} 项任务按相近标题沿用编号（责任单位与完成时限相同，标题有改动；已有的进度仍记在它上面），请核对：", err=True)
        for r in similar:
            typer.echo(f"  {r}", err=True)
    if led:  # the old lead's 已完成 still counts for the task: the office decides whether it should
        typer.echo(f"gk: 注意：{len(led)} 项任务沿用编号，但牵头单位换了（原牵头单位已报送的进度仍记在该任务上），请核对：", err=True)
        for r in led:
            typer.echo(f"  {r}", err=True)
    if gone:
        reported = sorted({tid for tid, _unit in model.history if tid in gone})
        typer.echo(f"gk: 注意：原方案的 {len(gone)} 项任务在新表中没有了：{'、'.join(gone)}"
                   + (f"；其中 {'、'.join(reported)} 已有进度报送，gk lint 会报“没有这项任务”" if reported else ""), err=True)
    typer.echo("下一步：运行 gk lint 检查，再用 git 提交")


def _closed_quarters(plan, day) -> list[str]:
    """The quarters of a plan that had ended by `day` (from its issue, or its year's start): their reports were made."""
    from ..model import plan_starts
    from ..periods import Quarter

    start = plan_starts(plan)
    if start is None:
        return []
    out, q = [], Quarter.of(start)
    while q.last_day < day and (plan.ends_on is None or q.first_day <= plan.ends_on):
        out.append(str(q))
        q = q.next()
    return out


def _tell(held: list[tuple[str, bool]]) -> None:
    for m, err in held:
        typer.echo(m, err=err)


def _write_plan(root: Path, path: Path, new: bytes, force: bool) -> Optional[Path]:
    """Write the plan; the backup of the file it replaced, if any. Without --force a create: a
    file someone made meanwhile (a colleague's by hand, another import's) is kept and the import
    refused. With --force, under the folder's lock, the file is backed up and replaced only if it
    still holds the bytes backed up: an edit made after the copy is refused, not lost."""
    from ..errors import GkError
    from ..write import atomic

    shown = _rel(path, root)
    if not force:
        try:
            atomic.replace(path, new, expect=None)
        except atomic.Changed:
            raise GkError(f"{shown} 已存在（导入期间刚被创建），未覆盖", "加 --force 覆盖，或用 -o 指定另一个文件") from None
        return None
    with atomic.locked(path.parent):
        old = atomic.read_bytes(path)
        # the old file is kept, not lost (unless it is what is written anyway)
        backup = _back_up(root, path, old) if old is not None and old != new else None
        try:
            atomic.replace(path, new, expect=old)
        except atomic.Changed:
            kept = f"；改动前的内容已另存为 {_rel(backup, root)}" if backup is not None else ""
            what = "刚被创建" if old is None else "被修改过"
            raise GkError(f"{shown} 在导入期间{what}，未覆盖{kept}", "可能有人同时编辑了该文件；确认后重新运行该命令") from None
    return backup


def _free(path: Path) -> Iterator[Path]:
    """path, then 待核对（2）.yaml, 待核对（3）.yaml …"""
    yield path
    for k in itertools.count(2):
        yield path.with_name(f"{path.stem}（{k}）{path.suffix}")


def _dues(tasks, year):  # type: ignore[no-untyped-def]
    """The due dates of the tasks whose deadline is a date (not 长期, 每季度, or unread)."""
    from .. import deadlines

    out = []
    for t in tasks:
        try:
            d = deadlines.parse(t.deadline, year) if t.deadline else None
        except deadlines.DeadlineError:
            continue
        if d is not None and d.kind == "date" and d.due is not None:
            out.append(d.due)
    return out


def _from_issue(text: str | None) -> bool:
    """Is this deadline counted from the plan's own issue day (本方案印发后1个月内, 即日起30日内)?"""
    from .. import deadlines

    try:
        return bool(text) and deadlines.from_issue(text, None) is not None
    except deadlines.DeadlineError:
        return True


def _needs_year(text: str | None) -> bool:
    """Does this deadline lean on the plan's year: one written without a year (8月底前, or a clause
    of several: 6月底前建立制度), or a recurring one (owed from the year the plan is for)?"""
    from .. import deadlines

    if not text:
        return False
    if deadlines.needs_a_year(text):
        return True
    try:
        return deadlines.parse(text, None).kind == "recurring"
    except deadlines.DeadlineError:
        return False


def _back_up(root: Path, path: Path, data: bytes) -> Path:
    """A copy (`data`) of a file about to be overwritten, under .gk/backup/ (git-ignored, as the
    cache): hand edits never committed cannot be got back from git. Created, never over another
    backup: two imports in the same second each keep their own."""
    from ..cache import gk_folder
    from ..errors import GkError
    from ..write import atomic

    folder = gk_folder(root, "backup")
    if folder is None:  # a .gk that is a link, or read-only: no copy, so no overwrite
        raise GkError(f"无法在 {root / '.gk' / 'backup'} 中保存原文件，未覆盖 {path.name}", "检查磁盘空间，以及 .gk 目录（应是仓库中的普通目录，且可写）")
    return atomic.create_free(atomic.dated_names(folder / path.name), data)


def _rel(path, root) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _verify(text: str, expected: dict) -> None:
    """Re-read the plan text with gk's loader: the same data, and valid records."""
    from pydantic import ValidationError

    from .. import yamlio
    from ..errors import GkError
    from ..schemas import Plan, Task

    raw = text.encode("utf-8")
    if len(raw) > yamlio.MAX_BYTES:  # gk would not read it (GK107): the source's text is that big, no defect of gk's
        raise GkError(f"生成的方案文件有 {len(raw) // 1024} KB，超过 gk 读取数据文件的上限（{yamlio.MAX_BYTES // 1024} KB），未写入",
                      "把任务分成几个方案分别导入（如按附件、按工作表：--sheet），或检查原文件是否把很多内容连成了一个条目")
    doc, problems = yamlio.read(raw)
    ok = doc is not None and not problems and doc.data == expected
    if ok:
        try:
            Plan.model_validate(doc.data["plan"])  # type: ignore[index]
            for t in doc.data["tasks"]:  # type: ignore[index]
                Task.model_validate(t)
        except ValidationError:
            ok = False
    if not ok:
        raise GkError("生成的方案文件校验未通过，未写入", "这是 gk 的缺陷；请把原表格报告给维护者")


def register(app: typer.Typer) -> None:
    app.command("import", epilog=EXAMPLES)(import_)
