"""Auditors' dispositions of findings (确认 / 误报 / 已整改), keyed by fingerprint; the latest counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlmodel import col, select

from decision_check.errors import UsageError
from decision_check.store.engine import Store
from decision_check.store.history import now
from decision_check.store.tables import DISPOSITION_STATUSES, Disposition, FindingRow, RunFinding

ALIASES = {"confirmed": "确认", "false-positive": "误报", "fixed": "已整改"}


def parse_status(value: str) -> str:
    """确认 / 误报 / 已整改 (or confirmed / false-positive / fixed)."""
    status = ALIASES.get(value, value)
    if status not in DISPOSITION_STATUSES:
        raise UsageError(
            f"处置状态只能是 {'、'.join(DISPOSITION_STATUSES)}，而不是 {value}",
            f"status must be one of {', '.join(DISPOSITION_STATUSES)} (confirmed, false-positive, fixed), not {value}",
        )
    return status


def resolve(store: Store, prefix: str) -> str:
    """The full fingerprint a prefix (as reports print it) names, in the index or the history."""
    if len(prefix) < 6:
        raise UsageError("指纹至少写 6 位", "give at least 6 characters of the fingerprint")
    with store.session() as session:
        found = set(
            session.scalars(select(FindingRow.fingerprint).where(col(FindingRow.fingerprint).startswith(prefix)))
        )
        found |= set(
            session.scalars(
                select(RunFinding.fingerprint).where(col(RunFinding.fingerprint).startswith(prefix)).distinct()
            )
        )
    if not found:
        raise UsageError(
            f"索引和审计历史中都没有指纹 {prefix}（先运行 index 或 validate --record）",
            f"no finding with fingerprint {prefix} in the index or the history (run index or validate --record)",
        )
    if len(found) > 1:
        raise UsageError(f"指纹 {prefix} 不唯一，请多写几位", f"fingerprint {prefix} is ambiguous; give more of it")
    return found.pop()


def triage(store: Store, fingerprint: str, status: str, note: str, auditor: str) -> Disposition:
    """Record a disposition (added to the history; earlier ones stay)."""
    full = resolve(store, fingerprint)
    with store.session() as session:
        row = Disposition(
            uid=uuid.uuid4().hex, fingerprint=full, status=parse_status(status), auditor=auditor, at=now(), note=note
        )
        session.add(row)
    return row


def latest(store: Store, fingerprints: Iterable[str] | None = None) -> dict[str, Disposition]:
    """The current disposition of each finding that has one."""
    wanted = set(fingerprints) if fingerprints is not None else None
    out: dict[str, Disposition] = {}
    with store.session() as session:
        for row in session.scalars(select(Disposition).order_by(col(Disposition.at), col(Disposition.id))):
            if wanted is None or row.fingerprint in wanted:
                out[row.fingerprint] = row
    return out
