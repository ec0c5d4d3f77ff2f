"""The work of ``decision-check minutes`` after its options are checked: select, refuse or render, write.

Kept apart from :mod:`decision_check.cli.minutes_cmd` so that importing the command (to register it)
imports nothing heavy; this module is imported when the command runs.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from decision_check import __version__
from decision_check import validate as validation
from decision_check.cli.session import Session
from decision_check.documents import archive
from decision_check.documents.archive import Record
from decision_check.documents.minutes import build_meeting_context, build_minutes_context
from decision_check.documents.process_record import build_process_record_context, finding_line
from decision_check.engine import EngineOptions
from decision_check.errors import UsageError
from decision_check.findings import Finding
from decision_check.fsutil import atomic_write, check_output
from decision_check.loader import load_file
from decision_check.models.records import Organ
from decision_check.rulesets import RuleBook
from decision_check.survey import collect_files


@dataclass
class Job:
    """One output document: its context, why it may not be official, and where it goes."""

    name: str
    context: dict[str, Any]
    refusals: list[str] = field(default_factory=list)
    output: Path | None = None


def _open_lines(records: list[Record], refusals: list[str]) -> list[str]:
    lines = list(refusals)
    for record in records:
        lines.extend(finding_line(f) for f in sorted(record.findings, key=Finding.sort_key) if not f.waived)
    return list(dict.fromkeys(lines))


def decision_job(record: Record, organs: dict[str, Organ], basis: dict[str, list[tuple[str, str, str]]]) -> Job:
    """The document of one decision: the 纪要 of each meeting with members, then the 决策过程记录表."""
    organ = organs.get(record.decision.organ)
    indexes = archive.minuted(record.decision)
    meetings = [build_meeting_context([(record.decision, record.decision.meetings[i])], organ) for i in indexes]
    refusals = archive.problems(record, indexes)
    if not indexes:
        where = record.loaded.file
        refusals.append(f"{where} 没有记载组成人员的会议，无法生成会议纪要（meetings[].members）")
    process = None
    if record.outcome is not None:
        process = build_process_record_context(
            record.decision,
            record.outcome,
            record.findings,
            [record.source],
            __version__,
            archive.step_basis(basis, record.outcome),
        )
    context = build_minutes_context(meetings, [record.source], __version__, _open_lines([record], refusals), process)
    return Job(record.decision.id, context, refusals)


def meeting_job(entries: list[tuple[Record, int]], organs: dict[str, Organ], minutes_no: str) -> Job:
    """One meeting's 纪要: one 议题 per decision that records it."""
    if not entries:
        raise UsageError(f"找不到纪要编号为 {minutes_no} 的会议", f"no meeting with minutes number {minutes_no}")
    first = entries[0][0]
    pairs = [(r.decision, r.decision.meetings[i]) for r, i in entries]
    context_meeting = build_meeting_context(pairs, organs.get(first.decision.organ))
    refusals = archive.disagreements(entries)
    for record, index in entries:
        refusals.extend(archive.problems(record, [index]))
    refusals = list(dict.fromkeys(refusals))
    records = [r for r, _ in entries]
    context = build_minutes_context(
        [context_meeting], [r.source for r in records], __version__, _open_lines(records, refusals)
    )
    return Job(minutes_no, context, refusals)


def _year(record: Record) -> int | None:
    outcome = record.outcome
    if outcome is not None and outcome.governing_date is not None:
        return outcome.governing_date.year
    meeting = record.decision.governing_meeting()
    return meeting.date.year if meeting is not None and meeting.date is not None else None


def _select(all_records: list[Record], target: str) -> Record:
    path = Path(target)
    if path.is_file():
        wanted = validation.display_path(path, Path.cwd())
        found = [r for r in all_records if r.loaded.file == wanted]
    else:
        found = [r for r in all_records if r.decision.id == target]
    if not found:
        raise UsageError(f"找不到决策 {target}（编号或决策文件）", f"no decision {target} (id or decision file)")
    return found[0]


def run(
    session: Session,
    book: RuleBook,
    options: EngineOptions,
    *,
    target: str | None,
    meeting: str | None,
    all_: bool,
    year: int | None,
    fmt: str,
    output: Path | None,
    output_dir: Path | None,
    draft: bool,
    force: bool,
    templates: Path | None,
) -> int:
    """Generate the requested documents; the exit code (0 written, 1 refused)."""
    from decision_check.documents.render import render_document

    folders = session.default_paths()
    paths = [p for p in folders if p.exists()]
    extra = Path(target) if target is not None and Path(target).is_file() else None
    if extra is not None:
        paths.append(extra)
    if not paths:
        raise UsageError("没有决策文件夹（decisions/）", "no decisions folder (decisions/)")
    base = Path.cwd()
    files = collect_files(paths)
    result = validation.run(files, book, options, base=base, root=session.config.base, context=folders)
    loaded = [load_file(f, validation.display_path(f, base)) for f in files]
    all_records = archive.records(loaded, result)
    organs = archive.organs(loaded)
    basis = archive.basis_table(book)
    jobs: list[Job] = []
    if target is not None:
        jobs.append(decision_job(_select(all_records, target), organs, basis))
        jobs[0].output = output
    elif meeting is not None:
        jobs.append(meeting_job(archive.find_meeting(all_records, meeting), organs, meeting))
        jobs[0].output = output
    else:
        assert output_dir is not None
        chosen = [r for r in all_records if year is None or _year(r) == year]
        if not chosen:
            raise UsageError(f"没有 {year} 年度的决策", f"no decision of {year}")
        for record in sorted(chosen, key=lambda r: r.decision.id):
            job = decision_job(record, organs, basis)
            job.output = output_dir / archive.output_name(record, fmt)
            check_output(job.output, force=force)
            jobs.append(job)
    refused = 0
    for job in jobs:
        if job.refusals and not draft:
            refused += 1
            typer.echo(
                f"{job.name}：记录不符合会议规则，不生成正式纪要（可加 --draft 生成草稿）/ "
                "the record fails the meeting rules; no official document (use --draft for a draft)",
                err=True,
            )
            for line in job.refusals:
                typer.echo(f"  {line}", err=True)
            continue
        data = render_document("minutes", fmt, job.context, templates_dir=templates, draft=draft)
        if job.output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            atomic_write(job.output, data)
            typer.echo(f"{job.output}", err=True)
    return 1 if refused else 0
