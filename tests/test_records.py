"""The compiled record checks (gkcli/records.py) against the pydantic models they are
compiled from: never accept what pydantic refuses, and what they accept comes out as
pydantic makes it. Refusing more is allowed (pydantic then decides), but not on real data."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gkcli import records, repo
from gkcli.record import from_model
from gkcli.schemas import compile as compiler

MODELS = compiler.MODELS


def test_records_module_is_current():
    p = subprocess.run([sys.executable, "-m", "gkcli.schemas.compile", "--check"], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


_words = ["", " ", "x", "县财政局", "2023-10-08", "2023-02-30", "2023-1-5", "2023-10-08T00:00:00", " 2023-10-08", "0", "010", "-3",
          "12", "1_000", "1e3", "３", "2023Q3", "2023Q5", "0000Q1", "9999Q4", "1899Q4", "2023Q3\n", "xh2021", "x-1", "1abc", "done", "in_progress", "DONE",
          "township", "department", "other", "true", "null", "\n", "a\nb", "٣", "-0", "+3", "2024-02-29", "2023-02-29", "2023-1 -08", "2023-+1-08", "2_23-10-08", "2023-00-10"]
scalars = st.one_of(st.sampled_from(_words), st.text(alphabet=string.printable + "县局乡", max_size=8), st.booleans(), st.none())


def _value(fields: list[str]):
    leaf = st.one_of(scalars, st.lists(scalars, max_size=3))
    nested = st.dictionaries(st.sampled_from(fields + ["kind", "unit", "url", "date", "signature", "matter", "x"]), leaf, max_size=4)
    return st.one_of(leaf, nested, st.lists(nested, max_size=2))


def _docs(model):
    fields = list(model.model_fields) + list(getattr(model, "KEYS_ZH", {}))  # 公开事项 for matter
    keys = st.one_of(st.sampled_from(fields), st.sampled_from(["extra", "Name", "名称"]))
    return st.dictionaries(keys, _value(fields), max_size=len(fields) + 1)


SAMPLES = {
    "Unit": {"name": "县财政局", "full_name": "宣汉县财政局", "aliases": ["财政局"], "kind": "department", "groups": ["县级部门"]},
    "KindSelector": {"kind": ["township", "street"]},
    "Group": {"name": "各乡镇", "aliases": [], "members": {"kind": ["township"]}},
    "Plan": {"id": "xh2021", "title": "任务分解表", "issued_by": "县政府办", "issued_on": "2021-06-01", "categories": ["a"], "units": ["县财政局"]},
    "Task": {"id": "xh2021-01", "category": "a", "title": "t", "detail": "d", "units": ["县财政局"], "others": "等", "deadline": "长期"},
    "ProgressEntry": {"task": "xh2021-01", "status": "done", "date": "2023-10-08", "note": "n", "evidence": ["https://x"]},
    "ProgressHeader": {"unit": "县财政局", "period": "2023Q3", "submitted_on": "2023-10-09", "entries": [{"task": "x"}]},
    "Published": {"unit": "县财政局", "url": "https://x", "date": "2023-01-02"},
    "CatalogItem": {"matter": "m", "content": "c", "level": "县级"},
    "CatalogDomain": {"name": "财政预决算", "no": "3", "county_units": ["县财政局"], "published": [{"unit": "县财政局"}], "items": [{"matter": "m"}]},
    "ReportSettings": {"signature": "县政府办"},
    "LintSettings": {"select": ["GK2"], "extend_select": ["GK210"], "ignore": ["GK209"], "severity": ["GK403=warning"], "strict": True},
    "Settings": {"county": "宣汉县", "due_soon_days": 30, "report": {"signature": "x"}, "workspace": ["a"], "lint": {"strict": False}},
}


def _near(model):
    """A plain valid record with one field changed, added or left out."""
    fields = list(model.model_fields)
    base = SAMPLES[model.__name__]
    value = _value(fields)
    return st.one_of(
        st.builds(lambda k, v: {**base, k: v}, st.sampled_from(fields + ["extra"]), value),
        st.builds(lambda k: {x: y for x, y in base.items() if x != k}, st.sampled_from(fields)),
    )


def _check(model, data):
    cls = getattr(records, model.__name__)
    got = records.CHECKS[cls](data)
    try:
        want = model.model_validate(data)
    except ValidationError:
        assert got is None, f"compiled check accepted what pydantic refuses: {data!r}"
        return None
    if got is not None:
        assert got == from_model(cls, want), data
    return got


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compiled_check_never_accepts_more_than_pydantic(model, data):
    _check(model, data.draw(st.one_of(_docs(model), _near(model))))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_compiled_check_takes_plain_valid_records(model):
    """A plain record of each model is accepted without pydantic."""
    sample = SAMPLES[model.__name__]
    assert _check(model, sample) is not None, sample


def test_built_in_data_never_needs_pydantic(monkeypatch):
    """Every record of the built-in data passes the compiled check (pydantic would cost
    a cold run ≈ 0.1 s): a schema change the compiler does not follow shows here."""
    from pathlib import Path

    import gkcli.schemas as schemas

    def refuse(*a, **k):
        raise AssertionError("a built-in record went to pydantic")

    for name in ("Unit", "Group", "Plan", "Task", "ProgressEntry", "ProgressHeader", "CatalogDomain"):
        monkeypatch.setattr(getattr(schemas, name), "model_validate", refuse)
    root = Path(__file__).resolve().parents[1]
    r = repo.load(root, cache=False)
    assert r.units and r.plans and r.catalog
    sample = root / "examples" / "sample-xuanhan"
    if sample.is_dir():
        assert repo.load(sample, cache=False).progress


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_against_every_tricky_value(model):
    """Each field of a plain valid record set to each tricky value (as text, in a list,
    in a mapping), and each field left out: the compiled check agrees with pydantic."""
    base = SAMPLES[model.__name__]
    values = [*_words, True, False, None, [], {}]
    values += [[w] for w in _words] + [{"kind": [w]} for w in _words] + [[{"unit": w}] for w in _words]
    for field in model.model_fields:
        for v in values:
            _check(model, {**base, field: v})
        _check(model, {k: x for k, x in base.items() if k != field})
    _check(model, {**base, "extra": "x"})


DATES = [("Unit", "ends_on"), ("Plan", "issued_on"), ("Plan", "ends_on"), ("ProgressEntry", "date"), ("ProgressHeader", "submitted_on"), ("Published", "date")]


@pytest.mark.parametrize("name,field", DATES)
def test_a_date_is_its_yyyy_mm_dd_text_alone(name, field):
    """pydantic's lax date takes a number of seconds since 1970 (`date: 0` as 1970-01-01) and a
    date-time at midnight; gk takes what the compiled check and the editor's schema take: a day
    written YYYY-MM-DD."""
    model = next(m for m in MODELS if m.__name__ == name)
    for v in ["0", "86400", 0, 86400, 1.5, "2023-10-08T00:00:00", "2023-10-08 00:00:00", "20231008", True]:
        with pytest.raises(ValidationError):
            model.model_validate({**SAMPLES[name], field: v})
        assert _check(model, {**SAMPLES[name], field: v}) is None
    assert _check(model, {**SAMPLES[name], field: "0001-01-01"}) is not None


def test_an_annual_publication_date_is_its_yyyy_mm_dd_text_alone():
    from pathlib import Path

    import yaml

    from gkcli.schemas import annual

    path = Path(__file__).parent / "report_golden" / "annual-repo" / "data" / "annual" / "2023.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for v, ok in (("2024-03-22", True), ("86400", False), ("2024-03-22T00:00:00", False)):
        _, issues = annual.validate({**doc, "published_on": v}, "data/annual/2023.yaml")
        assert (not any(i.path == ("published_on",) for i in issues)) == ok, (v, issues)


@pytest.mark.parametrize("data", [
    {"公开事项": "批准服务信息", "公开内容": "审批结果", "公开依据": "条例", "公开时限": "20个工作日", "公开主体": "县发改局",
     "公开渠道和载体": "政府网站", "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"},
    {"matter": "m", "公开层级": "县级"},
])
def test_a_catalog_row_keyed_by_its_chinese_column_names_is_compiled(data):
    """DESIGN.md names a 标准目录 row's columns in Chinese only (公开事项, …): a row keyed by them is read as
    the English fields, by the compiled check itself (no pydantic), as pydantic reads it."""
    from gkcli.schemas.catalog import CatalogItem, ITEM_KEYS_ZH

    got = _check(CatalogItem, data)
    assert got is not None
    assert got.fields() == {f: data.get(f, data.get(next((k for k, x in ITEM_KEYS_ZH.items() if x == f), ""))) for f in CatalogItem.model_fields}


def test_a_catalog_row_with_a_field_and_its_chinese_name_is_refused():
    from gkcli.schemas.catalog import CatalogItem

    assert _check(CatalogItem, {"matter": "甲", "公开事项": "乙"}) is None
