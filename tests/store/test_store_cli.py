"""The store's commands end to end, concurrent writers (real processes), and bad databases (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.findings import Result
from decision_check.rulesets import RuleBook
from decision_check.store.engine import open_store
from decision_check.store.history import diff, list_runs, record_run

runner = CliRunner()
ONE = "decisions/2020/LH-2020-004.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_commands_end_to_end(store_url: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECISION_CHECK_DB", store_url)
    code, out, _ = invoke("index")
    assert code == 0 and "新增 23" in out
    code, out, _ = invoke("index", "--db", store_url)
    assert code == 0 and "未变 23" in out
    for _ in range(2):
        code, report, err = invoke("validate", "--record", "--format", "json")
        assert code == 1 and "已记录" in err
    findings = json.loads(report)["findings"]
    code, out, _ = invoke("history")
    assert code == 0 and out.splitlines()[0].startswith("#2") and out.count("\n") == 2
    code, out, _ = invoke("history", "diff")
    assert code == 0 and "新增 / new: 0" in out and f"仍存在 / still open: {len(findings)}" in out
    target = next(f for f in findings if f["rule"] == "MEET-04")
    code, out, _ = invoke("triage", target["fingerprint"][:8], "--status", "误报", "--note", "发言顺序以录音为准")
    assert code == 0 and "误报" in out
    code, out, err = invoke("validate", ONE, "--format", "json")
    assert code == 1 and json.loads(out)["findings"]
    shown = [line for line in err.splitlines() if line.startswith("处置")]
    assert len(shown) == 1 and "MEET-04" in shown[0] and "误报" in shown[0] and "发言顺序以录音为准" in shown[0]
    code, _, err = invoke("triage", target["fingerprint"][:8], "--status", "maybe")
    assert code == 2 and "确认" in err
    export = project / "history.jsonl"
    assert invoke("history", "export", "-o", str(export))[0] == 0
    code, _, err = invoke("history", "export", "-o", str(export))
    assert code == 2 and "--force" in err
    other = f"sqlite:///{(project / 'other.db').as_posix()}"
    code, out, _ = invoke("history", "import", str(export), "--db", other)
    assert code == 0 and "导入运行 2、处置 1" in out
    code, out, _ = invoke("history", "import", str(export), "--db", other)
    assert code == 0 and "跳过已有 3" in out
    code, out, _ = invoke("stats", "--by", "rule", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and sum(int(r["warnings"]) for r in table) == sum(
        1 for f in findings if f["severity"] == "warning" and not f.get("waived")
    )
    code, out, _ = invoke("stats", "--by", "organ", "--format", "json")
    assert code == 0 and sum(r["decisions"] for r in json.loads(out)) == len(json.loads(report)["decisions"])
    code, out, _ = invoke("stats", "--by", "step")
    assert code == 0 and out.splitlines()[0].split() == [
        "step",
        "required",
        "performed",
        "done",
        "missing",
        "pending",
        "not_applicable",
        "not_required",
    ]
    assert invoke("stats", "--by", "colour")[0] == 2
    code, out, _ = invoke("db", "upgrade")
    assert code == 0 and "0003" in out


def _writer(url: str, result: Result, book: RuleBook, start: Any, number: int) -> None:
    start.wait()
    store = open_store(url)  # a fresh store: the writers also race to create the schema
    record_run(store, result, book, auditor=f"writer-{number}", version="t", arguments=[])
    store.close()


@pytest.mark.parametrize("writers", [2, 8])
def test_concurrent_writers_all_recorded(store_url: str, project: Path, writers: int) -> None:
    from decision_check import validate as validation
    from decision_check.cli.session import Session

    session = Session.open()
    book = session.rulebook()
    result = validation.run([project / ONE], book, session.engine_options(book, None, None), base=project)
    expected = {f.fingerprint for f in result.findings}
    context = multiprocessing.get_context("fork")  # separate processes, separate connections
    start = context.Event()
    workers = [context.Process(target=_writer, args=(store_url, result, book, start, n)) for n in range(writers)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * writers
    store = open_store(store_url)
    runs = list_runs(store)
    assert sorted(r.id or 0 for r in runs) == list(range(1, writers + 1))
    assert sorted(r.auditor for r in runs) == sorted(f"writer-{n}" for n in range(writers))
    for run in runs:
        d = diff(store, 1, run.id)
        assert {f.fingerprint for f in d.still} == expected and not d.added and not d.resolved
    store.close()


def test_two_validate_record_processes(project: Path) -> None:
    store_url = f"sqlite:///{(project / '.decision-check' / 'index.db').as_posix()}"  # the default store
    env = {**os.environ}
    env.pop("DECISION_CHECK_DB", None)
    command = [sys.executable, "-m", "decision_check", "validate", ONE, "--record", "--format", "json"]
    processes = [
        subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [1, 1], [err for _, err in outputs]
    store = open_store(store_url)
    assert sorted(r.id or 0 for r in list_runs(store)) == [1, 2]
    store.close()


def _fails_cleanly(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert any(n in err for n in needles), err


def test_unreachable_server_is_exit_2(project: Path) -> None:
    code, _, err = invoke("history", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    _fails_cleanly(code, err, "无法连接数据库")
    code, _, err = invoke("index", "--db", "not a url")
    _fails_cleanly(code, err, "数据库地址无效")


def test_validate_without_record_survives_an_unreachable_store(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECISION_CHECK_DB", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    code, out, err = invoke("validate", ONE, "--format", "json")
    assert code == 1 and json.loads(out)["findings"] and "未能读取处置记录" in err
    code, out, err = invoke("validate", ONE, "--format", "json", "--record")
    _fails_cleanly(code, err, "无法连接数据库")
    assert out == ""


def test_newer_schema_is_exit_2(store_url: str, project: Path) -> None:
    from sqlalchemy import text

    store = open_store(store_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    store.close()
    code, _, err = (
        invoke("validate", ONE, "--record", "--db", store_url) if False else invoke("history", "--db", store_url)
    )
    _fails_cleanly(code, err, "比本工具新")


def test_locked_sqlite_file_is_exit_2_and_writes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / ".decision-check" / "index.db"
    url = f"sqlite:///{path.as_posix()}"
    open_store(url).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setenv("DECISION_CHECK_DB_TIMEOUT", "0.5")
    code, out, err = invoke("validate", ONE, "--record")
    holder.execute("ROLLBACK")
    holder.close()
    _fails_cleanly(code, err, "锁定")
    assert out == ""  # no report for a run that could not be recorded
    store = open_store(url)
    assert list_runs(store) == []
    store.close()
