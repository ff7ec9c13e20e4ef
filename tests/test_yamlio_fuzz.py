"""Property tests of located reading: random bytes and random YAML never raise, findings
lie inside the file, and the fast path (rapidyaml) reads every document exactly as the
exact path (libyaml) does — or leaves it to the exact path."""

from __future__ import annotations

import os
import string

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from gkcli import cache, repo, yamlio

EXAMPLES = int(os.environ.get("GK_FUZZ_EXAMPLES", "300"))  # raise it to hunt: GK_FUZZ_EXAMPLES=5000
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- values in gk's subset: text scalars, booleans, nulls, lists, mappings ----------

_ALPHABET = string.ascii_letters + string.digits + " -_.:#,/'\"[]{}!&*?|>%@`~=+()\\" + "县财政局甲镇完成已第条：，、（）“”…·　\u3000" + "\n\t"
scalars = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=20),
    st.sampled_from(["", "~", "null", "Null", "NULL", "true", "false", "True", "yes", "no", "on", "off", "y", "n", "0", "010", "0x1F", "0o17", "1e3",
                     "1_000", ".5", "-.inf", ".nan", "2023-10-08", "2023-02-30", "2023-10-08T10:00:00", "12:30:00", "1:30", "2023Q3", "- a",
                     "a: b", "#x", "x #y", " lead", "trail ", "'", '"', "\\", "県", "\u00a0", "\u2028", "\ufeff", "@x", "`x", "*a", "&a", "!x"]),
    st.booleans(),
    st.none(),
    st.integers(min_value=-10**20, max_value=10**20),
)
keys = st.one_of(st.sampled_from(["unit", "period", "entries", "task", "status", "date", "note", "evidence", "units", "id", "title", "名称", "a b", "k:", "#k", "-k", "'k'", "1", "true", "null", "~"]),
                 st.text(alphabet=string.ascii_lowercase + "县局", min_size=1, max_size=6))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=20)
documents = st.dictionaries(keys, values, min_size=1, max_size=5)


def dumps(doc, style: int) -> str:
    """PyYAML's emitter in several styles: every output is valid YAML of the same value."""
    if style == 0:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    if style == 1:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=True)
    if style == 2:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=None, width=30)
    if style == 3:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, indent=4)
    return yaml.safe_dump(doc, allow_unicode=False, sort_keys=False, default_style="'")


def fast_and_exact(text: str):
    fast = yamlio._fast(text)
    doc, problems = yamlio._exact(text)
    return fast, doc, problems


@SETTINGS
@given(documents, st.integers(min_value=0, max_value=4))
@example({"note": "a: b"}, 0)
@example({"k": ["x", {"a": None}]}, 2)
@example({"unit": "县财政局", "entries": [{"task": "t-1", "status": "done", "date": "2023-09-12", "note": "已完成，第1条"}]}, 0)
def test_fast_path_reads_as_libyaml_does(doc, style):
    text = dumps(doc, style)
    fast, exact, problems = fast_and_exact(text)
    if fast is yamlio._SLOW:
        return  # left to the exact path: nothing to compare
    assert exact is not None and not problems, (text, problems)
    assert fast == exact.data, text


@SETTINGS
@given(documents, st.integers(min_value=0, max_value=4), st.sampled_from(["", "  ", "\n  "]))
def test_a_text_without_its_final_newline_reads_as_libyaml_does(doc, style, tail):
    """Notepad saves no final newline: a block scalar then ends the file, and rapidyaml added the
    line break libyaml (rightly) does not (`note: |` + `  块` is 块)."""
    text = dumps(doc, style).rstrip("\n") + tail
    fast, exact, problems = fast_and_exact(text)
    if fast is yamlio._SLOW:
        return
    assert exact is not None and not problems, (text, problems)
    assert fast == exact.data, text


@pytest.mark.parametrize("text", ["note: |\n  块", "note: >\n  a\n  b  ", "a:\n  note: |2\n    块", "note: |\r\n  块"])
def test_a_block_scalar_at_the_very_end_reads_as_libyaml_does(text):
    fast, exact, problems = fast_and_exact(text)
    assert exact is not None and not problems
    assert fast is yamlio._SLOW or fast == exact.data, (text, fast, exact.data)
    assert yamlio.read(text.encode("utf-8"))[0].data == exact.data
    assert "块\n" not in str(exact.data)  # libyaml itself: no line break the file lacks


@SETTINGS
@given(documents, st.integers(min_value=0, max_value=4), st.data())
def test_edited_documents_never_disagree(doc, style, data):
    """Hand edits (a character inserted or removed) must not make the paths disagree."""
    text = dumps(doc, style)
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    ch = data.draw(st.sampled_from(list(" \n-:#'\"[]{},&*!|>?%@`\\\t县") + ["\r\n", "\u3000", "\ufeff"]))
    edited = text[:i] + ch + text[i:] if data.draw(st.booleans()) else text[:i] + text[i + 1 :]
    fast, exact, problems = fast_and_exact(edited)
    if fast is yamlio._SLOW:
        return
    assert exact is not None and not [p for p in problems if p.code in ("GK101", "GK102")], (edited, problems)
    assert fast == exact.data, edited


@SETTINGS
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf")
@example(b"a: [" * 50)
@example(b"\x00")
@example(b"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x")
def test_random_bytes_never_raise(raw):
    doc, problems = yamlio.read(raw)
    assert (doc is None) == bool([p for p in problems if p.code in ("GK101", "GK102", "GK106", "GK107", "GK108")]) or doc is not None
    lines = raw.count(b"\n") + 1
    for p in problems:
        assert 1 <= p.line <= lines + 1 and p.col >= 1, (raw, p)
    if doc is not None:
        for path in _paths(doc.data):
            line, col = doc.locate(path)
            assert 1 <= line <= lines + 1 and col >= 1


def _paths(v, prefix=()):
    yield prefix
    if isinstance(v, dict):
        for k, x in list(v.items())[:5]:
            yield from _paths(x, prefix + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v[:5]):
            yield from _paths(x, prefix + (i,))


@SETTINGS
@given(documents, st.integers(min_value=0, max_value=4))
def test_locate_agrees_between_paths(doc, style):
    """A fast-read Doc locates nodes where the exact path's marks put them."""
    text = dumps(doc, style)
    fast, exact, problems = fast_and_exact(text)
    assume(fast is not yamlio._SLOW and exact is not None)
    lazy = yamlio.Doc(fast, text)
    for path in _paths(fast):
        assert lazy.locate(path) == exact.locate(path), (text, path)
        if path and isinstance(path[-1], str):
            assert lazy.locate(path, key=True) == exact.locate(path, key=True), (text, path)


kinds = st.sampled_from(["data/units/u.yaml", "data/tasks/p.yaml", "data/progress/2023Q3/县财政局.yaml", "data/catalog/c.yaml", "data/annual/2023.yaml"])


@pytest.fixture
def fresh_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "_KEY", None)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(kinds, st.one_of(st.binary(max_size=300), documents.map(lambda d: dumps(d, 0).encode()), st.builds(lambda d, s: dumps(d, s).encode(), documents, st.integers(0, 4))))
def test_repo_load_of_anything_is_findings_not_exceptions(tmp_path_factory, fresh_key, rel, raw):
    root = tmp_path_factory.mktemp("any")
    (root / "gk.toml").write_text('county = "测试县"\n', encoding="utf-8")
    target = root / rel
    target.parent.mkdir(parents=True)
    target.write_bytes(raw)
    lines = raw.count(b"\n") + 1
    for _ in range(2):  # cold, then through the cache
        r = repo.load(root)
        for f in r.findings:
            assert f.path == rel and 1 <= f.line <= lines + 1 and f.col >= 1, (raw, f)
        from gkcli.model import build

        build(r)


@given(documents, st.integers(min_value=0, max_value=4))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_line_walk_agrees_with_libyaml_or_abstains(doc, style):
    """Where locate.walk answers, its answer is libyaml's mark (it may abstain: None)."""
    from gkcli import locate

    text = dumps(doc, style)
    fast, exact, problems = fast_and_exact(text)
    assume(fast is not yamlio._SLOW and exact is not None)
    lines = locate.plain_lines(text)
    assume(lines is not None)
    for path in [*_paths(fast), ("nope",), (99,)]:
        for key in (False, True):
            got = locate.walk(lines, fast, path, key)
            if got is not None:
                assert got == exact.locate(path, key), (text, path, key)


@given(documents, st.integers(min_value=0, max_value=4), st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_line_walk_with_comments_agrees_or_abstains(doc, style, data):
    """Whole-line comments (quotes and colons in them too) anywhere between lines."""
    from gkcli import locate

    lines = dumps(doc, style).split("\n")
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        at = data.draw(st.integers(min_value=0, max_value=len(lines)))
        lines.insert(at, " " * data.draw(st.integers(0, 6)) + data.draw(st.sampled_from(["# it's", '# say "x', "# a: b", "#", "# - [", "# |"])))
    text = "\n".join(lines)
    fast, exact, problems = fast_and_exact(text)
    assume(fast is not yamlio._SLOW and exact is not None)
    walk_lines = locate.plain_lines(text)
    assume(walk_lines is not None)
    for path in _paths(fast):
        for key in (False, True):
            got = locate.walk(walk_lines, fast, path, key)
            if got is not None:
                assert got == exact.locate(path, key), (text, path, key)


def _multiline_flow_by_the_loop(text: str) -> bool:
    """The guard as first written: take flat one-line collections out until none is left."""
    for _ in range(yamlio.MAX_DEPTH):
        text, n = yamlio._FLAT_FLOW.subn("", text)
        if not n:
            break
    return any(c in text for c in "[]{}")


@given(st.text(alphabet="[]{}, a\n:'", max_size=60))
@settings(max_examples=2000)
def test_the_flow_guard_shortcut_answers_as_the_loop(text):
    """_multiline_flow's one-pass count is a shortcut for the common case, never a change."""
    assert yamlio._multiline_flow(text) == _multiline_flow_by_the_loop(text)


def test_locating_every_item_of_a_long_list_reads_each_line_once(monkeypatch):
    """Thousands of findings in one file are located by indexes built once per block
    node, not by rescanning the list for each (quadratic: 20,000 took minutes)."""
    from gkcli import locate

    n = 3000
    text = "entries:\n" + "".join(f"  - task: t{i}\n    k{i}: 0\n" for i in range(n))
    doc, _ = yamlio.read(text.encode())
    read = []
    real = locate._block
    monkeypatch.setattr(locate, "_block", lambda lines, i, col: (read.append(1) or x for x in real(lines, i, col)))
    for i in range(n):
        assert doc.locate(("entries", i, f"k{i}"), key=True) == (3 + 2 * i, 5)
    assert len(read) < 4 * len(text.splitlines()), "lines were read again for each finding"


@pytest.mark.parametrize("number", [".5", "-.5", "5.", "0.", ".0", "1.", "-5.", ".5e3", "5.0", "1.5e3", "1e3", "010", "0x1F", "1_000"])
@pytest.mark.parametrize("form", ["a: {}\n", "a: [{}, 1]\n", "- {}\n", "a: {} # 注\n"])
def test_numbers_keep_their_spelling_on_both_paths(number, form):
    """rapidyaml's JSON spells .5 as 0.5: the value must not depend on which path read it
    (a CRLF or a tab elsewhere in the file sends it the exact way)."""
    text = form.format(number)
    doc, problems = yamlio.read(text.encode())
    exact, _ = yamlio._exact(text)
    assert not problems and doc.data == exact.data
    assert number in str(doc.data)


# --- the plain-forms shortcut (_plain) -------------------------------------------------

# pieces of lines, the harmless and every kind that makes a guard of _risky fire
_PIECES = ["a", "县财政局", "2023-09-25", "p4-12", "https://x.gov.cn/a/1", "10:30", "x:y", "x:", ":", ": ", "a: b", " ", "  ", "#", " #", " # 注",
           "'", '"', "''", "'a'", '"a"', "'a: b'", "'a'b", "[", "]", "[a]", "[a, b]", "[ 'a' , \"b\" ]", "[a, [b]]", "[]", "{", "}", "{a: b}",
           ",", ", ", "&a", "*a", "!x", "!!str", "|", ">", "|2", "%", "@", "`", "~", "?", "? ", "<<", "\\", "-", "- ", "- -", "---", "...",
           "inf", ".inf", "NaN", ".nan", "-.inf", "info", "\x85", "\u2028", "\ufeff", "\x07", "\t", "\r", "\u3000", "\xa0", "：", "，"]
_line = st.builds(lambda ind, dash, key, parts, comment: " " * ind + ("- " if dash else "") + (f"{key}: " if key else "") + "".join(parts) + comment,
                  st.integers(0, 6), st.booleans(), st.sampled_from(["", "", "note", "task", "no", "a_b", "K9", "名称"]),
                  st.lists(st.sampled_from(_PIECES), max_size=4), st.sampled_from(["", "", " # 说明", "  #x: |y", "# a"]))
_texts = st.lists(_line, min_size=1, max_size=6).map(lambda ls: "\n".join(ls) + "\n")


@SETTINGS
@given(st.one_of(_texts, st.builds(dumps, documents, st.integers(min_value=0, max_value=4))))
@example("note: 'a: b'\n")
@example("- :\n")
@example("a: inf\n")
@example("a: b # 'c\n")
@example("unit: ' '\n")
@example("unit: ' 0'\n")
def test_the_plain_forms_are_only_texts_no_guard_fires_on(text):
    """_plain stands in for _risky and _UNPRINTABLE: where it says yes, neither may fire
    (else a text the guards send the exact way would be read by rapidyaml)."""
    if yamlio._plain(text):
        assert not yamlio._risky(text), text
        assert not yamlio._UNPRINTABLE.search(text), text


def _spelled_out_plain_lines():
    """_PLAIN_LINES as it was first written, each value spelled out where it may stand (three times
    over, each quote kind apart): the reference the factored pattern must equal."""
    import re

    b, inner, text = yamlio._BANNED, yamlio._INNER, yamlio._TEXT
    quoted = f"(?:[^{b} ]{inner})?"
    item = f"(?:[^\\s\\-{b}]{inner}|'{quoted}'|\"{quoted}\")"
    value = f"(?:{item}|\\[ *+(?:{item} *+(?:, *+{item} *+)*+)?\\])"
    key = "[A-Za-z_][A-Za-z0-9_]*+:(?: ++" + value + ")?"
    return re.compile(f"(?> *+(?:- ++(?:{key}|{value})|{key})?(?: +#{text})? *+\\n| *+#{text}\\n)*+")


_REFERENCE = _spelled_out_plain_lines()


@SETTINGS
@given(st.one_of(_texts, st.builds(dumps, documents, st.integers(min_value=0, max_value=4))))
@example("- key:  \n")
@example("- 'a\"\n")
@example("k: ['a', \"b\", c]\n")
@example("k: ['a\"]\n")
@example("- a: b\n  - c\n")
def test_the_factored_plain_forms_are_the_spelled_out_ones(text):
    """The pattern writes each value once (compiling it is what every cold run pays); it takes
    exactly the texts the spelled-out pattern took."""
    assert (yamlio._PLAIN_LINES.fullmatch(text) is None) == (_REFERENCE.fullmatch(text) is None), text


def test_the_plain_forms_take_the_files_gk_writes():
    """The shortcut is worth having only if the common files take it: a progress file as
    gk writes it, a task file's flow list of units, comments."""
    text = ("# 县财政局 2023Q3\nunit: 县财政局\nperiod: 2023Q3\nentries:\n  - task: xh2023-01\n    status: done\n"
            "    date: 2023-09-25\n    note: 已在政府门户网站公开，第1条\n    evidence: ['https://www.example.gov.cn/a/1']\n"
            "  - task: xh2023-02  # 说明\n    units: [县财政局, 县教育局]\n")
    assert yamlio._plain(text)
    for bad in ("- a: b\n  x\n", "  x\n", "note: a: b\n", "note: ~\n", "a: [b,\n  c]\n", "a: |\n  x\n", "a: &x 1\n", "a: inf\n", "a:\tb\n"):
        assert not yamlio._plain(bad), bad


def test_the_plain_forms_are_linear_on_a_hostile_text():
    """No backtracking blow-up where the forms almost hold (a bad last line, long runs): a
    hang guard, not a timing (a quadratic regex took 1.4 s on 20,000 spaces, so minutes here)."""
    import time

    for text in ("  # c\n" * 100000 + "a: [\n", "a: b" + " " * 100000 + "x:\n", "a: " + "x " * 100000 + ":\n", "- a: b\n" * 100000 + "- :\n"):
        t = time.perf_counter()
        assert not yamlio._plain(text)
        assert time.perf_counter() - t < 5.0
