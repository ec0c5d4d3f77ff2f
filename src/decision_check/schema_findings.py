"""The shape of a loaded record: its kind, then the pydantic model's verdict as findings — unknown keys
with a did-you-mean, wrong types, missing keys, impossible values — each at its line and column.

Also :func:`file_finding`, the error finding of one file that the loader and this module write.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from decision_check.findings import Finding, Severity, Span
from decision_check.i18n import EMPTY, Text
from decision_check.models.records import KINDS
from decision_check.models.validator_cache import ValidationError, validate

if TYPE_CHECKING:
    from decision_check.loader import LoadedFile

PathKey = tuple[str | int, ...]
SCHEMA = "SCHEMA"


def format_path(path: Iterable[str | int]) -> str:
    """``('steps', 'x', 0, 'y')`` → ``steps.x[0].y``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def validate_shape(data: dict[str, Any], loaded: LoadedFile) -> None:
    raw_kind = data.get("kind", "decision")
    kind_key = raw_kind if isinstance(raw_kind, str) else ""
    model = KINDS.get(kind_key)
    if model is None:
        suggestion = difflib.get_close_matches(kind_key, ["decision", "catalog", "organ"], n=1)
        loaded.findings.append(
            file_finding(
                loaded,
                SCHEMA,
                loaded.source.locate(("kind",)),
                Text(f"未知的文件类型 kind: {raw_kind}", f"unknown kind '{raw_kind}'"),
                Text(
                    f"应为 decision、catalog 或 organ{'（是否应为 ' + suggestion[0] + '？）' if suggestion else ''}",
                    f"use decision, catalog or organ{' (did you mean ' + suggestion[0] + '?)' if suggestion else ''}",
                ),
                path="kind",
            )
        )
        return
    loaded.kind = {"决策": "decision", "目录": "catalog", "机关": "organ"}.get(kind_key, kind_key)
    try:
        loaded.record = validate(model, data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_context=True):
            loaded.findings.append(_schema_finding(error, data, model, loaded))


_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("缺少必填项“{key}”", "required key '{key}' is missing"),
    "int_parsing": ("“{input}”应为整数", "'{input}' should be a whole number"),
    "int_type": ("应为整数", "should be a whole number"),
    "float_parsing": ("“{input}”应为数字", "'{input}' should be a number"),
    "string_type": ("应为文字，而不是{found}", "should be text, not {found_en}"),
    "list_type": ("应为列表（- 项目），而不是{found}", "should be a list (- item), not {found_en}"),
    "model_type": ("应为映射（键: 值），而不是{found}", "should be a mapping (key: value), not {found_en}"),
    "dict_type": ("应为映射（键: 值），而不是{found}", "should be a mapping (key: value), not {found_en}"),
    "literal_error": ("取值“{input}”不正确", "the value '{input}' is not allowed"),
}
# The models are dataclasses: pydantic-core names two of its errors as for dataclass arguments.
_KINDS = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


def _schema_finding(error: Any, data: dict[str, Any], model: type, loaded: LoadedFile) -> Finding:
    loc: PathKey = tuple(error["loc"])
    kind: str = _KINDS.get(error["type"], error["type"])
    value = error.get("input")
    path = format_path(loc)
    found, found_en = _describe(value)
    hint = EMPTY
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        suggestion = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        message = Text(f"未知的键“{key}”", f"unknown key '{key}'")
        if suggestion:
            hint = Text(f"是否应为“{suggestion[0]}”？", f"did you mean '{suggestion[0]}'?")
        elif allowed:
            hint = Text("可用的键：" + "、".join(allowed), "allowed keys: " + ", ".join(allowed))
        return file_finding(loaded, SCHEMA, loaded.source.key_span(loc), message, hint, path=path, item=key)
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        message = Text(f"取值“{value}”不在允许范围内", f"'{value}' is not an allowed value")
        hint = Text(f"可选：{expected}（英文代码或中文名称均可）", f"choose one of: {expected}")
        if isinstance(value, str) and "，" in value:
            hint = Text("值中有全角逗号“，”：列表请写成 [a, b] 并用半角逗号", "a full-width comma: use [a, b]")
    elif kind == "value_error":
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
        zh, _, en = reason.partition(" / ")
        message = Text(zh, en or zh)
    elif kind in ("bool_parsing", "bool_type"):
        message = Text(f"应为 是/否（true/false），而不是“{value}”", f"should be true/false (是/否), not '{value}'")
    elif kind in _MESSAGES:
        zh, en = _MESSAGES[kind]
        values = {"key": loc[-1] if loc else "", "input": value, "found": found, "found_en": found_en}
        message = Text(zh, en).format(**values)
        if kind == "missing":
            return file_finding(loaded, SCHEMA, loaded.source.locate(loc), message, hint, path=path, item="missing")
    else:
        message = Text(f"取值不正确：{error['msg']}", f"invalid value: {error['msg']}")
    if isinstance(value, str) and "：" in value and kind in ("model_type", "dict_type", "list_type"):
        hint = Text("值中有全角冒号“：”，键与值之间请用半角“: ”", "a full-width colon: write 'key: value'")
    return file_finding(loaded, SCHEMA, loaded.source.locate(loc), message, hint, path=path)


def _describe(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return "映射", "a mapping"
    if isinstance(value, list):
        return "列表", "a list"
    if value is None:
        return "空值", "nothing"
    return f"“{value}”", f"'{value}'"


def _allowed_keys(model: type, loc: PathKey) -> list[str]:
    """Field names of the model found at ``loc`` (walking through nested models and lists)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = _fields(current)
        if part not in fields:
            return []
        current = _inner_model(fields[part])
        if current is None:
            return []
    return list(_fields(current))


def _fields(model: Any) -> dict[str, Any]:
    """A record model's field names with their (resolved) annotations; {} for anything else."""
    if not (isinstance(model, type) and dataclasses.is_dataclass(model)):
        return {}
    hints = typing.get_type_hints(model, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(model)}


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    metadata_origin = getattr(annotation, "__origin__", None)
    if metadata_origin is not None and metadata_origin is not annotation:
        return _inner_model(metadata_origin)
    return None


def file_finding(
    loaded: LoadedFile,
    rule: str,
    span: Span | None,
    message: Text,
    hint: Text = EMPTY,
    *,
    path: str = "",
    item: str | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        file=loaded.file,
        span=span,
        path=path,
        message=message,
        hint=hint,
        item=item,
    )
