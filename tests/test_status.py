"""The status engine: DESIGN.md's meanings, one rule per test, on real files."""

from __future__ import annotations

import datetime as dt

import pytest

from gkcli import model, repo, status

D = dt.date
UNITS = """
units:
  - {name: 县财政局, kind: department, aliases: [县财政]}
  - {name: 县审计局, kind: department}
  - {name: 甲镇, kind: township}
groups:
  - {name: 各乡镇（街道）, members: {kind: [township]}}
"""


def plan(*tasks: str, issued_on: str = "2023-03-01", ends_on: str | None = None) -> str:
    ends = f", ends_on: {ends_on}" if ends_on else ""
    lines = [f"plan: {{id: t2023, title: 测试, issued_on: {issued_on}{ends}}}", "tasks:"]
    for i, spec in enumerate(tasks, 1):
        lines.append(f"  - {{id: t2023-{i:02d}, title: 任务{i}, {spec}}}")
    return "\n".join(lines) + "\n"


def progress(unit: str, period: str, *entries: str, submitted: str = "2023-10-08") -> str:
    out = [f"unit: {unit}", f"period: {period}", f"submitted_on: {submitted}", "entries:"]
    out += [f"  - {{{e}}}" for e in entries]
    return "\n".join(out) + "\n"


@pytest.fixture
def judge(make_repo):
    def run(tasks: list[str], files: dict[str, str] | None = None, as_of: str = "2023-10-15", toml: str | None = None):
        fs = {"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan(*tasks), **(files or {})}
        if toml:
            fs["gk.toml"] = toml
        m = model.build(repo.load(make_repo(fs)))
        return status.compute(m, D.fromisoformat(as_of))

    return run


def by_id(report):
    return {t.info.id: t for t in report.tasks}


def test_done_on_the_due_day_is_done_after_it_done_late(judge):
    r = judge(
        ["units: [县财政局], deadline: 2023-09-20", "units: [县财政局], deadline: 2023-09-20"],
        {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3",
            "task: t2023-01, status: done, date: 2023-09-20", "task: t2023-02, status: done, date: 2023-09-21")},
    )
    s = by_id(r)
    assert s["t2023-01"].code == "done" and s["t2023-02"].code == "done_late"


def test_overdue_due_soon_and_the_window(judge):
    r = judge([
        "units: [县财政局], deadline: 2023-10-14",   # yesterday: overdue
        "units: [县财政局], deadline: 2023-10-15",   # today: due soon, not overdue
        "units: [县财政局], deadline: 2023-11-14",   # 30 days: due soon
        "units: [县财政局], deadline: 2023-11-15",   # 31 days: not started
    ])
    s = by_id(r)
    assert [s[f"t2023-0{i}"].code for i in range(1, 5)] == ["overdue", "due_soon", "due_soon", "not_started"]
    assert s["t2023-01"].days == -1 and s["t2023-02"].days == 0


def test_due_soon_days_comes_from_gk_toml(judge):
    r = judge(["units: [县财政局], deadline: 2023-11-14"], toml="due_soon_days = 7\n")
    assert r.tasks[0].code == "not_started"


def test_in_progress_blocked_and_overdue_beats_blocked(judge):
    r = judge(
        ["units: [县财政局], deadline: 2024-06-30", "units: [县财政局], deadline: 2024-06-30",
         "units: [县财政局], deadline: 2023-06-30"],
        {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3",
            "task: t2023-01, status: in_progress, date: 2023-09-01",
            "task: t2023-02, status: blocked, date: 2023-09-01",
            "task: t2023-03, status: blocked, date: 2023-06-01")},
    )
    s = by_id(r)
    assert (s["t2023-01"].code, s["t2023-02"].code, s["t2023-03"].code) == ("in_progress", "blocked", "overdue")


def test_entries_after_the_as_of_date_do_not_count(judge):
    files = {"data/progress/2023Q4/县财政局.yaml": progress("县财政局", "2023Q4", "task: t2023-01, status: done, date: 2023-11-01",
                                                        submitted="2024-01-05")}
    assert judge(["units: [县财政局], deadline: 2024-06-30"], files, as_of="2023-10-31").tasks[0].code == "not_started"
    assert judge(["units: [县财政局], deadline: 2024-06-30"], files, as_of="2023-11-01").tasks[0].code == "done"


def test_a_later_file_supersedes_an_earlier_and_the_latest_date_wins_in_a_file(judge):
    files = {
        "data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3",
            "task: t2023-01, status: done, date: 2023-09-20",
            "task: t2023-02, status: done, date: 2023-09-02",
            "task: t2023-02, status: in_progress, date: 2023-09-01"),   # older date, later line: loses
        "data/progress/2023Q4/县财政局.yaml": progress("县财政局", "2023Q4",
            "task: t2023-01, status: in_progress, date: 2023-10-02", submitted="2023-10-10"),
    }
    s = by_id(judge(["units: [县财政局], deadline: 2024-06-30"] * 2, files))
    assert s["t2023-01"].code == "in_progress" and s["t2023-02"].code == "done"


def test_ongoing_is_reported_only_in_the_reporting_period(judge):
    tasks = ["units: [县财政局, 县审计局], deadline: 长期"]
    q3 = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: in_progress, date: 2023-08-01"),
          "data/progress/2023Q3/县审计局.yaml": progress("县审计局", "2023Q3", "task: t2023-01, status: in_progress, date: 2023-09-01")}
    t = judge(tasks, q3).tasks[0]
    assert (t.code, t.reported, t.done, t.total) == ("ongoing", True, 2, 2)
    # as of 2024-01-15 the reporting period is 2023Q4: the Q3 entries no longer count
    t = judge(tasks, q3, as_of="2024-01-15").tasks[0]
    assert (t.code, t.reported) == ("ongoing", False)
    q3["data/progress/2023Q3/县审计局.yaml"] = progress("县审计局", "2023Q3", "task: t2023-01, status: blocked, date: 2023-09-01")
    t = judge(tasks, q3).tasks[0]
    assert t.code == "blocked" and [a.code for a in t.assignments] == ["ongoing", "blocked"]


def test_as_needed_stays_as_needed_unless_blocked(judge):
    files = {"data/progress/2023Q3/县审计局.yaml": progress("县审计局", "2023Q3", "task: t2023-02, status: blocked, date: 2023-09-01")}
    s = by_id(judge(["units: [县审计局], deadline: 适时", "units: [县审计局], deadline: 及时"], files))
    assert s["t2023-01"].code == "as_needed" and s["t2023-02"].code == "blocked"


def test_an_as_needed_task_a_unit_says_it_did_counts_it_done_and_stays_as_needed(judge):
    """0/2 单位完成 after 县财政局 reported 已完成 read false: its done counts, the status stays 适时."""
    files = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: done, date: 2023-09-01"),
             "data/progress/2023Q3/县审计局.yaml": progress("县审计局", "2023Q3", "task: t2023-01, status: in_progress, date: 2023-09-01")}
    t = judge(["units: [县财政局, 县审计局], deadline: 适时"], files).tasks[0]
    assert (t.key, t.done, t.total) == ("as_needed", 1, 2)
    assert [a.done for a in t.assignments] == [True, False]


def test_recurring_is_judged_per_occurrence(judge):
    q3 = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: done, date: 2023-09-10")}
    tasks = ["units: [县财政局], deadline: 每季度"]
    t = judge(tasks, q3, as_of="2023-09-15").tasks[0]
    assert (t.code, t.due) == ("done", D(2023, 9, 30))
    t = judge(tasks, q3, as_of="2023-10-15").tasks[0]   # a new quarter: last quarter's done is not this one's
    assert (t.code, t.due) == ("not_started", D(2023, 12, 31))
    assert judge(tasks, q3, as_of="2023-12-10").tasks[0].code == "due_soon"


def test_a_blockage_stands_into_the_next_occurrence(judge):
    """受阻 on the quarter's last day, nothing since: the next quarter is 受阻 too, with that entry
    (its note shown and exported), not 未启动 with the reason gone; a done does not carry over."""
    q3 = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: blocked, date: 2023-09-30, note: 缺少经费")}
    tasks = ["units: [县财政局], deadline: 每季度"]
    t = judge(tasks, q3, as_of="2023-10-15").tasks[0]
    a = t.assignments[0]
    assert (t.code, a.code, a.entry.entry.note, t.due) == ("blocked", "blocked", "缺少经费", D(2023, 12, 31))
    q4 = {"data/progress/2023Q4/县财政局.yaml": progress("县财政局", "2023Q4", "task: t2023-01, status: in_progress, date: 2023-10-20",
                                                      submitted="2024-01-05")}
    assert judge(tasks, {**q3, **q4}, as_of="2023-10-25").tasks[0].code == "in_progress"  # the unit said otherwise


def test_a_missed_occurrence_is_still_said_after_it_ends(judge):
    """Each quarter is judged on its own (DESIGN), but a quarter that ended without a done
    entry is named (missed) until the next one ends, and not for quarters before the plan."""
    q2 = {"data/progress/2023Q2/县财政局.yaml": progress("县财政局", "2023Q2", "task: t2023-01, status: done, date: 2023-06-10", submitted="2023-07-05")}
    tasks = ["units: [县财政局], deadline: 每季度"]
    t = judge(tasks, q2, as_of="2023-10-15").tasks[0]  # Q3 had nothing: missed; Q4 itself not started
    assert (t.code, [(a.unit, a.missed) for a in t.missed]) == ("not_started", [("县财政局", D(2023, 9, 30))])
    assert judge(tasks, q2, as_of="2023-08-15").tasks[0].missed == []  # Q2 was done


def test_a_round_whose_done_was_taken_back_inside_it_was_missed(judge):
    """The previous round is judged as the current one is, on its due day: a done followed,
    still inside the round, by in_progress (the latest entry then) did not finish it."""
    q3 = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3",
          "task: t2023-01, status: done, date: 2023-08-01", "task: t2023-01, status: in_progress, date: 2023-09-01")}
    tasks = ["units: [县财政局], deadline: 每季度"]
    assert judge(tasks, q3, as_of="2023-09-30").tasks[0].code == "due_soon"  # Q3 on its last day: not done
    t = judge(tasks, q3, as_of="2023-10-05").tasks[0]
    assert [(a.unit, a.missed) for a in t.missed] == [("县财政局", D(2023, 9, 30))]
    q3["data/progress/2023Q3/县财政局.yaml"] = progress("县财政局", "2023Q3",
          "task: t2023-01, status: in_progress, date: 2023-08-01", "task: t2023-01, status: done, date: 2023-09-01")
    assert judge(tasks, q3, as_of="2023-10-05").tasks[0].missed == []


def test_an_occurrence_before_the_plan_was_issued_was_not_owed(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 每季度", issued_on="2023-04-01")})
    t = status.compute(model.build(repo.load(root)), D(2023, 4, 15)).tasks[0]
    assert t.missed == []  # 2023Q1 ended before the plan was issued


def test_recurring_due_inside_each_year_is_judged_from_due_day_to_due_day(judge):
    """每年3月31日前: the 2023 occurrence runs 2022-04-01 … 2023-03-31, the next one from 04-01."""
    q1 = {"data/progress/2023Q1/县财政局.yaml": progress("县财政局", "2023Q1", "task: t2023-01, status: done, date: 2023-03-20", submitted="2023-04-05")}
    tasks = ["units: [县财政局], deadline: 每年3月31日前"]
    assert judge(tasks, {}, as_of="2023-03-10").tasks[0].code == "due_soon"
    t = judge(tasks, q1, as_of="2023-03-25").tasks[0]
    assert (t.code, t.due) == ("done", D(2023, 3, 31))
    t = judge(tasks, q1, as_of="2023-04-01").tasks[0]  # the next occurrence: this year's done is not next year's
    assert (t.code, t.due) == ("not_started", D(2024, 3, 31))


def test_task_status_is_the_worst_assignment_and_counts_done(judge):
    files = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: done, date: 2023-09-01")}
    t = judge(["units: [县财政局, 县审计局, 各乡镇（街道）], deadline: 2023-12-31"], files).tasks[0]
    assert [a.unit for a in t.assignments] == ["县财政局", "县审计局", "甲镇"]
    assert (t.code, t.done, t.total) == ("not_started", 1, 3)
    assert t.info.lead == "县财政局"


def test_a_group_that_leads_is_shown_as_lead(judge):
    t = judge(["units: [各乡镇（街道）, 县财政局], deadline: 2023-12-31"]).tasks[0]
    assert t.info.lead == "各乡镇（街道）" and [a.unit for a in t.assignments] == ["甲镇", "县财政局"]


def test_the_order_is_designs_and_tasks_sort_worst_first(judge):
    assert status.ORDER == ["overdue", "due_soon", "blocked", "ongoing:unreported", "not_started", "in_progress",
                            "done_late", "done", "ongoing:reported", "as_needed",
                            "unit_ended"]  # (gk's extension: owed by no one, docs/decisions.md 单位的撤销与合并)
    r = judge(["units: [县财政局], deadline: 适时", "units: [县财政局], deadline: 2023-01-31",
               "units: [县财政局], deadline: 长期", "units: [县财政局], deadline: 2023-10-20"])
    assert [t.key for t in r.tasks] == ["overdue", "due_soon", "ongoing:unreported", "as_needed"]


def test_not_reported_lists_units_without_a_file_for_the_period(judge):
    files = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: done, date: 2023-09-01")}
    r = judge(["units: [县财政局, 县审计局, 各乡镇（街道）], deadline: 2023-12-31"], files)
    assert str(r.period) == "2023Q3" and r.not_reported == ["县审计局", "甲镇"]


def test_a_plan_issued_after_the_period_owes_nothing_yet(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 长期", issued_on="2023-10-01")})
    r = status.compute(model.build(repo.load(root)), D(2023, 10, 15))
    assert r.not_reported == []
    # nor is its 长期 task 长期·未报告 for 2023Q3, a quarter before it: not started until a report
    # is owed (the first reporting period ending after it came into force) or the unit says something
    assert [(t.key, [a.key for a in t.assignments]) for t in r.tasks] == [("not_started", ["not_started"])]
    assert status.compute(model.build(repo.load(root)), D(2024, 1, 2)).tasks[0].key == "ongoing:unreported"  # 2023Q4 is owed
    files = {"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 长期", issued_on="2023-10-01")}
    files["data/progress/2023Q4/县财政局.yaml"] = progress("县财政局", "2023Q4", "task: t2023-01, status: in_progress, date: 2023-10-12")
    assert status.compute(model.build(repo.load(make_repo(files))), D(2023, 10, 15)).tasks[0].key == "ongoing:reported"


def test_unit_filter_judges_only_that_units_assignments(judge, make_repo):
    files = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-01, status: done, date: 2023-09-01")}
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局, 县审计局], deadline: 2023-12-31"), **files})
    m = model.build(repo.load(root))
    assert status.compute(m, D(2023, 10, 15), units={"县财政局"}).tasks[0].code == "done"
    assert status.compute(m, D(2023, 10, 15), units={"县审计局"}).tasks[0].code == "not_started"


def test_progress_filed_under_an_alias_counts_for_the_unit(judge):
    files = {"data/progress/2023Q3/县财政.yaml": progress("县财政", "2023Q3", "task: t2023-01, status: done, date: 2023-09-01")}
    r = judge(["units: [县财政局], deadline: 2023-12-31"], files)
    assert r.tasks[0].code == "done" and r.not_reported == []


def test_a_next_years_plan_issued_in_december_owes_next_years_occurrences(make_repo):
    text = plan("units: [县财政局], deadline: 每季度", issued_on="2023-12-20").replace("t2023", "yd2024")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": text})
    m = model.build(repo.load(root))
    t = status.compute(m, D(2023, 12, 25)).tasks[0]
    assert (t.code, t.due) == ("not_started", D(2024, 3, 31))  # not 临期 for a 2023Q4 it never owed
    assert status.compute(m, D(2024, 1, 15)).tasks[0].missed == []


@pytest.mark.parametrize("deadline, due", [("每季度结束后10个工作日内", D(2025, 4, 15)), ("每月结束后5个工作日内", D(2025, 2, 10)),
                                           ("每季度结束后10日内", D(2025, 4, 10)), ("每季度", D(2025, 3, 31))])
def test_a_next_years_plan_owes_no_lag_of_this_years_last_period(make_repo, deadline, due):
    text = plan(f"units: [县财政局], deadline: {deadline}", issued_on="2024-12-20").replace("t2023", "yd2025")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": text})
    m = model.build(repo.load(root))
    assert status.compute(m, D(2024, 12, 25)).tasks[0].due == due
    assert status.compute(m, D(2025, 1, 20)).tasks[0].missed == []


@pytest.mark.parametrize("deadline", ["每年3月31日前", "每年1月、7月", "每季度首月10日前"])
def test_no_occurrence_before_the_plan_was_issued_is_missed(make_repo, deadline):
    """A plan issued on 2024-06-01 owes nothing due before then: not the March, January or April before it."""
    text = plan(f"units: [县财政局], deadline: {deadline}", issued_on="2024-06-01").replace("t2023", "xh2024")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": text})
    m = model.build(repo.load(root))
    for day in (D(2024, 6, 5), D(2024, 12, 1)):
        t = status.compute(m, day).tasks[0]
        assert [a.missed for a in t.missed if a.missed and a.missed < D(2024, 6, 1)] == [], (day, t.missed)


@pytest.mark.parametrize("period", ["0000Q1", "9999Q4", "1899Q4"])
def test_a_period_out_of_gks_years_is_a_data_error_not_a_crash(make_repo, period):
    """0000Q1 has no days, and 9999Q4 no next quarter (GK407 crashed on it): the schema takes the
    years the command line takes (1900–2999), as it refuses 2023Q5 (GK105)."""
    files = {"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 每季度"),
             f"data/progress/{period}/县财政局.yaml": progress("县财政局", period, "task: t2023-01, status: done, date: 2023-09-01")}
    loaded = repo.load(make_repo(files))
    assert [f.code for f in loaded.findings] == ["GK105"] and loaded.progress == []


def test_a_monthly_task_is_due_soon_only_in_its_last_ten_days(judge):
    """With the 30-day window a 每月 task would be 临期 every day of the year."""
    tasks = ["units: [县财政局], deadline: 每月", "units: [县财政局], deadline: 每季度"]
    early, late = judge(tasks, as_of="2023-10-15"), judge(tasks, as_of="2023-10-22")
    assert [t.code for t in early.tasks if t.info.id == "t2023-01"] == ["not_started"]
    assert [t.code for t in late.tasks if t.info.id == "t2023-01"] == ["due_soon"]
    assert [t.code for t in early.tasks if t.info.id == "t2023-02"] == ["not_started"]  # 77 days to go
    assert [t.code for t in judge(tasks, as_of="2023-12-01").tasks if t.info.id == "t2023-02"] == ["due_soon"]  # the window as set


def test_a_plan_issued_on_a_rounds_last_day_does_not_owe_that_round(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 每季度", issued_on="2023-03-31")})
    t = status.compute(model.build(repo.load(root)), D(2023, 4, 15)).tasks[0]
    assert t.missed == [] and t.code == "not_started"


def test_fail_on_missed_catches_a_recurring_round_nobody_did(make_repo):
    """A missed round is judged on the current round (DESIGN), so --fail-on overdue passes it;
    --fail-on missed (上一期未完成) is there for CI that must not let it pass."""
    from conftest import run_gk

    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 每季度")})
    env = {"GK_TODAY": "2023-10-15"}
    assert run_gk("status", "--fail-on", "overdue", cwd=root, env=env).returncode == 0
    assert run_gk("status", "--fail-on", "missed", cwd=root, env=env).returncode == 1
    assert run_gk("status", "--fail-on", "上一期未完成", cwd=root, env=env).returncode == 1
    j = run_gk("status", "--state", "missed", "-f", "json", cwd=root, env=env)
    import json

    assert [t["id"] for t in json.loads(j.stdout)["tasks"]] == ["t2023-01"]


def test_a_misfiled_or_late_dated_entry_is_said_on_stderr(make_repo):
    """Status counts a progress file under another unit's name (GK401) and an entry dated after
    its quarter (GK404) as written: it must say so, as it says the errors it leaves out."""
    from conftest import run_gk

    plan = "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 甲, units: [县人社局, 县财政局], deadline: 2023年12月底前}\n"
    units = "units:\n  - {name: 县人社局, kind: department}\n  - {name: 县财政局, kind: department}\n"
    cases = {
        "GK401": ("data/progress/2023Q3/县财政局.yaml", "unit: 县人社局\nperiod: 2023Q3\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-01}\n"),
        "GK404": ("data/progress/2023Q3/县财政局.yaml", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t2023-01, status: done, date: 2023-10-09}\n"),
        # a period other than its folder's, a folder no quarter is spelt as, a key written twice (the last is read)
        "GK401 ": ("data/progress/2023Q3/县财政局.yaml", "unit: 县财政局\nperiod: 2023Q2\nentries:\n  - {task: t2023-01, status: done, date: 2023-06-09}\n"),
        "GK401  ": ("data/progress/2023q3/县财政局.yaml", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-09}\n"),
        "GK103": ("data/progress/2023Q3/县财政局.yaml", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-02\n    task: t2023-01\n    status: done\n    date: 2023-09-09\n"),
    }
    for code, (path, text) in cases.items():
        root = make_repo({"data/units/u.yaml": units, "data/tasks/t.yaml": plan, path: text})
        r = run_gk("status", "--as-of", "2023-10-20", cwd=root)
        assert r.returncode == 0
        assert f"{path}:" in r.stderr and code.strip() in r.stderr and "按原样计入" in r.stderr, (code, r.stderr)
    # an entry for a task that does not exist (xh2023-6 for xh2023-06) counts for nothing: said, never silently
    root = make_repo({"data/units/u.yaml": units, "data/tasks/t.yaml": plan,
                      "data/progress/2023Q3/县财政局.yaml": "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t2023-1, status: done, date: 2023-09-01}\n"})
    r = run_gk("status", "--as-of", "2023-10-20", cwd=root)
    assert "GK402" in r.stderr and "未计入" in r.stderr, r.stderr


# --- plan.ends_on: a plan that has ended (docs/decisions.md, 方案与完成时限) ---

def _ended(make_repo, tasks: list[str], files: dict[str, str] | None = None, ends_on: str | None = "2023-12-31"):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan(*tasks, ends_on=ends_on), **(files or {})})
    return model.build(repo.load(root))


def _shape(report):
    return [(t.info.id, t.key, t.due, t.days, [(a.unit, a.key, a.due, a.missed, a.entry and a.entry.entry.date)
                                               for a in t.assignments]) for t in report.tasks], report.not_reported


def test_an_ended_plans_recurring_task_is_judged_on_its_last_occurrence(make_repo):
    """After ends_on there is no new round: the last one is judged as a one-off task due its due day."""
    tasks = ["units: [县财政局], deadline: 每年", "units: [县财政局], deadline: 每季度",
             "units: [县财政局], deadline: 每季度", "units: [县财政局], deadline: 每年"]
    files = {
        "data/progress/2023Q4/县财政局.yaml": progress("县财政局", "2023Q4", "task: t2023-02, status: done, date: 2023-12-10",
                                                    "task: t2023-04, status: done, date: 2023-11-01", submitted="2024-01-05"),
        "data/progress/2024Q1/县财政局.yaml": progress("县财政局", "2024Q1", "task: t2023-03, status: done, date: 2024-01-05",
                                                    "task: t2023-04, status: in_progress, date: 2024-02-01", submitted="2024-04-05"),
    }
    s = by_id(status.compute(_ended(make_repo, tasks, files), D(2026, 8, 1)))
    assert (s["t2023-01"].code, s["t2023-01"].due, s["t2023-01"].days) == ("overdue", D(2023, 12, 31), -944)  # not due 2026-12-31
    assert (s["t2023-02"].code, s["t2023-02"].due) == ("done", D(2023, 12, 31))  # not not_started for 2026Q3
    assert (s["t2023-03"].code, s["t2023-03"].due) == ("done_late", D(2023, 12, 31))  # done after the last round's end
    assert s["t2023-04"].code == "done"  # word after the plan ended does not undo its last round


def test_the_last_occurrence_is_the_one_holding_ends_on(make_repo):
    """Not the last one due by ends_on: the round judged on ends_on stays the one judged after it
    (a plan ending 2024-06-30 owes 2024's 每年 round), and a round due after its quarter keeps the last quarter."""
    m = _ended(make_repo, ["units: [县财政局], deadline: 每年"], ends_on="2024-06-30")
    before, after, later = (status.compute(m, d).tasks[0] for d in (D(2024, 6, 30), D(2024, 9, 1), D(2025, 2, 1)))
    assert (before.code, before.due) == (after.code, after.due) == ("not_started", D(2024, 12, 31))
    assert (later.code, later.due) == ("overdue", D(2024, 12, 31))
    lag = _ended(make_repo, ["units: [县财政局], deadline: 每季度结束后10个工作日内"])
    t = status.compute(lag, D(2026, 8, 1)).tasks[0]
    assert (t.code, t.due) == ("overdue", D(2024, 1, 15))  # 2023Q4's round, due in January


def test_an_ended_plans_ongoing_task_is_judged_for_its_last_reporting_period(make_repo):
    tasks = ["units: [县财政局, 县审计局], deadline: 长期"]
    files = {"data/progress/2023Q4/县财政局.yaml": progress("县财政局", "2023Q4", "task: t2023-01, status: in_progress, date: 2023-11-01",
                                                         submitted="2024-01-05")}
    t = status.compute(_ended(make_repo, tasks, files), D(2026, 8, 1)).tasks[0]
    assert [(a.unit, a.key) for a in t.assignments] == [("县财政局", "ongoing:reported"), ("县审计局", "ongoing:unreported")]
    # ending inside 2024Q1, it asked for reports up to 2023Q4 (the last quarter to end by then)
    t = status.compute(_ended(make_repo, tasks, files, ends_on="2024-02-10"), D(2026, 8, 1)).tasks[0]
    assert t.assignments[0].key == "ongoing:reported"
    t = status.compute(_ended(make_repo, tasks, files, ends_on="2024-03-31"), D(2026, 8, 1)).tasks[0]
    assert t.assignments[0].key == "ongoing:unreported"  # 2024Q1 is then its last period


def test_one_off_tasks_stay_overdue_after_the_plan_ends(make_repo):
    s = status.compute(_ended(make_repo, ["units: [县财政局], deadline: 2023-06-30"]), D(2026, 8, 1)).tasks[0]
    assert (s.code, s.due) == ("overdue", D(2023, 6, 30))


def test_an_ended_plan_asks_no_progress_for_periods_after_it(make_repo):
    tasks = ["units: [县财政局, 县审计局], deadline: 长期"]
    m = _ended(make_repo, tasks)
    assert status.compute(m, D(2024, 1, 15)).not_reported == ["县财政局", "县审计局"]  # 2023Q4: in force
    assert status.compute(m, D(2024, 4, 15)).not_reported == []  # 2024Q1 starts after it ended
    assert status.compute(m, D(2026, 8, 1)).not_reported == []
    mid = _ended(make_repo, tasks, ends_on="2024-02-10")
    assert status.compute(mid, D(2024, 4, 15)).not_reported == ["县财政局", "县审计局"]  # in force for part of 2024Q1


def test_before_ends_on_status_is_as_without_it(make_repo, tmp_path):
    """ends_on changes nothing up to the plan's last day."""
    from conftest import write_tree

    tasks = ["units: [县财政局], deadline: 每年", "units: [县财政局], deadline: 每季度", "units: [县财政局, 县审计局], deadline: 长期",
             "units: [县财政局], deadline: 2023-06-30", "units: [县财政局], deadline: 每季度结束后10个工作日内",
             "units: [县财政局], deadline: 适时"]
    files = {"data/progress/2023Q3/县财政局.yaml": progress("县财政局", "2023Q3", "task: t2023-02, status: done, date: 2023-08-01",
                                                         "task: t2023-03, status: in_progress, date: 2023-09-01")}
    with_end = _ended(make_repo, tasks, files)
    plain = model.build(repo.load(write_tree(tmp_path / "plain", {"gk.toml": 'county = "测试县"\n', "data/units/u.yaml": UNITS,
                                                                   "data/tasks/t.yaml": plan(*tasks), **files})))
    for day in (D(2023, 3, 15), D(2023, 8, 15), D(2023, 10, 15), D(2023, 12, 10), D(2023, 12, 31)):
        assert _shape(status.compute(with_end, day)) == _shape(status.compute(plain, day)), day
        assert status.compute(with_end, day).ended == []


def test_status_says_which_plans_have_ended(make_repo):
    from conftest import run_gk

    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 长期", ends_on="2023-12-31")})
    r = run_gk("status", "--as-of", "2026-08-01", cwd=root)
    assert r.returncode == 0, r.stderr
    assert "方案《测试》（t2023）已于 2023-12-31 结束" in r.stderr and "长期任务按2023年第四季度判断" in r.stderr
    assert "结束" not in run_gk("status", "--as-of", "2023-12-31", cwd=root).stderr


def test_a_deadline_counted_from_the_plans_own_issue_day(judge, make_repo):
    """即日起30日内 / 本通知印发之日起10个工作日内 are due that long after the plan's issued_on (the
    parser alone reads them as 适时: never overdue); without issued_on it is GK304, never 适时."""
    r = judge(["units: [县财政局], deadline: 即日起30日内", "units: [县财政局], deadline: 本通知印发之日起10个工作日内",
               "units: [县财政局], deadline: 文件印发后3个工作日内"], as_of="2023-04-03")
    got = {t.info.id: (t.key, t.due) for t in r.tasks}
    assert got == {"t2023-01": ("overdue", D(2023, 3, 31)), "t2023-02": ("overdue", D(2023, 3, 15)), "t2023-03": ("as_needed", None)}
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": plan("units: [县财政局], deadline: 即日起30日内").replace(", issued_on: 2023-03-01", "")})
    m = model.build(repo.load(root))
    assert status.compute(m, D(2023, 4, 3)).tasks[0].key == "not_started"
    found = [f for f in engine.lint(repo.load(root)) if f.code == "GK304"]
    assert found and "issued_on" in found[0].message and "issued_on" in found[0].hint
