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
    "as_of": "日期", "date": "日期", "issued_on": "日期", "ends_on": "日期", "unit": "单位", "plan": "方案", "category": "类别",
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
    """Give Typer's help formatter Chinese section titles, and let it measure and wrap Chinese by
    terminal columns: an option's metavar 单位 is 4 columns wide, not 2 (the help texts line up),
    and a line of 40 Chinese characters is 80 columns, not 40 (click's wrapping counts characters,
    so Chinese help ran far past an 80-column terminal)."""
    from typer._click import formatting

    typer.core._ = _  # type: ignore[attr-defined]
    formatting.term_len = _columns  # type: ignore[attr-defined]
    formatting.wrap_text = wrap_text  # write_text, write_dl and write_usage all wrap through it


def _columns(text: str) -> int:
    """Terminal columns of a help text (click's term_len: its colour codes take none)."""
    from .cells import painted_width

    return painted_width(text)


# Where a line may break: between two Chinese characters (or at a space), not inside a run of ASCII
# (--as-of, data/units/, 2023-10-15, data/progress/<季度>/<单位>.yaml), never before a closing mark (，。）) nor after an opening one
# (（“). Small character classes only: a class of the CJK ranges takes re ~4 ms to compile, more than
# the whole of `gk --help`'s formatting; compiled when help is first wrapped, not on every run.
_OPEN = "（［｛「『“‘《〈【〔"
_CLOSE = "，。、；：？！）］｝」』”’》〉】〕…％·"
_CHUNK = f"\\s+|[{_OPEN}]*(?:(?:<[^<>\\s]+>|[!-~])+|[^\\x00-\\x7f])[{_CLOSE}]*|."  # <季度> in a path: not broken
_WRAPPER: list = []  # the class, made once


def _wrapper(width: int, initial_indent: str = "", subsequent_indent: str = ""):  # type: ignore[no-untyped-def]
    """click's TextWrapper (indent_only, extra_indent), splitting and filling by terminal columns."""
    if not _WRAPPER:
        _WRAPPER.append(_wrapper_class())
    return _WRAPPER[0](width, initial_indent=initial_indent, subsequent_indent=subsequent_indent, replace_whitespace=False)


def _wrapper_class():  # type: ignore[no-untyped-def]
    from typer._click._textwrap import TextWrapper

    from .cells import width as cols

    chunk = re.compile(_CHUNK, re.S)

    class Wrapper(TextWrapper):
        def _split(self, text: str) -> list[str]:  # type: ignore[override]
            return chunk.findall(text)

        def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):  # type: ignore[no-untyped-def]
            space = max(width - cur_len, 1)  # a word wider than a line: as many characters as fit, at least one
            word, n, used = reversed_chunks[-1], 0, 0
            while n < len(word) and (used + cols(word[n]) <= space or n == 0 and not cur_line):
                used += cols(word[n])
                n += 1
            if n:
                cur_line.append(word[:n])
                reversed_chunks[-1] = word[n:]

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:  # textwrap's, with columns for len()
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                cur: list[str] = []
                used = 0
                indent = self.subsequent_indent if lines else self.initial_indent
                room = self.width - cols(indent)
                if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                    del chunks[-1]
                while chunks:
                    n = cols(chunks[-1])
                    if used + n > room:
                        break
                    cur.append(chunks.pop())
                    used += n
                if chunks and cols(chunks[-1]) > room:
                    self._handle_long_word(chunks, cur, used, room)
                    if not chunks[-1]:
                        chunks.pop()
                if self.drop_whitespace and cur and cur[-1].strip() == "":
                    cur.pop()
                if cur:
                    lines.append(indent + "".join(cur))
            return lines

    return Wrapper


def _join(lines: list[str]) -> str:
    """A paragraph's source lines as one: a space between them, as click joins them, except where
    either side is Chinese (“…用法错误。 给出多个…” was the docstring's line break)."""
    from .cells import width

    out = lines[0]
    for line in lines[1:]:
        out += ("" if width(out[-1:]) == 2 or width(line[:1]) == 2 else " ") + line
    return out


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click's formatting.wrap_text (same arguments, the same `\\b` paragraphs left as written),
    measuring terminal columns and breaking Chinese between characters."""
    text = text.expandtabs()
    wrapper = _wrapper(width, initial_indent, subsequent_indent)
    if not preserve_paragraphs:
        return wrapper.fill(text)
    paragraphs: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent = 0
    for line in [*text.splitlines(), ""]:
        if line:
            if not buf:
                indent = _columns(line) - _columns(line.lstrip())
                buf.append(line.lstrip())
            else:  # a `\b` paragraph's lines as written, another's joined
                buf.append(line if buf[0].strip() == "\b" else line.lstrip())
            continue
        if buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((indent, raw, "\n".join(buf[1:]) if raw else _join(buf)))
            buf = []
    out = []
    for indent, raw, para in paragraphs:
        with wrapper.extra_indent(" " * indent):
            out.append(wrapper.indent_only(para) if raw else wrapper.fill(para))
    return "\n\n".join(out)


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

    def format_epilog(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        """A command's epilog is its examples (EXAMPLES in its module): a 示例 section after the options,
        as ruff's and git's help end, one command a line, never rewrapped (a broken command line cannot
        be copied). A line with a `  # ` comment that does not fit has its comment on the next line."""
        if not self.epilog:  # type: ignore[attr-defined]
            return
        import inspect

        with formatter.section("示例"):
            pad = " " * formatter.current_indent
            for line in inspect.cleandoc(self.epilog).splitlines():  # type: ignore[attr-defined]
                command, sep, comment = line.partition("  # ")
                if sep and _columns(pad + line.rstrip()) > formatter.width:
                    formatter.write(f"{pad}{command.rstrip()}\n{pad}  # {comment.strip()}\n")
                else:
                    formatter.write(f"{pad}{line.rstrip()}\n")

    def get_short_help_str(self, limit: int = 45) -> str:
        """The line in the parent's command list: click's counts characters and words (a Chinese
        sentence is one long word: cut anywhere, or wrapped over lines); this one is the help's
        first sentence, or as many of its clauses as fit `limit` columns."""
        import inspect

        text = self.short_help or self.help or ""  # type: ignore[attr-defined]
        first = inspect.cleandoc(text).partition("\f")[0].split("\n\n")[0].strip()
        return short_help(_join(first.splitlines()) if first else "", limit)

    def format_usage(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        pieces = pieces.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        formatter.write_usage(ctx.command_path, pieces, prefix="用法：")


def short_help(sentence: str, limit: int) -> str:
    """`sentence` up to its first 。, without it; when wider than `limit` columns, up to the last
    ：；， that leaves it narrow enough; else cut, with …."""
    from .cells import width

    text = sentence.split("。")[0]
    if width(text) <= limit:
        return text
    cuts = [i for i, c in enumerate(text) if c in "：；，" and width(text[:i]) <= limit]
    if cuts:
        return text[: cuts[-1]]
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            break
        out += c
    return out + "…"


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
