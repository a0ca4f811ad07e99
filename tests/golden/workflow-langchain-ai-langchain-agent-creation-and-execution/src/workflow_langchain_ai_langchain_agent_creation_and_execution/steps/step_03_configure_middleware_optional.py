"""Step 3: Configure Middleware (Optional).

Add middleware to customize agent behavior at various lifecycle points. Middleware can
intercept model calls for retry logic, add human approval workflows, enforce tool call
limits, manage context window size, and more.

**Key considerations:**
- Middleware is composable and executes in order (first = outermost)
- Use `before_model`, `after_model`, `wrap_model_call`, and `wrap_tool_call` hooks
- Middleware can extend the agent state schema with custom fields

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:52
"""

from __future__ import annotations

from typing import Any

NUMBER = 3
TITLE = "Configure Middleware (Optional)"
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
    raise NotImplementedError('Step 3 (Configure Middleware (Optional)) is not bound to an API yet')
