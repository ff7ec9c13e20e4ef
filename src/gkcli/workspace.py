"""Many data repos at once: a city's or a province's roll-up by county.

A *workspace* is a list of county data repos, given either as several `--data`
options or by the `workspace` setting of a gk.toml (globs relative to it):

    # the province office's gk.toml
    workspace = ["counties/*"]

Commands take the same steps for one repo or many (see docs/scale.md):

    roots = workspace.resolve(ctx, data)        # --data values (list or str) → [Path]
    for county, result in workspace.each(workspace.counties(roots), work, "检查"):
        ...                                      # work(county) → result, with a progress bar

`each()` shows a progress bar on a terminal for long work and stays silent in CI
(`$CI` set) or when stderr is not a terminal. A county's figures are computed
exactly as if gk were run in that repo alone.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class County:
    name: str  # gk.toml's county, else the folder's name
    root: Path


def resolve(ctx: Any, data: Sequence[str] | str | None) -> list[Path]:
    """The data repos a command works on: every --data given (after or before the
    command), else the one found as usual; a repo whose gk.toml lists a workspace
    stands for the repos it lists."""
    from .errors import GkError

    given = given_data(ctx, data)
    roots = _found(given)
    out: list[Path] = []
    for r in roots:
        try:
            out.extend(_expand(r, ()))
        except GkError:
            if len(given) <= 1:
                raise
            out.append(r)  # one of several --data with a bad gk.toml: that county fails in its turn (each), the others go on
    seen: dict[Path, Path] = {}  # one repo once, shown by the path it was first listed as (a link stays a link)
    for r in out:
        if seen.setdefault(r.resolve(), r) is not r:
            print(f"注意：数据仓库 {seen[r.resolve()]} 列了不止一次（或经由链接），只算一次", file=sys.stderr)
    if not seen and not NOT_REPOS:  # (never an empty list to take the first of)
        raise GkError("gk.toml 的 workspace 没有列出任何数据仓库", "每个县的仓库应含有 gk.toml 或 data/ 目录；检查 workspace 的写法")
    found = Roots(seen.values())
    found.asked_many = len(out) > 1  # a roll-up asked for stays one (its output has counties) when one repo was listed twice
    return found


class Roots(list):
    """The repos resolve() found, and whether several were asked for (the same one twice, too)."""

    asked_many = False


def named(ctx: Any, data: Sequence[str] | str | None) -> list[Path]:
    """The data repos the command line names (or the one found as usual), before any workspace
    they list is expanded."""
    return _found(given_data(ctx, data))


def _found(given: list[str]) -> list[Path]:
    """The repo of each --data given (the one found as usual when none is). Of several, one that
    is not there is a county left out (NOT_REPOS: said by each(), the others go on); one alone
    is a usage error."""
    from .errors import GkError
    from .repo import find_root

    if len(given) <= 1:
        return [find_root(given[0] if given else None)]
    roots = []
    for d in given:
        try:
            roots.append(find_root(d))
        except GkError as e:
            NOT_REPOS.setdefault(Path(d), e.message)
    return roots


def _expand(root: Path, within: tuple[Path, ...]) -> list[Path]:
    """The county repos `root` stands for: itself, or what its workspace lists, however
    deep (a province listing cities that list counties)."""
    from .errors import GkError

    try:
        listed = members(root)
    except GkError:
        if not within:
            raise
        return [root]  # a county's own bad gk.toml: said when its turn comes (each), the others go on
    if not listed:  # no workspace: a county; one that lists no repo at all: none (never the city's own repo)
        return [] if _lists_workspace(root) else [root]
    if root.resolve() in within:
        raise GkError(f"{root} 的 workspace 列出了它自己（循环）", "检查各级 gk.toml 中的 workspace")
    out: list[Path] = []
    for m in listed:
        out.extend(_expand(m, (*within, root.resolve())))
    return out


def _lists_workspace(root: Path) -> bool:
    from .settings import load_settings

    return bool(load_settings(root).workspace)


def given_data(ctx: Any, data: Sequence[str] | str | None) -> list[str]:
    """The --data values given, before the command and after it."""
    given: list[str] = [data] if isinstance(data, str) else list(data or [])
    if ctx is not None:
        obj = ctx.find_root().obj or {}
        before = obj.get("data") or []
        given = [*(d for d in before if d not in given), *given]  # --data before the command and after it, all of them
    return given


def owner(ctx: Any, data: Sequence[str] | str | None) -> Path | None:
    """The repo whose gk.toml lists the workspace worked on (the city's or province's own
    repo), or None when the counties were named one by one."""
    from .errors import GkError
    from .repo import find_root

    given = given_data(ctx, data)
    if len(given) > 1:
        return None
    try:
        root = find_root(given[0] if given else None)
        return root if _lists_workspace(root) else None
    except GkError:
        return None


def members(root: Path) -> list[Path]:
    """The repos listed by root's gk.toml `workspace` (globs), sorted; [] when it lists none or
    none of what it lists is a repo (those are in NOT_REPOS)."""
    from .errors import GkError
    from .settings import load_settings

    patterns = load_settings(root).workspace
    if not patterns:
        return []
    found: list[Path] = []
    for pat in patterns:
        path = os.path.join(root, pat)
        hits = sorted(glob.glob(path))
        if not hits and not glob.has_magic(pat):  # a county listed by name: its folder is gone (a removed submodule)
            NOT_REPOS.setdefault(Path(path), "目录不存在（gk.toml 的 workspace 列出了它）")
            continue
        repos = [Path(h) for h in hits if os.path.isdir(h) and (os.path.isfile(os.path.join(h, "gk.toml")) or os.path.isdir(os.path.join(h, "data")))]
        # a listed folder that is no repo (a submodule never initialised, a clone that failed, a link to
        # nowhere) is a county missing from the figures: named as one that could not be read (each),
        # never skipped. Files (a README beside the counties) and hidden folders are no county.
        for h in hits:
            if Path(h) in repos:
                continue
            if os.path.basename(h) in (".", ".."):  # (not a hidden folder: ../.. is a folder above)
                NOT_REPOS.setdefault(Path(h), "不是县的数据仓库（workspace 列出的是 . 或 .. 这样的目录）")
                continue
            if os.path.basename(h).startswith(".") and glob.has_magic(pat):  # (one listed by name is a county to say)
                continue
            if os.path.islink(h) and not os.path.exists(h):
                NOT_REPOS.setdefault(Path(h), "是指向不存在位置的链接（或链接循环）")
            elif os.path.isdir(h):
                inside = [n for n in os.listdir(h) if not n.startswith(".")]  # .git, .gitkeep, .DS_Store only: not checked out
                NOT_REPOS.setdefault(Path(h), "既没有 gk.toml 也没有 data/ 目录" + (
                    "（未初始化的 git 子模块？）" if not inside else "（不是县的数据仓库？不是的话，把 workspace 的写法改得更具体）"))
        if not hits or not any(os.path.isdir(h) or os.path.islink(h) for h in hits):
            raise GkError(f"gk.toml 的 workspace 中“{pat}”没有匹配到任何数据仓库", "每个县的仓库应含有 gk.toml 或 data/ 目录")
        found.extend(repos)
    return found


NOT_REPOS: dict[Path, str] = {}  # listed folders that are no data repo, and why (each() counts them as failed)


def counties(roots: Iterable[Path]) -> list[County]:
    """Each repo with its county's name; two repos of one name are told apart by folder."""
    from .errors import GkError
    from .settings import load_settings

    out = []
    for r in roots:
        try:
            name = load_settings(r).county or r.name
        except GkError:  # its bad gk.toml is told when the county's turn comes (each)
            name = r.name
        out.append(County(name, r))
    names = [c.name for c in out]
    for name in sorted({n for n in names if names.count(n) > 1}):  # two clones of one county would be summed twice
        where = "、".join(str(c.root) for c in out if c.name == name)
        print(f"注意：{where} 都是“{name}”（gk.toml 的 county）：同一个县列了两次时，合计会把它算两次", file=sys.stderr)
    out = [County(f"{c.name}（{c.root.name}）", c.root) if names.count(c.name) > 1 else c for c in out]
    seen: dict[str, int] = {}  # one name and one folder name (c/x, d/x): 甲县（x）, 甲县（x）（2）
    for i, c in enumerate(out):
        seen[c.name] = seen.get(c.name, 0) + 1
        if seen[c.name] > 1:
            out[i] = County(f"{c.name}（{seen[c.name]}）", c.root)
    return out


def is_many(roots: Sequence[Path]) -> bool:
    """A roll-up: several repos, or a workspace one of whose listed folders is no repo (it must be
    said, as a county left out, not lost in a one-county run)."""
    return len(roots) > 1 or bool(NOT_REPOS) or getattr(roots, "asked_many", False)


def quiet() -> bool:
    """No progress bar in CI, on a terminal that cannot redraw a line (TERM=dumb, as rich reads it),
    or when stderr is not a terminal."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false") or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return True
    try:
        return not sys.stderr.isatty()
    except (AttributeError, ValueError):
        return True


FAILED: list[County] = []  # the counties the last each() could not do (said on stderr)
WHY: dict[Path, str] = {}  # … and why, by repo
ERRORS: dict[Path, Any] = {}  # … and the GkError, where one said it (its gk.toml line and hint)


def each(items: Sequence[County], work: Callable[[County], T], label: str = "处理") -> Iterator[tuple[County, T]]:
    """work(county) for every county in order, with a progress bar (rich) on a terminal.
    A county whose work raises a GkError is said on stderr and left out (see FAILED)."""
    progress = None
    if not quiet() and len(items) > 1:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
            console=Console(stderr=True), transient=False,
            auto_refresh=False,  # redrawn per county: no refresh thread, so a county's cold load may fork (repo._load_in_two)
        )
        progress.start()
        bar = progress.add_task("", total=len(items))
    from .errors import GkError

    FAILED.clear()
    WHY.clear()
    ERRORS.clear()
    for p, why in NOT_REPOS.items():  # listed, but no repo: the figures lack this county
        c = County(p.name, p)
        FAILED.append(c)
        WHY[p] = why
        print(f"gk: 错误：{c.name}（{p}）：{WHY[p]}", file=sys.stderr)
    try:
        for i, c in enumerate(items):
            if progress:
                progress.update(bar, description=c.name, refresh=True)
            try:
                result = work(c)
            except GkError as e:  # one county's bad gk.toml must not stop a province's roll-up
                FAILED.append(c)
                WHY[c.root] = e.message
                ERRORS[c.root] = e
                print(f"gk: 错误：{c.name}（{c.root}）：{e.message}" + (f"\n  提示：{e.hint}" if e.hint else ""), file=sys.stderr)
            else:
                yield c, result
            if progress:
                progress.update(bar, advance=1, refresh=True)
            if i % 20 == 19:  # the CLI runs without the cyclic collector: tidy between counties
                import gc

                gc.collect(0)  # what the last counties made; a full pass rescanned every earlier result (0.8 s warm)
    finally:
        if progress:
            progress.update(bar, description=f"完成：{len(items)} 个县", refresh=True)
            progress.stop()


# --- gk status over many counties ------------------------------------------------


def county_status(county: County, as_of: Any, units: Sequence[str] | None, plans, categories, states, use_cache: bool = True,
                  sources: bool = True) -> dict:
    """One county's status as plain data (tasks as in `gk status --format json`), the
    same figures as running gk status in that repo alone. Kept in the county's cache,
    keyed by every file's digest, the day and the options: a province's warm roll-up
    reads 180 small files instead of loading 200,000."""
    from .cache import code_version

    parts = (code_version("status*.py", "model.py", "units.py", "deadlines.py", "periods.py", "workspace.py"),
             str(as_of), sorted(units or []), sorted(plans or []), sorted(categories or []), sorted(states or []), sources)
    result = remembered(county, "status", parts, lambda r: _compute(county, r, as_of, units, plans, categories, states, sources), use_cache)
    # the figures are the files'; the name (it depends on the other counties) and the place are this run's
    result["county"], result["root"] = county.name, str(county.root)
    for t in result["tasks"]:
        t["county"] = county.name
    return result


def remembered(county: County, name: str, parts: Any, compute: Callable[[Any], T], use_cache: bool = True, values: bool = False) -> T:
    """compute(the county's loaded repo), kept in the county's cache under `name`, keyed by
    every file's digest and `parts` (the options): a province's warm roll-up reads 180
    small files instead of loading 200,000."""
    from . import cache as cache_mod
    from . import repo as repo_mod

    store = cache_mod.open_cache(county.root) if use_cache else None
    if store is not None:
        fp = _quick_fingerprint(store, county.root)
        if fp is not None:
            hit = store.memo_get(name, repr((fp, parts)))
            if hit is not None:
                return hit
    at_exit, cache_mod.SAVE_AT_EXIT = cache_mod.SAVE_AT_EXIT, False  # save now: don't keep 180 counties alive till exit
    try:
        r = repo_mod.load(county.root, cache=use_cache, values=values)
    finally:
        cache_mod.SAVE_AT_EXIT = at_exit
    result = compute(r)
    st = getattr(r, "_cache", None)
    if st is not None:
        st.memo_put(name, repr((_fingerprint(st, county.root), parts)), result)
    return result


def _compute(county: County, r: Any, as_of: Any, units, plans, categories, states, sources: bool = True) -> dict:
    from . import status as st
    from .errors import GkError
    from .model import backbone_problem, build
    from .status_view import select, tally, task_dict

    model = build(r)
    if why := backbone_problem(model):  # the county's figures would be wrong: a failed county (out of the 合计, exit 2), as gk report does
        raise GkError(why)
    chosen = None
    unknown = []  # names this county does not know (a name no county knows is a typo: gk status says so)
    if units:  # a county without such a unit has no tasks for it
        from .lists import unit_refs

        chosen = set()
        for u in unit_refs(units, lambda ref: model.resolver.resolve(ref).problem != "unknown"):  # -u 县财政局,县教育局 (as gk status alone)
            res = model.resolver.resolve(u)
            chosen.update(res.units)
            if res.problem == "unknown":
                unknown.append(u)
    chosen_plans, missing = model.find_plans(list(plans or []))
    unknown += missing
    report = st.compute(model, as_of, chosen, chosen_plans if plans else None)  # as gk status in that county
    report.tasks = select(report.tasks, categories=categories, states=states)

    def line(e):
        return r.locate(e.source, e.path)[0]

    tasks = []
    for t in report.tasks:
        d = task_dict(t, line if sources else None)  # source lines cost a libyaml pass per file: JSON only
        d["county"] = county.name
        d["key"] = t.key
        tasks.append(d)
    counts = tally(t.key for t in report.tasks)
    return {
        "county": county.name,
        "root": str(county.root),
        "as_of": report.as_of.isoformat(),
        "reporting_period": str(report.period),
        "period_label": report.period.label,
        "counts": counts,
        "tasks": tasks,
        "not_reported": report.not_reported,
        "errors": len(model.data_errors()),
        "unknown": unknown,
    }


def _settings_bytes(root: Path) -> bytes:
    try:
        return (root / "gk.toml").read_bytes()
    except OSError:
        return b""


def _fingerprint(store: Any, root: Path) -> str:
    return store.fingerprint(_settings_bytes(root))


def _quick_fingerprint(store: Any, root: Path) -> str | None:
    """The repo's fingerprint from stat alone, or None when any file may have changed."""
    from .cache import stat_key
    from .repo import _plain_stat, _scan

    index = store.index()
    if index is None:
        return None
    files = _scan(root)
    if len(files) != len(index):
        return None
    for _kind, rel, entry in files:
        old = index.get(rel)
        if old is None or not old[1]:
            return None
        st = _plain_stat(entry)
        if st is None:
            return None
        if stat_key(st) != old[0]:
            return None
    return store.fingerprint(_settings_bytes(root), {rel: e[2] for rel, e in index.items()})


# --- output -----------------------------------------------------------------------


def rollup_json(results: list[dict]) -> str:
    import json

    from .status_view import by_code

    first = results[0] if results else {}
    doc = {
        "as_of": first.get("as_of"),
        "reporting_period": first.get("reporting_period"),
        "counties": [
            {"county": r["county"], "root": r["root"], "counts": by_code(r["counts"]), "tasks": len(r["tasks"]),
             "not_reported": r["not_reported"], "errors": r["errors"],
             "unknown": r.get("unknown", [])}  # the --unit/--plan names this county lacks: its 0 is not "nothing to do"
            for r in results
        ],
        "tasks": [{k: v for k, v in t.items() if k != "key"} for r in results for t in r["tasks"]],
        "not_reported": [{"county": r["county"], "unit": u} for r in results for u in r["not_reported"]],
    }
    # a county that could not be read is in the list, said so: the figures are not the whole city's
    doc["counties"] += [{"county": c.name, "root": str(c.root), "failed": True, "error": WHY.get(c.root, "")} for c in FAILED]
    return json.dumps(doc, ensure_ascii=False, indent=2)



def rollup_csv(results: list[dict]) -> str:
    import csv
    import io

    from .cells import csv_text as c

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["county", "id", "plan", "category", "title", "status", "reported", "lead", "due", "deadline", "days", "done", "total"])
    for r in results:
        for t in r["tasks"]:
            rep = t.get("reported")
            w.writerow([c(r["county"]), c(t["id"]), t["plan"], c(t["category"] or ""), c(t["title"]), t["status"], "" if rep is None else str(rep).lower(),
                        c(t["lead"] or ""), t["due"] or "", c(t["deadline"] or ""), "" if t["days"] is None else t["days"], t["done"], t["total"]])
    return buf.getvalue()


def rollup_table(results: list[dict], color: bool = False, max_total: int | None = None, with_tasks: bool = False) -> str:
    """Per county: tasks by status (worst first), 未报送 units, data errors; then the sum."""
    from .status import LABELS, ORDER
    from .status_view import COLORS
    from .texttable import Column, Table, paint

    first = results[0] if results else {}
    out = [
        paint(f"政务公开任务状态汇总（{len(results)} 个县（市、区）" + (f"，另有 {len(FAILED)} 个未计入" if FAILED else "") + "）", "bold", color)
        + f"  截至 {first.get('as_of', '')}  报告期 {first.get('period_label', '')}\n"
    ]
    keys = [k for k in ORDER if any(r["counts"].get(k) for r in results)]
    from .texttable import width

    name_w = min(16, max([width("合计"), *(width(r["county"]) for r in results)]))  # names stay whole: headers shrink
    table = Table(
        [Column("县", min_width=name_w, whole=True)]
        + [Column(LABELS[k], justify="right", header_style=f"bold {COLORS[k]}") for k in keys]
        + [Column("任务数", justify="right"), Column("未报送单位", justify="right"), Column("数据错误", justify="right")]
    )
    total: dict[str, int] = {}
    for r in results:
        c = r["counts"]
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
        table.add_row(
            r["county"], *[str(c.get(k, "")) for k in keys], str(len(r["tasks"])), str(len(r["not_reported"]) or ""), str(r["errors"] or ""),
            styles=(None, *[COLORS[k] if c.get(k) else None for k in keys]),
        )
    table.add_row(
        "合计", *[str(total.get(k, "")) for k in keys], str(sum(len(r["tasks"]) for r in results)),
        str(sum(len(r["not_reported"]) for r in results) or ""), str(sum(r["errors"] for r in results) or ""),
        styles=("bold",),
    )
    out.append(table.render(color, max_total))
    if with_tasks:
        # the essentials of a row, as in one county's table: the county, status, id and due date never cut while they fit
        t2 = Table([Column("县", whole=True), Column("状态", min_width=6, whole=True), Column("编号", whole=True),
                    Column("任务", min_width=12, max_width=40 if max_total else None, flexible=True),
                    Column("牵头单位", max_width=20 if max_total else None, drop=2), Column("到期日", min_width=10, whole=True),
                    Column("完成", justify="right", drop=1)])
        rows = [(r["county"], t) for r in results for t in r["tasks"]]
        rank = {k: i for i, k in enumerate(ORDER)}
        rows.sort(key=lambda ct: (rank[ct[1]["key"]], ct[1]["days"] if ct[1]["days"] is not None else 1 << 30, ct[0], ct[1]["id"]))
        for county, t in rows:
            t2.add_row(county, LABELS[t["key"]], t["id"], t["title"], t["lead"] or "（无）", t["due"] or "",
                       f"{t['done']}/{t['total']}", styles=(None, COLORS[t["key"]]))
        out.append(t2.render(color, max_total))
    missed = [(r["county"], sum(1 for t in r["tasks"] if any("missed_previous" in a for a in t["assignments"]))) for r in results]
    missed = [(c, n) for c, n in missed if n]
    if missed:  # as a county's own gk status says it
        out.append("周期任务上一期未完成：" + "、".join(f"{c} {n} 项" for c, n in missed) + "（--format json 列出单位）\n")
    errs = sum(r["errors"] for r in results)
    if errs:
        out.append(f"注意：共有 {errs} 个数据错误，相关记录未计入状态；在各县仓库运行 gk lint 查看。\n")
    return "".join(out)
