"""基层政务公开标准目录 domains (data/catalog/*.yaml)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .. import record
from .base import Record, dates_as_written


class Published(Record):
    unit: str = Field(min_length=1)
    url: str | None = None
    date: dt.date | None = None

    _dates = dates_as_written("date")


# DESIGN.md names the columns of a 标准目录 row in Chinese only: a row may be keyed by them as well
# (公开事项: 批准服务信息 is read as matter: 批准服务信息)
ITEM_KEYS_ZH = {
    "公开事项": "matter", "公开内容": "content", "公开依据": "basis", "公开时限": "timing", "公开主体": "subject",
    "公开渠道和载体": "channels", "公开对象": "audience", "公开方式": "manner", "公开层级": "level",
}


class CatalogItem(Record):
    """标准目录的一行。"""

    KEYS_ZH: ClassVar[dict[str, str]] = ITEM_KEYS_ZH  # the compiled check (schemas/compile.py) reads them too

    @model_validator(mode="before")
    @classmethod
    def _chinese_keys(cls, v: Any) -> Any:
        return record.english_keys(v, cls.KEYS_ZH) if isinstance(v, dict) else v

    matter: str | None = None
    """公开事项"""
    content: str | None = None
    """公开内容（要素）"""
    basis: str | None = None
    """公开依据"""
    timing: str | None = None
    """公开时限"""
    subject: str | None = None
    """公开主体"""
    channels: str | None = None
    """公开渠道和载体"""
    audience: str | None = None
    """公开对象"""
    manner: str | None = None
    """公开方式（主动/依申请）"""
    level: str | None = None
    """公开层级（县级/乡级）"""


class CatalogDomain(Record):
    name: str = Field(min_length=1)
    no: int | None = Field(None, ge=1)  # 序号 of the standard directory: from 1

    @field_validator("no", mode="before")
    @classmethod
    def _no_is_written_as_a_number(cls, v: Any) -> Any:
        """`no: true` is no 1, nor `no: 1_000` a 1000 (pydantic's lax int takes both)."""
        if isinstance(v, bool) or (isinstance(v, str) and not re.fullmatch(r"-?[0-9]+", v)):
            raise PydanticCustomError("int_parsing", "应为整数")
        return v
    guideline: str | None = None
    county_units: list[str] = []
    township_units: list[str] = []
    published: list[Published] = []
    items: list[CatalogItem] = []
