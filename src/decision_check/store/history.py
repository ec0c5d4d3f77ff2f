"""The audit history: recorded runs, their findings, diffs between runs, export / import (JSON lines).

Primary data: nothing here is derived from the files after the fact, and nothing deletes it. A run
is written in one transaction (all of it or nothing). Export writes one JSON object per line —
``{"type": "run", …, "findings": […]}`` and ``{"type": "disposition", …}`` — and import skips what
is already there (runs and dispositions carry a stable ``uid``), so importing twice changes nothing.
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from decision_check.errors import UsageError
from decision_check.findings import Result
from decision_check.rulesets import RuleBook
from decision_check.store.engine import Store
from decision_check.store.sync import _unique, finding_row
from decision_check.store.tables import Disposition, Run, RunFinding

_RUN_FIELDS = (
    "uid", "started_at", "auditor", "host", "tool_version", "rule_set_digests", "arguments",
    "files", "decisions", "errors", "warnings", "infos", "waived",
)  # fmt: skip
_FINDING_FIELDS = (
    "fingerprint",
    "rule",
    "severity",
    "organ",
    "decision_id",
    "file",
    "line",
    "path",
    "message",
    "waived",
)
_DISPOSITION_FIELDS = ("uid", "fingerprint", "status", "auditor", "at", "note")


def now() -> datetime:
    """Aware UTC, as every timestamp in the store is kept."""
    return datetime.now(UTC)


def record_run(
    store: Store, result: Result, book: RuleBook, *, auditor: str, version: str, arguments: Sequence[str]
) -> int:
    """Store one validation run and every finding it reported; returns the run's number."""
    summary = result.summary()
    digests = {s.id: s.version for s in book.sets.values()}
    with store.session() as session:
        run = Run(
            uid=uuid.uuid4().hex, started_at=now(), auditor=auditor, host=socket.gethostname(), tool_version=version,
            rule_set_digests=json.dumps(digests, ensure_ascii=False, sort_keys=True),
            arguments=json.dumps(list(arguments), ensure_ascii=False),
            files=summary["files"], decisions=summary["decisions"], errors=summary["errors"],
            warnings=summary["warnings"], infos=summary["infos"], waived=summary["waived"],
        )  # fmt: skip
        session.add(run)
        session.flush()
        assert run.id is not None
        rows = [{**finding_row(f), "run_id": run.id} for f in _unique(result.findings).values()]
        for start in range(0, len(rows), 500):
            session.execute(insert(RunFinding), rows[start : start + 500])
        return run.id


def list_runs(store: Store, limit: int | None = None) -> list[Run]:
    """Runs, newest first."""
    with store.session() as session:
        query = select(Run).order_by(col(Run.id).desc())
        if limit:
            query = query.limit(limit)
        return list(session.scalars(query))


@dataclass
class RunDiff:
    """Findings of run ``new`` compared with run ``old``, by fingerprint."""

    old: int
    new: int
    added: list[RunFinding] = field(default_factory=list)
    resolved: list[RunFinding] = field(default_factory=list)
    still: list[RunFinding] = field(default_factory=list)


def diff(store: Store, old: int | None = None, new: int | None = None) -> RunDiff:
    """New / resolved / still-open findings between two runs (default: the last two)."""
    with store.session() as session:
        if old is None or new is None:
            ids = list(session.scalars(select(Run.id).order_by(col(Run.id).desc()).limit(2)))
            if len(ids) < 2:
                raise UsageError(
                    "至少需要两次已记录的运行（validate --record）", "need two recorded runs (validate --record)"
                )
            new, old = ids[0], ids[1]
        for number in (old, new):
            if session.get(Run, number) is None:
                raise UsageError(f"没有第 {number} 次运行", f"no run {number}")
        before = _findings(session, old)
        after = _findings(session, new)
    out = RunDiff(old, new)
    out.added = [f for fp, f in after.items() if fp not in before]
    out.resolved = [f for fp, f in before.items() if fp not in after]
    out.still = [f for fp, f in after.items() if fp in before]
    return out


def _findings(session: Session, run_id: int) -> dict[str, RunFinding]:
    rows = session.scalars(
        select(RunFinding).where(RunFinding.run_id == run_id).order_by(col(RunFinding.file), col(RunFinding.line))
    )
    return {r.fingerprint: r for r in rows}


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _aware(value: str) -> datetime:
    day = datetime.fromisoformat(value)
    return day if day.tzinfo is not None else day.replace(tzinfo=UTC)


def _plain(value: Any) -> Any:
    return _utc(value).isoformat() if isinstance(value, datetime) else value


def export_lines(store: Store) -> Iterator[str]:
    """The whole history as JSON lines: runs (with their findings) in order, then dispositions."""
    with store.session() as session:
        for run in session.scalars(select(Run).order_by(col(Run.id))):
            findings = session.scalars(
                select(RunFinding).where(RunFinding.run_id == run.id).order_by(col(RunFinding.fingerprint))
            )
            item = {"type": "run", **{k: _plain(getattr(run, k)) for k in _RUN_FIELDS}}
            item["findings"] = [{k: getattr(f, k) for k in _FINDING_FIELDS} for f in findings]
            yield json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"
        for d in session.scalars(select(Disposition).order_by(col(Disposition.id))):
            item = {"type": "disposition", **{k: _plain(getattr(d, k)) for k in _DISPOSITION_FIELDS}}
            yield json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"


@dataclass
class ImportReport:
    runs: int = 0
    dispositions: int = 0
    skipped: int = 0


def import_lines(store: Store, lines: Iterable[str], source: str = "-") -> ImportReport:
    """Add the runs and dispositions of an export that are not already here (matched by ``uid``)."""
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            kind = item["type"]
            if kind not in ("run", "disposition"):
                raise KeyError(kind)
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(
                f"{source}:{number}: 不是审计历史导出行（{exc}）", f"{source}:{number}: not a history line ({exc})"
            ) from None
        items.append(item)
    report = ImportReport()
    with store.session() as session:
        runs = set(session.scalars(select(Run.uid)))
        dispositions = set(session.scalars(select(Disposition.uid)))
        for item in items:
            try:
                if item["type"] == "run":
                    if item["uid"] in runs:
                        report.skipped += 1
                        continue
                    run = Run(**{k: item[k] for k in _RUN_FIELDS if k in item})
                    run.started_at = _aware(item["started_at"])
                    session.add(run)
                    session.flush()
                    rows = [{**{k: f.get(k) for k in _FINDING_FIELDS}, "run_id": run.id} for f in item["findings"]]
                    for start in range(0, len(rows), 500):
                        session.execute(insert(RunFinding), rows[start : start + 500])
                    runs.add(item["uid"])
                    report.runs += 1
                else:
                    if item["uid"] in dispositions:
                        report.skipped += 1
                        continue
                    values = {k: item[k] for k in _DISPOSITION_FIELDS}
                    values["at"] = _aware(values["at"])
                    session.add(Disposition(**values))
                    dispositions.add(item["uid"])
                    report.dispositions += 1
            except (KeyError, ValueError, TypeError) as exc:
                raise UsageError(
                    f"{source}: 导出行缺少字段或格式错误（{exc}）", f"{source}: malformed history line ({exc})"
                ) from None
    return report


def run_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Run)) or 0)
