"""Pure planning: a parsed Workflow becomes a RepoPlan (names, steps, config, requirements, remote)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator import __version__
from generator.apitext import literal_value
from generator.bind import (
    Binding,
    ConfigParam,
    Loader,
    Repeat,
    Status,
    Tables,
    bind_workflow,
    load_tables,
    modules_of,
    needs_python,
)
from generator.deps import (
    PLACEHOLDER,
    Mapping,
    Placement,
    PlacementKind,
    build_of,
    listed_distributions,
    listed_requirements,
    merged_requirements,
    normalise_dist,
    place,
    projects_package,
    repo_module,
    requirement_name,
    spelled_by,
)
from generator.links import file_suffix, linked
from generator.model import Diagnostic, Step, Wiki, Workflow
from generator.naming import derived_repo_name, package_name, repo_name_from_url, slug
from generator.pin import as_of

_LOCATION = re.compile(
    r"^`?([\w./-]+\.(?:py|pyi|ipynb|ts|tsx|js|jsx|mjs|rs|go|java|kt|c|cc|cpp|h|hpp|cu|sh|md|rst|txt|toml|ya?ml|json|cfg|ini))`?"
    r"(?::L?(\d+)(?:\s*-\s*L?(\d+))?)?(?![\w.])"
)


@dataclass(frozen=True)
class StepPlan:
    """One generated step module."""

    step: Step
    module: str
    binding: Binding
    source_url: str | None

    @property
    def file(self) -> str:
        return f"steps/{self.module}.py"


@dataclass(frozen=True)
class RepoPlan:
    """Everything needed to render one repository, with no I/O done yet."""

    workflow: Workflow
    wiki: Wiki
    repo_name: str
    package_name: str
    remote_url: str | None
    steps: tuple[StepPlan, ...]
    repeat: Repeat | None
    requirements: tuple[str, ...]
    prerequisites: tuple[str, ...]
    unplaced: tuple[str, ...]
    warnings: tuple[Diagnostic, ...]
    errors: tuple[Diagnostic, ...]
    pinned: str | None = None  # the compiled requirements.txt, when pinned
    pin_note: str = "not pinned: run with pinning (the default) or pip-compile requirements.in"
    loaders: tuple[Loader, ...] = ()
    guessed: tuple[str, ...] = ()  # requirements only an import's module name gave: dropped when none exists

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def executable(self) -> bool:
        """Whether running the repository does any of the workflow's work: at least one step is bound."""
        return any(sp.binding.status is Status.BOUND for sp in self.steps)

    def count(self, status: Status) -> int:
        return sum(1 for sp in self.steps if sp.binding.status is status)

    @property
    def python_min(self) -> tuple[int, int]:
        """The oldest Python the generated code runs on (3.10, or 3.11 for `except*`)."""
        return max((needs_python(sp.binding.body) for sp in self.steps), default=(3, 10))

    @property
    def example_files(self) -> tuple[tuple[str, str], ...]:
        """(`module.key`, value) of every key holding a data file the wiki's example read (`edges.txt`): a default the
        user points at their own file; not a file the step writes, nor a key that follows another."""
        return self._example_data(remote=False)

    @property
    def example_downloads(self) -> tuple[tuple[str, str], ...]:
        """(`module.key`, value) of every key holding the address of a data file the wiki's example downloads
        (`https://.../iris.csv`): the run needs the network, or the user's own file."""
        return self._example_data(remote=True)

    def _example_data(self, remote: bool) -> tuple[tuple[str, str], ...]:
        return tuple(
            (f"{sp.module}.{p.name}", value)
            for sp in self.steps
            for p in sp.binding.params
            if not p.writes and not p.follows and p.default is not None
            for value in [literal_value(p.default)]
            # (`sqlite:///library.db`, `file:///data/x.csv`: an address with no host names a file on this machine)
            if isinstance(value, str) and ("://" in value and bool(urlsplit(value).netloc)) is remote
            for suffix in [file_suffix(urlsplit(value).path if "://" in value else value)[1:]]
            # `edges.txt`, `data/sales.csv`; not `Llama-3.2-1B`, nor a dotted name (`agents.structured_output.Data`)
            if suffix[:1].isalpha() and suffix.isalnum() and len(suffix) <= 12  # `model.safetensors`
        )

    @property
    def required_keys(self) -> tuple[str, ...]:
        """`module.key` of every config key the user must set before running (a key following another with a
        default has a value)."""
        return tuple(
            f"{sp.module}.{p.name}" for sp in self.steps for p in sp.binding.params if p.required and not p.follows
        )


_EXTERNAL = re.compile(r"\(\s*external\b|\bexternal (?:library|package|dependency)\b", re.IGNORECASE)


def source_url(repo_url: str | None, location: str, known: frozenset[str] = frozenset()) -> str | None:
    """A link to a step's source lines in the source repository, when both are known. A path written from inside
    the package (`pipelines/pipeline_utils.py`, where other steps cite `src/diffusers/pipelines/ddpm/...`) is read
    from the root those paths share."""
    if not repo_url or not location or _EXTERNAL.search(location):
        return None  # (`torch/serialization.py (external library)`: another project's file, not in repo_url)
    m = _LOCATION.match(location.strip())
    if not m or m.group(1).startswith(("/", ".")) or ".." in m.group(1):
        return None
    url = f"{repo_url}/blob/HEAD/{_rooted(m.group(1), known)}"
    if m.group(2):
        url += f"#L{m.group(2)}" + (f"-L{m.group(3)}" if m.group(3) else "")
    return url


def _rooted(path: str, known: frozenset[str]) -> str:
    """path as the repository roots it: under the one folder where the wiki's other paths hold its first folder
    (`pipelines/...` under `src/diffusers/`, which `src/diffusers/pipelines/ddpm/...` shows); itself otherwise (a
    bare file name, `train.py`, may be the repository's own)."""
    if "/" not in path:
        return path
    head = path.split("/", 1)[0]
    # (not `catboost/python-package/catboost/core.py`: a path starting with that folder is rooted there)
    roots = {
        k[: k.index("/" + head + "/") + 1] for k in known if "/" + head + "/" in k and not k.startswith(head + "/")
    }
    return roots.pop() + path if len(roots) == 1 else path


def source_paths(wiki: Wiki) -> dict[str | None, frozenset[str]]:
    """The source file paths the wiki's steps cite, by the repository they are in (read once per wiki: every
    workflow's links are rooted by them)."""
    found: dict[str | None, set[str]] = {}
    for workflow in wiki.workflows:
        for step in workflow.steps:
            m = _LOCATION.match(step.source_location.strip()) if step.source_location else None
            if m and not m.group(1).startswith(("/", ".")):
                repository = _cited_elsewhere(workflow, step) or workflow.source_repo_url
                found.setdefault(repository, set()).add(m.group(1))
    return {repository: frozenset(paths) for repository, paths in found.items()}


_PATH = re.compile(r"^\.?/?((?:[\w.@-]+/)*[\w-]+\.py)\b")


def _cited_elsewhere(workflow: Workflow, step: Step) -> str:
    """The GitHub repository the step's implementation page names when it is not the workflow's (its source
    location is a file of that repository), else ""."""
    cited = step.implementation.repository if step.implementation is not None else ""

    def named(url: str) -> str:  # owner/name, whatever the scheme, case or trailing `.git` and `/`
        return "/".join(url.lower().removesuffix("/").removesuffix(".git").split("/")[-2:])

    return cited if cited and named(cited) != named(workflow.source_repo_url or "") else ""


def source_modules(workflow: Workflow, mapping: Mapping) -> tuple[str, frozenset[str]]:
    """(the source project's own import name, modules internal to the repositories the wiki cites).

    Source locations name files that become importable once their repository is on the path: every
    file (`utils.py` -> `utils`) is such a module; so is every folder (`inference/`), unless it is a
    distribution we know of (a dependency the wiki lists, or one of genrepo's mapping tables), as in
    `src/transformers/trainer.py` cited by a page about a wrapper, or a package an environment page lists. The
    module named like the source repository is its package (on PyPI, like unsloth or micrograd), never internal;
    so is a package folder named like the wiki's namespace (`timm/` in a `huggingface_timm` wiki about
    huggingface/pytorch-image-models).
    """
    repo = repo_module(workflow.source_repo_url)
    known = {d.strip("` ").split(".")[0].lower() for step in workflow.steps for d in step.external_dependencies}
    known |= set(mapping.imports) | {module.split(".")[0].lower() for module in mapping.symbols.values()}
    known |= _environment_packages(workflow)
    files: set[str] = set()
    folders: set[str] = {"src"}
    packages: set[str] = set()  # the first folder of a cited path (below src/): where a package starts
    for step in workflow.steps:
        if _cited_elsewhere(workflow, step):
            continue  # `pandas/io/parsers/readers.py` in pandas-dev/pandas: pandas, not a module of the cited project
        locations = [step.source_location, *(a.source_location for a in step.supporting)]
        if step.implementation is not None:
            locations.append(step.implementation.source_file)
        for location in locations:
            for part in re.split(r",\s*", location or ""):
                m = _PATH.match(part.strip().strip("`"))
                if m:
                    *dirs, file = m.group(1).strip("/").split("/")
                    folders.update(d.lower() for d in dirs)
                    top = dirs[1:2] if dirs[:1] == ["src"] else dirs[:1]
                    packages.update(d.lower() for d in top)
                    files.add(file.removesuffix(".py").lower())
    # an import the mapping places is never the project's own module, whatever its files are called
    # (`python-package/lightgbm/sklearn.py` beside `import sklearn`: scikit-learn)
    # (nor a module of the standard library: "`csv` (Python standard library)" is no file of the project's)
    internal = {f for f in files if f.isidentifier() and f not in mapping.imports and f not in sys.stdlib_module_names}
    internal |= {d for d in folders if d.isidentifier() and d not in known}
    namespace = workflow.namespace.lower().replace("-", "_")
    internal -= {repo} | {p for p in packages if namespace == p or namespace.endswith(f"_{p}")}
    # the project's own package under a longer name (`torchvision` of pytorch/vision, `python/pyarrow/` of
    # apache/arrow): what the wiki is about, a distribution to install, not somebody's checkout
    internal -= {p for p in packages | folders if projects_package(p, repo)}
    return repo, frozenset(internal)


_LISTED = re.compile(r"`([A-Za-z][\w.-]*)`")


def _known_errors(workflow: Workflow) -> list[dict[str, str]]:
    """The Common Errors rows of the workflow's environment and heuristic pages, each error once (the first
    page's row), at most 16."""
    rows: dict[str, dict[str, str]] = {}
    for note in (*workflow.environments, *workflow.heuristics):
        for known in note.errors:
            row = {"error": known.error, "cause": known.cause, "solution": known.solution, "path": note.ref.path}
            rows.setdefault(" ".join(known.error.split()), row)
    return list(rows.values())[:16]


def _environment_packages(workflow: Workflow) -> set[str]:
    """Import names of the packages the workflow's environment pages list, quoted as code (`timm` >= 1.0,
    `huggingface_hub`); prose items (CUDA Toolkit 11.8) are not packages."""
    found: set[str] = set()
    for note in workflow.environments:
        for item in note.items:
            m = _LISTED.match(item.strip())
            if m:
                found.add(m.group(1).split(".")[0].lower().replace("-", "_"))
    return found


@dataclass(frozen=True)
class Requirements:
    """A workflow's dependencies: distributions, prerequisites for the README, names nothing placed."""

    distributions: tuple[str, ...]
    prerequisites: tuple[str, ...]
    unplaced: tuple[str, ...]
    placements: tuple[tuple[str, PlacementKind, str], ...]  # (name as written, kind, value)
    guessed: tuple[str, ...] = ()  # of the distributions, those only an import's module name gave (`model`)


_BARE = re.compile(r"[A-Za-z0-9][\w.-]*")  # a distribution's name and nothing more


def _namespace_packages(
    dists: set[str], placements: dict[str, tuple[PlacementKind, str]], listed: set[str]
) -> set[str]:
    """The distributions, the top of a namespace package placed only by its packages (`orbax` for `import
    orbax.checkpoint`) giving way to the distributions of those packages the wiki names (`orbax-checkpoint`, in
    the step tables or on an environment page): the top's name on PyPI is somebody else's project, or an old
    release that overwrites the package's files (orbax 0.1.7 ships an `orbax/checkpoint/` of its own). Never a
    top a name places by itself (`import torch` beside torch-geometric)."""
    placed = {normalise_dist(requirement_name(d)) for d in dists}
    kept = set(dists)
    for dist in (d for d in dists if _BARE.fullmatch(d)):
        sources = [name.lower() for name, (_, value) in placements.items() if value == dist]
        packages = {normalise_dist(f"{dist}-{name.split('.')[1]}") for name in sources if name.startswith(dist + ".")}
        if sources and all(name.startswith(dist + ".") for name in sources) and packages <= placed | listed:
            kept = (kept - {dist}) | (packages - placed)
    return kept


def requirements_for(workflow: Workflow, bindings: list[Binding], tables: Tables) -> Requirements:
    """Place every External Dependency and every module the step bodies (and their loaders) import."""
    mapping = tables.mapping
    _, internal = source_modules(workflow, mapping)
    dists: set[str] = set()
    system: set[str] = {d for step in workflow.steps for d in step.system_dependencies}
    unplaced: set[str] = set()
    internal_used: set[str] = set()
    placements: dict[str, tuple[PlacementKind, str]] = {}
    guessed: set[str] = set()  # distributions named after an import's module, by nothing else
    vouched: set[str] = set()  # those an External Dependency or genrepo's import table names
    # a dependency needed only sometimes ("optional, only if ..."): a requirement when a step imports it
    names = [
        dep for step in workflow.steps for dep in step.external_dependencies if dep not in step.optional_dependencies
    ]
    declared = set(names)
    names += [module for binding in bindings for module in binding.imports]
    # a step left to write: what its implementation page imports, so the user's code finds it installed
    names += [
        module
        for step, binding in zip(workflow.steps, bindings, strict=True)
        if binding.status is Status.STUB and step.implementation is not None
        for module in modules_of(step.implementation.imports)
    ]
    names += [
        module
        for name in dict.fromkeys(n for b in bindings for n in b.loaders)
        for module in tables.loader(name).modules
    ]
    for name in names:
        if PLACEHOLDER.match(name.split(".")[0]) and name.split(".")[0] not in mapping.imports:
            unplaced.add(name)  # an example's `from myapp.models import Base`: whatever PyPI project is called
            continue  # myapp is somebody else's code, never a requirement
        placement: Placement = place(name, mapping, internal)
        placements[name] = (placement.kind, placement.value)
        if placement.kind is PlacementKind.PYTHON:
            dists.add(placement.value)
            if name in declared or name.split(".")[0].lower() in mapping.imports:
                vouched.add(normalise_dist(requirement_name(placement.value)))
            else:
                guessed.add(normalise_dist(requirement_name(placement.value)))
        elif placement.kind is PlacementKind.SYSTEM:
            system.add(placement.value)
        elif placement.kind is PlacementKind.INTERNAL:
            internal_used.add(placement.value)
        elif placement.kind is PlacementKind.UNKNOWN:
            unplaced.add(name)
    items = [item for note in workflow.environments for item in note.items]
    # a distribution named by its import whose build the environment pages list under a longer name (`faiss`:
    # `faiss-cpu` >= 1.7.4; no `faiss` distribution installs): that build
    # (`opencv-python` for `import cv2`, where the page lists `opencv-python-headless`, alike)
    listed_dists = listed_distributions(items)
    builds = {d: build_of(d, listed_dists) for d in dists if _BARE.fullmatch(d)}
    # an import no table places, whose distribution the environment pages list under a longer name (`import pywt`:
    # `PyWavelets` >= 1.8; no `pywt` distribution exists): that one, among those nothing else placed
    mapped = {normalise_dist(v) for v in mapping.imports.values()}
    unclaimed = listed_dists - {normalise_dist(d) for d in dists}
    builds |= {
        d: spelled_by(d, unclaimed)
        for d in dists
        if _BARE.fullmatch(d) and not builds.get(d) and normalise_dist(d) not in listed_dists | mapped
    }
    dists = {builds.get(d) or d for d in dists}
    # an import's distribution beside a build of it the wiki names (`opencv-python` for `import cv2`, where the
    # External Dependencies say `opencv-python-headless`): both install the same module, so only the build stays
    named = {normalise_dist(requirement_name(d)) for d in dists}
    dists = {d for d in dists if not (_BARE.fullmatch(d) and build_of(d, named - {normalise_dist(d)}))}
    dists = _namespace_packages(dists, placements, listed_dists)
    # the source project published under its repository's name, which the environment pages list
    # (`imbalanced-learn` >= 0.13 for `import imblearn`, of scikit-learn-contrib/imbalanced-learn): its modules come
    # from that distribution, not from a checkout
    published = normalise_dist(repo_module(workflow.source_repo_url))
    if internal_used and published in listed_dists:
        dists.add(published)
        placements.update(
            {
                name: (PlacementKind.PYTHON, published)
                for name, (kind, _) in placements.items()
                if kind is PlacementKind.INTERNAL
            }
        )
        internal_used = set()
    # the versions the environment pages list, for the distributions placed (not for every package they name)
    listed = listed_requirements(items)
    specified = {normalise_dist(requirement_name(d)) for d in dists if not _BARE.fullmatch(d)}
    dists |= {
        d + listed[normalise_dist(d)]
        for d in dists
        if _BARE.fullmatch(d) and normalise_dist(d) in listed and normalise_dist(d) not in specified
    }
    if internal_used and workflow.source_repo_url:
        system.add(
            f"a checkout of {workflow.source_repo_url} on PYTHONPATH (for its modules {', '.join(sorted(internal_used))})"
        )
    elif internal_used:
        system.add(f"the source project's modules {', '.join(sorted(internal_used))} on PYTHONPATH")
    distributions = merged_requirements(dists)
    guessed -= vouched | listed_dists
    return Requirements(
        distributions,
        tuple(sorted(system)),
        tuple(sorted(unplaced)),
        tuple((k, v[0], v[1]) for k, v in sorted(placements.items())),
        tuple(d for d in distributions if normalise_dist(requirement_name(d)) in guessed),
    )


def unshadowed(package: str, bindings: list[Binding], tables: Tables) -> str:
    """The package name, prefixed when it would shadow a module: the standard library's (a repo called
    `logging`), or one the steps or their loaders import (a repo called `peft` whose steps import peft)."""
    imported = {m.split(".")[0] for b in bindings for m in b.imports}
    imported |= {m.split(".")[0] for b in bindings for name in b.loaders for m in tables.loader(name).modules}
    if package in sys.stdlib_module_names or package in imported or package in ("runtime", "loaders", "steps", "tests"):
        return f"wf_{package}"
    return package


def plan_workflow(
    wiki: Wiki,
    workflow: Workflow,
    tables: Tables | None = None,
    wiki_date: bool = False,
    sources: dict[str | None, frozenset[str]] | None = None,
) -> RepoPlan:
    """Plan one repository for a workflow, for the newest releases (wiki_date: those of the wiki's date); sources:
    source_paths(wiki), when the caller plans several workflows of one wiki."""
    tables = tables or load_tables()
    sources = source_paths(wiki) if sources is None else sources
    if workflow.github_url:
        repo_name = repo_name_from_url(workflow.github_url)
    else:
        repo_name = derived_repo_name(workflow.namespace, workflow.short_name)
    steps: list[StepPlan] = []
    used: set[str] = set()
    bound = bind_workflow(workflow, tables, as_of(workflow.last_updated) if wiki_date else None)
    bindings, bind_warnings = list(bound.bindings), list(bound.warnings)
    for position, (step, binding) in enumerate(zip(workflow.steps, bindings, strict=True), start=1):
        module = f"step_{position:02d}_{slug(step.name or step.title, '_', 'step', 40)}"
        while module in used:
            module += "_x"
        used.add(module)
        repository = _cited_elsewhere(workflow, step) or workflow.source_repo_url
        known = sources.get(repository, frozenset())
        steps.append(StepPlan(step, module, binding, source_url(repository, step.source_location, known)))
    steps = linked(steps)
    requirements = requirements_for(workflow, bindings, tables)
    warnings = list(workflow.warnings) + bind_warnings
    placeholders = [n for n in requirements.unplaced if PLACEHOLDER.match(n.split(".")[0])]
    others = [n for n in requirements.unplaced if n not in placeholders]
    if others:
        names = ", ".join(others)
        warnings.append(
            Diagnostic(f"dependencies placed as neither a distribution nor a prerequisite: {names}", workflow.ref)
        )
    if placeholders:
        names = ", ".join(placeholders)
        warnings.append(
            Diagnostic(
                f"the examples import {names}, a name examples give the reader's own code: no distribution of that "
                "name is required (PyPI's would be somebody else's); put your module there, or edit the import",
                workflow.ref,
            )
        )
    used_loaders = tuple(tables.loader(n) for n in dict.fromkeys(n for b in bindings for n in b.loaders))
    package = unshadowed(package_name(repo_name), bindings, tables)
    return RepoPlan(
        workflow=workflow,
        wiki=wiki,
        repo_name=repo_name,
        package_name=package,
        remote_url=workflow.github_url,
        steps=tuple(steps),
        repeat=bound.repeat,
        requirements=requirements.distributions,
        guessed=requirements.guessed,
        prerequisites=requirements.prerequisites,
        unplaced=requirements.unplaced,
        warnings=tuple(warnings),
        errors=workflow.errors,
        loaders=used_loaders,
    )


def failed_plan(wiki: Wiki, workflow: Workflow, reason: str) -> RepoPlan:
    """A plan that only carries an error, for a workflow genrepo could not plan."""
    name = (
        repo_name_from_url(workflow.github_url)
        if workflow.github_url
        else derived_repo_name(workflow.namespace, workflow.short_name)
    )
    return RepoPlan(
        workflow=workflow,
        wiki=wiki,
        repo_name=name,
        package_name=package_name(name),
        remote_url=workflow.github_url,
        steps=(),
        repeat=None,
        requirements=(),
        prerequisites=(),
        unplaced=(),
        warnings=workflow.warnings,
        errors=workflow.errors + (Diagnostic(reason, workflow.ref),),
    )


def _param_context(param: ConfigParam) -> dict[str, str | bool | None]:
    return {
        "name": param.name,
        "type": param.type,
        "default": param.default,
        "required": param.required,
        "description": param.description,
        "loader": param.loader,
        "writes": param.writes,
        "follows": param.follows,
        "spread": param.spread,
    }


def _repeat_context(repeat: Repeat | None) -> dict[str, int | str] | None:
    if repeat is None:
        return None
    return {"step": repeat.step, "first": repeat.first, "last": repeat.last, "key": repeat.key}


# a relative path a .gitignore line holds as written: no pattern characters, no `..`, no hidden first part
_IGNORABLE = re.compile(r"(?:\./)?([A-Za-z0-9_][\w.-]*(?:/[A-Za-z0-9_][\w.-]*)*)/?")
_OWN_TOP = frozenset({"src", "tests", "outputs", "artifacts"})  # the repository's own folders, and those ignored


def written_paths(plan: RepoPlan) -> list[str]:
    """What the steps write by default (a written key's literal relative path: `out/sales_clean.parquet`), as
    .gitignore lines anchored at the top: a run's results, not source, so `git add .` after a run leaves them out."""
    found: dict[str, None] = {}
    for sp in plan.steps:
        for param in sp.binding.params:
            value = literal_value(param.default) if param.writes else None
            match = _IGNORABLE.fullmatch(value) if isinstance(value, str) and len(value) <= 200 else None
            if match and ".." not in match.group(1).split("/") and match.group(1).split("/")[0] not in _OWN_TOP:
                found["/" + match.group(1)] = None
    return list(found)


def context(plan: RepoPlan) -> dict[str, Any]:
    """The template context: plain JSON data with a fixed shape (lists, never free-form dicts)."""
    wf = plan.workflow
    wiki = plan.wiki
    return {
        "generator_version": __version__,
        "name": wf.name,
        "title": wf.title,
        "namespace": wf.namespace,
        "overview": wf.overview,
        "description": wf.description,
        "usage": wf.usage,
        "mermaid": wf.mermaid,
        "mermaid_fence": "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", wf.mermaid)), default=0)),
        "python_min": "{}.{}".format(*plan.python_min),
        "python_versions": [f"3.{minor}" for minor in range(plan.python_min[1], 13)],
        "repeat": _repeat_context(plan.repeat),
        "executable": plan.executable,
        "loaders": [{"name": loader.name, "doc": loader.doc, "function": loader.function()} for loader in plan.loaders],
        "domains": list(wf.domains),
        "last_updated": wf.last_updated,
        "remote_url": plan.remote_url,
        "github_url_status": str(wf.github_url_status),
        "source_repo_url": wf.source_repo_url,
        "sources": [{"kind": s.kind, "title": s.title, "url": s.url} for s in wf.sources],
        "wiki_name": Path(wiki.root).name,
        "index_path": wiki.index_path,
        "index_line": wf.ref.line,
        "page_path": wf.page_path or "",
        "requirements": list(plan.requirements),
        "requirements_txt": plan.pinned,
        "pin_note": plan.pin_note,
        "prerequisites": list(plan.prerequisites),
        "environments": [
            {"title": n.title, "summary": n.summary, "points": list(n.items), "path": n.ref.path}
            for n in wf.environments
        ],
        "heuristics": [
            {"title": n.title, "summary": n.summary, "points": list(n.items), "path": n.ref.path} for n in wf.heuristics
        ],
        "known_errors": _known_errors(wf),
        "steps": [
            {
                "number": position,
                "wiki_number": sp.step.number,
                "module": sp.module,
                "name": sp.step.name,
                "title": sp.step.title,
                "description": sp.step.description,
                "api_call": sp.step.api_call,
                "source_location": sp.step.source_location,
                "source_url": sp.source_url,
                "inputs": sp.step.inputs,
                "outputs": sp.step.outputs,
                "ref": str(sp.step.ref),
                "kind": str(sp.binding.kind),
                "status": str(sp.binding.status),
                "bound": sp.binding.bound,
                "needs_implementation": sp.binding.needs_implementation,
                "source": str(sp.binding.source),
                "import_line": sp.binding.import_line,
                "import_origin": str(sp.binding.import_origin),
                "imports": list(sp.binding.imports),
                "target": sp.binding.target,
                "unpack": sp.binding.unpack,
                "consumes": list(sp.binding.consumes),
                "produces": list(sp.binding.produces),
                "params": [_param_context(p) for p in sp.binding.params],
                "signature": ", ".join([*sp.binding.consumes, *(p.name for p in sp.binding.params)]),
                "body": sp.binding.body,
                "notes": list(sp.binding.notes),
                "changes": list(sp.binding.changes),
                "needs": list(sp.binding.needs),
            }
            for position, sp in enumerate(plan.steps, start=1)
        ],
        "files": [{"path": f.path, "sha256": f.sha256} for f in plan.workflow.files or wiki.files],
        "written": written_paths(plan),
        "expectations": [  # a list: cookiecutter merges a dict into cookiecutter.json's sample, keeping its keys
            {
                "module": sp.module,
                "imports": list(sp.binding.imports),
                "target": sp.binding.target,
                "unpack": sp.binding.unpack,
            }
            for sp in plan.steps
        ],
    }
