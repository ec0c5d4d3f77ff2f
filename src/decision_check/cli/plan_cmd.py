"""``decision-check plan ID|FILE`` — what is left to do for a decision in progress, and by when."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded, parse_day
from decision_check.cli.options import AsOf, Jurisdiction, Rules
from decision_check.cli.session import Session
from decision_check.errors import UsageError


@app.command(epilog="例 / example:\n\n\b\n  decision-check plan LH-2020-019 --as-of 2020-09-20 --format json")
@guarded
def plan(
    target: Annotated[str, typer.Argument(help="决策编号或决策文件 / decision id or file")],
    as_of: AsOf = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
    rules: Rules = None,
    jurisdiction: Jurisdiction = None,
) -> None:
    """进行中决策的待办步骤、最早合法日期及理由，以及仍缺的记录和证据。

    Every step still due for a decision in progress, in order, with its earliest lawful date
    (counted on the official holiday calendar with 调休) and why, then the evidence still missing.
    Exit codes: 0 plan shown; 2 usage error, or the decision is already decided (use validate).
    """
    from decision_check import validate as validation
    from decision_check.authoring.plan import build_plan
    from decision_check.rulesets import merged_params

    session = Session.open()
    if format not in ("text", "json"):
        raise UsageError("--format 只能是 text 或 json", "--format must be text or json")
    from decision_check.cli.locate import locate_record
    from decision_check.loader import load_file
    from decision_check.models.records import Decision

    path = locate_record(target, session.default_paths())
    book = session.rulebook(rules)
    options = session.engine_options(book, parse_day(as_of, "--as-of"), jurisdiction)
    loaded = load_file(path)
    decision = loaded.record
    if not isinstance(decision, Decision):
        raise UsageError(
            f"{path} 不是可读取的决策文件；先运行 decision-check validate {path}",
            f"{path} is not a readable decision file; run decision-check validate {path}",
        )
    if decision.effective_status.value != "in_progress":
        status = decision.effective_status
        raise UsageError(
            f"{decision.id} 的状态为“{status.zh}”，没有待办步骤；检查其程序请用 decision-check validate {path}",
            f"{decision.id} is {status.en}, nothing is left to plan; check its procedure with "
            f"decision-check validate {path}",
        )
    result = validation.run(
        [path], book, options, base=Path.cwd(), root=session.config.base, context=session.default_paths()
    )
    outcome = result.decisions[0]
    params = merged_params(book.sets[use.id] for use in outcome.rule_sets)
    findings = [f for f in result.findings if f.file == outcome.file]
    made = build_plan(decision, outcome, findings, params, options.calendar, options.as_of)
    if format == "json":
        typer.echo(json.dumps(made.as_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(made.text(session.lang), nl=False)
