"""## 作用
检查任务的 `units`、方案的 `plan.units`、标准目录的 `county_units` / `township_units` / `published`、
以及进度文件的 `unit` 中写的每个名称，都能识别为 data/units/ 中的某个单位或分组（名称、别名或全称均可，
全角半角括号、空格的差别不计）。识别不了时给出最接近的已有名称。

## 为什么
认不出的名称不对应任何单位：这项任务少了一个责任单位，也不会有人为它报送进度。最常见的原因是错别字（“县财正局”）或文件里的另一种叫法。

## 错误示例
```yaml
tasks:
  - id: xh2023-03
    title: 公开财政预决算
    units: [县财正局]
    deadline: 2023-06-30
```

## 正确示例
```yaml
tasks:
  - id: xh2023-03
    title: 公开财政预决算
    units: [县财政局]
    deadline: 2023-06-30
```

## 修复
改成提示中的名称；如果这确是同一单位的另一种正式写法，把它加进该单位的 `aliases`；如果是新单位，在 data/units/ 中添加。
错别字不能自动修复：该改成哪个单位只有人能确定。只有一种情形 `gk lint --fix` 会改：名称是某一个单位的另一种标准写法
（`相南街道办事处` 之于 `相南街道`，`甲镇人民政府` 之于 `甲镇`，`县人力资源和社会保障局` 之于 `县人社局`；`gk progress add --unit`
也这样接受），改为该单位的名称。括号中说明是哪个单位或哪一部分的（`县公安局（交警大队）` 不是 `县公安局`）、合并或并列的部门
（`县教体局` 不是 `县教育局`，`县机关事务管理局` 不是 `县机关事务服务中心`）不自动改，只在提示中给出相近的单位。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding
from ..fix import Edit
from ...units import name_key
from ._util import unknown_unit_hint

CODE = "GK202"
NAME = "unknown-unit"
SEVERITY = "error"
SUMMARY = "未知单位：名称无法识别"
FIXABLE = True

# group members (GK206) and a unit's own `groups` (GK207) have their own rules
WHERE = ("task", "plan", "county", "township", "published", "progress")


def check(ctx) -> Iterator[Finding]:
    if not ctx.repo.units:
        yield from _no_units(ctx)
        return
    shelved: dict[str, str] | None = None
    removed = _in_base(ctx)  # (once, not per unknown name)
    for ref in ctx.refs:
        if ref.where not in WHERE:
            continue
        r = ctx.resolve(ref.text)
        if r.problem == "unknown" and not ctx.maybe_dropped("units", ref.text):
            hint = unknown_unit_hint(r.candidates)
            if not name_key(ref.text):
                yield ctx.finding(ref.file, ref.path, "单位名称是空的", "删去这个空项，或写出单位的名称")
                continue
            if (parts := _listed_in_one(ctx, ref.text)) is not None:
                # [县政府办、县发改局、县财政局]: a Chinese list separator inside one name
                hint = f"多个单位之间用英文逗号和空格隔开：[{', '.join(parts)}]"
            if shelved is None:
                shelved = _shelved(ctx)
            if (where := shelved.get(name_key(ref.text))) is not None:
                # gk import --add-units wrote it commented out: near a known name, maybe a slip
                hint = (f"{where} 中有被注释掉的“{ref.text}”：确是另一个单位时，去掉那几行行首的 #"
                        + (f"；是写错了就改成“{r.candidates[0]}”" if r.candidates else ""))
            if (was := removed.get(name_key(ref.text))) is not None:  # a pull request took it out of data/units/
                hint = f"“{ref.text}”是改动前 {was[0]} 中的{was[1]}，本次改动删去了它（或改了名）：恢复它，或改写用到它的地方"
            if (same := ctx.resolver.spelled_otherwise(ref.text)) is not None and _lead_not_first(ref):
                hint = f"标了牵头的“{same}”不在第一个：units 的第一个是牵头单位，把它移到第一个并去掉括号（--fix 不改：去掉括号就换了牵头单位）"
            elif same is not None:
                hint = f"这是“{same}”的另一种写法：改为“{same}”（gk lint --fix 可自动修改），或把这种写法加进它的 aliases"
            yield ctx.finding(ref.file, ref.path, f"未知单位“{ref.text}”", hint)


def fixes(ctx) -> Iterator[Edit]:
    """A reference that is another spelling of exactly one unit: its name. A typo is only hinted at."""
    for ref in ctx.refs:
        if ref.where in WHERE and name_key(ref.text) and (same := ctx.resolver.spelled_otherwise(ref.text)) is not None \
                and not _lead_not_first(ref):
            yield Edit(ref.file, ref.path, ref.text, same, CODE, f"“{ref.text}” → {same}")


def _lead_not_first(ref) -> bool:
    """县发改局（牵头） after another unit: the mark says who leads, the place says otherwise; dropping the
    mark would make the unit before it the lead, unseen."""
    return bool(re.search(r"[（(]\s*牵头", ref.text)) and isinstance(ref.path[-1], int) and ref.path[-1] > 0


def _in_base(ctx) -> dict[str, tuple[str, str]]:
    """Names (keys) of the units and groups the edited files of data/units/ held at --base: file, 单位 or 分组."""
    out: dict[str, tuple[str, str]] = {}
    for file, data in (ctx.base_units or {}).items():
        for key, what in (("units", "单位"), ("groups", "分组")):
            items = data.get(key) if isinstance(data, dict) else None
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict):
                    names = [item.get("name"), *(item.get("aliases") if isinstance(item.get("aliases"), list) else [])]
                    for n in names:
                        if isinstance(n, str) and name_key(n):
                            out.setdefault(name_key(n), (file, what))
    return out


def _no_units(ctx) -> Iterator[Finding]:
    """No unit at all (every one deleted, `units:` left empty): one finding, not one per name. Said already when
    a units file cannot be read (GK101…) or lies in another folder (GK109)."""
    refs = [r for r in ctx.refs if r.where in WHERE]
    units_files = sorted((rel for rel in ctx.repo.docs if rel.startswith("data/units/")),
                         key=lambda rel: (not ctx.written(rel, ("units",)), rel))  # the file with a units: key first
    if not refs or ctx.unreadable_file("units") or ctx.dropped_any("units"):
        return
    where = (units_files[0], ("units",) if ctx.written(units_files[0], ("units",)) else ()) if units_files else (refs[0].file, refs[0].path)
    yield ctx.finding(*where, "data/units/ 中没有任何单位：任务、分组与目录中的单位名称都无法识别",
                      "在 data/units/ 的单位文件中写出 units: 列表（每个单位写 name 与 kind），或从 git 中找回删掉的单位")


def _listed_in_one(ctx, text: str) -> list[str] | None:
    """The names of `text` split at 、，,；; or spaces when there are several and each is a known unit or group. A
    name that holds a 、 itself (the group 各乡镇人民政府、街道办事处) is kept whole: the longest run that names one."""
    bits = re.split(r"([、，,；;]|[ \u3000]+)", text.strip())  # (spaces too: [县司法局　县发改局])
    words, seps = [b.strip() for b in bits[::2]], bits[1::2]
    parts, i = [], 0
    while i < len(words):
        for j in range(len(words) - 1, i - 1, -1):  # the longest run from i that names a unit or group
            name = "".join(w + (seps[k] if k < j else "") for k, w in enumerate(words[i:j + 1], start=i)).strip()
            if name and ctx.resolve(name).problem != "unknown":
                parts.append(name)
                i = j + 1
                break
        else:
            if words[i]:
                return None
            i += 1  # an empty piece (县财政局，，县民政局): skipped
    return parts if len(parts) >= 2 else None


_SHELVED = re.compile(r"^[ \t]*#[ \t]*-[ \t]*name:[ \t]*(.+?)[ \t]*(?:[ \t]#.*)?$", re.M)  # (a note after it is no part of the name)


def _shelved(ctx) -> dict[str, str]:
    """Units written commented out in data/units/ (name key → file): entries put aside to check."""
    out: dict[str, str] = {}
    for rel, doc in ctx.repo.docs.items():
        if rel.startswith("data/units/") and doc.text and "#" in doc.text:
            for m in _SHELVED.finditer(doc.text):
                out.setdefault(name_key(m[1].strip("'\"")), rel)
    return out
