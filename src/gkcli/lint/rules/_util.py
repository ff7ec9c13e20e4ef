"""Small helpers the rule modules share (not a rule: the name does not start with gk)."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ... import lists


def did_you_mean(candidates: Iterable[str], fallback: str = "") -> str:
    """The first two of `candidates` as gk suggests names everywhere (`lists.did_you_mean`)."""
    return lists.did_you_mean(list(candidates)[:2], fallback)


def nearest(text: str, choices: Iterable[str], limit: int = 2, cutoff: float = 50) -> list[str]:
    """Did-you-mean among plain strings (task ids, categories, group names)."""
    from rapidfuzz import fuzz, process

    pool = list(dict.fromkeys(choices))
    if not pool:
        return []
    return [c for c, _, _ in process.extract(text, pool, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)]


def where_label(where: str) -> str:
    return {
        "task": "任务的责任单位",
        "plan": "方案的默认责任单位",
        "county": "县级编制单位",
        "township": "乡级编制单位",
        "published": "发布记录的单位",
        "member": "分组成员",
        "unit_group": "所属分组",
        "progress": "进度文件的单位",
    }.get(where, "单位")


def unknown_unit_hint(candidates: Iterable[str]) -> str:
    return did_you_mean(list(candidates)[:1], "在 data/units/ 中添加该单位，或把这种写法加进已有单位的 aliases")


def fmt_loc(line_col: tuple[int, int], file: str) -> str:
    return f"{file}:{line_col[0]}"


def changed_progress(ctx: Any) -> Iterator[tuple[str, str, Any, bool]]:
    """Pull-request mode (GK407, GK411): each progress file the change edited or deleted — its path,
    "M" or "D", its quarter, and whether that quarter has closed (`report_window_days` as the base
    set it: a pull request that lengthens it does not reopen the quarters it edits)."""
    if ctx.changes is None or ctx.today is None:
        return
    from ...periods import quarter_of_file

    window = ctx.base_window if ctx.base_window is not None else ctx.settings.report_window_days
    for path, status in sorted(ctx.changes.items()):
        q = quarter_of_file(path)
        if q is not None and status in ("M", "D"):
            yield path, status, q, ctx.today > q.closes_on(window)


def undo(ctx: Any, path: str) -> str:
    """The command that puts a changed file back as the base had it, in brackets, ready to paste."""
    import shlex

    return f"（{ctx.restore_from} {shlex.quote(path)}）" if ctx.restore_from else ""


def reports_of(ctx: Any, dated: dict) -> Iterator[tuple[Any, str, Any, Any]]:
    """Each progress file of a unit `dated` has a date for (its start, its end: GK217, GK215), as
    (the report, the unit's name, that date, its quarter); a file of an unknown unit or quarter is
    other rules' to say."""
    from ...periods import Quarter

    for rep in ctx.repo.progress:
        unit = ctx.resolver.canonical(rep.unit)
        value = dated.get(unit) if unit is not None else None
        if value is None:
            continue
        try:
            q = Quarter.parse(rep.period)
        except ValueError:
            continue
        yield rep, unit, value, q


def copy_rank(ctx: Any, file: str, own_name: str | None = None) -> tuple[int, int, int]:
    """How much a file holding a duplicated plan id, task id, domain or unit name looks like the copy
    (higher: it is the one to blame, never the untouched original a hint would have renumbered):
    the file the change added (A) or edited (M) since --base, then a file not named after what it
    holds (`xh2023 - 副本.yaml` holds plan xh2023; `01-重大建设项目 - 副本.yaml` domain 重大建设项目).
    and a file named as a copy is (`2023年实施方案 - 副本.yaml`, `… (1).yaml`, `…copy.yaml`: it sorts before the
    original, so "the later one" would be the original). A tie is left to the caller (the later occurrence)."""
    import re

    changed = {"A": 2, "M": 1}.get((ctx.changes or {}).get(file, ""), 0)
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0].strip().casefold()
    copied = 1 if re.search(r"副本|拷贝|复制|copy|[(（]\d+[)）]$", stem) else 0
    return changed, 0 if own_name is None or named_after(file, own_name) else 1, copied


def named_after(file: str, name: str) -> bool:
    """Whether the file's name is `name`, with or without a leading number (`01-重大建设项目.yaml`)."""
    import re

    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0].strip().casefold()
    want = name.strip().casefold()
    return stem == want or re.sub(r"^\d+\s*[-_.、 ]\s*", "", stem) == want
