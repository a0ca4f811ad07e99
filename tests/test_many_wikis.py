"""Several wikis in one `genrepo from-index` call, into one folder."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app
from tests.helpers import build_file_tree, enriched_index, workflow_page

runner = CliRunner()


def wiki(root: Path, name: str) -> Path:
    build_file_tree(
        root,
        {
            "_WorkflowIndex.md": enriched_index(f"Demo_Wiki_{name}", 2),
            f"workflows/Demo_Wiki_{name}.md": workflow_page(name, 2),
        },
    )
    return root / "_WorkflowIndex.md"


def test_two_wikis_in_one_call_give_what_two_calls_give(tmp_path):
    first, second = wiki(tmp_path / "a", "Alpha"), wiki(tmp_path / "b", "Beta")
    together = runner.invoke(
        app, ["from-index", str(first), str(second), "--out", str(tmp_path / "one"), "--no-pin", "--json"]
    )
    assert together.exit_code == 0, together.stdout
    reports = json.loads(together.stdout)["wikis"]
    assert [w["workflows"][0]["action"] for w in reports] == ["create", "create"]
    for index in (first, second):
        alone = runner.invoke(app, ["from-index", str(index), "--out", str(tmp_path / "two"), "--no-pin"])
        assert alone.exit_code == 0, alone.stdout
    trees = [
        {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        for root in (tmp_path / "one", tmp_path / "two")
    ]
    assert trees[0] == trees[1] and len({k.split("/")[0] for k in trees[0]}) == 2
    text = runner.invoke(app, ["from-index", str(first), str(second), "--out", str(tmp_path / "one"), "--no-pin"])
    assert text.stdout.count("unchanged") >= 2 and text.exit_code == 0


def test_a_repository_name_two_wikis_share_is_not_overwritten(tmp_path):
    first, second = wiki(tmp_path / "a", "Same"), wiki(tmp_path / "b", "Same")
    result = runner.invoke(app, ["from-index", str(first), str(second), "--out", str(tmp_path / "out"), "--no-pin"])
    assert result.exit_code == 1
    assert "is also used by workflow Demo_Wiki_Same of" in result.stdout + (result.stderr or "")
    manifest = json.loads((tmp_path / "out" / "workflow-demo-wiki-same" / ".genrepo.json").read_text())
    assert manifest["wiki"]["name"] == "a"


def test_publish_takes_one_wiki(tmp_path):
    first, second = wiki(tmp_path / "a", "Alpha"), wiki(tmp_path / "b", "Beta")
    result = runner.invoke(app, ["from-index", str(first), str(second), "--publish", "--no-pin"])
    assert result.exit_code == 2 and "one wiki at a time" in (result.stderr or result.stdout)
