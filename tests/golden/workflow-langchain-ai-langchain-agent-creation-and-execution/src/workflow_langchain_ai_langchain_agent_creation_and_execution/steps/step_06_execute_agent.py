"""Step 6: Execute Agent.

Invoke or stream the agent with input messages. The agent maintains state across turns,
executes tools as needed, and returns the final response. Execution can be synchronous
(`invoke`, `stream`) or asynchronous (`ainvoke`, `astream`).

**What happens:**
- Input messages are added to state
- Model is called with system prompt and available tools
- Tool calls are executed in parallel
- Loop continues until no tool calls or structured output is produced
- Final state includes all messages and optional structured response

Kind: manual (manual step)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:82
"""

from __future__ import annotations

from typing import Any

NUMBER = 6
TITLE = "Execute Agent"
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

    logging.getLogger(__name__).info('manual step: Execute Agent')
    return dict(config)
