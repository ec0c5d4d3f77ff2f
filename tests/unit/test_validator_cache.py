"""The models' validators come from the cache with pydantic's own verdicts, a run with the cache
imports no pydantic, and a cache file someone else could have planted is never loaded (nor can any
cache file run code).

A process compiles a model's validator once, so every comparison runs in fresh interpreters:
pydantic's TypeAdapter, the cache disabled, a run that writes the cache, one that reads it back.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from decision_check.i18n import Text
from decision_check.models import validator_cache
from decision_check.models.records import Decision

ROOT = Path(__file__).resolve().parents[2]

# Validates every YAML file given and prints, per file, the dump or the error list — with pydantic's
# own TypeAdapter ("pydantic") or through the cache ("cache"); and whether the run imported pydantic.
_PROBE = r"""
import json, sys, yaml
from pathlib import Path
from decision_check.models.records import KINDS, Decision
from decision_check.models.validator_cache import ValidationError, validate
how, names = sys.argv[1], sys.argv[2:]
checked = []
for name in names:
    data = yaml.safe_load(Path(name).read_text(encoding="utf-8"))
    model = KINDS[data.get("kind", "decision")] if isinstance(data, dict) else Decision
    try:
        if how == "pydantic":
            from pydantic import TypeAdapter
            checked.append((name, model, TypeAdapter(model).validate_python(data)))
        else:
            checked.append((name, model, validate(model, data)))
    except ValidationError as exc:
        checked.append((name, None, exc.errors(include_url=False)))
imported = "pydantic" in sys.modules
from pydantic import TypeAdapter  # for the dumps, after the check of what was imported
out = {"pydantic_imported": imported}
for name, model, value in checked:
    out[name] = TypeAdapter(model).dump_python(value, mode="json") if model else value
print(json.dumps(out, ensure_ascii=False, default=str, sort_keys=True))
"""


def _inputs(tmp_path: Path) -> list[str]:
    """Every bundled record, plus records made invalid in the ways the schema findings report."""
    files = sorted(str(p) for p in (ROOT / "decisions").rglob("*.yaml"))
    first = next(p for p in (ROOT / "decisions" / "2020").glob("*.yaml"))
    text = first.read_text(encoding="utf-8")
    broken = {
        "unknown-key.yaml": text.replace("\ntitle:", "\ntitel:", 1),
        "bad-date.yaml": text.replace("date: 2020-", "date: 2020-13-", 1),
        "missing-title.yaml": "\n".join(line for line in text.splitlines() if not line.startswith("title:")),
        "not-a-mapping.yaml": "- a\n- b\n",
    }
    for name, body in broken.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
        files.append(str(tmp_path / name))
    return files


def _probe(files: list[str], cache: Path | None, how: str = "cache") -> dict[str, object]:
    # No cache: a folder under /dev/null can be neither read nor created.
    env = {**os.environ, "DECISION_CHECK_CACHE": str(cache) if cache is not None else "/dev/null/cache"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, how, *files], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_cached_validators_give_pydantics_verdicts(tmp_path: Path) -> None:
    files = _inputs(tmp_path)
    pydantic = _probe(files, None, "pydantic")
    uncached = _probe(files, None)
    cache = tmp_path / "cache"
    writing = _probe(files, cache)
    names = sorted(p.name.split("-")[1] for p in cache.glob("validator-*.pickle"))
    reading = _probe(files, cache)
    assert [r.pop("pydantic_imported") for r in (pydantic, uncached, writing, reading)] == [True, True, True, False]
    assert names == ["Catalog", "Decision", "Organ"]
    assert pydantic == uncached == writing == reading
    assert any(isinstance(v, list) for v in reading.values())  # the broken inputs did fail


def test_a_run_with_the_cache_imports_no_pydantic(tmp_path: Path) -> None:
    """Every model a run validates is cached (a field function pickle cannot name, such as a lambda,
    would silently make every run build it again), and the next run does not import pydantic."""
    cache = tmp_path / "cache"
    env = {**os.environ, "DECISION_CHECK_CACHE": str(cache)}
    probe = (
        "import sys; sys.argv = ['decision-check', *sys.argv[1:]]\n"
        "from decision_check.cli.entry import main\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)"
    )
    args = ["validate", "decisions", "-f", "json", "-o", str(tmp_path / "r")]
    first = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    names = {p.name.split("-")[1] for p in cache.glob("validator-*.pickle")}
    assert {"Catalog", "Decision", "Organ", "Settings"} <= names
    second = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.stderr.strip().splitlines()[-1] == "True"
    assert second.stderr.strip().splitlines()[-1] == "False"
    assert (tmp_path / "r").exists()


def test_a_model_source_change_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "model.py"
    extra.write_text("A = 1\n", encoding="utf-8")
    real = validator_cache._sources()
    monkeypatch.setattr(validator_cache, "_sources", lambda: (*real, extra))
    validator_cache._sources_digest.cache_clear()
    before = validator_cache.cache_file(Decision, tmp_path)
    extra.write_text("A = 2\n", encoding="utf-8")
    validator_cache._sources_digest.cache_clear()
    after = validator_cache.cache_file(Decision, tmp_path)
    validator_cache._sources_digest.cache_clear()
    assert before is not None and after is not None and before != after
    assert before.parent == tmp_path and before.name.startswith("validator-Decision-")


class _Planted:
    """Unpickling this touches ``marker``: what a planted cache could do with a plain pickle.load."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("mode", [0o600, 0o666])
def test_a_planted_file_runs_no_code(tmp_path: Path, mode: int) -> None:
    marker = tmp_path / "ran"
    target = tmp_path / "validator-Decision-x.pickle"
    target.write_bytes(pickle.dumps((_Planted(marker), {})))
    os.chmod(target, mode)
    notes: list[Text] = []
    assert validator_cache._read(target, notes.append) is None
    assert not marker.exists()
    expected = "unreadable" if mode == 0o600 else "writable by group or others"
    assert len(notes) == 1 and expected in notes[0].en and "model-validator cache" in notes[0].en


def test_a_schema_naming_another_module_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "validator-Decision-x.pickle"
    target.write_bytes(pickle.dumps(({"type": "any", "f": os.getcwd}, {})))
    os.chmod(target, 0o600)
    assert validator_cache._read(target, None) is None


def test_a_corrupt_file_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    files = _inputs(tmp_path)[:2]
    _probe(files, cache)
    for path in cache.glob("validator-Decision-*.pickle"):
        path.write_bytes(b"not a pickle")
    again = _probe(files, cache)
    assert again.pop("pydantic_imported") is True  # built by pydantic, and written again
    assert all(p.read_bytes() != b"not a pickle" for p in cache.glob("validator-Decision-*.pickle"))
    assert _probe(files, cache)["pydantic_imported"] is False


def test_strip_keeps_fields_named_like_the_dropped_keys() -> None:
    schema = {
        "type": "model-fields",
        "metadata": {"x": 1},
        "fields": {"metadata": {"type": "model-field", "schema": {"type": "str"}, "serialization": 1}},
    }
    assert validator_cache._strip(schema) == {
        "type": "model-fields",
        "fields": {"metadata": {"type": "model-field", "schema": {"type": "str"}}},
    }
