"""Field types that accept what a Chinese clerk actually types, and say clearly what they reject.

* dates as ``2020-03-01``, ``2020年3月1日``, ``2020.3.1``, ``2020/3/1`` (always printed ISO); an
  impossible date (``2020-02-30``) is rejected with that reason;
* booleans as ``true``/``false`` or ``是``/``否`` (never YAML 1.1's ``no``/``on`` by accident: the
  loader leaves those as text);
* text where a number was typed (``entry: 3``);
* shares (a quorum, a majority) as people write them: ``0.5``, ``"1/2"``, ``"2/3"``, ``"50%"``,
  ``半数``, ``二分之一``, ``三分之二``, ``过半数`` (see :func:`parse_share`).
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from typing import Annotated, Any

from decision_check.models.lazy import before, json_schema, plain

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


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_STRICT_PREFIX = ("超过", "过", "多于", "大于", "more than ", ">")
_AT_LEAST_PREFIX = ("不少于", "不低于", "至少", "达到", "at least ", ">=", "≥")
_AT_LEAST_SUFFIX = ("以上（含本数）", "以上(含本数)", "以上", "（含本数）", "(含本数)")
_HALF = {"半数", "一半", "半", "half"}
_SHARE_HELP = (
    "请写作 0.5、1/2、2/3、50%、半数、二分之一、三分之二 或 过半数"
    " / write 0.5, 1/2, 2/3, 50%, 半数, 二分之一, 三分之二 or 过半数"
)
SHARE_DESCRIPTION = (
    '比例：0.5、"1/2"、"2/3"、"50%"、半数、二分之一、三分之二、过半数。'
    "“过半数”“超过……”为严格多于（不含本数）；“半数”“1/2”“……以上”为达到即可（含本数，《民法典》第一千二百五十九条：以上含本数）；"
    "只写数字时由 inclusive 决定（默认含本数）。"
    ' / A share: 0.5, "1/2", "2/3", "50%", 半数, 二分之一, 三分之二, 过半数. '
    "过半数 (and any 超过…) means strictly more than; 半数, 1/2 and …以上 mean at least; "
    "a bare number leaves it to `inclusive` (default: at least)."
)


def _cn_number(text: str) -> int | None:
    """``三`` → 3, ``十`` → 10, ``十二`` → 12, ``二十`` → 20, ``7`` → 7; None when not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        if "十" in units or (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    if len(text) != 1:
        return None
    return _CN_DIGITS[text]


def _share_core(text: str) -> Fraction | None:
    if text in _HALF:
        return Fraction(1, 2)
    match = re.fullmatch(r"(.+?)分之(.+)", text)
    if match:
        denominator, numerator = _cn_number(match.group(1)), _cn_number(match.group(2))
        if denominator and numerator is not None:
            return Fraction(numerator, denominator)
        return None
    match = re.fullmatch(r"(\d+)\s*[/／]\s*(\d+)", text)
    if match:
        return Fraction(int(match.group(1)), int(match.group(2))) if int(match.group(2)) else None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[%％]", text)
    if match:
        return Fraction(match.group(1)) / 100
    if re.fullmatch(r"\d*\.\d+|\d+", text):
        return Fraction(text)
    return None


def parse_share_spelling(value: Any) -> tuple[Fraction, bool | None]:
    """A share and whether its spelling says "strictly more than" (True), "at least" (False) or neither (None).

    ``过半数`` / ``超过三分之二`` → (…, True); ``半数以上`` / ``不少于三分之二`` → (…, False); ``半数``,
    ``"1/2"``, ``0.5``, ``"50%"`` → (…, None): the ``inclusive`` flag beside it decides, and it defaults to
    "at least" (以上含本数, 民法典 art 1259).
    ``ValueError`` with a bilingual reason for anything else, and for a share outside (0, 1].
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str | Fraction):
        raise ValueError(f"无法识别的比例“{value}”，{_SHARE_HELP} / unreadable share {value!r}")
    strict: bool | None = None
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, int | float):
        share = Fraction(str(value))
    else:
        text = value.strip().lower().replace("\u00a0", " ")
        for prefix in _STRICT_PREFIX:
            if text.startswith(prefix):
                text, strict = text[len(prefix) :].strip(), True
                break
        else:
            for prefix in _AT_LEAST_PREFIX:
                if text.startswith(prefix):
                    text, strict = text[len(prefix) :].strip(), False
                    break
        for suffix in _AT_LEAST_SUFFIX:
            if text.endswith(suffix) and strict is not True:
                text, strict = text[: -len(suffix)].strip(), False
                break
        core = _share_core(text)
        if core is None:
            raise ValueError(f"无法识别的比例“{value}”，{_SHARE_HELP} / unreadable share {value!r}")
        share = core  # a bare 半数 / 1/2 / 三分之二 says neither: ``inclusive`` decides (default: at least)
    if not 0 < share <= 1:
        raise ValueError(f"比例“{value}”应大于 0 且不超过 1 / the share {value!r} must be in (0, 1]")
    return share, strict


def parse_share(value: Any) -> Fraction:
    """The share a value spells, exactly (``"2/3"`` is 2/3, not 0.67); see :func:`parse_share_spelling`."""
    return parse_share_spelling(value)[0]


def share_with_inclusive(data: Any, share_key: str = "fraction", inclusive_key: str = "inclusive") -> Any:
    """Before-validator of a mapping holding a share and its ``inclusive`` flag: a spelling that says
    "more than" (过半数) or "at least" (半数, 以上) sets ``inclusive``; an explicit ``inclusive`` that
    contradicts the spelling is an error. Unreadable shares are left for the field to reject."""
    if not isinstance(data, dict) or share_key not in data:
        return data
    try:
        _, strict = parse_share_spelling(data[share_key])
    except ValueError:
        return data
    if strict is None:
        return data
    if inclusive_key in data:
        try:
            inclusive = parse_bool(data[inclusive_key])
        except ValueError:
            return data
        if inclusive is strict:
            said = "严格多于（不含本数）" if strict else "达到即可（含本数）"
            said_en = "strictly more than" if strict else "at least"
            raise ValueError(
                f"“{data[share_key]}”意为{said}，与 {inclusive_key}: {str(inclusive).lower()} 矛盾"
                f" / '{data[share_key]}' means {said_en}, which contradicts {inclusive_key}: {inclusive}"
            )
        return data
    return {**data, inclusive_key: not strict}


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


def _share_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


CnDate = Annotated[
    date,
    plain(parse_date, {"type": "string", "description": "2020-03-01 / 2020年3月1日 / 2020.3.1 / 2020/3/1"}),
]
CnBool = Annotated[bool, plain(parse_bool, {"anyOf": [{"type": "boolean"}, {"enum": ["是", "否"]}]})]
Text = Annotated[str, before(to_text), json_schema({"type": ["string", "number"]})]
BoolOrRef = Annotated[bool | str, plain(bool_or_ref, {"anyOf": [{"type": "boolean"}, {"type": "string"}]})]
Share = Annotated[
    Fraction,
    plain(
        parse_share,
        {"anyOf": [{"type": "number"}, {"type": "string"}], "description": SHARE_DESCRIPTION},
        serialize=_share_text,
    ),
]
