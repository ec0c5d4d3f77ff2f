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
    pattern = re.compile(rf"(?m)^id[ \t]*:[ \t]*['\"]?{re.escape(target)}['\"]?[ \t]*(#.*)?$")
    found = []
    for path in discover([f for f in folders if f.exists()]):
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        if pattern.search(text):
            found.append(path)
    if not found:
        shown = "、".join(str(f) for f in folders)
        raise UsageError(
            f"找不到决策 {target}：既不是文件，也不是 {shown} 中某个决策的 id",
            f"no decision {target}: not a file, nor the id of a decision in {', '.join(map(str, folders))}",
        )
    if len(found) > 1:
        files = "、".join(str(p) for p in found)
        raise UsageError(
            f"有多个决策的 id 是 {target}：{files}；请直接给出文件", f"several records have id {target}: {files}"
        )
    return found[0]
