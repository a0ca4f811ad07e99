"""Step 2: Network Architecture Definition.

Create a Multi-Layer Perceptron (MLP) by specifying input dimension and layer sizes. The MLP class
automatically constructs layers of neurons with ReLU activations (except the output layer which is
linear).

**What happens:**
- `MLP(nin, [h1, h2, ..., nout])` creates a network with specified hidden layer sizes
- Each Layer contains Neuron objects with randomly initialized weights in [-1, 1]
- Neurons compute weighted sums with bias, followed by optional ReLU activation
- The final layer has no activation (linear output for classification scores)

**Architecture hierarchy:**
  MLP → Layer(s) → Neuron(s) → Value (weights, biases)

Source: micrograd/nn.py:L47-49
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L47-L49
Inputs: Architecture specification: input dimension and layer sizes
Outputs: Initialized `MLP` object with random weights
"""

from ..runtime import Param, Step

STEP = Step(
    number=2,
    title="Network Architecture Definition",
    kind="call",
    status="bound",
    api="MLP.__init__(self, nin: int, nouts: list[int]) -> None",
    produces=("model",),
    params={
        "nin": Param("int", default=2, doc="Number of input features"),
        "nouts": Param("list[int]", default=[16, 16, 1], doc="List of layer output sizes (defines architecture)"),
    },
    wiki="_WorkflowIndex.md:55",
)


def run(nin, nouts):
    from micrograd.nn import MLP

    model = MLP(nin, nouts)
    return {"model": model}
