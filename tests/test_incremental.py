"""Incremental runs: unchanged inputs are not parsed or rendered again, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import GenrepoError
from tests.helpers import build_file_tree, enriched_index, workflow_page


@pytest.fixture()
def wiki(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": enriched_index("Demo_Wiki_Sample_Flow", 2),
            "workflows/Demo_Wiki_Sample_Flow.md": workflow_page("Sample_Flow", 2),
        },
    )
    return tmp_path / "wiki" / "_WorkflowIndex.md"


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (inode, mtime in ns) of every file: a rewrite changes one of them."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


def no_parsing(*args, **kwargs):
    raise AssertionError("the wiki was parsed again")


def test_an_unchanged_wiki_is_neither_parsed_nor_written(tmp_path, wiki, monkeypatch):
    first = pipeline.generate(wiki, tmp_path / "out")
    assert [r.action for r in first.results] == ["create"]
    before = stamps(tmp_path / "out")
    monkeypatch.setattr(pipeline, "plan_all", no_parsing)
    again = pipeline.generate(wiki, tmp_path / "out")
    assert [r.action for r in again.results] == ["unchanged"]
    assert again.results[0].files == first.results[0].files
    assert again.report()["workflows"][0]["steps"] == first.report()["workflows"][0]["steps"]
    assert stamps(tmp_path / "out") == before


def test_a_changed_page_is_parsed_again_and_only_changed_files_are_written(tmp_path, wiki):
    (first,) = pipeline.generate(wiki, tmp_path / "out").results
    before = stamps(first.output_dir)
    page = wiki.parent / "workflows" / "Demo_Wiki_Sample_Flow.md"
    page.write_text(page.read_text().replace("A demo workflow.", "A changed demo workflow."))
    (item,) = pipeline.generate(wiki, tmp_path / "out").results
    assert item.action == "update"
    after = stamps(item.output_dir)
    rewritten = {rel for rel in after if after[rel] != before.get(rel)}
    assert {"README.md", ".genrepo.json"} <= rewritten
    assert "config.toml" not in rewritten and len(rewritten) < len(after) / 4


def test_a_new_file_in_the_wiki_or_other_options_miss_the_cache(tmp_path, wiki, monkeypatch):
    pipeline.generate(wiki, tmp_path / "out")
    calls = []
    real = pipeline.plan_all

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "plan_all", counting)
    (wiki.parent / "implementations").mkdir()
    (wiki.parent / "implementations" / "Demo_Extra.md").write_text("# Implementation: Extra\n")
    pipeline.generate(wiki, tmp_path / "out")
    pipeline.generate(wiki, tmp_path / "out", origins=("https://github.com", "https://ghe.example.com"))
    assert len(calls) == 2
    pipeline.generate(wiki, tmp_path / "out")
    assert len(calls) == 2  # the first new state is cached too


def test_a_local_edit_is_not_taken_for_unchanged(tmp_path, wiki):
    (item,) = pipeline.generate(wiki, tmp_path / "out").results
    readme = item.output_dir / "README.md"
    readme.write_text(readme.read_text() + "\nmine\n")
    (again,) = pipeline.generate(wiki, tmp_path / "out").results  # not skipped as unchanged: merged, the edit kept
    assert again.action == "unchanged" and again.kept == ("README.md",) and "mine" in readme.read_text()
    (forced,) = pipeline.generate(wiki, tmp_path / "out", force=True).results
    assert forced.action == "update" and "mine" not in readme.read_text() and forced.backup is not None


def test_a_deleted_output_is_the_users_choice_until_force(tmp_path, wiki):
    """A file the user deleted is an edit like any other (three-way update): the incremental check sees it,
    the merge keeps the deletion and says so; --force writes it again."""
    (item,) = pipeline.generate(wiki, tmp_path / "out").results
    (item.output_dir / "config.toml").unlink()
    (again,) = pipeline.generate(wiki, tmp_path / "out").results
    assert (
        again.action == "unchanged"
        and again.kept == ("config.toml",)
        and not (item.output_dir / "config.toml").exists()
    )
    (forced,) = pipeline.generate(wiki, tmp_path / "out", force=True).results
    assert forced.action == "update" and (item.output_dir / "config.toml").is_file()


def test_an_unwritable_cache_only_costs_speed(tmp_path, wiki, monkeypatch):
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "blocked"))
    first = pipeline.generate(wiki, tmp_path / "out")
    again = pipeline.generate(wiki, tmp_path / "out")
    assert [r.action for r in first.results] == ["create"] and [r.action for r in again.results] == ["unchanged"]
    assert not isinstance(first, GenrepoError) and os.path.isfile(tmp_path / "blocked")


def test_the_same_wiki_in_another_folder_is_planned_for_that_folder(tmp_path, wiki):
    import shutil

    pipeline.generate(wiki, tmp_path / "out")
    moved = shutil.copytree(wiki.parent, tmp_path / "elsewhere")
    (item,) = pipeline.generate(moved / "_WorkflowIndex.md", tmp_path / "out2").results
    assert item.plan.wiki.root == str(moved.resolve())


def test_the_plan_cache_keeps_only_the_most_recently_used_entries(tmp_path, monkeypatch):
    """Every edit of a wiki makes a new cache entry: the cache keeps the KEEP_PLANS most recently stored or
    used, so it does not grow without end, and an entry just used survives pruning."""
    import os

    from generator import incremental

    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(incremental, "KEEP_PLANS", 3)
    folder = tmp_path / "cache" / "plans"
    files = {incremental.Records("plans", 3)._path(f"key{n}").name: f"key{n}" for n in range(6)}

    def kept() -> list[str]:
        return sorted(files[p.name] for p in folder.glob("*.pickle"))

    for n in range(5):
        incremental.store_plans(f"key{n}", {"n": n})
        os.utime(incremental.Records("plans", 3)._path(f"key{n}"), ns=(n * 10**9, n * 10**9))  # ordered times
    assert kept() == ["key2", "key3", "key4"]
    assert incremental.load_plans("key2") == {"n": 2}  # used now: the newest
    incremental.store_plans("key5", {"n": 5})
    assert kept() == ["key2", "key4", "key5"]
    assert incremental.load_plans("key0") is None


def three_workflows(root: Path) -> Path:
    names = [f"Demo_Wiki_Flow_{n}" for n in (1, 2, 3)]
    index = enriched_index(names[0], 2) + "".join("\n" + enriched_index(n, 2).split("\n", 1)[1] for n in names[1:])
    files: dict[str, str | bytes] = {"_WorkflowIndex.md": index}
    files.update({f"workflows/{n}.md": workflow_page(n.removeprefix("Demo_Wiki_"), 2) for n in names})
    build_file_tree(root, files)
    return root / "_WorkflowIndex.md"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_page_edit_reads_and_plans_only_the_workflow_that_reads_it(tmp_path, monkeypatch):
    """One workflow page edited: the other workflows are taken from the cache before their pages are read and
    planned again, their repositories are unchanged, and the output is what a run with no cache writes."""
    from generator import plan as plan_module
    from generator import render as render_module
    from generator.parse import wiki as wiki_module

    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    index = three_workflows(tmp_path / "wiki")
    pipeline.generate(index, tmp_path / "out")
    page = tmp_path / "wiki" / "workflows" / "Demo_Wiki_Flow_2.md"
    page.write_text(page.read_text().replace("A demo workflow.", "A demo workflow, edited."))

    built: list[str] = []
    planned: list[str] = []
    rendered: list[str] = []
    build, plan, render_into = wiki_module._build_workflow, pipeline.plan_workflow, render_module._render_into
    monkeypatch.setattr(
        wiki_module, "_build_workflow", lambda r, p, n, e, *a: built.append(e.name) or build(r, p, n, e, *a)
    )
    monkeypatch.setattr(pipeline, "plan_workflow", lambda w, wf, *a: planned.append(wf.name) or plan(w, wf, *a))
    monkeypatch.setattr(
        render_module, "_render_into", lambda p, *a: rendered.append(p.workflow.name) or render_into(p, *a)
    )
    again = pipeline.generate(index, tmp_path / "out", workers=1)
    assert built == planned == rendered == ["Demo_Wiki_Flow_2"]  # the others are not even rendered
    assert [r.action for r in again.results] == ["unchanged", "update", "unchanged"]
    manifest = (tmp_path / "out" / again.results[0].plan.repo_name / ".genrepo.json").read_text()
    assert "Demo_Wiki_Flow_2.md" not in manifest  # a repository lists the wiki files its workflow was read from

    monkeypatch.setattr(wiki_module, "_build_workflow", build)
    monkeypatch.setattr(pipeline, "plan_workflow", plan)
    monkeypatch.setattr(render_module, "_render_into", render_into)
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cold-cache"))
    cold = pipeline.generate(index, tmp_path / "cold")
    assert [r.action for r in cold.results] == ["create"] * 3
    assert tree(tmp_path / "out") == tree(tmp_path / "cold")
    assert again.report()["warnings"] == cold.report()["warnings"]
    assert plan_module  # imported for the monkeypatch target's module


def test_a_page_added_where_a_workflow_looked_for_one_reads_it_again(tmp_path, monkeypatch):
    """The trail keeps the pages a workflow looked for and did not find: adding one (an implementation page for a
    step) makes the workflow read again, and the new page is used."""
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    index = three_workflows(tmp_path / "wiki")
    first = pipeline.plan_all(index)[1]
    assert first[0].steps[0].step.implementation is None
    build_file_tree(
        tmp_path / "wiki",
        {
            "implementations/Demo_Wiki_Step_Number_1.md": """
                = Implementation: Step_Number_1 =
                == Overview ==
                The first step.
                == Usage Examples ==
                <syntaxhighlight lang="python">
                import demo
                result = demo.func1(1, 2)
                </syntaxhighlight>
            """
        },
    )
    again = pipeline.plan_all(index)[1]
    assert again[0].steps[0].step.implementation is not None
    assert "implementations/Demo_Wiki_Step_Number_1.md" in [f.path for f in again[0].workflow.files]
