"""``decision-check history`` (list, diff, export, import) and ``triage`` — the audit history.

Also the one hook ``validate`` calls: record a run (``--record``) and show auditors' dispositions
beside findings when a store exists. Database libraries are imported only when a store is used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from decision_check import __version__
from decision_check.cli.app import app, guarded
from decision_check.cli.index_cmd import DbOption, open_session_store
from decision_check.cli.session import Session
from decision_check.errors import UsageError

if TYPE_CHECKING:
    from decision_check.findings import Result
    from decision_check.rulesets import RuleBook

history_app = typer.Typer(help="审计历史 / audit history", invoke_without_command=True)
app.add_typer(history_app, name="history")


def after_validate(session: Session, result: Result, book: RuleBook, *, record: bool, db: str | None) -> list[str]:
    """Record the run when asked; the dispositions of this run's findings, as lines for stderr."""
    from decision_check.cli.validate_run import store_in_use

    if not store_in_use(session, record=record, db=db):
        return []  # no store: nothing to show, and no database library loaded
    url = db or os.environ.get("DECISION_CHECK_DB") or session.config.database_url
    from decision_check.store.engine import StoreError
    from decision_check.store.history import record_run
    from decision_check.store.triage import latest

    try:
        store = open_session_store(session, url)
    except StoreError as exc:
        if record:
            raise
        return [f"注意：未能读取处置记录 / note: dispositions not shown — {exc.message(session.lang)}"]
    lines = []
    if record:
        number = record_run(
            store, result, book, auditor=session.config.auditor, version=__version__, arguments=sys.argv[1:]
        )
        lines.append(f"已记录第 {number} 次运行 / recorded run {number}")
    by_fp = {f.fingerprint: f for f in result.findings}
    for fp, d in sorted(latest(store, by_fp).items(), key=lambda item: by_fp[item[0]].sort_key()):
        f = by_fp[fp]
        lines.append(
            f"处置 / disposition: {f.file}:{f.line} {f.rule} [{fp[:12]}] → {d.status}"
            f"（{d.auditor}，{d.at:%Y-%m-%d}）{d.note}"
        )
    store.close()
    return lines


@history_app.callback()
@guarded
def history(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", help="最多列出几次 / how many runs")] = 20,
    db: DbOption = None,
) -> None:
    """列出已记录的检查运行（validate --record）/ lists recorded validation runs, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from decision_check.store.history import list_runs

    store = open_session_store(Session.open(), db)
    runs = list_runs(store, limit)
    store.close()
    if not runs:
        typer.echo("尚无记录的运行（validate --record）/ no recorded runs yet")
    for run in runs:
        typer.echo(
            f"#{run.id}  {run.started_at:%Y-%m-%d %H:%M:%S}Z  {run.auditor}@{run.host}  v{run.tool_version}  "
            f"文件 {run.files} 决策 {run.decisions}  "
            f"错误 {run.errors} 警告 {run.warnings} 提示 {run.infos} 豁免 {run.waived}"
        )


@history_app.command("diff")
@guarded
def history_diff(
    old: Annotated[int | None, typer.Argument(help="较早的运行号 / earlier run")] = None,
    new: Annotated[int | None, typer.Argument(help="较晚的运行号 / later run")] = None,
    db: DbOption = None,
) -> None:
    """两次运行之间新增、已解决、仍存在的问题（默认最近两次）/ new, resolved, still-open findings."""
    from decision_check.store.history import diff

    if (old is None) != (new is None):
        raise UsageError("请给出两个运行号，或都不给", "give two run numbers, or none")
    store = open_session_store(Session.open(), db)
    d = diff(store, old, new)
    store.close()
    typer.echo(f"运行 #{d.old} → #{d.new} / run {d.old} → {d.new}")
    for label, rows in (("新增 / new", d.added), ("已解决 / resolved", d.resolved), ("仍存在 / still open", d.still)):
        typer.echo(f"{label}: {len(rows)}")
        for r in rows:
            typer.echo(f"  {r.file}:{r.line} {r.severity} {r.rule} [{r.fingerprint[:12]}] {r.message}")


@history_app.command("export")
@guarded
def history_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / overwrite")] = False,
    db: DbOption = None,
) -> None:
    """把审计历史导出为 JSON lines / exports the audit history as JSON lines."""
    from decision_check.fsutil import atomic_write_chunks
    from decision_check.store.history import export_lines

    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} 已存在（用 --force 覆盖）", f"{output} exists (use --force to overwrite)")
    store = open_session_store(Session.open(), db)
    lines = list(export_lines(store))
    store.close()
    if output is not None:
        atomic_write_chunks(output, lines)
    else:
        sys.stdout.writelines(lines)


@history_app.command("import")
@guarded
def history_import(
    source: Annotated[Path, typer.Argument(help="history export 写出的文件 / an export file")],
    db: DbOption = None,
) -> None:
    """导入审计历史（已有的运行和处置跳过，可重复导入）/ imports history; idempotent."""
    from decision_check.store.history import import_lines

    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取 {source}：{exc}", f"cannot read {source}: {exc}") from None
    store = open_session_store(Session.open(), db)
    report = import_lines(store, text.splitlines(), str(source))
    store.close()
    typer.echo(
        f"导入运行 {report.runs}、处置 {report.dispositions}，跳过已有 {report.skipped}"
        f" / imported {report.runs} runs, {report.dispositions} dispositions, skipped {report.skipped}"
    )


@app.command()
@guarded
def triage(
    fingerprint: Annotated[str, typer.Argument(help="问题指纹（至少 6 位）/ finding fingerprint")],
    status: Annotated[str, typer.Option("--status", help="确认|误报|已整改")],
    note: Annotated[str, typer.Option("--note", help="说明 / note")] = "",
    db: DbOption = None,
) -> None:
    """记录审核人员对一条问题的处置。例：decision-check triage 3fa2c1 --status 误报 --note 已核实原件

    Records an auditor's disposition of a finding (确认 confirmed / 误报 false positive / 已整改 fixed).
    """
    from decision_check.store.triage import triage as dispose

    session = Session.open()
    store = open_session_store(session, db)
    row = dispose(store, fingerprint, status, note, session.config.auditor)
    store.close()
    typer.echo(f"{row.fingerprint[:12]} → {row.status}（{row.auditor}）")
