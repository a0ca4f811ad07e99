"""`--set [WORKFLOW:]STEP.KEY=VALUE`: config values given at generation time, written into config.toml as the key's
value. Pure: plans in, plans out; a setting that names no key, or a value of the wrong type, is a UserError."""

from __future__ import annotations

import ast
import difflib
import json
from dataclasses import dataclass, replace
from typing import Any

from generator.bind import ConfigParam
from generator.errors import UserError
from generator.plan import RepoPlan, StepPlan

# Only what TOML can hold and ast.literal_eval reads back: the generated config.toml must load.
_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "str": str,
    "list": list,
    "dict": dict,
    "tuple": (list, tuple),
}


@dataclass(frozen=True)
class Setting:
    """One parsed `--set`: the workflow (short name, or '' for every selected one), step module, key and value."""

    workflow: str
    step: str
    key: str
    value: Any
    text: str

    def flag(self) -> str:
        """The option as a person would type it again."""
        return f"--set {self.text}"


def parse_value(raw: str) -> Any:
    """A typed value: a Python literal (`42`, `[1, 2]`, `True`, `'x'`), else the text itself (as the runtime reads it)."""
    try:
        return ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return raw.strip()


def type_problem(type_text: str, value: Any) -> str | None:
    """Why value does not fit a declared type, for the simple types; None when it fits or cannot be told."""
    base = (type_text or "").split("[", 1)[0].strip().lower()
    if value is None:
        return "a value is needed"
    if base in _TYPES:
        expected = _TYPES[base]
        if isinstance(value, bool) and base in ("int", "float"):
            return f"expected {type_text}, got a bool"
        if not isinstance(value, expected):
            return f"expected {type_text}, got {type(value).__name__} {value!r}"
    if not _tomlable(value):
        return f"{value!r} cannot be written to config.toml (numbers, text, booleans, lists and tables only)"
    return None


def literal(value: Any) -> str:
    """Python literal text for a value, strings in double quotes (so a shell command quotes it once, plainly)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def typed_text(raw: str) -> str:
    """What a person typed, as the VALUE of `--set` that reads back as the same value: bare text stays bare."""
    value = parse_value(raw)
    return raw.strip() if isinstance(value, str) and value == raw.strip() else literal(value)


def _tomlable(value: Any) -> bool:
    if isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, (list, tuple)):
        return all(_tomlable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _tomlable(v) for k, v in value.items())
    return False


def parse_setting(text: str) -> Setting:
    """`[WORKFLOW:]STEP.KEY=VALUE` -> Setting; the shape only (plans check that the key exists)."""
    target, sep, raw = text.partition("=")
    workflow, colon, rest = target.strip().rpartition(":")
    step, dot, key = rest.strip().rpartition(".")
    if not sep or not dot or not step or not key or (colon and not workflow):
        raise UserError(
            f"--set takes [WORKFLOW:]STEP.KEY=VALUE (STEP is the step module, as in config.toml), got {text!r}"
        )
    return Setting(workflow.strip(), step.strip(), key.strip(), parse_value(raw), text)


def _applies(setting: Setting, plan: RepoPlan) -> bool:
    names = {plan.workflow.name.lower(), plan.workflow.short_name.lower(), plan.repo_name.lower()}
    return not setting.workflow or setting.workflow.lower() in names


def _set_param(step: StepPlan, setting: Setting) -> StepPlan | None:
    """The step with the key's default replaced by the value, or None when the step has no such key."""
    params = step.binding.params
    index = next((i for i, p in enumerate(params) if p.name == setting.key), None)
    if index is None:
        return None
    param: ConfigParam = params[index]
    problem = None if param.loader else type_problem(param.type, setting.value)
    if param.loader and not isinstance(setting.value, str):
        problem = f"expected a path or id (the loader {param.loader} builds the object), got {setting.value!r}"
    if problem:
        raise UserError(f"--set {setting.text}: {problem}")
    value = list(setting.value) if isinstance(setting.value, tuple) else setting.value
    new = replace(param, default=repr(value), required=False)
    binding = replace(step.binding, params=(*params[:index], new, *params[index + 1 :]))
    return replace(step, binding=binding)


def apply_settings(plans: list[RepoPlan], texts: tuple[str, ...]) -> list[RepoPlan]:
    """Plans whose config keys take the values of `--set`; every setting must name a key of a selected workflow."""
    settings = [parse_setting(t) for t in texts]
    for setting in settings:
        hits = 0
        for i, plan in enumerate(plans):
            if plan.errors or not _applies(setting, plan):
                continue
            steps = list(plan.steps)
            for j, step in enumerate(steps):
                if step.module == setting.step:
                    changed = _set_param(step, setting)
                    if changed is not None:
                        steps[j] = changed
                        hits += 1
            plans[i] = replace(plan, steps=tuple(steps))
        if not hits:
            known = [
                f"{sp.module}.{p.name}"
                for plan in plans
                if _applies(setting, plan)
                for sp in plan.steps
                for p in sp.binding.params
            ]
            near = difflib.get_close_matches(f"{setting.step}.{setting.key}", known, n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            where = f" of workflow {setting.workflow}" if setting.workflow else ""
            raise UserError(f"--set {setting.text}: no config key {setting.step}.{setting.key}{where}{hint}")
    return plans
