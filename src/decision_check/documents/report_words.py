"""The report's words: sentence segments with traced figures (:class:`Writer`), numerals, citations, names.

:mod:`decision_check.documents.report` builds the section's sentences with these; nothing here counts.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from decision_check.documents.minutes import NUMERALS
from decision_check.findings import Citation
from decision_check.summary import Figure, Item, RegimePeriod

STEP_NAMES = {
    "public_participation": "公众参与",
    "expert_review": "专家论证",
    "risk_assessment": "风险评估",
    "legality_review": "合法性审查",
    "meetings": "集体讨论决定",
    "publication": "决策公布",
    "archive": "决策归档",
}
# Words a generated report never writes: each is a claim of full compliance no count can carry.
OVERCLAIMS = ("均", "全部", "一律", "100%", "所有", "全面", "严格")
SOURCES = {
    "national": "国务院令第713号",
    "chongqing-2006": "重庆市人民政府令第189号",
    "chongqing": "重庆市人民政府令第337号",
}
STATUS = {
    "decided": "已决定",
    "adjusted": "已调整",
    "terminated": "已终止",
    "rejected": "未通过",
    "shelved": "搁置",
    "in_progress": "正在办理",
}


@dataclass(frozen=True)
class RuleInfo:
    """A rule's Chinese title in each rule set that defines it (set id → title)."""

    titles: Mapping[str, str]

    def title(self, sets: Sequence[str]) -> str:
        """The title in the first of ``sets`` (the decision's rule sets, in order) that defines the rule."""
        for set_id in sets:
            if set_id in self.titles:
                return self.titles[set_id]
        return next(iter(self.titles.values()), "")


def cn_number(n: int) -> str:
    """一 … 九十九 (一是、十一是), then Arabic numerals."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{NUMERALS[tens - 1]}十")
    return head + (NUMERALS[ones - 1] if ones else "")


def citations_text(citations: Iterable[Citation]) -> str:
    """Citations joined by instrument: 《条例》第三十条第二款、第三款；《规定》第二十条."""
    byinstrument: dict[str, list[str]] = {}
    for citation in citations:
        article = citation.article or "（条文待核实）"
        mark = "（待核实）" if citation.confidence == "unconfirmed" and citation.article else ""
        listed = byinstrument.setdefault(citation.instrument, [])
        if article + mark not in listed:
            listed.append(article + mark)
    return "；".join(f"《{name}》{articles_text(articles)}" for name, articles in byinstrument.items())


def articles_text(articles: Sequence[str]) -> str:
    """第三十条第二款、第三款: a repeated article number is said once."""
    out, previous = [], ""
    for text in articles:
        head, _, rest = text.partition("条")
        if rest and head == previous:
            out.append(rest)
        else:
            out.append(text)
        previous = head if rest else ""
    return "、".join(out)


@dataclass
class Writer:
    """Turns sentence templates with figures into segments; numbers footnotes; records the trace."""

    notes: dict[tuple[str, ...], int] = field(default_factory=dict)
    trace: list[dict[str, Any]] = field(default_factory=list)
    organ: str = ""

    def note(self, ids: tuple[str, ...]) -> int | None:
        if not ids:
            return None
        return self.notes.setdefault(ids, len(self.notes) + 1)

    def para(self, template: str, **values: Figure | str | int) -> dict[str, Any]:
        """A paragraph from ``template`` (``{name}`` placeholders): figures become traced segments."""
        segments: list[dict[str, Any]] = []
        used: list[Figure] = []
        for literal, name, _, _ in string.Formatter().parse(template):
            if literal:
                segments.append({"text": literal, "note": None, "ids": ""})
            if name is None:
                continue
            value = values[name]
            if isinstance(value, Figure):
                used.append(value)
                segments.append({"text": str(value.value), "note": self.note(value.ids), "ids": "、".join(value.ids)})
            else:
                segments.append({"text": str(value), "note": None, "ids": ""})
        text = "".join(s["text"] for s in segments)
        for item in used:
            self.record(item, text)
        return {"text": text, "segments": segments}

    def cell(self, value: Figure | str) -> dict[str, Any]:
        if isinstance(value, Figure):
            return {"text": str(value.value), "note": self.note(value.ids), "ids": "、".join(value.ids), "figure": True}
        return {"text": value, "note": None, "ids": "", "figure": False}

    def record(self, item: Figure, text: str) -> None:
        self.trace.append(
            {
                "organ": self.organ,
                "key": item.key,
                "value": item.value,
                "ids": list(item.ids),
                "rule": item.rule,
                "note": self.note(item.ids),
                "text": text,
            }
        )


def we(organ: str) -> str:
    """How the organ calls itself in its own report: 我镇, 我乡, 我县, 我区, 我市, 我街道, else 本机关."""
    name = organ.removesuffix("人民政府").removesuffix("办事处")
    for suffix, word in (
        ("街道", "我街道"),
        ("镇", "我镇"),
        ("乡", "我乡"),
        ("县", "我县"),
        ("区", "我区"),
        ("市", "我市"),
    ):
        if name.endswith(suffix):
            return word
    return "本机关"


def months(period: RegimePeriod) -> str:
    """1—8月, 9月起, 全年; exact days when a period starts or ends inside a month."""
    first, last = period.start, period.end
    whole_start = first.day == 1
    whole_end = (date.fromordinal(last.toordinal() + 1)).day == 1
    if first.month == 1 and whole_start and last.month == 12 and last.day == 31:
        return "全年"
    if not (whole_start and whole_end):
        return f"{first.month}月{first.day}日至{last.month}月{last.day}日"
    if last.month == 12 and last.day == 31:
        return f"{first.month}月起"
    if first.month == last.month:
        return f"{first.month}月"
    return f"{first.month}—{last.month}月"


def instrument(set_id: str, title: str) -> str:
    number = SOURCES.get(set_id)
    return f"{title}（{number}）" if number else title


def regime_clauses(periods: Sequence[RegimePeriod]) -> list[tuple[str, str, RegimePeriod]]:
    """(when, what applied, period) for each part of the year with its own rule sets."""
    clauses = []
    for period in periods:
        direct = [instrument(i, t) for i, t, mode in period.uses if mode == "direct"]
        reference = [instrument(i, t) for i, t, mode in period.uses if mode == "by_reference"]
        parts = []
        if reference:
            parts.append(f"参照{'和'.join(reference)}")
        if direct:
            parts.append(f"{'执行' if reference else '适用'}{'和'.join(direct)}")
        what = "，并".join(parts) if parts else "没有应当适用的重大行政决策程序规定"
        clauses.append((months(period), what, period))
    return clauses


def listing(pairs: Sequence[tuple[str, Figure]], writer: Writer, unit: str = "项") -> tuple[str, dict[str, Figure]]:
    """'重大公共建设项目{c0}项、重要规划{c1}项' and its figures."""
    names: dict[str, Figure] = {}
    words = []
    for index, (label, value) in enumerate(pairs):
        names[f"c{index}"] = value
        words.append(f"{label}{{c{index}}}{unit}")
    return "、".join(words), names


def titled(items: Sequence[Item], ids: Sequence[str]) -> str:
    titles = {i.id: i.decision.title for i in items}
    return "、".join(f"{i}《{titles[i]}》" if i in titles else i for i in ids)
