"""Responsible units and unit groups (data/units/*.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Record, dates_as_written

UnitKind = Literal["department", "township", "street", "vertical", "party", "institution", "office", "other"]


class Unit(Record):
    """一个责任单位。"""

    name: str = Field(min_length=1)
    """文件中使用的简称，如 县财政局；在单位与分组中唯一。"""
    full_name: str | None = None
    """全称，如 宣汉县财政局。"""
    aliases: list[str] = []
    """文件中出现过的其他写法；单位更名后旧名也写在这里。"""
    kind: UnitKind = "other"
    """单位类别。"""
    groups: list[str] = []
    """所属分组的名称。"""
    starts_on: dt.date | None = None
    """可选：单位成立的日期（第一天），如 2024-04-01。此前的季度不要求它报送进度，此前生效的方案也不经分组派给它任务。"""
    ends_on: dt.date | None = None
    """可选：单位撤销或并入其他单位的日期（最后一天），如 2024-03-31。此后它不再承担任务、不再报送进度；名称仍可识别。"""
    successor: str | None = None
    """可选：承接其工作的单位（名称或别名），与 ends_on 同用。单位撤销后，它的任务由接续单位承接。"""

    _dates = dates_as_written("starts_on", "ends_on")


class KindSelector(Record):
    kind: list[UnitKind] = Field(min_length=1)
    """这些类别的所有单位。"""


class Group(Record):
    """一个单位分组，如 各乡镇（街道）。"""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    members: list[str] | KindSelector = []
    """成员：单位或分组名称的列表，或 {kind: [township, street]}。"""


class UnitsFile(Record):
    units: list = []
    groups: list = []
