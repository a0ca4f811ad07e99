"""A step's API signature: from the implementation page's `def` when it has one, else from the API text."""

from __future__ import annotations

import ast
from collections.abc import Collection

from generator.apitext import PASSED, ApiParam, ApiRef, ParamKind, declared_classes, dotted
from generator.apitext import signature_params as signature_block_params
from generator.model import Step


def signature_params(step: Step, api: ApiRef, all_params: bool = False) -> tuple[ApiParam, ...]:
    """Parameters from the implementation page's signature when it has a `def` for the API, else from the API
    text. Unless all_params, only the required ones and those the API text names are kept."""
    impl = step.implementation
    # a class's `def __init__` for a constructor only: `pd.read_csv(path)` then a Pool page's constructor is not it
    init = ("__init__",) if api.last == "__init__" or api.last[:1].isupper() else ()
    # and only the constructor of that class: `Tokenizer(models.WordPiece(...))` is not made by WordPiece's
    classes = declared_classes(impl.signature) if impl and impl.signature else []
    if classes and (api.class_name or api.last) not in classes:
        init = ()
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


def called_on_first(api: ApiRef, call: ast.Call, modules: Collection[str]) -> bool:
    """Whether a call writes a module's function as a method of its first argument: `districts.sjoin(stations)` for
    `geopandas.sjoin(left_df, right_df)`, `x.mean(axis=0)` for `numpy.mean(a, axis)` (pandas, NumPy and geopandas
    offer their functions so). The object before the dot is then the first parameter, and the call's positional
    arguments start at the second. modules: the names that are modules here. Not when the API is a method (of
    `Expr.str`, of `cph.summary`: no module's name first, or a class on the way) or the call is on a module."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != api.last or api.takes_self or len(api.callee) < 2:
        return False  # (`fit(X, y)` cited bare, written `model.fit(X, y)`: a method, not a module's function)
    if api.callee[0] not in modules or any(part[:1].isupper() for part in api.callee[:-1]):
        return False
    root = dotted(func.value)[:1]
    return not root or root[0] not in modules
