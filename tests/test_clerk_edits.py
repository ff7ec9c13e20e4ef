"""Findings on the edits clerks really make (the tester's 130 cases): the message names what is
wrong, the location is the thing itself, and the hint can be followed literally."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import write_tree
from gkcli import repo as repo_mod
from gkcli.lint import engine

BASE = Path(__file__).parent / "rules" / "GK408" / "pass"
HEAD = "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-08\nentries:\n"
TODAY = dt.date(2023, 10, 8)


def lint(tmp_path: Path, files: dict[str, str | bytes]):
    root = tmp_path / "repo"
    shutil.copytree(BASE / "data" / "units", root / "data" / "units")
    shutil.copytree(BASE / "data" / "tasks", root / "data" / "tasks")
    (root / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    write_tree(root, files)
    repo = repo_mod.load(root, cache=False)
    return [f for f in engine.lint(repo, today=TODAY)]


def progress(body: str, period: str = "2023Q3") -> dict[str, str]:
    return {f"data/progress/{period}/县财政局.yaml": HEAD.replace("2023Q3", period) + body}


def only(findings, code):
    got = [f for f in findings if f.code == code]
    assert len(got) == 1, findings
    return got[0]


@pytest.mark.parametrize("key", ["Status", "STATUS"])
def test_capitalised_key_is_named_located_and_matched(tmp_path, key):
    """Word capitalises the start of a line: `Status: done` (cases 118, 127)."""
    f = only(lint(tmp_path, progress(f"  - task: t2023-01\n    date: 2023-09-20\n    {key}: done\n")), "GK104")
    assert f.message == f"未知字段 {key}"
    assert (f.line, f.col) == (7, 5)
    assert f.hint == "是不是 status？"


def test_capitalised_top_level_key(tmp_path):
    """`Unit: 县财政局` (case 126)."""
    files = {"data/progress/2023Q3/县财政局.yaml": HEAD.replace("unit:", "Unit:") + "  - task: t2023-01\n    status: done\n    date: 2023-09-20\n"}
    f = only(lint(tmp_path, files), "GK104")
    assert (f.message, f.line, f.col, f.hint) == ("未知字段 Unit", 1, 1, "是不是 unit？")


@pytest.mark.parametrize("written", ["9月25日", "9.25", "９月２５日"])
def test_date_without_year_takes_the_files_year(tmp_path, written):
    """`date: 9月25日` in 2023Q3 (case 11): the hint is the date meant, not an example date."""
    f = only(lint(tmp_path, progress(f"  - task: t2023-01\n    status: done\n    date: {written}\n")), "GK105")
    assert "2023-09-25" in f.hint and "2023-10-08" not in f.hint


def test_repeated_entries_of_a_copied_file_are_told_on_the_copy(tmp_path):
    """县财政局(1).yaml next to 县财政局.yaml (case 50): the good file's entries are not to be deleted."""
    body = "  - task: t2023-01\n    status: done\n    date: 2023-09-20\n"
    files = {**progress(body), "data/progress/2023Q3/县财政局(1).yaml": HEAD + body}
    f = only(lint(tmp_path, files), "GK408")
    assert (f.path, f.line) == ("data/progress/2023Q3/县财政局(1).yaml", 5)
    assert "data/progress/2023Q3/县财政局.yaml:5" in f.message
    assert "副本" in f.hint


def test_repeat_written_otherwise_is_not_called_word_for_word(tmp_path):
    """t7 (session 10): `status: 已完成` below the same entry written `status: done` was “完全相同” (lint reads it as
    --fix writes it); said as the same content written otherwise. Two entries written alike stay 完全相同."""
    entry = "  - task: t2023-01\n    status: {}\n    date: 2023-09-20\n"
    root = tmp_path / "repo"
    lint(tmp_path, progress(entry.format("done") + entry.format("已完成")))
    f = only(engine.lint(repo_mod.load(root, cache=False, lint=True), today=TODAY), "GK408")
    assert f.line == 8 and "内容相同（写法不同）" in f.message and "完全相同" not in f.message, f.message
    f = only(lint(tmp_path / "b", progress(entry.format("done") * 2)), "GK408")
    assert "第 5 行的条目完全相同" in f.message, f.message


def test_same_task_same_day_two_statuses(tmp_path):
    """A new `done` written above the old `in_progress` of the same day (case 108): the old one wins."""
    body = ("  - task: t2023-01\n    status: done\n    date: 2023-09-25\n"
            "  - task: t2023-01\n    status: in_progress\n    date: 2023-09-25\n")
    f = only(lint(tmp_path, progress(body)), "GK409")
    assert (f.line, f.severity) == (8, "warning")
    assert "第 5 行写 done" in f.message and "删去" in f.hint


def test_entry_dated_before_its_plan(tmp_path):
    """`date: 2022-09-25` in 2023Q3 for a plan issued 2023-03-01 (case 79): last year's date copied."""
    body = "  - task: t2023-01\n    status: done\n    date: 2022-09-25\n"
    f = only(lint(tmp_path, progress(body)), "GK410")
    assert (f.line, f.col, f.severity) == (7, 11, "warning")
    assert "2023-03-01" in f.message and "2023-09-25" in f.hint


def test_late_report_of_an_earlier_quarter_is_no_finding(tmp_path):
    """A 2023Q2 event reported in 2023Q3, after the plan was issued: legitimate."""
    body = "  - task: t2023-01\n    status: done\n    date: 2023-05-25\n"
    assert [f for f in lint(tmp_path, progress(body)) if f.code == "GK410"] == []


def test_unknown_task_hint_is_the_id_alone(tmp_path):
    """`task: t2023-01（公开财政预决算）` (case 104): the hint once quoted id and title together, and was typed so."""
    body = "  - task: t2023-01（公开财政预决算）\n    status: done\n    date: 2023-09-20\n"
    f = only(lint(tmp_path, progress(body)), "GK402")
    assert f.hint.startswith("只写编号 t2023-01，")
    assert "“t2023-01（" not in f.hint


@pytest.mark.parametrize("written", ["done（已完成）", "已完成", "一半"])
def test_status_hint_never_pairs_code_and_label(tmp_path, written):
    """`写作 done（已完成）` was typed verbatim and refused again (case 113)."""
    body = f"  - task: t2023-01\n    status: {written}\n    date: 2023-09-20\n"
    f = only(lint(tmp_path, progress(body)), "GK105")
    assert "done（" not in f.hint
    if written != "一半":
        assert f.hint.startswith("写作 done，")


def test_units_separated_by_a_chinese_comma(tmp_path):
    """`units: [县财政局、县民政局]` (office case O7): say to separate them, not to add a unit."""
    files = {"data/tasks/t.yaml": (BASE / "data/tasks/t.yaml").read_text(encoding="utf-8").replace("units: [县财政局, 各乡镇]", "units: [县财政局、县民政局]")}
    f = only(lint(tmp_path, files), "GK202")
    assert f.hint == "多个单位之间用英文逗号和空格隔开：[县财政局, 县民政局]"


def test_units_separated_by_full_width_commas_around_a_name_holding_a_dunhao(tmp_path):
    """t1 (session 10): [县财政局，县民政局，各乡镇、街道] (the group's own name holds 、): the hint said to
    add a unit; each part is a known name once 各乡镇、街道 is read whole."""
    files = {"data/units/u.yaml": (BASE / "data/units/u.yaml").read_text(encoding="utf-8").replace("aliases: [各乡镇（街道）]", "aliases: [各乡镇、街道]"),
             "data/tasks/t.yaml": (BASE / "data/tasks/t.yaml").read_text(encoding="utf-8").replace(
                 "units: [县财政局, 各乡镇]", "units: [县财政局，县民政局，各乡镇、街道]")}
    f = only(lint(tmp_path, files), "GK202")
    assert f.hint == "多个单位之间用英文逗号和空格隔开：[县财政局, 县民政局, 各乡镇、街道]", f.hint


@pytest.mark.parametrize("written,code", [("进行中", "in_progress"), ("in progress", "in_progress"), ("“done”", "done"),
                                          ("ｄｏｎｅ", "done"), ("doen", "done"), ("finished", "done"), ("Done", "done"),
                                          ("未开始", "not_started")])
def test_status_obviously_meant_gets_its_code(tmp_path, written, code):
    """Cases 05, 07, 08, 16, 17, 18: the hint is the exact code, not the list of all four."""
    body = f"  - task: t2023-01\n    status: {written}\n    date: 2023-09-20\n"
    f = only(lint(tmp_path, progress(body)), "GK105")
    assert f.hint.startswith(f"写作 {code}，"), f.hint


@pytest.mark.parametrize("written", ["undone", "not done", "none"])
def test_a_status_of_the_opposite_meaning_is_not_taken_for_a_typo(tmp_path, written):
    """t2 (session 10): `status: undone` got the hint 写作 done, the opposite of what the unit said."""
    body = f"  - task: t2023-01\n    status: {written}\n    date: 2023-09-20\n"
    f = only(lint(tmp_path, progress(body)), "GK105")
    assert not f.hint.startswith("写作 done"), f.hint


def test_a_status_with_more_words_in_brackets_is_not_fixed_away(make_repo, gk):
    """t2 (session 10): --fix rewrote `done（已公开）` as done, and 已公开 was gone; `done（已完成）` only
    repeats the code's meaning and is fixed."""
    files = {f"data/{p}": (BASE / "data" / p).read_text(encoding="utf-8") for p in ("units/u.yaml", "tasks/t.yaml")}
    files["data/progress/2023Q3/县财政局.yaml"] = HEAD + "  - task: t2023-01\n    status: done（已公开）\n    date: 2023-09-25\n"
    root = make_repo(files)
    r = gk("lint", "--fix", cwd=root, env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 1 and "写作 done，括号中的“已公开”写进 note（说明）" in r.stdout, r.stdout
    assert "status: done（已公开）" in (root / "data/progress/2023Q3/县财政局.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("written,field", [("备注", "note"), ("任务", "task"), ("状态", "status"), ("日期", "date"),
                                           ("说明", "note"), ("情况", "note"), ("佐证", "evidence"), ("附件", "evidence"), ("链接", "evidence")])
def test_chinese_key_names(tmp_path, written, field):
    """`备注: …` (cases 88, 89): 是不是 note？"""
    body = f"  - task: t2023-01\n    status: done\n    date: 2023-09-20\n    {written}: x\n"
    f = [f for f in lint(tmp_path, progress(body)) if f.code == "GK104"][0]
    assert f.hint == f"是不是 {field}？"


def test_fix_says_what_it_fixed(make_repo, gk):
    """`status: 已完成`, `date: 2023.9.25`, `task: T2023-1` (cases 03–15, 70, 71): --fix writes the codes and says so."""
    files = {f"data/{p}": (BASE / "data" / p).read_text(encoding="utf-8") for p in ("units/u.yaml", "tasks/t.yaml")}
    files["data/progress/2023Q3/县财政局.yaml"] = HEAD + "  - task: T2023-1\n    status: 已完成  # 备注\n    date: 2023.9.25\n"
    root = make_repo(files)
    r = gk("lint", "--fix", cwd=root, env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert (root / "data/progress/2023Q3/县财政局.yaml").read_text(encoding="utf-8").endswith(
        "  - task: t2023-01\n    status: done  # 备注\n    date: 2023-09-25\n")
    said = r.stdout + r.stderr
    assert "已修复 3 处" in said and "status “已完成” → done" in said and "date “2023.9.25” → 2023-09-25" in said
    assert "task “T2023-1” → t2023-01" in said


def test_fix_leaves_a_typo_to_the_hint(tmp_path):
    """`doen` is most likely done, but a guess is not a fix."""
    from gkcli.lint.rules import gk105_wrong_type
    from gkcli.model import build

    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(HEAD + "  - task: t2023-01\n    status: doen\n    date: 2023-09-20\n", encoding="utf-8")
    repo = repo_mod.load(root, cache=False)
    assert list(gk105_wrong_type.fixes(engine.LintContext(repo, build(repo)))) == []


def test_key_in_chinese_quotes(tmp_path):
    """`“status”: done` (case 38): the quotes are part of the key."""
    body = "  - task: t2023-01\n    “status”: done\n    date: 2023-09-20\n"
    f = only(lint(tmp_path, progress(body)), "GK104")
    assert f.hint == "去掉键两边的中文引号，写作 status: …"


def test_unknown_task_ids_are_looked_up_not_compared_with_every_task(tmp_path, monkeypatch):
    """t4 (session 10): a plan renumbered, its progress left behind: GK402 compared every orphaned entry
    with every task id (4 million id_key calls, status 6 s on a county). Ids are keyed once; each entry
    is a lookup, and one hint serves every entry of the same id and unit."""
    from gkcli.lint.rules import gk402_unknown_task

    tasks = "plan: {id: t2023, title: 方案}\ntasks:\n" + "".join(
        f"  - {{id: t2023-{n:03d}, title: 任务{n}, units: [县财政局], deadline: 2023-12-31}}\n" for n in range(1, 301))
    body = "".join(f"  - {{task: t2023-{900 + n % 40}, status: in_progress, date: 2023-09-{1 + n % 28:02d}}}\n" for n in range(400))
    calls = 0
    key = gk402_unknown_task.id_key

    def counting(text):
        nonlocal calls
        calls += 1
        return key(text)

    monkeypatch.setattr(gk402_unknown_task, "id_key", counting)
    found = [f for f in lint(tmp_path, {"data/tasks/t.yaml": tasks, **progress(body)}) if f.code == "GK402"]
    assert len(found) == 400 and found[0].message == "任务“t2023-900”不存在"
    assert calls <= 300 + 2 * 40, calls


def test_a_units_file_that_cannot_be_read_is_the_one_finding(tmp_path):
    """t1 (session 10): a full-width colon in units.yaml came 21st, after GK201/GK208 for every group left
    empty by it, whose hints said to add members. Those wait until the file reads."""
    units = (BASE / "data/units/u.yaml").read_text(encoding="utf-8")
    files = {"data/units/u.yaml": units.split("groups:")[0].replace("  - name: 城东镇", "  - name：城东镇"),
             "data/units/g.yaml": "groups:" + units.split("groups:")[1]}
    found = lint(tmp_path, files)
    assert [f.code for f in found] == ["GK101"], found


@pytest.mark.parametrize("written,period,hint", [
    ("9月25日", "2023Q3", "写上年份：2023-09-25"),
    ("12月1日", "2023Q3", "12月不在 2023Q3（2023年第三季度，7—9 月）之内"),  # was 写上年份：2023-12-01, then GK404
    ("1月8日", "2023Q4", "1月不在 2023Q4"),  # was 写上年份：2023-01-08, nine months before the quarter
    ("23-09-26", "2023Q3", "年份写全四位：2023-09-26"),  # was the fixed example 日期写作 2023-10-08
    ("9月31日", "2023Q3", "2023 年 9 月只有 30 天，没有 31 日"),  # t6: was 9月不在 2023Q3（…7—9 月）之内
])
def test_a_date_hint_gives_a_date_of_the_files_quarter_or_says_why_not(tmp_path, written, period, hint):
    body = f"  - task: t2023-01\n    status: done\n    date: {written}\n"
    f = only(lint(tmp_path, progress(body, period)), "GK105")
    assert f.hint.startswith(hint), f.hint


def test_a_groups_misspelt_members_key_is_one_finding(tmp_path):
    """t1 (session 10): `member:` for members left the group empty: GK104, then GK208 at the group and a GK501
    for every catalog domain naming it (31 findings for one slip)."""
    units = (BASE / "data/units/u.yaml").read_text(encoding="utf-8").replace("    members: {kind: [township]}", "    member: {kind: [township]}")
    domain = "name: 重大建设项目\ncounty_units: [县财政局]\ntownship_units: [各乡镇]\npublished: []\n"
    found = lint(tmp_path, {"data/units/u.yaml": units, "data/catalog/01.yaml": domain, "data/catalog/02.yaml": domain.replace("重大建设项目", "公共资源交易")})
    assert [f.code for f in found] == ["GK104"], found
    assert "其中的名称都不算这个分组的成员" in found[0].hint


@pytest.mark.parametrize("sep", [" ", "\u3000"])
def test_units_separated_by_spaces_are_said_to_be_several(tmp_path, sep):
    """t7 (session 10): [县财政局　县民政局] got 在 data/units/ 中添加该单位 (or a wrong 是不是)."""
    files = {"data/tasks/t.yaml": (BASE / "data/tasks/t.yaml").read_text(encoding="utf-8").replace(
        "units: [县财政局, 各乡镇]", f"units: [县财政局{sep}县民政局]")}
    f = only(lint(tmp_path, files), "GK202")
    assert f.hint == "多个单位之间用英文逗号和空格隔开：[县财政局, 县民政局]", f.hint


def test_a_date_in_brackets_and_a_misspelt_unit_name_key(tmp_path):
    """t7 (session 10): submitted_on: [2023-10-16] was shown as ['2023-10-16'] with no hint; nmae: for name said
    only 是不是 name？ while the unit left every task naming it."""
    f = only(lint(tmp_path, {"data/progress/2023Q3/县财政局.yaml": HEAD.replace("2023-10-08", "[2023-10-08]")
                             + "  - task: t2023-01\n    status: done\n    date: 2023-09-20\n"}), "GK105")
    assert "而不是 [2023-10-08]" in f.message and f.hint == "只写一个日期，不加方括号：2023-10-08", (f.message, f.hint)
    units = (BASE / "data/units/u.yaml").read_text(encoding="utf-8").replace("  - name: 县民政局", "  - nmae: 县民政局")
    f = only(lint(tmp_path / "b", {"data/units/u.yaml": units}), "GK104")
    assert f.hint.startswith("是不是 name？改正之前，这个单位或分组不算数"), f.hint


def test_no_units_at_all_is_one_finding(tmp_path):
    """t7 (session 10): every unit deleted (`units:` left empty) gave 313 findings elsewhere (在 data/units/ 中添加该单位
    at every name) and none in the units file."""
    units = (BASE / "data/units/u.yaml").read_text(encoding="utf-8")
    files = {"data/units/u.yaml": "units:\n" + "groups:" + units.split("groups:")[1]}
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found] == [("data/units/u.yaml", "GK202")], found
    assert found[0].message.startswith("data/units/ 中没有任何单位")


def test_a_units_file_in_another_folder_is_the_one_finding(tmp_path):
    """t7 (session 10): groups.yaml moved into data/catalog/: its GK109, and 88 findings for the names it holds."""
    units = (BASE / "data/units/u.yaml").read_text(encoding="utf-8")
    files = {"data/units/u.yaml": units.split("groups:")[0], "data/catalog/g.yaml": "groups:" + units.split("groups:")[1]}
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found] == [("data/catalog/g.yaml", "GK109")], found


@pytest.mark.parametrize("written,fixed", [("2023年9月25号", "2023-09-25"), ("9月26号", "2023-09-26")])
def test_a_date_written_with_hao_is_fixed(make_repo, gk, written, fixed):
    """t7 (session 10): 9月25号 (as people say it) got the right hint but --fix left it, and progress add -d refused it."""
    files = {f"data/{p}": (BASE / "data" / p).read_text(encoding="utf-8") for p in ("units/u.yaml", "tasks/t.yaml")}
    files["data/progress/2023Q3/县财政局.yaml"] = HEAD + f"  - task: t2023-01\n    status: done\n    date: {written}\n"
    root = make_repo(files)
    r = gk("lint", "--fix", cwd=root, env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 0 and f"date: {fixed}\n" in (root / "data/progress/2023Q3/县财政局.yaml").read_text(encoding="utf-8"), r.stdout
    r = gk("progress", "add", "t2023-01", "-u", "县财政局", "-s", "done", "-d", "10月5号", "--dry-run", cwd=root, env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 0 and "2023-10-05" in r.stdout, r.stdout + r.stderr


def test_evidence_paths_are_looked_up_as_a_clerk_means_them(tmp_path):
    """t4 (session 11): 纪要.pdf#page=2 was “找不到” a file named so; 纪要.PDF for 纪要.pdf passes on a clerk's
    Windows and fails on Linux CI: said as a case difference, with the name to write."""
    from gkcli.lint.rules.gk413_evidence_link import said_of

    (tmp_path / "evidence" / "2023Q3").mkdir(parents=True)
    (tmp_path / "evidence" / "2023Q3" / "纪要.pdf").write_bytes(b"%PDF")
    assert said_of("evidence/2023Q3/纪要.pdf#page=2", tmp_path) is None
    said = said_of("Evidence/2023Q3/纪要.PDF", tmp_path)
    assert said is not None and "仓库中的是 evidence/2023Q3/纪要.pdf（大小写不同）" in said[0] and said[1].startswith("写作 evidence/2023Q3/纪要.pdf"), said
    assert said_of("evidence/2023Q3/会议.pdf", tmp_path) == (
        "在仓库中找不到", said_of("evidence/2023Q3/会议.pdf", tmp_path)[1])  # noqa: the plain case


def test_an_empty_group_of_a_kind_no_unit_has_says_the_units_are_missing():
    """t6 (session 11): in a new repo 各乡镇人民政府 had no members because no township was written yet; GK208 said to
    check members' kind, and the township tasks quietly had nobody."""
    root = Path(__file__).parent / "rules" / "GK208" / "fail"
    found = [f for f in engine.lint(repo_mod.load(root, cache=False)) if f.code == "GK208" and "各街道" in f.message]
    assert len(found) == 1 and "还没有类别为“街道”（kind: street）的单位" in found[0].message and "kind: street" in found[0].hint, found
