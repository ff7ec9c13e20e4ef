"""gk schema: JSON Schema of every data file kind, for editors (the YAML language server)."""

from __future__ import annotations

from typing import Optional

import typer


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk schema                            # 一个 schema，适用于每一类数据文件
gk schema --kind progress            # 一类输出到屏幕
gk schema -o .gk/schema              # 按类写出全部，供编辑器使用
gk schema --list                     # 列出可生成的各类 schema
"""

def schema(
    ctx: typer.Context,
    out: Optional[str] = typer.Option(None, "--output", "-o", metavar="目录", help="把每类文件的 schema 写入此目录（如 .gk/schema）", show_default=False),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="只输出这一类：units tasks progress catalog annual", show_default=False),
    listing: bool = typer.Option(False, "--list", "-l", help="列出可生成的各类 schema 及其适用的文件"),
    data: Optional[list[str]] = typer.Option(None, "--data", metavar="目录", help="数据仓库目录：-o 给出相对路径时写到该仓库中（如 -o .gk/schema）；schema 本身与仓库无关", show_default=False),
) -> None:
    """生成 JSON Schema（draft 2020-12），供编辑器补全与校验 YAML。

    不带参数时输出一个适用于每一类数据文件的 schema；--kind 只输出一类；-o 目录 按类写出全部
    （编辑器用这些，按文件位置对应）；--list 列出各类。给出 --data 时，-o 的相对路径相对于该数据仓库。
    编辑器设置见 docs/editor.md。
    """
    from pathlib import Path

    from .. import repo as repo_mod
    from ..errors import GkError
    from ..write import atomic
    from ..write import schema as sc
    from .common import data_dir

    # --data (before the command or after it, as every command's): the schemas are the same for every
    # repo, so it only places a relative -o inside that repo; it must name one (a typo is no silent cwd)
    given = data_dir(ctx, data)
    root = repo_mod.find_root(given) if given is not None else None

    kinds = sc.kinds()
    if kind is not None and kind not in kinds:
        raise GkError(f"没有“{kind}”这类文件", "可用：" + " ".join(kinds))
    if listing:
        if out is not None or kind is not None:
            raise GkError("--list 只列出各类 schema，不能与 -o、--kind 同用", "去掉 --list 输出或写出 schema")
        typer.echo("可生成的 JSON Schema（用 -o 目录 写出，或 --kind 类别 输出一个）：")
        for k, (_, files, title) in kinds.items():
            typer.echo(f"  {sc.filename(k):<24} {title}，适用于 {files}")
        return
    if out is None:
        typer.echo(sc.dumps(sc.generate(kind) if kind is not None else sc.combined()), nl=False)
        if kind is None and _on_terminal():  # a person at the prompt: what else there is
            typer.echo("提示：编辑器请用按类写出的 schema（gk schema -o .gk/schema）；gk schema --list 列出各类", err=True)
        return
    folder = Path(out).expanduser()
    if root is not None and not folder.is_absolute():
        folder = root / folder
    if folder.exists() and not folder.is_dir():
        raise GkError(f"{out} 不是目录", "-o 后面写一个目录，如 .gk/schema")
    names = [kind] if kind else list(kinds)
    written = []
    for k in names:  # every file first, then what was done: a closed pipe (| head -1) must not stop the writing
        path = folder / sc.filename(k)
        atomic.replace(path, sc.dumps(sc.generate(k)).encode("utf-8"))
        written.append(path)
    for path in written:
        typer.echo(f"已写入 {path}")


def _on_terminal() -> bool:
    import sys

    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def register(app: typer.Typer) -> None:
    app.command("schema", epilog=EXAMPLES)(schema)
