"""The command line: parse arguments, call the core, print, choose the exit code.

The only module that turns a GkError into a message and an exit code."""

from __future__ import annotations

import gc
import importlib
import os
import signal
import sys
from typing import Optional


def _interrupted_at_start(signum: int, frame: object) -> None:
    raise SystemExit(130)  # no traceback of half-imported modules; main() restores Ctrl-C as usual


# Ctrl-C while the modules below load (≈ 0.05 s) printed a traceback of importlib
signal.signal(signal.SIGINT, _interrupted_at_start)

import typer  # noqa: E402

from . import __version__, coerce, zh  # noqa: E402
from .commands import NAMES  # noqa: E402

zh.install()
coerce.install()
app = typer.Typer(
    name="gk",
    cls=zh.Group,
    help="gk（公开）：县级政务公开任务台账、进度与合规检查。\n\n数据是 git 仓库中的 YAML 文件：data/units 单位，data/tasks 方案与任务，data/progress 季度进度，data/catalog 标准目录。",
    epilog="""
gk status                            # 按今天判断，最紧要的在前
gk lint                              # 检查数据
gk report --quarter 2023Q3 -o 报告.docx
gk help status                       # 一个命令的帮助与示例
""",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Optional[list[str]] = typer.Option(None, "--data", metavar="目录", help="数据仓库目录（默认：$GK_DATA，或从当前目录向上查找）；status、lint、report 可给出多个，按县汇总", show_default=False),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本并退出"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不读也不写 .gk/cache 缓存（同 GK_NO_CACHE=1）"),
) -> None:
    ctx.obj = {"data": data}
    if no_cache:
        from . import cache

        cache.OFF = True


def _modules(args: list[str]) -> list[str]:
    """The command modules to build: the one the command line names (building every
    command's options costs ~6 ms of each run, as long as parsing them), or all of them
    when it names none (help, no command, a typo: click then lists or suggests them)."""
    i = 0
    while i < len(args):
        if args[i] == "--data":  # the one root option that takes a value
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            module = {n.rstrip("_"): n for n in NAMES}.get(args[i])
            return [module] if module else NAMES
    return NAMES


_GLOBAL_OPTIONS = ("--no-cache",)  # gk's own option a user may write after the command (--data is every command's too)


def _usage_path(ctx: Optional[typer.Context]) -> str:
    """The command whose -h helps: `gk progress add` for `gk progress add --unit` (click may raise it in the
    group's context, whose help lists only the sub-command)."""
    if ctx is None:  # (an error click raised without one: ask the command tree)
        path = _command_path(sys.argv[1:])
        try:
            group = typer.main.get_command(app).commands.get(path.split()[-1]) if path != "gk" else None
        except Exception:
            group = None
        subs, name = getattr(group, "commands", None), path.split()[-1]
    else:
        subs, name, path = getattr(ctx.command, "commands", None), ctx.command.name, ctx.command_path
    if subs:
        args = sys.argv[1:]
        after = args[args.index(name) + 1:] if name in args else args
        sub = next((a for a in after if not a.startswith("-")), None)
        if sub in subs:
            return f"{path} {sub}"
    return path


def _command_path(args: list[str]) -> str:
    """`gk status` for an error click raised without its context (`gk status -u`)."""
    names = _modules(args)
    return f"gk {names[0].rstrip('_')}" if len(names) == 1 else "gk"


for _name in _modules(sys.argv[1:]):
    importlib.import_module(f".commands.{_name}", __package__).register(app)
zh.localize(app)  # Chinese help headings for every command and sub-command


def main() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # KeyboardInterrupt again: _run says 130 quietly
    _utf8_names()
    if sys.argv[1:2] == ["help"]:  # gk help, gk help status: what people try first
        sys.argv = [sys.argv[0], *sys.argv[2:], "--help"]
    closed = _console()
    code = _run()
    if closed:
        if sys.stdout.getvalue():  # type: ignore[attr-defined]
            typer.echo("gk: 错误：结果未能写出：标准输出已关闭", err=True)
            code = code or 2
        sys.exit(code)
    try:  # what is still buffered: a full disk (> /dev/full) must not pass for success
        sys.stdout.flush()
    except OSError as e:
        if not isinstance(e, BrokenPipeError):  # (a reader that closed the pipe, `| head`: no error)
            from .errors import os_reason

            typer.echo(f"gk: 错误：结果未能写出：{os_reason(e)}", err=True)
            code = code or 2
        try:  # nothing more to write to that stdout at exit
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
    sys.exit(code)


def _utf8_names() -> None:
    """Run again in Python's UTF-8 mode when the locale is not UTF-8 (a GB18030 or ASCII one). A data
    repo's file names are UTF-8 (git keeps the bytes it was given); read under GB18030 they are other
    names, and every progress file was misfiled: wrong figures, and GK102 on sound files. What gk prints
    stays in the terminal's own encoding (PYTHONIOENCODING); the arguments go on as meant (_rerun_arg)."""
    if os.name != "posix" or sys.flags.utf8_mode:  # (the run again is in UTF-8 mode: it never runs a third time)
        return
    if sys.getfilesystemencoding().lower().replace("-", "").replace("_", "") == "utf8":
        return
    env = dict(os.environ)
    if "PYTHONIOENCODING" not in env and getattr(sys.stdout, "encoding", None):
        env["PYTHONIOENCODING"] = f"{sys.stdout.encoding}:replace"
    # python -m gkcli.cli, python -m gkcli, or the gk script
    run = ["-m", "gkcli.cli"] if sys.argv[0].endswith(("cli.py", "-m")) else ["-m", "gkcli"] if sys.argv[0].endswith("__main__.py") else [sys.argv[0]]
    args = [os.fsencode(a) for a in [sys.executable, "-X", "utf8", *run]] + [_rerun_arg(a) for a in sys.argv[1:]]
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        os.execve(sys.executable, args, env)
    except (OSError, ValueError):  # no way to run again: go on as before
        pass


def _rerun_arg(arg: str) -> bytes:
    """An argument as the UTF-8 run is to read it: a path (one that exists, or one written as a path:
    a / in it, a file's extension) keeps the bytes the locale gave it, so that a file or folder named
    under GB18030 (a download, a folder made in that terminal) is still found or made as named; any
    other text (--unit 县财政局, a note) is passed on as UTF-8, as the user meant it."""
    import re

    key, eq, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
    if (os.path.lexists(value) or "/" in value or re.search(r"\.[A-Za-z0-9]{1,5}$", value)) and not value.startswith("-"):
        return os.fsencode(key + eq) + os.fsencode(value) if eq else os.fsencode(value)
    return arg.encode("utf-8", "surrogateescape")


def _shown_anyway(e: UnicodeError) -> tuple[str | bytes, int]:
    """A console's error handler: a character it cannot show is ?, but a file name's bytes the UTF-8 run
    could not decode (a name made under GB18030: lone surrogates) go out as they were, as the terminal
    that made them shows them."""
    if not isinstance(e, UnicodeEncodeError):
        raise e
    bad = e.object[e.start:e.end]
    if all("\udc80" <= c <= "\udcff" for c in bad):
        return bytes(ord(c) - 0xDC00 for c in bad), e.end
    return "?" * len(bad), e.end


def _console() -> bool:
    """A console that cannot show every character (GBK on a Chinese Windows, an ASCII locale) shows
    them as ?, never a crash halfway through the output; a closed stdout (gk status >&-) takes
    what is written (said at exit, as a failed write). True when stdout was closed."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and getattr(stream, "errors", None) in ("strict", "surrogateescape", "replace", "backslashreplace") and \
                (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "") != "utf8":
            try:
                import codecs

                codecs.register_error("gk", _shown_anyway)
                stream.reconfigure(errors="gk")  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError, LookupError):
                pass
    if sys.stdout is None:
        import io

        sys.stdout = io.StringIO()
        return True
    return False


def _at_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _run() -> int:
    """The command's exit code; every error said on stderr."""
    from . import cache
    from .errors import GkError

    cache.SAVE_AT_EXIT = True  # one write at exit, with every node the command located
    # A command is one short run that makes ~10^5 objects and few cycles: the cyclic
    # collector would only rescan them, again and again (≈0.1 s of a county's status).
    gc.disable()
    try:
        rv = app(standalone_mode=False, prog_name="gk")  # returns a typer.Exit's code instead of raising it (gk, also as python -m gkcli)
        return rv if isinstance(rv, int) else 0
    except GkError as e:
        typer.echo(f"gk: 错误：{e.message}", err=True)
        if e.hint:
            typer.echo(f"  提示：{e.hint}", err=True)
        return 2
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:  # Ctrl-C or Ctrl-D at a prompt: the cursor is still on the prompt's line
        typer.echo(("\n" if _at_terminal() else "") + "已取消", err=True)
        return 130
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # the machine's refusal (disk full, no permission), not gk's bug: exit 2 as a GkError
        from .errors import os_reason

        why = os_reason(e)
        if e.filename:
            typer.echo(f"gk: 错误：{why}：{e.filename}", err=True)
            typer.echo("  提示：检查磁盘空间、文件与目录的写权限；该文件没有被改动（gk 写文件要么完整写入、要么不写）", err=True)
        else:  # printing what was done (gk progress add > /dev/full): the files written stay written, whole
            typer.echo(f"gk: 错误：结果未能写出：{why}", err=True)
            typer.echo("  提示：检查输出的去处（重定向的文件、磁盘空间）；命令中已完成的写入是完整的，可用 git status 查看", err=True)
        return 2
    except Exception as e:  # click's usage errors (typer vendors click) and gk's own bugs
        ctx = getattr(e, "ctx", None)
        if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:  # `gk`, `gk progress`: the help, as help
            typer.echo(ctx.get_help())
            return 0
        if hasattr(e, "format_message") and hasattr(e, "exit_code"):
            typer.echo(f"gk: 错误：{zh.usage_error(e.format_message())}", err=True)
            opt = getattr(e, "option_name", None)
            if opt in _GLOBAL_OPTIONS and ctx is not None and ctx.parent is not None:  # gk lint --no-cache
                own = ctx.command_path.removeprefix(ctx.find_root().command_path).strip()  # not how gk itself was called
                typer.echo(f"  提示：{opt} 是 gk 本身的选项，写在命令之前：gk {opt} {own} …", err=True)
            else:
                typer.echo(f"  提示：运行 {_usage_path(ctx)} -h 查看用法", err=True)
            return e.exit_code
        if os.environ.get("GK_DEBUG"):
            raise
        typer.echo(f"gk: 内部错误：{type(e).__name__}: {e}", err=True)
        typer.echo("  提示：这是 gk 的缺陷，不是数据的问题；请附上命令与数据报告给维护者（设置 GK_DEBUG=1 可看到详情）", err=True)
        return 3


if __name__ == "__main__":
    main()
