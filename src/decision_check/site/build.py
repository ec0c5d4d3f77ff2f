"""Render the site into a folder: sandboxed Jinja2 (StrictUndefined, autoescaped), written whole.

The pages are assembled in a temporary folder beside the output and moved into place when complete;
an existing folder is replaced only with ``force``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from decision_check import summary
from decision_check.calendar import WorkingCalendar
from decision_check.errors import DecisionCheckError, UsageError
from decision_check.findings import Result
from decision_check.models.records import Catalog, Decision
from decision_check.rulesets import RuleBook
from decision_check.site import svg
from decision_check.site.data import DecisionPage, decision_page, overview, rule_pages
from decision_check.summary import Item


class SiteTemplateError(DecisionCheckError):
    """A site template failed: named with its line."""


@dataclass(frozen=True)
class SiteSummary:
    output: Path
    decisions: int
    pages: int


def _environment() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folder = resources.files("decision_check.site") / "templates"
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _render(env: Any, name: str, **context: Any) -> str:
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        return str(env.get_template(name).render(**context))
    except TemplateSyntaxError as exc:
        raise SiteTemplateError(
            f"模板 {exc.name}:{exc.lineno} 有误：{exc.message}", f"template {exc.name}:{exc.lineno}: {exc.message}"
        ) from None
    except TemplateError as exc:
        raise SiteTemplateError(f"模板 {name} 出错：{exc}", f"template {name} failed: {exc}") from None


def select(
    result: Result, records: Mapping[str, Decision], *, year: int | None, organ: str | None
) -> tuple[Result, list[Item]]:
    """The part of ``result`` the site shows: decisions of ``year`` and ``organ``, and their items.

    A decision belongs to a year as :func:`decision_check.summary.year_of` says (the deciding meeting's
    year; one in progress by its catalogue or launch year), as in the annual report.
    """
    keep = [
        i
        for i in summary.items(result, records)
        if (year is None or summary.year_of(i) == year) and (organ is None or organ in i.outcome.organ)
    ]
    files = {i.file for i in keep}
    chosen = Result(
        files=len(files),
        decisions=[i.outcome for i in keep],
        findings=[f for f in result.findings if f.file in files],
        as_of=result.as_of,
    )
    return chosen, keep


def build_site(
    result: Result,
    records: Mapping[str, Decision],
    catalogs: Mapping[str, Catalog],
    items: Sequence[Item],
    book: RuleBook,
    output: Path,
    *,
    public: bool,
    force: bool,
    version: str,
    calendar: WorkingCalendar,
) -> SiteSummary:
    """Write the site of ``result`` (already selected) into ``output``."""
    if not result.decisions:
        raise UsageError("所选范围内没有决策，未生成网站", "no decision in the selection; no site written")
    if output.exists() and not force:
        raise UsageError(f"已存在：{output}（加 --force 覆盖）", f"exists: {output} (add --force to replace it)")
    env = _environment()
    pages: list[DecisionPage] = [
        decision_page(o, records.get(o.file), result.for_file(o.file), public=public, calendar=calendar)
        for o in result.decisions
    ]
    pages.sort(key=lambda p: p.id)
    rules = rule_pages(book, pages)
    counts = overview(result, pages, catalogs, items)
    common = {
        "rule_ids": {r.id for r in rules},
        "public": public,
        "version": version,
        "as_of": result.as_of.isoformat() if result.as_of else "",
    }
    charts = {
        "status": svg.bar_chart("决策状态", counts.by_status),
        "year": svg.bar_chart("决策年度", counts.by_year),
        "severity": svg.bar_chart("问题级别", counts.by_severity),
        "rule": svg.bar_chart("问题规则（涉及决策数）", counts.by_rule[:15]),
        "catalogue": svg.bar_chart("目录覆盖", counts.catalogue),
        "steps": svg.bar_chart("五个法定程序：已完成", [(label, done) for label, _, done, _ in counts.steps]),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=output.parent))
    try:
        site = staging / "site"
        (site / "decisions").mkdir(parents=True)
        (site / "rules").mkdir()
        (site / "static").mkdir()
        static = resources.files("decision_check.site") / "static"
        for name in ("site.css", "site.js"):
            (site / "static" / name).write_text((static / name).read_text(encoding="utf-8"), encoding="utf-8")
        filters = {
            "statuses": sorted({p.status for p in pages}),
            "years": sorted({p.year for p in pages if p.year}),
            "steps": sorted({s for p in pages for s in p.missing_steps}),
            "rules": sorted({r for p in pages for r in p.rules}),
        }
        (site / "index.html").write_text(
            _render(
                env,
                "index.html.j2",
                root=".",
                overview=counts,
                charts=charts,
                decisions=pages,
                filters=filters,
                **common,
            ),
            encoding="utf-8",
        )
        for page in pages:
            timeline = svg.timeline(f"{page.id} 程序时间线", page.events)
            (site / "decisions" / f"{page.slug}.html").write_text(
                _render(env, "decision.html.j2", root="..", d=page, timeline=timeline, **common), encoding="utf-8"
            )
        for rule in rules:
            (site / "rules" / f"{rule.slug}.html").write_text(
                _render(env, "rule.html.j2", root="..", rule=rule, **common), encoding="utf-8"
            )
        if output.exists():
            shutil.rmtree(output) if output.is_dir() else output.unlink()
        site.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteSummary(output, len(pages), 1 + len(pages) + len(rules))
