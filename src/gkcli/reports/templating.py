"""The one Jinja environment of gk: sandboxed, data repo's templates/ first.

Templates arrive through pull requests to a data repo, so they are rendered in
Jinja's sandbox: a template sees the report data and gk's filters, nothing of
Python's internals. An attempt to reach them (`''.__class__`, `cycler.__init__`,
`lipsum.__globals__`, `range(10**9)` …) stops the report with a Chinese message
naming the template and line, never a traceback.

Lookup order for a template name such as `quarterly.html.j2`:
1. `<data repo>/templates/quarterly.html.j2` (an override, by name);
2. the built-in template of that name (shipped inside the package);
and `builtin/quarterly.html.j2` always names the built-in one, so an override
can `{% extends "builtin/quarterly.html.j2" %}` and change one block.
"""

from __future__ import annotations

import contextlib
import functools
import datetime as dt
import os
import re
import traceback
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import Markup
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..cells import clip
from ..errors import GkError

BUILTIN_MARK = "quarterly.md.j2"  # a file every copy of the built-in templates has


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or the checkout's top-level templates/."""
    here = Path(__file__).resolve().parent  # …/gkcli/reports
    candidates = [
        here.parent / "_templates",  # an installed wheel (copied there at build time)
        here.parents[2] / "templates",  # a source checkout: src/gkcli/reports → top level
    ]
    for c in candidates:
        if (c / BUILTIN_MARK).is_file():
            return c
    raise GkError(
        "找不到 gk 内置的报告模板",
        "gk 的安装不完整：请重新安装（pip install gkcli），或从源码目录运行",
    )


class _RepoLoader(jinja2.FileSystemLoader):
    """A data repo's templates/: no symlink may lead out of the folder."""

    def __init__(self, root: Path, repo: Path):
        super().__init__(str(root), encoding="utf-8", followlinks=False)
        self.root = root.resolve()
        if root.is_symlink() or not self.root.is_relative_to(repo.resolve()):  # templates/ itself a link out of the repo
            raise GkError("数据仓库的 templates/ 是指向仓库之外的符号链接，已拒绝", "把 templates/ 换成仓库中的普通目录")

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None and not Path(filename).resolve().is_relative_to(self.root):
            raise GkError(f"模板 {template} 是指向 templates/ 之外的符号链接，已拒绝", "把模板文件本身放进数据仓库的 templates/")
        return source, filename, uptodate


MAX_OUTPUT = 64 * 1024 * 1024  # characters: a report is a few hundred KB; a runaway loop stops here
MAX_SECONDS = 30  # a report renders in well under a second; a loop that prints nothing stops here


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox (report data is read-only), refusing unsafe access at once
    (Jinja's default would quietly print nothing)."""

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        raise SecurityError(f"{type(obj).__name__}.{attribute}")

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute.startswith("_"):  # no report field starts with "_": whatever does is an attempt
            raise SecurityError(f"{type(obj).__name__}.{attribute}")
        return super().getattr(obj, attribute)

    # "x" * 2000000000 took 2 GB, 10 ** 10 ** 10 would take the machine: * and ** are checked before they run
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_OUTPUT:
                    raise SecurityError(f"too big: {type(seq).__name__} * {n}")
        if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)) and abs(right) > 64 and abs(left) > 1:
            raise SecurityError(f"too big: {left} ** {right}")
        return super().call_binop(context, operator, left, right)


def environment(repo_root: Path | None, autoescape: bool) -> jinja2.Environment:
    """The sandboxed environment for one output format (HTML escapes, Markdown does not).

    A repo without templates/ gets the one built-in environment of this run, with its
    compiled templates: a roll-up of 180 counties compiles each template once."""
    own = repo_root is not None and (repo_root / "templates").is_dir()
    if not own and autoescape in _BUILTIN_ONLY:
        return _BUILTIN_ONLY[autoescape]
    builtin = jinja2.FileSystemLoader(str(builtin_dir()), encoding="utf-8")
    loaders: list[jinja2.BaseLoader] = []
    if own:
        loaders.append(_RepoLoader(repo_root / "templates", repo_root))  # type: ignore[operator]
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    if not own:
        _BUILTIN_ONLY[autoescape] = env
    return env


_BUILTIN_ONLY: dict[bool, jinja2.Environment] = {}


# --- filters -----------------------------------------------------------------------


def _cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _cn_index(n: int) -> str:
    """A 公文 heading's number in Chinese: 1 → 一, 11 → 十一, 23 → 二十三 (二级标题 （一）)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


_MD_LITERAL = re.compile(r"([\\`*_\[\]<&|~])")


def _md_cell(text: Any) -> str:
    """User text inside a Markdown table cell, shown as written: one line, and every character
    Markdown would read as markup (a pipe ending the cell, `\\|`, `*`, backticks, `<`, `&amp;` …)
    escaped with a backslash (GFM takes `\\|` out before it splits the row); a line break as <br>."""
    lines = (" ".join(line.split()) for line in str(text if text is not None else "").strip().splitlines())
    return "<br>".join(_md_line(line) for line in lines)


def _md_text(text: Any) -> str:
    """A name (the county's, a unit's, the 主送机关) on a Markdown line of its own or in a sentence, shown as
    written: escaped as in a table cell, and a # at its start too (a heading there; `# 假标题` from gk.toml)."""
    out = _md_cell(text)
    return "\\" + out if out.startswith("#") else out


# a bare web address in text: GitHub and GitLab make it a link as written, backslashes and all
# (zfxx\_gs became zfxx%5C_gs), so it keeps its characters; only a pipe is escaped (GFM removes
# that backslash before it splits the row)
_BARE_URL = re.compile(r"https?://[!-;=?-~]+")  # printable ASCII but < and >: a Chinese 。 or 见 after it is text


def _md_line(line: str) -> str:
    out, at = [], 0
    for m in _BARE_URL.finditer(line):
        out.append(_MD_LITERAL.sub(r"\\\1", line[at:m.start()]))
        out.append(m[0].replace("|", "\\|"))
        at = m.end()
    out.append(_MD_LITERAL.sub(r"\\\1", line[at:]))
    return "".join(out)


def _md_link(href: Any) -> str:
    """An http(s) link as a Markdown autolink that may sit in a table cell: an autolink takes no
    backslash escapes, but GFM takes `\\|` out before it splits the row, so only the pipe is escaped."""
    return "<" + str(href).replace("|", "\\|") + ">"


def _md_code(text: Any) -> str:
    """Text in a code span that may sit in a table cell: fenced by more backticks than it holds
    in a row, pipes escaped as for _md_link (a code span takes no other escapes)."""
    s = " ".join(str(text if text is not None else "").split()).replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _clip(text: Any, n: int = 40) -> str:
    return clip(str(text if text is not None else ""), n)


def _days(n: int | None) -> str:
    if n is None:
        return ""
    if n < 0:
        return f"逾期 {-n} 天"
    if n == 0:
        return "今天到期"
    return f"剩 {n} 天"


# A paragraph of the office's own text (overview, 问题, 其他事项), the one text of a report that is
# Markdown by design, written as Markdown or as a 公文 is: "### （一）主动公开" or a short "（一）主动公开"
# line is a level-2 heading (楷体), "#### 1.…" level 3 (below the report's own section headings in
# every format); "- …" and "1. …" items keep their marks; **加粗** is bold and *强调* italic in HTML
# and in Word alike, `代码` monospace in HTML and plain in Word (docs/decisions.md).
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CN_SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)][^。；;，,]{1,30}$")
_RUN_IN = re.compile(r"^(（[一二三四五六七八九十]{1,3}）[\u4e00-\u9fff]{1,12}[。：:])")  # as docx_writer's: a 楷体 run-in heading


def _para(line: str) -> tuple[int, str]:
    """(heading level 2 or 3, or 0 for body text; the text)."""
    line = str(line).strip()
    if m := _HEADING.match(line):
        return (3 if len(m[1]) >= 4 else 2), m[2].strip()
    if _CN_SUB.match(line):
        return 2, line
    return 0, line


def _md_para(line: Any) -> str:
    """The line in the Markdown report: a heading one level below the report's sections (### / ####)."""
    level, text = _para(line)
    if level:
        return ("### " if level == 2 else "#### ") + text
    # a paragraph, as HTML and Word print it: `- 一项`, `1. 一项` and `> 引文` keep their marks as text
    return _BLOCK_START.sub(r"\1\\\2", text, count=1)


_BLOCK_START = re.compile(r"^(\d*)([.)](?=\s)|(?<![\d])[-+*](?=\s)|(?<![\d])>)")  # 1\. 一项 — CommonMark escapes the mark, not the digit


# The Word writer's markup reads some characters as marks (docx_writer: **bold**, <br>, a table's
# pipes, `\` its escape) and some line starts as blocks ("> ", "附件：", "[[pagebreak]]" …). Text
# from the data or gk.toml goes through docx_text: a backslash before each such character and
# before the first one (whatever it is, so the text starts no block wherever it lands); the
# writer takes the backslashes out, and the text is printed exactly as written.
_DOCX_MARKS = re.compile(r"[\\*`<|]")


def _docx_text(text: Any) -> str:
    """Text from the data (a note, a name, a title) in the Word writer's markup, printed as written;
    its line breaks as <br> (a break within the paragraph or the table cell)."""
    lines = str(text if text is not None else "").splitlines()
    s = "<br>".join(_DOCX_MARKS.sub(r"\\\g<0>", line) for line in lines)
    return s if not s or s.startswith("\\") else "\\" + s


def _docx_inline(text: str) -> str:
    """The office's Markdown in the writer's markup, read by the parser the HTML report uses:
    **…** and *…* kept as marks, everything else printed as written."""
    out: list[str] = []
    for tok in _markdown().parseInline(text)[0].children or []:
        if tok.type in ("strong_open", "strong_close"):
            out.append("**")
        elif tok.type in ("em_open", "em_close"):
            out.append("*")
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("<br>")
        elif tok.content:  # text, code, an image's alt text (a link's text comes as text)
            out.append(_docx_text(tok.content))
    return "".join(out)


def _docx_para(line: Any) -> str:
    """The line in the Word writer's markup: a heading, or a paragraph (its （一）…。 run-in heading 楷体)."""
    level, text = _para(line)
    if level:
        return ("### " if level == 2 else "#### ") + _docx_inline(text)
    head = m[1] if (m := _RUN_IN.match(text)) else ""  # Chinese only: no mark, starts no block
    return head + _docx_inline(text[len(head):])


@functools.lru_cache(maxsize=1)
def _markdown() -> Any:
    """One parser for every paragraph of a report (building it is the costly part)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def _html_para(line: Any) -> Markup:
    """The line as an HTML heading or paragraph; **…**, *…* and `…` rendered, any HTML escaped."""
    level, text = _para(line)
    inline = _markdown().renderInline(text)
    return Markup(f"<h{level + 1} class=\"sub\">{inline}</h{level + 1}>" if level else f"<p class=\"lead\">{inline}</p>")


def _html_title(title: Any) -> Markup:
    """A title escaped, with <wbr> where the Word title may break (between words: 第三季度 | 政务公开 | 工作…):
    the page's h1 keeps words whole (word-break: keep-all), so a phone does not break 政|务."""
    from markupsafe import escape

    from .docx_writer import _TITLE_BREAKS

    text = str(title)
    cuts = sorted({m.start() for m in _TITLE_BREAKS.finditer(text) if 0 < m.start() < len(text)})
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return Markup("<wbr>").join(escape(x) for x in parts)


FILTERS = {"html_title": _html_title, "cn_index": _cn_index, "cn_date": _cn_date, "iso": _iso, "md_cell": _md_cell, "md_text": _md_text, "md_link": _md_link, "md_code": _md_code, "clip": _clip, "days": _days, "docx_para": _docx_para, "docx_text": _docx_text, "md_para": _md_para, "html_para": _html_para}


# --- rendering -----------------------------------------------------------------------


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render template `name`; every template problem becomes a GkError naming template and line."""
    try:
        parts: list[str] = []
        size = 0
        with _time_limit(name):
            for chunk in env.get_template(name).generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise GkError(f"模板 {name} 的输出超过 {MAX_OUTPUT // 1024 // 1024} MB，已停止", "检查模板中的循环")
                parts.append(chunk)
        return "".join(parts)
    except _TooLong:
        raise GkError(f"模板 {name} 运行超过 {MAX_SECONDS} 秒，已停止", "检查模板中的循环（如嵌套的 range）") from None
    except MemoryError:
        raise GkError(f"模板 {name} 用尽了内存，已停止", "检查模板中不断变长的字符串或列表") from None
    except SecurityError as e:
        where = _where(e, name)
        what = str(e)
        if what.startswith("too big: "):
            msg = f"模板 {where} 的运算结果过大（{what.removeprefix('too big: ')}），已拒绝"
        elif "." in what and not what.rsplit(".", 1)[1].startswith("_"):
            msg = f"模板 {where} 试图修改报告数据或调用不允许的方法（{what}），已拒绝"
        else:
            msg = f"模板 {where} 试图访问 Python 内部对象（{what}），已拒绝"
        raise GkError(msg, "报告模板在沙箱中渲染，只能读取报告数据、使用 gk 提供的过滤器；请删除该处代码") from None
    except jinja2.TemplateSyntaxError as e:
        raise GkError(
            f"模板 {e.filename and _short(e.filename) or e.name or name} 第 {e.lineno} 行语法错误：{e.message}",
            "检查 {% … %} 与 {{ … }} 是否成对、是否拼错",
        ) from None
    except jinja2.TemplateNotFound as e:
        raise GkError(f"找不到模板 {e.name}", "模板放在数据仓库的 templates/ 中，按内置模板的文件名覆盖") from None
    except jinja2.UndefinedError as e:
        raise GkError(f"模板 {_where(e, name)} 使用了不存在的数据：{e.message}", "字段名见 docs/reports.md 的“模板”一节") from None
    except GkError:
        raise
    except RecursionError:
        raise GkError(f"模板 {name} 递归过深，已停止", "检查模板中的宏与 include 是否互相调用") from None
    except OverflowError as e:  # the sandbox's range() limit (its message is English)
        raise GkError(f"模板 {_where(e, name)} 中的 range 过大，已停止", "沙箱中 range 最多 100000 项") from None
    except Exception as e:  # a template's own mistake (e.g. a filter on the wrong type)
        raise GkError(f"模板 {_where(e, name)} 渲染失败：{type(e).__name__}: {e}", "检查该行的表达式") from None


class _TooLong(BaseException):  # not an Exception: a template's own error handling must not swallow it
    pass


@contextlib.contextmanager
def _time_limit(name: str) -> Iterator[None]:
    """Stop a render after MAX_SECONDS (a SIGALRM timer: Unix, main thread; elsewhere no limit)."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise _TooLong()

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _short(filename: str) -> str:
    p = Path(filename)
    try:
        builtin = builtin_dir()
        if p.resolve().is_relative_to(builtin.resolve()):
            return f"（内置）{p.relative_to(builtin).as_posix()}"
    except (GkError, ValueError, OSError):
        pass
    parts = p.parts
    if "templates" in parts:
        i = len(parts) - 1 - parts[::-1].index("templates")
        return "/".join(parts[i:])
    return p.name


def _where(e: BaseException, name: str) -> str:
    """`templates/x.j2 第 N 行` from the traceback Jinja rewrote to point at template lines."""
    for fs in reversed(traceback.extract_tb(e.__traceback__)):
        fn = fs.filename or ""
        if fn.endswith((".j2", ".jinja", ".html", ".md")) or os.sep + "templates" + os.sep in fn:
            return f"{_short(fn)} 第 {fs.lineno} 行"
    return name
