"""Where a report's figures come from: the data's git commit, the as-of date, gk's version."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

# what a report is made from: changes to anything else (code, docs) do not make the data dirty
DATA_PATHS = ("data", "templates", "gk.toml")


@dataclass(frozen=True)
class Provenance:
    commit: str | None  # short hash (≥ 7 hex digits), None when not a git repo
    dirty: bool  # uncommitted changes under data/, templates/ or gk.toml
    version: str  # gk's version
    made_on: dt.date | None = None  # the day the report was made (None in golden tests)
    note: str = ""  # why there is no commit, when there is none
    untrusted: bool = False  # git refused the repo (another user's: safe.directory): said on stderr too

    @property
    def commit_label(self) -> str:
        if self.commit is None:
            return self.note or "非 git 仓库"
        return f"{self.commit}（含未提交的修改）" if self.dirty else self.commit


def _run(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True, encoding="utf-8", errors="replace",  # (git says a path as its bytes: under GB18030 not UTF-8)
            timeout=20,
            env=_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _git(root: Path, *args: str) -> str | None:
    p = _run(root, *args)
    return p.stdout if p is not None and p.returncode == 0 else None


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    env["GIT_OPTIONAL_LOCKS"] = "0"  # a report must not take git's index lock
    return env


def of(root: Path, version: str, made_on: dt.date | None = None) -> Provenance:
    """The provenance of a data repo at `root` (git is asked, never required)."""
    head = _git(root, "rev-parse", "--short=10", "HEAD")
    if head is None:
        inside = _run(root, "rev-parse", "--is-inside-work-tree")
        if inside is not None and "safe.directory" in inside.stderr:
            # a repository of another user (a CI container, a mounted folder): git refuses to read it, which
            # is not "no git repository" (the commit the figures are from exists, unread)
            return Provenance(None, False, version, made_on, "未能读取（git 拒绝读取属于另一用户的仓库）", untrusted=True)
        note = "git 仓库尚无提交" if inside is not None and inside.returncode == 0 and inside.stdout.strip() == "true" else "非 git 仓库"
        return Provenance(None, False, version, made_on, note)
    status = _git(root, "status", "--porcelain", "--untracked-files=normal", "--", *DATA_PATHS)
    return Provenance(head.strip(), bool(status and status.strip()), version, made_on)


UNTRUSTED_HINT = ("git 拒绝读取该仓库（它属于另一个用户，常见于 CI 容器或挂载的目录），报告中的数据版本写作“未能读取”；"
                  "确认可信后运行 git config --global --add safe.directory <仓库路径>")
