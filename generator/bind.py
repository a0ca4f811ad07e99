"""Binding steps to code: each step's kind, the body of its run(), its config keys and artifacts.

A workflow is bound step by step, in order, so each step sees the artifacts earlier steps produce.
Bodies come from the wiki's usage examples (the statements that use the cited API, cut out with their
free names wired to artifacts and config) or, failing that, from the API text itself. Wiki code is read
with `ast` and written back with `ast.unparse`; genrepo never runs it.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass, field, replace

from generator.apitext import ApiParam, ApiRef, dotted, literal_source, parse_api
from generator.deps import Mapping
from generator.model import Diagnostic, Param, Step, Workflow
from generator.naming import identifier
from generator.parse.params import default_in_text as _default_in_text
from generator.slicing import (
    Slice,
    anchor_call,
    contains_api,
    cut,
    instances,
    names,
    parse_example,
    prune_import,
    restrict,
    unpack_arity,
    with_setup,
)

KINDS = ("call", "method", "import", "pattern", "tool", "manual")
_CLI_HINT = re.compile(r"^(\$\s*)?[a-z][\w.]*(-[\w]+)+(\s|$)|^\$\s|^(ollama|llama[\w-]*|git|gh|npm|npx|docker|make|bash|sh|curl)\s", re.IGNORECASE)
_REPEAT = re.compile(r"repeat(?:s|ing)?\s+steps?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)", re.IGNORECASE)
_KNOWN_MODULES = {
    "np": "import numpy as np",
    "pd": "import pandas as pd",
    "torch": "import torch",
    "os": "import os",
    "re": "import re",
    "json": "import json",
    "math": "import math",
    "random": "import random",
    "time": "import time",
    "sys": "import sys",
    "Path": "from pathlib import Path",
}
_MODEL_TYPES = ("MLP", "Module", "Net", "Network", "PeftModel")


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
    needs_implementation: bool = False
    import_line: str = ""
    import_origin: str = ""  # page | example | derived | symbols | none
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    params: tuple[ConfigParam, ...] = ()
    notes: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()  # modules the body imports (the generated tests stand recorders in for them)
    target: str = ""  # the name the API call goes through (for the generated recorder tests)
    unpack: int = 2
    source: str = ""  # example | api | pattern | passthrough | stub | manual | tool | import


@dataclass
class _Artifacts:
    """What earlier steps produced: name -> type name (may be empty)."""

    types: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.types

    def by_type(self, class_name: str) -> str | None:
        for name, type_name in reversed(list(self.types.items())):
            if type_name == class_name:
                return name
        if class_name in _MODEL_TYPES or class_name.endswith("Model") or "Model" in class_name:
            if "model" in self.types:
                return "model"
        snake = _snake(class_name)
        return snake if snake in self.types else None

    def alias(self, param: str) -> str | None:
        """An earlier artifact standing for a parameter name that no artifact has exactly."""
        if param in self.types:
            return param
        candidates = list(reversed(list(self.types)))
        for name in candidates:
            if len(name) > 3 and len(param) > 3 and (param.endswith("_" + name) or name.endswith("_" + param)):
                return name
        groups = (
            ("args", "training_args", "config"),
            ("processing_class", "tokenizer", "processor"),
            ("peft_config", "lora_config"),
        )
        for group in groups:
            if param in group:
                for name in candidates:
                    if name in group or (group[0] in ("args", "peft_config") and name.endswith(("_config", "_arguments", "_args"))):
                        return name
        return None


def classify(step: Step) -> str:
    """The step's kind from its API Call text and implementation type."""
    api = step.api_call.strip().strip("`")
    impl_type = step.impl_type.lower()
    lowered = api.lower()
    if not api or lowered.startswith(("n/a", "none", "manual", "(user code)", "user code", "user-defined")):
        return "pattern" if "pattern" in impl_type else "manual"
    if "external tool" in impl_type or _CLI_HINT.match(api):
        return "tool"
    if lowered.startswith(("import ", "from ")):
        return "import"
    if lowered.startswith(("def ", "async def ")) or "pattern" in impl_type or "user-defined" in lowered:
        return "pattern"
    ref = parse_api(api)
    if ref is None:
        return "manual" if " " in api.strip() and "(" not in api else "call"
    if len(ref.callee) > 1 and ref.callee[0][:1].islower() and ref.callee[0] not in ("torch", "np", "numpy", "os", "json", "re"):
        return "method"
    if ref.last == "__init__":
        return "call"
    if ref.takes_self or ref.last == "__call__":
        return "method"
    return "call"


def _snake(name: str) -> str:
    """CamelCase to snake_case, keeping acronyms whole: GRPOConfig -> grpo_config."""
    return identifier(re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])", "_", name))


def type_artifact_name(type_name: str) -> str | None:
    """The artifact name a value of this type usually has (PeftModel -> model, SFTConfig -> sft_config)."""
    base = re.sub(r"[^\w].*$", "", type_name.strip().split(".")[-1])
    if not base or base in ("None", "str", "int", "float", "bool", "dict", "list", "tuple", "Any", "Value"):
        return None
    for key, name in (("Tokenizer", "tokenizer"), ("Processor", "processor"), ("Collator", "data_collator"), ("TrainOutput", "train_output"), ("Trainer", "trainer")):
        if key in base:
            return name
    if base in ("Dataset", "DatasetDict", "IterableDataset"):
        return "dataset"
    if base.endswith(("Config", "Arguments")):
        return _snake(base)
    if base in _MODEL_TYPES or "Model" in base or "CausalLM" in base:
        return "model"
    return _snake(base)


def _split_types(text: str) -> list[str]:
    """`Tuple[A, B]` -> [A, B]; `A` -> [A]."""
    m = re.match(r"^\s*(?:Tuple|tuple)\[(.*)\]\s*$", text)
    if m:
        parts, depth, current = [], 0, ""
        for ch in m.group(1):
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
            if ch == "," and depth == 0:
                parts.append(current.strip())
                current = ""
            else:
                current += ch
        parts.append(current.strip())
        return [p for p in parts if p]
    return [text.strip()] if text.strip() else []


def output_names(step: Step, api: ApiRef | None) -> list[str]:
    """Names a step's results go by: identifiers in its Outputs, else names for its return types."""
    spans = re.findall(r"`([^`]+)`", step.outputs) if step.outputs else []
    plain_names = [s for s in spans if re.fullmatch(r"[a-z_][a-z0-9_]*", s) and s not in ("self", "none", "true", "false")]
    if plain_names:
        return list(dict.fromkeys(plain_names))
    types: list[str] = []
    for span in spans:
        types.extend(_split_types(span))
    if not types and api is not None and api.returns and api.returns != "None":
        types = _split_types(api.returns)
    if not types and step.implementation and step.implementation.outputs:
        named = [identifier(r.name) for r in step.implementation.outputs if r.name and re.fullmatch(r"[a-z_]\w*", r.name)]
        if named:
            return list(dict.fromkeys(named))
    result = [n for n in (type_artifact_name(t) for t in types) if n]
    return list(dict.fromkeys(result))


def _key_params(step: Step) -> dict[str, Param]:
    found: dict[str, Param] = {}
    for param in step.key_parameters:
        found.setdefault(identifier(param.name, "param"), param)
    return found


def _config_param(name: str, key: Param | None, default: str | None, annotation: str = "", description: str = "") -> ConfigParam:
    value = key.default if key and key.default is not None else default
    type_ = (key.type if key and key.type else "") or annotation
    if not type_ and value is not None:
        try:
            type_ = type(ast.literal_eval(value)).__name__
        except (ValueError, SyntaxError):
            type_ = ""
    return ConfigParam(name=name, type=type_, default=value, required=value is None, description=(key.description if key else "") or description)


def _import_for(name: str, step: Step, workflow: Workflow, mapping: Mapping) -> tuple[str, str]:
    """(import line, origin) binding `name`: the page's Import, another page's, a dotted dependency, the
    symbols table, or the source location; ("", "none") when nothing places it."""
    others = [line for other in workflow.steps if other.implementation and other is not step for line in other.implementation.imports]
    for origin, lines in (
        ("page", step.implementation.imports if step.implementation else ()),
        ("example", _example_imports(step)),
        ("page", others),
    ):
        for line in lines:
            try:
                tree = ast.parse(line)
            except SyntaxError:
                continue
            node = tree.body[0] if tree.body else None
            if isinstance(node, (ast.Import, ast.ImportFrom)) and name in names([node])[1]:
                pruned = prune_import(node, {name})
                if pruned is not None:
                    return ast.unparse(pruned), origin
    for dep in step.external_dependencies:
        parts = dep.strip("` ").split(".")
        if len(parts) >= 2 and parts[-1] == name and all(p.isidentifier() for p in parts):
            return f"from {'.'.join(parts[:-1])} import {name}", "derived"
    if name in mapping.symbols:
        return f"from {mapping.symbols[name]} import {name}", "symbols"
    location = step.source_location.strip("` ")
    m = re.match(r"^([\w/]+)\.py\b", location)
    if m and not location.lower().startswith(("user", "(user")):
        module = m.group(1).strip("/").replace("/", ".")
        if module.startswith("src."):
            module = module[4:]
        if all(part.isidentifier() for part in module.split(".")):
            return f"from {module} import {name}", "derived"
    return "", "none"


def _example_imports(step: Step) -> list[str]:
    lines = []
    for code in [*(step.implementation.examples if step.implementation else ()), *step.code_blocks]:
        tree = parse_example(code)
        if tree is None:
            continue
        lines.extend(ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    return lines


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def _modules_of(import_lines: list[str]) -> tuple[str, ...]:
    modules: list[str] = []
    for line in import_lines:
        try:
            node = ast.parse(line).body[0]
        except (SyntaxError, IndexError):
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
        elif isinstance(node, ast.Import):
            modules.extend(a.name for a in node.names)
    return tuple(dict.fromkeys(modules))


@dataclass
class _Candidate:
    slice: Slice
    order: int
    tree: ast.Module


def _candidates(step: Step, api: ApiRef, later_apis: list[ApiRef]) -> list[_Candidate]:
    codes = [*(step.implementation.examples if step.implementation else ()), *step.code_blocks]
    found: list[_Candidate] = []
    for order, code in enumerate(codes):
        tree = parse_example(code)
        if tree is None:
            continue
        piece = cut(tree, api)
        if piece is None:
            continue
        # keep later steps' work out of this step: drop dependents that use a later step's API
        kept = [piece.statements[0]]
        for stmt in piece.statements[1:]:
            if any(contains_api(stmt, other, {}) for other in later_apis if other.callee != api.callee):
                break
            kept.append(stmt)
        if len(kept) != len(piece.statements):
            piece = restrict(tree, piece, kept)
        found.append(_Candidate(piece, order, tree))
    return found


def _score(candidate: _Candidate, artifacts: _Artifacts, keys: dict[str, Param], demanded: set[str]) -> tuple:
    piece = candidate.slice
    unresolved = [n for n in piece.free if not artifacts.has(n) and n not in keys and n not in piece.literals and n not in _KNOWN_MODULES]
    literal_only = [n for n in piece.free if not artifacts.has(n) and n not in keys and n in piece.literals]
    produced = _produced(piece)
    return (len(unresolved), len(literal_only), -len(set(produced) & demanded), len(piece.statements), candidate.order)


def _produced(piece: Slice) -> list[str]:
    result: list[str] = []
    for stmt in piece.statements:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = list(stmt.targets)
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and node.id not in result:
                    result.append(node.id)
    return result


def _swap_literals_for_config(piece: Slice, api: ApiRef, keys: dict[str, Param]) -> dict[str, str]:
    """Replace literal arguments of the API call with config names; returns {name: literal default}."""
    call = anchor_call(piece, api)
    if call is None:
        return {}
    positional = [p.name for p in api.params if p.name not in ("self", "cls") and p.kind == "normal"]
    swapped: dict[str, str] = {}
    for index, arg in enumerate(list(call.args)):
        if index < len(positional) and literal_source(arg) is not None:
            name = identifier(positional[index], "param")
            swapped[name] = literal_source(arg) or ""
            call.args[index] = ast.Name(id=name, ctx=ast.Load())
    for keyword in call.keywords:
        if keyword.arg and keyword.arg.isidentifier() and literal_source(keyword.value) is not None:
            if keyword.arg in keys or len(swapped) < 12:
                swapped[keyword.arg] = literal_source(keyword.value) or ""
                keyword.value = ast.Name(id=keyword.arg, ctx=ast.Load())
    return swapped


def _literal_value(text: str | None):
    """The value of a literal given as source text (checked and parsed by ast, never run); None otherwise."""
    if text is None:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _target_name(api: ApiRef) -> str:
    if api.last == "__init__" or api.last == "__call__":
        return api.class_name
    return api.last


class WorkflowBinder:
    """Binds the steps of one workflow in order."""

    def __init__(self, workflow: Workflow, mapping: Mapping) -> None:
        self.workflow = workflow
        self.mapping = mapping
        self.artifacts = _Artifacts()
        self.apis = [parse_api(s.api_call) if classify(s) in ("call", "method") else None for s in workflow.steps]
        self.warnings: list[Diagnostic] = []

    def bind_all(self) -> list[Binding]:
        bindings = []
        for index, step in enumerate(self.workflow.steps):
            binding = self._bind(index, step)
            for name in binding.produces:
                self.artifacts.types.setdefault(name, "")
            bindings.append(binding)
        return bindings

    # -- kinds -------------------------------------------------------------------------------------

    def _bind(self, index: int, step: Step) -> Binding:
        kind = classify(step)
        api = self.apis[index]
        if kind in ("call", "method") and api is not None:
            binding = self._from_examples(index, step, api, kind) or self._from_api(step, api, kind)
            if binding is not None:
                return binding
        if kind == "import":
            return self._import(step)
        if kind == "tool":
            return self._tool(step)
        if kind == "pattern":
            return self._pattern(step)
        if kind in ("call", "method"):
            return self._stub(step, kind, "the API text could not be bound to an import and call")
        return self._manual(step)

    def _demanded(self, index: int) -> set[str]:
        wanted: set[str] = set()
        for later, step in zip(self.apis[index + 1 :], self.workflow.steps[index + 1 :], strict=True):
            if later is None:
                continue
            for candidate in _candidates(step, later, []):
                wanted.update(candidate.slice.free)
            wanted.update(p.name for p in later.params)
        return wanted

    def _from_examples(self, index: int, step: Step, api: ApiRef, kind: str) -> Binding | None:
        later = [a for a in self.apis[index + 1 :] if a is not None]
        candidates = _candidates(step, api, later)
        if not candidates:
            return None
        keys = _key_params(step)
        demanded = self._demanded(index)
        resolvable = set(self.artifacts.types) | set(keys) | set(_KNOWN_MODULES)
        for candidate in candidates:
            candidate.slice = with_setup(candidate.tree, candidate.slice, resolvable)
        best = min(candidates, key=lambda c: _score(c, self.artifacts, keys, demanded))
        piece = best.slice
        swapped = _swap_literals_for_config(piece, api, keys)
        free, _ = names(piece.definitions + piece.statements)
        imports = [ast.unparse(i) for i in piece.imports]
        callees = {c[0] for node in piece.statements for c in [dotted(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)] if c}
        origins: list[str] = []
        missing: list[str] = []
        consumes: list[str] = []
        params: list[ConfigParam] = []
        preamble: list[str] = []
        for name in free:
            if name in (n for n in _names_bound_by(imports)):
                continue
            if self.artifacts.has(name):
                consumes.append(name)
                preamble.append(f"{name} = artifacts[{name!r}]")
            elif name in keys or name in piece.literals or name in swapped:
                params.append(_config_param(name, keys.get(name), swapped.get(name) or piece.literals.get(name)))
                preamble.append(f"{name} = config[{name!r}]")
            elif name in _KNOWN_MODULES:
                imports.append(_KNOWN_MODULES[name])
            else:
                alias = self.artifacts.alias(name)
                line = ""
                if not alias and (name[:1].isupper() or name in callees):
                    line, origin = _import_for(name, step, self.workflow, self.mapping)
                if alias:
                    consumes.append(alias)
                    preamble.append(f"{name} = artifacts[{alias!r}]")
                elif line:
                    imports.append(line)
                    origins.append(origin)
                elif name in callees or name[:1].isupper():
                    missing.append(name)
                else:
                    params.append(_config_param(name, None, None))
                    preamble.append(f"{name} = config[{name!r}]")
                    self._unresolved(step, name)
        if missing:
            return self._stub(step, kind, f"the example uses {', '.join(missing)}, which the wiki does not say how to import")
        import_origin = origins[0] if origins else ("example" if imports else "none")
        target = "" if api.last == "__call__" else _target_name(api)
        if target and not any(target in line for line in imports):
            line, origin = _import_for(target, step, self.workflow, self.mapping) if target[:1].isupper() or api.is_def else ("", "none")
            if line and target not in free and target in {n for s in piece.statements for n in names([s])[0]}:
                imports.insert(0, line)
                import_origin = origin
        page_imports = set(step.implementation.imports if step.implementation else ())
        if imports and any(i in page_imports for i in imports):
            import_origin = "page"
        produced = [n for n in _produced(piece) if n.isidentifier()]
        body = [*imports, *(ast.unparse(d) for d in piece.definitions)]
        if body:
            body.append("")
        code = [ast.unparse(s) for s in piece.statements]
        result = "{" + ", ".join(f"{n!r}: {n}" for n in produced) + "}"
        if any(isinstance(n, (ast.Await, ast.AsyncFor, ast.AsyncWith)) for s in piece.statements for n in ast.walk(s)):
            # the example is asynchronous: run it in an event loop of its own
            body = ["import asyncio", *body] if body else ["import asyncio", ""]
            body += preamble
            body += ["", "async def _step():"]
            body += ["    " + line for chunk in code for line in chunk.split("\n")]
            body += ["    return " + result, "", "return asyncio.run(_step())"]
        else:
            body += preamble
            body += code
            body.append("return " + result)
        for name, type_name in instances(*piece.statements).items():
            self.artifacts.types[name] = type_name
        resolved = bool(imports) or self._receiver_is_artifact(piece, consumes)
        return Binding(
            kind=kind,
            bound=resolved,
            body=_join(body),
            import_line="; ".join(imports),
            import_origin=import_origin if imports else ("upstream" if resolved else "none"),
            consumes=tuple(dict.fromkeys(consumes)),
            produces=tuple(produced),
            params=tuple(params),
            imports=_modules_of(imports),
            target=target,
            unpack=unpack_arity(piece.statements),
            source="example",
        )

    @staticmethod
    def _receiver_is_artifact(piece: Slice, consumes: list[str]) -> bool:
        """A method, call or operator on an earlier step's object needs no import of its own."""
        if not consumes:
            return False
        for node in ast.walk(piece.anchor):
            if isinstance(node, ast.Call):
                base = dotted(node.func)
                if base and base[0] in consumes:
                    return True
            if isinstance(node, (ast.BinOp, ast.UnaryOp)):
                return True
        return False

    def _from_api(self, step: Step, api: ApiRef, kind: str) -> Binding | None:
        keys = _key_params(step)
        impl_params = self._signature_params(step, api)
        lines: list[str] = []
        consumes: list[str] = []
        params: list[ConfigParam] = []
        imports: list[str] = []
        receiver = ""
        if api.last == "__call__" or (api.class_name and api.takes_self and api.last != "__init__"):
            receiver = self.artifacts.by_type(api.class_name) or ""
            if not receiver:
                return None
            call_target = receiver if api.last == "__call__" else f"{receiver}.{api.last}"
        elif len(api.callee) > 1 and api.callee[0][:1].islower():
            receiver = api.callee[0] if self.artifacts.has(api.callee[0]) else (self.artifacts.alias(api.callee[0]) or "")
            if not receiver:
                return None
            call_target = ".".join((receiver, *api.callee[1:]))
        else:
            root = api.class_name if api.last == "__init__" else api.callee[0]
            line, origin = _import_for(root, step, self.workflow, self.mapping)
            if not line:
                return None
            imports.append(line)
            call_target = api.class_name if api.last == "__init__" else ".".join(api.callee)
        if receiver:
            consumes.append(receiver)
            lines.append(f"{receiver} = artifacts[{receiver!r}]")
        arguments: list[str] = []
        for param in impl_params:
            name = identifier(param.name, "param")
            if param.kind != "normal" or name in ("self", "cls") or name == receiver:
                continue
            source = name if self.artifacts.has(name) else self.artifacts.alias(name)
            if source:
                consumes.append(source)
                arguments.append(f"{param.name}=artifacts[{source!r}]")
            else:
                params.append(_config_param(name, keys.get(name), param.default, param.annotation))
                arguments.append(f"{param.name}=config[{name!r}]")
        for name, key in keys.items():
            if name not in {identifier(p.name, "param") for p in impl_params} and name not in ("self", "cls", receiver) and not self.artifacts.has(name):
                params.append(_config_param(name, key, None))
                arguments.append(f"{name}=config[{name!r}]")
        outputs = output_names(step, api)
        call = f"{call_target}({', '.join(arguments)})"
        produced: list[str] = []
        if api.then:
            holder = type_artifact_name(api.class_name or api.last) or _snake(api.last)
            lines.append(f"{holder} = {call}")
            result = next((o for o in outputs if o != holder), f"{api.then}_output")
            lines.append(f"{result} = {holder}.{api.then}()")
            produced = [holder, result]
        elif len(outputs) > 1:
            lines.append(f"{', '.join(outputs)} = {call}")
            produced = outputs
        elif outputs:
            lines.append(f"{outputs[0]} = {call}")
            produced = outputs
        elif api.returns == "None" or receiver:
            lines.append(call)
        else:
            name = type_artifact_name(api.class_name) if api.last == "__init__" and api.class_name else None
            name = name or f"{identifier(api.last.strip('_'), 'call')}_result"
            lines.append(f"{name} = {call}")
            produced = [name]
        if api.last == "__init__" and produced:
            self.artifacts.types[produced[0]] = api.class_name
        body = [*imports, *([""] if imports else []), *lines, "return {" + ", ".join(f"{n!r}: {n}" for n in produced) + "}"]
        origin = _import_for(imports and (api.class_name if api.last == "__init__" else api.callee[0]) or "", step, self.workflow, self.mapping)[1] if imports else "none"
        return Binding(
            kind=kind,
            bound=True,
            body=_join(body),
            import_line="; ".join(imports),
            import_origin=origin,
            consumes=tuple(dict.fromkeys(consumes)),
            produces=tuple(produced),
            params=tuple(params),
            imports=_modules_of(imports),
            target=_target_name(api) if not receiver or api.last != "__call__" else receiver,
            unpack=len(produced) if len(produced) > 1 else 2,
            source="api",
        )

    def _signature_params(self, step: Step, api: ApiRef) -> tuple[ApiParam, ...]:
        """Parameters from the implementation page's signature when it parses, else from the API text."""
        impl = step.implementation
        if impl and impl.signature:
            for line_text in (impl.signature,):
                text = re.sub(r"^\s*@\w+.*$", "", line_text, flags=re.M).strip()
                m = re.search(r"def\s+(\w+)\s*\((.*)\)\s*(->[^:]*)?:?", text, re.S)
                if m and m.group(1) in (api.last, "__init__"):
                    ref = parse_api(f"def {m.group(1)}({m.group(2)})")
                    if ref is not None and ref.has_params:
                        required = [p for p in ref.params if p.default is None and p.kind == "normal" and p.name not in ("self", "cls")]
                        declared = {p.name for p in api.params}
                        return tuple(p for p in ref.params if p in required or p.name in declared)
        return api.params

    def _import(self, step: Step) -> Binding:
        text = step.api_call.strip().strip("`")
        statement = text.split("(")[0].strip()
        try:
            tree = ast.parse(statement)
            node = tree.body[0]
            assert isinstance(node, (ast.Import, ast.ImportFrom))
        except (SyntaxError, IndexError, AssertionError):
            return self._stub(step, "import", f"the import {text!r} does not parse")
        line = ast.unparse(node)
        body = [f"{line}  # noqa: F401 (imported for its side effects)", "", "return {}"]
        return Binding(
            kind="import", bound=True, body=_join(body), import_line=line, import_origin="page",
            imports=_modules_of([line]), target="", source="import",
        )

    def _tool(self, step: Step) -> Binding:
        text = step.api_call.strip().strip("`").lstrip("$ ").strip()
        try:
            command = shlex.split(text)
        except ValueError:
            command = []
        if not command or not re.fullmatch(r"[\w.+-]+", command[0]):
            return self._stub(step, "tool", "the command line could not be read")
        keys = _key_params(step)
        params: list[ConfigParam] = []
        for name, key in keys.items():
            value = _literal_value(key.default)
            if name != "command" and isinstance(value, str) and value in command:
                command = [f"{{{name}}}" if part == value else part for part in command]
                params.append(_config_param(name, key, None))
        params.insert(0, ConfigParam("command", "list[str]", repr(command), False, "the command to run; {key} takes a value from this section"))
        body = [
            "import shutil",
            "import subprocess",
            "",
            "values = {key: str(value) for key, value in config.items() if key != 'command'}",
            'command = [str(part) for part in config["command"]]',
            "for key, value in values.items():",
            '    command = [part.replace("{" + key + "}", value) for part in command]',
            "if shutil.which(command[0]) is None:",
            '    raise RuntimeError(f"{command[0]} is not installed or not on PATH; see the README\'s prerequisites")',
            "completed = subprocess.run(command, check=True, capture_output=True, text=True)",
            f"return {{{('tool_output')!r}: completed.stdout}}",
        ]
        return Binding(
            kind="tool", bound=True, body=_join(body), import_origin="none", produces=("tool_output",),
            params=tuple(params), target=command[0], source="tool", notes=("runs an external command",),
        )

    def _pattern(self, step: Step) -> Binding:
        api = parse_api(step.api_call) if step.api_call.strip().strip("`").startswith(("def ", "async def ")) else None
        keys = _key_params(step)
        outputs = output_names(step, api)
        if api is not None:
            definition = self._pattern_definition(step, api)
            if definition is not None:
                return self._pattern_call(step, api, definition, keys, outputs)
        if outputs and keys and set(outputs) <= set(keys):
            params = [_config_param(n, keys[n], None) for n in outputs]
            body = ["return {" + ", ".join(f"{n!r}: config[{n!r}]" for n in outputs) + "}"]
            return Binding(kind="pattern", bound=True, body=_join(body), produces=tuple(outputs), params=tuple(params), source="passthrough")
        contract = f"def {api.last}({', '.join(p.name for p in api.params)})" if api else step.api_call
        return self._stub(step, "pattern", f"implement the documented contract: {contract}")

    def _pattern_definition(self, step: Step, api: ApiRef) -> ast.FunctionDef | None:
        wanted = [p.name for p in api.params if p.kind == "normal"]
        for code in [*(step.implementation.examples if step.implementation else ()), *step.code_blocks]:
            tree = parse_example(code)
            if tree is None:
                continue
            defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
            for node in defs:
                params = [a.arg for a in node.args.args]
                if node.name == api.last or params[: len(wanted)] == wanted:
                    free, _ = names([node])
                    if all(f in _KNOWN_MODULES for f in free):
                        return node
        return None

    def _pattern_call(self, step: Step, api: ApiRef, definition: ast.FunctionDef, keys: dict[str, Param], outputs: list[str]) -> Binding:
        name = definition.name
        free, _ = names([definition])
        imports = [_KNOWN_MODULES[f] for f in free if f in _KNOWN_MODULES]
        consumes: list[str] = []
        params: list[ConfigParam] = []
        arguments: list[str] = []
        callable_now = True
        positional = definition.args.args
        defaults = [None] * (len(positional) - len(definition.args.defaults)) + list(definition.args.defaults)
        for arg, default in zip(positional, defaults, strict=True):
            source = arg.arg if self.artifacts.has(arg.arg) else self.artifacts.alias(arg.arg)
            if source:
                consumes.append(source)
                arguments.append(f"{arg.arg}=artifacts[{source!r}]")
            elif arg.arg in keys or default is not None:
                literal = literal_source(default)
                params.append(_config_param(arg.arg, keys.get(arg.arg), literal))
                arguments.append(f"{arg.arg}=config[{arg.arg!r}]")
            else:
                callable_now = False
        body = [*imports, *([""] if imports else []), ast.unparse(definition), ""]
        is_callback = definition.args.kwarg is not None or any(
            re.search(r"func|_fn\b|fns\b|callback|hook|handler", o) for o in outputs
        )
        if callable_now and not is_callback:
            result = outputs or [f"{name}_result"]
            target = ", ".join(result) if len(result) > 1 else result[0]
            body.append(f"{target} = {name}({', '.join(arguments)})")
            produced = result
        else:
            consumes, params = [], []
            produced = outputs[:1] or [name]
            value = f"[{name}]" if produced[0].endswith(("s", "funcs", "functions")) else name
            body.append(f"{produced[0]} = {value}")
        body.append("return {" + ", ".join(f"{n!r}: {n}" for n in produced) + "}")
        return Binding(
            kind="pattern", bound=True, body=_join(body), consumes=tuple(dict.fromkeys(consumes)), produces=tuple(produced),
            params=tuple(params), imports=_modules_of(imports), target=name, source="pattern",
        )

    def _manual(self, step: Step) -> Binding:
        keys = _key_params(step)
        params = [_config_param(n, p, None) for n, p in keys.items()]
        body = [
            "import logging",
            "",
            f"logging.getLogger(__name__).info({('manual step: ' + step.title)!r})",
            "return dict(config)",
        ]
        return Binding(
            kind="manual", bound=False, body=_join(body), produces=tuple(keys), params=tuple(params), source="manual",
            notes=("a manual or decision step: run() logs it and passes its config values on as artifacts",),
        )

    def _stub(self, step: Step, kind: str, reason: str) -> Binding:
        keys = _key_params(step)
        message = f"Step {step.number} ({step.title}) needs implementation: {reason}"
        if step.inputs:
            message += f". Inputs: {step.inputs}"
        if step.outputs:
            message += f". Outputs: {step.outputs}"
        return Binding(
            kind=kind, bound=False, needs_implementation=True, body=f"raise NotImplementedError({message!r})",
            params=tuple(_config_param(n, p, None) for n, p in keys.items()), source="stub", notes=(reason,),
        )

    def _unresolved(self, step: Step, name: str) -> None:
        self.warnings.append(
            Diagnostic(f"step {step.number} ({step.title}): input '{name}' is produced by no earlier step; it became a required config key", step.ref)
        )


def _names_bound_by(import_lines: list[str]) -> set[str]:
    bound: set[str] = set()
    for line in import_lines:
        try:
            bound |= names(ast.parse(line).body)[1]
        except SyntaxError:
            continue
    return bound


_COUNT = re.compile(r"epoch|iteration|round|^steps$|^num_|_steps$")


def repeat_of(workflow: Workflow, bindings: list[Binding]) -> dict | None:
    """A loop the wiki describes ("repeat steps 3-6") and the config key holding its count."""
    for index, (step, binding) in enumerate(zip(workflow.steps, bindings, strict=True), start=1):
        m = _REPEAT.search(" ".join((step.api_call, step.description, step.title)))
        if not m:
            continue
        first, last = int(m.group(1)), int(m.group(2))
        counts = [p.name for p in binding.params if _COUNT.search(p.name)]
        if counts and 1 <= first <= last < index:
            return {"step": index, "first": first, "last": last, "key": counts[0]}
    return None


def _with_loop_count(workflow: Workflow, bindings: list[Binding]) -> list[Binding]:
    """Give the step that says "repeat steps N-M" its count key (epochs, iterations) from its key parameters."""
    result = list(bindings)
    for index, step in enumerate(workflow.steps):
        if not _REPEAT.search(" ".join((step.api_call, step.description, step.title))):
            continue
        binding = result[index]
        if any(_COUNT.search(p.name) for p in binding.params):
            continue
        keys = _key_params(step)
        counts = [n for n in keys if _COUNT.search(n)]
        if counts:
            extra = _config_param(counts[0], keys[counts[0]], None)
            result[index] = replace(binding, params=binding.params + (extra,))
    return result


def _with_contract(step: Step, binding: Binding) -> Binding:
    """Fill config keys' missing types, descriptions and defaults from the implementation page's I/O contract."""
    if step.implementation is None or not step.implementation.inputs:
        return binding
    rows = {identifier(r.name.strip("`* "), "param"): r for r in step.implementation.inputs if r.name}
    params = []
    for param in binding.params:
        row = rows.get(param.name)
        if row is None:
            params.append(param)
            continue
        default = param.default
        if default is None:
            default = _default_in_text(row.description)
        params.append(
            replace(
                param,
                type=param.type or row.type.strip("`"),
                description=param.description or row.description,
                default=default,
                required=default is None,
            )
        )
    return replace(binding, params=tuple(params))


def bind_workflow(workflow: Workflow, mapping: Mapping) -> tuple[list[Binding], list[Diagnostic]]:
    """Bindings for every step of a workflow, and the warnings binding raised."""
    binder = WorkflowBinder(workflow, mapping)
    bindings = [_with_contract(step, b) for step, b in zip(workflow.steps, binder.bind_all(), strict=True)]
    return _with_loop_count(workflow, bindings), binder.warnings
