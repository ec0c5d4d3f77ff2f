"""Unexpected exceptions ("crashes"): never a traceback for the user, never exit code 1.

A crash while judging one file becomes an ``INTERNAL`` finding for that file (:func:`internal_finding`)
and the run goes on with the other files. A crash anywhere else is tagged with the file being
processed (:func:`processing`) and reported by the CLI as one line (:func:`summary`), exit code
:data:`EXIT_INTERNAL`. Neither shows the exception's message or local variables — records hold
people's names — only the exception's type and where in decision-check it was raised. Under ``-v``
(:func:`set_verbose`) the traceback is written to stderr as well: frames and source lines, still
without the message or any local variable.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from decision_check.findings import Finding, Severity, Span
from decision_check.i18n import Text

INTERNAL = "INTERNAL"
EXIT_INTERNAL = 3
_VERBOSE = [False]  # set by the CLI's -v; inherited by forked worker processes
_FILE_ATTRIBUTE = "decision_check_file"
REPORT = Text(
    "请把命令、decision-check --version 和加 -v 重跑的输出报告给维护者（去掉其中的人名）",
    "please report the command, `decision-check --version` and the output of a rerun with -v to the maintainers "
    "(remove any names from it)",
)


def where(exc: BaseException) -> str:
    """``ExceptionType at module.py:line`` — the innermost frame inside decision-check, no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "decision_check" in Path(f.filename).parts] or frames
    place = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(exc).__name__}{place}"


def set_verbose(verbose: bool) -> None:
    """Whether :func:`log_traceback` writes tracebacks to stderr (the CLI's ``-v``)."""
    _VERBOSE[0] = verbose


def log_traceback(exc: BaseException, file: str | None) -> None:
    """Under ``-v``: the traceback on stderr — frames and source lines, no message, no local variables."""
    if not _VERBOSE[0]:
        return
    frames = "".join(traceback.format_tb(exc.__traceback__))
    place = f" in {file}" if file else ""
    sys.stderr.write(
        f"internal error{place}:\nTraceback (most recent call last):\n{frames}"
        f"{type(exc).__module__}.{type(exc).__qualname__} (message not shown: it may quote a record)\n"
    )


def internal_finding(file: str, exc: BaseException) -> Finding:
    """The finding that stands for a crash while judging ``file`` (line 1: the record as a whole)."""
    log_traceback(exc, file)
    kind = where(exc)
    return Finding(
        rule=INTERNAL,
        severity=Severity.ERROR,
        file=file,
        span=Span(1, 1, 1, 1),
        path="",
        message=Text(
            f"内部错误：检查此文件时程序出错（{kind}），本文件未检查完",
            f"internal error while checking this file ({kind})",
        ),
        hint=REPORT,
    )


@contextmanager
def processing(file: Path | str) -> Iterator[None]:
    """Tag an unexpected exception raised inside the block with the file being processed (innermost wins)."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, _FILE_ATTRIBUTE, None) is None:
            with suppress(AttributeError):  # exceptions with __slots__
                setattr(exc, _FILE_ATTRIBUTE, str(file))
        raise


def file_of(exc: BaseException) -> str | None:
    """The file that was being processed when ``exc`` was raised, if known."""
    value = getattr(exc, _FILE_ATTRIBUTE, None)
    return value if isinstance(value, str) else None


def summary(exc: BaseException, lang: str) -> str:
    """The one line the CLI prints for a crash."""
    file = file_of(exc)
    kind = where(exc)
    if lang == "en":
        place = f" while processing {file}" if file else ""
        return f"内部错误 / internal error{place}: {kind}; {REPORT.en}"
    place = f"（处理 {file} 时）" if file else ""
    return f"内部错误 / internal error{place}：{kind}；{REPORT.zh}"
