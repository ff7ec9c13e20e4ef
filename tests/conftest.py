"""Shared fixtures: a temporary data repo written from a dict, optionally a git repo."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT  # the project's own data/ is the built-in 宣汉县 example


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args],
                          cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def make_repo(tmp_path):
    """make_repo({"data/units/u.yaml": "...", ...}, git=False) → the repo's root."""

    def make(files: dict[str, str | bytes], git_init: bool = False) -> Path:
        root = tmp_path / "repo"
        root.mkdir(exist_ok=True)
        if "gk.toml" not in files:
            files = {"gk.toml": 'county = "测试县"\n', **files}
        write_tree(root, files)
        if git_init:
            git(root, "init", "-q")
            git(root, "add", "-A")
            git(root, "commit", "-qm", "data")
        return root

    return make


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    """A developer's settings must not steer tests."""
    monkeypatch.delenv("GK_DATA", raising=False)
    monkeypatch.delenv("GK_TODAY", raising=False)


def run_gk(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (`python -m gkcli.cli`) as a user would."""
    import sys

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "gkcli.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=120)


@pytest.fixture
def gk():
    """gk("status", "--format", "json", cwd=root) → CompletedProcess."""
    return run_gk


def run_on_terminal(*args: str, cwd: Path | None = None, env: dict | None = None, columns: int = 80) -> tuple[int, str, str]:
    """Run gk with its standard output on a terminal (a pseudo-terminal `columns` wide), as a person
    at a desk sees it: (exit code, what the terminal showed, stderr)."""
    import fcntl
    import pty
    import struct
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns)}
    full_env.pop("NO_COLOR", None)  # colour as on a desk, unless `env` says NO_COLOR
    full_env.update(env or {})
    p = subprocess.Popen([sys.executable, "-m", "gkcli.cli", *args], cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                         stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    shown = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program ended and closed the terminal
            break
        if not chunk:
            break
        shown.append(chunk)
    os.close(master)
    err = p.stderr.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    p.wait(120)
    return p.returncode, b"".join(shown).decode("utf-8", "replace").replace("\r\n", "\n"), err
