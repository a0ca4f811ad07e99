"""What generated step code calls besides its libraries."""

from __future__ import annotations

import enum
import inspect
from typing import Any


def given(**arguments: Any) -> dict[str, Any]:
    """The keyword arguments that are set (not None): a step passes an optional input the wiki gives no default
    for as `**given(name=name)`, so the library's own default applies until config.toml sets it."""
    return {name: value for name, value in arguments.items() if value is not None}


def member(function: Any, name: str, value: Any) -> Any:
    """A config value naming a member of the enum the function's parameter defaults to (`"LANCZOS"` for
    `resample=Resampling.BICUBIC`, also `"Resampling.LANCZOS"`): that member. Anything else goes as it is."""
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
