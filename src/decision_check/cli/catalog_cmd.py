"""``decision-check catalog import FILE`` — the annual 决策事项目录 from Excel or CSV into catalogue YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session
from decision_check.errors import UsageError

catalog_app = typer.Typer(help="决策事项目录 / decision catalogues", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")

IMPORT_EXAMPLE = (
    "例 / example:\n\n\b\n  decision-check catalog import 2020年决策事项目录.xlsx --year 2020 \\\n"
    "      --organ 丰都县龙河镇人民政府 --output decisions/catalogs/longhe-2020.yaml"
)


@catalog_app.command("import", epilog=IMPORT_EXAMPLE)
@guarded
def import_catalog(
    source: Annotated[Path, typer.Argument(help="目录表格 .xlsx 或 .csv / the spreadsheet")],
    year: Annotated[int, typer.Option("--year", help="目录年度 / catalogue year")],
    organ: Annotated[str, typer.Option("--organ", help="决策机关 / deciding organ")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / file to write")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / replace an existing file")] = False,
) -> None:
    """把年度重大行政决策事项目录表格（Excel/CSV）转为目录 YAML，逐行报告无法读取的行。

    Turns the year's 决策事项目录 spreadsheet into catalogue YAML; rows that cannot be read are
    reported with their row numbers and left out. Never overwrites without --force.
    Exit codes: 0 every row imported; 1 written, but some rows could not be read; 2 usage error.
    """
    from decision_check.authoring.catalog_import import parse_rows, read_rows, render
    from decision_check.fsutil import atomic_write, check_output
    from decision_check.loader import load_file

    session = Session.open()
    if not source.is_file():
        raise UsageError(f"文件不存在：{source}", f"no such file: {source}")
    target = output or (session.default_paths()[0] / "catalogs" / f"catalog-{year}.yaml")
    if output is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    check_output(target, force=force)
    imported = parse_rows(read_rows(source))
    text = render(imported, year, organ, source.name)
    atomic_write(target, text)
    zh = session.lang == "zh"
    problems = [f for f in load_file(target).findings if f.rule in ("LOAD", "SCHEMA")]
    assert not problems, problems  # the template is ours: a schema problem here is a bug
    typer.echo(
        f"已写入 {target}：{len(imported.entries)} 项（表头在第{imported.header_row}行）"
        if zh
        else f"wrote {target}: {len(imported.entries)} entries (header on row {imported.header_row})"
    )
    for problem in imported.problems:
        typer.echo(f"  第{problem.row}行：{problem.zh}" if zh else f"  row {problem.row}: {problem.en}", err=True)
    if imported.problems:
        typer.echo(
            f"{len(imported.problems)} 行未能读取，已略去；修改表格后加 --force 重新导入"
            if zh
            else f"{len(imported.problems)} rows could not be read and were left out; "
            "fix them and re-import with --force",
            err=True,
        )
        raise typer.Exit(1)
