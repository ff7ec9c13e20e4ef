"""Step 1 of gk import: a file (Word, Excel, a web page Word saved, TSV/CSV) as tables of
text cells, whatever the format. Merged cells carry the top-left cell's text in every cell
they cover."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ...errors import GkError


class NoTables(GkError):
    """A Word file or web page with no table at all: its paragraphs may still be read (prose.py)."""


def norm(text: str) -> str:
    """A header or sheet name as compared: NFKC, no spaces (序  号 = 序号, ＳＨＥＥＴ１ = SHEET1)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass
class Table:
    rows: list[list[str]]
    where: str  # "表 1", "工作表 Sheet1", ""
    before: list[str] = field(default_factory=list)  # text above the table (title candidates)
    continues: bool = False  # may continue the previous table without repeating its header (Word)
    sheet: str = ""  # the worksheet's name (Excel)
    hidden: bool = False  # a hidden worksheet, read only to be named (Excel)
    # Excel rows hidden (index in `rows`): "filter" when a filter or a collapsed outline group hides it (a view:
    # the row is imported), "hand" when it was hidden by hand (skipped and named: 作废 rows are hidden so)
    hidden_rows: dict[int, str] = field(default_factory=dict)
    first: int = 0  # rows above rows[0] in the sheet or table (a part cut off below another table): for row numbers
    cut: bool = False  # the rest of a table, cut off at a second header or an 附： title below the task table
    warnings: list[str] = field(default_factory=list)  # what reading it mended (a row a line break had cut), to be checked
    # Excel formula cells with no saved result (read as blank), by (row, column) in the sheet from 0: their
    # cell names (E2); an error only where the import reads them (a 备注 column's formulas are no matter)
    uncalculated: dict[tuple[int, int], str] = field(default_factory=dict)


def read_tables(path: Path, sheet: str | None = None) -> tuple[list[Table], str]:
    """The tables in the file, and a note on how it was read (encoding). `sheet`: only
    that worksheet (name or number from 1, a hidden one too) or Word table (number)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise GkError(f"{path} 是一个目录，不是文件", "写出目录中任务分解表文件的名称，如 gk import 目录/任务分解表.docx --plan …")
    if not path.is_file():
        if path.exists():  # /dev/null, a FIFO: there, but nothing to read a table from (and a FIFO would hang)
            raise GkError(f"{path} 不是普通文件（设备或管道）", "写出任务分解表文件（.docx、.xlsx、.html 等）的路径")
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
    if suffix in (".tsv", ".csv", ".txt", ".tab", ".md", ".markdown"):
        text, enc = _decode(path.read_bytes(), path.name)
        return _pipe_tables(text) or _read_text(text, suffix), enc
    raise GkError(f"无法识别的文件类型：{path.name}", "支持 .docx（Word 表格）、.xlsx（Excel）、.html 与 .mht（网页）、.tsv、.csv、.txt、.md")


def _sniffed(path: Path, suffix: str) -> str:
    """The suffix that says what an Office-named file is. Sites hand out web pages named
    .xls or .doc (导出 Excel, Word's 单个文件网页), and a .docx renamed .doc opens in WPS as
    if nothing were wrong: such a file is read as what its first bytes say. A real old
    binary file (or one gk cannot tell) keeps its suffix."""
    known = (".xlsx", ".xlsm", ".docx", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".pdf", ".ofd", ".tsv", ".csv", ".txt", ".tab", ".md", ".markdown")
    if suffix not in (".xls", ".doc", ".wps", ".et", ".xlsx", ".xlsm", ".docx") and suffix in known:
        return suffix
    # an Office name, or none gk knows (no extension at all, a .下载 or .1 a browser added): by what the bytes are
    try:
        with open(path, "rb") as f:
            head = f.read(65536)  # a page's <html> may come after a long <meta>/<style> preamble
    except OSError:
        return suffix
    if suffix in (".docx", ".xlsx", ".xlsm") and head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an old .doc/.xls renamed, or encrypted
        old, new = (".doc", ".docx") if suffix == ".docx" else (".xls", ".xlsx")
        raise GkError(f"{path.name} 不是 {suffix} 文件：这是旧格式 {old}（或加密的文档）",
                      f"请用 WPS 或 Office 打开，另存为 {new}（加密的先取消密码）后再导入")
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
    if suffix not in (".xls", ".doc", ".wps", ".et", ".xlsx", ".xlsm", ".docx"):  # no Office name: other kinds by their bytes
        if head.startswith(b"%PDF"):
            return ".pdf"
        if head.startswith(b"\xd0\xcf\x11\xe0"):  # an old binary Office file: which one, its name does not say
            raise GkError(f"{path.name} 是旧版 Office 文件（.doc 或 .xls），gk 读不了", "用 WPS 或 Office 打开后另存为 .docx 或 .xlsx，再导入")
        if b"\x00" not in head and b"\n" in head and _no_type_said(suffix):  # (make.py, notes.md: said, not read as a table)
            return ".tsv" if b"\t" in head else ".csv" if b"," in head else suffix
    return suffix


def _no_type_said(suffix: str) -> bool:
    """A name that says nothing of what the file is: none at all, or what a browser or a download
    added (.下载, .1, .download, .part); a file named as another kind (.py, .md, .json) is that kind."""
    return suffix in ("", ".download", ".crdownload", ".part", ".dat", ".bin") or suffix[1:].isdigit() or not suffix.isascii()


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


_PIPE_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")


def _pipe_tables(text: str) -> list[Table]:
    """The pipe tables of a Markdown text (| 序号 | 工作任务 | … ⏎ |---|---| ⏎ | 1 | … |), the text above each
    kept for the title (its # marks cut); none when the text has no |---| rule under a row of cells. A cell's
    <br> is a line break, \\| a | in the text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Table] = []
    before: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "|" in line and i + 1 < len(lines) and _PIPE_RULE.fullmatch(lines[i + 1]) and "|" in lines[i + 1]:
            rows = [_pipe_cells(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_pipe_cells(lines[i]))
                i += 1
            out.append(Table(rows, f"表 {len(out) + 1}", before, continues=True))
            before = []
            continue
        if line.strip():
            before.append(re.sub(r"^\s*#+\s*", "", line).strip())
        i += 1
    if len(out) == 1:
        out[0].where = ""
    return out


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    cells = re.split(r"(?<!\\)\|", line)
    return [re.sub(r"<br\s*/?>", "\n", c.replace("\\|", "|"), flags=re.I).strip() for c in cells]


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
    try:
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delim)]
    except csv.Error:  # a field past csv's limit (one very long line, junk saved as .txt): no table in it
        rows = []
    rows, said = _mend(rows)
    return [Table(rows, "", warnings=said)]


def _mend(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Rows of text copied from a web page or Word without quotes: a line break inside a cell cuts its row in
    two (1 | 公开部门预算 | 县财政局 ⏎ 各预算单位 | 2024年3月底前). Under the task header, a row of fewer cells
    than the header (and more than one: a lone cell is a heading or a note) is joined with the lines after it
    while that makes up the header's count exactly, the cut cell's two parts on two lines; the lines taken
    in are left blank, so that row numbers stay the file's. A row that cannot be made up is refused: which
    cell goes where would be a guess."""
    from .rows import header_map

    head = next((i for i, r in enumerate(rows[:30]) if header_map(r)), None)
    if head is None:
        return rows, []
    width = len(rows[head])
    while width > 1 and not rows[head][width - 1]:  # (a header line ending in a tab)
        width -= 1
    numbered = norm(rows[head][0]) in ("序号", "编号", "序")

    def row_start(line: list[str]) -> bool:  # a row of its own, not the rest of one: blank, whole, or led by its 序号
        return not any(c.strip() for c in line) or len(line) >= width or numbered and bool(re.fullmatch(r"\d+[.、．]?", line[0]))

    said: list[str] = []
    out = [list(r) for r in rows]
    i = head + 1
    while i < len(out):
        row = out[i]
        if not 1 < len(row) < width:
            i += 1
            continue
        j = i
        joined = list(row)
        while len(joined) < width and j + 1 < len(out) and not row_start(out[j + 1]) and len(joined) + len(out[j + 1]) - 1 <= width:
            j += 1
            nxt = out[j]
            joined = [*joined[:-1], "\n".join(x for x in (joined[-1], nxt[0]) if x), *nxt[1:]]
        if j == i and (j + 1 >= len(out) or row_start(out[j + 1])):
            i += 1  # the row's last cells left off (a tool that drops empty cells at the end): read as it is
            continue
        if len(joined) != width:
            raise GkError(f"第 {i + 1} 行只有 {len(row)} 格（表头有 {width} 格），与下面的行也拼不成完整的一行：单元格中的换行把这一行断开了"
                          "（从网页或 Word 复制的文字常这样），gk 无法判断各段文字属于哪一格，未导入",
                          "在 WPS 或 Excel 中打开原文件（网页可在浏览器中另存为 .html），另存为 .xlsx 后导入；"
                          "或在 Excel 中粘贴后另存为 .xlsx")
        out[i] = joined
        for k in range(i + 1, j + 1):
            out[k] = []
        said.append(f"第 {i + 1}—{j + 1} 行：单元格中的换行把一行断成了 {j - i + 1} 行（从网页复制的文字常这样），已按表头的 {width} 格"
                    "连成一行，请核对；也可以把原文件另存为 .xlsx 或 .html 后导入")
        i = j + 1
    return out, said


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
    n = _NUMBER.fullmatch(norm(sheet))
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
        named = [ws for ws in sheets if norm(ws.title) == norm(sheet)]
        n = _NUMBER.fullmatch(norm(sheet))
        if not named and n is not None and 1 <= int(n[1]) <= len(sheets):
            named = [sheets[int(n[1]) - 1]]
        if not named:
            listed = "、".join(f"{i}.{ws.title}" for i, ws in enumerate(sheets, 1))
            raise GkError(f"{path.name} 中没有工作表“{sheet}”", f"可用的工作表：{listed}（写名称或序号）")
        sheets = named
    for ws in sheets:
        # a hidden sheet (作废, 草稿) is not part of the table, unless asked for: read only to be named
        hidden_sheet = ws.sheet_state != "visible" and sheet is None
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
        said = _blank_hidden_columns(ws, grid) if not hidden_sheet else []
        out.append(Table(grid, f"工作表“{ws.title}”", sheet=ws.title, hidden=hidden_sheet, hidden_rows=_hidden_rows(ws), warnings=said))
    blank = _uncalculated(path)
    if blank:
        from openpyxl.utils.cell import coordinate_to_tuple

        for t in out:
            t.uncalculated = {(r - 1, c - 1): ref for ref in blank.get(t.sheet, ()) for r, c in [coordinate_to_tuple(ref)]}
    return out


def formula_error(tables: list[Table]) -> GkError:
    """Formula cells the import would read as blank: as empty cells they would make a title （无标题）,
    没有完成时限, 没有可用的责任单位, all untrue."""
    by_sheet: dict[str, list[str]] = {}
    for t in tables:
        for ref in t.uncalculated.values():
            by_sheet.setdefault(t.sheet, []).append(ref)
    n = sum(len(refs) for refs in by_sheet.values())
    cells = "；".join(f"工作表“{name}” {'、'.join(refs[:8])}{'……' if len(refs) > 8 else ''}" for name, refs in by_sheet.items())
    return GkError(f"任务表中有 {n} 个单元格是公式，没有保存计算结果（{cells}）：gk 只能读到空白，未导入",
                   "文件多半是程序或网站导出的；请在 Excel/WPS 中打开并保存后再导入（保存时会算出公式的结果）")


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)


def _uncalculated(path: Path) -> dict[str, list[str]]:
    """The formula cells of each worksheet (by name) that hold no saved result: a workbook written by a
    program or a site (openpyxl, a web export) keeps the formula only, and Excel computes it when it opens
    the file; openpyxl's data_only reads such a cell as empty. A formula whose result is an empty text
    has t="str" (Excel writes it so): it is saved, and empty."""
    import zipfile

    from lxml import etree

    out: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            book = etree.fromstring(z.read("xl/workbook.xml"))
            rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = {r.get("Id"): r.get("Target", "") for r in rels}
            for sh in book.iter("{*}sheet"):
                rid = next((v for k, v in sh.attrib.items() if k.endswith("}id")), None)
                part = target.get(rid, "")
                part = part.lstrip("/") if part.startswith("/") else "xl/" + part
                if part not in names:
                    continue
                xml = z.read(part)
                if b"<f" not in xml:
                    continue
                for m in _CELL.finditer(xml):
                    body = m[2] or b""
                    if b"<f" not in body:
                        continue
                    kind = re.search(rb'\bt="([^"]*)"', m[1])
                    value = re.search(rb"<v>([^<]+)</v>", body)
                    if value is None and not (kind and kind[1] in (b"str", b"inlineStr", b"e")):
                        ref = re.search(rb'\br="([A-Z]+\d+)"', m[1])
                        out.setdefault(sh.get("name", ""), []).append(ref[1].decode() if ref else "?")
    except Exception:  # (a file openpyxl read: what this cannot read, it does not judge)
        return {}
    return out


def _blank_hidden_columns(ws: Any, grid: list[list[str]]) -> list[str]:
    """Blank the sheet's hidden columns in `grid` (hidden by hand, or in a collapsed group): what is hidden there is
    what the office put aside (a superseded 原定完成时限, an old 责任单位), never read as if shown; the column letters
    and row numbers stay the sheet's. What is said of each column that held something."""
    from openpyxl.utils import get_column_letter

    hidden: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden:
            lo, hi = dim.min or 0, dim.max or 0
            hidden.update(range(lo, min(hi, lo + 16384) + 1))
    shown: list[str] = []
    for c in sorted(hidden):
        texts = [row[c - 1] for row in grid if c - 1 < len(row) and row[c - 1].strip()]
        if not texts:
            continue
        head = next((t for t in texts[:30] if _head_like(t)), texts[0])
        shown.append(f"{get_column_letter(c)} 列“{clip_text(head)}”")
        for row in grid:
            if c - 1 < len(row):
                row[c - 1] = ""
    if not shown:
        return []
    return [f"工作表“{ws.title}”中的隐藏列未导入：{'、'.join(shown)}（隐藏的列多是作废或被替换的内容，如原定的时限、原来的责任单位；"
            "要导入，在 Excel 中取消隐藏后重新导入）"]


def _head_like(text: str) -> bool:
    from .rows import column_kind

    return column_kind(text) is not None


def clip_text(text: str, n: int = 12) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _hidden_rows(ws: Any) -> dict[int, str]:
    """The sheet's hidden rows (0-based, as in the grid): "filter" for a row a filter (自动筛选, or a
    table's) or a collapsed outline group hides, which only hides it from view; "hand" for one hidden
    by hand (右键 → 隐藏)."""
    filtered: list[tuple[int, int]] = []  # the rows under a filter that filters something
    filters = [ws.auto_filter, *(getattr(t, "autoFilter", None) for t in getattr(ws, "tables", {}).values())]
    for f in filters:
        if f is None or not f.ref or not f.filterColumn:  # (filter buttons alone hide nothing)
            continue
        try:
            from openpyxl.utils.cell import range_boundaries

            _c1, top, _c2, bottom = range_boundaries(f.ref)
        except (ValueError, TypeError):
            continue
        filtered.append((top + 1, bottom or top))  # (the filter's own header row is never hidden by it)
    out: dict[int, str] = {}
    for r, dim in ws.row_dimensions.items():
        if not dim.hidden:
            continue
        by_view = (dim.outlineLevel or 0) > 0 or any(a <= r <= b for a, b in filtered)
        out[r - 1] = "filter" if by_view else "hand"
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
    from .rows import header_map

    out: list[Table] = []
    before: list[str] = []
    blocks = ("title", "h1", "h2", "h3", "h4", "p", "div", "table")
    budget = [_HTML_CELLS]  # cells all tables may make together: rowspan/colspan cannot make a bomb
    for el in doc.iter(*blocks):
        if el.tag == "table":  # at any depth: a task table may sit in a page-layout table
            grid = _html_grid(el, budget)
            if grid:
                out.append(Table(grid, f"表 {len(out) + 1}", before, continues=True))
                # a layout table around the task table: the text above it (the title) is above the tables inside it too
                before = before[:] if el.find(".//table") is not None and not any(header_map(r) for r in grid[:30]) else []
            continue
        if any(a.tag == "table" for a in el.iterancestors()):
            continue  # inside a table: its text is the cells'
        if el.tag != "div" or not any(c.tag in blocks for c in el.iterdescendants()):
            text = " ".join(_html_text(el).split())
            if text:
                before.append(text)
    if not out:
        raise NoTables(f"{path.name} 中没有表格", NO_TABLE)
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

    from .rows import header_map

    out: list[Table] = []
    before: list[str] = []

    def walk(blocks: Iterator[Any], n: int, name: Callable[[int], str], inner: bool, boxes: bool = False) -> int:
        """Read `blocks` in order: a paragraph's text goes before the next table, each table is read as the
        `n`-th after those before (named by `name`); in the body (`boxes`) a table drawn in a text box
        (文本框) is read as the body's. Returns the last table's number."""
        for el in blocks:
            if el.tag.endswith("}p"):
                if text := _para_text(el).strip():
                    before.append(text)
                for box in _text_boxes(el) if boxes else ():
                    n = walk(_blocks(box), n, lambda k: f"表 {k}（文本框中）", False)
            else:
                n += 1
                read(el, name(n), inner)
        return n

    def read(block: Any, where: str, inner: bool) -> None:
        nonlocal before
        table = DocxTable(block, doc)
        rows = [[_docx_cell(c) for c in row.cells] for row in table.rows]
        out.append(Table(rows, where, before, continues=not inner))
        if next(block.iter("{*}ins", "{*}del", "{*}moveFrom", "{*}moveTo"), None) is not None:
            out[-1].warnings.append(f"{where} 中有未接受的修订（修订模式下的增删），已按接受全部修订后的内容读取；"
                                    "请在 Word 中审阅修订（接受或拒绝）后核对导入的任务")
        before = []
        if not any(header_map(r) for r in rows[:30]):  # a layout table (1×1 around the task table): the tables in its cells,
            before = out[-1].before[:]  # with the text above it (the title) above the first of them
            cells = (el for tr in block.iterchildren("{*}tr") for tc in tr.iterchildren("{*}tc") for el in _blocks(tc))
            walk(cells, 0, lambda k: f"{where} 中的表格 {k}", True)

    walk(_blocks(doc.element.body), 0, lambda k: f"表 {k}", False, boxes=True)
    if not out:
        raise NoTables(f"{path.name} 中没有表格", NO_TABLE)
    return out


# a file with no task table: a 实施方案 or 工作要点 written as numbered paragraphs is read only when its items say their
# units in a marker (prose.py); one without is written by hand in the plan format (gk init's data/tasks/example.yaml
# shows it: docs/ may not be installed)
NO_TABLE = ("gk import 读取任务分解表（带“序号、主要任务、责任单位、完成时限”等表头的表格），或每个编号条目都写明责任单位的实施方案、"
            "工作要点（条目末尾如〔责任单位：县政府办、县财政局〕）；没有写明责任单位的段落不能导入，请按方案文件的格式手写 "
            "data/tasks/<方案编号>.yaml（每项任务写 id、title、units、deadline），或在原文各条目末尾补上责任单位后重新导入；"
            "格式见 gk init 在新仓库中生成的 data/tasks/example.yaml（其中有注释掉的任务示例），写好后运行 gk lint 检查")


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


def _text_boxes(p: Any) -> Iterator[Any]:
    """The text boxes (w:txbxContent) in a paragraph, each once: a DrawingML box's VML copy (mc:Fallback) is skipped."""
    stack = [p]
    while stack:
        el = stack.pop()
        for child in reversed(list(el.iterchildren())):
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag in ("Fallback", "del", "moveFrom"):
                continue
            if tag == "txbxContent":
                yield child
            else:
                stack.append(child)


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


