"""The one entry point that turns a document context into bytes.

API (stable — the minutes, report and site commands call it)::

    render_document(kind, fmt, context, *, templates_dir=None, draft=False) -> bytes

- ``kind``: the document's template stem, e.g. ``"minutes"``, ``"process_record"``, ``"report"``.
- ``fmt``: ``"md"`` renders ``<kind>.md.j2``; ``"html"`` renders ``<kind>.html.j2`` (autoescaped);
  ``"docx"`` renders the Word template ``<kind>.docx`` with docxtpl (Jinja2 tags inside the
  document, XML-escaped values). Each is looked up in ``templates_dir`` first, then in the bundled
  ``templates/`` folder, so an office overrides a template by giving its file the same name.
- ``context``: a mapping of plain values (str, int, list, dict, bool, None) — what the context
  builders (:mod:`.minutes`, :mod:`.process_record`) return. The key ``draft`` is set from ``draft``.
- ``draft``: the document is a draft (草稿). Templates show it (header, watermark, open findings);
  for DOCX, ``render_document`` also puts 草稿 into every section's header and a watermark text
  behind the page, whatever the (user's) template does.

Markdown and HTML are returned UTF-8 encoded. Errors: :class:`~.errors.DocumentError` (exit 2)
naming the template and line for a missing template, a syntax error, an undefined value or a
sandbox refusal.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from decision_check.documents.environment import find_template_file, guard, render_template
from decision_check.documents.errors import DocumentError

Format = Literal["md", "html", "docx"]
FORMATS: tuple[str, ...] = ("md", "html", "docx")
DRAFT_MARK = "草稿"


def render_document(
    kind: str,
    fmt: str,
    context: Mapping[str, Any],
    *,
    templates_dir: Path | None = None,
    draft: bool = False,
) -> bytes:
    """Render document ``kind`` as ``fmt`` (``md``, ``html`` or ``docx``) from ``context``."""
    values = {**context, "draft": draft}
    if fmt in ("md", "html"):
        return render_template(f"{kind}.{fmt}.j2", values, templates_dir).encode("utf-8")
    if fmt == "docx":
        return _render_docx(f"{kind}.docx", values, templates_dir, draft)
    raise DocumentError(
        f"未知的文档格式 {fmt}（可用：md、html、docx）", f"unknown document format {fmt} (md, html or docx)"
    )


def _render_docx(name: str, context: dict[str, Any], templates_dir: Path | None, draft: bool) -> bytes:
    from docxtpl import DocxTemplate  # heavy: only when a Word document is made

    from decision_check.documents.environment import docx_environment

    path = find_template_file(name, templates_dir)
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # a corrupt or non-Word file: python-docx raises many kinds
        raise DocumentError(
            f"无法读取 Word 模板：{exc}", f"cannot read the Word template: {exc}", template=name
        ) from None
    guard(name, lambda: template.render(context, jinja_env=docx_environment(), autoescape=True))
    if draft:
        from decision_check.documents.docx_draft import mark_draft

        mark_draft(template.docx, DRAFT_MARK)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


__all__ = ["DRAFT_MARK", "FORMATS", "Format", "render_document"]
