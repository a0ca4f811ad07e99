"""Incremental runs: a wiki whose inputs are unchanged is not parsed again, an intact repository not rendered again.

The inputs of a run are every file below the wiki folder (path and sha256: a page added or removed changes
lookups too), genrepo itself (its version and the bytes of its code, data tables and template, so a
development checkout is as safe as a release), and the options that shape output (selected workflows,
mappings and their contents, accepted URL origins). Their digest keys a cache of the planned workflows in
the user's cache folder beside the resolution cache. A repository is left alone when the manifest on disk
is the one this cache recorded for the same inputs and pinned requirements and every file it lists still
has its recorded hash; otherwise it is rendered as usual, which writes only the files whose bytes change.

Per workflow, when the wiki changed: a workflow read by an earlier run is taken from the cache (Records) when
every path its reading looked at (pages read, pages looked for and absent, folder listings) is as it was, and
a planned workflow when the workflow and the options that shape planning are equal; so a page edit reads and
plans only the workflows that read it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_atomic

_CHUNK = 1 << 20
_code_digest: str | None = None


def cache_root() -> Path:
    """$GENREPO_CACHE_DIR, else the user cache folder / genrepo (the resolution cache lives in ./pins)."""
    if os.environ.get("GENREPO_CACHE_DIR"):
        return Path(os.environ["GENREPO_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "genrepo"


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def tree_digest(root: Path) -> str:
    """Digest of every entry below root: relative path plus content hash (a link's target, the kind of what is
    not a file). Dot folders (.git) and bytecode are left out: genrepo never reads them; Python rewrites them."""
    digest = hashlib.sha256()
    top = os.fspath(root)
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]  # os.walk lists, never enters, them
        base = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        for name in sorted([*files, *links]):
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):  # not followed: genrepo reads nothing outside the wiki, and a
                    value = f"link:{os.readlink(path)}"  # target inside has its own entry
                elif stat.S_ISREG(info.st_mode):
                    value = _small_digest(path) if info.st_size <= _CHUNK else file_digest(Path(path))
                else:
                    value = f"kind:{stat.S_IFMT(info.st_mode)}"
            except OSError as exc:  # unreadable: its state is the input
                value = f"error:{exc.errno}"
            digest.update(f"{prefix}{name}\0{value}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _small_digest(path: str) -> str:
    """file_digest of a file that fits one read (a wiki page, a module): one read, no loop."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def code_digest() -> str:
    """genrepo's version and the bytes of its code, data tables and template, once per process."""
    global _code_digest
    if _code_digest is None:
        from generator.render import template_dir

        parts = [__version__, tree_digest(Path(__file__).resolve().parent), tree_digest(template_dir())]
        _code_digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _code_digest


def inputs_key(
    index: Path,
    workflows: Iterable[str],
    mappings: Iterable[Path],
    origins: Iterable[str],
    options: dict[str, object] | None = None,
) -> str:
    """The digest of everything that shapes the planned workflows of one wiki (options: the other choices that
    shape planning, such as --set values and --wiki-date)."""
    index = Path(index)
    if index.is_dir():
        index = index / "_WorkflowIndex.md"
    root = index.parent.resolve()
    data = {
        "code": code_digest(),
        "wiki": tree_digest(root),
        "root": str(root),  # the planned wiki names its folder (reports, manifests)
        "index": index.name,
        "workflows": list(workflows),
        "mappings": mapping_digests(mappings),
        "origins": list(origins),
        "options": options or {},
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


KEEP_PLANS = 64  # planned wikis kept in the cache, the most recently used; older ones are deleted


def mapping_digests(mappings: Iterable[Path]) -> list[list[str | None]]:
    """Each --mapping file with the sha256 of its bytes (None when it is missing): what planning read from it."""
    return [[str(m), file_digest(Path(m)) if Path(m).is_file() else None] for m in mappings]


def load_plans(key: str) -> object | None:
    """The planned wiki a run with the same inputs stored, or None."""
    found: object | None = Records("plans", KEEP_PLANS).get(key)
    return found


def store_plans(key: str, value: object) -> None:
    """Remember a planned wiki for the next run with the same inputs; a cache that cannot be written is skipped.
    Only the KEEP_PLANS most recently stored or used are kept: every edit of a wiki makes a new entry."""
    plans = Records("plans", KEEP_PLANS)
    plans.put(key, value)
    plans.prune()


def _prune(folder: Path, pattern: str, keep: int) -> None:
    """Delete all but the keep most recently modified files matching pattern in folder."""
    entries = []
    for path in folder.glob(pattern):
        try:
            entries.append((path.stat().st_mtime_ns, path.name, path))
        except OSError:  # deleted by a run beside this one
            continue
    for _, _, path in sorted(entries, reverse=True)[keep:]:
        path.unlink(missing_ok=True)


class Records:
    """A folder of the cache holding pickled values by key (sha256 of genrepo's code and the key's text), the
    `keep` most recently used kept. Used per workflow: parse.wiki.WorkflowCache (a workflow read from its
    pages, with the trail of what it looked at) and planned workflows (keyed by the workflow and the options)."""

    def __init__(self, folder: str, keep: int) -> None:
        self.folder, self.keep = folder, keep

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(f"{code_digest()}\0{key}".encode("utf-8", "surrogateescape")).hexdigest()
        return cache_root() / self.folder / f"{digest}.pickle"

    def get(self, key: str) -> Any:
        path = self._path(key)
        try:
            found = pickle.loads(path.read_bytes())  # the user's own cache folder, written only by genrepo
            os.utime(path)
            return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, key: str, value: object) -> None:
        try:
            write_atomic(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass

    def prune(self) -> None:
        """Keep the `keep` most recently used entries (once per run: a folder listing per entry stored would make
        a large wiki's run quadratic)."""
        try:
            _prune(cache_root() / self.folder, "*.pickle", self.keep)
        except OSError:
            pass


class WorkflowRecords:
    """parse.wiki.WorkflowCache kept in the cache folder, for one wiki folder."""

    def __init__(self, root: Path) -> None:
        self.root = str(Path(root).resolve())
        self.records = Records("workflows", KEEP_WORKFLOWS)

    def get(self, identity: str) -> Any:
        from generator.parse.wiki import Built

        found = self.records.get(f"{self.root}\0{identity}")
        return found if isinstance(found, Built) else None

    def put(self, identity: str, built: object) -> None:
        self.records.put(f"{self.root}\0{identity}", built)

    def fresh(self, identity: str) -> bool:
        return False  # read by an earlier run: checked against the wiki as it is now

    def prune(self) -> None:
        self.records.prune()


KEEP_WORKFLOWS = 4096  # workflows (read, and planned) kept in the cache, the most recently used


def render_key(plan_text: str, rendering: object) -> str:
    """What one repository's rendered bytes depend on: genrepo's code and template, the planned workflow (its
    dataclass text: the workflow as read, bindings, requirements and pins; equal plans, equal text) and what
    rendering adds (rendering: JSON-able; the wiki's name and index, the options and commit in the manifest,
    where the index is). Per workflow: editing one page re-renders only the workflows that read it."""
    text = json.dumps([code_digest(), plan_text, rendering], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _rendered_path(key: str) -> Path:
    return cache_root() / "rendered" / f"{key}.json"


def remember_render(key: str, target: Path, manifest_name: str) -> None:
    """Record the manifest genrepo just wrote in target for these inputs."""
    try:
        digest = file_digest(target / manifest_name)
        write_atomic(_rendered_path(key), json.dumps({"manifest": digest}).encode())
    except OSError:
        pass


def intact(key: str, target: Path, manifest_name: str, pending_name: str) -> tuple[str, ...] | None:
    """The files of target when it holds exactly what genrepo rendered for these inputs (the recorded
    manifest, no unfinished update, every listed file with its recorded hash); None otherwise."""
    try:
        recorded = json.loads(_rendered_path(key).read_text(encoding="utf-8"))["manifest"]
        raw = (target / manifest_name).read_bytes()
        if hashlib.sha256(raw).hexdigest() != recorded or os.path.lexists(target / pending_name):
            return None
        outputs = json.loads(raw)["outputs"]
        for rel, digest in outputs.items():
            path = target / rel
            if path.is_symlink() or not path.is_file() or file_digest(path) != digest:
                return None
        return tuple(sorted([*outputs, manifest_name]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
