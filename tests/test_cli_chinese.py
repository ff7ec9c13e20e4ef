"""Help and usage errors speak Chinese too: Typer's English must not be all a user meets."""

from __future__ import annotations

import pytest

COMMANDS = [["status"], ["lint"], ["report"], ["init"], ["import"], ["export"], ["schema"], ["progress", "add"]]


@pytest.mark.parametrize("cmd", [[], *COMMANDS])
def test_help_is_chinese(gk, cmd):
    p = gk(*cmd, "--help")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "用法：" in out and "显示帮助并退出" in out
    for english in ("Usage:", "Show this message", "Options:", "<str>", "<list[str]>", "<int>"):
        assert english not in out, (cmd, english)


@pytest.mark.parametrize("args, words", [
    (["status", "--fo", "x"], "没有这个选项：--fo"),
    (["stat"], "是不是 status"),
    (["status", "-f", "xml"], "--format 的值“xml”无效"),
    (["progress", "add", "--unit"], "选项 --unit 后面需要一个值"),
    (["report", "--year", "abc"], "--year 的值无效：“abc”不是整数"),  # gkcli/coerce.py, not pydantic's English
    (["status", "--by", "county"], "--by 的值“county”无效"),
])
def test_usage_errors_are_one_chinese_line_and_exit_2(gk, tmp_path, args, words):
    p = gk(*args, cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.startswith("gk: 错误：") and words in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "Error:" not in p.stderr
