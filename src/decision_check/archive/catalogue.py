"""The 归档文件目录 of a decision's package: one row per archived document, DA/T 22-2015 §5.5 columns.

Columns: 序号、档号、文号、责任者、题名、日期（8 位 YYYYMMDD）、密级、页数、备注. The record holds one
档号 (``steps.archive.archive_no``) for the decision; every row carries it, and the 备注 says which
document of the decision the row is — the archivist's own per-件 numbers are not invented here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from decision_check.models.records import Decision, Document

COLUMNS: tuple[str, ...] = ("序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注")


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """One row of the 归档文件目录."""

    number: int
    archive_no: str
    doc_no: str
    author: str
    title: str
    date: str
    classification: str
    pages: str
    note: str

    def cells(self) -> list[str | int]:
        return [
            self.number,
            self.archive_no,
            self.doc_no,
            self.author,
            self.title,
            self.date,
            self.classification,
            self.pages,
            self.note,
        ]


def archived_documents(decision: Decision) -> list[Document]:
    """The documents the package holds: those listed in ``archived_documents``, else the whole register."""
    archive = decision.steps.archive
    wanted = list(archive.archived_documents) if archive is not None else []
    by_id = {d.id: d for d in decision.documents}
    if wanted:
        return [by_id[i] for i in wanted if i in by_id]
    return list(decision.documents)


def rows(decision: Decision, notes: dict[str, str] | None = None) -> list[CatalogueRow]:
    """The catalogue rows of ``decision``; ``notes`` adds remarks by document id (e.g. 文件缺失)."""
    archive = decision.steps.archive
    archive_no = (archive.archive_no if archive is not None else None) or ""
    out = []
    for number, document in enumerate(archived_documents(decision), start=1):
        remark = [f"{document.id} {document.type.zh}"]
        if notes and document.id in notes:
            remark.append(notes[document.id])
        out.append(
            CatalogueRow(
                number=number,
                archive_no=archive_no,
                doc_no=document.doc_no or "",
                author=document.author or decision.organ,
                title=document.title or document.type.zh,
                date=document.date.strftime("%Y%m%d") if document.date else "",
                classification=document.classification or "",
                pages=str(document.pages) if document.pages is not None else "",
                note="；".join(remark),
            )
        )
    return out


def to_csv(table: Sequence[CatalogueRow]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in table:
        writer.writerow(row.cells())
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Sequence[CatalogueRow], title: str) -> bytes:
    """The same table as an Excel workbook (openpyxl, imported here: only archive needs it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "归档文件目录"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row.cells())
    for letter, width in zip("ABCDEFGHI", (6, 26, 22, 22, 40, 10, 6, 6, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
