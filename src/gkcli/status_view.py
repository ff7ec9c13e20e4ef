"""Output of `gk status`: selection, JSON (a stable contract), CSV and the terminal table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from .model import Model
from .status import ENTRY_LABELS, LABELS, RANK, ORDER, StatusReport, TaskStatus

COLORS = {
    "overdue": "bold red",
    "due_soon": "yellow",
    "blocked": "magenta",
    "ongoing:unreported": "bright_yellow",
    "not_started": "white",
    "in_progress": "cyan",
    "done_late": "green",
    "done": "bold green",
    "ongoing:reported": "green",
    "as_needed": "dim",
    "unit_ended": "dim",
}


def select(tasks: list[TaskStatus], plans=None, categories=None, states=None) -> list[TaskStatus]:
    out = []
    for t in tasks:
        if plans and t.info.plan.id not in plans:
            continue
        if categories and not any(c in (t.info.task.category or "") for c in categories):
            continue
        if states and not (t.key in states or t.code in states or ("missed" in states and t.missed)):
            continue
        out.append(t)
    return out


def task_dict(t: TaskStatus, locate=None) -> dict[str, Any]:
    info = t.info
    d: dict[str, Any] = {
        "id": info.id,
        "plan": info.plan.id,
        "category": info.task.category,
        "title": info.task.title,
        "status": t.code,
    }
    if t.reported is not None:
        d["reported"] = t.reported
    d.update(
        {
            "lead": t.lead,  # (the unit carrying the lead's work, once the lead unit has ended)
            "due": t.due.isoformat() if t.due else None,
            "deadline": info.task.deadline,
            "days": t.days,
            **({"overdue_at_end": True} if t.overdue_at_end else {}),
            "done": t.done,
            "total": t.total,
            "assignments": [],
        }
    )
    for a in t.assignments:
        e = a.entry
        row: dict[str, Any] = {"unit": a.unit, "status": a.code}
        if a.reported is not None:
            row["reported"] = a.reported
        row.update(
            {
                "date": e.entry.date.isoformat() if e else None,
                "note": e.entry.note if e else None,
                "source": f"{e.source}:{locate(e)}" if e and locate else (e.source if e else None),
            }
        )
        if a.missed is not None:
            row["missed_previous"] = a.missed.isoformat()  # a recurring task's last occurrence, not done
        if a.origins:
            row["carried_from"] = list(a.origins)  # the units ended since whose work this is (docs/decisions.md)
        if a.ended_on is not None:
            row["ended_on"] = a.ended_on.isoformat()  # this unit ended then, with no one to carry its work
        if a.overdue_at_end:
            row["overdue_at_end"] = True  # no longer owed, but overdue already when the unit ended
        d["assignments"].append(row)
    if t.others:  # units the task's `others` (等县级有关部门) may cover: shown, not counted
        d["others_entries"] = [
            {"unit": e.unit, "status": e.entry.status, "date": e.entry.date.isoformat(), "note": e.entry.note,
             "source": f"{e.source}:{locate(e)}" if locate else e.source}
            for e in t.others
        ]
    return d


def to_json(report: StatusReport, repo) -> str:
    """DESIGN.md's stable JSON; `source` is file:line of the entry each status rests on."""

    def line(e) -> int:
        return repo.locate(e.source, e.path)[0]

    county = repo.settings.county
    tasks = []
    for t in report.tasks:
        d = task_dict(t, line)
        d["county"] = county  # as in a roll-up of many counties (docs/scale.md)
        tasks.append(d)
    doc = {
        "as_of": report.as_of.isoformat(),
        "reporting_period": str(report.period),
        "tasks": tasks,
        "not_reported": report.not_reported,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_csv(report: StatusReport) -> str:
    from .cells import csv_text as c

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "plan", "category", "title", "status", "reported", "lead", "due", "deadline", "days", "done", "total"])
    for t in report.tasks:
        i = t.info
        w.writerow(
            [c(i.id), i.plan.id, c(i.task.category or ""), c(i.task.title), t.code, "" if t.reported is None else str(t.reported).lower(),
             c(t.lead or ""), t.due.isoformat() if t.due else "", c(i.task.deadline or ""), "" if t.days is None else t.days, t.done, t.total]
        )
    return buf.getvalue()


def _days_text(t: TaskStatus) -> str:
    if t.days is None or t.key in ("done", "done_late", "ongoing:reported", "as_needed", "unit_ended"):
        return ""
    if t.days < 0:
        return f"逾期 {-t.days} 天"
    if t.days == 0:
        return "今天到期"
    return f"剩 {t.days} 天"


def render_table(model: Model, report: StatusReport, by: str | None = None, out=None) -> None:
    """The terminal view: a title, counts per status, then one row per task (or per unit / category)."""
    import sys

    from .texttable import use_color

    out = out or sys.stdout
    out.write(table_text(model, report, by, color=use_color(out)))


def table_text(model: Model, report: StatusReport, by: str | None = None, color: bool = False, max_total: int | None = -1) -> str:
    from .texttable import Column, Table, paint, terminal_width

    if max_total == -1:
        max_total = terminal_width()
    county = model.repo.settings.county or ""
    parts = [_packed([paint(f"{county} 政务公开任务状态".strip(), "bold", color), f"截至 {report.as_of.isoformat()}",
                      f"报告期 {report.period.label}", f"共 {len(report.tasks)} 项任务"], "  ", "", max_total)]
    counts = tally(t.key for t in report.tasks)
    parts.append(_packed([paint(f"{LABELS[k]} {counts[k]}", COLORS[k], color) for k in ORDER if counts.get(k)], "   ", "   ", max_total))
    if by == "unit":
        parts.append(_by_unit(model, report, color, max_total))
    elif by == "category":
        parts.append(_by_category(report, color, max_total))
    else:
        table = Table(
            [
                # the essentials: a narrow terminal lays the table out without its box before it cuts these
                Column("状态", min_width=6, whole=True),
                Column("编号", min_width=9, whole=True),
                # a pipe or a file (no width): whole cells, so that grep finds a word late in a title (decisions.md)
                Column("任务", min_width=12, max_width=40 if max_total else None, flexible=True),
                Column("牵头单位", max_width=20 if max_total else None, drop=4),
                Column("完成时限", drop=1),  # the text as written, whole or left out (到期日 says the day)
                Column("到期日", min_width=10, whole=True),
                Column("剩余/逾期", justify="right", min_width=11, drop=3),
                Column("完成", justify="right", min_width=14, drop=2),
            ]
        )
        for t in report.tasks:
            table.add_row(
                LABELS[t.key],
                t.info.id,
                t.info.task.title,
                t.lead_label,
                t.info.task.deadline or "",
                t.due.isoformat() if t.due else "",
                _days_text(t),
                # a 长期 task counts units that reported, whatever its status (未启动 in its plan's first quarter too)
                (f"{t.done}/{t.total} 单位" + ("已报告" if t.key.startswith("ongoing") or (t.info.deadline is not None
                                                                                 and t.info.deadline.kind == "ongoing") else "完成")) if t.total
                else ("撤销时已逾期" if t.overdue_at_end else "单位已撤销") if t.assignments else "无责任单位",  # 长期: done is reported
                styles=(COLORS[t.key], None, None, None, None, None, "red" if t.days is not None and t.days < 0 and t.key == "overdue" else None),
            )
        parts.append(table.render(color, max_total))
    tail = len(parts)  # the lists after the table: broken between names in a terminal (_between_names)
    missed = [t for t in report.tasks if t.missed]
    if missed:  # a recurring task is judged on this occurrence; the last one missed is still said
        parts.append(paint(f"周期任务上一期未完成（{len(missed)} 项）：", "bold red", color)
                     + "；".join(f"{t.info.id}（{t.missed[0].missed.isoformat()}到期，{_units_short([a.label for a in t.missed])}）" for t in missed)  # type: ignore[union-attr]
                     + "\n")
    others = [(t.info.id, e) for t in report.tasks for e in t.others]
    if others:  # DESIGN: progress from a unit a task's `others` may cover is shown, not counted
        parts.append(paint(f"列明的责任单位之外（任务写有“等……”）的单位报送的进度（{len(others)} 条，显示但不计入）：", "bold", color)
                     + "；".join(f"{tid} {e.unit} {ENTRY_LABELS.get(e.entry.status, e.entry.status)}（{e.entry.date.isoformat()}）" for tid, e in others)
                     + "\n")
    if report.not_reported:
        parts.append(
            paint(f"未报送 {report.period.label} 进度（{len(report.not_reported)} 个单位）：", "bold red", color)
            + "、".join(report.not_reported)
            + _window_note(report, model.repo.settings.report_window_days)
            + "\n"
        )
    if max_total:
        parts[tail:] = [_between_names(p, max_total) for p in parts[tail:]]
    return "".join(parts)


def _between_names(text: str, max_total: int) -> str:
    """A list of names (未报送 …：县委组织部、县委宣传部、…) in lines no wider than the terminal, broken after a
    、；： or ）, where the terminal would break a name (县公 / 安局) or a date in two."""
    import re

    from .cells import painted_width

    out: list[str] = []
    for line in text.rstrip("\n").split("\n"):
        pieces = re.findall(r"[^、；：，）]*[、；：，）]?", line)
        row = ""
        for piece in filter(None, pieces):
            if row and painted_width(row + piece) > max_total:
                out.append(row)
                row = ""
            row += piece
        out.append(row)
    return "\n".join(out) + "\n"


def _packed(pieces: list[str], sep: str, end: str, max_total: int | None) -> str:
    """The heading's pieces on one line; in a terminal too narrow for it, broken between pieces (never in
    the middle of 报告期 2023年第三季度) rather than where the terminal would wrap it."""
    from .cells import painted_width

    line = sep.join(pieces) + end
    if max_total is None or painted_width(line) <= max_total:
        return line + "\n"
    lines = [""]
    for piece in pieces:
        if lines[-1] and painted_width(lines[-1] + sep + piece) > max_total:
            lines.append("")
        lines[-1] += (sep if lines[-1] else "") + piece
    return "\n".join(lines) + "\n"


def _window_note(report: StatusReport, window_days: int) -> str:
    """In the filing days after a quarter (report_window_days), those not yet filed are not late: said, as the reports say it."""
    closes = report.period.closes_on(window_days)
    return f"（报送期至 {closes.isoformat()}，尚未截止）" if report.as_of <= closes else ""


def _units_short(units: list[str]) -> str:
    """A few units by name, many by their number (--format json lists each)."""
    return "、".join(units) if len(units) <= 5 else f"{'、'.join(units[:3])}等 {len(units)} 个单位"


def unit_rows(model: Model, report: StatusReport) -> list[dict[str, Any]]:
    """--by unit: per unit, its assignments by status (worst unit first), their number and whether it
    has not reported; the table and the JSON/CSV are this one list."""
    keys: dict[str, list[str]] = {}
    for t in report.tasks:
        for a in t.assignments:
            keys.setdefault(a.unit, []).append(a.key)
    per = {u: tally(ks) for u, ks in keys.items()}
    order = {u: i for i, u in enumerate(model.resolver.unit_names())}
    worst = sorted(per, key=lambda u: (min(RANK[k] for k in per[u]), -per[u].get("overdue", 0), order.get(u, 1 << 20)))
    nr = set(report.not_reported)
    # (as N/M: no longer owed is not a task it has)
    return [{"unit": u, "counts": per[u], "total": sum(n for k, n in per[u].items() if k != "unit_ended"), "not_reported": u in nr}
            for u in worst]


def category_rows(report: StatusReport) -> list[dict[str, Any]]:
    """--by category: per plan and category (in task order), its tasks by status and their number."""
    keys: dict[tuple[str, str], list[str]] = {}
    for t in report.tasks:
        keys.setdefault((t.info.plan.id, t.info.task.category or "（未分类）"), []).append(t.key)
    return [{"plan": plan, "category": cat, "counts": c, "total": sum(c.values())}
            for (plan, cat), c in ((k, tally(ks)) for k, ks in keys.items())]


def tally(keys: Iterable[str]) -> dict[str, int]:
    """How many of each status key, worst first (the order of the table's columns)."""
    from collections import Counter

    n = Counter(keys)
    return {k: n[k] for k in ORDER if k in n}


def by_code(counts: dict[str, int]) -> dict[str, int]:
    """Counts by the stable English codes; ongoing split as ongoing_reported / ongoing_unreported."""
    return {k.replace(":", "_"): v for k, v in counts.items()}


def grouped_json(report: StatusReport, by: str, rows: list[dict[str, Any]]) -> str:
    """--by unit|category --format json: the rows of the summary table, counts by status code."""
    key = "units" if by == "unit" else "categories"
    doc = {"as_of": report.as_of.isoformat(), "reporting_period": str(report.period), "by": by,
           key: [{**r, "counts": by_code(r["counts"])} for r in rows], "not_reported": report.not_reported}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def grouped_csv(by: str, rows: list[dict[str, Any]]) -> str:
    """--by unit|category --format csv: one row per unit (category), a column per status code."""
    from .cells import csv_text as c

    codes = list(ORDER)  # every status a column, whatever the data: a program reads the header once
    head = ["unit"] if by == "unit" else ["plan", "category"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head + [k.replace(":", "_") for k in codes] + ["total"] + (["not_reported"] if by == "unit" else []))
    for r in rows:
        w.writerow([c(r[h]) for h in head] + [r["counts"].get(k, 0) for k in codes] + [r["total"]]
                   + ([str(r["not_reported"]).lower()] if by == "unit" else []))
    return buf.getvalue()


def _by_unit(model: Model, report: StatusReport, color: bool, max_total: int | None) -> str:
    from .texttable import Column, Table

    rows = unit_rows(model, report)
    keys = [k for k in ORDER if any(k in r["counts"] for r in rows)]
    table = Table(
        [Column("单位", whole=True)]  # what the row is: cut to 县… it names no one (the counts' headers go on over lines)
        + [Column(LABELS[k], justify="right", header_style=f"bold {COLORS[k]}") for k in keys]
        + [Column("合计", justify="right"), Column("未报送", justify="center")]
    )
    for r in rows:
        table.add_row(r["unit"], *[str(r["counts"].get(k, "")) for k in keys], str(r["total"]), "是" if r["not_reported"] else "")
    return table.render(color, max_total)


def _by_category(report: StatusReport, color: bool, max_total: int | None) -> str:
    from .texttable import Column, Table

    rows = category_rows(report)
    keys = [k for k in ORDER if any(k in r["counts"] for r in rows)]
    table = Table(
        [Column("方案", whole=True), Column("类别", max_width=36 if max_total else None, flexible=True)]
        + [Column(LABELS[k], justify="right", header_style=f"bold {COLORS[k]}") for k in keys]
        + [Column("合计", justify="right")]
    )
    for r in rows:
        table.add_row(r["plan"], r["category"], *[str(r["counts"].get(k, "")) for k in keys], str(r["total"]))
    return table.render(color, max_total)
