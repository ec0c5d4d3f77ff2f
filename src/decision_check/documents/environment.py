"""The Jinja2 environment every document is rendered with, and template lookup.

Lookup order: the user's template folder (config key ``templates`` or ``--templates DIR``), then
the package's ``templates/`` — a user template overrides a bundled one by *name*. The environment is
a :class:`jinja2.sandbox.SandboxedEnvironment` (a template cannot reach Python internals), with
:class:`jinja2.StrictUndefined` (a missing value is an error, never an empty line in an official
document) and autoescaping for ``.html`` templates only. Every Jinja2 failure is turned into a
:class:`~decision_check.documents.errors.DocumentError` naming the template and line (exit 2).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from decision_check.documents.errors import DocumentError

BUNDLED = Path(__file__).parent / "templates"
T = TypeVar("T")


def _autoescape(name: str | None) -> bool:
    return bool(name) and (name or "").removesuffix(".j2").endswith((".html", ".htm"))


def search_path(templates_dir: Path | None) -> list[Path]:
    """Folders searched for a template, first match wins: the user's folder, then the bundled one."""
    return [templates_dir, BUNDLED] if templates_dir is not None else [BUNDLED]


@lru_cache(maxsize=8)
def _environment(templates_dir: Path | None) -> SandboxedEnvironment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(p)) for p in search_path(templates_dir)]
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def environment(templates_dir: Path | None = None) -> SandboxedEnvironment:
    """The sandboxed environment looking in ``templates_dir`` (if given) before the bundled templates."""
    if templates_dir is not None and not templates_dir.is_dir():
        raise DocumentError(f"模板目录不存在：{templates_dir}", f"template folder does not exist: {templates_dir}")
    return _environment(templates_dir.resolve() if templates_dir is not None else None)


def find_template_file(name: str, templates_dir: Path | None) -> Path:
    """The file ``name`` in the user folder, else the bundled one (for non-Jinja templates such as .docx)."""
    for folder in search_path(templates_dir):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise DocumentError(f"找不到模板 {name}", f"template {name} not found", template=name)


def _template_line(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """Template name and line of the innermost template frame of ``exc``'s traceback.

    Jinja2 rewrites a render traceback so that template frames carry the template's file name and
    line; the last such frame is where the template went wrong.
    """
    name, line = fallback, None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            name, line = Path(filename).name, lineno
    return name, line


def guard(template: str, action: Callable[[], T]) -> T:
    """Run ``action`` (loading or rendering ``template``); turn any Jinja2 failure into a DocumentError."""
    try:
        return action()
    except jinja2.TemplateSyntaxError as exc:
        raise DocumentError(
            f"模板语法错误：{exc.message}",
            f"template syntax error: {exc.message}",
            template=exc.name or template,
            line=exc.lineno,
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise DocumentError(f"找不到模板 {exc.name}", f"template {exc.name} not found", template=template) from None
    except SecurityError as exc:
        name, line = _template_line(exc, template)
        raise DocumentError(
            f"模板试图访问不允许的内容（沙箱拒绝）：{exc}",
            f"the sandbox refused access: {exc}",
            template=name,
            line=line,
        ) from None
    except jinja2.UndefinedError as exc:
        name, line = _template_line(exc, template)
        raise DocumentError(
            f"模板使用了未定义的值：{exc.message}",
            f"template uses an undefined value: {exc.message}",
            template=name,
            line=line,
        ) from None
    except jinja2.TemplateError as exc:
        name, line = _template_line(exc, template)
        raise DocumentError(f"模板错误：{exc}", f"template error: {exc}", template=name, line=line) from None


def render_template(name: str, context: Mapping[str, Any], templates_dir: Path | None = None) -> str:
    """Render the Jinja2 template ``name`` with ``context`` (errors become DocumentError)."""
    env = environment(templates_dir)
    template = guard(name, lambda: env.get_template(name))
    return guard(name, lambda: template.render(dict(context)))


@lru_cache(maxsize=1)
def docx_environment() -> SandboxedEnvironment:
    """The sandboxed environment docxtpl renders Word templates with (values XML-escaped)."""
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


__all__ = [
    "BUNDLED",
    "docx_environment",
    "environment",
    "find_template_file",
    "guard",
    "render_template",
    "search_path",
]
