"""gk import of a plan written as numbered paragraphs whose items each say their units in a marker
(〔责任单位：…〕): the 宣汉县 2023 实施方案 reproduces xh2023-01…25; prose without markers is still refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_gk
from gkcli import repo as repo_mod
from gkcli import yamlio
from gkcli.model import build
from gkcli.write.importer.prose import title_of

HERE = Path(__file__).parent / "import_prose"
SEED = HERE / "xuanhan-2023-plan.txt"  # copies of ../shared/seeds/: tests do not read outside the repo
WORKPOINTS = HERE / "county-2023-workpoints.txt"

UNITS = """\
units:
  - {name: 县政府办, kind: department, full_name: 某县人民政府办公室}
  - {name: 县财政局, kind: department, full_name: 某县财政局}
  - {name: 县审计局, kind: department, full_name: 某县审计局}
  - {name: 县发改局, kind: department, full_name: 某县发展和改革局}
  - {name: 甲镇, kind: township}
"""


@pytest.fixture
def repo(make_repo):
    return make_repo({"gk.toml": 'county = "某县"\noffice = "某县人民政府办公室"\n', "data/units/u.yaml": UNITS})


def tasks_of(path: Path) -> dict[str, dict]:
    doc, problems = yamlio.read(path.read_bytes())
    assert doc is not None and not problems
    return {t["id"]: t for t in doc.data["tasks"]}


def imported(repo: Path, tmp_path: Path, text: str, *extra: str, name: str = "方案.txt"):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    r = run_gk("import", str(src), "--plan", "imp", *extra, cwd=repo)
    assert r.returncode == 0, r.stderr
    return tasks_of(repo / "data" / "tasks" / "imp.yaml"), r


def test_seed_reproduces_xh2023_units_others_categories(tmp_path):
    """The 25 主要任务 of the real plan: units in written order (lead first), the open 等… tails in `others`,
    the （一）… headings as categories, the item's text as detail: as xh2023 was built by hand."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "gk.toml", root / "gk.toml")
    r = run_gk("--data", str(root), "import", str(SEED), "--plan", "xhp", "--deadline", "2023年底前")
    assert r.returncode == 0, r.stderr
    assert "按条目读取：25 项任务" in r.stdout and "已导入 25 项任务" in r.stdout
    assert "未能" not in r.stderr  # every unit resolves in the built-in data
    model = build(repo_mod.load(root))
    canon = lambda names: [model.resolver.canonical(n) or n for n in names]  # noqa: E731
    got = {t.id: t.task for t in model.tasks if t.plan.id == "xhp"}
    want = {t.id: t.task for t in model.tasks if t.plan.id == "xh2023"}
    assert len(got) == 25
    same_titles = 0
    for k in range(1, 26):
        g, w = got[f"xhp-{k:02d}"], want[f"xh2023-{k:02d}"]
        assert canon(g.units) == canon(w.units), k
        assert g.others == w.others, k
        assert g.category == w.category, k
        assert g.detail == w.detail, k
        assert g.deadline == w.deadline == "2023年底前", k
        assert g.title == title_of(w.detail), k  # the rule: the lead phrase (to the first ，when it is long)
        same_titles += g.title == w.title
    # 23 of 25 as built by hand; 09 and 23 were cut by hand at their second clause
    assert same_titles == 23
    assert (got["xhp-09"].title, got["xhp-23"].title) == ("全面梳理办事服务事项", "依托达州市政府网站集约化平台")
    assert not [f for f in repo_mod.load(root).findings if "xhp" in f.path]
    # the numbered paragraphs of 总体要求, 工作步骤 and 工作要求 carry no marker: named, not imported
    assert "10 个编号的条目没有写责任单位，未导入" in r.stderr
    assert "第 9 行“（一）指导思想”" in r.stderr and "第 95 行“（一）调研摸排阶段（2023年9月10日前）”" in r.stderr
    assert "等 10 项" in r.stderr


def test_seed_joins_lines_a_page_break_cut(repo, tmp_path):
    """…根据基层政务公开标准 ⏎⏎ 指引，… is one item; a marker on a line of its own is its item's."""
    r = run_gk("import", str(SEED), "--plan", "imp", "-o", "-", cwd=repo)
    assert r.returncode == 0, r.stderr
    doc, _ = yamlio.read(r.stdout.encode("utf-8"))
    tasks = {t["id"]: t for t in doc.data["tasks"]}
    assert "根据基层政务公开标准指引，结合权责清单" in tasks["imp-05"]["detail"]
    assert tasks["imp-10"]["detail"].endswith("最大限度利企便民。") and tasks["imp-10"]["units"][0] == "县行政审批局"


def test_workpoints_without_markers_are_refused(repo, tmp_path):
    r = run_gk("import", str(WORKPOINTS), "--plan", "imp", cwd=repo)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "没有一条写明责任单位" in r.stderr and "第 9 行“（一）深入推进" in r.stderr, r.stderr
    assert "〔责任单位：" in r.stderr and "手写 data/tasks/" in r.stderr
    assert "--task-column" not in r.stderr  # no table's header to name: the advice is for the paragraphs
    assert not (repo / "data" / "tasks" / "imp.yaml").exists()


@pytest.mark.parametrize("marker", [
    "〔责任单位：县财政局、县审计局〕",
    "（责任单位：县财政局、县审计局）",
    "(责任单位:县财政局、县审计局)",
    "【责任单位：县财政局、县审计局】",
    "[责任单位：县财政局、县审计局]",
    "（责任部门：县财政局、县审计局）",
    "（责任主体：县财政局、县审计局）",
    "（责任单位：县财政局、县审计局〕",  # closed by another bracket, as the seed's item 7
    "责任单位：县财政局、县审计局。",  # no brackets, after the item's last sentence
])
def test_each_marker_form(repo, tmp_path, marker):
    text = f"某县政务公开实施方案\n一、主要任务\n（一）公开财政信息\n1.公开部门预算。按要求公开。{marker}\n"
    tasks, r = imported(repo, tmp_path, text)
    assert tasks["imp-01"]["units"] == ["县财政局", "县审计局"]
    assert tasks["imp-01"]["title"] == "公开部门预算"
    assert tasks["imp-01"]["category"] == "公开财政信息"
    assert tasks["imp-01"]["detail"] == "公开部门预算。按要求公开。"
    assert "按条目读取：1 项任务" in r.stdout


@pytest.mark.parametrize("number", ["1.", "1、", "1．", "（1）", "(1)", "①"])
def test_item_numbers(repo, tmp_path, number):
    text = f"一、公开财政信息\n{number}公开部门预算。〔责任单位：县财政局〕\n"
    tasks, _ = imported(repo, tmp_path, text)
    assert tasks["imp-01"]["title"] == "公开部门预算" and tasks["imp-01"]["category"] == "公开财政信息"


def test_lead_and_co_units(repo, tmp_path):
    text = ("一、主要任务\n1.公开部门预算。（牵头单位：县财政局；配合单位：县政府办、县审计局）\n"
            "2.公开审计结果。（配合单位：县政府办；牵头单位：县审计局）\n")
    tasks, _ = imported(repo, tmp_path, text)
    assert tasks["imp-01"]["units"] == ["县财政局", "县政府办", "县审计局"]
    assert tasks["imp-02"]["units"] == ["县审计局", "县政府办"]  # the lead first, wherever it is written


def test_marker_deadline_and_the_deadline_option(repo, tmp_path):
    text = ("一、主要任务\n1.公开部门预算。〔责任单位：县财政局；完成时限：2030年6月底前〕\n"
            "2.公开审计结果。〔责任单位：县审计局〕（完成时间：2030年9月底前）\n"
            "3.公开政府信息。〔责任单位：县政府办（排第一位的为牵头单位，下同）〕\n")
    tasks, _ = imported(repo, tmp_path, text, "--deadline", "2030年底前")
    assert [tasks[f"imp-0{k}"]["deadline"] for k in (1, 2, 3)] == ["2030年6月底前", "2030年9月底前", "2030年底前"]
    assert tasks["imp-03"]["units"] == ["县政府办"]


def test_no_deadline_anywhere_is_said_as_for_an_empty_cell(repo, tmp_path):
    tasks, r = imported(repo, tmp_path, "1.公开部门预算。〔责任单位：县财政局〕\n")
    assert "deadline" not in tasks["imp-01"]
    assert "没有完成时限" in r.stderr
    assert "1 个条目没有写完成时限：可加 --deadline" in r.stderr, r.stderr  # (t4, session 11: lint then fails on each)


def test_a_marked_heading_paragraph_is_the_task(repo, tmp_path):
    """（一）…。〔责任单位：…〕 with no numbered items under it: the paragraph is the task, under its 一、 heading."""
    text = ("一、加大主动公开力度\n（一）深入推进财政信息公开。及时公开预决算。〔责任单位：县财政局〕\n"
            "（二）加强政策解读。做好解读。\n二、工作要求\n")
    tasks, r = imported(repo, tmp_path, text)
    assert list(tasks) == ["imp-01"]
    assert tasks["imp-01"]["title"] == "深入推进财政信息公开" and tasks["imp-01"]["category"] == "加大主动公开力度"
    assert "1 个编号的条目没有写责任单位" in r.stderr and "“（二）加强政策解读”" in r.stderr


def test_long_lead_phrase_is_cut_at_its_first_comma(repo, tmp_path):
    long = "依托全县统一的政府网站集约化平台整合政府信息公开目录管理系统政策文件库和知识问答库"
    tasks, _ = imported(repo, tmp_path, f"1.{long}，优化专栏。〔责任单位：县政府办〕\n2.公开预算，按时公开。〔责任单位：县财政局〕\n")
    assert tasks["imp-01"]["title"] == long
    assert tasks["imp-02"]["title"] == "公开预算，按时公开"


def test_docx_paragraphs(repo, tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("某县2030年政务公开工作要点")
    doc.add_paragraph("一、公开财政信息")
    doc.add_paragraph("1.公开部门预算。按要求公开。〔责任单位：县财政局、县审计局〕")
    doc.add_paragraph("2.公开审计结果。")
    doc.add_paragraph("（责任单位：县审计局；完成时限：2030年6月底前）")  # the marker as a paragraph of its own
    doc.add_paragraph("3.加强组织领导。")
    doc.add_paragraph("附件：联络员名单")
    doc.add_paragraph("1.县财政局")
    doc.save(tmp_path / "要点.docx")
    r = run_gk("import", str(tmp_path / "要点.docx"), "--plan", "imp", cwd=repo)
    assert r.returncode == 0, r.stderr
    tasks = tasks_of(repo / "data" / "tasks" / "imp.yaml")
    assert [t["units"] for t in tasks.values()] == [["县财政局", "县审计局"], ["县审计局"]]
    assert tasks["imp-02"]["deadline"] == "2030年6月底前" and tasks["imp-01"]["category"] == "公开财政信息"
    assert "第 6 段“3.加强组织领导”" in r.stderr and "县财政局”" not in r.stderr  # the annex is no part of the plan
    text = (repo / "data" / "tasks" / "imp.yaml").read_text(encoding="utf-8")
    assert "title: 某县2030年政务公开工作要点" in text and "按条目导入" in text


def test_docx_word_numbered_paragraph_is_an_item(repo, tmp_path):
    """Word's own list numbering is not in the paragraph's text: the paragraph is an item all the same."""
    import docx
    from docx.oxml import OxmlElement

    doc = docx.Document()
    doc.add_paragraph("一、公开财政信息")
    p = doc.add_paragraph("公开部门预算。〔责任单位：县财政局〕")
    p._p.get_or_add_pPr().append(OxmlElement("w:numPr"))
    doc.save(tmp_path / "n.docx")
    r = run_gk("import", str(tmp_path / "n.docx"), "--plan", "imp", cwd=repo)
    assert r.returncode == 0, r.stderr
    task = tasks_of(repo / "data" / "tasks" / "imp.yaml")["imp-01"]
    assert (task["title"], task["units"], task["category"]) == ("公开部门预算", ["县财政局"], "公开财政信息")


def test_docx_without_markers_is_refused(repo, tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("一、主要任务")
    doc.add_paragraph("（一）公开财政信息。县财政局负责。")
    doc.save(tmp_path / "p.docx")
    r = run_gk("import", str(tmp_path / "p.docx"), "--plan", "imp", cwd=repo)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "中没有表格" in r.stderr and "没有一条写明责任单位" in r.stderr


def test_html_paragraphs(repo, tmp_path):
    page = ("<html><body><p>一、公开财政信息</p><p>1.公开部门预算。〔责任单位：县财政局〕</p>"
            "<div>2.公开审计结果。（责任单位：县审计局）</div></body></html>")
    tasks, _ = imported(repo, tmp_path, page, name="方案.html")
    assert [t["units"] for t in tasks.values()] == [["县财政局"], ["县审计局"]]


def test_deadline_option_is_refused_for_a_table(repo, tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("序号,工作任务,责任单位,完成时限\n1,公开预算,县财政局,2030年6月底前\n", encoding="utf-8")
    r = run_gk("import", str(src), "--plan", "imp", "--deadline", "2030年底前", cwd=repo)
    assert r.returncode == 2 and "--deadline 只用于按条目读取的方案" in r.stderr


_PIECES = ["一、", "（一）", "(二)", "1.", "2、", "（3）", "①", "〔责任单位：", "（责任单位：", "【牵头单位：", "配合单位：",
           "完成时限：", "2030年底前", "县财政局", "县审计局、", "等有关部门（单位）", "〕", "）", "）", "】", "]", "。", "，",
           "；", "\n", "\n\n", "附件1", "公开预算", " ", "（排第一位的为牵头单位，下同）", "|", "\t"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=40))
def test_random_text_imports_or_is_refused(repo, tmp_path, pieces):
    """Whatever the text: a plan, or a GkError's message; never a traceback. After a marked item, whatever
    follows, that item is imported."""
    from typer.testing import CliRunner

    from gkcli.cli import app
    from gkcli.errors import GkError

    src = tmp_path / "随机.txt"
    for first in ("", "1.公开预算。〔责任单位：县财政局〕\n"):
        src.write_text(first + "".join(pieces), encoding="utf-8")
        r = CliRunner().invoke(app, ["--data", str(repo), "import", str(src), "--plan", "fz", "-o", "-"])
        assert r.exception is None or isinstance(r.exception, (GkError, SystemExit)), repr(r.exception)
        if first:
            assert r.exit_code == 0 and "id: fz-01" in r.output, r.output


@pytest.mark.parametrize("marker", [
    # half-width punctuation, as many a web page's copy has it; a leader named before the units is no unit
    "(责任领导:张三;牵头单位:县财政局;责任单位:县审计局)",
    "[牵头单位:县财政局;责任单位:县审计局]",
    # the marker on lines of its own below the item, without brackets or a full stop before it
    "\n\n牵头单位:县财政局\n\n责任单位:县审计局",
])
def test_marker_forms_of_other_counties(repo, tmp_path, marker):
    """Forms from real 分工方案 (咸安区, 嘉鱼县, 立山区, 蔡甸区: t1, session 11): `(责任领导:…;牵头单位:…)` gave units
    `县财政局)`; a marker on its own line after an item with no full stop was not read."""
    text = f"某县重点工作任务分工方案\n一、主要目标\n(一)地区生产总值增长7%以上{marker}\n(二)公开部门预算。按要求公开。{marker}\n"
    tasks, _r = imported(repo, tmp_path, text)
    assert [t["units"] for t in tasks.values()] == [["县财政局", "县审计局"]] * 2, tasks
    assert tasks["imp-01"]["title"] == "地区生产总值增长7%以上" and tasks["imp-02"]["title"] == "公开部门预算"
    assert "张三" not in str(tasks)


def test_a_notice_whose_plan_is_its_annex(repo, tmp_path):
    """A 通知 lists its 附件 (附件：1.… 2.…) and the plan follows under 附件1: the items there are read, the notice's
    own numbered paragraphs are no tasks, and the title is the annex's (t1, session 11: nothing was read after 附件)."""
    text = ("某县人民政府办公室关于印发重点工作责任分解的通知\n各乡镇人民政府：\n现将有关事项通知如下：\n"
            "一、各责任单位要高度重视。\n二、按季度报送进展。\n附件：1.某县2024年重点工作责任分解\n2.联络员名单\n"
            "某县人民政府办公室\n2024年3月5日\n附件1\n某县2024年重点工作责任分解\n一、主要目标\n"
            "(一)公开部门预算。(牵头单位:县财政局;责任单位:县审计局)\n附件2\n联络员名单\n1.县财政局 张三\n")
    tasks, r = imported(repo, tmp_path, text)
    assert [(t["title"], t["units"]) for t in tasks.values()] == [("公开部门预算", ["县财政局", "县审计局"])], tasks
    plan = yamlio.read((repo / "data" / "tasks" / "imp.yaml").read_bytes())[0].data["plan"]
    assert plan["title"] == "某县2024年重点工作责任分解", plan
    assert "未导入" not in r.stderr, r.stderr  # the notice's 一、二、 and the contact list are not the plan's items


@pytest.mark.parametrize("said, units", [
    ("（县财政局牵头，县审计局按职责分工负责）", ["县财政局", "县审计局"]),
    ("（县财政局、县审计局负责）", ["县财政局", "县审计局"]),
    ("（由县财政局负责）", ["县财政局"]),
    ("（县财政局牵头落实）", ["县财政局"]),
    ("(县财政局牵头,甲镇配合)", ["县财政局", "甲镇"]),
])
def test_units_said_in_words_in_the_last_bracket(repo, tmp_path, said, units):
    """The State Council's and provinces' 分工 say who does an item in words: （…牵头，…按职责分工负责）, （…负责）."""
    tasks, _r = imported(repo, tmp_path, f"某县政务公开工作要点分工\n一、主动公开\n（一）公开部门预算。按时公开。{said}\n")
    assert tasks["imp-01"]["units"] == units and tasks["imp-01"]["detail"] == "公开部门预算。按时公开。", tasks


@pytest.mark.parametrize("said", ["（按规定落实）", "（2030年6月底前完成）", "（详见附件2）", "（及时公开并负责）"])
def test_a_last_bracket_that_names_no_body_is_no_marker(repo, tmp_path, said):
    text = f"某县政务公开工作要点分工\n一、主动公开\n（一）公开部门预算。{said}\n（二）公开决算。（县财政局负责）\n"
    tasks, r = imported(repo, tmp_path, text)
    assert list(tasks) == ["imp-01"] and tasks["imp-01"]["title"] == "公开决算", tasks
    assert "第 3 行“（一）公开部门预算”" in r.stderr, r.stderr


def test_markers_written_before_their_items(repo, tmp_path):
    """t2 (session 11): 责任单位 on a line of its own *before* each item gave every item the next one's units, and
    the heading above the first became a task. A marker goes with the item above it unless that one has its own
    or is a heading over the item below."""
    text = ("某县政务公开分工方案\n一、重点领域\n责任单位：县财政局\n1.做好预算公开。\n责任单位：县审计局\n2.做好审计公开。\n"
            "责任单位：甲镇\n3.做好乡镇公开。\n")
    tasks, _r = imported(repo, tmp_path, text)
    assert [(t["title"], t["units"]) for t in tasks.values()] == [
        ("做好预算公开", ["县财政局"]), ("做好审计公开", ["县审计局"]), ("做好乡镇公开", ["甲镇"])], tasks


@pytest.mark.parametrize("marker, units, due", [
    ("（牵头单位:县财政局;责任单位:县审计局,6月底完成）", ["县财政局", "县审计局"], "6月底完成"),
    ("（责任单位：县财政局；时间节点：2030年6月）", ["县财政局"], "2030年6月"),
    ("（责任单位：县财政局；2030年6月底前完成）", ["县财政局"], "2030年6月底前完成"),
    ("（牵头责任单位：县审计局；责任单位：县财政局）", ["县审计局", "县财政局"], None),
    ("（分管副县长：张三；牵头单位：县审计局）", ["县审计局"], None),
])
def test_what_a_marker_holds_besides_units(repo, tmp_path, marker, units, due):
    """t2 (session 11): a time without a label became a unit (and --add-units wrote it into data/units/);
    牵头责任单位 lost the lead; a 分管副县长 before the units was left in the detail."""
    tasks, _r = imported(repo, tmp_path, f"某县政务公开分工方案\n一、任务\n1.做好预算公开。{marker}\n")
    t = tasks["imp-01"]
    assert t["units"] == units and t.get("deadline") == due and "detail" not in t, t


def test_text_from_a_pdf_or_markdown(repo, tmp_path):
    """A page number where a PDF's page broke (— 3 —) was glued into the detail; Markdown's **责任单位**：
    was no marker."""
    text = ("某县政务公开实施方案\n一、任务\n1.规范政策解读，坚持政策文件与解读方案、解读材料同步组织、同步审签，提高解读质量和实\n"
            "— 3 —\n效。〔责任单位：县政府办〕\n2. 做好预算公开。**责任单位**：县财政局\n")
    tasks, _r = imported(repo, tmp_path, text, name="方案.md")
    assert tasks["imp-01"]["detail"].endswith("提高解读质量和实效。") and "—" not in tasks["imp-01"]["detail"], tasks
    assert tasks["imp-02"]["units"] == ["县财政局"], tasks


def test_word_list_numbering_from_the_style_and_its_levels(repo, tmp_path):
    """Word numbering in the paragraph's style (List Number), not in the paragraph: those items were dropped
    without a word. Several list levels: the top one headings (categories), no number made up in messages."""
    import docx

    d = docx.Document()
    d.add_paragraph("某县政务公开实施方案")

    def listed(text: str, level: int) -> None:
        p = d.add_paragraph(text, style="List Number")  # numbered by the style; a level below: ilvl 1 of the list
        if level:
            p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = level

    listed("深化决策公开", 0)
    listed("推行决策预公开。〔责任单位：县财政局〕", 1)
    listed("做好政策解读。〔责任单位：县审计局〕", 1)
    listed("加强平台建设", 0)
    listed("优化政府网站。〔责任单位：县政府办〕", 1)
    listed("做好培训", 1)
    src = tmp_path / "方案.docx"
    d.save(src)
    r = run_gk("import", str(src), "--plan", "imp", cwd=repo)
    assert r.returncode == 0, r.stderr
    tasks = tasks_of(repo / "data" / "tasks" / "imp.yaml")
    assert [(t["title"], t["units"], t.get("category")) for t in tasks.values()] == [
        ("推行决策预公开", ["县财政局"], "深化决策公开"), ("做好政策解读", ["县审计局"], "深化决策公开"),
        ("优化政府网站", ["县政府办"], "加强平台建设")], tasks
    assert "第 7 段“做好培训”" in r.stderr, r.stderr


def test_marked_paragraphs_beside_a_table_are_said_and_read_with_paragraphs(repo, tmp_path):
    """A 通知 whose plan's items are paragraphs and whose 附件3 is a table: only the table was imported, the
    items dropped without a word. They are said; --paragraphs reads them instead of the table."""
    import docx

    d = docx.Document()
    d.add_paragraph("某县政务公开实施方案")
    d.add_paragraph("一、主要任务")
    d.add_paragraph("1.做好预算公开。〔责任单位：县财政局〕")
    d.add_paragraph("2.做好审计公开。〔责任单位：县审计局〕")
    d.add_paragraph("附件3")
    t = d.add_table(rows=2, cols=4)
    for c, v in zip(t.rows[0].cells, ["序号", "公开事项", "责任单位", "完成时限"]):
        c.text = v
    for c, v in zip(t.rows[1].cells, ["1", "财政预决算", "县财政局", "2030年6月底前"]):
        c.text = v
    src = tmp_path / "方案.docx"
    d.save(src)
    r = run_gk("import", str(src), "--plan", "imp", "-o", "-", cwd=repo)
    assert r.returncode == 0 and "另有 2 个写明责任单位的编号条目，未导入" in r.stderr and "--paragraphs" in r.stderr, r.stderr
    r = run_gk("import", str(src), "--plan", "imp", "--paragraphs", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert [t["title"] for t in tasks_of(repo / "data" / "tasks" / "imp.yaml").values()] == ["做好预算公开", "做好审计公开"]


def test_junk_saved_as_text_is_refused_not_an_internal_error(repo, tmp_path):
    """Random bytes or one line longer than csv's field limit (131,072) gave “内部错误” (exit 3)."""
    src = tmp_path / "x.txt"
    src.write_text("序号\t任务\n" + "很长" * 80_000 + "\n", encoding="utf-8")
    r = run_gk("import", str(src), "--plan", "imp", cwd=repo)
    assert r.returncode == 2 and "内部错误" not in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_markers_before_items_with_an_item_between_that_has_none(repo, tmp_path):
    """t5 (session 11): in a file whose markers come before their items, an item without one took the next marker
    (it is below the item it was written for) and that item was dropped."""
    text = ("某县政务公开分工方案\n一、重点领域\n责任单位：县财政局\n1.做好预算公开。\n2.做好宣传。\n"
            "责任单位：县审计局\n3.做好审计公开。\n")
    tasks, r = imported(repo, tmp_path, text)
    assert [(t["title"], t["units"]) for t in tasks.values()] == [("做好预算公开", ["县财政局"]), ("做好审计公开", ["县审计局"])], tasks
    assert "“2.做好宣传”" in r.stderr, r.stderr


@pytest.mark.parametrize("marker, units", [
    ("（配合责任单位：县审计局；牵头单位：县财政局）", ["县财政局", "县审计局"]),
    ("（主要责任单位：县财政局；配合单位：县审计局）", ["县财政局", "县审计局"]),
])
def test_unit_labels_with_a_word_before_them(repo, tmp_path, marker, units):
    tasks, _r = imported(repo, tmp_path, f"某县政务公开分工方案\n一、任务\n1.做好预算公开。{marker}\n")
    assert tasks["imp-01"]["units"] == units and "detail" not in tasks["imp-01"], tasks


def test_page_numbers_in_every_dash(repo, tmp_path):
    text = "某县政务公开实施方案\n一、任务\n1.规范政策解读，坚持政策文件与解读方案、解读材料同步组织、同步审签，提高解读质量和实\n- 4 -\n效。〔责任单位：县政府办〕\n"
    tasks, _r = imported(repo, tmp_path, text)
    assert tasks["imp-01"]["detail"].endswith("提高解读质量和实效。"), tasks


def test_who_in_words_with_a_deadline_and_a_marker_cut_by_a_line_break(repo, tmp_path):
    """t6 (session 11): （…牵头，…按职责分工负责；完成时限：…） and （…负责，2030年12月底前完成） were no markers (the item
    was dropped, said to have no units); a marker a PDF's line break cut (〔责任单位： ⏎ 县财政局〕) lost the item,
    完成时限： ⏎ 长期〕 the deadline; a bare page number line (3) cut an item."""
    text = ("某县政务公开工作要点\n一、任务\n1.做好农业公开。（县财政局牵头，县审计局按职责分工负责；完成时限：2030年11月30日前）\n"
            "2.做好预算公开。（县财政局负责，2030年12月底前完成）\n"
            "3.做好决算公开，坚持政策文件与解读方案、解读材料同步组织、同步审签。〔责任单位：\n县财政局、县审计局；完成时限：\n长期〕\n"
            "4.做好审计公开，坚持政策文件与解读方案、解读材料同步组织、同步审签，提高\n3\n质量。〔责任单位：县审计局〕\n")
    tasks, _r = imported(repo, tmp_path, text)
    assert [(t["units"], t.get("deadline")) for t in tasks.values()] == [
        (["县财政局", "县审计局"], "2030年11月30日前"), (["县财政局"], "2030年12月底前完成"),
        (["县财政局", "县审计局"], "长期"), (["县审计局"], None)], tasks
    assert tasks["imp-04"]["title"].endswith("提高质量"), tasks


def test_three_levels_of_word_numbering(repo, tmp_path):
    """t6 (session 11): 一、/（一）/1. all numbered by Word gave the 一、 level as every category."""
    import docx

    d = docx.Document()
    d.add_paragraph("某县政务公开工作要点")

    def listed(text: str, level: int) -> None:
        p = d.add_paragraph(text, style="List Number")
        p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = level

    listed("加大主动公开力度", 0)
    listed("深化财政信息公开", 1)
    listed("公开部门预算。〔责任单位：县财政局〕", 2)
    listed("深化审计信息公开", 1)
    listed("公开审计结果。〔责任单位：县审计局〕", 2)
    src = tmp_path / "要点.docx"
    d.save(src)
    assert run_gk("import", str(src), "--plan", "imp", cwd=repo).returncode == 0
    tasks = tasks_of(repo / "data" / "tasks" / "imp.yaml")
    assert [t.get("category") for t in tasks.values()] == ["深化财政信息公开", "深化审计信息公开"], tasks


def test_the_deadline_hint_names_the_plans_year(repo, tmp_path):
    _tasks, r = imported(repo, tmp_path, "某县2031年政务公开工作要点\n一、任务\n1.公开部门预算。〔责任单位：县财政局〕\n")
    assert "如 --deadline 2031年底前" in r.stderr, r.stderr


def test_a_plan_too_big_to_read_back_is_said_so_not_a_defect(repo, tmp_path):
    """t5 (session 11): one item of 2.5 MB made a plan over gk's file limit, said as “这是 gk 的缺陷”."""
    src = tmp_path / "方案.txt"
    src.write_text("方案\n一、任务\n1.做好" + "很长的工作内容，" * 120_000 + "。〔责任单位：县财政局〕\n", encoding="utf-8")
    r = run_gk("import", str(src), "--plan", "imp", cwd=repo)
    assert r.returncode == 2 and "超过 gk 读取数据文件的上限" in r.stderr and "缺陷" not in r.stderr, r.stderr


def test_spaces_a_pdf_copy_left_between_chinese_words_are_not_kept(repo, tmp_path):
    """t2 (session 11): 加强 政务 公开 平台建设 , 做好… came into the title as copied; a marker's spaces still part units."""
    tasks, _r = imported(repo, tmp_path, "某县政务公开实施方案\n一、任务\n1.加强 政务 公开 平台建设 , 做好 网站集约化。〔责任单位：县财政局 县审计局〕\n")
    assert tasks["imp-01"]["title"] == "加强政务公开平台建设,做好网站集约化" and tasks["imp-01"]["units"] == ["县财政局", "县审计局"], tasks


def test_an_item_in_a_word_text_box_is_read(repo, tmp_path):
    """t2 (session 11): an item a clerk put in a text box was left out without a word."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("某县政务公开实施方案")
    d.add_paragraph("一、主要任务")
    d.add_paragraph("1.做好预算公开。〔责任单位：县财政局〕")
    box = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>2.做好审计公开。〔责任单位：县审计局〕</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>')
    d.paragraphs[-1]._p.addnext(box)
    src = tmp_path / "方案.docx"
    d.save(src)
    assert run_gk("import", str(src), "--plan", "imp", cwd=repo).returncode == 0
    assert [t["units"] for t in tasks_of(repo / "data" / "tasks" / "imp.yaml").values()] == [["县财政局"], ["县审计局"]]


def test_the_deadline_hint_takes_the_year_of_the_issue_date_read_from_the_file(repo, tmp_path):
    """t7 (session 11): a plan the file says was issued 2023年3月28日 was told “如 --deadline 2026年底前” (the clock's
    year): copied, it would give a 2023 plan 2026 deadlines."""
    text = "某县政务公开分工方案\n某县人民政府办公室\n2023年3月28日\n一、任务\n1.公开部门预算。〔责任单位：县财政局〕\n"
    _tasks, r = imported(repo, tmp_path, text)
    assert "如 --deadline 2023年底前" in r.stderr, r.stderr
