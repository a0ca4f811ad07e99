"""Three-way update of a folder genrepo generated before: base (what genrepo last wrote there), ours (the
folder as the user left it) and theirs (the new rendering) decide, file by file, what regenerating writes.

Untouched files take the new version; files only the user changed stay theirs; files both changed merge
line by line (`git merge-file`, conflict markers in the file, never `.rej` files); `config.toml` merges by
key (tomlkit: user values stay, new keys arrive with their comments, removed keys are reported). Files the
user added are never looked at; files genrepo no longer generates go only when the user never edited them.

Nothing here writes: `plan_update` returns an `Update` that the render step applies (or a dry run shows).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

# The bytes genrepo last generated, in one file beside the repository's files (gitignored in the template): one
# file, not a copy of the tree, so searches, linters and IDEs never meet a second copy of every module.
BASE = ".genrepo/base.json"
CONFIG = "config.toml"
_LABELS = ("yours", "last generated", "new from the wiki")
_MARKER = b"\n<<<<<<< yours ("  # how a conflict genrepo wrote begins (after a line break, or at the very start)


class Action(StrEnum):
    """What regenerating does to one repository folder."""

    CREATE = "create"
    UNCHANGED = "unchanged"
    UPDATE = "update"  # only files the user never edited change
    MERGE = "merge"  # some file changed on both sides and merged cleanly
    CONFLICT = "conflict"  # some file has conflict markers: the user resolves them
    REFUSE = "refuse"  # a folder genrepo did not make, without --force


class Outcome(StrEnum):
    """What happens to one file."""

    ADD = "add"  # new from genrepo
    TAKE = "take"  # the user never edited it: the new version
    MERGE = "merge"  # both changed, merged cleanly
    CONFLICT = "conflict"  # both changed, conflict markers written
    REMOVE = "remove"  # genrepo no longer generates it and the user never edited it
    FORCE = "force"  # --force: the new version over the user's edits (saved first)


@dataclass(frozen=True)
class FileChange:
    """One file regenerating writes (data) or deletes (data is None); before is what the folder holds now."""

    path: str
    outcome: Outcome
    data: bytes | None
    before: bytes | None

    def diff(self) -> list[str]:
        """The unified diff from the folder's file to what will be written."""
        return unified_diff(self.path, self.before, self.data)


@dataclass(frozen=True)
class Update:
    """The three-way decision for one folder: the writes, and what a person should hear about."""

    action: Action
    changes: tuple[FileChange, ...] = ()
    kept: tuple[str, ...] = ()  # edited by the user, left as they are
    notes: tuple[str, ...] = ()  # removed config keys, edited files genrepo no longer makes, ...
    unresolved: tuple[str, ...] = ()  # kept files that still hold the markers of an earlier conflict

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(sorted({*(c.path for c in self.changes if c.outcome is Outcome.CONFLICT), *self.unresolved}))

    @property
    def merged(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.outcome is Outcome.MERGE)

    @property
    def replaced(self) -> tuple[FileChange, ...]:
        """Changes that drop bytes a person wrote (--force): these are saved before writing."""
        return tuple(c for c in self.changes if c.outcome is Outcome.FORCE and c.before is not None)

    def diff(self) -> tuple[str, ...]:
        return tuple(line for change in self.changes for line in change.diff())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unified_diff(path: str, before: bytes | None, after: bytes | None) -> list[str]:
    """A unified diff of one file (a/ and b/ prefixes, /dev/null for a missing side), lines without newlines."""
    old = (before or b"").decode("utf-8", "replace").splitlines()
    new = (after or b"").decode("utf-8", "replace").splitlines()
    if old == new:
        return []
    if not old and before is None:  # a new file: every line added (what difflib says, without its matching)
        count = f"1,{len(new)}" if len(new) > 1 else "1"
        return ["--- /dev/null", f"+++ b/{path}", f"@@ -0,0 +{count} @@", *(f"+{line}" for line in new)]
    return list(
        difflib.unified_diff(
            old,
            new,
            "/dev/null" if before is None else f"a/{path}",
            "/dev/null" if after is None else f"b/{path}",
            lineterm="",
        )
    )


def _read(path: Path) -> bytes | None:
    # a link is never followed: it is not genrepo's file whatever it points at
    return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def dump_base(files: dict[str, bytes]) -> bytes:
    """The base file: stable JSON of path -> text (bytes that are not UTF-8 survive as escaped surrogates)."""
    texts = {rel: data.decode("utf-8", "surrogateescape") for rel, data in sorted(files.items())}
    return (json.dumps({"files": texts}, indent=1, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")


def _load_base(target: Path) -> dict[str, bytes]:
    data = _read(target / BASE)
    try:
        files = json.loads(data or b"{}").get("files", {})
        return {rel: text.encode("utf-8", "surrogateescape") for rel, text in files.items() if isinstance(text, str)}
    except (ValueError, AttributeError, UnicodeError):
        return {}  # damaged: the hashes in the manifest still recognise untouched files


def read_base(target: Path, outputs: dict[str, str]) -> dict[str, bytes]:
    """What genrepo last generated in target, as far as it can be recovered: the saved copy when its hash
    matches the manifest, else the file itself when the user never edited it (its hash still matches)."""
    saved = _load_base(target)
    base: dict[str, bytes] = {}
    for rel, digest in outputs.items():
        for data in (saved.get(rel), _read(target / rel)):
            if data is not None and sha256(data) == digest:
                base[rel] = data
                break
    return base


def merge_lines(ours: bytes, base: bytes, theirs: bytes, path: str) -> tuple[bytes, bool]:
    """`git merge-file` of one file: (result, clean). Conflicts are written as markers in the result."""
    with tempfile.TemporaryDirectory(prefix="genrepo-merge-") as tmp:
        files = []
        for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            (Path(tmp) / name).write_bytes(data)
            files.append(str(Path(tmp) / name))
        labels = [item for label in _LABELS for item in ("-L", f"{label} ({path})")]
        done = subprocess.run(["git", "merge-file", "-p", *labels, *files], capture_output=True, check=False)
    if done.returncode < 0 or done.returncode > 127:
        raise RuntimeError(f"git merge-file failed on {path}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout, done.returncode == 0


# ---- config.toml: merged by key -------------------------------------------------------------------------

Leaf = tuple[tuple[str, ...], str]  # (table path, key)
# What holds keys in a parsed document: the document itself, a [table], or a table split across the file
TomlTable = tomlkit.container.Container | tomlkit.items.Table | tomlkit.container.OutOfOrderTableProxy


def _leaves(container: TomlTable, table: tuple[str, ...] = ()) -> dict[Leaf, object]:
    """Every key that is not itself a table, by (table path, key); arrays of tables count as values."""
    found: dict[Leaf, object] = {}
    for key, item in container.items():
        if isinstance(item, (tomlkit.items.Table, tomlkit.container.OutOfOrderTableProxy)):
            found.update(_leaves(item, (*table, key)))
        else:
            found[(table, key)] = item
    return found


def _table(doc: TomlTable, path: tuple[str, ...]) -> TomlTable:
    """The table at path in doc; callers pass only paths _leaves found in doc."""
    node = doc
    for part in path:
        node = node[part]
    return node


def _value(item: object) -> object:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _name(leaf: Leaf) -> str:
    return ".".join((*leaf[0], leaf[1]))


def _place(text: str, table: tuple[str, ...], key: str, line: str) -> str:
    """Put `key = value` into table's section of text: on the template's `# REQUIRED: key =` line when it has
    one (where the user was asked to set it), else after the section's last key."""
    lines = text.split("\n")
    header = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(#.*)?$")
    current: tuple[str, ...] = ()
    last_in_table: int | None = None if table else -1
    required = re.compile(rf"^#\s*REQUIRED:\s*{re.escape(key)}\s*=")
    for number, raw in enumerate(lines):
        m = header.match(raw)
        if m:
            current = tuple(part.strip().strip('"') for part in m.group(1).split("."))
            if current == table:
                last_in_table = number
            continue
        if current != table:
            continue
        if required.match(raw.strip()):
            lines[number] = line
            return "\n".join(lines)
        if raw.strip() and not raw.lstrip().startswith("#"):
            last_in_table = number
    if last_in_table is None:  # the table is gone from the new rendering: give it back at the end
        return text.rstrip("\n") + f"\n\n[{'.'.join(table)}]\n{line}\n"
    lines.insert(last_in_table + 1, line)
    return "\n".join(lines)


def merge_config(ours: bytes, base: bytes, theirs: bytes) -> tuple[bytes, list[str]] | None:
    """config.toml merged by key: the new rendering, with every value the user set or added kept.
    Returns (result, notes) or None when a side is not TOML (then the caller merges lines)."""
    try:
        docs = [tomlkit.parse(data.decode("utf-8")) for data in (ours, base, theirs)]
    except (TOMLKitError, UnicodeDecodeError, ValueError):
        return None
    mine, old, new = docs
    leaves_mine, leaves_old, leaves_new = _leaves(mine), _leaves(old), _leaves(new)
    notes: list[str] = []
    added: list[tuple[Leaf, object]] = []
    for leaf, item in leaves_mine.items():
        user_set = leaf not in leaves_old or _value(item) != _value(leaves_old[leaf])
        if leaf in leaves_new:
            if user_set:
                _table(new, leaf[0])[leaf[1]] = item  # the user's value, with the user's own comment
        elif leaf in leaves_old:
            kept = f" (your value {_value(item)!r} was dropped)" if user_set else ""
            notes.append(f"config.toml: key {_name(leaf)} is no longer generated{kept}")
        else:
            added.append((leaf, item))
    for leaf in leaves_new:
        if leaf in leaves_old and leaf not in leaves_mine and _value(leaves_new[leaf]) == _value(leaves_old[leaf]):
            del _table(new, leaf[0])[leaf[1]]  # the user removed it and the wiki did not change it
    text = tomlkit.dumps(new)
    for (table, key), item in added:
        doc = tomlkit.document()
        doc[key] = item
        text = _place(text, table, key, tomlkit.dumps(doc).rstrip("\n"))
    try:
        merged = _leaves(tomlkit.parse(text))
    except TOMLKitError:
        return None
    if any(_value(merged.get(leaf)) != _value(item) for leaf, item in added):
        return None
    return text.encode("utf-8"), notes


# ---- the decision ---------------------------------------------------------------------------------------


def _both_changed(rel: str, ours: bytes, base: bytes | None, theirs: bytes) -> tuple[FileChange, list[str]]:
    if rel == CONFIG and base is not None:
        merged = merge_config(ours, base, theirs)
        if merged is not None:
            data, notes = merged
            return FileChange(rel, Outcome.MERGE, data, ours), notes
    # with no record of what genrepo wrote, both sides are changes from nothing: markers around the difference
    data, clean = merge_lines(ours, base or b"", theirs, rel)
    return FileChange(rel, Outcome.MERGE if clean else Outcome.CONFLICT, data, ours), []


def plan_update(
    target: Path, theirs: dict[str, bytes], base: dict[str, bytes], previous: set[str], force: bool = False
) -> Update:
    """Decide every file of a folder genrepo generated before. theirs: the new rendering (path -> bytes);
    base: what genrepo last generated (read_base); previous: the paths the last manifest listed."""
    changes: list[FileChange] = []
    kept: list[str] = []
    notes: list[str] = []
    for rel in sorted(set(theirs) | previous):
        mine, old, new = _read(target / rel), base.get(rel), theirs.get(rel)
        if mine == new:
            continue
        if new is None:  # no longer generated
            if mine is None:
                continue
            if mine == old or force:
                changes.append(FileChange(rel, Outcome.REMOVE if mine == old else Outcome.FORCE, None, mine))
            else:
                kept.append(rel)
                notes.append(f"{rel}: genrepo no longer generates it, but you edited it, so it stays")
            continue
        if force:
            outcome = Outcome.TAKE if mine is not None and mine == old else Outcome.FORCE
            changes.append(FileChange(rel, Outcome.ADD if mine is None else outcome, new, mine))
        elif mine is None:
            if rel in previous and old is not None and old == new:
                kept.append(rel)  # the user deleted it and the wiki did not change it: it stays deleted
            else:
                changes.append(FileChange(rel, Outcome.ADD, new, None))
        elif mine == old:
            changes.append(FileChange(rel, Outcome.TAKE, new, mine))
        elif new == old:
            kept.append(rel)  # only the user changed it
        else:
            change, more = _both_changed(rel, mine, old, new)
            changes.append(change)
            notes.extend(more)
    # a conflict stays a conflict until its markers are gone: a rerun must not report the folder as fine
    unresolved = tuple(rel for rel in kept if _MARKER in b"\n" + (_read(target / rel) or b""))
    return Update(_action(changes, unresolved), tuple(changes), tuple(kept), tuple(notes), unresolved)


def _action(changes: list[FileChange], unresolved: tuple[str, ...] = ()) -> Action:
    outcomes = {c.outcome for c in changes}
    if Outcome.CONFLICT in outcomes or unresolved:
        return Action.CONFLICT
    if Outcome.MERGE in outcomes:
        return Action.MERGE
    return Action.UPDATE if changes else Action.UNCHANGED
