"""## 作用
检查每个数据文件能否按 YAML 读出来：缩进是否一致、冒号和引号是否成对、方括号是否闭合、有没有用 Tab 缩进。
合并分支时留下的冲突标记（以 `<<<<<<< `、`=======`、`>>>>>>> ` 开头的行）单独说明，位置是 `<<<<<<<` 那一行。

## 为什么
读不出来的文件一条记录也用不上：其中的单位、任务或进度会从台账和报告中整体消失，而且不会有别的提示。

## 错误示例
```yaml
units:
  - name: 县财政局
    aliases: [县财政局办公室, 财政局
    kind: department
```

## 正确示例
```yaml
units:
  - name: 县财政局
    aliases: [县财政局办公室, 财政局]
    kind: department
```

## 修复
按提示改正所指的行。只能用空格缩进（每级 2 个空格）；值里含有“: ”、或以 [ { # & * ! 等符号开头时，给值加上引号。有合并冲突标记时，对照两边的内容保留正确的一边（或把两边合起来），删去标记行。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK101"
NAME = "yaml-syntax"
SEVERITY = "error"
SUMMARY = "YAML 语法错误"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
