"""Rendering several repositories together (one `ruff format` for all) gives the bytes rendering each alone
gives; a repository the formatter rejects fails alone, named; the shortcuts taken for speed say what the slow
paths said (new-file diffs, wikilinks and tables built from their own tokens)."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import sys
from pathlib import Path

import mwparserfromhell
import pytest

from generator import fmt
from generator.parse import mediawiki
from generator.pipeline import plan_all
from generator.render import render, render_batch
from generator.update import unified_diff
from tests.conftest import corpus_indexes
from tests.helpers import many_workflows


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_batch_renders_the_bytes_each_repository_renders_alone(tmp_path, monkeypatch):
    _, plans = plan_all(many_workflows(tmp_path / "wiki", 4))
    assert len(plans) == 4 and not any(p.errors for p in plans)
    alone = [render(plan, tmp_path / "alone") for plan in plans]
    monkeypatch.setattr(fmt, "_DONE", {})  # nothing remembered from the first renders
    calls: list[int] = []
    real = fmt._run_ruff
    monkeypatch.setattr(
        fmt, "_run_ruff", lambda todo, config, roots: (calls.append(len(roots)), real(todo, config, roots))
    )
    together = render_batch(plans, tmp_path / "together")
    assert calls == [4]  # one formatter process for the four repositories
    assert [r.action for r in together] == [r.action for r in alone] == ["create"] * 4
    assert tree(tmp_path / "alone") == tree(tmp_path / "together")
    assert not list((tmp_path / "together").glob(".genrepo-*"))  # no scratch folder left behind
    umask = os.umask(0o022)
    os.umask(umask)
    for plan in plans:  # the scratch folder, private while written, became the repository with cookiecutter's mode
        assert stat.S_IMODE((tmp_path / "together" / plan.repo_name).stat().st_mode) == 0o777 & ~umask


def test_a_repository_the_formatter_rejects_fails_alone(tmp_path, monkeypatch):
    """A stand-in ruff that refuses any file holding one workflow's name: that repository fails with ruff's
    reason, naming its file; the others of the batch are created."""
    _, plans = plan_all(many_workflows(tmp_path / "wiki", 3))
    victim = plans[1].package_name
    fake = tmp_path / "ruff"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "files = [a for a in sys.argv[1:] if a.endswith('.py')]\n"
        f"bad = [f for f in files if {victim!r} in pathlib.Path(f).read_text()]\n"
        "if bad:\n"
        "    sys.exit(f'error: Failed to parse {bad[0]}:1:1: stand-in refusal')\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setattr(fmt, "ruff_binary", lambda: str(fake))
    monkeypatch.setattr(fmt, "_DONE", {})
    outcomes = render_batch(plans, tmp_path / "out")
    assert [type(o).__name__ for o in outcomes] == ["RenderResult", "RenderError", "RenderResult"]
    message = str(outcomes[1])
    assert "stand-in refusal" in message and plans[1].repo_name in message
    assert "genrepo-fmt-" not in message  # the generated file is named, not the scratch copy
    assert (tmp_path / "out" / plans[0].repo_name / ".genrepo.json").is_file()
    assert not (tmp_path / "out" / plans[1].repo_name).exists()
    assert not list((tmp_path / "out").glob(".genrepo-*"))


@pytest.mark.parametrize("lines", [["a"], ["a", "b"], ["", "x", ""], [f"line {n}" for n in range(40)]])
def test_a_new_files_diff_is_what_difflib_says(lines):
    data = ("\n".join(lines) + "\n").encode()
    expected = list(difflib.unified_diff([], data.decode().splitlines(), "/dev/null", "b/f.py", lineterm=""))
    assert unified_diff("f.py", None, data) == expected


PAGES = [
    "[[step::One]] text [[implemented_by::Implementation:X|label]] and [[plain]]",
    "{{T|[[a::b]]}} <b>[[c::d|e|f]]</b>\n{|\n| [[in::cell]] || [[x]]\n|-\n! h\n|}",
    "{| class=x\n|-\n| outer\n{|\n| inner [[k::v]]\n|}\n|}\n{|\n| second\n|}",
    "[[outer::text [[nested::link]] more]] ''[[i::italic]]''",
    "<table><tr><td>html table</td></tr></table>",
    "[[broken::link\n[[ok::yes]]",
]


PAGES += [
    "{|\n|-\n| {{Tpl|a}} cell || [[x|y]] ''it'' '''b''' &amp; <ref>r</ref>\n|-\n| <td>odd</td>\n|}",
    "{|\n|-\n| a\n|-\n|}\n{|\n! only a header row\n|}",
    '{| {{attr}}\n|- style="x"\n| cell<br/>next\n|}',
    "<{{name}}>x</{{name}}>\n{|\n| [[a::b|c|d]] | not a cell\n|}",
    "{|\n| [[unclosed\n|}",
    "[[ spaced :: title | label ]] and [[ x ]]",
]


def _links_of_whole_parse(text: str) -> list[tuple[str, str | None, str]]:
    return [
        (str(n.title), None if n.text is None else str(n.text), str(n))
        for n in mwparserfromhell.parse(text).filter_wikilinks()
    ]


@pytest.mark.parametrize("text", PAGES)
def test_links_and_tables_read_from_tokens_match_the_whole_parse(text):
    """Wikilinks and table cells read straight from the tokens (trees built only for cells that hold markup) say
    what the whole page's parse tree says."""
    assert mediawiki._links(text) == _links_of_whole_parse(text)
    tables = mediawiki._built(text, mediawiki._is_table, mediawiki.mwt.TagOpenOpen)
    whole = mwparserfromhell.parse(text).filter_tags(matches=lambda n: str(n.tag).lower() == "table")
    assert [str(n) for n in tables] == [str(n) for n in whole]
    assert mediawiki.wikitables(text) == mediawiki._built_wikitables(text)


def test_tables_and_links_read_from_tokens_match_the_tree_builder_on_every_corpus_page():
    """Every page of every corpus wiki and sample: the direct readers give what building trees gives."""
    roots = [Path(__file__).resolve().parent.parent / "workflow_index_samples"]
    roots += [index.parent for index in corpus_indexes()]
    tables = links = 0
    for root in roots:
        for page in sorted(root.rglob("*.md")) + sorted(root.rglob("*.mediawiki")):
            text = page.read_text(encoding="utf-8", errors="replace")
            if "{|" in text or "<table" in text.lower():
                assert mediawiki.wikitables(text) == mediawiki._built_wikitables(text), page
                tables += 1
            if "[[" in text:
                assert mediawiki._links(text) == _links_of_whole_parse(text), page
                links += 1
    assert tables and links
    assert tables > 400 or not corpus_indexes()


def test_a_ctrl_c_while_scratch_folders_are_removed_still_removes_all_of_them(tmp_path, monkeypatch):
    """Ctrl-C landing while a batch cleans up (the worker processes get it too) must not leave the batch's other
    scratch folders behind: every one is removed, then the interrupt goes on."""
    from generator import render as render_module

    scratches = [tmp_path / f".genrepo-{n}" for n in range(3)]
    for folder in scratches:
        (folder / "out").mkdir(parents=True)
    real = render_module._remove

    def interrupted_once(scratch: Path) -> None:
        real(scratch)
        if scratch == scratches[0]:
            raise KeyboardInterrupt

    monkeypatch.setattr(render_module, "_remove", interrupted_once)
    with pytest.raises(KeyboardInterrupt):
        render_module._remove_all(scratches)
    assert not any(folder.exists() for folder in scratches)


def test_html_tables_are_read_like_wiki_tables():
    text = "== Inputs ==\n<table><tr><th>Name</th><th>Type</th></tr><tr><td>model</td><td>''Module''</td></tr></table>"
    assert mediawiki.wikitables(text) == [[["Name", "Type"], ["model", "*Module*"]]]


def test_a_disk_error_while_formatting_fails_the_batch_not_the_run(tmp_path, monkeypatch):
    """An OSError inside the formatter (a full /tmp) becomes each repository's failure, not a traceback."""
    _, plans = plan_all(many_workflows(tmp_path / "wiki", 2))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", "/tmp/genrepo-fmt-x")

    monkeypatch.setattr(fmt, "_DONE", {})
    monkeypatch.setattr(fmt, "_run_ruff", full)
    outcomes = render_batch(plans, tmp_path / "out")
    assert [type(o).__name__ for o in outcomes] == ["RenderError", "RenderError"]
    assert all("No space left on device" in str(o) for o in outcomes)
    assert not list((tmp_path / "out").glob(".genrepo-*"))


def test_markdown_blocks_do_not_depend_on_inline_parsing(monkeypatch):
    """parse_blocks reads only each inline token's source: markdown-it's inline pass is left out for speed, and
    the blocks are those a full parse gives (tables, headings, lists, paragraphs, fences)."""
    from markdown_it import MarkdownIt

    from generator.parse import markdown

    text = (
        "# Title *with* `code`\n\nSome **bold** [link](x.md) text.\n\n"
        "| Step | API |\n|---|---|\n| 1 **a** | `f(x: str | None)` |\n| 2 | [g](y.md) |\n\n"
        "- item *one*\n- item `two`\n\n```python\nx = 1\n```\n"
    )
    lean = markdown.parse_blocks(text)
    monkeypatch.setattr(markdown, "_MD", MarkdownIt("commonmark").enable("table"))
    assert markdown.parse_blocks(text) == lean
    assert [b.kind for b in lean] == ["heading", "paragraph", "table", "list", "fence"]
    assert lean[2].rows[0].cells == ("1 **a**", "`f(x: str | None)`")


def test_a_formatter_that_fails_half_way_leaves_no_damaged_file(tmp_path, monkeypatch):
    """ruff formats the rendered files in place: a run that fails after writing (here: it empties every file, then
    exits 2, once) must not leave its damage behind; the retry, tree by tree, formats the template's own bytes."""
    _, plans = plan_all(many_workflows(tmp_path / "wiki", 3))
    expected = [render(plan, tmp_path / "alone") for plan in plans]
    marker = tmp_path / "failed-once"
    fake = tmp_path / "ruff"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import os, pathlib, sys\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "if not marker.exists():\n"
        "    marker.write_text('x')\n"
        "    for arg in sys.argv[1:]:\n"
        "        if arg.endswith('.py'):\n"
        "            pathlib.Path(arg).write_text('')\n"
        "    sys.exit('error: stopped half-way')\n"
        f"os.execv({fmt.ruff_binary()!r}, [{fmt.ruff_binary()!r}, *sys.argv[1:]])\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setattr(fmt, "ruff_binary", lambda: str(fake))
    monkeypatch.setattr(fmt, "_DONE", {})
    outcomes = render_batch(plans, tmp_path / "together")
    assert marker.exists()  # the failing run happened
    assert [getattr(o, "action", o) for o in outcomes] == [r.action for r in expected] == ["create"] * 3
    assert tree(tmp_path / "together") == tree(tmp_path / "alone")


def test_the_formatter_remembers_a_bounded_number_of_sources_the_most_recently_used(tmp_path, monkeypatch):
    """A long run (an API caller, a wiki of thousands of workflows) does not keep every source it formatted: the
    memo keeps the most recently used ones, and what it forgot is formatted again, with the same bytes."""
    monkeypatch.setattr(fmt, "_DONE", {})
    monkeypatch.setattr(fmt, "_KEEP", 3)
    shared = b"x=[1,\n 2]\n"

    def tree(n: int) -> tuple[Path, dict[str, bytes]]:
        root = tmp_path / f"t{n}"
        files = {"shared.py": shared, "own.py": f"def f{n}( a ):\n  return a+{n}\n".encode()}
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        return root, files

    trees = [tree(n) for n in range(5)]
    for root, files in trees:
        fmt.format_trees([(root, files)])
        assert len(fmt._DONE) <= 3
    assert files["shared.py"] == b"x = [1, 2]\n" and files["own.py"] == b"def f4(a):\n    return a + 4\n"
    assert hashlib.sha256(b"\0" + shared).digest() in fmt._DONE  # used by every tree: never forgotten
    again_root, again = tree(0)
    fmt.format_trees([(again_root, again)])  # forgotten: formatted again, the same bytes
    assert again == trees[0][1] and again_root.joinpath("own.py").read_bytes() == b"def f0(a):\n    return a + 0\n"
