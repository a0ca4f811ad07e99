"""Step 4: Loss Computation.

Calculate a scalar loss value that measures prediction quality. Common choices include SVM
max-margin (hinge) loss for binary classification.

**SVM Hinge Loss formula:**
  loss = sum(max(0, 1 - y_i * score_i)) for all samples

**What happens:**
- Compare predictions against target labels
- Aggregate individual sample losses into a single scalar
- Optionally add L2 regularization on weights
- The loss Value contains the entire computation graph via _prev references

Source: micrograd/engine.py:L78-79 (sub), L35-43 (pow), L13-22 (add)
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/engine.py#L78-L79
Inputs: List of predictions from forward pass, list of ground truth targets
Outputs: `Value` object containing total loss (e.g., MSE or hinge loss)
"""

from ..runtime import Step

STEP = Step(
    number=4,
    title="Loss Computation",
    kind="call",
    status="bound",
    api="Value.__sub__",
    consumes=("ys", "ypred"),
    produces=("loss",),
    wiki="_WorkflowIndex.md:99",
)


def run(ys, ypred):
    loss = sum(((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred)))
    return {"loss": loss}
