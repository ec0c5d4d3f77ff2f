"""The store on SQLite and PostgreSQL: incremental index, rebuild, history, diff, export/import, migration."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from decision_check import validate as validation
from decision_check.cli.session import Session
from decision_check.engine import EngineOptions
from decision_check.findings import Result
from decision_check.rulesets import RuleBook
from decision_check.store.engine import StoreError, make_engine, migrate, open_store, schema_revision
from decision_check.store.history import diff, export_lines, import_lines, list_runs, record_run
from decision_check.store.stats import stats
from decision_check.store.sync import sync
from decision_check.store.tables import DecisionRow, FindingRow, SourceFile
from decision_check.store.triage import latest, triage

AS_OF = date(2026, 6, 1)


def setup(project: Path) -> tuple[RuleBook, EngineOptions]:
    session = Session.open()
    book = session.rulebook()
    return book, session.engine_options(book, AS_OF, None)


def run(project: Path, book: RuleBook, options: EngineOptions) -> Result:
    folder = project / "decisions"
    return validation.run([folder], book, options, base=project, root=project, context=[folder])


def index(store_url: str, project: Path, *, rebuild: bool = False):  # type: ignore[no-untyped-def]
    book, options = setup(project)
    store = open_store(store_url)
    folder = project / "decisions"
    report = sync(store, [folder], book, options, base=project, context=[folder], rebuild=rebuild)
    return store, report


def rows(store_url: str) -> dict[tuple[str, str], DecisionRow]:
    store = open_store(store_url)
    with store.session() as session:
        out = {(d.organ, d.id): d for d in session.scalars(select(DecisionRow))}
    store.close()
    return out


def test_incremental_sync_updates_only_the_changed_file(store_url: str, project: Path) -> None:
    store, first = index(store_url, project)
    store.close()
    assert first.added == first.scanned == 23 and first.decisions == 20
    before = rows(store_url)
    target = project / "decisions" / "2020" / "LH-2020-005.yaml"
    source = target.read_text(encoding="utf-8")
    old_title = next(line for line in source.splitlines() if line.startswith("title:"))
    target.write_text(source.replace(old_title, "title: 龙河镇改过标题的决策"), encoding="utf-8")
    store, second = index(store_url, project)
    store.close()
    assert (second.added, second.updated, second.unchanged, second.gone) == (0, 1, 22, 0)
    assert second.decisions == 1
    after = rows(store_url)
    changed = [key for key in after if after[key] != before[key]]
    assert len(changed) == 1 and after[changed[0]].title == "龙河镇改过标题的决策"
    assert after[changed[0]].file == "decisions/2020/LH-2020-005.yaml"
    assert all(after[k].indexed_at == before[k].indexed_at for k in after if k != changed[0])
    os.utime(project / "decisions" / "2020" / "LH-2020-006.yaml", ns=(1, 1))  # touched, same content
    store, third = index(store_url, project)
    store.close()
    assert (third.updated, third.unchanged, third.decisions) == (0, 23, 0)
    assert rows(store_url) == after


def test_removed_file_is_marked_gone_and_comes_back(store_url: str, project: Path) -> None:
    index(store_url, project)[0].close()
    target = project / "decisions" / "2020" / "LH-2020-003.yaml"
    kept = target.read_bytes()
    target.unlink()
    store, report = index(store_url, project)
    assert report.gone == 1
    with store.session() as session:
        gone = session.get(SourceFile, "decisions/2020/LH-2020-003.yaml")
        assert gone is not None and gone.gone
        decision = session.scalars(select(DecisionRow).where(DecisionRow.file == gone.path)).one()
        assert decision.gone
        assert all(f.gone for f in session.scalars(select(FindingRow).where(FindingRow.file == gone.path)))
    store.close()
    target.write_bytes(kept)
    store, report = index(store_url, project)
    assert report.updated == 1
    assert not rows(store_url)[(decision.organ, decision.id)].gone
    store.close()


def test_index_matches_a_validation_run(store_url: str, project: Path) -> None:
    store, _ = index(store_url, project)
    result = run(project, *setup(project))
    with store.session() as session:
        stored = {f.fingerprint: (f.rule, f.severity, f.file, f.line) for f in session.scalars(select(FindingRow))}
    store.close()
    assert stored == {f.fingerprint: (f.rule, f.severity.value, f.file, f.line) for f in result.findings}


def test_rebuild_keeps_runs_and_dispositions(store_url: str, project: Path) -> None:
    store, _ = index(store_url, project)
    book, options = setup(project)
    result = run(project, book, options)
    record_run(store, result, book, auditor="王审核", version="test", arguments=["validate"])
    finding = result.findings[0]
    triage(store, finding.fingerprint[:10], "误报", "原件已核实", "王审核")
    store.close()
    store, report = index(store_url, project, rebuild=True)
    assert report.added == 23
    assert len(list_runs(store)) == 1
    kept = latest(store)
    assert kept[finding.fingerprint].status == "误报" and kept[finding.fingerprint].note == "原件已核实"
    store.close()


def test_history_diff_new_resolved_still(store_url: str, project: Path) -> None:
    book, options = setup(project)
    store = open_store(store_url)
    first = run(project, book, options)
    record_run(store, first, book, auditor="a", version="t", arguments=[])
    target = project / "decisions" / "2020" / "LH-2020-004.yaml"
    target.unlink()  # its findings are resolved
    second = run(project, book, options)
    record_run(store, second, book, auditor="a", version="t", arguments=[])
    d = diff(store)
    assert (d.old, d.new) == (1, 2)
    gone = {f.fingerprint for f in first.findings if f.file == "decisions/2020/LH-2020-004.yaml"}
    assert gone and {f.fingerprint for f in d.resolved} == gone
    assert {f.fingerprint for f in d.still} == {f.fingerprint for f in first.findings} - gone
    new = {f.fingerprint for f in second.findings} - {f.fingerprint for f in first.findings}
    assert {f.fingerprint for f in d.added} == new and {f.rule for f in d.added} == {"CAT-03"}  # catalogue entry
    reverse = diff(store, 2, 1)
    assert {f.fingerprint for f in reverse.added} == gone and {f.fingerprint for f in reverse.resolved} == new
    store.close()


def test_export_import_round_trip_is_idempotent(store_url: str, project: Path, tmp_path: Path) -> None:
    book, options = setup(project)
    store = open_store(store_url)
    result = run(project, book, options)
    for _ in range(2):
        record_run(store, result, book, auditor="李某", version="t", arguments=["validate", "--record"])
    triage(store, result.findings[1].fingerprint, "已整改", "补充了专家论证", "李某")
    exported = list(export_lines(store))
    store.close()
    assert len(exported) == 3 and json.loads(exported[0])["findings"]
    target = open_store(f"sqlite:///{(tmp_path / 'other.db').as_posix()}")
    first = import_lines(target, exported)
    assert (first.runs, first.dispositions, first.skipped) == (2, 1, 0)
    again = import_lines(target, exported)
    assert (again.runs, again.dispositions, again.skipped) == (0, 0, 3)
    assert list(export_lines(target)) == exported
    target.close()


def test_stats_agree_with_an_independent_count(store_url: str, project: Path) -> None:
    store, _ = index(store_url, project)
    result = run(project, *setup(project))
    header, table = stats(store, "rule")
    by_rule = {r[0]: dict(zip(header, r, strict=True)) for r in table}
    for rule in {f.rule for f in result.findings if not f.waived}:
        mine = [f for f in result.findings if f.rule == rule and not f.waived]
        assert by_rule[rule]["errors"] == sum(f.severity.value == "error" for f in mine)
        assert by_rule[rule]["warnings"] == sum(f.severity.value == "warning" for f in mine)
        assert by_rule[rule]["decisions"] == len({(f.organ, f.decision) for f in mine})
    header, table = stats(store, "year")
    years: dict[str, int] = {}
    for d in result.decisions:
        key = str(d.year) if d.year else "—"  # summary.year_of: decision date, in progress by catalogue year
        years[key] = years.get(key, 0) + 1
    assert {r[0]: r[1] for r in table} == years
    _, table = stats(store, "organ")
    assert sum(int(r[1]) for r in table) == len(result.decisions)
    _, table = stats(store, "step")
    assert {r[0] for r in table} == {s.step for d in result.decisions for s in d.steps}
    store.close()


def test_migration_from_the_previous_schema_keeps_data(store_url: str) -> None:
    engine = make_engine(store_url)
    migrate(engine, store_url, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO run (uid, started_at, auditor, tool_version, rule_set_digests, files, decisions, "
                "errors, warnings, infos, waived) VALUES ('old-run', :at, '张三', '0.0.9', '{}', 3, 2, 1, 0, 0, 0)"
            ),
            {"at": "2025-01-02 03:04:05+00:00"},
        )
    engine.dispose()
    store = open_store(store_url)
    assert schema_revision(store) == "0003"
    (old,) = list_runs(store)
    assert (old.uid, old.auditor, old.errors, old.host, old.arguments) == ("old-run", "张三", 1, "", "[]")
    store.close()


def test_a_newer_schema_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = make_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"newer than this tool|比本工具新"):
        open_store(store_url)


def test_stats_by_step_counts_as_the_report(store_url: str, project: Path) -> None:
    """``stats --by step``'s required/performed are decision_check.summary's, over decisions taken (表1)."""
    from decision_check import summary
    from decision_check.loader import load_file

    store, _ = index(store_url, project)
    result = run(project, *setup(project))
    header, table = stats(store, "step")
    by_step = {r[0]: dict(zip(header, r, strict=True)) for r in table}
    files = [project / o.file for o in result.decisions]
    items = summary.join([load_file(f, o.file) for f, o in zip(files, result.decisions, strict=True)], result)
    _, taken, _, _ = summary.partition(items)
    for step in summary.FIVE_STEPS:
        count = summary.step_count(step, taken)
        assert by_step[step]["required"] == count.required.value, step
        assert by_step[step]["performed"] == count.done.value, step
    store.close()
