"""gk export: the 工作台账 workbook, read back with openpyxl."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT, run_gk

UNITS = """\
units:
  - {name: 县财政局, kind: department}
  - {name: 县审计局, kind: department}
  - {name: 甲镇, kind: township}
groups:
  - {name: 各乡镇（街道）, members: {kind: [township]}}
"""
TASKS = """\
plan: {id: t2023, title: 测试方案, issued_on: 2023-03-01}
tasks:
  - {id: t2023-01, category: 甲, title: 任务一, units: [县财政局], deadline: 2023-07-31}
  - {id: t2023-02, category: 甲, title: "=HYPERLINK(\\"http://x\\")", units: [县财政局, 县审计局], deadline: 2023-12-31}
  - {id: t2023-03, category: 乙, title: 任务三, units: [各乡镇（街道）, 县审计局], deadline: 长期}
  - {id: t2023-04, category: 乙, title: 任务四, units: [县审计局], deadline: 2023-09-01}
"""
PROGRESS = """\
unit: 县财政局
period: 2023Q3
submitted_on: 2023-09-30
entries:
  - task: t2023-01
    status: done
    date: 2023-07-15
    note: "=1+1 开头的说明"
  - task: t2023-02
    status: in_progress
    date: 2023-09-01
    note: "+86 电话 与 @提及"
"""
PROGRESS_AUDIT = """\
unit: 县审计局
period: 2023Q3
entries:
  - {task: t2023-02, status: blocked, date: 2023-09-02, note: "-缺少经费"}
  - {task: t2023-03, status: in_progress, date: 2023-09-03, note: "@所有人"}
"""


@pytest.fixture
def repo(make_repo):
    return make_repo(
        {
            "data/units/u.yaml": UNITS,
            "data/tasks/t.yaml": TASKS,
            "data/progress/2023Q3/县财政局.yaml": PROGRESS,
            "data/progress/2023Q3/县审计局.yaml": PROGRESS_AUDIT,
        },
        git_init=True,
    )


@pytest.fixture
def book(repo, tmp_path):
    out = tmp_path / "台账.xlsx"
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "已导出工作台账" in r.stdout and "6 行" in r.stdout
    return load_workbook(out)


def table(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_one_row_per_assignment_with_status_and_progress(book):
    ws = book["台账"]
    rows = table(ws)
    assert [(r["任务编号"], r["责任单位"], r["牵头"], r["状态"]) for r in rows] == [
        ("t2023-01", "县财政局", "是", "已完成"),
        ("t2023-02", "县财政局", "是", "推进中"),
        ("t2023-02", "县审计局", None, "受阻"),
        ("t2023-03", "甲镇", "是", "长期·未报告"),
        ("t2023-03", "县审计局", None, "长期·已报告"),
        ("t2023-04", "县审计局", "是", "已逾期"),
    ]
    over = rows[5]
    assert over["逾期天数"] == 44 and over["剩余天数"] is None and over["到期日"].date().isoformat() == "2023-09-01"
    assert rows[1]["剩余天数"] == 77 and rows[1]["逾期天数"] is None
    assert rows[0]["逾期天数"] is None and rows[0]["剩余天数"] is None  # done: neither
    assert rows[0]["最新进度日期"].date().isoformat() == "2023-07-15"
    assert rows[0]["最新进度说明"] == "=1+1 开头的说明"
    assert rows[0]["进度来源"] == "data/progress/2023Q3/县财政局.yaml:5"
    assert rows[0]["任务来源"] == "data/tasks/t.yaml:3"
    assert rows[1]["最新进度说明"] == "+86 电话 与 @提及"
    assert rows[3]["最新进度日期"] is None and rows[3]["最新进度说明"] is None  # 甲镇 reported nothing


def test_text_never_becomes_a_formula(book):
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=1+1 开头的说明", "+86 电话 与 @提及", "-缺少经费", "@所有人", '=HYPERLINK("http://x")'}
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in risky)


def test_layout_header_filter_widths_and_colours(book):
    ws = book["台账"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == "A1:Q7"
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["D"].width > 30
    status_col = [c.value for c in ws[1]].index("状态") + 1
    fills = {ws.cell(r, status_col).value: ws.cell(r, status_col).fill.fgColor.rgb[-6:] for r in range(2, ws.max_row + 1)}
    assert fills == {"已完成": "C6EFCE", "推进中": "DDEBF7", "受阻": "E4DFEC", "长期·未报告": "FCE4D6", "长期·已报告": "D9F2D0", "已逾期": "FFC7CE"}
    assert ws.cell(2, [c.value for c in ws[1]].index("到期日") + 1).number_format == "yyyy-mm-dd"


def test_every_sheet_prints_landscape_a4_one_page_wide(book):
    """Printed for a meeting: A4 landscape, one page wide (any number down), the header row on
    every page (the built-in data printed on 166 pages, most of them strips of columns)."""
    for ws in book.worksheets:
        ps = ws.page_setup
        assert (ps.orientation, int(ps.paperSize), ps.fitToWidth, ps.fitToHeight) == ("landscape", int(ws.PAPERSIZE_A4), 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert 0 < ws.page_margins.left <= 0.75 and 0 < ws.page_margins.top <= 1, ws.title
        assert "&P" in ws.oddFooter.center.text, ws.title
    assert book["台账"].print_title_rows == "$1:$1" and book["按单位汇总"].print_title_rows == "$1:$1"


def test_long_unit_names_fit_and_the_about_sheet_wraps(make_repo, tmp_path):
    """四川达州普光经济开发区管委会 was cut in 台账's 责任单位 and 按单位汇总's 单位 (widths 18, 16);
    the 说明 sheet's meanings ran off in one line. A name far too long is capped, not a column across the page."""
    long, longer = "四川达州普光经济开发区管委会", "县" + "很" * 40 + "局"
    root = make_repo({
        "data/units/u.yaml": UNITS.replace("groups:", f"  - {{name: {long}, kind: department}}\n  - {{name: {longer}, kind: department}}\ngroups:"),
        "data/tasks/t.yaml": TASKS + f"  - {{id: t2023-05, title: 任务五, units: [{long}, {longer}], deadline: 2023-12-31}}\n",
    })
    out = tmp_path / "台账.xlsx"
    assert run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=root).returncode == 0
    wb = load_workbook(out)
    ws = wb["台账"]
    unit_col = get_column_letter([c.value for c in ws[1]].index("责任单位") + 1)
    for width in (ws.column_dimensions[unit_col].width, wb["按单位汇总"].column_dimensions["A"].width):
        assert 2 * len(long) <= width <= 40
    info = wb["说明"]
    assert info.column_dimensions["B"].width >= 60
    assert all(info.cell(r, 2).alignment.wrap_text for r in range(1, info.max_row + 1))
    rate = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "已完成合计")
    assert info.row_dimensions[rate].height >= 30  # two lines: LibreOffice prints a wrapped cell at the height it is given


def test_summary_per_unit(book):
    rows = table(book["按单位汇总"])
    by = {r["单位"]: r for r in rows}
    assert list(by) == ["县财政局", "县审计局", "甲镇"]  # units-file order
    assert by["县审计局"]["受阻"] == 1 and by["县审计局"]["已逾期"] == 1 and by["县审计局"]["长期·已报告"] == 1
    assert by["县审计局"]["任务数"] == 3 and by["县审计局"]["已完成合计"] == 1
    assert by["县财政局"]["已完成"] == 1 and by["县财政局"]["推进中"] == 1 and by["县财政局"]["完成率"] == 0.5
    assert by["甲镇"]["2023Q3报送"] == "未报送" and by["县财政局"]["2023Q3报送"] == "已报送"
    assert book["按单位汇总"].freeze_panes == "B2"


def test_summary_rate_is_the_reports(book, repo):
    """完成率 of a unit is what `gk report --unit` gives it: done (on time or late) of the
    assignments with a due date, a 长期 one left out of both (it was 1/3 for 县审计局)."""
    import datetime as dt

    from gkcli.model import build
    from gkcli.periods import Quarter
    from gkcli.repo import load
    from gkcli.reports import data as rd
    from gkcli.reports.provenance import Provenance

    model = build(load(repo))
    by = {r["单位"]: r for r in table(book["按单位汇总"])}
    assert (by["县审计局"]["有到期日的任务"], by["县审计局"]["其中已完成"], by["县审计局"]["完成率"]) == (2, 0, 0)
    for unit, row in by.items():
        rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 10, 15), Provenance("x", False, "test"), unit=unit)
        want = rep.summary[0].rate.value
        assert (f"{100 * row['完成率']:.1f}%" if row["完成率"] is not None else "—") == want, unit


def test_about_sheet_names_date_commit_and_version(book, repo):
    from conftest import git
    from gkcli import __version__

    about = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r[0]}
    assert about["统计日期（as-of）"].date().isoformat() == "2023-10-15"
    assert about["报送期"].startswith("2023Q3")
    assert about["数据版本（git commit）"] == git(repo, "rev-parse", "--short=10", "HEAD").strip()  # as the reports name it
    assert about["gk 版本"] == __version__
    assert about["已逾期"] == "未完成且已过完成时限"


def test_filters_by_unit_and_plan(repo, tmp_path):
    out = tmp_path / "a.xlsx"
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", "--unit", "县审计局", "--plan", "t2023", cwd=repo)
    assert r.returncode == 0, r.stderr
    units = {row["责任单位"] for row in table(load_workbook(out)["台账"])}
    assert units == {"县审计局"}
    r = run_gk("export", "-o", str(out), "--plan", "nope", cwd=repo)
    assert r.returncode == 2 and "找不到方案" in r.stderr


@pytest.mark.parametrize("name,words", [("台账.csv", ["应为 .xlsx"]), ("dir.xlsx", ["是一个目录"])])
def test_bad_output_refused(repo, tmp_path, name, words):
    (tmp_path / "dir.xlsx").mkdir()
    r = run_gk("export", "-o", str(tmp_path / name), cwd=repo)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert all(w in r.stderr for w in words)


def test_builtin_data_exports_every_assignment(tmp_path):
    from gkcli import repo as repo_mod
    from gkcli.model import build

    out = tmp_path / "台账.xlsx"
    r = run_gk("--data", str(ROOT), "export", "-o", str(out), "--as-of", "2023-10-15")
    assert r.returncode == 0, r.stderr
    model = build(repo_mod.load(ROOT))
    want = sum(max(1, len(t.units)) for t in model.tasks)
    assert load_workbook(out, read_only=True)["台账"].max_row == want + 1


def test_a_note_longer_than_an_excel_cell_is_cut_and_said(repo, tmp_path):
    (repo / "data/progress/2023Q3/县审计局.yaml").write_text(
        PROGRESS_AUDIT.replace('note: "@所有人"', 'note: "' + "长" * 40000 + '"'), encoding="utf-8")
    out = tmp_path / "台账.xlsx"
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=repo)
    assert r.returncode == 0 and "1 个单元格超过 Excel 的 32767 字上限，已截断" in r.stderr, r.stderr
    notes = [row["最新进度说明"] or "" for row in table(load_workbook(out)["台账"])]
    cut = [n for n in notes if n.startswith("长")]
    assert len(cut) == 1 and len(cut[0]) == 32767 and cut[0].endswith("已截断；全文见进度来源文件）")


def test_a_missed_round_of_a_recurring_task_has_its_column(make_repo, tmp_path):
    root = make_repo({
        "data/units/u.yaml": UNITS,
        "data/tasks/t.yaml": "plan: {id: t2023, title: 测试方案, issued_on: 2023-03-01}\ntasks:\n"
                             "  - {id: t2023-01, title: 每季度公开, units: [县财政局, 县审计局], deadline: 每季度}\n",
        "data/progress/2023Q2/县财政局.yaml": "unit: 县财政局\nperiod: 2023Q2\nentries:\n  - {task: t2023-01, status: done, date: 2023-06-10}\n",
    })
    out = tmp_path / "台账.xlsx"
    p = run_gk("export", "-o", str(out), "--as-of", "2023-08-15", cwd=root)
    assert p.returncode == 0, p.stderr
    ws = load_workbook(out)["台账"]
    head = [c.value for c in ws[1]]
    got = {r[head.index("责任单位")]: r[head.index("上一期未完成")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert {u: (d.date().isoformat() if d else None) for u, d in got.items()} == {"县财政局": None, "县审计局": "2023-06-30"}


def test_export_says_the_data_errors_status_says(make_repo, tmp_path):
    """A task whose only unit is unknown has no row of its own unit: export said nothing (status
    says it); now the same lines, on stderr."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 甲, units: [县财神局], deadline: 长期}\n",
    })
    r = run_gk("export", "-o", str(tmp_path / "t.xlsx"), cwd=root)
    assert r.returncode == 0 and "data/tasks/t.yaml:3:" in r.stderr and "GK202" in r.stderr and "未计入台账" in r.stderr, r.stderr


def _about_rows(path) -> dict:
    """The 说明 sheet: label → its value cell."""
    return {row[0].value: row[1] for row in load_workbook(path)["说明"].iter_rows() if row[0].value}


def test_data_errors_are_said_in_the_workbook(repo, tmp_path):
    """Records left out and a plan file not read: said on the 说明 sheet, in red bold (and its tab
    red), not only on the terminal the 台账 was made in."""
    (repo / "data/tasks/u.yaml").write_text("plan: {id: u2023, title: 乙方案}\ntasks:\n  - {id: u2023-01, title: 甲\n", encoding="utf-8")
    (repo / "data/progress/2023Q3/县审计局.yaml").write_text(PROGRESS_AUDIT.replace("2023-09-03", "2023-9-3"), encoding="utf-8")
    out = tmp_path / "台账.xlsx"
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=repo)
    assert r.returncode == 0, r.stderr
    about = _about_rows(out)
    said = about["数据错误"]
    assert said.value.startswith("数据中有 2 个错误，相关记录未计入本台账") and "gk lint" in said.value, said.value
    unread = about["无法读取的文件"]
    assert unread.value.startswith("data/tasks/u.yaml 无法读取，其中的方案与任务不全（第 3 行 GK101"), unread.value
    assert "data/progress/2023Q3/县审计局.yaml:5:49: GK105" in about["错误位置"].value
    for cell in (said, unread):
        assert cell.font.bold and cell.font.color.rgb[-6:] == "C00000"
    assert load_workbook(out)["说明"].sheet_properties.tabColor.rgb[-6:] == "C00000"


def test_clean_data_says_no_errors(book):
    about = {r[0] for r in book["说明"].iter_rows(values_only=True)}
    assert "数据错误" not in about and book["说明"].sheet_properties.tabColor is None


def test_an_empty_ledger_of_unread_plans_is_refused(make_repo, tmp_path):
    """The only plan file has a YAML error: not a 台账 of 0 tasks with exit 0 (as gk report refuses)."""
    root = make_repo({
        "data/units/u.yaml": UNITS,
        "data/tasks/t.yaml": TASKS.replace("deadline: 2023-07-31}", "deadline: 2023-07-31"),
    })
    out = tmp_path / "台账.xlsx"
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=root)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "data/tasks/t.yaml 无法读取" in r.stderr and "未生成台账" in r.stderr and "gk lint" in r.stderr, r.stderr
    assert not out.exists()
    # read, but every task left out by a mistake (the misspelt deadline of each): as empty, refused alike
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS.replace("deadline:", "deadlien:")})
    r = run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=root)
    assert r.returncode == 2 and "没有读到任何任务：data/tasks/t.yaml 有错误" in r.stderr and "未生成台账" in r.stderr, r.stderr
    assert not out.exists()


def test_a_plan_not_yet_in_force_is_said_when_left_out(repo, tmp_path):
    """As gk status and gk report say it: the 台账 as of a day before the plan's issue lists none of its tasks."""
    r = run_gk("export", "-o", str(tmp_path / "早.xlsx"), "--as-of", "2023-02-01", cwd=repo)
    assert r.returncode == 0 and "（0 项任务" in r.stdout, r.stdout
    assert "方案《测试方案》（t2023）于 2023-03-01 印发，晚于 2023-02-01，其任务未列入台账" in r.stderr, r.stderr


# --- an existing 台账 is never lost ------------------------------------------------------------


def _with_a_hand_note(path) -> bytes:
    """What an office does with last quarter's 台账: a note added by hand, saved in Excel."""
    wb = load_workbook(path)
    wb["台账"].cell(2, 18, "已电话催办（手工备注）")
    wb.save(path)
    return path.read_bytes()


def _backups(folder) -> list:
    return sorted(p for p in folder.iterdir() if ".备份-" in p.name)


def test_an_existing_ledger_is_refused_not_overwritten(repo, tmp_path):
    out = tmp_path / "台账.xlsx"
    assert run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=repo).returncode == 0
    noted = _with_a_hand_note(out)
    r = run_gk("export", "-o", str(out), "--as-of", "2024-01-15", cwd=repo)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert f"{out} 已存在，未覆盖" in r.stderr and "加 --force 覆盖" in r.stderr and "台账-2024-01-15.xlsx" in r.stderr, r.stderr
    assert out.read_bytes() == noted and _backups(tmp_path) == []


def test_the_default_ledger_name_is_refused_too(repo, tmp_path):
    """`gk export` with no -o writes 台账.xlsx where it runs: the file an office keeps re-running it over."""
    here = tmp_path / "办公室"
    here.mkdir()
    assert run_gk("--data", str(repo), "export", "--as-of", "2023-10-15", cwd=here).returncode == 0
    noted = _with_a_hand_note(here / "台账.xlsx")
    r = run_gk("--data", str(repo), "export", "--as-of", "2023-10-15", cwd=here)
    assert r.returncode == 2 and "台账.xlsx 已存在，未覆盖" in r.stderr, r.stderr
    assert (here / "台账.xlsx").read_bytes() == noted


def test_force_keeps_the_old_ledger_beside_the_new_one(repo, tmp_path):
    out = tmp_path / "台账.xlsx"
    assert run_gk("export", "-o", str(out), "--as-of", "2023-10-15", cwd=repo).returncode == 0
    noted = _with_a_hand_note(out)
    r = run_gk("export", "-o", str(out), "--as-of", "2024-01-15", "--force", cwd=repo)
    assert r.returncode == 0, r.stderr
    (backup,) = _backups(tmp_path)
    assert backup.read_bytes() == noted and backup.name.startswith("台账.备份-") and backup.suffix == ".xlsx"
    assert f"注意：已覆盖原文件；原文件另存为 {backup}" in r.stderr and "gk: 注意" not in r.stderr, r.stderr
    about = {row[0]: row[1] for row in load_workbook(out)["说明"].iter_rows(values_only=True) if row[0]}
    assert about["统计日期（as-of）"].date().isoformat() == "2024-01-15"
    # again within the same second: a backup of its own, never over the first
    second = out.read_bytes()
    assert run_gk("export", "-o", str(out), "--force", cwd=repo).returncode == 0
    assert sorted(p.read_bytes() for p in _backups(tmp_path)) == sorted([noted, second])


def test_concurrent_exports_lose_no_file(repo, tmp_path):
    """Several exports over one 台账 at once: with --force each keeps what it replaced (one backup
    each, the hand-noted original among them); without, one writes and the others refuse."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "GK_TODAY": "2023-10-15"}
    out = tmp_path / "台账.xlsx"

    def start(*extra):
        return subprocess.Popen([sys.executable, "-m", "gkcli.cli", "export", "-o", str(out), *extra], cwd=repo, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    fresh = [start() for _ in range(4)]
    codes = [(p.wait(120), p.stderr.read()) for p in fresh]
    assert sorted(c for c, _ in codes) == [0, 2, 2, 2], codes
    assert all("已存在" in err and "Traceback" not in err for c, err in codes if c == 2), codes
    load_workbook(out)
    noted = _with_a_hand_note(out)
    forced = [start("--force") for _ in range(4)]
    codes = [(p.wait(120), p.stderr.read()) for p in forced]
    assert [c for c, _ in codes] == [0, 0, 0, 0], codes
    backups = _backups(tmp_path)
    assert len(backups) == 4 and noted in [b.read_bytes() for b in backups]
    for p in [out, *backups]:
        load_workbook(p)


def test_a_ledger_made_or_saved_during_the_export_is_kept(repo, tmp_path):
    """Between the check and the rename someone saves the file (Excel, another export): the export
    refuses, and what was saved stays (with --force the copy made before stays too)."""
    import os
    import subprocess
    import sys
    import time

    out = tmp_path / "台账.xlsx"
    go = tmp_path / "go"

    def run_paused(*extra):
        env = {**os.environ, "NO_COLOR": "1", "GK_TODAY": "2023-10-15", "GK_TEST_PAUSE_AFTER_TEMP": f"wait:{go}",
               "GK_TEST_PAUSE_NAME": out.name}
        p = subprocess.Popen([sys.executable, "-m", "gkcli.cli", "export", "-o", str(out), *extra], cwd=repo, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 60
        while not list(tmp_path.glob(f".{out.name}.*.tmp")) and time.monotonic() < end:
            time.sleep(0.02)
        return p

    p = run_paused()
    out.write_bytes(b"made meanwhile")
    go.touch()
    assert p.wait(120) == 2 and "导出期间刚被创建" in p.stderr.read()
    assert out.read_bytes() == b"made meanwhile"
    go.unlink()
    p = run_paused("--force")
    out.write_bytes(b"saved meanwhile")
    go.touch()
    err = p.stderr.read()
    assert p.wait(120) == 2 and "在导出期间被修改过，未覆盖" in err, err
    assert out.read_bytes() == b"saved meanwhile"
    assert [b.read_bytes() for b in _backups(tmp_path)] == [b"made meanwhile"]


def test_importing_a_ledger_says_where_its_progress_goes(book, repo, tmp_path):
    """gk import refuses the 台账 (its tasks are data/tasks/ already); progress an office wrote into
    it is entered with gk progress add, and the refusal says so."""
    r = run_gk("import", str(tmp_path / "台账.xlsx"), "--plan", "imp", cwd=repo)
    assert r.returncode == 2 and "gk 生成的工作台账或报告" in r.stderr, r.stderr
    assert "台账中填写的进度用 gk progress add 登记" in r.stderr, r.stderr
