"""``decision-check new`` — start a decision record: next id, template, validated straight away."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session
from decision_check.errors import UsageError
from decision_check.models.enums import Category, OrganLevel


def _parse_categories(values: list[str]) -> tuple[Category, ...]:
    parsed = []
    for value in (part.strip() for raw in values for part in raw.replace("，", ",").split(",")):
        if not value:
            continue
        try:
            parsed.append(Category.parse(value))
        except ValueError:
            raise UsageError(
                f"未知的决策类别 {value}；可用：{Category.choices()}",
                f"unknown category {value}; use {Category.choices()}",
            ) from None
    if not parsed:
        raise UsageError("至少需要一个决策类别（--category）", "at least one --category is needed")
    return tuple(dict.fromkeys(parsed))


NEW_EXAMPLE = (
    "例 / example:\n\n\b\n  decision-check new --organ 丰都县龙河镇人民政府 --title 龙河镇场镇停车场建设工程 \\\n"
    "      --category public_construction --sponsor 龙河镇建设环保办公室"
)


@app.command(epilog=NEW_EXAMPLE)
@guarded
def new(
    organ: Annotated[str | None, typer.Option("--organ", help="决策机关 / deciding organ")] = None,
    title: Annotated[str | None, typer.Option("--title", help="决策事项名称 / title")] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="决策类别（可多次）/ category, repeatable")
    ] = None,
    sponsor: Annotated[str | None, typer.Option("--sponsor", help="承办单位 / sponsoring unit")] = None,
    level: Annotated[str | None, typer.Option("--level", help="机关层级（无机关文件时）/ organ level")] = None,
    year: Annotated[int | None, typer.Option("--year", help="决策年度（默认今年）/ year of the id")] = None,
    decision_id: Annotated[str | None, typer.Option("--id", help="指定编号 / use this id")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / file to write")] = None,
) -> None:
    """新建决策文件：自动编号，预填规则要求的步骤，立即检查并列出待办。

    Creates a decision file from flags or, for what is not given, from prompts: the next id in the
    repository's pattern, the steps the rules require pre-filled, a Chinese comment on every key.
    Never overwrites. Exit codes: 0 created (the findings shown are the to-do list); 2 usage error.
    """
    from decision_check import validate as validation
    from decision_check.authoring.new import Draft, existing_ids, next_id, render
    from decision_check.fsutil import atomic_write, check_output
    from decision_check.loader import discover, load_file
    from decision_check.models.records import Catalog, Organ

    session = Session.open()
    folders = session.default_paths()
    organ = organ or typer.prompt("决策机关 / organ")
    title = title or typer.prompt("决策事项名称 / title")
    categories = _parse_categories(category or [typer.prompt(f"决策类别 / category（{Category.choices()}）")])
    sponsor = sponsor or typer.prompt("承办单位 / sponsor")
    organ_file: Organ | None = None
    catalogs: list[Catalog] = []
    for path in discover([f for f in folders if f.exists()]):
        head = path.read_bytes()[:4096]
        if b"kind" not in head:
            continue
        record = load_file(path).record
        if isinstance(record, Organ) and record.name == organ:
            organ_file = record
        elif isinstance(record, Catalog) and record.organ == organ:
            catalogs.append(record)
    level_text = level or (organ_file.level.value if organ_file and organ_file.level else None)
    level_text = level_text or typer.prompt(f"机关层级 / organ level（{OrganLevel.choices()}）")
    try:
        organ_level = OrganLevel.parse(level_text)
    except ValueError:
        raise UsageError(f"未知的机关层级 {level_text}", f"unknown organ level {level_text}") from None
    the_year = year or date.today().year
    taken = existing_ids(folders, organ) + [e.decision_id for c in catalogs for e in c.entries if e.decision_id]
    new_id = decision_id or next_id(taken, the_year, organ_file.code if organ_file else None)
    entry = next(
        ((c.year, e.entry) for c in catalogs if c.year == the_year for e in c.entries if e.title == title), None
    )
    draft = Draft(
        new_id,
        title,
        organ,
        organ_level,
        sponsor,
        categories,
        jurisdiction=organ_file.jurisdiction if organ_file else None,
        year=the_year,
        catalog=entry,
    )
    target = output or (folders[0] / str(the_year) / f"{new_id}.yaml")
    if target.exists():
        raise UsageError(
            f"文件已存在：{target}；new 从不覆盖已有记录，请换用 --id 或 --output",
            f"the file exists: {target}; new never overwrites a record, choose another --id or --output",
        )
    if output is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    check_output(target, force=False)
    book = session.rulebook()
    options = session.engine_options(book, None, None)
    with tempfile.TemporaryDirectory() as scratch:  # the engine judges the bare draft: which steps are required
        probe = Path(scratch) / "draft.yaml"
        probe.write_text(render(draft), encoding="utf-8")
        judged = validation.run([probe], book, options, base=Path(scratch), context=folders)
    if judged.decisions:
        draft = dataclasses.replace(draft, steps=judged.decisions[0].steps)
    atomic_write(target, render(draft))
    zh = session.lang == "zh"
    typer.echo(f"已创建 {target}（{new_id}）" if zh else f"created {target} ({new_id})")
    result = validation.run([target], book, options, base=Path.cwd(), root=session.config.base, context=folders)
    todo = [f for f in result.sorted_findings() if not f.waived]
    typer.echo(f"待办（{len(todo)} 项）：" if zh else f"to do ({len(todo)}):")
    for finding in todo:
        typer.echo(
            f"  {finding.line:>4}  {finding.rule:<9} {finding.severity.label(session.lang)} "
            f"{finding.message.get(session.lang)}"
        )
