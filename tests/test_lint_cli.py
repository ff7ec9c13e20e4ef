"""gk lint through the real command line: exit codes, options, formats, --fix, --base."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, git, run_gk

UNITS = """\
units:
  - name: 县财政局
    full_name: 测试县财政局
    kind: department
    aliases: [县财政局办公室]
  - name: 县民政局
    kind: department
  - name: 城东镇
    kind: township
groups:
  - name: 各乡镇人民政府、街道办事处
    aliases: [各乡镇（街道）]
    members: {kind: [township, street]}
"""


def plan(tasks: str, pid: str = "t2023") -> str:
    return f"plan:\n  id: {pid}\n  title: 测试方案\n  issued_on: 2023-03-01\ntasks:\n{tasks}"


TASKS = plan("""\
  - id: t2023-01
    title: 公开财政预决算
    units: [县财政局, 各乡镇（街道）]
    deadline: 2023-06-30
""")


def progress(unit: str, period: str, entries: str, submitted: str = "") -> str:
    head = f"unit: {unit}\nperiod: {period}\n" + (f"submitted_on: {submitted}\n" if submitted else "")
    return head + "entries:\n" + entries


DONE_Q3 = progress("县财政局", "2023Q3", """\
  - task: t2023-01
    status: done
    date: 2023-09-01
    note: 已公开
""", "2023-10-08")


@pytest.fixture
def repo(make_repo):
    return make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3})


def lint(*args, cwd, env=None):
    r = run_gk("lint", *args, cwd=cwd, env={"GITHUB_ACTIONS": "", **(env or {})})
    assert "Traceback" not in r.stdout + r.stderr
    return r


def findings(*args, cwd, env=None) -> list[dict]:
    r = lint("--format", "json", *args, cwd=cwd, env=env)
    return json.loads(r.stdout)


# --- the built-in data, and a new user's first typo ---------------------------------


def test_builtin_data_lints_clean():
    r = lint(cwd=ROOT)
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip() == "未发现问题"


def test_new_user_typo_names_file_line_and_nearest_unit(repo):
    (repo / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财正局,"), encoding="utf-8")
    r = lint(cwd=repo)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    i = lines.index("data/tasks/t.yaml:8:13: GK202 未知单位“县财正局”")
    assert lines[i + 1] == "  提示：是不是“县财政局”？"
    assert lines[-1] == "发现 1 个问题（1 个错误，0 个警告）"


# --- exit codes -------------------------------------------------------------------------


def test_clean_repo_exits_0(repo):
    r = lint(cwd=repo)
    assert (r.returncode, r.stdout) == (0, "未发现问题\n")


def test_warnings_exit_0_and_1_with_strict(repo):
    (repo / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财政局, 县财政局办公室,"), encoding="utf-8")
    r = lint(cwd=repo)
    assert r.returncode == 0
    assert "GK209 [警告]" in r.stdout
    assert r.stdout.splitlines()[-1] == "发现 1 个问题（0 个错误，1 个警告）"
    strict = lint("--strict", cwd=repo)
    assert strict.returncode == 1
    assert "[警告]" not in strict.stdout and "（1 个错误，0 个警告）" in strict.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--select", "GK999"], "不是已知的规则"),
        (["--ignore", "no-such-rule"], "不是已知的规则"),
        (["--format", "markdown"], "只用于 --list-rules"),
        (["--format", "xml"], ""),
        (["--explain", "GK999"], "没有规则"),
        (["--fix-deadlines"], "需与 --fix 或 --diff 一起使用"),
        (["--severity", "GK202"], "写法不对"),
        (["--severity", "GK202=fatal"], "写法不对"),
        (["no/such/file.yaml"], "路径不存在"),
        (["--base", "HEAD"], "不在 git 仓库中"),
        (["-o", ""], "-o 的值是空的"),  # an unset CI variable: not the screen, unsaid
    ],
)
def test_usage_errors_exit_2(repo, args, message):
    r = lint(*args, cwd=repo)
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr
    assert r.stdout == ""


def test_git_missing_is_named_for_the_option_given(repo, tmp_path):
    """Without git on PATH, --staged is not told that “--base 需要 git”."""
    for option in (["--staged"], ["--base", "HEAD"]):
        r = lint(*option, cwd=repo, env={"PATH": str(tmp_path)})
        assert r.returncode == 2 and "找不到 git 命令" in r.stderr and option[0] in r.stderr, r.stderr


def test_help_says_markdown_is_for_the_rule_list(repo):
    h = lint("-h", cwd=repo)
    assert h.returncode == 0 and "markdown只用于--list-rules" in "".join(h.stdout.split()), h.stdout  # however it wraps


def test_no_data_repo_exits_2(tmp_path):
    r = lint(cwd=tmp_path)
    assert r.returncode == 2 and "找不到数据仓库" in r.stderr


def test_path_outside_the_repo_exits_2(repo, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    r = lint(str(outside), cwd=repo)
    assert r.returncode == 2 and "不在数据仓库" in r.stderr


# --- rules: list and explain ---------------------------------------------------------


@pytest.mark.parametrize("cols", [80, 60])
def test_list_rules_fits_the_terminal(repo, cols):
    """Wrapped to $COLUMNS (display columns: a Chinese character is two), every rule still listed whole."""
    from gkcli.cells import width
    from gkcli.lint.registry import all_rules

    out = lint("--list-rules", cwd=repo, env={"COLUMNS": str(cols)}).stdout
    assert max(width(line) for line in out.splitlines()) <= cols, out
    flat = "".join(out.split())
    for r in all_rules():
        assert "".join(r.summary.split()) in flat and r.code in out
    assert "[可修复]" in out and "[可\n" not in out


def test_list_rules_and_explain(repo):
    from gkcli.lint.registry import all_rules

    out = lint("--list-rules", cwd=repo).stdout
    for r in all_rules():
        assert r.code in out and r.name in out
    rules = json.loads(lint("--list-rules", "--format", "json", cwd=repo).stdout)
    assert {r["code"] for r in rules} == {r.code for r in all_rules()}
    ex = lint("--explain", "unknown-unit", cwd=repo)
    assert ex.returncode == 0
    assert ex.stdout.startswith("GK202（unknown-unit）")
    for h in ("## 作用", "## 为什么", "## 错误示例", "## 正确示例", "## 修复"):
        assert h in ex.stdout


def test_explain_takes_the_json_format_and_gk000_is_named_in_the_list(repo):
    """--explain --format json is a --list-rules JSON entry (it printed text); a format it cannot
    take is said. GK000 shows in findings, so the text list names it; the JSON list holds
    the rules one can select, and GK000 is none."""
    one = json.loads(lint("--explain", "GK202", "--format", "json", cwd=repo).stdout)
    listed = {r["code"]: r for r in json.loads(lint("--list-rules", "--format", "json", cwd=repo).stdout)}
    assert one == listed["GK202"] and "GK000" not in listed
    assert json.loads(lint("--explain", "GK000", "-f", "json", cwd=repo).stdout)["summary"] == "无法检查"
    r = lint("--explain", "GK202", "--format", "junit", cwd=repo)
    assert r.returncode == 2 and r.stdout == "" and "--explain 不支持 --format junit" in r.stderr
    assert "另有 GK000（无法检查）" in lint("--list-rules", cwd=repo).stdout


def test_explain_is_rendered_on_a_terminal_and_plain_text_otherwise(tmp_path):
    """At a terminal --explain shows the Markdown rendered (rich): headings without their ##, the
    examples as code blocks without their fences. Piped, to -o or as JSON it is the plain text, byte
    for byte (scripts and docs/rules.md rely on it)."""
    from conftest import run_on_terminal
    from gkcli.lint import formats, registry

    rule = registry.find("GK202")
    piped = lint("--explain", "GK202", cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout == formats.explain(rule)
    code, shown, err = run_on_terminal("lint", "--explain", "GK202", cwd=tmp_path)
    assert code == 0 and err == "", err
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert "\x1b[" in shown  # styled
    assert "## " not in plain and "```" not in plain and "`units`" not in plain
    assert "GK202（unknown-unit）未知单位：名称无法识别" in plain and "units: [县财正局]" in plain
    lines = [ln.strip() for ln in plain.splitlines()]
    assert {"作用", "为什么", "错误示例", "正确示例", "修复"} <= set(lines)
    assert "published、以及进度文件的 unit" in plain.replace("\n", "")  # the source's line break inside Chinese: no space
    from gkcli.cells import width

    assert max(width(ln.rstrip()) for ln in plain.splitlines()) <= 80
    # NO_COLOR: still rendered, no colour
    code, shown, _ = run_on_terminal("lint", "--explain", "GK202", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert code == 0 and "## " not in shown and "\x1b[3" not in shown
    # on a terminal too: JSON stays JSON, -o writes the plain text
    code, shown, _ = run_on_terminal("lint", "--explain", "GK202", "-f", "json", cwd=tmp_path)
    assert code == 0 and json.loads(shown)["code"] == "GK202"
    code, shown, _ = run_on_terminal("lint", "--explain", "GK202", "-o", "rule.md", cwd=tmp_path)
    assert code == 0 and shown == "" and (tmp_path / "rule.md").read_text(encoding="utf-8") == formats.explain(rule)
    code, shown, _ = run_on_terminal("lint", "--explain", "GK000", cwd=tmp_path)
    assert code == 0 and "无法检查" in shown and "# GK000" not in shown


def test_list_rules_works_without_a_data_repo(tmp_path):
    assert lint("--list-rules", cwd=tmp_path).returncode == 0
    assert lint("--explain", "GK407", cwd=tmp_path).returncode == 0


# --- selection, severity, paths, output -------------------------------------------------

BROKEN = plan("""\
  - id: t2023-01
    title: 公开财政预决算
    units: [县财正局]
    deadline: 尽快
  - id: x-02
    title: 编号不对
    units: [县财政局]
    deadline: 2023-06-30
""")


def test_select_ignore_and_prefixes(repo):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    assert {f["code"] for f in findings(cwd=repo)} == {"GK202", "GK302", "GK304", "GK402"} - {"GK402"}
    assert {f["code"] for f in findings("--select", "GK3", cwd=repo)} == {"GK302", "GK304"}
    assert {f["code"] for f in findings("--select", "GK3", "--ignore", "task-id-prefix", cwd=repo)} == {"GK304"}
    assert {f["code"] for f in findings("--ignore", "GK2,GK304", cwd=repo)} == {"GK302"}
    assert {f["code"] for f in findings("--select", "GK202", "--extend-select", "GK211", cwd=repo)} == {"GK202"}


def test_opt_in_rule_with_extend_select(repo):
    got = findings("--extend-select", "GK211", cwd=repo)
    assert [(f["code"], f["line"], f["severity"]) for f in got] == [("GK211", 8, "warning")]


def test_severity_override(repo):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    r = lint("--severity", "GK202=warning", "--severity", "GK302=warning", "--severity", "GK304=警告", cwd=repo)
    assert r.returncode == 0
    assert "（0 个错误，3 个警告）" in r.stdout


def test_paths_limit_findings(repo):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    (repo / "data/progress/2023Q3/县民政局.yaml").write_text(
        progress("县民政局", "2023Q3", "  - task: t2023-01\n    status: done\n    date: 2023-10-09\n"), encoding="utf-8")
    everything = {f["path"] for f in findings(cwd=repo)}
    assert everything == {"data/tasks/t.yaml", "data/progress/2023Q3/县民政局.yaml"}
    assert {f["path"] for f in findings("data/progress", cwd=repo)} == {"data/progress/2023Q3/县民政局.yaml"}
    assert {f["path"] for f in findings("t.yaml", cwd=repo / "data/tasks")} == {"data/tasks/t.yaml"}
    # shown from where it runs, like ruff
    text = lint("t.yaml", cwd=repo / "data/tasks").stdout
    assert text.startswith("t.yaml:8:13: GK202")


def test_github_format_is_automatic_in_github_actions(repo):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    r = lint(cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert r.returncode == 1
    assert r.stdout.splitlines()[0].startswith("::error file=data/tasks/t.yaml,line=8,col=13,title=GK202::未知单位“县财正局”%0A提示：")
    # run from a subfolder, or with the data repo inside the checkout: paths from the checkout
    sub = lint(cwd=repo / "data/tasks", env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo.parent)})
    assert sub.stdout.startswith(f"::error file={repo.name}/data/tasks/t.yaml,line=8,col=13,"), sub.stdout


def test_output_file(repo, tmp_path):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    assert "<testsuite" in lint("--format", "junit", "-o", "-", cwd=repo).stdout  # -: the screen
    (tmp_path / "afile").write_text("", encoding="utf-8")
    bad = lint("-o", str(tmp_path / "afile" / "x.txt"), cwd=repo)
    assert bad.returncode == 2 and "路径中有" in bad.stderr and "Errno" not in bad.stderr
    out = tmp_path / "reports" / "gk-lint.xml"  # its folder made, as ruff does
    r = lint("--format", "junit", "-o", str(out), cwd=repo)
    assert r.returncode == 1 and r.stdout == ""
    assert "GK202" in out.read_text(encoding="utf-8")
    kept = tmp_path / "kept.xml"  # a file made read-only stays, as for every writer of gk
    kept.write_text("KEEP\n", encoding="utf-8")
    kept.chmod(0o444)
    r = lint("--format", "junit", "-o", str(kept), cwd=repo)
    assert r.returncode == 2 and "没有权限" in r.stderr and kept.read_text(encoding="utf-8") == "KEEP\n"
    assert "是一个目录" in lint("-o", str(tmp_path), cwd=repo).stderr
    plan = (repo / "data/tasks/t.yaml").read_bytes()
    over = lint("-o", "data/tasks/t.yaml", cwd=repo)  # a slip that replaced a plan with 未发现问题
    assert over.returncode == 2 and "是数据或设置文件的位置" in over.stderr and (repo / "data/tasks/t.yaml").read_bytes() == plan
    assert lint("-o", "GK.TOML", cwd=repo).returncode == 2 and not (repo / "GK.TOML").exists()
    assert lint("-o", "data/tasks/new.txt", cwd=repo).returncode == 2 and not (repo / "data/tasks/new.txt").exists()
    assert lint("-o", str(tmp_path / "new-report.yaml"), cwd=repo).returncode == 2  # lint's output is never YAML


def test_no_colour_when_not_a_terminal(repo):
    (repo / "data/tasks/t.yaml").write_text(BROKEN, encoding="utf-8")
    assert "\x1b[" not in lint(cwd=repo, env={"FORCE_COLOR": ""}).stdout


def test_colour_in_a_terminal():
    from gkcli.findings import Finding
    from gkcli.lint.formats import Where, text

    f = Finding("data/a.yaml", 3, 5, "GK202", "error", "未知单位“甲”", "是不是“乙”？")
    out = text([f], Where(Path("/r"), Path("/r")), color=True)
    assert "\x1b[1;31mGK202\x1b[0m" in out and "\x1b[1mdata/a.yaml\x1b[0m:3:5" in out


# --- bad input: a finding, never a traceback ----------------------------------------------


def test_oversized_and_binary_files_are_findings(repo):
    (repo / "data/tasks/big.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    (repo / "data/units/bin.yaml").write_bytes(b"units:\x00\x01\x02")
    (repo / "data/units/gbk.yaml").write_bytes("units:\n  - name: 县档案馆\n".encode("gbk"))
    (repo / "data/units/bom.yaml").write_bytes("\ufeffunits:\r\n  - name: 县档案馆\r\n    kind: institution".encode("utf-8"))
    got = {(f["path"], f["code"]) for f in findings(cwd=repo)}
    assert got == {("data/tasks/big.yaml", "GK107"), ("data/units/bin.yaml", "GK102"), ("data/units/gbk.yaml", "GK102")}
    gbk = next(f for f in findings(cwd=repo) if f["path"] == "data/units/gbk.yaml")
    assert "GBK" in gbk["message"] and "UTF-8" in gbk["hint"]


def test_alias_bomb_is_refused_quickly(repo):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    (repo / "data/units/bomb.yaml").write_text(bomb, encoding="utf-8")
    got = findings(cwd=repo)
    assert [(f["path"], f["code"]) for f in got] == [("data/units/bomb.yaml", "GK106")]


# --- --fix and --diff --------------------------------------------------------------------

COMMENTED = """\
# 测试方案：注释、空行、引号和缩进都要原样保留
plan:
  id: t2023
  title: 测试方案   # 行尾注释
  issued_on: 2023-03-01

tasks:
  - id: t2023-01
    title: 公开财政预决算
    units: [县财政局办公室,   各乡镇（街道）]   # 别名与分组的另一种写法
    deadline: 2023年6月底前
  - id: t2023-02
    title: "引号里的标题"
    units:
      - '测试县财政局'   # 全称
      - 城东镇
    deadline: 长期
"""


ALIASES = ("--extend-select", "GK210,GK211")  # the opt-in alias rules: fixed only when selected


def test_fix_rewrites_only_the_values_and_is_idempotent(repo):
    p = repo / "data/tasks/t.yaml"
    p.write_bytes(COMMENTED.encode("utf-8"))
    assert lint("--diff", cwd=repo).stdout == "", "the opt-in alias rules are fixed only when selected (as ruff)"
    diff = lint("--diff", *ALIASES, cwd=repo)
    assert diff.returncode == 1
    assert p.read_bytes() == COMMENTED.encode("utf-8"), "--diff writes nothing"
    assert "-    units: [县财政局办公室,   各乡镇（街道）]   # 别名与分组的另一种写法" in diff.stdout
    assert "+    units: [县财政局,   各乡镇人民政府、街道办事处]   # 别名与分组的另一种写法" in diff.stdout

    r = lint("--fix", *ALIASES, cwd=repo)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "已修复 3 处（1 个文件）"
    want = (COMMENTED.replace("[县财政局办公室,   各乡镇（街道）]", "[县财政局,   各乡镇人民政府、街道办事处]")
            .replace("'测试县财政局'", "'县财政局'"))
    assert p.read_text(encoding="utf-8") == want  # every other byte as it was; the deadline is not touched
    assert [x.name for x in p.parent.iterdir()] == ["t.yaml"], "no temporary file left behind"

    again = lint("--diff", *ALIASES, cwd=repo)
    assert (again.returncode, again.stdout) == (0, "")
    assert "没有可自动修复的内容" in again.stderr

    dl = lint("--fix", "--fix-deadlines", cwd=repo)
    assert dl.stdout.splitlines()[0] == "已修复 1 处（1 个文件）"
    assert p.read_text(encoding="utf-8") == want.replace("deadline: 2023年6月底前", "deadline: 2023-06-30")


def test_a_selected_gk307_is_fixed_by_fix_as_fix_deadlines_fixes_it(repo):
    """--fix applies the fixes of the rules it reports (as ruff): `--fix --extend-select GK307` reported the deadline
    and left it; it is rewritten as --fix-deadlines does (--diff shows it), and a plain --fix still leaves it."""
    p = repo / "data/tasks/t.yaml"
    p.write_bytes(COMMENTED.encode("utf-8"))
    assert lint("--diff", cwd=repo).stdout == ""
    diff = lint("--diff", "--extend-select", "GK307", cwd=repo)
    assert diff.returncode == 1 and "+    deadline: 2023-06-30" in diff.stdout, diff.stdout + diff.stderr
    assert diff.stdout == lint("--diff", "--fix-deadlines", cwd=repo).stdout
    r = lint("--fix", "--extend-select", "GK307", cwd=repo)
    assert r.stdout.splitlines()[0] == "已修复 1 处（1 个文件）", r.stdout
    assert p.read_text(encoding="utf-8") == COMMENTED.replace("deadline: 2023年6月底前", "deadline: 2023-06-30")


def test_select_limits_what_fix_changes(repo):
    """As ruff: with --select, --fix applies only the selected rules' fixes."""
    p = repo / "data/tasks/t.yaml"
    p.write_bytes(COMMENTED.encode("utf-8"))
    groups = lint("--diff", "--select", "GK211", cwd=repo)
    assert "+    units: [县财政局办公室,   各乡镇人民政府、街道办事处]   # 别名与分组的另一种写法" in groups.stdout
    assert "'县财政局'" not in groups.stdout
    none = lint("--diff", "--select", "GK304", cwd=repo)
    assert (none.returncode, none.stdout) == (0, "") and "没有可自动修复的内容" in none.stderr
    assert p.read_bytes() == COMMENTED.encode("utf-8")


def test_fix_keeps_bom_and_crlf(repo):
    p = repo / "data/progress/2023Q3/县财政局.yaml"
    raw = ("\ufeff" + DONE_Q3.replace("unit: 县财政局", "unit: 县财政局办公室")).replace("\n", "\r\n").encode("utf-8")
    p.write_bytes(raw)
    assert lint("--fix", *ALIASES, cwd=repo, env={"GK_TODAY": "2023-10-05"}).returncode == 0  # 2023Q3 still open
    assert p.read_bytes() == raw.replace("县财政局办公室".encode(), "县财政局".encode())


def test_fix_refuses_a_value_it_cannot_place(repo):
    """A folded multi-line scalar is left alone, and said so."""
    p = repo / "data/tasks/t.yaml"
    text = TASKS.replace("units: [县财政局, 各乡镇（街道）]", "units:\n      - 县财政局\n      - 各乡镇\n        （街道）")
    p.write_text(text, encoding="utf-8")
    r = lint("--fix", *ALIASES, cwd=repo)
    assert "未修复 data/tasks/t.yaml" in r.stdout and "请手工修改" in r.stdout
    assert p.read_text(encoding="utf-8") == text


def test_fix_only_touches_given_paths(repo):
    (repo / "data/tasks/t.yaml").write_text(COMMENTED, encoding="utf-8")
    before = (repo / "data/tasks/t.yaml").read_bytes()
    (repo / "data/progress/2023Q3/县财政局.yaml").write_text(DONE_Q3.replace("unit: 县财政局", "unit: 县财政局办公室"), encoding="utf-8")
    r = lint("--fix", *ALIASES, "data/progress", cwd=repo, env={"GK_TODAY": "2023-10-05"})
    assert r.stdout.splitlines()[0] == "已修复 1 处（1 个文件）"
    assert (repo / "data/tasks/t.yaml").read_bytes() == before


def test_fix_leaves_closed_quarters_progress_alone(make_repo):
    """A closed quarter's progress is history (GK407): --fix rewriting its alias failed the next
    CI run. It is left, and said; the open quarter's file is fixed; --fix --base still fixes a
    late file the branch adds."""
    aliased = DONE_Q3.replace("unit: 县财政局", "unit: 县财政局办公室")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": aliased}, git_init=True)
    closed = root / "data/progress/2023Q3/县财政局.yaml"
    open_ = root / "data/progress/2023Q4/县财政局.yaml"
    open_.parent.mkdir(parents=True)
    open_.write_text(aliased.replace("2023Q3", "2023Q4").replace("2023-10-08", "2024-01-05").replace("2023-09-01", "2023-12-01"), encoding="utf-8")
    env = {"GK_TODAY": "2024-01-08"}  # 2023Q3 closed on 2023-10-10, 2023Q4 closes on 2024-01-10
    d = lint("--diff", "--extend-select", "GK210", cwd=root, env=env)
    assert "2023Q4/县财政局.yaml" in d.stdout and "2023Q3" not in d.stdout, d.stdout
    assert "未修复 1 处（1 个已截止季度的进度文件" in d.stderr and "GK407" in d.stderr, d.stderr
    r = lint("--fix", *ALIASES, cwd=root, env=env)
    assert r.returncode == 0 and "未修复 1 处（1 个已截止季度的进度文件" in r.stdout, r.stdout
    assert closed.read_text(encoding="utf-8") == aliased
    assert "unit: 县财政局\n" in open_.read_text(encoding="utf-8")
    assert lint("--base", "HEAD", cwd=root, env=env).returncode == 0  # nothing for GK407 to find
    late = root / "data/progress/2023Q2/县财政局.yaml"  # a late file for a closed quarter, added by the branch
    late.parent.mkdir(parents=True)
    late.write_text(aliased.replace("2023Q3", "2023Q2").replace("2023-10-08", "2023-07-05").replace("2023-09-01", "2023-06-01"), encoding="utf-8")
    b = lint("--fix", *ALIASES, "--base", "HEAD", cwd=root, env=env)
    assert "unit: 县财政局\n" in late.read_text(encoding="utf-8") and closed.read_text(encoding="utf-8") == aliased, b.stdout


def _late_filing(root: Path, file: str = "data/progress/2023Q2/县财政局.yaml") -> Path:
    """A late report for the closed 2023Q2 written by hand: a status in Chinese, a date written 2023.6.1."""
    late = root / file
    late.parent.mkdir(parents=True, exist_ok=True)
    late.write_text(progress("县财政局", "2023Q2", "  - task: t2023-01\n    status: 已完成\n    date: 2023.6.1\n", "2024-01-05"), encoding="utf-8")
    return late


def test_fix_fixes_a_new_file_of_a_closed_quarter_without_base(make_repo):
    """A file no commit holds is a new submission, not history: `gk lint --fix` fixes it without --base,
    whatever today's date (it refused once a quarter had closed, after listing the two fixable errors,
    and --diff said 没有可自动修复的内容 and exited 0)."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    late = _late_filing(root)
    for today in ("2023-07-05", "2026-11-28"):  # the quarter open, or long closed: the same fixes
        d = lint("--diff", cwd=root, env={"GK_TODAY": today})
        assert d.returncode == 1 and "+    status: done" in d.stdout and "+    date: 2023-06-01" in d.stdout, d.stdout + d.stderr
        assert "未修复" not in d.stderr and "没有可自动修复的内容" not in d.stderr, d.stderr
    git(root, "add", "-A")  # added, not committed: still new
    r = lint("--fix", cwd=root, env={"GK_TODAY": "2026-11-28"})
    assert r.stdout.startswith("已修复 2 处（1 个文件）"), r.stdout
    assert "status: done\n    date: 2023-06-01\n" in late.read_text(encoding="utf-8")


def test_fix_leaves_committed_entries_and_fixes_the_ones_added_since(make_repo):
    """In a committed file of a closed quarter, the entries HEAD holds are history (GK407): left, and
    said with how many and why (never 没有可自动修复的内容); an entry appended since is new: fixed."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    late = _late_filing(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "late")
    env = {"GK_TODAY": "2024-01-08"}
    d = lint("--diff", cwd=root, env=env)
    assert (d.returncode, d.stdout) == (0, ""), d.stdout  # --fix would write nothing (the findings still fail gk lint)
    assert "未修复 2 处（1 个已截止季度的进度文件，如 data/progress/2023Q2/县财政局.yaml）" in d.stderr, d.stderr
    assert "GK407" in d.stderr and "没有可自动修复的内容" not in d.stderr and "主分支" not in d.stderr, d.stderr
    with late.open("a", encoding="utf-8") as f:
        f.write("  - task: t2023-01\n    status: 已完成\n    date: 2023.6.20\n    note: 补报\n")
    r = lint("--fix", cwd=root, env=env)
    assert "已修复 2 处（1 个文件）" in r.stdout and "未修复 2 处" in r.stdout, r.stdout
    text = late.read_text(encoding="utf-8")
    assert "status: 已完成\n    date: 2023.6.1\n" in text and "status: done\n    date: 2023-06-20\n" in text, text


def test_fix_names_the_base_that_fixes_a_file_committed_on_the_branch(make_repo):
    """A late file committed on a branch, not yet merged: --fix leaves it (HEAD holds it) and gives the
    command that fixes it, with the branch's name (not the placeholder 主分支); that command does."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    git(root, "branch", "-M", "main")
    git(root, "checkout", "-qb", "补报")
    late = _late_filing(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "late")
    env = {"GK_TODAY": "2024-01-08"}
    r = lint("--fix", cwd=root, env=env)
    assert "未修复 2 处" in r.stdout and "gk lint --fix --base main 修复" in r.stdout, r.stdout
    assert lint("--fix", "--base", "main", cwd=root, env=env).stdout.startswith("已修复 2 处")
    assert "status: done" in late.read_text(encoding="utf-8")


def test_fix_outside_git_fixes_closed_quarters_too(make_repo):
    """No git: no history gk can tell (GK407 is a check of git's), and the fixes keep the meaning."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS})
    late = _late_filing(root)
    r = lint("--fix", cwd=root, env={"GK_TODAY": "2026-11-28"})
    assert r.stdout.startswith("已修复 2 处（1 个文件）") and "未修复" not in r.stdout, r.stdout
    assert "status: done" in late.read_text(encoding="utf-8")


# --- pull-request mode ----------------------------------------------------------------------


def _commit(root: Path, msg: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-qm", msg)
    return git(root, "rev-parse", "HEAD").strip()


def test_a_pull_request_taking_back_reported_progress_is_warned(make_repo):
    """GK411: in an open quarter, deleting another unit's file or rewriting an entry passes GK407
    (allowed before the quarter closes) but is said, at the changed line, with the undo."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3},
                     git_init=True)
    base = git(root, "rev-parse", "HEAD").strip()
    env = {"GK_TODAY": "2023-10-05"}  # 2023Q3 closes on 2023-10-10
    p = root / "data/progress/2023Q3/县财政局.yaml"
    p.write_text(DONE_Q3 + "  - task: t2023-01\n    status: done\n    date: 2023-09-30\n", encoding="utf-8")
    assert findings("--base", base, cwd=root, env=env) == []  # appending is what a unit does
    p.write_text(DONE_Q3.replace("2023-09-01", "2023-09-02"), encoding="utf-8")
    got = findings("--base", base, cwd=root, env=env)
    assert [(f["path"], f["code"], f["severity"]) for f in got] == [("data/progress/2023Q3/县财政局.yaml", "GK411", "warning")]
    assert "已报送的 1 条进度" in got[0]["message"] and f"git checkout {base} --" in got[0]["hint"]
    p.unlink()
    got = findings("--base", base, cwd=root, env=env)
    assert [(f["code"], f["line"]) for f in got] == [("GK411", 1)] and "未报送" in got[0]["message"]
    assert lint("--base", base, cwd=root, env=env).returncode == 0 and lint("--base", base, "--strict", cwd=root, env=env).returncode == 1
    assert [f["code"] for f in findings("--base", base, cwd=root, env={"GK_TODAY": "2023-10-20"})] == ["GK407"]  # closed: GK407's error alone


def test_pull_request_simulation(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3},
                     git_init=True)
    base = git(root, "rev-parse", "HEAD").strip()
    today = {"GK_TODAY": "2024-01-15"}  # 2023Q3 closed on 2023-10-10; 2023Q4 closes on 2024-01-10; 2024Q1 is open

    # a clean new submission for the current quarter passes
    (root / "data/progress/2024Q1").mkdir()
    (root / "data/progress/2024Q1/县财政局.yaml").write_text(progress("县财政局", "2024Q1", """\
  - task: t2023-01
    status: done
    date: 2024-01-12
    note: 持续公开
"""), encoding="utf-8")
    r = lint("--base", base, cwd=root, env=today)
    assert r.returncode == 0, r.stdout
    assert "拉取请求模式：只检查自" in r.stdout
    base = _commit(root, "new submission")

    # editing last quarter's progress fails with the append-only code
    p = root / "data/progress/2023Q3/县财政局.yaml"
    p.write_text(DONE_Q3.replace("2023-09-01", "2023-09-02"), encoding="utf-8")
    _commit(root, "edit history")
    got = findings("--base", base, cwd=root, env=today)
    assert [(f["path"], f["code"], f["severity"]) for f in got] == [("data/progress/2023Q3/县财政局.yaml", "GK407", "error")]
    assert "已截止季度 2023Q3 的进度文件被修改" in got[0]["message"]
    assert f"git checkout {base} -- 'data/progress/2023Q3/县财政局.yaml'" in got[0]["hint"]  # the undo, ready to paste
    assert lint("--base", base, cwd=root, env=today).returncode == 1
    # before the quarter closed, the same edit was allowed
    assert lint("--base", base, cwd=root, env={"GK_TODAY": "2023-10-10"}).returncode == 0

    # deleting it (even uncommitted) is a finding too; restoring it is clean
    git(root, "checkout", "-q", base, "--", "data/progress/2023Q3/县财政局.yaml")
    assert lint("--base", base, cwd=root, env=today).returncode == 0
    p.unlink()
    got = findings("--base", base, cwd=root, env=today)
    assert [(f["path"], f["line"], f["code"]) for f in got] == [("data/progress/2023Q3/县财政局.yaml", 1, "GK407")]
    assert "被删除" in got[0]["message"]


def test_pull_request_mode_reports_only_changed_files(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": BROKEN}, git_init=True)
    assert lint(cwd=root).returncode == 1  # the old problems, seen by a full run
    (root / "data/progress/2024Q1").mkdir(parents=True)
    (root / "data/progress/2024Q1/县民政局.yaml").write_text(progress("县民政局", "2024Q1", """\
  - task: x-02
    status: done
    date: 2024-01-05
"""), encoding="utf-8")  # untracked: counts as a change
    got = findings("--base", "HEAD", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert {(f["path"], f["code"]) for f in got} == {("data/progress/2024Q1/县民政局.yaml", "GK403")}


def test_pull_request_mode_reports_what_the_change_breaks_elsewhere(make_repo):
    """Deleting a unit that a task still names changes only the units file, but breaks the
    task file: that new error is reported; an old one elsewhere still is not."""
    old_problem = "  - id: t2023-02\n    title: 旧问题\n    units: [县财正局]\n    deadline: 2023-06-30\n"
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS + old_problem}, git_init=True)
    (root / "data/units/u.yaml").write_text(UNITS.replace("  - name: 县财政局\n    full_name: 测试县财政局\n    kind: department\n"
                                                         "    aliases: [县财政局办公室]\n", ""), encoding="utf-8")
    r = lint("--base", "HEAD", cwd=root)
    got = findings("--base", "HEAD", cwd=root)
    assert {(f["path"], f["line"], f["code"]) for f in got} == {("data/tasks/t.yaml", 8, "GK202")}, got
    assert r.returncode == 1 and "：在 HEAD 中还没有，是本次改动引起的" in r.stdout, r.stdout  # not “HEAD时还没有”
    assert got[0]["message"].endswith("（此文件未改动：是本次改动引起的）")  # in every format: an annotation stands on a file outside the diff
    git(root, "checkout", "-q", "--", "data/units/u.yaml")
    assert findings("--base", "HEAD", cwd=root) == []


def test_pull_request_mode_in_a_subfolder_repo(make_repo, tmp_path):
    """The data repo may be a folder of a bigger git repository."""
    root = make_repo({"county/gk.toml": 'county = "测试县"\n', "county/data/units/u.yaml": UNITS,
                      "county/data/tasks/t.yaml": TASKS, "county/data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    data = root / "county"
    (data / "data/progress/2023Q3/县财政局.yaml").write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")
    got = findings("--base", "HEAD", "--data", str(data), cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert [(f["path"], f["code"]) for f in got] == [("data/progress/2023Q3/县财政局.yaml", "GK407")]
    assert got[0]["line"] == 8  # the changed line (note: 已公开。), where GitHub shows it inline


def test_pull_request_mode_in_a_subfolder_repo_leaves_old_problems_out(make_repo):
    """An old problem in an unchanged file of a data repo that is a folder of a bigger git
    repository (a workspace's county) is not the pull request's (the base's files were not
    exported from a subfolder, so every problem looked new)."""
    root = make_repo({"gk.toml": 'workspace = ["county"]\n', "county/gk.toml": 'county = "测试县"\n', "county/data/units/u.yaml": UNITS,
                      "county/data/tasks/t.yaml": TASKS.replace("units: [县财政局,", "units: [县财正局,")}, git_init=True)
    (root / "README.md").write_text("改动\n", encoding="utf-8")
    for cwd, args in ((root, []), (root / "county", []), (root, ["--data", "county"])):
        r = lint("--base", "HEAD", *args, cwd=cwd)
        assert r.returncode == 0 and "GK202" not in r.stdout, (cwd, args, r.stdout)
    (root / "county/data/units/u.yaml").write_text(UNITS + "\n", encoding="utf-8")
    assert findings("--base", "HEAD", cwd=root / "county") == []


def test_an_empty_repo_is_said_to_have_nothing_to_check(gk, tmp_path):
    """gk.toml and no plan: “未发现问题” alone would pass a repo nobody filled in."""
    assert gk("init", str(tmp_path / "r")).returncode == 0
    r = gk("lint", cwd=tmp_path / "r")
    assert r.returncode == 0 and "data/tasks/ 中还没有任务" in r.stdout, r.stdout
    s = gk("status", cwd=tmp_path / "r")
    assert s.returncode == 0 and "还没有任务" in s.stderr
    # a plan file that cannot be read: not "import one" (the clerk has it), but which file is wrong
    (tmp_path / "r/data/tasks/a.yaml").write_text("plan: {id: a2024, title: x\ntasks:\n  - {id: a2024-01}\n", encoding="utf-8")
    r = gk("lint", cwd=tmp_path / "r")
    assert r.returncode == 1 and "还没有任务" not in r.stdout and "没有读到任何任务：data/tasks/a.yaml 有错误" in r.stdout, r.stdout
    s = gk("status", cwd=tmp_path / "r")
    assert "还没有任务" not in s.stderr and "没有读到任何任务：data/tasks/a.yaml 有错误" in s.stderr, s.stderr


def test_the_pull_request_note_counts_data_files_only(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "README.md").write_text("说明\n", encoding="utf-8")
    (root / "data/units/u.yaml").write_text(UNITS + "\n", encoding="utf-8")
    assert "改动的 1 个数据文件" in lint("--base", "HEAD", cwd=root).stdout


def test_the_staged_note_counts_data_files_and_names_gk_toml(tmp_path):
    """A new repo with two YAML files and gk.toml staged said 改动的 3 个数据文件: gk.toml is no data file."""
    root = tmp_path / "r"
    (root / "data/units").mkdir(parents=True)
    (root / "data/tasks").mkdir(parents=True)
    (root / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    (root / "data/units/u.yaml").write_text(UNITS, encoding="utf-8")
    (root / "data/tasks/t.yaml").write_text(TASKS, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    out = lint("--staged", cwd=root).stdout
    assert "改动的 2 个数据文件和 gk.toml（" in out, out
    (root / "README.md").write_text("说明\n", encoding="utf-8")
    git(root, "commit", "-qm", "data")
    (root / "gk.toml").write_text('county = "测试县"\ndue_soon_days = 20\n', encoding="utf-8")
    git(root, "commit", "-qam", "settings")
    assert "改动的 0 个数据文件和 gk.toml" in lint("--base", "HEAD~1", cwd=root).stdout


def test_statistics_exit_zero_and_forced_colour(repo):
    """ruff's --statistics and --exit-zero; FORCE_COLOR colours a CI log (not a terminal)."""
    (repo / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财正局, 县民正局,"), encoding="utf-8")
    r = lint("--statistics", cwd=repo)
    assert r.returncode == 1 and r.stdout.splitlines()[0].split() == ["2", "GK202", "[错误]", "未知单位：名称无法识别"], r.stdout
    assert "发现 2 个问题" in r.stdout and "县财正局" not in r.stdout
    z = lint("--exit-zero", cwd=repo)
    assert z.returncode == 0 and "GK202" in z.stdout
    js = json.loads(lint("--statistics", "--format", "json", cwd=repo).stdout)
    assert js == [{"code": "GK202", "count": 2, "severity": "error", "summary": "未知单位：名称无法识别"}]
    assert lint("--statistics", "--format", "junit", cwd=repo).returncode == 2  # no text passed off as XML
    assert "\x1b[" not in lint(cwd=repo).stdout
    assert "\x1b[1;31mGK202" in lint(cwd=repo, env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout


def test_text_only_modes_work_in_github_actions(repo):
    """--format auto is github in GitHub Actions, but what only text shows (--statistics, --diff,
    --list-rules, --explain) stays text there: a command that works locally is no usage error in CI."""
    (repo / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财正局,"), encoding="utf-8")
    gha = {"GITHUB_ACTIONS": "true"}
    r = lint("--statistics", cwd=repo, env=gha)
    assert r.returncode == 1 and r.stdout.split()[:2] == ["1", "GK202"], r.stdout + r.stderr
    assert lint(cwd=repo, env=gha).stdout.startswith("::error ")  # the findings themselves: annotations
    assert lint("--list-rules", cwd=repo, env=gha).stdout.startswith("GK101")
    assert lint("--explain", "GK202", cwd=repo, env=gha).stdout.startswith("GK202（")
    (repo / "data/tasks/t.yaml").write_text(COMMENTED, encoding="utf-8")
    d = lint("--diff", *ALIASES, cwd=repo, env=gha)
    assert d.returncode == 1 and d.stdout.startswith("--- a/data/tasks/t.yaml"), d.stdout + d.stderr
    (repo / "gk.toml").write_text("county = \n", encoding="utf-8")  # the broken gk.toml is told as text too
    s = lint("--statistics", cwd=repo, env=gha)
    assert s.returncode == 2 and "::error" not in s.stdout and "gk.toml" in s.stderr
    assert lint("--diff", "--format", "json", cwd=repo).returncode == 2  # no JSON diff: said, not ignored


def test_a_broken_gk_toml_shows_in_ci_reports_too(repo, tmp_path):
    """A CI annotation on gk.toml, a JUnit file with a failing case: not only a log line and no report."""
    import xml.etree.ElementTree as ET

    (repo / "gk.toml").write_text('county = "x"\n[lint\n', encoding="utf-8")
    gh = lint("--format", "github", cwd=repo)
    assert gh.returncode == 2 and gh.stdout.startswith("::error file=gk.toml,line=2,col=6,title=GK000::gk.toml 第 2 行第 6 列")
    out = tmp_path / "gk.xml"
    ju = lint("--format", "junit", "-o", str(out), cwd=repo)
    assert ju.returncode == 2 and ET.parse(out).getroot().get("failures") == "1"
    (repo / "gk.toml").write_text('[lint]\nignroe = ["GK1"]\n', encoding="utf-8")
    assert "::error file=gk.toml" in lint("--format", "github", cwd=repo).stdout
    (repo / "gk.toml").write_text('[lint]\nselect = ["GK999"]\n', encoding="utf-8")  # a rule that does not exist
    assert "::error file=gk.toml" in lint("--format", "github", cwd=repo).stdout
    assert lint("--format", "github", cwd=tmp_path).stdout == ""  # no data repo at all: no gk.toml to point at


def test_a_broken_gk_toml_is_reported_on_its_line_in_every_report(repo, tmp_path):
    """The setting's own line (not 1:1) in annotations and reports; JSON, on the screen or in -o,
    holds the finding too (a CI step parsing it got nothing); each mistake's hint says how to write it."""
    (repo / "gk.toml").write_text('county = "测试县"\n# 检查选项\n\n[lint]\nseverity = "GK403=warning"\n', encoding="utf-8")
    gh = lint("--format", "github", cwd=repo)
    assert gh.returncode == 2 and gh.stdout.startswith("::error file=gk.toml,line=5,col=1,title=GK000::"), gh.stdout
    assert '应为列表，如 ["GK403=warning"]' in gh.stderr and '写作 severity = ["GK403=warning"]' in gh.stderr, gh.stderr
    js = lint("--format", "json", cwd=repo)
    assert js.returncode == 2 and [(f["path"], f["line"], f["code"]) for f in json.loads(js.stdout)] == [("gk.toml", 5, "GK000")]
    out = tmp_path / "o.json"
    assert lint("-f", "json", "-o", str(out), cwd=repo).returncode == 2 and json.loads(out.read_text(encoding="utf-8"))[0]["line"] == 5
    txt = tmp_path / "o.txt"
    assert lint("-o", str(txt), cwd=repo).returncode == 2 and txt.read_text(encoding="utf-8").startswith("gk.toml:5:1: GK000 ")
    (repo / "gk.toml").write_text('county = "测试县"\nreport_window_days = "十"\n', encoding="utf-8")
    r = lint("--format", "gitlab", cwd=repo)
    assert json.loads(r.stdout)[0]["location"]["lines"]["begin"] == 2
    assert "应为整数" in r.stderr and "写作 report_window_days = 10" in r.stderr and "可写的设置" not in r.stderr, r.stderr
    (repo / "gk.toml").write_text('county = "测试县"\n[lint]\nstrict = true\nignore = ["GK999"]\n', encoding="utf-8")  # found after reading
    assert lint("--format", "github", cwd=repo).stdout.startswith("::error file=gk.toml,line=4,col=1,")


def test_staged_checks_what_the_commit_holds(make_repo):
    """The pre-commit hook (--staged): an old problem elsewhere does not block a README commit,
    a draft never added is not the commit's, a staged bad file is, and a staged closed quarter is GK407."""
    old = TASKS.replace("units: [县财政局,", "units: [县财正局,")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": old, "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    (root / "README.md").write_text("说明\n", encoding="utf-8")
    git(root, "add", "README.md")
    r = lint("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert r.returncode == 0 and "改动的 0 个数据文件" in r.stdout, r.stdout
    draft = root / "data/progress/2024Q1/县财政局.yaml"
    draft.parent.mkdir(parents=True)
    draft.write_text(progress("县财政局", "2024Q1", "  - task: nosuch-01\n    status: done\n    date: 2024-01-10\n"), encoding="utf-8")
    assert lint("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"}).returncode == 0  # not added: a draft
    git(root, "add", str(draft))
    got = findings("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert [(f["path"], f["code"]) for f in got] == [("data/progress/2024Q1/县财政局.yaml", "GK402")]
    (root / "gk.toml").write_text('[lint]\nignore = ["GK402"]\n', encoding="utf-8")  # not added: the commit's [lint] is still none
    assert [f["code"] for f in findings("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})] == ["GK402"]
    (root / "gk.toml").unlink()
    draft.write_text(progress("县财政局", "2024Q1", "  - task: t2023-01\n    status: done\n    date: 2024-01-10\n"), encoding="utf-8")
    got = findings("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})  # the fix not added: the commit still holds the bad entry
    assert [(f["path"], f["code"]) for f in got] == [("data/progress/2024Q1/县财政局.yaml", "GK402")]
    git(root, "reset", "-q", "--", str(draft))  # a draft again
    helper = root / "data/units/draft.yaml"  # a draft unit file, never added, that a staged task leans on
    helper.write_text("units:\n  - name: 县教育局\n    kind: department\n", encoding="utf-8")
    (root / "data/tasks/t.yaml").write_text(old.replace("units: [县财正局,", "units: [县财正局, 县教育局,"), encoding="utf-8")
    git(root, "add", "data/tasks/t.yaml")
    got = findings("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert ("data/tasks/t.yaml", "GK202") in [(f["path"], f["code"]) for f in got] and any("县教育局" in f["message"] for f in got)
    git(root, "reset", "-q", "--", "data/tasks/t.yaml")
    git(root, "checkout", "-q", "--", "data/tasks/t.yaml")
    helper.unlink()
    git(root, "rm", "-q", "--cached", "data/units/u.yaml")  # the commit removes every unit
    assert lint("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"}).returncode == 1
    git(root, "reset", "-q", "--", "data/units/u.yaml")
    closed = root / "data/progress/2023Q3/县财政局.yaml"
    closed.write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")
    git(root, "add", str(closed))
    got = findings("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert [(f["path"], f["code"], f["line"]) for f in got] == [("data/progress/2023Q3/县财政局.yaml", "GK407", 8)]
    undo = got[0]["hint"].split("（", 1)[1].split("）", 1)[0]  # the hint's command undoes the staged edit
    assert undo == "git checkout HEAD -- 'data/progress/2023Q3/县财政局.yaml'", got[0]["hint"]
    git(root, *shlex.split(undo)[1:])
    assert lint("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"}).returncode == 0
    # run from inside the repo's data/ (paths are the repo's): the command says where git is to run
    closed.write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")
    git(root, "add", str(closed))
    got = findings("--staged", cwd=root / "data", env={"GK_TODAY": "2024-01-15"})
    undo = got[0]["hint"].split("（", 1)[1].split("）", 1)[0]
    assert undo == "git -C .. checkout HEAD -- 'data/progress/2023Q3/县财政局.yaml'", got[0]["hint"]
    subprocess.run(shlex.split(undo), cwd=root / "data", check=True, capture_output=True)
    assert lint("--staged", cwd=root, env={"GK_TODAY": "2024-01-15"}).returncode == 0
    assert lint("--staged", "--base", "HEAD", cwd=root).returncode == 2


def test_gk_inits_pre_commit_hook_leaves_untracked_drafts_alone(tmp_path):
    """pre-commit stashes unstaged edits but not untracked files: the hook gk init writes runs
    --staged, so a draft never added does not block a commit; a staged mistake still does."""
    import shlex

    import yaml

    root = tmp_path / "r"
    assert run_gk("init", str(root)).returncode == 0
    hook = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    argv = shlex.split(hook["entry"]) + hook.get("args", [])
    assert argv[:2] == ["gk", "lint"] and "--staged" in argv, hook
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    draft = root / "data/tasks/draft.yaml"
    draft.write_text("plan: {id: d2024, title: 草稿\n", encoding="utf-8")  # half written, never added
    (root / "README.md").write_text("说明\n", encoding="utf-8")
    git(root, "add", "README.md")
    r = lint(*argv[2:], cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    git(root, "add", str(draft))
    assert lint(*argv[2:], cwd=root).returncode == 1


def test_staged_before_the_first_commit(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS.replace("units: [县财政局,", "units: [县财正局,")})
    git(root, "init", "-q")
    assert lint("--staged", cwd=root).returncode == 0  # nothing added yet
    git(root, "add", "-A")
    got = findings("--staged", cwd=root)
    assert [(f["path"], f["code"]) for f in got] == [("data/tasks/t.yaml", "GK202")]


def test_bad_base_revision_exits_2(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS}, git_init=True)
    r = lint("--base", "no-such-branch", cwd=root)
    assert r.returncode == 2 and "找不到 git 版本“no-such-branch”" in r.stderr
    r = lint("--base", "--output=x", cwd=root)
    assert r.returncode == 2


def test_a_repo_git_refuses_as_another_users_is_said_so(make_repo):
    """git's "dubious ownership" (a checkout owned by another user: a CI container, a mounted
    folder) is git's reason and the safe.directory command, not “不在 git 仓库中 … git init”."""
    import os
    import subprocess

    root = make_repo({"data/units/u.yaml": UNITS}, git_init=True)
    other = {"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"}  # git's own switch for testing the refusal
    probe = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, env={**os.environ, **other}, capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this git does not know GIT_TEST_ASSUME_DIFFERENT_OWNER")
    for args in (["--base", "HEAD"], ["--staged"]):
        r = lint(*args, cwd=root, env=other)
        assert r.returncode == 2 and "不在 git 仓库中" not in r.stderr, r.stderr
        assert "dubious ownership" in r.stderr and f"git config --global --add safe.directory {root}" in r.stderr, r.stderr


def test_a_unit_renamed_keeps_its_history_files_as_they_are(repo):
    """县财政局 was called 县财政局办公室 (now an alias) when it filed 2023Q2: that file, named
    so inside and out, is valid (GK401) and --fix leaves its unit alone (GK210), since a
    closed quarter's file may not change (GK407)."""
    old = repo / "data/progress/2023Q2/县财政局办公室.yaml"
    old.parent.mkdir(parents=True)
    text = DONE_Q3.replace("unit: 县财政局", "unit: 县财政局办公室").replace("2023Q3", "2023Q2").replace("2023-10-08", "2023-07-05").replace("2023-09", "2023-06")
    old.write_text(text, encoding="utf-8")
    assert [f["code"] for f in findings("--extend-select", "GK210", cwd=repo)] == []
    assert lint("--fix", "--extend-select", "GK210", cwd=repo).returncode == 0
    assert old.read_text(encoding="utf-8") == text
    twin = repo / "data/progress/2023Q3/县财政局.yml"  # a second file for one unit and quarter
    twin.write_text(DONE_Q3, encoding="utf-8")
    assert ("data/progress/2023Q3/县财政局.yml", "GK401") in [(f["path"], f["code"]) for f in findings(cwd=repo)]


@pytest.mark.parametrize("args", [["--ignore", "GK101"], ["--select", "GK2"], ["--severity", "GK101=warning"], ["--ignore", "GK1"]])
def test_a_file_that_cannot_be_read_is_always_an_error(repo, args):
    """As ruff's syntax errors and yamllint's `syntax`: no selection hides an unread file."""
    (repo / "data/tasks/bad.yaml").write_text("plan: {id: b, title: [\n", encoding="utf-8")
    r = lint("--format", "json", *args, cwd=repo)
    got = [(f["path"], f["code"], f["severity"]) for f in json.loads(r.stdout)]
    assert ("data/tasks/bad.yaml", "GK101", "error") in got and r.returncode == 1


def _branch_and_main_went_on(make_repo) -> Path:
    """A branch pr with its own 2024Q1 file; after it left, main added a 2023Q3 (closed) file."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    git(root, "branch", "-M", "main")
    git(root, "checkout", "-q", "-b", "pr")
    (root / "data/progress/2024Q1").mkdir(parents=True)
    (root / "data/progress/2024Q1/县财政局.yaml").write_text(progress("县财政局", "2024Q1", "  - task: t2023-01\n    status: done\n    date: 2024-01-12\n"), encoding="utf-8")
    _commit(root, "the pull request's own file")
    git(root, "checkout", "-q", "main")
    (root / "data/progress/2023Q3").mkdir(parents=True)
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(DONE_Q3, encoding="utf-8")
    _commit(root, "main goes on")
    return root


def test_pull_request_mode_is_since_the_branch_left_the_base(make_repo):
    """As `git diff main...HEAD`: what main did after the branch left it is not the branch's
    change (main's new closed-quarter file is not "deleted" by the branch)."""
    root = _branch_and_main_went_on(make_repo)
    git(root, "checkout", "-q", "pr")
    r = lint("--base", "main", cwd=root, env={"GK_TODAY": "2024-02-01"})
    assert r.returncode == 0, r.stdout
    assert "main 与本分支的分叉点" in r.stdout and "改动的 1 个数据文件" in r.stdout
    assert re.search(r"分叉点（[0-9a-f]{10}）以来改动", r.stdout), r.stdout  # no space after a full-width bracket


def test_a_shallow_clone_without_the_fork_point_is_a_usage_error(make_repo, tmp_path):
    """CI's default shallow checkout, then the base fetched: git cannot tell where the branch
    left main. Comparing with main's tip made main's newer closed-quarter file "deleted" (GK407)."""
    root = _branch_and_main_went_on(make_repo)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "pr", root.as_uri(), str(clone))
    git(clone, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    r = lint("--base", "origin/main", cwd=clone, env={"GK_TODAY": "2024-02-01"})
    assert r.returncode == 2 and "GK407" not in r.stdout, r.stdout
    assert "浅克隆" in r.stderr and "fetch-depth: 0" in r.stderr and "git fetch --unshallow" in r.stderr, r.stderr
    r = lint("--base", "no-such-branch", cwd=clone)  # the hint for a missing base does not lead into the above
    assert r.returncode == 2 and "git fetch --unshallow" in r.stderr, r.stderr
    git(clone, "fetch", "-q", "--unshallow", "origin")
    assert lint("--base", "origin/main", cwd=clone, env={"GK_TODAY": "2024-02-01"}).returncode == 0
    git(root, "checkout", "-q", "--orphan", "other")  # no history in common at all
    _commit(root, "unrelated")
    r = lint("--base", "main", cwd=root, env={"GK_TODAY": "2024-02-01"})
    assert r.returncode == 2 and "没有共同的 git 历史" in r.stderr, r.stderr


def test_a_pull_request_cannot_reopen_a_quarter_by_lengthening_the_window(make_repo):
    root = make_repo({"gk.toml": "report_window_days = 10\n", "data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS,
                      "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    (root / "gk.toml").write_text("report_window_days = 366\n", encoding="utf-8")
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")
    got = findings("--base", "HEAD", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert ("data/progress/2023Q3/县财政局.yaml", "GK407") in [(f["path"], f["code"]) for f in got]


@pytest.mark.parametrize("lint_table", ['[lint]\nignore = ["GK407"]\n', '[lint]\nignore = ["GK"]\n', '[lint]\nselect = ["GK1"]\n',
                                        '[lint]\nseverity = ["GK407=warning"]\n'])
def test_a_pull_request_cannot_switch_rules_off_for_itself(make_repo, lint_table):
    """As report_window_days: with --base, [lint] is the base's; the change applies once merged."""
    root = make_repo({"gk.toml": "report_window_days = 10\n", "data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS,
                      "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    (root / "gk.toml").write_text("report_window_days = 10\n" + lint_table, encoding="utf-8")
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")
    r = lint("--base", "HEAD", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert r.returncode == 1 and "GK407" in r.stdout and "修改了 gk.toml 的 [lint]" in r.stdout, r.stdout
    assert lint(cwd=root, env={"GK_TODAY": "2024-01-15"}).returncode in (0, 1)  # without --base: this gk.toml's


@pytest.mark.parametrize("lint_table,said", [('[lint]\nignor = ["GK202"]\n', "lint.ignor 有误"),
                                              ('[lint]\nignore = ["GK999"]\n', "“GK999”"),
                                              ('[lint]\nstrict = "yes"\n', "lint.strict 有误")])
def test_a_wrong_lint_table_in_the_pull_request_is_a_finding_not_exit_2(make_repo, lint_table, said):
    """With --base the branch's [lint] is not used (the base's is): a typo in it stopped everything with
    exit 2 and hid every data finding. It is an error in gk.toml, and the data is still checked."""
    root = make_repo({"gk.toml": 'county = "测试县"\n', "data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "gk.toml").write_text('county = "测试县"\n' + lint_table, encoding="utf-8")
    (root / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财正局,"), encoding="utf-8")
    r = run_gk("lint", "--base", "HEAD", "-f", "json", cwd=root)
    got = {(f["path"], f["code"], f["line"]) for f in json.loads(r.stdout)}
    assert r.returncode == 1 and ("gk.toml", "GK000", 3) in got and any(c == "GK202" for _, c, _ in got), r.stdout + r.stderr
    assert said in r.stdout, r.stdout
    assert run_gk("lint", cwd=root).returncode == 2  # without --base this gk.toml's [lint] is the one used: a usage error


def test_a_closed_quarters_file_whose_only_change_is_its_line_ends_is_said_so(make_repo):
    """An editor that saved the LF file as CRLF changed every line: GK407 says that is all it changed, where
    the usual message sent people looking for an edit that is not there. Staged, the same."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3,
                      "data/progress/2023Q3/城东镇.yaml": DONE_Q3.replace("县财政局", "城东镇")}, git_init=True)
    env = {"GK_TODAY": "2024-01-15"}
    (root / "data/progress/2023Q3/县财政局.yaml").write_bytes(DONE_Q3.replace("\n", "\r\n").encode("utf-8"))
    (root / "data/progress/2023Q3/城东镇.yaml").write_text(DONE_Q3.replace("县财政局", "城东镇").replace("已公开", "已公开。"), encoding="utf-8")
    for how in (("--base", "HEAD"), ("--staged",)):
        if how == ("--staged",):
            git(root, "add", "-A")
        got = {f["path"]: f for f in findings(*how, cwd=root, env=env) if f["code"] == "GK407"}
        assert "只改了换行符" in got["data/progress/2023Q3/县财政局.yaml"]["message"], got
        assert "只改了换行符" not in got["data/progress/2023Q3/城东镇.yaml"]["message"], got
    # Notepad also puts a BOM in front (t2, session 10: said as an edit to look for); with an edit besides, not so
    (root / "data/progress/2023Q3/县财政局.yaml").write_bytes(b"\xef\xbb\xbf" + DONE_Q3.replace("\n", "\r\n").encode("utf-8"))
    (root / "data/progress/2023Q3/城东镇.yaml").write_bytes(b"\xef\xbb\xbf" + DONE_Q3.replace("县财政局", "城东镇").replace("已公开", "已公开。").encode("utf-8"))
    for how in (("--base", "HEAD"), ("--staged",)):
        if how == ("--staged",):
            git(root, "add", "-A")
        got = {f["path"]: f for f in findings(*how, cwd=root, env=env) if f["code"] == "GK407"}
        assert "只改了换行符（LF 与 CRLF）或文件开头的 BOM 标记" in got["data/progress/2023Q3/县财政局.yaml"]["message"], got
        assert "只改了换行符" not in got["data/progress/2023Q3/城东镇.yaml"]["message"], got


def test_an_empty_base_is_a_usage_error_not_a_full_lint(make_repo):
    """`--base "${{ …base.sha }}"` that came out empty must not pass without GK407."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    r = lint("--base", "", cwd=root)
    assert r.returncode == 2 and "--base 的值是空的" in r.stderr


def test_lint_options_in_gk_toml_are_shared_and_the_command_line_goes_on_top(repo):
    """As ruff's config: CI and the pre-commit hook read the same [lint] table."""
    (repo / "data/tasks/t.yaml").write_text(COMMENTED, encoding="utf-8")
    (repo / "gk.toml").write_text('[lint]\nextend-select = ["GK210"]\nseverity = ["GK210=error"]\n', encoding="utf-8")
    got = [(f["code"], f["severity"]) for f in findings(cwd=repo)]
    assert ("GK210", "error") in got and ("GK210", "warning") not in got and lint(cwd=repo).returncode == 1
    assert lint("--severity", "GK210=warning", cwd=repo).returncode == 0  # the command line wins
    assert not [f for f in findings("--select", "GK1", cwd=repo) if f["code"] == "GK210"]  # --select replaces
    (repo / "gk.toml").write_text('[lint]\nignore = ["GK999"]\n', encoding="utf-8")
    bad = lint(cwd=repo)
    assert bad.returncode == 2 and "gk.toml 的 [lint] ignore 中的“GK999”" in bad.stderr
    (repo / "gk.toml").write_text('[lint]\nstrict = "yes"\n', encoding="utf-8")
    assert "应为 true 或 false" in lint(cwd=repo).stderr
    (repo / "gk.toml").write_text('[lint]\nignore = "GK209"\n', encoding="utf-8")
    assert '应为列表，如 ["GK209"]' in lint(cwd=repo).stderr
    (repo / "gk.toml").write_text('[lint]\nextend-select = ["GK210"]\nstrict = true\n', encoding="utf-8")
    assert lint(cwd=repo).returncode == 1 and lint("--no-strict", cwd=repo).returncode == 0  # GK210 warnings only


def test_the_command_line_layers_on_gk_toml_as_ruff_does(repo):
    """gk.toml's rules first, then the command line's: --select starts over (gk.toml's ignore
    too), --extend-select adds a rule gk.toml ignores back, --ignore takes away."""
    (repo / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [县财正局,"), encoding="utf-8")

    def codes(*args):
        return {f["code"] for f in findings(*args, cwd=repo)}

    assert "GK202" in codes()
    (repo / "gk.toml").write_text('[lint]\nignore = ["GK202"]\n', encoding="utf-8")
    assert "GK202" not in codes()
    assert codes("--select", "GK202") == {"GK202"}  # “only this rule” never silently shows nothing
    assert "GK202" in codes("--extend-select", "GK202")
    assert "GK202" not in codes("--select", "GK2", "--ignore", "GK202")
    (repo / "gk.toml").write_text('[lint]\nselect = ["GK2"]\nignore = ["GK2"]\n', encoding="utf-8")
    assert codes() == set() and "GK202" in codes("--extend-select", "GK202")


def test_gk407_ignores_a_mode_only_change(make_repo):
    """chmod +x (or a checkout that set the bit) changes no data: not 被修改, in a PR or a commit."""
    import os

    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    p = root / "data/progress/2023Q3/县财政局.yaml"
    os.chmod(p, 0o755)
    env = {"GK_TODAY": "2024-01-15"}
    assert findings("--base", "HEAD", cwd=root, env=env) == []
    git(root, "add", "-A")
    assert findings("--staged", cwd=root, env=env) == []
    _commit(root, "mode")
    assert findings("--base", "HEAD~1", cwd=root, env=env) == []
    p.write_text(DONE_Q3.replace("已公开", "已公开。"), encoding="utf-8")  # the content too: still GK407
    assert [f["code"] for f in findings("--base", "HEAD~1", cwd=root, env=env)] == ["GK407"]


def test_gk407_after_deleting_a_files_last_lines_points_inside_it(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3}, git_init=True)
    p = root / "data/progress/2023Q3/县财政局.yaml"
    p.write_text(DONE_Q3.replace("    note: 已公开\n", ""), encoding="utf-8")  # the last line gone
    got = findings("--base", "HEAD", cwd=root, env={"GK_TODAY": "2024-01-15"})
    lines = p.read_text(encoding="utf-8").count("\n")
    assert [(f["code"], f["line"] <= lines) for f in got if f["code"] == "GK407"] == [("GK407", True)]


def test_gk407_on_a_last_line_without_its_newline(make_repo):
    text = DONE_Q3.rstrip("\n")  # the last line (note: 已公开) has no line feed
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": text}, git_init=True)
    (root / "data/progress/2023Q3/县财政局.yaml").write_text(text + "。", encoding="utf-8")
    got = findings("--base", "HEAD", cwd=root, env={"GK_TODAY": "2024-01-15"})
    assert [(f["code"], f["line"]) for f in got if f["code"] == "GK407"] == [("GK407", 8)]


def test_a_huge_value_is_cut_in_the_message(repo):
    """A task id of 2,000 digits is not printed whole: its start and its length."""
    (repo / "data/progress/2023Q3").mkdir(parents=True, exist_ok=True)
    (repo / "data/progress/2023Q3/县财政局.yaml").write_text(
        progress("县财政局", "2023Q3", f"  - task: '{'9' * 2000}'\n    status: done\n    date: 2023-09-12\n"), encoding="utf-8")
    for fmt in ("text", "github", "junit"):  # (json keeps the value whole, for programs)
        out = lint("--format", fmt, cwd=repo).stdout
        assert "9" * 200 not in out and "（共 2000 个字符）" in out, out[:500]


FORGED = '"t-99”不存在\\n\\n未发现问题\\n\\n::error file=x::伪造\\u202e"'  # (an escaped ESC or U+FFFE is GK101 itself)


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_a_value_in_a_message_cannot_forge_output(repo, fmt):
    """A task id with line breaks, a workflow command and a bidi override:
    one finding stays one finding (one line, one annotation, well-formed XML)."""
    import xml.dom.minidom

    (repo / "data/progress/2023Q3").mkdir(parents=True, exist_ok=True)
    (repo / "data/progress/2023Q3/县财政局.yaml").write_text(
        progress("县财政局", "2023Q3", f"  - task: {FORGED}\n    status: done\n    date: 2023-09-12\n"), encoding="utf-8")
    r = lint("--format", fmt, cwd=repo)
    out = r.stdout
    assert r.returncode == 1
    assert not any(ch in out for ch in "\u202e\ufffe"), out
    if fmt == "text":
        assert "\n未发现问题" not in out and "\n::error" not in out and "\\n未发现问题\\n" in out
    elif fmt == "github":
        assert [line for line in out.splitlines() if line.startswith("::")] == out.splitlines()
        assert sum("GK402" in line for line in out.splitlines()) == 1
    else:
        xml.dom.minidom.parseString(out.encode("utf-8"))


WARNED = plan("""\
  - id: t2023-01
    title: 公开财政预决算
    units: [县财政局, 县财政局]
    deadline: 2023-06-30
""")  # GK209, a warning


def test_the_bases_lint_table_is_read_as_gk_toml_is(make_repo):
    """A BOM and ruff's extend-select at the base: its strict still holds in a PR that leaves gk.toml
    alone (it fell back to the defaults, with a note that the PR had changed [lint])."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "gk.toml").write_bytes("\ufeff[lint]\nstrict = true\nextend-select = []\n".encode("utf-8"))
    _commit(root, "strict")
    (root / "data/tasks/t.yaml").write_text(WARNED, encoding="utf-8")
    r = lint("--base", "HEAD", cwd=root)
    assert r.returncode == 1 and "GK209" in r.stdout and "[lint]" not in r.stdout, r.stdout


def test_a_wrong_lint_table_at_the_base_does_not_block_the_fix(make_repo):
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "gk.toml").write_text('[lint]\nignore = ["GK999"]\n', encoding="utf-8")
    _commit(root, "a typo")
    (root / "gk.toml").write_text('[lint]\nignore = ["GK209"]\n', encoding="utf-8")
    r = lint("--base", "HEAD", cwd=root)
    assert r.returncode == 0 and "[lint] 有误，本次按默认设置检查" in r.stdout, r.stdout + r.stderr


def test_a_pull_request_cannot_send_lint_to_another_folder(make_repo):
    """workspace = ["decoy"] added by the PR itself: its own data is still what --base checks."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "data/tasks/t.yaml").write_text(TASKS.replace("units: [县财政局,", "units: [不存在的单位,"), encoding="utf-8")
    (root / "decoy/data/units").mkdir(parents=True)
    (root / "decoy/data/units/u.yaml").write_text(UNITS, encoding="utf-8")
    (root / "decoy/gk.toml").write_text("", encoding="utf-8")
    (root / "gk.toml").write_text('workspace = ["decoy"]\n', encoding="utf-8")
    r = lint("--base", "HEAD", cwd=root)
    assert r.returncode == 1 and "GK202" in r.stdout and "加了 workspace" in r.stdout, r.stdout + r.stderr


def test_per_file_ignores_turn_a_rule_off_for_the_files_named(make_repo):
    """平昌: a revision took a task out of the plan after a unit had reported on it; its closed quarter's file
    cannot change (GK407), so GK402 kept CI red all year. [lint] per-file-ignores (as ruff's) accepts it for
    that file only; a file that cannot be read is said all the same, and an unknown rule is refused."""
    gone = progress("县财政局", "2023Q2", "  - task: t2023-09\n    status: in_progress\n    date: 2023-05-01\n", "2023-07-05")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3,
                      "data/progress/2023Q2/县财政局.yaml": gone, "data/progress/2023Q3/县民政局.yaml": gone.replace("2023Q2", "2023Q3").replace("2023-05-01", "2023-08-01").replace("2023-07-05", "2023-10-05").replace("县财政局", "县民政局")})
    assert {f["code"] for f in json.loads(run_gk("lint", "-f", "json", cwd=root).stdout)} >= {"GK402"}
    (root / "gk.toml").write_text('county = "测试县"\n[lint]\nper-file-ignores = {"data/progress/2023Q2/*.yaml" = ["GK402"]}\n', encoding="utf-8")
    r = run_gk("lint", "-f", "json", cwd=root)
    assert [(f["path"], f["code"]) for f in json.loads(r.stdout) if f["code"] == "GK402"] == [("data/progress/2023Q3/县民政局.yaml", "GK402")], r.stdout
    (root / "gk.toml").write_text('county = "测试县"\n[lint]\nper-file-ignores = {"./data/progress/2023Q2/*.yaml" = ["GK402"]}\n', encoding="utf-8")
    r = run_gk("lint", cwd=root)  # a glob of no file: said, not silently nothing
    assert "per-file-ignores 中的“./data/progress/2023Q2/*.yaml”没有匹配任何数据文件" in r.stdout + r.stderr, r.stdout + r.stderr
    (root / "data/progress/2023Q2/县财政局.yaml").write_text("unit: [\n", encoding="utf-8")
    assert "GK101" in run_gk("lint", cwd=root).stdout  # never hidden: the file's data is missing
    (root / "gk.toml").write_text('county = "测试县"\n[lint]\nper-file-ignores = {"data/**" = ["GK999"]}\n', encoding="utf-8")
    r = run_gk("lint", cwd=root)
    assert r.returncode == 2 and "per-file-ignores" in r.stdout + r.stderr and "GK999" in r.stdout + r.stderr, r.stdout + r.stderr


def test_a_bad_per_file_ignore_on_the_base_does_not_block_the_pull_request_that_fixes_it(make_repo):
    """The base's [lint] is what a pull request is checked with; a wrong code in its per-file-ignores made every
    pull request exit 2 (the one fixing it too), where a wrong ignore falls back to the defaults with a note."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": DONE_Q3,
                      "gk.toml": 'county = "测试县"\n[lint]\nper-file-ignores = {"*" = ["GK999"]}\n'}, git_init=True)
    git(root, "branch", "base")
    (root / "gk.toml").write_text('county = "测试县"\n[lint]\nper-file-ignores = {"*" = ["GK402"]}\n', encoding="utf-8")
    git(root, "commit", "-qam", "fix")
    r = run_gk("lint", "--base", "base", cwd=root)
    assert r.returncode == 0 and "[lint] 有误" in r.stdout + r.stderr, r.stdout + r.stderr


def test_fix_leaves_alone_what_per_file_ignores_turns_off(repo):
    """As ruff: a rule ignored for a file is not fixed there either (gk lint --diff rewrote the alias all the same)."""
    assert "各乡镇人民政府、街道办事处" in run_gk("lint", "--extend-select", "GK211", "--diff", cwd=repo).stdout  # (a group's alias)
    (repo / "gk.toml").write_text('county = "测试县"\n[lint]\nextend-select = ["GK211"]\nper-file-ignores = {"data/tasks/*" = ["GK211"]}\n', encoding="utf-8")
    r = run_gk("lint", "--diff", cwd=repo)
    assert "各乡镇人民政府、街道办事处" not in r.stdout, r.stdout


def test_a_path_with_no_data_file_is_said_not_called_clean(repo):
    """`gk lint README.md` said 未发现问题 (exit 0) of a file gk does not read: said, as ruff's
    "No Python files found", with no 未发现问题; exit 0 still (nothing wrong was found)."""
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    (repo / "docs").mkdir()
    r = lint("README.md", cwd=repo)
    assert r.returncode == 0 and "README.md 不是 gk 检查的数据文件" in r.stdout and "未发现问题" not in r.stdout, r.stdout
    assert "没有检查任何数据文件" in r.stdout
    both = lint("README.md", "docs", "data/units", cwd=repo)
    assert "docs 中没有 gk 检查的数据文件" in both.stdout and "未发现问题" in both.stdout, both.stdout  # data/units was checked
    assert "不是 gk 检查的数据文件" not in lint("gk.toml", cwd=repo).stdout


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_explain_is_a_usage_error_not_a_full_lint(repo, value):
    r = lint("--explain", value, cwd=repo)
    assert r.returncode == 2 and "--explain 的值是空的" in r.stderr and r.stdout == "", r.stdout + r.stderr


def test_gk109_summary_names_both_extensions_gk_reads():
    """.yml files are read: the one-line summary said only .yaml."""
    from gkcli.lint import registry

    assert ".yml" in registry.find("GK109").summary and ".yaml" in registry.find("GK109").summary


def test_fix_keeps_each_lines_own_line_end_in_a_mixed_file(repo):
    """A file mixing LF and CRLF lines: each edited line keeps its own line end, whatever the others use."""
    p = repo / "data/tasks/t.yaml"
    lines = COMMENTED.splitlines()
    ends = ["\r\n" if i % 2 else "\n" for i in range(len(lines))]
    p.write_bytes("".join(x + e for x, e in zip(lines, ends)).encode("utf-8"))
    r = lint("--fix", *ALIASES, cwd=repo)
    assert r.stdout.startswith("已修复 "), r.stdout
    after = p.read_bytes().decode("utf-8")
    assert re.findall(r"\r\n|\n", after) == ends and "县财政局办公室" not in after


def test_a_wrong_header_does_not_hide_its_entries_mistakes(make_repo):
    """One pass tells everything (as ruff, yamllint): a period written 2023年第三季度 is GK105 with its
    fix, and the file is checked as 2023Q3 (its unit GK202, its task GK402, a date after the quarter
    GK404); a period that reads as no quarter still has its unit and tasks checked. gk status counts
    such a file as its folder's quarter when the two agree (session 10), else leaves it out; --fix writes 2023Q3."""
    wrong = progress("县财政所", "2023年第三季度", "  - task: t2023-09\n    status: done\n    date: 2023-10-20\n", "2023-10-08")
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS, "data/progress/2023Q3/县财政局.yaml": wrong})
    env = {"GK_TODAY": "2023-10-09"}
    got = {(f["code"], f["line"]) for f in findings(cwd=root, env=env) if f["path"].startswith("data/progress/")}
    assert {("GK105", 2), ("GK202", 1), ("GK402", 5), ("GK404", 7)} <= got, got
    p = root / "data/progress/2023Q3/县财政局.yaml"
    p.write_text(progress("县财政局", "2023年第三季度", "  - task: t2023-01\n    status: done\n    date: 2023-09-01\n"), encoding="utf-8")
    status = json.loads(run_gk("status", "--format", "json", "--as-of", "2023-10-09", cwd=root, env=env).stdout)
    assert [a["status"] for a in status["tasks"][0]["assignments"] if a["unit"] == "县财政局"] == ["done_late"], status
    p.write_text(progress("县财政局", "2023年第二季度", "  - task: t2023-01\n    status: done\n    date: 2023-09-01\n"), encoding="utf-8")
    status = json.loads(run_gk("status", "--format", "json", "--as-of", "2023-10-09", cwd=root, env=env).stdout)
    assert [a["status"] for a in status["tasks"][0]["assignments"] if a["unit"] == "县财政局"] == ["overdue"], status
    p.write_text(wrong.replace("2023年第三季度", "第三季度"), encoding="utf-8")
    got = {(f["code"], f["line"]) for f in findings(cwd=root, env=env) if f["path"].startswith("data/progress/")}
    assert {("GK105", 2), ("GK202", 1), ("GK402", 5)} <= got and ("GK404", 7) not in got, got
    p.write_text(wrong.replace("2023年第三季度", "2023-q3"), encoding="utf-8")
    r = lint("--fix", cwd=root, env=env)
    assert "period “2023-q3” → 2023Q3" in r.stdout and "period: 2023Q3\n" in p.read_text(encoding="utf-8"), r.stdout


def test_a_group_cycle_in_a_pull_request_names_the_link_it_added(make_repo):
    """Adding 乙组 to 甲组's members closed a cycle 甲组 → 乙组 → 丙组 → 甲组; the hint said to take out a
    long-standing link (the last one found). Against --base (or, staged, HEAD) it is the one the change added."""
    units = ("units:\n  - {name: 县财政局, kind: department}\n"
             "groups:\n  - name: 丙组\n    members: [县财政局, 甲组]\n  - name: 甲组\n    members: [县财政局]\n"
             "  - name: 乙组\n    members: [丙组]\n")
    root = make_repo({"data/units/u.yaml": units, "data/tasks/t.yaml": TASKS.replace("县财政局, 各乡镇（街道）", "县财政局")},
                     git_init=True)
    (root / "data/units/u.yaml").write_text(units.replace("members: [县财政局]\n", "members: [县财政局, 乙组]\n"), encoding="utf-8")
    for option in (["--base", "HEAD"], ["--staged"]):
        git(root, "add", "-A")
        (f,) = [f for f in findings(*option, cwd=root) if f["code"] == "GK205"]
        assert (f["line"], f["hint"]) == (7, "从分组“甲组”的成员中删去“乙组”，或改写为具体单位"), (option, f)
    (f,) = [f for f in findings(cwd=root) if f["code"] == "GK205"]  # no base: the link that closed the cycle, as before
    assert f["line"] != 7


def test_a_copy_is_blamed_when_neither_file_is_named_after_its_plan(make_repo):
    """t6 (session 10): `2023年实施方案.yaml` and `2023年实施方案 - 副本.yaml` (Explorer's copy, sorting first): the
    original was told it looked like the copy. A file named as a copy (副本, (1), copy) is the copy."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/2023年实施方案.yaml": TASKS,
                      "data/tasks/2023年实施方案 - 副本.yaml": TASKS})
    got = [(f["path"], f["code"]) for f in findings(cwd=root)]
    assert got == [("data/tasks/2023年实施方案 - 副本.yaml", "GK306")], got


def test_a_group_the_change_deleted_is_said_so_where_it_is_used(make_repo):
    """t1/t7 (session 10): a group deleted in a pull request was 是不是“<another group>”？ at each use; under --base
    gk can see the change took it out of data/units/."""
    root = make_repo({"data/units/u.yaml": UNITS, "data/tasks/t.yaml": TASKS}, git_init=True)
    (root / "data/units/u.yaml").write_text(UNITS.split("groups:")[0], encoding="utf-8")
    got = [f for f in findings("--base", "HEAD", cwd=root) if f["code"] == "GK202"]
    assert got and all("是改动前 data/units/u.yaml 中的分组，本次改动删去了它" in f["hint"] for f in got), got
