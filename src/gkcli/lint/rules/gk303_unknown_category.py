"""## 作用
方案写了类别列表 `plan.categories` 时，检查每项任务的 `category` 是列表中的一项（逐字相同）。

## 为什么
报告按类别统计完成情况。写法稍有不同的类别会在报告里多出一行，本类别的任务数和完成率也就不对了。

## 错误示例
```yaml
plan:
  id: xh2021
  title: 深化政务公开促进基层政府治理能力提升工作任务分解表
  categories: [深化行政决策公开, 深化重点领域信息公开]
tasks:
  - id: xh2021-01
    category: 深化决策公开
    title: 推行重大行政决策预公开
    units: [县发改局]
```

## 正确示例
```yaml
plan:
  id: xh2021
  title: 深化政务公开促进基层政府治理能力提升工作任务分解表
  categories: [深化行政决策公开, 深化重点领域信息公开]
tasks:
  - id: xh2021-01
    category: 深化行政决策公开
    title: 推行重大行政决策预公开
    units: [县发改局]
    deadline: 2023-12-31
```

## 修复
把 `category` 改成列表中的写法；确是新类别时，把它加进 `plan.categories`。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ._util import did_you_mean, nearest

CODE = "GK303"
NAME = "unknown-category"
SEVERITY = "error"
SUMMARY = "任务类别不在方案的类别列表中"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    for pd in ctx.repo.plans:
        cats = pd.plan.categories
        if not cats:
            continue
        for t in pd.tasks:
            if t.category is not None and t.category not in cats:
                near = nearest(t.category, cats, limit=1, cutoff=30)
                yield ctx.finding(
                    pd.file, t.path + ("category",),
                    f"类别“{t.category}”不在方案 {pd.plan.id} 的类别列表（plan.categories）中",
                    did_you_mean(near, "可选：" + "、".join(cats)),
                )
