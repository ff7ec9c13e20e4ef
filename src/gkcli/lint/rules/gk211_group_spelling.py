"""## 作用
找出用别名或不同写法引用分组的地方（如 `各乡镇（街道）`、`各乡镇(街道)` 指的是分组“各乡镇人民政府、街道办事处”），并给出分组的名称 `name`。
这是一条按需启用的规则（`gk lint --extend-select GK211`）；`gk lint --fix` 也只在选用它时把这些写法统一成分组名称
（`gk lint --fix --extend-select GK211`；同 ruff，只修复所选规则的问题）。

## 为什么
同一批单位在不同文件里有好几种叫法，读的人难以确认它们是同一个分组；统一后，按分组搜索和核对才不会漏。

## 错误示例
```yaml
tasks:
  - id: xh2021-05
    title: 编制基层政务公开标准目录
    units: [县政府信息公开办, 各乡镇（街道）]
```

## 正确示例
```yaml
tasks:
  - id: xh2021-05
    title: 编制基层政务公开标准目录
    units: [县政府信息公开办, 各乡镇人民政府、街道办事处]
    deadline: 2023-12-31
```

## 修复
可以自动修复，且是安全的：`gk lint --fix --extend-select GK211` 把分组的其他写法替换为分组名称（含义不变，只改这一个值）；
`gk lint --diff --extend-select GK211` 先看改动。不选用它时 `--fix` 不改这些写法。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..fix import Edit

CODE = "GK211"
NAME = "group-spelling"
SEVERITY = "warning"
SUMMARY = "用别名引用了分组（可统一为分组名称）"
FIXABLE = True
DEFAULT = False


def _candidates(ctx):
    for ref in ctx.refs:
        r = ctx.resolve(ref.text)
        if r.is_group and r.name and r.problem in (None, "empty") and r.name != ref.text:
            yield ref, r.name


def check(ctx) -> Iterator[Finding]:
    for ref, name in _candidates(ctx):
        yield ctx.finding(ref.file, ref.path, f"“{ref.text}”是分组的别名，分组名称是“{name}”", f"改为“{name}”（gk lint --fix 可自动修复）")


def fixes(ctx) -> Iterator[Edit]:
    for ref, name in _candidates(ctx):
        yield Edit(ref.file, ref.path, ref.text, name, CODE, f"“{ref.text}” → “{name}”")
