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

Source: micrograd/nn.py:L6-8
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/nn.py#L6-L8
Inputs: Model after parameter update
Outputs: Reset gradients (all `p.grad = 0`), ready for next iteration
"""

from ..runtime import Param, Step

STEP = Step(
    number=7,
    title="Training Loop Iteration",
    kind="method",
    status="bound",
    api="Module.zero_grad(self) -> None",
    consumes=("model",),
    params={
        "epochs": Param("int", doc="Number of training iterations"),
    },
    wiki="_WorkflowIndex.md:164",
)


def run(model, epochs):
    model.zero_grad()
    return {}
