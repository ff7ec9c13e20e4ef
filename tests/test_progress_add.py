"""gk progress add through the real command line: checks, refusals, files, races, kills."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import run_gk

UNITS = """\
units:
  - {name: 县财政局, kind: department, aliases: [财政局]}
  - {name: 县审计局, kind: department}
  - {name: 县人力资源社会保障局, kind: department, aliases: [县人社局]}
  - {name: 甲镇, kind: township}
  - {name: 乙镇, kind: township}
groups:
  - {name: 各乡镇（街道）, members: {kind: [township, street]}}
"""
TASKS = """\
plan: {id: t2023, title: 测试方案, issued_by: 测试县人民政府办公室, issued_on: 2023-03-01}
tasks:
  - {id: t2023-01, category: 甲, title: 任务一, units: [县财政局], deadline: 2030-12-31}
  - {id: t2023-02, category: 甲, title: 任务二, units: [县财政局, 县审计局], deadline: 2030-12-31}
  - {id: t2023-03, category: 乙, title: 任务三, units: [县财政局], others: 等县级有关部门, deadline: 长期}
  - {id: t2023-04, category: 乙, title: 任务四, units: [各乡镇（街道）], deadline: 2030-06}
  - {id: t2023-05, category: 乙, title: 任务五, units: [县人社局], deadline: 2030-06}
"""
TODAY = {"GK_TODAY": "2023-09-20"}


@pytest.fixture
def repo(make_repo):
    return make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS})


def add(root: Path, *args: str, env: dict | None = None):
    return run_gk("progress", "add", *args, cwd=root, env={**TODAY, **(env or {})})


def q3(root: Path, unit: str = "县财政局") -> Path:
    return root / "data" / "progress" / "2023Q3" / f"{unit}.yaml"


def test_creates_the_file_with_a_header(repo):
    r = add(repo, "t2023-01", "--unit", "财政局", "--status", "推进中", "--note", "已起草", "-e", "https://x.gov.cn/a", "-e", "docs/b.pdf")
    assert r.returncode == 0, r.stderr
    assert "已登记" in r.stdout and "data/progress/2023Q3/县财政局.yaml" in r.stdout
    assert "已登记：t2023-01（任务一） 县财政局 推进中" in r.stdout  # the title: a 序号 typed for the id shows the wrong task
    text = q3(repo).read_text(encoding="utf-8")
    assert text.startswith("# 县财政局 2023年第三季度工作进度")
    doc = yaml.safe_load(text)
    assert doc["unit"] == "县财政局" and doc["period"] == "2023Q3" and str(doc["submitted_on"]) == "2023-09-20"
    assert doc["entries"] == [
        {"task": "t2023-01", "status": "in_progress", "date": doc["entries"][0]["date"], "note": "已起草",
         "evidence": ["https://x.gov.cn/a", "docs/b.pdf"]}
    ]
    assert str(doc["entries"][0]["date"]) == "2023-09-20"
    # and the data repo still loads without a finding
    from gkcli import repo as repo_mod

    assert repo_mod.load(repo).findings == []


def test_appends_keeping_every_byte(repo):
    old = (
        "# 手写的文件  \r\n"
        "unit:    县财政局   # odd\r\n"
        "period: \"2023Q3\"\r\n"
        "submitted_on: 2023-09-01\r\n"
        "entries:\r\n"
        "  # 第一条\r\n"
        "  - task: t2023-01\r\n"
        "    status: in_progress\r\n"
        "    date: 2023-08-01\r\n"
        "    note: \"=1+1 开头\"   # formula-like\r\n"
    ).encode("utf-8")
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_bytes(b"\xef\xbb\xbf" + old)
    r = add(repo, "t2023-02", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01", "--note", "完成")
    assert r.returncode == 0, r.stderr
    new = q3(repo).read_bytes()
    assert new.startswith(b"\xef\xbb\xbf" + old)
    assert new[3 + len(old):] == "  - task: t2023-02\r\n    status: done\r\n    date: 2023-09-01\r\n    note: 完成\r\n".encode("utf-8")


def test_submitted_on_follows_a_later_entry(repo):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-09-01  # 首次报送\nentries: []\n", encoding="utf-8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-15")
    assert r.returncode == 0, r.stderr
    assert "submitted_on 已更新" in r.stdout
    text = q3(repo).read_text(encoding="utf-8")
    assert "submitted_on: 2023-09-20  # 首次报送\n" in text


def test_same_entry_twice_is_written_once(repo):
    for _ in range(2):
        r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--note", "x")
        assert r.returncode == 0, r.stderr
    assert "未重复写入" in r.stdout
    assert len(yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]) == 1


@pytest.mark.parametrize("word,code", [("进行中", "in_progress"), ("已办结", "done"), ("Finished", "done"), ("ｄｏｎｅ", "done"),
                                       ("in-progress", "in_progress"), ("尚未开展", "not_started"), ("停滞", "blocked")])
def test_a_status_word_lint_would_fix_is_taken_as_its_code(repo, word, code):
    """One vocabulary: what `gk lint --fix` turns into a code (meant.STATUS_WORDS), progress add takes."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", word)
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"][0]["status"] == code


@pytest.mark.parametrize(
    "args,words",
    [
        (["t2023-9", "--unit", "县财政局", "--status", "done"], ["找不到任务", "t2023-0"]),
        (["t2023-01", "--unit", "县审计局", "--status", "done"], ["不是任务 t2023-01 的责任单位", "县财政局"]),
        (["t2023-01", "--unit", "县财正局", "--status", "done"], ["找不到单位", "县财政局"]),
        (["t2023-04", "--unit", "各乡镇（街道）", "--status", "done"], ["是单位分组", "甲镇"]),
        (["t2023-01", "--unit", "县财政局", "--status", "搁置"], ["未知状态", "已完成"]),
        (["t2023-01", "--unit", "县财政局", "--status", "doen"], ["未知状态", "是不是 done（已完成）"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-21"], ["晚于今天"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-31"], ["不是有效日期"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01", "--period", "2023Q2"], ["结束之后"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--period", "2023Q4"], ["还没有开始"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--period", "2023q9"], ["不存在", "Q1—Q4"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--period", "0000Q1", "--date", "2023-01-01"], ["格式不对"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--period", "23Q3"], ["格式不对", "也可写 2023年第三季度"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--period", "2023Q2"], ["请用 --date"]),
        (["t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-03-01"], ["已于 2023-04-10 截止报送", "--late"]),
        (["t2023-01", "--status", "done"], ["缺少 --unit"]),
        ([], ["缺少任务编号"]),
    ],
)
def test_refusals_are_chinese_and_touch_nothing(repo, args, words):
    q3(repo).parent.mkdir(parents=True)
    before = b"unit: \xe5\x8e\xbf\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80\nperiod: 2023Q3\nentries: []  # x\n"
    q3(repo).write_bytes(before)
    r = add(repo, *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("gk: 错误：")
    for w in words:
        assert w in r.stderr
    assert q3(repo).read_bytes() == before
    assert sorted(p.name for p in (repo / "data" / "progress").rglob("*")) == ["2023Q3", "县财政局.yaml"]


def test_zero_padding_and_case_of_the_task_id_are_forgiven(repo):
    r = add(repo, "T2023-1", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"][0]["task"] == "t2023-01"


def test_unlisted_unit_accepted_with_a_warning_when_the_task_has_others(repo):
    r = add(repo, "t2023-03", "--unit", "县审计局", "--status", "in_progress")
    assert r.returncode == 0, r.stderr
    assert "警告" in r.stderr and "等县级有关部门" in r.stderr
    assert q3(repo, "县审计局").is_file()


def test_a_unit_of_the_tail_is_not_told_it_missed_a_round_it_never_owed(make_repo):
    # a 每季度 task with 等…: the unit outside its units is shown, not counted, so no "上一期仍算未按时完成"
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS.replace(
        "  - {id: t2023-05,", "  - {id: t2023-06, category: 乙, title: 任务六, units: [县财政局], others: 等县级有关部门, deadline: 每季度}\n  - {id: t2023-05,")})
    r = add(root, "t2023-06", "--unit", "县审计局", "--status", "done")
    assert r.returncode == 0 and "等县级有关部门" in r.stderr and "上一期" not in r.stderr, r.stderr
    r = add(root, "t2023-06", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 0 and "上一期（2023-06-30 到期）没有登记“已完成”" in r.stderr, r.stderr  # its own unit owed it


def test_alias_resolves_to_the_unit_name_for_the_file(repo):
    r = add(repo, "t2023-05", "--unit", "县人社局", "--status", "done")
    assert r.returncode == 0, r.stderr
    assert q3(repo, "县人力资源社会保障局").is_file()


def test_existing_file_under_an_alias_is_used(repo):
    q3(repo, "县人社局").parent.mkdir(parents=True)
    q3(repo, "县人社局").write_text("unit: 县人社局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    r = add(repo, "t2023-05", "--unit", "县人力资源社会保障局", "--status", "done")
    assert r.returncode == 0, r.stderr
    assert not q3(repo, "县人力资源社会保障局").exists()
    assert "t2023-05" in q3(repo, "县人社局").read_text(encoding="utf-8")


def test_a_units_full_name_is_that_unit_and_said_so(repo):
    """People type their unit's full name (甲镇人民政府 for 甲镇, 县财政局 written 县财政局 is itself); another
    spelling of exactly one unit is that unit, said on the way; a slip is still refused with did-you-mean."""
    r = add(repo, "t2023-04", "--unit", "甲镇人民政府", "--status", "done")
    assert r.returncode == 0, r.stderr
    assert "“甲镇人民政府”是“甲镇”的另一种写法，按“甲镇”记入" in r.stdout + r.stderr, r.stdout + r.stderr
    assert "t2023-04" in q3(repo, "甲镇").read_text(encoding="utf-8")
    r = add(repo, "t2023-05", "--unit", "县人力资源和社会保障局", "--status", "done")  # the standard full name of 县人社局
    assert r.returncode == 0 and "t2023-05" in q3(repo, "县人力资源社会保障局").read_text(encoding="utf-8"), r.stderr
    r = add(repo, "t2023-01", "--unit", "县财正局", "--status", "done")
    assert r.returncode == 2 and "找不到单位" in r.stderr


def test_a_bracket_naming_a_part_is_never_dropped_to_file_for_another_unit(repo):
    """县财政局（国资股） names a part of 县财政局, 县审计局（县统计局） another unit (decisions.md): refused with 是不是,
    never filed as 县财政局 or 县审计局. A role mark is no part of the name."""
    for unit in ("县财政局（国资股）", "县审计局（县统计局）"):
        r = add(repo, "t2023-02", "--unit", unit, "--status", "done")
        assert r.returncode == 2 and "找不到单位" in r.stderr and "是不是" in r.stderr, r.stderr
    assert not q3(repo).exists() and not q3(repo, "县审计局").exists()
    r = add(repo, "t2023-01", "--unit", "县财政局（牵头）", "--status", "done")
    assert r.returncode == 0 and "t2023-01" in q3(repo).read_text(encoding="utf-8"), r.stderr


def test_an_entry_dated_before_its_plan_was_issued_is_said(repo):
    """t2023 was issued on 2023-03-01: status and reports count it from then, so an entry of 02-01 is said."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "--date", "2023-02-01", "--late")
    assert r.returncode == 0, r.stderr
    assert "方案《测试方案》于 2023-03-01 印发，晚于这条进度的日期 2023-02-01" in r.stdout + r.stderr, r.stdout + r.stderr
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01")
    assert "晚于这条进度的日期" not in r.stdout + r.stderr


def test_group_member_reports_its_own_part(repo):
    r = add(repo, "t2023-04", "--unit", "甲镇", "--status", "done")
    assert r.returncode == 0, r.stderr


def test_closed_quarter_needs_late(repo):
    env = {"GK_TODAY": "2024-02-01"}
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-10", env=env)
    assert r.returncode == 2 and "--late" in r.stderr
    assert not q3(repo).exists()
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-10", "--late", env=env)
    assert r.returncode == 0, r.stderr
    assert "GK407" not in r.stderr  # a new file for a closed quarter is fine in pull-request mode
    r = add(repo, "t2023-02", "--unit", "县财政局", "--status", "done", "--date", "2023-09-11", "--late", env=env)
    assert r.returncode == 0, r.stderr
    assert "GK407" in r.stderr and "--period 2024Q1" in r.stderr  # appending to it is an edit there
    # or recorded in the current quarter, dated before it
    r = add(repo, "t2023-02", "--unit", "县审计局", "--status", "done", "--date", "2023-09-10", "--period", "2024Q1", env=env)
    assert r.returncode == 0, r.stderr
    assert (repo / "data/progress/2024Q1/县审计局.yaml").is_file()


def test_appending_to_a_late_file_this_branch_made_warns_of_no_gk407(make_repo):
    # the late file is new on the unit's branch (not in main): a second --late entry in it is no change
    # of a closed quarter's history, and lint --base main says nothing; only one main holds is warned of
    from conftest import git

    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    git(root, "branch", "-M", "main")
    git(root, "checkout", "-qb", "bu")
    env = {"GK_TODAY": "2024-02-01"}
    assert add(root, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-10", "--late", env=env).returncode == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "补报")
    r = add(root, "t2023-02", "--unit", "县财政局", "--status", "done", "--date", "2023-09-11", "--late", env=env)
    assert r.returncode == 0 and "GK407" not in r.stderr, r.stderr
    lint = run_gk("lint", "--base", "main", cwd=root, env=env)
    assert "GK407" not in lint.stdout, lint.stdout
    git(root, "add", "-A")
    git(root, "commit", "-qm", "补报 2")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "bu")
    git(root, "checkout", "-qb", "bu2")
    r = add(root, "t2023-02", "--unit", "县财政局", "--status", "in_progress", "--date", "2023-09-12", "--late", env=env)
    assert "GK407" in r.stderr, r.stderr  # main holds it now: an edit of history


def test_a_closed_quarter_points_to_the_quarter_being_filed(repo):
    """On 10-08 offices file the third quarter (open until 10-10): the hint offers it, not the fourth
    quarter just begun; after 10-10 it offers this quarter."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-03-01", env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 2 and "--period 2023Q3" in r.stderr and "2023Q4" not in r.stderr, r.stderr
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-03-01", env={"GK_TODAY": "2023-10-11"})
    assert r.returncode == 2 and "--period 2023Q4 记入本季度" in r.stderr, r.stderr
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-03-01", "--period", "2023Q3",
            env={"GK_TODAY": "2023-10-08"})
    assert r.returncode == 0, r.stderr


def test_a_late_entry_makes_the_file_submitted_late(repo):
    """Appended after the quarter closed: submitted_on becomes that day, so reports say 逾期报送."""
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-05\nentries: []\n", encoding="utf-8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-10", "--late", env={"GK_TODAY": "2024-02-01"})
    assert r.returncode == 0, r.stderr
    assert "submitted_on: 2024-02-01\n" in q3(repo).read_text(encoding="utf-8")
    assert "submitted_on 已更新为 2024-02-01（截止后补报" in r.stdout, r.stdout  # not 新条目晚于: 09-10 is earlier


def test_window_keeps_the_quarter_open(repo):
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-28", env={"GK_TODAY": "2023-10-10"})
    assert r.returncode == 0, r.stderr
    r = add(repo, "t2023-02", "--unit", "县财政局", "--status", "done", "--date", "2023-09-28", env={"GK_TODAY": "2023-10-11"})
    assert r.returncode == 2


def test_in_the_window_the_new_quarter_is_said_with_how_to_file_the_last(repo):
    """On 10-05, without --date or --period, the entry is today's (2023Q4); 2023Q3 is still open, and said."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--dry-run", env={"GK_TODAY": "2023-10-05"})
    assert r.returncode == 0 and "2023Q4" in r.stdout
    assert "2023年第三季度的报送到 2023-10-10 截止" in r.stderr and "--period 2023Q3" in r.stderr
    quiet = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--dry-run", env={"GK_TODAY": "2023-10-25"})
    assert quiet.returncode == 0 and "截止" not in quiet.stderr


def test_report_window_from_gk_toml(make_repo):
    root = make_repo({"gk.toml": "report_window_days = 30\n", "data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS})
    r = add(root, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-28", env={"GK_TODAY": "2023-10-25"})
    assert r.returncode == 0, r.stderr


def test_dry_run_writes_nothing(repo):
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--dry-run")
    assert r.returncode == 0 and "未写入" in r.stdout and "task: t2023-01" in r.stdout
    assert not (repo / "data" / "progress").exists()


def test_broken_target_file_is_refused_untouched(repo):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_bytes(b"unit: [\n")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 2 and "未写入" in r.stderr and "Traceback" not in r.stderr
    assert q3(repo).read_bytes() == b"unit: [\n"


def test_appending_to_a_file_lint_faults_says_so_and_how_to_fix_it(repo, monkeypatch):
    """status: 推进中 written by hand (GK105): the entry was appended without a word, the file still failing gk lint."""
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-09-01\nentries:\n"
                        "  - task: t2023-01\n    status: 推进中\n    date: 2023-09-01\n", encoding="utf-8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-12")
    assert r.returncode == 0 and "县财政局.yaml 第 6 行还有 1 个错误" in r.stderr and "gk lint --fix 可自动改正" in r.stderr, r.stderr
    clean = add(repo, "t2023-02", "--unit", "县财政局", "--status", "done", "--date", "2023-09-12", "--dry-run")
    assert "还有" in clean.stderr  # (the file is as it was)
    q3(repo, "县审计局").write_text("unit: 县审计局\nperiod: 2023Q3\nsubmitted_on: 2023-09-01\nentries: []\n", encoding="utf-8")
    ok = add(repo, "t2023-02", "--unit", "县审计局", "--status", "done", "--date", "2023-09-12")
    assert ok.returncode == 0 and "错误" not in ok.stderr, ok.stderr
    # interactively, said before 确认写入
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    i = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "-u", "县财政局"], input="1\n2\n\n\n\n否\n")
    assert "还有 1 个错误" in i.output and i.output.index("还有 1 个错误") < i.output.index("确认写入"), i.output


def test_target_file_of_another_period_is_refused(repo):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q2\nentries: []\n", encoding="utf-8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 2 and "2023Q2" in r.stderr


def test_target_file_of_another_unit_is_refused(repo):
    """县财政局.yaml whose header says 县人社局: appending would count the entry as 县人社局's."""
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县人社局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    before = q3(repo).read_bytes()
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 2 and "写的单位是“县人社局”" in r.stderr, r.stderr
    assert q3(repo).read_bytes() == before


def test_a_broken_file_under_an_alias_is_refused_not_doubled(repo):
    """The unit's file for the quarter is named by its alias and cannot be read: no second file."""
    q3(repo, "县人社局").parent.mkdir(parents=True)
    q3(repo, "县人社局").write_text('unit: 县人社局\nperiod: 2023Q3\nentries:\n  - note: "未闭合\n', encoding="utf-8")
    r = add(repo, "t2023-05", "--unit", "县人力资源社会保障局", "--status", "done")
    assert r.returncode == 2 and "县人社局.yaml" in r.stderr and "未写入" in r.stderr, r.stderr
    assert not q3(repo, "县人力资源社会保障局").exists()


def test_the_same_state_again_after_another_is_written(repo):
    """done → blocked → done: the third is the unit's latest word, not a repeat to drop."""
    for status in ("done", "blocked", "done"):
        r = add(repo, "t2023-01", "--unit", "县财政局", "--status", status, "--note", "x")
        assert r.returncode == 0 and "未重复写入" not in r.stdout, r.stdout + r.stderr
    entries = yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]
    assert [e["status"] for e in entries] == ["done", "blocked", "done"]
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--note", "x")
    assert "未重复写入" in r.stdout and len(yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]) == 3


def test_chinese_status_labels(repo):
    for i, label in enumerate(["已完成", "推进中", "未启动", "受阻"]):
        r = add(repo, "t2023-02", "--unit", "县审计局", "--status", label, "--date", f"2023-09-1{i}")
        assert r.returncode == 0, r.stderr
    got = [e["status"] for e in yaml.safe_load(q3(repo, "县审计局").read_text(encoding="utf-8"))["entries"]]
    assert got == ["done", "in_progress", "not_started", "blocked"]


# --- concurrency and crashes ------------------------------------------------------


def _popen(root: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    full = {**os.environ, "NO_COLOR": "1", **TODAY, **(env or {})}
    full.pop("GK_DATA", None)
    return subprocess.Popen([sys.executable, "-m", "gkcli.cli", "progress", "add", *args], cwd=root, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_writers_lose_nothing(make_repo):
    tasks = "plan: {id: c, title: 并发}\ntasks:\n" + "".join(
        f"  - {{id: c-{i:02d}, title: 任务{i}, units: [县财政局], deadline: 2030-12-31}}\n" for i in range(12)
    )
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/c.yaml": tasks})
    procs = [_popen(root, f"c-{i:02d}", "--unit", "县财政局", "--status", "in_progress", "--note", f"并发{i}") for i in range(12)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert all(rc == 0 for rc, _, _ in results), results
    entries = yaml.safe_load(q3(root).read_text(encoding="utf-8"))["entries"]
    assert sorted(e["task"] for e in entries) == [f"c-{i:02d}" for i in range(12)]
    assert not list(q3(root).parent.glob(".*.tmp"))


def _wait_for_temp(folder: Path, proc: subprocess.Popen) -> None:
    for _ in range(600):
        if list(folder.glob(".*.tmp")):
            return
        if proc.poll() is not None:
            raise AssertionError(f"writer ended early: {proc.stderr.read()}")  # type: ignore[union-attr]
        time.sleep(0.05)
    raise AssertionError("the writer never wrote its temp file")


@pytest.mark.parametrize("existing", [True, False])
def test_killed_mid_write_leaves_the_old_file(repo, existing):
    folder = q3(repo).parent
    folder.mkdir(parents=True)
    before = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t2023-01, status: in_progress, date: 2023-08-01}\n"
    if existing:
        q3(repo).write_text(before, encoding="utf-8")
    p = _popen(repo, "t2023-02", "--unit", "县财政局", "--status", "done", env={"GK_TEST_PAUSE_AFTER_TEMP": "60"})
    _wait_for_temp(folder, p)
    temp = next(folder.glob(".*.tmp"))
    for _ in range(600):  # the temp file exists from its creation on; the writer pauses once it is complete
        if "t2023-02" in temp.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    assert "t2023-02" in temp.read_text(encoding="utf-8")  # the new content was complete in the temp file
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    if existing:
        assert q3(repo).read_text(encoding="utf-8") == before
    else:
        assert not q3(repo).exists()
    # the next writer is not hindered by the leftover, and the result is whole
    r = add(repo, "t2023-02", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 0, r.stderr
    assert [e["task"] for e in yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]][-1] == "t2023-02"


def test_file_changed_behind_the_writers_back_is_refused(repo, tmp_path):
    folder = q3(repo).parent
    folder.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    go = tmp_path / "go"
    p = _popen(repo, "t2023-02", "--unit", "县财政局", "--status", "done", env={"GK_TEST_PAUSE_AFTER_TEMP": f"wait:{go}"})
    _wait_for_temp(folder, p)
    edited = "unit: 县财政局\nperiod: 2023Q3\nentries: []  # 手工编辑\n"
    q3(repo).write_text(edited, encoding="utf-8")  # an editor saves meanwhile (editors take no lock)
    go.touch()
    assert p.wait(timeout=60) == 2
    err = p.stderr.read()  # type: ignore[union-attr]
    assert "被修改过" in err and "重新运行" in err and "Traceback" not in err
    assert q3(repo).read_text(encoding="utf-8") == edited
    assert not list(folder.glob(".*.tmp"))


def test_refusal_when_bytes_changed_between_read_and_replace(tmp_path):
    from gkcli.errors import GkError
    from gkcli.write import atomic

    f = tmp_path / "a.yaml"
    f.write_bytes(b"one\n")
    with pytest.raises(GkError, match="被修改过"):
        atomic.replace(f, b"two\n", expect=b"zero\n")
    assert f.read_bytes() == b"one\n"
    assert list(tmp_path.iterdir()) == [f]
    atomic.replace(f, b"two\n", expect=b"one\n")
    assert f.read_bytes() == b"two\n"


# --- interactive mode -------------------------------------------------------------


def test_interactive_picks_unit_task_and_status(repo, monkeypatch):
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    # unit 县审计局 by name, its only task (1), status 已完成 (as written, or its number 1), default date, a note, no links, confirm
    answers = "县审计局\n1\n已完成\n\n已完成审计公开\n\n好的\n是\n"  # a word it does not take is asked again
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input=answers)
    assert r.exit_code == 0, r.output
    assert "确认写入？（是/否，直接回车为“是”）：" in r.output and "[Y/n]" not in r.output and "请回答“是”或“否”" in r.output
    assert "日期 [2023-09-20]：" in r.output  # full-width colons, as Chinese text has
    before = q3(repo, "县审计局").read_text(encoding="utf-8")
    no = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input="县审计局\n1\n推进中\n\n\n\n否\n")
    assert no.exit_code == 1 and "未写入" in no.output  # a choice, not Ctrl-C's 130
    assert q3(repo, "县审计局").read_text(encoding="utf-8") == before
    assert "t2023-02" in r.output and "[未启动]" in r.output
    assert "任务 t2023-02：" in r.output.split("将写入")[0].splitlines()[-1]  # the task in words, right before it is written
    off = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"], input="99\n县审计局\n1\n推进中\n\n\n\n")
    assert "没有编号 99：请输入 1—" in off.output, off.output
    doc = yaml.safe_load(q3(repo, "县审计局").read_text(encoding="utf-8"))
    assert doc["entries"][0]["task"] == "t2023-02"
    assert doc["entries"][0]["status"] == "done"
    assert doc["entries"][0]["note"] == "已完成审计公开"
    # an Enter too many at the status records nothing by default: it is asked again (1 = 已完成 had been the default)
    enter = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"], input="县审计局\n1\n\n2\n\n\n\n")
    assert enter.exit_code == 0 and "in_progress" in enter.output and "状态（编号） [1]" not in enter.output, enter.output


def test_interactive_takes_numbers_and_ids_as_typed_and_asks_again_for_a_bad_note(repo, monkeypatch):
    """① and ２ are numbers (① crashed int()); T2023-2 is task t2023-02, as on the command line;
    a note with a control character is asked again, not the end of the session."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"],
                           input="县审计局\nT2023-2\n①\n\n坏\x07说明\n好说明\n\n")
    assert r.exit_code == 0, r.output
    assert "控制字符" in r.output and "内部错误" not in r.output and "好说明" in r.output and "t2023-02" in r.output, r.output
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"], input="县审计局\n①\n２\n\n\n\n")
    assert r.exit_code == 0 and "in_progress" in r.output, r.output


def test_interactive_task_prompt_says_why_an_id_is_not_taken(repo, monkeypatch):
    """An id that is no task's, or another unit's, got only 请输入 1—N 之间的编号; a full-width id was refused; a task
    admitting others (等县级有关部门), which the command line takes with a warning, was refused too."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run", "-u", "县审计局"],
                           input="t2023-99\nt2023-01\nＴ２０２３－０２\n1\n\n\n\n")
    assert r.exit_code == 0, r.output
    assert "找不到任务“t2023-99”：是不是“t2023-" in r.output and "t2023-01 不是县审计局的任务（责任单位：县财政局）" in r.output, r.output
    assert "task: t2023-02" in r.output
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run", "-u", "县审计局"], input="t2023-03\n1\n\n\n\n")
    assert r.exit_code == 0 and "task: t2023-03" in r.output and "等县级有关部门" in r.output, r.output
    assert add(repo, "Ｔ２０２３－０２", "-u", "县审计局", "-s", "done", "--dry-run").returncode == 0


def test_interactive_messages_speak_of_the_prompts_not_of_options(repo, monkeypatch):
    """The clerk who picks from menus was told to use --unit, --period, --note."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-10-05")
    # a group at the unit prompt; 2023Q3 from the menu, then a date after it; then a date to come
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"],
                           input="各乡镇（街道）\n县审计局\n1\n1\n1\n10月3日\n2099-01-01\n2023-09-28\n\n\n")
    assert r.exit_code == 0, r.output
    assert "请输入其中一个单位的编号或名称，如 甲镇、乙镇" in r.output
    assert "日期 2023-10-03 在 2023Q3（2023年第三季度）结束之后：请输入 2023-09-30 或之前的日期" in r.output
    assert "计划中的事可以写在说明里" in r.output and "--" not in r.output.replace("--dry-run", ""), r.output


def test_interactive_evidence_is_split_at_chinese_list_marks_too(repo, monkeypatch):
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    links = "https://a.gov.cn/1、https://a.gov.cn/2，佐证/纪要.pdf；“佐证/一、二.pdf”\n"
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "-u", "县审计局"], input="1\n1\n\n\n" + links + "\n")
    assert r.exit_code == 0, r.output
    e = yaml.safe_load(q3(repo, "县审计局").read_text(encoding="utf-8"))["entries"][0]
    assert e["evidence"] == ["https://a.gov.cn/1", "https://a.gov.cn/2", "佐证/纪要.pdf", "佐证/一、二.pdf"]


def test_interactive_with_the_task_given_lists_that_tasks_units(repo, monkeypatch):
    # gk progress add t2023-02 at a terminal: its two units to pick from, not every unit of the county
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "t2023-02", "--dry-run"], input="2\n1\n\n\n\n")
    assert r.exit_code == 0, r.output
    listed = r.output.split("报送单位")[0]
    assert "1. 县财政局" in listed and "2. 县审计局" in listed and "甲镇" not in listed and "县人力资源社会保障局" not in listed, listed
    assert "县审计局" in r.output.split("报送单位")[1]
    # a unit not responsible for it is asked again, not the end of the session (the answers after went to the shell)
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "t2023-02", "--dry-run"], input="甲镇\n2\n1\n\n\n\n")
    assert r.exit_code == 0 and "甲镇 不是任务 t2023-02 的责任单位：请输入上面列出的单位的编号或名称" in r.output, r.output


def test_interactive_asks_again_for_a_date_it_cannot_take(repo, monkeypatch):
    """A future date, or one in a closed quarter, is said at the date prompt and asked again,
    not after the note has been typed; --dry-run asks for no confirmation of a write it will not do."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    answers = "县审计局\n1\n已完成\n2099-01-01\n2023-03-01\n3\n2023-09-12\n说明\n\n"  # (3: another date)
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"], input=answers)
    assert r.exit_code == 0, r.output
    assert "晚于今天" in r.output and "截止报送" in r.output and "确认写入" not in r.output
    assert "检查通过（未写入）" in r.output and "2023-09-12" in r.output and not q3(repo, "县审计局").exists()


@pytest.mark.parametrize("period", ["2024Q1", "2023Q9"])
def test_interactive_says_a_bad_period_at_once(repo, monkeypatch, period):
    """Not a date's fault: asking for the date again would loop for ever."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--period", period], input="县审计局\n1\n1\n\n" * 5)
    from gkcli.errors import GkError

    assert isinstance(r.exception, GkError) and "季度" in r.exception.message and "日期" not in r.output, r.output


def _at_a_terminal(repo: Path, args: list[str], answers: list[bytes], env: dict | None = None) -> str:
    """gk run at a real terminal (a pseudo-terminal) in `repo`, each answer typed when it waits at a prompt
    (quiet, its output ending in a full-width colon); an answer is sent in pieces, as a paste arrives.
    What the terminal showed."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: gk at a terminal
        os.chdir(repo)
        env = {**os.environ, "GK_TODAY": "2023-09-20", "NO_COLOR": "1", "COLUMNS": "120", "TERM": "xterm", **(env or {})}
        env.pop("GK_DATA", None)
        os.execve(sys.executable, [sys.executable, "-m", "gkcli.cli", *args], env)
    todo = iter(answers)
    out, answered_at, deadline = b"", -1, time.monotonic() + 60
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 0.5)[0]:
            if out.rstrip().endswith("：".encode()) and answered_at != len(out):
                answered_at = len(out)
                try:
                    data = next(todo)
                except StopIteration:
                    break
                for k in range(0, len(data), 512):
                    os.write(fd, data[k:k + 512])
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    for _ in range(100):  # the answers used up, it may still wait for one (an answer it did not take): not for ever
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return out.decode("utf-8", "replace")


def test_interactive_on_a_real_terminal(repo):
    """TASK omitted at a real TTY: the prompts come, the answers are taken."""
    text = _at_a_terminal(repo, ["progress", "add", "--unit", "县财政局"],
                          [b"2\r", b"2\r", b"\r", "测试".encode() + b"\r", b"\r", b"y\r"])  # task 2, 推进中, today, 测试
    assert "县财政局 的任务" in text, text
    entries = yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]
    assert entries[0]["task"] == "t2023-02" and entries[0]["status"] == "in_progress" and entries[0]["note"] == "测试"


@pytest.mark.parametrize("name", ["../../../../escaped", "县委宣传部/网信办", ".", ".hidden", "局" * 100])
def test_a_unit_name_that_is_a_path_is_refused(make_repo, tmp_path, name):
    """gk lint flags such a name (GK105); progress add must not write where it leads."""
    units = f"units:\n  - name: '{name}'\n    kind: department\n"
    tasks = f"plan: {{id: t2023, title: 测试}}\ntasks:\n  - {{id: t2023-01, title: 任务, units: ['{name}'], deadline: 2030-12-31}}\n"
    root = make_repo({"data/units/u.yaml": units, "data/tasks/t.yaml": tasks})
    before = sorted(p for p in tmp_path.rglob("*") if ".gk" not in p.parts)
    r = add(root, "t2023-01", "--unit", name, "--status", "done")
    assert r.returncode == 2 and "不能含有 /" in r.stderr and "未写入" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert sorted(p for p in tmp_path.rglob("*") if ".gk" not in p.parts) == before


def test_what_the_system_refuses_is_said_in_chinese(repo):
    """Disk full, no permission, a file where a folder should be: exit 2 with the file named,
    never 内部错误 (which tells users it is gk's bug)."""
    (repo / "data" / "progress").write_text("", encoding="utf-8")  # a file where the quarter's folder would go
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 2 and "路径中有一段不是目录" in r.stderr and "内部错误" not in r.stderr, r.stderr


def test_a_file_made_read_only_is_not_replaced_even_by_root(repo):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    q3(repo).chmod(0o444)
    try:
        r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
        assert r.returncode == 2 and "没有权限" in r.stderr and "县财政局.yaml" in r.stderr, r.stderr
        assert q3(repo).read_text(encoding="utf-8") == "unit: 县财政局\nperiod: 2023Q3\nentries: []\n"
    finally:
        q3(repo).chmod(0o644)


@pytest.mark.parametrize("locked", ["data/progress/2023Q3", "data/progress"])  # the quarter's folder, or the one it would go in
def test_a_folder_made_read_only_gets_nothing_new_even_from_root(repo, locked):
    (repo / "data/progress/2023Q3").parent.mkdir(parents=True, exist_ok=True)
    if locked.endswith("Q3"):
        (repo / locked).mkdir()
    folder = repo / locked
    folder.chmod(0o555)
    try:
        r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
        assert r.returncode == 2 and "没有权限" in r.stderr and not q3(repo).exists(), r.stderr
        assert (repo / "data/progress/2023Q3").exists() == locked.endswith("Q3")
    finally:
        folder.chmod(0o755)


def test_a_read_only_file_is_not_replaced(tmp_path, monkeypatch):
    from gkcli.write import atomic

    f = tmp_path / "县财政局.yaml"
    f.write_bytes(b"old\n")
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: str(p) != str(f))  # no write permission for it (root has it always)
    with pytest.raises(PermissionError) as e:
        atomic.replace(f, b"new\n", expect=b"old\n")
    assert e.value.filename == str(f) and f.read_bytes() == b"old\n"


def test_a_file_named_for_another_unit_is_not_written_into(repo):
    """县审计局.yaml whose header says 县财政局: neither unit's entry goes there."""
    q3(repo, "县审计局").parent.mkdir(parents=True)
    q3(repo, "县审计局").write_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    before = q3(repo, "县审计局").read_bytes()
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done")
    assert r.returncode == 2 and "与文件名不符" in r.stderr, r.stdout + r.stderr
    assert q3(repo, "县审计局").read_bytes() == before and not q3(repo).exists()


def test_done_after_a_missed_round_says_which_round_it_counts_for(make_repo):
    """A 每半年 task none did by 06-30: 已完成 on 07-05 counts for the second half (DESIGN: per
    occurrence), so the office hears it, rather than the first half quietly vanishing."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS.replace("deadline: 2030-06}", "deadline: 每半年}", 1)})
    r = run_gk("progress", "add", "t2023-04", "--unit", "甲镇", "--status", "done", "--date", "2023-07-05", cwd=root,
               env={"GK_TODAY": "2023-07-06"})
    assert r.returncode == 0, r.stderr
    assert "上一期（2023-06-30 到期）没有登记“已完成”；2023-07-05 的这条记入 2023-07-01—2023-12-31 这一期" in r.stderr, r.stderr
    again = run_gk("progress", "add", "t2023-04", "--unit", "甲镇", "--status", "done", "--date", "2023-07-10", cwd=root,
                   env={"GK_TODAY": "2023-07-11"})
    assert again.returncode == 0 and "上一期" in again.stderr  # still missed: the 07-05 entry is this round's


def test_done_after_the_plan_ended_counts_for_its_last_round(make_repo):
    """After plan.ends_on there is no new round: a done then is said to count for the last one."""
    tasks = TASKS.replace("issued_on: 2023-03-01}", "issued_on: 2023-03-01, ends_on: 2023-12-31}").replace("deadline: 2030-06}", "deadline: 每半年}", 1)
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": tasks})
    r = run_gk("progress", "add", "t2023-04", "--unit", "甲镇", "--status", "done", "--date", "2024-02-01", cwd=root,
               env={"GK_TODAY": "2024-02-02"})
    assert r.returncode == 0, r.stderr
    assert "上一期（2023-06-30 到期）没有登记“已完成”；2024-02-01 的这条记入 2023-07-01—2023-12-31 这一期" in r.stderr, r.stderr


def test_a_file_lint_faults_is_named_not_blamed_on_gk(repo):
    """A key written twice (GK103) is the file's fault: said with its line, not 这是 gk 的缺陷."""
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text("unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-09-20\nentries:\n  - {task: t2023-01, status: done, date: 2023-09-01}\n"
                        "entries:\n  - {task: t2023-01, status: done, date: 2023-09-02}\n", encoding="utf-8")
    before = q3(repo).read_bytes()
    r = add(repo, "t2023-01", "-u", "县财政局", "-s", "推进中")
    assert r.returncode == 2 and "GK103" in r.stderr and "第 6 行" in r.stderr and "缺陷" not in r.stderr, r.stderr
    assert q3(repo).read_bytes() == before


def test_a_note_that_is_no_utf8_text_is_refused_in_words(repo):
    import subprocess
    import sys

    env = {**os.environ, **TODAY, "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-m", "gkcli.cli", "progress", "add", "t2023-01", "-u", "县财政局", "-s", "推进中",
                        "-n", os.fsdecode(b"a\xff")], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "不是 UTF-8 文本" in r.stderr and "缺陷" not in r.stderr, r.stderr
    assert not q3(repo).exists()


def test_a_file_over_the_size_limit_is_said_in_chinese(repo):
    """ulimit -f 0: the write fails with EFBIG, said in Chinese ("File too large" was printed as it came)."""
    import resource

    def no_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    cmd = [sys.executable, "-m", "gkcli.cli", "progress", "add", "t2023-01", "-u", "县财政局", "-s", "done", "-n", "x"]
    env = {**os.environ, "NO_COLOR": "1", **TODAY}
    p = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, preexec_fn=no_file_size, timeout=120)
    assert p.returncode == 2 and "超过文件大小限制" in p.stderr and "File too large" not in p.stderr, p.stderr
    assert "县财政局.yaml" in p.stderr and not q3(repo).exists()


@pytest.mark.parametrize("end", ["...\n", "# 说明\n...\n# 文档之后的注释\n", "..."])
def test_a_file_without_entries_ending_in_a_document_end_marker_gets_them_before_it(repo, end):
    """`...` ends the YAML document: an entries key written after it was gk's own GK101 ("第 5 行"),
    blamed on the file. It goes before the marker; every other byte stays."""
    q3(repo).parent.mkdir(parents=True)
    head = "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-09-01\n"
    q3(repo).write_text(head + end, encoding="utf-8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01")
    assert r.returncode == 0, r.stderr
    body = end[: end.index("...")]
    entry = "entries:\n  - task: t2023-01\n    status: done\n    date: 2023-09-01\n"
    assert q3(repo).read_text(encoding="utf-8") == head + body + entry + end[len(body):]
    assert run_gk("lint", cwd=repo).returncode == 0


@pytest.mark.parametrize("after", ["", "# 说明\n"])
def test_an_explicit_null_entries_leaves_no_space_at_the_line_end(repo, after):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_text(f"unit: 县财政局\nperiod: 2023Q3\nentries: ~\n{after}submitted_on: 2023-09-01\n", encoding="utf-8")
    assert add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01").returncode == 0
    assert q3(repo).read_text(encoding="utf-8").splitlines()[2] == "entries:"


@pytest.mark.parametrize("lines, nl", [
    (["unit: 县财政局\r\n", "period: 2023Q3\n", "submitted_on: 2023-09-01\n", "entries:\n"], "\n"),  # one CRLF line pasted in
    (["unit: 县财政局\r\n", "period: 2023Q3\r\n", "submitted_on: 2023-09-01\n", "entries:\r\n"], "\r\n"),  # mostly CRLF
])
def test_the_new_entry_takes_the_line_end_most_of_the_file_has(repo, lines, nl):
    q3(repo).parent.mkdir(parents=True)
    q3(repo).write_bytes("".join(lines).encode("utf-8"))
    assert add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-01").returncode == 0
    entry = f"  - task: t2023-01{nl}    status: done{nl}    date: 2023-09-01{nl}"
    assert q3(repo).read_bytes() == ("".join(lines) + entry).encode("utf-8")


def test_interactive_asks_the_quarter_in_the_days_last_one_is_filed(repo, monkeypatch):
    """2023-10-05: Enter at the date filed 三季度工作已完成 under 2023Q4, with no word (the command line warns).
    Now the quarter is asked first, last quarter the default; its day is asked, not guessed (its last day made work
    done on time 逾期完成; the command line refuses to guess it too)."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-10-05")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input="县审计局\n1\n1\n\n\n2023-09-28\n三季度工作已完成\n\n是\n")
    assert r.exit_code == 0, r.output
    assert "1. 2023Q3（2023年第三季度，报送到 2023-10-10 截止）" in r.output and "日期 [" not in r.output, r.output
    assert "日期（2023年第三季度已经结束，请写明达到该状态的日期）：" in r.output
    assert yaml.safe_load(q3(repo, "县审计局").read_text(encoding="utf-8"))["entries"][0]["date"] == dt.date(2023, 9, 28)
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "--dry-run"], input="县审计局\n1\n1\n2\n\n\n\n")
    assert r.exit_code == 0 and "data/progress/2023Q4/县审计局.yaml" in r.output, r.output


def test_interactive_says_a_done_after_the_due_date_counts_as_done_late(make_repo, monkeypatch):
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    tasks = TASKS + "  - {id: t2023-06, category: 乙, title: 任务六, units: [县审计局], deadline: 2023-09-15}\n"
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": tasks})
    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    late = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "t2023-06", "-u", "县审计局"], input="1\n2023-09-18\n\n\n否\n")
    assert "按此日期计为逾期完成（完成时限 2023-09-15）" in late.output, late.output
    on_time = CliRunner().invoke(app, ["--data", str(root), "progress", "add", "t2023-06", "-u", "县审计局"], input="1\n2023-09-12\n\n\n否\n")
    assert "逾期完成" not in on_time.output and "确认写入" in on_time.output, on_time.output


def test_interactive_says_a_file_it_cannot_append_to_before_the_note_is_typed(repo, monkeypatch):
    """The refusal came after every answer and the confirmation: the typed note was lost. Now it comes once the
    unit and quarter are known; and a refusal at the write gives the command with everything typed."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    q3(repo, "县审计局").parent.mkdir(parents=True)
    q3(repo, "县审计局").write_text("unit: 县审计局\nperiod: 2023Q3\nentries:\n  - task: t2023-02\n    note: a: b\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input="县审计局\n1\n1\n\n很长的说明\n\n\n")
    from gkcli.errors import GkError

    assert isinstance(r.exception, GkError) and "有错误，未写入" in r.exception.message and "说明（可留空）" not in r.output, r.output
    # a file read fine but refused at the write (a key written twice): the command to run once it is mended
    q3(repo, "县审计局").write_text("unit: 县审计局\nunit: 县审计局\nperiod: 2023Q3\nsubmitted_on: 2023-09-01\nentries: []\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input="县审计局\n1\n1\n\n很长 的说明\n\n\n")
    assert isinstance(r.exception, GkError), r.output
    assert "修正后可运行：gk progress add t2023-02 --unit 县审计局 --status done --date 2023-09-20 --period 2023Q3 --note '很长 的说明'" in r.exception.hint


def test_interactive_asks_before_a_late_filing_and_warns_before_the_write(repo, monkeypatch):
    """A closed quarter told the clerk to add --late (a restart); now it asks. What is said of the entry (a closed
    quarter's file appended to) comes before 确认写入, not after the write; evidence in quotes is one item;
    a slip at the status menu gets 是不是."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    q3(repo, "县审计局").parent.mkdir(parents=True)
    q3(repo, "县审计局").write_text("unit: 县审计局\nperiod: 2023Q3\nsubmitted_on: 2023-10-08\nentries: []\n", encoding="utf-8")
    monkeypatch.setenv("GK_TODAY", "2023-10-12")
    answers = "县审计局\n1\ndoen\n1\n2023-09-28\n2\n补报\n\"佐证/9月 会议纪要.pdf\" https://x.gov.cn/a\n是\n"
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input=answers)
    assert r.exit_code == 0, r.output
    assert "是不是 done（已完成）？" in r.output, r.output
    assert "补报到 2023Q3" in r.output and r.output.index("注意：") < r.output.index("确认写入？"), r.output
    assert "gk: 警告" not in r.output  # (said once, before the answer)
    assert "报告中显示为逾期报送" in r.output and "GK407" not in r.output and "--period" not in r.output, r.output  # (the clerk's terms)
    e = yaml.safe_load(q3(repo, "县审计局").read_text(encoding="utf-8"))["entries"][0]
    assert e["evidence"] == ["佐证/9月 会议纪要.pdf", "https://x.gov.cn/a"] and e["date"] == dt.date(2023, 9, 28)


def test_interactive_in_a_closed_quarter_recommends_the_open_one_by_default(repo, monkeypatch):
    """Enter at 确需补报…？ (是) rewrote an on-time file's submitted_on (逾期报送, GK407). The default is now what
    docs/writing.md recommends: the entry recorded in the quarter being filed, the closed file untouched."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    filed = "unit: 县审计局\nperiod: 2023Q3\nsubmitted_on: 2023-10-08\nentries: []\n"
    q3(repo, "县审计局").parent.mkdir(parents=True)
    q3(repo, "县审计局").write_text(filed, encoding="utf-8")
    monkeypatch.setenv("GK_TODAY", "2023-11-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add"], input="县审计局\n1\n1\n2023-09-28\n\n\n\n\n")
    assert r.exit_code == 0, r.output
    assert "1. 记入 2023Q4（2023年第四季度，推荐" in r.output and "2. 补报到 2023Q3" in r.output and "怎样登记（编号） [1]" in r.output
    assert q3(repo, "县审计局").read_text(encoding="utf-8") == filed
    e = yaml.safe_load((repo / "data/progress/2023Q4/县审计局.yaml").read_text(encoding="utf-8"))["entries"][0]
    assert e["date"] == dt.date(2023, 9, 28)


def test_interactive_on_a_real_terminal_takes_a_long_note_whole(repo):
    """A note pasted at a terminal was cut at the tty's 4,095-byte line (1,365 Chinese characters, the end
    lost without a word); with line editing it is kept whole."""
    note = "长" * 1500 + "完"
    text = _at_a_terminal(repo, ["progress", "add", "--unit", "县财政局", "--status", "推进中"],
                          [b"2\r", b"\r", note.encode() + b"\r", b"\r", b"y\r"])
    entries = yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]
    assert entries[-1]["note"] == note, (len(entries[-1]["note"]), text[-300:])


@pytest.mark.parametrize("c", ["C", "POSIX"])
def test_interactive_under_the_c_locale_takes_chinese_as_typed(repo, c):
    """LC_ALL=C (servers, Docker, ssh): readline took each byte of a Chinese character for a Meta key, and
    已召开政务协商会议 was written as 2!协商会议; 是 at the confirmation was not understood."""
    note = "已召开政务协商会议"
    text = _at_a_terminal(repo, ["progress", "add", "--unit", "县财政局"],
                          [b"2\r", b"2\r", b"\r", note.encode() + b"\r", b"\r", "是".encode() + b"\r"],
                          env={"LC_ALL": c, "LANG": "C"})
    entries = yaml.safe_load(q3(repo).read_text(encoding="utf-8"))["entries"]
    assert entries[-1]["note"] == note, text[-400:]


def test_an_answer_that_is_no_text_is_asked_again(monkeypatch):
    """Bytes the terminal's encoding could not read come as lone surrogates: never taken, never shown back."""
    from gkcli.write import interactive

    answers = iter(["e\udc9d\udc9d镇", "南坝镇"])
    monkeypatch.setattr(interactive.typer, "prompt", lambda *a, **kw: next(answers))
    said: list[str] = []
    monkeypatch.setattr(interactive.typer, "echo", lambda text="", **kw: said.append(text))
    assert interactive._ask("报送单位") == "南坝镇"
    assert said and "无法识别的字符" in said[0] and "\udc9d" not in said[0]


@pytest.mark.parametrize("today,written,day", [("2023-09-20", "9月15日", "2023-09-15"), ("2023-09-20", "9-15", "2023-09-15"),
                                               ("2023-01-05", "12月20日", "2022-12-20")])
def test_a_date_without_its_year_is_the_latest_such_day(repo, today, written, day):
    """9月15日 is what clerks type; it was refused. It is this year's, or last year's when this year's is to come."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", written, "--dry-run", env={"GK_TODAY": today})
    assert r.returncode == 0 and f"没写年份，按 {day} 读入" in r.stderr and day in r.stdout, r.stdout + r.stderr


def test_a_task_given_at_a_terminal_without_unit_or_status_asks_for_them(repo, monkeypatch):
    """gk progress add t2023-02 at a terminal said 缺少 --unit 和 --status; it now asks for them (the task as given),
    and a unit whose task it is not gets the command line's refusal."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.commands import progress as cmd

    monkeypatch.setattr(cmd, "stdin_is_tty", lambda: True)
    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "T2023-2", "--dry-run"], input="县审计局\n2\n\n\n\n")
    assert r.exit_code == 0 and "任务 t2023-02：任务二" in r.output and "in_progress" in r.output, r.output
    assert "的任务：" not in r.output  # (no list to pick from)
    r = CliRunner().invoke(app, ["--data", str(repo), "progress", "add", "t2023-01", "--dry-run"], input="县审计局\n")
    assert "不是任务 t2023-01 的责任单位" in str(r.exception) or "不是任务 t2023-01 的责任单位" in r.output, r.output


def test_evidence_lint_would_warn_of_is_warned_of_at_once(repo):
    """t7 (session 10): `-e 会议纪要 -e www.…` was written without a word; lint then warned (GK413). Written all the
    same (a warning), said now, while the clerk can still correct it."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "-e", "会议纪要", "-e", "www.x.gov.cn/a", "-e", "https://x.gov.cn/b")
    assert r.returncode == 0, r.stderr
    assert "佐证“会议纪要”既不是网址" in r.stderr and "佐证“www.x.gov.cn/a”的网址缺少开头的 http(s)://" in r.stderr, r.stderr
    assert "https://x.gov.cn/b" not in r.stderr


def test_evidence_path_to_no_file_is_warned_of(repo):
    """t7 (session 10): a repo path to no file (a typo, or the PDF never committed) passed as evidence. Written all the
    same (GK413 is a warning), said at once; a file that is there, from the root or beside the progress file, is not."""
    (repo / "evidence" / "2023Q3").mkdir(parents=True)
    (repo / "evidence" / "2023Q3" / "纪要.pdf").write_bytes(b"%PDF-1.4\n")
    (repo / "data" / "progress" / "2023Q3").mkdir(parents=True, exist_ok=True)
    (repo / "data" / "progress" / "2023Q3" / "照片.jpg").write_bytes(b"\xff\xd8")
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "-d", "2023-09-10",
            "-e", "evidence/2023Q3/纪要.pdf", "-e", "照片.jpg", "-e", "evidence/2023Q3/会议记录.pdf")
    assert r.returncode == 0, r.stderr
    assert "佐证“evidence/2023Q3/会议记录.pdf”在仓库中找不到" in r.stderr, r.stderr
    assert "纪要.pdf”" not in r.stderr and "照片.jpg" not in r.stderr, r.stderr


def test_a_second_status_on_the_same_day_is_warned_of(repo):
    """t2/t7 (session 10): in_progress on the day done was written made the task not done (GK409, a lint warning)
    without a word from progress add."""
    assert add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "--date", "2023-09-10").returncode == 0
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "--date", "2023-09-10")
    assert r.returncode == 0 and "2023-09-10 已有一条“已完成”的记录：同一天两个状态" in r.stderr, r.stderr


def test_yesterday_is_a_date_and_a_wrong_date_gets_todays_example(repo):
    """t2/t7 (session 10): -d 昨天 was refused with the fixed example 2023-10-15, a date after today (GK_TODAY 2023-09-20)."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", "昨天", "--dry-run")
    assert r.returncode == 0 and "2023-09-19" in r.stdout, r.stdout + r.stderr
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", "上周末", "--dry-run")  # Saturday or Sunday?
    assert r.returncode == 2 and "日期写作 2023-09-20（年-月-日）" in r.stderr, r.stderr


@pytest.mark.parametrize("said, day", [("上周五", "2023-09-15"), ("上周一", "2023-09-11"), ("上周日", "2023-09-17"), ("上个星期五", "2023-09-15"),
                                       ("上礼拜五", "2023-09-15"), ("本周一", "2023-09-18"), ("这周三", "2023-09-20"), ("这个星期二", "2023-09-19"),
                                       ("周五", "2023-09-15"), ("星期五", "2023-09-15"), ("礼拜五", "2023-09-15"), ("周三", "2023-09-20"),
                                       ("礼拜天", "2023-09-17"), ("星期一", "2023-09-18")])
def test_a_day_of_the_week_is_a_date(repo, said, day):
    """GK_TODAY 2023-09-20 is a Wednesday; weeks run Monday to Sunday. A bare 周五 is the latest Friday not after
    today, and said so (docs/decisions.md)."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", said, "--dry-run")
    assert r.returncode == 0 and f"date: {day}" in r.stdout, r.stdout + r.stderr
    assert (f"按最近的{said}（{day}）读入" in r.stderr) == (said[0] in "周星礼"), r.stderr


def test_this_weeks_day_still_to_come_is_a_future_date(repo):
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "done", "-d", "本周五", "--dry-run")
    assert r.returncode == 2 and "日期 2023-09-22 晚于今天（2023-09-20）" in r.stderr, r.stderr


def test_a_day_without_its_year_just_after_today_is_not_last_years(repo):
    """t3 (session 11): with today 2023-09-20, `-d 9月21日` (tomorrow typed) was read as 2022-09-21, a closed
    quarter whose hint (--period) then recorded a year-old date. A day soon after today is refused as later than
    today; one far after it (12月28日 in January) is still last year's, as said."""
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", "9月21日", "--dry-run")
    assert r.returncode == 2 and "“9月21日”是 2023-09-21，晚于今天（2023-09-20）" in r.stderr, r.stderr
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", "9月19日", "--dry-run")
    assert r.returncode == 0 and "2023-09-19" in r.stdout, r.stderr
    # across New Year (t5): 1月1日 on 31 December is tomorrow, not 364 days ago
    r = add(repo, "t2023-01", "--unit", "县财政局", "--status", "in_progress", "-d", "1月1日", "--dry-run", env={"GK_TODAY": "2023-12-31"})
    assert r.returncode == 2 and "“1月1日”是 2024-01-01，晚于今天（2023-12-31）" in r.stderr, r.stderr
