"""## 作用
检查分组 `members` 列表中的每个名称都能识别为已有的单位或分组，识别不了时给出最接近的名称。

## 为什么
认不出的成员不会被展开：派给这个分组的每一项任务都悄悄少了一个责任单位。

## 错误示例
```yaml
groups:
  - name: 先行单位
    members: [县财政局, 县民正局]
```

## 正确示例
```yaml
groups:
  - name: 先行单位
    members: [县财政局, 县民政局]
```

## 修复
改成提示中的名称，或先在 data/units/ 中添加该单位。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ._util import unknown_unit_hint

CODE = "GK206"
NAME = "unknown-group-member"
SEVERITY = "error"
SUMMARY = "分组成员无法识别"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for ref in ctx.refs:
        if ref.where != "member":
            continue
        r = ctx.resolve(ref.text)
        if r.problem == "unknown" and not ctx.maybe_dropped("units", ref.text):
            yield ctx.finding(
                ref.file, ref.path,
                f"分组“{ref.owner.name}”的成员“{ref.text}”无法识别",
                unknown_unit_hint(r.candidates),
            )
