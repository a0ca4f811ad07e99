"""Step 5: Backward Pass (Gradient Computation).

Call backward() on the loss Value to compute gradients of all parameters with respect to the loss.
This implements reverse-mode automatic differentiation.

**What happens:**
- Topological sort orders all nodes from inputs to loss
- Initialize loss.grad = 1 (derivative of loss w.r.t. itself)
- Traverse nodes in reverse topological order
- Each node's _backward() closure applies the chain rule to propagate gradients
- After completion, every Value in the graph has its .grad attribute populated

Source: micrograd/engine.py:L54-70
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/engine.py#L54-L70
Inputs: Loss `Value` from Step 4 (contains computation graph in `_prev`)
Outputs: Gradients populated in `.grad` attribute of all `Value` objects in the graph
"""

from ..runtime import Step

STEP = Step(
    number=5,
    title="Backward Pass (Gradient Computation)",
    kind="method",
    status="bound",
    api="Value.backward(self) -> None",
    consumes=("loss",),
    wiki="_WorkflowIndex.md:119",
)


def run(loss):
    loss.backward()
    return {}
