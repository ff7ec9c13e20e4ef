"""## 作用
拒绝读取使用了 YAML 锚点（`&`）、别名（`*`）或合并键（`<<`）的文件。

## 为什么
数据文件要让每个人一眼看懂；引用会让一处修改悄悄影响多处。锚点还能构造“十亿笑声”式的炸弹：几行文字展开成几十亿个节点，耗尽内存，拖垮 CI。

## 错误示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: &common [县政府办, 县司法局]
  - id: xh2023-02
    title: 推进政策解读
    units: *common
```

## 正确示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办, 县司法局]
    deadline: 2023-12-31
  - id: xh2023-02
    title: 推进政策解读
    units: [县政府办, 县司法局]
    deadline: 2023-12-31
```

## 修复
把被引用的内容直接写出来；许多任务共用同一批单位时，在 data/units/ 中定义一个分组（groups）。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK106"
NAME = "yaml-anchors"
SEVERITY = "error"
SUMMARY = "不支持 YAML 锚点、别名与合并键"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
