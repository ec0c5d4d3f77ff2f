"""Checks of public participation and hearings (713号 arts 14–18)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from decision_check.calendar import calendar_days_after, inclusive_days
from decision_check.checks.base import Context, NoOptions, Options, PathKey, Violation, check
from decision_check.i18n import Text
from decision_check.models.lazy import constrained


@dataclass(frozen=True, kw_only=True)
class CommentPeriodOptions(Options):
    days: Annotated[int, constrained(ge=1)]


@check(
    "comment_period",
    CommentPeriodOptions,
    Text(
        "公开征求意见期限：自公告次日（或更晚的起始日）起算至截止日，首日不计（民法典第二百零一条），"
        "不少于 days 日；始终按日期计算，不采信“为期30天”之类的表述。"
        "通过：公告 7月15日、截止 8月14日（30日）；不通过：公告 9月1日、截止 9月20日（19日）。",
        "Public comment period counted from the dates (first day not counted) >= `days`. "
        "Pass: notice 15 July, end 14 August (30 days). Fail: notice 1 Sept, end 20 Sept (19 days).",
    ),
)
def comment_period(ctx: Context, options: CommentPeriodOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (too short, no reason in the notice), ``shortened`` (too short, reason
    stated), ``inclusive_only`` (a window opening on the notice day — or with no stated start — whose
    count reaches ``days`` only when the publication day is included; never for a later start),
    ``missing`` (no period recorded)."""
    step = ctx.decision.steps.public_participation
    if step is None or not step.done:
        return
    base = ("steps", "public_participation")
    period = step.comment_period
    notice = step.notice.date if step.notice else None
    if period is None or period.end is None or (notice is None and period.start is None):
        yield Violation((*base, "comment_period"), {}, outcome="missing")
        return
    # days = end − max(start − 1, notice): the first day is not counted (民法典 art 201)
    candidates = [d for d in (notice, period.start - timedelta(days=1) if period.start else None) if d]
    counted = calendar_days_after(max(candidates), period.end)
    # The count a clerk makes when the window opens on the publication day itself ("9月1日至9月30日").
    # That leniency belongs only to such a window (start on or before the notice day, or not stated:
    # comments open with the notice); a window that opens later is counted from its stated start.
    first_day = min(d for d in (notice, period.start) if d)
    inclusive = inclusive_days(first_day, period.end)
    opens_on_notice = period.start is None or notice is None or period.start <= notice
    values = {
        "actual": counted,
        "required": options.days,
        "inclusive": inclusive,
        "notice": notice or "",
        "end": period.end,
        "reason": step.shortened_reason or "",
    }
    if counted >= options.days:
        return
    if opens_on_notice and inclusive >= options.days:
        yield Violation((*base, "comment_period"), values, outcome="inclusive_only")
    elif step.shortened_reason:
        yield Violation((*base, "comment_period"), values, outcome="shortened")
    else:
        yield Violation((*base, "comment_period"), values)


def _missing(value: Any) -> bool:
    """Not recorded: absent, blank, an empty list, or ``false`` for a yes/no fact."""
    return value is None or value == "" or value == [] or value is False


_BASE: PathKey = ("steps", "public_participation")

_NOTICE_ITEMS: dict[str, Text] = {
    "date": Text("公告日期", "the notice date"),
    "channels": Text(
        "发布渠道（政府网站、政务新媒体、报刊、公示栏等）", "the channels (government website, new media, press…)"
    ),
    "draft_published": Text("公布决策草案", "publication of the draft"),
    "explanation_published": Text("公布决策草案的说明（起草说明）", "publication of the explanation of the draft"),
}


@check(
    "comment_notice",
    NoOptions,
    Text(
        "向社会公开征求意见的公告：记有公告日期和发布渠道，并公布了决策草案及其说明（缺少的逐项报告）。"
        "通过：notice {date: 2020-07-15, channels: [镇政府网站], draft_published: 是, explanation_published: 是}；"
        "不通过：explanation_published: 否（只公布了草案）。",
        "The public comment notice records its date and channels and published the draft and its explanation "
        "(each missing item is reported). Pass: all four given. Fail: explanation_published: false.",
    ),
)
def comment_notice(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """One violation per missing item (``item`` = the key), at the notice's line when it is absent."""
    step = ctx.decision.steps.public_participation
    if step is None or not step.done:
        return
    notice = step.notice
    for key, label in _NOTICE_ITEMS.items():
        value = getattr(notice, key) if notice is not None else None
        if _missing(value):
            yield Violation((*_BASE, "notice", key), {"missing": label.zh, "missing_en": label.en}, item=key)


_HEARING_ITEMS: dict[str, Text] = {
    "notice_date": Text(
        "听证公告（公布决策草案及其说明，明确听证时间、地点）",
        "the hearing notice (draft and explanation, time and place)",
    ),
    "participants_published": Text(
        "听证参加人遴选办法和名单的公布",
        "publication of the participant selection method and list",
    ),
}


@check(
    "hearing_notice",
    NoOptions,
    Text(
        "听证会举行之前，已公布听证公告（notice_date）和听证参加人名单（participants_published），两个日期都早于听证日。"
        "通过：notice_date 4月30日、participants_published 5月8日、date 5月20日；"
        "不通过：participants_published 5月20日（与听证同日）或未填。",
        "Before the hearing, the notice (notice_date) and the participant list (participants_published) were "
        "published: both dates earlier than the hearing. Pass: 30 Apr, 8 May, hearing 20 May. Fail: list published "
        "on the hearing day, or not recorded.",
    ),
)
def hearing_notice(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (date not recorded), ``late`` (published on or after the hearing day)."""
    step = ctx.decision.steps.hearing
    if step is None or not step.done:
        return
    for key, label in _HEARING_ITEMS.items():
        published: date | None = getattr(step, key)
        path = ("steps", "hearing", key)
        values: dict[str, object] = {"what": label.zh, "what_en": label.en, "hearing": step.date or ""}
        if published is None:
            yield Violation(path, values, item=key)
        elif step.date is not None and published >= step.date:
            yield Violation(path, {**values, "published": published}, outcome="late", item=key)


@dataclass(frozen=True, kw_only=True)
class HearingMaterialsOptions(Options):
    days: Annotated[int, constrained(ge=0)]


@check(
    "hearing_materials",
    HearingMaterialsOptions,
    Text(
        "听证会材料送达参加人的日期（materials_delivered）已记录，且距听证日至少 days 日（送达当日不计）。"
        "通过：8月3日送达、8月10日听证（7日）；不通过：8月4日送达（6日），或未记录送达日期。",
        "The delivery of hearing materials is recorded and at least `days` days before the hearing (delivery day "
        "not counted). Pass: delivered 3 Aug, hearing 10 Aug (7 days). Fail: 4 Aug (6 days), or no delivery date.",
    ),
)
def hearing_materials(ctx: Context, options: HearingMaterialsOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (too few days), ``missing`` (no delivery date: the lead time cannot be shown).
    Unlike ``min_days_between``, a missing date is a finding: 713号 art 16(3) requires the delivery itself."""
    step = ctx.decision.steps.hearing
    if step is None or not step.done or step.date is None:
        return
    path = ("steps", "hearing", "materials_delivered")
    delivered = step.materials_delivered
    if delivered is None:
        yield Violation(path, {"required": options.days, "end": step.date}, outcome="missing")
        return
    actual = calendar_days_after(delivered, step.date)
    if actual < options.days:
        yield Violation(path, {"actual": actual, "required": options.days, "start": delivered, "end": step.date})


_ADOPTION_ITEMS: dict[str, Text] = {
    "opinions_received": Text("收到的意见条数（opinions_received）", "the number of opinions received"),
    "opinions_adopted": Text("采纳的意见条数（opinions_adopted）", "the number of opinions adopted"),
    "adoption_summary": Text("意见采纳情况材料（adoption_summary）", "the adoption summary (adoption_summary)"),
}


@check(
    "opinion_adoption",
    NoOptions,
    Text(
        "已进行公众参与的，记有收到和采纳的意见条数以及意见采纳情况材料；采纳数不多于收到数。"
        "通过：opinions_received 35、opinions_adopted 12、adoption_summary D2；"
        "不通过：缺 adoption_summary，或采纳 40 条而只收到 35 条。",
        "A performed participation records the opinions received and adopted and an adoption summary; no more "
        "adopted than received. Pass: 35 received, 12 adopted, summary D2. Fail: no summary, or 40 adopted of 35.",
    ),
)
def opinion_adoption(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (an item missing; ``item`` = its key; info while the decision is in progress,
    since opinions are summarised after the comments close), ``inconsistent`` (adopted > received)."""
    step = ctx.decision.steps.public_participation
    if step is None or not step.done:
        return
    for key, label in _ADOPTION_ITEMS.items():
        if getattr(step, key) is None or getattr(step, key) == "":
            yield Violation((*_BASE, key), {"missing": label.zh, "missing_en": label.en}, item=key, pending=True)
    received, adopted = step.opinions_received, step.opinions_adopted
    if received is not None and adopted is not None and adopted > received:
        yield Violation(
            (*_BASE, "opinions_adopted"),
            {"received": received, "adopted": adopted},
            outcome="inconsistent",
            item="opinions_adopted",
        )


@check(
    "opinion_survey",
    NoOptions,
    Text(
        "开展了民意调查，记有调查日期和受访人数（survey.date、survey.respondents）。"
        "通过：survey {date: 2020-07-25, respondents: 320}；不通过：没有 survey，或缺受访人数。",
        "An opinion survey was carried out, with its date and number of respondents. "
        "Pass: survey {date, respondents: 320}. Fail: no survey, or no respondents.",
    ),
)
def opinion_survey(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no survey; info while in progress), ``incomplete`` (date or respondents missing)."""
    step = ctx.decision.steps.public_participation
    survey = step.survey if step is not None else None
    if survey is None or (survey.date is None and survey.respondents is None):
        yield Violation((*_BASE, "survey"), {}, pending=True)
        return
    missing = [
        label
        for key, label in (("date", Text("调查日期", "date")), ("respondents", Text("受访人数", "respondents")))
        if getattr(survey, key) is None
    ]
    if missing:
        yield Violation(
            (*_BASE, "survey"),
            {"missing": "、".join(m.zh for m in missing), "missing_en": ", ".join(m.en for m in missing)},
            outcome="incomplete",
            pending=True,
        )


CHECKS = (comment_period, comment_notice, hearing_notice, hearing_materials, opinion_adoption, opinion_survey)
