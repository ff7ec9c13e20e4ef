"""The plain-text table that replaced rich.Table for big outputs: widths, cuts, colour."""

from __future__ import annotations

import re

from gkcli import texttable as tt


def test_widths_count_wide_characters_twice():
    assert tt.width("abc") == 3
    assert tt.width("县财政局") == 8
    assert tt.width("长期·未报告") == 11  # the middle dot is narrow
    assert tt.width("（无）") == 6
    assert tt.width("e\u0301") == 1  # a combining accent takes no column


def test_truncate_ends_in_an_ellipsis_within_the_width():
    assert tt.truncate("基准任务p0-08，推进政务公开", 10) == "基准任务p…"  # 8 + 1 + 1 columns
    assert tt.width(tt.truncate("基准任务p0-08，推进政务公开", 10)) <= 10
    assert tt.truncate("短", 10) == "短"


def test_table_rows_line_up():
    t = tt.Table([tt.Column("状态"), tt.Column("编号"), tt.Column("完成", justify="right")])
    t.add_row("已逾期", "p0-08", "1/23 单位完成", styles=("bold red",))
    t.add_row("适时", "p9-07", "0/3 单位完成")
    lines = t.render().splitlines()
    assert len({tt.width(line) for line in lines}) == 1, lines
    assert lines[0].startswith("┏") and lines[2].startswith("┡") and lines[-1].startswith("└")
    assert "\x1b[" not in "".join(lines)
    coloured = t.render(color=True)
    assert "\x1b[1;31m已逾期\x1b[0m" in coloured


def test_flexible_column_shrinks_to_the_terminal():
    t = tt.Table([tt.Column("编号"), tt.Column("任务", flexible=True, min_width=6)])
    t.add_row("p0-01", "很长很长很长很长很长很长很长很长很长很长的任务标题")
    lines = t.render(max_total=30).splitlines()
    assert all(tt.width(line) <= 30 for line in lines)
    assert "…" in lines[3]


def test_the_status_table_fits_a_narrow_terminal_and_uses_a_wide_one():
    """60 columns: the table is 60 wide (完成时限, 完成, 剩余/逾期 left out, in that order);
    200 columns: a task's title is no longer cut at 20 characters."""
    import datetime as dt
    from pathlib import Path

    from gkcli import model, repo, status, status_view

    m = model.build(repo.load(Path(__file__).resolve().parents[1], cache=False))
    r = status.compute(m, dt.date(2023, 10, 15), None, None)
    for cols, heads, gone in ((60, ["状态", "编号", "任务", "到期日"], ["完成时限", "剩余/逾期", "牵头单位"]),
                              (100, ["牵头单位", "剩余/逾期"], ["完成时限", "完成"]),
                              (200, ["牵头单位", "完成时限", "剩余/逾期", "完成"], [])):
        lines = status_view.table_text(m, r, max_total=cols).splitlines()
        table = [line for line in lines if line[:1] in "┏┃┡│└"]
        assert {tt.width(line) for line in table} <= set(range(cols + 1)), cols
        assert all(h in table[1] for h in heads) and not any(g in table[1] for g in gone), (cols, table[1])
        title = table[1].split("┃")[3]  # the task's title keeps 24 columns before a lesser column is kept
        assert cols == 60 or tt.width(title) >= 24 + 2, (cols, table[1])
    wide = status_view.table_text(m, r, max_total=200)
    assert "根据基层政务公开标准指引，结合权责清单和公共服务事项清单" in wide
    for cols in (80, 95, 120):  # a figure is shown whole or left out, never “逾期 1792 …”
        rows = [line for line in status_view.table_text(m, r, max_total=cols).splitlines() if line.startswith("│")]
        assert not any(re.search(r"(逾期|剩余) \d*…", line) for line in rows), cols


def test_columns_sets_the_width_of_a_pipe(gk):
    """As ls: COLUMNS, when set, is the width of output that is not a terminal."""
    out = gk("status", "--as-of", "2023-10-15", env={"COLUMNS": "80"}).stdout
    assert max(tt.width(line) for line in out.splitlines() if line[:1] in "┏┃┡│└") <= 80
    whole = gk("status", "--as-of", "2023-10-15", env={"COLUMNS": ""}).stdout
    assert max(tt.width(line) for line in whole.splitlines() if line[:1] in "┏┃┡│└") > 100
    # no width: whole cells, so that grep finds a word late in a long title (docs/decisions.md)
    assert "…" not in whole and "并统一向社会发布" in whole


def test_colour_only_on_a_terminal(monkeypatch):
    import io

    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    assert tt.use_color(io.StringIO()) is False

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert tt.use_color(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert tt.use_color(Tty()) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert tt.use_color(io.StringIO()) is True


def test_a_capped_column_grows_into_a_wide_terminal_once_the_long_text_is_whole():
    t = tt.Table([tt.Column("任务", flexible=True, max_width=40), tt.Column("牵头单位", max_width=20, drop=4)])
    t.add_row("编制乡镇（街道）政务公开事项清单", "各乡镇人民政府、街道办事处")
    wide = t.render(max_total=200)
    assert "各乡镇人民政府、街道办事处" in wide and "…" not in wide
    assert "…" in t.render(max_total=50)  # narrow: the cap still holds


def test_a_narrow_terminal_keeps_each_task_on_one_line_with_its_status_id_and_date_whole():
    """40–50 columns: no room for the box and the essentials; the table is laid out without the box, each
    row one line no wider than the terminal, 状态/编号/到期日 whole (长期·… would be either 长期 status),
    the title cut. The heading breaks between its pieces."""
    import datetime as dt
    from pathlib import Path

    from gkcli import model, repo, status, status_view

    m = model.build(repo.load(Path(__file__).resolve().parents[1], cache=False))
    r = status.compute(m, dt.date(2023, 10, 15), None, None)
    for cols in (40, 45, 50, 60):
        text = status_view.table_text(m, r, max_total=cols)
        lines = text.split("\n")
        rows = lines[lines.index(next(line for line in lines if "编号" in line)) + 1:][:len(r.tasks) + 1]
        shown = [line for line in lines if not line.startswith(("周期任务", "未报送", "列明的"))]  # (prose, not rows: it wraps)
        assert max(tt.width(line) for line in shown) <= cols, (cols, [line for line in shown if tt.width(line) > cols])
        assert "长期·…" not in text and "长期·未报告 " in text and "报告期 2023年第三季度" in text
        for t in r.tasks:  # one line per task, its id and due date whole on it
            assert sum(t.info.id in line and (not t.due or t.due.isoformat() in line) for line in rows) == 1, (cols, t.info.id)


def test_80_and_120_columns_keep_the_box():
    import datetime as dt
    from pathlib import Path

    from gkcli import model, repo, status, status_view

    m = model.build(repo.load(Path(__file__).resolve().parents[1], cache=False))
    r = status.compute(m, dt.date(2023, 10, 15), None, None)
    for cols in (80, 120):
        lines = status_view.table_text(m, r, max_total=cols).splitlines()
        assert lines[0].startswith("宣汉县") and "共 77 项任务" in lines[0] and lines[2].startswith("┏"), cols


def test_a_pipe_keeps_titles_whole_but_does_not_pad_every_row_to_an_absurd_one():
    """`gk status > 状态.txt`: one 5,000-character title padded every row to it (MBs of spaces). Cells are
    whole up to PIPE_CAP columns (200 Chinese characters; the longest real title is 123), cut with … beyond."""
    long_title = "推进政务公开标准化规范化" * 416 + "工作"
    real = "探索开展“互联网+政务服务+基层治理”行动，完善乡镇（街道）、村（社区）基础数据" * 3
    t = tt.Table([tt.Column("编号"), tt.Column("任务", flexible=True), tt.Column("牵头单位")])
    t.add_row("xh2021-01", long_title, "县委组织部")
    t.add_row("xh2021-02", real, "县政府办")
    lines = t.render(max_total=None).splitlines()
    assert max(tt.width(line) for line in lines) <= 400 + 40
    assert real in lines[4] and "…" in lines[3] and "县委组织部" in lines[3]


def test_summary_tables_keep_what_a_row_is_and_wrap_headers_rather_than_cut_them():
    """t3 (session 11): at 80 columns `--by unit` cut every unit to 县…/南… and both 已逾期 and 已完成 to “已…”;
    `--by category` cut xh2021/xh2023 to xh2…. The unit and plan stay whole; a count's header too wide for its
    column goes on over lines (已逾 / 期), never “已…”; no line is wider than the terminal."""
    import datetime as dt
    from pathlib import Path

    from gkcli import model, repo, status, status_view

    root = Path(__file__).resolve().parents[1] / "examples" / "sample-xuanhan"
    m = model.build(repo.load(root, cache=False))
    r = status.compute(m, dt.date(2023, 10, 15), None, None)
    for by, names in (("unit", ["县行政审批局", "南坝镇", "县公共资源交易服务中心"]), ("category", ["xh2021 ", "xh2023 ", "wp2023 "])):
        text = status_view.table_text(m, r, by=by, max_total=80)
        assert max(tt.width(line) for line in text.splitlines()) <= 80, text
        assert all(n in text for n in names), (by, text)
        assert "已…" not in text and "长…" not in text and "长期·…" not in text, text


def test_wrapped_header_lines():
    t = tt.Table([tt.Column("单位", whole=True), tt.Column("已逾期", justify="right"), tt.Column("长期·未报告", justify="right")])
    t.add_row("县财政局", "3", "12")
    lines = t._compact([8, 4, 4], False).splitlines()
    assert lines[:3] == ["单位     已逾 长期", "           期  ·未", "              报告"], lines


def test_a_long_id_kept_whole_leaves_the_title_room_before_optional_columns():
    """t4 (session 11): a 32-character plan id, kept whole without the box, squeezed the title to 根据基层政… while
    the optional 完成时限 column stayed: the columns that may go go first, as in the box."""
    t = tt.Table([tt.Column("状态", min_width=6, whole=True), tt.Column("编号", min_width=9, whole=True),
                  tt.Column("任务", min_width=12, max_width=40, flexible=True), tt.Column("完成时限", drop=1),
                  tt.Column("到期日", min_width=10, whole=True)])
    t.add_row("已逾期", "shenhuazhengwugongkaixuanhan2023-05", "根据基层政务公开标准指引，结合权责清单", "2021年12月底前", "2021-12-31")
    ws = t.widths(80, compact=True)
    assert ws[3] == 0 and ws[2] >= 20, ws
