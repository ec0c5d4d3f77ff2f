"""The committed Word templates are what docx_build makes, and they follow GB/T 9704."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from decision_check.documents import docx_build
from decision_check.documents.environment import BUNDLED


def _structure(document: Any) -> dict[str, Any]:
    section = document.sections[0]
    styles = {}
    for style in document.styles:
        if style.type == 1 and (style.name == "Normal" or style.name.startswith("DC ")):
            fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
            styles[style.name] = (
                style.font.size,
                None if fonts is None else fonts.get(qn("w:eastAsia")),
                None if fonts is None else fonts.get(qn("w:ascii")),
            )
    return {
        "page": (section.page_width, section.page_height),
        "margins": (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
        "paragraphs": [(p.style.name, p.text) for p in document.paragraphs],
        "tables": [[c.text for row in t.rows for c in row.cells] for t in document.tables],
        "styles": styles,
    }


@pytest.mark.parametrize("name", sorted(docx_build.BUILDERS))
def test_committed_template_matches_builder(name: str) -> None:
    built = io.BytesIO()
    docx_build.BUILDERS[name]().save(built)
    committed = docx.Document(str(BUNDLED / name))
    assert _structure(committed) == _structure(docx.Document(io.BytesIO(built.getvalue()))), (
        f"templates/{name} is stale: run python -m decision_check.documents.docx_build"
    )


@pytest.mark.parametrize("name", sorted(docx_build.BUILDERS))
def test_template_follows_gbt_9704(name: str) -> None:
    s = _structure(docx.Document(str(BUNDLED / name)))
    assert [round(v.mm, 1) for v in s["page"]] == [210, 297]  # twips: 0.02 mm rounding
    assert [round(v.mm, 1) for v in s["margins"]] == [37, 35, 28, 26]
    assert s["styles"]["Normal"] == (Pt(16), "仿宋_GB2312", "Times New Roman")
    assert s["styles"]["DC Title"] == (Pt(22), "方正小标宋简体", "Times New Roman")
    assert s["styles"]["DC Heading"] == (Pt(16), "黑体", "Times New Roman")


def test_font_table_names_fallbacks() -> None:
    document = docx.Document(str(BUNDLED / "minutes.docx"))
    table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = table.blob.decode("utf-8")
    for font, fallback in docx_build.FALLBACKS.items():
        assert f'w:name="{font}"' in xml and f'w:val="{fallback}"' in xml
