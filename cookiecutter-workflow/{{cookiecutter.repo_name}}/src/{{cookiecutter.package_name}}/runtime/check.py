"""`python -m PACKAGE check`: every step's imports and calls checked against the installed libraries.

Nothing is called. Each step's run() is read with `ast`; its imports are imported for real; each call target is
resolved (a class, a function, a method of an earlier step's object, a property, an enum) and the call's
arguments are bound to the target's `inspect.signature`. Types flow from step to step: a class call makes an
instance of that class, a function's return annotation names its result's class.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import enum
import functools
import importlib
import inspect
import re
import sys
import textwrap
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from .calls import given
from .steps import LoadedStep

ORDER = ("import fails", "no such attribute", "argument not accepted", "not callable", "not checkable", "verified")

# Factories whose return type their signature does not say (the Auto classes pick a class at run time):
# the class every result shares, so its methods can be checked.
FACTORIES = {
    "transformers.AutoTokenizer.from_pretrained": "transformers.PreTrainedTokenizerBase",
    "transformers.AutoProcessor.from_pretrained": "transformers.ProcessorMixin",
    "transformers.AutoConfig.from_pretrained": "transformers.PretrainedConfig",
    "transformers.AutoModelForCausalLM.from_pretrained": "transformers.PreTrainedModel+transformers.GenerationMixin",
    "transformers.AutoModelForSeq2SeqLM.from_pretrained": "transformers.PreTrainedModel+transformers.GenerationMixin",
    "transformers.AutoModel.from_pretrained": "transformers.PreTrainedModel",
    "transformers.AutoModelForSequenceClassification.from_pretrained": "transformers.PreTrainedModel",
    "transformers.pipeline": "transformers.Pipeline",
    "transformers.AutoHfQuantizer.from_config": "transformers.quantizers.HfQuantizer",
    "datasets.load_dataset": "datasets.DatasetDict+datasets.Dataset",
    "datasets.load_from_disk": "datasets.DatasetDict+datasets.Dataset",
}


@dataclass
class Kind:
    """What an expression is known to be: classes its value is an instance of (any of them), or an object."""

    classes: tuple[type, ...] = ()
    obj: Any = None
    has_obj: bool = False
    guessed: bool = False  # inferred by convention, not declared: a miss is "not checkable", not an error

    @property
    def known(self) -> bool:
        return bool(self.classes) or self.has_obj


UNKNOWN = Kind()


@dataclass
class CallCheck:
    line: int
    text: str
    status: str
    detail: str = ""
    target: str = ""


@dataclass
class StepCheck:
    step: LoadedStep
    status: str
    calls: list[CallCheck] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    moves: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.step.spec.number,
            "module": self.step.name,
            "title": self.step.spec.title,
            "wiki": self.step.spec.wiki,
            "status": self.status,
            "imports": self.imports,
            "moves": [{"module": m, "name": n, "now": now} for m, n, now in self.moves],
            "calls": [c.__dict__ for c in self.calls],
        }


def _resolve_path(path: str) -> Any:
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            target = getattr(target, part)
        return target
    raise ImportError(path)


def _factory_kind(path: str) -> Kind:
    try:
        return Kind(tuple(_resolve_path(p) for p in FACTORIES[path].split("+")))
    except (ImportError, AttributeError):
        return UNKNOWN


def _delegates(cls: type) -> bool:
    """Whether a class answers unknown attributes at run time (`__getattr__`, as PeftModel hands them to its base
    model): a missing attribute then cannot be told statically."""
    return any("__getattr__" in vars(base) for base in cls.__mro__ if base is not object)


def _annotation_kind(func: Any, owner: Kind | None = None) -> Kind:
    """The classes a callable's return annotation names (`-> PeftModel`, `-> A | B`); `-> Self` or a type
    variable is the owner's own kind; for an object whose every attribute is a value (polars' `pl.col`), its
    class's `__call__`'s."""
    found = _return_kind(func, owner)
    call = None if found.known else _class_call(func)
    return _return_kind(call, owner) if call is not None else found


def _class_call(value: Any) -> Any:
    """The Python `__call__` of a callable object's class (not of a function, method or class); None otherwise."""
    if inspect.isroutine(value) or isinstance(value, type):
        return None
    call = inspect.getattr_static(type(value), "__call__", None)
    return call if inspect.isfunction(call) else None


def _return_kind(func: Any, owner: Kind | None = None) -> Kind:
    try:
        annotation = typing.get_type_hints(func).get("return")
    except Exception:  # noqa: BLE001 - annotations of third-party code may not resolve
        annotation = None
    if annotation is None:  # unresolved, or none there: as the signature writes it (a compiled function's docstring)
        signature = _signature(func)
        annotation = signature.return_annotation if signature is not None else None
        if isinstance(annotation, str):  # a parameter's name only its type checker imports: read the return alone
            return _text_kind(annotation, inspect.getmodule(func), owner)
    if annotation is None or annotation is inspect.Signature.empty:
        return UNKNOWN
    if owner is not None and (isinstance(annotation, typing.TypeVar) or str(annotation) in ("typing.Self", "Self", "typing_extensions.Self")):
        return owner
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    options = typing.get_args(annotation) if union else (annotation,)
    # `-> Any` (a class since Python 3.11) and `-> object` say nothing of what comes back
    classes = tuple(o for o in options if isinstance(o, type) and o not in (type(None), typing.Any, object))
    return Kind(classes) if classes else UNKNOWN


def _text_kind(text: str, module: Any, owner: Kind | None) -> Kind:
    """The classes a return annotation written as text names (`"DataFrame | None"`, `"Optional[Series]"`,
    `"Self"`), each looked up in the function's module. A part that cannot be (a name imported only for type
    checkers: `"DataFrame | TextFileReader"`) makes the kind a guess: a method none of the others has is then "not
    checkable", never an error."""
    classes: list[type] = []
    unread = False
    for part in _top_level(text.strip().strip("'\""), "|"):
        part = part.strip()
        name = part.split("[", 1)[0].strip()
        if name in ("None", "NoneType"):
            continue
        if name in ("Optional", "typing.Optional") and part.endswith("]"):
            inner = _text_kind(part[part.index("[") + 1 : -1], module, owner)
            classes.extend(inner.classes)
            unread = unread or inner.guessed or not inner.classes
            continue
        if name in ("Self", "typing.Self", "typing_extensions.Self"):
            found = owner.classes if owner is not None else ()
            classes.extend(found)
            unread = unread or not found
            continue
        target = _named(module, name)
        if not isinstance(target, type):  # imported for type checkers only: the package's own export, a guess
            package = sys.modules.get(getattr(module, "__name__", "").split(".")[0])
            target = _named(package, name) if package is not None and package is not module else None
            unread = True
        if isinstance(target, type) and target not in (typing.Any, object):
            classes.append(target)
        else:
            unread = True
    return Kind(tuple(dict.fromkeys(classes)), guessed=unread) if classes else UNKNOWN


def _named(module: Any, name: str) -> Any:
    """What a dotted name is in a module (None when it is not there)."""
    target = module
    for attr in name.split("."):
        target = getattr(target, attr, None)
    return target


def _top_level(text: str, separator: str) -> list[str]:
    """text cut at separator outside brackets (`dict[str, int | None] | None` -> two parts)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[(" and 1 or char in "])" and -1 or 0
        if char == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _factory_key(value: Any) -> str:
    """`transformers.AutoTokenizer.from_pretrained`, `transformers.pipeline`: package, owner, name."""
    owner = getattr(value, "__self__", None)
    if isinstance(owner, type):
        return f"{owner.__module__.split('.')[0]}.{owner.__name__}.{getattr(value, '__name__', '')}"
    return f"{(getattr(value, '__module__', '') or '').split('.')[0]}.{getattr(value, '__name__', '')}"


def _qualified(value: Any) -> str:
    # an object answering every attribute (polars' `pl.col`, whose `pl.col.x` is a column) has no text names: its class
    module = _text(value, "__module__") or type(value).__module__
    name = _text(value, "__qualname__") or _text(value, "__name__") or f"{type(value).__qualname__} instance"
    return f"{module}.{name}".strip(".")


def _text(value: Any, attribute: str) -> str:
    found = getattr(value, attribute, None)
    return found if isinstance(found, str) else ""


def _signature(target: Any, follow_wrapped: bool = True) -> inspect.Signature | None:
    try:
        signature = inspect.signature(target, follow_wrapped=follow_wrapped)
    except (TypeError, ValueError):
        written = _doc_signature(target)
        if written is not None:
            return written
        # an object answering every attribute (`pl.col.__signature__` is a column): its class's __call__
        call = _class_call(target)
        if call is None:
            return None
        try:
            return _without_self(inspect.signature(call, follow_wrapped=follow_wrapped), True)
        except (TypeError, ValueError):
            return None
    parameters = list(signature.parameters.values())
    if isinstance(target, type) and parameters and parameters[0].name == "self":
        # a class built in Rust or C (`tokenizers.models.BPE`) whose text signature still names `self`
        return signature.replace(parameters=parameters[1:])
    return signature


def _doc_signature(target: Any) -> inspect.Signature | None:
    """The signature a compiled function's docstring starts with, as nanobind and pybind11 write it
    (`connect(database: object = ':memory:', read_only: bool = False) -> DuckDBPyConnection`), and Cython's
    embedsignature (`Matcher.__call__(self, doclike, *, as_spans=False)`, `Matcher(vocab, validate=True, *)`): read
    with `ast`, never run; defaults stand for themselves. None when there is none, when it takes anything (`*args,
    **kwargs`: an overloaded function's), or when it does not parse."""
    first = _text(target, "__doc__").lstrip().split("\n", 1)[0]
    named = [n for n in (_text(target, "__qualname__"), _text(target, "__name__")) if n and first.startswith(n + "(")]
    if not named:
        return None
    # Cython writes a bare `*` last, and a C type before a name (`PhraseMatcher(Vocab vocab, attr='ORTH')`)
    written = _C_TYPED.sub(r"\1", first[len(named[0]) :].replace(", *)", ")"))
    try:
        function = ast.parse(f"def _{written}: pass").body[0]
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not isinstance(function, ast.FunctionDef):
        return None
    spec, kind = function.args, inspect.Parameter
    plain = [*spec.posonlyargs, *spec.args]
    defaults = [None] * (len(plain) - len(spec.defaults)) + list(spec.defaults)
    params = [
        kind(a.arg, kind.POSITIONAL_ONLY if n < len(spec.posonlyargs) else kind.POSITIONAL_OR_KEYWORD, default=_default_text(d))
        for n, (a, d) in enumerate(zip(plain, defaults, strict=True))
    ]
    params += [kind(spec.vararg.arg, kind.VAR_POSITIONAL)] if spec.vararg else []
    params += [kind(a.arg, kind.KEYWORD_ONLY, default=_default_text(d)) for a, d in zip(spec.kwonlyargs, spec.kw_defaults, strict=True)]
    params += [kind(spec.kwarg.arg, kind.VAR_KEYWORD)] if spec.kwarg else []
    if all(p.kind in (kind.VAR_POSITIONAL, kind.VAR_KEYWORD) for p in params) and params:
        return None
    bound = getattr(target, "__self__", None)
    if params and params[0].name == "self" and bound is not None and not isinstance(bound, types.ModuleType):
        params = params[1:]  # a method of an object: the object is given
    elif inspect.ismethoddescriptor(target) and bound is None and (not params or params[0].name != "self"):
        # a method of a class that leaves its object out (torch's `std(dim=None, *, correction=1, keepdim=False)`,
        # the socket's `settimeout(timeout)`): the object comes first, as a caller's method binds it
        params.insert(0, kind("self", kind.POSITIONAL_ONLY))
    returns = ast.unparse(function.returns) if function.returns is not None else inspect.Signature.empty
    return inspect.Signature(params, return_annotation=returns)


_C_TYPED = re.compile(r"(?<=[(,])\s*(?:[A-Za-z_][\w.]*\s+)([A-Za-z_]\w*)(?=\s*[,=)])")


def _default_text(default: ast.expr | None) -> Any:
    """A default as the docstring writes it (its text), or none."""
    return inspect.Parameter.empty if default is None else ast.unparse(default)


def _without_self(signature: inspect.Signature, drop_self: bool) -> inspect.Signature:
    params = list(signature.parameters.values())
    return signature.replace(parameters=params[1:] if drop_self and params else params)


def _bind_error(signature: inspect.Signature, args: list[Any], kwargs: dict[str, Any], partial: bool) -> TypeError | None:
    """Why the arguments do not bind to the signature (only those given, when partial); None when they do."""
    try:
        (signature.bind_partial if partial else signature.bind)(*args, **kwargs)
    except TypeError as exc:
        return exc
    return None


class _StepChecker:
    """Walks one run() in statement order, keeping what each name is known to be."""

    def __init__(self, module_name: str, env: dict[str, Kind], api: str = "") -> None:
        self.module_name = module_name  # for relative imports (`from .. import loaders`)
        self.env = dict(env)
        self.api = api  # the API text the step cites: its `-> Class` types the call of it
        self.calls: list[CallCheck] = []
        self.import_errors: list[str] = []
        self.moves: list[tuple[str, str, str]] = []  # (module the step imports from, name, module that has it now)
        self.local: set[str] = set()

    # -- imports ---------------------------------------------------------------------------------
    def do_import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                try:
                    module = importlib.import_module(alias.name)
                except Exception as exc:  # noqa: BLE001
                    self.import_errors.append(f"import {alias.name}: {type(exc).__name__}: {exc}")
                    continue
                name = alias.asname or alias.name.split(".")[0]
                self.env[name] = Kind(obj=module if alias.asname else importlib.import_module(name), has_obj=True)
            return
        base = node.module or ""
        if node.level:
            base = ".".join(self.module_name.split(".")[: -node.level]) + (f".{base}" if base else "")
        for alias in node.names:
            try:
                module = importlib.import_module(base)
                value = getattr(module, alias.name) if hasattr(module, alias.name) else importlib.import_module(f"{base}.{alias.name}")
            except Exception as exc:  # noqa: BLE001
                moved = None if node.level else find_moved(base, alias.name)
                self.import_errors.append(f"from {base} import {alias.name}: {type(exc).__name__}: {exc}")
                if moved:
                    self.moves.append((base, alias.name, moved))
                    self.env[alias.asname or alias.name] = Kind(obj=getattr(importlib.import_module(moved), alias.name), has_obj=True)
                continue
            self.env[alias.asname or alias.name] = Kind(obj=value, has_obj=True)

    # -- expressions -----------------------------------------------------------------------------
    def kind_of(self, node: ast.expr) -> Kind:
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id]
            if hasattr(builtins, node.id):
                return Kind(obj=getattr(builtins, node.id), has_obj=True)
            return UNKNOWN
        if isinstance(node, ast.Attribute):
            owner = self.kind_of(node.value)
            if owner.has_obj:
                if hasattr(owner.obj, node.attr):
                    return Kind(obj=getattr(owner.obj, node.attr), has_obj=True)
                return UNKNOWN
            for cls in owner.classes:
                attr = inspect.getattr_static(cls, node.attr, None)
                if isinstance(attr, property) and attr.fget is not None:
                    return _annotation_kind(attr.fget)
            return UNKNOWN
        if isinstance(node, ast.Call):
            return self.result_of(node)
        return UNKNOWN

    def result_of(self, call: ast.Call) -> Kind:
        callee = self.kind_of(call.func)
        if callee.has_obj:
            value = callee.obj
            key = _factory_key(value)
            if key in FACTORIES:
                return _factory_kind(key)
            if isinstance(value, type):
                return Kind((value,))
            found = _annotation_kind(value)
            if found.known:
                return found
            owner = getattr(value, "__self__", None)
            if isinstance(owner, type) and getattr(value, "__name__", "").startswith("from_"):
                return Kind((owner,), guessed=True)  # a `from_*` classmethod usually makes an instance of its class
            return self._cited(call)
        if isinstance(call.func, ast.Attribute):
            found = self._method_result(call)
            return found if found.known else self._cited(call)
        return UNKNOWN

    def _cited(self, call: ast.Call) -> Kind:
        """The class the step's API text says its call returns (`Tokenizer.from_file(path) -> Tokenizer`, a native
        method whose signature says nothing), when call is that API's call."""
        head = self.api.split("(", 1)[0].strip()
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if not name or head.rsplit(".", 1)[-1] != name:
            return UNKNOWN
        return _declared_return(self.api, self.env)

    def _method_result(self, call: ast.Call) -> Kind:
        """What a method of an object of known classes returns, by its annotation."""
        assert isinstance(call.func, ast.Attribute)
        owner = self.kind_of(call.func.value)
        classes: list[type] = []
        guessed = owner.guessed
        for cls in owner.classes:
            method = inspect.getattr_static(cls, call.func.attr, None)
            if method is not None and not isinstance(method, property):
                kind = _annotation_kind(getattr(cls, call.func.attr), Kind((cls,)))
                classes.extend(c for c in kind.classes if c not in classes)
                guessed = guessed or kind.guessed
        return Kind(tuple(classes), guessed=guessed) if classes else UNKNOWN

    # -- calls -------------------------------------------------------------------------------------
    def check_call(self, call: ast.Call) -> None:
        if isinstance(call.func, ast.Name) and call.func.id in self.local:
            return
        if self._given(call):
            return  # its keywords are checked as the enclosing call's own
        text = ast.unparse(call)[:120]
        line = getattr(call, "lineno", 0)
        if isinstance(call.func, ast.Attribute):
            owner = self.kind_of(call.func.value)
            if owner.has_obj:
                if not hasattr(owner.obj, call.func.attr):
                    close = difflib.get_close_matches(call.func.attr, dir(owner.obj), n=1)
                    hint = f" (closest: {close[0]})" if close else ""
                    self.calls.append(CallCheck(line, text, "no such attribute", f"{_qualified(owner.obj)} has no {call.func.attr}{hint}"))
                    return
                self.bind(call, getattr(owner.obj, call.func.attr), text, line)
                return
            if owner.classes:
                attrs = [inspect.getattr_static(cls, call.func.attr, None) for cls in owner.classes]
                found = next((a for a in attrs if a is not None), None)
                if found is None and owner.guessed:
                    where = " or ".join(c.__name__ for c in owner.classes)
                    self.calls.append(CallCheck(line, text, "not checkable", f"{ast.unparse(call.func.value)[:40]} is probably a {where}, which has no {call.func.attr}"))
                    return
                if found is None and any(_delegates(cls) for cls in owner.classes):
                    where = " or ".join(c.__name__ for c in owner.classes)
                    self.calls.append(CallCheck(line, text, "not checkable", f"{where} finds {call.func.attr} at run time (__getattr__)"))
                    return
                if found is None:
                    names = sorted({n for cls in owner.classes for n in dir(cls)})
                    close = difflib.get_close_matches(call.func.attr, names, n=1)
                    hint = f" (closest: {close[0]})" if close else ""
                    where = " or ".join(c.__name__ for c in owner.classes)
                    self.calls.append(CallCheck(line, text, "no such attribute", f"{where} has no {call.func.attr}{hint}"))
                    return
                if type(found) is property:
                    self.calls.append(CallCheck(line, text, "not callable", f"{call.func.attr} is a property: read it without ()"))
                    return
                # astropy's `Table.write`: a property whose value is a method; networkx's `G.degree`: a cached
                # property whose value (a view) is called
                if isinstance(found, (property, functools.cached_property)):
                    self.calls.append(CallCheck(line, text, "not checkable", f"{call.func.attr} is a {type(found).__name__}: what it gives is known at run time"))
                    return
                cls = next(c for c, a in zip(owner.classes, attrs, strict=True) if a is not None)
                target = getattr(cls, call.func.attr)
                # an accessor (pandas' and geopandas' `df.plot`): the class gives its class, an object one of its
                # instances, and the call calls that instance
                if isinstance(target, type) and not isinstance(found, type):
                    call_of = next((vars(c)["__call__"] for c in target.__mro__ if "__call__" in vars(c)), None)
                    if call_of is not None:
                        self.bind(call, call_of, text, line, drop_self=True, label=f"{target.__name__} instance")
                        return
                # a method: its first parameter is the object (a plain function, or a descriptor such as
                # scikit-learn's available_if that gives one from the class), not a static or class method
                drop_self = not isinstance(found, (staticmethod, classmethod, type)) and (
                    inspect.isfunction(target) or inspect.ismethoddescriptor(target)
                )
                self.bind(call, target, text, line, drop_self=drop_self)
                return
            self.calls.append(CallCheck(line, text, "not checkable", f"the type of {ast.unparse(call.func.value)[:60]} is not known here"))
            return
        callee = self.kind_of(call.func)
        if callee.has_obj:
            self.bind(call, callee.obj, text, line)
        elif callee.classes:
            cls = callee.classes[0]
            self.bind(call, inspect.getattr_static(cls, "__call__", None), text, line, drop_self=True, label=f"{cls.__name__} instance")
        else:
            self.calls.append(CallCheck(line, text, "not checkable", f"{ast.unparse(call.func)[:60]} is not known here"))

    def bind(self, call: ast.Call, target: Any, text: str, line: int, drop_self: bool = False, label: str = "") -> None:
        name = label or _qualified(target)
        if isinstance(target, type) and issubclass(target, enum.Enum):
            if not call.args and not call.keywords:
                members = ", ".join(m.name for m in list(target)[:6])
                self.calls.append(CallCheck(line, text, "not callable", f"{name} is an enum: name a member ({members}) or pass a value", name))
            else:
                self.calls.append(CallCheck(line, text, "verified", "enum looked up by value", name))
            return
        if not callable(target):
            self.calls.append(CallCheck(line, text, "not callable", f"{name} is a {type(target).__name__}, not callable", name))
            return
        signature = _signature(target)
        if signature is None:
            self.calls.append(CallCheck(line, text, "not checkable", f"{name} has no signature to check against", name))
            return
        signature = _without_self(signature, drop_self)
        params = list(signature.parameters.values())
        args = [object() for a in call.args if not isinstance(a, ast.Starred)]
        # `**given(k=v)` passes k only when v is set: k is checked as if always passed
        keywords = [k for k in call.keywords if k.arg is None and self._given(k.value)]
        keywords = [*call.keywords, *(inner for k in keywords for inner in k.value.keywords)]
        kwargs = {k.arg: object() for k in keywords if k.arg}
        starred = any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None and not self._given(k.value) for k in call.keywords
        )
        exc = _bind_error(signature, args, kwargs, starred)
        if exc is not None:
            # a wrapper's own signature (`from_config(config, **kwargs)`), where the function it says it wraps
            # (`__wrapped__`) takes other arguments: the call is checked against both
            own = _signature(target, follow_wrapped=False) if getattr(target, "__wrapped__", None) is not None else None
            if own is not None and _bind_error(_without_self(own, drop_self), args, kwargs, starred) is None:
                self.calls.append(CallCheck(line, text, "verified", "by the wrapper's own signature", name))
                return
            accepted = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            unknown = [k for k in kwargs if k not in accepted and not any(p.kind == p.VAR_KEYWORD for p in params)]
            hints = []
            for keyword in unknown:
                close = difflib.get_close_matches(keyword, accepted, n=1, cutoff=0.4)
                hints.append(f"{keyword}= (closest: {close[0]})" if close else f"{keyword}=")
            detail = f"{name}: {exc}" + (f"; not accepted: {', '.join(hints)}" if hints else "")
            self.calls.append(CallCheck(line, text, "argument not accepted", detail, name))
            return
        self.calls.append(CallCheck(line, text, "verified", "", name))

    def _given(self, node: ast.expr) -> bool:
        """Whether node is a call of the runtime's given() (the step passes optional inputs through it)."""
        return isinstance(node, ast.Call) and self.kind_of(node.func).obj is given

    # -- statements ------------------------------------------------------------------------------
    def walk(self, statements: list[ast.stmt]) -> None:
        for stmt in statements:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                self.do_import(stmt)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.local.add(stmt.name)  # the step's own code: calls to it are not library calls
                self.env[stmt.name] = UNKNOWN
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and not _inside_lambda(stmt, node):
                    self.check_call(node)
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.env[stmt.targets[0].id] = self.kind_of(stmt.value)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With)):
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                        self.env[node.id] = UNKNOWN
            if isinstance(stmt, ast.With):
                self.walk_bodies(stmt.body)

    def walk_bodies(self, statements: list[ast.stmt]) -> None:
        for stmt in statements:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.env[stmt.targets[0].id] = self.kind_of(stmt.value)


def find_moved(module: str, name: str, limit: int = 300) -> str | None:
    """The submodule of `module`'s package (or of its nearest importable parent) that defines `name` now: libraries
    move names between releases (`langchain.agents.AgentMiddleware` went to `langchain.agents.middleware`)."""
    import pkgutil
    import warnings

    parts = module.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            package = importlib.import_module(".".join(parts[:cut]))
        except Exception:  # noqa: BLE001 - a package that does not import is not where the name went
            continue
        paths = getattr(package, "__path__", None)
        if paths is None:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for count, info in enumerate(pkgutil.walk_packages(paths, prefix=package.__name__ + ".", onerror=lambda _: None)):
                if count >= limit:
                    return None
                try:
                    candidate = importlib.import_module(info.name)
                except Exception:  # noqa: BLE001 - optional parts of a library may not import here
                    continue
                value = getattr(candidate, name, None)
                home = getattr(value, "__module__", "") or ""
                if value is not None and home.startswith(package.__name__):
                    return _public_home(home, name) or info.name
        return None
    return None


def _public_home(home: str, name: str) -> str | None:
    """The shortest package on the defining module's path that exports the name (`langchain.agents.middleware`
    rather than `langchain.agents.middleware.types`, or a module that only re-imports it)."""
    parts = home.split(".")
    for cut in range(2, len(parts) + 1):
        path = ".".join(parts[:cut])
        if any(part.startswith("_") for part in parts[1:cut]):
            continue
        try:
            if getattr(importlib.import_module(path), name, None) is not None:
                return path
        except Exception:  # noqa: BLE001
            continue
    return None


def _inside_lambda(root: ast.AST, node: ast.AST) -> bool:
    for lam in ast.walk(root):
        if isinstance(lam, ast.Lambda) and any(n is node for n in ast.walk(lam.body)):
            return True
    return False


def _run_def(step: LoadedStep) -> ast.FunctionDef | None:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(step.module)))
    except (OSError, TypeError, SyntaxError):
        return None
    return next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "run"), None)


def _loader_kinds(package: str) -> dict[str, Kind]:
    """What each loader of the package returns, read from its return statements."""
    try:
        module = importlib.import_module(f"{package}.loaders")
        tree = ast.parse(inspect.getsource(module))
    except (ImportError, OSError, TypeError, SyntaxError):
        return {}
    kinds: dict[str, Kind] = {}
    for func in tree.body:
        if not isinstance(func, ast.FunctionDef):
            continue
        checker = _StepChecker(module.__name__, {})
        for node in func.body:
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                checker.do_import(node)
            elif isinstance(node, ast.Import):
                checker.do_import(node)
        returns = [n.value for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
        for value in returns:
            expr = value.orelse if isinstance(value, ast.IfExp) else value
            found = checker.kind_of(expr)
            if found.known:
                kinds[func.name] = found
                break
    return kinds


def _declared_return(api: str, env: dict[str, Kind]) -> Kind:
    """The class an API text's return annotation names (`create_engine(url) -> Engine`), looked up in the modules
    and names the step imports; a guess (a miss is "not checkable"), since the text may be loose."""
    text = api.rsplit("->", 1)[1].strip() if "->" in api else ""
    if not text.replace(".", "").replace("_", "").isalnum():
        return UNKNOWN  # a union, a generic or prose: not one class
    *path, name = text.split(".")
    places: list[Any] = []
    for kind in env.values():
        if kind.has_obj and kind.obj is not None:  # an imported module or name, its module and its package
            module = getattr(kind.obj, "__module__", None) or ""
            places += [kind.obj, sys.modules.get(module), sys.modules.get(module.split(".")[0])]
    for place in places:
        found = place
        for part in (*path, name):
            found = getattr(found, part, None)
        if isinstance(found, type):
            return Kind(classes=(found,), guessed=True)
    return UNKNOWN


def check(package: str, steps: list[LoadedStep]) -> list[StepCheck]:
    """Check every step in order; artifacts' types flow from the step that makes them to the steps that use them."""
    env: dict[str, Kind] = {}
    loaders = _loader_kinds(package)
    results: list[StepCheck] = []
    for step in steps:
        if step.spec.status == "manual" or step.waiting:
            results.append(StepCheck(step, "manual" if step.spec.status == "manual" else "stub"))
            for name in step.spec.produces:
                env[name] = UNKNOWN
            continue
        func = _run_def(step)
        if func is None:
            results.append(StepCheck(step, "not checkable", [CallCheck(0, "run", "not checkable", "source not readable")]))
            continue
        checker = _StepChecker(step.module.__name__, {n: env.get(n, UNKNOWN) for n in step.spec.consumes}, step.spec.api)
        for stmt in func.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute):
                if isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == "loaders":
                    checker.walk([stmt])
                    target = stmt.targets[0]
                    if isinstance(target, ast.Name) and stmt.value.func.attr in loaders:
                        checker.env[target.id] = loaders[stmt.value.func.attr]
                    continue
            checker.walk([stmt])
        for name in step.spec.produces:
            env[name] = checker.env.get(name, UNKNOWN)
        unknown = [name for name in step.spec.produces if not env[name].known]
        if len(unknown) == 1:  # what the wiki says the API returns (`-> Engine`), found in what the step imports
            env[unknown[0]] = _declared_return(step.spec.api, checker.env)
        if checker.import_errors:
            status = "import fails"
        else:
            states = [c.status for c in checker.calls] or ["verified"]
            status = min(states, key=ORDER.index)
        results.append(StepCheck(step, status, checker.calls, checker.import_errors, checker.moves))
    return results
