"""Step 2: Define Tools.

Specify the tools the agent can use to accomplish tasks. Tools can be Python functions,
`BaseTool` instances, or dictionaries for provider-specific built-in tools. Each tool should
have a clear docstring describing its purpose, as this is used by the LLM to decide when to
use it.

**Key considerations:**
- Functions are automatically converted to `BaseTool` instances
- Tools with `return_direct=True` end the agent loop immediately
- Middleware can inject additional tools dynamically

Kind: manual (manual step)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:42
"""

from __future__ import annotations

from typing import Any

NUMBER = 2
TITLE = "Define Tools"
KIND = "manual"
BOUND = False
NEEDS_IMPLEMENTATION = False
API = ""
IMPORT = ""
IMPORT_ORIGIN = ""
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ()
TARGET = ""
UNPACK = 2
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
}
# a manual or decision step: run() logs it and passes its config values on as artifacts


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    import logging

    logging.getLogger(__name__).info('manual step: Define Tools')
    return dict(config)
