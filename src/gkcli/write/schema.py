"""JSON Schema (draft 2020-12) for every kind of data file, from the pydantic records.

One file-level model per kind describes a whole file (the records of
`gkcli.schemas` are the entries of those files), so an editor with the YAML
language server can complete keys and check values while a person types.
Titles and descriptions are Chinese: the field docstrings of the records, and
labels from here where a record has none.
"""

from __future__ import annotations

import copy
import importlib
import json
from pathlib import Path
from typing import Any, Callable, Union

from pydantic import BaseModel, RootModel

from ..schemas import CatalogDomain, Group, Plan, ProgressEntry, ProgressHeader, Task, Unit
from ..schemas.annual import MAX_DIGITS
from ..schemas.base import Record
from ..schemas.progress import PERIOD_PATTERN
from ..units import INVISIBLE

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class UnitsFile(Record):
    """责任单位与单位分组（data/units/*.yaml）。"""

    units: list[Unit] = []
    """责任单位列表。"""
    groups: list[Group] = []
    """单位分组列表。"""


class TasksFile(Record):
    """一个方案及其任务（data/tasks/<方案编号>.yaml）。"""

    plan: Plan
    """方案信息。"""
    tasks: list[Task] = []
    """任务列表。"""


class ProgressFile(ProgressHeader):
    """一个单位一个季度的工作进度（data/progress/<季度>/<单位>.yaml）。"""

    entries: list[ProgressEntry] = []  # type: ignore[assignment]
    """进度条目：按时间追加，不修改旧条目。"""


class CatalogList(Record):
    """多个标准目录领域（domains: 列表）。"""

    domains: list[CatalogDomain] = []
    """领域列表。"""


class CatalogFile(RootModel[Union[CatalogDomain, CatalogList]]):
    """基层政务公开标准目录领域（data/catalog/*.yaml）：一个文件一个领域，或 domains: 列表。"""


def files_of(folder: str) -> str:
    """The editor's glob of the files gk reads in data/<folder>/ (repo._scan): every .yaml and
    .yml file, in sub-folders too. yaml-language-server matches it with picomatch (`**` is any
    number of folders, none included; `{a,b}` either), against the path's end."""
    return f"data/{folder}/**/*.{{yaml,yml}}"


# kind → (model, files it applies to, title)
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "units": (UnitsFile, files_of("units"), "gk 责任单位文件"),
    "tasks": (TasksFile, files_of("tasks"), "gk 方案与任务文件"),
    "progress": (ProgressFile, files_of("progress"), "gk 季度进度文件"),
    "catalog": (CatalogFile, files_of("catalog"), "gk 标准目录文件"),
}
ANNUAL_MODEL_NAMES = ("AnnualFile", "AnnualReport", "Annual", "AnnualFigures")

# Chinese titles of models and fields (a field's docstring is its description)
MODEL_TITLES = {
    "Unit": "责任单位", "Group": "单位分组", "KindSelector": "按类别选择单位", "Plan": "方案信息", "Task": "任务",
    "ProgressEntry": "进度条目", "CatalogDomain": "标准目录领域", "Published": "发布记录", "CatalogItem": "目录条目",
    "CatalogList": "标准目录领域列表",
}
FIELD_TITLES = {
    "name": "名称", "full_name": "全称", "aliases": "别名", "kind": "类别", "groups": "所属分组", "members": "成员", "successor": "接续单位",
    "id": "编号", "title": "标题", "issued_by": "发文单位", "issued_on": "发布日期", "starts_on": "成立日期", "ends_on": "结束日期",
    "categories": "类别列表", "units": "责任单位", "category": "类别", "detail": "具体工作", "others": "其他单位（开放式结尾）",
    "deadline": "完成时限", "unit": "单位", "period": "季度", "submitted_on": "报送日期", "entries": "进度条目",
    "task": "任务编号", "status": "状态", "date": "日期", "note": "说明", "evidence": "佐证", "no": "序号",
    "guideline": "标准指引", "county_units": "县级编制单位", "township_units": "乡级编制单位",
    "published": "发布记录", "url": "链接", "items": "目录条目", "plan": "方案信息", "tasks": "任务列表",
    "domains": "领域列表", "matter": "公开事项", "content": "公开内容", "basis": "公开依据", "timing": "公开时限",
    "subject": "公开主体", "channels": "公开渠道和载体", "audience": "公开对象", "manner": "公开方式", "level": "公开层级",
}
# a field whose title differs by its record: a units file's groups: are the groups themselves, a unit's groups:
# the groups it belongs to
MODEL_FIELD_TITLES = {("UnitsFile", "groups"): "单位分组", ("UnitsFile", "units"): "单位"}
# descriptions for fields whose record has no docstring (keyed by model, then field)
FIELD_DESCRIPTIONS = {
    ("Plan", "title"): "方案标题，如 深化政务公开促进基层政府治理能力提升工作任务分解表。",
    ("Plan", "issued_by"): "发文单位，如 宣汉县人民政府办公室。",
    ("Plan", "issued_on"): "发布日期，写作 2021-09-01；用于推算不写年份的完成时限。",
    ("Task", "id"): "任务编号：方案编号加序号，如 xh2021-06。",
    ("Task", "category"): "类别；方案写有 categories 时须是其中之一。",
    ("Task", "deadline"): (
        "完成时限，如 2022-06-30、2022-06、2023年6月底前、2023年底、2023年上半年、8月底前、"
        "2023年9月-2023年10月、长期、适时、每季度。"
    ),
    ("Group", "name"): "分组名称，如 各乡镇（街道）；与单位的名称、别名共用一个命名空间，不能重复。",
    ("Group", "aliases"): "文件中出现过的其他写法。",
    ("ProgressFile", "unit"): "报送单位的名称（与文件名一致）。",
    ("ProgressFile", "period"): "季度，写作 2023Q3（与所在文件夹一致）。",
    ("ProgressFile", "submitted_on"): "报送日期，写作 2023-10-08；条目日期不能晚于它。",
    ("ProgressEntry", "task"): "任务编号，如 xh2021-06。",
    ("ProgressEntry", "status"): "状态：not_started 未启动、in_progress 推进中、done 已完成、blocked 受阻。",
    ("ProgressEntry", "note"): "说明：做了什么、还差什么，如 已在政府网站专栏公开 3 份文件。",
    ("CatalogDomain", "name"): "领域名称，如 重大建设项目。",
    ("CatalogDomain", "no"): "序号（标准目录中的编号）。",
    ("CatalogDomain", "guideline"): "国务院部门制定的标准指引名称。",
    ("CatalogDomain", "county_units"): "县级编制单位（名称、别名或分组）。",
    ("CatalogDomain", "township_units"): "乡（镇）级编制单位（名称、别名或分组）。",
    ("CatalogDomain", "published"): "已发布的目录：单位、链接、日期。",
    ("CatalogDomain", "items"): "标准目录的各行。",
    ("Published", "unit"): "发布单位。",
    ("Published", "url"): "发布链接。",
    ("Published", "date"): "发布日期。",
}
ENUM_DESCRIPTIONS = {
    "status": {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "blocked": "受阻"},
    "kind": {
        "department": "政府工作部门", "township": "乡镇", "street": "街道", "vertical": "垂直管理单位",
        "party": "党委部门", "institution": "事业单位", "office": "议事协调/内设机构", "other": "其他",
    },
}


def kinds() -> dict[str, tuple[type[BaseModel], str, str]]:
    """Every kind with a schema, annual figures included once its records exist."""
    out = dict(KINDS)
    try:
        mod = importlib.import_module("gkcli.schemas.annual")
    except ImportError:
        return out
    for name in ANNUAL_MODEL_NAMES:
        model = getattr(mod, name, None)
        if isinstance(model, type) and issubclass(model, BaseModel):
            out["annual"] = (model, files_of("annual"), "gk 政府信息公开工作年度报告数据文件")
            break
    return out


# the statutory annual report's parts (DESIGN.md, "Annual figures")
ANNUAL_TITLES = {
    "year": "年度", "body": "报告主体", "published_on": "发布日期", "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况", "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况", "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项", "total": "（七）总计", "carried_out": "四、结转下年度继续办理",
    "review": "行政复议", "litigation_direct": "行政诉讼：未经复议直接起诉", "litigation_after_review": "行政诉讼：复议后起诉",
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
}


ANNUAL_MODEL_TITLES = {
    "Stock": "制发、废止与现行有效件数", "Proactive": "二、主动公开政府信息情况", "Withheld": "（三）不予公开",
    "Unavailable": "（四）无法提供", "NotProcessed": "（五）不予处理", "OtherHandling": "（六）其他处理",
    "Requests": "三、收到和处理政府信息公开申请情况", "Appeals": "四、政府信息公开行政复议、行政诉讼情况",
}


def _annual_labels() -> dict[str, str]:
    """Field → official label, from the annual records' own label tables when present."""
    labels = dict(ANNUAL_TITLES)
    try:
        mod = importlib.import_module("gkcli.schemas.annual")
    except ImportError:
        return labels
    for spec in getattr(mod, "REQUEST_ROWS", []) or []:
        path, label = getattr(spec, "path", None), getattr(spec, "label", None)
        if path and label:
            labels.setdefault(path[-1], label)
    for key, label in (getattr(mod, "GROUPS", {}) or {}).items():
        labels.setdefault(key, label)
    return labels


def _annual(schema: dict[str, Any]) -> None:
    """Chinese titles and descriptions for the annual figures; rows say their columns."""
    labels = _annual_labels()
    try:
        mod = importlib.import_module("gkcli.schemas.annual")
        cols7 = "、".join(getattr(mod, "COLUMNS", []))
        cols5 = "、".join(getattr(mod, "APPEAL_COLUMNS", []))
    except ImportError:
        mod, cols7, cols5 = None, "", ""
    descriptions = _annual_descriptions(mod, cols7, cols5)
    for name, sub in schema.get("$defs", {}).items():
        if name in ANNUAL_MODEL_TITLES:
            sub["title"] = ANNUAL_MODEL_TITLES[name]
    for sub in [schema, *schema.get("$defs", {}).values()]:
        for field, prop in sub.get("properties", {}).items():
            if not _has_chinese(prop.get("title", "")):
                label = labels.get(field) or (prop.get("description") or "").split("：")[0].strip()
                if label:
                    prop["title"] = label
            if field in descriptions and prop.get("description", prop.get("title")) == prop.get("title"):
                prop["description"] = descriptions[field]
            if prop.get("type") == "array" and prop.get("items", {}).get("type") == "integer":
                n = 5 if "review" in sub.get("properties", {}) else 7
                prop.setdefault("minItems", n)
                prop.setdefault("maxItems", n)
                cols = cols5 if n == 5 else cols7
                if cols and "description" not in prop:
                    prop["description"] = f"{n} 个非负整数，按列：{cols}"
                prop["errorMessage"] = f"应为一行 {n} 个非负整数，写作 [{', '.join('0' * n)}]"
            if field == "year" and prop.get("type") == "integer":  # Year: as every date gk takes
                prop.update(minimum=1900, maximum=2999)
            if field == "fees" and prop.get("type") == "string":  # Amount: a number, or its text
                prop.update(type=["number", "string"], minimum=0, exclusiveMaximum=10**MAX_DIGITS, pattern=AMOUNT_PATTERN)


def _annual_descriptions(mod: Any, cols7: str, cols5: str) -> dict[str, str]:
    """What each part of the annual report holds (the official layout, docs/reports.md)."""
    rows = {g: sum(1 for r in getattr(mod, "REQUEST_ROWS", []) if r.path[0] == g) for g in getattr(mod, "GROUPS", {})}
    out = {
        "year": "统计年度，如 2023，与文件名的年份一致（data/annual/2023.yaml）。",
        "published_on": "报告的发布日期，写作 2024-03-25：在统计年度结束之后（本级政府的报告次年 3 月 31 日前，部门的次年 1 月 31 日前）。",
        "overview": "一、总体情况（文字）：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面。",
        "proactive": "二、主动公开政府信息情况（表二）：规章、行政规范性文件的件数，行政许可、行政处罚、行政强制的本年处理决定数量，行政事业性收费金额。",
        "requests": f"三、收到和处理政府信息公开申请情况（表三）：每行 7 个数，按列：{cols7}。",
        "appeals": f"四、政府信息公开行政复议、行政诉讼情况（表四）：每行 5 个数，按列：{cols5}。",
        "problems": "五、存在的主要问题及改进情况（文字）。",
        "other_matters": "六、其他需要报告的事项（文字），如 本年度收取信息处理费的情况；没有时写“无”。",
        "regulations": "规章（第二十条第（一）项）：本年制发件数、本年废止件数、现行有效件数；县、乡镇没有规章制定权，写 0。",
        "normative_documents": "行政规范性文件（第二十条第（一）项）：本年制发件数、本年废止件数、现行有效件数。",
    }
    for group, label in getattr(mod, "GROUPS", {}).items():
        extra = f"（{label[1:2]}）本身没有数字行，是这 {rows[group]} 行之和" if group == "other_handling" else ""
        out[group] = f"{label}：{rows[group]} 种情形，每种一行 7 个数{'；' + extra if extra else ''}。"
    return out


def _bmp_class(body: str) -> str:
    """A Python character-class body (its characters written out) as a pattern's: escaped, and
    without what lies beyond U+FFFF (a pattern's \\uXXXX escapes stop there; nobody types those)."""
    out, i = [], 0
    while i < len(body):
        lo = hi = body[i]
        if i + 2 < len(body) and body[i + 1] == "-":
            hi, i = body[i + 2], i + 3
        else:
            i += 1
        if lo <= "\uffff":
            out.append(f"\\u{ord(lo):04x}" + (f"-\\u{min(ord(hi), 0xffff):04x}" if hi != lo else ""))
    return "".join(out)


# --- what gk takes, as patterns an editor checks ------------------------------------------
# Each pattern is checked by the editor as an ECMAScript regex with the u flag, and by the
# tests as a Python one: written in what both read alike (no \d, \w or \p{}; \uXXXX escapes).

# a day that exists (leap years too); year 0001–9999, as Python's date (gk's record.date)
_LEAP = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN = (
    "^(?:(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    f"|02-(?:0[1-9]|1[0-9]|2[0-8]))|{_LEAP}-02-29)$"
)
# the white space str.strip() takes off and JavaScript's \s matches alike
_WS = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
_DIGIT = "[0-9０-９]"  # as the IME types them too (annual._count: \d)
# annual._count: digits, white space around them, at most 15 besides leading zeros
COUNT_PATTERN = f"^{_WS}*0*{_DIGIT}{{1,{MAX_DIGITS}}}{_WS}*$"
# annual._year, and the year of the file's name (written as its digits, white space around them)
YEAR_PATTERN = f"^{_WS}*(?:19|2[0-9])[0-9]{{2}}{_WS}*$"
# annual._amount: 12, 12.50, .5, 5., full-width too; 15 digits at most on either side of the point
AMOUNT_PATTERN = (
    f"^{_WS}*(?:[0０]*{_DIGIT}{{1,{MAX_DIGITS}}}(?:[.．]{_DIGIT}{{0,{MAX_DIGITS}}})?|[.．]{_DIGIT}{{1,{MAX_DIGITS}}}){_WS}*$"
)
# catalog no: CatalogDomain._no_is_written_as_a_number (-?[0-9]+, no space), then ge=1
NO_PATTERN = "^0*[1-9][0-9]*$"

# GK213 (lint/rules/gk213_name_characters.py) as far as a regex can say it without a false alarm:
# characters never seen (controls, private use, direction marks, fillers) anywhere; a format
# character (zero-width space…) at either end or beside a Chinese or Latin character; a
# combining mark at the start or on a Chinese or Latin character
_ALWAYS = "\\u0000-\\u001f\\u007f-\\u009f\\ue000-\\uf8ff\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u115f\\u1160\\u3164\\uffa0\\u2800"
_FORMAT = ("\\u00ad\\u0600-\\u0605\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b-\\u200d\\u2060-\\u2064\\u206a-\\u206f"
           "\\ufeff\\ufff9-\\ufffb")
_MARK = "\\u0300-\\u036f\\u17b4\\u17b5\\u180b-\\u180d\\u180f\\u20d0-\\u20f0\\u3099\\u309a\\ufe00-\\ufe0f\\ufe20-\\ufe2f"
_PLAIN = "\\u0000-\\u007f\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u115f\\u1160\\u3164\\uffa0\\u2800"
_HIDDEN = (f"(?![{_FORMAT}{_MARK}])(?![\\s\\S]*(?:[{_ALWAYS}]|[{_PLAIN}][{_FORMAT}{_MARK}]|[{_FORMAT}][{_PLAIN}]|[{_FORMAT}]$))")
# units.name_key: a name of nothing but white space and what shows nothing is blank
_BLANK_CLASS = "[\\s" + _bmp_class(INVISIBLE) + "]"
_BLANK = f"(?!{_BLANK_CLASS}*$)"
# repo.names_no_file: no / or \\, no control character, not . first, and `name.yaml` in 255 bytes
# of UTF-8. A regex counts characters, not bytes: it refuses what is too long however it is
# counted (over 250 characters; 84 of 3 bytes or more; 63 of 4 bytes), never a name gk takes
_ASTRAL = "\U00010000-\U0010ffff"  # (4 bytes each; as the characters themselves: no escape reads alike in both)
UNIT_NAME_PATTERN = (
    f"^(?![.])(?![\\s\\S]{{251}})(?!(?:[\\u0000-\\u07ff]*[^\\u0000-\\u07ff]){{84}})(?!(?:[^{_ASTRAL}]*[{_ASTRAL}]){{63}})"
    f"{_BLANK}{_HIDDEN}[^/\\\\\\u0000-\\u001f]+$"
)
GROUP_NAME_PATTERN = f"^{_BLANK}{_HIDDEN}[\\s\\S]+$"
HIDDEN_PATTERN = f"^(?:{_BLANK_CLASS}*|{_HIDDEN}[\\s\\S]*)$"  # an alias, a full name: blank (GK213 passes it by), or hiding nothing

DATE_MESSAGE = "日期写作 2023-09-12（年月日用 - 隔开，月、日要存在）"
TEXT_MESSAGE = "应为文字；True、False、Null 等词当作文字时请加引号，如 'True'"
# the editor's message for each pattern (its own is the regex): every pattern has one
PATTERN_MESSAGES = {
    DATE_PATTERN: DATE_MESSAGE,
    PERIOD_PATTERN: "季度写作 2023Q3（年份 1900—2999，Q1—Q4）",
    Plan.model_fields["id"].metadata[0].pattern: "方案编号以字母开头，只含字母、数字和下划线，如 xh2023",
    UNIT_NAME_PATTERN: ("单位名称不能是空白，不能以 . 开头，不能含 / 或 \\、控制字符和看不见的字符（如零宽空格），"
                        "也不能过长：名称也是进度文件的文件名，加上 .yaml 最多 255 字节（约 83 个汉字）"),
    GROUP_NAME_PATTERN: "分组名称不能是空白，不能含控制字符和看不见的字符（如零宽空格）",
    HIDDEN_PATTERN: "不能含控制字符和看不见的字符（如零宽空格、从右到左标记）",
    NO_PATTERN: "序号应为正整数，如 1",
    COUNT_PATTERN: f"应为非负整数，如 5（不超过 {MAX_DIGITS} 位）",
    YEAR_PATTERN: "年度写作 2023（1900—2999 年，与文件名的年份一致）",
    AMOUNT_PATTERN: f"应为非负数（万元），如 12 或 12.50（整数、小数部分各不超过 {MAX_DIGITS} 位）",
}
TOP_LISTS = {"UnitsFile": ("units", "groups"), "TasksFile": ("tasks",), "CatalogList": ("domains",)}
LIST_MESSAGE = "应为列表：写在冒号后的下一行起，每行 - 开头；或写作 [甲, 乙]"


def _as_gk_reads(schema: dict[str, Any], annual: bool) -> None:
    """Make the editor's verdict gk lint's. gk reads every scalar as its text until a field
    asks for a number (docs/decisions.md): `note: 2023` is the text 2023, `"no": "1"` the
    number 1, so a plain text field takes a number and a number field its digits as text.
    A date is a day that exists; a unit's name may not be a path, nor blank or hide
    characters (GK213); `tasks:` left empty is no list yet, as gk takes it; an empty catalog
    file is no domain."""
    defs = schema.get("$defs", {})
    for name, fields in TOP_LISTS.items():
        sub = schema if schema.get("title") == name or name not in defs else defs[name]
        for f in fields:
            prop = sub.get("properties", {}).get(f)
            if prop is not None and prop.get("type") == "array":
                prop["type"] = ["array", "null"]
    if "CatalogList" in defs:
        defs["CatalogList"]["required"] = ["domains"]
    _each_mapping(schema, lambda node: _scalar(node, annual))
    if "Unit" in defs:  # (a number's text passes these patterns, which JSON Schema applies to strings only)
        fields = defs["Unit"]["properties"]
        fields["name"].update(pattern=UNIT_NAME_PATTERN)
        fields["full_name"]["pattern"] = HIDDEN_PATTERN
        fields["aliases"]["items"]["pattern"] = HIDDEN_PATTERN
    if "Group" in defs:
        fields = defs["Group"]["properties"]
        fields["name"].update(pattern=GROUP_NAME_PATTERN)
        fields["aliases"]["items"]["pattern"] = HIDDEN_PATTERN
    if "Task" in defs:  # a task without a deadline loads (its progress is kept) but is GK304, an error: the editor says so too
        task = defs["Task"]
        task["required"] = [*task.get("required", []), "deadline"]
        dl = task["properties"]["deadline"]
        dl.pop("default", None)
        if isinstance(dl.get("type"), list):
            dl["type"] = [t for t in dl["type"] if t != "null"]
        if "anyOf" in dl:
            dl["anyOf"] = [a for a in dl["anyOf"] if a.get("type") != "null"]
        dl["minLength"] = 1
    if "Unit" in defs and "successor" in defs["Unit"]["properties"]:  # successor: "" is GK214
        defs["Unit"]["properties"]["successor"]["minLength"] = 1


def _each_mapping(node: Any, visit: Callable[[dict], None]) -> None:
    """visit(m) for every mapping of a schema, a mapping's own contents before it (so a visit
    may change the mapping it is given: its children are done)."""
    if isinstance(node, list):
        for x in node:
            _each_mapping(x, visit)
    elif isinstance(node, dict):
        for v in node.values():
            _each_mapping(v, visit)
        visit(node)


def _scalar(node: dict, annual: bool) -> None:
    """A text, date or number as gk reads it (a visit of _each_mapping)."""
    if node.get("type") == "string" and node.get("format") == "date":
        node["pattern"] = DATE_PATTERN  # yaml-language-server's format: date is a loose regex (2023-02-30 passes)
    elif node.get("type") == "string" and not any(k in node for k in ("enum", "format", "pattern", "const")):
        node["type"] = ["string", "number"]
    elif node.get("type") == "integer":
        if annual and node.get("minimum") == 1900 and node.get("maximum") == 2999:
            pattern = YEAR_PATTERN
        elif annual:  # every other annual figure is a count (Count: 应为非负整数)
            node.update(minimum=0, maximum=10**MAX_DIGITS - 1)
            pattern = COUNT_PATTERN
        elif node.get("minimum", -1) >= 1:
            pattern = NO_PATTERN
        else:
            raise NotImplementedError(f"no pattern for the text of this integer: {node}")
        node.update(type=["integer", "string"], pattern=pattern)


# keywords that apply to values of one type only (JSON Schema validation), by type
_ONLY = {
    "string": {"minLength", "maxLength", "pattern", "format", "patternErrorMessage"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
    "array": {"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"},
    "null": set(),
    "boolean": set(),
}
_ANNOTATIONS = ("title", "description", "default", "examples")


def _flatten(node: dict) -> None:
    """`anyOf` of plain branches as one schema with a list of types: `str | None` is
    {type: [string, number, null]}. The same check (a keyword such as pattern applies to its own
    type only), and the editor's hover says a field's title once: over an anyOf it strings
    every branch's title (or its field's) together, 说明 || 说明."""
    branches = node.get("anyOf")
    if not isinstance(branches, list) or any(not isinstance(b, dict) or "type" not in b for b in branches):
        return
    merged: dict[str, Any] = {"type": []}
    families: set[str] = set()
    for b in branches:
        types = b["type"] if isinstance(b["type"], list) else [b["type"]]
        fam = {"number" if t == "integer" else t for t in types}
        if fam & families or not fam <= set(_ONLY):
            return
        families |= fam
        allowed = set().union(*(_ONLY[f] for f in fam))
        for k, v in b.items():
            if k == "type":
                continue
            if k in _ANNOTATIONS:
                continue  # the field's own title and description say it
            if k not in allowed or k in merged:
                return
            merged[k] = v
        merged["type"] += types
    if any(k in node for k in merged if k != "type") or "type" in node:
        return
    del node["anyOf"]
    node.update(merged)


def _messages(node: dict) -> None:
    """Chinese messages for the editor (yaml-language-server's patternErrorMessage and
    errorMessage, which it shows instead of its own English or the regex) on every value that
    is not a mapping: a mapping's own messages (不被允许的属性, 缺少属性) are the editor's."""
    if "pattern" in node:
        node["patternErrorMessage"] = PATTERN_MESSAGES[node["pattern"]]  # KeyError: a new pattern wants its message
    types = node.get("type")
    types = types if isinstance(types, list) else [types] if types else []
    if "errorMessage" in node or not types or "object" in types:
        return
    if "enum" in node:
        labels = node.get("enumDescriptions") or [""] * len(node["enum"])
        node["errorMessage"] = "应为以下之一：" + "、".join(f"{v}（{d}）" if d else str(v) for v, d in zip(node["enum"], labels))
    elif "pattern" in node and not ("string" in types and "number" in types):  # (a name's wrong type: not text)
        node["errorMessage"] = node["patternErrorMessage"]
    elif "array" in types:
        node["errorMessage"] = LIST_MESSAGE
    elif "string" in types:
        node["errorMessage"] = TEXT_MESSAGE


def _once(node: dict) -> None:
    """No description that only repeats its title (the hover would say it twice)."""
    if isinstance(node.get("title"), str) and node.get("description") == node["title"]:
        del node["description"]


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def generate(kind: str, stamped: bool = True) -> dict[str, Any]:
    """The schema of one kind of file; `stamped`: with the $comment that says which gk wrote it
    (gk lint and gk status rewrite .gk/schema when it is another's: cache.schemas_stale)."""
    model, files, title = kinds()[kind]
    schema = model.model_json_schema(mode="validation")
    schema = _chinese(schema, model.__name__)
    if kind == "annual":
        _annual(schema)
    _as_gk_reads(schema, annual=kind == "annual")
    for visit in (_flatten, _messages, _once):
        _each_mapping(schema, visit)
    out: dict[str, Any] = {"$schema": DRAFT}
    if stamped:
        from ..cache import schema_tag

        out["$comment"] = f"{schema_tag()}。由 gk schema 生成，请勿手工修改；gk 升级后，gk lint 与 gk status 会重新生成 .gk/schema 中的这些文件。"
    out.update({"$id": f"{kind}.schema.json", "title": title})
    desc = schema.pop("description", None) or (model.__doc__ or "").strip()
    out["description"] = f"{desc}\n适用于 {files}。由 gk schema 从 gk 的数据模型生成。"
    schema.pop("title", None)
    out.update(schema)
    return out


def _chinese(schema: dict[str, Any], root_name: str) -> dict[str, Any]:
    schema = copy.deepcopy(schema)
    for name, sub in schema.get("$defs", {}).items():
        _model(sub, name)
    _model(schema, root_name)
    return schema


def _model(sub: dict[str, Any], name: str) -> None:
    if name in MODEL_TITLES:
        sub["title"] = MODEL_TITLES[name]
    for field, prop in sub.get("properties", {}).items():
        prop["title"] = MODEL_FIELD_TITLES.get((name, field)) or FIELD_TITLES.get(field, prop.get("title", field))
        if "description" not in prop and (name, field) in FIELD_DESCRIPTIONS:
            prop["description"] = FIELD_DESCRIPTIONS[(name, field)]
        if field in ENUM_DESCRIPTIONS:
            _enum_labels(prop, ENUM_DESCRIPTIONS[field])
    from .. import schemas

    props = sub.get("properties", {})
    for zh, field in getattr(getattr(schemas, name, None), "KEYS_ZH", {}).items():  # 公开事项 for matter (CatalogItem)
        if field in props and zh not in props:
            props[zh] = {**copy.deepcopy(props[field]), "title": zh, "description": f"即 {field}（{zh}）：两种写法都可以，一行中只写一个。"}


def _enum_labels(prop: dict[str, Any], labels: dict[str, str]) -> None:
    for node in (prop, prop.get("items", {})):
        if "enum" in node:
            node["enumDescriptions"] = [labels.get(v, "") for v in node["enum"]]
            node["markdownEnumDescriptions"] = node["enumDescriptions"]


def combined() -> dict[str, Any]:
    """One schema for every kind of data file (what `gk schema` prints): a file is valid when it is
    valid as one of the kinds. Each kind is embedded whole, under its own $id (its $refs stay its own);
    an editor is better served by the schema of each kind (`-o`), matched by its file pattern."""
    from ..cache import schema_tag

    ks = kinds()
    defs = {}
    for k in ks:
        one = generate(k, stamped=False)
        one.pop("$schema", None)
        defs[k] = one
    return {
        "$schema": DRAFT,
        "$comment": f"{schema_tag()}。由 gk schema 生成，请勿手工修改。",
        "$id": "gk.schema.json",
        "title": "gk 数据文件",
        "description": "gk 数据仓库中任一类文件（" + "、".join(title for _, _, title in ks.values())
                       + "）。编辑器请用按类写出的 schema（gk schema -o 目录），按文件位置对应。",
        "anyOf": [{"$ref": f"{k}.schema.json"} for k in ks],
        "$defs": defs,
    }


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def filename(kind: str) -> str:
    return f"{kind}.schema.json"


def content_hash() -> str:
    """A hash of every schema gk writes, $comment aside: cache.SCHEMA_STAMP is this."""
    import hashlib

    text = "".join(dumps(generate(k, stamped=False)) for k in kinds())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


SCHEMA_DIR = ".gk/schema"


def refresh(root: Path) -> str:
    """Rewrite `<root>/.gk/schema` with this gk's schemas (cache.schemas_stale said they are
    another gk's, or one is missing); the line that tells the user. Only into real folders:
    .gk comes with a checkout, and a link there must not take gk's writes out of the repo."""
    import os
    import stat

    from ..errors import GkError
    from . import atomic

    root = Path(root)
    folder = root / ".gk" / "schema"
    again = f"运行 gk schema -o {SCHEMA_DIR} 重新生成"
    try:
        real = all(stat.S_ISDIR(os.lstat(d).st_mode) for d in (folder.parent, folder)) and os.access(folder, os.W_OK)
    except OSError:
        real = False
    if not real:
        return f"编辑器用的 JSON Schema（{SCHEMA_DIR}）不是本版 gk 生成的，未能自动更新：{again}"
    failed = []
    for kind in kinds():  # each on its own: one that cannot be written (a folder, a link) leaves the others fresh
        try:
            atomic.replace(folder / filename(kind), dumps(generate(kind)).encode("utf-8"))
        except (OSError, GkError) as e:
            from ..errors import os_reason

            failed.append(f"{filename(kind)}：{os_reason(e) if isinstance(e, OSError) else e.message}")
    if failed:
        return f"编辑器用的 JSON Schema（{SCHEMA_DIR}）不是本版 gk 生成的，部分未能自动更新（{'；'.join(failed)}）：{again}"
    note = f"已按本版 gk 重新生成编辑器用的 JSON Schema（{SCHEMA_DIR}）"
    if _settings_differ(root):
        note += "；.vscode/settings.json 中 yaml.schemas 的文件范围不是本版的（如不含子文件夹和 .yml 文件）：按 gk schema 列出的范围修改"
    return note


def _settings_differ(root: Path) -> bool:
    """Does .vscode/settings.json map a schema of .gk/schema to other files than this gk's globs?"""
    try:
        mapping = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8")).get("yaml.schemas")
    except (OSError, ValueError, AttributeError):  # (VS Code takes comments there; json does not: not said)
        return False
    want = file_globs()
    if not isinstance(mapping, dict):
        return False
    for path, glob in mapping.items():
        name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
        if f"{SCHEMA_DIR}/" in str(path).replace("\\", "/") and name in want and glob not in (want[name], [want[name]]):
            return True
    return False


def file_globs() -> dict[str, str]:
    """schema file name → the data files it applies to (for editor settings)."""
    return {filename(k): v[1] for k, v in kinds().items()}
