"""progress add's text append: every byte other than the new entry stays as it was."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli import yamlio
from gkcli.write.progress import Unappendable, append_text
from gkcli.write.yamltext import plain_ok, scalar

ENTRY = {"task": "t2023-02", "status": "done", "date": dt.date(2023, 9, 30), "note": "已完成"}
READ = {"task": "t2023-02", "status": "done", "date": "2023-09-30", "note": "已完成"}


def only_inserted(old: str, new: str) -> bool:
    """`new` is `old` with text inserted and nothing changed or removed."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return all(op in ("equal", "insert") for op, *_ in ops)


def read(text: str):
    doc, problems = yamlio.read(text.encode("utf-8"))
    assert doc is not None and not problems, problems
    return doc.data


ODD = """\
# 县财政局 本季度进度  （keep this comment）
unit:   "县财政局"      # quoted, odd spacing
period: '2023Q3'
submitted_on: 2023-10-08

entries:
  # 第一条
  -   task: t2023-01
      status: in_progress     # aligned comment
      date: 2023-07-01
      note: >
        折叠的
        说明
  - {task: t2023-03, status: blocked, date: 2023-08-01}


  -
    task: t2023-04
    status: not_started
    date: 2023-08-02
    note: 'it''s  "quoted"'   # trailing
# a comment after the list, about the file
"""


@pytest.mark.parametrize(
    "name,text",
    [
        ("odd", ODD),
        ("crlf", ODD.replace("\n", "\r\n")),
        ("cr only", ODD.replace("\n", "\r")),  # old Mac line ends: kept, not mixed with LF
        ("no final newline", ODD.rstrip("\n")),
        ("indentless", "unit: 县财政局\nperiod: 2023Q3\nentries:\n- task: a\n  status: done\n  date: 2023-07-01\n"),
        ("deep indent", "unit: 县财政局\nperiod: 2023Q3\nentries:\n      - task: a\n        status: done\n        date: 2023-07-01\n"),
        ("block scalar last", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: a\n    status: done\n    date: 2023-07-01\n    note: |\n      一\n      二\n\n# end\n"),
        ("keep chomping", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: a\n    status: done\n    date: 2023-07-01\n    note: |+\n      一\n\n"),
        ("list value last", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: a\n    status: done\n    date: 2023-07-01\n    evidence:\n      - http://x/1\n      - http://x/2\n"),
        ("entries not last", "unit: 县财政局\nentries:\n  - task: a\n    status: done\n    date: 2023-07-01\nperiod: 2023Q3  # after\n"),
        ("flow list", "unit: 县财政局\nperiod: 2023Q3\nentries: [{task: a, status: done, date: 2023-07-01}]\n"),
        ("flow multiline", "unit: 县财政局\nperiod: 2023Q3\nentries: [\n  {task: a, status: done, date: 2023-07-01},\n  {task: b, status: done, date: 2023-07-02}\n]  # c\n"),
        ("empty flow", "unit: 县财政局\nperiod: 2023Q3\nentries: []  # none yet\n"),
        ("empty flow spaced", "unit: 县财政局\nperiod: 2023Q3\nentries: [ ]\n"),
        ("empty value", "unit: 县财政局\nperiod: 2023Q3\nentries:\n# nothing yet\n"),
        ("no entries key", "unit: 县财政局\nperiod: 2023Q3\n"),
        ("no entries key, no newline", "unit: 县财政局\nperiod: 2023Q3"),
        ("flow document", "{unit: 县财政局, period: 2023Q3}\n"),
        ("flow document with entries", "{unit: 县财政局, period: 2023Q3, entries: []}\n"),
    ],
)
def test_append_only_inserts(name, text):
    new = append_text(text, ENTRY)
    assert only_inserted(text, new), name
    old, got = read(text), read(new)
    assert got["entries"] == [*(old.get("entries") or []), READ]
    assert {k: v for k, v in got.items() if k != "entries"} == {k: v for k, v in old.items() if k != "entries"}
    # a YAML 1.1 reader (PyYAML) sees the same entry
    pe = yaml.safe_load(new)["entries"][-1]
    assert pe == {**READ, "date": dt.date(2023, 9, 30)}
    if "\r\n" in text:
        assert "\n" not in new.replace("\r\n", "")
    elif "\r" in text:
        assert "\n" not in new


def test_new_entry_follows_item_layout():
    new = append_text(ODD, ENTRY)
    # the new item goes right after the last item, before the comment after the list
    assert "    date: 2023-08-02\n    note: 'it''s  \"quoted\"'   # trailing\n  - task: t2023-02\n    status: done\n" in new
    assert new.endswith("    note: 已完成\n# a comment after the list, about the file\n")


@pytest.mark.parametrize("own", ["    # ↑ 受阻原因：经费未到位\n", "  # 关于上一条的补充\n", "    # 一\n  # 二\n"])
def test_a_comment_indented_under_the_last_entry_stays_with_it(own):
    """A tester's `    # ↑ 受阻原因…` below a blocked entry ended up under the new done entry, as if
    it were the new one's. Comments indented into the list right below the last entry are its own."""
    text = f"unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: a\n    status: blocked\n    date: 2023-07-01\n{own}\n# 文件结束\n"
    new = append_text(text, ENTRY)
    assert only_inserted(text, new)
    assert f"    date: 2023-07-01\n{own}  - task: t2023-02\n" in new and new.endswith("\n\n# 文件结束\n")


def test_flow_item_style_kept():
    text = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: a, status: done, date: 2023-07-01}\n"
    new = append_text(text, ENTRY)
    assert new == text + "  - {task: t2023-02, status: done, date: 2023-09-30, note: 已完成}\n"


def test_empty_flow_list_gets_the_entry_inside():
    new = append_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", ENTRY)
    assert new.endswith("entries: [{task: t2023-02, status: done, date: 2023-09-30, note: 已完成}]\n")


@pytest.mark.parametrize("null", ["~", "null"])
def test_explicit_null_is_the_one_thing_removed(null):
    text = f"unit: 县财政局\nperiod: 2023Q3\nentries: {null}  # none\n"
    new = append_text(text, ENTRY)
    assert read(new)["entries"] == [READ]
    assert new.startswith("unit: 县财政局\nperiod: 2023Q3\nentries:   # none\n  - task: t2023-02\n")


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
@pytest.mark.parametrize("header", ["|", "|+", "|2", ">", "|-", ">+"])
def test_a_final_block_scalar_without_a_line_break_keeps_its_value(nl, header):
    """Notepad saves no final line break: the last note's value must not gain the one the
    append puts after it (its header is made to strip it: the one byte changed)."""
    text = nl.join(["unit: 县财政局", "period: 2023Q3", "entries:", "  - task: t2023-01", "    status: done",
                    "    date: 2023-09-01", f"    note: {header}", "      第一行", "      第二行"])
    new = append_text(text, ENTRY)
    before, after = read(text), read(new)
    assert after["entries"] == [*before["entries"], READ]
    stripping = header[0] + "-" + "".join(c for c in header[1:] if c.isdigit())  # |2 → |-2, |+ → |-
    assert new.startswith(text.replace(f"note: {header}", f"note: {stripping}") + nl), new


@pytest.mark.parametrize("tail", ["\n# 备注", "\n  ", "\n\n  "])
def test_a_final_block_scalar_followed_by_a_comment_or_spaces_is_left_as_it_is(tail):
    """The last note's line has its break when a comment or blank spaces follow: only inserted."""
    text = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-01\n    status: done\n    date: 2023-09-01\n    note: |\n      块" + tail
    new = append_text(text, ENTRY)
    assert only_inserted(text, new) and read(new)["entries"] == [*read(text)["entries"], READ], new


def test_a_tab_libyaml_takes_does_not_stop_an_append():
    """`status: done<Tab>`: gk reads it (libyaml); the append read it with the pure-Python
    scanner, which refuses the tab, and said so in English."""
    text = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: t2023-01\n    status: done\t\n    date: 2023-09-01\t# 注\n"
    new = append_text(text, ENTRY)
    assert only_inserted(text, new) and read(new)["entries"][-1] == READ


def test_submitted_on_replaced_when_asked():
    text = "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: '2023-09-01'  # first\nentries: []\n"
    new = append_text(text, ENTRY, submitted_on=dt.date(2023, 10, 2))
    assert "submitted_on: '2023-10-02'  # first\n" in new  # its quotes kept, as every byte but the value
    assert read(new)["submitted_on"] == "2023-10-02"


@pytest.mark.parametrize(
    "text",
    ["- a\n- b\n", "unit: x\nentries: 3\n", "unit: x\nentries: {a: 1}\n", "unit: [\n"],
)
def test_unappendable_shapes_refused(text):
    with pytest.raises(Unappendable):
        append_text(text, ENTRY)


# --- scalars: whatever a person types comes back as the same text -------------

TEXTS = st.text(  # gk refuses control characters other than tab and line feed (GK101; progress add says so)
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(0xA0) if yamlio.CONTROL.match(chr(c))]),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(note=TEXTS, evidence=st.lists(TEXTS, max_size=3))
def test_any_note_round_trips(note, evidence):
    entry = {**ENTRY, "note": note, "evidence": evidence}
    text = "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: a\n    status: done\n    date: 2023-07-01\n"
    new = append_text(text, entry)
    got = read(new)["entries"][-1]
    assert got["note"] == note
    assert got.get("evidence", []) == evidence
    flow = append_text("unit: 县财政局\nperiod: 2023Q3\nentries: []\n", entry)
    assert read(flow)["entries"][-1]["note"] == note
    assert yaml.safe_load(new)["entries"][-1]["note"] == note


@pytest.mark.parametrize(
    "s,plain",
    [("已完成", True), ("=1+1", False), ("+1", False), ("-x", False), ("@x", False), ("yes", False), ("010", False),
     ("2023-09-01", False), ("a: b", False), ("a #b", False), ("null", False), ("", False), (" x", False),
     ("http://x/y", True), ("全角：冒号", True)],
)
def test_plain_only_when_safe(s, plain):
    assert plain_ok(s) is plain
    assert yaml.safe_load(f"k: {scalar(s)}")["k"] == s
