"""## 作用
检查文件是 UTF-8 编码的文本：不是 GBK/GB18030（Windows 记事本、WPS 常用的“ANSI”编码），也不含 NUL 字节。开头带 UTF-8 BOM 的文件照常读取。

## 为什么
gk 和 git、GitHub、GitLab 都按 UTF-8 读取文件。GBK 文件里的中文在别人的电脑和网页上会变成乱码，单位名称也就无法识别。

## 错误示例
```yaml
# 用记事本以 “ANSI” 编码保存的文件（字节是 GBK 编码，这里无法原样显示）
unit: 县财政局
period: 2023Q3
```

## 正确示例
```yaml
# 同一内容，以 UTF-8 保存
unit: 县财政局
period: 2023Q3
```

## 修复
用编辑器“另存为”并选择 UTF-8 编码；或在命令行运行 `iconv -f GB18030 -t UTF-8 原文件 > 新文件` 后替换原文件。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK102"
NAME = "encoding"
SEVERITY = "error"
SUMMARY = "文件不是 UTF-8 文本"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)
