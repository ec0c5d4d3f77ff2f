"""The compiled rule book cache: same answers from the cache, a broken cache is ignored, and a cache
someone else could have planted is never loaded (nor can any cache file run code)."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from decision_check.i18n import Text
from decision_check.rulesets import _read_cache, _trusted, load_rulebook


def _summary(book: object) -> list[tuple[str, str, str, str]]:
    from decision_check.rulesets import RuleBook

    assert isinstance(book, RuleBook)
    return sorted((s.id, r.id, r.check.name, repr(r.validated)) for s in book.sets.values() for r in s.rules.values())


def test_cache_round_trip_gives_the_same_book(tmp_path: Path) -> None:
    fresh = load_rulebook(cache=False)
    first = load_rulebook(cache=tmp_path)
    files = list(tmp_path.glob("rulebook-*.pickle"))
    assert len(files) == 1
    cached = load_rulebook(cache=tmp_path)
    assert _summary(fresh) == _summary(first) == _summary(cached)
    rule = cached.sets["national"].rules["PP-03"]
    assert rule.predicates and rule.check.function is fresh.sets["national"].rules["PP-03"].check.function


def test_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    load_rulebook(cache=tmp_path)
    (cache_file,) = tmp_path.glob("rulebook-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    book = load_rulebook(cache=tmp_path)
    assert "national" in book.sets
    assert cache_file.read_bytes() != b"not a pickle"


def test_changed_rule_file_changes_the_key(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    own = rules / "own.yaml"
    own.write_text(
        "id: own\ntitle: 测试\nlevel: county\nin_force: {from: 2020-01-01}\napplies_to: {county: direct}\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    load_rulebook([rules], cache=cache)
    own.write_text(own.read_text(encoding="utf-8").replace("测试", "测试二"), encoding="utf-8")
    book = load_rulebook([rules], cache=cache)
    assert book.sets["own"].title == "测试二"
    assert len(list(cache.glob("rulebook-*.pickle"))) == 2


def test_moving_a_cached_class_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache names its classes by module: one written before a class moved (as when rulesets.py became
    a package) must not be looked up at all, rather than loaded with stale paths."""
    from decision_check.checks import REGISTRY
    from decision_check.rulesets import bundled_dir
    from decision_check.rulesets.book import Rule
    from decision_check.rulesets.cache import _cache_file

    files = sorted(bundled_dir().glob("*.yaml"))
    before = _cache_file(files, tmp_path)
    monkeypatch.setattr(Rule, "__module__", "decision_check.rulesets")
    moved_rule = _cache_file(files, tmp_path)
    monkeypatch.undo()
    options = REGISTRY["archive_complete"].options
    monkeypatch.setattr(options, "__module__", "decision_check.checks.elsewhere")
    moved_options = _cache_file(files, tmp_path)
    assert before is not None and len({before, moved_rule, moved_options}) == 3


def test_unwritable_cache_folder_is_harmless(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    book = load_rulebook(cache=blocker / "sub")
    assert "national" in book.sets


# ------------------------------------------------------------------ a cache someone else could plant


class _Planted:
    """Unpickling this touches ``marker``: what a planted cache could do with a plain pickle.load."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.touch, (self.marker,))


def _plant(cache: Path, marker: Path, mode: int) -> Path:
    load_rulebook(cache=cache)  # the real cache file, to learn its name
    (target,) = cache.glob("rulebook-*.pickle")
    target.write_bytes(pickle.dumps(_Planted(marker)))
    os.chmod(target, mode)
    return target


def test_cache_folder_is_private_and_file_0600(tmp_path: Path) -> None:
    cache = tmp_path / "new" / "cache"
    load_rulebook(cache=cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    (target,) = cache.glob("rulebook-*.pickle")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o664, 0o646, 0o666])
def test_writable_by_others_is_not_loaded(tmp_path: Path, mode: int) -> None:
    marker = tmp_path / "ran"
    target = _plant(tmp_path / "cache", marker, mode)
    notes: list[Text] = []
    book = load_rulebook(cache=tmp_path / "cache", report=notes.append)
    assert "national" in book.sets and not marker.exists()
    assert len(notes) == 1 and "writable by group or others" in notes[0].en and str(target) in notes[0].en


def test_planted_file_with_a_good_mode_still_runs_no_code(tmp_path: Path) -> None:
    """Even a file of ours with mode 0600 may only name the rule book's own classes."""
    marker = tmp_path / "ran"
    _plant(tmp_path / "cache", marker, 0o600)
    notes: list[Text] = []
    book = load_rulebook(cache=tmp_path / "cache", report=notes.append)
    assert "national" in book.sets and not marker.exists()
    assert notes and "unreadable" in notes[0].en


def test_file_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    (tmp_path / "f").touch()
    fields = list((tmp_path / "f").stat())
    fields[stat.ST_MODE] = stat.S_IFREG | 0o600
    fields[stat.ST_UID] = os.getuid() + 1
    why = _trusted(os.stat_result(fields))
    assert why is not None and "another user" in why.en
    fields[stat.ST_UID] = os.getuid()
    assert _trusted(os.stat_result(fields)) is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user (chown)")
def test_planted_file_owned_by_another_user_is_not_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    target = _plant(tmp_path / "cache", marker, 0o600)
    os.chown(target, 12345, 12345)
    notes: list[Text] = []
    load_rulebook(cache=tmp_path / "cache", report=notes.append)
    assert not marker.exists() and "another user" in notes[0].en


def test_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_rulebook(cache=cache)
    (target,) = cache.glob("rulebook-*.pickle")
    elsewhere = tmp_path / "elsewhere.pickle"
    target.rename(elsewhere)
    target.symlink_to(elsewhere)
    assert _read_cache(target) is None


def test_verbose_cli_says_why_the_cache_was_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from decision_check.cli.app import app
    from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

    cache = tmp_path / "cache"
    monkeypatch.setenv("DECISION_CHECK_CACHE", str(cache))
    _plant(cache, tmp_path / "ran", 0o666)
    record = Path(__file__).resolve().parents[1] / "rule_cases" / "_base" / "longhe" / "decision.yaml"
    monkeypatch.chdir(tmp_path)
    quiet = CliRunner().invoke(app, ["validate", str(record), "-f", "json"])
    assert "忽略规则缓存" not in quiet.stderr
    _plant(cache, tmp_path / "ran", 0o666)  # the quiet run rewrote it
    loud = CliRunner().invoke(app, ["-v", "validate", str(record), "-f", "json"])
    assert "忽略规则缓存" in loud.stderr and "同组或其他用户可写" in loud.stderr
    assert not (tmp_path / "ran").exists()
