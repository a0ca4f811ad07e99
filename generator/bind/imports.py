"""Where an imported name comes from: the implementation page, an example, another page of the wiki, a dotted
dependency, genrepo's symbols table, or the step's source location."""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from generator.bind.binding import Origin
from generator.bind.context import BindContext
from generator.deps import projects_package, repo_module, script_path
from generator.model import Step
from generator.slicing import names, prune_import


def wiki_imports(step: Step, ctx: BindContext) -> list[tuple[Origin, list[str]]]:
    """The import lines the wiki gives the current step, most its own first: its page's, its examples', the
    workflow page's (imported once, `from unsloth import X` at step 1), the other steps' pages'."""
    others = [
        line
        for other in ctx.workflow.steps
        if other.implementation and other is not step
        for line in other.implementation.imports
    ]
    own_examples = [
        ast.unparse(n)
        for ex in ctx.examples[ctx.index]
        for n in ex.tree.body
        if isinstance(n, (ast.Import, ast.ImportFrom))
    ]
    return [
        (Origin.PAGE, list(step.implementation.imports if step.implementation else ())),
        (Origin.EXAMPLE, own_examples),
        (Origin.EXAMPLE, list(ctx.workflow.page_imports)),
        (Origin.PAGE, others),
    ]


def module_names(ctx: BindContext, imports: list[str]) -> frozenset[str]:
    """The names the current step's code may read as modules: those the wiki's import lines for the step (read
    once per step) and imports bind, the top-level modules they import (`geopandas` of `import geopandas as gpd`),
    and the usual short names (`np`)."""
    known = ctx.step_modules.get(ctx.index)
    if known is None:
        lines = [line for _, found in wiki_imports(ctx.step, ctx) for line in found]
        known = ctx.step_modules[ctx.index] = frozenset(_modules_bound(lines) | set(ctx.tables.modules))
    return known | _modules_bound(imports)


def _modules_bound(lines: list[str]) -> set[str]:
    return bound_by(lines) | {m.split(".")[0] for m in modules_of(lines)}


def own_import(name: str, step: Step, ctx: BindContext) -> str:
    """The import line the step's own page or examples give for a builtin's name they rebind (`ascii` of `from
    astropy.io import ascii`); "" when they give none (another step's page does not rebind a builtin here)."""
    for _, lines in wiki_imports(step, ctx)[:2]:
        for line in lines:
            node = _import_node(line)
            pruned = prune_import(node, {name}) if node is not None else None
            if pruned is not None:
                return ast.unparse(pruned)
    return ""


def import_for(name: str, step: Step, ctx: BindContext) -> tuple[str, Origin]:
    """(import line, origin) binding `name`; ("", NONE) when nothing places it."""
    for origin, lines in wiki_imports(step, ctx):
        for line in lines:
            node = _import_node(line)
            if node is not None and name in names([node])[1]:
                pruned = prune_import(node, {name})
                if pruned is not None:
                    return ast.unparse(pruned), origin
    for dep in step.external_dependencies:
        parts = dep.strip("` ").split(".")
        if len(parts) >= 2 and parts[-1] == name and all(p.isidentifier() for p in parts):
            return f"from {'.'.join(parts[:-1])} import {name}", Origin.DERIVED
    symbols = ctx.tables.mapping.symbols
    if name in symbols:
        return f"from {symbols[name]} import {name}", Origin.SYMBOLS
    module = location_module(step.source_location, ctx)
    if module:
        return f"from {module} import {name}", Origin.DERIVED
    return "", Origin.NONE


def location_module(location: str, ctx: BindContext) -> str:
    """The module a source location names (`src/peft/utils/other.py` -> `peft.utils.other`). An absolute path (a
    scratch checkout the wiki's pipeline read) counts from its last known package (`.../langchain/agents/x.py`
    -> `langchain.agents.x`), or gives nothing."""
    text = location.strip("` ")
    m = re.match(r"^(/?[\w./-]+?)\.py\b", text)
    if not m or text.lower().startswith(("user", "(user")):
        return ""
    parts = [p for p in m.group(1).split("/") if p and p != "."]
    known = set(ctx.tables.mapping.imports) | {v.split(".")[0] for v in ctx.tables.mapping.symbols.values()}
    known |= {d.strip("` ").split(".")[0].lower() for s in ctx.workflow.steps for d in s.external_dependencies}
    repo = repo_module(ctx.workflow.source_repo_url)
    known.add(repo)
    # the project's package under a longer name, below a folder of the repository (`python/pyarrow/` of arrow)
    known |= {p for p in parts if projects_package(p, repo)}
    starts = [i for i, part in enumerate(parts) if part in known]
    if starts:
        parts = parts[starts[-1] :]
    elif m.group(1).startswith("/"):
        return ""
    elif parts and parts[0] == "src":
        parts = parts[1:]
    elif script_path(m.group(1)):
        return ""  # `examples/unconditional_image_generation/train_unconditional.py`: a script, no installed module
    if parts[-1:] == ["__init__"]:  # a package's own file: `Bio/SeqIO/__init__.py` is `Bio.SeqIO`
        parts = parts[:-1]
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else ""


@lru_cache(maxsize=4096)  # the same import lines are read for every step and example; the node is only read
def _import_node(line: str) -> ast.Import | ast.ImportFrom | None:
    try:
        tree = ast.parse(line)
    except SyntaxError:
        return None
    node = tree.body[0] if tree.body else None
    return node if isinstance(node, (ast.Import, ast.ImportFrom)) else None


def modules_of(import_lines: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The absolute modules a list of import lines imports."""
    modules: list[str] = []
    for line in import_lines:
        node = _import_node(line)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
        elif isinstance(node, ast.Import):
            modules.extend(a.name for a in node.names)
    return tuple(dict.fromkeys(modules))


def bound_by(import_lines: list[str]) -> set[str]:
    """The names a list of import lines binds."""
    bound: set[str] = set()
    for line in import_lines:
        node = _import_node(line)
        if node is not None:
            bound |= names([node])[1]
    return bound


def qualified(callee: tuple[str, ...], import_lines: list[str]) -> str:
    """`Trainer` with `from transformers import Trainer` -> "transformers.Trainer"; "" when not imported."""
    if not callee:
        return ""
    for line in import_lines:
        node = _import_node(line)
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if (alias.asname or alias.name) == callee[0]:
                    return ".".join((node.module, alias.name, *callee[1:]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.asname or alias.name.split(".")[0]) == callee[0]:
                    return ".".join(((alias.name if alias.asname else callee[0]), *callee[1:]))
    return ""


def module_import(name: str, step: Step, ctx: BindContext) -> str:
    """`import NAME` when NAME is a module the step itself names: the first part of an External Dependency or of
    its source location's module path (a name genrepo merely knows, like `github`, may be another language's). A
    capitalised top (`Bio`, `PIL`) only by its source location, as the module path there (`import Bio.SeqIO`)."""
    if not name.isidentifier():
        return ""
    if not name.islower():  # `Bio.SeqIO.parse` at `Bio/SeqIO/__init__.py`: the module, imported whole
        located = location_module(step.source_location, ctx)
        return f"import {located}" if located.split(".")[0] == name and "." in located else ""
    modules = {d.strip("` ").split(".")[0].lower() for d in step.external_dependencies}
    location = re.match(r"^(?:src/)?([A-Za-z_]\w*)/[\w/]*\.py\b", step.source_location.strip("` "))
    if location:
        modules.add(location.group(1))
    located = location_module(step.source_location, ctx)  # (`python/pyarrow/feather.py` of arrow: pyarrow)
    if located:
        modules.add(located.split(".")[0])
    if name in modules:
        return f"import {name}"
    return ""
