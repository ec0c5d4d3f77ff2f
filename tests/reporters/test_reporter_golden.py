"""Every reporter's output on the fixture result, compared with its golden file.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reporters``
and review the diff of ``tests/golden/reporters/`` (see ``tests/golden/README.md``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from decision_check.findings import Result
from decision_check.i18n import LANGS, Lang
from decision_check.reporters import FORMATS, ReportMeta, renderer

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "reporters"
EXTENSION = {"rich": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "markdown": "md", "github": "txt"}


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSION) == set(FORMATS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(EXTENSION))
def test_render_matches_golden(name: str, lang: Lang, result: Result, meta_for: Callable[..., ReportMeta]) -> None:
    rendered = renderer(name)(result, meta_for(lang))
    golden = GOLDEN / f"{name}.{lang}.{EXTENSION[name]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8", newline="")
    assert golden.exists(), f"no golden file {golden}; run UPDATE_GOLDEN=1 pytest tests/reporters"
    assert rendered == golden.read_bytes().decode("utf-8")
