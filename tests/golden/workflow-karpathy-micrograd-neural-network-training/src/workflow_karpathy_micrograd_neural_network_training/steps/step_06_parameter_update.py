"""Step 6: Parameter Update (Gradient Descent).

Update all network parameters by taking a step opposite to the gradient direction. This is the core
of stochastic gradient descent (SGD).

**Update rule:**
  parameter.data -= learning_rate * parameter.grad

**What happens:**
- Iterate over model.parameters() to get all trainable Values (weights and biases)
- Subtract a small multiple (learning rate) of each gradient from the parameter
- Common learning rates: 0.01, 0.05, 0.1 (problem-dependent)
- Zero out gradients before next iteration to prevent accumulation

Source: micrograd/nn.py:L10-11 (base), L56-57 (MLP override)
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L10-L11
Inputs: Model with populated gradients from backward pass
Outputs: Updated parameter values (`p.data` modified in-place)
"""

from ..runtime import Param, Step

STEP = Step(
    number=6,
    title="Parameter Update (Gradient Descent)",
    kind="method",
    status="bound",
    api="Module.parameters(self) -> list[Value]",
    consumes=("model",),
    params={
        "learning_rate": Param("float", default=0.05, doc="Step size for gradient descent"),
    },
    wiki="_WorkflowIndex.md:137",
)


def run(model, learning_rate):
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return {}
