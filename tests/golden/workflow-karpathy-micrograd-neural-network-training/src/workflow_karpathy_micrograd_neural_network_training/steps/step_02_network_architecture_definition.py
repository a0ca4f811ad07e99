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

Kind: call (needs implementation)
API call: MLP.__init__(self, nin: int, nouts: list[int]) -> None
Source: micrograd/nn.py:L47-49
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L47-L49
Inputs: Architecture specification: input dimension and layer sizes
Outputs: Initialized MLP object with random weights
Wiki: _WorkflowIndex.md:55
"""

from __future__ import annotations

from typing import Any

NUMBER = 2
TITLE = "Network Architecture Definition"
KIND = "call"
BOUND = False
NEEDS_IMPLEMENTATION = True
API = "MLP.__init__(self, nin: int, nouts: list[int]) -> None"
IMPORT = ""
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
    "nin": {"type": "int", "default": None, "required": True},
    "nouts": {"type": "list[int]", "default": None, "required": True},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    raise NotImplementedError('Step 2 (Network Architecture Definition) is not bound to an API yet; the wiki cites: MLP.__init__(self, nin: int, nouts: list[int]) -> None')
