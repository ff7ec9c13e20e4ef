"""gk init: a new data repo that loads and lints clean, and never overwrites."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import run_gk
from gkcli import repo as repo_mod
from gkcli.commands import NAMES

FILES = [
    "gk.toml",
    "data/units/units.yaml",
    "data/tasks/example.yaml",
    "data/progress/.gitkeep",
    ".pre-commit-config.yaml",
    ".github/workflows/gk.yml",
    ".gitignore",
    ".vscode/settings.json",
]


def test_creates_a_working_repo(tmp_path):
    root = tmp_path / "县数据"
    r = run_gk("init", str(root), "--county", "某县")
    assert r.returncode == 0, r.stderr
    for rel in FILES:
        assert (root / rel).is_file(), rel
        assert rel in r.stdout
    assert (root / ".git").is_dir()
    loaded = repo_mod.load(root)
    assert loaded.findings == []
    assert loaded.settings.county == "某县" and loaded.settings.office == "某县人民政府办公室"
    assert [p.plan.id for p in loaded.plans] == ["example"]
    # every data file carries comments that explain it
    assert (root / "data/units/units.yaml").read_text(encoding="utf-8").startswith("# 责任单位")


def test_the_example_plan_shows_the_optional_dates_commented_out(tmp_path):
    """issued_on and ends_on are optional: shown as comments that work once the # is taken off."""
    import datetime as dt

    root = tmp_path / "r"
    assert run_gk("init", str(root), "--county", "某县").returncode == 0
    path = root / "data/tasks/example.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  # ends_on: 2024-12-31  # 可选：方案结束日期" in text
    path.write_text(text.replace("  # issued_on:", "  issued_on:").replace("  # ends_on:", "  ends_on:"), encoding="utf-8")
    loaded = repo_mod.load(root, cache=False)
    assert loaded.findings == []
    assert (loaded.plans[0].plan.issued_on, loaded.plans[0].plan.ends_on) == (dt.date(2024, 3, 1), dt.date(2024, 12, 31))


def test_the_example_units_show_an_ended_unit_commented_out(tmp_path):
    """unit.ends_on and unit.successor are optional: shown as comments that work once the # is taken off."""
    import datetime as dt

    root = tmp_path / "r"
    assert run_gk("init", str(root), "--county", "某县").returncode == 0
    path = root / "data/units/units.yaml"
    text = path.read_text(encoding="utf-8")
    assert "#     successor: 县财政局  # 可选：承接其工作的单位" in text
    head, units, rest = text.partition("units:\n")
    block, groups, tail = rest.partition("# 分组")
    path.write_text(head + units + block.replace("#   ", "  ") + groups + tail, encoding="utf-8")  # (the examples under units:)
    loaded = repo_mod.load(root, cache=False)
    assert loaded.findings == []
    ended = next(u for u in loaded.units if u.name == "县粮食局")
    assert (ended.ends_on, ended.successor) == (dt.date(2024, 3, 31), "县财政局")
    assert run_gk("lint", cwd=root).returncode == 0


def test_fresh_repo_lints_clean_and_shows_status(tmp_path):
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    r = run_gk("status", cwd=root)
    assert r.returncode == 0, r.stderr
    r = run_gk("lint", cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_commented_examples_work_once_uncommented(tmp_path):
    """The files say: remove the leading # of an example to use it. Done to every example line (those
    under units:, groups: and tasks:), the repo lints clean and the example task is read; the
    examples once sat above `units: []`, where uncommenting them was a syntax error."""
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    for rel in ("data/units/units.yaml", "data/tasks/example.yaml"):
        out, under = [], False
        for line in (root / rel).read_text(encoding="utf-8").splitlines():
            if under and line.startswith("#   "):
                line = line[1:]
            else:
                under = line in ("units:", "groups:", "tasks:")
            out.append(line)
        (root / rel).write_text("\n".join(out) + "\n", encoding="utf-8")
    r = run_gk("lint", cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_gk("status", "--format", "json", "--as-of", "2024-07-01", cwd=root)
    assert [(t["id"], t["lead"], t["status"]) for t in json.loads(r.stdout)["tasks"]] == [("example-01", "县财政局", "overdue")]


def test_git_shows_chinese_file_names_as_written(tmp_path):
    import subprocess

    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    (root / "data/progress/2024Q1").mkdir()
    (root / "data/progress/2024Q1/县财政局.yaml").write_text("x: 1\n", encoding="utf-8")
    r = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=root, capture_output=True, text=True)
    assert "data/progress/2024Q1/县财政局.yaml" in r.stdout, r.stdout


def test_refuses_an_existing_repo_and_changes_nothing(tmp_path):
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    (root / "gk.toml").write_text('county = "已改"\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git/" not in str(p)}
    r = run_gk("init", str(root))
    assert r.returncode == 2
    assert "已经是数据仓库" in r.stderr and "gk.toml" in r.stderr and "Traceback" not in r.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git/" not in str(p)}
    assert after == before


@pytest.mark.parametrize("existing", [".gitignore", "data/units/mine.yaml", ".pre-commit-config.yaml"])
def test_any_one_existing_file_is_enough_to_refuse(tmp_path, existing):
    root = tmp_path / "r"
    (root / existing).parent.mkdir(parents=True, exist_ok=True)
    (root / existing).write_text("x\n", encoding="utf-8")
    r = run_gk("init", str(root))
    assert r.returncode == 2
    assert not (root / "gk.toml").exists()


def test_init_in_the_current_directory_of_an_existing_git_repo(tmp_path):
    from conftest import git

    git(tmp_path, "init", "-q")
    r = run_gk("init", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "已是 git 仓库" in r.stdout
    assert (tmp_path / "gk.toml").is_file()


def test_hooks_and_ci_run_gk_lint(tmp_path):
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    pc = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in pc["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in hooks] == ["gk-lint"]
    if pc["repos"][0]["repo"] == "local":
        assert hooks[0]["entry"] == "gk lint" and hooks[0]["pass_filenames"] is False
    wf = yaml.safe_load((root / ".github/workflows/gk.yml").read_text(encoding="utf-8"))
    assert "pull_request" in wf[True]  # PyYAML reads the key `on` as True
    assert wf["jobs"]["lint"]["name"] == "gk lint"  # the check docs/ci.md tells to require in branch protection
    steps = {s.get("name"): s for s in wf["jobs"]["lint"]["steps"]}
    lint = steps["gk lint"]["run"]
    assert 'gk lint --format github --base "origin/$BASE"' in lint and "gk lint --format github\n" in lint  # PRs, and pushes
    assert steps["gk lint"]["env"]["BASE"] == "${{ github.base_ref }}"
    # gk is not on PyPI: never `pip install gkcli` (a name anybody could take); a source, or a variable to set
    install = steps["安装 gk"]["run"]
    assert "git+" in install or ("GK_INSTALL" in install and "exit 1" in install), install
    if pc["repos"][0]["repo"] == "local":
        assert hooks[0]["always_run"] is True  # a commit that only deletes a unit file is checked too
    assert ".gk/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_editor_settings_point_at_generated_schemas(tmp_path):
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./.gk/schema/progress.schema.json"] == "data/progress/**/*.{yaml,yml}"
    for schema_file in mapping:
        assert (root / schema_file).is_file(), schema_file


def test_progress_add_works_in_a_fresh_repo(tmp_path):
    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    (root / "data/units/units.yaml").write_text("units:\n  - {name: 县财政局, kind: department}\n", encoding="utf-8")
    (root / "data/tasks/example.yaml").write_text(
        "plan: {id: example, title: 示例}\ntasks:\n  - {id: example-01, title: 任务, units: [县财政局], deadline: 2030-06}\n",
        encoding="utf-8",
    )
    r = run_gk("progress", "add", "example-01", "--unit", "县财政局", "--status", "done", cwd=root, env={"GK_TODAY": "2024-05-01"})
    assert r.returncode == 0, r.stderr
    assert repo_mod.load(root).findings == []


def test_init_is_a_registered_command():
    assert "init" in NAMES
    r = run_gk("init", "--help")
    assert r.returncode == 0 and "新建数据仓库" in r.stdout


def test_a_dangling_symlink_is_somebodys_file_too(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    (root / "gk.toml").symlink_to("../elsewhere/gk.toml")
    r = run_gk("init", str(root))
    assert r.returncode == 2 and "gk.toml" in r.stderr
    assert (root / "gk.toml").is_symlink()


def test_a_failed_init_takes_back_what_it_wrote(tmp_path):
    """All or nothing: a write that fails half way (here a file .github where a folder must go;
    disk full alike) leaves the folder as it was, so that gk init can simply be run again."""
    root = tmp_path / "r"
    root.mkdir()
    (root / ".github").write_text("x\n", encoding="utf-8")
    r = run_gk("init", str(root))
    assert r.returncode == 2 and "内部错误" not in r.stderr, r.stderr
    assert sorted(p.name for p in root.iterdir()) == [".github"]
    (root / ".github").unlink()
    assert run_gk("init", str(root)).returncode == 0


def test_no_repo_inside_another(tmp_path):
    """Inside an existing work tree, a nested .git would keep the data out of the outer repo."""
    from conftest import git

    git(tmp_path, "init", "-q")
    r = run_gk("init", str(tmp_path / "data-repo"))
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "data-repo" / ".git").exists() and "未另建仓库" in r.stdout


@pytest.mark.parametrize("direct, want", [
    ({"url": "https://example.org/gk.git", "vcs_info": {"vcs": "git", "commit_id": "a" * 40}}, "gkcli @ git+https://example.org/gk.git@" + "a" * 40),
    ({"url": "https://example.org/gk.git", "vcs_info": {"vcs": "git"}}, None),  # no commit: never a tag gk's repo lacks
    ({"url": "file:///work/gk", "dir_info": {"editable": True}}, None),
    (None, None),
])
def test_ci_installs_gk_from_a_commit_or_asks_for_one(monkeypatch, direct, want):
    from gkcli.write import init

    class Dist:
        def read_text(self, name):
            return json.dumps(direct) if direct is not None else None

    monkeypatch.setattr("importlib.metadata.distribution", lambda name: Dist())
    assert init.install_spec() == want


def test_a_failed_git_init_takes_back_the_whole_repo(tmp_path, monkeypatch):
    import subprocess

    from gkcli.errors import GkError
    from gkcli.write import init

    real = subprocess.run

    def failing(args, **kw):
        if args[:2] == ["git", "init"]:
            (tmp_path / "r" / ".git" / "hooks").mkdir(parents=True)  # what a full disk leaves
            return subprocess.CompletedProcess(args, 128, "", "fatal: No space left on device")
        return real(args, **kw)

    monkeypatch.setattr(init.subprocess, "run", failing)
    with pytest.raises(GkError, match="git init 失败"):
        init.init(tmp_path / "r")
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


def test_init_refuses_a_county_every_later_command_would_refuse(tmp_path):
    r = run_gk("init", str(tmp_path / "r"), "--county", "宣汉县\u200b")
    assert r.returncode == 2 and "--county" in r.stderr and not (tmp_path / "r").exists()


def test_init_writes_nothing_through_a_data_link_out_of_the_new_repo(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "data").symlink_to(outside)
    p = run_gk("init", str(root), "--county", "戊县")
    assert p.returncode == 2 and "符号链接" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert list(outside.iterdir()) == [] and sorted(x.name for x in root.iterdir()) == ["data"]


def test_a_folder_with_a_readme_and_gitignore_is_said_not_empty_not_a_repo(tmp_path):
    """A hosted repo cloned fresh (README.md, .gitignore) is no data repo: what is in the way is named."""
    root = tmp_path / "r"
    root.mkdir()
    (root / "README.md").write_text("# 某县政务公开\n", encoding="utf-8")
    (root / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    r = run_gk("init", str(root))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "已经是数据仓库" not in r.stderr and "不是空目录" in r.stderr and ".gitignore" in r.stderr, r.stderr
    assert "README.md" not in r.stderr  # not in the way
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", "README.md"]


def test_an_init_killed_halfway_is_finished_by_running_it_again(tmp_path):
    """kill -9 during gk init left gk.toml and the data files but no .gitignore, hooks or git: the same init
    then refused (已经是数据仓库) and the clerk worked on in a repo without them. Files exactly as init writes
    them are its own: it finishes; a file someone changed, or other options, still refuse and touch nothing."""
    root = tmp_path / "repo"
    assert run_gk("init", str(root), "--county", "宣汉县").returncode == 0
    import shutil

    for gone in (".gitignore", ".pre-commit-config.yaml", ".github", ".vscode", ".git"):
        p = root / gone
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    p = run_gk("init", str(root), "--county", "宣汉县")
    assert p.returncode == 0 and "补全了上次中断的 gk init" in p.stdout, p.stderr
    assert (root / ".gitignore").is_file() and (root / ".pre-commit-config.yaml").is_file() and (root / ".git").is_dir()
    assert run_gk("init", str(root), "--county", "宣汉县").returncode == 2  # whole now: a repo, as before
    (root / ".gitignore").unlink()
    assert run_gk("init", str(root), "--county", "达州市").returncode == 2  # another county's gk.toml: not its own
    with open(root / "data/units/units.yaml", "a", encoding="utf-8") as f:
        f.write("# 已改\n")
    assert run_gk("init", str(root), "--county", "宣汉县").returncode == 2 and not (root / ".gitignore").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_names_the_repo_to_create(tmp_path, where):
    """DESIGN: `--data DIR` is accepted before or after the command. `gk init --data DIR` was refused (没有这个选项)
    and `gk --data DIR init` made the repo in the current folder: --data names the new repo, as the argument does."""
    root = tmp_path / "县数据"
    args = ["--data", str(root), "init"] if where == "before" else ["init", "--data", str(root)]
    r = run_gk(*args, "--county", "某县", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (root / "gk.toml").is_file() and not (tmp_path / "gk.toml").exists()
    other = run_gk("init", str(tmp_path / "别处"), "--data", str(root), cwd=tmp_path)
    assert other.returncode == 2 and "不是同一个目录" in other.stderr and not (tmp_path / "别处").exists()


def test_every_command_takes_data_after_it(tmp_path):
    """`--data DIR` after the command: every command has the option (gk schema and gk init had not)."""
    for name in NAMES:
        cmd = [name.rstrip("_")] + (["add"] if name == "progress" else [])  # (gk progress is a group)
        r = run_gk(*cmd, "--help", cwd=tmp_path)
        assert r.returncode == 0 and "--data" in r.stdout, (cmd, r.stdout)
