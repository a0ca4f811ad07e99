"""Names a wiki gives for dependencies, placed as PyPI distributions, system prerequisites or neither."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "distributions.toml"
_DIST = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")  # PEP 508: ends with a letter or digit
_MORE_THAN_A_NAME = re.compile(r"[\[<>=!~;]")  # extras, a version specifier or a marker
_RANGE_OR_MARKER = re.compile(r"[<>=!~;]")  # a version specifier or a marker
_ACTION = re.compile(r"^[\w.-]+/[\w.-]+(@[\w.-]+)?$")
# module names examples use for the reader's own code (`from myapp.models import Base`, `import your_module`)
PLACEHOLDER = re.compile(
    r"^(?:my|your|the)_?(?:app|application|project|package|pkg|module|mod|lib|library|code|models?|utils?|"
    r"service|tools?)s?\d*$|^(?:example|sample|demo)_?(?:app|project|package|module)$"
)


class PlacementKind(StrEnum):
    """Where a dependency name goes."""

    PYTHON = "python"  # a distribution to require
    SYSTEM = "system"  # a prerequisite to install by other means
    INTERNAL = "internal"  # a module of the source project itself
    STDLIB = "stdlib"  # the standard library: nothing to install
    IGNORE = "ignore"  # not a dependency ("none", "-")
    UNKNOWN = "unknown"  # none of these, as far as genrepo can tell


@dataclass(frozen=True)
class Placement:
    """Where a dependency name goes, with the distribution, prerequisite or module it stands for (value)."""

    name: str
    kind: PlacementKind
    value: str = ""


@dataclass(frozen=True)
class Mapping:
    imports: dict[str, str]
    prose: dict[str, str]
    system: dict[str, str]
    ignore: frozenset[str]
    symbols: dict[str, str]


def load_mapping(extra: tuple[Path, ...] = ()) -> Mapping:
    """The built-in mapping, updated by each extra TOML file in order."""
    return _load_mapping(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _load_mapping(extra: tuple[str, ...]) -> Mapping:
    tables: dict[str, dict[str, str]] = {"imports": {}, "prose": {}, "system": {}, "ignore": {}}
    symbols: dict[str, str] = {}
    for path in (str(_DATA), *extra):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for key in tables:
            tables[key].update({str(k).lower(): str(v) for k, v in data.get(key, {}).items()})
        symbols.update({str(k): str(v) for k, v in data.get("symbols", {}).items()})
    return Mapping(tables["imports"], tables["prose"], tables["system"], frozenset(tables["ignore"]), symbols)


def requirement_name(text: str) -> str:
    """The distribution a requirement names, as written: `torch` of `torch[cuda]>=2.0; python_version < "3.12"`."""
    return re.split(r"[\[<>=!~;\s]", text, maxsplit=1)[0]


def normalise_dist(name: str) -> str:
    """PEP 503 normalised distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def repo_module(url: str | None) -> str:
    """The module name a source repository's own package goes by (`https://github.com/pytorch/vision` -> `vision`)."""
    return (url or "").rsplit("/", 1)[-1].lower().replace("-", "_")


# the folders of a repository that hold scripts, tests or documents, never a package a distribution installs
_SCRIPT_FOLDERS = frozenset(
    ("examples", "example", "scripts", "script", "tests", "test", "docs", "doc", "benchmarks", "notebooks", "tutorials")
)


def script_path(path: str) -> bool:
    """Whether a repository path lies in a folder of scripts, tests or documents
    (`examples/unconditional_image_generation/train_unconditional.py`): no installed module is there."""
    first = path.strip("`/ ").removeprefix("./").split("/", 1)
    return len(first) == 2 and first[0].lower() in _SCRIPT_FOLDERS


def projects_package(name: str, repo: str) -> bool:
    """Whether a folder is the source project's own package under a longer name (`torchvision` of vision,
    `pyarrow` of arrow): what a wiki is about, published, never a module of somebody's checkout."""
    return len(repo) >= 4 and repo in name.lower() and name.isidentifier()


def place(raw: str, mapping: Mapping, internal: frozenset[str] = frozenset()) -> Placement:
    """Place one dependency name; internal holds the source project's own top-level modules."""
    text = re.sub(r"\(.*?\)", "", raw).strip().strip("`'\" ").rstrip(".")
    key = text.lower()
    if not key or key in mapping.ignore or key in ("none", "n/a", "-", "—"):
        return Placement(raw, PlacementKind.IGNORE)
    if key in mapping.system:
        return Placement(raw, PlacementKind.SYSTEM, mapping.system[key])
    if key in mapping.prose:
        return Placement(raw, PlacementKind.PYTHON, normalise_dist(mapping.prose[key]))
    if (_ACTION.match(text) and "." not in text.split("/")[0]) or re.search(r"-action(@[\w.-]+)?$", key):
        return Placement(raw, PlacementKind.SYSTEM, f"GitHub Action {text}")
    head = re.split(r"[.\s\[<>=!~;]", key, maxsplit=1)[0]
    if head in internal:
        return Placement(raw, PlacementKind.INTERNAL, head)
    if head in sys.stdlib_module_names:
        return Placement(raw, PlacementKind.STDLIB, head)
    versions = _versions((raw.strip().strip("`").strip(), text), head)
    parts = re.split(r"[\s\[<>=!~;]", key, maxsplit=1)[0].split(".")
    for n in range(len(parts), 0, -1):  # a package of a namespace first (`orbax.checkpoint`: orbax-checkpoint)
        if ".".join(parts[:n]) in mapping.imports:
            return Placement(raw, PlacementKind.PYTHON, normalise_dist(mapping.imports[".".join(parts[:n])]) + versions)
    if head in mapping.system:
        return Placement(raw, PlacementKind.SYSTEM, mapping.system[head])
    if _DIST.match(head) and (" " not in key or versions):
        return Placement(raw, PlacementKind.PYTHON, normalise_dist(head) + versions)
    return Placement(raw, PlacementKind.UNKNOWN)


def _versions(texts: tuple[str, ...], head: str) -> str:
    """The extras, version specifier and marker a dependency written as a requirement gives (`transformers>=4.30`,
    `peft (>=0.7)`, `torch[cpu]==2.1; python_version < "3.12"`, `bitsandbytes>=0.41 (for QLoRA)`), to follow the
    distribution's name: from the first of texts that is a valid requirement of that distribution; "" when none
    is or it says nothing more (the name alone is required then, as before)."""
    from packaging.requirements import InvalidRequirement, Requirement

    for text in texts:
        if not _MORE_THAN_A_NAME.search(text):
            continue
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.url or normalise_dist(requirement.name) != normalise_dist(head):
            continue
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        marker = f"; {requirement.marker}" if requirement.marker else ""
        return f"{extras}{requirement.specifier}{marker}"
    return ""


_LISTED_ITEM = re.compile(r"\s*`([^`]+)`\s*(.*)")
_SPECIFIER = re.compile(r"\(?\s*((?:(?:===|[<>!=~]=|[<>])\s*[\w.*+!-]+\s*,?\s*)+)")


def listed_requirements(items: Iterable[str]) -> dict[str, str]:
    """What an environment page's package list says of each distribution's versions, by normalised name:
    `optuna` >= 3.0 -> ">=3.0", `huggingface-hub` >= 1.2.1, < 2.0 -> "<2.0,>=1.2.1", `peft>=0.7` -> ">=0.7"; an item
    with no valid specifier nor extras (`scipy` (for certain operations), `CUDA_VISIBLE_DEVICES`: ...), or with a
    marker only, says nothing; extras stay (`dask[dataframe]` >= 2024.12 -> "[dataframe]>=2024.12")."""
    found: dict[str, str] = {}
    for item in items:
        m = _LISTED_ITEM.match(item)
        if m is None:
            continue
        inside, after = m.group(1).strip(), m.group(2)
        spec = _SPECIFIER.match(after)
        # `dask[dataframe]` >= 2024.12: the extras inside the quotes, the range after them
        text = inside if _RANGE_OR_MARKER.search(inside) else inside + (spec.group(1).strip(" ,") if spec else "")
        head = requirement_name(text)
        versions = _ranges(text, head)
        if versions:
            found.setdefault(normalise_dist(head), versions)
    return found


def listed_distributions(items: Iterable[str]) -> set[str]:
    """The normalised names of the distributions an environment page's package items quote (`faiss-cpu` >= 1.7)."""
    found = set()
    for item in items:
        m = _LISTED_ITEM.match(item)
        head = requirement_name(m.group(1).strip()) if m else ""
        if head.isupper():  # `TRANSFORMERS_CACHE`: an environment variable, no distribution
            continue
        head = head.lower()
        if _DIST.match(head):
            found.add(normalise_dist(head))
    return found


def spelled_by(dist: str, listed: Iterable[str]) -> str | None:
    """The one listed distribution whose name spells dist's letters in order, from its first (`pywt`: pywavelets,
    `imblearn`: imbalanced-learn, `bs4`: beautifulsoup4): a distribution an import is short for; None when not one."""
    name = normalise_dist(dist)
    letters = name.replace("-", "")
    found = [
        k
        for k in listed
        # (not `unsloth-zoo` for unsloth, `jaxlib` for jax, `torchvision` for torch: a companion named after it)
        if not k.startswith(name) and k[:1] == letters[:1] and _spells(k, letters)
    ]
    return found[0] if len(found) == 1 else None


def _spells(name: str, letters: str) -> bool:
    rest = iter(name)
    return all(letter in rest for letter in letters)  # each letter found after the one before


_QUALIFIERS = re.compile(r"cpu|gpu|python|py|headless|binary|bin|lite|slim|cu\d+|rocm\d*")


def build_of(dist: str, listed: set[str]) -> str | None:
    """The one listed distribution that is a build of dist under a longer name (`faiss`: faiss-cpu, `dotenv`:
    python-dotenv, `psycopg2`: psycopg2-binary): dist's name with qualifiers only; None when there is not one."""
    name = normalise_dist(dist)
    if name in listed:  # `onnxruntime` listed beside `onnxruntime-gpu`: the plain one
        return None
    found = [k for k in listed if k != name and _qualified(name, k)]
    return found[0] if len(found) == 1 else None


def _qualified(name: str, build: str) -> bool:
    """Whether build is name with qualifiers added: `faiss-cpu` of faiss, `opencv-python-headless` of
    opencv-python, `python-dotenv` of dotenv."""
    parts, more = name.split("-"), build.split("-")
    for start in range(len(more) - len(parts) + 1):
        if more[start : start + len(parts)] == parts:
            rest = more[:start] + more[start + len(parts) :]
            return bool(rest) and all(_QUALIFIERS.fullmatch(p) for p in rest)
    return False


def _ranges(text: str, head: str) -> str:
    """The extras, version ranges and marker a listed requirement gives (`torch[cuda]>=2.0; python_version <
    "3.12"`), without its exact pins: `numpy==1.24.1` on a page copies one project's lock file, which the newest
    releases (or the wiki date's) would contradict; `>=`, `<`, `!=` and `~=` say what works. "" when neither a
    range nor extras are left, or the text is no requirement of head."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return ""
    if requirement.url or normalise_dist(requirement.name) != normalise_dist(head):
        return ""
    kept = sorted(str(s) for s in requirement.specifier if s.operator not in ("==", "==="))
    if not kept and not requirement.extras:  # extras alone say what to install (`dask[dataframe]`: pandas too)
        return ""
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    marker = f"; {requirement.marker}" if requirement.marker else ""
    return f"{extras}{','.join(kept)}{marker}"


def merged_requirements(requirements: set[str]) -> tuple[str, ...]:
    """Requirements sorted, a distribution's bare name left out when a requirement of the same distribution says
    more (`transformers>=4.30` from the wiki's dependencies, `transformers` from a step's import)."""
    said = {requirement_name(r) for r in requirements if _MORE_THAN_A_NAME.search(r)}
    return tuple(sorted(r for r in requirements if r not in said))
