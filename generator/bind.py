"""Step kinds and step bodies: what each generated step module does when it runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Param, Step
from generator.naming import identifier

KINDS = ("call", "method", "import", "pattern", "tool", "manual")
_MANUAL = re.compile(r"^(n/?a|none|manual|\(user code\)|user code|-|—)?\b", re.IGNORECASE)
_CLI_HINT = re.compile(r"^(\$\s*)?[a-z][\w.-]*(-[\w]+)+(\s|$)|^\$\s|\.(sh|py)\s", re.IGNORECASE)


@dataclass(frozen=True)
class ConfigParam:
    """A configuration key of a step: type, default (Python literal text) and whether it must be set."""

    name: str
    type: str = ""
    default: str | None = None
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class Binding:
    """How a step runs: its kind, whether it calls a real API, and the run() body genrepo wrote."""

    kind: str
    bound: bool
    body: str
    import_line: str = ""
    import_origin: str = ""  # page | derived | none
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    params: tuple[ConfigParam, ...] = ()
    notes: tuple[str, ...] = field(default=())


def classify(step: Step) -> str:
    """The step's kind from its API Call text and implementation type."""
    api = step.api_call.strip().strip("`")
    impl_type = step.impl_type.lower()
    lowered = api.lower()
    if not api or lowered.startswith(("n/a", "none", "manual", "(user code)", "user code", "user-defined")):
        if "pattern" in impl_type:
            return "pattern"
        return "manual"
    if "external tool" in impl_type or _CLI_HINT.match(api):
        return "tool"
    if lowered.startswith(("import ", "from ")):
        return "import"
    if lowered.startswith(("def ", "async def ")) or "pattern" in impl_type or "user-defined" in lowered:
        return "pattern"
    head = re.split(r"[(\s]", api, maxsplit=1)[0]
    parts = head.split(".")
    if len(parts) > 1 and parts[0][:1].islower() and parts[0] not in ("torch", "np", "numpy", "os", "json", "re"):
        return "method"
    return "call"


def _params(step: Step) -> tuple[ConfigParam, ...]:
    result: list[ConfigParam] = []
    seen: set[str] = set()
    for param in step.key_parameters:
        name = identifier(param.name, "param")
        if name in seen or name in ("self", "cls"):
            continue
        seen.add(name)
        result.append(_config_param(param, name))
    return tuple(result)


def _config_param(param: Param, name: str) -> ConfigParam:
    return ConfigParam(
        name=name,
        type=param.type or "",
        default=param.default,
        required=param.default is None,
        description=param.description,
    )


def bind_step(step: Step) -> Binding:
    """A placeholder binding: the step describes its contract and raises until it is implemented."""
    kind = classify(step)
    message = f"Step {step.number} ({step.title}) is not bound to an API yet"
    if step.api_call:
        message += f"; the wiki cites: {step.api_call}"
    body = f"raise NotImplementedError({message!r})"
    return Binding(kind=kind, bound=False, body=body, params=_params(step), import_origin="none")
