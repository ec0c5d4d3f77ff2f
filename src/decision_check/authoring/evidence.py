"""Register evidence files against a decision record (``doc add``) and report their hash status.

A file outside the repository is copied into ``evidence/<decision id>/``; one already inside is
referenced where it is. The record is edited in place (:mod:`.yamledit`) and written atomically,
and only when the edited record still loads and gains no error finding; otherwise it is left
untouched and a copied file is removed again.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from decision_check.authoring.yamledit import add_document
from decision_check.checks.evidence_register import file_sha256 as sha256_of
from decision_check.checks.evidence_register import resolve_inside
from decision_check.checks.evidence_steps import STEP_OF_DOCUMENT
from decision_check.errors import UsageError
from decision_check.findings import Finding, Result, Severity
from decision_check.fsutil import atomic_write
from decision_check.i18n import Lang, Text
from decision_check.loader import load_file, load_text
from decision_check.models.enums import DocType
from decision_check.models.records import Decision

EVIDENCE_FOLDER = "evidence"

# The step whose `documents` list a registered document of each type joins: the documents only a
# performed step produces (the rule EVID-01's table), and those a step may also carry.
STEP_OF_TYPE: dict[DocType, str] = {
    **STEP_OF_DOCUMENT,
    DocType.CONSULTATION_NOTICE: "public_participation",
    DocType.OPINION_SUMMARY: "public_participation",
    DocType.PUBLICATION_PROOF: "publication",
    DocType.INTERPRETATION: "publication",
    DocType.IMPLEMENTATION_REPORT: "implementation",
    DocType.EVALUATION_REPORT: "post_evaluation",
}


@dataclass
class Registration:
    """What ``doc add`` did, or why it refused."""

    refused: bool
    message: Text
    findings: list[Finding] = field(default_factory=list)

    def lines(self, lang: Lang) -> list[str]:
        code = lang
        return [self.message.get(code)] + [
            f"  {f.file}:{f.line}:{f.column} {f.rule} {f.message.get(code)}" for f in self.findings
        ]


def _next_id(decision: Decision) -> str:
    numbers = [int(m.group(1)) for d in decision.documents if (m := re.fullmatch(r"D(\d+)", d.id))]
    return f"D{max(numbers, default=0) + 1}"


def _errors(result: Result) -> set[tuple[str, str]]:
    return {(f.rule, f.message.zh) for f in result.findings if f.severity is Severity.ERROR and not f.waived}


def register_document(
    record: Path,
    file: Path,
    *,
    root: Path,
    judge: Callable[[Path], Result],
    type_name: str,
    title: str | None = None,
    day: date | None = None,
    doc_no: str | None = None,
    step: str | None = None,
    doc_id: str | None = None,
    archived: bool = False,
) -> Registration:
    """Add ``file`` to the evidence register of ``record`` (see the module docstring)."""
    if not file.is_file():
        raise UsageError(f"证据文件不存在：{file}", f"no such evidence file: {file}")
    try:
        kind = DocType.parse(type_name)
    except ValueError:
        raise UsageError(
            f"未知的材料类型 {type_name}；可用：{DocType.choices()}", f"unknown document type {type_name}"
        ) from None
    loaded = load_file(record)
    if not isinstance(loaded.record, Decision):
        return Registration(
            True, Text("记录现在就无法读取，先修正它", "the record does not load; fix it first"), loaded.findings
        )
    decision = loaded.record
    new_id = doc_id or _next_id(decision)
    if any(d.id == new_id for d in decision.documents):
        return Registration(True, Text(f"材料编号 {new_id} 已存在", f"document id {new_id} exists"))
    real_root = root.resolve()
    source = file.resolve()
    copied: Path | None = None
    if real_root in source.parents:
        relative = source.relative_to(real_root).as_posix()
        if resolve_inside(root, relative) is None:
            raise UsageError(f"文件经符号链接指向仓库之外：{file}", f"the file links outside the repository: {file}")
    else:
        name = unicodedata.normalize("NFC", file.name)
        target = real_root / EVIDENCE_FOLDER / decision.id / name
        relative = target.relative_to(real_root).as_posix()
        if target.exists() and sha256_of(target) != sha256_of(source):
            raise UsageError(f"仓库中已有同名而内容不同的文件：{relative}", f"a different file exists at {relative}")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied = target
    entry: dict[str, Any] = {"id": new_id, "type": kind.value, "title": title or file.stem}
    if doc_no:
        entry["doc_no"] = doc_no
    if day:
        entry["date"] = day
    entry["path"] = relative
    entry["sha256"] = sha256_of(source)
    step_name = step or STEP_OF_TYPE.get(kind)
    text = record.read_text(encoding="utf-8-sig")
    edited = add_document(text, entry, step_name, archived=archived)
    refusal = _refusal(record, edited, judge)
    if refusal is not None:
        if copied is not None:
            copied.unlink(missing_ok=True)
        return refusal
    atomic_write(record, edited)
    where = f"，并列入 steps.{step_name}.documents" if step_name else ""
    where_en = f", listed in steps.{step_name}.documents" if step_name else ""
    return Registration(
        False,
        Text(
            f"已登记 {new_id}：{relative}（SHA-256 {entry['sha256'][:12]}…）{where}",
            f"registered {new_id}: {relative}{where_en}",
        ),
    )


def _refusal(record: Path, edited: str, judge: Callable[[Path], Result]) -> Registration | None:
    """A refusal when the edited record no longer loads or gains an error finding; else ``None``."""
    reloaded = load_text(edited, str(record))
    if not isinstance(reloaded.record, Decision) or any(f.severity is Severity.ERROR for f in reloaded.findings):
        return Registration(
            True,
            Text("添加后记录将无法通过格式检查，未写入", "the edited record would not load; nothing written"),
            reloaded.findings,
        )
    before = _errors(judge(record))
    with tempfile.TemporaryDirectory(prefix="decision-check-doc-") as scratch:
        trial = Path(scratch) / record.name
        trial.write_text(edited, encoding="utf-8")
        after_result = judge(trial)
    gained = _errors(after_result) - before
    new = [replace(f, file=str(record)) for f in after_result.findings if (f.rule, f.message.zh) in gained]
    if not new:
        return None
    archived_hint = any(f.rule == "ARC-01" for f in new)
    return Registration(
        True,
        Text(
            "添加后记录会出现新的错误，未写入"
            + ("（该决策已归档：加 --archived 同时列入归档文件目录）" if archived_hint else ""),
            "the edited record would gain errors; nothing written"
            + (" (the decision is archived: add --archived to list it in archived_documents)" if archived_hint else ""),
        ),
        new,
    )


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    id: str
    type: Text
    title: str
    path: str | None
    status: Text


def document_statuses(record: Path, root: Path) -> list[DocumentStatus]:
    """Each registered document of ``record`` with the state of its file and hash."""
    loaded = load_file(record)
    if not isinstance(loaded.record, Decision):
        raise UsageError(
            f"记录无法读取：{record}（先运行 validate）", f"the record does not load: {record} (run validate)"
        )
    out = []
    for document in loaded.record.documents:
        label = Text(document.type.zh, document.type.en)
        if not document.path:
            status = Text("未登记文件", "no file registered")
        elif (target := resolve_inside(root, document.path)) is None:
            status = Text("路径越出仓库", "path leaves the repository")
        elif not target.is_file():
            status = Text("文件缺失", "file missing")
        elif not document.sha256:
            status = Text("未记哈希", "no hash recorded")
        elif sha256_of(target) == document.sha256.strip().lower():
            status = Text("一致", "matches")
        else:
            status = Text("哈希不符（文件被改动）", "hash differs (file altered)")
        out.append(DocumentStatus(document.id, label, document.title or "", document.path, status))
    return out
