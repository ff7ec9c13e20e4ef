"""Step 2 of gk import: find a table's header row by its column names and turn every row
below it into a `RawTask` (categories from merged heading rows, notes and signatures
skipped); guess the plan's title and issue date from the text above the table."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from ...cells import clip
from ...errors import GkError
from .tables import Table, norm

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "note": ("备注", "备注说明", "备 注"),
    # a county leader (李副县长): a person who answers for the task, no unit: kept as a comment on the task
    "leader": ("牵头领导", "牵头县领导", "县级牵头领导", "牵头县级领导", "分管领导", "分管县领导", "责任领导", "县领导", "联系领导",
               "包联领导", "包抓领导", "牵头区领导", "分管区领导", "牵头市领导", "分管市领导", "领导"),
    "no": ("序号", "编号", "序", "项次"),
    "category": ("类别", "类型", "分类", "工作类别", "任务类别", "重点领域", "领域", "板块", "工作板块", "项目类别", "方面", "工作方面"),
    "title": (
        "主要任务", "工作任务", "重点任务", "任务", "任务名称", "工作内容", "任务内容", "主要内容", "工作事项", "事项",
        "工作要点", "重点工作", "目标任务", "主要工作",
    ),
    "detail": (
        "具体工作", "具体措施", "工作措施", "具体任务", "主要措施", "工作举措", "具体内容", "推进措施", "工作要求",
        "目标要求", "任务分解", "具体工作措施", "责任分解", "主要举措", "具体要求", "任务要求", "工作目标", "具体目标",
        "目标任务及要求", "具体事项", "公开内容",
    ),
    "lead": ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位", "牵头"),
    "units": ("责任单位", "责任部门", "承办单位", "责任主体", "实施单位", "落实单位", "责任单位（部门）", "牵头单位及责任单位",
              "公开主体"),  # 公开主体: the 标准目录 layout (公开事项 | 公开内容 | 公开主体 | 公开时限)
    "co": ("配合单位", "协办单位", "配合部门", "协助单位", "参与单位", "协同单位", "协作单位", "协同部门", "参与部门",
           "相关单位", "相关部门", "配合"),
    "deadline": (
        "完成时限", "完成时间", "时间节点", "时限", "完成期限", "时间要求", "时限要求", "办结时限", "进度安排",
        "时间安排", "完成时限要求", "截止时间", "完成日期", "截止日期", "截止时限", "完成节点", "时间进度", "完成时间节点",
    ),
}
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_PERSON_WORDS = ("负责人", "联系人", "电话", "手机", "姓名", "职务", "邮箱", "联络员")
# a column of people (kept as a comment on the task, as 牵头领导 is): 领导 (not 领导小组), 联系人, 经办人, or a header ending
# as a person does (责任人, 牵头副县长, 分管县长, 县委书记, 办公室主任, 责任县级干部)
_PERSON_HEADER = re.compile(r"领导(?!小组)|联系人|经办人|负责人|(?:人|县长|区长|市长|旗长|书记|主任|干部|同志)$")
_COUNT_HEADER = re.compile(r"(?:数|数量|个数|总数|件数|项数|比例|占比|比率|完成率|率|合计)$")
_UNITS_AND_PERSON = re.compile(r"(?:单位|部门)(?:及|和|与|、|/)")  # 责任单位及责任人: the units are in it too


def column_kind(header: str, task: str | None = None) -> str | None:
    """Which column a header cell names (序号 → no, 牵头单位 → lead, …), or None. `task`: the header of the
    column the user named as the task's (gk import --task-column 三级指标)."""
    h = norm(header)
    if not h:
        return None
    if task and h == norm(task):
        return "title"
    bare = _PAREN.sub("", h) or h
    for cand in (h, bare):
        for kind, names in COLUMN_NAMES.items():
            if cand in {norm(n) for n in names}:
                return kind
    if _COUNT_HEADER.search(bare):  # 任务数, 牵头单位数, 完成率: a count (a 汇总 sheet's), no task or unit column
        return None
    if _PERSON_HEADER.search(bare) and not _UNITS_AND_PERSON.search(bare):
        # 牵头县领导（副县长）, 牵头责任人, 牵头副县长, 分管县长, 责任县级干部, 联系人: a person, never the lead unit
        return "leader"
    if any(w in bare for w in _PERSON_WORDS):  # 联系电话, 联络员: about a person, not the units
        return None
    if len(bare) <= 12:  # 牵头单位（部门）, 完成时限及要求, …
        best = None
        for kind, names in COLUMN_NAMES.items():
            for n in names:
                n = norm(n)
                if len(n) >= 2 and n in bare and (best is None or len(n) > best[1]):
                    best = (kind, len(n))
        if best:
            return best[0]
    return None


def header_map(row: list[str], task: str | None = None) -> dict[str, int] | None:
    """kind → column index, when `row` is a header row (it must name the responsible units
    and the task or its work)."""
    found: dict[str, int] = {}
    spare: list[int] = []  # a second column of a kind (重点任务 beside 主要任务)
    for i, cell in enumerate(row):
        kind = column_kind(cell, task)
        if not kind:
            continue
        if kind not in found:
            found[kind] = i
        elif (revision(cell), _rank(kind, cell, task)) < (revision(row[found[kind]]), _rank(kind, row[found[kind]], task)):
            # 调整后完成时限 over 原定完成时限; 主要任务 is the task, 重点任务 its group
            spare.append(found[kind])
            found[kind] = i
        else:
            spare.append(i)
    if "title" in found and "category" not in found:  # the other task column groups the tasks: their category
        for i in spare:
            if column_kind(row[i], task) == "title":
                found["category"] = i
                break
    has_units = any(k in found for k in ("units", "lead"))
    has_task = any(k in found for k in ("title", "detail"))
    if has_units and has_task and len(found) >= 3:
        return found
    return None


_NEWER = re.compile(r"调整后|修订后?|最新|变更后|更新后|现行|新的?(?=完成|时限|时间|责任|牵头|配合|单位|任务)")
_OLDER = re.compile(r"^原|原定|原计划|调整前|变更前|修订前|作废|旧的?(?=完成|时限|时间|责任|牵头|配合|单位|任务)")


def revision(header: str) -> int:
    """Which of two columns of a kind is the one in force, by its header: -1 for 调整后/修订/最新 (the newer),
    1 for 原定/原…/调整前/作废 (the superseded), 0 when it says neither."""
    h = re.sub(r"[（）()]", "", norm(header))  # 完成时限（调整后）: the bracket says it too
    return -1 if _NEWER.search(h) else 1 if _OLDER.search(h) else 0


def _rank(kind: str, header: str, task: str | None = None) -> int:
    """How plainly a header names its kind: its place in COLUMN_NAMES (主要任务 before 重点任务); the column
    named with --task-column before any."""
    if task and norm(header) == norm(task):
        return -1
    names = [norm(n) for n in COLUMN_NAMES[kind]]
    h = norm(header)
    return names.index(h) if h in names else len(names)


def _sub_header(row: list[str], cols: dict[str, int], above: list[str] | None = None, task: str | None = None) -> bool:
    """A second header row under merged cells (责任单位 → 牵头单位 | 配合单位): update `cols`.
    A cell that repeats the header cell above it (merged down, as 备注) says nothing; but under a
    cell merged across (责任单位 over two columns) a sub-header may repeat its group's name
    (责任单位 → 牵头单位 | 责任单位): it names its column."""
    no = cols.get("no")
    if no is not None and no < len(row) and re.fullmatch(r"\s*\d+(?:[.\-－]\d+)?\s*", row[no]):
        return False  # a task row with a 序号 (1 | 落实政务公开重点任务 | 县财政局、各相关部门) names no columns

    def merged_down(i: int) -> bool:
        if not above or i >= len(above) or row[i] != above[i]:
            return False
        span = _run(above, i)  # the columns the cell above spans
        return len({row[j] for j in span if j < len(row)}) == 1  # one column, or one text under all of them

    kinds = {i: column_kind(c, task) for i, c in enumerate(row) if not merged_down(i)}
    named = {i: k for i, k in kinds.items() if k}
    if len(named) < 2 or any(norm(row[i]) and not k for i, k in kinds.items() if i not in cols.values()):
        return False
    if not any(k in ("lead", "co", "units", "title", "detail") and cols.get(k) != i for i, k in named.items()):
        return False
    for i, k in named.items():
        for other, col in list(cols.items()):
            if col == i and other != k and other in ("units", "lead", "co"):
                del cols[other]
        cols.setdefault(k, i)
    return True


def _run(row: list[str], i: int) -> range:
    """The columns around `i` holding the same text as it (a cell merged across them)."""
    a = b = i
    while a > 0 and row[a - 1] == row[i]:
        a -= 1
    while b + 1 < len(row) and row[b + 1] == row[i]:
        b += 1
    return range(a, b + 1)


_UNIT_KINDS = ("lead", "units", "co")


def _unit_order(key: str) -> tuple[int, int]:
    """A units column's place among them: 牵头 first, 配合 last, a second column of a kind (units3) after the first."""
    kind = key.rstrip("0123456789")
    return (_UNIT_KINDS.index(kind) if kind in _UNIT_KINDS else 9, int(key[len(kind):] or -1))


# the level a units column's header names before its kind (市级责任单位, 县（市、区）牵头单位, 省直责任部门)
_LEVEL = re.compile(r"(省|自治区|市|州|盟|地区|县|区|旗|乡镇|乡|镇|街道)(?:[（(][^）)]*[）)])?[级直]?")
_ABOVE_COUNTY = frozenset(["省", "自治区", "市", "州", "盟", "地区"])
_UNIT_WORDS = tuple(n for kind in _UNIT_KINDS for n in COLUMN_NAMES[kind]) + ("单位", "部门")


def column_level(header: str) -> str | None:
    """The level a units column's header names (市级责任单位 → 市), or None (责任单位; 市县两级责任单位)."""
    h = norm(header)
    m = _LEVEL.match(h)
    return m[1] if m and h[m.end():].startswith(_UNIT_WORDS) else None


def _set_upper_aside(row: list[str], cols: dict[str, int]) -> None:
    """A table written for the counties under a city (市级责任单位 | 县级责任单位) names the city's units
    beside the county's: only the county's are its units. A units column of a level above the
    county becomes upperN (kept as a comment on the task), when a column of the county's level,
    of a township's or of none is there to take the units from."""
    units = {k: j for k, j in cols.items() if k.rstrip("0123456789") in _UNIT_KINDS}
    upper = {k: j for k, j in units.items() if column_level(row[j]) in _ABOVE_COUNTY}
    if not upper or len(upper) == len(units):
        return
    for k, j in upper.items():
        del cols[k]
        cols[f"upper{j}"] = j
    for kind in _UNIT_KINDS:  # the county's first column of a kind takes the kind's own key (lead, units, co)
        if kind not in cols and (rest := sorted((j, k) for k, j in cols.items() if k.rstrip("0123456789") == kind)):
            cols[kind] = cols.pop(rest[0][1])


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
    leader: str = ""  # 牵头领导：李副县长 (the column's name and the cell): a person, kept as a comment on the task
    no_lead: bool = False  # the 牵头单位 cell is empty and 配合单位 are written: the first of them is made the lead (and said)


_CN_SECTION = r"[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]"  # 一、 or （一）
_SECTION_NUM = re.compile(rf"^\s*(?:{_CN_SECTION}|\d+[、.．])\s*")
_CN_HEADING = re.compile(rf"\s*(?:{_CN_SECTION})")


def _upper(set_by: tuple[str, str] | None, new: str) -> str | None:
    """What to say when a heading no task has taken yet gives way to another (一、以公开助力… then
    （一）加强…): the upper one is no task's category, and would vanish unsaid."""
    if set_by is None or set_by[1] == new:
        return None
    return (f"{set_by[0]}的“{short(set_by[1], 20)}”是上一级标题：下面各任务的类别取“{short(new, 20)}”，"
            "它没有写进方案（需要时写在方案文件的注释中）")


def _category(text: str) -> str:
    """A heading as a category: its number and a closing full stop cut (一、深化政策公开。 → 深化政策公开)."""
    return _SECTION_NUM.sub("", text).strip().rstrip("。.").strip()


UNTITLED = "（无标题）"  # the title of a row with units or a deadline and no task (gk lint: GK313)
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
    cols = [norm(c) for c in header]
    if len(set(cols) & _LEDGER) >= 2 and set(cols) & _LEDGER_ONLY:
        return True
    if "到期日" in cols and "状态" in cols:  # gk's own status words under 状态, beside 到期日
        from ...status import LABELS

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


def parse(tables: list[Table], task: str | None = None) -> tuple[list[RawTask], str | None, list[str], list[str]]:
    """Rows of every table → RawTasks; plus a title guess, notes on skipped rows, and warnings
    (what was read otherwise than a reader might expect, or left out: to be checked). `task`: the header of
    the task column when the table names it otherwise than gk knows (--task-column)."""
    tasks: list[RawTask] = []
    notes: list[str] = []
    warnings: list[str] = []
    tables = [_without_control(t) for t in tables]
    cols: dict[str, int] | None = None
    header: list[str] | None = None
    title = None
    category = ""
    set_by: tuple[str, str] | None = None  # the heading row the category is from, till a task takes it
    outline = ""  # "1." while the category is an outline heading's (1 over 1.1, 1.2): a row numbered 2 leaves it

    def to_category(where: str, heading: str) -> None:
        """A heading gives the tasks below it their category; one no task took yet is said as it gives way."""
        nonlocal category, set_by
        if (said := _upper(set_by, heading)) is not None:
            notes.append(said)
        category, set_by = heading, (where, heading)

    head_row: list[str] = []
    # a workbook of several task sheets, each named for what it holds: the names are categories
    named = [t.sheet for t in tables if t.sheet and not _DEFAULT_SHEET.fullmatch(norm(t.sheet)) and any(header_map(r, task) for r in t.rows[:30])]
    by_sheet = {n: _SECTION_NUM.sub("", n).strip() for n in named} if len(named) > 1 else {}
    tables = [part for t in tables for part in _parts(t, task)]
    warnings.extend(w for t in tables for w in t.warnings)
    for t in tables:
        if t.hidden:  # a hidden sheet (作废, 草稿, a list for drop-downs): not read, but said
            if any(header_map(r, task) for r in t.rows[:30]):
                warnings.append(f"跳过隐藏的{t.where}（其中有任务表）；要导入它，用 --sheet {t.sheet} 单独导入，或在 Excel 中取消隐藏")
            elif any(c.strip() for r in t.rows for c in r):
                notes.append(f"跳过隐藏的{t.where}（不是任务分解表）")
            continue
        start = 0
        local = None
        footnote = False  # a 注：1.… row was met: the rows after it that name nothing go on with it
        set_by = None  # (each table's headings its own)
        for i, row in enumerate(t.rows[:30]):
            local = header_map(row, task)
            if local and _ledger(row, t.rows[i + 1:]):
                raise GkError("这是 gk 生成的工作台账或报告（gk export、gk report：含任务的状态与进度），不是任务分解表，未导入",
                              "方案本身就在 data/tasks/ 中；gk import 读取印发的任务分解表（Word、Excel 或网页）。"
                              "台账中填写的进度用 gk progress add 登记（如 gk progress add xh2021-06 --unit 县财政局 --status done）")
            if local:
                start = i + 1
                header, head_row = [norm(c) for c in row], row
                if start < len(t.rows) and _sub_header(t.rows[start], local, row, task):
                    start += 1  # 责任单位 over 牵头单位 | 配合单位: a second header row
                for j, c in enumerate(row):  # 责任单位 merged over two columns with no sub-header: both hold units;
                    # and a second column of work (具体措施 | 具体要求) goes on the task's detail
                    if j not in local.values() and (k := column_kind(c, task)) in (*_UNIT_KINDS, "detail", "leader"):
                        if k in _UNIT_KINDS and (revision(c) > 0 and any(revision(row[i]) <= 0 for key, i in local.items()
                                                                        if key.rstrip("0123456789") in _UNIT_KINDS)
                                                 or any(revision(row[i]) < revision(c) for key, i in local.items()
                                                        if key.rstrip("0123456789") == k)):
                            # 原责任单位 beside 责任单位, 牵头单位 beside 调整后牵头单位: the superseded units are none
                            # of the task's (said below)
                            continue
                        local[f"{k}{j}"] = j
                _set_upper_aside(row, local)
                if title is None:
                    title = _title_guess([*t.before, *(_only_text(r) for r in t.rows[:i])])
                break
        if local:
            if _headings_column(t.rows[start:], local):
                local["category"] = local.pop("title")
                if local != cols:  # (said once: a Word table split across pages repeats its header)
                    numbered = "编号的章节标题（一、…，跨几行合并）" if _numbered_headings(t.rows[start:], {**local, "title": local["category"]}) \
                        else "几个标题，各占连续几行（每行的具体工作各不相同）"
                    notes.append(f"{at(t.where)}“{short(norm(head_row[local['category']]), 12)}”列是{numbered}"
                                 f"，按类别读入；任务标题取自“{short(norm(head_row[local['detail']]), 12)}”列")
            if local != cols:  # a column gk has no field for is said, not dropped unseen
                twice = _two_of_a_kind(head_row, local, task)
                warnings.extend(f"{at(t.where)}{w}" for w, _j in twice)
                dropped = [c for j, c in enumerate(head_row) if c.strip() and j not in local.values() and j not in {j for _w, j in twice}
                           and (column_kind(c, task) is None or norm(c) not in {norm(head_row[k]) for k in local.values()})]
                if dropped:
                    notes.append(f"{at(t.where)}未导入的列：{'、'.join(short(c, 12) for c in dropped)}" + _why_dropped(dropped, head_row, local))
                for k in sorted(k for k in local if k.startswith("upper")):
                    own = next(norm(head_row[j]) for key, j in sorted(local.items(), key=lambda kv: _unit_order(kv[0])) if key.rstrip("0123456789") in _UNIT_KINDS)
                    warnings.append(f"{at(t.where)}“{norm(head_row[local[k]])}”列是上级（省、市）的责任单位：不计入 units，"
                                    f"写成任务上方的注释（# {norm(head_row[local[k]])}：…）；任务的责任单位取自“{own}”列")
                for k in sorted((k for k in local if k.rstrip("0123456789") == "leader"), key=lambda k: local[k]):
                    notes.append(f"{at(t.where)}“{norm(head_row[local[k]])}”列写的是{'县领导（人）' if '领导' in head_row[local[k]] else '人'}，不是责任单位：不计入 units，"
                                 f"写成任务上方的注释（# {norm(head_row[local[k]])}：…）")
            if cols is not None and (local != cols or not t.continues):
                category = ""  # another sheet, or a table with another header, starts its own categories
                # (a Word table split across pages repeats its header and goes on)
            if "category" not in local and by_sheet:
                category = by_sheet.get(t.sheet, "")  # sheets named 重点领域信息公开, 政务公开平台: the category
            cols = local
        elif t.cut:  # below the task table, a second table of another kind (附：联络员名单 | 序号 | 单位 | 联络员)
            filled = [i for i, r in enumerate(t.rows) if any(c.strip() for c in r)]
            if filled:
                said = next((_only_text(t.rows[i]) for i in filled if _only_text(t.rows[i])), "") or "|".join(c for c in t.rows[filled[0]] if c.strip())
                warnings.append(f"{t.where + ' ' if t.where else ''}第 {filled[0] + 1 + t.first}—{filled[-1] + 1 + t.first} 行是任务表下方的另一张表"
                                f"（“{short(said, 30)}”），不是任务，未导入")
            continue
        elif cols is None or not t.continues:
            if counts := _count_table(t):  # 汇总 | 序号 | 领域 | 任务数 | 牵头单位数: counts of the tasks, none of them
                notes.append(f"跳过{t.where or '表格'}（统计表：{counts}，不是任务分解表）")
            continue  # a table (or sheet) without a header: a cover, a title box, notes
        elif t.rows and max(len(r) for r in t.rows) <= max(cols.values()):
            continue  # a small table that cannot be the continuation
        elif t.rows and _foreign_header(t.rows[0]):
            notes.append(f"{at(t.where)}跳过表头为“{short('|'.join(c for c in t.rows[0] if c.strip()), 30)}”的表格（不是任务分解表）")
            continue
        shown = [r + 1 + t.first for r, why in sorted(t.hidden_rows.items()) if why == "filter" and r >= start and any(c.strip() for c in t.rows[r])]
        if shown:  # a filter (or a collapsed group) only hides rows from view: they are the table's all the same
            notes.append(f"{at(t.where)}第 {_row_list(shown)} 行被筛选（或分组折叠）隐藏，照常导入")
        if t.uncalculated:  # formulas without a saved result where the task rows are read
            used = set(cols.values())
            bad = {k: ref for k, ref in t.uncalculated.items() if start <= k[0] - t.first < len(t.rows) and k[1] in used}
            if bad:
                from .tables import formula_error

                raise formula_error([replace(t, uncalculated=bad)])
        mine = len(tasks)  # this table's tasks start here
        numbered = "no" in cols and any(re.match(r"\s*\d", r[cols["no"]]) for r in t.rows[start:] if cols["no"] < len(r))
        for i in range(start, len(t.rows)):
            row = t.rows[i]
            where = f"{t.where + ' ' if t.where else ''}第 {i + 1 + t.first} 行"
            cells = [c.strip() for c in row]
            if not any(cells) or (header and [norm(c) for c in row] == header):
                continue
            if t.hidden_rows.get(i) == "hand":  # hidden by hand, as a row struck out (作废) is: left out, and said
                warnings.append(f"{where}是隐藏行，未导入：“{short(' '.join(dict.fromkeys(c for c in cells if c)), 30)}”"
                                "（要导入，在 Excel 中取消隐藏后重新导入）")
                continue
            if norm(next(c for c in cells if c)) in _TOTALS:  # 合计 | 4项 | …: a count, not a task
                notes.append(f"{where}：跳过合计行")
                continue
            if len(texts := {c for c in cells if c}) == 1 and _CONTINUED.fullmatch(norm(next(iter(texts)))):
                notes.append(f"{where}：跳过“{next(iter(texts))}”行（续表的标记，不是类别）")  # (a table printed over pages)
                continue
            if _SIGNED.match(next(c for c in cells if c)):  # 填表人：谭×× | 联系电话：…: who filled the form in
                notes.append(f"{where}：跳过落款“{short(' '.join(c for c in cells if c))}”")
                continue
            texts = {c for c in cells if c}
            label = _NOTE_LABEL.fullmatch(norm(first := next(c for c in cells if c)))
            if label and len(texts) > 1:  # 备注 | 各单位于每季度末次月5日前报送…: a remark under the table, in two cells
                said = first + ("" if first.rstrip().endswith((":", "：")) else "：") + " ".join(c for c in cells[cells.index(first) + 1:] if c and c != first)
                footnote = True
                notes.append(f"{where}：跳过说明文字“{short(said)}”")
                continue
            get = lambda k: cells[cols[k]].strip() if k in cols and cols[k] < len(cells) else ""  # noqa: E731
            # a 牵头 column of marks (是, √) says which unit leads; a mark is no unit's name
            units = [(k.rstrip("0123456789"), get(k)) for k in sorted(cols, key=_unit_order) if k.rstrip("0123456789") in _UNIT_KINDS
                     and get(k) and not (not k.startswith("units") and _is_mark(get(k)))]
            task_title, deadline = get("title"), get("deadline")
            detail = "\n".join(dict.fromkeys(get(k) for k in sorted(cols, key=_unit_order) if k.rstrip("0123456789") == "detail" and get(k)))
            heading = _heading(cells, get("no"), units, deadline)
            if heading is None and not units and not deadline and (sub := _outline_heading(get("no"), t.rows[i + 1:], cols)):
                # 1 | 深化重点领域公开 over 1.1, 1.2: an outline's heading, as 一、… is (its number said in the category's note)
                heading = _category(get("title") or get("detail") or next((c for c in cells if c and c != get("no")), ""))
                if heading:
                    notes.append(f"{where}：序号 {get('no').strip().rstrip('.、．')} 没有责任单位和完成时限，其下是 {sub}，按类别标题“{short(heading)}”读入")
                    outline = get("no").strip().rstrip(".、．").replace("．", ".") + "."
            elif heading is not None:
                outline = ""  # 一、…: a category of its own, whatever the numbers under it
            if heading is not None:  # 一 | 深化重点领域公开（merged）, or 一、政策解读 alone
                to_category(where, heading)
                footnote = False
                continue
            if outline and (n := _OUTLINE_NO.fullmatch(get("no"))) and not n[1].replace("．", ".").startswith(outline):
                # 2 | 社保信息公开 | 县人社局 after 1's 1.1, 1.2: a task beside heading 1, not under it
                category, set_by, outline = "", None, ""
            merged = len(texts) == 1 and len([c for c in cells if c]) > 1  # one text over the row
            first = next(c for c in cells if c)
            if (merged or not units and not deadline) and not re.fullmatch(r"\d+[.、．]?", get("no")) and (
                    footnote and _NUMBERED.match(first) or len(texts) == 1 and _NOTE.match(first)):
                # 2.请于每季度结束后5日内报送 under 注：1.…, in whatever column or merged over the row: the
                # note goes on (a task has a 序号, a unit or a deadline of its own)
                footnote = True
                notes.append(f"{where}：跳过说明文字“{short(' '.join(c for c in cells if c))}”")
                continue
            footnote = False
            if merged or (not units and not deadline and not task_title and not detail):
                # a heading merged across the row (一、…), or text outside the task columns
                text = next(iter(texts))
                if text.startswith(("注", "备注", "说明", "附注", "填表说明", "填报说明")):
                    footnote = True
                    notes.append(f"{where}：跳过说明文字“{short(text)}”")
                elif len(texts) == 1 and not re.fullmatch(r"[\d.、．\s]+", text):
                    to_category(where, _category(text))
                else:  # 4 | | | : a numbered row left blank, or a number alone: said, not dropped unseen
                    notes.append(f"{where}只有“{short(' '.join(dict.fromkeys(c for c in cells if c)), 20)}”，"
                                 "没有工作任务、责任单位和完成时限，未导入")
                continue
            if not get("no") and not units and not deadline and (task_title or detail) and (
                    not get("category") or _category(get("category")) == category):
                # text alone in the task's columns: no task of its own (a task has a 序号, a unit or a deadline)
                prev = tasks[-1] if len(tasks) > mine else None
                if prev is not None and _continues(prev.title if task_title else prev.detail, task_title or detail):
                    # 公开医疗机构收费标准， ⏎ 并在医院显著位置公示。: the text wrapped onto a row of its own
                    if task_title:
                        prev.title += "\n" + task_title
                    if detail:
                        prev.detail = (prev.detail + "\n" if prev.detail else "") + detail
                    notes.append(f"{where}只有文字“{short(task_title or detail)}”（没有序号、责任单位和完成时限），"
                                 f"接着上一行的文字，已并入{prev.where.removeprefix(t.where).strip()}的任务")
                    continue
                if numbered and task_title and not detail:  # 政务公开平台 alone among numbered tasks: a heading
                    notes.append(f"{where}只有“{short(task_title)}”（没有序号、责任单位和完成时限），按类别标题读入")
                    to_category(where, _category(task_title))
                    continue
            if get("category"):  # (一、… over （一）… in the 类别 column: the upper one said)
                to_category(where, _category(get("category")))
            set_by = None  # a task took the category
            no = get("no")
            if "no" not in cols:  # no 序号 column: the number the task is written with (1.加强…) is its 序号
                no, task_title, detail = _numbered(task_title, detail)
            if not task_title:
                task_title, detail = detail, ""
            if task_title and not re.search(r"[^\W\d_]", task_title):  # “2”, “1.”: a number (a count) is no task
                warnings.append(f"{where}的工作任务只有数字或符号“{short(task_title, 12)}”，不是任务，未导入（是统计数字的表不必导入；"
                                "确是任务的，请在原表补写任务名称后重新导入）")
                continue
            if not task_title:  # units or a deadline, and no task: kept (it may be a real task), never quietly
                column = "、".join(dict.fromkeys(f"“{short(norm(head_row[cols[k]]), 12)}”" for k in ("title", "detail") if k in cols))
                warnings.append(f"{where}没有工作任务（{column}列是空的），但写了{'责任单位' if units else ''}"
                                f"{'和' if units and deadline else ''}{'完成时限' if deadline else ''}：按任务导入，标题写作“{UNTITLED}”，"
                                "gk lint 会报错（GK313），请对照原文件补写标题；这一行不是任务的，删去它")
            people = [f"{norm(head_row[cols[k]]) or '牵头领导'}：{get(k)}" for k in sorted(cols, key=lambda k: cols[k])
                      if k.rstrip("0123456789") == "leader" and get(k)]
            aside = [f"{norm(head_row[cols[k]])}：{get(k)}" for k in sorted(cols) if k.startswith("upper") and get(k)]
            leader = "\n".join(x for x in (*people, *aside) if x)
            no_lead = any(k.rstrip("0123456789") == "lead" for k in cols) and bool(units) and all(k == "co" for k, _c in units)
            tasks.append(RawTask(where, no, category, task_title, detail, units, deadline, get("note"), t.where, leader=leader, no_lead=no_lead))
    return _once(tasks, notes), title, notes, warnings


_OUTLINE_NO = re.compile(r"\s*(\d+(?:[.．]\d+)*)\s*[.、．]?\s*")


def _outline_heading(no: str, below: list[list[str]], cols: dict[str, int]) -> str:
    """The 序号 of the rows under an outline number (1 over 1.1, 1.2; 1.1 over 1.1.1), when the next numbered row
    below is one of them; else "". A row so numbered with no units and no deadline is a heading, not a task."""
    m = _OUTLINE_NO.fullmatch(no or "")
    k = cols.get("no")
    if not m or k is None:
        return ""
    prefix = m[1].replace("．", ".") + "."
    subs: list[str] = []
    for row in below:
        n = _OUTLINE_NO.fullmatch(row[k]) if k < len(row) else None
        if n is None:
            if subs or any(c.strip() for c in row[k:k + 1]):
                break
            continue
        if not n[1].replace("．", ".").startswith(prefix):
            break
        subs.append(n[1])
    return f"{subs[0]}—{subs[-1]}" if len(subs) > 1 else subs[0] if subs else ""


def _count_table(t: Table) -> str:
    """The count headers of a summary table (序号 | 领域 | 任务数 | 牵头单位数, numbers under them), or ""."""
    for i, row in enumerate(t.rows[:30]):
        heads = [j for j, c in enumerate(row) if c.strip() and _COUNT_HEADER.search(_PAREN.sub("", norm(c)) or norm(c))]
        if not heads:
            continue
        under = [r[j].strip() for r in t.rows[i + 1:] for j in heads if j < len(r) and r[j].strip()]
        if under and sum(bool(re.fullmatch(r"[\d.,，%％]+\s*(?:项|个|件|家)?", c)) for c in under) * 2 >= len(under):
            return "、".join(dict.fromkeys(short(norm(row[j]), 10) for j in heads))
    return ""


def _headings_column(rows: list[list[str]], cols: dict[str, int]) -> bool:
    """Is the task column a column of numbered chapter headings (一、深入推进政策公开 merged over the
    rows of its tasks, beside 具体工作要求)? Then it is their category, and the work is each task's
    title: every filled cell starts with 一、 or （一）, and some heading covers more than one row; or,
    un-numbered, a few headings each repeated down a run of rows (_repeated_headings)."""
    if "title" not in cols or "detail" not in cols or "category" in cols:
        return False
    return _numbered_headings(rows, cols) or _repeated_headings(rows, cols)


def _numbered_headings(rows: list[list[str]], cols: dict[str, int]) -> bool:
    seen = [r[cols["title"]].strip() for r in rows if cols["title"] < len(r) and cols["detail"] < len(r) and r[cols["detail"]].strip()]
    filled = [c for c in seen if c]
    return len(filled) >= 2 and all(_CN_HEADING.match(c) for c in filled) and len(set(filled)) < len(seen)  # (blank: merged, as CSV keeps it)


def _repeated_headings(rows: list[list[str]], cols: dict[str, int]) -> bool:
    """The same, un-numbered: the task column holds a few headings, each repeated down a run of rows
    (推进决策公开 ×2, 推进执行公开 ×2 …), beside a work column whose every filled cell is different, and
    each row of a run has its own 序号 (a 序号 merged over the run would make them parts of one task). Read
    as the numbered ones are: the heading is the category, the work each task's title."""
    t, d, no = cols["title"], cols["detail"], cols.get("no")
    task_rows = [r for r in rows if t < len(r) and r[t].strip() and any(
        k.rstrip("0123456789") in _UNIT_KINDS and j < len(r) and r[j].strip() for k, j in cols.items())]
    titles = [r[t].strip() for r in task_rows]
    details = [r[d].strip() for r in task_rows if d < len(r) and r[d].strip()]
    if len(titles) < 3 or len(set(titles)) == len(titles) or len(details) < len(titles) - 1 or len(set(details)) < len(details):
        return False
    runs = [k for k, x in enumerate(titles) if k == 0 or x != titles[k - 1]]
    if len(runs) != len(set(titles)):  # a heading comes back after another: not headings over runs
        return False
    if no is not None:
        nos = [r[no].strip() for r in task_rows if no < len(r)]
        if len(set(nos)) < len(nos):  # (3 merged over three rows: one task in parts)
            return False
    heads = sum(titles.count(x) > 1 for x in set(titles))
    # most headings head several rows, and at least two do: one title on two rows of a short table may be
    # two tasks that share it (公开财政预决算 ×2, then 推进重大建设项目信息公开: a tester's 3-row table)
    return heads >= 2 and heads * 2 >= len(set(titles))


_ITEM_NO = re.compile(r"\s*(?:(\d+)\s*[.、．](?!\d)|[（(](\d+)[）)])\s*")
_CN_ITEM = re.compile(rf"\s*(?:{_CN_SECTION})\s*")


def _numbered(title: str, detail: str) -> tuple[str, str, str]:
    """A task's 序号 when the table has no 序号 column, from the number its text starts with (1.加强经济
    运行信息发布 → 1, 加强经济运行信息发布): the title's, else the detail's when the title is a heading over
    several rows (一、做好财政信息公开 | 1.积极推进…). A 一、 or （一） heading loses its number too. A detail
    whose later lines are numbered as well (1.… ⏎ 2.…) holds steps, not the task's number."""
    def number(text: str) -> re.Match | None:
        m = _ITEM_NO.match(text)
        lines = text.split("\n")
        return m if m and text[m.end():].strip() and not any(_ITEM_NO.match(line) for line in lines[1:]) else None

    if m := number(title):
        return m[1] or m[2], title[m.end():], detail
    if (h := _CN_ITEM.match(title)) and title[h.end():].strip():
        title = title[h.end():]
    if m := number(detail):
        return m[1] or m[2], title, detail[m.end():]
    return "", title, detail


def _parts(t: Table, task: str | None = None) -> list[Table]:
    """A table cut where a second table starts below the task table on the same sheet: a row that is another
    header (a task header other than the first, or 序号 | 单位 | 联络员 | 联系电话), or an 附：/附件/附表 title
    over the row. Each part is read on its own: a task table by its own header; another kind is said and skipped."""
    head = next((i for i, r in enumerate(t.rows[:30]) if header_map(r, task)), None)
    if head is None or t.hidden:
        return [t]
    cols = header_map(t.rows[head], task) or {}
    names = [norm(c) for c in t.rows[head]]
    start = head + 1
    if start < len(t.rows) and _sub_header(t.rows[start], dict(cols), t.rows[head], task):
        start += 1
    for i in range(start, len(t.rows)):
        row = t.rows[i]
        if not any(c.strip() for c in row) or [norm(c) for c in row] == names:
            continue
        if _new_header(row, cols, task) or _ANNEX_TITLE.match(_only_text(row)):
            rest = Table(t.rows[i:], t.where, sheet=t.sheet, first=t.first + i, cut=not header_map(row, task), uncalculated=t.uncalculated,
                         continues=header_map(row, task) == cols,  # the same header again (a printed page's): categories go on
                         hidden_rows={r - i: why for r, why in t.hidden_rows.items() if r >= i})
            if rest.cut and (k := next((k for k, r in enumerate(rest.rows[:30]) if header_map(r, task)), None)) is not None:
                rest.cut = False  # 附件2 over a second task table: read by its header (the title row above it is no task)
                rest.rows = [[""] * len(r) if j < k else r for j, r in enumerate(rest.rows)]
            here = replace(t, rows=t.rows[:i], hidden_rows={r: why for r, why in t.hidden_rows.items() if r < i})
            return [here, *_parts(rest, task)]
    return [t]


_ANNEX_TITLE = re.compile(r"\s*(?:附\s*[:：]|附件\s*\d*\s*[:：]?|附表\s*\d*)")
# the names of another table's columns: a contact list (序号 | 单位 | 联络员 | 联系电话), a sign-off box
_OTHER_COLUMNS = {"序号", "单位", "单位名称", "部门", "姓名", "职务", "职务职称", "联络员", "联系人", "联系电话", "电话", "手机", "手机号码",
                  "办公电话", "邮箱", "电子邮箱", "科室", "备注", "性别"}


def _new_header(row: list[str], cols: dict[str, int], task: str | None = None) -> bool:
    """Is a row under the task table the header of a second table: a task header of its own (other columns), or
    one naming a contact list's columns (序号 | 单位 | 联络员)? A task row has a number in its 序号 cell and text,
    not column names, in its cells (落实政务公开重点任务 holds 任务 but names no column)."""
    no = cols.get("no")
    if no is not None and no < len(row) and re.fullmatch(r"\s*\d+(?:[.\-－]\d+)?\s*[.、．]?\s*", row[no]):
        return False
    cells = [_PAREN.sub("", norm(c)) or norm(c) for c in row if c.strip()]
    exact = {norm(n) for names in COLUMN_NAMES.values() for n in names}
    if header_map(row, task) and sum(c in exact or bool(task) and c == norm(task) for c in cells) >= 2:
        return True
    return len(set(cells)) >= 2 and sum(c in _OTHER_COLUMNS or c in exact for c in set(cells)) >= 2 and (
        "序号" in cells or sum(c in _OTHER_COLUMNS for c in set(cells)) >= 2)


def _continues(before: str, text: str) -> bool:
    """Does `text` (a row of its own) go on with the text above it: the text above stops mid-sentence (…收费标准，)
    or `text` starts as no sentence does (”）》，。)?"""
    return bool(before) and bool(re.search(r"[，,、：:；;（(“‘《—]$", before.rstrip()) or re.match(r"[”’）)》，,。、；;：:]", text))


_KIND_SAID = {"no": "序号", "category": "类别", "title": "任务", "detail": "具体工作", "lead": "牵头单位", "units": "责任单位",
              "co": "配合单位", "deadline": "完成时限", "note": "备注", "leader": "领导"}


def why_no_table(tables: list[Table], task: str | None = None, most: int = 6) -> list[str]:
    """What gk saw where it found no task table: per table, the row most like a header, the columns it
    recognised there and what is missing (表 1 表头（第 1 行）：序号、一级指标…；认出 序号、责任单位、完成时限，缺少任务列…)."""
    out: list[str] = []
    seen = [t for t in tables if not t.hidden and any(c.strip() for r in t.rows for c in r)]
    for t in seen[:most]:
        name = f"{t.where} " if t.where else ""
        rows = [(i, r) for i, r in enumerate(t.rows[:30]) if any(c.strip() for c in r)]
        if header := next(((i, r) for i, r in rows if header_map(r, task)), None):
            out.append(f"{name}第 {header[0] + 1 + t.first} 行是任务表头，但其下没有任务行")
            continue
        i, row = max(rows, key=lambda ir: (len({column_kind(c, task) for c in ir[1]} - {None}), -ir[0]))
        cells = list(dict.fromkeys(c.strip() for c in row if c.strip()))  # (a merged cell once)
        shown = "、".join(short(c, 12) for c in cells[:12]) + ("……" if len(cells) > 12 else "")
        known = [c for c in cells if column_kind(c, task)]
        kinds = {column_kind(c, task) for c in known}
        if not known:
            out.append(f"{name}第 {i + 1 + t.first} 行：{shown}；没有认出任何列")
            continue
        missing = []
        if not kinds & {"units", "lead"}:
            missing.append("责任单位列（如 责任单位、牵头单位、责任部门）")
        if not kinds & {"title", "detail"}:
            missing.append("任务列（如 主要任务、工作任务、具体工作、具体要求）")
        lack = f"缺少{'和'.join(missing)}" if missing else f"只认出 {len(kinds)} 列，至少要 3 列（再有 序号 或 完成时限 即可）"
        out.append(f"{name}表头（第 {i + 1 + t.first} 行）：{shown}；认出 {'、'.join(short(c, 12) for c in known)}，{lack}")
    if len(seen) > most:
        out.append(f"另有 {len(seen) - most} 个表格也没有任务表头")
    if not seen:  # a table drawn and left empty (under a title paragraph) is not a file with no words
        out.append("文件中的表格是空的（没有填写任何内容）" if any(not t.hidden and t.rows for t in tables) else "文件中没有任何文字")
    if task and not any(norm(c) == norm(task) for t in seen for r in t.rows[:30] for c in r):
        out.append(f"没有表头为“{task}”的列（--task-column）")
    return out


def _two_of_a_kind(head: list[str], cols: dict[str, int], task: str | None = None) -> list[tuple[str, int]]:
    """What to say of a second column of a kind left out (完成时限 | 完成时限, 原定完成时限 | 调整后完成时限, 原责任单位 |
    责任单位): both headers, the one used and why; with the left-out column's index."""
    out: list[tuple[str, int]] = []
    used = set(cols.values())
    for j, c in enumerate(head):
        kind = column_kind(c, task)
        if j in used or not c.strip() or kind not in ("no", "title", "deadline", *_UNIT_KINDS):
            continue
        same = [i for key, i in cols.items() if key.rstrip("0123456789") == kind
                or kind in _UNIT_KINDS and key.rstrip("0123456789") in _UNIT_KINDS]
        if not same:
            continue
        i = min(same, key=lambda i: (revision(head[i]), i))
        a, b = short(norm(head[i]), 12), short(norm(c), 12)
        what = _KIND_SAID.get(kind, kind)
        if revision(head[i]) < revision(c):
            why = f"“{b}”的表头写明是原定（或作废、调整前）的" if revision(c) > 0 else f"“{a}”的表头写明是调整后（或修订、最新）的"
        elif kind in _UNIT_KINDS or kind != "deadline" and a != b:
            continue  # (units columns are all read: 牵头单位 | 配合单位; 重点任务 beside 主要任务 is said as a column not read)
        else:
            why = "两列的表头没有说哪一列是现行的，取左边的一列" if a == b or i < j else "取表头更像的一列"
        out.append((f"有两列{what}：第 {i + 1} 列“{a}”与第 {j + 1} 列“{b}”，取第 {i + 1} 列（{why}），第 {j + 1} 列未导入；"
                    "不对时删去不用的一列（或隐藏它）后重新导入", j))
    return out


def _why_dropped(dropped: list[str], head: list[str], cols: dict[str, int]) -> str:
    """Why the columns `dropped` are not imported, and where the task's text came from: a reader whose
    具体要求 is left out must see which column the task is read from."""
    if any(("完成" in c or "进展" in c or "进度" in c) and column_kind(c) is None for c in dropped):  # 完成情况, not a deadline
        return "（进度请用 gk progress add 登记）"
    used = [f"{what}取自“{short(head[cols[k]], 12)}”列" for k, what in (("category", "类别"), ("title", "标题"), ("detail", "具体工作")) if k in cols]
    return f"（gk 的任务没有对应的字段；{'，'.join(used)}；需要时手工补入方案文件）" if used else "（gk 的任务没有对应的字段）"


def _row_list(rows: list[int]) -> str:
    """3、4、5、9 as 3—5、9: row numbers for a message, runs shortened."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return "、".join(f"{run[0]}—{run[-1]}" if len(run) > 2 else "、".join(map(str, run)) for run in runs)


def _once(tasks: list[RawTask], notes: list[str]) -> list[RawTask]:
    """A 汇总 sheet beside a sheet per category lists every task twice: a row of another table
    the same as one of a summary table is imported once, and said. A summary is a table named
    so (汇总, 总表) or one holding rows of two other tables; the same generic task in two
    category sheets is two tasks."""
    key = lambda rt: (norm(rt.title), norm(rt.detail), tuple(norm(c) for _, c in rt.units), norm(rt.deadline))  # noqa: E731
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
_CONTINUED = re.compile(r"[（(]?(?:续(?:上)?表|接上表|上接)\d*[）)]?[:：]?")
_TOTALS = {"合计", "小计", "总计", "共计", "合计：", "总计："}
_CN_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十百]+[）)]?[、.．]?")


def _heading(cells: list[str], no: str, units: list, deadline: str) -> str | None:
    """A category heading inside the table, or None: a Chinese numeral in the 序号 cell and
    one text over the rest of the row (merged), or a lone 一、… text with no units or deadline."""
    if _CN_NUMBER.fullmatch(no.strip()):
        rest = {c for c in cells if c and c != no}
        if len(rest) == 1:
            return _category(next(iter(rest)))
    texts = {c for c in cells if c}
    if len(texts) == 1 and not units and not deadline:
        text = next(iter(texts))
        if _CN_HEADING.match(text):
            return _category(text)
    return None


def _foreign_header(row: list[str]) -> bool:
    """The header row of another kind of table (附件 联络员名单: 序号|单位|姓名|职务|电话)."""
    cells = [norm(c) for c in row if c.strip()]
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
    if not any(not later for later, *_ in found):  # no 印发 or 成文 line: the 成文日期 under the signature (GB/T 9704)
        signed = next((d for t in tables if (d := _signed_on(t.before)) is not None), None)
        if signed is not None:
            return signed
    for _later, y, mo, d in sorted(found, key=lambda f: f[0]):  # (stable: the first of its kind)
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
    return None


def _signed_on(before: list[str]) -> dt.date | None:
    """A notice's 成文日期 above its table (GB/T 9704: the issuer's signature, the date on the line below it,
    then 附件 and the table): a line that is a date alone (2024年3月15日, 二〇二四年三月十五日) right after the
    signature (…人民政府办公室, or the signature and the date on one line), or after the notice's text (a line that
    ends a sentence) with no more text after it, only short lines (附件, the table's title, （此件公开发布）).
    Never a date inside a sentence: a task's deadline, another document's date."""
    lines = [ln.strip() for text in before for ln in (text or "").split("\n") if ln.strip()]
    for k in range(len(lines) - 1, -1, -1):
        m = _DATE_ALONE.fullmatch(lines[k])
        if m is None:
            continue
        signer = m[1] or (lines[k - 1] if k else "")
        texts_before = any(re.search(r"[。！]$", ln) for ln in lines[:k])
        texts_after = any(re.search(r"[。！]$", ln) for ln in lines[k + 1:])
        if not (_SIGNER.search(signer) and not re.search(r"[，。：；:;,]", signer) or texts_before and not texts_after):
            continue
        try:
            return dt.date(_cn_number(m[2]), _cn_number(m[3]), _cn_number(m[4]))
        except (ValueError, KeyError):  # (2024年2月30日, 2十5日)
            return None
    return None


_CN_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_DATE_ALONE = re.compile(r"(?:(\S*?(?:人民政府|政府|办公室|办公厅|委员会|局|办|委|中心|小组))\s+)?"
                         r"([\d〇○零ＯO一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日")
_SIGNER = re.compile(r"(?:人民政府|政府|办公室|办公厅|委员会|局|办|委|中心|小组)$")  # who signs a notice


def _cn_number(text: str) -> int:
    """2024, 二〇二四, 十五, 三十一 as a number."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _only_text(row: list[str]) -> str:
    texts = {c.strip() for c in row if c.strip()}
    return next(iter(texts)) if len(texts) == 1 else ""


_TITLE_END = re.compile(r"(任务分解表|分解表|分工表|任务分工|责任分工|分工方案|责任清单|任务清单|工作要点|实施方案|台账)$")
_ISSUED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发"
                     r"|(印发|发布|发文|成文)(?:日期|时间)\s*[:：]?\s*(\d{4})\s*(?:年|[-./／])\s*(\d{1,2})\s*(?:月|[-./／])\s*(\d{1,2})")


_LABEL_CELL = re.compile(r"\s*(?:印发|发布|发文|成文)(?:日期|时间)")
_ORG = re.compile(r"(?:人民政府|办公室|委员会|局|办)$")  # 青山县人民政府办公室: who signs, not what is issued


def _without_control(t: Table) -> Table:
    """The table with control codes out of its cells (an ESC or BEL pasted into a cell, a vertical tab Word
    breaks a line with): a plan file cannot hold them (GK101), and the import would fail its own check.
    A line-breaking one is a line break (units are split at it); any other, a space."""
    from ...yamlio import CONTROL

    if not any(CONTROL.search(c) for r in t.rows for c in r):
        return t
    fix = lambda c: CONTROL.sub(" ", c.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n"))  # noqa: E731
    return replace(t, rows=[[fix(c) for c in r] for r in t.rows])


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


def at(where: str) -> str:
    """Where a note is from, as its lead (“表 2：”), or nothing for a file of one table (a CSV: no stray “：”)."""
    return f"{where}：" if where else ""


def short(text: str, n: int = 20) -> str:
    return clip(text, n)


