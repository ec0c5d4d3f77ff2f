"""Golden files for what authors read: the plan (zh, en, json) and the template `new` writes.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/authoring``
(see tests/golden/README.md) and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "authoring"
runner = CliRunner()


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    shutil.copy(
        Path(__file__).parent / "data" / "in-progress.yaml", tmp_path / "decisions" / "2020" / "LH-2020-019.yaml"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("lang", "fmt", "name"), [("zh", "text", "plan.zh.txt"), ("en", "text", "plan.en.txt"), ("zh", "json", "plan.json")]
)
def test_plan_golden(project: Path, lang: str, fmt: str, name: str) -> None:
    result = runner.invoke(
        app, ["--lang", lang, "plan", "LH-2020-019", "--as-of", "2020-09-20", "--format", fmt], catch_exceptions=False
    )
    assert result.exit_code == 0
    _compare(name, result.stdout)


def test_new_template_golden(project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--organ",
            "丰都县龙河镇人民政府",
            "--title",
            "龙河镇场镇停车场建设工程",
            "--category",
            "public_construction",
            "--sponsor",
            "龙河镇建设环保办公室",
            "--year",
            "2020",
            "--output",
            str(project / "new.yaml"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    _compare("new.yaml", (project / "new.yaml").read_text(encoding="utf-8"))
