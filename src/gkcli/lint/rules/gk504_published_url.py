"""## 作用
检查标准目录领域 `published` 中每条发布记录的 `url` 是网址：以 `http://` 或 `https://` 开头，中间没有空格。

## 为什么
发布记录说明“这个领域的目录在哪里公开了”，核查的人要能点开它。`not a url`、`ftp://…`、`javascript:…`、
抄错的半截地址都点不开，记录等于没有；`javascript:` 这样的地址放进网页还可能被当作代码执行。

## 错误示例
```yaml
name: 重大建设项目
county_units: [县发改局]
published:
  - unit: 县发改局
    url: www.xuanhan.gov.cn/zdjsxm
    date: 2023-06-30
```

## 正确示例
```yaml
name: 重大建设项目
county_units: [县发改局]
published:
  - unit: 县发改局
    url: http://www.xuanhan.gov.cn/zdjsxm
    date: 2023-06-30
```

## 修复
从浏览器地址栏复制完整的网址（含 `http://` 或 `https://`）。不能自动修复。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding

CODE = "GK504"
NAME = "published-url"
SEVERITY = "error"
SUMMARY = "发布记录的网址不是 http(s) 网址"
FIXABLE = False

_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.I)


def check(ctx) -> Iterator[Finding]:
    for d in ctx.repo.catalog:
        for k, p in enumerate(d.published):
            if p.url is not None and not _URL.fullmatch(p.url.strip()):
                hint = (f"写成完整的网址：http://{p.url.strip()}" if re.match(r"(?i)www\.|[a-z0-9-]+\.gov\.cn", p.url.strip())
                        else "从浏览器地址栏复制完整的网址（以 http:// 或 https:// 开头）")
                yield ctx.finding(d.file, d.path + ("published", k, "url"), f"发布记录的网址“{p.url}”不是 http(s) 网址", hint)
