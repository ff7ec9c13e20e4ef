"""The load cache (.gk/cache): same results as no cache, never stale, ignorable, not a way in."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from gkcli import cache, repo, yamlio

UNITS = """
units:
  - name: 县财政局
    kind: department
  - name: 甲镇
    kind: township
groups:
  - name: 各乡镇
    members: {kind: [township]}
"""
PLAN = """
plan:
  id: t2023
  title: 测试方案
  issued_on: 2023-01-05
tasks:
  - id: t2023-01
    title: 任务一
    units: [县财政局]
    deadline: 2023年9月底前
  - id: t2023-02
    title: 任务二
    units: [各乡镇]
    deadline: 长期
"""
PROGRESS = """
unit: 县财政局
period: 2023Q3
submitted_on: 2023-10-08
entries:
  - task: t2023-01
    status: done
    date: 2023-09-12
    note: 已完成
"""
BROKEN = "unit: 甲镇\nperiod: 2023Q3\nentries:\n  - task: t2023-02\n    status: [\n"


@pytest.fixture(autouse=True)
def _own_key(tmp_path, monkeypatch):
    """Each test its own signing key (as a fresh user would have)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GK_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_KEY", None)
    monkeypatch.setattr(cache, "OFF", False)
    monkeypatch.setattr(cache, "SAVE_AT_EXIT", False)


@pytest.fixture
def root(make_repo):
    return make_repo(
        {
            "data/units/units.yaml": UNITS,
            "data/tasks/t2023.yaml": PLAN,
            "data/progress/2023Q3/县财政局.yaml": PROGRESS,
            "data/progress/2023Q3/甲镇.yaml": BROKEN,
        }
    )


def snapshot(r: repo.Repo) -> tuple:
    """Everything a Repo holds, in plain values (records with their file and path)."""

    def rec(x):
        return (type(x).__name__, x.fields(), x.file, x.path)

    return (
        [rec(u) for u in r.units],
        [rec(g) for g in r.groups],
        [(rec(p.plan), [rec(t) for t in p.tasks], p.file) for p in r.plans],
        [(rec(p.header), [rec(e) for e in p.entries], p.file) for p in r.progress],
        [rec(c) for c in r.catalog],
        sorted(r.findings),
        {k: d.data for k, d in r.docs.items()},
        sorted(r.annual),
    )


def age(path: Path, seconds: float = 60) -> None:
    """Make a file look written a while ago (past the racy-clean window)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def age_all(root: Path) -> None:
    for p in (root / "data").rglob("*.yaml"):
        age(p)


def cache_files(root: Path) -> list[Path]:
    return sorted((root / ".gk" / "cache").glob("load-*.bin"))


def test_same_result_with_and_without_cache(root):
    age_all(root)
    plain = snapshot(repo.load(root, cache=False))
    first = snapshot(repo.load(root))  # fills the cache
    assert cache_files(root), "the cache was not written"
    second = snapshot(repo.load(root))  # from the cache
    assert plain == first == second
    assert any(f.code == "GK101" for f in repo.load(root).findings)  # a broken file's findings come back too


def test_cache_is_git_ignored_and_safe_to_delete(root):
    repo.load(root)
    assert (root / ".gk" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    import shutil

    shutil.rmtree(root / ".gk")
    assert snapshot(repo.load(root)) == snapshot(repo.load(root, cache=False))


def test_edit_is_seen(root):
    age_all(root)
    repo.load(root)
    f = root / "data/progress/2023Q3/县财政局.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("status: done", "status: blocked"), encoding="utf-8")
    r = repo.load(root)
    assert [e.status for p in r.progress for e in p.entries] == ["blocked"]
    assert snapshot(r) == snapshot(repo.load(root, cache=False))


def test_same_size_edit_with_old_mtime_is_seen(root):
    """An edit that keeps the size and puts the mtime back still changes ctime."""
    age_all(root)
    repo.load(root)
    f = root / "data/progress/2023Q3/县财政局.yaml"
    st = f.stat()
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("2023-09-12", "2023-09-13"), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    r = repo.load(root)
    assert [str(e.date) for p in r.progress for e in p.entries] == ["2023-09-13"]


def test_racily_clean_file_is_hashed_again(root, monkeypatch):
    """A file written just before the cache saw it is not trusted by its stat alone."""
    repo.load(root)  # the files are brand new: every entry is untrusted
    store = cache.Cache(root)
    assert store.entries and not any(e[1] for e in store.entries.values())
    # a stat-identical change (as if it happened within the same mtime tick) is still seen
    f = root / "data/progress/2023Q3/县财政局.yaml"
    old = cache.stat_key(f.stat())
    monkeypatch.setattr(cache, "stat_key", lambda st: old if st.st_ino == f.stat().st_ino else (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
    f.write_text(PROGRESS.replace("已完成", "已完工").lstrip("\n"), encoding="utf-8")
    r = repo.load(root)
    assert [e.note for p in r.progress for e in p.entries] == ["已完工"]


def test_rename_and_delete(root):
    age_all(root)
    repo.load(root)
    src = root / "data/tasks/t2023.yaml"
    dst = root / "data/tasks/renamed.yaml"
    src.rename(dst)
    r = repo.load(root)
    assert [p.file for p in r.plans] == ["data/tasks/renamed.yaml"]
    assert [t.file for p in r.plans for t in p.tasks] == ["data/tasks/renamed.yaml"] * 2
    dst.unlink()
    r = repo.load(root)
    assert r.plans == []
    assert snapshot(r) == snapshot(repo.load(root, cache=False))


def test_touch_reuses_the_entry_and_changes_nothing(root, monkeypatch):
    age_all(root)
    before = snapshot(repo.load(root))
    for p in (root / "data").rglob("*.yaml"):
        p.touch()
    parsed = []
    real = repo._load_one
    monkeypatch.setattr(repo, "_load_one", lambda *a: parsed.append(a[2]) or real(*a))
    assert snapshot(repo.load(root)) == before
    assert parsed == [], "touched files with the same bytes were parsed again"


def test_unchanged_files_are_not_parsed_again(root, monkeypatch):
    age_all(root)
    repo.load(root)
    parsed = []
    real = repo._load_one
    monkeypatch.setattr(repo, "_load_one", lambda *a: parsed.append(a[2]) or real(*a))
    repo.load(root)
    assert parsed == []


def test_no_cache_switches(root, monkeypatch):
    repo.load(root, cache=False)
    assert not (root / ".gk").exists()
    monkeypatch.setenv("GK_NO_CACHE", "1")
    repo.load(root)
    assert not (root / ".gk").exists()


def test_no_cache_flag_on_the_command_line(root, gk):
    p = gk("--no-cache", "status", "--as-of", "2023-10-15", cwd=root)
    assert p.returncode == 0, p.stderr
    assert not (root / ".gk").exists()
    p = gk("status", "--as-of", "2023-10-15", cwd=root, env={"XDG_CACHE_HOME": str(root.parent / "xdg")})
    assert p.returncode == 0, p.stderr
    assert (root / ".gk" / "cache").is_dir()


def test_corrupt_cache_is_ignored(root):
    age_all(root)
    want = snapshot(repo.load(root))
    for f in cache_files(root):
        data = f.read_bytes()
        f.write_bytes(data[: len(data) // 2])  # truncated
    assert snapshot(repo.load(root)) == want
    for f in cache_files(root):
        f.write_bytes(b"\x00garbage")
    assert snapshot(repo.load(root)) == want


def test_a_folder_where_a_cache_file_goes_leaves_no_temp_files(root):
    """A cache file's place taken by a folder: the write fails, and its ~2 MB temp file piled up at every run."""
    repo.load(root)
    for f in cache_files(root):
        f.unlink()
        f.mkdir()
    want = snapshot(repo.load(root, cache=False))
    for _ in range(3):
        assert snapshot(repo.load(root)) == want
    assert not [p.name for p in (root / ".gk" / "cache").iterdir() if p.name.endswith(".tmp")]


class _Planted:
    def __reduce__(self):
        return (exec, ("import gkcli; gkcli._PLANTED = True",))


def test_planted_cache_is_never_unpickled(root):
    """A data repo comes from pull requests: a committed .gk/cache file must not run code."""
    import gkcli

    body = pickle.dumps({"data/tasks/t2023.yaml": _Planted()})
    target = root / ".gk" / "cache" / f"load-{cache.version()}.bin"
    target.parent.mkdir(parents=True)
    for sig in (b"\x00" * 32, b"x" * 32):
        target.write_bytes(cache.MAGIC + sig + body)
        r = repo.load(root)
        assert not getattr(gkcli, "_PLANTED", False)
        assert [p.file for p in r.plans] == ["data/tasks/t2023.yaml"]


def test_read_only_repo_still_loads(root):
    os.chmod(root, 0o555)
    try:
        if os.access(root, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        assert snapshot(repo.load(root)) == snapshot(repo.load(root, cache=False))
    finally:
        os.chmod(root, 0o755)


def test_locations_are_right_after_an_edit(root, gk):
    """Located nodes are kept with the entry: an edit must not leave old positions behind."""
    env = {"XDG_CACHE_HOME": str(root.parent / "xdg")}
    age_all(root)
    f = root / "data/progress/2023Q3/县财政局.yaml"
    f.write_text(PROGRESS.lstrip("\n") + "  - task: t2023-99\n    status: done\n    date: 2023-09-02\n", encoding="utf-8")
    age(f)
    first = gk("lint", "--format", "json", cwd=root, env=env)
    assert first.returncode == 1, first.stderr
    # move the bad entry two lines down: the warm run must say so
    f.write_text(PROGRESS.lstrip("\n") + "  # 补报\n  # 第二行\n  - task: t2023-99\n    status: done\n    date: 2023-09-02\n", encoding="utf-8")
    warm = gk("lint", "--format", "json", cwd=root, env=env)
    cold = gk("--no-cache", "lint", "--format", "json", cwd=root, env=env)
    assert warm.stdout == cold.stdout
    assert '"line": 11' in warm.stdout  # the entry's `task:` line after the two comments


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return 1


forking = pytest.mark.skipif(not hasattr(os, "fork") or _cores() < 2, reason="the two-process load forks, on two cores")


@pytest.fixture
def shared_load(root, monkeypatch):
    """The repo with nine more progress files, loaded in two processes from two files on."""
    for i in range(9):
        (root / f"data/progress/2023Q3/单位{i}.yaml").write_text(PROGRESS.replace("县财政局", f"单位{i}"), encoding="utf-8")
    monkeypatch.setattr(repo, "PARALLEL_MIN", 2)
    return root


@forking
def test_two_process_load_is_the_one_process_load(shared_load, monkeypatch):
    """A cold load shared with a forked child gives, in order, what one process gives."""
    root = shared_load
    (root / "data/progress/2023Q4").mkdir()
    (root / "data/progress/2023Q4/县财政局.yaml").symlink_to(root / "data/progress/2023Q3/县财政局.yaml")
    age_all(root)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    plain = snapshot(repo.load(root, cache=False))
    first = snapshot(repo.load(root))  # cold: half of the files read by the child
    assert forks, "the load did not fork"
    assert first == plain
    assert snapshot(repo.load(root)) == plain  # warm, from the entries both processes made
    import shutil

    shutil.rmtree(root / ".gk")
    r = repo.load(root, values=True)  # cold again: the child sends the files' values too
    sent = [d.__dict__.get("_data") is not yamlio._SLOW or d.json is not None for d in r.docs.values()]
    assert all(sent), "a file's values were left to be read again"
    assert all(d.__dict__.get("_text", d.__dict__.get("text")) is not None for d in r.docs.values()), "a file's text was left to be read again"
    assert snapshot(r) == plain


@forking
def test_a_failing_helper_process_costs_only_time(shared_load, monkeypatch):
    """When the forked child dies without sending, this process reads its half too."""
    root = shared_load
    age_all(root)
    plain = snapshot(repo.load(root, cache=False))
    parent, real = os.getpid(), repo._read_new

    def child_dies(*a, **k):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(*a, **k)

    monkeypatch.setattr(repo, "_read_new", child_dies)
    assert snapshot(repo.load(root)) == plain
    assert snapshot(repo.load(root)) == plain  # and the cache it wrote holds every file


def test_a_read_only_repo_gets_no_cache_folder(root):
    """A repo someone made read-only (chmod 555) is read as usual, with nothing new written in it."""
    root.chmod(0o555)
    try:
        before = repo.load(root)
        assert not (root / ".gk").exists() and before.units
    finally:
        root.chmod(0o755)


def test_remembered_results_are_keyed_by_the_holiday_table_too(monkeypatch):
    """A roll-up's remembered figures count 工作日 with chinesecalendar's holidays: another release
    of its table is another key, never last release's figures."""
    cache._CODE.clear()
    before = cache.code_version("deadlines.py")
    assert before == cache.code_version("deadlines.py")
    cache._CODE.clear()
    monkeypatch.setattr(cache, "_calendar_data", lambda: b"a newer table")
    assert cache.code_version("deadlines.py") != before
    cache._CODE.clear()
