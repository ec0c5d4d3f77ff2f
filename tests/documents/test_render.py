"""The document layer: sandboxed templates, lookup order, template errors, the Word templates."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from decision_check.documents import DocumentError
from decision_check.documents.render import render_document


def test_user_template_overrides_bundled_by_name(tmp_path: Path) -> None:
    (tmp_path / "minutes.md.j2").write_text("自定义 {{ title }}\n", encoding="utf-8")
    out = render_document("minutes", "md", {"title": "纪要"}, templates_dir=tmp_path)
    assert out.decode() == "自定义 纪要\n"


def test_html_is_autoescaped_md_is_not(tmp_path: Path) -> None:
    (tmp_path / "x.html.j2").write_text("{{ v }}", encoding="utf-8")
    (tmp_path / "x.md.j2").write_text("{{ v }}", encoding="utf-8")
    assert render_document("x", "html", {"v": "<b>"}, templates_dir=tmp_path) == b"&lt;b&gt;"
    assert render_document("x", "md", {"v": "<b>"}, templates_dir=tmp_path) == b"<b>"


def test_undefined_value_names_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.md.j2").write_text("第一行\n第二行\n{{ missing }}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        render_document("x", "md", {}, templates_dir=tmp_path)
    assert (caught.value.template, caught.value.line) == ("x.md.j2", 3)
    assert "x.md.j2:3" in caught.value.zh and "missing" in caught.value.en


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.md.j2").write_text("ok\n{% for a in b %}\nno end\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        render_document("x", "md", {"b": []}, templates_dir=tmp_path)
    assert caught.value.template == "x.md.j2" and caught.value.line is not None


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    (tmp_path / "x.md.j2").write_text("a\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        render_document("x", "md", {}, templates_dir=tmp_path)
    assert caught.value.template == "x.md.j2" and caught.value.line == 2
    assert "沙箱" in caught.value.zh


def test_unknown_format_and_missing_template(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        render_document("minutes", "pdf", {})
    with pytest.raises(DocumentError, match=r"nope\.md\.j2"):
        render_document("nope", "md", {}, templates_dir=tmp_path)


def test_docx_user_template(tmp_path: Path) -> None:
    import docx

    from decision_check.documents.docx_build import official_document

    document = official_document()
    document.add_paragraph("本单位红头 {{ title }}")
    document.save(str(tmp_path / "minutes.docx"))
    out = render_document("minutes", "docx", {"title": "龙河<纪要>"}, templates_dir=tmp_path, draft=True)
    rendered = docx.Document(io.BytesIO(out))
    assert [p.text for p in rendered.paragraphs][-1] == "本单位红头 龙河<纪要>"
    assert "草稿" in rendered.sections[0].header.paragraphs[0].text
