"""Options several commands share, declared once so that their help reads the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DATE = "DATE (YYYY-MM-DD 或 2020年5月1日)"

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar=DATE, help="检查日期（默认今天）/ judge as of this date (default today)"),
]
Rules = Annotated[list[Path] | None, typer.Option("--rules", metavar="DIR", help="另加规则目录 / extra rule folder")]
Jurisdiction = Annotated[
    str | None, typer.Option("--jurisdiction", metavar="NAME", help="管辖（如 chongqing、longhe）/ jurisdiction")
]
Templates = Annotated[
    Path | None, typer.Option("--templates", metavar="DIR", help="模板目录（同名模板优先）/ template folder")
]
Force = Annotated[bool, typer.Option("--force", help="覆盖已有文件 / replace an existing file")]
DocumentFormat = Annotated[str, typer.Option("--format", "-f", metavar="md|html|docx", help="输出格式 / format")]

__all__ = ["DATE", "AsOf", "DocumentFormat", "Force", "Jurisdiction", "Rules", "Templates"]
