"""Checks of the evidence register: registered files, document dates and document references.

This module owns what a record's ``documents`` must agree with: a registered file lies inside the
repository, exists and matches its SHA-256 (:func:`resolve_inside`, :func:`file_sha256`, also used
by ``doc add`` and the archive package); a document's date fits the step it records; and every
document id the record references (:func:`referenced_documents`, also used by archiving) is
registered.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from decision_check.checks.base import CheckDef, Context, NoOptions, PathKey, Violation, check
from decision_check.i18n import Text
from decision_check.models.enums import DocType
from decision_check.models.records import STEP_NAMES, Decision, Document


def _is_doc_id(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def referenced_documents(decision: Decision, *, performed_only: bool, archive: bool) -> list[tuple[str, PathKey]]:
    """Document ids referenced by the record, with the data path of each reference.

    ``performed_only``: only steps that were performed (ARC-01); ``archive``: include
    ``archived_documents`` (DOC-03).
    """
    refs: list[tuple[str, PathKey]] = []
    for name in STEP_NAMES:
        step = decision.steps.get(name)
        if step is None or (performed_only and not step.done):
            continue
        if name == "archive" and not archive:
            continue
        base: PathKey = ("steps", name)
        refs.extend((doc, (*base, "documents", i)) for i, doc in enumerate(step.documents))
        for key in ("adoption_summary", "existing", "interpretation", "legal_adviser_opinion", "disagreement_reported"):
            value = getattr(step, key, None)
            if _is_doc_id(value):
                refs.append((str(value), (*base, key)))
        if name == "archive" and archive:
            archived = getattr(step, "archived_documents", [])
            refs.extend((doc, (*base, "archived_documents", i)) for i, doc in enumerate(archived))
    for index, meeting in enumerate(decision.meetings):
        base = ("meetings", index)
        refs.extend((doc, (*base, "materials", i)) for i, doc in enumerate(meeting.materials))
        refs.extend((doc, (*base, "documents", i)) for i, doc in enumerate(meeting.documents))
    return refs


_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The file ``relative`` names under ``root``, or ``None`` when it would lie outside ``root``.

    Rejects absolute paths, drive letters and ``..`` components before touching the file system;
    then resolves symbolic links (which reads only link targets, never file content) and rejects a
    target outside the resolved root. A path with control characters (NUL) is caught before this, by
    :func:`_invalid_path`; a ``ValueError`` of the operating system is still treated as "outside".
    """
    text = relative.strip().replace("\\", "/")
    posix = PurePosixPath(text)
    if not text or posix.is_absolute() or PureWindowsPath(text).drive or ".." in posix.parts:
        return None
    try:
        real_root = root.resolve()
        candidate = (real_root / posix).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, an unreadable link, an embedded NUL
        return None
    if candidate != real_root and real_root not in candidate.parents:
        return None
    return candidate


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _invalid_path(text: str) -> str | None:
    """``text`` with its control characters made visible (``\\x00``) when it has any, else ``None``."""
    if not _CONTROL.search(text):
        return None
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@check(
    "evidence_files",
    NoOptions,
    Text(
        "证据登记中写了 path 的文件：位于仓库之内（不得是绝对路径、不得含 ..、符号链接不得指向仓库之外），"
        "文件存在，写了 sha256 的须一致。通过：path: evidence/LH-2020-003/D5.pdf 且文件存在；"
        "不通过：文件不存在（默认结果）、../other/D5.pdf（outside）、sha256 不符（hash_mismatch）、"
        "sha256 不是64位十六进制（hash_invalid）、路径含控制字符如 NUL（invalid_path）。",
        "A registered file's `path` stays inside the repository (no absolute path, no `..`, no symlink out), "
        "exists, and matches `sha256` when given. Pass: evidence/LH-2020-003/D5.pdf exists. Fail: missing "
        "(default), ../other/D5.pdf (outside), hash_mismatch, hash_invalid, invalid_path (control characters, NUL).",
    ),
)
def evidence_files(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no such file), ``outside``, ``hash_mismatch``, ``hash_invalid``, ``invalid_path``."""
    for index, document in enumerate(ctx.decision.documents):
        if not document.path:
            continue
        path: PathKey = ("documents", index, "path")
        values: dict[str, object] = {"doc": document.id, "path": document.path}
        shown = _invalid_path(document.path)
        if shown is not None:  # a NUL byte makes every file-system call raise ValueError
            yield Violation(path, {**values, "path": shown}, outcome="invalid_path", item=document.id)
            continue
        target = resolve_inside(ctx.corpus.root, document.path)
        if target is None:
            yield Violation(path, values, outcome="outside", item=document.id)
            continue
        if not target.is_file():
            yield Violation(path, values, item=document.id)
            continue
        if document.sha256 is None:
            continue
        expected = document.sha256.strip()
        if not _SHA256.match(expected):
            yield Violation(
                ("documents", index, "sha256"), {**values, "sha256": expected}, outcome="hash_invalid", item=document.id
            )
            continue
        try:
            actual = file_sha256(target)
        except OSError:  # unreadable (permissions): as good as missing
            yield Violation(path, values, item=document.id)
            continue
        if actual != expected.lower():
            yield Violation(
                ("documents", index, "sha256"),
                {**values, "sha256": expected, "actual": actual},
                outcome="hash_mismatch",
                item=document.id,
            )


_DATE_OF: dict[DocType, Text] = {
    DocType.LEGALITY_OPINION: Text(
        "合法性审查办结日期（steps.legality_review.concluded）", "the review's concluded date"
    ),
    DocType.RISK_REPORT: Text("风险评估日期（steps.risk_assessment.date）", "the risk assessment date"),
    DocType.EXPERT_OPINION: Text("专家论证日期（steps.expert_review.date）", "the expert review date"),
    DocType.CONSULTATION_NOTICE: Text("征求意见公告日期（notice.date）", "the notice date"),
    DocType.HEARING_RECORD: Text("听证会日期（steps.hearing.date）", "the hearing date"),
    DocType.DECISION_DOCUMENT: Text("发文日期（issued.date）", "the issue date"),
}


def _expected_date(decision: Decision, document: Document) -> tuple[date | None, Text]:
    steps = decision.steps
    kind = document.type
    if kind is DocType.LEGALITY_OPINION and steps.legality_review:
        return steps.legality_review.concluded, _DATE_OF[kind]
    if kind is DocType.RISK_REPORT and steps.risk_assessment and steps.risk_assessment.existing != document.id:
        return steps.risk_assessment.date, _DATE_OF[kind]
    if kind is DocType.EXPERT_OPINION and steps.expert_review:
        return steps.expert_review.date, _DATE_OF[kind]
    if kind is DocType.CONSULTATION_NOTICE and steps.public_participation and steps.public_participation.notice:
        return steps.public_participation.notice.date, _DATE_OF[kind]
    if kind is DocType.HEARING_RECORD and steps.hearing:
        return steps.hearing.date, _DATE_OF[kind]
    if (
        kind is DocType.DECISION_DOCUMENT
        and decision.issued
        and (document.doc_no is None or document.doc_no == decision.issued.doc_no)
    ):
        return decision.issued.date, _DATE_OF[kind]
    if kind is DocType.MEETING_MINUTES:
        for index, meeting in enumerate(decision.meetings):
            if document.id in meeting.documents or (document.doc_no and document.doc_no == meeting.minutes_no):
                name = meeting.name or f"meetings[{index}]"
                return meeting.date, Text(f"会议“{name}”的日期（meetings[{index}].date）", f"the date of {name}")
    return None, Text("", "")


@check(
    "document_dates",
    NoOptions,
    Text(
        "登记文件的日期与其步骤一致：合法性审查意见书＝concluded，会议纪要＝所属会议日期，风险评估报告＝"
        "风险评估日期（引用的已有评估 existing 除外），专家论证意见＝专家论证日期，征求意见公告＝公告日期，"
        "听证笔录＝听证日期，决定文件＝发文日期。通过：D5 合法性审查意见书 9月15日、concluded 9月15日；"
        "不通过：D5 为 9月18日。",
        "Registered documents' dates fit their steps (legality opinion = concluded, minutes = the meeting, "
        "risk report, expert opinion, notice, hearing record, decision document). Pass: D5 dated 15 Sept = "
        "concluded. Fail: D5 dated 18 Sept.",
    ),
)
def document_dates(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    for index, document in enumerate(ctx.decision.documents):
        if document.date is None:
            continue
        expected, what = _expected_date(ctx.decision, document)
        if expected is None or expected == document.date:
            continue
        yield Violation(
            ("documents", index, "date"),
            {
                "doc": document.id,
                "type": document.type.zh,
                "type_en": document.type.en,
                "actual": document.date,
                "expected": expected,
                "what": what.zh,
                "what_en": what.en,
            },
            item=document.id,
        )


@check(
    "document_refs",
    NoOptions,
    Text(
        "记录中引用的每个文件编号（步骤 documents、adoption_summary、existing、interpretation、"
        "legal_adviser_opinion，会议 materials、documents，archived_documents）都在 documents 中登记。"
        "通过：archived_documents 的 D1–D10 均已登记；不通过：引用了未登记的 D12。",
        "Every document id the record references is in `documents`. Pass: D1–D10 all registered. "
        "Fail: D12 referenced but not registered.",
    ),
)
def document_refs(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    known = {d.id for d in ctx.decision.documents}
    for doc, path in referenced_documents(ctx.decision, performed_only=False, archive=True):
        if doc not in known:
            yield Violation(path, {"doc": doc}, item=doc)


CHECKS: tuple[CheckDef, ...] = (evidence_files, document_dates, document_refs)
