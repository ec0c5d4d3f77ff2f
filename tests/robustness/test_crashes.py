"""Issue 13, item 4: a crash is never exit 1 and never a bare traceback; one file's crash spares the others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decision_check import validate as validation
from decision_check.cli import app as app_module
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.crash import EXIT_INTERNAL, set_verbose
from decision_check.loader import LoadedFile

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "rule_cases" / "_base" / "longhe"
SECRET = "王某某"  # a name in an exception message or a local variable must never be shown
runner = CliRunner()


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "organ.yaml").write_text((BASE / "organ.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (BASE / "decision.yaml").read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"d{index}.yaml").write_text(text.replace("id: LH-", f"id: C{index}-LH-", 1), encoding="utf-8")
    return folder


def _explode_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = validation.load_file

    def load(path: Path, *args: Any, **kwargs: Any) -> LoadedFile:
        if path.name == name:
            person = SECRET  # a local variable holding a name
            raise KeyError(f"{person} is not in the table")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validation, "load_file", load)


@pytest.mark.parametrize("parallel", [False, True])
def test_one_crashing_file_is_an_internal_finding_and_the_others_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    folder = _folder(tmp_path, 4)
    _explode_on(monkeypatch, "d2.yaml")
    args = ["validate", str(folder), "--format", "json", "--as-of", "2021-06-30"]
    if parallel:
        monkeypatch.setattr(validation, "PARALLEL_THRESHOLD", 2)
        args += ["--jobs", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_INTERNAL
    report = json.loads(result.stdout)
    internal = [f for f in report["findings"] if f["rule"] == "INTERNAL"]
    assert len(internal) == 1 and internal[0]["file"].endswith("d2.yaml") and internal[0]["line"] == 1
    assert "KeyError" in internal[0]["message"]
    judged = sorted(Path(d["file"]).name for d in report["decisions"])
    assert judged == ["d0.yaml", "d1.yaml", "d3.yaml"]
    assert "内部错误 / internal error" in result.stderr and "d2.yaml" in result.stderr
    assert "Traceback" not in result.output and SECRET not in result.output


def test_a_crashing_organ_file_is_an_internal_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 1)
    _explode_on(monkeypatch, "organ.yaml")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json", "--as-of", "2021-06-30"])
    assert result.exit_code == EXIT_INTERNAL
    report = json.loads(result.stdout)
    assert [Path(f["file"]).name for f in report["findings"] if f["rule"] == "INTERNAL"] == ["organ.yaml"]
    assert [Path(d["file"]).name for d in report["decisions"]] == ["d0.yaml"]


def test_a_catalogue_changed_during_the_run_is_a_finding_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 2)
    catalog = folder / "catalog.yaml"
    catalog.write_text((ROOT / "decisions" / "catalogs" / "longhe-2020.yaml").read_text(encoding="utf-8"), "utf-8")
    real, reads = validation.load_file, []

    def load(path: Path, *args: Any, **kwargs: Any) -> LoadedFile:
        if path == catalog:
            reads.append(path)
            if len(reads) == 2:  # the second read, for the catalogue rules: someone saved another file
                catalog.write_text("kind: organ\nname: 别的机关\n", encoding="utf-8")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validation, "load_file", load)
    result = runner.invoke(app, ["validate", str(folder), "--format", "json", "--as-of", "2021-06-30"])
    assert len(reads) == 2 and result.exit_code == 1
    report = json.loads(result.stdout)
    changed = [f for f in report["findings"] if f["file"].endswith("catalog.yaml")]
    assert [f["rule"] for f in changed] == ["LOAD"]
    assert "目录文件在检查过程中被改动" in changed[0]["message"] and "重新运行" in changed[0]["hint"]
    assert not [f for f in report["findings"] if f["rule"] == "INTERNAL"]


def test_a_crash_outside_any_file_is_one_line_and_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 1)

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(validation, "finalize", broken)
    result = runner.invoke(app, ["validate", str(folder), "--as-of", "2021-06-30"])
    assert result.exit_code == EXIT_INTERNAL
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("decision-check: 内部错误 / internal error")
    assert "RuntimeError" in lines[0] and "-v" in lines[0] and SECRET not in result.output


def test_a_crash_names_the_file_being_processed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The project's decisions/ folder is read as context for a record checked alone; a crash there
    # is not one of the checked files, so it stops the run, naming the file it was reading.
    (tmp_path / "decisions").mkdir()
    (tmp_path / "decisions" / "organ.yaml").write_text(
        (BASE / "organ.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "one.yaml").write_text((BASE / "decision.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _explode_on(monkeypatch, "organ.yaml")
    result = runner.invoke(app, ["--lang", "en", "validate", "one.yaml", "--as-of", "2021-06-30"])
    assert result.exit_code == EXIT_INTERNAL
    assert "while processing decisions/organ.yaml" in result.stderr and "KeyError" in result.stderr
    assert "Traceback" not in result.output


def test_verbose_shows_the_traceback_but_no_local_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 1)
    _explode_on(monkeypatch, "d0.yaml")
    result = runner.invoke(app, ["-v", "validate", str(folder), "--as-of", "2021-06-30"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr and "raise KeyError" in result.stderr
    assert "builtins.KeyError" in result.stderr  # the type, never the message or a variable's value
    assert SECRET not in result.stderr


def test_main_entry_point_turns_a_crash_into_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    def broken() -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(app_module, "app", broken)
    set_verbose(False)  # a fresh process: no -v
    with pytest.raises(SystemExit) as stopped:
        app_module.main()
    assert stopped.value.code == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "内部错误 / internal error" in err and "OSError" in err and "Traceback" not in err


def test_exit_codes_are_documented() -> None:
    assert "3 内部错误" in runner.invoke(app, ["--help"]).stdout.replace("\n", " ")
    assert "| 3 |" in (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
