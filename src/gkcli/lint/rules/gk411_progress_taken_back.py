"""## 作用
拉取请求模式（`gk lint --base REV`）下，检查改动没有删除**未截止季度**里已经报送的进度：删除了整个进度文件，
或删除、改写了文件中已有的条目（已截止季度的由 GK407 报错）。只是警告：本单位在季度截止前更正自己的条目是允许的，
但一个单位的合并请求删掉或改掉别的单位已报送的进度，合并后该单位就成了“未报送”或状态变了，却没有人察觉。

## 为什么
各单位通过合并请求报送进度，一个合并请求通常只应追加本单位的条目。复制文件、整理格式、误删都可能带走别人的进度；
`gk lint --base` 让审核合并请求的人看到这一点。

## 错误示例
```yaml
# 合并请求改动了 data/progress/2023Q3/县司法局.yaml，删去了原有的一条：
unit: 县司法局
period: 2023Q3
entries:
  - task: xh2023-05
    status: in_progress
    date: 2023-09-20
```

## 正确示例
```yaml
# 原有的条目保留，新的进展另写一条：
unit: 县司法局
period: 2023Q3
entries:
  - task: xh2023-05
    status: in_progress
    date: 2023-09-20
  - task: xh2023-05
    status: done
    date: 2023-09-28
```

## 修复
恢复被删除的文件或条目（撤销对它的改动），新的进展另写一条（`gk progress add`）；确是本单位更正自己的条目时，
在合并请求中说明理由，由政务公开办核对后合并。不能自动修复。
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...findings import Finding
from ._util import changed_progress, undo

CODE = "GK411"
NAME = "progress-taken-back"
SEVERITY = "warning"
SUMMARY = "删除或改写了未截止季度已报送的进度（拉取请求模式）"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for path, status, q, closed in changed_progress(ctx):
        if closed:
            continue  # (a closed quarter's change is GK407's error)
        unit = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        back = undo(ctx, path)
        if status == "D":
            yield ctx.finding_at(path, 1, 1, f"删除了 {unit} {q} 的进度文件：合并后 {unit} 显示为 {q} 未报送",
                                 f"不要删除已报送的进度文件{back}；确需删除时，在合并请求中说明理由，由政务公开办核对后合并")
            continue
        before = ctx.base_entries.get(path)
        doc = ctx.repo.docs.get(path)
        now = doc.data.get("entries") if doc is not None and isinstance(doc.data, dict) else None
        if before is None or not isinstance(now, list):
            continue  # (a file that does not read now is another rule's error)
        gone = Counter(map(_key, before)) - Counter(_key(e) for e in now if isinstance(e, dict))
        if not gone:
            continue
        task, _status, date = next(iter(gone))[:3]
        n = sum(gone.values())
        example = "、".join(x for x in (task, date) if x)
        yield ctx.finding_at(
            path, ctx.first_lines.get(path, 1), 1,
            f"改动删除或改写了 {unit} {q} 已报送的 {n} 条进度" + (f"（如 {example}）" if example else ""),
            f"已报送的条目只追加：恢复原来的条目{back}，新的进展另写一条（gk progress add）；"
            "确是本单位更正自己的条目时，在合并请求中说明理由",
        )


def _key(entry: dict) -> tuple[str, ...]:
    """An entry as it was written: a change to any of its fields is a change to it."""
    return (str(entry.get("task", "")), str(entry.get("status", "")), str(entry.get("date", "")),
            repr(sorted((str(k), repr(v)) for k, v in entry.items())))
