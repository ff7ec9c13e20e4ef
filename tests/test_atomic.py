"""write/atomic.py: what a replace keeps, refuses and leaves behind, on real files."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gkcli.errors import GkError
from gkcli.write import atomic


def test_a_symlinked_file_is_refused_not_copied_into_the_repo(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("unit: x\n", encoding="utf-8")
    link = tmp_path / "repo" / "县财政局.yaml"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(GkError, match="符号链接"):
        atomic.replace(link, b"unit: y\n")
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "unit: x\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file away")
def test_the_owner_of_a_replaced_file_is_kept(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"a: 1\n")
    os.chown(f, 65534, 65534)
    os.chmod(f, 0o640)
    atomic.replace(f, b"a: 2\n")
    st = f.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777, f.read_bytes()) == (65534, 65534, 0o640, b"a: 2\n")


def test_must_not_exist_holds_against_a_file_made_after_the_check(tmp_path, monkeypatch):
    """expect=None: a file another process makes between the check and the rename is kept."""
    f = tmp_path / "2024.yaml"
    real = atomic._test_pause

    def someone_else_writes(*path: Path) -> None:
        real(*path)
        f.write_bytes(b"theirs\n")

    monkeypatch.setattr(atomic, "_test_pause", someone_else_writes)
    monkeypatch.setattr(atomic, "read_bytes", lambda p: None)  # the check saw nothing yet
    with pytest.raises(atomic.Changed):
        atomic.replace(f, b"mine\n", expect=None)
    assert f.read_bytes() == b"theirs\n" and [p.name for p in tmp_path.iterdir()] == ["2024.yaml"]


def test_a_temp_file_a_killed_writer_left_is_cleared_by_the_next_write(tmp_path):
    f = tmp_path / "t.yaml"
    old = tmp_path / ".t.yaml.abc123.tmp"
    old.write_bytes(b"half")
    os.utime(old, (1, 1))
    atomic.replace(f, b"a: 1\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]


def _limited(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_init_annual_on_a_full_disk_leaves_no_half_file(tmp_path):
    """The skeleton is written whole or not at all: a cut-off file would block every rerun."""
    root = tmp_path / "r"
    (root / "data").mkdir(parents=True)
    (root / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    cmd = [sys.executable, "-m", "gkcli.cli", "report", "--year", "2024", "--init-annual", "--data", str(root)]
    env = {**os.environ, "NO_COLOR": "1", "GK_NO_CACHE": "1"}
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, preexec_fn=_limited(1024), timeout=120)
    assert p.returncode != 0 and "Traceback" not in p.stderr, p.stderr
    assert not (root / "data/annual/2024.yaml").exists()
    assert [x.name for x in (root / "data/annual").iterdir()] == []
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and (root / "data/annual/2024.yaml").stat().st_size > 1024, p.stderr


def test_an_empty_gitignore_left_by_a_full_disk_is_written_again(tmp_path):
    from gkcli.cache import gk_folder

    root = tmp_path / "r"
    (root / ".gk").mkdir(parents=True)
    (root / ".gk" / ".gitignore").write_bytes(b"")
    assert gk_folder(root, "cache") == root / ".gk" / "cache"
    assert (root / ".gk" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_export_on_a_full_temp_disk_says_so_in_words(tmp_path):
    """openpyxl writes its sheets to temp files: a full disk there was an internal error and a
    traceback printed as its writers were collected."""
    import shutil

    from conftest import git

    root = tmp_path / "r"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", root / "data")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "data")
    out = tmp_path / "台账.xlsx"
    cmd = [sys.executable, "-m", "gkcli.cli", "export", "-o", str(out)]
    env = {**os.environ, "NO_COLOR": "1", "GK_NO_CACHE": "1", "GK_TODAY": "2023-10-15"}
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, preexec_fn=_limited(1024), timeout=120, cwd=root)
    assert p.returncode == 2 and "超过文件大小限制" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "内部错误" not in p.stderr and not out.exists(), p.stderr
    assert not (root / ".git" / "index.lock").exists()  # the data commit is asked without git's index lock


@pytest.mark.parametrize("where", ["outside", "hook", "nowhere"])
def test_an_output_that_is_a_link_is_refused(tmp_path, monkeypatch, where):
    """A pull request commits gk-lint.xml as a link (to a file outside the checkout, to .git/hooks/pre-commit: its
    next commit ran the report as a shell script) and CI writes -o gk-lint.xml: refused, nothing written."""
    repo = tmp_path / "repo"
    (repo / ".git" / "hooks").mkdir(parents=True)
    outside = tmp_path / "victim.txt"
    outside.write_text("mine", encoding="utf-8")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\n", encoding="utf-8")
    target = {"outside": outside, "hook": hook, "nowhere": tmp_path / "nodir" / "x.md"}[where]
    (repo / "gk-lint.xml").symlink_to(target)
    monkeypatch.chdir(repo)
    with pytest.raises(GkError, match="符号链接"):
        atomic.replace(Path("gk-lint.xml"), b"<xml/>", output=True)
    with pytest.raises(GkError, match="符号链接"):
        atomic.replace(repo / "gk-lint.xml", b"<xml/>", output=True)
    assert outside.read_text(encoding="utf-8") == "mine" and hook.read_text(encoding="utf-8") == "#!/bin/sh\n"
    assert not (tmp_path / "nodir").exists()


def test_an_output_in_a_folder_that_is_a_link_or_in_dot_git_is_refused(tmp_path, monkeypatch):
    (tmp_path / ".git" / "hooks").mkdir(parents=True)
    (tmp_path / "reports").symlink_to(tmp_path / ".git" / "hooks")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GkError, match="符号链接"):
        atomic.replace(Path("reports/pre-commit"), b"x", output=True)
    with pytest.raises(GkError, match=r"\.git"):
        atomic.replace(Path(".git/x.md"), b"x", output=True)
    assert not (tmp_path / ".git" / "hooks" / "pre-commit").exists()


def test_an_output_device_or_pipe_is_written_to_never_replaced(tmp_path):
    """-o /dev/null or /dev/stdout in a CI job run as root: a rename over it replaced the device with a
    file for every later step. A FIFO (and a link to one, as /dev/stdout is) is written to in place."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic.replace(fifo, b"report", output=True)
    reader.join(10)
    assert got == [b"report"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- what the system refuses, said in Chinese ------------------------------------------------


@pytest.mark.parametrize("name", ["EFBIG", "EROFS", "EDQUOT", "ENOSPC", "EMFILE", "ENFILE", "ENAMETOOLONG", "ELOOP", "EISDIR",
                                  "ENOTDIR", "EXDEV", "ETXTBSY", "EBUSY", "EACCES", "EPERM", "EIO", "ESTALE"])
def test_common_errors_of_the_system_are_said_in_chinese(name):
    import errno
    import re

    from gkcli.errors import os_reason

    code = getattr(errno, name)
    why = os_reason(OSError(code, os.strerror(code), "x.yaml"))
    assert re.search(r"[\u4e00-\u9fff]", why) and os.strerror(code) not in why, why


def test_an_error_without_a_chinese_wording_is_still_said_in_chinese():
    from gkcli.errors import os_reason

    assert os_reason(OSError(12345, "Weird thing")) == "系统错误（Weird thing）"


def test_a_read_only_file_system_is_said_so_not_no_permission(tmp_path, monkeypatch):
    """On a read-only mount os.access says no, as for a file made read-only: the file system's
    flag tells which, so that nobody looks for a permission to change."""
    import errno

    from gkcli.errors import os_reason

    f = tmp_path / "县财政局.yaml"
    f.write_bytes(b"old\n")
    real = os.statvfs

    class ReadOnly:
        def __init__(self, st):
            self.st = st

        def __getattr__(self, name):
            return os.ST_RDONLY | self.st.f_flag if name == "f_flag" else getattr(self.st, name)

    monkeypatch.setattr(atomic.os, "statvfs", lambda p: ReadOnly(real(p)))
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: str(p) != str(f))
    with pytest.raises(OSError) as e:
        atomic.replace(f, b"new\n")
    assert e.value.errno == errno.EROFS and e.value.filename == str(f) and os_reason(e.value) == "文件系统是只读的，未能写入"
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: False)
    with pytest.raises(OSError) as e:
        atomic.replace(tmp_path / "新文件.yaml", b"new\n")  # the folder's refusal
    assert e.value.errno == errno.EROFS and e.value.filename == str(tmp_path) and f.read_bytes() == b"old\n"
    monkeypatch.setattr(atomic.os, "statvfs", real)  # a file made read-only (chmod 444) is still 没有权限
    with pytest.raises(PermissionError):
        atomic.replace(f, b"new\n")


def _read_only_mount_works() -> bool:
    import shutil

    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    p = subprocess.run(["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
                       capture_output=True, timeout=30)
    return p.returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(), reason="no user namespace to mount a folder read-only in")
def test_progress_add_on_a_read_only_mount_says_the_file_system_is_read_only(tmp_path):
    root = tmp_path / "r"
    (root / "data/units").mkdir(parents=True)
    (root / "data/tasks").mkdir()
    (root / "data/units/u.yaml").write_text("units:\n  - {name: 县财政局, kind: department}\n", encoding="utf-8")
    (root / "data/tasks/t.yaml").write_text("plan: {id: t, title: 方案}\ntasks:\n  - {id: t-01, title: 任务, units: [县财政局], deadline: 长期}\n",
                                            encoding="utf-8")
    gk = f"{sys.executable} -m gkcli.cli progress add t-01 -u 县财政局 -s done"
    cmd = ["unshare", "-rm", "sh", "-c", f"mount --bind {root} {root} && mount -o remount,bind,ro {root} && exec {gk}"]
    env = {**os.environ, "NO_COLOR": "1", "GK_TODAY": "2023-09-20", "GK_NO_CACHE": "1"}
    p = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "文件系统是只读的" in p.stderr and "没有权限" not in p.stderr, p.stderr
    assert not (root / "data/progress").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_the_target_is_refused_not_waited_on(make_repo):
    """`gk progress add` onto a FIFO called 县财政局.yaml read it forever, holding the quarter
    folder's lock (every other writer of that quarter waited 60 s, then failed)."""
    from conftest import run_gk

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
                      "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n"
                                           "  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-12-31}\n"})
    (root / "data/progress/2023Q3").mkdir(parents=True)
    os.mkfifo(root / "data/progress/2023Q3/县财政局.yaml")
    p = run_gk("progress", "add", "t2023-01", "-u", "县财政局", "-s", "done", "-n", "已公开", cwd=root, env={"GK_TODAY": "2023-09-20"})
    assert p.returncode == 2 and "不是普通文件" in p.stderr, p.stderr
    assert stat.S_ISFIFO(os.lstat(root / "data/progress/2023Q3/县财政局.yaml").st_mode)


def test_force_onto_a_fifo_writes_into_it_and_keeps_no_backup(tmp_path):
    """An output the user named may be a FIFO (written into, as without --force): --force must not read it first."""
    import threading

    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert atomic.write_output(fifo, b"data", force=True) is None
    reader.join(10)
    assert got == [b"data"] and sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_a_save_while_the_file_is_read_again_is_seen(tmp_path, monkeypatch):
    """The last check read the whole file again (milliseconds for a big one): an editor's save landing
    during that read, after its bytes were taken, was overwritten (a tester: 1 in 25 on 1.2 MB)."""
    path = tmp_path / "县财政局.yaml"
    path.write_bytes(b"old\n")
    real = atomic.read_bytes

    def read_then_saved(p):
        got = real(p)
        with open(p, "ab") as f:  # the editor saves just after gk's bytes were read
            f.write(b"typed by hand\n")
        return got

    monkeypatch.setattr(atomic, "read_bytes", read_then_saved)
    with pytest.raises(atomic.Changed):
        atomic.replace(path, b"new\n", expect=b"old\n")
    assert path.read_bytes() == b"old\ntyped by hand\n"


def test_a_folder_in_the_targets_place_is_said_by_its_name_not_gks_temp_file(tmp_path):
    """`gk schema -o dir` with dir/units.schema.json a folder: the error named .units.schema.json.jqrvi1hs.tmp."""
    (tmp_path / "units.schema.json").mkdir()
    with pytest.raises(GkError) as e:
        atomic.replace(tmp_path / "units.schema.json", b"{}", output=True)
    assert "units.schema.json 是一个目录" in e.value.message and ".tmp" not in e.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["units.schema.json"]


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="the holder is read from /proc/locks (Linux)")
def test_a_lock_held_too_long_names_the_process_holding_it(tmp_path):
    # a writer stopped at an interactive prompt held the quarter's lock: the one that gives
    # up says which process to look at, not only "another gk process"
    folder = tmp_path / "2024Q3"
    folder.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         "fd = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "print('held', flush=True); time.sleep(60)", str(folder)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(GkError) as e:
            with atomic.locked(folder, timeout=0.2):
                pass
        assert f"进程 {holder.pid}：" in e.value.message and "-c import fcntl, os" in e.value.message
    finally:
        holder.kill()
        holder.wait()
    with atomic.locked(folder, timeout=0.2):  # free again once it is gone
        pass
