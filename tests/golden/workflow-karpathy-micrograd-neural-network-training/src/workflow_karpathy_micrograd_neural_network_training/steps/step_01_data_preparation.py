"""Step 1: Data Preparation.

Prepare training data as lists of input-output pairs. Each input is a list of scalar values
representing features, and each output is a scalar target label (typically +1 or -1 for
binary classification).

**Key considerations:**
- Inputs must be Python lists of floats (micrograd wraps them as Value objects internally)
- Labels should be numeric scalars compatible with the loss function
- For binary classification, use +1/-1 labels with SVM-style hinge loss, or 0/1 with other
losses
- Dataset size is limited by computational efficiency (scalar operations)

Kind: pattern (bound to a real call)
API call: Python lists/data structures (user-defined)
Source: (user code) - No library code
Inputs: Raw training data (e.g., from file, manual entry, or generated)
Outputs: `xs` list of input vectors, `ys` list of target values
Wiki: _WorkflowIndex.md:42
"""

from __future__ import annotations

from typing import Any

NUMBER = 1
TITLE = "Data Preparation"
KIND = "pattern"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "Python lists/data structures (user-defined)"
IMPORT = ""
IMPORT_ORIGIN = ""
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = ""
UNPACK = 2
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ("xs", "ys")
PARAMS: dict[str, dict[str, Any]] = {
    "xs": {"type": "list[list[float]]", "default": None, "required": True},
    "ys": {"type": "list[float]", "default": None, "required": True},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    return {'xs': config['xs'], 'ys': config['ys']}
