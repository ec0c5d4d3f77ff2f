"""Field metadata for ``Annotated`` types that stands for pydantic objects made only when a schema is
generated, so that importing a record model (or a check's options) does not import pydantic.

The models are standard-library dataclasses; pydantic generates their core schema once (on a cache
miss, see :mod:`decision_check.models.validator_cache`) and calls :meth:`Lazy.__get_pydantic_core_schema__`
on the metadata below, which then builds the real ``BeforeValidator``, ``PlainValidator``,
``WithJsonSchema`` or ``Field`` constraint. A run that finds the schema cached never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any


class Lazy:
    """``Annotated`` metadata that expands, when pydantic generates a schema, into ``make()``."""

    __slots__ = ("label", "make")

    def __init__(self, make: Callable[[], tuple[Any, ...]], label: str) -> None:
        self.make = make
        self.label = label

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return handler(Annotated[(source, *self.make())])

    def __repr__(self) -> str:  # shown in mypy/pydantic messages only
        return f"Lazy({self.label})"


def _made(name: str, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    import pydantic

    return (getattr(pydantic, name)(*args, **kwargs),)


def before(function: Callable[[Any], Any]) -> Lazy:
    """pydantic's ``BeforeValidator(function)``."""
    return Lazy(lambda: _made("BeforeValidator", function), "BeforeValidator")


def after(function: Callable[[Any], Any]) -> Lazy:
    """pydantic's ``AfterValidator(function)``."""
    return Lazy(lambda: _made("AfterValidator", function), "AfterValidator")


def json_schema(schema: dict[str, Any]) -> Lazy:
    """pydantic's ``WithJsonSchema(schema)``."""
    return Lazy(lambda: _made("WithJsonSchema", schema), "WithJsonSchema")


def constrained(**constraints: Any) -> Lazy:
    """pydantic's ``Field(**constraints)`` as metadata: ``ge``, ``min_length`` and the like."""
    return Lazy(lambda: _made("Field", **constraints), "Field")


def plain(
    function: Callable[[Any], Any], json_schema: dict[str, Any], serialize: Callable[[Any], Any] | None = None
) -> Lazy:
    """pydantic's ``PlainValidator(function)`` with ``WithJsonSchema(json_schema)`` (and a
    ``PlainSerializer(serialize, return_type=str)`` when given)."""

    def make() -> tuple[Any, ...]:
        shown = _made("PlainSerializer", serialize, return_type=str) if serialize is not None else ()
        return (*_made("PlainValidator", function), *shown, *_made("WithJsonSchema", json_schema))

    return Lazy(make, "PlainValidator")


def before_model(function: Callable[[Any], Any]) -> Any:
    """A ``__get_pydantic_core_schema__`` classmethod for a model: ``function`` sees the whole input
    before the fields are validated (what pydantic's ``model_validator(mode="before")`` does)."""

    def hook(cls: type, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(function, handler(source))

    return classmethod(hook)
