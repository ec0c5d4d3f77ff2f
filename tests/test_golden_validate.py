"""Golden files of what a legal officer reads for the bundled examples: the rich report and the JSON.

The rich report twice: as printed (infos counted, not listed) and with ``--show-info``, where the infos
most records share (CONS-01, LEGAL-05, …) are listed once under 多项决策共有的提示 with every decision
they concern. Both end with the summary's table of the files with errors or warnings.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 python -m pytest tests/test_golden_validate.py``
and review the diff: every changed line is a changed verdict on a real-looking record.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "validate"
AS_OF = "2021-06-30"


def _render(fmt: str, lang: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "110")
    result = CliRunner().invoke(
        app, ["--lang", lang, "validate", "decisions", "--format", fmt, "--as-of", AS_OF, "--jobs", "1", *extra]
    )
    assert result.exit_code in (0, 1), result.stderr
    text = result.stdout
    if fmt == "json":
        data = json.loads(text)
        data.pop("tool")  # rule-set digests change with every rule edit; the verdicts are what matter here
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize(
    ("fmt", "lang", "name", "extra"),
    [
        ("json", "zh", "decisions.zh.json", ()),
        ("rich", "zh", "decisions.zh.txt", ()),
        ("rich", "en", "decisions.en.txt", ()),
        ("rich", "zh", "decisions.zh.show-info.txt", ("--show-info",)),
        ("rich", "en", "decisions.en.show-info.txt", ("--show-info",)),
    ],
)
def test_validate_examples_golden(
    fmt: str, lang: str, name: str, extra: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _render(fmt, lang, monkeypatch, *extra)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        sys.stderr.write(text)
    assert text == expected
