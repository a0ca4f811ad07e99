"""The workflows that run end to end on a CPU, with the config a user sets and what each must produce.

Shared by tests/test_e2e.py (which runs them) and bench/run.py (which reports them). A case sets config values
only; the generated code is never edited. `{fx}` in a config stands for the folder of tiny fixtures built by
tests/tinyhf.py, `{out}` for the case's own output folder. `check` is Python run after the workflow, in its
environment, with `ART` (the artifacts folder), `OUT`, `FX`, `artifact(name)` (the latest saved version of an
artifact) and `LOG` (what the run logged); it asserts what the workflow claims to produce.

A case that cannot run says why in `blocked`: the reason must be real, and the test checks it (the run fails
at that step with that message).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PEFT = "huggingface_peft-f0233dd9f9b1"
TRANSFORMERS = "batch-huggingface_transformers-4f0c0c0d0f29"
MICROGRAD = "llm_finetuning_test-Karpathy_Micrograd-4bdde244e902"

LOSS_IS_FINITE = """
import math, re
losses = [float(x) for x in re.findall(r"train_output.training_loss = (\\S+)", LOG)]
assert losses and all(math.isfinite(x) for x in losses), losses
"""
ADAPTER_LOADS = """
from peft import PeftModel
from transformers import AutoModelForCausalLM
model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(FX + "/model"), {path!r})
assert sum(p.numel() for n, p in model.named_parameters() if "lora_" in n) > 0
"""


@dataclass(frozen=True)
class Case:
    """One workflow run: which wiki and workflow, the config a user sets, and what must hold afterwards."""

    wiki: str
    workflow: str
    config: str
    check: str = ""
    blocked: str = ""  # why it cannot run here (a step fails with this text), when it cannot
    blocked_step: int = 0
    needs: tuple[str, ...] = field(default=())  # steps switched off in config because they need a GPU: "N: why"

    @property
    def id(self) -> str:
        return self.workflow


CASES = (
    Case(
        PEFT,
        "LoRA_Fine_Tuning",
        """
[step_01_base_model_loading]
pretrained_model_name_or_path = "{fx}/model"
torch_dtype = "float32"
device_map = "cpu"
[step_05_training_execution]
output_dir = "{out}/trainer"
num_train_epochs = 1
per_device_train_batch_size = 4
tokenized_dataset = "{fx}/data/tokenized"
tokenizer = "{fx}/model"
[step_06_adapter_serialization]
save_directory = "{out}/adapter"
""",
        LOSS_IS_FINITE + ADAPTER_LOADS.format(path="{out}/adapter"),
    ),
    Case(
        PEFT,
        "QLoRA_Training",
        """
[step_01_quantization_configuration]
bnb_4bit_compute_dtype = "float32"
[step_02_quantized_model_loading]
pretrained_model_name_or_path = "{fx}/model"
device_map = "cpu"
[step_04_qlora_configuration]
target_modules = ["q_proj", "v_proj"]
[step_06_qlora_training_execution]
output_dir = "{out}/trainer"
num_train_epochs = 1
per_device_train_batch_size = 4
optim = "adamw_torch"
train_dataset = "{fx}/data/tokenized/train"
tokenizer = "{fx}/model"
[step_07_adapter_serialization]
save_directory = "{out}/adapter"
""",
        LOSS_IS_FINITE
        + ADAPTER_LOADS.format(path="{out}/adapter")
        + '\nassert "model: LlamaForCausalLM (4-bit" in LOG, "the base model was not loaded in 4 bits"\n',
    ),
    Case(
        PEFT,
        "Adapter_Loading_Inference",
        """
[step_01_base_model_loading]
pretrained_model_name_or_path = "{fx}/model"
torch_dtype = "float32"
device_map = "cpu"
[step_02_adapter_loading]
model_id = "{fx}/adapter-a"
[step_04_inference_execution]
tokenizer = "{fx}/model"
prompt = "the model learns"
max_new_tokens = 5
""",
        """
from transformers import AutoTokenizer
outputs = artifact("outputs")
text = AutoTokenizer.from_pretrained(FX + "/model").decode(outputs[0], skip_special_tokens=True)
assert outputs.shape[1] > 3 and text.strip(), text
merged = artifact("merged_model")
assert "lora" not in " ".join(n for n, _ in merged.named_modules())  # the adapter is merged in, not wrapped
""",
    ),
    Case(
        PEFT,
        "Adapter_Merging",
        """
[step_01_base_model_loading]
pretrained_model_name_or_path = "{fx}/model"
torch_dtype = "float32"
device_map = "cpu"
[step_02_adapter_loading]
model_id = "{fx}/adapter-a"
adapter_name = "a"
[step_03_multi_adapter_loading]
model_id = "{fx}/adapter-b"
adapter_name = "b"
[step_04_merge_strategy_configuration]
weights = [0.5, 0.5]
density = 0.5
[step_05_adapter_merge_execution]
adapters = ["a", "b"]
adapter_name = "merged"
[step_06_merge_evaluation]
merged_adapter_name = "merged"
[step_07_adapter_serialization]
save_directory = "{out}/adapters"
""",
        ADAPTER_LOADS.format(path="{out}/adapters/merged"),
    ),
    Case(
        PEFT,
        "Multi_Adapter_Management",
        """
[step_01_adapter_loading]
base_model = "{fx}/model"
model_id = "{fx}/adapter-a"
adapter_name = "a"
[step_02_multi_adapter_loading]
model_id = "{fx}/adapter-b"
adapter_name = "b"
[step_03_adapter_switching]
adapter_name = "b"
[step_04_adapter_enable_disable]
tokenizer = "{fx}/model"
prompt = "the model learns"
[step_05_adapter_deletion]
adapter_name = "a"
""",
        """
assert artifact("active_adapter_result") == "b"
assert artifact("base_output").shape[0] == 1
assert "a" not in artifact("model").peft_config  # deleted
""",
    ),
    Case(
        TRANSFORMERS,
        "Tokenization",
        """
[step_01_tokenizer_loading]
pretrained_model_name_or_path = "{fx}/model"
[step_05_chat_template_application]
conversation = [{{ role = "user", content = "the model learns" }}]
return_dict = false
pretrained_model_name_or_path = "{fx}/model"
max_new_tokens = 5
[step_06_text_decoding]
token_ids = [5, 6, 7]
""",
        """
assert artifact("encoded")["input_ids"]
assert artifact("outputs").shape[1] > artifact("inputs").shape[1]  # generation added tokens
assert artifact("text").strip()
""",
    ),
    Case(
        TRANSFORMERS,
        "Training",
        """
[step_01_training_arguments_configuration]
output_dir = "{out}/trainer"
num_train_epochs = 1
per_device_train_batch_size = 4
per_device_eval_batch_size = 4
[step_02_dataset_preparation]
path = "{fx}/data/jsonl"
pretrained_model_name_or_path = "{fx}/model-cls"
batch_size = 8
[step_04_trainer_initialization]
pretrained_model_name_or_path = "{fx}/model-cls"
[step_07_model_export]
output_dir = "{out}/model"
""",
        """
import math
from transformers import AutoModelForSequenceClassification
assert math.isfinite(artifact("eval_results")["eval_loss"])
assert artifact("train_result").training_loss > 0
AutoModelForSequenceClassification.from_pretrained(OUT + "/model")
""",
    ),
    Case(
        TRANSFORMERS,
        "Pipeline_Inference",
        """
[step_01_task_resolution]
task = "text-generation"
[step_02_component_loading]
pretrained_model_name_or_path = "{fx}/model"
model_name_or_path = "{fx}/model"
model_classes = ["transformers.AutoModelForCausalLM"]
task = "text-generation"
[step_03_pipeline_instantiation]
task = "text-generation"
tokenizer = "{fx}/model"
[step_04_input_preprocessing]
input_ = "Once upon a time"
[step_05_model_inference]
extra_kwargs = {{ max_new_tokens = 5 }}
""",
        """
results = artifact("results")
assert results and results[0]["generated_text"].strip(), results
""",
    ),
    Case(
        TRANSFORMERS,
        "Quantization",
        """
[step_02_quantization_configuration]
bnb_4bit_compute_dtype = "float32"
pretrained_model_name_or_path = "{fx}/model"
device_map = "cpu"
[step_03_quantizer_initialization]
device_map = "cpu"
[step_04_model_architecture_preparation]
extra_kwargs = {{ device_map = "cpu" }}
[step_06_runtime_optimization]
enabled = false
""",
        """
model = artifact("model")
assert getattr(model, "is_loaded_in_4bit", False)
assert type(artifact("quantizer")).__name__ == "Bnb4BitHfQuantizer"
""",
        needs=(
            "6: GPTQ kernels: gptqmodel needs a CUDA build of torch, auto-gptq does not import with transformers 5",
        ),
    ),
    Case(
        TRANSFORMERS,
        "Model_Loading",
        """
[step_01_configuration_loading]
pretrained_model_name_or_path = "{fx}/model-sharded"
[step_02_checkpoint_discovery]
model_id = "{fx}/model-sharded"
cache_dir = "{out}/hf-cache"
[step_03_quantization_configuration]
device_map = "cpu"
[step_05_weight_loading]
filename = "{fx}/model/model.safetensors"
device_map = {{ "" = "cpu" }}
""",
        blocked="got an unexpected keyword argument 'weight_mapping'",
        blocked_step=5,
    ),
)

BLOCKED_REASONS = {
    "Model_Loading": (
        "API drift in transformers 5.23, not fixable by config: convert_and_load_state_dict_in_model() now "
        "requires load_config and no longer takes weight_mapping, tp_plan, hf_quantizer, dtype or device_map "
        "(step 5, found by `check`), and get_hf_quantizer() now returns a (quantizer, config, device_map) tuple "
        "where the wiki hands one quantizer on (step 3)"
    ),
}
