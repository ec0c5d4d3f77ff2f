"""Marks a rendered Word document as a draft: 草稿 in every section header and a watermark text."""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:160pt;rotation:315;'
    "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" fillcolor="#e0e0e0" stroked="f">'
    '<v:fill opacity=".5"/>'
    '<v:textpath on="t" fitshape="t" style="font-family:&quot;SimHei&quot;;font-size:1pt" string="{text}"/>'
    "</v:shape></w:pict></w:r>"
)


def mark_draft(document: Any, text: str) -> None:
    """Add ``text`` at the top of every section's header (red, bold) and as a grey diagonal watermark."""
    for section in document.sections:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        run = paragraph.add_run(f"{text}（DRAFT）")
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        paragraph._p.append(parse_xml(_WATERMARK.format(text=text)))
