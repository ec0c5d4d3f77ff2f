"""Atomic writes: complete or absent, and devices are written to, never replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from decision_check.fsutil import atomic_write, atomic_write_chunks


def test_atomic_write_creates_parents_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "report.json"
    atomic_write(target, "内容\n")
    assert target.read_text(encoding="utf-8") == "内容\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_failure_midway_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("旧的\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "新的一半"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        atomic_write_chunks(target, chunks())
    assert target.read_text(encoding="utf-8") == "旧的\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_dev_null_stays_a_device() -> None:
    atomic_write(Path(os.devnull), "x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, "abc")
        assert os.read(reader, 10) == b"abc"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
