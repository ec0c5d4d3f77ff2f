"""Checks of scope, launch and catalogues.

The generic checks (``checks/generic.py``) cover most of the launch rules (launch fields, sponsor, the
launch memo and legal-basis documents); what they cannot say is here: which categories a regime
lists, flags left undetermined, a decision's agreement with its catalogue, and the catalogue's own
adoption and entries. Archiving is in ``checks/archiving.py``, the evidence register in
``checks/evidence_register.py``, the post-evaluator's independence in ``checks/followup.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated

from decision_check.checks.base import (
    CatalogContext,
    CheckDef,
    Context,
    NoOptions,
    Options,
    Violation,
    check,
)
from decision_check.i18n import Text
from decision_check.models.enums import Category
from decision_check.models.lazy import constrained
from decision_check.models.records import FLAG_NAMES

FLAG_LABELS: dict[str, Text] = {
    "public_interest": Text("直接涉及切身利益或经济社会发展全局", "directly affects vital interests"),
    "specific_groups": Text("涉及特定群体利益", "affects specific groups"),
    "technical": Text("专业性、技术性较强", "specialised or technical"),
    "stability_risk": Text("可能对社会稳定、公共安全等造成不利影响", "may affect social stability or safety"),
    "market_entities": Text("涉及市场主体经济活动", "concerns market entities' economic activity"),
    "npc_matter": Text("应由人大及其常委会讨论决定或出台前报告", "for the people's congress"),
    "divergent_views": Text("存在较大分歧", "sharply divided views"),
    "widely_concerned": Text("社会公众普遍关心", "of wide public concern"),
}


def _zh_list(items: list[str]) -> str:
    return "、".join(items)


def _en_list(items: list[str]) -> str:
    return ", ".join(items)


# ------------------------------------------------------------------------------------------ scope


@dataclass(frozen=True, kw_only=True)
class CategoryOptions(Options):
    allowed: Annotated[list[Category], constrained(min_length=1)]


@check(
    "category_listed",
    CategoryOptions,
    Text(
        "决策事项至少有一个适用规则集所列的类别（allowed）。"
        "通过：713号下 category: [public_construction]；不通过：没有 category（默认结果），"
        "或713号下只有 state_assets（结果 unlisted：该类别不在所列类别中）。"
        "只要有一个所列类别即通过。",
        "At least one category listed for the regime (`allowed`). Pass: [public_construction] under 713. "
        "Fail: no category (default), or only state_assets under 713 alone (outcome `unlisted`). "
        "One listed category suffices.",
    ),
)
def category_listed(ctx: Context, options: CategoryOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no category), ``unlisted`` (none of the categories is listed)."""
    categories = ctx.decision.category
    allowed_zh = _zh_list([c.zh for c in options.allowed])
    allowed_en = _en_list([c.en for c in options.allowed])
    if not categories:
        yield Violation(("category",), {"allowed": allowed_zh, "allowed_en": allowed_en})
        return
    if any(c in options.allowed for c in categories):
        return
    yield Violation(
        ("category",),
        {
            "actual": _zh_list([c.zh for c in categories]),
            "actual_en": _en_list([c.en for c in categories]),
            "allowed": allowed_zh,
            "allowed_en": allowed_en,
        },
        outcome="unlisted",
    )


@check(
    "flags_determined",
    NoOptions,
    Text(
        "启动时应确定全部触发事实（flags 各项为 是 或 否，未填写即未确定；缺少的逐一列出）。"
        "通过：8 项 flags 均为 true/false；不通过：缺少 technical。",
        "Every trigger flag is determined (true or false; absent = undetermined; the missing ones are named). "
        "Pass: all 8 flags true/false. Fail: technical absent.",
    ),
)
def flags_determined(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    missing = [name for name in FLAG_NAMES if getattr(ctx.decision.flags, name) is None]
    if missing:
        yield Violation(
            ("flags",),
            {
                "missing": _zh_list([f"{FLAG_LABELS[n].zh}（{n}）" for n in missing]),
                "missing_en": _en_list([f"{n} ({FLAG_LABELS[n].en})" for n in missing]),
                "count": len(missing),
            },
        )


# -------------------------------------------------------------------------------------- catalogue


@check(
    "catalog_listed",
    NoOptions,
    Text(
        "决策列入当年的决策事项目录，且决策文件的 catalog 与目录一致。"
        "通过：catalog {year: 2020, entry: '3'}，目录第3项 decision_id 为本决策；"
        "不通过：目录中没有本决策（默认结果）、目录没有该项（no_entry）、"
        "该项登记的是另一决策（mismatch）、决策文件未写 catalog 而目录列有本决策（unreferenced）。",
        "The decision is in the year's catalogue and its `catalog` agrees with it. Pass: entry 3 lists this "
        "decision. Fail: not listed (default), no such entry (no_entry), the entry names another decision "
        "(mismatch), or the file has no `catalog` although the catalogue lists it (unreferenced).",
    ),
)
def catalog_listed(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default``, ``no_entry``, ``mismatch``, ``unreferenced``."""
    decision = ctx.decision
    year = decision.catalog.year if decision.catalog else ctx.governing_date.year
    catalog = ctx.corpus.catalogs.get((decision.organ, year))
    if catalog is None:
        return
    listed = ctx.corpus.catalog_listing(catalog, decision.id)
    base = {"year": year, "id": decision.id}
    if decision.catalog is None:
        if listed is not None:
            yield Violation(("catalog",), {**base, "entry": listed.entry}, outcome="unreferenced")
        else:
            yield Violation(("id",), {**base, "entry": ""})
        return
    wanted = decision.catalog.entry
    entry = ctx.corpus.catalog_entry(catalog, wanted)
    if entry is None:
        yield Violation(("catalog", "entry"), {**base, "entry": wanted}, outcome="no_entry")
    elif entry.decision_id and entry.decision_id != decision.id:
        yield Violation(
            ("catalog", "entry"),
            {**base, "entry": wanted, "other": entry.decision_id, "title": entry.title or ""},
            outcome="mismatch",
        )


@dataclass(frozen=True, kw_only=True)
class CatalogAdoptionOptions(Options):
    adoption: bool = False  # 337号第三条第二款: adopted at a government meeting before the party consents
    adoption_meetings: list[str] = field(default_factory=list)  # words naming the allowed meetings


@check(
    "catalog_adopted",
    CatalogAdoptionOptions,
    subject="catalog",
    doc=Text(
        "决策事项目录经同级党委同意后向社会公布（713号第三条第三款）；adoption 为真时还须先经政府会议通过"
        "（337号第三条第二款），会议名称含 adoption_meetings 之一。通过：adopted 1月10日、party_consent 1月14日、"
        "published 1月17日；不通过：没有 party_consent（no_party_consent）、没有 published（not_published）、"
        "没有 adopted（not_adopted）、公布早于党委同意（order）、党委同意早于会议通过（order_adoption）、"
        "会议不是全体会议或常务会议（wrong_body）。",
        "The catalogue has the party committee's consent and was published after it (713 art 3(3)); with "
        "`adoption`, it was first adopted at a government meeting named by one of `adoption_meetings` "
        "(337 art 3(2)). Pass: adopted 10 Jan, consent 14 Jan, published 17 Jan. Fail: no consent, not "
        "published, not adopted, published before consent (order), consent before adoption (order_adoption), "
        "another meeting (wrong_body).",
    ),
)
def catalog_adopted(ctx: CatalogContext, options: CatalogAdoptionOptions) -> Iterator[Violation]:
    """Outcomes: ``no_party_consent``, ``not_published``, ``not_adopted``, ``order``, ``order_adoption``,
    ``wrong_body``."""
    catalog = ctx.catalog
    base = {"year": catalog.year, "organ": catalog.organ}
    consent = catalog.party_consent
    published = catalog.published.date if catalog.published else None
    adopted = catalog.adopted.date if catalog.adopted else None
    meeting = catalog.adopted.meeting if catalog.adopted else None
    if options.adoption:
        if adopted is None:
            yield Violation(("adopted",), base, outcome="not_adopted", item="adopted")
        else:
            if options.adoption_meetings and meeting and not any(w in meeting for w in options.adoption_meetings):
                yield Violation(
                    ("adopted", "meeting"),
                    {**base, "meeting": meeting, "allowed": "、".join(options.adoption_meetings)},
                    outcome="wrong_body",
                    item="adopted.meeting",
                )
            if consent is not None and consent < adopted:
                yield Violation(
                    ("party_consent",),
                    {**base, "consent": consent, "adopted": adopted},
                    outcome="order_adoption",
                    item="order_adoption",
                )
    if consent is None:
        yield Violation(("party_consent",), base, outcome="no_party_consent", item="party_consent")
    if published is None:
        yield Violation(("published",), base, outcome="not_published", item="published")
    if consent is not None and published is not None and published < consent:
        yield Violation(
            ("published", "date"),
            {**base, "consent": consent, "published": published},
            outcome="order",
            item="order",
        )


@check(
    "catalog_entries_filed",
    NoOptions,
    subject="catalog",
    doc=Text(
        "年度结束后，目录每一项都有决策文件（decision_id 对应一个决策文件）或写明未办理的理由（reason）。"
        "通过：第18项 reason: 因上级规划调整年内未启动；不通过：既无 decision_id 也无 reason（默认结果），"
        "或 decision_id 没有对应的决策文件（no_file）。",
        "After the year, every entry has a decision file or a stated reason. Pass: entry 18 with a reason. "
        "Fail: neither (default), or its decision_id has no file (no_file).",
    ),
)
def catalog_entries_filed(ctx: CatalogContext, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no decision id, no reason), ``no_file`` (the id has no decision file)."""
    for index, entry in enumerate(ctx.entries):
        if entry.reason:
            continue
        values = {"year": ctx.catalog.year, "entry": entry.entry, "title": entry.title or ""}
        if not entry.decision_id:
            yield Violation(("entries", index), values, item=f"entry:{entry.entry}")
        elif entry.decision_id not in ctx.decision_ids:
            yield Violation(
                ("entries", index, "decision_id"),
                {**values, "id": entry.decision_id},
                outcome="no_file",
                item=f"entry:{entry.entry}",
            )


CHECKS: tuple[CheckDef, ...] = (
    category_listed,
    flags_determined,
    catalog_listed,
    catalog_adopted,
    catalog_entries_filed,
)
