"""What generated step code calls besides its libraries."""

from __future__ import annotations

from typing import Any


def given(**arguments: Any) -> dict[str, Any]:
    """The keyword arguments that are set (not None): a step passes an optional input the wiki gives no default
    for as `**given(name=name)`, so the library's own default applies until config.toml sets it."""
    return {name: value for name, value in arguments.items() if value is not None}
