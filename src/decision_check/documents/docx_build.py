"""Builds the bundled Word templates (GB/T 9704-2012 layout) with python-docx.

Run ``python -m decision_check.documents.docx_build`` after changing this module; it rewrites
``templates/*.docx``. A test checks that the committed files are what this module builds
(structurally: paragraphs, styles, fonts, page setup), so the two cannot drift.

:func:`official_document` is the shared starting point for every bundled Word template: A4,
margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (GB/T 9704 §5.2.1); body 仿宋_GB2312 三号
(16 pt); headings 黑体 三号; title 方正小标宋简体 二号 (22 pt), falling back to 宋体 where that font is not
installed (the font table names the fallback). East Asian font attributes (``w:rFonts
w:eastAsia``) are set on every style so Word and LibreOffice both choose the Chinese fonts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATES = Path(__file__).parent / "templates"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
SMALL_SIZE = Pt(14)  # 四号 (版记, footers)
RED = RGBColor(0xE6, 0x00, 0x12)
COLUMNS_MM = (26, 56, 22, 24, 28)  # 决策过程记录表: 156 mm, the text block's width
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set ascii/hAnsi/eastAsia fonts on a style's or run's ``w:rPr``."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attribute), value)


def _style(document: Any, name: str, font: str, size: Pt, *, bold: bool = False, base: str | None = None) -> Any:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if base is not None:
        style.base_style = styles[base]
    style.font.name = LATIN_FONT
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, font)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = Pt(28.95)  # 22 lines on a GB/T 9704 page
    return style


def _font_table(document: Any) -> None:
    """Name a fallback (``w:altName``) for each Chinese font in the font table."""
    part = document.part
    table = next((rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if table is None:
        return
    from docx.oxml import parse_xml

    root = parse_xml(table.blob)
    for name, fallback in FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), fallback)
        font.append(alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(charset)
        root.append(font)
    from lxml import etree

    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def official_document() -> Any:
    """A python-docx Document with the GB/T 9704 page and the styles 正文, 标题, 小标题, 版记."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _style(document, "Normal", BODY_FONT, BODY_SIZE)
    title = _style(document, "DC Title", TITLE_FONT, TITLE_SIZE, base="Normal")
    title.font.color.rgb = RED
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(40)
    heading = _style(document, "DC Heading", HEADING_FONT, BODY_SIZE, base="Normal")
    heading.paragraph_format.keep_with_next = True  # never the last line of a page
    _style(document, "DC Small", BODY_FONT, SMALL_SIZE, base="Normal")
    table = _style(document, "DC Table", BODY_FONT, Pt(12), base="Normal")  # 小四 in the table
    table.paragraph_format.line_spacing = 1.0
    footer = _style(document, "DC Footer", BODY_FONT, Pt(10.5), base="Normal")  # 五号: a SHA-256 fits a line
    footer.paragraph_format.line_spacing = 1.0
    footer.paragraph_format.space_before = Pt(12)
    centred = _style(document, "DC Centred", BODY_FONT, BODY_SIZE, base="Normal")
    centred.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    body = _style(document, "DC Body", BODY_FONT, BODY_SIZE, base="Normal")
    body.paragraph_format.first_line_indent = Pt(32)  # two characters
    _font_table(document)
    return document


def labelled(document: Any, label: str, value: str, style: str = "DC Body") -> Any:
    """A paragraph '<label>：<value>' with the label in 黑体 (the 出席 / 请假 / 列席 lines of §10.3)."""
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(f"{label}：")
    set_fonts(run._r, HEADING_FONT)
    paragraph.add_run(value)
    return paragraph


def page_break(document: Any) -> None:
    """A paragraph holding only a page break."""
    document.add_paragraph(style="DC Body").add_run().add_break(WD_BREAK.PAGE)


def each_on_a_new_page(d: Any, loop: str) -> None:
    """Open ``{%p for LOOP %}`` whose items after the first start on a new page; close with endfor."""
    d.add_paragraph(f"{{%p for {loop} %}}", style="DC Body")
    d.add_paragraph("{%p if not loop.first %}", style="DC Body")
    page_break(d)
    d.add_paragraph("{%p endif %}", style="DC Body")


def _meetings(d: Any) -> None:
    each_on_a_new_page(d, "m in meetings")
    d.add_paragraph("{{ m.title }}", style="DC Title")
    d.add_paragraph("{{ m.number_line }}", style="DC Centred")
    d.add_paragraph("{{ m.date_text }}", style="DC Centred")
    d.add_paragraph("", style="DC Body")
    d.add_paragraph("{{ m.opening }}", style="DC Body")
    d.add_paragraph("{%p for topic in m.topics %}", style="DC Body")
    d.add_paragraph("{{ topic.heading }}", style="DC Heading")
    d.add_paragraph("{%p for line in topic.lines %}", style="DC Body")
    d.add_paragraph("{{ line }}", style="DC Body")
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("", style="DC Body")
    for label, key in (("出席", "present"), ("请假", "absent"), ("列席", "nonvoting"), ("记录", "recorder")):
        d.add_paragraph(f"{{%p if m.{key}_line %}}", style="DC Body")
        labelled(d, label, f"{{{{ m.{key}_line }}}}")
        d.add_paragraph("{%p endif %}", style="DC Body")
    d.add_paragraph("{%p endfor %}", style="DC Body")


def _grid(d: Any, header: tuple[str, ...], cells: tuple[str, ...], loop: str, widths: tuple[int, ...]) -> None:
    """A table: a header row, then one row per item of ``loop`` (docxtpl ``{%tr for %}``)."""
    table = d.add_table(rows=3, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        set_fonts(cell.paragraphs[0].runs[0]._r, HEADING_FONT)
    table.rows[1].cells[0].text = f"{{%tr for row in {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.add_row().cells[0].text = "{%tr endfor %}"
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
            for paragraph in cell.paragraphs:
                paragraph.style = d.styles["DC Table"]


def _record(d: Any) -> None:
    d.add_paragraph("{%p if process_record %}", style="DC Body")
    d.add_paragraph("{%p if meetings %}", style="DC Body")
    page_break(d)
    d.add_paragraph("{%p endif %}", style="DC Body")
    d.add_paragraph("{{ process_record.title }}", style="DC Title")
    d.add_paragraph("{{ process_record.subtitle }}", style="DC Centred")
    _grid(
        d,
        ("程序环节", "是否必经及依据", "状态", "日期", "材料"),
        tuple(f"{{{{ row.{key} }}}}" for key in ("step", "required", "status", "dates", "documents")),
        "process_record.rows",
        COLUMNS_MM,
    )
    for heading, key in (("尚未解决的问题", "findings"), ("适用的豁免", "waivers")):
        d.add_paragraph(heading, style="DC Heading")
        d.add_paragraph(f"{{%p for item in process_record.{key} %}}", style="DC Body")
        d.add_paragraph("{{ item }}", style="DC Small")
        d.add_paragraph("{%p endfor %}", style="DC Body")
        d.add_paragraph(f"{{%p if not process_record.{key} %}}", style="DC Body")
        d.add_paragraph("无。", style="DC Body")
        d.add_paragraph("{%p endif %}", style="DC Body")
    d.add_paragraph("{%p endif %}", style="DC Body")


def _tail(d: Any) -> None:
    d.add_paragraph("{%p if draft %}", style="DC Body")
    page_break(d)
    d.add_paragraph("草稿：尚未解决的问题", style="DC Heading")
    d.add_paragraph("{%p for f in open_findings %}", style="DC Body")
    d.add_paragraph("{{ f }}", style="DC Small")
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("{%p endif %}", style="DC Body")
    d.add_paragraph("{{ footer }}", style="DC Footer")


def build_minutes() -> Any:
    """The bundled ``minutes`` template: each 纪要, then the 决策过程记录表 (context: :mod:`.minutes`)."""
    d = official_document()
    _meetings(d)
    _record(d)
    _tail(d)
    return d


def build_process_record() -> Any:
    """The bundled ``process_record`` template (the same context with no meetings)."""
    d = official_document()
    _record(d)
    _tail(d)
    return d


REPORT_COLUMNS_MM = (48, 36, 36, 36)  # 表1: 156 mm
APPENDIX_COLUMNS_MM = (26, 50, 24, 16, 40)  # the appendix: 156 mm


def build_report() -> Any:
    """The bundled ``report`` template: per organ, title, sections, 表1 and the appendix (context: :mod:`.report`)."""
    d = official_document()
    each_on_a_new_page(d, "part in parts")
    d.add_paragraph("{{ part.title }}", style="DC Title")
    d.add_paragraph("{{ part.subtitle }}", style="DC Centred")
    d.add_paragraph("", style="DC Body")
    d.add_paragraph("{%p for section in part.sections %}", style="DC Body")
    d.add_paragraph("{{ section.heading }}", style="DC Heading")
    d.add_paragraph("{%p for p in section.paragraphs %}", style="DC Body")
    d.add_paragraph("{{ p.text }}", style="DC Body")
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("{{ part.table.caption }}", style="DC Centred")
    _grid(
        d,
        ("程序", "应开展（项）", "已开展（项）", "应开展未开展（项）"),
        tuple(f"{{{{ row[{i}].text }}}}" for i in range(4)),
        "part.table.rows",
        REPORT_COLUMNS_MM,
    )
    page_break(d)
    d.add_paragraph("{{ part.appendix.caption }}", style="DC Heading")
    _grid(
        d,
        ("编号", "决策事项", "决策日期", "状态", "检查发现的问题"),
        tuple(f"{{{{ row[{i}] }}}}" for i in range(5)),
        "part.appendix.rows",
        APPENDIX_COLUMNS_MM,
    )
    d.add_paragraph("{%p endfor %}", style="DC Body")
    d.add_paragraph("{{ footer }}", style="DC Footer")
    return d


BUILDERS: dict[str, Callable[[], Any]] = {
    "minutes.docx": build_minutes,
    "process_record.docx": build_process_record,
    "report.docx": build_report,
}


def main(argv: list[str] | None = None) -> int:
    """Write every bundled Word template into ``templates/`` (or the folder given as argument)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else TEMPLATES
    for name, build in BUILDERS.items():
        build().save(str(folder / name))
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
