"""A step's kind, read from its API Call text and implementation type."""

from __future__ import annotations

import ast
import re

from generator.apitext import parse_api
from generator.bind.binding import Kind
from generator.model import Step

_CLI_HINT = re.compile(
    r"^(\$\s*)?[a-z][\w.]*(-[\w]+)+(\s|$)|^\$\s|^(ollama|llama[\w-]*|git|gh|npm|npx|docker|make|bash|sh|curl)\s",
    re.IGNORECASE,
)
_MODULE_ROOTS = ("torch", "np", "numpy", "os", "json", "re")


def classify(step: Step) -> Kind:
    """The step's kind from its API Call text and implementation type."""
    api = step.api_text
    impl_type = step.impl_type.lower()
    lowered = api.lower()
    if not api or lowered.startswith(("n/a", "none", "manual", "(user code)", "user code", "user-defined")):
        decided = re.search(r"\b(manual|decision|review|choose|chooses|by hand)\b", lowered)
        return Kind.PATTERN if "pattern" in impl_type and not decided else Kind.MANUAL
    if "external tool" in impl_type or _CLI_HINT.match(api):
        return Kind.TOOL
    if lowered.startswith(("import ", "from ")):
        return Kind.IMPORT
    if lowered.startswith(("def ", "async def ")) or "pattern" in impl_type or "user-defined" in lowered:
        return Kind.PATTERN
    ref = parse_api(api)
    if ref is None and (_assigns(api) or _computes(api)):
        return Kind.PATTERN  # `best_run_id = runs.iloc[0]["run_id"]`, `[v for v in values if v > low]`: code to run
    if ref is None:
        return Kind.MANUAL if " " in api.strip() and "(" not in api else Kind.CALL
    if len(ref.callee) > 1 and ref.callee[0][:1].islower() and ref.callee[0] not in _MODULE_ROOTS:
        return Kind.METHOD
    if ref.last == "__init__":
        return Kind.CALL
    if ref.takes_self or ref.last == "__call__":
        return Kind.METHOD
    return Kind.CALL


_COMPUTED = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Compare, ast.IfExp)


def _computes(api: str) -> bool:
    """Whether an API text is a Python expression computing a value (a comprehension, a comparison),
    not prose: "Choose the rank" does not parse; `[v for v in values if low <= v]` does."""
    try:
        tree = ast.parse(api.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return isinstance(tree.body, _COMPUTED)


def _assigns(api: str) -> bool:
    """Whether an API text is Python assignments computing values (`x = runs.iloc[0]["run_id"]`), not prose."""
    try:
        tree = ast.parse(api.strip())
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return bool(tree.body) and all(
        isinstance(s, ast.Assign) and not isinstance(s.value, ast.Constant) for s in tree.body
    )
