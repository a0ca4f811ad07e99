"""Generated Python formatted like hand-written code: `ruff format` over a rendered tree, with the tree's own
pyproject.toml settings (line length, target version), never the user's ruff configuration."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import RenderError


def ruff_binary() -> str:
    """The ruff executable installed with genrepo."""
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def format_tree(root: Path) -> None:
    """Format every .py file under root in place; raises RenderError with ruff's reason when it cannot."""
    config = root / "pyproject.toml"
    command = [ruff_binary(), "format", "--no-cache", "--quiet"]
    if config.is_file():
        command += ["--config", str(config)]
    try:
        files = sorted(
            str(path.relative_to(root)) for path in root.rglob("*.py")
        )  # Python only: never README.md's code blocks
        if not files:
            return
        done = subprocess.run([*command, *files], cwd=root, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"ruff format could not run on {root.name}: {exc}") from None
    if done.returncode != 0:
        raise RenderError(f"ruff format failed on {root.name}: {(done.stderr or done.stdout).strip()[:500]}")
