"""Step 3: Forward Pass Computation.

Feed input data through the network to produce predictions. Each forward pass dynamically
builds a computation graph of Value objects that tracks all operations.

**What happens:**
- Input values flow through each layer sequentially
- Each neuron computes: activation = ReLU(sum(w_i * x_i) + b) or linear
- The computation graph is built implicitly through Value operations
- Output is a Value object (or list) representing the network's prediction

Kind: method (bound to a real call)
API call: MLP.__call__(self, x: list[Value]) -> Value
Source: micrograd/nn.py:L51-54
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L51-L54
Inputs: Single input vector `x` from training data
Outputs: `Value` object containing prediction (scalar for single output)
Wiki: _WorkflowIndex.md:76
"""

from __future__ import annotations

from typing import Any

NUMBER = 3
TITLE = "Forward Pass Computation"
KIND = "method"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "MLP.__call__(self, x: list[Value]) -> Value"
IMPORT = ""
IMPORT_ORIGIN = "upstream"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = ""
UNPACK = 2
CONSUMES: tuple[str, ...] = ("xs", "model")
PRODUCES: tuple[str, ...] = ("ypred",)
PARAMS: dict[str, dict[str, Any]] = {
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    xs = artifacts['xs']
    model = artifacts['model']
    ypred = [model(x) for x in xs]
    return {'ypred': ypred}
