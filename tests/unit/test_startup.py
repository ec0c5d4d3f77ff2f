"""Start-up: what `decision-check --help` and a JSON run must not import (issue 7, item 4)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RECORD = Path(__file__).resolve().parents[1] / "rule_cases" / "_base" / "longhe" / "decision.yaml"


def _modules(code: str) -> dict[str, bool]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_help_builds_no_record_model_and_no_rule_book() -> None:
    loaded = _modules(
        "import json, sys\n"
        "from decision_check.cli import app, commands\n"
        "names = ('decision_check.models.records', 'decision_check.rulesets', 'decision_check.engine', 'rich')\n"
        "print(json.dumps({n: n in sys.modules for n in names}))"
    )
    assert loaded == dict.fromkeys(loaded, False)


def test_enums_and_types_do_not_pull_in_the_records() -> None:
    loaded = _modules(
        "import json, sys\n"
        "import decision_check.models.enums, decision_check.models.types\n"
        "print(json.dumps({'records': 'decision_check.models.records' in sys.modules}))"
    )
    assert loaded == {"records": False}


def test_models_package_still_exports_the_records() -> None:
    from decision_check import models
    from decision_check.models.records import Decision

    assert models.Decision is Decision


def test_json_run_imports_no_rich(tmp_path: Path) -> None:
    loaded = _modules(
        "import json, sys\n"
        "from decision_check.cli.app import main\n"
        f"sys.argv = ['decision-check', 'validate', {str(RECORD)!r}, '-f', 'json',"
        f" '-o', {str(tmp_path / 'r.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps({n: n in sys.modules for n in ('rich', 'decision_check.reporters.terminal')}))"
    )
    assert loaded == {"rich": False, "decision_check.reporters.terminal": False}
