"""Step 1: Data Preparation.

Prepare training data as lists of input-output pairs. Each input is a list of scalar values
representing features, and each output is a scalar target label (typically +1 or -1 for binary
classification).

**Key considerations:**
- Inputs must be Python lists of floats (micrograd wraps them as Value objects internally)
- Labels should be numeric scalars compatible with the loss function
- For binary classification, use +1/-1 labels with SVM-style hinge loss, or 0/1 with other losses
- Dataset size is limited by computational efficiency (scalar operations)

Source: (user code) - No library code
Inputs: Raw training data (e.g., from file, manual entry, or generated)
Outputs: `xs` list of input vectors, `ys` list of target values
"""

from ..runtime import Param, Step

STEP = Step(
    number=1,
    title="Data Preparation",
    kind="pattern",
    status="bound",
    api="Python lists/data structures (user-defined)",
    produces=("xs", "ys"),
    params={
        "xs": Param("list[list[float]]", doc="Input feature vectors"),
        "ys": Param("list[float]", doc="Target labels"),
    },
    wiki="_WorkflowIndex.md:42",
)


def run(xs, ys):
    return {"xs": xs, "ys": ys}
