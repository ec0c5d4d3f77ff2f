"""``decision-check archive`` and ``archive verify``: the evidence package of a decision, and its check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session
from decision_check.errors import UsageError
from decision_check.i18n import Lang

if TYPE_CHECKING:
    from decision_check.findings import Result
    from decision_check.rulesets import RuleBook


@app.command(
    epilog="例 / example：decision-check archive LH-2020-003 --output LH-2020-003.zip；"
    "decision-check archive verify LH-2020-003.zip",
)
@guarded
def archive(
    target: Annotated[
        str, typer.Argument(metavar="ID|FILE|verify", help="决策编号或文件；或 verify / decision id or file")
    ],
    path: Annotated[
        Path | None, typer.Argument(metavar="[PATH]", help="verify 时：包文件夹或 zip / with verify: the package")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="DIR|FILE.zip", help="包的位置（默认 <ID>.zip）")
    ] = None,
    allow_findings: Annotated[
        bool, typer.Option("--allow-findings", help="有错误级问题也打包，并把问题记入包中 / package despite errors")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的包 / replace an existing package")] = False,
) -> None:
    """归档证据包（BagIt，SHA-256/SHA-512 清单），或用 verify 核验一个包。

    Builds the BagIt evidence package of a decision (record, evidence files, validation report,
    归档文件目录 CSV/XLSX), or with `verify PATH` checks a package and lists every problem.
    Exit codes: 0 done / package intact; 1 the record has error findings (without --allow-findings)
    or the package has problems; 2 usage error.
    """
    session = Session.open()
    if target == "verify":
        if path is None:
            raise UsageError("archive verify 需要包的路径", "archive verify needs the package's path")
        _verify(path, session.lang)
        return
    if path is not None:
        raise UsageError(f"多余的参数：{path}", f"unexpected argument: {path}")
    from decision_check import validate as validation
    from decision_check.archive.build import package_decision
    from decision_check.cli.locate import locate_record
    from decision_check.fsutil import check_output

    record = locate_record(target, session.default_paths())
    destination = output or Path(f"{target if not Path(target).is_file() else record.stem}.zip")
    if destination.suffix.lower() == ".zip" or not destination.exists():
        check_output(destination, force=force)
    elif not force:
        raise UsageError(f"已存在：{destination}（加 --force 覆盖）", f"exists: {destination} (add --force)")
    book = session.rulebook()
    result = validation.run(
        [record],
        book,
        session.engine_options(book, None, None),
        base=Path.cwd(),
        root=session.config.base,
        context=session.default_paths(),
    )
    outcome = package_decision(
        record,
        result,
        root=session.config.base,
        output=destination,
        allow_findings=allow_findings,
        force=force,
        generated=_generated_documents(session, record, result, book),
    )
    for line in outcome.lines(session.lang):
        typer.echo(line, err=outcome.refused)
    raise typer.Exit(1 if outcome.refused else 0)


def _generated_documents(session: Session, record: Path, result: Result, book: RuleBook) -> dict[str, bytes]:
    """The 会议纪要 and 决策过程记录表 generated from the record (Markdown and Word), as ``minutes`` makes
    them; a record that fails the meeting rules gets them marked 草稿 (draft), never as official."""
    from decision_check import validate as validation
    from decision_check.cli.minutes_run import decision_job
    from decision_check.documents import archive as documents
    from decision_check.documents.render import render_document
    from decision_check.loader import discover, load_file

    base = Path.cwd()
    loaded = [load_file(record, validation.display_path(record, base))]
    sides = [load_file(p) for p in discover([f for f in session.default_paths() if f.exists()])]
    records = documents.records(loaded, result)
    if not records:
        return {}
    job = decision_job(records[0], documents.organs([*sides, *loaded]), documents.basis_table(book))
    draft = bool(job.refusals)
    name = "会议纪要及决策过程记录表" + ("（草稿）" if draft else "")
    return {
        f"{name}.md": render_document("minutes", "md", job.context, draft=draft),
        f"{name}.docx": render_document("minutes", "docx", job.context, draft=draft),
    }


def _verify(path: Path, lang: Lang) -> None:
    from decision_check.archive.verify import verify

    if not path.exists():
        raise UsageError(f"路径不存在：{path}", f"no such file or folder: {path}")
    problems = verify(path)
    for problem in problems:
        typer.echo(problem.text(lang))
    if problems:
        typer.echo(
            f"核验未通过：{len(problems)} 个问题"
            if lang == "zh"
            else f"verification failed: {len(problems)} problem(s)"
        )
        raise typer.Exit(1)
    typer.echo("核验通过：文件齐全，校验值一致" if lang == "zh" else "verified: complete, every checksum matches")
