"""End to end: generated repositories installed in fresh venvs run their workflows for real, on CPU."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import CORPUS, SAMPLES, make_venv, pip_install

pytestmark = pytest.mark.slow

MICROGRAD_CONFIG = """
[step_01_data_preparation]
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]

[step_02_network_architecture_definition]
nin = 3
nouts = [4, 4, 1]

[step_06_parameter_update]
learning_rate = 0.01

[step_07_training_loop_iteration]
epochs = 20
"""


def run_workflow(python: Path, package: str, config: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    return subprocess.run(
        [str(python), "-m", package, "run", "--config", str(config), *extra],
        cwd=cwd, capture_output=True, text=True, env=env, timeout=1800,
    )


def test_micrograd_workflow_trains_and_its_loss_goes_down(tmp_path):
    index = CORPUS / "llm_finetuning_test-Karpathy_Micrograd-4bdde244e902" / "_WorkflowIndex.md"
    if not index.is_file():
        pytest.skip("corpus not found")
    (item,) = generate(index, tmp_path / "out").results
    assert item.ok and all(sp.binding.bound for sp in item.plan.steps)
    python = make_venv(tmp_path / "venv")
    pip_install(python, str(item.output_dir))  # brings the real micrograd from PyPI
    config = tmp_path / "config.toml"
    config.write_text(MICROGRAD_CONFIG)
    proc = run_workflow(python, item.plan.package_name, config, tmp_path, "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    losses = [float(x) for x in re.findall(r"^\s+loss = (\S+)$", proc.stderr, flags=re.M)]
    assert len(losses) == 20, proc.stderr
    assert losses[-1] < losses[0] * 0.5, losses
    assert "round 20 of 20" in proc.stderr


TINY_MODEL = """
import sys
from pathlib import Path
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

target = Path(sys.argv[1])
words = "the a model learns small adapters on top of frozen weights low rank makes training cheap".split()
vocab = {token: i for i, token in enumerate(["[PAD]", "[UNK]", "[EOS]", *sorted(set(words))])}
tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
tok.pre_tokenizer = pre_tokenizers.Whitespace()
tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", eos_token="[EOS]")
config = GPT2Config(vocab_size=len(vocab), n_positions=64, n_embd=32, n_layer=2, n_head=2,
                    bos_token_id=2, eos_token_id=2, pad_token_id=0)
GPT2LMHeadModel(config).save_pretrained(target)
tokenizer.save_pretrained(target)
"""


def test_lora_workflow_trains_saves_and_reloads_an_adapter_on_cpu(tmp_path):
    (item,) = generate(SAMPLES / "peft_lora", tmp_path / "out").results
    assert item.ok and all(sp.binding.bound for sp in item.plan.steps), [sp.binding.notes for sp in item.plan.steps]
    python = make_venv(tmp_path / "venv")
    pip_install(python, "torch==2.13.0")  # the CPU build on this machine's disk
    pip_install(python, str(item.output_dir))
    base = tmp_path / "tiny-gpt2"
    subprocess.run([str(python), "-c", TINY_MODEL, str(base)], check=True, timeout=600)
    adapter = tmp_path / "adapter"
    config = tmp_path / "config.toml"
    config.write_text(
        f"""
[step_01_model_loading]
pretrained_model_name_or_path = "{base}"
[step_02_tokenizer_loading]
pretrained_model_name_or_path = "{base}"
[step_05_dataset_preparation]
texts = ["the model learns small adapters", "low rank makes training cheap", "adapters on top of frozen weights", "the a model"]
max_length = 8
[step_06_training_configuration]
output_dir = "{tmp_path / 'outputs'}"
max_steps = 3
[step_08_adapter_saving]
save_directory = "{adapter}"
[step_09_adapter_loading]
base_model_path = "{base}"
adapter_path = "{adapter}"
"""
    )
    proc = run_workflow(python, item.plan.package_name, config, tmp_path, "--seed", "0")
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (adapter / "adapter_config.json").is_file()
    assert (adapter / "adapter_model.safetensors").is_file()
    assert re.search(r"^\s+training_loss = \d", proc.stderr, flags=re.M), proc.stderr[-2000:]
    assert re.search(r"^\s+n_adapters = 1$", proc.stderr, flags=re.M), proc.stderr[-2000:]
