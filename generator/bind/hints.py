"""What the wiki says of a step's parameters: type, default and description."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Param, Step
from generator.naming import identifier


@dataclass(frozen=True)
class Hint:
    """What the wiki says of a name: its type, default (Python literal text) and description."""

    type: str = ""
    default: str | None = None
    doc: str = ""
    optional: bool = False  # the signature gives a default, so the call may go without it


def key_hints(step: Step) -> dict[str, Hint]:
    """Hints from the step's Key Parameters."""
    found: dict[str, Hint] = {}
    for param in step.key_parameters:
        found.setdefault(identifier(param.name, "param"), _hint(param))
    return found


def _hint(param: Param) -> Hint:
    return Hint(param.type or "", param.default, param.description, param.default is not None)


def contract_hints(step: Step) -> dict[str, Hint]:
    """Hints from the implementation page's I/O contract: type, description, and whether the input is optional."""
    found: dict[str, Hint] = {}
    if step.implementation is None:
        return found
    for row in step.implementation.inputs:
        name = identifier(row.name.strip("`* "), "param") if row.name else ""
        if name and name not in found:
            optional = row.required.strip().lower().startswith(("no", "false", "optional"))
            found[name] = Hint(row.type.strip("`"), None, row.description, optional)
    return found


def merge_hints(*hints: Hint | None) -> Hint:
    """The first hint's type and description that are given, the first default, optional if any says so."""
    given = [h for h in hints if h is not None]
    if not given:
        return Hint()
    default = next((h.default for h in given if h.default is not None), None)
    return Hint(
        next((h.type for h in given if h.type), ""),
        default,
        next((h.doc for h in given if h.doc), ""),
        any(h.optional for h in given) or default is not None,
    )
