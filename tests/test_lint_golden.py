"""A data repo with one of each defect (tests/lint_golden/repo) gives exactly the
expected codes at the expected lines, in every output format.

Each planted defect carries an `# expect: GKnnn` comment on the line where it must
be reported; the outputs are compared with golden files. Regenerate them after a
deliberate change with:

    GK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_lint_golden.py
"""

from __future__ import annotations

import json
import os
import re
import xml.dom.minidom
from pathlib import Path

import pytest

from conftest import run_gk

HERE = Path(__file__).parent / "lint_golden"
REPO = HERE / "repo"
UPDATE = os.environ.get("GK_UPDATE_GOLDEN") == "1"
EXPECT = re.compile(rb"#\s*expect:\s*((?:GK\d{3}[ ,]*)+)")

# defects that cannot carry a comment: a symlink leaving the repo
EXTRA = {("data/catalog/outside.yaml", 1, "GK107")}

GOLDEN = {"text": "expected.txt", "json": "expected.json", "github": "expected.github.txt", "junit": "expected.junit.xml",
          "gitlab": "expected.gitlab.json"}


def expected_codes() -> set[tuple[str, int, str]]:
    out = set(EXTRA)
    for p in sorted((REPO / "data").rglob("*.yaml")):
        if p.is_symlink():
            continue
        rel = p.relative_to(REPO).as_posix()
        for n, line in enumerate(p.read_bytes().splitlines(), 1):
            m = EXPECT.search(line)
            if m:
                for code in re.findall(rb"GK\d{3}", m[1]):
                    out.add((rel, n, code.decode()))
    return out


def _lint(fmt: str):
    r = run_gk("lint", "--format", fmt, cwd=REPO, env={"GITHUB_ACTIONS": "", "GK_NO_CACHE": "1", "CI_PROJECT_DIR": ""})
    assert "Traceback" not in r.stderr
    return r


@pytest.mark.parametrize("fmt", list(GOLDEN))
def test_golden_output(fmt):
    r = _lint(fmt)
    assert r.returncode == 1, r.stderr
    golden = HERE / GOLDEN[fmt]
    if UPDATE:
        golden.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == golden.read_text(encoding="utf-8")


def test_gitlab_code_quality_report():
    """GitLab's Code Quality schema: the fields it requires, a unique fingerprint per item."""
    items = json.loads(_lint("gitlab").stdout)
    assert items and all(set(i) == {"description", "check_name", "fingerprint", "severity", "location"} for i in items)
    assert len({i["fingerprint"] for i in items}) == len(items)
    assert {i["severity"] for i in items} <= {"major", "minor"}
    assert all(isinstance(i["location"]["lines"]["begin"], int) and i["location"]["path"].startswith("data/") for i in items)


def test_exactly_the_planted_defects():
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(_lint("json").stdout)}
    want = expected_codes()
    assert len(want) >= 30
    assert found == want


def test_every_default_rule_is_planted_once():
    """The golden repo covers each default rule, except the pull-request rules GK407 and GK411 and
    the annual-figures rules (their own golden lives with the report tests)."""
    from gkcli.lint.registry import all_rules

    planted = {c for _, _, c in expected_codes()}
    want = {r.code for r in all_rules() if r.default and r.code not in ("GK407", "GK411") and not r.code.startswith("GK6")}
    assert want - planted == set()


def test_formats_agree():
    """Every format reports the same (file, line, col, code) for each finding."""
    js = {(f["path"], f["line"], f["col"], f["code"]) for f in json.loads(_lint("json").stdout)}
    text = set()
    for line in _lint("text").stdout.splitlines():
        m = re.match(r"^(\S+):(\d+):(\d+): (GK\d{3}) ", line)
        if m:
            text.add((m[1], int(m[2]), int(m[3]), m[4]))
    gh = set()
    for line in _lint("github").stdout.splitlines():
        m = re.match(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=(GK\d{3})::", line)
        assert m, line
        gh.add((m[2], int(m[3]), int(m[4]), m[5]))
    doc = xml.dom.minidom.parseString(_lint("junit").stdout)
    junit = set()
    for case in doc.getElementsByTagName("testcase"):
        m = re.match(r"^(GK\d{3}) 第(\d+)行第(\d+)列$", case.getAttribute("name"))
        if m:
            junit.add((case.getAttribute("classname"), int(m[2]), int(m[3]), m[1]))
    assert text == js
    assert gh == js
    assert junit == js


def test_junit_counts():
    doc = xml.dom.minidom.parseString(_lint("junit").stdout)
    top = doc.documentElement
    fails = doc.getElementsByTagName("failure")
    errors = [f for f in json.loads(_lint("json").stdout) if f["severity"] == "error"]
    assert top.tagName == "testsuites"
    assert int(top.getAttribute("failures")) == len(fails) == len(errors)
    assert int(top.getAttribute("tests")) == len(doc.getElementsByTagName("testcase"))
    # a clean file is a passing testcase of its own
    names = {s.getAttribute("name") for s in doc.getElementsByTagName("testsuite")}
    assert "data/progress/2023Q2/县财政局.yaml" in names


def test_summary_line():
    out = _lint("text").stdout.strip().splitlines()
    js = json.loads(_lint("json").stdout)
    e = sum(f["severity"] == "error" for f in js)
    assert out[-1] == f"发现 {len(js)} 个问题（{e} 个错误，{len(js) - e} 个警告）"


def test_warm_cache_gives_the_same_findings(tmp_path):
    """Linting again from gk's cache (.gk/cache) reports exactly what a cold run does."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(REPO, root, symlinks=True)
    cold = run_gk("lint", "--format", "json", cwd=root)
    assert (root / ".gk").is_dir()
    warm = run_gk("lint", "--format", "json", cwd=root)
    assert cold.stdout == warm.stdout == (HERE / GOLDEN["json"]).read_text(encoding="utf-8")
