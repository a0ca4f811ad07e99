"""Config defaults that need an accelerator take the value that runs on a CPU.

A wiki's examples are written on GPU machines: `bf16=True`, `mixed_precision="fp16"`, `device_map="cuda"`,
`max_memory={0: "10GiB", "cpu": "30GiB"}`. Copied as defaults, they stop the generated repository on the machine
it is first tried on ("Your setup doesn't support bf16/gpu", "Found no NVIDIA driver"), and its own tests cannot
tell. A key holding such a value defaults to the library's CPU value instead (`bf16 = false`, `"no"`, `"cpu"`, the
`cpu` entry of the memory map); its description keeps the example's value, so a GPU user sets it back. Only values
that fail or do nothing without an accelerator are changed: a dtype (`bfloat16` runs on a CPU), `device_map="auto"`
(it places everything on the CPU there) and quantisation flags (the workflow's point, with its own requirements)
stay as the wiki wrote them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.apitext import literal_value
from generator.bind.binding import Binding, ConfigParam

# flags a trainer refuses without a GPU (transformers' TrainingArguments: fp16, bf16, tf32 and their eval twins)
_GPU_FLAGS = frozenset({"bf16", "fp16", "tf32", "bf16_full_eval", "fp16_full_eval"})
_MIXED_PRECISION = frozenset({"fp16", "bf16", "fp8"})
_DEVICE_KEYS = frozenset({"device", "device_map"})
_ACCELERATOR = re.compile(r"(?:cuda|mps|xpu|npu|mlu|hpu)(?::\d+)?")


def with_cpu_defaults(binding: Binding) -> Binding:
    """The binding with every key whose default needs an accelerator defaulting to its CPU value."""
    params = tuple(_on_cpu(param) for param in binding.params)
    return binding if params == binding.params else replace(binding, params=params)


def _on_cpu(param: ConfigParam) -> ConfigParam:
    value = _cpu_value(param.name, literal_value(param.default))
    if value is None:
        return param
    said = f"the wiki's example sets {param.default}, which needs a GPU"
    description = f"{param.description} ({said})" if param.description else said
    return replace(param, default=value, description=description)


def _cpu_value(name: str, value: object) -> str | None:
    """The source text of the CPU value for a key holding value; None when value runs on a CPU as it is."""
    if name in _GPU_FLAGS and value is True:
        return "False"
    if name == "mixed_precision" and isinstance(value, str) and value.lower() in _MIXED_PRECISION:
        return repr("no")
    if name in _DEVICE_KEYS and isinstance(value, str) and _ACCELERATOR.fullmatch(value.strip().lower()):
        return repr("cpu")
    if name == "max_memory" and isinstance(value, dict) and any(not _host(key) for key in value):
        kept = {key: size for key, size in value.items() if _host(key)}
        return repr(kept) if "cpu" in kept else None
    return None


def _host(device: object) -> bool:
    """Whether a memory map's key names the host (`"cpu"`, `"disk"`) rather than an accelerator (0, `"cuda:0"`)."""
    return isinstance(device, str) and device.strip().lower() in ("cpu", "disk")
