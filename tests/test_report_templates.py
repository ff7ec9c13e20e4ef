"""Templates: a data repo's own templates override the built-in ones by name; all render in the sandbox."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gkcli.errors import GkError
from gkcli.reports import templating

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    (root / "templates").mkdir()
    return root


def report(gk, root: Path, *args: str):
    return gk("report", "--quarter", "2023Q3", "--data", str(root), *args)


def test_builtin_templates_are_found_and_complete():
    import gkcli

    d = templating.builtin_dir()
    installed = Path(gkcli.__file__).parent / "_templates"
    # a source checkout (editable install) reads the top-level templates/; a wheel carries a copy
    assert d in (ROOT / "templates", installed)
    for kind in ("quarterly", "annual"):
        for fmt in ("md", "html", "docx"):
            assert (d / f"{kind}.{fmt}.j2").is_file()
    if d == installed and (ROOT / "templates").is_dir():
        for f in (ROOT / "templates").iterdir():
            assert (d / f.name).read_bytes() == f.read_bytes(), f"installed {f.name} is stale: reinstall"


def test_override_by_name(gk, repo):
    (repo / "templates" / "quarterly.md.j2").write_text(
        "自定义：{{ r.meta.title }}｜逾期 {{ r.overdue|length }} 项｜{{ r.meta.provenance.commit_label }}\n", encoding="utf-8"
    )
    p = report(gk, repo)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("自定义：宣汉县2023年第三季度政务公开工作开展情况报告｜逾期 24 项｜非 git 仓库")
    # the other formats still use the built-in templates
    p = report(gk, repo, "-o", str(repo / "q.html"))
    assert p.returncode == 0 and "<svg" in (repo / "q.html").read_text(encoding="utf-8")


def test_override_one_block_of_the_builtin(gk, repo):
    (repo / "templates" / "quarterly.md.j2").write_text(
        '{% extends "builtin/quarterly.md.j2" %}\n{% block changes %}## 六、本县自定义的一节\n\n照常。\n{% endblock %}\n',
        encoding="utf-8",
    )
    p = report(gk, repo)
    assert p.returncode == 0, p.stderr
    assert "## 六、本县自定义的一节" in p.stdout and "与上季度相比" not in p.stdout
    assert "## 五、未报送单位" in p.stdout  # the rest is the built-in template


def test_override_a_shared_piece(gk, repo):
    """Overriding an included file (the stylesheet) changes every HTML report."""
    (repo / "templates" / "_report.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    p = report(gk, repo, "-o", str(repo / "q.html"))
    assert p.returncode == 0
    html = (repo / "q.html").read_text(encoding="utf-8")
    assert "#123456" in html and "@page" not in html


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ r.__class__.__init__.__globals__ }}",
    "{{ r.meta['__dict__'] }}",
    "{{ '{0.__class__}'.format(r) }}",
    "{{ (r|attr('__class__')) }}",
    "{{ self.__init__.__globals__ }}",
    "{{ r.meta.provenance.__reduce__() }}",
    "{% set x = namespace() %}{{ x.__init__ }}",
    "{{ joiner.__init__.__globals__ }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_reaching_python_internals_is_refused(gk, repo, payload):
    (repo / "templates" / "quarterly.md.j2").write_text("第一行\n" + payload + "\n", encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert "模板 templates/quarterly.md.j2 第 2 行" in p.stderr
    assert "已拒绝" in p.stderr and "沙箱" in p.stderr
    assert "uid=" not in p.stdout + p.stderr


def test_report_data_is_read_only(gk, repo):
    (repo / "templates" / "quarterly.md.j2").write_text("{{ r.overdue.clear() }}{{ r.overdue|length }}\n", encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2 and "已拒绝" in p.stderr and "Traceback" not in p.stderr


def test_runaway_output_is_stopped(repo):
    (repo / "templates" / "quarterly.md.j2").write_text(
        "{% for i in range(90000) %}{% for j in range(90000) %}0123456789{% endfor %}{% endfor %}", encoding="utf-8"
    )
    env = templating.environment(repo, autoescape=False)
    with pytest.raises(GkError) as e:
        templating.render(env, "quarterly.md.j2", r=None)
    assert "已停止" in e.value.message


def test_a_range_over_the_sandbox_limit_is_said_in_chinese(repo):
    (repo / "templates" / "quarterly.md.j2").write_text("{% for i in range(10**9) %}x{% endfor %}", encoding="utf-8")
    env = templating.environment(repo, autoescape=False)
    with pytest.raises(GkError) as e:
        templating.render(env, "quarterly.md.j2", r=None)
    assert "range 过大" in e.value.message and "OverflowError" not in e.value.message


def test_a_loop_that_prints_nothing_is_stopped_by_the_clock(repo, monkeypatch):
    (repo / "templates" / "quarterly.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x", encoding="utf-8"
    )
    monkeypatch.setattr(templating, "MAX_SECONDS", 1)
    env = templating.environment(repo, autoescape=False)
    with pytest.raises(GkError) as e:
        templating.render(env, "quarterly.md.j2", r=None)
    assert e.value.message == "模板 quarterly.md.j2 运行超过 1 秒，已停止"


def test_template_mistakes_are_messages_not_tracebacks(gk, repo):
    t = repo / "templates" / "quarterly.md.j2"
    t.write_text("好\n{% if r.meta.title %}\n没有结束\n", encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2 and "语法错误" in p.stderr and "Traceback" not in p.stderr
    t.write_text("{{ r.no_such_field }}\n", encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2 and "不存在的数据" in p.stderr and "no_such_field" in p.stderr
    t.write_text('{% include "nothing-here.j2" %}\n', encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2 and "找不到模板 nothing-here.j2" in p.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_out_of_templates_is_refused(gk, repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    (repo / "templates" / "quarterly.md.j2").symlink_to(secret)
    p = report(gk, repo)
    assert p.returncode == 2 and "符号链接" in p.stderr and "机密内容" not in p.stdout


def test_html_is_escaped(gk, repo):
    """Text from data files cannot inject markup into the HTML report."""
    f = repo / "data/progress/2023Q3/蒲江街道.yaml"
    text = f.read_text(encoding="utf-8").replace("先行单位试点工作推进中", '"<script>alert(1)</script>"')
    text = text.replace("    note: 便民服务中心办事指南全部更新并公开", "    note: 便民服务中心办事指南全部更新并公开\n    evidence: ['javascript:alert(1)']")
    f.write_text(text, encoding="utf-8")
    p = report(gk, repo, "-o", str(repo / "q.html"))
    assert p.returncode == 0, p.stderr
    html = (repo / "q.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html  # shown as text, never linked


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_templates_folder_that_is_a_link_out_of_the_repo_is_refused(gk, repo, tmp_path):
    """templates/ itself a link to a folder outside the repo: its templates were used (the boundary was the folder
    the link led to)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "quarterly.md.j2").write_text("机密内容 {{ 1 }}\n", encoding="utf-8")
    (repo / "templates").rmdir()
    (repo / "templates").symlink_to(outside)
    p = report(gk, repo)
    assert p.returncode == 2 and "符号链接" in p.stderr and "机密内容" not in p.stdout, p.stdout + p.stderr


@pytest.mark.parametrize("payload", ['{{ ("x" * 2000000000)|length }}', "{{ 2 ** 10000 }}", "{{ [0] * 100000000 }}"])
def test_an_operation_too_big_for_any_report_is_refused_before_it_runs(gk, repo, payload):
    """Only time and output were capped: "x" * 2000000000 took 2 GB (10 ** 10 ** 10 the whole machine)."""
    (repo / "templates" / "quarterly.md.j2").write_text(payload + "\n", encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 2 and "运算结果过大" in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_ordinary_arithmetic_still_works(gk, repo):
    (repo / "templates" / "quarterly.md.j2").write_text('{{ "ab" * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }} {{ [1] * 2 }}\n', encoding="utf-8")
    p = report(gk, repo)
    assert p.returncode == 0 and "ababab 1024 12 [1, 1]" in p.stdout, p.stdout + p.stderr


def test_html_prints_and_reads_on_a_phone():
    """The built-in HTML (printed to PDF, and at 390 px): headings and a table's lead-in never end a page
    (a heading was stranded at a page's foot), short tables never split, a text column is never a
    character wide (县/行/政/审/批/局), on a narrow screen wide tables and the chart scroll in their own box
    instead of the whole page, and the title breaks between words only (<wbr>, keep-all)."""
    import datetime as dt

    from gkcli.model import build
    from gkcli.periods import Quarter
    from gkcli.repo import load
    from gkcli.reports import data as rd
    from gkcli.reports import publish
    from gkcli.reports.provenance import Provenance

    rep = rd.quarterly(build(load(SAMPLE)), Quarter(2023, 3), dt.date(2023, 9, 30), Provenance("0123abc", False, "test"))
    page = publish.render(rep, "html", SAMPLE).decode("utf-8")
    css = page[page.index("<style>"):page.index("</style>")]
    compact = css.replace(" ", "")
    assert "h1,h2,h3,h4,p:has(+table)" in compact and "break-after:avoid;page-break-after:avoid" in compact
    assert "table:not(:has(tbody>tr:nth-child(9))){break-inside:avoid" in compact
    assert "td:not(.num){min-width:4.5em;}" in compact
    phone = compact[compact.index("@mediascreenand(max-width:720px)"):]
    assert "table{display:block;overflow-x:auto;" in phone and "svg.chart{min-width:560px;}" in phone
    assert "<h1>宣汉县<wbr>2023年第三季度<wbr>政务公开<wbr>工作开展情况报告</h1>" in page
    assert "word-break:keep-all" in compact
