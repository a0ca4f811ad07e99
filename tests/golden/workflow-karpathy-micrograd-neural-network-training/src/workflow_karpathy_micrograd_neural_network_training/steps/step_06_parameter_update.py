"""Step 6: Parameter Update (Gradient Descent).

Update all network parameters by taking a step opposite to the gradient direction. This is
the core of stochastic gradient descent (SGD).

**Update rule:**
  parameter.data -= learning_rate * parameter.grad

**What happens:**
- Iterate over model.parameters() to get all trainable Values (weights and biases)
- Subtract a small multiple (learning rate) of each gradient from the parameter
- Common learning rates: 0.01, 0.05, 0.1 (problem-dependent)
- Zero out gradients before next iteration to prevent accumulation

Kind: method (bound to a real call)
API call: Module.parameters(self) -> list[Value]
Source: micrograd/nn.py:L10-11 (base), L56-57 (MLP override)
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L10-L11
Inputs: Model with populated gradients from backward pass
Outputs: Updated parameter values (`p.data` modified in-place)
Wiki: _WorkflowIndex.md:137
"""

from __future__ import annotations

from typing import Any

NUMBER = 6
TITLE = "Parameter Update (Gradient Descent)"
KIND = "method"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "Module.parameters(self) -> list[Value]"
IMPORT = ""
IMPORT_ORIGIN = "upstream"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = "parameters"
UNPACK = 2
CONSUMES: tuple[str, ...] = ("model",)
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
    "learning_rate": {"type": "float", "default": 0.05, "required": False},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    model = artifacts['model']
    learning_rate = config['learning_rate']
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return {}
