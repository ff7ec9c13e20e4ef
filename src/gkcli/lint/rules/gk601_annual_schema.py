"""## 作用
检查政府信息公开工作年度报告的数据文件：未知字段、缺少的行、一行的个数不对（表三每行 7 个数，
表四每行 5 个数）、负数或非整数、`fees` 不是非负数、`year` 与文件名不一致、文件为空。

## 为什么
年度报告的表格按国办公开办函〔2021〕30号的固定格式印出，每一行都必须完整；少一个数、
多一个数或写了负数，印出来的表就错了。问题在文件里就地指出，比发布后再更正省事得多。

## 错误示例
```yaml
requests:
  received: [36, 2, 0, 0, 1, 39]      # 只有 6 个数
  granted:  [20, 1, 0, 0, 0, -1, 21]  # 负数
```

## 正确示例
```yaml
requests:
  # [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]
  received: [36, 2, 0, 0, 1, 0, 39]
  granted:  [20, 1, 0, 0, 0, 0, 21]
```

## 修复
按注释中的列顺序补齐每一行；没有的数写 0（印出的表中为“/”或空白的也写 0）。
`fees` 写成 `12` 或 `12.50` 这样的数（万元），小数照原样印出。
`gk report --year 2023 --init-annual` 可生成带官方栏目名称的骨架文件。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK601"
NAME = "annual-schema"
SEVERITY = "error"
SUMMARY = "年度数据文件格式不对：未知字段、缺行、个数不对或不是非负整数"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
