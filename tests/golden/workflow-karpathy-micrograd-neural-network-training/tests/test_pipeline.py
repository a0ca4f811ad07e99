"""Checks of the generated workflow's structure, config and runner; no heavy dependency is imported."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from workflow_karpathy_micrograd_neural_network_training.runtime import Param
from workflow_karpathy_micrograd_neural_network_training.runtime.cli import main
from workflow_karpathy_micrograd_neural_network_training.runtime.config import parse_override, type_problem
from workflow_karpathy_micrograd_neural_network_training.runtime.steps import WorkflowError, load_workflow

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "workflow_karpathy_micrograd_neural_network_training"
WORKFLOW, STEPS = load_workflow(PACKAGE)


def test_steps_are_numbered_in_order_one_module_each():
    assert [s.spec.number for s in STEPS] == list(range(1, len(STEPS) + 1))
    for step in STEPS:
        assert (ROOT / "src" / PACKAGE / "steps" / f"{step.name}.py").is_file()


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_run_takes_exactly_the_declared_inputs_and_keys(step):
    parameters = list(inspect.signature(step.run).parameters)
    assert parameters == [*step.spec.consumes, *step.params]
    assert all(isinstance(p, Param) for p in step.params.values())


def test_config_file_holds_only_known_keys_of_fitting_types():
    """config.toml is yours to edit: its sections and keys must exist and its values fit their declared types."""
    with open(ROOT / "config.toml", "rb") as handle:
        config = tomllib.load(handle)
    by_name = {s.name: s for s in STEPS}
    assert set(config) <= set(by_name)
    for name, section in config.items():
        params = by_name[name].params
        assert set(section) <= set(params) | {"enabled"}, f"{name}: keys not in the step: {set(section) - set(params)}"
        for key, value in section.items():
            if key in params:
                assert type_problem(params[key], value) is None, f"{name}.{key}: {type_problem(params[key], value)}"


def test_every_consumed_artifact_has_an_earlier_producer():
    produced: set[str] = set()
    for step in STEPS:
        for artifact in step.spec.consumes:
            assert artifact in produced, f"{step.name} consumes {artifact}, which no earlier step makes"
        produced.update(step.spec.produces)


def test_plan_lists_every_step(capsys):
    assert main(PACKAGE, ["plan"]) == 0
    out = capsys.readouterr().out
    for step in STEPS:
        assert step.spec.title in out


def test_run_refuses_steps_that_need_implementation(caplog, tmp_path):
    waiting = [s for s in STEPS if s.waiting]
    if not waiting:
        pytest.skip("no step needs implementation")
    assert main(PACKAGE, ["run", "--artifacts", str(tmp_path)]) == 2
    for step in waiting:
        assert step.spec.title in caplog.text


def test_run_names_missing_required_keys_before_running_anything(caplog, tmp_path):
    # a key following another (the same file or id, or its name) takes that key's value: not missing
    required = [
        (s.name, k) for s in STEPS if not s.waiting for k, p in s.params.items() if p.required and not p.follows
    ]
    if not required:
        pytest.skip("no required keys")
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    code = main(PACKAGE, ["run", "--config", str(empty), "--allow-incomplete", "--artifacts", str(tmp_path / "a")])
    assert code == 2
    assert f"{required[0][0]}.{required[0][1]}" in caplog.text or "nothing to run" in caplog.text


def test_unknown_keys_are_refused_with_the_nearest_real_key(tmp_path, caplog):
    step = next((s for s in STEPS if s.params), None)
    if step is None:
        pytest.skip("no config keys")
    key = next(iter(step.params))
    with pytest.raises(WorkflowError, match="did you mean"):
        parse_override(f"{step.spec.number}.{key}x=1", STEPS)
    bad = tmp_path / "bad.toml"
    bad.write_text(f"[{step.name}]\n{key}_typo = 1\n")
    assert main(PACKAGE, ["plan", "--config", str(bad)]) == 2
    assert key in caplog.text


def test_overrides_parse_literals_and_step_references():
    step = next((s for s in STEPS if s.params), None)
    if step is None:
        pytest.skip("no config keys")
    key = next(iter(step.params))
    assert parse_override(f"{step.spec.number}.{key}=[1, 2]", STEPS) == (step.name, key, [1, 2])
    assert parse_override(f"{step.name}.{key}=text", STEPS)[2] == "text"
    with pytest.raises(WorkflowError):
        parse_override("no-equals-sign", STEPS)
    with pytest.raises(WorkflowError):
        parse_override(f"{len(STEPS) + 1}.{key}=1", STEPS)


def test_repeat_refers_to_real_steps():
    if WORKFLOW.repeat is None:
        return
    r = WORKFLOW.repeat
    assert 1 <= r.first <= r.last < r.step <= len(STEPS)
    assert r.key in STEPS[r.step - 1].params
