"""## 作用
年度数据文件的年份早于 2021 年（如 `data/annual/2020.yaml`）时，提醒 gk 不检查这个文件：gk 的统计表是
国办公开办函〔2021〕30号规定的格式，用于 2021 年度起的报告。这样的文件只报这一条，不逐行报格式问题。

## 为什么
2019、2020 年度的报告用国办公开办函〔2019〕60号的试行格式：表二（主动公开）的栏目不同（本年新制作数量、
本年新公开数量、对外公开总数量等），表三的“（六）其他处理”只有一行。按现行格式检查它，会把每一处不同都报成错误；
不说明又会让人以为它检查过了。`gk report --year 2020 --init-annual` 和 `--statutory` 也因此拒绝执行。

## 错误示例
```yaml
# data/annual/2020.yaml
year: 2020
requests:
  carried_out: [1, 0, 0, 0, 0, 0, 1]
```

## 正确示例
```yaml
# data/annual/2021.yaml：2021 年度起的报告，现行格式
year: 2021
requests:
  carried_in: [1, 0, 0, 0, 0, 0, 1]
```

## 修复
2021 年以前的年度报告以已发布的原件为准，不必放进数据仓库。只为核对 2021 年度的上年结转（GK606）时，
2020 年的文件保留 `requests.carried_out` 一行即可（两种格式的“结转下年度继续办理”相同），这个提醒可以忽略
（或在 gk.toml 的 `[lint]` 中写 `ignore = ["GK612"]`）。
"""

from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding

CODE = "GK612"
NAME = "annual-before-2021"
SEVERITY = "warning"
SUMMARY = "2021 年以前的年度数据：不是现行格式，gk 不检查"
FIXABLE = False


def check(ctx: Any) -> Iterator[Finding]:
    yield from ctx.annual_findings(CODE, SEVERITY)
