"""``decision-check catalog import``: a real workbook built here with openpyxl, and a CSV."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.loader import load_file
from decision_check.models.records import Catalog

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is a runtime dependency: pip install -e .")
runner = CliRunner()
ORGAN = "丰都县龙河镇人民政府"


def _workbook(path: Path) -> None:
    """The shape offices keep: a merged title, a header merged over two rows, sections, blanks, a bad date."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "龙河镇2020年度重大行政决策事项目录"
    sheet.merge_cells("A1:E1")  # row 1: title merged across the sheet
    for column, name in zip("ABCDE", ["序号", "决策事项名称", "承办单位", "计划完成时间", "备注"], strict=True):
        sheet[f"{column}2"] = name
        sheet.merge_cells(f"{column}2:{column}3")  # rows 2-3: the header, each cell merged over two rows
    sheet["A4"] = "一、重大公共建设项目"
    sheet.merge_cells("A4:E4")  # row 4: section heading
    sheet.append([1, "龙河镇卫生院迁建工程", "镇社会事务办", datetime(2020, 6, 30), None])  # row 5
    sheet.append([2.0, "龙河镇场镇污水管网改造工程", "镇建设环保办", "2020年10月31日", None])  # row 6
    sheet.append([])  # row 7: blank
    sheet.append([None, None, None, None, None])  # row 8: blank
    sheet.append([3, "龙河镇场镇农贸市场搬迁", "镇经发办", "2020年2月30日", None])  # row 9: bad date
    sheet.append([4, None, "镇经发办", None, None])  # row 10: no title
    sheet.append([5, "龙河镇场镇风貌整治规划", "镇建设环保办", None, "因上级规划调整，年内未启动"])  # row 11
    sheet.append([None, None, None, None, "制表：龙河镇党政办"])  # row 12: a note
    book.save(path)


def test_import_workbook_reports_unreadable_rows_with_numbers(tmp_path: Path) -> None:
    source = tmp_path / "目录.xlsx"
    _workbook(source)
    target = tmp_path / "catalog.yaml"
    result = runner.invoke(
        app, ["catalog", "import", str(source), "--year", "2020", "--organ", ORGAN, "--output", str(target)]
    )
    assert result.exit_code == 1, result.stderr
    assert "第9行" in result.stderr and "2020年2月30日" in result.stderr
    assert "第10行" in result.stderr and "没有事项名称" in result.stderr
    for quiet in ("第4行", "第7行", "第8行", "第12行", "第3行"):
        assert quiet not in result.stderr
    assert "表头在第2行" in result.stdout
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["kind"] == "catalog" and data["year"] == 2020 and data["organ"] == ORGAN
    assert [(e["entry"], e["title"]) for e in data["entries"]] == [
        ("1", "龙河镇卫生院迁建工程"),
        ("2", "龙河镇场镇污水管网改造工程"),
        ("5", "龙河镇场镇风貌整治规划"),
    ]
    assert data["entries"][2]["reason"] == "因上级规划调整，年内未启动"
    assert "计划完成：2020-06-30" in target.read_text(encoding="utf-8")
    loaded = load_file(target)
    assert isinstance(loaded.record, Catalog) and not loaded.findings


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    source = tmp_path / "目录.csv"
    source.write_text(
        "序号,事项名称,决策编号\n1,龙河镇卫生院迁建工程,LH-2020-001\n\n2,龙河镇村级小学布局调整,\n", encoding="utf-8"
    )
    target = tmp_path / "catalog.yaml"
    target.write_text("kind: catalog\n", encoding="utf-8")
    args = ["catalog", "import", str(source), "--year", "2020", "--organ", ORGAN, "--output", str(target)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "kind: catalog\n"
    done = runner.invoke(app, [*args, "--force"])
    assert done.exit_code == 0, done.stderr
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["entries"][0] == {"entry": "1", "title": "龙河镇卫生院迁建工程", "decision_id": "LH-2020-001"}
    assert len(data["entries"]) == 2


def test_import_gbk_csv_and_missing_header(tmp_path: Path) -> None:
    source = tmp_path / "gbk.csv"
    source.write_bytes("序号,决策事项\n1,龙河镇卫生院迁建工程\n".encode("gb18030"))
    done = runner.invoke(
        app, ["catalog", "import", str(source), "--year", "2020", "--organ", ORGAN, "-o", str(tmp_path / "a.yaml")]
    )
    assert done.exit_code == 0, done.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("名字,单位\nx,y\n", encoding="utf-8")
    refused = runner.invoke(
        app, ["catalog", "import", str(bad), "--year", "2020", "--organ", ORGAN, "-o", str(tmp_path / "b.yaml")]
    )
    assert refused.exit_code == 2 and "表头" in refused.stderr and not (tmp_path / "b.yaml").exists()
