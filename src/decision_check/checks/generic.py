"""Generic checks: presence of steps, fields and documents, date spans, counts.

Most rules are one of these with options; the specific modules hold only what these cannot say.
Each docstring gives a passing and a failing example in the record format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from decision_check.checks.base import Context, NoOptions, Options, Violation, check
from decision_check.findings import STEP_LABELS
from decision_check.i18n import Text
from decision_check.models.enums import Consulted, DocType, StepStatus
from decision_check.models.lazy import constrained
from decision_check.models.records import STEP_NAMES


def is_empty(value: Any) -> bool:
    """Absent, blank text or an empty list."""
    return value is None or value == "" or value == [] or value is False


@dataclass(frozen=True, kw_only=True)
class StepOptions(Options):
    step: str


@dataclass(frozen=True, kw_only=True)
class RequiredStepOptions(StepOptions):
    fields: list[str] = field(default_factory=list)  # keys of the step that must then have a value

    def __post_init__(self) -> None:
        if self.step not in STEP_NAMES:
            raise ValueError(f"unknown step {self.step!r}; known: {', '.join(STEP_NAMES)}")


@check(
    "step_required",
    RequiredStepOptions,
    Text(
        "步骤必须已完成，所列字段（fields）须有值；不适用须为规则所接受。通过：expert_review 有 date；"
        "不通过：缺少 expert_review（默认结果）、标为不适用（not_applicable）、publication 缺 channels（incomplete）。",
        "The step must be performed and its listed keys given. Pass: expert_review with a date. Fail: no "
        "expert_review (default), marked not applicable (not_applicable), publication without channels (incomplete).",
    ),
    requires_step=True,
)
def step_required(ctx: Context, options: RequiredStepOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (absent or pending: info while in progress), ``not_applicable``, ``incomplete``."""
    step = ctx.step(options.step)
    values = {"step": STEP_LABELS[options.step].zh, "step_en": STEP_LABELS[options.step].en}
    path = ("steps", options.step)
    if step is None:
        yield Violation(path, values, pending=True)
    elif step.effective_status is StepStatus.PENDING:
        yield Violation((*path, "status"), values, pending=True)
    elif step.effective_status is StepStatus.NOT_APPLICABLE:
        yield Violation((*path, "status"), {**values, "reason": step.reason or ""}, outcome="not_applicable")
    else:
        for name in options.fields:
            if is_empty(getattr(step, name, None)):
                yield Violation((*path, name), {**values, "field": name}, outcome="incomplete", item=name)


@check(
    "step_suggested",
    StepOptions,
    Text(
        "提示可以进行的步骤（“可以”条款）。通过：已举行听证；不通过：未举行。",
        "Suggests an optional step ('may'). Pass: a hearing held. Fail: none held.",
    ),
)
def step_suggested(ctx: Context, options: StepOptions) -> Iterator[Violation]:
    if not ctx.step_done(options.step):
        yield Violation(("steps", options.step), {"step": STEP_LABELS[options.step].zh})


@dataclass(frozen=True, kw_only=True)
class FieldsOptions(Options):
    paths: Annotated[list[str], constrained(min_length=1)]


@check(
    "required_fields",
    FieldsOptions,
    Text(
        "列出的字段须有值（是/否 字段须为“是”）。通过：launched.date 已填；不通过：未填。",
        "Listed fields must have a value (true for booleans). Pass: launched.date given. Fail: missing.",
    ),
)
def required_fields(ctx: Context, options: FieldsOptions) -> Iterator[Violation]:
    for dotted in options.paths:
        value, path = ctx.resolve(dotted)
        if is_empty(value):
            yield Violation(path, {"field": dotted}, item=dotted)


@dataclass(frozen=True, kw_only=True)
class DocTypeOptions(Options):
    type: DocType


@check(
    "document_of_type",
    DocTypeOptions,
    Text(
        "证据登记中须有该类型的文件。通过：documents 有 legal_basis；不通过：没有。",
        "The evidence register holds a document of the type. Pass: a legal_basis document. Fail: none.",
    ),
)
def document_of_type(ctx: Context, options: DocTypeOptions) -> Iterator[Violation]:
    if not any(d.type is options.type for d in ctx.decision.documents):
        yield Violation(("documents",), {"type": options.type.zh, "type_en": options.type.en})


@dataclass(frozen=True, kw_only=True)
class SpanOptions(Options):
    start: str
    end: str
    days: Annotated[int, constrained(ge=0)]
    working: bool = False


def _day_count(ctx: Context, start: date, end: date, working: bool, inclusive_end: bool) -> tuple[int, str]:
    if not working:
        return (end - start).days, ""
    count = (
        ctx.calendar.working_days_after(start, end) if inclusive_end else ctx.calendar.working_days_between(start, end)
    )
    note = ""
    if count.fallback_years:
        years = "、".join(str(y) for y in count.fallback_years)
        note = f"（{years}年节假日未知，按周一至周五计算）"
    return count.days, note


@check(
    "min_days_between",
    SpanOptions,
    Text(
        "两个日期之间至少相隔 days 日（首日不计）或 days 个工作日（两端都不计）。"
        "通过：materials_delivered 2020-09-01、date 2020-09-08（7日）；不通过：2020-09-05（3日）。",
        "At least `days` days (first day not counted) or working days (both ends excluded) between two dates.",
    ),
)
def min_days_between(ctx: Context, options: SpanOptions) -> Iterator[Violation]:
    """Skipped when a date is missing: presence is other rules' business."""
    start, _ = ctx.resolve(options.start)
    end, _ = ctx.resolve(options.end)
    if not isinstance(start, date) or not isinstance(end, date):
        return
    actual, note = _day_count(ctx, start, end, options.working, inclusive_end=False)
    if actual < options.days:
        _, start_path = ctx.resolve(options.start)
        yield Violation(
            start_path,
            {"actual": actual, "required": options.days, "start": start, "end": end, "calendar_note": note},
        )


@dataclass(frozen=True, kw_only=True)
class MaxSpanOptions(Options):
    start: Annotated[list[str], constrained(min_length=1)]
    end: str
    days: Annotated[int, constrained(ge=0)]
    working: bool = True


@check(
    "max_days_after",
    MaxSpanOptions,
    Text(
        "end 不晚于 start（取第一个有值者）之后 days 个工作日（首日不计）。"
        "通过：issued 2020-10-16、公布 2020-10-20；不通过：公布 2020-12-01。",
        "end no later than `days` (working) days after the first given start.",
    ),
)
def max_days_after(ctx: Context, options: MaxSpanOptions) -> Iterator[Violation]:
    end, end_path = ctx.resolve(options.end)
    start = next((v for v in (ctx.resolve(p)[0] for p in options.start) if isinstance(v, date)), None)
    if not isinstance(end, date) or start is None:
        return
    actual, note = _day_count(ctx, start, end, options.working, inclusive_end=True)
    if actual > options.days:
        yield Violation(
            end_path,
            {"actual": actual, "required": options.days, "start": start, "end": end, "calendar_note": note},
        )


@dataclass(frozen=True, kw_only=True)
class CountOptions(Options):
    path: str
    min: Annotated[int, constrained(ge=0)]


@check(
    "min_count",
    CountOptions,
    Text(
        "列表至少有 min 项。通过：3 位专家；不通过：1 位。",
        "A list has at least `min` items. Pass: 3 experts. Fail: 1.",
    ),
)
def min_count(ctx: Context, options: CountOptions) -> Iterator[Violation]:
    value, path = ctx.resolve(options.path)
    count = len(value) if isinstance(value, list) else 0
    if count < options.min:
        yield Violation(path, {"actual": count, "required": options.min})


@dataclass(frozen=True, kw_only=True)
class GroupsOptions(Options):
    groups: Annotated[list[Consulted], constrained(min_length=1)]


@check(
    "consulted_includes",
    GroupsOptions,
    Text(
        "公众参与征求了所列各方的意见（缺少的逐一列出）。通过：consulted 含人民团体等；不通过：缺少。",
        "Participation consulted every listed group (the missing ones are named).",
    ),
)
def consulted_includes(ctx: Context, options: GroupsOptions) -> Iterator[Violation]:
    step = ctx.decision.steps.public_participation
    if step is None or not step.done:
        return
    missing = [g for g in options.groups if g not in step.consulted]
    if missing:
        yield Violation(
            ("steps", "public_participation", "consulted"),
            {"missing": "、".join(g.zh for g in missing), "missing_en": ", ".join(g.en for g in missing)},
        )


@check(
    "condition_holds",
    NoOptions,
    Text(
        "条件（when）成立即报告：用于“提示”类规则。",
        "Reports whenever the rule's condition holds: for purely informative rules.",
    ),
)
def condition_holds(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    yield Violation(())


CHECKS = (
    step_required,
    step_suggested,
    required_fields,
    document_of_type,
    min_days_between,
    max_days_after,
    min_count,
    consulted_includes,
    condition_holds,
)
