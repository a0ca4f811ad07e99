"""Placing dependency names: distributions, prerequisites, the standard library; the mapping is data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.bind import bind_workflow, load_tables
from generator.deps import load_mapping, place
from generator.parse.wiki import load_wiki
from generator.pipeline import generate
from generator.plan import requirements_for
from tests.conftest import corpus_indexes, corpus_params
from tests.helpers import build_file_tree, workflow_page


@pytest.mark.parametrize(
    ("name", "kind", "value"),
    [
        ("trl.SFTTrainer", "python", "trl"),
        ("sklearn", "python", "scikit-learn"),
        ("PIL", "python", "pillow"),
        ("yaml", "python", "pyyaml"),
        ("cv2", "python", "opencv-python"),
        ("huggingface_hub", "python", "huggingface-hub"),
        ("HuggingFace", "python", "transformers"),
        ("TRL", "python", "trl"),
        ("random (stdlib)", "stdlib", "random"),
        ("os", "stdlib", "os"),
        ("llama.cpp", "system", "llama.cpp (build from source: https://github.com/ggerganov/llama.cpp)"),
        ("CUDA", "system", "an NVIDIA GPU with CUDA"),
        ("Docker", "system", "Docker"),
        ("Node", "system", "Node.js"),
        ("actions/checkout@v4", "system", "GitHub Action actions/checkout@v4"),
        ("None", "ignore", ""),
        ("some prose nobody maps", "unknown", ""),
        # a dependency written as a requirement keeps what it says of versions, extras and markers
        ("transformers>=4.30", "python", "transformers>=4.30"),
        ("transformers >= 4.30, <5", "python", "transformers<5,>=4.30"),
        ("peft (>=0.7)", "python", "peft>=0.7"),
        ("sklearn>=1.3", "python", "scikit-learn>=1.3"),
        ("bitsandbytes>=0.41 (for QLoRA)", "python", "bitsandbytes>=0.41"),
        ('torch[cpu]==2.1; python_version < "3.12"', "python", 'torch[cpu]==2.1; python_version < "3.12"'),
        ("numpy<2", "python", "numpy<2"),
        ("torch>=2.0+cu118", "python", "torch"),  # not a valid specifier: the name alone, as before
        ("cv_results_", "unknown", ""),  # no distribution name ends with `_` or `-`
        # a C library a Python package loads: no requirement (PyPI's `libsndfile` is a 0.0.0 placeholder)
        ("libsndfile", "system", "libsndfile (apt install libsndfile1; brew install libsndfile)"),
        ("ffmpeg", "system", "FFmpeg (apt install ffmpeg; brew install ffmpeg)"),
    ],
)
def test_place(name, kind, value):
    placement = place(name, load_mapping())
    assert (placement.kind, placement.value) == (kind, value)


def test_internal_modules_are_not_distributions():
    assert place("utils", load_mapping(), frozenset({"utils"})).kind == "internal"


def test_users_extend_the_mapping_with_a_file(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[imports]\nmylib = "my-lib-dist"\n[system]\n"frobnicator" = "the frobnicator CLI"\n[prose]\n"our stack" = "internal-sdk"\n'
    )
    mapping = load_mapping((extra,))
    assert place("mylib.sub", mapping).value == "my-lib-dist"
    assert place("frobnicator", mapping).kind == "system"
    assert place("our stack", mapping).value == "internal-sdk"
    assert place("PIL", mapping).value == "pillow"  # the built-in table still applies


@pytest.mark.skipif(not corpus_indexes(), reason="corpus not found")
@pytest.mark.parametrize("index", corpus_params())
def test_no_dependency_in_the_corpus_is_left_unplaced(index):
    tables = load_tables()
    unplaced = []
    wiki = load_wiki(index)
    for workflow in wiki.workflows:
        bindings = list(bind_workflow(workflow, tables).bindings)
        requirements = requirements_for(workflow, bindings, tables)
        unplaced += [f"{index.parent.name}: {name}" for name in requirements.unplaced]
        assert all(" " not in d for d in requirements.distributions)
    assert unplaced == []


def test_wrapped_libraries_are_distributions_and_repo_scripts_are_not():
    from tests.conftest import CORPUS, SAMPLES

    wiki = load_wiki(SAMPLES / "peft_lora")
    (workflow,) = wiki.workflows
    tables = load_tables()
    lora = requirements_for(workflow, list(bind_workflow(workflow, tables).bindings), tables)
    # the wiki cites src/transformers/... files, but transformers is a dependency, not repository code
    assert "transformers" in lora.distributions and lora.prerequisites == ()
    index = CORPUS / "llm_finetuning_test-Jaymody_PicoGPT-81e2e0dc67fa" / "_WorkflowIndex.md"
    if index.is_file():
        (pico,) = load_wiki(index).workflows
        requirements = requirements_for(pico, list(bind_workflow(pico, tables).bindings), tables)
        assert "utils" not in requirements.distributions and "gpt2" not in requirements.distributions
        assert any("picoGPT on PYTHONPATH" in p for p in requirements.prerequisites), requirements.prerequisites


def test_a_version_the_wiki_gives_reaches_requirements_once(tmp_path):
    """`transformers>=4.30` in External Dependencies and `import transformers` in the step: one requirement, the one
    that says more; the pinned and unpinned files and pyproject.toml carry it."""
    from generator.pipeline import generate
    from tests.helpers import build_file_tree

    index = (
        "# Workflow Index: Demo\n\n## Workflow: Demo_Versions\n\n**Description:** Versions kept.\n\n"
        "### Step 1: Load\n\n| Attribute | Value |\n|---|---|\n"
        "| **API Call** | `transformers.AutoConfig.from_pretrained(path)` |\n"
        "| **External Dependencies** | `transformers>=4.30`, `peft (>=0.7)`, `numpy` |\n"
        '| **Key Parameters** | `path: str = "tiny"` - where |\n'
    )
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": index})
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out").results
    assert item.plan.requirements == ("numpy", "peft>=0.7", "transformers>=4.30")
    requirements_in = (item.output_dir / "requirements.in").read_text()
    assert "transformers>=4.30" in requirements_in and "\ntransformers\n" not in requirements_in
    assert '"peft>=0.7",' in (item.output_dir / "pyproject.toml").read_text()


def test_a_dependency_its_remark_says_is_no_python_distribution_is_a_prerequisite(tmp_path):
    """Pillow trial: "`libjpeg` / `libjpeg-turbo` (bundled in the Pillow wheels)" and "`freetype` (bundled in the
    wheels; ...)" went to the resolver as distributions; uv found none and two of three workflows failed before
    anything was written. A part of the cell whose remark says it is bundled, a system or C library, or installed
    with apt or brew is a prerequisite the README lists, with its remark; the other parts stay requirements."""
    from generator.parse.params import parse_dependencies, system_dependencies

    cell = "`numpy`, `libjpeg` / `libjpeg-turbo` (bundled in the wheels), `pandas` (only when `as_frame=True`)"
    assert parse_dependencies(cell) == ("numpy", "pandas")
    assert system_dependencies(cell) == ("libjpeg (bundled in the wheels)", "libjpeg-turbo (bundled in the wheels)")
    assert system_dependencies("`poppler` (apt install poppler-utils)") == ("poppler (apt install poppler-utils)",)
    assert system_dependencies("`torch` (CUDA build recommended), `freetype`") == ()
    item = _one_step(tmp_path / "system", "`numpy`, `libfrob` (system library: apt install libfrob-dev)")
    assert item.ok and item.plan.requirements == ("numpy",), item.plan.requirements
    assert "libfrob" not in (item.output_dir / "requirements.in").read_text()
    assert "- libfrob (system library: apt install libfrob-dev)" in (item.output_dir / "README.md").read_text()


def test_a_remark_closing_a_list_of_native_libraries_is_each_one_s(tmp_path):
    """Pillow trial (second round): "`zlib`, `libjpeg`, `libpng` (bundled in the wheels)" kept `libjpeg` a
    requirement (the remark was read as libpng's alone) and `pip install` failed on two of three workflows. A remark
    closing a list of bare names is each native library's (`lib...`, `zlib`) before it; a Python distribution's
    name in the list (`torch`, `pillow`) stays a requirement."""
    from generator.parse.params import parse_dependencies, system_dependencies

    cell = "`zlib`, `libjpeg`, `libpng` (bundled in the wheels)"
    assert parse_dependencies(cell) == ()
    assert system_dependencies(cell) == tuple(f"{n} (bundled in the wheels)" for n in ("zlib", "libjpeg", "libpng"))
    assert parse_dependencies("`torch`, `ffmpeg` (system package)") == ("torch",)
    assert parse_dependencies("`pillow`, `libjpeg` (bundled in the wheels)") == ("pillow",)
    item = _one_step(tmp_path / "native", "`numpy`, `zlib`, `libjpeg`, `libpng` (bundled in the wheels)")
    assert item.ok and item.plan.requirements == ("numpy",), item.plan.requirements
    assert "libjpeg" not in (item.output_dir / "requirements.in").read_text()
    assert "- libjpeg (bundled in the wheels)" in (item.output_dir / "README.md").read_text()


def test_a_dependency_its_remark_says_is_optional_is_a_requirement_only_when_imported(tmp_path):
    """tokenizers trial: "`datasets` (optional, only if the text comes from a Hub dataset)" was pinned though no
    step imports it (pandas and pyarrow installed for nothing). An optional dependency is a requirement only when
    a step's code imports it; not one the remark says must be installed, nor one it says a value needs ("(optional,
    for `as_pandas=True`)": the step may set it)."""
    from generator.parse.params import optional_dependencies

    cell = "`numpy`, `lxml` (optional, faster), `peft` (optional), `pandas` (optional, for `as_pandas=True`)"
    assert optional_dependencies(cell) == ("lxml", "peft")
    assert optional_dependencies("`matplotlib` (optional dependency, must be installed separately)") == ()
    # said before the names (datasets trial: torch, tensorflow, jax and polars installed for a NumPy format step)
    assert optional_dependencies("`numpy`, optional `torch` / `tensorflow` / `jax`") == ("torch", "tensorflow", "jax")
    item = _one_step(tmp_path / "before", "`numpy`, optional `torch` / `tensorflow`")
    assert item.ok and item.plan.requirements == ("numpy",), item.plan.requirements
    optional = "`numpy`, `datasets` (optional, only if the text comes from the Hub)"
    item = _one_step(tmp_path / "unused", optional)
    assert item.ok and item.plan.requirements == ("numpy",), item.plan.requirements
    item = _one_step(
        tmp_path / "used", optional, "`datasets.Dataset.from_dict(mapping)`", "`mapping: dict` - columns (default {})"
    )
    assert item.ok and "datasets" in item.plan.requirements, item.plan.requirements


def _one_step(
    folder: Path, dependencies: str, api: str = "`numpy.zeros(shape)`", parameters: str = "`shape: int = 3` - how many"
):
    """The one workflow of a one-step wiki with that dependency cell, generated under folder."""
    index = (
        "# Workflow Index: Demo\n\n## Workflow: Demo_Dependencies\n\n**Description:** One step.\n\n"
        "### Step 1: Load\n\n| Attribute | Value |\n|---|---|\n"
        f"| **API Call** | {api} |\n| **External Dependencies** | {dependencies} |\n"
        f"| **Key Parameters** | {parameters} |\n"
    )
    wiki = build_file_tree(folder / "wiki", {"_WorkflowIndex.md": index})
    (item,) = generate(wiki / "_WorkflowIndex.md", folder / "out").results
    return item


READ_CSV_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Tables

**File:** [→](./workflows/Demo_Tables.md)
**Description:** Reads a table.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pandas.read_csv(filepath_or_buffer)` |
| **Source Location** | `pandas/io/parsers/readers.py` |
| **Implementation** | `Demo_Read_Csv` |
| **Outputs** | `df` |
"""

READ_CSV_PAGE = """= Implementation: Demo_Read_Csv =

== Code Reference ==
* '''Repository:''' [https://github.com/pandas-dev/pandas pandas]
* '''File:''' pandas/io/parsers/readers.py

== Usage Examples ==
<syntaxhighlight lang="python">
import pandas as pd

df = pd.read_csv("data.csv")
</syntaxhighlight>
"""


@pytest.mark.parametrize("label", ["Repository", "Library"])
def test_a_source_file_of_another_repository_is_that_package_not_a_module_of_the_project(tmp_path, label):
    """The workflow's project is demo/demo; the step's page says its file is in pandas-dev/pandas (its Source
    Location's Repository, or Library, line). pandas is then a requirement (it was taken for a module of the project,
    to put on PYTHONPATH from a checkout of demo/demo), and the step's source link points into pandas-dev/pandas."""
    wiki = build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": READ_CSV_INDEX,
            "workflows/Demo_Tables.md": workflow_page("Demo_Tables", steps=1),
            "implementations/Demo_Read_Csv.md": READ_CSV_PAGE.replace("Repository:", f"{label}:"),
        },
    )
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    assert item.plan.workflow.source_repo_url == "https://github.com/demo/demo"
    assert "pandas" in item.plan.requirements
    assert not any("PYTHONPATH" in p for p in item.plan.prerequisites), item.plan.prerequisites
    assert item.plan.steps[0].source_url.startswith("https://github.com/pandas-dev/pandas/blob/")


PLACEHOLDER_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Tables

**Description:** Makes the tables the reader's models declare.

### Step 1: Create

| Attribute | Value |
|-----------|-------|
| **API Call** | `MetaData.create_all(self, bind)` |
| **External Dependencies** | `sqlalchemy` |
| **Implementation** | `Demo_Create_All` |
"""

PLACEHOLDER_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
from sqlalchemy import create_engine
from myapp.models import Base  # the reader's DeclarativeBase subclass

engine = create_engine("sqlite:///app.db")
Base.metadata.create_all(engine)
</syntaxhighlight>
"""


@pytest.mark.parametrize("module", ["myapp", "my_app", "your_module", "my_project", "mypackage", "example_app"])
def test_a_placeholder_module_of_an_example_is_never_a_requirement(tmp_path, module):
    """`from myapp.models import Base` names the reader's own code: requiring a distribution called myapp would
    install whatever PyPI project has that name (a trial installed one). It is left out, with a warning that
    says why; the declared sqlalchemy stays."""
    page = PLACEHOLDER_PAGE.replace("myapp", module)
    wiki = build_file_tree(
        tmp_path / "wiki", {"_WorkflowIndex.md": PLACEHOLDER_INDEX, "implementations/Demo_Create_All.md": page}
    )
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out").results
    assert item.plan.requirements == ("sqlalchemy",)
    assert module not in (item.output_dir / "requirements.in").read_text()
    assert any(f"import {module}.models" in str(w) and "somebody else's" in str(w) for w in item.plan.warnings)


@pytest.mark.parametrize(
    "module", ["mypy", "mysql", "myst_parser", "examples_lib", "sampler", "theano", "demo", "example"]
)
def test_names_that_only_look_like_placeholders_are_not_taken_for_them(module):
    from generator.plan import PLACEHOLDER

    assert PLACEHOLDER.match(module) is None


FRAME_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Frame

**Description:** A table built with a chosen dtype, then a model fitted on its data.

### Step 1: Frame

| Attribute | Value |
|-----------|-------|
| **API Call** | `pandas.DataFrame(data=None, columns=None, dtype=None)` |
| **External Dependencies** | `pandas` |
| **Outputs** | `df` |

### Step 2: Tokens

| Attribute | Value |
|-----------|-------|
| **API Call** | `transformers.AutoModel.from_pretrained(pretrained_model_name_or_path, torch_dtype=None)` |
| **External Dependencies** | `transformers` |
| **Outputs** | `model` |
"""


def test_a_torch_loader_applies_only_to_a_step_of_the_torch_stack(tmp_path):
    """A pandas step's `dtype` and `data` are config values, not a torch dtype and a Hugging Face dataset: the
    torch-based loaders put torch (5.5 GB of CUDA wheels in a trial) into a pandas workflow's requirements. A
    transformers step's `torch_dtype` still gets the dtype loader."""
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": FRAME_INDEX})
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out").results
    frame, model = (s.binding for s in item.plan.steps)
    assert not any(p.loader for p in frame.params) and not frame.loaders and "dtype" in [p.name for p in frame.params]
    assert [p.loader for p in model.params if p.name == "torch_dtype"] == ["dtype"]
    assert "datasets" not in item.plan.requirements


OWN_PACKAGE_INDEX = """# Workflow Index: {namespace}

## Workflow: {namespace}_Make

**File:** [→](./workflows/{namespace}_Make.md)
**Description:** Makes a widget.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `widgets.make(name)` |
| **Source Location** | `widgets/core/factory.py:L10-40` |
| **Key Parameters** | `name: str = "demo"` - which widget |
| **Outputs** | `widget` |
"""


@pytest.mark.parametrize(("package", "folder"), [("torchdemo", "torchdemo"), ("pydemo", "python/pydemo")])
def test_the_projects_own_package_under_a_longer_name_is_a_distribution(tmp_path, package, folder):
    """Seen on a torchvision wiki: the source repository is pytorch/vision and the steps import `torchvision.io`,
    `torchvision.utils`; torchvision was read as the project's own module (README: "a checkout of
    https://github.com/pytorch/vision on PYTHONPATH") and left out of requirements.txt, so a fresh install failed
    at `import torchvision`. A package folder whose name holds the repository's (`torchvision` of vision,
    `torchdemo` of demo) is the project itself, published: a requirement. So is one below the top folder
    (apache/arrow's `python/pyarrow/`: pyarrow was left out, and `check` failed at `import pyarrow`)."""
    index = OWN_PACKAGE_INDEX.format(namespace="Demo").replace("widgets/core", f"{folder}/core")
    pages = {
        "_WorkflowIndex.md": index.replace("widgets", package),
        "workflows/Demo_Make.md": workflow_page("Demo_Make", steps=1),
    }
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok and item.plan.workflow.source_repo_url == "https://github.com/demo/demo", item.errors
    assert package in item.plan.requirements, item.plan.requirements
    assert not [p for p in item.plan.prerequisites if "PYTHONPATH" in p], item.plan.prerequisites


ENVIRONMENT_PAGE = """# Environment: Demo_Core

== Overview ==
Python with the widgets library.

== Dependencies ==
=== Python Packages ===
* `widgets` >= 1.0
* `numpy`
"""


@pytest.mark.parametrize(
    ("namespace", "environment", "package"),
    [("acme_widgets", "", True), ("Demo", "module", True), ("Demo", "", False), ("Demo", "repository", True)],
)
def test_a_package_folder_named_by_the_namespace_or_an_environment_page_is_a_distribution(
    tmp_path, namespace, environment, package
):
    """The source repository is demo/demo but its code lives in `widgets/` (pytorch-image-models holds `timm/`):
    the wiki's namespace (`acme_widgets`) or its environment page (`widgets` >= 1.0) says widgets is the project's
    package, so it is a requirement; with neither, it is the project's module, on PYTHONPATH from a checkout. An
    environment page listing the repository's name (`demo` >= 1.0; imbalanced-learn for `import imblearn`) says the
    project is published under it: that distribution is the requirement."""
    pages = {
        "_WorkflowIndex.md": OWN_PACKAGE_INDEX.format(namespace=namespace),
        f"workflows/{namespace}_Make.md": workflow_page(f"{namespace}_Make", steps=1)
        + ("\n[[requires_env::Environment:Demo_Core]]\n" if environment else ""),
    }
    if environment:
        listed = "widgets" if environment == "module" else "demo"
        pages["environments/Demo_Core.md"] = ENVIRONMENT_PAGE.replace("`widgets` >= 1.0", f"`{listed}` >= 1.0")
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    assert item.plan.workflow.source_repo_url == "https://github.com/demo/demo"
    checkout = [p for p in item.plan.prerequisites if "PYTHONPATH" in p]
    if package:
        widgets = "widgets>=1.0" if environment else "widgets"  # the version the environment page lists
        widgets = "demo>=1.0" if environment == "repository" else widgets
        assert widgets in item.plan.requirements and checkout == [], (item.plan.requirements, checkout)
        assert widgets in (item.output_dir / "requirements.in").read_text().split()
    else:
        assert "widgets" not in item.plan.requirements
        assert checkout == ["a checkout of https://github.com/demo/demo on PYTHONPATH (for its modules widgets)"]


def requirements_with_environment(
    tmp_path, index: str, workflow: str, environment: str, more: dict[str, str] | None = None
) -> list[str]:
    """The requirements.in lines of a one-workflow wiki whose workflow page links one environment page (and more
    pages, path -> text)."""
    pages = {
        "_WorkflowIndex.md": index,
        f"workflows/{workflow}.md": workflow_page(workflow, steps=1) + "\n[[requires_env::Environment:Demo_Env]]\n",
        "environments/Demo_Env.md": environment,
        **(more or {}),
    }
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    return [line for line in (item.output_dir / "requirements.in").read_text().splitlines() if line[:1].isalpha()]


VERSIONED_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Tune

**File:** [→](./workflows/Demo_Tune.md)
**Description:** Tunes a model.

### Step 1: Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `optuna.create_study(direction="maximize")` |
| **External Dependencies** | `optuna`, `lightgbm`, `scikit-learn>=1.3` |
| **Outputs** | `study` |
"""

VERSIONED_ENVIRONMENT = """# Environment: Demo_Env

== Dependencies ==
=== Python Packages ===
* `optuna` >= 3.0, < 5 (the study API)
* `lightgbm` == 4.1.0
* `scikit-learn` >= 0.24
* `xgboost` >= 2.0 (an alternative this wiki does not use)
* `huggingface_hub`
* `CUDA_VISIBLE_DEVICES`: which GPUs are seen
"""


def test_the_versions_an_environment_page_lists_reach_requirements_in_for_the_packages_used(tmp_path):
    """Seen on unseen lightgbm and tokenizers wikis: the environment pages list `lightgbm` >= 4.0.0 and
    `tokenizers` >= 0.20, and requirements.in said `lightgbm`. A package the steps use takes the range its
    environment page gives; an exact pin (one project's lock file) is not a range and is left out, a package the
    steps do not use is not added, and a version a step's own dependency cell gives stays."""
    listed = requirements_with_environment(tmp_path, VERSIONED_INDEX, "Demo_Tune", VERSIONED_ENVIRONMENT)
    assert listed == ["lightgbm", "optuna<5,>=3.0", "scikit-learn>=1.3"], listed


BUILD_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Search

**File:** [→](./workflows/Demo_Search.md)
**Description:** Searches vectors.

### Step 1: Index

| Attribute | Value |
|-----------|-------|
| **API Call** | `faiss.IndexFlatL2(d: int)` |
| **External Dependencies** | `faiss`, `dotenv`, `torch` |
| **Outputs** | `index` |
"""

BUILD_ENVIRONMENT = """# Environment: Demo_Env

== Dependencies ==
=== Python Packages ===
* `faiss-cpu` >= 1.7.4, < 2.0
* `python-dotenv`
* `torch-geometric` (not a build of torch)
"""


def test_an_import_whose_build_the_environment_page_lists_under_a_longer_name_is_that_build(tmp_path):
    """Seen on a faiss wiki: the steps import `faiss` and requirements.in said `faiss`, which no distribution on
    PyPI installs; the environment page lists `faiss-cpu` >= 1.7.4, < 2.0 (and says the module is imported as
    faiss). A distribution named by its import whose build the page lists as that name with qualifiers only (cpu,
    gpu, python, binary, headless...) is that build, with its range; another distribution merely containing the
    name (torch-geometric for torch) is not."""
    listed = requirements_with_environment(tmp_path, BUILD_INDEX, "Demo_Search", BUILD_ENVIRONMENT)
    assert listed == ["faiss-cpu<2.0,>=1.7.4", "python-dotenv", "torch"], listed


HEADLESS_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Edges

**File:** [→](./workflows/Demo_Edges.md)
**Description:** Finds edges.

### Step 1: Edges

| Attribute | Value |
|-----------|-------|
| **API Call** | `cv2.Canny(image, threshold1, threshold2)` |
| **External Dependencies** | `cv2`, `opencv-python-headless>=4.8`, `numpy` |
| **Outputs** | `edges` |
"""

HEADLESS_ENVIRONMENT = """# Environment: Demo_Env

== Dependencies ==
=== Python Packages ===
* `psycopg2-binary`
"""


def test_an_import_the_table_places_gives_way_to_the_build_the_wiki_names(tmp_path):
    """Seen on an OpenCV wiki: `import cv2` placed `opencv-python` (the mapping table) beside the External
    Dependencies' `opencv-python-headless>=4.8`: both install the same `cv2` folder, and uninstalling either broke
    the other. An import's distribution gives way to a build of it (its name with qualifiers) that the step tables
    or the environment pages name; the build of a name of several parts is found too."""
    index = HEADLESS_INDEX.replace("`numpy` |", "`numpy`, `psycopg2` |")
    listed = requirements_with_environment(tmp_path, index, "Demo_Edges", HEADLESS_ENVIRONMENT)
    assert listed == ["numpy", "opencv-python-headless>=4.8", "psycopg2-binary"], listed


def test_a_listed_requirement_keeps_its_extras_and_marker_and_never_crashes():
    """Review: `torch>=2.0; python_version<"3.12"` on an environment page raised InvalidSpecifier (the marker went
    to SpecifierSet), and `torch[cuda]>=2.0` lost its range."""
    from generator.deps import listed_requirements

    assert listed_requirements(['`torch>=2.0; python_version<"3.12"`']) == {"torch": '>=2.0; python_version < "3.12"'}
    assert listed_requirements(["`torch[cuda]>=2.0`"]) == {"torch": "[cuda]>=2.0"}
    # seen on a Dask wiki: `dask[dataframe]` >= 2024.12 gave plain `dask`, without pandas, and `check` failed on
    # `import dask.dataframe` in a fresh venv: the extras inside the quotes, the range after them, both kept
    assert listed_requirements(["`dask[dataframe]` >= 2024.12", "`ray[data]`"]) == {
        "dask": "[dataframe]>=2024.12",
        "ray": "[data]",
    }
    assert listed_requirements(["`numpy` == 1.24.1", "`bad` >= zz", "`x` ==1.0, >=0.5"]) == {"x": ">=0.5"}


def test_a_build_is_taken_only_when_the_plain_distribution_is_not_listed():
    """Review: `onnxruntime` listed beside `onnxruntime-gpu` gave the GPU build."""
    from generator.deps import build_of

    assert build_of("onnxruntime", {"onnxruntime", "onnxruntime-gpu"}) is None
    assert build_of("faiss", {"faiss-cpu"}) == "faiss-cpu" and build_of("dotenv", {"python-dotenv"}) == "python-dotenv"
    assert build_of("faiss", {"faiss-cpu", "faiss-gpu"}) is None  # two builds: the page does not say which
    assert build_of("opencv-python", {"opencv-python-headless"}) == "opencv-python-headless"
    assert build_of("opencv-python", {"opencv-contrib-python"}) is None  # contrib adds modules: no mere build


SPELLED_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Denoise

**File:** [→](./workflows/Demo_Denoise.md)
**Description:** Denoises a signal.

### Step 1: Decompose

| Attribute | Value |
|-----------|-------|
| **API Call** | `wvlts.wavedec(data, wavelet: str)` |
| **External Dependencies** | `wvlts`, `unslothy`, `numpy` |
| **Outputs** | `coeffs` |
"""

SPELLED_ENVIRONMENT = """# Environment: Demo_Env

== Dependencies ==
=== Python Packages ===
* `WaveLets-Toolkit` >= 1.8
* `unslothy_zoo` >= 2025.1 (companion of unslothy)
* `numpy`

== Environment Variables ==
* `WVLTS_CACHE`: where coefficients are cached
"""


def test_an_import_no_table_places_is_the_listed_distribution_that_spells_it(tmp_path):
    """Seen on a PyWavelets wiki: `import pywt` gave `pywt` in requirements.in, which no distribution on PyPI
    installs (pip and uv both failed), while the environment page lists `PyWavelets` >= 1.8. An import no table
    places is the one listed distribution, not placed otherwise, whose name spells the import's letters in order
    from its first; a companion named after it (`unslothy_zoo` of unslothy) or an environment variable
    (`WVLTS_CACHE`) is not."""
    listed = requirements_with_environment(tmp_path, SPELLED_INDEX, "Demo_Denoise", SPELLED_ENVIRONMENT)
    assert listed == ["numpy", "unslothy", "wavelets-toolkit>=1.8"], listed
    from generator.deps import spelled_by

    assert spelled_by("imblearn", {"imbalanced-learn", "numpy"}) == "imbalanced-learn"
    assert spelled_by("bs4", {"beautifulsoup4", "bs4-helpers"}) == "beautifulsoup4"
    assert spelled_by("pywt", {"pywavelets", "pywt-extra"}) == "pywavelets"
    assert spelled_by("sk", {"scikit-learn", "scikit-image"}) is None  # two spell it: the page does not say which
    assert spelled_by("jax", {"jaxlib"}) is None and spelled_by("torch", {"torchvision"}) is None  # companions


STUB_SERVING_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Serve

**Description:** Serve predictions.

### Step 1: Serve

| Attribute | Value |
|-----------|-------|
| **API Call** | `InferenceSession.run(output_names, input_feed) -> list` |
| **Implementation** | `Demo_Serve` |
| **Inputs** | a test matrix |
"""

STUB_SERVING_PAGE = """== Code Reference ==
=== Import ===
<syntaxhighlight lang="python">
import onnxruntime as ort
</syntaxhighlight>
== Usage Examples ==
<syntaxhighlight lang="python">
import onnxruntime as ort

labels = session.run(None, {"input": X_test})[0]
</syntaxhighlight>
"""


def test_a_step_left_to_write_still_brings_what_its_page_imports(tmp_path):
    """Seen on an ONNX Runtime wiki: the serving step was a stub (its example works on a session and an `X_test`
    no step makes), so nothing it imports was counted and requirements.in left out onnxruntime, which the user
    writing the step needs. A stub step's implementation page imports are now requirements."""
    wiki = build_file_tree(
        tmp_path / "wiki", {"_WorkflowIndex.md": STUB_SERVING_INDEX, "implementations/Demo_Serve.md": STUB_SERVING_PAGE}
    )
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out").results
    assert item.plan.steps[0].binding.status.value == "stub", item.plan.steps[0].binding.body
    assert "onnxruntime" in item.plan.requirements, item.plan.requirements


def test_a_source_path_written_from_inside_the_package_links_under_its_root():
    """Seen on a diffusers wiki: the Steps Overview's "Related Files" give `pipelines/pipeline_utils.py`, written
    from inside the package, while the step tables cite `src/diffusers/pipelines/ddpm/pipeline_ddpm.py`; the links
    pointed at files that do not exist. A path is linked under the one folder where the wiki's other paths in that
    repository hold its first folder; never when its first folder starts paths already (`catboost/python-package/
    catboost/core.py`), nor for a bare file name (`train.py` may be the repository's own)."""
    from generator.plan import source_url

    repo = "https://github.com/huggingface/diffusers"
    known = frozenset({"src/diffusers/pipelines/ddpm/pipeline_ddpm.py", "pipelines/pipeline_utils.py"})
    assert (
        source_url(repo, "pipelines/pipeline_utils.py", known)
        == f"{repo}/blob/HEAD/src/diffusers/pipelines/pipeline_utils.py"
    )
    catboost = frozenset({"catboost/python-package/catboost/core.py"})
    path = "catboost/python-package/catboost/core.py:L10-20"
    assert source_url(repo, path, catboost) == f"{repo}/blob/HEAD/catboost/python-package/catboost/core.py#L10-L20"
    scripts = frozenset({"examples/train.py", "train.py"})
    assert source_url(repo, "train.py", scripts) == f"{repo}/blob/HEAD/train.py"


def test_a_source_location_of_another_project_is_not_linked_into_the_wikis_repository():
    """Seen on a torchvision wiki: the Source Location `torch/utils/data/dataloader.py` (external library) was
    linked as https://github.com/pytorch/vision/blob/HEAD/torch/utils/data/dataloader.py, a file that does not
    exist; so were `llama.cpp (external)` in the Unsloth corpus wiki and `joblib/numpy_pickle.py (external)`. A
    location the wiki marks external is shown, never linked into the wiki's own repository."""
    from generator.plan import source_url

    repo = "https://github.com/pytorch/vision"
    for location in (
        "torch/utils/data/dataloader.py (external library)",
        "llama.cpp (external)",
        "`torch/serialization.py` - external package",
    ):
        assert source_url(repo, location) is None, location
    assert source_url(repo, "torchvision/datasets/folder.py:L262-325") == (
        f"{repo}/blob/HEAD/torchvision/datasets/folder.py#L262-L325"
    )


BACKEND_ENVIRONMENT = """# Environment: Demo_Env

== Overview ==
Keras 3 on the PyTorch backend.

== Dependencies ==
=== Python Packages ===
* `keras` >= 3.0

== Credentials ==
* `KERAS_BACKEND`: must be `torch`, set **before** `import keras`.
* Nothing else is needed.
"""


def test_the_environment_variables_an_environment_page_names_are_prerequisites(tmp_path):
    """Seen on a Keras wiki: the environment page's Credentials section says "`KERAS_BACKEND`: must be `torch`, set
    before `import keras`"; the README copied the page's package list and dropped it, so every repository failed
    at `import keras` (No module named 'tensorflow') with nothing telling the user why. The variables a
    Credentials or Environment Variables section names are listed under the README's prerequisites."""
    requirements_with_environment(tmp_path, BUILD_INDEX, "Demo_Search", BACKEND_ENVIRONMENT)
    (readme,) = (tmp_path / "out").glob("*/README.md")
    prerequisites = readme.read_text(encoding="utf-8").split("## Prerequisites", 1)[1].split("## Steps", 1)[0]
    assert "- `KERAS_BACKEND`: must be `torch`, set before `import keras`." in prerequisites, prerequisites
    assert "Nothing else" not in prerequisites


NOTHING_ENVIRONMENT = """# Environment: Demo_Env

== Overview ==
A pre-built wheel.

== Dependencies ==
=== System Packages ===
* None

=== Python Packages ===
* `keras` >= 3.0
"""


def test_a_dependency_cell_or_list_item_saying_none_is_no_prerequisite(tmp_path):
    """polars trial: "None (Rust engine bundled in `polars-runtime-32` wheel)" became the prerequisite
    "polars-runtime-32 (Rust engine bundled in `` wheel)" (the remark's name taken as the dependency, the remark
    blanked), and the environment page's "* None" under System Packages became the bullet "- None". A cell or item
    that says there is nothing lists nothing; a remark keeps its words."""
    from generator.parse.params import system_dependencies

    assert system_dependencies("None (Rust engine bundled in `polars-runtime-32` wheel)") == ()
    assert system_dependencies("`libfrob` (system library, see `libfrob-dev`)") == (
        "libfrob (system library, see libfrob-dev)",
    )
    index = BUILD_INDEX.replace("`faiss`, `dotenv`, `torch`", "None (engine bundled in `x-rt` wheel)")
    requirements_with_environment(tmp_path, index, "Demo_Search", NOTHING_ENVIRONMENT)
    (readme,) = (tmp_path / "out").glob("*/README.md")
    prerequisites = readme.read_text(encoding="utf-8").split("## Prerequisites", 1)[1].split("## Steps", 1)[0]
    assert "- `keras` >= 3.0" in prerequisites, prerequisites
    assert "None" not in prerequisites and "x-rt" not in prerequisites, prerequisites


NAMESPACE_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Save

**File:** [→](./workflows/Demo_Save.md)
**Description:** Saves a state.

### Step 1: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `ns.save(path, state)` |
| **External Dependencies** | `nsdemo.store`, `orbax.checkpoint`, `torch.nn`, `torch-geometric` |
| **Outputs** | `path` |
"""

NAMESPACE_ENVIRONMENT = """# Environment: Demo_Env

== Dependencies ==
=== Python Packages ===
* `nsdemo-store` >= 0.3
"""


def test_a_package_of_a_namespace_is_its_own_distribution_not_the_namespaces(tmp_path):
    """Seen on a Flax wiki: `import orbax.checkpoint as ocp` placed `orbax` beside `orbax-checkpoint`; pinned, uv
    chose orbax 0.1.7, whose wheel ships an `orbax/checkpoint/` of its own over orbax-checkpoint's, and `import
    orbax.checkpoint` failed. A package of a namespace is the distribution the mapping table gives its dotted name,
    or the one the wiki names for it (`nsdemo-store` for `nsdemo.store`); the namespace's top is no requirement
    then. A name placing the top by itself (`torch.nn` beside torch-geometric) keeps it."""
    example = (
        '== Usage Examples ==\n<syntaxhighlight lang="python">\nimport nsdemo.store as ns\n\nns.save("s.txt", 1)\n'
    )
    pages = {"implementations/Demo_save.md": example + "</syntaxhighlight>\n"}
    index = NAMESPACE_INDEX.replace("| **External", "| **Implementation** | `Demo_save` |\n| **External")
    listed = requirements_with_environment(tmp_path, index, "Demo_Save", NAMESPACE_ENVIRONMENT, pages)
    assert listed == ["nsdemo-store>=0.3", "orbax-checkpoint", "torch", "torch-geometric"], listed


MAPPED_IMPORTS_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Fit

**File:** [→](./workflows/Demo_Fit.md)
**Description:** Reads sequences and fits a widget classifier.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `Bio.SeqIO.parse(handle, format)` |
| **Source Location** | `Bio/SeqIO/__init__.py:L500-620` |
| **Key Parameters** | `handle: str = "seqs.fasta"` - the sequences |
| **Outputs** | `records` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `widgets.sklearn.fit(records)` |
| **Source Location** | `python-package/widgets/sklearn.py:L10-40` |
| **Inputs** | `records` from Step 1 |
| **Outputs** | `model` |

### Step 3: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `sklearn.model_selection.train_test_split(records)` |
| **External Dependencies** | `sklearn` |
| **Inputs** | `records` from Step 1 |
| **Outputs** | `train`, `test` |
"""


def test_an_import_the_mapping_places_is_a_distribution_whatever_the_projects_files_are_called(tmp_path):
    """Seen on Biopython, LightGBM and XGBoost wikis: `from Bio import SeqIO` (no External Dependencies row) gave
    no requirement, so a fresh install failed at `import Bio`, and the README asked for "a checkout of
    biopython on PYTHONPATH (for its modules bio)"; `python-package/lightgbm/sklearn.py` made `import sklearn` the
    project's own module ("for its modules sklearn"). `Bio` is placed as biopython now, and an import the mapping
    places is never read as a file of the project. A rough index citing `Bio.SeqIO.parse` at `Bio/SeqIO/__init__.py`
    imported `from Bio.SeqIO.__init__ import Bio`; a capitalised top is imported as the module its file is."""
    pages = {"_WorkflowIndex.md": MAPPED_IMPORTS_INDEX, "workflows/Demo_Fit.md": workflow_page("Demo_Fit", steps=3)}
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    assert {"biopython", "scikit-learn"} <= set(item.plan.requirements), item.plan.requirements
    checkout = [p for p in item.plan.prerequisites if "PYTHONPATH" in p]
    assert not any("bio" in p.split("modules")[-1] or "sklearn" in p for p in checkout), checkout
    # `Bio/SeqIO/__init__.py` is the package Bio.SeqIO (was `from Bio.SeqIO.__init__ import Bio`)
    step = next((item.output_dir / "src" / item.plan.package_name / "steps").glob("step_01_*.py"))
    assert "    import Bio.SeqIO\n" in step.read_text(encoding="utf-8")


SYSTEM_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Cover

**Description:** Points read from a CSV, buffered.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `csv.DictReader(f)` |
| **Source Location** | `csv` (Python standard library) |
| **Implementation** | `Demo_Csv_Reader` |
| **Key Parameters** | `path: str = "points.csv"` - the points |
| **Outputs** | `rows` |

### Step 2: Buffer

| Attribute | Value |
|-----------|-------|
| **API Call** | `shapely.buffer(geometry, distance)` |
| **External Dependencies** | GEOS |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `buffers` |
"""

CSV_READER_PAGE = """== Code Reference ==

=== Source Location ===
* '''File:''' Lib/csv.py

== Usage Examples ==
<syntaxhighlight lang="python">
import csv

with open("points.csv", newline="") as f:
    rows = list(csv.DictReader(f))
</syntaxhighlight>
"""


def test_a_c_library_and_a_standard_module_are_no_requirements(tmp_path):
    """Seen on a Shapely wiki: "`numpy`, GEOS" under External Dependencies put PyPI's unrelated `geos` (with flask,
    pillow and lxml) into requirements.txt; the C library ships inside shapely's wheels. And `Lib/csv.py` made csv a
    module of the project ("a checkout of ... on PYTHONPATH (for its modules csv)"). GEOS is now a prerequisite the
    README names; a standard module is no module of the project."""
    pages = {"_WorkflowIndex.md": SYSTEM_INDEX, "implementations/Demo_Csv_Reader.md": CSV_READER_PAGE}
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    assert "geos" not in item.plan.requirements, item.plan.requirements
    assert any(p.startswith("GEOS") for p in item.plan.prerequisites), item.plan.prerequisites
    assert not [p for p in item.plan.prerequisites if "PYTHONPATH" in p], item.plan.prerequisites


def test_the_readme_mapping_example_places_what_it_says(tmp_path):
    """The README shows a `--mapping FILE` (its format was not documented anywhere a user reads): the example, as
    written there, loads and places each of its entries."""
    from pathlib import Path

    from generator.deps import PlacementKind

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("--mapping FILE`, a TOML file", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "mine.toml").write_text(block, encoding="utf-8")
    mapping = load_mapping((tmp_path / "mine.toml",))
    assert place("wvlts.denoise", mapping).value == "wavelets-toolkit"  # a module of the package too
    assert (place("wvlts", mapping).kind, place("wvlts", mapping).value) == (PlacementKind.PYTHON, "wavelets-toolkit")
    assert place("Wavelets Toolkit", mapping).value == "wavelets-toolkit"
    assert place("fftw", mapping).kind is PlacementKind.SYSTEM
    assert place("lab_utils", mapping).kind is PlacementKind.IGNORE
