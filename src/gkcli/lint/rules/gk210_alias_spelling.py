"""## 作用
找出用别名、全称或不同写法（全角半角括号、多余空格）引用单位的地方，并给出单位的名称 `name`。
这是一条按需启用的规则：文件照录原文写法是允许的（解析器能识别别名），只有选用它
（`gk lint --extend-select GK210`）时才报告，`gk lint --fix` 也只在选用它时把这些写法统一成单位名称
（`gk lint --fix --extend-select GK210`；同 ruff，只修复所选规则的问题）。

## 为什么
同一单位在各处写法统一，搜索、统计和人工核对都更可靠；进度文件的 `unit` 与文件名一致，一眼就能看出是谁报送的。

## 错误示例
```yaml
tasks:
  - id: xh2023-11
    title: 公开就业创业政策
    units: [县人力资源社会保障局]
```

## 正确示例
```yaml
tasks:
  - id: xh2023-11
    title: 公开就业创业政策
    units: [县人社局]
    deadline: 2023-12-31
```

## 修复
可以自动修复，且是安全的：`gk lint --fix --extend-select GK210` 把别名替换为单位名称（含义不变，只改这一个值，注释和格式原样保留）；`gk lint --diff --extend-select GK210` 先看改动。
不选用它时 `--fix` 不改这些写法：方案照录原文的单位写法是允许的。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...repo import file_unit
from ..fix import Edit

CODE = "GK210"
NAME = "alias-spelling"
SEVERITY = "warning"
SUMMARY = "用别名引用了单位（可统一为单位名称）"
FIXABLE = True
DEFAULT = False

WHERE = ("task", "plan", "county", "township", "published", "member", "progress")


def _candidates(ctx):
    for ref in ctx.refs:
        if ref.where not in WHERE:
            continue
        r = ctx.resolve(ref.text)
        if r.ok and not r.is_group and r.name != ref.text:
            if ref.where == "progress" and file_unit(ref.file) == ref.text.strip():
                continue  # a file written under the unit's old name: history, named so inside and out (GK401)
            yield ref, r.name


def check(ctx) -> Iterator[Finding]:
    for ref, name in _candidates(ctx):
        yield ctx.finding(ref.file, ref.path, f"“{ref.text}”不是单位的名称（是别名或全称的写法），单位名称是“{name}”", f"改为“{name}”（gk lint --fix 可自动修复）")


def fixes(ctx) -> Iterator[Edit]:
    for ref, name in _candidates(ctx):
        yield Edit(ref.file, ref.path, ref.text, name, CODE, f"“{ref.text}” → “{name}”")
