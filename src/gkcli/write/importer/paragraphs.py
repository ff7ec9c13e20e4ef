"""The paragraphs of a plan's file as numbered lines, for the import of a plan written as paragraphs (prose.py):
a text's or Markdown's lines, a Word file's paragraphs (text boxes too; Word's own list numbering kept as the
paragraph's level), a web page's text blocks — without page numbers, tables of contents or Markdown marks."""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import GkError
from .tables import _blocks, _decode, _html_decode, _mhtml_page, _para_text, _sniffed, _text_boxes

_CN = "一二三四五六七八九十百"
# an item's or heading's number, by level: 一、 (1) > （一） (2) > 1. (3) > （1） (4) > ① (5)
_NUMBERS = (
    (1, re.compile(rf"[{_CN}]+\s*[、.．](?![{_CN}])")),
    (2, re.compile(rf"[（(]\s*[{_CN}]+\s*[）)]\s*[、.．]?")),
    (3, re.compile(r"[0-9０-９]{1,3}\s*[.、．](?![0-9０-９])")),
    (4, re.compile(r"[（(]\s*[0-9０-９]{1,3}\s*[）)]\s*[、.．]?")),
    (5, re.compile(r"[①-⑳]\s*[、.．]?")),
)
_MD = re.compile(r"^\s*(?:#{1,6}\s*|[-*+]\s+|>\s*)")  # a Markdown heading or list mark before the text


def file_lines(path: Path) -> tuple[list[tuple[int, str]], str]:
    """(number, text) of each non-empty line or paragraph, and what a number counts (行 or 段); none for a
    file of another kind (Excel, CSV: a table or nothing)."""
    kind = _sniffed(path, path.suffix.lower())
    if kind == ".docx":
        return _docx_lines(path), "段"
    if kind in (".html", ".htm", ".shtml", ".xhtml"):
        return _html_lines(path, path.read_bytes()), "段"
    if kind in (".mht", ".mhtml"):
        return _html_lines(path, _mhtml_page(path)), "段"
    if kind not in (".txt", ".md", ".markdown"):
        return [], "行"
    text, _enc = _decode(path.read_bytes(), path.name)
    lines = ["" if _PAGE_NUMBER.fullmatch(ln.strip()) or kind == ".txt" and re.fullmatch(r"\d{1,3}", ln.strip())
             else _MD.sub("", ln).strip()  # (— 3 —, - 4 -: before a Markdown - is cut; a bare 3 from a PDF's foot)
             for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if kind != ".txt":  # Markdown: **责任单位**： is 责任单位：, a line's closing \ a line break
        lines = [_EMPHASIS.sub(r"\1", ln).removesuffix("\\").rstrip() for ln in lines]
    return [(k, ln) for k, ln in enumerate(lines, 1) if ln and not _PAGE_NUMBER.fullmatch(ln)], "行"


_EMPHASIS = re.compile(r"(?:\*\*|__|\*)(.+?)(?:\*\*|__|\*)")
# a page's number where text copied from a PDF crosses a page (— 3 —, - 4 -, 第 5 页, 第5页 共12页): no text of the plan
_PAGE_NUMBER = re.compile(r"[—\-－–―·•]+\s*\d{1,4}\s*[—\-－–―·•]+|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?")


def _docx_lines(path: Path) -> list[tuple[int, str]]:
    try:
        import docx

        doc = docx.Document(str(path))
    except Exception:
        raise GkError(f"无法读取 Word 文件 {path.name}：文件已损坏、加密或不是 .docx 格式", "确认文件能用 Word/WPS 打开，并另存为 .docx") from None
    paras: list[tuple[str, int | None]] = []
    styles = {st.get(_W + "styleId"): st for st in doc.styles.element.iter(_W + "style")}
    def read(parent) -> None:
        for el in _blocks(parent):
            if not el.tag.endswith("}p"):
                continue  # a table's cells are no paragraphs of the text
            text = " ".join(_para_text(el).split())
            if text and not _toc(el, _para_text(el)):
                depth = _list_depth(el, styles)
                paras.append((text, depth if depth is not None and not number(text)[0] else None))
            for box in _text_boxes(el):  # an item a clerk put in a text box: read where it stands
                read(box)

    read(doc.element.body)
    # Word's own list numbering (not in the text; in the paragraph or its style, List Number) makes an item all the
    # same — no number made up for it. One list level: items (1.); several: the top one headings (（一）), those
    # under it items (1., （1）), as the written numbers' levels are
    depths = sorted({d for _t, d in paras if d is not None})
    level = {d: min(max(1, 4 - len(depths)) + k, 5) for k, d in enumerate(depths)}  # 1 level: 1.; 2: （一）1.; 3: 一、（一）1.
    return [(k, t if d is None else f"{_LISTED_MARK}{level[d]}{_LISTED_END}{t}") for k, (t, d) in enumerate(paras, 1)]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LISTED_MARK, _LISTED_END = "\ue000", "\ue001"  # (private-use characters: no text has them)


def _toc(el, raw: str) -> bool:
    """A table of contents' line (style TOC 1…, or text then a tab or dot leaders and a page number): the items it
    names are read where they are written, not listed again as items without a marker."""
    ref = el.find(f"./{_W}pPr/{_W}pStyle")
    if ref is not None and (ref.get(_W + "val") or "").lower().startswith("toc"):
        return True
    return re.search(r"(?:\t|[.…·．]{3,})\s*\d{1,4}\s*$", raw) is not None


def _list_depth(el, styles: dict) -> int | None:
    """The list level (ilvl, 0 = top) of a Word paragraph numbered by Word, from its own numPr or its style's
    (List Number, following basedOn), or None: not a list paragraph (numId 0 turns a style's numbering off)."""
    ppr = el.find(_W + "pPr")
    num = ppr.find(_W + "numPr") if ppr is not None else None
    if num is not None:
        return _ilvl(num)
    ref = ppr.find(_W + "pStyle") if ppr is not None else None
    sid = ref.get(_W + "val") if ref is not None else None
    seen = set()
    while sid is not None and sid in styles and sid not in seen:
        seen.add(sid)
        spr = styles[sid].find(_W + "pPr")
        num = spr.find(_W + "numPr") if spr is not None else None
        if num is not None:
            return _ilvl(num)
        based = styles[sid].find(_W + "basedOn")
        sid = based.get(_W + "val") if based is not None else None
    return None


def _ilvl(num) -> int | None:
    nid = num.find(_W + "numId")
    if nid is not None and nid.get(_W + "val") == "0":
        return None
    lvl = num.find(_W + "ilvl")
    try:
        return int(lvl.get(_W + "val")) if lvl is not None else 0
    except (TypeError, ValueError):
        return 0


def _html_lines(path: Path, raw: bytes) -> list[tuple[int, str]]:
    from .tables import _html_text

    try:
        import lxml.html

        doc = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", _html_decode(raw, path.name)))
    except GkError:
        raise
    except Exception:
        raise GkError(f"无法读取网页文件 {path.name}", "在浏览器中打开该网页，另存为“网页，仅 HTML”后再导入") from None
    blocks = ("title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li")
    out: list[tuple[int, str]] = []
    for el in doc.iter(*blocks):
        if el.tag == "title" or any(a.tag == "table" for a in el.iterancestors()):
            continue
        if any(c.tag in (*blocks, "table") for c in el.iterdescendants()):
            continue  # a block of blocks: its own are read
        for line in _html_text(el).split("\n"):
            if line.strip():
                out.append((len(out) + 1, line.strip()))
    return out


def number(text: str) -> tuple[int, str]:
    """The level of the number `text` starts with (0: none), and the text after it."""
    if text.startswith(_LISTED_MARK) and (end := text.find(_LISTED_END)) > 0:  # Word's numbering (_docx_lines)
        return int(text[1:end]), text[end + 1:]
    for level, rx in _NUMBERS:
        m = rx.match(text)
        if m and text[m.end():].strip():
            return level, text[m.end():].strip()
    return 0, text
