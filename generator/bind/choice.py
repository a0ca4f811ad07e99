"""Which usage example a step is bound from: each candidate slice scored, most important first (see score), and
what a step can get without an example's setup (Resolvable)."""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache

from generator.apitext import BY_POSITION, ApiRef, ParamKind, called, dotted, literal_source, literal_value
from generator.astwalk import walk
from generator.bind.context import Artifact, BindContext, Candidate
from generator.bind.hints import Hint, abbreviated
from generator.bind.imports import bound_by, module_names, wiki_imports
from generator.bind.outputs import collects, declared_outputs
from generator.bind.signature import called_on_first, signature_params
from generator.model import Step
from generator.parse.params import default_in_text
from generator.pysource import parse_expression
from generator.slicing import Slice, contains_api, empty_container, from_tests, holder_index, names, shows_value


def _stored(ctx: BindContext, tree: ast.Module) -> frozenset[str]:
    """Names an example assigns, found once per example for the workflow (the examples live as long as ctx)."""
    found = ctx.stored.get(id(tree))
    if found is None:
        found = frozenset(t.id for t in walk(tree) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store))
        ctx.stored[id(tree)] = found
    return found


_VALUE_TYPE = re.compile(r"(?:Optional\[)?(?:str|int|float|bool|(?:os\.|pathlib\.)?(?:Path|PathLike))\b")


def _built(ctx: BindContext, tree: ast.Module) -> frozenset[str]:
    """Names an example's top-level statements assign from a call (`state_dict = torch.load(path)`), put together
    from calls (`metrics = {"accuracy": accuracy_score(y_test, y_pred)}`) or start empty for something to fill
    (`eval_result = {}`), found once per example for the workflow, as _stored."""
    found = ctx.built.get(id(tree))
    if found is None:
        found = frozenset(
            name.id
            for stmt in tree.body
            if isinstance(stmt, ast.Assign)
            and (isinstance(stmt.value, ast.Call) or empty_container(stmt.value) or _of_calls(stmt.value))
            for target in stmt.targets
            # (`fig, ax = plt.subplots()` builds ax too: an Axes documented as a key is no value to write in config)
            for name in (
                target.elts if isinstance(target, ast.Tuple) and isinstance(stmt.value, ast.Call) else [target]
            )
            if isinstance(name, ast.Name)
        )
        ctx.built[id(tree)] = found
    return found


def _paths(tree: ast.Module) -> frozenset[str]:
    """Names an example's top-level statements make a Path of a text written out (`p = Path("data/x.html")`)."""
    return frozenset(
        target.id
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and called(stmt.value.func) in ("Path", "PurePath")
        and len(stmt.value.args) == 1
        and isinstance(stmt.value.args[0], ast.Constant)
        and isinstance(stmt.value.args[0].value, str)
        for target in stmt.targets
        if isinstance(target, ast.Name)
    )


def _of_calls(value: ast.expr) -> bool:
    """Whether a dict, list or tuple display holds what calls compute (`{"accuracy": accuracy_score(y, p)}`)."""
    return isinstance(value, (ast.Dict, ast.List, ast.Tuple)) and any(isinstance(n, ast.Call) for n in walk(value))


def _setting(literal: str) -> bool:
    """Whether a literal is a setting (a number, a flag: `order = 4` passed as N), not sample data (an HTML page)."""
    return isinstance(literal_value(literal), (int, float, bool))


def _own_versions(ctx: BindContext, tree: ast.Module) -> frozenset[str]:
    """Names an example's top-level statements make as its own, even where an earlier step's result has the same
    name: a path it writes (`out = Path("results/summary.json")`, not step 6's `out`), or its own version of the
    data, a method called on what a call returns (`customers = pl.read_csv(path).rename(...)`: the call inside is
    reused, the rename stays), unless made of itself. Found once per example for the workflow, as _stored."""
    found = ctx.own.get(id(tree))
    if found is None:
        found = ctx.own[id(tree)] = frozenset(
            target.id
            for stmt in tree.body
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and _own_version(stmt.value)
            for target in stmt.targets
            # (not `df = df.set_index("order_date").sort_index()`: the earlier result updated, read as it is)
            if isinstance(target, ast.Name)
            and not any(isinstance(n, ast.Name) and n.id == target.id for n in walk(stmt.value))
        )
    return found


def fresh(ctx: BindContext, tree: ast.Module) -> frozenset[str]:
    """Names an example makes afresh where an earlier step's result has the same name that the step's Inputs, citing
    others, leave out: `fig, ax = plt.subplots()` in the violin step, after the histogram step drew on its `ax`, with
    "`df` from Step 1" in the Inputs, which the example reads by those names. Made at top level by a call of
    literals and modules only that is no step's API (its work done again is that step's: `tempo, beats =
    beat_track(y=y, sr=sr)`)."""
    key = (ctx.index, id(tree))  # found once per step and example (a Resolvable is made for every candidate)
    if key not in ctx.fresh:
        ctx.fresh[key] = _fresh(ctx, tree)
    return ctx.fresh[key]


def _fresh(ctx: BindContext, tree: ast.Module) -> frozenset[str]:
    cited = set(ctx.cited_by_inputs())
    if not cited or not cited <= set(names(tree.body)[0]):
        return frozenset()  # (an Input the example does not read by its name: what it makes may stand for it, as
        # `G = nx.karate_club_graph()` for "`G_lcc` from Step 2")
    known = _imported(ctx) | set(ctx.tables.modules)
    found: set[str] = set()
    for stmt in tree.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Call)):
            continue
        targets = [t for t in walk(stmt.targets[0]) if isinstance(t, ast.Name)]
        if (
            targets
            and all(ctx.has(t.id) and t.id not in cited for t in targets)
            and all(n in known for n in names([stmt])[0])
            and not any(a is not None and a.item_context is None and contains_api(stmt, a, {}) for a in ctx.apis)
        ):
            found |= {t.id for t in targets}
    return frozenset(found)


def _own_version(value: ast.Call) -> bool:
    if called(value.func) in ("Path", "PurePath"):
        return bool(value.args) and all(literal_source(a) is not None for a in value.args)
    return isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Call)


def _imported(ctx: BindContext) -> frozenset[str]:
    """Names an import line of the wiki binds for the current step, where import_for finds them: its page's import
    lines, its examples' imports, the workflow page's, the other steps' pages' and the module aliases of the
    workflow's examples. A snippet that uses `Chem` without importing it (`mols_h = [Chem.AddHs(m) for m in
    mols]`, below an example that does) needs nothing the others do not. Found once per step."""
    found = ctx.imported.get(ctx.index)
    if found is None:
        lines = [line for _, given in wiki_imports(ctx.step, ctx) for line in given]
        found = ctx.imported[ctx.index] = frozenset(bound_by(lines)) | frozenset(ctx.aliased)
    return found


class Resolvable:
    """Names a step can get without the example's setup: artifacts, key parameters, modules, and aliases of
    artifacts for names the example does not make itself (when it does, its own setup comes along, and the
    reuse rule then takes the earlier artifact only if that artifact still comes from the same call)."""

    def __init__(self, ctx: BindContext, keys: dict[str, Hint], tree: ast.Module | None = None) -> None:
        self.ctx, self.keys = ctx, keys
        self.made = _stored(ctx, tree) if tree else frozenset()
        self.built = _built(ctx, tree) if tree else frozenset()
        self.own = (_own_versions(ctx, tree) | fresh(ctx, tree)) if tree else frozenset()
        self.paths = _paths(tree) if tree else frozenset()

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        # (a module a page may use unimported, unless the page makes a name of its own so called: `time =
        # pd.date_range(...)`, then `time.dayofyear`)
        if name in self.ctx.tables.modules and name not in self.made:
            return True
        if name in _imported(self.ctx) and name not in self.made:
            return True
        if self.ctx.has(name):  # an earlier step's, unless the example makes its own path or version here
            return name not in self.own
        if name in self.keys:  # a key parameter, no plain value, that the example builds with a call (`state_dict =
            # torch.load(path)`): the example's setup comes along, so config holds the path, never the object
            hint = self.keys[name]
            if name in self.paths:  # `html_path = Path("saved_pages/tents.html")`, then `html_path.read_text()`:
                return False  # the text is the key's, the Path object the example's setup makes of it
            return hint.default is not None or name not in self.built or bool(_VALUE_TYPE.match(hint.type))
        return name not in self.made and self.ctx.alias(name) is not None


def _documented_passed(given: list[tuple[str, ast.expr]], keys: dict[str, Hint]) -> set[str]:
    """The step's Key Parameters the example's API call passes, by keyword or by position, and the example's own
    names it passes them as: `butter(order, cutoff_hz, btype="low", fs=fs, output="sos")` passes N, Wn, btype, fs
    and output, order and cutoff_hz among them (numbers passed so are settings, not keys of their own)."""
    found = {param for param, _ in given if param in keys}
    return found | {v.id for param, v in given if param in keys and isinstance(v, ast.Name)}


def _passed(piece: Slice, ctx: BindContext, keys: dict[str, Hint]) -> list[tuple[str, ast.expr]]:
    """(parameter, value) of each argument the example's API call passes, by keyword or by position; what a `*args`
    parameter after the positional ones takes, as one tuple."""
    api = ctx.api
    if api is None or not keys:
        return []
    calls = [n for n in walk(piece.anchor) if isinstance(n, ast.Call) and contains_api(n, api, {})]
    if not calls:
        return _selected(piece.anchor, api, positional_names(ctx.step, api)) if api.item_context else []
    call = calls[-1]  # the innermost: the API's own call, not one chained on it
    modules = module_names(ctx, [ast.unparse(i) for i in piece.imports])
    positional = positional_names(ctx.step, api)[called_on_first(api, call, modules) :]
    given = [(k.arg, k.value) for k in call.keywords if k.arg] + list(zip(positional, call.args, strict=False))
    # and what a `*args` parameter after them takes, as one tuple (`nn.Sequential(nn.Linear(20, 64), nn.ReLU())`)
    varargs = next((p.name for p in signature_params(ctx.step, api, all_params=True) if p.kind is ParamKind.VAR), "")
    rest = [a for a in call.args[len(positional) :] if not isinstance(a, ast.Starred)]
    if varargs and rest:
        given.append((varargs, ast.Tuple(elts=rest, ctx=ast.Load())))
    return given


def _selected(anchor: ast.stmt | None, api: ApiRef, positional: list[str]) -> list[tuple[str, ast.expr]]:
    """(parameter, value) of what an item API's subscript passes: the selection, then the value written
    (`dset[...] = arr` for `Dataset.__setitem__(args, val)`: args `...`, val `arr`)."""
    for node in walk(anchor) if anchor is not None else ():
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, api.item_context or ast.Load):
            given: list[tuple[str, ast.expr]] = list(zip(positional[:1], [node.slice], strict=False))
            if isinstance(anchor, ast.Assign) and anchor.targets == [node]:
                given += list(zip(positional[1:2], [anchor.value], strict=False))
            return given
    return []


def _departures(given: list[tuple[str, ast.expr]], keys: dict[str, Hint]) -> list[str]:
    """The Key Parameters the example's call passes a value other than the one the table states as their default
    (`trainer.train(resume_from_checkpoint=True)`, "(default None)"): a variant for another case (resuming), where
    an example leaving it out does what the table describes."""
    departed = []
    for param, value in given:
        hint = keys.get(param)
        if hint is None or hint.default is None or default_in_text(hint.doc) != hint.default:
            continue
        literal = literal_source(value)
        example = literal_value(literal) if literal is not None else None
        stated = literal_value(hint.default)
        # a flag turned, or a value given where the default is none; not another text or number (`adapter_name=
        # "math_adapter"` for "default", `r=16` for 8): an example's are often made up or a toy's
        if literal is not None and example != stated and (isinstance(example, bool) or stated is None):
            departed.append(param)
    return departed


def _inputs_cite(name: str, ctx: BindContext) -> bool:
    """Whether name is an earlier step's artifact the step's Inputs cite, by name (`labels from Step 4`) or by its
    type (`DataFrame from Step 1`)."""
    artifact = ctx.artifacts.get(name)
    inputs = ctx.step.inputs
    if artifact is None or not inputs:
        return False
    if re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", inputs):
        return True
    if artifact.type and re.search(rf"(?<![\w.]){re.escape(artifact.type)}(?!\w)", inputs):
        return True
    return _named_in_prose(name, inputs)


def _named_in_prose(name: str, inputs: str) -> bool:
    """Whether Inputs written as prose, no name in code, say the name's words: "Train and test splits" names
    `X_train` and `y_test` (the words of three letters and more; a name of one word is read whole above)."""
    if "`" in inputs or "_" not in name.strip("_"):
        return False
    parts = [p.lower() for p in name.split("_") if len(p) >= 3]
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", inputs)}
    return bool(parts) and all(p in said for p in parts)


def _remakes(stmt: ast.stmt, ctx: BindContext) -> bool:
    """Whether a statement makes again what an earlier step made, by the call that made it, maybe changed on the way
    (`customers = pl.read_csv(path).rename(...)`)."""
    return remade_result(stmt, ctx) is not None


def remade_result(stmt: ast.stmt, ctx: BindContext) -> str | None:
    """The earlier result a statement makes again by the call that made it (see _remakes), or None."""
    call = stmt.value if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) else None
    while call is not None and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        call = call.func.value  # down the chain
    producer = ".".join(dotted(call.func)) if call is not None else ""
    return ctx.produced_by(producer) if producer else None


def _reused(stmt: ast.stmt, ctx: BindContext) -> bool:
    """Whether an assignment's targets are all earlier steps' results of the same name."""
    targets = [t for target in getattr(stmt, "targets", ()) for t in walk(target) if isinstance(t, ast.Name)]
    return bool(targets) and all(ctx.has(t.id) for t in targets)


def borrowing(candidate: Candidate, ctx: BindContext) -> tuple[list[str], list[str]]:
    """(names the example uses without importing them, that another example or the page imports; the step's Inputs
    it reads): `mols_h = [Chem.AddHs(m) for m in mols]` below a whole example borrows `Chem` and reads `mols`."""
    free = candidate.slice.free
    imported = _imported(ctx)
    cited = _cited_by_path(ctx)
    borrowed = [n for n in free if n in imported and n not in ctx.tables.modules and not ctx.has(n) and n not in cited]
    # (or as a word of a part saying which step: "Futures from Step 3", step 3's `futures`)
    named = set(ctx.cited_by_inputs()) if ctx.step.inputs else set()
    return borrowed, [n for n in free if _inputs_cite(n, ctx) or n in named]


def _cited_by_path(ctx: BindContext) -> set[str]:
    """The names the step's API cell (and its other cited calls) give with their module's path (`scipy.signal.
    find_peaks`): a snippet calling `find_peaks(...)` without its import borrows nothing in doubt (scipy trial: the
    snippet reading the Inputs' `filtered` and `fs` lost to the page's demo on the electrocardiogram)."""
    return {
        api.callee[-1]
        for api in (ctx.api, *ctx.supporting(ctx.index))
        if api is not None
        and len(api.callee) >= 2
        and all(part.isidentifier() and part[:1].islower() for part in api.callee[:-1])
    }


def _own_bare_apis(ctx: BindContext) -> set[str]:
    """The step's cited calls written as a bare name (`load_checkpoint_and_dispatch(...)`) that the step's own page
    or examples import: a snippet calling one without its import can have it (accelerate trial: the snippet loading
    into the Inputs' `device_map` lost to the page's GPT-J demo, which cast the weights to float16 for the float32
    rows of the next step). Still a borrowing, last among equals."""
    bare = [api.callee[0] for api in (ctx.api, *ctx.supporting(ctx.index)) if api is not None and len(api.callee) == 1]
    if not bare:
        return set()
    return set(bare) & bound_by([line for _, lines in wiki_imports(ctx.step, ctx)[:2] for line in lines])


def snippets_chosen(found: list[Candidate], ctx: BindContext) -> bool:
    """Whether a snippet (an example borrowing its imports from another) may be the step's where it reads the
    step's Inputs: only when every whole example is a demo, reading nothing an earlier step made, nor making again
    under its name what an earlier step made (`mol = Chem.MolFromSmiles("CCO"); Chem.AddHs(mol)` above `mols_h =
    [Chem.AddHs(m) for m in mols]`). Elsewhere a snippet's borrowed names count as missing: the wiki does not say
    that the snippet's `SecurityConfig` is the one the page imports, nor that the snippet is the step's way."""
    for candidate in found:
        borrowed, _ = borrowing(candidate, ctx)
        piece = candidate.slice
        # (a value an earlier step hands on, `cat_features`, is no object it made: the example is still a demo)
        if not borrowed and (
            any(ctx.holds_object(n) for n in piece.free) or any(_reused(s, ctx) for s in piece.statements)
        ):
            return False
    return True


def score(
    candidate: Candidate, ctx: BindContext, keys: dict[str, Hint], wanted: set[str], snippets: bool = False
) -> tuple[int, ...]:
    """The order candidates are chosen in, most important first: what cannot be had at all; objects asked for through
    config; the step's other cited calls left out; earlier results remade; names needing a loader; example variables
    that would become keys of their own (not numbers passed as Key Parameters); the API called per item where the
    Outputs are a list of its results; the results the Inputs cite read (before the names below: a demo making
    what the Outputs name loses to a snippet reading what the Inputs cite); what later steps and the step's Outputs
    want made; the file the Outputs name written; a data file read where the Inputs name one, not the library's
    test data; names used without their import; then the fewest statements doing work, then earlier on the page."""
    piece = candidate.slice
    resolvable = Resolvable(ctx, keys, candidate.tree)
    again = _read_by_remade_loops(piece.statements, ctx)
    missing = [n for n in piece.free if n not in resolvable and n not in piece.literals and n not in again]
    loadable = [n for n in missing if ctx.loader_for(n) is not None]
    passed = _passed(piece, ctx, keys)  # (parameter, value) of the API call's arguments
    documented = _documented_passed(passed, keys)
    spoken = _spoken(ctx)
    literal_only = [
        n
        for n in piece.free
        if n not in resolvable
        and n in piece.literals
        and not (n in documented and _setting(piece.literals[n]))
        and n not in spoken  # a variable the table's prose names (`min_chars`): a key the wiki documents
        and abbreviated(n, piece.literals[n], keys, set(piece.free)) is None  # or a short name of one (`exts`)
        and not ctx.file_lines(n, piece.literals[n], keys[n].type if n in keys else "")  # a file's lines
    ]
    asked = [n for n in piece.free if _object_key(n, keys, ctx) and n not in piece.literals]
    borrowed, taken = borrowing(candidate, ctx)
    if borrowed and (not (taken or _reads_cited_step(piece, ctx)) or not snippets):
        # (a snippet reading the step's Inputs may call the step's own API without importing it)
        unasked = _own_bare_apis(ctx) if taken else set()
        missing += [n for n in borrowed if n not in unasked]
    # the other calls the step cites (`Font`, `PatternFill` beside `load_workbook`): the example doing the step's
    # work, not the one that only reads its result back
    made = [*piece.statements, *piece.definitions]  # a call inside a function the slice defines counts too
    uncited: list[object] = [
        a for a in ctx.supporting(ctx.index) if not any(contains_api(s, a, {}) or _passes(s, a) for s in made)
    ]
    # the method the API cell calls on the API's result (`ImageEnhance.Contrast(image).enhance(factor)`): an
    # example that stops before it is not the step's
    if ctx.api is not None and ctx.api.then and not _calls_method(made, ctx.api.then):
        uncited.append(ctx.api.then)
    # what the step makes, not what its setup makes again of an earlier step's (`lf = pl.scan_csv(...)` before the
    # filter is step 1's frame, whatever later examples call theirs; `report_path = Path(...)` is the step's own)
    produced = {
        t.id
        for s in piece.statements
        if not _remakes(s, ctx)
        for t in walk(s)
        if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)
    }
    # what a demo makes to work on, where the Inputs cite earlier results (`rng = np.random.default_rng()`, `x =
    # stats.norm.rvs(...)` before `stats.shapiro(x)`, where the Inputs say "`control` and `treatment` from Step
    # 1"): names made before the step's call of nothing it takes are no reason to prefer the demo, whatever later
    # steps read under those names
    at = holder_index(piece.statements, piece.anchor)
    takes = _takes_earlier(ctx)
    demo = _demo_setup(piece.statements[:at], ctx) if at is not None and takes else set()
    # and what it makes of the library's own test data (`documents = [TaggedDocument(doc, [i]) for i, doc in
    # enumerate(common_texts)]`), whatever later steps read under that name: a demo's, never the user's (not what
    # a test helper's call makes: `fname = get_tmpfile("vectors.kv")` is a file name to choose)
    tests = from_tests(piece.imports)
    if tests and at is not None:
        demo |= {n for s in piece.statements[:at] if tests & _data_read(s) for n in names([s])[1]}
    # the step's call remaking an earlier step's result it does not read (step 2's `customers = pl.read_csv(...)`
    # on a page shared with step 1): another example, making its own (`orders`), is the step's
    anchored = {t.id for t in walk(piece.anchor) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
    if isinstance(piece.anchor, (ast.For, ast.AsyncFor)):  # `for name, ax in {...: ax_dist, ...}.items(): fig =
        anchored = set()  # ax.figure`: names for each item in turn, which remake no earlier result
    # (not the result the Inputs cite by type, made of an earlier result of that type, which stands for it: `result
    # = df.filter(...)` where step 1 made `df` and step 2 `result`, and the Inputs say "DataFrame with derived
    # columns": the step's frame, filtered)
    read_types = {ctx.artifacts[n].type for n in names([piece.anchor])[0] if ctx.has(n) and n not in anchored}
    clobbered = [
        n
        for n in anchored
        if ctx.has(n)
        and n not in piece.free
        and not ctx.artifacts[n].value
        and not (ctx.artifacts[n].type in read_types and _inputs_cite(n, ctx))
    ]
    # the example's setup making again, by the same call and under a name of its own, what an earlier step made
    # (`embeddings = model.encode(sentences)` before `model.similarity(embeddings, embeddings)`, where step 2 made
    # `corpus_embeddings`): another example, reading the earlier results, is the step's. Under the earlier name
    # (`splitter = RecursiveCharacterTextSplitter(...)`), the earlier result is reused instead.
    # After the step's call, a call on what it made (`pd.DataFrame(contribs, ...)` after `contribs = bst.predict(...)`)
    # makes something new of new data, whatever an earlier step made by that call.
    at = holder_index(piece.statements, piece.anchor)
    at = len(piece.statements) if at is None else at
    # (not the result the Inputs quote, made again as the page's demo of it: `pcm = ax.imshow(data)` before
    # `fig.colorbar(pcm)`, where they say "`im` from Step 3"; wiring takes `im` for it)
    quoted_made = set(ctx.quoted_results())
    remade = [
        s
        for n, s in enumerate(piece.statements)
        if s is not piece.anchor
        and _remakes(s, ctx)
        and not _reused(s, ctx)
        and remade_result(s, ctx) not in quoted_made
        and not (n > at and set(names([s])[0]) & names(piece.statements[at:n])[1])
    ]
    quoted = _quoted_conditions(ctx.step.key_parameters_code)  # `pl.col("amount") > 20.0`
    return (
        # (a table the SQL writes to that nothing made: `INSERT INTO some_table` where another example creates it)
        len(missing) - len(loadable) + len(ctx.unmade_tables(piece.statements)),
        len(asked),
        len(uncited),
        len(clobbered) + len(remade),
        len(loadable),
        -len(quoted & _conditions(made)) if quoted else 0,  # the conditions the table quotes, written
        len(literal_only),
        # (or on each of the many objects an earlier step made: `doc.ents` of every Doc `nlp.pipe` gave)
        -((collects(ctx.step, ctx.api) or ctx.holds_many(ctx.api.class_name)) and _per_item(piece, ctx.api))
        if ctx.api
        else 0,
        # (or the example's own data passed where the Inputs quote earlier results: `xgb.DMatrix(data, label=label)`
        # of a random `data` and `label`, for "`X`, `y` from Step 1", not a file's `DMatrix("train.svm.txt")`)
        -len(taken) - len(demo_stand_ins(piece.statements, piece.anchor, ctx)),
        # (or, where they say in prose that it takes something, any earlier result: `im.save(...)` on the canvas, not
        # a script's loop opening each file its command line names)
        -(not taken and takes and any(ctx.has(n) for n in piece.free)),
        len(_unnamed_imports(piece, ctx)),
        -len((produced - demo) & wanted),
        -len(produced & set(declared_outputs(ctx.step))),  # what the step's Outputs name (`stats`, `peak_times`)
        # the file they name (`contribs.csv`), or name by the key documenting its path ("CSV at `output_path`")
        -len(files_named(ctx.step.outputs) & files_written(made)) - (_file_by_key(ctx.step, keys) and _writes(made)),
        # the file the Inputs name read, not the library's test data (`datapath("lee_background.cor")` of
        # `gensim.test.utils`, `common_texts`)
        (bool(from_tests(piece.imports)) - _reads_file(made)) if INPUT_FILE.search(ctx.step.inputs or "") else 0,
        len(borrowed),
        len(_departures(passed, keys)),
        -len(_described_values(piece, keys, spoken, passed, ctx.step.key_parameters_code, _api_defaults(ctx.api))),
        -_own_data(candidate, ctx),
        sum(1 for s in piece.statements if not shows_value(s)),  # (`weekly.head()` after the call adds no work)
        candidate.order,
    )


def _read_by_remade_loops(statements: list[ast.stmt], ctx: BindContext) -> set[str]:
    """The names only a loop's iterable reads, where that iterable is an earlier step's call made again on the page's
    demo data (`texts` of `for doc in nlp.pipe(texts):`, where step 4 made the Docs): wiring has the loop go over the
    earlier result instead, so nothing needs to give them."""
    found: set[str] = set()
    for stmt in statements:
        if isinstance(stmt, ast.For) and ctx.made_again(stmt.iter) is not None:
            found.update(names([ast.Expr(stmt.iter)])[0])
    if not found:
        return found
    rest = [
        ast.For(target=s.target, iter=ast.Constant(value=None), body=s.body, orelse=s.orelse, lineno=0)
        if isinstance(s, ast.For)
        else s
        for s in statements
    ]
    return found - set(names(rest)[0])


def _reads_cited_step(piece: Slice, ctx: BindContext) -> bool:
    """Whether a slice reads what a step the Inputs cite by its number made ("Feature matrix and labels from step
    1": step 1's `X_train`, `y_train`): a snippet doing so (`Pool(X_train, y_train, ...)`, its import on the page's
    other example) works on the step's Inputs, beside a demo on rows written out."""
    made = {a.name for n in ctx.cited_numbers() for a in ctx.objects_of(n)}
    return any(n in made for n in piece.free)


def _api_defaults(api: ApiRef | None) -> dict[str, str]:
    """The defaults the API text gives its parameters (`vocab_size: int = 30000`)."""
    return {p.name: p.default for p in api.params if p.default is not None} if api is not None else {}


def _own_data(candidate: Candidate, ctx: BindContext) -> int:
    """The statements of the example, left out of its slice, that make the earlier results it reads, which the Inputs
    cite, by the call that made them, a loader of a bundled data set: `X, y = load_diabetes(return_X_y=True)` before
    the split, where step 1 loaded `X, y` by `load_diabetes`. Of two examples, the one about the workflow's own data
    is the step's (a regression's split, not a classification's `stratify=y` on `load_breast_cancer`)."""
    piece = candidate.slice
    makers = {n: _maker(ctx.artifacts[n], ctx) for n in piece.free if ctx.holds_object(n) and _inputs_cite(n, ctx)}
    count = 0
    for stmt in candidate.tree.body:
        if stmt in piece.statements or not isinstance(stmt, ast.Assign) or not isinstance(stmt.value, ast.Call):
            continue
        call, callee = stmt.value, dotted(stmt.value.func)
        # (a bundled data set's loader, given no data of the example's own: `pl.DataFrame({...})` makes a demo's)
        fixed = not call.args and all(isinstance(k.value, ast.Constant) for k in call.keywords)
        made = [makers[n] for n in names([stmt])[1] if makers.get(n)]
        if fixed and made and callee and all(callee[-1] == maker for maker in made):
            count += 1
    return count


def _maker(artifact: Artifact, ctx: BindContext) -> str:
    """The last name of the call that made an earlier result (its step's API when the result was unpacked from
    something it made: `X, y = data.data, data.target`); "" when not known."""
    if artifact.producer:
        return artifact.producer.rsplit(".", 1)[-1]
    api = ctx.api_of(artifact.step)
    return api.last if api is not None and not api.then else ""


def _data_read(stmt: ast.stmt) -> set[str]:
    """The names stmt reads as values, not calls (`common_texts` of `enumerate(common_texts)`)."""
    called = {id(n.func) for n in walk(stmt) if isinstance(n, ast.Call)}
    return {n.id for n in walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in called}


@lru_cache(maxsize=512)
def _quoted_conditions(quoted: tuple[str, ...]) -> frozenset[str]:
    """The conditions the Key Parameters quote as code, shaped (_shape): "boolean expressions, e.g.
    `pl.col("status") == "completed"` and `pl.col("amount") > 20.0`". Of two examples, the one writing them is the
    step's (a keyword shorthand `filter(status="completed")` drops the threshold). Only conditions on something
    read from data (a call or an item): "`0 < alpha < 1`" is a constraint on a value, not a condition to write."""
    found: set[str] = set()
    for text in quoted:
        tree = parse_expression(text)
        if (
            tree is not None
            and is_condition(tree)
            and any(isinstance(n, (ast.Call, ast.Subscript)) for n in walk(tree))
        ):
            found |= _shapes([tree])
    return frozenset(found)


def _conditions(statements: list[ast.stmt]) -> set[str]:
    """The shapes of the conditions statements write."""
    return _shapes([n for s in statements for n in walk(s) if is_condition(n)])


def _shapes(nodes: list[ast.AST]) -> set[str]:
    """The shapes of nodes (none when one is nested too deep to shape)."""
    try:
        return {_shape(n) for n in nodes}
    except RecursionError:
        return set()


def is_condition(node: ast.AST) -> bool:
    """Whether node is a condition: a comparison, `and`/`or`, or `&`/`|` of conditions (`(a > 1) & (b < 2)`)."""
    return isinstance(node, (ast.Compare, ast.BoolOp)) or (
        isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr))
    )


def _shape(node: ast.AST, head: bool = False) -> str:
    """An expression as text with its numbers and the variables it compares written `_`, so the condition a table
    quotes (`pl.col("amount") > 20.0`) and the one an example writes (`pl.col("amount") > min_amount`) are alike;
    strings (column names, labels) and the names calls and attributes are read from stay."""
    if isinstance(node, ast.Constant):
        return repr(node.value) if isinstance(node.value, str) else "_"
    if isinstance(node, ast.Name):
        return node.id if head else "_"
    if isinstance(node, ast.Attribute):
        return f"{_shape(node.value, True)}.{node.attr}"
    if isinstance(node, ast.Call):
        given = [_shape(a) for a in node.args] + [f"{k.arg}={_shape(k.value)}" for k in node.keywords]
        return f"{_shape(node.func, True)}({','.join(given)})"
    if isinstance(node, ast.Subscript):
        return f"{_shape(node.value)}[{_shape(node.slice)}]"
    if isinstance(node, ast.Compare):
        rest = "".join(f" {type(op).__name__} {_shape(c)}" for op, c in zip(node.ops, node.comparators, strict=True))
        return f"({_shape(node.left)}{rest})"
    if isinstance(node, ast.BoolOp):
        return f"{type(node.op).__name__}({','.join(_shape(v) for v in node.values)})"
    if isinstance(node, ast.BinOp):
        return f"({_shape(node.left)} {type(node.op).__name__} {_shape(node.right)})"
    if isinstance(node, ast.UnaryOp):
        return f"{type(node.op).__name__} {_shape(node.operand)}"
    return type(node).__name__


def _described_values(
    piece: Slice,
    keys: dict[str, Hint],
    spoken: set[str],
    passed: list[tuple[str, ast.expr]],
    quoted: tuple[str, ...],
    defaults: dict[str, str] | None = None,
) -> set[str]:
    """The example's variables the Key Parameters describe: one holding the value the table gives it (`num_samples
    = 12` where it says "`num_samples` = 12 for the toy data"), or one the table's prose speaks of that is no
    parameter nor earlier result (`min_chars = 3` where the predicate drops rows "shorter than `min_chars`"): of
    several examples otherwise alike, the one the table describes, not the first on the page. A parameter's own
    name alone is no sign: a variant example (`model_size = "355M"`, "a larger model") holds it as often. spoken:
    the names the table's prose quotes (_spoken); quoted: what it quotes as code; defaults: the API text's own.
    (The tokenizers trial: `BpeTrainer(vocab_size=30000, min_frequency=2, special_tokens=["<unk>", ...])` won over
    the quicktour's `BpeTrainer(special_tokens=["[UNK]", ...])` for passing the default the table states.)"""
    defaults = defaults or {}
    found: set[str] = set()
    for name, literal in piece.literals.items():
        hint = keys.get(name)
        if hint is None:
            if name in spoken:
                found.add(name)
        elif _given_value(hint, literal):
            found.add(name)
    # and the values the API call passes as the table gives them (`con.execute(query, [400])` where it says
    # "`parameters` - values bound to the placeholders, e.g. [400]")
    # (or written as the code the table quotes: `Pipeline([("scaler", StandardScaler()), ("svc", SVC())])` where
    # it says "`steps` - ... e.g. `[("scaler", StandardScaler()), ("svc", SVC())]`")
    for name, value in passed:
        hint = keys.get(name)
        source = literal_source(value) if hint is not None else None
        if source is not None and name in defaults and literal_value(defaults[name]) == literal_value(source):
            continue  # the API's own default passed (`vocab_size=30000`): the example leaving it out says as much
        if hint is not None and source is not None and _given_value(hint, source):
            found.add(name)
        elif hint is not None and source is not None and quoted and source in quoted and source in hint.doc:
            found.add(name)  # (`dset[...] = arr`, where it says "`args: slice` - selection (`...` for all)")
        elif quoted and hint is not None and source is None and not isinstance(value, ast.Name):
            written = ast.unparse(value)
            if any(c in hint.doc and written in (c, _as_code(c)) for c in quoted):  # (or a slice: `0:100:10`)
                found.add(name)
    return found


@lru_cache(maxsize=512)
def _as_code(text: str) -> str:
    """text as Python writes it back (`[("a", A())]`), or "" when it is no expression."""
    tree = parse_expression(text)
    return "" if tree is None else ast.unparse(tree)


def _spoken(ctx: BindContext) -> set[str]:
    """The names the Key Parameters' prose quotes as code (`min_chars`) or gives a value ("`var: float` - noise
    variance (gallery: sigma**2 with sigma = 0.08)") that are no earlier result."""
    step = ctx.step
    quoted = {n for n in step.key_parameters_code if n.isidentifier()}
    return {n for n in quoted | _valued_names(step.key_parameters_text) if not ctx.has(n)}


_VALUED_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*=\s*(?=[-+]?[\d.'\"(\[])")


@lru_cache(maxsize=256)
def _valued_names(text: str) -> frozenset[str]:
    """The names text sets to a literal-looking value (`sigma = 0.08`)."""
    return frozenset(m.group(1) for m in _VALUED_NAME.finditer(text[:4000]))


def _given_value(hint: Hint, literal: str) -> bool:
    """Whether the table gives a parameter this value: as its default, or in its description as `= 12`,
    "default 12" or "e.g. 12" (a list of choices is no value given)."""
    value = literal_value(literal)
    if value is None:
        return False
    if hint.default is not None:
        return literal_value(hint.default) == value
    said = re.escape(literal.strip())
    found = re.search(rf"(?:=|\bdefault:?|\be\.g\.,?)\s*`?{said}(?![\w.])", hint.doc[:2000], re.IGNORECASE)
    return found is not None


def _unnamed_imports(piece: Slice, ctx: BindContext) -> set[str]:
    """The libraries the workflow never names (no step's dependencies, API cell or import line) whose calls make,
    before the step's call, what it works on: `model = AutoModelForSequenceClassification.from_pretrained(...)`
    (transformers) before `torch.optim.AdamW(model.parameters())`, in a "Transformer classifier" example where
    the step builds an MLP with `torch`. That is another program's setup, whatever later steps' examples of that
    program read of it (`lr_scheduler`). A constant read of such a library (`torch.bfloat16`) or a call after
    the step's own is not counted: a companion library examples use freely."""
    modules: dict[str, str] = {}  # local name -> the top-level module it comes from
    for node in piece.imports:
        if isinstance(node, ast.ImportFrom) and (node.level or not node.module):
            continue
        for alias in node.names:
            root = (node.module if isinstance(node, ast.ImportFrom) and node.module else alias.name).split(".")[0]
            if root not in sys.stdlib_module_names:
                modules[alias.asname or alias.name.split(".")[0]] = root
    if not modules:
        return set()
    at = holder_index(piece.statements, piece.anchor)
    calls = {
        modules[callee[0]]
        for stmt in piece.statements[: at or 0]
        for node in walk(stmt)
        if isinstance(node, ast.Call) and (callee := dotted(node.func)) and callee[0] in modules
    }
    named = _workflow_names(ctx)
    return {m for m in calls if m.lower() not in named}


def _workflow_names(ctx: BindContext) -> frozenset[str]:
    """The lower-case words of every step's dependency and API cells, and of the other steps' pages' import lines
    (the step's own page may take them from the very examples being weighed); found once per step."""
    if ctx.index not in ctx.named:
        texts = []
        for n, step in enumerate(ctx.workflow.steps):
            texts += [*step.external_dependencies, *step.optional_dependencies, step.api_call]
            texts += [s.api for s in step.supporting]
            if n != ctx.index and step.implementation is not None:
                texts += step.implementation.imports
        ctx.named[ctx.index] = frozenset(re.findall(r"[a-z_][a-z0-9_]*", " ".join(texts).lower()))
    return ctx.named[ctx.index]


def _takes_earlier(ctx: BindContext) -> bool:
    """Whether the step's Inputs cite earlier results, or say in prose that it takes one ("exog DataFrame/array
    from the loaded dataset"): not nothing ("None (data bundled with statsmodels)"), nor a file of its own."""
    if ctx.cited_by_inputs():
        return True
    inputs = (ctx.step.inputs or "").strip()
    return bool(ctx.artifacts) and bool(inputs) and not NO_INPUTS.match(inputs) and not INPUT_FILE.search(inputs)


def demo_stand_ins(statements: list[ast.stmt], anchor: ast.stmt | None, ctx: BindContext) -> dict[str, str]:
    """The example's own data passed to the step's call, each for the earlier result the Inputs quote in its place:
    `data = np.random.rand(5, 10)` and `label = np.random.randint(2, size=5)` before `xgb.DMatrix(data,
    label=label)`, where the Inputs say "`X`, `y` from Step 1" and the slice reads neither (the call's arguments in
    order against the Inputs' order). Empty unless they pair one to one: demo name -> quoted result."""
    api, at = ctx.api, holder_index(statements, anchor)
    if api is None or anchor is None or at is None:
        return {}
    read, bound = names(statements)
    # (not an object of the API's class, what its method is called on: `grp` of "`grp` from Step 2" for
    # `Group.create_dataset`, called on the example's `f`, never its `data=arr`; but `Image.blend(im1, im2)` is
    # called on the module, and an image is its data)
    calls = [n for n in walk(anchor) if isinstance(n, ast.Call) and contains_api(n, api, {})]
    receiver = calls[0].func.value if calls and isinstance(calls[0].func, ast.Attribute) else None
    on_object = (
        bool(api.class_name)
        and api.last not in ("__init__", api.class_name)
        and isinstance(receiver, ast.Name)
        and receiver.id != api.class_name
    )
    unread = [
        n
        for n in ctx.quoted_results()
        if n not in read and n not in bound and not (on_object and ctx.artifacts[n].type == api.class_name)
    ]
    if not unread:
        return {}
    makers: dict[str, int] = {}
    for stmt in statements[:at]:
        for target in stmt.targets if isinstance(stmt, ast.Assign) else []:
            if isinstance(target, ast.Name):
                makers[target.id] = makers.get(target.id, 0) + 1
    demo = {
        stmt.targets[0].id
        for stmt in statements[:at]
        if isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and makers.get(stmt.targets[0].id) == 1
        and not ctx.has(stmt.targets[0].id)
        and isinstance(stmt.value, (ast.Call, ast.List, ast.Tuple, ast.Dict))  # data, not a setting (`n = 5`)
        and not any(ctx.has(n) for n in names([stmt])[0])
        and not _reads_file([stmt])  # (a file it reads is the user's other data: `read_table("holdout.csv")`)
    }
    calls = [n for n in walk(anchor) if isinstance(n, ast.Call) and contains_api(n, api, {})]
    if not calls or not demo:
        return {}
    call = calls[-1]  # the innermost: the API's own call
    given = [a.id for a in [*call.args, *(k.value for k in call.keywords)] if isinstance(a, ast.Name) and a.id in demo]
    if len(given) != len(unread) or len(set(given)) != len(given):
        return {}
    return dict(zip(given, unread, strict=True))


def _demo_setup(statements: list[ast.stmt], ctx: BindContext) -> set[str]:
    """The names statements make of nothing an earlier step made, nor of what they made of it; not an empty
    container the step fills."""
    taken = set(ctx.artifacts)
    made: set[str] = set()
    for stmt in statements:
        read, bound = names([stmt])
        if isinstance(stmt, ast.Assign) and empty_container(stmt.value):
            continue  # an accumulator the step's loop fills (`best = {}`), no data of its own
        if set(read) & taken:
            taken |= bound
        else:
            made |= bound
    return made - taken


def _passes(stmt: ast.stmt, api: ApiRef) -> bool:
    """Whether a statement hands the API on as a function (`df[cols].apply(pd.to_numeric, errors="coerce")`): the
    example uses it, once per column, without a call of its own."""
    return any(
        isinstance(arg, (ast.Name, ast.Attribute)) and dotted(arg) == api.callee
        for node in walk(stmt)
        if isinstance(node, ast.Call)
        for arg in [*node.args, *(k.value for k in node.keywords)]
    )


def _calls_method(statements: list[ast.stmt], method: str) -> bool:
    """Whether the statements call a method of that name (`enhancer.enhance(1.2)`)."""
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
        for stmt in statements
        for node in walk(stmt)
    )


def _per_item(piece: Slice, api: ApiRef) -> bool:
    """Whether the example calls the API once per item: inside a comprehension or a loop."""
    return any(
        isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.For)) and contains_api(node, api, {})
        for stmt in piece.statements
        for node in walk(stmt)
    )


# Inputs naming a data file: "JSON lines file with `id`, `text`", "`reviews.csv`", "CSV of transactions"
NO_INPUTS = re.compile(r"(?:none|nothing|n/a|-|—|–)(?![\w-])", re.IGNORECASE)
INPUT_FILE = re.compile(r"\bfile\b|\.(?:csv|tsv|jsonl?|parquet|txt|xlsx?)\b|\b(?:CSV|TSV|JSON lines|JSONL|Parquet)\b")
DATA_FILE = re.compile(
    r"\.(?:csv|tsv|jsonl?|parquet|txt|xlsx?|feather|arrow|npy|npz|h5|hdf5|nc|zarr|pkl|pickle|xml|html?|ya?ml"
    r"|smi|sdf|mol2?|pdb|fasta|fa|fastq|vcf|wav|flac|mp3|png|jpe?g|tiff?|bmp|gif|mp4|avi|db|sqlite|gz|zip"
    r"|edgelist|adjlist|gml|graphml|gexf|mtx|dat|arff|dta|sav|orc|avro|libsvm)$",
    re.IGNORECASE,
)  # a data file, of tables, arrays, documents, molecules, sequences, sounds, images, videos, graphs or archives


def _reads_file(statements: list[ast.stmt]) -> bool:
    """Whether statements read a data file into a result (`df = pd.read_json("reviews.jsonl", lines=True)`; not
    a `with open(...)` rewriting one file into another)."""
    return any(
        isinstance(arg, ast.Constant) and isinstance(arg.value, str) and DATA_FILE.search(arg.value) is not None
        for stmt in statements
        if isinstance(stmt, ast.Assign)
        for node in walk(stmt.value)
        if isinstance(node, ast.Call)
        for arg in [*node.args, *(k.value for k in node.keywords)]
    )


_FILE = re.compile(r"[\w.-]*\w\.[A-Za-z][\w]{0,7}")


def files_named(text: str) -> set[str]:
    """The file names a step's Outputs quote as code (`contribs.csv` - one SHAP column per feature)."""
    return {m.group(0) for span in re.findall(r"`([^`]+)`", text) for m in [_FILE.fullmatch(span.strip())] if m}


# a key holding a file's path (`output_path`, `model_file`, `export_csv`; not a folder, `output_dir`)
PATH_KEY = re.compile(
    r"(?:^|_)(?:path|file|filename|fname|filepath)$|^(?:output|out|save|export)_(?!dir$|directory$|folder$)\w+$"
)
WRITER = re.compile(r"^(?:write|save|dump|export|to_|imwrite|imsave)|^savefig$|Writer$")  # a call writing a file


def _file_by_key(step: Step, keys: dict[str, Hint]) -> bool:
    """Whether the step's Outputs promise a file by the Key Parameter documenting its path: "CSV at `output_path`",
    where the table documents `output_path: str` - "CSV file the forecast table is written to"."""
    return any(span in keys and PATH_KEY.search(span) for span in re.findall(r"`([^`]+)`", step.outputs))


def _writes(statements: list[ast.stmt]) -> bool:
    """Whether statements pass a file's name to a writer (`table.to_csv("forecast.csv")`, `fig.savefig(...)`)."""
    return any(
        isinstance(node, ast.Call)
        and WRITER.search(called(node.func))
        and any(
            isinstance(a, ast.Constant) and isinstance(a.value, str) and _FILE.search(a.value)
            for a in [*node.args, *(k.value for k in node.keywords)]
        )
        for stmt in statements
        for node in walk(stmt)
    )


def files_written(statements: list[ast.stmt]) -> set[str]:
    """The file names (last path part) the string constants of statements end with."""
    return {
        node.value.replace("\\", "/").rsplit("/", 1)[-1]
        for stmt in statements
        for node in walk(stmt)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value
    }


_TOML_TYPE = re.compile(
    r"(?:Optional\[)?(?:str|int|float|bool|list|dict|tuple|List|Dict|Tuple|Sequence|Iterable|Literal|"
    r"(?:os\.|pathlib\.)?(?:Path|PathLike))\b"
)


def _object_key(name: str, keys: dict[str, Hint], ctx: BindContext) -> bool:
    """Whether name would be a config key asking for an object TOML cannot hold: a key parameter typed as one
    (`y_pred: array-like`), without a default, that no earlier step makes. An example that makes it instead
    (`y_pred = pipeline.predict(X_test)`) is the better one."""
    hint = keys.get(name)
    if hint is None or hint.default is not None or not hint.type or _TOML_TYPE.match(hint.type):
        return False
    return not ctx.has(name) and ctx.alias(name) is None and name not in ctx.tables.modules


def positional_names(step: Step, api: ApiRef) -> list[str]:
    """The API's positional parameters in order, from a `def` signature or the positional names of the API text:
    those before a `*args` (after it, `group_by(*by, maintain_order=False)`, parameters are keyword-only)."""
    found: list[str] = []
    for p in signature_params(step, api, all_params=True):
        if p.kind in (ParamKind.VAR, ParamKind.KW):
            break
        if p.kind in BY_POSITION and p.name not in ("self", "cls"):
            found.append(p.name)
    return found
