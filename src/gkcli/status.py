"""Status of every (task, unit) assignment and every task as of a date D.

A pure function of the resolved model and D (DESIGN.md, "Status"). The order
below is the "worst first" order of DESIGN.md; an ongoing (长期) assignment is
`ongoing` with `reported` true or false, which sit at two places in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .clock import FIRST_DAY
from .model import EntryRef, Model, TaskInfo, latest_of, plan_starts  # noqa: F401 (plan_starts: st.plan_starts, as ever)
from .periods import Quarter, reporting_period
from .records import Plan

if TYPE_CHECKING:
    from .deadlines import Deadline

# internal ranks: ongoing splits into its unreported and reported places
ORDER = [
    "overdue",
    "due_soon",
    "blocked",
    "ongoing:unreported",
    "not_started",
    "in_progress",
    "done_late",
    "done",
    "ongoing:reported",
    "as_needed",
    "unit_ended",  # no longer owed: the unit was abolished with no successor (after all the others: owed by no one)
]
RANK = {s: i for i, s in enumerate(ORDER)}

LABELS = {
    "overdue": "已逾期",
    "due_soon": "临期",
    "blocked": "受阻",
    "ongoing:unreported": "长期·未报告",
    "not_started": "未启动",
    "in_progress": "推进中",
    "done_late": "逾期完成",
    "done": "已完成",
    "ongoing:reported": "长期·已报告",
    "as_needed": "适时",
    "unit_ended": "不再承担",
}
# statuses shown only where they occur (a table's column, a sheet's): the others always are
OPTIONAL = ("unit_ended",)
# a progress entry's own status (what a unit wrote), in Chinese
ENTRY_LABELS = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "blocked": "受阻"}
# for --state: codes, their Chinese labels, and the short forms people type
STATE_ALIASES = {
    **{k: k for k in ORDER},
    **{v: k for k, v in LABELS.items()},
    "ongoing": "ongoing",
    "长期": "ongoing",
    "unreported": "ongoing:unreported",
    "reported": "ongoing:reported",
    "未报告": "ongoing:unreported",
    "已报告": "ongoing:reported",
    "逾期": "overdue",  # the short forms people type
    "未开始": "not_started",
    # not a status: a recurring task some unit did not do in its previous round (judged on this round)
    "missed": "missed",
    "上一期未完成": "missed",
    "已撤销": "unit_ended",
    "单位已撤销": "unit_ended",
}
# a word for several statuses: 完成 is both kinds of done (逾期完成 is done too)
# several statuses at once: 完成 (on time or late); 未完成, what a unit still owes (a 长期 task is never done: not in it)
STATE_GROUPS = {"完成": ("done", "done_late"), "未完成": ("overdue", "due_soon", "blocked", "not_started", "in_progress")}
DONE = ("done", "done_late", "ongoing:reported")


def code(rank_key: str) -> str:
    """The stable English code of a status (`ongoing:reported` → `ongoing`)."""
    return rank_key.split(":")[0]


@dataclass
class AssignmentStatus:
    unit: str
    key: str  # a key of ORDER
    due: dt.date | None
    entry: EntryRef | None
    # a recurring assignment whose previous occurrence ended without a done entry: its status is
    # this occurrence's (DESIGN), but that the last one was missed must not vanish with it
    missed: dt.date | None = None  # that occurrence's due day
    # units that have ended (docs/decisions.md, 单位的撤销与合并): `unit` carries the assignments made to
    # `origins` (with its own, when it has one: one unit, one assignment); or `unit` itself had ended on
    # `ended_on`, with no one to carry its work
    origins: tuple[str, ...] = ()
    ended_on: dt.date | None = None
    # no longer owed (unit_ended), but already overdue when the unit ended: due on or before its last day
    # and not done (docs/decisions.md: said, never hidden among the rest)
    overdue_at_end: bool = False

    @property
    def code(self) -> str:
        return code(self.key)

    @property
    def carried(self) -> bool:
        """Does a unit in being carry the work of one that ended?"""
        return bool(self.origins) and self.ended_on is None

    def of(self, units: set[str]) -> bool:
        """Is this the assignment of one of `units`, or carries it one of theirs (--unit names either)?"""
        return self.unit in units or any(u in units for u in self.origins)

    @property
    def label(self) -> str:
        """The unit as shown: 县文广旅局（承接县文体旅游局）, 县创卫办（已撤销）, else its name."""
        if self.carried:
            return f"{self.unit}（承接{'、'.join(self.origins)}）"
        if self.ended_on is not None:
            return f"{self.unit}（已撤销）"
        return self.unit

    @property
    def reported(self) -> bool | None:
        return self.key == "ongoing:reported" if self.key.startswith("ongoing") else None

    @property
    def done(self) -> bool:
        """Counted as done in "N/M 单位完成": done, done late, a 长期 task reported, or an 适时 one
        whose latest word is done (it stays 适时, DESIGN; but 0/1 after the unit said 已完成 reads false)."""
        return self.key in DONE or (self.key == "as_needed" and self.entry is not None and self.entry.entry.status == "done")


@dataclass
class TaskStatus:
    info: TaskInfo
    key: str
    due: dt.date | None
    assignments: list[AssignmentStatus]
    days: int | None  # due − D: negative when overdue
    # latest entries (dated ≤ D) of units the task does not assign, when its `others` names
    # an open-ended tail (等县级有关部门): shown, not counted (DESIGN)
    others: list[EntryRef] = field(default_factory=list)
    lead_row: AssignmentStatus | None = None  # the lead unit's assignment, when that unit has ended

    @property
    def code(self) -> str:
        return code(self.key)

    @property
    def lead(self) -> str | None:
        """The lead's name: the unit carrying the lead's work once the lead unit has ended."""
        return self.lead_row.unit if self.lead_row is not None else self.info.lead

    @property
    def lead_label(self) -> str:
        """The lead as shown: 县文广旅局（承接县文体旅游局）, 县创卫办（已撤销）, or （无）."""
        if self.lead_row is None:
            return self.info.lead or "（无）"
        if self.lead_row.carried:
            return f"{self.lead_row.unit}（承接{self.info.lead}）"
        return f"{self.info.lead}（已撤销）"

    @property
    def done(self) -> int:
        return sum(a.done for a in self.assignments)

    @property
    def total(self) -> int:
        """The assignments owed: one no longer owed (its unit abolished, no successor) is not counted."""
        return sum(a.key != "unit_ended" for a in self.assignments)

    @property
    def overdue_at_end(self) -> bool:
        """No longer owed, but some part of it was already overdue when its unit ended."""
        return any(a.overdue_at_end for a in self.assignments)

    @property
    def missed(self) -> list[AssignmentStatus]:
        """The assignments of a recurring task that missed its previous occurrence."""
        return [a for a in self.assignments if a.missed is not None]

    @property
    def reported(self) -> bool | None:
        return self.key == "ongoing:reported" if self.key.startswith("ongoing") else None


@dataclass
class StatusReport:
    as_of: dt.date
    period: Quarter  # the reporting period of as_of
    tasks: list[TaskStatus]
    not_reported: list[str] = field(default_factory=list)
    not_issued: list[Plan] = field(default_factory=list)  # plans issued after as_of: their tasks left out, as in gk report
    ended: list[Plan] = field(default_factory=list)  # plans of listed tasks whose ends_on is before as_of
    # units that had ended by as_of with work in the listed tasks: (unit, its ends_on, who carries it or None)
    units_ended: list[tuple[str, dt.date, str | None]] = field(default_factory=list)


def assignment_status(model: Model, info: TaskInfo, unit: str, as_of: dt.date, due_soon_days: int) -> AssignmentStatus:
    """The status of `unit`'s assignment of `info` as of `as_of`: carried by its successor, or no
    longer owed, once the unit has ended (docs/decisions.md, 单位的撤销与合并)."""
    if model.ends and model.gone(unit, as_of):
        return _ended_assignment(model, info, unit, as_of, due_soon_days)
    return _judge(model, info, unit, as_of, due_soon_days, model.history.get((info.id, unit), ()))


def _ended_assignment(model: Model, info: TaskInfo, unit: str, as_of: dt.date, due_soon_days: int) -> AssignmentStatus:
    """The assignment of a unit that ended before `as_of`. Its successor (or theirs) carries it, judged
    on the whole history (the old unit's entries, then the successor's after the end). With no one
    to carry it, what was done stays done, and a 长期 task's report is still owed for a quarter the
    unit was in being; the rest is no longer owed (不再承担), not overdue."""
    chain = model.chain(unit, as_of)
    last = chain[-1]
    a = _judge(model, info, last, as_of, due_soon_days, model.chain_history(info.id, chain))
    if last != unit:
        a.origins = chain[:-1]  # every unit the work passed through, oldest first
    if not model.gone(last, as_of):
        return a
    end = model.ends[last].ends_on
    a.ended_on = end
    dl = info.deadline
    if dl is not None and dl.kind == "ongoing":
        if _ongoing_period(info, as_of).first_day <= end:
            return a
    elif a.key in ("done", "done_late"):
        return a
    a.overdue_at_end = dl is not None and dl.kind != "ongoing" and a.due is not None and a.due <= end
    a.key, a.missed = "unit_ended", None
    return a


def _judge(model: Model, info: TaskInfo, unit: str, as_of: dt.date, due_soon_days: int, hist) -> AssignmentStatus:
    """An assignment's status from its history `hist` (oldest first)."""
    dl = info.deadline
    latest = latest_of(hist, as_of)
    entry = latest.entry if latest else None
    state = entry.status if entry else "not_started"
    if dl is None:  # no or unreadable deadline: progress alone
        return AssignmentStatus(unit, state, None, latest)
    if dl.kind == "as_needed":
        return AssignmentStatus(unit, "blocked" if state == "blocked" else "as_needed", None, latest)
    if dl.kind == "ongoing":
        if state == "blocked":
            return AssignmentStatus(unit, "blocked", None, latest)
        period = _ongoing_period(info, as_of)
        reported = any(period.first_day <= r.entry.date <= as_of for r in hist)
        # no report is owed for a quarter before the plan, nor by a unit for one ending before it was formed
        if not reported and (_plan_after(info, period) or model.unborn(unit, period.last_day)):
            return AssignmentStatus(unit, "not_started", None, latest)
        return AssignmentStatus(unit, "ongoing:reported" if reported else "ongoing:unreported", None, latest)
    if dl.kind == "recurring":
        start = _owed_from(info)
        if model.starts and (formed := model.starts.get(unit)) is not None and (start is None or formed > start):
            start = formed  # a unit formed later owes the rounds from the period it was formed in
        owed = dl.owed_from(start) if start is not None else None  # the first due day the plan owes
        first, due = dl.occurrence(occurrence_day(info, as_of))
        if owed is not None and due < owed:  # a 2024 plan issued in December 2023 owes 2024's
            first, due = dl.occurrence(owed)
        missed = _missed(hist, dl, first, owed)
        if due < as_of:  # only once the plan has ended: its last occurrence is past
            return _last_occurrence(hist, unit, first, due, as_of, missed)
        # an earlier occurrence's word is not this one's, but a blockage stands until the unit says
        # otherwise (as for a 长期 task): its note is what the office must see
        if latest is not None and latest.entry.date < first and state != "blocked":
            latest, entry, state = None, None, "not_started"
        if state == "done":
            return AssignmentStatus(unit, "done", due, latest, missed)
        if (due - as_of).days <= window(dl, due_soon_days):
            return AssignmentStatus(unit, "due_soon", due, latest, missed)
        return AssignmentStatus(unit, state, due, latest, missed)
    # a fixed date or a window
    due = dl.due
    assert due is not None
    if state == "done":
        assert entry is not None
        return AssignmentStatus(unit, "done" if entry.date <= due else "done_late", due, latest)
    if due < as_of:
        return AssignmentStatus(unit, "overdue", due, latest)
    if (due - as_of).days <= due_soon_days:
        return AssignmentStatus(unit, "due_soon", due, latest)
    return AssignmentStatus(unit, state, due, latest)


def occurrence_day(info: TaskInfo, as_of: dt.date) -> dt.date:
    """The day whose occurrence a recurring task is judged on: `as_of`, or the plan's last day
    (`ends_on`) once it has passed. The occurrence holding that day, not the last one due by it:
    the one judged on ends_on stays the one judged after (status never steps back a round), and
    a round due after its period (每季度结束后10个工作日内) keeps the plan's last quarter."""
    ends = info.plan.ends_on
    return max(ends, FIRST_DAY) if ends is not None and ends < as_of else as_of  # (0001-01-01: no round before it)


def last_period(ends_on: dt.date) -> Quarter:
    """The last reporting period a plan ending on `ends_on` asks an ongoing task's report for: the
    last quarter ending on or before that day."""
    return reporting_period(max(ends_on, FIRST_DAY) + dt.timedelta(days=1))


def _plan_after(info: TaskInfo, period: Quarter) -> bool:
    """Did the task's plan come into force after `period` ended? (issued 2024-05-10: nothing is
    owed for 2024Q1, the period judged until 2024-07-01, as 未报送 owes nothing for it either.)"""
    start = plan_starts(info.plan)
    return start is not None and start > period.last_day


def _ongoing_period(info: TaskInfo, as_of: dt.date) -> Quarter:
    """The reporting period an ongoing task is judged for: that of `as_of`, but none ending after
    the plan's `ends_on` (the plan asks for no report after it)."""
    ends = info.plan.ends_on
    if ends is not None and ends < as_of:
        return min(reporting_period(as_of), last_period(ends))
    return reporting_period(as_of)


def _last_occurrence(hist, unit: str, first: dt.date, due: dt.date, as_of: dt.date,
                     missed: dt.date | None) -> AssignmentStatus:
    """A recurring task's last occurrence, past when its plan has ended: judged as a one-off task due
    that day. Done when its entry on the due day is a done inside it (a later word, for a plan no
    longer in force, does not undo it); done late when a done came after; else overdue."""
    on_time = latest_of(hist, due)
    if on_time is not None and on_time.entry.status == "done" and on_time.entry.date >= first:
        return AssignmentStatus(unit, "done", due, on_time, missed)
    latest = latest_of(hist, as_of)
    if latest is not None and latest.entry.date < first:  # an earlier occurrence's word
        latest = None
    if latest is not None and latest.entry.status == "done":
        return AssignmentStatus(unit, "done_late", due, latest, missed)
    return AssignmentStatus(unit, "overdue", due, latest, missed)


def window(dl: "Deadline", due_soon_days: int) -> int:
    """How many days before its due day a task is 临期: due_soon_days, but for a monthly task at most
    10 days (a third of its period): it would otherwise be 临期 always. (A quarter's third is 30 days,
    the default window: longer periods need no cap.)"""
    if dl.kind == "recurring" and dl.every == "month":
        return min(due_soon_days, 10)
    return due_soon_days


def plan_not_yet(plan: Plan, day: dt.date) -> str | None:
    """Why `plan` is not yet in force on `day` (said when its tasks are left out), or None."""
    start = plan_starts(plan)
    if start is None or start <= day:
        return None
    if plan.issued_on is not None:
        return f"于 {plan.issued_on} 印发"
    return f"是 {start.year} 年的方案（未写发布日期 issued_on，按 {start} 起算）"


def _owed_from(info: TaskInfo) -> dt.date | None:
    """From when a plan's recurring tasks are owed: its issue day, or the first day of the year it
    is for when that is later (yd2024 issued 2023-12-20, or no issue day: 2024-01-01)."""
    from .deadlines import plan_year_of

    issued = info.plan.issued_on
    year = plan_year_of(issued, info.plan.id, info.plan.title)
    start = dt.date(year, 1, 1) if year else None
    if issued is None or (start is not None and start > issued):
        return start
    return issued + dt.timedelta(days=1)  # a round due the day the plan is issued is not owed (issued on 03-31: Q2 on)


def _missed(hist, dl: "Deadline", first: dt.date, owed: dt.date | None) -> dt.date | None:
    """The due day of the occurrence before the one starting `first`, when it was owed (due
    on or after `owed`, the first due day of the plan) and it ended not done (judged as the
    current one is, on its due day: the latest entry then is a done dated inside it); else None."""
    before_first, before_due = dl.occurrence(first - dt.timedelta(days=1))
    if owed is not None and before_due < owed:
        return None  # the plan came after it (a 2023 plan owes nothing for 2022)
    last = latest_of(hist, before_due)  # a done later taken back does not count
    if last is not None and last.entry.status == "done" and last.entry.date >= before_first:
        return None
    return before_due


def task_status(model: Model, info: TaskInfo, as_of: dt.date, due_soon_days: int, units: set[str] | None = None) -> TaskStatus:
    lead_row = None
    if model.ends and any(model.gone(u, as_of) for u in info.units):
        # an ended unit's assignment is its successor's now: --unit names either (the old name still reads)
        rows = _one_each([assignment_status(model, info, u, as_of, due_soon_days) for u in info.units])
        order = {u: i for i, u in enumerate(model.resolver.unit_names())}
        for a in rows:  # oldest first, whatever order the task names them in (by their end, then the units file)
            if len(a.origins) > 1:
                a.origins = tuple(sorted(a.origins, key=lambda u: (model.ends[u].ends_on, order.get(u, 1 << 20), u)))
        lead = info.refs[0].name if info.refs and not info.refs[0].is_group else None
        if lead in model.ends and model.gone(lead, as_of):
            lead_row = next((a for a in rows if a.of({lead})), None)  # type: ignore[arg-type]
        if units is not None:
            rows = [a for a in rows if a.of(units)]
    else:
        assigned = [u for u in info.units if units is None or u in units]
        rows = [assignment_status(model, info, u, as_of, due_soon_days) for u in assigned]
    due = rows[0].due if rows else _due(info, as_of)
    if rows:
        key = min((a.key for a in rows), key=RANK.__getitem__)
    else:  # no concrete unit (a lint error): judge the deadline alone
        key = _bare_key(info, as_of, due_soon_days)
    days = (due - as_of).days if due and key != "unit_ended" else None  # (no longer owed: no days over or left)
    return TaskStatus(info, key, due, rows, days, _others(model, info, as_of, units, rows), lead_row)


def _one_each(rows: list[AssignmentStatus]) -> list[AssignmentStatus]:
    """One unit, one assignment (as DESIGN's unit named directly and through a group): a successor's own
    assignment and those it carries of units that ended (or the work of two units merged into one) are
    one row, in the place of the first, with the worst status of them (an unfinished part is not hidden
    by a finished one)."""
    at: dict[str, int] = {}
    out: list[AssignmentStatus] = []
    for a in rows:
        i = at.get(a.unit) if a.ended_on is None else None
        if i is None:
            if a.ended_on is None:
                at[a.unit] = len(out)
            out.append(a)
            continue
        b = out[i]
        worst = b if RANK[b.key] <= RANK[a.key] else a
        out[i] = replace(worst, origins=tuple(dict.fromkeys(b.origins + a.origins)), missed=b.missed or a.missed)
    return out


def _others(model: Model, info: TaskInfo, as_of: dt.date, units: set[str] | None, rows: list[AssignmentStatus]) -> list[EntryRef]:
    if not info.task.others:
        return []
    carrying = {a.unit for a in rows if a.carried}  # (a successor's word on the work it took over is no outsider's)
    out = []
    for u in model.reporters.get(info.id, ()):
        # a concrete unit only: a file from an unknown name or a group (GK202, GK401) is no unit's word
        if u not in info.units and u not in carrying and u in model.resolver.units and (units is None or u in units):
            ref = model.latest(info.id, u, as_of)
            if ref is not None:
                out.append(ref)
    return out


def _due(info: TaskInfo, as_of: dt.date) -> dt.date | None:
    dl = info.deadline
    if dl is None:
        return None
    if dl.kind == "recurring":
        return dl.occurrence(occurrence_day(info, as_of))[1]
    return dl.due


def _bare_key(info: TaskInfo, as_of: dt.date, due_soon_days: int) -> str:
    dl = info.deadline
    due = _due(info, as_of)
    if dl is None:
        return "not_started"
    if dl.kind == "ongoing":
        return "not_started" if _plan_after(info, _ongoing_period(info, as_of)) else "ongoing:unreported"
    if dl.kind == "as_needed":
        return "as_needed"
    assert due is not None
    if due < as_of:
        return "overdue"
    if (due - as_of).days <= window(dl, due_soon_days):
        return "due_soon"
    return "not_started"


def compute(model: Model, as_of: dt.date, units: set[str] | None = None, plans: set[str] | None = None) -> StatusReport:
    """Every task's status as of `as_of` (worst first), and who has not reported.

    With `units`, only those units' assignments count (and tasks they have none in drop out);
    with `plans`, only those plans' tasks (and only units they assign can owe a report)."""
    days = model.repo.settings.due_soon_days
    out = []
    later: dict[int, Plan] = {}
    ended: dict[int, Plan] = {}
    for info in model.tasks:
        if units is not None and not units.intersection(info.units) and not (
                model.ends and units.intersection(model.carriers(info.units, as_of))):
            continue
        if plans is not None and info.plan.id not in plans:
            continue
        if plan_not_yet(info.plan, as_of):  # not yet a plan that day
            later[id(info.plan)] = info.plan
            continue
        if info.plan.ends_on is not None and info.plan.ends_on < as_of:
            ended[id(info.plan)] = info.plan
        out.append(task_status(model, info, as_of, days, units))
    out.sort(key=lambda s: (RANK[s.key], s.days if s.days is not None else 1 << 30, s.info.id))
    period = reporting_period(as_of)
    return StatusReport(as_of, period, out, not_reported(model, period, units, plans), list(later.values()),
                        list(ended.values()), _units_ended(model, out, as_of) if model.ends else [])


def _units_ended(model: Model, tasks: list[TaskStatus], as_of: dt.date) -> list[tuple[str, dt.date, str | None]]:
    """The units that had ended by `as_of` and had work in `tasks`, in units-file order: (unit, its
    last day, the unit carrying its work or None)."""
    seen = {u for t in tasks for a in t.assignments for u in (*a.origins, a.unit if a.ended_on is not None else None) if u is not None}
    return [(u, model.ends[u].ends_on, model.holder(u, as_of)) for u in model.resolver.unit_names() if u in seen]


def not_reported(model: Model, period: Quarter, units: set[str] | None = None, plans: set[str] | None = None) -> list[str]:
    """Units owing a progress file for `period` (DESIGN.md, 未报送), in units-file order."""
    owing: set[str] = set()
    for info in model.tasks:
        if plans is not None and info.plan.id not in plans:
            continue
        if plan_not_yet(info.plan, period.last_day):
            continue
        ends = info.plan.ends_on
        if ends is not None and ends < period.first_day:  # the plan had ended: it asks nothing for the period
            continue
        if model.ends:  # a unit ended before the quarter owes nothing for it; its successor owes its part
            owing.update(u if not model.gone(u, period.first_day) else model.holder(u, period.first_day) for u in info.units)
        else:
            owing.update(info.units)
    owing.discard(None)  # type: ignore[arg-type]
    if model.starts:  # nor does a unit formed after the quarter ended (a successor formed later: no one, meanwhile)
        owing = {u for u in owing if not model.unborn(u, period.last_day)}
    filed = model.filed(str(period))
    names = [u for u in model.resolver.unit_names() if u in owing and u not in filed]
    return [u for u in names if units is None or u in units]
