"""Word output in 公文 layout (GB/T 9704-2012) with python-docx.

The `<kind>.docx.j2` template renders a small line markup; this module lays it
out. One markup line is one block:

    # 标题                 title: 2号小标宋, centred (consecutive lines: a multi-line title)
    ## 一、总体情况          level-1 heading: 3号黑体
    ### （一）…             level-2 heading: 3号楷体
    #### 1.…               level-3 heading: 3号仿宋
    正文文字               body paragraph: 3号仿宋, first line indented 2 字
    附件：名称             附件说明, indented 2 字; numbered (附件：1.名称), the lines right
    2.名称                 after it that start with a number are the further attachments
    << 文字                paragraph flush left (主送机关, 附件 labels)
    >> 文字                paragraph flush right, 2 字 from the edge (署名, 成文日期)
    > 文字                 note in parentheses: 4号仿宋, indented 2 字 (附注, data provenance)
    ^^ 文字                a centred line in body type (an attachment's title)
    | a | b |              a table (first row is the header; `|---|` rows are skipped)
    [[statutory:2]]        the official tables 二 / 三 / 四 of the 政府信息公开工作年度报告
    [[pagebreak]]          a new page
    (blank line)           ends a paragraph or a table

Page (GB/T 9704 5.2): A4; 天头 37 mm, 订口 28 mm, right 26 mm, bottom 35 mm, so the
版心 is 156 × 225 mm; 22 lines of 28 characters (exact 28.95 pt line pitch and a
character grid); page numbers “— 1 —” in 4号宋体 half-width digits, the 一字线 7 mm below
the 版心's lower edge (GB/T 9704 7.5), odd pages right and even pages left, 1 字 from the edge.
Fonts: the Chinese names of the standard's typefaces (仿宋_GB2312, 方正小标宋简体,
黑体, 楷体_GB2312, 宋体), each with the Windows name as an alternate (w:altName
仿宋 / 楷体 …) in the font table, so Word substitutes FangSong and KaiTi where the
_GB2312 fonts are missing; digits and Latin letters in Times New Roman.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx.shared import Mm, Pt

# sizes (号 → pt)
SIZE_2 = Pt(22)
SIZE_3 = Pt(16)
SIZE_4 = Pt(14)
SIZE_XIAO4 = Pt(12)
SIZE_5 = Pt(10.5)
SIZE_XIAO5 = Pt(9)

LINE_PITCH_TWIPS = 579  # 225 mm / 22 lines = 28.95 pt
LINE_CHARS = 28  # characters of 3号 a body line holds
KEEP_MAX_LINES = 4  # a last body paragraph longer than this is not kept whole with the 落款 (_keep_with_signature)
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
CHAR_SPACING = -5  # twentieths of a point: 3号 at 15.75 pt pitch puts 28 characters in 156 mm

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

# font table entries: name → (alternate name, panose, family, pitch)
FONTS = {
    FANGSONG: ("仿宋", "02010609030101010101", "modern", "fixed"),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed"),
    XIAOBIAOSONG: ("华文中宋", "02000000000000000000", "script", "variable"),
    HEITI: ("SimHei", "02010609060101010101", "modern", "fixed"),
    KAITI: ("楷体", "02010609030101010101", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed"),
    SONGTI: ("SimSun", "02010600030101010101", "auto", "variable"),
}


# --- low-level helpers ----------------------------------------------------------------


def _set_fonts(rpr_owner: Any, east_asia: str, size: Any = None, bold: bool | None = None) -> None:
    """Set a run's or style's fonts: the Chinese face for eastAsia, Times New Roman for the rest."""
    font = rpr_owner.font
    font.name = LATIN
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr() if hasattr(rpr_owner, "element") else rpr_owner._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), LATIN)
    rfonts.set(qn("w:hint"), "eastAsia")


ZERO = Pt(0)


def _para_format(p: Any, *, align: Any = None, first_chars: int = 0, first_size: Any = SIZE_3, exact: Any = LINE_PITCH,
                 left: Any = None, right: Any = None, before: Any = ZERO, after: Any = ZERO, keep_next: bool = False) -> None:
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    pf.space_before = before
    pf.space_after = after
    if exact is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = exact
    pf.first_line_indent = Pt(first_size.pt * first_chars) if first_chars else Pt(0)
    if left is not None:
        pf.left_indent = left
    if right is not None:
        pf.right_indent = right
    pf.keep_with_next = keep_next
    pf.widow_control = True
    if first_chars:  # Word also keeps the indent in characters, so it follows the font size
        ind = p._p.get_or_add_pPr().find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:firstLineChars"), str(first_chars * 100))


# w:pPr's children in the order the schema (CT_PPrBase) gives them
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)


def _ppr_set(p: Any, tag: str, val: str | None = None) -> Any:
    """A paragraph property python-docx has no API for, put where the schema orders it
    (Word may refuse a pPr whose children are out of order)."""
    ppr = p._p.get_or_add_pPr()
    el = ppr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        ppr.insert_element_before(el, *_PPR_ORDER[_PPR_ORDER.index(tag) + 1:])
    if val is not None:
        el.set(qn("w:val"), val)
    return el


def _no_autospace(p: Any) -> None:
    """No automatic space between Chinese and Latin text or digits: where gk counts the printed widths."""
    _ppr_set(p, "w:autoSpaceDE", "0")
    _ppr_set(p, "w:autoSpaceDN", "0")


def _keep_row(tr: Any) -> None:
    """Keep a table row on the page of the next one (Word: keep-with-next on the row's paragraphs)."""
    for p in tr.iter(qn("w:p")):
        p.get_or_add_pPr().get_or_add_keepNext().val = True


_RUN_IN = re.compile(r"^(（[一二三四五六七八九十]{1,3}）[\u4e00-\u9fff]{1,12}[。：:])")  # a short title: no figures, no comma


def _cell_template(size: Any, align: Any, bold: bool, face: str) -> tuple[Any, Any]:
    """(pPr, rPr) of a table cell's paragraph and run, made once with python-docx's own setters."""
    p = Paragraph(OxmlElement("w:p"), None)
    _para_format(p, align=align, exact=None)
    _ppr_set(p, "w:snapToGrid", "0")  # table text does not snap to the page's line grid
    run = p.add_run("x")
    _set_fonts(run, face, size, bold)
    return p._p.pPr, run._r.rPr


def _add_text(p: Any, text: str, east_asia: str, size: Any, bold: bool = False) -> None:
    for part, strong, em in _runs(text):
        run = p.add_run(part)  # python-docx writes a "\n" as w:br
        _set_fonts(run, east_asia, size, bold or strong)
        if em:
            run.font.italic = True


# what XML 1.0 (so Word) cannot hold: gk lint refuses such characters in data (GK101),
# but a custom template or gk.toml could still bring one, and python-docx would raise
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


# Text in the markup. What comes from the data or gk.toml (a note, a unit's or a task's name, the
# office) reaches the writer through the templates' `docx_text` filter, which puts a backslash
# before every character the writer would read as markup, and before its first character, so that
# no such text can start a markup line ("> …", "附件：…", "[[pagebreak]]"); the writer takes the
# backslash out again: `\X` is X, printed as written. Unescaped, the writer reads gk's own inline
# marks: **bold**, *italic* (these two only from the office's Markdown, overview and the like, or
# a template), <br> a line break; a backtick is left out (gk's messages quote names with it).
_MARK = re.compile(r"\\(.)|(\*\*)|(\*)|(<br>)|`", re.S)


def _runs(text: str) -> list[tuple[str, bool, bool]]:
    """The markup text as (text, bold, italic) runs, escapes undone; a line break is "\n"."""
    runs: list[tuple[str, bool, bool]] = []
    bold = italic = False
    buf: list[str] = []
    pos = 0

    def push() -> None:
        if buf and (piece := _xml_safe("".join(buf))):
            runs.append((piece, bold, italic))
        buf.clear()

    for m in _MARK.finditer(text):
        buf.append(text[pos:m.start()])
        pos = m.end()
        if m[1] is not None:
            buf.append(m[1])
        elif m[4]:
            buf.append("\n")
        elif m[2] or m[3]:
            push()
            if m[2]:
                bold = not bold
            else:
                italic = not italic
    buf.append(text[pos:])
    push()
    return runs


def _plain(text: str) -> str:
    """The markup text as printed, without its marks."""
    return "".join(part for part, _, _ in _runs(text))


def _page_number_paragraph(footer: Any, odd: bool) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    _para_format(p, align=WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT, exact=Pt(18))
    # 1 字 (of 4号) from the outside edge
    if odd:
        p.paragraph_format.right_indent = SIZE_4
        p.paragraph_format.left_indent = Pt(0)
    else:
        p.paragraph_format.left_indent = SIZE_4
        p.paragraph_format.right_indent = Pt(0)

    def run(text: str | None = None) -> Any:
        r = p.add_run(text or "")
        _set_fonts(r, SONGTI, SIZE_4)
        r.font.name = SONGTI  # half-width digits in 宋体 (GB/T 9704 7.5)
        rfonts = r._r.get_or_add_rPr().find(qn("w:rFonts"))
        for a in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(a), SONGTI)
        return r

    run("— ")
    begin = run()
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    begin._r.append(fc)
    instr = run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = " PAGE "
    instr._r.append(it)
    sep = run()
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "separate")
    sep._r.append(fc)
    run("1")
    end = run()
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "end")
    end._r.append(fc)
    run(" —")


def _font_table(doc: Any) -> None:
    """Declare gk's typefaces with their alternates, so Word substitutes sensibly."""
    from lxml import etree

    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    have = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for name, (alt, panose, family, pitch) in FONTS.items():
        if name in have:
            continue
        f = etree.SubElement(root, f"{{{w}}}font")
        f.set(f"{{{w}}}name", name)
        etree.SubElement(f, f"{{{w}}}altName").set(f"{{{w}}}val", alt)
        etree.SubElement(f, f"{{{w}}}panose1").set(f"{{{w}}}val", panose)
        etree.SubElement(f, f"{{{w}}}charset").set(f"{{{w}}}val", "86")  # GB2312
        etree.SubElement(f, f"{{{w}}}family").set(f"{{{w}}}val", family)
        etree.SubElement(f, f"{{{w}}}pitch").set(f"{{{w}}}val", pitch)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_thumbnail(doc: Any) -> None:
    """python-docx's default template carries a thumbnail of another document."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg.rels.pop(rid)


# --- the document ---------------------------------------------------------------------


class Writer:
    def __init__(self, report: Any):
        self.report = report
        self.doc = Document()
        self._breaks: list[int] = []  # body positions after which the next paragraph starts a page
        self._attachment_note: list[Any] = []  # the 附件说明's paragraphs (between the body and the 落款)
        self._date: Any = None  # the last 成文日期's paragraph
        self._cell_templates: dict[tuple, tuple[Any, Any]] = {}  # (size, align, bold, face) → (pPr, rPr)
        self._setup()

    def _setup(self) -> None:
        doc = self.doc
        _drop_thumbnail(doc)
        _font_table(doc)
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
        sec.left_margin, sec.right_margin = Mm(28), Mm(26)
        sec.gutter = Mm(0)
        sec.header_distance = Mm(15)
        # GB/T 9704 7.5: the 一字线 7 mm below the 版心's lower edge. The footer distance runs from the
        # page edge to the bottom of the footer's 18-pt line, and the dashes of 4号宋体 sit 2.8 mm above
        # that bottom (measured on a rendering), so their top is 35 − 25.2 − 2.8 = 7 mm below the 版心
        sec.footer_distance = Mm(25.2)
        grid = sec._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sec._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        doc.settings.odd_and_even_pages_header_footer = True
        _page_number_paragraph(sec.footer, odd=True)
        _page_number_paragraph(sec.even_page_footer, odd=False)
        # Normal: 3号仿宋, exact line pitch, no spacing
        normal = doc.styles["Normal"]
        _set_fonts(normal, FANGSONG, SIZE_3)
        pf = normal.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE_PITCH
        pf.space_before = pf.space_after = Pt(0)
        # the document's language, so Word lays out Chinese punctuation properly
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        rpr.append(spacing)
        for name, east, size in (("Heading 1", HEITI, SIZE_3), ("Heading 2", KAITI, SIZE_3), ("Heading 3", FANGSONG, SIZE_3), ("Title", XIAOBIAOSONG, SIZE_2)):
            st = doc.styles[name]
            _set_fonts(st, east, size, bold=False)
            st.font.color.rgb = None
            st.font.italic = False
            spf = st.paragraph_format
            spf.space_before = spf.space_after = Pt(0)
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = LINE_PITCH
            rpr = st.element.get_or_add_rPr()
            for tag in ("w:color", "w:u"):
                el = rpr.find(qn(tag))
                if el is not None:
                    rpr.remove(el)
            # the default template's Title has a bottom border; a 公文 title has none
            ppr = st.element.get_or_add_pPr()
            for el in ppr.findall(qn("w:pBdr")):
                ppr.remove(el)
        core = doc.core_properties
        m = self.report.meta

        def prop(text: str) -> str:  # Word's document properties hold at most 255 characters
            return _xml_safe(text or "")[:255]

        core.title = prop(m.title)
        core.author = prop(m.office)
        core.subject = prop(m.period_label)
        core.keywords = "政务公开"
        statutory = getattr(m, "kind", "") == "statutory"  # the published report: no gk notes, its own date
        core.comments = "" if statutory else prop(f"gk {m.provenance.version}；数据版本 {m.provenance.commit_label}；统计截止 {m.as_of.isoformat()}")
        published = getattr(getattr(self.report, "statutory", None), "published_on", None) if statutory else None
        core.last_modified_by = "" if statutory else "gk"
        when = dt.datetime.combine(published or m.provenance.made_on or m.as_of, dt.time(0, 0))  # the published report: its date
        core.created = core.modified = when
        core.revision = 1
        # python-docx's template starts with one empty paragraph: none here
        body = doc.element.body
        for p in list(body.findall(qn("w:p"))):
            body.remove(p)

    # --- blocks ---------------------------------------------------------------

    def title(self, lines: list[str]) -> None:
        lines = [_plain(line) for line in lines]  # split and printed as text: a title has no marks
        if len(lines) == 1:
            lines = split_title(lines[0])
        for line in lines:
            p = self.doc.add_paragraph(style="Title")
            _para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, exact=Pt(36), keep_next=True)
            _set_fonts(p.add_run(line), XIAOBIAOSONG, SIZE_2)
        self.blank()

    def blank(self) -> None:
        p = self.doc.add_paragraph()
        _para_format(p)

    def heading(self, level: int, text: str) -> None:
        style = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}[level]
        face = {1: HEITI, 2: KAITI, 3: FANGSONG}[level]
        p = self.doc.add_paragraph(style=style)
        _para_format(p, first_chars=2, keep_next=True)
        _add_text(p, text, face, SIZE_3)

    def body(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _para_format(p, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2)
        m = _RUN_IN.match(text)
        if m:  # （一）主动公开。…: a second-level heading run in with its text is 楷体 (GB/T 9704 7.3.3), the rest 仿宋
            _add_text(p, m[1], KAITI, SIZE_3)
            text = text[m.end():]
        _add_text(p, text, FANGSONG, SIZE_3)

    def attachment_note(self, lines: list[str]) -> None:
        """附件说明 (GB/T 9704 7.3.4): “附件：名称”, indented 2 字. Several attachments are numbered:
        “附件：1.名称”, then “2.名称” … a line each, the numbers under the first one; a name that
        wraps goes on under its own first character. The indents count “附件：” and the numbers
        as printed, so Word's automatic space between Chinese and digits is off here."""
        label = _advance_pt("附件：")
        for k, text in enumerate(lines):
            m = re.match(r"\d+[.．]", re.sub(r"^附件[：:]", "", text) if k == 0 else text)
            num = _advance_pt(m[0]) if m else 0.0
            p = self.doc.add_paragraph()
            _para_format(p, align=WD_ALIGN_PARAGRAPH.LEFT, left=Pt(SIZE_3.pt * 2 + label + num))
            p.paragraph_format.first_line_indent = Pt(-(label + num) if k == 0 else -num)
            _no_autospace(p)
            _add_text(p, text, FANGSONG, SIZE_3)
            self._attachment_note.append(p._p)

    def flush_left(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _para_format(p, align=WD_ALIGN_PARAGRAPH.LEFT)
        bold_label = text.startswith("附件")
        _add_text(p, text, HEITI if bold_label else FANGSONG, SIZE_3)

    def centred(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
        _add_text(p, text, XIAOBIAOSONG, SIZE_2 if len(_plain(text)) <= 20 else SIZE_3)

    def flush_right(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _para_format(p, align=WD_ALIGN_PARAGRAPH.RIGHT, right=Pt(SIZE_3.pt * 2))
        _add_text(p, text, FANGSONG, SIZE_3)

    def signature(self, name: str, date: str) -> None:
        """署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): the name 2 字 from the right,
        the date on the next line starting 2 字 right of the name's start. When the date is
        longer than that leaves room for (more than the name less 2 字: “2024年3月22日”, 10
        characters, under “宣汉县人民政府”, 7), the date sits 2 字 from the right and the name
        moves left to keep the 2 字 between their starts; the date never ends nearer the edge
        than 2 字. Word's automatic space between Chinese and digits is off here: the widths
        count a digit as half a 字, and that space would push the date to the right."""
        self._keep_with_signature()
        wn, wd = _width_chars(_plain(name)), _width_chars(_plain(date))
        name_right, date_right = (2, wn - wd) if wd <= wn - 2 else (4 + wd - wn, 2)
        # a name longer than a line (a joint signature) wraps: neither indent may push its text out of the 版心
        name_right, date_right = (max(0.0, min(name_right, LINE_CHARS - 1 - wn)), max(0.0, min(date_right, LINE_CHARS - 1 - wd)))
        for text, right, keep in ((name, name_right, True), (date, date_right, False)):  # the name keeps with its date
            p = self.doc.add_paragraph()
            _para_format(p, align=WD_ALIGN_PARAGRAPH.RIGHT, right=Pt(SIZE_3.pt * right), keep_next=keep)
            _no_autospace(p)
            _add_text(p, text, FANGSONG, SIZE_3)
        self._date = p._p

    def _keep_with_signature(self) -> None:
        """GB/T 9704 7.3.5.5: the 落款 never stands alone on a page. Keep-with-next on what lies
        between the last body text and the signature (blank lines, the 附件说明) and on that last
        body paragraph; when the body ends with a table, on the paragraphs of its last row (Word
        then keeps that row with what follows)."""
        for el in reversed(list(self.doc.element.body)):
            if el.tag == qn("w:tbl"):
                rows = el.findall(qn("w:tr"))
                if rows:
                    _keep_row(rows[-1])
                return
            if el.tag != qn("w:p"):
                continue
            text = "".join(el.itertext()).strip()
            last_body = text and not any(el is n for n in self._attachment_note)
            if last_body and _width_chars(text) > KEEP_MAX_LINES * LINE_CHARS:
                # a long last paragraph (a list of the units that did not report) kept whole with the
                # 落款 made a chain longer than a page: LibreOffice moved it all and left the 附注 alone on a
                # page. The 附件说明 above the 落款 is body text enough (7.3.5.5 forbids a 落款 alone)
                return
            el.get_or_add_pPr().get_or_add_keepNext().val = True
            if last_body:
                return

    def note(self, text: str) -> None:
        paras = self.doc.element.body.findall(qn("w:p"))
        if self._date is not None and paras and paras[-1] is self._date:  # the 附注 right under the 成文日期
            self._date.get_or_add_pPr().get_or_add_keepNext().val = True  # goes on its page
        p = self.doc.add_paragraph()
        _para_format(p, align=WD_ALIGN_PARAGRAPH.LEFT, first_chars=2, first_size=SIZE_4, exact=Pt(22))
        _add_text(p, text, FANGSONG, SIZE_4)

    def pagebreak(self) -> None:
        """The next paragraph starts a page (pageBreakBefore, set in save): a break of its own
        would make a blank page whenever the page before happens to end full."""
        body = self.doc.element.body
        self._breaks.append(len(body) - (1 if len(body) and body[-1].tag == qn("w:sectPr") else 0))  # new paragraphs go before sectPr

    # --- tables ---------------------------------------------------------------

    def _table(self, rows: int, cols: int, widths_mm: list[float], size: Any, header_rows: int = 1) -> Any:
        self._keep_lead_in()
        t = self.doc.add_table(rows=rows, cols=cols)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tblpr = t._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblpr.append(layout)
        for i, w in enumerate(widths_mm):
            t.columns[i].width = Mm(w)
        # one pass over the rows' XML: python-docx's table.cell(r, c) and t.rows[r] walk the whole table on every call
        twips = [str(Mm(w).twips) for w in widths_mm]
        for r, tr in enumerate(t._tbl.tr_lst):
            for k, tc in enumerate(tr.tc_lst):
                tcw = tc.get_or_add_tcPr().find(qn("w:tcW"))
                if tcw is None:
                    tc.width = Mm(widths_mm[k])
                else:
                    tcw.set(qn("w:type"), "dxa")
                    tcw.set(qn("w:w"), twips[k])
            trpr = tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            if r < header_rows:
                trpr.append(OxmlElement("w:tblHeader"))  # header rows repeat on every page
        self._size = size
        self._headed = (t, header_rows if header_rows < rows else 0)
        return t

    def _keep_lead_in(self) -> None:
        """A table never starts a page apart from the text that introduces it: keep-with-next on
        the last text paragraph before it and the blank lines between (headings keep already)."""
        for el in reversed(list(self.doc.element.body)):
            if el.tag != qn("w:p"):
                if el.tag == qn("w:sectPr"):
                    continue
                return  # a table right before: nothing of this one's to keep
            el.get_or_add_pPr().get_or_add_keepNext().val = True
            if "".join(el.itertext()).strip():
                return

    def _cell(self, cell: Any, text: str, size: Any, align: Any = WD_ALIGN_PARAGRAPH.CENTER, bold: bool = False,
              face: str = FANGSONG) -> None:
        """A table cell's one paragraph: its properties and its run's are copied from a template made
        once per kind of cell (python-docx's setters search the XML on every call: a county's Word
        report of 6,000 cells took 5 s in them)."""
        key = (size.pt if size is not None else None, align, bold, face)
        tpl = self._cell_templates.get(key)
        if tpl is None:
            tpl = self._cell_templates[key] = _cell_template(size, align, bold, face)
        ppr, rpr = tpl
        tc = cell._tc
        tcpr = tc.get_or_add_tcPr()
        if tcpr.find(qn("w:vAlign")) is None:  # after tcW, gridSpan, vMerge: the schema's order (gk writes nothing later)
            valign = OxmlElement("w:vAlign")
            valign.set(qn("w:val"), "center")
            tcpr.append(valign)
        p = tc.findall(qn("w:p"))[0]
        for child in list(p):
            p.remove(child)
        p.append(copy.deepcopy(ppr))
        for part, strong, em in _runs(text):
            r = OxmlElement("w:r")
            r.append(copy.deepcopy(rpr))
            if (strong and not bold) or em:
                font = Run(r, None).font
                font.bold = True if strong else font.bold
                font.italic = True if em else None
            for piece in re.split(r"([\t\n\r])", part):  # as python-docx's add_run: a tab is w:tab, a line break w:br
                if piece in ("\n", "\r"):
                    r.append(OxmlElement("w:br"))
                elif piece == "\t":
                    r.append(OxmlElement("w:tab"))
                elif piece:
                    t = OxmlElement("w:t")
                    t.text = piece
                    if piece != piece.strip():
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t)
            p.append(r)

    def table(self, rows: list[list[str]]) -> None:
        """A Markdown-style table: first row is the header; numbers are centred."""
        if not rows:
            return
        cols = max(len(r) for r in rows)
        rows = [r + [""] * (cols - len(r)) for r in rows]
        size = SIZE_XIAO5 if cols > 9 else SIZE_5 if cols > 5 else SIZE_XIAO4
        # many columns (the counts by status: eleven of one- or two-digit figures) have narrow cell margins,
        # 0.5 mm a side: Word's 1.9 mm took 46 mm of the 156 and left the plans' names 23 mm
        narrow = cols > 9
        widths = _widths([[_plain(_unstrong(c)) for c in r] for r in rows], 156.0, size.pt, pad=NARROW_PAD if narrow else 4.2)
        t = self._table(len(rows), cols, widths, size)
        if narrow:
            mar = OxmlElement("w:tblCellMar")
            for side in ("w:left", "w:right"):
                el = OxmlElement(side)
                el.set(qn("w:w"), str(Mm(0.5).twips))
                el.set(qn("w:type"), "dxa")
                mar.append(el)
            look = t._tbl.tblPr.find(qn("w:tblLook"))
            (look.addprevious if look is not None else t._tbl.tblPr.append)(mar)
        cells = t._cells  # no merged cells here: row-major, `cols` per row
        for i, row in enumerate(rows):
            strong_row = i > 0 and bool(row) and _is_strong(row[0])
            for j, text in enumerate(row):
                strong = i == 0 or strong_row or _is_strong(text)
                text = _unstrong(text)
                numeric = bool(re.fullmatch(r"[\d.,%/—\-]*", _plain(text).strip()))
                self._cell(cells[i * cols + j], text, size,
                           align=WD_ALIGN_PARAGRAPH.CENTER if i == 0 or numeric else WD_ALIGN_PARAGRAPH.LEFT,
                           bold=strong, face=HEITI if i == 0 else FANGSONG)
        self._after_table()

    def _after_table(self) -> None:
        t, header_rows = self._headed  # (the cells are filled now: that set their paragraphs' keeps)
        trs = t._tbl.tr_lst
        # header rows never end a page without a row under them; a small table (8 rows or fewer) is never
        # split at all (3 rows, then 1 under a repeated header on the next page)
        for tr in trs[:-1] if len(trs) <= 8 else trs[:header_rows]:
            _keep_row(tr)
        p = self.doc.add_paragraph()
        _para_format(p, exact=Pt(12))
        _ppr_set(p, "w:snapToGrid", "0")  # 12 pt of air, not a whole grid line (at a page's top it showed as a blank line)

    def statutory(self, which: str) -> None:
        s = getattr(self.report, "statutory", None)
        if s is None or not s.table3:
            return
        {"2": self._table2, "3": self._table3, "4": self._table4}[which](s)
        self._after_table()

    def _table2(self, s: Any) -> None:
        """Four blocks (第二十条第（一）（五）（六）（八）项), each its title row, its header row and its
        rows; a block never splits across pages (keep-with-next on all its rows but the last)."""
        size = SIZE_5
        n = sum(2 + len(b["rows"]) for b in s.table2)
        t = self._table(n, 4, [48, 36, 36, 36], size, header_rows=0)
        r = 0
        for b in s.table2:
            c = t.cell(r, 0).merge(t.cell(r, 3))
            self._cell(c, b["block"], size, bold=True, face=HEITI)
            r += 1
            self._cell(t.cell(r, 0), "信息内容", size, bold=True, face=HEITI)
            if len(b["header"]) == 1:
                self._cell(t.cell(r, 1).merge(t.cell(r, 3)), b["header"][0], size, bold=True, face=HEITI)
            else:
                for j, h in enumerate(b["header"]):
                    self._cell(t.cell(r, 1 + j), h, size, bold=True, face=HEITI)
            r += 1
            for row in b["rows"]:
                self._cell(t.cell(r, 0), row["label"], size)
                figs = row["figs"]
                if len(figs) == 1:
                    self._cell(t.cell(r, 1).merge(t.cell(r, 3)), str(figs[0]), size)
                else:
                    for j, f in enumerate(figs):
                        self._cell(t.cell(r, 1 + j), str(f), size)
                r += 1
            for tr in t._tbl.tr_lst[r - 2 - len(b["rows"]):r - 1]:
                _keep_row(tr)

    def _table3(self, s: Any) -> None:
        size = SIZE_XIAO5
        n = 3 + len(s.table3)
        # the 7 columns of figures as wide as the widest figure needs (12 mm: 5 digits), the row names the rest,
        # down to 40 mm; past that the figures are set smaller
        fig_mm, fig_size = _figure_columns([str(f) for row in s.table3 for f in row["figs"]], 12, (156 - 40) / 7, size)
        label = (156 - 7 * fig_mm) / 72
        widths = [14 * label, 14 * label, 44 * label] + [fig_mm] * 7
        t = self._table(n, 10, widths, size, header_rows=3)
        hdr = lambda cell, text: self._cell(cell, text, size, bold=True, face=HEITI)  # noqa: E731
        hdr(t.cell(0, 0).merge(t.cell(2, 2)), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
        hdr(t.cell(0, 3).merge(t.cell(0, 9)), "申请人情况")
        hdr(t.cell(1, 3).merge(t.cell(2, 3)), s.columns[0])
        hdr(t.cell(1, 4).merge(t.cell(1, 8)), "法人或其他组织")
        hdr(t.cell(1, 9).merge(t.cell(2, 9)), s.columns[6])
        for j, name in enumerate(s.columns[1:6]):
            hdr(t.cell(2, 4 + j), name)
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(s.table3):
            r = 3 + i
            c = 0
            for cell in row["cells"]:
                while (r, c) in taken:
                    c += 1
                r2, c2 = r + cell["rowspan"] - 1, c + cell["colspan"] - 1
                for rr in range(r, r2 + 1):
                    for cc in range(c, c2 + 1):
                        taken.add((rr, cc))
                merged = t.cell(r, c) if (r2, c2) == (r, c) else t.cell(r, c).merge(t.cell(r2, c2))
                self._cell(merged, cell["text"], size, align=WD_ALIGN_PARAGRAPH.LEFT)
                c = c2 + 1
            for j, f in enumerate(row["figs"]):
                self._cell(t.cell(r, 3 + j), str(f), fig_size)

    def _table4(self, s: Any) -> None:
        size = SIZE_XIAO5
        # the official 15 equal columns (10.4 mm: 4 digits); a wider figure is set smaller to stay on one line
        _, fig_size = _figure_columns([str(f) for f in s.table4_flat], 156 / 15, 156 / 15, size)
        t = self._table(4, 15, [156 / 15] * 15, size, header_rows=3)
        hdr = lambda cell, text: self._cell(cell, text, size, bold=True, face=HEITI)  # noqa: E731
        hdr(t.cell(0, 0).merge(t.cell(0, 4)), "行政复议")
        hdr(t.cell(0, 5).merge(t.cell(0, 14)), "行政诉讼")
        for j, name in enumerate(s.appeal_columns):
            hdr(t.cell(1, j).merge(t.cell(2, j)), name)
        hdr(t.cell(1, 5).merge(t.cell(1, 9)), "未经复议直接起诉")
        hdr(t.cell(1, 10).merge(t.cell(1, 14)), "复议后起诉")
        for k in range(2):
            for j, name in enumerate(s.appeal_columns):
                hdr(t.cell(2, 5 + 5 * k + j), name)
        for j, f in enumerate(s.table4_flat):
            self._cell(t.cell(3, j), str(f), fig_size)

    def save(self) -> bytes:
        body = list(self.doc.element.body)
        for at in self._breaks:
            paras = [el for el in body[at:] if el.tag == qn("w:p")]
            nxt = next((el for el in paras if "".join(el.itertext()).strip()), None)
            if nxt is not None:  # through python-docx: the element goes where the schema orders it
                for el in paras[: paras.index(nxt)]:  # a blank line before it would start the new page
                    el.getparent().remove(el)
                Paragraph(nxt, self.doc._body).paragraph_format.page_break_before = True
            else:  # nothing after it: an explicit break
                p = self.doc.add_paragraph()
                _para_format(p)
                p.add_run().add_break(WD_BREAK.PAGE)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _width_chars(text: str) -> float:
    """Width in 字 (full-width characters): Arabic digits and Latin letters are half of one."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _advance_pt(text: str, size: float = SIZE_3.pt) -> float:
    """How far a short text advances, in points: a Chinese character 1 em, a digit ½ em and a full
    stop ¼ em (Times New Roman), each less the document's character spacing."""
    import unicodedata

    return sum((1.0 if unicodedata.east_asian_width(c) in "WF" else 0.25 if c == "." else 0.5) * size + CHAR_SPACING / 20
               for c in text)


CELL_PAD_MM = 3.8 + 0.2  # Word's default cell margins (1.9 mm each side) and a little air (4 digits in 10.4 mm at 9 pt)
SMALLEST = Pt(5)  # the least size a figure is set in to stay on one line


def _figure_mm(text: str, size: Any) -> float:
    """The width (mm) a cell needs for a figure on one line: a digit, a comma or a point at most ½ em (Times New Roman)."""
    return len(text) * size.pt * 0.5 * 0.3528 + CELL_PAD_MM


def _figure_columns(figures: list[str], least: float, most: float, size: Any) -> tuple[float, Any]:
    """(width in mm, type size) for columns of figures: the width the widest needs, between `least` and
    `most`; when even `most` is too narrow at `size`, the size that fits (not below SMALLEST) — a figure
    never breaks across lines (1000000 as 10000 / 00)."""
    widest = max(figures, key=len, default="0")
    width = min(max(least, _figure_mm(widest, size)), most)
    if _figure_mm(widest, size) <= width:
        return width, size
    fit = (width - CELL_PAD_MM) / (len(widest) * 0.5 * 0.3528)
    return width, Pt(max(SMALLEST.pt, int(fit * 2) / 2))


SHORT_CHARS = 8  # a short column: its cells need at most this many characters
WRAP_CHARS = 4  # the least a wrapped text column gets (a unit's name: 县政府办)


NARROW_PAD = 1.6  # a cell's margins in a table of many columns (0.5 mm a side) and a little air


def _widths(rows: list[list[str]], total: float, size_pt: float, pad: float = 4.2) -> list[float]:
    """Column widths (mm) from the text they hold.

    The column(s) with the most text (a task's title) share what the others leave. Those
    get what their content needs, up to 8 characters (a header may wrap to two lines):
    ids, dates and figures all of it, never wrapped; a short text column (状态, 完成时限)
    at least what 3 of its 4 cells need, and 4 characters (已逾期 whole); a longer one
    (牵头单位 naming a long group, 最近进展) 4 to 8 characters. Within those bounds, the
    widths that make the rows shortest win: the least sum of the rows' squared heights in
    lines, so one very tall row counts more than a few two-line ones (a wrapped cell costs
    nothing in a row that a long title makes tall anyway); of equally good layouts, the
    one with the widest long column. A table too wide for that (many columns) falls back:
    every column what it needs, the long ones giving way down to 6 characters, and when
    even that is too wide, all in proportion."""
    import itertools
    import math

    char_mm = size_pt * 0.3528 + 0.15
    # pad: Word's default cell margins (1.9 mm each side) and a little air, unless the table sets narrower ones
    cols = len(rows[0])
    body = rows[1:] or rows
    lens = [[_display_len(_unstrong(r[j])) for r in body] for j in range(cols)]
    # a header may wrap to two lines, but a word of two or three (任务, 完成率) stays on one
    head = [n if n <= 3 else math.ceil(n / 2) for n in (_display_len(_unstrong(rows[0][j])) for j in range(cols))]  # 完成率 whole
    need = [max(max(lens[j]), head[j], 1.5) for j in range(cols)]
    amount = [sum(x) for x in lens]
    top = max(amount)
    # long: a column of much text, whose cells run to lines (a task's title, a note), not one of names that only
    # wrap now and then (牵头单位: 县政府工作部门（本单位牵头）), which gets 4 to 8 characters like the others
    mean = [amount[j] / (sum(1 for n in lens[j] if n) or 1) for j in range(cols)]
    long = [j for j in range(cols) if need[j] > SHORT_CHARS and amount[j] >= top / 2 and mean[j] > 2 * SHORT_CHARS] or [amount.index(top)]
    room = (total - cols * pad) / char_mm  # the characters a row holds
    fixed: dict[int, float] = {}
    choices: dict[int, list[float]] = {}
    for j in range(cols):
        if j in long:
            continue
        if need[j] <= SHORT_CHARS and not any(ord(ch) > 0x2E80 for r in body for ch in r[j]):
            fixed[j] = need[j]  # no Chinese: ids, dates, figures
            continue
        if need[j] <= SHORT_CHARS:
            full = sorted(x for x in lens[j] if x)
            usual = full[math.ceil(0.75 * len(full)) - 1]
            lo, hi = max(head[j], min(need[j], max(usual, WRAP_CHARS))), need[j]
        else:
            lo, hi = max(head[j], WRAP_CHARS), max(head[j], SHORT_CHARS)
        choices[j] = sorted({lo, hi, *range(math.ceil(lo), math.floor(hi) + 1)})
    # the widest text column at least 8 characters (or what it needs), any other long one 4: asking 8 of each made a
    # table of a task title, a long 牵头单位 and a few long notes fall back to equal columns (the title 27 mm wide)
    least_long = sum(min(need[j], SHORT_CHARS if amount[j] == top else WRAP_CHARS) for j in long)
    combos = list(itertools.product(*choices.values()))
    if len(combos) <= 1000 and sum(fixed.values()) + sum(c[0] for c in choices.values()) + least_long <= room:
        def lines(j: int, c: float) -> list[int]:
            return [max(1, math.ceil(n / c - 1e-9)) for n in lens[j]]

        share = sum(amount[j] for j in long) or 1
        options = {j: {c: lines(j, c) for c in cs} for j, cs in choices.items()}
        long_lines: dict[float, list[list[int]]] = {}  # by what the long columns are left
        best: tuple[tuple[int, float], tuple[float, ...]] | None = None
        for combo in combos:
            rest = room - sum(fixed.values()) - sum(combo)
            if rest < least_long:
                continue
            tall = [options[j][c] for j, c in zip(choices, combo, strict=True)]
            key = round(rest, 6)
            if key not in long_lines:
                long_lines[key] = [lines(j, rest * amount[j] / share) for j in long]
            tall += long_lines[key]
            score = (sum(max(h) ** 2 for h in zip(*tall, strict=True)), -rest)
            if best is None or score < best[0]:
                best = (score, combo)
        assert best is not None
        chars = {**fixed, **dict(zip(choices, best[1], strict=True))}
        rest = room - sum(chars.values())
        return [(chars[j] if j in chars else rest * amount[j] / share) * char_mm + pad for j in range(cols)]
    want = [min(n, 40) * char_mm + pad for n in need]
    if sum(want) <= total:
        return [w + ((total - sum(want)) * w / sum(want[j] for j in long) if j in long else 0) for j, w in enumerate(want)]
    floor = [min(w, 6 * char_mm + pad) for w in want]
    if sum(floor) >= total:  # not even that: in proportion
        return [f * total / sum(floor) for f in floor]
    flex = [w - f for w, f in zip(want, floor, strict=True)]
    scale = max(total - sum(floor), 0) / (sum(flex) or 1)
    return [f + x * scale for f, x in zip(floor, flex, strict=True)]


TITLE_CHARS = 20  # 2号 (22 pt) characters in the 156 mm 版心
_TITLE_BREAKS = re.compile(r"(?<=季度)|(?<=年度)|(?<=年)(?=[^度\d第一二三四上下])|(?<=人民政府)|(?<=[县区市会局办委室心社])(?=\d)|(?=政务公开)|(?=政府信息公开)|(?=关于)|(?=工作)")


def split_title(title: str) -> list[str]:
    """A long title in balanced lines, broken between words (GB/T 9704 7.3.1: 梯形 or 菱形)."""
    if _display_len(title) <= TITLE_CHARS:
        return [title]
    best: tuple[float, int] | None = None
    for m in _TITLE_BREAKS.finditer(title):
        i = m.start()
        if not 0 < i < len(title):
            continue
        a, b = _display_len(title[:i]), _display_len(title[i:])
        if max(a, b) > TITLE_CHARS:
            continue
        # balanced lines; a shorter first line (正梯形) wins a tie
        score = abs(a - b) + (0.5 if a > b else 0)
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:  # no two lines fit: the fullest first line that ends at a word, the rest split again
        fits = [m.start() for m in _TITLE_BREAKS.finditer(title) if 0 < m.start() < len(title) and _display_len(title[:m.start()]) <= TITLE_CHARS]
        if fits:
            i = max(fits)
            return [title[:i], *split_title(title[i:])]
    if best is None:  # no word boundary fits at all: lines of equal length
        import math

        n = math.ceil(_display_len(title) / TITLE_CHARS)
        size = math.ceil(len(title) / n)
        return [title[k:k + size] for k in range(0, len(title), size)]
    i = best[1]
    return [title[:i], *split_title(title[i:])]


def _is_strong(text: str) -> bool:
    """A cell written **like this** is bold (and makes its row bold when it is the first cell)."""
    t = text.strip()
    return len(t) > 4 and t.startswith("**") and t.endswith("**")


def _unstrong(text: str) -> str:
    t = text.strip()
    return t[2:-2] if _is_strong(t) else text


def _display_len(text: str) -> float:
    """Width in Chinese characters: Latin letters and digits count half."""
    return sum(1 if ord(ch) > 0x2E80 else 0.55 for ch in text)


# --- the markup ------------------------------------------------------------------------


def _split_row(line: str) -> list[str]:
    """The cells of a table line, split at its unescaped pipes; the escapes stay for _runs."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    cells, cell, k = [], "", 0
    while k < len(s):
        if s[k] == "\\" and k + 1 < len(s):
            cell += s[k:k + 2]
            k += 2
            continue
        if s[k] == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += s[k]
        k += 1
    if cell.strip(" \t"):  # text after the last pipe (a line need not end with one)
        cells.append(cell)
    return [c.strip(" \t") for c in cells]  # a leading 　 (U+3000) is an indent


def build(markup: str, report: Any) -> bytes:
    """Lay out the rendered markup as a GB/T 9704 document; returns the .docx bytes."""
    w = Writer(report)
    lines = markup.splitlines()
    i = 0
    title: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal title, table
        if title:
            w.title(title)
            title = []
        if table:
            w.table(table)
            table = []

    while i < len(lines):
        raw = lines[i].rstrip()
        line = raw.strip()
        i += 1
        if line.startswith("|"):
            if title:
                flush()
            if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", line):
                continue
            table.append(_split_row(line))
            continue
        if table:
            w.table(table)
            table = []
        if not line:
            if title:
                flush()
            continue
        if line.startswith("# "):
            title.append(line[2:].strip())
            continue
        flush()
        m = re.fullmatch(r"\[\[(\w+)(?::(\w+))?\]\]", line)
        if m:
            if m[1] == "pagebreak":
                w.pagebreak()
            elif m[1] == "statutory" and m[2]:
                w.statutory(m[2])
            elif m[1] == "blank":
                w.blank()
            continue
        if line.startswith("#### "):
            w.heading(3, line[5:].strip())
        elif line.startswith("### "):
            w.heading(2, line[4:].strip())
        elif line.startswith("## "):
            w.heading(1, line[3:].strip())
        elif line.startswith(">> ") and i < len(lines) and lines[i].strip().startswith(">> "):
            w.signature(line[3:].strip(), lines[i].strip()[3:].strip())  # 署名 over 成文日期
            i += 1
        elif line.startswith(">> "):
            w.flush_right(line[3:].strip())
        elif line.startswith("<< "):
            w.flush_left(line[3:].strip())
        elif re.match(r"附件[：:]", line):  # the 附件说明; numbered, it goes on a line an attachment: 2.……
            items = [line]
            if re.match(r"附件[：:]\s*\d+[.．]", line):
                while i < len(lines) and re.match(r"\d+[.．]", lines[i].strip()):
                    items.append(lines[i].strip())
                    i += 1
            w.attachment_note(items)
        elif line.startswith("^^ "):
            w.centred(line[3:].strip())
        elif line.startswith("> "):
            w.note(line[2:].strip())
        else:
            w.body(line)
    flush()
    return w.save()

