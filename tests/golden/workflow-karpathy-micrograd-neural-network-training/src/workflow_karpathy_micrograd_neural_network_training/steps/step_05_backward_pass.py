"""Step 5: Backward Pass (Gradient Computation).

Call backward() on the loss Value to compute gradients of all parameters with respect to the
loss. This implements reverse-mode automatic differentiation.

**What happens:**
- Topological sort orders all nodes from inputs to loss
- Initialize loss.grad = 1 (derivative of loss w.r.t. itself)
- Traverse nodes in reverse topological order
- Each node's _backward() closure applies the chain rule to propagate gradients
- After completion, every Value in the graph has its .grad attribute populated

Kind: method (bound to a real call)
API call: Value.backward(self) -> None
Source: micrograd/engine.py:L54-70
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/engine.py#L54-L70
Inputs: Loss `Value` from Step 4 (contains computation graph in `_prev`)
Outputs: Gradients populated in `.grad` attribute of all `Value` objects in the graph
Wiki: _WorkflowIndex.md:119
"""

from __future__ import annotations

from typing import Any

NUMBER = 5
TITLE = "Backward Pass (Gradient Computation)"
KIND = "method"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "Value.backward(self) -> None"
IMPORT = ""
IMPORT_ORIGIN = "upstream"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = "backward"
UNPACK = 2
CONSUMES: tuple[str, ...] = ("loss",)
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    loss = artifacts['loss']
    loss.backward()
    return {}
