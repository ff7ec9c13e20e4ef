"""## 作用
年度数据文件写了发布日期 `published_on`（报告要发布了）时，检查文字部分不再是骨架（`gk report --init-annual`）中的
“（请填写）”：`overview`（一、总体情况）、`problems`（五、存在的主要问题及改进情况）、`other_matters`（六、其他需要报告的事项）。
还没写发布日期的是草稿，不检查。（按文件本身判断，不按今天的日期：`gk lint` 的结果不随日期变化。）

## 为什么
`gk report --year … --statutory` 遇到没写完的文字会拒绝生成供公开的报告；这个警告让它在合并请求里就被看到，
而不是等到发布当天。

## 错误示例
```yaml
year: 2023
published_on: 2024-03-22
overview: |
  （请填写）
```

## 正确示例
```yaml
year: 2023
published_on: 2024-03-22
overview: |
  2023年，宣汉县人民政府深入贯彻《中华人民共和国政府信息公开条例》……
```

## 修复
写完这几部分；确实没有要报告的事项时写“无”。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK610"
NAME = "annual-unfinished"
SEVERITY = "warning"
SUMMARY = "年度报告写了发布日期，文字部分还没写完"
FIXABLE = False

_TEXTS = {"overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况", "other_matters": "六、其他需要报告的事项"}


def check(ctx) -> Iterator[Finding]:
    docs = ctx.repo.annual_docs()
    if not docs:
        return  # (the annual schema imports pydantic: not for nothing)
    from ...schemas.annual import year_of_file

    for file, doc in docs.items():
        data = getattr(doc, "data", None)
        year = year_of_file(file)
        # a draft until it has a publication date: judged by the file, never by today (DESIGN: lint
        # does not depend on the date; a file that is no mapping is GK601's)
        if not isinstance(data, dict) or year is None or data.get("published_on") in (None, ""):
            continue
        for key, label in _TEXTS.items():
            text = data.get(key)
            if isinstance(text, str) and "请填写" in text:  # the skeleton's placeholder (the texts themselves are optional)
                yield ctx.finding(file, (key,), f"{year} 年度报告已写发布日期（published_on），“{label}”还没写（仍是“（请填写）”）",
                                  "写完这一部分；没有要报告的事项时写“无”（gk report --statutory 会拒绝没写完的报告）", key=True)
