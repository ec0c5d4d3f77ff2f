"""The base of every record model, and the list-of-text field type the models share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from decision_check.models.types import Text, to_list

TextList = Annotated[list[Text], BeforeValidator(to_list)]


class Model(BaseModel):
    """Base of every record model: unknown keys are findings (with a did-you-mean hint)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False, defer_build=True)
