"""A step's API signature: from the implementation page's `def` when it has one, else from the API text."""

from __future__ import annotations

from generator.apitext import PASSED, ApiParam, ApiRef, ParamKind
from generator.apitext import signature_params as signature_block_params
from generator.model import Step


def signature_params(step: Step, api: ApiRef, all_params: bool = False) -> tuple[ApiParam, ...]:
    """Parameters from the implementation page's signature when it has a `def` for the API, else from the API
    text. Unless all_params, only the required ones and those the API text names are kept."""
    impl = step.implementation
    # a class's `def __init__` for a constructor only: `pd.read_csv(path)` then a Pool page's constructor is not it
    init = ("__init__",) if api.last == "__init__" or api.last[:1].isupper() else ()
    found = signature_block_params(impl.signature, api.last, *init) if impl and impl.signature else None
    if found is None:
        return api.params
    if all_params:
        return found
    declared = {p.name for p in api.params}
    return tuple(p for p in found if p.name in declared or (p.default is None and p.kind in PASSED and not p.optional))


def takes_kwargs(step: Step, api: ApiRef) -> bool:
    """Whether the API accepts `**kwargs` (in the page's signature or the API text)."""
    return any(p.kind is ParamKind.KW for p in (*signature_params(step, api, all_params=True), *api.params))
