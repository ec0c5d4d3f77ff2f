"""Find one decision record from what a user types: a file path, or a decision id in the project."""

from __future__ import annotations

import re
from pathlib import Path

from decision_check.errors import UsageError
from decision_check.loader import discover


def locate_record(target: str, folders: list[Path]) -> Path:
    """``target`` as a file when it is one, else the record under ``folders`` whose ``id`` is ``target``."""
    as_path = Path(target)
    if as_path.is_file():
        return as_path
    pattern = re.compile(rb"(?m)^id[ \t]*:[ \t]*['\"]?" + re.escape(target.encode()) + rb"['\"]?[ \t]*(#.*)?$")
    existing = [folder for folder in folders if folder.exists()]
    found = [p for p in discover(existing) if pattern.search(p.read_bytes()[:65536])]
    if not found:
        shown = "、".join(str(f) for f in folders)
        raise UsageError(
            f"找不到文件或编号为 {target} 的决策（在 {shown} 中）", f"no file or decision {target} in {shown}"
        )
    if len(found) > 1:
        listed = ", ".join(map(str, found))
        raise UsageError(
            f"编号 {target} 出现在多个文件中：{listed}；请直接给出文件",
            f"decision id {target} is in several files: {listed}; name the file",
        )
    return found[0]
