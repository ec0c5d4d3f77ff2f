"""Checks of public participation and hearings (713号 arts 14–18)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from pydantic import Field

from decision_check.calendar import calendar_days_after, inclusive_days
from decision_check.checks.base import Context, Options, Violation, check
from decision_check.i18n import Text


class CommentPeriodOptions(Options):
    days: int = Field(ge=1)


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
    stated), ``inclusive_only`` (only the count that includes the publication day reaches ``days``),
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
    first_day = min(d for d in (notice, period.start) if d)
    inclusive = inclusive_days(first_day, period.end)
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
    if inclusive >= options.days:
        yield Violation((*base, "comment_period"), values, outcome="inclusive_only")
    elif step.shortened_reason:
        yield Violation((*base, "comment_period"), values, outcome="shortened")
    else:
        yield Violation((*base, "comment_period"), values)


CHECKS = (comment_period,)
