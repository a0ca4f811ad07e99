"""Cutting the statements that use an API out of a wiki's usage example, with their free and bound names.

Everything here reads code with `ast`; nothing is compiled to bytecode or run.
"""

from __future__ import annotations

import ast
import re
import weakref
from collections.abc import Callable, Collection, Container, Iterator
from dataclasses import dataclass, field
from typing import TypeGuard

from generator.apitext import BUILTINS, ApiRef, called, dotted, folded_literal, literal_source
from generator.astwalk import Visitor, clone, shared, walk
from generator.pysource import parse_dedented

ImportNode = ast.Import | ast.ImportFrom


def parse_example(code: str) -> ast.Module | None:
    """An example as a module, or None when it is not valid Python (after dedent)."""
    try:
        return parse_dedented(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def leaves_code_out(statements: list[ast.stmt]) -> bool:
    """Whether statements hold a `...` statement or a call given `...` (`train_one_epoch(...)`), at any depth: code
    the page leaves for the reader to write. (`x[..., 0]` is NumPy's own Ellipsis, and not a call's argument.)"""
    return any(
        (isinstance(node, ast.Expr) and _is_ellipsis(node.value))
        or (isinstance(node, ast.Call) and any(_is_ellipsis(arg) for arg in node.args))
        for stmt in statements
        for node in walk(stmt)
    )


def _is_ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def does_work(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a def has a body beyond a docstring, `...`, `pass` or `raise NotImplementedError`; not when `...`
    stands for the code the page leaves out (`...` then `return lr_scheduler, num_epochs`)."""
    if any(isinstance(s, ast.Expr) and _is_ellipsis(s.value) for s in function.body):
        return False
    for stmt in function.body:
        if isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        if isinstance(stmt, ast.Raise) and "NotImplementedError" in ast.unparse(stmt):
            continue
        return True
    return False


AT_CALLS = ("query", "eval")  # pandas: `@name` in the expression string is the caller's local variable
_AT_NAME = re.compile(r"@([A-Za-z_]\w*)")


class _Names(Visitor):
    """Free names (read before any binding, scope-aware for comprehensions and lambdas) and bound names."""

    def __init__(self) -> None:
        self.free: list[str] = []
        self.bound: set[str] = set()
        self.in_class = False  # visiting a class body: its defs are methods
        self._scopes: list[set[str]] = []

    def _is_bound(self, name: str) -> bool:
        return name in self.bound or any(name in scope for scope in self._scopes)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            if not self._is_bound(node.id) and node.id not in self.free:
                self.free.append(node.id)
        elif self._scopes:
            self._scopes[-1].add(node.id)
        else:
            self.bound.add(node.id)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name) and not self._is_bound(node.target.id) and node.target.id not in self.free:
            self.free.append(node.target.id)
        self.visit(node.value)
        self.visit(node.target)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, elements: list[ast.expr]
    ) -> None:
        first = node.generators[0]
        self.visit(first.iter)
        self._scopes.append(set())
        for index, gen in enumerate(node.generators):
            if index:
                self.visit(gen.iter)
            self.visit(gen.target)
            for cond in gen.ifs:
                self.visit(cond)
        for element in elements:
            self.visit(element)
        self._scopes.pop()

    def visit_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_ListComp
    visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._defaults(node.args)
        self._scopes.append({a.arg for a in walk(node.args) if isinstance(a, ast.arg)})
        self.visit(node.body)
        self._scopes.pop()

    def _defaults(self, args: ast.arguments) -> None:
        """A function's default values are read where it is defined (`def clean(text, markers=MISSING)` reads
        MISSING there)."""
        for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
            self.visit(default)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._defaults(node.args)
        inner = _Names()
        # (and its own name: a body calling the function again reads it when it runs, after the def bound it; not
        # a method's, which its body cannot see: `predict(x)` in `def predict(self, x)` is another function)
        own = set() if self.in_class else {node.name}
        inner.bound = {a.arg for a in walk(node.args) if isinstance(a, ast.arg)} | own
        for stmt in node.body:
            inner.visit(stmt)
        for name in inner.free:
            if not self._is_bound(name) and name not in self.free:
                self.free.append(name)
        self.bound.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]:
            self.visit(expr)
        inner, direct = _Names(), _Names()
        inner.in_class = True
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign):  # a class body's annotations run when the class is made (fields)
                inner.visit(stmt.annotation)
            inner.visit(stmt)
            if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                direct.visit(stmt)
        for name in inner.free:
            # (not its own name, which its methods read when they run: `super(Net, self).__init__()`; the class
            # body itself reading it runs before the name is bound)
            own = name == node.name and name not in direct.free
            if not own and not self._is_bound(name) and name not in self.free:
                self.free.append(name)
        self.bound.add(node.name)

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if called(node.func) not in AT_CALLS:
            return
        for arg in [*node.args, *(k.value for k in node.keywords)]:  # `df.query("x >= @low")` reads low
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "@" in arg.value:
                for local in _AT_NAME.findall(arg.value[:10_000]):
                    if not self._is_bound(local) and local not in self.free:
                        self.free.append(local)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:  # `except ValidationError as exc:` binds exc
            if self._scopes:
                self._scopes[-1].add(node.name)
            else:
                self.bound.add(node.name)
        for stmt in node.body:
            self.visit(stmt)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.bound.add((alias.asname or alias.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.bound.add(alias.asname or alias.name)


def names(statements: list[ast.stmt]) -> tuple[list[str], set[str]]:
    """(free names in order of first use, names bound at top level) of a statement list."""
    if len(statements) == 1 and shared(statements[0]):  # a statement of a shared parse: read once
        found = _NAMED.get(statements[0])
        if found is None:
            found = _NAMED[statements[0]] = _names(statements)
        return list(found[0]), set(found[1])
    return _names(statements)


def _names(statements: list[ast.stmt]) -> tuple[list[str], set[str]]:
    visitor = _Names()
    for stmt in statements:
        visitor.visit(stmt)
    return [n for n in visitor.free if n not in BUILTINS], visitor.bound


_NAMED: weakref.WeakKeyDictionary[ast.stmt, tuple[list[str], set[str]]] = weakref.WeakKeyDictionary()


_TEST_PACKAGE = frozenset({"test", "tests", "testing", "_testing", "test_utils"})
_DEMO_DATA = frozenset({"data", "datasets"})  # a library's bundled data sets: `pywt.data`, `sklearn.datasets`


def from_tests(imports: list[ImportNode]) -> set[str]:
    """The names imports bind from a library's test package (`from gensim.test.utils import datapath,
    get_tmpfile`): data and paths the library keeps for its own tests, a demo's, never the user's."""
    return _imported_from(imports, _TEST_PACKAGE, below_top=False)


def from_demo_data(imports: list[ImportNode]) -> set[str]:
    """The names imports bind from a library's bundled data sets (`from sklearn.datasets import load_iris`; not the
    `datasets` library itself, a top-level package)."""
    return _imported_from(imports, _DEMO_DATA, below_top=True)


def is_demo_data(callee: tuple[str, ...]) -> bool:
    """Whether a dotted callee reads a library's bundled data set (`pywt.data.ecg`)."""
    return len(callee) > 2 and bool(_DEMO_DATA & set(callee[1:-1]))


def _imported_from(imports: list[ImportNode], packages: frozenset[str], below_top: bool) -> set[str]:
    """The names imports bind from modules with a part among packages (below_top: not the top-level package)."""
    found: set[str] = set()
    for node in imports:
        if isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".")
            if packages & set(parts[1:] if below_top else parts):
                found |= {alias.asname or alias.name for alias in node.names}
        else:
            for alias in node.names:
                parts = alias.name.split(".")
                if packages & set(parts[1:] if below_top else parts):
                    found.add((alias.asname or alias.name).split(".")[0])
    return found


def bound_anywhere(statements: list[ast.stmt]) -> set[str]:
    """Every name the statements bind in any scope: the top level's, and a function's parameters and locals, a
    lambda's, a comprehension's variables. A value written in as a name some scope binds reads that scope's value
    there, not the one meant (`< 2` made `< y_score` inside `def mean_ndcg(y_true, y_score)`)."""
    found: set[str] = set()
    for node in (n for stmt in statements for n in walk(stmt)):
        if isinstance(node, ast.arg):
            found.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
    return found


def instances(*roots: ast.AST) -> dict[str, str]:
    """Variables assigned from a class call anywhere under the roots: {var: ClassName}."""
    if len(roots) == 1 and shared(roots[0]):  # a shared parse: read once (every step slices the same examples)
        found = _MADE.get(roots[0])
        if found is None:
            found = _MADE[roots[0]] = _instances(roots)
        return dict(found)
    return _instances(roots)


_MADE: weakref.WeakKeyDictionary[ast.AST, dict[str, str]] = weakref.WeakKeyDictionary()


def _instances(roots: tuple[ast.AST, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in (n for root in roots for n in walk(root)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            callee = dotted(node.value.func)
            if callee and callee[-1][:1].isupper():
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = callee[-1]
    return found


def contains_api(node: ast.AST, api: ApiRef, made: dict[str, str]) -> bool:
    """Whether node uses the API: a call to it, a method of that name, an instance call, or its operator."""
    op = api.binop
    item = api.item_context
    prop = api.last if api.is_property else ""  # `document.core_properties`: read on an object, never called
    for sub in walk(node):
        if op is not None and isinstance(sub, ast.BinOp) and isinstance(sub.op, op):
            return True
        if op is not None and isinstance(sub, ast.UnaryOp) and isinstance(sub.op, op):
            return True
        if prop and isinstance(sub, ast.Attribute) and sub.attr == prop:
            return True
        if item is not None and isinstance(sub, ast.Subscript) and isinstance(sub.ctx, item):
            return True
        if not isinstance(sub, ast.Call):
            continue
        callee = dotted(sub.func)
        if not callee and isinstance(sub.func, ast.Attribute):  # a method of what a call returns: open(p).convert()
            callee = ("", sub.func.attr)
        if not callee:
            continue
        if api.last == "__call__":
            if len(callee) == 1 and made.get(callee[0]) == api.class_name:
                return True
            continue
        if api.last == "__init__":
            if callee[-1] == api.class_name:
                return True
            continue
        if api.is_dunder:
            continue
        if callee[-1] == api.last and (len(api.callee) == 1 or len(callee) > 1 or not api.class_name):
            return True
        if len(api.callee) >= 2 and callee[-1] == api.last:
            return True
    return False


def _blocks(body: list[ast.stmt]) -> Iterator[list[ast.stmt]]:
    """Statement lists, shallowest first: the module body, then bodies of loops, withs, ifs, tries."""
    queue = [body]
    while queue:
        block = queue.pop(0)
        yield block
        for stmt in block:
            for attr in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, attr, None)
                if inner and isinstance(
                    stmt, (ast.For, ast.While, ast.With, ast.If, ast.Try, ast.AsyncFor, ast.AsyncWith)
                ):
                    queue.append(inner)
            for handler in getattr(stmt, "handlers", []) or []:
                queue.append(handler.body)


def is_print(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and isinstance(stmt.value.func, ast.Name)
        and stmt.value.func.id in ("print", "display", "pprint")
    )


def _printed(stmt: ast.stmt, api: ApiRef, made: dict[str, str]) -> ast.Expr | None:
    """`print(api(...))`, `print("G-mean:", api(...))`, `print(f"G-mean: {api(...):.3f}")`: the API call alone, as
    a statement of its own (its result is then kept under the step's output name), when the print shows that one
    call; else None (a print is never an anchor)."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not isinstance(call, ast.Call) or call.keywords:
        return None
    shown: list[ast.expr] = list(call.args)
    if len(shown) == 2 and isinstance(shown[0], ast.Constant) and isinstance(shown[0].value, str):
        shown = shown[1:]  # a label, then the value
    elif len(shown) == 1 and isinstance(shown[0], ast.JoinedStr):
        shown = [v.value for v in shown[0].values if isinstance(v, ast.FormattedValue)]
    if len(shown) != 1 or not isinstance(shown[0], ast.Call):
        return None
    inner = ast.copy_location(ast.Expr(value=shown[0]), stmt)
    inner.end_lineno, inner.end_col_offset = stmt.end_lineno, stmt.end_col_offset
    return inner if contains_api(inner, api, made) else None


@dataclass
class Slice:
    """Statements cut from an example, and what the example says about their names."""

    statements: list[ast.stmt]
    anchor: ast.stmt
    free: list[str]
    bound: set[str]
    imports: list[ImportNode] = field(default_factory=list)
    literals: dict[str, str] = field(default_factory=dict)  # free name -> literal source assigned earlier
    definitions: list[ast.stmt] = field(default_factory=list)  # functions the slice calls, defined earlier


def _exact(node: ast.AST, api: ApiRef) -> bool:
    """Whether node calls `Class.method` as the API writes it (not another class's method of that name)."""
    return any(isinstance(sub, ast.Call) and dotted(sub.func)[-len(api.callee) :] == api.callee for sub in walk(node))


def cut(
    tree: ast.Module,
    api: ApiRef,
    foreign: Callable[[ast.stmt], bool] = lambda stmt: False,
    known: dict[str, str] | None = None,
    swept: frozenset[str] = frozenset(),
    quoted: frozenset[str] = frozenset(),
) -> Slice | None:
    """The anchor statement using the API, plus later statements of its block that read what it binds.
    A statement calling `Class.method` exactly is preferred to one calling another object's method of that name.
    foreign: whether a statement does another step's work (a loop doing some is never kept whole); known: objects
    the example uses without making them, by class (`wrapped_tokenizer(texts)` calls an earlier step's tokenizer);
    swept: the lists of values the step documents as swept (a Key Parameter's `[1, 2, 4, 8, 16]`), as repr();
    quoted: the code the step's Key Parameters quote, which picks an item API's selection among the page's."""
    if _by_class(api):
        found = _cut(tree, api, lambda stmt: _exact(stmt, api), foreign, known or {}, swept)
        if found is not None:
            return found
    if api.item_context is not None and quoted:
        found = _cut(tree, api, lambda stmt: _selects(stmt, api, quoted), foreign, known or {}, swept)
        if found is not None:
            return found
    return _cut(tree, api, lambda stmt: True, foreign, known or {}, swept)


def _selects(stmt: ast.stmt, api: ApiRef, quoted: frozenset[str]) -> bool:
    """Whether stmt uses an item API with a selection the step's text quotes: `dset[0:100:10]` of `dset[0]`,
    `dset[-1]`, `dset[0:100:10]` (the page's ways to slice), where the Key Parameters say "selection (`0:100:10`)"."""
    return any(
        isinstance(node, ast.Subscript)
        and isinstance(node.ctx, api.item_context or ast.Load)
        and ast.unparse(node.slice) in quoted
        for node in walk(stmt)
    )


def _by_class(api: ApiRef) -> bool:
    """Whether the API is `Class.method`, matched exactly where it can be."""
    return len(api.callee) >= 2 and api.callee[0][:1].isupper() and not api.is_dunder


def cut_on_given(
    tree: ast.Module,
    api: ApiRef,
    first: Slice,
    foreign: Callable[[ast.stmt], bool] = lambda stmt: False,
    known: dict[str, str] | None = None,
    swept: frozenset[str] = frozenset(),
) -> Slice | None:
    """cut(), from the first top-level statement using the API on what the example does not make (`geoms = [g if
    is_valid(g) else make_valid(g) for g in geoms]` after a demo on `bowtie = Polygon([...])`): the page's use on
    the reader's own data, a candidate beside the demo. None when cut()'s first use is already on such data."""
    made: set[str] = set()
    given: set[ast.stmt] = set()
    for stmt in tree.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            free, bound = names([stmt])
            if any(n not in made and n not in BUILTINS for n in _worked_on(stmt) & set(free)):
                given.add(stmt)
        else:
            bound = {stmt.name}
        made |= bound
    if _top(tree, first.anchor) in given:
        return None
    exact = _by_class(api)

    def accept(stmt: ast.stmt) -> bool:
        return _top(tree, stmt) in given and (not exact or _exact(stmt, api))

    found = _cut(tree, api, accept, foreign, known or {}, swept)
    return found if found is not None and found.anchor is not first.anchor else None


def cut_on_cited(
    tree: ast.Module,
    api: ApiRef,
    first: Slice,
    cited: frozenset[str],
    uncited: frozenset[str],
    foreign: Callable[[ast.stmt], bool] = lambda stmt: False,
    known: dict[str, str] | None = None,
    swept: frozenset[str] = frozenset(),
) -> Slice | None:
    """cut(), from the first statement using the API on a name the step's Inputs quote (`D, I = index.search(xq, k)`
    after the page's sanity check `index.search(xb[:5], k)`, where they say "query vectors `xq` from Step 1"): a
    candidate beside the first use, when that one works on another earlier result (uncited: the earlier results the
    Inputs do not quote) and leaves a quoted name out; None otherwise (the page's own sample `corpus` may stand for
    the cited `corpus_sentences`)."""
    read = set(names([first.anchor])[0])
    missing = cited - read
    if not missing or not read & uncited:
        return None

    def accept(stmt: ast.stmt) -> bool:
        return bool(set(names([stmt])[0]) & missing)

    found = _cut(tree, api, accept, foreign, known or {}, swept)
    return found if found is not None and found.anchor is not first.anchor else None


def _worked_on(stmt: ast.stmt) -> set[str]:
    """The names a statement works on: passed to a call, called a method of, or gone through by a loop (not
    `torch` of `torch.float16`, a module the example forgot to import)."""
    found: set[str] = set()
    for node in walk(stmt):
        if isinstance(node, ast.Call):
            found |= {a.id for a in [*node.args, *(k.value for k in node.keywords)] if isinstance(a, ast.Name)}
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                found.add(node.func.value.id)
        elif isinstance(node, (ast.comprehension, ast.For)) and isinstance(node.iter, ast.Name):
            found.add(node.iter.id)
    return found


def _top(tree: ast.Module, stmt: ast.stmt) -> ast.stmt | None:
    """The top-level statement of tree holding stmt (by position: a print's call stands for the print)."""
    return next(
        (
            top
            for top in tree.body
            if top.lineno <= stmt.lineno and (top.end_lineno or top.lineno) >= (stmt.end_lineno or stmt.lineno)
        ),
        None,
    )


def _cut(
    tree: ast.Module,
    api: ApiRef,
    accept: Callable[[ast.stmt], bool],
    foreign: Callable[[ast.stmt], bool],
    known: dict[str, str],
    swept: frozenset[str] = frozenset(),
) -> Slice | None:
    made = {**known, **instances(tree)}
    wrappers = _wrappers(tree, api, made, foreign)
    scripted = {id(n) for top in tree.body if _main_guard(top) for n in walk(top)}
    for block in _blocks(tree.body):
        for index, stmt in enumerate(block):
            if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if is_print(stmt):
                printed = _printed(stmt, api, made)
                if printed is None:
                    continue
                stmt = printed
            if isinstance(stmt, ast.Assert) or not accept(stmt):
                continue
            if not contains_api(stmt, api, made) and (id(stmt) in scripted or not _calls(stmt, wrappers)):
                continue
            if (
                isinstance(stmt, (ast.For, ast.With, ast.If, ast.Try))
                and any(contains_api(s, api, made) for s in getattr(stmt, "body", []))
                and not _opens_for(stmt, api, made, foreign, swept)
            ):
                own = _own_part(stmt, api, made, foreign, swept)
                if own is None:
                    continue  # a whole loop holding the anchor: its body, a deeper block, gives a tighter slice
                stmt = own
            # (not a `while`: its body changes what its test reads, `while queue: queue.popleft()`; once is not it)
            # the API called again right after, as the anchor calls it, making another result (`valid_df =
            # pd.read_csv("valid.csv")` after `train_df = pd.read_csv("train.csv")`): the step's work too, and so is
            # what reads it. Not a variant, under the same name or with other arguments (`tokenizer =
            # ...from_pretrained(...)` again, `read_csv("big.csv", chunksize=1000)`): the page shows ways to call
            # it, of which the step takes one.
            again = 0
            made_here = names([stmt])[1] if isinstance(stmt, ast.Assign) else set()
            shape = _call_shape(stmt, api, made)
            for later in block[index + 1 :]:
                if not (made_here and isinstance(later, ast.Assign) and contains_api(later, api, made)):
                    break
                more = names([later])[1]
                # the same call on other data (its options or fewer), not another way to call it
                # (`read_csv("data_eu.csv", sep=";")`, `read_csv("big.csv", chunksize=1000)`)
                if not accept(later) or more & made_here or not _same_call(_call_shape(later, api, made), shape):
                    break
                made_here |= more
                again += 1
            if isinstance(stmt, ast.Expr):
                # the API called again right after on the same object, for its effect
                # (`nx.set_node_attributes(G, False, "on_route")`, then `nx.set_node_attributes(G, {n: True for n in
                # path}, name="on_route")`): the later calls finish the step's work on it
                operand = _operand(stmt, api, made)
                for later in block[index + 1 :]:
                    if not (
                        operand is not None
                        and isinstance(later, ast.Expr)
                        and accept(later)
                        and _operand(later, api, made) == operand
                        and not _to_another_file(stmt, later, api, made)
                    ):
                        break
                    again += 1
            again += _finishing(block[index + 1 + again :], _api_call(stmt, api, made), made)
            # (nor, as saving beside it, the API's call writing its object to another file: a variant)
            rest = [s for s in block[index + 1 + again :] if not _to_another_file(stmt, s, api, made)]
            chosen = _readers([stmt, *block[index + 1 : index + 1 + again]], rest)
            chosen = _with_counts(block, index, _with_makers(block, index, chosen))
            chosen = _with_drawing(tree, block, index, chosen, foreign)
            return _finish(tree, _out_of_settings(tree, block, chosen), stmt)
    return None


def _wrappers(
    tree: ast.Module, api: ApiRef, made: dict[str, str], foreign: Callable[[ast.stmt], bool]
) -> frozenset[str]:
    """The example's own functions that use the API and do no other step's work (`def train(model, loader,
    optimizer, ...)` around `optimizer.step()`): calling one (`history = train(model, ...)`) uses the API as the
    page means it, with the rest of its loop. (Not a coroutine: `asyncio.run(main())` under `if __name__ ==
    "__main__":` runs a script.)"""
    return frozenset(
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and contains_api(node, api, made) and not foreign(node)
    )


def _main_guard(stmt: ast.stmt) -> bool:
    """Whether stmt is `if __name__ == "__main__":`."""
    return isinstance(stmt, ast.If) and ast.unparse(stmt.test).replace("'", '"') == '__name__ == "__main__"'


def _calls(stmt: ast.stmt, functions: frozenset[str]) -> bool:
    """Whether stmt calls one of the functions by name (`train(...)`; not `study.optimize(train)`)."""
    return bool(functions) and any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions
        for node in walk(stmt)
    )


def _with_drawing(
    tree: ast.Module, block: list[ast.stmt], index: int, chosen: list[ast.stmt], foreign: Callable[[ast.stmt], bool]
) -> list[ast.stmt]:
    """A module's function called for its effect on nothing the example names (`plt.savefig("fit.png", dpi=150)`,
    `plt.show()`) works on what the module holds: the figure the statements before it drew. Those statements
    come with it: the ones calling that module (`fig, (ax, axr) = plt.subplots(2, 1)`), those using what they
    made (`ax.plot(xdata, ydata, "b.")`), and the ones before that make what those read (`xfit =
    np.linspace(...)`); never another step's work. Cut alone, the step saved an empty figure."""
    anchor = block[index]
    call = anchor.value if isinstance(anchor, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and not any(isinstance(n, ast.Name) for a in [*call.args, *call.keywords] for n in walk(a))
    ):
        return chosen
    module = call.func.value.id
    if module not in {n for n in names([s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))])[1]}:
        return chosen
    before = [
        s
        for s in block[:index]
        if not isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and not is_print(s)
        and not foreign(s)
    ]
    drawn: set[str] = set()
    drawing: list[ast.stmt] = []
    for stmt in before:
        free, bound = names([stmt])
        if module in free or drawn & set(free):
            drawing.append(stmt)
            drawn |= bound
    if not drawing:
        return chosen
    wanted = set(names(drawing)[0])
    for stmt in reversed(before[: before.index(drawing[-1])]):  # what the drawing reads, made before it
        if stmt not in drawing and names([stmt])[1] & wanted:
            drawing.append(stmt)
            wanted |= set(names([stmt])[0])
    kept = {id(s) for s in [*drawing, *chosen]}
    return [s for s in block if id(s) in kept]


def _own_part(
    stmt: ast.stmt, api: ApiRef, made: dict[str, str], foreign: Callable[[ast.stmt], bool], swept: frozenset[str]
) -> ast.For | None:
    """A loop doing this step's work and another step's on each item it gives, apart (`for page in reader.pages:
    page.rotate(90); writer.add_page(page)`, add_page the next step's API): the loop with this step's statements
    only. Cut out of it, `page.rotate(90)` asked for a `page` and rotated one. Only when the API's call works on
    what the loop gives and the two parts share nothing else: a batch's forward, loss and update split over steps
    (`out = model(xb)`, `loss = loss_fn(out, yb)`; `train_step(model, batch)` then `report(model)`) stay as cut."""
    if not isinstance(stmt, ast.For) or stmt.orelse:
        return None
    ours = [s for s in stmt.body if not foreign(s)]
    theirs = [s for s in stmt.body if foreign(s)]
    if not ours or not theirs or any(foreign(n) for s in ours for n in walk(s) if isinstance(n, ast.stmt)):
        return None
    (read_ours, made_ours), (read_theirs, made_theirs) = names(ours), names(theirs)
    given = {n.id for n in walk(stmt.target) if isinstance(n, ast.Name)}
    if made_ours & set(read_theirs) or made_theirs & set(read_ours) or (set(read_ours) & set(read_theirs)) - given:
        return None  # one part feeds the other, or both work on one object (`train_step(model, batch)`, report(model))
    if not any(given & set(names([s])[0]) for s in ours if not is_print(s) and contains_api(s, api, made)):
        return None
    loop = clone(stmt)
    loop.body = [clone(s) for s in ours]
    return loop if _opens_for(loop, api, made, foreign, swept) else None


def _finishing(later: list[ast.stmt], call: ast.Call | None, made: dict[str, str]) -> int:
    """How many of the statements right after the API's call on an object the example made finish that call on
    it, with no argument (`checkpointer.save(path, state)` then `checkpointer.wait_until_finished()`;
    `writer.close()`, `conn.commit()`): without them the save is never written out. Never a module's function
    (`plt.show()`)."""
    func = call.func if call is not None else None
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in made):
        return 0
    receiver = func.value.id
    count = 0
    for stmt in later:
        value = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (
            isinstance(value, ast.Call)
            and not value.args
            and not value.keywords
            and isinstance(value.func, ast.Attribute)
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id == receiver
        ):
            break
        count += 1
    return count


def worked_on(call: ast.Call, is_object: Callable[[str], bool]) -> str | None:
    """What a call works on, as a name: the object its method is called on (when is_object says it is one, not a
    module: `rgb.thumbnail(...)`), else its first argument (`G` of `nx.set_node_attributes(G, ...)`,
    `im` of `ImageEnhance.Contrast(im)`); None when that is no name."""
    if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) and is_object(call.func.value.id):
        return call.func.value.id
    first = call.args[0] if call.args else None
    return first.id if isinstance(first, ast.Name) else None


def _api_call(stmt: ast.stmt, api: ApiRef, made: dict[str, str]) -> ast.Call | None:
    """The first call of the API in a statement."""
    return next((n for n in walk(stmt) if isinstance(n, ast.Call) and contains_api(n, api, made)), None)


def _operand(stmt: ast.stmt, api: ApiRef, made: dict[str, str]) -> str | None:
    """What a statement's call of the API works on (worked_on), with the example's instances as objects."""
    call = _api_call(stmt, api, made)
    return worked_on(call, made.__contains__) if call is not None else None


def _call_shape(stmt: ast.stmt, api: ApiRef, made: dict[str, str]) -> tuple[int, frozenset[str]] | None:
    """How a statement calls the API: how many arguments by position, which keywords."""
    call = _api_call(stmt, api, made)
    return (len(call.args), frozenset(k.arg or "**" for k in call.keywords)) if call is not None else None


def _same_call(later: tuple[int, frozenset[str]] | None, first: tuple[int, frozenset[str]] | None) -> bool:
    """Whether a later call of the API is the first one's on other data: as many arguments by position, and no
    keyword the first does not pass."""
    return later is not None and first is not None and later[0] == first[0] and later[1] <= first[1]


_SHOWING = frozenset({"head", "tail", "info", "describe", "summary", "show"})


def shows_value(stmt: ast.stmt) -> bool:
    """A statement that only shows a value, as a notebook cell does (`df.index`, `weekly.head()`, `sales.info()`)."""
    value = stmt.value if isinstance(stmt, ast.Expr) else None
    if isinstance(value, (ast.Name, ast.Attribute, ast.Subscript)):
        return True
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _SHOWING
        and isinstance(value.func.value, ast.Name)
    )


def shows_items(stmt: ast.stmt) -> bool:
    """A loop that only prints what it goes through (`for mol in suppl: print(mol.GetProp("_Name"), ...)`, with
    its `if mol is None: continue`): a display of the result, as a print is; kept, it reads the sample data's
    own fields (`GetProp("pchembl_value")`) and fails on the user's."""
    if not isinstance(stmt, ast.For) or stmt.orelse:
        return False
    for inner in stmt.body:
        skips = (
            isinstance(inner, ast.If)
            and not inner.orelse
            and all(isinstance(s, (ast.Continue, ast.Break)) for s in inner.body)
        )
        if not (is_print(inner) or skips or shows_items(inner)):
            return False
    return any(is_print(s) or shows_items(s) for s in stmt.body)


def _readers(chosen: list[ast.stmt], later: list[ast.stmt]) -> list[ast.stmt]:
    """The chosen statements and the later ones that read what they bind, transitively (or save beside them), until
    a statement left out binds the name again."""
    chosen = list(chosen)
    _, bound = names(chosen)
    rebound: set[str] = set()  # names of the chosen a statement left out binds again (`fig = stl_result.plot()`)
    for stmt in later:
        if is_print(stmt) or isinstance(stmt, ast.Assert):
            continue
        free, more = names([stmt])
        if not (rebound & set(free)) and (
            (bound & set(free) and not isinstance(stmt, ast.Return))
            or _saves_beside(stmt, chosen)
            or _saves_figure(stmt, chosen)
        ):
            chosen.append(stmt)
            bound |= more
            rebound -= more
        else:  # what reads those names from here on reads another object (`fig.savefig("stl.png")`)
            rebound |= more & bound
            bound -= more
    return chosen


def is_setting(stmt: ast.stmt) -> TypeGuard[ast.With]:
    """A with that opens nothing (`with torch.no_grad():`, `with np.errstate(divide="ignore"):`): a setting around
    its statements, which are the example's work as much as the statements beside it."""
    return isinstance(stmt, ast.With) and all(item.optional_vars is None for item in stmt.items)


def in_settings(statements: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements, each with that opens nothing among them giving its own statements in its place."""
    for stmt in statements:
        if is_setting(stmt):
            yield from in_settings(stmt.body)
        else:
            yield stmt


def holder_index(statements: list[ast.stmt], anchor: ast.stmt | None) -> int | None:
    """Where the anchor is among the statements: itself, or a with that opens nothing around it."""
    for n, stmt in enumerate(statements):
        if stmt is anchor or (is_setting(stmt) and any(s is anchor for s in in_settings([stmt]))):
            return n
    return None


def swap(statements: list[ast.stmt], old: ast.stmt, new: ast.stmt) -> None:
    """Put new in old's place, among the statements or inside a with that opens nothing among them."""
    for n, stmt in enumerate(statements):
        if stmt is old:
            statements[n] = new
        elif is_setting(stmt):
            swap(stmt.body, old, new)


def _out_of_settings(tree: ast.Module, block: list[ast.stmt], chosen: list[ast.stmt]) -> list[ast.stmt]:
    """Statements chosen in the body of a with that opens nothing, inside a with like it (`with torch.no_grad():
    traced = torch.jit.trace(...)`), and the statements after it that read what they bind (`traced.save(...)`):
    the setting stays around its statements, and what they make is used after it as the example uses it."""
    while True:
        found = next(
            ((b, n, s) for b in _blocks(tree.body) for n, s in enumerate(b) if is_setting(s) and s.body is block), None
        )
        if found is None:
            return chosen
        outer, at, setting = found
        wrapped = ast.copy_location(ast.With(items=setting.items, body=chosen), setting)
        wrapped.end_lineno, wrapped.end_col_offset = setting.end_lineno, setting.end_col_offset
        chosen, block = _readers([wrapped], outer[at + 1 :]), outer


_SAVES = re.compile(r"^(?:save|write|dump|export|push_to_hub)")


def _destinations(stmt: ast.stmt) -> set[str]:
    """The written-out places a statement's saving calls write to: `model.save_pretrained("out")` -> {"out"}."""
    found = set()
    for node in walk(stmt):
        if isinstance(node, ast.Call) and _SAVES.match(called(node.func)) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.strip():
                found.add(first.value)
    return found


def _saves_figure(later: ast.stmt, chosen: list[ast.stmt]) -> bool:
    """`plt.savefig("summary.png")` right after `shap.summary_plot(..., show=False)`: the call drew on the current
    figure and returned nothing, so the figure it drew is written by the statement that follows it."""
    drew = bool(chosen) and isinstance(chosen[-1], ast.Expr) and isinstance(chosen[-1].value, ast.Call)
    return (
        drew
        and isinstance(later, ast.Expr)
        and isinstance(later.value, ast.Call)
        and called(later.value.func) == "savefig"
    )


def _saves_beside(later: ast.stmt, chosen: list[ast.stmt]) -> bool:
    """`tokenizer.save_pretrained("merged")` after the kept `merged_model.save_pretrained("merged")`: it saves to
    the same place, so it is part of the same output (the folder is no model without its tokenizer)."""
    if not isinstance(later, ast.Expr):
        return False
    mine = _destinations(later)
    return bool(mine) and any(mine & _destinations(stmt) for stmt in chosen)


def _with_makers(block: list[ast.stmt], index: int, chosen: list[ast.stmt]) -> list[ast.stmt]:
    """The chosen statements of a block (its anchor at index first) with the statements between them that fill
    what they read, and what those fill (`band_powers = {}` and the loop filling `band_powers[name]` before
    `relative = {k: v / total for k, v in band_powers.items()}`), in block order. Other statements between stay out:
    they are other work (a later step's, or another example's)."""
    if block[index] is not chosen[0]:  # the anchor is a print's call, made apart from the block: as chosen
        return chosen
    kept = {id(s) for s in chosen}
    last = max(n for n, s in enumerate(block) if id(s) in kept)
    wanted = set(names([s for s in block if id(s) in kept and s is not block[index]])[0])
    between = [s for s in block[index + 1 : last] if id(s) not in kept and not is_print(s)]
    fillers = [s for s in between if _fills_any(s, wanted)]
    filled = {t for s in fillers for t in wanted if _fills_any(s, {t})}
    starts = [s for s in between if isinstance(s, ast.Assign) and names([s])[1] & filled and s not in fillers]
    if not fillers:
        return chosen
    kept |= {id(s) for s in [*fillers, *starts]}
    return [s for s in block if id(s) in kept]


def _with_counts(block: list[ast.stmt], index: int, chosen: list[ast.stmt]) -> list[ast.stmt]:
    """The chosen statements of a block with the statements before them that start a count they carry on (`offset
    = 0` before `for images, _ in loader: ...; offset += images.size(0)`), in block order: the count's start is
    the example's code, no setting to lift into config (it became a REQUIRED key, with no value)."""
    if block[index] is not chosen[0]:
        return chosen
    carried = {
        node.target.id
        for stmt in chosen
        for node in walk(stmt)
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)
    }
    starts: dict[str, ast.stmt] = {}
    for stmt in block[:index]:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in carried
            and literal_source(stmt.value) is not None
        ):
            starts[stmt.targets[0].id] = stmt  # the last start before the anchor
    if not starts:
        return chosen
    kept = {id(s) for s in [*chosen, *starts.values()]}
    return [s for s in block if id(s) in kept]


def _fills_any(stmt: ast.stmt, wanted: set[str]) -> bool:
    """Whether stmt, or a statement inside it (a loop body), assigns into an object named in wanted."""
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, (ast.Subscript, ast.Attribute)) and root_name(t) in wanted for t in node.targets)
        for node in walk(stmt)
    )


def _opens_for(
    stmt: ast.stmt,
    api: ApiRef,
    made: dict[str, str],
    foreign: Callable[[ast.stmt], bool] = lambda stmt: False,
    swept: frozenset[str] = frozenset(),
) -> bool:
    """`with open(path, "w") as handle: json.dump(record, handle)`: a with statement whose body calls the API with
    what the with opens, or what the body makes of it (`writer = csv.writer(handle)`, then `writer.writerow(...)`
    around the API's call). The whole statement is the anchor (without it the call has no handle to write to).

    So is a loop whose body works on what the loop gives (`for xb, yb in loader: ...; optimizer.step()`: its body
    alone would ask for one batch from somewhere else and train on it once), and a loop around such a loop
    (`for epoch in range(epochs):` around that one); not a loop over values written out, which shows them, nor a
    loop doing other steps' work too (forward, loss, backward and update as four steps: each takes its part); but
    a loop over the values the step says it sweeps (`nprobe_values: list[int] = [1, 2, 4, 8, 16]`) is its work, and
    so is a loop calling the API when the API text is a loop (`for k in range_n_clusters: silhouette_score(...)`)."""
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in stmt.items if item.optional_vars]
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        if isinstance(stmt.iter, (ast.List, ast.Tuple, ast.Set)) and literal_source(stmt.iter) is not None:
            # `for size in ["124M", "355M"]:` shows the values one can give: the body takes one
            return repr(list(ast.literal_eval(stmt.iter))) in swept
        targets = [stmt.target]
    else:
        return False
    opened = {n.id for target in targets for n in walk(target) if isinstance(n, ast.Name)}
    uses = [s for s in stmt.body if contains_api(s, api, made)]
    if isinstance(stmt, (ast.For, ast.AsyncFor)) and api.looped and uses:
        return True  # the API text is this loop (`for k in range_n_clusters: silhouette_score(...)`): all of it
    if isinstance(stmt, (ast.For, ast.AsyncFor)):  # the body works on what the loop gives, or is such a loop
        if any(foreign(s) for inner in stmt.body for s in walk(inner) if isinstance(s, ast.stmt)):
            return False
        return bool(opened & set(names(stmt.body)[0])) or any(_opens_for(s, api, made, foreign, swept) for s in uses)
    for inner in stmt.body:  # and what the body makes of it (`writer = csv.writer(handle)`)
        if isinstance(inner, ast.Assign) and opened & set(names([inner])[0]):
            opened |= names([inner])[1]
    return bool(opened) and any(opened & set(names([s])[0]) for s in uses)


_FILE_NAME = re.compile(r"[\w./-]*\.[A-Za-z][A-Za-z0-9]{0,4}")  # `plot.png`, `out/model.pt`


def _to_another_file(stmt: ast.stmt, later: ast.stmt, api: ApiRef, made: dict[str, str]) -> bool:
    """Whether a later statement calls the API again on the same object, writing it to another file than the first
    (`fig.savefig("plot.png")`, then `fig.savefig("plot.pdf")`): the page showing another format, a variant."""
    files = _files_named(stmt, api, made)
    return (
        bool(files)
        and isinstance(later, ast.Expr)
        and contains_api(later, api, made)
        and _operand(later, api, made) == _operand(stmt, api, made)
        and bool(_files_named(later, api, made) - files)
    )


# an API that writes a file (`savefig`, `save`, `to_csv`, `write_parquet`); as choice.WRITER has it
_WRITES = re.compile(r"^(?:write|save|dump|export|to_|imwrite|imsave)|^savefig$")


def _files_named(stmt: ast.stmt, api: ApiRef, made: dict[str, str]) -> set[str]:
    """The file a statement's call of a file-writing API is given first, as a string (`"simple_plot.pdf"` of
    `fig.savefig("simple_plot.pdf")`); empty for any other API or argument (`G.add_edge("google.com", ...)`)."""
    call = _api_call(stmt, api, made) if _WRITES.search(api.last) else None
    first = call.args[0] if call is not None and call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and _FILE_NAME.fullmatch(first.value):
        return {first.value}
    return set()


def builtins_read(statements: list[ast.stmt]) -> set[str]:
    """The names of Python's builtins the statements read: free names leave them out, but an import may bind one
    (`from astropy.io import ascii`), and is then needed as any other."""
    return {n.id for s in statements for n in walk(s) if isinstance(n, ast.Name) and n.id in BUILTINS}


def prune_import(node: ImportNode, used: set[str]) -> ImportNode | None:
    """The import with only the names in `used` kept; None when it binds none of them."""
    kept = [a for a in node.names if (a.asname or a.name).split(".")[0] in used or (a.asname or a.name) in used]
    if not kept:
        return None
    if isinstance(node, ast.ImportFrom):
        return ast.ImportFrom(module=node.module, names=kept, level=node.level)
    return ast.Import(names=kept)


def empty_container(value: ast.expr) -> bool:
    """`{}`, `[]`, `()` (`rows = []`, `eval_result = {}`): an accumulator's start, for a loop or a library to fill;
    never a setting."""
    return (isinstance(value, ast.Dict) and not value.keys) or (
        isinstance(value, (ast.List, ast.Tuple, ast.Set)) and not value.elts
    )


def _assigned(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr]]:
    """(name, value) of each name an assignment gives its own value: `n = 5`, and `d, k = 32, 10` element by element."""
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        return [(t.id, v) for t, v in zip(target.elts, value.elts, strict=True) if isinstance(t, ast.Name)]
    return []


def _finish(tree: ast.Module, chosen: list[ast.stmt], anchor: ast.stmt) -> Slice:
    free, bound = names(chosen)
    shadowed = builtins_read(chosen)  # `ascii.read(...)` after `from astropy.io import ascii`
    imports: list[ImportNode] = []
    literals: dict[str, str] = {}
    definitions: list[ast.stmt] = []
    provided_by_defs: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _, provided = names([node])
            if provided & (set(free) | shadowed):
                imports.append(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in free:
            definitions.append(node)
            provided_by_defs.add(node.name)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and node.lineno < anchor.lineno:
            for name, value in _assigned(node.targets[0], node.value):  # `d, k = 32, 10` too
                literal = literal_source(value) or folded_literal(value) if name in free else None
                if literal is not None and not empty_container(value):  # `rows = []` holds what a loop adds
                    literals[name] = literal
    # `for size in [2, 4]:` around the slice: size is a key, its first value the default
    unset = [n for n in free if n not in literals]
    for loop in walk(tree) if unset else ():
        if (
            isinstance(loop, (ast.For, ast.AsyncFor))
            and isinstance(loop.target, ast.Name)
            and loop.target.id in free
            and loop.target.id not in literals
            and isinstance(loop.iter, (ast.List, ast.Tuple))
            and loop.iter.elts
            and any(stmt is anchor for stmt in loop.body)
        ):
            first = literal_source(loop.iter.elts[0])
            if first is not None:
                literals[loop.target.id] = first
    provided_by_imports = set().union(*(names([i])[1] for i in imports)) if imports else set()
    defined = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.lineno < anchor.lineno
    }
    todo = list(definitions)
    while todo:  # what the definitions use, transitively: `def loss` calls `def decay`, defined above it
        def_free, _ = names([todo.pop(0)])
        for name in def_free:
            if name not in free:
                free.append(name)
            other = defined.get(name)
            if other is not None and other not in definitions:
                definitions.append(other)
                provided_by_defs.add(name)
                todo.append(other)
    definitions.sort(key=lambda node: node.lineno)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node not in imports:
            _, provided = names([node])
            if provided & set(free):
                imports.append(node)
                provided_by_imports |= provided
    used = set(free) | shadowed | builtins_read(definitions)
    pruned = [p for p in (prune_import(i, used) for i in imports) if p is not None]
    free = [n for n in free if n not in provided_by_imports and n not in provided_by_defs]
    return Slice(chosen, anchor, free, bound, pruned, literals, definitions)


def unwrap_with(
    tree: ast.Module, piece: Slice, is_later: Callable[[ast.stmt], bool], is_own: Callable[[ast.stmt], bool]
) -> Slice:
    """`with engine.connect() as conn:` whose body is a later step's work (`pd.read_sql(..., conn)`): the step
    opens the object and hands it on (`conn = engine.connect()`), its body before that work kept; the later
    step uses it open (the with would hand on a closed connection, and do the later step's work here). The anchor
    is the statement calling the step's own API (is_own): the opening, or the body's call on what it opened
    (`session.execute(...)` in `with Session(engine) as session:`, before a later step's `session.commit()`)."""
    anchor = piece.anchor
    if not (isinstance(anchor, ast.With) and len(anchor.items) == 1):
        return piece
    target = anchor.items[0].optional_vars
    first = next((n for n, stmt in enumerate(anchor.body) if is_later(stmt)), None)
    if not isinstance(target, ast.Name) or first is None:
        return piece
    opened = ast.copy_location(ast.Assign(targets=[target], value=anchor.items[0].context_expr), anchor)
    ast.fix_missing_locations(opened)
    kept = anchor.body[:first]
    if is_own(opened):  # the step opens the object: what its block does with sample data is the page's demo
        kept = [stmt for stmt in kept if not (isinstance(stmt, ast.Expr) and _sample_data(stmt))]
    own = opened if is_own(opened) else next((stmt for stmt in kept if is_own(stmt)), opened)
    return _finish(tree, [opened, *kept, *piece.statements[1:]], own)


def _sample_data(stmt: ast.stmt) -> bool:
    """Whether a statement passes values written out: a list or dict of literals, or an object of a class made of
    literals alone (`session.add(Customer(name="Ada", email="ada@example.com"))`)."""
    for node in walk(stmt):
        if isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set)) and literal_source(node) not in (
            None,
            "[]",
            "{}",
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and called(node.func)[:1].isupper()
            and (node.args or node.keywords)
            and all(literal_source(a) is not None for a in [*node.args, *(k.value for k in node.keywords)])
        ):
            return True
    return False


def reach(tree: ast.Module, piece: Slice, others: list[ApiRef]) -> Slice:
    """The slice carried on to the last statement of the anchor's block that calls one of the other APIs the step
    cites (`plt.plot(xs, ys)`, `plt.savefig(path)`: without savefig the step draws and saves nothing), with every
    statement between (the figure's title and legend); prints and asserts left out."""
    block = next((b for b in _blocks(tree.body) if any(s is piece.anchor for s in b)), None) if others else None
    if block is None:
        return piece
    start = next(n for n, stmt in enumerate(block) if stmt is piece.anchor)
    made = instances(tree)
    last = max(
        (n for n in range(start + 1, len(block)) if any(contains_api(block[n], api, made) for api in others)),
        default=None,
    )
    if last is None:
        return piece
    chosen = {id(stmt) for stmt in piece.statements}
    chosen |= {id(s) for s in block[start : last + 1] if not (is_print(s) or isinstance(s, ast.Assert))}
    # a print showing the last cited call (`con.execute(query, [400])` then `print(con.fetchall())`): the call is
    # the step's work, kept on its own (its result then goes by the step's output name)
    shown = next((p for api in others if is_print(block[last]) and (p := _printed(block[last], api, made))), None)
    # (only the bare call, shown unlabelled: a labelled or rounded value is read by its label, as an output)
    final = block[last]
    printed = final.value if isinstance(final, ast.Expr) else None
    unlabelled = isinstance(printed, ast.Call) and len(printed.args) == 1
    if (
        shown is not None
        and unlabelled
        and isinstance(shown.value, ast.Call)
        and any(called(shown.value.func) == api.last for api in others)
    ):
        block = [*block[:last], shown, *block[last + 1 :]]
        chosen.add(id(shown))
    _, bound = names([s for s in block if id(s) in chosen])
    for later in block[last + 1 :]:  # and on, as cut goes on: what reads the names made so far
        if is_print(later) or isinstance(later, (ast.Assert, ast.Return)):
            continue
        free, more = names([later])
        if bound & set(free):
            chosen.add(id(later))
            bound |= more
    return _finish(tree, _out_of_settings(tree, block, [s for s in block if id(s) in chosen]), piece.anchor)


def on_to_outputs(tree: ast.Module, piece: Slice, wanted: Collection[str]) -> Slice:
    """The slice carried on, in the anchor's block, to the statements after it that make the results the step's
    Outputs name and the slice does not make yet, from what the slice makes or works on, or of modules alone
    (`accuracy = metric.compute()` after `metric.update(...)`, with "`accuracy`" in the Outputs; `records = []`
    and the loop over `table.find_all("tr")` filling it, after `header = [...]`, with "`header`, `records`";
    `criterion = nn.CrossEntropyLoss()` after the optimizer), with the statements between; the slice as it is
    when none follows."""
    block = next((b for b in _blocks(tree.body) if any(s is piece.anchor for s in b)), None)
    if block is None or not all(any(s is stmt for s in block) for stmt in piece.statements):
        return piece  # (a slice of several blocks keeps its shape)
    _, bound = names(piece.statements)
    missing = {name for name in wanted if name not in bound}
    last = start = next(n for n, stmt in enumerate(block) if stmt is piece.anchor)
    known = bound | set(piece.free)
    imported = set().union(*(names([s])[1] for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))))
    for n in range(start + 1, len(block)):
        if not missing:
            break
        read, made = names([block[n]])
        if not made & missing:
            continue
        if known & set(read) or (read and set(read) <= imported):
            last, missing = n, missing - made
            continue
        # an empty container the slice's work fills next (`records = []`, then `for tr in ...: records.append(..)`)
        filler = next((m for m in range(n + 1, len(block)) if made & set(names([block[m]])[0])), None)
        stmt = block[n]
        if isinstance(stmt, ast.Assign) and empty_container(stmt.value) and filler is not None:
            if known & set(names([block[filler]])[0]):
                last, missing = filler, missing - made
    if last == start:
        return piece
    chosen = {id(stmt) for stmt in piece.statements}
    chosen |= {id(stmt) for stmt in block[start : last + 1] if not (is_print(stmt) or isinstance(stmt, ast.Assert))}
    return _finish(tree, [stmt for stmt in block if id(stmt) in chosen], piece.anchor)


def around(tree: ast.Module, anchor: ast.stmt) -> Slice:
    """The slice of one top-level statement: the example's imports, functions and literals it reads."""
    return _finish(tree, [anchor], anchor)


def restrict(tree: ast.Module, piece: Slice, kept: list[ast.stmt], anchor: ast.stmt | None = None) -> Slice:
    """The slice cut down to the statements kept (its names recomputed); anchor: a statement of kept standing for
    the slice's anchor, when that was rewritten."""
    return _finish(tree, kept, piece.anchor if anchor is None else anchor)


def unpack_arity(statements: list[ast.stmt]) -> int:
    """The width of tuple unpacking (assignment from a call, or a for-loop target) in the statements:
    2 when there is none, 0 when different widths occur (a stand-in object cannot serve both)."""
    widths: set[int] = set()
    for stmt in statements:
        for node in walk(stmt):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                widths.update(len(t.elts) for t in node.targets if isinstance(t, ast.Tuple))
            if isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Tuple):
                widths.add(len(node.target.elts))
    if len(widths) > 1:
        return 0
    return widths.pop() if widths else 2


def _before_in_block(tree: ast.Module, anchor: ast.stmt, held: ast.AST) -> list[ast.stmt]:
    """The assignments and expressions before the anchor in the innermost block below the top level that holds it
    (the body of an `if`, a `with`, a loop); none when the anchor is a top-level statement."""
    found: list[ast.stmt] = []
    for block in _blocks(tree.body):
        if block is tree.body:
            continue
        at = next((i for i, s in enumerate(block) if any(n is anchor or n is held for n in walk(s))), None)
        if at is not None:
            found = [s for s in block[:at] if isinstance(s, (ast.Assign, ast.AnnAssign, ast.Expr))]
    return found


def with_setup(
    tree: ast.Module, piece: Slice, resolvable: Container[str], cited: Container[str] = (), quoted: Container[str] = ()
) -> Slice:
    """Add the example's earlier top-level statements that make the names the slice cannot get elsewhere
    (`model, tokenizer = Loader.from_pretrained(...)` before `model.save(...)`), transitively; and the calls the
    step's text cites that change what the slice works on in place (`nx.set_node_attributes(G, pr, "pagerank")`
    before `nx.write_gml(G, path)`, with "attach the scores (`nx.set_node_attributes`)" in the step), with what
    they need; and the statements setting a part of what the slice works on to a result the step's Inputs quote
    (`batch_df["prediction"] = predictions` before `batch_df.to_csv(...)`). cited: the names of the calls the step's
    text cites (`set_node_attributes`); quoted: the names its Inputs quote (`predictions`)."""
    # the anchor, or the call a print held (_printed made the anchor a statement of its own around it)
    held = piece.anchor.value if isinstance(piece.anchor, ast.Expr) else piece.anchor
    top = next((i for i, stmt in enumerate(tree.body) if any(n is piece.anchor or n is held for n in walk(stmt))), None)
    if top is None:
        return piece
    earlier: list[ast.stmt] = [
        s for s in tree.body[:top] if isinstance(s, (ast.Assign, ast.AnnAssign, ast.Expr, ast.With, ast.For))
    ]
    # and those before it in the block that holds it (`src_pts = np.float32([...])` before `M, mask =
    # cv.findHomography(src_pts, dst_pts, ...)` inside `if len(good) > MIN_MATCH_COUNT:`)
    earlier += _before_in_block(tree, piece.anchor, held)
    chosen = list(piece.statements)
    # between the anchor and a later statement of the slice: an assignment making, by a call, a name the slice
    # reads (`img = Image.open("dog.jpg")` before the kept `x = transform(img)`), part of the example's work; or
    # a with that opens nothing making it (`with torch.no_grad(): torch_out = model(x)` before `diff = ...`)
    last = max((i for i, stmt in enumerate(tree.body) if any(stmt is c for c in chosen)), default=top)
    between = [
        s
        for s in tree.body[top + 1 : last]
        # (or an empty list the slice fills: `history = []` before the loop appending to it)
        if (
            (isinstance(s, ast.Assign) and (isinstance(s.value, ast.Call) or empty_container(s.value))) or is_setting(s)
        )
        and not any(s is c for c in chosen)
    ]
    needed = [n for n in piece.free if n not in resolvable and n not in piece.literals]
    added: list[ast.stmt] = [
        s
        for s in earlier
        if _changes_in_place(s, set(piece.free), cited)
        or _sets_quoted(s, set(piece.free), quoted)
        or _fills_items(s, set(piece.free))
    ]
    needed += [n for s in added for n in names([s])[0] if n not in resolvable and n not in needed]
    while needed:
        name = needed.pop(0)
        producer: ast.stmt | None = None
        for stmt in reversed(earlier):
            if stmt in added or is_print(stmt):
                continue
            _, bound = names([stmt])
            if name in bound and (isinstance(stmt, (ast.Assign, ast.AnnAssign)) or is_setting(stmt) or _loads(stmt)):
                producer = stmt
                break
        if producer is None:
            producer = next((stmt for stmt in between if name in names([stmt])[1] and stmt not in added), None)
        if producer is None:
            continue
        added.append(producer)
        free, _ = names([producer])
        needed.extend(n for n in free if n not in resolvable and n not in needed)
        for stmt in earlier:  # what fills in the object just made, before the slice uses it
            if stmt not in added and stmt.lineno > producer.lineno and _fills(stmt, name):
                added.append(stmt)
                needed.extend(n for n in names([stmt])[0] if n not in resolvable and n not in needed)
    known = set(piece.free) | {n for s in added for n in names([s])[0]}
    added += [s for s in earlier if s not in added and _makes_folder(s, known)]
    if not added:
        return piece
    ordered = [s for s in earlier if s in added]  # (the top level's, then the anchor's block's, in order)
    made_between: list[ast.stmt] = [s for s in between if s in added]
    if made_between:  # top-level statements all, the slice's among them: in the example's order
        chosen = sorted(chosen + made_between, key=lambda stmt: stmt.lineno)
    return _finish(tree, ordered + chosen, piece.anchor)


def _loads(stmt: ast.stmt) -> bool:
    """`with open("parcels.geojson") as f: fc = json.load(f)`: a with opening one file, whose statements only
    assign what a reader makes of it (`json.load(f)`, `pickle.load(f)`, `list(csv.DictReader(f))`); it makes those
    names as an assignment does. (Raw text or lines read by hand are a file key's work: the step's own loader, or a
    with of its own.)"""
    if not (isinstance(stmt, ast.With) and len(stmt.items) == 1):
        return False
    opened, handle = stmt.items[0].context_expr, stmt.items[0].optional_vars
    if not (isinstance(opened, ast.Call) and dotted(opened.func) == ("open",) and isinstance(handle, ast.Name)):
        return False
    return all(
        isinstance(s, ast.Assign)
        and isinstance(s.value, ast.Call)
        and any(isinstance(n, ast.Name) and n.id == handle.id for a in s.value.args for n in walk(a))
        for s in stmt.body
    )


def _fills(stmt: ast.stmt, name: str) -> bool:
    """A call statement, alone, that takes an object the setup makes here (`ImageDraw.Draw(mask).ellipse(...)` after
    `mask = Image.new(...)`, `G.add_edge(1, 2)` after `G = nx.Graph()`), or an assignment into it (`result["cluster"]
    = labels`, `config.seed = 0`): it fills the object in, so it comes along (without it the slice works on an empty
    mask, or writes a table without its new column); so is taking an item out of it (`y = df.pop("label")`: the
    frame without its label). Never a print."""
    if isinstance(stmt, ast.Assign):
        value = stmt.value
        if (  # `y_test = test_df.pop("churn")`: the label taken out of the frame the slice predicts on
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr in ("pop", "popitem")
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id == name
        ):
            return True
        return any(isinstance(t, (ast.Subscript, ast.Attribute)) and root_name(t) == name for t in stmt.targets)
    if isinstance(stmt, (ast.For, ast.With, ast.If)):  # `for col in cats: df[col] = df[col].astype("category")`
        return any(isinstance(s, ast.Assign) and _fills(s, name) for s in stmt.body)
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)) or is_print(stmt):
        return False
    return name in names([stmt])[0]


def _fills_items(stmt: ast.stmt, used: set[str]) -> bool:
    """`for rec in records: rec.annotations["molecule_type"] = "DNA"` before `SeqIO.write(records, ...)`: a loop over
    a name the slice uses that only sets a part of each item; without it the slice writes records the library
    refuses."""
    if not (isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name) and not stmt.orelse):
        return False
    if not (isinstance(stmt.iter, ast.Name) and stmt.iter.id in used):
        return False
    item = stmt.target.id
    return all(
        isinstance(s, ast.Assign)
        and all(isinstance(t, (ast.Subscript, ast.Attribute)) and root_name(t) == item for t in s.targets)
        for s in stmt.body
    )


def root_name(target: ast.expr) -> str:
    """The name an item or attribute target hangs from (`result` of `result.loc[0, "x"]`); empty when none."""
    while isinstance(target, (ast.Subscript, ast.Attribute)):
        target = target.value
    return target.id if isinstance(target, ast.Name) else ""


def _changes_in_place(stmt: ast.stmt, used: set[str], cited: Container[str]) -> bool:
    """A call statement, alone, that the step's text cites by name and that takes a name the slice uses as its
    first argument or its object (`nx.set_node_attributes(G, ...)`, `G.remove_edges_from(...)`): it changes that
    object in place, so it belongs before the slice; so does an assignment of that name made of itself by a method
    the step cites."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        # or makes it anew of itself by a method: `air_quality = air_quality.rename(columns={"date.utc": "datetime"})`
        # before `pd.to_datetime(air_quality["datetime"])`, with the rename in the step's Steps Overview row
        call, target = stmt.value, stmt.targets[0].id
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and target in used):
            return False
        return call.func.attr in cited and isinstance(call.func.value, ast.Name) and call.func.value.id == target
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    call = stmt.value
    func = call.func
    name = called(func)
    if not name or name not in cited:
        return False
    first = call.args[0] if call.args else None
    receiver = func.value if isinstance(func, ast.Attribute) else None
    return any(isinstance(node, ast.Name) and node.id in used for node in (first, receiver))


def _sets_quoted(stmt: ast.stmt, used: set[str], quoted: Container[str]) -> bool:
    """`batch_df["prediction"] = predictions`, where the slice uses batch_df and the Inputs quote `predictions`: a
    part of an object the slice works on set to another result the step takes; or handed to it by a method call
    of its own (`con.register("top_users", top_users_df)` before `con.execute("COPY (SELECT * FROM top_users)
    ...")`, the Inputs quoting `top_users_df`: without it the query finds no table)."""
    value: ast.expr
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute):
        root, value = root_name(stmt.value.func), stmt.value
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        root = root_name(target) if isinstance(target, (ast.Subscript, ast.Attribute)) else ""
        value = stmt.value
    else:
        return False
    if root not in used:
        return False
    # another result than the object itself (not `df["ci"] = df["mean"] * 2`: the example's own reworking)
    return any(isinstance(node, ast.Name) and node.id in quoted and node.id != root for node in walk(value))


_FOLDER_CALLS = ("makedirs", "mkdir")
_FOLDER_MODULES = {"os", "Path", "pathlib"}


def _makes_folder(stmt: ast.stmt, known: set[str]) -> bool:
    """`os.makedirs(os.path.dirname(path), exist_ok=True)` before the cut writes to path: the folder the step's
    output goes to, made from names the slice has (else writing there fails: "Parent directory ... does not exist")."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    func = stmt.value.func
    free, _ = names([stmt])
    return called(func) in _FOLDER_CALLS and bool(set(free) & known) and set(free) <= known | _FOLDER_MODULES


_RANDOM = re.compile(r"(?:^|\.)random(?:\.|$)|^torch\.(?:randn|rand|randint|randperm)$|^np\.random|default_rng$")


def random_names(statements: list[ast.stmt]) -> set[str]:
    """Names the statements make of random numbers (`rng = np.random.default_rng(0)`, then `walk =
    np.cumsum(rng.normal(size=300))`): demo data, never the user's."""
    found: set[str] = set()
    for stmt in statements:
        if not isinstance(stmt, ast.Assign):
            continue
        calls = [dotted(n.func) for n in walk(stmt.value) if isinstance(n, ast.Call)]
        if any(_RANDOM.search(".".join(c)) for c in calls) or set(names([stmt])[0]) & found:
            found |= names([stmt])[1]
    return found
