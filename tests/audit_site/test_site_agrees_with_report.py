"""The site's overview and the annual report count with the same module: their figures are the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import report_cmd, site_cmd

del report_cmd, site_cmd
ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2021-02-26"


def test_steps_and_problems_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    site = tmp_path / "site"
    trace = tmp_path / "trace.json"
    scope = ["--year", "2020", "--organ", "丰都县龙河镇人民政府", "--as-of", AS_OF]
    done = runner.invoke(app, ["site", str(ROOT / "decisions"), "--output", str(site), *scope])
    assert done.exit_code == 0, done.output
    monkeypatch.chdir(ROOT)  # the report reads the project's decisions/ folder
    done = runner.invoke(app, ["report", *scope, "--trace", str(trace), "--output", str(tmp_path / "r.md")])
    assert done.exit_code == 0, done.output
    figures = {f["key"]: f["value"] for f in json.loads(trace.read_text(encoding="utf-8"))["figures"]}
    html = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr data-step="([^"]+)"><th scope="row">[^<]+</th><td class="required">(\d+)</td>'
        r'<td class="done">(\d+)</td><td class="missing">(\d+)</td>',
        html,
    )
    keys = {
        "公众参与": "public_participation",
        "专家论证": "expert_review",
        "风险评估": "risk_assessment",
        "合法性审查": "legality_review",
        "集体讨论决定": "meetings",
    }
    assert len(rows) == 5
    for label, required, done_, missing in rows:
        step = keys[label]
        assert int(required) == figures[f"steps.{step}.required"], label
        assert int(done_) == figures[f"steps.{step}.done"], label
        assert int(missing) == figures[f"steps.{step}.missing"], label
    table = html.split('id="table-rule"', 1)[1].split("</table>", 1)[0]
    by_rule = dict(re.findall(r'<th scope="row">(?:<a [^>]+>)?([A-Z0-9-]+)(?:</a>)?</th><td>(\d+)</td>', table))
    reported = {
        k.split(".")[1]: v for k, v in figures.items() if k.startswith("problems.") and k.endswith(".decisions")
    }
    assert {k: int(v) for k, v in by_rule.items()} == reported
