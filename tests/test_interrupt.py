"""Ctrl-C in the middle of a run: the command says what it left and how to go on (exit 130), every repository
in the output folder is whole, no scratch folder is left, and running the command again finishes the job."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import many_workflows

ROOT = Path(__file__).resolve().parent.parent
COUNT = 120  # workflows: several seconds of work, so the signal lands while repositories are being written


def _command(index: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "from-index",
        str(index),
        "--out",
        str(out),
        "--no-pin",
        "--jobs",
        str(jobs),
    ]


def _whole(repo: Path) -> bool:
    """Whether a generated folder holds exactly the files its manifest lists, with the recorded bytes."""
    manifest = json.loads((repo / ".genrepo.json").read_text(encoding="utf-8"))
    return all(
        (repo / rel).is_file() and hashlib.sha256((repo / rel).read_bytes()).hexdigest() == digest
        for rel, digest in manifest["outputs"].items()
    )


@pytest.mark.slow  # two whole runs of a 120-workflow wiki in a genrepo process
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_while_rendering_says_what_it_left_and_a_second_run_finishes(tmp_path, jobs):
    index = many_workflows(tmp_path / "wiki", COUNT)
    out = tmp_path / "out"
    env = {**os.environ, "GENREPO_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        _command(index, out, jobs), cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and any(
            (repo / ".genrepo.json").is_file() for repo in out.iterdir() if not repo.name.startswith(".")
        ):
            break  # the first repository is in place (a `.genrepo-*` scratch folder is not): rendering is under way
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before the first repository could be seen"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)

    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted: every new repository is moved into place whole or not at all" in err
    assert "run the same command again to finish" in err
    written = sorted(repo for repo in out.iterdir() if not repo.name.startswith("."))
    assert not [repo.name for repo in out.iterdir() if repo.name.startswith(".genrepo-")]  # no scratch folder left
    assert 1 <= len(written) < COUNT
    assert all(_whole(repo) for repo in written)

    again = subprocess.run(_command(index, out, jobs), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    actions = [line.split()[0] for line in again.stdout.splitlines() if line.split()[:1] in (["create"], ["unchanged"])]
    assert actions.count("unchanged") == len(written)
    assert actions.count("create") == COUNT - len(written)
    assert all(_whole(repo) for repo in out.iterdir() if not repo.name.startswith("."))
