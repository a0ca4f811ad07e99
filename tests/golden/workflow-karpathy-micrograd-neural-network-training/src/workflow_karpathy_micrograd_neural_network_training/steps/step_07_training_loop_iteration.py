"""Step 7: Training Loop Iteration.

Repeat steps 3-6 for multiple epochs until the loss converges or accuracy is satisfactory.

**Training loop structure:**
  1. Zero gradients: model.zero_grad()
  2. Forward pass: predictions = [model(x) for x in inputs]
  3. Compute loss: loss = loss_function(predictions, targets)
  4. Backward pass: loss.backward()
  5. Update parameters: for p in model.parameters(): p.data -= lr * p.grad
  6. Repeat for N epochs

**Key considerations:**
- Monitor loss decrease to verify learning
- Adjust learning rate if training is unstable or too slow
- Typical training: 20-100 epochs for simple datasets
- Optionally track accuracy on validation data

Kind: method (bound to a real call)
API call: Module.zero_grad(self) -> None
Source: micrograd/nn.py:L6-8
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L6-L8
Inputs: Model after parameter update
Outputs: Reset gradients (all `p.grad = 0`), ready for next iteration
Wiki: _WorkflowIndex.md:164
"""

from __future__ import annotations

from typing import Any

NUMBER = 7
TITLE = "Training Loop Iteration"
KIND = "method"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "Module.zero_grad(self) -> None"
IMPORT = ""
IMPORT_ORIGIN = "upstream"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = "zero_grad"
UNPACK = 2
CONSUMES: tuple[str, ...] = ("model",)
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
    "epochs": {"type": "int", "default": None, "required": True},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    model = artifacts['model']
    model.zero_grad()
    return {}
