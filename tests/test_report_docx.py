"""The Word output, read back with python-docx: GB/T 9704 page, fonts, headings, tables, page numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.reports import data as rd
from gkcli.reports import docx_writer, publish
from gkcli.reports.provenance import Provenance

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"
PROV = Provenance("0123abcdef", True, "test")


def render(root: Path, kind: str, unit: str | None = None) -> docx.document.Document:
    model = build(load(root))
    if kind == "quarter":
        rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit)
    else:
        rep = rd.annual(model, 2023, dt.date(2023, 12, 31), PROV, unit)
    return docx.Document(io.BytesIO(publish.render(rep, "docx", root)))


@pytest.fixture(scope="module")
def qdoc():
    return render(SAMPLE, "quarter")


@pytest.fixture(scope="module")
def ydoc():
    return render(SAMPLE, "year")


def east_asia(run_or_style) -> str | None:
    rpr = run_or_style.element.rPr
    rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return rf.get(qn("w:eastAsia")) if rf is not None else None


def close(a, b) -> bool:
    return abs(a - b) <= Mm(0.1)


def test_page_is_gbt9704(qdoc):
    s = qdoc.sections[0]
    assert close(s.page_width, Mm(210)) and close(s.page_height, Mm(297))
    assert close(s.top_margin, Mm(37)) and close(s.bottom_margin, Mm(35))
    assert close(s.left_margin, Mm(28)) and close(s.right_margin, Mm(26))
    # 版心 156 × 225 mm
    assert close(s.page_width - s.left_margin - s.right_margin, Mm(156))
    assert close(s.page_height - s.top_margin - s.bottom_margin, Mm(225))
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines on the 225 mm 版心


def test_body_type_is_3hao_fangsong_with_exact_line_pitch(qdoc):
    normal = qdoc.styles["Normal"]
    assert east_asia(normal) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    pf = normal.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(pf.line_spacing.pt - 28.95) < 0.01
    assert 225 / 0.3528 / pf.line_spacing.pt == pytest.approx(22, abs=0.05)  # lines per page
    body = [p for p in qdoc.paragraphs if p.style.name == "Normal" and p.text.startswith("截至")]
    assert body, "no body paragraph"
    p = body[0]
    assert p.paragraph_format.first_line_indent == Pt(32)  # 2 字 of 3号
    assert all(east_asia(r) == "仿宋_GB2312" and r.font.size == Pt(16) for r in p.runs)


def test_fallback_names_in_the_font_table(qdoc):
    part = next(p for p in qdoc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    xml = part.blob.decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', xml)
    assert re.search(r'w:name="仿宋"><w:altName w:val="FangSong"/>', xml)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', xml)


def test_title_and_headings(qdoc):
    titles = [p for p in qdoc.paragraphs if p.style.name == "Title"]
    assert "".join(p.text for p in titles) == "宣汉县2023年第三季度政务公开工作开展情况报告"
    assert [p.text for p in titles] == ["宣汉县2023年第三季度", "政务公开工作开展情况报告"]  # broken between words
    for p in titles:
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(east_asia(r) == "方正小标宋简体" and r.font.size == Pt(22) for r in p.runs)
    h1 = [p for p in qdoc.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in h1] == [
        "一、总体情况", "二、各方案任务完成情况", "三、逾期任务", "四、各单位本季度报送情况", "五、未报送单位", "六、与上季度相比的变化",
    ]
    assert all(east_asia(r) == "黑体" for p in h1 for r in p.runs)
    h2 = [p for p in qdoc.paragraphs if p.style.name == "Heading 2"]
    assert h2 and h2[0].text == "（一）县政府办"
    assert all(east_asia(r) == "楷体_GB2312" for p in h2 for r in p.runs)
    assert all(not r.font.bold for p in h1 + h2 for r in p.runs)  # GB/T 9704 says nothing of bold


def test_tables(qdoc):
    heads = [t.rows[0].cells[0].text for t in qdoc.tables]
    assert heads[0] == "方案 / 类别"
    assert "编号" in heads and "任务" in heads
    counts = qdoc.tables[0]
    assert counts.rows[1].cells[0].text == "合计"
    assert [c.text for c in counts.rows[0].cells][-1] == "完成率"
    # header rows repeat on each page, rows do not split
    tr = counts.rows[0]._tr
    assert tr.trPr.find(qn("w:tblHeader")) is not None and tr.trPr.find(qn("w:cantSplit")) is not None
    # the table fits the 版心
    widths = [c.width for c in counts.rows[0].cells]
    assert sum(w.mm for w in widths) == pytest.approx(156, abs=0.5)


def test_signature_attachment_and_provenance(qdoc):
    texts = [p.text for p in qdoc.paragraphs]
    i = texts.index("宣汉县人民政府办公室")
    assert qdoc.paragraphs[i].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert texts[i + 1] == "2023年9月30日"  # no leading zeros (GB/T 9704 7.3.5.4)
    # 7.3.5.2, no seal: the name (10 字) 2 字 from the right; the date (6.5 字: digits are half a 字)
    # starts 2 字 right of the name's first character, so it ends 3.5 字 from the right
    em = Pt(16).pt  # 3号
    name, date = qdoc.paragraphs[i].paragraph_format, qdoc.paragraphs[i + 1].paragraph_format
    assert (name.right_indent.pt / em, date.right_indent.pt / em) == (2, 3.5)
    assert any("0123abcdef（含未提交的修改）" in t and "gk test" in t for t in texts)
    assert "附件：任务完成情况一览" in texts and "附件" in texts
    assert "0123abcdef" in qdoc.core_properties.comments
    assert qdoc.core_properties.title == "宣汉县2023年第三季度政务公开工作开展情况报告"


@pytest.mark.parametrize("doc", ["qdoc", "ydoc"])
def test_paragraph_properties_in_schema_order(doc, request):
    """Word may refuse a w:pPr whose children are out of the schema's order."""
    d = request.getfixturevalue(doc)
    order = {tag: i for i, tag in enumerate(docx_writer._PPR_ORDER)}
    for ppr in d.element.body.iter(qn("w:pPr")):
        tags = [el.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:") for el in ppr]
        assert [order[t] for t in tags] == sorted(order[t] for t in tags), tags


def test_page_numbers_outside_edges(qdoc):
    s = qdoc.sections[0]
    assert qdoc.settings.odd_and_even_pages_header_footer
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert all(r.font.size == Pt(14) for r in p.runs)  # 4号
        assert "宋体" in xml
    # GB/T 9704 7.5: the 一字线 7 mm below the 版心. The footer distance runs to the bottom of the 18-pt
    # footer line; the dashes' top sits 2.8 mm above it (measured on a rendering): 35 − 7 − 2.8 mm
    assert s.footer_distance.mm == pytest.approx(35 - 7 - 2.8, abs=0.1)


def test_statutory_tables(ydoc):
    texts = [p.text for p in ydoc.paragraphs]
    i = next(i for i, t in enumerate(texts) if t.startswith("宣汉县人民政府2023年"))
    assert texts[i + 1] == "政府信息公开工作年度报告"
    h1 = [p.text for p in ydoc.paragraphs if p.style.name == "Heading 1"]
    assert h1[-6:] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    t3 = next(t for t in ydoc.tables if t.rows[0].cells[0].text.startswith("（本列数据的勾稽关系"))
    assert len(t3.rows) == 28 and len(t3.columns) == 10
    assert t3.rows[0].cells[3].text == "申请人情况"
    assert t3.rows[1].cells[4].text == "法人或其他组织"
    assert [c.text for c in t3.rows[2].cells[4:9]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    first = t3.rows[3]
    assert first.cells[0].text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in first.cells[3:]] == ["57", "9", "3", "2", "5", "4", "80"]
    # 三、本年度办理结果 is one merged cell spanning 22 rows
    assert t3.rows[5].cells[0].text == "三、本年度办理结果" and t3.rows[26].cells[0]._tc is t3.rows[5].cells[0]._tc
    last = t3.rows[27]
    assert last.cells[0].text == "四、结转下年度继续办理"
    assert [c.text for c in last.cells[3:]] == ["4", "2", "0", "1", "0", "0", "7"]
    t4 = next(t for t in ydoc.tables if t.rows[0].cells[0].text == "行政复议")
    assert len(t4.columns) == 15
    assert [c.text for c in t4.rows[3].cells] == ["3", "1", "1", "1", "6", "2", "0", "0", "1", "3", "0", "1", "0", "0", "1"]
    t2 = next(t for t in ydoc.tables if t.rows[0].cells[0].text == "第二十条第（一）项")
    fees = t2.rows[-1]
    assert fees.cells[0].text == "行政事业性收费" and fees.cells[1].text == "10.75"
    assert texts[-3:-1] == ["宣汉县人民政府", "2024年3月22日"]


def kept_with_next(el) -> bool:
    """Every paragraph in el (a paragraph or a table row) keeps with the next."""
    ps = [el] if el.tag == qn("w:p") else list(el.iter(qn("w:p")))
    return all(docx.text.paragraph.Paragraph(p, None).paragraph_format.keep_with_next for p in ps)


def test_statutory_table2_keeps_each_block_together(ydoc):
    """A block of table 二 (its title row, header row and rows) never splits across pages."""
    t2 = next(t for t in ydoc.tables if t.rows[0].cells[0].text == "第二十条第（一）项")
    trs = t2._tbl.tr_lst
    starts = [i for i, r in enumerate(t2.rows) if r.cells[0].text.startswith("第二十条")]
    assert len(starts) == 4
    for a, b in zip(starts, starts[1:] + [len(trs)], strict=True):
        assert all(kept_with_next(trs[i]) for i in range(a, b - 1)), t2.rows[a].cells[0].text
        assert not kept_with_next(trs[b - 1])  # blocks may part


def test_builtin_without_annual_figures_attaches_no_statutory_report():
    """A printed 公文 carries no “file missing” page: without data/annual/2023.yaml there is no 附件2
    (gk report says so on stderr; Markdown and HTML write it into the report)."""
    d = render(ROOT, "year")
    text = "\n".join(p.text for p in d.paragraphs)
    assert "未找到年度数据文件" not in text and "附件2" not in text and "政府信息公开工作年度报告" not in text
    assert any(p.text.startswith("附件：") and "到期任务完成情况" in p.text for p in d.paragraphs)


def test_title_breaks():
    assert docx_writer.split_title("宣汉县2023年度政务公开工作报告") == ["宣汉县2023年度政务公开工作报告"]
    assert docx_writer.split_title("宣汉县人民政府2023年政府信息公开工作年度报告") == ["宣汉县人民政府2023年", "政府信息公开工作年度报告"]
    assert docx_writer.split_title("四川达州普光经济开发区管委会2023年第三季度政务公开工作开展情况报告") == [
        "四川达州普光经济开发区管委会", "2023年第三季度政务公开工作开展情况报告"]  # never 2023 / 年第三季度, nor 2023年 / 第三季度
    long = "某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某"
    lines = docx_writer.split_title(long)
    assert "".join(lines) == long and all(len(x) <= docx_writer.TITLE_CHARS for x in lines)


class M:  # the few things the writer reads of a report
    class meta:
        title = "测试"
        office = "测试县人民政府办公室"
        period_label = "2023年度"
        as_of = dt.date(2023, 12, 31)
        provenance = PROV

    statutory = None


def markup(text: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_writer.build(text, M)))


def test_markup_blocks():
    d = markup(
        "# 标题\n\n## 一、一级\n### （一）二级\n#### 1.三级\n正文\n<< 顶格\n>> 署名\n^^ 居中\n> 附注\n"
        "| 甲 | 乙 |\n|---|--:|\n| **合计** | 1 |\n| 　子项 | 2 |\n\n[[pagebreak]]\n[[statutory:3]]\n",
    )
    styles = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert ("Title", "标题") in styles and ("Heading 1", "一、一级") in styles
    assert ("Heading 2", "（一）二级") in styles and ("Heading 3", "1.三级") in styles
    t = d.tables[0]
    assert [[c.text for c in r.cells] for r in t.rows] == [["甲", "乙"], ["合计", "1"], ["　子项", "2"]]
    assert t.rows[1].cells[0].paragraphs[0].runs[0].font.bold  # **…** in the first cell: a bold row
    assert any(r.element.xml.count('w:type="page"') for p in d.paragraphs for r in p.runs)


@pytest.mark.parametrize("name, date, want", [
    ("宣汉县人民政府办公室", "2023年9月30日", (2, 3.5)),  # 10 字 over 6.5 字 (digits are half a 字)
    ("宣汉县人民政府办公室", "2023年9月3日", (2, 4)),  # 10 字 over 6: the date ends 4 字 from the right
    ("宣汉县教育局办公室", "2023年9月3日", (2, 3)),  # 9 over 6: still 2 字 right of the name
    ("宣汉县人民政府", "2023年9月3日", (3, 2)),  # 7 over 6: 2 字 right of the name would end 1 字 from the edge
    # 7 字 over 6.5 (“2024年3月22日”, 10 characters): 2 字 right of the name the date would end 0.5 字 from
    # the edge; it goes 2 字 from the right, the name 3.5
    ("宣汉县人民政府", "2024年3月22日", (3.5, 2)),
    ("宣汉县财政局", "2024年3月22日", (4.5, 2)),  # 6 字 over 6.5: the date is longer, the name moves left
])
def test_signature_date_starts_2_zi_right_of_the_name(name, date, want):
    """GB/T 9704 7.3.5.2: the date's first character 2 字 right of the name's; when the date is longer
    than that leaves room for, the date goes 2 字 from the right and the name moves left to match."""
    d = markup(f"正文\n>> {name}\n>> {date}\n")
    texts = [p.text for p in d.paragraphs]
    i = texts.index(name)
    em = Pt(16).pt
    pn, pd = d.paragraphs[i], d.paragraphs[i + 1]
    assert pd.text == date
    assert (pn.paragraph_format.right_indent.pt / em, pd.paragraph_format.right_indent.pt / em) == want
    for p in (pn, pd):  # Word's space between Chinese and digits would move the date off the 字 count
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            el = p._p.pPr.find(qn(tag))
            assert el is not None and el.get(qn("w:val")) == "0"


def test_the_signature_keeps_with_the_body_before_it(qdoc):
    """GB/T 9704 7.3.5.5: the 落款 never stands alone on a page. The quarterly report's body ends with a
    table: its last row, the blank lines and the 附件说明 keep with the signer, the signer with its date."""
    body = list(qdoc.element.body)
    text = lambda el: "".join(t.text or "" for t in el.iter(qn("w:t")))  # noqa: E731
    i = next(k for k, el in enumerate(body) if el.tag == qn("w:p") and text(el) == "宣汉县人民政府办公室")
    t = max(k for k in range(i) if body[k].tag == qn("w:tbl"))
    assert all(body[k].tag == qn("w:p") for k in range(t + 1, i))  # nothing but paragraphs after the table
    assert any(text(body[k]).startswith("附件：") for k in range(t + 1, i))
    assert all(kept_with_next(body[k]) for k in range(t + 1, i + 1))  # through the signer
    assert kept_with_next(body[t].findall(qn("w:tr"))[-1])
    assert not kept_with_next(body[t].findall(qn("w:tr"))[-2])  # only the last row
    assert text(body[i + 1]) == "2023年9月30日" and kept_with_next(body[i + 1])  # and the date with the 附注 under it
    assert text(body[i + 2]).startswith("（数据版本")


def test_the_signature_keeps_with_the_last_body_paragraph():
    d = markup("正文一\n正文二\n[[blank]]\n附件：甲\n[[blank]]\n>> 测试县人民政府\n>> 2024年1月5日\n> （附注）\n")
    kept = {p.text: p.paragraph_format.keep_with_next for p in d.paragraphs if p.text}
    assert kept == {"正文一": False, "正文二": True, "附件：甲": True, "测试县人民政府": True, "2024年1月5日": True, "（附注）": False}
    assert all(p.paragraph_format.keep_with_next for p in d.paragraphs if not p.text)  # the blank lines


def test_a_long_last_paragraph_is_not_kept_whole_with_the_signature():
    """The annual report's body ends with the units that did not report in the fourth quarter (≈15 lines):
    kept whole with the 附件说明 and the 落款 the chain was longer than a page, and LibreOffice left a page a
    third full and the 附注 alone on the next. A last paragraph over 4 lines is let break; the 附件说明 still
    keeps with the 落款."""
    long = "2023年第四季度未报送的单位：" + "、".join(f"县第{n}局" for n in range(60)) + "。"
    d = markup(f"正文一\n{long}\n[[blank]]\n附件：甲\n[[blank]]\n>> 测试县人民政府\n>> 2024年1月5日\n> （附注）\n")
    kept = {p.text: p.paragraph_format.keep_with_next for p in d.paragraphs if p.text}
    assert kept == {"正文一": False, long: False, "附件：甲": True, "测试县人民政府": True, "2024年1月5日": True, "（附注）": False}


def test_the_statutory_report_is_attachment_2(ydoc):
    """GB/T 9704 7.3.4 / 7.3.7: the annual report's attachments are numbered, in the 附件说明 and on
    their first lines; the 政府信息公开工作年度报告 is the second."""
    ps = ydoc.paragraphs
    texts = [p.text for p in ps]
    i = texts.index("附件：1.2023年度到期任务完成情况")
    assert texts[i + 1] == "2.宣汉县人民政府2023年政府信息公开工作年度报告"
    one, two = ps[i].paragraph_format, ps[i + 1].paragraph_format
    assert one.left_indent.pt + one.first_line_indent.pt == 32  # indented 2 字
    # the numbers one under the other: 2 字 and 附件： (3 字, less the −0.25 pt character spacing)
    assert two.left_indent.pt + two.first_line_indent.pt == pytest.approx(32 + 3 * 15.75)
    # a wrapped name under its first character: after “1.” (a digit ½ 字, the stop ¼ 字)
    assert one.left_indent.pt == two.left_indent.pt == pytest.approx(32 + 3 * 15.75 + 8 + 4 - 0.5)
    assert all(ps[k]._p.pPr.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0" for k in (i, i + 1))  # widths as counted
    labels = [p.text for p in ps if p.text.startswith("附件") and p.alignment == WD_ALIGN_PARAGRAPH.LEFT and "：" not in p.text]
    assert labels == ["附件1", "附件2"]
    k = texts.index("附件2")
    assert [t for t in texts[k + 1:k + 4] if t] == ["宣汉县人民政府2023年", "政府信息公开工作年度报告"]
    assert any(t.endswith("见附件1。") for t in texts)


def test_one_attachment_is_not_numbered():
    d = render(SAMPLE, "year", unit="县行政审批局")  # a unit's annual report: no statutory report
    texts = [p.text for p in d.paragraphs]
    i = texts.index("附件：2023年度到期任务完成情况")
    assert not texts[i + 1] and "附件" in texts and "附件1" not in texts
    note = d.paragraphs[i].paragraph_format
    assert note.left_indent.pt + note.first_line_indent.pt == 32  # 2 字; a wrapped name goes under its first character
    assert note.left_indent.pt == pytest.approx(32 + 3 * 15.75)


def test_task_titles_are_printed_whole(qdoc, ydoc):
    """Word printed task titles clipped with “…”; a report handed in must not need retyping."""
    for d in (qdoc, ydoc):
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        assert not any(c.endswith("…") for c in cells)
    long = "探索开展“互联网+政务服务+基层治理”行动，完善乡镇（街道）、村（社区）基础数据，建好基层治理数据库并根据需要向群众开放使用，让数据多跑路、群众少跑腿。有条件的地方，可以推进村（社区）数据资源建设，实行村（社区）数据综合采集，实现一次采集、多方利用。"
    for d in (qdoc, ydoc):
        assert long in [c.text for t in d.tables for r in t.rows for c in r.cells]


def test_the_long_text_column_gets_the_room():
    """Short columns get what their content needs (ids, dates and figures whole), up to 8 characters;
    the task title takes the rest."""
    rows = [["状态", "编号", "任务", "牵头单位", "完成时限", "单位完成"]] + [
        ["临期", f"wp2023-{k:02}", "加强政务公开标准化规范化建设，推进基层政务公开事项标准目录编制" * (1 + k % 3),
         "各乡镇（街道）各部门（单位）" if k % 4 == 0 else "县政府办", "2023年9月20日前" if k % 5 == 0 else "年内", f"{k}/59"]
        for k in range(30)
    ]
    size = 10.5
    w = docx_writer._widths(rows, 156.0, size)
    char_mm = size * 0.3528 + 0.15
    assert sum(w) == pytest.approx(156)
    assert w[2] == max(w) and w[2] > 60  # the title: 14 characters a line and more
    assert w[1] == pytest.approx(len("wp2023-01") * 0.55 * char_mm + 4.2)  # an id whole, not wrapped
    assert all(x <= 8 * char_mm + 4.2 + 1e-6 for j, x in enumerate(w) if j != 2)
    # many columns: every column what it needs, the long ones giving way; the table still fits
    wide = [[f"列{j}" for j in range(14)]] + [["一二三四五六七八九十" * 2] * 14]
    assert sum(docx_writer._widths(wide, 156.0, 9)) == pytest.approx(156)


def test_the_count_table_gives_the_plans_names_the_room(qdoc):
    """方案 / 类别 and eleven columns of one- or two-digit figures: Word's 1.9-mm cell margins took 46 mm and
    left the names 23 mm (5 lines for a plan's name, the small table over most of 2 pages). A table of more
    than 9 columns has 0.5-mm margins, and the names get what that saves."""
    t = next(t for t in qdoc.tables if t.rows[0].cells[0].text == "方案 / 类别")
    w = [c.width.mm for c in t.rows[0].cells]
    assert w[0] > 40 and sum(w) == pytest.approx(156, abs=0.5), w
    mar = t._tbl.tblPr.find(qn("w:tblCellMar"))
    assert mar is not None and mar.find(qn("w:left")).get(qn("w:w")) == str(Mm(0.5).twips)


def test_a_column_of_names_does_not_share_the_room_with_the_task_title():
    """The unit report's attachment (状态, 编号, 任务, 牵头单位, 完成时限, 最近进展): a long 牵头单位 in many rows and
    a few long notes made three “long” columns, too wide together, and every column came out ~27 mm (task
    titles 5 characters a line). Names that wrap now and then are a short column (4–8 characters); the
    title has the rest."""
    title = "系统梳理并主动公开本地行政规范性文件、五年规划纲要及实施措施、发展现代产业、推进乡村振兴信息。"
    rows = [["状态", "编号", "任务", "牵头单位", "完成时限", "最近进展"]] + [
        ["已逾期", f"xh2021-{k:02}", title[: 30 + k * 3], "县政府工作部门（本单位牵头）" if k % 2 else "县发改局", "2021年12月",
         "2023-09-20 已按要求完成信息公开专栏的梳理与更新，并报送佐证材料" if k < 3 else ""]
        for k in range(12)
    ]
    w = docx_writer._widths(rows, 156.0, 10.5)
    char_mm = 10.5 * 0.3528 + 0.15
    assert w[2] == max(w) and w[2] > 35, w
    assert w[3] <= 8 * char_mm + 4.2 + 1e-6, w
    d = render(SAMPLE, "quarter", "县财政局")  # the report itself
    t = next(t for t in d.tables if [c.text for c in t.rows[0].cells][-1] == "最近进展")
    w = [c.width.mm for c in t.rows[0].cells]
    assert w[2] == max(w) and w[2] > 35 and w[5] < 25, w


@pytest.mark.parametrize("kind", ["quarter", "unit", "year"])
def test_word_has_the_sections_markdown_has(kind):
    """The same parts, numbered the same, as the Markdown report (Word's 附件 is Markdown's 附表)."""
    model = build(load(SAMPLE))
    if kind == "quarter":
        rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV)
    elif kind == "unit":  # one unit's: 五、报送情况, not 未报送单位
        rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit="县委宣传部")
    else:
        rep = rd.annual(model, 2023, dt.date(2023, 12, 31), PROV)
    md = publish.render(rep, "md", SAMPLE).decode("utf-8")
    want = [line[3:] for line in md.splitlines() if line.startswith("## ") and not line.startswith("## 附表")]
    d = docx.Document(io.BytesIO(publish.render(rep, "docx", SAMPLE)))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == want


def test_annual_lists_the_tasks_done_in_the_year(ydoc):
    model = build(load(SAMPLE))
    done = [t.id for t in rd.annual(model, 2023, dt.date(2023, 12, 31), PROV).done_in_year]
    assert done
    texts = [p.text for p in ydoc.paragraphs]
    assert "三、2023年度完成的任务" in texts
    ids = next([r.cells[1].text for r in t.rows[1:]] for t in ydoc.tables if {r.cells[1].text for r in t.rows[1:]} == set(done))
    assert ids == done
    quarters = next(t for t in ydoc.tables if t.rows[0].cells[0].text == "季度")
    assert [c.text for c in quarters.rows[1].cells] == ["2023年第一季度", "0", "59", "59"]
    # the units that owe a quarter by name, as Markdown has them
    assert any(t.startswith("2023年第一季度未报送的单位：县委组织部、") for t in texts)


def test_quarterly_submissions_show_the_evidence(qdoc):
    subs = [t for t in qdoc.tables if [c.text for c in t.rows[0].cells] == ["任务", "状态", "日期", "情况说明", "佐证"]]
    assert subs
    cells = [c.text for t in subs for r in t.rows for c in r.cells]
    assert "https://www.xuanhan.gov.cn/example/dongyuan-bushu" in cells
    assert "evidence/2023Q3/调研摸排报告.pdf" in cells
    changes = next(t for t in qdoc.tables if t.rows[0].cells[-1].text == "本季度")
    assert [c.text for c in changes.rows[0].cells][:3] == ["编号", "任务", "牵头单位"]
    assert any(re.search(r"已完成（长期任务为已报告，适时任务为已报完成）\d+项次（[\d.]+%）", p.text) for p in qdoc.paragraphs)  # as Markdown has it


@pytest.mark.parametrize("kind", ["qdoc", "ydoc"])
def test_a_table_starts_on_the_page_of_its_lead_in(kind, request):
    """No heading or lead-in ends a page with its table on the next: the text paragraph before each
    table (and any blank line between) keeps with it, and header rows keep with the first row."""
    d = request.getfixturevalue(kind)
    body = list(d.element.body)
    tables = [k for k, el in enumerate(body) if el.tag == qn("w:tbl")]
    assert len(tables) >= 2
    for k in tables:
        j = k - 1
        while body[j].tag == qn("w:p") and not "".join(body[j].itertext()).strip():
            assert kept_with_next(body[j])
            j -= 1
        if body[j].tag == qn("w:p"):
            assert kept_with_next(body[j]), "".join(body[j].itertext())
        trs = body[k].findall(qn("w:tr"))
        heads = [tr for tr in trs if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
        assert all(kept_with_next(tr) for tr in heads)


def test_a_run_in_second_level_heading_is_kaiti_and_its_text_fangsong():
    """（一）主动公开。… in the statutory report's text: the heading part 楷体 (GB/T 9704 7.3.3)."""
    d = markup("（一）主动公开。本年度主动公开政府信息 1,234 条。\n")
    p = next(p for p in d.paragraphs if p.text.startswith("（一）"))
    assert [(r.text, east_asia(r)) for r in p.runs] == [("（一）主动公开。", docx_writer.KAITI), ("本年度主动公开政府信息 1,234 条。", docx_writer.FANGSONG)]


def test_a_header_of_two_characters_is_not_set_one_character_a_line():
    widths = docx_writer._widths([["方案 / 类别", "任务", "受阻", "临期", "完成率"], ["深化政务公开促进基层政府治理能力提升", "7", "0", "1", "10%"]], 156.0, 9)
    char_mm = 9 * 0.3528 + 0.15
    assert all(w >= 2 * char_mm + 4.2 - 0.01 for w in widths[1:4]), widths


def test_a_cell_writes_breaks_and_tabs_as_word_does():
    d = markup("| 甲 | 乙 |\n|---|---|\n| 一<br>二 | 三\t四 |\n")
    cells = d.tables[0].rows[1].cells
    xml = cells[0]._tc.xml + cells[1]._tc.xml
    assert "<w:br/>" in xml and "<w:tab/>" in xml and "\t" not in "".join(t.text or "" for t in cells[1]._tc.iter(qn("w:t")))


def test_a_small_table_is_never_split():
    d = markup("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n")
    trs = d.tables[0]._tbl.tr_lst
    assert all(kept_with_next(tr) for tr in trs[:-1]) and not kept_with_next(trs[-1])
    spacer = d.tables[0]._tbl.getnext()
    assert spacer.tag == qn("w:p") and spacer.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"


def test_big_figures_in_the_statutory_tables_stay_on_one_line(tmp_path):
    """docs/reports.md: figures get the width they need. Table 三's figure columns widen for 1000000;
    table 四's 15 official columns keep their width, and a figure too wide for them is set smaller."""
    import shutil

    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    f = root / "data/annual/2023.yaml"
    text = f.read_text(encoding="utf-8")
    text = re.sub(r"received:\s*\[[^\]]*\]", "received: [1000000, 2, 0, 0, 1, 0, 1000003]", text, count=1)
    text = re.sub(r"(\n  review:\s+)\[\d+,", r"\g<1>[1000000,", text, count=1)  # table 四
    f.write_text(text, encoding="utf-8")
    d = render(root, "year")
    checked = 0
    for t in d.tables:
        for tc in t._tbl.iter(qn("w:tc")):
            text = "".join(x.text or "" for x in tc.iter(qn("w:t")))
            if not re.fullmatch(r"\d{6,}", text):
                continue
            width_mm = int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 56.7
            size_pt = int(tc.find(".//" + qn("w:sz")).get(qn("w:val"))) / 2
            assert len(text) * size_pt * 0.5 * 0.3528 + 3.8 <= width_mm, (text, width_mm, size_pt)
            checked += 1
    assert checked >= 3, checked  # received's two, and table 四's


def test_a_four_digit_figure_in_table_four_keeps_the_tables_type_size(tmp_path):
    """10.4 mm holds four digits at 9 pt (docs/reports.md): 1003 must not shrink table 四."""
    import shutil

    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    f = root / "data/annual/2023.yaml"
    text = f.read_text(encoding="utf-8")
    text = re.sub(r"(\n  review:\s+)\[[^\]]*\]", r"\g<1>[1003, 1, 1, 1, 1006]", text, count=1)
    f.write_text(text, encoding="utf-8")
    d = render(root, "year")
    sizes = set()
    for t in d.tables:
        for tc in t._tbl.iter(qn("w:tc")):
            if "".join(x.text or "" for x in tc.iter(qn("w:t"))) in ("1003", "1006"):
                sizes.add(int(tc.find(".//" + qn("w:sz")).get(qn("w:val"))) / 2)
    assert sizes == {9.0}, sizes


def test_the_quarterly_submission_names_whom_it_goes_to_when_gk_toml_says(tmp_path):
    """GB/T 9704 7.3.2: [report] to in gk.toml prints the 主送机关 flush left, a blank line under the title,
    with a full-width colon; in Markdown and HTML too; not in a unit's own report, and not without it."""
    import shutil

    from conftest import run_gk

    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    (root / "gk.toml").write_text((root / "gk.toml").read_text(encoding="utf-8") + '\n[report]\nto = "达州市人民政府办公室"\n', encoding="utf-8")
    d = render(root, "quarter")
    texts = [p.text for p in d.paragraphs]
    k = texts.index("达州市人民政府办公室：")
    assert texts[k - 1] == "" and "政务公开工作开展情况报告" in texts[k - 2] and texts[k + 1].startswith("一、")
    p = d.paragraphs[k]
    assert p.alignment == WD_ALIGN_PARAGRAPH.LEFT and not p.paragraph_format.first_line_indent
    assert "达州市人民政府办公室：" not in [p.text for p in render(root, "quarter", unit="县财政局").paragraphs]
    assert "达州市人民政府办公室：" not in [p.text for p in render(SAMPLE, "quarter").paragraphs]
    env = {"GK_TODAY": "2023-10-15"}
    assert "\n达州市人民政府办公室：\n" in run_gk("report", "--quarter", "2023Q3", cwd=root, env=env).stdout
    out = root / "q.html"
    assert run_gk("report", "--quarter", "2023Q3", "-o", str(out), cwd=root, env=env).returncode == 0
    assert '<p class="to">达州市人民政府办公室：</p>' in out.read_text(encoding="utf-8")


def test_a_signature_longer_than_a_line_keeps_the_date_inside_the_page(tmp_path):
    """A joint signature of 39 字 put the 成文日期 528 pt from the right of a 442 pt 版心; 100,000 字 crashed the
    Word writer: gk.toml refuses a signature over 40 字, and the indents never pass the line."""
    import shutil

    from conftest import run_gk

    root = tmp_path / "r"
    shutil.copytree(SAMPLE, root)
    base = (root / "gk.toml").read_text(encoding="utf-8")
    (root / "gk.toml").write_text(base + '\n[report]\nsignature = "中共宣汉县委办公室宣汉县人民政府办公室宣汉县政务公开领导小组办公室"\n', encoding="utf-8")
    d = render(root, "quarter")
    for p in d.paragraphs:
        if p.text.startswith(("中共宣汉县委办公室", "2023年9月30日")) and p.paragraph_format.right_indent is not None:
            width = docx_writer._width_chars(p.text) * 15.75
            assert p.paragraph_format.right_indent.pt + min(width, 442) <= 442, (p.text, p.paragraph_format.right_indent.pt)
    (root / "gk.toml").write_text(base + '\n[report]\nsignature = "' + "县" * 100 + '"\n', encoding="utf-8")
    r = run_gk("report", "--quarter", "2023Q3", "-o", str(tmp_path / "q.docx"), cwd=root)
    assert r.returncode == 2 and "超过 40 个字" in r.stderr and "内部错误" not in r.stderr, r.stderr


@pytest.mark.parametrize("toml, office", [
    (None, ""),  # two --data and no workspace gk.toml: no 发文机关 to sign with
    ('county = "达州市"\n', "达州市人民政府办公室"),  # as a county's report: the county's 人民政府办公室
    ('county = "达州市"\noffice = "达州市政务公开办"\n', "达州市政务公开办"),
])
def test_the_rollup_is_signed_by_an_office_or_not_at_all(tmp_path, toml, office):
    """The roll-up of two --data without a workspace gk.toml was signed “2个县（市、区）”: a count is no
    发文机关. It signs as a county's report does (signature, office, else the county's 人民政府办公室), and
    with no county either it has no 落款 (gk report says in stderr that gk.toml's office sets it)."""
    from gkcli.reports import rollup

    if toml is not None:
        (tmp_path / "gk.toml").write_text(toml, encoding="utf-8")
    meta = rollup.meta(tmp_path if toml else None, 2, "2023年第三季度", "2023Q3", dt.date(2023, 9, 30), "test", dt.date(2024, 3, 1))
    assert meta.office == office
    r = rollup.Rollup(meta, [rollup.CountyRow("甲县", 2, 1, 0, 1, 0, 2, 1, [], "abc")])
    d = docx.Document(io.BytesIO(publish.render(r, "docx", tmp_path)))
    right = [p.text for p in d.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT]
    assert right == ([office, "2024年3月1日"] if office else [])
    assert not any("个县（市、区）" in t for t in right)
