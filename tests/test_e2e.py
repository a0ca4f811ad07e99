"""End to end: generated repositories installed from their pinned requirements run their workflows for real,
on CPU, against tiny local models and data built offline by tests/tinyhf.py, with only config set.

The heavy environment is built once per session, by running the first case's README install commands verbatim
(its `.venv` is then shared by every case); each further case installs its own pinned requirements into it.
Resolution uses uv with the machine's local wheels (PIP_FIND_LINKS, where torch 2.13.0 CPU lies) and a
constraint on torch, so nothing pulls a CUDA build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from generator.pin import PinOptions
from generator.pipeline import generate
from tests.conftest import CORPUS, SAMPLES, corpus_indexes
from tests.e2e_cases import BLOCKED_REASONS, CASES, MICROGRAD, Case

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
PIP_ENV = {
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
}


def find_links() -> str | None:
    """Where this machine keeps local wheels (torch 2.13.0 CPU), from pip's configuration."""
    value = os.environ.get("PIP_FIND_LINKS") or ""
    folders = [v for v in value.split() if Path(v).is_dir()]
    return folders[0] if folders else None


def readme_blocks(readme: Path, heading: str) -> list[str]:
    """The commands of the ```bash blocks under a README heading, as written."""
    text = readme.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [
        line
        for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)
        for line in block.splitlines()
        if line.strip()
    ]


def run_verbatim(commands: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run README commands as a person pastes them into bash (one shell, so `. .venv/bin/activate` holds)."""
    script = "set -euo pipefail\n" + "\n".join(commands) + "\n"
    environment = {**os.environ, **PIP_ENV, **OFFLINE, **(env or {})}
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, capture_output=True, text=True, env=environment, timeout=3600
    )


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Every case's repository, generated and pinned (uv, local wheels, torch held at the CPU build)."""
    if not corpus_indexes():
        pytest.skip("corpus not found (set GENREPO_CORPUS)")
    links = find_links()
    if links is None or not any(Path(links).glob("torch-2.13.0*")):
        pytest.skip("no local torch 2.13.0 wheel (PIP_FIND_LINKS) to run the workflows on CPU")
    out = tmp_path_factory.mktemp("e2e")
    constraints = out / "constraints.txt"
    constraints.write_text("torch==2.13.0\n")
    pin = PinOptions(
        resolver="uv", cache_dir=out / "pins", index_args=("--find-links", links, "--constraint", str(constraints))
    )
    repos: dict[str, Path] = {}
    for wiki in sorted({c.wiki for c in CASES}):
        names = [c.workflow for c in CASES if c.wiki == wiki]
        result = generate(CORPUS / wiki / "_WorkflowIndex.md", out / "repos", names, pin=pin)
        for item in result.results:
            assert item.ok, item.errors
            repos[item.plan.workflow.short_name] = item.output_dir
    return repos


@pytest.fixture(scope="session")
def fixtures_and_python(generated, tmp_path_factory) -> tuple[Path, Path]:
    """The shared environment, made by the first case's README commands verbatim, and the tiny fixtures."""
    first = generated[CASES[0].workflow]
    proc = run_verbatim(readme_blocks(first / "README.md", "Install and check"), first)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    python = first / ".venv" / "bin" / "python"
    for case in CASES[1:]:
        repo = generated[case.workflow]
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
            cwd=repo,
            check=True,
            env={**os.environ, **PIP_ENV},
            timeout=1800,
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", "."],
            cwd=repo,
            check=True,
            env={**os.environ, **PIP_ENV},
            timeout=600,
        )
    fx = tmp_path_factory.mktemp("tinyhf")
    subprocess.run(
        [str(python), str(ROOT / "tests" / "tinyhf.py"), str(fx)],
        check=True,
        capture_output=True,
        env={**os.environ, **OFFLINE},
        timeout=600,
    )
    return fx, python


def artifact_loader(repo: Path) -> str:
    package = json.loads((repo / ".genrepo.json").read_text())["repo"]["package"]
    return textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from {package}.runtime.store import Store
        ART, OUT, FX = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
        LOG = Path(sys.argv[4]).read_text()
        def artifact(name):
            store = Store(ART)
            return store.load(name, store.version_before(name, 10**6))
    """)


def run_case(case: Case, repo: Path, python: Path, fx: Path, tmp: Path) -> subprocess.CompletedProcess:
    config = tmp / "config.toml"
    config.write_text(textwrap.dedent(case.config).format(fx=fx, out=tmp))
    package = json.loads((repo / ".genrepo.json").read_text())["repo"]["package"]
    return subprocess.run(
        [
            str(python),
            "-m",
            package,
            "run",
            "--config",
            str(config),
            "--artifacts",
            str(tmp / "artifacts"),
            "--seed",
            "0",
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        timeout=1800,
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_workflow_runs_end_to_end_with_only_config_set(case, generated, fixtures_and_python, tmp_path):
    fx, python = fixtures_and_python
    repo = generated[case.workflow]
    proc = run_case(case, repo, python, fx, tmp_path)
    if case.blocked:
        # the reason it cannot run is real: the run stops at that step, with that error
        assert proc.returncode == 1, proc.stderr[-3000:]
        assert f"error: step {case.blocked_step}." in proc.stderr and case.blocked in proc.stderr, proc.stderr[-3000:]
        assert case.workflow in BLOCKED_REASONS
        return
    assert proc.returncode == 0, proc.stderr[-4000:]
    for need in case.needs:
        number = need.split(":", 1)[0]
        assert f"disabled in config: {number}." in proc.stderr
    log = tmp_path / "run.log"
    log.write_text(proc.stderr)
    check = subprocess.run(
        [
            str(python),
            "-c",
            artifact_loader(repo) + textwrap.dedent(case.check).replace("{out}", str(tmp_path)),
            str(tmp_path / "artifacts"),
            str(tmp_path),
            str(fx),
            str(log),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        timeout=600,
    )
    assert check.returncode == 0, check.stderr[-3000:]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_check_binds_every_call_against_the_real_libraries(case, generated, fixtures_and_python):
    _, python = fixtures_and_python
    repo = generated[case.workflow]
    package = json.loads((repo / ".genrepo.json").read_text())["repo"]["package"]
    proc = subprocess.run(
        [str(python), "-m", package, "check", "--json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        timeout=600,
    )
    report = json.loads(proc.stdout)
    failing = [
        s
        for s in report["steps"]
        if s["status"] in ("import fails", "no such attribute", "argument not accepted", "not callable")
    ]
    if case.blocked:
        assert failing, "a workflow blocked by API drift should be flagged by check"
        return
    assert proc.returncode == 0 and not failing, failing
    for need in case.needs:  # `plan` says which step needs more than a CPU
        plan = subprocess.run(
            [str(python), "-m", package, "plan"],
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, **OFFLINE},
        )
        assert "needs:" in plan.stdout and need.split(": ", 1)[1].split(":")[0] in plan.stdout


def test_micrograd_readme_commands_run_verbatim_in_a_fresh_venv_and_the_loss_goes_down(tmp_path):
    index = CORPUS / MICROGRAD / "_WorkflowIndex.md"
    if not index.is_file():
        pytest.skip("corpus not found")
    (item,) = generate(index, tmp_path / "out", pin=PinOptions(resolver="uv", cache_dir=tmp_path / "pins")).results
    assert item.ok and item.executable
    repo = item.output_dir
    config = (repo / "config.toml").read_text()
    values = {
        "xs": "[[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]",
        "ys": "[1.0, -1.0, -1.0, 1.0]",
        "nin": "3",
        "nouts": "[4, 4, 1]",
        "learning_rate": "0.01",
        "epochs": "20",
    }
    for key, value in values.items():  # what a person does: fill the REQUIRED lines of config.toml
        config = re.sub(rf"^# REQUIRED: {key} =\s*$", f"{key} = {value}", config, flags=re.M)
        config = re.sub(rf"^{key} = .*$", f"{key} = {value}", config, flags=re.M)
    (repo / "config.toml").write_text(config)
    commands = readme_blocks(repo / "README.md", "Install and check") + readme_blocks(repo / "README.md", "Run")
    commands += readme_blocks(repo / "README.md", "Tests")
    # micrograd draws its initial weights from `random`: unseeded, about one run in five starts where 20 small
    # steps do not halve the loss. Seeded at interpreter start-up (sitecustomize), the run is the same every time.
    seeded = tmp_path / "seeded"
    seeded.mkdir()
    (seeded / "sitecustomize.py").write_text("import random\n\nrandom.seed(0)\n")
    proc = run_verbatim(commands, repo, env={"PYTHONPATH": str(seeded)})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    losses = [float(x) for x in re.findall(r"^\s+loss = (\S+)$", proc.stderr, flags=re.M)]
    assert len(losses) == 20 and losses[-1] < losses[0] * 0.5, losses
    assert " passed" in proc.stdout


def test_lora_sample_trains_saves_and_reloads_an_adapter(generated, fixtures_and_python, tmp_path):
    fx, python = fixtures_and_python
    (item,) = generate(SAMPLES / "peft_lora", tmp_path / "out", pin=None).results
    assert item.ok and item.executable
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(item.output_dir)],
        check=True,
        env={**os.environ, **PIP_ENV},
        timeout=600,
    )
    case = Case(
        "samples",
        "LoRA_Finetuning",
        f"""
[step_01_model_loading]
pretrained_model_name_or_path = "{fx}/model"
[step_02_tokenizer_loading]
pretrained_model_name_or_path = "{fx}/model"
[step_03_lora_configuration]
target_modules = ["q_proj", "v_proj"]
[step_05_dataset_preparation]
texts = ["the model learns small adapters", "low rank makes training cheap", "adapters on frozen weights", "a model"]
max_length = 8
[step_06_training_configuration]
output_dir = "{tmp_path}/outputs"
max_steps = 3
[step_08_adapter_saving]
save_directory = "{tmp_path}/adapter"
[step_09_adapter_loading]
base_model_path = "{fx}/model"
adapter_path = "{tmp_path}/adapter"
""".replace("{", "{{").replace("}", "}}"),
    )
    proc = run_case(case, item.output_dir, python, fx, tmp_path)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (tmp_path / "adapter" / "adapter_config.json").is_file()
    assert re.search(r"^\s+training_loss = \d", proc.stderr, flags=re.M), proc.stderr[-2000:]
    assert re.search(r"^\s+n_adapters: 1$", proc.stderr, flags=re.M), proc.stderr[-2000:]
