"""Options and steps every command shares."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from ..model import Model
    from ..repo import Repo

DataOpt = typer.Option(None, "--data", metavar="目录", help="数据仓库目录（默认：$GK_DATA，或从当前目录向上查找 gk.toml / data/）", show_default=False)
# repeatable: several data repos (a city's or province's counties), see workspace.py
DataOpt_many = typer.Option(None, "--data", metavar="目录", help="数据仓库目录，可多次给出以按县汇总（默认：$GK_DATA，或从当前目录向上查找）", show_default=False)
AsOfOpt = typer.Option(None, "--as-of", help="按哪一天判断状态，如 2023-10-15（默认：今天或 $GK_TODAY）", show_default=False)


def data_dir(ctx: typer.Context, data: Optional[str]) -> Optional[str]:
    """--data given after the command wins over one given before it."""
    if data:
        return data
    obj = ctx.find_root().obj or {}
    return obj.get("data")


def as_of_date(as_of: Optional[str]) -> dt.date:
    from ..clock import parse_date, today

    return parse_date(as_of, "--as-of") if as_of is not None else today()


def load_repo(ctx: typer.Context, data: Optional[str]) -> "Repo":
    from .. import repo as repo_mod

    root = repo_mod.find_root(data_dir(ctx, data))
    return repo_mod.load(root)


def load_model(ctx: typer.Context, data: Optional[str]) -> "Model":
    from ..model import build

    return build(load_repo(ctx, data))
