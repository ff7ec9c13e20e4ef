"""Every help page ends with a 示例 section of real command lines (as ruff's and git's do):
shown as written (never rewrapped), accepted by the command's own parser, and — where they
need no input file of the user's — run as they stand on a copy of the built-in data."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_gk

PAGES = [[], ["status"], ["lint"], ["report"], ["export"], ["import"], ["progress"], ["progress", "add"], ["init"], ["schema"]]


def examples(cmd: list[str], columns: int = 80) -> list[str]:
    p = run_gk(*cmd, "--help", env={"COLUMNS": str(columns)})
    assert p.returncode == 0, p.stderr
    head, sep, tail = p.stdout.rpartition("\n示例：\n")
    assert sep, f"gk {' '.join(cmd)} --help has no 示例 section:\n{p.stdout}"
    assert "选项：" in head  # after the options, at the end
    return tail.splitlines()


@pytest.mark.parametrize("cmd", PAGES, ids=lambda c: " ".join(c) or "gk")
def test_every_help_page_ends_with_examples(cmd):
    lines = examples(cmd)
    commands = [ln for ln in lines if not ln.lstrip().startswith("#")]
    assert 2 <= len(commands) <= 4, lines
    assert all(ln.startswith("  gk ") for ln in commands), lines
    if cmd and cmd != ["progress"]:  # a command's examples are of that command
        assert all(ln.startswith(f"  gk {' '.join(cmd)}") or ln.startswith("  gk progress add") for ln in commands), lines


@pytest.mark.parametrize("cmd", [["status"], ["export"], ["progress", "add"]], ids=" ".join)
def test_examples_are_never_rewrapped(cmd):
    """An example is one line whatever the width: a narrow terminal moves a comment to its own line,
    and never breaks the command (a broken command line cannot be copied)."""
    wide = [ln.partition("  # ")[0].rstrip() for ln in examples(cmd, 200)]
    narrow = [ln.rstrip() for ln in examples(cmd, 50) if not ln.lstrip().startswith("# ")]
    assert narrow == wide
    assert any(ln.lstrip().startswith("# ") for ln in examples(["status"], 50))  # its comment, below it


PARSE = r"""
import json, shlex, sys
sys.argv = ["gk", "--help"]  # (cli builds every command when the command line names none)
from gkcli import cli
import typer.main

def parse(cmd, name, args, parent=None):
    ctx = cmd.make_context(name, args, parent=parent)  # parses and converts every option, runs nothing
    if hasattr(cmd, "resolve_command"):
        sub_name, sub, rest = cmd.resolve_command(ctx, ctx._protected_args + ctx.args)
        parse(sub, sub_name, rest, ctx)

bad = []
for line in json.loads(sys.stdin.read()):
    args = shlex.split(line)[1:]
    if args[:1] == ["help"]:  # gk help status: cli.main shows that command's help
        args = args[1:]
    try:
        parse(typer.main.get_command(cli.app), "gk", args)
    except Exception as e:
        bad.append(f"{line}: {type(e).__name__}: {e.format_message() if hasattr(e, 'format_message') else e}")
print(json.dumps(bad, ensure_ascii=False))
"""


def all_examples() -> list[str]:
    out = []
    for cmd in PAGES:
        out += [ln.partition("  # ")[0].strip() for ln in examples(cmd) if ln.strip().startswith("gk ")]
    return out


def test_every_example_is_accepted_by_its_commands_parser():
    lines = all_examples()
    assert len(lines) >= 25
    p = subprocess.run([sys.executable, "-c", PARSE], input=json.dumps(lines), capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == []


def test_the_examples_run_on_the_built_in_data(tmp_path):
    """Those that need no file of the user's (a 任务分解表 to import) run as they stand."""
    repo = tmp_path / "宣汉县"
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy(ROOT / "gk.toml", repo / "gk.toml")
    env = {"GK_TODAY": "2024-01-15", "GK_NO_CACHE": "1"}
    ran = 0
    for line in all_examples():
        args = shlex.split(line)[1:]
        if args[0] == "import" or args == ["progress", "add"]:  # a file of the user's / a person at a terminal
            continue
        where = repo
        if args[0] == "init":
            where = tmp_path / f"new{ran}"
            where.mkdir()
        r = run_gk(*args, cwd=where, env=env)
        ok = {0, 1} if "--fail-on" in args else {0}
        assert r.returncode in ok, (line, r.stdout[-500:], r.stderr)
        ran += 1
    assert ran >= 18
    assert (repo / "台账.xlsx").exists() and (repo / "两局台账.xlsx").exists()
