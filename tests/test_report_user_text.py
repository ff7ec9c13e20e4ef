"""User text (notes, names, titles, links) appears in every format exactly as written: it never
breaks a table, never turns into markup, and never triggers the Word writer's line markup."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"

NOTE = "甲 | 乙 \\| 丙 C:\\路径 `码` 完"
LINKS = ["https://example.gov.cn/x?a=1|b=2", "docs/证明|材料`1`.pdf"]


@pytest.fixture
def sample(tmp_path):
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    f = root / "data/progress/2023Q3/县司法局.yaml"
    text = f.read_text(encoding="utf-8")
    entry = f"note: {json.dumps(NOTE, ensure_ascii=False)}\n    evidence: {json.dumps(LINKS, ensure_ascii=False)}"
    text = text.replace("note: 行政执法“三项制度”公示平台更新完成", entry, 1)
    f.write_text(text, encoding="utf-8")
    return root


def _row(html: str, word: str) -> list[str]:
    """The cells (inner HTML) of the rendered Markdown table row holding `word`."""
    for tr in html.split("<tr>"):
        if word in tr:
            return re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
    raise AssertionError(f"no row with {word}")


def test_markdown_table_cells_hold_pipes_backslashes_and_links(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert p.returncode == 0, p.stderr
    html = MarkdownIt("commonmark").enable("table").render(p.stdout)
    cells = _row(html, "甲 |")
    assert len(cells) == 5, cells  # 任务 | 状态 | 日期 | 情况说明 | 佐证: the row is not broken
    assert cells[3] == "甲 | 乙 \\| 丙 C:\\路径 `码` 完", cells[3]  # nothing read as markup
    assert '<a href="https://example.gov.cn/x?a=1%7Cb=2">https://example.gov.cn/x?a=1|b=2</a>' in cells[4], cells[4]
    assert "<code>docs/证明|材料`1`.pdf</code>" in cells[4], cells[4]


# --- Word ------------------------------------------------------------------------------

WORD_NOTE = "**粗** `码` a<br>b \\| c > d"  # as written: no bold, no code, no break, the backslash kept
AT_LINE_START = ["> 附注", ">> 署名", "<< 顶格", "^^ 居中", "# 标题", "#### 小标题", "[[pagebreak]]", "[[statutory:3]]",
                 "附件：说明", "| 甲 | 乙 |", "**粗**", "`码`", "\\\\反斜杠", "a<br>b"]


def _word_text(path: Path) -> tuple[list, list[str]]:
    import docx

    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return d.paragraphs, cells


def test_word_prints_text_from_the_data_as_written():
    """The docx_text filter escapes what the writer would read; the writer undoes it: each text, at
    the start of a line or in a table cell, is one body paragraph or one cell, exactly as written."""
    import io

    import docx

    from gkcli.reports import docx_writer
    from gkcli.reports.templating import FILTERS

    esc = FILTERS["docx_text"]
    body = "\n".join(esc(t) for t in AT_LINE_START)
    table = "| 甲 | 乙 |\n|---|---|\n" + "".join(f"| {esc(t)} | **{esc(t)}** |\n" for t in AT_LINE_START)
    d = docx.Document(io.BytesIO(docx_writer.build(f"# {esc('**县**')}\n\n{body}\n\n{table}", _Meta)))
    paras = [p for p in d.paragraphs if p.text]
    assert [p.text for p in paras] == ["**县**", *AT_LINE_START]
    assert all(p.style.name == "Title" for p in paras[:1]) and all(p.style.name == "Normal" for p in paras[1:])
    assert not any(r.bold or r.italic for p in paras[1:] for r in p.runs)
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[1:] == [[t, t] for t in AT_LINE_START]
    assert all(r.font.bold for r in d.tables[0].rows[1].cells[1].paragraphs[0].runs)  # gk's own **…** still bold
    assert "\u200b" not in "".join(p.text for p in d.paragraphs)


class _Meta:  # what the writer reads of a report
    class meta:
        title = "标题"
        office = "办公室"
        period_label = "2023年"
        kind = "quarterly"
        as_of = __import__("datetime").date(2023, 9, 30)

        class provenance:
            version = "test"
            commit_label = "0123abc"
            made_on = None

    statutory = None


def test_word_report_keeps_names_notes_and_office_as_written(gk, tmp_path):
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    toml = root / "gk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('office = "宣汉县人民政府办公室"', 'office = "> **宣汉县**人民政府办公室"'), encoding="utf-8")
    f = root / "data/progress/2023Q3/县司法局.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("note: 行政执法“三项制度”公示平台更新完成", f"note: {json.dumps(WORD_NOTE, ensure_ascii=False)}", 1), encoding="utf-8")
    p = gk("report", "--quarter", "2023Q3", "--data", str(root), "-o", str(tmp_path / "q.docx"))
    assert p.returncode == 0, p.stderr
    paras, cells = _word_text(tmp_path / "q.docx")
    assert WORD_NOTE in cells
    assert "> **宣汉县**人民政府办公室" in [p.text for p in paras]  # the 署名, not a note
    assert not any("\u200b" in t for t in [p.text for p in paras] + cells)


def test_word_reads_the_offices_markdown_as_html_does(gk, tmp_path):
    """overview is Markdown: **加粗** bold and *强调* italic in Word as in HTML, a list item keeps its
    dash, and the writer's own markup in it is printed as written, with nothing invisible added."""
    import docx

    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    f = root / "data/annual/2023.yaml"
    lines = ["工作**成效明显**，*稳步*推进。", "- 列表一", *AT_LINE_START[:10]]
    overview = "overview: |\n" + "".join(f"  {x}\n" for x in lines)
    f.write_text(re.sub(r"overview: [^\n]*\n(?:  [^\n]*\n)*", lambda m: overview, f.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert gk("report", "--year", "2023", "--data", str(root), "-o", str(tmp_path / "y.docx")).returncode == 0
    assert gk("report", "--year", "2023", "--data", str(root), "-o", str(tmp_path / "y.html")).returncode == 0
    page = (tmp_path / "y.html").read_text(encoding="utf-8")
    assert "工作<strong>成效明显</strong>，<em>稳步</em>推进。" in page and "- 列表一" in page
    paras = {p.text: p for p in docx.Document(str(tmp_path / "y.docx")).paragraphs}
    first = paras["工作成效明显，稳步推进。"]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in first.runs] == [
        ("工作", False, False), ("成效明显", True, False), ("，", False, False), ("稳步", False, True), ("推进。", False, False)]
    assert "- 列表一" in paras
    for x in ["> 附注", ">> 署名", "<< 顶格", "^^ 居中", "[[pagebreak]]", "[[statutory:3]]", "附件：说明", "| 甲 | 乙 |"]:
        assert x in paras and paras[x].style.name == "Normal", x
    assert paras["标题"].style.name == "Heading 2" and not any("\u200b" in t for t in paras)
    md = gk("report", "--year", "2023", "--data", str(root)).stdout
    assert "\n### 标题\n" in md and "\n#### 小标题\n" in md and "\n# 标题\n" not in md  # below the report's own ## sections


def test_a_note_written_on_several_lines_keeps_its_line_breaks(gk, tmp_path):
    import docx

    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    f = root / "data/progress/2023Q3/县司法局.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("note: 行政执法“三项制度”公示平台更新完成", "note: |\n      第一行 <br>\n      第二行\n", 1), encoding="utf-8")
    md = gk("report", "--quarter", "2023Q3", "--data", str(root))
    assert md.returncode == 0, md.stderr
    assert "| 第一行 \\<br><br>第二行 |" in md.stdout  # the writer's <br> is kept as text
    assert gk("report", "--quarter", "2023Q3", "--data", str(root), "-o", str(tmp_path / "q.html")).returncode == 0
    page = (tmp_path / "q.html").read_text(encoding="utf-8")
    assert '<td class="lines">第一行 &lt;br&gt;\n第二行</td>' in page and "td.lines { white-space: pre-line; }" in page
    assert gk("report", "--quarter", "2023Q3", "--data", str(root), "-o", str(tmp_path / "q.docx")).returncode == 0
    cells = [c.text for t in docx.Document(str(tmp_path / "q.docx")).tables for r in t.rows for c in r.cells]
    assert "第一行 <br>\n第二行" in cells


def test_a_bare_web_address_in_a_markdown_cell_keeps_its_characters():
    """GitHub and GitLab link a bare URL as written, backslashes included (zfxx\\_gs → %5C):
    only a pipe in it is escaped; the text around it is escaped as before."""
    from gkcli.reports.templating import _md_cell

    url = "https://www.xuanhan.gov.cn/zwgk/zfxx_gs/list.html?id=3&page=1"
    assert _md_cell(f"详见 {url}，*已公开*") == f"详见 {url}，\\*已公开\\*"
    assert _md_cell("http://a.cn/x|y z|w") == "http://a.cn/x\\|y z\\|w"


def test_a_list_line_in_the_offices_markdown_prints_its_mark_in_the_markdown_report_too():
    """HTML and Word print `- 列表一` with its dash (one paragraph a line); the Markdown report made a
    bullet list of it. Bold and italic at a line's start are still marks."""
    from gkcli.reports.templating import _md_para

    assert [_md_para(t) for t in ("- 列表一", "1. 第一", "> 引文", "**加粗**开头", "## 二级")] == [
        "\\- 列表一", "1\\. 第一", "\\> 引文", "**加粗**开头", "### 二级"]


def test_markdown_prose_prints_titles_issuers_and_bodies_as_written(gk, tmp_path):
    """A plan's title and issuer, the report body of the annual figures and a unit's name sit in
    headings and sentences of the Markdown report: none of them becomes markup or HTML there."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    plan = root / "data/tasks/wp2023.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  title: 2023年全县政务公开工作要点", '  title: "2023年*全县*政务公开<b>工作</b>要点"', 1)
                    .replace("  issued_by: 宣汉县人民政府办公室", '  issued_by: "# 宣汉县_人民政府_办公室"', 1), encoding="utf-8")
    annual = root / "data/annual/2023.yaml"
    annual.write_text(annual.read_text(encoding="utf-8").replace("body: 宣汉县人民政府", 'body: "宣汉县<i>人民</i>政府"', 1), encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(root))
    assert p.returncode in (0, 1), p.stderr
    html = MarkdownIt("commonmark").enable("table").render(p.stdout)
    assert "2023年*全县*政务公开&lt;b&gt;工作&lt;/b&gt;要点" in html, html[:3000]
    assert "# 宣汉县_人民政府_办公室" in html and "<b>" not in html and "<em>" not in html
    assert "宣汉县&lt;i&gt;人民&lt;/i&gt;政府" in html and "<i>" not in html
    unit = gk("report", "--year", "2023", "--unit", "县司法局", "--data", str(root))
    assert unit.returncode in (0, 1), unit.stderr
    assert "<b>" not in MarkdownIt("commonmark").enable("table").render(unit.stdout)
