"""Options and steps every command shares."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable, Optional

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from ..model import Model
    from ..repo import Repo
    from ..units import Resolver

DataOpt = typer.Option(None, "--data", metavar="目录", help="数据仓库目录（默认：$GK_DATA，或从当前目录向上查找 gk.toml / data/）", show_default=False)
# repeatable: several data repos (a city's or province's counties), see workspace.py
DataOpt_many = typer.Option(None, "--data", metavar="目录", help="数据仓库目录，可多次给出以按县汇总（默认：$GK_DATA，或从当前目录向上查找）", show_default=False)
AsOfOpt = typer.Option(None, "--as-of", help="按哪一天判断状态，如 2023-10-15（默认：今天或 $GK_TODAY）", show_default=False)


def data_dir(ctx: typer.Context, data: "Optional[str | list[str]]") -> Optional[str]:
    """The one data repo --data names (before the command or after it): this command works on one
    repo, so several are refused, never silently the last of them."""
    import os

    from .. import workspace
    from ..errors import GkError

    # one repo however it is spelled (x, ./x, /abs/x), before the command or after it
    given = {os.path.realpath(os.path.expanduser(d)): d for d in reversed(workspace.given_data(ctx, data))}
    if len(given) > 1:
        raise GkError("这个命令只用于一个数据仓库，--data 只能给出一个", "多个县汇总只用于 gk status、gk lint 与 gk report")
    return next(iter(given.values()), None)


def as_of_date(as_of: Optional[str]) -> dt.date:
    from ..clock import parse_date, today

    return parse_date(as_of, "--as-of") if as_of is not None else today()


def load_repo(ctx: typer.Context, data: "Optional[str | list[str]]") -> "Repo":
    from .. import repo as repo_mod
    from .. import workspace
    from ..errors import GkError

    root = repo_mod.find_root(data_dir(ctx, data))
    if workspace.members(root):  # a city's folder: an empty 台账 or a write into no county's repo
        raise GkError(f"{root} 的 gk.toml 列出了 workspace（多个县），这个命令只用于一个县的数据仓库",
                      "用 --data 指定其中一个县的仓库；多个县汇总用 gk status、gk lint 与 gk report")
    return repo_mod.load(root)


def load_model(ctx: typer.Context, data: "Optional[str | list[str]]") -> "Model":
    from ..model import build

    return build(load_repo(ctx, data))


def known_unit(resolver: Resolver) -> Callable[[str], bool]:
    """Is a written name some unit's or group's (an ambiguous one too: the resolver says which)?"""
    return lambda ref: resolver.resolve(ref).problem != "unknown"


def units_of(model: Model, values: list[str]) -> set[str]:
    """The concrete units `--unit` names (status, export): each value a name, alias or group, or a
    list of them (`县财政局,县教育局`, `、`, `，`: lists.unit_refs); an unknown one is a GkError with
    the resolver's did-you-mean."""
    from .. import lists

    return model.resolver.require_all(lists.unit_refs(values, known_unit(model.resolver)))


def one_unit(resolver: Resolver, value: str, why: str, require: Callable[[str], object] | None = None) -> str:
    """The one unit or group a single-valued `--unit` names (report, progress add): a pasted list
    of several is a usage error that says `why` only one (after each piece is checked, so that a
    typo among them is said as of a single name: `require`, the resolver's by default)."""
    from .. import lists
    from ..errors import GkError

    refs = lists.unit_refs([value], known_unit(resolver))
    if len(refs) == 1:
        return refs[0]
    for ref in refs:
        (require or resolver.require)(ref)
    raise GkError(f"--unit 只能给出一个单位，“{value}”是 {len(refs)} 个：{'、'.join(refs)}", why)


def warn_data_errors(errors: list, what: str, model: "Model | None" = None) -> None:
    """Data errors don't stop `gk status` or `gk report`, but the user must know the
    figures may be short: the first five, located, and the count (on stderr); a units or
    plan file that could not be read is said first, in words (every figure is off)."""
    if not errors:
        return
    from ..model import errors_caveat, lost_file, units_first

    for f in model.unread_backbone() if model is not None else ():
        which = "任务会显示为“无责任单位”，" if f.path.startswith("data/units/") else ""
        typer.echo(f"注意：{lost_file(f)}。{which}这些结果不可信。", err=True)
    for f in units_first(errors)[:5]:
        typer.echo(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}", err=True)
    more = "（以上为前 5 个）" if len(errors) > 5 else ""
    typer.echo(f"注意：数据中有 {len(errors)} 个错误{more}，相关记录未计入{what}{errors_caveat(errors)}；运行 gk lint 查看全部。", err=True)


def no_tasks(repo: "Repo", listed: bool = False) -> str | None:
    """What to say when no plan gives a task: nothing written yet (import one), or plan files that
    could not be read (not "import one": the clerk has them, lint says what is wrong in them)."""
    if any(p.tasks for p in repo.plans):
        return None
    if broken := plan_files_in_error(repo):
        return f"没有读到任何任务：{broken} 有错误，其中的任务未计入" + ("（见上，改正后即可）" if listed else "（运行 gk lint 查看）")
    return "data/tasks/ 中还没有任务：先用 gk import 导入任务分解表，或照方案文件 tasks: 下注释中的示例填写"


def plan_files_in_error(repo: "Repo") -> str:
    """The plan files with an error (the first three, named), or "": where tasks may have been left out."""
    broken = sorted({f.path for f in repo.findings if f.severity == "error" and f.path.startswith("data/tasks/")})
    return "、".join(broken[:3]) + ("等" if len(broken) > 3 else "")


def fresh_schemas(root: "Path") -> str | None:
    """The editor's schemas (.gk/schema) of an older gk made anew, and the line that says so; None
    when they are this gk's or there are none (docs/editor.md). Nothing is generated otherwise."""
    from .. import cache

    if not cache.schemas_stale(root):
        return None
    from ..write import schema as sc

    return sc.refresh(root)
