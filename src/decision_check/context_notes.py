"""Say what a run could not check: a decision judged without its organ file or its year's catalogue.

A record checked outside any project (no ``decisions/`` folder with organ files and catalogues) is
still checked; this module words the one info line that names the cross-file rules that could not
run, or ran on built-in defaults, and why. Pure: used by the engine for every decision.
"""

from __future__ import annotations

from decision_check.checks.base import Context
from decision_check.i18n import Text

CONTEXT = "CONTEXT"

# Rules that read the organ file (bodies, quorum, designated reviewers, archive rules), as worded below.
ORGAN_RULES = ("MEET-01", "MEET-03", "LEGAL-01", "ARC-01", "ARC-02")


def missing_context(ctx: Context, excluded: bool) -> tuple[Text, Text] | None:
    """The message and hint of the info line, or ``None`` when organ file and catalogue were found."""
    if excluded:
        return None
    decision = ctx.decision
    year = decision.catalog.year if decision.catalog else ctx.governing_date.year
    no_organ = decision.organ not in ctx.corpus.organs
    no_catalog = (decision.organ, year) not in ctx.corpus.catalogs
    if not (no_organ or no_catalog):
        return None
    zh: list[str] = []
    en: list[str] = []
    if no_catalog:
        zh.append(f"没有找到{decision.organ} {year} 年度的决策事项目录，CAT-01（列入目录）未检查")
        en.append(f"no {year} catalogue of {decision.organ} was found, so CAT-01 (listed in the catalogue) did not run")
    if no_organ:
        zh.append(
            f"没有找到{decision.organ}的机关文件，MEET-01、MEET-03、ARC-01 按内置默认值检查（议事机构、到会人数、"
            "归档期限），LEGAL-01、ARC-02 不核对指定的审查机构和全宗号"
        )
        en.append(
            f"no organ file of {decision.organ} was found, so MEET-01, MEET-03 and ARC-01 used built-in defaults and "
            "LEGAL-01, ARC-02 did not compare the designated reviewers and the fonds number"
        )
    return (
        Text("；".join(zh), "; ".join(en)),
        Text(
            "在项目的 decisions/ 文件夹中检查，或放入机关文件（kind: organ）和年度目录（kind: catalog）",
            "check inside the project's decisions/ folder, or add the organ file and the year's catalogue",
        ),
    )
