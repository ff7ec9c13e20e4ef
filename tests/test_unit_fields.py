"""A unit or group with one wrong field keeps the rest (repo.salvage): the mistake is said once, where it
is, and the unit still counts in every task that names it (no GK202 for each of them, no task short of it)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import run_gk
from gkcli import status as st
from gkcli.model import build
from gkcli.repo import load

D = dt.date

TASKS = ("plan: {id: t2024, title: 方案, issued_on: 2024-01-10}\ntasks:\n"
         "  - {id: t2024-01, title: 甲, units: [县财政局, 县发改委], deadline: 2024-12-31}\n"
         "  - {id: t2024-02, title: 乙, units: [各部门], deadline: 2024-12-31}\n")


def _repo(make_repo, unit_lines: str, group_lines: str = "    members: {kind: [department]}\n"):
    return make_repo({
        "data/units/u.yaml": "units:\n  - name: 县发改局\n    kind: department\n    aliases: [县发改委]\n"
                             f"  - name: 县财政局\n{unit_lines}groups:\n  - name: 各部门\n{group_lines}",
        "data/tasks/t.yaml": TASKS,
    })


def _lint(root) -> list[str]:
    r = run_gk("lint", "--data", str(root))
    assert "Traceback" not in r.stderr
    return [m.group(1) for line in r.stdout.splitlines() if (m := re.search(r":\d+:\d+: (GK\d{3} .*)", line))]


@pytest.mark.parametrize("lines, code, fix", [
    ("    kind: departmnt\n", "GK105 kind（类别）的取值 “departmnt” 不在允许范围内", "写作 department"),
    ("    kind: department\n    ends_on: 2024-02-30\n", "GK105 ends_on（结束日期）应为日期，而不是 “2024-02-30”", "没有 30 日"),
    ("    kind: department\n    starts_on: 2024年4月1日\n", "GK105 starts_on（成立日期）应为日期", ""),
    ("    kind: department\n    alias: [县财政]\n", "GK104 未知字段 alias", "是不是 aliases？改正之前，其中的名称都不算这个单位"),
    ("    kind: department\n    aliases: [县财政, [县]]\n", "GK105 aliases（别名）应为文字", ""),
])
def test_a_unit_with_one_wrong_field_stays(make_repo, lines, code, fix):
    root = _repo(make_repo, lines)
    m = build(load(root, cache=False))
    assert "县财政局" in m.resolver.units
    assert m.by_id["t2024-01"].units == ["县财政局", "县发改局"]
    said = _lint(root)
    assert len(said) == 1 and said[0].startswith(code), said
    r = run_gk("lint", "--data", str(root))
    assert fix in r.stdout
    t = next(t for t in st.compute(m, D(2024, 6, 1)).tasks if t.info.id == "t2024-01")
    assert t.total == 2


def test_a_wrong_ending_is_not_judged(make_repo):
    """ends_on wrong: the unit is not taken as ended (its work stays its own), and a successor alone is no
    second finding (GK214 'successor without ends_on')."""
    root = _repo(make_repo, "    kind: department\n    ends_on: 2024-02-30\n    successor: 县发改局\n")
    m = build(load(root, cache=False))
    u = m.resolver.units["县财政局"]
    assert (u.ends_on, u.successor, u.kind) == (None, None, "department")
    assert m.by_id["t2024-02"].units == ["县发改局", "县财政局"]
    assert len(_lint(root)) == 1


def test_a_unit_with_a_wrong_name_is_left_out_as_before(make_repo):
    root = make_repo({"data/units/u.yaml": "units:\n  - name: 县发改局\n    aliases: [县发改委]\n  - name: [县财政局]\n    kind: department\n"
                                           "groups:\n  - {name: 各部门, members: [县发改局]}\n",
                      "data/tasks/t.yaml": TASKS})
    m = build(load(root, cache=False))
    assert "县财政局" not in m.resolver.units
    said = _lint(root)
    assert len(said) == 1 and said[0].startswith("GK105 name"), said  # (no GK202 for the tasks naming it)


@pytest.mark.parametrize("group_lines, members", [
    ("    members: {kind: [department, streat]}\n", ["县发改局", "县财政局"]),  # the wrong kind only
    ("    aliases: [各单位, [各]]\n    members: {kind: [department]}\n", ["县发改局", "县财政局"]),
    ("    members: [县发改局, 县财政局, [县]]\n", ["县发改局", "县财政局"]),
])
def test_a_group_with_one_wrong_field_stays(make_repo, group_lines, members):
    root = _repo(make_repo, "    kind: department\n", group_lines)
    m = build(load(root, cache=False))
    assert m.by_id["t2024-02"].units == members
    said = _lint(root)
    assert len(said) == 1 and said[0].startswith("GK105"), said


def test_a_group_with_no_right_member_is_left_out_as_before(make_repo):
    root = _repo(make_repo, "    kind: department\n", "    members: {kind: [departmnt]}\n")
    m = build(load(root, cache=False))
    assert "各部门" not in {g.name for g in m.repo.groups}
    said = _lint(root)
    assert len(said) == 1 and "departmnt" in said[0], said


def test_a_spelling_under_a_misspelt_key_is_not_a_second_finding(make_repo):
    """`alias: [县财政]` is GK104; a task naming 县财政 is not also GK202 (the unit's spelling was there,
    under the wrong key), as when the whole unit was left out."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - name: 县财政局\n    alias: [县财政]\n",
        "data/tasks/t.yaml": "plan: {id: t2024, title: 方案, issued_on: 2024-01-10}\ntasks:\n"
                             "  - {id: t2024-01, title: 甲, units: [县财政], deadline: 2024-12-31}\n",
    })
    said = _lint(root)
    assert len(said) == 1 and said[0].startswith("GK104 未知字段 alias"), said


def test_an_unknown_member_beside_a_wrong_one_is_still_said(make_repo):
    """members: [县财政局, {name: 县发改局}, 县政务服务中心]: the dict is GK105, and 县政务服务中心, a name no
    unit has, was taken for a spelling the loader had left out: it left the group with nothing said."""
    root = _repo(make_repo, "    kind: department\n", "    members: [县财政局, {name: 县发改局}, 县政务服务中心]\n")
    found = _lint(root)
    assert any(f.startswith("GK105") for f in found) and any(f.startswith("GK206") and "县政务服务中心" in f for f in found), found


@pytest.mark.parametrize("lines, said, hint", [
    ("    kind: department\n    ends_on: 2024-03-31\n    successor: [县发改局]\n", "而不是 [县发改局]", "不加方括号：县发改局"),
    ("    kind: department\n    full_name: [甲, 乙]\n", "而不是 [甲, 乙]", "不是列表"),
])
def test_a_list_where_one_name_goes_is_told_to_drop_the_brackets(make_repo, lines, said, hint):
    """给值加上引号 for successor: [县农业农村局] gave a name with brackets in it (GK214 next)."""
    found = _lint(_repo(make_repo, lines))
    assert any(f.startswith("GK105") and said in f for f in found), found
    r = run_gk("lint", "--data", str(_repo(make_repo, lines)))
    assert hint in r.stdout and "给值加上引号" not in r.stdout, r.stdout
