"""The compiled rule book cache: same answers from the cache, and a broken cache is ignored."""

from __future__ import annotations

from pathlib import Path

from decision_check.rulesets import load_rulebook


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


def test_unwritable_cache_folder_is_harmless(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    book = load_rulebook(cache=blocker / "sub")
    assert "national" in book.sets
