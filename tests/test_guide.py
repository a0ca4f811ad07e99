"""The guided modes, driven through a real pseudo-terminal (pexpect) as a person would."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pexpect
import pytest

from generator.pipeline import generate
from tests.conftest import CORPUS, pip_install

MICROGRAD = CORPUS / "llm_finetuning_test-Karpathy_Micrograd-4bdde244e902" / "_WorkflowIndex.md"
pytestmark = pytest.mark.slow  # a fresh venv, a pip install and a pseudo-terminal session


@pytest.fixture(scope="module")
def micrograd(tmp_path_factory, test_venv) -> tuple[Path, Path, str]:
    if not MICROGRAD.is_file():
        pytest.skip("corpus not found")
    out = tmp_path_factory.mktemp("guide")
    (item,) = generate(MICROGRAD, out).results
    pip_install(test_venv, "micrograd")
    return item.output_dir, test_venv, item.plan.package_name


def spawn(repo: Path, python: Path, package: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(repo / "src"), "PYTHONUNBUFFERED": "1"}
    return pexpect.spawn(
        str(python),
        ["-m", package, "guide", "--artifacts", "art"],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=60,
    )


def test_runtime_guide_fills_required_keys_runs_every_step_and_resumes(micrograd):
    repo, python, package = micrograd
    child = spawn(repo, python, package)
    child.expect(r"step 1 of 7: Data Preparation")
    child.expect(r"step_01_data_preparation\.xs = ")
    child.sendline("[[2.0, 3.0, -1.0], [3.0, -1.0, 0.5]]")
    child.expect(r"step_01_data_preparation\.ys = ")
    child.sendline("not a list")  # a wrong type is refused with the reason, and asked again
    child.expect(r"expected list\[float\]")
    child.sendline("[1.0, -1.0]")
    child.expect(r"save xs, ys to config\.toml\?")
    child.sendline("y")
    child.expect(r"run step 1\?")
    child.sendline("")
    for number in range(2, 8):
        child.expect(rf"Go on to step {number} of 7\?")
        child.sendline("")
        child.expect(rf"step {number} of 7")
        if number == 7:
            child.expect(r"step_07_training_loop_iteration\.epochs = ")
            child.sendline("5")
            child.expect(r"save epochs")
            child.sendline("y")
        child.expect(rf"run step {number}\?")
        child.sendline("")
    child.expect(r"rounds 2-5 run now")
    child.expect(r"loss = ")
    child.expect(r"all 7 steps done")
    child.expect(pexpect.EOF)
    config = (repo / "config.toml").read_text()
    assert "xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5]]" in config and "epochs = 5" in config  # saved, comments kept
    assert "# xs (list[list[float]]): Input feature vectors" in config

    # a second walk: start again, stop after step 2, come back, resume at step 3
    child = spawn(repo, python, package)
    child.expect(r"Start again from step 1\?")
    child.sendline("y")
    child.expect(r"run step 1\?")
    child.sendline("")
    child.expect(r"Go on to step 2 of 7\?")
    child.sendline("")
    child.expect(r"run step 2\?")
    child.sendline("")
    child.expect(r"Go on to step 3 of 7\?")
    child.sendline("n")
    child.expect(r"resume at step 3")
    child.expect(pexpect.EOF)
    child = spawn(repo, python, package)
    child.expect(r"Resume at step 3 \(steps 1-2 are done")
    child.sendline("y")
    child.expect(r"loaded from earlier steps: [^\n]*model")  # pexpect uses DOTALL: stay on the line
    # (the model could not be pickled: step 2 ran again to rebuild it)
    child.expect(r"step 3 of 7: Forward Pass")
    child.expect(r"run step 3\?")
    child.sendline("")
    child.expect(r"ypred: list of 2")
    child.expect(r"Go on to step 4 of 7\?")
    child.sendline("q")
    child.expect(r"resume at step 4")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert re.search(r'"next": 4', (repo / "art" / "guide.json").read_text())
