"""Step 3: Configure Middleware (Optional).

Add middleware to customize agent behavior at various lifecycle points. Middleware can
intercept model calls for retry logic, add human approval workflows, enforce tool call
limits, manage context window size, and more.

**Key considerations:**
- Middleware is composable and executes in order (first = outermost)
- Use `before_model`, `after_model`, `wrap_model_call`, and `wrap_tool_call` hooks
- Middleware can extend the agent state schema with custom fields

Kind: manual (manual step)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:52
"""

from __future__ import annotations

from typing import Any

NUMBER = 3
TITLE = "Configure Middleware (Optional)"
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

    logging.getLogger(__name__).info('manual step: Configure Middleware (Optional)')
    return dict(config)
