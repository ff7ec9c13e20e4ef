"""The roll-up of several counties: one row per county, as each county's own report
counts it, and the totals. Rendered like the other reports (rollup.{md,html,docx}.j2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import COLUMN_OF, cn_date, completed, percent, with_due_date
from .provenance import Provenance


@dataclass
class CountyRow:
    county: str
    tasks: int
    done: int
    done_late: int
    overdue: int
    due_soon: int
    dated: int  # tasks with a due date: the base of the completion rate
    dated_done: int  # … of them done, on time or late
    not_reported: list[str]
    commit: str  # the county repo's data version
    report: str = ""  # the county's own report file, when one was written

    @property
    def rate(self) -> str:
        return percent(self.dated_done, self.dated)


@dataclass
class RollupMeta:
    title: str
    office: str
    period_label: str  # 2024年第三季度 / 2024年度
    period: str
    as_of: dt.date
    provenance: Provenance
    kind: str = "rollup"
    owed_label: str = ""  # the period 未报送 is about: the quarter, or a year's latest quarter

    @property
    def as_of_label(self) -> str:
        return cn_date(self.as_of)


@dataclass
class Rollup:
    meta: RollupMeta
    rows: list[CountyRow]
    # counties not in the rows, and why (could not be read; has no such unit): the totals are not
    # the whole city's, and the document must say so, not only the terminal
    left_out: list[tuple[str, str]] = field(default_factory=list)
    total: CountyRow = field(init=False)

    def __post_init__(self) -> None:
        rs = self.rows
        self.total = CountyRow("合计", *(sum(getattr(r, f) for r in rs) for f in ("tasks", "done", "done_late", "overdue", "due_soon", "dated", "dated_done")),
                               [u for r in rs for u in r.not_reported], "")

    @property
    def counties_not_reported(self) -> list[CountyRow]:
        return [r for r in self.rows if r.not_reported]


def row(county: str, status: Any, commit: str, report: str = "", not_reported: list[str] | None = None) -> CountyRow:
    """A county's row from its status report (gkcli.status.StatusReport); `not_reported`:
    the units owing the report's period (a county report's own list), else the status's."""
    cols = [COLUMN_OF[t.key] for t in status.tasks]
    dated = with_due_date(status.tasks)
    return CountyRow(county, len(cols), cols.count("done"), cols.count("done_late"), cols.count("overdue"), cols.count("due_soon"),
                     len(dated), len(completed(dated)), list(status.not_reported if not_reported is None else not_reported), commit, report)


def meta(owner: Path | None, counties: int, period_label: str, period: str, as_of: dt.date, version: str,
         made_on: dt.date, owed_label: str = "", unit: str | None = None) -> RollupMeta:
    """The roll-up's header: named after the repo that lists the workspace (its gk.toml
    county, e.g. 达州市), else after how many counties it covers."""
    from ..settings import load_settings
    from . import provenance

    settings = load_settings(owner) if owner else None
    name = (settings.county if settings else None) or f"{counties}个县（市、区）"
    # the 落款 names an office, as a county's report does (gk.toml [report] signature, office, else the
    # county's 人民政府办公室); with no county either, none: “2个县（市、区）” is no 发文机关 (Word leaves it out)
    county = settings.county if settings else None
    office = (settings and (settings.report.signature or settings.office)) or (f"{county}人民政府办公室" if county else "")
    prov = provenance.of(owner, version, made_on) if owner else Provenance(None, False, version, made_on, "各县的数据版本见表")
    title = f"{name}{period_label}政务公开工作汇总" + (f"（{unit}）" if unit else "")  # one unit's figures, not the counties'
    return RollupMeta(title, office, period_label, period, as_of, prov, owed_label=owed_label or period_label)
