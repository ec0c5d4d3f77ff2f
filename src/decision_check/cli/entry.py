"""The console-script entry point: ``decision-check validate PATH…`` without building the typer app.

Building the typer application and parsing options through it costs more than checking one record
(typer imports pydantic adapters for every option). A command line that is plainly ``validate``
with its own options — long or short, ``--name=value`` too — is parsed here and handed to
:func:`decision_check.cli.validate_run.execute`, with the same error lines and exit codes as the
typer command. Anything else — global options, ``--help``, an unknown or malformed option, a
value that looks like an option, completion — goes to the typer application unchanged, so every
message about a bad command line is typer's own.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

_VALUED = {
    "--format": "format",
    "-f": "format",
    "--output": "output",
    "-o": "output",
    "--fail-on": "fail_on",
    "--as-of": "as_of",
    "--rules": "rules",
    "--jurisdiction": "jurisdiction",
    "--jobs": "jobs",
    "-j": "jobs",
}
_FLAGS = {"--show-info": "show_info", "-v": "show_info", "--record": "record"}
_COUNT = re.compile(r"[0-9]+")


def parse_validate(argv: Sequence[str]) -> dict[str, object] | None:
    """The options of a plain ``validate`` command line, or None when typer should parse it."""
    if not argv or argv[0] != "validate":
        return None
    found: dict[str, object] = {}
    paths: list[Path] = []
    rules: list[Path] = []
    rest = list(argv[1:])
    while rest:
        token = rest.pop(0)
        if not token.startswith("-"):
            paths.append(Path(token))
            continue
        name, equals, value = token.partition("=")
        if name in _FLAGS and not equals:
            key = _FLAGS[name]
            if key in found:
                return None
            found[key] = True
            continue
        if name not in _VALUED or (equals and not name.startswith("--")):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        key = _VALUED[name]
        if key == "rules":
            rules.append(Path(value))
            continue
        if key in found or (key == "jobs" and not _COUNT.fullmatch(value)):
            return None
        found[key] = int(value) if key == "jobs" else Path(value) if key == "output" else value
    if any(not str(p) or str(p) == "-" for p in paths):
        return None
    found["paths"] = paths or None
    found["rules"] = rules or None
    return found


def _plain_environment() -> bool:
    # -v of the global options comes from this variable too; completion is typer's.
    return "DECISION_CHECK_VERBOSE" not in os.environ and not any(k.endswith("_COMPLETE") for k in os.environ)


def main() -> None:
    """Entry point for callers in the same process: ends with ``SystemExit`` as a CLI does."""
    _run(sys.exit)


def console() -> None:
    """The console script (``decision-check``) and ``python -m decision_check``: :func:`main`, except
    that a ``validate`` run on the fast path ends with ``os._exit`` once its output is flushed.
    Tearing down the interpreter (the rule book, the models, every module) took ~40 ms of a
    one-record run, and by then nothing is left to clean: the report and the audit store are
    written and closed, the spool removed, worker processes joined."""
    _run(_leave)


def _run(leave: Callable[[int], NoReturn]) -> None:
    """A plain ``validate`` command line on the fast path, ended by ``leave``; anything else typer's."""
    # pydantic looks for plugins through importlib.metadata (~90 ms of start-up, and a scan of every
    # installed distribution) the first time it builds a schema; the CLI uses none. An explicit
    # setting of the variable is respected.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parsed = parse_validate(sys.argv[1:]) if _plain_environment() else None
    if parsed is None:
        from decision_check.cli.app import main as full

        full()
        return
    leave(_validate(parsed))


def _leave(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(code)


def _validate(parsed: dict[str, object]) -> int:
    """What the typer command and its ``guarded`` wrapper do, as an exit code."""
    # The imports make ~100,000 objects that live for the whole run; the cyclic collector would walk
    # them again and again while they are made (~20 ms of a one-record run). Collected afterwards,
    # they are frozen: never walked again, which also spares every later collection of a long run.
    gc.disable()
    try:
        from decision_check import validate  # noqa: F401  (the core, imported here for the reason above)
        from decision_check.cli.state import STATE
        from decision_check.cli.validate_run import ValidateOptions, execute
        from decision_check.crash import EXIT_INTERNAL, log_traceback, summary
        from decision_check.errors import DecisionCheckError
    finally:
        gc.freeze()
        gc.enable()

    try:
        return execute(ValidateOptions(**parsed))  # type: ignore[arg-type]
    except DecisionCheckError as exc:
        _err(f"decision-check: {exc.message(STATE.lang or 'zh')}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log_traceback(exc, None)
        _err(f"decision-check: {summary(exc, STATE.lang or 'zh')}")
        return EXIT_INTERNAL


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
