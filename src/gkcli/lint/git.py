"""What a pull request changes: the files changed since a git revision.

`changes_since(root, rev)` → {repo-relative path: "A" | "M" | "D"}: the working
tree (committed, staged or not) against REV, plus untracked files, limited to
the data repo's folder (which may be a sub-folder of the git repository).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ..errors import GkError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=false", *args],
            cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
        )
    except FileNotFoundError:
        raise GkError("找不到 git 命令：--base 与 --staged 都要用 git 比较改动", "安装 git 后重试；或去掉 --base / --staged，检查整个数据仓库") from None
    except subprocess.TimeoutExpired:
        raise GkError("git 长时间没有响应", "") from None


def _work_tree(root: Path, option: str, hint: str) -> None:
    """A GkError unless `root` is in a git work tree git will read."""
    got = _git(root, "rev-parse", "--is-inside-work-tree")
    if got.returncode == 0:
        return
    # a repository owned by another user (a CI container, a mounted folder): git refuses it, and
    # says how to trust it (the command is not translated, whatever git's language)
    trust = re.search(r"safe\.directory (.+)$", got.stderr, re.M)
    if trust:
        reason = got.stderr.strip().splitlines()[0].removeprefix("fatal: ")
        raise GkError(f"git 拒绝读取 {root} 所在的仓库，无法使用 {option}：{reason}",
                      f"该仓库属于另一个用户（常见于 CI 容器或挂载的目录）；确认可信后运行 git config --global --add safe.directory {trust[1].strip()}")
    raise GkError(f"{root} 不在 git 仓库中，无法使用 {option}", hint)


def _verify(root: Path, rev: str) -> str:
    """`rev`'s commit id; a GkError when there is no git repository or no such revision."""
    _work_tree(root, "--base", "在数据仓库的 git 工作目录中运行，或去掉 --base")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") if not rev.startswith("-") else None
    if commit is None or commit.returncode != 0:
        if _shallow(root):  # fetching the base into a shallow clone gives no fork point either (fork_point)
            raise GkError(f"找不到 git 版本“{rev}”", f"当前是浅克隆（git 历史不完整）。{_UNSHALLOW}；再用 --base origin/main 或提交号")
        raise GkError(
            f"找不到 git 版本“{rev}”",
            "在 CI 中先取得基准分支（如 git fetch origin main:refs/remotes/origin/main），再用 --base origin/main；或写提交号",
        )
    return commit.stdout.strip()


_UNSHALLOW = ("取得完整的 git 历史：GitHub 的 actions/checkout 写 fetch-depth: 0，GitLab 写 GIT_DEPTH: 0，"
              "或先运行 git fetch --unshallow origin")


def _shallow(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"


def changes_since(root: Path, rev: str) -> dict[str, str]:
    """What the working tree changes since `rev` (a pull request): path → A/M/D, new files not added yet too."""
    _verify(root, rev)
    out = _changed(root, rev)
    for path in _git(root, "ls-files", "-z", "--others", "--exclude-standard").stdout.split("\0"):
        if path:
            out[path] = "A"
    return out


def _changed(root: Path, rev: str, *how: str) -> dict[str, str]:
    """`git diff --name-status` since `rev` (with `how`, e.g. --cached): path → A, D or M (any other change)."""
    diff = _git(root, "diff", *how, "--name-status", "--no-renames", "-z", "--relative", rev, "--")
    if diff.returncode != 0:
        raise GkError(f"git diff 失败：{diff.stderr.strip()}", "")
    parts = diff.stdout.split("\0")
    out = {parts[i + 1]: ("A" if parts[i][0] == "A" else "D" if parts[i][0] == "D" else "M")
           for i in range(0, len(parts) - 1, 2) if parts[i]}
    if "M" in out.values():  # a mode alone changed (chmod +x, a Windows checkout): the data is as it was (GK407)
        counts = _git(root, "diff", *how, "--numstat", "--no-renames", "-z", "--relative", rev, "--")
        for row in counts.stdout.split("\0"):
            added, _, rest = row.partition("\t")
            deleted, _, path = rest.partition("\t")
            if (added, deleted) == ("0", "0") and out.get(path) == "M":
                del out[path]
    return out


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: what a first commit starts from


def head_or_empty(root: Path) -> str:
    """HEAD's commit, or the empty tree before the first commit (a pre-commit hook's base)."""
    _work_tree(root, "--staged", "先运行 git init，或去掉 --staged")
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return head.stdout.strip() if head.returncode == 0 else EMPTY_TREE


def export_index(root: Path, dest: Path) -> Path:
    """Write the index (what the next commit holds) into `dest`; the data repo's folder there.
    Files not added (drafts) and unstaged edits are no part of it."""
    top = _git(root, "rev-parse", "--show-toplevel").stdout.strip()
    prefix = _prefix(root)
    got = _git(Path(top), "checkout-index", "--all", "--force", f"--prefix={dest}{os.sep}")
    if got.returncode != 0:
        raise GkError(f"无法读取 git 暂存区：{got.stderr.strip()}", "")
    here = dest / prefix if prefix else dest
    here.mkdir(parents=True, exist_ok=True)
    return here


def staged_changes(root: Path, rev: str) -> dict[str, str]:
    """What the next commit changes since `rev` (the index, as a pre-commit hook sees it): path → A/M/D.
    Files not added (drafts) are no part of it."""
    return _changed(root, rev, "--cached")


def first_changed_lines(root: Path, rev: str, paths: list[str], cached: bool = False) -> dict[str, int]:
    """path → the first line the working tree (with `cached`, the index) changed since `rev`
    (where a pull request's annotation belongs); files git shows no hunk for are left out."""
    if not paths:
        return {}
    diff = _git(root, "diff", *(["--cached"] if cached else []), "-U0", "--no-renames", "--no-color", "--relative", rev, "--", *paths)
    out: dict[str, int] = {}
    path = None
    for line in diff.stdout.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@") and path is not None and path not in out:
            m = re.match(r"@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", line)
            if m:  # a pure deletion: the line after it, or the last line when it took the file's end
                out[path] = max(1, int(m[1]) + (1 if m[2] == "0" else 0))
    for path, line in list(out.items()):
        try:
            with open(root / path, "rb") as f:
                text = f.read()
            lines = max(1, text.count(b"\n") + (0 if text.endswith(b"\n") else 1))  # a last line without its newline counts
        except OSError:
            continue
        out[path] = min(line, lines)
    return out


def line_ends_only(root: Path, rev: str, paths: list[str], cached: bool = False) -> set[str]:
    """Of `paths` (changed since `rev`), those whose only change is their line ends (LF saved as CRLF
    by an editor, or back): git shows them no difference when a CR at a line's end is ignored."""
    if not paths:
        return set()
    diff = _git(root, "diff", *(["--cached"] if cached else []), "--ignore-cr-at-eol", "-U0", "--no-renames", "--no-color",
                "--relative", rev, "--", *paths)
    still, path = set(), None  # the files with a hunk left (--name-only would list every changed file still)
    for line in diff.stdout.splitlines():
        if line.startswith("+++ ") or line.startswith("--- "):
            path = line[6:] if line[4:6] in ("b/", "a/") else path
        elif line.startswith("@@") and path is not None:
            still.add(path)
    # Notepad saves a BOM too: a file whose bytes differ only by it (and line ends) is as unchanged
    same = [p for p in still if p in paths]
    if same:
        prefix = _prefix(root)
        same = [p for p in same if _saved_as(root, f"{rev}:{prefix}{p}", f":{prefix}{p}" if cached else None, root / p)]
    return {p for p in paths if p not in still or p in same}


def _saved_as(root: Path, before: str, index: str | None, now: Path) -> bool:
    """Do the blob `before` and the file now (the blob `index`, when the index is linted) differ only by a
    leading UTF-8 BOM and line ends?"""
    def bare(b: bytes) -> bytes:
        return (b[3:] if b.startswith(b"\xef\xbb\xbf") else b).replace(b"\r\n", b"\n")

    old = _blob(root, before)
    try:
        new = _blob(root, index) if index is not None else now.read_bytes()
    except OSError:
        return False
    return old is not None and new is not None and bare(old) == bare(new)


def _prefix(root: Path) -> str:
    """Where `root` lies in its git work tree (data paths at a revision are the work tree's)."""
    return _git(root, "rev-parse", "--show-prefix").stdout.strip()


def _blob(root: Path, spec: str) -> bytes | None:
    """The bytes of the blob `spec` (REV:path, or :path for the index); None when git has no such file, or fails."""
    try:
        shown = subprocess.run(["git", "cat-file", "blob", spec], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return shown.stdout if shown.returncode == 0 else None


def entries_at(root: Path, rev: str, paths: list[str]) -> dict[str, list[dict]]:
    """path → the progress entries the file held at `rev` (GK411 compares them with the file now);
    a file git cannot show there, or that does not read as a progress file, is left out."""
    from .. import yamlio

    out: dict[str, list[dict]] = {}
    if not paths:
        return out
    prefix = _prefix(root)
    for path in paths:
        if (raw := _blob(root, f"{rev}:{prefix}{path}")) is None:
            continue
        doc, _ = yamlio.read(raw)
        entries = doc.data.get("entries") if doc is not None and isinstance(doc.data, dict) else None
        if isinstance(entries, list):
            out[path] = [e for e in entries if isinstance(e, dict)]
    return out


def head_commit(root: Path) -> str | None:
    """HEAD's commit, or None when `root` is in no git work tree or nothing is committed yet
    (then no file of it is history git holds). Never an error: `gk lint --fix` asks it quietly."""
    try:
        got = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GkError:  # no git command
        return None
    return got.stdout.strip() if got.returncode == 0 and got.stdout.strip() else None


def data_at(root: Path, rev: str, paths: list[str]) -> dict[str, object]:
    """path → the file's data as `rev` holds it (what `yamlio` reads), or None when `rev` has no
    such file; a file git shows but that does not read is left out (nothing of it can be told apart)."""
    from .. import yamlio

    out: dict[str, object] = {}
    if not paths:
        return out
    prefix = _prefix(root)
    for path in paths:
        if (raw := _blob(root, f"{rev}:{prefix}{path}")) is None:
            out[path] = None
            continue
        doc, _ = yamlio.read(raw)
        if doc is not None:
            out[path] = doc.data
    return out


def default_base(root: Path) -> str | None:
    """The branch a pull request of this repo most likely goes into, as --base takes it: origin's
    default branch (origin/main), else a local main or master that is not the branch checked out."""
    got = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if got.returncode == 0 and got.stdout.strip():
        return got.stdout.strip()
    here = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    for name in ("main", "master"):
        if name != here and _git(root, "rev-parse", "--verify", "--quiet", f"refs/heads/{name}").returncode == 0:
            return name
    return None


def base_lacks(root: Path, rel: str) -> bool:
    """Does the branch a pull request goes into (default_base) plainly lack the file `rel`: a file this
    branch added, which --base takes as new (no GK407)? False whenever git cannot tell."""
    try:
        base = default_base(root)
        if base is None:
            return False
        prefix = _prefix(root)
        shown = _git(root, "cat-file", "-e", f"{base}:{prefix}{rel}")
    except GkError:  # no git command
        return False
    return shown.returncode != 0


def fork_point(root: Path, rev: str) -> tuple[str, bool]:
    """Where this branch left `rev`: a pull request is what it changed since then (as
    `git diff REV...HEAD`, GitHub's "Files changed" and pre-commit's --from-ref), not what
    the base branch did since. And whether that point is an older commit than `rev`'s own
    (the base went on since). A GkError when git cannot tell: comparing with `rev`'s tip
    instead would call every file the base added since a deletion by the branch (GK407)."""
    commit = _verify(root, rev)
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode != 0:
        return rev, False  # no commit yet on this branch: what is there is all new
    mb = _git(root, "merge-base", rev, "HEAD")
    point = mb.stdout.strip() if mb.returncode == 0 else ""
    if point:
        return point, point != commit
    if _shallow(root):
        raise GkError(f"找不到本分支与 {rev} 的分叉点：这是浅克隆，git 历史不够深", _UNSHALLOW)
    if mb.returncode == 1:
        raise GkError(f"本分支与 {rev} 没有共同的 git 历史，无法确定改动了哪些文件", "检查 --base 的值：应为合并请求的目标分支或其提交")
    raise GkError(f"git merge-base 失败：{mb.stderr.strip()}", "")


def setting_at(root: Path, rev: str, key: str) -> object:
    """A gk.toml setting as it was at `rev` (None: no file, no such key, or unreadable)."""
    import tomllib

    prefix = _prefix(root)
    shown = _git(root, "show", f"{rev}:{prefix}gk.toml")
    if shown.returncode != 0:
        return None
    from ..settings import parse_text

    try:
        return parse_text(shown.stdout).get(key)  # as gk.toml itself is read (BOM, extend-select)
    except tomllib.TOMLDecodeError:
        return None


def export_at(root: Path, rev: str, dest: Path) -> bool:
    """Write the data repo's files as they were at `rev` into `dest` (what a pull request
    starts from). False when git cannot (the data repo's folder did not exist at `rev`)."""
    import io
    import tarfile

    prefix = _prefix(root)
    top = _git(root, "rev-parse", "--show-toplevel").stdout.strip()
    try:  # from the top: in a subfolder, git archive narrows `rev:prefix` to that folder again and fails
        tar = subprocess.run(["git", "archive", "--format=tar", f"{rev}:{prefix}"], cwd=top or root, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    if tar.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as t:
        # only the data and settings, as plain files (a link in the archive is not followed or made)
        members = [m for m in t.getmembers() if (m.isfile() or m.isdir()) and (m.name == "gk.toml" or m.name.startswith("data/"))]
        t.extractall(dest, members=members, filter="data")
    return True
