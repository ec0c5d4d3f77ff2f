"""The console script's ``validate`` fast path behaves exactly as the typer command: same stdout,
stderr and exit code for the same command line (real processes), and it does not import typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from decision_check.cli.entry import parse_validate

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "decisions" / "2020" / "LH-2020-003.yaml"
SCRIPT = Path(sys.executable).with_name("decision-check")
TYPER_PATH = "import sys; from decision_check.cli.app import main; sys.argv[0] = 'decision-check'; main()"


def _run(command: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DECISION_CHECK_VERBOSE"}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(RECORD), "--as-of", "2026-12-01"],
        ["validate", str(RECORD), "--format", "json", "--as-of", "2026-12-01"],
        ["validate", str(RECORD), "-f", "github", "--fail-on", "warning", "--as-of=2026-12-01"],
        ["validate", str(RECORD), "--format=markdown", "-v", "--as-of", "2020年5月1日"],
        ["validate", str(RECORD), "-f", "sarif", "-j", "1", "--as-of", "2026-12-01"],
        ["validate", "no/such/file.yaml"],
        ["validate", str(RECORD), "--format", "pdf"],
        ["validate", str(RECORD), "--jobs", "0"],
        ["validate", str(RECORD), "--jobs", "two"],
        ["validate", str(RECORD), "--fail-on", "info"],
        ["validate", str(RECORD), "--as-of", "not-a-date"],
        ["validate", str(RECORD), "--jurisdiction", "atlantis"],
        ["validate", str(RECORD), "--output"],
        ["validate", str(RECORD), "--no-such-option"],
        ["validate", "--help"],
        ["validate", str(ROOT / "decisions"), "--format", "json", "--as-of", "2026-12-01"],
    ],
)
def test_fast_path_matches_the_typer_command(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "decision-check.toml").write_text("", encoding="utf-8")
    fast = _run([str(SCRIPT), *args], tmp_path)
    typed = _run([sys.executable, "-c", TYPER_PATH, *args], tmp_path)
    assert fast == typed
    assert fast[0] in (0, 1, 2)


def test_fast_path_writes_the_same_report_file(tmp_path: Path) -> None:
    (tmp_path / "decision-check.toml").write_text("", encoding="utf-8")
    outputs = []
    for name, command in (("fast", [str(SCRIPT)]), ("typer", [sys.executable, "-c", TYPER_PATH])):
        out = tmp_path / f"{name}.json"
        code, stdout, _ = _run([*command, "validate", str(RECORD), "-o", str(out), "-f", "json"], tmp_path)
        outputs.append((code, stdout, out.read_bytes()))
    assert outputs[0] == outputs[1]


def test_fast_path_does_not_build_the_typer_app(tmp_path: Path) -> None:
    report = str(tmp_path / "r.json")
    probe = (
        "import sys\n"
        "from decision_check.cli.entry import main\n"
        f"sys.argv = ['decision-check', 'validate', {str(RECORD)!r}, '-f', 'json', '-o', {report!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sorted(m for m in ('typer', 'rich', 'click', 'sqlmodel', 'jinja2') if m in sys.modules))\n"
    )
    code, out, err = _run([sys.executable, "-c", probe], tmp_path)
    assert code == 0, err
    assert out.split(maxsplit=1)[1].strip() == "[]"


def test_parse_validate_leaves_everything_unusual_to_typer() -> None:
    assert parse_validate(["validate", "a.yaml", "-f", "json", "--rules", "r1", "--rules=r2", "-j", "2"]) == {
        "paths": [Path("a.yaml")],
        "format": "json",
        "rules": [Path("r1"), Path("r2")],
        "jobs": 2,
    }
    assert parse_validate(["validate"]) == {"paths": None, "rules": None}
    for argv in (
        [],
        ["--lang", "en", "validate", "a.yaml"],
        ["rules", "list"],
        ["validate", "-h"],
        ["validate", "--", "a.yaml"],
        ["validate", "-"],
        ["validate", "a.yaml", "-fjson"],
        ["validate", "a.yaml", "-f=json"],
        ["validate", "a.yaml", "-f", "json", "-f", "rich"],
        ["validate", "a.yaml", "--output", "-x"],
        ["validate", "a.yaml", "--jobs", "+2"],
        ["validate", "a.yaml", "--record=yes"],
        ["validate", "a.yaml", "--record", "--record"],
        ["validate", "a.yaml", "--format="],
    ):
        assert parse_validate(argv) is None, argv


def test_fast_path_rich_report_does_not_import_typer_or_the_store(tmp_path: Path) -> None:
    """The default (rich) report goes through the whole-result branch: no store command module there either."""
    probe = (
        "import sys\n"
        "from decision_check.cli.entry import main\n"
        f"sys.argv = ['decision-check', 'validate', {str(RECORD)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('PROBE', code, sorted(m for m in ('typer', 'click', 'sqlmodel', 'jinja2',"
        " 'decision_check.cli.history_cmd') if m in sys.modules))\n"
    )
    code, out, err = _run([sys.executable, "-c", probe], tmp_path)
    assert code in (0, 1), err
    assert out.rsplit("PROBE", 1)[1].split(maxsplit=1)[1].strip() == "[]"
