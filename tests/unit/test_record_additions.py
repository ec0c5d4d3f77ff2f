"""The keys issue 15 added to the record format: optional, in the JSON Schema, documented."""

from __future__ import annotations

import re
from pathlib import Path

from decision_check.models.enums import LegalityMaterial, ReviewScope
from decision_check.models.records import Decision
from decision_check.models.validator_cache import json_schema, validate

DOC = Path(__file__).resolve().parents[2] / "docs" / "record-format-additions.md"


def _resolve(schema: dict[str, object], dotted: str) -> bool:
    """Whether ``steps.x.y`` names a property of the Decision schema."""
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    node: dict[str, object] = schema
    for part in dotted.split("."):
        while True:
            if "$ref" in node:
                node = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
            elif "anyOf" in node:
                options = [o for o in node["anyOf"] if isinstance(o, dict) and o.get("type") != "null"]  # type: ignore[union-attr]
                node = options[0]
            else:
                break
        properties = node.get("properties")
        if not isinstance(properties, dict) or part not in properties:
            return False
        node = properties[part]
    return True


def test_every_documented_key_is_in_the_schema() -> None:
    keys = re.findall(r"^\| `(steps\.[a-z_.]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.M)
    assert len(keys) >= 15
    schema = json_schema(Decision)
    assert [k for k in keys if not _resolve(schema, k)] == []


def test_new_keys_are_optional_and_accept_chinese_labels() -> None:
    base = {"id": "X-1", "title": "t", "organ": "o", "organ_level": "township", "sponsor": "s"}
    assert validate(Decision, base).steps.departmental_consultation is None
    decision = validate(
        Decision,
        {
            **base,
            "steps": {
                "departmental_consultation": {
                    "date": "2020年7月20日",
                    "units": ["县交通局"],
                    "unresolved_disagreement": "否",
                },
                "legality_review": {
                    "submitted": "2020-09-01",
                    "submitted_materials": ["决策草案", "法律依据"],
                    "covers": ["职权", "程序", "内容"],
                },
                "public_participation": {"notice": {"how_to_comment": "信函", "deadline_stated": "是"}},
                "post_evaluation": {"date": "2021-05-10", "consulted": ["社会公众", "人大代表"]},
            },
        },
    )
    steps = decision.steps
    assert steps.departmental_consultation is not None and steps.departmental_consultation.done
    assert steps.departmental_consultation.unresolved_disagreement is False
    assert steps.legality_review is not None
    assert steps.legality_review.submitted_materials == [LegalityMaterial.DRAFT, LegalityMaterial.LEGAL_BASIS]
    assert steps.legality_review.covers == list(ReviewScope)
    assert steps.public_participation is not None and steps.public_participation.notice is not None
    assert steps.public_participation.notice.deadline_stated is True
