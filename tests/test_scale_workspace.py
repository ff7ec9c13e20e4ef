"""Many counties at once: a roll-up's per-county figures equal each county's own."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import os
import sys
import time
from pathlib import Path

import pytest

from gkcli import cache, repo, workspace

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_gen", ROOT / "bench" / "gen.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)  # type: ignore[union-attr]

AS_OF = "2024-12-31"


@pytest.fixture(autouse=True)
def _own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GK_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_KEY", None)


@pytest.fixture(scope="module")
def counties(tmp_path_factory):
    base = tmp_path_factory.mktemp("prov")
    a, b = base / "counties" / "a", base / "counties" / "b"
    gen.county(str(a), seed=3, name="甲县", n_units=12, n_plans=2, n_tasks=8, years=2)
    gen.county(str(b), seed=4, name="乙县", n_units=9, n_plans=3, n_tasks=5, years=1)
    # one county owes a file for the reporting period: its figures must say so
    for p in (b / "data" / "progress").glob("2024Q3/乡镇00.yaml"):
        p.unlink()
    (base / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    old = time.time() - 60
    for p in base.rglob("*.yaml"):
        os.utime(p, (old, old))
    return base, a, b


def status_json(gk, *args, cwd=None, env=None):
    p = gk("status", "--as-of", AS_OF, "--format", "json", *args, cwd=cwd, env=env)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_rollup_equals_each_county_alone(gk, counties):
    base, a, b = counties
    alone = {name: status_json(gk, "--data", str(root)) for name, root in (("甲县", a), ("乙县", b))}
    both = status_json(gk, "--data", str(a), "--data", str(b))
    assert [c["county"] for c in both["counties"]] == ["甲县", "乙县"]
    for c in both["counties"]:
        one = alone[c["county"]]
        assert [t for t in both["tasks"] if t["county"] == c["county"]] == one["tasks"]
        assert c["tasks"] == len(one["tasks"])
        assert c["not_reported"] == one["not_reported"]
        assert sum(c["counts"].values()) == len(one["tasks"])
        counted: dict[str, int] = {}
        for t in one["tasks"]:
            k = t["status"] + ("_reported" if t.get("reported") else "_unreported" if t.get("reported") is False else "")
            counted[k] = counted.get(k, 0) + 1
        assert c["counts"] == counted
    assert both["not_reported"] == [{"county": "乙县", "unit": "乡镇00"}]
    assert both["as_of"] == AS_OF and both["reporting_period"] == "2024Q3"


def test_workspace_setting_lists_the_counties(gk, counties):
    base, a, b = counties
    by_setting = status_json(gk, cwd=base)
    by_flags = status_json(gk, "--data", str(a), "--data", str(b))
    assert by_setting == by_flags


def test_filters_apply_in_every_county(gk, counties):
    base, a, b = counties
    both = status_json(gk, "--state", "overdue", "--unit", "乡镇01", cwd=base)
    for name, root in (("甲县", a), ("乙县", b)):
        one = status_json(gk, "--state", "overdue", "--unit", "乡镇01", "--data", str(root))
        assert [t for t in both["tasks"] if t["county"] == name] == one["tasks"]


def test_table_and_csv(gk, counties):
    base, a, b = counties
    p = gk("status", "--as-of", AS_OF, cwd=base)
    assert p.returncode == 0, p.stderr
    assert "汇总（2 个县（市、区））" in p.stdout and "甲县" in p.stdout and "乙县" in p.stdout and "合计" in p.stdout
    p = gk("status", "--as-of", AS_OF, "--tasks", cwd=base)
    assert "基准任务p0-00" in p.stdout
    p = gk("status", "--as-of", AS_OF, "-f", "csv", cwd=base)
    lines = p.stdout.splitlines()
    assert lines[0].startswith("county,id,")
    assert {ln.split(",")[0] for ln in lines[1:]} == {"甲县", "乙县"}
    p = gk("status", "--as-of", AS_OF, "--by", "unit", cwd=base)
    assert p.returncode == 2 and "--by" in p.stderr


def test_quiet_in_ci_and_when_piped(gk, counties):
    base, _, _ = counties
    for env in ({"CI": "true"}, {}):
        p = gk("status", "--as-of", AS_OF, cwd=base, env=env)
        assert p.returncode == 0 and p.stderr == ""


@pytest.mark.parametrize("term,quiet", [("dumb", True), ("xterm-256color", False)])
def test_no_bar_on_a_terminal_that_cannot_redraw_a_line(monkeypatch, term, quiet):
    """TERM=dumb (an Emacs shell, some CI consoles that look like terminals): a bar redrawn with carriage
    returns piles up; none, as in CI."""
    import io

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys, "stderr", Tty())
    assert workspace.quiet() is quiet


def test_progress_bar_on_a_terminal(counties, capsys, monkeypatch):
    base, a, b = counties
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(workspace, "quiet", lambda: False)
    out = list(workspace.each(workspace.counties([a, b]), lambda c: c.name, "汇总"))
    assert [r for _, r in out] == ["甲县", "乙县"]
    err = capsys.readouterr().err
    assert "汇总" in err and "2 个县" in err


def test_warm_rollup_reads_the_memo_and_is_never_stale(counties, monkeypatch):
    base, a, _ = counties
    c = workspace.counties([a])[0]
    day = dt.date(2024, 12, 31)
    first = workspace.county_status(c, day, None, None, None, None)
    second = workspace.county_status(c, day, None, None, None, None)  # stat-only fingerprint → memo
    assert first == second
    loads = []
    real = repo.load
    monkeypatch.setattr(repo, "load", lambda *a, **k: loads.append(a) or real(*a, **k))
    assert workspace.county_status(c, day, None, None, None, None) == first
    assert loads == [], "an unchanged county was loaded again"
    # an edit: the memo must not answer
    f = next((a / "data" / "progress" / "2024Q4").glob("*.yaml"))
    f.write_text(f.read_text(encoding="utf-8").replace("status: not_started", "status: done").replace("status: in_progress", "status: done")
                 .replace("status: blocked", "status: done"), encoding="utf-8")
    third = workspace.county_status(c, day, None, None, None, None)
    assert loads, "an edited county was not loaded again"
    fresh = workspace.county_status(c, day, None, None, None, None, use_cache=False)
    assert third == fresh


def test_duplicate_county_names_are_told_apart(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d / "data").mkdir(parents=True)
        (tmp_path / d / "gk.toml").write_text('county = "同名县"\n', encoding="utf-8")
    names = [c.name for c in workspace.counties([tmp_path / "x", tmp_path / "y"])]
    assert names == ["同名县（x）", "同名县（y）"]


def test_one_county_listed_twice_is_said(gk, tmp_path):
    """Two clones of one county (a province listing a city's folder and the county's own) would be
    summed twice: said on stderr, with both places."""
    for d in ("x", "y"):
        gen.county(str(tmp_path / "c" / d), seed=5, name="同名县", n_units=4, n_plans=1, n_tasks=2, years=1)
    (tmp_path / "gk.toml").write_text('workspace = ["c/*"]\n', encoding="utf-8")
    p = gk("status", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "都是“同名县”" in p.stderr and "gk: 注意" not in p.stderr and str(tmp_path / "c" / "x") in p.stderr and "算两次" in p.stderr, p.stderr


def test_one_repo_given_twice_is_said_and_stays_a_roll_up(gk, tmp_path):
    """--data a --data ./a/ (or a link and its target): counted once, said, and the output is still a
    roll-up's (a script reading `counties` broke when it silently became one county's)."""
    gen.county(str(tmp_path / "a"), seed=5, name="甲县", n_units=4, n_plans=1, n_tasks=2, years=1)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    for twice in (("a", "./a/"), ("a", "link")):
        p = gk("--data", twice[0], "--data", twice[1], "status", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
        assert p.returncode == 0 and "列了不止一次" in p.stderr, p.stderr
        assert [c["county"] for c in json.loads(p.stdout)["counties"]] == ["甲县"], p.stdout
    alone = gk("--data", "a", "status", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    assert "counties" not in json.loads(alone.stdout) and "列了" not in alone.stderr


def _broken_workspace(base: Path) -> Path:
    """counties/a is a county; beside it a link to nowhere, a link loop, a folder of documents, a
    README, and counties/z listed by name but gone."""
    gen.county(str(base / "counties" / "a"), seed=3, name="甲县", n_units=6, n_plans=1, n_tasks=4, years=1)
    (base / "counties" / "gone").symlink_to(base / "nowhere")
    (base / "counties" / "loop").symlink_to("loop")
    (base / "counties" / "half").mkdir()
    (base / "counties" / "half" / "README.md").write_text("x\n", encoding="utf-8")
    (base / "counties" / "README.md").write_text("各县仓库\n", encoding="utf-8")
    (base / "gk.toml").write_text('county = "达州市"\nworkspace = ["counties/*", "counties/z"]\n', encoding="utf-8")
    return base


def test_members_that_are_no_repo_are_said_never_skipped(gk, tmp_path):
    """A link to nowhere, a link loop, a folder with neither gk.toml nor data/ and a listed folder that
    is gone each count as a county left out (exit 2), with why; a README beside the counties is none.
    They had vanished in silence, and the roll-up passed as a one-county run."""
    root = _broken_workspace(tmp_path)
    p = gk("status", "--as-of", AS_OF, "--format", "json", cwd=root)
    assert p.returncode == 2, p.stderr
    got = json.loads(p.stdout)["counties"]
    assert [c["county"] for c in got if not c.get("failed")] == ["甲县"]
    assert sorted(c["county"] for c in got if c.get("failed")) == ["gone", "half", "loop", "z"]
    for name, why in (("gone", "不存在位置的链接"), ("loop", "链接循环"), ("half", "既没有 gk.toml 也没有 data/"), ("z", "目录不存在")):
        assert f"{name}（{root / 'counties' / name}）：" in p.stderr and why in p.stderr, (name, p.stderr)
    assert "README" not in p.stderr
    lint = gk("lint", "--format", "json", cwd=root)
    assert lint.returncode == 2 and {f["path"] for f in json.loads(lint.stdout) if f["code"] == "GK000"} == {
        f"counties/{n}" for n in ("gone", "loop", "half", "z")}, lint.stdout


def test_a_workspace_of_no_repo_rolls_up_no_county_not_the_citys_own(gk, tmp_path):
    """Every listed folder empty: no county at all (exit 2, each said), never the city's own repo
    counted as a county of 0 tasks and "各县各单位均已报送"."""
    for d in ("x", "y"):
        (tmp_path / "counties" / d).mkdir(parents=True)
    (tmp_path / "gk.toml").write_text('county = "达州市"\nworkspace = ["counties/*"]\n', encoding="utf-8")
    for args in (("status", "--format", "json"), ("report", "--quarter", "2024Q3")):
        p = gk(*args, cwd=tmp_path)
        assert p.returncode == 2 and "达州市" not in p.stdout and p.stderr.count("既没有 gk.toml") == 2, (args, p.stdout, p.stderr)


@pytest.mark.parametrize("units", [None, ""])
def test_a_county_with_no_units_is_left_out_of_the_figures(gk, tmp_path, units):
    """No units file, or an empty one: every task of the county would be 无责任单位 and still go into
    the 合计; it is a county left out, as one whose units file cannot be read."""
    a, b = tmp_path / "counties" / "a", tmp_path / "counties" / "b"
    gen.county(str(a), seed=3, name="甲县", n_units=6, n_plans=1, n_tasks=4, years=1)
    gen.county(str(b), seed=4, name="乙县", n_units=6, n_plans=1, n_tasks=4, years=1)
    for f in (b / "data" / "units").glob("*.yaml"):
        f.unlink()
    if units is not None:
        (b / "data" / "units" / "units.yaml").write_text(units, encoding="utf-8")
    (tmp_path / "gk.toml").write_text('workspace = ["counties/*"]\n', encoding="utf-8")
    p = gk("status", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    got = json.loads(p.stdout)["counties"]
    assert p.returncode == 2 and [(c["county"], bool(c.get("failed"))) for c in got] == [("甲县", False), ("乙县", True)], p.stdout
    assert "没有任何单位" in got[1]["error"] and "乙县" in p.stderr, p.stderr


def test_workspace_glob_matching_nothing_is_an_error(gk, tmp_path):
    (tmp_path / "gk.toml").write_text('workspace = ["nowhere/*"]\n', encoding="utf-8")
    p = gk("status", cwd=tmp_path)
    assert p.returncode == 2 and "workspace" in p.stderr and "Traceback" not in p.stderr


def test_a_county_without_the_unit_asked_for_is_said_not_just_zero(gk, tmp_path):
    from conftest import write_tree

    for name, unit in (("甲县", "县财政局"), ("乙县", "县审计局")):
        write_tree(tmp_path / name, {
            "gk.toml": f'county = "{name}"\n',
            "data/units/u.yaml": f"units:\n  - {{name: {unit}, kind: department}}\n",
            "data/tasks/t.yaml": f"plan: {{id: t2023, title: 方案, issued_on: 2023-01-05}}\ntasks:\n"
                                 f"  - {{id: t2023-01, title: 公开预算, units: [{unit}], deadline: 2023-06-30}}\n",
        })
    p = gk("status", "--as-of", "2023-10-15", "--unit", "县审计局", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert p.returncode == 0 and "以下县没有所查的单位或方案，表中它们的任务数为 0：甲县（县审计局）" in p.stdout, p.stdout + p.stderr
    # in JSON too (a county's 0 that means "no such unit" is told from "nothing to do"), and a plan a county lacks
    # is said as a unit is; plan ids are read as task ids (T2023 is t2023), as gk status in one county reads them
    (tmp_path / "乙县/data/tasks/t.yaml").rename(tmp_path / "乙县/data/tasks/b2023.yaml")
    text = (tmp_path / "乙县/data/tasks/b2023.yaml").read_text(encoding="utf-8").replace("t2023", "b2023")
    (tmp_path / "乙县/data/tasks/b2023.yaml").write_text(text, encoding="utf-8")
    p = gk("status", "--as-of", "2023-10-15", "--plan", "T2023", "-f", "json", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    got = {c["county"]: (c["tasks"], c["unknown"]) for c in json.loads(p.stdout)["counties"]}
    assert p.returncode == 0 and got == {"甲县": (1, []), "乙县": (0, ["T2023"])}, p.stdout + p.stderr
    p = gk("status", "--as-of", "2023-10-15", "--plan", "t2023", "--data", "甲县", "--data", "乙县", cwd=tmp_path)
    assert "以下县没有所查的单位或方案，表中它们的任务数为 0：乙县（t2023）" in p.stdout, p.stdout


def test_a_data_folder_not_there_is_a_county_left_out_not_the_end_of_the_roll_up(gk, tmp_path):
    """Of several --data, one that does not exist (or is a link loop) is said and left out (exit 2);
    the others are rolled up. With one --data it stays a usage error."""
    gen.county(str(tmp_path / "a"), seed=3, name="甲县", n_units=6, n_plans=1, n_tasks=4, years=1)
    (tmp_path / "loop").symlink_to("loop")
    p = gk("status", "--as-of", AS_OF, "-f", "json", "--data", "a", "--data", "gone", "--data", "loop", cwd=tmp_path)
    got = json.loads(p.stdout)["counties"]
    assert p.returncode == 2 and [(c["county"], bool(c.get("failed"))) for c in got] == [
        ("甲县", False), ("gone", True), ("loop", True)], p.stdout + p.stderr
    assert "数据目录不存在：gone" in p.stderr and "链接循环" in p.stderr, p.stderr
    lint = gk("lint", "--data", "a", "--data", "gone", cwd=tmp_path)
    assert lint.returncode == 2 and "gone" in lint.stdout, lint.stdout + lint.stderr
    one = gk("status", "--data", "gone", cwd=tmp_path)
    assert one.returncode == 2 and "数据目录不存在：gone" in one.stderr


@pytest.mark.parametrize("listed", ['["../.."]', '[".."]', '[".hid"]'])
def test_a_workspace_listing_a_folder_above_or_a_hidden_one_is_said_not_a_crash(gk, tmp_path, listed):
    """workspace = [".."] was taken for a hidden folder and skipped: no repo at all, and every command
    ended in IndexError. Each is a county that could not be read, said, exit 2."""
    (tmp_path / "r" / ".hid").mkdir(parents=True)
    (tmp_path / "r" / "gk.toml").write_text(f'county = "x"\nworkspace = {listed}\n', encoding="utf-8")
    for args in (("status",), ("lint",), ("report", "--quarter", "2023Q3")):
        p = gk(*args, cwd=tmp_path / "r")
        assert p.returncode == 2 and "内部错误" not in p.stderr and "Traceback" not in p.stderr, (args, p.stderr)


def test_rollup_task_table_keeps_county_status_id_and_date_whole_at_80_columns(gk, counties):
    """t3 (session 11): `--tasks` at 80 columns cut the county to …, 已逾期 to 已…, p0-08 to p0-… while the
    title kept 26 columns; as in one county's table, those are the essentials of a row."""
    base, a, b = counties
    p = gk("status", "--as-of", AS_OF, "--data", str(a), "--data", str(b), "--tasks", env={"COLUMNS": "80"})
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    from gkcli.texttable import width

    assert max(width(line) for line in lines) <= 80, [line for line in lines if width(line) > 80]
    rows = [line for line in lines if re.match(r"[甲乙]县 ", line)][-5:]
    assert rows and all(re.search(r"[甲乙]县.*(已逾期|未启动|推进中|已完成|逾期完成|临期|受阻|长期·[未已]报告) +p\d+-\d\d ", r) for r in rows), rows
    dated = [line for line in lines if re.match(r"[甲乙]县 (已逾期|逾期完成|已完成) ", line)]
    assert dated and all(re.search(r" \d{4}-\d\d-\d\d ", line) for line in dated), dated
