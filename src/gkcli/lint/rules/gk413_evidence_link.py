"""## 作用
检查进度条目的佐证 `evidence` 每一项是网址（`http://` 或 `https://` 开头）或仓库中文件的路径（如 `evidence/2023Q3/会议纪要.pdf`）：
找出少了 `http(s)://` 的网址（`www.…`、`….gov.cn/…`）、冒号或斜杠写错的网址（`https：//…`、`http//…`），既不是网址
也不是路径的文字（`会议纪要`、`12`），以及仓库中没有的文件路径（从仓库根目录算起；只写文件名的，也可以放在进度文件旁边）。

## 为什么
佐证是给核查的人点开、找到的（`../shared/DESIGN.md`：links or repo-relative paths）。少了 `https://` 的网址在报告中点不开；
`会议纪要` 这样的文字说明不了材料在哪里，应写进 `note`。

## 错误示例
```yaml
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-25
    evidence: [www.xuanhan.gov.cn/zfxxgk/2023/0925.html, 会议纪要]
```

## 正确示例
```yaml
entries:
  - task: xh2023-03
    status: done
    date: 2023-09-25
    note: 已召开会议并形成会议纪要
    evidence: [https://www.xuanhan.gov.cn/zfxxgk/2023/0925.html, evidence/2023Q3/会议纪要.pdf]
```

## 修复
网址从浏览器地址栏复制完整的（以 `http://` 或 `https://` 开头）；仓库中的文件写从仓库根目录起的路径；文字说明写进 `note`。
不能自动修复。
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ...findings import Finding
from .gk504_published_url import _URL  # (one idea of a link: a catalog publication's, GK504)

CODE = "GK413"
NAME = "evidence-link"
SEVERITY = "warning"
SUMMARY = "佐证既不是网址也不是仓库中的文件路径"
FIXABLE = False

_BROKEN_URL = re.compile(r"(?i)(https?)\s*(?:[:：]\s*/{0,2}|/{1,2})\s*(?=\S)")  # https：//…, http//…, https:/…
_BARE_HOST = re.compile(r"(?i)(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|cn|com|org|net)(?:[/:?#]|$))")
# a repo-relative path: evidence/2023Q3/纪要.pdf, 纪要.docx (a file name with a letters extension)
_PATH = re.compile(r"[^/\\]+(?:/[^/\\]+)+|[^/\\]+\.[A-Za-z][A-Za-z0-9]{0,4}")
_ELSEWHERE = re.compile(r"(?i)^(?:[a-z]:[\\/]|\\\\|/|~)")  # C:\Users\…, \\server\…, /home/…: this computer's, not the repo's


def check(ctx) -> Iterator[Finding]:
    for rep in (*ctx.repo.progress, *ctx.repo.partial_progress):
        for e in rep.entries:
            for k, link in enumerate(e.evidence or ()):
                said = said_of(link.strip(), ctx.repo.root, rep.file)
                if said is not None:
                    yield ctx.finding(rep.file, e.path + ("evidence", k), f"佐证“{link}”{said[0]}", said[1])


_TEXT = "网址写完整（以 http:// 或 https:// 开头），仓库中的文件写路径（如 evidence/2023Q3/纪要.pdf）；文字说明写进 note"


def said_of(link: str, root: Path | None = None, rel: str = "") -> tuple[str, str] | None:
    """(what is wrong, the hint) of an evidence item that is no link nor path — or, given the repo's `root`, a
    path to no file there; None for one that is (gk progress add asks too). `rel`: the progress file, whose
    folder a bare file name may be next to."""
    # https://a/1https://a/2, https://a/1、https://a/2: one item, two links (not ?url=https://…, nor an archive's …/https://…)
    if len(re.findall(r"(?i)(?<![=/])https?://", link)) > 1:
        return "中有几个网址", "每项只写一个网址：分成几项，写作 [网址1, 网址2]"
    if _URL.fullmatch(link):
        return None
    if (m := _BROKEN_URL.match(link)) and not link.lower().startswith(("http://", "https://")):
        return "的网址写错了开头", f"写作 {m[1].lower()}://{link[m.end():]}"
    if _BARE_HOST.match(link):
        return "的网址缺少开头的 http(s)://", f"从浏览器地址栏复制完整的网址，如 https://{link}"
    if link.lower().startswith(("http://", "https://")):
        rest = link.split("//", 1)[1]
        if not rest.strip():
            return "的网址不完整", "从浏览器地址栏复制完整的网址"
        return "的网址中有空白", "从浏览器地址栏复制完整的网址（网址中没有空格）"
    if (m := re.search(r"(?i)https?://\S+", link)) is not None:  # 见县政府网站 https://…
        return "中除了网址还有文字", f"只写网址 {m[0]}；文字说明写进 note"
    if _ELSEWHERE.match(link):
        return "是这台电脑上的路径，别人打不开", "把文件放进仓库（如 evidence/2023Q3/纪要.pdf）写仓库中的路径，或写网址"
    if link.startswith("../") or "/../" in link:
        return "指向仓库之外", "把文件放进仓库（如 evidence/2023Q3/纪要.pdf），写从仓库根目录起的路径"
    path = re.split(r"[#?]", link, maxsplit=1)[0] if re.search(r"\.[A-Za-z][A-Za-z0-9]{0,4}[#?]", link) else link  # 纪要.pdf#page=2: 纪要.pdf
    if not _PATH.fullmatch(path):
        return "既不是网址，也不是仓库中文件的路径", _TEXT
    if root is not None:  # checked, as doorstop checks a file reference
        if not _in_repo(root, path, rel):
            if (other := _other_case(root, path)) is not None:  # 纪要.PDF for 纪要.pdf: found on Windows, not on Linux (CI)
                return f"在仓库中找不到：仓库中的是 {other}（大小写不同）", f"写作 {other}（在 Linux 上运行的 CI 与网站区分大小写）"
            return "在仓库中找不到", (f"把文件放进仓库的 {path}（git add 后提交），或改正路径（从仓库根目录写起）；"
                                     "不便放进仓库的材料写网址，说明写进 note")
    return None


def _in_repo(root: Path, link: str, rel: str) -> bool:
    """Is there a file (or folder) at `link` from the repo's root, or beside the progress file `rel`?"""
    here = (root / rel).parent if rel else root
    for base in (root, here):
        try:
            if (base / link).exists():
                return True
        except (OSError, ValueError):  # a name the file system cannot hold (NUL, too long)
            pass
    return False


def _other_case(root: Path, link: str) -> str | None:
    """The repo path that differs from `link` only in letter case (or full-width letters), if one does."""
    import unicodedata

    want = unicodedata.normalize("NFKC", link).casefold().split("/")
    here, found = root, []
    for part in want:
        try:
            match = next((e.name for e in here.iterdir() if unicodedata.normalize("NFKC", e.name).casefold() == part), None)
        except OSError:
            return None
        if match is None:
            return None
        found.append(match)
        here = here / match
    return "/".join(found)
