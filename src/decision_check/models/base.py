"""The base of every record model, and the list-of-text field type the models share.

Record models are standard-library dataclasses (keyword-only fields), validated by pydantic-core from
a core schema that pydantic generates once and :mod:`decision_check.models.validator_cache` keeps:
importing a model imports neither pydantic nor pydantic-core. ``__pydantic_config__`` is what
pydantic reads from a dataclass: unknown keys are findings (with a did-you-mean hint), text is
stripped of surrounding blanks.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Annotated, Any, ClassVar

from decision_check.models.lazy import before
from decision_check.models.types import Text, to_list

TextList = Annotated[list[Text], before(to_list)]


@dataclass(kw_only=True, repr=False, eq=False)
class Model:
    """Base of every record model. Each model is ``@dataclass(kw_only=True, repr=False, eq=False)``:
    fields by keyword, and the ``repr`` and ``==`` below, shared, instead of a pair of generated
    methods per class (44 classes: their code generation was a tenth of a one-record run)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "str_strip_whitespace": True,
        "validate_default": False,
    }
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: not hashable (as a dataclass)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.compare)
