"""What generated step code calls besides its libraries."""

from __future__ import annotations

import atexit
import contextlib
import enum
import inspect
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any

_RUNS: list[contextlib.ExitStack] = []  # the contexts steps opened, one stack per run under way
_ALONE = contextlib.ExitStack()  # those a step called outside a run opened (its tests)
atexit.register(_ALONE.close)


def given(**arguments: Any) -> dict[str, Any]:
    """The keyword arguments that are set (not None): a step passes an optional input the wiki gives no default
    for as `**given(name=name)`, so the library's own default applies until config.toml sets it."""
    return {name: value for name, value in arguments.items() if value is not None}


def argument(function: Any, name: str, value: Any) -> Any:
    """A config value as the function's parameter takes it, by the real signature: a name of a member of the enum
    the parameter defaults to (`"LANCZOS"` for `resample=Resampling.BICUBIC`, also `"Resampling.LANCZOS"`) is that
    member; a table (`project_config = {project_dir = "runs"}`) for a parameter whose annotation is one class that
    is not a mapping (`project_config: ProjectConfiguration | None = None`) is an object of that class, made with
    the table's keys as keyword arguments. Anything else goes as it is."""
    if isinstance(value, dict):
        made = _annotated_class(function, name)
        return value if made is None else made(**value)
    if not isinstance(value, str):
        return value
    try:
        default = inspect.signature(function).parameters[name].default
    except (TypeError, ValueError, KeyError):
        return value
    if not isinstance(default, enum.Enum):
        return value
    wanted = value.rsplit(".", 1)[-1]
    for candidate in type(default):
        if candidate.name.lower() == wanted.lower() or candidate.value == value:
            return candidate
    names = ", ".join(m.name for m in type(default))
    raise ValueError(f"{name}={value!r} is not a member of {type(default).__name__} ({names})")


def _annotated_class(function: Any, name: str) -> type | None:
    """The one class a parameter's annotation names, None also in it (`X | None`, `Optional[X]`): not a builtin
    (a dict takes the table as it is), not a mapping. None when the annotation is missing, is text no module
    defines at run time (a name only the type checker imports), or names several classes."""
    for evaluated in (True, False):
        try:
            annotation = inspect.signature(function, eval_str=evaluated).parameters[name].annotation
            break
        except Exception:  # noqa: BLE001 - annotations of third-party code may not resolve (eval_str)
            continue
    else:
        return None
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    classes = [a for a in (typing.get_args(annotation) if union else (annotation,)) if a is not type(None)]
    if len(classes) != 1 or not isinstance(classes[0], type):
        return None
    made = classes[0]
    if made.__module__ == "builtins" or issubclass(made, Mapping) or inspect.isabstract(made):
        return None
    return made


def opened(context: Any) -> Any:
    """A context a step opens for the steps after it (`with mlflow.start_run() as run:` as a step of its own: the
    run the later steps log into): entered now, and closed when the run of the workflow ends, the last opened
    first, told of the error that stopped the run if one did. A step called outside a run: closed at exit."""
    return (_RUNS[-1] if _RUNS else _ALONE).enter_context(context)


@contextlib.contextmanager
def contexts() -> Iterator[None]:
    """The span of a run of the workflow: the contexts its steps open (`opened`) close at its end."""
    with contextlib.ExitStack() as stack:
        _RUNS.append(stack)
        try:
            yield
        finally:
            _RUNS.remove(stack)
