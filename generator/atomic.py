"""Writing a file so that a reader sees the old bytes or the new ones, never half of them."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, new_mode: int = 0o644) -> None:
    """Replace path with data atomically (a temporary file beside it, then os.replace); an existing file keeps
    its mode, a new one gets new_mode. The temporary file is removed when anything goes wrong, Ctrl-C included."""
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
