"""Step 3: Forward Pass Computation.

Feed input data through the network to produce predictions. Each forward pass dynamically builds a
computation graph of Value objects that tracks all operations.

**What happens:**
- Input values flow through each layer sequentially
- Each neuron computes: activation = ReLU(sum(w_i * x_i) + b) or linear
- The computation graph is built implicitly through Value operations
- Output is a Value object (or list) representing the network's prediction

Source: micrograd/nn.py:L51-54
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L51-L54
Inputs: Single input vector `x` from training data
Outputs: `Value` object containing prediction (scalar for single output)
"""

from ..runtime import Step

STEP = Step(
    number=3,
    title="Forward Pass Computation",
    kind="method",
    status="bound",
    api="MLP.__call__(self, x: list[Value]) -> Value",
    consumes=("xs", "model"),
    produces=("ypred",),
    wiki="_WorkflowIndex.md:76",
)


def run(xs, model):
    ypred = [model(x) for x in xs]
    return {"ypred": ypred}
