"""``decision-check doc add`` / ``doc list``: the evidence register of a decision record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded, parse_day
from decision_check.cli.session import Session

doc_app = typer.Typer(
    help="证据材料登记 / the evidence register of a record", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(doc_app, name="doc")


@doc_app.command(
    "add",
    epilog="例 / example：decision-check doc add LH-2020-003 扫描件/合法性审查意见书.pdf --type legality_opinion",
)
@guarded
def add(
    decision: Annotated[str, typer.Argument(metavar="DECISION", help="决策编号或文件 / decision id or file")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="证据文件 / the evidence file")],
    type: Annotated[
        str, typer.Option("--type", "-t", metavar="TYPE", help="材料类型，如 legality_opinion 或 合法性审查意见书")
    ],
    title: Annotated[str | None, typer.Option("--title", help="题名（默认文件名）/ title")] = None,
    day: Annotated[
        str | None, typer.Option("--date", metavar="DATE (YYYY-MM-DD 或 2020年5月1日)", help="成文日期 / date")
    ] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="文号 / document number")] = None,
    step: Annotated[str | None, typer.Option("--step", metavar="STEP", help="所属步骤（默认按类型）/ step")] = None,
    doc_id: Annotated[str | None, typer.Option("--id", help="材料编号（默认 D 加下一个序号）/ id")] = None,
    archived: Annotated[
        bool, typer.Option("--archived", help="同时列入归档文件目录 archived_documents / also list it as archived")
    ] = False,
) -> None:
    """登记一份证据材料：复制进仓库（已在仓库内则直接引用），计算 SHA-256，原样保留注释和格式写回记录。

    Registers an evidence file in a record: copied into evidence/<ID>/ (or referenced when already
    inside the repository), hashed, and added to `documents` and its step, keeping the file's comments,
    key order and quoting. Refuses, leaving the record untouched, if the id exists or the record
    would no longer validate. Exit codes: 0 added; 1 refused (findings listed); 2 usage error.
    """
    from decision_check import validate as validation
    from decision_check.authoring.evidence import register_document
    from decision_check.cli.locate import locate_record
    from decision_check.findings import Result

    session = Session.open()
    record = locate_record(decision, session.default_paths())
    when: date | None = parse_day(day, "--date")
    book = session.rulebook()
    options = session.engine_options(book, None, None)

    def judge(path: Path) -> Result:
        return validation.run(
            [path], book, options, base=Path.cwd(), root=session.config.base, context=session.default_paths()
        )

    outcome = register_document(
        record,
        file,
        root=session.config.base,
        judge=judge,
        type_name=type,
        title=title,
        day=when,
        doc_no=doc_no,
        step=step,
        doc_id=doc_id,
        archived=archived,
    )
    for line in outcome.lines(session.lang):
        typer.echo(line, err=outcome.refused)
    raise typer.Exit(1 if outcome.refused else 0)


@doc_app.command("list", epilog="例 / example：decision-check doc list LH-2020-003")
@guarded
def list_documents(
    decision: Annotated[str, typer.Argument(metavar="DECISION", help="决策编号或文件 / decision id or file")],
) -> None:
    """列出记录登记的证据材料及其哈希核对情况 / list the registered documents with their hash status."""
    from decision_check.authoring.evidence import document_statuses
    from decision_check.cli.locate import locate_record

    session = Session.open()
    record = locate_record(decision, session.default_paths())
    rows = document_statuses(record, session.config.base)
    lang = session.lang
    header = ("编号", "类型", "题名", "文件", "核对") if lang == "zh" else ("id", "type", "title", "file", "status")
    typer.echo("\t".join(header))
    for row in rows:
        typer.echo("\t".join([row.id, row.type.get(lang), row.title, row.path or "—", row.status.get(lang)]))
