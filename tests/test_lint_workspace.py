"""gk lint over several county repos: each county as if alone, paths prefixed by its folder."""

from __future__ import annotations

import json

from conftest import write_tree

UNITS = "units:\n  - {name: 县财政局, kind: department}\n"


def county(root, name, unit):
    write_tree(root / name, {
        "gk.toml": f'county = "{name}"\n',
        "data/units/u.yaml": UNITS,
        "data/tasks/t.yaml": f"plan: {{id: t2023, title: 方案}}\ntasks:\n  - {{id: t2023-01, title: 任务, units: [{unit}], deadline: 长期}}\n",
    })


def test_each_county_as_alone(gk, tmp_path):
    county(tmp_path, "甲县", "县财政局")
    county(tmp_path, "乙县", "县财正局")  # a typo: GK202 in 乙县 only
    alone = [json.loads(gk("lint", "-f", "json", cwd=tmp_path / c).stdout) for c in ("甲县", "乙县")]
    p = gk("lint", "-f", "json", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    both = json.loads(p.stdout)
    assert [(f["path"], f["line"], f["code"]) for f in both] == [
        (f"乙县/{f['path']}", f["line"], f["code"]) for f in alone[0] + alone[1]
    ]
    assert both and both[0]["path"] == "乙县/data/tasks/t.yaml"
    text = gk("lint", "--data", "甲县", "--data", "乙县", cwd=tmp_path).stdout
    assert "乙县/data/tasks/t.yaml:3" in text and "检查了 2 个数据仓库" in text


def test_workspace_in_gk_toml(gk, tmp_path):
    county(tmp_path / "counties", "甲县", "县财政局")
    county(tmp_path / "counties", "乙县", "县财政局")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    p = gk("lint", cwd=tmp_path)
    assert p.returncode == 0 and "未发现问题" in p.stdout


def test_fix_is_for_one_repo_at_a_time(gk, tmp_path):
    county(tmp_path, "甲县", "县财政局")
    county(tmp_path, "乙县", "县财政局")
    p = gk("lint", "--fix", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert p.returncode == 2 and "单个县" in p.stderr


def test_remembered_county_findings_are_never_stale(gk, tmp_path):
    """A county's findings are remembered by its files and the options (a province's warm
    lint reads one small file per county), and are found again when a file changes."""
    import os
    import time

    county(tmp_path / "counties", "甲县", "县财政局")
    county(tmp_path / "counties", "乙县", "县财政局")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    old = time.time() - 10  # older than the cache's "racily clean" window
    for p in tmp_path.rglob("*"):
        os.utime(p, (old, old))
    for _ in range(2):
        assert gk("lint", cwd=tmp_path).returncode == 0
    assert list((tmp_path / "counties/乙县/.gk/cache").glob("memo-lint*")) or list((tmp_path / "counties/乙县/.gk/cache").glob("*lint*"))
    (tmp_path / "counties/乙县/data/tasks/t.yaml").write_text(
        "plan: {id: t2023, title: 方案}\ntasks:\n  - {id: t2023-01, title: 任务, units: [县财正局], deadline: 长期}\n", encoding="utf-8")
    p = gk("lint", cwd=tmp_path)
    assert p.returncode == 1 and "counties/乙县/data/tasks/t.yaml:3" in p.stdout and "GK202" in p.stdout
    strict = gk("lint", "--select", "GK3", cwd=tmp_path)  # other options: not the remembered findings
    assert strict.returncode == 0 and "GK202" not in strict.stdout


def test_each_countys_own_lint_settings_apply_in_a_roll_up(gk, tmp_path):
    """乙县 ignores GK202 in its gk.toml: alone and in the roll-up alike."""
    county(tmp_path, "甲县", "县财政局")
    county(tmp_path, "乙县", "县财正局")
    (tmp_path / "乙县/gk.toml").write_text('county = "乙县"\n[lint]\nignore = ["GK202"]\n', encoding="utf-8")
    alone = json.loads(gk("lint", "-f", "json", cwd=tmp_path / "乙县").stdout)
    both = json.loads(gk("lint", "-f", "json", "--data", "甲县", "--data", "乙县", cwd=tmp_path).stdout)
    assert [f["code"] for f in alone] == [f["code"] for f in both] and "GK202" not in [f["code"] for f in both]


def test_a_roll_up_says_recurring_tasks_missed_last_time_as_each_county_does(gk, tmp_path):
    for name in ("甲县", "乙县"):
        write_tree(tmp_path / name, {
            "gk.toml": f'county = "{name}"\n', "data/units/u.yaml": UNITS,
            "data/tasks/t.yaml": "plan: {id: t2023, title: 方案, issued_on: 2023-03-01}\ntasks:\n  - {id: t2023-01, title: 任务, units: [县财政局], deadline: 每季度}\n",
        })
    alone = gk("status", "--as-of", "2023-10-15", cwd=tmp_path / "甲县").stdout
    both = gk("status", "--as-of", "2023-10-15", "--data", "甲县", "--data", "乙县", cwd=tmp_path).stdout
    assert "周期任务上一期未完成（1 项）：t2023-01" in alone
    assert "周期任务上一期未完成：甲县 1 项、乙县 1 项" in both


def test_data_given_twice_before_the_command_is_both_counties(gk, tmp_path):
    """gk --data A --data B status: both counties, as after the command; a one-repo command says it takes one."""
    county(tmp_path, "甲县", "县财政局")
    county(tmp_path, "乙县", "县财政局")
    before = gk("--data", "甲县", "--data", "乙县", "status", "--as-of", "2023-10-15", cwd=tmp_path)
    after = gk("status", "--as-of", "2023-10-15", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert before.returncode == 0 and "甲县" in before.stdout and "乙县" in before.stdout and before.stdout == after.stdout
    one = gk("--data", "甲县", "--data", "乙县", "export", "-o", str(tmp_path / "x.xlsx"), cwd=tmp_path)
    assert one.returncode == 2 and "只能给出一个" in one.stderr


def test_gk000_is_explained(gk, tmp_path):
    p = gk("lint", "--explain", "GK000", cwd=tmp_path)
    assert p.returncode == 0 and "无法检查" in p.stdout and "gk.toml" in p.stdout, p.stdout + p.stderr


def test_a_path_inside_one_county_lints_that_county_from_the_city_repo(gk, tmp_path):
    for name, unit in (("甲县", "县财政局"), ("乙县", "县审计局")):
        root = tmp_path / "counties" / name
        (root / "data/units").mkdir(parents=True)
        (root / "data/tasks").mkdir(parents=True)
        (root / "gk.toml").write_text(f'county = "{name}"\n', encoding="utf-8")
        (root / "data/units/u.yaml").write_text("units:\n  - {name: 县财政局, kind: department}\n", encoding="utf-8")
        (root / "data/tasks/t.yaml").write_text("plan: {id: t2023, title: 方案, issued_on: 2023-01-05}\ntasks:\n"
                                               f"  - {{id: t2023-01, title: 公开预算, units: [{unit}], deadline: 2023-06-30}}\n", encoding="utf-8")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    one = gk("lint", "counties/乙县", cwd=tmp_path)
    assert one.returncode == 1 and "counties/乙县/data/tasks/t.yaml:3" in one.stdout and "甲县" not in one.stdout, one.stdout + one.stderr
    assert gk("lint", "counties/甲县", cwd=tmp_path).returncode == 0
    two = gk("lint", "counties/甲县", "counties/乙县", cwd=tmp_path)
    assert two.returncode == 2 and "只给出一个县里的" in two.stderr


def test_a_county_with_a_wrong_gk_toml_is_a_finding_on_that_line_and_exit_2(gk, tmp_path):
    """As the county linted alone says it: b/gk.toml:2 (the key that is wrong) with its hint, not 1:1 and
    修正后重新运行; exit 2 as alone, status and report, and --exit-zero does not hide it."""
    import shutil
    from pathlib import Path

    sample = Path(__file__).parents[1] / "examples" / "sample-xuanhan"
    for n in ("a", "b"):
        shutil.copytree(sample, tmp_path / n)
    (tmp_path / "b" / "gk.toml").write_text('county = "乙县"\ndue_son_days = 3\n', encoding="utf-8")
    for extra in ((), ("--exit-zero",)):
        p = gk("--data", "a", "--data", "b", "lint", *extra, cwd=tmp_path, env={"GK_TODAY": "2023-10-15"})
        assert p.returncode == 2, p.stdout + p.stderr
        assert "b/gk.toml:2:1: GK000" in p.stdout and "可写的设置" in p.stdout, p.stdout
