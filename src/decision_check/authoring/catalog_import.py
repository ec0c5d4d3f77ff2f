"""The annual 重大行政决策事项目录 from the spreadsheet an office keeps (XLSX or CSV) to catalogue YAML.

Reading is forgiving, reporting is exact: merged cells take the value of their top-left cell; the
header row is the first one naming both a number column (序号) and a title column (事项名称); blank
rows and section headings (one value across the row, e.g. "一、重大公共建设项目") are skipped; every
other row that cannot become an entry is reported with its row number and reason, never guessed.
``openpyxl`` is imported only when an ``.xlsx`` file is read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from decision_check.errors import UsageError
from decision_check.models.types import parse_date

# Column roles and the header words that name them (first match wins, in this order).
_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry", ("序号", "编号", "项目序号")),
    ("decision_id", ("决策编号", "决策文号")),
    ("title", ("事项名称", "决策事项", "名称", "事项")),
    ("sponsor", ("承办单位", "责任单位", "承办")),
    ("planned", ("计划完成时间", "完成时限", "计划时间", "时间")),
    ("reason", ("未启动原因", "备注", "说明")),
)
_HEADER_SCAN = 15


@dataclass(frozen=True)
class Problem:
    """A row that could not be read."""

    row: int
    zh: str
    en: str


@dataclass(frozen=True)
class Entry:
    entry: str
    title: str
    row: int
    decision_id: str | None = None
    sponsor: str | None = None
    planned: date | None = None
    reason: str | None = None


@dataclass
class Imported:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """(1-based row number, cell values) of the first sheet; merged cells filled from their top-left."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes any byte string
            raise UsageError(f"无法识别 {path} 的编码", f"cannot decode {path}")
        return [(number, list(row)) for number, row in enumerate(csv.reader(text.splitlines()), 1)]
    if suffix not in (".xlsx", ".xlsm"):
        raise UsageError(f"只能导入 .xlsx 或 .csv 文件：{path}", f"only .xlsx or .csv files can be imported: {path}")
    import openpyxl  # heavy: imported only here

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UsageError(f"无法读取表格 {path}：{exc}", f"cannot read the workbook {path}: {exc}") from None
    sheet = book.worksheets[0]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = top
    return [(number, row) for number, row in enumerate(grid, 1)]


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        compact = re.sub(r"\s+", "", name)
        for role, words in _COLUMNS:
            if role not in found and any(word in compact for word in words):
                found[role] = index
                break
    return found


def parse_rows(rows: Sequence[tuple[int, Sequence[Any]]]) -> Imported:
    """Entries and problems from the sheet's rows."""
    result = Imported()
    columns: dict[str, int] = {}
    header: list[str] = []
    start = 0
    for position, (number, row) in enumerate(rows[:_HEADER_SCAN]):
        candidate = _columns([_cell(v) for v in row])
        if "entry" in candidate and "title" in candidate:
            columns, start, result.header_row = candidate, position + 1, number
            header = [_cell(v) for v in row]
            break
    if not columns:
        raise UsageError(
            f"前{_HEADER_SCAN}行中找不到表头（需含“序号”和“事项名称”列）",
            f"no header row in the first {_HEADER_SCAN} rows (a 序号 and a 事项名称 column are needed)",
        )
    seen: dict[str, int] = {}
    for number, row in rows[start:]:
        cells = [_cell(v) for v in row]
        filled = [c for c in cells if c]
        if not filled:
            continue  # blank row
        if len(filled) > 1 and len(set(filled)) == 1:
            continue  # a section heading merged across the row
        if cells == header:
            continue  # the second row of a header merged over two rows
        entry, title = _get(cells, columns, "entry"), _get(cells, columns, "title")
        if len(filled) == 1 and not entry and not title:
            continue  # a note in a column of its own (制表人、注)
        if not title:
            result.problems.append(Problem(number, "没有事项名称", "no title"))
            continue
        if not entry:
            result.problems.append(Problem(number, f"“{title}”没有序号", f"'{title}' has no entry number"))
            continue
        if entry in seen:
            result.problems.append(
                Problem(number, f"序号 {entry} 与第{seen[entry]}行重复", f"entry {entry} repeats row {seen[entry]}")
            )
            continue
        planned: date | None = None
        raw_date = row[columns["planned"]] if "planned" in columns and columns["planned"] < len(row) else None
        if raw_date not in (None, ""):
            try:
                planned = parse_date(raw_date.date() if isinstance(raw_date, datetime) else _cell(raw_date))
            except ValueError as exc:
                zh, _, en = str(exc).partition(" / ")
                result.problems.append(Problem(number, f"计划完成时间：{zh}", f"planned date: {en or zh}"))
                continue
        seen[entry] = number
        result.entries.append(
            Entry(
                entry,
                title,
                number,
                _get(cells, columns, "decision_id") or None,
                _get(cells, columns, "sponsor") or None,
                planned,
                _get(cells, columns, "reason") or None,
            )
        )
    return result


def _get(cells: Sequence[str], columns: dict[str, int], role: str) -> str:
    index = columns.get(role)
    return cells[index] if index is not None and index < len(cells) else ""


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(imported: Imported, year: int, organ: str, source: str) -> str:
    """The catalogue YAML (format: decision-format.md, Catalogue file)."""
    lines = [
        f"# {organ}{year}年度重大行政决策事项目录（由 {source} 导入，decision-check catalog import）。",
        "# 目录通过、党委同意、公布的日期请据实填写（CAT-02）；各决策文件的 catalog 须与本目录一致（CAT-01）。",
        "kind: catalog  # 文件类型：决策事项目录",
        f"year: {year}  # 目录年度",
        f"organ: {_quoted(organ)}  # 决策机关",
        f"owner: {_quoted(organ)}  # 发布目录的机关（乡镇可使用县级目录）",
        "adopted:  # 目录经政府会议通过",
        "  date:  # 通过日期",
        "  meeting:  # 会议名称，如 2020年第1次镇政府班子会",
        "party_consent:  # 同级党委同意的日期",
        "published:  # 向社会公布",
        "  date:  # 公布日期",
        "  url:  # 公布网址",
        "entries:  # 目录事项" + ("" if imported.entries else " []"),
    ]
    for item in imported.entries:
        lines.append(f"  - entry: {_quoted(item.entry)}  # 序号（表格第{item.row}行）")
        lines.append(f"    title: {_quoted(item.title)}  # 事项名称")
        if item.decision_id:
            lines.append(f"    decision_id: {_quoted(item.decision_id)}  # 决策编号")
        if item.reason:
            lines.append(f"    reason: {_quoted(item.reason)}  # 未形成决策文件的原因或备注")
        extra = [
            f"承办单位：{item.sponsor}" if item.sponsor else "",
            f"计划完成：{item.planned}" if item.planned else "",
        ]
        if any(extra):
            lines.append("    # " + "；".join(e for e in extra if e))
    return "\n".join(lines) + "\n"
