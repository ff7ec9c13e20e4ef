"""Output of `gk status`: selection, JSON (a stable contract), CSV and the terminal table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import Model
from .status import LABELS, RANK, ORDER, StatusReport, TaskStatus

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
}


def select(tasks: list[TaskStatus], plans=None, categories=None, states=None) -> list[TaskStatus]:
    out = []
    for t in tasks:
        if plans and t.info.plan.id not in plans:
            continue
        if categories and not any(c in (t.info.task.category or "") for c in categories):
            continue
        if states and not (t.key in states or t.code in states):
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
            "lead": info.lead,
            "due": t.due.isoformat() if t.due else None,
            "deadline": info.task.deadline,
            "days": t.days,
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
        d["assignments"].append(row)
    return d


def to_json(report: StatusReport, repo) -> str:
    """DESIGN.md's stable JSON; `source` is file:line of the entry each status rests on."""

    def line(e) -> int:
        return repo.locate(e.source, ("entries", e.order[2]))[0]

    doc = {
        "as_of": report.as_of.isoformat(),
        "reporting_period": str(report.period),
        "tasks": [task_dict(t, line) for t in report.tasks],
        "not_reported": report.not_reported,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_csv(report: StatusReport) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "plan", "category", "title", "status", "reported", "lead", "due", "deadline", "days", "done", "total"])
    for t in report.tasks:
        i = t.info
        w.writerow(
            [i.id, i.plan.id, i.task.category or "", i.task.title, t.code, "" if t.reported is None else str(t.reported).lower(),
             i.lead or "", t.due.isoformat() if t.due else "", i.task.deadline or "", "" if t.days is None else t.days, t.done, t.total]
        )
    return buf.getvalue()


def _days_text(t: TaskStatus) -> str:
    if t.days is None or t.key in ("done", "done_late", "ongoing:reported", "as_needed"):
        return ""
    if t.days < 0:
        return f"逾期 {-t.days} 天"
    if t.days == 0:
        return "今天到期"
    return f"剩 {t.days} 天"


def render_table(model: Model, report: StatusReport, by: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    if not console.is_terminal:  # piped or captured: don't squeeze the table into 80 columns
        console = Console(highlight=False, width=max(console.width, 160))
    county = model.repo.settings.county or ""
    console.print(
        Text.assemble(
            (f"{county} 政务公开任务状态", "bold"),
            f"  截至 {report.as_of.isoformat()}  报告期 {report.period.label}  共 {len(report.tasks)} 项任务",
        )
    )
    counts: dict[str, int] = {}
    for t in report.tasks:
        counts[t.key] = counts.get(t.key, 0) + 1
    summary = Text()
    for key in ORDER:
        if counts.get(key):
            summary.append(f"{LABELS[key]} {counts[key]}", COLORS[key])
            summary.append("   ")
    console.print(summary)
    if by == "unit":
        _by_unit(console, model, report)
    elif by == "category":
        _by_category(console, report)
    else:
        table = Table(show_lines=False, header_style="bold", expand=False)
        table.add_column("状态", no_wrap=True, min_width=6)
        table.add_column("编号", no_wrap=True, min_width=9)
        table.add_column("任务", overflow="ellipsis", no_wrap=True, ratio=1, min_width=12, max_width=40)
        table.add_column("牵头单位", overflow="ellipsis", max_width=20, no_wrap=True)
        table.add_column("完成时限", no_wrap=True, overflow="ellipsis", max_width=16)
        table.add_column("到期日", no_wrap=True, min_width=10)
        table.add_column("剩余/逾期", no_wrap=True, justify="right", min_width=11)
        table.add_column("完成", no_wrap=True, justify="right", min_width=14)
        for t in report.tasks:
            style = COLORS[t.key]
            table.add_row(
                Text(LABELS[t.key], style),
                t.info.id,
                t.info.task.title,
                t.info.lead or "（无）",
                t.info.task.deadline or "",
                t.due.isoformat() if t.due else "",
                Text(_days_text(t), "red" if t.days is not None and t.days < 0 and t.key == "overdue" else ""),
                f"{t.done}/{t.total} 单位完成" if t.total else "无责任单位",
            )
        console.print(table)
    if report.not_reported:
        console.print(
            Text.assemble(
                (f"未报送 {report.period.label} 进度（{len(report.not_reported)} 个单位）：", "bold red"),
                "、".join(report.not_reported),
            )
        )


def _by_unit(console, model: Model, report: StatusReport) -> None:
    from rich.table import Table
    from rich.text import Text

    per: dict[str, dict[str, int]] = {}
    for t in report.tasks:
        for a in t.assignments:
            per.setdefault(a.unit, {})
            per[a.unit][a.key] = per[a.unit].get(a.key, 0) + 1
    keys = [k for k in ORDER if any(k in c for c in per.values())]
    table = Table(header_style="bold")
    table.add_column("单位", no_wrap=True)
    for k in keys:
        table.add_column(Text(LABELS[k], COLORS[k]), justify="right")
    table.add_column("合计", justify="right")
    table.add_column("未报送", justify="center")
    order = {u: i for i, u in enumerate(model.resolver.unit_names())}
    worst = sorted(per, key=lambda u: (min(RANK[k] for k in per[u]), -per[u].get("overdue", 0), order.get(u, 1 << 20)))
    nr = set(report.not_reported)
    for u in worst:
        c = per[u]
        table.add_row(u, *[str(c.get(k, "")) for k in keys], str(sum(c.values())), "是" if u in nr else "")
    console.print(table)


def _by_category(console, report: StatusReport) -> None:
    from rich.table import Table
    from rich.text import Text

    per: dict[tuple[str, str], dict[str, int]] = {}
    for t in report.tasks:
        k = (t.info.plan.id, t.info.task.category or "（未分类）")
        per.setdefault(k, {})
        per[k][t.key] = per[k].get(t.key, 0) + 1
    keys = [k for k in ORDER if any(k in c for c in per.values())]
    table = Table(header_style="bold")
    table.add_column("方案", no_wrap=True)
    table.add_column("类别", overflow="fold", max_width=36)
    for k in keys:
        table.add_column(Text(LABELS[k], COLORS[k]), justify="right")
    table.add_column("合计", justify="right")
    for (plan, cat), c in per.items():
        table.add_row(plan, cat, *[str(c.get(k, "")) for k in keys], str(sum(c.values())))
    console.print(table)
