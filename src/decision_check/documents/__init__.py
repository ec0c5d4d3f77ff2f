"""Official documents generated from decision records: 会议纪要, 决策过程记录表, report sections.

This adapter package owns the template environment (:mod:`.environment`: sandboxed Jinja2, user
folder before the bundled ``templates/``), the one rendering entry point (:mod:`.render`:
Markdown, HTML, DOCX via docxtpl) and the pure context builders (:mod:`.minutes`,
:mod:`.process_record`). The core never imports it; jinja2 and docxtpl are imported only here,
and only when a document is rendered.
"""

from decision_check.documents.errors import DocumentError

__all__ = ["DocumentError"]
