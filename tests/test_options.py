"""One option, one meaning: every flag is declared once (generator/options.py), says the same thing in every
command's --help, and reaches the pipeline from every path that takes it."""

from __future__ import annotations

import json

import typer.main
from typer.testing import CliRunner

from generator.cli import app
from tests.helpers import build_file_tree, enriched_index, workflow_page

runner = CliRunner()


def _wiki(root):
    return build_file_tree(
        root,
        {"_WorkflowIndex.md": enriched_index(steps=1), "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=1)},
    )


def test_every_flag_is_shown_once_per_command_with_one_meaning_across_commands():
    group = typer.main.get_command(app)
    meaning: dict[str, tuple[str, str]] = {}
    for name, command in group.commands.items():
        options = [p for p in command.params if p.param_type_name == "option"]
        flags = [flag for p in options for flag in (*p.opts, *p.secondary_opts)]
        assert len(flags) == len(set(flags)), (name, flags)
        help_text = runner.invoke(app, [name, "--help"], terminal_width=200).output
        for option in options:
            long_flag = next(f for f in option.opts if f.startswith("--"))
            assert (
                sum(
                    line.lstrip().startswith((long_flag + " ", long_flag + ","))
                    or line.strip() == long_flag
                    or line.lstrip().startswith(f"{option.opts[0]}, {long_flag}")
                    for line in help_text.splitlines()
                )
                <= 1
            )
            seen = meaning.setdefault(long_flag, (name, option.help or ""))
            assert seen[1] == (option.help or ""), (
                f"{long_flag}: '{seen[1]}' in {seen[0]} but '{option.help}' in {name}"
            )
    assert meaning["--force"][1].startswith("Overwrite local folders") and "--force-publish" in meaning


def test_dry_run_honours_a_mapping_file(tmp_path):
    """Bug: `from-index --dry-run --mapping F` ignored F."""
    wiki = _wiki(tmp_path / "wiki")
    mapping = tmp_path / "more.toml"
    mapping.write_text('[imports]\ndemo = "demo-from-the-mapping"\n')
    plain = json.loads(
        runner.invoke(
            app, ["from-index", str(wiki), "--dry-run", "--json", "--no-pin", "--out", str(tmp_path / "out")]
        ).stdout
    )
    mapped = json.loads(
        runner.invoke(
            app,
            [
                "from-index",
                str(wiki),
                "--dry-run",
                "--json",
                "--no-pin",
                "--mapping",
                str(mapping),
                "--out",
                str(tmp_path / "out"),
            ],
        ).stdout
    )
    assert "demo-from-the-mapping" not in plain["workflows"][0]["requirements"]
    assert "demo-from-the-mapping" in mapped["workflows"][0]["requirements"]
    validated = json.loads(runner.invoke(app, ["validate", str(wiki), "--json", "--mapping", str(mapping)]).stdout)
    assert "demo-from-the-mapping" in validated["workflows"][0]["requirements"]


def test_force_and_the_pinning_options_reach_publishing(tmp_path, monkeypatch):
    """Bugs: `from-index --force --publish` dropped --force; `publish` had no --no-hashes or --cache-dir."""
    import generator.pipeline as pipeline

    calls = []

    def record(index, out_dir, options, workflows=(), **kwargs):
        calls.append((options, kwargs))
        raise SystemExit(0)  # what happens next is publishing's business (tests/test_publish.py)

    monkeypatch.setattr(pipeline, "publish", record)
    wiki = _wiki(tmp_path / "wiki")
    runner.invoke(
        app, ["from-index", str(wiki), "--publish", "--force", "--no-hashes", "--cache-dir", str(tmp_path / "c")]
    )
    runner.invoke(
        app,
        [
            "publish",
            str(wiki),
            "--force",
            "--force-publish",
            "--no-hashes",
            "--cache-dir",
            str(tmp_path / "c"),
            "--resolver",
            "pip-tools",
            "--wiki-date",
        ],
    )
    (first, first_kw), (second, second_kw) = calls
    assert first_kw["force_render"] is True and first.force is False  # local overwrite, not remote replacement
    assert second_kw["force_render"] is True and second.force is True
    for kwargs in (first_kw, second_kw):
        assert kwargs["pin"].hashes is False and kwargs["pin"].cache_dir == tmp_path / "c"
    assert second_kw["pin"].resolver == "pip-tools" and second_kw["pin"].wiki_date is True


def test_a_bad_resolver_is_refused_on_every_path(tmp_path):
    """Bug: --resolver was not checked on the publish path."""
    wiki = _wiki(tmp_path / "wiki")
    for args in (["from-index", str(wiki)], ["from-index", str(wiki), "--publish"], ["publish", str(wiki)]):
        result = runner.invoke(app, [*args, "--resolver", "poetry"])
        assert result.exit_code == 2 and "Traceback" not in result.output, args
        assert "poetry" in result.output and "pip-tools" in result.output and "uv" in result.output
