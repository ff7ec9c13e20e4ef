"""The loader on good and malformed input: never an exception, always a located finding."""

from __future__ import annotations

import datetime as dt

import pytest

from gkcli import repo, yamlio

UNITS = "data/units/u.yaml"
GOOD_UNITS = """
units:
  - {name: 县财政局, kind: department}
"""


def load(make_repo, files):
    root = make_repo({UNITS: GOOD_UNITS, **files})
    return repo.load(root)


def codes(r):
    return [(f.path, f.line, f.code) for f in r.findings]


def test_good_files_load_into_records(make_repo):
    r = load(make_repo, {
        "data/tasks/t.yaml": """
            plan: {id: t2023, title: 方案, issued_on: 2023-03-01}
            tasks:
              - id: t2023-01
                title: 任务
                units: [县财政局]
                deadline: 2023-06-30
            """,
        "data/progress/2023Q3/县财政局.yaml": """
            unit: 县财政局
            period: 2023Q3
            submitted_on: 2023-10-08
            entries:
              - {task: t2023-01, status: done, date: 2023-09-12, note: 010}
            """,
    })
    assert r.findings == []
    assert r.plans[0].plan.issued_on == dt.date(2023, 3, 1)
    t = r.plans[0].tasks[0]
    assert t.deadline == "2023-06-30" and t.file == "data/tasks/t.yaml" and t.path == ("tasks", 0)
    e = r.progress[0].entries[0]
    assert e.date == dt.date(2023, 9, 12) and e.note == "010"  # text stays text


@pytest.mark.parametrize(
    "content, code, line",
    [
        ("tasks:\n  - id: x: y\n", "GK101", 2),
        ("plan: {id: t, title: x}\ntasks:\n\t- id: t-01\n", "GK101", 3),
        ("plan: {id: t, title: x}\nplan: {id: u, title: y}\n", "GK103", 2),
        ("plan: {id: t, title: x, colour: red}\n", "GK104", 1),
        ("plan: {id: t, title: x}\ntasks:\n  - id: t-01\n    titel: 任务\n", "GK104", 4),
        ("plan: {id: t, title: x}\ntasks:\n  - id: t-01\n    title: [a]\n", "GK105", 4),
        ("plan: {id: t}\n", "GK105", 1),
        ("plan: {id: t, title: x, issued_on: 2023-02-30}\n", "GK105", 1),
        ("plan: &p {id: t, title: x}\nextra: *p\n", "GK106", 2),
        ("plan: !!python/object:os.system {id: t}\n", "GK108", 1),
        ("- just\n- a list\n", "GK105", 1),
    ],
)
def test_malformed_task_files_are_located_findings(make_repo, content, code, line):
    r = load(make_repo, {"data/tasks/bad.yaml": content})
    assert ("data/tasks/bad.yaml", line, code) in codes(r), codes(r)


def test_gbk_file_is_named_as_such(make_repo):
    r = load(make_repo, {"data/tasks/gbk.yaml": "plan: {id: t, title: 方案}\n".encode("gbk")})
    [f] = r.findings
    assert f.code == "GK102" and "GBK" in f.message and "UTF-8" in f.hint


@pytest.mark.parametrize("raw, said, hint", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG 图片", "删除该文件"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Word/Excel", "gk import"),
    ("unit: 县财政局\n".encode("utf-16"), "UTF-16", "不要选 Unicode"),
    ("unit: 县财政局\n".encode("utf-32"), "UTF-32", "另存为"),
    ("unit: 县财政局\n".encode("gbk"), "GBK", "另存为"),
])
def test_a_file_that_is_no_utf8_text_is_named_for_what_it_is(make_repo, raw, said, hint):
    """An image or a Word file named .yaml is not told to run iconv from GB18030 (nor is a UTF-16 one)."""
    r = load(make_repo, {"data/tasks/x.yaml": raw})
    [f] = r.findings
    assert f.code == "GK102" and said in f.message and hint in f.hint, (f.message, f.hint)
    assert "iconv" not in f.hint or said == "GBK"


def test_bom_crlf_and_no_final_newline_are_normal(make_repo):
    text = "\ufeffplan: {id: t2023, title: 方案}\r\ntasks:\r\n  - {id: t2023-01, title: 任务, units: [县财政局], deadline: 长期}"
    r = load(make_repo, {"data/tasks/t.yaml": text.encode("utf-8")})
    assert r.findings == [] and r.plans[0].tasks[0].deadline == "长期"


def test_billion_laughs_is_refused_quickly(make_repo):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join('*' + p for _ in range(9))}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    r = load(make_repo, {"data/tasks/bomb.yaml": bomb})
    assert [f.code for f in r.findings] == ["GK106"]


def test_one_bad_record_does_not_spoil_its_siblings(make_repo):
    r = load(make_repo, {UNITS: """
        units:
          - {name: 县财政局, kind: department}
          - {name: 县审计局, kind: ministry}
          - {name: 县司法局}
        """})
    # 县审计局 stays, its wrong kind left at the default (repo.salvage): one mistake, one finding
    assert [(u.name, u.kind) for u in r.units] == [("县财政局", "department"), ("县审计局", "other"), ("县司法局", "other")]
    [f] = r.findings
    assert (f.line, f.code) == (3, "GK105") and "department" in f.hint


def test_empty_file(make_repo):
    r = load(make_repo, {"data/tasks/empty.yaml": ""})
    assert codes(r) == [("data/tasks/empty.yaml", 1, "GK105")]


def test_fast_and_exact_paths_agree_on_values_and_places():
    text = "a: 1\nb: '2'\nc: 2023-10-08\nd:\n  - x\n  - {y: true, z: null}\ne: |\n  line\nf:\n"
    fast, _ = yamlio.read(text.encode())
    exact, _ = yamlio._exact(text)
    assert fast.data == exact.data == {
        "a": "1", "b": "2", "c": "2023-10-08", "d": ["x", {"y": True, "z": None}], "e": "line\n", "f": None,
    }
    for path in [("a",), ("d", 1, "y"), ("e",), ("d", 0)]:
        assert fast.locate(path) == exact.locate(path)


def test_find_root_walks_up(make_repo, tmp_path, monkeypatch):
    root = make_repo({UNITS: GOOD_UNITS})
    deep = root / "data" / "units"
    assert repo.find_root(cwd=deep) == root
    monkeypatch.setenv("GK_DATA", str(root))
    assert repo.find_root(cwd=tmp_path) == root.resolve()


def test_lines_are_counted_as_editors_count_them_after_a_lone_cr(tmp_path):
    """libyaml (YAML 1.1) also breaks lines at a CR alone; editors and GitHub count line feeds
    only, so a finding after one must not drift down a line."""
    from gkcli import yamlio

    text = 'a: "第一段\r第二段"\nb: [1,\n  2]\nc: !!python/object x\n'
    doc, problems = yamlio.read(text.encode())
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK108", 4, 4)], problems


def test_a_file_of_cr_line_ends_only_is_located_by_its_lines(tmp_path):
    """An old Mac file (CR only, no line feed at all) is lines to every editor: every finding was at line 1."""
    from gkcli import yamlio

    text = "a: 1\rb: 2\rc: !!python/object x\r"
    doc, problems = yamlio.read(text.encode())
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK108", 3, 4)], problems


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_a_unicode_line_separator_is_gk101_wherever_it_is(sep):
    """libyaml breaks a line there and editors show none: `note: 已完成<LS>status: done` hid a key
    from reviewers (lint passed and status counted it done). In quotes too: never needed."""
    from gkcli import yamlio

    for text in (f"unit: 县财政局\nentries:\n  - task: t\n    note: 已完成{sep}    status: done\n", f'a: "第一段{sep}第二段"\n'):
        doc, problems = yamlio.read(text.encode())
        assert doc is None and [p.code for p in problems] == ["GK101"] and f"U+{ord(sep):04X}" in problems[0].message


def test_a_bad_progress_header_does_not_hide_its_entries_mistakes(make_repo):
    """Every mistake of a hand-written file at once, each with the value to write instead."""
    r = load(make_repo, {"data/progress/2024Q3/县财政局.yaml": (
        "unit: 县财政局\nperiod: 2024年第三季度\nsubmitted_on: 2024年10月5日\nentries:\n"
        "  - task: t-01\n    status: 完成\n    date: 2024-9-12\n  - task: t-02\n    status: finished\n    date: 2024-09-31\n")})
    got = sorted((f.line, f.hint) for f in r.findings)
    assert got == [
        (2, "写作 2024Q3"), (3, "写作 2024-10-05（年-月-日，月日补零）"), (6, "写作 done，只写英文，done 即“已完成”"),
        (7, "写作 2024-09-12（年-月-日，月日补零）"),
        (9, "写作 done，只写英文，done 即“已完成”"),
        (10, "2024 年 9 月只有 30 天，没有 31 日，改为实际存在的日期"),
    ]
    # the header plainly means 2024Q3 (its folder's) and 2024-10-05: the file counts as filed; its entries do not
    assert [(p.period, str(p.header.submitted_on), p.entries) for p in r.progress] == [("2024Q3", "2024-10-05", [])]


def test_a_day_the_calendar_lacks_is_said_so_not_its_format():
    """2023-09-31 is written the right way: the hint says the month is short, not how to write dates."""
    from gkcli.clock import no_such_day

    assert no_such_day("2023-09-31") == "2023 年 9 月只有 30 天，没有 31 日"
    assert no_such_day("2024-02-29") is None and no_such_day("2023-02-29") == "2023 年 2 月只有 28 天，没有 29 日"
    assert no_such_day("2023-13-01") == "一年只有 12 个月，没有 13 月"
    assert no_such_day("2023年2月30日") == "2023 年 2 月只有 28 天，没有 30 日" and no_such_day("明天") is None


def test_a_file_over_the_limit_is_not_given_a_false_size():
    """Only the limit plus one byte is ever read: the message says "over the limit", never the
    limit itself as the file's size (3 MB was shown as 2048 KB, 上限 2048 KB)."""
    from gkcli import yamlio

    doc, problems = yamlio.read(b"x" * (yamlio.MAX_BYTES + 1))
    assert doc is None and [(p.code, p.message) for p in problems] == [("GK107", "文件过大（超过上限 2048 KB），未读取")]


@pytest.mark.parametrize("char", ["\x08", "\x0c", "\x7f", "\x9b", "\ufffe", "\x1b"])
def test_a_raw_control_character_is_gk101_where_it_is(char):
    """YAML does not allow them raw; rapidyaml took them (and they reached terminals): libyaml's
    verdict, at the character."""
    from gkcli import yamlio

    text = "unit: 县财政局\nperiod: 2023Q4\nentries:\n  - task: a\n    status: done\n    date: 2023-12-12\n    note: ok" + char + "x\n"
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK101", 7, 13)]
    assert f"U+{ord(char):04X}" in problems[0].message


@pytest.mark.parametrize("text, words", [
    ("note: !重要\n", "特殊记号"),
    ('task: "x\\ud800"\n', "\\u 转义写错了"),
    ("a: &\n", "后面缺少名称"),
    ("%FOO\n---\na: 1\n", "未知的 YAML 指令"),
    ("unit: a\nnote: 第一段\u2028第二段\nb: 1\n", "看不见的 Unicode 换行符 U+2028"),
    ("note: |0\n  x\n", "缩进数字不能是 0"),
    ("note: &a x\nevidence: &a [y]\n", "锚点"),
    ("note: !<tag:x abc\n", "缺少“>”"),
])
def test_syntax_errors_are_chinese(text, words):
    """libyaml's English never reaches a user; a raw line separator is named where it is."""
    import re

    from gkcli import yamlio

    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and problems and words in problems[0].message, problems
    assert not re.search(r"[a-z]+ [a-z]+ [a-z]+", problems[0].message), problems[0].message


@pytest.mark.parametrize("text, words, line, col", [
    ("unit：县司法局\nperiod: 2024Q1\nentries: []\n", "全角冒号“：”", 1, 5),  # libyaml: 2:7 此处不能出现“键: 值”
    ("unit: 县司法局\nperiod：2024Q1\n\n# 注释\nentries: []\n", "全角冒号“：”", 2, 7),
    ("unit: 县司法局\nperiod:2024Q1\nentries: []\n", "冒号后缺少空格", 2, 7),  # libyaml: 3:1 缺少冒号
    ("unit: 县司法局\nentries:\n  - task: a\n    status:\u3000done\n    date: 2024-01-10\n", "冒号后是全角空格", 4, 12),  # the full-width space itself
    ("unit: 县司法局\nentries:\n  - task: a\n    status:\u00a0done\n    date: 2024-01-10\n", "冒号后是不间断空格", 4, 12),
    ("unit: 县司法局\nentries:\n  - task: a\n\u3000\u3000status: done\n    date: 2024-01-10\n", "行首用了全角空格", 4, 1),
    ("unit: 县司法局\nentries:\n\t- task: a\n", "行首有制表符 Tab", 3, 1),  # libyaml: 不能作为开头的字符（如 @ 或 `
    ("unit: 县司法局\nentries:\n  -\ttask: a\n    status: done\n", "“-”后面是制表符 Tab", 3, 4),  # t2 (session 10): said 如 @ 或 `
    ("unit: 县司法局\nperiod: 2024Q1\nentries: [\n", "方括号“[”没有闭合", 3, 10),  # libyaml: 4:1 缺少内容
    ("units: [县财政局, 县民政局\n", "方括号“[”没有闭合", 1, 8),
    ("\ufeffplan: {id: t, title: x\r\n", "花括号“{”没有闭合", 1, 7),
])
def test_a_chinese_keyboards_slips_are_named_where_they_are(text, words, line, col):
    """A full-width colon or space, no space after the colon, a Tab, a bracket left open at the
    end: said as such on their own line, not as libyaml's generic error on the next one."""
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK101", line, col)], problems
    assert words in problems[0].message, problems[0].message


def test_a_full_width_colon_in_a_value_is_no_slip():
    """Text may hold “：”; only a key followed by one is the slip (here the error is the Tab)."""
    doc, problems = yamlio.read("note: 情况：已公开\nentries:\n\t- a\n".encode("utf-8"))
    assert [(p.line, p.col) for p in problems] == [(3, 1)] and "Tab" in problems[0].message


def test_a_nest_past_libyamls_own_limit_is_placed_where_gks_limit_is_passed():
    """libyaml stops at its 1000th level (column 1003 of the line): the finding is where the
    nest passes gk's 32 levels, as for a shallower nest that libyaml reads."""
    deep, shallow = "a: " + "[" * 2000 + "]" * 2000 + "\n", "a: " + "[" * 40 + "]" * 40 + "\n"
    places = [[(p.code, p.line, p.col) for p in yamlio.read(t.encode())[1]] for t in (deep, shallow)]
    assert places[0] == places[1] == [("GK107", 1, 3 + yamlio.MAX_DEPTH + 1)], places


def test_a_carriage_return_raw_is_a_line_break_and_escaped_is_named():
    """What was going on with note: "a\\rb": a raw CR inside the quotes is a line break (folded,
    read as usual); the escape \\r writes a control character into the value, refused as every
    escaped control is (decisions.md), and now said by name with what to write instead."""
    doc, problems = yamlio.read('unit: a\nnote: "a\rb"\n'.encode("utf-8"))
    assert problems == [] and doc.data["note"] == "a b"
    doc, problems = yamlio.read(b'unit: a\nnote: "a\\rb"\n')
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK101", 2, 7)]
    assert "\\r（回车）" in problems[0].message and "\\n" in problems[0].hint, problems


@pytest.mark.parametrize("text, line, said", [
    # a URL item before a mis-indented line: the indent is the fault, not "https:" (no space after a colon)
    ("unit: 县财政局\nperiod: 2023Q4\nentries:\n  - task: t-1\n    evidence:\n      - https://www.xuanhan.gov.cn/a\n   date: 2023-10-05\n", 7, None),
    # a note's paragraph indent (全角空格) is text, not the indentation
    ("unit: 县财政局\nentries:\n  - task: t-1\n    note: |\n      \u3000\u3000本季度完成\n   date: 2023-10-05\n", 6, None),
    # 网址：… in a value is text, not a key's full-width colon
    ("unit: 县财政局\nentries:\n  - task: t-1\n    evidence:\n      - 网址：http://x\n   date: 2023-10-05\n", 6, None),
    ("unit：县财政局\nperiod: 2024Q1\n", 1, "全角冒号"),
    ("unit: 县财政局\nperiod:2024Q1\nsubmitted_on: 2024-04-01\n", 2, "冒号后缺少空格"),
])
def test_a_typing_slip_is_named_only_where_it_is(text, line, said):
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and problems[0].code == "GK101"
    if said is None:
        assert not any(w in problems[0].message for w in ("全角", "冒号后", "制表符")), problems[0]
    else:
        assert said in problems[0].message and problems[0].line == line, problems[0]


def test_a_slip_in_an_annual_file_is_named_too():
    doc, problems = yamlio.read("year：2023\nbody: 青山县人民政府\n".encode("utf-8"))
    assert "全角冒号" in problems[0].message and problems[0].line == 1, problems[0]


@pytest.mark.parametrize("text", [
    "unit: 县财政局\nentries:\n  - task: t\n    note: |2  县财政局已于9月底全部完成\n      补充说明\n",
    "tasks:\n  - |2task: x\n",
    "a:\n  - |-2 x\n",
    "...\nunit: 县财政局\n",
])
def test_what_libyaml_refuses_is_not_read_by_the_fast_path(text):
    """A block scalar's header with text after it: rapidyaml read the file and dropped that
    line (lint passed, status showed half the note, progress add then refused the file)."""
    from gkcli import yamlio

    doc, problems = yamlio.read(text.encode())
    assert doc is None and problems and problems[0].code == "GK101", (doc and doc.data, problems)


@pytest.mark.parametrize("text", ["note: |\n  块\n", "note: >-  # 说明\n  块\n", "a: |2\n   块\n", "a: -> b\n"])
def test_block_scalars_as_written_still_read(text):
    from gkcli import yamlio

    doc, problems = yamlio.read(text.encode())
    assert doc is not None and not problems


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF", "\\x07"])
def test_an_escaped_character_no_xml_holds_is_gk101(escape):
    """`note: "前\\uFFFE后"` passed lint and then stopped `gk export` (and Word) with an internal error."""
    from gkcli import yamlio

    doc, problems = yamlio.read(f'note: "前{escape}后"\n'.encode())
    assert doc is None and [(p.code, p.line) for p in problems] == [("GK101", 1)], problems
    assert escape.lower().replace("\\x07", "\\a") in problems[0].message.lower()


def test_a_date_with_a_time_of_day_says_to_write_the_date_alone(make_repo):
    """A spreadsheet's export pastes 2023-09-25 00:00:00: refused (GK105), with the date to write."""
    r = load(make_repo, {"data/progress/2023Q3/县财政局.yaml": (
        "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-05T00:00:00+08:00\nentries:\n"
        "  - {task: t-01, status: done, date: 2023-09-25 00:00:00}\n")})
    assert sorted((f.line, f.code, f.hint) for f in r.findings) == [
        (3, "GK105", "只写日期，不写时刻：2023-10-05"), (5, "GK105", "只写日期，不写时刻：2023-09-25")]


def test_the_hint_after_an_odd_space_holds_no_odd_space():
    """Case 100: `status:\u00a0done` told `写作 status: \u00a0done`, and a clerk copied the NBSP back in."""
    doc, problems = yamlio.read("unit: 县司法局\nentries:\n  - task: a\n    status:\u00a0done\n".encode("utf-8"))
    assert problems[0].hint == "写作 status: done"


@pytest.mark.parametrize("text, words, hint, line, col", [
    # case 34: a key one space further in than the one above
    ("unit: 县财政局\nentries:\n  - task: a\n    status: done\n     date: 2023-09-25\n",
     "date 的缩进（5 个空格）与上一行的 status（4 个空格）不一致", "与上一行对齐：date 前面用 4 个空格", 5, 5),
    # case 101: NBSP indentation pasted from a web page
    ("unit: 县财政局\nentries:\n  - task: a\n\u00a0\u00a0\u00a0\u00a0status: done\n    date: 2023-09-25\n",
     "行首是不间断空格", "删去行首的空白，重新用键盘上的空格键缩进，与上一行对齐", 4, 1),
    # case 20: a note beginning with “- ”
    ("unit: 县财政局\nentries:\n  - task: a\n    note: - 已公开\n", "note 的值以“- ”开头", "把整个值用半角单引号括起来：note: '- 已公开'；或去掉开头的“- ”", 4, 11),
    # case 111: Chinese quotes around a value holding “: ”
    ("unit: 县财政局\nentries:\n  - task: a\n    note: “具体: 情况”\n", "中文引号“”不是 YAML 的引号", "把整个值用半角单引号括起来：note: '“具体: 情况”'", 4, 11),
])
def test_syntax_errors_clerks_make_are_named(text, words, hint, line, col):
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and [(p.line, p.col) for p in problems] == [(line, col)], problems
    assert words in problems[0].message and problems[0].hint == hint, problems[0]


def test_a_windows_path_in_double_quotes():
    """Case 41: evidence: ["D:\\政务公开\\惠企.docx"] — the backslash is an escape in double quotes."""
    doc, problems = yamlio.read('evidence: ["D:\\政务公开\\惠企.docx"]\n'.encode("utf-8"))
    assert "单引号" in problems[0].hint and "/" in problems[0].hint


CONFLICT_BLOCK = ("plan: {id: t, title: 方案}\ntasks:\n  - id: t-01\n    title: 任务\n<<<<<<< HEAD\n    units: [县财政局]\n"
                  "=======\n    units: [县人社局]\n>>>>>>> feature\n    deadline: 长期\n")
CONFLICT_FLOW = ("plan: {id: t, title: 方案}\ntasks:\n  - id: t-01\n    title: 任务\n    units: [\n      县财政局,\n"
                 "<<<<<<< HEAD\n      县教育局,\n||||||| merged common ancestors\n=======\n      县人社局,\n>>>>>>> feature\n    ]\n")


@pytest.mark.parametrize("text,line", [(CONFLICT_BLOCK, 5), (CONFLICT_FLOW, 7), (CONFLICT_BLOCK.replace("\n", "\r\n"), 5),
                                       ("a: 1\n<<<<<<<\nb: 2\n=======\nb: 3\n>>>>>>>\n", 2)])
def test_merge_conflict_markers_are_said_as_such_at_the_first_marker(text, line):
    """Markers a merge left (as pre-commit's check-merge-conflict finds them) were a GK101 syntax error on
    the line after <<<<<<< with a hint about quoting, and inside a multi-line flow list were read as unit
    names. They are said as a conflict, at the <<<<<<< line, and the file is not read as data."""
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is None and [(p.code, p.line, p.col) for p in problems] == [("GK101", line, 1)], problems
    assert problems[0].message == "文件中有未解决的合并冲突标记（<<<<<<<）" and "删去" in problems[0].hint


def test_a_conflict_half_resolved_names_the_marker_that_is_there():
    """Only ======= and >>>>>>> left (the <<<<<<< line deleted): the message named <<<<<<<, not in the file."""
    doc, problems = yamlio.read("a: 1\n=======\nb: 3\n>>>>>>> x\n".encode("utf-8"))
    assert doc is None and [(p.line, p.message) for p in problems] == [(2, "文件中有未解决的合并冲突标记（=======）")]


def test_lines_like_markers_are_not_conflicts():
    """A YAML merge key, a heading of equals signs inside a value, markers not at a line's start: data as usual."""
    for text in ("base: &b {x: 1}\nc:\n  <<: *b\n", "note: |\n  =======\n  标题\n", "note: 'a <<<<<<< b'\n"):
        _, problems = yamlio.read(text.encode("utf-8"))
        assert not [p for p in problems if "合并冲突" in p.message], (text, problems)


_U = "units:\n  - name: 县财政局\n    kind: department\n  - name: 城东镇\n    kind: township\n"
_T = "plan:\n  id: t2023\n  title: 测试方案\n  issued_on: 2023-03-01\ntasks:\n  - id: t2023-01\n    title: 公开财政预决算\n    units: [县财政局]\n    deadline: 2023-06-30\n"
_P = "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-08\nentries:\n  - task: t2023-01\n    status: done\n    date: 2023-09-01\n"
_C = "name: 财政预算决算\n\"no\": 2\ncounty_units: [县财政局]\ntownship_units: [城东镇]\n"


@pytest.mark.parametrize("files,other", [
    ({"data/tasks/t.yaml": _T.replace("units: [县财政局]", "units: [县财正局]").replace("deadline: 2023-06-30", "deadline: 2023-06-30\n    dedline: 2023年底前")}, "GK202"),
    ({"data/tasks/t.yaml": _T.replace("issued_on:", "isued_by: 县政府办\n  issued_on:").replace("units: [县财政局]", "units: [县财正局]")}, "GK202"),
    ({"data/units/u.yaml": _U.replace("kind: township", "kind: township\n    aliass: [东城镇]\n    groups: [没有的分组]")}, "GK207"),
    ({"data/progress/2023Q3/县财政局.yaml": _P.replace("submitted_on:", "submited_on: 2023-10-08\nsubmitted_on:").replace("t2023-01", "t2023-1")}, "GK402"),
    ({"data/progress/2023Q3/县财政局.yaml": _P.replace("t2023-01", "t2023-1") + "    notes: 已公开\n"}, "GK402"),
    ({"data/catalog/02.yaml": _C.replace("county_units: [县财政局]", "county_units: [县财正局]\nguidline: 指引")}, "GK202"),
])
def test_an_unknown_key_does_not_hide_the_rest_of_its_record(make_repo, files, other):
    """`dedline:` added to a task whose unit was misspelt hid the GK202 until the key was fixed (an unknown
    key in another task did not): the record is kept without its unknown keys, everything said in one pass."""
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, "data/progress/2023Q3/县财政局.yaml": _P, **files})
    codes = [f.code for f in engine.lint(repo.load(root, cache=False))]
    assert "GK104" in codes and other in codes, codes


def test_a_misspelt_key_is_one_finding_not_also_the_missing_field(make_repo):
    """Kept without its unknown key, a task whose `deadline:` is written `deadlien:` is not also 缺少完成时限 (GK304),
    nor one whose `units:` is `unist:` 没有责任单位 (GK201): GK104 says 是不是 deadline？"""
    from gkcli.lint import engine

    t = _T.replace("deadline:", "deadlien:").replace("units: [县财政局]", "unist: [县财政局]")
    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": t})
    assert sorted(f.code for f in engine.lint(repo.load(root, cache=False))) == ["GK104", "GK104"]


def test_an_unknown_key_in_the_annual_figures_does_not_hide_their_sums(make_repo):
    from pathlib import Path

    from gkcli.lint import engine

    case = Path(__file__).parent / "rules/GK602/fail"
    files = {str(p.relative_to(case)): p.read_text(encoding="utf-8") for p in case.rglob("*.yaml")}
    files["data/annual/2023.yaml"] = files["data/annual/2023.yaml"].replace("year: 2023\n", "year: 2023\nyaer: 2023\n")
    codes = {f.code for f in engine.lint(repo.load(make_repo(files), cache=False))}
    assert {"GK601", "GK602", "GK604"} <= codes, codes


def test_a_task_whose_deadline_key_is_misspelt_is_left_out_not_judged_without_it(make_repo):
    """Kept without `deadlien:`, an overdue task read as one with no deadline: 未启动 in status and the
    quarterly report, the overdue count one less (a tester). A misspelling of a field the figures depend
    on, which the record lacks, leaves the record out, as before; `noet:` (nothing counted) does not."""
    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T.replace("deadline:", "deadlien:"),
                      "data/progress/2023Q3/县财政局.yaml": _P.replace("status: done", "status: in_progress") + "    noet: 进行中\n"})
    r = repo.load(root, cache=False)
    assert [t.id for p in r.plans for t in p.tasks] == [] and [f.code for f in r.findings] == ["GK104", "GK104"]
    assert [e.note for p in r.progress for e in p.entries] == [None]  # noet: the entry counts, without its note


@pytest.mark.parametrize("files,key,hint", [
    ({"data/catalog/02.yaml": _C + "items:\n  - mater: 批准服务信息\n"}, "mater", "是不是 matter？"),
    ({"data/catalog/02.yaml": _C + "published:\n  - {unit: 县财政局, urll: \"https://a.gov.cn/x\", date: 2023-05-01}\n"}, "urll", "是不是 url？"),
    ({"data/catalog/d.yaml": "domains:\n" + "".join("  " + ("- " if i == 0 else "  ") + line + "\n" for i, line in enumerate(
        (_C + "items:\n  - {matter: 甲, contnet: 乙}\n").splitlines()))}, "contnet", "是不是 content？"),
    ({"data/units/u.yaml": _U + "groups:\n  - name: 乡镇\n    members: {kidn: [township]}\n"}, "kidn", "是不是 kind？"),
    ({"data/tasks/t.yaml": _T.replace("issued_on:", "isued_by: 县政府办\n  issued_on:")}, "isued_by", "是不是 issued_by？"),
    ({"data/progress/2023Q3/县财政局.yaml": _P + "    noet: 已公开\n"}, "noet", "是不是 note？"),
])
def test_a_misspelt_key_in_a_nested_record_is_told_that_records_fields(make_repo, files, key, hint):
    """`mater:` in a catalog domain's items was told the domain's fields (可用字段：name、no、…) and no 是不是:
    the hint names the fields of the record the key is written in (a 标准目录 row, a published entry,
    a group's {kind: …}), as a task's `dedline:` is told 是不是 deadline？"""
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, "data/progress/2023Q3/县财政局.yaml": _P, **files})
    found = [f for f in engine.lint(repo.load(root, cache=False)) if f.code == "GK104"]
    assert [(f.message, f.hint) for f in found] == [(f"未知字段 {key}", hint)], found


def test_a_catalog_row_may_be_keyed_by_designs_chinese_column_names(make_repo):
    """DESIGN.md names the 标准目录 columns only in Chinese (公开事项, 公开内容, …, 公开层级): a row keyed by them
    is read as matter, content, …, level (nine GK104 before); a mistake there is told at the key as written."""
    from gkcli.lint import engine

    cols = ["公开事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
    row = "".join(("  - " if i == 0 else "    ") + f"{c}: 值{i}\n" for i, c in enumerate(cols))
    root = make_repo({"data/units/u.yaml": _U, "data/catalog/02.yaml": _C + "items:\n" + row})
    r = repo.load(root, cache=False)
    assert engine.lint(r) == []
    item = r.catalog[0].items[0]
    assert (item.matter, item.channels, item.level) == ("值0", "值5", "值8")
    (root / "data/catalog/02.yaml").write_text(_C + "items:\n" + row + "  - 公开主体: [甲, 乙]\n", encoding="utf-8")
    found = [(f.line, f.col, f.code, f.message) for f in engine.lint(repo.load(root, cache=False))]
    assert found == [(15, 11, "GK105", "公开主体 应为文字，而不是 [甲, 乙]")], found


@pytest.mark.parametrize("text, want", [
    # the second task's "- " forgotten: its keys repeat the first's, from `id:` on
    (_T + "    id: t2023-02\n    title: 公开预算执行\n    units: [县财政局]\n", [(10, "第 10 行前是否少了“- ”")]),
    # … in another order than the first's (t7, session 10: each key was a “delete one of them”)
    (_T + "    title: 公开预算执行\n    id: t2023-02\n    units: [县财政局]\n", [(10, "第 10 行前是否少了“- ”")]),
    # … with a key the first lacks (t4, session 11: its evidence made each key a “delete one of them”)
    (_T + "    id: t2023-02\n    title: 公开预算执行\n    units: [县财政局]\n    detail: 按月公开\n", [(10, "第 10 行前是否少了“- ”")]),
    # three items, the last two glued on (t5, session 11: six “delete one of them”)
    (_T + "    id: t2023-02\n    title: 公开预算执行\n    units: [县财政局]\n    id: t2023-03\n    title: 公开决算\n    units: [县财政局]\n",
     [(10, "第 10 行前是否少了“- ”"), (13, "第 13 行前是否少了“- ”")]),
    # one key twice is that: delete one
    (_T + "    title: 公开预算\n", [(10, "重复的键 `title`（第 7 行已有）")]),
    # the repeated keys start elsewhere than the item's first key: no item glued on
    (_T + "    title: 公开预算\n    units: [县财政局]\n", [(10, "重复的键 `title`"), (11, "重复的键 `units`")]),
    # not a list item: no "- " to forget
    (_T.replace("  issued_on: 2023-03-01\n", "  issued_on: 2023-03-01\n  id: t2024\n  title: 另一方案\n"), [(5, "重复的键 `id`"), (6, "重复的键 `title`")]),
])
def test_an_item_glued_onto_the_one_before_is_one_missing_dash_not_its_keys_to_delete(text, want):
    """A task written without its "- " gave a GK103 per key, each saying 删除其中一个: following them
    deletes a task. Its keys repeat the item's own from its first key on: said once, 少了“- ”."""
    _, problems = yamlio.read(text.encode("utf-8"))
    got = [(p.line, p.message, p.hint) for p in problems if p.code == "GK103"]
    assert len(got) == len(want) and all(line == ln and said in msg for (ln, msg, _), (line, said) in zip(got, want)), got
    if "少了" in want[0][1]:
        assert got[0][2].startswith(f"在第 10 行的 {text.splitlines()[9].split(':')[0].strip()} 前加上“- ”"), got


@pytest.mark.parametrize("files", [
    {"data/tasks/t.yaml": _T.replace("title: 公开", "titel: 公开")},
    {"data/units/u.yaml": _U + "groups:\n  - name: 各乡镇\n    members: {kinds: [township]}\n"},
    {"data/tasks/t.yaml": _T.replace("units: [县财政局]", "unit: [县财政局]\n    others: 等县级相关部门（单位）")},
])
def test_a_misspelt_required_key_is_not_also_the_missing_field(make_repo, files):
    """`titel:` gave GK104 是不是 title？ and GK105 缺少必填字段 title; a task's `unit:` (a progress file's field)
    was kept without units and GK201 blamed its others: one mistake, one finding, as GK104's doc says."""
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, **files})
    found = [(f.code, f.hint) for f in engine.lint(repo.load(root, cache=False))]
    assert len(found) == 1 and found[0][0] == "GK104" and found[0][1].startswith("是不是 "), found


@pytest.mark.parametrize("files, said, hint", [
    ({"data/tasks/t.yaml": _T.replace("title: 公开财政预决算", "title:")}, "title（标题）是空的", "在 title: 后写上任务标题"),
    ({"data/tasks/t.yaml": _T.replace("title: 公开财政预决算", 'title: ""')}, "title（标题）不能为空", "在 title: 后写上任务标题"),
    ({"data/tasks/t.yaml": _T.replace("title: 测试方案", "title:")}, "title（标题）是空的", "在 title: 后写上方案标题"),
    ({"data/units/u.yaml": _U.replace("name: 城东镇", "name:")}, "name（名称）是空的", "在 name: 后写上名称"),
    ({"data/units/u.yaml": _U.replace("kind: township", "kind:")}, "kind（类别）是空的", "只写其中一个英文词"),
    ({"data/units/u.yaml": _U + "    aliases:\n"}, "aliases（别名）是空的", "写上别名，如 aliases: [甲, 乙]；不需要的，删去这一行"),
    ({"data/progress/2023Q3/县财政局.yaml": _P.replace("date: 2023-09-01", "date:")}, "date（日期）是空的", "写上日期，如 date: 2023-09-30"),
    ({"data/catalog/02.yaml": _C + "items:\n  -\n"}, "items（目录条目）的第 1 项是空的", "删去这个空的“- ”"),
])
def test_an_empty_value_is_said_to_be_empty_not_none(make_repo, files, said, hint):
    """`title:` with nothing after it said 应为文字，而不是 None，提示：给值加上引号: Python's None, and nothing
    to quote. It is empty: said so, with what to write there."""
    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, "data/progress/2023Q3/县财政局.yaml": _P, **files})
    [f] = [f for f in repo.load(root, cache=False).findings if f.code == "GK105"]
    assert f.message == said and hint in f.hint and "None" not in f.message + f.hint and "引号" not in f.hint, (f.message, f.hint)


@pytest.mark.parametrize("files, said, hint", [
    ({"data/tasks/t.yaml": _T + "  - t2023-02\n"}, "tasks（任务列表）的第 2 项应为“键: 值”映射，而不是 t2023-02", "每项任务写作 - id: "),
    ({"data/catalog/02.yaml": _C + "published: [https://a.gov.cn/x]\n"}, "published（发布记录）的第 1 项应为“键: 值”映射，而不是 https://a.gov.cn/x", "- unit: 县财政局，换行缩进写 url:"),
    ({"data/catalog/02.yaml": _C + "published: https://a.gov.cn/x\n"}, "published（发布记录）应为列表", "- unit: 县财政局，换行缩进写 url:"),
    ({"data/catalog/02.yaml": _C.replace('"no": 2', '"no": 二')}, "no（序号）应为整数，而不是 “二”", '写作 "no": 2'),
    ({"data/tasks/t.yaml": _T.replace("  id: t2023\n  title: 测试方案\n  issued_on: 2023-03-01", "  - id: t2023\n  - title: 测试方案")},
     "plan（方案信息）应为“键: 值”映射", "不加“- ”"),
    ({"data/tasks/t.yaml": _T.replace("  id: t2023\n  title: 测试方案\n  issued_on: 2023-03-01\n", "")}, "plan（方案信息）是空的", "在 plan: 下写上"),
    ({"data/tasks/t.yaml": _T + "  -\n"}, "tasks（任务列表）的第 2 项是空的", "删去这个空的“- ”"),
    # a task's units are names, not unit records: no "- name: …" form
    ({"data/tasks/t.yaml": _T.replace("units: [县财政局]", "units: {name: 县财政局}")}, "units（责任单位）应为列表", "写作 [甲, 乙]"),
])
def test_a_value_of_the_wrong_shape_says_which_and_how_to_write_it(make_repo, files, said, hint):
    """`- xh2023-99` among the tasks said 此处 应为“键: 值”映射 with no hint; `no: 一` and published: [网址] had no hint
    either; plan: written as a list was said twice at one place. One finding, naming the item and its form."""
    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, **files})
    [f] = repo.load(root, cache=False).findings
    assert (f.code, f.message) == ("GK105", said) and hint in f.hint and "此处" not in f.message, (f.message, f.hint)


@pytest.mark.parametrize("files, rel, said, dest", [
    ({"data/units/t.yaml": _T}, "data/units/t.yaml", "这是方案文件（plan、tasks），应放在 data/tasks/", "data/tasks/t.yaml"),
    ({"data/tasks/02.yaml": _C}, "data/tasks/02.yaml", "这是标准目录文件（name、no、county_units等），应放在 data/catalog/", "data/catalog/02.yaml"),
    ({"data/catalog/u2.yaml": _U}, "data/catalog/u2.yaml", "这是单位文件（units），应放在 data/units/", "data/units/u2.yaml"),
    ({"data/tasks/p.yaml": _P}, "data/tasks/p.yaml", "这是进度文件（unit、period、submitted_on等），应放在 data/progress/2023Q3/", "data/progress/2023Q3/县财政局.yaml"),
])
def test_a_file_in_another_kinds_folder_is_told_where_it_goes(make_repo, files, rel, said, dest):
    """A plan file moved into data/units/ gave 未知字段 plan, 未知字段 tasks (可用字段：units、groups) and its tasks
    were gone from the status: its keys are exactly a plan file's, said once with the move."""
    root = make_repo({"data/units/u.yaml": _U, **files})
    [f] = repo.load(root, cache=False).findings
    assert (f.path, f.code) == (rel, "GK109") and f.message.startswith(said) and f.hint.startswith(f"移到 {dest}"), (f.message, f.hint)


def test_a_file_with_a_key_of_its_folder_keeps_its_own_findings(make_repo):
    """A plan file with `units:` for its `tasks:` is a plan file with a mistake (GK104), not a units file misplaced."""
    r = load(make_repo, {"data/tasks/t.yaml": _T.replace("tasks:", "units:")})
    assert [f.code for f in r.findings] == ["GK104"], codes(r)


def test_a_misplaced_copy_of_a_file_is_not_told_to_move_onto_it(make_repo):
    """t6 (session 10): a stray copy of data/tasks/t.yaml in data/units/ was told `git mv … data/tasks/t.yaml`,
    which git refuses (the destination exists)."""
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": _U, "data/tasks/t.yaml": _T, "data/units/t.yaml": _T})
    [f] = [f for f in engine.lint(repo.load(root, cache=False)) if f.code == "GK109"]
    assert "data/tasks/t.yaml 已经有了" in f.hint and "git mv" not in f.hint, f.hint
