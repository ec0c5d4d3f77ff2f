"""The one error of the document layer: a template that cannot be found, parsed or rendered."""

from __future__ import annotations

from decision_check.errors import DecisionCheckError


class DocumentError(DecisionCheckError):
    """A template is missing, has a syntax error, uses an undefined value or is refused by the sandbox.

    ``template`` and ``line`` name where (``line`` is ``None`` when Jinja2 does not know it).
    """

    def __init__(self, zh: str, en: str, *, template: str | None = None, line: int | None = None) -> None:
        where = f"{template}:{line}" if template and line else (template or "")
        if where:
            zh, en = f"模板 {where}：{zh}", f"template {where}: {en}"
        super().__init__(zh, en)
        self.template = template
        self.line = line
