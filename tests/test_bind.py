"""Binding: kinds, statuses, warnings, loops, executability, and the data tables a --mapping file extends.
What each step's run() looks like is pinned by the fixture cases in tests/fixtures/binding (test_binding_cases)."""

from __future__ import annotations

import ast
from dataclasses import replace

import pytest

from generator.apitext import api_from_signature, parse_api
from generator.bind import Kind, Status, bind_workflow, classify, load_tables
from generator.bind.context import BindContext, artifact_name
from generator.bind.outputs import output_names
from generator.bind.signature import signature_params
from generator.errors import UserError
from generator.model import Implementation, Param, SourceRef, Step, Workflow
from generator.slicing import cut, names, parse_example
from tests.helpers import example_pages, generated

REF = SourceRef("_WorkflowIndex.md", 1)


def step(
    number: int,
    api: str,
    *,
    examples: tuple[str, ...] = (),
    imports: tuple[str, ...] = (),
    outputs: str = "",
    params: tuple[Param, ...] = (),
    impl_type: str = "",
    description: str = "",
) -> Step:
    implementation = (
        Implementation(name=f"Impl{number}", ref=REF, imports=imports, examples=examples)
        if examples or imports
        else None
    )
    return Step(
        number=number,
        name=f"S{number}",
        title=f"Step {number}",
        ref=REF,
        api_call=api,
        outputs=outputs,
        key_parameters=params,
        implementation=implementation,
        impl_type=impl_type,
        description=description,
    )


def workflow(*steps: Step) -> Workflow:
    return Workflow(name="W", namespace="N", short_name="W", title="W", ref=REF, steps=steps)


@pytest.mark.parametrize(
    ("api", "impl_type", "kind"),
    [
        ("FastLanguageModel.from_pretrained(model_name)", "", Kind.CALL),
        ("MLP.__init__(self, nin: int)", "", Kind.CALL),
        ("MLP.__call__(self, x)", "", Kind.METHOD),
        ("model.save_pretrained_merged(dir)", "", Kind.METHOD),
        ("import unsloth", "", Kind.IMPORT),
        ("def reward_func(prompts, completions, **kwargs) -> List[float]", "", Kind.PATTERN),
        ("llama-cli -m model.gguf -p hi", "", Kind.TOOL),
        ("N/A (manual process)", "", Kind.MANUAL),
        ("Python lists (user-defined)", "Pattern Doc", Kind.PATTERN),
        ("with model.disable_adapter(): ...", "", Kind.METHOD),
    ],
)
def test_classify(api, impl_type, kind):
    assert classify(step(1, api, impl_type=impl_type)) is kind


def test_api_text_forms():
    assert parse_api("__import__('os').system('touch /tmp/pwned')").callee == ("__import__",)  # data, never run
    annotated = parse_api(
        "model = AutoModel.from_pretrained(name: str, dtype: torch.dtype | None = None) -> PreTrainedModel"
    )
    assert annotated.callee == ("AutoModel", "from_pretrained") and [p.name for p in annotated.params] == [
        "name",
        "dtype",
    ]
    assert parse_api("with model.disable_adapter(): ...").callee == ("model", "disable_adapter")
    assert api_from_signature(
        "def from_pretrained(model_name: str = 'x') -> T", "FastLanguageModel_from_pretrained"
    ) == ("FastLanguageModel.from_pretrained(model_name) -> T")
    assert (
        api_from_signature("model = AutoModel.from_pretrained(\n    name: str,\n    **kwargs\n) -> M")
        == "AutoModel.from_pretrained(name)"
    )


def test_free_names_respect_comprehension_scopes():
    tree = ast.parse("ypred = [model(x) for x in xs]\nloss = sum((a - b) ** 2 for a, b in zip(ys, ypred))")
    free, bound = names(tree.body)
    assert free == ["xs", "model", "ys"] and bound == {"ypred", "loss"}


def test_a_definition_reading_its_own_name_needs_nothing_from_outside():
    """`super(Net, self).__init__()` in Net's method, `fact(n - 1)` in fact's body: read when they run, after the
    class or def bound the name (the PyTorch trial's `class Net(nn.Module)` became a stub asking to import Net)."""
    code = "class Net(Base):\n    def f(self):\n        return super(Net, self).f()\n\n"
    code += "def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\n"
    free, bound = names(ast.parse(code).body)
    assert free == ["Base"] and bound == {"Net", "fact"}


def test_a_method_does_not_see_its_own_name_nor_a_class_body_its_class():
    """Review of the above: a method's body cannot see the method (`predict(x)` in `def predict(self, x)` is another
    function), and a class body reading the class runs before the name is bound."""
    free, _ = names(ast.parse("class W:\n    def predict(self, x):\n        return predict(x)\n").body)
    assert free == ["predict"]
    free, _ = names(ast.parse("class Cfg:\n    default = Cfg.make()\n").body)
    assert free == ["Cfg"]


def test_a_call_writing_another_file_is_a_variant_only_for_an_api_that_writes_files():
    """`fig.savefig("a.png")` then `fig.savefig("a.pdf")` is another format; `G.add_edge("google.com", "youtube.com")`
    then `G.add_edge("youtube.com", "wikipedia.org")` is more of the step's work, whatever its strings look like."""
    saves = ast.parse('fig.savefig("a.png", dpi=300)\nfig.savefig("a.pdf")\n')
    piece = cut(saves, parse_api("Figure.savefig(fname, dpi=None)"), known={"fig": "Figure"})
    assert piece is not None and len(piece.statements) == 1
    edges = ast.parse('G.add_edge("google.com", "youtube.com")\nG.add_edge("youtube.com", "wikipedia.org")\n')
    piece = cut(edges, parse_api("Graph.add_edge(u, v)"), known={"G": "Graph"})
    assert piece is not None and len(piece.statements) == 2


def test_an_api_cell_of_loops_in_loops_is_read_a_few_deep():
    """`for k in ks: f(x)` is f's call, looped; thousands of nested loops in a cell are no API (read in bounded time,
    never by recursion)."""
    found = parse_api("for k in ks: for j in js: f(x)")
    assert found is not None and found.callee == ("f",) and found.looped
    assert parse_api("for a in b: " * 10_000 + "f(x)") is None


def test_a_definitions_defaults_are_read_where_it_is_defined():
    """bs4's cleaning page: `MISSING = {...}` then `def clean_cell(text, missing_markers=MISSING)`: the default was not
    a name the def reads, so the slice left MISSING out and the step failed with NameError (ruff: F821)."""
    free, bound = names(
        ast.parse("def f(x, m=MISSING, *, k=KEY):\n    return x in m\n\ng = lambda y, d=D: y + d\n").body
    )
    assert free == ["MISSING", "KEY", "D"] and bound == {"f", "g"}


def test_cut_takes_the_anchor_and_its_dependents_not_prints():
    tree = parse_example(
        "m = MLP(2, [4])\nparams = m.parameters()\nprint(len(params))\nfor p in params:\n    p.data -= lr * p.grad\n"
    )
    piece = cut(tree, parse_api("Module.parameters(self)"))
    assert [ast.unparse(s).split("\n")[0] for s in piece.statements] == ["params = m.parameters()", "for p in params:"]


def test_a_call_of_the_examples_own_function_around_the_api_is_a_use_but_not_a_scripts_main():
    """`history = train(model, ...)` after `def train(...)` around `optimizer.step()` uses the API; `main()` under
    `if __name__ == "__main__":` runs a script, and a function doing another step's work is not this step's."""
    api = parse_api("optimizer.step(closure=None)")
    looped = "def train(model, opt, n=2):\n    for _ in range(n):\n        opt.step()\n\nhistory = train(m, o)\n"
    piece = cut(parse_example(looped), api)
    assert piece is not None and ast.unparse(piece.anchor) == "history = train(m, o)", piece
    assert [d.name for d in piece.definitions] == ["train"]
    script = looped.replace("history = train(m, o)", 'if __name__ == "__main__":\n    train(m, o)')
    assert cut(parse_example(script), api) is None
    saving = looped.replace("opt.step()", "opt.step()\n    torch.save(model)")
    assert cut(parse_example(saving), api, foreign=lambda s: "torch.save" in ast.unparse(s)) is None


def test_a_default_the_library_builds_is_told_from_a_container_a_key_can_hold():
    """`loss_fct: nn.Module = nn.MSELoss()` is an object only the library makes; spaCy's `meta: Dict =
    SimpleFrozenDict()`, `exclude=SimpleFrozenList()` and `ignore=frozenset()` are values config can give."""
    api = parse_api(
        "f(loss_fct: nn.Module = nn.MSELoss(), meta: Dict = SimpleFrozenDict(), exclude=util.SimpleFrozenList(), "
        "ignore: frozenset = frozenset(), scale: float = 1.0, hook=None)"
    )
    assert {p.name: p.built for p in api.params} == {
        "loss_fct": True,
        "meta": False,
        "exclude": False,
        "ignore": False,
        "scale": False,
        "hook": False,
    }


def test_statuses_and_executability():
    bound = bind_workflow(workflow(step(1, "N/A (decide)"), step(2, "def score(answer: str) -> float")), load_tables())
    assert [b.status for b in bound.bindings] == [Status.MANUAL, Status.STUB]
    assert not bound.executable  # a workflow with no bound step is not executable
    bound = bind_workflow(workflow(step(1, "import json")), load_tables())
    assert bound.executable and bound.bindings[0].status is Status.BOUND


def test_a_missing_object_is_reported():
    bound = bind_workflow(
        workflow(
            step(
                1,
                "Trainer(model)",
                examples=("from transformers import Trainer\nt = Trainer(model=model, metric=metric)",),
            )
        ),
        load_tables(),
    )
    assert any("metric" in w.message and "no loader builds" in w.message for w in bound.warnings)


def test_a_called_name_is_not_an_artifact_by_wildcard_alias():
    """`*_model` stands in for `model` as a value; `unsloth_save_model(model, ...)` is a function to import."""
    made = step(1, "load()", outputs="`model`", examples=("from lib import load\nmodel = load()",))
    saves = replace(step(2, "unsloth_save_model(model, save_directory)"), source_location="lib/save.py:L10-20")
    bound = bind_workflow(workflow(made, saves), load_tables())
    binding = bound.bindings[1]
    assert "from lib.save import unsloth_save_model" in binding.import_line + binding.body
    assert "unsloth_save_model = model" not in binding.body and binding.consumes == ("model",)
    reads = step(2, "evaluate(base_model)", examples=("from lib import evaluate\nevaluate(base_model)",))
    assert bind_workflow(workflow(made, reads), load_tables()).bindings[1].consumes == (
        "model",
    )  # a value: the alias holds


def test_repeat_loop_is_found_with_its_count_key():
    bound = bind_workflow(
        workflow(
            step(1, "a.f()", examples=("import a\na.f()",)),
            step(2, "a.g()", examples=("import a\na.g()",)),
            step(3, "model.zero_grad()", description="Repeat steps 1-2 for N epochs", params=(Param("epochs", "int"),)),
        ),
        load_tables(),
    )
    assert bound.repeat is not None and (
        bound.repeat.step,
        bound.repeat.first,
        bound.repeat.last,
        bound.repeat.key,
    ) == (3, 1, 2, "epochs")


def test_output_and_artifact_names():
    tables = load_tables()
    ctx = BindContext.create(workflow(step(1, "f()")), tables)
    assert output_names(step(1, "f()", outputs="`Tuple[PeftModel, PreTrainedTokenizer]`"), None, ctx) == [
        "model",
        "tokenizer",
    ]
    assert output_names(step(1, "f()", outputs="`documents` list"), None, ctx) == ["documents"]
    assert (
        artifact_name(tables, "SFTConfig") == "sft_config" and artifact_name(tables, "TextGenerationPipeline") == "pipe"
    )


def test_names_are_never_made_from_typing_constructs_or_values():
    """Seen on a sentencepiece wiki: a step returning `Union[str, List[str]]` handed on `union`, one whose Outputs say
    "`True` when the bytes match" handed on `true`, and in the corpus `Optional[...]` results went by `optional`."""
    tables = load_tables()
    ctx = BindContext.create(workflow(step(1, "f()")), tables)
    assert artifact_name(tables, "Union[str, List[str]]") is None
    assert artifact_name(tables, "Optional[PeftModel]") == "model"
    assert artifact_name(tables, "typing.Optional[str]") is None
    assert output_names(step(1, "f()", outputs="`True` when both match"), None, ctx) == []
    assert output_names(step(1, "f()", outputs="`texts: List[List[str]]` - tokenized"), None, ctx) == ["texts"]


def test_a_mapping_file_adds_a_loader_and_a_rename(tmp_path):
    extra = tmp_path / "more.toml"
    extra.write_text(
        '[loaders.metric]\ndoc = "an evaluate metric name"\nnames = ["metric"]\ncode = """\n'
        'import evaluate\n\nreturn None if value is None else evaluate.load(value)\n"""\n'
        '[renames."transformers.Trainer"]\nargs = "arguments"\n'
    )
    tables = load_tables((extra,))
    assert tables.loader_for("metric").modules == ("evaluate",)
    bound = bind_workflow(
        workflow(
            step(
                1, "Trainer(model)", examples=("from transformers import Trainer\nt = Trainer(args=a, metric=metric)",)
            )
        ),
        tables,
    )
    body = bound.bindings[0].body
    assert "metric = loaders.metric(metric)" in body and "arguments=a" in body
    assert any("renamed" in change for change in bound.bindings[0].changes)


def test_a_bad_mapping_file_is_a_clear_error(tmp_path):
    from generator.errors import UserError

    bad = tmp_path / "bad.toml"
    bad.write_text('[loaders.x]\ncode = "def ("\n')
    with pytest.raises(UserError, match="bad.toml: loader 'x'"):
        load_tables((bad,))


def test_a_dated_rename_applies_only_to_code_pinned_after_the_new_name(tmp_path):
    """With --wiki-date, requirements are pinned as of the wiki's date: a keyword renamed later keeps its old name."""
    extra = tmp_path / "dated.toml"
    extra.write_text('[renames."transformers.TrainingArguments"]\nratio = { to = "steps", since = "2026-01-26" }\n')
    tables = load_tables((extra,))
    code = ("from transformers import TrainingArguments\nargs = TrainingArguments(ratio=0.1)",)
    dated = workflow(step(1, "TrainingArguments(output_dir)", examples=code))
    before = bind_workflow(dated, tables, as_of="2025-12-18T00:00:00Z").bindings[0]
    after = bind_workflow(dated, tables, as_of="2026-02-01T00:00:00Z").bindings[0]
    newest = bind_workflow(dated, tables).bindings[0]
    assert "ratio=" in before.body and not before.changes
    assert "steps=" in after.body and "steps=" in newest.body
    bad = tmp_path / "bad.toml"
    bad.write_text('[renames."a.B"]\nx = { to = 3 }\n')
    with pytest.raises(UserError, match=r"bad.toml: \[renames.\"a.B\"\] x"):
        load_tables((bad,))


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("nx.write_gml(G, path)", ["path"]),
        ("df.to_csv(path_or_buf=out_file, index=False)", ["out_file"]),
        ("plt.savefig(fname)", ["fname"]),
        ("Path(output_dir).write_text(text)", ["output_dir"]),
        ("with open(path, 'w') as handle:\n    handle.write(text)", ["path"]),
        ("model.save_pretrained(**given(save_directory=save_directory))", ["save_directory"]),
        ("with open(path) as handle:\n    text = handle.read()", []),  # read, not written
        ("model.push_to_hub(repo_id)", []),  # not a writer, and not a path-like key
        ("df.to_csv(target_path, sep=sep)", ["target_path"]),
    ],
)
def test_config_keys_a_writer_is_given_are_marked_as_files_the_step_writes(body, written):
    from generator.bind.binding import Binding, ConfigParam
    from generator.bind.finish import with_written_paths

    keys = ("path", "out_file", "fname", "output_dir", "save_directory", "repo_id", "target_path", "sep", "text")
    binding = Binding(Kind.CALL, Status.BOUND, body, params=tuple(ConfigParam(k) for k in keys))
    assert [p.name for p in with_written_paths(binding).params if p.writes] == written


@pytest.mark.parametrize(
    ("code", "api", "anchor"),
    [
        (
            'summary = df.groupby("name").agg(n=("a", "count")).sort_values("n")',
            "DataFrame.groupby(by=None, as_index=True).agg(func=None)",
            "df.groupby('name')",
        ),
        ("table = model.fit().summary()", "Model.fit(self, method='lsq')", "model.fit()"),
        ("print(Thing(size=2))", "Thing.__init__(self, size)", "Thing(size=2)"),
    ],
)
def test_the_anchor_call_is_the_api_itself_not_one_chained_on_it(code, api, anchor):
    """Key parameters and positional names go to the API's own call: `groupby`'s `by` went to `.agg()`."""
    from generator.bind.wiring import Draft, anchor_call

    tree = ast.parse(code)
    call = anchor_call(Draft(tree.body, tree.body[0], api=parse_api(api)))
    assert call is not None and ast.unparse(call) == anchor


def test_only_rows_written_out_are_sample_data_not_a_list_of_names():
    """Review: `cols = ["age", "fare"]` passed beside the data was taken for sample rows and replaced by the cited
    result; a flat list of texts names columns, labels or stop words."""
    from generator.bind.wiring import Draft, _sample_names

    draft = Draft([], literals={"cols": '["age", "fare"]', "rows": "[[1, 2], [3, 4]]", "docs": '[{"a": 1}, {"a": 2}]'})
    assert _sample_names(draft) == {"rows", "docs"}


def test_a_setting_is_an_attribute_set_to_a_value_and_never_text_python_refuses():
    """Review: `engine.lambda = 0.5` passed the check (only the value was parsed), then stopped the workflow
    from planning with a SyntaxError."""
    from generator.apitext import sets_a_value

    assert sets_a_value("index.nprobe = nprobe") and sets_a_value("model.config.use_cache = False")
    assert sets_a_value("a.b = -1") and sets_a_value("x.size = (224, 224)")
    assert not sets_a_value("engine.lambda = 0.5") and not sets_a_value("x = 3")
    assert not sets_a_value("tokenizer.normalizer = normalizers.Sequence(x)")  # a call: the API itself


def test_a_function_api_never_takes_the_parameters_of_a_class_the_page_documents():
    """Seen on a catboost wiki: the API cell "`pd.read_csv(path)` then `catboost.Pool(...)`" on the Pool page,
    whose signature is the class's `def __init__(self, data, label=None, ...)`: the step passed `data=data` to
    read_csv (TypeError). A class's `__init__` gives the parameters of a constructor only."""
    pool_page = "class Pool:\n    def __init__(self, data, label=None, cat_features=None):\n        ..."
    read_csv = replace(step(1, "pd.read_csv(path)"), implementation=Implementation("Pool", REF, signature=pool_page))
    assert [p.name for p in signature_params(read_csv, parse_api("pd.read_csv(path)"))] == ["path"]
    pool = replace(read_csv, api_call="catboost.Pool(data)")
    assert [p.name for p in signature_params(pool, parse_api("catboost.Pool(data)"), all_params=True)] == [
        "self",
        "data",
        "label",
        "cat_features",
    ]


def test_a_keyword_row_of_the_io_contract_names_no_result():
    """xarray's to_netcdf page lists what the call returns as a row named `return`: a stub declared it a result
    ("Return {'file': ..., 'return': ...}"), and a later step taking it would have had `def run(return)`."""
    from generator.bind.outputs import declared_outputs
    from generator.model import ContractRow

    rows = (
        ContractRow("file", "path", description="the netCDF file"),
        ContractRow("return", "bytes", description="bytes"),
    )
    implementation = Implementation(name="Impl5", ref=REF, outputs=rows)
    assert declared_outputs(replace(step(5, "ds.to_netcdf(path)"), implementation=implementation)) == ["file"]


@pytest.mark.parametrize(
    ("outputs", "declared"),
    [
        ("`rows` - list of dicts with keys `sku`, `title`, `url`", ["rows"]),
        ("`peaks.csv` with columns `sample`, `time_s`", []),
        ("`header` (list of column names), `records` (list of rows)", ["header", "records"]),
    ],
)
def test_the_fields_a_result_holds_are_not_results(outputs, declared):
    """bs4: "`rows` - list of dicts with keys `sku`, `title`, ..." was read as six results (a stub asked for
    `{'rows': ..., 'sku': ..., ...}`); a file "with columns `sample`, ..." as five."""
    from generator.bind.outputs import declared_outputs

    assert declared_outputs(step(4, "extract(cards)", outputs=outputs)) == declared


def test_a_key_typed_as_a_number_is_no_file_the_step_writes(tmp_path):
    """Shapely's `to_wkt(geometry, output_dimension=...)` and pyarrow's `write_dataset(..., max_rows_per_file=...)`:
    ints left unset, passed to a writer, named like output keys (`output_`, `_file`), were marked as files the step
    writes (the runtime would make a folder named after their value)."""
    from tests.helpers import example_pages, generated

    index = """
# Workflow Index: Demo

## Workflow: Demo_Numbers_Beside

**Description:** A text written.

### Step 1: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwrite.to_text(obj, path, output_dimension=None, max_rows_per_file=None)` |
| **External Dependencies** | `pkgwrite` |
| **Implementation** | `Demo_Write_Text` |
| **Key Parameters** | `output_dimension: int` - 2 or 3, `max_rows_per_file: int` - rows per file |
"""
    page = example_pages(
        {"implementations/Demo_Write_Text.md": 'import pkgwrite\n\npkgwrite.to_text("x", "out/text.txt")\n'}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **page})
    writes = {p.name: p.writes for p in item.plan.steps[0].binding.params}
    assert writes.get("output_dimension") is False and writes.get("max_rows_per_file") is False, writes
    assert True in writes.values(), writes  # the path is still a file it writes


TORCHONLY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Plain_Torch

**Description:** Configure an optimizer for a network, then save its weights.

### Step 1: Optimizer

| Attribute | Value |
|-----------|-------|
| **API Call** | `torch.optim.Adam(params, lr: float = 0.001)` |
| **Implementation** | `Demo_Adam` |
| **External Dependencies** | `torch` |
| **Key Parameters** | `lr: float` - learning rate (default 1e-3) |
| **Inputs** | `model` from Step 0 |
| **Outputs** | `optimizer` |
"""


def test_a_plain_torch_workflow_never_loads_its_model_from_the_hub(tmp_path):
    """pytorch trial: a `model` no step made (the user's own `nn.Module`) was loaded with
    `AutoModelForCausalLM.from_pretrained`, and transformers joined the requirements, in a workflow that never
    names transformers: torch is in the loaders' stack, and the Hub loaders import transformers. A loader importing
    transformers applies only to a workflow using a library built on it."""
    page = example_pages(
        {"implementations/Demo_Adam.md": "import torch\n\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": TORCHONLY_INDEX, **page})
    step = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "loaders.model" not in step, step
    assert "transformers" not in (item.output_dir / "requirements.in").read_text()
    hub = TORCHONLY_INDEX.replace("| `torch` |", "| `torch`, `transformers` |")
    item = generated(tmp_path / "hub", {"_WorkflowIndex.md": hub, **page})
    step = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "loaders.model(model)" in step, step


def test_the_reviewed_narrowings_of_this_sessions_rules():
    """Each rule of the 2026-11-26 session, as a reviewer narrowed it, on the input it must not fire on."""
    from dataclasses import replace as with_

    from generator.bind.binding import ConfigParam
    from generator.bind.rules.subclass import _made
    from generator.bind.wiring import _cited_in_prose, _of_variables
    from generator.links import _reads

    # an expression in the call's variable is the example's own (`x**2 - x` of `solveset(x**2 - x, x)`, through an
    # imported module's functions too); a method of another object is not (`g.diff(x)` reads `g`)
    call = ast.parse("solveset(sympy.cos(x) - x, x)", mode="eval").body
    assert _of_variables(call.args[0], call, {"sympy"})
    call = ast.parse("integrate(g.diff(x), x)", mode="eval").body
    assert not _of_variables(call.args[0], call, set())
    # prose citing one thing from a step, not several
    one = with_(step(3, "f(x)"), inputs="Expression from Step 2, the unknown Symbol from Step 1")
    assert _cited_in_prose(one) == {1, 2}
    assert _cited_in_prose(with_(step(3, "f(x)"), inputs="Training features and labels from Step 1")) == set()
    # an instance below the methods that hand it back, not below `fit(X).predict(X)`
    made = _made(ast.parse("M().eval()", mode="eval").body)
    assert made is not None and ast.unparse(made) == "M()"
    made = _made(ast.parse("Model().fit(X).predict(X)", mode="eval").body)
    assert made is not None and ast.unparse(made) == "Model().fit(X).predict(X)"
    # a key that reads a file, as opposed to one genrepo did not see write (`h5py.File(path, "w")`)
    assert _reads(ConfigParam("input_file", "str", "'animals.csv'", False, "source file"))
    assert not _reads(ConfigParam("path", "str", "'data.h5'", False, "the HDF5 file"))
