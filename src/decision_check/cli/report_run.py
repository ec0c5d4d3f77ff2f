"""The work of ``decision-check report`` after its options are checked: run, count, write.

Runs the checks once (:func:`decision_check.validate.run`), counts with :mod:`decision_check.summary`,
builds the context with :mod:`decision_check.documents.report` and renders it with the document layer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from decision_check import __version__
from decision_check import summary as counting
from decision_check import validate as validation
from decision_check.cli.session import Session
from decision_check.documents import archive
from decision_check.documents.minutes import Source
from decision_check.documents.report import RuleInfo, build_report_context
from decision_check.engine import Engine, EngineOptions
from decision_check.errors import UsageError
from decision_check.findings import Result
from decision_check.fsutil import atomic_write
from decision_check.loader import LoadedFile, load_file
from decision_check.models.records import Catalog, Organ
from decision_check.rulesets import RuleBook
from decision_check.survey import collect_files


def rule_infos(book: RuleBook) -> dict[str, RuleInfo]:
    """Each rule's Chinese title in every rule set that defines it."""
    titles: dict[str, dict[str, str]] = {}
    for set_id, rule_set in book.sets.items():
        for rule in rule_set.rules.values():
            titles.setdefault(rule.id, {})[set_id] = rule.title.zh
    return {rule: RuleInfo(by_set) for rule, by_set in titles.items()}


def pick_organs(names: list[str], wanted: str | None) -> list[str]:
    """The organs the report covers: all of them, or the one ``--organ`` names (exactly or by a part)."""
    if wanted is None:
        return names
    exact = [n for n in names if n == wanted]
    found = exact or [n for n in names if wanted in n]
    if len(found) > 1:
        shown = "、".join(found)
        raise UsageError(
            f"--organ {wanted} 对应多个机关：{shown}；请写全称", f"--organ {wanted} matches {shown}; give the full name"
        )
    return found


def run(
    session: Session,
    book: RuleBook,
    options: EngineOptions,
    *,
    year: int,
    organ: str | None,
    fmt: str,
    output: Path | None,
    trace: Path | None,
    templates: Path | None,
) -> int:
    """Generate the report; the exit code (0 written, 1 nothing to report)."""
    from decision_check.documents.render import render_document

    folders = [p for p in session.default_paths() if p.exists()]
    if not folders:
        raise UsageError("没有决策文件夹（decisions/）", "no decisions folder (decisions/)")
    base = Path.cwd()
    files = collect_files(folders)
    result = validation.run(files, book, options, base=base, root=session.config.base)
    loaded = _records_of_year(files, result, base, year)
    items = counting.join(loaded, result)
    organs = archive.organs(loaded)
    catalogs = {(f.record.organ, f.record.year): f.record for f in loaded if isinstance(f.record, Catalog)}
    known = counting.organs_of(items)
    chosen = [
        n for n in pick_organs(known, organ) if any(counting.year_of(i) == year for i in items if i.decision.organ == n)
    ]
    if not chosen:
        who = f"{organ}" if organ else "决策文件库中"
        typer.echo(
            f"{who}没有 {year} 年度的决策文件（按决策日期；进行中的按目录年度），未生成报告。"
            f"有决策文件的机关：{'、'.join(known) or '无'} / no decisions of {year}"
            + (f" for {organ}" if organ else "")
            + "; no report written",
            err=True,
        )
        return 1
    engine = Engine(book, options)
    summaries = []
    for name in chosen:
        organ_file = organs.get(name)
        level = (
            organ_file.level if organ_file else next(i.decision.organ_level for i in items if i.decision.organ == name)
        )
        boundaries, regime_of = counting.engine_regime(engine, organ_file, level)
        summaries.append(
            counting.summarize(
                items,
                organ=name,
                year=year,
                organ_file=organ_file,
                catalog=catalogs.get((name, year)),
                calendar=options.calendar,
                boundaries=boundaries,
                regime_of=regime_of,
            )
        )
    sources = _sources(loaded, {i.file for s in summaries for i in s.items}, organs, catalogs, chosen, year)
    unreadable = [f.file for f in loaded if f.record is None and f.kind not in ("organ", "catalog", "机关", "目录")]
    for file in unreadable:
        typer.echo(
            f"警告：{file} 无法读取，未计入报告（先运行 decision-check validate {file}）/ "
            f"warning: {file} cannot be read and is not counted (run decision-check validate {file})",
            err=True,
        )
    context, traced = build_report_context(summaries, rule_infos(book), sources, __version__, options.as_of, unreadable)
    data = render_document("report", fmt, context, templates_dir=templates)
    if trace is not None:
        atomic_write(trace, json.dumps(traced, ensure_ascii=False, indent=2) + "\n")
        typer.echo(f"{trace}", err=True)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)
        typer.echo(f"{output}", err=True)
    for summary in summaries:
        if summary.organ_file is None:
            typer.echo(
                f"提示：{summary.organ} 没有机关文件，议事规则、合法性审查机构和法律顾问未写入 / "
                f"note: {summary.organ} has no organ file; its rules of procedure, legality reviewers and "
                "legal adviser are not written",
                err=True,
            )
    return 0


def _records_of_year(files: list[Path], result: Result, base: Path, year: int) -> list[LoadedFile]:
    """The files a report of ``year`` reads again for their records: the decisions of that year (the run's
    outcomes say which), and every file that is not a decision (organ files, catalogues, unreadable ones).
    Kept without their source maps: the report needs records and hashes, not lines."""
    years = {o.file: o.year for o in result.decisions}
    out = []
    for path in files:
        shown = validation.display_path(path, base)
        if shown in years and years[shown] != year:
            continue
        item = load_file(path, shown)
        out.append(LoadedFile(item.file, item.path, item.kind, item.record, sha256=item.sha256))
    return out


def _sources(
    loaded: list[LoadedFile],
    decision_files: set[str],
    organs: dict[str, Organ],
    catalogs: dict[tuple[str, int], Catalog],
    chosen: list[str],
    year: int,
) -> list[Source]:
    """The files the report rests on: the year's decision files, the organ files and catalogues used."""
    used_organs = {id(organs[n]) for n in chosen if n in organs}
    used_catalogs = {id(catalogs[(n, year)]) for n in chosen if (n, year) in catalogs}
    keep = [
        f for f in loaded if f.file in decision_files or id(f.record) in used_organs or id(f.record) in used_catalogs
    ]
    return [Source(f.file, f.sha256) for f in sorted(keep, key=lambda f: f.file)]
