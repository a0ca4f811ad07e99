"""Step 2: Network Architecture Definition.

Create a Multi-Layer Perceptron (MLP) by specifying input dimension and layer sizes. The MLP
class automatically constructs layers of neurons with ReLU activations (except the output
layer which is linear).

**What happens:**
- `MLP(nin, [h1, h2, ..., nout])` creates a network with specified hidden layer sizes
- Each Layer contains Neuron objects with randomly initialized weights in [-1, 1]
- Neurons compute weighted sums with bias, followed by optional ReLU activation
- The final layer has no activation (linear output for classification scores)

**Architecture hierarchy:**
  MLP → Layer(s) → Neuron(s) → Value (weights, biases)

Kind: call (bound to a real call)
API call: MLP.__init__(self, nin: int, nouts: list[int]) -> None
Source: micrograd/nn.py:L47-49
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L47-L49
Inputs: Architecture specification: input dimension and layer sizes
Outputs: Initialized `MLP` object with random weights
Wiki: _WorkflowIndex.md:55
"""

from __future__ import annotations

from typing import Any

NUMBER = 2
TITLE = "Network Architecture Definition"
KIND = "call"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "MLP.__init__(self, nin: int, nouts: list[int]) -> None"
IMPORT = "from micrograd.nn import MLP"
IMPORT_ORIGIN = "page"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ("micrograd.nn",)
TARGET = "MLP"
UNPACK = 2
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ("model",)
PARAMS: dict[str, dict[str, Any]] = {
    "nin": {"type": "int", "default": 2, "required": False},
    "nouts": {"type": "list[int]", "default": [16, 16, 1], "required": False},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    from micrograd.nn import MLP

    nin = config['nin']
    nouts = config['nouts']
    model = MLP(nin, nouts)
    return {'model': model}
