"""## 作用
检查标准目录领域的县级编制单位（`county_units`）中没有乡镇、街道，乡级编制单位（`township_units`）中只有乡镇、街道。
写的是分组时，按它展开出的单位检查。

## 为什么
标准目录分县、乡两级编制：乡镇写进 `county_units`、县级部门写进 `township_units`，多半是填错了栏，
该级的编制就少了人，汇总时两级的单位也都不对。

## 错误示例
```yaml
name: 社会救助
county_units: [县民政局, 城关镇]
township_units: [县财政局]
```

## 正确示例
```yaml
name: 社会救助
county_units: [县民政局]
township_units: [城关镇]
```

## 修复
把单位移到对应的一栏；确需跨级的（县级部门的派出机构等）可以用 `--ignore GK505` 或在 gk.toml 的 `[lint]` 中关闭。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK505"
NAME = "catalog-unit-level"
SEVERITY = "warning"
SUMMARY = "标准目录的县级、乡级编制单位填错了栏"
FIXABLE = False

_LOCAL = ("township", "street")


def check(ctx) -> Iterator[Finding]:
    units = ctx.resolver.units
    for d in ctx.repo.catalog:
        for field, want_local, label in (("county_units", False, "县级"), ("township_units", True, "乡级")):
            for k, ref in enumerate(getattr(d, field)):
                r = ctx.resolve(ref)
                if not r.ok:
                    continue  # unknown, ambiguous, empty: GK202, GK203, GK208
                # (a unit whose kind is not written, other, cannot be judged: no finding)
                wrong = [u for u in r.units if u in units and units[u].kind != "other" and (units[u].kind in _LOCAL) != want_local]
                if wrong:
                    who = "、".join(wrong[:3]) + (f"等 {len(wrong)} 个单位" if len(wrong) > 3 else "")
                    where = "乡镇、街道" if not want_local else "不是乡镇、街道"
                    yield ctx.finding(
                        d.file, d.path + (field, k),
                        f"领域“{d.name}”的{label}编制单位中有{who}（{where}）",
                        "乡镇、街道写进 township_units，县级部门写进 county_units",
                    )
