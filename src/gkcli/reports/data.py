"""Report data: pure functions of (model, period, as-of date) → plain dataclasses.

Nothing here prints, renders or reads the clock: `quarterly()` and `annual()`
take everything they need and return a `Report` that every publisher (Markdown,
HTML, Word) renders. Every figure is a `Fig`: its value plus the `file:line`
places it was counted from, so the HTML can link each number back to its files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import status as st
from ..model import EntryRef, Model, TaskInfo
from ..periods import Quarter
from ..status import ENTRY_LABELS, LABELS, RANK, StatusReport, TaskStatus
from .provenance import Provenance

# Columns of the count tables: a task's status, the two ongoing kinds together.
COLUMNS: list[tuple[str, str]] = [
    ("done", "已完成"),
    ("done_late", "逾期完成"),
    ("in_progress", "推进中"),
    ("not_started", "未启动"),
    ("blocked", "受阻"),
    ("due_soon", "临期"),
    ("overdue", "已逾期"),
    ("ongoing", "长期"),
    ("as_needed", "适时"),
]
# a column shown only when some task has it: no unit owes the task any longer (its units abolished, no successor)
ENDED_COLUMN = ("unit_ended", "不再承担")
COLUMN_OF = {
    "done": "done",
    "done_late": "done_late",
    "in_progress": "in_progress",
    "not_started": "not_started",
    "blocked": "blocked",
    "due_soon": "due_soon",
    "overdue": "overdue",
    "ongoing:reported": "ongoing",
    "ongoing:unreported": "ongoing",
    "as_needed": "as_needed",
    "unit_ended": "unit_ended",
}
COLORS = {  # the chart's colours, one per column (print-safe, colour-blind-friendly order)
    "done": "#2e7d32",
    "done_late": "#81c784",
    "in_progress": "#1e88e5",
    "not_started": "#bdbdbd",
    "blocked": "#8e24aa",
    "due_soon": "#fb8c00",
    "overdue": "#d32f2f",
    "ongoing": "#90a4ae",
    "as_needed": "#e0e0e0",
    "unit_ended": "#eeeeee",
}


# --- figures and their sources ------------------------------------------------


@dataclass(frozen=True)
class Fig:
    """A number (or short text) in a report, with the places it was counted from."""

    value: Any
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        return str(self.value)

    @property
    def title(self) -> str:
        """The sources as one line (an HTML title attribute)."""
        if not self.sources:
            return ""
        return "来源：" + "；".join(self.sources)

    @property
    def files(self) -> list[str]:
        """The distinct files among the sources, in order."""
        return list(dict.fromkeys(s.rsplit(":", 1)[0] for s in self.sources))


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for g in groups:
        for s in g:
            seen.setdefault(s, None)
    return tuple(seen)


class Locator:
    """`file:line` of records, asked of the repo's located documents (cached)."""

    def __init__(self, model: Model):
        self.repo = model.repo
        self._cache: dict[tuple[str, tuple], str] = {}

    def at(self, file: str, path: tuple) -> str:
        key = (file, path)
        if key not in self._cache:
            line = self.repo.locate(file, path)[0] if file else 0
            self._cache[key] = f"{file}:{line}" if file else ""
        return self._cache[key]

    def task(self, info: TaskInfo) -> str:
        return self.at(info.file, info.task.path)

    def entry(self, ref: EntryRef) -> str:
        return self.at(ref.report.file, ref.path)

    def status_sources(self, t: TaskStatus) -> tuple[str, ...]:
        """A task's definition and every progress entry its status rests on."""
        return _merge([self.task(t.info)], (self.entry(a.entry) for a in t.assignments if a.entry is not None))


# --- the report's parts ------------------------------------------------------


@dataclass
class Meta:
    kind: str  # "quarterly" | "annual"
    county: str
    office: str  # 发文机关 / 落款
    title: str
    period_label: str  # 2023年第三季度 / 2023年度
    period: str  # 2023Q3 / 2023
    as_of: dt.date
    provenance: Provenance
    unit: str | None = None  # --unit: whose report this is
    unit_members: list[str] = field(default_factory=list)
    data_files: int = 0  # files the figures were read from
    to: str = ""  # 主送机关 of the county's quarterly submission (gk.toml [report] to), else none

    @property
    def as_of_label(self) -> str:
        return cn_date(self.as_of)

    @property
    def whole(self) -> str:
        """全县, or 全区 / 全市 / 全旗 as the county's name ends: how its reports say “the whole county”."""
        return "全" + (self.county[-1] if self.county.endswith(("县", "区", "市", "旗")) else "县")


@dataclass
class CountRow:
    """Status counts of some tasks (a plan, one of its categories, or all)."""

    label: str
    level: int  # 0 all plans, 1 a plan, 2 a category
    total: Fig
    cells: dict[str, Fig]  # column key → count
    done: Fig
    rate: Fig  # "62.5%" or "—"
    plan_id: str = ""
    units_done: Fig = Fig(0)  # (task, unit) assignments done (完成, 逾期完成, or a 长期 task reported), as N/M counts them
    units_total: Fig = Fig(0)  # (task, unit) assignments
    columns: list[tuple[str, str]] = field(default_factory=lambda: COLUMNS)  # the report's (columns_of)

    @property
    def units_rate(self) -> str:
        return percent(self.units_done.value, self.units_total.value)

    @property
    def values(self) -> list[Fig]:
        return [self.cells[k] for k, _ in self.columns]


@dataclass
class TaskRow:
    id: str
    title: str
    plan: str
    category: str
    lead: str
    deadline: str
    due: dt.date | None
    days: int | None  # due − as-of
    status: str  # Chinese label
    key: str  # status key (status.ORDER)
    done: int
    total: int
    units_open: list[str]  # assigned units not done
    source: Fig  # the task's place, and the entries its status rests on

    @property
    def days_overdue(self) -> int:
        return -self.days if self.days is not None and self.days < 0 else 0

    @property
    def progress(self) -> str:
        return f"{self.done}/{self.total}" if self.total else "—"


@dataclass
class MissedRow:
    """A recurring task some units did not do in its previous round (每季度, 每年…): judged on the
    current round it is not overdue, but the missed round must not vanish from the report."""

    id: str
    title: str
    lead: str
    deadline: str
    due: dt.date  # the previous round's due day
    units: list[str]  # the units with no 已完成 in it
    source: Fig
    total: int = 0  # the task's assigned units
    did: list[str] = field(default_factory=list)  # the units that did that round

    @property
    def who(self) -> str:
        """The units that missed it, or “全部 N 个责任单位” when none did it, or “除…外的 N 个责任单位” when a few did
        (58 names of 59 made one table row longer than a page)."""
        if len(self.units) == self.total > 1:
            return f"全部 {self.total} 个责任单位"
        if len(self.units) > 10 and 0 < len(self.did) <= 3:
            return f"除{'、'.join(self.did)}外的 {len(self.units)} 个责任单位"
        return "、".join(self.units)


@dataclass
class Link:
    text: str
    href: str | None  # an http(s) link, else None (a repo path or other text is shown, not linked)


@dataclass
class SubmittedEntry:
    task: str
    task_title: str  # "" when the task is unknown
    status: str  # Chinese label of the entry's status
    key: str
    date: dt.date
    note: str
    evidence: list[Link]
    source: Fig


@dataclass
class Submission:
    unit: str
    file: str
    submitted_on: dt.date | None
    late: bool  # submitted after the quarter's window closed
    entries: list[SubmittedEntry]
    omitted: str = ""  # a sentence on entries left out: dated after the day the report judges
    unread_date: str = ""  # a submitted_on written so that it could not be read (not "no date written")


@dataclass
class NewPlan:
    title: str
    tasks: int  # its tasks in this report


@dataclass
class Change:
    id: str
    title: str
    lead: str
    before: str
    after: str
    before_key: str
    after_key: str
    better: bool  # moved towards done
    source: Fig


@dataclass
class AssignmentRow:
    """One unit's own assignment (the --unit report)."""

    id: str
    title: str
    lead: str
    is_lead: bool
    deadline: str
    due: dt.date | None
    status: str
    key: str
    date: dt.date | None
    note: str
    source: Fig

    @property
    def lead_text(self) -> str:
        """The lead as the unit's report shows it: one bracket, not two (县发改局（承接县粮食局，本单位牵头）)."""
        if not self.is_lead:
            return self.lead
        if self.lead.endswith("）") and ("（承接" in self.lead or self.lead.endswith("（已撤销）")):  # (not 各乡镇（街道）'s own bracket)
            return self.lead[:-1] + "，本单位牵头）"
        return self.lead + "（本单位牵头）"


@dataclass
class Chart:
    """A horizontal stacked bar per row; geometry in SVG user units."""

    width: int
    height: int
    label_width: int
    bar_width: int
    bars: list[dict]
    legend: list[dict]
    title: str


@dataclass
class QuarterSubmissions:
    quarter: str
    label: str
    filed: int
    owing: int
    not_reported: list[str]
    files: list[str] = field(default_factory=list)  # the progress files filed for the quarter


@dataclass
class Report:
    meta: Meta
    columns: list[tuple[str, str]]
    summary: list[CountRow]  # all, then each plan followed by its categories
    chart: Chart
    overdue: list[TaskRow]
    tasks: list[TaskRow]  # every task, worst first (附表)
    # due on the day judged and not done: 临期 that day (DESIGN), overdue the next; a report is read after it
    due_on_day: list[TaskRow] = field(default_factory=list)
    never_filed: list[str] = field(default_factory=list)  # annual: units asked for progress and filing none in the year
    missed: list[MissedRow] = field(default_factory=list)  # recurring tasks whose previous round some units missed
    # quarterly
    submissions: list[Submission] = field(default_factory=list)
    filed_units: list[str] = field(default_factory=list)  # the units of `submissions`, each once (a unit may file two files)
    not_reported: list[str] = field(default_factory=list)
    late_submissions: list[str] = field(default_factory=list)
    # a unit's own report (--unit) for a quarter after the unit ended: why nothing was filed or owed
    not_asked: str = ""
    changes: list[Change] = field(default_factory=list)
    new_plans: list[NewPlan] = field(default_factory=list)  # in force now, not yet at the previous quarter's end
    previous_label: str = ""
    previous_as_of: dt.date | None = None
    assignments: list[AssignmentRow] = field(default_factory=list)  # --unit
    # annual
    plans: list[dict] = field(default_factory=list)
    quarters: list[QuarterSubmissions] = field(default_factory=list)
    done_in_year: list[TaskRow] = field(default_factory=list)
    statutory: Any = None  # Statutory, for the annual report
    notes: list[str] = field(default_factory=list)  # things the reader must know (e.g. plans not yet issued)
    status: Any = None  # the StatusReport the figures come from (a roll-up's row uses it)


# --- helpers -------------------------------------------------------------------


def with_due_date(tasks: list[TaskStatus]) -> list[TaskStatus]:
    """The tasks a completion rate counts: those with a due date, whatever their status
    (a blocked 长期 or 适时 task is still one without: not 长期, 适时, nor unreadable), and
    owed by someone (not one whose units were all abolished with no successor)."""
    return [t for t in tasks if t.info.deadline is not None and t.info.deadline.dated and t.key != "unit_ended"]


def columns_of(tasks: list[TaskStatus]) -> list[tuple[str, str]]:
    """The count tables' columns: COLUMNS, and 不再承担 when some task is no longer owed by anyone."""
    return COLUMNS + [ENDED_COLUMN] if any(t.key == "unit_ended" for t in tasks) else COLUMNS


def completed(tasks: list[TaskStatus]) -> list[TaskStatus]:
    """Done, on time or late."""
    return [t for t in tasks if COLUMN_OF[t.key] in ("done", "done_late")]


def percent(part: int, whole: int) -> str:
    """A rate as the reports print it: 62.5%, or — when there is nothing to count."""
    return f"{100 * part / whole:.1f}%" if whole else "—"


def cn_date(d: dt.date | None) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, full year, no leading zeros: 2024年1月5日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def county_of(model: Model) -> str:
    """The county's name: gk.toml, else read off the office or a plan's issuer."""
    s = model.repo.settings
    if s.county:
        return s.county
    from ..units import county_in

    for text in [s.office or ""] + [p.plan.issued_by or "" for p in model.repo.plans]:
        if c := county_in(text.strip().removeprefix("中共")):
            return c
    return "本县"


def office_of(model: Model, county: str) -> str:
    s = model.repo.settings
    return s.report.signature or s.office or f"{county}人民政府办公室"


def _http(text: str) -> str | None:
    return text if re.match(r"^https?://[^\s<>\"']+$", text) else None


def _count_row(label: str, level: int, tasks: list[TaskStatus], loc: Locator, plan_id: str = "",
               columns: list[tuple[str, str]] = COLUMNS) -> CountRow:
    by_col: dict[str, list[TaskStatus]] = {k: [] for k, _ in COLUMNS + [ENDED_COLUMN]}
    for t in tasks:
        by_col[COLUMN_OF[t.key]].append(t)

    def fig(ts: list[TaskStatus]) -> Fig:
        return Fig(len(ts), _merge(*(loc.status_sources(t) for t in ts)))

    cells = {k: fig(v) for k, v in by_col.items()}
    done = by_col["done"] + by_col["done_late"]
    base = with_due_date(tasks)
    rate = percent(len(completed(base)), len(base))
    units_total = sum(t.total for t in tasks)
    units_done = sum(t.done for t in tasks)  # as each task's N/M: done, done late, or a 长期 one reported
    with_done = [t for t in tasks if t.done]
    return CountRow(label, level, fig(tasks), cells, fig(done), Fig(rate, fig(base).sources), plan_id,
                    Fig(units_done, fig(with_done).sources), Fig(units_total, fig(tasks).sources), columns)


def _summary(model: Model, report: StatusReport, loc: Locator) -> list[CountRow]:
    columns = columns_of(report.tasks)
    rows = [_count_row("合计", 0, report.tasks, loc, columns=columns)]
    for pd in model.repo.plans:
        ts = [t for t in report.tasks if t.info.plan.id == pd.plan.id]
        if not ts:
            continue
        rows.append(_count_row(pd.plan.title, 1, ts, loc, pd.plan.id, columns))
        cats: dict[str, list[TaskStatus]] = {}
        order = list(pd.plan.categories or [])
        for t in ts:
            c = t.info.task.category or "（未分类）"
            cats.setdefault(c, []).append(t)
        for c in sorted(cats, key=lambda c: (order.index(c) if c in order else len(order), c)):
            rows.append(_count_row(c, 2, cats[c], loc, pd.plan.id, columns))
    return rows


def _chart(rows: list[CountRow], title: str) -> Chart:
    """Stacked bars of task counts, one per plan (and 合计), with the completion rate."""
    label_w, bar_w, row_h, gap, top, right = 340, 420, 22, 10, 8, 110
    width = label_w + bar_w + right
    bars = []
    y = top
    columns = rows[0].columns if rows else COLUMNS
    for r in rows:
        if r.level > 1:
            continue
        total = r.total.value or 1
        x = label_w
        segs = []
        for k, name in columns:
            n = r.cells[k].value
            if not n:
                continue
            w = bar_w * n / total
            segs.append({"x": round(x, 1), "w": round(w, 1), "color": COLORS[k], "label": name, "count": n,
                         "title": f"{name} {n} 项"})
            x += w
        label = r.label if len(r.label) <= 26 else r.label[:25] + "…"
        bars.append({"label": label, "full_label": r.label, "y": y, "h": row_h, "segments": segs,
                     "rate": r.rate.value, "total": r.total.value, "text_y": y + row_h - 6, "bold": r.level == 0})
        y += row_h + gap
    legend = []
    lx0 = 150
    lx, ly = lx0, y + 6
    for k, name in columns:
        item_w = 16 + 12 * len(name) + 14
        if lx + item_w > width:
            lx, ly = lx0, ly + 20
        legend.append({"x": lx, "y": ly, "color": COLORS[k], "label": name})
        lx += item_w
    height = ly + 20
    return Chart(width, height, label_w, bar_w, bars, legend, title)


def _task_row(t: TaskStatus, loc: Locator) -> TaskRow:
    info = t.info
    open_units = [a.label for a in t.assignments if not a.done and a.key != "unit_ended"]
    return TaskRow(
        id=info.id,
        title=info.task.title,
        plan=info.plan.id,
        category=info.task.category or "",
        lead=t.lead_label,
        deadline=info.task.deadline or "",
        due=t.due,
        days=t.days,
        status=LABELS[t.key],
        key=t.key,
        done=t.done,
        total=t.total,
        units_open=open_units,
        source=Fig(info.id, loc.status_sources(t)),
    )


def _window_open(model: Model, quarter: Quarter, provenance: Provenance, not_reported: list[str]) -> list[str]:
    """A report made while units may still file for `quarter`: those not yet filed are not late yet."""
    closes = quarter.closes_on(model.repo.settings.report_window_days)
    made = provenance.made_on
    if made is None or made > closes or not not_reported:
        return []
    return [f"{quarter.label}的报送期到 {cn_date(closes)} 截止；本报告生成时（{cn_date(made)}）尚未报送的单位仍可按期报送。"]


def _missed(report: st.StatusReport, loc: Locator) -> list[MissedRow]:
    out = []
    for t in report.tasks:
        missed = t.missed
        if missed:
            info = t.info
            out.append(MissedRow(info.id, info.task.title, t.lead_label, info.task.deadline or "",
                                 missed[0].missed, [a.label for a in missed], Fig(info.id, loc.status_sources(t)), t.total,  # type: ignore[arg-type]
                                 [a.label for a in t.assignments if a.missed is None and a.key != "unit_ended"]))
    return out


def _due_on(rows: list[TaskRow], day: dt.date) -> list[TaskRow]:
    """The tasks due on `day`, the day judged, and not done: 临期 that day (DESIGN), overdue the next."""
    return [r for r in rows if r.key == "due_soon" and r.due == day]


def _missed_in_year(model: Model, year: int, as_of: dt.date, units: set[str] | None, now: st.StatusReport, loc: Locator) -> list[MissedRow]:
    """Every round of a recurring task due in `year` before the one `now` judges that some units did not do
    (each status knows only the round before its own: an annual report judged on 12-31 showed the
    third quarter's misses and lost the first two). A round is judged on the first of the month after it."""
    found: dict[tuple[str, dt.date], MissedRow] = {}
    if any(t.info.deadline is not None and t.info.deadline.kind == "recurring" for t in now.tasks):
        for day in [*(dt.date(year, m, 1) for m in range(2, 13) if dt.date(year, m, 1) < as_of), as_of]:
            for row in _missed(now if day == as_of else _status(model, day, units), loc):
                if row.due.year == year:
                    found.setdefault((row.id, row.due), row)
    return sorted(found.values(), key=lambda r: (r.due, r.id))


def _submissions(model: Model, quarter: Quarter, units: set[str] | None, loc: Locator, as_of: dt.date) -> list[Submission]:
    """What each unit filed for the quarter, as of `as_of` (an entry dated later is not
    yet there, as in every figure); an entry for a task not the unit's is marked 未计入."""
    window = model.repo.settings.report_window_days
    order = {u: i for i, u in enumerate(model.resolver.unit_names())}
    errors = Counter(f.path for f in model.repo.findings if f.severity == "error")  # (what the loader dropped, by file)
    out = []
    for rep in model.repo.progress:
        if rep.period != str(quarter):
            continue
        unit = model.resolver.canonical(rep.unit) or rep.unit
        if (units is not None and unit not in units) or unit not in model.resolver.units:
            continue  # (a file of no one unit, an unknown name or a group, counts for nobody: GK202, GK401)
        if model.ends and model.filed_after_end(unit, rep.period):
            continue  # (filed by a unit for a quarter after it ended, GK215: not counted, said on stderr)
        if model.starts and not model.owes_period(unit, rep.period):
            continue  # (… or for one ending before it was formed, GK217)
        entries = []
        later = 0
        for i, e in enumerate(rep.entries):
            if e.date > as_of:
                later += 1
                continue
            info = model.by_id.get(e.task)
            ref = EntryRef(e, rep, unit, (rep.period, e.date, i))
            evidence = [Link(x, _http(x)) for x in e.evidence]
            label = ENTRY_LABELS.get(e.status, e.status)
            if model.ends and model.entry_after_end(unit, rep.period, e.date):  # GK215: shown, not counted
                label += f"（{unit}已于 {model.ends[unit].ends_on} 撤销，未计入）"
            elif model.starts and model.entry_before_start(unit, rep.period, e.date):  # GK217: shown, not counted
                label += f"（{unit}于 {model.starts[unit]} 成立，此前的进展未计入）"
            elif info is not None and unit not in info.units and not model.carries(info, unit, e.date):  # GK403: shown, not counted (DESIGN)
                taken = next(((u, t[1]) for u in info.units if model.ends and (t := model.takeover(u, unit))), None)
                label += (f"（{taken[1]} 起才承接{taken[0]}的这项任务，此前的进展未计入）" if taken
                          else "（非本单位任务，未计入）")
            entries.append(
                SubmittedEntry(
                    task=e.task,
                    task_title=info.task.title if info else "",
                    status=label,
                    key=e.status,
                    date=e.date,
                    note=(e.note or "").strip(),
                    evidence=evidence,
                    source=Fig(e.task, (loc.entry(ref),)),
                )
            )
        submitted = rep.header.submitted_on
        late = submitted is not None and submitted > quarter.closes_on(window)
        omitted = f"{'另有' if entries else '所报'} {later} 项进展的日期在 {as_of.isoformat()} 之后，未列入。" if later else ""
        if bad := errors[rep.file]:  # dropped by the loader:
            omitted += f"该文件有 {bad} 处错误，有误的内容未计入（gk lint 会逐行指出）。"  # not "no entries" when one was written
        out.append(Submission(unit, rep.file, submitted, late, entries, omitted, _unread_date(model, rep.file) if submitted is None else ""))
    out.sort(key=lambda s: (order.get(s.unit, 1 << 20), s.unit, s.file))
    return out


def _unread_date(model: Model, file: str) -> str:
    """The submitted_on of a progress file as written, when one is written but could not be read as a date
    (GK105: counted as none); "" when none is written."""
    doc = model.repo.docs.get(file)
    data = doc.data if doc is not None else None
    written = data.get("submitted_on") if isinstance(data, dict) else None
    if isinstance(written, list):  # [2023-10-08, 2023-10-09]: as written, not as Python prints a list
        return "、".join(str(w) for w in written)
    if isinstance(written, dict):
        return "、".join(f"{k}：{v}" for k, v in written.items())
    return "" if written is None or (isinstance(written, str) and not written.strip()) else str(written).strip()


def _new_plans(before: StatusReport, after: StatusReport) -> list[NewPlan]:
    """Plans not yet in force at the previous quarter's end whose tasks this report lists: their tasks
    have no earlier state to compare (said, so that they are not taken for unchanged)."""
    out = []
    for plan in before.not_issued:
        n = sum(1 for t in after.tasks if t.info.plan is plan)
        if n:
            out.append(NewPlan(plan.title, n))
    return out


def _changes(before: StatusReport, after: StatusReport, loc: Locator) -> list[Change]:
    prev = {t.info.id: t for t in before.tasks}
    out = []
    for t in after.tasks:
        p = prev.get(t.info.id)
        if p is None or p.key == t.key:
            continue
        out.append(
            Change(
                id=t.info.id,
                title=t.info.task.title,
                lead=t.lead_label,
                before=LABELS[p.key],
                after=LABELS[t.key],
                before_key=p.key,
                after_key=t.key,
                better=RANK[t.key] > RANK[p.key],
                source=Fig(t.info.id, _merge(loc.status_sources(p), loc.status_sources(t))),
            )
        )
    out.sort(key=lambda c: (RANK[c.after_key], c.id))
    return out


def _resolve_units(model: Model, unit: str | None) -> tuple[str | None, set[str] | None, list[str]]:
    """--unit: its canonical name and concrete units; raises GkError when unknown."""
    if not unit:
        return None, None, []
    r = model.resolver.require(unit)
    return r.name or unit, set(r.units), list(r.units)


def _count_files(model: Model) -> int:
    return len(model.repo.docs)


def _meta(model: Model, kind: str, what: str, period_label: str, period: str, as_of: dt.date,
          provenance: Provenance, unit: str | None) -> tuple[Meta, set[str] | None]:
    """A report's header (for the county, or for one unit with --unit) and the units it covers.

    The title is who reports (the unit with --unit, else the county) followed by `what`."""
    name, units, members = _resolve_units(model, unit)
    county = county_of(model)
    office = office_of(model, county)
    if name and name in model.resolver.units:  # a unit signs its own report with its full name (宣汉县行政审批局); a group
        rec = model.resolver.units[name]  # is no issuing body (GB/T 9704's 发文机关): its report is the office's, signed so
        office = rec.full_name or name
    meta = Meta(
        kind=kind,
        county=county,
        office=office,
        title=f"{name or county}{what}",
        period_label=period_label,
        period=period,
        as_of=as_of,
        provenance=provenance,
        unit=name,
        unit_members=members if name and members != [name] else [],
        data_files=_count_files(model),
    )
    return meta, units


# --- the quarterly report -----------------------------------------------------------


def quarterly(model: Model, quarter: Quarter, as_of: dt.date, provenance: Provenance, unit: str | None = None) -> Report:
    """The quarterly submission (每季度上报工作开展情况) for `quarter`, judged as of `as_of`."""
    loc = Locator(model)
    meta, units = _meta(model, "quarterly", f"{quarter.label}政务公开工作开展情况报告", quarter.label, str(quarter),
                        as_of, provenance, unit)
    if not meta.unit:  # the county's submission goes up to someone; a unit's own report has no 主送 of gk's to print
        meta.to = (model.repo.settings.report.to or "").strip()
    now = _status(model, as_of, units)
    prev_day = quarter.prev().last_day
    before = _status(model, prev_day, units)
    summary = _summary(model, now, loc)
    rows = [_task_row(t, loc) for t in now.tasks]
    not_reported = st.not_reported(model, quarter, units)
    subs = _submissions(model, quarter, units, loc, as_of)
    report = Report(
        meta=meta,
        columns=columns_of(now.tasks),
        summary=summary,
        chart=_chart(summary, f"{quarter.label}任务完成情况（截至{cn_date(as_of)}）"),
        overdue=[r for r in rows if r.key == "overdue"],
        tasks=rows,
        due_on_day=_due_on(rows, as_of),
        missed=_missed(now, loc),
        submissions=subs,
        not_reported=not_reported,
        filed_units=list(dict.fromkeys(s.unit for s in subs)),
        late_submissions=list(dict.fromkeys(s.unit for s in subs if s.late)),
        changes=_changes(before, now, loc),
        new_plans=_new_plans(before, now),
        previous_label=quarter.prev().label,
        previous_as_of=prev_day,
        notes=_plan_notes(model, as_of) + _unit_notes(now),
        status=now,
    )
    report.notes += _window_open(model, quarter, provenance, not_reported)
    name = meta.unit
    if name and not not_reported and not subs:  # one unit's report, nothing filed and nothing owed: why (never 已报送)
        start = model.starts.get(name) if model.starts else None
        if model.ends and model.gone(name, quarter.first_day):
            holder = model.holder(name, quarter.first_day)
            report.not_asked = (f"{name}已于{cn_date(model.ends[name].ends_on)}撤销，不要求其报送{quarter.label}工作进度"
                                + (f"（其任务由{holder}承接并报送）。" if holder else "。"))
        elif start is not None and start > quarter.last_day:
            report.not_asked = f"{name}于{cn_date(start)}成立，不要求其报送成立之前的{quarter.label}工作进度。"
        else:
            report.not_asked = f"{name}在{quarter.label}没有需要报送进度的任务，不要求其报送该季度工作进度。"
    elif not name and not not_reported and not subs:  # nobody owed this quarter anything: never "各单位均已报送"
        ended = [pd.plan.title for pd in model.repo.plans if pd.plan.ends_on and pd.plan.ends_on < quarter.first_day]
        live = [t for t in now.tasks if not (t.info.plan.ends_on and t.info.plan.ends_on < quarter.first_day)]
        if live:  # tasks in force, but no unit they name could be read (a data error, said on stderr)
            why = "：生效的任务没有可识别的责任单位（数据有误，运行 gk lint 查看）。"
        elif ended:
            why = f"：{'、'.join(f'《{t}》' for t in ended[:3])}{'等方案' if len(ended) > 3 else ''}已结束，此后的季度不要求报送。"
        else:
            why = "（没有在该季度生效的任务）。"
        report.not_asked = f"{quarter.label}没有需要报送工作进度的单位{why}"
    if units is not None:
        report.assignments = _assignments(model, now, units, loc)
    return report


def _status(model: Model, as_of: dt.date, units: set[str] | None) -> StatusReport:
    """Status of the tasks whose plan was in force on `as_of` (st.compute leaves out a plan not yet
    in force: it has no tasks yet)."""
    return st.compute(model, as_of, units)


def _plan_notes(model: Model, as_of: dt.date) -> list[str]:
    out = []
    for pd in model.repo.plans:
        if st.plan_not_yet(pd.plan, as_of):
            why = (f"于{cn_date(pd.plan.issued_on)}印发" if pd.plan.issued_on is not None
                   else f"是{st.plan_starts(pd.plan).year}年的方案（未写发布日期）")  # type: ignore[union-attr]
            out.append(f"《{pd.plan.title}》{why}，晚于统计截止日，未计入本报告。")
    return out


def _unit_notes(now: StatusReport) -> list[str]:
    """Units abolished or merged by the day the report judges, whose work it lists: said, so that
    a reader sees where their tasks went (docs/decisions.md, 单位的撤销与合并)."""
    out = []
    for unit, ends_on, holder in now.units_ended:
        if holder is not None:
            out.append(f"{unit}已于{cn_date(ends_on)}撤销，其承担的任务由{holder}承接（写作“{holder}（承接{unit}）”），"
                       f"此前{unit}报送的进度计入承接的任务。")
        else:
            late = [t.info.id for t in now.tasks if any(a.overdue_at_end and a.unit == unit for a in t.assignments)]
            out.append(f"{unit}已于{cn_date(ends_on)}撤销，没有接续单位：其未完成的任务不再承担（写作“不再承担”），"
                       "不计入完成率与各单位承担的项次；此后的季度不再要求它报送进度。"
                       + (f"其中撤销时已逾期的任务：{'、'.join(late)}。" if late else ""))
    return out


def _assignments(model: Model, rep: StatusReport, units: set[str], loc: Locator) -> list[AssignmentRow]:
    out = []
    for t in rep.tasks:
        lead_units = t.info.lead_units or set(t.info.units[:1])  # (a lead written wrong: the first unit known, as before)
        for a in t.assignments:
            if not a.of(units):
                continue
            e = a.entry
            srcs = [loc.task(t.info)] + ([loc.entry(e)] if e else [])
            label = LABELS[a.key]
            if a.carried:  # from the successor's side, or the old unit's
                label += f"（承接{'、'.join(a.origins)}）" if a.unit in units else f"（由{a.unit}承接）"
            if len(units) > 1:  # a group's report: whose row (one a member, or the task's rows read as repeated)
                label = f"{a.unit}：{label}"
            out.append(
                AssignmentRow(
                    id=t.info.id,
                    title=t.info.task.title,
                    lead=t.lead_label,
                    # the lead's assignment, of this unit: led by it, or carried by it (not one it merely shares)
                    is_lead=bool(lead_units) and a.of(lead_units) and (bool(lead_units & units) or a.unit in units),
                    deadline=t.info.task.deadline or "",
                    due=a.due,
                    status=label,
                    key=a.key,
                    date=e.entry.date if e else None,
                    note=(e.entry.note or "").strip() if e else "",
                    source=Fig(t.info.id, tuple(srcs)),
                )
            )
    out.sort(key=lambda r: (RANK[r.key], r.due or dt.date.max, r.id))
    return out


# --- the annual report ----------------------------------------------------------------


def annual(model: Model, year: int, as_of: dt.date, provenance: Provenance, unit: str | None = None) -> Report:
    """The annual work report against every plan, and the statutory 政府信息公开工作年度报告."""
    loc = Locator(model)
    meta, units = _meta(model, "annual", f"{year}年度政务公开工作报告", f"{year}年度", str(year), as_of, provenance, unit)
    now = _status(model, as_of, units)
    summary = _summary(model, now, loc)
    rows = [_task_row(t, loc) for t in now.tasks]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    plans = []
    for pd in model.repo.plans:
        ts = [r for r in rows if r.plan == pd.plan.id]
        if not ts:
            continue
        counts = next(c for c in summary if c.level == 1 and c.plan_id == pd.plan.id)
        plans.append(
            {
                "id": pd.plan.id,
                "title": pd.plan.title,
                "issued_by": pd.plan.issued_by or "",
                "issued_on": pd.plan.issued_on,
                "file": pd.file,
                "counts": counts,
                "due_in_year": [r for r in ts if r.due is not None and first <= r.due <= last],
                "overdue": [r for r in ts if r.key == "overdue"],
            }
        )
    quarters = []
    filed_in_year: set[str] = set()
    for q in range(1, 5):
        qq = Quarter(year, q)
        if qq.last_day > as_of:  # a quarter still under way owes nothing yet (its row said all but one 未报送)
            break
        owing_all = st.not_reported(model, qq, units)
        reports = [r for r in model.repo.progress if r.period == str(qq)
                   and (units is None or (model.resolver.canonical(r.unit) or r.unit) in units)
                   and not model.filed_after_end(model.resolver.canonical(r.unit) or r.unit, r.period)  # (GK215: not counted)
                   and model.owes_period(model.resolver.canonical(r.unit) or r.unit, r.period)]  # (GK217: not counted)
        filers = {model.resolver.canonical(r.unit) or r.unit for r in reports}
        filed_in_year |= filers
        filed = len(filers)
        quarters.append(QuarterSubmissions(str(qq), qq.label, filed, filed + len(owing_all), owing_all,
                                           sorted(r.file for r in reports)))
    done_in_year = []
    for t in now.tasks:
        done_dates = [a.entry.entry.date for a in t.assignments if a.key in ("done", "done_late") and a.entry is not None]
        if t.key in ("done", "done_late") and done_dates and first <= max(done_dates) <= last:
            done_in_year.append(_task_row(t, loc))
    report = Report(
        meta=meta,
        columns=columns_of(now.tasks),
        summary=summary,
        chart=_chart(summary, f"{year}年度任务完成情况（截至{cn_date(as_of)}）"),
        overdue=[r for r in rows if r.key == "overdue"],
        due_on_day=_due_on(rows, as_of),
        missed=_missed_in_year(model, year, as_of, units, now, loc),
        tasks=rows,
        plans=plans,
        quarters=quarters,
        done_in_year=done_in_year,
        notes=_plan_notes(model, as_of) + _unit_notes(now),
        status=now,
    )
    # asked in some quarter and filed in none: the office's first call (each quarter's list says it four times)
    owed = {u for q in quarters for u in q.not_reported}
    report.never_filed = [u for u in model.resolver.unit_names() if u in owed and u not in filed_in_year]
    if quarters:  # a year's roll-up row shows who owes the latest quarter of it
        report.not_reported = quarters[-1].not_reported
        report.notes += _window_open(model, Quarter.parse(quarters[-1].quarter), provenance, report.not_reported)
    if units is not None:
        report.assignments = _assignments(model, now, units, loc)
    else:
        report.statutory = statutory(model, year, meta.county)
    return report


# --- the statutory 政府信息公开工作年度报告 -------------------------------------------


@dataclass
class Statutory:
    year: int
    title: str
    body: str
    file: str  # data/annual/<year>.yaml (expected, when missing)
    present: bool
    valid: bool
    problems: list[str]  # schema and arithmetic findings, as "file:line 信息"
    warnings: list[str]
    # those of `problems` that are section 一's text against the tables (GK611): read out of free
    # text, so said but never a refusal of --statutory
    mismatches: list[str] = field(default_factory=list)
    published_on: dt.date | None = None
    before_format: str = ""  # a year before the 2021 format: why gk gives no statutory tables (an.before_format)
    overview: list[str] = field(default_factory=list)
    problems_text: list[str] = field(default_factory=list)  # 五
    other_matters: list[str] = field(default_factory=list)  # 六
    table2: list[dict] = field(default_factory=list)
    table3: list[dict] = field(default_factory=list)
    table4: list[dict] = field(default_factory=list)
    table4_flat: list[Fig] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    appeal_columns: list[str] = field(default_factory=list)

    @property
    def published_label(self) -> str:
        return cn_date(self.published_on)


def paragraphs(text: str | None) -> list[str]:
    """Text of a section: one paragraph per non-blank line (Markdown marks kept as written)."""
    if not text:
        return []
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # a note to the writer (<!-- 待写 -->) is no paragraph
    return [line.strip() for line in text.splitlines() if line.strip()]


def statutory(model: Model, year: int, county: str) -> Statutory:
    from ..schemas import annual as an

    repo = model.repo
    docs = repo.annual_docs()
    file = next((f for f in (f"data/annual/{year}.yaml", f"data/annual/{year}.yml") if f in docs), f"data/annual/{year}.yaml")
    body = f"{county}人民政府"
    base = dict(sections=an.SECTIONS, columns=an.COLUMNS, appeal_columns=an.APPEAL_COLUMNS)
    if year < an.FIRST_YEAR:  # another format: no tables from gk, and the report says why (not “缺少年度数据”)
        return Statutory(year, f"{body}{year}年政府信息公开工作年度报告", body, file, False, False, [], [],
                         before_format=an.before_format(year), **base)
    doc = docs.get(file)
    if doc is None:  # missing, or there but unreadable (a YAML syntax error): not the same advice
        unread = [f for f in repo.findings if f.path in (f"data/annual/{year}.yaml", f"data/annual/{year}.yml")]
        problems = [f"{f.path}:{f.line} {f.code} {f.message}" for f in unread]
        return Statutory(year, f"{body}{year}年政府信息公开工作年度报告", body, unread[0].path if unread else file, bool(unread), False, problems, [], **base)
    figures, issues = an.validate(doc.data, file)
    last = None
    for f in (f"data/annual/{year - 1}.yaml", f"data/annual/{year - 1}.yml"):
        if f in docs:
            last = docs[f].data if isinstance(docs[f].data, dict) else {}  # there, but no 结转 to compare with: said
    issues += an.arithmetic(doc.data, last, year)
    if last is None and (unread := an.unread_last_year(repo.findings, year)):
        issues.append(unread)

    def where(i: an.Issue) -> str:
        return f"{file}:{repo.locate(file, i.path, i.key)[0]}"

    # warnings: often true of a real year, or worth a look, not wrong sums (a report published late
    # is still published: GK609 says to explain the delay in 六)
    # (and a carry-over last year's broken file leaves uncompared: that file's fault, said at it)
    def advisory(i: an.Issue) -> bool:
        return i.code in ("GK607", "GK608", "GK609") or i.message.startswith(an.UNCHECKED)

    problems = [f"{where(i)} {i.code} {i.message}" for i in issues if not advisory(i)]
    warnings = [f"{where(i)} {i.code} {i.message}" for i in issues if advisory(i)]
    if figures is None:
        return Statutory(year, f"{body}{year}年政府信息公开工作年度报告", body, file, True, False, problems, warnings, **base)
    body = figures.body or body

    def row_src(path: tuple) -> tuple[str, ...]:
        return (f"{file}:{repo.locate(file, path, True)[0]}",)

    p = figures.proactive
    table2 = [
        {
            "block": "第二十条第（一）项",
            "header": [lab for _, lab in an.STOCK_COLUMNS],
            "rows": [
                {"label": lab, "figs": [Fig(getattr(getattr(p, key), c), row_src(("proactive", key))) for c, _ in an.STOCK_COLUMNS]}
                for key, lab in an.STOCK_ROWS
            ],
        },
        {
            "block": "第二十条第（五）项",
            "header": ["本年处理决定数量"],
            "rows": [{"label": "行政许可", "figs": [Fig(p.licensing, row_src(("proactive", "licensing")))]}],
        },
        {
            "block": "第二十条第（六）项",
            "header": ["本年处理决定数量"],
            "rows": [
                {"label": "行政处罚", "figs": [Fig(p.penalties, row_src(("proactive", "penalties")))]},
                {"label": "行政强制", "figs": [Fig(p.coercive_measures, row_src(("proactive", "coercive_measures")))]},
            ],
        },
        {
            "block": "第二十条第（八）项",
            "header": ["本年收费金额（单位：万元）"],
            "rows": [{"label": an.FEES_LABEL, "figs": [Fig(p.fees, row_src(("proactive", "fees")))]}],
        },
    ]
    table3 = []
    group_sizes: dict[str, int] = {}
    for spec in an.REQUEST_ROWS:
        if spec.group:
            group_sizes[spec.group] = group_sizes.get(spec.group, 0) + 1
    n_results = sum(1 for s in an.REQUEST_ROWS if s.result) + 1  # + （七）总计
    seen_groups: set[str] = set()
    started_results = False
    for spec in an.REQUEST_ROWS:
        values = [Fig(v, row_src(("requests", *spec.path))) for v in figures.requests.row(spec)]
        cells: list[dict] = []  # the label cells this row opens in the official layout (3 label columns)
        if spec.key in ("received", "carried_in", "carried_out"):
            cells.append({"text": spec.label, "rowspan": 1, "colspan": 3})
        else:
            if not started_results:
                cells.append({"text": an.RESULTS_LABEL, "rowspan": n_results, "colspan": 1})
                started_results = True
            if spec.group:
                if spec.group not in seen_groups:
                    cells.append({"text": spec.group, "rowspan": group_sizes[spec.group], "colspan": 1})
                    seen_groups.add(spec.group)
                cells.append({"text": spec.label, "rowspan": 1, "colspan": 1})
            else:
                cells.append({"text": spec.label, "rowspan": 1, "colspan": 2})
        table3.append(
            {
                "key": spec.key,
                "label": spec.label,
                "group": spec.group or "",
                "full_label": spec.full_label if spec.group else spec.label,
                "result": spec.result,
                "cells": cells,
                "figs": values,
            }
        )
    table4 = []
    flat: list[Fig] = []
    for key, lab in an.APPEAL_ROWS:
        vals = [Fig(v, row_src(("appeals", key))) for v in getattr(figures.appeals, key)]
        table4.append({"key": key, "label": lab, "figs": vals})
        flat += vals
    return Statutory(
        year=year,
        title=f"{body}{year}年政府信息公开工作年度报告",
        body=body,
        file=file,
        present=True,
        valid=not problems,
        problems=problems,
        warnings=warnings,
        mismatches=[f"{where(i)} {i.code} {i.message}" for i in issues if i.code == "GK611"],
        published_on=figures.published_on,
        overview=paragraphs(figures.overview),
        problems_text=paragraphs(figures.problems),
        other_matters=paragraphs(figures.other_matters),
        table2=table2,
        table3=table3,
        table4=table4,
        table4_flat=flat,
        **base,
    )
