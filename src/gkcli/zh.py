"""Chinese for the words Typer and its vendored click print: help headings and usage errors.

The users are civil servants: `Usage:`, `Options:` and `No such option` must not be the
only English they meet. Typer takes its section titles through gettext (we hand it a
translating `_`); the help option's text and the usage prefix are set on our own command
classes; usage errors are translated once, in `cli.main`, by `usage_error()`.
"""

from __future__ import annotations

import re

import typer.core

WORDS = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已取消",
    "Missing command.": "缺少命令。",
}
HELP_TEXT = "显示帮助并退出"
# what a value is, by the parameter's Python name, instead of click's <str> / <list[str]>
METAVARS = {
    "as_of": "日期", "date": "日期", "issued_on": "日期", "unit": "单位", "plan": "方案", "category": "类别",
    "state": "状态", "fail_on": "状态", "status": "状态", "quarter": "季度", "period": "季度", "year": "年份",
    "output": "文件", "output_file": "文件", "file": "文件", "data": "目录", "dir": "目录", "note": "说明",
    "evidence": "链接", "county": "县名", "office": "机关", "title": "标题", "issued_by": "单位", "kind": "类别",
    "task": "任务编号", "paths": "路径", "directory": "目录",
}

_ERRORS = [
    (r"^No such option: (\S+)(?:\s+Did you mean (\S+?)\?)?$", lambda m: f"没有这个选项：{m[1]}" + (f"（是不是 {m[2]}？）" if m[2] else "")),
    (r"^No such option: (\S+)\s+\(Possible options: (.*)\)$", lambda m: f"没有这个选项：{m[1]}（可能是：{m[2]}）"),
    (
        r"^No such command '(.+?)'\.(?:\s*Did you mean '(.+)'\?)?$",
        lambda m: f"没有这个命令：{m[1]}" + (f"（是不是 {m[2]}？）" if m[2] else ""),
    ),
    (r"^Missing option '(.+?)'.*$", lambda m: f"缺少选项 {m[1]}"),
    (r"^Missing argument '(.+?)'.*$", lambda m: f"缺少参数 {m[1]}"),
    (r"^Option '(.+?)' requires an argument\.$", lambda m: f"选项 {m[1]} 后面需要一个值"),
    (r"^Option '(.+?)' does not take a value\.$", lambda m: f"选项 {m[1]} 不接受值"),
    (r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$", lambda m: f"多余的参数：{m[1]}"),  # click 8.2 writes argument(s)
    (
        r"^Invalid value for '(.+?)'(?: / '.+?')?: (?:Value error, )?'(.*)' is not one of (.*)\.$",
        lambda m: f"{m[1]} 的值“{m[2]}”无效，可选：{m[3].replace(chr(39), '')}",
    ),
    (r"^Invalid value for '(.+?)'(?: / '.+?')?: (.*)$", lambda m: f"{m[1]} 的值无效：{m[2]}"),
    (r"^Missing command\.$", lambda m: "缺少命令"),
]


def _(message: str) -> str:
    return WORDS.get(message, message)


def install() -> None:
    """Give Typer's help formatter Chinese section titles, and let it measure Chinese
    (an option's metavar 单位 is 4 columns wide, not 2: the help texts lined up)."""
    from typer._click import formatting

    typer.core._ = _  # type: ignore[attr-defined]
    formatting.term_len = _columns  # type: ignore[attr-defined]


def _columns(text: str) -> int:
    """Terminal columns of a help text (click's term_len: its colour codes take none)."""
    from .cells import width

    return width(re.sub(r"\x1b\[[\d;]*m", "", text))


def usage_error(message: str) -> str:
    text = " ".join(message.split())
    for pattern, render in _ERRORS:
        m = re.match(pattern, text)
        if m:
            return render(m)
    return text


class _Help:
    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        params = super().get_params(ctx)  # type: ignore[misc]
        for p in params:
            longs = [o.lstrip("-").replace("-", "_") for o in getattr(p, "opts", ()) if o.startswith("--")]
            word = next((METAVARS[k] for k in (p.name, *longs) if k in METAVARS), None)
            if word is None:
                continue
            if getattr(p, "metavar", None) is None:
                p.metavar = word
            if getattr(p, "param_type_name", "") == "argument":  # not "PATHS <list[str]>": just its name
                p.display_type_rich = lambda ctx: None
        return params

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    def format_help(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        # 选项：, not click's half-width 选项: after a Chinese word
        formatter.write_heading = lambda heading: formatter.write(f"{'':>{formatter.current_indent}}{heading}：\n")
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        pieces = pieces.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        formatter.write_usage(ctx.command_path, pieces, prefix="用法：")


class Group(_Help, typer.core.TyperGroup):
    pass


class Command(_Help, typer.core.TyperCommand):
    pass


def localize(app: typer.Typer) -> None:
    """Give every command and sub-command of `app` the Chinese help classes."""
    for info in app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):
            info.cls = Command
    for group in app.registered_groups:
        if group.cls in (None, typer.core.TyperGroup):
            group.cls = Group
        if group.typer_instance is not None:
            group.typer_instance.info.cls = Group
            localize(group.typer_instance)
