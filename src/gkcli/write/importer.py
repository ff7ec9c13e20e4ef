"""gk import: a 任务分解表 (Word, Excel, TSV/CSV) into a plan file.

The table has the columns 序号 / 类别 / 主要任务 / 具体工作 / 责任单位 / 完成时限 (or
common variants: 牵头单位, 配合单位, 完成时间, 时间节点, …). Reading happens in
three steps:

1. `read_tables(path)` → tables of text cells, whatever the format. Merged cells
   carry the top-left cell's text in every cell they cover (Word and Excel).
2. `parse(tables)` finds the header row by its names, then turns every row into a
   `RawTask`; a blank 类别 continues the one above, a row whose cells all hold
   the same text (a merged heading such as 一、深化行政决策公开) starts a category.
3. `convert(raw, resolver, plan_id)` splits each 责任单位 cell into references
   (、，,；; and line breaks), resolves each through the one Resolver (canonical
   name when it resolves, the text as written when not), keeps an open-ended
   `…等县级有关部门` tail in `others`, and renders the plan file as YAML text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator

from ..errors import GkError
from ..units import ends_as_unit, is_kind_word
from .yamltext import comment, flow_list, scalar

# --- 1. reading --------------------------------------------------------------


@dataclass
class Table:
    rows: list[list[str]]
    where: str  # "表 1", "工作表 Sheet1", ""
    before: list[str] = field(default_factory=list)  # text above the table (title candidates)
    continues: bool = False  # may continue the previous table without repeating its header (Word)
    sheet: str = ""  # the worksheet's name (Excel)


def read_tables(path: Path, sheet: str | None = None) -> tuple[list[Table], str]:
    """The tables in the file, and a note on how it was read (encoding). `sheet`: only
    that worksheet (name or number from 1, a hidden one too) or Word table (number)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise GkError(f"找不到文件：{path}", "检查文件名与路径")
    suffix = _sniffed(path, suffix)
    if suffix in (".xls", ".doc", ".wps", ".et"):
        new = {".xls": ".xlsx", ".et": ".xlsx"}.get(suffix, ".docx")
        raise GkError(f"不支持旧格式 {suffix} 文件：{path.name}", f"用 WPS 或 Office 打开后另存为 {new}，再导入")
    if suffix == ".xlsx" or suffix == ".xlsm":
        return _read_xlsx(path, sheet), ""
    if suffix == ".docx":
        return _pick(_read_docx(path), sheet, path), ""
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return _pick(_read_html(path), sheet, path), ""
    if suffix in (".mht", ".mhtml"):
        return _pick(_read_html(path, _mhtml_page(path)), sheet, path), ""
    if suffix == ".pdf":
        raise GkError(f"无法从 PDF 中可靠地读出表格：{path.name}", "用 WPS 或 Word 打开后另存为 .docx；或在网站上找到该文件的网页版，另存为 .html 后导入")
    if suffix == ".ofd":
        raise GkError(f"无法从 OFD 版式文件中读出表格：{path.name}", "找到该文件的 Word 原件（.docx），或网站上的网页版（另存为 .html）后导入")
    if sheet is not None:
        raise GkError(f"--sheet 只用于 Excel（工作表）和 Word（第几个表格）文件，{path.name} 只有一个表", "去掉 --sheet")
    if suffix in (".tsv", ".csv", ".txt", ".tab"):
        text, enc = _decode(path.read_bytes(), path.name)
        return _read_text(text, suffix), enc
    raise GkError(f"无法识别的文件类型：{path.name}", "支持 .docx（Word 表格）、.xlsx（Excel）、.html 与 .mht（网页）、.tsv、.csv、.txt")


def _sniffed(path: Path, suffix: str) -> str:
    """The suffix that says what an Office-named file is. Sites hand out web pages named
    .xls or .doc (导出 Excel, Word's 单个文件网页), and a .docx renamed .doc opens in WPS as
    if nothing were wrong: such a file is read as what its first bytes say. A real old
    binary file (or one gk cannot tell) keeps its suffix."""
    if suffix not in (".xls", ".doc", ".wps", ".et", ".xlsx", ".xlsm", ".docx"):
        return suffix
    try:
        with open(path, "rb") as f:
            head = f.read(65536)  # a page's <html> may come after a long <meta>/<style> preamble
    except OSError:
        return suffix
    if head.startswith(b"PK\x03\x04"):  # an Office Open XML package: which one, by its parts
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return suffix
        if any(n.startswith("word/") for n in names):
            return ".docx"
        return ".xlsx" if any(n.startswith("xl/") for n in names) else suffix
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Excel's "Unicode text" page)
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    first = low.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]  # a single-file page's MIME header block
    if b"mime-version:" in first or b"content-type: multipart/related" in first:
        return ".mht"
    if low.startswith(b"<?xml") and b"office:spreadsheet" in low:
        raise GkError(f"{path.name} 是 Excel 2003 XML 表格，不是 {suffix} 文件", "用 WPS 或 Excel 打开后另存为 .xlsx，再导入")
    if low.startswith(b"<") and (b"<html" in low or b"<table" in low):
        return ".html"
    return suffix


def _mhtml_page(path: Path) -> bytes:
    """The web page inside a single-file web page (.mht, Word's 单个文件网页 often named .doc):
    its text/html part, decoded from quoted-printable or base64, with its charset declared."""
    import email
    import email.policy

    try:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                body = part.get_payload(decode=True) or b""
                charset = part.get_content_charset()
                if charset and b"charset" not in body[:4096].lower():
                    body = f'<meta charset="{charset}">'.encode("ascii", "replace") + body
                return body
    except Exception:
        pass
    raise GkError(f"无法读取单个文件网页 {path.name}", "在浏览器或 Word 中打开，另存为“网页，仅 HTML”（.html）后再导入")


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), ""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise GkError(f"{name} 不是有效的 UTF-16 文本", "用 WPS 或记事本“另存为 UTF-8”后再导入") from None
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise GkError(f"{name} 既不是 UTF-8 也不是 GBK/GB18030 编码", "用 WPS 或记事本“另存为 UTF-8”后再导入") from None


def _read_text(text: str, suffix: str) -> list[Table]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tabbed = [ln for ln in lines if ln.startswith("\t")]
    if suffix == ".txt" and len(tabbed) >= 2 and all("\t" not in ln[1:] for ln in tabbed):
        return [_cell_per_line(lines)]
    if suffix == ".csv":
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
            delim = dialect.delimiter
        except csv.Error:
            delim = ","
    else:
        delim = "\t"
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delim)]
    return [Table(rows, "")]


def _cell_per_line(lines: list[str]) -> Table:
    """The layout of text copied out of a Word table: one cell per line, each line
    starting with a tab, rows separated by blank lines; other lines are text."""
    rows: list[list[str]] = []
    before: list[str] = []
    current: list[str] | None = None
    for ln in lines:
        if ln.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(ln[1:].strip())
        elif ln.strip() and current:  # a cell's next line (a line break inside the Word cell)
            current[-1] += "\n" + ln.strip()
        else:
            current = None
            if ln.strip() and not rows:
                before.append(ln.strip())
    return Table(rows, "", before)


def _cell_text(value: Any, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value  # a deadline's time of day (17:30) is not part of it
        shown = re.sub(r'"[^"]*"|\\.|\[[^]]*\]', "", (number_format or "").lower())  # the codes, not 年 or [$-804]
        if "d" not in shown and "m" in shown:  # a month (yyyy"年"m"月", yyyy/m, mmm-yy): its end, as 2024年10月 means
            return f"{day.year}年{day.month}月"
        if "d" not in shown and "y" in shown and "m" not in shown:
            return f"{day.year}年底"
        return day.isoformat()
    if isinstance(value, float):
        # as Excel shows it: 2024.10 typed into a "0.00" cell is the float 2024.1 (the month 1, read as is)
        m = re.match(r"[#0,]*\.(0+)", (number_format or "").split(";")[0].strip())
        if m:
            return f"{value:.{len(m[1])}f}"
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _pick(tables: list[Table], sheet: str | None, path: Path) -> list[Table]:
    """The Word table numbered `sheet` (from 1), or all of them."""
    if sheet is None:
        return tables
    n = _NUMBER.fullmatch(_norm(sheet))
    if n is None or not 1 <= int(n[1]) <= len(tables):
        raise GkError(f"{path.name} 中没有表格“{sheet}”（共 {len(tables)} 个表格）", "--sheet 写表格的序号，如 --sheet 2")
    table = tables[int(n[1]) - 1]
    table.continues = False
    return [table]


_NUMBER = re.compile(r"(?:第|表)?(\d+)(?:个|张)?(?:表格?)?")


def _read_xlsx(path: Path, sheet: str | None = None) -> list[Table]:
    try:
        from openpyxl import load_workbook

        with open(path, "rb") as f:  # a file, not its name: openpyxl refuses a .xlsx named .xls by its suffix
            wb = load_workbook(f, data_only=True)
    except Exception:  # a broken or encrypted file: say so, no traceback
        raise GkError(f"无法读取 Excel 文件 {path.name}：文件已损坏、加密或不是 .xlsx 格式", "确认文件能用 Excel/WPS 打开，并另存为 .xlsx") from None
    out = []
    sheets = wb.worksheets
    if sheet is not None:
        named = [ws for ws in sheets if _norm(ws.title) == _norm(sheet)]
        n = _NUMBER.fullmatch(_norm(sheet))
        if not named and n is not None and 1 <= int(n[1]) <= len(sheets):
            named = [sheets[int(n[1]) - 1]]
        if not named:
            listed = "、".join(f"{i}.{ws.title}" for i, ws in enumerate(sheets, 1))
            raise GkError(f"{path.name} 中没有工作表“{sheet}”", f"可用的工作表：{listed}（写名称或序号）")
        sheets = named
    for ws in sheets:
        if ws.sheet_state != "visible" and sheet is None:  # a hidden sheet (作废, 草稿) is not part of the table, unless asked for
            continue
        # the cells that hold something: one formatted cell far out (row 200000) makes
        # max_row huge, and reading every empty cell up to it took half a minute
        used = [key for key, cell in getattr(ws, "_cells", {}).items() if cell.value is not None]
        rows_, cols_ = (max(r for r, _ in used), max(c for _, c in used)) if used else (ws.max_row, ws.max_column)
        grid = [[_cell_text(c.value, c.number_format) for c in row] for row in ws.iter_rows(max_row=rows_, max_col=cols_)]
        for rng in ws.merged_cells.ranges:
            top_cell = ws.cell(rng.min_row, rng.min_col)
            top = _cell_text(top_cell.value, top_cell.number_format)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = top
        hidden = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
        grid = [row for r, row in enumerate(grid, 1) if r not in hidden]
        out.append(Table(grid, f"工作表“{ws.title}”", sheet=ws.title))
    return out


def _read_html(path: Path, raw: bytes | None = None) -> list[Table]:
    """The tables of a web page saved from a government site (通知 with its 任务分解表):
    rowspan and colspan filled like merged cells, the text above each table kept for the
    title and the 印发 line. The page's own charset (often GBK) is honoured. `raw`: the
    page's bytes when they are not the file's (a single-file web page's)."""
    if raw is None:
        raw = path.read_bytes()
    if len(raw) > 20 * 1024 * 1024:
        raise GkError(f"网页文件 {path.name} 过大（{len(raw) // 1024 // 1024} MB）", "另存为只含正文的网页，或复制表格到 Excel")
    text = _html_decode(raw, path.name)
    try:
        import lxml.html

        doc = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))  # lxml takes no encoding declaration in text
    except Exception:
        raise GkError(f"无法读取网页文件 {path.name}", "在浏览器中打开该网页，另存为“网页，仅 HTML”后再导入") from None
    out: list[Table] = []
    before: list[str] = []
    blocks = ("title", "h1", "h2", "h3", "h4", "p", "div", "table")
    budget = [_HTML_CELLS]  # cells all tables may make together: rowspan/colspan cannot make a bomb
    for el in doc.iter(*blocks):
        if el.tag == "table":  # at any depth: a task table may sit in a page-layout table
            grid = _html_grid(el, budget)
            if grid:
                out.append(Table(grid, f"表 {len(out) + 1}", before, continues=True))
                before = []
            continue
        if any(a.tag == "table" for a in el.iterancestors()):
            continue  # inside a table: its text is the cells'
        if el.tag != "div" or not any(c.tag in blocks for c in el.iterdescendants()):
            text = " ".join(_html_text(el).split())
            if text:
                before.append(text)
    if not out:
        raise GkError(f"{path.name} 中没有表格", NO_TABLE)
    return out


_HTML_CELLS = 500_000


def _html_decode(raw: bytes, name: str) -> str:
    """A page's text: UTF-16 by its byte-order mark; else UTF-8 when the bytes are UTF-8,
    whatever the page declares; else the charset it declares (GB2312 read as GB18030, its
    superset: pages declaring it hold GBK characters); else GB18030."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
    head = raw[:4096].decode("ascii", "replace")
    m = re.search(r"""charset\s*=\s*["']?([\w-]+)|<\?xml[^>]*encoding\s*=\s*["']([\w-]+)""", head, re.I)
    declared = (m[1] or m[2]).lower() if m else ""
    alias = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "utf8": "utf-8"}
    # UTF-8 first whatever is declared: it is strict (GBK text is almost never valid UTF-8), while
    # GB18030 decodes nearly anything, a UTF-8 page that says gb2312 included, into nonsense
    for enc in ["utf-8", *([alias.get(declared, declared)] if declared else []), "gb18030"]:
        try:
            return raw.decode(enc).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    raise GkError(f"网页文件 {name} 的编码无法识别", "在浏览器中打开，另存为 UTF-8 编码的网页后再导入")


def _html_grid(table: Any, budget: list[int]) -> list[list[str]]:
    """A table's rows as text, a cell spanning rows or columns repeated in each (as Excel's
    merged cells; rowspan="0" to the end of its thead/tbody/tfoot, as browsers do)."""
    grid: list[list[str]] = []
    below: dict[tuple[int, int], str] = {}  # cells a rowspan above fills
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    section_end = {}  # row → the index after the last row of its thead/tbody/tfoot (rowspan="0" spans to it)
    for r, tr in enumerate(rows):
        parent = tr.getparent()
        section_end[r] = r + 1 + sum(1 for _ in tr.itersiblings("tr")) if parent is not table else len(rows)
    for r, tr in enumerate(rows):
        row: list[str] = []
        for cell in tr.xpath("./td|./th"):
            while (r, len(row)) in below:
                row.append(below.pop((r, len(row))))
            text = _html_text(cell)
            down = _span(cell.get("rowspan"), section_end[r] - r)
            across = _span(cell.get("colspan"), 1)
            budget[0] -= across * down
            if budget[0] < 0 or len(row) + across > 1000:
                raise GkError("网页中的表格过大（跨行跨列的单元格太多），未读取", "另存为只含该表格的网页，或复制表格到 Excel")
            for _ in range(across):
                for d in range(1, min(down, len(rows) - r)):
                    below[(r + d, len(row))] = text
                row.append(text)
        while (r, len(row)) in below:
            row.append(below.pop((r, len(row))))
        grid.append(row)
    return grid


def _span(value: str | None, zero: int) -> int:
    """rowspan/colspan as a count (at least 1, at most 1000); 0 means `zero` (rowspan="0": the rest)."""
    m = re.match(r"\s*(\d+)", value or "")
    if not m:
        return 1
    n = int(m[1])
    return min(max(n if n else zero, 1), 1000)


def _html_text(el: Any) -> str:
    """An element's text, a line per <br>, <p> or <div> (as a cell's lines in Word)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag in ("br", "p", "div", "li", "tr", "td", "th") and parts:  # a nested table's cells on lines of their own
            parts.append("\n")
        if isinstance(node.tag, str) and node.tag not in ("script", "style"):
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(el)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


def _read_docx(path: Path) -> list[Table]:
    try:
        import docx

        doc = docx.Document(str(path))
    except Exception:
        raise GkError(f"无法读取 Word 文件 {path.name}：文件已损坏、加密或不是 .docx 格式", "确认文件能用 Word/WPS 打开，并另存为 .docx") from None
    from docx.table import Table as DocxTable

    out: list[Table] = []
    before: list[str] = []
    n = 0
    for block in _blocks(doc.element.body):
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _para_text(block).strip()
            if text:
                before.append(text)
        elif tag == "tbl":
            n += 1
            table = DocxTable(block, doc)
            rows = []
            for row in table.rows:
                rows.append([_docx_cell(c) for c in row.cells])
            out.append(Table(rows, f"表 {n}", before, continues=True))
            before = []
    if not out:
        raise GkError(f"{path.name} 中没有表格", NO_TABLE)
    return out


# a file with no task table: a 实施方案 or 工作要点 written as numbered paragraphs is no table to read; it is
# written by hand in the plan format (docs/data.md shows it, and how the built-in 实施方案 xh2023 was written)
NO_TABLE = ("gk import 只读取任务分解表（带“序号、主要任务、责任单位、完成时限”等表头的表格）；按条目写成段落的实施方案、工作要点"
            "不能导入，请按方案文件的格式手写 data/tasks/<方案编号>.yaml（每项任务写 id、title、units、deadline），"
            "格式与示例见 gk 说明文档 docs/data.md 的“方案与任务”一节（其中的 xh2023 就是一份实施方案的写法），写好后运行 gk lint 检查")


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell in order, those inside content controls
    (w:sdt, which WPS and form templates wrap tables in) too."""
    for el in parent.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield el
        elif tag == "sdt":
            for content in el.iterchildren():
                if content.tag.endswith("}sdtContent"):
                    yield from _blocks(content)


_SKIP = {"del", "moveFrom", "Fallback", "instrText", "delText", "txbxContent"}  # deleted, moved away, a drawing's copy


def _hidden(run: Any) -> bool:
    for rpr in run.iterchildren():
        if isinstance(rpr.tag, str) and rpr.tag.endswith("}rPr"):
            for x in rpr.iterchildren():
                if isinstance(x.tag, str) and x.tag.endswith("}vanish"):
                    val = next((v for k, v in x.attrib.items() if k.endswith("}val")), "true")
                    return val not in ("false", "0", "off")
    return False


def _para_text(p: Any) -> str:
    """A paragraph's text as Word shows it: runs inside tracked insertions (w:ins, w:moveTo),
    smart tags and fields too (python-docx reads only direct runs and links), deletions not."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag in _SKIP:
                continue
            if tag == "r" and _hidden(child):  # hidden text (w:vanish): Word does not show it
                continue
            if tag == "t":
                out.append(child.text or "")
            elif tag == "tab":
                out.append("\t")
            elif tag in ("br", "cr"):
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _docx_cell(cell: Any) -> str:
    """A cell's text in order, a table nested in it too (each of its cells on a line)."""
    from docx.table import Table as DocxTable

    lines: list[str] = []
    for el in _blocks(cell._tc):
        if el.tag.endswith("}p"):
            lines.append(_para_text(el).strip())
        else:
            for row in DocxTable(el, cell).rows:
                seen = None
                for c in row.cells:
                    if c._tc is not seen:  # a merged cell is listed once per column it spans
                        lines.append(_docx_cell(c))
                    seen = c._tc
    return "\n".join(t for t in lines if t)


# --- 2. the header and the rows ----------------------------------------------

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "note": ("备注", "备注说明", "备 注"),
    "no": ("序号", "编号", "序", "项次"),
    "category": ("类别", "类型", "分类", "工作类别", "任务类别", "重点领域", "领域", "板块", "工作板块", "项目类别", "方面", "工作方面"),
    "title": (
        "主要任务", "工作任务", "重点任务", "任务", "任务名称", "工作内容", "任务内容", "主要内容", "工作事项", "事项",
        "工作要点", "重点工作", "目标任务", "主要工作",
    ),
    "detail": (
        "具体工作", "具体措施", "工作措施", "具体任务", "主要措施", "工作举措", "具体内容", "推进措施", "工作要求",
        "目标要求", "任务分解", "具体工作措施", "责任分解", "主要举措",
    ),
    "lead": ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位", "牵头"),
    "units": ("责任单位", "责任部门", "承办单位", "责任主体", "实施单位", "落实单位", "责任单位（部门）", "牵头单位及责任单位"),
    "co": ("配合单位", "协办单位", "配合部门", "协助单位", "参与单位", "协同单位", "协作单位", "协同部门", "参与部门",
           "相关单位", "相关部门", "配合"),
    "deadline": (
        "完成时限", "完成时间", "时间节点", "时限", "完成期限", "时间要求", "时限要求", "办结时限", "进度安排",
        "时间安排", "完成时限要求", "截止时间",
    ),
}
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_PERSON_WORDS = ("负责人", "联系人", "电话", "手机", "姓名", "职务", "邮箱", "联络员")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def column_kind(header: str) -> str | None:
    """Which column a header cell names (序号 → no, 牵头单位 → lead, …), or None."""
    h = _norm(header)
    if not h:
        return None
    bare = _PAREN.sub("", h) or h
    for cand in (h, bare):
        for kind, names in COLUMN_NAMES.items():
            if cand in {_norm(n) for n in names}:
                return kind
    if any(w in bare for w in _PERSON_WORDS):  # 牵头单位负责人, 联系电话: about a person, not the units
        return None
    if len(bare) <= 12:  # 牵头单位（部门）, 完成时限及要求, …
        best = None
        for kind, names in COLUMN_NAMES.items():
            for n in names:
                n = _norm(n)
                if len(n) >= 2 and n in bare and (best is None or len(n) > best[1]):
                    best = (kind, len(n))
        if best:
            return best[0]
    return None


def header_map(row: list[str]) -> dict[str, int] | None:
    """kind → column index, when `row` is a header row (it must name the responsible units
    and the task or its work)."""
    found: dict[str, int] = {}
    spare: list[int] = []  # a second column of a kind (重点任务 beside 主要任务)
    for i, cell in enumerate(row):
        kind = column_kind(cell)
        if not kind:
            continue
        if kind not in found:
            found[kind] = i
        elif _rank(kind, cell) < _rank(kind, row[found[kind]]):  # 主要任务 is the task, 重点任务 its group
            spare.append(found[kind])
            found[kind] = i
        else:
            spare.append(i)
    if "title" in found and "category" not in found:  # the other task column groups the tasks: their category
        for i in spare:
            if column_kind(row[i]) == "title":
                found["category"] = i
                break
    has_units = any(k in found for k in ("units", "lead"))
    has_task = any(k in found for k in ("title", "detail"))
    if has_units and has_task and len(found) >= 3:
        return found
    return None


def _rank(kind: str, header: str) -> int:
    """How plainly a header names its kind: its place in COLUMN_NAMES (主要任务 before 重点任务)."""
    names = [_norm(n) for n in COLUMN_NAMES[kind]]
    h = _norm(header)
    return names.index(h) if h in names else len(names)


def _sub_header(row: list[str], cols: dict[str, int], above: list[str] | None = None) -> bool:
    """A second header row under merged cells (责任单位 → 牵头单位 | 配合单位): update `cols`.
    A cell that repeats the header cell above it (merged down, as 备注) says nothing."""
    no = cols.get("no")
    if no is not None and no < len(row) and re.fullmatch(r"\s*\d+(?:[.\-－]\d+)?\s*", row[no]):
        return False  # a task row with a 序号 (1 | 落实政务公开重点任务 | 县财政局、各相关部门) names no columns
    kinds = {i: column_kind(c) for i, c in enumerate(row) if not (above and i < len(above) and c == above[i])}
    named = {i: k for i, k in kinds.items() if k}
    if len(named) < 2 or any(_norm(row[i]) and not k for i, k in kinds.items() if i not in cols.values()):
        return False
    if not any(k in ("lead", "co", "units", "title", "detail") and cols.get(k) != i for i, k in named.items()):
        return False
    for i, k in named.items():
        for other, col in list(cols.items()):
            if col == i and other != k and other in ("units", "lead", "co"):
                del cols[other]
        cols.setdefault(k, i)
    return True


@dataclass
class RawTask:
    where: str  # 表 1 第 3 行
    no: str
    category: str
    title: str
    detail: str
    units: list[tuple[str, str]]  # (column kind, cell text): lead, units, co
    deadline: str
    note: str = ""  # 备注: kept as a comment on the task
    table: str = ""  # the table or sheet it came from (表 1, 工作表“汇总”)


_CN_SECTION = r"[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]"  # 一、 or （一）
_SECTION_NUM = re.compile(rf"^\s*(?:{_CN_SECTION}|\d+[、.．])\s*")
_CN_HEADING = re.compile(rf"\s*(?:{_CN_SECTION})")


AS_WRITTEN = "，已按原文写入，gk lint 会报错"  # the command says otherwise under --strict (nothing is written)
# a mark in a 牵头/配合 column (√, 是, ★, 牵头): which unit of the row leads, no unit's name
_MARK = re.compile(r"(?:[是否√✓✔✗×xX○●◎☑☒■□★☆▲△◆◇YyNn/—\-]|[Yy]es|[Nn]o|牵头|配合)(?:[（(](?:牵头|配合)[）)])?")


def _is_mark(cell: str) -> bool:
    return bool(_MARK.fullmatch(re.sub(r"[\s\ufe00-\ufe0f]", "", unicodedata.normalize("NFKC", cell))))


# gk export's 台账: one row per (task, unit) with today's status, not a plan. Known by a column
# only gk's export has, beside another of its columns; or by its 牵头 column of 是 (one row per
# unit, so the ids repeat). A plan may have 任务编号, 任务来源, 到期日, a 牵头 mark column (√) or
# a 状态 column, and merged 任务编号 cells that repeat once filled.
_LEDGER_ONLY = {"超期天数", "逾期天数", "剩余天数", "最新进度日期", "最新进度状态", "最新进度说明", "进度来源"}
_LEDGER = _LEDGER_ONLY | {"任务编号", "牵头", "状态", "到期日", "任务来源"}


def _ledger(header: list[str], rows: list[list[str]]) -> bool:
    cols = [_norm(c) for c in header]
    if len(set(cols) & _LEDGER) >= 2 and set(cols) & _LEDGER_ONLY:
        return True
    if "到期日" in cols and "状态" in cols:  # gk's own status words under 状态, beside 到期日
        from ..status import LABELS

        k = cols.index("状态")
        shown = {r[k].strip() for r in rows if k < len(r)} - {""}
        only_gk = {LABELS[k] for k in ("overdue", "due_soon", "done_late", "ongoing:unreported", "ongoing:reported", "as_needed")}
        if shown and shown <= set(LABELS.values()) and shown & only_gk:  # 已逾期, 临期…: words a plan never has
            return True
    if "任务编号" in cols and "牵头" in cols:
        k, lead = cols.index("任务编号"), cols.index("牵头")
        marks = {r[lead].strip() for r in rows if lead < len(r)}
        ids = [r[k].strip() for r in rows if k < len(r) and r[k].strip()]
        return marks <= {"是", ""} and "是" in marks and len(ids) > len(set(ids))
    return False


def parse(tables: list[Table]) -> tuple[list[RawTask], str | None, list[str]]:
    """Rows of every table → RawTasks; plus a title guess and notes on skipped rows."""
    tasks: list[RawTask] = []
    notes: list[str] = []
    cols: dict[str, int] | None = None
    header: list[str] | None = None
    title = None
    category = ""
    head_row: list[str] = []
    # a workbook of several task sheets, each named for what it holds: the names are categories
    named = [t.sheet for t in tables if t.sheet and not _DEFAULT_SHEET.fullmatch(_norm(t.sheet)) and any(header_map(r) for r in t.rows[:30])]
    by_sheet = {n: _SECTION_NUM.sub("", n).strip() for n in named} if len(named) > 1 else {}
    for t in tables:
        start = 0
        local = None
        footnote = False  # a 注：1.… row was met: the rows after it that name nothing go on with it
        for i, row in enumerate(t.rows[:30]):
            local = header_map(row)
            if local and _ledger(row, t.rows[i + 1:]):
                raise GkError("这是 gk export 导出的工作台账（每个责任单位一行，含状态与进度），不是任务分解表，未导入",
                              "方案本身就在 data/tasks/ 中；gk import 读取印发的任务分解表（Word、Excel 或网页）")
            if local:
                start = i + 1
                header, head_row = [_norm(c) for c in row], row
                if start < len(t.rows) and _sub_header(t.rows[start], local, row):
                    start += 1  # 责任单位 over 牵头单位 | 配合单位: a second header row
                if title is None:
                    title = _title_guess([*t.before, *(_only_text(r) for r in t.rows[:i])])
                break
        if local:
            if local != cols:  # a column gk has no field for is said, not dropped unseen
                dropped = [c for j, c in enumerate(head_row) if c.strip() and j not in local.values()
                           and (column_kind(c) is None or _norm(c) not in {_norm(head_row[k]) for k in local.values()})]
                if dropped:
                    notes.append(f"{t.where}：未导入的列：{'、'.join(_short(c, 12) for c in dropped)}"
                                 + ("（进度请用 gk progress add 登记）" if any("完成" in c or "进展" in c or "进度" in c for c in dropped) else ""))
            if cols is not None and (local != cols or not t.continues):
                category = ""  # another sheet, or a table with another header, starts its own categories
                # (a Word table split across pages repeats its header and goes on)
            if "category" not in local and by_sheet:
                category = by_sheet.get(t.sheet, "")  # sheets named 重点领域信息公开, 政务公开平台: the category
            cols = local
        elif cols is None or not t.continues:
            continue  # a table (or sheet) without a header: a cover, a title box, notes
        elif t.rows and max(len(r) for r in t.rows) <= max(cols.values()):
            continue  # a small table that cannot be the continuation
        elif t.rows and _foreign_header(t.rows[0]):
            notes.append(f"{t.where}：跳过表头为“{_short('|'.join(c for c in t.rows[0] if c.strip()), 30)}”的表格（不是任务分解表）")
            continue
        for i in range(start, len(t.rows)):
            row = t.rows[i]
            where = f"{t.where + ' ' if t.where else ''}第 {i + 1} 行"
            cells = [c.strip() for c in row]
            if not any(cells) or (header and [_norm(c) for c in row] == header):
                continue
            if _norm(next(c for c in cells if c)) in _TOTALS:  # 合计 | 4项 | …: a count, not a task
                notes.append(f"{where}：跳过合计行")
                continue
            if _SIGNED.match(next(c for c in cells if c)):  # 填表人：谭×× | 联系电话：…: who filled the form in
                notes.append(f"{where}：跳过落款“{_short(' '.join(c for c in cells if c))}”")
                continue
            texts = {c for c in cells if c}
            label = _NOTE_LABEL.fullmatch(_norm(first := next(c for c in cells if c)))
            if label and len(texts) > 1:  # 备注 | 各单位于每季度末次月5日前报送…: a remark under the table, in two cells
                said = first + ("" if first.rstrip().endswith((":", "：")) else "：") + " ".join(c for c in cells[cells.index(first) + 1:] if c and c != first)
                footnote = True
                notes.append(f"{where}：跳过说明文字“{_short(said)}”")
                continue
            get = lambda k: cells[cols[k]].strip() if k in cols and cols[k] < len(cells) else ""  # noqa: E731
            # a 牵头 column of marks (是, √) says which unit leads; a mark is no unit's name
            units = [(k, get(k)) for k in ("lead", "units", "co") if get(k) and not (k != "units" and _is_mark(get(k)))]
            task_title, detail, deadline = get("title"), get("detail"), get("deadline")
            heading = _heading(cells, get("no"), units, deadline)
            if heading is not None:  # 一 | 深化重点领域公开（merged）, or 一、政策解读 alone
                category, footnote = heading, False
                continue
            merged = len(texts) == 1 and len([c for c in cells if c]) > 1  # one text over the row
            first = next(c for c in cells if c)
            if (merged or not units and not deadline) and not re.fullmatch(r"\d+[.、．]?", get("no")) and (
                    footnote and _NUMBERED.match(first) or len(texts) == 1 and _NOTE.match(first)):
                # 2.请于每季度结束后5日内报送 under 注：1.…, in whatever column or merged over the row: the
                # note goes on (a task has a 序号, a unit or a deadline of its own)
                footnote = True
                notes.append(f"{where}：跳过说明文字“{_short(' '.join(c for c in cells if c))}”")
                continue
            footnote = False
            if merged or (not units and not deadline and not task_title and not detail):
                # a heading merged across the row (一、…), or text outside the task columns
                text = next(iter(texts))
                if text.startswith(("注", "备注", "说明", "附注", "填表说明", "填报说明")):
                    footnote = True
                    notes.append(f"{where}：跳过说明文字“{_short(text)}”")
                elif len(texts) == 1 and not re.fullmatch(r"[\d.、．\s]+", text):
                    category = _SECTION_NUM.sub("", text).strip()
                continue
            if get("category"):
                category = _SECTION_NUM.sub("", get("category")).strip()
            if not task_title:
                task_title, detail = detail, ""
            tasks.append(RawTask(where, get("no"), category, task_title, detail, units, deadline, get("note"), t.where))
    return _once(tasks, notes), title, notes


def _once(tasks: list[RawTask], notes: list[str]) -> list[RawTask]:
    """A 汇总 sheet beside a sheet per category lists every task twice: a row of another table
    the same as one of a summary table is imported once, and said. A summary is a table named
    so (汇总, 总表) or one holding rows of two other tables; the same generic task in two
    category sheets is two tasks."""
    key = lambda rt: (_norm(rt.title), _norm(rt.detail), tuple(_norm(c) for _, c in rt.units), _norm(rt.deadline))  # noqa: E731
    by_table: dict[str, set] = {}
    for rt in tasks:
        by_table.setdefault(rt.table, set()).add(key(rt))
    summaries = {t for t, ks in by_table.items() if re.search(r"(?:汇总表?|总表|全部任务)”?$", t)
                 or sum(1 for o, oks in by_table.items() if o != t and oks and oks < ks) >= 2}  # holds two others, and more
    first: dict[tuple, RawTask] = {}
    for rt in tasks:
        if rt.table in summaries:
            first.setdefault(key(rt), rt)
    out = []
    for rt in tasks:
        f = first.get(key(rt))
        if f is not None and f.table != rt.table:
            notes.append(f"{rt.where}与{f.where}相同，未重复导入")
            continue
        out.append(rt)
    return out


# a footnote's start (注：1.…, 填表说明：), in any column; and a signature line under the table
_NOTE_WORD = "(?:注|备注|附注|说明|填表说明|填报说明|编制说明)"
_NOTE = re.compile(_NOTE_WORD + r"\s*(?:[:：]|\d|[（(]\d)")
_NOTE_LABEL = re.compile(_NOTE_WORD + "[:：]?")  # the label alone in its cell, the text beside it
_NUMBERED = re.compile(r"\s*(?:[（(]?\d+[）)]|\d+[.、．]|[①-⑳])")
_SIGNED = re.compile(r"(?:填表人|填报人|制表人|审核人|审核|审签人|签发人|经办人|负责人|单位负责人|分管领导|联系人|联系电话|电话|手机|"
                     r"填报单位|填表单位|填报日期|填表日期|制表日期|报送日期|日期)\s*[:：]")
_DEFAULT_SHEET = re.compile(r"(?i)sheet\d*|工作表\d*|表\d*|附表?\d*|\d+|(?:19|20)\d\d.*")  # a default name, or one led by a year (a version, not a category)
_TOTALS = {"合计", "小计", "总计", "共计", "合计：", "总计："}
_CN_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十百]+[）)]?[、.．]?")


def _heading(cells: list[str], no: str, units: list, deadline: str) -> str | None:
    """A category heading inside the table, or None: a Chinese numeral in the 序号 cell and
    one text over the rest of the row (merged), or a lone 一、… text with no units or deadline."""
    if _CN_NUMBER.fullmatch(no.strip()):
        rest = {c for c in cells if c and c != no}
        if len(rest) == 1:
            return _SECTION_NUM.sub("", next(iter(rest))).strip()
    texts = {c for c in cells if c}
    if len(texts) == 1 and not units and not deadline:
        text = next(iter(texts))
        if _CN_HEADING.match(text):
            return _SECTION_NUM.sub("", text).strip()
    return None


def _foreign_header(row: list[str]) -> bool:
    """The header row of another kind of table (附件 联络员名单: 序号|单位|姓名|职务|电话)."""
    cells = [_norm(c) for c in row if c.strip()]
    return "序号" in cells or any(w in c for c in cells for w in _PERSON_WORDS)


def issued_guess(tables: list[Table]) -> dt.date | None:
    """The plan's issue date from a 印发 line above the table (（…2024年3月5日印发）), or from a
    site's 成文日期 | 2024-03-05 table (the label in one cell, the date in the next), or None.
    印发 and 成文 are the document's own dates, and come before a 发布日期 (the site's)."""
    found: list[tuple[bool, str, str, str]] = []
    for t in tables:
        # in a table's rows only a cell that starts with the label, and the next (成文日期 | 2024-03-05): a task
        # or a category row may cite another document's date (（印发日期：…）, …2022年3月5日印发的工作要点)
        rows = [" ".join(c.strip() for c in r[i:i + 2]) for r in t.rows[:6] for i, c in enumerate(r) if _LABEL_CELL.match(c)]
        for labelled, line in [*((False, x) for x in (*t.before, *(_only_text(r) for r in t.rows[:3]))), *((True, x) for x in rows)]:
            for m in _ISSUED.finditer(line or ""):  # “2024年3月5日印发” or “印发日期：2024年3月5日”
                if m[1] and (labelled or line[m.end():m.end() + 1] == "的"):
                    continue  # …2023年3月5日印发的《…》: another document's, cited
                found.append((not (m[1] or m[4] in ("印发", "成文")), *((m[1], m[2], m[3]) if m[1] else (m[5], m[6], m[7]))))
    for _later, y, mo, d in sorted(found, key=lambda f: f[0]):  # (stable: the first of its kind)
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
    return None


def _only_text(row: list[str]) -> str:
    texts = {c.strip() for c in row if c.strip()}
    return next(iter(texts)) if len(texts) == 1 else ""


_TITLE_END = re.compile(r"(任务分解表|分解表|分工表|任务分工|责任分工|分工方案|责任清单|任务清单|工作要点|实施方案|台账)$")
_ISSUED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发"
                     r"|(印发|发布|发文|成文)(?:日期|时间)\s*[:：]?\s*(\d{4})\s*(?:年|[-./／])\s*(\d{1,2})\s*(?:月|[-./／])\s*(\d{1,2})")


_LABEL_CELL = re.compile(r"\s*(?:印发|发布|发文|成文)(?:日期|时间)")
_ORG = re.compile(r"(?:人民政府|办公室|委员会|局|办)$")  # 青山县人民政府办公室: who signs, not what is issued


def _title_guess(lines: list[str]) -> str | None:
    """The plan's title from the text above its table: the document a 关于印发《…》的通知 issues,
    else the heading nearest the table that names a plan (…工作要点, …任务分解表), else the last
    line that is a heading at all; never a preface sentence, the issuer, a date, a 发文字号 or a mark."""
    lines = [re.sub(r"^附件\s*\d*\s*[:：]\s*", "", ln.strip()) for ln in lines if ln and ln.strip()]  # 附件：青山县…
    lines = [ln for ln in lines if ln and not _ISSUED.search(ln) and not re.fullmatch(r"[（(].*[）)]", ln) and not _NOT_TITLE.fullmatch(ln)]
    joined: list[str] = []
    for ln in lines:  # a heading broken over two lines: 关于印发《…任务 / 分解表》的通知, 关于印发… / …的通知
        if joined and (joined[-1].count("《") > joined[-1].count("》") or joined[-1].endswith(("印发", "转发"))
                       or joined[-1].startswith("关于") and not joined[-1].endswith("通知")):
            joined[-1] += ln
        else:
            joined.append(ln)
    lines = joined
    headings = [ln for ln in lines if not re.search(r"[，。：；:;]", ln) and not _ORG.search(ln)]  # a title: not a sentence, not the issuer
    for ln in headings:  # 关于印发《青山县2024年政务公开工作要点》的通知 (or 〈…〉 inside a 转发): the document it issues
        m = re.search(r"关于印发[《〈]([^》〉]+)[》〉]", ln)  # (a preface sentence citing the State Council's 《…》 is no heading)
        if m:
            return m[1]
    for k in range(len(headings) - 1, -1, -1):  # the one nearest the table
        ln = headings[k]
        if _TITLE_END.search(ln) and not ln.startswith("关于"):
            before = headings[k - 1] if k else ""
            if len(ln) <= 8 and before and _TITLE_END.search(before):  # a title on two lines: …工作要点 / 任务分解表
                return before + ln
            return ln
    for ln in headings:
        m = re.search(r"关于(?:印发|转发)(.+?)的通知", ln)  # 关于印发青山县2024年政务公开工作要点的通知, without 书名号
        if m:
            return m[1].strip("《》〈〉")
    return headings[-1] if headings else None


# lines above a table that are never its title: dates (also in Chinese numerals), 发文字号 in any
# brackets, 特急/加急 marks, page numbers
_NOT_TITLE = re.compile(r"[\d〇零一二三四五六七八九十]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
                        r"|.*[〔\[【(（﹝［]\d{4}[〕\]】)）﹞］]第?\d+号|特急|加急|平急|[—-]\s*\d+\s*[—-]|第\s*\d+\s*页.*|附件\s*\d*")


def _short(text: str, n: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- 3. units, ids and the plan text -----------------------------------------

_SEP = re.compile(r"(\s*[、，,；;。/／\n]+\s*)")  # (。 ends a clause: 牵头单位：县政府办。配合单位：县财政局)
_LABEL = re.compile(r"^(?:牵头单位|责任单位|配合单位|协办单位|牵头部门|责任部门|配合部门|主责单位|主责部门|协同单位|牵头|配合|责任|主责)\s*[:：]\s*")
# what a unit does, written after its name: cut, the role kept. A mark in brackets is that unit's own
# (县财政局、县审计局（牵头）: 县审计局 leads); a verb is the clause's, every unit before it since the last
# ，or ； (县政府办、县财政局牵头，县审计局配合: both lead). 县政协办 is a unit, not 县政 协办.
_LEAD_BRACKET = re.compile(r"\s*[（(]\s*(?:牵头|牵头单位|牵头部门)\s*[）)]\s*$")
_LEAD_WORD = re.compile(r"(?:为|作为|是)?(?:共同|联合|负责)?牵头(?:单位|部门)?$")
_CO_BRACKET = re.compile(r"\s*[（(]\s*(?:配合|协办|参与|协助)(?:单位|部门)?\s*[）)]\s*$")
_CO_WORD = re.compile(r"(?:为|作为|是)?(?:配合|(?<!政)协办|参与|协助|协同)(?:单位|部门)?$")
# a duty with no rank (县政府办督促指导，各乡镇具体落实; 县政府办牵头负责): cut, the unit is responsible
_DUTY_WORD = re.compile(r"(?:督促指导|指导督促|统筹指导|业务指导|指导|督促|统筹|具体实施|组织实施|负责实施|具体落实|抓好落实|负责落实|"
                        r"具体负责|负总责|负责|抓总|落实|实施)$")
# notes, no units: （详见附件）, （排第一位的为牵头单位，下同）; a bare （牵头单位） marks the lead (_LEAD_BRACKET)
_ANNEX = re.compile(r"\s*[（(](?!\s*牵头(?:单位|部门)?\s*[）)])[^（）()]*(?:附件|下同|牵头单位|牵头部门)[^（）()]*[）)]\s*")
_TAIL = re.compile(r"^(.*?)((?:等|及其他|以及其他)[^、，,；;]*)$")
_TAIL_WORDS = ("部门", "单位", "机构", "乡镇", "街道", "有关", "相关", "各", "成员", "主体")


@dataclass
class Ref:
    written: str  # as split from the cell
    name: str  # what goes into the plan (canonical when resolved)
    problem: str | None  # None, "unknown", "ambiguous"
    candidates: tuple[str, ...] = ()


@dataclass
class UnitCell:
    refs: list[Ref]
    others: list[str]


_DUTY = re.compile(r"\s*[（(]?(?:按职责分工负责|按职责分工|按职能职责|按职责|分别负责)[）)]?\s*(?=[、，,；;/／\n]|$)")
_INNER_LABEL = re.compile(r"\s+(?=(?:牵头|配合|协办|责任|主责)(?:单位|部门)?[:：])")  # 牵头：甲 配合：乙


def _with_kind_words(words: list[str]) -> list[str]:
    """Words of a cell with a kind word (办公室, 中心…) joined to the word before it: 县财政局 县人民政府 办公室
    is 县财政局 and 县人民政府 办公室 (one name with a stray space), not three."""
    out: list[str] = []
    for w in words:
        if out and is_kind_word(w):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def split_units(text: str, resolver) -> UnitCell:
    """One 责任单位 cell → references (lead first) and open-ended tails."""
    text = _ANNEX.sub("", unicodedata.normalize("NFC", text)).strip()
    text = _INNER_LABEL.sub("；", _DUTY.sub("", text))
    pieces = _SEP.split(text)
    parts: list[str] = []
    seps: list[str] = []
    for k, piece in enumerate(pieces[0::2]):
        words = _with_kind_words(piece.split())
        if len(words) > 1 and resolver.resolve(piece).problem == "unknown" and all(
            resolver.resolve(w).problem != "unknown" or ends_as_unit(w) for w in words
        ):  # 县财政局 县审计局, 县民族宗教委&nbsp;&nbsp;县委统战部: spaces used as separators (but 县 医保局,
            # 县发展 改革委 are one name with a stray space: a piece that ends as no unit does is no unit)
            for w in words[:-1]:
                parts.append(w)
                seps.append(" ")
            piece = words[-1]
        subs = _presplit(piece) if resolver.resolve(piece).problem == "unknown" else [piece]
        for sub in subs[:-1]:
            parts.append(sub)
            seps.append("")
        parts.append(subs[-1])
        if k < len(pieces[1::2]):
            seps.append(pieces[1::2][k])
    clause = [0]  # each part's clause: a new one after ，or ；(or a line break), not after 、
    for sep in seps:
        clause.append(clause[-1] + (1 if re.search(r"[，,；;。]", sep) or ("\n" in sep and not re.search(r"[、/／]", sep)) else 0))
    found: list[tuple[Ref, int, str | None, str]] = []  # (reference, clause, lead mark: "one", "clause" or None, co word)
    lead_clauses: set[int] = set()
    label_roles: dict[int, str] = {}
    others: list[str] = []
    i = 0
    while i < len(parts):
        # the longest run of parts that names one unit or group (各乡镇人民政府、街道办事处)
        taken = 1
        for j in range(len(parts), i + 1, -1):
            joined = "".join(p + (seps[k] if k < j - 1 else "") for k, p in enumerate(parts[i:j], i))
            if resolver.resolve(joined.strip()).problem != "unknown":
                parts[i] = joined.strip()
                taken = j - i
                break
        here, start = clause[i], i
        if label := _LABEL.match(parts[i].strip()):  # 配合单位：县财政局；牵头单位：县政府办 — the label is the clause's role
            role = "lead" if label[0].startswith(("牵头", "主责")) else "co" if label[0].startswith(("配合", "协办", "协同")) else None
            if role:
                label_roles[here] = role
        part = _LABEL.sub("", parts[i].strip()).strip()
        i += taken
        if not part:
            continue
        part, lead, co = _roles(part, resolver)
        if lead == "clause":
            lead_clauses.add(here)
        if not part:
            continue
        ref, tail = _one(part, resolver, after_unit=start > 0 and seps[start - 1] == "")
        if tail == "等" and co:  # 县公安局等配合: the open tail as written (等配合), not a bare 等
            tail += co
        if tail:
            others.append(tail)
        if ref is not None:
            found.append((ref, here, lead, co))
    # the lead units first, each group in the order written (县政府办、县财政局牵头 → 县政府办, 县财政局).
    # A unit with its own 配合/协助/参与 mark never leads; in a clause that has one (县财政局配合、县审计局、
    # 县政府办牵头) the lead verb is only the unit's it is written after, not the list's.
    found = [(r, c, "one" if label_roles.get(c) == "lead" and not co else lead,
              co or ("配合" if label_roles.get(c) == "co" else "")) for r, c, lead, co in found]
    co_clauses = {c for _r, c, _lead, co in found if co}
    leads = [r for r, c, lead, co in found
             if not co and (lead == "one" or (c in lead_clauses and (c not in co_clauses or lead == "clause")))]
    out: list[Ref] = []
    for r in [*leads, *(r for r, _c, _lead, _co in found)]:
        if all(r.name != o.name for o in out):
            out.append(r)
    return UnitCell(out, others)


def _roles(part: str, resolver) -> tuple[str, str | None, str]:
    """A part without the role words written after the unit (牵头, 共同牵头, （牵头）, 配合, 为配合单位,
    协助, 督促指导, 具体落实, 负责…): (the part, "one" for a bracketed lead mark and "clause" for a lead
    verb or None, the co-operation word cut). A name gk knows is never cut."""
    lead: str | None = None
    co = ""
    duty = False
    while part and resolver.resolve(part).problem == "unknown":
        for rx, role in ((_LEAD_BRACKET, "one"), (_CO_BRACKET, "co"), (_LEAD_WORD, "clause"), (_CO_WORD, "co"), (_DUTY_WORD, None)):
            m = rx.search(part)
            if m and m.start() > 0:
                word = re.sub(r"[\s（()）]|^(?:为|作为|是)|(?:单位|部门)$", "", m.group())
                part = part[:m.start()].strip()
                if role == "co":
                    co = co or word
                elif role is not None:
                    lead = lead or role
                else:
                    duty = True
                break
        else:
            break
    if part.startswith("由") and resolver.resolve(part).problem == "unknown" and (
            lead or co or duty or resolver.resolve(part[1:]).problem != "unknown"
            or part.startswith(("由县", "由区", "由市")) and ends_as_unit(part[1:])):  # 由县财政局牵头, 由…负责, 由县政府办会同…
        part = part[1:]
    return part, lead, co


_JOINERS = re.compile(r"以及|及|等|会同")  # 县政府办会同县财政局: two units
_MANY_AFTER = re.compile(r"各|其他|其它|有关|相关|所属|下属")  # 及各乡镇, 及其他有关单位: what follows 及 is a tail
_TOWNSHIPS = re.compile(r"^各(?:乡镇|镇乡|乡|镇|街道|村)")


def _presplit(piece: str) -> list[str]:
    """Cut before 及/以及 and before an open-ended 等… tail: 县审计局等县级有关部门 →
    县审计局 | 等县级有关部门. The caller joins pieces back when the whole resolves."""
    out: list[str] = []
    start = 0
    for m in _JOINERS.finditer(piece):
        k = m.start()
        if k <= start:
            continue
        if m.group() == "等" and not any(w in piece[k:] for w in _TAIL_WORDS):
            continue
        if m.group() != "等" and not ends_as_unit(piece[start:k]) and not _MANY_AFTER.match(piece, m.end()):
            continue  # 及 inside a name (涉及的县级部门, 县科普及推广中心): only a unit's name or 及各…/及其他… is cut
        out.append(piece[start:k])
        start = k
    out.append(piece[start:])
    return [p for p in out if p] or [piece]


def _one(part: str, resolver, after_unit: bool = False) -> tuple[Ref | None, str | None]:
    """A part → its reference and open tail. `after_unit`: the part was cut from a unit's name before
    it (县政府办|会同县财政局): only then is a 会同 at its start a joiner (会同县教育局 is 会同县's)."""
    r = resolver.resolve(part)
    if r.problem != "unknown":
        return _ref(part, r), None
    duty = re.sub(r"\s*[（(]?(?:牵头)?负总?责[）)]?$", "", part).strip()
    if duty != part and duty:  # 县财政局负责, 县财政局（负责）, 县审计局等负责
        return _one(duty, resolver, after_unit)
    if part.startswith("会同") and not after_unit:
        return _ref(part, r), None
    m = _TAIL.match(part)
    if m and (any(w in m.group(2) for w in _TAIL_WORDS) or m.group(2) == "等"):  # 县医保局等: an open list
        head, tail = m.group(1).strip(), m.group(2).strip()
        if not head:
            return None, tail
        return _ref(head, resolver.resolve(head)), tail
    if part.startswith(("及", "以及", "和", "会同")):
        bare = re.sub(r"^(以及|及|和|会同)", "", part).strip()
        rb = resolver.resolve(bare)
        if rb.problem != "unknown" or _TOWNSHIPS.match(bare) or (ends_as_unit(bare) and not _MANY_AFTER.match(bare)):
            # 及各乡镇: units to name (a group); 及县住建局: a unit not known yet; not an open tail
            return _ref(bare, rb), None
        return None, bare if part.startswith("会同") else part  # 及有关部门 as written; 会同 is a verb, no part of the tail
    return _ref(part, r), None


def _ref(written: str, r) -> Ref:
    if r.problem in (None, "empty", "cycle") and r.name:
        return Ref(written, r.name, None)
    return Ref(written, written, r.problem, tuple(r.candidates))


@dataclass
class ImportedTask:
    id: str
    category: str | None
    title: str
    detail: str | None
    units: list[str]
    others: str | None
    deadline: str | None
    written_units: str  # the cell(s) as written
    where: str
    note: str | None = None


@dataclass
class Unresolved:
    written: str
    problem: str
    candidates: tuple[str, ...]
    where: str
    task: str


@dataclass
class Result:
    tasks: list[ImportedTask]
    categories: list[str]
    unresolved: list[Unresolved]
    warnings: list[str]
    bad_deadlines: int = 0  # deadlines gk lint will refuse (GK304)


def _clean(text: str, keep_lines: bool = False) -> str:
    from ..yamlio import CONTROL

    text = CONTROL.sub(" ", text.replace("\r", ""))  # Word's \x0b line breaks, stray control codes: gk lint refuses them
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    return ("\n" if keep_lines else "").join(lines)


def _deadline(text: str, plan_year: int | None = None) -> str:
    """A 完成时限 cell as written, its lines joined as the reader reads them: the pieces of one
    deadline broken over lines (2023年⏎6月底前, 每季度结束后⏎10个工作日内, 长期⏎坚持) run on without
    a mark; two whole deadlines (2030年9月30日前⏎每季度更新) are two clauses, joined by “；”."""
    digits = bool(re.search(r"\d", text))
    # kept as written (the deadlines parser reads full-width forms itself): only full-width digits
    # become ASCII, so that lint quotes what a reader can search for; ①②③ stay steps
    text = _clean(text.translate(_FULL_DIGITS), keep_lines=True)
    lines = [re.sub(r"\s+", "", line) if digits else line for line in text.split("\n") if line]
    out = lines[:1]
    for line in lines[1:]:
        # two clauses: a line's closing 。 gives way to the “；” (2024年6月底前完成初稿。⏎2024年12月底前印发。)
        out[-1] = out[-1] + line if _one_deadline(out[-1], line, plan_year) else out[-1].removesuffix("。") + "；" + line
    text = "；".join(out)  # (one string: the clauses as joined)
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)  # 2024/6/30: a CSV's or Excel's date as text
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else text


def _one_deadline(before: str, line: str, plan_year: int | None) -> bool:
    """Are two lines of a deadline cell pieces of one deadline (to run on), not two whole deadlines?
    So when the line before ends in a mark that goes on (，；、：, not 。); when the two run on read as one deadline
    and joined by “；” they read otherwise or not at all (2023年⏎6月底前: “2023年；6月底前” is a year
    late; 每年⏎1月31日前); or, when the run-on reads as nothing, when a line is no deadline by itself
    (按要求⏎时限). 2030年9月30日前⏎每季度更新 and 2023年6月底前⏎长期坚持 stay two clauses. The
    year (a stand-in when the plan has none) only lets 6月底前 be read."""
    from .. import deadlines

    if re.search(r"[，,；;、：:]$", before):  # (not 。: a sentence ended, 2024年6月底前。⏎2024年12月底前。 is two)
        return True
    year = plan_year or 2000

    def read(text: str):
        try:
            return replace(deadlines.parse(text, year), text="")
        except deadlines.DeadlineError:
            return None

    run_on = read(before + line)
    if run_on is None:
        return read(before) is None or read(line) is None
    return read(before + "；" + line) != run_on


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def convert(raw: list[RawTask], resolver, plan_id: str, plan_year: int | None) -> Result:
    from .. import deadlines

    ids, renumbered = _ids(raw, plan_id)
    tasks: list[ImportedTask] = []
    unresolved: list[Unresolved] = []
    warnings: list[str] = [renumbered] if renumbered else []
    categories: list[str] = []
    bad_deadlines = 0
    above_units: list = []
    above_deadline = ""
    for rt, tid in zip(raw, ids):
        names: list[str] = []
        others: list[str] = []
        # 同上 ("as above") in a cell: the row above's value, as the reader takes it
        units = above_units if rt.units and all(_SAME_AS_ABOVE.match(cell) for _kind, cell in rt.units) else rt.units
        above_units = units
        for _kind, cell in units:
            uc = split_units(cell, resolver)
            for ref in uc.refs:
                if ref.name not in names:
                    names.append(ref.name)
                if ref.problem:
                    unresolved.append(Unresolved(ref.written, ref.problem, ref.candidates, rt.where, tid))
            others.extend(o for o in uc.others if o not in others)
        deadline = _deadline(rt.deadline, plan_year) or None
        if deadline and re.fullmatch(r"\d{4}\.1", rt.deadline.strip()):
            warnings.append(f"{rt.where}（{tid}）：完成时限“{rt.deadline.strip()}”可能是 {rt.deadline.strip()}0 月（Excel 把 2024.10 存成了数字 2024.1），请核对")
        if deadline and _SAME_AS_ABOVE.match(deadline) and above_deadline:
            deadline = above_deadline
        above_deadline = deadline or ""
        if deadline:
            try:
                deadlines.parse(deadline, plan_year)
            except deadlines.DeadlineError as e:  # lint's own reason (no year, or not a deadline)
                bad_deadlines += 1
                warnings.append(f"{rt.where}（{tid}）：{e}{AS_WRITTEN}")
        else:
            warnings.append(f"{rt.where}（{tid}）：没有完成时限")
        if not names:
            warnings.append(f"{rt.where}（{tid}）：没有可用的责任单位，gk lint 会报错")
        category = _clean(rt.category) or None
        if category and category not in categories:
            categories.append(category)
        title, detail = _clean(rt.title), _clean(rt.detail, keep_lines=True)
        lines = _clean(rt.title, keep_lines=True).split("\n")
        if len(lines) > 1 and not detail and not _goes_on(lines[0], lines[1]):
            # 工作任务及具体措施 in one cell: its first line is the task, the rest the work
            title, detail = lines[0], "\n".join(lines[1:])
        tasks.append(
            ImportedTask(
                tid,
                category,
                title,
                detail or None,
                names,
                "、".join(others) or None,
                deadline,
                "；".join(_lines_apart(_clean(c, keep_lines=True)) for _, c in rt.units),  # the cell as written, lines kept apart
                rt.where,
                _clean(rt.note) or None,
            )
        )
    return Result(tasks, categories, unresolved, warnings, bad_deadlines)


def _lines_apart(text: str) -> str:
    """A cell's lines on one line: a line break is a 、 unless a separator is there already (县林业局、⏎县水利局)."""
    return re.sub(r"\n", "", re.sub(r"(?<![、，,；;/／])\n(?![、，,；;/／])", "、", text))


# a numbered line of work: 1. / 1、 / （1） / ① / （一） / 一、 / 一是 (not 10.5万元, a number in a sentence)
_WORK_ITEM = re.compile(r"\s*(?:[（(]?\d+[）)]|\d+[、．.](?!\d)|[①-⑳]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+(?:、|是))")


def _goes_on(line: str, after: str) -> bool:
    """Does a cell's first line break off mid-sentence (加强…公开，在县政府网站 / “…”栏目集中公开…),
    so that the next line continues it rather than being the task's work? A heading (加强涉企政策公开)
    has no comma inside; a sentence that has one and no end (。；：！？) goes on."""
    if re.search(r"[。；;：:！!？?]$", line) or _WORK_ITEM.match(after):
        return False  # an ended sentence, or numbered work below a heading (加强政策解读，提升回应实效 / 1.…)
    return bool(re.search(r"[，,、“‘（(《]$", line) or re.match(r"[”’）)》，,。、；;：:]", after) or re.search(r"[，,、]", line))


def _words(title: str | None) -> str:
    """A title's words alone: width, punctuation and spaces are no words (（含…） is (含…), ２０３０ is 2030)."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", title or ""))


def _only_added_or_cut(a: str, b: str) -> bool:
    """Is one title (its _words) the other with words added (or cut), none changed? (…返贫动态监测帮扶政策
    → …返贫致贫动态监测和帮扶政策 is; 公开政府预算 → 公开政府决算, 一季度 → 二季度 are other tasks.)"""
    from rapidfuzz.distance import LCSseq

    return LCSseq.similarity(a, b) == min(len(a), len(b))


def keep_ids(result: Result, old: list[tuple[str, str, str | None, tuple[str, ...], str | None]],
             plan_id: str) -> tuple[list[str], list[str], list[str]]:
    """A revised table imported over its plan (--force): a task the old plan had keeps its old id,
    so that progress already reported against it stays with it. Old tasks are (id, title, detail,
    units, deadline). Tasks are matched by title and detail, then by title alone; a title several
    tasks share (a 序号 merged over rows: -03-1, -03-2) pairs them in order when old and new have as
    many; then a task reworded a little (the same units and deadline, a title SIMILAR alike) keeps
    the id, best match first. Any other task whose 序号-id an old task had gets a new number after
    the old plan's last. Returns what to say, the pairs by a similar title (for the office to
    check), and the old ids no task has any more."""
    from rapidfuzz import fuzz

    norm = lambda s: "".join((s or "").split())  # noqa: E731
    free_old = list(old)
    taken: dict[int, str] = {}
    for key in (lambda t: (norm(t[1]), norm(t[2])), lambda t: norm(t[1])):
        groups_new: dict = {}
        for k, t in enumerate(result.tasks):
            if k not in taken:
                groups_new.setdefault(key((t.id, t.title, t.detail)), []).append(k)
        for want, ks in groups_new.items():
            same_old = [o for o in free_old if key(o) == want]
            if len(same_old) == len(ks):  # one each, or as many parts in both: in order
                for k, o in zip(ks, same_old):
                    taken[k] = o[0]
                    free_old.remove(o)
    # a title edited a little (公开防止返贫动态监测帮扶政策 → …致贫…和帮扶政策) while a row was inserted
    # above it: the same units and deadline say it is the same task; best pairs first, each once
    old_words = [_words(o[1]) for o in free_old]  # (each title read once, not once per pair)
    new_words = {k: _words(t.title) for k, t in enumerate(result.tasks) if k not in taken}
    pairs = sorted(
        (-score, k, j)
        for k, t in enumerate(result.tasks) if k in new_words
        for j, o in enumerate(free_old)
        if [norm(u) for u in o[3]] == [norm(u) for u in t.units] and norm(o[4]) == norm(t.deadline)
        and (score := fuzz.ratio(old_words[j], new_words[k])) >= SIMILAR and _only_added_or_cut(old_words[j], new_words[k])
    )
    similar: list[str] = []
    paired: set[int] = set()
    by_similar: set[int] = set()
    for _score, k, j in pairs:
        if k in taken or j in paired:
            continue
        paired.add(j)
        by_similar.add(k)
        taken[k] = free_old[j][0]
        new_shown, old_shown = _where_they_differ(result.tasks[k].title, free_old[j][1])
        similar.append(f"{result.tasks[k].where}“{new_shown}”沿用 {free_old[j][0]}（原为“{old_shown}”）")
    free_old = [o for j, o in enumerate(free_old) if j not in paired]
    old_ids = {o[0] for o in old}
    number = re.compile(rf"^{re.escape(plan_id)}-(\d+)(?:-\d+)?$")
    numbered = sorted(int(m[1]) for i in old_ids if (m := number.match(i)))
    width = max([2, *(len(m[1]) for i in old_ids if (m := number.match(i)))])
    used = old_ids | {taken.get(k, t.id) for k, t in enumerate(result.tasks)}
    nxt = (numbered[-1] if numbered else 0) + 1  # after the old plan's last
    renamed: list[str] = []
    for k, t in enumerate(result.tasks):
        if k in taken:
            if taken[k] != t.id:
                if k not in by_similar:  # (those are said apart)
                    renamed.append(f"{t.where}“{_short(t.title)}”沿用原编号 {taken[k]}（按序号应为 {t.id}）")
                result.tasks[k] = replace(t, id=taken[k])
        elif t.id in old_ids:  # an old task's number: its progress must not pass to this one
            while f"{plan_id}-{nxt:0{width}d}" in used:
                nxt += 1
            new_id = f"{plan_id}-{nxt:0{width}d}"
            used.add(new_id)
            renamed.append(f"{t.where}“{_short(t.title)}”是新任务，编为 {new_id}（{t.id} 是原方案另一项任务的编号）")
            result.tasks[k] = replace(t, id=new_id)
    gone = [o[0] for o in old if o[0] not in {t.id for t in result.tasks}]
    return renamed, similar, gone


def _where_they_differ(new: str, old: str, n: int = 20) -> tuple[str, str]:
    """Two titles shortened alike around where they differ, so that the change shows: a long title changed
    after its 20th character is shown from a little before the change (…部门预算在批复后20日内…), not cut
    at the same place in both."""
    new, old = " ".join(new.split()), " ".join(old.split())
    if len(new) <= n and len(old) <= n:
        return new, old
    same = next((k for k, (a, b) in enumerate(zip(new, old)) if a != b), min(len(new), len(old)))
    start = max(0, min(same - 6, len(new) - n + 1, len(old) - n + 1)) if same > n - 6 else 0
    return (("…" if start else "") + _short(new[start:], n), ("…" if start else "") + _short(old[start:], n))


SIMILAR = 75  # rapidfuzz ratio of two titles' words (_words) for a reworded task to keep its id


_SAME_AS_ABOVE = re.compile(r"^\s*同\s*上\s*[。.]?\s*$")  # \s: also the nbsp and full-width space of copied text


def _ids(raw: list[RawTask], plan_id: str) -> tuple[list[str], str | None]:
    """Task ids from the 序号 column, so that the document's 第2项 is <plan>-02; a 序号 merged
    over several rows (one item in parts) numbers the parts (-02-1, -02-2). When the 序号 are
    missing or start again (a second sheet from 1), by row order, and a note saying so."""
    nums: list[tuple[int, int | None] | None] = []
    for rt in raw:  # 3, 3. or 3、; and 3.1, 3.2: the parts of item 3, numbered in the table itself (-03-1, -03-2)
        m = re.fullmatch(r"\s*(\d+)\s*(?:[.．]\s*(\d+)\s*)?[.、．]?\s*", rt.no or "")
        nums.append((int(m[1]), int(m[2]) if m[2] else None) if m else None)
    runs = [n for k, n in enumerate(nums) if k == 0 or n != nums[k - 1]]
    if nums and all(n is not None for n in nums) and len(set(runs)) == len(runs):
        width = max(2, len(str(max(n[0] for n in nums if n is not None))))
        ids = []
        for k, n in enumerate(nums):
            parts = nums.count(n)
            ids.append(f"{plan_id}-{n[0]:0{width}d}" + (f"-{n[1]}" if n[1] is not None else "")  # type: ignore[index]
                       + (f"-{nums[:k].count(n) + 1}" if parts > 1 else ""))
        split = sorted({n for n in nums if n is not None and nums.count(n) > 1}, key=lambda n: (n[0], n[1] or 0))
        said = lambda n: f"{n[0]}.{n[1]}" if n[1] is not None else str(n[0])  # noqa: E731
        note = (f"序号 {'、'.join(map(said, split))} 各占了几行（合并单元格，或同一序号写了两次），编为 …-{split[0][0]:0{width}d}-1、-2 …；"
                "如果其实是不同的任务，请改正原表的序号后重新导入") if split else None
        if len(set(ids)) == len(ids):  # (3 over two rows, -03-1 and -03-2, beside a 3.1 row: by row order)
            return ids, note
    width = max(2, len(str(len(raw))))
    ids = [f"{plan_id}-{n:0{width}d}" for n in range(1, len(raw) + 1)]
    if all(n is None for n in nums):
        return ids, None  # no 序号 at all: nothing to match
    # 1.9 then 1.1 again (1.10 in a number cell), 1.19 then 1.2 (1.20): Excel dropped the final 0
    again = [n for k, n in enumerate(nums) if k and n is not None and n[1] is not None and n in nums[:k]
             and nums[k - 1] == (n[0], n[1] * 10 - 1)]
    if any(n is None for n in nums):
        why = "序号有缺失"
    elif again:
        why = f"序号 {again[0][0]}.{again[0][1]} 出现了两次（Excel 把数字单元格中的 {again[0][0]}.{again[0][1]}0 存成了 {again[0][0]}.{again[0][1]}？把序号列设为文本后重新输入）"
    else:
        why = "序号有重复（如各工作表各自从 1 编起）"
    return ids, f"{why}：任务编号按行的顺序编为 {ids[0]} 至 {ids[-1]}，与原表的序号不一一对应" if raw else None


def carried_over(old_plan: Any, *, issued_on: dt.date | None, title: str | None, guessed_title: str | None,
                 issued_by: str | None, office: str | None) -> dict[str, Any]:
    """On --force over a plan: what the new table does not say (an issued_on typed in by hand,
    the title, the issuer, the plan's default units), taken from the old plan rather than
    dropped. `issued_on` etc. are what the command line or the table gives (None: not given)."""
    kept: dict[str, Any] = {}
    if issued_on is None and old_plan.issued_on:
        kept["issued_on"] = old_plan.issued_on
    if title is None and guessed_title is None and old_plan.title:
        kept["title"] = old_plan.title
    if issued_by is None and old_plan.issued_by and old_plan.issued_by != office:
        kept["issued_by"] = old_plan.issued_by
    if old_plan.units:
        kept["units"] = list(old_plan.units)
    return kept


# comments gk import writes itself (the header, and a task's 责任单位原文 and 备注): `render` below writes them
_GK_NOTES = ("由 gk import 于", "title = 主要任务", "写单位名称，不能识别的", "责任单位原文：", "备注：")


def comments(text: str) -> list[tuple[int, str]]:
    """The comments of a YAML text: (line from 1, text after the #), in order."""
    from ruamel.yaml import YAML

    out: list[tuple[int, str]] = []
    if not text:
        return out
    try:
        for token in YAML().scan(text):
            for c in getattr(token, "comment", None) or []:
                for one in c if isinstance(c, list) else [c]:
                    if one is None or not hasattr(one, "value"):
                        continue
                    for k, line in enumerate(one.value.split("\n")):
                        if line.strip().startswith("#"):
                            out.append((one.start_mark.line + 1 + k, line.strip()[1:].strip()))
    except Exception:  # a file gk could not read as YAML: nothing to name
        return []
    return sorted(set(out))


def plan_comment(text: str, notes: list[tuple[int, str]], key: str) -> str | None:
    """The comment at the end of the plan's `key:` line (issued_on: 2025-04-15  # 按正式文件), if any."""
    inside = False
    for n, line in enumerate(text.split("\n"), 1):
        if line[:1] not in (" ", "\t", "#", ""):
            inside = line.startswith("plan:")  # a top-level key: in the plan's block, or out of it
        elif inside and re.match(rf"\s+{key}\s*:", line):
            return next((c for ln, c in notes if ln == n), None)
    return None


def lost_comments(old: list[tuple[int, str]], new_text: str) -> list[tuple[int, str]]:
    """The old plan file's comments (`comments`) that the new text has not and gk did not write itself
    (a hand note on a task): to be named, not dropped unseen."""
    said = {c for _line, c in comments(new_text)}
    header = {line - 1 for line, c in old if c.startswith("由 gk import 于")}  # the title gk wrote above it
    return [(line, c) for line, c in old if c not in said and not c.startswith(_GK_NOTES) and line not in header]


def render(
    result: Result,
    plan: dict[str, Any],
    source: str,
    today: dt.date,
) -> str:
    """The plan file as YAML text (DESIGN's format), with a header naming the source."""
    out: list[str] = [
        comment(f"{plan['title']}"),
        comment(f"由 gk import 于 {today} 从“{source}”导入：一行一项任务，序号 N → {plan['id']}-NN。"),
        comment("title = 主要任务，detail = 具体工作；units 为责任单位（第一个为牵头单位），能在 data/units/ 中识别的"),
        comment("写单位名称，不能识别的按原文保留（gk lint 会报错）；“等县级有关部门”之类的开放式结尾保留在 others。"),
        "plan:",
        f"  id: {plan['id']}",
    ]
    said = plan.get("comments", {})  # a comment the old plan file had on a value kept from it
    tail = lambda key: f"  {comment(said[key])}" if key in said else ""  # noqa: E731
    out.append(f"  title: {scalar(plan['title'])}{tail('title')}")
    if plan.get("issued_by"):
        out.append(f"  issued_by: {scalar(plan['issued_by'])}{tail('issued_by')}")
    if plan.get("issued_on"):
        out.append(f"  issued_on: {plan['issued_on'].isoformat()}{tail('issued_on')}")
    if plan.get("units"):
        out.append(f"  units: {flow_list(plan['units'])}{tail('units')}")
    if result.categories:
        out.append("  categories:")
        out.extend(f"    - {scalar(c)}" for c in result.categories)
    if not result.tasks:
        out.append("tasks: []")
    else:
        out.append("tasks:")
    for t in result.tasks:
        out.append(f"  - id: {scalar(t.id)}")
        if t.category:
            out.append(f"    category: {scalar(t.category)}")
        out.append(f"    title: {scalar(t.title or '（无标题）')}")
        if t.detail:
            out.append(_field("detail", t.detail, 4))
        if t.note:
            out.append("    " + comment(f"备注：{t.note}").replace("\n", "\n    "))
        if t.written_units and t.written_units != "、".join(t.units) + (t.others or ""):
            out.append("    " + comment(f"责任单位原文：{t.written_units}").replace("\n", "\n    "))
        if t.units:
            out.append(f"    units: {flow_list(t.units)}")
        if t.others:
            out.append(f"    others: {scalar(t.others)}")
        if t.deadline:
            out.append(f"    deadline: {scalar(t.deadline)}")
    return "\n".join(out) + "\n"


def _field(key: str, value: str, indent: int) -> str:
    """A field, as a literal block (|-) when the text has several lines."""
    from .yamltext import _printable

    pad = " " * indent
    lines = value.split("\n")
    if len(lines) > 1 and all(ln and ln == ln.strip() and all(_printable(ch) and ch != "\t" for ch in ln) for ln in lines):
        body = "\n".join(f"{pad}  {ln}" for ln in lines)
        return f"{pad}{key}: |-\n{body}"
    return f"{pad}{key}: {scalar(value)}"


def expected_data(result: Result, plan: dict[str, Any]) -> dict[str, Any]:
    """What gk's loader must read back from `render`'s text."""
    p: dict[str, Any] = {"id": plan["id"], "title": plan["title"]}
    if plan.get("issued_by"):
        p["issued_by"] = plan["issued_by"]
    if plan.get("issued_on"):
        p["issued_on"] = plan["issued_on"].isoformat()
    if plan.get("units"):
        p["units"] = list(plan["units"])
    if result.categories:
        p["categories"] = list(result.categories)
    tasks = []
    for t in result.tasks:
        d: dict[str, Any] = {"id": t.id}
        if t.category:
            d["category"] = t.category
        d["title"] = t.title or "（无标题）"
        if t.detail:
            d["detail"] = t.detail
        if t.units:
            d["units"] = list(t.units)
        if t.others:
            d["others"] = t.others
        if t.deadline:
            d["deadline"] = t.deadline
        tasks.append(d)
    return {"plan": p, "tasks": tasks}
