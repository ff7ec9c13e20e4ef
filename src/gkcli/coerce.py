"""Turn option values into Python values without pydantic.

Typer 0.29 builds a pydantic TypeAdapter for every option of the command it runs,
even an option left at its default: importing pydantic and building a dozen adapters
costs ≈ 0.1 s, more than a cold `gk status` spends on the county's data. gk's options
are only str, bool, int, list[str] and Enum, which need none of that, so those get a
plain coercion here; any other annotation (and any Typer whose internals differ) keeps
Typer's own.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin


def install() -> None:
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
        from typer._param_types import coerce_cli_choice
        base = _coercion.RuntimeParam
        typers_own = core.build_runtime_param
    except (ImportError, AttributeError):  # another Typer: its own coercion stays
        return

    class Plain(base):  # type: ignore[misc, valid-type]
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            ann = self.annotation
            if get_origin(ann) is list:
                return [self._one(get_args(ann)[0], v, param, ctx) for v in value]
            return self._one(ann, value, param, ctx)

        def _one(self, ann: Any, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            if ann is str:
                return str(value)
            if ann is bool:
                if isinstance(value, bool):
                    return value
                word = str(value).strip().lower()
                if word in ("1", "true", "t", "yes", "y", "on"):
                    return True
                if word in ("", "0", "false", "f", "no", "n", "off"):
                    return False
                raise BadParameter(f"“{value}”不是是/否值（可用 true/false）", ctx=ctx, param=param)
            if ann is int:
                if isinstance(value, int) and not isinstance(value, bool):
                    return value
                text = str(value).strip()
                if text.isascii():
                    try:
                        return int(text)
                    except ValueError:
                        pass
                raise BadParameter(f"“{value}”不是整数", ctx=ctx, param=param)
            try:  # an Enum: Typer's own matching, and its message (zh.py translates it)
                return coerce_cli_choice(value, choices=tuple(ann), case_sensitive=self.parameter_info.case_sensitive, ctx=ctx)
            except ValueError as e:
                raise BadParameter(str(e), ctx=ctx, param=param) from None

    def plain(descriptor: Any) -> Any:
        ann = descriptor.annotation
        leaf = get_args(ann)[0] if get_origin(ann) is list and len(get_args(ann)) == 1 else ann
        simple = leaf in (str, bool, int) or (isinstance(leaf, type) and issubclass(leaf, Enum))
        info = descriptor.parameter_info
        if not simple or descriptor.file_annotation is not None or info.parser is not None \
                or info.min is not None or info.max is not None:
            return typers_own(descriptor)
        try:
            return Plain(annotation=ann, parameter_info=info)
        except Exception:  # a Typer whose RuntimeParam is built otherwise: its own way
            return typers_own(descriptor)

    core.build_runtime_param = plain
