"""Many counties at once: a roll-up's per-county figures equal each county's own."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
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
    assert p.returncode == 0 and "以下县没有所查的单位，表中它们的任务数为 0：甲县（县审计局）" in p.stdout, p.stdout + p.stderr
