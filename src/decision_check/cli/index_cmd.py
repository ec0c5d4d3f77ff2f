"""``decision-check index`` / ``db upgrade`` / ``stats`` — the derived index of the store.

sqlalchemy, sqlmodel and alembic are imported inside the commands (start-up time of ``validate``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session
from decision_check.errors import UsageError

if TYPE_CHECKING:
    from decision_check.store.engine import Store

DbOption = Annotated[
    str | None, typer.Option("--db", help="数据库地址（SQLAlchemy URL）/ database URL; else DECISION_CHECK_DB, config")
]
db_app = typer.Typer(help="数据库维护 / store maintenance", no_args_is_help=True)
app.add_typer(db_app, name="db")


def open_session_store(session: Session, db: str | None) -> Store:
    """The store of ``--db`` / ``DECISION_CHECK_DB`` / configuration, migrated to this tool's schema."""
    from decision_check.store.engine import open_store, resolve_url

    return open_store(resolve_url(db, session.config.database_url))


@app.command()
@guarded
def index(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="决策文件或目录（默认 decisions/）/ files or folders")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="清空索引后重建（不动审计历史）/ recreate the index")
    ] = False,
    db: DbOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数 / worker processes")] = None,
) -> None:
    """按内容哈希增量同步决策索引（审计历史不受影响）。例：decision-check index decisions/

    Syncs the index of decisions and findings incrementally by content hash; never touches the audit history.
    """
    from datetime import date

    from decision_check.store.engine import safe
    from decision_check.store.sync import sync

    session = Session.open()
    book = session.rulebook()
    options = session.engine_options(book, date.today(), None)
    store = open_session_store(session, db)
    report = sync(
        store,
        paths or session.default_paths(),
        book,
        options,
        base=session.config.base,
        context=session.default_paths(),
        rebuild=rebuild,
        jobs=jobs,
    )
    store.close()
    typer.echo(
        f"索引 {safe(store.url)}：{report.scanned} 个文件，新增 {report.added}，更新 {report.updated}，"
        f"未变 {report.unchanged}，已删除 {report.gone}；重新检查 {report.decisions} 项决策、{report.findings} 条问题"
        f" / indexed {report.scanned} files: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.gone} gone"
    )


@db_app.command("upgrade")
@guarded
def db_upgrade(db: DbOption = None) -> None:
    """把数据库结构升级到本工具的版本（从不删除表）/ migrate the store's schema to this tool's version."""
    from decision_check.store.engine import safe, schema_revision

    store = open_session_store(Session.open(), db)
    typer.echo(f"{safe(store.url)}：结构版本 {schema_revision(store)} / schema revision {schema_revision(store)}")
    store.close()


@app.command()
@guarded
def stats(
    by: Annotated[str, typer.Option("--by", help="year|organ|rule|step")] = "year",
    format: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    db: DbOption = None,
) -> None:
    """按年度、机关、规则或程序步骤统计索引。例：decision-check stats --by rule --format csv

    Counts over the index (current decisions, unwaived findings) by year, organ, rule or step.
    """
    from decision_check.store.stats import DIMENSIONS
    from decision_check.store.stats import stats as count

    if by not in DIMENSIONS:
        raise UsageError(f"--by 只能是 {'、'.join(DIMENSIONS)}", f"--by must be one of {', '.join(DIMENSIONS)}")
    if format not in ("table", "csv", "json"):
        raise UsageError("--format 只能是 table、csv 或 json", "--format must be table, csv or json")
    store = open_session_store(Session.open(), db)
    header, rows = count(store, by)
    store.close()
    if format == "json":
        sys.stdout.write(json.dumps([dict(zip(header, r, strict=True)) for r in rows], ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    elif format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
        sys.stdout.write(buffer.getvalue())
    else:
        table: list[list[str | int]] = [list(header), *rows]
        widths = [max(_width(str(x)) for x in column) for column in zip(*table, strict=True)]
        for line in table:
            cells = (str(x) + " " * (w - _width(str(x))) for x, w in zip(line, widths, strict=True))
            typer.echo("  ".join(cells).rstrip())


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
