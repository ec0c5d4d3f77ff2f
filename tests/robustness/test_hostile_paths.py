"""Issue 13, item 1: a NUL byte (or another control character) in a document path is a DOC-01 finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check import validate as validation
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "rule_cases" / "_base" / "longhe"
runner = CliRunner()


def _with_path(path_yaml: str) -> str:
    text = (BASE / "decision.yaml").read_text(encoding="utf-8")
    line = "  - {id: D3, type: expert_opinion, title: 专家论证意见, date: 2020-08-25}"
    assert line in text
    return text.replace(line, line[:-1] + f", path: {path_yaml}}}")


def _doc01(report: dict[str, object], name: str) -> list[dict[str, object]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [f for f in findings if f["rule"] == "DOC-01" and str(f["file"]).endswith(name)]


@pytest.mark.parametrize("spelling", ['"x\\0y.pdf"', '"evidence/a\\x01b.pdf"', '"a\\ny.pdf"'])
def test_control_character_in_document_path_is_a_doc01_finding(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "organ.yaml").write_text((BASE / "organ.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "nul.yaml"
    target.write_text(_with_path(spelling), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json", "--as-of", "2021-06-30"])
    assert result.exit_code == 1, result.output
    found = _doc01(json.loads(result.stdout), "nul.yaml")
    assert len(found) == 1
    line = (
        target.read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in target.read_text(encoding="utf-8").splitlines() if "path:" in x and "D3" in x))
        + 1
    )
    assert found[0]["line"] == line
    assert "控制字符" in str(found[0]["message"]) and "\x00" not in str(found[0]["message"])


def test_nul_path_in_a_parallel_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "PARALLEL_THRESHOLD", 2)
    (tmp_path / "organ.yaml").write_text((BASE / "organ.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for index in range(4):
        record = _with_path('"x\\0y.pdf"').replace("id: LH-", f"id: P{index}-LH-", 1)
        (tmp_path / f"d{index}.yaml").write_text(record, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json", "--as-of", "2021-06-30", "--jobs", "2"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert all(len(_doc01(report, f"d{i}.yaml")) == 1 for i in range(4))


@pytest.mark.parametrize("setting", ['calendar = "a\\u0000b"', 'rules = ["a\\u0000b"]', 'decisions = ["x\\u0001"]'])
def test_control_character_in_a_configured_path_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    (tmp_path / "decision-check.toml").write_text(setting + "\n", encoding="utf-8")
    (tmp_path / "one.yaml").write_text((BASE / "decision.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "one.yaml"])
    assert result.exit_code == 2
    assert "decision-check.toml" in result.stderr and "控制字符" in result.stderr


def test_too_large_and_control_character_files_have_a_line(tmp_path: Path) -> None:
    # Found by the fuzz harness: these LOAD findings had no line (file and line are promised for all).
    from decision_check.loader import load_file

    big = tmp_path / "big.yaml"
    big.write_text("id: " + "x" * 200 + "\n", encoding="utf-8")
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"id: a\n" + b"# padding\n" * 500 + b"title: b\x00c\n")  # NUL past 4 KiB: not UTF-16
    too_big = load_file(big, max_bytes=100).findings
    control = load_file(nul).findings
    assert [f.span.line if f.span else None for f in too_big] == [1]
    assert [(f.rule, f.span.line if f.span else None) for f in control] == [("LOAD", 502)]
    assert "U+0000" in control[0].message.en
