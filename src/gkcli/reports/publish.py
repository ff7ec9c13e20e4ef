"""Publishers: the output's extension picks one; each renders the same report data.

- `.md`   Markdown, from `<kind>.md.j2`
- `.html` one self-contained printable page, from `<kind>.html.j2` (autoescaped)
- `.docx` Word in 公文 layout (GB/T 9704): `<kind>.docx.j2` renders a small line
  markup (see docx_writer) that is laid out with python-docx

`<kind>` is `quarterly` or `annual`; a data repo's `templates/` overrides any of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import GkError
from . import templating

FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def format_of(path: str | os.PathLike) -> str:
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        shown = ext or "（无扩展名）"
        raise GkError(
            f"不支持的输出格式 {shown}：{path}",
            "输出文件的扩展名决定格式：.md（Markdown）、.html（网页）、.docx（Word 公文格式）",
        )
    return FORMATS[ext]


def render(report: Any, fmt: str, repo_root: Path | None) -> bytes:
    kind = report.meta.kind
    if fmt == "md":
        env = templating.environment(repo_root, autoescape=False)
        return tidy_markdown(templating.render(env, f"{kind}.md.j2", r=report)).encode("utf-8")
    if fmt == "html":
        env = templating.environment(repo_root, autoescape=True)
        return templating.render(env, f"{kind}.html.j2", r=report).encode("utf-8")
    if fmt == "docx":
        from . import docx_writer

        env = templating.environment(repo_root, autoescape=False)
        markup = templating.render(env, f"{kind}.docx.j2", r=report)
        return docx_writer.build(markup, report)
    raise GkError(f"不支持的输出格式 {fmt}")


def tidy_markdown(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    import re

    return re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", text).strip("\n") + "\n"


def write_atomic(path: Path, data: bytes, force: bool = False) -> Path | None:
    """Write through gk's one safe writer (write/atomic.py): never a half-written report, never over
    a file that is there unless `force` (then after a backup beside it, which is returned). A folder
    that is missing is made, as export and lint -o do."""
    from ..errors import os_reason
    from ..write import atomic

    path = path.expanduser()
    try:
        return atomic.write_output(path, data, force, "生成")
    except OSError as e:
        raise GkError(f"无法写入 {path}：{os_reason(e)}", "检查磁盘空间与权限；文件是否正被 Word/WPS 打开？") from None


def refuse_taken(paths: list[Path], force: bool) -> None:
    """Before any work: a report never replaces a file without --force (someone may have edited
    the Word file after gk made it: typed a paragraph, signed it)."""
    from ..write import atomic

    if force:
        return
    for path in paths:
        path = path.expanduser()
        if atomic.taken(path):
            raise GkError(f"{path} 已存在，未覆盖（其中可能有手工修改的内容）", atomic.exists_hint(path))
