"""## 作用
找出与该单位该任务的上一条进度逐字相同的条目（任务、状态、日期、说明、佐证都一样）：同一文件中写了两遍，
或把上个季度的条目原样抄进了本季度的文件。状态变过之后又报回原来的状态（已完成 → 受阻 → 已完成）不算重复。

## 为什么
重复的条目不增加任何信息，却说明本季度的报送可能只是复制了旧文件：真正的新进展可能漏报了。

## 错误示例
```yaml
# data/progress/2023Q4/县财政局.yaml，条目与 2023Q3 的文件一字不差
unit: 县财政局
period: 2023Q4
entries:
  - task: xh2023-03
    status: in_progress
    date: 2023-09-25
    note: 正在整理决算说明
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q4
entries:
  - task: xh2023-03
    status: done
    date: 2023-11-30
    note: 决算说明已在门户网站公开
```

## 修复
删去重复的条目；状态没有变化的长期任务，写本季度的日期和本季度做了什么。不能自动修复。
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from ...findings import Finding

CODE = "GK408"
NAME = "repeated-entry"
SEVERITY = "warning"
SUMMARY = "进度条目与已有条目逐字相同"
FIXABLE = False


def _key(e) -> tuple:
    return (e.task, e.status, e.date, e.note, tuple(e.evidence))


def _named_for_its_unit(report) -> bool:
    """data/progress/2023Q3/县财政局.yaml of unit 县财政局 (not the copy 县财政局(1).yaml)."""
    return PurePosixPath(report.file).stem == report.unit


def _same(ctx, a, b) -> str:
    """完全相同, or 内容相同（写法不同） when one of the two is read as `--fix` writes it (已完成 for done,
    2023年9月5日 for 2023-09-05: the lint view) and the two are written otherwise."""
    def written(ref):
        doc = ctx.doc(ref.report.file)
        items = doc.data.get("entries") if doc is not None and isinstance(doc.data, dict) else None
        k = ref.entry.path[-1]
        return items[k] if isinstance(items, list) and isinstance(k, int) and k < len(items) else None

    wa, wb = written(a), written(b)
    return "内容相同（写法不同）" if wa is not None and wb is not None and wa != wb else "完全相同"


def check(ctx) -> Iterator[Finding]:
    # a repeat is an entry the same as the one before it in the unit's history of that task (by
    # quarter, then date, then place in the file: gk status's order); done → blocked → done again
    # is the unit's latest word, not a copy (as gk progress add, which writes it)
    for refs in ctx.model.history.values():
        for before, ref in zip(refs, refs[1:]):
            if _key(before.entry) != _key(ref.entry):
                continue
            if (before.report.file != ref.report.file and before.report.period == ref.report.period
                    and _named_for_its_unit(ref.report) and not _named_for_its_unit(before.report)):
                # a copy of the unit's file (县财政局(1).yaml, GK401): the copy holds the repeat,
                # whichever of the two sorts first; the good file's entries are left alone
                copy, orig = before, ref
                line = ctx.locate(orig.report.file, orig.entry.path)[0]
                yield ctx.finding(
                    copy.report.file, copy.entry.path,
                    f"任务 {copy.entry.task} 的这条进度与 {orig.report.file}:{line} 的条目{_same(ctx, copy, orig)}",
                    f"本文件是 {orig.report.file} 的副本：删去本文件中重复的条目；整个文件都是副本时删去本文件",
                )
                continue
            e, file, first = ref.entry, before.report.file, ctx.locate(before.report.file, before.entry.path)[0]
            where = f"第 {first} 行的条目" if file == ref.report.file else f" {before.report.period} 的条目（{file}:{first}）"
            yield ctx.finding(
                ref.report.file, e.path,
                f"任务 {e.task} 的这条进度与{where}{_same(ctx, before, ref)}",
                "删去重复的条目；进度只写本季度的新进展（状态未变也写本季度的日期和工作）",
            )
