"""Docs as tests: every rule is declared completely and documented the same way, and
the published rule list (docs/rules.md), the CI snippets and the pre-commit hook are current."""

from __future__ import annotations

import importlib
import re

import pytest
import yaml

from conftest import ROOT
from gkcli import yamlio
from gkcli.lint import formats
from gkcli.lint.registry import all_rules, find

RULES = all_rules()
HEADINGS = ["## 作用", "## 为什么", "## 错误示例", "## 正确示例", "## 修复"]


def _section(doc: str, heading: str) -> str:
    i = doc.index(heading) + len(heading)
    j = min([doc.index(h) for h in HEADINGS if h in doc and doc.index(h) > i] or [len(doc)])
    return doc[i:j]


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_declared_and_documented(rule):
    mod = importlib.import_module(rule.module)
    assert re.fullmatch(r"GK\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name)
    assert mod.__name__.rsplit(".", 1)[1] == f"gk{rule.code[2:]}_{rule.name.replace('-', '_')}"
    assert rule.severity in ("error", "warning")
    assert rule.summary and re.search(r"[\u4e00-\u9fff]", rule.summary) and "\n" not in rule.summary
    positions = [rule.doc.find(h) for h in HEADINGS]
    assert -1 not in positions, f"{rule.code} lacks a heading"
    assert positions == sorted(positions), f"{rule.code}: headings out of order"
    for h in ("## 错误示例", "## 正确示例"):
        assert _yaml_blocks(_section(rule.doc, h)), f"{rule.code}: {h} has no ```yaml example"
    fix_text = _section(rule.doc, "## 修复")
    if rule.fixable:
        assert rule.fixes is not None, f"{rule.code} is FIXABLE but has no fixes()"
        assert "可以自动修复" in fix_text or "自动修复" in fix_text
    else:
        assert rule.fixes is None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_example_is_valid_yaml(rule):
    """The 正确示例 reads without a problem (the failing one may be broken on purpose)."""
    for block in _yaml_blocks(_section(rule.doc, "## 正确示例")):
        doc, problems = yamlio.read(block.encode("utf-8"))
        assert doc is not None and problems == [], f"{rule.code}: {problems}"


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_find_by_code_or_name():
    assert find("GK202").name == "unknown-unit"
    assert find("gk202").code == "GK202"
    assert find("202").code == "GK202"
    assert find("unknown-unit").code == "GK202"
    assert find("GK999") is None


def test_docs_rules_md_is_current():
    """docs/rules.md is generated: gk lint --list-rules --format markdown > docs/rules.md"""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == formats.rules_markdown(RULES)


def _snippets(name: str) -> str:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- ci:{name} -->\n```yaml\n(.*?)```", text, re.S)
    assert m, f"docs/ci.md has no {name} snippet"
    return m[1]


def test_ci_snippets_are_valid_and_run_gk_lint():
    gh = yaml.safe_load(_snippets("github"))
    steps = gh["jobs"]["lint"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("gk lint --base" in r for r in runs) and any(r.strip() == "gk lint" for r in runs)
    assert steps[0]["with"]["fetch-depth"] == 0
    gl = yaml.safe_load(_snippets("gitlab"))["gk-lint"]
    assert gl["artifacts"]["reports"]["junit"] == "gk-lint.xml"
    assert any("--format junit -o gk-lint.xml" in s for s in gl["script"])
    assert gl["artifacts"]["reports"]["codequality"] == "gk-quality.json"
    assert any("gk lint --format gitlab -o gk-quality.json" in s for s in gl["script"])  # whole: GitLab compares it with main's
    assert gl["variables"]["GIT_DEPTH"] == "0"
    pc = yaml.safe_load(_snippets("pre-commit"))
    assert pc["repos"][0]["hooks"][0]["id"] == "gk-lint"


def test_pre_commit_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "gk-lint"
    assert hook["entry"] == "gk lint"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/progress/2023Q3/县财政局.yaml") and files.search("gk.toml")
    assert not files.search("README.md") and not files.search("src/gkcli/cli.py") and not files.search("gk.toml.bak")
    # pre-commit hands a hook no deleted file: a commit that only deletes a unit file is checked too (as gk init's hook)
    assert hook["always_run"] is True
    # `language: python` installs this repository: it must be an installable package with the gk script
    assert 'gk = "gkcli.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_ci_doc_names_every_documented_option():
    """Every option the CI page shows exists in `gk lint --help`."""
    from conftest import run_gk

    help_text = run_gk("lint", "--help").stdout
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    opts = {o for line in doc.splitlines() if "gk lint" in line for o in re.findall(r"(?<![\w-])--[a-z][a-z-]+", line.split("#")[0])}
    assert {"--base", "--fix", "--strict", "--format"} <= opts
    for opt in sorted(opts):
        assert opt in help_text, opt
