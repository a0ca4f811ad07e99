"""Step 2: Define Tools.

Specify the tools the agent can use to accomplish tasks. Tools can be Python functions,
`BaseTool` instances, or dictionaries for provider-specific built-in tools. Each tool should
have a clear docstring describing its purpose, as this is used by the LLM to decide when to
use it.

**Key considerations:**
- Functions are automatically converted to `BaseTool` instances
- Tools with `return_direct=True` end the agent loop immediately
- Middleware can inject additional tools dynamically

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:42
"""

from __future__ import annotations

from typing import Any

NUMBER = 2
TITLE = "Define Tools"
KIND = "manual"
BOUND = False
NEEDS_IMPLEMENTATION = True
API = ""
IMPORT = ""
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    raise NotImplementedError('Step 2 (Define Tools) is not bound to an API yet')
