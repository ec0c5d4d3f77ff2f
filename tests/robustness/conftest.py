"""The fuzz harness lives beside these tests (also used by benchmarks/fuzz.py): make it importable."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
