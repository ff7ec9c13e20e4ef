"""Lists pasted into one option value: `-u 县财政局,县教育局`, `、`, `，` (gkcli/lists.py).

A unit's or group's name may itself hold a `、` (各乡镇人民政府、街道办事处): such a name is taken
whole; anything else is split, and an unknown piece is said as a single unknown name is."""

from __future__ import annotations

import json

import pytest

from conftest import write_tree
from gkcli import lists

UNITS = """
    units:
      - {name: 县财政局, kind: department}
      - {name: 县教育局, kind: department}
      - {name: 县审计局, kind: department}
      - {name: 县委办、县政府办, kind: department, aliases: [两办]}
      - {name: 甲镇, kind: township}
      - {name: 乙镇, kind: township}
    groups:
      - {name: 各乡镇人民政府、街道办事处, aliases: [各乡镇（街道）], members: {kind: [township]}}
    """
TASKS = """
    plan: {id: t2023, title: 测试方案, issued_on: 2023-03-01}
    tasks:
      - {id: t2023-01, title: 任务一, units: [县财政局], deadline: 2023-12-31}
      - {id: t2023-02, title: 任务二, units: [县教育局], deadline: 2023-12-31}
      - {id: t2023-03, title: 任务三, units: [县审计局], deadline: 2023-12-31}
      - {id: t2023-04, title: 任务四, units: [两办], deadline: 2023-12-31}
      - {id: t2023-05, title: 任务五, units: [各乡镇（街道）], deadline: 2023-12-31}
    """


@pytest.fixture
def root(make_repo):
    return make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS})


def units_shown(gk, root, *args) -> list[str]:
    p = gk("status", "--as-of", "2023-10-15", "-f", "json", *args, cwd=root)
    assert p.returncode == 0, p.stderr
    return sorted({a["unit"] for t in json.loads(p.stdout)["tasks"] for a in t["assignments"]})


# --- the helper ---------------------------------------------------------------------------------


def test_split_takes_every_separator_people_type():
    assert lists.split(["已逾期,临期", "受阻，推进中、 已完成 ", ",,"]) == ["已逾期", "临期", "受阻", "推进中", "已完成"]
    assert lists.split(None) == []


@pytest.mark.parametrize("value, want", [
    ("县财政局", ["县财政局"]),
    ("县财政局,县教育局", ["县财政局", "县教育局"]),
    ("县财政局、县教育局", ["县财政局", "县教育局"]),
    ("县财政局，县教育局, 县审计局", ["县财政局", "县教育局", "县审计局"]),
    ("县财政局,", ["县财政局"]),
    ("县委办、县政府办", ["县委办、县政府办"]),  # a name with 、 in it, whole
    ("县财政局,县委办、县政府办，甲镇", ["县财政局", "县委办、县政府办", "甲镇"]),  # ... and inside a list
    ("县财正局、县教育局", ["县财正局", "县教育局"]),  # an unknown piece stays, for the resolver to say
    ("县财正局", ["县财正局"]),
    (",", [","]),  # nothing but separators: as written ("找不到单位“,”")
])
def test_unit_refs(value, want):
    known = {"县财政局", "县教育局", "县审计局", "县委办、县政府办", "甲镇"}
    assert lists.unit_refs([value], known.__contains__) == want


# --- the commands ---------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["县财政局,县教育局", "县财政局、县教育局", "县财政局，县教育局", "县财政局, 县教育局,"])
def test_status_takes_a_pasted_list(gk, root, written):
    assert units_shown(gk, root, "-u", written) == ["县教育局", "县财政局"]
    assert units_shown(gk, root, "-u", written) == units_shown(gk, root, "-u", "县财政局", "-u", "县教育局")


def test_a_name_with_a_separator_in_it_is_one_name(gk, root):
    assert units_shown(gk, root, "-u", "各乡镇人民政府、街道办事处") == ["乙镇", "甲镇"]
    assert units_shown(gk, root, "-u", "县委办、县政府办") == ["县委办、县政府办"]
    assert units_shown(gk, root, "-u", "县审计局,县委办、县政府办") == ["县委办、县政府办", "县审计局"]
    assert units_shown(gk, root, "-u", "两办、各乡镇（街道）") == sorted(["乙镇", "甲镇", "县委办、县政府办"])


@pytest.mark.parametrize("command", [["status"], ["export", "-o", "x.xlsx"], ["report", "--quarter", "2023Q3"]])
def test_an_unknown_piece_is_said_as_an_unknown_name(gk, root, command):
    p = gk(*command, "-u", "县财政局、县教肓局", cwd=root)
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert "找不到单位“县教肓局”" in p.stderr and "是不是“县教育局”？" in p.stderr, p.stderr
    assert p.stderr == gk(*command, "-u", "县教肓局", cwd=root).stderr  # word for word what one unknown name gets
    assert not (root / "x.xlsx").exists()


def test_export_takes_a_pasted_list(gk, root):
    from openpyxl import load_workbook

    p = gk("export", "-o", "x.xlsx", "--as-of", "2023-10-15", "-u", "县财政局、县教育局", cwd=root)
    assert p.returncode == 0, p.stderr
    rows = list(load_workbook(root / "x.xlsx")["台账"].iter_rows(values_only=True))
    col = rows[0].index("责任单位")
    assert sorted(r[col] for r in rows[1:]) == ["县教育局", "县财政局"]


def test_report_is_for_one_unit_and_says_so(gk, root):
    p = gk("report", "--quarter", "2023Q3", "-u", "县财政局，县教育局", cwd=root)
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert "--unit 只能给出一个单位，“县财政局，县教育局”是 2 个：县财政局、县教育局" in p.stderr
    assert "gk report --quarter 2023Q3 --unit 县财政局" in p.stderr and "分组" in p.stderr
    one = gk("report", "--quarter", "2023Q3", "-u", "县财政局,", cwd=root)  # a stray comma: one unit
    assert one.returncode == 0 and one.stdout == gk("report", "--quarter", "2023Q3", "-u", "县财政局", cwd=root).stdout
    group = gk("report", "--quarter", "2023Q3", "-u", "各乡镇人民政府、街道办事处", cwd=root)
    assert group.returncode == 0 and "各乡镇人民政府、街道办事处" in group.stdout, group.stderr


def test_progress_add_is_for_one_unit_and_says_so(gk, root):
    p = gk("progress", "add", "t2023-01", "-u", "县财政局、县教育局", "-s", "done", "-d", "2023-10-10", cwd=root)
    assert p.returncode == 2 and "只能给出一个单位" in p.stderr and "每个单位各登记一次" in p.stderr, p.stderr
    assert not (root / "data/progress").exists()
    typo = gk("progress", "add", "t2023-01", "-u", "县财政局、县教肓局", "-s", "done", "-d", "2023-10-10", cwd=root)
    assert typo.returncode == 2 and "是不是“县教育局”？" in typo.stderr, typo.stderr


def test_state_and_select_split_alike(gk, root):
    by_comma = gk("status", "--as-of", "2023-10-15", "-f", "json", "-s", "未启动,已逾期", cwd=root).stdout
    assert by_comma == gk("status", "--as-of", "2023-10-15", "-f", "json", "-s", "未启动、已逾期", cwd=root).stdout
    assert json.loads(by_comma)["tasks"]
    lint = gk("lint", "-f", "json", "--select", "GK202、GK201", cwd=root)
    assert lint.returncode == 0 and json.loads(lint.stdout) == [], lint.stderr


def test_many_counties_take_a_pasted_list(gk, tmp_path):
    for name in ("甲县", "乙县"):
        write_tree(tmp_path / name, {"gk.toml": f'county = "{name}"\n', "data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS})
    p = gk("--data", "甲县", "--data", "乙县", "status", "--as-of", "2023-10-15", "-f", "json", "-u", "县财政局、县教育局", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert sorted({(t["county"], a["unit"]) for t in doc["tasks"] for a in t["assignments"]}) == [
        ("乙县", "县教育局"), ("乙县", "县财政局"), ("甲县", "县教育局"), ("甲县", "县财政局")]
    r = gk("--data", "甲县", "--data", "乙县", "report", "--quarter", "2023Q3", "-u", "县财政局、县教育局", cwd=tmp_path)
    assert r.returncode == 2 and "只能给出一个单位" in r.stderr and "Traceback" not in r.stderr, r.stderr
