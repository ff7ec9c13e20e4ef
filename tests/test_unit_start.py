"""Units formed later (unit.starts_on; docs/decisions.md, 单位的成立).

In a 2024 reform 县农业局 and 县扶贫办 are merged into 县农业农村局, formed on 2024-04-01; 县数据局 is
formed on 2024-08-15 with no one before it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import run_gk
from gkcli import status as st
from gkcli.errors import GkError
from gkcli.lint import engine
from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.write import progress as wp

D = dt.date

UNITS = """\
units:
  - name: 县农业局
    kind: department
    ends_on: 2024-03-31
    successor: 县农业农村局
  - name: 县扶贫办
    kind: office
    ends_on: 2024-03-31
    successor: 县农业农村局
  - name: 县农业农村局
    kind: department
    starts_on: 2024-04-01
  - name: 县财政局
    kind: department
  - name: 县数据局
    kind: department
    starts_on: 2024-08-15
groups:
  - name: 各部门
    members: {kind: [department]}
"""

TASKS = {
    "data/tasks/t2023.yaml": "plan: {id: t2023, title: 2023年方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 一次性, units: [各部门], deadline: 2023-12-31}\n"
                             "  - {id: t2023-02, title: 长期, units: [各部门], deadline: 长期}\n"
                             "  - {id: t2023-03, title: 扶贫, units: [县扶贫办], deadline: 2024-12-31}\n",
    "data/tasks/t2024.yaml": "plan: {id: t2024, title: 2024年方案, issued_on: 2024-03-01}\ntasks:\n"
                             "  - {id: t2024-01, title: 数据, units: [县数据局], deadline: 长期}\n",
    "data/tasks/t2025.yaml": "plan: {id: t2025, title: 2025年方案, issued_on: 2025-01-10}\ntasks:\n"
                             "  - {id: t2025-01, title: 新年, units: [各部门], deadline: 长期}\n",
}


@pytest.fixture
def model(make_repo):
    return build(load(make_repo({"data/units/u.yaml": UNITS, **TASKS}), cache=False))


def _task(report: st.StatusReport, tid: str) -> st.TaskStatus:
    return next(t for t in report.tasks if t.info.id == tid)


def test_a_plan_before_the_unit_was_formed_does_not_give_it_work_through_a_group(model):
    assert model.by_id["t2023-01"].units == ["县农业局", "县财政局"]
    assert model.by_id["t2023-02"].units == ["县农业局", "县财政局"]
    assert model.by_id["t2024-01"].units == ["县数据局"]  # named by itself: the plan says so
    assert model.by_id["t2025-01"].units == ["县农业农村局", "县财政局", "县数据局"]  # (县农业局 had ended)


def test_a_new_unit_is_not_overdue_for_what_was_due_before_it_existed(model):
    t = _task(st.compute(model, D(2024, 10, 15)), "t2023-01")
    rows = [(a.unit, a.key, a.origins) for a in t.assignments]
    # its own share of the old plan would be overdue; it carries 县农业局's, and no more
    assert rows == [("县农业农村局", "overdue", ("县农业局",)), ("县财政局", "overdue", ())]
    old = [t for t in st.compute(model, D(2024, 10, 15)).tasks if t.info.plan.id == "t2023"]
    assert "县数据局" not in {a.unit for t in old for a in t.assignments}


def test_not_reported_only_from_the_quarter_the_unit_was_formed_in(model):
    assert st.not_reported(model, Quarter(2024, 1)) == ["县农业局", "县扶贫办", "县财政局"]
    assert st.not_reported(model, Quarter(2024, 2)) == ["县农业农村局", "县财政局"]  # not 县数据局, named by t2024
    # formed on 08-15: in being at the quarter's end, it owes 2024Q3
    assert st.not_reported(model, Quarter(2024, 3)) == ["县农业农村局", "县财政局", "县数据局"]


def test_a_long_term_report_is_not_owed_for_a_quarter_before_the_unit(model):
    # 2024-07-20: the period judged is 2024Q2, which ended before 县数据局 was formed
    t = _task(st.compute(model, D(2024, 7, 20)), "t2024-01")
    assert t.key == "not_started"
    t = _task(st.compute(model, D(2024, 10, 20)), "t2024-01")  # 2024Q3: owed
    assert t.key == "ongoing:unreported"


def test_status_command_does_not_list_a_unit_before_it_was_formed(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, **TASKS})
    r = run_gk("status", "--as-of", "2024-05-10", "--data", str(root))
    assert r.returncode == 0, r.stderr
    assert "未报送 2024年第一季度 进度（3 个单位）：县农业局、县扶贫办、县财政局\n" in r.stdout
    assert "县扶贫办已于 2024-03-31 撤销，其任务由县农业农村局承接" in r.stderr and "Traceback" not in r.stderr


# --- progress filed before the unit was formed (GK217) ------------------------------------------------

# 县农业农村局 files for 2024Q1 (formed 2024-04-01), 县数据局 an entry of 2024-08-01 (formed 2024-08-15)
EARLY = {
        "data/progress/2024Q1/县农业农村局.yaml": "unit: 县农业农村局\nperiod: 2024Q1\nentries:\n"
                                                 "  - {task: t2023-03, status: done, date: 2024-03-10}\n",
        "data/progress/2024Q3/县数据局.yaml": "unit: 县数据局\nperiod: 2024Q3\nentries:\n"
                                             "  - {task: t2024-01, status: in_progress, date: 2024-08-01}\n",
}


def test_progress_filed_before_the_start_is_not_counted(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, **TASKS, **EARLY})
    m = build(load(root, cache=False))
    assert "县农业农村局" not in m.filed("2024Q1")
    assert _task(st.compute(m, D(2024, 10, 15)), "t2023-03").key != "done"
    assert ("t2024-01", "县数据局") not in m.history  # (dated before 08-15: not counted)
    codes = sorted((f.code, f.path) for f in m.data_errors())
    assert codes == [("GK217", "data/progress/2024Q1/县农业农村局.yaml"), ("GK217", "data/progress/2024Q3/县数据局.yaml")]
    r = run_gk("lint", "--data", str(root))
    assert "GK217 县农业农村局于 2024-04-01 成立，不报送成立之前的 2024Q1（2024年第一季度）的进度" in r.stdout
    assert "GK403" not in r.stdout  # one mistake, one finding


def test_progress_add_refuses_a_date_before_the_start(model):
    with pytest.raises(GkError) as e:
        wp.check(model, wp.Request("t2024-01", "县数据局", "in_progress", date=D(2024, 8, 1)), D(2024, 8, 20))
    assert e.value.message == "县数据局于 2024-08-15 成立，不报送成立之前（2024-08-01）的进展"
    assert "2024-08-15 或之后" in e.value.hint
    with pytest.raises(GkError) as e:  # the work it took over: before it was formed, its predecessor's
        wp.check(model, wp.Request("t2023-03", "县农业农村局", "in_progress", date=D(2024, 3, 20), period="2024Q1"), D(2024, 3, 25))
    assert e.value.message == "县农业农村局于 2024-04-01 成立，不报送成立之前的 2024Q1（2024年第一季度）的进度"
    assert "gk progress add t2023-03 --unit 县扶贫办" in e.value.hint
    assert wp.check(model, wp.Request("t2024-01", "县数据局", "in_progress", date=D(2024, 8, 15)), D(2024, 8, 20)).unit == "县数据局"
    assert wp.check(model, wp.Request("t2023-03", "县农业农村局", "done", date=D(2024, 4, 2)), D(2024, 4, 5)).unit == "县农业农村局"


# --- a successor formed some time after its predecessor ended (GK218) --------------------------------------


def test_a_successor_formed_later_owes_nothing_before_it_was_formed(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, ends_on: 2024-03-31, successor: 县乙局}\n"
                             "  - {name: 县乙局, starts_on: 2024-07-01}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局], deadline: 长期}\n",
    })
    m = build(load(root, cache=False))
    assert st.not_reported(m, Quarter(2024, 1)) == ["县甲局"]
    assert st.not_reported(m, Quarter(2024, 2)) == []  # neither in being at the quarter's end but 乙 is not yet
    assert st.not_reported(m, Quarter(2024, 3)) == ["县乙局"]
    t = _task(st.compute(m, D(2024, 7, 20)), "t2023-01")  # 2024Q2 judged: owed by no one
    assert [(a.unit, a.key, a.origins) for a in t.assignments] == [("县乙局", "not_started", ("县甲局",))]
    with pytest.raises(GkError) as e:
        wp.check(m, wp.Request("t2023-01", "县乙局", "in_progress", date=D(2024, 5, 1), period="2024Q2"), D(2024, 5, 5))
    assert "县乙局于 2024-07-01 成立" in e.value.message
    r = run_gk("lint", "--data", str(root))
    assert "GK218" in r.stdout and "中间 91 天没有单位承担它的任务" in r.stdout


def test_a_unit_ending_before_it_starts_is_judged_by_its_end_only(make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县甲局, starts_on: 2024-04-01, ends_on: 2023-12-31}\n  - {name: 县乙局}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 甲, units: [县甲局, 县乙局], deadline: 长期}\n",
        "data/progress/2023Q3/县甲局.yaml": "unit: 县甲局\nperiod: 2023Q3\nentries:\n"
                                           "  - {task: t2023-01, status: in_progress, date: 2023-08-01}\n",
    })
    m = build(load(root, cache=False))
    assert m.starts == {} and "县甲局" in m.filed("2023Q3")
    assert [f.code for f in m.data_errors()] == []
    r = run_gk("lint", "--data", str(root))
    assert "GK219 县甲局的撤销日期 2023-12-31 早于成立日期 2024-04-01" in r.stdout and "GK217" not in r.stdout


def test_reports_do_not_count_progress_filed_before_the_start(make_repo):
    from gkcli.reports import data as rd
    from gkcli.reports.provenance import Provenance

    root = make_repo({"data/units/u.yaml": UNITS, **TASKS, **EARLY})
    m = build(load(root, cache=False))
    prov = Provenance("0123abcdef", False, "test")
    q1 = rd.quarterly(m, Quarter(2024, 1), D(2024, 4, 30), prov)
    assert [s.unit for s in q1.submissions] == []
    q3 = rd.quarterly(m, Quarter(2024, 3), D(2024, 10, 30), prov)
    assert [e.status for s in q3.submissions for e in s.entries] == ["推进中（县数据局于 2024-08-15 成立，此前的进展未计入）"]
    annual = rd.annual(m, 2024, D(2024, 12, 31), prov)
    assert next(q for q in annual.quarters if q.quarter == "2024Q1").filed == 0


@pytest.mark.parametrize("quarter,unit,said", [
    ("2024Q2", "县数据局", "县数据局于2024年8月15日成立，不要求其报送成立之前的2024年第二季度工作进度。"),
    ("2023Q4", "县农业农村局", "县农业农村局于2024年4月1日成立，不要求其报送成立之前的2023年第四季度工作进度。"),
])
def test_one_units_report_for_a_quarter_before_it_was_formed_says_so(make_repo, quarter, unit, said):
    """It said 县数据局已报送2024年第二季度工作进度 (nothing filed, nothing owed: the template's last word)."""
    root = make_repo({"data/units/u.yaml": UNITS, **TASKS})
    r = run_gk("report", "--quarter", quarter, "--unit", unit, cwd=root, env={"GK_TODAY": "2025-03-01"})
    assert r.returncode == 0, r.stderr
    assert said in r.stdout and "已报送" not in r.stdout, r.stdout


def test_gk217_names_the_predecessor_that_was_there_and_had_the_task(make_repo):
    """县农业农村局 (2019-03-01) took over 县农业局 and 县畜牧局 (to 2019-02-28) and, in 2024, 县乡村振兴局 (formed
    2021). Its 2018Q4 file of 县畜牧局's task was told to go to 县农业局.yaml, naming 县乡村振兴局 among those then."""
    units = """\
units:
  - {name: 县农业局, kind: department, ends_on: 2019-02-28, successor: 县农业农村局}
  - {name: 县畜牧局, kind: department, ends_on: 2019-02-28, successor: 县农业农村局}
  - {name: 县乡村振兴局, kind: department, starts_on: 2021-05-20, ends_on: 2024-03-31, successor: 县农业农村局}
  - {name: 县农业农村局, kind: department, starts_on: 2019-03-01}
"""
    root = make_repo({
        "data/units/u.yaml": units,
        "data/tasks/t.yaml": "plan: {id: z2018, title: 方案, issued_on: 2018-03-01}\ntasks:\n"
                             "  - {id: z2018-01, title: 畜牧, units: [县畜牧局], deadline: 2018-12-31}\n"
                             "  - {id: z2018-02, title: 农业, units: [县农业局], deadline: 2018-12-31}\n",
        "data/progress/2018Q4/县农业农村局.yaml": "unit: 县农业农村局\nperiod: 2018Q4\nentries:\n"
                                                "  - {task: z2018-01, status: done, date: 2018-12-01}\n",
    })
    r = run_gk("lint", cwd=root)
    assert "GK217" in r.stdout and "由原单位县畜牧局报送：把条目移到 data/progress/2018Q4/县畜牧局.yaml" in r.stdout, r.stdout
    assert "县乡村振兴局" not in r.stdout and "县农业局" not in r.stdout.replace("县农业农村局", "")


def test_progress_add_in_the_gap_between_a_unit_and_its_late_successor_says_nobody_files_it(make_repo):
    """县统征办 ended 2024-04-30, 县征收服务中心 formed 2024-06-01: an entry of 2024-05-10 was refused with a
    command for the successor that is refused too; in the normal case the command keeps the --date."""
    units = """\
units:
  - {name: 县统征办, kind: office, ends_on: 2024-04-30, successor: 县征收服务中心}
  - {name: 县征收服务中心, kind: institution, starts_on: 2024-06-01}
"""
    root = make_repo({"data/units/u.yaml": units,
                      "data/tasks/t.yaml": "plan: {id: z2024, title: 方案, issued_on: 2024-01-10}\ntasks:\n"
                                           "  - {id: z2024-01, title: 征收, units: [县统征办], deadline: 2024-12-31}\n"})
    r = run_gk("progress", "add", "z2024-01", "--unit", "县统征办", "--status", "done", "--date", "2024-05-10",
               cwd=root, env={"GK_TODAY": "2024-05-20"})
    assert r.returncode == 2 and "于 2024-06-01 才成立" in r.stderr and "gk progress add" not in r.stderr, r.stderr
    r = run_gk("progress", "add", "z2024-01", "--unit", "县统征办", "--status", "done", "--date", "2024-07-10",
               cwd=root, env={"GK_TODAY": "2024-07-20"})
    assert r.returncode == 2 and "--unit 县征收服务中心 --status done --date 2024-07-10" in r.stderr, r.stderr


def test_a_unit_formed_later_is_told_why_it_has_nothing(make_repo):
    """status --unit 县数据局 before 2024-08-15: an empty table said nothing; progress add on a task of an
    older plan's group: 不是任务的责任单位 without the reason."""
    root = make_repo({"data/units/u.yaml": UNITS, **TASKS})
    r = run_gk("status", "--as-of", "2024-06-30", "--unit", "县数据局", cwd=root)
    assert r.returncode == 0 and "县数据局于 2024-08-15 成立，晚于 2024-06-30" in r.stderr, r.stderr
    r = run_gk("progress", "add", "t2023-02", "--unit", "县数据局", "--status", "in_progress", cwd=root, env={"GK_TODAY": "2024-09-20"})
    assert r.returncode == 2 and "不是任务 t2023-02 的责任单位（县数据局于 2024-08-15 成立，晚于该方案" in r.stderr, r.stderr


def test_the_interactive_list_of_units_leaves_out_one_not_formed_yet(make_repo, monkeypatch):
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    root = make_repo({"data/units/u.yaml": UNITS, **TASKS})
    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2024-06-20")
    r = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "--dry-run"], input="\x03")
    listed = r.output.split("报送单位")[0]
    assert "县财政局" in listed and "县数据局" not in listed, r.output
