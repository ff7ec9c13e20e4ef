"""Help and usage errors speak Chinese too: Typer's English must not be all a user meets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

COMMANDS = [["status"], ["lint"], ["report"], ["init"], ["import"], ["export"], ["schema"], ["progress", "add"]]


@pytest.mark.parametrize("cmd", [[], *COMMANDS])
def test_help_is_chinese(gk, cmd):
    p = gk(*cmd, "--help")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "用法：" in out and "显示帮助并退出" in out
    for english in ("Usage:", "Show this message", "Options:", "<str>", "<list[str]>", "<int>", "CODES", "PATHS", "FILE", "DIR", "TASK", "REV"):
        assert english not in out, (cmd, english)
    assert "选项：" in out and "选项:" not in out  # a full-width colon after a Chinese heading


@pytest.mark.parametrize("cmd", [[], ["progress"]])
def test_a_command_alone_shows_its_help_not_an_error(gk, tmp_path, cmd):
    """`gk` typed alone is a user's first step: the help as help, not squeezed into one error line."""
    p = gk(*cmd, cwd=tmp_path)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert p.stdout.startswith("用法：") and "\n选项：\n" in p.stdout


def test_help_columns_line_up_with_chinese_metavars(gk):
    """单位 is four columns wide: the help texts after `--unit 单位` and `--by <unit|category>` start together."""
    import unicodedata

    lines = gk("status", "--help").stdout.splitlines()
    starts = set()
    for line in lines:
        for mark in ("只看这些单位", "按单位或类别汇总"):
            if mark in line:
                head = line[: line.index(mark)]
                starts.add(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in head))
    assert len(starts) == 1, lines


@pytest.mark.parametrize("args, words", [
    (["status", "--fo", "x"], "没有这个选项：--fo"),
    (["stat"], "是不是 status"),
    (["status", "-f", "xml"], "--format 的值“xml”无效"),
    (["progress", "add", "--unit"], "选项 --unit 后面需要一个值"),
    (["report", "--year", "abc"], "年份“abc”不对"),  # not pydantic's English
    (["report", "--year", "2024Q1"], "季度报送材料写作 --quarter 2024Q1"),
    (["status", "--by", "county"], "--by 的值“county”无效"),
    (["schema", "units"], "多余的参数：units"),  # click 8.2's "extra argument(s)" was left in English
    (["status", "--as-of"], "选项 --as-of 后面需要一个值"),
    (["status", "-u"], "运行 gk status -h 查看用法"),  # the command's help, though click gave no context
    (["lint", "--no-cache"], "写在命令之前：gk --no-cache lint"),  # gk's own option after the command
    (["progress", "add", "--no-cache"], "写在命令之前：gk --no-cache progress add"),
])
def test_usage_errors_are_one_chinese_line_and_exit_2(gk, tmp_path, args, words):
    import re

    p = gk(*args, cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.startswith("gk: 错误：") and words in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "Error:" not in p.stderr
    assert not re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", p.stderr.splitlines()[0]), p.stderr  # no English sentence left


@pytest.mark.parametrize("args, words", [
    (["status", "--as-of", "0001-01-01"], "超出 gk 支持的范围（1900—2999 年）"),  # a quarter before it is no date
    (["status", "--as-of", ""], "--as-of“”不是有效日期"),  # not today, silently
    (["status", "--as-of", "2023-02-30"], "2023 年 2 月只有 28 天，没有 30 日"),  # not "write it as 2023-10-15"
    (["report", "--quarter", "9999Q4"], "季度 9999Q4 超出 gk 支持的范围"),
    (["progress", "add", "t-01", "--unit", "甲", "--status", "done", "--period", "2023Q5"], "一年只有 Q1—Q4"),
])
def test_out_of_range_and_conflicting_options_are_usage_errors(gk, make_repo, args, words):
    p = gk(*args, cwd=make_repo({}))
    assert p.returncode == 2 and p.stderr.startswith("gk: 错误：") and words in p.stderr, p.stderr


@pytest.mark.parametrize("toml, words", [
    ("due_soon_days = -5\n", "due_soon_days 有误：应为不小于 0 的整数，而不是 -5"),
    ("due_soon_days = 3.5\n", "due_soon_days 有误：应为整数"),
    ("report_window_days = 3000000\n", "report_window_days 有误：应为不大于 366 的整数"),
    ("county = 3\n", "county 有误：应为文字"),
    # the value as gk.toml wrote it, not as Python shows it (True, 'abc')
    ("due_soon_days = true\n", "due_soon_days 有误：应为整数，而不是 true"),
    ('due_soon_days = "abc"\n', 'due_soon_days 有误：应为整数，而不是 "abc"'),
    ('county = [1, "甲"]\n', 'county 有误：应为文字（用双引号括起来），而不是 [1, "甲"]'),
    ('county = "宣"汉"\n', "gk.toml 第 1 行第 13 列不是有效的 TOML"),
    ("workspace = []\n", "workspace 有误：不能是空列表"),  # not "no workspace": the owner repo counted as 0 tasks
    ('county = "宣汉县\\n已逾期 0"\n', "county 含有控制字符、换行、看不见的字符或首尾空格"),  # it forged a line of the status header
    ('county = "甲县\\u200b"\n', "county 含有控制字符、换行、看不见的字符或首尾空格"),  # a look-alike of 甲县 in a roll-up
    ('office = "县政府办\\u2028"\n', "office 含有控制字符、换行、看不见的字符或首尾空格"),
    ('county = "宣汉县\\u00ad"\n', "county 含有控制字符、换行、看不见的字符或首尾空格"),
    ('county = "宣汉县\\u3000"\n', "county 含有控制字符、换行、看不见的字符或首尾空格"),
    ('county = "宣汉县\\U000e0041"\n', "county 含有控制字符、换行、看不见的字符或首尾空格"),
    # a misspelt setting: the ones that may be written there, not "see the README" (users have gk, not its README)
    ('countyy = "宣汉县"\n', "gk.toml 中可写的设置：county、office、due_soon_days"),
    ('[lint]\nignroe = ["GK1"]\n', "[lint] 中可写的设置：select、extend-select、ignore、severity、strict"),
])
def test_bad_settings_are_told_in_chinese(gk, make_repo, toml, words):
    p = gk("status", cwd=make_repo({"gk.toml": toml}))
    assert p.returncode == 2 and words in p.stderr, p.stderr
    assert "Input should" not in p.stderr and "Expected" not in p.stderr


def test_init_writes_a_county_with_quotes_as_valid_toml(gk, tmp_path):
    assert gk("init", "r", "--county", '宣"汉\\县', "--office", "甲: 乙 # 丙", cwd=tmp_path).returncode == 0
    import tomllib

    assert tomllib.loads((tmp_path / "r/gk.toml").read_text(encoding="utf-8"))["county"] == '宣"汉\\县'
    lint = gk("lint", cwd=tmp_path / "r")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    import yaml

    plan = yaml.safe_load((tmp_path / "r/data/tasks/example.yaml").read_text(encoding="utf-8"))["plan"]
    assert plan["issued_by"] == "甲: 乙 # 丙"


@pytest.mark.parametrize("written", ["2023-10-15", "2023年10月15日", "2023.10.15", "2023/10/15", "２０２３年１０月１５日", " 2023 年 10 月 15 日 ",
                                     "二〇二三年十月十五日", "2023年10月15号"])
def test_dates_on_the_command_line_as_people_write_them(written):
    import datetime as dt

    from gkcli.clock import parse_date

    assert parse_date(written) == dt.date(2023, 10, 15)


@pytest.mark.parametrize("bad", ["2023年2月30日", "2023年10月", "十月十五日", "2023-10-15-1"])
def test_what_is_no_date_stays_an_error(bad):
    from gkcli.clock import parse_date
    from gkcli.errors import GkError

    with pytest.raises(GkError):
        parse_date(bad)


@pytest.mark.parametrize("written", ["2023Q3", "2023q3", "2023-Q3", "2023年第三季度", "2023年三季度", "2023年第3季度"])
def test_quarters_on_the_command_line_as_people_write_them(written):
    from gkcli.periods import Quarter

    assert Quarter.from_option(written) == Quarter(2023, 3)



def test_output_that_cannot_be_written_is_an_error_not_success(tmp_path):
    """`gk status > /dev/full`: the table is lost at the last flush; that must not exit 0."""
    import subprocess
    import sys

    script = (
        "import errno, io, sys\n"
        "class Full(io.TextIOWrapper):\n"
        "    def flush(self):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "sys.stdout = Full(io.BytesIO(), encoding='utf-8')\n"
        "sys.argv = ['gk', '--version']\n"
        "from gkcli.cli import main\n"
        "main()\n"
    )
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 2 and "结果未能写出：磁盘空间已满" in p.stderr, (p.returncode, p.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_write_done_before_the_output_failed_is_not_said_undone(make_repo):
    """`gk progress add … > /dev/full` wrote the entry, then said 已有的文件没有被改动: a clerk who
    believed it and ran it again was told the entry exists. Now the message is of the output only."""
    import subprocess
    import sys

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
                      "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n"
                                           "  - {id: t2023-01, title: 公开预算, units: [县财政局], deadline: 2023-12-31}\n"})
    env = {**os.environ, "GK_TODAY": "2023-10-15", "NO_COLOR": "1"}
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "gkcli.cli", "progress", "add", "t2023-01", "-u", "县财政局", "-s", "done", "-n", "已公开"],
                           cwd=root, env=env, stdout=full, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 2 and "结果未能写出" in p.stderr and "没有被改动" not in p.stderr, p.stderr
    assert "t2023-01" in (root / "data/progress/2023Q4/县财政局.yaml").read_text(encoding="utf-8")


def test_a_console_that_cannot_show_a_character_shows_a_mark_not_a_crash(make_repo):
    """A Chinese Windows console is GBK: a bullet copied from Word (•) or gk's own − crashed the output
    halfway (UnicodeEncodeError, exit 3). It is shown as ?, and the command finishes."""
    import subprocess
    import sys

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
                      "data/tasks/t.yaml": "plan: {id: t2023, title: 方案}\ntasks:\n"
                                           "  - {id: t2023-01, title: 公开•预算, units: [县财政局], deadline: 2023-06-30}\n"})
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "NO_COLOR": "1", "GK_TODAY": "2023-10-15"}
    for args in (("status",), ("status", "--format", "json"), ("lint", "--list-rules")):
        p = subprocess.run([sys.executable, "-m", "gkcli.cli", *args], cwd=root, env=env, capture_output=True, timeout=120)
        assert p.returncode == 0 and b"Traceback" not in p.stderr and "内部错误".encode("gbk") not in p.stderr, (args, p.stderr)
    assert "公开?预算".encode("gbk") in subprocess.run([sys.executable, "-m", "gkcli.cli", "status"], cwd=root, env=env,
                                                     capture_output=True, timeout=120).stdout


def test_a_closed_stdout_is_a_failed_write_not_a_traceback(make_repo):
    import subprocess
    import sys

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n"})
    p = subprocess.run(["bash", "-c", f"'{sys.executable}' -m gkcli.cli status >&-"], cwd=root, capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert p.returncode == 2 and "结果未能写出：标准输出已关闭" in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_gk_help_is_help(gk):
    """gk help and gk help <command> are what people try first: they show the help, not 没有这个命令."""
    assert gk("help").stdout == gk("--help").stdout and gk("help").returncode == 0
    assert gk("help", "status").stdout == gk("status", "--help").stdout
    assert gk("help", "progress", "add").stdout == gk("progress", "add", "--help").stdout


def test_a_data_folder_from_gk_data_says_where_it_came_from(gk, tmp_path):
    p = gk("status", cwd=tmp_path, env={"GK_DATA": str(tmp_path / "nope")})
    assert p.returncode == 2 and "（来自环境变量 GK_DATA）" in p.stderr and "GK_DATA" in p.stderr.splitlines()[-1], p.stderr
    p = gk("--data", str(tmp_path / "nope"), "status", cwd=tmp_path)
    assert p.returncode == 2 and "GK_DATA" not in p.stderr


# --- help fits the terminal: Chinese is two columns a character ---------------------------------

HELP_PAGES = [[], ["progress"], *COMMANDS]


@pytest.mark.parametrize("cmd", HELP_PAGES, ids=lambda c: " ".join(c) or "gk")
@pytest.mark.parametrize("columns", [80, 60])
def test_no_help_line_is_wider_than_the_terminal(gk, cmd, columns):
    """click wrapped help by characters: 40 Chinese characters made an 80-column line, so help ran to
    120 columns and more in an 80-column terminal. Now every line fits (display columns)."""
    from gkcli.cells import width

    p = gk(*cmd, "--help", env={"COLUMNS": str(columns)})
    assert p.returncode == 0, p.stderr
    wide = [(width(ln), ln) for ln in p.stdout.splitlines() if width(ln) > columns]
    assert not wide, "\n".join(f"{w}: {ln}" for w, ln in wide)


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_help_is_wrapped_not_cut(gk, cmd):
    """Narrow or wide, a command's help says the same: only the line breaks differ (and no space
    is put between two Chinese lines of a paragraph)."""
    narrow = gk(*cmd, "--help", env={"COLUMNS": "60"}).stdout
    wide = gk(*cmd, "--help", env={"COLUMNS": "200"}).stdout
    assert "".join(narrow.split()) == "".join(wide.split())


def test_a_paragraphs_chinese_lines_join_without_a_space():
    """A docstring's paragraph broken between Chinese lines is one paragraph, without the space click
    puts between its lines (“2 用法错误。 给出多个”); Latin words still get theirs."""
    from gkcli import zh

    text = "退出码：2 用法错误。\n给出多个 --data 时\n逐县检查。\n\nplain words\nwrap with a space"
    assert zh.wrap_text(text, 78, preserve_paragraphs=True) == "退出码：2 用法错误。给出多个 --data 时逐县检查。\n\nplain words wrap with a space"
    raw = "\b\n  gk status\n  gk lint --fix"  # click's \\b: a paragraph kept as written
    assert zh.wrap_text(raw, 10, preserve_paragraphs=True) == "  gk status\n  gk lint --fix"


def test_chinese_breaks_between_characters_never_before_a_closing_mark():
    from gkcli import zh
    from gkcli.cells import width

    text = "检查数据仓库：文件格式、单位名称、任务、进度与标准目录（" + "甲" * 30 + "），见 data/units/ 与 --as-of 2023-10-15。"
    for w in range(12, 50):
        lines = zh.wrap_text(text, w).splitlines()
        assert "".join(lines) == text.replace(" ", "") or " ".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(width(ln) <= w for ln in lines), (w, lines)
        assert not any(ln[:1] in "，。、）：" for ln in lines), (w, lines)
        assert not any(ln[-1:] in "（“" for ln in lines), (w, lines)
        assert all("data/units/" in ln or "data/units/" not in "".join(lines) for ln in lines if "data/" in ln)  # not split
    assert zh.wrap_text("甲" * 10, 8).splitlines() == ["甲" * 4] * 2 + ["甲" * 2]


def test_the_command_list_has_one_line_a_command(gk):
    """gk --help lists each command on one line: its help's first sentence, or the clauses of it that fit."""
    out = gk("--help", env={"COLUMNS": "80"}).stdout
    listed = out.split("命令：\n")[1].split("\n\n")[0].splitlines()
    assert [ln.split()[0] for ln in listed] == ["status", "lint", "report", "init", "import", "export", "schema", "progress"]
    assert "  report    生成季度报告或年度报告" in listed and "  init      新建数据仓库" in listed
    assert "  export    导出工作台账（Excel）：每个任务的每个责任单位一行" in listed


def test_a_locale_that_is_not_utf8_reads_the_repo_all_the_same():
    """Under an ASCII (or GB18030) locale Python reads file names otherwise than as the UTF-8 git
    keeps: every progress file was misfiled (wrong figures, GK102 on sound files). gk runs itself
    again in UTF-8 mode; the figures are those of a UTF-8 run, the arguments read as given."""
    import json
    import subprocess
    import sys

    sample = Path(__file__).parents[1] / "examples" / "sample-xuanhan"
    base = {**os.environ, "NO_COLOR": "1", "GK_TODAY": "2023-10-15"}
    base.pop("PYTHONIOENCODING", None)
    ascii_env = {**base, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}

    def figures(env, *extra):
        p = subprocess.run([sys.executable, "-m", "gkcli.cli", "--data", str(sample), "status", "--format", "json", *extra],
                           env=env, capture_output=True, timeout=120)
        assert p.returncode == 0 and b"Traceback" not in p.stderr, p.stderr
        return [(t["id"], t["status"], t["done"], t["total"]) for t in json.loads(p.stdout.decode("ascii", "replace"))["tasks"]]

    assert figures(ascii_env) == figures(base)
    unit = ["--unit", "县财政局"]  # (its bytes are UTF-8, as a UTF-8 terminal would send them)
    assert figures(ascii_env, *unit) == figures(base, *unit) != figures(base)
    p = subprocess.run([sys.executable, "-m", "gkcli.cli", "--data", str(sample), "lint"], env=ascii_env, capture_output=True, timeout=120)
    assert p.returncode == 0 and b"GK102" not in p.stdout, p.stdout[-300:]


def test_under_a_locale_that_is_not_utf8_a_folder_named_in_it_is_still_found(tmp_path):
    """The UTF-8 run passed every argument on as UTF-8: a folder or file named under the locale (GB18030
    bytes: a download, a folder made in that terminal) was no longer found. A path keeps its bytes, text
    (--unit) is passed as meant; a closed stdout is still said, not a traceback."""
    import shutil
    import subprocess
    import sys

    sample = Path(__file__).parents[1] / "examples" / "sample-xuanhan"
    name = "宣汉数据".encode("gb18030")
    shutil.copytree(sample, tmp_path / os.fsdecode(name))  # (its bytes, as the locale wrote them)
    env = {**os.environ, "NO_COLOR": "1", "GK_TODAY": "2023-10-15", "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env.pop("PYTHONIOENCODING", None)
    cmd = [sys.executable.encode(), b"-m", b"gkcli.cli", b"--data", name, b"status", b"--unit", "县财政局".encode(), b"-f", b"json"]
    p = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert p.returncode == 0 and b"Traceback" not in p.stderr, p.stderr
    assert json.loads(p.stdout.decode("ascii", "replace"))["tasks"], p.stdout[:200]
    out = "报告.md".encode("gb18030")
    p = subprocess.run([*cmd[:5], b"report", b"--quarter", b"2023Q3", b"-o", out], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert p.returncode == 0 and (tmp_path / os.fsdecode(out)).exists(), p.stderr
    assert b".md" in p.stderr and b"Traceback" not in p.stderr  # (an ASCII terminal shows the name as ?; GB18030 as written)
    p = subprocess.run(f"'{sys.executable}' -m gkcli.cli --data {tmp_path}/x status >&-", shell=True, env=env, capture_output=True, timeout=120)
    assert p.returncode == 2 and b"Traceback" not in p.stderr, p.stderr


def test_a_markdown_report_on_a_terminal_of_another_encoding_is_in_its_encoding():
    """gk report to stdout wrote its UTF-8 bytes as they were: under GB18030 (or GBK output) garbled, while
    status and lint came out right."""
    import subprocess
    import sys

    sample = Path(__file__).parents[1] / "examples" / "sample-xuanhan"
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "NO_COLOR": "1", "GK_TODAY": "2023-10-15"}
    args = [sys.executable, "-m", "gkcli.cli", "--data", str(sample), "report", "--quarter", "2023Q3"]
    if hasattr(os, "openpty"):  # a terminal: its own encoding
        main, side = os.openpty()
        p = subprocess.Popen(args, env=env, stdout=side, stderr=subprocess.DEVNULL)
        os.close(side)
        got = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            got += chunk
        os.close(main)
        assert p.wait(120) == 0 and got.decode("gbk").startswith("# 宣汉县2023年第三季度"), got[:80]
    # a file or a pipe (gk report > 报告.md): UTF-8, the bytes -o writes (under LC_ALL=C it was all ?)
    p = subprocess.run(args, env=env, capture_output=True, timeout=120)
    assert p.returncode == 0 and p.stdout.decode("utf-8").startswith("# 宣汉县2023年第三季度"), p.stdout[:80]


@pytest.mark.parametrize("args,where", [(("progress", "add", "--unit"), " progress add -h"),
                                        (("progress", "add", "x", "--date"), " progress add -h"),
                                        (("status", "--bogus"), " status -h"), (("progress", "--bogus"), " progress -h")])
def test_a_usage_error_points_to_the_commands_own_help(gk, tmp_path, args, where):
    """t5 (session 10): `gk progress add --unit` (its value forgotten) pointed to gk progress -h, which lists only `add`."""
    p = gk(*args, cwd=tmp_path)
    assert p.returncode == 2 and f"{where} 查看用法" in p.stderr, p.stderr  # (gk, or python -m gkcli.cli here)


def test_gk_today_is_a_date_not_a_word(monkeypatch):
    """GK_TODAY=今天 asked today() for today (a RecursionError); it is what today is, so only a date."""
    from gkcli.clock import today
    from gkcli.errors import GkError

    monkeypatch.setenv("GK_TODAY", "今天")
    with pytest.raises(GkError, match="GK_TODAY"):
        today()
    monkeypatch.setenv("GK_TODAY", "周五")
    with pytest.raises(GkError, match="GK_TODAY"):
        today()


def test_a_relative_day_in_a_data_file_gets_no_date_guessed_from_today(monkeypatch):
    """上周五 and 今天 are read on the command line only; in a file nothing says when it was written, so the
    hint does not turn them into a day counted from today (lint's answer would change with the date)."""
    from gkcli.repo import _date_hint

    monkeypatch.setenv("GK_TODAY", "2023-09-20")
    for word in ("今天", "上周五", "周五"):
        hint = _date_hint(word)
        assert "2023-09" not in hint.replace("2023-09-05", "") and "年-月-日" in hint, hint
