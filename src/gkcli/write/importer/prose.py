"""gk import of a plan written as numbered paragraphs (实施方案, 工作要点, 分工方案) whose items each say their
units in a marker: 1.推行重大行政决策预公开……。〔责任单位：县司法局、县发改局等县级相关部门（单位）〕.

Read only when the file has no task table. An item becomes a `RawTask` (then converted as a table's row is)
only when it carries an explicit 责任单位 (or 牵头单位/配合单位, 责任部门, 责任主体) marker: nothing is guessed
from the sentences. Numbered items without one are named, not imported; a document with no marked item at
all is refused as before (its tasks and units are scattered in sentences)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .rows import RawTask, _title_guess, short
from .paragraphs import _CN, _LISTED_MARK, file_lines, number
from .tables import Table

_UNIT_LABEL = r"牵头责任单位|牵头责任部门|主要责任单位|配合责任单位|协同单位|责任单位|责任部门|责任主体|牵头单位|牵头部门|主责单位|主责部门|配合单位|配合部门|协办单位|参与单位"
_DUE_LABEL = r"完成时限|完成时间|时限要求|完成期限|时间要求|时间节点|完成节点|截止时间|时间安排"
# people, not units: (责任领导:杜新国;牵头单位:区发改局) — a field of the marker, left out of units
_LEADER_LABEL = r"责任领导|牵头领导|分管领导|联系领导|牵头[县区市]?领导|责任[县区市]领导|责任人|分管[副]?[县区市州省]长|分管[县区市]领导|[县区市]领导"
_FIELD = re.compile(rf"({_UNIT_LABEL}|{_DUE_LABEL}|{_LEADER_LABEL})\s*[:：]")
_OPEN, _CLOSE = "〔（(【[［", "〕）)】]］"
_BRACKETED = re.compile(rf"[〔（(【\[［]\s*(?:{_UNIT_LABEL}|{_DUE_LABEL}|{_LEADER_LABEL})\s*[:：]")
# a marker without brackets, at the end of the item after its last sentence (…。责任单位：县政府办。), or on a
# line of its own (joined on after a line break: _paragraphs)
_BARE = re.compile(rf"(?:^|(?<=[。；;！!\n]))\s*(?:{_UNIT_LABEL})\s*[:：]")
# （排第一位的为牵头单位，下同）: how to read the list, no unit
_HOW_READ = re.compile(r"[（(][^（）()]*(?:下同|排[在名]?第一|第一[位个]|首位)[^（）()]*[）)]")

_ANNEX = re.compile(rf"附\s*件\s*[0-9０-９{_CN}]*\s*(?:[:：]|$)")  # the annexes after the plan's text: no items of it
_ENDS = re.compile(r"[。！？!?；;：:〕】）)\]］]$")  # a paragraph that ends here (a line after it is a new one)
_GOES_ON = re.compile(r"[，,、“‘《（(—]$")  # a line cut mid-sentence
LONG_TITLE = 40  # a lead phrase longer than this is cut at its first ，


@dataclass
class Para:
    where: str  # 第 23 行 (text) or 第 5 段 (Word, web page)
    text: str
    last: int = 0  # the length of its last line (a full line was cut by a page break)
    level: int = 0  # its number's level (_NUMBERS), 0 unnumbered
    body: str = ""  # the text without its number


@dataclass
class Prose:
    tasks: list[RawTask]
    skipped: list[str] = field(default_factory=list)  # 第 95 行“（一）调研摸排阶段”: numbered items without a marker
    items: int = 0  # numbered items seen (the tasks among them too)
    title: str | None = None
    lines: list[str] = field(default_factory=list)  # the text as lines (the 印发 date's search)


def read_prose(path: Path, deadline: str | None = None) -> Prose:
    """The marked items of a file's paragraphs (.txt/.md lines, Word paragraphs, a web page's text blocks)."""
    from ...yamlio import CONTROL

    lines, unit = file_lines(path)
    # stray control codes (ESC, Word's \x0b) are no text: a unit's name with one would be no name gk can write
    lines = [(n, t) for n, t in ((n, " ".join(CONTROL.sub(" ", t).split())) for n, t in lines) if t]
    paras, start = _paragraphs(lines, unit)
    # the title: above the first numbered line of the part read (a 通知's 附件1 has its own, below 附件1)
    first = next((k for k, (_w, t) in enumerate(lines) if k >= start and number(t)[0]), len(lines))
    prose = _items(paras, deadline)
    prose.title = _title_guess([t for _w, t in lines[start:first]]) or _title_guess([t for _w, t in lines[:first]])
    prose.lines = [t for _w, t in lines]
    return prose


def _paragraphs(lines: list[tuple[int, str]], unit: str) -> tuple[list[Para], int]:
    """Lines as paragraphs: a line that starts no numbered item or heading goes on with the paragraph above when
    that one was cut mid-sentence (a page break in text copied from a PDF), or when it is the item's marker
    on a line of its own. The plan's part with marked items is kept: the text before an annex line (附件1,
    附件：…) when it has one, else the annexes that have (a 通知 whose plan is its 附件1, 附件2; the
    annexes after a plan — unit lists, a catalog — are no items of it). And the index in `lines` where the
    first part kept starts."""
    parts: list[list[Para]] = [[]]
    starts = [0]
    waiting: list[str] = []  # marker lines of their own, until it is clear whose they are (_whose)
    anchor: Para | None = None  # the numbered paragraph they came after
    ahead = False  # this file writes its markers before their items (one went to the item below): all do

    def settle(nxt: Para | None) -> None:
        nonlocal waiting, ahead
        if waiting:
            whose = nxt if ahead and nxt is not None else _whose(anchor, nxt) or anchor or nxt
            ahead = ahead or (whose is nxt and anchor is not None and nxt is not None)
            _join(whose, "\n".join(waiting), "\n")  # (_BARE after a line break)
            waiting = []

    for k, (n, text) in enumerate(lines):
        level, body = number(text)
        if level == 0 and _ANNEX.match(text):
            settle(None)
            parts.append([])
            starts.append(k + 1)
            continue
        out = parts[-1]
        if level == 0 and (_BRACKETED.match(text) or _BARE.match(text)):  # a marker on a line of its own
            if not waiting:
                anchor = next((p for p in reversed(out) if p.level), None)
            waiting.append(text)
            continue
        if out and level == 0 and not waiting and _goes_on(out[-1]):
            _join(out[-1], text, "")
            continue
        para = Para(f"第 {n} {unit}", text, len(text), level, body)
        if level:
            settle(para)
        out.append(para)
    settle(None)
    marked = [k for k, part in enumerate(parts) if any(p.level and _has_marker(p.body) for p in part)]
    if not marked:
        return [p for part in parts for p in part], 0
    return [p for k in marked for p in parts[k]], starts[marked[0]]


def _open_marker(text: str) -> bool:
    """Does `text` end inside a marker's bracket (opened, not yet closed)? (Its last 200 characters looked at.)"""
    tail = text[-200:]
    last = None
    for last in _BRACKETED.finditer(tail):
        pass
    return last is not None and not any(c in _CLOSE for c in tail[last.end():])


def _join(para: Para | None, text: str, glue: str) -> None:
    if para is not None:
        para.text += glue + text
        para.body += glue + text
        para.last = len(text)


def _whose(before: Para | None, after: Para | None) -> Para | None:
    """The item a marker written on lines of its own belongs to: the numbered paragraph above it (…以上 ⏎
    责任单位：…), unless that one has its own marker already, or is a heading over the item below it
    (二、重点领域 ⏎ 责任单位：县教育局 ⏎ 3.做好教育信息公开): then the one below (markers written before their items)."""
    if before is None or after is None:
        return before or after
    if _has_marker(before.body) or after.level > before.level:
        return after
    return before


def _has_marker(body: str) -> bool:
    return any(_is_units(label) for label, _ in _markers(body)[1])


def _goes_on(before: Para) -> bool:
    """Does an unnumbered line (no marker's own: _paragraphs sets those aside) go on with the paragraph before?"""
    end = before.text[-2:]  # (its end only: a paragraph joined from thousands of lines is not scanned again per line)
    if _open_marker(before.text):
        return True  # …〔责任单位： ⏎ 县财政局〕, 完成时限： ⏎ 长期〕: the marker goes on
    if _ENDS.search(end):
        return False
    if before.level in (1, 2) and len(before.text) <= LONG_TITLE and "。" not in before.text:
        return False  # a heading: （一）深化行政决策公开，促进基层政府决策能力提升
    return bool(_GOES_ON.search(end)) or before.last >= 20


def _markers(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text without its markers, and the markers' fields (label, text) in order."""
    fields: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _BRACKETED.search(text, pos)) is not None:
        end, closed = _closing(text, m.start())
        spans.append((m.start(), end))
        fields += _fields(text[m.start() + 1:end - closed])
        pos = end
    if not any(_is_units(label) for label, _ in fields):
        bare = [b for b in _BARE.finditer(text) if not any(s <= b.start() < e for s, e in spans)]
        if bare:
            start, end = bare[0].start(), len(text)
            if not text[:start].strip() and (stop := text.find("。", bare[0].end())) != -1 and text[stop + 1:].strip():
                end = stop + 1  # 责任单位：县教育局。推进教育信息公开……: the marker first, its sentence; the item's text after it
            spans.append((start, end))
            fields += _fields(text[start:end])
    if not any(_is_units(label) for label, _ in fields) and (duty := _duty(text)) is not None:
        start, said = duty
        spans.append((start, len(text)))
        fields += said
    rest = text
    for s, e in sorted(spans, reverse=True):
        rest = rest[:s] + rest[e:]
    return rest.strip(), fields


# the units said in words in the item's last bracket: （省政府办公厅牵头，省直有关部门按职责分工负责）,
# （县财政局、县审计局负责）, （县委编办牵头落实） — as the State Council's and provinces' 分工 write them
_DUTY_END = r"(?:按照?职责分工|按职责|分别)?(?:负责|落实|配合|参与)"
_DUTY = re.compile(rf"(?P<lead>[^，,；;。]+?)(?:牵头(?:负责|落实)?|负责(?=[，,；;]\s*[^。]+?(?:配合|参与|协助)$))"
                   rf"(?:[，,；;]\s*(?P<co>[^。]+?)(?:{_DUTY_END}|协助))?|(?P<only>[^，,；;。]+?){_DUTY_END}")


def _duty(text: str) -> tuple[int, list[tuple[str, str]]] | None:
    """(where it starts, its fields) of a last bracket that says who does the item in words, or None."""
    body = text.rstrip("。；;. ")
    if not body or body[-1] not in _CLOSE:
        return None
    depth, k = 0, len(body) - 1
    while k >= 0:  # back to the bracket that opens the last one (nested ones are its text)
        depth += body[k] in _CLOSE
        depth -= body[k] in _OPEN
        if depth == 0:
            break
        k -= 1
    if k <= 0:
        return None
    inner = body[k + 1:-1].strip()
    due = None  # （县财政局负责，2025年12月底前完成）, （…按职责分工负责；完成时限：…）: the time after who does it
    if (t := re.search(rf"[；;，,]\s*(?:(?P<label>{_DUE_LABEL})\s*[:：]\s*)?(?P<due>[^；;，,]+)$", inner)) is not None and (
            t["label"] or _TIME.fullmatch(t["due"].strip())):
        inner, due = inner[:t.start()].strip(), t["due"].strip()
    m = _DUTY.fullmatch(inner) if len(inner) <= 150 else None
    if m is None or not all(_names_bodies(g) for g in (m["only"], m["lead"], m["co"]) if g is not None):
        return None  # （按规定落实）, （2023年6月底前完成）: no units
    when = [("完成时限", due)] if due else []
    if m["only"] is not None:
        return k, [("责任单位", _BY.sub("", m["only"]).strip()), *when]
    said = [("牵头单位", _BY.sub("", m["lead"]).strip())]
    return k, said + ([("配合单位", m["co"].strip())] if m["co"] else []) + when


_BY = re.compile(r"^\s*由")  # （由县财政局负责）
# what a responsible body's name ends with, or starts with (各乡镇, 有关部门): words said in a duty bracket are units
_BODY_END = re.compile(r"(?:局|办|委|府|院|室|会|部|处|厅|署|中心|镇|乡|街道|单位|部门|机关|机构|公司|集团|队|所|站|社|行|团|组|区|县|市|园)$")
_BODY_START = re.compile(r"^(?:各|有关|相关|全[县区市])")


def _names_bodies(words: str) -> bool:
    """Is every piece of `words` (split at 、，,；; and 和/及) the name of a body, not a how (按规定, 及时)?"""
    pieces = [w for w in re.split(r"[、，,；;]|(?<=[局办委府院室会部处厅中心镇乡道位门关构司团队所站社行组区县市园])(?:和|及|与)", _BY.sub("", words)) if w.strip()]
    return bool(pieces) and all(_BODY_END.search(w.strip()) or _BODY_START.match(w.strip()) for w in pieces)


def _closing(text: str, start: int) -> tuple[int, int]:
    """The end (after its closing bracket) of the bracket opened at `start`; nested brackets are its text
    (等县级相关部门（单位）), and any closing bracket closes it (（责任单位：…〕 as the seed has it). No closing
    bracket: the rest of the paragraph. And 1 when it was closed, else 0."""
    depth = 0
    for k in range(start, len(text)):
        if text[k] in _OPEN:
            depth += 1
        elif text[k] in _CLOSE:
            depth -= 1
            if depth == 0:
                return k + 1, 1
    return len(text), 0


def _fields(text: str) -> list[tuple[str, str]]:
    labels = list(_FIELD.finditer(text))
    out = []
    for k, m in enumerate(labels):
        value = text[m.end():labels[k + 1].start() if k + 1 < len(labels) else len(text)]
        value = _HOW_READ.sub("", value).strip().rstrip("；;，,。.").strip()
        while value and value[-1] in _CLOSE and sum(value.count(c) for c in _CLOSE) > sum(value.count(c) for c in _OPEN):
            value = value[:-1].rstrip("；;，,。. ")  # the bracket a marker was closed with, not the unit's
        if value:
            out.append((m[1], value))
    return out


# a time written among the units without a label: 6月底完成, 2024年6月底前完成, 2024年底前, 长期
_TIME = re.compile(r"(?:(?:\d{4}|[0-9０-９]{2})\s*年)?\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|内|上半年|下半年|年底)"
                   r"\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)?\s*(?:完成|办结)?|长期(?:坚持)?|持续推进|常态化推进|适时|每季度|每年")


def _due_out(value: str) -> tuple[str, str | None]:
    """The units of a marker's value, and a time written at its end without a label (or None)."""
    pieces = re.split(r"(?<=[，,；;])", value)
    if len(pieces) > 1 and _TIME.fullmatch(pieces[-1].strip()):
        return "".join(pieces[:-1]).rstrip("，,；; "), pieces[-1].strip()
    return value, None


def _is_units(label: str) -> bool:
    return re.fullmatch(_UNIT_LABEL, label) is not None


def _is_due(label: str) -> bool:
    return re.fullmatch(_DUE_LABEL, label) is not None


def _kind(label: str) -> str:
    return "lead" if label.startswith(("牵头", "主责", "主要")) else "co" if label.startswith(("配合", "协办", "参与", "协同")) else "units"


def title_of(body: str) -> str:
    """An item's title: its lead phrase, up to the first 。；！ (or, when that is long, the first ，)."""
    head = re.split(r"[。；;！!？?]", body, maxsplit=1)[0]
    if len(head) > LONG_TITLE:
        head = re.split(r"[，,]", head, maxsplit=1)[0]
    return head.strip()


_CJK = "\u3400-\u9fff\uf900-\ufaff，。、；：！？“”‘’（）《》〔〕【】"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u3000]+(?=[,.;:])|(?<=[,;:])[ \t\u3000]+(?=[{_CJK}])")


def _items(paras: list[Para], deadline: str | None) -> Prose:
    numbered = [p for p in paras if p.level]
    below = {id(p): nxt.level > p.level for p, nxt in zip(numbered, numbered[1:])}  # a heading over items
    heads: dict[int, str] = {}
    prose = Prose([], items=0)
    for p in numbered:
        rest, fields = _markers(p.body)
        rest = _CJK_SPACE.sub("", rest)  # 加强 政务 公开 (a PDF's copy): Chinese has no spaces (a marker's may part units)
        units, said_due = [], None
        for label, value in fields:  # （…；责任单位：县司法局，6月底完成）: a time in the units is the deadline, no unit
            if _is_units(label):
                value, due_in = _due_out(value)
                said_due = said_due or due_in
                if value:
                    units.append((_kind(label), value))
        if p.level <= 2:
            heads = {k: v for k, v in heads.items() if k < p.level}
        over = next((heads[k] for k in sorted(heads, reverse=True) if k < p.level), "")
        if p.level <= 2:
            heads[p.level] = unicodedata.normalize("NFC", rest.split("。")[0].rstrip(".；;").strip())  # up to its first 。
        if not units:
            heading = below.get(id(p), False) or p.level <= 2 and "。" not in p.body.rstrip("。")
            if not heading:
                prose.items += 1
                number = p.text[:len(p.text) - len(p.body)].strip() if p.text.endswith(p.body) else ""
                number = "" if number.startswith(_LISTED_MARK) else number  # (Word's numbering: none made up)
                prose.skipped.append(f"{p.where}“{short(number + title_of(rest), 24)}”")
            continue
        prose.items += 1
        units.sort(key=lambda u: ("lead", "units", "co").index(u[0]))  # lead first, as a table's columns are read
        due = next((value for label, value in fields if _is_due(label)), None) or said_due
        title = title_of(rest)
        detail = rest if rest.rstrip("。.；;！!") != title else ""
        prose.tasks.append(RawTask(
            p.where, "", over, title, detail, units, due if due is not None else (deadline or "")))
    return prose


def as_table(prose: Prose) -> Table:
    """The text as a table with no rows: what the 印发 date is looked for in (issued_guess)."""
    return Table([], "", prose.lines)


def why_not(prose: Prose, name: str) -> str:
    """Why a file with no task table is no plan of marked items either (the refusal's first line)."""
    if prose.items:
        first = prose.skipped[0] if prose.skipped else ""
        return (f"{name} 中有 {prose.items} 个编号的条目（如{first}），但没有一条写明责任单位（如条目末尾的"
                "〔责任单位：县政府办、县财政局〕）：任务和责任单位散在句子中，gk 不替人猜")
    return ""


def summary(prose: Prose, most: int = 5) -> list[str]:
    """What is said of the items left out (no marker): the first few, and how many."""
    if not prose.skipped:
        return []
    shown = "、".join(prose.skipped[:most]) + (f" 等 {len(prose.skipped)} 项" if len(prose.skipped) > most else "")
    return [f"{len(prose.skipped)} 个编号的条目没有写责任单位，未导入（如是任务，在方案文件中手写）：{shown}"]
