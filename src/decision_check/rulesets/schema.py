"""The rule-set file schema: what a ``rules/*.yaml`` file may say, as pydantic models.

This module owns the shape of a rule-set file and of ``jurisdictions.yaml`` (keys, types, defaults,
the shorthand spellings ``message: 文字`` and ``param: value``). It says nothing about what the
values mean together: :mod:`decision_check.rulesets.compiler` checks that (extends, parameters that
loosen, citations, checks and their options). The models are built only when the rule-book cache
misses (``defer_build``), so a cached run does not pay for them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from decision_check.findings import Citation, Severity
from decision_check.i18n import Text
from decision_check.models.enums import OrganLevel
from decision_check.models.types import CnDate
from decision_check.rulesets.book import BasisKind, RuleSetLevel


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built only when the cache misses


class TextSpec(_Spec):
    zh: str
    en: str = ""

    def text(self) -> Text:
        return Text(self.zh, self.en or self.zh)


def _text(value: Any) -> Any:
    return {"zh": value} if isinstance(value, str) else value


class CitationSpec(_Spec):
    instrument: str = Field(min_length=1)
    article: str | None = None
    confidence: Literal["high", "med", "unconfirmed"] = "high"
    note: str | None = None
    # false: the citation describes where the rule's threshold may come from (shown by ``rules show``
    # and counted by ``rules coverage``) but is not attached to findings, whose check cites the source
    # it actually applied (MEET-03: the organ's rules of procedure, 189号, the party committee's rules)
    on_findings: bool = True

    def citation(self) -> Citation:
        return Citation(self.instrument, self.article, self.confidence, self.note)


class OutcomeSpec(_Spec):
    severity: Severity | None = None
    message: TextSpec | None = None
    hint: TextSpec | None = None
    citations: list[CitationSpec] = Field(default_factory=list)

    _text = field_validator("message", "hint", mode="before")(_text)


class RuleSpec(_Spec):
    id: str = Field(min_length=1)
    title: str | None = None
    title_en: str | None = None
    description: TextSpec | None = None
    step: str | None = None
    severity: Severity | None = None
    waivable: bool | None = None
    when: list[str] | None = None
    check: dict[str, Any] | None = None
    citations: list[CitationSpec] = Field(default_factory=list)
    basis_kind: BasisKind | None = None
    message: TextSpec | None = None
    hint: TextSpec | None = None
    outcomes: dict[str, OutcomeSpec] = Field(default_factory=dict)

    _text = field_validator("message", "hint", "description", mode="before")(_text)


class ParamSpec(_Spec):
    value: Any
    min: bool = False
    max: bool = False
    description: str | None = None


def _param(value: Any) -> Any:
    return value if isinstance(value, dict) and "value" in value else {"value": value}


class InForce(_Spec):
    from_: CnDate = Field(alias="from")
    to: CnDate | None = None


class ArticleSpec(_Spec):
    number: str
    title: str = ""
    checkable: bool = True
    confidence: Literal["high", "med", "unconfirmed"] = "high"
    reason: str | None = None  # why a record cannot show it (``checkable: false``), printed by ``rules coverage``

    @model_validator(mode="after")
    def _reason_for_uncheckable(self) -> ArticleSpec:
        if not self.checkable and not self.reason:
            raise ValueError(f"{self.number}: an article marked checkable: false needs its reason")
        return self


class RuleSetSpec(_Spec):
    id: str = Field(min_length=1)
    title: str
    instrument: str | None = None
    source: str = ""
    level: RuleSetLevel
    in_force: InForce
    applies_to: dict[OrganLevel, Literal["direct", "by_reference"]]
    reference_article: str | None = None
    extends: list[str] = Field(default_factory=list)
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    articles: list[ArticleSpec] = Field(default_factory=list)
    rules: list[RuleSpec] = Field(default_factory=list)

    @field_validator("params", mode="before")
    @classmethod
    def _params(cls, value: Any) -> Any:
        if value is None:
            return {}
        return {k: _param(v) for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("rules", "articles", "extends", mode="before")
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        return [] if value is None else value


class JurisdictionsSpec(_Spec):
    jurisdictions: dict[str, list[str]]
