"""Artifacts saved after each step, so `run --from N` and `guide` can start later: each by its natural saver
(`save_to_disk`, `save_pretrained`), pickle as the last resort, and an index saying how to load it back."""

from __future__ import annotations

import importlib
import inspect
import json
import pickle
import shutil
from pathlib import Path
from typing import Any

INDEX = "index.json"


def _class_path(value: Any) -> str:
    cls = type(value)
    return f"{cls.__module__}:{cls.__qualname__}"


def _load_class(path: str) -> Any:
    module, _, qualname = path.partition(":")
    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def _reloads_from_folder(value: Any) -> bool:
    """Whether `type(value).from_pretrained(folder)` rebuilds it alone (a model or tokenizer, not a PEFT wrapper
    whose from_pretrained needs the base model)."""
    loader = getattr(type(value), "from_pretrained", None)
    if not callable(loader) or not callable(getattr(value, "save_pretrained", None)):
        return False
    try:
        first = next(iter(inspect.signature(loader).parameters), "")
    except (TypeError, ValueError):
        return False
    return first in ("pretrained_model_name_or_path", "pretrained_model_name", "path")


class Store:
    """A folder of artifacts, one version per step that made or changed it (a trainer changes the model it trains),
    so a run can resume before any step with what existed at that point."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _index(self) -> dict[str, dict[str, dict[str, Any]]]:
        try:
            return json.loads((self.root / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_index(self, index: dict[str, dict[str, dict[str, Any]]]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / (INDEX + ".tmp")
        tmp.write_text(json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(self.root / INDEX)

    def save(self, name: str, value: Any, step: int) -> str:
        """Save the version of an artifact as step `step` left it; returns how, or raises when it cannot."""
        target = self.root / f"{step:02d}-{name}"
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        self.root.mkdir(parents=True, exist_ok=True)
        if callable(getattr(value, "save_to_disk", None)):
            value.save_to_disk(str(target))
            how = "save_to_disk"
        elif _reloads_from_folder(value):
            value.save_pretrained(str(target))
            how = "save_pretrained"
        else:
            try:
                with open(target, "wb") as handle:
                    pickle.dump(value, handle, protocol=4)
            except Exception:
                target.unlink(missing_ok=True)
                index = self._index()  # remembered, so a resumed run re-runs the step that made it
                index.setdefault(name, {})[str(step)] = {"how": "unsaved", "class": _class_path(value), "path": ""}
                self._write_index(index)
                raise
            how = "pickle"
        index = self._index()
        index.setdefault(name, {})[str(step)] = {"how": how, "class": _class_path(value), "path": target.name}
        self._write_index(index)
        return how

    def version_before(self, name: str, step: int) -> int | None:
        """The step of the latest saved version made before `step`, or None."""
        steps = [int(s) for s in self._index().get(name, {}) if int(s) < step]
        return max(steps) if steps else None

    def saved(self, name: str, step: int) -> bool:
        """Whether that version could be written (some objects, holding lambdas or handles, cannot)."""
        return self._index().get(name, {}).get(str(step), {}).get("how", "unsaved") != "unsaved"

    def load(self, name: str, step: int) -> Any:
        """The version of the artifact saved by step `step`."""
        entry = self._index()[name][str(step)]
        path = self.root / entry["path"]
        if entry["how"] == "save_to_disk":
            from datasets import load_from_disk

            return load_from_disk(str(path))
        if entry["how"] == "save_pretrained":
            return _load_class(entry["class"]).from_pretrained(str(path))
        with open(path, "rb") as handle:
            return pickle.load(handle)  # noqa: S301 - this run's own artifacts, written by save() above
