"""Generated Python formatted like hand-written code: `ruff format` over rendered trees, with each tree's own
pyproject.toml settings (line length, target version), never the user's ruff configuration.

One ruff process formats every tree of a batch (a process per repository cost more than rendering it), and a
source this process has formatted before under the same settings is not sent again: the vendored runtime is
the same bytes in every repository.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tomllib
from pathlib import Path

from generator.errors import RenderError

_DONE: dict[bytes, bytes] = {}  # sha256(settings, source) -> formatted source, most recently used last
_KEEP = 4096  # sources remembered: the runtime files of every repository, and room for a batch's own


def ruff_binary() -> str:
    """The ruff executable installed with genrepo."""
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def _settings(root: Path, files: dict[str, bytes]) -> tuple[str, Path | None]:
    """(the tree's ruff settings as a stable key, its pyproject.toml), from the [tool.ruff] table only."""
    data = files.get("pyproject.toml")
    if data is None:
        return "", None
    config = root / "pyproject.toml"
    try:
        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("ruff", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"unreadable:{config}", config  # ruff reads it itself and says what is wrong
    return json.dumps(table, sort_keys=True), config


def format_trees(trees: list[tuple[Path, dict[str, bytes]]], names: dict[Path, str] | None = None) -> None:
    """Format the .py files of each tree (its folder, and relative path -> bytes as read from it), in memory
    and on disk: a file ruff changes gets the new bytes in both (Python only: never README.md's code blocks).
    One ruff call per distinct settings; raises RenderError with ruff's reason when it cannot, naming each tree
    by names[folder] (its repository: the scratch folder it is rendered in means nothing to a reader)."""
    groups: dict[str, tuple[Path | None, list[tuple[Path, dict[str, bytes], str]]]] = {}
    roots = {root: (names or {}).get(root, root.name) for root, _ in trees}  # folder -> repository name
    try:
        for root, files in trees:
            key, config = _settings(root, files)
            group = groups.setdefault(key, (config, []))[1]
            group.extend((root, files, rel) for rel in sorted(files) if rel.endswith(".py"))
        for key, (config, sources) in groups.items():
            _format_files(key, config, sources, roots)
    except OSError as exc:  # a full disk or /tmp: this batch's repositories fail, said plainly, the run goes on
        listed = ", ".join(sorted(roots.values()))[:200]
        where = f" ({exc.filename})" if exc.filename else ""
        raise RenderError(f"ruff format could not run on {listed}: {exc.strerror or exc}{where}") from None


def _format_files(
    key: str, config: Path | None, sources: list[tuple[Path, dict[str, bytes], str]], roots: dict[Path, str]
) -> None:
    todo: dict[bytes, tuple[bytes, Path]] = {}  # digest -> (source not formatted yet, the file ruff formats)
    digests: list[tuple[Path, dict[str, bytes], str, bytes]] = []
    for root, files, rel in sources:
        digest = hashlib.sha256(key.encode() + b"\0" + files[rel]).digest()
        digests.append((root, files, rel, digest))
        if digest not in _DONE:
            todo.setdefault(digest, (files[rel], root / rel))
    if todo:
        _run_ruff(todo, config, roots)
    for root, files, rel, digest in digests:
        formatted = _DONE[digest] = _DONE.pop(digest)  # used again: kept longest
        if formatted != files[rel]:
            files[rel] = formatted
            if todo.get(digest, (b"", None))[1] != root / rel:  # ruff wrote the file it was given itself
                (root / rel).write_bytes(formatted)
    for digest in list(_DONE)[: max(0, len(_DONE) - _KEEP)]:  # a long run (an API caller, a large wiki) stays small
        del _DONE[digest]


def _run_ruff(todo: dict[bytes, tuple[bytes, Path]], config: Path | None, roots: dict[Path, str]) -> None:
    """Format one file per distinct source in place, in one ruff process; fills _DONE with what ruff made of each.
    The files are the rendered trees' own (genrepo's scratch folders), so nothing is copied for the formatter."""
    names = ", ".join(sorted(roots.values()))[:200]
    command = [ruff_binary(), "format", "--no-cache", "--quiet", "--isolated" if config is None else ""]
    if config is not None:
        command[-1:] = ["--config", str(config)]
    paths = {digest: path for digest, (_, path) in todo.items()}
    try:
        done = subprocess.run(
            [*command, "--", *sorted(str(path) for path in paths.values())],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        _restore(todo)
        raise RenderError(f"ruff format could not run on {names}: {exc}") from None
    if done.returncode != 0:
        _restore(todo)
        detail = (done.stderr or done.stdout).strip()
        for path in paths.values():  # the generated file as repository/path, not the scratch folder it sits in
            detail = detail.replace(str(path), _origin(path, roots))
        raise RenderError(f"ruff format failed on {names}: {detail[:500]}")
    for digest, path in paths.items():
        _DONE[digest] = path.read_bytes()


def _restore(todo: dict[bytes, tuple[bytes, Path]]) -> None:
    """After a failed ruff run, each file it was given holds its source again: ruff may have written some of
    them (or been stopped half-way through one), and a retry, tree by tree, formats what the template made."""
    for source, path in todo.values():
        path.write_bytes(source)


def _origin(path: Path, roots: dict[Path, str]) -> str:
    """A generated file as root/relative path, for an error message."""
    for root, name in roots.items():
        if path.is_relative_to(root):
            return f"{name}/{path.relative_to(root).as_posix()}"
    return path.name
