"""``doc add`` edits the record in place keeping comments, order and quoting, and refuses what it must."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import archive_cmd  # registers the commands
from decision_check.loader import load_file
from decision_check.models.records import Decision

del archive_cmd
runner = CliRunner()
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "archive"
COMMENTED = """\
# 龙河镇 2020 — 测试用记录（注释必须保留）
id: LH-2020-007   # 编号
title: '龙河镇场镇停车秩序管理和临时停车收费办法'
"""


def _commented(project: Path) -> Path:
    """LH-2020-007 with comments and single quotes the user wrote by hand."""
    record = project / "decisions" / "2020" / "LH-2020-007.yaml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    body = [line for line in lines if not line.startswith(("id:", "title:"))]
    record.write_text(COMMENTED + "".join(body), encoding="utf-8")
    return record


def test_doc_add_keeps_everything_and_adds_only(project: Path, tmp_path_factory: object) -> None:
    record = _commented(project)
    before = record.read_text(encoding="utf-8")
    scan = project.parent / "征求意见公告扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 notice")
    done = runner.invoke(
        app,
        [
            "doc",
            "add",
            "LH-2020-007",
            str(scan),
            "--type",
            "consultation_notice",
            "--title",
            "征求意见公告（扫描件）",
            "--date",
            "2020-05-11",
            "--archived",
        ],
    )
    assert done.exit_code == 0, done.output
    after = record.read_text(encoding="utf-8")
    golden = GOLDEN / "LH-2020-007.after.yaml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(after, encoding="utf-8")
    assert after == golden.read_text(encoding="utf-8")
    # Every line the user wrote is still there, in order: the edit only adds lines.
    added = iter(after.splitlines())
    for line in before.splitlines():
        assert any(candidate == line or candidate.startswith(line.rstrip("]")) for candidate in added), line
    copied = project / "evidence" / "LH-2020-007" / "征求意见公告扫描件.pdf"
    assert copied.read_bytes() == b"%PDF-1.4 notice"
    loaded = load_file(record)
    assert isinstance(loaded.record, Decision)
    entry = loaded.record.documents[-1]
    assert entry.path == "evidence/LH-2020-007/征求意见公告扫描件.pdf"
    assert entry.sha256 == hashlib.sha256(b"%PDF-1.4 notice").hexdigest()
    participation = loaded.record.steps.public_participation
    assert participation is not None and entry.id in participation.documents
    archive = loaded.record.steps.archive
    assert archive is not None and entry.id in archive.archived_documents


def test_doc_add_references_a_file_inside_the_repository(project: Path) -> None:
    inside = project / "scans" / "意见汇总.pdf"
    inside.parent.mkdir()
    inside.write_bytes(b"summary")
    done = runner.invoke(app, ["doc", "add", "LH-2020-007", str(inside), "--type", "opinion_summary", "--archived"])
    assert done.exit_code == 0, done.output
    loaded = load_file(project / "decisions" / "2020" / "LH-2020-007.yaml")
    assert isinstance(loaded.record, Decision)
    assert loaded.record.documents[-1].path == "scans/意见汇总.pdf"
    assert not (project / "evidence").exists()


def test_doc_add_never_references_a_link_out_of_the_repository(project: Path) -> None:
    outside = project.parent / "secret.pdf"
    outside.write_bytes(b"x")
    (project / "link.pdf").symlink_to(outside)
    record = project / "decisions" / "2020" / "LH-2020-007.yaml"
    before = record.read_bytes()
    done = runner.invoke(app, ["doc", "add", "LH-2020-007", "link.pdf", "--type", "other"])
    # The link resolves outside: the file is copied in, never referenced where it points.
    assert done.exit_code == 0, done.output
    loaded = load_file(record)
    assert isinstance(loaded.record, Decision)
    assert loaded.record.documents[-1].path == "evidence/LH-2020-007/link.pdf"
    copied = project / "evidence" / "LH-2020-007" / "link.pdf"
    assert not copied.is_symlink() and copied.read_bytes() == b"x"
    assert record.read_bytes() != before


def test_doc_add_refuses_an_existing_id_and_leaves_the_record(project: Path) -> None:
    record = project / "decisions" / "2020" / "LH-2020-003.yaml"
    before = record.read_bytes()
    scan = project.parent / "d1.pdf"
    scan.write_bytes(b"x")
    done = runner.invoke(app, ["doc", "add", "LH-2020-003", str(scan), "--type", "other", "--id", "D1"])
    assert done.exit_code == 1
    assert "D1" in done.output
    assert record.read_bytes() == before
    assert not (project / "evidence").exists()


def test_doc_add_refuses_when_the_record_would_gain_an_error(project: Path) -> None:
    # LH-2020-003 is archived: a document joining its completed legality review but missing from the
    # archive's file list is an ARC-01 error, so the edit is refused and the copied file removed.
    record = project / "decisions" / "2020" / "LH-2020-003.yaml"
    before = record.read_bytes()
    scan = project.parent / "送审材料.pdf"
    scan.write_bytes(b"submission")
    done = runner.invoke(app, ["doc", "add", "LH-2020-003", str(scan), "--type", "legality_submission"])
    assert done.exit_code == 1, done.output
    assert "ARC-01" in done.output and "--archived" in done.output
    assert "decision-check-doc-" not in done.output  # findings name the record, not the trial copy
    assert record.read_bytes() == before
    assert not (project / "evidence" / "LH-2020-003" / "送审材料.pdf").exists()


def test_doc_list_shows_hash_status(project: Path) -> None:
    scan = project.parent / "notice.pdf"
    scan.write_bytes(b"notice")
    assert runner.invoke(app, ["doc", "add", "LH-2020-007", str(scan), "--type", "other"]).exit_code == 0
    listed = runner.invoke(app, ["doc", "list", "LH-2020-007"])
    assert listed.exit_code == 0
    assert "一致" in listed.output
    (project / "evidence" / "LH-2020-007" / "notice.pdf").write_bytes(b"altered")
    listed = runner.invoke(app, ["doc", "list", "LH-2020-007"])
    assert "哈希不符" in listed.output
