"""The documents promise only what exists: every shown command runs, the rule reference is current."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from decision_check import ruledocs
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.config import Settings
from decision_check.rulesets import load_rulebook

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
runner = CliRunner()
_GLOBAL_WITH_VALUE = {"--lang", "--config"}
_SPAN = re.compile(r"`(decision-check(?: [^`]*)?)`")
_HELP_EXAMPLE = re.compile(r"例：(decision-check[^\n；。]*)")


def _user_documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "decisions" / "README.md", *sorted(DOCS.rglob("*.md"))]


def _commands_in(text: str) -> list[str]:
    """``decision-check …`` in inline code and at the start of code-block lines."""
    found = [m.group(1) for m in _SPAN.finditer(text)]
    in_block = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_block = not in_block
            continue
        stripped = line.strip().removeprefix("$ ")
        if in_block and (stripped == "decision-check" or stripped.startswith("decision-check ")):
            found.append(stripped)
    return found


def _help_examples() -> list[str]:
    out: list[str] = []

    def walk(command: Any) -> None:
        out.extend(m.group(1) for m in _HELP_EXAMPLE.finditer(command.help or ""))
        for sub in (getattr(command, "commands", None) or {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return out


def _command_path(line: str) -> list[str]:
    """The sub-command words of a shown command; AssertionError when a word names no command."""
    tokens = line.split()[1:]
    group: Any = typer.main.get_command(app)
    path: list[str] = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
            continue
        if token in _GLOBAL_WITH_VALUE:
            skip = True
            continue
        if token.startswith("-") or getattr(group, "commands", None) is None:
            break
        if token in ("[PATH…]", "|", "/", "…"):
            break
        sub = group.commands.get(token)
        assert sub is not None, f"“{line}” names a command that does not exist: {token}"
        path.append(token)
        group = sub
    return path


def _all_shown() -> list[tuple[str, str]]:
    shown = [(str(p.relative_to(ROOT)), c) for p in _user_documents() for c in _commands_in(p.read_text("utf-8"))]
    shown += [("--help", c) for c in _help_examples()]
    return shown


def test_documents_show_commands() -> None:
    shown = _all_shown()
    assert len(shown) > 20 and any(where == "--help" for where, _ in shown)


@pytest.mark.parametrize(("where", "line"), _all_shown(), ids=lambda v: str(v)[:60])
def test_every_shown_command_exists(where: str, line: str) -> None:
    path = _command_path(line)
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, f"{where}: {line}: {result.output}"


def test_unknown_command_is_caught() -> None:
    with pytest.raises(AssertionError, match="does not exist: forecast"):
        _command_path("decision-check forecast LH-2020-017 --as-of 2020-12-31")


def test_no_user_document_points_outside_the_repository() -> None:
    for document in _user_documents():
        text = document.read_text("utf-8")
        for target in re.findall(r"\]\(([^)#]+)\)|`(\.\./[^`]+)`", text):
            link = next(t for t in target if t)
            if link.startswith(("http://", "https://")):
                continue
            resolved = (document.parent / link).resolve()
            assert resolved.is_relative_to(ROOT), f"{document} points outside the repository: {link}"
            assert resolved.exists(), f"{document} points to a missing file: {link}"
        assert "shared/spec" not in text and "spec/rules.md" not in text, (
            f"{document} points to the maintainers' specification"
        )
        if document.name != "maintainers.md":
            assert "待确认" not in text, f"maintainer notes belong in docs/maintainers.md: {document}"


def test_every_configuration_key_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text("utf-8")
    for key in (f.name for f in dataclasses.fields(Settings)):
        assert f"`{key}`" in text, f"configuration key {key} is not in docs/configuration.md"


def test_every_record_key_is_documented() -> None:
    from decision_check.models.records import Decision, Steps

    text = (DOCS / "record-format.md").read_text("utf-8")
    for key in [f.name for model in (Decision, Steps) for f in dataclasses.fields(model)]:
        assert f"`{key}`" in text, f"record key {key} is not in docs/record-format.md"


def test_rule_reference_is_current(tmp_path: Path) -> None:
    """docs/rules/ is what ``decision-check rules docs`` writes today (regenerate it when this fails)."""
    result = runner.invoke(
        app, ["rules", "docs", "--output", str(tmp_path), "--cases", str(ROOT / "tests" / "rule_cases")]
    )
    assert result.exit_code == 0, result.output
    fresh = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.md")}
    committed = {p.name: p.read_text("utf-8") for p in (DOCS / "rules").glob("*.md")}
    assert sorted(fresh) == sorted(committed), "run: decision-check rules docs --output docs/rules/"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale pages {stale}; run: decision-check rules docs --output docs/rules/"


def test_rule_page_content() -> None:
    book = load_rulebook()
    pages = ruledocs.pages(book, ruledocs.load_cases(ROOT / "tests" / "rule_cases"), ROOT)
    page = pages["PP-03.md"]
    assert "何时适用：未被排除；采用向社会公开征求意见方式" in page
    assert "第十五条第一款" in page and "2019-09-01 起" in page and "rules/national.yaml" in page
    assert "### 通过" in page and "### 不通过：PP-03 错误" in page
    assert "（待核实）（待核实）" not in "".join(pages.values())
    assert set(pages) == {"README.md", *(f"{r}.md" for r in book.all_rules())}


def test_rule_docs_without_cases_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["rules", "docs", "--output", str(tmp_path / "out")])
    assert result.exit_code == 2 and "tests/rule_cases" in result.stderr


def test_rule_docs_keeps_foreign_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    args = ["rules", "docs", "--output", str(tmp_path), "--cases", str(ROOT / "tests" / "rule_cases")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (tmp_path / "README.md").read_text("utf-8") == "mine\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_rules_show_speaks_in_words() -> None:
    result = runner.invoke(app, ["rules", "show", "PP-03"])
    assert result.exit_code == 0
    out = result.stdout
    assert "何时适用: 未被排除；采用向社会公开征求意见方式" in out
    assert "days：不少于 30（参数 comment_days）" in out
    assert "（条文待核实）（待核实）" not in out and "（条文待核实）" in out
    assert "rules/national.yaml:" in out and str(ROOT) not in out
    assert "[通过]" in out and "[不通过]" in out


def _all_command_paths() -> list[list[str]]:
    out: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        out.append(path)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return out


@pytest.mark.parametrize("path", _all_command_paths(), ids=lambda p: " ".join(p) or "decision-check")
def test_help_reads_well(path: list[str]) -> None:
    long = runner.invoke(app, [*path, "--help"])
    short = runner.invoke(app, [*path, "-h"])
    assert long.exit_code == 0 and short.exit_code == 0 and short.stdout == long.stdout
    text = long.stdout
    for raw in ("<list[", "<str>", "<path>", "<int>", "{rule_id}", "{folder}", "{"):
        assert raw not in text, f"decision-check {' '.join(path)} --help shows {raw}"


def test_validate_help_names_metavars_and_defaults() -> None:
    text = runner.invoke(app, ["validate", "--help"]).stdout
    assert "[PATH…]" in text and "DATE (YYYY-MM-DD 或 2020年5月1日)" in text
    assert "error，或配置 fail_on" in text
    assert "RULE" in runner.invoke(app, ["rules", "show", "-h"]).stdout
