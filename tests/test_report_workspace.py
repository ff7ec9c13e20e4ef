"""gk report over several county repos: each county's report exactly as alone, plus a roll-up."""

from __future__ import annotations

from conftest import write_tree


def county(root, name):
    write_tree(root / name, {
        "gk.toml": f'county = "{name}"\n',
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-01-05}\ntasks:\n"
                             "  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-06-30}\n",
    })


def test_each_county_as_alone_and_a_rollup(gk, tmp_path):
    county(tmp_path, "甲县")
    county(tmp_path, "乙县")
    (tmp_path / "out").mkdir()
    p = gk("report", "--quarter", "2023Q3", "--data", "甲县", "--data", "乙县", "-o", "out/r.md", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    for name in ("甲县", "乙县"):
        alone = gk("report", "--quarter", "2023Q3", "-o", str(tmp_path / f"alone-{name}.md"), cwd=tmp_path / name)
        assert alone.returncode == 0, alone.stderr
        assert (tmp_path / f"out/r-{name}.md").read_bytes() == (tmp_path / f"alone-{name}.md").read_bytes()
    summary = (tmp_path / "out/r-汇总.md").read_text(encoding="utf-8")
    assert "| 甲县 | 1 | 0 | 0 | 1 | 0 | 1 |" in summary and "| 乙县 |" in summary


def test_rollup_to_stdout(gk, tmp_path):
    county(tmp_path, "甲县")
    county(tmp_path, "乙县")
    p = gk("report", "--year", "2023", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("# 2个县（市、区）2023年度政务公开工作汇总")
    for name in ("甲县", "乙县"):
        alone = gk("report", "--year", "2023", cwd=tmp_path / name)
        assert alone.returncode == 0 and alone.stdout in p.stdout


def test_rollup_in_the_asked_format_named_after_the_workspace(gk, tmp_path):
    """The roll-up comes in the format of -o (here Word, in 公文 layout) and takes its name
    and office from the gk.toml that lists the workspace."""
    import docx

    county(tmp_path / "counties", "甲县")
    county(tmp_path / "counties", "乙县")
    (tmp_path / "gk.toml").write_text('county = "达州市"\noffice = "达州市人民政府办公室"\nworkspace = ["counties/*"]\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    p = gk("report", "--quarter", "2023Q3", "-o", "out/r.docx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert {f.name for f in (tmp_path / "out").iterdir()} == {"r-甲县.docx", "r-乙县.docx", "r-汇总.docx"}
    d = docx.Document(str(tmp_path / "out/r-汇总.docx"))
    text = "\n".join(para.text for para in d.paragraphs)
    assert "达州市2023年第三季度政务公开工作汇总" in text and "达州市人民政府办公室" in text
    cells = [[c.text for c in row.cells] for row in d.tables[0].rows]
    assert cells[0][:3] == ["县", "任务数", "已完成"]
    assert [r[0] for r in cells[1:]] == [*sorted(["甲县", "乙县"]), "合计"]  # counties in folder order
    assert cells[-1][1] == "2" and cells[-1][4] == "2"  # two tasks, both overdue
    html = gk("report", "--quarter", "2023Q3", "-o", "out/r.html", cwd=tmp_path)
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "out/r-汇总.html").read_text(encoding="utf-8")
    assert '<a href="r-甲县.html">甲县</a>' in page and "<title>达州市2023年第三季度政务公开工作汇总</title>" in page


def test_rollup_owes_the_reported_quarter_and_names_files_safely(gk, tmp_path):
    """The roll-up's 未报送 is the county reports' own (the quarter asked for, not the one
    before); a unit one county lacks leaves that county out, said so; county names that are
    alike or hold a / still give one file each; a workspace listing a workspace is expanded."""
    import json

    county(tmp_path / "counties", "甲县")
    county(tmp_path / "counties", "乙县")
    write_tree(tmp_path / "counties" / "丙", {"gk.toml": 'county = "达州/宣汉"\n', "data/units/u.yaml": "units:\n  - {name: 县审计局, kind: department}\n"})
    (tmp_path / "gk.toml").write_text('county = "达州市"\nworkspace = ["counties/*"]\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    p = gk("report", "--quarter", "2023Q3", "-o", "out/r.md", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert {f.name for f in (tmp_path / "out").iterdir()} == {"r-甲县.md", "r-乙县.md", "r-达州_宣汉.md", "r-汇总.md"}
    alone = (tmp_path / "out/r-甲县.md").read_text(encoding="utf-8")
    summary = (tmp_path / "out/r-汇总.md").read_text(encoding="utf-8")
    assert "以下 1 个单位未报送2023年第三季度工作进度：县财政局" in alone
    assert "| 甲县 | 1 | 0 | 0 | 1 | 0 | 1 |" in summary and "未报送2023年第三季度进度" in summary

    (tmp_path / "out2").mkdir()
    u = gk("report", "--quarter", "2023Q3", "--unit", "县审计局", "-o", "out2/u.md", cwd=tmp_path)
    assert u.returncode == 0, u.stderr
    assert "甲县" in u.stderr and "未生成该县的报告" in u.stderr
    assert {f.name for f in (tmp_path / "out2").iterdir()} == {"u-达州_宣汉.md", "u-汇总.md"}

    # the province lists the city, which lists the counties
    (tmp_path.parent / f"{tmp_path.name}-province").mkdir()
    province = tmp_path.parent / f"{tmp_path.name}-province"
    (province / "gk.toml").write_text(f'workspace = ["{tmp_path}"]\n', encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=province)
    assert sorted(c["county"] for c in json.loads(s.stdout)["counties"]) == sorted(["甲县", "乙县", "达州/宣汉"]), s.stderr
    typo = gk("status", "--unit", "县财正局", cwd=tmp_path)
    assert typo.returncode == 2 and "没有一个县有“县财正局”" in typo.stderr


def test_a_remembered_county_takes_this_runs_name(gk, tmp_path):
    """A county's figures are remembered by its files; its name (which depends on the other
    counties) and its place are this run's."""
    import json
    import os
    import time

    county(tmp_path / "counties", "甲县")
    county(tmp_path / "counties", "乙县")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    old = time.time() - 10  # older than the cache's "racily clean" window
    for p in tmp_path.rglob("*"):
        os.utime(p, (old, old))
    for _ in range(2):
        first = gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=tmp_path)
    assert sorted(c["county"] for c in json.loads(first.stdout)["counties"]) == ["乙县", "甲县"]
    (tmp_path / "counties/乙县/gk.toml").write_text('county = "甲县"\n', encoding="utf-8")
    again = json.loads(gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=tmp_path).stdout)
    assert sorted(c["county"] for c in again["counties"]) == ["甲县（乙县）", "甲县（甲县）"]
    assert {t["county"] for t in again["tasks"]} == {"甲县（乙县）", "甲县（甲县）"}


def test_one_countys_bad_settings_do_not_stop_the_others(gk, tmp_path):
    import json

    county(tmp_path / "counties", "甲县")
    county(tmp_path / "counties", "乙县")
    (tmp_path / "counties/乙县/gk.toml").write_text('county = "乙县\n', encoding="utf-8")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", cwd=tmp_path)
    assert s.returncode == 2 and "甲县" in s.stdout and "counties/乙县/gk.toml 第 1 行" in s.stderr, s.stdout + s.stderr
    assert "未计入：乙县（" in s.stdout
    assert gk("status", "--as-of", "2023-10-15", "--fail-on", "overdue", cwd=tmp_path).returncode == 2  # broken before overdue

    listed = json.loads(gk("status", "--as-of", "2023-10-15", "-f", "json", cwd=tmp_path).stdout)["counties"]
    assert [(c["county"], c.get("failed", False)) for c in listed] == [("甲县", False), ("乙县", True)] and "gk.toml" in listed[1]["error"]
    lint = gk("lint", cwd=tmp_path)
    assert lint.returncode == 2 and "counties/乙县/gk.toml" in lint.stdout + lint.stderr
    found = json.loads(gk("lint", "-f", "json", cwd=tmp_path).stdout)
    assert [(f["path"], f["code"]) for f in found if f["code"] == "GK000"] == [("counties/乙县/gk.toml", "GK000")]
    assert "乙县 的数据仓库无法检查" in found[-1]["message"] and "TOML" in found[-1]["message"]
    r = gk("report", "--quarter", "2023Q3", cwd=tmp_path)
    assert r.returncode == 2 and "| 甲县 |" in r.stdout and "乙县" in r.stderr
    assert "未计入上表与合计：乙县（counties/乙县/gk.toml 第 1 行" in r.stdout  # the document says its totals are not the whole city's, and why


def test_a_county_called_huizong_keeps_its_report_and_a_units_rollup_says_so(gk, tmp_path):
    """The roll-up's own file (-汇总) is no county's; with --unit the roll-up is that unit's, and
    the counties without it are named in the document."""
    county(tmp_path, "汇总")
    county(tmp_path, "乙县")
    write_tree(tmp_path / "丙县", {"gk.toml": 'county = "丙县"\n', "data/units/u.yaml": "units:\n  - {name: 县审计局, kind: department}\n",
                                 "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 审计, units: [县审计局], deadline: 2023-06-30}\n"})
    (tmp_path / "out").mkdir()
    p = gk("report", "--quarter", "2023Q3", "--data", "汇总", "--data", "乙县", "-o", "out/r.md", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "out/r-汇总（2）.md").read_text(encoding="utf-8").startswith("# 汇总")
    assert "政务公开工作汇总" in (tmp_path / "out/r-汇总.md").read_text(encoding="utf-8")
    u = gk("report", "--quarter", "2023Q3", "--unit", "县财政局", "--data", "乙县", "--data", "丙县", cwd=tmp_path)
    assert u.returncode == 0, u.stderr
    assert u.stdout.startswith("# 1个县（市、区）2023年第三季度政务公开工作汇总（县财政局）")
    assert "未计入上表与合计：丙县（" in u.stdout


def test_two_counties_of_one_name_in_folders_of_one_name_are_told_apart(gk, tmp_path):
    county(tmp_path / "c", "x")
    county(tmp_path / "d", "x")
    for d in ("c", "d"):
        (tmp_path / d / "x" / "gk.toml").write_text('county = "甲县"\n', encoding="utf-8")
    import json

    s = gk("status", "--as-of", "2023-10-15", "-f", "json", "--data", "c/x", "--data", "d/x", cwd=tmp_path)
    assert [c["county"] for c in json.loads(s.stdout)["counties"]] == ["甲县（x）", "甲县（x）（2）"], s.stdout


def test_one_repo_commands_refuse_several_repos_or_a_workspace(gk, tmp_path):
    """export, progress add, import: never the last of several --data, nor a city's folder."""
    county(tmp_path / "counties", "甲县")
    county(tmp_path / "counties", "乙县")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    several = gk("export", "--data", "counties/甲县", "--data", "counties/乙县", "-o", "e.xlsx", cwd=tmp_path)
    assert several.returncode == 2 and "只能给出一个" in several.stderr and not (tmp_path / "e.xlsx").exists()
    city = gk("export", "-o", "e.xlsx", cwd=tmp_path)
    assert city.returncode == 2 and "workspace" in city.stderr and not (tmp_path / "e.xlsx").exists()
    add = gk("progress", "add", "t2023-01", "--unit", "县财政局", "--status", "done", cwd=tmp_path)
    assert add.returncode == 2 and "workspace" in add.stderr
    assert gk("export", "-o", "e.xlsx", "--data", "counties/甲县", cwd=tmp_path).returncode == 0


def test_a_listed_folder_that_is_no_repo_is_a_county_left_out(gk, tmp_path):
    """An uninitialised submodule under counties/: named, exit 2, never a quiet 'all clean'."""
    import json

    county(tmp_path / "counties", "甲县")
    (tmp_path / "counties" / "乙县").mkdir()
    (tmp_path / "counties" / "乙县" / ".gitkeep").write_text("", encoding="utf-8")  # hidden housekeeping only: still empty
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", cwd=tmp_path)
    assert s.returncode == 2 and "未计入：乙县（既没有 gk.toml 也没有 data/" in s.stdout, s.stdout + s.stderr
    assert gk("lint", cwd=tmp_path).returncode == 2
    found = json.loads(gk("lint", "-f", "json", cwd=tmp_path).stdout)
    assert [f["path"] for f in found if f["code"] == "GK000"] == ["counties/乙县"]  # a path that exists
    # a folder with files but no repo (a clone that failed; or documents the glob should not match): said too, never
    # skipped in silence (a county's figures lost), with the way out if it is no county
    (tmp_path / "counties" / "乙县" / "README.md").write_text("说明\n", encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", cwd=tmp_path)
    assert s.returncode == 2 and "乙县" in s.stderr and "把 workspace 的写法改得更具体" in s.stderr, s.stderr


def test_data_before_and_after_the_command_are_two_repos(gk, tmp_path):
    county(tmp_path, "甲县")
    county(tmp_path, "乙县")
    r = gk("--data", "甲县", "export", "-o", "e.xlsx", "--data", "乙县", cwd=tmp_path)
    assert r.returncode == 2 and "只能给出一个" in r.stderr and not (tmp_path / "e.xlsx").exists()


def test_one_repo_however_it_is_spelled_is_one(gk, tmp_path):
    """--data x before status, or x and ./x around export: one repo (a relative --data was refused)."""
    county(tmp_path, "甲县")
    assert gk("--data", "甲县", "status", "--as-of", "2023-10-15", cwd=tmp_path).returncode == 0
    assert gk("--data", "甲县", "status", "--as-of", "2023-10-15", "-f", "json", cwd=tmp_path).returncode == 0
    assert gk("--data", "甲县", "export", "-o", "e.xlsx", "--data", "./甲县/", cwd=tmp_path).returncode == 0


def test_a_county_whose_units_file_cannot_be_read_gets_no_report(gk, tmp_path):
    """A Tab in the units file takes every unit out: the report would say 0 项次, 0 个单位未报送,
    as fact. Alone, gk report refuses; in a roll-up, that county is left out and said to be."""
    county(tmp_path, "甲县")
    county(tmp_path, "乙县")
    with open(tmp_path / "乙县/data/units/u.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: 县审计局\n\tkind: department\n")
    alone = gk("report", "--quarter", "2023Q3", "-o", "r.docx", cwd=tmp_path / "乙县")
    assert alone.returncode == 2 and not (tmp_path / "乙县/r.docx").exists()
    assert "data/units/u.yaml 无法读取，其中的单位不全（第 4 行 GK101" in alone.stderr and "未生成报告" in alone.stderr
    assert "无法识别的完成时限" not in alone.stderr
    both = gk("report", "--quarter", "2023Q3", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert "| 甲县 |" in both.stdout and "未计入上表与合计：乙县（data/units/u.yaml 无法读取" in both.stdout, both.stdout
    assert both.returncode == 2  # a county left out: docs/scale.md's exit 2
    import json

    st = gk("status", "--as-of", "2023-10-15", "--data", "甲县", "--data", "乙县", "-f", "json", cwd=tmp_path)
    counties = {c["county"]: c for c in json.loads(st.stdout)["counties"]}
    assert st.returncode == 2 and counties["乙县"].get("failed") and "data/units/u.yaml 无法读取" in counties["乙县"]["error"]
    assert {t["county"] for t in json.loads(st.stdout)["tasks"]} == {"甲县"}  # as the report: not in the 合计


def test_a_units_key_written_twice_loses_the_first_list_and_no_report_is_made(gk, tmp_path):
    county(tmp_path, "甲县")
    with open(tmp_path / "甲县/data/units/u.yaml", "a", encoding="utf-8") as f:
        f.write("units:\n  - {name: 县审计局, kind: department}\n")  # YAML keeps the last: 县财政局 is gone
    r = gk("report", "--quarter", "2023Q3", cwd=tmp_path / "甲县")
    assert r.returncode == 2 and "data/units/u.yaml 有重复的键，前面的部分被丢掉，其中的单位不全（第 3 行 GK103" in r.stderr, r.stderr


def test_statutory_refuses_a_file_lint_fails(gk, tmp_path):
    import shutil
    from pathlib import Path

    root = tmp_path / "s"
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples" / "sample-xuanhan", root)
    annual = root / "data/annual/2023.yaml"
    text = annual.read_text(encoding="utf-8")
    ok = gk("report", "--year", "2023", "--statutory", cwd=root)
    assert ok.returncode == 0, ok.stderr
    lines = text.splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines) if line.strip().startswith("published_on:"))
    lines.insert(i + 1, lines[i])  # the same key twice: which value is the published one?
    annual.write_text("".join(lines), encoding="utf-8")
    assert gk("lint", cwd=root).returncode == 1
    p = gk("report", "--year", "2023", "--statutory", cwd=root)
    assert p.returncode == 2 and "data/annual/2023.yaml 有 1 个数据错误" in p.stderr and "GK103" in p.stderr, p.stderr


def test_status_and_export_say_in_words_that_the_units_file_was_not_read(gk, tmp_path):
    county(tmp_path, "乙县")
    with open(tmp_path / "乙县/data/units/u.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: 县审计局\n\tkind: department\n")
        f.write("  - name: 县统计局\n\tkind: department\n")  # two faults in one file: said once
    s = gk("status", "--as-of", "2023-10-15", cwd=tmp_path / "乙县")
    assert "注意：data/units/u.yaml 无法读取，其中的单位不全（第 4 行" in s.stderr and "无责任单位" in s.stderr, s.stderr
    assert s.stderr.count("注意：data/units/u.yaml") == 1
    e = gk("export", "-o", str(tmp_path / "t.xlsx"), cwd=tmp_path / "乙县")
    assert "data/units/u.yaml 无法读取" in e.stderr and "其中的单位不全" in e.stderr and "台账缺少相应的行" in e.stderr, e.stderr


def test_a_county_listed_by_name_that_is_an_empty_folder_does_not_stop_the_others(gk, tmp_path):
    county(tmp_path / "counties", "甲县")
    (tmp_path / "counties" / "乙县").mkdir()  # listed by its own name, never checked out
    (tmp_path / "gk.toml").write_text('workspace = ["counties/甲县", "counties/乙县"]\n', encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", cwd=tmp_path)
    assert s.returncode == 2 and "| 甲县" not in s.stderr and "甲县" in s.stdout and "未计入：乙县（既没有 gk.toml" in s.stdout, s.stdout + s.stderr
    assert "汇总（1 个县（市、区），另有 1 个未计入）" in s.stdout and "未计入，未计入" not in s.stdout and "）未计入）" not in s.stdout
    lint = gk("lint", cwd=tmp_path)
    assert "检查了 2 个数据仓库，其中 1 个无法检查" in lint.stdout + lint.stderr, lint.stdout
    r = gk("report", "--quarter", "2023Q3", cwd=tmp_path)
    assert r.returncode == 2 and "| 甲县 |" in r.stdout and "未计入上表与合计：乙县（既没有 gk.toml" in r.stdout, r.stdout + r.stderr


def test_one_of_several_data_with_a_bad_gk_toml_does_not_stop_the_others(gk, tmp_path):
    county(tmp_path, "甲县")
    county(tmp_path, "乙县")
    (tmp_path / "乙县/gk.toml").write_text('county = "乙县\n', encoding="utf-8")
    s = gk("status", "--as-of", "2023-10-15", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert s.returncode == 2 and "甲县" in s.stdout and "未计入：乙县" in s.stdout, s.stdout + s.stderr
    lint = gk("lint", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert lint.returncode == 2 and "乙县/gk.toml" in lint.stdout + lint.stderr
