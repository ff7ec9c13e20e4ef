"""The deadline grammar: every form of DESIGN.md and of the seeds, plus properties."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkcli import deadlines, repo
from gkcli.deadlines import DeadlineError, parse

ROOT = Path(__file__).resolve().parents[1]

D = dt.date


@pytest.mark.parametrize(
    "text, kind, due, start, every",
    [
        ("2022-06-30", "date", D(2022, 6, 30), None, None),
        ("2023年9月20日", "date", D(2023, 9, 20), None, None),
        ("2023年9月20日前", "date", D(2023, 9, 20), None, None),
        ("2022-06", "date", D(2022, 6, 30), None, None),
        ("2022年6月", "date", D(2022, 6, 30), None, None),
        ("2022年6月底", "date", D(2022, 6, 30), None, None),
        ("2022年6月底前", "date", D(2022, 6, 30), None, None),
        ("2023年底", "date", D(2023, 12, 31), None, None),
        ("2023年底前", "date", D(2023, 12, 31), None, None),
        ("2023年12月底前", "date", D(2023, 12, 31), None, None),
        ("年内", "date", D(2023, 12, 31), None, None),
        ("2023年上半年", "date", D(2023, 6, 30), None, None),
        ("2023年下半年", "date", D(2023, 12, 31), None, None),
        ("8月底前", "date", D(2023, 8, 31), None, None),
        ("2023年9月-2023年10月", "window", D(2023, 10, 31), D(2023, 9, 1), None),
        ("2023年9月至10月", "window", D(2023, 10, 31), D(2023, 9, 1), None),
        ("长期", "ongoing", None, None, None),
        ("适时", "as_needed", None, None, None),
        ("及时", "as_needed", None, None, None),
        ("每季度", "recurring", None, None, "quarter"),
        ("每年", "recurring", None, None, "year"),
        ("每年至少1次", "recurring", None, None, "year"),
        ("每年至少一次", "recurring", None, None, "year"),
        # full-width digits and stray spaces, as pasted from Word
        ("２０２３年６月底前", "date", D(2023, 6, 30), None, None),
        (" 2023年 7月底前 ", "date", D(2023, 7, 31), None, None),
    ],
)
def test_design_forms(text, kind, due, start, every):
    d = parse(text, plan_year=2023)
    assert (d.kind, d.due, d.start, d.every) == (kind, due, start, every)


@pytest.mark.parametrize("text", ["尽快完成吧", "", "2023-02-30", "2023年13月", "2023年9月32日", "下周", "2023年10月-2023年9月"])
def test_not_deadlines_quote_the_text(text):
    with pytest.raises(DeadlineError) as e:
        parse(text, plan_year=2023)
    if text:
        assert text.strip() in str(e.value)


def test_no_year_and_no_plan_year_is_an_error():
    with pytest.raises(DeadlineError, match="没有写年份"):
        parse("8月底前", plan_year=None)


def test_plan_year_from_issued_on_else_id():
    assert deadlines.plan_year_of(D(2023, 3, 1), "t2021") == 2023
    assert deadlines.plan_year_of(None, "xh2021") == 2021
    assert deadlines.plan_year_of(None, "abc") is None


def test_every_deadline_in_the_builtin_data_parses():
    r = repo.load(ROOT)
    seen = 0
    for pd in r.plans:
        year = deadlines.plan_year_of(pd.plan.issued_on, pd.plan.id)
        for t in pd.tasks:
            assert t.deadline, t.id
            parse(t.deadline, year)
            seen += 1
    assert seen >= 70


def test_recurring_occurrences():
    q = parse("每季度")
    assert q.occurrence(D(2023, 10, 15)) == (D(2023, 10, 1), D(2023, 12, 31))
    assert q.occurrence(D(2024, 2, 29)) == (D(2024, 1, 1), D(2024, 3, 31))
    y = parse("每年至少1次")
    assert y.occurrence(D(2023, 6, 1)) == (D(2023, 1, 1), D(2023, 12, 31))


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31))


@given(dates)
def test_iso_day_round_trips(day):
    d = parse(day.isoformat())
    assert d.due == day and d.iso == day.isoformat()


@given(dates)
def test_chinese_day_forms(day):
    for suffix in ("", "前", "之前"):
        assert parse(f"{day.year}年{day.month}月{day.day}日{suffix}").due == day


@given(st.integers(1990, 2099), st.integers(1, 12))
def test_month_forms_are_the_last_day(year, month):
    last = D(year, month, calendar.monthrange(year, month)[1])
    for text in (f"{year}年{month}月底前", f"{year}年{month}月底", f"{year}年{month}月", f"{year}-{month:02d}"):
        assert parse(text).due == last
    assert parse(f"{month}月底前", plan_year=year).due == last


@given(st.integers(1990, 2099))
def test_february_knows_leap_years(year):
    assert parse(f"{year}年2月底前").due.day == (29 if calendar.isleap(year) else 28)


@given(dates, dates)
def test_windows_start_and_end(a, b):
    a, b = min(a, b), max(a, b)
    d = parse(f"{a.isoformat()}至{b.isoformat()}")
    assert (d.kind, d.start, d.due) == ("window", a, b)


@given(st.text(max_size=12))
def test_anything_else_is_a_deadline_error_or_a_deadline(text):
    try:
        d = parse(text, plan_year=2023)
    except DeadlineError:
        return
    assert d.kind in ("date", "window", "ongoing", "as_needed", "recurring")


@pytest.mark.parametrize("text, kind, due, every", [
    ("2024年6月底前完成", "date", dt.date(2024, 6, 30), None),
    ("6月30日前完成", "date", dt.date(2024, 6, 30), None),
    ("常态化推进", "ongoing", None, None),
    ("持续开展", "ongoing", None, None),
    ("根据上级部署", "as_needed", None, None),
    ("按上级要求", "as_needed", None, None),
    ("每季度末", "recurring", None, "quarter"),
    ("每月底", "recurring", None, "month"),
])
def test_spellings_seen_in_other_counties_tables(text, kind, due, every):
    d = deadlines.parse(text, 2024)
    assert (d.kind, d.due, d.every) == (kind, due, every)


@pytest.mark.parametrize("text", ["全年", "2024年10月中旬", "二〇二四年六月底前", "完成"])
def test_spellings_whose_meaning_is_unsure_stay_errors(text):
    with pytest.raises(deadlines.DeadlineError):
        deadlines.parse(text, 2024)
