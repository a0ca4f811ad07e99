"""Step 4: Configure Response Format (Optional).

Optionally configure structured output to ensure the agent returns responses conforming to a
Pydantic schema. The framework supports three strategies: ToolStrategy (tool call for
output), ProviderStrategy (native structured output), and AutoStrategy (automatic selection
based on model capabilities).

**Key considerations:**
- ToolStrategy works with any model that supports tool calling
- ProviderStrategy requires model support (e.g., OpenAI JSON mode)
- Error handling can be configured for retry on validation failures

Kind: manual (manual step)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:62
"""

from __future__ import annotations

from typing import Any

NUMBER = 4
TITLE = "Configure Response Format (Optional)"
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

    logging.getLogger(__name__).info('manual step: Configure Response Format (Optional)')
    return dict(config)
