"""``archive`` builds a BagIt package that ``archive verify`` checks, naming every problem."""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from decision_check.archive.catalogue import COLUMNS
from decision_check.archive.verify import verify
from decision_check.cli.app import app
from decision_check.cli.commands import archive_cmd

del archive_cmd
runner = CliRunner()
NOTICE = "征求意见公告（扫描件）.pdf"


def _with_evidence(project: Path) -> None:
    """Register one evidence file with a Chinese name on LH-2020-003 (clean of errors)."""
    scan = project.parent / NOTICE
    scan.write_bytes(b"%PDF-1.4 the notice")
    done = runner.invoke(app, ["doc", "add", "LH-2020-003", str(scan), "--type", "other", "--archived"])
    assert done.exit_code == 0, done.output


def _package(project: Path, name: str = "LH-2020-003.zip", *extra: str) -> Path:
    done = runner.invoke(app, ["archive", "LH-2020-003", "--output", name, *extra])
    assert done.exit_code == 0, done.output
    return project / name


def test_round_trip_names_every_problem(project: Path) -> None:
    _with_evidence(project)
    bag = _package(project, "bag")
    assert runner.invoke(app, ["archive", "verify", "bag"]).exit_code == 0
    assert verify(bag) == []
    assert (bag / "manifest-sha256.txt").is_file() and (bag / "manifest-sha512.txt").is_file()

    evidence = bag / "data" / "证据材料" / f"D11-{NOTICE}"
    original = evidence.read_bytes()
    evidence.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # one byte altered
    problems = verify(bag)
    assert [(p.kind, p.file) for p in problems] == [("altered", f"data/证据材料/D11-{NOTICE}")]

    (bag / "data" / "归档文件目录.csv").unlink()
    (bag / "data" / "stray.txt").write_text("not listed")
    found = {(p.kind, p.file) for p in verify(bag)}
    assert found == {
        ("altered", f"data/证据材料/D11-{NOTICE}"),
        ("missing", "data/归档文件目录.csv"),
        ("extra", "data/stray.txt"),
    }
    done = runner.invoke(app, ["archive", "verify", "bag"])
    assert done.exit_code == 1
    assert "3 个问题" in done.output and "stray.txt" in done.output and "归档文件目录.csv" in done.output


def test_altered_bag_info_is_caught(project: Path) -> None:
    bag = _package(project, "bag")
    info = bag / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("永久", "10年"), encoding="utf-8")
    assert [(p.kind, p.file) for p in verify(bag)] == [("altered", "bag-info.txt")]


def test_chinese_names_survive_zip_in_a_fresh_folder(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _with_evidence(project)
    package = _package(project)
    fresh = tmp_path_factory.mktemp("elsewhere")
    shutil.copyfile(package, fresh / "p.zip")
    with zipfile.ZipFile(fresh / "p.zip") as archive:
        names = archive.namelist()
        assert all(info.flag_bits & 0x800 for info in archive.infolist() if not info.filename.isascii())
        archive.extractall(fresh / "out")
    assert f"LH-2020-003/data/证据材料/D11-{NOTICE}" in names
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert (
        fresh / "out" / "LH-2020-003" / "data" / "证据材料" / f"D11-{NOTICE}"
    ).read_bytes() == b"%PDF-1.4 the notice"
    assert verify(fresh / "out" / "LH-2020-003") == []
    assert verify(fresh / "p.zip") == []


def test_decomposed_names_are_stored_composed(project: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café-说明.pdf")
    scan = project.parent / decomposed
    scan.write_bytes(b"x")
    assert runner.invoke(app, ["doc", "add", "LH-2020-003", str(scan), "--type", "other", "--archived"]).exit_code == 0
    with zipfile.ZipFile(_package(project)) as archive:
        assert any(n.endswith(unicodedata.normalize("NFC", "D11-Café-说明.pdf")) for n in archive.namelist())


def test_bag_info_and_catalogue(project: Path) -> None:
    _with_evidence(project)
    bag = _package(project, "bag")
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    for line in (
        "决策编号: LH-2020-003",
        "决策机关: 丰都县龙河镇人民政府",
        "档号: 0231-WS·2020-Y-0003",
        "保管期限: 永久",
    ):
        assert line in info
    assert "适用规则: 《重大行政决策程序暂行条例》" in info and "Bag-Software-Agent: decision-check" in info
    raw = (bag / "data" / "归档文件目录.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(table[0]) == COLUMNS
    assert table[1][:6] == [
        "1",
        "0231-WS·2020-Y-0003",
        "",
        "丰都县龙河镇人民政府",
        "关于征求场镇污水管网改造意见的公告",
        "20200715",
    ]
    sheet = load_workbook(bag / "data" / "归档文件目录.xlsx").active
    assert sheet is not None
    cells = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells == table
    assert sheet.cell(1, 1).value == "丰都县龙河镇人民政府归档文件目录（LH-2020-003）"


def test_refuses_a_record_with_errors_unless_allowed(project: Path) -> None:
    done = runner.invoke(app, ["archive", "LH-2020-007", "--output", "p.zip"])
    assert done.exit_code == 1
    assert "PP-03" in done.output and "--allow-findings" in done.output
    assert not (project / "p.zip").exists()
    done = runner.invoke(app, ["archive", "LH-2020-007", "--output", "p.zip", "--allow-findings"])
    assert done.exit_code == 0, done.output
    with zipfile.ZipFile(project / "p.zip") as archive:
        info = archive.read("LH-2020-007/bag-info.txt").decode("utf-8")
        report = archive.read("LH-2020-007/data/检查报告/validation.json").decode("utf-8")
    assert "未处理问题: " in info and "未处理问题: 0" not in info
    assert '"PP-03"' in report


def test_never_overwrites_without_force(project: Path) -> None:
    _package(project)
    done = runner.invoke(app, ["archive", "LH-2020-003", "--output", "LH-2020-003.zip"])
    assert done.exit_code == 2 and "--force" in done.output
    assert runner.invoke(app, ["archive", "LH-2020-003", "--output", "LH-2020-003.zip", "--force"]).exit_code == 0
    _package(project, "bag")
    assert runner.invoke(app, ["archive", "LH-2020-003", "--output", "bag"]).exit_code == 2
    assert runner.invoke(app, ["archive", "LH-2020-003", "--output", "bag", "--force"]).exit_code == 0
    assert verify(project / "bag") == []
    assert not [p for p in project.iterdir() if p.name.startswith(".archive-")]


def test_missing_evidence_is_a_finding_not_a_traceback(project: Path) -> None:
    _with_evidence(project)
    (project / "evidence" / "LH-2020-003" / NOTICE).unlink()
    done = runner.invoke(app, ["archive", "LH-2020-003", "--output", "p.zip"])
    assert done.exit_code == 1 and "DOC-01" in done.output
    done = runner.invoke(app, ["archive", "LH-2020-003", "--output", "p.zip", "--allow-findings"])
    assert done.exit_code == 0
    with zipfile.ZipFile(project / "p.zip") as archive:
        table = archive.read("LH-2020-003/data/归档文件目录.csv").decode("utf-8-sig")
    assert "文件缺失" in table


def test_verify_rejects_what_is_not_a_package(project: Path) -> None:
    (project / "plain").mkdir()
    assert [p.kind for p in verify(project / "plain")] == ["missing"]
    assert runner.invoke(app, ["archive", "verify", "nowhere"]).exit_code == 2
    evil = project / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escape.txt", "x")
    assert [p.kind for p in verify(evil)] == ["invalid"]
    assert not (project.parent / "escape.txt").exists()


def test_package_holds_the_generated_minutes(project: Path) -> None:
    """The 会议纪要 and process record are generated into 生成文书/, listed in the manifest and verified."""
    bag = _package(project, "bag")
    folder = bag / "data" / "生成文书"
    markdown = (folder / "会议纪要及决策过程记录表.md").read_text(encoding="utf-8")
    assert "会议纪要" in markdown and "LH-2020-003" in markdown
    with zipfile.ZipFile(folder / "会议纪要及决策过程记录表.docx") as word:
        assert "word/document.xml" in word.namelist()
    manifest = (bag / "manifest-sha256.txt").read_text(encoding="utf-8")
    assert "data/生成文书/会议纪要及决策过程记录表.md" in manifest
    assert verify(bag) == []
