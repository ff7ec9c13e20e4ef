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
    assert p.stdout.startswith("# 政务公开工作汇总（2 个县")
    for name in ("甲县", "乙县"):
        alone = gk("report", "--year", "2023", cwd=tmp_path / name)
        assert alone.returncode == 0 and alone.stdout in p.stdout
