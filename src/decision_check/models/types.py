"""Field types that accept what a Chinese clerk actually types, and say clearly what they reject.

* dates as ``2020-03-01``, ``2020年3月1日``, ``2020.3.1``, ``2020/3/1`` (always printed ISO); an
  impossible date (``2020-02-30``) is rejected with that reason;
* booleans as ``true``/``false`` or ``是``/``否`` (never YAML 1.1's ``no``/``on`` by accident: the
  loader leaves those as text);
* text where a number was typed (``entry: 3``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})\s*日?\s*$")

_TRUE = {"true", "是", "yes", "y", "对", "有"}
_FALSE = {"false", "否", "no", "n", "无"}


def parse_date(value: Any) -> date:
    """A date from ``date`` or one of the accepted spellings; ``ValueError`` with a bilingual reason."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"应为日期，如 2020-03-01 或 2020年3月1日 / expected a date, got {value!r}")
    match = _DATE.match(value)
    if not match:
        raise ValueError(
            f"无法识别的日期“{value}”，请写作 2020-03-01 或 2020年3月1日"
            f" / unrecognised date {value!r}: write 2020-03-01"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"日期“{value}”不存在（{year}年没有{month}月{day}日） / {value!r} is not a real date"
        ) from None


def parse_bool(value: Any) -> bool:
    """A boolean from ``bool`` or ``true/false/是/否``; ``ValueError`` otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(f"应为 是/否（true/false），而不是“{value}” / expected true/false (是/否), got {value!r}")


def to_text(value: Any) -> Any:
    """Numbers typed where text is expected become text; everything else passes through."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def to_list(value: Any) -> Any:
    """A single value where a list is expected becomes a one-item list."""
    if value is None:
        return value
    return value if isinstance(value, list) else [value]


def bool_or_ref(value: Any) -> bool | str:
    """``true``/``false``/``是``/``否``, or a document id (``D9``) meaning "yes, see this document"."""
    try:
        return parse_bool(value)
    except ValueError:
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise ValueError(
            f"应为 是/否 或文件编号（如 D9），而不是“{value}” / expected true/false or a document id"
        ) from None


CnDate = Annotated[
    date,
    PlainValidator(parse_date),
    WithJsonSchema({"type": "string", "description": "2020-03-01 / 2020年3月1日 / 2020.3.1 / 2020/3/1"}),
]
CnBool = Annotated[
    bool,
    PlainValidator(parse_bool),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["是", "否"]}]}),
]
Text = Annotated[str, BeforeValidator(to_text), WithJsonSchema({"type": ["string", "number"]})]
BoolOrRef = Annotated[
    bool | str,
    PlainValidator(bool_or_ref),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string"}]}),
]
