"""The work of ``decision-check validate``, without typer: options in, report out, exit code back.

The typer command (:mod:`decision_check.cli.validate_cmd`) and the start-up fast path
(:mod:`decision_check.cli.entry`) both call :func:`execute`. A report that can be written as it is
read (JSON, GitHub annotations) is streamed from a spooled run, so memory stays flat for any number
of records; the rich report, Markdown, JUnit, SARIF and a run that touches the audit store get the
whole result in memory.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from decision_check import __version__
from decision_check.cli.session import Session
from decision_check.cli.state import parse_day, use_color
from decision_check.crash import EXIT_INTERNAL, REPORT
from decision_check.errors import UsageError
from decision_check.findings import Result, ResultView, Severity
from decision_check.fsutil import atomic_write_chunks, check_output
from decision_check.reporters import FORMATS, STREAMING, ReportMeta, RuleInfo, chunk_renderer, stream_renderer

if TYPE_CHECKING:  # `--help` does not load the rule book's modules
    from decision_check.rulesets import RuleBook


@dataclass(frozen=True)
class ValidateOptions:
    """The options of ``validate`` as parsed (see the command's help)."""

    paths: list[Path] | None = None
    format: str = "rich"
    output: Path | None = None
    fail_on: str | None = None
    as_of: str | None = None
    rules: list[Path] | None = None
    jurisdiction: str | None = None
    show_info: bool = False
    jobs: int | None = None
    record: bool = False


def rule_infos(book: RuleBook) -> tuple[RuleInfo, ...]:
    """Metadata of every rule, for reporters that list them (SARIF)."""
    infos = []
    for rule_id, definitions in book.all_rules().items():
        first = definitions[0]
        citations = "、".join(dict.fromkeys(c.text for d in definitions for c in d.citations))
        infos.append(
            RuleInfo(
                rule_id,
                first.title.zh,
                first.title.en,
                first.description.zh,
                first.description.en,
                citations,
                first.severity.value,
            )
        )
    return tuple(infos)


def store_in_use(session: Session, *, record: bool, db: str | None) -> bool:
    """Whether the run is recorded or an audit store exists whose dispositions are shown."""
    url = db or os.environ.get("DECISION_CHECK_DB") or session.config.database_url
    return record or not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).exists()


def execute(opts: ValidateOptions) -> int:
    """Run ``validate``: write the report, print notes on stderr, return the exit code (0, 1 or 3).

    Usage, configuration and rule-set errors raise :class:`~decision_check.errors.DecisionCheckError`."""
    from decision_check import validate as validation

    if opts.output is not None:
        check_output(opts.output)  # a folder or a missing parent is exit 2 before any work, not a traceback after it
    validation.check_jobs(opts.jobs)
    session = Session.open()
    if opts.format not in FORMATS:
        raise UsageError(
            f"未知的输出格式 {opts.format}；可用：{'、'.join(FORMATS)}",
            f"unknown format {opts.format}; use one of {', '.join(FORMATS)}",
        )
    threshold_name = opts.fail_on or session.config.settings.fail_on
    if threshold_name not in ("error", "warning"):
        raise UsageError("--fail-on 只能是 error 或 warning", "--fail-on must be error or warning")
    book = session.rulebook(opts.rules)
    options = session.engine_options(book, parse_day(opts.as_of, "--as-of"), opts.jurisdiction)
    paths = opts.paths or session.default_paths()
    base, root, context = Path.cwd(), session.config.base, session.default_paths()
    in_store = store_in_use(session, record=opts.record, db=None)
    if opts.format in STREAMING and not in_store:
        with validation.spooled_run(
            paths, book, options, base=base, root=root, jobs=opts.jobs, context=context
        ) as view:
            _write(view, session, book, opts)
            crashed = view.crashed_files()
            code = view.exit_code(Severity(threshold_name))
        notes: list[str] = []
    else:
        result = validation.run(paths, book, options, base=base, root=root, jobs=opts.jobs, context=context)
        notes = []
        if in_store:  # history_cmd brings typer and the store's command module: only when a store is used
            from decision_check.cli.history_cmd import after_validate

            notes = after_validate(session, result, book, record=opts.record, db=None)
        _write(result, session, book, opts)
        crashed = result.crashed_files()
        code = result.exit_code(Severity(threshold_name))
    for note in notes:
        _err(note)
    if crashed:  # reported with the other files' findings above; the run itself is not "findings" (exit 1)
        _err(f"decision-check: 内部错误 / internal error: {'、'.join(crashed)}；{REPORT.get(session.lang)}")
        return EXIT_INTERNAL
    return code


def _write(view: ResultView | Result, session: Session, book: RuleBook, opts: ValidateOptions) -> None:
    meta = ReportMeta(
        lang=session.lang,
        version=__version__,
        rules=rule_infos(book) if opts.format in ("sarif", "junit") else (),
        rule_set_versions=tuple(s.version for s in book.sets.values()),
        color=use_color(opts.output) and opts.format == "rich",
        show_info=opts.show_info,
        width=shutil.get_terminal_size((120, 24)).columns if opts.output is None and sys.stdout.isatty() else 120,
    )
    if isinstance(view, Result):
        chunks = chunk_renderer(opts.format)(view, meta)
    else:
        chunks = stream_renderer(opts.format)(view, meta)
    if opts.output is not None:
        atomic_write_chunks(opts.output, chunks)
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
