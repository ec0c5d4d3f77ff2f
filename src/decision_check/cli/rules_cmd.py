"""``decision-check rules list | show ID | check DIR | coverage`` — the law as the tool encodes it.

The core is imported inside each command, so that ``decision-check --help`` does not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session
from decision_check.errors import UsageError
from decision_check.i18n import Text

rules_app = typer.Typer(help="规则 / rules", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
@guarded
def list_rules(
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", metavar="DIR", help="另加规则目录 / extra rule folder")
    ] = None,
) -> None:
    """列出全部规则（编号、标题、严重程度、规则集、依据）。例：decision-check rules list"""
    from decision_check.reporters.common import DIAGNOSTICS

    session = Session.open()
    book = session.rulebook(rules)
    lang = session.lang
    for rule_id, definitions in book.all_rules().items():
        first = definitions[0]
        sets = ",".join(d.rule_set for d in definitions)
        citation = "、".join(dict.fromkeys(c.text for d in definitions for c in d.citations))
        typer.echo(f"{rule_id:<9} {first.severity.label(lang):<4} [{sets}] {first.title.get(lang)}  — {citation}")
    for code, diagnostic in DIAGNOSTICS.items():
        typer.echo(f"{code:<9} {diagnostic.severity.label(lang):<4} [diagnostic] {diagnostic.title.get(lang)}")


@rules_app.command("show")
@guarded
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="规则编号，如 PP-03 / rule id")],
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", metavar="DIR", help="另加规则目录 / extra rule folder")
    ] = None,
) -> None:
    """显示一条规则：标题、依据、检查内容、参数、通过与不通过的示例。例：decision-check rules show PP-03"""
    from decision_check.checks.meetings import SHARE_SPELLINGS, share_reading
    from decision_check.reporters.common import DIAGNOSTICS

    session = Session.open()
    book = session.rulebook(rules)
    lang = session.lang
    definitions = book.all_rules().get(rule_id.upper())
    if not definitions:
        if rule_id.upper() in DIAGNOSTICS:
            diagnostic = DIAGNOSTICS[rule_id.upper()]
            typer.echo(f"{rule_id.upper()}  {diagnostic.title.get(lang)}\n{diagnostic.description.get(lang)}")
            return
        raise UsageError(f"没有规则 {rule_id}；用 decision-check rules list 查看", f"no rule {rule_id}")
    from decision_check import ruledocs

    first = definitions[0]
    zh = lang == "zh"
    root = session.config.base
    typer.echo(f"{first.id}  {first.title.get(lang)}")
    typer.echo(
        f"{'严重程度' if zh else 'severity'}: {first.severity.label(lang)}"
        f"{'' if first.waivable else ('（不可豁免）' if zh else ' (not waivable)')}"
    )
    typer.echo(f"{'程序步骤' if zh else 'step'}: {first.step}")
    if first.description:
        typer.echo(f"{'要求' if zh else 'requires'}: {first.description.get(lang)}")
    for definition in definitions:
        rule_set = book.sets[definition.rule_set]
        period = f"{rule_set.in_force_from} – {rule_set.in_force_to or ''}"
        typer.echo(f"\n[{rule_set.id}] {rule_set.title} {rule_set.source}（{'施行' if zh else 'in force'} {period}）")
        for citation in definition.citations:
            typer.echo(f"  {'依据' if zh else 'basis'}: {ruledocs.citation_text(citation)}")
            if citation.note and citation not in definition.cites_on_findings:  # a possible source (MEET-03)
                typer.echo(f"    {'（视所适用者而定）' if zh else '(where it applies) '}{citation.note}")
        when = ruledocs.when_in_words(definition.when) if zh else (", ".join(definition.when) or "always")
        typer.echo(f"  {'何时适用' if zh else 'when'}: {when}")
        typer.echo(f"  {'检查' if zh else 'check'}: {definition.check.doc.get(lang)}")
        for option in ruledocs.options_in_words(definition, rule_set):
            typer.echo(f"    {option}")
        reading = share_reading(definition.validated)
        if reading is not None:
            typer.echo(f"  {'比例' if zh else 'share'}: {reading.get(lang)}")
        typer.echo(f"  {'规则文件' if zh else 'file'}: {ruledocs.relative(definition.file, root)}:{definition.line}")
    if any(share_reading(d.validated) is not None for d in definitions):
        typer.echo(f"{'比例写法' if zh else 'shares'}: {SHARE_SPELLINGS.get(lang)}")
    cases_folder = ruledocs.find_cases(Path.cwd())
    cases = ruledocs.load_cases(cases_folder).get(first.id, []) if cases_folder else []
    if cases:
        where = f"{ruledocs.relative(cases_folder or '', root)}/{first.id}.yaml"
        typer.echo(f"\n{'示例记录' if zh else 'example records'}（{where}）:")
        for case in cases:
            verdict = ("通过" if zh else "pass") if case.passes else ("不通过" if zh else "fail")
            typer.echo(f"  [{verdict}] {case.name}")
    typer.echo(f"\n{'完整说明与示例' if zh else 'full page'}: docs/rules/{first.id}.md")


@rules_app.command("check")
@guarded
def check_rules(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="规则目录 / rule folder")],
) -> None:
    """校验规则集文件（未知检查、错误选项、重复编号、放宽上级参数……）。例：decision-check rules check rules/"""
    from decision_check.rulesets import load_rulebook

    session = Session.open()
    if not folder.exists():
        raise UsageError(f"目录不存在：{folder}", f"no such folder: {folder}")
    book = load_rulebook([folder])
    count = sum(len(s.rules) for s in book.sets.values())
    message = Text(
        f"规则集有效：{len(book.sets)} 个规则集、{count} 条规则",
        f"rule sets valid: {len(book.sets)} sets, {count} rules",
    )
    typer.echo(message.get(session.lang))


@rules_app.command("coverage")
@guarded
def coverage(
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", metavar="DIR", help="另加规则目录 / extra rule folder")
    ] = None,
) -> None:
    """按法规条款列出执行它的规则，以及尚未编码的可检查条款。例：decision-check rules coverage"""
    from decision_check.engine import REG_00, REG_00_CITATIONS

    session = Session.open()
    book = session.rulebook(rules)
    zh = session.lang == "zh"
    for rule_set in book.sets.values():
        if not rule_set.articles:
            continue
        typer.echo(f"{rule_set.title} {rule_set.source}")
        cited = [(r.id, c) for r in rule_set.rules.values() for c in r.citations]
        cited += [(REG_00, c) for c in REG_00_CITATIONS]  # the engine's own regime diagnostic
        missing = []
        for article in rule_set.articles:
            enforcing = sorted(
                {
                    rule_id
                    for rule_id, c in cited
                    if c.instrument == rule_set.instrument and c.article and c.article.startswith(article.number)
                }
            )
            if enforcing:
                typer.echo(f"  {article.number} {article.title}: {', '.join(enforcing)}")
            elif article.checkable:
                missing.append(article)
            else:
                why = (
                    f"：{article.reason}"
                    if zh and article.reason
                    else (f": {article.reason}" if article.reason else "")
                )
                label = f"（不可检查{why}）" if zh else f"(not checkable{why})"
                typer.echo(f"  {article.number} {article.title}: {label}")
        for article in missing:
            typer.echo(f"  {article.number} {article.title}: {'未编码' if zh else 'NOT ENCODED'}")
