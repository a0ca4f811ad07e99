"""Passes over a whole workflow's bindings: config keys completed from the I/O contract, loop counts, needs."""

from __future__ import annotations

import ast
import collections.abc
import re
import typing
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from generator.apitext import ApiRef, called, dotted, literal_source, literal_value
from generator.astwalk import clone, walk
from generator.bind.binding import Binding, ConfigParam, Source
from generator.bind.choice import WRITER
from generator.bind.hints import key_hints, param_name
from generator.bind.signature import signature_params
from generator.bind.tables import Tables
from generator.bind.wiring import rename
from generator.links import PLACE, file_suffix
from generator.model import Step, Workflow
from generator.parse.params import default_in_text
from generator.pysource import parse_dedented
from generator.slicing import contains_api, is_print, names

_REPEAT = re.compile(r"repeat(?:s|ing)?\s+steps?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)", re.IGNORECASE)
_COUNT = re.compile(r"epoch|iteration|round|^steps$|^num_|_steps$")


@dataclass(frozen=True)
class Repeat:
    """Steps first..last, then step `step`, run again as many times as that step's config key says."""

    step: int
    first: int
    last: int
    key: str


def with_contract(step: Step, binding: Binding) -> Binding:
    """Fill config keys' missing types, descriptions and defaults from the implementation page's I/O contract."""
    if step.implementation is None or not step.implementation.inputs:
        return binding
    rows = {param_name(r.name): r for r in step.implementation.inputs if r.name}
    params = []
    for param in binding.params:
        row = rows.get(param.name)
        if row is None:
            params.append(param)
            continue
        found = default_in_text(row.description)
        default = param.default if param.default is not None or found == "None" else found
        params.append(
            replace(
                param,
                type=param.type or row.type.strip("`"),
                description=param.description or row.description,
                default=default,  # "Default: None" leaves the key unset: passed only when set (passed_when_set)
                required=found is None and param.required and param.default is None,
            )
        )
    return replace(binding, params=tuple(params))


def passed_when_set(binding: Binding) -> Binding:
    """A keyword argument whose config key has no default anywhere in the wiki (an optional input: None until
    config.toml sets it) goes to its call through `**given(name=name)`, passed only when set: the library's own
    default applies, never a None in its place (a `save_function` None where the library calls torch.save).
    A key the wiki gives None as default is passed as written: None is then the documented value."""
    unset = {p.name for p in binding.params if p.default is None and not p.required and not p.loader}
    tree = _as_function(binding.body) if unset else None
    if tree is None:
        return binding
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    named = [n for n in walk(function) if isinstance(n, ast.Name)]
    if any(n.id == "given" for n in named):
        return binding  # the step's own code has a `given`
    unset -= {n.id for n in named if not isinstance(n.ctx, ast.Load)}  # a key the step assigns again: as written
    lines = binding.body.split("\n")
    edited = False
    for stmt in reversed(function.body):  # bottom up: an edit never moves the lines of one not made yet
        changed = clone(stmt)  # the parse is shared (pysource's cache): never edited in place
        if _pass_when_set(changed, unset):
            _splice(lines, stmt, [changed])
            edited = True
    if not edited:
        return binding
    return replace(binding, body="\n".join(_helper_imported(lines, "given")))


_CLASS = re.compile(r"^(?:\w+\.)*[A-Z]\w*$")
_TYPING = frozenset(dir(typing)) | frozenset(dir(collections.abc))  # `Callable = torch.save` is no enum
_OPTIONAL = re.compile(r"^Optional\[(.+)\]$")


def _one_class(annotation: str) -> str:
    """The class an annotation names, None also allowed (`X`, `X | None`, `Optional["X"]`); "" for anything else."""
    inner = _OPTIONAL.match(annotation.strip())
    parts = [p.strip().strip("'\"") for p in (inner.group(1) if inner else annotation).split("|")]
    named = [p for p in parts if p != "None"]
    return named[0] if len(named) == 1 and _CLASS.match(named[0]) and named[0] not in _TYPING else ""


# the words before an object a key's description tells to pass: "use `ProjectConfiguration(total_limit=2)`"
_TOLD = re.compile(r"(?:\buse|\be\.g\.?|\bfor example|\bsuch as|\bdefault(?: is)?)[:,]?\s*$", re.IGNORECASE)


def _shown_object(key: ConfigParam, made: str, quoted: tuple[str, ...]) -> str | None:
    """The keyword arguments, as a dict literal, of the object of class made that a key's description tells to
    pass, quoted in the Key Parameters cell (`use `ProjectConfiguration(project_dir="runs", total_limit=2)``):
    config.toml writes it as a table, which the step turns into the object (calls.argument). None when the
    description shows none, or one with a positional or non-literal argument."""
    for span in quoted:
        at = key.description.find(span)
        if at < 0 or not _TOLD.search(key.description[:at]):
            continue
        try:
            call = ast.parse(span.strip(), mode="eval").body
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        if not (isinstance(call, ast.Call) and dotted(call.func)[-1:] == (made.rsplit(".", 1)[-1],)) or call.args:
            continue
        if all(k.arg and literal_source(k.value) is not None for k in call.keywords):
            return "{" + ", ".join(f"{k.arg!r}: {ast.unparse(k.value)}" for k in call.keywords) + "}"
    return None


def with_typed_arguments(step: Step, binding: Binding, api: ApiRef | None) -> Binding:
    """A config key for an optional parameter whose annotation is a class (`resample: Resampling =
    Resampling.BICUBIC`, `project_config: ProjectConfiguration | None = None`) may be set in config.toml as that
    class's value: an enum member by name (`resample = "LANCZOS"`), an object by its keyword arguments
    (`project_config = {project_dir = "runs"}`). Before the call the step turns the value into what the real
    signature's parameter takes (calls.argument); any other value goes as it is."""
    params = (*signature_params(step, api, all_params=True), *api.params) if api is not None else ()
    classed = {p.name: _one_class(p.annotation) for p in params if p.optional and p.default in (None, "None")}
    classed = {name: made for name, made in classed.items() if made}
    keys = {p.name for p in binding.params if not p.loader} & set(classed)
    tree = _as_function(binding.body) if keys else None
    if tree is None:
        return binding
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    lines = binding.body.split("\n")
    edited = False
    # bottom up: an insertion never moves a statement not edited yet; each call at the innermost statement holding it
    # (inside `with Session(engine) as session:`, where its receiver exists)
    statements = sorted(
        (n for n in walk(function) if isinstance(n, ast.stmt) and n is not function),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for stmt in reversed(statements):
        found: list[str] = []
        inline: list[tuple[ast.expr, str]] = []
        local, seen = _bound_inside(stmt), set()
        for call in (n for n in _own_nodes(stmt) if isinstance(n, ast.Call)):
            for keyword in _keywords(call):
                value = keyword.value
                if id(keyword) in seen or not (
                    keyword.arg in keys and isinstance(value, ast.Name) and value.id in keys
                ):
                    continue
                seen.add(id(keyword))  # (a keyword inside `**given(...)` is the call's, not given's)
                turned = f"argument({ast.unparse(call.func)}, {keyword.arg!r}, {value.id})"
                if local & {n.id for n in walk(call.func) if isinstance(n, ast.Name)}:
                    # `[t.quantize(dither=dither) for t in tiles]`: t exists only inside, so the name turns there
                    inline.append((value, turned))
                elif value.id not in found:
                    found.append(value.id)
                    lines.insert(stmt.lineno - 2, " " * (stmt.col_offset - 4) + f"{value.id} = {turned}")
                edited = True
        for value, turned in sorted(inline, key=lambda item: (item[0].lineno, item[0].col_offset), reverse=True):
            at = value.lineno - 2 + len(found)  # (below the lines just inserted above the statement)
            start, end = value.col_offset - 4, (value.end_col_offset or 0) - 4
            lines[at] = lines[at][:start] + turned + lines[at][end:]
    if not edited:
        return binding
    shown = {
        key.name: _shown_object(key, classed[key.name], step.key_parameters_code)
        for key in binding.params
        if key.name in keys and key.default in (None, "None") and not key.required
    }
    keyed = tuple(replace(p, default=shown[p.name]) if shown.get(p.name) else p for p in binding.params)
    return replace(binding, body="\n".join(_helper_imported(lines, "argument")), params=keyed)


def _bound_inside(stmt: ast.stmt) -> set[str]:
    """The names a statement binds for its own parts only: comprehension targets and lambda parameters."""
    found: set[str] = set()
    for node in walk(stmt):
        if isinstance(node, ast.comprehension):
            found |= {n.id for n in walk(node.target) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Lambda):
            found |= {a.arg for a in walk(node.args) if isinstance(a, ast.arg)}
    return found


_HELPERS = "from ..runtime.calls import "


def _helper_imported(lines: list[str], name: str) -> list[str]:
    """The step's lines importing one more of the generated runtime's helpers (runtime/calls.py): added to the
    import of the others, or after the imports the step starts with."""
    for n, line in enumerate(lines):
        if line.startswith(_HELPERS):
            names = sorted({*line[len(_HELPERS) :].split(", "), name})
            return [*lines[:n], _HELPERS + ", ".join(names), *lines[n + 1 :]]
    at = 0  # right after the imports the step starts with (its code is unparsed: one line each)
    for n, line in enumerate(lines):
        if line.startswith(("import ", "from ")):
            at = n + 1
        elif line.strip():
            break
    return [*lines[:at], _HELPERS + name, *lines[at:]]


def _splice(lines: list[str], old: ast.stmt, new: list[ast.stmt]) -> None:
    """Replace the lines of one top-level statement of a step's code (parsed as a function's body, line 1 its
    `def`) by the statements given, unparsed at its indent."""
    indent = " " * (old.col_offset - 4)
    assert old.end_lineno is not None
    lines[old.lineno - 2 : old.end_lineno - 1] = [indent + line for s in new for line in ast.unparse(s).split("\n")]


def with_contexts_kept_open(bindings: list[Binding], apis: list[ApiRef | None]) -> list[Binding]:
    """A step whose work is to open a context (`with mlflow.start_run(run_name=run_name) as run:`, the API it cites
    being the with's) and that has steps after it opens it for them: `run = opened(mlflow.start_run(...))`, its
    block then run as the step's own statements. The with would close the context as the step ends, and the later
    steps would log into no run, or read a closed file; the runtime closes it when the run of the workflow ends
    (runtime/calls.py). A later step's own `with mlflow.start_run():` around its work then goes: its work is done
    in the context opened (MLflow refuses a second active run)."""
    done: list[Binding] = []
    opened: list[ApiRef] = []
    for n, (binding, api) in enumerate(zip(bindings, apis, strict=True)):
        binding = _in_open_contexts(binding, opened)
        if api is not None and n < len(bindings) - 1:
            kept = _kept_open(binding, api)
            if kept is not binding:
                opened.append(api)
            binding = kept
        done.append(binding)
    return done


def _top_withs(body: str) -> list[ast.With]:
    """The with statements a step's code has at its top level, a single item each."""
    tree = _as_function(body) if "with " in body else None
    if tree is None:
        return []
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    return [s for s in function.body if isinstance(s, ast.With) and len(s.items) == 1]


def _replaced(body: str, old: ast.stmt, new: list[ast.stmt]) -> list[str]:
    """The lines of a step's code with one of its top-level statements replaced by statements (unparsed)."""
    lines = body.split("\n")
    _splice(lines, old, new)
    return lines


def _kept_open(binding: Binding, api: ApiRef) -> Binding:
    found = next((s for s in _top_withs(binding.body) if contains_api(s.items[0].context_expr, api, {})), None)
    if found is None or not _opens_here(found, set(binding.produces)):
        return binding
    item = found.items[0]
    entered = ast.Call(func=ast.Name(id="opened", ctx=ast.Load()), args=[item.context_expr], keywords=[])
    first: ast.stmt = (
        ast.Assign(targets=[item.optional_vars], value=entered) if item.optional_vars else ast.Expr(value=entered)
    )
    ast.fix_missing_locations(ast.copy_location(first, found))
    # the block shows what goes on inside the context (`mlflow.log_param("C", 0.5)`): the later steps' work, done
    # there with their values (MLflow refuses a parameter logged twice with two values); what it prints stays
    kept = [s for s in found.body if is_print(s)]
    return replace(binding, body="\n".join(_helper_imported(_replaced(binding.body, found, [first, *kept]), "opened")))


def _in_open_contexts(binding: Binding, opened: list[ApiRef]) -> Binding:
    """The step's code without its own `with` of a context an earlier step opened for it (bottom up: replacing one
    never moves the lines of one above); nor a `with` of what an earlier step handed it (`with f as f:`, the
    example's `with h5py.File(...) as f:` wired to step 1's file): leaving it, the file closed as the step ended,
    and the next step failed on it."""
    body = binding.body
    for found in reversed(_top_withs(body)):
        item = found.items[0]
        context, target = item.context_expr, item.optional_vars
        if target is None and any(contains_api(context, api, {}) for api in opened):
            body = "\n".join(_replaced(body, found, found.body))
        elif (
            isinstance(context, ast.Name)
            and context.id in binding.consumes
            and (target is None or isinstance(target, ast.Name))
        ):
            inner = [clone(s) for s in found.body]
            if target is not None:
                rename(inner, target.id, context.id)
            body = "\n".join(_replaced(body, found, inner))
    return binding if body == binding.body else replace(binding, body=body)


def _opens_here(found: ast.With, produced: set[str]) -> bool:
    """Whether a with opens, with a call, a context for later steps: one whose block makes nothing the step hands
    on (it shows what goes on inside), and that it binds no name to (an active run) or one the step hands on. A
    block making the step's results is a setting around its work (`with init_empty_weights(): model = ...`,
    `with model.disable_adapter(): base = model.generate(...)`): it ends with the step. So does a file written in
    the block and not handed on: closed (written out) as the step ends, where a later step may read it."""
    item = found.items[0]
    target = {n.id for n in walk(item.optional_vars) if isinstance(n, ast.Name)} if item.optional_vars else set()
    if not isinstance(item.context_expr, ast.Call) or names(found.body)[1] & (produced - target):
        return False
    return not target or bool(target & produced)


def _own_nodes(stmt: ast.stmt) -> list[ast.AST]:
    """The nodes of a statement outside the statements nested in it (a with's items, not its body)."""
    found: list[ast.AST] = []
    for name, value in ast.iter_fields(stmt):
        if name in ("body", "orelse", "finalbody", "handlers"):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                found.extend(walk(item))
    return found


# a call writing the file a key names: `save`, `to_csv`, `imwrite`; a writer object opened on it (`VideoWriter`,
# `ExcelWriter`, `SummaryWriter`)
_PATH_KEY = re.compile(
    r"(?:^|_)(?:path|file|filename|filepath|fname|dir|directory|folder|out|output|outfile|outpath|dest|destination|"
    r"location|f|fp|buf)s?(?:$|_)"
)


_OUTPUT_KEY = re.compile(r"(?:^|_)(?:out|output|dest|destination|save)(?:$|_)")


def with_written_paths(binding: Binding, step: Step | None = None) -> Binding:
    """Mark the config keys that name a file the step writes: passed to a writer (`nx.write_gml(G, path)`,
    `df.to_csv(path_or_buf)`, `plt.savefig(fname)`, `Path(out).write_text(...)`), opened for writing, or named for
    what a call makes (`output_model_path`, `model_output`). The
    generated runtime makes such a file's folder before the step runs, as the example did (or forgot to).

    A written key whose default is another file than the one the step's Outputs name (a shared page's example
    saves `out/thumbs/photo_thumb.jpg`; this workflow's step writes "e.g. `out/mask.png`") takes the Outputs' file:
    what the step says it writes beats what the page's example wrote for another workflow."""
    # (or named otherwise, holding a file's name: pyarrow's `write_table(table, where)` with "trips.parquet")
    candidates = {p.name for p in binding.params if (_PATH_KEY.search(p.name) or _a_file(p.default)) and not p.loader}
    tree = _as_function(binding.body) if candidates else None
    if tree is None:
        return binding
    written: set[str] = set()
    for node in walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = called(node.func)
        if name == "open":
            mode = (
                node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            )
            if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax")):
                continue
        elif not WRITER.search(name):
            continue
        given = [*node.args, *(k.value for k in _keywords(node))]
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):  # Path(out).write_text()
            given += node.func.value.args
        written |= {v.id for v in given if isinstance(v, ast.Name) and v.id in candidates}
    # a key named for what a call makes, holding a path (`quant_pre_process(input_model, output_model_path)`, with
    # "model-infer.onnx"), whatever the call
    places = {
        p.name
        for p in binding.params
        if p.name in candidates
        and _OUTPUT_KEY.search(p.name)
        and isinstance(value := literal_value(p.default), str)
        and PLACE.fullmatch(value)
    }
    written |= {
        v.id
        for node in walk(tree)
        if isinstance(node, ast.Call)
        for v in [*node.args, *(k.value for k in _keywords(node))]
        if isinstance(v, ast.Name) and v.id in places
    }
    # a number or a size passed beside the path (`VideoWriter(filename, fourcc, out_fps, frameSize)`) names no file;
    # nor does a key typed as one (`to_wkt(geometry, output_dimension=output_dimension)`, an int left unset)
    written -= {
        p.name
        for p in binding.params
        if (p.default is not None and not isinstance(literal_value(p.default), str))
        or re.fullmatch(r"(?:Optional\[)?(?:int|float|bool)\]?(?:\s*\|\s*None)?", p.type.strip())
    }
    if not written:
        return binding
    named = _output_files(step.outputs) if step is not None and len(written) == 1 else []
    params = tuple(
        replace(p, writes=True, default=_written_default(p.default, named)) if p.name in written else p
        for p in binding.params
    )
    return replace(binding, params=params)


_QUOTED = re.compile(r"""[`'"]([^`'"\s]{1,200})[`'"]""")  # bounded: a long cell never backtracks far
_FILE = re.compile(
    r"(?:[\w.~-]+/)*[\w~-][\w.~-]*\.(?:png|jpe?g|gif|bmp|tiff?|webp|svg|pdf|csv|tsv|json|jsonl|parquet|txt|md|html?|"
    r"xml|ya?ml|toml|gml|graphml|pkl|pickle|npy|npz|h5|hdf5|pt|bin|safetensors|onnx|zip|gz|log|xlsx?|db|sqlite)",
    re.IGNORECASE,
)


def _output_files(outputs: str) -> list[str]:
    """The distinct file paths a step's Outputs text quotes (`out/mask.png`), in order."""
    return list(dict.fromkeys(m for m in _QUOTED.findall(outputs) if _FILE.fullmatch(m)))


_PLACEHOLDER = re.compile(r"/+(?:path/(?:to|of)|your|my|some)(?:/|$)", re.IGNORECASE)


def _written_default(default: str | None, named: list[str]) -> str | None:
    """A written key's default: the one file the step's Outputs name, when the default is a path literal naming
    another file; else the default as it is. An Outputs file named without a folder (`sales_clean.parquet`) goes
    in the default's folder (`out/sales_clean.parquet`): the Outputs cell names the file, the example where it goes."""
    placeholder = literal_value(default)
    if isinstance(placeholder, str) and _PLACEHOLDER.match(placeholder):
        # `/path/to/pipeline`, the docs' placeholder: under the folder the workflow runs in, never the machine's root
        # (a default run wrote a pipeline to `/path/to/pipeline`, and the generated tests made `/path/to`)
        default = repr(placeholder.lstrip("/"))
    value = literal_value(default) if len(named) == 1 else None
    if not isinstance(value, str) or len(value) > 200 or not _FILE.fullmatch(value) or value == named[0]:
        return default
    folder = PurePosixPath(value).parent
    if "/" in named[0] or "\\" in value or str(folder) == ".":
        return repr(named[0])
    return repr(str(folder / named[0]))


# the simple types the generated runtime checks a value against (runtime/config.py's _TYPES)
_SIMPLE: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "str": (str,),
    "list": (list,),
    "dict": (dict,),
    "tuple": (list, tuple),
}


def with_spread_keys(binding: Binding) -> Binding:
    """The keys run() passes as `*name` (`completed.group_by(*by)`), marked spread: the runtime makes one value set
    alone (`--set 3.by=customer_id`) a tuple of it, which the call would otherwise spread letter by letter."""
    starred = [p.name for p in binding.params if f"*{p.name}" in binding.body]
    tree = _as_function(binding.body) if starred else None
    if tree is None:
        return binding
    spread = {
        node.value.id
        for node in walk(tree)
        if isinstance(node, ast.Starred) and isinstance(node.value, ast.Name) and node.value.id in starred
    }
    if not spread:
        return binding
    params = tuple(replace(p, spread=True) if p.name in spread else p for p in binding.params)
    return replace(binding, params=params)


def with_default_types(binding: Binding) -> Binding:
    """A key whose default does not fit its declared type takes the default's type beside it: the signature says
    `fmt: str`, the example passes `["%d", "%.4f"]` (numpy takes both), and the generated runtime refused the
    config's own default ("expected str, got list"); the type is `list | str`, so the declared one stays settable
    too (`positive: List[str]` with the example's "computer": a list of words is refused no more). A tuple default
    makes the type a tuple first, unless it says a list or a tuple."""
    params = []
    for param in binding.params:
        base = param.type.split("[", 1)[0].strip().lower()
        said = re.match(r"\s*(?:tuple|list)\b", base.split("|", 1)[0])  # `tuple (left, bottom, right, top)` says it
        if not said and not param.loader and isinstance(literal_value(param.default), tuple):
            # `pages=(0, 2)` where the library reads a tuple as a range and a list as indices (pypdf's append): the
            # config's array goes back to a tuple (the runtime reads a key typed `tuple | ...` so)
            params.append(replace(param, type=f"tuple | {param.type}" if param.type.strip() else "tuple"))
            continue
        value = literal_value(param.default) if base in _SIMPLE and not param.loader else None
        value = list(value) if isinstance(value, tuple) else value  # `size=(224, 224)`: config holds a list
        if value is None or type(value).__name__ not in _SIMPLE:
            params.append(param)
            continue
        fits = isinstance(value, _SIMPLE[base]) and not (isinstance(value, bool) and base in ("int", "float"))
        params.append(param if fits else replace(param, type=f"{type(value).__name__} | {param.type}"))
    return replace(binding, params=tuple(params))


def _keywords(call: ast.Call) -> list[ast.keyword]:
    """The keywords a call passes, those inside its `**given(...)` included (passed_when_set moved them there)."""
    found = [k for k in call.keywords if k.arg is not None]
    for keyword in call.keywords:
        inner = keyword.value
        if keyword.arg is None and isinstance(inner, ast.Call) and dotted(inner.func) == ("given",):
            found += inner.keywords
    return found


def _pass_when_set(stmt: ast.stmt, unset: set[str]) -> bool:
    """Move each call's keywords `k=name` (name a config key in unset) into one `**given(k=name, ...)`."""
    moved_any = False
    for node in [n for n in walk(stmt) if isinstance(n, ast.Call)]:
        moved = [k for k in node.keywords if k.arg and isinstance(k.value, ast.Name) and k.value.id in unset]
        if not moved:
            continue
        node.keywords = [k for k in node.keywords if k not in moved]
        given = ast.Call(func=ast.Name(id="given", ctx=ast.Load()), args=[], keywords=moved)
        node.keywords.append(ast.keyword(arg=None, value=given))
        moved_any = True
    return moved_any


def _text(step: Step) -> str:
    return " ".join((step.api_call, step.description, step.title))


def with_loop_count(workflow: Workflow, bindings: list[Binding]) -> list[Binding]:
    """Give the step that says "repeat steps N-M" its count key (epochs, iterations) from its key parameters."""
    result = list(bindings)
    for index, step in enumerate(workflow.steps):
        if not _REPEAT.search(_text(step)) or any(_COUNT.search(p.name) for p in result[index].params):
            continue
        counts = [(n, h) for n, h in key_hints(step).items() if _COUNT.search(n)]
        if counts:
            name, hint = counts[0]
            extra = ConfigParam(name, hint.type, hint.default, hint.default is None, hint.doc)
            result[index] = replace(result[index], params=result[index].params + (extra,))
    return result


def repeat_of(workflow: Workflow, bindings: list[Binding]) -> Repeat | None:
    """A loop the wiki describes ("repeat steps 3-6") and the config key holding its count."""
    for index, (step, binding) in enumerate(zip(workflow.steps, bindings, strict=True), start=1):
        m = _REPEAT.search(_text(step))
        if not m:
            continue
        first, last = int(m.group(1)), int(m.group(2))
        counts = [p.name for p in binding.params if _COUNT.search(p.name)]
        if counts and 1 <= first <= last < index:
            return Repeat(index, first, last, counts[0])
    return None


def with_needs(step: Step, binding: Binding, tables: Tables) -> Binding:
    """What the step needs beyond a CPU: from its dependencies and the modules it imports."""
    names = [d.strip("` ").lower() for d in step.external_dependencies] + [
        m.split(".")[0].lower() for m in binding.imports
    ]
    needs = [tables.needs[n] for n in dict.fromkeys(names) if n in tables.needs]
    called = set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", binding.body))
    needs += [text for api, text in tables.api_needs.items() if api in called]
    return replace(binding, needs=tuple(dict.fromkeys(needs))) if needs else binding


_RISKY_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "os.system",
    "os.popen",
    "os.remove",
    "os.unlink",
    "shutil.rmtree",
}


def _a_file(default: str | None) -> bool:
    """Whether a key's default is a file's name or path with an extension (`trips.parquet`, `out/mask.png`)."""
    value = literal_value(default) if default is not None else None
    return isinstance(value, str) and PLACE.fullmatch(value) is not None and bool(file_suffix(value))


def _as_function(body: str) -> ast.Module | None:
    """A step's code as the body of a function (where `return` and `yield` are valid), parsed once per process
    (pysource); None when it does not parse."""
    try:
        return parse_dedented("def _run():\n" + "\n".join("    " + line for line in body.split("\n")))
    except (SyntaxError, ValueError):
        return None


def functions_without_arguments(binding: Binding) -> set[str]:
    """The results of a step that are a function its code defines to be called with no arguments (`def
    build_model(in_features=8, hidden_size=32):`, handed on as `build_model`)."""
    tree = _as_function(binding.body) if binding.produces and "def " in binding.body else None
    if tree is None:
        return set()
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    return {
        node.name
        for node in function.body
        if isinstance(node, ast.FunctionDef)
        and node.name in binding.produces
        and len(node.args.defaults) == len(node.args.posonlyargs) + len(node.args.args)
        and None not in node.args.kw_defaults
    }


def risky_calls(body: str) -> list[str]:
    """Calls in a step's (copied) code that act on the system: eval/exec, shells, deletions, files opened for
    writing. The generated tests fake the libraries a step imports, not builtins, so these would really run."""
    tree = _as_function(body)
    if tree is None:
        return []
    found: list[str] = []
    for node in walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = ".".join(dotted(node.func))
        if name in _RISKY_CALLS or name.startswith("subprocess."):
            found.append(name)
        if any(
            k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        ):
            found.append(f"{name}(shell=...)")
        if name == "open":
            mode = (
                node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            )
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
                found.append(f"open(..., {mode.value!r})")
    return list(dict.fromkeys(found))


def needs_python(body: str) -> tuple[int, int]:
    """The oldest Python that runs a step's code (3.10 unless it uses `except*`, 3.11)."""
    tree = _as_function(body)
    if tree is None:
        return (3, 10)
    return (3, 11) if any(isinstance(node, ast.TryStar) for node in walk(tree)) else (3, 10)


# a key naming a column, a field or an id (`query_column`, `model_name`, `view_name`): its text, written again in a
# later step, is that name, not a word of its own
_NAMES_A_THING = re.compile(r"(?:_(?:column|col|field|name|id|key)s?|^columns?)$")


def with_recorded_keys(bindings: list[Binding]) -> list[Binding]:
    """A value an earlier step's key sets, written again as a literal in a later step, becomes a key of its own
    there, which follows the earlier key (generator/links.py) until it is set:
    - in a record the step makes (`metrics = {"mean_reward": mean, "n_eval_episodes": 10}` after a step whose key
      is `n_eval_episodes`): the record says what the run used;
    - anywhere but a record's field name, when the earlier key names a column, a field or an id (`query_column =
      "qid"`, then `df.groupby("qid")`; `model_name = "resnet18"`, then `{"arch": "resnet18"}`): a user who renames
      the column or picks another model changes every step that reads it."""
    result = list(bindings)
    earlier: dict[str, ConfigParam] = {}
    named: dict[str, list[str]] = {}  # a naming key's text -> the earlier keys set to it
    for index, binding in enumerate(bindings):
        if binding.source in (Source.EXAMPLE, Source.PATTERN) and earlier:
            result[index] = _record_keys(binding, earlier, named)
        for param in binding.params:
            if param.default is not None and not param.required:
                earlier.setdefault(param.name, param)
                value = literal_value(param.default)
                if _NAMES_A_THING.search(param.name) and isinstance(value, str) and len(value.strip()) > 1:
                    named.setdefault(value, []).append(param.name)
    return result


def _record_keys(binding: Binding, earlier: dict[str, ConfigParam], named: dict[str, list[str]]) -> Binding:
    if not any(f'"{text}"' in binding.body or f"'{text}'" in binding.body for text in [*earlier, *named]):
        return binding  # no earlier key's name or named text written as a text: nothing to parse for
    try:
        tree = ast.parse(binding.body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return binding
    taken = {p.name for p in binding.params} | set(binding.consumes)
    stored = {n.id for n in walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    found: dict[str, list[ast.Constant]] = {}
    for name, constants in _named_texts(tree, named, taken).items():
        found.setdefault(name, []).extend(constants)
    for node in walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if (
                isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and key.value in earlier
                and key.value not in taken
                and key.value not in stored
                and isinstance(value, ast.Constant)
                and isinstance(value.value, (int, float, str))
            ):
                found.setdefault(key.value, []).append(value)
    if not found:
        return binding
    lines = binding.body.split("\n")
    spans = sorted(  # a set: a record's value may be found both by its field and by its text
        {(c.lineno, c.col_offset, c.end_col_offset, name) for name, constants in found.items() for c in constants},
        reverse=True,
    )
    for line, start, end, name in spans:  # from the last, so earlier offsets stay right (UTF-8 byte offsets)
        raw = lines[line - 1].encode("utf-8")
        lines[line - 1] = (raw[:start] + name.encode() + raw[end:]).decode("utf-8")
    params = tuple(
        ConfigParam(name, earlier[name].type, None, True, earlier[name].description or "as the earlier step's key")
        for name in found
    )
    return replace(binding, body="\n".join(lines), params=binding.params + params)


def _named_texts(tree: ast.AST, named: dict[str, list[str]], taken: set[str]) -> dict[str, list[ast.Constant]]:
    """The one-line texts of tree equal to the value of exactly one earlier naming key, by that key's name: not a
    record's field name (`{"text": ...}` names a column of the step's own output), not part of an f-string, and
    only when the step has no key and no variable of that name."""
    if not named:
        return {}
    mentioned: set[str] = set()
    skipped: set[int] = set()
    for node in walk(tree):
        if isinstance(node, ast.Name):
            mentioned.add(node.id)
        elif isinstance(node, ast.Dict):
            skipped.update(id(key) for key in node.keys if key is not None)
        elif isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)
    found: dict[str, list[ast.Constant]] = {}
    for node in walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and node.lineno == node.end_lineno
            and len(named.get(node.value, ())) == 1
        ):
            name = named[node.value][0]
            if name not in taken and name not in mentioned:
                found.setdefault(name, []).append(node)
    return found
