"""Parsing: index styles, workflow pages, implementation pages, parameters, line numbers."""

from __future__ import annotations

import pytest

from generator.parse import mediawiki as mw
from generator.parse.params import parse_dependencies, parse_key_parameters
from generator.parse.wiki import load_wiki
from tests.helpers import build_file_tree, enriched_index, workflow_page


def test_enriched_index_steps_and_lines(tmp_path):
    build_file_tree(
        tmp_path,
        {"_WorkflowIndex.md": enriched_index(steps=3), "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=3)},
    )
    wiki = load_wiki(tmp_path / "_WorkflowIndex.md")
    (wf,) = wiki.workflows
    assert wf.name == "Demo_Wiki_Sample_Flow" and wf.short_name == "Sample_Flow"
    assert [s.number for s in wf.steps] == [1, 2, 3]
    assert wf.steps[0].ref.path == "_WorkflowIndex.md" and wf.steps[0].ref.line == 9
    assert wf.steps[1].title == "Step Number 2"  # prose from the page
    assert wf.steps[1].api_call == "demo.func2(x, y)"  # implementation fields from the index
    assert wf.steps[0].description == "Does thing 1."
    assert wf.github_url is None and wf.github_url_status == "pending"
    assert "B{Choice}" in wf.mermaid and "-->|yes|" in wf.mermaid
    assert wf.source_repo_url == "https://github.com/demo/demo"


def test_index_and_page_disagree_gives_a_warning(tmp_path):
    build_file_tree(
        tmp_path,
        {"_WorkflowIndex.md": enriched_index(steps=2), "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=3)},
    )
    (wf,) = load_wiki(tmp_path / "_WorkflowIndex.md").workflows
    assert len(wf.steps) == 2
    assert any("index's step tables win" in w.message for w in wf.warnings)


def test_page_list_index_takes_steps_from_pages(tmp_path):
    index = """
        # Workflow Index: Demo_Wiki

        | Page | File | Connections | Notes |
        |------|------|-------------|-------|
        | Demo_Wiki_A | [→](./workflows/Demo_Wiki_A.md) | ✅Principle:Demo_Step_1 | first |
        | Demo_Wiki_B | [→](./workflows/Demo_Wiki_B.md) | | second |
    """
    build_file_tree(
        tmp_path,
        {
            "_WorkflowIndex.md": index,
            "workflows/Demo_Wiki_A.md": workflow_page("A", 4),
            "workflows/Demo_Wiki_B.md": workflow_page("B", 2),
        },
    )
    wiki = load_wiki(tmp_path)
    assert [(w.short_name, len(w.steps), w.steps_from) for w in wiki.workflows] == [("A", 4, "page"), ("B", 2, "page")]
    assert wiki.workflows[0].steps[2].ref.path == "workflows/Demo_Wiki_A.md"


def test_rough_index_uses_the_overview_table(tmp_path):
    index = """
        # Workflow Index: Demo_Wiki

        ## Workflow: Demo_Wiki_Rough

        **File:** [→](./workflows/Demo_Wiki_Rough.md)

        ### Steps Overview

        | # | Step Name | Rough API | Related Files |
        |---|-----------|-----------|---------------|
        | 1 | Load | `load_it` | a.py |
        | 2 | Save | `save_it`, `flush` | b.py |
    """
    build_file_tree(tmp_path, {"_WorkflowIndex.md": index})
    (wf,) = load_wiki(tmp_path).workflows
    assert wf.steps_from == "overview"
    assert [(s.title, s.api_call, s.source_location) for s in wf.steps] == [
        ("Load", "load_it", "a.py"),
        ("Save", "save_it", "b.py"),
    ]
    assert any("not found" in w.message for w in wf.warnings)


def test_index_with_no_workflows(tmp_path):
    build_file_tree(tmp_path, {"_WorkflowIndex.md": "# Workflow Index: X\n\n| Page | File |\n|---|---|\n"})
    wiki = load_wiki(tmp_path)
    assert wiki.workflows == ()
    assert any("no workflows" in w.message for w in wiki.warnings)  # a real index that lists nothing yet: a warning


def test_github_url_forms(tmp_path):
    page = workflow_page(extra="\n== GitHub URL ==\n\n[[github_url::https://github.com/acme/my-flow]]\n")
    build_file_tree(
        tmp_path,
        {
            "_WorkflowIndex.md": enriched_index().replace("**GitHub URL:** PENDING", "**GitHub URL:**"),
            "workflows/Demo_Wiki_Sample_Flow.md": page,
        },
    )
    (wf,) = load_wiki(tmp_path).workflows
    assert (wf.github_url, wf.github_url_status) == ("https://github.com/acme/my-flow", "url")


def test_mermaid_spans_lines_and_braces():
    text = "x\n{{#mermaid:graph TD\n  A{Is it?} --> B[ok]\n  subgraph s {\n  }\n}}\nafter"
    body, line = mw.mermaid(text)
    assert line == 2
    assert body.endswith("  }") and "A{Is it?}" in body and "after" not in body


def test_sections_ignore_headings_inside_code():
    text = "# Title\n== A ==\n```python\n# not a heading\n== nor this ==\n```\n=== B ===\nbody\n## a list item\n"
    # in a MediaWiki page `## x` is a nested numbered list item; only a first-line `# Title` is a heading
    assert [(s.level, s.title, s.line) for s in mw.sections(text)] == [(1, "Title", 1), (2, "A", 2), (3, "B", 7)]
    markdown = "# init\n\n## Overview\ntext\n```\n## not this\n```\n### Signature\n"
    assert [(s.level, s.title) for s in mw.sections(markdown)] == [(1, "init"), (2, "Overview"), (3, "Signature")]


def test_key_parameters():
    params = parse_key_parameters(
        "`nin: int` - Number of inputs, `nouts: list[int]` - sizes (default: [16, 1]), `lr: float = 0.05`"
    )
    assert [(p.name, p.type, p.default) for p in params] == [
        ("nin", "int", None),
        ("nouts", "list[int]", "[16, 1]"),
        ("lr", "float", "0.05"),
    ]
    assert parse_key_parameters("N/A (import statement)") == ()
    # choices listed in brackets after a parameter are its description, not parameters of their own
    choices = parse_key_parameters("`alternative: str` (`'two-sided'`, `'less'`; default `'two-sided'`), `n: int = 2`")
    assert [(p.name, p.default, p.description) for p in choices] == [
        ("alternative", "'two-sided'", "('two-sided', 'less'; default 'two-sided')"),
        ("n", "2", ""),
    ]
    plain = parse_key_parameters("model_name: str, max_seq_length: int")
    assert [p.name for p in plain] == ["model_name", "max_seq_length"]
    # a default that is not a literal is never kept (and never evaluated)
    assert parse_key_parameters("`x: int = __import__('os').system('id')`")[0].default is None
    # a code span inside a description is part of it: only one after `,` or `;` that names a parameter starts one
    quoted = parse_key_parameters(
        "`return_X_y: bool` - return `(data, target)` instead, `filename: str` - a path (e.g. `m.joblib`), "
        '`steps: list` - pairs, e.g. `[("a", A())]`; `memory` - cache'
    )
    assert [(p.name, p.description) for p in quoted] == [
        ("return_X_y", "return (data, target) instead"),
        ("filename", "a path (e.g. m.joblib)"),
        ("steps", 'pairs, e.g. [("a", A())]'),
        ("memory", "cache"),
    ]


def test_key_parameters_written_together_share_their_description():
    """Seen on diffusers, networkx and sentencepiece wikis: "`down_block_types` / `up_block_types` - block classes"
    gave `down_block_types` the description "/ up_block_types - block classes" and lost `up_block_types`'s; and
    "`source`, `target` - same nodes as Step 2" described `target` alone. Names joined by `/`, `&` or `and`, or
    bare names joined by commas, share the description that follows them; typed names in a comma list do not
    (`output_dir: str`, `beta: float` - KL penalty: not output_dir's), nor does a remark in brackets."""
    shared = {
        "`down_block_types` / `up_block_types` - block classes": ["block classes", "block classes"],
        "`add_bos: bool` / `add_eos: bool` - add markers": ["add markers", "add markers"],
        "`source`, `target` - same nodes as Step 2": ["same nodes as Step 2", "same nodes as Step 2"],
        "`output_dir: str`, `beta: float` - KL penalty strength": ["", "KL penalty strength"],
        "`accelerator`, `devices`, `logger=False` (no log dir for evaluation)": ["", "", "(no log dir for evaluation)"],
        "`order: str` - `asc` and `desc`": ["asc and desc"],
    }
    for cell, descriptions in shared.items():
        assert [p.description for p in parse_key_parameters(cell)] == descriptions, cell


def test_dependencies():
    assert parse_dependencies("`random` (stdlib), `micrograd.engine.Value`") == ("random", "micrograd.engine.Value")
    assert parse_dependencies("None") == ()
    assert parse_dependencies("Git, GitHub") == ("Git", "GitHub")
    # a code span in a remark on a dependency names no package (`memory` is a real, unrelated one on PyPI)
    assert parse_dependencies("`numpy`, `pandas` (only when `as_frame=True`)") == ("numpy", "pandas")
    assert parse_dependencies("`joblib` (optional `memory` caching), `pandas` (to tabulate `cv_results_`)") == (
        "joblib",
        "pandas",
    )
    assert parse_dependencies("`peft (>=0.7)`") == ("peft (>=0.7)",)  # inside the span: the version it asks for
    # a module the project compiles with itself (a gensim wiki: requirements.in said `word2vec-inner`, no
    # distribution on PyPI, so the repository did not install); compiled kernels of a package are that package
    assert parse_dependencies("`numpy`, compiled `word2vec_inner` extension") == ("numpy",)
    assert parse_dependencies("`flash-attn` compiled CUDA kernels, `torch`") == ("flash-attn", "torch")
    assert parse_dependencies("compiled `foo` extension") == ()
    # (gensim trial: the kind said in brackets, "(Cython)", and not by the word extension)
    assert parse_dependencies("`numpy`, `scipy`, compiled `word2vec_inner` (Cython)") == ("numpy", "scipy")
    # the qualifier before the name only (review): a package built with, or holding, an extension stays
    assert parse_dependencies("`torch`, `apex` built with its CUDA extension") == ("torch", "apex")
    assert parse_dependencies("`deepspeed` with native extension ops") == ("deepspeed",)


def test_markdown_style_implementation_page(tmp_path):
    impl = """
        # init_thing

        ## Code Reference

        ### Signature

        ```python
        def init_thing(model: str | None = None, *, temperature: float = 0.0) -> Thing
        ```

        ### Import

        ```python
        from demo.things import init_thing
        ```

        ## I/O Contract

        ### Inputs

        | Parameter | Type | Description |
        |-----------|------|-------------|
        | `model` | `str \\| None` | Model id |

        ### Outputs

        | Type | Description |
        |------|-------------|
        | `Thing` | the thing |

        ## Usage Examples

        ```python
        thing = init_thing("x")
        ```
    """
    index = enriched_index(steps=1).replace(
        "| **API Call** | `demo.func1(x, y)` |",
        "| **Implementation** | `Demo_Wiki_init_thing` |\n| **API Call** | `init_thing(model)` |",
    )
    build_file_tree(tmp_path, {"_WorkflowIndex.md": index, "implementations/Demo_Wiki_init_thing.md": impl})
    (wf,) = load_wiki(tmp_path).workflows
    impl_model = wf.steps[0].implementation
    assert impl_model is not None
    assert impl_model.imports == ("from demo.things import init_thing",)
    assert impl_model.signature.startswith("def init_thing(")
    assert impl_model.inputs[0].name == "model" and impl_model.inputs[0].type == "str | None"
    assert impl_model.examples == ('thing = init_thing("x")',)


def test_mediawiki_implementation_page_through_principle(tmp_path):
    impl = """
        # Implementation: Thing

        == Code Reference ==
        === Source Location ===
        * '''File:''' demo/things.py
        * '''Lines:''' 10-20

        === Signature ===
        <syntaxhighlight lang="python">
        def thing(a: int, b: int = 2) -> int
        </syntaxhighlight>

        === Import ===
        <syntaxhighlight lang="python">
        from demo import thing
        </syntaxhighlight>

        == I/O Contract ==
        === Inputs ===
        {| class="wikitable"
        |-
        ! Name !! Type !! Required !! Description
        |-
        | a || int || Yes || first
        |}
    """
    principle = "== Related ==\n* [[implemented_by::Implementation:Demo_Thing]]\n"
    build_file_tree(
        tmp_path,
        {
            "_WorkflowIndex.md": enriched_index(steps=1),
            "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=1),
            "principles/Demo_Step_1.md": principle,
            "implementations/Demo_Thing.md": impl,
        },
    )
    (wf,) = load_wiki(tmp_path).workflows
    found = wf.steps[0].implementation
    assert found is not None and found.name == "Demo_Thing"
    assert (found.source_file, found.source_lines) == ("demo/things.py", "10-20")
    assert found.imports == ("from demo import thing",)
    assert found.inputs[0].name == "a" and found.inputs[0].required == "Yes"


def test_pages_without_step_headings_use_subsections_or_numbered_lists(tmp_path):
    sub = "# Workflow: Sub\n\n== Execution Steps ==\n\n=== Load the model ===\nLoads it.\n\n=== Train &amp; save ===\nTrains.\n"
    listed = "# Workflow: Listed\n\n== Steps ==\n# '''Load''': read the files\n# '''Clean''': drop duplicates\n# Save the result\n"
    index = "# Workflow Index: Demo_Wiki\n\n| Page | File |\n|---|---|\n| Demo_Wiki_Sub | [→](./workflows/Demo_Wiki_Sub.md) |\n| Demo_Wiki_Listed | [→](./workflows/Demo_Wiki_Listed.md) |\n"
    build_file_tree(
        tmp_path,
        {"_WorkflowIndex.md": index, "workflows/Demo_Wiki_Sub.md": sub, "workflows/Demo_Wiki_Listed.md": listed},
    )
    sub_wf, listed_wf = load_wiki(tmp_path).workflows
    assert [(s.title, s.ref.line) for s in sub_wf.steps] == [("Load the model", 5), ("Train & save", 8)]
    assert [s.title for s in listed_wf.steps] == ["Load", "Clean", "Save the result"]


def _page_with_examples(heading: str, block: str) -> str:
    return (
        '# Implementation: Thing\n\n== Overview ==\n=== Usage ===\nWhen a thing is needed.\n\n== Import ==\n<syntaxhighlight lang="python">\nfrom demo import thing\n'
        f"</syntaxhighlight>\n\n{heading}\n{block}\n"
    )


def test_usage_examples_in_the_other_spellings_pipelines_write_are_read(tmp_path):
    """Examples feed the binder's values: a python3 or pycon tag, an untagged fence, a console session's prompts
    and a section called Example Usage / Code Examples / Usage are all Python examples (the first such section
    holding Python: an earlier "Usage" of prose is passed over), also under a Markdown `## Usage Examples` heading
    standing alone among wikitext headings; an untagged shell command or output is not."""
    cases = {
        "python3": ("== Usage Examples ==", '<syntaxhighlight lang="python3">\nthing(a=3)\n</syntaxhighlight>'),
        "untagged": ("== Usage Examples ==", "```\npip install demo\n```\n\n```\nthing(a=3)\n```"),
        "console": (
            "== Usage Examples ==",
            '<syntaxhighlight lang="pycon">\n>>> thing(\n...     a=3,\n... )\n4\n</syntaxhighlight>',
        ),
        "example usage": ("== Example Usage ==", "```python\nthing(a=3)\n```"),
        "code examples": ("== Code Examples ==", "```python\nthing(a=3)\n```"),
        "markdown heading": ("## Usage Examples\n", "```python\nthing(a=3)\n```"),  # among wikitext headings
    }
    expected = {
        "python3": ("thing(a=3)",),
        "untagged": ("thing(a=3)",),
        "console": ("thing(\n    a=3,\n)\n",),
        "example usage": ("thing(a=3)",),
        "code examples": ("thing(a=3)",),
        "markdown heading": ("thing(a=3)",),
    }
    for name, (heading, block) in cases.items():
        root = tmp_path / name.replace(" ", "_")
        index = enriched_index(steps=1).replace(
            "| **API Call** | `demo.func1(x, y)` |",
            "| **Implementation** | `Demo_Thing` |\n| **API Call** | `thing(a)` |",
        )
        build_file_tree(
            root, {"_WorkflowIndex.md": index, "implementations/Demo_Thing.md": _page_with_examples(heading, block)}
        )
        wiki = load_wiki(root)
        found = wiki.workflows[0].steps[0].implementation
        assert found is not None, name
        assert found.examples == expected[name], name
        assert not [w for w in wiki.warnings if "not valid Python" in w.message], name


def test_step_headings_and_principle_links_in_the_other_forms_pipelines_write():
    """A step keeps its title and its principle (how it finds its implementation page) whether its heading is
    `Step 1: X`, `Step 1 — X` or a numbered subsection `1. X` of the steps section, or a numbered list item, and
    whether it names the principle as a [[step::...]] property, a [[Principle:...]] link or a Markdown link."""
    from generator.parse.pages import parse_workflow_page
    from generator.parse.text import WikiText

    pages = {
        "em dash": "== Execution Steps ==\n=== Step 1 — Load Data ===\n[[step::Principle:Demo_Load]]\nReads.\n",
        "numbered": "== Execution Steps ==\n=== 1. Load Data ===\n[[step::Principle:Demo_Load]]\nReads.\n",
        "plain link": "== Execution Steps ==\n=== Step 1: Load Data ===\nUses [[Principle:Demo_Load]].\n",
        "markdown link": "## Execution Steps\n### Step 1: Load Data\nSee [the principle](../principles/Demo_Load.md).\n",
        "list": "== Steps ==\n1. **Load Data** [[step::Principle:Demo_Load]] — reads the files\n",
    }
    for name, body in pages.items():
        page = parse_workflow_page(WikiText("workflows/Demo_Flow.md", "# Workflow: Demo_Flow\n\n" + body, ""))
        assert [(s.title, s.principle) for s in page.steps] == [("Load Data", "Demo_Load")], name


def test_index_headings_and_attribute_tables_in_the_other_forms_pipelines_write(tmp_path):
    """An enriched index keeps its workflow and each step's attribute table when the workflow heading is
    `### Workflow:` under a `## Workflows` heading, or `Workflow — Name`, when a step heading is `Step 1 — Name` or
    `1. Name`, and when the table's first column is headed Field (or Property, Key) rather than Attribute. A dunder
    name outside backticks (`__init__.py`) is a name, not bold text; `**bold**` is."""
    base = enriched_index(steps=2)
    variants = {
        "level 3": base.replace("## Workflow: ", "## Workflows\n\n### Workflow: ").replace("### Step", "#### Step"),
        "dash": base.replace("## Workflow: ", "## Workflow — "),
        "em dash steps": base.replace("### Step 1: ", "### Step 1 — ").replace("### Step 2: ", "### Step 2 — "),
        "numbered steps": base.replace("### Step 1: ", "### 1. ").replace("### Step 2: ", "### 2. "),
        "field header": base.replace("| Attribute | Value |", "| Field | Value |"),
        "dunder path": base.replace("`demo/mod.py:L10-19`", "demo/__init__.py:L10-19, **demo/mod.py**"),
    }
    for name, index in variants.items():
        root = tmp_path / name.replace(" ", "_")
        build_file_tree(root, {"_WorkflowIndex.md": index})
        wiki = load_wiki(root)
        assert [wf.name for wf in wiki.workflows] == ["Demo_Wiki_Sample_Flow"], name
        steps = wiki.workflows[0].steps
        assert [(s.title, s.api_call) for s in steps] == [
            ("Step Number 1", "demo.func1(x, y)"),
            ("Step Number 2", "demo.func2(x, y)"),
        ], name
        expected = "demo/__init__.py:L10-19, demo/mod.py" if name == "dunder path" else "demo/mod.py:L10-19"
        assert steps[0].source_location == expected, name


def test_a_step_the_overview_lists_but_no_section_describes_is_built_from_its_row(tmp_path):
    """A `### Step 2` section deleted (or never written) while the Steps Overview still lists step 2: the step is
    built from its overview row, in its place, with a warning naming the row, never dropped and the rest renumbered.
    Without an overview, the gap in the numbers is said."""
    overview = (
        "### Steps Overview\n\n| # | Step Name | Rough API | Related Files |\n|---|---|---|---|\n"
        "| 1 | Step Number 1 | `demo.func1()` | a.py |\n| 2 | Middle Step | `demo.middle(z)` | m.py |\n"
        "| 3 | Step Number 3 | `demo.func3()` | c.py |\n\n"
    )
    base = enriched_index(steps=3)
    start, end = base.index("### Step 2:"), base.index("### Step 3:")
    without_two = base[:start] + base[end:]
    build_file_tree(tmp_path / "a", {"_WorkflowIndex.md": without_two.replace("### Step 1:", overview + "### Step 1:")})
    (wf,) = load_wiki(tmp_path / "a").workflows
    assert [(s.number, s.title, s.api_call) for s in wf.steps] == [
        (1, "Step Number 1", "demo.func1(x, y)"),
        (2, "Middle Step", "demo.middle(z)"),
        (3, "Step Number 3", "demo.func3(x, y)"),
    ]
    (warning,) = [w for w in wf.warnings if "Middle Step" in w.message]
    row_line = (
        without_two.replace("### Step 1:", overview + "### Step 1:")
        .split("\n")
        .index("| 2 | Middle Step | `demo.middle(z)` | m.py |")
    )
    assert "no step section" in warning.message and warning.ref.line == row_line + 1

    build_file_tree(tmp_path / "b", {"_WorkflowIndex.md": without_two})
    (wf,) = load_wiki(tmp_path / "b").workflows
    assert [s.number for s in wf.steps] == [1, 3]
    assert any("step numbers skip 2" in w.message for w in wf.warnings)


def test_a_short_principle_name_finds_the_page_under_the_prefix_the_pages_have(tmp_path):
    """Seen on unseen imbalanced-learn and h5py wikis: the index is titled "demo-lib" (or with the name doubled), its
    Steps Overview gives short principle names (`Balanced_Fit`), and the pages are `demo_lib_Balanced_Fit.md`: no
    page was found, every step was bound from its Rough API text. The one principle (or implementation) page named
    some prefix, `_`, then the name is its page; a step title is never looked up so (two workflows' pages may end
    alike), nor a name two pages end with."""
    index = (
        "# Workflow Index: demo-lib\n\n## Workflow: demo_lib_Forest\n\n**Description:** Fit.\n\n"
        "### Steps Overview\n\n| # | Step Name | Principle | Rough API | Related Files |\n|---|---|---|---|---|\n"
        "| 1 | Fit the Forest | Balanced_Fit | `demo.fit(X, y)` | demo/forest.py |\n"
        "| 2 | Loading | Loading | `demo.load(path)` | demo/io.py |\n"
    )
    pages = {
        "_WorkflowIndex.md": index,
        "principles/demo_lib_Balanced_Fit.md": "Fits.\n\n* [[implemented_by::Implementation:demo_lib_fit]]\n",
        "implementations/demo_lib_fit.md": '== Usage Examples ==\n<syntaxhighlight lang="python">\n'
        "import demo\n\nmodel = demo.fit(X, y)\n</syntaxhighlight>\n",
        "principles/demo_lib_Data_Loading.md": "Loads.\n\n* [[implemented_by::Implementation:demo_lib_load]]\n",
        "principles/demo_lib_Model_Loading.md": "Loads.\n\n* [[implemented_by::Implementation:demo_lib_load]]\n",
        "implementations/demo_lib_load.md": '== Usage Examples ==\n<syntaxhighlight lang="python">\n'
        "import demo\n\ndata = demo.load('x')\n</syntaxhighlight>\n",
    }
    build_file_tree(tmp_path, pages)
    (wf,) = load_wiki(tmp_path).workflows
    assert wf.name == "demo_lib_Forest"  # the title's `-` is the pages' `_`: not `demo-lib_demo_lib_Forest`
    fit, load = wf.steps
    assert fit.implementation is not None and fit.implementation.name == "demo_lib_fit", fit
    assert load.implementation is None, load  # `Loading` ends two principle pages' names


def test_of_the_pages_a_principle_links_the_one_named_like_the_steps_api_is_its_implementation(tmp_path):
    """Seen on a seaborn wiki: the Figure_Export principle links `FacetGrid_savefig`, then `Figure_savefig`; the
    overview row of a heatmap workflow cites `ax.figure.savefig(path)`. The first page was taken: the step drew a
    new relplot and saved that. Of the pages a principle links, the one whose name shares most words with the
    step's API is its page; on a tie, the first, as before."""
    index = (
        "# Workflow Index: demo-lib\n\n## Workflow: demo_lib_Heatmap\n\n**Description:** Plot.\n\n"
        "### Steps Overview\n\n| # | Step Name | Principle | Rough API | Related Files |\n|---|---|---|---|---|\n"
        "| 1 | Save Heatmap | Figure_Export | `ax.figure.savefig(path)` | demo/figure.py |\n"
        "| 2 | Save Grid | Figure_Export | `g.savefig(path)` | demo/grid.py |\n"
    )
    page = '== Usage Examples ==\n<syntaxhighlight lang="python">\nimport demo\n\n{}\n</syntaxhighlight>\n'
    pages = {
        "_WorkflowIndex.md": index,
        "principles/demo_lib_Figure_Export.md": (
            "Saves.\n\n* [[implemented_by::Implementation:demo_lib_FacetGrid_savefig]]\n"
            "* [[implemented_by::Implementation:demo_lib_Figure_savefig]]\n"
        ),
        "implementations/demo_lib_FacetGrid_savefig.md": page.format("g.savefig('grid.png')"),
        "implementations/demo_lib_Figure_savefig.md": page.format("ax.figure.savefig('heatmap.png')"),
    }
    build_file_tree(tmp_path, pages)
    (wf,) = load_wiki(tmp_path).workflows
    heatmap, grid = wf.steps
    assert heatmap.implementation is not None and heatmap.implementation.name == "demo_lib_Figure_savefig"
    assert grid.implementation is not None and grid.implementation.name == "demo_lib_FacetGrid_savefig"


def test_a_step_section_of_prose_alone_takes_the_api_its_overview_row_cites(tmp_path):
    """Seen on an unseen imbalanced-learn wiki: `### Step 2: Report` followed by a paragraph and no attribute table,
    its Steps Overview row citing `search.best_params_`: the step was manual ("has no API Call row"), while
    deleting the section made it bind from the row. The row's API (and files) fill what the section leaves out, and
    the warning says so."""
    overview = (
        "### Steps Overview\n\n| # | Step Name | Rough API | Related Files |\n|---|---|---|---|\n"
        "| 1 | Step Number 1 | `demo.func1()` | a.py |\n| 2 | Report | `search.best_params_`, `search.best_score_` | r.py |\n\n"
    )
    base = enriched_index(steps=2)
    start = base.index("### Step 2:")
    prose_only = base[:start] + "### Step 2: Report\n\nReads the best parameters off the search and prints them.\n"
    build_file_tree(tmp_path, {"_WorkflowIndex.md": prose_only.replace("### Step 1:", overview + "### Step 1:")})
    (wf,) = load_wiki(tmp_path).workflows
    report = wf.steps[1]
    assert (report.api_call, report.source_location) == ("search.best_params_", "r.py"), report
    (warning,) = [w for w in wf.warnings if "step 2" in w.message]
    assert "its API is its Steps Overview row's: search.best_params_" in warning.message, warning


def test_indexes_that_list_workflows_without_a_file_column_or_the_word_workflow(tmp_path):
    """Workflows are found when a page-list table has no File column (a Markdown link or `[[Workflow:X]]` in the
    name cell), when a bullet list links to the pages, and when sections are headed `## Name` without the word
    Workflow; a workflow only a Summary table names is built from its page when there is one, and said when not."""
    pages = {"workflows/Demo_Wiki_A.md": workflow_page("A", 3), "workflows/Demo_Wiki_B.md": workflow_page("B", 2)}
    variants = {
        "link in name cell": "| Workflow | Description |\n|---|---|\n"
        "| [Demo_Wiki_A](./workflows/Demo_Wiki_A.md) | first |\n| [B](workflows/Demo_Wiki_B.md) | second |\n",
        "wiki link in name cell": "| Workflow | Notes |\n|---|---|\n| [[Workflow:Demo_Wiki_A]] | |\n| [[Demo_Wiki_B]] | |\n",
        "bullet list": "## Workflows\n\n- [Demo_Wiki_A](./workflows/Demo_Wiki_A.md) — first\n"
        "- ✅ [[Workflow:Demo_Wiki_B]] — second\n",
    }
    for label, body in variants.items():
        root = tmp_path / label.replace(" ", "_")
        build_file_tree(root, {"_WorkflowIndex.md": "# Workflow Index: Demo_Wiki\n\n" + body, **pages})
        wiki = load_wiki(root)
        assert [(w.name, len(w.steps), w.steps_from) for w in wiki.workflows] == [
            ("Demo_Wiki_A", 3, "page"),
            ("Demo_Wiki_B", 2, "page"),
        ], label
    assert [w.ref.line for w in wiki.workflows] == [5, 6]  # the bullet list's lines

    bare = enriched_index().replace("## Workflow: ", "## ")
    build_file_tree(tmp_path / "bare", {"_WorkflowIndex.md": bare})
    (wf,) = load_wiki(tmp_path / "bare").workflows
    assert (wf.name, [s.api_call for s in wf.steps]) == (
        "Demo_Wiki_Sample_Flow",
        ["demo.func1(x, y)", "demo.func2(x, y)"],
    )

    summary = (
        "## Summary\n\n| Workflow | Steps |\n|---|---|\n| Demo_Wiki_Sample_Flow | 2 |\n| Demo_Wiki_A | 3 |\n"
        "| Demo_Wiki_Ghost | 4 |\n\n"
    )
    index = enriched_index().replace("## Workflow: ", summary + "## Workflow: ", 1)
    build_file_tree(tmp_path / "summary", {"_WorkflowIndex.md": index, **pages})
    wiki = load_wiki(tmp_path / "summary")
    assert [(w.name, w.steps_from) for w in wiki.workflows] == [
        ("Demo_Wiki_Sample_Flow", "index"),
        ("Demo_Wiki_A", "page"),
    ]
    (ghost,) = [w for w in wiki.warnings if "Ghost" in w.message]
    assert "workflows/Demo_Wiki_Ghost.md" in ghost.message and ghost.ref.line == 9
    # a section that names its workflow otherwise than the Summary, linking the same page, is that workflow
    renamed = index.replace("## Workflow: Demo_Wiki_Sample_Flow", "## Workflow: Sample Flow (renamed)")
    build_file_tree(tmp_path / "renamed", {"_WorkflowIndex.md": renamed, **pages})
    names = [w.name for w in load_wiki(tmp_path / "renamed").workflows]
    assert names == ["Demo_Wiki_Sample Flow (renamed)", "Demo_Wiki_A"]


def test_attribute_tables_in_the_other_words_and_markup_pipelines_write(tmp_path):
    """A step's attribute table keeps its API call, parameters and dependencies when the rows are named API, Method,
    Parameters, Dependencies (alone), the value column Details, values are in <code> tags or hold HTML entities,
    keys hold a no-break or zero-width space, the step heading is `Step 1) X`, the index title `Workflow Index —`, and
    when the API Call cell starts with a call not in backticks (the first call cited, not the first quoted), and when
    the table is transposed (the attribute names as its header, their values in one row)."""
    base = enriched_index(steps=1)
    variants = {
        "aliases": base.replace("**API Call**", "**Method**")
        .replace("**Key Parameters**", "**Parameters**")
        .replace("**External Dependencies**", "**Dependencies**"),
        "details column": base.replace("| Attribute | Value |", "| Attribute | Details |"),
        "code tags": base.replace("`demo.func1(x, y)`", "<code>demo.func1(x, y)</code>")
        .replace("`numpy`", "<code>numpy</code>")
        .replace("`x: int = 3`", "<code>x: int = 3</code>"),
        "entities": base.replace("`x: int = 3`", "`x: int &#124; None = 3`").replace("(x, y)`", "(x, y) -&gt; None`"),
        "invisible": base.replace("**API Call**", "**API\u00a0Call**").replace("`demo.func1", "`\u200bdemo.func1"),
        "step paren": base.replace("### Step 1: ", "### Step 1) "),
        "title dash": base.replace("# Workflow Index: Demo_Wiki", "# Workflow Index — Demo_Wiki"),
        "leading call": base.replace("`demo.func1(x, y)`", "demo.func1(x, y) then `demo.other()` or a loop"),
        "transposed": base.split("| Attribute |")[0]
        + "| API Call | Source Location | External Dependencies | Key Parameters |\n|---|---|---|---|\n"
        + "| `demo.func1(x, y)` | `demo/mod.py:L10-19` | `numpy` | `x: int = 3` - the x, `y: str` - the y |\n",
    }
    for label, index in variants.items():
        root = tmp_path / label.replace(" ", "_")
        build_file_tree(root, {"_WorkflowIndex.md": index})
        wiki = load_wiki(root)
        assert wiki.namespace == "Demo_Wiki", label
        ((wf,),) = [wiki.workflows]
        (step,) = wf.steps
        assert step.title == "Step Number 1" and step.api_call.startswith("demo.func1(x, y)"), (label, step.api_call)
        assert step.external_dependencies == ("numpy",), label
        assert [(p.name, p.default) for p in step.key_parameters] == [("x", "3"), ("y", None)], label
        assert not [w for w in wf.warnings if "no API Call" in w.message], label
    assert load_wiki(tmp_path / "entities").workflows[0].steps[0].key_parameters[0].type == "int | None"


def test_implementation_and_workflow_pages_in_the_other_forms_pipelines_write(tmp_path):
    """Examples in <pre> or under Example Code; a signature under Definition, after a text block; inputs as a
    Parameters list; an implementation linked from its principle with a Markdown link; a ```mermaid diagram;
    `### Step N: X` headings with text right under them in a MediaWiki page; a workflow named with spaces whose
    page has underscores."""
    impl = (
        "# Implementation: Thing\n\n== Overview ==\nMakes things.\n\n== Definition ==\n"
        '<syntaxhighlight lang="text">\nnot the signature\n</syntaxhighlight>\n'
        '<syntaxhighlight lang="python">\ndef thing(a: int = 1, b: str = "x") -> int\n</syntaxhighlight>\n\n'
        "== Parameters ==\n* '''a''' (int, optional): how many\n* '''b''' (str, default: \"x\") - a name\n\n"
        "== Example Code ==\n<pre>\nfrom demo import thing\nthing(a=3)\n</pre>\n"
    )
    page = (
        "# Workflow: Sample Flow\n\n== Overview ==\nA demo.\n\n== Execution Steps ==\n\n"
        "### Step 1: Make It\n[[step::Principle:Demo_Wiki_Make]]\nMakes it.\n\n"
        "== Execution Diagram ==\n```mermaid\ngraph TD\n  A --> B\n```\n"
    )
    index = (
        enriched_index(name="Demo_Wiki_Sample Flow", steps=1)
        .replace("**File:** [→](./workflows/Demo_Wiki_Sample Flow.md)\n", "")
        .replace("| **API Call** | `demo.func1(x, y)` |\n", "")
    )
    build_file_tree(
        tmp_path,
        {
            "_WorkflowIndex.md": index,
            "workflows/Demo_Wiki_Sample_Flow.md": page,
            "principles/Demo_Wiki_Make.md": "# Principle: Make\n\nSee [[Demo_Wiki_Other]].\n\n== Implementation ==\n"
            "* [Thing](../implementations/Demo_Wiki_Thing.md)\n",
            "implementations/Demo_Wiki_Thing.md": impl,
            "implementations/Demo_Wiki_Other.md": "# Implementation: Other\n\n== Overview ==\nAnother.\n",
        },
    )
    (wf,) = load_wiki(tmp_path).workflows
    assert wf.page_path == "workflows/Demo_Wiki_Sample_Flow.md" and wf.mermaid == "graph TD\n  A --> B"
    (step,) = wf.steps
    assert step.description == "Makes it." and step.principle == "Demo_Wiki_Make"
    found = step.implementation
    assert found is not None and found.name == "Demo_Wiki_Thing"
    assert found.signature.startswith("def thing(a: int = 1")
    assert found.examples == ("from demo import thing\nthing(a=3)",)
    assert [(row.name, row.type, row.required) for row in found.inputs] == [("a", "int", "no")]  # b: its default


def test_key_parameters_and_step_headings_in_the_other_forms_pipelines_write(tmp_path):
    """Parameters keep their types, defaults and descriptions when written `` `r` (int, default 16) - the rank ``,
    parted by `;` or by `<br>•`, or given in a table of their own under the step; a step headed by a bold paragraph
    `**Step 1: X**` keeps its attribute table; a signature under a bold `Signature:` label is read."""
    assert [
        (p.name, p.type, p.default, p.description)
        for p in parse_key_parameters(
            "`r` (int, default 16) - the rank; `alpha` (float): scaling<br>• `name` (str, optional) - a name"
        )
    ] == [("r", "int", "16", "the rank"), ("alpha", "float", None, "scaling"), ("name", "str", None, "a name")]
    assert [p.name for p in parse_key_parameters("a: int - the a; b: str - the b")] == ["a", "b"]

    table = "| Parameter | Type | Default | Description |\n|---|---|---|---|\n| x | int | 3 | the x |\n| y | str | - | the y |\n"
    base = enriched_index(steps=1)
    variants = {
        "bold heading": base.replace("### Step 1: Step_Number_1", "**Step 1: Step_Number_1**"),
        "parameter table": base.replace("| **Key Parameters** | `x: int = 3` - the x, `y: str` - the y |\n", "")
        + "\n"
        + table,
    }
    for label, index in variants.items():
        build_file_tree(tmp_path / label.replace(" ", "_"), {"_WorkflowIndex.md": index})
        (step,) = load_wiki(tmp_path / label.replace(" ", "_")).workflows[0].steps
        assert step.api_call == "demo.func1(x, y)", label
        assert [(p.name, p.type, p.default, p.description) for p in step.key_parameters] == [
            ("x", "int", "3", "the x"),
            ("y", "str", None, "the y"),
        ], label

    impl = (
        "# Implementation: Thing\n\n== Overview ==\nMakes things.\n\n== Code ==\n'''Signature:'''\n"
        '<syntaxhighlight lang="python">\ndef thing(a: int = 1) -> int\n</syntaxhighlight>\n'
    )
    index = base.replace("| **API Call** | `demo.func1(x, y)` |", "| **Implementation** | `Demo_Thing` |")
    build_file_tree(tmp_path / "label", {"_WorkflowIndex.md": index, "implementations/Demo_Thing.md": impl})
    (step,) = load_wiki(tmp_path / "label").workflows[0].steps
    assert step.implementation is not None and step.implementation.signature == "def thing(a: int = 1) -> int"


def test_curled_quotes_in_examples_and_a_steps_section_named_otherwise(tmp_path):
    """An example whose quotes a word processor curled is read with straight ones (a curled quote inside a string
    that parses stays); a workflow page whose steps are numbered subsections of a section not called Steps
    (`== Process ==`) keeps its steps."""
    curled = "thing(name=“q_proj”)"
    page = _page_with_examples("== Usage Examples ==", f"```python\n{curled}\n```\n\n```python\nprint('“quoted”')\n```")
    index = enriched_index(steps=1).replace(
        "| **API Call** | `demo.func1(x, y)` |",
        "| **Implementation** | `Demo_Thing` |\n| **API Call** | `thing(name)` |",
    )
    build_file_tree(tmp_path / "quotes", {"_WorkflowIndex.md": index, "implementations/Demo_Thing.md": page})
    wiki = load_wiki(tmp_path / "quotes")
    found = wiki.workflows[0].steps[0].implementation
    assert found is not None and found.examples == ('thing(name="q_proj")', "print('“quoted”')")
    assert not [w for w in wiki.warnings if "not valid Python" in w.message]

    process = workflow_page(steps=2).replace("== Execution Steps ==", "== Process ==").replace("Step 1: ", "1. ")
    process = process.replace("Step 2: ", "2. ")
    build_file_tree(
        tmp_path / "process",
        {"_WorkflowIndex.md": enriched_index(steps=0), "workflows/Demo_Wiki_Sample_Flow.md": process},
    )
    (wf,) = load_wiki(tmp_path / "process").workflows
    assert [(s.title, s.principle) for s in wf.steps] == [
        ("Step Number 1", "Demo_Step_1"),
        ("Step Number 2", "Demo_Step_2"),
    ]


def test_comments_marks_full_step_tables_and_links_in_the_forms_editors_leave(tmp_path):
    """HTML comments are not read (a comment line inside a table does not end it; a step commented out on a page is
    not a step); emoji and numbers before `Workflow:` and `Step N:` headings; Key Parameters as an HTML list; one
    steps table with the step tables' columns; a page link from the wiki root, without `.md`, or in another case;
    YAML front matter right before a page's title; a Windows source path."""
    base = enriched_index(steps=2)
    variants = {
        "comment in table": base.replace("| **Source Location**", "<!-- checked -->\n| **Source Location**"),
        "marks": base.replace("## Workflow: ", "## 🔧 1. Workflow: ").replace("### Step ", "### ✅ Step "),
        "html list": base.replace(
            "`x: int = 3` - the x, `y: str` - the y", "<ul><li>`x: int = 3` - the x</li><li>`y: str` - the y</li></ul>"
        ),
        "windows path": base.replace("`demo/mod.py:L10-19`", "`demo\\mod.py:L10-19`"),
    }
    for label, index in variants.items():
        root = tmp_path / label.replace(" ", "_")
        build_file_tree(root, {"_WorkflowIndex.md": index})
        (wf,) = load_wiki(root).workflows
        assert wf.name == "Demo_Wiki_Sample_Flow", label
        first = wf.steps[0]
        assert (first.title, first.api_call, first.source_location) == (
            "Step Number 1",
            "demo.func1(x, y)",
            "demo/mod.py:L10-19",
        ), label
        assert [(p.name, p.default, p.description) for p in first.key_parameters] == [
            ("x", "3", "the x"),
            ("y", None, "the y"),
        ], label

    table = (
        "# Workflow Index: Demo_Wiki\n\n## Workflow: Demo_Wiki_Sample_Flow\n\n**File:** [→](/workflows/demo_wiki_sample_flow)\n\n"
        "### Steps\n\n| # | Step | API Call | Key Parameters | External Dependencies |\n|---|---|---|---|---|\n"
        '| 1 | Load | `demo.load(path)` | `path: str = "a"` - where | `numpy` |\n'
        "| 2 | Fit | `demo.fit(model)` | | `scipy` |\n"
    )
    page = "---\ntitle: x\n---\n" + workflow_page(steps=3).replace(
        "=== Step 3: Step Number 3 ===", "<!--\n=== Step 3: Step Number 3 ===\n"
    ).replace("Does thing 3.\n", "Does thing 3.\n-->\n")
    build_file_tree(tmp_path / "table", {"_WorkflowIndex.md": table, "workflows/Demo_Wiki_Sample_Flow.md": page})
    wiki = load_wiki(tmp_path / "table")
    (wf,) = wiki.workflows
    assert wf.page_path == "workflows/Demo_Wiki_Sample_Flow.md" and wf.title == "Sample Flow"
    assert [(s.title, s.api_call, s.external_dependencies) for s in wf.steps] == [
        ("Step Number 1", "demo.load(path)", ("numpy",)),
        ("Step Number 2", "demo.fit(model)", ("scipy",)),
    ]
    assert [(p.name, p.default) for p in wf.steps[0].key_parameters] == [("path", '"a"')]
    assert not [w for w in wf.warnings if "index lists 2 steps" in w.message]  # the commented step is not on the page


def test_a_wikitable_header_without_a_row_marker_and_a_contract_without_an_inputs_section():
    """MediaWiki needs no `|-` before a table's first row (`{|` then `! Name !! Type`): that row is the header, not
    lost. A page whose I/O Contract holds one table with a Required column and no Inputs subsection: its rows are
    the inputs; a contract table that says nothing of required (an outputs table) is not read as inputs."""
    from generator.parse.pages import parse_implementation_page
    from generator.parse.text import WikiText

    table = '{| class="wikitable"\n! Name !! Type !! Required !! Description\n|-\n| a || int || No || first\n|}\n'
    assert mw.wikitables(table) == [[["Name", "Type", "Required", "Description"], ["a", "int", "No", "first"]]]
    assert mw._built_wikitables(table) == mw.wikitables(table)  # the fast reader and its reference agree
    loose = "{|\n! A\n! B\n|-\n| 1 || 2\n|}\n"
    assert mw.wikitables(loose) == mw._built_wikitables(loose) == [[["A", "B"], ["1", "2"]]]

    def inputs(contract: str) -> list[tuple[str, str, str]]:
        page = parse_implementation_page(WikiText("implementations/X.md", contract, ""), "X")
        return [(row.name, row.type, row.required) for row in page.inputs]

    assert inputs("== I/O Contract ==\n" + table) == [("a", "int", "No")]
    outputs_only = "{|\n! Name !! Type !! Description\n|-\n| model || Model || the result\n|}\n"
    assert inputs("== I/O Contract ==\n" + outputs_only) == []
    assert inputs("== I/O Contract ==\n=== Inputs ===\n" + outputs_only) == [("model", "Model", "")]


def test_an_api_call_a_line_break_cuts_into_two_code_spans_is_one_call(tmp_path):
    """`textwrap.fill(text,`<br>`width=30)`: the break falls inside the call, so the spans are one call; two calls
    each in its own span (`a()`<br>`b()`) stay two, the first cited."""
    row = "| **API Call** | {} |"
    index = "# Workflow Index: Demo\n\n## Workflow: Demo_Br\n\n**Description:** x\n\n" + "".join(
        f"### Step {n}: S{n}\n\n| Attribute | Value |\n|---|---|\n{row.format(cell)}\n\n"
        for n, cell in enumerate(
            (
                "`textwrap.fill(text,`<br>`width=30)`",
                "`Trainer(model=m,`<br/>`args=a,` <br> `x=1)` then `train()`",
                "`json.dumps(x)`<br>`json.loads(y)`",
            ),
            start=1,
        )
    )
    build_file_tree(tmp_path, {"_WorkflowIndex.md": index})
    (wf,) = load_wiki(tmp_path).workflows
    assert [s.api_call for s in wf.steps] == [
        "textwrap.fill(text, width=30)",
        "Trainer(model=m, args=a, x=1)",
        "json.dumps(x)",
    ]


API_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Mean

**Description:** A mean.

### Step 1: Average

| Attribute | Value |
|-----------|-------|
| **API Call** | `statistics.mean(data)` |
| **Implementation** | `Demo_Mean_Api` |
| **Outputs** | `average` |
"""

API_PAGE = """= Implementation: Demo_Mean_Api =

== Signature ==
<syntaxhighlight lang="python">
def mean(data): ...
</syntaxhighlight>

== API ==

'''Import:''' <code>from statistics import mean</code>

=== Basic use ===

<syntaxhighlight lang="python">
from statistics import mean

average = mean([1, 2, 3])
</syntaxhighlight>
"""


def test_usage_code_under_an_api_heading_is_the_example_when_no_examples_section_has_code(tmp_path):
    """LangChain-style pages keep their usage code under `== API ==`: with no Usage Examples section, that code
    is the example (the step was manual, with no reason given)."""
    wiki = build_file_tree(tmp_path, {"_WorkflowIndex.md": API_INDEX, "implementations/Demo_Mean_Api.md": API_PAGE})
    (workflow,) = load_wiki(wiki / "_WorkflowIndex.md").workflows
    (example,) = workflow.steps[0].implementation.examples
    assert "average = mean([1, 2, 3])" in example and "def mean" not in example


TWO_FLOWS = """# Workflow Index: Demo

## Workflow: Demo_Fit

**Description:** Fits.

### Step 1: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkg.fit(data)` |
| **Implementation** | `Demo_Fit_Impl` |

## Workflow: Demo_Plot

**Description:** Plots.

### Step 1: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkg.plot(data)` |
| **Implementation** | `Demo_Plot_Impl` |
"""


def test_heuristics_come_from_the_pages_of_a_workflows_steps_with_their_summary(tmp_path):
    """No workflow page links a heuristic; each implementation page links its own. Each workflow gets the one its
    steps' pages link (every workflow got every heuristic of the wiki), and a `## Summary` gives the summary the
    Tips section shows (only titles were shown)."""
    from generator.parse.wiki import load_wiki

    heuristic = "# Heuristic: {title}\n\n## Category\nTuning\n\n## Summary\n{summary}\n"
    wiki = build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": TWO_FLOWS,
            "implementations/Demo_Fit_Impl.md": "== Related Pages ==\n* [[uses_heuristic::Heuristic:Demo_Order]]\n",
            "implementations/Demo_Plot_Impl.md": "== Related Pages ==\n* [[uses_heuristic::Heuristic:Demo_Colors]]\n",
            "heuristics/Demo_Order.md": heuristic.format(title="Order", summary="Start small."),
            "heuristics/Demo_Colors.md": heuristic.format(title="Colors", summary="Few of them."),
        },
    )
    fit, plot = load_wiki(wiki / "_WorkflowIndex.md").workflows
    assert [(h.title, h.summary) for h in fit.heuristics] == [("Order", "Start small.")]
    assert [(h.title, h.summary) for h in plot.heuristics] == [("Colors", "Few of them.")]


def test_a_key_parameter_described_by_its_value_takes_it_as_default():
    """Seen on a sentencepiece wiki: "`model_type: str` - `unigram` (required for n-best and sampling)" made a
    parameter `unigram` of its own, and the step took the shared page's BPE example's "bpe"; "`vocab_size: int` -
    e.g. 2000" gave way to the example's 1000; "`nbest_size: int` - -1 (all hypotheses)" lost its minus sign."""

    def read(cell):
        return [(p.name, p.default, p.description) for p in parse_key_parameters(cell)]

    assert read("`model_type: str` - `unigram` (required for sampling), `vocab_size: int` - e.g. 2000") == [
        ("model_type", "'unigram'", "unigram (required for sampling)"),
        ("vocab_size", "2000", "e.g. 2000"),
    ]
    assert read("`nbest_size: int` - -1 (all hypotheses)") == [("nbest_size", "-1", "-1 (all hypotheses)")]
    assert read('`column: str` - `"label"`') == [("column", '"label"', "")]  # the value alone: no description
    assert read("`path: str` - `.pth`/`.pth.tar` file") == [("path", None, ".pth/.pth.tar file")]
    assert read("`model: str` - `model` from Step 1") == [("model", None, "model from Step 1")]
    # the name it goes by in the step it comes from, in brackets after it: no value (`'fname_or_handle'` was the path)
    assert read("`fname: str` - vectors path from Step 2 (`fname_or_handle`)") == [
        ("fname", None, "vectors path from Step 2 (fname_or_handle)")
    ]
    assert read("- `x`: first, - `y`: second") == [("x", None, "first"), ("y", None, "second")]


def test_a_value_in_brackets_at_the_end_of_a_description_is_the_default():
    """Seen on spaCy and catboost wikis: "number of epochs (e.g. 20)", "maximum number of trees (500)", "name of the
    target column (`churned`)": the example's values (300 trees, a literal "churned") won over the step's own."""
    cell = "`n_iter: int` - number of epochs (e.g. 20), `depth: int` - tree depth (6), `label: str` - target (`y`)"
    assert [(p.name, p.default) for p in parse_key_parameters(cell)] == [
        ("n_iter", "20"),
        ("depth", "6"),
        ("label", "'y'"),
    ]
    prose = "`min_len: int` - minimum token length (3 works well)"
    assert [(p.name, p.default) for p in parse_key_parameters(prose)] == [("min_len", None)]
    # (lightgbm trial: "`eval_at: list[int]` - NDCG cut-offs reported during training ([1, 3, 5])" kept the
    # example's [5, 10]; a list in brackets is the default too, a citation in them no value)
    listed = (
        "`eval_at: list[int]` - NDCG cut-offs reported during training ([1, 3, 5]), `layers: list` - sizes (see [1])"
    )
    assert [(p.name, p.default) for p in parse_key_parameters(listed)] == [("eval_at", "[1, 3, 5]"), ("layers", None)]


def test_the_first_end_of_a_range_or_of_a_choice_written_with_asides_is_no_default():
    """Seen on a trimesh wiki: "`aggression: int` - 0 (slow, best) to 10 (fast)" gave the key 0, the slowest end,
    and "`coherence: str` - `'u_mass'` (needs corpus) or `'c_v'`" a choice the API's default is not. A value marked
    as the default in its aside stays the default."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read("`aggression: int` - 0 (slow, best) to 10 (fast)") == [("aggression", None)]
    assert read("`coherence: str` - `'u_mass'` (needs corpus) or `'c_v'`, `'c_uci'`") == [("coherence", None)]
    assert read("`size: int` - 5 (small) - 50 (large)") == [("size", None)]
    assert read('`engine: str` - "pyogrio" (default) or "fiona"') == [("engine", '"pyogrio"')]
    assert read("`n: int` - 5 (more is slower)") == [("n", "5")]
    assert read("`threshold: float` - 0.5 (probability) - 0.7 works for skewed data") == [("threshold", "0.5")]


def test_a_flag_or_a_quoted_text_alone_is_the_default_a_choice_among_others_is_not():
    """Seen on a scikit-image wiki: "`as_gray: bool` - True" gave way to the example's False (colour images then
    failed in `canny`), and "(e.g. "camera.png")" was not read. But "`mmap_mode: str` - "r" to memory-map large
    datasets" and "`importance_type: str` - "split" or "gain"" name choices, not the default."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read('`as_gray: bool` - True, `fname: str` - input image (e.g. "camera.png")') == [
        ("as_gray", "True"),
        ("fname", '"camera.png"'),
    ]
    assert read('`column: str` - "label", `vocab_size: int` - e.g. 1000, `n: int` - e.g. 20.') == [
        ("column", '"label"'),
        ("vocab_size", "1000"),
        ("n", "20"),
    ]
    choices = '`mmap_mode: str` - "r" to memory-map, `kind: str` - "split" or "gain", `verbose: bool` - True to print'
    assert read(choices) == [("mmap_mode", None), ("kind", None), ("verbose", None)]


def test_choices_written_as_code_spans_are_no_parameters_nor_a_default():
    """Seen on a SciPy wiki: "`method: str` - `"lm"`, `"trf"` or `"dogbox"` (`"trf"` when bounds are given)" read
    `"trf"` as a parameter of its own (a span after a comma), which left `"lm"` alone as the method's value:
    curve_fit then failed ("Method 'lm' only works for unconstrained problems"). A span holding a value starts no
    parameter; the choices are the method's description, and none of them its default."""
    cell = '`method: str` - `"lm"`, `"trf"` or `"dogbox"` (`"trf"` when bounds are given), `maxfev: int` - at most'
    (method, maxfev) = parse_key_parameters(cell)
    assert (method.name, method.default) == ("method", None)
    assert method.description == '"lm", "trf" or "dogbox" ("trf" when bounds are given)'
    assert (maxfev.name, maxfev.description) == ("maxfev", "at most")
    assert [p.name for p in parse_key_parameters("`k: int` - `3`, `5` or `7`, `0.5`, `metric: str`")] == ["k", "metric"]


def test_a_description_giving_two_values_in_brackets_gives_none():
    """Seen on an OpenCV wiki: "`filename: str` - query image (`box.png`) and train image (`box_in_scene.png`)" made
    the last bracket the value of `filename`, so both image keys defaulted to box_in_scene.png (the query image was
    the scene). Two values in brackets belong to two parameters: neither is this one's; one still is."""
    two = parse_key_parameters("`filename: str` - query image (`box.png`) and train image (`box_in_scene.png`)")
    assert [(p.name, p.default) for p in two] == [("filename", None)]
    one = parse_key_parameters("`label: str` - name of the target column (`churned`)")
    assert [(p.name, p.default) for p in one] == [("label", "'churned'")]


def test_a_value_in_brackets_before_the_description_goes_on_is_the_default():
    """lightgbm trial: "`n_informative: int` - how many features actually drive the target (5); the rest are noise"
    and "`num_boost_round: int` - upper bound on boosting iterations (1000; early stopping normally ends far sooner)"
    read no value (only a bracket ending the description did), so the example's toy values (8, 500) were the keys'
    defaults. A bracketed value followed by `;`, or with its own aside after a `;`, is the value; a bracket in the
    middle of a sentence, or holding prose, is not."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read("`n_informative: int` - how many features actually drive the target (5); the rest are noise") == [
        ("n_informative", "5")
    ]
    assert read("`num_boost_round: int` - upper bound on iterations (1000; early stopping ends far sooner)") == [
        ("num_boost_round", "1000")
    ]
    assert read("`size: int` - pixels (32) of each side, then cropped") == [("size", None)]
    assert read("`size: int` - pixels (about 32; fewer is faster)") == [("size", None)]


def test_defaults_to_in_a_description_gives_the_default():
    """optuna trial: "`target_column: str` - name of the label column, defaults to "target"" read no default (only
    "default:", "default is", "default of" did); the step then asked for a REQUIRED key the wiki had answered."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read('`target_column: str` - name of the label column, defaults to "target"') == [
        ("target_column", '"target"')
    ]
    assert read("`alpha: float` - smoothing, defaults to 0.5, higher for small corpora") == [("alpha", "0.5")]
    assert read("`n: int` - how many to keep, capped to 10 by the server") == [("n", None)]
    # a remark in brackets after the value ends it; a tuple before another stays one tuple
    assert read('`label: str` - the label, defaults to "target" (the other columns are features)') == [
        ("label", '"target"')
    ]
    assert read("`order: tuple` - (p, d, q); default (0, 0, 0), (1, 1, 1) is a common start") == [
        ("order", "(0, 0, 0)")
    ]


def test_the_value_a_workflow_uses_here_wins_over_the_librarys_default():
    """xgboost trial: "`learning_rate: float` - step size (default 0.3; 0.05 here)", "`nfold: int` - number of folds
    (default 3; 5 here)": the keys took the library's defaults, so the workflow trained with other settings than it
    documents. The value said to be used "here" is the default; prose that says "here" of no value gives none."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read("`learning_rate: float` - step size (default 0.3; 0.05 here)") == [("learning_rate", "0.05")]
    assert read("`stratified: bool` - stratified folds (default False; True here)") == [("stratified", "True")]
    assert read("`n_estimators: int` - boosting rounds, 100; 500 here") == [("n_estimators", "500")]
    assert read("`verbose: bool | int` - print every N rounds (True = every round; 50 here)") == [("verbose", "50")]
    assert read("`folder: str` - where here means the working folder") == [("folder", None)]
    assert read("`depth: int` - tree depth (default 6; `deep` here)") == [("depth", "6")]  # not an int: not taken
    # said of the workflow in words
    assert read("`test_size: float` - held-out share (scikit-learn default 0.25; this workflow uses 0.2)") == [
        ("test_size", "0.2")
    ]
    assert read("`factor: float` - 1.0 the original (default for this workflow 2.0)") == [("factor", "2.0")]
    assert read("`size: tuple` - bounding box (this workflow uses (256, 256))") == [("size", "(256, 256)")]
    assert read("`name: str` - used in this workflow to label runs") == [("name", None)]
    # the value first (faiss trial: `d` took the test example's 32)
    assert read("`d: int` - vector dimension (64 in this workflow; must be a multiple of M)") == [("d", "64")]
    assert read("`size: tuple` - bounding box, (256, 256) in this workflow") == [("size", "(256, 256)")]
    assert read("`k: int` - neighbors, 4 (5 in the tests)") == [("k", None)]
    assert read("`nt: int` - training vectors (at least 39 * nlist; 20000)") == [("nt", "20000")]
    # a call's brackets hold no value (librosa trial: `amin` took 0 of "floor to avoid log(0)")
    assert read("`amin: float` - floor to avoid log(0)") == [("amin", None)]


def test_a_default_said_in_a_sentence_about_another_name_is_not_this_parameters():
    """seaborn trial: "`facet_kws: dict` - passed to `FacetGrid`, e.g. `{"sharey": False}` when the measures have
    different units. `errorbar` (via `**kwargs` to `lineplot`) controls the band, default ("ci", 95)": facet_kws
    took ("ci", 95) as its default and "tuple | dict" as its type, and seaborn failed on a tuple. A sentence opening
    with another name in code speaks of that name; the parameter's own text ends before it."""
    cell = (
        '`facet_kws: dict` - passed to `FacetGrid`, e.g. `{"sharey": False}` when the measures have different units. '
        '`errorbar` (via `**kwargs` to `lineplot`) controls the band, default ("ci", 95)'
    )
    (param,) = parse_key_parameters(cell)
    assert (param.name, param.type, param.default) == ("facet_kws", "dict", None)
    assert "controls the band" in param.description  # the whole text is still its documentation


def test_a_quoted_file_extension_is_no_default_but_a_format_spec_is():
    """seaborn trial: "`fname: str` - output path; the format is inferred from the extension (".png")" made the
    default file name ".png" (matplotlib then wrote the hidden `.png.png`). A bare extension, quoted or in a code
    span, is a kind of file, no file; a format spec (".2f") is a value."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read('`fname: str` - output path; the format is inferred from the extension (".png")') == [("fname", None)]
    assert read("`path: str` - where to write (`.csv`)") == [("path", None)]
    assert read('`fmt: str` - annotation format (".2f")') == [("fmt", '".2f"')]


def test_the_value_the_report_uses_or_a_default_is_set_to_wins_over_the_librarys_default():
    """pandas and lightning trials: "`aggfunc: str` - aggregation, default "mean" (the report uses "sum")",
    "`batch_size: int` - defaults to 1, set 32", "(defaults to 1000 when unset; use 10 here)": the keys took the
    library's defaults. Advice for a case is no value of the workflow ("set False for a cased model", "use 2 for
    small corpora", "use 10-20 for small budgets")."""

    def read(cell):
        return [(p.name, p.default) for p in parse_key_parameters(cell)]

    assert read('`aggfunc: str` - aggregation, default "mean" (the report uses "sum")') == [("aggfunc", '"sum"')]
    assert read("`batch_size: int` - defaults to 1, set 32") == [("batch_size", "32")]
    assert read("`max_epochs: int` - passes (defaults to 1000 when unset; use 10 here)") == [("max_epochs", "10")]
    assert read("`vector_size: int` - dimensions (default 100; the tutorial uses 50)") == [("vector_size", "50")]
    assert read("`lowercase: bool` - lowercase the input (default True; set False for a cased model)") == [
        ("lowercase", "True")
    ]
    assert read("`min_count: int` - rarer words are ignored (default 5; use 2 for small corpora)") == [
        ("min_count", "5")
    ]
    assert read("`population_size: int` - per generation (default 50; use 10-20 for small budgets)") == [
        ("population_size", "50")
    ]


def test_a_default_naming_an_attribute_of_an_object_is_no_text():
    """trl trial: "`output_dir: str` - where to write the aligned policy (default `args.output_dir`)" gave the text
    "args.output_dir", and the model was saved into a folder of that name. A dotted name of identifiers is an
    attribute of an object the code holds, no value; a file's name (`config.json`) or a bare word stays a text."""

    def default(cell: str) -> str | None:
        return parse_key_parameters(cell)[0].default

    assert default("`output_dir: str` - where to write (default `args.output_dir`)") is None
    assert default("`path: str` - the settings (default `config.json`)") == "'config.json'"
    assert default("`model_type: str` - the model (`unigram`)") == "'unigram'"


def test_a_default_naming_another_parameter_is_no_value():
    """polars trial: "`offset: str` - window offset (default `-period`)" gave `offset = "-period"`, which polars
    refused as a duration string; the default is the library's rule, so the key stays unset. A default naming no
    parameter of the cell stays a value."""
    cell = (
        '`period: str = "2h"` - look-back length, `offset: str` - window offset (default `-period`), '
        "`every` - step (default = `period`), `closed: str` - side (default `right`)"
    )
    params = {p.name: p for p in parse_key_parameters(cell)}
    assert params["period"].default == '"2h"'
    assert params["offset"].default is None and params["every"].default is None
    assert params["closed"].default == "'right'"


_LENDER = """== Code Reference ==

=== Pattern Specification ===
<syntaxhighlight lang="python">
from collections import Counter


class TinyNet:
    def __init__(self, width=2):
        self.counts = Counter(range(width))
</syntaxhighlight>
"""

_BORROWER = """== Code Reference ==

=== Import ===
<syntaxhighlight lang="python">
import os
from {module} import TinyNet, helper
</syntaxhighlight>

== Usage Examples ==

=== Restore ===
<syntaxhighlight lang="python">
net = TinyNet(width=3)
</syntaxhighlight>
"""


def _lending_wiki(root, module="netdef", first="Demo_Start", location="", dependencies="`pkgdefz`"):
    step = "| **Implementation** | `{}` |\n| **API Call** | `{}` |\n| **External Dependencies** | {} |\n"
    index = (
        "# Workflow Index: Demo\n\n## Workflow: Demo_Check\n\n### Step 1: Start\n\n| Attribute | Value |\n|---|---|\n"
        + step.format(first, "pkgdefz.start()", dependencies)
        + "\n### Step 2: Restore\n\n| Attribute | Value |\n|---|---|\n"
        + step.format("Demo_Restore", "TinyNet(width)", dependencies)
        + (f"| **Source Location** | `{location}` |\n" if location else "")
    )
    build_file_tree(
        root,
        {
            "_WorkflowIndex.md": index,
            "implementations/Demo_Start.md": "== Usage Examples ==\n",
            "implementations/Demo_Restore.md": _BORROWER.format(module=module),
            "implementations/Demo_TinyNet_Pattern.md": _LENDER,
        },
    )
    (workflow,) = load_wiki(root / "_WorkflowIndex.md").workflows
    return workflow


def test_a_definition_a_page_imports_from_the_readers_own_module_is_borrowed_from_the_page_writing_it(tmp_path):
    """`from netdef import TinyNet` where no distribution is netdef (not listed, not cited, not the project's) and
    a page of the wiki writes `class TinyNet` out: the step has the definition, with the imports it reads, and its
    page no longer imports it (helper, written out nowhere, stays); the page it came from is one of the workflow's
    files, so a change there regenerates it."""
    workflow = _lending_wiki(tmp_path)
    implementation = workflow.steps[1].implementation
    (borrowed,) = implementation.borrowed
    assert (borrowed.name, borrowed.module, borrowed.page) == (
        "TinyNet",
        "netdef",
        "implementations/Demo_TinyNet_Pattern.md",
    )
    assert borrowed.code.startswith("from collections import Counter\n") and "class TinyNet:" in borrowed.code
    assert implementation.imports == ("import os", "from netdef import helper")
    assert "implementations/Demo_TinyNet_Pattern.md" in {f.path for f in workflow.files}
    (said,) = [w.message for w in workflow.warnings if "TinyNet" in w.message]
    assert "from netdef" in said and "implementations/Demo_TinyNet_Pattern.md writes out" in said


@pytest.mark.parametrize(
    "changes",
    [
        {"first": "Demo_TinyNet_Pattern"},  # an earlier step makes it: the step takes it from there
        {"location": "scripts/netdef.py"},  # the source project's own file, on a checkout
        {"module": "pkgdefz"},  # a distribution the steps depend on
        {"module": "json"},  # the standard library
    ],
)
def test_a_definition_is_not_borrowed_from_a_module_that_is_there_or_a_step_that_makes_it(tmp_path, changes):
    workflow = _lending_wiki(tmp_path, **changes)
    implementation = workflow.steps[1].implementation
    assert implementation.borrowed == () and any("TinyNet" in line for line in implementation.imports)
