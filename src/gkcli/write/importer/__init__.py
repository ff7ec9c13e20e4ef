"""gk import: a 任务分解表 (Word, Excel, TSV/CSV) into a plan file.

The table has the columns 序号 / 类别 / 主要任务 / 具体工作 / 责任单位 / 完成时限 (or
common variants: 牵头单位, 配合单位, 完成时间, 时间节点, …). Reading happens in
three steps:

1. `read_tables(path)` (tables.py) → tables of text cells, whatever the format. Merged cells
   carry the top-left cell's text in every cell they cover (Word and Excel).
2. `parse(tables)` (rows.py) finds the header row by its names, then turns every row into a
   `RawTask`; a blank 类别 continues the one above, a row whose cells all hold
   the same text (a merged heading such as 一、深化行政决策公开) starts a category.
3. `convert(raw, resolver, plan_id)` (plan.py) splits each 责任单位 cell into
   references (unit_cells.py: on 、，,；; and line breaks, role words cut), resolves each
   through the one Resolver (canonical name when it resolves, the text as written when
   not), keeps an open-ended `…等县级有关部门` tail in `others`; `render` writes the plan
   file as YAML text, and `keep_ids`/`carried_over` keep what `--force` keeps from the
   plan it replaces.

A file with no task table may be a plan written as numbered paragraphs whose items each name their units
in a marker (〔责任单位：…〕): `read_prose` (prose.py, on the file's lines from paragraphs.py) makes those items
`RawTask`s for the same `convert`.

This package's namespace is the pipeline's public face, for the `gk import` command.
"""

from __future__ import annotations

from . import prose
from .plan import (
    carried_over,
    comments,
    convert,
    expected_data,
    keep_ids,
    lost_comments,
    plan_comment,
    render,
)
from .prose import read_prose
from .rows import AS_WRITTEN, issued_guess, parse, why_no_table
from .tables import NO_TABLE, NoTables, read_tables

__all__ = ["AS_WRITTEN", "NO_TABLE", "NoTables", "carried_over", "comments", "convert", "expected_data", "issued_guess", "keep_ids", "lost_comments", "parse", "plan_comment", "prose", "read_prose", "read_tables", "render", "why_no_table"]
