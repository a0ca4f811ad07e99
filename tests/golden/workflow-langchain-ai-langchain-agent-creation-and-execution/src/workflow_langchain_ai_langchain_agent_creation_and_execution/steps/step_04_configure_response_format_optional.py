"""Step 4: Configure Response Format (Optional).

Optionally configure structured output to ensure the agent returns responses conforming to a
Pydantic schema. The framework supports three strategies: ToolStrategy (tool call for
output), ProviderStrategy (native structured output), and AutoStrategy (automatic selection
based on model capabilities).

**Key considerations:**
- ToolStrategy works with any model that supports tool calling
- ProviderStrategy requires model support (e.g., OpenAI JSON mode)
- Error handling can be configured for retry on validation failures

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:62
"""

from __future__ import annotations

from typing import Any

NUMBER = 4
TITLE = "Configure Response Format (Optional)"
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
    raise NotImplementedError('Step 4 (Configure Response Format (Optional)) is not bound to an API yet')
