"""Edit a decision record in place without losing what its author wrote.

A ruamel.yaml round trip keeps comments, key order, quoting and flow style; the indentation of
block sequences is read from the file (``- `` under its key, or indented by two) so that untouched
lines come back byte for byte. Only additions are made: a new entry in ``documents`` and its id in
the step it belongs to.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from decision_check.errors import UsageError

_SEQUENCE_UNDER_KEY = re.compile(r"(?m)^( *)[^\s#-][^\n]*:[ \t]*\n( *)- ")


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long Chinese title
    match = _SEQUENCE_UNDER_KEY.search(text)
    offset = len(match.group(2)) - len(match.group(1)) if match else 0
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def add_document(text: str, entry: Mapping[str, Any], step: str | None, *, archived: bool = False) -> str:
    """``text`` with ``entry`` appended to ``documents``, its id to ``steps.<step>.documents`` and, when
    ``archived``, to ``steps.archive.archived_documents``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml(text)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise UsageError("决策文件的顶层不是键值映射，无法编辑", "the record's top level is not a mapping")
    documents = data.get("documents")
    if documents is None:
        documents = CommentedSeq()
        data["documents"] = documents
    if not isinstance(documents, CommentedSeq):
        raise UsageError("documents 不是列表，无法添加", "documents is not a list")
    new = CommentedMap(entry)
    if documents and isinstance(documents[-1], CommentedMap) and documents[-1].fa.flow_style():
        new.fa.set_flow_style()
    documents.append(new)
    steps = data.get("steps")
    targets = ([(step, "documents")] if step is not None else []) + (
        [("archive", "archived_documents")] if archived else []
    )
    for section_name, key in targets:
        section = steps.get(section_name) if isinstance(steps, CommentedMap) else None
        if isinstance(section, CommentedMap):
            ids = section.get(key)
            if ids is None:
                ids = CommentedSeq()
                ids.fa.set_flow_style()
                section[key] = ids
            if isinstance(ids, CommentedSeq):
                ids.append(entry["id"])
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
