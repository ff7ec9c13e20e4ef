"""What a run imports: the everyday commands stay clear of pydantic (≈ 0.1 s a run,
more than a cold `gk status` spends on a county's data; docs/decisions.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = """
import sys
from gkcli import cli
sys.argv = ["gk", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
mods = [m for m in ("pydantic", "rich", "jinja2", "ruamel", "yaml", "pickle") if m in sys.modules]
mods += sorted(m for m in sys.modules if m.startswith("gkcli.commands.") and m != "gkcli.commands.common")
print("\\nIMPORTED:", " ".join(mods), file=sys.stderr)
"""


def imported(*args: str, cwd: Path = ROOT) -> set[str]:
    p = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=cwd,
                       env={"PATH": "/usr/bin:/bin", "GK_TODAY": "2023-10-15", "GK_NO_CACHE": "1",
                            "PYTHONPATH": str(ROOT / "src")})  # this checkout's gk, not whichever one is installed
    line = [ln for ln in p.stderr.splitlines() if ln.startswith("IMPORTED:")]
    assert line, p.stderr
    return set(line[-1].split()[1:])


@pytest.mark.parametrize("args", [("status",), ("status", "--format", "json", "--by", "unit"), ("lint",), ("--help",)])
def test_everyday_commands_do_not_import_pydantic(args):
    assert "pydantic" not in imported(*args)


@pytest.mark.parametrize("command", ["status", "lint"])
def test_plain_data_is_read_without_libyaml(command):
    """Every built-in file takes the fast path, and lint finds nothing to locate: libyaml
    (PyYAML) is not even imported. A file the guards send the exact way shows here."""
    assert "yaml" not in imported(command)


ALL = {"gkcli.commands." + n for n in ("status", "lint", "report", "progress", "init", "import_", "export", "schema")}


@pytest.mark.parametrize("args, commands", [
    (("status",), {"gkcli.commands.status"}),
    (("--data", ".", "lint", "--select", "GK2"), {"gkcli.commands.lint"}),
    (("progress", "add", "--help"), {"gkcli.commands.progress"}),
    (("--help",), ALL),
    (("stauts",), ALL),
])
def test_a_run_builds_only_the_command_it_names(args, commands):
    """Building every command's options costs a run ~6 ms; help and typos still see them all."""
    assert {m for m in imported(*args) if m.startswith("gkcli.commands.")} == commands


@pytest.mark.parametrize("command", ["status", "lint"])
def test_the_editors_schemas_are_checked_without_pydantic(tmp_path, command):
    """gk lint and gk status look at .gk/schema (a few hundred bytes of each file) and make the
    schemas anew only when another gk wrote them: this gk's cost the run nothing more."""
    import shutil

    from gkcli.write import schema as sc

    root = tmp_path / "r"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "gk.toml", root / "gk.toml")
    (root / ".gk" / "schema").mkdir(parents=True)
    for kind in sc.kinds():
        (root / ".gk" / "schema" / sc.filename(kind)).write_text(sc.dumps(sc.generate(kind)), encoding="utf-8")
    assert "pydantic" not in imported(command, cwd=root)
    (root / ".gk" / "schema" / "units.schema.json").write_text("{}", encoding="utf-8")  # another gk's
    imported(command, cwd=root)
    assert (root / ".gk" / "schema" / "units.schema.json").read_text(encoding="utf-8") == sc.dumps(sc.generate("units"))


def test_help_imports_nothing_a_command_needs():
    """gk --help is measured against `import typer` (issue 7: ≤ 1.5×, 1.42–1.49× on this VM): the cache's pickle
    (≈ 2 ms) and the heavy libraries wait for a command that reads files."""
    assert not imported("--help") & {"pickle", "pydantic", "rich", "jinja2", "ruamel", "yaml"}


def test_ctrl_c_while_gk_starts_is_quiet():
    """Ctrl-C in the ≈ 0.05 s gk spends importing its modules printed a traceback of importlib
    (a tester found it in 11 of 20 early interrupts): now exit 130 and nothing else."""
    script = (
        "import builtins, os, signal, sys\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'typer':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "sys.argv = ['gk', 'status']\n"
        "from gkcli.cli import main\n"
        "main()\n"
    )
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
    assert p.returncode == 130 and "Traceback" not in p.stderr, (p.returncode, p.stderr)


def test_python_dash_m_gkcli_is_gk():
    """`python -m gkcli` (no gk script on PATH) runs gk, and says gk in its usage hints — also under LC_ALL=C,
    where gk runs itself again in UTF-8 mode (it ran `python -X utf8 gk`, a file that is not there)."""
    import os

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    r = subprocess.run([sys.executable, "-m", "gkcli", "--data", str(root), "status", "--as-of", "2023-10-15", "-u", "县财政局", "-f", "json"],
                       capture_output=True, env=env, cwd=root)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert "县财政局".encode() in r.stdout
    r = subprocess.run([sys.executable, "-m", "gkcli", "lint", "-x"], capture_output=True, text=True, encoding="utf-8", cwd=root)
    assert r.returncode == 2 and "运行 gk lint -h 查看用法" in r.stderr, r.stderr
