"""config.toml: one section per step module, one key per parameter; `--set STEP.KEY=VALUE` overrides."""

from __future__ import annotations

import ast
import difflib
import importlib
import re
import sys
from pathlib import Path
from typing import Any

from .spec import REQUIRED, Param
from .steps import LoadedStep, WorkflowError, step_by_reference

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_CONFIG = Path("config.toml")
ENABLED = "enabled"  # every section may say `enabled = false` to skip its step


def _nearest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_key(step: LoadedStep, key: str, where: str) -> None:
    """Refuse a key the step does not have, naming the nearest real one."""
    if key != ENABLED and key not in step.params:
        keys = sorted(step.params) + [ENABLED]
        raise WorkflowError(
            f"{where}: step {step.name} has no config key {key!r}{_nearest(key, keys)}; its keys are: {', '.join(keys)}"
        )


def load_config(path: Path | None, steps: list[LoadedStep]) -> dict[str, dict[str, Any]]:
    """The config file as {step module: {key: value}}, every section and key checked against the steps.

    A missing ./config.toml means every default; a missing --config file is an error.
    """
    if path is None:
        path = DEFAULT_CONFIG
        if not path.exists():
            return {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise WorkflowError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise WorkflowError(f"config {path} is not valid TOML: {exc}") from None
    by_name = {step.name: step for step in steps}
    for section, values in data.items():
        if section not in by_name:
            raise WorkflowError(f"config {path}: no step is called [{section}]{_nearest(section, list(by_name))}")
        if not isinstance(values, dict):
            raise WorkflowError(f"config {path}: {section} must be a [section], not a value")
        for key in values:
            check_key(by_name[section], key, f"config {path} [{section}]")
    return {name: dict(section) for name, section in data.items()}


def followed(config: dict[str, dict[str, Any]], steps: list[LoadedStep]) -> dict[str, dict[str, Any]]:
    """The config with each key that follows an earlier one (the same file or id: a folder step 4 saves, which step 5
    loads) given that key's value, set or default, unless it is set itself."""
    resolved = {name: dict(section) for name, section in config.items()}
    by_name = {step.name: step for step in steps}
    for step in steps:
        for key, param in step.params.items():
            if not param.follows or key in resolved.get(step.name, {}):
                continue
            name, _, other = param.follows.rpartition(".")
            source = by_name.get(name)
            if source is None or other not in source.params:
                continue
            value = resolved.get(name, {}).get(other, source.params[other].default)
            if value is not REQUIRED:
                resolved.setdefault(step.name, {})[key] = value
    return resolved


def parse_value(raw: str) -> Any:
    """A command-line value: a Python literal (`42`, `[1, 2]`, `True`, `'x'`), a TOML boolean, array or table as
    config.toml writes them (`true`, `["a", "b"]`, `{r = 8}`), else the text itself."""
    try:
        return ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        pass
    try:
        value = tomllib.loads(f"value = {raw.strip()}")["value"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return raw.strip()
    return value if isinstance(value, (bool, list, dict)) else raw.strip()


def parse_override(text: str, steps: list[LoadedStep]) -> tuple[str, str, Any]:
    """`STEP.KEY=VALUE` -> (step module, key, value); the step and key must exist."""
    target, sep, raw = text.partition("=")
    reference, dot, key = target.strip().rpartition(".")
    if not sep or not dot or not key:
        raise WorkflowError(f"--set takes STEP.KEY=VALUE (STEP is a number or a module name), got {text!r}")
    step = step_by_reference(steps, reference)
    check_key(step, key, f"--set {text}")
    return step.name, key, parse_value(raw)


def enabled(step: LoadedStep, section: dict[str, Any]) -> bool:
    return section.get(ENABLED, True) is not False


def step_values(step: LoadedStep, section: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The step's config values (the file's over the defaults) and the required keys still missing."""
    values: dict[str, Any] = {}
    missing: list[str] = []
    for key, param in step.params.items():
        if key in section:
            values[key] = as_declared(param, section[key])
        elif param.required:
            missing.append(key)
        else:
            values[key] = as_declared(param, param.default)
    return values, missing


def as_declared(param: Param, value: Any) -> Any:
    """A value as its key's type and default say: a tuple key's value, which TOML can only write as an array, as a
    tuple (`axis = [0, 1]` reaches numpy as `(0, 1)`, which it takes where it refuses a list); a table whose
    default has number keys with number keys (`dynamic_axes = { input = { 0 = "batch" } }`: TOML writes every key
    as a string, and torch.onnx.export refuses "0"; a default mixing number and name keys, `{0: ..., "cpu": ...}`,
    gets its number keys back too); a callable key's dotted name as the function it names; one value of a key
    run() spreads as `*by` as a tuple of it (`by = "customer_id"` is one column, not eleven letters)."""
    if param.spread and value is not None and not isinstance(value, (list, tuple, dict)):
        return (value,)
    if isinstance(value, list) and _takes_tuple(param):
        return tuple(value)
    if isinstance(value, str) and _CALLABLE.match(param.type.strip()):
        return named_function(value)
    return _numbered_like(param.default, value)


_CALLABLE = re.compile(r"(?:typing\.|collections\.abc\.)?(?:callable|Callable)\b|function$")


def named_function(path: str) -> Any:
    """The function a callable key names by dotted path (`numpy.median`, `sympy.count_ops`) or builtin name (`max`):
    config can only write its name."""
    module, _, name = path.strip().rpartition(".")
    try:
        return getattr(importlib.import_module(module or "builtins"), name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise WorkflowError(f"{path!r} names no function ({type(exc).__name__}: {exc}); write module.function") from None


def _numbered_like(default: Any, value: Any) -> Any:
    if not (isinstance(default, dict) and isinstance(value, dict)):
        return value
    # any number key: `max_memory = {0: "10GiB", 1: "10GiB", "cpu": "30GiB"}` mixes devices by number and by name
    numbered = any(isinstance(k, int) and not isinstance(k, bool) for k in default)
    shapes = list(default.values())
    result = {}
    for key, item in value.items():
        if numbered and isinstance(key, str) and re.fullmatch(r"-?[0-9]+", key):
            key = int(key)
        result[key] = _numbered_like(default.get(key, shapes[0] if shapes else None), item)
    return result


def _takes_tuple(param: Param) -> bool:
    """Whether an array from TOML goes to the library as a tuple: the key's type says a tuple first (`tuple |
    PageRange`), or among others none of which is a list (`bool | tuple`: h5py's `chunks` refuses a list)."""
    kinds = [part.split("[", 1)[0].strip().lower() for part in re.split(r"\|(?![^\[]*\])", param.type)]
    kinds = [re.sub(r"^(?:typing\.)?", "", k).split(" ")[0] for k in kinds]
    if not kinds or "tuple" not in kinds:
        return False
    return kinds[0] == "tuple" or not {"list", "sequence", "iterable", "arraylike"} & set(kinds)


def _base(param: Param) -> str:
    return param.type.split("[", 1)[0].strip().lower()


_TYPES = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "str": str,
    "list": list,
    "dict": dict,
    "tuple": (list, tuple),
}


def type_problem(param: Param, value: Any) -> str | None:
    """Why a value does not fit a key's declared type, for the simple types; None when it fits or cannot be told."""
    base = _base(param)
    if param.loader or value is None or base not in _TYPES:
        return None
    expected = _TYPES[base]
    if isinstance(value, bool) and base in ("int", "float"):
        return f"expected {param.type}, got a bool"
    if not isinstance(value, expected):
        return f"expected {param.type}, got {type(value).__name__} {value!r}"
    return None
