"""Output formats of `gk lint`, chosen by name: text, json, github, junit.

Each formatter is a pure function of the findings (and where they are shown
from) returning a string; the command prints it. The rule listings
(`--list-rules`, `--explain`, docs/rules.md) are here too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterable

from ..findings import Finding, shown
from .registry import Rule

FINDING_FORMATS = ("text", "json", "github", "junit")
RULE_FORMATS = ("text", "json", "markdown")


class Where:
    """How paths are shown: relative to the working directory, like ruff (editors and CI
    annotations resolve them from there); JSON keeps DESIGN's repo-relative path."""

    def __init__(self, root: Path, cwd: Path | None = None):
        self.root = Path(root).resolve()
        self.cwd = (cwd or Path.cwd()).resolve()

    def show(self, path: str) -> str:
        if not path:
            return path
        try:
            rel = os.path.relpath(self.root / path, self.cwd)
        except ValueError:  # another drive (Windows)
            return str(self.root / path)
        return rel.replace(os.sep, "/")


# --- text ------------------------------------------------------------------------

_RESET = "\x1b[0m"
_STYLE = {"path": "\x1b[1m", "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "hint": "\x1b[36m", "ok": "\x1b[1;32m"}


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "未发现问题"
    e = sum(f.severity == "error" for f in findings)
    w = len(findings) - e
    return f"发现 {len(findings)} 个问题（{e} 个错误，{w} 个警告）"


def text(findings: list[Finding], where: Where, color: bool = False, notes: Iterable[str] = (), checked: bool = True) -> str:
    """The findings as ruff writes them, the notes, and the summary (`checked`=False: the paths given
    held no data file, so no "未发现问题")."""
    def c(style: str, s: str) -> str:
        return f"{_STYLE[style]}{s}{_RESET}" if color else s

    out = []
    for f in findings:
        sev = "" if f.severity == "error" else " " + c("warning", "[警告]")
        code = c(f.severity, f.code)
        out.append(f"{c('path', where.show(f.path))}:{f.line}:{f.col}: {code}{sev} {shown(f.message)}")
        if f.hint:
            out.append("  " + c("hint", "提示：" + shown(f.hint)))
    if findings:
        out.append("")
    out.extend(notes)
    s = summary(findings) if checked or findings else "没有检查任何数据文件"
    out.append(c("ok", s) if not findings and checked else s)
    return "\n".join(out) + "\n"


# --- json ------------------------------------------------------------------------


def statistics(findings: list[Finding], as_json: bool = False) -> str:
    """Findings counted by rule, most first (ruff's --statistics): `12  GK202  [错误]  未知单位`,
    or as JSON `[{"code", "count", "severity", "summary"}]`."""
    from .registry import find

    counts: dict[str, list[Finding]] = {}
    for f in findings:
        counts.setdefault(f.code, []).append(f)
    rows = [{"code": code, "count": len(fs), "severity": "error" if any(f.severity == "error" for f in fs) else "warning",
             "summary": rule.summary if (rule := find(code)) else GK000_SUMMARY if code == "GK000" else ""}
            for code, fs in sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return "未发现问题\n"
    wide = len(str(rows[0]["count"]))  # the most first
    out = [f"{r['count']:>{wide}}  {r['code']}  [{'错误' if r['severity'] == 'error' else '警告'}]  {r['summary']}".rstrip() for r in rows]
    return "\n".join(out) + "\n" + summary(findings) + "\n"


def to_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


# --- github ------------------------------------------------------------------------


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], where: Where) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for f in findings:
        body = shown(f.message) + (f"\n提示：{shown(f.hint)}" if f.hint else "")
        props = f"file={_gh_prop(where.show(f.path))},line={f.line},col={f.col},title={_gh_prop(f.code)}"
        out.append(f"::{f.severity} {props}::{_gh_data(body)}")
    return "\n".join(out) + ("\n" if out else "")


# --- gitlab -----------------------------------------------------------------------

CAUSED_NOTE = "（此文件未改动：是本次改动引起的）"  # said after a problem a change made in a file it did not touch


def gitlab(findings: list[Finding], where: Where) -> str:
    """A GitLab Code Quality report (as ruff's --output-format gitlab): the merge request
    shows each problem on its line. The fingerprint is stable across runs (file, code,
    message; not the line, which moves with edits above it)."""
    import hashlib

    items = []
    seen: dict[str, int] = {}
    for f in findings:
        path = where.show(f.path)
        message = f.message.removesuffix(CAUSED_NOTE)  # the same problem, whether or not a change caused it
        key = hashlib.md5(f"{path}\0{f.code}\0{message}".encode(), usedforsecurity=False).hexdigest()
        seen[key] = seen.get(key, 0) + 1  # the same problem twice in a file: two distinct items
        items.append({
            "description": f"{f.code} {shown(f.message)}" + (f"（提示：{shown(f.hint)}）" if f.hint else ""),
            "check_name": f.code,
            "fingerprint": key if seen[key] == 1 else hashlib.md5(f"{key}{seen[key]}".encode(), usedforsecurity=False).hexdigest(),
            "severity": "major" if f.severity == "error" else "minor",
            "location": {"path": path, "lines": {"begin": f.line}},
        })
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# --- junit ------------------------------------------------------------------------


def junit(findings: list[Finding], where: Where, files: Iterable[str] = ()) -> str:
    """JUnit XML as GitLab, Jenkins and Azure read it: a testsuite per file, a failing
    testcase per error (warnings are passing testcases that carry their text), and
    one passing testcase for a clean file."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Finding]] = {p: [] for p in files}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    errors = sum(f.severity == "error" for f in findings)
    root = ET.Element("testsuites", name="gk lint", tests="0", failures=str(errors), errors="0")
    total = 0
    for path in sorted(by_file):
        name = shown(where.show(path))
        fs = by_file[path]
        cases = fs or [None]
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(len(cases)),
                              failures=str(sum(f.severity == "error" for f in fs)), errors="0", skipped="0")
        for f in cases:
            total += 1
            if f is None:
                ET.SubElement(suite, "testcase", name="gk lint", classname=name, file=name)
                continue
            case = ET.SubElement(suite, "testcase", name=f"{f.code} 第{f.line}行第{f.col}列",
                                 classname=name, file=name, line=str(f.line))
            message = shown(f.message)  # also: XML cannot hold control characters at all
            body = f"{name}:{f.line}:{f.col}: {f.code} {message}" + (f"\n提示：{shown(f.hint)}" if f.hint else "")
            if f.severity == "error":
                fail = ET.SubElement(case, "failure", message=message, type=f.code)
                fail.text = body
            else:
                out = ET.SubElement(case, "system-out")
                out.text = "警告：" + body
    root.set("tests", str(total))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATTERS: dict[str, Callable[..., str]] = {"text": text, "json": to_json, "github": github, "gitlab": gitlab, "junit": junit}


def auto(env: dict | None = None) -> str:
    env = os.environ if env is None else env
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


# --- rules --------------------------------------------------------------------------


def rule_flags(r: Rule) -> str:
    parts = [r.severity_label, "默认启用" if r.default else "需选用（--select / --extend-select）"]
    if r.fixable:
        parts.append("可自动修复" + (f"（选用后 --fix，或 --fix {r.fix_opt_in}）" if r.fix_opt_in else "（--fix）"))
    else:
        parts.append("不能自动修复")
    return "；".join(parts)


from ..cells import width as width_of  # noqa: E402


def rules_text(rules: list[Rule], width: int | None = None) -> str:
    """The rules, one a line; with `width` (the terminal's columns), a summary too long for it goes on in
    lines indented under it, as the help pages wrap (measured in display columns: a Chinese character is two)."""
    from ..zh import wrap_text

    out = []
    w = max((len(r.name) for r in rules), default=10)
    for r in rules:
        marks = ("  [可修复]" if r.fixable else "") + ("" if r.default else "  [需选用]")
        head = f"{r.code}  {r.name.ljust(w)}  {r.severity_label}  "
        line = f"{head}{r.summary}{marks}"
        if width is None or width_of(line) <= width:
            out.append(line)
            continue
        hang = width - width_of(head) >= 20
        indent = " " * (width_of(head) if hang else 7)
        lines = wrap_text(r.summary, width, head if hang else indent, indent).split("\n")
        if not hang:
            lines.insert(0, head.rstrip())
        for mark in marks.split():  # a mark ([可修复]) is not broken: on the last line, or the next
            if width_of(lines[-1]) + 2 + width_of(mark) <= width:
                lines[-1] += "  " + mark
            else:
                lines.append(indent + mark)
        out += lines
    tail = [f"共 {len(rules)} 条规则。gk lint --explain 代码 查看某条规则的说明与示例。",
            # GK000 is in the output of a check, so it is named here; it is no rule to select (not in the JSON list)
            f"另有 GK000（{GK000_SUMMARY}）：gk 本身无法完成检查时给出，不是数据的规则，不能选用或关掉（gk lint --explain GK000）。"]
    out.append("")
    out += [wrap_text(t, width) if width is not None and width_of(t) > width else t for t in tail]
    return "\n".join(out) + "\n"


def rules_json(rules: list[Rule]) -> str:
    return json.dumps(
        [
            {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary,
             "default": r.default, "fixable": r.fixable, "doc": r.doc}
            for r in rules
        ],
        ensure_ascii=False, indent=2,
    ) + "\n"


# GK000 is no rule of the data: gk itself says it (a county it could not check, a rule that failed)
GK000_WHAT = ("gk 本身无法完成检查时给出的错误——多个县一起检查时某个县的数据仓库无法检查（gk.toml 写错、列出的目录是空的，"
              "如未初始化的 git 子模块），或某条规则运行出错（gk 的缺陷）。消息中写明原因，标在 gk.toml 出错的那一行；其余各县照常检查，有县无法检查时命令以退出码 2 结束（加 --exit-zero 也是），规则出错时为 1。"
              "本仓库的 gk.toml 读不了时，报告（github、gitlab、junit、json）中也是一条标在出错那一行的 GK000，命令以退出码 2 结束。")
GK000_SUMMARY = "无法检查"
GK000_FIX = "按消息中的原因修正 gk.toml，或初始化该目录（git submodule update --init）；规则运行出错时请报告给维护者。"


def explain_gk000(as_json: bool = False) -> str:
    if as_json:  # the shape of a --list-rules --format json entry
        return json.dumps({"code": "GK000", "name": "", "severity": "error", "summary": GK000_SUMMARY, "default": True,
                           "fixable": False, "doc": f"{GK000_WHAT}\n\n修复：{GK000_FIX}"}, ensure_ascii=False, indent=2) + "\n"
    return f"GK000 {GK000_SUMMARY}（错误；不能关掉）\n\n{GK000_WHAT}\n\n修复：{GK000_FIX}\n"


def explain(r: Rule, as_json: bool = False) -> str:
    if as_json:  # one entry of --list-rules --format json
        return json.dumps(json.loads(rules_json([r]))[0], ensure_ascii=False, indent=2) + "\n"
    return f"{r.code}（{r.name}）{r.summary}\n{rule_flags(r)}\n\n{r.doc}\n"


def explain_markdown(r: Rule | None) -> str:
    """What --explain shows on a terminal (rendered by rich, commands/lint.py): the same words as
    `explain` (None: GK000's), as one Markdown document. A line break inside a paragraph of
    Chinese joins without a space (Markdown would make it one: “published、 以及”)."""
    if r is None:
        return f"# GK000 {GK000_SUMMARY}\n\n错误；不能关掉\n\n{GK000_WHAT}\n\n修复：{GK000_FIX}\n"
    return f"# {r.code}（{r.name}）{r.summary}\n\n{rule_flags(r)}\n\n{_joined(r.doc)}\n"


def _joined(doc: str) -> str:
    """Markdown `doc` with the lines of each paragraph joined (outside code blocks): without a space
    where either side is a wide (CJK) character, with one otherwise."""
    import re
    import unicodedata

    block = re.compile(r"\s*(```|#|[-*+] |\d+[.)] |\||>)")  # a line that starts a block of its own
    out: list[str] = []
    fenced = False
    for line in doc.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        prev = out[-1] if out else ""
        plain = not fenced and not block.match(line) and line.strip()
        if plain and prev.strip() and not re.match(r"\s*(```|#|\|)", prev) and not prev.endswith("  "):
            wide = lambda c: unicodedata.east_asian_width(c) in "WF"  # noqa: E731
            out[-1] = prev + ("" if wide(prev[-1]) or wide(line.lstrip()[0]) else " ") + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def rules_markdown(rules: list[Rule]) -> str:
    out = [
        "# gk lint 规则",
        "",
        "<!-- 本文件由 `gk lint --list-rules --format markdown > docs/rules.md` 生成，请勿手工编辑；"
        "改规则模块（src/gkcli/lint/rules/）后重新生成。 -->",
        "",
        "每条规则有固定的代码、一行中文说明、级别（错误 / 警告）和下面的说明。"
        "`gk lint --explain GK202` 在终端里显示同样的内容。错误使 `gk lint` 以退出码 1 结束；"
        "警告只提示，加 `--strict` 时也算错误。标为“需选用”的规则默认不运行，"
        "用 `--select` / `--extend-select` 选用。",
        "",
        f"另有 **GK000**（无法检查），不是数据的规则：{GK000_WHAT}不能关掉（`gk lint --explain GK000`）。",
        "",
        "| 代码 | 名称 | 级别 | 默认 | 自动修复 | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        fix = ("是" + (f"（`{r.fix_opt_in}`）" if r.fix_opt_in else "")) if r.fixable else ""
        out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity_label} | {'是' if r.default else '需选用'} | {fix} | {r.summary} |")
    for r in rules:
        out += ["", f"## {r.code}", "", f"`{r.name}` · {rule_flags(r)}", "", f"**{r.summary}**", ""]
        for line in r.doc.splitlines():
            out.append("#" + line if line.startswith("## ") else line)
    return "\n".join(out) + "\n"


RULE_FORMATTERS: dict[str, Callable[[list[Rule]], str]] = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}
