"""Validating the record models, the configuration and the checks' options — with validators kept
between runs, so that a run never imports pydantic when its schemas are cached.

The models are standard-library dataclasses (:mod:`decision_check.models.base`). pydantic turns one
into a validator in two steps: Python code walks its fields and writes a *core schema* (for
``Decision`` and its 36 nested models ~50–70 ms, after ~100 ms to import pydantic), then
pydantic-core compiles that schema (well under 1 ms). This module keeps each core schema in the
private cache folder, and a later run compiles the validator straight from it with pydantic-core
alone. :func:`validate` is how every model is validated; pydantic itself is imported only on a cache
miss, and for :func:`json_schema`.

What is kept is the schema without its ``metadata`` and ``serialization`` parts (pydantic's own
local functions for JSON Schema and dumping; validation never reads them), and both a fresh and a
cached validator are compiled from that same stripped schema, so they cannot differ. The rest is
data plus references to this package's module-level classes, enums and field functions, which is all
the file may name when it is read back (:class:`_SchemaUnpickler`). The file name is a digest of the
package version, the pydantic and pydantic-core versions, the Python version, the model and the
source of every module that defines models (this package, the configuration, the check modules), so
any change of a model is a new file. The file is read only when it is safe
(:func:`decision_check.cachefiles.open_trusted`); a cache that is absent, unreadable, untrusted or
refused by pydantic-core is never an error — pydantic builds the schema, and the cache is written
again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import pickle
import sys
import types
from pathlib import Path
from typing import Any, TypeVar

import pydantic_core

from decision_check import __version__
from decision_check.cachefiles import Report, cache_dir, open_trusted, write_private
from decision_check.i18n import Text

T = TypeVar("T")
ValidationError = pydantic_core.ValidationError

_VALIDATORS: dict[type, pydantic_core.SchemaValidator] = {}
_REPORT: list[Report] = []  # where -v remarks go (see report_to)
_DROPPED = frozenset({"metadata", "serialization"})
# Plain values a schema may hold besides the package's own names (defaults such as Fraction(1, 2)).
_VALUES = frozenset(
    {("builtins", n) for n in ("list", "dict", "set", "frozenset", "tuple")}
    | {("datetime", "date"), ("fractions", "Fraction")}
)
_LABEL = Text("模型校验缓存", "model-validator cache")
_PACKAGE = Path(__file__).resolve().parents[1]  # decision_check/


def validate(model: type[T], data: Any) -> T:
    """``data`` validated as ``model`` (``ValidationError`` when it is not one)."""
    result: T = validator(model).validate_python(data)
    return result


def validator(model: type) -> pydantic_core.SchemaValidator:
    """``model``'s validator: compiled once per process, from the cached core schema when there is a
    usable one, else from the schema pydantic generates (which is then cached)."""
    found = _VALIDATORS.get(model)
    if found is None:
        found = _VALIDATORS[model] = _compile(model)
    return found


def json_schema(model: type) -> dict[str, Any]:
    """``model``'s JSON Schema, as pydantic writes it (for ``decision-check schema`` and the docs)."""
    from pydantic import TypeAdapter

    document: dict[str, Any] = TypeAdapter(model).json_schema()
    return document


def report_to(report: Report | None) -> None:
    """Say under ``-v`` why a cache file was ignored (``report`` None: say nothing)."""
    _REPORT[:] = [report] if report is not None else []


def cache_file(model: type, cache: Path | None = None) -> Path | None:
    """Where ``model``'s core schema is cached (None when the sources cannot be read, e.g. zipped)."""
    shared = _sources_digest()
    if shared is None:
        return None
    own = sys.modules[model.__module__].__file__
    digest = hashlib.sha256(f"{shared}|{model.__module__}.{model.__qualname__}|{own}".encode())
    try:
        if own is not None and Path(own).resolve() not in _sources():
            digest.update(Path(own).read_bytes())
    except OSError:
        return None
    return (cache or cache_dir()) / f"validator-{model.__name__}-{digest.hexdigest()[:32]}.pickle"


@functools.cache
def _sources_digest() -> str | None:
    """A digest of the versions and of every source file whose change may change a model's schema."""
    digest = hashlib.sha256("|".join((__version__, pydantic_core.__version__, sys.version)).encode())
    try:
        for source in _sources():
            digest.update(source.as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


@functools.cache
def _sources() -> tuple[Path, ...]:
    """pydantic's version file, and every module of the packages where models live (records, nested
    models, enums, field types, the configuration, the checks' options)."""
    files = sorted((_PACKAGE / "models").glob("*.py")) + sorted((_PACKAGE / "checks").glob("*.py"))
    files.append(_PACKAGE / "config.py")
    spec = importlib.util.find_spec("pydantic")  # located, not imported
    if spec is not None and spec.origin is not None:
        files.append(Path(spec.origin).parent / "version.py")
    return tuple(files)


def _compile(model: type) -> pydantic_core.SchemaValidator:
    path = cache_file(model)
    if path is not None:
        schema = _read(path, _REPORT[0] if _REPORT else None)
        if schema is not None:
            with contextlib.suppress(Exception):  # a schema pydantic-core refuses: build it again
                return pydantic_core.SchemaValidator(schema)
    schema = _generate(model)
    if path is not None:
        # A model with a field function pickle cannot name (a lambda): run without the cache.
        with contextlib.suppress(pickle.PickleError, TypeError, AttributeError):
            write_private(path, pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL))
    return pydantic_core.SchemaValidator(schema)


def _generate(model: type) -> Any:
    """The core schema pydantic writes for ``model``, stripped (see the module's docstring)."""
    from pydantic import TypeAdapter

    return _strip(TypeAdapter(model).core_schema)


def _read(path: Path, report: Report | None) -> Any:
    handle = open_trusted(path, _LABEL, report)
    if handle is None:
        return None
    with handle:
        try:
            return _SchemaUnpickler(handle).load()
        except Exception:  # anything a damaged file can make the unpickler raise
            if report is not None:
                report(Text(f"{_LABEL.zh} {path} 无法读取，已重新生成", f"the {_LABEL.en} {path} is unreadable"))
            return None


def _strip(node: Any) -> Any:
    """The core schema without its ``metadata`` and ``serialization`` entries. Only a schema node (a
    dict whose ``type`` is text) loses them; a ``fields`` mapping keeps a field of either name."""
    if isinstance(node, dict):
        schema_node = isinstance(node.get("type"), str)
        return {k: _strip(v) for k, v in node.items() if not (schema_node and k in _DROPPED)}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    if isinstance(node, tuple):
        return tuple(_strip(v) for v in node)
    return node


def _allowed_module(module: str) -> bool:
    return module.startswith(("decision_check.models.", "decision_check.checks.")) or module == "decision_check.config"


class _SchemaUnpickler(pickle.Unpickler):
    """Names only what a model schema refers to: classes and functions defined in the modules of
    models and options, plain containers, dates and fractions; refuses every other global."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _VALUES:
            return super().find_class(module, name)
        if _allowed_module(module) and "." not in name:
            found = super().find_class(module, name)
            defined_here = getattr(found, "__module__", None) == module
            if defined_here and isinstance(found, type | types.FunctionType):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a {_LABEL.en}")
