"""gk.toml: the data repo's optional settings (read by gkcli/settings.py)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ReportSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signature: str | None = None
    """报告落款。"""
    to: str | None = None
    """季度报告的主送机关（上报给谁），如 "达州市人民政府办公室"；不写则不印主送机关。"""


class LintSettings(BaseModel):
    """[lint] in gk.toml: what the CI's gk lint and the pre-commit hook share, as ruff's
    [tool.ruff.lint]. Options on the command line go on top (--select replaces select)."""

    model_config = ConfigDict(extra="forbid")
    select: list[str] | None = None
    """只运行这些规则：代码、前缀或名称（同 --select）。"""
    extend_select: list[str] = []
    """在默认规则之外再运行这些规则，如 ["GK210"]（同 --extend-select）。"""
    ignore: list[str] = []
    """不运行这些规则（同 --ignore）。"""
    severity: list[str] = []
    """改变规则的级别，如 ["GK403=warning"]（同 --severity）。"""
    strict: bool = Field(False, strict=True)
    """警告也算错误（同 --strict）。"""
    per_file_ignores: dict[str, list[str]] = {}
    """这些文件不报这些规则，如 {"data/progress/2024Q2/县发改局.yaml" = ["GK402"]}（同 ruff 的 per-file-ignores；路径可用 * 通配）。"""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    county: str | None = None
    """县（市、区）名称，如 宣汉县。"""
    office: str | None = None
    """报告的发文机关，如 宣汉县人民政府办公室。"""
    due_soon_days: int = Field(30, ge=0, le=3650, strict=True)  # not true, not 1e3
    """到期前多少天算“临期”。"""
    report_window_days: int = Field(10, ge=0, le=366, strict=True)
    """季度结束后多少天内仍可报送该季度进度。"""
    report: ReportSettings = ReportSettings()
    lint: LintSettings = LintSettings()
    workspace: list[str] = Field([], min_length=1)  # `workspace = []` is a slip, not "no workspace"
    """可选：汇总多个县的数据仓库路径（相对 gk.toml）。"""
