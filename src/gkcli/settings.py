"""gk.toml: the data repo's optional settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import GkError
from .records import CHECKS, Settings


def load_settings(root: Path) -> Settings:
    path = root / "gk.toml"
    if not path.is_file():
        return CHECKS[Settings]({})  # type: ignore[return-value]  # the defaults: always valid
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise GkError(f"gk.toml 无法读取：{e}", "检查 gk.toml 的格式（TOML），字符串要用双引号") from None
    settings = CHECKS[Settings](raw)
    if settings is not None:
        return settings
    from pydantic import ValidationError

    from .record import from_model
    from .schemas.settings import Settings as Model

    try:
        return from_model(Settings, Model.model_validate(raw))  # type: ignore[return-value]
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise GkError(f"gk.toml 中 {where} 有误：{err['msg']}", "可用的设置见 README 的 gk.toml 一节") from None
