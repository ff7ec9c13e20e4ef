"""## 作用
拒绝读取带有 YAML 标签（以 `!` 开头，如 `!!python/object`、`!!binary`）的值。

## 为什么
标签会让某些 YAML 读取器构造任意对象甚至执行代码，是拉取请求中常见的攻击手法；gk 的数据只需要文字、日期和列表。
标准标签（`!!str`、`!!int`、`!!null`……）也不接受：`note: !!null 备注` 在别的读取程序中是空值，gk 却会读作文字，
同一个文件两种意思。

## 错误示例
```yaml
units:
  - name: !!python/object:os.system 县财政局
    kind: department
```

## 正确示例
```yaml
units:
  - name: 县财政局
    kind: department
```

## 修复
删除以 `!` 开头的标签，只写普通的值；需要文字时加引号即可。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK108"
NAME = "yaml-tags"
SEVERITY = "error"
SUMMARY = "不支持 YAML 标签"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
