"""Atomic writes keep the modes a normal write gives; the output preflight refuses bad targets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decision_check.errors import UsageError
from decision_check.fsutil import atomic_write, check_output


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_new_file_mode_follows_umask(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "r.md", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "r.md").stat().st_mode & 0o777 == expected


def test_replacing_keeps_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_check_output_refuses_folder_missing_parent_and_existing(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="文件夹"):
        check_output(tmp_path)
    with pytest.raises(UsageError, match="不存在"):
        check_output(tmp_path / "no" / "r.md")
    (tmp_path / "r.md").write_text("x")
    with pytest.raises(UsageError, match="--force"):
        check_output(tmp_path / "r.md", force=False)
    check_output(tmp_path / "r.md", force=True)
    check_output(tmp_path / "r.md")
    check_output(Path("/dev/null"), force=False)
