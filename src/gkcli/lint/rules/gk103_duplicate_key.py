"""## 作用
检查同一层级里没有写两次的键，例如一个任务里写了两个 `title:`。

## 为什么
YAML 读取时只保留最后一个重复的键，前面的值会被悄悄丢掉。复制粘贴时最容易出现，而且读的人往往看不出少了什么。

## 错误示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    title: 推进政策解读
    units: [县政府办]
```

## 正确示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023-12-31
  - id: xh2023-02
    title: 推进政策解读
    units: [县政府办]
    deadline: 2023-12-31
```

列表中的一项若从某一行起把本项的键又写了一遍（从第一个键开始），多半是下一项前少了“- ”：只报一个问题，
提示在那一行前加上“- ”，而不是逐个键说“删除其中一个”——那样会删掉一整项。

## 修复
删去多余的一个，或把它拆成单独的一条记录。不能自动修复：gk 无法判断该保留哪一个。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK103"
NAME = "duplicate-key"
SEVERITY = "error"
SUMMARY = "同一映射中的键重复"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
