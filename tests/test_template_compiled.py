"""The template compiled once per process renders exactly what cookiecutter's own API renders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from generator.pipeline import plan_all
from generator.plan import context
from generator.render import template_dir
from generator.template import CompiledTemplate, compiled
from tests.conftest import SAMPLES, corpus_params
from tests.helpers import build_file_tree, enriched_index, workflow_page

# two workflows of every corpus wiki (the smallest ones in the fast tier) and of every bundled sample
INDEXES = corpus_params() + [pytest.param(i, id=i.parent.name) for i in sorted(SAMPLES.glob("*/_WorkflowIndex.md"))]


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Relative path -> (bytes, permission bits) of every file below root."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def through_cookiecutter(extra: dict, output: Path, scratch: Path) -> Path:
    """What render.py did before: one call of cookiecutter's API per repository."""
    config = {
        "cookiecutters_dir": str(scratch / "cookiecutters"),
        "replay_dir": str(scratch / "replay"),
        "default_context": {},
        "abbreviations": {},
    }
    return Path(
        cookiecutter(
            str(template_dir()),
            no_input=True,
            extra_context=extra,
            output_dir=str(output),
            default_config=config,
            accept_hooks=True,
        )
    )


def extras(index: Path, limit: int = 2) -> list[dict]:
    _, plans = plan_all(index)
    return [
        {"repo_name": p.repo_name, "package_name": p.package_name, "_workflow": context(p)}
        for p in plans
        if not p.errors
    ][:limit]


@pytest.mark.skipif(not INDEXES, reason="no wiki to render")
@pytest.mark.parametrize("index", INDEXES)
def test_compiled_template_renders_the_same_bytes_as_cookiecutter(index, tmp_path):
    template = compiled(template_dir())
    chosen = extras(index)
    if not chosen:
        pytest.skip(f"{index.parent.name}: no workflow of this wiki plans")
    for n, extra in enumerate(chosen):
        ours = template.render(extra, tmp_path / f"ours{n}")
        theirs = through_cookiecutter(extra, tmp_path / f"theirs{n}", tmp_path / f"cc{n}")
        assert ours.name == theirs.name
        into = tmp_path / f"into{n}"  # as genrepo renders: into an empty scratch folder moved into place later
        into.mkdir()
        template.render_into(extra, tmp_path / f"ours{n}", into)
        mine, reference = tree(ours), tree(theirs)
        assert sorted(mine) == sorted(reference) and tree(into) == mine
        for rel, value in reference.items():
            assert mine[rel] == value, f"{index.parent.name}/{extra['repo_name']}: {rel} differs"


def test_inline_wiki_renders_the_same_bytes_as_cookiecutter(tmp_path):
    build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": enriched_index("Demo_Wiki_Acme_Train", 2),
            "workflows/Demo_Wiki_Acme_Train.md": workflow_page("Acme_Train", 2),
        },
    )
    (extra,) = extras(tmp_path / "wiki" / "_WorkflowIndex.md")
    ours = compiled(template_dir()).render(extra, tmp_path / "ours")
    theirs = through_cookiecutter(extra, tmp_path / "theirs", tmp_path / "cc")
    assert tree(ours) == tree(theirs)


def test_a_failing_hook_fails_the_render_as_cookiecutter_does(tmp_path):
    from cookiecutter.exceptions import FailedHookException

    build_file_tree(
        tmp_path / "t",
        {
            "cookiecutter.json": '{"name": "demo"}',
            "{{cookiecutter.name}}/a.txt": "{{ cookiecutter.name }}\n",
            "hooks/post_gen_project.py": "import sys\nsys.exit('refusing {{ cookiecutter.name }}')\n",
        },
    )
    cwd = os.getcwd()
    with pytest.raises(FailedHookException, match="refusing demo"):
        CompiledTemplate(tmp_path / "t").render({}, tmp_path / "out")
    assert os.getcwd() == cwd
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(tmp_path / "t"),
            no_input=True,
            output_dir=str(tmp_path / "out2"),
            default_config={"cookiecutters_dir": str(tmp_path / "c"), "replay_dir": str(tmp_path / "r")},
        )


def test_copy_without_render_newlines_and_modes_match_cookiecutter(tmp_path):
    build_file_tree(
        tmp_path / "t",
        {
            "cookiecutter.json": '{"name": "demo", "_copy_without_render": ["raw/*"]}',
            "{{cookiecutter.name}}/crlf.txt": "{{ cookiecutter.name }}\r\nsecond\r\n",
            "{{cookiecutter.name}}/raw/keep.txt": "{{ not rendered }}\n",
            "{{cookiecutter.name}}/run.sh": "echo {{ cookiecutter.name }}\n",
            "{{cookiecutter.name}}/{{cookiecutter.name}}_dir/x.py": "X = {{ cookiecutter.name | tojson }}\n",
        },
    )
    (tmp_path / "t" / "{{cookiecutter.name}}" / "run.sh").chmod(0o755)
    ours = CompiledTemplate(tmp_path / "t").render({"name": "other"}, tmp_path / "out")
    theirs = cookiecutter(
        str(tmp_path / "t"),
        no_input=True,
        output_dir=str(tmp_path / "out2"),
        extra_context={"name": "other"},
        default_config={"cookiecutters_dir": str(tmp_path / "c"), "replay_dir": str(tmp_path / "r")},
    )
    assert tree(ours) == tree(Path(theirs))
    assert tree(ours)["crlf.txt"][0] == b"other\r\nsecond\r\n"
    assert tree(ours)["raw/keep.txt"][0] == b"{{ not rendered }}\n"
    assert tree(ours)["run.sh"][1] == 0o755
