"""Shell completion (docs/completion.md): the installed console script completes commands in bash, zsh, fish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("decision-check")


def _complete(**env: str) -> str:
    if not SCRIPT.exists():
        pytest.skip("the decision-check console script is not installed: pip install -e '.[test]'")
    done = subprocess.run([str(SCRIPT)], env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_bash_completes_commands() -> None:
    out = _complete(_DECISION_CHECK_COMPLETE="complete_bash", COMP_WORDS="decision-check pl", COMP_CWORD="1")
    assert out.split() == ["plan"]


def test_zsh_completes_sub_commands() -> None:
    out = _complete(_DECISION_CHECK_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="decision-check catalog im")
    assert '"import"' in out


def test_fish_completes_options() -> None:
    out = _complete(
        _DECISION_CHECK_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="decision-check plan --as",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    assert "--as-of" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(shell: str) -> None:
    if not SCRIPT.exists():
        pytest.skip("the decision-check console script is not installed: pip install -e '.[test]'")
    # The shell is normally detected from the parent process; typer's test switch lets us name it.
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    command = [str(SCRIPT), "--show-completion", shell]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert "_DECISION_CHECK_COMPLETE" in done.stdout
    assert {"bash": "complete -o default -F", "zsh": "#compdef decision-check", "fish": "complete --command"}[
        shell
    ] in (done.stdout)
