"""Checks of archiving: done in time and complete, the 档号 (DA/T 22-2015) and the retention period.

The documents an archive must list are those the record references
(:func:`decision_check.checks.evidence_register.referenced_documents`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, PathKey, Violation, check
from decision_check.checks.evidence_register import referenced_documents
from decision_check.i18n import Text
from decision_check.models.enums import Retention
from decision_check.models.lazy import constrained


@dataclass(frozen=True, kw_only=True)
class ArchiveOptions(Options):
    due_days: Annotated[int, constrained(ge=1)]


@check(
    "archive_complete",
    ArchiveOptions,
    Text(
        "决策作出后（自发文日，无发文日时自决定会议日起，首日不计）due_days 日内归档（机关文件 archive.due_days"
        "优先），期限末日为节假日的顺延；已归档的，已完成步骤和各次会议引用的文件都列入 archived_documents。"
        "通过：发文10月16日、归档11月5日，归档目录列全 D1–D10；不通过：期限已过未归档（默认结果）、"
        "归档目录漏列 D5（incomplete）、归档日期晚于期限（late）；期限未到时分别为 not_due、incomplete_not_due。",
        "Archived within `due_days` (the organ file's archive.due_days wins) of issuance (else the governing "
        "meeting), and every document a performed step or a meeting references is among archived_documents. "
        "Pass: issued 16 Oct, archived 5 Nov with D1–D10. Fail: not archived after the due date (default), "
        "D5 missing (incomplete), archived after the due date (late); before it: not_due, incomplete_not_due.",
    ),
    requires_step=True,
)
def archive_complete(ctx: Context, options: ArchiveOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (not archived, due date passed), ``not_due``, ``late`` (archived after the due
    date), ``incomplete``, ``incomplete_not_due``."""
    decision = ctx.decision
    organ_days = ctx.organ.archive.due_days if ctx.organ and ctx.organ.archive else None
    days = organ_days or options.due_days
    issued = decision.issued.date if decision.issued else None
    meeting = ctx.meeting.date if ctx.meeting else None
    start = issued or meeting or ctx.governing_date
    start_label = Text("发文日", "issuance") if issued else Text("决定会议日", "the governing meeting")
    due = ctx.calendar.deadline(start, days)
    not_due = ctx.as_of <= due
    values: dict[str, object] = {
        "due": due,
        "days": days,
        "start": start,
        "start_label": start_label.zh,
        "start_label_en": start_label.en,
        "days_source": "机关文件" if organ_days else "本工具默认",
        "days_source_en": "organ file" if organ_days else "tool default",
    }
    step = decision.steps.archive
    path: PathKey = ("steps", "archive")
    if step is None or not step.done:
        where = path if step is None else (*path, "status")
        yield Violation(where, values, outcome="not_due" if not_due else "default")
        return
    if step.date is not None and step.date > due:
        yield Violation((*path, "date"), {**values, "archived_on": step.date}, outcome="late", item="late")
    archived = set(step.archived_documents)
    missing: list[str] = []
    for doc, _ in referenced_documents(decision, performed_only=True, archive=False):
        if doc not in archived and doc not in missing:
            missing.append(doc)
    if missing:
        yield Violation(
            (*path, "archived_documents"),
            {**values, "missing": "、".join(missing), "missing_en": ", ".join(missing), "archived_on": step.date or ""},
            outcome="incomplete_not_due" if not_due else "incomplete",
            item="incomplete",
        )


# DA/T 22-2015 §5.4: 全宗号-档案门类代码·年度-保管期限-机构（问题）代码-件号; 机构代码 optional, 件号 4 digits.
ARCHIVE_NO = re.compile(
    r"^(?P<fonds>[0-9A-Za-z]+)-WS·(?P<year>\d{4})-(?P<retention>Y|D30|D10)(?:-(?P<unit>[0-9A-Za-z]+))?-(?P<no>\d{4})$"
)


@check(
    "archive_number",
    NoOptions,
    Text(
        "档号符合 DA/T 22-2015：全宗号-WS·年度-保管期限（Y/D30/D10）-（机构代码-）件号（4位）；"
        "保管期限段与 retention 一致；全宗号与机关文件 archive.fonds_no 一致。"
        "通过：0231-WS·2020-Y-0003；不通过：0231-2020-Y-016（默认结果）、未填写（missing）、"
        "0231-WS·2020-D10-0003 而 retention 为永久（retention_mismatch）、全宗号不同（fonds_mismatch）。",
        "The 档号 follows DA/T 22-2015 (fonds-WS·year-retention-(unit-)item, item 4 digits), its retention "
        "segment matches `retention` and its fonds the organ's fonds_no. Pass: 0231-WS·2020-Y-0003. "
        "Fail: 0231-2020-Y-016 (default), none (missing), retention_mismatch, fonds_mismatch.",
    ),
)
def archive_number(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (malformed), ``missing``, ``retention_mismatch``, ``fonds_mismatch``."""
    step = ctx.decision.steps.archive
    if step is None or not step.done:
        return
    path: PathKey = ("steps", "archive", "archive_no")
    number = step.archive_no
    if not number:
        yield Violation(path, {}, outcome="missing")
        return
    match = ARCHIVE_NO.match(number.strip())
    if match is None:
        yield Violation(path, {"actual": number})
        return
    if step.retention is not None and match["retention"] != step.retention.code:
        yield Violation(
            path,
            {
                "actual": number,
                "segment": match["retention"],
                "retention": step.retention.zh,
                "retention_en": step.retention.en,
                "code": step.retention.code,
            },
            outcome="retention_mismatch",
            item="retention",
        )
    fonds = ctx.organ.archive.fonds_no if ctx.organ and ctx.organ.archive else None
    if fonds and match["fonds"] != fonds:
        yield Violation(
            path, {"actual": number, "segment": match["fonds"], "fonds": fonds}, outcome="fonds_mismatch", item="fonds"
        )


@check(
    "retention_permanent",
    NoOptions,
    Text(
        "重大行政决策的归档文件保管期限为永久。通过：retention: permanent（Y）；"
        "不通过：retention: d10（默认结果）、未填写（missing）。",
        "A major decision's records are kept permanently. Pass: permanent (Y). Fail: d10 (default), none (missing).",
    ),
)
def retention_permanent(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (a fixed term), ``missing``."""
    step = ctx.decision.steps.archive
    if step is None or not step.done:
        return
    path: PathKey = ("steps", "archive", "retention")
    if step.retention is None:
        yield Violation(path, {}, outcome="missing")
    elif step.retention is not Retention.PERMANENT:
        yield Violation(path, {"actual": step.retention.zh, "actual_en": step.retention.en})


CHECKS: tuple[CheckDef, ...] = (archive_complete, archive_number, retention_permanent)
