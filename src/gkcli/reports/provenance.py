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

    @property
    def commit_label(self) -> str:
        if self.commit is None:
            return self.note or "非 git 仓库"
        return f"{self.commit}（含未提交的修改）" if self.dirty else self.commit


def _git(root: Path, *args: str) -> str | None:
    try:
        p = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True, encoding="utf-8", errors="replace",  # (git says a path as its bytes: under GB18030 not UTF-8)
            timeout=20,
            env=_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return p.stdout if p.returncode == 0 else None


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
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        note = "git 仓库尚无提交" if inside and inside.strip() == "true" else "非 git 仓库"
        return Provenance(None, False, version, made_on, note)
    status = _git(root, "status", "--porcelain", "--untracked-files=normal", "--", *DATA_PATHS)
    return Provenance(head.strip(), bool(status and status.strip()), version, made_on)
