"""Binding: kinds, example slicing, wiring of artifacts and config, imports, patterns, tools, loops."""

from __future__ import annotations

import ast

import pytest

from generator.apitext import api_from_signature, parse_api
from generator.bind import bind_workflow, classify, output_names, type_artifact_name
from generator.deps import load_mapping
from generator.model import Implementation, Param, SourceRef, Step, Workflow
from generator.slicing import cut, names, parse_example

REF = SourceRef("_WorkflowIndex.md", 1)


def step(number: int, api: str, *, examples: tuple[str, ...] = (), imports: tuple[str, ...] = (), outputs: str = "",
         params: tuple[Param, ...] = (), impl_type: str = "", description: str = "", location: str = "", deps: tuple[str, ...] = ()) -> Step:
    implementation = Implementation(name=f"Impl{number}", ref=REF, imports=imports, examples=examples) if examples or imports else None
    return Step(number=number, name=f"S{number}", title=f"Step {number}", ref=REF, api_call=api, outputs=outputs,
                key_parameters=params, implementation=implementation, impl_type=impl_type, description=description,
                source_location=location, external_dependencies=deps)


def bind(*steps: Step):
    workflow = Workflow(name="W", namespace="N", short_name="W", title="W", ref=REF, steps=steps)
    return bind_workflow(workflow, load_mapping())


@pytest.mark.parametrize(
    ("api", "impl_type", "kind"),
    [
        ("FastLanguageModel.from_pretrained(model_name)", "", "call"),
        ("MLP.__init__(self, nin: int)", "", "call"),
        ("MLP.__call__(self, x)", "", "method"),
        ("model.save_pretrained_merged(dir)", "", "method"),
        ("trainer.train()", "", "method"),
        ("import unsloth", "", "import"),
        ("def reward_func(prompts, completions, **kwargs) -> List[float]", "", "pattern"),
        ("llama-cli -m model.gguf -p hi", "", "tool"),
        ("ollama create x -f Modelfile", "", "tool"),
        ("N/A (manual process)", "", "manual"),
        ("Python lists (user-defined)", "Pattern Doc", "pattern"),
    ],
)
def test_classify(api, impl_type, kind):
    assert classify(step(1, api, impl_type=impl_type)) == kind


def test_parse_api_never_evaluates():
    ref = parse_api("__import__('os').system('touch /tmp/pwned')")
    assert ref is not None and ref.callee == ("__import__",)  # parsed as data: a name and its arguments


def test_free_names_respect_comprehension_scopes():
    tree = ast.parse("ypred = [model(x) for x in xs]\nloss = sum((a - b) ** 2 for a, b in zip(ys, ypred))")
    free, bound = names(tree.body)
    assert free == ["xs", "model", "ys"] and bound == {"ypred", "loss"}  # the first iterator is read first


def test_cut_takes_the_anchor_and_its_dependents_not_prints():
    tree = parse_example("m = MLP(2, [4])\nparams = m.parameters()\nprint(len(params))\nfor p in params:\n    p.data -= lr * p.grad\n")
    piece = cut(tree, parse_api("Module.parameters(self)"))
    assert [ast.unparse(s).split("\n")[0] for s in piece.statements] == ["params = m.parameters()", "for p in params:"]
    assert piece.free == ["m", "lr"]


def test_steps_wire_artifacts_and_config_from_examples():
    make = step(1, "MLP.__init__(self, nin: int, nouts: list[int]) -> None", imports=("from micrograd.nn import MLP",),
                examples=("from micrograd.nn import MLP\nmodel = MLP(2, [16, 1])",))
    forward = step(2, "MLP.__call__(self, x)", examples=("model = MLP(2, [4, 1])\nxs = [[1.0, 2.0]]\nypred = [model(x) for x in xs]",),
                   params=(Param("xs", "list"),))
    (first, second), warnings = bind(make, forward)
    assert first.bound and first.import_origin == "page" and first.produces == ("model",)
    assert [(p.name, p.default) for p in first.params] == [("nin", "2"), ("nouts", "[16, 1]")]
    assert "model = MLP(nin, nouts)" in first.body
    assert second.bound and second.consumes == ("model",) and second.produces == ("ypred",)
    assert "xs = config['xs']" in second.body and warnings == []


def test_later_steps_work_is_kept_out_of_a_slice():
    loop = "for epoch in range(3):\n    ypred = [model(x) for x in xs]\n    loss = sum((y - p) ** 2 for y, p in zip(ys, ypred))\n    loss.backward()\n"
    example = "from micrograd.nn import MLP\nmodel = MLP(2, [1])\n" + loop
    forward = step(1, "MLP.__call__(self, x)", examples=(example,))
    backward = step(2, "Value.backward(self)", examples=(example,))
    (first, second), _ = bind(forward, backward)
    assert "backward" not in first.body and "loss.backward()" in second.body


def test_setup_statements_come_along_when_nothing_earlier_provides_a_name():
    save = step(1, "model.save_pretrained_merged(save_directory, tokenizer)", examples=(
        "from unsloth import FastLanguageModel\nmodel, tokenizer = FastLanguageModel.from_pretrained('lora_model')\n"
        "model.save_pretrained_merged('merged', tokenizer, save_method='merged_16bit')",))
    (binding,), warnings = bind(save)
    assert binding.bound and binding.import_origin == "example"
    assert "FastLanguageModel.from_pretrained" in binding.body and warnings == []
    assert {p.name for p in binding.params} >= {"save_directory", "save_method"}


def test_api_text_binding_uses_the_symbols_table_and_aliases():
    config = step(1, "GRPOConfig(learning_rate, max_steps)", outputs="`GRPOConfig` object",
                  params=(Param("learning_rate", "float", "5e-06"), Param("max_steps", "int", "10")))
    train = step(2, "GRPOTrainer(model, args).train()", outputs="`TrainOutput`")
    (first, second), _ = bind(config, train)
    assert first.import_line == "from trl import GRPOConfig" and first.import_origin == "symbols"
    assert first.produces == ("grpo_config",)
    assert "args=artifacts['grpo_config']" in second.body
    assert second.produces == ("trainer", "train_output")


def test_unresolved_inputs_are_reported():
    (binding,), warnings = bind(step(1, "Trainer(model)", examples=("from transformers import Trainer\nt = Trainer(model=model)",)))
    assert binding.bound and [p.name for p in binding.params if p.required] == ["model"]
    assert len(warnings) == 1 and "input 'model' is produced by no earlier step" in warnings[0].message


def test_pattern_with_example_is_called_or_handed_on():
    make = step(1, "def load(paths: list[str]) -> list[dict]", outputs="`documents`", params=(Param("paths", "list[str]"),),
                examples=("def load(paths):\n    return [{'p': p} for p in paths]",))
    callback = step(2, "def reward_func(prompts, completions, **kwargs)", outputs="`reward_funcs` list",
                    examples=("def reward_func(prompts, completions, **kwargs):\n    return [0.0 for _ in completions]",))
    (first, second), _ = bind(make, callback)
    assert first.bound and "documents = load(paths=config['paths'])" in first.body
    assert second.bound and "reward_funcs = [reward_func]" in second.body and second.params == ()


def test_pattern_without_example_is_a_stub_that_states_the_contract():
    (binding,), _ = bind(step(1, "def score(answer: str) -> float"))
    assert binding.needs_implementation and not binding.bound
    assert "NotImplementedError" in binding.body and "def score(answer)" in binding.body


def test_data_pattern_passes_config_through():
    (binding,), _ = bind(step(1, "Python lists (user-defined)", impl_type="Pattern Doc", outputs="`xs` inputs, `ys` labels",
                              params=(Param("xs", "list"), Param("ys", "list"))))
    assert binding.bound and binding.produces == ("xs", "ys")
    assert binding.body == "return {'xs': config['xs'], 'ys': config['ys']}"


def test_tool_steps_fill_the_command_from_config():
    (binding,), _ = bind(step(1, 'llama-cli -m model.gguf -p "Hello"', params=(Param("prompt", "str", '"Hello"'),)))
    assert binding.kind == "tool" and binding.bound
    assert [p.name for p in binding.params] == ["command", "prompt"]
    assert ast.literal_eval(binding.params[0].default) == ["llama-cli", "-m", "model.gguf", "-p", "{prompt}"]


def test_import_and_manual_steps():
    (imported, manual), _ = bind(step(1, "import unsloth"), step(2, "N/A (choose a path)", params=(Param("path", "str", '"issue"'),)))
    assert imported.bound and imported.imports == ("unsloth",)
    assert not manual.bound and not manual.needs_implementation and manual.produces == ("path",)


def test_async_examples_run_in_an_event_loop():
    (binding,), _ = bind(step(1, "Client.fetch(self, url)", examples=(
        "from client import Client\nclient = Client()\nresult = await client.fetch('http://x')",)))
    assert "async def _step():" in binding.body and "return asyncio.run(_step())" in binding.body
    compile("def run(config, artifacts):\n" + "\n".join("    " + line for line in binding.body.split("\n")), "x", "exec")


def test_a_name_the_example_uses_but_never_imports_makes_a_stub():
    (binding,), _ = bind(step(1, "load_workflow(path)", examples=("workflow = load_workflow('a.json')",)))
    assert binding.needs_implementation and "load_workflow" in binding.notes[0]


def test_repeat_loop_is_found_with_its_count_key():
    workflow = Workflow(name="W", namespace="N", short_name="W", title="W", ref=REF, steps=(
        step(1, "a()", location="m.py"), step(2, "b()", location="m.py"),
        step(3, "model.zero_grad()", description="Repeat steps 1-2 for N epochs", params=(Param("epochs", "int"),)),
    ))
    from generator.bind import repeat_of

    bindings, _ = bind_workflow(workflow, load_mapping())
    assert repeat_of(workflow, bindings) == {"step": 3, "first": 1, "last": 2, "key": "epochs"}


def test_output_and_type_names():
    assert output_names(step(1, "f()", outputs="`Tuple[PeftModel, PreTrainedTokenizer]`"), None) == ["model", "tokenizer"]
    assert output_names(step(1, "f()", outputs="`documents` list"), None) == ["documents"]
    assert type_artifact_name("SFTConfig") == "sft_config" and type_artifact_name("TrainingArguments") == "training_arguments"


def test_api_from_signature():
    assert api_from_signature("class SFTTrainer(Trainer):\n    def __init__(self, model, args=None, **kw): ...") == "SFTTrainer(model, args)"
    assert api_from_signature("def from_pretrained(model_name: str = 'x') -> T", "FastLanguageModel_from_pretrained") == "FastLanguageModel.from_pretrained(model_name)"
