"""## 作用
检查单位和分组的名称、别名、全称不是空白，也不含看不见的字符（零宽空格、从右到左等方向控制符）或落在汉字、拉丁字母上的组合附加符号
（蒙古文、藏文等文字拼写中本来就有的不算）。

## 为什么
看不见的字符让两个名称在屏幕上一模一样却是不同的文字：`县财政局` 加上一个组合重音符（U+0301）就是另一个“单位”，
任务和进度会悄悄分到两处；方向控制符（U+202E）能让名称倒着显示。只有空格的名称什么单位也不是。

## 错误示例
```yaml
units:
  - name: " "
    kind: department
  - name: "县财政局\u200b"
    kind: department
```

## 正确示例
```yaml
units:
  - name: 县财政局
    kind: department
```

## 修复
删去这些字符（gk lint 的消息写出了它们的位置，如 `<U+200B>`），空白的名称写出单位的名称。不能自动修复：
可能是从网页复制时带来的，也可能是有意伪造的，需要人核对。
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ...findings import Finding
from ...units import name_key

CODE = "GK213"
NAME = "name-characters"
SEVERITY = "error"
SUMMARY = "名称是空白，或含有看不见的字符、组合附加符号"
FIXABLE = False


def _hidden_at(text: str) -> list[int]:
    """Where characters are that show nothing or steer the text's direction, or a combining mark
    sits on a Chinese or Latin character (Tibetan or Mongolian script needs its marks: they stay)."""
    out = []
    for i, c in enumerate(text):
        cat = unicodedata.category(c)
        if cat in ("Cc", "Co", "Cs") or c in _EXTRA or c in _BIDI:
            out.append(i)
        elif cat == "Cf" and (i == 0 or i == len(text) - 1 or _plain_base(text[i - 1]) or _plain_base(text[i + 1])):
            out.append(i)  # (inside Mongolian or Indic words U+180E, ZWJ and ZWNJ are spelling)
        elif cat in ("Mn", "Me") and (i == 0 or _plain_base(text[i - 1])):
            out.append(i)
    return out


_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # direction controls: never spelling


def _plain_base(c: str) -> bool:
    return c.isascii() or "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef" or c in _EXTRA


_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # fillers and the blank braille pattern: Lo/So, yet show nothing


def _shown(text: str, at: list[int]) -> str:
    """The text with the characters at `at` (_hidden_at) written out as <U+200B>."""
    return "".join(f"<U+{ord(c):04X}>" if i in at else c for i, c in enumerate(text))


def check(ctx) -> Iterator[Finding]:
    for what, records in (("单位", ctx.repo.units), ("分组", ctx.repo.groups)):
        for rec in records:
            fields = [(("name",), rec.name)] + [(("aliases", i), a) for i, a in enumerate(rec.aliases)]
            if what == "单位" and rec.full_name:
                fields.append((("full_name",), rec.full_name))
            for path, written in fields:
                if not name_key(written):
                    if path == ("name",):
                        yield ctx.finding(rec.file, rec.path + path, f"{what}名称是空白的", f"写出{what}的名称")
                    continue  # a blank alias names nothing: the resolver ignores it
                if at := _hidden_at(written):
                    said = {"name": "名称", "aliases": "别名", "full_name": "全称"}[path[0]]
                    whose = f"{what}{said}" if path == ("name",) else f"{what}“{rec.name}”的{said}"
                    yield ctx.finding(
                        rec.file, rec.path + path,
                        f"{whose}“{_shown(written, at)}”中含有看不见的字符或组合附加符号",
                        "删去这些字符（多半是从网页或其他文件复制时带来的）",
                    )
