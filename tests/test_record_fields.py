"""A task, plan or progress entry with a wrong field that nothing is counted from (detail, category, others,
issued_by, note, evidence) keeps the rest (repo.salvage, as units do): an overdue task must not leave the
status and the report because its 具体工作 was written as a list. A wrong deadline counts as none, as an
unreadable one does (GK304), and is said once. A wrong id, title, units, date or status still leaves the
record out: read without it, it would say something else."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import run_gk
from gkcli import status as st
from gkcli.model import build
from gkcli.repo import load

D = dt.date
UNITS = "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县发改局, kind: department}\n"


def _lint(root) -> list[str]:
    r = run_gk("lint", "--data", str(root))
    assert "Traceback" not in r.stderr
    return [m.group(1) for line in r.stdout.splitlines() if (m := re.search(r":\d+:\d+: (GK\d{3} .*)", line))]


def _tasks(make_repo, task: str, plan: str = "{id: t2024, title: 方案, issued_on: 2024-01-10}", progress: str = ""):
    files = {"data/units/u.yaml": UNITS,
             "data/tasks/t.yaml": f"plan: {plan}\ntasks:\n  - {{id: t2024-01, title: 正常, units: [县发改局], deadline: 2024-03-31}}\n  - {task}\n"}
    if progress:
        files["data/progress/2024Q1/县财政局.yaml"] = f"unit: 县财政局\nperiod: 2024Q1\nentries:\n  - {progress}\n"
    root = make_repo(files)
    return root, build(load(root, cache=False))


@pytest.mark.parametrize("field, said", [
    ("detail: [公开目录, 公开内容]", "GK105 detail（具体工作）应为文字"),
    ("category: [甲类]", "GK105 category（类别）应为文字"),
    ("others: {等: 县级有关部门}", "GK105 others"),
])
def test_an_overdue_task_with_a_wrong_text_field_stays_overdue(make_repo, field, said):
    root, m = _tasks(make_repo, f"{{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31, {field}}}")
    t = next((t for t in st.compute(m, D(2024, 4, 2)).tasks if t.info.id == "t2024-02"), None)
    assert t is not None and t.code == "overdue" and t.total == 1
    found = _lint(root)
    assert len(found) == 1 and found[0].startswith(said), found
    assert "Traceback" not in (r := run_gk("report", "--quarter", "2024Q1", "--data", str(root))).stderr
    assert "2 项任务" in r.stdout


def test_a_wrong_deadline_counts_as_none_and_is_said_once(make_repo):
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: {date: 2024-03-31}}")
    t = next((t for t in st.compute(m, D(2024, 4, 2)).tasks if t.info.id == "t2024-02"), None)
    assert t is not None and t.due is None and t.code == "not_started"
    found = _lint(root)
    assert found == [found[0]] and found[0].startswith("GK105 deadline（完成时限）应为文字"), found  # no GK304 "缺少完成时限" too
    r = run_gk("lint", "--data", str(root))
    assert "完成时限只写一个" in r.stdout and "县财政局" not in r.stdout.split("完成时限只写一个")[1].splitlines()[0]
    s = run_gk("status", "--data", str(root), "--as-of", "2024-04-02")  # status says it as lint does: once
    assert "数据中有 1 个错误" in s.stderr and "缺少完成时限" not in s.stderr, s.stderr


@pytest.mark.parametrize("field", ["units: 县财政局", "title: [甲, 乙]", "id: [t2024-02]"])
def test_a_task_whose_counted_field_is_wrong_is_still_left_out(make_repo, field):
    root, m = _tasks(make_repo, f"{{id: t2024-02, title: 甲, deadline: 2024-03-31, {field}}}")
    assert [t.id for t in m.tasks] == ["t2024-01"]  # units: 县财政局 must not become the plan's default units


def test_a_misspelt_counted_field_beside_a_wrong_text_leaves_the_task_out(make_repo):
    # deadlien: the task has no deadline as read; kept, an overdue task would read 未启动 (repo._COUNTED)
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadlien: 2024-03-31, detail: [a]}")
    assert [t.id for t in m.tasks] == ["t2024-01"]
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31, notes: x, detail: [a]}")
    assert [t.id for t in m.tasks] == ["t2024-01", "t2024-02"]


def test_a_plan_with_a_wrong_issuer_keeps_its_tasks(make_repo):
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31}",
                     plan="{id: t2024, title: 方案, issued_on: 2024-01-10, issued_by: [县政府办]}")
    assert [t.id for t in m.tasks] == ["t2024-01", "t2024-02"]
    assert _lint(root)[0].startswith("GK105 issued_by")
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31}",
                     plan="{id: t2024, title: 方案, issued_on: 2024-02-30}")
    assert m.tasks == []  # from when the plan counts is no text to leave out


def test_a_done_entry_with_a_wrong_note_still_counts(make_repo):
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31}",
                     progress="{task: t2024-02, status: done, date: 2024-03-20, note: [已公开, 已归档]}")
    t = next(t for t in st.compute(m, D(2024, 4, 2)).tasks if t.info.id == "t2024-02")
    assert t.code == "done"
    found = _lint(root)
    assert len(found) == 1 and found[0].startswith("GK105 note（说明）应为文字"), found
    root, m = _tasks(make_repo, "{id: t2024-02, title: 甲, units: [县财政局], deadline: 2024-03-31}",
                     progress="{task: t2024-02, status: done, date: 2024-03-32, note: x}")
    t = next(t for t in st.compute(m, D(2024, 4, 2)).tasks if t.info.id == "t2024-02")
    assert t.code == "overdue"  # a wrong date: the entry is not counted


def test_a_catalog_domain_with_a_wrong_row_keeps_the_rest(make_repo):
    # one items row with a list for its 公开内容 dropped the whole domain: its publications' unknown unit
    # (GK202) and the domain itself went unseen; now only that row is left out
    root = make_repo({
        "data/units/u.yaml": UNITS + "  - {name: 甲镇, kind: township}\n",
        "data/tasks/t.yaml": "plan: {id: t2024, title: 方案}\ntasks:\n  - {id: t2024-01, title: 甲, units: [县财政局], deadline: 2024-12-31}\n",
        "data/catalog/03.yaml": "name: 财政预算决算\n\"no\": 3\ncounty_units: [县财政局]\ntownship_units: [甲镇]\n"
                                "published:\n  - {unit: 县审计局, url: \"https://a.gov.cn/x\", date: 2023-05-01}\n"
                                "items:\n  - {matter: 预算, content: [a, b]}\n  - {matter: 决算}\n",
    })
    repo = load(root, cache=False)
    assert [(d.name, [i.matter for i in d.items]) for d in repo.catalog] == [("财政预算决算", ["决算"])]
    found = _lint(root)
    assert sorted(f[:5] for f in found) == ["GK105", "GK202"], found
    r = run_gk("lint", "--data", str(root))
    assert "写成一段文字" in r.stdout
