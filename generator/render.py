"""Render a RepoPlan with cookiecutter into a temporary folder, then move it into place with a manifest."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.errors import RenderError, UserError
from generator.plan import RepoPlan, context
from generator.template import compiled

MANIFEST = ".genrepo.json"
PENDING = ".genrepo.pending.json"  # the manifest of an in-place update until every file is written
# cookiecutter logs hook failures with tracebacks; genrepo reports them as RenderError instead.
logging.getLogger("cookiecutter").addHandler(logging.NullHandler())
logging.getLogger("cookiecutter").propagate = False
_KEEP = {".git"}


def template_dir() -> Path:
    """The cookiecutter template: packaged beside the code in a wheel, or at the repository root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_template", here.parent / "cookiecutter-workflow"):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise RenderError("the cookiecutter-workflow template is missing from this installation")


@dataclass(frozen=True)
class RenderResult:
    """What rendering did: action is create, update or unchanged."""

    path: Path
    action: str
    files: tuple[str, ...]
    changed: tuple[str, ...] = ()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below root, .git and the manifest excluded."""
    result: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in _KEEP or not path.is_file() or rel.as_posix() == MANIFEST:
            continue
        result[rel.as_posix()] = _sha256(path)
    return result


def stable_json(data: object) -> str:
    """JSON that diffs cleanly: sorted keys, indent 2, trailing newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def manifest(plan: RepoPlan, outputs: dict[str, str]) -> dict:
    """The provenance manifest written as .genrepo.json."""
    wf = plan.workflow
    return {
        "generator": {"name": "genrepo", "version": __version__, "template": "cookiecutter-workflow"},
        "wiki": {
            "name": Path(plan.wiki.root).name,
            "index": plan.wiki.index_path,
            "files": [{"path": f.path, "sha256": f.sha256} for f in plan.wiki.files],
        },
        "workflow": {"name": wf.name, "page": wf.page_path, "index_line": wf.ref.line, "steps_from": wf.steps_from},
        "repo": {"name": plan.repo_name, "package": plan.package_name, "remote_url": plan.remote_url},
        "requirements": {"distributions": list(plan.requirements), "pinned": plan.pinned is not None, "note": plan.pin_note},
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


def _render_into(plan: RepoPlan, scratch: Path) -> Path:
    output = scratch / "out"
    output.mkdir()
    extra = {"repo_name": plan.repo_name, "package_name": plan.package_name, "_workflow": context(plan)}
    try:
        # the template compiled once per process, rendered as cookiecutter would (tests/test_template_compiled.py)
        project = compiled(template_dir()).render(extra, output)
    except Exception as exc:  # cookiecutter, Jinja or a hook: still a message, never a traceback
        detail = str(exc).split(". Context:", 1)[0][:500]
        raise RenderError(f"template rendering failed for {plan.repo_name}: {type(exc).__name__}: {detail}") from None
    project_path = Path(project)
    for path in sorted(project_path.rglob("*.py")):
        source = path.read_bytes()
        digest = hashlib.sha256(source).digest()
        if digest in _COMPILES:  # the runtime files are the same bytes in every repository: compiled once
            continue
        try:
            compile(source, str(path.relative_to(project_path)), "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise RenderError(f"generated {path.relative_to(project_path)} does not compile: {exc}") from None
        _COMPILES.add(digest)
    return project_path


_COMPILES: set[bytes] = set()  # digests of Python sources this process has seen compile


def _read_manifest(target: Path, name: str = MANIFEST) -> dict | None:
    try:
        data = json.loads((target / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator", {}).get("name") == "genrepo" else None


def _local_edits(target: Path, previous: dict) -> list[str]:
    # a file an interrupted update (disk full) already wrote is genrepo's too, not an edit
    unfinished = (_read_manifest(target, PENDING) or {}).get("outputs", {})
    edited = []
    for rel, digest in sorted(previous.get("outputs", {}).items()):
        path = target / rel
        if path.is_file() and _sha256(path) not in (digest, unfinished.get(rel)):
            edited.append(rel)
    return edited


def check_target(target: Path, force: bool) -> dict | None:
    """Refuse a target genrepo did not make, or whose generated files were edited, unless force."""
    if not target.exists():
        return None
    if not target.is_dir():
        raise UserError(f"{target} exists and is not a directory")
    previous = _read_manifest(target)
    if previous is None:
        if any(target.iterdir()) and not force:
            raise UserError(f"{target} is not empty and was not generated by genrepo; pass --force to overwrite it")
        return None
    edited = _local_edits(target, previous)
    if edited and not force:
        raise UserError(
            f"{target} has local edits that regeneration would overwrite: {', '.join(edited[:5])}"
            + (" ..." if len(edited) > 5 else "")
            + "; commit them elsewhere or pass --force"
        )
    return previous


def _refuse_links(target: Path, rel: str) -> None:
    """Refuse to write rel below target when a folder on the way is a symbolic link: the write would land
    wherever the link points."""
    folder = target
    for part in Path(rel).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise UserError(f"{target}: {folder.relative_to(target)} is a symbolic link; genrepo does not write "
                            f"through links (it would write {rel} wherever it points); replace it with a folder")


def _write_atomic(path: Path, data: bytes, new_mode: int = 0o644) -> None:
    """Replace path with data atomically; an existing file keeps its mode, a new one gets new_mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing = os.lstat(path)
        mode = stat.S_IMODE(existing.st_mode) if stat.S_ISREG(existing.st_mode) else new_mode
    except FileNotFoundError:
        mode = new_mode
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".genrepo-")
    try:
        os.fchmod(fd, mode)  # not mkstemp's 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(plan: RepoPlan, out_dir: Path, force: bool = False) -> RenderResult:
    """Render one repository into out_dir/<repo name>; regenerate in place when genrepo made it before."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = (out_dir / plan.repo_name).resolve()
    if target.parent != out_dir.resolve():
        raise UserError(f"repository name {plan.repo_name!r} would write outside {out_dir}")
    previous = check_target(target, force)
    scratch = Path(tempfile.mkdtemp(dir=out_dir, prefix=".genrepo-"))
    try:
        project = _render_into(plan, scratch)
        outputs = _tree(project)
        (project / MANIFEST).write_text(stable_json(manifest(plan, outputs)), encoding="utf-8")
        files = tuple(sorted([*outputs, MANIFEST]))
        if not target.exists() or (previous is None and not any(target.iterdir())):
            if target.exists():
                target.rmdir()
            os.replace(project, target)
            return RenderResult(target, "create", files, files)
        if previous is None:  # forced over a folder genrepo did not make
            for child in target.iterdir():
                if child.name not in _KEEP:
                    shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        old_outputs = set(previous.get("outputs", {})) if previous else set()
        current = _tree(target)
        stale = sorted(old_outputs - set(outputs))
        for rel in [*outputs, MANIFEST, *stale]:
            _refuse_links(target, rel)
        changed = [rel for rel in [*outputs, MANIFEST] if not (target / rel).is_file() or _sha256(target / rel) != _sha256(project / rel)]
        if changed:
            _write_atomic(target / PENDING, (project / MANIFEST).read_bytes())
        for rel in changed:
            _write_atomic(target / rel, (project / rel).read_bytes(), stat.S_IMODE((project / rel).stat().st_mode))
        for rel in stale:
            if rel in current:
                (target / rel).unlink()
        (target / PENDING).unlink(missing_ok=True)
        changed_all = tuple(sorted({*changed, *stale}))
        action = "update" if changed_all else "unchanged"
        return RenderResult(target, action, files, changed_all)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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
