"""What the wiki says of a step's parameters: type, default and description."""

from __future__ import annotations

import keyword
from dataclasses import dataclass

from generator.apitext import written_collection
from generator.model import Param, Step
from generator.naming import identifier


@dataclass(frozen=True)
class Hint:
    """What the wiki says of a name: its type, default (Python literal text) and description."""

    type: str = ""
    default: str | None = None
    doc: str = ""
    optional: bool = False  # the signature gives a default, so the call may go without it


def param_name(text: str) -> str:
    """A parameter's name as Python sees it: a valid identifier stays exactly as written (case and letters kept:
    `Alpha` and `alpha` are two parameters, `größe` is one); anything else is made into one."""
    text = text.strip().strip("`*")
    if text.isidentifier() and not keyword.iskeyword(text):
        return text
    return identifier(text, "param")


def key_hints(step: Step) -> dict[str, Hint]:
    """Hints from the step's Key Parameters."""
    found: dict[str, Hint] = {}
    for param in step.key_parameters:
        found.setdefault(param_name(param.name), _hint(param))
    return found


def _hint(param: Param) -> Hint:
    return Hint(param.type or "", param.default, param.description, param.default is not None)


def contract_hints(step: Step) -> dict[str, Hint]:
    """Hints from the implementation page's I/O contract: type, description, and whether the input is optional."""
    found: dict[str, Hint] = {}
    if step.implementation is None:
        return found
    for row in step.implementation.inputs:
        name = param_name(row.name) if row.name else ""
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


def abbreviated(name: str, literal: str, keys: dict[str, Hint], named: set[str]) -> str | None:
    """The documented key a short name of the example's stands for (`exts = {".jpg", ".png"}` where the Key
    Parameters document `extensions: list[str]`; `lr` for `learning_rate`): the name shortens the key, starting with
    its first letter; the value is of the key's shape (a collection for a collection); and exactly one key the code
    does not name already fits. None otherwise."""
    if len(name) < 2 or name in keys:
        return None
    container = written_collection(literal)
    found = [
        key
        for key, hint in keys.items()
        if key not in named
        and len(key) > len(name)
        and key[0] == name[0]
        and shortens(name, key)
        and container == (hint.type.split("[")[0].strip().lower() in _COLLECTIONS)
    ]
    return found[0] if len(found) == 1 else None


_COLLECTIONS = frozenset(
    {"list", "tuple", "set", "sequence", "iterable", "frozenset", "typing.list", "typing.sequence"}
)


def shortens(short: str, full: str) -> bool:
    """Whether short is full's letters in order, some left out (`rec` of `reconstructed`, `freqs` of
    `frequencies`)."""
    letters = iter(full)
    return all(letter in letters for letter in short)
