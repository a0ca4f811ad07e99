"""From statements to a step's run(): the one pass every call-binding goes through.

A draft holds statements cut from a usage example or built from the API text. Wiring then
1. reuses what earlier steps built: a statement that calls again the call that made an earlier artifact
   (`config = LoraConfig(...)` after the LoRA step made `lora_config`) is dropped for that artifact;
2. lifts literals into config keys, so ids, paths, devices, dtypes and optimizer settings can be changed
   without editing code (`fp16=True` -> key `fp16`, `torch.float16` -> key `torch_dtype = "float16"`);
3. resolves every free name to an earlier step's artifact (exact or alias), a config key, an object built by
   a loader from a config key, or an import;
4. writes the new names of renamed keywords (generator/data/names.toml [renames]).
Every free name of the result is a run() parameter: consumed artifacts first, then config keys.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from generator.apitext import (
    BUILTINS,
    BY_POSITION,
    ApiParam,
    ApiRef,
    ParamKind,
    called,
    dotted,
    literal_source,
    literal_value,
    signature_returns,
    written_collection,
)
from generator.astwalk import clone, rebinds, scoped_walk, single_assignments, walk
from generator.bind.binding import Binding, ConfigParam, Kind, Origin, Source, Status
from generator.bind.choice import DATA_FILE, INPUT_FILE, PATH_KEY, demo_stand_ins, is_condition, remade_result
from generator.bind.context import LINES, Artifact, BindContext, artifact_name, parts_cited
from generator.bind.hints import Hint, abbreviated, contract_hints, key_hints, merge_hints, param_name, shortens
from generator.bind.imports import bound_by, import_for, module_import, module_names, modules_of, own_import, qualified
from generator.bind.outputs import declared_outputs, named_outputs, split_types
from generator.bind.signature import signature_params, takes_kwargs
from generator.bind.stub import stub
from generator.deps import PLACEHOLDER
from generator.model import Diagnostic, Step
from generator.parse.markdown import clauses, code_spans, from_steps
from generator.parse.params import default_in_text, fits_type
from generator.pysource import parse_dedented, parse_expression
from generator.slicing import (
    AT_CALLS,
    ImportNode,
    bound_anywhere,
    builtins_read,
    contains_api,
    does_work,
    empty_container,
    from_demo_data,
    from_tests,
    holder_index,
    in_settings,
    instances,
    is_demo_data,
    names,
    parse_example,
    prune_import,
    random_names,
    unpack_arity,
    worked_on,
)

_DTYPES = frozenset(
    "float16 float32 float64 bfloat16 half float double int8 int16 int32 int64 uint8 bool complex64 float8_e4m3fn".split()
)


@dataclass
class Draft:
    """Statements for run(), before wiring. Statements are the draft's own copies: wiring edits them."""

    statements: list[ast.stmt]
    anchor: ast.stmt | None = None
    api: ApiRef | None = None
    imports: list[ImportNode] = field(default_factory=list)
    definitions: list[ast.stmt] = field(default_factory=list)
    literals: dict[str, str] = field(default_factory=dict)  # names the example assigned a literal before the anchor
    hints: dict[str, Hint] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)  # the anchor call's positional parameters, from a signature
    on_first: bool = False  # the anchor call is a module's function written as a method of its first argument
    source: Source = Source.EXAMPLE
    produces: list[str] | None = None  # explicit result names; None: every top-level assignment
    yields: bool = False  # the example yields: what it yields is collected in `yielded`
    shadowing: list[str] = field(default_factory=list)  # keys named like builtins (`format`): free all the same
    hands_on: dict[str, str] = field(default_factory=dict)  # values the step's Outputs name: key -> literal
    unpassed: list[str] = field(default_factory=list)  # documented keywords added to a call its example left out
    stored: list[tuple[ast.Name, str]] = field(default_factory=list)  # the example's targets, each with its name there

    def imported(self) -> set[str]:
        """The names the draft's imports bind."""
        return bound_by([ast.unparse(i) for i in self.imports])

    @classmethod
    def of(cls, statements: list[ast.stmt], anchor: ast.stmt | None = None) -> Draft:
        """A draft of copies of the statements (the anchor's copy as its anchor); set further fields with `replace`."""
        copies = [_unannotated(clone(s)) if _annotates(s) else clone(s) for s in statements]
        stored = [
            (n, n.id) for c in copies for n in walk(c) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        ]
        index = holder_index(statements, anchor)
        if index is None or anchor is None:
            return cls(copies, stored=stored)
        if statements[index] is anchor:
            return cls(copies, copies[index], stored=stored)
        # inside a with that opens nothing (`with torch.no_grad():`): its copy, the statement at its place there
        at = (anchor.lineno, anchor.col_offset)
        inner = (s for s in in_settings([copies[index]]) if (s.lineno, s.col_offset) == at)
        return cls(copies, next(inner, None), stored=stored)


class _Unannotate(ast.NodeTransformer):
    """Drops an example's annotations: they document, and may name types the example never imports."""

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.Assign | None:
        if node.value is None:
            return None
        return ast.copy_location(
            ast.Assign(targets=[node.target], value=self.visit(node.value), lineno=node.lineno), node
        )

    def visit_arg(self, node: ast.arg) -> ast.arg:
        if not _builtin_annotation(node.annotation):
            node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        if not _builtin_annotation(node.returns):
            node.returns = None
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        """A class body's annotations are its fields (dataclasses, SQLAlchemy's `Mapped[int]`, pydantic): kept."""
        node.body = [s if isinstance(s, ast.AnnAssign) else self.visit(s) for s in node.body]
        node.body = [s for s in node.body if s is not None] or [ast.Pass()]
        return node


_BUILTIN_TYPES = {
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "complex",
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "object",
}


def _builtin_annotation(node: ast.expr | None) -> bool:
    """Whether an annotation names builtin types only (`str`, `list[str]`, `int | None`): it needs no import, and a
    library may read it (DuckDB's create_function infers a UDF's SQL types from `def f(text: str) -> int`)."""
    if node is None:
        return False
    for sub in walk(node):
        if isinstance(sub, ast.Name) and sub.id not in _BUILTIN_TYPES:
            return False
        if not isinstance(sub, (ast.Name, ast.Subscript, ast.Tuple, ast.BinOp, ast.BitOr, ast.Load)) and not (
            isinstance(sub, ast.Constant) and sub.value is None
        ):
            return False
    return True


class _Loose(ast.NodeTransformer):
    """Mends statements cut out of their context: a `break` or `continue` whose loop stayed in the example is
    dropped, and `yield x` (which would make run() a generator that never runs) collects x into `yielded`."""

    def __init__(self) -> None:
        self.loops = 0
        self.yielded = False

    def _loop(self, node: ast.For | ast.While | ast.AsyncFor) -> ast.AST:
        self.loops += 1
        self.generic_visit(node)
        self.loops -= 1
        return node

    visit_For = visit_While = visit_AsyncFor = _loop

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef) -> ast.AST:
        return node  # a function of its own keeps its loops and yields

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def visit_Break(self, node: ast.Break | ast.Continue) -> ast.AST | None:
        return node if self.loops else None

    visit_Continue = visit_Break

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if isinstance(node.value, (ast.Yield, ast.YieldFrom)):
            self.yielded = True
            value = node.value.value or ast.Constant(None)
            method = "extend" if isinstance(node.value, ast.YieldFrom) else "append"
            call = ast.Call(ast.Attribute(ast.Name("yielded", ast.Load()), method, ast.Load()), [value], [])
            return ast.copy_location(ast.Expr(call), node)
        return self.generic_visit(node)


_LOOSE = (ast.Break, ast.Continue, ast.Yield, ast.YieldFrom)  # what _Loose may change


class _PlainText(ast.NodeTransformer):
    """`f"[CLS]:0 $A:0"`, an f-string with nothing to format: the plain string (ruff's F541 in a generated repo)."""

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.expr:
        if any(isinstance(v, ast.FormattedValue) for v in node.values):
            return node
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return ast.copy_location(ast.Constant(text), node)


def _mend(draft: Draft) -> None:
    """Statements cut from an example keep their meaning once on their own (see _Loose)."""
    mender = _Loose()
    mended = []
    for stmt in draft.statements:
        if not any(isinstance(node, _LOOSE) for node in walk(stmt)):  # nothing to mend: not rebuilt
            mended.append(stmt)
            continue
        result = mender.visit(stmt)
        mended.append(result if result is not None else ast.Pass())
    # a value shown and dropped (`ds["tas"].attrs`, a notebook's display of it): no work of the step
    shown = (ast.Name, ast.Attribute, ast.Subscript)
    mended = [s for s in mended if s is draft.anchor or not (isinstance(s, ast.Expr) and isinstance(s.value, shown))]
    draft.statements = [s for s in mended if not isinstance(s, ast.Pass)] or [ast.Pass()]
    _filled(draft.statements)  # a block whose only statement was a dropped `break`
    draft.yields = mender.yielded
    for stmt in [*draft.statements, *draft.definitions]:
        if any(isinstance(n, ast.JoinedStr) for n in walk(stmt)):
            _PlainText().visit(stmt)


def _annotates(stmt: ast.stmt) -> bool:
    """Whether _Unannotate has anything to drop in stmt (a quick walk: most statements annotate nothing, and the
    transformer rebuilds every node list it passes)."""
    for node in walk(stmt):
        if isinstance(node, ast.AnnAssign) or (isinstance(node, ast.arg) and node.annotation is not None):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            return True
    return False


def _unannotated(stmt: ast.stmt) -> ast.stmt:
    """The statement without annotations (`x: T = value` becomes `x = value`)."""
    if not _annotates(stmt):
        return stmt
    result = _Unannotate().visit(stmt)
    return result if result is not None else ast.Pass()


@dataclass
class _Wired:
    """What wiring found, in the order run() takes it."""

    consumes: dict[str, str] = field(default_factory=dict)  # local name -> artifact
    params: dict[str, ConfigParam] = field(default_factory=dict)
    import_lines: list[str] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    loaders: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)  # names a loader builds
    missing: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def wire(draft: Draft, step: Step, ctx: BindContext, kind: Kind) -> Binding:
    """The Binding for a draft: bound when its calls resolve, a stub naming what is missing otherwise."""
    wired = _Wired()
    draft.definitions = [_unannotated(d) for d in draft.definitions]
    _defined_by_signature(draft, step)
    _defined_by_sibling(draft, ctx)
    _defined_earlier(draft, ctx, wired)
    _without_test_paths(draft, wired)
    _renamed_earlier(draft, ctx, wired)
    _described_results(draft, ctx, wired)
    _described_in_inputs(draft, ctx, wired)
    _cited_for_demo_data(draft, ctx, wired)
    _cited_for_demo_arguments(draft, ctx, wired)
    _cited_in_full(draft, ctx, wired)
    if kind in (Kind.CALL, Kind.METHOD):
        _in_memory_file(draft, step, wired)
        _cited_element(draft, step, ctx, wired)
        _described_inputs(draft, step, ctx, wired)
        _cited_for_unmade(draft, ctx, wired)
        _cited_for_unmade_object(draft, ctx, wired)
        _described_condition(draft, ctx, wired)
        _cited_callable(draft, ctx, wired)
        _cited_input(draft, step, ctx, wired)
        _cited_items(draft, step, ctx, wired)
        _cited_list(draft, step, ctx, wired)
        _cited_splits(draft, step, ctx, wired)
        _per_split(draft, step, ctx, wired)
        _cited_parts(draft, step, ctx, wired)
        _cited_read_from_file(draft, step, ctx, wired)
        _cited_main_result(draft, step, ctx, wired)
        _cited_unmade_receiver(draft, step, ctx, wired)
        _typed_receiver(draft, step, ctx, wired)
        _read_again(draft, ctx, wired)
        _cited_version(draft, step, ctx, wired)
        _cited_attribute(draft, step, ctx, wired)
        _cited_receiver(draft, ctx, wired)
        _cited_arguments(draft, ctx, wired)
        _documented_sources(draft, ctx, wired)
        _cited_collection(draft, ctx, wired)
        _fetched_path(draft, step, wired)
        _named_in_api_cell(draft, ctx, wired)
        _cell_arguments(draft, step, ctx, wired)
    _mend(draft)
    _replayed_chains(draft, ctx, wired)
    _later_links(draft, ctx, wired)
    _opened_in_with(draft, ctx, wired)
    _reuse(draft, ctx, wired)
    _without_demo_results(draft, step, ctx, wired)
    _without_repeats(draft, wired)
    _documented_defaults(draft, step)
    _lift_literals(draft, ctx, wired)
    _extra_kwargs(draft, step)
    _without_demo_uses(draft, step, ctx, wired)
    _without_unmade_receivers(draft, step, ctx, wired)
    _resolve(draft, step, ctx, kind, wired)
    _follow_derivatives(draft, ctx, wired)
    if wired.missing:
        reason = f"the example uses {', '.join(wired.missing)}, which the wiki does not say how to import"
        return stub(step, ctx, kind, reason, wired.consumes.values())
    _apply_renames(draft, wired, ctx)
    _hand_on(draft, step, wired)
    binding = _binding(draft, step, ctx, kind, wired)
    if binding.status is Status.STUB:
        objects = [
            n
            for n in free_names(draft)
            if n in wired.params and not wired.params[n].loader and uses(draft.statements, n)[0]
        ]
        reason = (
            f"it works on {', '.join(objects)}, which no earlier step makes and no loader builds"
            if objects
            else "its call goes through no import and no object an earlier step made"
        )
        return stub(step, ctx, kind, reason, wired.consumes.values())
    _record_artifacts(draft, list(binding.produces), ctx, binding.consumes)
    for name in draft.hands_on:
        ctx.add(name, value=True)  # a decision later steps take as it is (`fs`)
    return binding


def _hand_on(draft: Draft, step: Step, wired: _Wired) -> None:
    """Values the step's Outputs name and its statements do not make (`fs = 500.0` beside the load, with "sampling
    rate `fs`" in Outputs) become its config keys and its results, so later steps take them from it instead of
    asking for them again."""
    keys = key_hints(step)
    for name, literal in draft.hands_on.items():
        if name not in wired.params:
            _config(wired, name, keys.get(name, Hint()), literal)
        if draft.produces is not None and name not in draft.produces:
            draft.produces.append(name)


def _cited_steps(step: Step, ctx: BindContext) -> tuple[set[int], list[str]]:
    """(the step numbers the Inputs take results "from Step N", the results of those steps the Inputs quote in code
    spans, in their order): "`X_train`, `y_train` from Step 2" gives ({2}, ["X_train", "y_train"])."""
    cited = from_steps(step.inputs)
    quoted = [
        n for n in dict.fromkeys(code_spans(step.inputs)) if n in ctx.artifacts and ctx.artifacts[n].step in cited
    ]
    return cited, quoted


# the name a Key Parameter's description opens with: "best_k from Step 3", "the vocab (from Step 2)"
_OPENING_NAME = re.compile(r"\s*(?:the\s+)?([A-Za-z_]\w*)\b", re.I)


def _described_inputs(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """A keyword the Key Parameters describe as an earlier step's result ("`n_clusters: int` - `best_k` from Step
    3") takes that result, in place of the example's value (`KMeans(n_clusters=4)`): the value was the example's
    pick of what the workflow computes, and a key holding it ignored the computed one."""
    for name, hint in key_hints(step).items():
        opening = _OPENING_NAME.match(hint.doc)
        result = opening.group(1) if opening else ""
        made = ctx.artifacts.get(result)
        if made is None or made.step not in from_steps(hint.doc) or made.step >= step.number:
            made = _worded_result(name, hint, step, ctx)
            if made is None:
                continue
            result = made.name
        number = made.step
        passed = [
            kw
            for stmt in draft.statements
            for node in walk(stmt)
            if isinstance(node, ast.Call)
            for kw in node.keywords
            if kw.arg == name and not (isinstance(kw.value, ast.Name) and kw.value.id == result)
        ]
        for kw in passed:
            was = ast.unparse(kw.value)
            kw.value = ast.copy_location(ast.Name(id=result, ctx=ast.Load()), kw.value)
            wired.changes.append(
                f"passes {result} from step {number} as {name}, as its Key Parameters say, instead of {was[:40]}"
            )


# a step a Key Parameter's description names: "the k chosen in Step 3"
_STEP_NAMED = re.compile(r"\bsteps?\s+(\d{1,3})\b", re.I)


_FILLER = frozenset({"step", "steps", "in", "of", "to", "at", "by", "on", "a", "an", "the", "is", "as", "or"})


def _worded_result(name: str, hint: Hint, step: Step, ctx: BindContext) -> Artifact | None:
    """The earlier result a Key Parameter's description names by a word of its name and its step ("`n_clusters:
    int` - number of clusters (the k chosen in Step 3)", where step 3 made `scores` and `best_k`): the one result
    of that step whose name has a word of the description, of the key's type when both are known."""
    if ctx.has(name):
        return None  # a key named as an earlier result (`storage` - the Storage from Step 1) is that result's
    # the words of the parts naming the step ("the k chosen in Step 3"; not "(None if the storage holds one study)"
    # after "name given in Step 2")
    parts = [p for p in re.split(r"[(),;]", hint.doc) if _STEP_NAMED.search(p)]
    steps = {int(n) for p in parts for n in _STEP_NAMED.findall(p)}
    if any(0 < n <= len(ctx.workflow.steps) and name in key_hints(ctx.workflow.steps[n - 1]) for n in steps):
        return None  # "`study_name` - name given in Step 2", whose key it is: the value set there, no result
    # (not a joining word nor "step": "width used in Step 2" names no `in_features`)
    words = {w.lower() for p in parts for w in re.findall(r"[A-Za-z]+", p)} - _PLAIN_WORDS - _FILLER
    found = [
        a
        for a in ctx.artifacts.values()
        if a.step in steps
        and a.step < step.number
        and not a.value
        and set(a.name.lower().split("_")) & words
        and (not a.type or not hint.type or a.type.split("[")[0].strip() == hint.type.split("[")[0].strip())
    ]
    return found[0] if len(found) == 1 else None


def _cited_input(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """A step whose Inputs say "Derivative `Expr` from Step 3", while its example builds its own
    (`simplify(sin(x)**2 + cos(x)**2)`): the call takes what the cited steps made and the step does not read yet
    (when that is one result), in place of the first expression the example builds as an argument. Never a value
    (`"text"`, `3`, `-5.0`) or a name, but a name standing for sample data: imported from a library's test helpers
    (`from gensim.test.utils import common_texts`) or assigned rows written out (`sentences = [["human", ...], ...]`)
    "tokenized sentences from Step 1" replace."""
    cited, quoted = _cited_steps(step, ctx)
    if not cited:
        return
    # made again here counts: the step uses it, under its name or, by the call that made it, under another
    # (`clf = train("iris.csv")` is step 1's model, which _reuse will take)
    # (not the step's own result, its call's, that only has the cited one's name: `expr = diff(cos(x), x)`, where
    # step 2's sympify made `expr`, is the derivative of the example's own expression)
    own_result = names([draft.anchor])[1] if draft.anchor is not None else set()
    bound = {
        n for n in names(draft.statements)[1] if not (n in own_result and ctx.has(n) and ctx.artifacts[n].step in cited)
    }
    read = {*free_names(draft), *bound, *_remade(draft, ctx)}
    # (a step the Inputs cite in prose for one thing, "the unknown Symbol from Step 1", is had once one of its results
    # is read: its other symbols are no cited result left unread)
    had_one = {a.step for a in ctx.artifacts.values() if a.name in read} & _cited_in_prose(step)
    unread = [
        a.name
        for a in ctx.artifacts.values()
        if a.step in cited and not a.value and a.name not in read and a.step not in had_one
    ]
    # (a variable's name: lower case, or data's one capital letter, `G`, `X_train`; not a type, `Tokenizer`)
    named = [n for n in code_spans(step.inputs) if value_name(n)]
    if len(unread) > 1 and len(quoted) == 1:  # "Shuffled `dataset` from Step 3", of its `dataset` and
        unread = [n for n in unread if n in quoted]  # `shuffled_dataset`: the one the Inputs quote
    call = anchor_call(draft)
    if call is not None and len(unread) > 1:  # (the ones the call takes by their names are _cited_arguments')
        slots = {*draft.positional[: len(call.args)], *(k.arg for k in call.keywords if k.arg)}
        unread = [n for n in unread if n not in slots]
    if len(unread) != 1 or call is None:
        return
    if named and unread[0] not in named:
        return  # "Sampling rate `fs` from Step 1": the Inputs name another value than the one step 1 left unread
    if len(cited) == 1 and (
        _stand_in(draft, unread[0], cited.copy().pop(), wired, unread[0] in quoted)
        or _receiver_stand_in(draft, unread[0], ctx, wired)
        or _newer_version(draft, unread[0], ctx, wired)
        or _factory_stand_in(draft, step, unread[0], ctx, wired)
    ):
        return
    # sample data passed to the API's call or to another call of the step (`model.build_vocab(sentences)` after the
    # constructor the API names): the cited result, wherever the step reads the sample
    calls = [call, *(n for s in draft.statements for n in walk(s) if isinstance(n, ast.Call) and n is not call)]
    samples = _sample_names(draft)
    if unread[0] in named:  # random numbers stand for a result the Inputs quote (not one made under its name)
        samples |= {n for n in random_names(draft.statements) if not ctx.has(n)}
    passed = next((a.id for c in calls for a in c.args if isinstance(a, ast.Name) and a.id in samples), None)
    if passed is not None:
        value = ast.Name(id=unread[0], ctx=ast.Load())
        draft.statements = [_Substitute(passed, value).visit(s) for s in draft.statements]
        draft.literals.pop(passed, None)
        # (`walk = ...` and its `rng`, unread now; the demo of the result taken, `pcm = ax.imshow(data)`)
        draft.statements = _without_feeders(draft.statements, draft, ctx, unread[0])
        number = ctx.artifacts[unread[0]].step
        wired.changes.append(
            f"takes {unread[0]} from step {number}, as its Inputs say, instead of the example's {passed}"
        )
        return
    # (only where every name the step reads is had: in `score(labels, predicted)` the cited `preds` is `predicted`;
    # before rows written out: `KMeans(...).fit(X)` then `kmeans.predict([[0, 0], [12, 3]])`, where the Inputs cite
    # `X_scaled`, made of `X`, fits the scaled points, whatever the demo's predict is given)
    imported = draft.imported()
    keys = key_hints(step)

    def has(name: str) -> bool:
        return ctx.has(name) or name in keys or name in imported

    had = all(has(n) for n in free_names(draft))
    made_here = names(draft.statements)[1]
    source = _source_of(unread[0], calls, cited, ctx) if unread[0] in quoted and had else None
    if source is not None:
        # `smf.glm(formula, data=df)`, where the Inputs cite "`train` from Step 2", which step 2 made of step 1's df
        value = ast.Name(id=unread[0], ctx=ast.Load())
        draft.statements = [_Substitute(source, value).visit(s) for s in draft.statements]
        number = ctx.artifacts[unread[0]].step
        wired.changes.append(f"takes {unread[0]} from step {number}, as its Inputs say, instead of {source}")
        return
    rows = next((a for c in calls for a in c.args if _rows(a)), None) if unread[0] in quoted else None
    if rows is not None:
        # `ruler.add_patterns([{"label": "ORG", "pattern": "MyCorp Inc."}])`, where the Inputs say "`patterns` from
        # Step 2": the rows written out stand for the cited result
        built = ast.unparse(rows)
        replace_rows = _Replace(rows, unread[0])
        for stmt in draft.statements:
            replace_rows.visit(stmt)  # rows inside a statement: the statement itself stays
        number = ctx.artifacts[unread[0]].step
        wired.changes.append(f"takes {unread[0]} from step {number}, as its Inputs say, instead of {built[:60]}")
        return
    if unread[0] in quoted and _cited_for_parameter(draft, call, unread[0], ctx, wired):
        return
    receiver = dotted(call.func.value)[:1] if isinstance(call.func, ast.Attribute) else ()
    if isinstance(call.func, ast.Attribute) and not (receiver and receiver[0] in imported):
        return  # a method of an object (`lf.filter(pl.col("fare") > 0)`): the object is the data, not an argument
    # what the step makes and hands on (`model = nn.Sequential(...)`, "Outputs: `model`, `optimizer`"): an argument
    # read of it (`AdamW(model.parameters())`) is the step's own work, no sample standing for the cited result
    own = set(declared_outputs(step)) & names(draft.statements)[1]
    written = _written_as(unread[0], ctx)  # "`bw = image > thresh`" in the Outputs of the step that made it
    at = next((n for n, arg in enumerate(call.args) if written and ast.unparse(arg) == written), None)
    if at is None:
        at = next(
            (
                n
                for n, arg in enumerate(call.args)
                # values written out as the call's data (`wavedec([1, 2, 3, 4], "db1")`, where the Inputs quote
                # "`signal` from Step 1"), not a setting beside it
                if (n == 0 and unread[0] in quoted and _literal_sample(arg))
                or (
                    isinstance(arg, (ast.BinOp, ast.Call, ast.UnaryOp, ast.Compare, ast.BoolOp))  # built, not a name
                    and literal_source(arg) is None  # not `-5.0`
                    and not _names_a_file(arg)  # not `os.path.join(out_dir, "distances.npy")`: where, not what
                    # not `model.parameters()`, what a result of a step the Inputs cite ("Model from Step 4") gives
                    # (what the step made before of them counts as had: `np.column_stack([idx, denoised])`, with
                    # `idx = np.arange(len(denoised))`)
                    and (
                        not _read_from_cited(arg, ctx, cited, lambda n: has(n) or n in made_here)
                        or _of_variables(arg, call, imported)
                    )
                    and not own & {n.id for n in walk(arg) if isinstance(n, ast.Name)}
                )
            ),
            None,
        )
    if at is None:
        return
    built = ast.unparse(call.args[at])
    call.args[at] = ast.Name(id=unread[0], ctx=ast.Load())
    number = ctx.artifacts[unread[0]].step
    wired.changes.append(f"takes {unread[0]} from step {number}, as its Inputs say, instead of the example's {built}")


def _written_as(name: str, ctx: BindContext) -> str:
    """The expression the Outputs of the step that made an earlier result write it as (`thresh` (float);
    foreground mask `bw = image > thresh`), unparsed; "" when they write none. An example passing that expression
    (`closing(image > thresh, footprint_rectangle((4, 4)))`) passes the result."""
    artifact = ctx.artifacts.get(name)
    if artifact is None or not 0 < artifact.step <= len(ctx.workflow.steps):
        return ""
    for span in code_spans(ctx.workflow.steps[artifact.step - 1].outputs or ""):
        target, sign, value = span.partition("=")
        if sign and target.strip() == name and not value.startswith("="):
            tree = parse_expression(value)
            return "" if tree is None else ast.unparse(tree)
    return ""


_DATA_LETTER = re.compile(r"[A-Z](?:_[a-z0-9_]+)?")  # `G`, `X`, `X_train`: data, by the capital letter of maths


def value_name(name: str) -> bool:
    """Whether a name cited in a step's text is a value's (`ds`, `X_train`), not a type's (`List`, `LazyFrame`)."""
    return name.isidentifier() and (name[:1].islower() or _DATA_LETTER.fullmatch(name) is not None)


_WHERE = re.compile(r"path|file|fname|uri|url|dir|folder|output|dest", re.IGNORECASE)  # names of places
_VALUE_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "Path", "PathLike", "os.PathLike", "pathlib.Path"})


def _cited_for_parameter(draft: Draft, call: ast.Call, cited: str, ctx: BindContext, wired: _Wired) -> bool:
    """`ascii.write(table, output: str)`, a call built from the API text alone, where the Inputs say "`rows` from
    Step 1": the one parameter nothing gives (no earlier result, key or import of that name, no default, not a
    plain value) is the cited result the step does not read yet, not a config key holding text. So is a name an
    example's call reads that nothing gives nor types (a snippet's `sns.violinplot(data=penguins, ...)`, where
    another example loaded `penguins` and the Inputs cite "`df` from Step 1"). Never a parameter named for a place
    (`pd.read_csv(path)` with "`model` from Step 1, holdout CSV", `save_pretrained(save_directory)`), by its name or
    its slot's, unless the result is one."""
    slots = [
        *((p, a) for p, a in zip(draft.positional, call.args, strict=False)),
        *((k.arg, k.value) for k in call.keywords if k.arg),
    ]
    annotated = (
        {p.name: p.annotation for p in signature_params(ctx.step, draft.api, all_params=True)} if draft.api else {}
    )
    passed = [a for a in [*call.args, *(k.value for k in call.keywords)] if isinstance(a, ast.Name)]
    contract = contract_hints(ctx.step)
    documented = {a.id: merge_hints(draft.hints.get(a.id), contract.get(a.id)) for a in passed}
    for slot, arg in slots:  # `create_all(engine)`, whose first parameter is `bind: Engine`: typed by its slot
        if isinstance(arg, ast.Name) and not documented[arg.id].type and annotated.get(slot):
            documented[arg.id] = replace(documented[arg.id], type=annotated[slot])
    free, gives = set(free_names(draft)), _giving(draft, ctx)
    open_ = [
        a.id
        for a in passed
        if a.id in free  # (not `geom = shapely.buffer(...)`: the example's own, which _reuse judges)
        and not gives(a.id)
        and not documented[a.id].optional
        # (an example's name the page types, `bind: Engine`, is found by its type: step 3's `target_engine`)
        and (
            documented[a.id].type.strip() not in _VALUE_TYPES
            if draft.source is Source.API
            else not documented[a.id].type
        )
    ]
    if len(open_) != 1:
        return False
    name = open_[0]
    where = [name, *(slot for slot, arg in slots if isinstance(arg, ast.Name) and arg.id == name)]
    if any(_WHERE.search(w) for w in where) and not _WHERE.search(cited):
        return False  # `model.save_pretrained(save_directory)` with "`model`, `tokenizer` from Step 1": a place
    value = ast.Name(id=cited, ctx=ast.Load())
    draft.statements = [_Substitute(name, value).visit(s) for s in draft.statements]
    draft.hints.pop(name, None)
    number = ctx.artifacts[cited].step
    wired.changes.append(f"takes {cited} from step {number} for {name}, as its Inputs say")
    return True


def _cited_element(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`ax.hist(samples, ...)`, where the Inputs say "`axs[0, 0]` from Step 2" and step 2 made `axs`: the object
    the example calls the API on, under a name of its own no earlier step made, is that part of the earlier result
    (every read of it: `fig.colorbar(im, ax=ax)` too). Only where the Inputs take one such part."""
    call = anchor_call(draft)
    if call is None or not isinstance(call.func, ast.Attribute) or not isinstance(call.func.value, ast.Name):
        return
    name = call.func.value.id
    if ctx.has(name) or name in draft.imported() or name in ctx.tables.modules:
        return  # (`pd.to_datetime(...)`: a module's function, not a method of the part)
    parts = [p for p in parts_cited(step.inputs) if ctx.has(dotted(p.value)[0])]
    if len(parts) != 1:
        return
    holder = ctx.artifacts[dotted(parts[0].value)[0]]
    assigned = [
        (s, [n.id for t in s.targets for n in walk(t) if isinstance(n, ast.Name)])
        for s in draft.statements
        if isinstance(s, ast.Assign)
    ]
    makers = [(s, targets) for s, targets in assigned if name in targets]
    if not makers and name not in free_names(draft):
        return
    # the name is the example's own, or made again as the whole was made: by its call, or beside another result of
    # the step that made it (`fig, ax = plt.subplots()`, where step 2 made `fig` and `axs`)
    for stmt, targets in makers:
        by_its_call = isinstance(stmt.value, ast.Call) and ".".join(dotted(stmt.value.func)) == holder.producer
        beside = any(ctx.has(n) and ctx.artifacts[n].step == holder.step for n in targets)
        if not (by_its_call and holder.producer) and not beside:
            return
    draft.statements = [_Substitute(name, parts[0]).visit(s) for s in draft.statements]
    wired.changes.append(f"works on {ast.unparse(parts[0])} from step {holder.step}, as its Inputs say, not on {name}")


def _cited_items(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`for page in reader.pages:`, where the Inputs say "`selected` pages from Step 2", a list step 2 made of
    `reader`: the loop goes over the cited result, not over all the object it was made of holds. Only for the one
    earlier result the Inputs quote and the step does not read, made (at any remove) of the object whose attribute
    the loop reads (`enumerate(reader.pages)` too, and a comprehension's `for`); never a method's answer
    (`model.named_parameters()`)."""
    read = {*free_names(draft), *names(draft.statements)[1]}
    quoted = [n for n in dict.fromkeys(code_spans(step.inputs)) if ctx.has(n) and n not in read]
    if len(quoted) != 1:
        return
    wanted, ancestors = quoted[0], ctx.ancestors(quoted[0])
    swapped: list[str] = []
    for loop in [n for s in draft.statements for n in walk(s) if isinstance(n, (ast.For, ast.comprehension))]:
        holder: ast.expr = loop.iter
        counted = isinstance(holder, ast.Call) and dotted(holder.func) == ("enumerate",) and len(holder.args) == 1
        items = holder.args[0] if isinstance(holder, ast.Call) and counted else holder
        path = dotted(items) if isinstance(items, ast.Attribute) else ()
        if len(path) < 2 or path[0] not in ancestors:
            continue
        swapped.append(ast.unparse(items))
        value = ast.copy_location(ast.Name(id=wanted, ctx=ast.Load()), items)
        if isinstance(holder, ast.Call) and counted:
            holder.args[0] = value
        else:
            loop.iter = value
    if swapped:
        number = ctx.artifacts[wanted].step
        wired.changes.append(
            f"loops over {wanted} from step {number}, as its Inputs say, instead of {', '.join(dict.fromkeys(swapped))}"
        )


def _read_from_cited(arg: ast.expr, ctx: BindContext, cited: set[int], had: Callable[[str], bool]) -> bool:
    """Whether an argument is made of a result a cited step made and what the step has (earlier results, keys,
    imports): a method's answer (`model.parameters()`) or a call on it (`cv2.cvtColor(image_uint8, ...)`, of step
    5's `image_uint8`): cited data, no sample. (`image > thresh` with the example's own `image` is made of its
    sample.)"""
    read = [n.id for n in walk(arg) if isinstance(n, ast.Name)]
    return any(ctx.has(n) and ctx.artifacts[n].step in cited for n in read) and all(had(n) for n in read)


def _cited_in_prose(step: Step) -> set[int]:
    """The steps the Inputs take one thing from, said in prose, in a part quoting no name ("the unknown Symbol from
    Step 1"; not "`X`, `y` from Step 1")."""
    return {
        n
        for part in clauses(step.inputs or "")
        if "`" not in part and not re.search(r"\band\b|,", part.split(" from ")[0])  # (not "features and labels")
        for n in from_steps(part)
    }


def _of_variables(arg: ast.expr, call: ast.Call, imported: set[str]) -> bool:
    """Whether an argument is built of names the call is also given as arguments of their own: `x**2 - x` of
    `solveset(x**2 - x, x)`, an example's expression in the variable it solves for, not data made of `x`. The
    functions it calls are no variables (`cos` of `cos(x)`, `sympy` of `sympy.cos(x)`, imported), but an object a
    method is called on is (`g` of `g.diff(x)`)."""
    given = {a.id for a in [*call.args, *(k.value for k in call.keywords)] if isinstance(a, ast.Name)}
    functions = {id(n.func) for n in walk(arg) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    read = {n.id for n in walk(arg) if isinstance(n, ast.Name) and id(n) not in functions and n.id not in imported}
    return bool(given) and not isinstance(arg, ast.Name) and read <= given


_IN_MEMORY = re.compile(r"(?:^|\.)(?:StringIO|BytesIO)$")


def _in_memory_file(draft: Draft, step: Step, wired: _Wired) -> None:
    """`csv = io.StringIO("tenure,contract\\n3,Month-to-month\\n...")` passed to `pd.read_csv(csv)`, where the Key
    Parameters list `filepath_or_buffer` ("path to the training CSV"): the page's rows in memory stand for the
    user's file, which that key names. So does a download (`weights_location = snapshot_download(repo_id=...)`
    passed as `checkpoint`, which the Key Parameters list): the key names the user's copy."""
    call = anchor_call(draft)
    if call is None:
        return
    keys = key_hints(step)
    passed = [(draft.positional[n] if n < len(draft.positional) else "", arg) for n, arg in enumerate(call.args)]
    passed += [(k.arg, k.value) for k in call.keywords if k.arg]
    used = {n.id for s in draft.statements for n in walk(s) if isinstance(n, ast.Name)}
    for param, arg in passed:
        if param not in keys or param in used or not _takes_a_path(param, keys[param].type):
            continue  # (`csv.DictReader(f)` takes an open file: a path there would be read as its characters)
        if _in_memory(arg):  # `pd.read_csv(io.StringIO("a,b\\n1,2\\n"))`
            swapped = ast.unparse(arg)
            for n, value in enumerate(call.args):
                if value is arg:
                    call.args[n] = ast.Name(id=param, ctx=ast.Load())
            for keyword in call.keywords:
                if keyword.value is arg:
                    keyword.value = ast.Name(id=param, ctx=ast.Load())
        elif isinstance(arg, ast.Name):
            maker = next(
                (
                    s
                    for s in draft.statements
                    if isinstance(s, ast.Assign)
                    and [ast.unparse(t) for t in s.targets] == [arg.id]
                    and (_in_memory(s.value) or _downloaded(s.value))
                ),
                None,
            )
            if maker is None or maker is draft.anchor:
                continue
            swapped = ast.unparse(maker.value)
            draft.statements.remove(maker)
            rename(draft.statements, arg.id, param)
        else:
            continue
        wired.changes.append(f"reads the file {param} names instead of the example's {swapped[:50]}")
        return


class _TestPaths(ast.NodeTransformer):
    """`datapath("lee_background.cor")`, `get_tmpfile("vectors.kv")` (of `gensim.test.utils`) replaced by the file
    name they are given: the library's test folder and a temporary one are no place for the user's data or
    results."""

    def __init__(self, helpers: set[str]) -> None:
        self.helpers = helpers
        self.replaced: list[str] = []

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        if (
            isinstance(node.func, ast.Name)
            and node.func.id in self.helpers
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            self.replaced.append(ast.unparse(node))
            return node.args[0]
        return node


def _without_test_paths(draft: Draft, wired: _Wired) -> None:
    """The paths the library's test helpers make of a file name, that file name (_TestPaths)."""
    helpers = from_tests(draft.imports)
    if not helpers:
        return
    paths = _TestPaths(helpers)
    draft.statements = [paths.visit(s) for s in draft.statements]
    for replaced in paths.replaced:
        wired.changes.append(f"uses the file name {replaced[:60]} is given, not the library's test or temporary folder")


_SCALARS = frozenset({"int", "float", "str", "bool"})


def _by_position(draft: Draft, call: ast.Call, kinds: tuple[ParamKind, ...] = BY_POSITION) -> list[ApiParam]:
    """The draft API's parameters a call's positional arguments fill, in order: a method called on an object
    (`obj.m(a)`) passes no `self`, nor a module's function written as a method (`districts.sjoin(stations)`) its
    first parameter."""
    api = draft.api
    if api is None:
        return []
    positional = [p for p in api.params if p.kind in kinds]
    on_object = api.takes_self and isinstance(call.func, ast.Attribute)
    return positional[1:] if positional and (on_object or draft.on_first) else positional


def _documented_varargs(draft: Draft, keys: dict[str, Hint], claims: _Claims) -> None:
    """`torch.randn(1, 3, 224, 224)` for `torch.randn(*size, ...)`, where the Key Parameters document `size`: the
    values written out for the API's `*args` become that key (a tuple), passed as `*size`."""
    call, api = anchor_call(draft), draft.api
    if call is None or api is None:
        return
    positional = _by_position(draft, call, (*BY_POSITION, ParamKind.VAR))
    at = next((n for n, p in enumerate(positional) if p.kind is ParamKind.VAR), None)
    if at is None or len(call.args) <= at:
        return
    name = positional[at].name
    values = call.args[at:]
    literals = [text for text in (literal_source(v) for v in values) if text is not None]
    if name not in keys or name in claims.taken or len(literals) != len(values):
        return  # (a `*rest` passed on is no literal either)
    claims.taken.add(name)
    draft.literals[name] = "(" + ", ".join(literals) + ("," if len(literals) == 1 else "") + ")"
    call.args[at:] = [ast.Starred(value=ast.Name(id=name, ctx=ast.Load()), ctx=ast.Load())]


# a key holding a function (`nodetype: callable`, `func: Callable[[x], y]`); the generated runtime turns its value, a
# dotted name in config, into the function it names
_FUNCTION_KEY = re.compile(r"(?:typing\.|collections\.abc\.)?(?:callable|Callable)\b|function$")


def _documented_function(draft: Draft, keys: dict[str, Hint], claims: _Claims) -> None:
    """`nx.read_edgelist(path, nodetype=int)`, where the Key Parameters document `nodetype: callable` - "converts node
    labels, e.g. `int`": the function passed is that key, its default the function's name (`"int"`; a module's by
    its full name, `np.median` as `"numpy.median"`), which the generated runtime turns back into the function. Left
    in the code, a file of text labels failed on `int`, with no key to change it."""
    call = anchor_call(draft)
    if call is None:
        return
    modules = {
        alias.asname or alias.name: alias.name for i in draft.imports if isinstance(i, ast.Import) for alias in i.names
    }
    for keyword in call.keywords:
        key, value = keyword.arg, keyword.value
        if key is None or key not in keys or key in claims.taken or key in draft.literals:
            continue
        if not _FUNCTION_KEY.match(keys[key].type.strip()):
            continue
        path = ".".join(dotted(value))
        root, _, rest = path.partition(".")
        if not path or (rest and root not in modules) or (not rest and root not in BUILTINS):
            continue
        draft.literals[key] = repr(f"{modules[root]}.{rest}" if rest else root)
        keyword.value = ast.Name(id=key, ctx=ast.Load())
        claims.taken.add(key)


def _documented_by_method(
    draft: Draft, keys: dict[str, Hint], claims: _Claims, free: list[str], bound: set[str]
) -> None:
    """`y = df.pop("MedHouseVal")`, where the Key Parameters document `target_column: str` - "name of the label
    column to pop off the frame": the one text a call of the method the description names takes is that key; so
    is the one a call of the method a path key's name starts with takes (`save_path`: `model.save("ppo")`)."""
    for key, hint in keys.items():
        if key in claims.taken or key in draft.literals or key in free or key in bound or not key.isidentifier():
            continue
        if hint.type != "str":
            continue
        # the description's own words, not code it quotes (`Path.glob`, `pl.col("status")`)
        prose = re.sub(r"`[^`]*`|\S*[.(]\S*", " ", hint.doc.lower())
        words = set(re.findall(r"[a-z_]+", prose))
        # `save_path: str` - "final model path": the path `model.save("ppo_resumed")` writes
        words.update(re.findall(r"^([a-z]+)_(?:path|file|filename|dir)$", key))
        found = [
            node
            for stmt in draft.statements
            for node in walk(stmt)
            if isinstance(node, ast.Call)
            and called(node.func) in words
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ]
        if len(found) != 1:
            continue
        text = found[0].args[0]
        assert isinstance(text, ast.Constant)
        draft.literals[key] = repr(text.value)
        found[0].args[0] = ast.Name(id=key, ctx=ast.Load())
        claims.taken.add(key)


def _documented_method_argument(
    draft: Draft, keys: dict[str, Hint], claims: _Claims, free: list[str], bound: set[str]
) -> None:
    """`.agg({"value": ["mean", "min", "max", "count"]})`, where the Key Parameters document `agg: str` - "aggregation
    applied per bin (e.g. "mean")": a key named after a method the example calls once, with one literal argument,
    is that argument. Its default is the literal when it is of the documented type, else the value the description
    gives (the example's several aggregations of a column make columns of two levels, which the next step did
    not read)."""
    methods: list[tuple[str, ast.Call]] | None = None  # (method, call) of the calls with one positional argument
    for key, hint in keys.items():
        if key in claims.taken or key in draft.literals or key in free or key in bound or not key.isidentifier():
            continue
        if methods is None:  # walked once, for the first key that may be one
            methods = [
                (node.func.attr, node)
                for stmt in draft.statements
                for node in walk(stmt)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and len(node.args) == 1  # (beside keywords: `probs.topk(2, dim=-1)`, where they document `topk: int`)
            ]
        found = [call for method, call in methods if method == key]
        literal = literal_source(found[0].args[0]) if len(found) == 1 else None
        if literal is not None and not fits_type(literal, hint.type):
            literal = hint.default  # the value the description gives ("e.g. "mean"")
        if literal is None:
            continue
        draft.literals[key] = literal
        found[0].args[0] = ast.Name(id=key, ctx=ast.Load())
        claims.taken.add(key)


_FILE_TEXT = re.compile(r"[\w./~-]*\w\.([A-Za-z]\w{0,9})")  # "out/trials.csv": a file, by its extension


def _path_of_text(value: ast.expr) -> ast.Call | None:
    """`Path("photos/")`: a path made of one literal text, or None."""
    if (
        isinstance(value, ast.Call)
        and dotted(value.func) in (("Path",), ("pathlib", "Path"))
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
    ):
        return value
    return None


def _unnamed_paths(
    pattern: re.Pattern[str], draft: Draft, keys: dict[str, Hint], claims: _Claims, taken: set[str]
) -> dict[str, Hint]:
    """The Key Parameters named as pattern says a path is (a file's, a folder's), typed as text or a path or not at
    all, that the statements do not name and no key has taken."""
    return {
        key: hint
        for key, hint in keys.items()
        if pattern.search(key)
        and hint.type.split("|")[0].strip() in ("", "str", "Path", "pathlib.Path", "os.PathLike")
        and key not in claims.taken
        and key not in draft.literals
        and key not in taken
    }


class _DocumentedPaths:
    """The Key Parameters documenting a file path the statements do not name (`output_path: str` - PNG file
    written by `plt.savefig`; `output_csv: str` - file written with `df.to_csv`): a file the example names as a
    literal (`plt.savefig("karate.png")`) takes such a key, named and described as documented, instead of a key
    named after nothing the wiki says (`filename`). A key goes to the file whose call its description names, or
    to the one file of the extension its name or description gives, or, when the step documents one such key and
    the statements name one file (or open one), to that file. Folders (`output_dir`) are no file's key."""

    def __init__(self, draft: Draft, keys: dict[str, Hint], claims: _Claims, taken: set[str]) -> None:
        self.keys = _unnamed_paths(PATH_KEY, draft, keys, claims, taken)
        self.files: list[str] = []  # the extensions of the files the statements name
        self.opens = 0  # how many `open(...)` calls they make
        for node in (n for stmt in draft.statements for n in walk(stmt)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = _FILE_TEXT.fullmatch(node.value)
                if match is not None:
                    self.files.append(match.group(1).lower())
            elif isinstance(node, ast.Call) and dotted(node.func) == ("open",):
                self.opens += 1

    def pick(self, call: str, text: str, alone: bool = False) -> str | None:
        """The documented key for the file text that call is given, taken (None: no key documents it); alone:
        the call is the statements' only one of its kind (`open`), so one documented key is its key whatever
        the text."""
        if not self.keys:
            return None
        match = _FILE_TEXT.fullmatch(text)
        if match is None and not alone:
            return None  # `save(format="tf")`: no file, whatever call the description names
        extension = match.group(1).lower() if match else ""
        tests: list[Callable[[str, Hint], bool]] = [
            lambda key, hint: bool(call) and re.search(rf"(?<!\w){re.escape(call)}\b", hint.doc) is not None,
            lambda key, hint: bool(hint.default) and literal_value(hint.default or "") == text,
        ]
        if extension and self.files.count(extension) == 1:
            tests.append(
                lambda key, hint: (
                    extension in key.split("_")
                    or re.search(rf"\b{re.escape(extension)}\b", hint.doc, re.IGNORECASE) is not None
                )
            )
        for test in tests:
            found = [key for key, hint in self.keys.items() if test(key, hint)]
            if len(found) == 1:
                del self.keys[found[0]]
                return found[0]
        if len(self.keys) == 1 and (alone or (extension and len(self.files) == 1)):
            return self.keys.popitem()[0]
        return None


_COLUMN_KEY = re.compile(r"(?:^|_)(?:col|column|label|target)(?:_name)?$")


def _column_texts(statements: list[ast.stmt], dropped: bool = True) -> list[ast.Constant]:
    """The texts statements select a table's column by: `df["churn"]`, `df.pop("churn")`, `df.drop(columns=
    ["churn"])`, `df.drop("churn", axis=1)` (with dropped False, not the texts only dropped)."""
    found: list[ast.Constant] = []

    def text(node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                text(element)

    for node in (n for stmt in statements for n in walk(stmt)):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
            text(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("pop", "drop"):
            if node.func.attr == "drop" and not dropped:
                continue
            for arg in node.args[:1]:
                text(arg)
            for keyword in node.keywords:
                if keyword.arg == "columns":
                    text(keyword.value)
    return found


def _documented_column(draft: Draft, step: Step, keys: dict[str, Hint], claims: _Claims, taken: set[str]) -> None:
    """`y = df.pop("churn")`, `X = df.drop(columns=["label"])`, where the Key Parameters document one column key
    (`target_column: str` - name of the label column (default "label")) the statements do not name: the one text
    they select a column by is that key, everywhere they write it, with the documented default (the optuna and
    xgboost trials: the label column stayed "churn" in the code, a user's table with another label failed with
    KeyError, and `drop(columns=...)` became a key of its own that setting the label did not change). A key the
    API cell indexes with is the column key, whatever its name (`pd.read_csv(path)[value_column]`, statsmodels)."""
    indexed = _subscripted_in_cell(step, keys)
    documented = [
        key
        for key, hint in keys.items()
        if (
            key == indexed
            or indexed is None
            and _COLUMN_KEY.search(key)
            and ("col" in key or re.search(r"\bcolumns?\b", hint.doc, re.IGNORECASE))  # not `target` - the language
        )
        and hint.type.strip() in ("", "str")
        and key not in claims.taken
        and key not in draft.literals
        and key not in taken
    ]
    texts = {str(node.value) for node in _column_texts(draft.statements)}
    if len(texts) > 1:  # `y = df["Class"]`, `X = df.drop(columns=["Class", "Time"])`: the column selected is the key's
        texts = {str(node.value) for node in _column_texts(draft.statements, dropped=False)}
    if len(documented) != 1 or len(texts) != 1:
        return
    key, text = documented[0], texts.pop()
    replacer = _Text(text, key)
    draft.statements = [replacer.visit(stmt) for stmt in draft.statements]
    draft.literals[key] = keys[key].default or repr(text)
    claims.taken.add(key)
    _other_dropped(draft, key, claims)


def _documented_selection(draft: Draft, keys: dict[str, Hint], claims: _Claims, taken: set[str]) -> None:
    """`X = sm.add_constant(df[["sqft", "bedrooms", "age"]])`, where the Key Parameters document `regressors:
    list[str]` - "names of the explanatory columns"; `len(cv_results["valid l2-mean"])`, where they document
    `metric_key: str` - "key of the mean metric in `cv_results`": what the example selects by is that key, with the
    documented default, else the example's. A list key whose description speaks of columns takes the one list of
    texts the statements index with; a text key whose description names a variable, the one text that variable is
    indexed with. (Hard-coded, a table with other columns failed with KeyError, and so did another metric.)"""
    subscripts = [
        node
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name)
    ]
    for key, hint in keys.items():
        if key in claims.taken or key in draft.literals or key in taken or not key.isidentifier():
            continue
        base = hint.type.replace(" ", "").lower()
        if base in ("list[str]", "list", "sequence[str]") and re.search(r"\bcolumns?\b", hint.doc, re.IGNORECASE):
            found = [
                n
                for n in subscripts
                if isinstance(n.slice, ast.List)
                and n.slice.elts
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in n.slice.elts)
            ]
        elif base == "str":
            prose = set(re.findall(r"[A-Za-z_]\w*", hint.doc))
            found = [
                n
                for n in subscripts
                if isinstance(n.value, ast.Name)
                and n.value.id in prose
                and isinstance(n.slice, ast.Constant)
                and isinstance(n.slice.value, str)
            ]
        else:
            continue
        literals = {ast.unparse(n.slice) for n in found}
        if len(literals) != 1:
            continue
        draft.literals[key] = hint.default or literals.pop()
        for node in found:
            node.slice = ast.copy_location(ast.Name(id=key, ctx=ast.Load()), node.slice)
        claims.taken.add(key)


_FOLDER_KEY = re.compile(r"(?:^|_)(?:dir|directory|folder)$")
_FOLDER_CALLS = {("Path",), ("pathlib", "Path"), ("os", "makedirs"), ("os", "mkdir"), ("os", "listdir")}


def _documented_folder(draft: Draft, keys: dict[str, Hint], claims: _Claims, taken: set[str]) -> None:
    """`out = Path("thumbs")`, where the Key Parameters document `output_dir: str` - "destination folder for the
    thumbnails": the one folder the statements name (given to `Path(...)`, `os.makedirs(...)`, `os.listdir(...)`)
    is the one folder key the wiki documents and the statements do not name, with the documented default, else the
    example's folder. (Hard-coded, the thumbnails went to `thumbs/` whatever `output_dir` said.)"""
    documented = list(_unnamed_paths(_FOLDER_KEY, draft, keys, claims, taken))
    if len(documented) != 1:
        return  # (most steps document none: no walk of their statements)
    found = [
        node.args[0]
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Call)
        and dotted(node.func) in _FOLDER_CALLS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and _FILE_TEXT.fullmatch(node.args[0].value) is None  # a folder, not `Path("data.csv")`
    ]
    folders = {str(node.value) for node in found}
    if len(folders) != 1:
        return
    key, folder = documented[0], folders.pop()
    if not folder.strip() or set(folder) & set("*?[{"):
        return  # (`Path(".")`, a pattern: no folder of the user's)
    replacer = _Text(folder, key)
    draft.statements = [replacer.visit(stmt) for stmt in draft.statements]
    draft.literals[key] = keys[key].default or repr(folder)
    claims.taken.add(key)


def _other_dropped(draft: Draft, key: str, claims: _Claims) -> None:
    """`df.drop(columns=[target_column, "Time"])`, the label now a key: the other columns dropped beside it are a
    key of their own (`drop_columns = ["Time"]`), so a table without them needs no code edit."""
    for node in (n for stmt in draft.statements for n in walk(stmt)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "drop"):
            continue
        for keyword in node.keywords:
            listed = keyword.value
            if keyword.arg != "columns" or not isinstance(listed, ast.List):
                continue
            others = [e for e in listed.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            names_ = [e for e in listed.elts if isinstance(e, ast.Name) and e.id == key]
            if not others or len(names_) != 1 or len(others) + 1 != len(listed.elts):
                continue
            literal = repr([e.value for e in others])
            name = claims.claim("drop_columns", literal, "")
            draft.literals[name] = literal
            listed.elts = [names_[0], ast.Starred(value=ast.Name(id=name, ctx=ast.Load()), ctx=ast.Load())]


def _documented_slot(draft: Draft, name: str, keys: dict[str, Hint]) -> str | None:
    """The parameter of the step's call a name is passed to, when that is the only place the statements read it and
    the Key Parameters document the parameter under another name (`quantize_dynamic(model_fp32, model_quant)`,
    where they document `model_input` and `model_output`); None otherwise."""
    call, api = anchor_call(draft), draft.api
    if call is None or api is None or name in keys:
        return None
    reads = [
        n for s in draft.statements + draft.definitions for n in walk(s) if isinstance(n, ast.Name) and n.id == name
    ]
    if len(reads) != 1 or not isinstance(reads[0].ctx, ast.Load):
        return None
    positional = [p.name for p in _by_position(draft, call)]
    slots = [
        *((p, a) for p, a in zip(positional, call.args, strict=False) if not isinstance(a, ast.Starred)),
        *((k.arg, k.value) for k in call.keywords if k.arg),
    ]
    found = next((p for p, a in slots if isinstance(a, ast.Name) and a.id == name), None)
    return found if found is not None and found != name and found in keys else None


def _takes_a_path(param: str, type_: str) -> bool:
    """Whether a parameter takes a file's path: named so (`filepath_or_buffer`, `path`, `fname`) or typed so."""
    return bool(re.search(r"path|file|fname|uri|url", param, re.IGNORECASE)) or bool(
        re.search(r"\b(?:str|Path|PathLike|FilePath)\b", type_ or "")
    )


_DOWNLOADS = frozenset({"snapshot_download", "hf_hub_download", "cached_download", "urlretrieve", "get_file"})


def _downloaded(value: ast.expr) -> bool:
    """Whether a value is a file or folder fetched from a hub or URL (`snapshot_download(repo_id="...")`): the page's
    way to get a copy of what the user's own path names."""
    return isinstance(value, ast.Call) and called(value.func) in _DOWNLOADS


def _in_memory(value: ast.expr) -> bool:
    """Whether a value is a file made in memory of literal text (`io.StringIO("a,b\\n1,2\\n")`)."""
    return (
        isinstance(value, ast.Call)
        and _IN_MEMORY.search(".".join(dotted(value.func))) is not None
        and bool(value.args)  # not `io.BytesIO()`: an empty one a library writes into
        and all(literal_source(a) is not None or isinstance(a, ast.JoinedStr) for a in value.args)
    )


def _cited_list(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`concatenate_datasets([stories, wiki])`, where the Inputs say "`scraped` from Step 2, aligned `manual` from
    Step 4" and the example loads `stories` and `wiki` from the Hub: a list the API's call takes, of names the
    example makes of nothing an earlier step made nor a file, as many as the results the Inputs quote from the
    steps they cite and the step does not read, is those results, in the order the Inputs give them."""
    call = anchor_call(draft)
    cited, quoted = _cited_steps(step, ctx)
    if call is None or not cited:
        return
    read = {*free_names(draft), *names(draft.statements)[1]}
    quoted = [n for n in quoted if n not in read]
    made = _made_of_nothing(draft, ctx)
    makers = {
        t.id: s.value
        for s in draft.statements
        if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    api = draft.api
    for value in call.args[:1]:  # the data the call takes first (`concatenate_datasets([a, b])`), not `callbacks=[...]`
        if not (isinstance(value, (ast.List, ast.Tuple)) and len(value.elts) == len(quoted) >= 2):
            continue
        elements = [e.id for e in value.elts if isinstance(e, ast.Name) and e.id in made]
        if len(elements) != len(value.elts):
            continue
        if api is not None and any(e in makers and _makes_an_object(makers[e], api) for e in elements):
            continue  # `[early_stop, slow_stop]` of `EarlyStopping(...)`: objects to work with, not data
        swapped = [ast.unparse(e) for e in value.elts]
        value.elts = [ast.Name(id=n, ctx=ast.Load()) for n in quoted]
        draft.statements = _without_feeders(draft.statements, draft, ctx)
        wired.changes.append(f"takes {', '.join(quoted)}, as its Inputs say, instead of {', '.join(swapped)}")
        return


_HELD_OUT = ("valid", "val", "test", "eval", "dev")


def _cited_splits(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`Pool(X[:160], y[:160])` and `Pool(X[160:], y[160:])`, where the Inputs say "`X_train`, `y_train`,
    `X_valid`, `y_valid` from Step 2": the example's own split of its data stands for the split the step takes; a
    slice to a number is `<name>_train`, one from it the held-out part (`_valid`, `_val`, `_test`, `_eval`,
    `_dev`), each when the Inputs quote it (`roc_auc_score(y[300:], ...)` with "`y_valid` from Step 2")."""
    quoted = set(_cited_steps(step, ctx)[1])
    if not quoted:
        return
    swapped: list[str] = []

    class Split(ast.NodeTransformer):
        def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
            self.generic_visit(node)
            part, base = node.slice, node.value
            if not (isinstance(part, ast.Slice) and part.step is None and isinstance(base, ast.Name)):
                return node
            ends = (part.lower, part.upper)
            if not any(isinstance(e, ast.Constant) and isinstance(e.value, int) for e in ends if e is not None):
                return node
            held_out = [f"{base.id}_{word}" for word in _HELD_OUT if f"{base.id}_{word}" in quoted]
            if part.lower is None:
                name = f"{base.id}_train" if f"{base.id}_train" in quoted else ""
            else:
                name = held_out[0] if part.upper is None and held_out else ""
            if not name:
                return node
            swapped.append(f"{ast.unparse(node)} -> {name}")
            return ast.copy_location(ast.Name(id=name, ctx=ast.Load()), node)

    statements = [Split().visit(stmt) for stmt in draft.statements]
    if swapped:
        draft.statements = _without_feeders(statements, draft, ctx)
        wired.changes.append(f"takes the split its Inputs cite instead of the example's: {', '.join(swapped)}")


_SPLITS = (("train",), ("test",), ("val", "valid", "validation", "eval", "dev"))


def _split_of(name: str) -> tuple[str, ...]:
    """The words for the split a name is of: `dtrain`, `X_train` the training split, `eval_dataset`, `dval` the
    validation split; () when it names none (`interval`, `retrain`)."""
    for word in name.lower().split("_"):
        for group in _SPLITS:
            if any(word == w or (word.endswith(w) and len(word) == len(w) + 1) for w in group):
                return group
    return ()


def _part_for(name: str, split: tuple[str, ...], quoted: set[str]) -> str | None:
    """The cited result that is name's part of a split: `X` -> `X_test`; `X_train` -> `X_test`."""
    own = _split_of(name)
    for word in split:
        if own:
            pattern = "|".join(sorted(own, key=len, reverse=True))
            candidate = re.sub(rf"(?i)(?<![a-z])({pattern})(?![a-z])", word, name, count=1)
        else:
            candidate = f"{name}_{word}"
        if candidate in quoted:
            return candidate
    return None


def _per_split(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`dtrain = xgb.DMatrix(X, label=y)`, where the Outputs say "`dtrain`, `dtest` DMatrix objects" and the Inputs
    "`X_train, y_train, X_test, y_test` from Step 1": the call is made once for each split the Outputs name, on
    the cited results of that split (`dtest = xgb.DMatrix(X_test, label=y_test)`), when the example makes one."""
    anchor = draft.anchor
    if not (
        anchor in draft.statements
        and isinstance(anchor, ast.Assign)
        and len(anchor.targets) == 1
        and isinstance(anchor.targets[0], ast.Name)
    ):
        return
    target = anchor.targets[0].id
    splits = {name: split for name in named_outputs(step) if (split := _split_of(name))}
    if target not in splits or len(splits) < 2 or len(set(splits.values())) != len(splits):
        return
    made = names(draft.statements)[1]
    if any(name in made for name in splits if name != target):
        return  # the example makes each itself
    quoted = set(_cited_steps(step, ctx)[1])
    read = list(dict.fromkeys(n.id for n in walk(anchor.value) if isinstance(n, ast.Name)))
    copies: list[ast.stmt] = []
    for name, split in splits.items():
        parts = {n: part for n in read if (part := _part_for(n, split, quoted))}
        if not parts:
            return
        copy = clone(anchor)
        assert isinstance(copy, ast.Assign)
        for node in walk(copy.value):
            if isinstance(node, ast.Name) and node.id in parts:
                node.id = parts[node.id]
        copy.targets = [ast.Name(id=name, ctx=ast.Store())]
        copies.append(copy)
    at = draft.statements.index(anchor)
    draft.statements[at : at + 1] = copies
    draft.anchor = copies[list(splits).index(target)]
    draft.statements = _without_feeders(draft.statements, draft, ctx)  # the example's own `X = [[1, 2], ...]`
    made_here = ", ".join(name for name in splits if name != target)
    wired.changes.append(f"makes {made_here} as it makes {target}, from the split its Inputs cite for each")


def _cited_parts(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`train(X, y)` where the Inputs say "`X_train`, `y_train` from Step 2": a name the step reads that nothing
    earlier makes and no documented value sets is the one cited result named after it (`X` is `X_train`, `y` is
    `y_train`; `tokenizer` is `bert_tokenizer`), when exactly one is (never with `X_train` and `X_valid` both
    cited)."""
    _, quoted = _cited_steps(step, ctx)
    spans = code_spans(step.inputs or "")
    free = free_names(draft)
    imported = names(list(draft.imports))[1]
    swapped: list[str] = []
    for name in free:
        hint = draft.hints.get(name)
        if (hint is not None and hint.default is not None) or name in draft.literals:
            continue
        if name in imported or uses(draft.statements, name)[1]:
            continue  # a function (`label(mask)` of skimage.measure), not data
        if ctx.has(name):
            # step 1's `X`, where the Inputs quote "`X_train`, `y_train`" (made of it) and not `X`: the part
            if name in spans:
                continue
            parts = [q for q in spans if q.startswith(f"{name}_") and q not in free and name in ctx.ancestors(q)]
        else:
            parts = [q for q in quoted if q.startswith(f"{name}_") and q not in free]
            # `tokenizer.normalizer = ...` where the Inputs say "`bert_tokenizer` from Step 1": a kind of it
            parts = parts or [q for q in quoted if q.endswith(f"_{name}") and q not in free]
        if len(parts) != 1:
            continue
        rename(draft.statements, name, parts[0])
        draft.hints.pop(name, None)
        swapped.append(f"{name} -> {parts[0]}")
    if swapped:
        wired.changes.append(f"takes the results its Inputs cite for the names it reads: {', '.join(swapped)}")


def _described_source(step: Step, ctx: BindContext) -> int | None:
    """The one step whose results the Inputs cite by description only ("Upright image from Step 2": no name in
    code spans); None otherwise."""
    cited, _ = _cited_steps(step, ctx)
    if len(cited) != 1 or any(value_name(n) for n in code_spans(step.inputs or "")):  # (a type quoted is no name:
        return None  # "`DatasetDict` from Step 4")
    return next(iter(cited))


def _cited_main_result(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`rgb = im.convert("RGB")` where the Inputs say "Upright image from Step 2", and step 2 made `im` (the image it
    opened) and `upright` (what its API, `ImageOps.exif_transpose`, returned): the object the step's call works on
    (the receiver of its method, else its first argument), an earlier result of the cited step that its API did
    not make, is the one result that API made (or, when it made none, the result it changed in place: "Thumbnail
    image from Step 4", whose `rgb.thumbnail(size)` changed step 3's `rgb`); so is another step's result, when the
    Inputs name the cited one ("RGB image from Step 3": `rgb`) or both types are known. Never when the Inputs quote
    a name or name that object ("model from Step 2" keeps `model`), nor when known types disagree."""
    number, call = _described_source(step, ctx), anchor_call(draft)
    if number is None or call is None:
        return
    receiver = worked_on(call, ctx.has)
    if receiver is None or not ctx.has(receiver):  # `writer = Chem.SDWriter(path)` then `for mol in mols: ...`:
        read = [n for n in free_names(draft) if ctx.has(n)]  # the one earlier result the step reads, gone through
        gone = {
            g.iter.id
            for s in draft.statements
            for g in walk(s)
            if isinstance(g, ast.For | ast.comprehension) and isinstance(g.iter, ast.Name)
        }
        receiver = read[0] if len(read) == 1 and read[0] in gone else None
    if receiver is None:
        return

    def named(name: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", step.inputs, re.IGNORECASE) is not None

    if not ctx.has(receiver) or receiver not in free_names(draft) or named(receiver):
        return
    made, in_place = _made_by_step(number, ctx)
    if len(made) != 1 or made[0].name == receiver:
        return
    # (nor what the cited step made of it afterwards: step 1's `X_train`, split from the `df` its API made, stays;
    # the step's own results come in the order it made them)
    order = list(ctx.artifacts)
    if ctx.artifacts[receiver].step == number and order.index(receiver) > order.index(made[0].name):
        return
    mine, theirs = (t.rsplit(".", 1)[-1] for t in (ctx.artifacts[receiver].type, made[0].type))
    if mine and theirs and mine not in theirs and theirs not in mine:  # (an `ImageFile` is an `Image`)
        return
    # (nor one of another class than the method's: `Worksheet.append` is never called on step 1's `Workbook`, `ws`
    # of `wb.create_sheet()` is the Worksheet the Inputs cite)
    owner = draft.api.class_name if draft.api is not None else ""
    method = (
        isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == receiver
    )
    if method and owner and theirs and owner not in theirs and theirs not in owner:
        return
    # (nor the receiver when it is of the method's own class: `accelerator.load_state(input_dir)` where the Inputs
    # say "Checkpoint folder from step 5", `client.submit(sum, futures)` for "Futures from Step 3": what the cited
    # step made is an argument, never the Accelerator or the Client)
    if method and owner and mine == owner:
        return
    # (or the cited one was made of it: `cv.GaussianBlur(img, ...)` where the Inputs say "Grayscale image from Step
    # 2" and step 2 made `imgray` of step 1's `img`: the example's flow skips a step the workflow has)
    # (not an object built of it: `bigram = Phrases(docs)` is a model of the documents, which stay the data)
    maker = ctx.api_of(number)
    built = maker is not None and maker.last[:1].isupper() and maker.returns.strip() in ("", maker.last)
    later = receiver in ctx.ancestors(made[0].name) and not built
    if ctx.artifacts[receiver].step != number and not (named(made[0].name) or in_place or (mine and theirs) or later):
        return  # another step's result, unless the Inputs name the cited one ("RGB image from Step 3": `rgb`)
    rename(draft.statements, receiver, made[0].name)
    wired.changes.append(
        f"takes {made[0].name}, what step {number}'s call {'changed' if in_place else 'made'}, as its Inputs say, "
        f"instead of {receiver}"
    )


def _cited_unmade_receiver(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`annotated.save("enhanced.png")`, where the Inputs say "Annotated image from Step 6" and nothing makes
    `annotated`: the object the step's method is called on, which no earlier step and no statement of the step
    makes, is the one result the cited step made (or changed in place: step 6 drew on its `im`)."""
    number, call = _described_source(step, ctx), anchor_call(draft)
    if number is None or call is None:
        return
    if not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)):
        return
    receiver, api = call.func.value.id, draft.api
    # the API cell a method of an object too (`image.save(fp, ...)`), never a module's function (`np.save`)
    modules = module_names(ctx, [ast.unparse(i) for i in draft.imports])
    # (a class the page imports is no module: `DatasetDict.save_to_disk` on `encoded_dataset`)
    if (
        api is None
        or len(api.callee) != 2
        or call.func.attr != api.last
        or (api.callee[0] in modules and not api.class_name)
    ):
        return
    if (
        receiver in modules
        or ctx.has(receiver)
        or receiver not in free_names(draft)
        or receiver in draft.hints
        or receiver in draft.literals
    ):
        return
    made, in_place = _made_by_step(number, ctx)
    if len(made) != 1 or any(
        isinstance(n, ast.Name) and n.id == made[0].name for s in draft.statements for n in walk(s)
    ):
        return
    rename(draft.statements, receiver, made[0].name)
    wired.changes.append(
        f"takes {made[0].name}, what step {made[0].step}'s call {'changed' if in_place else 'made'}, as its Inputs "
        f"say, for the example's {receiver}, which nothing makes"
    )


def _typed_receiver(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`df = pl.DataFrame({"foo": [1, 2, 3], ...})` before `df.write_parquet(file)`, where the API is
    `DataFrame.write_parquet` and the Inputs say "Collected DataFrame, output path", citing no step: the latest
    earlier result of the API's class, which the Inputs name, stands for the page's own receiver
    (_receiver_stand_in)."""
    api = draft.api
    if api is None or len(api.callee) != 2 or not api.callee[0][:1].isupper() or _cited_steps(step, ctx)[0]:
        return
    if not re.search(rf"(?<![\w.]){re.escape(api.callee[0])}(?!\w)", step.inputs or ""):
        return
    typed = [a for a in ctx.artifacts.values() if a.type == api.callee[0] and not a.value]
    latest = max((a.step for a in typed), default=0)
    found = [a for a in typed if a.step == latest]
    if len(found) == 1:
        _receiver_stand_in(draft, found[0].name, ctx, wired)


def _made_by_step(number: int, ctx: BindContext) -> tuple[list[Artifact], bool]:
    """(the results step number's API made, whether they are what it changed in place instead: `rgb.thumbnail(size)`
    makes nothing and changes `rgb`)."""
    api = ctx.api_of(number)
    if api is None:
        return [], False
    made = [
        a
        for a in ctx.artifacts.values()
        if a.step == number and not a.value and a.producer.rsplit(".", 1)[-1] == (api.then or api.last)
    ]
    if not made and ctx.has(ctx.changed.get(number, "")):
        return [ctx.artifacts[ctx.changed[number]]], True
    if not made:  # the step's one result, made again under an earlier name (`start_with_ar =
        # start_with_ar.train_test_split(...)`: the record keeps the call that first made it)
        made = ctx.objects_of(number)
        made = made if len(made) == 1 else []
    return made, False


def _cited_read_from_file(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`im = Image.open("upright.jpg")` before `ImageEnhance.Contrast(im)`, where the Inputs say "Upright image from
    Step 2" and step 1 opened the user's photo by `Image.open`; `df = pd.read_csv("clean.csv")` where they say
    "Cleaned frame from Step 2": the example reads from a file of its own, by the call an earlier step read the
    user's data with, what the cited step made; the step takes that result instead (`Image.open("soft.png")
    .convert("RGB")` becomes `soft.convert("RGB")`). Only where the Inputs name no file and no result, the step
    reads no earlier result and reads one such file, and the cited step made one result, of that type."""
    number = _described_source(step, ctx)
    if number is None or INPUT_FILE.search(step.inputs or "") or any(ctx.has(n) for n in free_names(draft)):
        return
    reads = [
        (stmt, node, read, files)
        for stmt in draft.statements
        if stmt is not draft.anchor
        for node in walk(stmt)
        if isinstance(node, ast.Call)
        and (read := _read_by_earlier_step(node, ctx)) is not None
        and (files := _data_files(node, draft.literals, DATA_FILE))
    ]
    made, _ = _made_by_step(number, ctx)
    if len(reads) != 1 or len(made) != 1:
        return
    stmt, node, read_as, files = reads[0]
    mine, theirs = (t.rsplit(".", 1)[-1] for t in (read_as, made[0].type))
    if mine and theirs and mine not in theirs and theirs not in mine:
        return
    name = made[0].name
    _Replace(node, name).visit(stmt)
    at = draft.statements.index(stmt)
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and isinstance(stmt.value, ast.Name)
        and stmt.targets[0].id != name
    ):
        del draft.statements[at]  # `im = soft`: the step's `im` is `soft`
        rename(draft.statements, stmt.targets[0].id, name)
    wired.changes.append(f"takes {name} from step {made[0].step}, as its Inputs say, instead of reading {files[0]}")


def _read_by_earlier_step(call: ast.Call, ctx: BindContext) -> str | None:
    """The type it returns ("" when not said), when an earlier step's API is this call (`Image.open`): the call the
    workflow read its data with; None otherwise."""
    callee = tuple(dotted(call.func))
    for api in ctx.apis[: ctx.index]:
        if api is not None and callee and api.callee == callee and not api.then:
            return next(iter(split_types(api.returns)), "")
    return None


def _read_again(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`gc_records = [rec for rec in SeqIO.parse("long_orfs.fasta", "fasta") if ...]`, where step 1 read `records`
    by `SeqIO.parse` and step 2 filtered them into `long_records`: a step reading nothing earlier steps made, whose
    example reads again, from a data file, what an earlier step's call made, takes the earlier result instead: the
    one its Inputs cite, else the latest made of it under a name holding its name (`long_records`), else itself.
    Not where the Inputs name a file ("Reference FASTA file": the step reads data of its own), nor say nothing."""
    api, inputs = ctx.api, ctx.step.inputs or ""
    if api is None or not inputs or INPUT_FILE.search(inputs) or any(ctx.has(n) for n in free_names(draft)):
        return  # Inputs naming a file ("Reference FASTA file"): the step reads its own data
    for stmt in draft.statements:
        whole = stmt.value if isinstance(stmt, ast.Assign) else None  # `x = read(...)` again: _reuse's to take
        for node in walk(stmt):
            if not isinstance(node, ast.Call) or node is whole or contains_api(node, api, {}):
                continue
            earlier = ctx.produced_by(".".join(dotted(node.func))) or _made_by_step_calling(node, ctx)
            files = [
                a.value
                for a in [*node.args, *(k.value for k in node.keywords)]
                if isinstance(a, ast.Constant) and isinstance(a.value, str) and DATA_FILE.search(a.value)
            ]
            if earlier is None or not files:
                continue
            taken = _latest_of(earlier, ctx)
            _Replace(node, taken).visit(stmt)
            wired.changes.append(
                f"takes {taken} from step {ctx.artifacts[taken].step} instead of reading {files[0]} again"
            )
            return


def _made_by_step_calling(call: ast.Call, ctx: BindContext) -> str | None:
    """The one result of the latest earlier step whose API this is a call of (`records = list(SeqIO.parse(...))`
    of step 1, for `SeqIO.parse(...)`)."""
    for index in range(ctx.index - 1, -1, -1):
        api = ctx.apis[index]
        if api is not None and contains_api(call, api, {}):
            number = ctx.workflow.steps[index].number
            made = ctx.objects_of(number)
            return made[0].name if len(made) == 1 else None
    return None


def _latest_of(name: str, ctx: BindContext) -> str:
    """The earlier result standing for `name` now: the one the step's Inputs cite when that is one made of it (or
    it), else the latest made of it whose name holds its name (`long_records` of `records`), else name."""
    family = {name}
    latest = name
    for artifact in ctx.artifacts.values():
        if not artifact.value and family & set(artifact.made_from):
            family.add(artifact.name)
            if name in artifact.name:
                latest = artifact.name
    cited = [n for n in ctx.cited_by_inputs() if n in family]
    return cited[0] if len(cited) == 1 else latest


def _made_of_nothing(draft: Draft, ctx: BindContext) -> set[str]:
    """Names the draft's statements make of no earlier step's result and no data file (the page's own data: a Hub
    download, random numbers, rows written out), at any remove."""
    made: set[str] = set()
    real: set[str] = set()
    for stmt in draft.statements:
        read = set(names([stmt])[0])
        if read & real or any(ctx.has(n) for n in read) or _reads_files(stmt, draft):
            real |= names([stmt])[1]
        else:
            made |= names([stmt])[1]
    return made - real


def _source_of(artifact: str, calls: list[ast.Call], cited: set[int], ctx: BindContext) -> str | None:
    """The earlier result a call passes that the cited result was made of, from a step the Inputs do not cite
    (`data=df` of step 1, where they cite `train` from step 2, made of df): the cited result is meant."""
    made_from = ctx.artifacts[artifact].made_from
    for call in calls:
        for value in [*call.args, *(k.value for k in call.keywords)]:
            earlier = ctx.artifacts.get(value.id) if isinstance(value, ast.Name) else None
            if earlier is not None and earlier.name in made_from and earlier.step not in cited:
                return earlier.name
    return None


def _rows(node: ast.expr) -> bool:
    """Whether an argument is rows written out: a literal list or tuple of dicts, lists or tuples."""
    return (
        isinstance(node, (ast.List, ast.Tuple))
        and bool(node.elts)
        and all(isinstance(e, (ast.Dict, ast.List, ast.Tuple)) for e in node.elts)
        and literal_source(node) is not None
    )


class _Replace(ast.NodeTransformer):
    """One node replaced by a name."""

    def __init__(self, node: ast.AST, name: str) -> None:
        self.node, self.name = node, name

    def visit(self, node: ast.AST) -> ast.AST:
        if node is self.node:
            return ast.copy_location(ast.Name(id=self.name, ctx=ast.Load()), node)
        changed: ast.AST = super().visit(node)
        return changed


def _remade(draft: Draft, ctx: BindContext) -> set[str]:
    """The earlier results the draft's statements make again by the calls that made them, as _reuse takes them
    (`y_pred = predict(labels)`: step 2's `preds`; `clf = LGBMClassifier(...).fit(X, y)`: the classifier)."""
    found: set[str] = set()
    for stmt in draft.statements:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and len(stmt.targets) == 1:
            made = _fitted_again(stmt, ctx) or _made_again(stmt, ctx)
            if made:
                found.add(made)
    return found


def _made_again(stmt: ast.Assign, ctx: BindContext) -> str | None:
    """The earlier result an assignment makes again by the call that made it: not by a method of an earlier result,
    nor other data under a name of its own (`new_df = pd.read_csv("new_data.csv")`)."""
    producer = _callee_text(stmt.value)
    artifact = ctx.produced_by(producer) if producer and not ctx.alias(producer.split(".", 1)[0]) else None
    target = stmt.targets[0]
    if (
        artifact
        and not (isinstance(target, ast.Name) and target.id == artifact)
        and _reads_data_file(stmt.value, ctx.artifacts[artifact])
    ):
        return None
    return artifact


def _made_by_cited_step(stmt: ast.Assign, ctx: BindContext) -> str | None:
    """The one result of an earlier step the Inputs cite by its number, which an assignment makes again by that
    step's own call: `encodings = tokenizer.encode_batch([...])` before `decode_batch`, where the Inputs say
    "`List[Encoding]` from Step 4" and step 4 made `output` by `encode_batch` (the page's round trip, on its demo
    sentences, not the workflow's texts). None otherwise."""
    if not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return None
    made = ctx.made_again(stmt.value)
    # (not other data under a name of its own: `penguins = read_table("holdout.csv")` reads the user's file)
    if made is not None and made.name != stmt.targets[0].id and not _reads_data_file(stmt.value, made):
        return made.name
    return None


def _iterated_again(stmt: ast.For, draft: Draft, ctx: BindContext, wired: _Wired) -> bool:
    """`for doc in nlp.pipe(texts):` around `doc.ents`, where the Inputs say "Processed `Doc` objects from Step 4"
    and step 4 made its list of Docs by `nlp.pipe`: the loop goes over that earlier result, not over the page's demo
    texts made again (its variable renamed where it has the earlier result's name: `for item in doc:`)."""
    made = ctx.made_again(stmt.iter)
    if made is None or _reads_data_file(stmt.iter, made):
        return False
    call = _callee_text(stmt.iter)
    if isinstance(stmt.target, ast.Name) and stmt.target.id == made.name:
        taken = names(draft.statements)[1] | set(names(draft.statements)[0]) | set(ctx.artifacts)
        item = next(n for n in ("item", *(f"item{i}" for i in range(2, 100))) if n not in taken)
        rename([stmt], made.name, item)
    stmt.iter = ast.copy_location(ast.Name(id=made.name, ctx=ast.Load()), stmt.iter)
    wired.consumes[made.name] = made.name
    wired.changes.append(f"goes over {made.name} from step {made.step} instead of calling {call} again")
    return True


def _opened_in_with(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`with Image.open("hopper.jpg") as im:` around `ImageDraw.Draw(im)`, where the Inputs say "Image.Image to draw
    on" and step 1 made the canvas `im`: the body works on the earlier result (_opened_for_typed_input)."""
    kept: list[ast.stmt] = []
    for stmt in draft.statements:
        block = stmt if isinstance(stmt, ast.With) and len(stmt.items) == 1 else None
        target = block.items[0].optional_vars if block is not None else None
        if block is not None and isinstance(target, ast.Name):
            files = _opened_for_typed_input(ast.Assign(targets=[target], value=block.items[0].context_expr), ctx)
            if files:
                _use_earlier(target.id, _typed_instead(target.id, files[0], ctx), ctx, wired)
                kept.extend(block.body)
                continue
        kept.append(stmt)
    draft.statements = kept


def _use_earlier(name: str, why: str, ctx: BindContext, wired: _Wired) -> None:
    """The step takes the earlier result name for the example's own making of it, and says why."""
    wired.consumes[name] = name
    wired.changes.append(f"uses {name} from step {ctx.artifacts[name].step}{why}")


def _typed_instead(name: str, file: str, ctx: BindContext) -> str:
    return f", the {ctx.artifacts[name].type} its Inputs name, instead of reading {file}"


def _opened_for_typed_input(stmt: ast.Assign, ctx: BindContext) -> tuple[str, ...]:
    """The data files an assignment reads into the name of an earlier result whose type the step's Inputs name
    ("Image.Image to draw on", step 1's `im` an `Image.Image`), where they name no file of the step's own; empty
    otherwise."""
    target, inputs = stmt.targets[0], ctx.step.inputs or ""
    if not (isinstance(target, ast.Name) and ctx.holds_object(target.id)) or INPUT_FILE.search(inputs):
        return ()
    kind = ctx.artifacts[target.id].type
    if not kind or not re.search(rf"(?<![\w.]){re.escape(kind)}(?!\w)", inputs):
        return ()
    return _data_files(stmt.value, {}, DATA_FILE)


def _remade_of_nothing_given(stmt: ast.Assign, draft: Draft, ctx: BindContext) -> list[str]:
    """The names nothing gives that an assignment reads to make again, under its name, an earlier step's result
    (not reading it); empty when it does not."""
    target, read = stmt.targets[0], names([stmt])[0]
    if not (isinstance(target, ast.Name) and ctx.holds_object(target.id) and target.id not in read):
        return []
    gives = _giving(draft, ctx)
    return [n for n in read if not gives(n)]


def _giving(draft: Draft, ctx: BindContext) -> Callable[[str], bool]:
    """Whether something gives a name the draft reads: an earlier result or an alias of one, an import, a key, a
    literal the example assigned, a module's usual name."""
    keys, imported = key_hints(ctx.step), draft.imported()

    def gives(name: str) -> bool:
        return (
            ctx.has(name)
            or ctx.alias(name) is not None
            or name in imported
            or name in keys
            or name in draft.literals
            or name in ctx.tables.modules
        )

    return gives


def _fitted_again(stmt: ast.Assign, ctx: BindContext) -> str | None:
    """`clf = LGBMClassifier(...).fit(df, y)` where an earlier step made and fitted clf: that result, made and trained
    again under its name (not `model = create_model(...).eval()`, which only sets the earlier model up)."""
    maker = _fitted_maker(stmt.value)
    again = ctx.produced_by(_callee_text(maker)) if maker is not None else None
    target = stmt.targets[0]
    return again if again and isinstance(target, ast.Name) and target.id == again else None


def _names_a_file(node: ast.expr) -> bool:
    """Whether an expression builds a path: it holds a file name (`os.path.join(out, "ids.npy")`, `Path("a.csv")`)
    or joins one (`os.path.join(output_dir, name)`)."""
    if isinstance(node, ast.Call) and dotted(node.func)[-2:] in (("path", "join"), ("Path",), ("pathlib", "Path")):
        return True
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and _PATH_LITERAL.match(repr(n.value)) is not None
        for n in walk(node)
    )


def _sample_names(draft: Draft) -> set[str]:
    """Names the draft reads that stand for sample data: imported from a library's test helpers (`common_texts` of
    gensim.test.utils), or assigned rows written out, a list or tuple of two or more lists, tuples or dicts."""
    found = from_tests([n for n in draft.imports if isinstance(n, ast.ImportFrom)])
    for name, literal in draft.literals.items():
        value = literal_value(literal)
        if (
            isinstance(value, (list, tuple))
            and len(value) > 1
            and all(isinstance(v, (list, tuple, dict)) for v in value)  # rows, not texts naming columns or labels
        ):
            found.add(name)
    for stmt in draft.statements:  # `b = box(0, 0, 2, 3)`, `pts = np.array([[0, 1], [2, 3]])`: an object of numbers
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and _of_numbers(stmt.value)
            and _stores(draft.statements, stmt.targets[0].id) == 1
        ):
            found.add(stmt.targets[0].id)
    return found


def _of_demo_data(value: ast.expr, demo: set[str]) -> bool:
    """Whether an expression is made of a data set the library bundles (`pywt.data.ecg().astype(float) + noise`,
    `load_iris(return_X_y=True)` of `sklearn.datasets`, whose imported names are demo): a demo's data."""
    callees = [dotted(n.func) for n in walk(value) if isinstance(n, ast.Call)]
    return any(is_demo_data(c) or (len(c) == 1 and c[0] in demo) for c in callees)


def _of_numbers(value: ast.expr) -> bool:
    """Whether an expression is a call made of numbers written out (`box(0, 0, 2, 3)`, `Point(1.5, 2)`,
    `LineString([(0, 0), (1, 1)])`): a demo's object; never one naming a file, an id or a setting by text."""
    if not isinstance(value, ast.Call) or not value.args:
        return False
    given = [*value.args, *(k.value for k in value.keywords)]
    if any(literal_source(v) is None for v in given):
        return False
    constants = [n for v in given for n in walk(v) if isinstance(n, ast.Constant)]
    return bool(constants) and all(
        isinstance(c.value, (int, float)) and not isinstance(c.value, bool) for c in constants
    )


def _cited_version(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`librosa.effects.pitch_shift(y, sr=sr, ...)`, where the Inputs say "`y_trimmed` from Step 2, `sr` from Step
    1" and step 2 made `y_trimmed` of `y`: the call works on the version of its object the Inputs quote, not on the
    earlier one the example names (the shift took the untrimmed signal)."""
    call = anchor_call(draft)
    if call is None:
        return
    cited, quoted = _cited_steps(step, ctx)
    read = {*free_names(draft), *_remade(draft, ctx)}  # (made again here, `y_pred = predict(labels)`, counts)
    unread = [n for n in quoted if n not in read]
    old = worked_on(call, ctx.holds_object)
    if len(unread) != 1 or old is None or not ctx.holds_object(old) or old in code_spans(step.inputs):
        return
    new = unread[0]
    if old not in ctx.ancestors(new):
        return
    if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) and call.func.value.id == old:
        call.func.value = ast.Name(id=new, ctx=ast.Load())
    elif call.args and isinstance(call.args[0], ast.Name) and call.args[0].id == old:
        call.args[0] = ast.Name(id=new, ctx=ast.Load())
    else:
        return
    wired.changes.append(f"works on {new} from step {ctx.artifacts[new].step}, as its Inputs say, not on {old}")


def _cited_attribute(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """A step whose Inputs cite an attribute of an earlier result (`search.best_estimator_`) while its example passes
    another earlier result (`joblib.dump(clf, path)`, step 2's unfitted `clf`): the call takes the attribute in
    its place, when the Inputs cite one such attribute, the call passes one earlier result the Inputs do not name,
    and it reads nothing of the cited result yet."""
    spans = code_spans(step.inputs)
    cited = [
        s for s in spans if re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", s) and ctx.holds_object(s.split(".")[0])
    ]
    call = anchor_call(draft)
    if len(cited) != 1 or call is None:
        return
    attribute = cited[0]
    if any(isinstance(n, ast.Name) and n.id == attribute.split(".")[0] for n in walk(call)):
        return  # the call reads the cited result already (`search.best_estimator_.predict(X)`)
    carrier = attribute.rsplit(".", 1)[1].strip("_")
    if carrier in free_names(draft) and not ctx.has(carrier):
        # `best_params = {...}  # study.best_params` then `lgb.train({**base, **best_params}, dtrain)`: the example's
        # variable named like the attribute stands for it; the attribute takes its place, wherever it is read
        value = ast.parse(attribute, mode="eval").body
        draft.statements = [_Substitute(carrier, value).visit(s) for s in draft.statements]
        draft.literals.pop(carrier, None)
        wired.changes.append(f"takes {attribute}, as its Inputs say, for the example's {carrier}")
        return
    named = set(re.findall(r"\w+", step.inputs))
    passed = [*call.args, *(k.value for k in call.keywords)]
    slots = [v for v in passed if isinstance(v, ast.Name) and ctx.holds_object(v.id) and v.id not in named]
    if len(slots) != 1:
        return
    given = slots[0].id
    value = ast.parse(attribute, mode="eval").body
    call.args = [value if a is slots[0] else a for a in call.args]
    for keyword in call.keywords:
        if keyword.value is slots[0]:
            keyword.value = value
    wired.changes.append(f"takes {attribute}, as its Inputs say, instead of the example's {given}")


def _cited_receiver(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`Base.metadata.create_all(engine)` for `MetaData.create_all`, where the Inputs say "`metadata` from Step 2"
    (a MetaData) and `Base` comes from the example's own module (`from myapp.models import Base`): the method is
    called on the earlier object of the API's class the Inputs cite, instead of on the attribute of an imported
    name the example reaches it through."""
    api, call = draft.api, anchor_call(draft)
    if api is None or call is None or not api.class_name or api.last in (api.class_name, "__init__", "__call__"):
        return
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == api.last):
        return
    receiver = call.func.value
    earlier = ctx.by_type(api.class_name)
    if earlier is None or earlier not in ctx.cited_by_inputs() or not ctx.holds_object(earlier):
        return
    root = receiver
    while isinstance(root, ast.Attribute):
        root = root.value
    imported = {n for i in draft.imports for n in names([i])[1]}
    if receiver is root or not isinstance(root, ast.Name) or root.id not in imported or root.id == api.class_name:
        return  # an object of the example's own making, or the class itself (`FastLanguageModel.get_peft_model`)
    given = ast.unparse(receiver)
    call.func.value = ast.copy_location(ast.Name(id=earlier, ctx=ast.Load()), receiver)
    number = ctx.artifacts[earlier].step
    wired.changes.append(f"calls {api.last} on {earlier} from step {number}, as its Inputs say, not on {given[:60]}")


def _named_in_api_cell(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`integrate(exp(-x**2) * cos(x), (x, 0, 1))`, where the step's API cell says `integrate(expr, (x, a, b))`, written
    as a call, and step 1 made `expr`: the earlier result the cell passes in that place, instead of the expression the
    example builds there (which made the step integrate the example's function whatever step 1 read)."""
    api = draft.api
    if api is None or not api.from_call or not any(ctx.has(p.name) for p in api.params):
        return
    call = anchor_call(draft)
    if call is None:
        return
    read = set(free_names(draft))
    try:  # the names the cell itself writes (`x` of `(x, a, b)`): the example's expression may read those
        cell = {n.id for n in walk(ast.parse(ctx.step.api_call.strip(), mode="eval")) if isinstance(n, ast.Name)}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    for index, param in enumerate(api.params):
        if param.kind is not ParamKind.NORMAL or index >= len(call.args) or param.name in read:
            continue
        if not ctx.has(param.name) or ctx.artifacts[param.name].value:
            continue
        arg = call.args[index]
        built = isinstance(arg, (ast.BinOp, ast.Call, ast.UnaryOp)) and literal_source(arg) is None
        if not built or any(isinstance(n, ast.Name) and ctx.has(n.id) and n.id not in cell for n in walk(arg)):
            continue  # (not `model.parameters()`, nor `df[cols]`: made of what earlier steps made)
        given = ast.unparse(arg)
        call.args[index] = ast.Name(id=param.name, ctx=ast.Load())
        number = ctx.artifacts[param.name].step
        wired.changes.append(f"takes {param.name} from step {number}, as its API cell says, instead of {given[:60]}")


def _cited_arguments(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`lgb.train(..., callbacks=[lgb.early_stopping(20), lgb.log_evaluation(10)])` where the Inputs say
    "callbacks from Step 3": a keyword named like an earlier result the Inputs cite takes that result, instead of
    the value the example builds in its place (which left step 3's callbacks unused, and its keys without effect);
    so does a positional argument of values written out, where the API's parameter there is so named."""
    call = anchor_call(draft)
    if call is None:
        return
    cited = set(ctx.cited_by_inputs())
    own = _own_values(draft, ctx)
    # (a name the Inputs quote, "`wavelet` and `level` from Step 2": that result, a value too, `level=2` no count)
    results_quoted = ctx.quoted_results()
    for keyword in call.keywords:
        reads = {n.id for n in walk(keyword.value) if isinstance(n, ast.Name)}
        if (  # not `train_dataset=train_dataset.shuffle(seed=42)`: the cited result, worked on
            keyword.arg in cited
            and keyword.arg not in reads
            # (a name only where the example made it for this: `storage=storage_name` after `storage_name =
            # f"sqlite:///{study_name}.db"`, where the Inputs say "`storage` from Step 1")
            and (not isinstance(keyword.value, ast.Name) or keyword.value.id in own)
            and (
                (keyword.arg in results_quoted and literal_source(keyword.value) is not None)
                # `add_table(rows=1, ...)`: a count, not the `rows` of a CSV the Inputs cite ("data rows from Step 4")
                or (_number(keyword.value) is None and ctx.holds_object(keyword.arg))
            )
        ):
            built = ast.unparse(keyword.value)
            keyword.value = ast.Name(id=keyword.arg, ctx=ast.Load())
            if built in own:
                draft.statements = _unfed(draft.statements, built, draft)
            wired.changes.append(
                f"takes {keyword.arg} from an earlier step, as its Inputs say, instead of the example's {built[:60]}"
            )
    # a keyword whose Key Parameter says where its value comes from (`S: np.ndarray` - "log-power mel spectrogram
    # (from Step 3)"), passed under its own name (`S=S`, another step's `S`): that step's result, the one the
    # Inputs quote from it (`S_db`) or its only one; so is a value the example writes out where the Key Parameter
    # names the result (`n_estimators=250`, "`n_estimators: int` - number of trees, set to `best_num_rounds` from
    # Step 3": the count the step before found, not the page's)
    keys = key_hints(ctx.step)
    quoted = code_spans(ctx.step.inputs or "")
    for keyword in call.keywords:
        hint = keys.get(keyword.arg or "")
        if hint is None:
            continue
        own_name = isinstance(keyword.value, ast.Name) and keyword.value.id == keyword.arg
        if not own_name and literal_source(keyword.value) is None:
            continue
        numbers = from_steps(hint.doc)
        made = [a.name for a in ctx.artifacts.values() if a.step in numbers and not a.value]
        chosen = [n for n in made if n in quoted] or made
        worked = len(chosen) == 1 and _worked_on_in(hint.doc, chosen[0])
        if not own_name and not (len(chosen) == 1 and re.search(rf"(?<![\w.]){re.escape(chosen[0])}\b", hint.doc)):
            continue
        if len(numbers) == 1 and len(chosen) == 1 and chosen[0] != keyword.arg and not worked:
            keyword.value = ast.Name(id=chosen[0], ctx=ast.Load())
            wired.changes.append(f"passes {chosen[0]} as {keyword.arg}, as its Key Parameters say")
    # by position too: `curve_fit(model, [1.0, 2.0], [2.0, 4.0])` for `curve_fit(f, xdata, ydata)`, where the Inputs
    # say "`xdata`/`ydata` from Step 1": the example's sample values stand for the cited results
    positional = [p.name for p in _by_position(draft, call)]
    for n, (argument, name) in enumerate(zip(call.args, positional, strict=False)):
        if isinstance(argument, ast.Starred):
            break
        quoted_value = name in results_quoted and literal_source(argument) is not None  # `wavedec(x, "db1")`
        # (or a name the example gave such values: `data = ["Beautiful is better than ugly.", ...]` before
        # `tokenizer.train_from_iterator(data, ...)`, where the Inputs say "iterator from Step 4")
        if isinstance(argument, ast.Name) and argument.id == name:
            continue  # (the cited result already, or a sample under its name: _lift_literals takes the result)
        sample = isinstance(argument, ast.Name) and written_collection(draft.literals.get(argument.id, ""))
        # (or left for a loader to make: the sample's own statement gone, nothing makes `data`)
        unmade = (
            isinstance(argument, ast.Name) and argument.id in free_names(draft) and _unmade(argument.id, draft, ctx)
        )
        if name in cited and (
            quoted_value or (ctx.holds_object(name) and (_literal_sample(argument) or sample or unmade))
        ):
            built = ast.unparse(argument)
            if isinstance(argument, ast.Name) and sample and _loads(draft.statements, argument.id) == 1:
                del draft.literals[argument.id]  # (read there only: no key is left for it)
            call.args[n] = ast.copy_location(ast.Name(id=name, ctx=ast.Load()), argument)
            wired.changes.append(
                f"takes {name} from an earlier step, as its Inputs say, instead of the example's {built[:60]}"
            )


def _cited_collection(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`shapely.union_all([geometry, line2])`, where the Inputs cite step 4's `geometry` (an array) and `line2 =
    LineString([(2, 2), (3, 3)])` is the page's second sample beside the first, which the cited result replaced: the
    list the page writes out stands for the cited collection, passed as it is (a demo line was unioned in, and the
    call failed on the array inside a list). Only when every other item is made of written values alone."""
    call = anchor_call(draft)
    if call is None:
        return
    cited = set(ctx.cited_by_inputs())
    imported = draft.imported()
    makers = {
        t.id: stmt
        for stmt in draft.statements
        if isinstance(stmt, ast.Assign) and stmt is not draft.anchor
        for t in stmt.targets
        if isinstance(t, ast.Name)
    }
    for param, value in _arguments(draft, call):
        if not isinstance(value, (ast.List, ast.Tuple)) or len(value.elts) < 2:
            continue
        # (the cited result, or the example's name the step already takes it under: `line1` for `geometry`)
        held = [
            e.id
            for e in value.elts
            if isinstance(e, ast.Name)
            and wired.consumes.get(e.id, e.id) in cited
            and ctx.holds_object(wired.consumes.get(e.id, e.id))
        ]
        others = [e for e in value.elts if not (isinstance(e, ast.Name) and e.id in held)]
        if not held:  # all of them samples, where the one cited result nothing reads yet is the collection the
            # parameter names (`geometries` for `geometry`; not `callbacks=[...]` for a data module)
            read = set(free_names(draft)) | set(wired.consumes.values())
            unread = [n for n in cited if n not in read and ctx.holds_object(n)]
            stem = param.lower().rstrip("s")[:6]
            held = unread if len(unread) == 1 and len(stem) >= 4 and unread[0].lower().startswith(stem) else []
        if len(held) != 1 or not all(
            isinstance(e, ast.Name)
            and e.id in makers
            and not ctx.has(e.id)
            and all(n in imported or n in BUILTINS for n in names([makers[e.id]])[0])
            and _loads(draft.statements, e.id) == 1
            for e in others
        ):
            continue
        for element in others:
            assert isinstance(element, ast.Name)
            draft.statements.remove(makers[element.id])
        _put_argument(call, value, ast.copy_location(ast.Name(id=held[0], ctx=ast.Load()), value))
        result = wired.consumes.get(held[0], held[0])
        wired.changes.append(f"passes {result}, as its Inputs say, for the example's list of samples")


_PATH_DOC = re.compile(r"\b(?:path|file(?:name)?)\b", re.IGNORECASE)


def _fetched_path(draft: Draft, step: Step, wired: _Wired) -> None:
    """`filename = librosa.ex("trumpet")` before `librosa.load(filename)`, where the Key Parameters document `path:
    str` - "path to the audio file": the file the call reads is that key, not the page's demo recording, which a
    call fetches (a download: every workflow of the wiki failed offline at step 1, with no key to point at a
    file). The example's name for it, made by a call of written values and read by the step's call only, goes."""
    call = anchor_call(draft)
    if call is None:
        return
    keys = key_hints(step)
    for param, argument in _arguments(draft, call):
        hint = keys.get(param)
        if hint is None or not isinstance(argument, ast.Name) or argument.id == param:
            continue
        if not re.match(r"\s*(?:str|os\.PathLike|PathLike|Path)\b", hint.type) or not _PATH_DOC.search(hint.doc):
            continue
        makers = [
            s
            for s in draft.statements
            if isinstance(s, ast.Assign) and argument.id in names([s])[1] and s is not draft.anchor
        ]
        fetch = makers[0].value if len(makers) == 1 else None
        if not (
            isinstance(fetch, ast.Call)
            and len(makers[0].targets) == 1
            and isinstance(makers[0].targets[0], ast.Name)
            and all(literal_source(a) is not None for a in [*fetch.args, *(k.value for k in fetch.keywords)])
            and _loads(draft.statements, argument.id) == 1
        ):
            continue
        draft.statements.remove(makers[0])
        rename(draft.statements, argument.id, param)
        wired.changes.append(
            f"reads the file its {param} key names, as the Key Parameters say, instead of {ast.unparse(fetch)[:60]}"
        )


def _cited_for_unmade(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`pipeline.fit(X_train, y_train)`, where the Inputs say "`X_imb`, `y_imb` from Step 2" and nothing in the
    workflow makes `X_train` or `y_train`: the names the step's call is passed that nothing makes are the results the
    Inputs quote and the step does not read, in order, when there are as many and each pair shares its first word
    (`X_`, `y_`). Left, the step was a stub saying the wiki "does not say how to import" X_train."""
    call = anchor_call(draft)
    if call is None:
        return
    imported, keys = draft.imported(), key_hints(ctx.step)
    bound = names(draft.statements)[1]
    unmade = [
        a.id
        for a in call.args
        if isinstance(a, ast.Name)
        and not ctx.has(a.id)
        and a.id not in imported
        and a.id not in keys
        and a.id not in draft.literals
        and a.id not in bound
    ]
    read = set(free_names(draft))
    quoted = [n for n in ctx.quoted_results() if n not in read]
    if len(unmade) < 2 or len(unmade) != len(quoted):
        return
    if any(old.split("_")[0] != new.split("_")[0] for old, new in zip(unmade, quoted, strict=True)):
        return
    for old, new in zip(unmade, quoted, strict=True):
        draft.statements = [_Substitute(old, ast.Name(id=new, ctx=ast.Load())).visit(s) for s in draft.statements]
    wired.changes.append(f"takes {', '.join(quoted)}, as its Inputs say, instead of {', '.join(unmade)}")


def _cited_for_unmade_object(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`select(user_table).where(user_table.c.name == "spongebob")`, where the Inputs say "Engine and the reflected
    `some_table`" and nothing in the workflow makes `user_table` (the page's example belongs to another workflow): the
    one object the step reads that nothing makes is the one result the Inputs quote and the step does not read, where
    the two names share a word (`table`). Left, it was a REQUIRED key, which a table cannot be."""
    imported, keys = draft.imported(), key_hints(ctx.step)
    bound = names(draft.statements)[1]
    modules = module_names(ctx, [ast.unparse(i) for i in draft.imports])
    unmade = [
        n
        for n in free_names(draft)
        if not ctx.has(n)
        and n not in imported
        and n not in modules
        and n not in keys
        and n not in draft.literals
        and n not in bound
        and n not in BUILTINS
        and uses(draft.statements + draft.definitions, n)[0]
    ]
    quoted = [n for n in ctx.quoted_results() if n not in free_names(draft)]
    if len(unmade) != 1 or len(quoted) != 1:
        return
    old, new = unmade[0], quoted[0]
    if not set(filter(None, old.lower().split("_"))) & set(filter(None, new.lower().split("_"))):
        return
    draft.statements = [_Substitute(old, ast.Name(id=new, ctx=ast.Load())).visit(s) for s in draft.statements]
    wired.changes.append(f"takes {new}, as its Inputs say, instead of {old}, which nothing makes")


def _described_condition(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`.where(some_table.c.name == "spongebob")`, where the Key Parameters say "`whereclause` - filter expression,
    e.g. some_table.c.y > 2": the condition the table gives for a parameter of a call the step cites, on what the step
    reads, is the workflow's; the example's, written for the page's own data (a `name` column), is not. Only a
    condition in place of a condition of another shape, passed where that parameter goes."""
    keys = key_hints(ctx.step)
    known = set(free_names(draft)) | set(names(draft.statements)[1])
    for api in [a for a in [ctx.api, *ctx.supporting(ctx.index)] if a is not None]:
        for place, param in enumerate(api.params):
            hint = keys.get(param.name)
            given = _given_condition(hint.doc if hint else "", known, ctx)
            if given is None or param.kind not in (*BY_POSITION, ParamKind.VAR):
                continue
            for stmt in draft.statements:
                for node in walk(stmt):
                    if not isinstance(node, ast.Call) or _called_name(node) != api.callee[-1]:
                        continue
                    if len(node.args) <= place or (param.kind is ParamKind.VAR and len(node.args) != place + 1):
                        continue
                    old = node.args[place]
                    if is_condition(old) and ast.dump(old) != ast.dump(given):
                        node.args[place] = ast.copy_location(clone(given), old)
                        wired.changes.append(
                            f"passes {ast.unparse(given)} as {param.name}, as its Key Parameters say, not the "
                            f"example's {ast.unparse(old)}"
                        )


def _called_name(call: ast.Call) -> str:
    """The name a call calls (`where` of `select(t).where(...)`)."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _given_condition(doc: str, known: set[str], ctx: BindContext) -> ast.expr | None:
    """The condition a key's description gives (_condition_given), reading an earlier result the step reads and
    nothing but names it knows; None otherwise."""
    tree = _condition_given(doc)
    if tree is None:
        return None
    read = {n.id for n in walk(tree) if isinstance(n, ast.Name)}
    if not read <= known | BUILTINS or not any(ctx.has(n) for n in read):
        return None
    return tree


def _condition_given(doc: str) -> ast.expr | None:
    """The condition a key's description gives after "e.g." ("filter expression, e.g. some_table.c.y > 2"): the key
    is that whole condition, not its number; None when it gives none."""
    found = re.search(r"\be\.g\.,?\s*`?([^`]+?)`?\s*\)?$", doc[:2000])
    tree = parse_expression(found.group(1)) if found is not None else None
    return tree if tree is not None and is_condition(tree) else None


def _renamed_earlier(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`src = keypoints0[matches01[:, 0]]`, where step 4's example made `matches01` and step 4 named it `matches`,
    as its Outputs say: the name an earlier step's example gave a result is that result here too (it was a
    REQUIRED key, which an array cannot be)."""
    imported = draft.imported()
    for name in free_names(draft):
        result = ctx.example_names.get(name)
        if result is None or ctx.has(name) or name in imported or not ctx.has(result):
            continue
        draft.statements = [_Substitute(name, ast.Name(id=result, ctx=ast.Load())).visit(s) for s in draft.statements]
        wired.changes.append(f"takes {result}, which step {ctx.artifacts[result].step}'s example calls {name}")


def _described_results(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """A name the step reads that no earlier step makes, whose Key Parameter says which earlier result it is
    (`expected` - eager `logits` from Step 3: that result, read) or writes the expression of earlier results it
    stands for (`actual` - `exported_program.module()(holdout_features)`: computed first). Left, each was a
    REQUIRED config key, which a tensor cannot be."""
    keys, imported = key_hints(ctx.step), draft.imported()
    for name in free_names(draft):
        hint = keys.get(name)
        if hint is None or not hint.doc or ctx.has(name) or name in imported or name in draft.literals:
            continue
        numbers = from_steps(hint.doc)
        # (not "`model.getvalue()` from Step 2": something made of that result, not the result)
        named = [
            a.name
            for a in ctx.artifacts.values()
            if a.step in numbers and not a.value and re.search(rf"(?<![\w.]){re.escape(a.name)}(?![\w.(\[])", hint.doc)
        ]
        if len(named) == 1:
            draft.statements = [
                _Substitute(name, ast.Name(id=named[0], ctx=ast.Load())).visit(s) for s in draft.statements
            ]
            wired.changes.append(f"takes {named[0]} as {name}, as its Key Parameters say")
            continue
        # (the doc whole, or the code it opens with: "`search.predict(X_test)` (uses the refitted best estimator)";
        # not a value named in prose, "move the model to `fabric.device`")
        texts = [hint.doc, *(c for c in ctx.step.key_parameters_code if hint.doc.startswith(c) and c != hint.doc)]
        modules = imported | module_names(ctx, [])
        expression = next((e for e in (_results_expression(t, ctx, modules) for t in texts) if e is not None), None)
        if expression is not None and draft.statements:
            assign = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=expression)
            draft.statements.insert(0, ast.fix_missing_locations(ast.copy_location(assign, draft.statements[0])))
            wired.changes.append(f"computes {name} as its Key Parameters write it: {hint.doc[:60]}")


_SHAPES = {
    "mapping": re.compile(r"(?:typing\.)?(?:Optional\[)?(?:dict|Dict|Mapping|MutableMapping)\b"),
    "sequence": re.compile(r"(?:typing\.)?(?:Optional\[)?(?:list|List|Sequence|tuple|Tuple|Iterable)\b"),
}


def _shape(type_text: str) -> str:
    """Whether a type is a mapping or a sequence (`Optional[Dict[str, Any]]`, `List[str]`); "" for anything else."""
    return next((shape for shape, pattern in _SHAPES.items() if pattern.match(type_text.strip())), "")


def _made_as(name: str, ctx: BindContext) -> str:
    """An earlier result's type: as recorded, else what the API of the step that made it returns."""
    artifact = ctx.artifacts[name]
    api = ctx.api_of(artifact.step)
    return artifact.type or (api.returns if api is not None else "")


def _described_in_inputs(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """The one object the step reads that nothing makes (scipy's `x` of `sosfiltfilt(sos, x)`, left a REQUIRED key an
    array cannot fill), where the Inputs describe in prose what the step takes ("`sos` filter, raw signal"): the
    earlier result that prose describes best, by the words the Outputs give it ("signal `sig`" of step 1; "Filtered
    signal, ..." of a step that names no result and made one), one of them, not read here."""
    keys, imported = key_hints(ctx.step), draft.imported()
    free = free_names(draft)
    asked = [
        n
        for n in free
        if not ctx.has(n)
        and n not in imported
        and n not in draft.literals
        and n in keys
        and not _scalar(keys[n].type)
        and keys[n].type not in ("str", "list[str]")
    ]
    if len(asked) != 1:
        return
    hint = keys[asked[0]]
    # what the Key Parameters say of it (`x: ArrayLike` - signal to filter; `id2word: dict or Dictionary`)
    said = _content_words(f"{asked[0].replace('_', ' ')} {hint.type} {hint.doc}")
    typed = {w.lower() for w in re.findall(r"[A-Za-z_]\w*", hint.type)}
    read = set(free) | names(draft.statements)[1]
    found: set[str] = set()
    for clause in clauses(ctx.step.inputs or ""):
        words = _content_words(clause)
        if "`" in clause or INPUT_FILE.search(clause) or not words & said:
            continue  # a result the Inputs quote, a file (other rules'), or prose about something else
        scores = {a.name: len(words & _described_words(a, ctx)) for a in ctx.artifacts.values() if not a.value}
        best = max(scores.values(), default=0)
        chosen = [n for n, score in scores.items() if score == best]
        kind = ctx.artifacts[chosen[0]].type.lower() if chosen else ""
        # (nor a list where the key is a mapping: step 1's `model_names`, `list_models(...) -> List[str]`, is no
        # `pretrained_cfg_overlay: dict`)
        shapes = {_shape(hint.type), _shape(_made_as(chosen[0], ctx))} if chosen else set()
        if (
            best
            and len(chosen) == 1
            and chosen[0] not in read
            and not (kind and typed and kind not in typed)
            and not (len(shapes) == 2 and "" not in shapes)
        ):
            found.add(chosen[0])
    if len(found) != 1:
        return
    result = found.pop()
    draft.statements = [_Substitute(asked[0], ast.Name(id=result, ctx=ast.Load())).visit(s) for s in draft.statements]
    wired.changes.append(f"takes {result} as {asked[0]}, the earlier result its Inputs describe")


_PLAIN_WORDS = frozenset(
    {"the", "and", "from", "step", "with", "same", "for", "each", "its", "into", "this", "that", "one", "all", "per"}
)


def _content_words(text: str) -> set[str]:
    """The words of a text that say what something is: lower case, three letters or more, not a joining word."""
    return {w for w in re.findall(r"[a-z][a-z0-9]{2,}", text.lower()) if w not in _PLAIN_WORDS}


def _described_words(artifact: Artifact, ctx: BindContext) -> set[str]:
    """The words an earlier result's step gives it in its Outputs: its name's parts, and the text before its code
    span back to the one before ("Time vector `t` and signal `sig`": `sig` is a "signal"); the whole first clause
    when the Outputs name none of that step's results and it made only this one ("Filtered signal, same shape")."""
    words = set(artifact.name.lower().split("_")) - {""}
    if not 0 < artifact.step <= len(ctx.workflow.steps):
        return words
    outputs = ctx.workflow.steps[artifact.step - 1].outputs or ""
    spans = [m for m in re.finditer(r"`([^`]*)`", outputs)]
    at = next((n for n, m in enumerate(spans) if m.group(1).strip() == artifact.name), None)
    if at is not None:
        start = spans[at - 1].end() if at else 0
        return words | _content_words(re.split(r"[,;]", outputs[start : spans[at].start()])[-1])
    made = [a for a in ctx.artifacts.values() if a.step == artifact.step and not a.value]
    if len(made) == 1 and not any(ctx.has(m.group(1).strip()) for m in spans):
        return words | _content_words(clauses(outputs)[0])
    return words


def _results_expression(text: str, ctx: BindContext, modules: set[str] | frozenset[str]) -> ast.expr | None:
    """text as an expression that works on earlier results (a call, attribute or item of one), reading nothing
    else but modules and builtins; None when it is not one."""
    tree = parse_expression(text)
    if not isinstance(tree, (ast.Call, ast.Attribute, ast.Subscript)):
        return None
    read = {n.id for n in walk(tree) if isinstance(n, ast.Name)}
    if not any(ctx.has(n) for n in read) or not all(ctx.has(n) or n in modules or n in BUILTINS for n in read):
        return None
    return tree


def _cited_callable(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`ax.plot(xfit, func(xfit, *popt))`, where the Inputs say "`model` from Step 2" and step 2 handed on a
    function: the one function the step calls that nothing makes or imports is the one function the Inputs quote
    and the step does not read. Left, `func` was imported from the API's module, which has none."""
    imported, keys = draft.imported(), key_hints(ctx.step)
    bound = names(draft.statements)[1] | {d.name for d in draft.definitions if hasattr(d, "name")}
    unmade = {
        node.func.id
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id not in BUILTINS
        and not ctx.has(node.func.id)
        and node.func.id not in imported | keys.keys() | bound
    }
    read = set(free_names(draft))
    functions = [n for n in ctx.quoted_results() if n not in read and ctx.artifacts[n].type == "Callable"]
    if len(unmade) != 1 or len(functions) != 1:
        return
    (old,), new = unmade, functions[0]
    draft.statements = [_Substitute(old, ast.Name(id=new, ctx=ast.Load())).visit(s) for s in draft.statements]
    wired.changes.append(f"calls {new}, as its Inputs say, instead of {old}")


def _cited_for_demo_data(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`x = pywt.data.ecg().astype(float) + noise` read by `uthresh = sigma * np.sqrt(2 * np.log(len(x)))`, where
    the Inputs quote "`signal` from Step 1 (length only)" and the step does not read it: the data set the library
    bundles stands for that result, whatever kind of step (a pattern written as code too)."""
    read = set(free_names(draft)) | names(draft.statements)[1]  # (made again here: _reuse takes the earlier one)
    unread = [n for n in ctx.quoted_results() if n not in read]
    demo = from_demo_data(draft.imports)
    makers = [
        s
        for s in draft.statements
        if isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and s is not draft.anchor
        and _of_demo_data(s.value, demo)
    ]
    if len(unread) != 1 or len(makers) != 1:
        return
    maker = makers[0]
    sample = ast.unparse(maker.targets[0])
    if _stores(draft.statements, sample) != 1:
        return
    _take_for_sample(draft, maker, sample, unread[0], wired)


def _cited_for_demo_arguments(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`data = np.random.rand(5, 10)`, `label = ...` before `xgb.DMatrix(data, label=label)`, where the Inputs quote
    "`X`, `y` from Step 1": the quoted results in the demo data's places (choice.demo_stand_ins)."""
    for sample, result in demo_stand_ins(draft.statements, draft.anchor, ctx).items():
        maker = next(s for s in draft.statements if isinstance(s, ast.Assign) and _assigned_name(s) == sample)
        _take_for_sample(draft, maker, sample, result, wired)


def _take_for_sample(draft: Draft, maker: ast.Assign, sample: str, result: str, wired: _Wired) -> None:
    """The earlier result read wherever the example reads its sample, and the statement making the sample gone."""
    draft.statements.remove(maker)
    value = ast.Name(id=result, ctx=ast.Load())
    draft.statements = [_Substitute(sample, value).visit(s) for s in draft.statements]
    wired.changes.append(f"takes {result}, as its Inputs say, instead of the example's {ast.unparse(maker.value)[:60]}")


def _cited_in_full(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`mse = np.mean((image - rec) ** 2)`, where nothing makes `rec` and the Inputs quote "`reconstructed` from
    Step 6": a name the step reads that nothing makes (no earlier result, key, import or statement of the step),
    written as a shortening of one result the Inputs quote (its letters in order, from its first: `rec`,
    `coef`, `freqs`), is that result. Left, it became a REQUIRED key no TOML value can be."""
    keys, imported = key_hints(ctx.step), draft.imported()
    # and the modules the step's page or the workflow's examples import (`lgb` of `lgb.cv(params, lgb_train)`, the
    # page's import line `import lightgbm as lgb`): never a shortened result
    impl = ctx.step.implementation
    imported |= (bound_by(list(impl.imports)) if impl else set()) | set(ctx.aliased)
    bound = names(draft.statements + draft.definitions)[1]
    quoted = ctx.quoted_results()
    read = set(free_names(draft))
    # sample rows the example writes out stand for the result too (`corpus = ["A man is eating food.", ...]`, where
    # the Inputs quote "`corpus_sentences` ... from Step 1"); not a value, which a key holds
    samples: dict[str, ast.Assign | None] = {
        s.targets[0].id: s
        for s in draft.statements
        if s is not draft.anchor
        and isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and isinstance(s.value, (ast.List, ast.Tuple, ast.Dict, ast.Set))
        and literal_source(s.value) is not None
        and _stores(draft.statements, s.targets[0].id) == 1
    }
    samples.update({n: None for n, v in draft.literals.items() if written_collection(v)})
    for name in [*free_names(draft), *(n for n in samples if n in bound)]:
        if (
            len(name) < 3
            or ctx.has(name)
            or name in keys
            or name in imported
            or (name in bound and name not in samples)
        ):
            continue
        if (name in draft.literals and name not in samples) or name in BUILTINS:
            continue
        full = [
            q
            for q in quoted
            if q != name and q[0] == name[0] and shortens(name, q) and (name not in samples or q not in read)
        ]
        if len(full) != 1:
            continue
        draft.literals.pop(name, None)
        draft.statements = [s for s in draft.statements if s is not samples.get(name)]
        draft.statements = [_Substitute(name, ast.Name(id=full[0], ctx=ast.Load())).visit(s) for s in draft.statements]
        wired.changes.append(f"takes {full[0]}, as its Inputs say, for the example's {name}")


def _worked_on_in(doc: str, name: str) -> bool:
    """Whether a Key Parameter's text works on a result rather than naming it: "`model.getvalue()` from Step 2" is
    something made of `model`, not `model`."""
    return re.search(rf"\b{re.escape(name)}\s*[.(\[]", doc) is not None


def _documented_sources(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`shapely.intersection(box1, box2)` of the page's two demo boxes (`box1 = box(0, 0, 2, 2)`), where the Key
    Parameters say "`a: Geometry` - the repaired polygon from Step 2, `b: Geometry` - the buffer zone from Step 3":
    an argument the example makes of nothing earlier, whose Key Parameter names the one step its value comes from,
    is that step's result (the one its text or the Inputs quote, else its only one); the demo's own making of it
    goes, read no more."""
    call = anchor_call(draft)
    if call is None:
        return
    keys = key_hints(ctx.step)
    demo = _made_of_nothing(draft, ctx)
    # (or a name the example never makes, which would become a module or a key: `AltAz(obstime=time, ...)` where
    # "`obstime: Time` - time grid from Step 3" is no `import time`)
    unmade = set(free_names(draft)) - draft.imported()
    quoted = code_spans(ctx.step.inputs or "")
    for param, value in _arguments(draft, call):
        hint = keys.get(param)
        if hint is None or not isinstance(value, ast.Name) or value.id not in demo | unmade or ctx.has(value.id):
            continue
        numbers = [n for n in from_steps(hint.doc) if n <= ctx.index]
        made = [a.name for a in ctx.objects_of(numbers[0])] if len(numbers) == 1 else []
        named = [n for n in made if re.search(rf"(?<![\w.]){re.escape(n)}\b", hint.doc) or n in quoted]
        chosen = named or made
        if len(chosen) != 1 or _worked_on_in(hint.doc, chosen[0]):
            continue
        _put_argument(call, value, ast.copy_location(ast.Name(id=chosen[0], ctx=ast.Load()), value))
        if value.id not in names(draft.statements)[0]:
            draft.statements = _unfed(draft.statements, value.id, draft)
        wired.changes.append(
            f"passes {chosen[0]} as {param} instead of the example's {value.id}, as its Key Parameters say"
        )


def _own_values(draft: Draft, ctx: BindContext) -> set[str]:
    """Names the example's statements (not its anchor) assign, of no earlier result's name, read once only: values
    it builds for one argument (`storage_name = f"sqlite:///{study_name}.db"`)."""
    free = free_names(draft)
    counts: dict[str, int] = {}
    for stmt in draft.statements:
        for node in walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                counts[node.id] = counts.get(node.id, 0) + 1
    return {
        t.id
        for s in draft.statements
        if s is not draft.anchor and isinstance(s, ast.Assign) and len(s.targets) == 1
        for t in [s.targets[0]]
        if isinstance(t, ast.Name) and not ctx.has(t.id) and t.id not in free and counts.get(t.id) == 1
    }


def _unfed(statements: list[ast.stmt], name: str, draft: Draft) -> list[ast.stmt]:
    """The statements without the assignment of name, read no more (its own feeders stay: they may be keys)."""
    return [
        s
        for s in statements
        if s is draft.anchor
        or not (isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name))
        or s.targets[0].id != name
    ]


def _arguments(draft: Draft, call: ast.Call) -> list[tuple[str, ast.expr]]:
    """(parameter, value) of each argument a call passes: by position as the API's parameters fill ("" past
    them), then by keyword."""
    positional = [p.name for p in _by_position(draft, call)]
    given = [(positional[n] if n < len(positional) else "", a) for n, a in enumerate(call.args)]
    return given + [(k.arg, k.value) for k in call.keywords if k.arg]


def _put_argument(call: ast.Call, old: ast.expr, new: ast.expr) -> None:
    """The call passing new where it passed old (by position or by keyword)."""
    call.args = [new if a is old else a for a in call.args]
    for keyword in call.keywords:
        if keyword.value is old:
            keyword.value = new


def _unmade(name: str, draft: Draft, ctx: BindContext) -> bool:
    """Whether nothing gives a name the step reads: no earlier result, key, literal, import or statement."""
    keys = key_hints(ctx.step)
    return not (
        ctx.has(name)
        or name in keys
        or name in draft.literals
        or name in draft.imported()
        or name in BUILTINS
        or name in names(draft.statements + draft.definitions)[1]
    )


def _loads(statements: list[ast.stmt], name: str) -> int:
    """How many times the statements read a name."""
    return sum(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for s in statements for n in walk(s)
    )


def _literal_sample(node: ast.expr) -> bool:
    """Whether an expression is values written out (`[1.0, 2.0]`, `((0, 1), (1, 2))`): sample data, never a setting
    read from a name."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return False
    try:
        ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


class _Substitute(ast.NodeTransformer):
    """Every read of a name replaced by a copy of an expression."""

    def __init__(self, name: str, value: ast.expr) -> None:
        self.name, self.value = name, value

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id != self.name or not isinstance(node.ctx, ast.Load):
            return node
        return ast.copy_location(clone(self.value), node)

    def _scope(self, node: ast.AST) -> ast.AST:
        """A lambda, def or comprehension: where it makes a variable of the name, only what it evaluates outside
        (astwalk.outer_parts: defaults, decorators, the first iterable)."""
        if not rebinds(node, self.name):
            return self.generic_visit(node)
        if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
            node.args.defaults = [self.visit(d) for d in node.args.defaults]
            node.args.kw_defaults = [None if d is None else self.visit(d) for d in node.args.kw_defaults]
            if not isinstance(node, ast.Lambda):
                node.decorator_list = [self.visit(d) for d in node.decorator_list]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            node.generators[0].iter = self.visit(node.generators[0].iter)
        return node

    visit_Lambda = visit_FunctionDef = visit_AsyncFunctionDef = _scope
    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _scope


def _cell_arguments(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """An API cell written as a call passing earlier results by name (`model.predict(pairs)`,
    `L.Trainer(max_epochs=3, logger=csv_logger)`), while the example passes its own sample data there (a literal
    list of pairs) or leaves the keyword out: the call takes the earlier result, as the cell says. A name the
    example passes is never replaced: it is wired to an earlier result or a key of its own."""
    try:
        cell = ast.parse(step.api_text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    call = anchor_call(draft)
    if not isinstance(cell, ast.Call) or call is None or dotted(cell.func)[-1:] != dotted(call.func)[-1:]:
        return
    for at, arg in enumerate(cell.args[: len(call.args)]):
        earlier = _earlier_name(arg, ctx)
        if earlier and _sample(call.args[at]):
            call.args[at] = ast.Name(id=earlier, ctx=ast.Load())
            wired.changes.append(f"takes {earlier} from an earlier step, as the API cell says, instead of sample data")
    passed = {k.arg: k for k in call.keywords if k.arg}
    positional = set(draft.positional[: len(call.args)])
    for keyword in cell.keywords:
        earlier = _earlier_name(keyword.value, ctx)
        if not keyword.arg or not earlier or keyword.arg in positional:
            continue
        given = passed.get(keyword.arg)
        if given is None and all(k.arg for k in call.keywords):
            call.keywords.append(ast.keyword(arg=keyword.arg, value=ast.Name(id=earlier, ctx=ast.Load())))
        elif given is not None and (_sample(given.value) or keyword.arg in draft.unpassed):
            given.value = ast.Name(id=earlier, ctx=ast.Load())  # sample data, or a documented key genrepo added
            if keyword.arg in draft.unpassed:
                draft.unpassed.remove(keyword.arg)
        else:
            continue
        wired.changes.append(f"passes {keyword.arg}={earlier} from an earlier step, as the API cell says")


def _earlier_name(node: ast.expr, ctx: BindContext) -> str | None:
    """The name an API cell passes, when it is an earlier step's result that is an object."""
    return node.id if isinstance(node, ast.Name) and ctx.holds_object(node.id) else None


def _sample(node: ast.expr) -> bool:
    """Whether an argument is sample data written in the example: a literal list, tuple, dict or set (a number or
    a string is a setting)."""
    return isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set)) and literal_source(node) is not None


# calls that load a library's demo data set by its name (`sns.load_dataset("penguins")`, `fetch_openml("mnist_784")`)
_DEMO_LOADER = re.compile(r"load_dataset|fetch_\w+")


_CONTAINER = (ast.List, ast.Tuple, ast.Dict, ast.Set)
_WRITTEN = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.UnaryOp, ast.unaryop, ast.expr_context)


def _written_out(node: ast.expr, imported: set[str]) -> bool:
    """Whether a value is written out in full: a literal, or one holding a module's constants (`np.nan`)."""
    return literal_source(node) is not None or all(
        isinstance(sub, _WRITTEN)
        or (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in imported)
        or (isinstance(sub, ast.Name) and sub.id in imported)
        for sub in walk(node)
    )


def _stand_in(draft: Draft, artifact: str, number: int, wired: _Wired, quoted: bool = False) -> bool:
    """`pivot = pl.DataFrame({"region": ["East", "North"], ...})`, sample data built from literals only, where the
    Inputs cite "Pivoted DataFrame from Step 5": the statement takes that step's result instead. So does a demo data
    set the example loads by its name (`penguins = sns.load_dataset("penguins")` before `sns.relplot(data=penguins,
    ...)`), where the Inputs quote the result ("`df` from Step 1"); never a file (`read_table("holdout.csv")`, the
    user's own data, beside "Trained model from Step 2")."""
    read = set(names([draft.anchor])[0]) if draft.anchor is not None else set()
    imported = draft.imported()
    for n, stmt in enumerate(draft.statements):
        if stmt is draft.anchor or not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            continue
        target, value = stmt.targets[0], stmt.value
        if not (isinstance(target, ast.Name) and target.id in read and isinstance(value, ast.Call)):
            continue
        given = [*value.args, *(k.value for k in value.keywords)]
        callee = dotted(value.func)
        demo = quoted and bool(callee and _DEMO_LOADER.fullmatch(callee[-1])) and not any(map(_names_a_file, given))
        # sample rows written out (not `read("test.txt")`: a file of other data, read by its path), `np.nan` too
        if (
            given
            and all(_written_out(v, imported) for v in given)
            and (demo or any(isinstance(v, _CONTAINER) for v in given))
        ):
            built = ast.unparse(value)
            del draft.statements[n]
            wired.consumes[target.id] = artifact  # as _reuse hands on what a dropped statement made again
            wired.changes.append(f"takes {artifact} from step {number}, as its Inputs say, instead of {built[:60]}")
            return True
    return False


def _factory_stand_in(draft: Draft, step: Step, artifact: str, ctx: BindContext, wired: _Wired) -> bool:
    """`model = nn.Sequential(*[nn.Linear(10000, 10000) for _ in range(1000)])` inside `with init_empty_weights():`,
    where the Inputs cite "Model constructor from Step 1", a function step 1 defined and handed on (`build_model`):
    the page's own object stands in for what that function makes, and the step calls the function instead. Only the
    statement that makes the step's result from nothing an earlier step made, and only when the function was
    defined to be called with no arguments (every parameter has a default)."""
    if artifact not in ctx.no_argument_functions:
        return False
    results = set(declared_outputs(step))
    for stmt in (n for s in draft.statements for n in walk(s)):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Call)):
            continue
        target = stmt.targets[0]
        if not (isinstance(target, ast.Name) and target.id in results):
            continue
        if any(ctx.has(n) for n in names([ast.Expr(stmt.value)])[0]):
            return False  # made from an earlier result: the step's own work, not a stand-in
        built = ast.unparse(stmt.value)
        call = ast.Call(func=ast.Name(id=artifact, ctx=ast.Load()), args=[], keywords=[])
        stmt.value = ast.fix_missing_locations(ast.copy_location(call, stmt.value))
        number = ctx.artifacts[artifact].step
        wired.changes.append(f"calls {artifact} from step {number}, as its Inputs say, instead of {built[:60]}")
        return True
    return False


def _newer_version(draft: Draft, artifact: str, ctx: BindContext, wired: _Wired) -> bool:
    """`simplified = mesh.simplify_quadric_decimation(...)` where the Inputs cite "Subdivided mesh from Step 2": the
    object the step works on (`mesh`, step 1's) is what the cited step's result was made from, so that result
    (`subdivided`) is the newer version of it, and the step takes it instead (it worked on the loaded mesh, and
    step 2's work was lost). Only when both types are known and the same: a count step 2 returned beside its
    tokenizer is no version of the tokenizer."""
    call = anchor_call(draft)
    old = worked_on(call, ctx.has) if call is not None else None
    if old is None or not ctx.has(old) or old in wired.consumes:
        return False
    new = ctx.artifacts[artifact]
    kinds = [ctx.artifacts[old].type.rsplit(".", 1)[-1], new.type.rsplit(".", 1)[-1]]
    if old not in ctx.ancestors(artifact) or not kinds[0] or kinds[0] != kinds[1]:
        return False
    wired.consumes[old] = artifact
    wired.changes.append(
        f"takes {artifact} from step {new.step}, as its Inputs say, instead of {old}, which it was made from"
    )
    return True


def _receiver_stand_in(draft: Draft, artifact: str, ctx: BindContext, wired: _Wired) -> bool:
    """`ds = load_dataset("rotten_tomatoes", split="validation")` before `ds.cast_column(...)`, where the API is
    `Dataset.cast_column` and the Inputs cite "`dataset` from Step 1": the object the API's method is called on
    (or the chain leading to it starts from: `ds.shuffle(seed=42).select(...)`), made from nothing an earlier step
    made, is the page's own stand-in for the cited result (of the API's class, when both are known), which the
    step takes instead."""
    call = anchor_call(draft)
    api = draft.api
    if call is None or api is None or not isinstance(call.func, ast.Attribute):
        return False
    receiver = call.func.value
    while isinstance(receiver, (ast.Call, ast.Attribute, ast.Subscript)):  # `ds.shuffle(seed=42)`.select: ds
        receiver = receiver.func if isinstance(receiver, ast.Call) else receiver.value
    modules = draft.imported()
    if not isinstance(receiver, ast.Name) or receiver.id in modules or ctx.has(receiver.id):
        return False
    wanted = api.callee[0] if len(api.callee) >= 2 and api.callee[0][:1].isupper() else ""
    made = ctx.artifacts[artifact].type.rsplit(".", 1)[-1]
    if wanted and made and wanted not in made and made not in wanted:  # (`DatasetType` is a Dataset)
        return False
    before = draft.statements[: next((n for n, s in enumerate(draft.statements) if s is draft.anchor), 0)]
    maker = next(
        (stmt for stmt in reversed(before) if isinstance(stmt, ast.Assign) and receiver.id in names([stmt])[1]),
        None,
    )
    if not (
        maker is not None
        and len(maker.targets) == 1
        and isinstance(maker.targets[0], ast.Name)
        and isinstance(maker.value, ast.Call)
        and not any(ctx.has(n) for n in names([maker])[0])
    ):
        return False
    if _makes_an_object(maker.value, api):
        return False  # `scaler = StandardScaler()` before `scaler.fit_transform(X)`: the tool, not the data
    draft.statements.remove(maker)
    wired.consumes[receiver.id] = artifact
    number = ctx.artifacts[artifact].step
    wired.changes.append(
        f"takes {artifact} from step {number}, as its Inputs say, instead of {ast.unparse(maker.value)[:60]}"
    )
    return True


def _makes_an_object(call: ast.Call, api: ApiRef) -> bool:
    """Whether a call makes an object to work with rather than data: the API's own class, or another class, called
    with settings only (`StandardScaler()`, `Tokenizer(BPE())`, `KMeans(3)`), not read from anywhere; a loader
    (`load_dataset(...)`, `Dataset.from_dict(...)`, `pd.read_csv(...)`) makes data."""
    callee = dotted(call.func)
    if not callee:
        return False
    # (given rows or columns written out, even the API's own class makes data: `pl.DataFrame({"foo": [1, 2, 3]})`)
    data = any(isinstance(a, (ast.List, ast.Dict, ast.Tuple)) for a in call.args)
    if api.class_name and callee[-1] == api.class_name:
        return not data
    return callee[-1][:1].isupper() and not data


def _defined_by_signature(draft: Draft, step: Step) -> None:
    """A function the page's signature block defines in full (a pattern page's `def split(series, test_size=12):`
    with the body that does it) is how a name the draft calls and nothing imports is made: the definition comes
    along, as an example's own `def` would."""
    impl = step.implementation
    if impl is None or "def " not in impl.signature:
        return
    try:
        tree = parse_dedented(impl.signature)
    except (SyntaxError, ValueError, RecursionError):
        return
    # (not a name the page's Import block imports: `from timm.scheduler import create_scheduler_v2` beside its
    # signature is the library's function)
    page = parse_example("\n".join(impl.imports))
    imported = draft.imported() | (names(page.body)[1] if page is not None else set())
    wanted = set(free_names(draft)) - imported
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in wanted and does_work(node):
            draft.definitions.append(_unannotated(clone(node)))
            if draft.api is not None and node.name == draft.api.last:
                draft.source = Source.PATTERN  # the API is the function the page defines


def _defined_by_sibling(draft: Draft, ctx: BindContext) -> None:
    """A function the draft uses that another example of the step's page defines (`jax.jit(f_contract,
    out_shardings=...)` below the page's "Reduction" example, `@jax.jit def f_contract(x): return x.sum(axis=0)`)
    comes along, as its own `def` would: not a config key no TOML can hold (a callable). Only a def needing no name
    the draft does not need already, for a name nothing imports and no earlier step made."""
    defined = {
        node.name: node
        for example in ctx.examples[ctx.index]
        for node in example.tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    free = free_names(draft)
    imported = draft.imported()
    wanted = [n for n in free if n in defined and not ctx.has(n) and n not in imported]
    known = imported | set(free) - set(wanted)  # (what the draft needs anyway: the `jax` of `jax.jit(...)`)
    for name in wanted:
        node = defined[name]
        if does_work(node) and set(names([node])[0]) <= known:
            draft.definitions.append(_unannotated(clone(node)))


def _defined_earlier(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`def objective(trial): ...`, the page's toy beside `study.optimize(objective, ...)`, where the step's Inputs
    cite the `objective` an earlier step defined: the step takes that one, and drops its example's."""
    cited = set(ctx.cited_by_inputs())
    # `def func(x, a, b, c)` again in `curve_fit(func, ...)`, where the Inputs cite `model`, which step 2 handed on
    # as that def: the step takes model
    handed = {ctx.artifacts[n].producer[4:]: n for n in cited if ctx.has(n) and ctx.artifacts[n].producer[:4] == "def "}
    for definition in list(draft.definitions):
        if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if definition.name in cited:
            draft.definitions.remove(definition)
            wired.changes.append(
                f"takes {definition.name} from an earlier step, as its Inputs say, instead of the example's own def"
            )
        elif definition.name in handed and handed[definition.name] not in names(draft.statements)[0]:
            draft.definitions.remove(definition)
            rename(draft.statements, definition.name, handed[definition.name])
            wired.changes.append(
                f"takes {handed[definition.name]} from step {ctx.artifacts[handed[definition.name]].step}, as its "
                f"Inputs say, instead of the example's own def {definition.name}"
            )


# -- 1. reuse ----------------------------------------------------------------------------------------


def _callee_text(node: ast.expr) -> str:
    return ".".join(dotted(node.func)) if isinstance(node, ast.Call) else ""


def _reuse(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """Drop statements that build again what an earlier step built; their targets become that artifact."""
    kept: list[ast.stmt] = []
    made_here: set[str] = set()  # names this step's own statements bind, so far
    demo = _made_of_nothing(draft, ctx)  # of those, the ones the page makes of no earlier result nor data file
    cited = set(ctx.cited_by_inputs())
    demos = 0
    for stmt in draft.statements:
        if isinstance(stmt, ast.For) and _iterated_again(stmt, draft, ctx, wired):
            kept.append(stmt)
            made_here |= names([stmt])[1]
            continue
        own = set(names([stmt])[0]) & made_here
        reads_own_work = bool(own)
        made_here |= names([stmt])[1]
        if (
            stmt is not draft.anchor
            and reads_own_work
            and own <= demo
            and isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and _demo_of(stmt, cited, ctx)
        ):
            # `results = sm.OLS(y, X).fit()` on the example's own random `x` and `y`, where the Inputs say
            # "`results` from Step 2": the page's demo, standing for the earlier result, and so is what it was made
            # of (not `y_test = test_df.pop("churn")` of a frame read from a file)
            target = stmt.targets[0]
            assert isinstance(target, ast.Name)
            wired.consumes[target.id] = target.id
            wired.changes.append(f"uses {target.id} from step {ctx.artifacts[target.id].step}, as its Inputs say")
            demos += 1
            continue
        if stmt is not draft.anchor and isinstance(stmt, ast.Assign) and _random_array_for(stmt, ctx):
            # `xq = np.random.random((50, d))` where the Inputs say "query vectors `xq`" and no step makes them:
            # the user's array, read from a file a config key names (whatever settings the example sized it by)
            target = stmt.targets[0]
            assert isinstance(target, ast.Name)
            draft.hints[target.id] = Hint("np.ndarray", None, "", False)
            wired.changes.append(f"reads {target.id} from an array file instead of the example's random numbers")
            kept_chain = _after_random(stmt.value, target.id)
            if kept_chain is not None:  # `.astype("float32")` on the random numbers: on the file's, as well
                kept.append(ast.copy_location(ast.Assign(targets=[target], value=kept_chain), stmt))
            continue
        if stmt is not draft.anchor and _redoes_earlier_step(stmt, draft, ctx):
            # `index.train(xb)` before `index.add(xb)`, where step 2 trains the index: step 2's work, done
            wired.changes.append(f"leaves {ast.unparse(stmt)[:60]} to the earlier step that does it")
            continue
        if stmt is not draft.anchor and not reads_own_work and isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if _demo_of(stmt, cited, ctx):
                # `xb = np.random.random((2000, d)).astype("float32")` where the Inputs say "`xb` and `xq` from
                # Step 1": the page's demo data, standing for the earlier result of that name
                assert isinstance(target, ast.Name)
                wired.consumes[target.id] = target.id
                wired.changes.append(f"uses {target.id} from step {ctx.artifacts[target.id].step}, as its Inputs say")
                continue
            remade = _unpacked_again(stmt, ctx) or {n: n for n in _remade_cited(stmt, cited, ctx)}
            if remade:
                # `tempo, beats = beat_track(y=y, sr=sr)` before `frames_to_time(beats)`, where step 4 unpacked
                # `tempo, beat_frames` from that call; `popt, pcov = curve_fit(...)` where the Inputs say "`popt`
                # from Step 3": the earlier step's work, done again; the step takes its results (not `pcov`, never
                # read) and no longer returns them as its own
                read = names([s for s in draft.statements if s is not stmt])[0]
                wired.consumes.update((local, earlier) for local, earlier in remade.items() if local in read)
                if draft.produces is not None:
                    draft.produces = [n for n in draft.produces if n not in remade]
                number = ctx.artifacts[next(iter(remade.values()))].step
                wired.changes.append(
                    f"uses {', '.join(remade.values())} from step {number} instead of making them again"
                )
                continue
            producer = _callee_text(stmt.value)
            artifact = _made_again(stmt, ctx) if isinstance(stmt.value, ast.Call) else None
            artifact = artifact or _made_by_cited_step(stmt, ctx)
            target = stmt.targets[0]
            if artifact and isinstance(target, ast.Name):
                wired.consumes[target.id] = artifact
                wired.changes.append(
                    f"uses {artifact} from step {ctx.artifacts[artifact].step} instead of calling {producer} again"
                )
                continue
            ungiven = _remade_of_nothing_given(stmt, draft, ctx)
            if ungiven:
                # `corr = penguins.select_dtypes("number").corr()` before `sns.heatmap(corr)`, where step 2 made `corr`
                # and nothing gives `penguins`: the page's demo of the earlier step's work
                assert isinstance(target, ast.Name)
                _use_earlier(
                    target.id,
                    f" instead of making it again of {', '.join(ungiven)}, which the wiki never gives",
                    ctx,
                    wired,
                )
                continue
            files = _opened_for_typed_input(stmt, ctx)
            if files:
                # `im = Image.open("hopper.jpg")` before `ImageDraw.Draw(im)`, where step 1 made the canvas `im` by
                # `Image.new` and the Inputs say "Image.Image to draw on": the page's picture, standing for it
                assert isinstance(target, ast.Name)
                _use_earlier(target.id, _typed_instead(target.id, files[0], ctx), ctx, wired)
                continue
            again = _fitted_again(stmt, ctx)
            if again:  # trained again under its name, on the example's data: the step uses the earlier one
                wired.consumes[again] = again
                wired.changes.append(f"uses {again} from step {ctx.artifacts[again].step} instead of making it again")
                continue
            made_earlier = _earlier_names(target, ctx)
            if artifact and made_earlier is not None:
                for element in made_earlier:
                    wired.consumes[element.id] = element.id
                wired.changes.append(
                    f"uses {', '.join(e.id for e in made_earlier)} from earlier steps instead of calling {producer} again"
                )
                continue
        kept.append(stmt)
    draft.statements = _without_feeders(kept, draft, ctx) if demos else kept
    inline = _InlineReuse(ctx, anchor_call(draft), draft.statements)
    # the anchor too (`Image.open(path).convert("L")`: the receiver is the earlier image), its own call kept; a
    # statement is changed in place (only calls inside it are replaced), so the anchor stays the anchor
    for stmt in draft.statements:
        inline.visit(stmt)
    wired.changes.extend(inline.changes)
    # what is left of a remade object's chain (`model = PPO(...).learn(10_000)`, now `model = model.learn(10_000)`,
    # before `model.save(path)`, where step 3 trains the model): step 3's work, done there
    for stmt in list(draft.statements):
        if stmt is not draft.anchor and _redoes_earlier_step(stmt, draft, ctx):
            draft.statements.remove(stmt)
            wired.changes.append(f"leaves {ast.unparse(stmt)[:60]} to the earlier step that does it")
        elif stmt is not draft.anchor and (again_made := _cited_made_again(stmt, cited, ctx)):
            # `shap_values = explainer.shap_values(X_test)` in the plot step (once `shap.TreeExplainer(model)` is
            # step 4's explainer), where the Inputs say "`shap_values` from Step 5", made there by that call
            draft.statements.remove(stmt)
            wired.consumes[again_made] = again_made
            wired.changes.append(
                f"uses {again_made} from step {ctx.artifacts[again_made].step} instead of making it again"
            )


def _reads_files(stmt: ast.stmt, draft: Draft) -> bool:
    """Whether a statement reads a data file (`test_df = pd.read_csv("test.csv")`): the user's kind of data."""
    return any(_data_files(node, draft.literals) for node in walk(stmt) if isinstance(node, ast.Call))


def _without_feeders(statements: list[ast.stmt], draft: Draft, ctx: BindContext, remade: str = "") -> list[ast.stmt]:
    """The statements without the assignments that only fed a demo dropped for an earlier result (`rng`, `x`, `y`
    and `X` of `results = sm.OLS(y, X).fit()`): none of their names read later, nor named by the Outputs, and made
    of no earlier step's result; but the demo of the result remade, made again by the call that made it, whatever
    it reads (`pcm = ax.imshow(data)`, where the step takes step 3's `im`: another image on step 2's axes)."""
    wanted = set(named_outputs(ctx.step))
    kept = list(statements)
    dropped = True
    while dropped:
        dropped = False
        for n, stmt in enumerate(kept):
            made = names([stmt])[1]
            if (
                stmt is draft.anchor
                or not isinstance(stmt, ast.Assign)
                or not made
                or made & wanted
                or (any(ctx.has(r) for r in names([stmt])[0]) and not (remade and remade_result(stmt, ctx) == remade))
                or made & set(names(kept[n + 1 :])[0])
            ):
                continue
            del kept[n]
            dropped = True
            break
    return kept


def _after_random(value: ast.expr, name: str) -> ast.expr | None:
    """The methods an example chains on its random numbers (`np.random.random((50, d)).astype("float32")`), applied
    to name instead (`xq.astype("float32")`); None when it chains none."""
    links: list[ast.Call] = []
    node = value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
        links.append(node)
        node = node.func.value
    if not links:
        return None
    rebuilt: ast.expr = ast.Name(id=name, ctx=ast.Load())
    for link in reversed(links):
        assert isinstance(link.func, ast.Attribute)
        rebuilt = ast.Call(
            func=ast.Attribute(value=rebuilt, attr=link.func.attr, ctx=ast.Load()),
            args=link.args,
            keywords=link.keywords,
        )
    return rebuilt


def _redoes_earlier_step(stmt: ast.stmt, draft: Draft, ctx: BindContext) -> bool:
    """Whether a call statement, alone, calls an earlier step's API on an earlier step's result (`index.train(xb)`
    in the step adding vectors, `trainer.train()` in the step saving the model): that step's work, done there."""
    from generator.slicing import contains_api

    call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
        return False
    root = call.func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    if not (isinstance(root, ast.Name) and ctx.has(root.id)):
        return False
    if isinstance(stmt, ast.Assign) and (
        [ast.unparse(t) for t in stmt.targets] != [root.id] or not _FITS.match(call.func.attr)
    ):
        return False  # `model = model.learn(10_000)` trains the object again; `im = im.convert("RGB")` makes another
    own = draft.api.last if draft.api is not None else ""
    earlier = [
        (n, a) for n, a in enumerate(ctx.apis[: ctx.index], 1) if a is not None and a.last != own and not a.is_dunder
    ]
    made = {name: artifact.type for name, artifact in ctx.artifacts.items() if artifact.type}
    steps = [n for n, a in earlier if a.last == call.func.attr and contains_api(call, a, made)]
    # not on a result of a step after it (`con.register("top_users", top_users_df)`, step 3 registering another
    # frame and step 5 making this one): that step could not have done it; it is this step's work
    return bool(steps) and not any(
        isinstance(n, ast.Name) and ctx.has(n.id) and ctx.artifacts[n.id].step > max(steps)
        for arg in [*call.args, *(k.value for k in call.keywords)]
        for n in walk(arg)
    )


def _cited_made_again(stmt: ast.stmt, cited: set[str], ctx: BindContext) -> str | None:
    """The earlier result an assignment makes again under its name by the call that made it, when the Inputs cite
    it and the call does not read it; None otherwise."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return None
    name, producer = stmt.targets[0].id, _callee_text(stmt.value)
    if name not in cited or not ctx.holds_object(name) or not producer or name in names([stmt])[0]:
        return None
    return name if ctx.artifacts[name].producer == producer else None


def _demo_of(stmt: ast.Assign, cited: set[str], ctx: BindContext) -> bool:
    """Whether an assignment makes, from none of the results the step's Inputs cite, a result of an earlier step
    they cite by that name: the page's own data standing for it (a dimension `d` it reads is a setting)."""
    target = stmt.targets[0]
    if not (isinstance(target, ast.Name) and target.id in cited and ctx.holds_object(target.id)):
        return False
    return not any(n in cited for n in names([stmt])[0])


def _random_array_for(stmt: ast.Assign, ctx: BindContext) -> bool:
    """Whether an assignment makes random numbers with numpy (`xq = np.random.random((50, d)).astype("float32")`)
    under a name the step's Inputs quote (query vectors `xq`) and no earlier step made: demo data standing for
    the user's."""
    target = stmt.targets[0] if len(stmt.targets) == 1 else None
    if not isinstance(target, ast.Name) or ctx.has(target.id):
        return False
    if target.id not in {s.strip() for s in code_spans(ctx.step.inputs)}:
        return False
    return any(
        isinstance(n, ast.Call) and dotted(n.func)[:1] in (("np",), ("numpy",)) and "random" in dotted(n.func)
        for n in walk(stmt.value)
    )


_FITS = re.compile(r"^(?:partial_)?fit(?:_transform)?$|^train$|^learn$")  # methods that train what they are called on


def _fitted_maker(value: ast.expr) -> ast.Call | None:
    """The first call of a chain that makes an object and then trains it (`LGBMClassifier(...)` of
    `LGBMClassifier(...).fit(X, y)`); None for any other value."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and _FITS.match(value.func.attr)):
        return None
    node: ast.expr = value.func.value
    while isinstance(node, (ast.Call, ast.Attribute)):
        inner = node.func if isinstance(node, ast.Call) else node.value
        if not isinstance(inner, (ast.Call, ast.Attribute)) or not any(isinstance(n, ast.Call) for n in walk(inner)):
            break
        node = inner
    return node if isinstance(node, ast.Call) else None


class _InlineReuse(ast.NodeTransformer):
    """`gray = Image.open(path).convert("L")` after step 1's `im = Image.open(path)`: the call inside an expression
    that makes again what an earlier step made becomes that step's result (`gray = im.convert("L")`), as a whole
    statement doing so is dropped for it. Only a call inside a larger expression (a whole statement's call is
    _reuse's to judge), never the step's own API call, one reading what the step makes (`build(workflow2)`), nor
    one reading a named data file."""

    def __init__(self, ctx: BindContext, own: ast.Call | None, statements: list[ast.stmt]) -> None:
        self.ctx, self.own = ctx, own
        self.whole = {id(s.value) for s in statements if isinstance(s, (ast.Assign, ast.Expr, ast.AnnAssign))}
        self.made = names(statements)[1]
        self.per_item: set[str] = set()  # the targets of the comprehensions and loops around the node visited
        # `DocBin().from_disk(path)`: the object made, empty, for the API's method is no earlier step's result
        self.fresh = own.func.value if own is not None and isinstance(own.func, ast.Attribute) else None
        # (`soup.find_all("a", href=True)` in the comprehension, where the Inputs cite step 2's `anchors`, its result)
        self.cited = set(ctx.cited_by_inputs())
        self.changes: list[str] = []

    def _around(self, node: ast.AST, targets: list[ast.expr]) -> ast.AST:
        """Visit node with the names its loop or comprehension binds per item: a call reading one of them
        (`Example.from_dict(nlp.make_doc(t), a) for t, a in train_data`) makes a new thing each time, never
        the one result an earlier step made by that call."""
        bound = {t.id for target in targets for t in walk(target) if isinstance(t, ast.Name)}
        before = self.per_item
        self.per_item = before | bound
        try:
            return self.generic_visit(node)
        finally:
            self.per_item = before

    def visit_ListComp(self, node: ast.ListComp) -> ast.AST:
        return self._around(node, [g.target for g in node.generators])

    visit_SetComp = visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]

    def visit_DictComp(self, node: ast.DictComp) -> ast.AST:
        return self._around(node, [g.target for g in node.generators])

    def visit_For(self, node: ast.For) -> ast.AST:
        return self._around(node, [node.target])

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        read = set(names([ast.Expr(node)])[0])
        if id(node) in self.whole or node is self.own or read & self.made or read & self.per_item:
            return node
        if node is self.fresh and not node.args and not node.keywords:
            return node
        producer = _callee_text(node)
        root = producer.split(".", 1)[0]
        artifact = self.ctx.produced_by(producer) if producer else None
        if artifact is not None and self.ctx.alias(root) and artifact not in self.cited:
            return node  # a method of an earlier result, called again: the earlier one only when the Inputs cite it
        if artifact is None or _reads_data_file(node, self.ctx.artifacts[artifact]):
            return node
        if _reads_later(node, artifact, self.ctx):
            return node
        self.changes.append(
            f"uses {artifact} from step {self.ctx.artifacts[artifact].step} instead of calling {producer} again"
        )
        return ast.copy_location(ast.Name(id=artifact, ctx=ast.Load()), node)


_DATA_FILE = re.compile(r"\.(?:csv|tsv|json|jsonl|parquet|txt|xlsx?|feather|arrow|h5|hdf5|npy|npz|pkl|pickle)$", re.I)


def _reads_data_file(call: ast.expr, artifact: Artifact | None = None) -> bool:
    """Whether a call names a data file (`pd.read_csv("new_data.csv")`): called again, it reads other data (rows to
    predict), not what the earlier step read; unless it is the file the artifact was read from (`pl.scan_csv(
    "data/trips.csv")` again, where step 1 scanned the same file)."""
    files = _data_files(call, {})
    return bool(files) and (artifact is None or not set(files) <= set(artifact.files))


def _data_files(call: ast.expr, literals: dict[str, str], pattern: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """The data files a call names, as literals or through the config keys lifted from them (of tables and arrays;
    with pattern, of the kinds it matches)."""
    if not isinstance(call, ast.Call):
        return ()
    found: list[str] = []
    for value in [*call.args, *(k.value for k in call.keywords)]:
        text: object = value.value if isinstance(value, ast.Constant) else None
        if isinstance(value, ast.Name):
            text = literal_value(literals.get(value.id))
        if isinstance(text, str) and (pattern or _DATA_FILE).search(text):
            found.append(text)
    return tuple(found)


def _unpacked_again(stmt: ast.Assign, ctx: BindContext) -> dict[str, str]:
    """{local: earlier result} for a tuple assignment of the call an earlier step unpacked into as many names, when
    the step's Inputs cite that step and the call reads none of those results: `tempo, beats = beat_track(y=y,
    sr=sr)` where step 4 made `tempo, beat_frames = beat_track(...)` and the Inputs say "`beat_frames` from Step
    4". Empty otherwise."""
    target = stmt.targets[0]
    if not (isinstance(target, ast.Tuple) and isinstance(stmt.value, ast.Call)):
        return {}
    elements = [e.id for e in target.elts if isinstance(e, ast.Name)]
    callee = ".".join(dotted(stmt.value.func))
    if not callee or len(elements) != len(target.elts):
        return {}
    for number in sorted(from_steps(ctx.step.inputs or ""), reverse=True):
        places = {a.unpacked[1]: a.name for a in ctx.artifacts.values() if a.step == number and a.unpacked[0] == callee}
        if sorted(places) == list(range(len(elements))):
            mapping = {local: places[n] for n, local in enumerate(elements)}
            return {} if set(names([stmt])[0]) & set(mapping.values()) else mapping
    return {}


def _remade_cited(stmt: ast.Assign, cited: set[str], ctx: BindContext) -> list[str]:
    """The names an assignment makes again, when one earlier step made them all, the step's Inputs cite one of
    them, and the call reads none of them (it is not a step on from them): `popt, pcov = curve_fit(...)` where step
    3 made `popt` and `pcov` and the Inputs say "`popt` from Step 3"; `hull = trimesh.convex.convex_hull(samples)`
    where they say "`hull` from Step 5". Empty otherwise."""
    target = stmt.targets[0]
    made = [target] if isinstance(target, ast.Name) and ctx.has(target.id) else _earlier_names(target, ctx)
    if not made or not isinstance(stmt.value, ast.Call):
        return []
    targets = [e.id for e in made]
    steps = {ctx.artifacts[n].step for n in targets}
    if len(steps) != 1 or not set(targets) & cited or set(targets) & set(names([stmt])[0]):
        return []
    return targets


def _earlier_names(target: ast.expr, ctx: BindContext) -> list[ast.Name] | None:
    """The names of a tuple target, when every element is a plain name an earlier step made; None otherwise."""
    if not isinstance(target, ast.Tuple):
        return None
    elements = [e for e in target.elts if isinstance(e, ast.Name) and ctx.has(e.id)]
    return elements if len(elements) == len(target.elts) else None


# -- 2. literals -> config ---------------------------------------------------------------------------


def _is_dtype(node: ast.expr) -> str | None:
    parts = dotted(node)
    if len(parts) == 2 and parts[0] == "torch" and parts[1] in _DTYPES:
        return parts[1]
    return None


def _enum_member(node: ast.expr) -> tuple[str, str] | None:
    """(the enum as written, the member) of `Mode.FAST`, also reached through a module (`pkg.Mode.FAST`,
    `Image.Resampling.LANCZOS`)."""
    parts = dotted(node)
    if len(parts) >= 2 and parts[-2][:1].isupper() and parts[-1].isupper() and len(parts[-1]) > 1:
        return ".".join(parts[:-1]), parts[-1]
    return None


def _documented_member(node: ast.expr, step: Step) -> tuple[str, str] | None:
    """(the enum as written, the member) of a member not written in capitals (`QuantType.QInt8`), when the step's Key
    Parameters write it out: they document it as one of a set of choices."""
    parts = dotted(node)
    if len(parts) < 2 or not parts[-2][:1].isupper() or not parts[-1][:1].isupper():
        return None
    return (".".join(parts[:-1]), parts[-1]) if ".".join(parts[-2:]) in step.key_parameters_text else None


def _assigned_name(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    return ""


class _Claims:
    """Config key names taken by lifted literals, avoiding names the body binds or earlier steps made."""

    def __init__(self, taken: set[str], ctx: BindContext, step: Step) -> None:
        self.values: dict[str, str] = {}
        self.taken = taken
        self.ctx = ctx
        self.step = step
        self.renamed: dict[str, str] = {}  # a key claimed under another name -> the name it was claimed for

    def claim(self, name: str, literal: str, context: str) -> str:
        candidates = [name]
        if self.ctx.has(name) or name in self.taken:
            text = literal[1:-1] if literal[:1] in "'\"" else ""
            idlike = text and (_looks_like_id(text) or self.ctx.loader_for(name) is not None)
            file = _FILE_TEXT.fullmatch(text) is not None  # "llama.onnx": a file, not an id
            candidates = [f"{name}_path" if file else f"{name}_name_or_path"] if idlike else []
            if file and re.search(r"(?:path|file|fname)$", name):
                candidates = []  # `path` taken: `path_2`, not `path_path`
        if context and context != name:
            candidates.append(f"{context}_{name}")
        for candidate in candidates + [f"{name}_{n}" for n in range(2, 50)]:
            candidate = param_name(candidate)
            if candidate in self.taken or self.ctx.has(candidate):
                continue
            if candidate not in self.values or self.values[candidate] == literal:
                self.values[candidate] = literal
                if candidate != name:
                    self.renamed.setdefault(candidate, name)
                return candidate
        raise AssertionError("unreachable: 50 keys of one name")


def _documented_defaults(draft: Draft, step: Step) -> None:
    """A documented key the example's own function takes with a default the call leaves as it is (`def
    load_csv(csv_path, label_column="label")`, called `load_csv(csv_path)`, where the Key Parameters document
    `label_column`): the call passes it, written as the default, so it becomes the key."""
    documented = {p.name for p in step.key_parameters}
    functions = {d.name: d for d in draft.definitions if isinstance(d, ast.FunctionDef)}
    for node in (n for s in draft.statements for n in walk(s)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions):
            continue
        args = functions[node.func.id].args
        if args.vararg is not None or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        positional = [*args.posonlyargs, *args.args]
        given = {k.arg for k in node.keywords} | {a.arg for a in positional[: len(node.args)]}
        defaults = [
            *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
            *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None),
        ]
        for arg, default in defaults:
            if arg.arg in documented and arg.arg not in given and arg not in args.posonlyargs:
                if literal_source(default) is not None:
                    node.keywords.append(ast.keyword(arg=arg.arg, value=clone(default)))


def _lift_literals(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """Replace literal arguments (and top-level literal assignments) with config keys."""
    draft.statements = [part for stmt in draft.statements for part in _one_by_one(stmt, draft.anchor)]
    free, bound = names(draft.definitions + draft.statements)
    claims = _Claims(bound | set(free) - set(draft.literals) | draft.imported(), ctx, ctx.step)
    cited = set(ctx.cited_by_inputs())
    # (a value written in where a function's own parameter has the key's name would read the parameter)
    scoped = bound_anywhere(draft.definitions + draft.statements)
    for name, assigned in list(draft.literals.items()):  # a value the example assigned earlier, named like an object
        if ctx.holds_object(name) and name in free:
            # sample rows standing in for what the earlier step made, or a value standing for the result the
            # Inputs cite by name (`d = 32` where they say "Dimensionality `d`"): take that
            if written_collection(assigned) or name in cited:
                del draft.literals[name]
                continue
            new = claims.claim(name, assigned, "")
            rename(draft.statements + draft.definitions, name, new)
            draft.literals[new] = draft.literals.pop(name)
    keys = key_hints(ctx.step)
    imported = draft.imported()
    # a value the example reads and makes of nothing (`num_batches=resume_step`), of a simple type
    unmade = [n for n in free if n not in draft.literals and not ctx.has(n) and n not in imported]
    for name in [*draft.literals, *unmade]:
        # `model_fp32 = "bert-base-infer.onnx"`, passed as `model_input`, which the Key Parameters document: the key
        # takes the documented name
        documented = _documented_slot(draft, name, keys)
        if documented is None and name in draft.literals:  # `exts = {".jpg", ...}` where they document `extensions`
            documented = abbreviated(name, draft.literals[name], keys, {*free, *bound})
        if not documented or documented in claims.taken or documented in draft.literals:
            continue
        if name not in draft.literals and keys[documented].type.split("[")[0].strip() not in _SCALARS:
            continue
        rename(draft.statements + draft.definitions, name, documented)
        if name in draft.literals:
            draft.literals[documented] = draft.literals.pop(name)
        claims.taken.add(documented)
    _documented_varargs(draft, keys, claims)
    _documented_function(draft, keys, claims)
    _documented_by_method(draft, keys, claims, free, bound)
    _documented_method_argument(draft, keys, claims, free, bound)
    _documented_column(draft, ctx.step, keys, claims, {*free, *bound})
    _documented_selection(draft, keys, claims, {*free, *bound})
    _documented_folder(draft, keys, claims, {*free, *bound})
    anchor_calls = {id(n) for n in walk(draft.anchor)} if draft.anchor is not None else set()
    keep = ctx.tables.keep_literals
    passed = _keywords_passed(draft)
    by_value = _documented_numbers(ctx.step, {*free, *scoped, *passed})  # (`r=16` passes r: not `lora_alpha=16`)
    paths = _DocumentedPaths(draft, keys, claims, {*free, *bound, *passed})
    cell_slots = _documented_in_cell(ctx.step, keys)
    kept: list[ast.stmt] = []
    compared = Counter(_field_name(c.left) for s in draft.statements for c in _filters(s))
    for stmt in draft.statements:
        if isinstance(stmt, ast.ClassDef):  # a declaration (a mapped table, a schema) is code, not settings
            kept.append(stmt)
            continue
        target = _assigned_name(stmt)
        if (
            stmt is not draft.anchor
            and isinstance(stmt, ast.Assign)
            and target
            and literal_source(stmt.value) is not None
            and not empty_container(stmt.value)  # `band_powers = {}` filled below: an accumulator, not a setting
            and target not in claims.values
            and _stores(draft.statements, target) == 1
        ):
            if ctx.has(target) and ctx.artifacts[target].value:  # a decision an earlier step hands on
                draft.literals.setdefault(target, literal_source(stmt.value) or "")
                continue
            claims.taken.discard(target)
            name = claims.claim(target, literal_source(stmt.value) or "", "")
            draft.literals.setdefault(name, literal_source(stmt.value) or "")
            if name != target:
                rename(draft.statements, target, name)
            continue
        # `input_dir = Path("photos/")`, where the Key Parameters document `input_dir: str` - folder of the images:
        # the folder is that key's, and the code makes the path of it
        wrapped = _path_of_text(stmt.value) if isinstance(stmt, ast.Assign) and target in keys else None
        if wrapped is not None and target not in claims.values and _stores(draft.statements, target) == 1:
            claims.taken.discard(target)
            name = claims.claim(target, literal_source(wrapped.args[0]) or "", "")
            draft.literals.setdefault(name, literal_source(wrapped.args[0]) or "")
            wrapped.args[0] = ast.copy_location(ast.Name(id=name, ctx=ast.Load()), wrapped.args[0])
            kept.append(stmt)
            continue
        # `core_properties.author = "Jane Doe"`, where the Key Parameters document `author`: the value is that key
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Attribute)
            and stmt.targets[0].attr in keys
            and stmt.targets[0].attr not in claims.taken
            and literal_source(stmt.value) is not None
        ):
            name = claims.claim(stmt.targets[0].attr, literal_source(stmt.value) or "", "")
            draft.literals.setdefault(name, literal_source(stmt.value) or "")
            stmt.value = ast.copy_location(ast.Name(id=name, ctx=ast.Load()), stmt.value)
            kept.append(stmt)
            continue
        if stmt is draft.anchor:
            _lift_item(stmt, draft, keys, claims)
        before = set(draft.literals)
        for node in walk(stmt):
            if not isinstance(node, ast.Call):
                continue
            callee = dotted(node.func)
            # (a method of a part, `axs[0, 0].hist(...)`: named after the method, as `ax.hist(...)` is)
            last = node.func.attr if isinstance(node.func, ast.Attribute) else (callee[-1] if callee else "")
            for keyword in node.keywords:
                if not keyword.arg or not keyword.arg.isidentifier():
                    continue
                if keyword.arg in ctx.tables.keep_keywords and keyword.arg not in keys:
                    continue
                if _names_locals(last, keyword.value):
                    continue
                # `minibatch(examples, size=8)`, where "`batch_size: int` - examples per minibatch (e.g. 8)"
                number = _number(keyword.value)
                documented = by_value.pop(number, None) if number is not None and keyword.arg not in keys else None
                if (
                    keyword.arg not in keys
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                ):
                    documented = paths.pick(last, keyword.value.value)  # `df.to_csv(path_or_buf="trials.csv")`
                _lift_value(keyword, documented or keyword.arg, target or last, claims, draft)
            if callee == ("open",) and node.args and literal_source(node.args[0]) is not None:
                # the file a `with open("data/page.html") as fp:` reads or writes: a path to set in config
                text = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
                file_key = paths.pick("open", text, alone=paths.opens == 1) if isinstance(text, str) else None
                key = claims.claim(file_key or "file", literal_source(node.args[0]) or "", target or last)
                draft.literals.setdefault(key, literal_source(node.args[0]) or "")
                node.args[0] = ast.Name(id=key, ctx=ast.Load())
            positional = draft.positional if id(node) in anchor_calls and node is anchor_call(draft) else []
            if (last in keep or (len(callee) == 1 and last in BUILTINS)) and not positional:
                continue  # (the step's own call is no `", ".join(...)`: `rel.join(customers, "customer_id")`)
            for index, arg in enumerate(list(node.args)):
                literal = literal_source(arg)
                if literal is None or isinstance(arg, ast.Starred) or _names_locals(last, arg):
                    continue
                if index < len(positional):
                    # `torch.save({...}, "output/checkpoint.pth.tar")` for `torch.save(obj, f)`, where the Key
                    # Parameters document `checkpoint_path: str` - "output file, e.g. `output/checkpoint.pth.tar`":
                    # the documented key, not one named after the signature's parameter
                    text = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                    name = (paths.pick(last, text) if text is not None else None) or positional[index]
                elif index == 0 and last in ctx.tables.first_params:
                    name = ctx.tables.first_params[last]
                elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _looks_like_id(arg.value):
                    name = paths.pick(last, arg.value) or _id_kind(arg.value)
                elif files := _file_names(arg):
                    # `batch_iterator(["a.txt", "b.txt"])`: the files a helper the example defines reads, set in
                    # config as the paths an argument gives are, under the helper's parameter's name
                    name = paths.pick(last, files[0]) or _parameter_of(draft.definitions, last, index) or "files"
                elif (number := _number(arg)) is not None and number in by_value:
                    # `values = f(grid, 1.0)`, where "`a_value: float` - value substituted for a (1.0)"
                    name = by_value.pop(number)
                elif (last, index) in cell_slots:  # the cell's slot, for the first call filling it
                    name = cell_slots.pop((last, index))
                else:
                    continue
                key = claims.claim(param_name(name), literal, target or last)
                draft.literals.setdefault(key, literal)
                node.args[index] = ast.Name(id=key, ctx=ast.Load())
        _compared_values(stmt, claims, draft, target or "", compared, keys)
        _same_text(stmt, {k: draft.literals[k] for k in set(draft.literals) - before})
        kept.append(stmt)
    draft.statements = kept
    for key, name in claims.renamed.items():  # `champion_model_uri`, claimed for the documented `model_uri`
        if key in draft.literals and name in keys and key not in keys:  # its description and type; the value its own
            draft.hints.setdefault(key, replace(keys[name], default=None))
    _documented_texts(draft, ctx.step, {*free, *scoped})
    _sets_as_lists(draft)
    # a key named like a builtin (`id="prices"` lifted to `id`): the key, not Python's id()
    draft.shadowing += [key for key in draft.literals if key in BUILTINS and key not in draft.shadowing]
    used = set(draft.literals.values())
    for key, literal in list(draft.literals.items()):
        draft.literals[key] = _workflows_own_path(literal, ctx.step, used)


def _lift_item(stmt: ast.stmt, draft: Draft, keys: dict[str, Hint], claims: _Claims) -> None:
    """`dset.attrs["temperature"] = 99.5` for `AttributeManager.__setitem__(name, value)`, where the Key Parameters
    document `name` and `value`: the item an item API's subscript selects and the value it writes, when the example
    writes them as a text, number or flag, are those keys (hard-coded, the documented settings did nothing)."""
    api = draft.api
    if api is None or api.item_context is None:
        return
    node = next((n for n in walk(stmt) if isinstance(n, ast.Subscript) and isinstance(n.ctx, api.item_context)), None)
    if node is None:
        return
    slots: list[tuple[str, ast.expr, Callable[[ast.expr], None]]] = []
    if draft.positional:
        slots.append((draft.positional[0], node.slice, lambda new: setattr(node, "slice", new)))
    if len(draft.positional) > 1 and isinstance(stmt, ast.Assign) and stmt.targets == [node]:
        slots.append((draft.positional[1], stmt.value, lambda new: setattr(stmt, "value", new)))
    for name, value, put in slots:
        literal = literal_source(value)
        if name not in keys or name in claims.taken or literal is None:
            continue
        kind = keys[name].type
        # (`...`, `0:10`: no config value; `dset[0]` for "`args: slice`" is one of the page's ways to slice)
        if (
            not isinstance(literal_value(literal), (str, int, float, bool))
            or "slice" in kind
            or not fits_type(literal, kind)
        ):
            continue
        key = claims.claim(name, literal, "")
        draft.literals.setdefault(key, literal)
        put(ast.copy_location(ast.Name(id=key, ctx=ast.Load()), value))


class _AsSet(ast.NodeTransformer):
    """Every read of some names wrapped in `set(...)`."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id not in self.names or not isinstance(node.ctx, ast.Load):
            return node
        return ast.copy_location(ast.Call(func=ast.Name(id="set", ctx=ast.Load()), args=[node], keywords=[]), node)


def _sets_as_lists(draft: Draft) -> None:
    """`xgb.cv(..., metrics={"error"})` lifted to a key: TOML holds no set, so the key's default is the list of its
    items, and the step makes the set the example passed (`metrics=set(metrics)`); the default was a Python set
    the generated config check refused ("expected list[str], got set")."""
    turned: set[str] = set()
    for key, literal in list(draft.literals.items()):
        try:
            node = ast.parse(literal.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if isinstance(node, ast.Set) and all(literal_source(e) is not None for e in node.elts):
            draft.literals[key] = ast.unparse(ast.List(elts=node.elts, ctx=ast.Load()))
            turned.add(key)
    if turned:
        wrap = _AsSet(turned)
        draft.statements = [wrap.visit(s) for s in draft.statements]


_CELL_ANNOTATION = re.compile(r"\b([A-Za-z_]\w*)\s*:\s*[^,()=]+(?=[,)=])")  # `freq: str` in a call's brackets


def _cell(step: Step) -> ast.Module | None:
    """The step's API cell as Python, annotations dropped (`read_series(path: str).asfreq(freq: str)`: its names
    alone); None when it does not parse."""
    text = step.api_text.strip().strip("`")
    try:
        return parse_dedented(text)  # (parsed once per process and shared: read here, never changed)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        try:
            return parse_dedented(_CELL_ANNOTATION.sub(r"\1", text))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None


def _subscripted_in_cell(step: Step, keys: dict[str, Hint]) -> str | None:
    """The one documented key the API cell indexes with (`pd.read_csv(path, index_col=0)[value_column]`), or None
    (none, or several)."""
    cell = _cell(step)
    found = {
        node.slice.id
        for node in (walk(cell) if cell is not None else ())
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name) and node.slice.id in keys
    }
    return found.pop() if len(found) == 1 else None


def _documented_in_cell(step: Step, keys: dict[str, Hint]) -> dict[tuple[str, int], str]:
    """The positional slots the API cell fills with a documented key, by method and position:
    `pd.read_csv(path).squeeze("columns").asfreq(freq)` with "`freq: str` - pandas offset alias" gives
    {("asfreq", 0): "freq"}, so the example's `.asfreq("MS")` becomes that key (a chained call's argument, which
    no signature names)."""
    cell = _cell(step)
    slots: dict[tuple[str, int], str] = {}
    for node in walk(cell) if cell is not None else ():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            for index, arg in enumerate(node.args):
                if isinstance(arg, ast.Name) and arg.id in keys:
                    slots.setdefault((node.func.attr, index), arg.id)
    return slots


class _Text(ast.NodeTransformer):
    """Every string constant equal to a text replaced by a name; not a piece of an f-string (`f"{name}.png"`: a
    name there is no valid tree, and a piece is no text of its own)."""

    def __init__(self, text: str, name: str) -> None:
        self.text, self.name, self.count = text, name, 0

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.expr:
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.expr:
        if node.value != self.text:
            return node
        self.count += 1
        return ast.copy_location(ast.Name(id=self.name, ctx=ast.Load()), node)


def _keywords_passed(draft: Draft) -> set[str]:
    """The keywords the draft's calls pass (`r=16` of `LoraConfig(r=16, lora_alpha=16)`)."""
    return {k.arg for s in draft.statements for n in walk(s) if isinstance(n, ast.Call) for k in n.keywords if k.arg}


def _number(node: ast.expr) -> int | float | None:
    """A number a node writes (not a bool); None for anything else."""
    value = node.value if isinstance(node, ast.Constant) else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _documented_numbers(step: Step, taken: set[str]) -> dict[int | float, str]:
    """The Key Parameters the example does not name, by the number each documents as its value (`n_iter: int` -
    number of epochs (e.g. 20)), where no other documents the same number."""
    found: dict[int | float, list[str]] = {}
    for name, hint in key_hints(step).items():
        value = literal_value(hint.default) if hint.default else None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in taken:
            found.setdefault(value, []).append(name)
    return {value: names_[0] for value, names_ in found.items() if len(names_) == 1}


class _Loops(ast.NodeTransformer):
    """`for i in range(20):`, where "`n_iter: int` - number of epochs (e.g. 20)": the count is that key."""

    def __init__(self, by_value: dict[int | float, str]) -> None:
        self.by_value = by_value
        self.used: dict[str, str] = {}

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if dotted(node.func) == ("range",) and 1 <= len(node.args) <= 2:
            count = node.args[-1]  # range(stop), range(start, stop)
            number = _number(count)
            name = self.by_value.get(number) if isinstance(number, int) else None
            if name is not None:
                self.used[name] = ast.unparse(count)
                node.args[-1] = ast.Name(id=name, ctx=ast.Load())
        return node


def _documented_texts(draft: Draft, step: Step, taken: set[str]) -> None:
    """`y = df.pop("churned")`, where the Key Parameters say "`label: str` - name of the target column
    (`churned`)": the text the step documents as a key's value is that key, wherever the statements write it; so
    is the count of a `range(...)` loop the step documents (`n_iter` of `for i in range(20):`)."""
    passed = _keywords_passed(draft)
    documented = _documented_numbers(step, taken | passed)
    loops = _Loops({v: n for v, n in documented.items() if n not in draft.literals})
    for stmt in draft.statements:
        loops.visit(stmt)
    draft.literals.update(loops.used)
    for name, hint in key_hints(step).items():
        value = literal_value(hint.default) if hint.default else None
        if not isinstance(value, str) or len(value) < 2 or name in draft.literals or name in taken:
            continue
        if not re.fullmatch(r"[\w./:-]+", value):
            continue  # a name or a path (`churned`), not an expression the code keeps (`"a >= @low"`)
        replacer = _Text(value, name)
        statements = [replacer.visit(s) for s in draft.statements]
        if replacer.count:
            draft.statements = statements
            draft.literals[name] = hint.default or ""
    _documented_prose(draft, step, taken)
    _documented_thresholds(draft, step, taken)


_PROSE_KEY = re.compile(r"(?:^|_)(?:prompt|text|query|question|caption|message|sentence|instruction)s?$")


def _documented_prose(draft: Draft, step: Step, taken: set[str]) -> None:
    """`inputs = tokenizer("### Question: What is TRL?\n### Answer:", ...)`, where the Key Parameters say "`prompt:
    str` - text in the training template (e.g. ...)" with another text: the one sentence the statements write is the
    documented text key (a prompt, a query, a caption), when one such key is left to place; the example's text its
    default."""
    read = names(draft.statements)[0]
    documented = key_hints(step)
    keys = [
        name
        for name, hint in documented.items()
        if _PROSE_KEY.search(name)
        and hint.type in ("", "str")
        and name not in draft.literals
        and name not in taken
        and name not in read
    ]
    if len(keys) != 1:
        return
    prose = {
        node.value
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.split()) >= 3
    }
    # or a key lifted from such a text under a name of its own (`inputs_text` of `encode("Q: ...")`)
    lifted = [
        k
        for k, v in draft.literals.items()
        if k not in documented and isinstance(value := literal_value(v), str) and len(value.split()) >= 3
    ]
    if len(prose) + len(lifted) != 1:
        return
    if lifted:
        rename(draft.statements, lifted[0], keys[0])
        draft.literals[keys[0]] = draft.literals.pop(lifted[0])
        draft.hints.pop(lifted[0], None)
        return
    text = prose.pop()
    replacer = _Text(text, keys[0])
    draft.statements = [replacer.visit(s) for s in draft.statements]
    draft.literals[keys[0]] = repr(text)


# (not a count with its unit, "2-D", "5-fold", "8-bit": no value)
_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE]-?\d+)?(?![\w.]|\.\d|-[A-Za-z])")
_ORDER = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


class _Thresholds(ast.NodeTransformer):
    """Numbers compared with (`x < 0.05`, `vif > 10`) replaced by the key documenting them."""

    def __init__(self, by_value: dict[float, str]) -> None:
        self.by_value = by_value
        self.used: dict[str, str] = {}

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if len(node.ops) != 1 or not isinstance(node.ops[0], _ORDER):
            return node
        for side in ("left", "comparators"):
            value = node.left if side == "left" else node.comparators[0]
            number = _number(value)
            name = self.by_value.get(float(number)) if number is not None else None
            if name is None:
                continue
            self.used.setdefault(name, repr(number))
            replacement = ast.copy_location(ast.Name(id=name, ctx=ast.Load()), value)
            if side == "left":
                node.left = replacement
            else:
                node.comparators[0] = replacement
        return node


def _documented_thresholds(draft: Draft, step: Step, taken: set[str]) -> None:
    """`d = 0 if result[1] < 0.05 else 1`, where the Key Parameters say "`significance: float` - p-value threshold
    (0.05 is the usual choice)"; `vif[vif > 10]` with "`vif_threshold: float` - VIF above which a regressor is
    flagged (5 or 10 by convention)": a number the statements compare with (<, <=, >, >=) that one key's default
    or description names, and no other key's, is that key (its documented default, else the example's number).
    0 and 1, which a description names by chance (`0 keeps all`), only as a default."""
    found: dict[float, list[str]] = {}
    for name, hint in key_hints(step).items():
        if name in draft.literals or name in taken or hint.type.split("[")[0].strip() not in ("", "int", "float"):
            continue
        if _condition_given(hint.doc) is not None:  # "e.g. some_table.c.y > 2": a condition's key, no threshold's
            continue
        default = literal_value(hint.default) if hint.default else None
        numbers = {float(default)} if isinstance(default, (int, float)) and not isinstance(default, bool) else set()
        for text in _NUMBER_IN_TEXT.findall(hint.doc[:2000]):
            if float(text) not in (0.0, 1.0):
                numbers.add(float(text))
        for number in numbers:
            found.setdefault(number, []).append(name)
    by_value = {number: names_[0] for number, names_ in found.items() if len(names_) == 1}
    if not by_value:
        return
    thresholds = _Thresholds(by_value)
    draft.statements = [thresholds.visit(s) for s in draft.statements]
    hints = key_hints(step)
    for name, written in thresholds.used.items():
        draft.literals[name] = hints[name].default or written


def _same_text(stmt: ast.stmt, lifted: dict[str, str]) -> None:
    """`enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")` with pad_token lifted to a key:
    the statement's other "[PAD]" passed to a call is that key too (else setting the key padded with one token
    under another's id). Texts only, of two characters or more and of one key: a number appears twice by chance.
    Not beside the key in the call it was lifted from (`save_pretrained_merged("merged_16bit", tok,
    save_method="merged_16bit")` names a folder and a method alike), nor inside a dict, list or f-string."""
    values = {k: literal_value(v) for k, v in lifted.items()}
    texts = [v for v in values.values() if isinstance(v, str) and len(v) > 1]
    by_text = {v: k for k, v in values.items() if isinstance(v, str) and len(v) > 1 and texts.count(v) == 1}
    if not by_text:
        return
    keys = set(by_text.values())
    for call in walk(stmt):
        if not isinstance(call, ast.Call) or any(
            isinstance(k.value, ast.Name) and k.value.id in keys for k in call.keywords
        ):
            continue
        for at, arg in enumerate(call.args):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in by_text:
                call.args[at] = ast.copy_location(ast.Name(id=by_text[arg.value], ctx=ast.Load()), arg)
        for keyword in call.keywords:
            value = keyword.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value in by_text:
                keyword.value = ast.copy_location(ast.Name(id=by_text[value.value], ctx=ast.Load()), value)


def _names_locals(call: str, value: ast.expr) -> bool:
    """`df.query("net_revenue >= @min_revenue")`: an expression string that reads the caller's variables stays in
    the code, and each variable it names is a key of its own (`min_revenue = 150`); lifted into a key itself, the
    variables it reads were lost ("local variable 'min_revenue' is not defined")."""
    return call in AT_CALLS and isinstance(value, ast.Constant) and isinstance(value.value, str) and "@" in value.value


_PATH_LITERAL = re.compile(r"""^(['"])([\w.~/-]+\.([A-Za-z0-9]{1,8}))\1$""")


def _workflows_own_path(literal: str, step: Step, used: set[str]) -> str:
    """A file path from an implementation page's example (pages are shared by workflows) yields to the one path of
    the same extension this workflow's step names (`e.g. "data/links.html"` where the page reads page.html); not
    when the example names that path too (it reads test.csv and writes the step's "predictions.csv": two files).
    used: the literals of the step's keys."""
    found = _PATH_LITERAL.match(literal)
    if found is None:
        return literal
    text = " ".join((step.key_parameters_text, step.inputs, step.description))
    named = set(re.findall(r"""[`'"]([\w.~/-]+\.""" + re.escape(found.group(3)) + r""")[`'"]""", text))
    if len(named) != 1 or found.group(2) in named:
        return literal
    path = named.pop()
    if any(literal_value(v) == path for v in used):
        return literal
    # the same file, named without its folder ("Path to `orders.json`" for the example's "data/orders.json")
    return literal if found.group(2).endswith("/" + path) else repr(path)


def _class_paths(value: ast.expr, draft: Draft, step: Step, ctx: BindContext) -> str | None:
    """`(BertForSequenceClassification,)` -> "['transformers.BertForSequenceClassification']": a class (or a tuple or
    list of classes) the example passes as an argument, by the dotted names its imports give; None otherwise."""
    items = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value]
    made = names(draft.statements)[1]  # (`T_exp, E_exp = df.loc[ix, "T"], ...`: the example's own values)
    classes = [
        i
        for i in items
        if isinstance(i, ast.Name)
        and i.id[:1].isupper()
        and not i.id.isupper()
        and not ctx.has(i.id)  # (`S_db`)
        and i.id not in made
    ]
    if not items or len(classes) != len(items):
        return None
    paths = []
    for item in classes:
        path = qualified((item.id,), [ast.unparse(i) for i in draft.imports]) or qualified(
            (item.id,), [import_for(item.id, step, ctx)[0]]
        )
        if not path:
            return None
        paths.append(path)
    return repr(paths) if isinstance(value, (ast.Tuple, ast.List)) else repr(paths[0])


_COMPARED = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _field_name(node: ast.expr) -> str:
    """The column a filter compares: `ds.field("region")`, `pl.col("fare")`, `df["country"]`; "" for anything else."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        arg = node.args[0]
    elif isinstance(node, ast.Subscript):
        arg = node.slice
    else:
        return ""
    text = arg.value if isinstance(arg, ast.Constant) else None
    return text if isinstance(text, str) and text.isidentifier() else ""


def _compared_values(
    stmt: ast.stmt, claims: _Claims, draft: Draft, context: str, compared: Counter[str], keys: dict[str, Hint]
) -> None:
    """`filter=ds.field("region") == "EU"`, `df[df["fare"] > 10.0]`: the value a column is compared with, a key
    named after the column (`region = "EU"`), so another region or threshold is a setting, not an edit; a column
    compared with several values in the step gives each key the value's name too (`control_group`,
    `treatment_group`). A bound the Key Parameters document for the column (`min_year` for `books.c.year >= 1850`,
    `max_price` for `< 20`) is the key, and so is a mapped class's column (`Book.year`) then. Never inside a
    function the step defines (its own logic), nor a comparison of anything but a named column."""
    for node in walk(stmt):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return
    for node in _filters(stmt):
        if not (len(node.ops) == 1 and isinstance(node.ops[0], _COMPARED)):
            continue
        field, value = _field_name(node.left), node.comparators[0]
        bound = _documented_bound(node, keys)
        if not ((field or bound) and isinstance(value, ast.Constant) and isinstance(value.value, (str, int, float))):
            continue
        if isinstance(value.value, bool):  # (`== True`: a flag tested, no setting)
            continue
        literal = repr(value.value)
        name = bound or field
        if not bound and compared[field] > 1 and isinstance(value.value, str) and value.value.isidentifier():
            name = f"{value.value}_{field}"
        key = claims.claim(param_name(name), literal, context)
        draft.literals.setdefault(key, literal)
        node.comparators[0] = ast.copy_location(ast.Name(id=key, ctx=ast.Load()), value)


def _documented_bound(node: ast.Compare, keys: dict[str, Hint]) -> str | None:
    """The key the Key Parameters document for a comparison's bound: `min_year` for `books.c.year >= 1850` or
    `pl.col("year") > 1850`, `max_price` for `Book.price <= 20`; None when they document none."""
    if isinstance(node.left, ast.Attribute):
        field = node.left.attr
    else:
        field = _field_name(node.left)
    if not field or not isinstance(node.ops[0], _ORDER):
        return None
    prefix = "min" if isinstance(node.ops[0], (ast.Gt, ast.GtE)) else "max"
    key = f"{prefix}_{field}"
    return key if key in keys else None


def _filters(stmt: ast.stmt) -> list[ast.Compare]:
    """The comparisons a statement filters by: a call's argument (`lf.filter(pl.col("x") == 1)`, `filter=...`) or
    an item selection (`df.loc[df["g"] == "a", col]`), alone or joined by `&`, `|`, `and`, `or`, `~`; never one
    inside arithmetic (`X["a"] + (X["c"] == "x")`, a demo's data)."""
    found: list[ast.Compare] = []

    def gather(expr: ast.expr) -> None:
        if isinstance(expr, ast.Compare):
            found.append(expr)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                gather(value)
        elif isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.BitAnd, ast.BitOr)):
            gather(expr.left)
            gather(expr.right)
        elif isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.Invert, ast.Not)):
            gather(expr.operand)
        elif isinstance(expr, ast.Tuple):
            for element in expr.elts:
                gather(element)

    for node in walk(stmt):
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                gather(arg)
        elif isinstance(node, ast.Subscript):
            gather(node.slice)
    return found


def _slice_bounds(value: ast.expr) -> str | None:
    """`slice(60, 30)`, `slice("2013-01", "2013-06")`: its bounds as a list's source (`[60, 30]`); None for anything
    else, and for a bound of None (which TOML cannot hold)."""
    if not (isinstance(value, ast.Call) and dotted(value.func) == ("slice",) and not value.keywords):
        return None
    if not 2 <= len(value.args) <= 3:
        return None
    bounds = [literal_source(a) for a in value.args]
    if any(b is None or b == "None" for b in bounds):
        return None
    return "[" + ", ".join(b for b in bounds if b is not None) + "]"


def _lift_value(keyword: ast.keyword, name: str, context: str, claims: _Claims, draft: Draft) -> None:
    """Replace a keyword argument's literal (or class, dtype, enum member) with a config key."""
    value = keyword.value
    classes = _class_paths(value, draft, claims.step, claims.ctx)
    if classes is not None:
        key = claims.claim(name, classes, context)
        draft.literals.setdefault(key, classes)
        draft.hints.setdefault(key, Hint("class", classes, "a class, or a list of classes, by dotted name"))
        keyword.value = ast.Name(id=key, ctx=ast.Load())
        return
    literal = literal_source(value)
    artifact = claims.ctx.artifacts.get(name)
    if literal is not None and artifact is not None and (artifact.value or literal == "None"):
        draft.literals.setdefault(name, literal)
        keyword.value = ast.Name(id=name, ctx=ast.Load())
        return
    if literal is not None:
        key = claims.claim(name, literal, context)
        draft.literals.setdefault(key, literal)
        keyword.value = ast.Name(id=key, ctx=ast.Load())
        return
    bounds = _slice_bounds(value)
    if bounds is not None:  # `lat=slice(60, 30)`: the bounds a key, `[60, 30]` (TOML holds no slice)
        key = claims.claim(name, bounds, context)
        draft.literals.setdefault(key, bounds)
        draft.hints.setdefault(key, Hint("list", bounds, "a slice's bounds, [start, stop] (or [start, stop, step])"))
        keyword.value = ast.Call(
            func=ast.Name(id="slice", ctx=ast.Load()),
            args=[ast.Starred(value=ast.Name(id=key, ctx=ast.Load()), ctx=ast.Load())],
            keywords=[],
        )
        return
    dtype = _is_dtype(value)
    if dtype:
        key = claims.claim(name, repr(dtype), context)
        draft.literals.setdefault(key, repr(dtype))
        draft.hints.setdefault(key, Hint("torch.dtype", repr(dtype), "a torch dtype name"))
        keyword.value = ast.Name(id=key, ctx=ast.Load())
        return
    member = _enum_member(value) or _documented_member(value, claims.step)
    if member:
        enum, label = member
        key = claims.claim(name, repr(label), context)
        draft.literals.setdefault(key, repr(label))
        draft.hints.setdefault(key, Hint("str", repr(label), f"a member of {enum}"))
        member_of = ast.Subscript(
            value=ast.parse(enum, mode="eval").body, slice=ast.Name(id=key, ctx=ast.Load()), ctx=ast.Load()
        )
        # `--set 4.weights=None` passes None, as the library's own default may (`resnet18(weights=None)`)
        unset = ast.Compare(left=ast.Name(id=key, ctx=ast.Load()), ops=[ast.IsNot()], comparators=[ast.Constant(None)])
        keyword.value = ast.IfExp(test=unset, body=member_of, orelse=ast.Constant(None))
        return
    # `width=Inches(1.25)`, where the Key Parameters document `width`: the number is the key, in its unit's call
    # (a class or function the example imports; not a method of data, `X_train.head(5)`)
    if not (isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords):
        return
    number = _number(value.args[0])
    imported = {n for i in draft.imports for n in names([i])[1]}
    if number is not None and name in key_hints(claims.step) and set(dotted(value.func)[:1]) & imported:
        key = claims.claim(name, repr(number), context)
        draft.literals.setdefault(key, repr(number))
        value.args[0] = ast.copy_location(ast.Name(id=key, ctx=ast.Load()), value.args[0])


def _extra_kwargs(draft: Draft, step: Step) -> None:
    """A call whose signature takes `**kwargs` also gets a config table of further keyword arguments, passed as
    written: parameters the wiki does not list (or that a newer release requires) can be set without editing code."""
    call = anchor_call(draft)
    if (
        call is None
        or draft.api is None
        or any(k.arg is None for k in call.keywords)
        or not takes_kwargs(step, draft.api)
    ):
        return
    names_used = {n.id for s in draft.statements for n in walk(s) if isinstance(n, ast.Name)}
    if "extra_kwargs" in names_used:
        return
    callee = dotted(call.func)
    for other in (n for s in draft.statements for n in walk(s) if isinstance(n, ast.Call)):
        # the same call made again (once for each split it makes): the same further arguments
        if other is call or (callee and dotted(other.func) == callee and all(k.arg for k in other.keywords)):
            other.keywords.append(ast.keyword(arg=None, value=ast.Name(id="extra_kwargs", ctx=ast.Load())))
    target = ".".join(callee) or "the call"
    draft.literals["extra_kwargs"] = "{}"
    draft.hints["extra_kwargs"] = Hint("dict", "{}", f"more keyword arguments for {target}, passed as written", True)


def _stores(statements: list[ast.stmt], name: str) -> int:
    """How many times the statements assign name."""
    return sum(
        1
        for stmt in statements
        for node in walk(stmt)
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
    )


def _id_kind(text: str) -> str:
    """A key name for an id or path given positionally: filename, path or model_id."""
    if "/" not in text.strip("./"):
        return "filename"
    return "path" if text.startswith(("/", "./", "~")) or re.search(r"\.\w{1,10}$", text) else "model_id"


def _file_names(arg: ast.expr) -> list[str]:
    """The texts of a list or tuple of file names or paths (`["a.txt", "data/b.txt"]`); [] for anything else."""
    if not isinstance(arg, (ast.List, ast.Tuple)) or not arg.elts:
        return []
    texts = [e.value for e in arg.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if len(texts) != len(arg.elts) or not all(_FILE_TEXT.fullmatch(t) for t in texts):
        return []
    return texts


def _parameter_of(definitions: list[ast.stmt], function: str, index: int) -> str | None:
    """The name of the index-th positional parameter of a function the statements define; None when none."""
    for node in definitions:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            positional = [*node.args.posonlyargs, *node.args.args]
            return positional[index].arg if index < len(positional) else None
    return None


def _looks_like_id(text: str) -> bool:
    """A hub id, a path or a file name: text a user points at their own files."""
    return bool(re.fullmatch(r"[\w.@~+-]+(/[\w.@~+-]+)+/?|[\w.-]+\.\w{1,10}|\./.*|~/.*|/.*", text))


def chained_call(draft: Draft) -> tuple[ast.stmt, ast.Call] | None:
    """The statement calling the method the API cell calls on the API's result, and that call: chained on the
    API's call (`smf.ols(...).fit()`) or on the name its result was given (`enhancer.enhance(1.2)`)."""
    call, api = anchor_call(draft), draft.api
    if call is None or api is None or not api.then:
        return None
    holders = {n for stmt in draft.statements if any(node is call for node in walk(stmt)) for n in names([stmt])[1]}
    for stmt in draft.statements:
        for node in walk(stmt):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == api.then
                and (
                    node.func.value is call or (isinstance(node.func.value, ast.Name) and node.func.value.id in holders)
                )
            ):
                return stmt, node
    return None


def anchor_call(draft: Draft) -> ast.Call | None:
    if draft.anchor is None or draft.api is None:
        return None
    from generator.slicing import contains_api

    api = draft.api
    calls = [node for node in walk(draft.anchor) if isinstance(node, ast.Call) and contains_api(node, api, {})]
    if not calls and api.last == "__call__":  # `fast_tokenizer(["Hello there", ...])`: the object called by name
        calls = [node for node in walk(draft.anchor) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
        return calls[0] if calls else None
    if not calls:
        return None
    # the call of the API itself, not one chained on it: `df.groupby("name").agg(...)` for DataFrame.groupby
    named = api.class_name if api.last == "__init__" else api.last
    exact = [c for c in calls if called(c.func) == named]
    if exact:
        return exact[0]
    inner = [c for c in walk(calls[0]) if c is not calls[0] and c in calls]
    return inner[0] if inner else calls[0]


def rename(statements: list[ast.stmt], old: str, new: str) -> None:
    """Every use of a name in statements under another name (not another variable of that name, in a scope of
    its own: `lambda x: x * 2`)."""
    for stmt in statements:
        for node in scoped_walk(stmt, old):
            if isinstance(node, ast.Name) and node.id == old:
                node.id = new


# -- 3. free names -----------------------------------------------------------------------------------


def uses(statements: list[ast.stmt], name: str) -> tuple[bool, bool]:
    """(is used as an object: attribute, subscript or method receiver; is called as a bare function)."""
    obj = called = False
    for stmt in statements:
        for node in walk(stmt):
            if (
                isinstance(node, (ast.Attribute, ast.Subscript))
                and isinstance(node.value, ast.Name)
                and node.value.id == name
            ):
                obj = True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                called = True
    return obj, called


def free_names(draft: Draft) -> list[str]:
    """Names run() must be given: read by the statements before any assignment, or read by the example's
    functions and assigned nowhere at the top level (a function runs after the statements before its call)."""
    free, bound = names(draft.statements)
    if draft.yields:
        free = [n for n in free if n != "yielded"]  # made by run() itself
    inner, _ = names(draft.definitions)
    defined = {
        d.name for d in draft.definitions if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    found = [n for n in free if n not in defined] + [
        n for n in inner if n not in bound and n not in free and n not in defined
    ]
    return found + [n for n in draft.shadowing if n not in found and n not in bound]


def _without_demo_uses(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`fig, ax = plt.subplots(...)`, then `ax.plot(x, y)`: after the step's call, a method called on its result for
    the show, with data the example never makes (`x`, `y`: no earlier step, Key Parameter, I/O contract, literal,
    import or loader gives them) and nothing kept, is left out; it asked for REQUIRED keys no TOML can fill with
    data, and did a later step's work on the wrong object."""
    anchor = draft.anchor
    if anchor is None or draft.yields:
        return
    at = next((n for n, s in enumerate(draft.statements) if s is anchor), None)
    made = set(names([anchor])[1])
    if at is None or not made:
        return
    unknown = _unknown(draft, step, ctx, wired)
    dropped: list[str] = []
    kept = draft.statements[: at + 1]
    bound = made | names(kept)[1]
    for stmt in draft.statements[at + 1 :]:
        call = stmt.value if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) else None
        receiver = call.func.value if call is not None and isinstance(call.func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in made:
            others = [n for n in names([stmt])[0] if n != receiver.id]
            if others and all(n not in bound and unknown(n) for n in others):
                dropped.append(ast.unparse(stmt))
                continue
        kept.append(stmt)
        bound |= names([stmt])[1]
    if dropped:
        draft.statements = kept
        wired.changes.append(f"leaves out {'; '.join(dropped)[:80]}: a use of its result on data the wiki never gives")


def _without_repeats(draft: Draft, wired: _Wired) -> None:
    """`shapely.area(polygon)`, then `shapely.area(MultiPolygon([polygon, Polygon([...])]))  # 101.0`: after the
    step's call, the API called again for a value nothing keeps is the page showing another input's result, as a
    notebook does; left out, with what only it read (`line = ...` before `shapely.simplify(line, tolerance=0.5)`),
    it asked for keys of its own and failed on the workflow's data (a MultiPolygon in a MultiPolygon). Not an API
    giving back its own object (`model.fit(X)`), nor a method, called for what it changes."""
    api, anchor = draft.api, draft.anchor
    at = next((n for n, s in enumerate(draft.statements) if s is anchor), None)
    returns = api.returns.strip() if api is not None else ""
    if api is None or at is None or not returns or returns in ("None", "Self", "self") or draft.yields:
        return
    if api.class_name and re.search(rf"(?<![\w.]){re.escape(api.class_name)}\b", returns):
        return
    imported = draft.imported()
    repeats = [
        s
        for s in draft.statements[at + 1 :]
        if isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and called(s.value.func) == api.last
        and contains_api(s.value, api, {})
        # (a module's function, not a method of an object it may change: `ax.plot(x, x**2)` draws another line)
        and (dotted(s.value.func)[:1] or ("",))[0] in imported
    ]
    if not repeats:
        return
    draft.statements = [s for s in draft.statements if s not in repeats]
    still = set(names(draft.statements)[0])
    for name in dict.fromkeys(n for s in repeats for n in names([s])[0]):
        if name not in still:
            draft.statements = _unfed(draft.statements, name, draft)
    wired.changes.append(f"leaves out {'; '.join(map(ast.unparse, repeats))[:80]}: the page showing another value")


def _without_demo_results(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`nlp = spacy.blank("en")`, then `doc = nlp("This is a sentence.")`: after the step's call, its result tried
    on values written out (literals only) makes a demo, not a result: the Outputs name others (`nlp`), and no later
    step cites it. Handed on, it would stand in for the data later steps work on (a match step matching the toy
    sentence); it is left out, with the statements that only look at it (`print([t.text for t in doc])`)."""
    anchor, outputs = draft.anchor, named_outputs(step)
    at = next((n for n, s in enumerate(draft.statements) if s is anchor), None)
    if at is None or not outputs or draft.yields:
        return
    made, later = names(draft.statements[at : at + 1])[1], draft.statements[at + 1 :]
    demos = {
        id(stmt): stmt.targets[0].id
        for stmt in later
        if isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and _tried_on_literals(stmt.value, made, draft.literals)
        and stmt.targets[0].id not in outputs
        and stmt.targets[0].id not in draft.hands_on
        and not ctx.cited_later(stmt.targets[0].id)
    }
    for stmt in later:  # a demo read by anything but a look at it (an expression statement) stays
        read = names([stmt])[0]
        if id(stmt) not in demos and not isinstance(stmt, ast.Expr):
            demos = {k: n for k, n in demos.items() if n not in read}
    if not demos:
        return
    gone = set(demos.values())
    dropped = [s for s in later if id(s) in demos or (isinstance(s, ast.Expr) and gone & set(names([s])[0]))]
    draft.statements = [s for s in draft.statements if s not in dropped]
    wired.changes.append(f"leaves out {'; '.join(map(ast.unparse, dropped))[:80]}: its result tried on sample values")


def _tried_on_literals(value: ast.expr, made: set[str], literals: dict[str, str]) -> bool:
    """Whether an expression calls a name the step's call made, or a method of it, with values written out only
    (`nlp("This is a sentence.")`, `tokenizer.encode(text)` where `text` was assigned a literal)."""
    if not isinstance(value, ast.Call) or not value.args + value.keywords:
        return False
    root = dotted(value.func)
    if not root or root[0] not in made:
        return False
    given = [*value.args, *(k.value for k in value.keywords)]
    return all(literal_source(g) is not None or (isinstance(g, ast.Name) and g.id in literals) for g in given)


def _unknown(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> Callable[[str], bool]:
    """Whether a name is nothing the step has: no import, earlier step, Key Parameter, I/O contract row, API
    parameter, literal, loader or definition of the example gives it, and no class (capitalised) names it."""
    given = draft.imported() | set(wired.consumes)
    given |= {n for d in draft.definitions for n in names([d])[1]}  # the example's own functions
    keys, contract = key_hints(step), contract_hints(step)
    api_params = {p.name for p in draft.api.params} if draft.api else set()

    def unknown(name: str) -> bool:
        return not (
            name in given
            or ctx.has(name)
            or ctx.alias(name)
            or name in keys
            or name in contract
            or name in api_params
            or name in draft.literals
            or name in draft.hints
            or name in ctx.tables.modules
            or name in ctx.aliased
            or name[:1].isupper()
            or ctx.loader_for(name) is not None
        )

    return unknown


def _without_unmade_receivers(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`lr_scheduler.step()` in a training loop, where the example made lr_scheduler in code the step does not
    hold and nothing gives it here (no earlier step, key, loader or import; the Inputs do not name it): statements
    that only call a method of it, keeping nothing, are left out. It asked for a REQUIRED key that no TOML can
    fill with an object."""
    cited = set(code_spans(step.inputs))
    unknown = _unknown(draft, step, ctx, wired)
    own = anchor_call(draft)
    for name in free_names(draft):
        if name in cited or not unknown(name):
            continue
        uses_of = [
            n
            for s in [*draft.statements, *draft.definitions]
            for n in walk(s)
            if isinstance(n, ast.Name) and n.id == name
        ]
        effects = [
            n
            for s in draft.statements
            for n in walk(s)
            if isinstance(n, ast.Expr)
            and isinstance(n.value, ast.Call)
            and n.value is not own
            and isinstance(n.value.func, ast.Attribute)
            and isinstance(n.value.func.value, ast.Name)
            and n.value.func.value.id == name
            and not any(isinstance(a, ast.Name) and a.id == name for a in walk(n.value) if a is not n.value.func.value)
        ]
        if not effects or len(effects) != len(uses_of):
            continue
        dropping = {id(e) for e in effects}
        draft.statements = [_Without(dropping).visit(s) for s in draft.statements if id(s) not in dropping]
        _filled(draft.statements)
        wired.changes.append(f"leaves out {ast.unparse(effects[0])[:60]}: nothing in this workflow makes {name}")


class _Without(ast.NodeTransformer):
    """Expression statements (by id) left out, at any depth."""

    def __init__(self, dropping: set[int]) -> None:
        self.dropping = dropping

    def visit_Expr(self, node: ast.Expr) -> ast.Expr | None:
        return None if id(node) in self.dropping else node


def _filled(statements: list[ast.stmt]) -> None:
    """A block left empty by a dropped statement holds `pass`."""
    for stmt in statements:
        for node in walk(stmt):
            if isinstance(node, (ast.For, ast.While, ast.If, ast.With, ast.Try)) and not node.body:
                node.body.append(ast.Pass())


def _resolve(draft: Draft, step: Step, ctx: BindContext, kind: Kind, wired: _Wired) -> None:
    _earlier_over_placeholders(draft, ctx, wired)
    example_imports = [ast.unparse(i) for i in draft.imports]
    free = free_names(draft)
    imported = bound_by(example_imports)
    keys = key_hints(step)
    contract = contract_hints(step)
    for name in free:
        if name in imported or name in wired.consumes:
            continue
        hint = merge_hints(keys.get(name), draft.hints.get(name), contract.get(name))
        if name in draft.literals and name not in draft.unpassed and _shapes_result(name, draft.literals[name]):
            value = ast.Constant(value=literal_value(draft.literals.pop(name)) is True)
            draft.statements = [_Substitute(name, value).visit(s) for s in draft.statements]
            continue
        # unset: the call goes without it until it is set; so does a tuple default (`types: Iterable[type] = ()`):
        # config gives a list back, which a library may read otherwise (bs4's get_text(types=[]) finds no text)
        if name in draft.unpassed and (hint.default == "None" or isinstance(literal_value(hint.default), tuple)):
            hint = replace(hint, default=None, optional=True)
        obj, called = uses(draft.statements + draft.definitions, name)
        typed = ctx.loader_for("", hint.type) if hint.type else None
        if name in draft.literals and hint.type in ("torch.dtype", "class"):
            _load(name, hint, draft, step, ctx, wired)
        elif name in draft.literals and ctx.has(name) and ctx.artifacts[name].value:
            wired.consumes[name] = name
        elif name in draft.literals and (texts := ctx.file_lines(name, draft.literals[name], hint.type)):
            # `documents = ["Human machine interface", ...]` where the Inputs say "Text file with one document per
            # line": the key takes that file (or, as the example, the texts themselves)
            _load(name, replace(hint, type=LINES, default=texts), draft, step, ctx, wired)
        elif name in draft.literals:
            _config(wired, name, _as_example_sets(hint, draft.literals[name], step), draft.literals[name])
        elif ctx.has(name) and _overrides_default(name, hint, draft, step, ctx):
            _config(wired, name, hint, None)
        elif ctx.has(name):
            wired.consumes[name] = name
        elif typed is not None and not called and (earlier := _made_earlier(hint.type, ctx)):
            wired.consumes[name] = earlier  # `features: Tensor` is the Tensor step 5 made, not a prompt's ids
        elif typed is not None and not called and _load(name, hint, draft, step, ctx, wired):
            continue
        elif name in keys and not obj and not called and hint.default is None and ctx.lines_input(name, hint.type):
            _load(name, replace(hint, type=LINES), draft, step, ctx, wired)  # "one text per line of the file"
        elif name in keys and not obj and not called:
            _config(wired, name, hint, None)
        elif name in ctx.tables.modules:
            wired.import_lines.append(ctx.tables.modules[name])
        elif obj and name in ctx.aliased and not ctx.alias(name):  # `cv.flip(...)`, where others `import cv2 as cv`
            wired.import_lines.append(ctx.aliased[name])
            wired.origins.append(Origin.EXAMPLE)
        elif obj and not ctx.alias(name) and module_import(name, step, ctx):
            wired.import_lines.append(module_import(name, step, ctx))
            wired.origins.append(Origin.DERIVED)
        elif obj and (imported_here := import_for(name, step, ctx))[1] in (Origin.PAGE, Origin.EXAMPLE):
            # a module the pages import (`from sentence_transformers import util`, then `util.semantic_search`)
            wired.import_lines.append(imported_here[0])
            wired.origins.append(imported_here[1])
        elif ctx.alias(name, patterns=not called):
            wired.consumes[name] = ctx.alias(name) or name
        # (a documented parameter the example left out, `S: np.ndarray`, is no name to import for its capital)
        elif (name[:1].isupper() and name not in draft.unpassed) or called:
            line, origin = import_for(name, step, ctx) if called or _class_like(name) else ("", Origin.NONE)
            if line:
                wired.import_lines.append(line)
                wired.origins.append(origin)
            elif name[:1].isupper() or not _load(
                name, hint, draft, step, ctx, wired
            ):  # a callable object (a tokenizer)
                wired.missing.append(name)
        elif _load(name, hint, draft, step, ctx, wired):
            continue
        elif _argument_instead(name, draft, step, ctx, wired, (keys, contract)):
            continue
        else:
            _config(wired, name, hint, None)
            if not hint.default and not hint.optional:
                message = f"step {step.number} ({step.title}): input '{name}' is made by no earlier step and no loader builds it"
                message += (
                    "; the code uses it as an object, which a config key cannot hold"
                    if obj
                    else "; it became a required config key"
                )
                ctx.warnings.append(Diagnostic(message, step.ref))
    shadowed = builtins_read(draft.statements + draft.definitions)  # `ascii` of `from astropy.io import ascii`
    example_used = [ast.unparse(p) for p in (prune_import(i, set(free) | shadowed) for i in draft.imports) if p]
    own = [line for name in sorted(shadowed - imported) if (line := own_import(name, step, ctx))]
    wired.import_lines = merge_imports([*example_used, *wired.import_lines, *own])


def _argument_instead(
    name: str, draft: Draft, step: Step, ctx: BindContext, wired: _Wired, hints: tuple[dict[str, Hint], dict[str, Hint]]
) -> bool:
    """Whether a name nothing makes is read only to compute keyword arguments (`num_training_steps=len(train_dataloader)
    * 50`, and no step makes a data loader): then each such argument takes an earlier result of its name or of its
    documented type, else a config key of its name, typed as documented; never the name it was computed from, which
    a config value cannot hold. (A bare name, `args=training_args`, is such an argument too.)"""
    anchor = anchor_call(draft)
    owners = [
        (keyword, node is anchor)
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg and name in names([ast.Expr(keyword.value)])[0]
    ]
    reads = sum(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
        for stmt in draft.statements + draft.definitions
        for node in walk(stmt)
    )
    inside = sum(
        isinstance(node, ast.Name) and node.id == name for keyword, _ in owners for node in walk(keyword.value)
    )
    taken = set(free_names(draft)) | names(draft.statements + draft.definitions)[1]
    imported = draft.imported() | {name}  # an argument reading other inputs as well stays as written
    if (
        not owners
        or inside != reads
        or any(k.arg in taken or not set(names([ast.Expr(k.value)])[0]) <= imported for k, _ in owners)
    ):
        return False
    keys, contract = hints  # (the step's Key Parameters and I/O contract, as _resolve read them)
    signed = {p.name: p for p in signature_params(step, draft.api, all_params=True)} if draft.api else {}
    for keyword, of_api in owners:
        argument = keyword.arg or ""
        computed = ast.unparse(keyword.value)
        keyword.value = ast.Name(id=argument, ctx=ast.Load())
        if ctx.has(argument):
            wired.consumes.setdefault(argument, argument)
            continue
        own = signed.get(argument) if of_api else None
        hint = merge_hints(
            keys.get(argument),
            draft.hints.get(argument),
            contract.get(argument),
            Hint(own.annotation, own.default, optional=own.optional) if own else None,
        )
        how = "passes" if computed == name else "computes it as"
        if hint.type and (earlier := _made_earlier(hint.type, ctx)):
            wired.consumes[argument] = earlier  # `args=training_args`, and step 5 made the GRPOConfig
            wired.changes.append(
                f"passes {earlier} as {argument}, the {hint.type} an earlier step made: the example {how} "
                f"{computed[:60]}, which no step makes"
            )
            continue
        _config(wired, argument, hint, None)
        wired.changes.append(f"takes {argument} from config: the example {how} {computed[:60]}, which no step makes")
        if hint.default is None and not hint.optional:
            message = (
                f"step {step.number} ({step.title}): the example {how} {computed[:60]} for '{argument}', and no "
                f"earlier step makes '{name}' and no loader builds it; '{argument}' became a required config key"
            )
            ctx.warnings.append(Diagnostic(message, step.ref))
    return True


def _class_like(name: str) -> bool:
    """Whether a free name may be a class to import for its capital (`SMOTE`, `DataFrame`): not one letter alone or
    before `_` (`X`, `X_train`, `Y_test`: data, by the convention of scientific code, which was imported from the
    API's module, `from imblearn.pipeline import Pipeline, X_train`); such a name is missing, as a class would be."""
    return name[:1].isupper() and re.fullmatch(r"[A-Z](?:_\w*)?", name) is None


def _made_earlier(type_name: str, ctx: BindContext) -> str | None:
    """The latest earlier result of a type (`Tensor` for `torch.Tensor` too), when it is an object: an input of
    that type takes it before a loader builds one from a config value."""
    found = ctx.by_type(type_name) or ctx.by_type(type_name.rsplit(".", 1)[-1])
    return found if found is not None and ctx.holds_object(found) else None


def _shapes_result(name: str, literal: str | None) -> bool:
    """Whether a flag decides the shape of what its call returns (`return_X_y=True`, `return_counts=True`): where
    the example passes it, code the statements after it rely on (`X, y = ...` unpacks two), never a setting. (One
    the example leaves out stays a key: the page's documented default may be another version's, as transformers'
    `apply_chat_template(return_dict=...)`, whose run needs it false.)"""
    return name.startswith("return_") and isinstance(literal_value(literal), bool)


def _as_example_sets(hint: Hint, literal: str, step: Step) -> Hint:
    """The hint, without its default when that is the library's default the description states ("replace an
    existing file (default False)") and the example passes the other flag (`overwrite=True`): an example passes a
    flag to change it, so what the workflow does is what the example does. So does a text the description quotes as
    well (`direction` - "maximize" for accuracy (default "minimize")", the example's `direction="maximize"`), unless
    the description lists it among three or more choices (`alternative` - 'two-sided', 'less' or 'greater' (default
    'two-sided')) that the step's own text does not narrow to it: then the example shows one choice, and the
    workflow keeps the default. Other numbers and texts stay as documented: an example's are often a toy's
    (`n_estimators=2`, `max_steps=60`) or a name made up for it (`"math_adapter"`)."""
    if hint.default is None or literal == hint.default or default_in_text(hint.doc) != hint.default:
        return hint
    value = literal_value(literal)
    if value == literal_value(hint.default):
        return hint
    if isinstance(value, str) and value and _one_of_choices(hint.doc, value) and not said_by(step, value):
        return hint
    if isinstance(value, bool) or (isinstance(value, str) and value and _quotes(hint.doc, value)):
        return replace(hint, default=None)
    if isinstance(value, str) and value and hint.default == "None":
        # `name: str` - "attribute name (default None)", the example's `name="degree"`: None is the argument left
        # out, which the call needs here (a dict of values without a name is read as a dict of dicts)
        return replace(hint, default=None)
    return hint


def _quotes(text: str, value: str) -> bool:
    """Whether text quotes value ("maximize", 'maximize' or `maximize`)."""
    return any(f"{mark}{value}{mark}" in text for mark in ('"', "'", "`"))


_QUOTED_TEXT = re.compile(r"""(["'`])([^"'`\s]{1,40})\1""")


def _one_of_choices(text: str, value: str) -> bool:
    """Whether text quotes value among three or more different quoted words (its choices, the default one of them)."""
    quoted = {m.group(2) for m in _QUOTED_TEXT.finditer(text)}
    return value in quoted and len(quoted) >= 3


def said_by(step: Step, value: str) -> bool:
    """Whether the step's title, description or Outputs say value as a word ("Run a one-sided (greater) test")."""
    return any(said_in(text, value) for text in (step.title, step.name, step.description, step.outputs))


def said_in(text: str, value: str) -> bool:
    """Whether text says value as a word (`greater`, "one sided" for `one-sided`, `600` but not `6000`)."""
    words = r"[\s_-]".join(re.escape(word) for word in re.split(r"[\s_-]+", value) if word)
    pattern = rf"(?<![\w.-]){words}(?![\w-]|\.\w)"
    return bool(words) and re.search(pattern, text, re.IGNORECASE) is not None


def _overrides_default(name: str, hint: Hint, draft: Draft, step: Step, ctx: BindContext) -> bool:
    """Whether an earlier result of the same name would replace the default of a parameter the example leaves out
    (`SyntheticDataModule(...)` gets `seed=0` from its page, and step 1 made `seed = 1234`): it does only when the
    step's Inputs name it; a default of None stands for "give me one" and takes the result, and so does a value an
    earlier step sets for the later ones (a manual decision)."""
    return (
        name in draft.unpassed
        and not ctx.artifacts[name].value
        and hint.default not in (None, "", "None")
        and not re.search(rf"\b{re.escape(name)}\b", step.inputs)
    )


def _reads_later(call: ast.Call, artifact: str, ctx: BindContext) -> bool:
    """Whether a call reads a result made after the artifact, and not what the artifact was made of: then it does
    not make that artifact again (`pd.DataFrame({"feature": model.feature_name_, ...})` reads step 4's model: not
    step 1's `X = pd.DataFrame(...)`, made before the model was; a collator made of the model is its step's
    collator, whatever made the model again since)."""
    made = ctx.artifacts[artifact]
    read = names([ast.Expr(call)])[0]
    return any(ctx.has(n) and ctx.artifacts[n].step > made.step and n not in made.made_from for n in read)


def _replayed_chains(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """A method chain that replays earlier steps before this step's call (`pl.scan_csv(path).filter(...)
    .group_by(...).agg(...).sort(by)`, where filter, group_by and sort are steps 2, 4 and 5) starts from the result
    of the latest step it replays (`summary.sort(by)`): each step's example is written as the whole pipeline, and
    replayed, it ignored what the steps between made."""
    own = anchor_call(draft)
    if own is None or not isinstance(own.func, ast.Attribute):
        return
    steps: dict[str, int] = {}  # method name -> the earlier step whose API (or cited call) it is
    for index in range(ctx.index):
        for api in [ctx.apis[index], *ctx.supporting(index)]:
            if api is not None and api.last and not api.is_dunder:
                steps[api.last] = index
    if not steps:
        return
    receiver = own.func.value
    chain: list[ast.Call] = []  # the calls below this step's own, outermost first
    while isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute):
        chain.append(receiver)
        receiver = receiver.func.value
    if isinstance(receiver, ast.Call):
        chain.append(receiver)
    own_class = draft.api.callee[-2] if draft.api is not None and len(draft.api.callee) >= 2 else ""
    for at, call in enumerate(chain):
        step = steps.get(called(call.func))
        if step is None:
            continue
        if called(call.func) == own_class and not call.args and not call.keywords:
            continue  # `DocBin().from_disk(path)`: an object of the API's class, made empty for its method
        made = [a.name for a in ctx.artifacts.values() if a.step == step + 1 and not a.value]
        if not made:
            return
        # of what that step made, the result the Inputs cite (`images`, not the folder step 1 read them from)
        cited = set(ctx.cited_by_inputs())
        made.sort(key=lambda name: name not in cited)
        if _reads_later(call, made[0], ctx):
            return  # not a replay: it works on what a later step made (`pd.DataFrame({... model.coef_ ...})`)
        holder = own if at == 0 else chain[at - 1]
        assert isinstance(holder.func, ast.Attribute)
        replayed = ast.unparse(call)
        holder.func.value = ast.Name(id=made[0], ctx=ast.Load())
        wired.changes.append(f"starts from {made[0]} (step {step + 1}) instead of replaying {replayed[:60]}")
        return


def _later_links(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """A method chain going on past this step's call into later steps' (`q = pl.scan_csv(path).filter(...)
    .group_by("species").agg(...)` as the scan step's example, where filter, group_by and agg are the APIs of steps 2
    and 3) stops below the first later step's link: those steps do the rest, on what this one hands on."""
    own = anchor_call(draft)
    stmt = draft.anchor
    if own is None or not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return
    mine = {a.last for a in [draft.api, *ctx.supporting(ctx.index)] if a is not None}
    # (methods of the class this step's call returns: `LazyFrame.filter` after `scan_csv(...) -> LazyFrame`; not a
    # method of another class of the same name, `insert(table).values(...)` where a later step calls `Result.values`)
    made = draft.api.returns.strip().rsplit(".", 1)[-1] if draft.api is not None else ""
    later = {
        api.last
        for index in range(ctx.index + 1, len(ctx.apis))
        for api in [ctx.apis[index], *ctx.supporting(index)]
        if api is not None
        and api.last
        and not api.is_dunder
        and api.last not in mine
        and made
        and api.class_name == made
    }
    links: list[ast.Call] = []  # the calls chained on this step's call, outermost first
    node = stmt.value
    while isinstance(node, ast.Call) and node is not own and isinstance(node.func, ast.Attribute):
        links.append(node)
        node = node.func.value
    if node is not own or not links:
        return
    cut = next((link for link in reversed(links) if called(link.func) in later), None)
    if cut is None:
        return
    assert isinstance(cut.func, ast.Attribute)
    dropped = ast.unparse(stmt.value)[len(ast.unparse(cut.func.value)) :]
    stmt.value = cut.func.value
    wired.changes.append(f"leaves {dropped[:60]} to the later steps whose calls it chains")


def _follow_derivatives(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """A method step whose example starts again from step 1's object (`im = Image.open(path)`, then
    `rgb = im.convert("RGB")`) works on what the steps since made from it, of the API's class: the image step 2
    turned upright, not the one step 1 opened (each page's example opens its own)."""
    api, call = draft.api, anchor_call(draft)
    if api is None or not api.class_name or call is None or not isinstance(call.func, ast.Attribute):
        return
    receiver = call.func.value
    if not isinstance(receiver, ast.Name) or receiver.id not in wired.consumes:
        return
    artifact = wired.consumes[receiver.id]
    later = ctx.derived(artifact, api.class_name)
    if artifact in code_spans(ctx.step.inputs) and later not in ctx.cited_by_inputs():
        return  # "`df` from Step 1": the step works on it, not on a summary a step since made of it (`null_counts`)
    if later != artifact and later not in wired.consumes.values():
        wired.consumes[receiver.id] = later
        wired.changes.append(
            f"works on {later}, which the steps after step {ctx.artifacts[artifact].step} made from its {artifact} "
            f"(the example starts again from {artifact})"
        )


def _earlier_over_placeholders(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`from myapp.models import Base` (the reader's own module) where an earlier step declared Base: the step
    takes that step's Base, and the import goes."""
    kept: list[ImportNode] = []
    for node in draft.imports:
        module = node.module if isinstance(node, ast.ImportFrom) and node.level == 0 else None
        if module and PLACEHOLDER.match(module.split(".")[0]):
            made = [a for a in node.names if ctx.has(a.asname or a.name)]
            for alias in made:
                wired.consumes[alias.asname or alias.name] = alias.asname or alias.name
            rest = [a for a in node.names if a not in made]
            if not rest:
                continue
            node = ast.ImportFrom(module=module, names=rest, level=0)
        kept.append(node)
    draft.imports = kept


_MANY_MODULES = re.compile(r"import [\w.]+(?: as \w+)?(?:, [\w.]+(?: as \w+)?)+")


def merge_imports(lines: list[str]) -> list[str]:
    """Import lines once each, `from X import a` and `from X import b` as `from X import a, b`, and `import a, b as c`
    as one line per module (ruff's E401), in first-seen order."""
    merged: dict[str, list[str]] = {}
    order: list[str] = []
    split: list[str] = []
    for line in lines:
        if _MANY_MODULES.fullmatch(line):
            split += [f"import {part.strip()}" for part in line.removeprefix("import ").split(",")]
        else:
            split.append(line)
    for line in split:
        m = re.fullmatch(r"from ([\w.]+) import ([\w, ]+)", line)
        key = f"from {m.group(1)}" if m else line
        if key not in merged:
            merged[key] = []
            order.append(key)
        if m:
            merged[key].extend(n.strip() for n in m.group(2).split(",") if n.strip() not in merged[key])
    return [f"{key} import {', '.join(merged[key])}" if merged[key] else key for key in order]


def _self_assignment(node: ast.AST) -> bool:
    """`iris = iris`: what a remade value, replaced by the earlier result of its name, leaves behind."""
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Name)
        and node.targets[0].id == node.value.id
    )


def _without_self_assignments(stmt: ast.stmt) -> ast.stmt:
    """The statement (a copy, when it changes) without `name = name` at any depth: a no-op at the top, and inside a
    function it makes the name local and unbound (`def objective(trial): iris = iris`, where the step's `iris` is
    step 1's dataset: UnboundLocalError on every call). A body left empty gets `pass`."""
    if not any(_self_assignment(n) for n in walk(stmt)):
        return stmt
    copied = clone(stmt)
    for node in walk(copied):
        for part in ("body", "orelse", "finalbody"):
            block = getattr(node, part, None)
            if isinstance(block, list) and any(_self_assignment(s) for s in block):
                setattr(node, part, [s for s in block if not _self_assignment(s)] or [ast.Pass()])
    return copied


def _scalar(type_name: str) -> bool:
    """A declared bool, int or float (optionally Optional[...]): a value a config key holds, never an object."""
    base = re.sub(r"^(Optional|typing\.Optional)\[(.*)\]$", r"\2", type_name.strip()).split("|")[0].strip()
    return base in ("bool", "int", "float")


def _config(wired: _Wired, name: str, hint: Hint, literal: str | None) -> None:
    default = hint.default if hint.default is not None else literal
    type_ = hint.type
    if not type_ and default is not None:
        try:
            type_ = type(ast.literal_eval(default)).__name__
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            type_ = ""
    wired.params.setdefault(
        name,
        ConfigParam(
            name=name, type=type_, default=default, required=default is None and not hint.optional, description=hint.doc
        ),
    )


def _load(name: str, hint: Hint, draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> bool:
    """An object input no earlier step makes, built by a loader from a config key; False when none matches."""
    loader = ctx.loader_for(name, hint.type)
    if loader is None or _scalar(hint.type):
        return False
    key = loader.key or name
    arguments = [key]
    for arg in loader.args:
        source = arg if ctx.has(arg) else ctx.alias(arg)
        if source:
            wired.consumes.setdefault(arg, source)
        elif arg not in wired.params and not _load(arg, Hint(), draft, step, ctx, wired):
            return False
        arguments.append(arg)
    default = hint.default if hint.default not in (None, "None") else None
    wired.params.setdefault(
        key,
        ConfigParam(
            name=key,
            type="str",
            default=default if default is not None else ("None" if hint.optional else None),
            required=default is None and not hint.optional,
            description=hint.doc or loader.doc,
            loader=loader.name,
        ),
    )
    wired.preamble.append(f"{name} = loaders.{loader.name}({', '.join(arguments)})")
    wired.loaders.append(loader.name)
    wired.loaded.append(name)
    return True


# -- 4. renames --------------------------------------------------------------------------------------


def _apply_renames(draft: Draft, wired: _Wired, ctx: BindContext) -> None:
    for stmt in draft.statements:
        for node in walk(stmt):
            if not isinstance(node, ast.Call):
                continue
            path = qualified(dotted(node.func), wired.import_lines)
            table = ctx.tables.renames.get(path)
            if not table:
                continue
            for keyword in node.keywords:
                rename = table.get(keyword.arg) if keyword.arg else None
                if rename is not None and rename.applies(ctx.as_of):
                    wired.changes.append(f"{path}: keyword {keyword.arg}= is now {rename.to}= (renamed by the library)")
                    keyword.arg = rename.to


# -- 5. the binding ----------------------------------------------------------------------------------


def _with_targets(statements: list[ast.stmt]) -> set[str]:
    """The names top-level with statements bind to what they open (`with A() as a, B() as b:` -> a, b)."""
    return {
        n.id
        for stmt in statements
        if isinstance(stmt, (ast.With, ast.AsyncWith))
        for item in stmt.items
        if item.optional_vars is not None
        for n in walk(item.optional_vars)
        if isinstance(n, ast.Name)
    }


def produced_names(statements: list[ast.stmt]) -> list[str]:
    """Names assigned at the top level of the statements, in order."""
    result: list[str] = []
    for stmt in statements:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = list(stmt.targets)
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):  # a context's results stay after it closes; a file
            targets = [  # it opened is closed, of no use to a later step, nor what the body made of it
                item.optional_vars
                for item in stmt.items
                if item.optional_vars is not None and not _opens_file(item.context_expr)
            ]
            closed = {
                n.id
                for item in stmt.items
                if item.optional_vars is not None and _opens_file(item.context_expr)
                for n in walk(item.optional_vars)
                if isinstance(n, ast.Name)
            }
            for inner in stmt.body:  # `writer = csv.writer(handle)`
                if isinstance(inner, ast.Assign) and closed & set(names([inner])[0]):
                    closed |= names([inner])[1]
            result.extend(n for n in produced_names(stmt.body) if n not in result and n not in closed)
        elif isinstance(stmt, (ast.If, ast.Try, ast.TryStar)):  # so do a branch's
            blocks = [
                stmt.body,
                stmt.orelse,
                *(getattr(stmt, "finalbody", []),),
                *(h.body for h in getattr(stmt, "handlers", [])),
            ]
            result.extend(n for block in blocks for n in produced_names(block) if n not in result)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):  # what a loop adds up (`total += ...`), not
            targets = [  # what each round makes and drops (`counts[word] += 1`: counts; not `p.data -= ...`)
                target
                for inner in stmt.body
                for node in walk(inner)
                if isinstance(node, ast.AugAssign)
                for target in (node.target.value if isinstance(node.target, ast.Subscript) else node.target,)
                if isinstance(target, ast.Name)
            ]
        for target in targets:
            result.extend(n for n in _target_names(target) if n not in result)
    return result


def _target_names(target: ast.expr) -> list[str]:
    """The names an assignment target stores to: its names, and the object an item or attribute of it is set on
    (`dset` of `dset.attrs[name] = value`); not the names it reads to select (`name`)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    while isinstance(target, (ast.Subscript, ast.Attribute)):
        target = target.value
    return [target.id] if isinstance(target, ast.Name) else []


def _loop_sources(statements: list[ast.stmt]) -> dict[str, ast.expr]:
    """Each loop variable of the statements (a comprehension's or a for's) -> what it iterates over; and each name
    assigned once from an expression (`link = card.select_one("a")` in that loop) -> that expression."""
    found: dict[str, ast.expr] = {}
    assigned: dict[str, list[ast.expr]] = {}
    for stmt in statements:
        for node in walk(stmt):
            if isinstance(node, (ast.comprehension, ast.For, ast.AsyncFor)):
                for target in walk(node.target):
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, node.iter)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                assigned.setdefault(node.targets[0].id, []).append(node.value)
    for name, values in assigned.items():
        if len(values) == 1:
            found.setdefault(name, values[0])
    return found


def _read_attribute(draft: Draft) -> ast.Attribute | None:
    """The attribute the step's API reads in its statement, where the API is a property (`Doc.ents`)."""
    api = draft.api
    if api is None or not api.read or draft.anchor is None:
        return None
    return next((n for n in walk(draft.anchor) if isinstance(n, ast.Attribute) and n.attr == api.last), None)


def _reaches(node: ast.expr, receivers: set[str], loops: dict[str, ast.expr], depth: int = 0) -> bool:
    """Whether an object comes from an earlier step's: `cell` of `for cell in rows[0].find_all("td")`, `rows` one;
    `link` of `link = card.select_one("a")` in `for card in cards`, `cards` one."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    if not isinstance(node, ast.Name):
        return False
    if node.id in receivers:
        return True
    return node.id in loops and depth < 8 and _reaches(loops[node.id], receivers, loops, depth + 1)


def _opens_file(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and dotted(node.func) == ("open",)


def _changed_in_place(draft: Draft, call: ast.Call | None, consumed: tuple[str, ...]) -> str | None:
    """The earlier result a step's call changes in place, its own result dropped: `rgb.thumbnail(size)`,
    `AllChem.MMFFOptimizeMolecule(mol)`, or the same on each item (`for mol in embedded:
    AllChem.MMFFOptimizeMolecule(mol)` changes `embedded`); None when the step makes something instead."""
    if call is None:
        return None
    base = call.func
    while isinstance(base, ast.Attribute):
        base = base.value
    chained = chained_call(draft)
    if chained is not None and isinstance(chained[0], ast.Expr) and chained[0].value is chained[1]:
        # `draw = ImageDraw.Draw(im)`, then `draw.text(...)` for `ImageDraw.Draw(im).text(...)`: the drawing
        # changes what the object it is made by was made on
        first = call.args[0] if call.args else None
        held = {*consumed, *names(draft.statements)[1]}
        return first.id if isinstance(first, ast.Name) and first.id in held else None
    if isinstance(base, ast.Name) and base.id not in consumed and base.id in names(draft.statements)[1]:
        return None  # a method of the step's own object (`writer.write(mol)`) changes that object
    anchor = draft.anchor
    if isinstance(anchor, ast.Expr) and anchor.value is call:
        worked = worked_on(call, lambda name: name in consumed)
        return worked if worked in consumed else None
    if not (isinstance(anchor, ast.For) and isinstance(anchor.iter, ast.Name) and isinstance(anchor.target, ast.Name)):
        return None
    item = anchor.target.id
    if (
        anchor.iter.id in consumed
        and any(isinstance(s, ast.Expr) and s.value is call for s in anchor.body)
        and worked_on(call, lambda name: name == item) == item
    ):
        return anchor.iter.id
    return None


def _one_by_one(stmt: ast.stmt, anchor: ast.stmt | None) -> list[ast.stmt]:
    """`num_samples, num_features = 1000, 4` as two assignments, each a setting of its own; any other statement
    as it is."""
    if not (
        stmt is not anchor
        and isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Tuple)
        and isinstance(stmt.value, ast.Tuple)
        and len(stmt.targets[0].elts) == len(stmt.value.elts)
        and all(isinstance(t, ast.Name) for t in stmt.targets[0].elts)
        and all(literal_source(v) is not None for v in stmt.value.elts)
    ):
        return [stmt]
    return [
        ast.copy_location(ast.Assign(targets=[target], value=value, lineno=stmt.lineno), stmt)
        for target, value in zip(stmt.targets[0].elts, stmt.value.elts, strict=True)
    ]


def _remember_example_names(draft: Draft, produced: list[str], ctx: BindContext) -> None:
    """The names the step's examples give what it produces under another name, for later steps' examples that
    read them: a result the step renamed (`matches01`, named `matches` as the Outputs say), and the API's result
    in the page's other examples (`im_bayes` of the BayesShrink example, where the step took the VisuShrink one),
    where an example makes one such result only (not `ref_model` beside `model`, both `from_pretrained`)."""
    for node, original in draft.stored:
        if node.id != original and node.id in produced and original not in produced and not ctx.has(original):
            ctx.example_names[original] = node.id
    anchor = draft.anchor
    if draft.api is None or not isinstance(anchor, ast.Assign) or not isinstance(anchor.targets[0], ast.Name):
        return
    result = anchor.targets[0].id
    for example in ctx.examples[ctx.index] if result in produced else ():
        made = instances(example.tree)
        named = {
            name
            for name, value in single_assignments(example.tree.body)
            if isinstance(value, ast.Call) and contains_api(value, draft.api, made)
        }
        if len(named) == 1 and not (named & set(produced)) and not ctx.has(next(iter(named))):
            ctx.example_names.setdefault(next(iter(named)), result)


def _record_artifacts(draft: Draft, produced: list[str], ctx: BindContext, consumed: tuple[str, ...] = ()) -> None:
    """Remember the type, the producing call and what the step took of each artifact, for later steps' reuse and
    wiring."""
    earlier = {name: ctx.artifacts[name].producer for name in produced if ctx.has(name)}
    for name in produced:
        ctx.add(name, made_from=consumed)
    _remember_example_names(draft, produced, ctx)
    call = anchor_call(draft)
    changed = _changed_in_place(draft, call, consumed)
    if changed:
        ctx.changed[ctx.index + 1] = changed
    returns = draft.api.returns.strip() if draft.api is not None else ""
    chained = chained_call(draft)  # `bright = enhancer.enhance(1.5)`: what the chained method returns, the result
    result = chained[0] if chained is not None else draft.anchor
    impl = ctx.step.implementation
    if draft.api is not None and impl is not None and impl.signature:
        made_by = draft.api.then if chained is not None else draft.api.last
        returns = signature_returns(impl.signature, made_by) or returns
    # the other calls the API cell cites, with what they return: `model.forward_head(x) -> Tensor`
    cited = {api.last: api.returns for api in ctx.supporting(ctx.index) if api.returns and api.last}
    for stmt in in_settings(draft.statements):
        if not isinstance(stmt, ast.Assign) or not isinstance(stmt.value, ast.Call):
            continue
        maker = _fitted_maker(stmt.value)  # `LGBMClassifier(...).fit(X, y)`: the estimator, fitted
        callee = dotted(stmt.value.func) or (dotted(maker.func) if maker is not None else ())
        if not callee:
            continue
        class_name = (
            callee[-1]
            if callee[-1][:1].isupper()
            else (callee[-2] if len(callee) > 1 and callee[-2][:1].isupper() else "")
        )
        said = returns if stmt is result else cited.get(callee[-1], "")
        declared = re.sub(r"\s*\|\s*None$|^Optional\[(.*)\]$", r"\1", said).strip()
        declared = declared.strip("'\"")  # `-> "Trimesh"`: a forward reference, written as a string
        declared = declared.rsplit(".", 1)[-1] if re.fullmatch(r"(?:\w+\.)+[A-Z]\w*", declared) else declared
        # `from_pretrained(...) -> Self`: the class it is called on (`ds.sel(...) -> Self` of `Dataset.sel`: the
        # API's class, where the call is on an object)
        if declared == "Self":
            declared = draft.api.class_name if stmt is result and draft.api is not None and not class_name else ""
        if re.fullmatch(r"[A-Z]\w*", declared) and (not class_name or callee[-1] != class_name):
            class_name = (
                declared  # a factory says what it makes: `pipeline(...) -> Pipeline`, `from_config(...) -> HfQuantizer`
            )
        files = _data_files(stmt.value, draft.literals)
        for target in stmt.targets:
            if isinstance(target, ast.Tuple):  # `tempo, beat_frames = beat_track(...)`: each by its place
                for at, element in enumerate(target.elts):
                    if isinstance(element, ast.Name) and element.id in produced:
                        ctx.add(element.id, unpacked=(".".join(callee), at))
            if isinstance(target, ast.Name) and target.id in produced:
                # `model = model.eval()`: the same object, still made by what made it (`timm.create_model`)
                producer = earlier.get(target.id) if callee[0] == target.id else None
                ctx.add(target.id, class_name, producer or ".".join(callee), files=files)


def _named_as_cited(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`thresh = threshold_otsu(gray)` and `mask = gray > thresh`, where the Outputs say "`thresh`: float threshold;
    `binary`: boolean mask" and step 4 cites "`binary` from Step 3": the one result the Outputs do not name is the one
    name they give that the step does not make, when a later step cites it by that name."""
    if draft.produces is not None:
        return
    declared = named_outputs(step)
    made = [n for n in produced_names(draft.statements) if n.isidentifier()]
    # (of the names the Outputs give, the ones a later step cites: not `ndarray` of "`axs` (2x2 `ndarray`)")
    # (not a value it hands on, or a key: `queries = ["How do I ...?"]` beside `df = pd.read_csv(...)`)
    missing = [
        n
        for n in declared
        if n not in made and not ctx.has(n) and ctx.cited_later(n) and n not in draft.hands_on and n not in wired.params
    ]
    extra = [n for n in made if n not in declared and n not in wired.consumes.values()]
    unpacked = _unpacked_names(draft.anchor)
    if len(missing) > 1 and set(unpacked) <= set(extra) and len(unpacked) == len(missing) == len(declared):
        # `X_res, y_res = make_imbalance(X, y, ...)`, where the Outputs say "`X_imb`, `y_imb`" and step 4 cites
        # them: each by its place (whatever else the step makes on the way, `x`, `y` of a demo signal)
        if any(isinstance(n, ast.Name) and n.id in missing for s in draft.statements for n in walk(s)):
            return
        for old, new in zip(unpacked, missing, strict=True):
            rename(draft.statements, old, new)
        wired.changes.append(
            f"names its results {', '.join(missing)}, as its Outputs and a later step's Inputs say, not "
            f"{', '.join(unpacked)}"
        )
        return
    if len(missing) != 1 or len(extra) != 1 or len(declared) < 2:
        return
    if any(isinstance(n, ast.Name) and n.id == missing[0] for s in draft.statements for n in walk(s)):
        return
    if _literal_made(draft.statements, extra[0]) and _class_like(described_type(step.outputs or "", missing[0])):
        return  # `names = [f"feat_{i}" ...]` is no "`dtest` DMatrix"
    rename(draft.statements, extra[0], missing[0])
    wired.changes.append(f"names its result {missing[0]}, as its Outputs and a later step's Inputs say, not {extra[0]}")


def _unpacked_names(stmt: ast.stmt | None) -> list[str]:
    """The names an assignment unpacks its value into, in order (`X_res, y_res = ...`); [] for any other."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Tuple)):
        return []
    elements = stmt.targets[0].elts
    return [e.id for e in elements if isinstance(e, ast.Name)] if all(isinstance(e, ast.Name) for e in elements) else []


def _literal_made(statements: list[ast.stmt], name: str) -> bool:
    """Whether the statements make name only as a literal or a comprehension (no call makes it)."""
    values = [
        s.value
        for s in statements
        if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
    ]
    return bool(values) and all(isinstance(v, _WRITTEN_OUT) for v in values)


_WRITTEN_OUT = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict) + (
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)  # a literal or a comprehension


def described_type(text: str, name: str) -> str:
    """The type a text gives a name: its annotation (`dtest: DMatrix`) or the word after it ("`dtest` DMatrix")."""
    m = re.search(rf"`{re.escape(name)}\s*:\s*([\w.]+)[^`]*`|`{re.escape(name)}`\s+(?:\w+\s+)?([A-Z]\w*)", text)
    found = (m.group(1) or m.group(2) or "").rsplit(".", 1)[-1] if m else ""
    return "" if found in _CONTAINERS else found


_CONTAINERS = frozenset({"List", "Dict", "Tuple", "Set", "Sequence", "Iterable", "Mapping", "Optional", "Any"})


def _new_version(draft: Draft, step: Step, ctx: BindContext, wired: _Wired) -> None:
    """`shuffled_dataset = dataset.shuffle(seed=42)`, where the Outputs say "Shuffled `dataset`" and the API returns
    the class of the `dataset` the step takes (when not known: of the class whose method it is): the result is the new `dataset`, which later steps citing it take
    (not the input, handed on unchanged beside it)."""
    outputs = named_outputs(step)
    anchor, api = draft.anchor, draft.api
    if len(outputs) != 1 or api is None or not isinstance(anchor, ast.Assign) or len(anchor.targets) != 1:
        return
    name, target = outputs[0], anchor.targets[0]
    artifact = ctx.artifacts.get(name)
    if not (isinstance(target, ast.Name) and target.id != name and name in wired.consumes.values() and artifact):
        return
    if re.search(rf"\b(?:of|from|for|on|in|per|by)\s+`{re.escape(name)}`", step.outputs or "", re.IGNORECASE):
        return  # "Correlation matrix of `df`": something made of it, not a new version
    returned = [t.rsplit(".", 1)[-1] for t in split_types(api.returns)]
    # of the input's class, or where that is not known, of the class whose method it is (`Dataset.shuffle`)
    of = artifact.type.rsplit(".", 1)[-1] or (api.callee[0] if len(api.callee) >= 2 else "")
    if returned != [of] or not of[:1].isupper():
        return
    at = next(n for n, s in enumerate(draft.statements) if s is anchor)
    if name in names(draft.statements)[1] or name in names(draft.statements[at + 1 :])[0]:
        return  # the step makes its own, or reads the input again after the call
    local = target.id
    rename(draft.statements[at:], local, name)
    wired.changes.append(f"names its result {name}, as its Outputs say, instead of the example's {local}")


def _named_by_later(draft: Draft, ctx: BindContext, wired: _Wired) -> None:
    """`images = pipe(...).images` in steps 2 and 4, where step 5's Inputs say "`ddpm_images` from Step 2,
    `ddim_images` from Step 4": the result of the step's call takes the one name a later step cites from it that
    it does not make, so both reach step 5 (under one name, step 4's would replace step 2's)."""
    anchor = draft.anchor
    if not (isinstance(anchor, ast.Assign) and len(anchor.targets) == 1 and isinstance(anchor.targets[0], ast.Name)):
        return
    cited = ctx.cited_from_here()
    made = names(draft.statements)[1]
    # a value's name (`ddpm_images`, `X`), not a class's (`LazyFrame` from Step 1 cites step 1's frame by its type)
    missing = [n for n in cited if n not in made and not ctx.has(n) and value_name(n)]
    local = anchor.targets[0].id
    if len(missing) != 1 or local in cited or local in wired.consumes.values():
        return
    declared = named_outputs(ctx.step)  # what the step's own Outputs name wins: another result is not the cited one
    if (declared and missing[0] not in declared) or local in declared or missing[0] in draft.hands_on:
        return
    if any(isinstance(n, ast.Name) and n.id == missing[0] for s in draft.statements for n in walk(s)):
        return
    rename(draft.statements, local, missing[0])
    if draft.produces is not None:
        draft.produces = [missing[0] if n == local else n for n in draft.produces]
    wired.changes.append(f"names its result {missing[0]}, as a later step's Inputs cite it, not {local}")


def _changed_as_named(
    produced: list[str], consumed: set[str], outputs: list[str], ctx: BindContext
) -> tuple[str, str] | None:
    """(the name the Outputs give, the input) for a step whose one result is an input it changed in place
    (`raw_df[col] = pd.to_numeric(raw_df[col])`), where the Outputs name one result it does not make and a later
    step cites it ("`typed_df` from Step 2"): that later step found nothing of that name and took the example's
    sample table instead."""
    changed = [n for n in produced if n in consumed]
    missing = [n for n in outputs if n not in produced and not ctx.has(n) and ctx.cited_later(n)]
    if len(changed) != 1 or len(produced) != 1 or len(missing) != 1 or not missing[0].isidentifier():
        return None
    return missing[0], changed[0]


def _binding(draft: Draft, step: Step, ctx: BindContext, kind: Kind, wired: _Wired) -> Binding:
    for local, artifact in list(wired.consumes.items()):
        if local != artifact and not any(
            isinstance(n, ast.Name) and n.id == artifact for s in draft.statements + draft.definitions for n in walk(s)
        ):
            rename(draft.statements + draft.definitions, local, artifact)
        elif local != artifact and any(
            isinstance(n, ast.Name) and n.id == local
            for s in draft.statements + draft.definitions
            for n in scoped_walk(s, local)
        ):  # (not when nothing reads it any more: `ds.shuffle(...)` became the earlier step's result)
            wired.preamble.insert(0, f"{local} = {artifact}")
    _new_version(draft, step, ctx, wired)
    _named_as_cited(draft, step, ctx, wired)
    _named_by_later(draft, ctx, wired)
    consumed = set(wired.consumes.values())
    bound = names(draft.statements)[1]  # at any depth of the step's own scope: a loop's target and body too
    produced = (
        # not what the step now takes instead of making it (`records = list(SeqIO.parse(...))` of the page's
        # whole example, where step 1 read `records`): handed on again, it would pass for this step's work
        [n for n in draft.produces if n in bound or n not in consumed]
        if draft.produces is not None
        else [n for n in produced_names(draft.statements) if n.isidentifier()]
    )
    # an object the step takes, changes in place and its Outputs name (`model` trained by a loop) is handed on;
    # so is what its Outputs name and its code makes anywhere (`epoch`, `train_loss` of a loop's last round)
    outputs = named_outputs(step)
    passed = [n for n in outputs if n in consumed or n in bound]
    produced = [*produced, *(n for n in dict.fromkeys((*draft.hands_on, *passed)) if n not in produced)]
    if outputs:  # a context the step opened and closed (`with engine.connect() as src:`), its Outputs naming others
        closed = _with_targets(draft.statements) - set(outputs)
        produced = [n for n in produced if n not in closed or ctx.cited_later(n)]
    code = [ast.unparse(_without_self_assignments(s)) for s in draft.statements]
    alias = _changed_as_named(produced, consumed, outputs, ctx)
    if alias is not None:  # `raw_df[col] = pd.to_numeric(...)`, with "`typed_df`: DataFrame ..." in the Outputs
        code.append(f"{alias[0]} = {alias[1]}")
        produced = [*produced, alias[0]]
        ctx.same_as[alias[0]] = alias[1]
        wired.changes.append(f"hands on {alias[1]}, which it changes in place, as {alias[0]}, as its Outputs say")
    if draft.yields:
        code.insert(0, "yielded = []")
        produced = [*produced, "yielded"] if "yielded" not in produced else produced
    asynchronous = any(
        isinstance(n, (ast.Await, ast.AsyncFor, ast.AsyncWith)) for s in draft.statements for n in walk(s)
    )
    lines = list(wired.import_lines)
    if wired.loaders:
        lines.append("from .. import loaders")
    lines += [ast.unparse(_without_self_assignments(d)) for d in draft.definitions]
    if lines:
        lines.append("")
    lines += wired.preamble
    result = "{" + ", ".join(f"{n!r}: {n}" for n in produced) + "}"
    if asynchronous:  # the example is asynchronous: run it in an event loop of its own
        runner = [] if "import asyncio" in lines else ["import asyncio"]  # the example's own import serves
        lines = [*runner, *lines, "", "async def _step():"]
        lines += ["    " + line for chunk in code for line in chunk.split("\n")]
        lines += ["    return " + result, "", "return asyncio.run(_step())"]
    else:
        lines += code
        lines.append("return " + result)
    consumes = list(dict.fromkeys(wired.consumes.values()))
    receivers = set(consumes) | set(wired.consumes) | set(wired.loaded)
    receiver_is_artifact = bool(receivers) and any(
        (isinstance(n, ast.Call) and dotted(n.func)[:1] and dotted(n.func)[0] in receivers)
        or (isinstance(n, (ast.Attribute, ast.Subscript)) and isinstance(n.value, ast.Name) and n.value.id in receivers)
        or isinstance(n, (ast.BinOp, ast.UnaryOp))
        for s in draft.statements
        for n in walk(s)
    )
    call = anchor_call(draft)
    api = draft.api
    used = _read_attribute(draft) or (call.func if call is not None else None)  # (`doc.ents`: a property read)
    if not receiver_is_artifact and isinstance(used, ast.Attribute):
        receiver_is_artifact = _reaches(used.value, receivers, _loop_sources(draft.statements))
    builtin = api is not None and api.callee[:1] != () and api.callee[0] in BUILTINS  # `open(path).read()`
    defined = {
        d.name for d in draft.definitions if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    # `history = train(model, train_loader, optimizer, ...)`: the example's own function, around the API, given
    # what earlier steps made
    receiver_is_artifact = receiver_is_artifact or any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id in defined
        and any(isinstance(a, ast.Name) and a.id in receivers for a in [*n.args, *(k.value for k in n.keywords)])
        for s in draft.statements
        for n in walk(s)
    )
    # (a function the example defines and calls, `def export_table(kv, path): ...`, is had: it is right there)
    own = api is not None and len(api.callee) == 1 and api.last in defined
    resolved = bool(wired.import_lines) or receiver_is_artifact or builtin or draft.source is Source.PATTERN or own
    page_imports = set(step.implementation.imports if step.implementation else ())
    origin = Origin.NONE
    if wired.import_lines:
        origin = (
            Origin.PAGE
            if any(i in page_imports for i in wired.import_lines)
            else (wired.origins[0] if wired.origins else Origin.EXAMPLE)
        )
    elif resolved:
        origin = Origin.UPSTREAM
    target = (  # a builtin's call, or one of a function the step defines and runs for real, leaves no trace
        ""
        if api is None or api.last == "__call__" or builtin or api.last in defined
        else (api.class_name if api.last == "__init__" else api.last)
    )
    return Binding(
        kind=Kind.PATTERN if draft.source is Source.PATTERN or own else kind,  # a function the page defines
        status=Status.BOUND if resolved else Status.STUB,
        body="\n".join(lines),
        consumes=tuple(consumes),
        produces=tuple(produced),
        params=tuple(wired.params.values()),
        import_line="; ".join(wired.import_lines),
        import_origin=origin,
        imports=modules_of(wired.import_lines),
        loaders=tuple(dict.fromkeys(wired.loaders)),
        target=target,
        unpack=unpack_arity(draft.statements),
        source=draft.source,
        changes=tuple(dict.fromkeys(wired.changes)),
        needs=(),
    )


def artifact_for_type(ctx: BindContext, type_name: str) -> str | None:
    """The artifact name a value of this type would have (for outputs named by their types)."""
    return artifact_name(ctx.tables, type_name)
