"""Reporters: pure ``render(result, meta) -> str`` functions behind one name-keyed table.

stdout carries only the report, so ``--format json | jq`` always works. Modules are imported when
their format is asked for (rich is not imported for JSON output).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from decision_check.findings import Result, ResultView
from decision_check.i18n import Lang

FORMATS: dict[str, str] = {
    "rich": "decision_check.reporters.terminal",
    "json": "decision_check.reporters.json_report",
    "sarif": "decision_check.reporters.sarif",
    "junit": "decision_check.reporters.junit",
    "markdown": "decision_check.reporters.markdown",
    "github": "decision_check.reporters.github",
}
# Formats whose ``render_chunks`` reads only a ResultView, in report order: written as the run's
# spooled findings are read back, never held whole.
STREAMING = frozenset({"json", "github", "sarif"})


@dataclass(frozen=True)
class RuleInfo:
    """What reporters need to know of a rule (SARIF lists every rule)."""

    id: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    citation: str
    severity: str


@dataclass(frozen=True)
class ReportMeta:
    """Context of a report: language, tool version, rule metadata, colour and width for terminals."""

    lang: Lang = "zh"
    version: str = ""
    rules: tuple[RuleInfo, ...] = ()
    rule_set_versions: tuple[str, ...] = ()
    color: bool = False
    width: int = 120
    show_info: bool = True  # the rich report lists info findings (else only counts them)
    extra: dict[str, str] = field(default_factory=dict)


Renderer = Callable[[Result, ReportMeta], str]
ChunkRenderer = Callable[[Result, ReportMeta], Iterable[str]]
StreamRenderer = Callable[[ResultView, ReportMeta], Iterable[str]]


def renderer(name: str) -> Renderer:
    """The render function of format ``name`` (``KeyError`` for an unknown one)."""
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render


def chunk_renderer(name: str) -> ChunkRenderer:
    """A renderer yielding the report in pieces (``render_chunks`` where the format has one), so that
    large reports are written as they are produced. Those of :data:`STREAMING` also take a
    :class:`~decision_check.findings.ResultView` (see :func:`stream_renderer`)."""
    module = importlib.import_module(FORMATS[name])
    chunks: ChunkRenderer | None = getattr(module, "render_chunks", None)
    if chunks is not None:
        return chunks
    render: Renderer = module.render
    return lambda result, meta: (render(result, meta),)


def stream_renderer(name: str) -> StreamRenderer:
    """The ``render_chunks`` of a :data:`STREAMING` format, which reads any ResultView."""
    if name not in STREAMING:
        raise KeyError(name)
    chunks: StreamRenderer = importlib.import_module(FORMATS[name]).render_chunks
    return chunks
