"""The first pass of a run: made in a child process or here, it finds the same files in the same order."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from decision_check.errors import UsageError
from decision_check.survey import collect_files, in_child, survey

ROOT = Path(__file__).resolve().parents[2]
DECISIONS = ROOT / "decisions"


def _tree(tmp_path: Path) -> Path:
    """The bundled records, plus names a listing must carry: a space, Chinese, a newline."""
    tree = tmp_path / "records"
    shutil.copytree(DECISIONS, tree)
    sample = next(p for p in sorted(tree.rglob("*.yaml")) if "catalogs" not in p.parts and "organs" not in p.parts)
    for name in ("with space.yaml", "龙河镇 决策.yaml", "two\nlines.yaml"):
        (sample.parent / name).write_bytes(sample.read_bytes())
    return tree


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the child process needs fork")
def test_the_pass_apart_finds_what_the_pass_here_finds(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    here, apart = survey([tree]), survey([tree], apart=True)
    try:
        assert apart._listing is not None and here._listing is None  # it did run apart
        assert (apart.files, apart.side, apart.decision_count) == (here.files, here.side, here.decision_count)
        listed = list(apart.decisions())
        assert listed == list(here.decisions()) == list(apart.decisions())  # read again from the start
        assert len(listed) == apart.decision_count and any("\n" in p.name for p in listed)
        assert sorted(listed + apart.side) == sorted(collect_files([tree]))
        assert any(p.parent.name == "organs" for p in apart.side) and any("catalog" in str(p) for p in apart.side)
    finally:
        here.close()
        apart.close()


def test_no_record_file_is_a_usage_error_in_both_ways(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("不是决策文件", encoding="utf-8")
    for apart in (False, True):
        with pytest.raises(UsageError, match="没有决策文件"):
            survey([tmp_path], apart=apart)
    with pytest.raises(UsageError, match="路径不存在"):
        survey([tmp_path / "missing"], apart=True)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the child process needs fork")
def test_work_in_a_child_returns_its_value_or_raises_its_error() -> None:
    assert in_child(lambda: os.getpid()) != os.getpid()

    def fails() -> None:
        raise ValueError("目录变了")

    with pytest.raises(ValueError, match="目录变了"):
        in_child(fails)
