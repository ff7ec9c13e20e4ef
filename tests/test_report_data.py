"""Report data (reports/data.py): the figures themselves, on the sample repo's demo progress."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gkcli.errors import GkError
from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.reports import data as rd
from gkcli.reports.provenance import Provenance

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"
PROV = Provenance("0123abcdef", False, "test")


@pytest.fixture(scope="module")
def model():
    return build(load(SAMPLE))


@pytest.fixture(scope="module")
def q3(model):
    return rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV)


def test_counts_add_up(q3):
    total = q3.summary[0]
    assert total.level == 0 and total.label == "合计"
    assert sum(f.value for f in total.values) == total.total.value == len(q3.tasks)
    plans = [r for r in q3.summary if r.level == 1]
    assert sum(p.total.value for p in plans) == total.total.value
    for k, _ in rd.COLUMNS:
        assert sum(p.cells[k].value for p in plans) == total.cells[k].value
    # each plan's categories add up to the plan
    for i, row in enumerate(q3.summary):
        if row.level == 1:
            cats = []
            for nxt in q3.summary[i + 1:]:
                if nxt.level != 2:
                    break
                cats.append(nxt)
            assert sum(c.total.value for c in cats) == row.total.value


def test_quarter_figures(q3):
    by_id = {t.id: t for t in q3.tasks}
    assert by_id["xh2023-14"].key == "done"  # its only unit reported done on 2023-09-12, due 2023-12-31
    assert by_id["xh2021-10"].key == "done_late"  # done 2023-04-18, due 2022-06-30
    assert by_id["xh2023-26"].key == "done"  # both units done before 2023-09-10
    assert by_id["xh2021-13"].key == "overdue" and by_id["xh2021-13"].done == 1  # one of six units
    overdue = [t.id for t in q3.overdue]
    assert "xh2023-27" in overdue and all(by_id[i].key == "overdue" for i in overdue)
    assert q3.overdue[0].days_overdue >= q3.overdue[-1].days_overdue  # most overdue first
    assert q3.summary[0].rate.value == f"{100 * 5 / 71:.1f}%"  # (2 done + 3 done late) ÷ 71 with a due date


def test_submissions_not_reported_and_late(q3, model):
    units = [s.unit for s in q3.submissions]
    assert units == ["县政府办", "县司法局", "县财政局", "县行政审批局", "县政府信息公开办", "蒲江街道"]  # units-file order
    assert q3.late_submissions == ["县财政局"]  # submitted 2023-10-16, the window closed 2023-10-10
    assert "县政府办" not in q3.not_reported and "县审计局" in q3.not_reported
    assert len(q3.not_reported) + len(q3.submissions) == len(model.resolver.unit_names())
    gov = q3.submissions[0]
    e = next(e for e in gov.entries if e.task == "xh2023-27")
    assert e.status == "已完成" and e.date == dt.date(2023, 9, 18)
    assert e.evidence[0].href and e.evidence[0].href.startswith("https://")
    office = next(s for s in q3.submissions if s.unit == "县政府信息公开办")
    path_ev = office.entries[0].evidence[0]
    assert path_ev.href is None and path_ev.text.startswith("evidence/")  # a repo path is shown, not linked


def test_changes_since_previous_quarter(q3):
    ch = {c.id: c for c in q3.changes}
    assert ch["xh2023-14"].before == "未启动" and ch["xh2023-14"].after == "已完成" and ch["xh2023-14"].better
    assert ch["xh2023-27"].after == "已逾期" and not ch["xh2023-27"].better
    assert "xh2021-10" not in ch  # done late already in Q2
    assert q3.previous_label == "2023年第二季度" and q3.previous_as_of == dt.date(2023, 6, 30)


def test_plans_that_came_into_force_this_quarter_are_named_beside_the_changes(model):
    """2023Q1: xh2023 and wp2023 (no issued_on) count from 2023-01-01, so on 2022-12-31 their tasks had
    no state: the report names the two plans beside the comparison instead of leaving them unsaid."""
    q1 = rd.quarterly(model, Quarter(2023, 1), dt.date(2023, 3, 31), PROV)
    assert [(p.title, p.tasks) for p in q1.new_plans] == [
        ("2023年全县政务公开工作要点", 20), ("宣汉县深化政务公开促进基层政府治理能力提升实施方案", 33)]
    assert not any(c.id.startswith(("xh2023", "wp2023")) for c in q1.changes)
    q2 = rd.quarterly(model, Quarter(2023, 2), dt.date(2023, 6, 30), PROV)
    assert q2.new_plans == []


def test_every_figure_points_at_the_line_it_was_counted_from(q3):
    """Traceability: each source is file:line, and that line is the task's id or the entry's task."""
    seen = 0
    for f in [q3.summary[0].total, *(t.source for t in q3.tasks), *(e.source for s in q3.submissions for e in s.entries)]:
        for src in f.sources:
            file, line = src.rsplit(":", 1)
            text = (SAMPLE / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
            assert re.search(r"\b(id|task):\s*\S+", text), (src, text)
            seen += 1
    assert seen > 100
    e = next(e for s in q3.submissions for e in s.entries if e.task == "xh2023-27")
    file, line = e.source.sources[0].rsplit(":", 1)
    assert file == "data/progress/2023Q3/县政府办.yaml"
    assert "xh2023-27" in (SAMPLE / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_unit_report(model):
    rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit="宣汉县行政审批局")  # the full name
    assert rep.meta.unit == "县行政审批局"
    assert rep.meta.title.startswith("县行政审批局2023年第三季度")
    assert rep.meta.office == "宣汉县行政审批局"  # the 落款: the unit's full name (units.yaml full_name)
    assert [s.unit for s in rep.submissions] == ["县行政审批局"]
    assert rep.not_reported == []
    assert rep.assignments and all(a.id for a in rep.assignments)
    a = next(a for a in rep.assignments if a.id == "xh2021-13")
    assert a.key == "done_late" and a.is_lead


def test_a_groups_report_is_signed_by_the_office(model):
    """A group (先行单位, 各乡镇（街道）) is no issuing body: its report is signed by the office that compiles it
    (it was signed 各乡镇人民政府、街道办事处); a unit signs its own with its full name."""
    assert rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit="先行单位").meta.office == "宣汉县人民政府办公室"
    assert rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit="县司法局").meta.office != "宣汉县人民政府办公室"


def test_unit_report_of_an_unknown_unit(model):
    with pytest.raises(GkError) as e:
        rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), PROV, unit="县审批")
    assert "找不到单位" in e.value.message


def test_plans_issued_later_are_left_out(make_repo):
    root = make_repo(
        {
            "data/units/u.yaml": "units:\n  - {name: 县政府办, kind: office}\n",
            "data/tasks/a.yaml": """
                plan: {id: a, title: 甲方案, issued_on: 2023-01-10}
                tasks:
                  - {id: a-1, title: 任务一, units: [县政府办], deadline: 2023-06-30}
            """,
            "data/tasks/b.yaml": """
                plan: {id: b, title: 乙方案, issued_on: 2023-11-01}
                tasks:
                  - {id: b-1, title: 任务二, units: [县政府办], deadline: 2023-12-31}
            """,
        }
    )
    rep = rd.quarterly(build(load(root)), Quarter(2023, 3), dt.date(2023, 9, 30), PROV)
    assert [t.id for t in rep.tasks] == ["a-1"]
    assert any("乙方案" in n for n in rep.notes)
    assert rep.meta.county == "测试县"


def test_annual_report(model):
    rep = rd.annual(model, 2023, dt.date(2023, 12, 31), PROV)
    assert [p["id"] for p in rep.plans] == [p.plan.id for p in model.repo.plans]
    done = {t.id for t in rep.done_in_year}
    assert {"xh2023-14", "xh2023-19", "xh2023-23"} <= done
    assert [q.quarter for q in rep.quarters] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    q4 = rep.quarters[3]
    assert q4.filed == 3 and q4.owing == len(model.resolver.unit_names())
    s = rep.statutory
    assert s.present and s.valid and s.problems == [] and s.warnings == []
    assert s.title == "宣汉县人民政府2023年政府信息公开工作年度报告"
    assert [r["label"] for r in s.table3][0] == "一、本年新收政府信息公开申请数量"
    assert len(s.table3) == 25 and all(len(r["figs"]) == 7 for r in s.table3)
    assert [f.value for f in s.table3[0]["figs"]] == [57, 9, 3, 2, 5, 4, 80]
    assert len(s.table4_flat) == 15
    assert str(s.table2[3]["rows"][0]["figs"][0]) == "10.75"
    assert s.table3[0]["figs"][0].sources[0].startswith("data/annual/2023.yaml:")
    # the label cells of the official layout: 三、本年度办理结果 spans the 22 result rows
    first_result = s.table3[2]["cells"]
    assert first_result[0] == {"text": "三、本年度办理结果", "rowspan": 22, "colspan": 1}


def test_annual_report_without_figures():
    model = build(load(ROOT))
    rep = rd.annual(model, 2023, dt.date(2023, 12, 31), PROV)
    assert rep.statutory is not None and not rep.statutory.present
    assert rep.statutory.file == "data/annual/2023.yaml"


def test_county_from_the_office_when_gk_toml_is_silent(make_repo):
    root = make_repo(
        {
            "gk.toml": 'office = "宣汉县人民政府办公室"\n',
            "data/units/u.yaml": "units:\n  - {name: 县政府办, kind: office}\n",
        }
    )
    assert rd.county_of(build(load(root))) == "宣汉县"


def test_a_missed_round_of_a_recurring_task_is_in_the_report(make_repo):
    """Judged on its current round a 每半年 task is 临期 or 未启动; the round its units missed is
    listed by the report (and the Word, HTML and Markdown say so), as gk status does."""
    root = make_repo(
        {
            "data/units/u.yaml": "units:\n  - {name: 县政府办, kind: office}\n  - {name: 县财政局, kind: department}\n",
            "data/tasks/a.yaml": """
                plan: {id: a, title: 甲方案, issued_on: 2023-01-10}
                tasks:
                  - {id: a-1, title: 开展政府开放日活动, units: [县政府办, 县财政局], deadline: 每半年}
            """,
            "data/progress/2023Q2/县政府办.yaml": """
                unit: 县政府办
                period: 2023Q2
                entries:
                  - {task: a-1, status: done, date: 2023-06-20}
            """,
        }
    )
    rep = rd.quarterly(build(load(root)), Quarter(2023, 3), dt.date(2023, 9, 30), PROV)
    assert [(m.id, m.due, m.units, m.who) for m in rep.missed] == [("a-1", dt.date(2023, 6, 30), ["县财政局"], "县财政局")]
    assert rep.overdue == []
    from gkcli.reports import publish

    for fmt in ("md", "html", "docx"):
        out = publish.render(rep, fmt, root)
        if fmt == "docx":
            import io

            import docx

            d = docx.Document(io.BytesIO(out))
            text = "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
        else:
            text = out.decode("utf-8")
        assert "1 项周期性任务上一期有单位未完成" in text.replace("1项", "1 项") and "县财政局" in text and "2023-06-30" in text, fmt


def test_an_annual_report_made_in_the_last_quarters_window_says_units_may_still_file(model):
    made_early = Provenance("0123abcdef", False, "test", dt.date(2024, 1, 5))
    rep = rd.annual(model, 2023, dt.date(2023, 12, 31), made_early)
    assert any("2023年第四季度的报送期到 2024年1月10日 截止" in n for n in rep.notes), rep.notes
    late = rd.annual(model, 2023, dt.date(2023, 12, 31), Provenance("0123abcdef", False, "test", dt.date(2024, 3, 1)))
    assert not any("报送期到" in n for n in late.notes)


def test_submissions_as_of_a_day_leave_out_later_entries_and_mark_others_tasks(make_repo):
    """Section 四 shows what a unit had filed as of the day judged (an entry dated later is
    not yet there, as in every figure); an entry for a task that is not the unit's is shown
    but marked as not counted (DESIGN: progress from an unlisted unit)."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县司法局, kind: department}\n",
        "data/tasks/p.yaml": """
            plan: {id: p2023, title: 截止, issued_on: 2023-01-01}
            tasks:
              - {id: p2023-01, title: 甲, units: [县财政局], deadline: 2023-09-30}
              - {id: p2023-02, title: 乙, units: [县司法局], deadline: 2023-09-30}
            """,
        "data/progress/2023Q3/县财政局.yaml": """
            unit: 县财政局
            period: 2023Q3
            submitted_on: 2023-10-08
            entries:
              - {task: p2023-01, status: in_progress, date: 2023-09-01}
              - {task: p2023-01, status: done, date: 2023-09-20}
              - {task: p2023-02, status: done, date: 2023-09-02}
            """,
    })
    m = build(load(root, cache=False))
    r = rd.quarterly(m, Quarter(2023, 3), dt.date(2023, 9, 10), PROV)
    (sub,) = r.submissions
    assert [(e.task, e.status, e.date.day) for e in sub.entries] == [
        ("p2023-01", "推进中", 1), ("p2023-02", "已完成（非本单位任务，未计入）", 2)]
    assert sub.omitted == "另有 1 项进展的日期在 2023-09-10 之后，未列入。"
    r = rd.quarterly(m, Quarter(2023, 3), dt.date(2023, 9, 30), PROV)
    assert [e.status for e in r.submissions[0].entries] == ["推进中", "已完成", "已完成（非本单位任务，未计入）"]
    assert r.submissions[0].omitted == ""


def test_a_file_of_no_one_unit_is_no_units_submission(make_repo):
    """A progress file whose unit is unknown (GK202) or a group (GK401) counts for nobody: no section
    of its own in 四, not among the units that reported."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 城关镇, kind: township}\n"
                             "groups:\n  - {name: 各乡镇, members: {kind: [township]}}\n",
        "data/tasks/p.yaml": "plan: {id: p2023, title: 甲, issued_on: 2023-01-01}\ntasks:\n"
                             "  - {id: p2023-01, title: 甲, units: [县财政局, 各乡镇], deadline: 2023-12-31}\n",
        **{f"data/progress/2023Q3/{u}.yaml": f"unit: {u}\nperiod: 2023Q3\nsubmitted_on: 2023-10-05\n"
                                             "entries:\n  - {task: p2023-01, status: done, date: 2023-09-01}\n"
           for u in ("县财政局", "县不存在局", "各乡镇")},
    })
    r = rd.quarterly(build(load(root, cache=False)), Quarter(2023, 3), dt.date(2023, 9, 30), PROV)
    assert [s.unit for s in r.submissions] == ["县财政局"]


def test_reports_follow_a_plans_end(make_repo):
    """The reports judge with the status core: after plan.ends_on a recurring task's last round
    is overdue (not due again this year), and its units owe no progress file for later quarters."""
    root = make_repo(
        {
            "data/units/u.yaml": "units:\n  - {name: 县政府办, kind: office}\n  - {name: 县财政局, kind: department}\n",
            "data/tasks/a.yaml": """
                plan: {id: a, title: 甲方案, issued_on: 2023-01-10, ends_on: 2023-12-31}
                tasks:
                  - {id: a-1, title: 开展政府开放日活动, units: [县政府办], deadline: 每年}
                  - {id: a-2, title: 做好政策解读, units: [县政府办], deadline: 长期}
            """,
            "data/tasks/b.yaml": """
                plan: {id: b, title: 乙方案, issued_on: 2023-01-10}
                tasks:
                  - {id: b-1, title: 公开预决算, units: [县财政局], deadline: 长期}
            """,
        }
    )
    m = build(load(root))
    rep = rd.quarterly(m, Quarter(2024, 2), dt.date(2024, 6, 30), PROV)
    assert [(t.id, t.due) for t in rep.overdue] == [("a-1", dt.date(2023, 12, 31))]
    assert rep.not_reported == ["县财政局"]
    year = rd.annual(m, 2024, dt.date(2024, 12, 31), PROV)
    assert [q.not_reported for q in year.quarters] == [["县财政局"]] * 4
    assert rd.annual(m, 2023, dt.date(2023, 12, 31), PROV).quarters[3].not_reported == ["县政府办", "县财政局"]


GROUP_REPO = {
    "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 甲镇, kind: township}\n"
                         "  - {name: 乙镇, kind: township}\n  - {name: 丙街道, kind: street}\n"
                         "groups:\n  - {name: 各乡镇（街道）, members: {kind: [township, street]}}\n",
    "data/tasks/p.yaml": "plan: {id: p2024, title: 甲, issued_on: 2024-01-01}\ntasks:\n"
                         "  - {id: p2024-01, title: 乡镇任务, units: [各乡镇（街道）, 县财政局], deadline: 2024-12-31}\n"
                         "  - {id: p2024-02, title: 财政任务, units: [县财政局], deadline: 2024-12-31}\n",
    "data/progress/2024Q1/甲镇.yaml": "unit: 甲镇\nperiod: 2024Q1\nsubmitted_on: 2024-04-02\n"
                                    "entries:\n  - {task: p2024-01, status: in_progress, date: 2024-03-01}\n",
    "data/progress/2024Q1/甲镇.yml": "unit: 甲镇\nperiod: 2024Q1\nsubmitted_on: 2024-04-03\n"  # a second file (GK401): counted, one unit
                                   "entries:\n  - {task: p2024-01, status: in_progress, date: 2024-03-02}\n",
    "data/progress/2024Q1/丙街道.yaml": "unit: 丙街道\nperiod: 2024Q1\nsubmitted_on: 2024-04-02\n"
                                     "entries:\n  - {task: p2024-01, status: cancelled, date: 2024-03-01}\n",  # dropped (GK105)
}


def test_units_that_filed_are_counted_once_and_a_group_names_its_members_that_did_not(make_repo, gk):
    """本季度 N 个单位报送了进度 counted files (甲镇 twice: 3 of 4 units, with 乙镇 and 县财政局 unfiled); a
    group's report said the whole group had not filed when one member had not; a file whose one entry was
    wrong read as having none; each member of a leading group leads its part, and the group's name keeps its bracket."""
    root = make_repo(GROUP_REPO)
    m = build(load(root, cache=False))
    r = rd.quarterly(m, Quarter(2024, 1), dt.date(2024, 3, 31), PROV)
    assert r.filed_units == ["甲镇", "丙街道"] and len(r.submissions) == 3
    (bad,) = [s for s in r.submissions if s.unit == "丙街道"]
    assert not bad.entries and "1 处错误" in bad.omitted
    md = gk("report", "--quarter", "2024Q1", "--as-of", "2024-03-31", "--data", str(root)).stdout
    assert "本季度 2 个单位报送了进度，2 个单位未报送" in md and "（该文件没有进度条目）" not in md
    g = rd.quarterly(m, Quarter(2024, 1), dt.date(2024, 3, 31), PROV, unit="各乡镇（街道）")
    assert g.not_reported == ["乙镇"]
    assert sorted((a.status.split("：")[0], a.is_lead, a.lead_text) for a in g.assignments) == [
        (u, True, "各乡镇（街道）（本单位牵头）") for u in ("丙街道", "乙镇", "甲镇")]
    md = gk("report", "--quarter", "2024Q1", "--as-of", "2024-03-31", "--unit", "各乡镇（街道）", "--data", str(root)).stdout
    assert "以下 1 个单位未报送2024年第一季度工作进度：乙镇（各乡镇（街道）的 3 个单位中 2 个已报送）。" in md
    assert "各乡镇（街道）未报送" not in md
    one = rd.quarterly(m, Quarter(2024, 1), dt.date(2024, 3, 31), PROV, unit="乙镇")
    assert [(a.is_lead, a.status) for a in one.assignments] == [(True, "未启动")]


def test_status_says_an_entry_of_a_unit_not_on_the_task(make_repo, gk):
    """An entry for a task that is not the unit's (GK403, an error) counts for nobody: gk status says a
    data error was left out, as for GK401/GK402 (it was silent)."""
    files = dict(GROUP_REPO)
    files["data/progress/2024Q1/丙街道.yaml"] = files["data/progress/2024Q1/丙街道.yaml"].replace(
        "{task: p2024-01, status: cancelled", "{task: p2024-02, status: done")
    root = make_repo(files)
    p = gk("status", "--as-of", "2024-04-15", "--data", str(root))
    assert p.returncode == 0 and "GK403" in p.stderr and "丙街道 不是任务 p2024-02 的责任单位" in p.stderr, p.stderr


def test_the_annual_report_lists_every_round_of_a_recurring_task_missed_in_the_year(make_repo):
    """Judged on 12-31, a status knows the round before its own only (Q3): the missed Q1 and Q2 rounds
    vanished from the annual report. Each round due in the year before the last is there, with who missed it."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县教育局, kind: department}\n",
        "data/tasks/p.yaml": "plan: {id: p2024, title: 甲, issued_on: 2024-01-01}\ntasks:\n"
                             "  - {id: p2024-01, title: 季度公开, units: [县财政局, 县教育局], deadline: 每季度}\n"
                             "  - {id: p2024-02, title: 年度公开, units: [县财政局], deadline: 2024年6月底前}\n",
        **{f"data/progress/2024Q{q}/县财政局.yaml": f"unit: 县财政局\nperiod: 2024Q{q}\nsubmitted_on: 2024-{3 * q:02d}-28\n"
           f"entries:\n  - {{task: p2024-01, status: done, date: 2024-{3 * q:02d}-20}}\n" for q in (1, 2, 3, 4)},
        "data/progress/2024Q2/县教育局.yaml": "unit: 县教育局\nperiod: 2024Q2\nsubmitted_on: 2024-06-28\n"
                                          "entries:\n  - {task: p2024-01, status: done, date: 2024-06-20}\n",
    })
    r = rd.annual(build(load(root, cache=False)), 2024, dt.date(2024, 12, 31), PROV)
    assert [(m.id, m.due.isoformat(), m.units) for m in r.missed] == [
        ("p2024-01", "2024-03-31", ["县教育局"]), ("p2024-01", "2024-09-30", ["县教育局"])]
    r = rd.annual(build(load(root, cache=False)), 2024, dt.date(2024, 5, 15), PROV)
    assert [(m.id, m.due.isoformat()) for m in r.missed] == [("p2024-01", "2024-03-31")]


def test_tasks_due_on_the_day_judged_and_not_done_are_listed_apart(make_repo):
    """Judged on 12-31 (the annual report's day), a task due that day and not done is 临期 (DESIGN: the due
    day counts), yet the report is read after it: listed apart from the overdue ones, not lost among 临期."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/p.yaml": "plan: {id: p2024, title: 甲, issued_on: 2024-01-01}\ntasks:\n"
                             "  - {id: p2024-01, title: 年底任务, units: [县财政局], deadline: 2024年12月底前}\n"
                             "  - {id: p2024-02, title: 季度任务, units: [县财政局], deadline: 每季度}\n"
                             "  - {id: p2024-03, title: 明年任务, units: [县财政局], deadline: 2025年1月底前}\n",
    })
    m = build(load(root, cache=False))
    r = rd.annual(m, 2024, dt.date(2024, 12, 31), PROV)
    assert [t.id for t in r.due_on_day] == ["p2024-01", "p2024-02"] and not r.overdue
    q = rd.quarterly(m, Quarter(2024, 4), dt.date(2024, 12, 31), PROV)
    assert [t.id for t in q.due_on_day] == ["p2024-01", "p2024-02"]
    assert rd.annual(m, 2024, dt.date(2024, 12, 30), PROV).due_on_day == []


def test_the_annual_report_names_the_units_that_never_filed_in_the_year(make_repo):
    """Each quarter's row lists who did not file; the office's first call is who filed nothing all year."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县教育局, kind: department}\n"
                             "  - {name: 县民政局, kind: department}\n",
        "data/tasks/p.yaml": "plan: {id: p2024, title: 甲, issued_on: 2024-01-01}\ntasks:\n"
                             "  - {id: p2024-01, title: 公开, units: [县财政局, 县教育局, 县民政局], deadline: 长期}\n",
        "data/progress/2024Q1/县财政局.yaml": "unit: 县财政局\nperiod: 2024Q1\nentries:\n  - {task: p2024-01, status: in_progress, date: 2024-03-01}\n",
        "data/progress/2024Q3/县教育局.yaml": "unit: 县教育局\nperiod: 2024Q3\nentries:\n  - {task: p2024-01, status: in_progress, date: 2024-09-01}\n",
    })
    r = rd.annual(build(load(root, cache=False)), 2024, dt.date(2024, 12, 31), PROV)
    assert r.never_filed == ["县民政局"]


def test_the_annual_report_made_early_lists_only_the_quarters_ended(make_repo):
    """Made on 04-01 (--as-of), the annual report had a 2024年第二季度 row the day that quarter began: 1 of 7
    filed, 6 未报送. A quarter under way owes nothing yet."""
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/p.yaml": "plan: {id: p2024, title: 甲, issued_on: 2024-01-01}\ntasks:\n"
                             "  - {id: p2024-01, title: 公开, units: [县财政局], deadline: 长期}\n",
    })
    r = rd.annual(build(load(root, cache=False)), 2024, dt.date(2024, 4, 1), PROV)
    assert [q.quarter for q in r.quarters] == ["2024Q1"]
    assert [q.quarter for q in rd.annual(build(load(root, cache=False)), 2024, dt.date(2024, 12, 31), PROV).quarters] == [
        "2024Q1", "2024Q2", "2024Q3", "2024Q4"]


def test_a_round_nearly_every_unit_missed_names_the_few_that_did_it():
    """58 names of 59 in one cell made a Word table row longer than a page: the few that did it are named instead."""
    row = rd.MissedRow("t-1", "甲", "县政府办", "每季度", dt.date(2023, 9, 30), [f"单位{i}" for i in range(58)], None, 59, ["县政府办"])
    assert row.who == "除县政府办外的 58 个责任单位"
    assert rd.MissedRow("t-1", "甲", "", "", dt.date(2023, 9, 30), ["甲", "乙"], None, 3, ["丙"]).who == "甲、乙"
