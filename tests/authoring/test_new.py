"""``decision-check new``: the id pattern, flags and prompts, never overwriting, validated at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from decision_check.authoring.new import next_id
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.loader import load_file
from decision_check.models.records import Decision

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
ORGAN = "丰都县龙河镇人民政府"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's decisions folder (17 numbered 2020 records, LH-2020-YJ01, county files)."""
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_next_id_follows_the_most_common_pattern_of_the_year() -> None:
    ids = [f"LH-2020-{n:03d}" for n in range(1, 19)] + ["LH-2020-YJ01"]
    assert next_id(ids, 2020) == "LH-2020-019"
    assert next_id(ids, 2021) == "LH-2021-001"  # same pattern, new year, numbering restarts
    assert next_id(["FD-2020-6", "FD-2020-14"], 2020) == "FD-2020-15"  # numeric order, not text order
    assert next_id(["A2019-0007"], 2020) == "A2020-0001"  # padding kept
    assert next_id([], 2022, "LH") == "LH-2022-001"
    assert next_id([], 2022) == "D-2022-001"


def test_new_from_flags_writes_a_valid_commented_record(project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--organ",
            ORGAN,
            "--title",
            "龙河镇场镇停车场建设工程",
            "--category",
            "public_construction",
            "--sponsor",
            "龙河镇建设环保办公室",
            "--year",
            "2020",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    existing = sorted(p.stem for p in (project / "decisions" / "2020").glob("LH-2020-0*.yaml"))
    created = project / "decisions" / "2020" / "LH-2020-018.yaml"  # 001..017 exist in this repository
    assert existing[-1] == "LH-2020-018" and created.exists()
    assert "已创建" in result.stdout and "待办" in result.stdout and "DRAFT-01" in result.stdout
    text = created.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["id"] == "LH-2020-018" and data["organ_level"] == "township" and data["jurisdiction"] == "longhe"
    assert set(data["steps"]) >= {"public_participation", "legality_review", "publication", "archive"}
    assert data["steps"]["legality_review"]["status"] == "pending"
    for line in text.splitlines():  # a Chinese comment on every key
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not stripped.startswith("- ") and ":" in stripped:
            assert "  # " in line, line
    loaded = load_file(created)
    assert isinstance(loaded.record, Decision) and not [f for f in loaded.findings if f.rule in ("LOAD", "SCHEMA")]
    # the record it creates is seen by the next run: the one after is 019
    again = runner.invoke(
        app,
        [
            "new",
            "--organ",
            ORGAN,
            "--title",
            "另一事项",
            "--category",
            "其他重大事项",
            "--sponsor",
            "党政办",
            "--year",
            "2020",
        ],
    )
    assert again.exit_code == 0 and (project / "decisions" / "2020" / "LH-2020-019.yaml").exists()


def test_new_through_prompts(project: Path) -> None:
    answers = (
        "\n".join([ORGAN, "龙河镇敬老院改扩建工程", "重大公共建设项目，重大公共政策和措施", "龙河镇社会事务办公室"])
        + "\n"
    )
    result = runner.invoke(app, ["new", "--year", "2020"], input=answers, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "决策机关" in result.stdout and "决策类别" in result.stdout  # the prompts were shown
    data = yaml.safe_load((project / "decisions" / "2020" / "LH-2020-018.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "龙河镇敬老院改扩建工程"
    assert data["category"] == ["public_construction", "public_policy"]
    assert data["sponsor"] == "龙河镇社会事务办公室"


def test_new_for_an_organ_without_files_asks_its_level(project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--organ",
            "某县某局",
            "--title",
            "某规划",
            "--category",
            "development_plan",
            "--sponsor",
            "规划股",
            "--year",
            "2021",
            "--output",
            str(project / "mine.yaml"),
        ],
        input="department\n",
    )
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((project / "mine.yaml").read_text(encoding="utf-8"))
    assert data["id"] == "D-2021-001" and data["organ_level"] == "department"


def test_new_never_overwrites(project: Path) -> None:
    target = project / "decisions" / "2020" / "LH-2020-003.yaml"
    before = target.read_bytes()
    result = runner.invoke(
        app,
        [
            "new",
            "--organ",
            ORGAN,
            "--title",
            "x",
            "--category",
            "other_major",
            "--sponsor",
            "y",
            "--id",
            "LH-2020-003",
            "--year",
            "2020",
        ],
    )
    assert result.exit_code == 2 and "从不覆盖" in result.stderr
    assert target.read_bytes() == before


def test_new_unknown_category_is_exit_2(project: Path) -> None:
    result = runner.invoke(app, ["new", "--organ", ORGAN, "--title", "x", "--category", "roads", "--sponsor", "y"])
    assert result.exit_code == 2 and "roads" in result.stderr
