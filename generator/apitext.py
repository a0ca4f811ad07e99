"""API text from a wiki (`Foo.bar(a, b: int = 1) -> T`, `def f(x)`, `obj.m()`) read with ast, never eval."""

from __future__ import annotations

import ast
import builtins
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from generator.astwalk import walk
from generator.pysource import parse_dedented

# Possessive quantifiers and a return text read token by token: the tail after `)` cannot backtrack over a
# run of spaces (the plain `\s*(?:->\s*(.+?))?\s*:?\s*$` took minutes on a few kilobytes).
# a class called with nothing, then the method the API is: `CatBoostRegressor().load_model(fname: str = None)`
_CHAINED = re.compile(
    r"^(?P<callee>(?:[A-Za-z_]\w*\.)*[A-Z]\w*)\(\s*\)\.(?P<method>[A-Za-z_]\w*)\s*+\((?P<args>.*)\)\s*+"
    r"(?:->\s*(?P<ret>.+))?$",
    re.S,
)
_CALLEE_ARGS = re.compile(r"^(?P<callee>[A-Za-z_][\w.]*+)\s*+\((?P<args>.*)\)\s*+(?:->\s*(?P<ret>.+))?$", re.S)
_DEF = re.compile(
    r"^(?:async\s+)?def\s+(?P<name>\w+)\s*\((?P<args>.*)\)\s*+"
    r"(?:->(?=.)\s*+(?P<ret>(?:[^\s:]|:(?!\s*+$)|\s++(?!:?\s*+$))++|:|)\s*+:?\s*+|(?::\s*+)?)$",
    re.S,
)
_CLASS = re.compile(r"^class\s++(?P<name>[A-Za-z_]\w*+)\s*+\(\s*+(?P<base>[A-Za-z_][\w.]*+)")
# a one-line loop over the items: `for k in range_n_clusters: <body>`
_LOOPED = re.compile(r"^for\s++[A-Za-z_]\w*+(?:\s*+,\s*+[A-Za-z_]\w*+)*+\s++in\s++[^:\n]++:\s*+(?P<body>[^\n]++)$")
_LOOPS_PEELED = 3
_ASSIGNED = re.compile(r"^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=(?!=)")
_CALL_HEAD = re.compile(r"[A-Za-z_][\w.]*\s*\(")
_IMPORT_LINE = re.compile(r"(?:from\s+[\w.]+\s+)?import\s+[\w.(]")
_SHELL_LINE = re.compile(r"^\s*(?:[!%]|(?:pip|pip3|python|python3|uv|conda|git|cd|export|apt|apt-get)\s)")
_DUNDER_OPS = {
    "__add__": ast.Add,
    "__radd__": ast.Add,
    "__sub__": ast.Sub,
    "__rsub__": ast.Sub,
    "__mul__": ast.Mult,
    "__rmul__": ast.Mult,
    "__truediv__": ast.Div,
    "__pow__": ast.Pow,
    "__matmul__": ast.MatMult,
    "__neg__": ast.USub,
}
_DUNDER_ITEMS = {"__getitem__": ast.Load, "__setitem__": ast.Store, "__delitem__": ast.Del}  # `obj[key]` read,
# written, deleted


class ParamKind(StrEnum):
    """How an API parameter is passed."""

    NORMAL = "normal"  # positional or keyword
    POSITIONAL = "positional"  # positional-only (before `/` in a `def`)
    KEYWORD = "keyword"  # named in a call's text (`f(x=1)`) or keyword-only (after `*` in a `def`)
    VAR = "var"  # *args
    KW = "kw"  # **kwargs


BY_POSITION = (ParamKind.NORMAL, ParamKind.POSITIONAL)  # the kinds a call may pass by position
PASSED = (*BY_POSITION, ParamKind.KEYWORD)  # the kinds that take one argument each


@dataclass(frozen=True)
class ApiParam:
    """A parameter of an API text: name, annotation and default as written, and how it is passed."""

    name: str
    annotation: str = ""
    default: str | None = None  # Python literal source text, checked
    kind: ParamKind = ParamKind.NORMAL
    optional: bool = False  # the signature gives a default (literal or not)
    built: bool = False  # that default is an object the library builds (`loss_fct: nn.Module = nn.MSELoss()`)


@dataclass(frozen=True)
class ApiRef:
    """A parsed API reference: dotted callee, parameters when the text shows them, return text, chained call."""

    callee: tuple[str, ...]
    params: tuple[ApiParam, ...] = ()
    has_params: bool = False
    returns: str = ""
    then: str = ""  # a method called on the result: `X(...).train()` -> "train"
    then_params: tuple[ApiParam, ...] = ()  # its parameters: `smf.ols(...).fit(cov_type: str = "nonrobust")`
    is_def: bool = False
    from_call: bool = False  # written as a call (`math.sqrt(x)`): its plain names are passed positionally
    declares: str = ""  # a class statement (`class Order(BaseModel)`): the class declared on the callee, not called
    read: bool = False  # written as an attribute with the type it gives, no brackets (`Study.best_params -> dict`)
    looped: bool = False  # called in a loop the API text writes out (`for k in ks: silhouette_score(X, ...)`)

    @property
    def last(self) -> str:
        return self.callee[-1] if self.callee else ""

    @property
    def is_dunder(self) -> bool:
        return self.last.startswith("__") and self.last.endswith("__")

    @property
    def class_name(self) -> str:
        """The class for `Cls.__init__` / `Cls.__call__` / `Cls.method`; empty for plain functions."""
        if len(self.callee) >= 2 and self.callee[-2][:1].isupper():
            return self.callee[-2]
        if len(self.callee) == 1 and self.callee[0][:1].isupper():
            return self.callee[0]
        return ""

    @property
    def binop(self) -> type | None:
        return _DUNDER_OPS.get(self.last)

    @property
    def item_context(self) -> type | None:
        """The context of the subscript that calls the API (`Dataset.__setitem__`: `dset[...] = arr`, Store)."""
        return _DUNDER_ITEMS.get(self.last)

    @property
    def is_property(self) -> bool:
        """`Document.core_properties -> CoreProperties`: an attribute of a class's objects, with the type it gives,
        read on one and never called; so is a fitted attribute written on an object (`model.feature_importances_`).
        (`Run.text` alone may as well be a method cited without brackets, or a module's function: `SeqIO.write`.)"""
        fitted = _FITTED.fullmatch(self.last) is not None  # (`model.feature_importances_`: on an object, too)
        return self.read and (bool(self.class_name) or fitted) and len(self.callee) >= 2 and self.last[:1].islower()

    @property
    def takes_self(self) -> bool:
        return bool(self.params) and self.params[0].name in ("self",)


def unbalanced(text: str) -> bool:
    """Whether brackets in text do not pair up (outside string quotes): a sign the text was cut."""
    closing = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    quote = ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            stack.append(ch)
        elif ch in closing:
            if not stack or stack.pop() != closing[ch]:
                return True
    return bool(stack)


def literal_source(node: ast.expr | None) -> str | None:
    """The source of an expression when it is a literal (checked with ast.literal_eval, never run); else None."""
    if node is None:
        return None
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return ast.unparse(node)


def folded_literal(node: ast.expr) -> str | None:
    """A list built from written-out values the way examples write file lists, as the literal it always is:
    `[f"data/part_{i}.txt" for i in [1, 2, 3]]` is `['data/part_1.txt', 'data/part_2.txt', 'data/part_3.txt']`.
    Folded from the tree (f-string parts and the loop's literal values), never run; else None."""
    if not isinstance(node, ast.ListComp) or len(node.generators) != 1:
        return None
    loop = node.generators[0]
    if loop.ifs or loop.is_async or not isinstance(loop.target, ast.Name):
        return None
    if not isinstance(loop.iter, (ast.List, ast.Tuple)) or literal_source(loop.iter) is None:
        return None
    values = ast.literal_eval(loop.iter)
    if len(values) > 100:
        return None
    name = loop.target.id

    def part(value: object, piece: ast.expr) -> str | None:
        if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
            return piece.value
        if isinstance(piece, ast.Name) and piece.id == name:
            return str(value)
        if isinstance(piece, ast.FormattedValue) and piece.conversion == -1 and piece.format_spec is None:
            return part(value, piece.value)
        return None

    folded: list[str] = []
    for value in values:
        pieces = node.elt.values if isinstance(node.elt, ast.JoinedStr) else [node.elt]
        parts = [part(value, piece) for piece in pieces]
        if not isinstance(value, (str, int)) or any(p is None for p in parts):
            return None
        folded.append("".join(p for p in parts if p is not None))
    return repr(folded)


def literal_value(text: str | None) -> object:
    """The value of a literal's source text (`"'data/a.csv'"`, `"4"`, `"[1, 2]"`), read with ast.literal_eval, never
    run; None when there is none, it is no literal, or it is too long to be a setting."""
    if text is None or len(text) > 10_000:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def written_collection(text: str) -> bool:
    """Whether literal source text writes a list, tuple, dict or set (`["a", "b"]`, `{".jpg"}`), not one value."""
    return text.lstrip()[:1] in ("[", "(", "{")


_CONTAINER = re.compile(r"(?:dict|list|set|tuple)$", re.IGNORECASE)


def _built(default: ast.expr | None) -> bool:
    """Whether a default is an object built by a call (`nn.MSELoss()`), not a container a key can hold (`dict()`,
    spaCy's `SimpleFrozenDict()`, `frozenset()`)."""
    if not isinstance(default, ast.Call):
        return False
    func = default.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return bool(name) and _CONTAINER.search(name) is None


def _params_from_args(args: ast.arguments) -> tuple[ApiParam, ...]:
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = [
        ApiParam(
            a.arg,
            ast.unparse(a.annotation) if a.annotation else "",
            literal_source(d),
            optional=d is not None,
            kind=ParamKind.POSITIONAL if n < len(args.posonlyargs) else ParamKind.NORMAL,
            built=_built(d),
        )
        for n, (a, d) in enumerate(zip(positional, defaults, strict=True))
    ]
    if args.vararg:
        params.append(ApiParam(args.vararg.arg, kind=ParamKind.VAR))
    for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append(
            ApiParam(
                a.arg,
                ast.unparse(a.annotation) if a.annotation else "",
                literal_source(d),
                optional=d is not None,
                kind=ParamKind.KEYWORD,
                built=_built(d),
            )
        )
    if args.kwarg:
        params.append(ApiParam(args.kwarg.arg, kind=ParamKind.KW))
    return tuple(params)


@lru_cache(maxsize=4096)  # the same signature is read by every step and workflow citing it; the result is frozen
def _parse_params(text: str) -> tuple[ApiParam, ...] | None:
    text = text.strip().rstrip(",")
    text = re.sub(r",\s*\.\.\.\s*$", "", text).replace("...", "").strip().rstrip(",")
    # `*size, *, out=None` (torch's documentation): the bare star after `*args` says again what it already says
    text = re.sub(r"(\*\w+\s*,\s*)\*\s*,\s*", r"\1", text)
    try:
        tree = ast.parse(f"def _f({text}): pass")
    except SyntaxError:
        return None
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef)
    return _params_from_args(func.args)


def called(func: ast.expr) -> str:
    """The name a call's function goes by: `write_gml` for `nx.write_gml`, `convert` for `open(p).convert`."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def dotted(node: ast.expr) -> tuple[str, ...]:
    """`a.b.c` -> ("a", "b", "c"); empty when the expression is not a dotted name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return tuple(reversed(parts))
    return ()


def sets_a_value(text: str) -> bool:
    """Whether API text only sets an attribute to a value (`index.nprobe = nprobe`, `model.config.use_cache =
    False`, `size = (224, 224)` on an object): a setting beside the API, not a call of one."""
    try:
        tree = ast.parse(text.strip().strip("`").strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # `engine.lambda = 0.5`: no Python
        return False
    stmt = tree.body[0] if len(tree.body) == 1 else None
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute)):
        return False
    return isinstance(stmt.value, (ast.Name, ast.Attribute)) or literal_source(stmt.value) is not None


_DECLARED_ATTRIBUTE = re.compile(
    r"(?:[A-Za-z_]\w*+\.)+(?P<attr>[A-Za-z_]\w*+)\s*+:\s*+[A-Za-z_][\w.\[\], |]*?\s*+(?:\((?:[^()]*+)\))?\s*+", re.S
)


def declared_attribute(text: str) -> str:
    """The attribute an API text declares with its type (`faiss.IndexIVF.nprobe: int (attribute, default 1)`): a
    setting of the object the step's call is made on, beside that call; "" for any other text."""
    found = _DECLARED_ATTRIBUTE.fullmatch(text.strip().strip("`").strip())
    return found.group("attr") if found is not None else ""


def set_attribute(text: str) -> str:
    """The attribute an API text sets when the text is one assignment to an attribute of an object
    (`cell.number_format = "#,##0.00"`, `ws.column_dimensions[letter].width = width`): the step is that setting,
    done where its example does it; "" for any other text."""
    try:
        tree = ast.parse(text.strip().strip("`").strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ""
    stmt = tree.body[0] if len(tree.body) == 1 else None
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target: ast.expr = stmt.targets[0]
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) and stmt.value is not None:
        target = stmt.target
    else:
        return ""
    if not isinstance(target, ast.Attribute):
        return ""
    # `ws.column_dimensions[letter].width`: an attribute of an item of an object's attribute
    owner = target.value.value if isinstance(target.value, ast.Subscript) else target.value
    return target.attr if dotted(owner) else ""


def parse_api(text: str) -> ApiRef | None:
    """Parse API text; None when it is prose rather than code."""
    text = text.strip().strip("`").strip()
    assigned = _ASSIGNED.match(text)
    if assigned:  # `model = Loader.from_pretrained(name: str, ...)`: the call is the API
        text = text[assigned.end() :].strip()
    if text.startswith("with ") and ":" in text:  # `with model.disable_adapter(): ...`: the context manager
        text = text[5:].split(":", 1)[0].split(" as ", 1)[0].strip()
    looped = _LOOPED.match(text)
    if looped:  # `for k in range_n_clusters: silhouette_score(X, ...)`: the call the loop makes for each item
        for _ in range(_LOOPS_PEELED):  # (loops in loops, a few; a cell of thousands is no API)
            text = looped.group("body").strip()
            looped = _LOOPED.match(text)
            if not looped:
                found = parse_api(text)
                return replace(found, looped=True) if found is not None else None
        return None
    if not text:
        return None
    m = _CLASS.match(text)
    if m:  # `class Base(DeclarativeBase): pass`: the class the step subclasses
        return ApiRef(tuple(m.group("base").split(".")), declares=m.group("name"))
    m = _DEF.match(text)
    if m:
        params = _parse_params(m.group("args"))
        return ApiRef((m.group("name"),), params or (), params is not None, (m.group("ret") or "").strip(), is_def=True)
    m = _MARKED_PROPERTY.fullmatch(text)
    if m:  # `Shapes.area (property)`: a property so marked, not a call passing `property`
        return ApiRef(tuple(m.group("callee").split(".")), returns=(m.group("ret") or "").strip(), read=True)
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        node = None
    while isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
        node = node.value  # `pipe(batch_size=4).images`: the call, whose result's attribute the step reads
    if isinstance(node, ast.Call):
        then = ""
        chained: ast.Call | None = None
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            then, chained = node.func.attr, node
            node = node.func.value
        callee = dotted(node.func)
        if callee:
            params = _written_params(node)
            signature_like = bool(params) and params[0].name in (
                "self",
                "cls",
            )  # `__call__(self, text)` lists, not calls
            then_params = _written_params(chained) if chained is not None else ()
            return ApiRef(callee, params, True, then=then, from_call=not signature_like, then_params=then_params)
    if isinstance(node, (ast.Name, ast.Attribute)):
        callee = dotted(node)
        if callee:
            return ApiRef(callee, read=_FITTED.fullmatch(callee[-1]) is not None)
    m = _CHAINED.match(text)
    if m:  # `CatBoostRegressor().load_model(fname: str = None) -> ...`: the method, on an object made just for it
        params = _parse_params(m.group("args"))
        callee = (*m.group("callee").split("."), m.group("method"))
        return ApiRef(callee, params or (), params is not None, (m.group("ret") or "").strip())
    found = _chained_signature(text)
    if found is not None:
        return found
    m = _CALLEE_ARGS.match(text)
    if m:
        params = _parse_params(m.group("args"))
        callee = tuple(m.group("callee").split("."))
        return ApiRef(callee, params or (), params is not None, (m.group("ret") or "").strip())
    m = _PROPERTY.fullmatch(text)
    if m:  # `Document.core_properties -> CoreProperties`: a property, with what it gives
        return ApiRef(tuple(m.group("callee").split(".")), returns=m.group("ret").strip(), read=True)
    return None


# `feature_importances_`, `coef_`: scikit-learn's fitted attributes, read on a fitted object, never called
_FITTED = re.compile(r"[a-z]\w*[a-z0-9]_")
_MARKED_PROPERTY = re.compile(
    r"(?P<callee>[A-Za-z_]\w*+(?:\.[A-Za-z_]\w*+)+)\s*+\((?:read-only\s+)?(?:property|attribute)\)"
    r"(?:\s*+->\s*+(?P<ret>\S.*))?",
    re.S | re.I,
)
_PROPERTY = re.compile(r"(?P<callee>[A-Za-z_]\w*+(?:\.[A-Za-z_]\w*+)+)\s*+->\s*+(?P<ret>\S.*)", re.S)


def _written_params(call: ast.Call) -> tuple[ApiParam, ...]:
    """The parameters a call written out names: its plain names by position, then its keywords."""
    return tuple(ApiParam(a.id) for a in call.args if isinstance(a, ast.Name)) + tuple(
        ApiParam(k.arg, kind=ParamKind.KEYWORD) for k in call.keywords if k.arg
    )


_CALL_START = re.compile(r"[A-Za-z_][\w.]*+\s*+(?=\()")
_THEN_START = re.compile(r"\s*+\.\s*+([A-Za-z_]\w*+)\s*+(?=\()")
_RETURN_TEXT = re.compile(r"\s*+(?:->\s*+(?P<ret>.+))?$", re.S)


def _bracketed_after(pattern: re.Pattern[str], text: str, at: int) -> tuple[re.Match[str], str] | None:
    """pattern matched at `at`, and the text inside the brackets that open right after the match."""
    found = pattern.match(text, at)
    inside = balanced(text, found.end()) if found is not None else None
    return (found, inside) if found is not None and inside is not None else None


def _chained_signature(text: str) -> ApiRef | None:
    """`smf.ols(formula: str, data, subset=None).fit(method: str = "pinv", cov_type: str = "nonrobust") -> R`: a
    call written as a signature with a method called on its result, both with their parameters; None for any
    other text."""
    call = _bracketed_after(_CALL_START, text, 0)
    chained = _bracketed_after(_THEN_START, text, call[0].end() + len(call[1]) + 2) if call is not None else None
    if call is None or chained is None:
        return None
    (head, first), (then, second) = call, chained
    rest = _RETURN_TEXT.match(text, then.end() + len(second) + 2)
    params, then_params = _parse_params(first), _parse_params(second)
    if rest is None or params is None or then_params is None:
        return None
    callee = tuple(head.group(0).strip().split("."))
    return ApiRef(callee, params, True, (rest.group("ret") or "").strip(), then=then.group(1), then_params=then_params)


_HEADER = re.compile(r"^\s*(class|def|async\s+def)\s+(\w+)\s*(\()?", re.M)


def balanced(text: str, start: int) -> str | None:
    """The text inside the parenthesis that opens at text[start]."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return None


def _annotated_call(signature: str) -> str:
    """API text from a signature written as a call with annotated parameters
    (`model = AutoModel.from_pretrained(name: str, dtype: torch.dtype = None, ...)`); the import lines a block
    may open with (`from trl import SFTTrainer`) are passed over."""
    offset = 0
    for line in signature.split("\n"):
        text = line.strip()
        if text and not text.startswith(("#", "@")) and not _IMPORT_LINE.match(text):
            position = offset + len(line) - len(line.lstrip())
            assigned = _ASSIGNED.match(text)
            if assigned:
                position += assigned.end() + len(text[assigned.end() :]) - len(text[assigned.end() :].lstrip())
            head = _CALL_HEAD.match(signature, position)
            args = balanced(signature, head.end() - 1) if head else None
            params = _parse_params(args) if args is not None else None
            if head is None or params is None:
                return ""
            shown = [p.name for p in params if p.kind in PASSED and p.name not in ("self", "cls")]
            return f"{head.group(0)[:-1].strip()}({', '.join(shown)})"
        offset += len(line) + 1
    return ""


def api_from_signature(signature: str, implementation_name: str = "") -> str:
    """API text (`Cls(a, b)`, `Cls.method(self, x)`, `func(x)`) from an implementation page's Signature block.

    A `def` the implementation is named after wins (`FastLanguageModel_from_pretrained` picks
    `from_pretrained`, owned by the class around it); else a class's constructor; else the first `def`.
    """
    headers = list(_HEADER.finditer(signature))
    if not headers:
        return _annotated_call(signature)
    classes = [h for h in headers if h.group(1) == "class"]
    defs = [h for h in headers if h.group(1) != "class" and h.group(3) and h.group(2) != "__init__"]
    named = [h for h in defs if implementation_name == h.group(2) or implementation_name.endswith("_" + h.group(2))]
    if classes and not named:
        first = classes[0]
        init = next((h for h in headers if h.group(2) == "__init__" and h.group(3) and h.start() > first.start()), None)
        args = balanced(signature, init.end() - 1) if init else ""
        params = _parse_params(args or "") if args is not None else None
        shown = [p.name for p in (params or ()) if p.name != "self" and p.kind in PASSED]
        return f"{first.group(2)}({', '.join(shown)})"
    chosen = named[0] if named else (defs[0] if defs else None)
    if chosen is None:
        return ""
    name = chosen.group(2)
    args = balanced(signature, chosen.end() - 1)
    if args is None:
        return ""
    after = signature[chosen.end() + len(args) : chosen.end() + len(args) + 200].split(":", 1)[0]
    returns = after.split("->", 1)[1].strip() if "->" in after else ""
    params = _parse_params(args)
    shown = [p.name for p in (params or ()) if p.kind in PASSED]
    owner = next((c.group(2) for c in reversed(classes) if c.start() < chosen.start()), "")
    if not owner and implementation_name.endswith("_" + name):
        prefix = implementation_name[: -len(name) - 1].rsplit("_", 1)[-1]
        if prefix[:1].isupper() and prefix.isidentifier():
            owner = prefix
    callee = f"{owner}.{name}" if owner else name
    if owner and shown and shown[0] == "cls":
        shown = shown[1:]
    arrow = f" -> {returns}" if returns and "\n" not in returns else ""
    return f"{callee}({', '.join(shown)}){arrow}"


def signature_params(signature: str, *names: str) -> tuple[ApiParam, ...] | None:
    """The parameters of the first `def NAME(...)` in a signature block for the first of names it defines (a
    class block with `__init__` and `fit`, asked for fit then __init__: fit's), or of a signature written as an
    annotated call (`Dataset.map(function: Callable = None, ...)`)."""
    headers = [h for h in _HEADER.finditer(signature) if h.group(1) != "class" and h.group(3)]
    for name in names:
        for header in headers:
            if header.group(2) == name:
                args = balanced(signature, header.end() - 1)
                return _parse_params(args) if args is not None else None
    if not _HEADER.search(signature):
        for head in _CALL_HEAD.finditer(signature):
            if head.group(0)[:-1].strip().rsplit(".", 1)[-1] in names:
                args = balanced(signature, head.end() - 1)
                return _parse_params(args) if args is not None else None
    return None


def declared_classes(signature: str) -> list[str]:
    """The classes a signature block declares (`class WordPiece(Model):`)."""
    return [h.group(2) for h in _HEADER.finditer(signature) if h.group(1) == "class"]


def signature_returns(signature: str, name: str) -> str:
    """The return annotation of the first `def NAME(...)` in a signature block ("" when none)."""
    for header in _HEADER.finditer(signature):
        if header.group(1) != "class" and header.group(3) and header.group(2) == name:
            args = balanced(signature, header.end() - 1)
            if args is None:
                return ""
            after = signature[header.end() + len(args) : header.end() + len(args) + 200].split(":", 1)[0]
            return after.split("->", 1)[1].strip() if "->" in after else ""
    return ""


def api_from_examples(import_lines: tuple[str, ...], examples: tuple[str, ...]) -> str:
    """The first call in the examples to a name the Import section binds (`Cls.method`, `func`)."""
    bound: set[str] = set()
    for line in import_lines:
        try:
            tree = ast.parse(line)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                bound.update(a.asname or a.name for a in node.names)
    for code in examples:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for sub in walk(tree):
            if isinstance(sub, ast.Call):
                callee = dotted(sub.func)
                if callee and callee[0] in bound:
                    return ".".join(callee) + "(" + ", ".join(k.arg for k in sub.keywords if k.arg) + ")"
    return ""


BUILTINS = frozenset(dir(builtins))  # names every module reads without importing them


def api_from_code(import_lines: tuple[str, ...], codes: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The call a step's own code is about, and the other calls its statements make: (`SFTTrainer(model, args)`,
    (`FastVisionModel.for_training()`,)). A call counts when it is outside the functions and classes the code
    defines and calls a name an import binds, or a method of an object the code reads and never makes (one an
    earlier step hands on); never a builtin or a function the code defines. The step's call is the first; ("", ())
    when there is none (code that only defines functions)."""
    trees = [tree for tree in (_parsed_code(code) for code in codes) if tree is not None]
    imported = {name for line in import_lines for tree in [_parsed_code(line)] if tree for name in _imported(tree.body)}
    given: set[str] = set()  # names the code reads before it makes them: what earlier steps hand on
    for tree in trees:
        made: set[str] = set()
        for stmt in tree.body:
            stores = [
                (node.id if isinstance(node, ast.Name) else node.name, _position(node))
                for node in walk(stmt)
                if (isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load))
                or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            ]
            assigns = isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign))  # its value is read first
            imported.update(_imported(walk(stmt)))
            for sub in walk(stmt):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id not in made:
                    if assigns or not any(name == sub.id and at < _position(sub) for name, at in stores):
                        given.add(sub.id)
            made.update(name for name, _ in stores)
    calls: dict[str, None] = {}
    for tree in trees:
        reached = _outside_definitions(tree)
        statement_level = {
            id(call)
            for n in reached
            if isinstance(n, (ast.Expr, ast.Assign, ast.AnnAssign))
            for call in _heads(n.value)
        }
        for found in reached:
            if not isinstance(found, ast.Call) or id(found) not in statement_level:
                continue
            callee = dotted(found.func)
            if (
                callee
                and callee[0] not in BUILTINS
                and (callee[0] in imported or (len(callee) > 1 and callee[0] in given))
            ):
                text = ".".join(callee) + "(" + ", ".join(k.arg for k in found.keywords if k.arg) + ")"
                calls[text] = None
    if not calls:
        return "", ()
    api, *others = calls
    return api, tuple(others)


def _imported(nodes: Iterable[ast.AST]) -> set[str]:
    """The names the import statements among nodes bind (`import a.b` binds a)."""
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in nodes
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }


def _position(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _heads(value: ast.expr | None) -> list[ast.Call]:
    """The calls a statement's value is made of: `load_dataset(...)["train"]` and `Model.load(...).eval()` give
    their calls, an argument's call (`f(g(x))`) is not one."""
    found: list[ast.Call] = []
    while value is not None:
        if isinstance(value, ast.Await):
            value = value.value
        elif isinstance(value, ast.Call):
            found.append(value)
            value = value.func
        elif isinstance(value, (ast.Subscript, ast.Attribute)):
            value = value.value
        else:
            break
    return found


def _outside_definitions(tree: ast.Module) -> list[ast.AST]:
    """The nodes of a module breadth first, without what the bodies of its functions, lambdas and classes hold."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        found.extend(todo)
        todo = [
            child
            for node in todo
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
            for child in ast.iter_child_nodes(node)
        ]
    return found


def code_names(codes: tuple[str, ...]) -> set[str]:
    """Every name and attribute code blocks use (`FastLanguageModel`, `from_pretrained`); comments do not count."""
    found: set[str] = set()
    for tree in (_parsed_code(code) for code in codes):
        for node in walk(tree) if tree is not None else ():
            if isinstance(node, ast.Name):
                found.add(node.id)
            elif isinstance(node, ast.Attribute):
                found.add(node.attr)
            elif isinstance(node, ast.alias):
                found.update((node.asname or node.name).split("."))
    return found


def code_imports(codes: list[str]) -> tuple[str, ...]:
    """The import statements of code blocks (one line each, in order, once each), at any depth."""
    found: dict[str, None] = {}
    for tree in (_parsed_code(code) for code in codes):
        for node in walk(tree) if tree is not None else ():
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found[ast.unparse(node)] = None
    return tuple(found)


def _parsed_code(code: str) -> ast.Module | None:
    """A code block as a module; a block with shell lines (`pip install x`) is read without them."""
    try:
        return parse_dedented(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    kept = "\n".join(line for line in textwrap.dedent(code).split("\n") if not _SHELL_LINE.match(line))
    try:
        return ast.parse(kept)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def formula(text: str) -> bool:
    """Whether an API text is a formula, not a call's signature: a call whose arguments compute something
    (`np.mean(np.argmax(logits, axis=1) == labels)`), not names, literals or annotated parameters."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    call = tree.body
    if not isinstance(call, ast.Call):
        return False
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(isinstance(n, (ast.Call, ast.Compare, ast.BinOp, ast.Subscript)) for v in values for n in walk(v))


def user_function(signature: str, examples: tuple[str, ...]) -> str:
    """The `def` line of a Signature block whose function the page's own examples define and call (`def
    compare_accuracy(logits_fp32, logits_int8, labels) -> dict[str, float]`): the user's code the page documents.
    Empty otherwise."""
    header = _HEADER.search(signature)
    if header is None or header.group(1) == "class" or not header.group(3):
        return ""
    args = balanced(signature, header.end() - 1)
    if args is None:
        return ""
    name = header.group(2)
    for tree in (_parsed_code(code) for code in examples):
        nodes = list(walk(tree)) if tree is not None else []
        defines = any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name for n in nodes)
        calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for n in nodes)
        if defines and calls:
            after = signature[header.end() + len(args) + 1 :].split("\n", 1)[0].rstrip().removesuffix(":")
            return f"{' '.join(header.group(1).split())} {name}({args}){after}"
    return ""
