"""Plans and their tasks (data/tasks/<plan>.yaml)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Record, dates_as_written


class Plan(Record):
    """方案（任务分解表、实施方案、工作要点）的元数据。"""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    """英文短标识，是其任务编号的前缀。"""
    title: str = Field(min_length=1)
    issued_by: str | None = None
    issued_on: dt.date | None = None
    ends_on: dt.date | None = None
    """可选：方案的结束日期，如 2023-12-31。此后周期任务不再有新的一期，长期任务不再要求报告，也不再要求报送进度。"""
    categories: list[str] | None = None
    """可选：类别的封闭列表。"""
    units: list[str] | None = None
    """可选：未写责任单位的任务默认由这些单位负责。"""

    _dates = dates_as_written("issued_on", "ends_on")


class Task(Record):
    """一项任务。"""

    id: str = Field(min_length=1)
    category: str | None = None
    title: str = Field(min_length=1)
    """主要任务。"""
    detail: str | None = None
    """具体工作。"""
    units: list[str] | None = None
    """责任单位（名称、别名或分组），第一个为牵头单位。"""
    others: str | None = None
    """开放式结尾，原样保留，如 等县级有关部门。"""
    deadline: str | None = None
    """完成时限，如 2023年6月底前、长期、每季度。"""


class PlanFile(Record):
    plan: dict
    tasks: list = []
