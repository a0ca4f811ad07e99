"""The binder's data tables (generator/data/names.toml, loaders.toml), extended by --mapping files."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.astwalk import walk
from generator.deps import Mapping, load_mapping
from generator.errors import UserError

_DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1024)
def _patterns(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Shell-style patterns as one expression, as fnmatch.fnmatchcase reads each (case-sensitive, whole text)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or r"(?!)")


@dataclass(frozen=True)
class Loader:
    """Builds an object a step needs from a config value; see generator/data/loaders.toml."""

    name: str
    doc: str
    names: tuple[str, ...]
    types: tuple[str, ...]
    code: str
    key: str = ""
    args: tuple[str, ...] = ()

    def matches(self, name: str, type_name: str = "") -> bool:
        """Whether a parameter name, or its type, matches one of the loader's shell-style patterns."""
        if _patterns(self.names).fullmatch(name):
            return True
        return bool(type_name) and _patterns(self.types).fullmatch(type_name) is not None

    @property
    def modules(self) -> tuple[str, ...]:
        """Top-level modules the loader's code imports."""
        found: list[str] = []
        for node in walk(ast.parse(self.code)):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append(node.module)
            elif isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
        return tuple(dict.fromkeys(found))

    def function(self) -> str:
        """The loader as a function of the generated loaders.py."""
        params = ", ".join(("value", *self.args))
        body = "\n".join(("    " + line) if line.strip() else "" for line in self.code.strip("\n").split("\n"))
        return f'def {self.name}({params}):\n    """{self.doc}."""\n{body}\n'


@dataclass(frozen=True)
class Rename:
    """A keyword a library renamed; since: the date (YYYY-MM-DD) the new name was released, when it is not
    usable in every release a wiki's date can pin (transformers 5's `warmup_steps` taking a ratio)."""

    to: str
    since: str | None = None

    def applies(self, as_of: str | None) -> bool:
        """Whether to write the new name for code pinned to releases before as_of (None: the newest)."""
        return self.since is None or as_of is None or self.since < as_of[:10]


@dataclass(frozen=True)
class Tables:
    """Everything the binder looks names up in."""

    mapping: Mapping
    modules: dict[str, str]
    first_params: dict[str, str]
    keep_literals: frozenset[str]
    keep_keywords: frozenset[str]
    aliases: tuple[tuple[str, ...], ...]
    artifact_names: tuple[tuple[str, str], ...]
    renames: dict[str, dict[str, Rename]]
    needs: dict[str, str]
    api_needs: dict[str, str]
    loaders: tuple[Loader, ...]
    stack: frozenset[str] = frozenset()  # libraries built on what the loaders import (loaders.toml `stack`)
    built_on: dict[str, frozenset[str]] = field(default_factory=dict)  # a library -> those built on it

    def loader_for(
        self,
        name: str,
        type_name: str = "",
        libraries: frozenset[str] = frozenset(),
        workflow_libraries: frozenset[str] = frozenset(),
    ) -> Loader | None:
        """The first loader matching an input's name or type. libraries: the top-level modules the step uses, when
        known; a loader importing a stack library then applies only to a step using one (a pandas `dtype` is no
        torch dtype, a statsmodels `data` no Hugging Face dataset). workflow_libraries: those all its steps use,
        when known; a loader importing a library others are built on (transformers) then applies only to a
        workflow using one of those (a plain torch workflow's `model` is no Hub model)."""
        off_stack = bool(libraries) and not libraries & self.stack
        return next(
            (
                loader
                for loader in self.loaders
                if loader.matches(name, type_name)
                and not (off_stack and {m.split(".")[0] for m in loader.modules} & self.stack)
                and self._built_on_used(loader, workflow_libraries)
            ),
            None,
        )

    def _built_on_used(self, loader: Loader, workflow_libraries: frozenset[str]) -> bool:
        """Whether the workflow uses, for each library the loader imports that others are built on, one built on
        it (or its libraries are not known)."""
        tops = {m.split(".")[0] for m in loader.modules}
        return not workflow_libraries or all(workflow_libraries & self.built_on[t] for t in tops if t in self.built_on)

    def loader(self, name: str) -> Loader:
        return next(loader for loader in self.loaders if loader.name == name)


def load_tables(extra: tuple[Path, ...] = ()) -> Tables:
    """The built-in tables, each --mapping file applied in order on top."""
    return _load_tables(tuple(str(p) for p in extra))


def _read(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise UserError(f"{path}: cannot read mapping file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML: {exc}") from None


@lru_cache(maxsize=8)
def _load_tables(extra: tuple[str, ...]) -> Tables:
    modules: dict[str, str] = {}
    first_params: dict[str, str] = {}
    keep: set[str] = set()
    keep_keywords: set[str] = set()
    aliases: list[tuple[str, ...]] = []
    artifact_names: dict[str, str] = {}
    renames: dict[str, dict[str, Rename]] = {}
    needs: dict[str, str] = {}
    api_needs: dict[str, str] = {}
    loaders: dict[str, Loader] = {}
    stack: set[str] = set()
    built_on: dict[str, frozenset[str]] = {}
    for path in (str(_DATA / "names.toml"), str(_DATA / "loaders.toml"), *extra):
        data = _read(path)
        stack.update(str(n) for n in data.get("stack", []))
        built_on.update({str(k): frozenset(str(n) for n in v) for k, v in data.get("built_on", {}).items()})
        modules.update({str(k): str(v) for k, v in data.get("modules", {}).items()})
        first_params.update({str(k): str(v) for k, v in data.get("first_params", {}).items()})
        keep.update(str(n) for n in data.get("keep_literals", {}).get("names", []))
        keep_keywords.update(str(n) for n in data.get("keep_literals", {}).get("keywords", []))
        aliases.extend(tuple(str(n) for n in group) for group in data.get("aliases", {}).get("groups", []))
        artifact_names.update({str(k): str(v) for k, v in data.get("artifact_names", {}).items()})
        for callee, table in data.get("renames", {}).items():
            renames.setdefault(str(callee), {}).update(
                {str(k): _rename(path, str(callee), str(k), v) for k, v in table.items()}
            )
        needs.update({str(k).lower(): str(v) for k, v in data.get("needs", {}).items()})
        api_needs.update({str(k): str(v) for k, v in data.get("api_needs", {}).items()})
        for name, entry in data.get("loaders", {}).items():
            loaders[str(name)] = _loader(path, str(name), entry)
    return Tables(
        mapping=load_mapping(tuple(Path(p) for p in extra)),
        modules=modules,
        first_params=first_params,
        keep_literals=frozenset(keep),
        keep_keywords=frozenset(keep_keywords),
        aliases=tuple(aliases),
        artifact_names=tuple(artifact_names.items()),
        renames=renames,
        needs=needs,
        api_needs=api_needs,
        loaders=tuple(loaders.values()),
        stack=frozenset(stack),
        built_on=built_on,
    )


def _rename(path: str, callee: str, old: str, entry: object) -> Rename:
    """`old = "new"`, or `old = { to = "new", since = "YYYY-MM-DD" }`."""
    if isinstance(entry, str):
        return Rename(entry)
    if isinstance(entry, dict) and isinstance(entry.get("to"), str) and isinstance(entry.get("since", ""), str):
        return Rename(entry["to"], entry.get("since") or None)
    raise UserError(
        f'{path}: [renames."{callee}"] {old}: write "new_name" or {{ to = "new_name", since = "YYYY-MM-DD" }}'
    )


def _loader(path: str, name: str, entry: object) -> Loader:
    if not name.isidentifier() or not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
        raise UserError(f"{path}: loader {name!r} needs an identifier name and a `code` string")
    try:
        ast.parse(entry["code"])
    except SyntaxError as exc:
        raise UserError(f"{path}: loader {name!r}: its code does not parse: {exc.msg}") from None
    return Loader(
        name=name,
        doc=str(entry.get("doc", name)).rstrip("."),
        names=tuple(str(n) for n in entry.get("names", [])),
        types=tuple(str(t) for t in entry.get("types", [])),
        code=entry["code"],
        key=str(entry.get("key", "")),
        args=tuple(str(a) for a in entry.get("args", [])),
    )
