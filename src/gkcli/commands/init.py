"""gk init: create a new data repo."""

from __future__ import annotations

from typing import Optional

import typer


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk init 县数据 --county 宣汉县
gk init . --county 宣汉县 --office 宣汉县人民政府办公室
"""

def init(
    ctx: typer.Context,
    directory: Optional[str] = typer.Argument(None, metavar="目录", help="新数据仓库的目录（默认：--data 给出的目录，或当前目录；不存在则创建）", show_default=False),
    county: Optional[str] = typer.Option(None, "--county", help="县（市、区）名称，如 宣汉县", show_default=False),
    office: Optional[str] = typer.Option(None, "--office", help="发文机关（默认：<县名>人民政府办公室）", show_default=False),
    data: Optional[list[str]] = typer.Option(None, "--data", metavar="目录", help="同“目录”参数：在这里新建数据仓库", show_default=False),
) -> None:
    """新建数据仓库：gk.toml、单位与方案文件骨架、pre-commit 与 CI 配置、.gitignore，并运行 git init。

    不会覆盖已有文件：目录中已有这些文件时什么也不做。
    """
    import os
    from pathlib import Path

    from ..errors import GkError
    from ..settings import name_problem
    from ..write.init import init as do_init
    from .common import data_dir

    # --data (before the command or after it, as every command's) names the repo to create, as the argument
    # does; never ignored (gk --data 县数据 init made the repo in the current folder)
    given = data_dir(ctx, data)
    if directory is not None and given is not None and os.path.realpath(os.path.expanduser(directory)) != os.path.realpath(os.path.expanduser(given)):
        raise GkError(f"目录参数“{directory}”与 --data {given} 不是同一个目录", "只写其中一个：gk init 目录，或 gk --data 目录 init")
    root = Path(directory if directory is not None else given if given is not None else ".").expanduser()

    for opt, value in (("--county", county), ("--office", office)):
        if value and name_problem(value):  # every later command would refuse the gk.toml it wrote
            raise GkError(f"{opt} 含有控制字符、换行、看不见的字符或首尾空格", "只写名称本身，如 --county 宣汉县")
    written, git_note = do_init(root, county, office)
    typer.echo(f"已创建数据仓库 {root.resolve()}：")
    for rel in written:
        typer.echo(f"  {rel}")
    typer.echo("  .gk/schema/（编辑器用的 JSON Schema，已被 .gitignore 忽略）")
    typer.echo(f"  {git_note}")
    typer.echo("下一步：")
    typer.echo("  1. gk import 任务分解表.docx --plan 方案编号 --add-units")
    typer.echo("     （从 Word/Excel 表格导入任务；表中的责任单位写进 data/units/待核对.yaml，核对其类别；")
    typer.echo("      没有表格、每个条目末尾写明〔责任单位：…〕的实施方案或工作要点也可以导入，没写时限的加 --deadline）")
    typer.echo("     或先在 data/units/units.yaml 中列出责任单位，再导入")
    typer.echo("  2. gk lint                                      （检查），然后 git add . && git commit -m \"初始化数据仓库\"")


def register(app: typer.Typer) -> None:
    app.command("init", epilog=EXAMPLES)(init)
