"""The cookiecutter template compiled once per process, rendered once per repository with the same bytes.

cookiecutter builds a fresh Jinja environment for every project and compiles every template file again
(on ~80 repositories that was more than half of a whole-wiki run). This module does what
`cookiecutter.main.cookiecutter(template, no_input=True, extra_context=...)` does for one local template,
with cookiecutter's own pieces (StrictEnvironment and its extensions, generate_context's overwrite rules,
prompt_for_config's no-input pass, _copy_without_render, binary detection, newline detection, file modes,
pre/post_gen_project hooks), but walks, reads and compiles the template once and keeps it. The template
stays an ordinary cookiecutter template: `cookiecutter cookiecutter-workflow --no-input` still works.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_HOOK_NAMES = ("pre_gen_project", "post_gen_project")
_CWD_LOCK = threading.Lock()  # an in-process hook runs in the project folder; the working directory is global


@dataclass(frozen=True)
class _Entry:
    """One thing the template walk produces: a folder, a copied file or a rendered file, in cookiecutter's order."""

    kind: str  # "dir" (rendered name, created), "copydir" (copied whole), "copy" (file, not rendered), "render"
    source: str  # path relative to the project template folder, as cookiecutter names it
    name: Any  # the compiled template of the output path
    body: Any = None  # the compiled file template ("render")
    newline: str | None = None
    mode: int = 0o644
    data: bytes = b""  # a copied file's bytes, read once ("copy")


@dataclass(frozen=True)
class _Hook:
    path: str
    body: Any  # compiled template of a .py hook; None for other scripts, which cookiecutter runs itself


@contextmanager
def _on_path(folder: str) -> Iterator[None]:
    """The template folder on sys.path while its local extensions import, as cookiecutter's import patch."""
    sys.path.append(folder)
    try:
        yield
    finally:
        if folder in sys.path:
            sys.path.remove(folder)


def _newline(path: Path, configured: str | None) -> str | None:
    """The newline cookiecutter writes a rendered file with: _new_lines, or the first one in the source."""
    if configured:
        return configured
    with open(path, encoding="utf-8") as handle:
        handle.readline()
    return handle.newlines[0] if isinstance(handle.newlines, tuple) else handle.newlines


class CompiledTemplate:
    """A local cookiecutter template read and compiled once; render() makes one project per call."""

    def __init__(self, repo_dir: Path) -> None:
        from binaryornot.check import is_binary
        from cookiecutter.find import find_template
        from cookiecutter.generate import is_copy_only_path
        from cookiecutter.hooks import valid_hook
        from cookiecutter.utils import create_env_with_context
        from jinja2 import FileSystemLoader

        self.repo_dir = Path(repo_dir).resolve()
        with open(self.repo_dir / "cookiecutter.json", encoding="utf-8") as handle:
            self._base_text = handle.read()
        self._base = json.loads(self._base_text, object_pairs_hook=OrderedDict)
        base_context = OrderedDict(cookiecutter=self._base)
        with _on_path(str(self.repo_dir)):
            self.env = create_env_with_context(base_context)
        project = find_template(self.repo_dir, self.env)
        self._project_name = self.env.from_string(project.name)
        # cookiecutter's loader is ['.', '../templates'] with the project template as working directory
        self.env.loader = FileSystemLoader([str(project), str(project.parent / "templates")])
        new_lines = self._base.get("_new_lines") or None
        entries: list[_Entry] = []
        for root, dirs, files in os.walk(project):
            rel_root = os.path.relpath(root, project)
            keep: list[str] = []
            for d in sorted(dirs):
                rel = os.path.normpath(os.path.join(rel_root, d))
                if is_copy_only_path(rel, base_context):
                    entries.append(_Entry("copydir", rel, self.env.from_string(rel)))
                else:
                    keep.append(d)
                    entries.append(_Entry("dir", rel, self.env.from_string(rel)))
            dirs[:] = keep
            for f in sorted(files):
                rel = os.path.normpath(os.path.join(rel_root, f))
                source = project / rel
                mode = source.stat().st_mode & 0o7777
                if is_copy_only_path(rel, base_context) or is_binary(str(source)):
                    entries.append(_Entry("copy", rel, self.env.from_string(rel), mode=mode, data=source.read_bytes()))
                    continue
                body = self.env.get_template(rel.replace(os.path.sep, "/"))
                entries.append(
                    _Entry("render", rel, self.env.from_string(rel), body, _newline(source, new_lines), mode)
                )
        self._entries = tuple(entries)
        self._project = project
        hooks_dir = self.repo_dir / "hooks"
        self._hooks: dict[str, tuple[_Hook, ...]] = {}
        for hook_name in _HOOK_NAMES:
            found = []
            if hooks_dir.is_dir():
                for hook_file in os.listdir(hooks_dir):  # cookiecutter's order
                    if valid_hook(hook_file, hook_name):
                        path = hooks_dir / hook_file
                        text = path.read_text(encoding="utf-8") if path.suffix == ".py" else None
                        found.append(_Hook(str(path), self.env.from_string(text) if text is not None else None))
            self._hooks[hook_name] = tuple(found)

    def context(self, extra: dict[str, Any], output_dir: Path) -> OrderedDict[str, Any]:
        """The context cookiecutter would build for extra_context with --no-input."""
        from cookiecutter.generate import apply_overwrites_to_context
        from cookiecutter.prompt import prompt_for_config

        values = json.loads(self._base_text, object_pairs_hook=OrderedDict)  # a fresh copy, 5x a deepcopy's speed
        apply_overwrites_to_context(values, extra)
        context = OrderedDict(cookiecutter=values)
        context["_cookiecutter"] = {k: v for k, v in values.items() if not k.startswith("_")}
        values.update(prompt_for_config(context, no_input=True))
        values["_template"] = str(self.repo_dir)
        values["_output_dir"] = os.path.abspath(output_dir)
        values["_repo_dir"] = str(self.repo_dir)
        values["_checkout"] = None
        return context

    def render(self, extra: dict[str, Any], output_dir: Path) -> Path:
        """Render one project into output_dir (which must not hold it yet); returns the project folder."""
        context = self.context(extra, output_dir)
        project_dir = Path(os.path.abspath(Path(output_dir, self._project_name.render(**context))))
        if project_dir.exists():
            raise FileExistsError(f'Error: "{project_dir}" directory already exists')
        project_dir.mkdir(parents=True)
        self._fill(project_dir, context)
        return project_dir

    def render_into(self, extra: dict[str, Any], output_dir: Path, project_dir: Path) -> None:
        """Render the project output_dir would get into project_dir instead, an empty folder that already exists
        (a scratch folder moved into place afterwards): the same files, without a folder made and removed around
        them (on this disk a folder costs as much as several files)."""
        self._fill(Path(os.path.abspath(project_dir)), self.context(extra, output_dir))

    def _fill(self, project_dir: Path, context: OrderedDict[str, Any]) -> None:
        self._run_hooks("pre_gen_project", project_dir, context)
        from cookiecutter.exceptions import UndefinedVariableInTemplate
        from jinja2.exceptions import UndefinedError

        for entry in self._entries:
            try:
                self._make(entry, project_dir, context)
            except UndefinedError as err:
                what = "directory" if entry.kind == "dir" else "file"
                raise UndefinedVariableInTemplate(f"Unable to create {what} '{entry.source}'", err, context) from err
        self._run_hooks("post_gen_project", project_dir, context)

    def _make(self, entry: _Entry, project_dir: Path, context: OrderedDict[str, Any]) -> None:
        """Create one folder or file of the project, as cookiecutter's generate_files does."""
        target = project_dir / entry.name.render(**context)
        if entry.kind == "dir":
            target.mkdir(parents=True)
        elif entry.kind == "copydir":
            if target.is_dir():
                shutil.rmtree(target)
            shutil.copytree(self._project / entry.source, target)
        elif target.is_dir():  # a file whose name renders empty: cookiecutter skips it
            return
        elif entry.kind == "copy":  # the bytes read when compiling: shutil.copyfile without opening the source
            with open(target, "wb") as handle:
                handle.write(entry.data)
            os.chmod(target, entry.mode)
        else:
            text = entry.body.render(**context)
            with open(target, "w", encoding="utf-8", newline=entry.newline) as handle:
                handle.write(text)
            os.chmod(target, entry.mode)

    def _run_hooks(self, hook_name: str, project_dir: Path, context: OrderedDict[str, Any]) -> None:
        for hook in self._hooks[hook_name]:
            if hook.body is None:  # not Python: cookiecutter renders and runs it as a script
                from cookiecutter.hooks import run_script_with_context

                run_script_with_context(hook.path, project_dir, context)
                continue
            code = compile(hook.body.render(**context), hook.path, "exec", dont_inherit=True)
            # a Python hook runs in this process (a child interpreter per repository would cost more than
            # rendering it), in the project folder as cookiecutter runs it, and fails as it would: non-zero exit
            with _CWD_LOCK:
                before = os.getcwd()
                os.chdir(project_dir)
                try:
                    exec(code, {"__name__": "__main__", "__file__": hook.path})  # noqa: S102 - genrepo's own template
                except SystemExit as exc:
                    if exc.code not in (None, 0):
                        detail = exc.code if isinstance(exc.code, str) else f"exit status: {exc.code}"
                        from cookiecutter.exceptions import FailedHookException

                        raise FailedHookException(f"Hook script failed ({detail})") from None
                finally:
                    os.chdir(before)


_CACHE: dict[Path, CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()


def compiled(repo_dir: Path) -> CompiledTemplate:
    """The template at repo_dir, compiled on first use in this process."""
    key = Path(repo_dir).resolve()
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = CompiledTemplate(key)
        return _CACHE[key]
