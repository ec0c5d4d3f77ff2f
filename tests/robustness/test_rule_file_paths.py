"""Issue 13, item 6: bundled rule files are named by their own path (rules/…), never via the package link."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_check.errors import RuleSetError
from decision_check.rulesets import bundled_dir, load_rulebook

ROOT = Path(__file__).resolve().parents[2]
LINK = ROOT / "src" / "decision_check" / "bundled_rules"


@pytest.mark.skipif(not LINK.is_symlink(), reason="an installed package: bundled_rules is a real folder")
def test_bundled_dir_is_the_projects_rules_folder() -> None:
    assert bundled_dir() == (ROOT / "rules").resolve()


@pytest.mark.skipif(not LINK.is_symlink(), reason="an installed package: bundled_rules is a real folder")
def test_duplicate_rule_set_message_names_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    text = (ROOT / "rules" / "longhe.yaml").read_text(encoding="utf-8")
    (extra / "copy.yaml").write_text(text + "\n# changed\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    with pytest.raises(RuleSetError) as raised:
        load_rulebook([extra], cache=False)
    message = raised.value.message("en")
    assert "bundled_rules" not in message
    assert "duplicates rules/longhe.yaml" in message
