"""Golden files: the quarterly and annual reports in Markdown and HTML.

- the built-in data (data/ of this project: tasks and units, no progress);
- the sample data repo examples/sample-xuanhan (the same tasks and units, with demo
  progress and invented annual figures, marked as such in every file).

Each report is rendered with a fixed provenance (commit, version, no date), so the
files change only when the data, the report data or the templates change. After an
intended change, regenerate and review the diff:

    GK_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.reports import data as rd
from gkcli.reports import publish
from gkcli.reports.provenance import Provenance

HERE = Path(__file__).parent
ROOT = HERE.parent
GOLDEN = HERE / "report_golden"
SAMPLE = ROOT / "examples" / "sample-xuanhan"
PROV = Provenance(commit="0123abcdef", dirty=False, version="0.0.0-golden")
REGEN = bool(os.environ.get("GK_REGEN_GOLDEN"))

CASES = [
    # (golden name, data repo, kind, period, unit)
    ("builtin/quarterly-2023Q3", ROOT, "quarter", "2023Q3", None),
    ("builtin/annual-2023", ROOT, "year", "2023", None),
    ("sample/quarterly-2023Q3", SAMPLE, "quarter", "2023Q3", None),
    ("sample/quarterly-2023Q3-县行政审批局", SAMPLE, "quarter", "2023Q3", "县行政审批局"),
    ("sample/annual-2023", SAMPLE, "year", "2023", None),
]


def make_report(root: Path, kind: str, period: str, unit: str | None = None):
    model = build(load(root))
    if kind == "quarter":
        q = Quarter.parse(period)
        return rd.quarterly(model, q, q.last_day, PROV, unit)
    year = int(period)
    return rd.annual(model, year, dt.date(year, 12, 31), PROV, unit)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no golden file {path}: run GK_REGEN_GOLDEN=1 pytest {__file__}"
    want = path.read_text(encoding="utf-8")
    if text != want:
        import difflib

        diff = "".join(list(difflib.unified_diff(want.splitlines(True), text.splitlines(True), "golden", "now"))[:80])
        pytest.fail(f"{name} differs from its golden file (GK_REGEN_GOLDEN=1 to accept):\n{diff}")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name, root, kind, period, unit", CASES, ids=[c[0] for c in CASES])
def test_golden(name, root, kind, period, unit, fmt):
    rep = make_report(root, kind, period, unit)
    text = publish.render(rep, fmt, root).decode("utf-8")
    check_golden(f"{name}.{fmt}", text)


def test_goldens_name_the_county_commit_and_version():
    for name, *_ in CASES:
        for fmt in ("md", "html"):
            text = (GOLDEN / f"{name}.{fmt}").read_text(encoding="utf-8")
            assert "宣汉" in text
            assert "0123abcdef" in text and "0.0.0-golden" in text
            assert "2023" in text


def test_sample_is_marked_as_sample():
    """Demo progress lives only in the sample repo, and says so at the top of every file."""
    files = sorted((SAMPLE / "data" / "progress").rglob("*.yaml")) + sorted((SAMPLE / "data" / "annual").glob("*.yaml"))
    assert files
    for f in files:
        assert "示例数据，非真实报送" in f.read_text(encoding="utf-8").splitlines()[0], f
    assert not (ROOT / "data" / "progress").exists() or not any((ROOT / "data" / "progress").rglob("*.yaml"))
