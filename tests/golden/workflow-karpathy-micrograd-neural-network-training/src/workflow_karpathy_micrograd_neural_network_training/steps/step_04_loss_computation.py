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

Kind: call (bound to a real call)
API call: Value.__sub__
Source: micrograd/engine.py:L78-79 (sub), L35-43 (pow), L13-22 (add)
        https://github.com/karpathy/micrograd/blob/HEAD/micrograd/engine.py#L78-L79
Inputs: List of predictions from forward pass, list of ground truth targets
Outputs: `Value` object containing total loss (e.g., MSE or hinge loss)
Wiki: _WorkflowIndex.md:99
"""

from __future__ import annotations

from typing import Any

NUMBER = 4
TITLE = "Loss Computation"
KIND = "call"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "Value.__sub__"
IMPORT = ""
IMPORT_ORIGIN = "upstream"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = "__sub__"
UNPACK = 2
CONSUMES: tuple[str, ...] = ("ys", "ypred")
PRODUCES: tuple[str, ...] = ("loss",)
PARAMS: dict[str, dict[str, Any]] = {
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    ys = artifacts['ys']
    ypred = artifacts['ypred']
    loss = sum(((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred)))
    return {'loss': loss}
