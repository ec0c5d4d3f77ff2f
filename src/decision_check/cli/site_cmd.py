"""``decision-check site``: the audit site as static pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded, parse_day


@app.command(epilog="例 / example：decision-check site decisions/ --output site/ --year 2020 --public")
@guarded
def site(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar="PATH…", help="决策文件或目录（默认 decisions/）/ files or folders")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="网站文件夹 / the site folder")] = Path(
        "site"
    ),
    year: Annotated[int | None, typer.Option("--year", help="只含该年度的决策（按决策日期）/ only this year")] = None,
    organ: Annotated[str | None, typer.Option("--organ", help="只含该机关的决策 / only this organ")] = None,
    public: Annotated[
        bool, typer.Option("--public", help="公开版：不含个人意见、个人信息和涉密文件 / publishable version")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的文件夹 / replace an existing folder")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE (YYYY-MM-DD 或 2020年5月1日)", help="检查日（默认今天）")
    ] = None,
) -> None:
    """把决策记录生成为静态审计网站：总览、每项决策一页（时间线）、每条规则一页。

    Builds the audit site (plain files, no network at view time): overview with charts and tables,
    one page per decision with its timeline, one page per rule. --public leaves out members' views,
    personal data and classified documents. Exit codes: 0 written; 2 usage error or nothing selected.
    """
    from decision_check import __version__
    from decision_check import validate as validation
    from decision_check.cli.session import Session
    from decision_check.errors import UsageError
    from decision_check.loader import discover, load_file
    from decision_check.models.records import Catalog, Decision
    from decision_check.site.build import build_site, select

    session = Session.open()
    if output.exists() and not output.is_dir():
        raise UsageError(f"输出路径是文件，不是文件夹：{output}", f"the output is a file, not a folder: {output}")
    if output.exists() and not force:
        raise UsageError(f"已存在：{output}（加 --force 覆盖）", f"exists: {output} (add --force to replace it)")
    roots = paths or session.default_paths()
    book = session.rulebook()
    base = Path.cwd()
    result = validation.run(
        roots,
        book,
        session.engine_options(book, parse_day(as_of, "--as-of"), None),
        base=base,
        root=session.config.base,
        context=session.default_paths(),
    )
    records: dict[str, Decision] = {}
    for outcome in result.decisions:
        loaded = load_file(base / outcome.file, outcome.file)
        if isinstance(loaded.record, Decision):
            records[outcome.file] = loaded.record
    chosen, items = select(result, records, year=year, organ=organ)
    catalogs: dict[str, Catalog] = {}
    for path in discover([*roots, *session.default_paths()]):
        loaded = load_file(path)
        if isinstance(loaded.record, Catalog) and (year is None or loaded.record.year == year):
            catalogs[str(path.resolve())] = loaded.record
    summary = build_site(
        chosen,
        records,
        catalogs,
        items,
        book,
        output,
        public=public,
        force=force,
        version=__version__,
        calendar=session.calendar(),
    )
    if session.lang == "en":
        typer.echo(f"site written: {summary.output}/index.html ({summary.decisions} decisions, {summary.pages} pages)")
    else:
        typer.echo(f"已生成网站：{summary.output}/index.html（{summary.decisions} 项决策，{summary.pages} 页）")
