"""A call or method step bound from a usage example: the statements that use the API, with their setup."""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace

from generator.apitext import (
    BUILTINS,
    BY_POSITION,
    ApiParam,
    ApiRef,
    ParamKind,
    called,
    declared_attribute,
    declared_classes,
    dotted,
    literal_source,
    literal_value,
    sets_a_value,
)
from generator.apitext import signature_params as signature_block_params
from generator.astwalk import clone, single_assignments, walk
from generator.bind.binding import Binding, Kind, Source
from generator.bind.choice import (
    PATH_KEY,
    WRITER,
    Resolvable,
    files_named,
    files_written,
    positional_names,
    score,
    snippets_chosen,
)
from generator.bind.context import BindContext, Candidate, artifact_name
from generator.bind.hints import Hint, key_hints, merge_hints
from generator.bind.imports import bound_by, module_names
from generator.bind.outputs import (
    declared_outputs,
    named_outputs,
    output_names,
    returned_names,
    split_types,
    stored_only,
)
from generator.bind.signature import called_on_first, signature_params
from generator.bind.wiring import (
    Draft,
    anchor_call,
    chained_call,
    described_type,
    free_names,
    produced_names,
    rename,
    said_by,
    said_in,
    value_name,
    wire,
)
from generator.model import Step
from generator.naming import identifier
from generator.parse.markdown import code_spans, from_steps
from generator.pysource import parse_expression
from generator.slicing import (
    Slice,
    contains_api,
    cut,
    cut_on_cited,
    cut_on_given,
    empty_container,
    holder_index,
    instances,
    is_print,
    leaves_code_out,
    names,
    on_to_outputs,
    reach,
    restrict,
    root_name,
    shows_items,
    shows_value,
    swap,
    unwrap_with,
    with_setup,
)


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD) and ctx.api is not None and bool(ctx.examples[ctx.index])


def candidates(ctx: BindContext, index: int) -> list[Candidate]:
    """Slices of step `index`'s examples around its API, cut once per step: statements using a later step's
    API are left to that step."""
    cache = ctx.slices
    api = ctx.apis[index]
    # an instance call (`wrapped_tokenizer(texts)`) on an object of the API's class an earlier step made: the
    # slices depend on what the steps bound so far have made
    known = (
        {a.name: a.type for a in ctx.artifacts.values() if a.type == api.class_name}
        if api is not None and api.last == "__call__"
        else {}
    )
    # (another step's item API, `index[query]`, claims no subscript of this step's: any object is subscripted)
    later = [
        a
        for a in ctx.apis[index + 1 :]
        if a is not None and a.item_context is None and (api is None or a.callee != api.callee)
    ]
    # an earlier step's object a later step calls (`pipe(generator=generator)`, where step 3 calls the pipeline
    # step 1 made): that later step's work, whatever the example names it
    called_later = {a.class_name for a in later if a.last == "__call__" and a.class_name}
    later_known = {a.name: a.type for a in ctx.artifacts.values() if a.type in called_later}
    if index in cache and ctx.slices_known.get(index) == {**known, **later_known}:
        return cache[index]
    ctx.slices_known[index] = {**known, **later_known}
    found: list[Candidate] = []
    if api is None:
        cache[index] = found
        return found
    others = [a for a in ctx.supporting(index) if a.callee != api.callee]
    own = {a.callee for a in (api, *others)}
    elsewhere = [
        a
        for n, a in enumerate(ctx.apis)
        if n != index and a is not None and a.item_context is None and a.callee not in own
    ]

    def foreign(stmt: ast.stmt) -> bool:
        return not isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)) and any(
            contains_api(stmt, other, {}) for other in elsewhere
        )

    swept = frozenset(_swept(ctx.workflow.steps[index]))
    quoted = frozenset(ctx.workflow.steps[index].key_parameters_code) if api.item_context else frozenset()
    # the names the Inputs quote (`xq` from Step 1): a use of the API on them is a candidate beside the page's first
    cited = frozenset(n for n in code_spans(ctx.workflow.steps[index].inputs or "") if value_name(n))
    # (what earlier steps' Outputs name: the slices are cut once per step, whatever has been bound yet)
    earlier = {n for step in ctx.workflow.steps[:index] for n in named_outputs(step)} if cited else set()
    uncited = frozenset(earlier - cited)
    wanted = frozenset(named_outputs(ctx.workflow.steps[index]) or declared_outputs(ctx.workflow.steps[index]))
    # the page's first use of the API, and its use on the reader's own data when the first is a demo
    uses = (
        (e, use)
        for e in ctx.examples[index]
        for use in _uses(e.tree, api, foreign, known, swept, quoted, cited, uncited)
    )
    for example, use in uses:
        piece: Slice | None = use
        if piece is not None and leaves_code_out(piece.statements):
            piece = _before_sketch(example.tree, piece)
        if piece is None or leaves_code_out(piece.statements):
            continue  # `for step in range(100): ...; trial.report(accuracy, step)`: a sketch, not code to run
        piece = reach(example.tree, piece, others)
        piece = on_to_outputs(example.tree, piece, wanted)
        piece = unwrap_with(
            example.tree,
            piece,
            lambda stmt: any(contains_api(stmt, o, {}) for o in later) and not _chained(stmt, api),
            lambda stmt: contains_api(stmt, api, known),
        )
        kept = [piece.statements[0]]
        for stmt in piece.statements[1:]:
            # a later step's work ends the slice; a statement calling what this step cites is its own, whatever it
            # calls inside (`fillna(df.groupby("product")["price"].transform("median"))` with groupby next)
            if any(contains_api(stmt, other, later_known) for other in later) and not any(
                contains_api(stmt, own, {}) for own in [api, *others]
            ):
                break
            kept.append(stmt)
        if len(kept) != len(piece.statements):
            piece = restrict(example.tree, piece, kept)
        found.append(Candidate(piece, example.order, example.tree))
    cache[index] = found
    return found


def _chained(stmt: ast.stmt, api: ApiRef) -> bool:
    """Whether stmt calls the method the API chains on what it makes (`open(file, "w").write(text)`: `f.write(text)`
    in `with open(...) as f:`), which is this step's work, even when a later step's API has that method's name
    (pypdf's `PdfWriter.write`)."""
    return bool(api.then) and any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == api.then
        and isinstance(node.func.value, ast.Name)
        for node in walk(stmt)
    )


def _uses(
    tree: ast.Module,
    api: ApiRef,
    foreign: Callable[[ast.stmt], bool],
    known: dict[str, str],
    swept: frozenset[str],
    quoted: frozenset[str] = frozenset(),
    cited: frozenset[str] = frozenset(),
    uncited: frozenset[str] = frozenset(),
) -> Iterator[Slice]:
    """The example's first use of the API, then its use on the reader's own data when the first is a demo."""
    first = cut(tree, api, foreign, known, swept, quoted)
    if first is not None:
        yield first
        given = cut_on_given(tree, api, first, foreign, known, swept)
        if given is not None:
            yield given
        on_cited = cut_on_cited(tree, api, first, cited, uncited, foreign, known, swept)
        if on_cited is not None and (given is None or on_cited.anchor is not given.anchor):
            yield on_cited


def _before_sketch(tree: ast.Module, piece: Slice) -> Slice | None:
    """The slice up to its anchor, when only what follows the anchor is a sketch (`rows = list(ws.iter_rows(...))`,
    then `for region, product, amount in rows: ...`, the reader's own use of the result); None otherwise."""
    at = next((n for n, stmt in enumerate(piece.statements) if stmt is piece.anchor), None)
    if at is None or leaves_code_out(piece.statements[: at + 1]):
        return None
    return restrict(tree, piece, piece.statements[: at + 1])


def _swept(step: Step) -> Iterator[str]:
    """The lists of values a step's Key Parameters write out ("swept over `nprobe_values: list[int] = [1, 2, 4, 8,
    16]`"): values it goes through, as repr() of the list."""
    for found in re.finditer(r"\[[^\[\]`]{1,200}\]", step.key_parameters_text):
        value = literal_value(found.group(0))
        if isinstance(value, list) and len(value) > 1:
            yield repr(value)


def demanded(ctx: BindContext, index: int) -> set[str]:
    """Names later steps' slices and APIs read: what this step had better produce; not what a step between makes,
    by its Outputs (lightgbm: step 3 reads `X_train`, which step 2's split makes: step 1's example making its own
    `X_train` of a demo file is no better for it)."""
    wanted: set[str] = set()
    between: set[str] = set()
    for later in range(index + 1, len(ctx.apis)):
        wanted |= _reads(ctx, later) - between
        between |= set(named_outputs(ctx.workflow.steps[later]))
    return wanted


def _reads(ctx: BindContext, index: int) -> set[str]:
    """Names step `index`'s slices and API read (cached)."""
    cache = ctx.reads
    if index not in cache:
        api = ctx.apis[index]
        earlier = {n for step in ctx.workflow.steps[:index] for n in named_outputs(step)}
        apis = [a for a in ctx.apis if a is not None and a.item_context is None]
        read = {n for c in candidates(ctx, index) for n in _setup_reads(c, earlier, apis)}
        cache[index] = read | ({p.name for p in api.params} if api else set())
    return cache[index]


def _setup_reads(candidate: Candidate, earlier: set[str], apis: list[ApiRef]) -> set[str]:
    """The names a slice reads, with those its example's statements before it read to make them: `keypoints1` and
    `keypoints3` of `src = keypoints1[matches13[:, 0]]` before `ransac((src, dst), ...)`, which the step takes
    from an earlier one when binding (setup widening) and the earlier step had better hand on. Not through what an
    earlier step's Outputs name, nor through a call of a step's API (`model = PeftModel.from_pretrained(base_model,
    ...)`): the step takes that result, and its example's way of making it again is no one's need."""
    piece, body = candidate.slice, candidate.tree.body
    first = next((n for n, stmt in enumerate(body) if stmt is piece.statements[0]), None) if piece.statements else None
    read = set(piece.free)
    for stmt in reversed(body[:first] if first is not None else []):
        free, bound = names([stmt])
        if bound & read and not bound & earlier and not any(contains_api(stmt, api, {}) for api in apis):
            read |= set(free)
    return read


def bind(step: Step, ctx: BindContext) -> Binding | None:
    api = ctx.api
    found = candidates(ctx, ctx.index)
    if api is not None and api.is_property:  # a use that only shows it (`for k, v in study.best_params.items():
        # print(...)`) is no step: the attribute rule's read is, its value handed on and reported
        found = [c for c in found if any(_works(n) for s in c.slice.statements for n in walk(s))]
    if api is None or not found:
        return None
    keys = key_hints(step)
    cited = cited_calls(step)
    quoted = {n for n in code_spans(step.inputs) if n.isidentifier()}
    widened = [
        Candidate(with_setup(c.tree, c.slice, Resolvable(ctx, keys, c.tree), cited, quoted), c.order, c.tree)
        for c in found
    ]
    widened = [Candidate(_from_siblings(c, ctx, keys), c.order, c.tree) for c in widened]
    wanted = demanded(ctx, ctx.index)
    snippets = snippets_chosen(widened, ctx)
    chosen = min(widened, key=lambda c: score(c, ctx, keys, wanted, snippets))
    best = _with_demanded(chosen, ctx, keys, lambda: _set_up_reads(ctx, ctx.index))
    others = [
        a
        for n, a in enumerate(ctx.apis)
        if n != ctx.index and a is not None and a.item_context is None and a.callee != api.callee
    ]
    best = _out_of_later_call(Candidate(best, chosen.order, chosen.tree), api, ctx)
    best = _with_declared_outputs(Candidate(best, chosen.order, chosen.tree), step, api, others)
    best = _with_cited_uses(Candidate(best, chosen.order, chosen.tree), step, api)
    best = _with_changes_after(Candidate(best, chosen.order, chosen.tree), others)
    best = _with_output_files(Candidate(best, chosen.order, chosen.tree), step, ctx)
    best = _with_quoted_save(Candidate(best, chosen.order, chosen.tree), step)
    best = _with_quoted_results(Candidate(best, chosen.order, chosen.tree), step, ctx)
    best = _with_checks(Candidate(best, chosen.order, chosen.tree), ctx)
    best = _without_tryout(Candidate(best, chosen.order, chosen.tree), step, ctx, keys)
    best = _without_unasked_writes(Candidate(best, chosen.order, chosen.tree), step)
    best = _without_later_results(Candidate(best, chosen.order, chosen.tree), step, ctx)
    best = _without_unread_parts(Candidate(best, chosen.order, chosen.tree), step, ctx, wanted)
    best = _without_unasked_repeats(Candidate(best, chosen.order, chosen.tree), step, api, wanted)
    if any(shows_items(s) or shows_value(s) for s in best.statements if s is not best.anchor):
        kept = [s for s in best.statements if s is best.anchor or not (shows_items(s) or shows_value(s))]
        best = restrict(chosen.tree, best, kept)
    draft = replace(
        Draft.of(best.statements, best.anchor),
        api=api,
        imports=list(best.imports),
        definitions=[clone(d) for d in best.definitions],
        literals=dict(best.literals),
        source=Source.EXAMPLE,
    )
    call = anchor_call(draft)
    draft.on_first = call is not None and called_on_first(
        api, call, module_names(ctx, [ast.unparse(i) for i in draft.imports])
    )
    draft.positional = positional_names(step, api)[draft.on_first :]
    _alternative_settings(draft, chosen, found, step, keys)
    draft.hands_on = _handed_values(best, chosen.tree, step, ctx, keys)
    _cell_settings(draft, step, ctx, keys)
    _keep_result(draft, step, ctx, _shown(chosen.tree, best.anchor))
    _declared_name(draft, step, ctx, wanted)
    _declared_counterpart(draft, step, ctx)
    _own_name(draft, step, ctx)
    trees = tuple(e.tree for e in ctx.examples[ctx.index])
    imports = [ast.unparse(n) for t in trees for n in t.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    _complete_call(draft, step, keys, trees, module_names(ctx, imports))
    _foreign_columns(draft, step, ctx, keys)
    _complete_chained(draft, keys)
    return wire(draft, step, ctx, ctx.kinds[ctx.index])


def _out_of_later_call(candidate: Candidate, api: ApiRef, ctx: BindContext) -> Slice:
    """The slice, its anchor `study = optuna.create_study(pruner=optuna.pruners.MedianPruner(...))` made `pruner =
    optuna.pruners.MedianPruner(...)`, when the step's API call is an argument of a later step's API call:
    the step makes the argument (Outputs "`MedianPruner` instance to pass to `create_study`"), and the later step
    makes the rest. Kept whole, the step handed on the study, which the later step passed as its pruner."""
    piece = candidate.slice
    anchor = piece.anchor
    if not isinstance(anchor, (ast.Assign, ast.Expr)) or not isinstance(anchor.value, ast.Call):
        return piece
    outer = anchor.value
    inner = [k for k in outer.keywords if k.arg and contains_api(ast.Expr(k.value), api, {})]
    placed = [(n, a) for n, a in enumerate(outer.args) if contains_api(ast.Expr(a), api, {})]
    later = [
        a for a in ctx.apis[ctx.index + 1 :] if a is not None and a.item_context is None and a.callee != api.callee
    ]
    # (or by position: `tokenizer.train_from_iterator(batch_iterator(), trainer=trainer)` for `batch_iterator(...)`,
    # the later API's parameter there naming the step's result, `iterator`)
    callers = [a for a in later if called(outer.func) == a.last]
    params = [p.name for p in callers[0].params if p.kind in BY_POSITION and p.name != "self"] if callers else []
    if len(inner) == 1 and not placed:
        name, value = inner[0].arg, inner[0].value
        rest = ast.Call(func=outer.func, args=outer.args, keywords=[k for k in outer.keywords if k is not inner[0]])
    elif len(placed) == 1 and not inner and placed[0][0] < len(params):
        value, name = placed[0][1], params[placed[0][0]]
        rest = ast.Call(func=outer.func, args=[a for a in outer.args if a is not value], keywords=outer.keywords)
    else:
        return piece
    if name is None or name in piece.bound:
        return piece
    if contains_api(ast.Expr(rest), api, {}) or not any(contains_api(ast.Expr(rest), a, {}) for a in later):
        return piece
    made = ast.copy_location(ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=value), anchor)
    statements = [made if s is anchor else s for s in piece.statements]
    return restrict(candidate.tree, piece, statements, anchor=made)


def _alternative_settings(
    draft: Draft, chosen: Candidate, found: list[Candidate], step: Step, keys: dict[str, Hint]
) -> None:
    """`study.optimize(objective, n_trials=100, timeout=600, n_jobs=2, show_progress_bar=True)`, the page's example
    "Time-Bounded, Parallel, with Progress Bar", after its "Basic Optimization" `study.optimize(objective,
    n_trials=100)`: a setting only a later example of the page passes, where an earlier one calls the API without
    it, is that variant's; the workflow keeps the signature's default (no time limit, one job, no bar), unless the
    step's own text or the key's description says the example's value. The later example is often chosen for
    passing every key; its values stay the variant's."""
    call = anchor_call(draft)
    impl = step.implementation
    if call is None or draft.api is None or impl is None or chosen.order >= len(impl.examples):
        return
    earlier = [
        found_call
        for c in found
        if c.order < chosen.order
        and (found_call := anchor_call(Draft([], c.slice.anchor, api=draft.api))) is not None
        and all(k.arg is not None for k in found_call.keywords)
    ]
    if not earlier:
        return
    declared = {p.name: p for p in signature_params(step, draft.api, all_params=True)}
    for passed in call.keywords:
        param = declared.get(passed.arg or "")
        if param is None or param.default is None or not isinstance(passed.value, ast.Constant):
            continue
        value, read = passed.value.value, literal_value(param.default)
        default: str | int | float | bool | None = None
        if isinstance(read, (str, int, float, bool)):
            default = read
        elif param.default != "None":
            continue  # a default that is no single value (`()`, `[]`, a built object) stays as the example passes it
        if value == default or any(passed.arg in {k.arg for k in c.keywords} for c in earlier):
            continue
        hint = keys.get(param.name)
        if said_by(step, str(value)) or (hint is not None and said_in(hint.doc, str(value))):
            continue
        passed.value = ast.copy_location(ast.Constant(value=default), passed.value)


def _cell_settings(draft: Draft, step: Step, ctx: BindContext, keys: dict[str, Hint]) -> None:
    """`index.nprobe = nprobe` then `index.search(x, k)` in the API cell: the setting the cell writes comes before
    the step's call, on the object the step uses (an earlier result), with its value a key when it is a name
    (the Key Parameter `nprobe`). The example sets it beside other work, or to several values in turn."""
    anchor = draft.anchor
    if anchor is None:
        return
    settings = []
    for span in (extra.api for extra in step.supporting):
        declared = _declared_setting(span, draft, keys)
        if declared is not None:
            settings.append(ast.copy_location(declared, anchor))
            continue
        if not sets_a_value(span):
            continue
        stmt = ast.parse(span.strip().strip("`")).body[0]
        assert isinstance(stmt, ast.Assign)
        root = stmt.targets[0]
        while isinstance(root, ast.Attribute):
            root = root.value
        value = stmt.value
        known = not isinstance(value, ast.Name) or value.id in keys or ctx.has(value.id)
        if (  # on an earlier result, to a value the step has: never a key nothing documents
            isinstance(root, ast.Name)
            and ctx.has(root.id)
            and known
            and ast.unparse(stmt) not in map(ast.unparse, draft.statements)
        ):
            settings.append(ast.copy_location(stmt, anchor))
    at = holder_index(draft.statements, anchor)
    if settings and at is not None:
        draft.statements[at:at] = settings


def _declared_setting(span: str, draft: Draft, keys: dict[str, Hint]) -> ast.Assign | None:
    """`index.nprobe = nprobe` for the cell's `faiss.IndexIVF.nprobe: int (attribute, default 1)` beside
    `faiss.Index.search(...)`, where the Key Parameters document `nprobe`: the attribute set, to its key, on the
    object the step's call is made on; None when the span declares no attribute, or the example sets it already."""
    attr = declared_attribute(span)
    call = anchor_call(draft)
    receiver = call.func.value if call is not None and isinstance(call.func, ast.Attribute) else None
    if not attr or attr not in keys or not isinstance(receiver, ast.Name) or "read-only" in span.lower():
        return None
    if any(isinstance(n, ast.Attribute) and n.attr == attr for s in draft.statements for n in walk(s)):
        return None
    target = ast.Attribute(value=ast.Name(id=receiver.id, ctx=ast.Load()), attr=attr, ctx=ast.Store())
    return ast.Assign(targets=[target], value=ast.Name(id=attr, ctx=ast.Load()), lineno=0)


def _spoken(outputs: str) -> set[str]:
    """The words and word pairs of a step's Outputs outside code ("validation accuracy and ROC AUC": `accuracy`,
    `roc_auc`, ...), as names: what a print's label may call a value the Outputs promise."""
    words = re.findall(r"[a-z][a-z0-9]*", re.sub(r"`[^`]*`", " ", outputs).lower())
    pairs = ("_".join(pair) for pair in zip(words, words[1:], strict=False))
    return {w for w in [*words, *pairs] if not keyword.iskeyword(w) and w not in BUILTINS}


def _labelled_value(stmt: ast.stmt, missing: list[str], made: set[str], spoken: set[str]) -> ast.Assign | None:
    """`print("AUC:", roc_auc_score(y_valid, proba[:, 1]))` (or `print(f"AUC: {...}")`, `print(cm.get_coherence())`)
    where the Outputs name `auc` (`coherence`), or say it in words ("validation accuracy and ROC AUC": spoken, for a
    function's result), and the slice makes what the value reads: the value kept as that output (`auc =
    roc_auc_score(...)`), without the rounding the print shows it with. None for any other statement."""
    call = stmt.value if isinstance(stmt, ast.Expr) and is_print(stmt) else None
    if not isinstance(call, ast.Call) or call.keywords:
        return None
    label: object = None
    value: ast.expr | None = None
    if len(call.args) == 2 and isinstance(call.args[0], ast.Constant):
        label, value = call.args[0].value, call.args[1]
    elif len(call.args) == 1 and isinstance(call.args[0], ast.Call) and isinstance(call.args[0].func, ast.Attribute):
        # `print(cm.get_coherence())`, where the Outputs name `coherence`: the method's name is the label
        label, value = call.args[0].func.attr, call.args[0]
    elif len(call.args) == 1 and isinstance(call.args[0], ast.JoinedStr) and len(call.args[0].values) == 2:
        text, shown = call.args[0].values
        if isinstance(text, ast.Constant) and isinstance(shown, ast.FormattedValue):
            label, value = text.value, shown.value
    if not isinstance(label, str) or value is None:
        return None
    words = re.sub(r"[^0-9a-z]+", "_", label.lower()).strip("_")
    name = next((n for n in missing if words == n.lower() or words.endswith("_" + n.lower())), None)
    if name is None and words in spoken and words not in made and isinstance(value, ast.Call):
        # a value said in words is a function's result (`roc_auc_score(y, p)`), not a view of what the step has
        name = words if isinstance(value.func, ast.Name) and words not in names([ast.Expr(value)])[0] else None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "round"
        and len(value.args) in (1, 2)
        and not value.keywords
    ):
        value = value.args[0]  # how the print shows it, not what it is
    if name is None or not isinstance(value, (ast.Call, ast.BinOp, ast.Subscript, ast.Attribute)):
        return None
    if not set(names([ast.Expr(value=value)])[0]) & made:
        return None  # a value of something the step does not make
    kept = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=clone(value))
    return ast.fix_missing_locations(ast.copy_location(kept, stmt))


def _with_declared_outputs(candidate: Candidate, step: Step, api: ApiRef, others: list[ApiRef]) -> Slice:
    """The slice, with the example's later statements that make an output the step's Outputs name and the slice
    does not (`records = [[cell.get_text() ...] for row in rows[1:]]` after `header = [...]`, both named): they
    call the API too, on what the step already has."""
    piece, tree = candidate.slice, candidate.tree
    made = {n for s in piece.statements for n in names([s])[1]}
    missing = [n for n in declared_outputs(step) if n not in made]
    spoken = _spoken(step.outputs) if any(is_print(s) for s in tree.body) else set()
    if not missing and not spoken:
        return piece
    last = _last_line(piece)
    added: list[ast.stmt] = [
        s
        for s in tree.body
        if s.lineno > last
        and isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and s.targets[0].id in missing
        and contains_api(s, api, {})
    ]
    for stmt in tree.body:
        printed = _labelled_value(stmt, missing, made, spoken) if stmt.lineno > last else None
        if printed is not None and not names([printed])[1] & names(added)[1]:  # the first print of a name
            added.append(printed)
    if not added:
        added = _made_after_effect(candidate, missing, others)
    if not added:
        return piece
    return restrict(tree, piece, sorted([*piece.statements, *added], key=lambda s: s.lineno))


def _made_after_effect(candidate: Candidate, missing: list[str], others: list[ApiRef]) -> list[ast.stmt]:
    """`L.seed_everything(42)`, called for its effect, then the example's `X = torch.randn(...)`, ...,
    `train_dataset, val_dataset = random_split(...)`, where the Outputs name `train_dataset`, `val_dataset`: the
    top-level statements after the call that make every output it names, with those that make what they read;
    none when one does another step's work. (The outputs were unpacked from the seed the call returns.)"""
    piece, tree = candidate.slice, candidate.tree
    anchor = piece.anchor
    if not (isinstance(anchor, ast.Expr) and anchor in tree.body):
        return []
    after = [s for s in tree.body[tree.body.index(anchor) + 1 :] if not isinstance(s, (ast.Import, ast.ImportFrom))]
    makers = [s for s in after if names([s])[1] & set(missing)]
    if not makers or set(missing) - {n for s in makers for n in names([s])[1]}:
        return []
    chosen = list(makers)
    wanted = set(names(chosen)[0])
    for stmt in reversed(after[: after.index(makers[-1])]):
        if stmt not in chosen and names([stmt])[1] & wanted and not is_print(stmt):
            chosen.append(stmt)
            wanted |= set(names([stmt])[0])
    if any(contains_api(s, other, {}) for s in chosen for other in others):
        return []
    return chosen


def _with_checks(candidate: Candidate, ctx: BindContext) -> Slice:
    """The slice, with the example's later top-level asserts comparing what the slice makes with what an earlier
    step made, which the Inputs cite (`assert written.shape[0] == ranked.shape[0]` after `written =
    duckdb.read_parquet(...)`, with "`ranked` from Step 4" in the Inputs): a verification step's point. Not an
    assert comparing with values written out (`assert len(docs) == 13`: the sample data's), nor one reading a
    name neither gives."""
    piece, tree = candidate.slice, candidate.tree
    made = {n for s in piece.statements for n in names([s])[1]}
    cited = set(ctx.cited_by_inputs())
    last = _last_line(piece)
    asserts = [s for s in tree.body if isinstance(s, ast.Assert) and s.lineno > last and _compares_results(s.test)]
    added = [s for s in asserts if made & (read := set(names([s])[0])) and cited & read and read <= made | cited]
    if not added:
        return piece
    return restrict(tree, piece, sorted([*piece.statements, *added], key=lambda s: s.lineno))


def _compares_results(test: ast.expr) -> bool:
    """Whether a test compares computed values only (`written.shape[0] == ranked.shape[0]`), none written out."""
    if isinstance(test, ast.BoolOp):
        return all(_compares_results(v) for v in test.values)
    return isinstance(test, ast.Compare) and all(
        literal_source(operand) is None for operand in [test.left, *test.comparators]
    )


def _with_output_files(candidate: Candidate, step: Step, ctx: BindContext) -> Slice:
    """The slice, with the example's later top-level statements writing a file the step's Outputs quote and the
    slice does not write (`importance.to_csv("feature_importance.csv")` after the plot the slice saves), and the
    statements after the slice making what they read; when everything they read can be had (what the slice makes
    or reads already, the example's imports, builtins, earlier results)."""
    piece, tree = candidate.slice, candidate.tree
    files = files_named(step.outputs) - files_written(piece.statements)
    if not files:
        return piece
    last = _last_line(piece)
    later = [s for s in tree.body if s.lineno > last]
    writes = [
        n
        for n, s in enumerate(later)
        # a call (`df.to_csv("contribs.csv")`) or a block writing through what it opens (`with open("predictions.csv",
        # "w") as f: ...`)
        if (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) or isinstance(s, ast.With))
        and files_written([s]) & files
    ]
    if not writes:
        return piece
    added: list[ast.stmt] = []
    needed: set[str] = set()
    for n in range(writes[-1], -1, -1):
        stmt = later[n]
        free, bound = names([stmt])
        if n in writes or (isinstance(stmt, ast.Assign) and bound & needed):
            added.append(stmt)
            needed = (needed - bound) | set(free)
    have = _had(piece, tree)
    if any(n not in have and n not in BUILTINS and not ctx.has(n) for n in needed):
        return piece
    return restrict(tree, piece, sorted([*piece.statements, *added], key=lambda s: s.lineno))


def _last_line(piece: Slice) -> int:
    """The last page line of the slice's statements: what the example does after it starts below."""
    return max(s.end_lineno or s.lineno for s in piece.statements)


def _had(piece: Slice, tree: ast.Module) -> set[str]:
    """The names a statement added to the slice may read: what the slice makes or reads, its settings, and the
    example's imports."""
    imports: list[ast.stmt] = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    return (
        names(piece.statements)[1] | set(piece.free) | set(piece.literals) | (names(imports)[1] if imports else set())
    )


def _with_cited_uses(candidate: Candidate, step: Step, api: ApiRef) -> Slice:
    """The slice, with the example's later top-level calls of the API on a result the Inputs quote and the slice
    does not read (`pivot_df.to_csv(out_dir / "revenue_pivot.csv")` after `summary_df.to_csv(...)`, with
    "`summary_df` from Step 3, `pivot_df` from Step 4"), when all else they read is had: the step's work on each
    input it is given. Cut to the first, the step never wrote the pivot."""
    piece, tree = candidate.slice, candidate.tree
    free, bound = names(piece.statements)
    unread = {n for n in code_spans(step.inputs) if n.isidentifier()} - set(free) - bound
    if not unread or not isinstance(piece.anchor, ast.Expr):
        return piece
    have = _had(piece, tree) | unread | set(BUILTINS)
    last = _last_line(piece)
    made = instances(tree)
    added = [
        s
        for s in tree.body
        if s.lineno > last
        and isinstance(s, ast.Expr)
        and contains_api(s, api, made)
        and set(names([s])[0]) & unread
        and set(names([s])[0]) <= have
    ]
    if not added:
        return piece
    return restrict(tree, piece, [*piece.statements, *added])


def _with_changes_after(candidate: Candidate, others: list[ApiRef]) -> Slice:
    """The slice, with the example's top-level statements right after it that change a part of what the slice
    changes (`df["region"] = df["region"].str.strip()` after `df[col] = pd.to_numeric(df[col])` and
    `df["order_date"] = pd.to_datetime(...)`), prints between them skipped: the rest of the step's work on the table
    it hands on. Never another step's work, nor a statement reading what the slice cannot have."""
    piece, tree = candidate.slice, candidate.tree
    changed = {root_name(t) for s in piece.statements for t in _part_targets(s)} - {""}
    if not changed:
        return piece
    have = _had(piece, tree) | set(BUILTINS)
    last = _last_line(piece)
    added: list[ast.stmt] = []
    for stmt in (s for s in tree.body if s.lineno > last):
        if is_print(stmt):
            continue
        targets = _part_targets(stmt)
        if not (
            isinstance(stmt, ast.Assign)
            and targets
            and len(targets) == len(stmt.targets)
            and {root_name(t) for t in targets} <= changed
            and set(names([stmt])[0]) <= have
            and not any(contains_api(stmt, other, {}) for other in others)
        ):
            break
        added.append(stmt)
    if not added:
        return piece
    return restrict(tree, piece, [*piece.statements, *added])


def _part_targets(stmt: ast.stmt) -> list[ast.expr]:
    """The parts of objects a statement assigns (`df["region"]`, `model.name`), inside loops too."""
    return [
        t
        for node in walk(stmt)
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, (ast.Subscript, ast.Attribute))
    ]


_SAVING = re.compile(r"save\w*|write\w*|to_\w+|dump|export")


def _with_quoted_save(candidate: Candidate, step: Step) -> Slice:
    """The slice, with the call the step's Outputs quote to write a file (`fig.savefig("matches.png")`, after an
    example that ends in `plt.show()`) on what the slice makes, when nothing in the slice writes that file: the
    Outputs promise the file."""
    piece, tree = candidate.slice, candidate.tree
    made = names(piece.statements)[1]
    last = _last_line(piece)
    added: list[ast.stmt] = []
    for span in [*code_spans(step.outputs), *step.key_parameters_code]:
        try:
            stmt = ast.parse(span).body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        call = stmt[0].value if len(stmt) == 1 and isinstance(stmt[0], ast.Expr) else None
        if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Name):
            call.args[0] = _file_for_key(call.args[0].id, step) or call.args[0]
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and root_name(call.func.value) in made
            and _SAVING.fullmatch(call.func.attr)
            and call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
            and files_written(stmt)  # a file's name (`"matches.png"`), not `to_dict("records")`
            and not files_written(piece.statements) & files_written(stmt)
        ):
            continue
        last += 1
        added.append(ast.increment_lineno(stmt[0], last - 1))
    if not added:
        return piece
    return restrict(tree, piece, [*piece.statements, *added])


# "accuracy = `((preds > 0.5) == y_test).mean()`": an Outputs cell naming a result by the expression that makes it
_QUOTED_RESULT = re.compile(r"(?<![\w`])([A-Za-z_]\w*)\s*=\s*`([^`]+)`")


def _with_quoted_results(candidate: Candidate, step: Step, ctx: BindContext) -> Slice:
    """The slice, with a result the step's Outputs name by the expression that makes it (`preds: np.ndarray`;
    accuracy = `((preds > 0.5) == y_test).mean()`) made at its end, when nothing in the slice makes that name and
    the expression reads only what the slice makes or an earlier step hands on (the Outputs promise it)."""
    piece, tree = candidate.slice, candidate.tree
    found = _QUOTED_RESULT.findall(step.outputs or "") + _unnamed_results(step.outputs or "")
    if not found:
        return piece
    modules = bound_by([ast.unparse(i) for i in piece.imports])
    made = names(piece.statements)[1] | modules
    done = {ast.unparse(n) for s in piece.statements for n in walk(s) if isinstance(n, (ast.Call, ast.Subscript))}
    last = _last_line(piece)
    added: list[ast.stmt] = []
    for name, text in found:
        value = parse_expression(text)
        if value is None:
            continue
        reads = names([ast.Expr(value)])[0]
        if name in made or name in reads or not all(n in made or ctx.has(n) for n in reads):
            continue
        if not set(reads) - modules or ast.unparse(value) in done or _acts(value):
            continue  # a library's own value, one the slice has, or a call that does work rather than reads
        last += 1
        stmt = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=value)
        added.append(ast.increment_lineno(ast.fix_missing_locations(stmt), last - 1))
        made.add(name)
        done.add(ast.unparse(value))
    if not added:
        return piece
    return restrict(tree, piece, [*piece.statements, *added])


_QUOTED_SPAN = re.compile(r"`([^`]+)`")
_WORD_BEFORE = re.compile(r"([a-z][a-z]+(?:[ _-][a-z][a-z]+)?)\s*[:(]?\s*$")
_JOINING_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "with", "as", "is", "by", "its", "from", "to", "in", "via"}
)
# calls that do work or change what they are called on, besides writing a file (choice.WRITER): never re-run to
# report a value
_ACTING = re.compile(
    r"^(?:plot|show|print|push|fit|train|delete|remove|add|set|update|append|clear|close|run|step|backward|"
    r"zero_grad|load|read|open|download|upload|send|start|stop|predict|generate|transform|evaluate)"
)


def _unnamed_results(outputs: str) -> list[tuple[str, str]]:
    """(a name, the expression) for each call or subscript the Outputs quote without a name ("`nx.density(G)` and
    `G.number_of_edges()` are reported alongside": `density`, `number_of_edges`; "dominant frequency
    `f[np.argmax(Pxx)]`": `dominant_frequency`). A call is named by what it calls; a subscript by the one or two
    words before it, when they are no article or joining word."""
    found = []
    for m in _QUOTED_SPAN.finditer(outputs):
        if re.search(r"\w\s*=\s*$", outputs[: m.start()]):
            continue  # `accuracy = `...``: named (_QUOTED_RESULT)
        value = parse_expression(m.group(1))
        if value is None:
            continue
        name = None
        if isinstance(value, ast.Call):
            name = called(value.func).removeprefix("get_")
        elif isinstance(value, ast.Subscript) and (words := _WORD_BEFORE.search(outputs[: m.start()])):
            parts = re.split(r"[ _-]", words.group(1))
            while parts and parts[0] in _JOINING_WORDS:
                parts.pop(0)
            name = "_".join(parts) if parts and parts[-1] not in _JOINING_WORDS else None
        if name and name.isidentifier() and not keyword.iskeyword(name) and name not in BUILTINS:
            found.append((name, m.group(1)))
    return found


def _acts(value: ast.expr) -> bool:
    """Whether an expression calls something that does work (`model.fit(X)`, `df.to_csv(path)`)."""
    callees = [called(node.func).lower() for node in walk(value) if isinstance(node, ast.Call)]
    return any(WRITER.search(callee) or _ACTING.match(callee) for callee in callees)


def _file_for_key(name: str, step: Step) -> ast.Constant | None:
    """The one file the step's Outputs name, for a documented path key a quoted call writes to (the Key Parameters'
    `output_path: str` - "written with `ax.figure.savefig(output_path, dpi=150)`", Outputs "PNG file
    (`feature_importance.png`)"): the example's text for the file, which becomes that key again."""
    files = files_named(step.outputs)
    if len(files) != 1 or not PATH_KEY.search(name) or name not in {p.name for p in step.key_parameters}:
        return None
    return ast.Constant(next(iter(files)))


def _anchor_at(piece: Slice) -> int | None:
    """Where the statement holding the slice's anchor is among its statements."""
    return next((i for i, s in enumerate(piece.statements) if any(n is piece.anchor for n in walk(s))), None)


def _dropping_after(candidate: Candidate, drops: Callable[[ast.stmt, list[ast.stmt]], bool]) -> Slice:
    """The slice without the statements after the one holding its anchor that drops(statement, the statements after
    it) says to leave out."""
    piece = candidate.slice
    statements = piece.statements
    at = _anchor_at(piece)
    if at is None or at == len(statements) - 1:
        return piece
    kept = list(statements[: at + 1])
    kept += [stmt for n, stmt in enumerate(statements) if n > at and not drops(stmt, statements[n + 1 :])]
    return restrict(candidate.tree, piece, kept) if len(kept) < len(statements) else piece


def _without_tryout(candidate: Candidate, step: Step, ctx: BindContext, keys: dict[str, Hint]) -> Slice:
    """The slice without the statements after the step's call that try its result on sample data nothing makes:
    `out = pipeline(img)` after `pipeline = v2.Compose([...])`, where no earlier step, key or earlier statement
    makes `img` and neither the Outputs nor the rest of the slice read `out`. Kept, it asked for `img` as a
    REQUIRED key that TOML cannot hold. So is `pipe.fit(X_train, y_train)` in a step that takes nothing."""
    piece = candidate.slice
    at = _anchor_at(piece)
    if at is None:
        return piece
    resolvable = Resolvable(ctx, keys, candidate.tree)
    # what the slice binds, imports included (not what the example binds elsewhere: `mask = q == first_q` of a
    # frame the step never has, which `order = np.argsort(-scores[mask])` reads)
    made = names([*piece.imports, *piece.definitions, *piece.statements])[1] | set(piece.literals)
    results = names(piece.statements[: at + 1])[1]
    declared = set(declared_outputs(step))

    def drops(stmt: ast.stmt, after: list[ast.stmt]) -> bool:
        free, bound = names([stmt])
        # data, not code: a name called or whose attribute is read (`SFTTrainer(...)`, `X.astype`) may be imported
        code = {n.func.id for n in walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        code |= {n.value.id for n in walk(stmt) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
        unmade = [
            n
            for n in free
            if n not in made and n not in code and n not in BUILTINS and n not in resolvable and n not in keys
        ]
        later = set(names(after)[0])
        tries = isinstance(stmt, ast.Assign) and bool(results & set(free))  # applies what the call made
        # (or uses it on data, where the step's Inputs say it takes none: `pipe.fit(X_train, y_train)` after
        # `pipe = Pipeline([...])`, Inputs "None (estimators are constructed here)", Outputs "Unfitted Pipeline")
        tries = tries or (isinstance(stmt, ast.Expr) and bool(results & set(free)) and _takes_nothing(step))
        return tries and bool(unmade) and not bound & (declared | later)

    return _dropping_after(candidate, drops)


_WRITTEN = re.compile(
    r"\b(?:files?|sav(?:e|ed|es|ing)|writ(?:e|es|ten|ing)|disk|folder|director(?:y|ies)|path)\b|\.\w{2,5}\b", re.I
)


def _without_unasked_writes(candidate: Candidate, step: Step) -> Slice:
    """The slice without the calls after the step's own that save what it made, when the step's Outputs name no
    file: `document = Document("existing.docx")` then `document.save("new-file-name.docx")` on the open page, in a
    workflow that extracts text: the load step wrote a file (and asked for its name) that nothing reads."""
    piece = candidate.slice
    at = _anchor_at(piece)
    if _WRITTEN.search(step.outputs or "") or not step.outputs or at is None:
        return piece
    made = names(piece.statements[: at + 1])[1]

    def drops(stmt: ast.stmt, after: list[ast.stmt]) -> bool:
        call = stmt.value if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) else None
        func = call.func if call is not None else None
        return (
            isinstance(func, ast.Attribute)
            and WRITER.search(func.attr) is not None
            and isinstance(func.value, ast.Name)
            and func.value.id in made
        )

    return _dropping_after(candidate, drops)


def _works(node: ast.AST) -> bool:
    """Whether a node of a slice does work beyond showing values: an assignment, or a call statement other than a
    print (`texts.append(row.text)`)."""
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        return True
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and not is_print(node)


def _takes_nothing(step: Step) -> bool:
    """Whether the step's Inputs say it takes nothing ("None", "N/A", "-", "None (built here)")."""
    return (
        re.match(r"\s*(?:none|n/a|nothing|no inputs?|-|\u2014)(?:\W|$)", step.inputs or "", re.IGNORECASE) is not None
    )


def _without_later_results(candidate: Candidate, step: Step, ctx: BindContext) -> Slice:
    """The slice without the statements after the step's call that make only what a later step's Outputs name as
    its own result, one that step does not take from an earlier step: `expr = x**2 + a*x` after `x, a =
    symbols("x a")`, where step 3 parses `expr` from a file. Kept, the step made the later step's result out of
    sample formulas, and the later step's own example (making `expr`) lost to another as "making again" an
    earlier result."""
    piece = candidate.slice
    later_steps = ctx.workflow.steps[ctx.index + 1 :]
    if not later_steps or _anchor_at(piece) in (None, len(piece.statements) - 1):
        return piece
    # a later step's own result: its Outputs name it before any step reads it (step 5 making the `model` step 4
    # prepares is not), and its Inputs do not quote it
    theirs: set[str] = set()
    read: set[str] = set()
    for number, later in enumerate(later_steps, start=ctx.index + 1):
        theirs |= set(declared_outputs(later)) - set(code_spans(later.inputs or "")) - read
        read |= _reads(ctx, number)
    theirs -= set(declared_outputs(step))

    def drops(stmt: ast.stmt, after: list[ast.stmt]) -> bool:
        bound = names([stmt])[1]
        read_after = set(names(after)[0])
        return bool(bound) and bound <= theirs and not bound & read_after and not isinstance(stmt, (ast.For, ast.With))

    return _dropping_after(candidate, drops)


def _without_unread_parts(candidate: Candidate, step: Step, ctx: BindContext, wanted: set[str]) -> Slice:
    """The slice without the statements after the step's call that only take a part of its result (`T = df["T"]`,
    `n = df.shape`) under a name nothing reads: not the rest of the slice, not a later step, not the step's Outputs.
    A shared page's example (`df = pd.read_csv(path)`, then `T = df["T"]; E = df["E"]`) in a workflow whose data
    has other columns failed on a KeyError for parts no step used."""
    piece = candidate.slice
    at = _anchor_at(piece)
    if at is None:
        return piece
    results = names(piece.statements[: at + 1])[1]
    needed = wanted | set(declared_outputs(step)) | set(code_spans(step.outputs or ""))

    def drops(stmt: ast.stmt, after: list[ast.stmt]) -> bool:
        part = stmt.value if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
        if isinstance(part, ast.Subscript) and literal_source(part.slice) is None:
            return False  # `X = df[features]`: a key's choice, not a fixed part
        whole = part.value if isinstance(part, (ast.Subscript, ast.Attribute)) else None
        unread = not names([stmt])[1] & (needed | set(names(after)[0]))
        return isinstance(whole, ast.Name) and whole.id in results and unread

    return _dropping_after(candidate, drops)


def _without_unasked_repeats(candidate: Candidate, step: Step, api: ApiRef, wanted: set[str]) -> Slice:
    """The slice without the statements after the step's call that call its API again on another file the example
    names, making what nothing asks for: `dtest = xgb.DMatrix("demo/data/agaricus.txt.test")` after `dtrain =
    xgb.DMatrix(...)`, where the Outputs name `dtrain` only and no later step reads `dtest`. Kept, the demo's file
    stayed in the code, with no key to point it elsewhere, and the step failed on the user's machine."""
    piece = candidate.slice
    declared = set(declared_outputs(step))
    if not declared:
        return piece
    needed = wanted | declared | set(code_spans(step.outputs or ""))

    def drops(stmt: ast.stmt, after: list[ast.stmt]) -> bool:
        bound = names([stmt])[1]
        return (
            isinstance(stmt, ast.Assign)
            and bool(bound)
            and not bound & (needed | set(names(after)[0]))
            and contains_api(stmt, api, {})
            and bool(files_written([stmt]))  # (the names of files its texts give: the example's own file)
        )

    return _dropping_after(candidate, drops)


def _handed_values(
    piece: Slice, tree: ast.Module, step: Step, ctx: BindContext, keys: dict[str, Hint]
) -> dict[str, str]:
    """Values the step's Outputs name that the slice does not compute and no earlier step made, which the example
    assigns a literal at its top level (`fs = 500.0`): name -> literal, handed on. Such an assignment in the slice
    becomes a config key, and its name no result, without this."""
    made = {n for s in piece.statements if not _literal_assignment(s) for n in names([s])[1]}
    wanted = [n for n in declared_outputs(step) if n not in made and not ctx.has(n)]
    found: dict[str, str] = {}
    for stmt in tree.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        name = stmt.targets[0].id
        literal = literal_source(stmt.value)
        if name in wanted and literal is not None and not empty_container(stmt.value):
            found.setdefault(name, (keys[name].default if name in keys else None) or literal)
    return found


def _from_siblings(candidate: Candidate, ctx: BindContext, keys: dict[str, Hint]) -> Slice:
    """The slice, with what another example of the step's page makes for it: the examples of one page are pieces of
    one program (`json.dump(report, f)` in one, `report = {"dominant_frequency_hz": dominant_freq, ...}` in the
    other). Only an assignment that puts earlier steps' results together (with key parameters at most) comes
    along; without it the name became a config key no one can fill."""
    piece = candidate.slice
    resolvable = Resolvable(ctx, keys, candidate.tree)
    wanted = [n for n in piece.free if n not in resolvable and n not in piece.literals]
    added: list[ast.stmt] = []
    for name in wanted:
        for example in ctx.examples[ctx.index]:
            if example.tree is candidate.tree:
                continue
            found = next(
                (
                    stmt
                    for stmt in example.tree.body
                    if isinstance(stmt, ast.Assign)
                    and [t.id for t in stmt.targets if isinstance(t, ast.Name)] == [name]
                    and _wires_results(names([stmt])[0], ctx, keys)
                ),
                None,
            )
            if found is not None:
                added.append(found)
                break
    if not added:
        return piece
    return restrict(candidate.tree, piece, [*added, *piece.statements])


def _wires_results(free: list[str], ctx: BindContext, keys: dict[str, Hint]) -> bool:
    """Whether a statement reading these names puts earlier results together (and nothing else but key parameters):
    not sample data (`messages = [{"role": "user", ...}]` reads nothing)."""
    return any(ctx.has(n) for n in free) and all(ctx.has(n) or n in keys for n in free)


def _literal_assignment(stmt: ast.stmt) -> bool:
    """`fs = 500.0`: a setting; an empty container (`powers = {}`, filled below) is not one."""
    return isinstance(stmt, ast.Assign) and literal_source(stmt.value) is not None and not empty_container(stmt.value)


def _set_up_reads(ctx: BindContext, index: int) -> set[str]:
    """Names later steps' slices read once their example's setup comes along (`model = sm.OLS(y, X)` before
    `results = model.fit()` reads y and X), the setup taken as far as the example goes; not a name a step between
    says it makes (`writer` - PdfWriter holding the pages, in step 4's Outputs, read by step 6's `writer.write`:
    step 3's example making a writer for its loop is not where step 6's comes from)."""
    cache = ctx.set_up_reads
    read: set[str] = set()
    claimed: set[str] = set()
    for later in range(index + 1, len(ctx.apis)):
        if later not in cache:
            cache[later] = frozenset(n for c in candidates(ctx, later) for n in with_setup(c.tree, c.slice, ()).free)
        read |= cache[later] - claimed
        claimed.update(named_outputs(ctx.workflow.steps[later]))
    return read


def _with_demanded(
    candidate: Candidate, ctx: BindContext, keys: dict[str, Hint], wanted: Callable[[], set[str]]
) -> Slice:
    """The slice, with the example's other assignments of names a later step reads and no step makes, from what
    this step has (`y = df["y"]` beside `X = sm.add_constant(df[["x1", "x2"]])`, with `sm.OLS(y, X)` next): the
    second result is made here, not asked for as a config key TOML cannot hold. wanted: what later steps read,
    asked for only when the example has such an assignment."""
    piece, tree = candidate.slice, candidate.tree
    first = min(s.lineno for s in piece.statements)
    last = piece.anchor.end_lineno or piece.anchor.lineno
    others = [
        s
        for s in tree.body
        if (s.lineno < first or s.lineno > last)
        and not any(s is kept for kept in piece.statements)
        and isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and not ctx.has(s.targets[0].id)
    ]
    if not others:
        return piece
    read = wanted()
    resolvable = Resolvable(ctx, keys, tree)
    added: list[ast.stmt] = []
    for stmt in others:
        target = stmt.targets[0]
        if not isinstance(target, ast.Name) or target.id not in read:
            continue
        free, _ = names([stmt])
        # after the slice (`props = [f["properties"] for f in fc["features"]]` beside the geometries): from what the
        # slice makes too
        if stmt.lineno < first and all(n in resolvable for n in free):
            added.append(stmt)
        elif stmt.lineno > last and set(free) & piece.bound and _plain_after(stmt):
            between = _changes_between(tree, piece, stmt, resolvable)
            if between is not None:
                added += [s for s in [*between, stmt] if not any(s is a for a in added)]
    if not added:
        return piece
    return restrict(tree, piece, sorted([*added, *piece.statements], key=lambda s: s.lineno))


def _changes_between(tree: ast.Module, piece: Slice, stmt: ast.stmt, resolvable: Resolvable) -> list[ast.stmt] | None:
    """The example's statements between the slice and a later assignment that call on what that assignment reads of
    the slice (`extractor.detect(signal2)` before `points2 = extractor.points`): they change what it reads, and
    come with it when they only call (no assignment) on what the slice or an earlier step has. None when such a
    statement does more: then the assignment, read without them, would be another value."""
    used = set(names([stmt])[0]) & piece.bound
    last = piece.anchor.end_lineno or piece.anchor.lineno
    between = [
        s
        for s in tree.body
        if last < s.lineno < stmt.lineno
        and not any(s is kept for kept in piece.statements)
        and set(names([s])[0]) & used
    ]
    for s in between:
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)):
            return None
        if not all(n in piece.bound or n in resolvable for n in names([s])[0]):
            return None
    return between


def _plain_after(stmt: ast.stmt) -> bool:
    """Whether a statement after the slice is plain code on the items of what the slice made (`props =
    [f.get("properties", {}) for f in fc["features"]]`): it calls builtins, and methods of its own loop variables
    only; never a method of an object (`lines.map(json.loads)`, `dataset.map(...)`: a later step's work) nor what
    the example imports."""
    own = {
        n.id
        for node in walk(stmt)
        if isinstance(node, (ast.comprehension, ast.For))
        for n in walk(node.target)
        if isinstance(n, ast.Name)
    }
    for node in walk(stmt):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in BUILTINS:
            continue
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in own:
            continue
        return False
    return True


_CITED_CALL = re.compile(r"`(?:[A-Za-z_][\w.]*\.)?([A-Za-z_]\w*)\s*(?:\(|`)")


def cited_calls(step: Step) -> frozenset[str]:
    """The functions and methods the step's own text (and its Steps Overview row) cites in code spans
    (`nx.set_node_attributes`, `model.resize_token_embeddings(...)`), by their last name."""
    cited = _CITED_CALL.findall(" ".join((step.description, step.inputs, step.outputs)))
    # (the row's code is statements: every call in them, `air_quality = air_quality.rename(...)`'s rename too)
    cited += [m for span in code_spans(step.overview_api) for m in re.findall(r"([A-Za-z_]\w*)\s*\(", span)]
    return frozenset(cited)


def _declared_name(draft: Draft, step: Step, ctx: BindContext, wanted: set[str]) -> None:
    """The anchor's result takes the name the step's Outputs declare when a later step asks for that name and not
    for the example's own (`quantizer = ...` becomes `hf_quantizer = ...`), in its example or in its Inputs. With a
    method the API cell calls on the API's result (`ImageEnhance.Contrast(image).enhance(factor) -> Image`), the
    result is that method's (`im_contrast = enhancer.enhance(1.2)`), not the enhancer's."""
    anchor = _chained_result(draft) or draft.anchor
    if not isinstance(anchor, ast.Assign) or len(anchor.targets) != 1 or not isinstance(anchor.targets[0], ast.Name):
        return
    local = anchor.targets[0].id
    declared = output_names(step, draft.api, ctx)
    if len(declared) == 1:
        local = _made_as_described(draft, anchor, declared[0], step) or local
    if len(declared) != 1 or local in declared or _replaces_cited(declared, step, ctx):
        # (of several, one name for the one result would hide the others missing: lightgbm's `X`, `y` of a frame
        # once named `y`, its step 2 then a stub asking for `X`)
        return
    # (nor a name for a type the Outputs give, where the API returns another class: "List of RDKit `Mol` objects"
    # of `suppl = Chem.SmilesMolSupplier(...) -> SmilesMolSupplier`, whose list `mols` the example makes after)
    returned = draft.api.returns.strip().rsplit(".", 1)[-1] if draft.api is not None else ""
    if (
        draft.api is not None
        and not named_outputs(step)
        and re.fullmatch(r"[A-Z]\w*", returned)
        and declared[0] not in returned_names(draft.api, ctx)
    ):
        return
    # a later step's Inputs citing "`scraped` from Step 1" ask for that name, whatever later examples call it
    if not ctx.cited_later(declared[0]) and (local in wanted or declared[0] not in wanted):
        return
    if any(isinstance(n, ast.Name) and n.id == declared[0] for s in draft.statements for n in walk(s)):
        return
    for stmt in draft.statements:
        for node in walk(stmt):
            if isinstance(node, ast.Name) and node.id == local:
                node.id = declared[0]


def _declared_counterpart(draft: Draft, step: Step, ctx: BindContext) -> None:
    """Of several results the Outputs name, the one the example makes under another name takes the declared one:
    Outputs "`train_pool`, `test_pool`" of an example making `train_pool = Pool(X_train, ...)` and `eval_pool =
    Pool(X_test, ...)`, where later steps' Inputs quote `test_pool` (which became a config key no TOML could hold).
    Only where one declared name is unmade and one result of the step's API is undeclared, no later Inputs citing
    it (a later example may read `eval_pool`: its own name for it)."""
    declared = output_names(step, draft.api, ctx)
    if len(declared) < 2 or draft.api is None:
        return
    made = [name for name, value in single_assignments(draft.statements) if contains_api(value, draft.api, {})]
    bound = {n.id for s in draft.statements for n in walk(s) if isinstance(n, ast.Name)}
    unmade = [d for d in declared if d not in bound]
    other = [m for m in made if m not in declared]
    if len(unmade) != 1 or len(other) != 1 or not any(d in made for d in declared):
        return
    # (a later example's own `eval_pool` may be wanted: not where later steps' Inputs quote the declared name only)
    quoted = {n for later in ctx.workflow.steps[ctx.index + 1 :] for n in code_spans(later.inputs or "")}
    if ctx.cited_later(other[0]) or other[0] in quoted or unmade[0] not in quoted | set(ctx.cited_from_here()):
        return
    rename(draft.statements, other[0], unmade[0])


def _own_name(draft: Draft, step: Step, ctx: BindContext) -> None:
    """The anchor's result under the name an earlier step's result has, made afresh (not read): two steps on one
    page (`orders = dd.read_parquet(...)` for the fact table, then for the dimension table) would hand on one
    name, the second replacing the first, and the join would merge a table with itself. It takes the name a
    later step's example makes by this step's API and no step has made yet (`customers = dd.read_parquet(...)`
    beside `orders = ...` before the merge): when several, the one this step's text names. First, though, the one
    name later steps' Inputs cite as this step's result ("`ds` from Step 1 and `mask` from Step 2")."""
    anchor, api = draft.anchor, ctx.api
    if api is None or not isinstance(anchor, ast.Assign) or len(anchor.targets) != 1:
        return
    target = anchor.targets[0]
    if not isinstance(target, ast.Name) or not ctx.has(target.id) or target.id in free_names(draft):
        return
    bound = {n.id for s in draft.statements for n in walk(s) if isinstance(n, ast.Name)}
    # (a value's name: "`List[Encoding]` from Step 4" names the result's type, no name for it)
    cited = [n for n in ctx.cited_from_here() if not ctx.has(n) and n not in bound and value_name(n)]
    if len(cited) == 1:  # "`ds` from Step 1 and `mask` from Step 2": step 2 opens the mask, not another `ds`
        rename(draft.statements, target.id, cited[0])
        return
    earlier = ctx.apis[ctx.artifacts[target.id].step - 1] if ctx.artifacts[target.id].step >= 1 else None
    if earlier is None or earlier.callee != api.callee:
        return  # made by another call: not the same page's example made twice
    made_later = {
        name
        for examples in ctx.examples[ctx.index + 1 :]
        for example in examples
        for name, value in single_assignments(walk(example.tree))
        if contains_api(value, api, {})
    }
    named = sorted(n for n in made_later if not ctx.has(n) and n not in bound)
    if len(named) > 1:
        text = " ".join((step.inputs or "", step.outputs or "", step.title, step.description))
        named = [n for n in named if re.search(rf"\b{re.escape(n)}\b", text)]
    if len(named) == 1:
        rename(draft.statements, target.id, named[0])


def _made_as_described(draft: Draft, anchor: ast.Assign, name: str, step: Step) -> str | None:
    """The name of the one result the statements make by the class the Outputs give the declared name (`loader =
    DataLoader(dataset, ...)` for "`train_loader: DataLoader`"), where the anchor makes another (`dataset =
    ImageDataset(...)`, the step's API, wrapped in the loader): that result takes the declared name, not the
    anchor's (timm: the dataset named `train_loader`, the training loop got single images). None otherwise."""
    kind = described_type(step.outputs or "", name)
    if not kind[:1].isupper() or not isinstance(anchor.value, ast.Call) or called(anchor.value.func) == kind:
        return None
    made = [
        name
        for name, value in single_assignments(draft.statements)
        if isinstance(value, ast.Call) and called(value.func) == kind
    ]
    return made[0] if len(made) == 1 else None


def _complete_call(
    draft: Draft,
    step: Step,
    keys: dict[str, Hint],
    examples: tuple[ast.Module, ...] = (),
    modules: Collection[str] = (),
) -> None:
    """Pass the inputs the wiki documents for the API (key parameters, I/O contract) that the example leaves
    out, so config can set them: `pipeline(task)` gets `model=model`. Only parameters the signature declares
    are added, with the signature's own default when it has one; by position when it is the call's next one and
    another example of the page passes it so (`faiss.read_index(fname, io_flags)`: a SWIG function takes no
    keywords, and `io_flags=io_flags` failed whatever config said)."""
    call = anchor_call(draft)
    api = draft.api
    if call is None or api is None or step.implementation is None:
        return
    declared = [p for p in signature_params(step, api, all_params=True) if p.name not in ("self", "cls")]
    if not declared:
        # `Tokenizer(WordPiece(unk_token="[UNK]"))` for `Tokenizer(models.WordPiece(...))`, the page's signature
        # WordPiece's constructor: the documented parameters go to the call of that class inside the API's call
        inner = _inner_constructor(call, step.implementation.signature)
        if inner is None:
            return
        call, declared = inner
    rows = {r.name.strip("`* "): r for r in step.implementation.inputs}
    documented = set(keys) | set(rows)
    # (an API cell written as a call, `closing(image, footprint=...)`, says nothing of keyword-only: the example's
    # second positional argument is the footprint)
    # (`districts.sjoin(stations)` for `sjoin(left_df, right_df)`: the object before the dot passes left_df)
    positional = [
        p
        for p in declared[: draft.on_first + len(call.args)]
        if p.kind in BY_POSITION or (api.from_call and p.kind is ParamKind.KEYWORD)
    ]
    passed = {k.arg for k in call.keywords} | {p.name for p in positional}
    if any(k.arg is None for k in call.keywords):
        return  # `**kwargs` passed: the example hands on more than its text shows
    # what the call makes is not an input of it: `S = melspectrogram(y=y, sr=sr)` is not passed `S=S` (the
    # contract lists the spectrogram it may take instead of `y`)
    made = names([draft.anchor])[1] if draft.anchor is not None else set()
    # `loc: str` - "legend position", with `ax.legend(loc="upper left")` beside the anchor `ax.set_xlabel(...)`,
    # which takes a `loc` too: the key is the legend's
    elsewhere = {
        (keyword.arg, called(node.func))
        for stmt in draft.statements
        for node in walk(stmt)
        if isinstance(node, ast.Call) and node is not call
        for keyword in node.keywords
    }
    fed = _fed_by_loop(draft.statements, made)
    # `pandas.DataFrame(props).to_csv(path_or_buf, index: bool = True)`: `index` is the chained method's, not the
    # constructor's (whose own `index` takes row labels)
    chained = {p.name for p in api.then_params} if api.then else set()
    # the keywords the call hands to the API's `**kwargs` (`rolling(time=3)` for `rolling(dim=None, ...,
    # **window_kwargs)`): a mapping parameter whose documented value holds one of them (`dim: dict` - e.g.
    # `{"time": 3}`) is the same setting written the other way; passing both fails ("cannot specify both")
    forwarded = {k.arg for k in call.keywords if k.arg} - {p.name for p in declared}
    for param in declared:
        hint = keys.get(param.name)
        if param.name in chained:
            continue
        row = rows.get(param.name)
        if param.name not in keys and row is not None and _conditional_on(row.description, passed - {param.name}):
            continue
        written = literal_value(hint.default) if hint is not None and hint.default else None
        if isinstance(written, dict) and forwarded & {k for k in written if isinstance(k, str)}:
            continue
        words = set(re.findall(r"[a-z_]+", hint.doc.lower())) if hint is not None else set()
        if any(arg == param.name and method in words for arg, method in elsewhere) or param.name in fed:
            continue
        if (
            param.name in documented
            and param.name not in passed
            and param.name not in made
            and param.kind in (ParamKind.NORMAL, ParamKind.KEYWORD)
            and param.name.isidentifier()
            and not param.built  # (a config key cannot hold the object: the example uses the default)
        ):
            value = ast.Name(id=param.name, ctx=ast.Load())
            slot = draft.on_first + len(call.args)
            if (
                declared.index(param) == slot
                and param.kind is ParamKind.NORMAL
                and merge_hints(hint, Hint(default=param.default)).default not in (None, "None")
                and _passed_by_position(examples, api, slot, modules)
            ):
                call.args.append(value)
            else:
                call.keywords.append(ast.keyword(arg=param.name, value=value))
            if param.name in BUILTINS:  # `format=format`: the config key, not Python's format()
                draft.shadowing.append(param.name)
            draft.hints.setdefault(
                param.name, merge_hints(keys.get(param.name), Hint(param.annotation, param.default, "", param.optional))
            )
            # a None default the example never passes is unset: the call goes without it until config sets it (a
            # library's native code may take None for "no value" nowhere: `BpeTrainer(limit_alphabet=None)`)
            draft.unpassed.append(param.name)


_SCHEMA_WORDS = re.compile(r"\b(?:columns?|features?|fields?)\b", re.I)


def _foreign_columns(draft: Draft, step: Step, ctx: BindContext, keys: dict[str, Hint]) -> None:
    """An optional argument naming columns (`cat_features=["city", "device"]`, "Categorical column indices or
    names") that nothing of the workflow names, on a page other workflows share, is another data set's: unset, so
    the library's default applies and config may name this data's columns ("'city' is not in list" on a data set
    with no such column). Not a parameter the step's Key Parameters document, nor columns the workflow's text or
    its other steps' pages name."""
    api, anchor = draft.api, anchor_call(draft)
    if api is None or step.implementation is None or anchor is None:
        return
    declared = {p.name: p for p in signature_params(step, api, all_params=True)}
    rows = {r.name.strip("`* "): r.description for r in step.implementation.inputs}
    optional = {
        r.name.strip("`* ") for r in step.implementation.inputs if r.required.strip().lower() in ("no", "false")
    }
    text = ""
    # (each call of the API: `train_pool = Pool(...)` and `test_pool = Pool(...)` name the same columns)
    calls = [n for s in draft.statements for n in walk(s) if isinstance(n, ast.Call) and contains_api(n, api, {})]
    for passed in [k for call in calls if called(call.func) == called(anchor.func) for k in call.keywords]:
        param = declared.get(passed.arg or "")
        if param is None or not (param.optional or param.name in optional) or param.name in keys:
            continue
        try:
            value = ast.literal_eval(passed.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        if not (isinstance(value, list) and value and all(isinstance(v, str) and v.isidentifier() for v in value)):
            continue
        if not _SCHEMA_WORDS.search(rows.get(param.name, "")):
            continue
        text = text or _workflow_text(ctx, step)
        if any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text) for v in value):
            continue
        # (nor columns the example's own code reads: `remove_columns=["text"]` beside `examples["text"]`)
        if set(value) & _strings_outside(draft, param.name):
            continue
        passed.value = ast.Name(id=param.name, ctx=ast.Load())
        draft.hints[param.name] = Hint(
            param.annotation, param.default if param.optional else None, rows[param.name], True
        )
        draft.unpassed.append(param.name)


def _strings_outside(draft: Draft, name: str) -> set[str]:
    """The text constants of the draft's code outside the values passed as keyword `name`."""
    inside = {
        id(n)
        for s in [*draft.statements, *draft.definitions]
        for k in walk(s)
        if isinstance(k, ast.keyword) and k.arg == name
        for n in walk(k.value)
    }
    return {
        n.value
        for s in [*draft.statements, *draft.definitions]
        for n in walk(s)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in inside
    }


def _workflow_text(ctx: BindContext, step: Step) -> str:
    """What the workflow says outside the step's own page: its prose and tables, and its other steps' pages."""
    workflow = ctx.workflow
    parts = [workflow.overview, workflow.description, workflow.usage]
    for other in workflow.steps:
        parts += [other.description, other.inputs, other.outputs, other.key_parameters_text, other.api_call]
        parts += other.code_blocks
        if other.implementation is not None and other.implementation_name != step.implementation_name:
            parts += other.implementation.examples
    return "\n".join(parts)


_CONDITION = re.compile(r"\b(omit\w*\s+)?(when|if|unless)\b((?:\W+\w+){1,5})", re.I)
_NEGATION = frozenset({"not", "t", "no", "none", "without", "missing", "absent", "unset"})  # (`isn't` -> isn, t)


def _conditional_on(description: str, passed: set[str | None]) -> bool:
    """Whether an I/O contract row's text makes the input the other form of a parameter the call passes: `y` -
    "Labels when X is not a Pool", "omit if X is a labelled Pool", `shape` - "required if data isn't provided". The
    example that passes X without y is the form the page chose; the contract's other form is not added to it
    (`fit(train_pool, y=y)` fails: "y should have the None type when X has catboost.Pool type"). An input that
    applies along with the other ("examples per batch when batched=True") is not one."""
    for clause in _CONDITION.finditer(description[:500]):
        words = re.findall(r"\w+", clause.group(3))
        negative = clause.group(1) or clause.group(2).lower() == "unless" or _NEGATION & {w.lower() for w in words}
        if negative and any(word in passed for word in words):
            return True
    return False


def _passed_by_position(examples: tuple[ast.Module, ...], api: ApiRef, slot: int, modules: Collection[str]) -> bool:
    """Whether an example calls the API with an argument by position in the parameter's slot (`faiss.read_index(
    "populated.index", faiss.IO_FLAG_MMAP)` for slot 1), counting the object before the dot of a module's function
    written as a method (`ddf.to_parquet(path)` fills slot 0: its second argument would be slot 2, not 1)."""
    for tree in examples:
        for node in walk(tree):
            if not (
                isinstance(node, ast.Call)
                and called(node.func) == api.last  # (the API's own call, not one around it: `print(x, read_index(p))`)
                and contains_api(node, api, {})
            ):
                continue
            index = slot - called_on_first(api, node, modules)
            given = node.args[: index + 1]
            # (nor a `...` of the page's sketch, `df.to_parquet("/path/to/output/", ...)`: no argument)
            if 0 <= index < len(node.args) and not any(isinstance(a, ast.Starred) or _ellipsis(a) for a in given):
                return True
    return False


def _ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _fed_by_loop(statements: list[ast.stmt], made: set[str]) -> set[str]:
    """The names the statements loop over to hand each item to what the call made: `for doc in docs:
    doc_bin.add(doc)` after `doc_bin = DocBin(attrs=...)` gives `docs`, which the call is not also passed (`DocBin(...,
    docs=docs)` would store every doc twice)."""
    owners = {(name,) for name in made}
    return {
        node.iter.id
        for stmt in statements
        for node in walk(stmt)
        if isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.iter, ast.Name)
        if any(
            isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and dotted(inner.func)[:1] in owners
            for body in node.body
            for inner in walk(body)
        )
    }


def _inner_constructor(call: ast.Call, signature: str) -> tuple[ast.Call, list[ApiParam]] | None:
    """(the call inside call of the class whose constructor the signature block declares, its parameters)."""
    classes = declared_classes(signature)
    for node in [*call.args, *(k.value for k in call.keywords)]:
        callee = dotted(node.func) if isinstance(node, ast.Call) else ()
        if isinstance(node, ast.Call) and callee and callee[-1] in classes:
            params = signature_block_params(signature, "__init__")
            if params:
                return node, [p for p in params if p.name not in ("self", "cls")]
    return None


def _chained_result(draft: Draft) -> ast.stmt | None:
    """The statement assigning the result of the method the API cell chains, when it is another than the anchor."""
    found = chained_call(draft)
    return found[0] if found is not None and found[0] is not draft.anchor else None


def _complete_chained(draft: Draft, keys: dict[str, Hint]) -> None:
    """`smf.ols(formula, data=df).fit()` where the API cell writes `.fit(method: str = "pinv", cov_type: str =
    "nonrobust")` and the Key Parameters document `cov_type`: the method called on the API's result (chained, or
    on the name its result was given) is passed the documented parameters its text declares and the example leaves
    out, as _complete_call passes the API's own."""
    call, api, found = anchor_call(draft), draft.api, chained_call(draft)
    if call is None or api is None or not api.then_params or found is None:
        return
    chained = found[1]
    if any(k.arg is None for k in chained.keywords):
        return
    positional = api.then_params[: len(chained.args)]
    passed = {k.arg for k in chained.keywords} | {p.name for p in positional} | {k.arg for k in call.keywords}
    for at, param in enumerate(positional):  # `enhancer.enhance(1.2)` with `factor` documented: a key, 1.2 its default
        value = literal_source(chained.args[at])
        if param.name in keys and value is not None and param.name.isidentifier() and param.name not in BUILTINS:
            chained.args[at] = ast.Name(id=param.name, ctx=ast.Load())
            draft.hints.setdefault(param.name, merge_hints(keys[param.name], Hint(param.annotation, value, "", True)))
    for param in api.then_params:
        if param.name in keys and param.name not in passed and param.kind in (ParamKind.NORMAL, ParamKind.KEYWORD):
            if not param.name.isidentifier() or param.name in BUILTINS or param.built:
                continue
            chained.keywords.append(ast.keyword(arg=param.name, value=ast.Name(id=param.name, ctx=ast.Load())))
            draft.hints.setdefault(
                param.name, merge_hints(keys.get(param.name), Hint(param.annotation, param.default, "", param.optional))
            )
            draft.unpassed.append(param.name)


def _shown(tree: ast.Module, anchor: ast.stmt) -> bool:
    """Whether the anchor is a call the example prints (`print(shapely.simplify(line, tolerance=0.1))`): a call
    made for the value it gives."""
    return any(
        is_print(stmt) and (stmt.lineno, stmt.col_offset) == (anchor.lineno, anchor.col_offset)
        for stmt in walk(tree)
        if isinstance(stmt, ast.Expr)
    )


def _called_by(value: ast.expr, api: ApiRef) -> bool:
    """Whether an expression statement's value is the API's use whose result it drops: a call, or the subscript or
    operator an item or operator API is used by (`dset[0:100:10]` for `Dataset.__getitem__`)."""
    if isinstance(value, ast.Call):
        return True
    if isinstance(value, ast.Subscript):
        return api.item_context is ast.Load
    return isinstance(value, (ast.BinOp, ast.UnaryOp)) and api.binop is not None


def _keep_cited_result(draft: Draft, step: Step, ctx: BindContext) -> bool:
    """`con.execute(query, [400])` then `con.fetchall()`, the API cell citing `DuckDBPyConnection.fetchall() ->
    list[tuple]` after the API: the last statement, a call of another API the cell cites that gives a result, gives
    the step's result (under the Outputs' name), not the API's call before it (the connection again)."""
    last = draft.statements[-1] if draft.statements else None
    if last is draft.anchor or not isinstance(last, ast.Expr) or not isinstance(last.value, ast.Call):
        return False
    cited = [a for a in ctx.supporting(ctx.index) if _gives_result(a) and contains_api(last, a, {})]
    if len(cited) != 1:
        return False
    names = _result_names(step, cited[0], ctx)
    if len(names) != 1 or names[0] in {n for stmt in draft.statements for n in produced_names([stmt])}:
        return False
    swap(
        draft.statements,
        last,
        ast.Assign(targets=[ast.Name(names[0], ast.Store())], value=last.value, lineno=last.lineno),
    )
    return True


def _gives_result(api: ApiRef) -> bool:
    """Whether the API text declares a result (`-> list[tuple]`; not `-> None`)."""
    return api.returns.strip() not in ("", "None", "none")


def _result_names(step: Step, api: ApiRef, ctx: BindContext) -> list[str]:
    """The names a call's kept result goes by: the step's output names, else its declared types' artifact names."""
    return output_names(step, api, ctx) or [
        n for n in (artifact_name(ctx.tables, t) for t in split_types(api.returns)) if n
    ]


def _one_value(api: ApiRef) -> bool:
    """Whether an API declares one value as its result (`-> float`, `-> numpy.ndarray`), not several (`-> (D, I)`,
    `-> Tuple[A, B]`) nor nothing said."""
    returns = api.returns.strip()
    outer = re.sub(r"\[[^\[\]]*\]", "", returns)  # (`Union[A, B]` is one value; `A, B` two)
    return (
        bool(returns)
        and len(split_types(returns)) == 1
        and not re.match(r"[(\[]|tuple\b", returns, re.I)
        and ("," not in outer)
    )


def _replaces_cited(names: list[str], step: Step, ctx: BindContext) -> bool:
    """Whether a result named for its type (`expr` of `diff(f, x) -> Expr`) would take the name of an earlier step's
    result that a later step still takes ("Expression from Step 2", after step 3's derivative): kept under that name,
    the derivative replaced the parsed expression, and step 4 integrated the page's demo instead. A name the
    step's Outputs give is the step's to take."""
    if len(names) != 1 or not ctx.has(names[0]) or names[0] in named_outputs(step):
        return False
    made_by = ctx.artifacts[names[0]].step
    return any(made_by in from_steps(later.inputs or "") for later in ctx.workflow.steps[ctx.index + 1 :])


def _keep_result(draft: Draft, step: Step, ctx: BindContext, shown: bool = False) -> None:
    """An example that calls the API for its effect drops a result the API declares (`trainer.train()` returns
    a TrainOutput with the loss), or one it prints: keep it under the step's output name."""
    anchor, api = draft.anchor, draft.api
    if not isinstance(anchor, ast.Expr) or api is None or not _called_by(anchor.value, api):
        return
    if _keep_cited_result(draft, step, ctx):
        return
    if not (_gives_result(api) or shown) or (stored_only(step) and not shown):
        return
    names = _result_names(step, api, ctx)
    # never a name the step's other statements make (`y_pred = pipeline.predict(X_test)` before the report)
    made = {n for stmt in draft.statements if stmt is not anchor for n in produced_names([stmt])}
    # nor what the call reads: `model.load_state_dict(state)` changes model; its result (the keys it matched)
    # is not the model, which the step hands on as it is
    # (unless the API says it gives that kind of object back: `model.train() -> PeftModel` returns the model); the
    # changed object, named in the Outputs, is handed on by wire()
    made |= {n.id for n in walk(anchor.value) if isinstance(n, ast.Name)} - returned_names(api, ctx)
    if made & set(names):
        names = [n for n in names if n not in made] if len(names) == 1 else []  # a tuple's names all, or none
    if len(names) > 1 and _one_value(api):  # `knn_intersection_measure(I, gt) -> float`, where the Outputs name
        # `recall_at_1` and `intersection`: the one the call's name says, never a tuple of one value
        names = [n for n in names if n.lower() in api.last.lower().split("_")]
        names = names if len(names) == 1 else []
    if not names or _replaces_cited(names, step, ctx):  # `-> str | dict`: a result the API declares, kept under
        # the call's name
        names = [f"{identifier(api.last.strip('_'), 'call')}_result"]
    target = (
        ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())
        if len(names) > 1
        else ast.Name(names[0], ast.Store())
    )
    replacement = ast.Assign(targets=[target], value=anchor.value, lineno=anchor.lineno)
    swap(draft.statements, anchor, replacement)
    draft.anchor = replacement
