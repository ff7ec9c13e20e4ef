"""Realistic data repos for the benchmark: a county, or a province of counties.

    python bench/gen.py county DIR [--seed N] [--units 70] [--plans 10] [--tasks 30] [--years 4]
    python bench/gen.py province DIR [--counties 180] [--seed N] [--jobs 2]

A county: ≈70 units (50 departments, 20 townships, a township group), 10 plans ×
30 tasks with the deadline forms plans use, and 4 years of quarterly progress, one
file per unit per quarter (≈1,100 files). The data is valid: plans are issued before
the first progress, every entry lies in its period and before the file's
`submitted_on`, and every unit writes only about its own tasks (statuses are drawn
at random, so `gk lint` may warn of a status going back, as real data does).

A province: COUNTIES county repos under DIR/counties/<name>/ (≈200,000 files for
180) and DIR/gk.toml with `workspace = ["counties/*"]`, each county its own git
repo when --git is given.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

DEADLINES = ["2021年12月底前", "2022-06-30", "2022年6月", "2023年底前", "长期", "适时", "每季度", "2024年上半年", "2025-03-31", "2022年9月-2022年10月", "8月底前"]
STATUSES = ["in_progress", "done", "not_started", "done", "in_progress", "blocked"]


def county(root: str, seed: int = 1, name: str = "基准县", n_units: int = 70, n_plans: int = 10, n_tasks: int = 30, years: int = 4, git: bool = False) -> int:
    """Write one county repo at root; returns the number of progress files."""
    rnd = random.Random(seed)
    n_towns = max(1, n_units * 2 // 7)
    depts = [f"县部门{i:02d}" for i in range(n_units - n_towns)]
    towns = [f"乡镇{i:02d}" for i in range(n_towns)]
    os.makedirs(f"{root}/data/units", exist_ok=True)
    os.makedirs(f"{root}/data/tasks", exist_ok=True)
    with open(f"{root}/gk.toml", "w", encoding="utf-8") as f:
        f.write(f'county = "{name}"\noffice = "{name}人民政府办公室"\n')
    with open(f"{root}/data/units/units.yaml", "w", encoding="utf-8") as f:
        f.write("# 责任单位\nunits:\n")
        for d in depts:
            f.write(f"  - name: {d}\n    full_name: {name}{d[1:]}\n    kind: department\n    aliases: [{d}别名]\n")
        for t in towns:
            f.write(f"  - name: {t}\n    full_name: {name}{t}人民政府\n    kind: township\n")
        f.write("groups:\n  - name: 各乡镇人民政府、街道办事处\n    aliases: [各乡镇（街道）]\n    members: {kind: [township, street]}\n")
    first_year = 2025 - years
    assign: dict[str, list[str]] = {}
    for p in range(n_plans):
        with open(f"{root}/data/tasks/p{p}.yaml", "w", encoding="utf-8") as f:
            f.write(f"plan:\n  id: p{p}\n  title: 基准方案{p}（{name}政务公开工作要点）\n  issued_by: {name}人民政府办公室\n  issued_on: {first_year}-01-04\n")
            f.write(f"  categories: [{', '.join(f'类别{c}' for c in range(5))}]\ntasks:\n")
            for t in range(n_tasks):
                tid = f"p{p}-{t:02d}"
                us = rnd.sample(depts, rnd.randint(1, min(4, len(depts))))
                if rnd.random() < 0.3:
                    us.append("各乡镇人民政府、街道办事处")
                assign[tid] = [u for u in us if u in depts] + (towns if "各乡镇人民政府、街道办事处" in us else [])
                f.write(f"  - id: {tid}\n    category: 类别{t % 5}\n    title: 基准任务{tid}，推进政务公开标准化规范化\n"
                        f"    detail: 对涉及全县发展的重大事项开展预公开并同步解读，第{t}项\n"
                        f"    units: [{', '.join(us)}]\n    deadline: {rnd.choice(DEADLINES)}\n")
    by_unit: dict[str, list[str]] = {}
    for tid, us in assign.items():
        for u in us:
            by_unit.setdefault(u, []).append(tid)
    n = 0
    for y in range(first_year, first_year + years):
        for q in range(1, 5):
            period = f"{y}Q{q}"
            os.makedirs(f"{root}/data/progress/{period}", exist_ok=True)
            m = 3 * q
            for u, tids in by_unit.items():
                sub = f"{y + 1}-01-08" if q == 4 else f"{y}-{m + 1:02d}-08"
                lines = [f"# {u} {period} 政务公开工作进度\n", f"unit: {u}\nperiod: {period}\nsubmitted_on: {sub}\nentries:\n"]
                for tid in rnd.sample(tids, min(len(tids), 6)):
                    lines.append(f"  - task: {tid}\n    status: {rnd.choice(STATUSES)}\n    date: {y}-{m:02d}-{rnd.randint(1, 20):02d}\n"
                                 f"    note: 已在政府门户网站公开相关信息，第{n}条\n    evidence: ['https://www.example.gov.cn/a/{n}']\n")
                with open(f"{root}/data/progress/{period}/{u}.yaml", "w", encoding="utf-8") as f:
                    f.write("".join(lines))
                n += 1
    if git:
        env = {**os.environ, "GIT_AUTHOR_NAME": "gen", "GIT_AUTHOR_EMAIL": "gen@example.com", "GIT_COMMITTER_NAME": "gen", "GIT_COMMITTER_EMAIL": "gen@example.com"}
        for cmd in (["init", "-q"], ["add", "-A"], ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "commit", "-qm", "data"]):
            subprocess.run(["git", *cmd], cwd=root, env=env, check=True, capture_output=True)
    return n


def _one(args: tuple) -> int:
    root, seed, name, git = args
    return county(root, seed=seed, name=name, git=git)


def province(root: str, counties: int = 180, seed: int = 1, jobs: int = 2, git: bool = False) -> int:
    os.makedirs(f"{root}/counties", exist_ok=True)
    with open(f"{root}/gk.toml", "w", encoding="utf-8") as f:
        f.write('# 省（市）政务公开办的汇总仓库：各县的数据仓库在 counties/ 下（例如 git submodule）\nworkspace = ["counties/*"]\n')
    work = [(f"{root}/counties/c{i:03d}", seed * 1000 + i, f"基准{i:03d}县", git) for i in range(counties)]
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        return sum(ex.map(_one, work, chunksize=4))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    c = sub.add_parser("county")
    c.add_argument("dir")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--name", default="基准县")
    c.add_argument("--units", type=int, default=70)
    c.add_argument("--plans", type=int, default=10)
    c.add_argument("--tasks", type=int, default=30)
    c.add_argument("--years", type=int, default=4)
    c.add_argument("--git", action="store_true")
    p = sub.add_parser("province")
    p.add_argument("dir")
    p.add_argument("--counties", type=int, default=180)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--git", action="store_true")
    a = ap.parse_args(argv)
    if os.path.exists(a.dir) and os.listdir(a.dir):
        sys.exit(f"{a.dir} exists and is not empty")
    if a.what == "county":
        n = county(a.dir, a.seed, a.name, a.units, a.plans, a.tasks, a.years, a.git)
    else:
        n = province(a.dir, a.counties, a.seed, a.jobs, a.git)
    print(f"{n} progress files in {a.dir}")


if __name__ == "__main__":
    main()
