"""The index: decisions, steps and findings derived from the record files, synced by content hash.

Only files whose sha256 changed (or that are new, or came back) are validated again — through
:func:`decision_check.validate.run`, never by checks of our own; files that disappeared are marked
``gone``. When an organ file or catalogue changes, every decision is judged again, since decisions
are judged against them. ``rebuild`` empties the index tables first. The audit history (runs,
dispositions) is never touched here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session, col

from decision_check import validate as validation
from decision_check.engine import EngineOptions
from decision_check.errors import UsageError
from decision_check.findings import Finding, Result
from decision_check.loader import SUFFIXES
from decision_check.rulesets import RuleBook
from decision_check.store.engine import Store
from decision_check.store.tables import INDEX_TABLES, DecisionRow, FindingRow, SourceFile, StepRow
from decision_check.survey import is_side_file

_CHUNK = 500


@dataclass
class SyncReport:
    """What one sync did."""

    scanned: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: int = 0
    decisions: int = 0
    findings: int = 0


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync(
    store: Store,
    paths: Sequence[Path],
    book: RuleBook,
    options: EngineOptions,
    *,
    base: Path,
    context: Sequence[Path] = (),
    rebuild: bool = False,
    jobs: int | None = None,
) -> SyncReport:
    """Bring the index up to date with the records under ``paths``."""
    base = base.resolve()
    found = scan(paths, base)
    report = SyncReport(scanned=len(found))
    with store.session() as session:
        if rebuild:
            for table in INDEX_TABLES:
                session.execute(delete(_TABLES[table]))
            known: dict[str, tuple[str, bool, str]] = {}
            stats: dict[str, tuple[int, int]] = {}
        else:
            columns = ("path", "content_hash", "gone", "kind", "size", "mtime_ns")
            rows = session.execute(select(*(col(getattr(SourceFile, c)) for c in columns)))
            known, stats = {}, {}
            for path, digest, gone, kind, size, mtime in rows:
                known[path] = (digest, gone, kind)
                stats[path] = (size, mtime)
        # like git: a file whose size and mtime are what they were is not read again
        hashes = {
            name: known[name][0] if stats.get(name) == stat else file_hash(Path(full))
            for name, (full, stat) in found.items()
        }
        changed = [name for name, digest in hashes.items() if known.get(name, ("", True, ""))[:2] != (digest, False)]
        report.added = sum(1 for name in changed if name not in known)
        report.updated = len(changed) - report.added
        report.unchanged = len(found) - len(changed)
        scopes = [_relative(str(p.resolve()), str(base).rstrip(os.sep) + os.sep) for p in paths]
        removed = [
            name for name, (_, gone, _) in known.items() if not gone and name not in hashes and _under(name, scopes)
        ]
        report.gone = len(removed)
        side_changed = any(is_side_file(Path(found[n][0])) for n in changed) or any(
            known[n][2] == "side" for n in removed
        )
        if side_changed or len(changed) == len(found):  # organs and catalogues shape every decision's verdict
            changed = list(hashes)
            result = validation.run(
                [Path(full) for full, _ in found.values()],
                book,
                options,
                base=base,
                root=base,
                jobs=jobs,
                context=context,
            )
        elif changed:  # the changed records, judged with every organ file and catalogue as facts
            # their folders as context: read as facts, not judged again (no catalogue verdicts on part of the ids)
            sides = sorted(
                {Path(found[n][0]).parent for n, (_, _, kind) in known.items() if kind == "side" and n in found}
            )
            result = validation.run(
                [Path(found[n][0]) for n in changed], book, options, base=base, root=base, jobs=jobs, context=sides
            )
        if changed:
            side = {n: is_side_file(Path(found[n][0])) for n in changed}
            _replace(session, changed, hashes, {n: found[n][1] for n in changed}, side, result)
            report.decisions = len(result.decisions)
            report.findings = len(result.findings)
        done = set(changed)
        touched = [
            {"p": n, "s": found[n][1][0], "m": found[n][1][1]}
            for n in hashes
            if n not in done and stats.get(n) != found[n][1]
        ]
        if touched:  # same content, new stat: remembered so that the next sync skips the hash
            table = SourceFile.__table__  # type: ignore[attr-defined]
            statement = update(table).where(table.c.path == bindparam("p"))
            session.execute(statement.values(size=bindparam("s"), mtime_ns=bindparam("m")), touched)
        if removed:
            _mark_gone(session, removed)
    return report


def scan(paths: Sequence[Path], base: Path) -> dict[str, tuple[str, tuple[int, int]]]:
    """Every record file under ``paths`` (``discover``'s rules): name relative to ``base`` → (path, (size, mtime))."""
    found: dict[str, tuple[str, tuple[int, int]]] = {}
    prefix = str(base).rstrip(os.sep) + os.sep

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    walk(entry.path)
                elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file():
                    st = entry.stat()
                    found[_relative(entry.path, prefix)] = (entry.path, (st.st_size, st.st_mtime_ns))

    for path in paths:
        if not path.exists():
            raise UsageError(f"路径不存在：{path}", f"no such file or folder: {path}")
        root = str(path.resolve())
        if os.path.isdir(root):
            walk(root)
        else:
            st = os.stat(root)
            found[_relative(root, prefix)] = (root, (st.st_size, st.st_mtime_ns))
    if not found:
        raise UsageError("没有决策文件（*.yaml / *.yml）", "no record files (*.yaml / *.yml)")
    return found


def _relative(path: str, prefix: str) -> str:
    return (path[len(prefix) :] if path.startswith(prefix) else path).replace(os.sep, "/")


def _under(name: str, scopes: Iterable[str]) -> bool:
    return any(scope in (".", "") or name == scope or name.startswith(scope.rstrip("/") + "/") for scope in scopes)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _replace(
    session: Session,
    names: list[str],
    hashes: dict[str, str],
    stats: dict[str, tuple[int, int]],
    side: dict[str, bool],
    result: Result,
) -> None:
    now = datetime.now(UTC)
    for chunk in _chunks(names):
        session.execute(delete(FindingRow).where(col(FindingRow.file).in_(chunk)))
        session.execute(delete(DecisionRow).where(col(DecisionRow.file).in_(chunk)))
        session.execute(delete(SourceFile).where(col(SourceFile.path).in_(chunk)))
    keys = list({(d.organ, d.id) for d in result.decisions})
    for chunk in _chunks(keys):  # a decision that moved to another file
        for organ, decision_id in chunk:
            session.execute(delete(DecisionRow).where(DecisionRow.organ == organ, DecisionRow.id == decision_id))
    findings = _unique(result.findings)
    for chunk in _chunks(list(findings)):
        session.execute(delete(FindingRow).where(col(FindingRow.fingerprint).in_(chunk)))
    sources = [
        {
            "path": n,
            "content_hash": hashes[n],
            "kind": "side" if side[n] else "decision",
            "gone": False,
            "indexed_at": now,
        }
        for n in names
    ]
    decisions: dict[tuple[str, str], dict[str, Any]] = {}
    steps: list[dict[str, Any]] = []
    for d in result.decisions:
        if (d.organ, d.id) in decisions:  # DUP-ID: the first file keeps the key, the finding says why
            continue
        day = d.governing_date
        decisions[(d.organ, d.id)] = {
            "organ": d.organ, "id": d.id, "title": d.title, "year": d.year,
            "governing_date": day, "governing_date_source": d.governing_date_source, "status": d.status,
            "file": d.file, "content_hash": hashes.get(d.file, ""), "rule_sets": ",".join(r.id for r in d.rule_sets),
            "excluded": d.excluded, "gone": False, "indexed_at": now,
        }  # fmt: skip
        steps.extend(
            {
                "organ": d.organ,
                "decision_id": d.id,
                "step": s.step,
                "required": s.required,
                "state": s.state,
                "day": s.date,
            }
            for s in d.steps
        )
    rows = [{**finding_row(f), "gone": False} for f in findings.values()]
    for table, values in (
        (SourceFile, sources),
        (DecisionRow, list(decisions.values())),
        (StepRow, steps),
        (FindingRow, rows),
    ):
        for chunk in _chunks(values):
            session.execute(insert(table), list(chunk))


def _unique(findings: Iterable[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for f in findings:
        out.setdefault(f.fingerprint, f)
    return out


def finding_row(f: Finding) -> dict[str, Any]:
    """The columns of a finding, shared by the index and the run history."""
    return {
        "fingerprint": f.fingerprint, "rule": f.rule, "severity": f.severity.value, "organ": f.organ,
        "decision_id": f.decision, "file": f.file, "line": f.line, "path": f.path, "message": f.message.zh,
        "waived": f.waived,
    }  # fmt: skip


def _mark_gone(session: Session, names: list[str]) -> None:
    for chunk in _chunks(names):
        session.execute(update(SourceFile).where(col(SourceFile.path).in_(chunk)).values(gone=True))
        session.execute(update(DecisionRow).where(col(DecisionRow.file).in_(chunk)).values(gone=True))
        session.execute(update(FindingRow).where(col(FindingRow.file).in_(chunk)).values(gone=True))


_TABLES: dict[str, Any] = {"step": StepRow, "finding": FindingRow, "decision": DecisionRow, "source_file": SourceFile}
