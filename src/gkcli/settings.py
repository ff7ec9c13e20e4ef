"""gk.toml: the data repo's optional settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import GkError


class ReportSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signature: str | None = None
    """报告落款。"""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    county: str | None = None
    """县（市、区）名称，如 宣汉县。"""
    office: str | None = None
    """报告的发文机关，如 宣汉县人民政府办公室。"""
    due_soon_days: int = Field(30, ge=0)
    """到期前多少天算“临期”。"""
    report_window_days: int = Field(10, ge=0)
    """季度结束后多少天内仍可报送该季度进度。"""
    report: ReportSettings = ReportSettings()
    workspace: list[str] = []
    """可选：汇总多个县的数据仓库路径（相对 gk.toml）。"""


def load_settings(root: Path) -> Settings:
    path = root / "gk.toml"
    if not path.is_file():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise GkError(f"gk.toml 无法读取：{e}", "检查 gk.toml 的格式（TOML），字符串要用双引号") from None
    try:
        return Settings.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise GkError(f"gk.toml 中 {where} 有误：{err['msg']}", "可用的设置见 README 的 gk.toml 一节") from None
