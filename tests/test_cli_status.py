"""`gk status` through the real command line, as a user runs it."""

from __future__ import annotations

import csv
import re
import io
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FILES = {
    "data/units/u.yaml": """
        units:
          - {name: 县人社局, kind: department, aliases: [县人力资源社会保障局]}
          - {name: 县财政局, kind: department}
          - {name: 甲镇, kind: township}
        groups:
          - {name: 各乡镇人民政府、街道办事处, aliases: [各乡镇（街道）], members: {kind: [township, street]}}
        """,
    "data/tasks/t.yaml": """
        plan: {id: t2023, title: 测试方案, issued_on: 2023-03-01}
        tasks:
          - {id: t2023-01, category: 甲, title: 任务一, units: [县人力资源社会保障局, 县财政局], deadline: 2023年9月底前}
          - {id: t2023-02, category: 乙, title: 任务二, units: [县财政局], deadline: 2023年10月底前}
          - {id: t2023-03, category: 乙, title: 任务三, units: [各乡镇（街道）], deadline: 长期}
        """,
    "data/progress/2023Q3/县人社局.yaml": """
        unit: 县人社局
        period: 2023Q3
        submitted_on: 2023-10-08
        entries:
          - task: t2023-01
            status: done
            date: 2023-09-12
            note: 已完成
        """,
}


@pytest.fixture
def root(make_repo):
    return make_repo(FILES)


def test_json_is_the_documented_contract(gk, root):
    p = gk("status", "--as-of", "2023-10-15", "--format", "json", cwd=root)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["as_of"] == "2023-10-15" and doc["reporting_period"] == "2023Q3"
    assert doc["not_reported"] == ["县财政局", "甲镇"]
    tasks = {t["id"]: t for t in doc["tasks"]}
    assert [t["id"] for t in doc["tasks"]] == ["t2023-01", "t2023-02", "t2023-03"]  # worst first
    t1 = tasks["t2023-01"]
    assert {k: t1[k] for k in ("plan", "category", "title", "status", "lead", "due", "deadline", "done", "total")} == {
        "plan": "t2023", "category": "甲", "title": "任务一", "status": "overdue", "lead": "县人社局",
        "due": "2023-09-30", "deadline": "2023年9月底前", "done": 1, "total": 2,
    }
    assert t1["assignments"] == [
        {"unit": "县人社局", "status": "done", "date": "2023-09-12", "note": "已完成",
         "source": "data/progress/2023Q3/县人社局.yaml:5"},
        {"unit": "县财政局", "status": "overdue", "date": None, "note": None, "source": None},
    ]
    t3 = tasks["t2023-03"]
    assert (t3["status"], t3["reported"], t3["due"], t3["lead"]) == ("ongoing", False, None, "各乡镇人民政府、街道办事处")


def test_table_speaks_chinese(gk, root):
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    for text in ("测试县", "已逾期", "临期", "长期·未报告", "1/2 单位完成", "逾期 15 天", "剩 16 天", "未报送", "甲镇"):
        assert text in out, text
    ongoing = next(line for line in out.splitlines() if "t2023-03" in line)
    assert "单位已报告" in ongoing and "单位完成" not in ongoing  # a 长期 task's units report; they do not finish it


def test_csv(gk, root):
    p = gk("status", "--as-of", "2023-10-15", "-f", "csv", cwd=root)
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert [(r["id"], r["status"], r["days"]) for r in rows] == [("t2023-01", "overdue", "-15"), ("t2023-02", "due_soon", "16"), ("t2023-03", "ongoing", "")]


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_escaped(gk, make_repo):
    # a CSV gets double-clicked into Excel: a title or unit a pull request wrote as =HYPERLINK(…) or
    # =cmd|… must show as text (a leading ', OWASP's escape); days (-15) stay numbers
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: \"@SUM(1,1)局\", kind: department}\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-01-10}\ntasks:\n"
                             "  - {id: t2023-01, title: '=HYPERLINK(\"http://x\",\"点我\")', units: [\"@SUM(1,1)局\"], deadline: 2023-09-30}\n"
                             "  - {id: t2023-02, title: '+1+1', category: '-2+3', units: [县财政局], deadline: 2023-09-30}\n"
                             "  - {id: t2023-03, title: '-', units: [县财政局], deadline: '\t=1+1'}\n",
    })
    p = gk("status", "--as-of", "2023-10-15", "-f", "csv", cwd=root)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(p.stdout))}
    assert rows["t2023-01"]["title"] == "'=HYPERLINK(\"http://x\",\"点我\")" and rows["t2023-01"]["lead"] == "'@SUM(1,1)局"
    assert (rows["t2023-02"]["title"], rows["t2023-02"]["category"], rows["t2023-02"]["days"]) == ("'+1+1", "'-2+3", "-15")
    assert rows["t2023-03"]["title"] == "-" and rows["t2023-03"]["deadline"] == "'\t=1+1"  # a lone - is no formula


def test_filters(gk, root):
    def ids(*args):
        p = gk("status", "--as-of", "2023-10-15", "-f", "json", *args, cwd=root)
        assert p.returncode == 0, p.stderr
        return [t["id"] for t in json.loads(p.stdout)["tasks"]]

    assert ids("--state", "overdue") == ["t2023-01"]
    assert ids("--state", "已逾期,临期") == ["t2023-01", "t2023-02"]
    assert ids("--state", "ongoing") == ["t2023-03"]
    assert ids("--state", "逾期") == ["t2023-01"]  # the short form people type
    assert ids("--state", "完成", "--unit", "县人社局") == ["t2023-01"]  # both kinds of done (县人社局's part is done)
    assert ids("--state", "完成", "--unit", "县人社局") == ids("--state", "已完成,逾期完成", "--unit", "县人社局")
    assert ids("--category", "乙") == ["t2023-02", "t2023-03"]
    assert ids("--plan", "t2023") == ["t2023-01", "t2023-02", "t2023-03"]
    assert ids("--plan", "T2023") == ids("--plan", "t2023")  # as task ids: case does not matter
    nope = gk("status", "--plan", "nope", cwd=root)  # a typo is an error, as gk export says
    assert nope.returncode == 2 and "找不到方案 nope" in nope.stderr and "t2023" in nope.stderr
    assert ids("--unit", "县人力资源社会保障局") == ["t2023-01"]
    assert ids("--unit", "各乡镇（街道）") == ["t2023-03"]


def test_unit_filter_judges_that_units_part(gk, root):
    p = gk("status", "--as-of", "2023-10-15", "-f", "json", "--unit", "县人社局", cwd=root)
    assert json.loads(p.stdout)["tasks"][0]["status"] == "done"


def test_by_unit_and_category(gk, root):
    p = gk("status", "--as-of", "2023-10-15", "--by", "unit", cwd=root)
    assert p.returncode == 0 and "县财政局" in p.stdout and "合计" in p.stdout
    p = gk("status", "--as-of", "2023-10-15", "--by", "category", cwd=root)
    assert p.returncode == 0 and "乙" in p.stdout and "类别" in p.stdout
    for en, cn in (("unit", "单位"), ("category", "类别")):  # as the office says it: the same table
        assert gk("status", "--as-of", "2023-10-15", "--by", cn, cwd=root).stdout == gk("status", "--as-of", "2023-10-15", "--by", en, cwd=root).stdout


def test_by_unit_and_category_for_a_program(gk, root):
    # DESIGN lists --by and --format side by side: the summary table's rows as JSON and CSV, the same figures
    table = gk("status", "--as-of", "2023-10-15", "--by", "unit", cwd=root).stdout
    doc = json.loads(gk("status", "--as-of", "2023-10-15", "--by", "unit", "-f", "json", cwd=root).stdout)
    assert doc["by"] == "unit" and doc["as_of"] == "2023-10-15" and doc["reporting_period"] == "2023Q3"
    for u in doc["units"]:
        line = next(x for x in table.splitlines() if f" {u['unit']} " in x)
        assert [int(n) for n in re.findall(r"\b\d+\b", line)] == [*u["counts"].values(), u["total"]], (line, u)
        assert set(u["counts"]) <= {"overdue", "due_soon", "blocked", "ongoing_unreported", "not_started", "in_progress",
                                    "done_late", "done", "ongoing_reported", "as_needed", "unit_ended"}
    text = gk("status", "--as-of", "2023-10-15", "--by", "unit", "-f", "csv", cwd=root).stdout
    assert text.splitlines()[0] == ("unit,overdue,due_soon,blocked,ongoing_unreported,not_started,in_progress,done_late,done,"
                                    "ongoing_reported,as_needed,unit_ended,total,not_reported")  # whatever the data: a fixed header
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["unit"], int(r["total"])) for r in rows] == [(u["unit"], u["total"]) for u in doc["units"]]
    cats = json.loads(gk("status", "--as-of", "2023-10-15", "--by", "category", "-f", "json", cwd=root).stdout)["categories"]
    n = len(json.loads(gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=root).stdout)["tasks"])
    assert sum(c["total"] for c in cats) == n and {"plan", "category", "counts", "total"} <= set(cats[0])


def test_fail_on_overdue_for_ci(gk, root):
    assert gk("status", "--as-of", "2023-09-01", "--fail-on", "overdue", cwd=root).returncode == 0
    assert gk("status", "--as-of", "2023-10-15", "--fail-on", "overdue", cwd=root).returncode == 1


def test_gk_today_replaces_the_clock_and_data_goes_before_or_after(gk, root, tmp_path):
    a = gk("--data", str(root), "status", "-f", "json", cwd=tmp_path, env={"GK_TODAY": "2023-10-15"})
    b = gk("status", "-f", "json", "--data", str(root), cwd=tmp_path, env={"GK_TODAY": "2023-10-15"})
    assert a.returncode == b.returncode == 0
    assert json.loads(a.stdout) == json.loads(b.stdout)
    assert json.loads(a.stdout)["as_of"] == "2023-10-15"


def test_today_is_chinas_day_wherever_gk_runs(gk, root, tmp_path):
    """A CI runner on UTC at 20:00 on 9 October is already on the 10th in China (the day a quarter's window closes)."""
    import datetime as dt

    china = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    for tz in ("UTC", "America/Los_Angeles", "Pacific/Kiritimati"):
        r = gk("--data", str(root), "status", "-f", "json", cwd=tmp_path, env={"TZ": tz})
        assert json.loads(r.stdout)["as_of"] == china, tz


@pytest.mark.parametrize("args, words", [
    (["status", "--as-of", "2023-13-01"], "不是有效日期"),
    (["status", "--unit", "县财正局"], "县财政局"),
    (["status", "--state", "finished"], "未知状态"),
    (["status", "--format", "xml"], "xml"),
])
def test_bad_arguments_exit_2_with_one_chinese_line(gk, root, args, words):
    p = gk(*args, cwd=root)
    assert p.returncode == 2 and words in p.stderr and "Traceback" not in p.stderr


def test_no_repo_is_a_usage_error(gk, tmp_path):
    p = gk("status", cwd=tmp_path)
    assert p.returncode == 2 and "找不到数据仓库" in p.stderr


def test_malformed_yaml_is_located_not_a_traceback(gk, root):
    (root / "data/tasks/broken.yaml").write_text("tasks:\n  - id: x: y\n", encoding="utf-8")
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert "Traceback" not in p.stderr + p.stdout
    assert "data/tasks/broken.yaml:2" in p.stderr + p.stdout


def test_builtin_data_every_seed_task_has_a_status(gk):
    p = gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=ROOT)
    assert p.returncode == 0, p.stderr
    tasks = json.loads(p.stdout)["tasks"]
    plans = {}
    for t in tasks:
        plans[t["plan"]] = plans.get(t["plan"], 0) + 1
        assert t["lead"] and t["total"] > 0 and t["status"] in (
            "overdue", "due_soon", "blocked", "ongoing", "not_started", "in_progress", "done_late", "done", "as_needed")
    assert plans == {"xh2021": 24, "xh2023": 33, "wp2023": 20}
    by = {t["id"]: t for t in tasks}
    # 2022年6月 in the 2021 table: long overdue on 2023-10-15
    assert (by["xh2021-01"]["status"], by["xh2021-01"]["due"]) == ("overdue", "2022-06-30")
    # 8月底前 in the 2023 work points takes the plan's year
    assert by["wp2023-05"]["due"] == "2023-08-31"


def test_version_and_help(gk):
    p = gk("--version")
    assert p.returncode == 0 and p.stdout.startswith("gk ")
    p = gk("--help")
    assert p.returncode == 0 and "status" in p.stdout


def test_unreadable_deadline_is_told_and_plan_limits_who_owes(gk, make_repo):
    """A deadline gk cannot read makes a task never due: status says so on stderr (GK304),
    and the roll-up counts it. --plan limits 未报送 to the units that plan assigns."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 甲镇, kind: township}\n",
        "data/tasks/a.yaml": "plan: {id: a, title: 甲}\ntasks:\n  - {id: a-01, title: 任务, units: [县财政局], deadline: 次年1月31日前}\n",
        "data/tasks/b.yaml": "plan: {id: b, title: 乙}\ntasks:\n  - {id: b-01, title: 任务, units: [甲镇], deadline: 长期}\n",
    })
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0
    assert "data/tasks/a.yaml:3:52: GK304" in p.stderr and "GK304" in p.stderr and "数据中有 1 个错误" in p.stderr, p.stderr
    owing = json.loads(gk("status", "--as-of", "2023-10-15", "-f", "json", "--plan", "b", cwd=root).stdout)["not_reported"]
    assert owing == ["甲镇"]
    import shutil

    other = shutil.copytree(root, root.parent / "other")
    many = gk("status", "--as-of", "2023-10-15", "-f", "json", "--data", str(root), "--data", str(other), cwd=root)
    assert [c["errors"] for c in json.loads(many.stdout)["counties"]] == [1, 1], many.stderr


def test_a_plan_issued_after_the_day_is_left_out_as_in_the_report(gk, make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/a.yaml": "plan: {id: a, title: 今年方案, issued_on: 2023-03-01}\ntasks:\n  - {id: a-01, title: 任务, units: [县财政局], deadline: 长期}\n",
        "data/tasks/f.yaml": "plan: {id: f, title: 未来方案, issued_on: 2024-01-01}\ntasks:\n  - {id: f-01, title: 任务, units: [县财政局], deadline: 长期}\n",
    })
    p = gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=root)
    assert [t["id"] for t in json.loads(p.stdout)["tasks"]] == ["a-01"]
    assert "方案《未来方案》（f）于 2024-01-01 印发，晚于 2023-10-15，其任务未列出" in p.stderr
    report = gk("report", "--quarter", "2023Q4", "--as-of", "2023-10-15", cwd=root)
    assert "《未来方案》于2024年1月1日印发，晚于统计截止日，未计入本报告" in report.stdout
    later = gk("status", "--as-of", "2024-01-01", "-f", "json", cwd=root)
    assert [t["id"] for t in json.loads(later.stdout)["tasks"]] == ["a-01", "f-01"] and later.stderr == ""


def test_a_recurring_task_missed_last_quarter_is_named(gk):
    """xh2023-30 (每季度): no unit reported it done in 2023Q3; on 2023-10-15 it is judged on Q4, and Q3's miss is said."""
    import json

    p = gk("status", "--as-of", "2023-10-15", "--data", str(ROOT))
    assert p.returncode == 0
    assert "周期任务上一期未完成（1 项）：xh2023-30（2023-09-30到期，" in p.stdout
    js = json.loads(gk("status", "--as-of", "2023-10-15", "--format", "json", "--data", str(ROOT)).stdout)
    t = next(t for t in js["tasks"] if t["id"] == "xh2023-30")
    assert all(a.get("missed_previous") == "2023-09-30" for a in t["assignments"])


def test_a_title_cannot_forge_a_row_of_the_table(gk, make_repo):
    """A title written with an escaped line break and a bidi override prints as one escaped cell."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/a.yaml": 'plan: {id: a, title: 甲}\ntasks:\n  - {id: a-01, title: "假标题\\n| a-99 | 已完成 |\\u202eXYZ", units: [县财政局], deadline: 2023-12-31}\n',
    })
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0 and "\u202e" not in p.stdout, p.stdout
    assert not any(line.lstrip().startswith("| a-99") for line in p.stdout.splitlines()) and "\\n| a-99" in p.stdout, p.stdout


def test_source_names_the_counted_entrys_own_line_after_a_refused_one(gk, make_repo, tmp_path):
    """An entry the loader refuses (status: finished) must not shift the line of the ones
    after it: JSON, a roll-up's JSON and the export all name the entry's own line."""
    files = {**FILES, "data/progress/2023Q3/县人社局.yaml": """
        unit: 县人社局
        period: 2023Q3
        submitted_on: 2023-10-08
        entries:
          - task: t2023-02
            status: finished
            date: 2023-09-01
          - task: t2023-01
            status: done
            date: 2023-09-12
        """}
    root = make_repo(files)
    want = "data/progress/2023Q3/县人社局.yaml:8"
    for args in (("status",), ("--data", str(root), "--data", str(root), "status")):
        p = gk(*args, "--as-of", "2023-10-15", "-f", "json", cwd=root)
        assert p.returncode == 0, p.stderr
        doc = json.loads(p.stdout)
        rows = [a for t in doc["tasks"] if t["id"] == "t2023-01" for a in t["assignments"] if a["unit"] == "县人社局"]
        assert rows and all(a["source"] == want for a in rows), rows
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "台账.xlsx"
    p = gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0, p.stderr
    cells = [c.value for row in openpyxl.load_workbook(out).worksheets[0].iter_rows() for c in row]
    assert want in cells


def test_progress_from_a_unit_the_tasks_others_covers_is_shown_not_counted(gk, make_repo, tmp_path):
    """DESIGN: progress from an unlisted unit is a warning when the task has `others`, and
    the entry is shown, not counted: in the table, the JSON and the 台账."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县司法局, kind: department}\n",
        "data/tasks/x.yaml": """
            plan: {id: x2023, title: 其他, issued_on: 2023-01-01}
            tasks:
              - {id: x2023-01, title: 有等, units: [县财政局], others: 等县级有关部门, deadline: 2023-12-31}
              - {id: x2023-02, title: 无等, units: [县财政局], deadline: 2023-12-31}
            """,
        "data/progress/2023Q3/县司法局.yaml": """
            unit: 县司法局
            period: 2023Q3
            submitted_on: 2023-10-05
            entries:
              - {task: x2023-01, status: done, date: 2023-09-01, note: 司法局也做了}
              - {task: x2023-02, status: done, date: 2023-09-01}
            """,
        "data/progress/2023Q3/县不存在局.yaml": """
            unit: 县不存在局
            period: 2023Q3
            submitted_on: 2023-10-05
            entries:
              - {task: x2023-01, status: done, date: 2023-09-01}
            """,
    })
    p = gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=root)
    tasks = {t["id"]: t for t in json.loads(p.stdout)["tasks"]}
    assert (tasks["x2023-01"]["done"], tasks["x2023-01"]["total"]) == (0, 1)
    assert tasks["x2023-01"]["others_entries"] == [{"unit": "县司法局", "status": "done", "date": "2023-09-01",
                                                    "note": "司法局也做了", "source": "data/progress/2023Q3/县司法局.yaml:5"}]
    assert "others_entries" not in tasks["x2023-02"]  # no `others`: an error (GK403), not shown
    assert [e["unit"] for e in tasks["x2023-01"]["others_entries"]] == ["县司法局"]  # not 县不存在局's (GK202)
    assert "others_entries" not in json.loads(gk("status", "--as-of", "2023-08-31", "-f", "json", cwd=root).stdout)["tasks"][0]
    table = gk("status", "--as-of", "2023-10-15", cwd=root, env={"COLUMNS": "200"}).stdout
    assert "显示但不计入" in table and "x2023-01 县司法局 已完成（2023-09-01）" in table and "x2023-02 县司法局" not in table
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "台账.xlsx"
    p = gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=root)
    assert "3 行" in p.stdout, p.stdout
    rows = [r for r in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) if r[1] == "x2023-01"]
    assert [(r[4], r[8]) for r in rows] == [("县财政局", "未启动"), ("县司法局", "不计入（“等”中的单位）")]


def test_a_task_short_of_a_unit_by_a_name_error_is_told(gk, make_repo):
    """A unit name that names no one unit leaves the task short of it (or with none): status and
    report say so on stderr, as for an unreadable deadline, so that 0/1 is not read as the truth."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县民政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 甲, issued_on: 2023-01-10}\ntasks:\n"
                             "  - {id: t2023-01, title: 一, units: [县民政局, 县财正局], deadline: 2023-12-31}\n"
                             "  - {id: t2023-02, title: 二, units: [], deadline: 2023-12-31}\n",
    })
    for args in (("status", "--as-of", "2024-01-15"), ("report", "--quarter", "2023Q4")):
        p = gk(*args, cwd=root)
        assert p.returncode == 0, p.stderr
        assert "data/tasks/t.yaml:3:44: GK202 未知单位“县财正局”" in p.stderr, p.stderr  # as gk lint says it, where it does
        assert "GK201 任务 t2023-02 的责任单位为空" in p.stderr and "数据中有 2 个错误" in p.stderr, p.stderr
    # a plan's default units, unknown, is one error at the plan (not one per task that takes it)
    (root / "data/tasks/t.yaml").write_text("plan: {id: t2023, title: 甲, issued_on: 2023-01-10, units: [县财务局]}\ntasks:\n"
                                           "  - {id: t2023-01, title: 一, deadline: 2023-12-31}\n"
                                           "  - {id: t2023-02, title: 二, deadline: 2023-12-31}\n", encoding="utf-8")
    p = gk("status", "--as-of", "2024-01-15", cwd=root)
    assert p.stderr.count("GK202") == 1 and "数据中有 1 个错误" in p.stderr, p.stderr
    assert p.stderr.split(": GK202")[0] == gk("lint", cwd=root).stdout.split(": GK202")[0], p.stderr


def test_an_unreadable_file_is_said_once_beside_a_unit_name_error(gk, make_repo):
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 甲, issued_on: 2023-01-10}\ntasks:\n"
                             "  - {id: t2023-01, title: 一, units: [县财政局, 县不存在局], deadline: 2023-12-31}\n",
        "data/progress/2023Q3/县财政局.yaml": "x: [\n",
    })
    p = gk("status", "--as-of", "2024-01-15", cwd=root)
    assert p.stderr.count("GK101") == 1 and "数据中有 2 个错误" in p.stderr, p.stderr


def test_a_plan_without_issue_date_counts_from_the_year_its_id_names(gk, make_repo):
    """pc2026 has no issued_on: it is in force from 2026-01-01, so a 2025 status, 2025's 未报送 and the
    2025 annual report leave it out (they counted it, and its units owed 2025's reports); a plan whose
    id names no year still counts always."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 甲镇, kind: township}\n",
        "data/tasks/pc2025.yaml": "plan: {id: pc2025, title: 去年方案, issued_on: 2025-03-01}\ntasks:\n"
                                  "  - {id: pc2025-01, title: 任务, units: [县财政局], deadline: 长期}\n",
        "data/tasks/pc2026.yaml": "plan: {id: pc2026, title: 新方案}\ntasks:\n  - {id: pc2026-01, title: 任务, units: [甲镇], deadline: 长期}\n",
        "data/tasks/misc.yaml": "plan: {id: misc, title: 无年份}\ntasks:\n  - {id: misc-01, title: 任务, units: [县财政局], deadline: 长期}\n",
    })
    p = gk("status", "--as-of", "2025-10-15", "-f", "json", cwd=root)
    got = json.loads(p.stdout)
    assert [t["id"] for t in got["tasks"]] == ["misc-01", "pc2025-01"] and got["not_reported"] == ["县财政局"], p.stdout
    assert "方案《新方案》（pc2026）是 2026 年的方案（未写发布日期 issued_on，按 2026-01-01 起算），晚于 2025-10-15" in p.stderr
    annual = gk("report", "--year", "2025", cwd=root)
    assert "pc2026-01" not in annual.stdout and "《新方案》是2026年的方案（未写发布日期），晚于统计截止日，未计入本报告" in annual.stdout
    later = json.loads(gk("status", "--as-of", "2026-04-15", "-f", "json", cwd=root).stdout)
    assert "pc2026-01" in [t["id"] for t in later["tasks"]] and "甲镇" in later["not_reported"]


def test_units_not_yet_filed_in_the_filing_days_are_said_to_have_time(gk, root):
    """On 10-05 the 2023Q3 submissions are due by 10-10 (report_window_days, 10): the 未报送 line says the
    window is still open, as the reports say; from 10-11 it does not."""
    inside = gk("status", "--as-of", "2023-10-05", cwd=root).stdout
    assert "未报送 2023年第三季度 进度（2 个单位）：县财政局、甲镇（报送期至 2023-10-10，尚未截止）" in inside, inside
    after = gk("status", "--as-of", "2023-10-11", cwd=root).stdout
    assert "县财政局、甲镇\n" in after and "尚未截止" not in after


def test_status_unit_takes_a_standard_other_spelling_as_progress_add_does(gk, root):
    """县人力资源和社会保障局 is 县人社局's standard full name (not written as its alias): gk progress add --unit
    took it, gk status --unit and gk export -u refused it (找不到单位)."""
    p = gk("status", "--as-of", "2023-10-15", "--unit", "县人力资源和社会保障局", "--format", "json", cwd=root)
    assert p.returncode == 0, p.stderr
    assert [t["id"] for t in json.loads(p.stdout)["tasks"]] == ["t2023-01"]


def test_data_pointing_into_the_data_folder_names_the_root(gk, tmp_path):
    """--data data/tasks (a folder inside the repo's data/): the hint names the repo's root, as
    --data data already did with 上一级目录."""
    (tmp_path / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    (tmp_path / "data" / "tasks").mkdir(parents=True)
    p = gk("--data", str(tmp_path / "data" / "tasks"), "status")
    assert p.returncode == 2 and f"指定数据仓库的根：--data {tmp_path.resolve()}" in p.stderr, p.stderr


def test_an_unknown_key_kept_out_of_the_figures_is_not_said_to_be_left_out(gk, tmp_path):
    """`notes:` for `note:`: the entry is counted (its status and date are there), so 相关记录未计入状态
    alone was false; the note says records may also be counted as written."""
    (tmp_path / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    (tmp_path / "data/units").mkdir(parents=True)
    (tmp_path / "data/units/u.yaml").write_text("units:\n  - {name: 县财政局, kind: department}\n", encoding="utf-8")
    (tmp_path / "data/tasks").mkdir()
    (tmp_path / "data/tasks/t.yaml").write_text("plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-12-31}\n", encoding="utf-8")
    (tmp_path / "data/progress/2023Q3").mkdir(parents=True)
    (tmp_path / "data/progress/2023Q3/县财政局.yaml").write_text(
        "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-01\n    status: done\n    date: 2023-09-01\n    notes: 已公开\n", encoding="utf-8")
    p = gk("status", "--as-of", "2023-10-15", "--format", "json", cwd=tmp_path)
    import json

    assert json.loads(p.stdout)["tasks"][0]["status"] == "done"
    assert "或按原样计入" in p.stderr, p.stderr


def test_a_second_file_of_a_unit_for_a_quarter_is_said_by_status(gk, make_repo):
    """t2 (session 10): 县政府办公室.yaml (an alias) beside 县政府办.yaml: lint's GK401, but status and reports,
    which count both files (a finished task turned overdue), said nothing."""
    entry = "unit: {}\nperiod: 2023Q3\nentries:\n  - {{task: t2023-01, status: {}, date: 2023-09-{}}}\n"
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县政府办, aliases: [县政府办公室], kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 公开预算, units: [县政府办], deadline: 2023-12-31}\n",
        "data/progress/2023Q3/县政府办.yaml": entry.format("县政府办", "done", "18"),
        "data/progress/2023Q3/县政府办公室.yaml": entry.format("县政府办公室", "in_progress", "19"),
    })
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0 and "县政府办公室.yaml:1:7: GK401" in p.stderr and "数据中有 1 个错误" in p.stderr, p.stderr


def test_a_file_whose_only_wrong_field_is_submitted_on_is_counted(gk, make_repo):
    """t2 (session 10): submitted_on: 2023-10-6 left the whole file out: the unit 未报送, its finished task
    overdue. The field is optional: the file counts without it, and the error is said."""
    import json

    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-09-30}\n",
        "data/progress/2023Q3/县财政局.yaml": "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-6\nentries:\n"
                                             "  - {task: t2023-01, status: done, date: 2023-09-18}\n",
    })
    p = gk("status", "--as-of", "2023-10-15", "--format", "json", cwd=root)
    d = json.loads(p.stdout)
    assert d["tasks"][0]["status"] == "done" and "县财政局" not in d["not_reported"], p.stdout
    assert "GK105" in p.stderr and "去掉写错的字段后计入" in p.stderr, p.stderr
    # a period written otherwise, naming the quarter of its folder, counts as that quarter (t7: it was dropped)
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(
        "unit: 县财政局\nperiod: 2023年第三季度\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-18}\n", encoding="utf-8")
    d = json.loads(gk("status", "--as-of", "2023-10-15", "--format", "json", cwd=root).stdout)
    assert d["tasks"][0]["status"] == "done" and "县财政局" not in d["not_reported"]
    # one naming another quarter than its folder's is not taken as either
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(
        "unit: 县财政局\nperiod: 2023年第二季度\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-18}\n", encoding="utf-8")
    d = json.loads(gk("status", "--as-of", "2023-10-15", "--format", "json", cwd=root).stdout)
    assert d["tasks"][0]["status"] == "overdue"
    # submitted_on 2023-10-6 is 2023-10-06, as --fix writes it: a late filing stays late
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(
        "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-11-6\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-18}\n", encoding="utf-8")
    r = gk("report", "--quarter", "2023Q3", cwd=root, env={"GK_TODAY": "2023-12-01"})
    assert "2023-11-06 报送，逾期报送" in r.stdout, r.stdout


def test_an_error_the_office_turned_off_in_lint_is_not_nagged_about_by_status(gk, make_repo):
    # a revision took t2024-13 out; a closed quarter's entry still names it; the office turned GK402 off for that
    # file as lint's hint says: lint says 未发现问题, so status must not keep saying 数据中有 1 个错误 (运行 gk lint)
    files = {
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2024, title: x, issued_on: 2024-01-05}\ntasks:\n"
                             "  - {id: t2024-01, title: 甲, units: [县财政局], deadline: 2024-12-31}\n",
        "data/progress/2024Q1/县财政局.yaml": "unit: 县财政局\nperiod: 2024Q1\nentries:\n  - {task: t2024-13, status: done, date: 2024-03-01}\n",
    }
    root = make_repo(files)
    assert "数据中有 1 个错误" in gk("status", "--as-of", "2024-04-20", cwd=root).stderr
    root = make_repo({**files, "gk.toml": '[lint]\nper-file-ignores = {"data/progress/2024Q1/*.yaml" = ["GK402"]}\n'})
    assert gk("lint", cwd=root).returncode == 0
    p = gk("status", "--as-of", "2024-04-20", cwd=root)
    assert p.returncode == 0 and "数据中有" not in p.stderr, p.stderr
    root = make_repo({**files, "gk.toml": '[lint]\nignore = ["GK4"]\n'})
    assert "数据中有" not in gk("status", "--as-of", "2024-04-20", cwd=root).stderr
    # but what the loader left out is said whatever [lint] turns off: a file whose period is written
    # 2024年第一季度 is out of every figure (its unit 未报送), GK105 ignored or not
    root = make_repo({**files, "gk.toml": '[lint]\nignore = ["GK105", "GK4"]\n',
                      "data/progress/2024Q1/县财政局.yaml": "unit: 县财政局\nperiod: 2024年第一季度\nentries:\n"
                                                          "  - {task: t2024-01, status: done, date: 2024-03-01}\n"})
    p = gk("status", "--as-of", "2024-04-20", cwd=root)
    assert "数据中有 1 个错误" in p.stderr and "GK105" in p.stderr, p.stderr


def test_state_not_done_and_a_date_without_its_year(gk, make_repo):
    """t5 (session 10): --state 未完成 was unknown, its hint a run of English and Chinese codes with repeats;
    --as-of 12月31日 said only 不是有效日期."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-06-30}\n"
                             "  - {id: t2023-02, title: 公开决算, units: [县财政局], deadline: 2023-12-31}\n",
        "data/progress/2023Q2/县财政局.yaml": "unit: 县财政局\nperiod: 2023Q2\nentries:\n  - {task: t2023-01, status: done, date: 2023-06-20}\n",
    })
    import json

    p = gk("status", "--as-of", "2023-10-15", "--state", "未完成", "--format", "json", cwd=root)
    assert [t["id"] for t in json.loads(p.stdout)["tasks"]] == ["t2023-02"], p.stdout + p.stderr
    p = gk("status", "--state", "未完了", cwd=root)
    assert p.returncode == 2 and "未完成（已逾期、临期、受阻、未启动、推进中）" in p.stderr and "overdue" not in p.stderr, p.stderr
    p = gk("status", "--as-of", "12月31日", cwd=root, env={"GK_TODAY": "2024-03-01"})
    assert p.returncode == 2 and "没有写年份" in p.stderr and "2024-12-31" in p.stderr, p.stderr
    p = gk("status", "--as-of", "9月31日", cwd=root, env={"GK_TODAY": "2024-03-01"})  # t6: was 如 2024-09-31
    assert p.returncode == 2 and "9 月只有 30 天" in p.stderr and "2024-09-31" not in p.stderr, p.stderr


@pytest.mark.parametrize("units", ["units:\n  - {name: 县财政局, kind: department}\n  - {name: 县审计局, kind: department, aliases: [县财政局]}\n",
                                   "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县财政局, kind: department}\n"])
def test_a_name_two_units_share_is_said_by_status_and_once_by_lint(gk, make_repo, units):
    """t7 (session 10): an alias equal to another unit's name gave 9 GK203 at every right use; a name defined twice was
    said by lint once (GK204) but status, which cannot count the task for either, said nothing."""
    root = make_repo({"data/units/u.yaml": units,
                      "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-12-31}\n"})
    lint = gk("lint", "--format", "json", cwd=root)
    import json

    assert [f["code"] for f in json.loads(lint.stdout)] == ["GK204"], lint.stdout
    p = gk("status", "--as-of", "2023-10-15", cwd=root)
    assert "GK204" in p.stderr and "数据中有 1 个错误" in p.stderr, p.stderr


def test_a_long_term_task_counts_units_that_reported_whatever_its_status(make_repo):
    """t6 (session 11): in its plan's first quarter a 长期 task is 未启动 (decisions.md), and its 完成 column said
    “1/2 单位完成” where every other 长期 task says 单位已报告: it counts the units that reported."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县审计局, kind: department}\n",
        "data/tasks/t.yaml": "plan:\n  id: t2025\n  title: 某县2025年政务公开工作要点\n  issued_on: 2025-02-10\ntasks:\n"
                             "  - id: t2025-01\n    title: 长期任务\n    units: [县财政局, 县审计局]\n    deadline: 长期\n",
        "data/progress/2025Q1/县财政局.yaml": "unit: 县财政局\nperiod: 2025Q1\nsubmitted_on: 2025-03-20\nentries:\n"
                                           "  - task: t2025-01\n    status: in_progress\n    date: 2025-03-15\n",
    })
    from conftest import run_gk

    r = run_gk("status", "--as-of", "2025-03-31", cwd=root, env={"COLUMNS": "200"})
    line = next(ln for ln in r.stdout.splitlines() if "t2025-01" in ln)
    assert "1/2 单位已报告" in line and "单位完成" not in line, line
