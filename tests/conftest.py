"""Test-wide setup: compiled rule books are cached in a per-session folder, never in the user's home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _rulebook_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("rulebook-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECISION_CHECK_CACHE", str(folder))
        yield folder
