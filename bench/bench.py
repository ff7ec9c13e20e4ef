"""gk's benchmark: gk against the libyaml parse floor and its peers, on the same files.

    .venv/bin/python bench/bench.py                      # a generated county (≈1,100 progress files)
    .venv/bin/python bench/bench.py --repo DIR           # an existing data repo
    .venv/bin/python bench/bench.py --province 20        # also a province of N generated counties (180 is the real size)
    .venv/bin/python bench/bench.py --runs 5 --json bench/results/my.json

For each command it takes the best of --runs wall-clock times, cold (.gk/cache removed
before every run) and warm (cache filled, nothing changed). In the same run, on the same
files, it times
- the floor: composing every YAML file with PyYAML's C loader (libyaml), with node marks;
- the peers: `yamllint` and `check-jsonschema` (with gk's own JSON Schema), when installed
  (`pip install yamllint check-jsonschema`; they are not gk's dependencies);
- `python -c "import typer"` against `gk --help`.
It prints a table of times and ratios and writes it as JSON (bench/results/). It is a
measurement, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE / "gen.py"


def gk_cmd() -> list[str]:
    exe = shutil.which("gk", path=str(Path(sys.executable).parent)) or shutil.which("gk")
    return [exe] if exe else [sys.executable, "-m", "gkcli.cli"]


def best(cmd: list[str], cwd: Path, runs: int, cold: bool = False, ok=(0, 1), env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(cwd / ".gk", ignore_errors=True)
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - t)
        if p.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode(errors='replace')[-400:]}")
    return min(times)


FLOOR = """
import glob, yaml
for f in glob.glob('data/**/*.yaml', recursive=True):
    yaml.compose(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)
"""


def yaml_files(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in sorted((root / "data").rglob("*.yaml"))]


def bench_repo(root: Path, runs: int, as_of: str, quarter: str) -> dict:
    gk = gk_cmd()
    env = {"GK_TODAY": as_of}
    rows: dict[str, float | None] = {}
    rows["floor (libyaml compose)"] = best([sys.executable, "-c", FLOOR], root, runs, ok=(0,))
    # the report to standard output (captured): -o refuses a file it made the run before, and --force
    # would time a backup copy too
    for name, args in (("status", ["status", "--as-of", as_of]), ("lint", ["lint"]),
                       ("report --quarter", ["report", "--quarter", quarter])):
        rows[f"gk {name} (cold)"] = best(gk + args, root, runs, cold=True, env=env)
        subprocess.run(gk + args, cwd=root, capture_output=True, env={**os.environ, **env})  # fill the cache
        rows[f"gk {name} (warm)"] = best(gk + args, root, runs, env=env)
    files = yaml_files(root)
    yamllint = shutil.which("yamllint", path=str(Path(sys.executable).parent)) or shutil.which("yamllint")
    rows["yamllint"] = (
        best([yamllint, "-d", "{extends: relaxed, rules: {line-length: disable}}", "data"], root, runs) if yamllint else None
    )
    cj = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if cj:
        sdir = Path(tempfile.mkdtemp())
        subprocess.run(gk + ["schema", "-o", str(sdir)], cwd=root, capture_output=True, check=True)
        progress = [f for f in files if f.startswith("data/progress/")]
        schema = next(iter(sorted(sdir.glob("*progress*.json"))), None)
        rows["check-jsonschema (progress files)"] = (
            best([cj, "--schemafile", str(schema), *progress], root, runs) if schema and progress else None
        )
    else:
        rows["check-jsonschema (progress files)"] = None
    rows["python -c 'import typer'"] = best([sys.executable, "-c", "import typer"], root, runs, ok=(0,))
    rows["gk --help"] = best(gk + ["--help"], root, runs, ok=(0,))
    return {"files": len(files), "bytes": sum((root / f).stat().st_size for f in files), "times": rows}


def ratios(t: dict) -> dict[str, float]:
    floor = t["floor (libyaml compose)"]
    out = {
        "cold lint + status / floor (target ≤ 2)": (t["gk lint (cold)"] + t["gk status (cold)"]) / floor,
        "gk --help / import typer (target ≤ 1.5)": t["gk --help"] / t["python -c 'import typer'"],
    }
    if t.get("yamllint"):
        out["yamllint / cold lint (target ≥ 10)"] = t["yamllint"] / t["gk lint (cold)"]
    return out


def show(title: str, res: dict) -> None:
    print(f"\n{title}: {res['files']} files, {res['bytes'] / 1e6:.1f} MB")
    floor = res["times"]["floor (libyaml compose)"]
    print(f"  {'':38} {'seconds':>9} {'× floor':>8}")
    for k, v in res["times"].items():
        print(f"  {k:38} {'skipped' if v is None else f'{v:9.3f}':>9} {'' if v is None else f'{v / floor:8.2f}':>8}")
    for k, v in ratios(res["times"]).items():
        print(f"  {k:48} {v:6.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", type=Path, help="an existing data repo (default: a generated county)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--as-of", default="2024-12-31")
    ap.add_argument("--quarter", default="2024Q3")
    ap.add_argument("--province", type=int, default=0, metavar="N",
                    help="also N generated counties at once (180 is a province: ≈200,000 files, ≈10 min to generate on 2 cores)")
    ap.add_argument("--json", type=Path, help="where to write the results (default bench/results/county-<date>.json, or province-<date>.json)")
    a = ap.parse_args()
    try:  # the generator and the floor need gk's own dependencies (typer, PyYAML)
        import gkcli  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as e:
        sys.exit(f"bench.py needs gk installed in this Python ({e}): run it as .venv/bin/python bench/bench.py")
    work = Path(tempfile.mkdtemp(prefix="gk-bench-"))
    result: dict = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": a.runs,
    }
    try:
        root = a.repo
        if root is None:
            root = work / "county"
            subprocess.run([sys.executable, str(GEN), "county", str(root), "--seed", str(a.seed)], check=True, capture_output=True)
        result["county"] = bench_repo(root.resolve(), a.runs, a.as_of, a.quarter)
        result["county"]["ratios"] = ratios(result["county"]["times"])
        show("county", result["county"])
        if a.province:
            prov = work / "province"
            subprocess.run([sys.executable, str(GEN), "province", str(prov), "--counties", str(a.province)], check=True, capture_output=True)
            gk = gk_cmd()
            env = {"GK_TODAY": a.as_of}
            for c in (prov / "counties").iterdir():  # cold: no county's cache either
                shutil.rmtree(c / ".gk", ignore_errors=True)
            cold = best(gk + ["status", "--as-of", a.as_of], prov, 1, cold=True, env=env)
            subprocess.run(gk + ["status"], cwd=prov, capture_output=True, env={**os.environ, **env})
            warm = best(gk + ["status", "--as-of", a.as_of], prov, a.runs, env=env)
            nfiles = sum(1 for _ in prov.rglob("*.yaml"))
            result["province"] = {"counties": a.province, "files": nfiles, "status_cold": cold, "status_warm": warm}
            print(f"\nprovince: {a.province} counties, {nfiles} files: gk status cold {cold:.2f} s, warm {warm:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = a.json or HERE / "results" / f"{'province' if a.province else 'county'}-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
