"""``decision-check config show`` and ``decision-check schema``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.session import Session

config_app = typer.Typer(help="配置 / configuration", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
@guarded
def show() -> None:
    """显示生效的配置及每项的来源。例：decision-check config show"""
    session = Session.open()
    where = str(session.config.file) if session.config.file else "（未找到配置文件，使用默认值）/ none found"
    typer.echo(f"配置文件 / file: {where}")
    rows = session.config.rows()
    width = max(len(k) for k, _, _ in rows)
    for key, value, origin in rows:
        typer.echo(f"  {key:<{width}}  {value}    ← {origin}")


@app.command()
@guarded
def schema(
    kind: Annotated[
        str, typer.Option("--kind", metavar="decision|catalog|organ", help="记录种类 / record kind")
    ] = "decision",
) -> None:
    """输出记录格式的 JSON Schema（供编辑器补全）。例：decision-check schema > decision.schema.json"""
    from decision_check.models.records import Catalog, Decision, Organ

    models: dict[str, type[Decision] | type[Catalog] | type[Organ]] = {
        "decision": Decision,
        "catalog": Catalog,
        "organ": Organ,
    }
    if kind not in models:
        from decision_check.errors import UsageError

        raise UsageError("--kind 只能是 decision、catalog 或 organ", "--kind must be decision, catalog or organ")
    from decision_check.models.validator_cache import json_schema

    document = json_schema(models[kind])
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"decision-check {kind} record, format version 1"
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
