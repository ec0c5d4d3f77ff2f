"""The published pre-commit hook (.pre-commit-hooks.yaml): run by pre-commit itself, and by its entry.

``pre-commit try-repo`` installs this repository into a fresh virtualenv with pip; when that cannot
happen (no pre-commit, no package index reachable) the test skips and says how to run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "decisions" / "2020" / "LH-2020-003.yaml"


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert isinstance(hook, dict)
    return hook


def _bad_record() -> str:
    """LH-2020-003 without its legality review: LEGAL-01, an error."""
    text = GOOD.read_text(encoding="utf-8")
    start = text.index("  legality_review:\n")
    end = text.index("  publication:\n")
    return text[:start] + text[end:]


def _repository(tmp_path: Path, *, bad: bool) -> Path:
    repo = tmp_path / "records"
    (repo / "decisions" / "2020").mkdir(parents=True)
    shutil.copy(GOOD, repo / "decisions" / "2020" / "LH-2020-003.yaml")
    if bad:
        (repo / "decisions" / "2020" / "LH-2020-099.yaml").write_text(
            _bad_record().replace("LH-2020-003", "LH-2020-099"), encoding="utf-8"
        )
    (repo / "notes").mkdir()
    (repo / "notes" / "not-a-record.yaml").write_text("id: [unclosed\n", encoding="utf-8")  # outside decisions/
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def test_hook_definition_is_what_the_docs_promise() -> None:
    hook = _hook()
    assert hook["id"] == "decision-check"
    assert hook["types"] == ["yaml"]
    assert hook["pass_filenames"] is True
    pattern = re.compile(str(hook["files"]))
    assert pattern.search("decisions/2020/LH-2020-003.yaml")
    assert pattern.search("town/decisions/catalogs/longhe-2020.yml")
    assert not pattern.search("rules/longhe.yaml")
    assert not pattern.search("notes/not-a-record.yaml")
    doc = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    assert "id: decision-check" in doc and "rev:" in doc


@pytest.mark.parametrize(("bad", "expected"), [(False, 0), (True, 1)])
def test_hook_entry_run_as_pre_commit_runs_it(tmp_path: Path, bad: bool, expected: int) -> None:
    """The entry, with the staged files the `files` pattern selects appended — what pre-commit does."""
    hook = _hook()
    repo = _repository(tmp_path, bad=bad)
    staged = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    pattern = re.compile(str(hook["files"]))
    selected = [name for name in staged if pattern.search(name) and name.endswith((".yaml", ".yml"))]
    assert "notes/not-a-record.yaml" not in selected and len(selected) == (2 if bad else 1)
    command, *args = str(hook["entry"]).split()
    executable = Path(sys.executable).with_name(command)
    done = subprocess.run([str(executable), *args, *selected], cwd=repo, capture_output=True, text=True)
    assert done.returncode == expected, done.stdout + done.stderr
    if bad:
        assert "LEGAL-01" in done.stdout and "LH-2020-099" in done.stdout


def _snapshot(tmp_path: Path) -> Path:
    """This working tree (tracked and new files, as they are now) as a committed repository to try."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    copy = tmp_path / "decision-check"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_symlink() or source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name, follow_symlinks=False)  # bundled_rules -> ../../rules stays a link
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run(["git", "add", "."], cwd=copy, check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot"], cwd=copy, check=True)
    return copy


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """pre-commit itself: passes on a good record, fails (exit 1) once a bad one is staged."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    repo = _repository(tmp_path, bad=False)
    command = [str(pre_commit), "try-repo", str(_snapshot(tmp_path)), "decision-check", "--all-files"]
    good = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    if good.returncode == 3 or "Could not find a version" in good.stdout + good.stderr:
        pytest.skip(
            "pre-commit could not install the hook (no package index reachable offline): "
            "run with network access, or a pip index configured (PIP_INDEX_URL)\n" + good.stdout[-500:]
        )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    (repo / "decisions" / "2020" / "LH-2020-099.yaml").write_text(
        _bad_record().replace("LH-2020-003", "LH-2020-099"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    bad = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "LEGAL-01" in bad.stdout
