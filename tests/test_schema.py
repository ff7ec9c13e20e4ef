"""gk schema: valid JSON Schema (draft 2020-12) that accepts the built-in data and rejects mistakes."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, run_gk
from gkcli.write import schema as sc


def as_language_server_reads(path: Path):
    """YAML as an editor's language server sees it (YAML 1.2: a date is a string)."""

    def fix(v):
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        if isinstance(v, dict):
            return {str(k): fix(x) for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v

    return fix(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12ish))


class _Yaml12ish(yaml.SafeLoader):
    """PyYAML without YAML 1.1's timestamps: 2023-02-30 is a string to a YAML 1.2 server."""


_Yaml12ish.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("schema")
    r = run_gk("schema", "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


def validator(folder: Path, kind: str):
    schema = json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_every_kind_written_and_valid(written):
    names = sorted(p.name for p in written.iterdir())
    assert {"units.schema.json", "tasks.schema.json", "progress.schema.json", "catalog.schema.json"} <= set(names)
    for p in written.iterdir():
        schema = json.loads(p.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind,folder", [("units", "units"), ("tasks", "tasks"), ("catalog", "catalog")])
def test_builtin_data_is_valid(written, kind, folder):
    v = validator(written, kind)
    files = sorted((ROOT / "data" / folder).glob("*.yaml"))
    assert files
    for f in files:
        errors = [e.message for e in v.iter_errors(as_language_server_reads(f))]
        assert errors == [], f


def test_progress_written_by_gk_is_valid(written, make_repo):
    root = make_repo(
        {
            "data/units/u.yaml": "units:\n  - {name: 县财政局}\n",
            "data/tasks/t.yaml": "plan: {id: t, title: 方案}\ntasks:\n  - {id: t-01, title: 任务, units: [县财政局]}\n",
        }
    )
    r = run_gk("progress", "add", "t-01", "--unit", "县财政局", "--status", "done", "--note", "好", "-e", "http://x", cwd=root,
               env={"GK_TODAY": "2023-09-01"})
    assert r.returncode == 0, r.stderr
    doc = as_language_server_reads(root / "data/progress/2023Q3/县财政局.yaml")
    assert list(validator(written, "progress").iter_errors(doc)) == []


@pytest.mark.parametrize(
    "kind,doc,word",
    [
        ("units", {"units": [{"name": "县财政局", "kind": "bureau"}]}, "bureau"),
        ("units", {"units": [{"name": "县财政局", "alias": ["x"]}]}, "alias"),
        ("tasks", {"plan": {"id": "2023", "title": "x"}, "tasks": []}, "2023"),
        ("tasks", {"tasks": []}, "plan"),
        ("progress", {"unit": "x", "period": "2023Q5", "entries": []}, "2023Q5"),
        ("progress", {"unit": "x", "period": "2023Q3", "entries": [{"task": "a", "status": "finished", "date": "2023-09-01"}]}, "finished"),
        ("progress", {"unit": "x", "period": "2023Q3", "entries": [{"task": "a", "status": "done", "date": "2023-9-1"}]}, "2023-9-1"),
        ("catalog", {"name": "x", "county_unit": []}, "county_unit"),
    ],
)
def test_mistakes_are_caught(written, kind, doc, word):
    errors = list(validator(written, kind).iter_errors(doc))
    assert errors
    assert any(word in (e.message + json.dumps(e.instance, ensure_ascii=False)) for e in errors)


def test_plan_ends_on_is_an_optional_date(written):
    """plan.ends_on (docs/decisions.md, 方案与完成时限): a date, titled and described in Chinese."""
    prop = sc.generate("tasks")["$defs"]["Plan"]["properties"]["ends_on"]
    assert prop["title"] == "结束日期" and "周期任务" in prop["description"]
    v = validator(written, "tasks")
    assert list(v.iter_errors({"plan": {"id": "t2023", "title": "方案", "ends_on": "2023-12-31"}, "tasks": []})) == []
    assert list(v.iter_errors({"plan": {"id": "t2023", "title": "方案", "ends_on": "2023-02-30"}, "tasks": []}))


def test_unit_ends_on_and_successor_are_optional(written):
    """unit.ends_on and unit.successor (docs/decisions.md, 单位的撤销与合并): a date and a name,
    titled and described in Chinese."""
    props = sc.generate("units")["$defs"]["Unit"]["properties"]
    assert props["ends_on"]["title"] == "结束日期" and "撤销" in props["ends_on"]["description"]
    assert props["successor"]["title"] == "接续单位" and "承接" in props["successor"]["description"]
    v = validator(written, "units")
    ok = {"units": [{"name": "县文体旅游局", "ends_on": "2024-03-31", "successor": "县文化广播电视和旅游局"}]}
    assert list(v.iter_errors(ok)) == []
    bad = list(v.iter_errors({"units": [{"name": "县文体旅游局", "ends_on": "2024年3月31日"}]}))
    assert bad and "日期写作" in json.dumps([e.schema.get("errorMessage", "") for e in bad], ensure_ascii=False)


def test_unit_starts_on_is_an_optional_date(written):
    """unit.starts_on (docs/decisions.md, 单位的成立): a date, titled and described in Chinese."""
    props = sc.generate("units")["$defs"]["Unit"]["properties"]
    assert props["starts_on"]["title"] == "成立日期" and "成立" in props["starts_on"]["description"]
    v = validator(written, "units")
    assert list(v.iter_errors({"units": [{"name": "县农业农村局", "starts_on": "2024-04-01"}]})) == []
    bad = list(v.iter_errors({"units": [{"name": "县农业农村局", "starts_on": "2024年4月1日"}]}))
    assert bad and "日期写作" in json.dumps([e.schema.get("errorMessage", "") for e in bad], ensure_ascii=False)


def test_catalog_accepts_one_domain_or_a_list(written):
    v = validator(written, "catalog")
    assert list(v.iter_errors({"name": "重大建设项目", "county_units": ["县发改局"]})) == []
    assert list(v.iter_errors({"domains": [{"name": "重大建设项目"}, {"name": "公共资源交易"}]})) == []


def test_catalog_rows_may_be_keyed_by_their_chinese_column_names(written):
    """DESIGN.md names the 标准目录 columns in Chinese only: the editor takes 公开事项 as gk does (matter)."""
    v = validator(written, "catalog")
    row = {"公开事项": "批准服务信息", "公开渠道和载体": "政府网站", "level": "县级"}
    assert list(v.iter_errors({"name": "重大建设项目", "items": [row]})) == []
    assert list(v.iter_errors({"name": "重大建设项目", "items": [{"公开事项（一级）": "甲"}]}))


def test_titles_and_descriptions_are_chinese():
    s = sc.generate("progress")
    entry = s["$defs"]["ProgressEntry"]
    assert entry["title"] == "进度条目"
    assert entry["properties"]["status"]["title"] == "状态"
    assert entry["properties"]["status"]["enumDescriptions"] == ["未启动", "推进中", "已完成", "受阻"]
    assert s["properties"]["period"]["description"].startswith("季度")
    units = sc.generate("units")
    assert units["$defs"]["Unit"]["properties"]["full_name"]["description"].startswith("全称")  # a field docstring
    tasks = sc.generate("tasks")
    assert "长期" in tasks["$defs"]["Task"]["properties"]["deadline"]["description"]
    # every property everywhere has a Chinese title
    for kind in ["units", "tasks", "progress", "catalog"]:
        schema = sc.generate(kind)
        for sub in [schema, *schema.get("$defs", {}).values()]:
            for name, prop in sub.get("properties", {}).items():
                assert any("\u4e00" <= ch <= "\u9fff" for ch in prop.get("title", "")), (kind, name)


@pytest.mark.skipif("annual" not in sc.kinds(), reason="annual records not present")
def test_annual_titles_follow_the_official_labels():
    s = sc.generate("annual")
    assert s["properties"]["proactive"]["title"] == "二、主动公开政府信息情况"
    requests = next(d for d in s["$defs"].values() if "carried_in" in d.get("properties", {}))
    assert requests["properties"]["received"]["title"] == "一、本年新收政府信息公开申请数量"


def test_cli_lists_prints_one_and_refuses_unknown():
    r = run_gk("schema", "--list")
    assert r.returncode == 0 and "progress.schema.json" in r.stdout and "data/progress/**/*.{yaml,yml}" in r.stdout
    r = run_gk("schema", "--kind", "units")
    assert r.returncode == 0 and json.loads(r.stdout)["title"] == "gk 责任单位文件"
    r = run_gk("schema", "--kind", "bogus")
    assert r.returncode == 2 and "可用" in r.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_places_a_relative_output_in_that_repo(make_repo, tmp_path, where):
    """DESIGN: `--data DIR` is accepted before or after the command; `gk schema --data DIR` was 没有这个选项. The
    schemas are the same for every repo: --data only puts a relative -o inside it (-o .gk/schema, the editor's)."""
    root = make_repo({"data/units/u.yaml": "units: []\n"})
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    data = ["--data", str(root)]
    args = [*data, "schema", "-o", ".gk/s"] if where == "before" else ["schema", "-o", ".gk/s", *data]
    r = run_gk(*args, cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert (root / ".gk/s/tasks.schema.json").is_file() and not (elsewhere / ".gk").exists()
    assert run_gk("schema", "--kind", "tasks", *data, cwd=elsewhere).stdout == run_gk("schema", "--kind", "tasks").stdout
    bad = run_gk("schema", "--kind", "tasks", "--data", str(tmp_path / "没有"), cwd=elsewhere)
    assert bad.returncode == 2 and "数据目录不存在" in bad.stderr


def test_output_over_a_file_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    r = run_gk("schema", "-o", str(tmp_path / "f"))
    assert r.returncode == 2 and "不是目录" in r.stderr


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "annual").glob("*.yaml")) or [None])
def test_builtin_annual_figures_are_valid(written, path):
    if path is None or "annual" not in sc.kinds():
        pytest.skip("no annual figures in the built-in data")
    errors = [e.message for e in validator(written, "annual").iter_errors(as_language_server_reads(path))]
    assert errors == []


def _one_field(text: str, key: str, value: str) -> str:
    """`text` with the first `key: …` line's value replaced."""
    import re

    return re.sub(rf"(?m)^(\s*{key}:) .*$", lambda m: f"{m[1]} {value}", text, count=1)


_ANNUAL = (Path(__file__).parent / "report_golden" / "annual-repo" / "data" / "annual" / "2023.yaml").read_text(encoding="utf-8")
# (kind, file text): the editor (gk schema) and gk lint must give one verdict on each
VERDICTS = [
    ("units", "units:\n  - name: 110\n    full_name: 12\n    kind: department\n", True),  # a number is its text to gk
    ("units", "units:\n  - name: 县/统计局\n    kind: department\n", False),  # a name names its files
    ("units", "units:\n  - name: .县审计局\n    kind: department\n", False),
    ("units", "units:\n  - name: 县审计局\n    kind: 局\n", False),
    ("units", "groups:\n", True),  # no groups yet
    ("units", "units:\n  - {name: 县文体旅游局, ends_on: 2024-03-31, successor: 县文广旅局}\n", True),
    ("units", "units:\n  - {name: 县文体旅游局, ends_on: 2024-02-30}\n", False),
    ("units", "units:\n  - {name: 县文体旅游局, abolished_on: 2024-03-31}\n", False),
    ("tasks", "plan: {id: v2024, title: 方案}\ntasks:\n", True),
    ("tasks", "plan: {id: v2025, title: 2025}\ntasks:\n  - {id: v2025-01, title: 2025, units: [县财政局], deadline: 2025-06}\n", True),
    ("tasks", "plan: {id: v2025, title: 2025}\ntasks:\n  - {id: v2025-02, title: 甲, units: [县财政局]}\n", False),  # GK304
    ("tasks", "plan: {id: v2025, title: 2025}\ntasks:\n  - {id: v2025-03, title: 甲, units: [县财政局], deadline: ''}\n", False),
    ("tasks", "plan: {id: v2026, title: 方案, extra: 1}\n", False),
    ("tasks", "plan: {id: v2027, title: 方案, issued_on: 2023-03-01, ends_on: 2023-12-31}\n", True),
    ("tasks", "plan: {id: v2028, title: 方案, ends_on: 2023-13-01}\n", False),
    ("tasks", "plan: {id: v2029, title: 方案, ends_on: 2023年底}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2023-09-12, note: 2023, evidence: [123]}\n", True),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: 已完成, date: 2023-09-12}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2023-02-30}\n", False),
    ("progress", "unit: 县财政局\nperiod: 0000Q1\nentries: []\n", False),
    ("catalog", "{}\n", False),  # no domain
    ("catalog", 'name: 甲\n"no": "1"\n', True),
    ("catalog", 'name: 乙\n"no": true\n', False),
    ("catalog", 'name: 丙\n"no": -1\n', False),  # 序号 from 1
    ("catalog", 'name: 丁\n"no": "0"\n', False),
    ("annual", _ANNUAL, True),
    ("annual", _one_field(_ANNUAL, "licensing", '"5"'), True),
    ("annual", _one_field(_ANNUAL, "licensing", "-5"), False),
    ("annual", _one_field(_ANNUAL, "fees", "约5万"), False),
    ("annual", _one_field(_ANNUAL, "fees", '"12.50"'), True),
    ("annual", _one_field(_ANNUAL, "licensing", "５"), True),  # full-width digits, as the IME types them
    ("annual", _one_field(_ANNUAL, "fees", "１２.５"), True),
    ("annual", _one_field(_ANNUAL, "year", '"2023"'), True),
    ("annual", _one_field(_ANNUAL, "year", "1899"), False),
    # dates: a day that exists (the editor's format: date takes 2023-02-30), years 0001–9999 as gk's
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2023-09-31}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 0000-01-01}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2023-02-29}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2024-02-29}\n", True),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 2100-02-29}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 0001-01-01}\n", True),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: 0}\n", False),  # (not 1970-01-01)
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nentries:\n  - {task: t-01, status: done, date: '2023-09-12 00:00:00'}\n", False),
    ("progress", "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-02-30\nentries: []\n", False),
    ("tasks", "plan: {id: v2030, title: 方案, issued_on: 2023-02-29}\n", False),
    ("tasks", "plan: {id: v2031, title: 方案, ends_on: 2023-04-31}\n", False),
    ("catalog", "name: 戊\npublished:\n  - {unit: 县发改局, date: 2023-02-30}\n", False),
    ("annual", _one_field(_ANNUAL, "published_on", "2024-02-30"), False),
    ("annual", _one_field(_ANNUAL, "published_on", "2024-02-29"), True),
    # numbers: gk's limit of 15 digits; figures as text with white space around them
    ("annual", _one_field(_ANNUAL, "licensing", "9" * 15), True),
    ("annual", _one_field(_ANNUAL, "licensing", "9" * 16), False),
    ("annual", _one_field(_ANNUAL, "licensing", "99999999999999999999"), False),
    ("annual", _one_field(_ANNUAL, "licensing", "'5 '"), True),
    ("annual", _one_field(_ANNUAL, "licensing", "' 5'"), True),
    ("annual", _one_field(_ANNUAL, "licensing", '"0000000000000000001"'), True),
    ("annual", _one_field(_ANNUAL, "fees", "1e20"), False),
    ("annual", _one_field(_ANNUAL, "fees", "999999999999999.5"), True),
    ("annual", _one_field(_ANNUAL, "fees", '"1234567890123456"'), False),
    ("annual", _one_field(_ANNUAL, "fees", "'.5'"), True),
    ("annual", _one_field(_ANNUAL, "year", "'2023 '"), True),
    ("annual", _one_field(_ANNUAL, "year", "'02023'"), False),
    # 序号: digits as text, leading zeros too, no white space
    ("catalog", 'name: 己\n"no": \'01\'\n', True),
    ("catalog", 'name: 庚\n"no": \'1 \'\n', False),
    # a unit's name: its file's name takes 255 bytes; blank, or hiding a character (GK213)
    ("units", "units:\n  - name: " + "a" * 240 + "\n", True),
    ("units", "units:\n  - name: " + "审" * 83 + "\n", True),
    ("units", "units:\n  - name: " + "审" * 84 + "\n", False),
    ("units", "units:\n  - name: " + "𠀀" * 62 + "\n", True),
    ("units", "units:\n  - name: " + "𠀀" * 63 + "\n", False),
    ("units", "units:\n  - name: ' '\n", False),
    ("units", "units:\n  - name: \"县审计局\\u200b\"\n", False),
    ("units", "units:\n  - name: 县审计局\n    aliases: [\"审计\\u200b局\", \" \"]\n", False),
    ("units", "units:\n  - name: 县审计局\n    aliases: [\" \"]\n", True),
    ("units", "groups:\n  - name: \"\\u3000\"\n", False),
]


def test_the_editor_and_gk_lint_give_one_verdict(written, make_repo, tmp_path):
    """docs/editor.md: the schema agrees with GK104/GK105 (GK601 for annual figures, GK213 for names, GK304 for a task
    with no deadline). gk reads a
    plain number as its text, and digits as a number where one belongs: so does the schema."""
    folders = {"units": "units", "tasks": "tasks", "progress": "progress/2023Q3", "catalog": "catalog", "annual": "annual"}
    files = {}
    for n, (kind, text, _) in enumerate(VERDICTS):
        name = "2023" if kind == "annual" else f"v{n:02d}"  # an annual file is named for its year
        files[f"r{n:02d}/data/{folders[kind]}/{name}.yaml"] = text
    base = make_repo(files)
    for n, (kind, text, valid) in enumerate(VERDICTS):
        root = base / f"r{n:02d}"
        path = next((root / "data").rglob("*.yaml"))
        r = run_gk("lint", "--format", "json", "--select", "GK104,GK105,GK601,GK213,GK304", cwd=root)
        gk_ok = json.loads(r.stdout) == [] if r.returncode in (0, 1) else None
        editor_ok = not list(validator(written, kind).iter_errors(as_language_server_reads(path)))
        assert (gk_ok, editor_ok) == (valid, valid), (kind, text[:80], r.stdout[:300])


def _picomatch(glob: str) -> "re.Pattern[str]":
    """The glob as yaml-language-server 1.25 matches a `yaml.schemas` pattern: picomatch (dot: false)
    on `**/` + the pattern, against the file's whole path. Enough of picomatch for gk's globs:
    `**` (any number of folders, none included), `*`, `{a,b}`; a name starting with . only by a
    pattern that writes the dot."""
    import re

    def segment(seg: str) -> str:
        out = "(?!\\.)" if seg.startswith(("*", "{")) else ""
        for part in re.split(r"(\*|\{[^}]*\})", seg):
            if part == "*":
                out += "[^/]*"
            elif part.startswith("{"):
                out += "(?:" + "|".join(re.escape(a) for a in part[1:-1].split(",")) + ")"
            else:
                out += re.escape(part)
        return out

    segs = ("**/" + glob).split("/")
    rx = "".join("(?:(?!\\.)[^/]*/)*" if s == "**" else segment(s) + ("" if i == len(segs) - 1 else "/") for i, s in enumerate(segs))
    return re.compile(rx)


def test_the_editor_settings_map_every_file_gk_reads_to_its_one_schema(make_repo):
    """.vscode/settings.json (gk init) gives each file gk reads (repo.data_files: sub-folders, .yml too)
    its kind's schema, and only that one; a file gk does not read (x.YAML, data/x.yaml) none. (A name
    starting with a dot is no editor's: picomatch leaves it out.)"""
    from gkcli import repo as repo_mod
    from gkcli.write import init

    # the model of picomatch, on cases checked against yaml-language-server's
    m = _picomatch("data/units/**/*.{yaml,yml}").fullmatch
    assert m("file:///home/u/r/data/units/x.yaml") and m("/r/data/units/a/b/x.yml") and m("/r/data/units/sub/x.yaml")
    assert not m("/r/data/units/x.YAML") and not m("/r/data/units/x.yaml.txt") and not m("/r/data/units/.x.yaml")
    assert not m("/r/data/unitsx/x.yaml") and not m("/r/data/units/.d/x.yaml")
    assert _picomatch("data/units/*.yaml").fullmatch("/r/data/units/x.yaml") and not _picomatch("data/units/*.yaml").fullmatch("/r/data/units/s/x.yaml")
    rels = [
        "data/units/u.yaml", "data/units/u2.yml", "data/units/sub/u3.yaml", "data/units/a/b/u4.yml",
        "data/units/u5.YAML", "data/units/u6.yaml.txt", "data/units/README.md",
        "data/tasks/t.yaml", "data/tasks/sub/t2.yaml", "data/tasks/t3.yml",
        "data/progress/2023Q3/县财政局.yaml", "data/progress/2023Q3/县审计局.yml", "data/progress/2023Q4/sub/县统计局.yaml",
        "data/progress/县财政局.yaml",
        "data/catalog/c.yaml", "data/catalog/sub/c2.yml",
        "data/annual/2023.yaml", "data/annual/old/2022.yml",
        "data/x.yaml", "data/task/t.yaml", "other/data.yaml", "units/x.yaml",
    ]
    root = make_repo({rel: "{}\n" for rel in rels})
    reads = dict((rel, kind) for kind, rel in repo_mod.data_files(root))
    assert "data/tasks/sub/t2.yaml" in reads and "data/progress/2023Q3/县审计局.yml" in reads and "data/units/u5.YAML" not in reads
    mapping = json.loads(init.vscode_settings())["yaml.schemas"]
    globs = {path.rsplit("/", 1)[-1].removesuffix(".schema.json"): [glob] if isinstance(glob, str) else glob for path, glob in mapping.items()}
    assert set(globs) == set(sc.kinds())
    for rel in rels:
        whole = f"file://{root.as_posix()}/{rel}"
        matched = {kind for kind, gs in globs.items() if any(_picomatch(g).fullmatch(whole) for g in gs)}
        assert matched == ({reads[rel]} if rel in reads else set()), rel


def _nodes(node):
    """Every schema node (dict) under `node`, `node` included."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _nodes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _nodes(v)


@pytest.mark.parametrize("kind", sorted(sc.kinds()))
def test_the_editor_says_each_pattern_and_type_in_chinese(kind):
    """yaml-language-server shows patternErrorMessage (else the regex) when a pattern fails, and
    errorMessage (else English: Incorrect type. Expected "string") when the type does."""
    schema = sc.generate(kind)
    for node in _nodes(schema):
        if "pattern" in node:
            assert sc._has_chinese(node.get("patternErrorMessage", "")), node["pattern"]
        types = node.get("type")
        types = types if isinstance(types, list) else [types]
        if any(t in ("string", "integer", "number", "array") for t in types) and "object" not in types:
            assert sc._has_chinese(node.get("errorMessage", "")), node


@pytest.mark.parametrize("kind", sorted(sc.kinds()))
def test_a_field_is_titled_once(kind):
    """Over an anyOf, the editor's hover strings every branch's title (or the field's, for a
    branch without one) together: 说明 || 说明. A field that is text or nothing is one schema with
    a list of types; what anyOf is left chooses between a list and a mapping."""
    for node in _nodes(sc.generate(kind)):
        for branch in node.get("anyOf", []):
            assert "$ref" in branch or branch.get("type") == "array" or branch.get("type") == "object", node
        assert node.get("description") is None or node.get("description") != node.get("title"), node


def test_the_annual_parts_and_a_group_name_are_described():
    s = sc.generate("annual")
    fields = {**s["properties"], **s["$defs"]["Requests"]["properties"]}
    for name in ("year", "published_on", "overview", "proactive", "requests", "appeals", "problems", "other_matters",
                 "withheld", "unavailable", "not_processed", "other_handling"):
        assert sc._has_chinese(fields[name].get("description", "")), name
    assert "8 种情形" in fields["withheld"]["description"]
    assert sc._has_chinese(sc.generate("units")["$defs"]["Group"]["properties"]["name"].get("description", ""))


def test_the_date_pattern_is_a_day_that_exists():
    """Leap years too: what Python's date (gk's record.date) takes, 0001–9999."""
    import datetime as dt_
    import re

    rx = re.compile(sc.DATE_PATTERN)
    for year in (0, 1, 4, 100, 200, 400, 1600, 1900, 2000, 2023, 2024, 2100, 2400, 9996, 9999):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    ok = dt_.date.fromisoformat(text) is not None
                except ValueError:
                    ok = False
                assert bool(rx.search(text)) == ok, text
    for prop in [sc.generate("progress")["properties"]["submitted_on"], sc.generate("tasks")["$defs"]["Plan"]["properties"]["ends_on"],
                 sc.generate("catalog")["$defs"]["Published"]["properties"]["date"], sc.generate("annual")["properties"]["published_on"]]:
        assert prop["format"] == "date" and prop["pattern"] == sc.DATE_PATTERN


def test_the_name_patterns_never_refuse_what_gk_takes():
    """An editor's false alarm is worse than a miss: each character of the BMP, inside a name, at
    either end, alone, between Mongolian letters; every name the patterns refuse gk refuses too
    (repo.names_no_file, GK213: blank, hidden characters)."""
    import re

    from gkcli.lint.rules.gk213_name_characters import _hidden_at
    from gkcli.repo import names_no_file
    from gkcli.units import name_key

    unit, group, hidden = (re.compile(p).search for p in (sc.UNIT_NAME_PATTERN, sc.GROUP_NAME_PATTERN, sc.HIDDEN_PATTERN))
    caught = 0
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        for n in (f"县{c}局", f"{c}县", f"县{c}", c, f"ᠮ{c}ᠣ"):
            if not unit(n):
                caught += 1
                assert names_no_file(n) or not name_key(n) or _hidden_at(n), n
            if not group(n):
                assert not name_key(n) or _hidden_at(n), n
            if not hidden(n):
                assert name_key(n) and _hidden_at(n), n
    assert caught > 1000  # (controls, zero-width spaces, direction marks, …)
    for n, too_long in (("a" * 250, False), ("a" * 251, True), ("审" * 83, False), ("审" * 84, True), ("𠀀" * 62, False),
                        ("𠀀" * 63, True), ("é" * 125, False)):
        assert names_no_file(n) == too_long and (not unit(n)) == too_long, len(n)


def test_gk_says_the_real_limit_of_a_unit_name(make_repo):
    root = make_repo({"data/units/u.yaml": "units:\n  - name: " + "审" * 84 + "\n"})
    r = run_gk("lint", "--format", "json", "--select", "GK105", cwd=root)
    (finding,) = json.loads(r.stdout)
    assert "255 字节" in finding["message"] and "83 个汉字" in finding["message"] and "80 个汉字" not in finding["message"]


def test_each_schema_says_which_gk_wrote_it():
    """$comment: gk's version and the hash of what gk schema writes, within the first bytes
    (cache.schemas_stale reads no more). cache.SCHEMA_STAMP must follow the generator."""
    from gkcli import __version__, cache

    assert cache.SCHEMA_STAMP == sc.content_hash(), f"set cache.SCHEMA_STAMP to {sc.content_hash()!r} (the schemas changed)"
    first = {k: sc.dumps(sc.generate(k)) for k in sc.kinds()}  # the same bytes every run
    assert {k: sc.dumps(sc.generate(k)) for k in sc.kinds()} == first and sc.content_hash() == cache.SCHEMA_STAMP
    assert run_gk("schema", "--kind", "annual").stdout == first["annual"]
    assert cache.SCHEMA_KINDS == tuple(sc.kinds())
    for kind in sc.kinds():
        text = sc.dumps(sc.generate(kind))
        assert f"gk {__version__} schema {cache.SCHEMA_STAMP}" in text.encode("utf-8")[:400].decode("utf-8", "ignore")


def _schemas(root: Path, stale: bool = False) -> dict[str, bytes]:
    """.gk/schema as gk schema -o writes it (or an older gk: no $comment); name → bytes."""
    folder = root / ".gk" / "schema"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for kind in sc.kinds():
        text = sc.dumps(sc.generate(kind, stamped=not stale)).encode("utf-8")
        (folder / sc.filename(kind)).write_bytes(text)
        out[sc.filename(kind)] = text
    return out


def test_lint_and_status_write_the_schemas_of_an_older_gk_anew(make_repo):
    """docs/editor.md: .gk/schema is git-ignored, so an upgrade of gk left it as the old gk wrote
    it (one that flagged the now valid ends_on). gk lint and gk status write it anew, once."""
    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局}\n"})
    assert run_gk("lint", cwd=root).returncode == 0 and run_gk("status", cwd=root).returncode == 0
    assert not (root / ".gk" / "schema").exists()  # (none made where there were none: CI's checkout)
    _schemas(root, stale=True)
    fresh = {sc.filename(k): sc.dumps(sc.generate(k)).encode("utf-8") for k in sc.kinds()}
    r = run_gk("lint", cwd=root)
    assert r.returncode == 0 and "已按本版 gk 重新生成编辑器用的 JSON Schema（.gk/schema）" in r.stdout, r.stdout
    assert {p.name: p.read_bytes() for p in (root / ".gk/schema").iterdir()} == fresh
    r = run_gk("lint", cwd=root)
    assert "JSON Schema" not in r.stdout + r.stderr
    (root / ".gk/schema/annual.schema.json").unlink()  # (a gk before annual figures)
    r = run_gk("status", cwd=root)
    assert r.returncode == 0 and "注意：已按本版 gk 重新生成" in r.stderr, r.stderr
    assert (root / ".gk/schema/annual.schema.json").read_bytes() == fresh["annual.schema.json"]
    r = run_gk("lint", "--format", "json", cwd=root)  # a machine's output stays clean: the note goes to stderr
    assert json.loads(r.stdout) == [] and "JSON Schema" not in r.stderr


def test_old_editor_settings_are_named_when_the_schemas_are_made_anew(make_repo):
    from gkcli.write import init

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局}\n"})
    settings = json.loads(init.vscode_settings())
    settings["yaml.schemas"] = {k: "data/progress/**/*.yaml" if "progress" in k else v.replace("**/*.{yaml,yml}", "*.yaml")
                                for k, v in settings["yaml.schemas"].items()}  # as gk init wrote them before
    (root / ".vscode").mkdir()
    (root / ".vscode/settings.json").write_text(json.dumps(settings), encoding="utf-8")
    _schemas(root, stale=True)
    r = run_gk("lint", cwd=root)
    assert ".vscode/settings.json 中 yaml.schemas 的文件范围不是本版的" in r.stdout and "gk schema" in r.stdout, r.stdout
    (root / ".vscode/settings.json").write_text(init.vscode_settings(), encoding="utf-8")
    _schemas(root, stale=True)
    r = run_gk("lint", cwd=root)
    assert "重新生成" in r.stdout and ".vscode" not in r.stdout


def test_schemas_through_a_link_are_not_written(make_repo, tmp_path):
    """.gk comes with a checkout: a link planted there must not take gk's writes out of the repo."""
    import os

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局}\n"})
    elsewhere = tmp_path / "elsewhere"
    old = _schemas(elsewhere, stale=True)
    (root / ".gk").mkdir(exist_ok=True)
    os.symlink(elsewhere / ".gk" / "schema", root / ".gk" / "schema")
    r = run_gk("lint", cwd=root)
    assert r.returncode == 0 and "未能自动更新" in r.stdout and "gk schema -o .gk/schema" in r.stdout, r.stdout
    assert {p.name: p.read_bytes() for p in (elsewhere / ".gk/schema").iterdir()} == old


def test_a_schema_that_cannot_be_written_leaves_the_others_fresh_and_is_said_once(make_repo):
    """progress.schema.json a folder: the four others are made anew, the one said; the next run is
    silent (it had left catalog and annual old and gone quiet); a linked one is never written through
    nor said again and again."""
    import shutil

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局}\n"})
    _schemas(root, stale=True)
    blocked = root / ".gk/schema/progress.schema.json"
    blocked.unlink()
    blocked.mkdir()
    r = run_gk("lint", cwd=root)
    assert r.returncode == 0 and "部分未能自动更新（progress.schema.json：" in r.stdout, r.stdout
    fresh = {sc.filename(k): sc.dumps(sc.generate(k)).encode("utf-8") for k in sc.kinds()}
    assert all((root / ".gk/schema" / n).read_bytes() == b for n, b in fresh.items() if n != "progress.schema.json")
    assert "JSON Schema" not in run_gk("lint", cwd=root).stdout  # said once
    shutil.rmtree(blocked)
    target = root / "mine.json"
    target.write_text("{}", encoding="utf-8")
    blocked.symlink_to(target)
    r1, r2 = run_gk("lint", cwd=root), run_gk("lint", cwd=root)
    assert "JSON Schema" not in r1.stdout + r2.stdout and target.read_text(encoding="utf-8") == "{}"


def test_pull_request_and_pre_commit_modes_leave_the_schemas_alone(make_repo):
    """--base and --staged must not touch the checkout: a county may track .gk/schema in git, and a
    pre-commit hook that edits files fails the commit."""
    import subprocess

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局}\n"}, git_init=True)
    old = _schemas(root, stale=True)
    subprocess.run(["git", "add", "-f", ".gk/schema"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "schemas"], cwd=root, check=True)
    for args in (("lint", "--base", "HEAD"), ("lint", "--staged")):
        r = run_gk(*args, cwd=root, env={"GK_TODAY": "2024-01-15"})
        assert r.returncode == 0 and "JSON Schema" not in r.stdout + r.stderr, (args, r.stdout, r.stderr)
        assert {p.name: p.read_bytes() for p in (root / ".gk/schema").iterdir()} == old


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_every_schema_is_written_though_the_output_fails(tmp_path):
    """`gk schema -o dir > /dev/full` (or `| head -1`) wrote 1 of 5 files and stopped at the first message."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "gkcli.cli", "schema", "-o", str(tmp_path / "s")],
                           stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert p.returncode == 2
    assert len(list((tmp_path / "s").glob("*.schema.json"))) == 5


def test_gk_schema_alone_is_one_schema_for_every_kind_of_file():
    # DESIGN: `gk schema` (JSON Schema for editors): bare, it is JSON a program can use, not a listing
    r = run_gk("schema")
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    files = sorted(p for folder in ("units", "tasks", "catalog") for p in (ROOT / "data" / folder).glob("*.yaml"))
    assert files and all(list(v.iter_errors(as_language_server_reads(f))) == [] for f in files)
    for wrong in ({"units": [{"nme": "县财政局"}]}, {"plan": {"id": "a2024", "title": "x"}, "tasks": [{"id": "a2024-01"}]},
                  {"unit": "县财政局", "period": "2023Q5", "entries": []}):
        assert list(v.iter_errors(wrong)), wrong
