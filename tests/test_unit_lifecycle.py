"""Units abolished or merged (unit.ends_on, unit.successor; docs/decisions.md, 单位的撤销与合并).

tests/lifecycle/ is the worked example of the docs: in a 2024 reform 县粮食局 is merged into 县发改局
(its successor) on 2024-03-31, and 县创卫办 is abolished on 2024-06-30 with no successor.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, run_gk
from gkcli import status as st
from gkcli.errors import GkError
from gkcli.lint import engine
from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.reports import data as rd
from gkcli.reports import publish
from gkcli.reports.provenance import Provenance
from gkcli.status_view import table_text, to_json
from gkcli.write import export
from gkcli.write import progress as wp

HERE = Path(__file__).parent
EXAMPLE = HERE / "lifecycle"
SAMPLE = ROOT / "examples" / "sample-xuanhan"
PROV = Provenance("0123abcdef", False, "test")
D = dt.date


@pytest.fixture(scope="module")
def model():
    return build(load(EXAMPLE, cache=False))


def _task(report: st.StatusReport, tid: str) -> st.TaskStatus:
    return next(t for t in report.tasks if t.info.id == tid)


def _rows(t: st.TaskStatus) -> list[tuple]:
    return [(a.unit, a.key, a.origins, a.ended_on) for a in t.assignments]


# --- nothing changes up to the end date ------------------------------------------------------------------


def _copy(src: Path, dst: Path) -> None:
    """A data repo's own files (gk.toml, data/, templates/, evidence/): not the rest of this project's checkout."""
    dst.mkdir()
    for name in ("gk.toml", "data", "templates", "evidence"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dst / name, ignore=shutil.ignore_patterns(".gk"))
        elif (src / name).is_file():
            shutil.copy(src / name, dst / name)


def _without_endings(src: Path, dst: Path) -> Path:
    """A copy of a data repo with every unit's ends_on and successor taken out."""
    _copy(src, dst)
    for p in (dst / "data" / "units").glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        p.write_text(re.sub(r"(?m)^\s*(?:ends_on|successor):.*\n", "", text), encoding="utf-8")
    return dst


def _with_ending(src: Path, dst: Path, unit: str, ends_on: str, successor: str | None) -> Path:
    """A copy of a data repo where `unit` (written block style, `- name: X`) ends on `ends_on`."""
    _copy(src, dst)
    p = dst / "data" / "units" / "units.yaml"
    text = p.read_text(encoding="utf-8")
    head = f"  - name: {unit}\n"
    assert text.count(head) == 1
    extra = f"    ends_on: {ends_on}\n" + (f"    successor: {successor}\n" if successor else "")
    p.write_text(text.replace(head, head + extra), encoding="utf-8")
    return dst


def _everything(root: Path, day: dt.date, quarter: Quarter) -> dict[str, str]:
    """What a user sees of a repo as of `day`: status (JSON, table, per unit), the quarterly report
    (Markdown, HTML), the 台账 rows and per-unit summary, and not_reported."""
    m = build(load(root, cache=False))
    out: dict[str, str] = {}
    rep = st.compute(m, day)
    out["json"] = to_json(rep, m.repo)
    out["table"] = table_text(m, rep, max_total=None)
    out["by_unit"] = table_text(m, rep, by="unit", max_total=None)
    out["export"] = repr([r.values for r in export.rows(m, rep)]) + repr(export.summary(m, rep)) + repr(export.keys(rep))
    r = rd.quarterly(m, quarter, day, PROV)
    out["md"] = publish.render(r, "md", root).decode("utf-8")
    out["html"] = publish.render(r, "html", root).decode("utf-8")
    out["annual"] = publish.render(rd.annual(m, day.year, day, PROV), "md", root).decode("utf-8")
    return out


@pytest.mark.parametrize("day", [D(2023, 12, 31), D(2024, 2, 10), D(2024, 3, 31)])
def test_up_to_the_end_date_the_example_is_as_without_endings(tmp_path, day):
    """As of the end date or any earlier day, ends_on and successor change nothing at all."""
    plain = _without_endings(EXAMPLE, tmp_path / "plain")
    q = Quarter.of(day)
    assert _everything(EXAMPLE, day, q) == _everything(plain, day, q)


@pytest.mark.parametrize("repo, unit, successor", [
    (ROOT, "县财政局", "县审计局"),  # the built-in data: tasks and units, no progress
    (SAMPLE, "县行政审批局", "县政府办"),  # the sample: with demo progress through 2023Q4
    (SAMPLE, "县政府信息公开办", None),
])
@pytest.mark.parametrize("day", [D(2023, 6, 30), D(2023, 10, 15), D(2023, 12, 31)])
def test_up_to_the_end_date_builtin_and_sample_are_unchanged(tmp_path, repo, unit, successor, day):
    ended = _with_ending(repo, tmp_path / "ended", unit, "2023-12-31", successor)
    q = Quarter.of(day)
    assert _everything(ended, day, q) == _everything(repo, day, q)


def test_builtin_and_sample_lint_as_before_with_an_ending_after_their_progress(tmp_path):
    """The fields themselves are no finding; the built-in data has no ended unit."""
    assert not any(u.ends_on or u.successor for u in load(ROOT, cache=False).units)
    ended = _with_ending(SAMPLE, tmp_path / "ended", "县行政审批局", "2023-12-31", "县政府办")
    before = [(f.path, f.line, f.code) for f in engine.lint(load(SAMPLE, cache=False))]
    after = [(f.path, f.line, f.code) for f in engine.lint(load(ended, cache=False))]
    assert after == before


# --- after the end date: carried by the successor ----------------------------------------------------------


def test_a_successor_carries_the_assignment_with_its_history(model):
    rep = st.compute(model, D(2024, 4, 15))
    t = _task(rep, "t2023-01")
    a = t.assignments[0]
    assert (a.unit, a.key, a.origins) == ("县发改局", "in_progress", ("县粮食局",))
    # the old unit's entry is the assignment's history, and says where it was written
    assert a.entry.entry.note == "已梳理收储政策清单" and a.entry.source == "data/progress/2023Q4/县粮食局.yaml"
    assert a.label == "县发改局（承接县粮食局）" and t.lead == "县发改局" and t.lead_label == "县发改局（承接县粮食局）"
    # the successor's own word after the end is the same assignment's
    t = _task(st.compute(model, D(2024, 7, 15)), "t2023-01")
    assert _rows(t)[0] == ("县发改局", "done", ("县粮食局",), None) and t.key == "overdue" and (t.done, t.total) == (1, 2)


def test_a_successors_entries_before_the_end_are_not_the_carried_assignments():
    """Before the end the successor's word on a task was on its own assignment (if any), not this one."""
    m = build(load(EXAMPLE, cache=False))
    hist = m.chain_history("t2023-03", ("县粮食局", "县发改局"))
    assert [(r.unit, r.entry.date) for r in hist] == [("县粮食局", D(2023, 12, 15)), ("县粮食局", D(2024, 3, 20)),
                                                      ("县发改局", D(2024, 6, 10))]


def test_a_long_term_task_is_reported_by_the_successor(model):
    t = _task(st.compute(model, D(2024, 4, 15)), "t2023-02")
    assert t.key == "ongoing:reported"  # 县粮食局 reported for 2024Q1 before it ended
    t = _task(st.compute(model, D(2024, 10, 15)), "t2023-02")
    assert t.key == "ongoing:unreported" and t.assignments[0].unit == "县发改局"  # 2024Q3 is 县发改局's to report


def test_one_unit_one_assignment_the_successors_own_and_the_one_it_carries(model):
    """各部门 gave both 县粮食局 and 县发改局 the quarterly task: after the merger 县发改局 has it once,
    with the worst of the two (an unfinished part is not hidden)."""
    before = _task(st.compute(model, D(2024, 3, 31)), "t2023-03")
    assert [a.unit for a in before.assignments] == ["县发改局", "县粮食局", "县财政局"]
    t = _task(st.compute(model, D(2024, 4, 15)), "t2023-03")
    assert [(a.unit, a.origins) for a in t.assignments] == [("县发改局", ("县粮食局",)), ("县财政局", ())]
    assert t.total == 2
    # Q1: 县粮食局 did it, 县发改局 did not: the merged row missed it
    assert t.assignments[0].missed == D(2024, 3, 31)


def test_a_later_plan_does_not_give_an_ended_unit_work_through_a_group(model):
    info = model.by_id["t2025-01"]
    assert info.units == ["县发改局", "县财政局"]
    assert model.by_id["t2023-03"].units == ["县发改局", "县粮食局", "县财政局"]


def test_not_reported_after_the_end(model):
    assert st.not_reported(model, Quarter(2024, 1)) == ["县发改局", "县财政局", "县创卫办"]  # 县粮食局 filed its last quarter
    assert st.not_reported(model, Quarter(2024, 2)) == ["县财政局"]  # 县创卫办 was in being in Q2: it filed
    assert st.not_reported(model, Quarter(2024, 3)) == ["县发改局", "县财政局"]  # never 县粮食局 or 县创卫办 again


def test_unit_filter_names_the_old_unit_or_its_successor(model):
    day = D(2024, 7, 15)
    old = st.compute(model, day, {"县粮食局"})
    assert sorted(t.info.id for t in old.tasks) == ["t2023-01", "t2023-02", "t2023-03"]
    assert all(a.unit == "县发改局" for t in old.tasks for a in t.assignments)
    new = st.compute(model, day, {"县发改局"})
    assert sorted(t.info.id for t in new.tasks) == ["t2023-01", "t2023-02", "t2023-03"]


def test_a_chain_of_successors(make_repo):
    """A → B → C: the work goes to the last one in being, with every link's history."""
    root = make_repo({
        "data/units/u.yaml": "units:\n"
                             "  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n"
                             "  - {name: 县乙局, ends_on: 2024-09-30, successor: 县丙局}\n"
                             "  - {name: 县丙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2025-06-30}\n",
        "data/progress/2024Q1/县甲局.yaml": "unit: 县甲局\nperiod: 2024Q1\nentries:\n  - {task: t2023-01, status: in_progress, date: 2024-02-01}\n",
        "data/progress/2024Q2/县乙局.yaml": "unit: 县乙局\nperiod: 2024Q2\nentries:\n  - {task: t2023-01, status: blocked, date: 2024-05-01}\n",
    })
    m = build(load(root, cache=False))
    assert m.chain("县甲局", D(2024, 6, 1)) == ("县甲局", "县乙局")
    assert m.chain("县甲局", D(2024, 12, 1)) == ("县甲局", "县乙局", "县丙局")
    (a,) = _task(st.compute(m, D(2024, 12, 1)), "t2023-01").assignments
    assert (a.unit, a.key, a.origins, a.entry.unit) == ("县丙局", "blocked", ("县甲局", "县乙局"), "县乙局")
    assert st.compute(m, D(2024, 12, 1)).units_ended == [("县甲局", D(2024, 3, 31), "县丙局"), ("县乙局", D(2024, 9, 30), "县丙局")]


def test_carried_from_lists_the_whole_chain_oldest_first_in_every_task(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n"
                             "  - {name: 县丙局}\n"
                             "  - {name: 县乙局, ends_on: 2024-09-30, successor: 县丙局}\n"
                             "  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2025-06-30}\n"
                             "  - {id: t2023-02, title: 乙, units: [县甲局, 县乙局], deadline: 2025-06-30}\n"
                             "  - {id: t2023-03, title: 丙, units: [县乙局, 县甲局], deadline: 2025-06-30}\n",
    })
    m = build(load(root, cache=False))
    rep = st.compute(m, D(2024, 12, 1))
    for tid in ("t2023-01", "t2023-02", "t2023-03"):
        (a,) = _task(rep, tid).assignments
        assert (a.unit, a.origins) == ("县丙局", ("县甲局", "县乙局")), tid
    d = {x["id"]: x for x in json.loads(to_json(rep, m.repo))["tasks"]}
    assert {tid: d[tid]["assignments"][0]["carried_from"] for tid in d} == {tid: ["县甲局", "县乙局"] for tid in d}


def test_down_a_chain_the_successor_takes_over_when_the_one_before_it_ended(make_repo):
    """县甲局 → 县乙局 (ended 2024-09-30) → 县丙局: 县丙局 carries 县甲局's task from 2024-10-01, not from
    2024-04-01; before that 县乙局 reports it (lint GK403 and progress add say so)."""
    root = make_repo({
        "data/units/u.yaml": "units:\n"
                             "  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n"
                             "  - {name: 县乙局, ends_on: 2024-09-30, successor: 县丙局}\n"
                             "  - {name: 县丙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2025-06-30}\n",
        "data/progress/2024Q2/县丙局.yaml": "unit: 县丙局\nperiod: 2024Q2\nentries:\n  - {task: t2023-01, status: done, date: 2024-05-01}\n",
    })
    m = build(load(root, cache=False))
    assert m.takeover("县甲局", "县丙局") == ("县乙局", D(2024, 10, 1))
    (f,) = [f for f in engine.lint(m.repo, m) if f.code == "GK403"]
    assert f.message == "县丙局 自 2024-10-01 起才承接县甲局的任务 t2023-01，条目日期 2024-05-01 在此之前"
    assert f.hint.startswith("此前的进展由县乙局报送")
    with pytest.raises(GkError) as e:
        wp.check(m, wp.Request("t2023-01", "县丙局", "done", date=D(2024, 6, 1)), D(2024, 6, 5))
    assert "县丙局 自 2024-10-01 起才承接县甲局的任务 t2023-01" in e.value.message
    assert e.value.hint.startswith("2024-06-01 的进展由县乙局报送")


# --- after the end date: no successor ----------------------------------------------------------------


def test_without_a_successor_unfinished_work_is_no_longer_owed(model):
    rep = st.compute(model, D(2024, 10, 15))
    t = _task(rep, "t2023-04")  # due 2024-09-30, in progress when the office was abolished
    assert t.key == "unit_ended" and st.LABELS[t.key] == "不再承担" and t.code == "unit_ended"
    assert _rows(t) == [("县创卫办", "unit_ended", (), D(2024, 6, 30))]
    assert (t.done, t.total) == (0, 0) and t.lead_label == "县创卫办（已撤销）"
    assert _task(rep, "t2023-05").key == "done"  # what it did stays done
    assert rep.units_ended == [("县粮食局", D(2024, 3, 31), "县发改局"), ("县创卫办", D(2024, 6, 30), None)]
    d = next(x for x in json.loads(to_json(rep, model.repo))["tasks"] if x["id"] == "t2023-04")
    assert d["status"] == "unit_ended" and d["assignments"][0]["ended_on"] == "2024-06-30" and d["total"] == 0


def test_work_overdue_when_the_unit_ended_is_said_so(make_repo):
    """Overdue already when the unit was abolished (no successor): 不再承担, but said (overdue_at_end, the
    table, the report's note); no days over or left for a task no longer owed."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县丙办, ends_on: 2024-06-30}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县丙办], deadline: 2024-03-31}\n"
                             "  - {id: t2023-02, title: 乙, units: [县丙办], deadline: 2024-09-30}\n",
    })
    m = build(load(root, cache=False))
    rep = st.compute(m, D(2024, 10, 15))
    late, later = _task(rep, "t2023-01"), _task(rep, "t2023-02")
    assert late.key == later.key == "unit_ended" and late.overdue_at_end and not later.overdue_at_end
    d = {x["id"]: x for x in json.loads(to_json(rep, m.repo))["tasks"]}
    assert d["t2023-01"]["days"] is None and d["t2023-02"]["days"] is None
    assert d["t2023-01"]["overdue_at_end"] is True and d["t2023-01"]["assignments"][0]["overdue_at_end"] is True
    assert "overdue_at_end" not in d["t2023-02"]
    row = next(line for line in table_text(m, rep, max_total=None).splitlines() if "t2023-01" in line)
    assert "撤销时已逾期" in row
    md = publish.render(rd.quarterly(m, Quarter(2024, 3), D(2024, 10, 15), PROV), "md", root).decode("utf-8")
    assert "其中撤销时已逾期的任务：t2023-01。" in md
    by_task = {r.values[1]: r.values for r in export.rows(m, rep)}  # the 台账's status column says it too
    assert "不再承担（撤销时已逾期）" in by_task["t2023-01"] and "不再承担" in by_task["t2023-02"]
    assert "不再承担（撤销时已逾期）" not in by_task["t2023-02"]


def test_a_long_term_report_is_still_owed_for_the_quarter_the_unit_was_in(model):
    """县创卫办 ended 2024-06-30: on 2024-07-15 it still owes (and gave) the 2024Q2 report of its 长期
    task; from 2024Q3 on, it owes nothing."""
    assert _task(st.compute(model, D(2024, 7, 15)), "t2023-06").key == "ongoing:reported"
    assert _task(st.compute(model, D(2024, 10, 15)), "t2023-06").key == "unit_ended"


def test_a_successor_that_goes_round_leaves_the_work_with_the_unit(make_repo):
    """A cycle (lint GK214) is no crash and no endless walk: the ending is not judged (the work stays
    owed by the unit, overdue when it is), never 不再承担."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n"
                             "  - {name: 县乙局, ends_on: 2024-03-31, successor: 县甲局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2024-06-30}\n",
    })
    m = build(load(root, cache=False))
    (a,) = _task(st.compute(m, D(2024, 8, 1)), "t2023-01").assignments
    assert (a.key, a.unit, a.origins, a.ended_on) == ("overdue", "县甲局", (), None)
    assert [f.code for f in m.data_errors()] == ["GK214"]


_TASKS_2023 = ("plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
               "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2024-06-30}\n")


@pytest.mark.parametrize("successor", ["县乙司", "各部门", "县甲局", "''"])
def test_a_successor_that_cannot_be_followed_leaves_the_work_with_the_unit(make_repo, successor):
    """A typo, a group, the unit itself, blank (GK214): overdue work stays overdue, owed by the unit."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, kind: department, ends_on: 2024-03-31, successor: %s}\n"
                             "  - {name: 县乙局, kind: department}\n"
                             "groups:\n  - {name: 各部门, members: {kind: [department]}}\n" % successor,
        "data/tasks/t.yaml": _TASKS_2023,
    })
    m = build(load(root, cache=False))
    rep = st.compute(m, D(2024, 10, 15))
    (a,) = _task(rep, "t2023-01").assignments
    assert (a.key, a.unit, a.origins, a.ended_on) == ("overdue", "县甲局", (), None)
    assert rep.units_ended == []
    assert "GK214" in [f.code for f in m.data_errors()]
    r = run_gk("status", "--as-of", "2024-10-15", "--data", str(root))
    assert "不再承担" not in r.stdout and "已逾期" in r.stdout
    assert "GK214" in r.stderr.splitlines()[0], r.stderr  # the units file's error comes first


def test_a_units_file_error_is_said_before_progress_file_errors(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙司}\n  - {name: 县乙局}\n",
        "data/tasks/t.yaml": _TASKS_2023,
        "data/progress/2024Q2/县甲局.yaml": "unit: 县甲局\nperiod: 2024Q2\nentries:\n"
                                           "  - {task: t2023-01, status: done, date: 2024-05-01}\n",
        "data/progress/2024Q2/县乙局.yaml": "unit: 县乙局\nperiod: 2024Q2\nentries:\n"
                                           "  - {task: t2023-01, status: done, date: 2024-05-01}\n",
    })
    r = run_gk("status", "--as-of", "2024-10-15", "--data", str(root))
    lines = [x for x in r.stderr.splitlines() if x.startswith("data/")]
    assert lines and lines[0].startswith("data/units/u.yaml") and "GK214" in lines[0], r.stderr


# --- progress filed after the unit ended (GK215): not counted --------------------------------------------


def test_progress_filed_after_the_end_is_not_counted(make_repo):
    """An ended unit's file for a quarter after its end, or its entry dated after it (GK215), completes
    nothing and is not 已报送, as the data-error notice says (未计入)."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n  - {name: 县乙局}\n"
                             "  - {name: 县丙办, ends_on: 2024-06-30}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2024-06-30}\n"
                             "  - {id: t2023-02, title: 乙, units: [县丙办], deadline: 2024-09-30}\n"
                             "  - {id: t2023-03, title: 丙, units: [县甲局], deadline: 2024-12-31}\n",
        "data/progress/2024Q1/县甲局.yaml": "unit: 县甲局\nperiod: 2024Q1\nentries:\n"
                                           "  - {task: t2023-03, status: done, date: 2024-04-03}\n",
        "data/progress/2024Q2/县甲局.yaml": "unit: 县甲局\nperiod: 2024Q2\nentries:\n"
                                           "  - {task: t2023-01, status: done, date: 2024-05-01}\n",
        "data/progress/2024Q3/县丙办.yaml": "unit: 县丙办\nperiod: 2024Q3\nentries:\n"
                                           "  - {task: t2023-02, status: done, date: 2024-07-10}\n",
    })
    m = build(load(root, cache=False))
    rep = st.compute(m, D(2024, 10, 15))
    assert _task(rep, "t2023-01").key == "overdue"  # not done by the file of 2024Q2
    assert _task(rep, "t2023-02").key == "unit_ended"  # not done after it was abolished
    assert _task(rep, "t2023-03").key == "not_started"  # an entry dated after the end, in its last quarter
    assert "县甲局" not in m.filed("2024Q2") and "县丙办" not in m.filed("2024Q3")
    assert st.not_reported(m, Quarter(2024, 2)) == ["县乙局", "县丙办"]  # (县甲局 owes it no longer)
    annual = rd.annual(m, 2024, D(2024, 12, 31), PROV)
    q2 = next(q for q in annual.quarters if q.quarter == "2024Q2")
    assert q2.filed == 0
    quarterly = rd.quarterly(m, Quarter(2024, 3), D(2024, 9, 30), PROV)
    assert [s.unit for s in quarterly.submissions] == []


# --- what users read ---------------------------------------------------------------------------------


def test_status_command_says_where_the_work_went():
    r = run_gk("status", "--as-of", "2024-10-15", "--data", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    assert "县发改局（承接县粮食局）" in r.stdout and "不再承担" in r.stdout
    assert "注意：县粮食局已于 2024-03-31 撤销，其任务由县发改局承接" in r.stderr
    assert "注意：县创卫办已于 2024-06-30 撤销，没有接续单位" in r.stderr
    row = next(line for line in r.stdout.splitlines() if "t2023-04" in line)
    assert "逾期" not in row and "单位已撤销" in row
    r = run_gk("status", "--as-of", "2024-10-15", "--data", str(EXAMPLE), "--state", "不再承担", "--format", "json")
    assert [t["id"] for t in json.loads(r.stdout)["tasks"]] == ["t2023-04", "t2023-06"]


def test_reports_name_the_successor_and_say_what_is_no_longer_owed(model):
    r = rd.quarterly(model, Quarter(2024, 3), D(2024, 9, 30), PROV)
    md = publish.render(r, "md", EXAMPLE).decode("utf-8")
    assert "县粮食局已于2024年3月31日撤销，其承担的任务由县发改局承接" in md
    assert "县创卫办已于2024年6月30日撤销，没有接续单位" in md
    assert "县发改局（承接县粮食局）" in md
    assert ("unit_ended", "不再承担") in r.columns and "| 不再承担 |" in md.replace("不再承担 | 完成率", "不再承担 |")
    assert "另有 1 项任务的责任单位已撤销、不再承担" in md
    total = r.summary[0]
    assert sum(f.value for f in total.values) == total.total.value  # the counts still add up
    assert "县创卫办" not in r.not_reported
    # before anything ended, the report has its usual columns
    assert rd.quarterly(model, Quarter(2024, 1), D(2024, 3, 31), PROV).columns == rd.COLUMNS


def test_a_successors_own_report_lists_the_work_it_took_over(model):
    r = rd.quarterly(model, Quarter(2024, 2), D(2024, 6, 30), PROV, unit="县发改局")
    rows = {a.id: a for a in r.assignments}
    assert rows["t2023-01"].status == "已完成（承接县粮食局）" and rows["t2023-01"].is_lead
    # its entries on the tasks it took over are counted, not marked as another unit's
    sub = next(s for s in r.submissions if s.unit == "县发改局")
    assert all("未计入" not in e.status for e in sub.entries)
    old = rd.quarterly(model, Quarter(2024, 2), D(2024, 6, 30), PROV, unit="县粮食局")
    assert {a.id: a.status for a in old.assignments}["t2023-01"] == "已完成（由县发改局承接）"


def test_unit_report_labels_one_bracket_and_the_lead_only_where_it_led(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n  - {name: 县乙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2025-06-30}\n"
                             "  - {id: t2023-02, title: 乙, units: [县乙局, 县甲局], deadline: 2025-06-30}\n",
        "data/progress/2024Q1/县乙局.yaml": "unit: 县乙局\nperiod: 2024Q1\nentries:\n"
                                           "  - {task: t2023-01, status: in_progress, date: 2024-03-01}\n",
    })
    m = build(load(root, cache=False))
    own = rd.quarterly(m, Quarter(2024, 3), D(2024, 9, 30), PROV, unit="县乙局")
    md = publish.render(own, "md", root).decode("utf-8")
    assert "县乙局（承接县甲局，本单位牵头）" in md and "）（" not in md
    old = rd.quarterly(m, Quarter(2024, 3), D(2024, 9, 30), PROV, unit="县甲局")
    rows = {a.id: a for a in old.assignments}
    assert rows["t2023-01"].is_lead and not rows["t2023-02"].is_lead  # 县甲局 led t2023-01 only
    q1 = rd.quarterly(m, Quarter(2024, 1), D(2024, 3, 31), PROV)
    (sub,) = q1.submissions
    assert sub.entries[0].status == "推进中（2024-04-01 起才承接县甲局的这项任务，此前的进展未计入）"


def test_an_ended_units_own_report_says_it_is_not_asked_to_report(model):
    """Not 已报送 after 本季度没有收到进度报送: it had ended, and is not asked (its successor reports)."""
    for unit, says in (("县粮食局", "县粮食局已于2024年3月31日撤销，不要求其报送2024年第三季度工作进度（其任务由县发改局承接并报送）。"),
                       ("县创卫办", "县创卫办已于2024年6月30日撤销，不要求其报送2024年第三季度工作进度。")):
        r = rd.quarterly(model, Quarter(2024, 3), D(2024, 9, 30), PROV, unit=unit)
        for fmt in ("md", "html"):
            text = publish.render(r, fmt, EXAMPLE).decode("utf-8")
            five = text[text.index("五、"):]
            assert says in five and "已报送" not in five, five
    r = rd.quarterly(model, Quarter(2024, 1), D(2024, 3, 31), PROV, unit="县粮食局")
    assert r.not_asked == ""  # its last quarter: asked as ever


def test_export_shows_the_successor_and_no_longer_owed(model):
    rep = st.compute(model, D(2024, 10, 15))
    rows = [r.values for r in export.rows(model, rep)]
    units = {(v[1], v[4]): v for v in rows}
    assert units["t2023-01", "县发改局（承接县粮食局）"][5] == "是"  # the lead's part
    ended = units["t2023-04", "县创卫办（已撤销）"]
    assert ended[8] == "不再承担" and ended[9] is None  # not overdue
    assert "unit_ended" in export.keys(rep)
    plain = st.compute(model, D(2024, 3, 31))
    assert "unit_ended" not in export.keys(plain)  # shown where it occurs


def test_export_summary_keeps_an_ended_units_last_quarter(model):
    """On 2024-04-15 县粮食局 (ended 2024-03-31, its work carried by 县发改局) still owes 2024Q1 (filed
    in the example): its row says so, as status and the reports do; unfiled, it says 未报送."""
    rep = st.compute(model, D(2024, 4, 15))
    rows = {r[0]: r for r in export.summary(model, rep)}
    assert rows["县粮食局"][-1] == "已报送" and rows["县粮食局"][-6] == 0  # no assignment of its own left
    rep = replace(rep, not_reported=[*rep.not_reported, "县粮食局"])
    rows = {r[0]: r for r in export.summary(model, rep)}
    assert rows["县粮食局"][-1] == "未报送"


# --- progress add --------------------------------------------------------------------------------------


def test_progress_add_refuses_an_ended_unit_and_names_the_successor(model):
    with pytest.raises(GkError) as e:
        wp.check(model, wp.Request("t2023-01", "县粮食局", "done"), D(2024, 7, 5))
    assert e.value.message == "县粮食局已于 2024-03-31 撤销，不再报送 2024Q3（2024年第三季度）的进度"
    assert "--unit 县发改局" in e.value.hint
    with pytest.raises(GkError) as e:  # the command offered keeps what the clerk wrote
        wp.check(model, wp.Request("t2023-01", "县粮食局", "done", note="已公开 第二批", evidence=["http://x.gov.cn/a"]), D(2024, 7, 5))
    assert e.value.hint.endswith("--status done --date 2024-07-05 --note '已公开 第二批' --evidence http://x.gov.cn/a"), e.value.hint
    with pytest.raises(GkError) as e:  # no successor
        wp.check(model, wp.Request("t2023-06", "县创卫办", "in_progress"), D(2024, 10, 5))
    assert "没有接续单位" in e.value.hint
    # its last quarter, dated while it was in being: filed as ever
    t = wp.check(model, wp.Request("t2023-02", "县粮食局", "in_progress", date=D(2024, 3, 30)), D(2024, 4, 5))
    assert t.rel == "data/progress/2024Q1/县粮食局.yaml"


def test_progress_add_takes_the_successors_word_on_what_it_took_over(model):
    t = wp.check(model, wp.Request("t2023-02", "县发改局", "in_progress"), D(2024, 7, 5))
    assert t.rel == "data/progress/2024Q3/县发改局.yaml"
    assert any("原是县粮食局的任务" in w for w in t.warnings)
    with pytest.raises(GkError) as e:  # not before it took it over
        wp.check(model, wp.Request("t2023-02", "县发改局", "in_progress", date=D(2024, 3, 10)), D(2024, 3, 20))
    assert "自 2024-04-01 起才承接县粮食局的任务 t2023-02" in e.value.message


def test_progress_add_refuses_an_entry_dated_after_the_end_in_the_units_last_quarter(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-02-15, successor: 县乙局}\n  - {name: 县乙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 2024-06-30}\n",
    })
    m = build(load(root, cache=False))
    with pytest.raises(GkError) as e:
        wp.check(m, wp.Request("t2023-01", "县甲局", "done", date=D(2024, 3, 1)), D(2024, 3, 5))
    assert e.value.message == "县甲局已于 2024-02-15 撤销，不再报送 2024-03-01 的进展" and "--unit 县乙局" in e.value.hint
    assert wp.check(m, wp.Request("t2023-01", "县甲局", "done", date=D(2024, 2, 10)), D(2024, 3, 5)).unit == "县甲局"
    assert wp.check(m, wp.Request("t2023-01", "县乙局", "done", date=D(2024, 3, 1)), D(2024, 3, 5)).unit == "县乙局"


def test_interactive_progress_add_offers_a_successor_the_work_it_took_over(tmp_path, monkeypatch):
    """The unit list leaves out a unit whose last quarter is past; a successor's task list has the tasks
    it took over, with their status."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    root = tmp_path / "r"
    _copy(EXAMPLE, root)
    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2024-04-05")  # 2024Q1 still open: 县粮食局 may file its last quarter
    r = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "--dry-run"], input="\x04")
    assert "县粮食局" in r.output.split("报送单位")[0]
    monkeypatch.setenv("GK_TODAY", "2024-07-20")
    r = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "--dry-run"], input="1\n1\n推进中\n\n\n\n")
    listed = r.output.split("报送单位")[0]
    assert "县粮食局" not in listed and "1. 县发改局" in listed, r.output
    assert "县创卫办" in listed  # (ended 2024-06-30: its 2024Q2 report is still its own)
    assert "t2023-01" in r.output and "t2023-02" in r.output and "[长期·已报告]" in r.output
    assert r.exit_code == 0 and "检查通过（未写入）：t2023-01（公开粮食收储政策） 县发改局 推进中" in r.output, r.output


def _merged_repo(make_repo):
    return make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n  - {name: 县乙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县乙局, 县甲局], deadline: 2024-06-30}\n",
        "data/progress/2024Q1/县甲局.yaml": "unit: 县甲局\nperiod: 2024Q1\nentries:\n"
                                           "  - {task: t2023-01, status: in_progress, date: 2024-03-01}\n",
        "data/progress/2024Q1/县乙局.yaml": "unit: 县乙局\nperiod: 2024Q1\nentries:\n"
                                           "  - {task: t2023-01, status: done, date: 2024-03-01}\n",
    })


def test_interactive_progress_add_shows_the_merged_status(make_repo, monkeypatch):
    """县乙局 did its own part, not the part it took over from 县甲局: the task is 已逾期 for it, as status says."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    root = _merged_repo(make_repo)
    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2024-07-20")
    r = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "--unit", "县乙局", "--dry-run"], input="\x04")
    line = next(x for x in r.output.splitlines() if "t2023-01" in x)
    assert "[已逾期]" in line, r.output


def test_progress_add_suggests_only_what_an_ended_unit_may_file(make_repo):
    m = build(load(_merged_repo(make_repo), cache=False))
    with pytest.raises(GkError) as e:  # 2024Q1 closed; the quarter open now began after 县甲局 ended
        wp.check(m, wp.Request("t2023-01", "县甲局", "done", date=D(2024, 3, 10)), D(2024, 7, 5))
    assert "--period" not in e.value.hint and "--unit 县乙局" in e.value.hint and "--late" in e.value.hint


@pytest.mark.parametrize("successor", ["successor: 县农业农衬局", "successor: 各部门", "successor: [县农业农村局]"])
def test_a_wrong_successor_is_one_finding_not_one_more_on_the_successors_progress(make_repo, successor):
    """县农业局's successor written wrong: GK214 (or GK105) on units.yaml, and 县农业农村局's progress on the
    old unit's task was GK403 too, telling the plan's office to add it to the task."""
    root = make_repo({
        "data/units/u.yaml": "units:\n"
                             f"  - name: 县农业局\n    kind: department\n    ends_on: 2024-03-31\n    {successor}\n"
                             "  - name: 县农业农村局\n    kind: department\n"
                             "groups:\n  - name: 各部门\n    members: {kind: [department]}\n",
        "data/tasks/t.yaml": "plan: {id: z2024, title: 方案, issued_on: 2024-01-10}\ntasks:\n"
                             "  - {id: z2024-01, title: 农业, units: [县农业局], deadline: 2024-12-31}\n",
        "data/progress/2024Q3/县农业农村局.yaml": "unit: 县农业农村局\nperiod: 2024Q3\nentries:\n"
                                                "  - {task: z2024-01, status: done, date: 2024-08-01}\n",
    })
    r = run_gk("lint", cwd=root)
    assert ("GK214" in r.stdout or "GK105" in r.stdout) and "GK403" not in r.stdout, r.stdout


def test_a_long_successor_chain_is_walked_once(make_repo):
    """3,000 units each ended into the next: every unit's chain was walked again from it, a list searched at
    each step (lint: 2,000 took 17 s, 10,000 never ended; status: 3,000 took 30 s). A hang guard, not a
    timing: each takes well under a second."""
    import time

    n = 3000
    lines = [f"  - {{name: 县局{k}, kind: department, ends_on: 2024-01-01, successor: 县局{k + 1}}}" for k in range(n)]
    lines.append(f"  - {{name: 县局{n}, kind: department}}")
    root = make_repo({"data/units/u.yaml": "units:\n" + "\n".join(lines) + "\n",
                      "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 甲, units: [县局0], deadline: 2030-12-31}\n"})
    t = time.monotonic()
    r = run_gk("lint", "--data", str(root))
    assert time.monotonic() - t < 60 and "Traceback" not in r.stderr, r.stderr
    t = time.monotonic()
    r = run_gk("status", "--data", str(root), "-f", "json", env={"GK_TODAY": "2024-06-01"})
    assert r.returncode == 0 and f"县局{n}" in r.stdout and time.monotonic() - t < 20  # (it took 30 s: each holder walked again)
