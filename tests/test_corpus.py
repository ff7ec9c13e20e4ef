"""The bad-input corpus: whatever a pull request brings, gk answers with located
findings and exit 1 — never a traceback, a hang or a write outside the repo.

tests/corpus/ is a data repo of committed cases (see make_corpus.py and
manifest.json); the cases too big or odd to commit are made here, in a copy.
"""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gkcli import cache, repo

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
TIMEOUT = 120  # the whole corpus takes a few seconds; a hang fails here instead of never ending
P = "data/progress/2023Q3/"


def _deep_flow(n: int = 10_000) -> bytes:
    return ("unit: 县财政局\nperiod: 2023Q3\nentries: " + "[" * n + "]" * n + "\n").encode()


def _deep_block(n: int = 10_000) -> bytes:
    return ("unit: 县财政局\nperiod: 2023Q3\nentries:\n" + "".join("  " + "- " * i + "x\n" for i in (n,))).encode()


def _deep_map(n: int = 10_000) -> bytes:
    return ("unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: " + "{a: " * n + "1" + "}" * n + "\n").encode()


def _deep_indent(n: int = 10_000) -> bytes:
    return ("unit: 县财政局\nperiod: 2023Q3\nentries:\n" + "".join(" " * (2 * i) + "-\n" for i in range(1, 400))).encode()


def _many_bad_items(n: int = 20_000) -> bytes:
    return ("unit: 县财政局\nperiod: 2023Q3\nentries:\n" + "- 0\n" * n).encode()


def _many_unknown_keys(n: int = 20_000) -> bytes:  # the block scalar sends locating to libyaml's nodes
    head = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: |\n      x\n"
    return (head + "".join(f"    k{i}: 0\n" for i in range(n))).encode()


def _escaped_controls() -> bytes:  # raw, libyaml refuses them; escaped, they reached terminals and Word
    return ("unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-01\n    status: done\n"
            '    date: 2023-09-12\n    note: "a\\x00b\\e[2J\\a"\n').encode()


# made here: name → (bytes, expected codes)
GENERATED = {
    P + "生成-转义控制字符.yaml": (_escaped_controls, ["GK101"]),
    P + "生成-两万个坏条目.yaml": (_many_bad_items, ["GK105"]),  # each located: no rescan of the list per finding
    P + "生成-两万个未知字段.yaml": (_many_unknown_keys, ["GK104"]),
    P + "生成-嵌套一万层-行内.yaml": (_deep_flow, ["GK107"]),
    P + "生成-嵌套一万层-块.yaml": (_deep_block, ["GK107"]),
    P + "生成-嵌套一万层-映射.yaml": (_deep_map, ["GK107"]),
    P + "生成-缩进四百层.yaml": (_deep_indent, ["GK107", "GK101"]),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A copy of the corpus plus the generated cases, beside a folder gk must never touch."""
    base = tmp_path_factory.mktemp("hostile")
    root = base / "repo"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("*.py", "manifest.json", "__pycache__", ".gk"))
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    (outside / "big-dir").mkdir()
    expect = {rel: (c["expect"], c["codes"]) for rel, c in MANIFEST.items()}
    for rel, (make, codes) in GENERATED.items():
        (root / rel).write_bytes(make())
        expect[rel] = ("error", codes)
    # 50 MB: written here, never committed
    with open(root / P / "生成-五十兆.yaml", "wb") as f:
        chunk = b"  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: " + "已完成".encode() * 300 + b"\n"
        f.write("unit: 县财政局\nperiod: 2023Q3\nentries:\n".encode())
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    expect[P + "生成-五十兆.yaml"] = ("error", ["GK107"])
    # symlinks: out of the repo (a file, a folder's file, /etc), in a loop
    os.symlink(outside / "secret.yaml", root / P / "链接-仓库外.yaml")
    os.symlink("/etc/passwd", root / P / "链接-etc.yaml")
    os.symlink("链接-环路2.yaml", root / P / "链接-环路1.yaml")
    os.symlink("链接-环路1.yaml", root / P / "链接-环路2.yaml")
    os.symlink("/nonexistent/nowhere.yaml", root / P / "链接-悬空.yaml")
    (root / ".git").mkdir(exist_ok=True)  # a link into .git reads its logs, or the CI's token in .git/config
    (root / ".git" / "config").write_text('[remote "origin"]\n\turl = https://x-access-token:secret@example.org/r.git\n', encoding="utf-8")
    os.symlink(root / ".git" / "config", root / P / "链接-git.yaml")
    for rel in ("链接-仓库外.yaml", "链接-etc.yaml", "链接-git.yaml"):
        expect[P + rel] = ("error", ["GK107"])
    for rel in ("链接-环路1.yaml", "链接-环路2.yaml", "链接-悬空.yaml"):
        expect[P + rel] = ("error", ["GK102", "GK107"])
    os.symlink(outside / "big-dir", root / "data" / "progress" / "2023Q4")  # a folder link is not followed
    # a named pipe called .yaml (a careless local copy): must not hang
    os.mkfifo(root / P / "管道.yaml")
    expect[P + "管道.yaml"] = ("error", ["GK102"])
    # a folder called .yaml is not a file (a git submodule checks out as one): named, its data is missing
    (root / P / "目录.yaml").mkdir()
    expect[P + "目录.yaml"] = ("error", ["GK102"])
    # a file name holding a newline and an ANSI escape (output injection)
    odd = "换行\n::error file=x::伪造\x1b[31m.yaml"
    (root / P / odd).write_bytes(b"unit: x\nperiod: 2023Q3\nentries: []\n")
    expect[P + "换行\\n::error file=x::伪造\\x1b[31m.yaml"] = ("error", ["GK102"])  # not read; named escaped
    (root / P / "非UTF8-\udcff\udcfe.yaml").write_bytes(b"unit: x\nperiod: 2023Q3\nentries: []\n")
    expect[P + "非UTF8-\ufffd\ufffd.yaml"] = ("error", ["GK102"])
    return base, root, outside, expect


def listing(d: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for p in sorted(d.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(d))] = (st.st_size, st.st_mtime_ns)
    return out


def run_gk(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gkcli.cli", *args], cwd=cwd, env={**os.environ, "NO_COLOR": "1", **env},
                          capture_output=True, text=True, timeout=TIMEOUT)


def check_findings(findings: list[dict], expect: dict, root: Path) -> None:
    by: dict[str, list[dict]] = {}
    for f in findings:
        by.setdefault(f["path"], []).append(f)
    missing, wrong = [], []
    for rel, (kind, codes) in expect.items():
        errs = [f for f in by.get(rel, []) if f["severity"] == "error"]
        if kind == "ok":
            if errs:
                wrong.append((rel, errs))
            continue
        if not errs or (codes and not any(f["code"] in codes for f in errs)):
            missing.append((rel, codes, by.get(rel)))
            continue
        full = root / rel
        lines = 1
        if full.is_file() and not full.is_symlink() and full.stat().st_size < 10_000_000:
            lines = max(1, full.read_bytes().count(b"\n") + 1)
        for f in errs:
            assert 1 <= f["line"] <= max(lines, 1) and f["col"] >= 1, (rel, f)
    assert not missing, f"cases without their finding: {missing}"
    assert not wrong, f"normal input reported as an error: {wrong}"


def test_manifest_has_enough_cases():
    bad = [r for r, c in MANIFEST.items() if c["expect"] == "error"]
    assert len(bad) + len(GENERATED) + 8 >= 40 and len(bad) >= 40
    assert {c["expect"] for c in MANIFEST.values()} == {"error", "ok"}


def test_every_committed_file_is_in_the_manifest():
    files = {str(p.relative_to(CORPUS)) for p in (CORPUS / "data").rglob("*.yaml")}
    base = {"data/units/units.yaml", "data/tasks/t2023.yaml", P + "县财政局.yaml"}
    assert files - base == set(MANIFEST)


def test_lint_on_the_hostile_repo(hostile):
    base, root, outside, expect = hostile
    before = listing(outside)
    env = {"XDG_CACHE_HOME": str(base / "xdg")}
    for attempt in ("cold", "warm"):  # the second run reads the cache: same answers
        p = run_gk("lint", "--format", "json", cwd=root, env=env)
        assert p.returncode == 1, p.stderr
        assert "Traceback" not in p.stderr and "内部错误" not in p.stderr, p.stderr
        check_findings(json.loads(p.stdout), expect, root)
        # the system's reasons are said in Chinese (a symlink loop said "Too many levels of symbolic links")
        english = [f["message"] for f in json.loads(p.stdout) if re.search(r"[A-Za-z]{4,} [a-z]{2,} [a-z]{2,}", f["message"])]
        assert not english, english
    for fmt in ("text", "github", "junit"):
        p = run_gk("lint", "--format", fmt, cwd=root, env=env)
        assert p.returncode == 1 and "Traceback" not in p.stderr, (fmt, p.stderr)
        if fmt == "github":  # a newline in a file name must not start a line of its own
            assert not any(line.startswith("::error file=x::") for line in p.stdout.splitlines()), "annotation injection"
    assert listing(outside) == before


def test_fix_writes_nothing_outside(hostile):
    base, root, outside, expect = hostile
    before = listing(outside)
    p = run_gk("lint", "--fix", "--format", "json", cwd=root, env={"XDG_CACHE_HOME": str(base / "xdg")})
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert listing(outside) == before
    assert (outside / "secret.yaml").read_text(encoding="utf-8").startswith("unit: 县财政局")


def test_status_and_report_survive(hostile):
    base, root, outside, _ = hostile
    before = listing(outside)
    env = {"XDG_CACHE_HOME": str(base / "xdg")}
    for args in (("status", "--as-of", "2023-10-15"), ("status", "--as-of", "2023-10-15", "-f", "json"), ("report", "--quarter", "2023Q3")):
        p = run_gk(*args, cwd=root, env=env)
        assert p.returncode in (0, 1, 2), (args, p.stderr)
        assert "Traceback" not in p.stderr and "内部错误" not in p.stderr, (args, p.stderr[-2000:])
    assert listing(outside) == before


@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_each_case_alone_in_process(make_repo, rel, monkeypatch, tmp_path):
    """Each committed case in a repo of its own: repo.load gives located findings, no exception."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "_KEY", None)
    files: dict[str, bytes] = {}
    for base in ("data/units/units.yaml", "data/tasks/t2023.yaml"):
        files[base] = (CORPUS / base).read_bytes()
    files[rel] = (CORPUS / rel).read_bytes()
    root = make_repo(files)
    for _ in range(2):  # cold, then from the cache
        r = repo.load(root)
        mine = [f for f in r.findings if f.path == rel]
        if MANIFEST[rel]["expect"] == "ok":
            assert not [f for f in mine if f.severity == "error"], mine
        for f in mine:
            assert f.line >= 1 and f.col >= 1
        codes = set(MANIFEST[rel]["codes"])
        if codes and all(c < "GK200" for c in codes):  # the loader's own codes: found without lint
            assert codes & {f.code for f in mine}, (rel, mine)


def test_a_data_folder_linked_out_of_the_repo_is_neither_read_nor_written(make_repo, tmp_path):
    """A pull request can replace data/tasks or data/progress by a link to anywhere:
    gk names it (GK107), reads nothing there, and no write (--fix, progress add) follows it."""
    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department, aliases: [财政局]}\n"})
    outside = tmp_path / "outside"
    (outside / "tasks").mkdir(parents=True)
    plan = "plan: {id: t2023, title: 测试}\ntasks:\n  - {id: t2023-01, title: 任务, units: [财政局], deadline: 2030-12-31}\n"
    (outside / "tasks" / "t.yaml").write_text(plan, encoding="utf-8")
    (outside / "progress").mkdir()
    (root / "data/tasks").symlink_to(outside / "tasks")
    (root / "data/progress").symlink_to(outside / "progress")
    before = listing(outside)
    lint = run_gk("lint", "--format", "json", cwd=root, env={})
    found = {(f["path"], f["code"]) for f in json.loads(lint.stdout)}
    assert {("data/tasks", "GK107"), ("data/progress", "GK107")} <= found and lint.returncode == 1
    assert run_gk("lint", "--fix", "--extend-select", "GK210", cwd=root, env={}).returncode == 1
    (root / "data/tasks").unlink()
    (root / "data/tasks").mkdir()
    (root / "data/tasks/t.yaml").write_text(plan, encoding="utf-8")
    add = run_gk("progress", "add", "t2023-01", "--unit", "县财政局", "--status", "done", cwd=root, env={"GK_TODAY": "2023-09-20"})
    assert add.returncode == 2 and "经由符号链接指向数据仓库之外，未写入" in add.stderr, add.stderr
    assert listing(outside) == before


@pytest.mark.parametrize("plant", ["folder", "gitignore"])
def test_a_planted_cache_link_takes_no_write_out(make_repo, tmp_path, plant):
    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n"})
    outside = tmp_path / "outside"
    outside.mkdir()
    if plant == "folder":
        (root / ".gk").symlink_to(outside)
    else:
        (root / ".gk").mkdir()
        (root / ".gk/.gitignore").symlink_to(outside / "pwned")
    assert run_gk("lint", cwd=root, env={}).returncode == 0
    assert list(outside.iterdir()) == []
