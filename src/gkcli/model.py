"""The resolved model: every task with its parsed deadline and concrete assignments.

Built once from a loaded `Repo` by `build()`; status, lint and reports all read it,
so a name is resolved and a deadline parsed in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import deadlines
from .findings import Finding
from .periods import quarter_of_file
from .repo import Repo, file_unit
from .record import ProgressReport
from .records import Plan, ProgressEntry, Task
from .units import Resolution, Resolver

# a file that could not be read at all (syntax, encoding, limits, anchors, tags): none of its records exist
UNREAD = frozenset({"GK101", "GK102", "GK106", "GK107", "GK108"})


@dataclass
class TaskInfo:
    task: Task
    plan: Plan
    file: str
    deadline: deadlines.Deadline | None
    deadline_error: str | None
    refs: list[Resolution]  # one per written reference (task's units, else the plan's)
    units: list[str]  # concrete assigned units, lead's first, each once
    lead: str | None  # the first reference's canonical name (a unit or a group)
    from_plan_units: bool  # the task names no unit and takes the plan's
    deadline_reason: str = ""  # DeadlineError.reason of deadline_error

    @property
    def id(self) -> str:
        return self.task.id

    @property
    def lead_units(self) -> set[str]:
        """The units of the first reference: the lead unit, or each member of a leading group (DESIGN: each
        member leads its own part)."""
        return set(self.refs[0].units) if self.refs else set()


@dataclass(slots=True)  # ~7,000 per county: a frozen dataclass's __init__ costs twice as much
class EntryRef:
    """A progress entry with where it stands in history."""

    entry: ProgressEntry
    report: ProgressReport
    unit: str  # canonical unit name of the report
    order: tuple  # (period, date, index in file): the later, the more current

    @property
    def source(self) -> str:
        return self.report.file

    @property
    def path(self) -> tuple:
        """Where the entry is in its file: its own place (entries the loader refused do not
        shift it), else its place among the accepted ones."""
        return self.entry.path or ("entries", self.order[2])


@dataclass(frozen=True)
class Ending:
    """A unit abolished or merged into another (unit.ends_on, unit.successor; docs/decisions.md,
    单位的撤销与合并): from the day after `ends_on` its assignments are carried by `successor`."""

    unit: str
    ends_on: dt.date  # its last day
    successor: str | None  # the one unit `successor:` names (not itself, not a group), else None
    written: str | None = None  # `successor:` as written (None: not written)

    @property
    def day_after(self) -> dt.date:
        """The first day its successor carries its work (9999-12-31 stays itself: no day after it)."""
        return self.ends_on + dt.timedelta(days=1) if self.ends_on < dt.date.max else self.ends_on


@dataclass
class Model:
    repo: Repo
    resolver: Resolver
    tasks: list[TaskInfo]
    by_id: dict[str, TaskInfo]
    # (task id, unit) → entries, oldest first
    history: dict[tuple[str, str], list[EntryRef]] = field(default_factory=dict)
    # task id → the units with entries for it, assigned or not (a task's `others` shows the rest)
    reporters: dict[str, list[str]] = field(default_factory=dict)
    # units with an end date, by name; empty for nearly every county (the paths below cost nothing then)
    ends: dict[str, Ending] = field(default_factory=dict)
    # ended units whose `successor:` cannot be followed (names no one unit, a group, itself, blank, or
    # goes round: GK214): their ending is not judged (their work stays theirs) until the file is put right
    lost: frozenset[str] = frozenset()
    # units with a first day (unit.starts_on, docs/decisions.md 单位的成立), by name; empty for nearly every county.
    # (A unit written to end before it starts, GK219, is not in it: its start is not judged.)
    starts: dict[str, dt.date] = field(default_factory=dict)
    _carried: dict[tuple[str, tuple[str, ...]], list[EntryRef]] = field(default_factory=dict, repr=False)
    _holders: dict[tuple[str, dt.date], str | None] = field(default_factory=dict, repr=False)

    # -- units that have ended (abolished, merged) -----------------------------------

    def gone(self, unit: str, day: dt.date) -> bool:
        """Had `unit` ended before `day` (its ends_on is its last day)?"""
        end = self.ends.get(unit)
        return end is not None and end.ends_on < day and unit not in self.lost

    def filed_after_end(self, unit: str, period: str) -> bool:
        """Is a progress file of `unit` for `period` one for a quarter starting after the unit ended
        (GK215)? Such a file is not counted: not as filed, and not its entries."""
        end = self.ends.get(unit) if self.ends else None
        return end is not None and _quarter_start(period) > end.ends_on

    def entry_after_end(self, unit: str, period: str, day: dt.date) -> bool:
        """Is an entry `unit` filed (in its file for `period`, dated `day`) one of after it ended (GK215)?
        Not counted in any figure, as the data-error notice says."""
        end = self.ends.get(unit) if self.ends else None
        return end is not None and (_quarter_start(period) > end.ends_on or day > end.ends_on)

    # -- units formed later (机构改革) ---------------------------------------------------

    def unborn(self, unit: str, day: dt.date) -> bool:
        """Was `unit` not yet formed on `day` (its starts_on is its first day)?"""
        start = self.starts.get(unit) if self.starts else None
        return start is not None and day < start

    def predecessors(self, unit: str, day: dt.date, tasks: set[str] | None = None, until: dt.date | None = None) -> list[str]:
        """The units whose `successor:` is `unit` (those it took over) in being on `day` (or some time from
        `day` to `until`: formed by then and not yet ended), in units-file order: those that report what was
        done then (none, when `unit` was formed some time after they ended). With `tasks`: of those, the
        ones assigned one of them, when any is."""
        found = [u for u, e in self.ends.items() if e.successor == unit and u not in self.lost and e.ends_on >= day
                 and not self.unborn(u, until or day)]
        if tasks:
            assigned = [u for u in found if any(u in info.units for t in tasks if (info := self.by_id.get(t)) is not None)]
            return assigned or found
        return found

    def owes_period(self, unit: str, period: str) -> bool:
        """Had `unit` been formed by the last day of `period` (2024Q1)? A quarter it was formed in is
        owed (it existed at the quarter's end, when the report is made); one ending before is not, and a
        file for it is not counted: not as filed, and not its entries (GK217)."""
        start = self.starts.get(unit) if self.starts else None
        if start is None:
            return True
        last = _quarter_end(period)
        return last is None or last >= start

    def entry_before_start(self, unit: str, period: str, day: dt.date) -> bool:
        """Is an entry `unit` filed (in its file for `period`, dated `day`) one of before it was formed
        (GK217)? Not counted in any figure, as the data-error notice says."""
        start = self.starts.get(unit) if self.starts else None
        return start is not None and (day < start or not self.owes_period(unit, period))

    def outside(self, unit: str, period: str, day: dt.date) -> bool:
        """An entry of `unit` dated `day` in its file for `period` that is not counted: filed before the unit
        was formed (GK217) or after it ended (GK215)."""
        return bool(self.ends) and self.entry_after_end(unit, period, day) or bool(self.starts) and self.entry_before_start(unit, period, day)

    def chain(self, unit: str, day: dt.date) -> tuple[str, ...]:
        """`unit`, then the successors its work passed to by `day`: each link ended before `day` and
        named the next. The last one carries the work (when it has not ended itself: `holder`). A
        successor met twice (a cycle, lint GK214) ends the chain."""
        out, seen = [unit], {unit}
        while self.gone(out[-1], day):
            nxt = self.ends[out[-1]].successor
            if nxt is None or nxt in seen:
                break
            out.append(nxt)
            seen.add(nxt)
        return tuple(out)

    def holder(self, unit: str, day: dt.date) -> str | None:
        """Who carries `unit`'s assignments on `day`: itself while it exists, then its successor (or
        theirs); None when it ended with no one to take its work over."""
        key = (unit, day)
        if key in self._holders:
            return self._holders[key]
        path, seen, cur = [], set(), unit  # (each unit's answer kept: a 3,000-unit chain asked of every unit)
        while True:
            if (cur, day) in self._holders:
                found = self._holders[(cur, day)]
                break
            if not self.gone(cur, day):
                found = cur
                break
            path.append(cur)
            seen.add(cur)
            nxt = self.ends[cur].successor
            if nxt is None or nxt in seen:  # no one took it over, or a cycle (GK214): no one carries it
                found = None
                break
            cur = nxt
        for u in path:
            self._holders[(u, day)] = found
        return found

    def carriers(self, units: list[str], day: dt.date) -> set[str]:
        """The units carrying, on `day`, the work of those of `units` that had ended."""
        out = set()
        for u in units:
            if self.gone(u, day) and (h := self.holder(u, day)) is not None:
                out.add(h)
        return out

    def chain_history(self, task_id: str, chain: tuple[str, ...]) -> list[EntryRef]:
        """An assignment's history along a chain of units: the first unit's entries, then each
        successor's dated after the one before it ended (before that, its word on the task was on
        its own assignment, not this one). Oldest first."""
        key = (task_id, chain)
        out = self._carried.get(key)
        if out is None:
            out = list(self.history.get((task_id, chain[0]), ()))
            for before, unit in zip(chain, chain[1:]):
                end = self.ends[before].ends_on
                out += [r for r in self.history.get((task_id, unit), ()) if r.entry.date > end]
            out.sort(key=lambda r: r.order)
            self._carried[key] = out
        return out

    def takeover(self, unit: str, carrier: str) -> tuple[str, dt.date] | None:
        """When `carrier` is down `unit`'s chain of successors: (the unit reporting `unit`'s work just before
        `carrier` took it over, the first day `carrier` carries it: the day after every unit before it in
        the chain ended), else None. 县扶贫开发局 → 县乡村振兴局 (ended 2024-12-31) → 县农业农村局:
        (县乡村振兴局, 2025-01-01)."""
        chain = self.chain(unit, dt.date.max)
        if carrier not in chain[1:]:
            return None
        i = chain.index(carrier)
        first = max(self.ends[u].day_after for u in chain[:i])
        return chain[i - 1], max(first, self.starts.get(carrier, first))  # (not before `carrier` was formed)

    def carries(self, info: "TaskInfo", unit: str, day: dt.date) -> str | None:
        """The unit of `info` whose assignment `unit` carries on `day` (it has ended, and `unit` is
        its successor, or theirs), else None."""
        if not self.ends:
            return None
        for u in info.units:
            if u != unit and self.gone(u, day) and self.holder(u, day) == unit:
                return u
        return None

    def require_plans(self, ids: list[str]) -> set[str]:
        """The plan ids asked for (--plan), or a GkError naming those that do not exist."""
        from .errors import GkError

        found, bad = self.find_plans(ids)
        if bad:
            raise GkError(f"找不到方案 {'、'.join(bad)}", "可用：" + " ".join(sorted(p.plan.id for p in self.repo.plans)))
        return found

    def find_plans(self, ids: list[str]) -> tuple[set[str], list[str]]:
        """(the plan ids `ids` name, those naming none), read as task ids are: PC2026 is pc2026 (ids
        equal up to case are duplicates, GK301)."""
        known = {p.plan.id for p in self.repo.plans}
        by_key: dict[str, set[str]] = {}
        for k in known:
            by_key.setdefault(k.strip().lower(), set()).add(k)
        found = {p: {p} if p in known else by_key.get(p.strip().lower(), set()) for p in ids}
        return set().union(*found.values()), [p for p, hit in found.items() if not hit]

    def filed(self, period: str) -> set[str]:
        """The units (by name) with a progress file for `period` (2023Q3)."""
        out = {self.resolver.canonical(r.unit) or r.unit for r in self.repo.progress if r.period == period}
        if self.ends:
            out = {u for u in out if not self.filed_after_end(u, period)}
        return {u for u in out if self.owes_period(u, period)} if self.starts else out

    def data_errors(self) -> list[Finding]:
        """The errors that spoil the figures: what the loader left out, deadlines that cannot
        be read (GK304: such a task is never due), and unit names that name no one unit (the
        task is short of that unit, or has none). gk lint reports these and more."""
        loaded = [f for f in self.repo.findings if f.severity == "error"]  # what the loader left out: always said
        said = {(f.path, f.line, f.col) for f in loaded}
        out: list[Finding] = []
        for info in self.tasks:
            if info.deadline_error:
                f = self.repo.finding(info.file, info.task.path + ("deadline",), "GK304", "error", info.deadline_error)
                if (f.path, f.line, f.col) not in said:  # a deadline written wrong (a list) is the loader's GK105, once
                    out.append(f)
        if any(not info.units or any(r.problem in _NAME_ERRORS for r in info.refs) for info in self.tasks) or any(
                self._misfiled(p) for p in self.repo.progress) or self._filed_twice() or self.lost:
            # said as gk lint says them, once, where lint puts them (a plan's default units once, not per task);
            # a progress file of no one unit (an unknown name, a group) counts for nobody
            from .lint.engine import lint

            out += [f for f in lint(self.repo, self, select=_SPOILING_RULES) if f.severity == "error" and f.code in _SPOILING_RULES]  # (not the loader's again)
        return loaded + (self._reported_by_lint(out) if out else out)

    def _reported_by_lint(self, errors: list[Finding]) -> list[Finding]:
        """Of the rules' errors, those gk lint reports with gk.toml's [lint]: one the office turned off
        there (ignore, a per-file-ignores for a closed quarter's file that names a task a revision took
        out, a select without it) is its decision, not an error status and reports keep saying while lint
        says “未发现问题”. (Never what the loader left out — a file or record it could not read: data
        missing from every figure is said whatever [lint] turns off.)"""
        conf = self.repo.settings.lint
        if conf is None or not (conf.select or conf.ignore or conf.per_file_ignores):
            return errors
        from .errors import GkError
        from .lint.engine import all_rules, ignored_here, per_file_codes, select_rules

        try:
            run = {r.code for r in select_rules(conf.select, conf.extend_select, conf.ignore)}
        except GkError:  # a [lint] that names no rule: lint refuses it (exit 2); nothing is taken as turned off
            return errors
        known = {r.code for r in all_rules()}
        table = per_file_codes(conf.per_file_ignores)
        return [f for f in errors if (f.code in run or f.code not in known) and not ignored_here(f.path, f.code, table)]

    def _filed_twice(self) -> bool:
        """Has a unit two progress files for one quarter (县政府办.yaml and, by an alias, 县政府办公室.yaml)?
        Both are counted (GK401 says it): the figures may be wrong, so status and reports must say so."""
        seen: set[tuple[str, str]] = set()
        for p in self.repo.progress:
            key = (self.resolver.canonical(p.unit) or p.unit, p.period)
            if key in seen:
                return True
            seen.add(key)
        return False

    def _misfiled(self, p: ProgressReport) -> bool:
        """A cheap first look for what GK401/GK404 say of a progress file: a unit that is no one
        unit, a file named for another unit, an entry dated after its quarter or its submission
        (counted by status all the same, so it must be said)."""
        canon = self.resolver.canonical(p.unit)
        if canon not in self.resolver.units:
            return True
        stem = file_unit(p.file)
        if stem != canon and stem != p.unit.strip():
            return True
        folder = quarter_of_file(p.file)  # 2023q3/, 2023年第三季度/, or a period: 2023Q4 inside 2023Q3/
        if folder is None or str(folder) != p.period.strip():
            return True
        if any(e.task not in self.by_id for e in p.entries):  # an entry for no task (GK402) counts for nothing
            return True
        if any(canon not in (info := self.by_id[e.task]).units and not self.carries(info, canon, e.date) for e in p.entries):
            return True  # an entry for a task not the unit's (GK403) counts for nobody
        last = _quarter_end(p.period)
        sub = p.header.submitted_on
        if any((last is not None and e.date > last) or (sub is not None and e.date > sub) for e in p.entries):
            return True
        # filed by a unit after it ended (GK215), or before it was formed (GK217)
        return self.filed_after_end(canon, p.period) or any(self.outside(canon, p.period, e.date) for e in p.entries) or (
            bool(self.starts) and not self.owes_period(canon, p.period))

    def unread_backbone(self) -> list[Finding]:
        """Units and plan files that could not be read at all (syntax, encoding, limits, anchors,
        tags), or lost a part to a top-level key written twice (YAML keeps the last `units:`):
        their units or tasks are missing from every figure, and nothing else shows it."""
        lost: dict[str, Finding] = {}  # one finding a file: the first
        for f in sorted(self.repo.findings):
            if f.path.startswith(("data/units/", "data/tasks/")) and (f.code in UNREAD or f.code == "GK103" and f.col == 1):
                lost.setdefault(f.path, f)
        return list(lost.values())

    def latest(self, task_id: str, unit: str, as_of: dt.date) -> EntryRef | None:
        return latest_of(self.history.get((task_id, unit), ()), as_of)


def latest_of(history, as_of: dt.date) -> EntryRef | None:
    """The entry of a (sorted) history that stands on `as_of`: the last dated on or before it."""
    best = None
    for ref in history:
        if ref.entry.date <= as_of:
            best = ref  # history is sorted; the last counting one wins
    return best


def id_key(text: str) -> str:
    """A task id as people type it: case and leading zeros do not matter (XH2023-6 is xh2023-06)."""
    return re.sub(r"(?<=[^0-9])0+(?=[0-9])", "", text.strip().lower())


# a unit name that names no one unit (GK202, GK203, GK205), and a task with no unit at all (GK201)
_NAME_ERRORS = ("unknown", "ambiguous", "cycle")
# … and a progress file filed for another unit or holding entries dated after it (GK401, GK404)
# … and a unit's successor that names no one unit or goes round, progress filed after its unit ended (GK214, GK215)
# … and progress filed before its unit was formed (GK217)
_SPOILING_RULES = ("GK201", "GK202", "GK203", "GK204", "GK205", "GK214", "GK215", "GK217", "GK401", "GK402", "GK403", "GK404")


@lru_cache(maxsize=None)
def _quarter_start(period: str) -> dt.date:
    from .periods import Quarter

    try:
        return Quarter.parse(period).first_day
    except ValueError:
        return dt.date.min


@lru_cache(maxsize=None)
def _quarter_end(period: str) -> dt.date | None:
    from .periods import Quarter

    try:
        return Quarter.parse(period).last_day
    except ValueError:
        return None


def build(repo: Repo) -> Model:
    resolver = Resolver(repo.units, repo.groups, repo.settings.county)
    tasks: list[TaskInfo] = []
    by_id: dict[str, TaskInfo] = {}
    for pd in repo.plans:
        year = deadlines.plan_year_of(pd.plan.issued_on, pd.plan.id, pd.plan.title)
        for t in pd.tasks:
            dl, err, why = None, None, ""
            if t.deadline is not None and t.deadline.strip():
                try:
                    # 即日起30日内, 本方案印发后2个月内，长期坚持: from the plan's issue day, which the parser does not know
                    dl = deadlines.from_issue(t.deadline, pd.plan.issued_on) or deadlines.parse(t.deadline, year)
                except deadlines.DeadlineError as e:
                    err, why = str(e), e.reason
                    if year is None and not why and deadlines.needs_a_year(t.deadline):  # 6月底前建立制度 in a plan with no year
                        why = "no_year"
            else:  # never due, never overdue: as much a hole in the plan as an unreadable one (GK304)
                err = "缺少完成时限 deadline：这项任务永远不会显示已逾期"
            written = t.units if t.units else (pd.plan.units or [])
            units, refs = resolver.expand_all(written)
            lead = None
            if refs:
                lead = refs[0].name or refs[0].ref
            info = TaskInfo(t, pd.plan, pd.file, dl, err, refs, units, lead, not t.units and bool(pd.plan.units), why)
            tasks.append(info)
            by_id.setdefault(t.id, info)
    ends = _endings(resolver)
    if ends:
        _drop_ended_members(tasks, ends)
    starts = _starts(resolver)
    if starts:
        _drop_unborn_members(tasks, starts)
    model = Model(repo, resolver, tasks, by_id, ends=ends, lost=_lost(ends), starts=starts)
    outside = bool(ends or starts)
    for report in repo.progress:
        unit = resolver.canonical(report.unit) or report.unit
        for i, e in enumerate(report.entries):
            if outside and model.outside(unit, report.period, e.date):
                continue  # filed by a unit after it ended (GK215) or before it was formed (GK217): not counted, as every command says
            ref = EntryRef(e, report, unit, (report.period, e.date, i))
            refs = model.history.get((e.task, unit))
            if refs is None:
                refs = model.history[e.task, unit] = []
                model.reporters.setdefault(e.task, []).append(unit)
            refs.append(ref)
    for refs in model.history.values():
        refs.sort(key=lambda r: r.order)
    return model


def _endings(resolver: Resolver) -> dict[str, Ending]:
    """The units with an end date (unit.ends_on), with the one unit their `successor:` names."""
    out = {}
    for name, u in resolver.units.items():
        if u.ends_on is None:
            continue
        succ = None
        if u.successor is not None:
            r = resolver.resolve(u.successor)
            if r.ok and not r.is_group and r.name != name:
                succ = r.name
        out[name] = Ending(name, u.ends_on, succ, u.successor)
    return out


def _starts(resolver: Resolver) -> dict[str, dt.date]:
    """The units with a first day (unit.starts_on), but not one written to end before it starts (GK219):
    which of the two dates is wrong is not known, so its start is not judged (its ending still is)."""
    return {name: u.starts_on for name, u in resolver.units.items()
            if u.starts_on is not None and (u.ends_on is None or u.starts_on <= u.ends_on)}


def _lost(ends: dict[str, Ending]) -> frozenset[str]:
    """The ended units whose `successor:` is written but cannot be followed: it names no one unit (or a
    group, or the unit itself, or is blank), or the units go round (GK214). Their ending is not judged:
    their work is not carried by anyone, nor dropped as 不再承担 (docs/decisions.md)."""
    out = {u for u, e in ends.items() if e.written is not None and e.successor is None}
    for cycle in successor_cycles(ends):
        out.update(cycle)
    return frozenset(out)


def successor_cycles(ends: dict[str, Ending]) -> list[list[str]]:
    """The units whose successors go round (A → B → A), each cycle in successor order. One walk over all
    units, each unit met once (a 10,000-unit chain took minutes, walked again from every unit)."""
    state: dict[str, int] = {}  # 1 on the walk being made, 2 done
    cycles = []
    for start in ends:
        path: list[str] = []
        cur: str | None = start
        while cur is not None and cur in ends and cur not in state:
            state[cur] = 1
            path.append(cur)
            cur = ends[cur].successor
        if cur is not None and state.get(cur) == 1:
            cycles.append(path[path.index(cur):])
        for u in path:
            state[u] = 2
    return cycles


def plan_starts(plan: Plan) -> dt.date | None:
    """The first day a plan is in force: its issue day; with none, January 1 of the year its title or id
    names (pc2026: 2026-01-01, the year its undated deadlines fall in), so that a plan written
    without issued_on does not count in earlier quarters' figures; None when neither is known."""
    if plan.issued_on is not None:
        return plan.issued_on
    year = deadlines.plan_year_of(None, plan.id, plan.title)
    return dt.date(year, 1, 1) if year else None


def _drop_ended_members(tasks: list[TaskInfo], ends: dict[str, Ending]) -> None:
    """A plan in force only after a unit ended does not give it work through a group (各部门, a
    kind): the unit was no longer among them. Named by itself, it keeps the assignment (its
    successor carries it; lint GK216 says so)."""
    for info in tasks:
        start = plan_starts(info.plan)
        if start is None or not any(u in ends and ends[u].ends_on < start for u in info.units):
            continue
        named = {r.name for r in info.refs if r.ok and not r.is_group}
        info.units = [u for u in info.units if not (u in ends and ends[u].ends_on < start) or u in named]


def _drop_unborn_members(tasks: list[TaskInfo], starts: dict[str, dt.date]) -> None:
    """A plan in force before a unit was formed (机构改革: a new 局) does not give it work through a group
    (各部门, a kind): the unit was not among them then, and is not asked for what was due before it
    existed. The work of the units it took over comes to it through their `successor:`. Named by
    itself, it keeps the assignment (the plan says so). A plan with no known first day is an old one."""
    for info in tasks:
        if not any(u in starts for u in info.units):
            continue
        start = plan_starts(info.plan)
        late = [u for u in info.units if u in starts and (start is None or start < starts[u])]
        if not late:
            continue
        named = {r.name for r in info.refs if r.ok and not r.is_group}
        kept = [u for u in info.units if u not in late or u in named]
        if kept:  # (a group of new units alone keeps them: a task of no unit at all would be a GK201 it is not)
            info.units = kept


def lost_file(f: Finding) -> str:
    """One file of Model.unread_backbone, said: where, what befell it, and whose records it held."""
    how = "有重复的键，前面的部分被丢掉" if f.code == "GK103" else "无法读取"
    what = "单位" if f.path.startswith("data/units/") else "方案与任务"
    return f"{f.path} {how}，其中的{what}不全（第 {f.line} 行 {f.code}：{f.message}）"


def errors_caveat(errors: list[Finding]) -> str:
    """What the data errors' sentence adds after “相关记录未计入…”: records counted as written, or
    deadlines taken as none (gk status, gk report, gk export say it alike)."""
    # a misfiled progress file or an entry dated after its quarter (GK401, GK404) is counted as written;
    # of a key written twice (GK103) the last one is read; a record with an unknown key the figures do not
    # depend on (notes:, an extra dedline:) is counted without it (GK104)
    ways = [w for w, codes in (("按原样计入", ("GK401", "GK404", "GK103", "GK104")),
                               # a record kept without its wrong field (repo.salvage), a file without its wrong submitted_on
                               ("去掉写错的字段后计入", ("GK105",))) if any(f.code in codes for f in errors)]
    counted = f"或{'、或'.join(ways)}（结果可能不准）" if ways else ""
    undated = "（无法识别的完成时限按无期限计）" if any(f.code == "GK304" for f in errors) else ""
    return counted + undated


def units_first(errors: list[Finding]) -> list[Finding]:
    """Data errors in the order they are said: the units file's first (a successor that cannot be
    followed, GK214, changes who owes what), then by file and line."""
    return sorted(errors, key=lambda f: (not f.path.startswith("data/units/"), f))


def backbone_problem(model: Model) -> str | None:
    """Why this county's figures cannot be trusted at all (a units or plan file not read), or None."""
    lost = model.unread_backbone()
    if not lost and model.tasks and not model.resolver.unit_names():  # no units file, or one listing none
        return "没有任何单位（data/units/ 下没有单位文件，或其中没有单位）：所有任务都没有责任单位"
    if not lost:
        return None
    more = f"；另有 {len(lost) - 1} 个文件也是这样" if len(lost) > 1 else ""
    return f"{lost_file(lost[0])}{more}"
