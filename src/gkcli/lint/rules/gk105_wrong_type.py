"""## 作用
检查每个字段的值类型正确（列表、日期、文字、整数），必填字段（如单位的 `name`、任务的 `id` 与 `title`、进度的 `unit` 与 `period`）都已填写，取值在允许范围内（如 `status`、`kind`），文件不是空的。

## 为什么
类型不对的值无法使用。计算状态要用的字段（任务的 `id`、`title`、`units`，进度的 `task`、`status`、`date`，方案的 `id`、`issued_on` 等）写错时，gk 只好跳过整条记录，于是这条任务或这条进度在台账中消失。例如 `date: 2023-9-12`（月份未补零）不是日期。其余字段写错时按没有写处理，记录照样计入：任务的 `detail`、`category`、`others`，方案的 `issued_by`、`categories`，进度的 `note`、`evidence`，单位与分组除名称外的字段；任务的 `deadline` 写错（如写成列表）按没有时限计（与无法识别的时限相同）。进度条目的状态、日期写法不同而 `--fix` 能改的（`已完成`、`2023年9月25日`），lint 按改后的样子一并检查条目的其他问题（如任务编号不存在、日期晚于季度），一遍全部报告；改正之前，`gk status` 与报告仍不计入这条进度。

## 错误示例
```yaml
unit: 县财政局
period: 2023Q3
entries:
  - task: xh2021-06
    status: 已完成
    date: 2023-9-12
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
按提示改正取值：日期写作 2023-09-12，状态用 not_started / in_progress / done / blocked，列表写作 [甲, 乙]。
`gk lint --fix` 可以自动修复进度文件中意思明确的几种：状态写成中文（已完成、推进中、进行中、未启动、受阻…）或大小写、全角不同（Done、ｄｏｎｅ），日期写成 2023.9.25、2023年9月25日、2023/9/25、2023-9-25（改为 2023-09-25），季度写成 2023年第三季度、2023年三季度、2023-Q3、2023q3（改为 2023Q3；`gk report --quarter` 等命令的选项接受这些写法，文件中只写 2023Q3）；没写年份的日期（`9月25日`、`9-25`），
月份是文件所属季度的月份的，补上该季度的年份（2023Q3 的文件中 `9月25日` → 2023-09-25；`12月1日`、2023Q4 文件中的 `1月8日`
是哪一年说不清，只给提示）。拼错的状态（doen）只给提示，不自动改。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..fix import Edit

CODE = "GK105"
NAME = "wrong-type"
SEVERITY = "error"
SUMMARY = "字段类型不对或缺少必填字段"
FIXABLE = True



def check(ctx) -> Iterator[Finding]:
    """The loader's own findings of this code."""
    yield from ctx.loader_findings(CODE)


def _quarter(value) -> str | None:
    """The quarter a period plainly means, in the one spelling a file keeps (2024年第三季度, 2024年三季度,
    2024-Q3, 2024q3 → 2024Q3: what --quarter takes); None when it is none (第三季度, 2024Q5)."""
    from ...periods import Quarter

    if not isinstance(value, str):
        return None
    try:
        return str(Quarter.from_option(value))
    except ValueError:
        return None


def fixes(ctx) -> Iterator[Edit]:
    """Progress values whose meaning is plain: a status in Chinese or in another case, a date with
    its year written another way. A typo (doen) is only hinted at: a guess is not a fix."""
    from ...meant import entry as meant_entry, written_date

    for rel, doc in sorted(ctx.repo.docs.items()):
        if not rel.startswith("data/progress/") or not isinstance(doc.data, dict):
            continue
        period = doc.data.get("period")
        if (quarter := _quarter(period)) is not None and quarter != period:
            yield Edit(rel, ("period",), period, quarter, CODE, f"period “{period}” → {quarter}")
        if (iso := written_date(doc.data.get("submitted_on"))) is not None:
            old = doc.data["submitted_on"]
            yield Edit(rel, ("submitted_on",), old, iso, CODE, f"submitted_on “{old}” → {iso}")
        entries = doc.data.get("entries")
        for i, e in enumerate(entries if isinstance(entries, list) else ()):
            for k, new in (meant_entry(e, quarter or period) or {}).items():
                if new != e.get(k):
                    yield Edit(rel, ("entries", i, k), e[k], new, CODE, f"{k} “{e[k]}” → {new}")
