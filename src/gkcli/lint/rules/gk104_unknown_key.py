"""## 作用
检查每条记录只使用 gk 认识的字段（键名是英文，见 DESIGN 与 README 的数据格式说明）。拼错的键会给出最接近的正确写法。

## 为什么
拼错的字段不会报错就会被忽略：`deadlien: 2023-06-30` 让任务看起来没有完成时限，`unit:` 写成 `units:` 让进度找不到单位。

只有未知字段而没有别的错误时，这条记录去掉未知字段后照常检查（单位、任务编号等），一次报告全部问题，不必先改掉拼错的键
才看到其余的错误；拼错的键像是某个字段（`deadlien`）时，不再另报缺少该字段。

## 错误示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadlien: 2023-06-30
```

## 正确示例
```yaml
tasks:
  - id: xh2023-01
    title: 推进决策公开
    units: [县政府办]
    deadline: 2023-06-30
```

## 修复
按提示改成正确的字段名；确实不需要的信息写成注释（`# …`）。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK104"
NAME = "unknown-key"
SEVERITY = "error"
SUMMARY = "未知字段"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
