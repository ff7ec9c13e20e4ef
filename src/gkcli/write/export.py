"""gk export: the 工作台账 workbook the office keeps in Excel.

Sheets:
- 台账: one row per (task, unit) assignment — plan, task, category, title, unit,
  lead, deadline as written, due date, status (Chinese label, coloured), days
  over/left, the latest progress (date, status, note, source file:line) and the
  task's own file:line. Frozen header, autofilter, sensible column widths (the
  unit's as wide as its longest name, capped), rows as high as their wrapped text.
- 按单位汇总: per unit, how many assignments stand in each status, done ratio,
  and whether the unit has reported for the reporting period.
- 说明: as-of date, reporting period, data repo, data commit (git), gk version,
  the data errors (in red) when there are any, and the colour legend.

Every sheet prints A4 landscape, one page wide, its header row on every page.

Every text cell is written as text (`data_type = "s"` and Excel's quote prefix):
a note that begins with `=`, `+`, `-` or `@` never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__, clock
from ..cells import width as text_width  # Excel's column width of a text, roughly: a CJK (full-width) character two units
from ..findings import Finding
from ..model import EntryRef, Model
from ..status import DONE, ENTRY_LABELS, LABELS, OPTIONAL, ORDER, StatusReport

FILLS = {
    "overdue": "FFC7CE",
    "due_soon": "FFEB9C",
    "blocked": "E4DFEC",
    "ongoing:unreported": "FCE4D6",
    "not_started": "EDEDED",
    "in_progress": "DDEBF7",
    "done_late": "E2EFDA",
    "done": "C6EFCE",
    "ongoing:reported": "D9F2D0",
    "as_needed": "FFFFFF",
    "unit_ended": "F2F2F2",
}

# the 状态 of a row for a unit the task does not name, covered by its `others` (等县级有关部门)
OTHERS_LABEL = "不计入（“等”中的单位）"

COLUMNS: list[tuple[str, int]] = [
    ("方案", 10),
    ("任务编号", 12),
    ("类别", 22),
    ("主要任务", 48),
    ("责任单位", 18),
    ("牵头", 6),
    ("完成时限", 16),
    ("到期日", 12),
    ("状态", 12),
    ("逾期天数", 9),
    ("剩余天数", 9),
    ("上一期未完成", 13),  # a recurring task's missed round: its due day (judged on this round, it must not vanish)
    ("最新进度日期", 13),
    ("最新进度状态", 12),
    ("最新进度说明", 40),
    ("进度来源", 36),
    ("任务来源", 28),
]


@dataclass
class Row:
    values: list[Any]
    key: str | None  # the status (a key of ORDER), for the fill; None: not an assignment (OTHERS_LABEL)


def rows(model: Model, report: StatusReport) -> list[Row]:
    """The 台账 rows, in plan-file order of the tasks."""
    order = {id(info): i for i, info in enumerate(model.tasks)}
    out: list[Row] = []
    for ts in sorted(report.tasks, key=lambda t: order.get(id(t.info), 0)):
        info = ts.info
        lead_units = info.lead_units
        task_src = f"{info.file}:{model.repo.locate(info.file, info.task.path)[0]}"
        common = [info.plan.id, info.id, info.task.category or "", info.task.title]
        if not ts.assignments:  # no concrete unit: one row for the task itself
            out.append(Row([*common, "", "", info.task.deadline or "", ts.due, LABELS[ts.key], *_days(ts.key, ts.due, report.as_of), None, None, "", "", "", task_src], ts.key))
            continue
        for a in ts.assignments:
            e = a.entry
            src = _where(model, e) if e is not None else ""
            out.append(
                Row(
                    [
                        *common,
                        a.label,  # 县文广旅局（承接县文体旅游局）: an abolished unit's work, where it went
                        "是" if a.of(lead_units) else "",
                        info.task.deadline or "",
                        a.due,
                        LABELS[a.key] + ("（撤销时已逾期）" if a.overdue_at_end else ""),  # as the status table says it
                        *_days(a.key, a.due, report.as_of),
                        a.missed,
                        e.entry.date if e else None,
                        ENTRY_LABELS.get(e.entry.status, e.entry.status) if e else "",
                        (e.entry.note or "") if e else "",
                        src,
                        task_src,
                    ],
                    a.key,
                )
            )
        for e in ts.others:  # a unit the task's `others` (等县级有关部门) may cover: shown, not counted
            out.append(Row([*common, e.unit, "", info.task.deadline or "", None, OTHERS_LABEL, None, None, None, e.entry.date,
                            ENTRY_LABELS.get(e.entry.status, e.entry.status), e.entry.note or "", _where(model, e), task_src], None))
    return out


def _where(model: Model, e: EntryRef) -> str:
    """file:line of a progress entry (the 进度来源 column)."""
    return f"{e.source}:{model.repo.locate(e.source, e.path)[0]}"


def _days(key: str, due: dt.date | None, as_of: dt.date) -> tuple[int | None, int | None]:
    """(days over, days left): over for an overdue one, left for an open one with a due date."""
    if due is None or key in DONE or key == "unit_ended":  # (no longer owed: not overdue)
        return None, None
    if due < as_of:
        return (as_of - due).days, None
    return None, (due - as_of).days


def keys(report: StatusReport) -> list[str]:
    """The statuses the sheets have a column (and a legend line) for: all, but 不再承担 only where it occurs."""
    present = {a.key for t in report.tasks for a in t.assignments} | {t.key for t in report.tasks}
    return [k for k in ORDER if k not in OPTIONAL or k in present]


def summary(model: Model, report: StatusReport) -> list[list[Any]]:
    """Per unit: assignments per status, done (as N/M counts it), total, the completion
    rate as the reports give it (done on time or late, of the assignments whose deadline
    has a due date: not 长期, 适时 or unreadable), reported for the period."""
    counts: dict[str, dict[str, int]] = {}
    done_n: dict[str, int] = {}
    dated: dict[str, list[int]] = {}  # unit → [with a due date, of those done]
    for ts in report.tasks:
        dl = ts.info.deadline
        for a in ts.assignments:
            counts.setdefault(a.unit, {}).setdefault(a.key, 0)
            counts[a.unit][a.key] += 1
            done_n[a.unit] = done_n.get(a.unit, 0) + a.done  # as N/M counts (an 适时 task reported done too)
            if dl is not None and dl.dated and a.key != "unit_ended":  # the reports' completion-rate base (reports.data.with_due_date)
                d = dated.setdefault(a.unit, [0, 0])
                d[0] += 1
                d[1] += a.key in ("done", "done_late")
    out = []
    missing = set(report.not_reported)
    filed = model.filed(str(report.period))
    for unit in model.resolver.unit_names():
        if unit not in counts and unit not in missing and not (unit in model.ends and unit in filed):
            continue  # (a unit that ended owes or filed its last quarter with its work carried by its successor: still a row)
        c = counts.get(unit, {})
        total = sum(v for k, v in c.items() if k != "unit_ended")  # (no longer owed: not a task it has)
        done = done_n.get(unit, 0)
        # a unit whose plans were issued after the period, or had ended before it, owes nothing for it (DESIGN.md, 未报送)
        sent = "未报送" if unit in missing else "已报送" if unit in filed else "无需报送"
        base, base_done = dated.get(unit, (0, 0))
        out.append([unit, *[c.get(k, 0) for k in keys(report)], done, total, base, base_done, base_done / base if base else None, sent])
    return out


def data_commit(root: Path) -> str:
    """The git commit of the data (with a note when data/ has uncommitted changes), or '': asked
    as the reports ask it (without taking git's index lock)."""
    from ..reports.provenance import of

    p = of(root, "")
    if p.commit is None:
        return "（未能读取：git 拒绝读取属于另一用户的仓库）" if p.untrusted else ""
    return p.commit + ("（数据有未提交的修改：data/、templates/ 或 gk.toml）" if p.dirty else "")


def error_lines(model: Model, errors: list[Finding]) -> list[tuple[str, str]]:
    """The 说明 sheet's lines on data errors (none without errors): how many, which units or plan
    files could not be read, the first five located. Said in the workbook itself: a leader reads
    the 台账, not the terminal it was made in."""
    if not errors:
        return []
    from ..model import errors_caveat, lost_file, units_first

    lines = [("数据错误", f"数据中有 {len(errors)} 个错误，相关记录未计入本台账{errors_caveat(errors)}（运行 gk lint 查看）")]
    lines += [("无法读取的文件", lost_file(f) + "。台账缺少相应的行") for f in model.unread_backbone()]
    first = units_first(errors)[:5]
    lines.append(("错误位置" + ("（前 5 个）" if len(errors) > 5 else ""), "\n".join(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in first)))
    return lines


def build(model: Model, report: StatusReport, errors: list[Finding] | None = None):
    """The openpyxl Workbook (not saved); `errors`, the data errors (Model.data_errors), are said on the 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    bold = Font(bold=True)
    alarm = Font(bold=True, color="C00000")
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    for col, (name, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(1, col)
        put(cell, name)
        cell.font, cell.fill = bold, head_fill
        ws.column_dimensions[get_column_letter(col)].width = width
    status_col = [c[0] for c in COLUMNS].index("状态") + 1
    wrap_cols = {i + 1 for i, (n, _) in enumerate(COLUMNS) if n in ("类别", "主要任务", "最新进度说明")}
    body = rows(model, report)
    for r, row in enumerate(body, 2):
        for col, value in enumerate(row.values, 1):
            cell = ws.cell(r, col)
            put(cell, value)
            cell.alignment = wrap if col in wrap_cols else top
        if row.key is not None:
            ws.cell(r, status_col).fill = fills[row.key]
    unit_col = [c[0] for c in COLUMNS].index("责任单位")
    ws.column_dimensions[get_column_letter(unit_col + 1)].width = fit_width((row.values[unit_col] for row in body), COLUMNS[unit_col][1], 40)
    for r in range(2, len(body) + 2):
        fit_height(ws, r, sorted(wrap_cols), most=8)
    ws.freeze_panes = "C2"
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(body)) + 1}"

    sm = wb.create_sheet("按单位汇总")
    shown = keys(report)
    heads = ["单位", *[LABELS[k] for k in shown], "已完成合计", "任务数", "有到期日的任务", "其中已完成", "完成率", f"{report.period}报送"]
    for col, name in enumerate(heads, 1):
        cell = sm.cell(1, col)
        put(cell, name)
        cell.font, cell.fill = bold, head_fill
        if 2 <= col <= len(shown) + 1:
            cell.fill = fills[shown[col - 2]]
        sm.column_dimensions[get_column_letter(col)].width = max(11, text_width(name) + 2)  # 有到期日的任务 whole
    per_unit = summary(model, report)
    sm.column_dimensions["A"].width = fit_width((values[0] for values in per_unit), 16, 40)
    for r, values in enumerate(per_unit, 2):
        for col, value in enumerate(values, 1):
            cell = sm.cell(r, col)
            put(cell, value)
            if heads[col - 1] == "完成率" and value is not None:
                cell.number_format = "0%"
    sm.freeze_panes = "B2"
    sm.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{max(2, sm.max_row)}"

    info = wb.create_sheet("说明")
    commit = data_commit(model.repo.root)
    settings = model.repo.settings
    lines: list[tuple[str, Any]] = [
        ("工作台账", settings.county or ""),
        ("统计日期（as-of）", report.as_of),
        ("报送期", f"{report.period}（{report.period.label}）"),
        ("数据仓库", str(model.repo.root)),
        ("数据版本（git commit）", commit or "（不是 git 仓库）"),
        ("gk 版本", __version__),
        ("生成时间", clock.now_in_china().replace(microsecond=0, tzinfo=None)),  # beside 统计日期, China's day
    ]
    alerts = error_lines(model, errors or [])
    first_alert = len(lines) + 1
    lines += [
        *alerts,
        ("", ""),
        ("状态", "含义"),
    ]
    meanings = {
        "overdue": "未完成且已过完成时限",
        "due_soon": f"完成时限在 {settings.due_soon_days} 天之内（每月一次的周期任务 {min(settings.due_soon_days, 10)} 天）",
        "blocked": "单位报告受阻",
        "ongoing:unreported": "长期任务，本报送期尚未报告进度",
        "not_started": "尚未启动",
        "in_progress": "正在推进",
        "done_late": "已完成，但晚于完成时限",
        "done": "按时完成",
        "ongoing:reported": "长期任务，本报送期已报告进度",
        "as_needed": "适时开展，无固定时限",
        "unit_ended": "责任单位已撤销（data/units/ 中的 ends_on）且没有接续单位：未完成的任务不再承担，不计入任务数与完成率",
    }
    for key in shown:
        lines.append((LABELS[key], meanings[key]))
    lines += [("", ""), ("完成率", "有到期日的任务（不含长期、适时与无法识别的时限）中已完成（含逾期完成）的比例，与报告一致"),
              ("已完成合计", "已完成、逾期完成、长期任务本报送期已报告，以及适时任务最近一次报告为已完成（仍计在“适时”一列），与“N/M 单位完成”一致"),
              ("上一期未完成", "周期任务（每季度、每年……）按本期判断状态；该单位上一期没有“已完成”时，这一列写上一期的到期日"),
              (OTHERS_LABEL, "任务写有“等县级有关部门”之类时，列明的责任单位之外的单位报送的进度：照登，不计入完成数与汇总")]
    if report.units_ended:  # an abolished or merged unit: where its work went
        lines += [("（承接……）", "单位撤销或并入其他单位（ends_on、successor）后，其任务由接续单位承接：责任单位写作“接续单位（承接原单位）”，"
                                 "原单位此前的进度计入承接的任务")]
        lines += [(u, f"{ends_on} 撤销，" + (f"任务由{holder}承接" if holder else "没有接续单位"))
                  for u, ends_on, holder in report.units_ended]
    for r, (k, v) in enumerate(lines, 1):
        put(info.cell(r, 1), k)
        put(info.cell(r, 2), v)
        info.cell(r, 1).alignment, info.cell(r, 2).alignment = top, wrap  # a long meaning, a path, five errors: wrapped
        if k in {LABELS[x] for x in shown}:
            key = next(x for x in shown if LABELS[x] == k)
            info.cell(r, 1).fill = fills[key]
        if k in ("工作台账", "状态"):
            info.cell(r, 1).font = info.cell(r, 2).font = bold
        if first_alert <= r < first_alert + len(alerts):
            info.cell(r, 1).font = info.cell(r, 2).font = alarm
    if alerts:  # the tab too: seen from the 台账 sheet the workbook opens on
        info.sheet_properties.tabColor = "C00000"
    info.column_dimensions["A"].width = fit_width((k for k, _ in lines), 22, 30)
    info.column_dimensions["B"].width = 90
    for r in range(1, len(lines) + 1):
        fit_height(info, r, [2])
    print_setup(ws)
    print_setup(sm)
    print_setup(info, None)  # (no header row: a list of lines)
    return wb


def fit_width(texts, least: int, most: int) -> int:  # type: ignore[no-untyped-def]
    """A column's width for its longest text (a unit name: 四川达州普光经济开发区管委会 must not be cut),
    at least `least`, at most `most` (a longer one wraps or is cut, not a column across the page)."""
    return max(least, min(most, max((text_width(str(t)) + 2 for t in texts if t), default=0)))


LINE_HEIGHT = 15  # points: a line of Excel's default 11-point font


def wrapped_lines(text: Any, width: float) -> int:
    """How many lines a wrapped cell of this column width takes, roughly (its own line breaks too)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(1, int(width) - 1)
    return sum(max(1, -(-text_width(part) // per_line)) for part in text.split("\n"))


def fit_height(ws, row: int, cols: list[int], most: int = 12) -> None:  # type: ignore[no-untyped-def]
    """Give a row the height its wrapped cells need (at most `most` lines): LibreOffice keeps a row
    without a height at one line, and prints the rest of a wrapped text cut off."""
    from openpyxl.utils import get_column_letter

    n = max(wrapped_lines(ws.cell(row, c).value, ws.column_dimensions[get_column_letter(c)].width) for c in cols)
    if n > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * min(n, most)


def print_setup(ws, header_rows: str | None = "1:1") -> None:  # type: ignore[no-untyped-def]
    """A4 landscape, one page wide (as many pages down as it takes), the header row on every page,
    page numbers in the footer: the 台账 is printed for the leaders' meeting."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # (0: no limit down)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)  # inches
    ws.print_options.horizontalCentered = True
    if header_rows:
        ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "&A　第 &P 页，共 &N 页"


CELL_MAX = 32767
CUT = "……（超过 Excel 单元格上限，已截断；全文见进度来源文件）"


def cut_cells(wb) -> int:
    """How many cells `put` had to cut short."""
    return sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.endswith(CUT))


def put(cell, value: Any) -> None:
    """Set a cell: text always as text (never a formula), dates as dates, numbers as numbers."""
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm"
        return
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return
    if isinstance(value, (int, float)):
        cell.value = value
        return
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if len(text) > CELL_MAX:  # Excel's limit: a longer cell is a file Excel "repairs" by emptying it
        text = text[: CELL_MAX - len(CUT)] + CUT
    cell.value = text
    cell.data_type = "s"  # a leading = + - @ stays text
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") or text.lstrip()[:1] == "=":
        cell.quotePrefix = True  # and Excel shows it as text even after an edit


def save(wb, path: Path, force: bool = False) -> Path | None:
    """Write the workbook to `path` (atomic.write_output: never over a file without `force`, and
    then after a backup beside it); the backup of the file it replaced, if any. A 台账 already
    there may hold what people added by hand (notes, colours, a column of their own)."""
    import io

    from ..errors import GkError
    from . import atomic

    buf = io.BytesIO()
    why = _save_into(wb, buf)
    if why is not None:
        raise GkError(f"未能生成台账 {path.name}：写临时文件失败（{why}）",
                      "检查临时目录（$TMPDIR，默认 /tmp）所在磁盘的空间与文件大小限制")
    return atomic.write_output(path, buf.getvalue(), force, "导出")


def _save_into(wb, buf) -> str | None:  # type: ignore[no-untyped-def]
    """Save the workbook into `buf`; None, or why it failed in words. openpyxl writes each sheet
    to a temp file first, so a full $TMPDIR fails here (lxml's IO_ENOSPC); its half-run writers
    then print a traceback when collected, which is silenced (the reason is said once, in words)."""
    import gc
    import sys

    from ..errors import os_reason

    try:
        wb.save(buf)
        return None
    except OSError as e:
        why = os_reason(e)
    except Exception as e:  # lxml's serialisation errors of the file system (IO_ENOSPC…); anything else is a bug: raised
        if not str(e).startswith("IO_"):
            raise
        why = _LXML_IO.get(str(e), str(e))
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return why


_LXML_IO = {"IO_ENOSPC": "磁盘空间已满", "IO_EFBIG": "超过文件大小限制", "IO_EACCES": "没有权限", "IO_EROFS": "只读文件系统"}
