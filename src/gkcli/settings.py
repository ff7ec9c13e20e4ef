"""gk.toml: the data repo's optional settings."""

from __future__ import annotations

from typing import Any

import re
import tomllib
from pathlib import Path

from .errors import GkError
from .records import CHECKS, Settings
from .units import INVISIBLE


def load_settings(root: Path, without_lint: bool = False) -> Settings:
    """gk.toml's settings (GkError when they are wrong); `without_lint`: its [lint] table left out
    (gk lint --base checks a pull request with the base's [lint], whatever the branch's says)."""
    path = root / "gk.toml"
    if not path.is_file():
        return CHECKS[Settings]({})  # type: ignore[return-value]  # the defaults: always valid
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = parse_text(text)
        if without_lint:
            raw.pop("lint", None)
    except UnicodeDecodeError:
        raise GkError(f"{_shown(path)} 不是 UTF-8 编码，无法读取", "用编辑器“另存为 UTF-8”") from None
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"at line (\d+), column (\d+)", str(e))
        where = f"第 {at[1]} 行第 {at[2]} 列" if at else ""
        raise GkError(f"{_shown(path)} {where}不是有效的 TOML，无法读取", "每行写作 键 = 值；文字用双引号括起来，其中的 \" 和 \\ 写作 \\\" 和 \\\\",
                      path, (int(at[1]), int(at[2])) if at else (1, 1)) from None
    for key, value in _strings(raw):
        if _CONTROL.search(value):
            raise GkError(f"{_shown(path)} 中 {key} 含有控制字符、换行、看不见的字符或首尾空格（如 \\n、\\u200b）", "删除这些字符",
                          path, key_place(text, tuple(key.split(".")))) from None
        if key in _ONE_LINE and len(value) > _ONE_LINE[key]:  # printed on one line of a 公文 (the Word file failed on 100,000)
            raise GkError(f"{_shown(path)} 中 {key} 有 {len(value)} 个字，超过 {_ONE_LINE[key]} 个字",
                          "落款、主送机关、县名与机关名印在公文的一行上：写简称或规范的机关名称", path, key_place(text, tuple(key.split(".")))) from None
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
        hint = _keys_hint(Model, err["loc"]) if err["type"] == "extra_forbidden" else _example_hint(Model, err)
        raise GkError(f"{_shown(path)} 中 {where} 有误：{_why(err)}", hint, path, key_place(text, err["loc"])) from None


_TABLE = re.compile(r"\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"([\w.\"' -]+?)\s*=")


def key_place(text: str, loc: tuple) -> tuple[int, int]:
    """(line, col) of the setting at `loc` (("lint", "severity", 0)) in gk.toml's text: its key,
    else the table or inline table it is in, else 1:1 (a line scan: gk.toml is a few lines)."""
    want = [str(k).replace("-", "_") for k in loc if isinstance(k, str)]

    def parts(name: str) -> list[str]:
        return [p.strip().strip("\"'").replace("-", "_") for p in name.split(".")]

    table: list[str] = []
    best = (1, 1)
    for n, line in enumerate(text.splitlines(), 1):
        body = line.lstrip()
        col = len(line) - len(body) + 1
        m = _TABLE.match(body)
        if m and not body.startswith("[["):
            table = parts(m[1])
            if table == want[: len(table)] and best == (1, 1):
                best = (n, col)
            continue
        m = _KEY.match(body)
        if m:
            full = table + parts(m[1])
            if full == want:
                return n, col
            if full == want[: len(full)]:  # lint = { severity = … }
                best = (n, col)
    return best


# what each setting looks like written right (as the user writes its key)
_EXAMPLES = {"county": '"宣汉县"', "office": '"宣汉县人民政府办公室"', "signature": '"宣汉县人民政府办公室"', "to": '"达州市人民政府办公室"',
             "due_soon_days": "30", "report_window_days": "10", "workspace": '["counties/*"]', "strict": "true",
             "select": '["GK2"]', "extend_select": '["GK210"]', "ignore": '["GK209"]', "severity": '["GK403=warning"]'}


def _example_hint(model: Any, err: dict) -> str:
    """A setting of the wrong type or out of range: how to write it (not the list of every setting)."""
    names = [str(k) for k in err["loc"] if isinstance(k, str)]
    key = names[-1] if names else ""
    example = _EXAMPLES.get(key)
    if example is None:
        return _keys_hint(model, err["loc"])
    shown = key.replace("_", "-") if names[:1] == ["lint"] else key
    table = f"[{names[0]}] 中" if len(names) > 1 else ""
    return f"{table}写作 {shown} = {example}"


def _keys_hint(model: Any, loc: tuple) -> str:
    """The settings that may be written where the mistake is (a user has gk, not its README)."""
    table = ""
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        inner = getattr(field, "annotation", None) if field is not None else None
        if not (isinstance(inner, type) and hasattr(inner, "model_fields")):
            break
        model, table = inner, f"[{part}] 中"
    keys = [k.replace("_", "-") if table == "[lint] 中" else k for k in model.model_fields]
    return f"{table or 'gk.toml 中'}可写的设置：{'、'.join(keys)}"


def name_problem(value: str) -> bool:
    """Does a name (county, office) hold what would forge output or make a look-alike?"""
    return bool(_CONTROL.search(value))


def parse_text(text: str) -> dict:
    """gk.toml's text (a BOM allowed) as the settings read it: [lint]'s extend-select as ruff
    writes it is extend_select. tomllib.TOMLDecodeError when it is no TOML."""
    raw = tomllib.loads(text.removeprefix("\ufeff"))
    if isinstance(raw.get("lint"), dict):
        raw["lint"] = {k.replace("-", "_"): v for k, v in raw["lint"].items()}
    return raw


# names printed on one line of a report (a county's and an office's names are far shorter)
_ONE_LINE = {"county": 30, "office": 40, "report.signature": 40, "report.to": 60}

# they would reach terminals, report titles and Word files: controls (a line break too: a county
# name is one line), line separators, zero-width and bidi marks
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}]|^\\s|\\s$")  # and no space at either end (a look-alike)


def _strings(table: dict, prefix: str = ""):
    """(dotted key, text) of every string in the settings, however nested."""
    for k, v in table.items():
        key = f"{prefix}{k}"
        if isinstance(v, str):
            yield key, v
        elif isinstance(v, dict):
            yield from _strings(v, key + ".")
        elif isinstance(v, list):
            yield from ((key, x) for x in v if isinstance(x, str))


def _shown(path: Path) -> str:
    """The settings file as the user can find it: gk.toml in this folder, else its path
    (in a roll-up, which county's)."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith(".." + os.sep + ".." + os.sep) else str(path)


def _as_toml(value: object) -> str:
    """A value as gk.toml wrote it (true, "abc", [1, "a"]), not as Python shows it (True, 'abc')."""
    import json

    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_as_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_as_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (bool, str)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _why(err: dict) -> str:
    """A settings error in Chinese (pydantic's own message when there is no wording for it)."""
    typ, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if typ == "greater_than_equal":
        return f"应为不小于 {ctx['ge']} 的整数，而不是 {value}"
    if typ == "less_than_equal":
        return f"应为不大于 {ctx['le']} 的整数，而不是 {value}"
    if typ.startswith("int_"):
        return f"应为整数，而不是 {_as_toml(value)}"
    if typ.startswith("bool"):
        return f"应为 true 或 false，而不是 {_as_toml(value)}"
    if typ == "string_type":
        return f"应为文字（用双引号括起来），而不是 {_as_toml(value)}"
    if typ == "list_type":
        key = next((str(k) for k in reversed(err["loc"]) if isinstance(k, str)), "")
        return f"应为列表，如 {_EXAMPLES.get(key, '[…]')}"
    if typ == "too_short":
        return '不能是空列表：列出各县的仓库，如 ["counties/*"]；不汇总就删去这一行'
    if typ in ("model_type", "dict_type"):
        return "应为一个表，如 [report]"
    if typ == "extra_forbidden":
        return "不是 gk 的设置"
    return str(err["msg"])
