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
from typing import Any, Union

from pydantic import BaseModel, RootModel

from ..schemas import CatalogDomain, Group, Plan, ProgressEntry, ProgressHeader, Task, Unit
from ..schemas.base import Record

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
    "name": "名称", "full_name": "全称", "aliases": "别名", "kind": "类别", "groups": "所属分组", "members": "成员",
    "id": "编号", "title": "标题", "issued_by": "发文单位", "issued_on": "发布日期", "ends_on": "结束日期",
    "categories": "类别列表", "units": "责任单位", "category": "类别", "detail": "具体工作", "others": "其他单位（开放式结尾）",
    "deadline": "完成时限", "unit": "单位", "period": "季度", "submitted_on": "报送日期", "entries": "进度条目",
    "task": "任务编号", "status": "状态", "date": "日期", "note": "说明", "evidence": "佐证", "no": "序号",
    "guideline": "标准指引", "county_units": "县级编制单位", "township_units": "乡级编制单位",
    "published": "发布记录", "url": "链接", "items": "目录条目", "plan": "方案信息", "tasks": "任务列表",
    "domains": "领域列表", "matter": "公开事项", "content": "公开内容", "basis": "公开依据", "timing": "公开时限",
    "subject": "公开主体", "channels": "公开渠道和载体", "audience": "公开对象", "manner": "公开方式", "level": "公开层级",
}
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
    ("Group", "aliases"): "文件中出现过的其他写法。",
    ("ProgressFile", "unit"): "报送单位的名称（与文件名一致）。",
    ("ProgressFile", "period"): "季度，写作 2023Q3（与所在文件夹一致）。",
    ("ProgressFile", "submitted_on"): "报送日期，写作 2023-10-08；条目日期不能晚于它。",
    ("ProgressEntry", "task"): "任务编号，如 xh2021-06。",
    ("ProgressEntry", "status"): "状态：not_started 未启动、in_progress 推进中、done 已完成、blocked 受阻。",
    ("ProgressEntry", "note"): "说明。",
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
    """Chinese titles for the annual figures; rows say their columns; fees may be a number."""
    labels = _annual_labels()
    try:
        mod = importlib.import_module("gkcli.schemas.annual")
        cols7 = "、".join(getattr(mod, "COLUMNS", []))
        cols5 = "、".join(getattr(mod, "APPEAL_COLUMNS", []))
    except ImportError:
        cols7 = cols5 = ""
    for name, sub in schema.get("$defs", {}).items():
        if name in ANNUAL_MODEL_TITLES:
            sub["title"] = ANNUAL_MODEL_TITLES[name]
    for sub in [schema, *schema.get("$defs", {}).values()]:
        for field, prop in sub.get("properties", {}).items():
            if not _has_chinese(prop.get("title", "")):
                label = labels.get(field) or (prop.get("description") or "").split("：")[0].strip()
                if label:
                    prop["title"] = label
            if prop.get("type") == "array" and prop.get("items", {}).get("type") == "integer":
                n = 5 if "review" in sub.get("properties", {}) else 7
                prop.setdefault("minItems", n)
                prop.setdefault("maxItems", n)
                prop["items"].setdefault("minimum", 0)
                cols = cols5 if n == 5 else cols7
                if cols and "description" not in prop:
                    prop["description"] = f"{n} 个非负整数，按列：{cols}"
            if field == "year" and prop.get("type") == "integer":  # Year: as every date gk takes
                prop.update(minimum=1900, maximum=2999)
            if prop.get("type") == "integer":  # every annual figure is a count (Count: 应为非负整数)
                prop.setdefault("minimum", 0)
            if field == "fees" and prop.get("type") == "string":
                prop.pop("type")
                prop["anyOf"] = [{"type": "number", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+([.][0-9]+)?$"}]


# what gk refuses beyond the models' own fields (repo.names_no_file: a unit's name names its files)
UNIT_NAME = {"pattern": "^(?![.])[^/\\\\\\u0000-\\u001f]+$", "maxLength": 83}
TOP_LISTS = {"UnitsFile": ("units", "groups"), "TasksFile": ("tasks",), "CatalogList": ("domains",)}


def _as_gk_reads(schema: dict[str, Any]) -> None:
    """Make the editor's verdict gk lint's. gk reads every scalar as its text until a field
    asks for a number (docs/decisions.md): `note: 2023` is the text 2023, `"no": "1"` the
    number 1, so a plain text field takes a number and a number field its digits as text.
    A unit's name may not be a path; `tasks:` left empty is no list yet, as gk takes it;
    an empty catalog file is no domain."""
    defs = schema.get("$defs", {})
    for name, fields in TOP_LISTS.items():
        sub = schema if schema.get("title") == name or name not in defs else defs[name]
        for f in fields:
            prop = sub.get("properties", {}).get(f)
            if prop is not None and prop.get("type") == "array":
                items = {k: prop.pop(k) for k in ("type", "items") if k in prop}
                prop["anyOf"] = [items, {"type": "null"}]
    if "CatalogList" in defs:
        defs["CatalogList"]["required"] = ["domains"]
    _scalars(schema)
    if "Unit" in defs:  # any number's text passes this pattern, which JSON Schema applies to strings only
        defs["Unit"]["properties"]["name"].update(UNIT_NAME)


def _scalars(node: Any) -> None:
    if isinstance(node, list):
        for x in node:
            _scalars(x)
        return
    if not isinstance(node, dict):
        return
    for v in node.values():
        _scalars(v)
    if node.get("type") == "string" and not any(k in node for k in ("enum", "format", "pattern", "const")):
        node["type"] = ["string", "number"]
    elif node.get("type") == "integer":
        digits = "^[1-9][0-9]*$" if node.get("minimum", -1) >= 1 else "^[0-9]+$" if node.get("minimum", -1) >= 0 else "^-?[0-9]+$"
        if node.get("minimum") == 1900 and node.get("maximum") == 2999:  # a year
            digits = "^(?:19|2[0-9])[0-9]{2}$"
        number = {k: node.pop(k) for k in ("type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in node}
        node["anyOf"] = [number, {"type": "string", "pattern": digits}]


def _full_width_digits(node: Any) -> None:
    if isinstance(node, list):
        for x in node:
            _full_width_digits(x)
    elif isinstance(node, dict):
        if node.get("type") == "string" and node.get("pattern") in ("^[0-9]+$", "^[0-9]+([.][0-9]+)?$"):
            node["pattern"] = node["pattern"].replace("[0-9]", "[0-9０-９]")
        for v in node.values():
            _full_width_digits(v)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def generate(kind: str) -> dict[str, Any]:
    model, files, title = kinds()[kind]
    schema = model.model_json_schema(mode="validation")
    schema = _chinese(schema, model.__name__)
    if kind == "annual":
        _annual(schema)
    _as_gk_reads(schema)
    if kind == "annual":  # a count typed with the IME's full-width digits (１２) is one gk takes (Count: \d)
        _full_width_digits(schema)
    out: dict[str, Any] = {"$schema": DRAFT, "$id": f"{kind}.schema.json", "title": title}
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
        prop["title"] = FIELD_TITLES.get(field, prop.get("title", field))
        if "description" not in prop and (name, field) in FIELD_DESCRIPTIONS:
            prop["description"] = FIELD_DESCRIPTIONS[(name, field)]
        if field in ENUM_DESCRIPTIONS:
            _enum_labels(prop, ENUM_DESCRIPTIONS[field])


def _enum_labels(prop: dict[str, Any], labels: dict[str, str]) -> None:
    for node in (prop, prop.get("items", {})):
        if "enum" in node:
            node["enumDescriptions"] = [labels.get(v, "") for v in node["enum"]]
            node["markdownEnumDescriptions"] = node["enumDescriptions"]


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def filename(kind: str) -> str:
    return f"{kind}.schema.json"


def file_globs() -> dict[str, str]:
    """schema file name → the data files it applies to (for editor settings)."""
    return {filename(k): v[1] for k, v in kinds().items()}
