"""Annual figures (data/annual/<YYYY>.yaml): the statutory 政府信息公开工作年度报告.

The tables are rows of numbers in the printed column order (DESIGN.md, "Annual
figures"; layout facts in the reference on the national format of 2021). This
module holds:

- the pydantic models (`AnnualFigures`): every row complete, 7 or 5 non-negative
  integers; `fees` a non-negative number kept as the text written;
- the official labels of every row and column (`REQUEST_ROWS`, `COLUMNS`, ...),
  used by the reports, the skeleton writer and the lint messages;
- `validate(doc, file)`: the schema problems of one file, located at their node;
- `arithmetic(data, last_year)`: the table's 勾稽关系, checked on the raw data so
  that one malformed row does not hide the faults of the others.

Problems come back as `Issue`s (code, path inside the file, message, hint); the
lint rules GK601–GK612 turn them into findings. A file of a year before FIRST_YEAR (another
format) is not checked: one GK612 note says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Annotated, Any, Iterator

from pydantic import BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

from .base import Record, dates_as_written

# --- the format ---------------------------------------------------------------

FIRST_YEAR = 2021
"""The first report year of the format gk writes and checks (国办公开办函〔2021〕30号, issued
2021-09-26). It replaced the 2019 trial format (国办公开办函〔2019〕60号), whose table 二 has other
columns and whose table 三 has （六）其他处理 as one row: gk neither writes nor checks it."""


def before_format(year: int) -> str:
    """Why a report year before FIRST_YEAR gets no statutory tables from gk (one sentence)."""
    said = f"gk 的统计表按国办公开办函〔2021〕30号的格式，用于 {FIRST_YEAR} 年度起的报告"
    if year in (2019, 2020):
        return f"{said}；{year} 年度的报告用国办公开办函〔2019〕60号的试行格式（表二的栏目、表三的“（六）其他处理”都不同）"
    return f"{said}，不适用于 {year} 年度"


# --- labels -----------------------------------------------------------------

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
"""Table 三's seven columns; 商业企业 … 其他 are the five 法人或其他组织."""
APPEAL_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

RESULTS_LABEL = "三、本年度办理结果"


@dataclass(frozen=True)
class RowSpec:
    path: tuple[str, ...]  # keys inside `requests`
    label: str  # the official label of the row itself
    group: str | None = None  # the （三）–（六） block it belongs to, if any
    result: bool = False  # one of the 21 result rows summed into （七）总计

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def full_label(self) -> str:
        return f"{self.group} {self.label}" if self.group else self.label


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER_HANDLING = "（六）其他处理"

GROUPS: dict[str, str] = {
    "withheld": _WITHHELD,
    "unavailable": _UNAVAILABLE,
    "not_processed": _NOT_PROCESSED,
    "other_handling": _OTHER_HANDLING,
}

REQUEST_ROWS: list[RowSpec] = [
    RowSpec(("received",), "一、本年新收政府信息公开申请数量"),
    RowSpec(("carried_in",), "二、上年结转政府信息公开申请数量"),
    RowSpec(("granted",), "（一）予以公开", result=True),
    RowSpec(("partly_granted",), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", result=True),
    RowSpec(("withheld", "state_secret"), "1.属于国家秘密", _WITHHELD, True),
    RowSpec(("withheld", "prohibited_by_law"), "2.其他法律行政法规禁止公开", _WITHHELD, True),
    RowSpec(("withheld", "security_stability"), "3.危及“三安全一稳定”", _WITHHELD, True),
    RowSpec(("withheld", "third_party_rights"), "4.保护第三方合法权益", _WITHHELD, True),
    RowSpec(("withheld", "internal_affairs"), "5.属于三类内部事务信息", _WITHHELD, True),
    RowSpec(("withheld", "process_information"), "6.属于四类过程性信息", _WITHHELD, True),
    RowSpec(("withheld", "enforcement_files"), "7.属于行政执法案卷", _WITHHELD, True),
    RowSpec(("withheld", "inquiry_matters"), "8.属于行政查询事项", _WITHHELD, True),
    RowSpec(("unavailable", "not_held"), "1.本机关不掌握相关政府信息", _UNAVAILABLE, True),
    RowSpec(("unavailable", "needs_creation"), "2.没有现成信息需要另行制作", _UNAVAILABLE, True),
    RowSpec(("unavailable", "still_unclear"), "3.补正后申请内容仍不明确", _UNAVAILABLE, True),
    RowSpec(("not_processed", "petitions"), "1.信访举报投诉类申请", _NOT_PROCESSED, True),
    RowSpec(("not_processed", "repeated"), "2.重复申请", _NOT_PROCESSED, True),
    RowSpec(("not_processed", "publications"), "3.要求提供公开出版物", _NOT_PROCESSED, True),
    RowSpec(("not_processed", "excessive"), "4.无正当理由大量反复申请", _NOT_PROCESSED, True),
    RowSpec(("not_processed", "confirmation"), "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED, True),
    RowSpec(
        ("other_handling", "no_correction"),
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER_HANDLING,
        True,
    ),
    RowSpec(
        ("other_handling", "fee_unpaid"),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER_HANDLING,
        True,
    ),
    RowSpec(("other_handling", "other"), "3.其他", _OTHER_HANDLING, True),
    RowSpec(("total",), "（七）总计"),
    RowSpec(("carried_out",), "四、结转下年度继续办理"),
]
"""Table 三's 25 data rows, in printed order."""

ROW_BY_KEY = {r.key: r for r in REQUEST_ROWS}

APPEAL_ROWS: list[tuple[str, str]] = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼：未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼：复议后起诉"),
]

STOCK_ROWS: list[tuple[str, str]] = [("regulations", "规章"), ("normative_documents", "行政规范性文件")]
STOCK_COLUMNS: list[tuple[str, str]] = [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]
DECISION_ROWS: list[tuple[str, str, str]] = [
    # key, label, block title (第二十条第…项)
    ("licensing", "行政许可", "第二十条第（五）项"),
    ("penalties", "行政处罚", "第二十条第（六）项"),
    ("coercive_measures", "行政强制", "第二十条第（六）项"),
]
FEES_LABEL = "行政事业性收费"

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
"""The six sections of the report, in their fixed order."""

TOP_LABELS = {
    "year": "年度",
    "body": "报告主体",
    "published_on": "发布日期",
    "overview": SECTIONS[0],
    "proactive": SECTIONS[1],
    "requests": SECTIONS[2],
    "appeals": SECTIONS[3],
    "problems": SECTIONS[4],
    "other_matters": SECTIONS[5],
}


def label_of(path: tuple) -> str:
    """A readable Chinese name for a node of an annual file (for messages)."""
    keys = [p for p in path if isinstance(p, str)]
    if not keys:
        return "文件"
    if keys[0] == "requests" and len(keys) > 1:
        rest = ".".join(keys[1:3])
        if rest in ROW_BY_KEY:
            r = ROW_BY_KEY[rest]
            return f"“{r.full_label}”"
        if keys[1] in GROUPS:
            return f"“{GROUPS[keys[1]]}”"
    if keys[0] == "appeals" and len(keys) > 1:
        return f"“{dict(APPEAL_ROWS).get(keys[1], keys[1])}”"
    if keys[0] == "proactive" and len(keys) > 1:
        names = dict(STOCK_ROWS) | {k: lab for k, lab, _ in DECISION_ROWS} | {"fees": FEES_LABEL}
        name = names.get(keys[1], keys[1])
        if len(keys) > 2:
            name += "·" + dict(STOCK_COLUMNS).get(keys[2], keys[2])
        return f"“{name}”"
    return f"{keys[-1]}（{TOP_LABELS[keys[0]]}）" if keys[0] in TOP_LABELS and len(keys) == 1 else keys[-1]


# --- the models ---------------------------------------------------------------

_DIGITS = re.compile(r"^\d+$")
_AMOUNT = re.compile(r"^([0-9]*)(?:\.([0-9]*))?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")  # as an IME types them (so are counts read)


# no county's yearly figure has more digits; a longer one is a typo or a bomb (Python refuses to read
# an int of over 4,300 digits, and a long one would stretch every table)
MAX_DIGITS = 15


def _count(v: Any) -> int:
    if isinstance(v, bool) or v is None:
        raise PydanticCustomError("gk_count", "应为非负整数，而不是 {value}", {"value": _shown(v)})
    if isinstance(v, int):
        if v < 0:
            raise PydanticCustomError("gk_count", "应为非负整数，而不是 {value}", {"value": v})
        if v >= 10 ** MAX_DIGITS:
            raise PydanticCustomError("gk_count", "数字过大（超过 {n} 位），请核对", {"n": MAX_DIGITS})
        return v
    if isinstance(v, str) and _DIGITS.match(v.strip()):
        if len(v.strip().lstrip("0")) > MAX_DIGITS:
            raise PydanticCustomError("gk_count", "数字过大（超过 {n} 位），请核对", {"n": MAX_DIGITS})
        return int(v.strip())
    raise PydanticCustomError("gk_count", "应为非负整数，而不是 {value}", {"value": _shown(v)})


def _amount(v: Any) -> str:
    """A non-negative amount, its decimals kept as written (12.50 stays 12.50, never rounded), in the
    one form a table prints: half-width digits (１２ → 12), the whole part written once (.5 → 0.5,
    0012.5 → 12.5), no point without decimals (5. → 5). Counts are read the same way (int)."""
    if isinstance(v, bool) or v is None:
        raise PydanticCustomError("gk_amount", "应为非负数（万元，如 12 或 12.50），而不是 {value}", {"value": _shown(v)})
    m = _AMOUNT.match(str(v).strip().translate(_FULL_WIDTH))
    if not m or not (m[1] or m[2]):
        raise PydanticCustomError("gk_amount", "应为非负数（万元，如 12 或 12.50），而不是 {value}", {"value": _shown(v)})
    whole = m[1].lstrip("0") or "0"
    if len(whole) > MAX_DIGITS or len(m[2] or "") > MAX_DIGITS:
        raise PydanticCustomError("gk_amount", "数字过大或小数位过多（超过 {n} 位），请核对", {"n": MAX_DIGITS})
    return whole + (f".{m[2]}" if m[2] else "")


def _row(n: int):
    def check(v: Any) -> Any:
        if not isinstance(v, list):
            raise PydanticCustomError("gk_row", "应为一行 {n} 个数，写作 [{example}]", {"n": n, "example": ", ".join("0" * n)})
        if len(v) != n:
            raise PydanticCustomError(
                "gk_row_len", "应有 {n} 个数，实有 {got} 个", {"n": n, "got": len(v)}
            )
        return v

    return check


def _shown(v: Any) -> str:
    if v is None:
        return "空值"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return "列表" if isinstance(v, list) else "映射"
    return f"“{v}”"


def _year(v: Any) -> int:
    # a year is digits (2024): not a count's hint (“填写 0 或正整数” invites year: 0), and 二〇二四 or 2024.0 said once
    if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, str) and _DIGITS.match(v.strip()))):
        raise PydanticCustomError("gk_year", "应为四位数的年份，而不是 {value}", {"value": _shown(v)})
    n = _count(v)
    if not 1900 <= n <= 2999:  # as every date gk takes (clock.FIRST_DAY…LAST_DAY)
        raise PydanticCustomError("gk_year", "应为 1900—2999 之间的年份，而不是 {value}", {"value": n})
    return n


Count = Annotated[int, BeforeValidator(_count)]
Year = Annotated[int, BeforeValidator(_year)]
Amount = Annotated[str, BeforeValidator(_amount)]
Row7 = Annotated[list[Count], BeforeValidator(_row(7))]
Row5 = Annotated[list[Count], BeforeValidator(_row(5))]


class Stock(Record):
    issued: Count
    """本年制发件数"""
    repealed: Count
    """本年废止件数"""
    in_force: Count
    """现行有效件数"""


class Proactive(Record):
    regulations: Stock
    """规章"""
    normative_documents: Stock
    """行政规范性文件"""
    licensing: Count
    """行政许可：本年处理决定数量"""
    penalties: Count
    """行政处罚：本年处理决定数量"""
    coercive_measures: Count
    """行政强制：本年处理决定数量"""
    fees: Amount
    """行政事业性收费：本年收费金额（万元），照录原文"""


class Withheld(Record):
    state_secret: Row7
    prohibited_by_law: Row7
    security_stability: Row7
    third_party_rights: Row7
    internal_affairs: Row7
    process_information: Row7
    enforcement_files: Row7
    inquiry_matters: Row7


class Unavailable(Record):
    not_held: Row7
    needs_creation: Row7
    still_unclear: Row7


class NotProcessed(Record):
    petitions: Row7
    repeated: Row7
    publications: Row7
    excessive: Row7
    confirmation: Row7


class OtherHandling(Record):
    no_correction: Row7
    fee_unpaid: Row7
    other: Row7


class Requests(Record):
    received: Row7
    carried_in: Row7
    granted: Row7
    partly_granted: Row7
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: OtherHandling
    total: Row7
    carried_out: Row7

    def row(self, spec: RowSpec) -> list[int]:
        node: Any = self
        for k in spec.path:
            node = getattr(node, k)
        return node


class Appeals(Record):
    review: Row5
    litigation_direct: Row5
    litigation_after_review: Row5


class AnnualFigures(Record):
    """一个年度的政府信息公开工作年度报告数据。"""

    year: Year
    body: str | None = None
    """报告主体，如 宣汉县人民政府"""
    published_on: dt.date | None = None
    overview: str | None = None
    proactive: Proactive
    requests: Requests
    appeals: Appeals
    problems: str | None = None
    other_matters: str | None = None

    _dates = dates_as_written("published_on")


# --- validation -------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    code: str
    path: tuple
    message: str
    hint: str = ""
    key: bool = False  # locate the mapping key (the row's line) rather than the value


def _as_date(v: Any) -> dt.date | None:
    """A date as the loader gives it (a date, or its ISO text), else None (GK601 says what is wrong)."""
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(v.strip()) if isinstance(v, str) else None
    except ValueError:
        return None


def _written_year(v: Any) -> int | None:
    """The year a file's `year:` states, when it states one (digits), else None."""
    if isinstance(v, bool) or not isinstance(v, (int, str)) or not str(v).strip().isdigit():
        return None
    return int(str(v).strip())


def year_of_file(file: str) -> int | None:
    m = re.search(r"(?:^|/)(\d{4})\.ya?ml$", file)
    return int(m[1]) if m else None


def validate(data: Any, file: str) -> tuple[AnnualFigures | None, list[Issue]]:
    """The figures of one file, or None, and its schema problems (code GK601)."""
    issues: list[Issue] = []
    year = year_of_file(file)
    if year is None:
        issues.append(Issue("GK601", (), "年度数据文件应以年份命名，如 data/annual/2023.yaml", "把文件改名为 <年份>.yaml"))
    if data is None:
        issues.append(Issue("GK601", (), "年度数据文件是空的",
                            f"运行 gk report --year {year if year else '<年份>'} --init-annual 生成带官方栏目名称的骨架（会替换这个空文件）"))
        return None, issues
    if not isinstance(data, dict):
        issues.append(Issue("GK601", (), "文件顶层应为“键: 值”映射", "参照 docs/reports.md 中年度数据的示例"))
        return None, issues
    try:
        figures = AnnualFigures.model_validate(data)
    except ValidationError as e:
        issues.extend(i if i.path != ("year",) or year is None else replace(i, hint=f"写四位数的年份：year: {year}（与文件名一致）")
                      for i in _translate(e))
        figures = None
    published = _as_date(data.get("published_on"))
    if year is not None and published is not None and published <= dt.date(year, 12, 31):
        issues.append(Issue("GK601", ("published_on",), f"发布日期 {published} 在统计年度 {year} 年结束之前",
                            f"{year} 年度的报告在 {year + 1} 年发布（政府报告 3 月 31 日前，部门报告 1 月 31 日前）", key=False))
    # (a year that is no year, 二〇二四 or 2024.0: said above, once; 02023 is written otherwise than the file's name)
    if year is not None and _written_year(data.get("year")) is not None and str(data.get("year")).strip() != str(year):
        issues.append(
            Issue("GK601", ("year",), f"year 写的是 {data.get('year')}，与文件名的年份 {year} 不一致", f"改为 year: {year}，或改文件名")
        )
        figures = None
    return figures, issues


_MODELS: dict[tuple, type[Record]] = {
    (): AnnualFigures,
    ("proactive",): Proactive,
    ("proactive", "regulations"): Stock,
    ("proactive", "normative_documents"): Stock,
    ("requests",): Requests,
    ("requests", "withheld"): Withheld,
    ("requests", "unavailable"): Unavailable,
    ("requests", "not_processed"): NotProcessed,
    ("requests", "other_handling"): OtherHandling,
    ("appeals",): Appeals,
}


_DASHES = {"/", "／", "-", "—", "－", "无", "\\"}  # what printed tables show where the figure is 0


def _translate(err: ValidationError) -> Iterator[Issue]:
    import difflib

    def dash(e: dict) -> str | None:
        """The mark of a row's cell written as a printed table shows a 0 (/, —, 无), else None."""
        loc, mark = e["loc"], str(e.get("input")).strip()
        return mark if e["type"] == "gk_count" and loc and isinstance(loc[-1], int) and mark in _DASHES else None

    dashed: dict[tuple, list[str]] = {}  # said once a row
    for e in err.errors(include_url=False):
        if (mark := dash(e)) is not None:
            dashed.setdefault(tuple(e["loc"])[:-1], []).append(mark)
    for row, marks in dashed.items():
        yield Issue("GK601", (*row, 0), f"{label_of(row)}有 {len(marks)} 格写的是“{marks[0]}”",
                    "表中印作“/”、“—”或空白的格子，数据文件中写 0", key=False)
    for e in err.errors(include_url=False):
        loc = tuple(e["loc"])
        typ = e["type"]
        what = label_of(loc)
        if dash(e) is not None:
            continue  # said above, once for its row
        if typ == "extra_forbidden":
            parent = _MODELS.get(tuple(x for x in loc[:-1] if isinstance(x, str)))
            fields = list(parent.model_fields) if parent else []
            near = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
            hint = f"是不是 {near[0]}？" if near else ("可用字段：" + "、".join(fields) if fields else "")
            yield Issue("GK601", loc, f"未知字段 {loc[-1]}", hint, key=True)
        elif typ == "missing":
            name = TOP_LABELS.get(str(loc[-1])) if len(loc) == 1 else _plain(label_of(loc))
            yield Issue("GK601", loc[:-1], f"缺少 {loc[-1]}（{name}）", "每一行都要填写；没有的写 0", key=bool(loc[:-1]))
        elif typ in ("gk_row", "gk_row_len"):
            cols = "、".join(APPEAL_COLUMNS if loc and loc[0] == "appeals" else COLUMNS)
            hint = f"按顺序填写：{cols}；没有的写 0"
            got = e.get("input")
            if loc and loc[0] == "appeals" and isinstance(got, list) and len(got) == 15:  # 表四 as printed: one row of 15
                hint = "表四印出来是一行 15 个数，数据文件中分三行，每行 5 个：review（行政复议）、litigation_direct（未经复议直接起诉）、litigation_after_review（复议后起诉）"
            elif isinstance(got, list) and any(isinstance(x, str) and ("，" in x or "、" in x) for x in got):
                # [8，0，0] is one text to YAML: its full-width commas do not separate
                hint = f"数之间用半角逗号“,”分隔，不用全角逗号“，”或顿号“、”；{hint}"
            yield Issue("GK601", loc, f"{what}{e['msg']}", hint, key=True)
        elif typ == "gk_year":
            yield Issue("GK601", loc, f"{label_of(loc)}{e['msg']}", "写四位数的年份，如 2024")
        elif typ in ("gk_count", "gk_amount"):
            if loc and isinstance(loc[-1], int):
                cols = APPEAL_COLUMNS if loc[0] == "appeals" else COLUMNS
                col = cols[loc[-1]] if loc[-1] < len(cols) else f"第 {loc[-1] + 1} 个数"
                yield Issue("GK601", loc, f"{label_of(loc[:-1])}的“{col}”{e['msg']}", "填写 0 或正整数")
            else:
                yield Issue("GK601", loc, f"{what}{e['msg']}", "填写 0 或正整数" if typ == "gk_count" else "如 0 或 12.5")
        elif typ in ("model_type", "dict_type", "model_attributes_type"):
            model = _MODELS.get(tuple(x for x in loc if isinstance(x, str)))
            rows = "、".join(f"{k}（{_plain(label_of((*loc, k)))}）" for k in model.model_fields) if model else ""
            got = e.get("input")
            if model is Stock:  # 规章 / 行政规范性文件: three named counts, not a row ([0, 0, 0]) or one number
                cols = "、".join(lab for _, lab in STOCK_COLUMNS)
                nums = [str(x).strip() for x in got] if isinstance(got, list) and len(got) == 3 else ["N", "N", "N"]
                written = "{" + ", ".join(f"{k}: {n}" for (k, _), n in zip(STOCK_COLUMNS, nums)) + "}"
                yield Issue("GK601", loc, f"{what}应写作三项：{cols}",
                            f"写作 {loc[-1]}: {written}（依次为{cols}）")
            elif isinstance(got, list) and rows:  # one row where the 2021 format has several (（六）其他处理, 2019)
                yield Issue("GK601", loc, f"{what}在现行格式中分成几行填写，不是一行", f"每行写作“名称: [数, …]”：{rows}")
            else:
                yield Issue("GK601", loc, f"{what}应分行填写（每行“名称: 值”）", f"应有的行：{rows}" if rows else "参照 docs/reports.md 中年度数据的示例")
        elif typ in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
            yield Issue("GK601", loc, f"{what}应为日期，而不是 {_shown(e.get('input'))}", "日期写作 2024-03-25")
        elif typ == "string_type":
            yield Issue("GK601", loc, f"{what}应为文字", "多段文字写作 `|` 后换行缩进")
        else:
            yield Issue("GK601", loc, f"{what}：{e['msg']}", "")


def _plain(label: str) -> str:
    return label.strip("“”")


# --- arithmetic -------------------------------------------------------------------


def _get(data: Any, path: tuple) -> Any:
    for k in path:
        if not isinstance(data, dict):
            return None
        data = data.get(k)
    return data


def _nums(v: Any, n: int) -> list[int | None] | None:
    """A row of n cells as counts, None for a cell that is no count (GK601 speaks of it: the
    other columns are still checked); None when it is no row of n at all."""
    if not isinstance(v, list) or len(v) != n:
        return None
    out: list[int | None] = []
    for x in v:
        try:
            out.append(_count(x))
        except PydanticCustomError:
            out.append(None)
    return out


def _whole(*rows: list[int | None] | None) -> bool:
    """Are these rows there, every cell a count?"""
    return all(r is not None and None not in r for r in rows)


def _columns(*rows: list[int | None] | None) -> list[int]:
    """The columns in which every one of these rows has a count (none when a row is missing)."""
    if any(r is None for r in rows):
        return []
    return [i for i in range(len(rows[0])) if all(r[i] is not None for r in rows)]  # type: ignore[index]


# Only the State Council's departments and the governments of provinces and 设区的市 make 规章: a body
# whose last place is a county or below (宣汉县财政局, 南坝镇人民政府), or any body that is no government
# (达州市财政局, 县政府办公室), makes none. The last place named decides: 镇江市人民政府 is a city's.
_LAST_PLACE = re.compile(r"(自治区|自治州|街道|[省市州盟县旗区乡镇])(?!.*(?:自治区|自治州|街道|[省市州盟县旗区乡镇]))")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")


def _makes_no_regulations(body: str) -> bool:
    m = _LAST_PLACE.search(re.sub("市场|城乡|乡村|城市|区域|社区", "", body))  # 市场监督管理局, 城乡建设: no place
    if m is None:  # no place named: a State Council department (住房和城乡建设部) makes 规章
        return False
    return not _GOVERNMENT.search(body) or m[1] in ("县", "旗", "区", "乡", "镇", "街道")


def arithmetic(data: Any, last_year: Any = None, file_year: int | None = None) -> list[Issue]:
    """The 勾稽关系 of DESIGN.md "Annual figures", each at the row DESIGN.md names.

    GK602 a row's 总计 ≠ its six applicant columns (at that row);
    GK603 per column, received + carried_in ≠ total + carried_out (at carried_out);
    GK604 total ≠ the sum of the 21 result rows (at total);
    GK605 an appeals row's 总计 ≠ its first four (at that row);
    GK606 carried_in ≠ last year's carried_out (at carried_in; only with last year's file);
    GK607 in_force ≠ last year's in_force + issued − repealed (warning; at that row).

    `file_year` is the year the file is named for, when known: the deadline (GK609) is not judged from
    a `year:` that contradicts it (that is GK601's, and the day computed from it would be wrong)."""
    out: list[Issue] = []
    if not isinstance(data, dict):
        return out
    req = data.get("requests")
    rows = {spec.key: _nums(_get(req, spec.path), 7) for spec in REQUEST_ROWS}
    # GK602: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他
    for spec in REQUEST_ROWS:
        r = rows[spec.key]
        if _whole(r) and sum(r[:6]) != r[6]:  # type: ignore[arg-type, index]
            out.append(
                Issue(
                    "GK602",
                    ("requests", *spec.path),
                    f"“{spec.full_label}”一行的总计 {r[6]} 不等于前六列之和 {sum(r[:6])}",
                    "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                    key=True,
                )
            )
    # GK603: 一 + 二 = 三（七）总计 + 四, per column
    rec, cin, tot, cout = (rows[k] for k in ("received", "carried_in", "total", "carried_out"))
    bad = [i for i in _columns(rec, cin, tot, cout) if rec[i] + cin[i] != tot[i] + cout[i]]  # type: ignore[index, operator]
    if bad:
        each = "；".join(f"{COLUMNS[i]}列：新收 {rec[i]} + 上年结转 {cin[i]} ≠ 办理结果总计 {tot[i]} + 结转下年度 {cout[i]}" for i in bad)  # type: ignore[index]
        out.append(
            Issue(
                "GK603",
                ("requests", "carried_out"),
                f"申请数不平衡（{each}）",
                "本表勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
                key=True,
            )
        )
    # GK604: （七）总计 = the 21 result rows
    results = [rows[s.key] for s in REQUEST_ROWS if s.result]
    cols = _columns(tot, *results)
    sums = {i: sum(r[i] for r in results) for i in cols}  # type: ignore[index, misc]
    bad = [i for i in cols if sums[i] != tot[i]]  # type: ignore[index]
    if bad:
        each = "；".join(f"{COLUMNS[i]}列写的是 {tot[i]}，各项之和为 {sums[i]}" for i in bad)
        out.append(
            Issue(
                "GK604",
                ("requests", "total"),
                f"“（七）总计”与各项办理结果之和不符（{each}）",
                "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3；每件申请只计一种结果",
                key=True,
            )
        )
    # GK608: a county (县, 旗, 区) or township body makes no 规章: a number there is likely a slip
    # (the row of 行政规范性文件 typed one line up)
    body = data.get("body")
    regs = _get(data, ("proactive", "regulations"))
    if isinstance(body, str) and body.strip() and _makes_no_regulations(body.strip()) and isinstance(regs, dict):
        counts = []
        for k in ("issued", "repealed", "in_force"):
            try:
                counts.append(_count(regs.get(k)))
            except PydanticCustomError:
                pass  # not a number: GK601 says so
        if any(counts):
            out.append(
                Issue(
                    "GK608",
                    ("proactive", "regulations"),
                    f"报告主体“{body}”没有规章制定权（只有国务院部门和省、设区的市人民政府制定规章），但“规章”一行不是 0",
                    "本机关的行政规范性文件写在 normative_documents 一行；规章一行写 0",
                    key=True,
                )
            )
    # GK609: published after the day the 条例 (第四十九条) sets: 3月31日 for a government's report, 1月31日 for a department's
    published, year = _as_date(data.get("published_on")), data.get("year")
    y = _written_year(year) or 0
    if published is not None and 1900 <= y <= 2998 and (file_year is None or y == file_year):  # (a year out of range is GK601's: no date to build from it)
        government = isinstance(body, str) and bool(_GOVERNMENT.search(body.strip()))
        due = dt.date(y + 1, 3, 31) if government or not isinstance(body, str) else dt.date(y + 1, 1, 31)
        if published > due:
            out.append(Issue("GK609", ("published_on",), f"发布日期 {published} 晚于《条例》规定的 {due}（{'本级政府' if due.month == 3 else '部门'}年度报告）",
                             "核对发布日期；确实逾期发布的，在“六、其他需要报告的事项”中说明", key=False))
    # GK605: appeals 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    appeals = data.get("appeals")
    for key, label in APPEAL_ROWS:
        r = _nums(_get(appeals, (key,)), 5)
        if _whole(r) and sum(r[:4]) != r[4]:  # type: ignore[arg-type, index]
            out.append(
                Issue(
                    "GK605",
                    ("appeals", key),
                    f"“{label}”一行的总计 {r[4]} 不等于前四列之和 {sum(r[:4])}",
                    "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                    key=True,
                )
            )
    out += _overview_mismatches(data)
    if isinstance(last_year, dict):
        # GK606: 二 of this year = 四 of last year
        prev = _nums(_get(last_year, ("requests", "carried_out")), 7)
        unchecked = carry_unchecked(cin, prev, file_year)
        if unchecked is not None:  # never silent: a column not compared is not a column that agrees
            out.append(unchecked)
        bad = [i for i in _columns(cin, prev) if cin[i] != prev[i]]  # type: ignore[index]
        if bad:
            each = "、".join(f"{COLUMNS[i]}列 {cin[i]} ≠ {prev[i]}" for i in bad)
            out.append(
                Issue(
                    "GK606",
                    ("requests", "carried_in"),
                    f"上年结转与上年度文件的“结转下年度继续办理”不一致（{each}）",
                    "上年结转应照抄上年度报告的“四、结转下年度继续办理”一行",
                    key=True,
                )
            )
        # GK607: 现行有效 = last year's 现行有效 + 制发 − 废止 (a warning: documents are also cleaned up otherwise);
        # not against a year of the 2019 format, whose （一） columns are others (对外公开总数量 is no 现行有效件数)
        for key, label in STOCK_ROWS if file_year is None or file_year - 1 >= FIRST_YEAR else ():
            now = _get(data, ("proactive", key))
            before = _get(last_year, ("proactive", key))
            try:
                issued, repealed, in_force = (_count(_get(now, (k,))) for k in ("issued", "repealed", "in_force"))
                last = _count(_get(before, ("in_force",)))
            except PydanticCustomError:
                continue
            want = last + issued - repealed
            if in_force != want:
                out.append(
                    Issue(
                        "GK607",
                        ("proactive", key),
                        f"“{label}”现行有效 {in_force} 件，而上年现行有效 {last} + 本年制发 {issued} − 本年废止 {repealed} = {want}",
                        "如另有清理（如宣布失效）请在“六、其他需要报告的事项”中说明；否则请核对",
                        key=True,
                    )
                )
    return out


# GK611: the figures section 一 restates, in the wordings real reports use, each with the table cell it restates.
# Read only where the wording is unmistakable: the number right after the words (no other word between),
# in a sentence about applications (申请) or about 政府信息公开 review and litigation; 万件, 1,068件 are not read.
_SAYS: list[tuple[str, re.Pattern, str]] = [
    # (what, pattern, table cell: "requests.<row>" 总计, "appeals.review" 总计, "litigation" both 总计, "stock")
    ("新收申请", re.compile(r"(?:本年度?|全年)?新收(?:到)?(?:各类)?(?:政府信息公开)?申请(?:共计|共|合计)?(\d+)件"), "requests.received"),
    ("收到申请", re.compile(r"(?<!新)收到(?:各类)?(?:政府信息公开)?申请(?:共计|共|合计)?(\d+)件"), "requests.received"),
    ("上年结转", re.compile(r"上年度?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:共计|共|合计)?(\d+)件"), "requests.carried_in"),
    ("办理完毕", re.compile(r"(?:办理完毕|已办结|办结)(?:申请)?(?:共计|共)?(\d+)件"), "requests.total"),
    ("结转下年度", re.compile(r"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(\d+)件"), "requests.carried_out"),
    ("行政复议", re.compile(r"行政复议(?:案件|申请)?(?:共)?(\d+)件"), "appeals.review"),
    ("行政诉讼", re.compile(r"行政诉讼(?:案件)?(?:共)?(\d+)件"), "litigation"),
    ("现行有效行政规范性文件", re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共计|共|合计)?(\d+)件"), "stock"),
]
_CLAUSE = re.compile(r"[^。；;！!？?\n]+")
_PART = re.compile(r"[^，,：:]+")
# a part of a sentence that states a share, a channel, a comparison or another year's figure, not the
# year's whole (其中按期办结142件, 通过网站收到申请90件, 较上年增加20件, 上年度收到申请120件, 100件至140件不等):
# never read (a tester's 20 correct texts: 10 false alarms before)
_PARTIAL = re.compile(r"其中|按期|延期|逾期|超期|通过|信函|网站|网上|当面|现场|传真|邮寄|电子邮件|热线|较|同比|环比|比上年|增加|减少|增长|下降|"
                      r"上年度?(?:共|收到|新收|办结|受理)|上一年|去年|近[一二三四五两\d]年|以来|至|不等|平均|累计|未经复议|经复议|复议后|直接|涉及|各[\d一二三四五六七八九十两]")


def overview_says(text: str, year: int | None = None) -> list[tuple[str, int, str]]:
    """The figures the overview text states: (what, number, table cell), in reading order. Read part by
    part of a sentence (between commas), only a part that states the year's whole (not _PARTIAL, no
    other year named), about applications when its sentence is, about review and litigation only
    when the part itself says 信息公开."""
    out: list[tuple[str, int, str]] = []
    for clause in _CLAUSE.findall(text.translate(_FULL_WIDTH)):
        clause = re.sub(r"\s+", "", clause)
        about_requests = "申请" in clause
        receipt_with_carry = bool(re.search(r"(?:含|包括)上年度?结转", clause))
        # 上年结转申请8件，已办结8件: the 办结 of a sentence about the carried-over ones is theirs, not the year's
        of_carried = "结转" in clause and not receipt_with_carry and not re.search(r"结转(?:至|到)?下", clause)
        for part in _PART.findall(clause):
            if _PARTIAL.search(part) or any(int(y) != year for y in re.findall(r"(\d{4})年", part) if year):
                continue
            about_appeals = "信息公开" in part  # (行政复议 of other matters is no figure of table 四)
            for what, pattern, cell in _SAYS:
                if (cell.startswith("requests") and not about_requests) or (cell in ("appeals.review", "litigation") and not about_appeals):
                    continue
                if what == "办理完毕" and of_carried:
                    continue
                if what == "收到申请" and receipt_with_carry:  # 收到 150 件（含上年结转 8 件）: both, said so
                    what, cell = "收到申请（含上年结转）", "requests.received+carried_in"
                out += [(what, int(m[1]), cell) for m in pattern.finditer(part) if len(m[1]) <= MAX_DIGITS]
    return out


def _overview_mismatches(data: dict) -> Iterator[Issue]:
    """GK611: a figure section 一 states that its own table contradicts (reference §9: real reports go wrong there)."""
    text = data.get("overview")
    if not isinstance(text, str):
        return
    req = data.get("requests")

    def table(cell: str) -> tuple[int | None, str]:
        if cell == "requests.received+carried_in":
            rows = [_nums(_get(req, (k,)), 7) for k in ("received", "carried_in")]
            ok = all(r is not None and r[6] is not None for r in rows)
            return (sum(r[6] for r in rows) if ok else None), "表三新收与上年结转的总计之和"  # type: ignore[index, misc]
        if cell.startswith("requests."):
            key = cell.split(".", 1)[1]
            row = _nums(_get(req, (key,)), 7)
            return (row[6] if row else None), f"表三“{ROW_BY_KEY[key].label}”的总计"
        if cell == "appeals.review":
            row = _nums(_get(data, ("appeals", "review")), 5)
            return (row[4] if row else None), "表四“行政复议”的总计"
        if cell == "litigation":
            rows = [_nums(_get(data, ("appeals", k)), 5) for k in ("litigation_direct", "litigation_after_review")]
            ok = all(r is not None and r[4] is not None for r in rows)
            return (sum(r[4] for r in rows) if ok else None), "表四“行政诉讼”两项（未经复议直接起诉、复议后起诉）的总计之和"  # type: ignore[index, misc]
        try:
            return _count(_get(data, ("proactive", "normative_documents", "in_force"))), "表二“行政规范性文件”的现行有效件数"
        except PydanticCustomError:
            return None, ""

    said: set[tuple[str, int]] = set()
    for what, n, cell in overview_says(text, _written_year(data.get("year"))):
        want, where = table(cell)
        if want is None or n == want or (what, n) in said:
            continue
        said.add((what, n))
        extra = ""
        if cell == "requests.received":
            cin = _nums(_get(req, ("carried_in",)), 7)
            if cin and cin[6] is not None and n == want + cin[6]:
                extra = "（文字中的数是新收加上年结转）"
        yield Issue("GK611", ("overview",), f"“一、总体情况”写的{what} {n} 件与{where} {want} 不一致{extra}",
                    "文字与表格说的是同一件事，数应相同：改正其中一处（文字中的数照抄表格）", key=True)


UNCHECKED = "上年结转未核对"
"""How a GK606 note begins that says the carry-over could not be compared (a warning, not an error:
the fault is last year's file, where GK601 says it)."""


def carry_unchecked(cin: list[int | None] | None, prev: list[int | None] | None, file_year: int | None,
                    why: str | None = None) -> Issue | None:
    """The GK606 note for the columns of 上年结转 that last year's file leaves uncompared, or None."""
    last = f"上年度（{file_year - 1} 年）文件" if file_year else "上年度文件"
    if why is None:
        if cin is None:  # this year's own row is missing: GK601 says so
            return None
        if prev is None:
            why = "的“四、结转下年度继续办理”一行缺少或不是 7 个数"
        else:
            cols = [COLUMNS[i] for i in range(7) if prev[i] is None and (cin is None or cin[i] is not None)]
            if not cols:
                return None
            why = f"的“四、结转下年度继续办理”一行{'、'.join(cols)}列不是数"
    fix = ("先改正上年度文件（gk lint 会指出该文件的问题），上年结转才能核对" if not file_year or file_year - 1 >= FIRST_YEAR else
           f"上年度文件是 {FIRST_YEAR} 年以前的格式，gk 不逐行检查它（GK612）：照已公开的 {file_year - 1} 年度报告"
           "改正其“四、结转下年度继续办理”一行（requests: carried_out: 7 个数），上年结转才能核对")
    return Issue("GK606", ("requests", "carried_in"), f"{UNCHECKED}：{last}{why}，无法与之比较", fix, key=True)


def unread_last_year(findings: Any, file_year: int) -> Issue | None:
    """The GK606 note when last year's file is there but could not be read at all (a YAML error:
    the loader's finding names it), else None."""
    for f in findings:
        if f.path in (f"data/annual/{file_year - 1}.yaml", f"data/annual/{file_year - 1}.yml") and f.severity == "error":
            return carry_unchecked(None, None, file_year, f" {f.path} 无法读取（{f.code}）")
    return None


def check_all(annual: dict[str, Any]) -> Iterator[tuple[str, Issue]]:
    """Every problem of every annual file: (file, issue), files in order.

    `annual` maps a repo-relative file to its `yamlio.Doc` (`Repo.annual_docs()`);
    a year's file is checked against the previous year's when that file exists."""
    by_year = {}
    for f, doc in annual.items():
        y = year_of_file(f)
        if y is not None:
            data = getattr(doc, "data", None)
            by_year[y] = data if isinstance(data, dict) else {}  # there but no mapping: its 结转 is not there to compare
    for f in sorted(annual):
        data = getattr(annual[f], "data", None)
        y = year_of_file(f)
        if y is not None and y < FIRST_YEAR:  # another format: one note, not a finding for every row it lays out otherwise
            yield f, Issue("GK612", (), before_format(y) + "：gk 不检查这个文件",
                           f"该年度的报告以已发布的原件为准；为核对 {FIRST_YEAR} 年度的上年结转，"
                           f"{FIRST_YEAR - 1} 年的文件只需 requests.carried_out（结转下年度继续办理，两种格式相同）一行")
            continue
        _, issues = validate(data, f)
        yield from ((f, i) for i in issues)
        yield from ((f, i) for i in arithmetic(data, by_year.get(y - 1) if y is not None else None, y))
