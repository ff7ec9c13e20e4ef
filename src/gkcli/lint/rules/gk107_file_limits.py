"""## 作用
拒绝读取超过 2 MB、节点过多、嵌套超过 32 层的文件，以及指向数据仓库之外的符号链接。

## 为什么
手写的数据文件只有几 KB、嵌套不过五六层。异常的大小或深度不是数据而是失误或攻击：读取它会让 gk 和 CI 变慢甚至崩溃；指向仓库外的链接会把别处的文件（甚至机密文件）带进检查和报告。

## 错误示例
```yaml
# data/progress/2023Q3/县财政局.yaml 是一个 50 MB 的导出文件，
# 或是指向 /etc/passwd 的符号链接
```

## 正确示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: done
    date: 2023-09-12
```

## 修复
把大文件拆分成多个文件（例如每个方案一个文件、每个单位每季度一个进度文件）；把符号链接换成文件本身。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK107"
NAME = "file-limits"
SEVERITY = "error"
SUMMARY = "文件过大、嵌套过深或链接到仓库之外"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
