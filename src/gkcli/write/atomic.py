"""Safe writes: an exclusive lock, a temp file in the same folder, fsync, rename.

Every file gk writes goes through here, so a write is all or nothing: a process
killed at any moment leaves the old file or the new one, never half of each.

- `locked(folder)` holds an exclusive lock on a folder (fcntl.flock on the folder
  itself, so no lock file is left in the data repo) while a read-check-write runs;
  two `gk progress add` started at once take turns.
- `replace(path, data, expect=...)` writes `data` to a temp file beside `path`,
  fsyncs it, checks that `path` still holds the bytes the caller read (`expect`,
  `None` = must not exist) and renames the temp file over `path`.
- `create_free(names, data)` creates the first of `names` that is free (`expect=None`):
  two writers at once each get a name of their own (backups, 待核对（2）.yaml).

What is left: a data file that is a hard link stops being one (the rename puts a new
file in its place), and between the last re-read and the rename (microseconds) an
editor saving the same file is not seen (docs/writing.md).

For tests, `$GK_TEST_PAUSE_AFTER_TEMP` (seconds, or `wait:PATH`) makes `replace`
pause after the temp file is complete and before the rename, so a test can kill
it there, or change the file under it; with `$GK_TEST_PAUSE_NAME` (a file name
pattern) only a write of a file so named pauses.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GkError

LOCK_TIMEOUT = 60.0  # seconds a writer waits for another one before it gives up
_MISSING = object()


class Changed(GkError):
    """The file changed on disk between reading and replacing it."""


@contextlib.contextmanager
def locked(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (created when missing)."""
    make_folder(folder)
    try:
        import fcntl
    except ImportError:  # Windows: a lock file made with O_EXCL
        with _lockfile(folder / ".gk.lock", timeout):
            yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() > deadline:
                    who = _holder(fd)
                    raise GkError(
                        f"{folder} 正被另一个进程{who}写入，等待 {timeout:.0f} 秒后仍未结束",
                        "稍后重试；若它已停住（例如在等待输入），先结束它",
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """Which process holds the flock on `fd`'s folder, as "（进程 123：gk progress add …）",
    read from /proc/locks (Linux); "" where that cannot be told."""
    try:
        st = os.fstat(fd)
        key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            pids = [w[4] for w in (line.split() for line in f) if len(w) > 5 and w[1] == "FLOCK" and w[5] == key]
        if not pids or pids[0] == str(os.getpid()):
            return ""
        with open(f"/proc/{pids[0]}/cmdline", "rb") as f:
            argv = [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except (OSError, ValueError, IndexError):
        return ""
    # `python …/bin/gk progress add` → `gk progress add`
    for i, a in enumerate(argv):
        if os.path.basename(a) == "gk":
            argv = ["gk", *argv[i + 1 :]]
            break
    cmd = " ".join(" ".join(argv).split())
    cmd = cmd if len(cmd) <= 60 else cmd[:59] + "…"
    return f"（进程 {pids[0]}：{cmd}）" if cmd else f"（进程 {pids[0]}）"


@contextlib.contextmanager
def _lockfile(path: Path, timeout: float) -> Iterator[None]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise GkError(f"{path.parent} 正被另一个 gk 进程写入（锁文件 {path.name}）", f"若确认没有 gk 在运行，删除 {path} 后重试") from None
            time.sleep(0.05)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def confine(root: Path, path: Path) -> None:
    """Refuse a write into the data repo `root` that would land outside it: a folder on
    the way (data/, data/progress/…) may be a symlink a pull request planted."""
    from ..repo import inside

    if not inside(root, path.parent):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        raise GkError(f"{shown} 所在的目录经由符号链接指向数据仓库之外，未写入", "把该目录换成仓库中的普通目录")


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist. Anything but a regular file is refused
    before a byte is read: a FIFO named like the target hung the writer (holding the folder's
    lock, so every writer after it waited), a device like /dev/zero read until memory ran out."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise GkError(f"{path} 不是普通文件（设备、管道或目录），未写入", "删除它，或换成普通的 YAML 文件，再重新运行")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


def replace(path: Path, data: bytes, expect: bytes | None | object = _MISSING, output: bool = False) -> None:
    """Atomically make `path` hold `data`.

    With `expect` (bytes, or None for "must not exist"), refuse with `Changed` when
    the file on disk is no longer what the caller read. `output`: a file the user named
    (report -o, export -o, lint -o), written into a device or FIFO as it is, never through a
    link (_output_target); a data file that is a link is refused too."""
    if output:
        path = _output_target(path, data)
        if path is None:
            return
    folder = path.parent
    make_folder(folder)
    if os.path.isdir(path) and not os.path.islink(path):  # (the rename would fail naming gk's temp file)
        raise GkError(f"{path} 是一个目录，不是文件，未写入", "换一个文件名，或先删去（移走）该目录")
    if os.path.islink(path):  # replacing it would copy what it points at (maybe outside the repo) into the repo
        raise GkError(f"{path.name} 是符号链接，未写入", "把它换成普通文件（git 中的数据文件不应是链接）")
    if os.path.lexists(path) and _read_only(path):  # a read-only file (a closed quarter kept so) stays
        raise _refusal(path)
    clean_stale(path)  # what a writer killed here earlier left (SIGKILL: no cleanup ran)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:  # said of the file being written, not of a temp name nobody knows
        raise OSError(e.errno, e.strerror, str(path)) from None
    try:
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise OSError(e.errno, e.strerror, str(path)) from None
        _mode_like(path, tmp)
        _test_pause(path)
        # Read again, and stat it on both sides of that read and once more right before the rename:
        # an editor's save while a big file is read (milliseconds) is seen, not only one before it.
        seen = _stat_of(path) if expect is not _MISSING else None
        if expect is not _MISSING and (read_bytes(path) != expect or _stat_of(path) != seen):
            raise _changed_since_read(path)
        if expect is None:  # must not exist: a link fails if one was made after the check, a rename would not
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise Changed(f"{path.name} 刚被另一个进程创建，本次没有写入", "重新运行该命令") from None
            except OSError:  # no hard links here (some network or FAT file systems): the check above stands
                os.replace(tmp, path)
                tmp = ""
        else:
            if expect is not _MISSING and _stat_of(path) != seen:  # saved since the read: the last chance to see it
                raise _changed_since_read(path)
            os.replace(tmp, path)
            tmp = ""
        _fsync_dir(folder)
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _changed_since_read(path: Path) -> Changed:
    return Changed(f"{path.name} 在读取之后被修改过，本次没有写入", "可能有人同时编辑了该文件；重新运行该命令即可在最新内容上追加")


def _stat_of(path: Path) -> tuple | None:
    """What a save changes in a file's stat (None: no file there)."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _output_target(path: Path, data: bytes) -> Path | None:
    """Where an output the user named (-o) goes. A device, FIFO or socket (/dev/null, /dev/stdout, a named
    pipe) is written to as it is, never replaced by a file (as root, a rename over /dev/null replaced the
    device): then None, the bytes already written. A symbolic link is refused, unless it is the system's
    (/dev/stdout, /proc/self/fd/1): a pull request can commit gk-lint.xml as a link to .git/hooks/pre-commit
    or to a file outside the checkout, and CI writes its report to that name. So is a folder on a relative
    path that is a link (reports/ → .git/hooks), and any path into a .git folder."""
    import stat

    given = Path(path)
    if ".git" in Path(os.path.abspath(given)).parts:
        raise GkError(f"-o {path} 在 .git 目录中，未写入", "输出写到 .git 之外的文件")
    system = os.path.abspath(given).startswith(("/dev/", "/proc/"))
    if not given.is_absolute():  # the folders below the working directory, and the file: none a link
        cur = Path()
        for part in given.parts:
            cur = cur / part
            if part not in (".", "..") and os.path.islink(cur):
                raise GkError(f"-o {path}：{cur} 是符号链接（指向 {os.readlink(cur)}），未写入",
                              "输出写到普通的文件或目录（仓库中的链接可能是合并请求放进来的）；要写到链接指向的位置，直接写那个路径")
    elif os.path.islink(given) and not system:
        raise GkError(f"-o {path} 是符号链接（指向 {os.readlink(given)}），未写入", "要写到链接指向的文件，直接写那个路径")
    try:
        st = os.stat(given)  # (through a link of the system's)
    except OSError:
        st = None
    if st is not None and (not stat.S_ISREG(st.st_mode) or system) and not stat.S_ISDIR(st.st_mode):
        with open(given, "wb") as f:
            f.write(data)
        return None
    return given


def make_folder(folder: Path) -> None:
    """`folder` and the folders on the way, unless the nearest one that exists was made read-only
    (data/progress kept so): nothing new appears in it, root's writes included."""
    existing = folder
    while not os.path.isdir(existing) and existing.parent != existing:
        existing = existing.parent
    if _read_only(existing):
        raise _refusal(existing)
    folder.mkdir(parents=True, exist_ok=True)


def _read_only(path: Path) -> bool:
    """Not writable by us, or by nobody at all (chmod 444): root, as in CI containers, may write
    anything, but a file someone made read-only is meant to stay as it is."""
    try:
        return not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222
    except OSError:
        return False


def _refusal(path: Path) -> OSError:
    """Why a read-only path may not be written: a file system mounted read-only says so (EROFS:
    no chmod helps), a file or folder made read-only is EACCES."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    except (OSError, AttributeError):  # no statvfs (Windows)
        pass
    return OSError(errno.EACCES, "read-only", str(path))


def clean_stale(path: Path, age: float = 60.0) -> None:
    """Remove temp files a killed writer left beside `path` more than `age` seconds ago (every
    replace does: a live writer's temp file is seconds old, never a minute)."""
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > age:
                tmp.unlink()


def _test_pause(path: Path) -> None:
    """Test hook: `$GK_TEST_PAUSE_AFTER_TEMP` = seconds to sleep, or `wait:PATH` to wait
    (up to a minute) until PATH exists, between the finished temp file and the rename;
    `$GK_TEST_PAUSE_NAME`: only when the file written has a name that matches it."""
    pause = os.environ.get("GK_TEST_PAUSE_AFTER_TEMP", "")
    only = os.environ.get("GK_TEST_PAUSE_NAME", "")
    if only:
        import fnmatch

        if not fnmatch.fnmatchcase(path.name, only):
            return
    if pause.startswith("wait:"):
        go = Path(pause[5:])
        end = time.monotonic() + 60
        while not go.exists() and time.monotonic() < end:
            time.sleep(0.02)
    elif pause:
        time.sleep(float(pause))


def create(path: Path, data: bytes, force: bool = False) -> None:
    """Write a new file atomically; refuse when it exists unless `force`."""
    if not force and path.exists():
        raise GkError(f"{path} 已存在，未覆盖", "")
    try:
        replace(path, data, _MISSING if force else None)
    except Changed:
        raise GkError(f"{path} 刚被另一个进程创建，未覆盖", "") from None


def write_output(path: Path, data: bytes, force: bool = False, doing: str = "写入") -> Path | None:
    """Write a file the user named with -o (a 台账, a report) atomically; the backup of the file it
    replaced, if any.

    A file already there may hold what people added by hand (notes in a 台账, a paragraph typed
    into a report): it is never lost. Without `force` the write is a create (expect=None): a file
    that exists, or that another writer made meanwhile, is kept and `Changed` raised. With `force`,
    under the folder's lock, the old file is first copied to a name of its own beside it
    (<stem>.备份-<time><suffix>, so that it still opens: `dated_names`, never over another backup),
    then replaced only if it still holds the bytes copied: a save made after the copy is refused,
    not lost (Changed, its message saying where the copy is). `doing` names the work in a refusal."""
    if not force or not taken(path):  # (a device or FIFO is written into as it is: nothing to keep)
        try:
            replace(path, data, expect=None, output=True)
        except Changed:  # (the callers said before their work that it was not there)
            if force:
                raise
            raise Changed(f"{path} 已存在（{doing}期间刚被创建），未覆盖", exists_hint(path)) from None
        return None
    with locked(path.parent):
        old = read_bytes(path)
        backup = create_free(dated_names(path, "备份-"), old) if old is not None else None
        try:
            replace(path, data, expect=old, output=True)
        except Changed:
            kept = f"；改动前的内容已另存为 {backup}" if backup is not None else ""
            raise Changed(f"{path} 在{doing}期间{'刚被创建' if old is None else '被修改过'}，未覆盖{kept}",
                          "可能有人正在编辑或同时生成该文件；确认后重新运行该命令") from None
    return backup


def exists_hint(path: Path, other: str | None = None) -> str:
    """The hint of a refusal to overwrite `path`: --force (and where the old file goes), or `other`."""
    return (f"加 --force 覆盖（原文件先另存为 {path.stem}.备份-<时间>{path.suffix}），或用 -o 指定另一个文件"
            + (f"，如 -o {other}" if other else ""))


def taken(path: Path) -> bool:
    """Is there a file (or link) at `path` that an output would replace? A device or FIFO is written
    into as it is (_output_target), never replaced: not taken."""
    import stat

    try:
        mode = os.stat(path).st_mode
        return not stat.S_ISCHR(mode) and not stat.S_ISFIFO(mode)
    except OSError:
        return os.path.lexists(path)  # a dangling link: refused as a link by replace


def dated_names(target: Path, infix: str = "") -> Iterator[Path]:
    """Names for a backup of `target`, for create_free: <stem>.<infix><time><suffix>, then -2, -3, … in
    the same second (台账.备份-20240110-093000.xlsx; .gk/backup/xh2024.20240110-093000.yaml)."""
    import datetime as dt
    import itertools

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        yield target.with_name(f"{target.stem}.{infix}{stamp}{f'-{n}' if n > 1 else ''}{target.suffix}")


def create_free(names: Iterable[Path], data: bytes) -> Path:
    """Create the first of `names` that does not exist yet and return it; a name another writer
    takes meanwhile (expect=None refuses it) passes to the next. Nothing is ever overwritten."""
    for path in names:
        if os.path.lexists(path):
            continue
        try:
            replace(path, data, expect=None)
        except Changed:
            continue
        return path
    raise GkError("找不到可用的文件名，未写入", "")


def _mode_like(path: Path, tmp: str) -> None:
    """Keep an existing file's permissions and, where we may (root), its owner; a new file gets
    the usual 0644 (umask)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = st.st_mode & 0o7777
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):  # before chmod: chown clears set-uid bits
                os.chown(tmp, st.st_uid, st.st_gid)
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
