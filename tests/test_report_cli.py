"""`gk report` on the command line: formats by extension, options, errors, traceability."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from conftest import git, run_gk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"


@pytest.fixture
def sample(tmp_path):
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return root


def test_markdown_to_stdout_by_default(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("# 宣汉县2023年第三季度政务公开工作开展情况报告\n")
    assert "统计截止：2023年9月30日（2023-09-30）" in p.stdout


@pytest.mark.parametrize("ext, check", [
    ("md", lambda b: b.decode("utf-8").startswith("# ")),
    ("markdown", lambda b: b.decode("utf-8").startswith("# ")),
    ("html", lambda b: b.decode("utf-8").startswith("<!DOCTYPE html>")),
    ("HTML", lambda b: b"<svg" in b),
    ("docx", lambda b: b[:2] == b"PK"),
])
def test_the_extension_picks_the_format(gk, sample, tmp_path, ext, check):
    out = tmp_path / f"report.{ext}"
    p = gk("report", "--year", "2023", "--data", str(sample), "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert check(out.read_bytes())
    assert p.stdout == "" and f"已生成 {out}" in p.stderr


@pytest.mark.parametrize("args, message", [
    (["-o", "r.pdf"], "不支持的输出格式 .pdf"),
    (["-o", "report"], "不支持的输出格式 （无扩展名）"),
    (["--unit", "县财正局"], "找不到单位“县财正局”"),
    (["--as-of", "2023-06-01"], "早于报告期开始"),
    (["--as-of", "2023-13-01"], "不是有效日期"),
])
def test_bad_arguments_are_one_chinese_line(gk, sample, args, message):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample), *args, cwd=sample)
    assert p.returncode == 2
    assert message in p.stderr and "Traceback" not in p.stderr
    assert p.stderr.startswith("gk: 错误：")


def test_a_missing_output_folder_is_made_as_export_and_lint_do(gk, sample, tmp_path):
    out = tmp_path / "no" / "such" / "r.md"
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample), "-o", str(out))
    assert p.returncode == 0 and out.read_text(encoding="utf-8").startswith("#"), p.stderr


def test_a_report_never_replaces_a_file_without_force(gk, sample, tmp_path):
    """A Word report someone typed a paragraph into was replaced without a word (export refused
    the same): now refused, and --force keeps the old file beside the new one."""
    out = tmp_path / "2023Q3.docx"
    out.write_bytes(b"edited by hand")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample), "-o", str(out))
    assert p.returncode == 2 and "已存在，未覆盖" in p.stderr and "--force" in p.stderr, p.stderr
    assert out.read_bytes() == b"edited by hand"
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample), "-o", str(out), "--force")
    assert p.returncode == 0, p.stderr
    (backup,) = tmp_path.glob("2023Q3.备份-*.docx")
    assert backup.read_bytes() == b"edited by hand" and out.read_bytes()[:2] == b"PK"
    assert f"原文件另存为 {backup}" in p.stderr


def test_a_rollup_writes_no_file_when_one_is_there(gk, tmp_path):
    """Several counties with -o: one file already there stops them all, before any is written."""
    import shutil

    from conftest import ROOT

    for name in ("a", "b"):
        shutil.copytree(ROOT / "data", tmp_path / name / "data")
        (tmp_path / name / "gk.toml").write_text(f'county = "{name}县"\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r-汇总.md").write_text("mine", encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(tmp_path / "a"), "--data", str(tmp_path / "b"), "-o", str(out / "r.md"))
    assert p.returncode == 2 and "r-汇总.md 已存在" in p.stderr, p.stderr
    assert sorted(x.name for x in out.iterdir()) == ["r-汇总.md"]
    p = gk("report", "--year", "2023", "--data", str(tmp_path / "a"), "--data", str(tmp_path / "b"), "-o", str(out / "r.md"), "--force")
    assert p.returncode == 0, p.stderr
    assert len(list(out.glob("r-*.md"))) == 4  # two counties, the roll-up, the backup


def test_unknown_unit_suggests(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample), "--unit", "县财正局")
    assert "县财政局" in p.stderr  # did you mean


@pytest.mark.parametrize("args, message", [
    ([], "请给出 --quarter 或 --year"),
    (["--quarter", "2023Q3", "--year", "2023"], "只能给出其中一个"),
    (["--quarter", "2023Q5"], "一年只有 Q1—Q4 四个季度"),
    (["--quarter", "2023-3"], "2023Q3 这样的形式"),
    (["--quarter", "三季度"], "2023Q3 这样的形式"),
    (["--quarter", "24Q1"], "也可写 --quarter 2023年第三季度"),  # the option takes it: the hint says so
    (["--year", "23"], "年份 23 不对（写四位数的年份）"),
])
def test_period_arguments(gk, sample, args, message):
    p = gk("report", "--data", str(sample), *args)
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr


def test_as_of_and_gk_today(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--as-of", "2023-10-15", "--data", str(sample), env={"GK_TODAY": "2024-01-02"})
    assert p.returncode == 0
    assert "统计截止：2023年10月15日" in p.stdout and "生成日期：2024-01-02" in p.stdout


def test_a_period_not_over_is_judged_as_of_today_and_one_to_come_refused(gk, sample):
    """Judged as of a quarter's end still to come, every open task would be printed overdue as fact."""
    now = gk("report", "--quarter", "2023Q4", "--data", str(sample), env={"GK_TODAY": "2023-11-15"})
    assert now.returncode == 0 and "统计截止：2023年11月15日" in now.stdout
    assert "2023年第四季度尚未结束，按今天（2023-11-15）统计" in now.stderr and "--as-of 2023-12-31" in now.stderr
    year = gk("report", "--year", "2023", "--data", str(sample), env={"GK_TODAY": "2023-11-15"})
    assert year.returncode == 0 and "2023年尚未结束" in year.stderr
    later = gk("report", "--quarter", "2024Q1", "--data", str(sample), env={"GK_TODAY": "2023-11-15"})
    assert later.returncode == 2 and "报告期2024年第一季度尚未开始（今天是 2023-11-15）" in later.stderr, later.stderr
    asked = gk("report", "--quarter", "2023Q4", "--as-of", "2023-12-31", "--data", str(sample), env={"GK_TODAY": "2023-11-15"})
    assert asked.returncode == 0 and "尚未结束" not in asked.stderr and "统计截止：2023年12月31日" in asked.stdout


def test_heading_numbers_in_chinese():
    """二级标题 are （一）…（二十三）, as 公文 number them, in every format (Word wrote （11） past ten)."""
    from gkcli.reports.templating import FILTERS

    assert [FILTERS["cn_index"](n) for n in (1, 10, 11, 20, 23, 59)] == ["一", "十", "十一", "二十", "二十三", "五十九"]


def test_unit_report(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--unit", "县财政局", "--data", str(sample))
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("# 县财政局2023年第三季度政务公开工作开展情况报告")
    assert "### （一）县财政局（2023-10-16 报送，逾期报送" in p.stdout
    assert "## 附表：县财政局承担的任务" in p.stdout
    assert "## 五、报送情况" in p.stdout and "未报送单位" not in p.stdout  # one unit's report: no list heading over it
    late = gk("report", "--quarter", "2023Q3", "--unit", "县委宣传部", "--data", str(sample)).stdout
    assert "## 五、报送情况\n\n县委宣传部未报送2023年第三季度工作进度。" in late


def test_missing_annual_figures_are_named(gk):
    p = gk("report", "--year", "2023", "--data", str(ROOT))
    assert p.returncode == 0
    assert "缺少年度数据" in p.stdout and "data/annual/2023.yaml" in p.stdout
    assert "政府信息公开工作年度报告" in p.stdout
    assert "--init-annual" in p.stderr


def test_an_annual_file_that_is_not_yaml_is_told_as_such_not_as_missing(gk, sample):
    f = sample / "data/annual/2023.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("received:       [57, 9, 3, 2, 5, 4, 80]", "received:       [57, 9, , 2, 5, 4, 80]"), encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(sample))
    assert p.returncode == 0
    assert "年度数据有误" in p.stdout and "GK101" in p.stdout and "缺少年度数据" not in p.stdout
    assert "--init-annual" not in p.stderr  # that would refuse: the file is there


def test_a_stock_warning_is_for_the_office_not_the_published_page(gk, sample):
    f = sample / "data/annual/2023.yaml"
    text = f.read_text(encoding="utf-8")
    assert "normative_documents" in text
    import re

    f.write_text(re.sub(r"(normative_documents: *\{issued: *\d+, *repealed: *\d+, *in_force: *)(\d+)", lambda m: m[1] + str(int(m[2]) + 7), text), encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(sample))
    assert p.returncode == 0 and "GK607" in p.stderr and "可能属实" in p.stderr
    assert "GK607" not in p.stdout


def test_bad_annual_figures_are_shown_not_hidden(gk, sample):
    f = sample / "data/annual/2023.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("received:       [57, 9, 3, 2, 5, 4, 80]", "received:       [58, 9, 3, 2, 5, 4, 80]"), encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(sample))
    assert p.returncode == 0
    assert "发布前请核对" in p.stdout and "GK602" in p.stdout and "data/annual/2023.yaml:" in p.stdout
    assert "2 处数据问题" in p.stderr  # the row (GK602) and the balance (GK603)


# --- traceability: the data's commit, as-of date, gk's version ---------------------------


def commit_of(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def test_commit_of_a_clean_repo(gk, sample):
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "data")
    head = commit_of(sample)
    for fmt in ("md", "html"):
        out = sample / f"r.{fmt}"
        p = gk("report", "--quarter", "2023Q3", "--data", str(sample), "-o", str(out))
        assert p.returncode == 0
        text = out.read_text(encoding="utf-8")
        m = re.search(r"\b([0-9a-f]{7,40})\b", text[text.index("数据版本"):])
        assert m and head.startswith(m[1]) and len(m[1]) >= 7
        assert "含未提交的修改" not in text
        assert "gk 0" in text or "gk 1" in text
    d = docx.Document(str(_docx(gk, sample)))
    assert head[:7] in "\n".join(p.text for p in d.paragraphs)


def _docx(gk, root: Path) -> Path:
    out = root.parent / "r.docx"
    assert gk("report", "--quarter", "2023Q3", "--data", str(root), "-o", str(out)).returncode == 0
    return out


def test_dirty_data_is_said(gk, sample):
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "data")
    (sample / "NOTES.txt").write_text("不是数据\n", encoding="utf-8")  # outside data/: still clean
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert "含未提交的修改" not in p.stdout
    f = sample / "data/progress/2023Q3/县政府办.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "# 改了一行\n", encoding="utf-8")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert f"{commit_of(sample)[:10]}（含未提交的修改）" in p.stdout
    git(sample, "checkout", "--", "data")
    (sample / "data/progress/2023Q3/县审计局.yaml").write_text("unit: 县审计局\nperiod: 2023Q3\nentries: []\n", encoding="utf-8")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert "含未提交的修改" in p.stdout  # a new, untracked progress file


def test_not_a_git_repo(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert "数据版本：非 git 仓库" in p.stdout
    git(sample, "init", "-q")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert "数据版本：git 仓库尚无提交" in p.stdout


def test_builtin_report_names_this_checkout_commit(gk):
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    p = gk("report", "--quarter", "2023Q3", "--data", str(ROOT))
    assert p.returncode == 0
    shown = re.search(r"数据版本：([0-9a-f]{7,40})", p.stdout)
    assert shown and head.stdout.startswith(shown[1])


def test_help_stays_light():
    code = "import sys, gkcli.cli; print(sorted(m for m in ('jinja2', 'docx', 'gkcli.reports') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_report_help_is_chinese(gk):
    p = gk("report", "--help")
    assert p.returncode == 0
    assert "季度报告" in p.stdout and "扩展名决定格式" in p.stdout and "--init-annual" in p.stdout


def test_completion_rate_counts_tasks_with_a_due_date_whatever_their_status(gk, make_repo, tmp_path):
    """A blocked 长期 or 适时 task shows as 受阻 but still has no due date: not in the rate's
    base. Assignments done count as each task's N/M does. A unit whose plans came later owes
    no report (the export says 无需报送, not 已报送)."""
    import openpyxl

    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n  - {name: 县审计局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2023, title: 测试方案, issued_on: 2023-01-10}\ntasks:\n"
                             "  - {id: t2023-01, category: 甲, title: 固定, units: [县财政局], deadline: 2023-06-30}\n"
                             "  - {id: t2023-02, category: 甲, title: 固定二, units: [县财政局], deadline: 2023-06-30}\n"
                             "  - {id: t2023-03, category: 甲, title: 长期受阻, units: [县财政局], deadline: 长期}\n"
                             "  - {id: t2023-04, category: 甲, title: 适时受阻, units: [县财政局], deadline: 适时}\n",
        "data/tasks/n.yaml": "plan: {id: n2023, title: 后印发, issued_on: 2023-10-01}\ntasks:\n"
                             "  - {id: n2023-01, category: 乙, title: 审计, units: [县审计局], deadline: 2024-06-30}\n",
        "data/progress/2023Q3/县财政局.yaml": "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-10-08\nentries:\n"
                                           "  - {task: t2023-01, status: done, date: 2023-06-01}\n"
                                           "  - {task: t2023-03, status: blocked, date: 2023-08-01}\n"
                                           "  - {task: t2023-04, status: blocked, date: 2023-08-01}\n",
    })
    md = gk("report", "--quarter", "2023Q3", cwd=root).stdout
    assert "有完成时限的任务完成率 50.0%" in md, md  # 1 of the 2 dated tasks
    assert "已完成（长期任务为已报告，适时任务为已报完成） 1 项次（25.0%）" in md
    assert gk("export", "-o", str(tmp_path / "t.xlsx"), cwd=root, env={"GK_TODAY": "2023-10-15"}).returncode == 0
    rows = {r[0]: r[-1] for r in openpyxl.load_workbook(tmp_path / "t.xlsx")["按单位汇总"].iter_rows(values_only=True)}
    assert rows["县财政局"] == "已报送" and rows["县审计局"] == "无需报送"


def test_quarter_and_as_of_written_in_chinese(gk, sample):
    a = gk("report", "--quarter", "2023Q3", "--as-of", "2023-10-15", "--data", str(sample))
    b = gk("report", "--quarter", "2023年第三季度", "--as-of", "2023年10月15日", "--data", str(sample))
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


def test_the_offices_text_is_read_as_markdown_or_as_a_gongwen_is(gk, sample, tmp_path):
    """overview: "### （一）…" or a short "（二）…" line is a 楷体 heading; "- " an item that keeps its dash;
    **…** bold in HTML and in Word; raw HTML and the Word writer's own markup stay text."""
    import re

    import docx

    f = sample / "data/annual/2023.yaml"
    text = re.sub(r"overview: [^\n]*\n(?:  [^\n]*\n)*", "overview: |\n  ### （一）主动公开\n  公开 **1200** 条。\n  （二）依申请公开\n  - 列表项一\n  <script>x</script>\n  [[pagebreak]]\n", f.read_text(encoding="utf-8"), count=1)
    f.write_text(text, encoding="utf-8")
    html = gk("report", "--year", "2023", "-o", str(tmp_path / "a.html"), "--data", str(sample))
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert '<h3 class="sub">（一）主动公开</h3>' in page and '<h3 class="sub">（二）依申请公开</h3>' in page
    assert "公开 <strong>1200</strong> 条。" in page and '<p class="lead">- 列表项一</p>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    word = gk("report", "--year", "2023", "-o", str(tmp_path / "a.docx"), "--data", str(sample))
    assert word.returncode == 0, word.stderr
    paras = {p.text: p for p in docx.Document(str(tmp_path / "a.docx")).paragraphs}
    assert "公开 1200 条。" in paras and "- 列表项一" in paras and "[[pagebreak]]" in paras
    assert [r.text for r in paras["公开 1200 条。"].runs if r.bold] == ["1200"]
    heading = paras["（二）依申请公开"]
    assert heading.runs[0]._r.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia").startswith("楷体")


def test_the_statutory_report_on_its_own(gk, sample, tmp_path):
    """The document 条例 asks to publish, without the work report before it: its own title,
    tables and 落款; in every format; refused without usable figures."""
    md = gk("report", "--year", "2023", "--statutory", "--data", str(sample))
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# ") and "政府信息公开工作年度报告" in md.stdout.splitlines()[0]
    assert "各季度进度报送情况" not in md.stdout and "三、收到和处理政府信息公开申请情况" in md.stdout
    assert "数据来源" not in md.stdout and "数据版本" not in md.stdout  # the published page, not the office's draft
    for ext in ("html", "docx"):
        r = gk("report", "--year", "2023", "--statutory", "-o", str(tmp_path / f"s.{ext}"), "--data", str(sample))
        assert r.returncode == 0 and (tmp_path / f"s.{ext}").stat().st_size > 0, r.stderr
    import docx

    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert 'title="来源' not in page and "gk-commit" not in page and "generator" not in page  # no data notes on the published page
    props = docx.Document(str(tmp_path / "s.docx")).core_properties
    assert props.comments == "" and props.last_modified_by == "" and props.created.date().isoformat() == "2024-03-22"  # published_on
    paras = docx.Document(str(tmp_path / "s.docx")).paragraphs
    texts = [p.text for p in paras]
    assert not any("到期任务完成情况" in t for t in texts) and any("政府信息公开工作年度报告" in t for t in texts[:3])
    # table 三's heading is kept with its table (keep-with-next), not forced onto a new page: a hard
    # break left three quarters of a page blank after table 二; never a break of its own either
    three = next(p for p in paras if p.text.startswith("三、"))
    assert three.paragraph_format.keep_with_next and not three.paragraph_format.page_break_before
    assert not any('w:type="page"' in p._p.xml for p in paras)
    assert gk("report", "--quarter", "2023Q3", "--statutory", "--data", str(sample)).returncode == 2
    f = sample / "data/annual/2023.yaml"
    good = f.read_text(encoding="utf-8")
    f.write_text(good.replace("received:       [57, 9, 3, 2, 5, 4, 80]", "received:       [58, 9, 3, 2, 5, 4, 80]"), encoding="utf-8")
    wrong = gk("report", "--year", "2023", "--statutory", "--data", str(sample))
    assert wrong.returncode == 2 and "勾稽关系不成立" in wrong.stderr  # never a published page with sums that fail
    f.write_text(re.sub(r"overview: [^\n]*\n(?:  [^\n]*\n)*", "overview: |\n  （请填写）\n", good, count=1), encoding="utf-8")
    draft = gk("report", "--year", "2023", "--statutory", "--data", str(sample))
    assert draft.returncode == 2 and "请填写" in draft.stderr
    f.write_text(good.replace("regulations:         {issued: 0, repealed: 0, in_force: 0}", "regulations:         {issued: 1, repealed: 0, in_force: 1}")
                 .replace("published_on: 2024-03-22\n", ""), encoding="utf-8")
    warned = gk("report", "--year", "2023", "--statutory", "--data", str(sample))  # GK608 is a warning: said, not refused
    assert warned.returncode == 0 and "GK608" in warned.stderr and "（发布日期）" in warned.stdout, warned.stderr
    f.write_text(good.replace("published_on: 2024-03-22", "published_on: 2024-04-20"), encoding="utf-8")
    late = gk("report", "--year", "2023", "--statutory", "--data", str(sample))  # GK609 too: a late report is still published
    assert late.returncode == 0 and "GK609" in late.stderr and "勾稽关系不成立" not in late.stderr, late.stderr
    f.unlink()
    missing = gk("report", "--year", "2023", "--statutory", "--data", str(sample))
    assert missing.returncode == 2 and "无法单独生成" in missing.stderr and "--init-annual" in missing.stderr


def test_a_report_made_while_the_window_is_open_says_units_may_still_file(gk, sample):
    early = gk("report", "--quarter", "2023Q3", "--data", str(sample), env={"GK_TODAY": "2023-10-05"})
    assert "报送期到 2023年10月10日 截止；本报告生成时（2023年10月5日）尚未报送的单位仍可按期报送" in early.stdout
    later = gk("report", "--quarter", "2023Q3", "--data", str(sample), env={"GK_TODAY": "2023-10-20"})
    assert "仍可按期报送" not in later.stdout


def test_a_report_that_cannot_be_written_is_said_in_chinese(tmp_path):
    """Through gk's one safe writer: the reason in Chinese, the report's own name (no temp file)."""
    from gkcli.errors import GkError
    from gkcli.reports.publish import write_atomic

    out = tmp_path / "报告.html"
    out.write_text("旧的\n", encoding="utf-8")
    out.chmod(0o444)
    with pytest.raises(GkError) as e:
        write_atomic(out, "新的\n".encode())
    assert e.value.message == f"无法写入 {out}：没有权限" and out.read_text(encoding="utf-8") == "旧的\n"


@pytest.mark.parametrize("county, whole", [("通川区", "全区"), ("万源市", "全市"), ("宣汉县", "全县")])
@pytest.mark.parametrize("period", [["--quarter", "2023Q3"], ["--year", "2023"]])
def test_the_whole_county_is_named_as_its_kind(gk, sample, county, whole, period):
    """A district's report says 全区, a county-level city's 全市: not 全县 for every one."""
    toml = sample / "gk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"宣汉县"', f'"{county}"', 1), encoding="utf-8")
    p = gk("report", *period, "--data", str(sample))
    assert p.returncode == 0, p.stderr
    lead = next(line for line in p.stdout.splitlines() if line.startswith("截至"))
    assert f"，{whole}" in lead and ("全县" not in lead or whole == "全县")


def test_unusable_annual_figures_are_said_in_word_and_located_with_statutory(gk, sample, tmp_path):
    """A GK601 problem in the annual file leaves the statutory report out of the Word report: its
    附注 says so (stderr points to the report), as Markdown and HTML do; --statutory names the line."""
    import docx

    f = sample / "data/annual/2023.yaml"
    f.write_text(re.sub(r"  penalties: (\d+)", r"  penalties: -\1", f.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    p = gk("report", "--year", "2023", "--data", str(sample), "-o", str(tmp_path / "y.docx"))
    assert p.returncode == 0 and "见报告中的说明" in p.stderr, p.stderr
    text = [x.text for x in docx.Document(str(tmp_path / "y.docx")).paragraphs]
    note = [x for x in text if "年度数据有误" in x]
    assert note and "data/annual/2023.yaml:17 GK601" in note[0], text[-5:]
    s = gk("report", "--year", "2023", "--statutory", "--data", str(sample))
    assert s.returncode == 2 and "data/annual/2023.yaml:17 GK601" in s.stderr and "Traceback" not in s.stderr, s.stderr


@pytest.mark.parametrize("ext", ["md", "html", "docx"])
def test_plans_new_this_quarter_are_said_in_every_format(gk, sample, tmp_path, ext):
    out = tmp_path / f"q1.{ext}"
    p = gk("report", "--quarter", "2023Q1", "--data", str(sample), "-o", str(out))
    assert p.returncode == 0, p.stderr
    if ext == "docx":
        import docx

        text = "\n".join(par.text for par in docx.Document(str(out)).paragraphs)
    else:
        text = out.read_text(encoding="utf-8")
    assert "本季度开始计入的方案：《2023年全县政务公开工作要点》（20" in text and "不在上面的比较中" in text


def test_an_annual_report_with_figures_but_no_plans_says_so(gk, sample, tmp_path):
    """An office that needs only the 法定 report: no empty heading, no 附件 of an empty table."""
    import docx

    for f in (sample / "data/tasks").glob("*.yaml"):
        f.unlink()
    shutil.rmtree(sample / "data/progress")
    md = gk("report", "--year", "2023", "--data", str(sample))
    assert md.returncode == 0 and "没有在2023年度执行的方案" in md.stdout, md.stderr
    assert gk("report", "--year", "2023", "--data", str(sample), "-o", str(tmp_path / "y.docx")).returncode == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs]
    assert "附件：宣汉县人民政府2023年政府信息公开工作年度报告" in texts, [t for t in texts if "附件" in t]
    assert not any("到期任务完成情况" in t for t in texts) and "附件2" not in texts
    html = gk("report", "--year", "2023", "--data", str(sample), "-o", str(tmp_path / "y.html"))
    assert html.returncode == 0 and "没有在2023年度执行的方案" in (tmp_path / "y.html").read_text(encoding="utf-8")


def test_names_from_gk_toml_and_units_are_text_in_markdown(tmp_path):
    """[report] to = "# 假标题 | <script>…</script> **粗**" became a heading with raw HTML in q.md (md_para is the
    office's own Markdown); a unit's name with | and <br> was printed raw in --unit reports."""
    import shutil

    root = tmp_path / "r"
    shutil.copytree(ROOT / "examples" / "sample-xuanhan", root)
    (root / "gk.toml").write_text((root / "gk.toml").read_text(encoding="utf-8") + '\n[report]\nto = "# 假标题 | <script>x</script> **粗**"\n',
                                  encoding="utf-8")
    md = run_gk("report", "--quarter", "2023Q3", cwd=root, env={"GK_TODAY": "2023-10-15"}).stdout
    line = next(x for x in md.splitlines() if "假标题" in x)
    assert line.startswith("\\# 假标题 \\|") and "\\<script>" in line and "\\*\\*粗" in line, line


def test_an_empty_output_name_is_a_usage_error(tmp_path):
    """-o "$OUT" with the variable unset wrote the report to the screen, exit 0 (gk lint refuses it already)."""
    r = run_gk("--data", str(ROOT / "examples" / "sample-xuanhan"), "report", "--quarter", "2023Q3", "-o", "")
    assert r.returncode == 2 and "-o 的值是空的" in r.stderr and not r.stdout, r.stderr


def test_a_quarter_nobody_owes_is_not_said_to_be_fully_reported(gk, make_repo):
    # the plan ended with 2024: 2025Q1 owes no unit anything; "各单位均已报送" in a submission
    # of a repo with no progress file at all would be false
    root = make_repo({
        "data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department}\n",
        "data/tasks/t.yaml": "plan: {id: t2024, title: 2024年工作要点, issued_on: 2024-01-10, ends_on: 2024-12-31}\n"
                             "tasks:\n  - {id: t2024-01, title: 甲, units: [县财政局], deadline: 每季度}\n",
    })
    for ext in ("md", "html"):
        r = gk("report", "--quarter", "2025Q1", "-o", str(root / f"q.{ext}"), cwd=root)
        text = (root / f"q.{ext}").read_text(encoding="utf-8")
        assert r.returncode == 0 and "均已报送" not in text, text
        assert "2025年第一季度没有需要报送工作进度的单位：《2024年工作要点》已结束" in text
    r = gk("report", "--quarter", "2024Q4", cwd=root)
    assert "以下 1 个单位未报送2024年第四季度工作进度：县财政局" in r.stdout  # its last quarter: owed as ever


@pytest.mark.parametrize("written", ["2023年", "2023年度", "２０２３", " 2023 "])
def test_the_year_as_people_write_it(gk, sample, written):
    assert gk("report", "--year", written, cwd=sample).stdout == gk("report", "--year", "2023", cwd=sample).stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a repo away")
def test_a_repo_git_refuses_is_not_said_to_be_no_git_repo(gk, sample, tmp_path):
    # another user's repo (a CI container, a mounted folder): git refuses it; the report said 非 git 仓库
    root = tmp_path / "r"
    shutil.copytree(sample, root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "data")
    subprocess.run(["chown", "-R", "65534:65534", str(root)], check=True)
    r = gk("report", "--quarter", "2023Q3", cwd=root, env={"GIT_CONFIG_GLOBAL": str(tmp_path / "none")})
    assert r.returncode == 0, r.stderr
    assert "非 git 仓库" not in r.stdout and "数据版本：未能读取（git 拒绝读取属于另一用户的仓库）" in r.stdout, r.stdout[:300]
    assert "safe.directory" in r.stderr, r.stderr


def test_a_submission_date_that_cannot_be_read_is_not_called_unwritten(gk, sample, tmp_path):
    """t7 (session 10): `submitted_on: 十月八日` (GK105, counted as no date) was reported as 未写报送日期, which the
    unit had written; the report says what is written and that it could not be read, in every format."""
    f = sample / "data" / "progress" / "2023Q3" / "县财政局.yaml"
    f.write_text(re.sub(r"(?m)^submitted_on:.*$", "submitted_on: 十月八日", f.read_text(encoding="utf-8")), encoding="utf-8")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert p.returncode == 0, p.stderr
    assert "县财政局（报送日期“十月八日”无法识别；" in p.stdout, p.stdout
    assert "未写报送日期" not in p.stdout
    for ext in ("html", "docx"):
        out = tmp_path / f"r.{ext}"
        assert gk("report", "--quarter", "2023Q3", "--data", str(sample), "-o", str(out)).returncode == 0
        text = out.read_text(encoding="utf-8") if ext == "html" else "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "报送日期“十月八日”无法识别" in text, ext
    assert "县财政局（报送日期“十月八日”无法识别）报送" in text  # (Word: a note after the unit, not 于（…）)
    f.write_text(re.sub(r"(?m)^submitted_on:.*$", "submitted_on: [2023-10-08, 2023-10-09]", f.read_text(encoding="utf-8")), encoding="utf-8")
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert "报送日期“2023-10-08、2023-10-09”无法识别" in p.stdout and "['" not in p.stdout, p.stdout
