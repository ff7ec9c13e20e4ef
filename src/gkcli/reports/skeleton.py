"""The annual figures skeleton: data/annual/<YYYY>.yaml with every official label as a comment.

Written only when asked (`gk report --year Y --init-annual`), never over an
existing file. Every row is present and zero and reads like the printed table;
`carried_in` and the 现行有效 counts are taken from last year's file when there
is one (the figures that must carry over), so until the year's results are
entered `gk lint` says those carried-over requests are not yet accounted for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GkError
from ..schemas import annual as an

_COL_COMMENT = "# [" + ", ".join(an.COLUMNS) + "]"
_APPEAL_COMMENT = "# [" + ", ".join(an.APPEAL_COLUMNS) + "]"


def _c(left: str, comment: str, width: int = 48) -> str:
    """`left` and its comment, aligned, always at least two spaces apart (YAML needs one)."""
    return (left.ljust(width) if len(left) < width - 1 else left + "  ") + "# " + comment


def _row(values: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def text(year: int, body: str, last_year: Any = None) -> str:
    """The skeleton's text (pure; `last_year` is last year's raw data, or None)."""
    carried_in = [0] * 7
    stock = {"regulations": 0, "normative_documents": 0}
    if isinstance(last_year, dict):
        req = last_year.get("requests") if isinstance(last_year.get("requests"), dict) else {}
        out = req.get("carried_out") if isinstance(req, dict) else None
        if isinstance(out, list) and len(out) == 7 and all(str(x).isdigit() for x in out):
            carried_in = [int(x) for x in out]
        pro = last_year.get("proactive") if isinstance(last_year.get("proactive"), dict) else {}
        for key in stock if year - 1 >= an.FIRST_YEAR else ():  # (2019 format's 对外公开总数量 is no 现行有效件数)
            v = (pro.get(key) or {}).get("in_force") if isinstance(pro.get(key), dict) else None
            if v is not None and str(v).isdigit():
                stock[key] = int(v)
    lines = [
        f"# {body}{year}年政府信息公开工作年度报告：统计数据（格式见国办公开办函〔2021〕30号）。",
        "# 由 gk report --year {0} --init-annual 生成：每一行都要填写，没有的写 0；填好后运行 gk lint 检查勾稽关系。".format(year),
        f"# 统计期间：{year}年1月1日至{year}年12月31日。",
        f"year: {year}",
        f"body: {body}                    # 报告主体",
        "published_on:                        # 发布日期，如 " + f"{year + 1}-01-31",
        "overview: |                          # " + an.SECTIONS[0] + "（可分（一）主动公开（二）依申请公开（三）政府信息管理（四）政府信息公开平台建设（五）监督保障）",
        "  （请填写）",
        "proactive:                           # " + an.SECTIONS[1],
        "  # 第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数",
        f"  regulations:         {{issued: 0, repealed: 0, in_force: {stock['regulations']}}}      # 规章",
        f"  normative_documents: {{issued: 0, repealed: 0, in_force: {stock['normative_documents']}}}      # 行政规范性文件",
        "  licensing: 0                       # 第二十条第（五）项 行政许可：本年处理决定数量",
        "  penalties: 0                       # 第二十条第（六）项 行政处罚：本年处理决定数量",
        "  coercive_measures: 0               # 第二十条第（六）项 行政强制：本年处理决定数量",
        "  fees: 0                            # 第二十条第（八）项 行政事业性收费：本年收费金额（单位：万元），照原样打印",
        "requests:                            # " + an.SECTIONS[2],
        "  " + _COL_COMMENT,
        "  # 商业企业 … 其他 为“法人或其他组织”；本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    ]
    groups_open: set[str] = set()
    for spec in an.REQUEST_ROWS:
        values = carried_in if spec.key == "carried_in" else [0] * 7
        label = spec.label
        if spec.key == "carried_in" and isinstance(last_year, dict):
            label += "（已照抄上年度“结转下年度继续办理”）"
        if spec.key == "granted":
            lines.append("  # " + an.RESULTS_LABEL)
        if len(spec.path) == 2:
            group = spec.path[0]
            if group not in groups_open:
                lines.append(_c(f"  {group}:", an.GROUPS[group]))
                groups_open.add(group)
            lines.append(_c(f"    {spec.path[1]}: {_row(values)}", label))
        else:
            lines.append(_c(f"  {spec.path[0]}: {_row(values)}", label))
    lines += [
        "appeals:                             # " + an.SECTIONS[3],
        "  " + _APPEAL_COMMENT,
    ]
    for key, label in an.APPEAL_ROWS:
        lines.append(_c(f"  {key}: {_row([0] * 5)}", label))
    lines += [
        "problems: |                          # " + an.SECTIONS[4],
        "  （请填写）",
        "other_matters: |                     # " + an.SECTIONS[5] + "（如按国办函〔2020〕109号收取信息处理费的情况，或“无”）",
        "  （请填写）",
    ]
    return "\n".join(lines) + "\n"


def _holds_nothing(raw: bytes) -> bool:
    """Is this file empty as gk lint reads it (nothing, a BOM, only comments): the GK601 “是空的” it says?"""
    from ..yamlio import read

    doc, problems = read(raw)
    return doc is not None and doc.data is None and not problems


def write(root: Path, year: int) -> Path:
    """Create data/annual/<year>.yaml under the repo `root`; refuse to overwrite."""
    from ..repo import load
    from .data import county_of
    from ..model import build

    if year < an.FIRST_YEAR:
        raise GkError(f"不生成 {year} 年度的数据骨架：{an.before_format(year)}",
                      f"{year} 年度的报告以已发布的原件为准；gk 的骨架用于 {an.FIRST_YEAR} 年度起，如 gk report --year {an.FIRST_YEAR} --init-annual")
    folder = root / "data" / "annual"
    path = folder / f"{year}.yaml"
    # an empty file (made by hand, or truncated) holds nothing to lose: the skeleton replaces it (lint's hint says so)
    was = path.read_bytes() if path.is_file() and not path.is_symlink() and path.stat().st_size < 65536 else None
    empty = was is not None and _holds_nothing(was)
    for existing in (path, folder / f"{year}.yml"):
        if existing.exists() and not (empty and existing == path):
            raise GkError(
                f"{existing.relative_to(root).as_posix()} 已存在，未改动",
                "去掉 --init-annual 即可用现有数据生成报告；要重新生成骨架，请先移走该文件",
            )
    repo = load(root)
    county = county_of(build(repo))
    last = None
    for f in (f"data/annual/{year - 1}.yaml", f"data/annual/{year - 1}.yml"):
        if f in repo.annual:
            last = repo.annual[f].data
    content = text(year, f"{county}人民政府", last)
    from ..write.atomic import Changed, confine, make_folder, replace

    confine(root, path)  # before making the folder: data/ may be a link out of the repo
    make_folder(folder)
    # all or nothing (a full disk leaves no half file); an empty file only unless someone filled
    # it since it was read, and no file over one made meanwhile
    try:
        replace(path, content.encode("utf-8"), expect=was if empty else None)
    except Changed:
        if empty:
            raise
        raise GkError(f"{path.relative_to(root).as_posix()} 已存在，未改动") from None
    return path
