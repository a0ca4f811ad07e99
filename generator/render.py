"""Render a RepoPlan with cookiecutter into a temporary folder, then move it into place with a manifest."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import secrets
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_atomic
from generator.errors import GenrepoError, RenderError, UserError
from generator.fmt import format_trees
from generator.plan import RepoPlan, context
from generator.template import compiled
from generator.update import BASE, Action, FileChange, Outcome, Update, dump_base, plan_update, read_base, unified_diff

MANIFEST = ".genrepo.json"
PENDING = ".genrepo.pending.json"  # the manifest of an in-place update until every file is written
# cookiecutter logs hook failures with tracebacks; genrepo reports them as RenderError instead.
logging.getLogger("cookiecutter").addHandler(logging.NullHandler())
logging.getLogger("cookiecutter").propagate = False
_KEEP = {".git"}
STATE = ".genrepo"  # genrepo's local state in a generated folder: base/ and source.json, never published
SOURCE = f"{STATE}/source.json"  # where the wiki and mapping files were on this machine, for `genrepo update DIR`
BACKUP = ".genrepo-backup"  # beside the generated folders: what --force replaced


def template_dir() -> Path:
    """The cookiecutter template: packaged beside the code in a wheel, or at the repository root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_template", here.parent / "cookiecutter-workflow"):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise RenderError("the cookiecutter-workflow template is missing from this installation")


@dataclass(frozen=True)
class Provenance:
    """What the manifest records beyond the plan, so that `genrepo update DIR` can replay the run:
    options that shape the output and the wiki's commit (portable), and where the inputs were (local only)."""

    options: dict[str, Any] = field(default_factory=dict)
    wiki_commit: str | None = None
    index: str | None = None  # absolute path of the index on this machine (.genrepo/source.json)
    mappings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderResult:
    """What rendering did (or, in a dry run, would do): action is an update.Action."""

    path: Path
    action: str
    files: tuple[str, ...]
    changed: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    diff: tuple[str, ...] = ()
    backup: Path | None = None
    detail: str = ""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stable_json(data: object) -> str:
    """JSON that diffs cleanly: sorted keys, indent 2, trailing newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def manifest(plan: RepoPlan, outputs: dict[str, str], provenance: Provenance | None = None) -> dict[str, Any]:
    """The provenance manifest written as .genrepo.json."""
    wf = plan.workflow
    provenance = provenance or Provenance()
    return {
        "generator": {"name": "genrepo", "version": __version__, "template": "cookiecutter-workflow"},
        "wiki": {
            "name": Path(plan.wiki.root).name,
            "index": plan.wiki.index_path,
            "commit": provenance.wiki_commit,
            "files": [{"path": f.path, "sha256": f.sha256} for f in plan.workflow.files or plan.wiki.files],
        },
        "options": provenance.options,
        "workflow": {"name": wf.name, "page": wf.page_path, "index_line": wf.ref.line, "steps_from": wf.steps_from},
        "repo": {"name": plan.repo_name, "package": plan.package_name, "remote_url": plan.remote_url},
        "requirements": {
            "distributions": list(plan.requirements),
            "pinned": plan.pinned is not None,
            "note": plan.pin_note,
        },
        "steps": [
            {
                "number": n,
                "title": sp.step.title,
                "file": f"src/{plan.package_name}/{sp.file}",
                "kind": sp.binding.kind,
                "bound": sp.binding.bound,
                "wiki": str(sp.step.ref),
            }
            for n, sp in enumerate(plan.steps, start=1)
        ],
        "outputs": outputs,
    }


def _render_into(plan: RepoPlan, scratch: Path, out_dir: Path) -> tuple[Path, dict[str, bytes]]:
    """Render plan's repository (as cookiecutter would into out_dir) into the empty folder scratch, which is moved
    into place afterwards; the folder and every file in it (relative path -> bytes), read once: the compile
    check, the formatter, the hashes and the update base all work from these bytes.

    The package's modules (where wiki code lands) are compiled, so an example that parses but cannot compile
    (`await` outside an async function) stops here; the tests and other Python files are the template's own text
    around names and data, and their syntax is checked by `ruff format`, which parses every .py file."""
    extra = {"repo_name": plan.repo_name, "package_name": plan.package_name, "_workflow": context(plan)}
    try:
        # the template compiled once per process, rendered as cookiecutter would (tests/test_template_compiled.py)
        compiled(template_dir()).render_into(extra, out_dir, scratch)
    except Exception as exc:  # cookiecutter, Jinja or a hook: still a message, never a traceback
        detail = str(exc).split(". Context:", 1)[0][:500]
        raise RenderError(f"template rendering failed for {plan.repo_name}: {type(exc).__name__}: {detail}") from None
    project_path = scratch
    files = _read_tree(project_path)
    for rel, source in files.items():
        if not (rel.endswith(".py") and rel.startswith("src/")):  # the tests are parsed by `ruff format`, below
            continue
        digest = hashlib.sha256(source).digest()
        if digest in _COMPILES:  # the runtime files are the same bytes in every repository: compiled once
            continue
        try:
            compile(source, rel, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise RenderError(f"generated {rel} does not compile: {exc}") from None
        _COMPILES.add(digest)
    return project_path, files


def _read_tree(root: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file below a freshly rendered tree, in sorted order."""
    files: dict[str, bytes] = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, root).replace(os.sep, "/")] = Path(path).read_bytes()
    return dict(sorted(files.items()))


_COMPILES: set[bytes] = set()  # digests of Python sources this process has seen compile


def _read_manifest(target: Path, name: str = MANIFEST) -> dict[str, Any] | None:
    try:
        data = json.loads((target / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator", {}).get("name") == "genrepo" else None


def _previous(target: Path) -> tuple[str, dict[str, Any] | None]:
    """The state of a target folder: missing, empty, foreign (not genrepo's) or generated (with its manifest)."""
    if not os.path.lexists(target):
        return "missing", None
    if not target.is_dir() or target.is_symlink():
        raise UserError(f"{target} exists and is not a directory")
    previous = _read_manifest(target)
    if previous is not None:
        return "generated", previous
    return ("foreign" if any(target.iterdir()) else "empty"), None


def _refuse_links(target: Path, rel: str) -> None:
    """Refuse to write rel below target when a folder on the way is a symbolic link: the write would land
    wherever the link points."""
    folder = target
    for part in Path(rel).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise UserError(
                f"{target}: {folder.relative_to(target)} is a symbolic link; genrepo does not write "
                f"through links (it would write {rel} wherever it points); replace it with a folder"
            )


def _backup_dir(out_dir: Path, repo_name: str) -> Path:
    """A new folder under out_dir/.genrepo-backup/<UTC time>/<repo>: never one that holds an earlier backup."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for attempt in range(1000):
        folder = out_dir / BACKUP / (stamp if attempt == 0 else f"{stamp}-{attempt}") / repo_name
        if not folder.exists():
            folder.mkdir(parents=True)
            return folder
    raise UserError(f"cannot make a backup folder under {out_dir / BACKUP}")


def _save(backup: Path, changes: tuple[FileChange, ...]) -> None:
    for change in changes:
        write_atomic(backup / change.path, change.before or b"")


def _write_state(target: Path, theirs: dict[str, bytes], provenance: Provenance | None, scratch: bool = False) -> None:
    """Keep the bytes just generated as the base of the next update, and where the inputs were. In a scratch
    folder (a new repository before it moves into place) the files are written directly: nothing else reads it."""
    write = _write_new if scratch else write_atomic
    data = dump_base(theirs)
    _refuse_links(target, BASE)
    if scratch or not (target / BASE).is_file() or (target / BASE).read_bytes() != data:
        write(target / BASE, data)
    if provenance is not None and provenance.index:
        source = {"index": provenance.index, "mappings": list(provenance.mappings)}
        _refuse_links(target, SOURCE)
        write(target / SOURCE, stable_json(source).encode())


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.chmod(path, 0o644)


def _forced_over_foreign(target: Path, out_dir: Path, repo_name: str) -> tuple[Path, tuple[FileChange, ...]]:
    """Move everything but .git out of a folder genrepo did not make, into a backup folder."""
    backup = _backup_dir(out_dir, repo_name)
    moved = []
    for child in sorted(target.iterdir()):
        if child.name not in _KEEP:
            os.replace(child, backup / child.name)
            moved.append(FileChange(child.name, Outcome.FORCE, None, None))
    return backup, tuple(moved)


@dataclass(frozen=True)
class _Job:
    """One repository between rendering into its scratch folder and moving into place."""

    plan: RepoPlan
    out_dir: Path
    target: Path
    state: str
    previous: dict[str, Any] | None
    scratch: Path
    project: Path
    files: dict[str, bytes]  # every file of the rendered tree, as formatted (kept equal to what is on disk)


def _prepare(plan: RepoPlan, out_dir: Path, force: bool, dry_run: bool, scratches: list[Path]) -> _Job | RenderResult:
    """Render the template for plan into a scratch folder beside its target (not formatted yet); a RenderResult
    when the target is refused. The scratch folder joins scratches as soon as it exists: the caller removes
    every one of them, however rendering ends (Ctrl-C included)."""
    out_dir = Path(out_dir)
    if not dry_run:
        out_dir.mkdir(parents=True, exist_ok=True)
    target = (out_dir / plan.repo_name).resolve()
    if target.parent != out_dir.resolve():
        raise UserError(f"repository name {plan.repo_name!r} would write outside {out_dir}")
    state, previous = _previous(target)
    if state == "foreign" and not force:
        return RenderResult(
            target,
            Action.REFUSE,
            (),
            detail=(
                f"{target} is not empty and was not generated by genrepo; pass --force to replace it "
                f"(what it holds is moved to {out_dir / BACKUP})"
            ),
        )
    scratch = _new_scratch(Path(tempfile.gettempdir()) if dry_run else out_dir, scratches)
    return _Job(plan, out_dir, target, state, previous, scratch, *_render_into(plan, scratch, out_dir))


@functools.cache
def _folder_mode() -> int:
    """The mode of a folder made with the default permissions (0o777 less the umask), as cookiecutter makes one."""
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o777 & ~umask


def _new_scratch(parent: Path, scratches: list[Path]) -> Path:
    """A new empty folder `.genrepo-<random>` under parent, listed in scratches before it exists: a Ctrl-C at any
    moment leaves no folder the cleanup does not know of (with mkdtemp, one landing between the folder's creation
    and its listing left a `.genrepo-*` folder behind)."""
    for _ in range(100):
        scratch = parent / f".genrepo-{secrets.token_hex(6)}"
        scratches.append(scratch)
        try:
            scratch.mkdir(mode=0o700)
        except FileExistsError:
            scratches.remove(scratch)  # someone else's: never removed by the cleanup
            continue
        return scratch
    raise FileExistsError(f"no free scratch folder name under {parent}")


def render(
    plan: RepoPlan, out_dir: Path, force: bool = False, dry_run: bool = False, provenance: Provenance | None = None
) -> RenderResult:
    """Render one repository into out_dir/<repo name>. A folder genrepo generated before is updated three ways
    (generator/update.py); a folder it did not make is refused unless force. A dry run decides the same way
    and writes nothing."""
    scratches: list[Path] = []
    try:
        job = _prepare(plan, out_dir, force, dry_run, scratches)
        if isinstance(job, RenderResult):
            return job
        format_trees([(job.project, job.files)], {job.project: plan.repo_name})
        return _finish(job, force, dry_run, provenance, diff=True)
    finally:
        _remove_all(scratches)


def render_batch(
    plans: list[RepoPlan],
    out_dir: Path,
    force: bool = False,
    dry_run: bool = False,
    provenance: Provenance | None = None,
    diff: bool = True,
) -> list[RenderResult | GenrepoError | OSError]:
    """render() for several repositories into one folder, each one's outcome or error in plan order, with one
    `ruff format` for all of them (a formatter process per repository cost more than rendering it). diff=False
    leaves out the diff of new repositories' files (every line added), which only --diff and dry runs print."""
    return render_requests([Request(plan, Path(out_dir), provenance) for plan in plans], force, dry_run, diff)


@dataclass(frozen=True)
class Request:
    """One repository to render: its plan, the folder it goes in, and how its wiki was run (several wikis of one
    call render together, each into its own folder)."""

    plan: RepoPlan
    out_dir: Path
    provenance: Provenance | None = None


def render_requests(
    requests: list[Request], force: bool = False, dry_run: bool = False, diff: bool = True
) -> list[RenderResult | GenrepoError | OSError]:
    """render_batch() for repositories that may go to different folders, with one `ruff format` for all."""
    prepared: list[tuple[Request, _Job | RenderResult | GenrepoError | OSError]] = []
    scratches: list[Path] = []
    try:
        for request in requests:
            try:
                prepared.append((request, _prepare(request.plan, request.out_dir, force, dry_run, scratches)))
            except (GenrepoError, OSError) as exc:
                prepared.append((request, exc))
        failed = _format_jobs([item for _, item in prepared if isinstance(item, _Job)])

        def finished(
            request: Request, item: _Job | RenderResult | GenrepoError | OSError
        ) -> RenderResult | GenrepoError | OSError:
            if not isinstance(item, _Job):
                return item
            if item.project in failed:
                return failed[item.project]
            try:
                return _finish(item, force, dry_run, request.provenance, diff)
            except (GenrepoError, OSError) as exc:
                return exc

        return [finished(request, item) for request, item in prepared]
    finally:
        _remove_all(scratches)


def _format_jobs(jobs: list[_Job]) -> dict[Path, GenrepoError]:
    """Format every job's tree in one go; when that fails, each tree alone, so the error names its repository."""
    if not jobs:
        return {}
    try:
        format_trees([(job.project, job.files) for job in jobs], {job.project: job.plan.repo_name for job in jobs})
        return {}
    except RenderError as exc:
        if len(jobs) == 1:
            return {jobs[0].project: exc}
    failed: dict[Path, GenrepoError] = {}
    for job in jobs:
        try:
            format_trees([(job.project, job.files)], {job.project: job.plan.repo_name})
        except RenderError as exc:
            failed[job.project] = exc
    return failed


def _finish(job: _Job, force: bool, dry_run: bool, provenance: Provenance | None, diff: bool) -> RenderResult:
    """Hash, manifest and move a rendered, formatted scratch tree into place (or update in place)."""
    plan, out_dir, target, project = job.plan, job.out_dir, job.target, job.project
    theirs = job.files
    outputs = {rel: hashlib.sha256(data).hexdigest() for rel, data in theirs.items()}
    manifest_bytes = stable_json(manifest(plan, outputs, provenance)).encode("utf-8")
    (project / MANIFEST).write_bytes(manifest_bytes)
    files = tuple(sorted([*outputs, MANIFEST]))
    if job.state in ("missing", "empty"):
        lines: tuple[str, ...] = ()
        if diff or dry_run:
            every = {**theirs, MANIFEST: manifest_bytes}
            lines = tuple(line for rel in files for line in unified_diff(rel, None, every[rel]))
        if not dry_run:
            _write_state(project, theirs, provenance, scratch=True)
            os.chmod(project, _folder_mode())  # private while written; now as cookiecutter makes a project folder
            if job.state == "empty":
                target.rmdir()
            os.replace(project, target)
        return RenderResult(target, Action.CREATE, files, files, diff=lines)
    if job.state == "foreign":  # forced: the folder's content is saved, then it is filled like a new one
        if dry_run:
            return RenderResult(
                target,
                Action.UPDATE,
                files,
                files,
                detail=(f"--force: would move what {target} holds to {out_dir / BACKUP}"),
            )
        backup, _ = _forced_over_foreign(target, out_dir, plan.repo_name)
        _write_state(project, theirs, provenance, scratch=True)
        # the manifest last: a fill cut short (Ctrl-C) leaves a folder that is still not genrepo's, so the next
        # --force saves it and fills it again whole, instead of updating from a manifest whose files are not all in
        for child in sorted(project.iterdir(), key=lambda path: (path.name == MANIFEST, path.name)):
            os.replace(child, target / child.name)
        return RenderResult(
            target,
            Action.UPDATE,
            files,
            files,
            backup=backup,
            detail=f"--force: what the folder held is in {backup}",
        )
    return _update_in_place(
        plan, target, out_dir, project, theirs, job.previous or {}, manifest_bytes, force, dry_run, provenance
    )


def _remove_all(scratches: list[Path]) -> None:
    """Delete every scratch folder; a Ctrl-C meanwhile is raised once all of them are gone."""
    interrupted: KeyboardInterrupt | None = None
    for scratch in scratches:
        try:
            _remove(scratch)
        except KeyboardInterrupt as exc:
            interrupted = exc
    if interrupted is not None:
        raise interrupted


def _remove(scratch: Path) -> None:
    """Delete a scratch folder; a Ctrl-C that lands while it is being deleted waits until it is gone."""
    try:
        shutil.rmtree(scratch, ignore_errors=True)
    except KeyboardInterrupt:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _update_in_place(
    plan: RepoPlan,
    target: Path,
    out_dir: Path,
    project: Path,
    theirs: dict[str, bytes],
    previous: dict[str, Any],
    manifest_bytes: bytes,
    force: bool,
    dry_run: bool,
    provenance: Provenance | None,
) -> RenderResult:
    """The three-way update of a folder genrepo generated: decide (update.plan_update), then write."""
    old_outputs = previous.get("outputs", {})
    base = read_base(target, old_outputs)
    # a file an interrupted update (disk full) already wrote is genrepo's too, not an edit
    for rel, digest in (_read_manifest(target, PENDING) or {}).get("outputs", {}).items():
        path = target / rel
        if path.is_file() and not path.is_symlink() and _sha256(path) == digest:
            base.setdefault(rel, path.read_bytes())
    decided: Update = plan_update(target, theirs, base, set(old_outputs), force)
    current_manifest = (target / MANIFEST).read_bytes() if (target / MANIFEST).is_file() else None
    manifest_change = (
        ()
        if current_manifest == manifest_bytes
        else (FileChange(MANIFEST, Outcome.TAKE, manifest_bytes, current_manifest),)
    )
    changes = (*decided.changes, *manifest_change)
    action = decided.action
    if action is Action.UNCHANGED and manifest_change:
        action = Action.UPDATE
    files = tuple(sorted([*theirs, MANIFEST]))
    result = RenderResult(
        target,
        action,
        files,
        tuple(c.path for c in changes),
        decided.conflicts,
        decided.merged,
        decided.kept,
        decided.notes,
        tuple(line for c in changes for line in c.diff()),
    )
    if dry_run:
        return result
    for change in changes:
        _refuse_links(target, change.path)
    backup = None
    if decided.replaced:
        backup = _backup_dir(out_dir, plan.repo_name)
        _save(backup, decided.replaced)
    if changes:
        write_atomic(target / PENDING, manifest_bytes)
    for change in decided.changes:
        if change.data is None:
            (target / change.path).unlink(missing_ok=True)
        else:
            mode = stat.S_IMODE((project / change.path).stat().st_mode)
            write_atomic(target / change.path, change.data, mode)
    _write_state(target, theirs, provenance)
    if manifest_change:
        write_atomic(target / MANIFEST, manifest_bytes)
    (target / PENDING).unlink(missing_ok=True)
    detail = f"--force: the edits it replaced are in {backup}" if backup else ""
    return RenderResult(**{**result.__dict__, "backup": backup, "detail": detail})


def planned_files(plan: RepoPlan) -> tuple[str, ...]:
    """The files rendering would write, without rendering: template paths with names filled in, plus steps."""
    root = template_dir()
    project = next(p for p in root.iterdir() if p.is_dir() and p.name.startswith("{{"))
    files: list[str] = []
    for path in project.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(project).as_posix().replace("{{cookiecutter.package_name}}", plan.package_name)
        if rel.endswith("_steps.bundle"):
            files.extend(f"src/{plan.package_name}/{sp.file}" for sp in plan.steps)
            continue
        files.append(rel)
    files.append(MANIFEST)
    return tuple(sorted(files))
